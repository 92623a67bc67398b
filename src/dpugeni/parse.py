"""DIDL text → syntax tree (:mod:`dpugeni.syntax`), with syntax errors in words.

The grammar is ``grammar.lark`` (LALR(1) with a contextual lexer, so keywords such as ``in`` or
``host`` stay usable as names).  Comments are not part of the grammar: a scanner finds them first,
and the comments just before a function, an actor, a message, a parameter or a binding (or just
after a message, a parameter or a binding on the same line) become its documentation.

Errors do not stop at the first: the file is cut before every ``function`` and ``actor`` keyword
and each piece is parsed on its own, so every broken function or actor is reported.  :func:`parse` raises
:class:`~dpucore.diag.DiagnosticError` holding them all; :func:`parse_partial` returns the tree of
what parsed and the diagnostics, for a caller that goes on checking.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import lark
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from dpucore.diag import Diagnostic, DiagnosticError

from .syntax import (ActorNode, BindingNode, ChannelNode, File, FunctionNode, MessageNode,
                     Number, ParamNode, Span, TypeNode, Word)

# What each terminal of the grammar is, in words.
_WORDS = {
    "FUNCTION": "'function'",
    "ACTOR": "'actor'",
    "ON": "'on tasklets a..b' or 'on tasklet t'",
    "TASKLETS": "'tasklets a..b' or 'tasklet t'",
    "MESSAGE": "'message'",
    "NAME": "a name",
    "INT": "a number",
    "DIRECTION": "a direction (in, out or inout)",
    "TYPE": "a type such as u32 or i8[4]",
    "LPAR": "'('",
    "RPAR": "')'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LSQB": "'['",
    "RSQB": "']'",
    "COMMA": "','",
    "COLON": "':'",
    "ARROW": "'<-'",
    "DOTDOT": "'..'",
    "$END": "the end of the file",
}
_CHANNELS = {"SYSMBOX", "MBOX", "HOST", "MRAM"}
_CHANNEL_WORDS = "a channel: sysmbox[i], mbox[a..b][i], host NAME or mram[ADDR]"
# The word before a position, skipping spaces (comments are blanked before parsing).
_LAST_WORD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\Z")
# Where a function or an actor starts: the keyword, not a parameter or binding named so.
_ITEM_START = re.compile(r"(?<![A-Za-z0-9_])(?:function(?=\s*[A-Za-z_(])|actor(?=\s*[A-Za-z_{]))"
                         r"(?![A-Za-z0-9_])")
# Words after which "function" or "actor" is a name ("function actor(", "message function(").
_NAMING = ("function", "actor", "message")
_TOP_LEVEL = "a function or an actor ('function name(parameters) { bindings }' or " \
             "'actor Name on tasklets a..b { messages }')"
_MAX_DIGITS = 40


@lru_cache(maxsize=1)
def _parser() -> lark.Lark:
    grammar = resources.files("dpugeni").joinpath("grammar.lark").read_text("utf-8")
    return lark.Lark(grammar, parser="lalr", lexer="contextual", propagate_positions=True,
                     maybe_placeholders=False)


# ---------------------------------------------------------------------------- comments


@dataclass(frozen=True)
class _Comment:
    start: int
    end: int
    text: str


def _scan_comments(text: str) -> tuple[list[_Comment], int | None]:
    """The comments of ``text`` and the offset of an unterminated ``/*`` (None if none)."""
    out: list[_Comment] = []
    i, n = 0, len(text)
    while i < n:
        j = text.find("/", i)
        if j < 0 or j + 1 >= n:
            break
        if text[j + 1] == "/":
            end = text.find("\n", j)
            end = n if end < 0 else end
            out.append(_Comment(j, end, text[j:end]))
            i = end
        elif text[j + 1] == "*":
            end = text.find("*/", j + 2)
            if end < 0:
                return out, j
            out.append(_Comment(j, end + 2, text[j:end + 2]))
            i = end + 2
        else:
            i = j + 1
    return out, None


