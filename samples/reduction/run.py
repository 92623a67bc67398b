#!/usr/bin/env python3
"""Sum, minimum and maximum of N uint32 values on DPUs: the host side of ``reduction.c``.

Each DPU reduces its slice of the values (its tasklets combine their partial results in a tree
of handshakes) into a ``struct reduction_result``; the host reads one per DPU (``gather``) and
combines them in Python: the sums are 64-bit on the DPUs and unbounded here.

    make -C samples/reduction
    python samples/reduction/run.py [--dpus D] [--size N] [--seed S] [--build DIR]
"""

from __future__ import annotations

import argparse
import struct
import sys
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np

from kelonia import DpuSet, DpuStats

HERE = Path(__file__).resolve().parent

VALUE = np.dtype("<u4")  # uint32_t, little-endian as the DPU is
MRAM_ALIGN = 8  # bytes: host <-> MRAM transfers are 8-byte aligned in offset and length
# The first free MRAM byte after the program's own MRAM data: DPU_MRAM_HEAP_POINTER in C.
MRAM_HEAP = "__sys_used_mram_end"
# struct reduction_result in reduction.h: { uint64_t sum; uint32_t min; uint32_t max; }
RESULT = struct.Struct("<QII")


class Reduction(NamedTuple):
    sum: int
    min: int
    max: int

    def combine(self, other: Reduction) -> Reduction:
        return Reduction(self.sum + other.sum, min(self.min, other.min),
                         max(self.max, other.max))


EMPTY = Reduction(0, 2**32 - 1, 0)  # what a DPU answers for no values: changes nothing


def slice_length(n: int, nr_dpus: int) -> int:
    """Values per DPU slice: N / D rounded up, then up to a multiple of 8 bytes."""
    per = -(-n // nr_dpus)
    per_align = MRAM_ALIGN // VALUE.itemsize
    return -(-per // per_align) * per_align


def reduce_on_dpus(values: np.ndarray, nr_dpus: int,
                   build: Path = HERE / "build") -> tuple[Reduction, list[Reduction],
                                                          list[DpuStats]]:
    """The reduction of ``values`` (uint32) on ``nr_dpus`` simulated DPUs: the total, each
    DPU's result and each DPU's statistics."""
    n = len(values)
    per = slice_length(n, nr_dpus)
    padded = np.zeros(per * nr_dpus, VALUE)  # padding: the DPUs only look at their counts
    padded[:n] = values
    counts = [max(0, min(per, n - i * per)) for i in range(nr_dpus)]

    with DpuSet.allocate(nr_dpus) as dpus:
        dpus.load(build / "reduction")
        dpus.push(MRAM_HEAP, list(padded.reshape(nr_dpus, per)))  # one slice per DPU
        dpus.push("nr_values", [struct.pack("<I", count) for count in counts])
        dpus.launch()
        per_dpu = [Reduction(*RESULT.unpack(raw)) for raw in dpus.gather("result", RESULT.size)]
        stats = dpus.stats()

    total = EMPTY
    for r in per_dpu:
        total = total.combine(r)
    return total, per_dpu, stats


def main() -> int:
    ap = argparse.ArgumentParser(description="Sum, min and max of uint32 values on simulated "
                                             "DPUs.")
    ap.add_argument("--dpus", type=int, default=16, help="number of DPUs (default: 16)")
    ap.add_argument("--size", type=int, default=1 << 20,
                    help="number of values (default: 1048576)")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the values")
    ap.add_argument("--build", type=Path, default=HERE / "build",
                    help="where `make` put the DPU program (default: build/)")
    args = ap.parse_args()
    if args.dpus < 1 or args.size < 1:
        ap.error("--dpus and --size must be at least 1")

    values = np.random.default_rng(args.seed).integers(0, 2**32, args.size, dtype=np.uint32)

    t0 = time.perf_counter()
    total, _, stats = reduce_on_dpus(values, args.dpus, args.build)
    elapsed = time.perf_counter() - t0

    # Python's integers do not overflow: the reference sum is exact.
    expected = Reduction(int(values.sum(dtype=np.uint64)), int(values.min()),
                         int(values.max()))
    ok = total == expected
    print(f"{args.size} uint32 values on {args.dpus} DPUs "
          f"({slice_length(args.size, args.dpus)} per DPU)")
    print(f"sum {total.sum}, min {total.min}, max {total.max}")
    slowest = max(stats, key=lambda s: s.cycles)  # the DPUs run in parallel
    print(f"DPU cycles: {slowest.cycles} (the slowest DPU: {slowest.seconds() * 1e3:.3f} ms at "
          f"350 MHz), {sum(s.instructions for s in stats)} instructions in all; "
          f"simulated in {elapsed:.2f} s")
    print(f"check against numpy: {'passed' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
