#!/usr/bin/env python3
"""Cost of floating point on the DPU: instructions and cycles per operation of the runtime
library's soft-float routines, as C code calls them (tests/fp/fpdpu.c, dpucc -O2).

Each operation runs on 4096 operand pairs (random bit patterns of ordinary magnitudes) on one
DPU with 16 tasklets; the figures are the simulator's exact instruction and cycle counts divided
by the number of operations, the loop that reads and writes the operands included (negf and
negd, a flip of the sign bit, show what that loop costs).  Run: ``.venv/bin/python benchmarks/softfloat.py``.
"""

from __future__ import annotations

import random
import struct
import sys
import tempfile
from pathlib import Path

from dpucc.driver import Driver, parse_args
from dpusim.simulator import Simulator

KERNEL = Path(__file__).resolve().parent.parent / "tests" / "fp" / "fpdpu.c"
OPS = ["negf", "addf", "subf", "mulf", "divf", "sqrtf", "ltf", "sitof", "ftosi", "floorf",
       "extend", "truncate",
       "negd", "addd", "subd", "muld", "divd", "sqrtd", "ltd", "ditod", "dtodi", "floord"]
N = 4096


def operand(rng: random.Random, wide: bool) -> int:
    """A normal number of moderate magnitude (exponent within 2^-40..2^40), either sign."""
    if wide:
        return rng.getrandbits(52) | (rng.randrange(1023 - 40, 1023 + 40) << 52) | \
            (rng.getrandbits(1) << 63)
    return rng.getrandbits(23) | (rng.randrange(127 - 40, 127 + 40) << 23) | \
        (rng.getrandbits(1) << 31)


def main() -> int:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        exe = str(Path(tmp) / "fp")
        ops = " ".join(f"X({op})" for op in OPS)
        Driver(parse_args(["-O2", "-DNR_TASKLETS=16", f"-DOPS={ops}", "-o", exe,
                           str(KERNEL)])).run()
        print(f"{'operation':<10} {'instructions/op':>16} {'cycles/op':>10}")
        for k, op in enumerate(OPS):
            wide = op.endswith("d") and op not in ("extend",) or op == "truncate"
            pairs = []
            for _ in range(N):
                if op in ("sitof", "ditod"):
                    a = rng.getrandbits(31 if op == "sitof" else 63)
                else:
                    a = operand(rng, wide)
                pairs.append((a, operand(rng, wide)))
            sim = Simulator()
            sim.load(exe)
            sim.write(0, "__sys_used_mram_end", b"".join(struct.pack("<2Q", a, b)
                                                          for a, b in pairs))
            sim.write(0, "op", struct.pack("<I", k))
            sim.write(0, "n", struct.pack("<I", N))
            sim.launch()
            d = sim.dpus[0]
            print(f"{op:<10} {d.instructions / N:>16.1f} {d.cycle / N:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
