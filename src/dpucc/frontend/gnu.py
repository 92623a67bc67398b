"""GNU C extensions that pycparser does not parse, rewritten before parsing.

The rewriting keeps every line and (almost always) every column where it was, so pycparser's
coordinates still point at the user's text:

- ``__attribute__((...))`` is blanked and recorded (:class:`Attr`) with its position and the
  neighbouring tokens; :func:`attach` later hands each one to the declaration, struct or
  member it belongs to.  ``address_space(N)`` becomes the qualifier ``_Atomic`` in place (DPU
  code never uses C11 atomics; a real ``_Atomic`` is dropped), which the type checker reads as
  "pointer into MRAM" (address space 255);
- ``__extension__`` is blanked; ``__restrict``, ``__inline``, ``__const``, ``__volatile__``,
  ``__signed__`` become their standard spellings; ``__builtin_offsetof`` becomes ``offsetof``;
  ``_Alignof(x)`` / ``__alignof__(x)`` becomes ``_Alignof(typeof(x))`` (below), so that an
  expression operand (GNU) works as a type does;
- ``asm`` labels after declarators are blanked, file-scope ``asm("...")`` is recorded as module
  assembly, and basic ``asm volatile("...")`` statements become calls of ``__dpu_asm("...")``
  extended ``asm("..." : outputs : inputs : clobbers)`` becomes a call of ``__dpu_asm_ext``
  whose arguments carry the constraints and the operand expressions (see _extended_asm);
- ``typeof(x)`` / ``__typeof__(x)`` becomes a reserved typedef name ``__dpucc_typeof_N`` (the
  parser treats these names as types), the operand's text is kept and the code generator
  parses it in the scope where the name is used (pycparser 3 parses ``__builtin_va_arg`` and
  statement expressions itself).

Two GNU forms the parser (``_Parser`` in the package) reads itself, as :class:`Range` nodes:
case ranges (``case 'a' ... 'z':``) and range designators (``[0 ... 9] = 1``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pycparser import c_ast

from dpucore.diag import Diagnostic, DiagnosticError

_TOKEN = re.compile(r'''
    (?P<line>^[ \t]*\#[^\n]*)
  | (?P<ws>[ \t\r\f\v]+|\n)
  | (?P<str>L?"(?:[^"\\\n]|\\.)*")
  | (?P<chr>L?'(?:[^'\\\n]|\\.)*')
  | (?P<id>[A-Za-z_]\w*)
  | (?P<num>\.?\d(?:[eEpP][+-]|[\w.])*)
  | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=|\#\#|.)
''', re.VERBOSE | re.MULTILINE | re.DOTALL)

_RENAME = {
    "__restrict": "restrict", "__restrict__": "restrict", "__inline": "inline",
    "__inline__": "inline", "__const": "const", "__const__": "const",
    "__volatile": "volatile", "__volatile__": "volatile", "__signed__": "signed",
    "__signed": "signed", "__alignof__": "_Alignof", "__alignof": "_Alignof",
    "__builtin_offsetof": "offsetof", "_Noreturn": "",
    "__extension__": "", "_Atomic": "", 
}


TYPEOF_PREFIX = "__dpucc_typeof_"


class Range(c_ast.Node):
    """``lo ... hi`` (both ends included): a GNU case range's label or a range designator's
    index, where pycparser's nodes hold a single expression."""

    __slots__ = ("lo", "hi", "coord", "__weakref__")
    attr_names = ()

    def __init__(self, lo, hi, coord=None):
        self.lo, self.hi, self.coord = lo, hi, coord

    def children(self):
        return (("lo", self.lo), ("hi", self.hi))

    def __iter__(self):
        yield self.lo
        yield self.hi


@dataclass
class Tok:
    kind: str
    text: str
    start: int
    end: int


@dataclass
class Attr:
    items: list  # [(name, [arg texts])]
    pos: int  # offset of "__attribute__" in the rewritten text
    prev: str  # previous significant token
    nxt: str  # next significant token
    brace_open: int | None  # offset of the '{' matching a preceding '}'
    decl_start: int  # offset after the previous ';' '{' '}' (declaration start)
    decl_end: int  # offset of the next ';' or '{' (declaration end)
    paren_depth: int
    file: str | None = None
    line: int = 0
    col: int = 0


