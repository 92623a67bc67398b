"""Rewrites of the parsed IR into the operations the instruction selector knows.

Two kinds.  LLVM's optimiser recognises idioms and replaces them by intrinsics the selector
would otherwise need one case each for: rotates of narrow types (``fshl.i8``), saturating
arithmetic (``uadd.sat``), three-way compares (``scmp``), overflow checks (``*.with.overflow``
and their ``extractvalue``s), ``bitreverse``.  They are expanded here into the plain integer
instructions they stand for, in their own width.

And floating point.  The front end never emits floating-point instructions (every operation is a soft-float call),
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


def _icmp(name, pred, ty, a, b) -> Inst:
    return Inst("icmp", name, "i1", [a, b], {"pred": pred, "opty": ty, "flags": set()})


def legalize(mod: Module) -> None:
    for f in mod.functions.values():
        _wide_multiplies(f)
        _odd_widths(f)
        # calls whose {…} results become one value per part, named <call>\0x<k>
        overflow = {ins.name for b in f.blocks for ins in b.insts
                    if _intrinsic(ins).endswith("with.overflow") and
                    not (_intrinsic(ins)[1:4] == "mul" and _width(ins.args[0][0]) > 32)
                    or ins.op == "call" and (ins.extra["callee"][0] == "asm" or
                                             isinstance(ins.ty, tuple) and ins.ty[0] == "struct")}
        for block in f.blocks:
            if any(_needs(ins, overflow) for ins in block.insts):
                block.insts = [new for ins in block.insts for new in _rewrite(ins, overflow)]


def _wide_multiplies(f) -> None:
    """The optimiser recognises a hand-written 64x64 -> 128-bit multiply and writes it as
    ``mul i128`` of zero-extended i64s, read back by ``trunc`` and ``lshr 64``.  Each i128 value
    of that chain becomes a (high, low) pair of i64 values; the product's high half is built
    from four 32x32 -> 64-bit products.  Other i128 code is left for the selector to report."""
    if not any(ins.ty == "i128" for b in f.blocks for ins in b.insts):
        return
    pairs: dict = {}
    for block in f.blocks:
        out = []
        for ins in block.insts:
            a = ins.args[0] if ins.args else None
            name = ins.name
            if ins.op == "zext" and ins.ty == "i128" and ins.extra.get("from") == "i64":
                pairs[name] = (("int", 0), a)
                continue
            if ins.op == "mul" and ins.ty == "i128" and all(
                    x[0] == "local" and x[1] in pairs and pairs[x[1]][0] == ("int", 0)
                    for x in ins.args):
                x, y = (pairs[v[1]][1] for v in ins.args)
                out += _mul_high(name, x, y)
                out.append(_I("mul", f"{name}\0lo", "i64", [x, y]))
                pairs[name] = (_local(f"{name}\0hi"), _local(f"{name}\0lo"))
                continue
            if ins.op == "lshr" and ins.ty == "i128" and a[0] == "local" and a[1] in pairs \
                    and ins.args[1][0] == "int" and 0 < ins.args[1][1] < 128:
                hi, lo = pairs[a[1]]
                k = ins.args[1][1]
                if k >= 64:
                    if k > 64:
                        out.append(_I("lshr", f"{name}\0lo", "i64", [hi, ("int", k - 64)]))
                        hi = _local(f"{name}\0lo")
                    pairs[name] = (("int", 0), hi)
                else:
                    t1, t2 = f"{name}\0s1", f"{name}\0s2"
                    out += [_I("lshr", t1, "i64", [lo, ("int", k)]),
                            _I("shl", t2, "i64", [hi, ("int", 64 - k)]),
                            _I("or", f"{name}\0lo", "i64", [_local(t1), _local(t2)]),
                            _I("lshr", f"{name}\0hi", "i64", [hi, ("int", k)])]
                    pairs[name] = (_local(f"{name}\0hi"), _local(f"{name}\0lo"))
                continue
            if ins.op == "trunc" and ins.extra.get("from") == "i128" and a[0] == "local" \
                    and a[1] in pairs:
                lo = pairs[a[1]][1]
                if ins.ty == "i64":
                    out.append(_I("freeze", name, "i64", [lo]) if lo[0] == "local"
                               else _I("add", name, "i64", [lo, ("int", 0)]))
                else:
                    out.append(_I("trunc", name, ins.ty, [lo], **{"from": "i64"}))
                continue
            out.append(ins)
        block.insts = out


def _odd(ty) -> bool:
    return 32 < _width(ty) < 64


def _odd_widths(f) -> None:
    """Integers of 33 to 63 bits (the optimiser narrows an i64 whose top bits it knows, as in
    ``switch (x & 0x7fff…)`` becoming ``switch i63``) become i64 values holding them
    zero-extended, the way narrow integers live in 32-bit registers: constants are masked,
    results that could carry past the width are masked again, and signed operations see
    their operands sign-extended first.  What this cannot widen (calls, memory) is left for
    the selector to report as unsupported."""
    if not any(_odd(ins.ty) or _odd(ins.extra.get("from")) or _odd(ins.extra.get("opty"))
               for b in f.blocks for ins in b.insts):
        return
    for block in f.blocks:
        out: list[Inst] = []
        for ins in block.insts:
            out += _widen(ins)
        block.insts = out


def _widen(ins: Inst) -> list[Inst]:
    op, ty = ins.op, ins.ty
    src, opty = ins.extra.get("from"), ins.extra.get("opty")
    if not (_odd(ty) or _odd(src) or _odd(opty)):
        return [ins]
    n = _width(ty if _odd(ty) else src if _odd(src) else opty)
    mask = (1 << n) - 1
    tmp = (f"{ins.name}\0w{k}" for k in itertools.count())

    def const(v):
        return ("int", v[1] & mask) if v[0] == "int" else v

    def sext(v, out, bits=n):  # a zero-extended i<bits> as the i64 of the same signed value
        if v[0] == "int":
            x = v[1] & ((1 << bits) - 1)
            return ("int", x - ((x >> (bits - 1)) << bits))
        t1, t2 = next(tmp), next(tmp)
        out += [_I("shl", t1, "i64", [v, ("int", 64 - bits)]),
                _I("ashr", t2, "i64", [_local(t1), ("int", 64 - bits)])]
        return _local(t2)

    def masked(op_, args, out):  # name = (op_ args) & mask
        t = next(tmp)
        out += [_I(op_, t, "i64", args), _I("and", ins.name, "i64", [_local(t), ("int", mask)])]
        return out

    if op in _CAST_WIDEN and (_odd(ty) or _odd(src)):
        return _CAST_WIDEN[op](ins, n, mask, sext)
    if op in ("and", "or", "xor", "lshr", "udiv", "urem"):
        return [_I(op, ins.name, "i64", [const(a) for a in ins.args])]
    if op in ("add", "sub", "mul", "shl"):
        return masked(op, [const(a) for a in ins.args], [])
    if op in ("ashr", "sdiv", "srem"):
        out: list[Inst] = []
        a, b = ins.args
        args = [sext(a, out), sext(b, out) if op != "ashr" else const(b)]
        return masked(op, args, out)
    if op == "icmp":
        out = []
        a, b = ins.args
        if ins.extra["pred"][0] == "s":
            a, b = sext(a, out), sext(b, out)
        else:
            a, b = const(a), const(b)
        return out + [_icmp(ins.name, ins.extra["pred"], "i64", a, b)]
    if op == "select":
        c, a, b = ins.args
        return [_I("select", ins.name, "i64", [c, const(a), const(b)])]
    if op == "phi":
        return [_I("phi", ins.name, "i64", [(const(v), lab) for v, lab in ins.args])]
    if op == "freeze":
        return [_I("freeze", ins.name, "i64", [const(ins.args[0])])]
    if op == "switch":
        new = _I("switch", ins.name, "i64", [const(ins.args[0])], default=ins.extra["default"],
                 cases=[(const(cv), lab) for cv, lab in ins.extra["cases"]])
        return [new]
    base = _intrinsic(ins)
    if base in ("umin", "umax", "smin", "smax"):
        out = []
        a, b = (v for _, v in ins.args)
        x, y = (sext(a, out), sext(b, out)) if base[0] == "s" else (const(a), const(b))
        c = next(tmp)
        pred = base[0] + ("lt" if base[1:] == "min" else "gt")
        return out + [_icmp(c, pred, "i64", x, y),
                      _I("select", ins.name, "i64", [_local(c), const(a), const(b)])]
    if base == "abs":
        out = []
        x = sext(ins.args[0][1], out)
        neg, c, r = next(tmp), next(tmp), next(tmp)
        return out + [_I("sub", neg, "i64", [("int", 0), x]),
                      _icmp(c, "slt", "i64", x, ("int", 0)),
                      _I("select", r, "i64", [_local(c), _local(neg), x]),
                      _I("and", ins.name, "i64", [_local(r), ("int", mask)])]
    if base in ("ctpop", "ctlz", "cttz"):
        x = const(ins.args[0][1])
        if base == "ctpop":
            return [_call64("ctpop", ins.name, [x])]
        if base == "ctlz":  # the zero-extension adds 64 - n leading zeros
            t = next(tmp)
            return [_call64("ctlz", t, [x]), _I("sub", ins.name, "i64", [_local(t),
                                                                           ("int", 64 - n)])]
        t = next(tmp)  # cttz: a bit at n makes a zero input count n
        return [_I("or", t, "i64", [x, ("int", 1 << n)]), _call64("cttz", ins.name, [_local(t)])]
    return [ins]  # calls, loads, stores, returns of i<n>: the selector reports them


def _call64(intrinsic, name, args) -> Inst:
    """A call of llvm.<intrinsic>.i64 (with the ``i1 false`` that ctlz and cttz take)."""
    typed = [("i64", a) for a in args]
    if intrinsic in ("ctlz", "cttz"):
        typed.append(("i1", ("int", 0)))
    return _I("call", name, "i64", typed, callee=("global", f"llvm.{intrinsic}.i64"), fnty=None)


def _cast_trunc(ins, n, mask, sext):
    w = _width(ins.ty)
    if w > 32:  # to i<n>: keep the low n bits
        return [_I("and", ins.name, "i64", [ins.args[0], ("int", (1 << w) - 1)])]
    return [_I("trunc", ins.name, ins.ty, ins.args, **{"from": "i64"})]  # from i<n>


def _cast_zext(ins, n, mask, sext):
    if _width(ins.extra["from"]) > 32:  # from i<n>: already zero-extended
        return [_I("freeze", ins.name, "i64", ins.args)]
    return [_I("zext", ins.name, "i64", ins.args, **{"from": ins.extra["from"]})]


def _cast_sext(ins, n, mask, sext):
    src = ins.extra["from"]
    if _odd(src):  # from i<k>: to i64, or to a wider i<m> masked
        out: list[Inst] = []
        v = sext(ins.args[0], out, _width(src))
        m = _width(ins.ty)
        if m == 64:
            return out + [_I("freeze", ins.name, "i64", [v])]
        return out + [_I("and", ins.name, "i64", [v, ("int", (1 << m) - 1)])]
    t = f"{ins.name}\0s"  # to i<n>, from 32 bits or less
    return [_I("sext", t, "i64", ins.args, **{"from": src}),
            _I("and", ins.name, "i64", [_local(t), ("int", mask)])]


_CAST_WIDEN = {"trunc": _cast_trunc, "zext": _cast_zext, "sext": _cast_sext}


def _mul_high(name, x, y) -> list[Inst]:
    """name\0hi = the high 64 bits of the 128-bit product of the i64s x and y."""
    t = (f"{name}\0m{k}" for k in itertools.count())
    xl, xh, yl, yh, ll, lh, hl, hh = (next(t) for _ in range(8))
    llh, lhl, hll, m1, mid, lhh, hlh, mh, s1, s2 = (next(t) for _ in range(10))
    m = ("int", 0xFFFFFFFF)
    L = _local
    return [_I("and", xl, "i64", [x, m]), _I("lshr", xh, "i64", [x, ("int", 32)]),
            _I("and", yl, "i64", [y, m]), _I("lshr", yh, "i64", [y, ("int", 32)]),
            _I("mul", ll, "i64", [L(xl), L(yl)]), _I("mul", lh, "i64", [L(xl), L(yh)]),
            _I("mul", hl, "i64", [L(xh), L(yl)]), _I("mul", hh, "i64", [L(xh), L(yh)]),
            _I("lshr", llh, "i64", [L(ll), ("int", 32)]), _I("and", lhl, "i64", [L(lh), m]),
            _I("and", hll, "i64", [L(hl), m]), _I("add", m1, "i64", [L(llh), L(lhl)]),
            _I("add", mid, "i64", [L(m1), L(hll)]), _I("lshr", lhh, "i64", [L(lh), ("int", 32)]),
            _I("lshr", hlh, "i64", [L(hl), ("int", 32)]),
            _I("lshr", mh, "i64", [L(mid), ("int", 32)]),
            _I("add", s1, "i64", [L(hh), L(lhh)]), _I("add", s2, "i64", [L(s1), L(hlh)]),
            _I("add", f"{name}\0hi", "i64", [L(s2), L(mh)])]


def _intrinsic(ins: Inst) -> str:
    """The intrinsic's name without its type suffixes ('' if not an intrinsic call)."""
    if ins.op != "call":
        return ""
    callee = ins.extra.get("callee")
    if not callee or callee[0] != "global" or not callee[1].startswith("llvm."):
        return ""
    return ".".join(p for p in callee[1].split(".")[1:] if not _is_type_suffix(p))


