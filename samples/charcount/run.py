#!/usr/bin/env python3
"""Count a character in a document with the seed's DPU program on simulated DPUs.

The host side of the seed's example, on the simulator's Python API: the document is split over
the DPUs, copied into each DPU's MRAM, its length and the character go into the system mailbox,
the DPUs run, and the 16 tasklets' mailboxes are summed.

    python samples/charcount/run.py [--dpus N] [--char C] [--engine ref|vector] DOCUMENT
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dpusim.simulator import Simulator

HERE = Path(__file__).resolve().parent
TASKLETS = 16
BLOCK = 256


def count(program: str, text: bytes, char: int, nr_dpus: int = 1, engine: str = "vector"):
    """The number of ``char`` bytes in ``text``, counted by ``nr_dpus`` simulated DPUs."""
    sim = Simulator(nr_dpus=nr_dpus, engine=engine)
    sim.load(program)
    share = -(-len(text) // nr_dpus)
    share += -share % BLOCK  # whole blocks per DPU, so no DPU counts past its own part
    for dpu in range(nr_dpus):
        chunk = text[dpu * share:(dpu + 1) * share]
        padded = chunk + bytes(-len(chunk) % BLOCK or 0)
        if padded:
            sim.write(dpu, 0x08000000, padded)
        sim.write(dpu, "__sys_mbox", len(chunk).to_bytes(4, "little") + bytes([char, 0, 0, 0]))
    sim.launch()
    total = 0
    for dpu in range(nr_dpus):
        for t in range(TASKLETS):
            total += int.from_bytes(sim.read(dpu, f"__mbox_{t}", 4), "little")
    cycles = max(d.cycle for d in sim.dpus)
    return total, cycles


def main() -> int:
    ap = argparse.ArgumentParser(description="Count a character with the seed's DPU program.")
    ap.add_argument("document", type=Path)
    ap.add_argument("--char", default="e", help="the character to count (default: e)")
    ap.add_argument("--dpus", type=int, default=4)
    ap.add_argument("--engine", default="vector", choices=("ref", "vector"))
    ap.add_argument("--program", default=str(HERE / "build" / "charcount"))
    args = ap.parse_args()
    text = args.document.read_bytes()
    char = args.char.encode("latin-1")[0]
    t0 = time.perf_counter()
    found, cycles = count(args.program, text, char, args.dpus, args.engine)
    elapsed = time.perf_counter() - t0
    expected = text.count(bytes([char]))
    print(f"found {found} occurrences of {args.char!r} in {args.document} "
          f"({len(text)} bytes, {args.dpus} DPUs x {TASKLETS} tasklets)")
    print(f"DPU time: {cycles} cycles = {cycles / 350e3:.3f} ms at 350 MHz; "
          f"simulated in {elapsed:.2f} s; Python's count: {expected}")
    return 0 if found == expected else 1


if __name__ == "__main__":
    sys.exit(main())
