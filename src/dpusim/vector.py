"""The vectorized engine: many DPUs per step, the reference's results and cycles.

Design
------
The DPUs of a run are partitioned into **lockstep groups**: DPUs whose *control* state is identical
(every tasklet's pc, state, ready cycle and counters, the DPU's cycle, round-robin position, DMA
engine and time counter, the IRAM).  A group has one scheduler, run exactly as the reference's
revolver (round-robin after the last issuer among running tasklets whose previous instruction
issued 11 cycles earlier; idle cycles jump to the first ready cycle), and each issued instruction
is executed once for the whole group:

* a register holds a Python ``int`` when its value is the same on every DPU of the group and a
  ``uint32`` numpy array over the group's DPUs otherwise, so address arithmetic and loop counters
  of SPMD code cost one Python operation for all DPUs, and data costs one numpy operation;
* WRAM is a ``[DPUs, bytes]`` array (a group of one DPU works on the DPU's own bytearray);
* each instruction is compiled once (per slot) from its decoded form into a small Python function
  specialised on its operands, for a one-DPU group ("scalar" code: Python ints only) and for a
  larger group ("vector" code: ints or arrays).

When an instruction's *control* effect differs between the DPUs of a group (a branch taken on
some DPUs only, a different call target, DMA size, boot target, acquire result) the group is
**split** by that value before the instruction has changed anything (its state is written back to
the :class:`DpuState` objects and a group is built for each part), and each part re-executes it.
Groups never merge again: DPUs whose control flow diverges end up running one by one, at the speed
of the one-DPU code.  Anything rare or delicate — every fault, ``ldmai``, ``time_cfg``, a pc past
IRAM — is **replayed**: the group's state is written back, the reference engine executes that one
issue on each of its DPUs (so a fault carries exactly the reference's :class:`FaultInfo` and the
reference's side effects), and the DPUs that still run are regrouped.

Faults stop only the DPU that faults; the others run to completion, and ``run_many`` then raises
the fault of the lowest-index faulting DPU (the reference engine, run DPU after DPU by the
simulator, stops at the first fault instead).  With an observer the engine runs the reference
engine, since every issue must be reported in order.

Both engines read the one ISA table: instructions are decoded by :func:`dpucore.isa.decode` (the
same validation as the reference), :data:`OPCODE_TABLE` (opcode -> category, operation, operand
fields) is derived from ``isa.FORMS`` at import and checks that every form has a kernel; the
operations follow :mod:`dpusim.semantics` (the rare ones call it directly).  The differential
tests (``tests/test_sim_vector.py``) compare every architectural field with the reference engine.
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache

import numpy as np

from dpucore import isa

from . import semantics as S
from .faults import CYCLE_LIMIT, DpuFault, FaultInfo
from .reference import Observer, ReferenceEngine
from .state import (DMA_ALPHA_READ, DMA_ALPHA_WRITE, ISSUE_INTERVAL, DpuState, TaskletState)

M32 = 0xFFFFFFFF
SIGN = 0x80000000
_NREG = 24
_CODE_SLOTS = 1 << 16  # every pc a `pc` field can name; larger call targets fault via replay
_NEVER = 1 << 62
_RUNNING = TaskletState.RUNNING
_STOPPED = TaskletState.STOPPED
_LITTLE_HOST = sys.byteorder == "little"

# --------------------------------------------------------------------------------------------
# Tables derived from the ISA at import time
# --------------------------------------------------------------------------------------------

_FLAG_CATEGORIES = frozenset({"arith", "logic", "shift", "shift_add", "count", "extend",
                              "compare_bytes", "mul8"})
_SOURCE_ROLES = ("ra", "rb", "sa", "sb", "imm", "shift")
_SOURCE_CONDITIONS = frozenset({"sz", "snz", "spl", "smi", "se", "so"})
_LOAD_SIZE = {"lbs": 1, "lbu": 1, "lhs": 2, "lhu": 2, "lw": 4, "ld": 8}
_STORE_SIZE = {"sb": 1, "sh": 2, "sw": 4, "sd": 8}
_ADD_FAMILY = {"add": ("add", False, False), "addc": ("add", True, False),
               "sub": ("sub", False, False), "subc": ("sub", True, False),
               "rsub": ("sub", False, True), "rsubc": ("sub", True, True)}


def _check_table() -> dict[int, tuple[str, str, tuple[tuple[str, int, int, bool], ...]]]:
    """opcode -> (category, operation, fields) for every form, checking each has a kernel.

    ``fields`` lists (role, shift, mask, signed) of the operands that have bits.
    """
    known_categories = _FLAG_CATEGORIES | {"step", "load", "store", "store_id", "dma", "atomic",
                                           "tasklet", "call", "fault", "nop", "time", "pair"}
    table = {}
    for form in isa.FORMS:
        cat = form.category
        if cat not in known_categories:
            raise RuntimeError(f"vector engine: no kernel for category {cat} ({form.id})")
        if cat in _FLAG_CATEGORIES - {"shift_add"} and form.base not in S.OPERATIONS:
            raise RuntimeError(f"vector engine: no operation {form.base}")
        if cat == "shift_add" and form.base not in S.SHIFT_ADD:
            raise RuntimeError(f"vector engine: no operation {form.base}")
        fields = tuple((op.role, op.shift, op.mask, op.signed) for op in form.operands
                       if op.width)
        table[form.opcode] = (cat, form.base, fields)
    return table


OPCODE_TABLE = _check_table()


@lru_cache(maxsize=1 << 16)
def _decode(word: int):
    try:
        return isa.decode(word)
    except isa.DecodingError:
        return None


# --------------------------------------------------------------------------------------------
# Run-time helpers the generated code calls
# --------------------------------------------------------------------------------------------


class _Split:
    """Returned by an instruction whose control effect differs between the group's DPUs."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key


class _Replay:
    """Returned by an instruction the reference engine must execute (faults, rare forms)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "REPLAY"


REPLAY = _Replay()
_cnz = np.count_nonzero
_ndarray = np.ndarray


def _br(h):
    """A condition as True/False when uniform over the group, None when it differs."""
    if h.__class__ is _ndarray:
        k = _cnz(h)
        if k == h.size:
            return True
        if k == 0:
            return False
        return None
    return bool(h)


def _uni(x):
    """The int value of a uniform array, else None."""
    first = x[0]
    if (x == first).all():
        return int(first)
    return None


def _cf(T):
    """Materialise a tasklet's (lazy) carry flag: int, or a bool array."""
    c = T.c
    if c.__class__ is tuple:
        c = T.c = c[0](c[1], c[2])
    return c


def _u01(h):
    return h.astype(np.uint32) if h.__class__ is _ndarray else int(bool(h))


def _hi_s(v):
    """The high word of a sign-extended 32-bit value."""
    if v.__class__ is int:
        return M32 if v & SIGN else 0
    return (v >> 31) * np.uint32(M32)


def _p64(hi, lo):
    if hi.__class__ is int and lo.__class__ is int:
        return (hi << 32) | lo
    return (np.asarray(hi, dtype=np.uint64) << np.uint64(32)) | np.asarray(lo, dtype=np.uint64)


def _bsw4(v):
    if v.__class__ is int:
        return int.from_bytes(v.to_bytes(4, "little"), "big")
    return np.asarray(v, dtype=np.uint32).byteswap()


def _bsw8(v):
    if v.__class__ is int:
        return int.from_bytes(v.to_bytes(8, "little"), "big")
    return np.asarray(v, dtype=np.uint64).byteswap()


def _vop(name: str, a, b):
    """An operation of :mod:`semantics` applied element by element (rare operations)."""
    op = S.OPERATIONS[name]
    n = a.size if a.__class__ is _ndarray else b.size
    A = np.broadcast_to(np.asarray(a, dtype=np.uint32), (n,))
    B = np.broadcast_to(np.asarray(b, dtype=np.uint32), (n,))
    return np.fromiter((op(int(x), int(y), 0).value for x, y in zip(A.tolist(), B.tolist())),
                       dtype=np.uint32, count=n)


def _vshift(name: str, a, b):
    """Shift by a register amount (low 6 bits), vectorised for the common shifts."""
    n = np.asarray(b, dtype=np.uint64) & np.uint64(63)
    x = np.asarray(a, dtype=np.uint64)
    m = np.uint64(M32)
    if name == "lsl":
        r = (x << n) & m
    elif name == "lsr":
        r = x >> n
    elif name == "asr":
        r = (np.asarray(a, dtype=np.uint32).view(np.int32).astype(np.int64)
             >> n.astype(np.int64)).astype(np.uint64) & m
    elif name in ("rol", "ror"):
        k = n & np.uint64(31)
        if name == "rol":
            r = ((x << k) | (x >> (np.uint64(32) - k))) & m
        else:
            r = ((x >> k) | (x << (np.uint64(32) - k))) & m
    elif name == "lsl1":
        r = ((x << n) | ((np.uint64(1) << n) - np.uint64(1))) & m
    elif name == "lsr1":
        r = (x >> n) | (m ^ (m >> n))
    else:
        return _vop(name, a, b)
    r = r.astype(np.uint32)
    if r.ndim == 0:  # both operands were ints: cannot happen in the array branch
        r = r.reshape(1)
    return r


