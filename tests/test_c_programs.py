"""Self-checking C programs (tests/c/*.c): gcc on the host gives the expected values, dpucc at
-O0 and -O2 on dpusim must give the same, exactly — on both engines, which must also agree on
cycles and instructions."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dpusim.simulator import Simulator

C_DIR = Path(__file__).parent / "c"
PROGRAMS = sorted(p.name for p in C_DIR.glob("*.c"))


@pytest.fixture(scope="module")
def gcc_outputs(tmp_path_factory) -> dict[str, list[int]]:
    gcc = shutil.which("gcc")
    assert gcc, "the host's gcc gives the expected outputs; it must be installed"
    out = {}
    work = tmp_path_factory.mktemp("gcc")
    for name in PROGRAMS:
        exe = work / name.replace(".c", "")
        subprocess.run([gcc, "-O1", "-w", "-DHOST", f"-I{C_DIR}", str(C_DIR / name), "-o",
                        str(exe)], check=True)
        text = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
        out[name] = [int(line) for line in text.split()]
    return out


def run_on_dpu(tool, tmp_path: Path, name: str, opt: str) -> list[int]:
    """The values the program records, on both engines, which must agree to the cycle."""
    exe = tmp_path / f"{name}{opt}.elf"
    r = tool("dpucc", opt, f"-I{C_DIR}", "-o", str(exe), str(C_DIR / name))
    assert r.returncode == 0, r.stderr.decode()
    outcomes = []
    for engine in ("ref", "vector"):
        sim = Simulator(engine=engine)
        sim.load(str(exe))
        sim.launch(max_cycles=50_000_000)
        n = int.from_bytes(sim.read(0, "__nresults", 4), "little")
        assert n <= 1024, f"{name} records {n} values; check.h keeps 1024"
        data = sim.read(0, "__results", 4 * n)
        values = [int.from_bytes(data[4 * i:4 * i + 4], "little") for i in range(n)]
        outcomes.append((values, sim.dpus[0].cycle, sim.dpus[0].instructions))
    assert outcomes[0] == outcomes[1], "the engines disagree"
    return outcomes[0][0]


@pytest.mark.parametrize("opt", ["-O0", "-O2"])
@pytest.mark.parametrize("name", PROGRAMS)
def test_program_matches_gcc(tool, tmp_path, gcc_outputs, name, opt):
    assert run_on_dpu(tool, tmp_path, name, opt) == gcc_outputs[name]
