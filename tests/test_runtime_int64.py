"""The integer helpers (__muldi3, __udivdi3, __divdi3, __moddi3, the 64-bit shifts and the
32-bit multiply and divide) as C operators on the DPU, exact against Python's arithmetic with
C's semantics (division truncates, the remainder has the dividend's sign, INT_MIN / -1 wraps)
on random operands of every magnitude and on edge values."""

from __future__ import annotations

import random
import struct
from functools import cache
from pathlib import Path

import pytest

from dpusim.simulator import Simulator

KERNEL = Path(__file__).parent / "intops" / "intdpu.c"
M32, M64 = (1 << 32) - 1, (1 << 64) - 1
OPS = ["mul64", "udiv64", "umod64", "sdiv64", "smod64", "shl64", "lshr64", "ashr64",
       "mul32", "udiv32", "umod32", "sdiv32", "smod32"]
EDGES64 = [0, 1, 2, 3, 7, 10, 0xFFFF, 0x10000, M32, 1 << 32, (1 << 32) + 1, 1 << 63,
           (1 << 63) - 1, (1 << 63) + 1, M64, M64 - 1, 0x123456789ABCDEF0, 1000000007]
EDGES32 = [0, 1, 2, 3, 7, 10, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0x80000001, M32,
           M32 - 1, 1000000007]


def _signed(x: int, bits: int) -> int:
    return x - (1 << bits) if x >> (bits - 1) else x


def _cdiv(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def expected(op: str, a: int, b: int) -> int:
    bits = 64 if op.endswith("64") else 32
    mask = M64 if bits == 64 else M32
    a &= mask
    b &= mask
    sa, sb = _signed(a, bits), _signed(b, bits)
    kind = op[:-2]
    r = {"mul": lambda: a * b, "udiv": lambda: a // b, "umod": lambda: a % b,
         "sdiv": lambda: _cdiv(sa, sb), "smod": lambda: sa - _cdiv(sa, sb) * sb,
         "shl": lambda: a << (b & 63), "lshr": lambda: a >> (b & 63),
         "ashr": lambda: sa >> (b & 63)}[kind]()
    return r & mask


def operands(op: str, count: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    bits = 64 if op.endswith("64") else 32
    edges = EDGES64 if bits == 64 else EDGES32

    def value():
        k = rng.random()
        if k < 0.25:
            return rng.choice(edges)
        if k < 0.6:  # every magnitude: small divisors are the common case
            return rng.getrandbits(rng.randint(1, bits))
        v = rng.getrandbits(bits)
        return v

    out = []
    for a in edges:
        for b in edges:
            out.append((a, b))
    while len(out) < count:
        out.append((value(), value()))
    if op[:-2] in ("udiv", "umod", "sdiv", "smod"):
        out = [(a, b if b else 1) for a, b in out]
    return out


@cache
def _program(directory: str) -> str:
    from dpucc.driver import Driver, parse_args
    out = str(Path(directory) / "intops")
    ops = " ".join(f"X({op})" for op in OPS)
    Driver(parse_args(["-O2", "-DNR_TASKLETS=16", f"-DOPS={ops}", "-o", out,
                       str(KERNEL)])).run()
    return out


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> str:
    return _program(str(tmp_path_factory.mktemp("intops")))


@pytest.mark.parametrize("op", OPS)
def test_helpers_match_python(program, op):
    pairs = operands(op, 3000, seed=OPS.index(op))
    sim = Simulator(engine="vector")
    sim.load(program)
    sim.write(0, "__sys_used_mram_end", b"".join(struct.pack("<2Q", a, b) for a, b in pairs))
    sim.write(0, "op", struct.pack("<I", OPS.index(op)))
    sim.write(0, "n", struct.pack("<I", len(pairs)))
    sim.launch(max_cycles=10**10)
    out = sim.read(0, "__sys_used_mram_end", 16 * len(pairs))
    bad = []
    for i, (a, b) in enumerate(pairs):
        got = struct.unpack_from("<Q", out, 16 * i + 8)[0]
        want = expected(op, a, b)
        if op.endswith("32"):
            got &= M32
        if got != want:
            bad.append(f"{op}({a:#x}, {b:#x}) = {got:#x}, want {want:#x}")
    assert not bad, f"{len(bad)} of {len(pairs)}:\n" + "\n".join(bad[:10])
