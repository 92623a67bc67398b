"""DPU programs translated into LLVM IR: the code the native engine compiles.

A loaded program is static, so the whole IRAM is translated at once into ``dpu_run(ctx)``,
which runs the DPU's tasklet scheduler, and ``run``, which it calls for each dispatch: the
issuing tasklet's instructions, natively, up to where its run ends.  The code is derived from
the ISA table: each instruction word is decoded by
:func:`dpucore.isa.decode` and translated by the method of its semantic category (one method per
category, the operations and conditions written once, as :mod:`dpusim.semantics` defines them).

The scheduler
-------------
The revolver is the reference engine's (:class:`dpusim.reference.ReferenceEngine`): at each
cycle the DPU issues one instruction of the first running tasklet after the last issuer whose
previous instruction issued at least 11 cycles earlier; idle cycles jump to the first ready
cycle.  Stopped tasklets carry ``STOPPED`` in their ready cycle, so one comparison decides.

Running ahead
-------------
Instructions are of three kinds.  **Private** ones (ALU, shifts, counts, steps, pairs, `call`,
`nop`) read and write only their tasklet's registers, flags and pc; **memory** ones (WRAM loads
and stores) touch what other tasklets may see; **shared** ones (DMA, atomics, boot/resume/stop,
time) must execute at their exact issue cycle, in the DPU's order.  When a tasklet issues, the
native code executes that instruction and then *runs ahead* through the private (and, when
speculating, memory) instructions that follow (across branches and calls, at most
:data:`MAX_RUN`), up to the next shared one; it records how many it executed as the tasklet's
``pending`` count.  The scheduler then issues those pending instructions at their turns by
counting alone, and only a tasklet with nothing pending jumps back into translated code.  The
schedule is unchanged: which instruction a tasklet issues never changes who issues when, except
through shared instructions, which are never run ahead.

While the tasklets issuing next in round-robin order all have instructions pending, their
issues are counted in one batch (``@rounds``) up to the next event: a tasklet with nothing
pending, another becoming ready, or the limit.  Fewer tasklets than the 11 cycles of a round
may also issue at fixed cycles with idle ones between them (one left for a DMA in the middle of
a round, or joined there): those rounds are counted at once too.  Scans stop at ``span``: no
tasklet at or past it runs, nor issued last (boot and resume widen it).

A run that must stop while some tasklet is ahead (a fault, a cycle limit, an instruction the
reference engine executes) is made exact again by :meth:`NativeEngine._rollback`: each tasklet
keeps a snapshot of its registers taken where its run ahead began, and the issued part of the
run is executed again from it.

Speculating on WRAM
-------------------
A load or store executed ahead of its issue cycle gives the reference's result unless another
tasklet accesses the same bytes, one of them writing, between the two moments.  The context's
mode (``smode``) says whether memory instructions may run ahead.  When they do, a table with an
entry per 8-byte WRAM line records the line's *owner*: the tasklet that last accessed it ahead,
with the *ordinal* of that access (its instruction count there) and whether it wrote the line
since it took it.  An access ahead to a line its tasklet owns only moves the ordinal: most
accesses, as a tasklet's buffers are its own.  Another tasklet takes the line when the owner's
last access has issued (its ordinal is at most the count of its issued instructions).  While
that access is pending, another access conflicts if either of them writes (or the owner wrote
the line earlier), and a second reader makes the line *shared*: its readers are then a bit per
tasklet and the highest number of the runs that read it, and a write conflicts while another
reader still has instructions pending from a run that may have read it.  Ahead, a conflict, a
bad address or the mode ends the run before the instruction, which is then dispatched at its
turn; at its issue cycle (and for DMA transfers, line by line), a conflict returns ``ABORT``:
what ran ahead was wrong, and Python goes back to its last checkpoint (:mod:`dpusim.native`),
taken where no access was ahead, and runs that stretch with memory instructions at their
turns.  `sdma` keeps an undo log of the MRAM it overwrites while speculating (``LOGFULL`` asks
Python for a larger one), except in pages made since the checkpoint: going back drops those.

What returns to Python
----------------------
``dpu_run`` returns a status: ``DONE`` (no tasklet runs), ``LIMIT`` (the cycle limit), ``REPLAY``
(the chosen tasklet's instruction must be executed by the reference engine: every fault, so that
the fault carries exactly the reference's report, `ldmai`, which changes the code, invalid
words and pcs outside the program), ``PAGE`` (an `sdma` writes MRAM pages that do not exist
yet; Python allocates them in the DPU's lazy MRAM and calls again), ``ABORT`` or ``LOGFULL``.
Nothing of the issuing instruction has happened when it returns REPLAY, PAGE or LOGFULL.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import lru_cache

from dpucore import isa

from .state import DMA_ALPHA_READ, DMA_ALPHA_WRITE, ISSUE_INTERVAL, LazyMemory

TRANSLATOR_VERSION = 19  # part of the cache key: bump when the generated code changes
MAX_TASKLETS = 24
# Private instructions a tasklet may run ahead: longer runs mean fewer scheduler events (a
# streaming kernel's 448-instruction block loop then fits one run: 10 % faster than 256), and
# a rollback (rare: a fault or a cycle limit) replays at most this many per tasklet.
MAX_RUN = 512
STOPPED = 1 << 62  # or-ed into a stopped tasklet's ready cycle
NO_LIMIT = 1 << 61
NO_MEMBER = (1 << 63) - 1  # (the wait of a batch no tasklet outside it ends)
AWAY = 0x7F7F7F7F  # the position in a batch of a tasklet outside it (a memset byte repeated)
PAGE_BITS = LazyMemory.PAGE.bit_length() - 1

DONE, LIMIT, REPLAY, PAGE, ABORT, LOGFULL = 0, 1, 2, 3, 4, 5
RUN_ON = -1  # what a tasklet's run returns to the scheduler when it goes on
EXACT, SPECULATE, DRAIN = 0, 1, 2  # Ctx.smode
LINE_BITS = 3  # WRAM lines of 8 bytes in the speculation table
# A byte per 4 KiB of WRAM, set when a line of it is recorded, lies before the table (at most
# DIRTY_BYTES of them): a checkpoint clears those parts only.  A streaming kernel's tasklets use
# a few KiB of WRAM, and clearing all 128 KiB of the table, memory no other part of the run
# touches, was 3 % of its time and a quarter of what a DPU's run brings into the caches.
CHUNK_LINE_BITS = 9
CHUNK_BYTES = 16 << CHUNK_LINE_BITS  # of the table
DIRTY_BYTES = 256
OWNER_BITS = 5
SHARED_LINE = (1 << OWNER_BITS) - 1  # the owner of a line several tasklets read ahead
NOT_AN_OWNER = 1 << OWNER_BITS  # (no entry's owner field holds it)
READERS = (1 << MAX_TASKLETS) - 1
# Up to this many instructions, the check of an access ahead is inlined at each load and store:
# faster code, but LLVM's time grows faster than the function, so larger programs call it.
SMALL_PROGRAM = 256
WAITING = ("running", "dma", "stopped")

PRIVATE = frozenset({"arith", "logic", "shift", "shift_add", "count", "extend", "compare_bytes",
                     "mul8", "step", "call", "nop", "pair"})
MEMORY = frozenset({"load", "store", "store_id"})  # run ahead when speculating (see above)
SHARED = frozenset({"dma", "atomic", "tasklet", "time"})
_SOURCE_ROLES = ("ra", "rb", "sa", "sb", "imm", "shift")
_LOAD_SIZE = {"lbs": 1, "lbu": 1, "lhs": 2, "lhu": 2, "lw": 4, "ld": 8}
_STORE_SIZE = {"sb": 1, "sh": 2, "sw": 4, "sd": 8}
ARCH_WORDS = 32  # per tasklet: r0..r23, pc, zf, cf, spare
PC, ZF, CF = 24, 25, 26
ARCH_COPY = 4 * 28  # bytes of a snapshot (registers, pc, flags)


class Ctx(ctypes.Structure):
    """The state ``dpu_run`` works on: a DPU's tasklets, scheduler and counters, and pointers
    to its memories.  The translator reads the field offsets from this one definition."""

    _fields_ = [
        ("arch", ctypes.c_uint32 * (MAX_TASKLETS * ARCH_WORDS)),
        ("snap", ctypes.c_uint32 * (MAX_TASKLETS * ARCH_WORDS)),
        ("ready", ctypes.c_int64 * MAX_TASKLETS),
        ("ninstr", ctypes.c_int64 * MAX_TASKLETS),
        ("tcycles", ctypes.c_int64 * MAX_TASKLETS),
        ("started", ctypes.c_int64 * MAX_TASKLETS),  # -1: None
        ("pending", ctypes.c_int32 * MAX_TASKLETS),
        ("waiting", ctypes.c_int32 * MAX_TASKLETS),  # index into WAITING
        ("sn_base", ctypes.c_int32 * MAX_TASKLETS),
        ("sn_pend", ctypes.c_int32 * MAX_TASKLETS),
        ("cycle", ctypes.c_int64),
        ("instructions", ctypes.c_int64),
        ("limit", ctypes.c_int64),
        ("dma_free", ctypes.c_int64),
        ("cbase", ctypes.c_int64),
        ("cfrozen", ctypes.c_int64),
        ("page_lo", ctypes.c_int64),
        ("page_hi", ctypes.c_int64),
        ("last", ctypes.c_int32),
        ("cmode", ctypes.c_int32),
        ("nrun", ctypes.c_int32),
        ("tasklet", ctypes.c_int32),  # the tasklet of a REPLAY or PAGE exit
        ("smode", ctypes.c_int32),
        ("span", ctypes.c_int32),  # tasklets 0 .. span - 1 hold the running ones and the last
        # its run may access WRAM ahead (it began while speculating)
        ("specmem", ctypes.c_int32 * MAX_TASKLETS),
        ("runid", ctypes.c_int64 * MAX_TASKLETS),  # its run's number
        ("runs", ctypes.c_int64),  # runs started
        ("log_used", ctypes.c_int64),
        ("log_cap", ctypes.c_int64),
        ("log", ctypes.c_void_p),  # MRAM undo log (null: none kept)
        # a byte per MRAM page, set for pages made since the checkpoint: going back drops
        # them, so what is written there is not logged (a kernel's output: the whole log)
        ("fresh", ctypes.c_void_p),
        # two i64 per WRAM line: its owner, (ordinal << 6) | (wrote << 5) | (tasklet + 1), or
        # SHARED_LINE, and then its readers, (the highest run number << 24) | (a bit each)
        ("table", ctypes.c_void_p),
        ("wram", ctypes.c_void_p),
        ("atomic", ctypes.c_void_p),
        ("pages", ctypes.c_void_p),
        # a checkpoint the batch takes before it enters the code (null: none): the context,
        # WRAM and atomic bits copied there, and the speculation table cleared
        ("ck_save", ctypes.c_void_p),
        ("ck_wram", ctypes.c_int64),  # bytes of WRAM, of atomic bits, of the table
        ("ck_atomic", ctypes.c_int64),
        ("ck_table", ctypes.c_int64),
    ]


def _off(name: str) -> int:
    return getattr(Ctx, name).offset


# --------------------------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def decode(word: int):
    try:
        return isa.decode(word)
    except isa.DecodingError:
        return None


def kind_of(word: int) -> str:
    """'private', 'memory' (a WRAM load or store), 'shared' or 'replay' (executed by the
    reference engine)."""
    dec = decode(word)
    if dec is None:
        return "replay"
    form = dec[0]
    cat = form.category
    if cat in PRIVATE:
        return "private"
    if cat in MEMORY:
        return "memory"
    if cat == "fault" or form.base == "ldmai":
        return "replay"
    if cat in SHARED:
        return "shared"
    raise RuntimeError(f"native engine: no translation for category {cat} ({form.id})")


def _check_table() -> None:
    for form in isa.FORMS:
        if form.category not in PRIVATE | MEMORY | SHARED | {"fault"}:
            raise RuntimeError(f"native engine: no translation for {form.id}")


_check_table()

# --------------------------------------------------------------------------------------------
# IR text helpers
# --------------------------------------------------------------------------------------------

M32 = 0xFFFFFFFF
SIGN = 0x80000000


def c32(v: int) -> str:
    """An i32 constant (signed spelling)."""
    v &= M32
    return str(v - (1 << 32) if v & SIGN else v)


def c64(v: int) -> str:
    v &= (1 << 64) - 1
    return str(v - (1 << 64) if v >> 63 else v)


_CONSTANT_REGS = {24: 0, 25: 1, 26: M32, 27: SIGN}  # zero one lneg mneg; id* depend on the tasklet
_TBAA = {"reg": 2, "sched": 4, "wram": 6, "atomic": 8, "page": 10, "table": 12, "dirty": 14}


class _Res:
    """An ALU result in IR: ``value`` (i32) and, on demand, what conditions look at."""

    def __init__(self, value: str, carry: str = "0", overflow=None, nc=None, count_max=None,
                 shift32=None, compare=None):
        self.value = value
        self.carry = carry  # i32 0/1
        self._overflow = overflow  # callable -> i1
        self._nc = nc  # callable(k) -> i1 (no carry out of the low k bits)
        self._count_max = count_max  # callable -> i1
        self._shift32 = shift32  # callable -> i1
        self.compare = compare  # (a, b) i32 values, or None


class Translator:
    """Builds the IR of one program (IRAM image) for one DPU model."""

    def __init__(self, iram: list[int], model):
        self.model = model
        self.n = model.tasklets
        words = list(iram[:model.iram_instructions])
        while words and words[-1] == 0:
            words.pop()
        self.words = words
        self.nslots = len(words)
        self.kinds = [kind_of(w) for w in words]
        self.lines: list[str] = []
        self.tmp = 0
        self.exact = False  # translating the instruction a dispatch starts with
        self.targets: set[int] = set()  # static branch targets (where runs check their length)
        # Where a run goes on after a computed jump: the static targets and the return sites.
        # A computed jump elsewhere ends the run (its next dispatch starts there): an edge from
        # every computed jump to every instruction made LLVM's code generator several times
        # slower on C programs, where every return is a computed jump.
        returns: set[int] = set()
        for p, w in enumerate(words):
            dec = decode(w)
            if dec is not None and dec[0].has_pc:
                self.targets.add(dec[1][dec[0].roles["pc"]])
            if dec is not None and dec[0].category == "call":
                returns.add(p + 1)
                t = self._static_call_target(*dec)
                if t is not None:
                    self.targets.add(t)
        self.landings = self.targets | returns
        self.uses_hash = any(decode(w) is not None and decode(w)[0].base == "hash"
                             for w in words)
        # the check of an access ahead: inlined in small programs, the runtime's in others
        self.ahead = "ahead" if self.nslots <= SMALL_PROGRAM else "dpusim_ahead"

    # ------------------------------------------------------------------ emitting

    def v(self, text: str) -> str:
        self.tmp += 1
        name = f"%v{self.tmp}"
        self.lines.append(f"  {name} = {text}")
        return name

    def do(self, text: str) -> None:
        self.lines.append("  " + text)

    def label(self, name: str) -> None:
        self.lines.append(f"{name}:")

    def fresh(self, stem: str) -> str:
        self.tmp += 1
        return f"{stem}.{self.tmp}"

    def ptr(self, base: str, offset) -> str:
        return self.v(f"getelementptr inbounds i8, ptr {base}, i64 {offset}")

    def load(self, ty: str, ptr: str, tag: str) -> str:
        return self.v(f"load {ty}, ptr {ptr}, align 1, !tbaa !{_TBAA[tag]}")

    def store(self, ty: str, value, ptr: str, tag: str) -> None:
        self.do(f"store {ty} {value}, ptr {ptr}, align 1, !tbaa !{_TBAA[tag]}")

    def field(self, name: str, ty: str) -> str:
        return self.ptr("%ctx", _off(name))

    def slot(self, name: str, size: int) -> str:
        """Pointer to ``name[t]`` of the issuing tasklet."""
        return self.ptr("%ctx", f"%o{size}.{name}")

    def i1(self, value) -> str:
        if value is True:
            return "true"
        if value is False:
            return "false"
        return value

    # ------------------------------------------------------------------ registers

    def reg(self, r: int) -> str:
        return self.load("i32", self.ptr("%T", 4 * r), "reg")

    def set_reg(self, r: int, value: str) -> None:
        self.store("i32", value, self.ptr("%T", 4 * r), "reg")

    def read(self, op: isa.Operand, value: int) -> str:
        """The 32-bit value an operand supplies (reference.py's ``_read``)."""
        if op.kind in ("reg", "kreg", "wreg"):
            if value < 24:
                return self.reg(value)
            if value in _CONSTANT_REGS:
                return c32(_CONSTANT_REGS[value])
            return {28: "%tid", 29: "%tid2", 30: "%tid4", 31: "%tid8"}[value]
        if op.kind == "sreg":
            return self.reg(value)
        if op.kind == "zero":
            return "0"
        return c32(value)

    def read_role(self, form, values, role: str) -> str:
        i = form.roles[role]
        return self.read(form.operands[i], values[i])

    def pair(self, even: int) -> str:
        hi = self.v(f"zext i32 {self.reg(even)} to i64")
        lo = self.v(f"zext i32 {self.reg(even + 1)} to i64")
        return self.v(f"or i64 {self.v(f'shl i64 {hi}, 32')}, {lo}")

    def set_pair(self, even: int, value64: str) -> None:
        self.set_reg(even, self.v(f"trunc i64 {self.v(f'lshr i64 {value64}, 32')} to i32"))
        self.set_reg(even + 1, self.v(f"trunc i64 {value64} to i32"))

    def set_pair_words(self, even: int, hi: str, lo: str) -> None:
        self.set_reg(even, hi)
        self.set_reg(even + 1, lo)

    def store_result(self, form, values, value: str) -> None:
        """rc / sc, or the pair dc extended as the form's .s/.u says; `zero` discards."""
        r = form.roles
        for role in ("rc", "sc"):
            if role in r:
                self.set_reg(values[r[role]], value)
                return
        if "dc" in r:
            if form.extension == "s":
                hi = self.v(f"ashr i32 {value}, 31")
            else:
                hi = "0"
            self.set_pair_words(values[r["dc"]], hi, value)

    # ------------------------------------------------------------------ conditions

    def cond(self, name: str, res: _Res, source: str, zf: str):
        """Condition ``name`` on ``res`` (semantics.condition_holds): an i1, True or False."""
        v = res.value
        if name == "true":
            return True
        if name == "false":
            return False
        if name in ("z", "nz"):
            return self.v(f"icmp {'eq' if name == 'z' else 'ne'} i32 {v}, 0")
        if name in ("xz", "xnz"):
            both = self.x_zero(v, zf)
            return both if name == "xz" else self.v(f"xor i1 {both}, true")
        if name in ("e", "o"):
            bit = self.v(f"and i32 {v}, 1")
            return self.v(f"icmp {'eq' if name == 'e' else 'ne'} i32 {bit}, 0")
        if name in ("pl", "mi"):
            return self.v(f"icmp {'sge' if name == 'pl' else 'slt'} i32 {v}, 0")
        if name in ("ov", "nov"):
            ov = res._overflow() if res._overflow else False
            return self.negate(ov, name == "nov")
        if name in ("c", "nc"):
            c = self.v(f"icmp ne i32 {res.carry}, 0")
            return self.negate(c, name == "nc")
        if name.startswith("nc") and name[2:].isdigit():
            return res._nc(int(name[2:])) if res._nc else False
        if name in ("sz", "snz"):
            return self.v(f"icmp {'eq' if name == 'sz' else 'ne'} i32 {source}, 0")
        if name in ("spl", "smi"):
            return self.v(f"icmp {'sge' if name == 'spl' else 'slt'} i32 {source}, 0")
        if name in ("se", "so"):
            bit = self.v(f"and i32 {source}, 1")
            return self.v(f"icmp {'eq' if name == 'se' else 'ne'} i32 {bit}, 0")
        if name in ("max", "nmax"):
            m = res._count_max() if res._count_max else False
            return self.negate(m, name == "nmax")
        if name in ("sh32", "nsh32"):
            s = res._shift32() if res._shift32 else False
            return self.negate(s, name == "nsh32")
        if name in ("small", "large"):
            return self.v(f"icmp {'ult' if name == 'small' else 'uge'} i32 {v}, 256")
        if name in ("xleu", "xgtu"):
            nc = self.v(f"icmp eq i32 {res.carry}, 0")
            le = self.v(f"or i1 {nc}, {self.x_zero(v, zf)}")
            return self.negate(le, name == "xgtu")
        if name in ("xles", "xgts"):
            neg = self.v(f"icmp slt i32 {v}, 0")
            ov = self.i1(res._overflow() if res._overflow else False)
            lt = self.v(f"xor i1 {neg}, {ov}")
            le = self.v(f"or i1 {lt}, {self.x_zero(v, zf)}")
            return self.negate(le, name == "xgts")
        a, b = res.compare if res.compare is not None else (v, "0")
        pred = {"eq": "eq", "neq": "ne", "ltu": "ult", "leu": "ule", "gtu": "ugt", "geu": "uge",
                "lts": "slt", "les": "sle", "gts": "sgt", "ges": "sge"}[name]
        return self.v(f"icmp {pred} i32 {a}, {b}")

    def x_zero(self, v: str, zf: str) -> str:
        z = self.v(f"icmp eq i32 {v}, 0")
        old = self.v(f"icmp ne i32 {zf}, 0")
        return self.v(f"and i1 {z}, {old}")

    def negate(self, b, neg: bool):
        if b is True or b is False:
            return (not b) if neg else b
        return self.v(f"xor i1 {b}, true") if neg else b

    def form_cond(self, form, values, res: _Res, source: str, zf: str):
        cc = form.roles.get("cc")
        if cc is None:
            return False
        return self.cond(isa.CONDITIONS[values[cc]], res, source, zf)

    # ------------------------------------------------------------------ operations

    def add(self, a: str, b: str, cin: str, subtrahend: str | None = None) -> _Res:
        """a + b + cin; with ``subtrahend``, b is ~subtrahend and cin 1: a - subtrahend."""
        if subtrahend is not None:
            # (the carry of a + ~b + 1 is a >= b: a 32-bit compare LLVM can fuse, where the
            # sum in 64 bits kept an add, a shift and a spill in every loop it ends)
            r = self.v(f"sub i32 {a}, {subtrahend}")
            carry = self.v(f"zext i1 {self.v(f'icmp uge i32 {a}, {subtrahend}')} to i32")
        elif cin == "0":
            r = self.v(f"add i32 {a}, {b}")
            carry = self.v(f"zext i1 {self.v(f'icmp ult i32 {r}, {a}')} to i32")
        else:
            za, zb, zc = (self.v(f"zext i32 {x} to i64") for x in (a, b, cin))
            total = self.v(f"add i64 {self.v(f'add i64 {za}, {zb}')}, {zc}")
            r = self.v(f"trunc i64 {total} to i32")
            carry = self.v(f"trunc i64 {self.v(f'lshr i64 {total}, 32')} to i32")

        def overflow():
            x = self.v(f"and i32 {self.v(f'xor i32 {a}, {r}')}, {self.v(f'xor i32 {b}, {r}')}")
            return self.v(f"icmp slt i32 {x}, 0")

        def nc(k: int):
            # the carry into bit k is bit k of a ^ b ^ sum
            x = self.v(f"xor i32 {self.v(f'xor i32 {a}, {b}')}, {r}")
            bit = self.v(f"and i32 {x}, {1 << k}")
            return self.v(f"icmp eq i32 {bit}, 0")
        return _Res(r, carry, overflow, nc)

    def sub(self, a: str, b: str, cin: str) -> _Res:
        res = self.add(a, self.v(f"xor i32 {b}, -1"), cin, b if cin == "1" else None)
        return _Res(res.value, res.carry, res._overflow, None, compare=(a, b))

    def shift(self, name: str, a: str, n32: str) -> str:
        """``a`` shifted by ``n32`` (0..63), as semantics._SHIFTS defines each shift."""
        n = self.v(f"zext i32 {n32} to i64")
        za = self.v(f"zext i32 {a} to i64")
        if name == "lsl":
            return self.v(f"trunc i64 {self.v(f'shl i64 {za}, {n}')} to i32")
        if name == "lsr":
            return self.v(f"trunc i64 {self.v(f'lshr i64 {za}, {n}')} to i32")
        if name == "asr":
            sa = self.v(f"sext i32 {a} to i64")
            return self.v(f"trunc i64 {self.v(f'ashr i64 {sa}, {n}')} to i32")
        if name == "lsl1":
            ones = self.v(f"sub i64 {self.v(f'shl i64 1, {n}')}, 1")
            shifted = self.v(f"shl i64 {za}, {n}")
            return self.v(f"trunc i64 {self.v(f'or i64 {shifted}, {ones}')} to i32")
        if name == "lsr1":
            high = self.v(f"xor i64 {self.v(f'lshr i64 {M32}, {n}')}, {M32}")
            shifted = self.v(f"lshr i64 {za}, {n}")
            return self.v(f"trunc i64 {self.v(f'or i64 {shifted}, {high}')} to i32")
        if name in ("lslx", "lsl1x"):
            wide = self.v(f"zext i32 {a} to i128")
            if name == "lsl1x":
                wide = self.v(f"or i128 {wide}, {M32 << 32}")
            sh = self.v(f"shl i128 {wide}, {self.v(f'zext i32 {n32} to i128')}")
            return self.v(f"trunc i128 {self.v(f'lshr i128 {sh}, 32')} to i32")
        if name in ("lsrx", "lsr1x"):
            wide = self.v(f"shl i64 {za}, 32")
            if name == "lsr1x":
                wide = self.v(f"or i64 {wide}, {M32}")
            return self.v(f"trunc i64 {self.v(f'lshr i64 {wide}, {n}')} to i32")
        if name in ("rol", "ror"):
            fn = "fshl" if name == "rol" else "fshr"
            return self.v(f"call i32 @llvm.{fn}.i32(i32 {a}, i32 {a}, i32 {n32})")
        raise RuntimeError(f"native engine: no shift {name}")

    def operation(self, name: str, a: str, b: str) -> _Res:
        """semantics.OPERATIONS[name](a, b, cf) in IR."""
        if name in ("add", "addc"):
            return self.add(a, b, self.cf if name == "addc" else "0")
        if name in ("sub", "subc"):
            return self.sub(a, b, self.cf if name == "subc" else "1")
        if name in ("rsub", "rsubc"):
            return self.sub(b, a, self.cf if name == "rsubc" else "1")
        logic = {"and": ("and", False, False), "or": ("or", False, False),
                 "xor": ("xor", False, False), "andn": ("and", True, False),
                 "nand": ("and", False, True), "nor": ("or", False, True),
                 "nxor": ("xor", False, True), "orn": ("or", True, False)}
        if name in logic:
            op, not_a, not_r = logic[name]
            x = self.v(f"xor i32 {a}, -1") if not_a else a
            r = self.v(f"{op} i32 {x}, {b}")
            return _Res(self.v(f"xor i32 {r}, -1") if not_r else r)
        if name == "hash":
            c = self.v(f"xor i32 {b}, -1")
            for i in range(4):
                byte = self.v(f"and i32 {self.v(f'lshr i32 {a}, {8 * i}')}, 255")
                idx = self.v(f"and i32 {self.v(f'xor i32 {c}, {byte}')}, 255")
                p = self.v(f"getelementptr inbounds [256 x i32], ptr @crc_table, i64 0, i32 {idx}")
                entry = self.v(f"load i32, ptr {p}")
                c = self.v(f"xor i32 {entry}, {self.v(f'lshr i32 {c}, 8')}")
            return _Res(self.v(f"xor i32 {c}, -1"))
        if name in ("lsl", "lsr", "asr", "lsl1", "lsr1", "lslx", "lsrx", "lsl1x", "lsr1x",
                    "rol", "ror"):
            n = self.v(f"and i32 {b}, 63")
            value = self.shift(name, a, n)

            def shift32():
                return self.v(f"icmp ne i32 {self.v(f'and i32 {n}, 32')}, 0")
            return _Res(value, shift32=shift32)
        if name in ("cao", "clz", "clo", "cls"):
            if name == "cao":
                n = self.v(f"call i32 @llvm.ctpop.i32(i32 {a})")
            elif name == "clz":
                n = self.v(f"call i32 @llvm.ctlz.i32(i32 {a}, i1 false)")
            else:
                clo = self.v(f"call i32 @llvm.ctlz.i32(i32 {self.v(f'xor i32 {a}, -1')}, "
                             f"i1 false)")
                if name == "clo":
                    n = clo
                else:
                    clz = self.v(f"call i32 @llvm.ctlz.i32(i32 {a}, i1 false)")
                    neg = self.v(f"icmp slt i32 {a}, 0")
                    n = self.v(f"select i1 {neg}, i32 {clo}, i32 {clz}")
            return _Res(n, count_max=lambda: self.v(f"icmp eq i32 {n}, 32"))
        if name in ("extsb", "extsh"):
            ty = "i8" if name == "extsb" else "i16"
            return _Res(self.v(f"sext {ty} {self.v(f'trunc i32 {a} to {ty}')} to i32"))
        if name in ("extub", "extuh"):
            return _Res(self.v(f"and i32 {a}, {255 if name == 'extub' else 65535}"))
        if name == "sats":
            lo = self.v(f"call i32 @llvm.smax.i32(i32 {a}, i32 -32768)")
            return _Res(self.v(f"call i32 @llvm.smin.i32(i32 {lo}, i32 32767)"))
        if name == "cmpb4":
            x = self.v(f"xor i32 {a}, {b}")
            r = "0"
            for i in range(4):
                byte = self.v(f"and i32 {x}, {c32(0xFF << (8 * i))}")
                same = self.v(f"icmp eq i32 {byte}, 0")
                r = self.v(f"or i32 {r}, {self.v(f'select i1 {same}, i32 {1 << (8 * i)}, i32 0')}")
            return _Res(r)
        if name.startswith("mul_"):
            x, y = name[4:].split("_")
            return _Res(self.v(f"mul i32 {self.mul_byte(a, x)}, {self.mul_byte(b, y)}"))
        raise RuntimeError(f"native engine: no operation {name}")

    def mul_byte(self, v: str, spec: str) -> str:
        shifted = self.v(f"lshr i32 {v}, 8") if spec[1] == "h" else v
        byte = self.v(f"trunc i32 {shifted} to i8")
        return self.v(f"{'sext' if spec[0] == 's' else 'zext'} i8 {byte} to i32")

    def shift_add(self, name: str, a: str, b: str, sh: int) -> _Res:
        if name == "lsl_add":
            return self.add(a, self.v(f"shl i32 {b}, {sh}"), "0")
        if name == "lsl_sub":
            return self.sub(a, self.v(f"shl i32 {b}, {sh}"), "1")
        if name == "lsr_add":
            return self.add(a, self.v(f"lshr i32 {b}, {sh}"), "0")
        if name == "rol_add":
            rot = self.v(f"call i32 @llvm.fshl.i32(i32 {b}, i32 {b}, i32 {sh})")
            return self.add(a, rot, "0")
        raise RuntimeError(f"native engine: no operation {name}")

    # ------------------------------------------------------------------ instruction bodies
    # Each returns where execution goes: ("next",), ("cond", i1, target), ("jump", target) with
    # a static target, ("indirect", i32 value), or ("stop", i1 holds, target).

    # The flags of the tasklet in translated code live in two locals (%zfa, %cfa), which LLVM
    # keeps in registers: written back to the context only where the code leaves the tasklet
    # (sync_flags), not at every instruction that sets them.

    def flags(self):
        return self.v("load i32, ptr %zfa")

    def set_flags(self, zero: str, carry: str) -> None:
        is_zero = self.v(f"icmp eq i32 {zero}, 0")
        self.do(f"store i32 {self.v(f'zext i1 {is_zero} to i32')}, ptr %zfa")
        self.do(f"store i32 {carry}, ptr %cfa")

    def sync_flags(self) -> None:
        self.store("i32", self.v("load i32, ptr %zfa"), self.ptr("%T", 4 * ZF), "reg")
        self.store("i32", self.v("load i32, ptr %cfa"), self.ptr("%T", 4 * CF), "reg")

    def branch(self, form, values, holds):
        pc = form.roles.get("pc")
        if pc is None or holds is False:
            return ("next",)
        if holds is True:
            return ("jump", values[pc])
        return ("cond", holds, values[pc])

    def finish_alu(self, form, values, res: _Res, source: str):
        zf = self.flags()
        self.set_flags(res.value, res.carry)
        holds = self.form_cond(form, values, res, source, zf)
        if form.letters.endswith("c") and form.cond is not None and not form.has_pc:
            self.store_result(form, values, self.v(f"zext i1 {self.i1(holds)} to i32"))
        else:
            self.store_result(form, values, res.value)
        return self.branch(form, values, holds)

    def need_cf(self, form) -> bool:
        return form.base in ("addc", "subc", "rsubc")

    def t_alu(self, form, values):
        srcs = [self.read(op, v) for op, v in zip(form.operands, values)
                if op.role in _SOURCE_ROLES]
        a = srcs[0] if srcs else "0"
        b = srcs[1] if len(srcs) > 1 else "0"
        if self.need_cf(form):
            self.cf = self.v("load i32, ptr %cfa")
        res = self.operation(form.base, a, b)
        source = a
        for role in ("ra", "sa"):
            if role in form.roles:
                source = self.read_role(form, values, role)
                break
        return self.finish_alu(form, values, res, source)

    t_arith = t_logic = t_shift = t_count = t_extend = t_compare_bytes = t_mul8 = t_alu

    def t_shift_add(self, form, values):
        a = self.read_role(form, values, "rb")
        b = self.read_role(form, values, "ra")
        res = self.shift_add(form.base, a, b, values[form.roles["shift"]])
        return self.finish_alu(form, values, res, b)

    def t_step(self, form, values):
        r = form.roles
        ra = self.read_role(form, values, "ra")
        db = values[r["db"]]
        even, odd = self.reg(db), self.reg(db + 1)
        sh = values[r["shift"]]
        if form.base == "mul_step":
            bit = self.v(f"and i32 {even}, 1")
            added = self.v(f"add i32 {odd}, {self.v(f'shl i32 {ra}, {sh}')}")
            odd = self.v(f"select i1 {self.v(f'icmp ne i32 {bit}, 0')}, i32 {added}, i32 {odd}")
            even = self.v(f"lshr i32 {even}, 1")
        else:
            shifted = self.v(f"shl i64 {self.v(f'zext i32 {ra} to i64')}, {sh}")
            wide = self.v(f"zext i32 {odd} to i64")
            ge = self.v(f"icmp uge i64 {wide}, {shifted}")
            less = self.v(f"trunc i64 {self.v(f'sub i64 {wide}, {shifted}')} to i32")
            odd = self.v(f"select i1 {ge}, i32 {less}, i32 {odd}")
            even = self.v(f"or i32 {self.v(f'shl i32 {even}, 1')}, "
                          f"{self.v(f'zext i1 {ge} to i32')}")
        self.set_pair_words(values[0], even, odd)
        zf = self.flags()
        self.set_flags(even, "0")
        holds = self.form_cond(form, values, _Res(even), ra, zf)
        return self.branch(form, values, holds)

    def t_pair(self, form, values):
        r = form.roles
        db = values[r["db"]]
        hi, lo = self.reg(db), self.reg(db + 1)
        if form.base == "swapd":
            hi, lo = lo, hi
        self.set_pair_words(values[r["dc"]], hi, lo)
        zf = self.flags()
        holds = self.form_cond(form, values, _Res(lo), "0", zf)
        return self.branch(form, values, holds)

    def t_nop(self, form, values):
        return ("next",)

    def _static_call_target(self, form, values) -> int | None:
        r = form.roles
        ra = values[r["ra"]]
        if ra not in _CONSTANT_REGS:
            return None
        if "off" in r:
            return (_CONSTANT_REGS[ra] + values[r["off"]]) & M32
        rb = values[r["rb"]]
        if rb in _CONSTANT_REGS:
            return (_CONSTANT_REGS[ra] + _CONSTANT_REGS[rb]) & M32
        return None

    def t_call(self, form, values):
        r = form.roles
        static = self._static_call_target(form, values)
        if static is None:
            ra = self.read_role(form, values, "ra")
            second = c32(values[r["off"]]) if "off" in r else self.read_role(form, values, "rb")
            target = self.v(f"add i32 {ra}, {second}")
        self.store_result(form, values, c32(self.pc + 1))
        if static is not None:
            return ("jump", static)
        return ("indirect", target)

    # shared instructions -------------------------------------------------------------

    def wram_address(self, form, values, size: int, write: bool) -> str:
        """The checked WRAM address (i64) of a load or store.

        Executed at its issue cycle (``self.exact``: the instruction a dispatch starts with), a
        bad address replays (a fault) and an access to a line another tasklet accessed ahead, in
        an instruction that has not issued yet, aborts the speculation.  Executed ahead, either
        ends the run before the instruction, as does any access ahead when not speculating; an
        access ahead records its ordinal in the line's entry.
        """
        r = form.roles
        base = self.read_role(form, values, "ra" if "ra" in r else "sa")
        off = c32(values[r["off"]])
        addr = self.v(f"zext i32 {self.v(f'add i32 {base}, {off}')} to i64")
        wram = self.model.wram_bytes
        if wram & (wram - 1) == 0:
            # aligned, an access ends inside WRAM iff it starts there: one test for both
            mask = (M32 & ~(wram - 1)) | (size - 1)
            bad = self.v(f"icmp ne i64 {self.v(f'and i64 {addr}, {mask}')}, 0")
        else:
            end = self.v(f"add i64 {addr}, {size}")
            bad = self.v(f"icmp ugt i64 {end}, {wram}")
            if size > 1:
                mis = self.v(f"icmp ne i64 {self.v(f'and i64 {addr}, {size - 1}')}, 0")
                bad = self.v(f"or i1 {bad}, {mis}")
        if not self.exact:
            # one call checks, records and says whether the access may run ahead (a small
            # translation: LLVM's time grows faster than the size of the one function)
            ordinal = self.v(f"add i64 {self.v('load i64, ptr %obv')}, "
                             f"{self.v('zext i32 ' + self.v('load i32, ptr %exv') + ' to i64')}")
            go = self.v(f"call i1 @{self.ahead}(ptr %table, ptr %ctx, i64 {addr}, i1 {bad}, "
                        f"i64 %owner, i64 {ordinal}, i64 %rid, "
                        f"i1 {'true' if write else 'false'})")
            ok = self.fresh("%ok")
            self.do(f"br i1 {go}, label {ok}, label %E{self.pc}, {LIKELY}")
            self.label(ok[1:])
            return addr
        ok, tbl, done = self.fresh("%ok"), self.fresh("%tbl"), self.fresh("%mem")
        self.do(f"br i1 {bad}, label %replay, label {ok}")
        self.label(ok[1:])
        self.do(f"br i1 %tblon, label {tbl}, label {done}")
        self.label(tbl[1:])
        line = self.v(f"lshr i64 {addr}, {LINE_BITS}")
        clash = self.v(f"call i1 @dpusim_line_check(ptr %table, ptr %ctx, i64 {line}, i64 %me, "
                       f"i1 {'true' if write else 'false'})")
        self.do(f"br i1 {clash}, label %abort, label {done}")
        self.label(done[1:])
        return addr

    def t_load(self, form, values):
        r = form.roles
        size = _LOAD_SIZE[form.base]
        addr = self.wram_address(form, values, size, False)
        ty = f"i{8 * size}"
        raw = self.load(ty, self.ptr("%wram", addr), "wram")
        if values[r["endian"]] and size > 1:
            raw = self.v(f"call {ty} @llvm.bswap.{ty}({ty} {raw})")
        if form.base == "ld":
            hi = self.v(f"trunc i64 {self.v(f'lshr i64 {raw}, 32')} to i32")
            self.set_pair_words(values[r["dc"]], hi, self.v(f"trunc i64 {raw} to i32"))
            return ("next",)
        if size < 4:
            raw = self.v(f"{'sext' if form.base in ('lbs', 'lhs') else 'zext'} {ty} {raw} to i32")
        self.store_result(form, values, raw)
        return ("next",)

    def t_store(self, form, values):
        r = form.roles
        name = form.base[:-3] if form.category == "store_id" else form.base
        size = _STORE_SIZE[name]
        ty = f"i{8 * size}"
        if "db" in r:
            value = self.pair(values[r["db"]])
        elif "rb" in r:
            value = self.v(f"zext i32 {self.read_role(form, values, 'rb')} to i64")
        else:
            value = c64(values[r["imm"]])
            if form.category == "store_id":
                value = self.v(f"or i64 {value}, {self.v('zext i32 %tid to i64')}")
        addr = self.wram_address(form, values, size, True)
        if ty != "i64":
            value = self.v(f"trunc i64 {value} to {ty}")
        if values[r["endian"]] and size > 1:
            value = self.v(f"call {ty} @llvm.bswap.{ty}({ty} {value})")
        self.store(ty, value, self.ptr("%wram", addr), "wram")
        return ("next",)

    t_store_id = t_store

    def t_dma(self, form, values):
        r = form.roles
        ra = self.read_role(form, values, "ra")
        rb = self.read_role(form, values, "rb")
        imm = values[r["immDma"]]
        top = self.v(f"lshr i32 {ra}, 24")
        units = self.v(f"and i32 {self.v(f'add i32 {top}, {imm}')}, 255")
        size = self.v(f"shl i64 {self.v(f'zext i32 {units} to i64')}, 3")
        size = self.v(f"add i64 {size}, 8")
        local = self.v(f"zext i32 {self.v(f'and i32 {ra}, 16777215')} to i64")
        wide_rb = self.v(f"zext i32 {rb} to i64")
        high = self.v(f"icmp uge i64 {wide_rb}, {0x08000000}")
        mram = self.v(f"select i1 {high}, i64 {self.v(f'sub i64 {wide_rb}, {0x08000000}')}, "
                      f"i64 {wide_rb}")
        both = self.v(f"or i64 {local}, {mram}")
        mis = self.v(f"icmp ne i64 {self.v(f'and i64 {both}, 7')}, 0")
        mend = self.v(f"icmp ugt i64 {self.v(f'add i64 {mram}, {size}')}, "
                      f"{self.model.mram_bytes}")
        lend = self.v(f"icmp ugt i64 {self.v(f'add i64 {local}, {size}')}, "
                      f"{self.model.wram_bytes}")
        bad = self.v(f"or i1 {self.v(f'or i1 {mis}, {mend}')}, {lend}")
        ok = self.fresh("%ok")
        self.do(f"br i1 {bad}, label %replay, label {ok}")
        self.label(ok[1:])
        # WRAM lines another tasklet accessed ahead: the transfer comes first, the run aborts
        chk, ok1 = self.fresh("%chk"), self.fresh("%ok")
        self.do(f"br i1 %tblon, label {chk}, label {ok1}")
        self.label(chk[1:])
        clash = self.v(f"call i1 @dpusim_range_conflict(ptr %table, ptr %ctx, i64 %me, "
                       f"i64 {local}, i64 {size}, "
                       f"i1 {'false' if form.base == 'sdma' else 'true'})")
        self.do(f"br i1 {clash}, label %abort, label {ok1}")
        self.label(ok1[1:])
        wptr = self.ptr("%wram", local)
        write = form.base == "sdma"
        status = self.v(f"call i32 @dpusim_mram_copy(ptr %pages, ptr %ctx, ptr {wptr}, i64 {mram}, "
                        f"i64 {size}, i1 {'true' if write else 'false'})")
        ok2 = self.fresh("%ok")
        self.do(f"switch i32 {status}, label {ok2} [i32 1, label %page i32 2, label %logfull]")
        self.label(ok2[1:])
        free = self.load("i64", self.field("dma_free", "i64"), "sched")
        start = self.v(f"call i64 @llvm.smax.i64(i64 %C, i64 {free})")
        alpha = DMA_ALPHA_WRITE if write else DMA_ALPHA_READ
        done = self.v(f"add i64 {self.v(f'add i64 {start}, {alpha}')}, "
                      f"{self.v(f'lshr i64 {size}, 1')}")
        self.store("i64", done, self.field("dma_free", "i64"), "sched")
        ready = self.v(f"call i64 @llvm.smax.i64(i64 %Cready, i64 {done})")
        self.store("i64", ready, self.slot("ready", 8), "sched")
        self.store("i32", "1", self.slot("waiting", 4), "sched")
        return ("next",)

    def t_atomic(self, form, values):
        r = form.roles
        ra = self.read_role(form, values, "ra")
        imm = values[r["imm"]]
        x = self.v(f"add i64 {self.v(f'zext i32 {ra} to i64')}, {imm}")
        nbits = self.model.atomic_bits
        rem = self.v(f"srem i64 {x}, {nbits}")
        fix = self.v(f"add i64 {rem}, {nbits}")
        bit = self.v(f"select i1 {self.v(f'icmp slt i64 {rem}, 0')}, i64 {fix}, i64 {rem}")
        p = self.ptr("%atomic", bit)
        old = self.v(f"zext i8 {self.load('i8', p, 'atomic')} to i32")
        self.store("i8", "1" if form.base == "acquire" else "0", p, "atomic")
        zf = self.flags()
        holds = self.form_cond(form, values, _Res(old), ra, zf)
        return self.branch(form, values, holds)

    def t_tasklet(self, form, values):
        r = form.roles
        zf = self.flags()
        if form.base == "stop":
            holds = self.form_cond(form, values, _Res("0"), "0", zf)
            return ("stop", holds, values[r["pc"]])
        ra = self.read_role(form, values, "ra")
        k = self.v(f"add i32 {ra}, {c32(values[r['imm']])}")
        inside = self.v(f"icmp ult i32 {k}, {self.n}")
        yes, join = self.fresh("%wake"), self.fresh("%woke")
        entry = self.fresh("%bootk")
        self.do(f"br label {entry}")
        self.label(entry[1:])
        self.do(f"br i1 {inside}, label {yes}, label {join}")
        self.label(yes[1:])
        k64 = self.v(f"zext i32 {k} to i64")
        rp = self.ptr("%ctx", self.v(f"add i64 {_off('ready')}, {self.v(f'shl i64 {k64}, 3')}"))
        rk = self.load("i64", rp, "sched")
        stopped = self.v(f"icmp sge i64 {rk}, {STOPPED}")
        start, cont = self.fresh("%start"), self.fresh("%started")
        self.do(f"br i1 {stopped}, label {start}, label {cont}")
        self.label(start[1:])
        if form.base == "boot":
            other = self.ptr("%ctx", self.v(f"add i64 {_off('arch')}, "
                                            f"{self.v(f'shl i64 {k64}, 7')}"))
            self.do(f"call void @llvm.memset.p0.i64(ptr {other}, i8 0, i64 {ARCH_COPY}, i1 false)")
        self.store("i64", "%Cnext", rp, "sched")
        sp = self.ptr("%ctx", self.v(f"add i64 {_off('started')}, "
                                     f"{self.v(f'shl i64 {k64}, 3')}"))
        self.store("i64", "%Cnext", sp, "sched")
        wp = self.ptr("%ctx", self.v(f"add i64 {_off('waiting')}, "
                                     f"{self.v(f'shl i64 {k64}, 2')}"))
        self.store("i32", "0", wp, "sched")
        nrp = self.field("nrun", "i32")
        self.store("i32", self.v(f"add i32 {self.load('i32', nrp, 'sched')}, 1"), nrp, "sched")
        spp = self.field("span", "i32")
        wide = self.v(f"call i32 @llvm.smax.i32(i32 {self.load('i32', spp, 'sched')}, "
                      f"i32 {self.v(f'add i32 {k}, 1')})")
        self.store("i32", wide, spp, "sched")
        self.do(f"br label {cont}")
        self.label(cont[1:])
        was_in = self.v(f"phi i32 [1, {yes}], [0, {start}]")
        self.do(f"br label {join}")
        self.label(join[1:])
        was = self.v(f"phi i32 [1, {entry}], [{was_in}, {cont}]")
        holds = self.form_cond(form, values, _Res(was), ra, zf)
        return self.branch(form, values, holds)

    def t_time(self, form, values):
        mode_p = self.field("cmode", "i32")
        base_p = self.field("cbase", "i64")
        frozen_p = self.field("cfrozen", "i64")
        mode = self.load("i32", mode_p, "sched")
        base = self.load("i64", base_p, "sched")
        frozen = self.load("i64", frozen_p, "sched")
        by_cycle = self.v(f"trunc i64 {self.v(f'sub i64 %C, {base}')} to i32")
        by_instr = self.v(f"trunc i64 {self.v(f'sub i64 %I, {base}')} to i32")
        old = self.v(f"select i1 {self.v(f'icmp eq i32 {mode}, 2')}, i32 {by_instr}, "
                     f"i32 {self.v(f'trunc i64 {frozen} to i32')}")
        old = self.v(f"select i1 {self.v(f'icmp eq i32 {mode}, 1')}, i32 {by_cycle}, i32 {old}")
        if form.base == "time_cfg":
            cfg = self.read_role(form, values, "rb")
            new = self.v(f"and i32 {self.v(f'lshr i32 {cfg}, 1')}, 3")
            set_mode = self.v(f"icmp ne i32 {new}, 0")
            frozen2 = self.v(f"select i1 {self.v(f'icmp eq i32 {new}, 3')}, "
                             f"i64 {self.v(f'zext i32 {old} to i64')}, i64 {frozen}")
            frozen2 = self.v(f"select i1 {set_mode}, i64 {frozen2}, i64 {frozen}")
            mode2 = self.v(f"select i1 {set_mode}, i32 {new}, i32 {mode}")
            reset = self.v(f"icmp ne i32 {self.v(f'and i32 {cfg}, 1')}, 0")
            now = self.v(f"select i1 {self.v(f'icmp eq i32 {mode2}, 1')}, i64 %C, i64 %I")
            base2 = self.v(f"select i1 {reset}, i64 {now}, i64 {base}")
            frozen3 = self.v(f"select i1 {reset}, i64 0, i64 {frozen2}")
            self.store("i32", mode2, mode_p, "sched")
            self.store("i64", base2, base_p, "sched")
            self.store("i64", frozen3, frozen_p, "sched")
        self.store_result(form, values, old)
        zf = self.flags()
        holds = self.form_cond(form, values, _Res(old), old, zf)
        return self.branch(form, values, holds)

    # ------------------------------------------------------------------ the program

    def body(self, word: int):
        form, values = decode(word)
        return getattr(self, "t_" + form.category)(form, values)

    def run_label(self, q: int) -> str:
        """The label that continues a run at pc ``q``."""
        if 0 <= q < self.nslots and self.kinds[q] in ("private", "memory"):
            return f"%R{q}"
        return f"%E{q}" if 0 <= q < self.nslots else "%Eout"

    def goto_run(self, q: int, out: list[int]) -> str:
        lab = self.run_label(q)
        if lab == "%Eout":
            out.append(q)
            return f"%Eo{q}.{len(out)}"
        return lab

    def next_pc(self, flow, pc: int) -> str:
        """The pc (i32) an instruction goes to, from its flow."""
        kind = flow[0]
        if kind == "next":
            return c32(pc + 1)
        if kind == "jump":
            return c32(flow[1])
        if kind == "cond":
            return self.v(f"select i1 {flow[1]}, i32 {c32(flow[2])}, i32 {c32(pc + 1)}")
        if kind == "indirect":
            return flow[1]
        raise AssertionError(flow)

    def continue_run(self, flow, pc: int, out: list[int]) -> None:
        """Branch to where the run goes after the instruction at ``pc``."""
        kind = flow[0]
        if kind == "next":
            self.do(f"br label {self.goto_run(pc + 1, out)}")
        elif kind == "jump":
            self.do(f"br label {self.goto_run(flow[1], out)}")
        elif kind == "cond":
            self.do(f"br i1 {flow[1]}, label {self.goto_run(flow[2], out)}, "
                    f"label {self.goto_run(pc + 1, out)}")
        elif kind == "indirect":
            self.do(f"store i32 {flow[1]}, ptr %qv")
            self.do("br label %ind")
        else:
            raise AssertionError(flow)

    def build(self) -> str:
        n = self.n
        L = self.lines
        out: list[int] = []  # static targets outside the program (each gets an exit stub)
        L.append("define i32 @dpu_run(ptr noalias %ctx) {")
        L.append("entry:")
        for name, ty in (("Cv", "i64"), ("Iv", "i64"), ("Lv", "i32"), ("skv", "i32"),
                         ("outv", "[2 x i64]")):
            self.do(f"%{name} = alloca {ty}")
        c0 = self.load("i64", self.field("cycle", "i64"), "sched")
        self.do(f"store i64 {c0}, ptr %Cv")
        i0 = self.load("i64", self.field("instructions", "i64"), "sched")
        self.do(f"store i64 {i0}, ptr %Iv")
        l0 = self.load("i32", self.field("last", "i32"), "sched")
        self.do(f"store i32 {l0}, ptr %Lv")
        self.do("store i32 0, ptr %skv")
        self.do(f"%limit = load i64, ptr {self.field('limit', 'i64')}")
        self.do(f"%wram = load ptr, ptr {self.field('wram', 'ptr')}")
        self.do(f"%atomic = load ptr, ptr {self.field('atomic', 'ptr')}")
        self.do(f"%pages = load ptr, ptr {self.field('pages', 'ptr')}")
        self.do(f"%table = load ptr, ptr {self.field('table', 'ptr')}")
        self.do(f"%smode = load i32, ptr {self.field('smode', 'i32')}")
        self.do("br label %sched")

        # -- choose the tasklet that issues at cycle C (reference.choose) -------------------
        L.append("sched:")
        self.do("%C = load i64, ptr %Cv")
        self.do("%Lx = load i32, ptr %Lv")
        self.do(f"%span = load i32, ptr {self.field('span', 'i32')}")
        self.do("%t0a = add i32 %Lx, 1")
        self.do("%t0w = icmp eq i32 %t0a, %span")
        self.do("%t0 = select i1 %t0w, i32 0, i32 %t0a")
        self.do("%t0o = zext i32 %t0 to i64")
        self.do(f"%t0p = getelementptr inbounds i64, ptr %ctx, i64 %t0o")
        self.do(f"%t0q = getelementptr inbounds i8, ptr %t0p, i64 {_off('ready')}")
        self.do(f"%r0 = load i64, ptr %t0q, align 8, !tbaa !{_TBAA['sched']}")
        self.do("%ok0 = icmp sle i64 %r0, %C")
        self.do("br i1 %ok0, label %found, label %scan")
        L.append("scan:")
        self.do("%k = phi i32 [1, %sched], [%k1, %scan.next]")
        self.do("%ua = add i32 %t0, %k")
        self.do("%uw = icmp uge i32 %ua, %span")
        self.do("%ub = sub i32 %ua, %span")
        self.do("%u = select i1 %uw, i32 %ub, i32 %ua")
        self.do("%uo = zext i32 %u to i64")
        self.do("%up = getelementptr inbounds i64, ptr %ctx, i64 %uo")
        self.do(f"%uq = getelementptr inbounds i8, ptr %up, i64 {_off('ready')}")
        self.do(f"%ru = load i64, ptr %uq, align 8, !tbaa !{_TBAA['sched']}")
        self.do("%oku = icmp sle i64 %ru, %C")
        self.do("br i1 %oku, label %found, label %scan.next")
        L.append("scan.next:")
        self.do("%k1 = add i32 %k, 1")
        self.do("%kend = icmp ult i32 %k1, %span")
        self.do("br i1 %kend, label %scan, label %idle")
        L.append("idle:")
        nrun = self.load("i32", self.field("nrun", "i32"), "sched")
        self.do(f"br i1 {self.v(f'icmp eq i32 {nrun}, 0')}, label %x.done, label %idle.min")
        L.append("idle.min:")
        m = str((1 << 63) - 1)
        for u in range(n):
            ru = self.load("i64", self.ptr("%ctx", _off("ready") + 8 * u), "sched")
            m = self.v(f"call i64 @llvm.smin.i64(i64 {m}, i64 {ru})")
        self.do(f"store i64 {m}, ptr %Cv")
        self.do("br label %sched")

        L.append("found:")
        self.do("%t = phi i32 [%t0, %sched], [%u, %scan]")
        self.do("%rold = phi i64 [%r0, %sched], [%ru, %scan]")
        self.do("%over = icmp sge i64 %C, %limit")
        self.do("br i1 %over, label %x.limit, label %go")
        L.append("go:")
        self.tasklet_values()
        pend_p = self.slot("pending", 4)
        pend = self.load("i32", pend_p, "sched")
        self.do(f"br i1 {self.v(f'icmp ne i32 {pend}, 0')}, label %ahead, label %dispatch")

        # -- rounds of instructions run ahead: count them all at once ---------------------
        L.append("ahead:")
        skip = self.v("load i32, ptr %skv")
        self.do(f"br i1 {self.v(f'icmp eq i32 {skip}, 0')}, label %rounds, label %fast.skip")
        L.append("rounds:")
        issued = self.v("call i64 @dpusim_rounds(ptr %ctx, i64 %C, i32 %Lx, i64 %limit, ptr %outv, "
                        "i32 %span)")
        self.do(f"br i1 {self.v(f'icmp eq i64 {issued}, 0')}, label %rounds.no, "
                f"label %rounds.yes")
        L.append("rounds.yes:")
        self.do(f"store i64 {self.v('load i64, ptr %outv')}, ptr %Cv")
        last = self.v(f"load i64, ptr {self.v('getelementptr inbounds i64, ptr %outv, i64 1')}")
        self.do(f"store i32 {self.v(f'trunc i64 {last} to i32')}, ptr %Lv")
        icur = self.v("load i64, ptr %Iv")
        self.do(f"store i64 {self.v(f'add i64 {icur}, {issued}')}, ptr %Iv")
        self.do("br label %sched")
        L.append("rounds.no:")
        self.do(f"store i32 {n}, ptr %skv")
        self.do("br label %fast")
        L.append("fast.skip:")
        self.do(f"store i32 {self.v(f'add i32 {skip}, -1')}, ptr %skv")
        self.do("br label %fast")

        # -- an instruction run ahead: only count it -------------------------------------
        L.append("fast:")
        self.store("i32", self.v(f"add i32 {pend}, -1"), pend_p, "sched")
        self.store("i64", "%Cready", self.slot("ready", 8), "sched")
        self.do("store i64 %Cnext, ptr %Cv")
        icur = self.v("load i64, ptr %Iv")
        self.do(f"store i64 {self.v(f'add i64 {icur}, 1')}, ptr %Iv")
        self.do("store i32 %t, ptr %Lv")
        self.do("br label %sched")

        # -- into the translated code ------------------------------------------------------
        L.append("dispatch:")
        self.do("%I = load i64, ptr %Iv")
        self.do("%status = call i32 @run(ptr %ctx, i32 %t, i64 %C, i64 %I, ptr %wram, "
                "ptr %atomic, ptr %pages, ptr %table, i32 %smode)")
        L.append(f"  switch i32 %status, label %post [i32 {REPLAY}, label %replay "
                 f"i32 {PAGE}, label %page i32 {ABORT}, label %abort "
                 f"i32 {LOGFULL}, label %logfull]")
        L.append("post:")
        self.do("store i64 %Cnext, ptr %Cv")
        self.do("%Inext = add i64 %I, 1")
        self.do("store i64 %Inext, ptr %Iv")
        self.do("store i32 %t, ptr %Lv")
        self.do("br label %sched")
        for name, status in (("x.done", DONE), ("x.limit", LIMIT)):
            L.append(f"{name}:")
            self.save_sched()
            self.do(f"ret i32 {status}")
        for name, status in (("replay", REPLAY), ("page", PAGE), ("abort", ABORT),
                             ("logfull", LOGFULL)):
            L.append(f"{name}:")
            # nothing of the instruction happened: undo the dispatch's bookkeeping
            ni_p = self.slot("ninstr", 8)
            self.store("i64", "%rold", self.slot("ready", 8), "sched")
            self.store("i64", self.v(f"add i64 {self.load('i64', ni_p, 'sched')}, -1"), ni_p,
                       "sched")
            self.store("i32", "%t", self.field("tasklet", "i32"), "sched")
            self.save_sched()
            self.do(f"ret i32 {status}")
        L.append("}")

        # -- a run: the issuing tasklet's code, up to where it leaves it --------------------
        # (a function of its own, where the tasklet's registers are at an argument's offsets:
        # LLVM then drops a register's store that a later one overwrites, which it does not
        # do in a function with irreducible loops for a pointer made inside one of them)
        L.append(f"define internal i32 @run(ptr noalias %ctx, i32 %t, i64 %C, i64 %I, "
                 f"ptr %wram, ptr %atomic, ptr %pages, ptr %table, i32 %smode) noinline {{")
        L.append("entry:")
        for name, ty in (("exv", "i32"), ("qv", "i32"), ("obv", "i64"), ("zfa", "i32"),
                         ("cfa", "i32")):
            self.do(f"%{name} = alloca {ty}")
        self.do("store i32 0, ptr %qv")
        self.do(f"%spec = icmp eq i32 %smode, {SPECULATE}")
        self.do(f"%tblon = icmp ne i32 %smode, {EXACT}")
        self.tasklet_values()
        t128 = self.v("shl i64 %t64, 7")
        arch = self.v(f"add i64 {t128}, {_off('arch')}")
        self.do(f"%T = getelementptr inbounds i8, ptr %ctx, i64 {arch}")
        self.do("br label %dispatch")
        L.append("dispatch:")
        self.do("%tid = add i32 %t, 0")
        self.do("%tid2 = shl i32 %t, 1")
        self.do("%tid4 = shl i32 %t, 2")
        self.do("%tid8 = shl i32 %t, 3")
        snap = self.v(f"add i64 {t128}, {_off('snap')}")
        self.do(f"%S = getelementptr inbounds i8, ptr %ctx, i64 {snap}")
        self.do(f"store i32 {self.load('i32', self.ptr('%T', 4 * ZF), 'reg')}, ptr %zfa")
        self.do(f"store i32 {self.load('i32', self.ptr('%T', 4 * CF), 'reg')}, ptr %cfa")
        self.store("i64", "%Cready", self.slot("ready", 8), "sched")
        ni_p = self.slot("ninstr", 8)
        self.do(f"%nd = add i64 {self.load('i64', ni_p, 'sched')}, 1")
        self.store("i64", "%nd", ni_p, "sched")
        self.do("%me = add i64 %t64, 1")
        # the owner an access ahead looks for in the table: none while not speculating
        self.do(f"%owner = select i1 %spec, i64 %me, i64 {NOT_AN_OWNER}")
        runs = self.field("runs", "i64")
        self.do(f"%rid = add i64 {self.load('i64', runs, 'sched')}, 1")
        self.store("i64", "%rid", runs, "sched")
        self.store("i64", "%rid", self.slot("runid", 8), "sched")
        self.do("store i32 0, ptr %exv")
        # (every run that starts while speculating may access WRAM ahead: marked once here,
        # not at each access)
        self.store("i32", self.v("zext i1 %spec to i32"), self.slot("specmem", 4), "sched")
        pc = self.load("i32", self.ptr("%T", 4 * PC), "reg")
        cases = []
        for p, kind in enumerate(self.kinds):
            if kind == "private":
                cases.append(f"i32 {p}, label %D{p}")
            elif kind in ("shared", "memory"):
                cases.append(f"i32 {p}, label %X{p}")
        L.append(f"  switch i32 {pc}, label %replay [" + " ".join(cases) + "]")
        # a run that starts with a private instruction: the snapshot is taken before it (a
        # rollback executes it again); a shared one takes its snapshot after it executed
        for p, kind in enumerate(self.kinds):
            if kind == "private":
                L.append(f"D{p}:")
                self.do(f"call void @llvm.memcpy.p0.p0.i64(ptr %S, ptr %T, i64 {ARCH_COPY}, "
                        f"i1 false)")
                self.store("i32", "1", self.slot("sn_base", 4), "sched")
                self.do("store i64 %nd, ptr %obv")
                self.do(f"br label %R{p}")

        # -- a run ends: the tasklet's next pc and how many instructions it has pending ----
        L.append("endrun:")
        self.sync_flags()
        q = self.v("load i32, ptr %qv")
        ex = self.v("load i32, ptr %exv")
        self.store("i32", q, self.ptr("%T", 4 * PC), "reg")
        base = self.load("i32", self.slot("sn_base", 4), "sched")
        p_ = self.v(f"sub i32 {ex}, {base}")
        self.store("i32", p_, self.slot("pending", 4), "sched")
        self.store("i32", p_, self.slot("sn_pend", 4), "sched")
        self.store("i64", self.v(f"add i64 {self.load('i64', ni_p, 'sched')}, "
                                 f"{self.v(f'sext i32 {p_} to i64')}"), ni_p, "sched")
        self.do("br label %post")
        L.append("post:")
        self.do(f"ret i32 {RUN_ON}")

        # -- a jump to a computed pc ------------------------------------------------------
        L.append("ind:")
        qi = self.v("load i32, ptr %qv")
        exi = self.v("load i32, ptr %exv")
        self.do(f"br i1 {self.v(f'icmp sge i32 {exi}, {MAX_RUN}')}, label %endrun, "
                f"label %ind.go")
        L.append("ind.go:")
        cases = [f"i32 {p}, label %R{p}" for p, kind in enumerate(self.kinds)
                 if kind in ("private", "memory") and p in self.landings]
        L.append(f"  switch i32 {qi}, label %endrun [" + " ".join(cases) + "]")

        # -- exits (the scheduler undoes the dispatch) ---------------------------------------
        for name, status in (("replay", REPLAY), ("page", PAGE), ("abort", ABORT),
                             ("logfull", LOGFULL)):
            L.append(f"{name}:")
            self.sync_flags()
            self.do(f"ret i32 {status}")

        # -- the program ------------------------------------------------------------------
        for p, word in enumerate(self.words):
            self.pc = p
            kind = self.kinds[p]
            if kind in ("private", "memory"):
                self.exact = False
                L.append(f"R{p}:")
                if p in self.targets:
                    exb = self.v("load i32, ptr %exv")
                    go = f"R{p}.go"
                    self.do(f"br i1 {self.v(f'icmp sge i32 {exb}, {MAX_RUN}')}, "
                            f"label %E{p}, label %{go}, {UNLIKELY}")
                    L.append(f"{go}:")
                flow = self.body(word)
                exv = self.v("load i32, ptr %exv")
                self.do(f"store i32 {self.v(f'add i32 {exv}, 1')}, ptr %exv")
                self.continue_run(flow, p, out)
            L.append(f"E{p}:")
            self.do(f"store i32 {p}, ptr %qv")
            self.do("br label %endrun")
            if kind in ("shared", "memory"):
                self.exact = True
                L.append(f"X{p}:")
                self.do(f"store i64 {self.v('add i64 %nd, 1')}, ptr %obv")
                flow = self.body(word)
                if flow[0] == "stop":
                    self.stop(flow, p)
                    continue
                # the run ahead starts after this instruction, which a rollback must not
                # execute again: the snapshot is taken now, with the pc it goes to
                self.sync_flags()
                self.do(f"call void @llvm.memcpy.p0.p0.i64(ptr %S, ptr %T, i64 {ARCH_COPY}, "
                        f"i1 false)")
                self.store("i32", self.next_pc(flow, p), self.ptr("%S", 4 * PC), "reg")
                self.store("i32", "0", self.slot("sn_base", 4), "sched")
                self.continue_run(flow, p, out)
        L.append("Eout:")
        self.do("br label %endrun")
        for i, q in enumerate(out, 1):
            L.append(f"Eo{q}.{i}:")
            self.do(f"store i32 {c32(q)}, ptr %qv")
            self.do("br label %endrun")
        L.append("}")
        return self.module_text()

    def tasklet_values(self) -> None:
        """The issuing tasklet's offsets into the context's arrays (see slot), and the cycles
        after its issue (in both functions: the scheduler and a run)."""
        self.do("%t64 = zext i32 %t to i64")
        self.do("%t4 = shl i64 %t64, 2")
        self.do("%t8 = shl i64 %t64, 3")
        for name, size in (("ready", 8), ("ninstr", 8), ("tcycles", 8), ("started", 8),
                           ("runid", 8),
                           ("pending", 4), ("waiting", 4), ("sn_base", 4), ("sn_pend", 4)):
            self.do(f"%o{size}.{name} = add i64 %t{size}, {_off(name)}")
        self.do(f"%o4.specmem = add i64 %t4, {_off('specmem')}")
        self.do("%Cnext = add i64 %C, 1")
        self.do(f"%Cready = add i64 %C, {ISSUE_INTERVAL}")

    def stop(self, flow, p: int) -> None:
        _, holds, target = flow
        if holds is True:
            pc = c32(target)
        elif holds is False:
            pc = c32(p + 1)
        else:
            pc = self.v(f"select i1 {holds}, i32 {c32(target)}, i32 {c32(p + 1)}")
        self.store("i32", pc, self.ptr("%T", 4 * PC), "reg")
        self.sync_flags()
        self.store("i64", self.v(f"or i64 %Cready, {STOPPED}"), self.slot("ready", 8), "sched")
        self.store("i32", "2", self.slot("waiting", 4), "sched")
        nrp = self.field("nrun", "i32")
        self.store("i32", self.v(f"add i32 {self.load('i32', nrp, 'sched')}, -1"), nrp, "sched")
        sp = self.slot("started", 8)
        started = self.load("i64", sp, "sched")
        cp = self.slot("tcycles", 8)
        was = self.v(f"icmp sge i64 {started}, 0")
        spent = self.v(f"select i1 {was}, i64 {self.v(f'sub i64 %Cnext, {started}')}, i64 0")
        self.store("i64", self.v(f"add i64 {self.load('i64', cp, 'sched')}, {spent}"), cp, "sched")
        self.store("i64", "-1", sp, "sched")
        self.do("br label %post")

    def save_sched(self) -> None:
        self.store("i64", self.v("load i64, ptr %Cv"), self.field("cycle", "i64"), "sched")
        self.store("i64", self.v("load i64, ptr %Iv"), self.field("instructions", "i64"),
                   "sched")
        self.store("i32", self.v("load i32, ptr %Lv"), self.field("last", "i32"), "sched")

    def module_text(self) -> str:
        head = ["; dpusim native engine: translated DPU program", *_INTRINSICS, *_DECLARATIONS]
        if self.uses_hash:
            table = ", ".join(f"i32 {c32(_crc_entry(i))}" for i in range(256))
            head.append(f"@crc_table = internal constant [256 x i32] [{table}]")
        if self.ahead == "ahead":
            head.append(_AHEAD.format(linkage="internal", name="ahead", inline="alwaysinline",
                                      **_template_values()))
        return "\n".join(head + self.lines + _TBAA_NODES) + "\n"


_INTRINSICS = [
    "declare i32 @llvm.fshl.i32(i32, i32, i32)",
    "declare i32 @llvm.fshr.i32(i32, i32, i32)",
    "declare i32 @llvm.ctpop.i32(i32)",
    "declare i32 @llvm.ctlz.i32(i32, i1)",
    "declare i32 @llvm.smax.i32(i32, i32)",
    "declare i32 @llvm.smin.i32(i32, i32)",
    "declare i64 @llvm.smax.i64(i64, i64)",
    "declare i64 @llvm.smin.i64(i64, i64)",
    "declare i64 @llvm.umax.i64(i64, i64)",
    "declare i64 @llvm.umin.i64(i64, i64)",
    "declare i64 @llvm.cttz.i64(i64, i1)",
    "declare i64 @llvm.ctpop.i64(i64)",
    "declare i32 @llvm.cttz.i32(i32, i1)",
    "declare i16 @llvm.bswap.i16(i16)",
    "declare i32 @llvm.bswap.i32(i32)",
    "declare i64 @llvm.bswap.i64(i64)",
    "declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)",
    "declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)",
]
_TBAA_NODES = [
    '!0 = !{!"dpusim native"}',
    '!1 = !{!"reg", !0, i64 0}', "!2 = !{!1, !1, i64 0}",
    '!3 = !{!"sched", !0, i64 0}', "!4 = !{!3, !3, i64 0}",
    '!5 = !{!"wram", !0, i64 0}', "!6 = !{!5, !5, i64 0}",
    '!7 = !{!"atomic", !0, i64 0}', "!8 = !{!7, !7, i64 0}",
    '!9 = !{!"page", !0, i64 0}', "!10 = !{!9, !9, i64 0}",
    '!11 = !{!"table", !0, i64 0}', "!12 = !{!11, !11, i64 0}",
    '!13 = !{!"dirty", !0, i64 0}', "!14 = !{!13, !13, i64 0}",
    # (branch weights: a run ahead goes on far more often than it ends)
    '!15 = !{!"branch_weights", i32 2000, i32 1}',
    '!16 = !{!"branch_weights", i32 1, i32 2000}',
]
LIKELY, UNLIKELY = "!prof !15", "!prof !16"  # the first target taken, the second


def _crc_entry(i: int) -> int:
    c = i
    for _ in range(8):
        c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
    return c



# MRAM is paged (LazyMemory): `pages` holds one pointer per page, null for a page never written.
# A read of a missing page reads zeros; a write to one returns 1 (with the pages in page_lo..hi)
# before copying anything, and Python allocates them.  While speculating, a write first saves
# what it overwrites in the undo log (address, size, bytes); a full log returns 2, again before
# anything happened, and Python makes it larger.
_MRAM_COPY = """
define i32 @dpusim_mram_copy(ptr %pages, ptr %ctx, ptr %w, i64 %m, i64 %size, i1 %write) {{
entry:
  %last = add i64 %m, %size
  %last1 = sub i64 %last, 1
  %p0 = lshr i64 %m, {page_bits}
  %p1 = lshr i64 %last1, {page_bits}
  br i1 %write, label %check, label %copy
check:
  %a0 = getelementptr inbounds ptr, ptr %pages, i64 %p0
  %b0 = load ptr, ptr %a0, !tbaa !{tbaa}
  %a1 = getelementptr inbounds ptr, ptr %pages, i64 %p1
  %b1 = load ptr, ptr %a1, !tbaa !{tbaa}
  %n0 = icmp eq ptr %b0, null
  %n1 = icmp eq ptr %b1, null
  %missing = or i1 %n0, %n1
  br i1 %missing, label %need, label %logchk
logchk:
  %lpp = getelementptr inbounds i8, ptr %ctx, i64 {log}
  %lp = load ptr, ptr %lpp
  %nolog = icmp eq ptr %lp, null
  br i1 %nolog, label %copy, label %freshchk
freshchk:
  %frpp = getelementptr inbounds i8, ptr %ctx, i64 {fresh}
  %frp = load ptr, ptr %frpp
  %f0p = getelementptr inbounds i8, ptr %frp, i64 %p0
  %f0 = load i8, ptr %f0p
  %f1p = getelementptr inbounds i8, ptr %frp, i64 %p1
  %f1 = load i8, ptr %f1p
  %f01 = and i8 %f0, %f1
  %allfresh = icmp ne i8 %f01, 0
  br i1 %allfresh, label %copy, label %logit
logit:
  %up = getelementptr inbounds i8, ptr %ctx, i64 {log_used}
  %used = load i64, ptr %up
  %capp = getelementptr inbounds i8, ptr %ctx, i64 {log_cap}
  %cap = load i64, ptr %capp
  %need0 = add i64 %used, 16
  %needed = add i64 %need0, %size
  %over = icmp ugt i64 %needed, %cap
  br i1 %over, label %full, label %save
full:
  ret i32 2
save:
  %hdr = getelementptr inbounds i8, ptr %lp, i64 %used
  store i64 %m, ptr %hdr
  %hdr2 = getelementptr inbounds i8, ptr %hdr, i64 8
  store i64 %size, ptr %hdr2
  %data = getelementptr inbounds i8, ptr %hdr, i64 16
  %saved = call i32 @dpusim_mram_copy(ptr %pages, ptr %ctx, ptr %data, i64 %m, i64 %size, i1 false)
  store i64 %needed, ptr %up
  br label %copy
need:
  %lo = getelementptr inbounds i8, ptr %ctx, i64 {page_lo}
  store i64 %p0, ptr %lo
  %hi = getelementptr inbounds i8, ptr %ctx, i64 {page_hi}
  store i64 %p1, ptr %hi
  ret i32 1
copy:
  %m.c = phi i64 [%m, %entry], [%m, %logchk], [%m, %freshchk], [%m, %save], [%m.n, %chunk.done]
  %w.c = phi ptr [%w, %entry], [%w, %logchk], [%w, %freshchk], [%w, %save], [%w.n, %chunk.done]
  %s.c = phi i64 [%size, %entry], [%size, %logchk], [%size, %freshchk], [%size, %save], [%s.n, %chunk.done]
  %pg = lshr i64 %m.c, {page_bits}
  %off = and i64 %m.c, {page_mask}
  %room = sub i64 {page}, %off
  %take = call i64 @llvm.smin.i64(i64 %room, i64 %s.c)
  %ap = getelementptr inbounds ptr, ptr %pages, i64 %pg
  %base = load ptr, ptr %ap, !tbaa !{tbaa}
  %src = getelementptr inbounds i8, ptr %base, i64 %off
  br i1 %write, label %do.write, label %do.read
do.write:
  call void @llvm.memcpy.p0.p0.i64(ptr %src, ptr %w.c, i64 %take, i1 false)
  br label %chunk.done
do.read:
  %none = icmp eq ptr %base, null
  br i1 %none, label %zero, label %read
zero:
  call void @llvm.memset.p0.i64(ptr %w.c, i8 0, i64 %take, i1 false)
  br label %chunk.done
read:
  call void @llvm.memcpy.p0.p0.i64(ptr %w.c, ptr %src, i64 %take, i1 false)
  br label %chunk.done
chunk.done:
  %m.n = add i64 %m.c, %take
  %w.n = getelementptr inbounds i8, ptr %w.c, i64 %take
  %s.n = sub i64 %s.c, %take
  %more = icmp sgt i64 %s.n, 0
  br i1 %more, label %copy, label %out
out:
  ret i32 0
}}
"""


# Issues counted at once, up to the next event.  The tasklets that issue next are, in
# round-robin order after the last issuer, the running ones a_0 .. a_{R-1} with ready(a_i) <= C + i
# (each issues at C + i, and so again every P = max(R, 11) cycles: a full revolver, or R tasklets
# and idle cycles), as long as no other running tasklet is ready: the others wait on a DMA or are
# far from ready, and the first of them ready at W ends the batch before cycle W (as does the
# limit).  Issue s (from 0) is a_{s mod R}'s at C + (s div R) P + o_{s mod R}, here o_i = i; the
# batch also ends before the first issue of a tasklet with nothing pending, a_i with p_i pending:
# issue p_i R + i.  N issues give a_i q_i = N div R (+ 1 when i < N mod R) of them, its last one
# at C + (q_i - 1) P + o_i, and leave the DPU after issue N - 1.
#
# When that batch is shorter than a round, the tasklets may still follow a fixed round of 11
# cycles with idle cycles between issues (fewer than 11 tasklets, one of which left or joined in
# the middle of a round): @slots plays the first 11 cycles (the revolver's choice at each) with
# the tasklets ready by then, and if each of them issued once, the round repeats unchanged: each
# is ready again exactly at its offset o_i 11 cycles later.  The longer of the two batches is
# counted (issues before C + d: (d div 11) R, and one for each offset below d mod 11).
# Returns N (0 when it would be 1: the caller issues it alone), the new cycle and the last
# issuer in out[0], out[1].
_ROUNDS = """
declare i64 @llvm.vector.reduce.smin.v{lanes}i64(<{lanes} x i64>)
declare i32 @llvm.vector.reduce.smin.v{lanes}i32(<{lanes} x i32>)
declare <{lanes} x i64> @llvm.smin.v{lanes}i64(<{lanes} x i64>, <{lanes} x i64>)
declare <{lanes} x i32> @llvm.smin.v{lanes}i32(<{lanes} x i32>, <{lanes} x i32>)
declare <{lanes} x i64> @llvm.smax.v{lanes}i64(<{lanes} x i64>, <{lanes} x i64>)
declare <{lanes} x i32> @llvm.ctpop.v{lanes}i32(<{lanes} x i32>)
@iota = internal constant [{tasklets} x i64] [{iota}]
@recip = internal constant [{tasklets1} x i64] [{recip}]

; x / d for a divisor of at most {tasklets}: by the divisor's reciprocal (exact below 2^26,
; the counts here), 64-bit division otherwise (it took a seventh of a batch's time)
define internal i64 @div(i64 %x, i64 %d) alwaysinline {{
entry:
  %xsmall = icmp ult i64 %x, 67108864
  %dsmall = icmp ule i64 %d, {tasklets}
  %fast = and i1 %xsmall, %dsmall
  br i1 %fast, label %mul, label %slow
mul:
  %mp = getelementptr inbounds i64, ptr @recip, i64 %d
  %m = load i64, ptr %mp
  %xm = mul i64 %x, %m
  %q = lshr i64 %xm, 32
  ret i64 %q
slow:
  %qs = udiv i64 %x, %d
  ret i64 %qs
}}

define internal i64 @slots(ptr %ctx, i64 %C, i32 %L, i32 %span, ptr %members, ptr %offsets,
                           ptr %info) noinline {{
entry:
  %byd = alloca [{interval} x i32]
  call void @llvm.memset.p0.i64(ptr %byd, i8 0, i64 {byd_bytes}, i1 false)
  br label %scan
scan:
  %u = phi i32 [0, %entry], [%u1, %scan.next]
  %k = phi i64 [0, %entry], [%k1, %scan.next]
  %minw = phi i64 [9223372036854775807, %entry], [%minw1, %scan.next]
  %u.64 = zext i32 %u to i64
  %u.p = getelementptr inbounds i64, ptr %ctx, i64 %u.64
  %u.readyp = getelementptr inbounds i8, ptr %u.p, i64 {ready}
  %u.ready = load i64, ptr %u.readyp
  %u.running = icmp slt i64 %u.ready, {stopped}
  %u.d = sub i64 %u.ready, %C
  %u.soon = icmp slt i64 %u.d, {interval}
  %u.cand = and i1 %u.running, %u.soon
  br i1 %u.cand, label %cand, label %other
cand:
  %u.d0 = call i64 @llvm.smax.i64(i64 %u.d, i64 0)
  %bp = getelementptr inbounds i32, ptr %byd, i64 %u.d0
  %bv = load i32, ptr %bp
  %ubit = shl i32 1, %u
  %bv1 = or i32 %bv, %ubit
  store i32 %bv1, ptr %bp
  %kc = add i64 %k, 1
  br label %scan.next
other:
  %u.w = select i1 %u.running, i64 %u.ready, i64 9223372036854775807
  %minwo = call i64 @llvm.smin.i64(i64 %minw, i64 %u.w)
  br label %scan.next
scan.next:
  %k1 = phi i64 [%kc, %cand], [%k, %other]
  %minw1 = phi i64 [%minw, %cand], [%minwo, %other]
  %u1 = add i32 %u, 1
  %more = icmp slt i32 %u1, %span
  br i1 %more, label %scan, label %scanned
scanned:
  %few = icmp ule i64 %k1, {interval}
  br i1 %few, label %play, label %no
play:
  %c = phi i32 [0, %scanned], [%c1, %cycle.next]
  %avail = phi i32 [0, %scanned], [%avail1, %cycle.next]
  %issued = phi i32 [0, %scanned], [%issued1, %cycle.next]
  %last = phi i32 [%L, %scanned], [%last1, %cycle.next]
  %n = phi i64 [0, %scanned], [%n1, %cycle.next]
  %omask = phi i64 [0, %scanned], [%omask1, %cycle.next]
  %c.64 = zext i32 %c to i64
  %cp = getelementptr inbounds i32, ptr %byd, i64 %c.64
  %cv = load i32, ptr %cp
  %avail1 = or i32 %avail, %cv
  %notiss = xor i32 %issued, -1
  %free = and i32 %avail1, %notiss
  %any = icmp ne i32 %free, 0
  br i1 %any, label %pick, label %cycle.next
pick:
  %abovel = shl i32 2, %last
  %abovem = sub i32 0, %abovel
  %after = and i32 %free, %abovem
  %hasafter = icmp ne i32 %after, 0
  %from = select i1 %hasafter, i32 %after, i32 %free
  %who = call i32 @llvm.cttz.i32(i32 %from, i1 true)
  %wbit = shl i32 1, %who
  %issuedp = or i32 %issued, %wbit
  %mp = getelementptr inbounds i32, ptr %members, i64 %n
  store i32 %who, ptr %mp
  %op = getelementptr inbounds i64, ptr %offsets, i64 %n
  store i64 %c.64, ptr %op
  %obit = shl i64 1, %c.64
  %omaskp = or i64 %omask, %obit
  %np = add i64 %n, 1
  br label %cycle.next
cycle.next:
  %issued1 = phi i32 [%issued, %play], [%issuedp, %pick]
  %last1 = phi i32 [%last, %play], [%who, %pick]
  %n1 = phi i64 [%n, %play], [%np, %pick]
  %omask1 = phi i64 [%omask, %play], [%omaskp, %pick]
  %c1 = add i32 %c, 1
  %cmore = icmp slt i32 %c1, {interval}
  br i1 %cmore, label %play, label %played
played:
  %all = icmp eq i64 %n1, %k1
  br i1 %all, label %pend, label %no
pend:
  %i = phi i64 [0, %played], [%i1, %pend]
  %minp = phi i64 [9223372036854775807, %played], [%minp1, %pend]
  %mini = phi i64 [0, %played], [%mini1, %pend]
  %vp = getelementptr inbounds i32, ptr %members, i64 %i
  %v = load i32, ptr %vp
  %v.64 = zext i32 %v to i64
  %pp = getelementptr inbounds i32, ptr %ctx, i64 %v.64
  %pq = getelementptr inbounds i8, ptr %pp, i64 {pending}
  %pd = load i32, ptr %pq
  %pd64 = sext i32 %pd to i64
  %fewer = icmp slt i64 %pd64, %minp
  %minp1 = select i1 %fewer, i64 %pd64, i64 %minp
  %mini1 = select i1 %fewer, i64 %i, i64 %mini
  %i1 = add i64 %i, 1
  %imore = icmp ult i64 %i1, %n1
  br i1 %imore, label %pend, label %done
done:
  store i64 %minw1, ptr %info
  %info1 = getelementptr inbounds i64, ptr %info, i64 1
  store i64 %minp1, ptr %info1
  %info2 = getelementptr inbounds i64, ptr %info, i64 2
  store i64 %mini1, ptr %info2
  %info3 = getelementptr inbounds i64, ptr %info, i64 3
  store i64 %omask1, ptr %info3
  ret i64 %n1
no:
  ret i64 0
}}

define i64 @dpusim_rounds(ptr %ctx, i64 %C, i32 %L, i64 %limit, ptr %out, i32 %span) {{
entry:
  %smembers = alloca [{tasklets} x i32]
  %soffsets = alloca [{tasklets} x i64]
  %info = alloca [4 x i64]
  %pos = alloca [{tasklets} x i32], align 32
{lanes_join}
  %any = icmp ne i64 %r1, 0
  br i1 %any, label %vec, label %none
vec:
  ; the rest lane by lane: the first wait (of a running tasklet outside the batch) and the first
  ; event, minp R + mini (the member with the fewest pending, the first of them)
{lanes_scan}
  %nd = sext i32 %nd32 to i64
  %minp1 = call i64 @div(i64 %nd, i64 %r1)
  br label %count
count:
  %P = call i64 @llvm.smax.i64(i64 %r1, i64 {interval})
  %W = call i64 @llvm.smin.i64(i64 %minw1, i64 %limit)
  %dw = sub i64 %W, %C
  ; (past minp + 2 rounds, the wait does not bound N: a small dividend for @div)
  %cap0 = add i64 %minp1, 2
  %cap = mul i64 %cap0, %P
  %dwc = call i64 @llvm.umin.i64(i64 %dw, i64 %cap)
  %q0 = call i64 @div(i64 %dwc, i64 %P)
  %qP = mul i64 %q0, %P
  %rem = sub i64 %dwc, %qP
  %remr = call i64 @llvm.smin.i64(i64 %rem, i64 %r1)
  %qcap = add i64 %minp1, 1
  %q = call i64 @llvm.smin.i64(i64 %q0, i64 %qcap)
  %nw0 = mul i64 %q, %r1
  %nw = add i64 %nw0, %remr
  %N = call i64 @llvm.smin.i64(i64 %nd, i64 %nw)
  %short = icmp ule i64 %N, %r1
  %small = icmp ult i64 %r1, {interval}
  %try = and i1 %short, %small
  br i1 %try, label %slots, label %check
slots:
  %K = call i64 @slots(ptr %ctx, i64 %C, i32 %L, i32 %span, ptr %smembers, ptr %soffsets,
                       ptr %info)
  %played = icmp ne i64 %K, 0
  br i1 %played, label %slots.count, label %check
slots.count:
  %sminw = load i64, ptr %info
  %sminpp = getelementptr inbounds i64, ptr %info, i64 1
  %sminp = load i64, ptr %sminpp
  %sminip = getelementptr inbounds i64, ptr %info, i64 2
  %smini = load i64, ptr %sminip
  %somaskp = getelementptr inbounds i64, ptr %info, i64 3
  %somask = load i64, ptr %somaskp
  %snd0 = mul i64 %sminp, %K
  %snd = add i64 %snd0, %smini
  %sW = call i64 @llvm.smin.i64(i64 %sminw, i64 %limit)
  %sdw = sub i64 %sW, %C
  %sq0 = udiv i64 %sdw, {interval}
  %sqP = mul i64 %sq0, {interval}
  %srem = sub i64 %sdw, %sqP
  %sbelow = shl i64 1, %srem
  %sbelowm = add i64 %sbelow, -1
  %searly = and i64 %somask, %sbelowm
  %sremr = call i64 @llvm.ctpop.i64(i64 %searly)
  %sqcap = add i64 %sminp, 1
  %sq = call i64 @llvm.smin.i64(i64 %sq0, i64 %sqcap)
  %snw0 = mul i64 %sq, %K
  %snw = add i64 %snw0, %sremr
  %SN = call i64 @llvm.smin.i64(i64 %snd, i64 %snw)
  %better = icmp ugt i64 %SN, %N
  %bN = select i1 %better, i64 %SN, i64 %N
  %bR = select i1 %better, i64 %K, i64 %r1
  %bP = select i1 %better, i64 {interval}, i64 %P
  %bO = select i1 %better, ptr %soffsets, ptr @iota
  br label %check
check:
  %Nf = phi i64 [%N, %count], [%N, %slots], [%bN, %slots.count]
  %Rf = phi i64 [%r1, %count], [%r1, %slots], [%bR, %slots.count]
  %Pf = phi i64 [%P, %count], [%P, %slots], [%bP, %slots.count]
  %Of = phi ptr [@iota, %count], [@iota, %slots], [%bO, %slots.count]
  %Sf = phi i1 [false, %count], [false, %slots], [%better, %slots.count]
  %few = icmp slt i64 %Nf, 2
  br i1 %few, label %none, label %apply
none:
  ret i64 0
apply:
  %full = call i64 @div(i64 %Nf, i64 %Rf)
  %fullR = mul i64 %full, %Rf
  %extra = sub i64 %Nf, %fullR
  %N1 = sub i64 %Nf, 1
  %lastq = call i64 @div(i64 %N1, i64 %Rf)
  %lastqR = mul i64 %lastq, %Rf
  %lasti = sub i64 %N1, %lastqR
  %whop = getelementptr inbounds i32, ptr %smembers, i64 %lasti
  %whos = load i32, ptr %whop
{lanes_who}
  %who = select i1 %Sf, i32 %whos, i32 %whov
  %lastop = getelementptr inbounds i64, ptr %Of, i64 %lasti
  %lasto = load i64, ptr %lastop
  %upto = call i64 @llvm.smin.i64(i64 %Rf, i64 %Nf)
  br i1 %Sf, label %update, label %vupdate
vupdate:
  ; the batch of the scan (offsets i, period P): each member's issues and its ready cycle after
  ; its last one, lane by lane (the others keep theirs)
{lanes_update}
  br label %finish
update:
  %i2 = phi i64 [0, %apply], [%i3, %update]
  %vp = getelementptr inbounds i32, ptr %smembers, i64 %i2
  %v = load i32, ptr %vp
  %vop = getelementptr inbounds i64, ptr %Of, i64 %i2
  %vo = load i64, ptr %vop
  %v.64 = zext i32 %v to i64
  %v.p = getelementptr inbounds i64, ptr %ctx, i64 %v.64
  %v.readyp = getelementptr inbounds i8, ptr %v.p, i64 {ready}
  %one = icmp ult i64 %i2, %extra
  %plus = zext i1 %one to i64
  %iss = add i64 %full, %plus
  %iss1 = add i64 %iss, -1
  %span.c = mul i64 %iss1, %Pf
  %at = add i64 %C, %span.c
  %at1 = add i64 %at, %vo
  %nr = add i64 %at1, {interval}
  store i64 %nr, ptr %v.readyp
  %qp = getelementptr inbounds i32, ptr %ctx, i64 %v.64
  %qq = getelementptr inbounds i8, ptr %qp, i64 {pending}
  %qd = load i32, ptr %qq
  %iss32 = trunc i64 %iss to i32
  %qn = sub i32 %qd, %iss32
  store i32 %qn, ptr %qq
  %i3 = add i64 %i2, 1
  %more2 = icmp ult i64 %i3, %upto
  br i1 %more2, label %update, label %finish
finish:
  %lspan = mul i64 %lastq, %Pf
  %cl0 = add i64 %C, %lspan
  %cl1 = add i64 %cl0, %lasto
  %cend = add i64 %cl1, 1
  store i64 %cend, ptr %out
  %o1 = getelementptr inbounds i64, ptr %out, i64 1
  %last64 = sext i32 %who to i64
  store i64 %last64, ptr %o1
  ret i64 %Nf
}}
"""


# dpusim_rounds lane by lane, in vectors of LANES tasklets: LLVM splits a vector of 24 lanes (not a
# power of two) into single elements, so the code has a chunk for each LANES tasklets.
LANES = 8
assert MAX_TASKLETS % LANES == 0


def _chunk(text: str, k: int, **extra) -> str:
    """``text`` for chunk ``k`` of LANES tasklets ({k}: its number, {lo}: its first tasklet)."""
    return text.format(k=k, lo=k * LANES, n=LANES, **extra,
                       ready_lo=_off("ready") + 8 * k * LANES,
                       pending_lo=_off("pending") + 4 * k * LANES,
                       lanes_lo=f"<{_vector('i32', range(k * LANES, (k + 1) * LANES))}>",
                       away_splat=_splat("i32", AWAY),
                       no_member_splat=_splat("i64", NO_MEMBER),
                       minus_one=_splat("i32", -1),
                       interval_splat=_splat("i32", ISSUE_INTERVAL))


def _splats(names_types) -> str:
    return "\n".join(f"  %{name}.s0 = insertelement <{LANES} x {ty}> poison, {ty} %{name}, i64 0\n"
                     f"  %{name}.s = shufflevector <{LANES} x {ty}> %{name}.s0, <{LANES} x {ty}> "
                     f"poison, <{LANES} x i32> zeroinitializer" for name, ty in names_types)


def _reduce(name: str, ty: str, parts: list[str]) -> str:
    """The smallest of the chunks' smallest values (``parts``, one vector per chunk)."""
    lines = []
    acc = parts[0]
    for i, part in enumerate(parts[1:]):
        lines.append(f"  %{name}.m{i} = call <{LANES} x {ty}> @llvm.smin.v{LANES}{ty}("
                     f"<{LANES} x {ty}> {acc}, <{LANES} x {ty}> {part})")
        acc = f"%{name}.m{i}"
    lines.append(f"  %{name} = call {ty} @llvm.vector.reduce.smin.v{LANES}{ty}(<{LANES} x {ty}> "
                 f"{acc})")
    return "\n".join(lines)


# A chunk's part of the first wait (the ready cycles of the running tasklets outside the batch)
# and of the first event: each member's pending count times R plus its position, whose smallest
# value is minp R + mini (i32: at most MAX_RUN times 24).
_CHUNK_LOADS = """  %@rp{k} = getelementptr inbounds i8, ptr %ctx, i64 {ready_lo}
  %@rv{k} = load <{n} x i64>, ptr %@rp{k}, align 8
  %@pp{k} = getelementptr inbounds i8, ptr %ctx, i64 {pending_lo}
  %@pv{k} = load <{n} x i32>, ptr %@pp{k}, align 4
  %@op{k} = getelementptr inbounds i32, ptr %pos, i64 {lo}
  %@posv{k} = load <{n} x i32>, ptr %@op{k}, align 4
"""  # a chunk's ready cycles, pending counts and positions, named with a prefix for @
_LANES_SCAN = _CHUNK_LOADS.replace("@", "") + """  %mem{k} = icmp slt <{n} x i32> %posv{k}, {away_splat}
  %inspan{k} = icmp ult <{n} x i32> {lanes_lo}, %span.s
  %wait{k} = select <{n} x i1> %mem{k}, <{n} x i1> zeroinitializer, <{n} x i1> %inspan{k}
  %wv{k} = select <{n} x i1> %wait{k}, <{n} x i64> %rv{k}, <{n} x i64> {no_member_splat}
  %key0{k} = mul <{n} x i32> %pv{k}, %r32.s
  %key1{k} = add <{n} x i32> %key0{k}, %posv{k}
  %key{k} = select <{n} x i1> %mem{k}, <{n} x i32> %key1{k}, <{n} x i32> {away_splat}"""

# A chunk's members after N issues: the first N mod R members issue one more time than the
# others; each is ready again 11 cycles after its last issue (the others are stored back as
# they were).
_LANES_UPDATE = _CHUNK_LOADS.replace("@", "u") + """  %early{k} = icmp slt <{n} x i32> %uposv{k}, %extra32.s
  %plusv{k} = zext <{n} x i1> %early{k} to <{n} x i32>
  %issv{k} = add <{n} x i32> %full32.s, %plusv{k}
  %issv1{k} = add <{n} x i32> %issv{k}, {minus_one}
  %atv0{k} = mul <{n} x i32> %issv1{k}, %P32.s
  %atv1{k} = add <{n} x i32> %atv0{k}, %uposv{k}
  %atv2{k} = add <{n} x i32> %atv1{k}, {interval_splat}
  %atv3{k} = sext <{n} x i32> %atv2{k} to <{n} x i64>
  %nrv{k} = add <{n} x i64> %atv3{k}, %C.s
  %issued{k} = icmp slt <{n} x i32> %uposv{k}, %upto32.s
  %rv1{k} = select <{n} x i1> %issued{k}, <{n} x i64> %nrv{k}, <{n} x i64> %urv{k}
  store <{n} x i64> %rv1{k}, ptr %urp{k}, align 8
  %pv0{k} = sub <{n} x i32> %upv{k}, %issv{k}
  %pv1{k} = select <{n} x i1> %issued{k}, <{n} x i32> %pv0{k}, <{n} x i32> %upv{k}
  store <{n} x i32> %pv1{k}, ptr %upp{k}, align 4"""


# Chunks past the first are skipped where no tasklet of theirs is below span (16 tasklets: a
# third of the lanes' work): there, none is a member, none waits, and none is updated.
_CHUNK_IN = """  br label %{stem}{k}.test
{stem}{k}.test:
  %{stem}.has{k} = icmp ugt i32 %span, {lo}
  br i1 %{stem}.has{k}, label %{stem}{k}, label %{stem}{k}.out
{stem}{k}:"""
_CHUNK_OUT = """  br label %{stem}{k}.out
{stem}{k}.out:"""


def _guarded(stem: str, body: str, results=()) -> str:
    """``body`` for each chunk, the chunks past the first run only where span reaches them;
    ``results``: (name, element type, value where skipped) of the vectors a chunk defines for
    the code after it."""
    parts = []
    for k in range(MAX_TASKLETS // LANES):
        chunk = _chunk(body, k)
        if k == 0:
            parts.append(chunk)
            continue
        for name, _, _ in results:
            chunk = chunk.replace(f"%{name}{k} =", f"%{name}.c{k} =")
        parts.append(_CHUNK_IN.format(k=k, lo=k * LANES, stem=stem))
        parts.append(chunk)
        parts.append(_CHUNK_OUT.format(k=k, stem=stem))
        for name, ty, skipped in results:
            parts.append(f"  %{name}{k} = phi <{LANES} x {ty}> [%{name}.c{k}, %{stem}{k}], "
                         f"[{skipped}, %{stem}{k}.test]")
    return "\n".join(parts)


# Who joins the batch, lane by lane.  Taken one by one in round-robin order (the tasklets after
# the last issuer, then from 0 to it), u joins (its position r, the count of the members before
# it in that order) when ready(u) <= C + r: each position depends on the ones before.  The set of
# members is the fixed point of "u joins when ready(u) - C is at most the count of the members
# before it", reached from all the tasklets below span: each step keeps all the members (the
# counts only shrink, and never below the members'), and the first tasklet that does not join
# leaves at the first step where the counts before it are right; one or two steps, most often.
# %jlower: a bit for each tasklet before u in that order (a = L + 1 is the first); %jd: ready(u)
# - C, clamped to -1 .. 2 * MAX_TASKLETS (a stopped tasklet never joins).
_JOIN_LANES = """  %jrp{k} = getelementptr inbounds i8, ptr %ctx, i64 {ready_lo}
  %jrv{k} = load <{n} x i64>, ptr %jrp{k}, align 8
  %jd64{k} = sub <{n} x i64> %jrv{k}, %jC.s
  %jd65{k} = call <{n} x i64> @llvm.smin.v{n}i64(<{n} x i64> %jd64{k}, <{n} x i64> {far})
  %jd66{k} = call <{n} x i64> @llvm.smax.v{n}i64(<{n} x i64> %jd65{k}, <{n} x i64> {past})
  %jd{k} = trunc <{n} x i64> %jd66{k} to <{n} x i32>
  %jspan{k} = icmp ult <{n} x i32> {lanes_lo}, %jspan.s
  %jafter{k} = icmp uge <{n} x i32> {lanes_lo}, %ja.s
  %jlo1{k} = and <{n} x i32> {below}, %jnla.s
  %jlo2{k} = or <{n} x i32> {below}, %jhia.s
  %jlower{k} = select <{n} x i1> %jafter{k}, <{n} x i32> %jlo1{k}, <{n} x i32> %jlo2{k}"""
_JOIN_STEP = """  %jand{k} = and <{n} x i32> %jM.s, %jlower{k}
  %jcnt{k} = call <{n} x i32> @llvm.ctpop.v{n}i32(<{n} x i32> %jand{k})
  %jle{k} = icmp sle <{n} x i32> %jd{k}, %jcnt{k}
  %jin{k} = and <{n} x i1> %jle{k}, %jspan{k}
  %jbits{k} = bitcast <{n} x i1> %jin{k} to i{n}
  %jbz{k} = zext i{n} %jbits{k} to i32
  %jb{k} = shl i32 %jbz{k}, {lo}"""
_JOIN_POS = """  %jpos{k} = select <{n} x i1> %jin{k}, <{n} x i32> %jcnt{k}, <{n} x i32> {away_splat}
  %jpp{k} = getelementptr inbounds i32, ptr %pos, i64 {lo}
  store <{n} x i32> %jpos{k}, ptr %jpp{k}, align 4"""
# The last issuer of a batch of the scan: the member at position lasti.
_WHO_LANES = """  %wpp{k} = getelementptr inbounds i32, ptr %pos, i64 {lo}
  %wpv{k} = load <{n} x i32>, ptr %wpp{k}, align 4
  %weq{k} = icmp eq <{n} x i32> %wpv{k}, %wl.s
  %wbits{k} = bitcast <{n} x i1> %weq{k} to i{n}
  %wbz{k} = zext i{n} %wbits{k} to i32
  %wb{k} = shl i32 %wbz{k}, {lo}"""


def _or_all(name: str, parts: list[str]) -> str:
    lines, acc = [], parts[0]
    for i, part in enumerate(parts[1:]):
        lines.append(f"  %{name}.o{i} = or i32 {acc}, {part}")
        acc = f"%{name}.o{i}"
    lines.append(f"  %{name} = or i32 {acc}, 0")
    return "\n".join(lines)


def _all_chunks(text: str) -> str:
    return "\n".join(_chunk(text, k) for k in range(MAX_TASKLETS // LANES))


def _lanes_join() -> str:
    n = MAX_TASKLETS // LANES
    return "\n".join([
        "  %ja = add i32 %L, 1",
        "  %jlowa0 = shl i32 1, %ja", "  %jlowa = add i32 %jlowa0, -1",
        "  %jnla = xor i32 %jlowa, -1",
        "  %jspanm0 = shl i32 1, %span", "  %jspanm = add i32 %jspanm0, -1",
        "  %jhia = and i32 %jspanm, %jnla",
        "  %jC = add i64 %C, 0",
        "  %jspan = add i32 %span, 0",
        _splats([("ja", "i32"), ("jnla", "i32"), ("jhia", "i32"), ("jC", "i64"),
                 ("jspan", "i32")]),
        *(_chunk(_JOIN_LANES, k, below=_vector_constant(
            "i32", [(1 << u) - 1 for u in range(k * LANES, (k + 1) * LANES)]),
                 far=_splat("i64", 2 * MAX_TASKLETS), past=_splat("i64", -1))
          for k in range(n)),
        "  br label %join",
        "join:",
        "  %jM = phi i32 [%jspanm, %entry], [%jMn, %join]",
        _splats([("jM", "i32")]),
        _all_chunks(_JOIN_STEP),
        _or_all("jMn", [f"%jb{k}" for k in range(n)]),
        "  %jsame = icmp eq i32 %jMn, %jM",
        "  br i1 %jsame, label %joined, label %join",
        "joined:",
        _all_chunks(_JOIN_POS),
        "  %jr = call i32 @llvm.ctpop.i32(i32 %jMn)",
        "  %r1 = zext i32 %jr to i64"])


def _lanes_who() -> str:
    n = MAX_TASKLETS // LANES
    return "\n".join([
        "  %wl = trunc i64 %lasti to i32",
        _splats([("wl", "i32")]),
        _all_chunks(_WHO_LANES),
        _or_all("wm", [f"%wb{k}" for k in range(n)]),
        "  %whov = call i32 @llvm.cttz.i32(i32 %wm, i1 false)"])


def _vector_constant(ty: str, values) -> str:
    return f"<{_vector(ty, values)}>"


def _lanes_scan() -> str:
    n = MAX_TASKLETS // LANES
    return "\n".join([
        "  %r32 = trunc i64 %r1 to i32",
        _splats([("span", "i32"), ("r32", "i32")]),
        _guarded("lsc", _LANES_SCAN, (("wv", "i64", _splat("i64", NO_MEMBER)),
                                      ("key", "i32", _splat("i32", AWAY)))),
        _reduce("minw1", "i64", [f"%wv{k}" for k in range(n)]),
        _reduce("nd32", "i32", [f"%key{k}" for k in range(n)])])


def _lanes_update() -> str:
    return "\n".join([
        "  %full32 = trunc i64 %full to i32", "  %extra32 = trunc i64 %extra to i32",
        "  %P32 = trunc i64 %Pf to i32", "  %upto32 = trunc i64 %upto to i32",
        _splats([("full32", "i32"), ("extra32", "i32"), ("P32", "i32"), ("upto32", "i32"),
                 ("C", "i64")]),
        _guarded("lup", _LANES_UPDATE)])


def _vector(ty: str, values) -> str:
    return ", ".join(f"{ty} {v}" for v in values)


def _splat(ty: str, value: int) -> str:
    return f"<{_vector(ty, [value] * LANES)}>"


# The speculation table (see the module's docstring).  An access conflicts with what other
# tasklets did ahead when the line's owner is another tasklet whose last access to it has not
# issued yet (its ordinal is above the count of its instructions that issued), one of the two
# a write (or the owner wrote the line before); or, for a write to a shared line, when another
# reader may still have a read of it ahead: a reader that has instructions pending in a run
# numbered at most the line's highest reading run (conservative: that run may not be the one
# that read the line).  An owner's "wrote" is conservative too: it stays set until another
# tasklet takes the line.
_LINE_CHECK = """
define i1 @dpusim_readers_pending(ptr %ctx, i64 %rw, i64 %me) noinline {{
entry:
  %mine.s = add i64 %me, -1
  %mine = shl i64 1, %mine.s
  %notmine = xor i64 %mine, -1
  %mask = and i64 %rw, {readers}
  %m0 = and i64 %mask, %notmine
  %rr = lshr i64 %rw, 24
  br label %loop
loop:
  %m = phi i64 [%m0, %entry], [%m1, %next]
  %any = icmp ne i64 %m, 0
  br i1 %any, label %body, label %no
body:
  %r = call i64 @llvm.cttz.i64(i64 %m, i1 true)
  %r4 = shl i64 %r, 2
  %peo = add i64 %r4, {pending}
  %pep = getelementptr inbounds i8, ptr %ctx, i64 %peo
  %pe = load i32, ptr %pep
  %r8 = shl i64 %r, 3
  %rio = add i64 %r8, {runid}
  %rip = getelementptr inbounds i8, ptr %ctx, i64 %rio
  %ri = load i64, ptr %rip
  %ahead = icmp sgt i32 %pe, 0
  %then = icmp ule i64 %ri, %rr
  %both = and i1 %ahead, %then
  br i1 %both, label %yes, label %next
next:
  %mm = add i64 %m, -1
  %m1 = and i64 %m, %mm
  br label %loop
yes:
  ret i1 true
no:
  ret i1 false
}}

; whether the owner's last access ahead (entry %e, owner %own: tasklet + 1) has not issued yet
define internal i1 @owner_pending(ptr %ctx, i64 %e, i64 %own) alwaysinline {{
entry:
  %o = add i64 %own, -1
  %o8 = shl i64 %o, 3
  %nio = add i64 %o8, {ninstr}
  %nip = getelementptr inbounds i8, ptr %ctx, i64 %nio
  %ni = load i64, ptr %nip
  %o4 = shl i64 %o, 2
  %peo = add i64 %o4, {pending}
  %pep = getelementptr inbounds i8, ptr %ctx, i64 %peo
  %pe = load i32, ptr %pep
  %pe64 = sext i32 %pe to i64
  %issued = sub i64 %ni, %pe64
  %then = lshr i64 %e, {ordinal_shift}
  %later = icmp sgt i64 %then, %issued
  ret i1 %later
}}

; an access at its issue cycle (nothing recorded): whether another tasklet accessed the line
; ahead in an instruction that has not issued yet, one of the two accesses a write
define i1 @dpusim_line_check(ptr %table, ptr %ctx, i64 %line, i64 %me, i1 %write) noinline {{
entry:
  %i2 = shl i64 %line, 1
  %wp = getelementptr inbounds i64, ptr %table, i64 %i2
  %e = load i64, ptr %wp, !tbaa !{tbaa}
  %own = and i64 %e, {owner_mask}
  %mine = icmp eq i64 %own, %me
  %none = icmp eq i64 %e, 0
  %free = or i1 %mine, %none
  br i1 %free, label %no, label %other
other:
  %shared = icmp eq i64 %own, {shared}
  br i1 %shared, label %readers, label %owner
readers:
  br i1 %write, label %rcheck, label %no
rcheck:
  %rp = getelementptr inbounds i64, ptr %wp, i64 1
  %rw = load i64, ptr %rp, !tbaa !{tbaa}
  %c = call i1 @dpusim_readers_pending(ptr %ctx, i64 %rw, i64 %me)
  ret i1 %c
owner:
  %later = call i1 @owner_pending(ptr %ctx, i64 %e, i64 %own)
  %wrote = and i64 %e, {wbit}
  %w = icmp ne i64 %wrote, 0
  %either = or i1 %w, %write
  %clash = and i1 %later, %either
  ret i1 %clash
no:
  ret i1 false
}}

; an access ahead to a line this tasklet does not own (_AHEAD handles those it does): whether
; it may run, and then recorded: the line becomes its own when no other access to it is ahead,
; or stays (or becomes) shared when all of those and this one are reads
define i1 @dpusim_take(ptr %table, ptr %ctx, i64 %line, i64 %me, i64 %ordinal, i64 %rid,
                       i1 %write) noinline {{
entry:
  %i2 = shl i64 %line, 1
  %wp = getelementptr inbounds i64, ptr %table, i64 %i2
  %rp = getelementptr inbounds i64, ptr %wp, i64 1
  %e = load i64, ptr %wp, !tbaa !{tbaa}
  %own = and i64 %e, {owner_mask}
  %me1 = add i64 %me, -1
  %bit = shl i64 1, %me1
  %wb = select i1 %write, i64 {wbit}, i64 0
  %none = icmp eq i64 %e, 0
  br i1 %none, label %take, label %notnone
notnone:
  %shared = icmp eq i64 %own, {shared}
  br i1 %shared, label %sh, label %owner
owner:
  %later = call i1 @owner_pending(ptr %ctx, i64 %e, i64 %own)
  br i1 %later, label %busy, label %take
busy:
  %wrote = and i64 %e, {wbit}
  %w = icmp ne i64 %wrote, 0
  %either = or i1 %w, %write
  br i1 %either, label %fail, label %toshared
toshared:
  ; both reads: the line's readers are now the owner (in its current run) and this tasklet
  %o = add i64 %own, -1
  %o8 = shl i64 %o, 3
  %rio = add i64 %o8, {runid}
  %rip = getelementptr inbounds i8, ptr %ctx, i64 %rio
  %ri = load i64, ptr %rip
  %run0 = call i64 @llvm.umax.i64(i64 %ri, i64 %rid)
  %obit = shl i64 1, %o
  %bits = or i64 %obit, %bit
  %run0s = shl i64 %run0, 24
  %rw0 = or i64 %run0s, %bits
  store i64 %rw0, ptr %rp, !tbaa !{tbaa}
  store i64 {shared}, ptr %wp, !tbaa !{tbaa}
  ret i1 true
sh:
  %rw = load i64, ptr %rp, !tbaa !{tbaa}
  br i1 %write, label %shw, label %shr
shr:
  %rr = lshr i64 %rw, 24
  %run = call i64 @llvm.umax.i64(i64 %rr, i64 %rid)
  %mask = and i64 %rw, {readers}
  %mask1 = or i64 %mask, %bit
  %runs = shl i64 %run, 24
  %rnew = or i64 %runs, %mask1
  store i64 %rnew, ptr %rp, !tbaa !{tbaa}
  ret i1 true
shw:
  %c = call i1 @dpusim_readers_pending(ptr %ctx, i64 %rw, i64 %me)
  br i1 %c, label %fail, label %take
take:
  %chunk = lshr i64 %line, {chunk_line_bits}
  %dirtyo = sub i64 %chunk, {dirty_bytes}
  %dirtyp = getelementptr inbounds i8, ptr %table, i64 %dirtyo
  store i8 1, ptr %dirtyp, !tbaa !{dirty}
  %os = shl i64 %ordinal, {ordinal_shift}
  %m = or i64 %os, %me
  %new = or i64 %m, %wb
  store i64 %new, ptr %wp, !tbaa !{tbaa}
  store i64 0, ptr %rp, !tbaa !{tbaa}
  ret i1 true
fail:
  ret i1 false
}}

; a DMA's WRAM lines: the transfer writes them (ldma) or reads them (sdma) at its issue cycle.
; Most lines are free (no entry, or this tasklet's own): those are told apart here, four at a
; time while all four are; the others, and the lines after the last four, by line_check.
define i1 @dpusim_range_conflict(ptr %table, ptr %ctx, i64 %me, i64 %lo, i64 %size, i1 %write) {{
entry:
  %first = lshr i64 %lo, {line_bits}
  %endb = add i64 %lo, %size
  %endm = sub i64 %endb, 1
  %last = lshr i64 %endm, {line_bits}
  %x.s0 = insertelement <8 x i64> zeroinitializer, i64 %me, i64 0
  %x.s1 = insertelement <8 x i64> %x.s0, i64 %me, i64 2
  %x.s2 = insertelement <8 x i64> %x.s1, i64 %me, i64 4
  %x.s = insertelement <8 x i64> %x.s2, i64 %me, i64 6
  br label %group
group:
  %g = phi i64 [%first, %entry], [%g4, %gnext]
  %g3 = add i64 %g, 3
  %gin = icmp ule i64 %g3, %last
  br i1 %gin, label %gcheck, label %tail
tail:
  %left = icmp ule i64 %g, %last
  br i1 %left, label %loop, label %no
gcheck:
  %g2 = shl i64 %g, 1
  %gp = getelementptr inbounds i64, ptr %table, i64 %g2
  %gv = load <8 x i64>, ptr %gp, align 8, !tbaa !{tbaa}
  %gt = and <8 x i64> %gv, <i64 {owner_mask}, i64 0, i64 {owner_mask}, i64 0,
                            i64 {owner_mask}, i64 0, i64 {owner_mask}, i64 0>
  %gmine = icmp eq <8 x i64> %gt, %x.s
  %gnone = icmp eq <8 x i64> %gv, zeroinitializer
  %gok = or <8 x i1> %gmine, %gnone
  %gbits = bitcast <8 x i1> %gok to i8
  %gall = icmp eq i8 %gbits, -1
  br i1 %gall, label %gnext, label %loop
gnext:
  %g4 = add i64 %g, 4
  br label %group
loop:
  %i = phi i64 [%g, %tail], [%g, %gcheck], [%i1, %next]
  %c = call i1 @dpusim_line_check(ptr %table, ptr %ctx, i64 %i, i64 %me, i1 %write)
  br i1 %c, label %yes, label %next
yes:
  ret i1 true
next:
  %i1 = add i64 %i, 1
  %more = icmp ule i64 %i1, %last
  br i1 %more, label %loop, label %no
no:
  ret i1 false
}}
"""


# The parts of the table (``bytes`` long) whose dirty byte is set, cleared, and their bytes too.
_TABLE_CLEAR = """
define void @dpusim_table_clear(ptr %table, i64 %bytes) {{
entry:
  %any = icmp sgt i64 %bytes, 0
  br i1 %any, label %loop, label %done
loop:
  %at = phi i64 [0, %entry], [%at1, %next]
  %c = lshr i64 %at, {chunk_shift}
  %dirtyo = sub i64 %c, {dirty_bytes}
  %dirtyp = getelementptr inbounds i8, ptr %table, i64 %dirtyo
  %d = load i8, ptr %dirtyp
  %at1 = add i64 %at, {chunk_bytes}
  %set = icmp ne i8 %d, 0
  br i1 %set, label %clear, label %next
clear:
  store i8 0, ptr %dirtyp
  %left = sub i64 %bytes, %at
  %n = call i64 @llvm.smin.i64(i64 %left, i64 {chunk_bytes})
  %p = getelementptr inbounds i8, ptr %table, i64 %at
  call void @llvm.memset.p0.i64(ptr %p, i8 0, i64 %n, i1 false)
  br label %next
next:
  %more = icmp slt i64 %at1, %bytes
  br i1 %more, label %loop, label %done
done:
  ret void
}}
"""


_AHEAD = """
; an access ahead of its issue cycle: true when it may run (the address is good, speculation is
; on, no conflict), and then recorded in the table.  To a line this tasklet owns (the common
; case: a tasklet's own buffer), only the entry's ordinal moves; others go to dpusim_take.
; %owner: the tasklet + 1 while speculating, else a value no entry holds.
define {linkage} i1 @{name}(ptr %table, ptr %ctx, i64 %addr, i1 %bad, i64 %owner,
                          i64 %ordinal, i64 %rid, i1 %write) {inline} {{
entry:
  br i1 %bad, label %no, label %check, !prof !16
check:
  %at = and i64 %addr, -{line_bytes}
  %at2 = shl i64 %at, 1
  %wp = getelementptr inbounds i8, ptr %table, i64 %at2
  %e = load i64, ptr %wp, !tbaa !{tbaa}
  %own = and i64 %e, {owner_mask}
  %mine = icmp eq i64 %own, %owner
  br i1 %mine, label %record, label %slow, !prof !15
slow:
  %spec = icmp ne i64 %owner, {not_an_owner}
  br i1 %spec, label %take, label %no
take:
  %line = lshr i64 %addr, {line_bits}
  %c = call i1 @dpusim_take(ptr %table, ptr %ctx, i64 %line, i64 %owner, i64 %ordinal,
                            i64 %rid, i1 %write)
  ret i1 %c
record:
  %os = shl i64 %ordinal, {ordinal_shift}
  %wb = select i1 %write, i64 {wbit}, i64 0
  %kept = and i64 %e, {wbit}
  %w = or i64 %kept, %wb
  %m = or i64 %os, %owner
  %new = or i64 %m, %w
  store i64 %new, ptr %wp, !tbaa !{tbaa}
  ret i1 true
no:
  ret i1 false
}}
"""


# The runtime: the functions every program calls (the batch counter, DMA copies and the
# speculation table's checks), compiled once per process into a module of their own and linked to
# each program's code by name (:mod:`dpusim.native`).  A program's module then holds its own code
# only: for a small program, the runtime was about half of what LLVM compiled.  The check of an
# access ahead is the exception: small programs inline their own copy (see SMALL_PROGRAM).  A
# process has one runtime, and a program's cache key has a digest of its source: code is never
# linked to another runtime than the one it was compiled against.
_DECLARATIONS = [
    "declare i32 @dpusim_mram_copy(ptr, ptr, ptr, i64, i64, i1) nounwind",
    "declare i64 @dpusim_rounds(ptr, i64, i32, i64, ptr, i32) nounwind",
    "declare i1 @dpusim_line_check(ptr, ptr, i64, i64, i1) nounwind memory(read)",
    "declare i1 @dpusim_range_conflict(ptr, ptr, i64, i64, i64, i1) nounwind memory(read)",
    "declare i1 @dpusim_ahead(ptr, ptr, i64, i1, i64, i64, i64, i1) nounwind",
    "declare i1 @dpusim_take(ptr, ptr, i64, i64, i64, i64, i1) nounwind",
]
RUNTIME_FUNCTIONS = tuple(line.split("@")[1].split("(")[0] for line in _DECLARATIONS)


@lru_cache(maxsize=1)
def _template_values() -> dict:
    return dict(line_bits=LINE_BITS, line_bytes=1 << LINE_BITS, not_an_owner=NOT_AN_OWNER,
                owner_mask=(1 << OWNER_BITS) - 1, shared=SHARED_LINE,
                wbit=1 << OWNER_BITS, ordinal_shift=OWNER_BITS + 1,
                ninstr=_off("ninstr"), pending=_off("pending"), runid=_off("runid"),
                readers=READERS, tbaa=_TBAA["table"],
                chunk_line_bits=CHUNK_LINE_BITS, dirty_bytes=DIRTY_BYTES, dirty=_TBAA["dirty"])


@lru_cache(maxsize=1)
def runtime_ir() -> str:
    """The LLVM IR of the runtime module (see RUNTIME_FUNCTIONS)."""
    parts = ["; dpusim native engine: the runtime every translated program calls", *_INTRINSICS,
             _MRAM_COPY.format(page_bits=PAGE_BITS, page_mask=(1 << PAGE_BITS) - 1,
                               page=1 << PAGE_BITS, page_lo=_off("page_lo"),
                               page_hi=_off("page_hi"), tbaa=_TBAA["page"], log=_off("log"),
                               fresh=_off("fresh"),
                               log_used=_off("log_used"), log_cap=_off("log_cap")),
             _ROUNDS.format(interval=ISSUE_INTERVAL, pending=_off("pending"),
                            ready=_off("ready"), tasklets=MAX_TASKLETS, stopped=STOPPED,
                            byd_bytes=4 * ISSUE_INTERVAL,
                            iota=", ".join(f"i64 {i}" for i in range(MAX_TASKLETS)),
                            tasklets1=MAX_TASKLETS + 1, no_member=NO_MEMBER,
                            recip=", ".join(f"i64 {-(-(1 << 32) // d) if d else 0}"
                                            for d in range(MAX_TASKLETS + 1)),
                            lanes_join=_lanes_join(), lanes_who=_lanes_who(),
                            lanes_scan=_lanes_scan(), lanes_update=_lanes_update(), lanes=LANES),
             _LINE_CHECK.format(**_template_values()),
             _TABLE_CLEAR.format(chunk_shift=CHUNK_BYTES.bit_length() - 1,
                                 chunk_bytes=CHUNK_BYTES, dirty_bytes=DIRTY_BYTES),
             _AHEAD.format(linkage="", name="dpusim_ahead", inline="noinline",
                           **_template_values()),
             *_TBAA_NODES]
    return "\n".join(parts) + "\n"


@dataclass(frozen=True)
class Translation:
    ir: str
    slots: int


def translate(iram: list[int], model) -> Translation:
    """The LLVM IR of a program (its IRAM words) for a DPU model."""
    tr = Translator(iram, model)
    return Translation(tr.build(), tr.nslots)
