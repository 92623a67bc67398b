"""What each DPU operation computes: the executable specification the engines share.

ISA.md fixes most of the DPU's semantics; where it is silent this module decides, and the
decision is written next to the code (``hash``, ``sats``, the ``…x`` shifts, ``ncK``).  Every
operation works on 32-bit values held in Python ints and returns an :class:`AluResult`; the
conditions of a condition class are then evaluated on that result by :func:`condition_holds`.

The table :data:`OPERATIONS` is keyed by the mnemonic without its ``.s/.u`` suffix; the forms of
the ISA table say which operands feed it (``first source`` and ``second source`` in template
order), so no instruction list is repeated here.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Callable

M32 = 0xFFFFFFFF
SIGN = 0x80000000
NC_BITS = sum(1 << k for k in range(5, 15))  # the bits of nc5 .. nc14 in AluResult.nc_bits


def s32(x: int) -> int:
    """Signed reading of a 32-bit value."""
    x &= M32
    return x - (1 << 32) if x & SIGN else x


@dataclass(frozen=True, slots=True)
class AluResult:
    value: int  # 32-bit result
    carry: int = 0  # carry out (for subtraction: 1 when no borrow, i.e. a >= b unsigned)
    overflow: int = 0  # signed overflow
    nc_bits: int = 0  # bit k set: no carry out of the low k bits (add family), for ncK
    count_max: bool = False  # a count operation reached 32
    shift32: bool = False  # the shift amount had bit 5 set
    compare: tuple[int, int] | None = None  # (a, b) of a subtraction, for eq/ltu/…


def _add(a: int, b: int, cin: int) -> AluResult:
    total = a + b + cin
    r = total & M32
    ov = int(((a ^ r) & (b ^ r) & SIGN) != 0)
    # ncK: no carry out of the low K bits, ((a & low) + (b & low) + cin) >> K == 0 for
    # low = 2**K - 1; that carry goes into bit K of the sum, where it is bit K of a ^ b ^ total
    nc = ~(a ^ b ^ total) & NC_BITS
    return AluResult(r, total >> 32 & 1, ov, nc)


def _sub(a: int, b: int, cin: int) -> AluResult:
    """a - b - (1 - cin): the carry is 'no borrow', so c ≡ geu and nc ≡ ltu (ISA.md)."""
    res = _add(a, (~b) & M32, cin)
    return AluResult(res.value, res.carry, res.overflow, 0, compare=(a, b))


def _logic(f: Callable[[int, int], int]) -> Callable[[int, int, int], AluResult]:
    return lambda a, b, cf: AluResult(f(a, b) & M32)


def _hash(a: int, b: int, cf: int) -> AluResult:
    """Ours: one CRC-32 (IEEE) update of ``b`` by the four little-endian bytes of ``a``.

    ISA.md names ``hash`` without defining it; a CRC step mixes every input bit into every
    output bit, is cheap in hardware and reproducible anywhere (``zlib.crc32``).
    """
    return AluResult(zlib.crc32(a.to_bytes(4, "little"), b) & M32)


def _shift(f: Callable[[int, int], int]) -> Callable[[int, int, int], AluResult]:
    """Shifts use the low 6 bits of the amount; bit 5 (a shift of 32 or more) is `sh32`."""
    def op(a: int, b: int, cf: int) -> AluResult:
        n = b & 63
        return AluResult(f(a, n) & M32, shift32=bool(n & 32))
    return op


def _rol(a: int, n: int) -> int:
    n &= 31
    return ((a << n) | (a >> (32 - n))) & M32 if n else a


def _ror(a: int, n: int) -> int:
    n &= 31
    return ((a >> n) | (a << (32 - n))) & M32 if n else a


# The `x` shifts return what a 64-bit shift moves into the other word (ISA.md: `lslx x, n` =
# x >> (32 - n), 0 when n = 0).  Ours for the `1x` variants: the other word starts as all ones,
# so `lsl1x x, n` = (x >> (32 - n)) | (ones << n) and `lsr1x x, n` = (x << (32 - n)) | (ones >> n).
_SHIFTS = {
    "lsl": lambda a, n: a << n,
    "lsr": lambda a, n: a >> n,
    "asr": lambda a, n: s32(a) >> n,
    "lsl1": lambda a, n: (a << n) | ((1 << n) - 1),
    "lsr1": lambda a, n: (a >> n) | (M32 & ~(M32 >> n)),
    "lslx": lambda a, n: (a << n) >> 32,
    "lsrx": lambda a, n: (a << 32) >> n,
    "lsl1x": lambda a, n: (((M32 << 32) | a) << n) >> 32,
    "lsr1x": lambda a, n: ((a << 32) | M32) >> n,
    "rol": _rol,
    "ror": _ror,
}


def _count(f: Callable[[int], int]) -> Callable[[int, int, int], AluResult]:
    def op(a: int, b: int, cf: int) -> AluResult:
        n = f(a)
        return AluResult(n, count_max=n == 32)
    return op


def _clz(a: int) -> int:
    return 32 - (a & M32).bit_length()


def _clo(a: int) -> int:
    return _clz(~a & M32)


def _cls(a: int) -> int:
    """Leading bits equal to the sign bit, the sign bit included (1..32)."""
    return _clo(a) if a & SIGN else _clz(a)


def _ext(bits: int, signed: bool) -> Callable[[int, int, int], AluResult]:
    mask = (1 << bits) - 1

    def op(a: int, b: int, cf: int) -> AluResult:
        v = a & mask
        if signed and v >> (bits - 1):
            v -= 1 << bits
        return AluResult(v & M32)
    return op


def _sats(a: int, b: int, cf: int) -> AluResult:
    """Ours: saturate the signed value to 16 bits (ISA.md names `sats` without defining it)."""
    return AluResult(max(-0x8000, min(0x7FFF, s32(a))) & M32)


def _cmpb4(a: int, b: int, cf: int) -> AluResult:
    r = 0
    for i in range(4):
        if (a >> (8 * i)) & 0xFF == (b >> (8 * i)) & 0xFF:
            r |= 1 << (8 * i)
    return AluResult(r)


def _mul8(spec: str) -> Callable[[int, int, int], AluResult]:
    """`mul_XY_ZW`: byte X (l = 0, h = 1) of a, signed if s, times byte Z of b."""
    x, y = spec.split("_")

    def byte(v: int, sign: str, half: str) -> int:
        x = (v >> (8 if half == "h" else 0)) & 0xFF
        return x - 256 if sign == "s" and x & 0x80 else x

    def op(a: int, b: int, cf: int) -> AluResult:
        return AluResult((byte(a, x[0], x[1]) * byte(b, y[0], y[1])) & M32)
    return op


OPERATIONS: dict[str, Callable[[int, int, int], AluResult]] = {
    "add": lambda a, b, cf: _add(a, b, 0),
    "addc": lambda a, b, cf: _add(a, b, cf),
    "sub": lambda a, b, cf: _sub(a, b, 1),
    "subc": lambda a, b, cf: _sub(a, b, cf),
    "rsub": lambda a, b, cf: _sub(b, a, 1),
    "rsubc": lambda a, b, cf: _sub(b, a, cf),
    "and": _logic(lambda a, b: a & b),
    "or": _logic(lambda a, b: a | b),
    "xor": _logic(lambda a, b: a ^ b),
    "andn": _logic(lambda a, b: ~a & b),
    "nand": _logic(lambda a, b: ~(a & b)),
    "nor": _logic(lambda a, b: ~(a | b)),
    "nxor": _logic(lambda a, b: ~(a ^ b)),
    "orn": _logic(lambda a, b: ~a | b),
    "hash": _hash,
    **{name: _shift(f) for name, f in _SHIFTS.items()},
    "cao": _count(lambda a: bin(a & M32).count("1")),
    "clz": _count(_clz),
    "clo": _count(_clo),
    "cls": _count(_cls),
    "extsb": _ext(8, True),
    "extsh": _ext(16, True),
    "extub": _ext(8, False),
    "extuh": _ext(16, False),
    "sats": _sats,
    "cmpb4": _cmpb4,
    **{f"mul_{x}_{y}": _mul8(f"{x}_{y}") for x in ("sh", "sl", "uh", "ul")
       for y in ("sh", "sl", "uh", "ul")},
}

# Shift-and-add: rc <- first + (second shifted by the immediate).
SHIFT_ADD: dict[str, Callable[[int, int, int], AluResult]] = {
    "lsl_add": lambda a, b, sh: _add(a, (b << sh) & M32, 0),
    "lsl_sub": lambda a, b, sh: _sub(a, (b << sh) & M32, 1),
    "lsr_add": lambda a, b, sh: _add(a, b >> sh, 0),
    "rol_add": lambda a, b, sh: _add(a, _rol(b, sh), 0),
}


def condition_holds(name: str, r: AluResult, source: int, zf: int) -> bool:
    """Whether condition ``name`` holds for result ``r``.

    ``source`` is the operand the `s…` conditions test (ra); ``zf`` is the zero flag *before*
    the instruction, which the chained `x…` conditions combine with the result.
    """
    v = r.value
    if name == "true":
        return True
    if name == "false":
        return False
    if name in ("z", "nz"):
        return (v == 0) == (name == "z")
    if name in ("xz", "xnz"):
        return (v == 0 and zf == 1) == (name == "xz")
    if name in ("e", "o"):
        return (v & 1 == 0) == (name == "e")
    if name in ("pl", "mi"):
        return (v & SIGN == 0) == (name == "pl")
    if name in ("ov", "nov"):
        return bool(r.overflow) == (name == "ov")
    if name in ("c", "nc"):
        return bool(r.carry) == (name == "c")
    if name.startswith("nc") and name[2:].isdigit():
        return bool(r.nc_bits >> int(name[2:]) & 1)
    if name in ("sz", "snz"):
        return (source & M32 == 0) == (name == "sz")
    if name in ("spl", "smi"):
        return (source & SIGN == 0) == (name == "spl")
    if name in ("se", "so"):
        return (source & 1 == 0) == (name == "se")
    if name in ("max", "nmax"):
        return r.count_max == (name == "max")
    if name in ("sh32", "nsh32"):
        return r.shift32 == (name == "sh32")
    if name in ("small", "large"):
        return (v < 256) == (name == "small")
    if name in ("xleu", "xgtu"):
        le = not r.carry or (v == 0 and zf == 1)
        return le == (name == "xleu")
    if name in ("xles", "xgts"):
        lt = bool(v & SIGN) != bool(r.overflow)
        le = lt or (v == 0 and zf == 1)
        return le == (name == "xles")
    a, b = r.compare if r.compare is not None else (v, 0)
    sa, sb = s32(a), s32(b)
    return {
        "eq": a == b, "neq": a != b,
        "ltu": a < b, "leu": a <= b, "gtu": a > b, "geu": a >= b,
        "lts": sa < sb, "les": sa <= sb, "gts": sa > sb, "ges": sa >= sb,
    }[name]
