"""GNU extended inline assembly: operands in registers chosen by the allocator, named operands,
immediates and symbols, tied (+r) operands, several outputs, 64-bit operands, clobbers; run on
the simulator and checked against Python."""

from __future__ import annotations

import pytest

from dpusim.simulator import Simulator

PROGRAM = r"""
#include <stdint.h>
__host uint32_t in_a, in_b;
__host uint32_t r_add, r_tied, r_named, r_imm, r_sym, r_lo, r_hi, r_live, r_loop;
__host uint64_t r_wide;
__host uint64_t in_w;
uint32_t table[4] = { 10, 20, 30, 40 };

static uint32_t add3(uint32_t a, uint32_t b)
{
    uint32_t x;
    __asm__ volatile("add %0, %1, %2" : "=r"(x) : "r"(a), "r"(b));
    return x;
}

int main(void)
{
    uint32_t a = in_a, b = in_b, x = a, lo, hi;
    r_add = add3(a, b);
    asm("lsl_add %0, %0, %1, 3" : "+r"(x) : "r"(b));
    r_tied = x;
    asm("sub %[out], %[left], %[right]" : [out] "=r"(r_named) : [left] "r"(a), [right] "r"(b));
    asm("add %0, %1, %2" : "=r"(r_imm) : "r"(a), "i"(1000));
    asm("lw %0, %1, %2" : "=r"(r_sym) : "r"(b & 3 << 2), "i"(table));
    asm("move %0, %2\n\tmove %1, %3" : "=r"(lo), "=r"(hi) : "r"(a), "r"(b));
    r_lo = lo; r_hi = hi;
    uint32_t live = a * 7 + b;
    asm volatile("move r3, 12345; move r0, 1" ::: "r0", "r3");
    r_live = live;
    uint64_t w = in_w;
    asm("add %L0, %L1, 1; addc %H0, %H1, 0" : "=r"(w) : "r"(w));
    r_wide = w;
    uint32_t acc = 0;
    for (uint32_t i = 0; i < b % 8; i++)
        asm("add %0, %0, %1" : "+r"(acc) : "r"(i));
    r_loop = acc;
    return 0;
}
"""


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    from dpucc.driver import Driver, parse_args
    work = tmp_path_factory.mktemp("asm")
    src = work / "asm.c"
    src.write_text(PROGRAM)
    out = {}
    for opt in ("-O0", "-O2"):
        exe = work / f"asm{opt}"
        Driver(parse_args([opt, "-o", str(exe), str(src)])).run()
        out[opt] = str(exe)
    return out


def u32(x: int) -> int:
    return x & 0xFFFFFFFF


@pytest.mark.parametrize("opt", ["-O0", "-O2"])
@pytest.mark.parametrize("a,b,w", [(5, 9, 0xFFFFFFFF), (0xFFFFFFF0, 0x31, 0x12345678FFFFFFFF),
                                   (123456, 7, 1)])
def test_extended_asm_operands(program, opt, a, b, w):
    sim = Simulator()
    sim.load(program[opt])
    for name, value in (("in_a", a), ("in_b", b)):
        sim.write(0, name, value.to_bytes(4, "little"))
    sim.write(0, "in_w", w.to_bytes(8, "little"))
    sim.launch()

    def get(name, size=4):
        return int.from_bytes(sim.read(0, name, size), "little")
    assert get("r_add") == u32(a + b)
    assert get("r_tied") == u32(a + (b << 3))  # lsl_add rc, ra, rb, s: ra + (rb << s)
    assert get("r_named") == u32(a - b)
    assert get("r_imm") == u32(a + 1000)
    assert get("r_sym") == [10, 20, 30, 40][(b >> 2) & 3]  # offset b & (3 << 2)
    assert (get("r_lo"), get("r_hi")) == (a, b)
    assert get("r_live") == u32(a * 7 + b)
    assert get("r_wide", 8) == (w + 1) & (2**64 - 1)
    assert get("r_loop") == sum(range(b % 8))


@pytest.mark.parametrize("body,message", [
    ('int x; asm("nop" : "=m"(x));', "output operand constraint '=m' is not supported"),
    ('int x = 1; asm("nop" : : "m"(x));', "input operand constraint 'm' is not supported"),
    ('int x; asm("add %[nope], %0, 1" : "=r"(x));', "undefined named operand 'nope'"),
    ('int x = 1; asm("add %0, %0, %1" : "+r"(x) : "i"(x));', "impossible constraint in 'asm'"),
    ('int x; asm("nop" : "=r"(x) : "r"(1) : "r16");', "clobbering r16"),
    ('int x; asm("nop %q0" : "=r"(x));', "invalid operand code 'q'"),
])
def test_unsupported_asm_is_a_diagnostic(tool, tmp_path, body, message):
    src = tmp_path / "bad.c"
    src.write_text(f"void f(void) {{ {body} }}\n")
    r = tool("dpucc", "-c", "-o", str(tmp_path / "bad.o"), str(src))
    assert r.returncode == 1
    assert message in r.stderr.decode()
    assert "Traceback" not in r.stderr.decode()
    assert not (tmp_path / "bad.o").exists()
