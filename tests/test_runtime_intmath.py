"""The integer support routines against Python's arithmetic (C semantics: truncation)."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings, strategies as st

from dpucore import elf
from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpusim.faults import DpuFault
from dpusim.simulator import Simulator

M = 0xFFFFFFFF
ROUTINES = ("__mulsi3", "__udivsi3", "__umodsi3", "__divsi3", "__modsi3")


def _s(x: int) -> int:
    return x - (1 << 32) if x & 0x80000000 else x


def _c_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


EXPECT = {
    "__mulsi3": lambda a, b: a * b,
    "__udivsi3": lambda a, b: a // b,
    "__umodsi3": lambda a, b: a % b,
    "__divsi3": lambda a, b: _c_div(_s(a), _s(b)),
    "__modsi3": lambda a, b: _s(a) - _c_div(_s(a), _s(b)) * _s(b),
}


def _program():
    lib = resources.files("dpucc").joinpath("runtime/intmath.s").read_text()
    calls = "".join(f"""
        lw r0, zero, args
        lw r1, zero, args + 4
        call r23, {name}
        sw zero, results + {4 * i}, r0""" for i, name in enumerate(ROUTINES))
    main = f"""
        .text
        .globl __bootstrap
    __bootstrap:
        {calls}
        stop
        .data
        .p2align 3
        .globl args
    args: .long 0, 0
        .globl results
    results: .zero {4 * len(ROUTINES)}
    """
    objs = [("main.o", elf.write_elf(assemble(main, "main.s"))),
            ("intmath.o", elf.write_elf(assemble(lib, "intmath.s")))]
    return elf.write_elf(link(objs).elf)


PROGRAM = _program()


@settings(max_examples=150, deadline=None, derandomize=True)
@given(a=st.integers(0, M), b=st.integers(1, M) | st.sampled_from([1, M, 0x80000000, 7]))
def test_routines_match_c_semantics(a, b):
    sim = Simulator(engine="vector")
    sim.load(PROGRAM)
    sim.write(0, "args", a.to_bytes(4, "little") + b.to_bytes(4, "little"))
    sim.launch()
    out = sim.read(0, "results", 4 * len(ROUTINES))
    for i, name in enumerate(ROUTINES):
        got = int.from_bytes(out[4 * i:4 * i + 4], "little")
        assert got == EXPECT[name](a, b) & M, (name, a, b)


def test_division_by_zero_is_fault_2():
    sim = Simulator()
    sim.load(PROGRAM)
    sim.write(0, "args", (5).to_bytes(4, "little") + bytes(4))
    with pytest.raises(DpuFault) as exc:
        sim.launch()
    assert exc.value.code == 2 and exc.value.symbol.startswith("__udivmodsi4")
