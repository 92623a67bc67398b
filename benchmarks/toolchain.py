#!/usr/bin/env python3
"""Throughput of the assembler, linker and disassembler on generated programs.

Prints instructions per second for each stage; run it with the project's environment:
``.venv/bin/python benchmarks/toolchain.py [instructions]``.
"""

from __future__ import annotations

import random
import sys
import time

from dpucore import elf, isa
from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpuasm.objdump import Options, objdump


def program(n: int, seed: int = 1) -> str:
    """A text section of ``n`` instructions drawn from every form, with labels and branches."""
    rng = random.Random(seed)
    lines = [".text", ".globl __bootstrap", "__bootstrap:"]
    for i in range(n):
        if i % 16 == 0:
            lines.append(f"L{i}:")
        form = rng.choice(isa.FORMS)
        ops = []
        for op in form.operands:
            if op.kind == "cond":
                ops.append(rng.choice(op.conditions))
            elif op.kind == "endian":
                ops.append("!little")
            elif op.role == "pc":
                ops.append(f"L{(i // 16) * 16}")
            elif op.kind == "expr":
                ops.append(str(rng.randint(max(op.lo, -100), min(op.hi, 100))))
            elif op.kind == "dreg":
                ops.append(f"d{rng.randrange(0, 24, 2)}")
            elif op.kind == "zero":
                ops.append("zero")
            elif op.kind == "sreg":
                ops.append(f"s{rng.randrange(24)}")
            else:
                ops.append(isa.register_name(rng.randint(op.lo, op.hi)))
        lines.append("    " + isa.format_instruction(form, ops))
    return "\n".join(lines) + "\n"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    text = program(n)
    t0 = time.perf_counter()
    obj = elf.write_elf(assemble(text, "bench.s", debug=True))
    t1 = time.perf_counter()
    exe = elf.write_elf(link([("bench.o", obj)]).elf)
    t2 = time.perf_counter()
    listing = objdump(exe, "bench", Options(disassemble=True, source=False))
    t3 = time.perf_counter()
    print(f"instructions        {n}")
    print(f"assemble (-g)       {t1 - t0:8.3f} s  {n / (t1 - t0):10.0f} insn/s")
    print(f"link                {t2 - t1:8.3f} s  {n / (t2 - t1):10.0f} insn/s")
    print(f"disassemble         {t3 - t2:8.3f} s  {n / (t3 - t2):10.0f} insn/s")
    print(f"object / executable {len(obj)} / {len(exe)} bytes, listing {len(listing)} chars")


if __name__ == "__main__":
    main()
