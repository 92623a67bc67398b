#!/usr/bin/env python3
"""Vector addition C = A + B on DPUs: the host side of ``vecadd.c``.

The host cuts the vectors A and B (N uint32 each) into one slice per DPU, writes each DPU its
slices (``push``: one buffer per DPU, all of one length) and its element count (the ``__host``
struct ``args``), launches every DPU, reads each DPU's slice of C back (``gather``) and checks
C against numpy.

    make -C samples/vecadd
    python samples/vecadd/run.py [--dpus D] [--size N] [--seed S] [--build DIR]

Transfers to MRAM must be 8-byte aligned in offset and length, and a push writes buffers of
one length: every DPU gets a slice of ``per_dpu`` elements, rounded up to an even number
(8 bytes), zero-padded where the vector ends; the DPU only adds its ``n`` real elements.
"""

from __future__ import annotations

import argparse
import struct
import sys
import time
from pathlib import Path

import numpy as np

from kelonia import DpuSet, DpuStats

HERE = Path(__file__).resolve().parent

# struct vecadd_args in vecadd.h: { uint32_t n; }.  Little-endian, as the DPU is.
ARGS = struct.Struct("<I")
ELEM = np.dtype("<u4")  # uint32_t
MRAM_ALIGN = 8  # bytes: host <-> MRAM transfers are 8-byte aligned in offset and length


def slice_length(n: int, nr_dpus: int) -> int:
    """Elements per DPU slice: N / D rounded up, then up to a multiple of 8 bytes."""
    per = -(-n // nr_dpus)
    per_align = MRAM_ALIGN // ELEM.itemsize
    return -(-per // per_align) * per_align


def vecadd(a: np.ndarray, b: np.ndarray, nr_dpus: int,
           build: Path = HERE / "build") -> tuple[np.ndarray, list[DpuStats]]:
    """C = A + B (mod 2^32) on ``nr_dpus`` simulated DPUs; C and each DPU's statistics."""
    n = len(a)
    assert len(b) == n
    per = slice_length(n, nr_dpus)
    # DPU i adds elements [i * per, i * per + counts[i]); the last DPUs may get fewer, or none.
    counts = [max(0, min(per, n - i * per)) for i in range(nr_dpus)]

    def slices(x: np.ndarray) -> list[np.ndarray]:
        padded = np.zeros(per * nr_dpus, ELEM)
        padded[:n] = x
        return list(padded.reshape(nr_dpus, per))  # views: no copy per DPU

    with DpuSet.allocate(nr_dpus) as dpus:  # the simulator backend
        program = dpus.load(build / "vecadd")
        # The program's symbol table says how big its variables are: check what we assume.
        if program.symbols["args"].size != ARGS.size:
            raise RuntimeError("struct vecadd_args in vecadd.h and ARGS in run.py differ")
        capacity = program.symbols["A"].size // ELEM.itemsize
        if per > capacity:
            raise ValueError(f"{per} elements per DPU, the program holds {capacity}: "
                             f"use more DPUs")

        # Different data for each DPU: push (dpu_prepare_xfer + dpu_push_xfer).  The same data
        # for all would be a broadcast.
        dpus.push("A", slices(a))
        dpus.push("B", slices(b))
        dpus.push("args", [ARGS.pack(count) for count in counts])

        dpus.launch()  # synchronous: returns when every DPU has finished

        # One buffer of per * 4 bytes from each DPU, in the set's order.
        results = dpus.gather("C", per * ELEM.itemsize)
        c = np.concatenate([np.frombuffer(buf, ELEM)[:count]
                            for buf, count in zip(results, counts)])
        return c, dpus.stats()


def main() -> int:
    ap = argparse.ArgumentParser(description="Vector addition C = A + B on simulated DPUs.")
    ap.add_argument("--dpus", type=int, default=16, help="number of DPUs (default: 16)")
    ap.add_argument("--size", type=int, default=1 << 20,
                    help="elements per vector (default: 1048576)")
    ap.add_argument("--seed", type=int, default=1, help="random seed of A and B")
    ap.add_argument("--build", type=Path, default=HERE / "build",
                    help="where `make` put the DPU program (default: build/)")
    args = ap.parse_args()
    if args.dpus < 1 or args.size < 1:
        ap.error("--dpus and --size must be at least 1")

    rng = np.random.default_rng(args.seed)
    a = rng.integers(0, 2**32, args.size, dtype=np.uint32)
    b = rng.integers(0, 2**32, args.size, dtype=np.uint32)

    t0 = time.perf_counter()
    c, stats = vecadd(a, b, args.dpus, args.build)
    elapsed = time.perf_counter() - t0

    expected = a + b  # numpy's uint32 addition wraps around, as the DPU's does
    ok = c.shape == expected.shape and np.array_equal(c, expected)
    slowest = max(stats, key=lambda s: s.cycles)  # the DPUs run in parallel
    print(f"C = A + B over {args.size} uint32 elements on {args.dpus} DPUs "
          f"({slice_length(args.size, args.dpus)} per DPU)")
    print(f"C[:4] = {c[:4].tolist()} ... C[-1] = {int(c[-1])}")
    print(f"DPU cycles: {slowest.cycles} (the slowest DPU: {slowest.seconds() * 1e3:.3f} ms at "
          f"350 MHz), {sum(s.instructions for s in stats)} instructions in all; "
          f"simulated in {elapsed:.2f} s")
    print(f"check against numpy: {'passed' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