@dataclass
class Rewritten:
    text: str
    attrs: list = field(default_factory=list)
    module_asm: list = field(default_factory=list)
    typeofs: list = field(default_factory=list)  # texts of typeof(...) operands


def _tokens(text: str):
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "ws":
            continue
        yield Tok(kind, m.group(), m.start(), m.end())


def _split_top(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for t in _tokens(text):
        if t.text in "([{" and t.kind == "punct":
            depth += 1
        elif t.text in ")]}" and t.kind == "punct":
            depth -= 1
        if t.text == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        cur += t.text + " "
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _parse_attr_items(inner: str) -> list:
    items = []
    for part in _split_top(inner):
        m = re.match(r'\s*(\w+)\s*(?:\((.*)\))?\s*$', part, re.DOTALL)
        if not m:
            continue
        name = m.group(1).strip("_") if m.group(1).startswith("__") else m.group(1)
        args = _split_top(m.group(2)) if m.group(2) is not None else []
        items.append((name, args))
    return items


def rewrite(text: str, filename: str) -> Rewritten:
    toks = [t for t in _tokens(text) if t.kind != "line"]
    out = list(text)
    res = Rewritten("")
    inserts: dict[int, str] = {}

    def blank(a: int, b: int, repl: str = "") -> None:
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "
        for k, ch in enumerate(repl):
            out[a + k] = ch

    def match_paren(i: int) -> int:
        """Index of the token closing the '(' at toks[i]."""
        depth = 0
        for j in range(i, len(toks)):
            if toks[j].kind == "punct":
                if toks[j].text in "([{":
                    depth += 1
                elif toks[j].text in ")]}":
                    depth -= 1
                    if depth == 0:
                        return j
        raise _err(text, filename, toks[i].start, "expected ')' before end of input")

    braces: list[int] = []  # offsets of open '{'
    last_close_open: int | None = None
    paren = 0
    decl_start = 0
    i = 0
    n = len(toks)
    prev_sig = ""
    while i < n:
        t = toks[i]
        if t.kind == "punct":
            if t.text == "{":
                braces.append(t.start)
                decl_start = t.end
            elif t.text == "}":
                last_close_open = braces.pop() if braces else None
                decl_start = t.end
            elif t.text == ";":
                decl_start = t.end
            elif t.text == "(":
                paren += 1
            elif t.text == ")":
                paren = max(0, paren - 1)
        if t.kind == "id":
            if t.text in ("__attribute__", "__attribute"):
                if i + 1 < n and toks[i + 1].text == "(":
                    j = match_paren(i + 1)
                    inner_a = toks[i + 1].end
                    inner_b = toks[j].start
                    inner = text[inner_a:inner_b].strip()
                    if inner.startswith("(") and inner.endswith(")"):
                        inner = inner[1:-1]
                    items = _parse_attr_items(inner)
                    nxt = toks[j + 1].text if j + 1 < n else ""
                    # end of the declaration: next ';' or '{' at this depth
                    end = len(text)
                    depth = 0
                    for k in range(j + 1, n):
                        tk = toks[k]
                        if tk.text in ("(", "["):
                            depth += 1
                        elif tk.text in (")", "]"):
                            depth -= 1
                        elif depth <= 0 and tk.text in (";", "{"):
                            end = tk.start
                            break
                    brace_open = last_close_open if prev_sig == "}" else None
                    asp = [it for it in items if it[0] == "address_space"]
                    rest = [it for it in items if it[0] != "address_space"]
                    blank(t.start, toks[j].end, "_Atomic" if asp else "")
                    if rest:
                        res.attrs.append(Attr(rest, t.start, prev_sig, nxt, brace_open,
                                              decl_start, end, paren))
                    i = j + 1
                    continue
            if t.text in ("_Alignof", "__alignof__", "__alignof") and i + 1 < n \
                    and toks[i + 1].text == "(":
                # _Alignof(expression) (GNU): the alignment of typeof(expression); a type name
                # goes the same way, since typeof(type) is that type
                j = match_paren(i + 1)
                res.typeofs.append((text[toks[i + 1].end:toks[j].start], False))
                name = f"{TYPEOF_PREFIX}{len(res.typeofs) - 1}"
                inserts[t.start] = f"_Alignof({name})"
                blank(t.start, toks[j].end)
                prev_sig = ")"
                i = j + 1
                continue
            if t.text in _RENAME:
                blank(t.start, t.end, _RENAME[t.text])
                i += 1
                continue
            if t.text in ("typeof", "__typeof__", "__typeof", "typeof_unqual") and i + 1 < n \
                    and toks[i + 1].text == "(":
                j = match_paren(i + 1)
                res.typeofs.append((text[toks[i + 1].end:toks[j].start],
                                    t.text == "typeof_unqual"))
                name = f"{TYPEOF_PREFIX}{len(res.typeofs) - 1}"
                inserts[t.start] = name
                blank(t.start, toks[j].end)
                prev_sig = name
                i = j + 1
                continue
            if t.text in ("asm", "__asm__", "__asm"):
                k = i + 1
                while k < n and toks[k].text in ("volatile", "__volatile__", "__volatile",
                                                 "inline", "goto"):
                    k += 1
                if k < n and toks[k].text == "(":
                    j = match_paren(k)
                    statement = prev_sig in (";", "{", "}", ":", ")", "else", "")
                    if not braces:
                        if prev_sig in (";", "}", ""):
                            strs = [tk.text for tk in toks[k + 1:j] if tk.kind == "str"]
                            res.module_asm.append("".join(_unquote(s) for s in strs))
                            blank(t.start, toks[j + 1].end if j + 1 < n and
                                  toks[j + 1].text == ";" else toks[j].end)
                        else:
                            blank(t.start, toks[j].end)  # asm label
                        i = j + 1
                        continue
                    if statement:
                        ext = _extended_asm(toks, k, j, blank, inserts, text, filename)
                        blank(t.start, toks[k].start)
                        inserts[t.start] = "__dpu_asm_ext" if ext else "__dpu_asm"
                        prev_sig = ")"
                        i = j + 1
                        continue
                    blank(t.start, toks[j].end)  # asm label on a local declaration
                    i = j + 1
                    continue
        prev_sig = t.text
        i += 1
    s = "".join(out)
    if inserts:
        parts, last = [], 0
        for pos in sorted(inserts):
            parts.append(s[last:pos])
            parts.append(inserts[pos])
            last = pos
        parts.append(s[last:])
        s = "".join(parts)
        # attribute offsets after an insertion move; recompute them
        for a in res.attrs:
            shift = sum(len(v) for p, v in inserts.items() if p <= a.pos)
            a.pos += shift
            a.decl_start += sum(len(v) for p, v in inserts.items() if p <= a.decl_start)
            a.decl_end += sum(len(v) for p, v in inserts.items() if p <= a.decl_end)
            if a.brace_open is not None:
                a.brace_open += sum(len(v) for p, v in inserts.items() if p <= a.brace_open)
    res.text = s
    return res


def _unquote(s: str) -> str:
    s = s[1:-1] if not s.startswith("L") else s[2:-1]
    return bytes(s, "utf-8").decode("unicode_escape")


def _extended_asm(toks, k: int, j: int, blank, inserts, text: str, filename: str) -> bool:
    """Rewrite the operand lists of ``asm(template : outputs : inputs : clobbers)`` in place
    (toks[k] is '(' and toks[j] its ')') into arguments of ``__dpu_asm_ext``: each operand
    ``[name] "constraint" (expr)`` becomes ``"o[name]constraint", (expr)`` (``i`` for inputs),
    each clobber ``"c<clobber>"``; the expressions keep their place in the text, so their
    diagnostics point at them.  False for basic asm (no ':')."""
    colons, depth = [], 0
    for m in range(k + 1, j):
        tk = toks[m]
        if tk.kind == "punct" and tk.text in "([{":
            depth += 1
        elif tk.kind == "punct" and tk.text in ")]}":
            depth -= 1
        elif tk.text == ":" and depth == 0:
            colons.append(m)
    if not colons:
        return False
    if len(colons) > 3:
        raise _err(text, filename, toks[colons[3]].start, "expected ')' before ':' token")
    bounds = colons + [j]
    for sec, c in enumerate(colons):
        blank(toks[c].start, toks[c].end)
        m, end = c + 1, bounds[sec + 1]
        while m < end:
            start = m
            name = ""
            if toks[m].text == "[":
                if m + 2 >= end or toks[m + 2].text != "]":
                    raise _err(text, filename, toks[m].start, "expected identifier before "
                                                              f"'{toks[m + 1].text}' token")
                name = f"[{toks[m + 1].text}]"
                m += 3
            if m >= end or toks[m].kind != "str":
                raise _err(text, filename, toks[min(m, end)].start,
                           "expected string-literal before "
                           f"'{toks[min(m, end)].text}' token")
            constraint = toks[m].text[1:-1]
            kind = "oic"[sec]
            blank(toks[start].start, toks[m].end)
            spec = f'"{kind}{name}{constraint}"'
            m += 1
            if kind != "c":
                if m >= end or toks[m].text != "(":
                    raise _err(text, filename, toks[min(m, end)].start,
                               "expected '(' before "
                               f"'{toks[min(m, end)].text}' token")
                spec += ","
                m = _close(toks, m) + 1
            inserts[toks[start].start] = inserts.get(toks[start].start, "") + ", " + spec
            if m < end:
                if toks[m].text != ",":
                    raise _err(text, filename, toks[m].start,
                               f"expected ')' before '{toks[m].text}' token")
                blank(toks[m].start, toks[m].end)
                m += 1
    return True


def _close(toks, i: int) -> int:
    depth = 0
    for m in range(i, len(toks)):
        if toks[m].kind == "punct" and toks[m].text in "([{":
            depth += 1
        elif toks[m].kind == "punct" and toks[m].text in ")]}":
            depth -= 1
            if depth == 0:
                return m
    return len(toks) - 1


def _err(text: str, filename: str, offset: int, message: str) -> DiagnosticError:
    file, line, col, src = locate(text, filename, offset)
    return DiagnosticError(Diagnostic("error", message, file, line, col, src))


_LINE = re.compile(r'^[ \t]*#\s*(?:line\s+)?(\d+)(?:\s+"([^"]*)")?', re.MULTILINE)


class LineMap:
    """Maps offsets of preprocessed text to (file, line, col), following #line markers."""

    def __init__(self, text: str, filename: str):
        self.starts = [0]
        for m in re.finditer("\n", text):
            self.starts.append(m.end())
        self.phys: list[tuple[str, int]] = []
        file, line = filename, 1
        lines = text.split("\n")
        self.lines = lines
        for ln in lines:
            m = _LINE.match(ln)
            if m:
                self.phys.append((file, line))
                line = int(m.group(1))
                if m.group(2) is not None:
                    file = m.group(2)
                continue
            self.phys.append((file, line))
            line += 1
        self.index: dict[tuple[str, int], int] = {}
        for k, fl in enumerate(self.phys):
            if not _LINE.match(lines[k]):
                self.index.setdefault(fl, k)

    def closing_brace(self, file: str, line: int, col: int):
        """(file, line, col, source) of the '}' matching the '{' at a position, or None."""
        off = self.offset(file, line, col)
        if off is None:
            return None
        text = "\n".join(self.lines)
        depth = 0
        for m in _TOKEN.finditer(text, off):
            t = m.group()
            if m.lastgroup == "punct":
                if t == "{":
                    depth += 1
                elif t == "}":
                    depth -= 1
                    if depth == 0:
                        return self.locate(m.start())
        return None

    def locate(self, offset: int):
        import bisect
        k = bisect.bisect_right(self.starts, offset) - 1
        file, line = self.phys[k]
        return file, line, offset - self.starts[k] + 1, self.lines[k]

    def offset(self, file: str, line: int, col: int) -> int | None:
        k = self.index.get((file, line))
        if k is None:
            return None
        return self.starts[k] + col - 1

    def source_line(self, file: str, line: int) -> str | None:
        k = self.index.get((file, line))
        return None if k is None else self.lines[k]


def locate(text: str, filename: str, offset: int):
    return LineMap(text, filename).locate(offset)
