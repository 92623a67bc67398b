"""Rewrites of the parsed IR that leave the instruction selector integer operations only.

The front end never emits floating-point instructions (every operation is a soft-float call),
but LLVM's instruction combiner recognises the bit tests it writes for ``isnan``, ``isinf`` or
``fabs(x) == y`` and turns them into ``fcmp``.  Floats are their IEEE bits here (irparse), so an
``fcmp`` becomes integer compares when a constant operand makes that exact, and otherwise a call
to the libgcc comparison routine followed by an integer compare of its result.
"""

from __future__ import annotations

import itertools

from .irparse import Inst, Module

# fcmp predicate -> (libgcc routine, icmp of its result against 0).  The routines' results for
# unordered operands (eq/ne/lt/le: 1, gt/ge: -1, unord: nonzero) make the unordered predicates
# the negations of the opposite ordered ones.
_BY_CALL = {"oeq": ("eq", "eq"), "une": ("ne", "ne"), "olt": ("lt", "slt"),
            "ole": ("le", "sle"), "ogt": ("gt", "sgt"), "oge": ("ge", "sge"),
            "ult": ("ge", "slt"), "ule": ("gt", "sle"), "ugt": ("le", "sgt"),
            "uge": ("lt", "sge"), "uno": ("unord", "ne"), "ord": ("unord", "eq")}
_SYMMETRIC = {"oeq", "une", "ueq", "one", "uno", "ord", "true", "false"}


def legalize(mod: Module) -> None:
    for f in mod.functions.values():
        for block in f.blocks:
            if any(ins.op == "fcmp" for ins in block.insts):
                block.insts = [new for ins in block.insts for new in _rewrite(ins)]


def _icmp(name, pred, ty, a, b) -> Inst:
    return Inst("icmp", name, "i1", [a, b], {"pred": pred, "opty": ty})


def _rewrite(ins: Inst) -> list[Inst]:
    if ins.op != "fcmp":
        return [ins]
    pred, ty = ins.extra["pred"], ins.extra["opty"]
    a, b = ins.args
    if a[0] == "int" and b[0] != "int" and pred in _SYMMETRIC:
        a, b = b, a
    bits = 64 if ty == "i64" else 32
    sign = 1 << (bits - 1)
    expo = (0x7FF << 52) if bits == 64 else (0xFF << 23)
    tmp = (f"{ins.name}\0{k}" for k in itertools.count())
    if pred in ("true", "false"):
        return [_icmp(ins.name, "eq" if pred == "true" else "ne", "i32", ("int", 0), ("int", 0))]
    if b[0] == "int" and (b[1] & (sign - 1)) <= expo:  # a constant that is not a NaN
        magnitude = b[1] & (sign - 1)
        if pred in ("uno", "ord"):
            m = next(tmp)
            return [Inst("and", m, ty, [a, ("int", sign - 1)], {}),
                    _icmp(ins.name, "ugt" if pred == "uno" else "ule", ty, ("local", m),
                          ("int", expo))]
        if pred in ("oeq", "une"):
            if magnitude:  # one encoding per value, and a NaN equals nothing
                return [_icmp(ins.name, "eq" if pred == "oeq" else "ne", ty, a, b)]
            m = next(tmp)  # ±0
            return [Inst("and", m, ty, [a, ("int", sign - 1)], {}),
                    _icmp(ins.name, "eq" if pred == "oeq" else "ne", ty, ("local", m),
                          ("int", 0))]
    mode = "df" if bits == 64 else "sf"

    def call(routine):
        r = next(tmp)
        return r, Inst("call", r, "i32", [(ty, a), (ty, b)],
                       {"callee": ("global", f"__{routine}{mode}2"), "fnty": None})

    if pred in _BY_CALL:
        routine, ipred = _BY_CALL[pred]
        r, c = call(routine)
        return [c, _icmp(ins.name, ipred, "i32", ("local", r), ("int", 0))]
    if pred in ("ueq", "one"):  # unordered or equal / ordered and not equal
        r1, c1 = call("unord")
        r2, c2 = call("eq")
        k1, k2 = next(tmp), next(tmp)
        ueq = pred == "ueq"
        return [c1, c2, _icmp(k1, "ne" if ueq else "eq", "i32", ("local", r1), ("int", 0)),
                _icmp(k2, "eq" if ueq else "ne", "i32", ("local", r2), ("int", 0)),
                Inst("or" if ueq else "and", ins.name, "i1", [("local", k1), ("local", k2)], {})]
    return [ins]  # left for the selector to report