def _blank(text: str) -> str:
    """``text`` with every character but newlines replaced by a space (positions are kept)."""
    return re.sub(r"[^\n]", " ", text)


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] for line in lines]


def _comment_lines(comment: str) -> list[str]:
    """The text lines of one comment: ``// text`` loses the slashes and one space; a block
    comment its delimiters, the stars that start its lines (``/** ... * ... */``) with one space
    after them, and the indentation its continuation lines share."""
    if comment.startswith("//"):
        body = comment.lstrip("/")
        return [body[1:] if body.startswith(" ") else body]
    body = comment[2:-2] if comment.endswith("*/") else comment[2:]
    lines = body.lstrip("*").rstrip("*").split("\n")
    rest = []
    for line in lines[1:]:
        stripped = line.lstrip()
        if stripped.startswith("*"):
            stripped = stripped[1:]
            rest.append(stripped[1:] if stripped.startswith(" ") else stripped)
        else:
            rest.append(line)
    return [lines[0].strip()] + _dedent([line.rstrip() for line in rest])


def _doc_text(comments: list[_Comment]) -> str:
    lines: list[str] = []
    for c in comments:
        lines.extend(line.rstrip() for line in _comment_lines(c.text))
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    doc = "\n".join(lines)
    # Control characters would break the targets' comments and strings.
    return "".join(c if c in "\t\n" or unicodedata.category(c) != "Cc" else "\ufffd" for c in doc)


class _Docs:
    """Finds the documentation comments of the items of one file."""

    def __init__(self, text: str, comments: list[_Comment]):
        self.text = text
        self.by_end = {c.end: c for c in comments}
        self.by_start = {c.start: c for c in comments}

    def leading(self, pos: int) -> list[_Comment]:
        """The comments just before ``pos``: each starts its own line, and no blank line
        separates them from each other or from the item."""
        text, found, i = self.text, [], pos
        while True:
            j = i
            while j > 0 and text[j - 1] in " \t\r\f\n":
                j -= 1
            if text.count("\n", j, i) > 1:
                break
            c = self.by_end.get(j)
            if c is None:
                break
            line_start = text.rfind("\n", 0, c.start) + 1
            if text[line_start:c.start].strip():
                break  # it trails something else on its line
            found.insert(0, c)
            i = c.start
        return found

    def trailing(self, end: int) -> list[_Comment]:
        """A comment after ``end`` on the same line, past an optional comma."""
        m = re.compile(r"[ \t]*,?[ \t]*").match(self.text, end)
        c = self.by_start.get(m.end())
        return [c] if c is not None else []

    def of(self, start: int, end: int | None = None) -> str:
        comments = self.leading(start)
        if end is not None:
            comments += self.trailing(end)
        return _doc_text(comments)


# ---------------------------------------------------------------------------- tree building


def _span(node) -> Span:
    if isinstance(node, lark.Token):
        return Span(node.line, node.column, node.end_line, node.end_column)
    m = node.meta
    return Span(m.line, m.column, m.end_line, m.end_column)


def _word(tok: lark.Token) -> Word:
    return Word(str(tok), _span(tok))


def _number(tok: lark.Token) -> Number:
    text = str(tok)
    if len(text) > _MAX_DIGITS:
        value = 1 << 160  # more than any limit: the checks say it is out of range
    elif text[:2].lower() in ("0x", "0b"):
        value = int(text, 0)
    else:
        value = int(text, 10)
    return Number(value, text, _span(tok))


def _tokens(tree: lark.Tree, kind: str) -> list[lark.Token]:
    return [c for c in tree.children if isinstance(c, lark.Token) and c.type == kind]


