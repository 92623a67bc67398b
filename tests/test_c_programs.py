"""Self-checking C programs (tests/c/*.c): gcc on the host gives the expected values, dpucc at
-O0 and -O2 on dpusim must give the same, exactly.  Programs that run at most
REFERENCE_BUDGET instructions also run on the reference engine, which must agree on the values
and on the cycle and instruction counts; past that the reference engine (the executable
specification, some 30 times slower) would take most of the suite's time for little more
differential coverage than test_sim_vector and test_sim_fuzz already give.

The native engine compiles each program to machine code, which on all 640 builds would double
the suite's time: it runs a fixed quarter of the programs at -O2 (chosen by a hash of the name,
so always the same ones, floating point and integer alike), and all of them with
``DPU_TEST_ALL_ENGINES=1``.  Programs of up to OPTIMISED_TIER_MAX instructions run the
optimised code a long run moves to (a second or less to compile); larger ones (most: the
runtime library is linked in) run the quick code, as test_sim_vector's random programs do:
their optimised code takes LLVM 5-16 s, more than the rest of this file's test of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from dpusim.simulator import Simulator

C_DIR = Path(__file__).parent / "c"
PROGRAMS = sorted(p.name for p in C_DIR.glob("*.c"))


@pytest.fixture(scope="session")
def gcc_outputs(tmp_path_factory, worker_id):
    """What each program records when gcc compiles it for the host, computed when first asked
    and kept where every test worker finds it (a program's -O0 and -O2 tests often run on
    different workers: gcc compiles it once)."""
    gcc = shutil.which("gcc")
    assert gcc, "the host's gcc gives the expected outputs; it must be installed"
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if worker_id != "master" else base) / "gcc-outputs"
    shared.mkdir(exist_ok=True)
    work = tmp_path_factory.mktemp("gcc")
    out: dict[str, list[int]] = {}

    def of(name: str) -> list[int]:
        if name not in out:
            kept = shared / (name + ".out")
            if not kept.exists():
                exe = work / name.replace(".c", "")
                subprocess.run([gcc, "-O1", "-w", "-DHOST", f"-I{C_DIR}", str(C_DIR / name),
                                "-lm", "-o", str(exe)], check=True)
                text = subprocess.run([str(exe)], check=True, capture_output=True,
                                      text=True).stdout
                partial = work / (name + ".out")
                partial.write_text(text)
                os.replace(partial, kept)  # (whole, or not there: another worker may read it)
            out[name] = [int(line) for line in kept.read_text().split()]
        return out[name]
    return of


REFERENCE_BUDGET = 10_000
OPTIMISED_TIER_MAX = 256
ALL_ENGINES = bool(os.environ.get("DPU_TEST_ALL_ENGINES"))


def natively(name: str, opt: str) -> bool:
    """Whether the native engine runs this build too (see the module's docstring)."""
    return ALL_ENGINES or (opt == "-O2" and zlib.crc32(name.encode()) % 4 == 0)


def program_size(iram: list[int]) -> int:
    """Instructions up to the last non-zero word."""
    return max((i + 1 for i, w in enumerate(iram) if w), default=0)


def run_on_dpu(tmp_path: Path, name: str, opt: str) -> list[int]:
    """The values the program records; both engines must agree to the cycle on short runs."""
    from dpucc.driver import Driver, parse_args
    exe = tmp_path / f"{name}{opt}.elf"
    # in-process: the command line's own start-up would cost as much as compiling
    Driver(parse_args([opt, f"-I{C_DIR}", "-o", str(exe), str(C_DIR / name)])).run()
    outcomes = []
    engines = ("vector", "native", "ref") if natively(name, opt) else ("vector", "ref")
    for engine in engines:
        if engine == "ref" and outcomes[0][2] > REFERENCE_BUDGET:
            break
        sim = Simulator(engine=engine)
        sim.load(str(exe))
        if engine == "native" and program_size(sim.dpus[0].iram) <= OPTIMISED_TIER_MAX:
            sim.engine.tier = "optimised"
        sim.launch(max_cycles=50_000_000)
        n = int.from_bytes(sim.read(0, "__nresults", 4), "little")
        assert n <= 1024, f"{name} records {n} values; check.h keeps 1024"
        data = sim.read(0, "__results", 4 * n)
        values = [int.from_bytes(data[4 * i:4 * i + 4], "little") for i in range(n)]
        outcomes.append((values, sim.dpus[0].cycle, sim.dpus[0].instructions))
    assert all(o == outcomes[0] for o in outcomes), "the engines disagree"
    return outcomes[0][0]


@pytest.mark.parametrize("opt", ["-O0", "-O2"])
@pytest.mark.parametrize("name", PROGRAMS)
def test_program_matches_gcc(tmp_path, gcc_outputs, name, opt):
    assert run_on_dpu(tmp_path, name, opt) == gcc_outputs(name)


VLA_LOOP = r"""
volatile int n = 500;
int total;
int main(void)
{
    for (int it = 0; it < 300; it++) {
        char buf[n];               /* 500 bytes a time: 150 KB if they were not given back */
        buf[it] = (char)it;
        total += buf[it];
        if (it % 3 == 0)
            continue;
        for (int k = 0; k < 4; k++) {
            int more[n / 10 + k];
            more[k] = k;
            if (k == 2)
                break;
            total += more[k];
        }
    }
    return 0;
}
"""


@pytest.mark.parametrize("opt", ["-O0", "-O2"])
def test_variable_length_arrays_give_their_stack_back(tmp_path, opt):
    """Each iteration's arrays are freed at the end of their scope and by break/continue:
    without that the loop would need 150 KB of a 64 KiB WRAM and fault."""
    from dpucc.driver import Driver, parse_args
    (tmp_path / "v.c").write_text(VLA_LOOP)
    exe = str(tmp_path / "v")
    Driver(parse_args([opt, "-o", exe, str(tmp_path / "v.c")])).run()
    sim = Simulator()
    sim.load(exe)
    sim.launch(max_cycles=50_000_000)
    total = int.from_bytes(sim.read(0, "total", 4), "little")
    assert total == sum(it - 128 * 2 * (it >= 128) if it < 256 else it - 256
                        for it in range(300)) + sum(1 for it in range(300) if it % 3)
