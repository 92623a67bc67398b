"""The seed's character counter end to end: built its way (dpukconfig script, dpucc -C,
dpugeni from the DIDL), driven by Kelonia with a thread per DPU in the seed's producer/consumer
scheme, on the simulator and with mocked DPUs; and the seed's Java snippets' Python twins."""

from __future__ import annotations

import importlib
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "charcount"


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("charcount")
    make = shutil.which("make")
    assert make, "make builds the sample"
    r = subprocess.run([make, "-C", str(SAMPLE), f"BUILD={build}",
                        f"BIN={Path(sys.executable).parent}"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert {p.name for p in build.iterdir()} >= {"charcount", "charcount.json",
                                                  "charcount_interface.py",
                                                  "charcount_interface.h"}
    return build


@pytest.fixture(scope="module")
def sample(build):
    """The sample's modules, importing the bindings generated into the build directory."""
    sys.path[:0] = [str(SAMPLE), str(build)]
    try:
        for name in ("run", "seed_examples", "charcount_interface"):
            sys.modules.pop(name, None)
        run = importlib.import_module("run")
        seed = importlib.import_module("seed_examples")
        yield run, seed
    finally:
        del sys.path[:2]
        for name in ("run", "seed_examples", "charcount_interface"):
            sys.modules.pop(name, None)


@pytest.mark.parametrize("dpus,block,stubbed", [(1, 4096, False), (3, 1000, False),
                                                (4, 70000, True)])
def test_counts_like_python(sample, build, dpus, block, stubbed):
    run, _ = sample
    rng = random.Random(dpus)
    text = bytes(rng.choice(b"abcde \n") for _ in range(20_000 + 77))
    result = run.count(text, ord("e"), dpus, block, build, stubbed=stubbed)
    assert result.value == text.count(b"e")
    assert result.blocks == -(-len(text) // block)


def test_the_host_program(build):
    r = subprocess.run([sys.executable, str(SAMPLE / "run.py"), "--build", str(build),
                        "--dpus", "2", "--size", "96K", "--block-size", "16K", "--char", "t"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "Python's count:" in r.stdout and "the same" in r.stdout
    assert "(98304 bytes, 6 blocks of up to 16384 bytes, 2 DPUs x 16 tasklets)" in r.stdout
    r = subprocess.run([sys.executable, str(SAMPLE / "run.py"), "--build", str(build),
                        "--block-size", "65M"], capture_output=True, text=True)
    assert r.returncode == 2 and "--block-size must be between 1 and 67108864" in r.stderr


def test_the_seed_snippets(sample, build, capsys):
    _, seed = sample
    binary = str(build / "charcount")
    text = b"a banana and an apple, all in a basket " * 40
    assert seed.count_character_with_one_dpu(binary, text) == text.count(b"a")
    assert seed.count_character_with_multiple_dpu(binary, text * 3, 3, 700) == \
        3 * text.count(b"a")
    out = capsys.readouterr().out
    assert "starting task" in out and f"Found {3 * text.count(b'a')} 'a's" in out


def test_the_seed_mockito_example(sample, build):
    """No DPU and no simulation: the interface's Stubbed variant hands out mocks."""
    _, seed = sample
    import charcount_interface as CharcountInterface
    from kelonia import PYTHON, BasicDpuAssemblyLine, DpuFoundry
    device = seed.stubbed_device(str(build / "charcount"))
    with DpuFoundry.targeting(PYTHON).build(BasicDpuAssemblyLine.using_dpus(8, device)) as a:
        assert a.dpus is None
        copy = a.get_worker(5, CharcountInterface.Task.memory_copy)
        copy.copy_to_device(0, b"any text")
        counters = a.get_worker(5, CharcountInterface.Task.count_characters).count_characters(
            8, ord("t"))
        assert sum(counters) == 376
        copy.copy_to_device.assert_called_once_with(0, b"any text")
