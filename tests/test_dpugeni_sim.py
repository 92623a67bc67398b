"""End to end on the simulator: the seed's charcount program, built its way (dpukconfig, dpucc -C),
driven through the binding dpugeni generates from the seed's DIDL; and roundtrip.c, a program
written against the generated C header, driven through the generated Python module — both ends
of every channel agree."""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path

from dpucore import memory
from dpusim.simulator import Simulator

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "charcount"
DIDL = ROOT / "tests" / "didl"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


class SimDpu:
    """A DpuHandle over one simulated DPU."""

    def __init__(self, program: Path, engine: str = "ref"):
        self.index = 0
        self.sim = Simulator(nr_dpus=1, engine=engine)
        self.sim.load(str(program))
        self.launches = 0

    def copy_to(self, symbol: str, data: bytes, offset: int = 0) -> None:
        self.sim.write(0, symbol, data, offset)

    def copy_from(self, symbol: str, length: int, offset: int = 0) -> bytes:
        return self.sim.read(0, symbol, length, offset)

    def mram_write(self, address: int, data: bytes) -> None:
        self.sim.write(0, memory.MRAM_BASE + address, data)

    def mram_read(self, address: int, length: int) -> bytes:
        return self.sim.read(0, memory.MRAM_BASE + address, length)

    def launch(self) -> None:
        self.launches += 1
        self.sim.launch()


def _tool(*args: str, cwd: Path) -> None:
    r = subprocess.run([str(BIN / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True,
                       env=ENV)
    assert r.returncode == 0, f"{' '.join(args)}:\n{r.stdout}{r.stderr}"


def _generate(didl: Path, config: Path, out: Path, *targets: str) -> None:
    args = [a for t in targets for a in ("-e", t)]
    r = subprocess.run([sys.executable, "-m", "dpugeni", "-C", str(config), *args, "-o",
                        str(out), str(didl)], capture_output=True, text=True, env=ENV)
    assert r.returncode == 0, r.stderr


def _import(path: Path):
    spec = importlib.util.spec_from_file_location(f"sim_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_seed_charcount_through_its_generated_binding(tmp_path):
    _tool("dpukconfig", "-s", str(SAMPLE / "charcount.rte"), "-o", "cfg.json", cwd=tmp_path)
    _tool("dpucc", "-O2", "-C", "cfg.json", "-o", "prog", str(SAMPLE / "charcount.c"), cwd=tmp_path)
    _generate(SAMPLE / "charcount.didl", tmp_path / "cfg.json", tmp_path, "python")
    binding = _import(tmp_path / "charcount_interface.py")

    dpu = SimDpu(tmp_path / "prog")
    factories = binding.Charcount.instance().worker_factories()
    worker = factories[binding.Task.count_characters](dpu)
    copy = factories[binding.Task.memory_copy](dpu)
    rng = random.Random(2016)
    for size, char in [(9_000 + 77, "e"), (1_001, "a")]:
        text = bytes(rng.choice(b"abcde \n") for _ in range(size))
        # the program counts whole 256-byte blocks: zeros after the text
        copy.copy_to_device(0, text + bytes(-len(text) % 256))
        assert copy.copy_from_device(0, len(text)) == text
        counters = worker.count_characters(len(text), ord(char))
        assert len(counters) == 16
        assert sum(counters) == text.count(char.encode())
        assert counters[0] == text[0:256].count(char.encode()) + \
            sum(text[b:b + 256].count(char.encode()) for b in range(16 * 256, len(text), 16 * 256))
    assert dpu.launches == 2


def test_roundtrip_program_written_against_the_generated_header(tmp_path):
    _tool("dpukconfig", "-s", str(DIDL / "roundtrip.rte"), "-o", "cfg.json", cwd=tmp_path)
    _generate(DIDL / "roundtrip.didl", tmp_path / "cfg.json", tmp_path, "python", "c")
    (tmp_path / "roundtrip.c").write_bytes((DIDL / "roundtrip.c").read_bytes())
    _tool("dpucc", "-O2", "-C", "cfg.json", "-o", "prog", "roundtrip.c", cwd=tmp_path)
    binding = _import(tmp_path / "roundtrip_interface.py")

    dpu = SimDpu(tmp_path / "prog")
    factories = binding.Roundtrip.instance().worker_factories()
    worker = factories[binding.Task.transform](dpu)
    copy = factories[binding.Task.memory_copy](dpu)
    copy.copy_to_device(0x1000, bytes(range(1, 17)))
    copy.copy_to_device(0x2000, bytes(range(100, 116)))
    d = [-7, 8, 300]
    e, f, g, i, k = worker.transform(-3, (1 << 40) + 5, d, [1, -2, 3, 2**30], [250, 1, 2, 3, 4],
                                     0x11223344, 1.5)
    assert e == [-1, -7, 3, 2**31 - 3]
    assert f == [(1 << 40) + 5 - t * d[t % 3] for t in range(4)]
    assert g == [251, 3, 5, 7, 9]
    assert i == [0x3344, 0x2233, 0x1122]
    assert k == -1.5
    # MRAM around the unaligned values is untouched
    assert copy.copy_from_device(0x2000, 16) == bytes([100, 101]) + bytes.fromhex(
        "443333222211") + bytes(range(108, 116))
    assert copy.copy_from_device(0x1000, 4) == bytes([1, 2, 3, 4])
    # extremes: i8 127, u64 max, i16 bounds, i32 min, a u8 that wraps on the DPU, -0.0
    _, _, g, _, k = worker.transform(127, 2**64 - 1, [-32768, 32767, 0], [0, 0, 0, -2**31],
                                     [0, 0, 0, 0, 255], 0, -0.0)
    assert g == [1, 2, 3, 4, 4] and str(k) == "0.0"
