"""Constant folding of the soft-float calls the front end makes.

Every floating-point operation becomes a call (``__addsf3``, ``__floatsidf``…), which LLVM cannot
fold: it does not know those functions.  Without this, ``x * 2`` would call ``__floatsisf(2)`` at
run time and ``1.0 / 3`` would be computed by the DPU.  Folding here uses numpy's IEEE-754
arithmetic, which gives the same bits as the runtime library (round to nearest even).  Cases
whose result depends on NaN propagation or on an out-of-range conversion are left to the
runtime, so folded and unfolded code never disagree.
"""

from __future__ import annotations

import math
import re

from llvmlite import ir

_COMPARE = {"eq", "ne", "lt", "le", "gt", "ge", "unord"}


def numpy():
    """numpy (IEEE single-precision arithmetic), imported when a constant is first folded: most
    compiles never need it, and its import is a fifth of a small file's compile."""
    import numpy as np
    return np


def _float(c):
    if isinstance(c, ir.Constant) and isinstance(c.type, (ir.FloatType, ir.DoubleType)) \
            and isinstance(c.constant, float):
        return c.constant
    return None


def _int(c):
    if isinstance(c, ir.Constant) and isinstance(c.type, ir.IntType) \
            and isinstance(c.constant, int):
        return c.constant
    return None


def fold(name: str, ret, args) -> ir.Constant | None:
    """The constant result of calling soft-float routine ``name`` on constant ``args``."""
    m = re.fullmatch(r"__(add|sub|mul|div|neg|eq|ne|lt|le|gt|ge|unord)(sf|df)[23]", name)
    if m:
        op, mode = m.groups()
        xs = [_float(a) for a in args]
        if None in xs or any(math.isnan(x) for x in xs):
            return None
        np = numpy()
        ft = np.float32 if mode == "sf" else np.float64
        if op == "neg":
            return ir.Constant(ret, float(-ft(xs[0])))
        if op in _COMPARE:
            a, b = xs
            r = {"eq": int(a != b), "ne": int(a != b), "lt": -1 if a < b else int(a != b),
                 "le": -1 if a < b else int(a > b), "gt": 1 if a > b else -int(a != b),
                 "ge": 1 if a > b else -int(a < b), "unord": 0}[op]
            return ir.Constant(ret, r)
        binary = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide}[op]
        with np.errstate(all="ignore"):
            r = binary(ft(xs[0]), ft(xs[1]))
        return None if np.isnan(r) else ir.Constant(ret, float(r))
    m = re.fullmatch(r"__float(un)?(si|di)(sf|df)", name)
    if m:
        n = _int(args[0])
        if n is None:
            return None
        bits = 32 if m.group(2) == "si" else 64
        n &= (1 << bits) - 1
        if not m.group(1) and n >> (bits - 1):
            n -= 1 << bits
        exact = 24 if m.group(3) == "sf" else 53
        if abs(n) >= 1 << exact:
            return None  # would need one correct rounding; Python's goes through double
        return ir.Constant(ret, float(n))
    m = re.fullmatch(r"__fix(uns)?(sf|df)(si|di)", name)
    if m:
        x = _float(args[0])
        if x is None or math.isnan(x) or math.isinf(x):
            return None
        n = math.trunc(x)
        bits = 32 if m.group(3) == "si" else 64
        lo, hi = (0, 1 << bits) if m.group(1) else (-(1 << (bits - 1)), 1 << (bits - 1))
        if not lo <= n < hi:
            return None
        return ir.Constant(ret, n & ((1 << bits) - 1))
    if name in ("__extendsfdf2", "__truncdfsf2"):
        x = _float(args[0])
        if x is None or math.isnan(x):
            return None
        if name == "__truncdfsf2":
            np = numpy()
            with np.errstate(all="ignore"):
                x = float(np.float32(x))
        return ir.Constant(ret, x)
    return None
