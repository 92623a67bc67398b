"""Shared fixtures: running the installed command-line tools as a user would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    """Keep the runtime library's cache out of the user's home during tests."""
    if "DPUCC_CACHE" not in os.environ:
        import tempfile
        os.environ["DPUCC_CACHE"] = os.path.join(tempfile.gettempdir(),
                                                 f"dpucc-test-cache-{os.getuid()}")
    # and the native engine's compiled programs: a fresh directory per session, so no test
    # depends on what an earlier run left behind
    if "DPUSIM_CACHE" not in os.environ:
        import atexit
        import shutil
        import tempfile
        where = tempfile.mkdtemp(prefix="dpusim-test-cache-")
        os.environ["DPUSIM_CACHE"] = where
        atexit.register(shutil.rmtree, where, True)
BIN = Path(sys.executable).parent


def run_tool(tool: str, *args: str, cwd: str | Path | None = None,
             input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run an installed console script; stdout/stderr are text."""
    exe = BIN / tool
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c",
                                           f"from dpuasm.cli import *; {tool}_main()"]
    return subprocess.run(cmd + list(args), cwd=cwd, input=input, capture_output=True,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture
def tool():
    def call(name: str, *args: str, cwd=None, input=None) -> subprocess.CompletedProcess:
        return run_tool(name, *args, cwd=cwd, input=input)
    return call


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """Empty caches for the native engine: its memory cache, and a disk cache of the test's own
    (the directory is yielded).  A tier-up that an earlier test started in the background would
    install its code in the memory cache, and write it to whatever disk cache is set when it
    ends: it is waited for first."""
    from dpusim import native
    assert native.wait_for_upgrades(timeout=300)
    monkeypatch.setenv("DPUSIM_CACHE", str(tmp_path / "cache"))
    native._cache.clear()
    yield tmp_path / "cache"
    assert native.wait_for_upgrades(timeout=300)
    native._cache.clear()


@pytest.fixture
def interruptible():
    """``preexec_fn`` of a terminal session's child: SIGINT back to its default, so Ctrl-C
    interrupts the child as in a user's terminal even when the tests themselves run with SIGINT
    ignored (the background job of a shell without job control, or nohup)."""
    return lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def example_source() -> Path:
    return ROOT / "examples" / "hello.s"


@pytest.fixture(scope="session")
def ray_cluster():
    """One local Ray instance for the whole session (the ray backend's tests): two CPUs, no
    dashboard.  Its workers import this checkout's sources, as the tests do."""
    import ray
    src = str(ROOT / "src")
    path = os.pathsep.join([src, os.environ["PYTHONPATH"]]) if os.environ.get("PYTHONPATH") \
        else src
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING",
             runtime_env={"env_vars": {"PYTHONPATH": path}})
    yield ray
    ray.shutdown()


def _is_ray(param) -> bool:
    name = param.get("backend") if isinstance(param, dict) else getattr(param, "value", param)
    return name == "ray"


def _with_ray_if_asked(request):
    if _is_ray(request.param):
        request.getfixturevalue("ray_cluster")
    return request.param


def pytest_collection_modifyitems(config, items):
    """Tests of the ray backend share one xdist worker (``--dist loadgroup``, as ``make test``
    runs), so that one Ray instance serves them all."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "ray_cluster" in item.fixturenames or any(
                _is_ray(params.get(name)) for name in ("how", "backend") if name in params):
            item.add_marker(pytest.mark.xdist_group("ray"))


@pytest.fixture
def how(request):
    """A backend and its options (``DpuSet.allocate(n, **how)``), from the test's parameters
    (indirect); the ray backend gets the session's Ray instance."""
    return _with_ray_if_asked(request)


@pytest.fixture
def backend(request):
    """A kelonia ``DpuBackend`` from the test's parameters (indirect); the ray backend gets
    the session's Ray instance."""
    return _with_ray_if_asked(request)