def _is_type_suffix(part: str) -> bool:
    return part[:1] in "if" and part[1:].isdigit() or part[:1] == "p" and part[1:].isdigit()


def _needs(ins: Inst, overflow: set) -> bool:
    if ins.op == "fcmp":
        return True
    if ins.op == "extractvalue":
        return ins.args[0][0] == "local" and ins.args[0][1] in overflow
    base = _intrinsic(ins)
    return base in _EXPANDERS and _width(ins.args[0][0]) in (8, 16, 32, 64) and \
        (base not in ("fshl", "fshr") or _width(ins.ty) < 32)


def _width(ty) -> int:
    if ty == "ptr":
        return 32
    return int(ty[1:]) if isinstance(ty, str) and ty[:1] == "i" and ty[1:].isdigit() else 0


def _I(op, name, ty, args, **extra) -> Inst:
    return Inst(op, name, ty, args, {"flags": set(), **extra})


def _local(name):
    return ("local", name)


def _rewrite(ins: Inst, overflow: set) -> list[Inst]:
    if ins.op == "fcmp":
        return _rewrite_fcmp(ins)
    if ins.op == "extractvalue":
        if ins.args[0][0] == "local" and ins.args[0][1] in overflow:
            part = f"\0x{ins.extra['indices'][0]}"
            return [_I("freeze", ins.name, ins.ty, [_local(ins.args[0][1] + part)])]
        return [ins]
    if _needs(ins, overflow):
        tmp = (f"{ins.name}\0t{k}" for k in itertools.count())
        return _EXPANDERS[_intrinsic(ins)](ins, tmp)
    return [ins]