def _channel(tree: lark.Tree) -> ChannelNode:
    ints = [_number(t) for t in _tokens(tree, "INT")]
    span = _span(tree)
    kind = tree.data
    if kind == "sysmbox":
        return ChannelNode("sysmbox", span, word=ints[0])
    if kind == "mbox":
        if len(ints) == 3:
            return ChannelNode("mbox", span, first=ints[0], last=ints[1], word=ints[2])
        return ChannelNode("mbox", span, first=ints[0], word=ints[1])
    if kind == "host":
        name = _tokens(tree, "NAME")[0]
        return ChannelNode("host", span, symbol=_word(name), offset=ints[0] if ints else None)
    return ChannelNode("mram", span, address=ints[0])


def _subtree(tree: lark.Tree, data: str) -> lark.Tree:
    return next(c for c in tree.children if isinstance(c, lark.Tree) and c.data == data)


def _params(params_tree: lark.Tree, docs: _Docs) -> tuple[ParamNode, ...]:
    params = []
    for p in params_tree.children:
        if not isinstance(p, lark.Tree):
            continue
        pname, _, direction, type_tree = p.children
        length = _tokens(type_tree, "INT")
        ptype = TypeNode(_word(type_tree.children[0]), _number(length[0]) if length else None,
                         _span(type_tree))
        params.append(ParamNode(_word(pname), _word(direction), ptype,
                                docs.of(pname.start_pos, p.meta.end_pos), _span(p)))
    return tuple(params)


def _function(tree: lark.Tree, docs: _Docs) -> FunctionNode:
    kw = tree.children[0]
    name = _tokens(tree, "NAME")[0]
    params = _params(_subtree(tree, "params"), docs)
    bindings_tree = _subtree(tree, "bindings")
    bindings = []
    for b in bindings_tree.children:
        if not isinstance(b, lark.Tree):
            continue
        target, _, channel = b.children
        bindings.append(BindingNode(_word(target), _channel(channel),
                                    docs.of(target.start_pos, b.meta.end_pos), _span(b)))
    return FunctionNode(_word(name), params, tuple(bindings), docs.of(kw.start_pos),
                        _span(tree))


def _actor(tree: lark.Tree, docs: _Docs) -> ActorNode:
    kw = tree.children[0]
    name = _tokens(tree, "NAME")[0]
    tasklets = _tokens(tree, "TASKLETS")[0]
    ints = [_number(t) for t in _tokens(tree, "INT")]
    last_tok = _tokens(tree, "INT")[-1]
    where = Span(tasklets.line, tasklets.column, last_tok.end_line, last_tok.end_column)
    messages = []
    for m in _subtree(tree, "messages").children:
        if not isinstance(m, lark.Tree):
            continue
        m_kw = m.children[0]
        m_name = _tokens(m, "NAME")[0]
        messages.append(MessageNode(_word(m_name), _params(_subtree(m, "params"), docs),
                                    docs.of(m_kw.start_pos, m.meta.end_pos), _span(m)))
    return ActorNode(_word(name), ints[0], ints[1] if len(ints) > 1 else None, where,
                     tuple(messages), docs.of(kw.start_pos), _span(tree))