def _bit_length(x):
    """Bits needed for each uint32 (0 for 0): the binary exponent of the exact float64."""
    return np.frexp(x.astype(np.float64))[1].astype(np.uint32)


def _vcount(name: str, a):
    """cao / clz / clo / cls of a uint32 array (ISA.md; :mod:`semantics` for cls)."""
    x = np.asarray(a, dtype=np.uint32)
    if name == "cao":
        x = x - ((x >> np.uint32(1)) & np.uint32(0x55555555))
        x = (x & np.uint32(0x33333333)) + ((x >> np.uint32(2)) & np.uint32(0x33333333))
        x = (x + (x >> np.uint32(4))) & np.uint32(0x0F0F0F0F)
        return (x * np.uint32(0x01010101)) >> np.uint32(24)
    if name == "clz":
        return np.uint32(32) - _bit_length(x)
    if name == "clo":
        return np.uint32(32) - _bit_length(~x)
    if name == "cls":
        return np.uint32(32) - _bit_length(np.where(x >= np.uint32(SIGN), ~x, x))
    return _vop(name, a, 0)


def _vcmpb4(a, b):
    x = np.asarray(a ^ b, dtype=np.uint32)
    return (((x & 0xFF) == 0).astype(np.uint32)
            | (((x & 0xFF00) == 0).astype(np.uint32) << np.uint32(8))
            | (((x & 0xFF0000) == 0).astype(np.uint32) << np.uint32(16))
            | (((x & 0xFF000000) == 0).astype(np.uint32) << np.uint32(24)))


def _as_arr(x, n: int):
    return x if x.__class__ is _ndarray else np.full(n, x, dtype=np.uint32)


def _time(T, C: int) -> int:
    g = T.g
    mode = g.counter_mode
    if mode == 1:
        return (C - g.counter_base) & M32
    if mode == 2:
        return (g.ibase + sum(x.n for x in g.tasks) - g.counter_base) & M32
    return g.counter_frozen & M32


def _stop(T, C: int) -> None:
    g = T.g
    g.running[T.id] = False
    g.reschedule()
    T.waiting = "stopped"
    if T.started_at is not None:
        T.cycles += C + 1 - T.started_at
        T.started_at = None


def _was_running(T, k: int) -> int:
    g = T.g
    return int(g.running[k]) if k < g.n else 1


def _boot(T, C: int, k: int, boot: bool) -> None:
    g = T.g
    if k >= g.n or g.running[k]:
        return
    o = g.tasks[k]
    o.touched = True
    if boot:
        o.pc = 0
        o.R[:] = [0] * _NREG
        o.z = 1
        o.c = 0
    g.running[k] = True
    g.ready[k] = C + 1
    o.started_at = C + 1
    o.waiting = "running"
    g.reschedule()


def _dma_done(g, T, C: int, size: int, alpha: int) -> None:
    start = C if C > g.dma_free_at else g.dma_free_at
    done = start + alpha + size // 2
    g.dma_free_at = done
    if done > g.ready[T.id]:
        g.ready[T.id] = done
    T.waiting = "dma"


def _dma_s(T, C: int, ra: int, rb: int, imm: int, write: bool):
    """ldma (write False) / sdma (write True) on a one-DPU group."""
    g = T.g
    size = ((((ra >> 24) + imm) & 0xFF) + 1) * 8
    local = ra & 0xFFFFFF
    mram = rb - 0x08000000 if rb >= 0x08000000 else rb
    if (local & 7 or mram & 7 or mram + size > g.mram_bytes or local + size > g.wram_bytes):
        return REPLAY
    if write:
        _mram_write_from(g.mram[0], mram, g.wmv[local:local + size])
        _dma_done(g, T, C, size, DMA_ALPHA_WRITE)
    else:
        _mram_read_into(g.mram[0], mram, size, g.wmv[local:local + size])
        _dma_done(g, T, C, size, DMA_ALPHA_READ)
    return None


def _mram_read_into(mram, addr: int, size: int, dest) -> None:
    """Copy MRAM bytes into a writable buffer (one page: no intermediate copies)."""
    page, off = divmod(addr, mram.PAGE)
    if off + size <= mram.PAGE:
        p = mram.pages.get(page)
        if p is None:
            dest[:] = bytes(size)
        else:
            dest[:] = memoryview(p)[off:off + size]
    else:
        dest[:] = mram.read(addr, size)


def _mram_write_from(mram, addr: int, src) -> None:
    page, off = divmod(addr, mram.PAGE)
    size = len(src)
    if off + size <= mram.PAGE:
        p = mram.pages.get(page)
        if p is None:
            p = mram.pages[page] = bytearray(mram.PAGE)
        p[off:off + size] = src
    else:
        mram.write(addr, bytes(src))


def _dma_v(T, C: int, ra, rb, imm: int, write: bool):
    """ldma / sdma on a group of DPUs: one transfer per DPU, one timing for all."""
    g = T.g
    D = g.D
    sz = ((((ra >> 24) + imm) & 0xFF) + 1) * 8
    if sz.__class__ is _ndarray:
        size = _uni(sz)
        if size is None:
            return _Split(sz)
    else:
        size = sz
    wlim = g.wram_bytes - size
    mlim = g.mram_bytes - size
    if ra.__class__ is int:
        locs = [ra & 0xFFFFFF] * D
        if locs[0] & 7 or locs[0] > wlim:
            return REPLAY
    else:
        locs = (ra & 0xFFFFFF).tolist()
        for lo in locs:
            if lo & 7 or lo > wlim:
                return REPLAY
    if rb.__class__ is int:
        mo = rb - 0x08000000 if rb >= 0x08000000 else rb
        if mo & 7 or mo > mlim:
            return REPLAY
        mrams = [mo] * D
    else:
        mrams = [x - 0x08000000 if x >= 0x08000000 else x for x in rb.tolist()]
        for mo in mrams:
            if mo & 7 or mo > mlim:
                return REPLAY
    flat = g.Wflat
    N = g.wram_bytes
    mr = g.mram
    if write:
        for j in range(D):
            lo = locs[j] + j * N
            _mram_write_from(mr[j], mrams[j], flat[lo:lo + size])
        _dma_done(g, T, C, size, DMA_ALPHA_WRITE)
    else:
        for j in range(D):
            lo = locs[j] + j * N
            _mram_read_into(mr[j], mrams[j], size, flat[lo:lo + size])
        _dma_done(g, T, C, size, DMA_ALPHA_READ)
    return None


def _atomic_bits(x, imm: int, nbits: int) -> list[int]:
    return ((x.astype(np.int64) + imm) % nbits).tolist()


def _atomic_gather(A: list, bits: list[int]):
    return np.array([A[b] if A[b].__class__ is int else A[b][j] for j, b in enumerate(bits)],
                    dtype=np.uint8)


def _atomic_scatter(A: list, bits: list[int], value: int) -> None:
    n = len(bits)
    for j, b in enumerate(bits):
        cur = A[b]
        if cur.__class__ is int:
            if cur == value:
                continue
            cur = A[b] = np.full(n, cur, dtype=np.uint8)
        cur[j] = value


def _replay_fn(R, T, C):
    return REPLAY


_GLOBALS = {
    "np": np, "REPLAY": REPLAY, "SPLIT": _Split, "BR": _br, "UNI": _uni, "CF": _cf,
    "U01": _u01, "HI_S": _hi_s, "P64": _p64, "BSW4": _bsw4, "BSW8": _bsw8, "VOP": _vop,
    "VSHIFT": _vshift, "VCOUNT": _vcount, "VCMPB4": _vcmpb4, "AR": _as_arr, "TIME": _time,
    "STOP": _stop, "WAS": _was_running, "BOOT": _boot, "DMA_S": _dma_s, "DMA_V": _dma_v,
    "ABITS": _atomic_bits, "AGATHER": _atomic_gather, "ASCATTER": _atomic_scatter,
    "OPS": S.OPERATIONS, "LT": np.less, "GT": np.greater, "GE": np.greater_equal,
    "U32": np.uint32, "I32": np.int32, "I64": np.int64, "U64": np.uint64,
}

# --------------------------------------------------------------------------------------------
# Code generation
# --------------------------------------------------------------------------------------------

