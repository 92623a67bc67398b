"""LLVM IR (text) → DPU assembly: instruction selection, linear-scan allocation, frames.

Calling convention (ISA.md "ABI", plus the decisions this back end makes where it is silent)
-------------------------------------------------------------------------------------------
* Arguments are assigned left to right.  A 32-bit argument (i1/i8/i16 zero-extended, i32, ptr)
  takes the next register of r0..r7; a 64-bit argument takes the next *even* register pair
  d0/d2/d4/d6 (skipping an odd register; the skipped register is not back-filled).  An argument
  that does not fit, and every variadic argument, goes on the stack.
* The stack grows upward, so stacked arguments lie **below** the callee's frame.  Let ``SP`` be
  r22 at the ``call`` (the callee's frame base).  A cursor ``c`` starts at 8 (the caller's saved
  d22 occupies ``[SP-8, SP)``); each stacked argument of size ``s`` (4 or 8) moves it to
  ``c = align(c + s, s)`` and lives at ``SP - c`` (little-endian, low word first for 64-bit).
  The first stacked argument is therefore nearest to the caller's saved d22; a variadic callee
  walks its arguments downward from ``SP - 8``.
* Results: r0 (32-bit), d0 (64-bit: r0 high, r1 low).  Narrow results and arguments are passed
  zero-extended and re-normalised by the receiver.
* Frame (from the frame base B = r22 at entry, growing upward): allocas, spill slots and saved
  callee-saved registers in ``[B, B+L)``, the outgoing stacked-argument area, then the saved d22
  in ``[B+FRAME-8, B+FRAME)``.  Functions that call others run the ISA.md prologue
  ``sd r22, FRAME-8, d22; add r22, r22, FRAME`` and epilogue ``ld d22, r22, -8; jump r23``.
  Leaf functions never move r22: their slots (if any) are addressed at ``r22 + k`` directly.
* Dynamic allocas (variable-length arrays) move r22 at run time.  Such a function keeps r22 as
  it was after the prologue in r21 (saved with d20, out of allocation) and addresses its slots
  from there.  A block of n bytes (rounded to 8) starts at r22, which then moves past it and
  past a new outgoing-argument area, whose top 8 bytes get a copy of the saved d22 (so
  ``[r22-8, r22)`` always holds it); ``llvm.stacksave``/``stackrestore`` read and write r22;
  the epilogue first moves r22 back to r21.
* Registers: r0..r9 and r14..r21 are allocated (r21 not in a function with dynamic allocas);
  r10..r13 are the back end's scratch registers
  (spill reloads, parallel-move temporaries, the target of indirect calls).
* Runtime functions (libgcc names): __mulsi3 __divsi3 __udivsi3 __modsi3 __umodsi3 __muldi3
  __divdi3 __udivdi3 __moddi3 __umoddi3 __ashldi3 __lshrdi3 __ashrdi3 memcpy memmove memset.
"""

from __future__ import annotations

import bisect
import re

from dpucore import isa
from dpucore.isa import parse_register

from . import irparse
from .debuglines import LineDirectives
from .layout import Layout, LayoutError
from .legalize import legalize

M32 = 0xFFFFFFFF
M64 = (1 << 64) - 1


class UnsupportedError(Exception):
    """A construct the back end cannot compile: ``function`` names where, ``construct`` what."""

    def __init__(self, function: str, construct: str):
        super().__init__(f"{function}: unsupported {construct}")
        self.function = function
        self.construct = construct


def s32(x: int) -> int:
    x &= M32
    return x - (1 << 32) if x & 0x80000000 else x


_RESERVED = {"zero", "one", "lneg", "mneg", "id", "id2", "id4", "id8", "true", "false"}


def sym(name: str) -> str:
    """Assembly symbol for an LLVM name; names that read as registers get a ``$`` suffix."""
    s = re.sub(r"[^A-Za-z0-9_.$]", "_", name)
    if s[:1].isdigit():
        s = "_" + s
    if s.lower() in _RESERVED or parse_register(s) is not None:
        s += "$"
    return s


def width(ty) -> int:
    if ty == "ptr":
        return 32
    if isinstance(ty, str) and ty.startswith("i") and ty[1:].isdigit():
        return int(ty[1:])
    return 0


INVERSE = {"z": "nz", "nz": "z", "eq": "neq", "neq": "eq", "ltu": "geu", "geu": "ltu",
           "leu": "gtu", "gtu": "leu", "lts": "ges", "ges": "lts", "les": "gts", "gts": "les",
           "pl": "mi", "mi": "pl", "xz": "xnz", "xnz": "xz", "c": "nc", "nc": "c",
           "xleu": "xgtu", "xgtu": "xleu", "xles": "xgts", "xgts": "xles", "sz": "snz",
           "snz": "sz", "spl": "smi", "smi": "spl"}
PRED32 = {"eq": "eq", "ne": "neq", "ult": "ltu", "ule": "leu", "ugt": "gtu", "uge": "geu",
          "slt": "lts", "sle": "les", "sgt": "gts", "sge": "ges"}
SWAP = {"eq": "eq", "ne": "ne", "ult": "ugt", "ule": "uge", "ugt": "ult", "uge": "ule",
        "slt": "sgt", "sle": "sge", "sgt": "slt", "sge": "sle"}

# switches with at least this many cases over at most this span and at most this many table
# slots per case become jump tables (see FnGen.jump_table)
JUMP_TABLE_MIN_CASES = 6
JUMP_TABLE_MAX_SPAN = 512
JUMP_TABLE_DENSITY = 3

CALLER_REGS = list(range(10))
CALLEE_REGS = list(range(14, 22))
SCRATCH = (10, 11, 12, 13)
PM_TMP = 13  # parallel-move cycle breaker
MM_TMP = 11  # memory-to-memory transfers
CALL_TGT = 12  # indirect call target
FP_REG = 21  # frame base of a function with variable-length arrays


# ------------------------------------------------------------------------------------------ IR


class VReg:
    __slots__ = ("end", "hint", "id", "loc", "start", "wide", "xcall")

    def __init__(self, id: int, wide: bool):
        self.id = id
        self.wide = wide
        self.hint = None
        self.loc = None
        self.start = None
        self.end = None

    def __repr__(self) -> str:
        return f"v{self.id}{'w' if self.wide else ''}"


class R:
    """A register operand: a vreg's part ('r', 'hi', 'lo', 'd'); ``d`` marks a definition;
    ``safe`` spells it as a safe register (s0..s23), which some forms require."""
    __slots__ = ("d", "part", "safe", "v")

    def __init__(self, v: VReg, part: str = "r", d: bool = False, safe: bool = False):
        self.v, self.part, self.d, self.safe = v, part, d, safe


class Frame:
    """A frame address operand: slot name + addend, resolved to an r22 offset at emission."""
    __slots__ = ("add", "slot")

    def __init__(self, slot, add: int = 0):
        self.slot, self.add = slot, add


class OutArea:
    """The size of the outgoing-argument area (saved d22 included), known at emission: a
    dynamic alloca moves r22 past its block and a fresh area of that size."""
    __slots__ = ()


class MI:
    __slots__ = ("cc", "data", "kind", "op", "ops", "pos", "srcloc", "targets")

    def __init__(self, op, ops=(), kind="n", targets=(), cc=None, data=None):
        self.op = op
        self.ops = list(ops)
        self.kind = kind
        self.targets = list(targets)
        self.cc = cc  # index of the condition operand for invertible branches
        self.data = data if data is not None else {}
        self.srcloc = None  # -g: the irparse.SourceLoc of the IR instruction it implements

    def defs(self):
        if self.kind == "n":
            return [o.v for o in self.ops if isinstance(o, R) and o.d]
        return self.data.get("defs", [])

    def uses(self):
        if self.kind == "n":
            return [o.v for o in self.ops if isinstance(o, R) and not o.d]
        return self.data.get("uses", [])


class MBlock:
    def __init__(self, label: str):
        self.label = label
        self.insts: list[MI] = []
        self.succs: list[str] = []


def assign_args(types, nfixed=None, wide_of=None):
    """ABI locations of arguments: ('reg', n) / ('pair', n) / ('stack', c) (address SP - c)."""
    out = []
    nxt = 0
    c = 8
    for i, ty in enumerate(types):
        wide = width(ty) == 64
        variadic = nfixed is not None and i >= nfixed
        if not variadic:
            if wide:
                r = nxt + (nxt & 1)
                if r + 1 <= 7:
                    out.append(("pair", r))
                    nxt = r + 2
                    continue
            elif nxt <= 7:
                out.append(("reg", nxt))
                nxt += 1
                continue
        size = 8 if wide else 4
        c = (c + size + size - 1) // size * size
        out.append(("stack", c))
    return out, c


# ------------------------------------------------------------------------------------------ module


def compile_module(text: str, source_name: str = "<module>") -> str:
    try:
        mod = irparse.parse_module(text)
    except irparse.ParseError as e:
        raise UnsupportedError("<module>", f"IR syntax: {e}") from None
    except Exception as e:  # noqa: BLE001 - never a crash: every failure is reported as unsupported
        raise UnsupportedError("<module>", f"IR syntax ({type(e).__name__}: {e})") from None
    legalize(mod)
    lay = Layout(mod.types)
    out = [f"// generated by dpucc from {source_name}", ""]
    lines = LineDirectives()
    for f in mod.functions.values():
        if f.declaration:
            continue
        try:
            out += FnGen(mod, lay, f, lines).run()
        except UnsupportedError:
            raise
        except Exception as e:  # noqa: BLE001 - never a crash (an internal limit is reported too)
            raise UnsupportedError(f.name, f"construct ({type(e).__name__}: {e})") from None
    for g in mod.globals.values():
        if g.name.startswith("llvm."):
            continue  # llvm.used, llvm.global_ctors…: metadata for the optimiser
        try:
            out += emit_global(g, lay)
        except UnsupportedError:
            raise
        except Exception as e:  # noqa: BLE001
            raise UnsupportedError(g.name, f"initialiser ({type(e).__name__}: {e})") from None
    return "\n".join(out) + "\n"


def const_addr(v, lay: Layout, where: str):
    """(symbol or None, offset) of a constant pointer/integer expression."""
    k = v[0]
    if k == "int":
        return None, v[1]
    if k in ("null", "zero", "undef"):
        return None, 0
    if k == "global":
        return sym(v[1]), 0
    if k == "expr":
        if v[1] == "gep":
            s, off = const_addr(v[3], lay, where)
            const, var = lay.gep_steps(v[2], [i for _, i in v[4]])
            if var:
                raise UnsupportedError(where, "non-constant getelementptr expression")
            return s, off + const
        if v[1] == "cast":
            s, off = const_addr(v[3], lay, where)
            if v[2] == "trunc" and s is None:
                off &= (1 << width(v[4])) - 1
            return s, off
        if v[1] == "bin":
            sa, oa = const_addr(v[3], lay, where)
            sb, ob = const_addr(v[4], lay, where)
            op = v[2]
            if op == "add" and not (sa and sb):
                return sa or sb, oa + ob
            if op == "sub" and sb is None:
                return sa, oa - ob
            if sa is None and sb is None:
                r = {"xor": oa ^ ob, "and": oa & ob, "or": oa | ob, "mul": oa * ob,
                     "shl": oa << ob, "sub": oa - ob, "add": oa + ob}[op]
                return None, r
    raise UnsupportedError(where, f"constant {v[:2]}")


def addr_text(s, off) -> str:
    if s is None:
        return str(s32(off))
    if off == 0:
        return s
    return f"{s} + {off}" if off > 0 else f"{s} - {-off}"


def emit_global(g, lay: Layout) -> list[str]:
    name = sym(g.name)
    if g.init is None:
        return []  # external declaration
    size, align = lay.size_align(g.ty)
    if g.align:
        align = max(align, g.align)
    zero = g.init[0] in ("zero", "undef") or _all_zero(g.init)
    if g.section:
        sec = g.section
        flags = '"aw",@nobits' if sec.startswith(".bss") or ("noinit" in sec and zero) \
            else '"aw",@progbits'
    elif g.addrspace == 255:
        sec, flags = ".mram", '"aw",@progbits'
        align = max(align, 8)
    elif g.constant:
        sec, flags = f".rodata.{name}", '"a",@progbits'
    elif zero:
        sec, flags = f".bss.{name}", '"aw",@nobits'
    else:
        sec, flags = f".data.{name}", '"aw",@progbits'
    out = [f"\t.section {sec},{flags}"]
    if g.linkage in ("weak", "weak_odr", "linkonce", "linkonce_odr", "common", "extern_weak"):
        out.append(f"\t.weak {name}")
    elif g.linkage not in ("private", "internal"):
        out.append(f"\t.globl {name}")
    out.append(f"\t.type {name},@object")
    out.append(f"\t.p2align {max(align, 1).bit_length() - 1}")
    out.append(f"{name}:")
    if flags.endswith("@nobits"):
        out.append(f"\t.zero {max(size, 1)}")
    else:
        body = []
        _emit_const(g.ty, g.init, lay, body, g.name)
        out += body
        if size == 0:
            out.append("\t.zero 1")
    out.append(f"\t.size {name}, {max(size, 1)}")
    out.append("")
    return out


def _all_zero(v) -> bool:
    k = v[0]
    if k in ("zero", "undef", "null"):
        return True
    if k == "int":
        return v[1] == 0
    if k == "bytes":
        return not any(v[1])
    if k in ("array", "struct"):
        return all(_all_zero(e) for _, e in v[1])
    return False


def _emit_const(ty, v, lay: Layout, out: list, where: str) -> None:
    ty = lay.resolve(ty)
    size = lay.size(ty)
    k = v[0]
    if k in ("zero", "undef") or (k == "null"):
        if size:
            out.append(f"\t.zero {size}")
        return
    if isinstance(ty, str):
        if ty == "ptr" or (k != "int" and width(ty)):
            s, off = const_addr(v, lay, where)
            if size == 4:
                out.append(f"\t.long {addr_text(s, off) if s else off & M32}")
            elif size == 8 and s is None:
                out.append(f"\t.quad {off & ((1 << 64) - 1)}")
            else:
                raise UnsupportedError(where, f"relocated constant of type {ty}")
            return
        if k == "int":
            val = v[1] & ((1 << (8 * size)) - 1)
            d = {1: ".byte", 2: ".short", 4: ".long", 8: ".quad"}[size]
            out.append(f"\t{d} {val}")
            return
        raise UnsupportedError(where, f"constant {k} of type {ty}")
    if k == "bytes":
        data = v[1]
        for i in range(0, len(data), 16):
            out.append("\t.byte " + ", ".join(str(b) for b in data[i:i + 16]))
        return
    if ty[0] == "array":
        for et, ev in v[1]:
            _emit_const(et, ev, lay, out, where)
        return
    if ty[0] == "struct":
        offs, ssize, _ = lay.struct_layout(ty)
        pos = 0
        for (et, ev), off in zip(v[1], offs):
            if off > pos:
                out.append(f"\t.zero {off - pos}")
            _emit_const(et, ev, lay, out, where)
            pos = off + lay.size(et)
        if ssize > pos:
            out.append(f"\t.zero {ssize - pos}")
        return
    raise UnsupportedError(where, f"constant of type {ty}")


