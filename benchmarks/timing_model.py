#!/usr/bin/env python3
"""The cycle model on one DPU: instruction throughput against the number of tasklets (it must
saturate at one instruction per cycle from 11 tasklets on), and `ldma` latency against the
transfer size (it must be α + β·size exactly: 77 + size/2 cycles).

Run: ``.venv/bin/python benchmarks/timing_model.py [--engine ref|vector]``.
"""

from __future__ import annotations

import argparse

from dpucore import elf
from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpusim.program import load_program
from dpusim.simulator import ENGINES, Simulator

LOOP = 200


def build(text: str):
    obj = elf.write_elf(assemble(".text\n.globl __bootstrap\n__bootstrap:\n" + text, "t.s"))
    return load_program(elf.write_elf(link([("t.o", obj)]).elf), "t")


def throughput(engine: str, tasklets: int) -> float:
    boots = "".join(f"boot zero, {k}\n" for k in range(1, tasklets))
    prog = build(f"""
        jnz id, work
        {boots}
    work:
        move r0, {LOOP}
    1:  add r1, r1, r0
        add r0, r0, -1, nz, 1b
        stop
    """)
    sim = Simulator(engine=engine)
    sim.load(prog)
    sim.launch()
    d = sim.dpus[0]
    return d.instructions / d.cycle


def dma_latency(engine: str, size: int) -> int:
    prog = build(f"""
        move r1, buf
        move r2, mbuf
        move r3, 3
        time_cfg zero, r3
        ldma r1, r2, {size // 8 - 1}
        time r4
        stop
        .data
        .p2align 3
    buf: .zero 2048
        .section .mram,"aw",@progbits
        .p2align 3
    mbuf: .zero 2048
    """)
    sim = Simulator(engine=engine)
    sim.load(prog)
    sim.launch()
    # `time` issues when the DMA completes; the counter was reset by the instruction before
    # `ldma`, which issued 11 cycles earlier.
    return sim.tasklet(0, 0).regs[4] - 11


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", default="ref", choices=sorted(ENGINES))
    args = ap.parse_args()
    print(f"engine {args.engine}")
    print("tasklets  instructions/cycle")
    for n in range(1, 25):
        print(f"{n:8d}  {throughput(args.engine, n):.3f}")
    print("ldma bytes  cycles  alpha+beta*size")
    for size in (8, 16, 32, 64, 128, 256, 512, 1024, 2048):
        print(f"{size:10d}  {dma_latency(args.engine, size):6d}  {77 + size // 2:6d}")


if __name__ == "__main__":
    main()