_CONST_EXPR = {24: "0", 25: "1", 26: str(M32), 27: str(SIGN), 28: "T.id", 29: "T.id2",
               30: "T.id4", 31: "T.id8"}


def _rd(op: isa.Operand, value: int) -> str:
    """Expression reading an operand's 32-bit value."""
    if op.kind in ("reg", "kreg", "wreg"):
        return f"R[{value}]" if value < _NREG else _CONST_EXPR[value]
    if op.kind == "sreg":
        return f"R[{value}]"
    if op.kind == "zero":
        return "0"
    return str(value & M32)


def _dynamic(expr: str) -> bool:
    """Whether an operand expression may be an array (a register read)."""
    return expr.startswith("R[")


def _is_static(expr: str):
    """The value of an expression without variables, or None."""
    try:
        return bool(eval(expr, {}))  # noqa: S307 - our own generated text
    except NameError:
        return None


def _not(e: str) -> str:
    return f"({e} ^ True)"


def _cond_expr(name: str, x: dict) -> str:
    """The condition `name` as an expression valid on ints and on numpy arrays.

    ``x`` gives the expressions: v (result), src (source operand), cy (carry), ov (overflow,
    nonzero when set), nc (k -> expr), cmax, sh32, cmp ((a, b) or None).  The previous ZF is
    ``(z0 == 0)``.  Mirrors :func:`semantics.condition_holds`.
    """
    v = x["v"]
    src = x.get("src", "0")
    cy = x.get("cy", "0")
    ov = x.get("ov", "0")
    zp = "(z0 == 0)"
    if name == "true":
        return "True"
    if name == "false":
        return "False"
    if name in ("z", "nz"):
        return f"({v} == 0)" if name == "z" else f"({v} != 0)"
    if name in ("xz", "xnz"):
        e = f"(({v} == 0) & {zp})"
        return e if name == "xz" else _not(e)
    if name in ("e", "o"):
        return f"(({v} & 1) == 0)" if name == "e" else f"(({v} & 1) != 0)"
    if name in ("pl", "mi"):
        return f"({v} < {SIGN})" if name == "pl" else f"({v} >= {SIGN})"
    if name in ("ov", "nov"):
        return f"({ov} != 0)" if name == "ov" else f"({ov} == 0)"
    if name in ("c", "nc"):
        return f"({cy} != 0)" if name == "c" else f"({cy} == 0)"
    if name.startswith("nc") and name[2:].isdigit():
        nc = x.get("nc")
        return nc(int(name[2:])) if nc else "False"
    if name in ("sz", "snz"):
        return f"({src} == 0)" if name == "sz" else f"({src} != 0)"
    if name in ("spl", "smi"):
        return f"({src} < {SIGN})" if name == "spl" else f"({src} >= {SIGN})"
    if name in ("se", "so"):
        return f"(({src} & 1) == 0)" if name == "se" else f"(({src} & 1) != 0)"
    if name in ("max", "nmax"):
        e = x.get("cmax", "False")
        return e if name == "max" else _not(e)
    if name in ("sh32", "nsh32"):
        e = x.get("sh32", "False")
        return e if name == "sh32" else _not(e)
    if name in ("small", "large"):
        return f"({v} < 256)" if name == "small" else f"({v} >= 256)"
    if name in ("xleu", "xgtu"):
        e = f"(({cy} == 0) | (({v} == 0) & {zp}))"
        return e if name == "xleu" else _not(e)
    if name in ("xles", "xgts"):
        e = f"((({v} >= {SIGN}) ^ ({ov} != 0)) | (({v} == 0) & {zp}))"
        return e if name == "xles" else _not(e)
    a, b = x.get("cmp") or (v, "0")
    ops = {"eq": "==", "neq": "!=", "ltu": "<", "leu": "<=", "gtu": ">", "geu": ">="}
    if name in ops:
        return f"({a} {ops[name]} {b})"
    sops = {"lts": "<", "les": "<=", "gts": ">", "ges": ">="}
    if name in sops:
        return f"(({a} ^ {SIGN}) {sops[name]} ({b} ^ {SIGN}))"
    raise ValueError(f"unknown condition {name}")


