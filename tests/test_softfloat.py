"""The runtime library's floating point (fp32.c, fp64.c) against the host's FPU, bit for bit.

Two comparisons, both driven by tests/fp/fpcheck.c, which makes the operands (random bits,
special values: ±0, subnormals, the ends of the normal range, ±inf, quiet and signalling NaNs;
nearby pairs for cancellation; pairs whose exact result falls on a rounding tie) and asks the
host's SSE unit for the answers:

- the library's C compiled by the host's gcc, 10^6 operand sets per operation: the algorithms;
- the library compiled by dpucc and run on the simulator, through C operators, casts and
  <math.h> calls in tests/fp/fpdpu.c: the compiler's lowering and its code for the library.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from functools import cache
from pathlib import Path

import pytest

from dpusim.simulator import Simulator

FP = Path(__file__).parent / "fp"
RUNTIME = Path(__file__).parent.parent / "src" / "dpucc" / "runtime"

# Operations in groups of one DPU program each (IRAM holds 4096 instructions).
GROUPS = {
    "f32": ["addf", "subf", "mulf", "divf", "negf", "sqrtf"],
    "f64": ["addd", "subd", "muld", "divd", "negd", "sqrtd"],
    "compare32": ["eqf", "nef", "ltf", "lef", "gtf", "gef", "unordf"],
    "compare64": ["eqd", "ned", "ltd", "led", "gtd", "ged", "unordd"],
    "math32": ["floorf", "ceilf", "truncf", "roundf", "fminf", "fmaxf"],
    "math64": ["floord", "ceild", "truncd", "roundd", "fmind", "fmaxd"],
    "convert": ["extend", "truncate", "sitof", "uitof", "ditof", "uditof", "sitod", "uitod",
                "ditod", "uditod"],
    "to_integer": ["ftosi", "ftoui", "ftodi", "ftoudi", "dtosi", "dtoui", "dtodi", "dtoudi"],
}
ALL_OPS = [op for ops in GROUPS.values() for op in ops]
HOST_SETS = 1_000_000
DPU_SETS = 2_000
DPU_SETS_SLOW = 100_000


@pytest.fixture(scope="session")
def fpcheck(tmp_path_factory) -> Path:
    gcc = shutil.which("gcc")
    assert gcc, "the host's gcc builds the reference harness; it must be installed"
    work = tmp_path_factory.mktemp("fpcheck")
    objects = []
    for name in ("fp32.c", "fp64.c"):
        obj = work / name.replace(".c", ".o")
        subprocess.run([gcc, "-O2", "-fno-builtin", "-include", str(FP / "rename.h"),
                        f"-I{RUNTIME / 'internal'}", "-c", str(RUNTIME / name), "-o", str(obj)],
                       check=True)
        objects.append(str(obj))
    exe = work / "fpcheck"
    subprocess.run([gcc, "-O2", str(FP / "fpcheck.c"), *objects, "-lm", "-o", str(exe)],
                   check=True)
    return exe


def test_every_operation_is_checked(fpcheck):
    listed = subprocess.run([fpcheck, "list"], capture_output=True, text=True, check=True)
    assert sorted(line.split()[0] for line in listed.stdout.splitlines()) == sorted(ALL_OPS)


@pytest.mark.parametrize("op", ALL_OPS)
def test_host_build_matches_the_fpu(fpcheck, op):
    r = subprocess.run([fpcheck, "check", op, str(HOST_SETS), "1"], capture_output=True,
                       text=True, check=True)
    *mismatches, summary = r.stdout.splitlines()
    assert summary == f"0 {HOST_SETS}", "\n".join(mismatches)


@pytest.fixture(scope="session")
def dpu_program(tmp_path_factory):
    """The DPU program of a group of operations, built when a test of the worker first needs it."""
    from dpucc.driver import Driver, parse_args
    work = tmp_path_factory.mktemp("fpdpu")

    @cache
    def build(group: str) -> str:
        out = str(work / f"fp_{group}")
        ops = " ".join(f"X({op})" for op in GROUPS[group])
        Driver(parse_args(["-O2", "-DNR_TASKLETS=16", f"-DOPS={ops}", "-o", out,
                           str(FP / "fpdpu.c")])).run()
        return out
    return build


def run_on_dpu(fpcheck: Path, program: str, group: str, op: str, count: int, seed: int,
               engine: str = "vector") -> list[str]:
    """The mismatches of ``count`` operand sets of ``op`` computed by the DPU."""
    raw = subprocess.run([fpcheck, "gen", op, str(count), str(seed)], capture_output=True,
                         check=True).stdout
    records = list(struct.iter_unpack("<3Q", raw))
    sim = Simulator(engine=engine)
    sim.load(program)
    sim.write(0, "__sys_used_mram_end", b"".join(struct.pack("<2Q", a, b)
                                                  for a, b, _ in records))
    sim.write(0, "op", struct.pack("<I", GROUPS[group].index(op)))
    sim.write(0, "n", struct.pack("<I", count))
    sim.launch(max_cycles=10**11)
    out = sim.read(0, "__sys_used_mram_end", 16 * count)
    bad = []
    for i, (a, b, want) in enumerate(records):
        got = struct.unpack_from("<Q", out, 16 * i + 8)[0]
        if got != want:
            bad.append(f"{op}({a:#x}, {b:#x}): got {got:#x}, want {want:#x}")
    return bad


GROUP_OF = {op: group for group, ops in GROUPS.items() for op in ops}


@pytest.mark.parametrize("group", GROUPS)
def test_dpu_matches_the_fpu_quickly(fpcheck, dpu_program, group):
    """A first look: a few thousand operand sets of each operation."""
    for op in GROUPS[group]:
        bad = run_on_dpu(fpcheck, dpu_program(group), group, op, DPU_SETS, seed=2)
        assert not bad, f"{len(bad)} of {DPU_SETS}:\n" + "\n".join(bad[:10])


@pytest.mark.slow
@pytest.mark.parametrize("op", ALL_OPS)
def test_dpu_matches_the_fpu(fpcheck, dpu_program, op):
    """10^5 operand sets of each operation, computed by the DPU (natively: the engines agree,
    which other tests check, and this is a long run)."""
    group = GROUP_OF[op]
    bad = run_on_dpu(fpcheck, dpu_program(group), group, op, DPU_SETS_SLOW, seed=3,
                     engine="native")
    assert not bad, f"{len(bad)} of {DPU_SETS_SLOW}:\n" + "\n".join(bad[:10])
