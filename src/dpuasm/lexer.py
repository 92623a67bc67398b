"""Tokens of DPU assembly lines.

The assembler works line by line (one statement per line, or several separated by ``;``), so the
lexer turns one physical line into tokens that remember their column for diagnostics.  Block
comments are removed beforehand by :func:`strip_block_comments`, which keeps line numbers intact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dpucore.isa import is_register_name

ID, NUM, STR, OP, LABELREF = "id", "num", "str", "op", "labelref"

_ID_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.$")
_ID_CHARS = _ID_START | set("0123456789")
_TWO_CHAR_OPS = ("<<", ">>", "==", "!=", "<=", ">=", "&&", "||")
_ONE_CHAR_OPS = set(",:()+-*/%&|^~!=<>@;")
_DIGITS = set("0123456789")  # ASCII only: str.isdigit() also accepts '²' and '٣'
_MAX_NUMBER = (1 << 64) - 1
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0",
            "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str  # source text (identifiers: as written; strings: decoded contents)
    col: int  # 1-based column of the first character
    value: int = 0  # numbers; numeric label references: the label number
    end: int = 0  # 1-based column just after the token

    @property
    def length(self) -> int:
        return max(1, self.end - self.col)


class LexError(ValueError):
    def __init__(self, message: str, col: int):
        super().__init__(message)
        self.col = col


# What the comment stripper must step over, in the order it tries them at each position: a string
# literal (ended by its quote or by the end of the line; a backslash escapes any character), a
# line comment (kept: tokenize drops it), a block comment (to its end, or the end of the text).
_SKIPPED = re.compile(r'"(?:\\[\s\S]?|[^"\\\n])*["\n]?|//[^\n]*|(/\*[\s\S]*?(?:\*/|\Z))')
_NOT_NEWLINE = re.compile(r"[^\n]")


def strip_block_comments(text: str) -> str:
    """Replace ``/* … */`` comments with spaces (newlines kept), respecting string literals."""
    if "/*" not in text:
        return text
    return _SKIPPED.sub(lambda m: _NOT_NEWLINE.sub(" ", m[1]) if m[1] else m[0], text)


def _number(s: str, i: int) -> tuple[int, int, str | None]:
    """Parse a number at ``s[i]``; returns (value, end, label suffix 'b'/'f' or None).

    Numbers are at most 64 bits: nothing wider fits an operand or a data word, and the limit
    keeps every later computation and message small.
    """
    n = len(s)
    j = i
    if s.startswith(("0x", "0X"), i):
        j = i + 2
        while j < n and s[j] in "0123456789abcdefABCDEF_":
            j += 1
        digits = s[i + 2:j].replace("_", "")
        if not digits:
            raise LexError("hexadecimal number without digits", i + 1)
        value = int(digits, 16)
    elif s.startswith(("0b", "0B"), i) and i + 2 < n and s[i + 2] in "01":
        j = i + 2
        while j < n and s[j] in "01_":
            j += 1
        value = int(s[i + 2:j].replace("_", ""), 2)
    else:
        while j < n and s[j] in _DIGITS:
            j += 1
        text = s[i:j]
        if len(text.lstrip("0")) > 20:  # before int(): Python refuses very long decimals
            raise LexError("number does not fit in 64 bits", i + 1)
        if j < n and s[j] in "bf" and (j + 1 >= n or s[j + 1] not in _ID_CHARS):
            return int(text), j + 1, s[j]
        value = int(text, 8) if len(text) > 1 and text[0] == "0" \
            and all(ch in "01234567" for ch in text) else int(text)
    if j < n and s[j] in _ID_CHARS:
        raise LexError(f"invalid character '{s[j]}' in number", j + 1)
    if value > _MAX_NUMBER:
        raise LexError("number does not fit in 64 bits", i + 1)
    return value, j, None


def _string(s: str, i: int, quote: str) -> tuple[str, int]:
    j = i + 1
    out = []
    n = len(s)
    while j < n and s[j] != quote:
        c = s[j]
        if c == "\\":
            if j + 1 >= n:
                break
            e = s[j + 1]
            if e in "01234567":
                k = j + 1
                while k < n and k < j + 4 and s[k] in "01234567":
                    k += 1
                out.append(chr(int(s[j + 1:k], 8) & 0xFF))
                j = k
                continue
            if e == "x":
                k = j + 2
                while k < n and s[k] in "0123456789abcdefABCDEF":
                    k += 1
                if k == j + 2:
                    raise LexError("\\x used with no following hex digits", j + 1)
                out.append(chr(int(s[j + 2:k], 16) & 0xFF))
                j = k
                continue
            if e not in _ESCAPES:
                raise LexError(f"unknown escape sequence '\\{e}'", j + 1)
            out.append(_ESCAPES[e])
            j += 2
            continue
        out.append(c)
        j += 1
    if j >= n:
        raise LexError("missing terminating " + ("'" if quote == "'" else '"') + " character",
                       i + 1)
    return "".join(out), j + 1


def unquote(body: str) -> str:
    """Decode the escapes of a string literal's contents (without the quotes).

    Raises :class:`LexError` (columns counted from the opening quote) on a bad escape.
    """
    text, _ = _string('"' + body + '"', 0, '"')
    return text


def _register_follows(line: str, i: int) -> bool:
    j = i
    while j < len(line) and line[j] in _ID_CHARS:
        j += 1
    return is_register_name(line[i:j])


def tokenize(line: str) -> list[Token]:
    """Tokens of one line without its ``//`` comment; raises :class:`LexError`."""
    toks: list[Token] = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c in " \t\r\f\v":
            i += 1
            continue
        if line.startswith("//", i):
            break
        if c in _DIGITS:
            value, j, suffix = _number(line, i)
            kind = LABELREF if suffix else NUM
            toks.append(Token(kind, line[i:j], i + 1, value, j + 1))
            i = j
            continue
        if c in _ID_START or (c == "%" and _register_follows(line, i + 1)):
            # `%r0`: the optional register prefix (a register is never a modulo operand).
            j = i + 1
            while j < n and line[j] in _ID_CHARS:
                j += 1
            toks.append(Token(ID, line[i:j], i + 1, 0, j + 1))
            i = j
            continue
        if c == '"':
            text, j = _string(line, i, '"')
            toks.append(Token(STR, text, i + 1, 0, j + 1))
            i = j
            continue
        if c == "'":
            text, j = _string(line, i, "'")
            if len(text) != 1:
                raise LexError("character constant must hold exactly one character", i + 1)
            toks.append(Token(NUM, line[i:j], i + 1, ord(text) & 0xFF, j + 1))
            i = j
            continue
        two = line[i:i + 2]
        if two in _TWO_CHAR_OPS:
            toks.append(Token(OP, two, i + 1, 0, i + 3))
            i += 2
            continue
        if c in _ONE_CHAR_OPS:
            toks.append(Token(OP, c, i + 1, 0, i + 2))
            i += 1
            continue
        raise LexError(f"unexpected character '{c}'", i + 1)
    return toks