# -------------------------------------------------------------------------- integer intrinsics


def _bounds(ty, signed):
    w = _width(ty)
    if signed:
        return -(1 << (w - 1)), (1 << (w - 1)) - 1
    return 0, (1 << w) - 1


def _saturating(ins, tmp):
    """x op y clamped to the type's range: compute in the type, detect the wrap, select."""
    base = _intrinsic(ins)
    signed, op = base[0] == "s", base[1:4]
    ty = ins.ty
    (_, a), (_, b) = ins.args
    s, o = next(tmp), next(tmp)
    lo, hi = _bounds(ty, signed)
    out = [_I(op, s, ty, [a, b])]
    if not signed:  # unsigned: the result passed its bound when it wrapped
        out.append(_icmp(o, "ult", ty, _local(s), a) if op == "add" else _icmp(o, "ult", ty, a, b))
        out.append(_I("select", ins.name, ty, [_local(o), ("int", hi if op == "add" else 0),
                                               _local(s)]))
        return out
    out += _signed_overflow(op, ty, a, b, _local(s), o, tmp)
    neg, lim = next(tmp), next(tmp)
    out += [_icmp(neg, "slt", ty, a, ("int", 0)),
            _I("select", lim, ty, [_local(neg), ("int", lo), ("int", hi)]),
            _I("select", ins.name, ty, [_local(o), _local(lim), _local(s)])]
    return out