# ---------------------------------------------------------------------------- errors


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _expected(names: set[str], before: str) -> str:
    names = set(names)
    if names == {"NAME"}:
        m = _LAST_WORD.search(before)
        last = m.group(1) if m else ""
        if last == "function":
            return "a function name"
        if last == "actor":
            return "an actor name"
        if last == "message":
            return "a message name"
        if last == "host":
            return "the name of a host-visible variable"
    if names == {"NAME", "RPAR"}:
        return "a parameter such as 'length: in u32', or ')'"
    if names == {"NAME", "RBRACE"}:
        return "a binding such as 'length <- sysmbox[0]', or '}'"
    if names == {"MESSAGE", "RBRACE"}:
        return "a message such as 'message get(key: in u32, value: out u32)', or '}'"
    if names <= {"FUNCTION", "ACTOR", "$END"} and names & {"FUNCTION", "ACTOR"}:
        return _TOP_LEVEL
    words = []
    if names & _CHANNELS:
        words.append(_CHANNEL_WORDS)
        names -= _CHANNELS
    words += sorted(_WORDS.get(n, n) for n in names)
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _syntax_error(e: UnexpectedInput, text: str, cut: int | None,
                  keyword: str = "function") -> tuple[int, str, int]:
    """(offset, message, length to underline) of a lark error; ``cut`` is where the next piece
    starts (at ``keyword``, ``function`` or ``actor``), None for the last piece."""
    if isinstance(e, UnexpectedCharacters):
        pos = e.pos_in_stream
        expected = _expected(set(e.allowed or ()), text[:pos])
        return pos, f"expected {expected}, found {e.char!r}", 1
    assert isinstance(e, UnexpectedToken)
    tok = e.token
    if tok.type == "$END":
        if cut is not None:  # the piece ended where the next function or actor starts
            return (cut, f"expected {_expected(set(e.expected), text[:cut])}, found '{keyword}'",
                    len(keyword))
        pos = len(text.rstrip())
        return pos, f"expected {_expected(set(e.expected), text[:pos])}, found the end of the file", 1
    pos = tok.start_pos
    shown = str(tok)
    return pos, f"expected {_expected(set(e.expected), text[:pos])}, found '{shown}'", len(shown)


# ---------------------------------------------------------------------------- entry points


def _word_before(text: str, pos: int) -> str:
    """The name just before ``pos``, spaces skipped ("" when something else is there)."""
    end = pos
    while end > 0 and text[end - 1] in " \t\r\n\f":
        end -= 1
    start = end
    while start > 0 and (text[start - 1] == "_" or text[start - 1].isascii()
                         and text[start - 1].isalnum()):
        start -= 1
    return text[start:end]


def parse_partial(text: str, path: str = "<input>") -> tuple[File, list[Diagnostic]]:
    """The functions and actors that parse, and a diagnostic for every piece that does not."""
    lines = text.split("\n")
    diags: list[Diagnostic] = []

    def report(pos: int, message: str, length: int = 1) -> None:
        line, col = _line_col(text, pos)
        diags.append(Diagnostic("error", message, path, line, col, lines[line - 1], length))

    comments, unterminated = _scan_comments(text)
    clean = text
    for c in comments:
        clean = clean[:c.start] + _blank(c.text) + clean[c.end:]
    limit = len(text)
    if unterminated is not None:
        report(unterminated, "unterminated comment: '/*' without '*/'", 2)
        clean = clean[:unterminated] + _blank(clean[unterminated:])
        limit = unterminated
    docs = _Docs(text, comments)
    starts: list[int] = []
    for m in _ITEM_START.finditer(clean):
        if _word_before(clean, m.start()) in _NAMING:
            continue  # "function function(", "actor actor on", "message function(": a name
        starts.append(m.start())
    bounds = sorted({0, *starts}) + [len(clean)]
    functions: list[FunctionNode] = []
    actors: list[ActorNode] = []
    parser = _parser()
    for k in range(len(bounds) - 1):
        lo, hi = bounds[k], bounds[k + 1]
        piece = clean[lo:hi]
        if not piece.strip():
            continue
        source = _blank(clean[:lo]) + piece
        try:
            tree = parser.parse(source)
        except UnexpectedInput as e:
            cut = hi if hi < len(clean) else None
            keyword = _ITEM_START.match(clean, hi).group(0) if cut is not None else ""
            pos, message, length = _syntax_error(e, source, cut, keyword)
            if pos < limit or unterminated is None:
                report(pos, message, length)
            continue
        for item in tree.children:
            if item.data == "function":
                functions.append(_function(item, docs))
            else:
                actors.append(_actor(item, docs))
    return File(path, text, tuple(functions), tuple(actors)), diags


def parse(text: str, path: str = "<input>") -> File:
    """Parse a DIDL file; raises DiagnosticError listing every syntax error."""
    tree, diags = parse_partial(text, path)
    if diags:
        raise DiagnosticError(diags)
    return tree
