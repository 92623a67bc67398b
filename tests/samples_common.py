"""What the tests of the modern-style samples (samples/vecadd, histogram, reduction) share:
building a sample with its Makefile, importing its host program, running it as a user would,
and checking that its Makefile's dependency files make a header change rebuild the program."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BIN = Path(sys.executable).parent


def make(directory: Path, build: Path, *args: str) -> subprocess.CompletedProcess:
    tool = shutil.which("make")
    assert tool, "make builds the samples"
    return subprocess.run([tool, "-C", str(directory), f"BUILD={build}", f"BIN={BIN}", *args],
                          capture_output=True, text=True)


def build_sample(name: str, build: Path, program: str | None = None) -> Path:
    """``make -C samples/<name> BUILD=build``; the program's path (named like the sample
    unless ``program`` says otherwise)."""
    r = make(SAMPLES / name, build)
    assert r.returncode == 0, r.stdout + r.stderr
    program = build / (program or name)
    assert program.exists() and program.with_suffix(".d").exists()
    return program


def import_host(name: str) -> ModuleType:
    """samples/<name>/run.py as the module ``<name>_run`` (every sample's host is run.py)."""
    spec = importlib.util.spec_from_file_location(f"{name}_run", SAMPLES / name / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_host(name: str, build: Path, *args: str) -> subprocess.CompletedProcess:
    """``python samples/<name>/run.py --build build args...``"""
    return subprocess.run([sys.executable, str(SAMPLES / name / "run.py"), "--build",
                           str(build), *args], capture_output=True, text=True)


def check_header_change_rebuilds(name: str, header: str, tmp_path: Path) -> None:
    """A copy of the sample, built; up to date; its header touched: out of date, and make
    rebuilds the program (the -MD dependency file names the header); up to date again."""
    copy = tmp_path / name
    shutil.copytree(SAMPLES / name, copy, ignore=shutil.ignore_patterns("build", "__pycache__"))
    build = tmp_path / "build"
    r = make(copy, build)
    assert r.returncode == 0, r.stdout + r.stderr
    assert make(copy, build, "-q").returncode == 0, "just built: up to date"
    assert f"{header}" in (build / f"{name}.d").read_text()
    # The header changes after the build: make the program older than the header rather than
    # the header newer than now, whatever the file system's time grain.
    earlier = (copy / header).stat().st_mtime - 10
    os.utime(build / name, (earlier, earlier))
    assert make(copy, build, "-q").returncode == 1, f"{header} changed: out of date"
    r = make(copy, build)
    assert r.returncode == 0 and "dpucc" in r.stdout, r.stdout + r.stderr
    assert make(copy, build, "-q").returncode == 0