def _signed_overflow(op, ty, a, b, s, o, tmp):
    """o = the signed add/sub a op b = s wrapped: the result's sign is wrong."""
    x, y, z = next(tmp), next(tmp), next(tmp)
    if op == "add":  # both operands differ in sign from the result
        first = [_I("xor", x, ty, [s, a]), _I("xor", y, ty, [s, b])]
    else:            # the operands differ in sign and the result differs from a
        first = [_I("xor", x, ty, [a, b]), _I("xor", y, ty, [a, s])]
    return first + [_I("and", z, ty, [_local(x), _local(y)]),
                    _icmp(o, "slt", ty, _local(z), ("int", 0))]


def _with_overflow(ins, tmp):
    """{a op b, overflowed}: the two parts become values extractvalue reads (see _rewrite)."""
    base = _intrinsic(ins)
    signed, op = base[0] == "s", base[1:4]
    ty = ins.args[0][0]
    (_, a), (_, b) = ins.args
    s, o = ins.name + "\0x0", ins.name + "\0x1"
    if op in ("add", "sub"):
        out = [_I(op, s, ty, [a, b])]
        if signed:
            return out + _signed_overflow(op, ty, a, b, _local(s), o, tmp)
        return out + [_icmp(o, "ult", ty, _local(s), a) if op == "add"
                      else _icmp(o, "ult", ty, a, b)]
    w = _width(ty)  # mul: the exact product in twice the width, when that is at most 64 bits
    if w > 32:
        return [ins]  # left for the selector to report
    wide = f"i{2 * w}"
    ext = "sext" if signed else "zext"
    xa, xb, p, back = next(tmp), next(tmp), next(tmp), next(tmp)
    return [_I(ext, xa, wide, [a], **{"from": ty}), _I(ext, xb, wide, [b], **{"from": ty}),
            _I("mul", p, wide, [_local(xa), _local(xb)]),
            _I("trunc", s, ty, [_local(p)], **{"from": wide}),
            _I(ext, back, wide, [_local(s)], **{"from": ty}),
            _icmp(o, "ne", wide, _local(back), _local(p))]


