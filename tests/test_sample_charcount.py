"""The seed's character counter, built its way (dpukconfig script, dpucc -C) and run on
simulated DPUs by its host script."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "charcount"


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    build = tmp_path_factory.mktemp("charcount")
    make = shutil.which("make")
    assert make, "make builds the sample"
    r = subprocess.run([make, "-C", str(SAMPLE), f"BUILD={build}",
                        f"BIN={Path(sys.executable).parent}"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return build / "charcount"


@pytest.mark.parametrize("dpus,engine", [(1, "ref"), (3, "vector")])
def test_counts_like_python(program, dpus, engine):
    sys.path.insert(0, str(SAMPLE))
    try:
        from run import count
    finally:
        sys.path.pop(0)
    rng = random.Random(dpus)
    text = bytes(rng.choice(b"abcde \n") for _ in range(20_000 + 77))
    found, cycles = count(str(program), text, ord("e"), dpus, engine)
    assert found == text.count(b"e") and cycles > 0


def test_the_host_script(program):
    r = subprocess.run([sys.executable, str(SAMPLE / "run.py"), "--program", str(program),
                        "--dpus", "2", "--char", "t", str(SAMPLE / "charcount.c")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    text = (SAMPLE / "charcount.c").read_bytes()
    assert f"found {text.count(b't')} occurrences of 't'" in r.stdout