class _Code:
    """Generated source lines with indentation, and uint32 constants for the array branches."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1
        self.consts: dict[int, str] = {}

    def k(self, value: int) -> str:
        """Name of a numpy uint32 constant (faster than a Python int next to an array)."""
        value &= M32
        name = self.consts.get(value)
        if name is None:
            name = self.consts[value] = f"K{len(self.consts)}"
        return name

    def signature(self) -> str:
        extra = "".join(f", {n}=U32({v})" for v, n in self.consts.items())
        return f"def f(R, T, C{extra}):\n"

    def __call__(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    def indent(self) -> None:
        self.depth += 1

    def dedent(self) -> None:
        self.depth -= 1


def _no_carry(x: str, y: str, cin: str | None):
    """ncK: no carry out of the low k bits of x + y (+ cin)."""
    plus = f" + {cin}" if cin else ""
    return lambda k: f"(((({x} & {(1 << k) - 1}) + ({y} & {(1 << k) - 1}){plus}) >> {k}) == 0)"


def _add_scalar(c: _Code, x: str, y: str, cin: str | None) -> dict:
    c(f"s_ = {x} + {y}" + (f" + {cin}" if cin else ""))
    c(f"v = s_ & {M32}")
    return {"cy": "(s_ >> 32)", "ov": f"((({x} ^ v) & ({y} ^ v)) >> 31)",
            "nc": _no_carry(x, y, cin)}


def _sub_scalar(c: _Code, x: str, y: str, cin: str | None) -> dict:
    c(f"bn = {y} ^ {M32}")
    c(f"s_ = {x} + bn + {cin or '1'}")
    c(f"v = s_ & {M32}")
    return {"cy": "(s_ >> 32)", "ov": f"((({x} ^ v) & (bn ^ v)) >> 31)", "cmp": (x, y)}


def _add_array(c: _Code, x: str, y: str, cin: str | None, need_cy: bool) -> dict:
    nc = _no_carry(x, y, cin)
    if cin:
        c(f"s_ = np.add({x}, {y}, dtype=I64) + {cin}")
        c("v = s_.astype(U32)")
        if need_cy:
            c(f"cy = s_ > {M32}")
        else:
            c(f"cy = (GT, s_, {M32})")
    else:
        c(f"v = {x} + {y}")
        if need_cy:
            c(f"cy = v < {x}")
        else:
            c(f"cy = (LT, v, {x})")
    return {"cy": "cy", "ov": f"((({x} ^ v) & ({y} ^ v)) >> 31)", "nc": nc}


def _sub_array(c: _Code, x: str, y: str, cin: str | None, need_cy: bool) -> dict:
    if cin:
        c(f"s_ = np.add({x}, {y} ^ {M32}, dtype=I64) + {cin}")
        c("v = s_.astype(U32)")
        c(f"cy = s_ > {M32}" if need_cy else f"cy = (GT, s_, {M32})")
    else:
        c(f"v = {x} - {y}")
        c(f"cy = {x} >= {y}" if need_cy else f"cy = (GE, {x}, {y})")
    return {"cy": "cy", "ov": f"((({x} ^ v) & (({y} ^ {M32}) ^ v)) >> 31)", "cmp": (x, y)}


_LOGIC = {
    "and": "a & b", "or": "a | b", "xor": "a ^ b", "andn": f"(a ^ {M32}) & b",
    "nand": f"(a & b) ^ {M32}", "nor": f"(a | b) ^ {M32}", "nxor": f"(a ^ b) ^ {M32}",
    "orn": f"(a ^ {M32}) | b",
}


# Shifts by a constant of 32..63 (a constant register as the amount): x -> expression, where
# "a" is the operand; the same text is right for ints and uint32 arrays.
def _big_shift(name: str, n: int, array: bool) -> str:
    k = n - 32
    if name in ("lsl", "lsr"):
        return "0"
    if name == "asr":
        return "(a.view(I32) >> 31).view(U32)" if array else f"{M32} if a >= {SIGN} else 0"
    if name in ("lsl1", "lsr1"):
        return str(M32)
    if name in ("lslx", "lsl1x"):
        if k == 0:
            return "a"
        return f"a << U32({k})" if array else f"(a << {k}) & {M32}"
    if name in ("lsrx", "lsr1x"):
        return f"a >> U32({k})" if array and k else f"a >> {k}"
    raise ValueError(name)


def _static_shift(name: str, n: int, array: bool, c: _Code | None = None) -> str:
    """Expression of a shift of `a` by the constant n (0..63)."""
    m = M32
    if n >= 32 and name not in ("rol", "ror"):
        return _big_shift(name, n, array)
    if array and c is not None:
        return _static_shift_array(name, n, c)
    if name == "lsl":
        return f"a << {n}" if array else f"(a << {n}) & {m}"
    if name == "lsr":
        return f"a >> {n}"
    if name == "asr":
        if array:
            return f"(a.view(I32) >> {n}).view(U32)"
        return f"((((a ^ {SIGN}) - {SIGN}) >> {n}) & {m})"
    if name in ("rol", "ror"):
        k = n & 31
        if k == 0:
            return "a"
        if name == "rol":
            return f"((a << {k}) | (a >> {32 - k})) & {m}"
        return f"((a >> {k}) | (a << {32 - k})) & {m}"
    if name == "lsl1":
        return f"((a << {n}) | {(1 << n) - 1}) & {m}"
    if name == "lsr1":
        return f"(a >> {n}) | {m & ~(m >> n)}"
    if name == "lslx":
        return "0" if n == 0 else f"a >> {32 - n}"
    if name == "lsrx":
        return "0" if n == 0 else f"(a << {32 - n}) & {m}"
    if name == "lsl1x":
        return str(m) if n == 0 else f"(a >> {32 - n}) | {(m << n) & m}"
    if name == "lsr1x":
        return str(m) if n == 0 else f"((a << {32 - n}) & {m}) | {m >> n}"
    raise ValueError(name)


def _static_shift_array(name: str, n: int, c: _Code) -> str:
    """The same on a uint32 array `a` (wrapping arithmetic, no masks)."""
    k = c.k
    m = M32
    if name == "lsl":
        return f"a << {k(n)}"
    if name == "lsr":
        return f"a >> {k(n)}"
    if name == "asr":
        return f"(a.view(I32) >> {n}).view(U32)"
    if name in ("rol", "ror"):
        r = n & 31
        if r == 0:
            return "a"
        left, right = (r, 32 - r) if name == "rol" else (32 - r, r)
        return f"(a << {k(left)}) | (a >> {k(right)})"
    if name == "lsl1":
        return f"(a << {k(n)}) | {k((1 << n) - 1)}"
    if name == "lsr1":
        return f"(a >> {k(n)}) | {k(m & ~(m >> n))}"
    if name == "lslx":
        return "0" if n == 0 else f"a >> {k(32 - n)}"
    if name == "lsrx":
        return "0" if n == 0 else f"a << {k(32 - n)}"
    if name == "lsl1x":
        return str(m) if n == 0 else f"(a >> {k(32 - n)}) | {k((m << n) & m)}"
    if name == "lsr1x":
        return str(m) if n == 0 else f"(a << {k(32 - n)}) | {k(m >> n)}"
    raise ValueError(name)


_SHIFT_NAMES = frozenset({"lsl", "lsr", "asr", "rol", "ror", "lsl1", "lsr1", "lslx", "lsrx",
                          "lsl1x", "lsr1x"})
_DYN_SHIFT_SCALAR = {
    "lsl": f"(a << n_) & {M32}",
    "lsr": "a >> n_",
    "asr": f"(((a ^ {SIGN}) - {SIGN}) >> n_) & {M32}",
}

_MUL_BYTE = {"l": "", "h": " >> 8"}


def _mul_byte(var: str, spec: str, array: bool) -> str:
    sign, half = spec[0], spec[1]
    e = f"(({var}{_MUL_BYTE[half]}) & 255)"
    if array:
        e = f"np.asarray({e}, dtype=I32)"
    if sign == "s":
        e = f"(({e} ^ 128) - 128)"
    return e


def _op_value(c: _Code, name: str, cat: str, array: bool, b_static: int | None,
              cin: bool, need_cy: bool, sh: int = 0) -> dict:
    """Lines computing `v` from `a`, `b` (and `ci`); returns the condition context."""
    ci = "ci" if cin else None
    if cat == "shift_add":
        if name in ("lsl_add", "lsl_sub"):
            if array:
                c(f"t_ = (b << {sh}) & {M32} if b.__class__ is int else b << {c.k(sh)}")
            else:
                c(f"t_ = (b << {sh}) & {M32}")
        elif name == "lsr_add":
            c(f"t_ = b >> {sh}")
        elif sh == 0:
            c("t_ = b")
        elif array:
            c(f"t_ = ((b << {sh}) | (b >> {32 - sh})) & {M32} if b.__class__ is int "
              f"else (b << {c.k(sh)}) | (b >> {c.k(32 - sh)})")
        else:  # rol_add
            c(f"t_ = ((b << {sh}) | (b >> {32 - sh})) & {M32}")
        if name == "lsl_sub":
            return (_sub_array(c, "a", "t_", None, need_cy) if array
                    else _sub_scalar(c, "a", "t_", None))
        return _add_array(c, "a", "t_", None, need_cy) if array else _add_scalar(c, "a", "t_", None)
    if name in _ADD_FAMILY:
        kind, _, swap = _ADD_FAMILY[name]
        x, y = ("b", "a") if swap else ("a", "b")
        if kind == "add":
            return _add_array(c, x, y, ci, need_cy) if array else _add_scalar(c, x, y, ci)
        return _sub_array(c, x, y, ci, need_cy) if array else _sub_scalar(c, x, y, ci)
    if name in _LOGIC:
        c(f"v = {_LOGIC[name]}")
        return {}
    if cat == "shift" and name in _SHIFT_NAMES:
        if b_static is not None:
            n = b_static & 63
            c(f"v = {_static_shift(name, n, array, c)}")
            return {"sh32": "True" if n & 32 else "False"}
        if array:
            c(f'v = VSHIFT("{name}", a, b)')
        elif name in _DYN_SHIFT_SCALAR:
            c("n_ = b & 63")
            c(f"v = {_DYN_SHIFT_SCALAR[name]}")
        elif name in ("rol", "ror"):
            c("k_ = b & 31")
            if name == "rol":
                c(f"v = ((a << k_) | (a >> (32 - k_))) & {M32}")
            else:
                c(f"v = ((a >> k_) | (a << (32 - k_))) & {M32}")
        else:
            c(f'v = OPS["{name}"](a, b, 0).value')
        return {"sh32": "((b & 32) != 0)"}
    if cat == "count":
        if array:
            c(f'v = VCOUNT("{name}", a)')
        elif name == "cao":
            c("v = a.bit_count()")
        elif name == "clz":
            c("v = 32 - a.bit_length()")
        elif name == "clo":
            c(f"v = 32 - (a ^ {M32}).bit_length()")
        else:  # cls
            c(f"v = (32 - (a ^ {M32}).bit_length()) if a >= {SIGN} else (32 - a.bit_length())")
        return {"cmax": "(v == 32)"}
    if cat == "extend":
        if name == "extub":
            c("v = a & 255")
        elif name == "extuh":
            c("v = a & 65535")
        elif array:
            if name == "extsb":
                c("v = a.astype(np.int8).astype(I32).view(U32)")
            elif name == "extsh":
                c("v = a.astype(np.int16).astype(I32).view(U32)")
            elif name == "sats":
                c("v = np.clip(a.view(I32), -32768, 32767).view(U32)")
            else:
                c(f'v = VOP("{name}", a, b)')
        else:
            if name == "extsb":
                c(f"v = (((a & 255) ^ 128) - 128) & {M32}")
            elif name == "extsh":
                c(f"v = (((a & 65535) ^ 32768) - 32768) & {M32}")
            elif name == "sats":
                c(f"s_ = (a ^ {SIGN}) - {SIGN}")
                c(f"v = (32767 if s_ > 32767 else (-32768 if s_ < -32768 else s_)) & {M32}")
            else:
                c(f'v = OPS["{name}"](a, b, 0).value')
        return {}
    if cat == "compare_bytes":
        if array:
            c("v = VCMPB4(a, b)")
        else:
            c("x_ = a ^ b")
            c("v = int(((x_ & 255) == 0) | (((x_ & 65280) == 0) << 8) "
              "| (((x_ & 16711680) == 0) << 16) | (((x_ & 4278190080) == 0) << 24))")
        return {}
    if cat == "mul8":
        _, x, y = name.split("_")
        if array:
            c(f"v = ({_mul_byte('a', x, True)} * {_mul_byte('b', y, True)}).astype(U32)")
        else:
            c(f"v = ({_mul_byte('a', x, False)} * {_mul_byte('b', y, False)}) & {M32}")
        return {}
    # anything else the semantics module knows (hash, …): its AluResult gives every flag
    if array:
        c(f'v = VOP("{name}", a, b)')
        return {"sh32": "((b & 32) != 0)"} if cat == "shift" else {}
    c(f'r_ = OPS["{name}"](a, b, ci)' if cin else f'r_ = OPS["{name}"](a, b, 0)')
    c("v = r_.value")
    return {"cy": "r_.carry", "ov": "r_.overflow", "cmax": "r_.count_max",
            "sh32": "r_.shift32", "nc": lambda k: f"((r_.nc_bits >> {k}) & 1 == 1)"}


# The source of a slot names the pc after it as this constant (no DPU value is that wide): the
# code compiled once for an instruction word serves it at every pc, the constant replaced.
_NEXT = 0x5EED_0000_0000_0000_0001


class _Generator:
    """Python source for one instruction slot, for a one-DPU ('s') or many-DPU ('v') group.
    The pc after it is written :data:`_NEXT`; ``pc`` only says whether the slot is in IRAM."""

    def __init__(self, word: int, pc: int, mode: str, model) -> None:
        self.word = word
        self.pc = pc
        self.next = _NEXT
        self.mode = mode
        self.model = model
        self.c = _Code()

    def source(self) -> str:
        dec = _decode(self.word)
        if dec is None or not 0 <= self.pc < self.model.iram_instructions:
            return "def f(R, T, C):\n    return REPLAY\n"
        form, values = dec
        cat = form.category
        gen = getattr(self, "_" + cat)
        gen(form, values)
        return self.c.signature() + "\n".join(self.c.lines) + "\n"

    # ------------------------------------------------------------------ pieces

    @property
    def vector(self) -> bool:
        return self.mode == "v"

    def _target(self, form, values) -> int | None:
        i = form.roles.get("pc")
        return values[i] if i is not None else None

    def _branch_return(self, h: str | None, target: int | None, static) -> None:
        """Return the next pc after an instruction whose condition is `h`."""
        c = self.c
        nxt = self.next
        if target is None:
            c(f"return {nxt}")
        elif static is not None:
            c(f"return {target if static else nxt}")
        elif self.vector:
            c(f"return {target} if br else {nxt}")
        else:
            c(f"return {target} if {h} else {nxt}")

    def _check_split(self, h: str, static) -> None:
        """In vector code: resolve a dynamic condition to `br`, splitting when it differs."""
        if static is None and self.vector:
            self.c(f"br = BR({h})")
            self.c(f"if br is None: return SPLIT({h})")

    def _dest(self, form, values, val: str) -> None:
        """Write a 32-bit result to rc / sc / the pair dc (extended as the form says)."""
        r = form.roles
        c = self.c
        for role in ("rc", "sc"):
            if role in r:
                c(f"R[{values[r[role]]}] = {val}")
                return
        if "dc" in r:
            d = values[r["dc"]]
            if form.extension == "s":
                if self.vector:
                    c(f"R[{d}] = HI_S({val})")
                else:
                    c(f"R[{d}] = {M32} if {val} >= {SIGN} else 0")
            else:
                c(f"R[{d}] = 0")
            c(f"R[{d + 1}] = {val}")

    def _cond_name(self, form, values) -> str | None:
        i = form.roles.get("cc")
        return isa.CONDITIONS[values[i]] if i is not None else None

    # ------------------------------------------------------------------ ALU

    def _alu(self, form, values) -> None:
        c = self.c
        r = form.roles
        ops = form.operands
        cat = form.category
        name = form.base
        sh = 0
        if cat == "shift_add":
            a_e = _rd(ops[r["rb"]], values[r["rb"]])
            b_e = _rd(ops[r["ra"]], values[r["ra"]])
            sh = values[r["shift"]]
            src_e = "b"
        else:
            srcs = [(o, v) for o, v in zip(ops, values) if o.role in _SOURCE_ROLES]
            a_e = _rd(*srcs[0]) if srcs else "0"
            b_e = _rd(*srcs[1]) if len(srcs) > 1 else "0"
            src_e = "a"
            for role in ("ra", "sa"):
                if role in r:
                    src_e = _rd(ops[r[role]], values[r[role]])
                    break
        cname = self._cond_name(form, values)
        is_set = form.letters.endswith("c") and form.cond is not None and not form.has_pc
        target = self._target(form, values)
        branch = target is not None and not is_set
        cin = name in ("addc", "subc", "rsubc")
        c(f"a = {a_e}")
        c(f"b = {b_e}")
        if src_e == a_e:
            src_e = "a"
        elif src_e == b_e:
            src_e = "b"
        elif src_e not in ("a", "b"):
            c(f"sr = {src_e}")
            src_e = "sr"
        if cin:
            c("ci = CF(T)" if self.vector else "ci = T.c")
        b_static = int(b_e) if b_e.isdigit() else None
        need_cy = cname in ("c", "nc", "xleu", "xgtu")
        uses_z0 = cname in ("xz", "xnz", "xleu", "xgtu", "xles", "xgts")
        if uses_z0:
            c("z0 = T.z")
        # a condition computed in the scalar branch is a bool unless it reads z0 or a source
        # register that is neither a nor b (those may be arrays in vector code)
        maybe_array = uses_z0 or (src_e == "sr" and cname in _SOURCE_CONDITIONS)
        static = None

        def body(array: bool):
            nonlocal static
            if array:
                for var, e in (("a", a_e), ("b", b_e)):
                    if e.isdigit():
                        c(f"{var} = {c.k(int(e))}")
            x = dict(_op_value(c, name, cat, array, b_static, cin, need_cy, sh))
            x["v"] = "v"
            x["src"] = src_e
            if not array:
                c(f"cy = {x.get('cy', '0')}")
            elif "cy" not in x:
                c("cy = 0")
            if cname is None:
                return
            h = _cond_expr(cname, x)
            static = _is_static(h)
            if static is not None:
                return
            c(f"h = {h}")
            if branch and self.vector:
                if array or maybe_array:
                    c("br = BR(h)")
                    c("if br is None: return SPLIT(h)")
                else:
                    c("br = h")

        if self.vector:
            checks = [f"{v}.__class__ is int" for v, e in (("a", a_e), ("b", b_e))
                      if _dynamic(e)]
            if cin:
                checks.append("ci.__class__ is int")
            if checks:
                c("if " + " and ".join(checks) + ":")
                c.indent()
                body(False)
                c.dedent()
                c("else:")
                c.indent()
                body(True)
                c.dedent()
            else:
                body(False)
        else:
            body(False)
        if is_set:
            if static is not None:
                c(f"val = {int(static)}")
            elif self.vector:
                c("val = U01(h)")
            else:
                c("val = 1 if h else 0")
        c("T.z = v")
        c("T.c = cy")
        self._dest(form, values, "val" if is_set else "v")
        if branch:
            self._branch_return("h", target, static)
        else:
            c(f"return {self.next}")

    _arith = _logic = _shift = _count = _extend = _compare_bytes = _mul8 = _shift_add = _alu

    def _step(self, form, values) -> None:
        c = self.c
        r = form.roles
        ra_e = _rd(form.operands[r["ra"]], values[r["ra"]])
        db = values[r["db"]]
        dc = values[0]
        sh = values[r["shift"]]
        cname = self._cond_name(form, values)
        target = self._target(form, values)
        c(f"ra_ = {ra_e}")
        c(f"e = R[{db}]")
        c(f"o = R[{db + 1}]")
        uses_z0 = cname in ("xz", "xnz", "xleu", "xgtu", "xles", "xgts")
        if uses_z0:
            c("z0 = T.z")
        mul = form.base == "mul_step"

        def scalar():
            if mul:
                c(f"if e & 1: o = (o + (ra_ << {sh})) & {M32}")
                c("e = e >> 1")
            else:
                c(f"s_ = ra_ << {sh}")
                c("if o >= s_:")
                c("    o = o - s_")
                c(f"    e = ((e << 1) | 1) & {M32}")
                c("else:")
                c(f"    e = (e << 1) & {M32}")

        def array():
            c("n_ = T.g.D")
            c("ra_ = AR(ra_, n_)")
            c("e = AR(e, n_)")
            c("o = AR(o, n_)")
            if mul:
                c(f"o = np.where((e & 1) != 0, o + (ra_ << {sh}), o)")
                c("e = e >> 1")
            else:
                c(f"s_ = ra_.astype(U64) << U64({sh})")
                c("g_ = o >= s_")
                c("o = np.where(g_, o - s_, o).astype(U32)")
                c("e = (e << 1) | g_.astype(U32)")

        if self.vector:
            dyn = [f"{v}.__class__ is int" for v, ex in (("ra_", ra_e), ("e", "R["), ("o", "R["))
                   if _dynamic(ex)]
            c("if " + " and ".join(dyn) + ":")
            c.indent()
            scalar()
            c.dedent()
            c("else:")
            c.indent()
            array()
            c.dedent()
        else:
            scalar()
        h = _cond_expr(cname, {"v": "e", "src": "ra_"}) if cname else None
        static = _is_static(h) if h is not None else False
        if h is not None and static is None:
            c(f"h = {h}")
            self._check_split("h", static)
        c("T.z = e")
        c("T.c = 0")
        c(f"R[{dc}] = e")
        c(f"R[{dc + 1}] = o")
        self._branch_return("h", target, static)

    # ------------------------------------------------------------------ memory

    def _address(self, base: str, off: int, size: int) -> None:
        """Compute `ad` and check it, in the int branch (scalar) or array branch (vector)."""
        c = self.c
        lim = self.model.wram_bytes - size
        c(f"ad = {base}" if off == 0 else f"ad = ({base} + {off & M32}) & {M32}")
        if size > 1:
            c(f"if ad & {size - 1} or ad > {lim}: return REPLAY")
        else:
            c(f"if ad > {lim}: return REPLAY")

    def _array_address(self, base: str, off: int, size: int) -> None:
        c = self.c
        lim = self.model.wram_bytes - size
        c(f"ad = {base}" if off == 0 else f"ad = {base} + {self.c.k(off)}")
        if size > 1:
            c(f"if (ad & {size - 1}).any() or ad.max() > {lim}: return REPLAY")
        else:
            c(f"if ad.max() > {lim}: return REPLAY")

    def _load(self, form, values) -> None:
        c = self.c
        r = form.roles
        base_i = r["ra"] if "ra" in r else r["sa"]
        base = _rd(form.operands[base_i], values[base_i])
        off = values[r["off"]]
        size = _LOAD_SIZE[form.base]
        big = values[r["endian"]]
        shift = size.bit_length() - 1
        view = f"T.m{size}"
        c(f"x = {base}")
        if self.vector:
            c("if x.__class__ is int:")
            c.indent()
            self._address("x", off, size)
            c(f"val = {view}[:, ad >> {shift}]" + (".copy()" if size in (4, 8) else ""))
            c.dedent()
            c("else:")
            c.indent()
            self._array_address("x", off, size)
            c(f"val = {view}[T.rows, ad >> {shift}]")
            c.dedent()
            if big and size > 1:
                c("val = val.byteswap()")
            if form.base == "lbs":
                c("v = val.view(np.int8).astype(I32).view(U32)")
            elif form.base == "lhs":
                c("v = val.view(np.int16).astype(I32).view(U32)")
            elif form.base in ("lbu", "lhu"):
                c("v = val.astype(U32)")
            elif form.base == "lw":
                c("v = val")
            else:  # ld
                c("lo = val.astype(U32)")
                c("hi = (val >> U64(32)).astype(U32)")
        else:
            self._address("x", off, size)
            if size == 1:
                c("v = T.m1[ad]")
            elif big or not _LITTLE_HOST:
                c(f"v = int.from_bytes(T.m1[ad:ad + {size}], '{'big' if big else 'little'}')")
            else:
                c(f"v = {view}[ad >> {shift}]")
            if form.base == "lbs":
                c(f"v = ((v ^ 128) - 128) & {M32}")
            elif form.base == "lhs":
                c(f"v = ((v ^ 32768) - 32768) & {M32}")
            if form.base == "ld":
                c("hi = v >> 32")
                c(f"lo = v & {M32}")
        if form.base == "ld":
            d = values[r["dc"]]
            c(f"R[{d}] = hi")
            c(f"R[{d + 1}] = lo")
        else:
            self._dest(form, values, "v")
        c(f"return {self.next}")

    def _store(self, form, values) -> None:
        c = self.c
        r = form.roles
        base_i = r["ra"] if "ra" in r else r["sa"]
        base = _rd(form.operands[base_i], values[base_i])
        off = values[r["off"]]
        name = form.base[:-3] if form.category == "store_id" else form.base
        size = _STORE_SIZE[name]
        big = values[r["endian"]]
        mask = (1 << (8 * size)) - 1
        shift = size.bit_length() - 1
        c(f"x = {base}")
        if "db" in r:
            d = values[r["db"]]
            c(f"val = P64(R[{d}], R[{d + 1}])" if self.vector
              else f"val = (R[{d}] << 32) | R[{d + 1}]")
            if size < 8:
                c(f"val = val & {mask}")
        elif "rb" in r:
            c(f"val = {_rd(form.operands[r['rb']], values[r['rb']])}")
            if size < 4:
                c(f"val = val & {mask}")
        else:
            imm = values[r["imm"]]
            if form.category == "store_id":
                c(f"val = ({imm} | T.id) & {mask}")
            else:
                c(f"val = {imm & mask}")
        view = f"T.m{size}"
        if self.vector:
            if big and size > 1:
                c({2: "val = ((val & 255) << 8) | ((val >> 8) & 255)", 4: "val = BSW4(val)",
                   8: "val = BSW8(val)"}[size])
            c("if x.__class__ is int:")
            c.indent()
            self._address("x", off, size)
            c(f"{view}[:, ad >> {shift}] = val")
            c.dedent()
            c("else:")
            c.indent()
            self._array_address("x", off, size)
            c(f"{view}[T.rows, ad >> {shift}] = val")
            c.dedent()
        else:
            self._address("x", off, size)
            if size == 1:
                c("T.m1[ad] = val")
            elif big or not _LITTLE_HOST:
                c(f"T.m1[ad:ad + {size}] = val.to_bytes({size}, '{'big' if big else 'little'}')")
            else:
                c(f"{view}[ad >> {shift}] = val")
        c(f"return {self.next}")

    _store_id = _store

    def _dma(self, form, values) -> None:
        c = self.c
        r = form.roles
        if form.base == "ldmai":
            c("return REPLAY")
            return
        ra = _rd(form.operands[r["ra"]], values[r["ra"]])
        rb = _rd(form.operands[r["rb"]], values[r["rb"]])
        write = form.base == "sdma"
        fn = "DMA_V" if self.vector else "DMA_S"
        c(f"r_ = {fn}(T, C, {ra}, {rb}, {values[r['immDma']]}, {write})")
        c("if r_ is not None: return r_")
        c(f"return {self.next}")

    # ------------------------------------------------------------------ control

    def _uniform(self, var: str, on_split: str) -> None:
        """In vector code, make `var` an int or leave (split/replay) when it differs."""
        if self.vector:
            c = self.c
            c(f"if {var}.__class__ is not int:")
            c(f"    u_ = UNI({var})")
            c(f"    if u_ is None: return {on_split}")
            c(f"    {var} = u_")

    def _atomic(self, form, values) -> None:
        c = self.c
        r = form.roles
        imm = values[r["imm"]]
        nbits = self.model.atomic_bits
        value = 1 if form.base == "acquire" else 0
        target = self._target(form, values)
        cname = self._cond_name(form, values)
        h = _cond_expr(cname, {"v": "old", "src": "x"})
        static = _is_static(h)
        c(f"x = {_rd(form.operands[r['ra']], values[r['ra']])}")
        if "z0" in h:
            c("z0 = T.z")
        if self.vector:
            # a bit index that differs between the DPUs: gather, then scatter
            c("if x.__class__ is not int:")
            c.indent()
            c("u_ = UNI(x)")
            c("if u_ is None:")
            c.indent()
            c(f"bits = ABITS(x, {imm}, {nbits})")
            c("old = AGATHER(T.A, bits)")
            if static is None:
                c(f"h = {h}")
                self._check_split("h", static)
            c(f"ASCATTER(T.A, bits, {value})")
            self._branch_return("h", target, static)
            c.dedent()
            c("x = u_")
            c.dedent()
        c(f"bit = (x + {imm}) % {nbits}")
        c("A = T.A")
        c("old = A[bit]")
        if static is None:
            c(f"h = {h}")
            self._check_split("h", static)
        c(f"A[bit] = {value}")
        self._branch_return("h", target, static)

    def _tasklet(self, form, values) -> None:
        c = self.c
        r = form.roles
        cname = self._cond_name(form, values)
        target = self._target(form, values)
        if form.base == "stop":
            h = _cond_expr(cname, {"v": "0", "src": "0"})
            static = _is_static(h)
            if static is None:
                c("z0 = T.z")
                c(f"h = {h}")
                self._check_split("h", static)
            c("STOP(T, C)")
            self._branch_return("h", target, static)
            return
        c(f"x = {_rd(form.operands[r['ra']], values[r['ra']])}")
        self._uniform("x", "SPLIT(x)")
        c(f"k = (x + {values[r['imm']]}) & {M32}")
        c("w = WAS(T, k)")
        h = _cond_expr(cname, {"v": "w", "src": "x"})
        static = _is_static(h)
        if static is None:
            if "z0" in h:
                c("z0 = T.z")
            c(f"h = {h}")
            self._check_split("h", static)
        c(f"BOOT(T, C, k, {form.base == 'boot'})")
        self._branch_return("h", target, static)

    def _call(self, form, values) -> None:
        c = self.c
        r = form.roles
        ops = form.operands
        x = _rd(ops[r["ra"]], values[r["ra"]])
        second = r["off"] if "off" in r else r["rb"]
        y = _rd(ops[second], values[second])
        c(f"tg = {x} + {y}")
        if self.vector:
            c("if tg.__class__ is int:")
            c(f"    tg = tg & {M32}")
            c("else:")
            c("    u_ = UNI(tg)")
            c("    if u_ is None: return SPLIT(tg)")
            c("    tg = u_")
        else:
            c(f"tg = tg & {M32}")
        if "rc" in r:
            c(f"R[{values[r['rc']]}] = {self.next}")
        c("return tg")

    def _fault(self, form, values) -> None:
        self.c("return REPLAY")

    def _nop(self, form, values) -> None:
        self.c(f"return {self.next}")

    def _time(self, form, values) -> None:
        c = self.c
        if form.base == "time_cfg":
            c("return REPLAY")
            return
        c("old = TIME(T, C)")
        self._dest(form, values, "old")
        cname = self._cond_name(form, values)
        h = _cond_expr(cname, {"v": "old", "src": "old"}) if cname else "False"
        self._branch_return("h", self._target(form, values), _is_static(h))

    def _pair(self, form, values) -> None:
        c = self.c
        r = form.roles
        db, dc = values[r["db"]], values[r["dc"]]
        c(f"hi = R[{db}]")
        c(f"lo = R[{db + 1}]")
        if form.base == "swapd":
            c(f"R[{dc}] = lo")
            c(f"R[{dc + 1}] = hi")
        else:
            c(f"R[{dc}] = hi")
            c(f"R[{dc + 1}] = lo")
        cname = self._cond_name(form, values)
        h = _cond_expr(cname, {"v": "lo", "src": "0"}) if cname else "False"
        self._branch_return("h", self._target(form, values), _is_static(h))


_COMPILED: dict[tuple, object] = {}
_TEMPLATES: dict[tuple, tuple] = {}  # (word or None outside IRAM, mode, model) -> _template()


def compile_slot(word: int, pc: int, mode: str, model):
    """The function executing the instruction `word` at `pc` (cached)."""
    key = (word, pc, mode, model)
    f = _COMPILED.get(key)
    if f is None:
        # (outside IRAM every word is the same slot: it replays on the reference engine)
        tkey = (word if 0 <= pc < model.iram_instructions else None, mode, model)
        template = _TEMPLATES.get(tkey)
        if template is None:
            template = _TEMPLATES[tkey] = _template(word, pc, mode, model)
        code, defaults, src = template
        f = types.FunctionType(_with_next(code, pc + 1, f"<dpu slot {pc}: {mode}>"), _GLOBALS,
                               "f", defaults)
        f.source = src.replace(str(_NEXT), str(pc + 1))
        if len(_COMPILED) > 1 << 18:
            _COMPILED.clear()
            _TEMPLATES.clear()
        _COMPILED[key] = f
    return f


def _template(word: int, pc: int, mode: str, model) -> tuple:
    """A slot's code with :data:`_NEXT` in it, for every pc its word is at: (code, defaults,
    source)."""
    src = _Generator(word, pc, mode, model).source()
    ns: dict = {}
    exec(compile(src, f"<dpu slot: {mode}>", "exec"), _GLOBALS, ns)  # noqa: S102
    return ns["f"].__code__, ns["f"].__defaults__, src


def _with_next(code: types.CodeType, next_pc: int, filename: str) -> types.CodeType:
    """``code`` with :data:`_NEXT` replaced by ``next_pc`` (in the functions and the constant
    tuples it holds too)."""
    def swap(c):
        if c.__class__ is int:
            return next_pc if c == _NEXT else c
        if isinstance(c, types.CodeType):
            return _with_next(c, next_pc, filename)
        if isinstance(c, (tuple, frozenset)):
            return c.__class__(swap(x) for x in c)
        return c
    return code.replace(co_consts=tuple(swap(c) for c in code.co_consts), co_filename=filename)


def _stub_s(R, T, C):
    g = T.g
    f = g.code[T.pc] = compile_slot(g.iram[T.pc] if T.pc < len(g.iram) else 0, T.pc, "s",
                                    g.model)
    return f(R, T, C)


def _stub_v(R, T, C):
    g = T.g
    f = g.code[T.pc] = compile_slot(g.iram[T.pc] if T.pc < len(g.iram) else 0, T.pc, "v",
                                    g.model)
    return f(R, T, C)


# --------------------------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------------------------


class _Tasklet:
    __slots__ = ("id", "id2", "id4", "id8", "R", "z", "c", "pc", "n", "n0", "touched", "cycles",
                 "started_at", "waiting", "g", "m1", "m2", "m4", "m8", "rows", "A")


def _control_key(d: DpuState) -> tuple:
    return (d.model, len(d.tasklets), d.cycle, d.last_issued, d.instructions, d.dma_free_at,
            d.counter_mode, d.counter_base, d.counter_frozen,
            tuple((t.pc, t.state, t.ready_at, t.instructions, t.cycles, t.started_at, t.waiting)
                  for t in d.tasklets),
            tuple(d.iram))


def _uniform_or_columns(rows: list, first: list) -> list:
    """Per column of ``rows`` (lists of uint32, ``first`` the first): its value when every row
    has the same, else the column as an array."""
    table = np.array(rows, dtype=np.uint32)
    same = (table == table[0]).all(axis=0).tolist()
    return [x if s else table[:, k].copy() for k, (x, s) in enumerate(zip(first, same))]


_ORDERS: dict[tuple, tuple[list, list]] = {}  # (tasklets, running ids) -> (order, nxt)


class _Group:
    """DPUs with one control state, executed together."""

    def __init__(self, engine: "VectorEngine", dpus: list[DpuState]):
        d0 = dpus[0]
        self.dpus = dpus
        self.D = D = len(dpus)
        self.vector = D > 1
        self.model = d0.model
        self.n = n = len(d0.tasklets)
        self.C = d0.cycle
        self.L = d0.last_issued
        self.dma_free_at = d0.dma_free_at
        self.counter_mode = d0.counter_mode
        self.counter_base = d0.counter_base
        self.counter_frozen = d0.counter_frozen
        self.ibase = d0.instructions - sum(t.instructions for t in d0.tasklets)
        self.ready = [t.ready_at for t in d0.tasklets] + [_NEVER]
        self.running = [t.state is _RUNNING for t in d0.tasklets]
        self.nxt = [n] * n
        self.order: list[tuple] = [()] * n
        self.reschedule()
        self.iram = d0.iram
        self.wram_bytes = d0.model.wram_bytes
        self.mram_bytes = d0.model.mram_bytes
        self.mram = [d.mram for d in dpus]
        self.code = engine.code_list(d0.iram, "v" if self.vector else "s", d0.model)
        self.views = []
        if self.vector:
            W = np.empty((D, self.wram_bytes), dtype=np.uint8)
            for j, d in enumerate(dpus):
                W[j] = np.frombuffer(d.wram, dtype=np.uint8)
            self.W8 = W
            self.Wflat = memoryview(W.reshape(-1))
            self.views = [self.Wflat]
            m = (W, W.view("<u2"), W.view("<u4"), W.view("<u8"))
            rows = np.arange(D)
            a0 = d0.atomic
            if all(d.atomic == a0 for d in dpus):
                self.A = list(a0)
            else:
                at = np.frombuffer(b"".join(d.atomic for d in dpus), dtype=np.uint8)
                at = at.reshape(D, len(a0))
                same = (at == at[0]).all(axis=0).tolist()
                self.A = [x if same[b] else at[:, b].copy() for b, x in enumerate(a0)]
        else:
            d = d0
            self.wram = d.wram
            mv = self.wmv = memoryview(d.wram)
            if _LITTLE_HOST:
                m = (d.wram, mv.cast("H"), mv.cast("I"), mv.cast("Q"))
                self.views = [mv, *m[1:]]
            else:
                m = (d.wram, None, None, None)
                self.views = [mv]
            rows = None
            self.A = d.atomic
        tasks = []
        for k in range(n):
            t = d0.tasklets[k]
            T = _Tasklet()
            T.id = k
            T.id2, T.id4, T.id8 = 2 * k, 4 * k, 8 * k
            T.R = list(t.regs)
            T.z = 0 if t.zf else 1
            T.c = t.cf
            if self.vector:
                others = [d.tasklets[k] for d in dpus]
                if any(o.regs != t.regs for o in others):
                    T.R = _uniform_or_columns([o.regs for o in others], T.R)
                if any(o.zf != t.zf for o in others):
                    T.z = np.array([0 if o.zf else 1 for o in others], dtype=np.uint32)
                if any(o.cf != t.cf for o in others):
                    T.c = np.array([o.cf for o in others], dtype=bool)
            T.pc = t.pc
            T.n = T.n0 = t.instructions
            T.touched = False
            T.cycles = t.cycles
            T.started_at = t.started_at
            T.waiting = t.waiting
            T.g = self
            T.m1, T.m2, T.m4, T.m8 = m
            T.rows = rows
            T.A = self.A
            tasks.append(T)
        self.tasks = tasks

    def reschedule(self) -> None:
        """Round-robin orders after each tasklet, from the running set (in place)."""
        n = self.n
        running = self.running
        ids = tuple(u for u in range(n) if running[u])
        cached = _ORDERS.get((n, ids))
        if cached is None:
            order, nxt = [], []
            for last in range(n):
                # the running tasklets after `last`, then those up to it (itself last)
                seq = tuple(u for u in ids if u > last) + tuple(u for u in ids if u <= last)
                order.append(seq)
                nxt.append(seq[0] if seq else n)
            if len(_ORDERS) > 4096:
                _ORDERS.clear()
            cached = _ORDERS[(n, ids)] = (order, nxt)
        self.order[:] = cached[0]
        self.nxt[:] = cached[1]

    def writeback(self) -> None:
        """Store the group's state into its DpuState objects.

        Only the tasklets that issued or were booted/resumed here can have changed."""
        tasks = self.tasks
        instructions = self.ibase + sum(T.n for T in tasks)
        changed = [T for T in tasks if T.n != T.n0 or T.touched]
        if self.vector:
            columns = []
            for T in changed:
                c = _cf(T)
                columns.append(([x if x.__class__ is int else x.tolist() for x in T.R],
                                T.z if T.z.__class__ is int else T.z.tolist(),
                                c if c.__class__ is int else c.tolist()))
            atomic = np.frombuffer(bytes(b if b.__class__ is int else 0 for b in self.A),
                                   dtype=np.uint8)
            atomic = np.tile(atomic, (self.D, 1))
            for b, x in enumerate(self.A):
                if x.__class__ is not int:
                    atomic[:, b] = x
        for j, d in enumerate(self.dpus):
            d.cycle = self.C
            d.last_issued = self.L
            d.instructions = instructions
            d.dma_free_at = self.dma_free_at
            d.counter_mode = self.counter_mode
            d.counter_base = self.counter_base
            d.counter_frozen = self.counter_frozen
            for i, T in enumerate(changed):
                t = d.tasklets[T.id]
                if self.vector:
                    R, z, c = columns[i]
                    t.regs[:] = [x if x.__class__ is int else x[j] for x in R]
                    t.zf = int((z if z.__class__ is int else z[j]) == 0)
                    t.cf = int(bool(c if c.__class__ is int else c[j]))
                else:
                    t.regs[:] = T.R
                    t.zf = int(T.z == 0)
                    t.cf = int(bool(T.c))
                t.pc = T.pc
                t.state = _RUNNING if self.running[T.id] else _STOPPED
                t.ready_at = self.ready[T.id]
                t.instructions = T.n
                t.cycles = T.cycles
                t.started_at = T.started_at
                t.waiting = T.waiting
            if self.vector:
                d.wram[:] = self.W8[j].data
                d.atomic[:] = atomic[j].data
        for v in reversed(self.views):
            v.release()
        self.views = []


# --------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------

_DONE = "done"
_LIMIT = "limit"


class VectorEngine:
    """Runs many DPUs at once with the reference engine's results, counts and cycles.

    ``run_many(dpus, max_cycles)`` runs every DPU to completion and raises the :class:`DpuFault`
    of the lowest-index DPU that faulted (each faulting DPU stops at its fault; the others run
    on); ``last_faults`` then maps every faulted DPU's index to its fault.
    ``run(dpu, max_cycles)`` is ``run_many([dpu])``.  With an observer the engine runs the
    reference engine (every issue must be reported in order).  ``stats`` counts the lockstep
    groups built, the splits and the replays.
    """

    name = "vector"

    def __init__(self, observer: Observer | None = None):
        self.observer = observer
        self.reference = ReferenceEngine(observer)
        self._codes: dict[tuple, list] = {}
        self.stats = {"groups": 0, "splits": 0, "replays": 0}
        self.last_faults: dict[int, DpuFault] = {}

    # ---------------------------------------------------------------- code lists

    def code_list(self, iram: list[int], mode: str, model) -> list:
        key = (tuple(iram), mode, model)
        code = self._codes.get(key)
        if code is None:
            stub = _stub_v if mode == "v" else _stub_s
            code = [stub] * model.iram_instructions
            code += [_replay_fn] * (_CODE_SLOTS - len(code))
            if len(self._codes) >= 16:
                self._codes.clear()
            self._codes[key] = code
        return code

    # ---------------------------------------------------------------- running

    def run(self, dpu: DpuState, max_cycles: int | None = None) -> None:
        self.run_many([dpu], max_cycles)

    def run_many(self, dpus: list[DpuState], max_cycles: int | None = None) -> None:
        faults: dict[int, DpuFault] = {}
        if self.observer is not None:
            faults = self.reference.run_each(dpus, max_cycles)
        else:
            self._run(dpus, max_cycles, faults)
        self.last_faults = faults
        if faults:
            raise faults[min(faults)]

    def _groups(self, dpus: list[DpuState]) -> list[_Group]:
        parts: dict[tuple, list[DpuState]] = {}
        for d in dpus:
            if any(t.state is _RUNNING for t in d.tasklets):
                parts.setdefault(_control_key(d), []).append(d)
        self.stats["groups"] += len(parts)
        return [_Group(self, part) for part in parts.values()]

    def _run(self, dpus: list[DpuState], max_cycles: int | None,
             faults: dict[int, DpuFault]) -> None:
        limit = _NEVER if max_cycles is None else max_cycles
        work = self._groups(dpus)
        while work:
            g = work.pop()
            status = self._loop(g, limit)
            g.writeback()
            if status is _DONE:
                continue
            if status is _LIMIT:
                for d in g.dpus:
                    faults[d.index] = DpuFault(FaultInfo(
                        CYCLE_LIMIT, f"stopped after {max_cycles} cycles", d.index, None, None))
                continue
            if status.__class__ is _Split:
                self.stats["splits"] += 1
                key = np.asarray(status.key)
                _, inverse = np.unique(key, return_inverse=True)
                parts: dict[int, list[DpuState]] = {}
                for j, p in enumerate(inverse.tolist()):
                    parts.setdefault(p, []).append(g.dpus[j])
                if len(parts) < 2:  # would run the same issue again forever
                    raise RuntimeError(f"vector engine: split on a uniform value at cycle {g.C}")
                self.stats["groups"] += len(parts)
                work.extend(_Group(self, part) for part in parts.values())
                continue
            # replay one issue on every DPU of the group with the reference engine
            self.stats["replays"] += 1
            survivors = []
            for d in g.dpus:
                try:
                    self.reference.step(d, max_cycles)
                except DpuFault as e:
                    faults[d.index] = e
                    continue
                survivors.append(d)
            work.extend(self._groups(survivors))

    def _loop(self, g: _Group, limit: int):
        """Issue instructions until the group finishes, splits, replays or hits the limit."""
        tasks = g.tasks
        ready = g.ready
        nxt = g.nxt
        order = g.order
        code = g.code
        C = g.C
        L = g.L
        interval = ISSUE_INTERVAL
        status = _DONE
        T = None
        rt = 0
        t = 0
        try:
            while True:
                t = nxt[L]
                rt = ready[t]
                if rt > C:
                    seq = order[L]
                    for u in seq:
                        if ready[u] <= C:
                            t = u
                            rt = ready[u]
                            break
                    else:
                        if len(seq) != 1:
                            if not seq:
                                break
                            C = min([ready[u] for u in seq])
                            continue
                        C = rt  # (the one running tasklet, `t`, issues once it is ready)
                if C >= limit:
                    status = _LIMIT
                    break
                T = tasks[t]
                ready[t] = C + interval
                npc = code[T.pc](T.R, T, C)
                if npc.__class__ is not int:
                    ready[t] = rt
                    status = npc
                    break
                T.pc = npc
                T.n += 1
                L = t
                C += 1
        except IndexError:
            if T is None or T.pc < len(code):
                raise
            ready[t] = rt
            status = REPLAY
        g.C = C
        g.L = L
        return status


__all__ = ["VectorEngine", "OPCODE_TABLE", "compile_slot"]