def _three_way(ins, tmp):
    """scmp/ucmp: 1, 0 or -1 as a > b, a == b, a < b."""
    signed = _intrinsic(ins) == "scmp"
    ty, rt = ins.args[0][0], ins.ty
    (_, a), (_, b) = ins.args
    gt, lt, zg, zl = next(tmp), next(tmp), next(tmp), next(tmp)
    return [_icmp(gt, "sgt" if signed else "ugt", ty, a, b),
            _icmp(lt, "slt" if signed else "ult", ty, a, b),
            _I("zext", zg, rt, [_local(gt)], **{"from": "i1"}),
            _I("zext", zl, rt, [_local(lt)], **{"from": "i1"}),
            _I("sub", ins.name, rt, [_local(zg), _local(zl)])]


def _funnel_narrow(ins, tmp):
    """fshl/fshr on i8/i16: shift the concatenation a:b, held in 32 bits, by c mod N."""
    base = _intrinsic(ins)
    ty = ins.ty
    w = _width(ty)
    (_, a), (_, b), (_, c) = ins.args
    za, zb, zc, hi, cat, n, sh, r = (next(tmp) for _ in range(8))
    out = [_I("zext", za, "i32", [a], **{"from": ty}), _I("zext", zb, "i32", [b], **{"from": ty}),
           _I("zext", zc, "i32", [c], **{"from": ty}),
           _I("shl", hi, "i32", [_local(za), ("int", w)]),
           _I("or", cat, "i32", [_local(hi), _local(zb)]),
           _I("urem", n, "i32", [_local(zc), ("int", w)])]
    if base == "fshl":  # the high half of a:b << n
        t = next(tmp)
        out += [_I("shl", sh, "i32", [_local(cat), _local(n)]),
                _I("lshr", t, "i32", [_local(sh), ("int", w)]),
                _I("trunc", ins.name, ty, [_local(t)], **{"from": "i32"})]
    else:               # the low half of a:b >> n
        out += [_I("lshr", r, "i32", [_local(cat), _local(n)]),
                _I("trunc", ins.name, ty, [_local(r)], **{"from": "i32"})]
    return out