# ------------------------------------------------------------------------------------------ functions

# LLVM floating-point intrinsics that are C library functions (double name; float adds "f")
FLOAT_INTRINSICS = {"fabs": None, "copysign": None, "sqrt": "sqrt", "floor": "floor",
                    "ceil": "ceil", "trunc": "trunc", "round": "round", "rint": "rint",
                    "nearbyint": "nearbyint", "minnum": "fmin", "maxnum": "fmax",
                    "fma": "fma", "pow": "pow", "exp": "exp", "exp2": "exp2", "log": "log",
                    "log2": "log2", "log10": "log10", "sin": "sin", "cos": "cos"}

IGNORED_INTRINSICS = ("llvm.lifetime.", "llvm.assume", "llvm.dbg.", "llvm.experimental.noalias",
                      "llvm.invariant.", "llvm.sideeffect", "llvm.pseudoprobe",
                      "llvm.donothing", "llvm.var.annotation", "llvm.codeview")


class FnGen:
    def __init__(self, mod, lay: Layout, f, lines: LineDirectives | None = None):
        self.lines = lines
        self.srcloc = f.loc
        self.mod = mod
        self.lay = lay
        self.f = f
        self.fname = sym(f.name)
        self.vregs: list[VReg] = []
        self.vmap: dict[str, VReg] = {}
        self.blocks: list[MBlock] = []
        self.cur: MBlock | None = None
        self.slots: dict = {}  # slot key -> (size, align)
        self.has_call = False
        # r22, or FP_REG in a function whose stack grows at run time (variable-length arrays):
        # the base of its frame slots, r22 as it was after the prologue
        self.fbase = "r22"
        self.max_out = 8
        self.nlabel = 0
        self.defs: dict = {}
        self.uses: dict = {}
        self.fused: set = set()
        self.alias: dict = {}

    def err(self, what: str):
        return UnsupportedError(self.f.name, what)

    # ---------------------------------------------------------------- helpers

    def new(self, wide=False) -> VReg:
        v = VReg(len(self.vregs), wide)
        self.vregs.append(v)
        return v

    def label(self, bb: str) -> str:
        return f".L{self.fname}.{sym(bb)}"

    def fresh_label(self) -> str:
        self.nlabel += 1
        return f".L{self.fname}..{self.nlabel}"

    def emit(self, op, *ops, kind="n", targets=(), cc=None, data=None) -> MI:
        mi = MI(op, ops, kind, targets, cc, data)
        mi.srcloc = self.srcloc
        self.cur.insts.append(mi)
        return mi

    def resolve(self, v):
        while v[0] == "local" and v[1] in self.alias:
            v = self.alias[v[1]]
        return v

    def vreg_of(self, name: str, ty) -> VReg:
        v = self.vmap.get(name)
        if v is None:
            v = self.new(width(ty) == 64)
            self.vmap[name] = v
        return v

    def is_const(self, v) -> bool:
        v = self.resolve(v)
        return v[0] in ("int", "null", "undef", "zero", "global", "expr")

    def const_val(self, v, ty) -> tuple[str | None, int]:
        v = self.resolve(v)
        s, off = const_addr(v, self.lay, self.f.name)
        w = width(ty) or 32
        if s is None:
            off &= (1 << w) - 1
        return s, off

    def imm(self, v, ty):
        """Immediate text of a constant operand (32-bit reading), or None if symbolic."""
        s, off = self.const_val(v, ty)
        if s is None:
            return s32(off)
        return None

    def val(self, v, ty) -> VReg:
        """A vreg holding operand ``v`` (constants are materialised)."""
        v = self.resolve(v)
        if v[0] == "local":
            if v[1] not in self.vmap:
                raise self.err(f"use of undefined value %{v[1]}")
            return self.vmap[v[1]]
        try:
            s, off = self.const_val(v, ty)
        except UnsupportedError:
            if v[0] == "expr" and width(ty) <= 32:
                return self.computed_constant(v, ty)
            raise
        if width(ty) == 64:
            r = self.new(True)
            if s is None:
                hi, lo = off >> 32, off & M32
                if (lo & 0x80000000 and hi == M32) or (not lo & 0x80000000 and hi == 0):
                    self.emit("move.s", R(r, "d", True), s32(lo))
                else:
                    self.emit("move", R(r, "lo", True), s32(lo))
                    self.emit("move", R(r, "hi", True), s32(hi))
            else:
                self.emit("move", R(r, "lo", True), addr_text(s, off))
                self.emit("move", R(r, "hi", True), 0)
            return r
        r = self.new()
        self.emit("move", R(r, "r", True), addr_text(s, off) if s else s32(off))
        return r

    def computed_constant(self, v, ty) -> VReg:
        """A constant expression no relocation can express (``0 - &sym``, ``&a ^ &b``), which
        the optimiser folds from pointer arithmetic: computed by instructions at run time."""
        if v[1] == "cast" and width(v[4]) in (0, 32) and width(v[5]) in (0, 32):
            return self.val(v[3], "ptr" if v[5] == "ptr" else v[5])
        if v[1] == "bin" and v[2] in ("add", "sub", "and", "or", "xor"):
            a, b = self.val(v[3], ty), self.val(v[4], ty)
            r = self.new()
            self.emit(v[2], R(r, "r", True), R(a), R(b))
            return r
        raise self.err(f"constant {v[:2]}")

    def opnd(self, v, ty):
        """A source operand for 32-bit rri forms: an R use or an immediate (int/symbol text)."""
        v = self.resolve(v)
        if v[0] == "local":
            return R(self.val(v, ty))
        try:
            s, off = self.const_val(v, ty)
        except UnsupportedError:
            return R(self.val(v, ty))
        if s is None:
            return s32(off)
        return addr_text(s, off)

    def mask(self, r: VReg, ty) -> None:
        w = width(ty)
        if w < 32:
            self.emit("and", R(r, "r", True), R(r), (1 << w) - 1)

    def sext_narrow(self, v, ty) -> VReg:
        """Sign-extend a narrow value to 32 bits (new vreg)."""
        w = width(ty)
        src = self.val(v, ty)
        if w >= 32:
            return src
        t = self.new()
        if w == 8:
            self.emit("extsb", R(t, "r", True), R(src))
        elif w == 16:
            self.emit("extsh", R(t, "r", True), R(src))
        else:
            self.emit("lsl", R(t, "r", True), R(src), 32 - w)
            self.emit("asr", R(t, "r", True), R(t), 32 - w)
        return t

    # ---------------------------------------------------------------- driver

    def run(self) -> list[str]:
        f = self.f
        if f.vararg:
            pass  # calls into it are fine; va_start is rejected where it appears
        self.prepare()
        self.lower()
        self.allocate()
        return self.emit_asm()

    def prepare(self) -> None:
        """Copy-propagate no-op casts, find fusable compares, coalesce phis."""
        f = self.f
        self.block_of = {}
        for b in f.blocks:
            for ins in b.insts:
                if ins.name:
                    self.defs[ins.name] = ins
                    self.block_of[ins.name] = b.name
                if ins.op == "alloca" and ins.args[0][0] != "int" or \
                        ins.op == "call" and ins.extra["callee"][1:2] in (
                            ("llvm.stacksave",), ("llvm.stackrestore",),
                            ("llvm.stacksave.p0",), ("llvm.stackrestore.p0",)):
                    self.dynamic_stack()
                if ins.extra.get("unsupported"):
                    raise self.err(f"instruction '{ins.op}'")
        for b in f.blocks:
            for ins in b.insts:
                if not ins.name:
                    continue
                no_op = ins.op in ("bitcast", "freeze", "addrspacecast") or \
                    (ins.op in ("ptrtoint", "inttoptr") and
                     width(ins.ty) == 32 and width(ins.extra.get("from")) == 32) or \
                    (ins.op == "call" and ins.extra["callee"] == ("global", self._expect_name(ins)))
                if no_op and width(ins.ty):
                    self.alias[ins.name] = ins.args[0][1] if ins.op == "call" else ins.args[0]
        # uses
        for b in f.blocks:
            for ins in b.insts:
                for v in self.operands(ins):
                    v = self.resolve(v)
                    if v[0] == "local":
                        self.uses.setdefault(v[1], []).append((b.name, ins))
        # fusable compares: icmp with one use, by a br/select in the same block
        for b in f.blocks:
            for ins in b.insts:
                if ins.op == "icmp" and ins.name:
                    us = self.uses.get(ins.name, [])
                    if len(us) == 1 and us[0][0] == b.name and \
                            ((us[0][1].op == "br" and len(us[0][1].args) == 3) or
                             (us[0][1].op == "select" and self.resolve(us[0][1].args[0]) == ("local", ins.name))):
                        self.fused.add(ins.name)
        self.gepfold = {}
        for b in f.blocks:
            for ins in b.insts:
                if ins.op != "getelementptr" or not ins.name:
                    continue
                try:
                    const, var = self.lay.gep_steps(ins.extra["src"], ins.args[1:])
                except LayoutError:
                    continue
                if var:
                    continue
                me = ("local", ins.name)
                us = self.uses.get(ins.name, [])
                if us and all(not u.extra.get("mram") and (
                        u.op == "load" or (u.op == "store" and self.resolve(u.args[1]) == me
                                           and self.resolve(u.args[0]) != me)) for _, u in us):
                    self.fused.add(ins.name)
                    self.gepfold[ins.name] = const
        self.find_address_folds()
        self.coalesce()

    def find_address_folds(self) -> None:
        """Addressing the DPU does in fewer instructions than the IR says:

        - ``gep p, (shl x, k)`` (byte offsets, as LLVM canonicalises indexing): one
          ``lsl_add d, p, x, k`` when the shift has no other use (``self.shl_fold``);
        - ``load (gep @global, index)``: the scaled index in a register and the global as the
          load's or store's offset (``lw r, index, global``) when every use of the address is
          a WRAM load or store (``self.global_tail``)."""
        self.shl_fold: dict[str, tuple] = {}
        self.global_tail: set[str] = set()
        for b in self.f.blocks:
            for ins in b.insts:
                if ins.op != "getelementptr" or not ins.name or ins.name in self.fused:
                    continue
                try:
                    const, var = self.lay.gep_steps(ins.extra["src"], ins.args[1:])
                except LayoutError:
                    continue
                for scale, iv, k in var:
                    iv = self.resolve(iv)
                    if scale != 1 or iv[0] != "local":
                        continue
                    sd = self.defs.get(iv[1])
                    if sd is None or sd.op != "shl" or width(sd.ty) != 32 or \
                            len(self.uses.get(iv[1], [])) != 1:
                        continue
                    amount = self.resolve(sd.args[1])
                    if amount[0] == "int" and 0 < amount[1] < 32:
                        self.shl_fold[iv[1]] = (sd.args[0], amount[1])
                base = self.resolve(ins.args[0])
                me = ("local", ins.name)
                us = self.uses.get(ins.name, [])
                if var and base[0] == "global" and us and all(
                        not u.extra.get("mram") and (
                            u.op == "load" or (u.op == "store" and self.resolve(u.args[1]) == me
                                               and self.resolve(u.args[0]) != me))
                        for _, u in us):
                    try:
                        s_, off = self.const_val(base, "ptr")
                    except UnsupportedError:
                        continue
                    if s_ is not None:
                        self.global_tail.add(ins.name)

    def _expect_name(self, ins):
        c = ins.extra.get("callee")
        if c and c[0] == "global" and c[1].startswith("llvm.expect"):
            return c[1]
        return None

    def operands(self, ins):
        op = ins.op
        if op == "phi":
            return [v for v, _ in ins.args]
        if op == "call":
            out = [v for _, v in ins.args]
            if ins.extra["callee"][0] != "global":
                out.append(ins.extra["callee"])
            return out
        if op == "br":
            return ins.args[:1] if len(ins.args) == 3 else []
        return list(ins.args)

    # ---- SSA liveness for phi coalescing

    def coalesce(self) -> None:
        f = self.f
        succs = {}
        for b in f.blocks:
            t = b.insts[-1] if b.insts else None
            s = []
            if t is not None:
                if t.op == "br":
                    s = t.args[-1:] if len(t.args) == 1 else t.args[1:]
                elif t.op == "switch":
                    s = [t.extra["default"]] + [l for _, l in t.extra["cases"]]
            succs[b.name] = s
        self.succs = succs
        bmap = {b.name: b for b in f.blocks}
        # per-block upward-exposed uses / defs (phi uses count at the end of the predecessor)
        ue, df = {}, {}
        phi_out = {b.name: set() for b in f.blocks}
        for b in f.blocks:
            for ins in b.insts:
                if ins.op == "phi":
                    for v, lab in ins.args:
                        v = self.resolve(v)
                        if v[0] == "local" and lab in phi_out:
                            phi_out[lab].add(v[1])
        for b in f.blocks:
            u, d = set(), set()
            for ins in b.insts:
                if ins.op != "phi":
                    for v in self.eff_uses(ins):
                        if v not in d:
                            u.add(v)
                if ins.name:
                    d.add(ins.name)
            ue[b.name], df[b.name] = u, d
        live_in = {b.name: set() for b in f.blocks}
        live_out = {b.name: set() for b in f.blocks}
        changed = True
        while changed:
            changed = False
            for b in reversed(f.blocks):
                out = set(phi_out[b.name])
                for s in succs[b.name]:
                    if s in live_in:
                        out |= live_in[s]
                inn = ue[b.name] | (out - df[b.name])
                if out != live_out[b.name] or inn != live_in[b.name]:
                    live_out[b.name], live_in[b.name] = out, inn
                    changed = True
        self.ssa_live_in, self.ssa_live_out = live_in, live_out

        def live_after(x, name):
            """Is x live just after the definition of ``name``?"""
            bname = self.block_of[name]
            b = bmap[bname]
            after = False
            for ins in b.insts:
                if after:
                    if ins.op != "phi" and x in self.eff_uses(ins):
                        return True
                    if ins.name == x:
                        return False
                elif ins.name == name:
                    after = True
            return x in live_out[bname]

        cls: dict[str, str] = {}  # value -> class representative (phi name)
        members: dict[str, list] = {}
        for b in f.blocks:
            for ins in b.insts:
                if ins.op != "phi":
                    continue
                p = ins.name
                members.setdefault(p, [p])
                cls.setdefault(p, p)
                for v, lab in ins.args:
                    v = self.resolve(v)
                    if v[0] != "local" or v[1] in cls:
                        continue
                    x = v[1]
                    d = self.defs.get(x)
                    if d is None or d.op == "phi" or width(d.ty) == 0 and d.ty != "ptr":
                        continue
                    if (width(d.ty) == 64) != (width(ins.ty) == 64):
                        continue
                    ok = True
                    for m_ in members[p]:
                        if m_ == p:
                            if x in live_in[b.name] or live_after(p, x):
                                ok = False
                        elif live_after(m_, x) or live_after(x, m_):
                            ok = False
                        if not ok:
                            break
                    if ok:
                        cls[x] = p
                        members[p].append(x)
        for p, ms in members.items():
            v = self.vreg_of(p, self.defs[p].ty)
            for m_ in ms:
                self.vmap[m_] = v

    def eff_uses(self, ins):
        out = []
        if ins.name in self.fused:
            return out
        for v in self.operands(ins):
            v = self.resolve(v)
            if v[0] == "local":
                out.append(v[1])
                if v[1] in self.fused:
                    for w in self.defs[v[1]].args:
                        w = self.resolve(w)
                        if w[0] == "local":
                            out.append(w[1])
        return out

    # ---------------------------------------------------------------- lowering

    def lower(self) -> None:
        f = self.f
        # pre-create vregs for all values
        for b in f.blocks:
            for ins in b.insts:
                if ins.name and ins.name not in self.alias and ins.name not in self.vmap:
                    if ins.name in self.fused:
                        continue
                    self.vreg_of(ins.name, ins.ty)
                    if ins.op == "call" and isinstance(ins.ty, tuple) and ins.ty[0] == "struct":
                        for k, t in enumerate(ins.ty[1]):  # read by extractvalue (legalize)
                            self.vreg_of(f"{ins.name}\0x{k}", t)
        self.layout_order = [b.name for b in f.blocks]
        entry = MBlock(self.label(f.blocks[0].name) + ".entry")
        self.blocks.append(entry)
        self.cur = entry
        # parameters
        locs, _ = assign_args([t for t, _ in f.params])
        pdefs = []
        for (ty, name), loc in zip(f.params, locs):
            if width(ty) == 0:
                raise self.err(f"parameter type {ty}")
            v = self.vreg_of(name, ty)
            if loc[0] == "reg":
                v.hint = loc[1]
            pdefs.append((v, loc))
        self.emit("entry", kind="entry", data={"defs": [v for v, _ in pdefs], "params": pdefs})
        for (ty, name), _ in zip(f.params, locs):
            if width(ty) < 32:
                self.mask(self.vmap[name], ty)
        # static allocas
        for b in f.blocks:
            for ins in b.insts:
                if ins.op == "alloca":
                    cnt = self.resolve(ins.args[0])
                    if cnt[0] != "int":
                        continue  # a dynamic alloca (a variable-length array): l_alloca
                    s, a = self.lay.size_align(ins.extra["alloc"])
                    a = max(a, ins.extra.get("align") or 1, 4)
                    size = max(s * cnt[1], 1)
                    if a > 8:  # the frame is 8-aligned: room to round the address up
                        size, a = size + a - 8, 8
                    self.slots[("alloca", ins.name)] = (size, a)
        self.emit("jump", self.label(f.blocks[0].name), kind="n", targets=[self.label(f.blocks[0].name)])
        entry.succs = [self.label(f.blocks[0].name)]
        self.edge_blocks = {}
        for b in f.blocks:
            mb = MBlock(self.label(b.name))
            self.blocks.append(mb)
            self.cur = mb
            self.curbb = b
            for ins in b.insts:
                self.srcloc = ins.loc or self.srcloc
                self.lower_inst(ins)
            pending = self.edge_blocks.pop(b.name, [])
            self.blocks += pending

    def edge_target(self, succ: str) -> str:
        """Label to jump to for edge curbb -> succ, with phi moves placed on the edge."""
        moves = self.phi_moves(self.curbb.name, succ)
        if not moves:
            return self.label(succ)
        eb = MBlock(f".L{self.fname}.e{self.nlabel}")
        self.nlabel += 1
        saved = self.cur
        self.cur = eb
        self.emit_pmove(moves)
        self.emit("jump", self.label(succ), targets=[self.label(succ)])
        eb.succs = [self.label(succ)]
        self.cur = saved
        self.edge_blocks.setdefault(self.curbb.name, []).append(eb)
        return eb.label

    def phi_moves(self, pred: str, succ: str):
        sb = next(b for b in self.f.blocks if b.name == succ)
        moves = []
        for ins in sb.insts:
            if ins.op != "phi":
                break
            dst = self.vmap[ins.name]
            for v, lab in ins.args:
                if lab == pred:
                    rv = self.resolve(v)
                    if rv[0] == "undef" or (rv[0] == "local" and self.vmap.get(rv[1]) is dst):
                        break
                    moves.append((dst, v, ins.ty))
                    break
        return moves

    def emit_pmove(self, moves) -> None:
        pm = []
        uses = []
        defs = []
        for dst, v, ty in moves:
            v = self.resolve(v)
            if v[0] == "local":
                src = self.vmap[v[1]]
                if src is dst:
                    continue
                pm.append((dst, ("v", src)))
                uses.append(src)
            elif v[0] == "undef":
                continue
            else:
                s, off = self.const_val(v, ty)
                pm.append((dst, ("c", s, off)))
            defs.append(dst)
        if pm:
            self.emit("pmove", kind="pmove", data={"moves": pm, "uses": uses, "defs": defs})

    def lower_inst(self, ins) -> None:
        op = ins.op
        if ins.name in self.alias:
            return
        types = [ins.ty, ins.extra.get("from"), ins.extra.get("opty")]
        if op == "call":
            types += [t for t, _ in ins.args]
        odd = next((t for t in types if 32 < width(t) < 64), None)
        if odd:  # legalize widens what it can; a value of this width cannot live in memory
            raise self.err(f"'{op}' of a {odd} value")
        if op == "phi":
            return
        h = getattr(self, "l_" + op, None)
        if op == "shl" and ins.name in self.shl_fold:
            return  # done by the lsl_add of the address that uses it
        if op in ("add", "sub", "mul", "udiv", "sdiv", "urem", "srem", "shl", "lshr", "ashr",
                  "and", "or", "xor"):
            w = width(ins.ty)
            if w == 64:
                return self.bin64(ins)
            if w == 0 or w > 32:
                raise self.err(f"{op} on {ins.ty}")
            return self.bin32(ins)
        if h is None:
            raise self.err(f"instruction '{op}'")
        h(ins)

    # ---- arithmetic

    def bin32(self, ins) -> None:
        op, ty = ins.op, ins.ty
        a, b = ins.args
        d = self.vmap[ins.name]
        D = R(d, "r", True)
        w = width(ty)
        if op in ("add", "and", "or", "xor", "mul") and self.is_const(a) and not self.is_const(b):
            a, b = b, a
        bc = self.is_const(b)
        if op == "add":
            self.emit("add", D, R(self.val(a, ty)), self.opnd(b, ty))
        elif op == "sub":
            if self.is_const(a) and not bc:
                self.emit("sub", D, self.opnd(a, ty), R(self.val(b, ty)))
            elif bc and self.imm(b, ty) is not None:
                self.emit("add", D, R(self.val(a, ty)), s32(-self.imm(b, ty)))
            else:
                self.emit("sub", D, R(self.val(a, ty)), R(self.val(b, ty)))
        elif op in ("and", "or", "xor"):
            self.emit(op, D, R(self.val(a, ty)), self.opnd(b, ty))
        elif op in ("shl", "lshr", "ashr"):
            mn = {"shl": "lsl", "lshr": "lsr", "ashr": "asr"}[op]
            src = self.sext_narrow(a, ty) if op == "ashr" else self.val(a, ty)
            if bc and self.imm(b, ty) is not None:
                n = self.imm(b, ty) & 0xFF
                if n >= w:
                    self.emit("move", D, 0)
                    return
                self.emit(mn, D, R(src), n)
            else:
                self.emit(mn, D, R(src), R(self.val(b, ty)))
        elif op == "mul":
            if bc and self.imm(b, ty) is not None:
                self.mul_const(d, self.val(a, ty), self.imm(b, ty))
            else:
                self.rt_call("__mulsi3", [(self.val(a, ty), False), (self.val(b, ty), False)], d)
        elif op in ("udiv", "urem", "sdiv", "srem"):
            c = self.imm(b, ty) if bc else None
            if c is not None:
                cu = c & ((1 << w) - 1)
                if cu and cu & (cu - 1) == 0 and (op[0] == "u" or (cu < (1 << (w - 1)))):
                    k = cu.bit_length() - 1
                    if op == "udiv":
                        self.emit("lsr", D, R(self.val(a, ty)), k) if k else self.emit("move", D, R(self.val(a, ty)))
                        return
                    if op == "urem":
                        self.emit("and", D, R(self.val(a, ty)), cu - 1)
                        return
                    if k == 0:
                        if op == "sdiv":
                            self.emit("move", D, R(self.val(a, ty)))
                        else:
                            self.emit("move", D, 0)
                        return
                    x = self.sext_narrow(a, ty)
                    t = self.new()
                    self.emit("asr", R(t, "r", True), R(x), 31)
                    self.emit("lsr", R(t, "r", True), R(t), 32 - k)
                    self.emit("add", R(t, "r", True), R(t), R(x))
                    if op == "sdiv":
                        self.emit("asr", D, R(t), k)
                    else:
                        self.emit("and", R(t, "r", True), R(t), s32(-(1 << k)))
                        self.emit("sub", D, R(x), R(t))
                    self.mask(d, ty)
                    return
            fn = {"udiv": "__udivsi3", "urem": "__umodsi3", "sdiv": "__divsi3", "srem": "__modsi3"}[op]
            if op[0] == "s":
                x, y = self.sext_narrow(a, ty), self.sext_narrow(b, ty)
            else:
                x, y = self.val(a, ty), self.val(b, ty)
            self.rt_call(fn, [(x, False), (y, False)], d)
            if op[0] == "s":
                self.mask(d, ty)
            return
        if op in ("add", "sub", "mul", "shl", "ashr"):
            self.mask(d, ty)

    def mul_const(self, d: VReg, a: VReg, c: int) -> None:
        """d = a * c with shifts and adds (non-adjacent form), or __mulsi3 when that is long."""
        D = R(d, "r", True)
        c = s32(c)
        neg = c < 0
        m = (-c if neg else c) & M32
        if m == 0:
            self.emit("move", D, 0)
            return
        digits = []  # (sign, shift), ascending
        k, x = 0, m
        while x:
            if x & 1:
                z = 2 - (x & 3)  # +1 or -1
                digits.append((z, k))
                x -= z
            x >>= 1
            k += 1
        if len(digits) > 5:
            cv = self.new()
            self.emit("move", R(cv, "r", True), c)
            self.rt_call("__mulsi3", [(a, False), (cv, False)], d)
            return
        steps = []  # (mnemonic, use_a_as_base, shift)
        rest = list(digits)
        if rest[0] == (1, 0) and len(rest) > 1:
            sg, sh = rest[1]
            steps.append(("lsl_add" if sg > 0 else "lsl_sub", True, sh))
            rest = rest[2:]
        else:
            top = rest.pop()  # the highest NAF digit is always +1
            steps.append(("lsl", False, top[1]) if top[1] else ("move", False, 0))
        for sg, sh in rest:
            steps.append(("lsl_add" if sg > 0 else "lsl_sub", False, sh))
        if neg:
            steps.append(("neg", False, 0))
        tmp = self.new() if d is a else d
        cur = None
        for i, (mn, from_a, sh) in enumerate(steps):
            dst = R(d if i == len(steps) - 1 else tmp, "r", True)
            if mn == "move":
                self.emit("move", dst, R(a))
            elif mn == "lsl":
                self.emit("lsl", dst, R(a), sh)
            elif mn == "neg":
                self.emit("sub", dst, 0, R(cur))
            else:
                self.emit(mn, dst, R(a) if from_a else R(cur), R(a), sh)
            cur = dst.v

    def const64(self, v) -> int | None:
        """The value of a 64-bit integer constant operand (None if not one, or symbolic)."""
        if not self.is_const(v):
            return None
        try:
            s, off = self.const_val(v, "i64")
        except UnsupportedError:  # a constant expression computed at run time
            return None
        return off if s is None else None

    def bin64(self, ins) -> None:
        op, ty = ins.op, ins.ty
        a, b = ins.args
        d = self.vmap[ins.name]
        if op in ("add", "and", "or", "xor", "mul") and self.is_const(a) and not self.is_const(b):
            a, b = b, a
        c = self.const64(b)
        if op in ("add", "sub") and c is not None:
            self.add64_const(d, self.val(a, ty), c if op == "add" else -c & M64)
        elif op in ("and", "or", "xor") and c is not None:
            x = self.val(a, ty)
            for half, k in (("lo", c & M32), ("hi", c >> 32)):
                self.logic_const(op, R(d, half, True), R(x, half), k)
        elif op in ("add", "sub"):
            x, y = self.val(a, ty), self.val(b, ty)
            self.emit(op, R(d, "lo", True), R(x, "lo"), R(y, "lo"))
            self.emit(op + "c", R(d, "hi", True), R(x, "hi"), R(y, "hi"))
        elif op in ("and", "or", "xor"):
            if self.high_is_zero(a):
                a, b = b, a
            x, y = self.val(a, ty), self.val(b, ty)
            self.emit(op, R(d, "lo", True), R(x, "lo"), R(y, "lo"))
            if self.high_is_zero(b):  # (a zero-extended value: its high word is known)
                self.emit("move", R(d, "hi", True), 0 if op == "and" else R(x, "hi"))
            else:
                self.emit(op, R(d, "hi", True), R(x, "hi"), R(y, "hi"))
        elif op == "shl" and c == 1:
            x = self.val(a, ty)
            self.emit("add", R(d, "lo", True), R(x, "lo"), R(x, "lo"))
            self.emit("addc", R(d, "hi", True), R(x, "hi"), R(x, "hi"))
        elif op in ("shl", "lshr", "ashr") and self.is_const(b) and self.imm(b, ty) is not None:
            self.sh64(op, d, self.val(a, ty), self.imm(b, ty) & 63)
        elif op in ("shl", "lshr", "ashr"):
            self.sh64_var(op, d, self.val(a, ty), self.val(b, ty))
        elif op == "mul" and self.is_const(b) and self.imm(b, ty) is not None and \
                self.const_val(b, ty)[1] in (1, 2, 4, 8, 16):
            k = self.const_val(b, ty)[1].bit_length() - 1
            x = self.val(a, ty)
            if k == 0:
                self.emit("move", R(d, "lo", True), R(x, "lo"))
                self.emit("move", R(d, "hi", True), R(x, "hi"))
            else:
                t = self.new()
                self.emit("lsl", R(t, "r", True), R(x, "hi"), k)
                self.emit("lsr_add", R(d, "hi", True), R(t), R(x, "lo"), 32 - k)
                self.emit("lsl", R(d, "lo", True), R(x, "lo"), k)
        else:
            fn = {"mul": "__muldi3", "udiv": "__udivdi3", "sdiv": "__divdi3", "urem": "__umoddi3",
                  "srem": "__moddi3"}[op]
            self.rt_call(fn, [(self.val(a, ty), True), (self.val(b, ty), True)], d)


    def high_is_zero(self, v) -> bool:
        """Whether a 64-bit operand's high word is known to be 0 from its definition."""
        v = self.resolve(v)
        if v[0] != "local":
            return False
        ins = self.defs.get(v[1])
        if ins is None:
            return False
        if ins.op == "zext":
            return width(ins.extra["from"]) <= 32
        if ins.op == "lshr" or ins.op == "and":
            c = self.const64(ins.args[1])
            return c is not None and (c >= 32 if ins.op == "lshr" else c >> 32 == 0)
        return False

    def add64_const(self, d: VReg, x: VReg, c: int) -> None:
        """d = x + c: immediates in place; no carry chain when the low word of c is 0."""
        lo, hi = c & M32, c >> 32
        if lo == 0:
            self.emit("move", R(d, "lo", True), R(x, "lo"))
            if hi:
                self.emit("add", R(d, "hi", True), R(x, "hi"), s32(hi))
            else:
                self.emit("move", R(d, "hi", True), R(x, "hi"))
            return
        self.emit("add", R(d, "lo", True), R(x, "lo"), s32(lo))
        self.emit("addc", R(d, "hi", True), R(x, "hi"), s32(hi))

    def logic_const(self, op: str, dst, src, k: int) -> None:
        """One word of a 64-bit and/or/xor with a constant: identities become moves."""
        if k == 0:
            self.emit("move", dst, 0 if op == "and" else src)
        elif k == M32 and op != "xor":
            self.emit("move", dst, src if op == "and" else -1)
        else:
            self.emit(op, dst, src, s32(k))

    def sh64_var(self, op: str, d: VReg, x: VReg, n: VReg) -> None:
        """d = x shifted by a variable amount (0..63), inline.  A register shift uses six bits
        of its amount, and lslx/lsrx give what a shift moves into the other word, for amounts
        of 32 and more too: lslx lo, n = lo >> (32 - n) when n < 32, lo << (n - 32) when not.
        An arithmetic shift is a logical one between two xors with the sign."""
        amount = R(n, "lo")
        if op == "shl":
            t, u = self.new(), self.new()
            self.emit("lsl", R(t, "r", True), R(x, "hi"), amount)
            self.emit("lslx", R(u, "r", True), R(x, "lo"), amount)
            self.emit("or", R(d, "hi", True), R(t), R(u))
            self.emit("lsl", R(d, "lo", True), R(x, "lo"), amount)
            return
        src = x
        if op == "ashr":
            sign = self.new()
            self.emit("asr", R(sign, "r", True), R(x, "hi"), 31)
            src = self.new(True)
            self.emit("xor", R(src, "lo", True), R(x, "lo"), R(sign))
            self.emit("xor", R(src, "hi", True), R(x, "hi"), R(sign))
            out = self.new(True)
        else:
            out = d
        t, u = self.new(), self.new()
        self.emit("lsr", R(t, "r", True), R(src, "lo"), amount)
        self.emit("lsrx", R(u, "r", True), R(src, "hi"), amount)
        self.emit("or", R(out, "lo", True), R(t), R(u))
        self.emit("lsr", R(out, "hi", True), R(src, "hi"), amount)
        if op == "ashr":
            self.emit("xor", R(d, "lo", True), R(out, "lo"), R(sign))
            self.emit("xor", R(d, "hi", True), R(out, "hi"), R(sign))

    def sh64(self, op: str, d: VReg, x: VReg, n: int) -> None:
        """d = x shifted by the constant n (0..63), inline."""
        if n == 0:
            self.emit("movd", R(d, "d", True), R(x, "d"))
        elif op == "shl":
            if n < 32:
                t = self.new()
                self.emit("lsl", R(t, "r", True), R(x, "hi"), n)
                self.emit("lsr_add", R(d, "hi", True), R(t), R(x, "lo"), 32 - n)
                self.emit("lsl", R(d, "lo", True), R(x, "lo"), n)
            else:
                self.emit("lsl", R(d, "hi", True), R(x, "lo"), n - 32)
                self.emit("move", R(d, "lo", True), 0)
        else:
            mn = "lsr" if op == "lshr" else "asr"
            if n < 32:
                t = self.new()
                self.emit("lsr", R(t, "r", True), R(x, "lo"), n)
                # low = (lo >> n) | (hi << (32 - n))
                self.emit("lsl_add", R(d, "lo", True), R(t), R(x, "hi"), 32 - n)
                self.emit(mn, R(d, "hi", True), R(x, "hi"), n)
            else:
                self.emit(mn, R(d, "lo", True), R(x, "hi"), n - 32)
                if op == "lshr":
                    self.emit("move", R(d, "hi", True), 0)
                else:
                    self.emit("asr", R(d, "hi", True), R(x, "hi"), 31)

    # ---- calls

    def rt_call(self, fn: str, args, dst) -> None:
        tys = ["i64" if w else "i32" for _, w in args]
        self.call_common(fn, None, [v for v, _ in args], tys, None, dst)

    def call_common(self, fn, target, argvs, tys, nfixed, dst) -> None:
        self.has_call = True
        locs, c = assign_args(tys, nfixed)
        self.max_out = max(self.max_out, c)
        for v, loc in zip(argvs, locs):
            if loc[0] == "reg" and v.hint is None:
                v.hint = loc[1]
        uses = list(argvs) + ([target] if target is not None else [])
        data = {"uses": uses, "defs": [dst] if dst is not None else [], "args": list(zip(argvs, locs)),
                "fn": fn, "target": target, "dst": dst}
        if dst is not None and dst.hint is None:
            dst.hint = 0
        self.emit("call", kind="call", data=data)

    def l_call(self, ins) -> None:
        callee = self.resolve(ins.extra["callee"])
        args = ins.args
        if callee[0] == "asm":
            _, text, constraints = callee
            operands = [c for c in constraints.split(",") if c and c not in
                        ("~{memory}", "~{cc}", "~{dirflag}", "~{fpsr}", "~{flags}")]
            if not (args or operands or ins.name):  # basic asm: the text goes out as it is
                self.emit("asm", kind="asm", data={"text": text.replace("$$", "$")})
                return
            return self.inline_asm(ins, text, constraints)
        if callee[0] == "global" and callee[1].startswith("llvm."):
            return self.intrinsic(ins, callee[1])
        if callee[0] == "global" and callee[1].startswith("__builtin_") and \
                callee[1][len("__builtin_"):] in isa.FORM_BY_ID:
            return self.isa_builtin(ins, isa.FORM_BY_ID[callee[1][len("__builtin_"):]])
        fnty = ins.extra.get("fnty")
        nfixed = None
        if callee[0] == "global" and callee[1] in self.mod.functions:
            decl = self.mod.functions[callee[1]]
            if decl.vararg:
                nfixed = len(decl.params)
        elif fnty and fnty[3]:
            nfixed = len(fnty[2])
        if fnty and fnty[3]:
            nfixed = len(fnty[2])
        argvs, tys = [], []
        for ty, v in args:
            if width(ty) == 0 and ty != "ptr":
                raise self.err(f"argument of type {ty}")
            argvs.append(self.val(v, ty))
            tys.append(ty)
        dst = None
        if ins.name:
            if width(ins.ty) == 0:
                raise self.err(f"call returning {ins.ty}")
            dst = self.vmap[ins.name]
        elif ins.ty != "void" and width(ins.ty) == 0:
            raise self.err(f"call returning {ins.ty}")
        if callee[0] == "global":
            self.call_common(sym(callee[1]), None, argvs, tys, nfixed, dst)
        else:
            self.call_common(None, self.val(callee, "ptr"), argvs, tys, nfixed, dst)
        if dst is not None and width(ins.ty) < 32:
            self.mask(dst, ins.ty)

    def inline_asm(self, ins, text: str, constraints: str) -> None:
        """Extended inline assembly: one instruction-like MI whose operands are the asm's, in
        LLVM's order (outputs, then inputs), so allocation and spilling treat it like any
        instruction; the template is filled with the registers at emission.  Outputs never
        share a register with inputs (as if every output were early-clobber); a tied input
        is moved into its output first.  Clobbered caller-saved registers make the asm a
        call point, so nothing live across it, nor its operands, sits in them."""
        cons = constraints.split(",")
        outs = [c for c in cons if c.startswith("=")]
        inputs = [c for c in cons if c and not c.startswith(("=", "~"))]
        clobbers = [c[2:-1] for c in cons if c.startswith("~{")]
        if len(inputs) != len(ins.args):
            raise self.err("inline assembly operands")
        for c in clobbers:
            r = parse_register(c)
            if c in ("memory", "cc") or r is None:
                continue
            if not (r[0] == "r" and r[1] in CALLER_REGS + list(SCRATCH)):
                raise self.err(f"inline assembly clobbering {c} (only r0-r13 may be clobbered)")
        if len(outs) == 1:
            dsts = [self.vmap[ins.name] if ins.name else self.new(width(ins.ty) == 64)]
            out_tys = [ins.ty]
        else:
            out_tys = list(ins.ty[1]) if outs else []
            dsts = [self.vreg_of(f"{ins.name}\0x{k}", t) if ins.name else self.new(width(t) == 64)
                    for k, t in enumerate(out_tys)]
        for c, t in zip(outs, out_tys):
            if c.lstrip("=&") != "r" or width(t) == 0 and t != "ptr":
                raise self.err(f"inline assembly output constraint '{c}'")
        ops = [R(d, "d" if d.wide else "r", True) for d in dsts]
        for c, (ty, v) in zip(inputs, ins.args):
            if c.isdigit():
                d = dsts[int(c)]
                x = self.val(v, ty)
                self.emit("movd" if d.wide else "move", R(d, "d" if d.wide else "r", True),
                          R(x, "d" if d.wide else "r"))
                ops.append(R(d, "d" if d.wide else "r"))
            elif c == "i":
                s, off = self.const_val(v, ty)
                ops.append(addr_text(s, off) if s else s32(off))
            elif c == "r":
                x = self.val(v, ty)
                ops.append(R(x, "d" if x.wide else "r"))
            else:
                raise self.err(f"inline assembly input constraint '{c}'")
        self.emit("asm", *ops, data={"template": text, "clobbers": any(
            parse_register(c) is not None for c in clobbers)})

    def isa_builtin(self, ins, form) -> None:
        """A ``__builtin_<form_id>`` call from the front end: the instruction itself, its
        operands taken from the ISA table (destination, then the call's arguments in order).
        A form that branches returns whether it did (with its destination, as a pair): the
        instruction jumps over the write of 0 into that flag."""
        args = iter(ins.args)
        d = self.vmap.get(ins.name) if ins.name else None
        taken = None
        if form.has_pc:
            pair = isinstance(ins.ty, tuple)
            if ins.name and pair:
                d, taken = (self.vmap[f"{ins.name}\0x{k}"] for k in (0, 1))
            elif ins.name:
                d, taken = None, d
            taken = taken or self.new()
            self.emit("move", R(taken, "r", True), 1)
        ops = []
        for op in form.operands:
            if op.kind == "zero":
                ops.append("zero")
            elif op.role == "pc":
                label = self.fresh_label()
                ops.append(label)
            elif op.kind == "endian":
                _, v = next(args)
                ops.append("!big" if self.imm(v, "i32") else "!little")
            elif op.role in ("rc", "sc", "dc"):
                if d is None:
                    d = self.new(op.kind == "dreg")
                ops.append(R(d, "d" if op.kind == "dreg" else "r", True, op.kind == "sreg"))
            elif op.kind == "kreg":
                _, v = next(args)
                ops.append(isa.CONSTANT_REGISTERS[self.imm(v, "i32")])
            elif op.kind in ("reg", "sreg", "dreg"):
                ty, v = next(args)
                ops.append(R(self.val(v, ty), "d" if op.kind == "dreg" else "r",
                             safe=op.kind == "sreg"))
            elif op.kind == "cond":
                _, v = next(args)
                ops.append(isa.CONDITIONS[self.imm(v, "i32")])
            else:
                ty, v = next(args)
                value = self.imm(v, ty)
                if value is None:
                    raise self.err(f"non-constant operand of {form.id}")
                ops.append(value)
        self.emit(form.mnemonic, *ops)
        if form.has_pc:
            self.emit("move", R(taken, "r", True), 0)
            self.emit("", label, kind="label")

    def float_intrinsic(self, ins, base: str, d, ty) -> None:
        """LLVM's floating-point intrinsics on values that are their IEEE bits (irparse):
        sign manipulations in place, the rest as calls to the math library."""
        wide = width(ty) == 64
        xs = [self.val(v, aty) for aty, v in ins.args]
        if base in ("fabs", "copysign"):
            if wide:
                self.emit("move", R(d, "lo", True), R(xs[0], "lo"))
            src = R(xs[0], "hi" if wide else "r")
            part = "hi" if wide else "r"
            self.emit("and", R(d, part, True), src, 0x7FFFFFFF)
            if base == "copysign":
                t = self.new()
                self.emit("and", R(t, "r", True), R(xs[1], "hi" if wide else "r"), 0x80000000)
                self.emit("or", R(d, part, True), R(d, part), R(t))
            return
        fn = FLOAT_INTRINSICS[base] + ("" if wide else "f")
        self.call_common(fn, None, xs, [ty] * len(xs), None, d)

    def intrinsic(self, ins, name: str) -> None:
        if name.startswith(IGNORED_INTRINSICS):
            return
        base = name.split(".")[1]
        args = ins.args
        d = self.vmap.get(ins.name) if ins.name else None
        ty = ins.ty
        if base == "stacksave":
            if d is not None:
                self.emit("move", R(d, "r", True), "r22")
            return
        if base == "stackrestore":
            self.emit("move", "r22", R(self.val(args[0][1], "ptr")))
            return
        if name.endswith((".f32", ".f64")) and base in FLOAT_INTRINSICS:
            return self.float_intrinsic(ins, base, d, ty)
        if base in ("memcpy", "memmove", "memset"):
            fn = base
            vs = []
            for i, (aty, v) in enumerate(args[:3]):
                if width(aty) == 64:
                    x = self.val(v, aty)
                    t = self.new()
                    self.emit("move", R(t, "r", True), R(x, "lo"))
                    vs.append(t)
                else:
                    vs.append(self.val(v, aty))
            self.call_common(fn, None, vs, ["ptr", "i32", "i32"], None, None)
            return
        if base in ("smin", "smax", "umin", "umax") and width(ty) <= 32:
            signed = base[0] == "s"
            cond = {"smin": "les", "smax": "ges", "umin": "leu", "umax": "geu"}[base]
            yv = self.resolve(args[1][1])
            x = self.sext_narrow(args[0][1], ty) if signed else self.val(args[0][1], ty)
            y = None
            if yv[0] == "int" and width(ty) == 32 and -1024 <= s32(yv[1]) <= 1023:
                yop = s32(yv[1])
                bsrc = yv
            else:
                y = self.sext_narrow(args[1][1], ty) if signed else self.val(args[1][1], ty)
                yop = R(y)
                bsrc = ("local", "\0y")
                self.vmap["\0y"] = y
            self.vmap["\0x"] = x

            def branch(target, invert):
                self.emit("sub", "zero", R(x), yop, INVERSE[cond] if invert else cond, target)
            self.select_into(d, ty, ("local", "\0x"), bsrc, branch, [x, y])
            self.mask(d, ty)
            return
        if base == "abs" and width(ty) <= 32:
            x = self.sext_narrow(args[0][1], ty)
            lab = self.fresh_label()
            self.emit("move", R(d, "r", True), R(x))
            self.emit("sub", "zero", R(x), 0, "ges", lab)
            self.emit("sub", R(d, "r", True), 0, R(x))
            self.emit("", lab, kind="label")
            self.mask(d, ty)
            return
        if base == "ctpop" and width(ty) <= 32:
            self.emit("cao", R(d, "r", True), R(self.val(args[0][1], ty)))
            return
        if base == "ctpop" and width(ty) == 64:
            x = self.val(args[0][1], ty)
            t = self.new()
            self.emit("cao", R(t, "r", True), R(x, "hi"))
            self.emit("cao", R(d, "lo", True), R(x, "lo"))
            self.emit("add", R(d, "lo", True), R(d, "lo"), R(t))
            self.emit("move", R(d, "hi", True), 0)
            return
        if base == "ctlz" and width(ty) <= 32:
            w = width(ty)
            self.emit("clz", R(d, "r", True), R(self.val(args[0][1], ty)))
            if w < 32:
                self.emit("add", R(d, "r", True), R(d), w - 32)
            return
        if base == "cttz" and width(ty) <= 32:
            w = width(ty)
            x = self.val(args[0][1], ty)
            t = self.new()
            if w < 32:
                self.emit("or", R(t, "r", True), R(x), 1 << w)
                x = t
                t = self.new()
            self.emit("sub", R(t, "r", True), 0, R(x))
            self.emit("and", R(t, "r", True), R(t), R(x))
            self.emit("add", R(t, "r", True), R(t), -1)
            self.emit("cao", R(d, "r", True), R(t))
            return
        if base == "bswap" and width(ty) in (16, 32, 64):
            if width(ty) == 64:
                x = self.val(args[0][1], ty)
                self.bswap32(R(d, "hi", True), R(x, "lo"))
                self.bswap32(R(d, "lo", True), R(x, "hi"))
            elif width(ty) == 32:
                self.bswap32(R(d, "r", True), R(self.val(args[0][1], ty)))
            else:
                x = self.val(args[0][1], ty)
                t = self.new()
                self.emit("lsr", R(t, "r", True), R(x), 8)
                self.emit("and", R(d, "r", True), R(x), 255)
                self.emit("lsl_add", R(d, "r", True), R(t), R(d), 8)
            return
        if base in ("fshl", "fshr") and width(ty) == 32:
            a, b, c = (v for _, v in args)
            w = 32
            if self.is_const(c) and self.imm(c, ty) is not None:
                n = self.imm(c, ty) % w
                if base == "fshr":
                    n = (w - n) % w
                x, y = self.val(a, ty), self.val(b, ty)
                if n == 0:
                    self.emit("move", R(d, "r", True), R(x))
                    return
                t = self.new()
                self.emit("lsr", R(t, "r", True), R(y), w - n)
                self.emit("lsl_add", R(d, "r", True), R(t), R(x), n)
                return
            if self.resolve(a) == self.resolve(b):
                self.emit("rol" if base == "fshl" else "ror", R(d, "r", True),
                          R(self.val(a, ty)), R(self.val(c, ty)))
                return
            # Variable amount n = c mod 32: the `x` shifts give the bits a shift moves out of
            # a word, 0 when n = 0 (ISA.md), which is what the other operand contributes.
            x, y = self.val(a, ty), self.val(b, ty)
            n, t = self.new(), self.new()
            self.emit("and", R(n, "r", True), R(self.val(c, ty)), 31)
            if base == "fshl":   # (x << n) | (y >> (32 - n))
                self.emit("lslx", R(t, "r", True), R(y), R(n))
                self.emit("lsl", R(d, "r", True), R(x), R(n))
            else:                # (y >> n) | (x << (32 - n))
                self.emit("lsrx", R(t, "r", True), R(x), R(n))
                self.emit("lsr", R(d, "r", True), R(y), R(n))
            self.emit("or", R(d, "r", True), R(d), R(t))
            return
        if base in ("fshl", "fshr") and width(ty) == 64:
            a, b, c = (v for _, v in args)
            if not (self.is_const(c) and self.imm(c, ty) is not None):
                raise self.err(f"intrinsic {name} with a variable shift")
            n = self.const_val(c, ty)[1] % 64
            if base == "fshr":
                n = (64 - n) % 64
            x, y = self.val(a, ty), self.val(b, ty)
            if n == 0:
                self.emit("movd", R(d, "d", True), R(x, "d"))
                return
            t1, t2 = self.new(True), self.new(True)
            self.sh64("shl", t1, x, n)
            self.sh64("lshr", t2, y, 64 - n)
            self.emit("or", R(d, "lo", True), R(t1, "lo"), R(t2, "lo"))
            self.emit("or", R(d, "hi", True), R(t1, "hi"), R(t2, "hi"))
            return
        if base in ("smin", "smax", "umin", "umax", "abs") and width(ty) == 64:
            x = self.val(args[0][1], ty)
            if base == "abs":
                zero = self.new(True)
                self.emit("move.s", R(zero, "d", True), 0)
                neg = self.new(True)
                self.emit("sub", R(neg, "lo", True), 0, R(x, "lo"))
                self.emit("subc", R(neg, "hi", True), 0, R(x, "hi"))
                pred, other, vals = "slt", zero, (neg, x)
            else:
                other = self.val(args[1][1], ty)
                pred = {"smin": "slt", "smax": "sgt", "umin": "ult", "umax": "ugt"}[base]
                vals = (x, other)
            self.vmap["\0a"], self.vmap["\0b"] = vals
            cmpx, cmpy = ("\0cx", "\0cy")
            self.vmap[cmpx], self.vmap[cmpy] = x, other
            fake = irparse.Inst("icmp", None, "i1", [("local", cmpx), ("local", cmpy)],
                                {"pred": pred, "opty": "i64"})

            def branch(target, invert):
                ins2 = irparse.Inst("icmp", None, "i1", fake.args,
                                    {"pred": _inv_pred(pred) if invert else pred, "opty": "i64"})
                self.cmp64(ins2, None, target)
            self.select_into(d, ty, ("local", "\0a"), ("local", "\0b"), branch, [x, other])
            return
        if base == "va_start":
            # va_list = address just above the next variadic slot (slots go downward, see the
            # module docstring): the frame base minus the cursor after the fixed arguments
            _, c = assign_args([t for t, _ in self.f.params])
            t = self.new()
            self.emit("add", R(t, "r", True), self.fbase, Frame(None, -c))
            pbase, poff = self.address(args[0][1])
            self.emit("sw", pbase, poff, R(t))
            return
        if base == "va_end":
            return
        if base == "va_copy":
            db, do = self.address(args[0][1])
            sb, so = self.address(args[1][1])
            t = self.new()
            self.emit("lw", R(t, "r", True), sb, so)
            self.emit("sw", db, do, R(t))
            return
        if base in ("ctlz", "cttz") and width(ty) == 64:
            x = self.val(args[0][1], ty)
            first, second = ("hi", "lo") if base == "ctlz" else ("lo", "hi")
            t = self.new(True)
            lab = self.fresh_label()
            self.emit("move", R(t, "hi", True), 0)

            def count(dst, src):
                if base == "ctlz":
                    self.emit("clz", dst, src)
                else:
                    u = self.new()
                    self.emit("sub", R(u, "r", True), 0, src)
                    self.emit("and", R(u, "r", True), R(u), src)
                    self.emit("add", R(u, "r", True), R(u), -1)
                    self.emit("cao", dst, R(u))
            count(R(t, "lo", True), R(x, first))
            self.emit("sub", "zero", R(x, first), 0, "nz", lab)
            u2 = self.new()
            count(R(u2, "r", True), R(x, second))
            self.emit("add", R(t, "lo", True), R(u2), 32)
            self.emit("", lab, kind="label")
            self.emit("movd", R(d, "d", True), R(t, "d"))
            return
        if base == "expect":
            self.emit("move", R(d, "r", True) if not d.wide else R(d, "d", True),
                      R(self.val(args[0][1], ty)) if not d.wide else R(self.val(args[0][1], ty), "d"))
            return
        if base in ("trap", "ubsantrap"):
            self.emit("fault", 4)
            return
        if base in ("smin", "smax", "umin", "umax", "abs") and width(ty) == 64:
            raise self.err(f"intrinsic {name}")
        raise self.err(f"intrinsic {name}")

    def bswap32(self, D, X) -> None:
        t1, t2, t3 = self.new(), self.new(), self.new()
        self.emit("lsl", R(t1, "r", True), X, 24)
        self.emit("lsr_add", R(t1, "r", True), R(t1), X, 24)
        self.emit("and", R(t2, "r", True), X, 0xFF00)
        self.emit("lsl_add", R(t1, "r", True), R(t1), R(t2), 8)
        self.emit("lsr", R(t3, "r", True), X, 8)
        self.emit("and", R(t3, "r", True), R(t3), 0xFF00)
        self.emit("add", D, R(t1), R(t3))

    # ---- compare / select / branches

    def cmp_operands(self, ins):
        """(pred, a_vreg, b_operand) normalised for 32-bit compares (narrow signed: sext)."""
        pred = ins.extra["pred"]
        a, b = ins.args
        ty = ins.extra["opty"]
        if self.is_const(a) and not self.is_const(b):
            a, b = b, a
            pred = SWAP[pred]
        signed = pred[0] == "s"
        if signed and width(ty) < 32:
            x = self.sext_narrow(a, ty)
            if self.is_const(b) and self.imm(b, ty) is not None:
                w = width(ty)
                c = self.const_val(b, ty)[1]
                c = c - (1 << w) if c >> (w - 1) else c
                return pred, x, c
            return pred, x, R(self.sext_narrow(b, ty))
        return pred, self.val(a, ty), self.opnd(b, ty)

    def cmp64(self, ins, dst_or_zero, target=None):
        """Emit a 64-bit comparison; set form into dst or branch to target. Returns the MI."""
        pred = ins.extra["pred"]
        a, b = ins.args
        ty = ins.extra["opty"]
        if pred in ("slt", "sge"):
            a, b = b, a
            pred = SWAP[pred]
        x, y = self.val(a, ty), self.val(b, ty)
        cond = {"eq": "xz", "ne": "xnz", "ult": "nc", "uge": "c", "ule": "xleu", "ugt": "xgtu",
                "sle": "xles", "sgt": "xgts"}[pred]
        self.emit("sub", "zero", R(x, "lo"), R(y, "lo"))
        if target is None:
            return self.emit("subc", dst_or_zero, R(x, "hi"), R(y, "hi"), cond)
        return self.emit("subc", "zero", R(x, "hi"), R(y, "hi"), cond, target, targets=[target], cc=3)

    def cond_branch(self, cname: str, target: str, invert: bool = False) -> MI:
        """Branch to target when the (fused) icmp ``cname`` holds (or not, with invert)."""
        ins = self.defs[cname]
        if width(ins.extra["opty"]) == 64:
            if invert:
                ins = irparse.Inst("icmp", None, "i1", ins.args,
                                   {"pred": _inv_pred(ins.extra["pred"]), "opty": ins.extra["opty"]})
            return self.cmp64(ins, None, target)
        pred, x, y = self.cmp_operands(ins)
        if invert:
            pred = _inv_pred(pred)
        cond = PRED32[pred]
        if isinstance(y, int) and not -1024 <= y <= 1023 or isinstance(y, str):
            t = self.new()
            self.emit("move", R(t, "r", True), y)
            y = R(t)
        if y == 0 and cond in ("eq", "neq"):
            return self.emit("sub", "zero", R(x), 0, "z" if cond == "eq" else "nz", target,
                             targets=[target], cc=3)
        return self.emit("sub", "zero", R(x), y, cond, target, targets=[target], cc=3)

    def l_icmp(self, ins) -> None:
        if ins.name in self.fused:
            return
        d = self.vmap[ins.name]
        if width(ins.extra["opty"]) == 64:
            self.cmp64(ins, R(d, "r", True))
            return
        pred, x, y = self.cmp_operands(ins)
        cond = PRED32[pred]
        if isinstance(y, int) and not -(1 << 23) <= y < (1 << 23) or isinstance(y, str):
            t = self.new()
            self.emit("move", R(t, "r", True), y)
            y = R(t)
        self.emit("sub", R(d, "r", True), R(x), y, cond)

    def select_into(self, d: VReg, ty, a, b, branch, cmp_vregs) -> None:
        """d = cond ? a : b, where ``branch(target, invert)`` jumps when cond (or not) holds.

        The value written first must not clobber a value read later: when d already holds a
        or b (coalesced), only the other is moved; when d is a compare operand, a temporary is used.
        """
        wide = width(ty) == 64

        def vreg_of_opnd(x):
            x = self.resolve(x)
            return self.vmap.get(x[1]) if x[0] == "local" else None

        def mv(dst, src):
            c = self.const64(src) if wide else None
            if c is not None:  # a constant goes straight in, not through a register pair
                self.emit("move", R(dst, "lo", True), s32(c & M32))
                self.emit("move", R(dst, "hi", True), s32(c >> 32))
            elif wide:
                x = self.val(src, ty)
                self.emit("move", R(dst, "lo", True), R(x, "lo"))
                self.emit("move", R(dst, "hi", True), R(x, "hi"))
            else:
                self.emit("move", R(dst, "r", True), self.opnd(src, ty))

        lab = self.fresh_label()
        va, vb = vreg_of_opnd(a), vreg_of_opnd(b)
        if vb is d:
            branch(lab, True)
            mv(d, a)
        elif va is d:
            branch(lab, False)
            mv(d, b)
        elif d in cmp_vregs:
            t = self.new(wide)
            mv(t, a)
            branch(lab, False)
            mv(t, b)
            self.emit("", lab, kind="label")
            if wide:
                self.emit("movd", R(d, "d", True), R(t, "d"))
            else:
                self.emit("move", R(d, "r", True), R(t))
            return
        else:
            mv(d, a)
            branch(lab, False)
            mv(d, b)
        self.emit("", lab, kind="label")

    def l_select(self, ins) -> None:
        c, a, b = ins.args
        ty = ins.ty
        d = self.vmap[ins.name]
        c = self.resolve(c)
        if c[0] == "int":
            src = a if c[1] else b
            if width(ty) == 64:
                x = self.val(src, ty)
                self.emit("movd", R(d, "d", True), R(x, "d"))
            else:
                self.emit("move", R(d, "r", True), self.opnd(src, ty))
            return
        if c[0] == "local" and c[1] in self.fused:
            cmp_vregs = [self.vmap.get(self.resolve(x)[1]) for x in self.defs[c[1]].args
                         if self.resolve(x)[0] == "local"]

            def branch(target, invert):
                self.cond_branch(c[1], target, invert)
        else:
            cv = self.val(c, "i1")
            cmp_vregs = [cv]

            def branch(target, invert):
                self.emit("sub", "zero", R(cv), 0, "z" if invert else "nz", target)
        self.select_into(d, ty, a, b, branch, cmp_vregs)

    def l_br(self, ins) -> None:
        if len(ins.args) == 1:
            succ = ins.args[0]
            self.emit_pmove_edge(succ)
            self.emit("jump", self.label(succ), targets=[self.label(succ)])
            self.cur.succs.append(self.label(succ))
            return
        c, t, e = ins.args
        c = self.resolve(c)
        if c[0] == "int":
            return self.l_br(irparse.Inst("br", args=[t if c[1] else e]))
        lt = self.edge_target(t)
        le = self.edge_target(e)
        if c[0] == "local" and c[1] in self.fused:
            if not self.fuse_into_alu(c[1], lt):
                self.cond_branch(c[1], lt)
        else:
            self.emit("sub", "zero", R(self.val(c, "i1")), 0, "nz", lt, targets=[lt], cc=3)
        self.emit("jump", le, targets=[le])
        self.cur.succs += [lt, le]

    _ALU_BRANCH = frozenset({"add", "addc", "sub", "subc", "and", "or", "xor", "lsl", "lsr", "asr",
                   "rol", "ror"})

    def fuse_into_alu(self, cname: str, target: str) -> bool:
        """Branch with the ALU instruction that computed x, for ``x ==/!= 0``, ``x < 0``…"""
        ic = self.defs[cname]
        if width(ic.extra["opty"]) != 32 or not self.cur.insts:
            return False
        pred = ic.extra["pred"]
        a, b = (self.resolve(x) for x in ic.args)
        if a[0] != "local":
            a, b = b, a
            pred = SWAP[pred]
        if a[0] != "local" or b[0] != "int":
            return False
        k = s32(b[1])
        cond = {("eq", 0): "z", ("ne", 0): "nz", ("slt", 0): "mi", ("sge", 0): "pl",
                ("sgt", -1): "pl", ("sle", -1): "mi"}.get((pred, k))
        if cond is None:
            return False
        last = self.cur.insts[-1]
        if last.kind != "n" or last.op not in self._ALU_BRANCH or len(last.ops) != 3 \
                or last.targets or not isinstance(last.ops[0], R) or not last.ops[0].d \
                or last.ops[0].part != "r" or last.ops[0].v is not self.vmap.get(a[1]):
            return False
        shift = last.op in ("lsl", "lsr", "asr", "rol", "ror")
        for o in last.ops[1:]:
            if isinstance(o, str) and o not in ("zero", "one", "lneg", "mneg", "r22"):
                return False
            if isinstance(o, int) and not shift and not -128 <= o <= 127:
                return False
            if isinstance(o, Frame):
                return False
        last.ops += [cond, target]
        last.targets = [target]
        last.cc = 3
        return True

    def emit_pmove_edge(self, succ: str) -> None:
        moves = self.phi_moves(self.curbb.name, succ)
        if moves:
            self.emit_pmove(moves)

    def l_switch(self, ins) -> None:
        ty = ins.ty
        if width(ty) == 64:
            x = self.val(ins.args[0], ty)
            for cv, lab in ins.extra["cases"]:
                tgt = self.edge_target(lab)
                c = self.const_val(cv, ty)[1]
                nxt = self.fresh_label()
                for half, val, cond, to in (("lo", s32(c), "neq", nxt), ("hi", s32(c >> 32), "eq", tgt)):
                    if -1024 <= val <= 1023:
                        op = val
                    else:
                        t = self.new()
                        self.emit("move", R(t, "r", True), val)
                        op = R(t)
                    self.emit("sub", "zero", R(x, half), op, cond, to,
                              targets=[to] if to == tgt else [])
                self.emit("", nxt, kind="label")
                self.cur.succs.append(tgt)
            dl = self.edge_target(ins.extra["default"])
            self.emit("jump", dl, targets=[dl])
            self.cur.succs.append(dl)
            return
        x = self.val(ins.args[0], ty)
        if self.jump_table(ins, x, ty):
            return
        for cv, lab in ins.extra["cases"]:
            tgt = self.edge_target(lab)
            c = self.const_val(cv, ty)[1]
            c = s32(c)
            if -1024 <= c <= 1023:
                self.emit("sub", "zero", R(x), c, "eq", tgt, targets=[tgt], cc=3)
            else:
                t = self.new()
                self.emit("move", R(t, "r", True), c)
                self.emit("sub", "zero", R(x), R(t), "eq", tgt, targets=[tgt], cc=3)
            self.cur.succs.append(tgt)
        dl = self.edge_target(ins.extra["default"])
        self.emit("jump", dl, targets=[dl])
        self.cur.succs.append(dl)

    def jump_table(self, ins, x, ty) -> bool:
        """A dense switch as an indirect jump into a table of jumps: five instructions
        whatever the case, instead of a compare per case.  Values are compared unsigned
        from the smallest case, so one check sends everything out of range to the default."""
        w = width(ty)
        cases = {self.const_val(cv, ty)[1] & ((1 << w) - 1): lab for cv, lab in ins.extra["cases"]}
        if len(cases) < JUMP_TABLE_MIN_CASES:
            return False
        signed = {s32(c) if w == 32 else c - ((c >> (w - 1)) << w) for c in cases}
        unsigned = set(cases)
        keys = min((unsigned, signed), key=lambda k: max(k) - min(k))
        lo, span = min(keys), max(keys) - min(keys) + 1
        if span > JUMP_TABLE_MAX_SPAN or span > JUMP_TABLE_DENSITY * len(cases):
            return False
        by_key = {k: cases[k & ((1 << w) - 1)] for k in keys}
        dl = self.edge_target(ins.extra["default"])
        labels = [self.edge_target(by_key[lo + i]) if lo + i in by_key else dl
                  for i in range(span)]
        if keys is signed and w < 32:  # narrow values are held zero-extended
            t = self.sext_narrow(ins.args[0], ty)
            x = t
        idx = x
        if lo:
            idx = self.new()
            self.emit("add", R(idx, "r", True), R(x), s32(-lo))
        self.emit("sub", "zero", R(idx), span - 1, "gtu", dl, targets=[dl], cc=3)
        table = self.fresh_label()
        tgt = self.new()
        self.emit("add", R(tgt, "r", True), R(idx), table)
        distinct = list(dict.fromkeys(labels + [dl]))
        self.emit("jump", R(tgt), targets=distinct)
        self.emit("asm", kind="asm", data={"text": "\n".join(
            [f"{table}:"] + [f"jump {lab}" for lab in labels])})
        self.cur.succs.extend(distinct)
        return True

    def l_ret(self, ins) -> None:
        uses = []
        if ins.args:
            v = self.val(ins.args[0], ins.ty)
            v.hint = v.hint if v.hint is not None else 0
            uses = [v]
        self.emit("ret", kind="ret", data={"uses": uses})

    def l_va_arg(self, ins) -> None:
        """``va_arg``: the slot below the va_list pointer, aligned to its size; the pointer moves down."""
        d = self.vmap[ins.name]
        ty = ins.ty
        size = 8 if width(ty) == 64 else 4
        if width(ty) == 0 and ty != "ptr":
            raise self.err(f"va_arg of {ty}")
        pbase, poff = self.address(ins.args[0])
        p = self.new()
        self.emit("lw", R(p, "r", True), pbase, poff)
        q = self.new()
        self.emit("add", R(q, "r", True), R(p), -size)
        self.emit("and", R(q, "r", True), R(q), -size)
        self.emit("sw", pbase, poff, R(q))
        if size == 8:
            self.emit("ld", R(d, "d", True), R(q), 0)
        else:
            self.emit("lw", R(d, "r", True), R(q), 0)
            self.mask(d, ty)

    def l_unreachable(self, ins) -> None:
        self.emit("fault", 4)

    # ---- memory

    def address(self, p):
        """(base operand, offset text/int) for a pointer operand."""
        p = self.resolve(p)
        if p[0] == "local":
            d = self.defs.get(p[1])
            if self.is_slot(d):
                return self.fbase, Frame(("alloca", p[1]))
            if p[1] in self.gepfold:
                base, off = self.address(d.args[0])
                return self.fit_offset(base, _add_off(off, self.gepfold[p[1]]))
            if p[1] in self.global_tail:  # the scaled index; the global is the offset
                s_, off = self.const_val(d.args[0], "ptr")
                const, _ = self.lay.gep_steps(d.extra["src"], d.args[1:])
                return R(self.vmap[p[1]]), addr_text(s_, off + const)
            return R(self.vmap[p[1]]), 0
        s, off = self.const_val(p, "ptr")
        if s is None:
            return self.fit_offset("zero", s32(off))
        return "zero", addr_text(s, off)

    def fit_offset(self, base, off):
        """A load/store address whose constant offset is outside the instructions' 24 bits
        (an absolute address like 0x7fffffff): base + offset computed into a register."""
        if not isinstance(off, int) or -(1 << 23) <= off < (1 << 23):
            return base, off
        t = self.new()
        if base == "zero":
            self.emit("move", R(t, "r", True), off)
        else:
            self.emit("add", R(t, "r", True), base, off)
        return R(t), 0

    def load32(self, D, base, off, size: int, align: int) -> None:
        """D (a 32-bit register operand) <- zero-extended ``size`` bytes, ``align``-aligned."""
        mn = {1: "lbu", 2: "lhu", 4: "lw"}
        if align >= size:
            self.emit(mn[size], D, base, off)
            return
        piece = max(align, 1)
        acc = self.new()
        self.emit(mn[piece], R(acc, "r", True), base, off)
        for k in range(piece, size, piece):
            t = self.new()
            self.emit(mn[piece], R(t, "r", True), base, _add_off(off, k))
            last = k + piece >= size
            nxt = D if last else R(self.new(), "r", True)
            self.emit("lsl_add", nxt, R(acc), R(t), 8 * k)
            acc = nxt.v
        return

    def store32(self, X, base, off, size: int, align: int) -> None:
        mn = {1: "sb", 2: "sh", 4: "sw"}
        if align >= size:
            self.emit(mn[size], base, off, X)
            return
        piece = max(align, 1)
        self.emit(mn[piece], base, off, X)
        for k in range(piece, size, piece):
            t = self.new()
            self.emit("lsr", R(t, "r", True), X, 8 * k)
            self.emit(mn[piece], base, _add_off(off, k), R(t))

    def mram_access(self, ins) -> None:
        """A load or store through a ``__mram_ptr`` (address space 255): MRAM is reachable only
        by DMA, so the runtime moves the value through a small WRAM buffer."""
        w = width(ins.ty)
        if w not in (1, 8, 16, 32, 64):
            raise self.err(f"MRAM access of {ins.ty}")
        size = 64 if w == 64 else max(w, 8)
        if ins.op == "load":
            d = self.vmap[ins.name]
            self.rt_call(f"__mram_load{size}", [(self.val(ins.args[0], "ptr"), False)], d)
            if w == 1:
                self.mask(d, ins.ty)
        else:
            v, p = ins.args
            self.rt_call(f"__mram_store{size}", [(self.val(p, "ptr"), False),
                                                 (self.val(v, ins.ty), w == 64)], None)

    def l_load(self, ins) -> None:
        if ins.extra.get("mram"):
            return self.mram_access(ins)
        ty = ins.ty
        d = self.vmap[ins.name]
        base, off = self.address(ins.args[0])
        w = width(ty)
        align = ins.extra.get("align") or 8
        if w == 64:
            if align >= 8:
                self.emit("ld", R(d, "d", True), base, off)
            else:
                self.load32(R(d, "lo", True), base, off, 4, align)
                self.load32(R(d, "hi", True), base, _add_off(off, 4), 4, align)
        elif w in (1, 8, 16, 32):
            self.load32(R(d, "r", True), base, off, max(w, 8) // 8, align)
        else:
            raise self.err(f"load of {ty}")
        if w == 1:
            self.mask(d, ty)

    def l_store(self, ins) -> None:
        if ins.extra.get("mram"):
            return self.mram_access(ins)
        v, p = ins.args
        ty = ins.ty
        w = width(ty)
        base, off = self.address(p)
        align = ins.extra.get("align") or 8
        if w == 64:
            x = self.val(v, ty)
            if align >= 8:
                self.emit("sd", base, off, R(x, "d"))
            else:
                self.store32(R(x, "lo"), base, off, 4, align)
                self.store32(R(x, "hi"), base, _add_off(off, 4), 4, align)
            return
        if w not in (1, 8, 16, 32):
            raise self.err(f"store of {ty}")
        size = max(w, 8) // 8
        vv = self.resolve(v)
        if vv[0] in ("int", "null", "zero") and self.const_val(vv, ty)[1] == 0:
            self.store32("zero", base, off, size, align)
        else:
            self.store32(R(self.val(v, ty)), base, off, size, align)

    def dynamic_stack(self) -> None:
        """This function moves r22 at run time: it gets a frame, and FP_REG (callee-saved,
        out of allocation here) keeps the frame's base for its slots and the epilogue."""
        self.fbase = f"r{FP_REG}"
        self.has_call = True
        self.max_out = max(self.max_out, 8)

    def dynamic_alloca(self, ins, d: VReg) -> None:
        """A block of count x element size bytes at r22, which then moves past it and past a
        new outgoing-argument area; the frame's saved d22 is copied to the new top, so that
        [r22 - 8, r22) always holds it (stack walkers rely on it)."""
        size, _ = self.lay.size_align(ins.extra["alloc"])
        cty = ins.extra.get("countty", "i32")
        n = self.val(ins.args[0], cty)
        count = R(n, "lo") if width(cty) == 64 else R(n)
        t = self.new()
        if size & (size - 1) == 0:
            self.emit("lsl", R(t, "r", True), count, size.bit_length() - 1)
        else:
            c = self.new()
            self.emit("move", R(c, "r", True), count)
            self.mul_const(t, c, size)
        self.emit("add", R(t, "r", True), R(t), 7)
        self.emit("and", R(t, "r", True), R(t), -8)
        self.emit("move", R(d, "r", True), "r22")
        self.emit("add", "r22", "r22", R(t))
        self.emit("add", "r22", "r22", OutArea())
        saved = self.new(True)
        self.emit("ld", R(saved, "d", True), self.fbase, -8)
        self.emit("sd", "r22", -8, R(saved, "d"))

    def is_slot(self, ins) -> bool:
        """Whether an IR value is an alloca of constant size and at most the stack's alignment
        (8): a frame slot, addressed at a constant offset."""
        return ins is not None and ins.op == "alloca" and \
            self.resolve(ins.args[0])[0] == "int" and (ins.extra.get("align") or 1) <= 8

    def l_alloca(self, ins) -> None:
        d = self.vmap[ins.name]
        if self.resolve(ins.args[0])[0] != "int":
            return self.dynamic_alloca(ins, d)
        a = ins.extra.get("align") or 1
        if a > 8:  # over-aligned: the slot's address rounded up (the slot has the room)
            self.emit("add", R(d, "r", True), self.fbase, Frame(("alloca", ins.name), a - 8))
            self.emit("and", R(d, "r", True), R(d), -a)
            return
        uses = self.uses.get(ins.name, [])
        me = ("local", ins.name)
        if all(u.op in ("load",) or (u.op == "getelementptr" and self.resolve(u.args[0]) == me
                                      and me not in [self.resolve(a) for a in u.args[1:]]) or (u.op == "store" and self.resolve(u.args[1]) == ("local", ins.name)
                                      and self.resolve(u.args[0]) != ("local", ins.name))
               for _, u in uses):
            return  # only used as a load/store address: folded
        self.emit("add", R(d, "r", True), self.fbase, Frame(("alloca", ins.name)))

    def l_getelementptr(self, ins) -> None:
        if ins.name in self.fused:
            return
        d = self.vmap[ins.name]
        idx = ins.args[1:]
        const, var = self.lay.gep_steps(ins.extra["src"], idx)
        base = self.resolve(ins.args[0])
        cur = None  # None: the base is the constant ``tail`` (added at the end)
        tail = None
        if base[0] == "local":
            bd = self.defs.get(base[1])
            if self.is_slot(bd):
                if not var:
                    self.emit("add", R(d, "r", True), self.fbase, Frame(("alloca", base[1]), const))
                    return
                cur = self.new()
                self.emit("add", R(cur, "r", True), self.fbase, Frame(("alloca", base[1])))
            else:
                cur = self.vmap[base[1]]
        else:
            s, off = self.const_val(base, "ptr")
            tail = addr_text(s, off + const) if s else s32(off + const)
            const = 0
            if not var:
                self.emit("move", R(d, "r", True), tail)
                return
        keep_tail = ins.name in self.global_tail  # the loads and stores add the global
        for n_, (scale, iv, k) in enumerate(var):
            last = n_ == len(var) - 1 and not const and (tail is None or keep_tail)
            ity = ins.extra["idxty"][k]
            riv = self.resolve(iv)
            if riv[0] == "local" and riv[1] in self.shl_fold:
                src, amount = self.shl_fold[riv[1]]
                x, part = self.val(src, "i32"), "r"
                scale = 1 << amount
            elif width(ity) < 32:
                x, part = self.sext_narrow(iv, ity), "r"
            else:
                x, part = self.val(iv, ity), ("lo" if width(ity) == 64 else "r")
            scale &= M32
            t = d if last else self.new()
            pow2 = scale and scale & (scale - 1) == 0
            if cur is not None and pow2:
                self.emit("lsl_add", R(t, "r", True), R(cur), R(x, part), scale.bit_length() - 1)
            else:
                if part != "r":
                    xx = self.new()
                    self.emit("move", R(xx, "r", True), R(x, part))
                    x = xx
                if cur is None:
                    self.mul_const(t, x, s32(scale))
                else:
                    m = self.new()
                    self.mul_const(m, x, s32(scale))
                    self.emit("add", R(t, "r", True), R(cur), R(m))
            cur = t
        if tail is not None and keep_tail:
            if cur is not d:
                self.emit("move", R(d, "r", True), R(cur))
        elif tail is not None:
            self.emit("add", R(d, "r", True), R(cur), tail)
        elif const:
            self.emit("add", R(d, "r", True), R(cur), s32(const))
        elif cur is not d:
            self.emit("move", R(d, "r", True), R(cur))

    # ---- casts

    def l_trunc(self, ins) -> None:
        d = self.vmap[ins.name]
        st = ins.extra["from"]
        x = self.val(ins.args[0], st)
        w = width(ins.ty)
        src = R(x, "lo") if width(st) == 64 else R(x)
        if w < 32:
            self.emit("and", R(d, "r", True), src, (1 << w) - 1)
        else:
            self.emit("move", R(d, "r", True), src)

    def l_fneg(self, ins) -> None:
        """A float/double is its IEEE bits (irparse): negation flips the sign bit."""
        d = self.vmap[ins.name]
        x = self.val(ins.args[0], ins.ty)
        if width(ins.ty) == 64:
            self.emit("move", R(d, "lo", True), R(x, "lo"))
            self.emit("xor", R(d, "hi", True), R(x, "hi"), 0x80000000)
        else:
            self.emit("xor", R(d, "r", True), R(x), 0x80000000)

    def l_zext(self, ins) -> None:
        d = self.vmap[ins.name]
        st = ins.extra["from"]
        x = self.val(ins.args[0], st)
        if width(ins.ty) == 64:
            if width(st) == 64:
                self.emit("movd", R(d, "d", True), R(x, "d"))
            else:
                self.emit("move", R(d, "lo", True), R(x))
                self.emit("move", R(d, "hi", True), 0)
        else:
            self.emit("move", R(d, "r", True), R(x))

    def l_sext(self, ins) -> None:
        d = self.vmap[ins.name]
        st = ins.extra["from"]
        wd = width(ins.ty)
        ws = width(st)
        if ws == 1:
            x = self.val(ins.args[0], st)
            t = self.new()
            self.emit("sub", R(t, "r", True), 0, R(x))
        else:
            t = self.sext_narrow(ins.args[0], st)
        if wd == 64:
            self.emit("move", R(d, "lo", True), R(t))
            self.emit("asr", R(d, "hi", True), R(t), 31)
        else:
            self.emit("move", R(d, "r", True), R(t))
            self.mask(d, ins.ty)

    def l_ptrtoint(self, ins) -> None:
        d = self.vmap[ins.name]
        x = self.val(ins.args[0], "ptr")
        if width(ins.ty) == 64:
            self.emit("move", R(d, "lo", True), R(x))
            self.emit("move", R(d, "hi", True), 0)
        else:
            self.emit("and", R(d, "r", True), R(x), (1 << width(ins.ty)) - 1)

    def l_inttoptr(self, ins) -> None:
        d = self.vmap[ins.name]
        st = ins.extra["from"]
        x = self.val(ins.args[0], st)
        self.emit("move", R(d, "r", True), R(x, "lo") if width(st) == 64 else R(x))

    # ---------------------------------------------------------------- allocation

    def allocate(self) -> None:
        blocks = self.blocks
        pos = 0
        bstart, bend = {}, {}
        for b in blocks:
            pos += 2
            bstart[b.label] = pos
            for mi in b.insts:
                pos += 2
                mi.pos = pos
            pos += 2
            bend[b.label] = pos
        labels = {b.label: b for b in blocks}
        # successors
        for b in blocks:
            s = []
            for mi in b.insts:
                for t in mi.targets:
                    if t in labels and t not in s:
                        s.append(t)
            b.succs = s
        use_b, def_b = {}, {}
        for b in blocks:
            u, d = set(), set()
            for mi in b.insts:
                for v in mi.uses():
                    if v not in d:
                        u.add(v)
                for v in mi.defs():
                    d.add(v)
            use_b[b.label], def_b[b.label] = u, d
        live_in = {b.label: set() for b in blocks}
        live_out = {b.label: set() for b in blocks}
        changed = True
        while changed:
            changed = False
            for b in reversed(blocks):
                out = set()
                for s in b.succs:
                    out |= live_in[s]
                inn = use_b[b.label] | (out - def_b[b.label])
                if out != live_out[b.label] or inn != live_in[b.label]:
                    live_out[b.label], live_in[b.label] = out, inn
                    changed = True

        def ext(v, p):
            if v.start is None or p < v.start:
                v.start = p
            if v.end is None or p > v.end:
                v.end = p

        calls = []
        for b in blocks:
            for v in live_in[b.label]:
                ext(v, bstart[b.label])
            for v in live_out[b.label]:
                ext(v, bend[b.label])
            for mi in b.insts:
                for v in mi.uses():
                    ext(v, mi.pos)
                for v in mi.defs():  # inline asm outputs may be written before inputs are read
                    ext(v, mi.pos - 1 if "template" in mi.data else mi.pos)
                if mi.kind == "call" or mi.data.get("clobbers"):
                    calls.append(mi.pos)
        calls.sort()
        ivs = [v for v in self.vregs if v.start is not None]
        for v in ivs:
            i = bisect.bisect_right(calls, v.start)
            v.xcall = i < len(calls) and calls[i] < v.end
        for b in blocks:  # the operands of an asm that clobbers registers avoid them too
            for mi in b.insts:
                if mi.data.get("clobbers"):
                    for v in mi.uses() + mi.defs():
                        v.xcall = True
        ivs.sort(key=lambda v: (v.start, v.id))
        callee_regs = [r for r in CALLEE_REGS if self.fbase == "r22" or r != FP_REG]
        free = set(CALLER_REGS + callee_regs)
        active: list[VReg] = []
        self.used_callee = set()
        self.spilled = []

        def regs_of(v):
            return [v.loc[1], v.loc[1] + 1] if v.wide else [v.loc[1]]

        for iv in ivs:
            for a in list(active):
                if a.end <= iv.start:
                    active.remove(a)
                    free.update(regs_of(a))
            pool = callee_regs if iv.xcall else CALLER_REGS + callee_regs
            cands = []
            if iv.hint is not None and iv.hint in pool:
                cands.append(iv.hint)
            cands += pool
            chosen = None
            for r in cands:
                if iv.wide:
                    if r % 2 == 0 and r in free and r + 1 in free and r + 1 in pool:
                        chosen = r
                        break
                elif r in free:
                    chosen = r
                    break
            if chosen is None and not iv.wide:
                victims = [a for a in active if not a.wide and a.loc[1] in pool and a.end > iv.end]
                if victims:
                    vic = max(victims, key=lambda a: a.end)
                    chosen = vic.loc[1]
                    active.remove(vic)
                    vic.loc = None
                    self.spill(vic)
                    free.add(chosen)
            if chosen is None and iv.wide:
                # Evict what holds a register pair when all of it lives on past this interval:
                # the value used furthest away goes to the stack (a loop's temporaries stay in
                # registers, a value kept for after the loop moves out).
                best, best_end = None, -1
                for r in pool:
                    if r % 2 or r + 1 not in pool:
                        continue
                    holders = [a for a in active if set(regs_of(a)) & {r, r + 1}]
                    if any(a.end <= iv.end for a in holders) or \
                            any(not set(regs_of(a)) <= set(pool) for a in holders):
                        continue
                    end = min(a.end for a in holders)
                    if end > best_end:
                        best, best_end = (r, holders), end
                if best is not None:
                    chosen, holders = best
                    for vic in holders:
                        active.remove(vic)
                        free.update(regs_of(vic))
                        vic.loc = None
                        self.spill(vic)
            if chosen is None:
                self.spill(iv)
                continue
            iv.loc = ("reg", chosen)
            for r in regs_of(iv):
                free.discard(r)
                if r in CALLEE_REGS:
                    self.used_callee.add(r)
            active.append(iv)
        if self.fbase != "r22":
            self.used_callee.add(FP_REG)
        # frame layout (offsets from the frame base B)
        off = 0
        self.slot_off = {}
        items = sorted(self.slots.items(), key=lambda kv: -kv[1][1])
        for key, (size, align) in items:
            off = (off + align - 1) // align * align
            self.slot_off[key] = off
            off += size
        # callee-saved registers are saved as pairs (one sd/ld per pair d14..d20)
        self.save_off = {}
        off = (off + 7) // 8 * 8
        for r in sorted({r & ~1 for r in self.used_callee}):
            self.save_off[r] = off
            off += 8
        for v in self.spilled:
            al = 8 if v.wide else 4
            off = (off + al - 1) // al * al
            v.loc = ("stk", off)
            off += 8 if v.wide else 4
        locals_size = self.locals_size = (off + 7) // 8 * 8
        if self.has_call:
            self.frame = locals_size + (self.max_out + 7) // 8 * 8
            self.delta = self.frame
        else:
            self.frame = 0
            self.delta = 0

    def spill(self, v: VReg) -> None:
        self.spilled.append(v)
        v.loc = None

    # ---------------------------------------------------------------- emission

    def fr(self, off_from_base: int) -> int:
        return off_from_base - self.delta

    def loc32(self, v: VReg, half: str):
        """32-bit location of a vreg part: ('reg', n) or ('stk', r22 offset)."""
        kind, n = v.loc
        if kind == "reg":
            return ("reg", n + (1 if half == "lo" else 0))
        return ("stk", self.fr(n) + (4 if half == "hi" else 0))

    def halves(self, v: VReg):
        return ["hi", "lo"] if v.wide else ["r"]

    def emit_asm(self) -> list[str]:
        f = self.f
        name = self.fname
        out = []
        sec = f.section or f".text.{name}"
        out.append(f'\t.section {sec},"ax",@progbits')
        if f.linkage in ("weak", "weak_odr", "linkonce", "linkonce_odr"):
            out.append(f"\t.weak {name}")
        elif f.linkage not in ("private", "internal"):
            out.append(f"\t.globl {name}")
        out.append(f"\t.type {name},@function")
        out.append(f"{name}:")
        body: list[str] = []
        self.body = body
        if self.lines is not None:
            self.lines.start_function()
        self.mark(f.loc)
        if self.has_call:
            body.append(f"sd r22, {self.frame - 8}, d22")
            body.append(f"add r22, r22, {self.frame}")
        for r in sorted(self.save_off):
            body.append(f"sd r22, {self.fr(self.save_off[r])}, d{r}")
        if self.fbase != "r22":
            body.append(f"move {self.fbase}, r22")
        nb = len(self.blocks)
        for bi, b in enumerate(self.blocks):
            nxt = self.blocks[bi + 1].label if bi + 1 < nb else None
            insts = list(b.insts)
            # fallthrough: drop a final jump to the next block, invert a branch over it
            if insts and insts[-1].op == "jump" and insts[-1].targets == [nxt]:
                if len(insts) >= 2 and insts[-2].cc is not None and insts[-2].targets == [nxt]:
                    br = insts[-2]
                    if br.ops[0] == "zero":
                        insts = insts[:-2]
                    else:  # an ALU instruction that also branched: keep the computation
                        insts = insts[:-2] + [MI(br.op, br.ops[:br.cc], br.kind)]
                        insts[-1].srcloc = br.srcloc
                else:
                    insts = insts[:-1]
            elif len(insts) >= 2 and insts[-1].op == "jump" and insts[-2].cc is not None \
                    and insts[-2].targets and insts[-2].targets[0] == nxt \
                    and insts[-2].ops[insts[-2].cc] in INVERSE:
                br, j = insts[-2], insts[-1]
                nbr = MI(br.op, br.ops, br.kind, j.targets, br.cc, br.data)
                nbr.ops[br.cc] = INVERSE[br.ops[br.cc]]
                nbr.ops[br.cc + 1] = j.targets[0]
                nbr.srcloc = br.srcloc
                insts = insts[:-2] + [nbr]
            if bi > 0:
                body.append(f"{b.label}:")
            for mi in insts:
                self.emit_mi(mi)
        for line in body:
            out.append(line if line.endswith(":") else "\t" + line)
        out.append(f"\t.size {name}, . - {name}")
        out.append("")
        return out

    def opname(self, o) -> str:
        if isinstance(o, OutArea):
            return str(self.frame - self.locals_size)
        if isinstance(o, Frame):
            base = 0 if o.slot is None else self.slot_off[o.slot]
            return str(self.fr(base) + o.add)
        return str(o)

    def mark(self, srcloc) -> None:
        """-g: the ``.file``/``.loc`` directives before an instruction from ``srcloc``."""
        if self.lines is not None:
            self.body.extend(self.lines.at(srcloc))

    def emit_mi(self, mi: MI) -> None:
        body = self.body
        if mi.kind == "label":
            body.append(f"{mi.ops[0]}:")
            return
        self.mark(mi.srcloc)
        if mi.kind == "asm":
            body.extend(line.strip() for line in mi.data["text"].split("\n") if line.strip())
            return
        if mi.kind == "entry":
            moves = []
            for v, loc in mi.data["params"]:
                if v.loc is None:
                    continue
                if loc[0] == "reg":
                    moves.append((self.loc32(v, "r"), ("reg", loc[1])))
                elif loc[0] == "pair":
                    moves.append((self.loc32(v, "hi"), ("reg", loc[1])))
                    moves.append((self.loc32(v, "lo"), ("reg", loc[1] + 1)))
                else:
                    c = loc[1]
                    if v.wide:
                        moves.append((self.loc32(v, "lo"), ("stk", -c - self.delta)))
                        moves.append((self.loc32(v, "hi"), ("stk", -c + 4 - self.delta)))
                    else:
                        moves.append((self.loc32(v, "r"), ("stk", -c - self.delta)))
            self.pmove(moves)
            return
        if mi.kind == "pmove":
            moves = []
            for dst, src in mi.data["moves"]:
                if dst.loc is None:
                    continue
                for h in self.halves(dst):
                    if src[0] == "v":
                        sv = src[1]
                        moves.append((self.loc32(dst, h), self.loc32(sv, h)))
                    else:
                        s, off = src[1], src[2]
                        if s is None:
                            val = s32(off >> 32) if h == "hi" else s32(off)
                            moves.append((self.loc32(dst, h), ("imm", val)))
                        else:
                            moves.append((self.loc32(dst, h), ("imm", 0 if h == "hi" else addr_text(s, off))))
            self.pmove(moves)
            return
        if mi.kind == "call":
            d = mi.data
            if d["target"] is not None:
                self.move32(("reg", CALL_TGT), self.loc32(d["target"], "r"))
            moves = []
            for v, loc in d["args"]:
                if loc[0] == "stack":  # the outgoing area, below the current r22
                    c = loc[1]
                    if v.wide:
                        self.move32(("out", -c), self.loc32(v, "lo"))
                        self.move32(("out", -c + 4), self.loc32(v, "hi"))
                    else:
                        self.move32(("out", -c), self.loc32(v, "r"))
                elif loc[0] == "reg":
                    moves.append((("reg", loc[1]), self.loc32(v, "r")))
                else:
                    moves.append((("reg", loc[1]), self.loc32(v, "hi")))
                    moves.append((("reg", loc[1] + 1), self.loc32(v, "lo")))
            self.pmove(moves)
            if d["target"] is not None:
                body.append(f"call r23, r{CALL_TGT}")
            else:
                body.append(f"call r23, {d['fn']}")
            dst = d["dst"]
            if dst is not None and dst.loc is not None:
                if dst.wide:
                    self.pmove([(self.loc32(dst, "hi"), ("reg", 0)), (self.loc32(dst, "lo"), ("reg", 1))])
                else:
                    self.move32(self.loc32(dst, "r"), ("reg", 0))
            return
        if mi.kind == "ret":
            uses = mi.data["uses"]
            if uses:
                v = uses[0]
                if v.wide:
                    self.pmove([(("reg", 0), self.loc32(v, "hi")), (("reg", 1), self.loc32(v, "lo"))])
                else:
                    self.move32(("reg", 0), self.loc32(v, "r"))
            if self.fbase != "r22":  # drop what variable-length arrays took
                body.append(f"move r22, {self.fbase}")
            for r in sorted(self.save_off):
                body.append(f"ld d{r}, r22, {self.fr(self.save_off[r])}")
            if self.has_call:
                body.append("ld d22, r22, -8")
            body.append("jump r23")
            return
        # normal instruction with spill handling
        singles = [10, 11, 12, 13]
        pairs = [10, 12]
        pre, post = [], []
        names = []
        assigned = {}
        # pairs first
        for o in mi.ops:
            if isinstance(o, R) and o.v.loc is not None and o.v.loc[0] == "stk" and o.part == "d":
                key = (o.v.id, "d")
                if key not in assigned:
                    p = pairs.pop(0)
                    singles.remove(p)
                    singles.remove(p + 1)
                    assigned[key] = p
        for o in mi.ops:
            if isinstance(o, R) and o.v.loc is not None and o.v.loc[0] == "stk" and o.part != "d":
                key = (o.v.id, o.part)
                if key not in assigned:
                    assigned[key] = singles.pop(0)
        done_load = set()
        for o in mi.ops:
            if not isinstance(o, R):
                names.append(self.opname(o))
                continue
            v = o.v
            if v.loc is None:
                # a value never live (dead): write to a scratch register
                names.append("d10" if o.part == "d" else "r10")
                continue
            if v.loc[0] == "reg":
                n = v.loc[1]
                names.append({"r": f"r{n}", "hi": f"r{n}", "lo": f"r{n + 1}", "d": f"d{n}"}[o.part])
                continue
            key = (v.id, o.part)
            sc = assigned[key]
            base = self.fr(v.loc[1])
            if o.part == "d":
                names.append(f"d{sc}")
                if o.d:
                    post.append(f"sd {self.fbase}, {base}, d{sc}")
                elif key not in done_load:
                    pre.append(f"ld d{sc}, {self.fbase}, {base}")
                    done_load.add(key)
            else:
                names.append(f"r{sc}")
                off = base + (4 if o.part == "hi" else 0)
                if o.d:
                    post.append(f"sw {self.fbase}, {off}, r{sc}")
                elif key not in done_load:
                    pre.append(f"lw r{sc}, {self.fbase}, {off}")
                    done_load.add(key)
        for i, o in enumerate(mi.ops):
            if isinstance(o, R) and o.safe:
                names[i] = "s" + names[i][1:]
        body.extend(pre)
        if mi.op == "move" and len(names) == 2 and names[0] == names[1]:
            return
        if mi.op == "movd" and len(names) == 2 and names[0] == names[1]:
            return
        if post and mi.targets and mi.op != "jump":
            # a spilled result of an ALU instruction that also branches: store, then test it
            body.append(f"{mi.op} {', '.join(names[:-2])}")
            body.extend(post)
            body.append(f"sub zero, {names[0]}, 0, {names[-2]}, {names[-1]}")
            return
        if "template" in mi.data:  # extended inline asm: the registers into its text
            def operand(m):
                if m.group(0) == "$$":
                    return "$"
                name = names[int(m.group(1) or m.group(3))]
                if m.group(2) and name[:1] == "d":  # H/L: the high (even) or low register
                    return f"r{int(name[1:]) + (m.group(2) == 'L')}"
                return name
            text = re.sub(r"\$\$|\$\{(\d+)(?::([HL]?))?\}|\$(\d+)", operand,
                          mi.data["template"])
            body.extend(line.strip() for line in text.replace(";", "\n").split("\n")
                        if line.strip())
            body.extend(post)
            return
        body.append(f"{mi.op} {', '.join(names)}" if names else mi.op)
        body.extend(post)

    def move32(self, dst, src) -> None:
        """A 32-bit move between a register ('reg', n), a frame slot ('stk', offset from the
        frame base register), an outgoing argument ('out', offset from r22) or an immediate."""
        if dst == src:
            return
        body = self.body
        base = {"stk": self.fbase, "out": "r22"}
        if dst[0] == "reg":
            r = f"r{dst[1]}"
            if src[0] == "reg":
                body.append(f"move {r}, r{src[1]}")
            elif src[0] in base:
                body.append(f"lw {r}, {base[src[0]]}, {src[1]}")
            else:
                body.append(f"move {r}, {src[1]}")
        else:
            if src[0] == "reg":
                body.append(f"sw {base[dst[0]]}, {dst[1]}, r{src[1]}")
            elif src[0] in base:
                body.append(f"lw r{MM_TMP}, {base[src[0]]}, {src[1]}")
                body.append(f"sw {base[dst[0]]}, {dst[1]}, r{MM_TMP}")
            else:
                body.append(f"move r{MM_TMP}, {src[1]}")
                body.append(f"sw {base[dst[0]]}, {dst[1]}, r{MM_TMP}")

    def pmove(self, moves) -> None:
        """Sequentialise a parallel move of 32-bit locations (cycles broken through r13)."""
        moves = [(d, s) for d, s in moves if d != s]
        while moves:
            srcs = [s for _, s in moves]
            for i, (d, s) in enumerate(moves):
                if d not in srcs:
                    self.move32(d, s)
                    moves.pop(i)
                    break
            else:
                d, s = moves[0]
                tmp = ("reg", PM_TMP)
                self.move32(tmp, d)
                moves = [(dd, tmp if ss == d else ss) for dd, ss in moves]


def _inv_pred(p: str) -> str:
    return {"eq": "ne", "ne": "eq", "ult": "uge", "uge": "ult", "ule": "ugt", "ugt": "ule",
            "slt": "sge", "sge": "slt", "sle": "sgt", "sgt": "sle"}[p]


def _add_off(off, k):
    if isinstance(off, Frame):
        return Frame(off.slot, off.add + k)
    if isinstance(off, int):
        return off + k
    if k == 0:
        return off
    return f"{off} + {k}" if k > 0 else f"{off} - {-k}"
