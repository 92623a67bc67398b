"""Build integration for user projects: kelonia.project builds a project's DPU side (only when
an input changed), the hatchling hook ships it inside the wheel, and samples/pyproject-app
installs offline into a fresh virtual environment, where its own tests pass (simulator and
stubs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from kelonia.project import ProjectError, build

APP = Path(__file__).resolve().parent.parent / "samples" / "pyproject-app"


def copy_app(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    shutil.copytree(APP, app, ignore=shutil.ignore_patterns("build", "*.egg-info",
                                                            "__pycache__"))
    return app


def test_the_dpu_side_is_rebuilt_only_when_an_input_changes(tmp_path):
    app = copy_app(tmp_path)
    source, out = app / "src/main/dpu", tmp_path / "out"
    first = build(source, out)
    assert first.rebuilt and first.program.name == "linecount"
    assert [p.name for p in first.bindings] == ["linecount_interface.py"]
    assert build(source, out).rebuilt is False
    (source / "linecount.c").write_text((source / "linecount.c").read_text() + "\n")
    assert build(source, out).rebuilt is True
    assert build(source, out, cflags=["-O0"]).rebuilt is True
    assert build(source, out, cflags=["-O0"]).rebuilt is False


def test_build_errors_say_what_failed(tmp_path):
    app = copy_app(tmp_path)
    source = app / "src/main/dpu"
    (source / "linecount.didl").write_text("function f(a: in u32) { a <- sysmbox[5] }\n")
    with pytest.raises(ProjectError, match=r"linecount.didl:1:38: error: sysmbox\[5\] takes word 5"):
        build(source, tmp_path / "out")
    (source / "linecount.c").write_text("int linecount(void) { return nope; }\n")
    with pytest.raises(ProjectError, match="'nope' undeclared"):
        build(source, tmp_path / "out")
    with pytest.raises(ProjectError, match="no such directory"):
        build(tmp_path / "missing", tmp_path / "out")


def _pip(python: str, *args: str, cwd=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run([python, "-m", "pip", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


@pytest.mark.slow
def test_the_wheel_carries_the_program_and_installs_offline(tmp_path):
    app = copy_app(tmp_path)
    r = _pip(sys.executable, "wheel", "--no-index", "--no-build-isolation", "--no-deps",
             "-w", str(tmp_path / "wheels"), str(app))
    assert r.returncode == 0, r.stdout + r.stderr
    [wheel] = (tmp_path / "wheels").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"linecount_app/__init__.py", "linecount_app/linecount_interface.py",
            "linecount_app/dpu/linecount", "linecount_app/dpu/linecount.json",
            "linecount_app/dpu/linecount_interface.h"} <= names

    # A fresh environment that sees the toolchain (and the test tools) but nothing of the
    # app; pip may not reach any index.
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(fresh)], check=True)
    python = str(fresh / "bin" / "python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True)
    toolchain = sysconfig.get_paths()["purelib"]
    Path(site.stdout.strip(), "toolchain.pth").write_text(
        f"import site; site.addsitedir({toolchain!r})\n")
    r = _pip(python, "install", "--no-index", "--no-build-isolation", str(app))
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        str(app / "tests")], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "3 passed" in r.stdout
