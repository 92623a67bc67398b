"""Assembler expressions: parsing to a small tree, and evaluation once every label is known.

Grammar (C precedence, lowest first)::

    expr    := or
    or      := xor ('|' xor)*          xor := and ('^' and)*        and := shift ('&' shift)*
    shift   := add (('<<' | '>>') add)*
    add     := mul (('+' | '-') mul)*
    mul     := unary (('*' | '/' | '%') unary)*
    unary   := ('-' | '+' | '~' | '!') unary | primary
    primary := NUMBER | SYMBOL | '.' | NUMBER('b'|'f') | '(' expr ')'

Expressions nest at most :data:`MAX_NESTING` parentheses and unary operators deep, and every
intermediate result must stay within 64 bits (signed or unsigned); a deeper or wider expression is
an error, not a Python traceback.

A value is a constant plus at most one base: a section (a label defined here, counted in the
section's units: instructions in text, bytes elsewhere) or a symbol defined elsewhere.  Only
``base + constant`` and ``label - label`` (same section) survive evaluation; anything else is an
error naming the operator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from dpucore import isa

from .lexer import ID, LABELREF, NUM, OP, Token


class ExprError(ValueError):
    def __init__(self, message: str, col: int, length: int = 1):
        super().__init__(message)
        self.col = col
        self.length = length


@dataclass(frozen=True)
class Num:
    value: int
    col: int


@dataclass(frozen=True)
class Sym:
    name: str
    col: int
    length: int


@dataclass(frozen=True)
class Dot:
    section: object  # the assembler's section state
    value: int
    col: int


@dataclass(frozen=True)
class Unary:
    op: str
    operand: object
    col: int


@dataclass(frozen=True)
class Binary:
    op: str
    left: object
    right: object
    col: int


MAX_NESTING = 64  # each level costs about ten Python frames in the parser
_LIMIT = 1 << 64  # results lie in -2**64..2**64-1: any signed or unsigned 64-bit value

_BINARY_LEVELS = (("|",), ("^",), ("&",), ("<<", ">>"), ("+", "-"), ("*", "/", "%"))


class Parser:
    """Parses one expression from a token list; ``resolve_labelref`` names numeric labels."""

    def __init__(self, toks: list[Token], dot: Callable[[int], Dot],
                 resolve_labelref: Callable[[Token], str]):
        self.toks = toks
        self.i = 0
        self.dot = dot
        self.resolve_labelref = resolve_labelref
        self.depth = 0  # parentheses and unary operators open around the current token

    def peek(self) -> Token | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> object:
        if not self.toks:
            raise ExprError("expected an expression", 1)
        e = self._level(0)
        t = self.peek()
        if t is not None:
            raise ExprError(f"unexpected '{t.text}' in expression", t.col, t.length)
        return e

    def _level(self, k: int) -> object:
        if k == len(_BINARY_LEVELS):
            return self._unary()
        left = self._level(k + 1)
        while (t := self.peek()) is not None and t.kind == OP and t.text in _BINARY_LEVELS[k]:
            self.i += 1
            right = self._level(k + 1)
            left = Binary(t.text, left, right, t.col)
        return left

    def _nest(self, t: Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExprError(f"expression nested more than {MAX_NESTING} levels deep", t.col)

    def _unary(self) -> object:
        t = self.peek()
        if t is not None and t.kind == OP and t.text in ("-", "+", "~", "!"):
            self.i += 1
            self._nest(t)
            operand = self._unary()
            self.depth -= 1
            return Unary(t.text, operand, t.col)
        return self._primary()

    def _primary(self) -> object:
        t = self.peek()
        if t is None:
            last = self.toks[-1]
            raise ExprError("expected an expression", last.end)
        self.i += 1
        if t.kind == NUM:
            return Num(t.value, t.col)
        if t.kind == LABELREF:
            return Sym(self.resolve_labelref(t), t.col, t.length)
        if t.kind == ID:
            if t.text == ".":
                return self.dot(t.col)
            if isa.is_register_name(t.text):
                raise ExprError(f"register '{t.text}' where an expression is expected",
                                t.col, t.length)
            return Sym(t.text, t.col, t.length)
        if t.kind == OP and t.text == "(":
            self._nest(t)
            e = self._level(0)
            close = self.peek()
            if close is None or close.text != ")":
                raise ExprError("expected ')'", close.col if close else t.col)
            self.i += 1
            self.depth -= 1
            return e
        raise ExprError(f"unexpected '{t.text}' in expression", t.col, t.length)


def parse_expression(toks: list[Token], dot: Callable[[int], Dot],
                     resolve_labelref: Callable[[Token], str]) -> object:
    return Parser(toks, dot, resolve_labelref).parse()


@dataclass(frozen=True)
class Value:
    """``constant`` plus an optional base: ('section', state) or ('symbol', name).

    ``via`` remembers the label a section-based value came from (name, its offset in units), so a
    relocation can name a global symbol rather than its section: the linker may then bind the
    reference to another object's definition (a strong one overriding a weak one).
    """

    constant: int
    base: tuple | None = None
    via: tuple[str, int] | None = None

    @property
    def absolute(self) -> bool:
        return self.base is None


def evaluate(e: object, lookup: Callable[[Sym], Value]) -> Value:
    """Evaluate a tree; ``lookup`` gives a symbol's value (raising ExprError when it must).

    A tree too deep to evaluate recursively (a very long chain of operators, or of symbols
    defined in terms of one another through ``lookup``) is an ExprError.
    """
    try:
        return _evaluate(e, lookup)
    except RecursionError:
        raise ExprError("expression too deeply nested to evaluate", e.col) from None


def _fit(value: int, op: str, col: int) -> int:
    """``value``, the result of ``op``, when it fits in 64 bits (signed or unsigned)."""
    if not -_LIMIT <= value < _LIMIT:
        raise ExprError(f"result of '{op}' does not fit in 64 bits", col)
    return value


def _evaluate(e: object, lookup: Callable[[Sym], Value]) -> Value:
    if isinstance(e, Num):
        return Value(e.value)
    if isinstance(e, Dot):
        return Value(e.value, ("section", e.section))
    if isinstance(e, Sym):
        return lookup(e)
    if isinstance(e, Unary):
        v = _evaluate(e.operand, lookup)
        if e.op == "+":
            return v
        if not v.absolute:
            raise ExprError(f"unary '{e.op}' applied to a relocatable value", e.col)
        return Value(_fit({"-": -v.constant, "~": ~v.constant, "!": int(not v.constant)}[e.op],
                          e.op, e.col))
    assert isinstance(e, Binary)
    a = _evaluate(e.left, lookup)
    b = _evaluate(e.right, lookup)
    if e.op == "+":
        if a.base is not None and b.base is not None:
            raise ExprError("cannot add two relocatable values", e.col)
        return Value(_fit(a.constant + b.constant, e.op, e.col), a.base or b.base,
                     a.via or b.via)
    if e.op == "-":
        if b.base is None:
            return Value(_fit(a.constant - b.constant, e.op, e.col), a.base, a.via)
        if a.base is not None and a.base[0] == b.base[0] == "section" and a.base[1] is b.base[1]:
            return Value(_fit(a.constant - b.constant, e.op, e.col))
        raise ExprError("cannot subtract symbols that are not in the same section", e.col)
    if not (a.absolute and b.absolute):
        raise ExprError(f"operator '{e.op}' needs constant operands", e.col)
    x, y = a.constant, b.constant
    if e.op in ("/", "%"):
        if y == 0:
            raise ExprError("division by zero", e.col)
        q = abs(x) // abs(y) * (1 if (x >= 0) == (y >= 0) else -1)  # C truncation
        return Value(_fit(q if e.op == "/" else x - q * y, e.op, e.col))
    if e.op in ("<<", ">>"):
        if y < 0 or y > 64:
            raise ExprError(f"shift count {y} out of range 0..64", e.col)
        return Value(_fit(x << y if e.op == "<<" else x >> y, e.op, e.col))
    return Value(_fit({"*": x * y, "&": x & y, "|": x | y, "^": x ^ y}[e.op], e.op, e.col))