def _bitreverse(ins, tmp):
    """Swap ever smaller groups of bits: halves, bytes, nibbles, pairs, bits."""
    ty = ins.ty
    w = _width(ty)
    x = ins.args[0][1]
    out = []
    k = w // 2
    while k:
        mask = 0
        for i in range(0, w, 2 * k):
            mask |= ((1 << k) - 1) << i
        lo, hi, l2, h2, r = (next(tmp) for _ in range(5))
        res = ins.name if k == 1 else r
        out += [_I("and", lo, ty, [x, ("int", mask)]),
                _I("shl", l2, ty, [_local(lo), ("int", k)]),
                _I("lshr", hi, ty, [x, ("int", k)]),
                _I("and", h2, ty, [_local(hi), ("int", mask)]),
                _I("or", res, ty, [_local(l2), _local(h2)])]
        x = _local(res)
        k //= 2
    return out


def _is_fpclass(ins, tmp):
    """llvm.is.fpclass(x, mask) on the bits of x (floats are their IEEE bits here): whether x
    is in one of the classes of the mask (1 sNaN, 2 qNaN, 4 -inf, 8 -normal, 16 -subnormal,
    32 -0, 64 +0, 128 +subnormal, 256 +normal, 512 +inf).  A class asked for with both signs
    is tested on the magnitude alone."""
    (ty, x), (_, m) = ins.args
    mask = m[1] & 0x3FF
    w = _width(ty)
    man = 23 if w == 32 else 52
    sign, inf = 1 << (w - 1), ((1 << (w - 1 - man)) - 1) << man
    quiet, normal = 1 << (man - 1), 1 << man
    absx, neg = next(tmp), next(tmp)
    out = [_I("and", absx, ty, [x, ("int", sign - 1)]),
           _icmp(neg, "slt", ty, x, ("int", 0))]
    a = _local(absx)
    tests = []

    def test(pred, k):
        t = next(tmp)
        out.append(_icmp(t, pred, ty, a, ("int", k)))
        return _local(t)

    def both(*parts):
        t = next(tmp)
        out.append(_I("and", t, "i1", list(parts)))
        return _local(t)

    def signed(bits_neg, bits_pos, magnitude):
        """The class in mask bits bits_neg / bits_pos, whose magnitude test is given."""
        has_neg, has_pos = mask & bits_neg, mask & bits_pos
        if has_neg and has_pos:
            tests.append(magnitude())
        elif has_neg:
            tests.append(both(_local(neg), magnitude()))
        elif has_pos:
            nonneg = next(tmp)
            out.append(_I("xor", nonneg, "i1", [_local(neg), ("int", 1)]))
            tests.append(both(_local(nonneg), magnitude()))

    if mask & 3 == 3:
        tests.append(test("ugt", inf))
    elif mask & 1:  # signalling: a NaN without the quiet bit
        tests.append(both(test("ugt", inf), test("ult", inf | quiet)))
    elif mask & 2:
        tests.append(test("uge", inf | quiet))
    signed(4, 512, lambda: test("eq", inf))
    signed(8, 256, lambda: both(test("uge", normal), test("ult", inf)))
    signed(16, 128, lambda: both(test("ne", 0), test("ult", normal)))
    signed(32, 64, lambda: test("eq", 0))
    if not tests:
        return out + [_icmp(ins.name, "ne", "i32", ("int", 0), ("int", 0))]
    acc = tests[0]
    for k, t in enumerate(tests[1:]):
        last = k == len(tests) - 2
        name = ins.name if last else next(tmp)
        out.append(_I("or", name, "i1", [acc, t]))
        acc = _local(name)
    if len(tests) == 1:
        out.append(_I("or", ins.name, "i1", [acc, ("int", 0)]))
    return out


_EXPANDERS = {"is.fpclass": _is_fpclass, "uadd.sat": _saturating, "usub.sat": _saturating, "sadd.sat": _saturating,
              "ssub.sat": _saturating, "uadd.with.overflow": _with_overflow,
              "usub.with.overflow": _with_overflow, "sadd.with.overflow": _with_overflow,
              "ssub.with.overflow": _with_overflow, "umul.with.overflow": _with_overflow,
              "smul.with.overflow": _with_overflow, "scmp": _three_way, "ucmp": _three_way,
              "fshl": _funnel_narrow, "fshr": _funnel_narrow, "bitreverse": _bitreverse}


# ------------------------------------------------------------------------------ floating point


def _rewrite_fcmp(ins: Inst) -> list[Inst]:


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
