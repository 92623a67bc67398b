#!/usr/bin/env python3
"""A histogram of a byte stream on DPUs: the host side of ``histogram.c``.

The host cuts the bytes into one slice per DPU and writes each DPU its slice at the start of
its free MRAM (the MRAM heap, ``DPU_MRAM_HEAP_POINTER`` on the DPU side) and its length
(``input_size``): different data for each DPU, so ``push``.  The bin width is the same for
all: one ``broadcast``.  After the launch it reads every DPU's 256 counts (``gather``), sums
them over the DPUs and checks the result against numpy's ``bincount``.

    make -C samples/histogram
    python samples/histogram/run.py [--dpus D] [--size BYTES | FILE] [--bins B] [--build DIR]

Without a file, the input is the 8-bit pixels of a generated noisy grey image.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from kelonia import DpuSet, DpuStats

HERE = Path(__file__).resolve().parent

NR_BINS = 256  # histogram.h
COUNT = np.dtype("<u4")  # uint32_t, little-endian as the DPU is
MRAM_ALIGN = 8  # bytes: host <-> MRAM transfers are 8-byte aligned in offset and length
# The first free MRAM byte after the program's own MRAM data: DPU_MRAM_HEAP_POINTER in C.
MRAM_HEAP = "__sys_used_mram_end"


def slice_length(size: int, nr_dpus: int) -> int:
    """Bytes per DPU slice: size / D rounded up, then up to a multiple of 8."""
    per = -(-size // nr_dpus)
    return -(-per // MRAM_ALIGN) * MRAM_ALIGN


def bin_shift(bins: int) -> int:
    """Byte b counts in bin b >> shift: 256 bins, shift 0; 128 bins, 1; ...; 1 bin, 8."""
    if bins < 1 or bins > NR_BINS or bins & (bins - 1):
        raise ValueError(f"bins must be a power of two from 1 to {NR_BINS}, not {bins}")
    return NR_BINS.bit_length() - bins.bit_length()


def histogram_on(dpus: DpuSet, data: np.ndarray, bins: int = NR_BINS) -> np.ndarray:
    """The histogram of ``data`` (uint8) in ``bins`` bins (a power of two up to 256) on DPUs
    that have the program loaded; its counts as uint64."""
    shift = bin_shift(bins)
    nr_dpus, size = len(dpus), len(data)
    per = slice_length(size, nr_dpus)
    padded = np.zeros(per * nr_dpus, np.uint8)  # zeros past the end: the DPUs don't count them
    padded[:size] = data
    sizes = [max(0, min(per, size - i * per)) for i in range(nr_dpus)]

    dpus.push(MRAM_HEAP, list(padded.reshape(nr_dpus, per)))  # one slice per DPU
    dpus.push("input_size", [np.array([n], COUNT) for n in sizes])
    dpus.broadcast("bin_shift", np.array([shift], COUNT))  # the same for every DPU

    dpus.launch()

    per_dpu = [np.frombuffer(raw, COUNT) for raw in dpus.gather("histogram", NR_BINS * 4)]
    # Each DPU's counts fit in 32 bits (64 MiB of MRAM); their sum may not.
    return np.sum(per_dpu, axis=0, dtype=np.uint64)[:bins]


def histogram(data: np.ndarray, nr_dpus: int, bins: int = NR_BINS,
              build: Path = HERE / "build") -> tuple[np.ndarray, list[DpuStats]]:
    """The histogram of ``data`` on ``nr_dpus`` simulated DPUs, and their statistics."""
    with DpuSet.allocate(nr_dpus) as dpus:
        dpus.load(build / "histogram")
        return histogram_on(dpus, data, bins), dpus.stats()


def noisy_image(size: int, seed: int = 7) -> np.ndarray:
    """``size`` 8-bit pixels: a dark background and a bright object, with noise."""
    rng = np.random.default_rng(seed)
    pixels = np.where(rng.random(size) < 0.7, rng.normal(60, 20, size),
                      rng.normal(190, 25, size))
    return np.clip(pixels, 0, 255).astype(np.uint8)


def _size(text: str) -> int:
    units = {"k": 1 << 10, "m": 1 << 20}
    t = text.strip().lower()
    return int(float(t[:-1]) * units[t[-1]]) if t and t[-1] in units else int(t)


def main() -> int:
    ap = argparse.ArgumentParser(description="A histogram of bytes on simulated DPUs.")
    ap.add_argument("file", nargs="?", type=Path, help="bytes to count (default: a generated "
                                                       "image of --size pixels)")
    ap.add_argument("--dpus", type=int, default=16, help="number of DPUs (default: 16)")
    ap.add_argument("--size", type=_size, default=1 << 20,
                    help="bytes of generated input, e.g. 100000 or 4M (default: 1M)")
    ap.add_argument("--bins", type=int, default=NR_BINS,
                    help="bins: a power of two up to 256 (default: 256)")
    ap.add_argument("--build", type=Path, default=HERE / "build",
                    help="where `make` put the DPU program (default: build/)")
    args = ap.parse_args()
    if args.dpus < 1 or args.size < 1:
        ap.error("--dpus and --size must be at least 1")
    try:
        shift = bin_shift(args.bins)
    except ValueError as e:
        ap.error(f"--{e}")
    if args.file:
        data, what = np.fromfile(args.file, np.uint8), str(args.file)
    else:
        data, what = noisy_image(args.size), "the pixels of a generated image"

    t0 = time.perf_counter()
    counts, stats = histogram(data, args.dpus, args.bins, args.build)
    elapsed = time.perf_counter() - t0

    expected = np.bincount(data >> shift, minlength=args.bins)
    ok = np.array_equal(counts, expected)
    print(f"histogram of {what} ({len(data)} bytes) in {args.bins} bins on {args.dpus} DPUs")
    rows = 16 if args.bins >= 16 else args.bins  # a small bar chart: bins grouped in rows
    grouped = counts.reshape(rows, -1).sum(axis=1)
    width = args.bins // rows * (NR_BINS // args.bins)  # byte values per row
    top = max(int(grouped.max()), 1)
    for r, n in enumerate(grouped):
        print(f"  {r * width:3d}-{(r + 1) * width - 1:3d} {'#' * round(50 * int(n) / top):50s} "
              f"{int(n)}")
    slowest = max(stats, key=lambda s: s.cycles)  # the DPUs run in parallel
    print(f"DPU cycles: {slowest.cycles} (the slowest DPU: {slowest.seconds() * 1e3:.3f} ms at "
          f"350 MHz), {sum(s.instructions for s in stats)} instructions in all; "
          f"simulated in {elapsed:.2f} s")
    print(f"check against numpy's bincount: {'passed' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
