"""Shared fixtures: running the installed command-line tools as a user would."""

from __future__ import annotations

import os
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
def example_source() -> Path:
    return ROOT / "examples" / "hello.s"
