"""A parser for the textual LLVM IR the optimiser prints (the subset a C front end produces).

llvmlite's value API cannot show icmp predicates, GEP source types or initialisers, so the back
end reads the module's text.  The result is a small object model: :class:`Module` with
:class:`Global` and :class:`Function`; functions hold :class:`Block` lists of :class:`Inst`.

Operands are tuples: ``('local', name)``, ``('global', name)``, ``('int', value)``,
``('null',)``, ``('undef',)``, ``('expr', opcode, ...)`` for constant expressions
(``('expr', 'gep', srctype, base, [(type, index), ...])``, ``('expr', 'cast', op, value, type)``,
``('expr', 'bin', op, a, b)``).  Types: ``'i1' .. 'i64'``, ``'ptr'``, ``'void'``, ``'float'``…,
``('array', n, elt)``, ``('struct', (elts...), packed)``, ``('vector', n, elt)``, ``('fn', ret, params, vararg)``.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass, field
from typing import NamedTuple


class ParseError(Exception):
    pass


# The DPU has no FPU: a float is the 32 bits of its IEEE-754 encoding and a double the 64 bits
# of its own, held, loaded, stored, passed and returned exactly like i32 and i64 (the runtime's
# soft-float routines take and return them so).  The front end turns every floating-point
# operation into a call, so reading the types as integers here leaves the back end nothing
# floating-point to select; constants become their bit patterns.
_FLOAT_AS_INT = {"float": "i32", "double": "i64"}


def float_bits(tok: str, ty) -> int:
    """Bit pattern of an LLVM floating-point constant of type ``ty`` (already ``i32``/``i64``).

    LLVM prints a float constant in the double format: a decimal that reads back exactly, or
    ``0x`` and the 16 hex digits of the double encoding of the (exactly representable) value.
    """
    if tok.startswith("0x"):  # the double's bits, without leading zeros (0x10000000000000)
        if not 2 < len(tok) <= 18 or tok[2] in "KLMHR":
            raise ParseError(f"unsupported floating-point constant {tok}")
        bits = int(tok, 16)
    else:
        bits = struct.unpack("<Q", struct.pack("<d", float(tok)))[0]
    if ty == "i64":
        return bits
    if ty != "i32":
        raise ParseError(f"floating-point constant {tok} of type {ty}")
    sign = (bits >> 63) << 31
    if (bits >> 52) & 0x7FF == 0x7FF:  # inf or NaN: keep the payload's top bits
        return sign | 0x7F800000 | ((bits >> 29) & 0x7FFFFF)
    value = struct.unpack("<d", struct.pack("<Q", bits))[0]
    return struct.unpack("<I", struct.pack("<f", value))[0]


_TOKEN = re.compile(r'''\s*(
    c"[^"]*" | "[^"]*" |
    [%@!](?:"[^"]*"|[-\w.$]+) |
    \#\d+ |
    0x[0-9A-Fa-f]+ | -?\d+(?:\.\d+(?:[eE][+-]?\d+)?)? |
    \.\.\. | [A-Za-z_$.][\w.$]* |
    [{}\[\]()<>,=*:|]
)''', re.VERBOSE)


def tokenize(line: str) -> list[str]:
    out = []
    pos = 0
    n = len(line)
    while pos < n:
        if line[pos].isspace():
            pos += 1
            continue
        if line[pos] == ";":
            break
        m = _TOKEN.match(line, pos)
        if not m:
            raise ParseError(f"cannot tokenize {line[pos:pos + 20]!r}")
        out.append(m.group(1))
        pos = m.end()
    return out


def _unquote(name: str) -> str:
    if name[1:2] == '"':
        return name[2:-1]
    return name[1:]


def decode_cstring(tok: str) -> bytes:
    body = tok[2:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 2 < len(body) + 1 and re.match(r"[0-9A-Fa-f]{2}", body[i + 1:i + 3]):
            out.append(int(body[i + 1:i + 3], 16))
            i += 3
        elif ch == "\\" and body[i + 1:i + 2] == "\\":
            out.append(0x5C)
            i += 2
        else:
            out += ch.encode("utf-8")
            i += 1
    return bytes(out)


class SourceLoc(NamedTuple):
    """A source position from the debug metadata: ``name`` relative to ``directory`` unless
    absolute; line 0 is LLVM's "no particular line" (code merged from several)."""

    directory: str
    name: str
    line: int
    column: int


@dataclass
class Inst:
    op: str
    name: str | None = None  # result name (without %)
    ty: object = None  # result type (or the operated type)
    args: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    loc: SourceLoc | None = None  # with -g: where the instruction's code comes from

    def __repr__(self) -> str:
        return f"Inst({self.op} %{self.name} {self.ty} {self.args} {self.extra})"


@dataclass
class Block:
    name: str
    insts: list[Inst] = field(default_factory=list)


@dataclass
class Function:
    name: str
    ret: object
    params: list  # [(type, name)]
    vararg: bool
    linkage: str
    section: str | None = None
    blocks: list[Block] = field(default_factory=list)
    declaration: bool = False
    loc: SourceLoc | None = None  # with -g: the line of the body's opening brace


@dataclass
class Global:
    name: str
    ty: object
    init: object  # constant tree or None (external)
    linkage: str
    constant: bool
    addrspace: int = 0
    section: str | None = None
    align: int | None = None


@dataclass
class Module:
    globals: dict[str, Global] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    types: dict[str, object] = field(default_factory=dict)
    # -g: the front end's variables (frontend/debuginfo.py): function -> [{alloca, name, …}]
    variables: dict[str, list] = field(default_factory=dict)
    unit_file: tuple[str, str] | None = None  # -g: (directory, name) of the compile unit


LINKAGES = {"private", "internal", "external", "weak", "weak_odr", "linkonce", "linkonce_odr",
            "common", "available_externally", "extern_weak", "appending"}
_SKIP_WORDS = {"dso_local", "dso_preemptable", "local_unnamed_addr", "unnamed_addr", "hidden",
               "protected", "default", "thread_local", "externally_initialized", "fastcc", "ccc",
               "coldcc", "noundef", "nonnull", "signext", "zeroext", "inreg", "noalias",
               "nocapture", "readonly", "writeonly", "readnone", "returned", "nofree", "noinline",
               "immarg", "nonlazybind", "dllimport", "dllexport", "tail", "musttail", "notail",
               "fast", "nnan", "ninf", "nsz", "arcp", "contract", "afn", "reassoc", "volatile",
               "swiftself", "nest", "allocalign", "allocptr", "noext"}
_PAREN_ATTRS = {"dereferenceable", "dereferenceable_or_null", "captures", "range", "alignstack",
                "byval", "sret", "elementtype", "inalloca", "preallocated", "nofpclass",
                "initializes", "memory", "allockind", "allocsize", "vscale_range", "uwtable",
                "byref", "dead_on_return", "dead_on_unwind"}


class P:
    """Recursive-descent reader over one token list."""

    def __init__(self, toks: list[str], module: Module):
        self.t = toks
        self.i = 0
        self.m = module

    def peek(self, k: int = 0) -> str | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def next(self) -> str:
        if self.i >= len(self.t):
            raise ParseError("unexpected end of line")
        tok = self.t[self.i]
        self.i += 1
        return tok

    def accept(self, tok: str) -> bool:
        if self.peek() == tok:
            self.i += 1
            return True
        return False

    def expect(self, tok: str) -> None:
        got = self.next()
        if got != tok:
            raise ParseError(f"expected {tok!r}, got {got!r}")

    def skip_attrs(self) -> None:
        while True:
            p = self.peek()
            if p is None:
                return
            if p in _SKIP_WORDS or p.startswith("#"):
                self.i += 1
            elif p == "align" and self.peek(1) and self.peek(1)[0].isdigit():
                self.i += 2
            elif p in _PAREN_ATTRS and self.peek(1) == "(":
                self.i += 1
                self.skip_group()
            elif p in ("byval", "sret", "inalloca"):
                self.i += 1
            else:
                return

    def skip_group(self) -> None:
        depth = 0
        while True:
            tok = self.next()
            if tok in ("(", "[", "{", "<"):
                depth += 1
            elif tok in (")", "]", "}", ">"):
                depth -= 1
                if depth == 0:
                    return

    # ------------------------------------------------------------------ types

    def type(self):
        tok = self.next()
        if tok == "<" and self.peek() == "{":
            self.next()
            ty = self.struct_body(packed=True)
            self.expect(">")
        elif tok == "{":
            ty = self.struct_body(packed=False)
        elif tok == "[":
            n = int(self.next())
            self.expect("x")
            elt = self.type()
            self.expect("]")
            ty = ("array", n, elt)
        elif tok == "<":
            n = int(self.next())
            self.expect("x")
            elt = self.type()
            self.expect(">")
            ty = ("vector", n, elt)
        elif tok.startswith("%"):
            name = _unquote(tok)
            ty = ("named", name)
        elif tok == "ptr":
            self.last_addrspace = 0
            if self.peek() == "addrspace":
                self.next()
                self.expect("(")
                self.last_addrspace = int(self.next())
                self.expect(")")
            ty = "ptr"
        elif tok in _FLOAT_AS_INT:
            ty = _FLOAT_AS_INT[tok]
        elif re.fullmatch(r"i\d+|void|half|fp128|x86_fp80|label|metadata|token|opaque", tok):
            ty = tok
        else:
            raise ParseError(f"unknown type {tok!r}")
        if self.peek() == "(" and not self._looks_like_call_args():
            # function type
            self.next()
            params, vararg = [], False
            while not self.accept(")"):
                if self.accept("..."):
                    vararg = True
                else:
                    params.append(self.type())
                    self.skip_attrs()
                self.accept(",")
            ty = ("fn", ty, tuple(params), vararg)
        while self.peek() == "*":
            self.next()
            ty = "ptr"
        return ty

    def _looks_like_call_args(self) -> bool:
        return False

    def struct_body(self, packed: bool):
        elts = []
        while not self.accept("}"):
            elts.append(self.type())
            self.accept(",")
        return ("struct", tuple(elts), packed)

    # ------------------------------------------------------------------ values

    def value(self, ty):
        tok = self.next()
        if tok.startswith("%"):
            return ("local", _unquote(tok))
        if tok.startswith("@"):
            return ("global", _unquote(tok))
        if re.fullmatch(r"-?\d+", tok):
            return ("int", int(tok))
        if tok.startswith("0x") or re.fullmatch(r"-?\d+\.\d+(?:[eE][+-]?\d+)?", tok):
            return ("int", float_bits(tok, ty))
        if tok == "true":
            return ("int", 1)
        if tok == "false":
            return ("int", 0)
        if tok == "null":
            return ("null",)
        if tok in ("undef", "poison"):
            return ("undef",)
        if tok == "zeroinitializer":
            return ("zero",)
        if tok == "asm":
            # inline assembly callee: asm [sideeffect] [alignstack] [inteldialect] "text", "constraints"
            while self.peek() in ("sideeffect", "alignstack", "inteldialect", "unwind"):
                self.next()
            text = decode_cstring("c" + self.next()).decode("utf-8", "replace")
            self.expect(",")
            constraints = decode_cstring("c" + self.next()).decode("utf-8", "replace")
            return ("asm", text, constraints)
        if tok.startswith('c"'):
            return ("bytes", decode_cstring(tok))
        if tok == "[":
            elts = []
            while not self.accept("]"):
                et = self.type()
                elts.append((et, self.value(et)))
                self.accept(",")
            return ("array", elts)
        if tok == "{" or (tok == "<" and self.peek() == "{"):
            if tok == "<":
                self.next()
            elts = []
            while not self.accept("}"):
                et = self.type()
                elts.append((et, self.value(et)))
                self.accept(",")
            if tok == "<":
                self.expect(">")
            return ("struct", elts)
        if tok == "getelementptr":
            flags = set()
            while self.peek() in ("inbounds", "nuw", "nusw", "inrange"):
                f = self.next()
                flags.add(f)
                if f == "inrange":
                    self.skip_group()
            self.expect("(")
            src = self.type()
            self.expect(",")
            bt = self.type()
            base = self.value(bt)
            idx = []
            while self.accept(","):
                self.accept("inrange")
                it = self.type()
                idx.append((it, self.value(it)))
            self.expect(")")
            return ("expr", "gep", src, base, idx)
        if tok in ("ptrtoint", "inttoptr", "bitcast", "addrspacecast", "trunc", "zext", "sext"):
            self.expect("(")
            st = self.type()
            v = self.value(st)
            self.expect("to")
            dt = self.type()
            self.expect(")")
            return ("expr", "cast", tok, v, dt, st)
        if tok in ("add", "sub", "xor", "mul", "shl", "and", "or"):
            while self.peek() in ("nuw", "nsw"):
                self.next()
            self.expect("(")
            at = self.type()
            a = self.value(at)
            self.expect(",")
            bt = self.type()
            b = self.value(bt)
            self.expect(")")
            return ("expr", "bin", tok, a, b, at)
        if tok == "blockaddress" or tok == "dso_local_equivalent" or tok == "no_cfi":
            raise ParseError(f"unsupported constant {tok}")
        raise ParseError(f"unknown value {tok!r}")

    def typed_value(self):
        ty = self.type()
        self.skip_attrs()
        return ty, self.value(ty)


# ---------------------------------------------------------------------------------- module


_INT_BIN = {"add", "sub", "mul", "udiv", "sdiv", "urem", "srem", "shl", "lshr", "ashr",
            "and", "or", "xor"}
_CASTS = {"trunc", "zext", "sext", "ptrtoint", "inttoptr", "bitcast", "addrspacecast",
          "fptrunc", "fpext", "fptoui", "fptosi", "uitofp", "sitofp"}
_FAST_MATH = {"nnan", "ninf", "nsz", "arcp", "contract", "afn", "reassoc", "fast"}
_FLAGS = {"nuw", "nsw", "exact", "disjoint", "nneg", "samesign", "inbounds", "nusw"}


def parse_module(text: str) -> Module:
    m = Module()
    lines = text.split("\n")
    i = 0
    n = len(lines)
    # Named types first (they may be used before their definition).
    for line in lines:
        s = line.strip()
        if s.startswith("%") and "= type" in s:
            toks = tokenize(s)
            p = P(toks, m)
            name = _unquote(p.next())
            p.expect("=")
            p.expect("type")
            if p.peek() == "opaque":
                m.types[name] = ("struct", (), False)
            else:
                m.types[name] = p.type()
    debug = _DebugMetadata()
    while i < n:
        s = lines[i].strip()
        i += 1
        if s.startswith("!"):
            debug.add(s)
            continue
        if not s or s.startswith((";", "attributes", "target", "source_filename",
                                  "module asm")) or (s.startswith("%") and "= type" in s):
            continue
        if s.startswith("@"):
            _parse_global(tokenize(s), m)
        elif s.startswith("declare"):
            f = _parse_header(tokenize(s)[1:], m)
            f.declaration = True
            m.functions.setdefault(f.name, f)
        elif s.startswith("define"):
            s, f_dbg = _take_dbg(s)
            f = _parse_header(tokenize(s)[1:], m)
            body = []
            while i < n and lines[i].strip() != "}":
                body.append(lines[i])
                i += 1
            i += 1
            _parse_body(f, body, m)
            f.loc = f_dbg  # resolved below, once the metadata (printed last) is known
            m.functions[f.name] = f
        else:
            raise ParseError(f"unexpected line {s[:60]!r}")
    if debug.vars_ref in debug.strings:
        try:
            m.variables = json.loads(_md_string(debug.strings[debug.vars_ref]))
        except ValueError:
            m.variables = {}
    if debug.nodes:
        m.unit_file = debug.unit_file()
        for f in m.functions.values():
            f.loc = debug.function_loc(f.loc)
            for b in f.blocks:
                for ins in b.insts:
                    ins.loc = debug.location(ins.loc)
            first = f.blocks[0].insts[0].loc if f.blocks and f.blocks[0].insts else None
            if f.loc and first and first[:3] == f.loc[:3]:
                f.loc = first  # the brace's column, so that the prologue shares its row
    else:
        for f in m.functions.values():
            f.loc = None
            for b in f.blocks:
                for ins in b.insts:
                    ins.loc = None
    return m


_DBG = re.compile(r"^(.*), !dbg !(\d+)|^(.*) !dbg !(\d+)(?= |$)")


def _take_dbg(s: str) -> tuple[str, int | None]:
    """A line without its ``!dbg !N`` attachment, and N.  Instructions print it after their
    operands (``, !dbg !N``), function headers before the brace (`` !dbg !N {``)."""
    if "!dbg" not in s:
        return s, None
    m = _DBG.match(s)
    if m is None:
        return s, None
    if m.group(1) is not None:
        return m.group(1) + s[m.end():], int(m.group(2))
    return m.group(3) + s[m.end():], int(m.group(4))


_MD_TUPLE_STRING = re.compile(r'!(\d+) = !\{!("(?:[^"\\]|\\.)*")\}$')
_MD_NODE = re.compile(r"!(\d+) = (?:distinct )?!(DI\w+)\((.*)\)$")
_MD_FIELD = re.compile(r'(\w+): ("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)')


class _DebugMetadata:
    """The debug-information nodes a line table needs: locations, their scopes, files."""

    def __init__(self) -> None:
        self.nodes: dict[int, tuple[str, dict[str, str]]] = {}
        self.strings: dict[int, str] = {}  # !N = !{!"text"}: the quoted text
        self.vars_ref: int | None = None
        self._files: dict[int, tuple[str, str] | None] = {}

    def add(self, line: str) -> None:
        if line.startswith("!dpu.vars = "):
            ref = re.fullmatch(r"!dpu\.vars = !\{!(\d+)\}", line)
            self.vars_ref = int(ref.group(1)) if ref else None
            return
        t = _MD_TUPLE_STRING.match(line)
        if t is not None:
            self.strings[int(t.group(1))] = t.group(2)
            return
        m = _MD_NODE.match(line)
        if m is None or m.group(2) not in ("DILocation", "DISubprogram", "DIFile",
                                           "DILexicalBlock", "DILexicalBlockFile",
                                           "DICompileUnit"):
            return
        self.nodes[int(m.group(1))] = (m.group(2), dict(_MD_FIELD.findall(m.group(3))))

    def _ref(self, text: str | None) -> int | None:
        return int(text[1:]) if text and re.fullmatch(r"!\d+", text) else None

    def _file_of_scope(self, ref: int | None) -> tuple[str, str] | None:
        """(directory, name) of a scope: its own file, or its enclosing scope's."""
        if ref in self._files:
            return self._files[ref]
        out, seen, cur = None, set(), ref
        while cur is not None and cur not in seen:
            seen.add(cur)
            kind, fields = self.nodes.get(cur, ("", {}))
            if kind == "DIFile":
                out = (_md_string(fields.get("directory", '""')),
                       _md_string(fields.get("filename", '""')))
                break
            f = self._ref(fields.get("file"))
            if f is not None and f != cur:
                cur = f
            else:
                cur = self._ref(fields.get("scope"))
        self._files[ref] = out
        return out

    def location(self, ref: int | None) -> SourceLoc | None:
        """A ``DILocation`` as the line of the innermost scope: an inlined instruction is
        reported at its line in the inlined function, as gcc does."""
        kind, fields = self.nodes.get(ref, ("", {})) if ref is not None else ("", {})
        if kind != "DILocation":
            return None
        file = self._file_of_scope(self._ref(fields.get("scope")))
        if file is None:
            return None
        return SourceLoc(file[0], file[1], int(fields.get("line", "0")),
                         int(fields.get("column", "0")))

    def unit_file(self) -> tuple[str, str] | None:
        """(directory, name) of the compile unit's file."""
        for ref, (kind, _) in sorted(self.nodes.items()):
            if kind == "DICompileUnit":
                return self._file_of_scope(ref)
        return None

    def function_loc(self, ref: int | None) -> SourceLoc | None:
        kind, fields = self.nodes.get(ref, ("", {})) if ref is not None else ("", {})
        if kind != "DISubprogram":
            return None
        file = self._file_of_scope(ref)
        if file is None:
            return None
        line = fields.get("scopeLine") or fields.get("line") or "0"
        return SourceLoc(file[0], file[1], int(line), 0)


def _md_string(tok: str) -> str:
    return decode_cstring("c" + tok).decode("utf-8", "replace")


def _parse_global(toks: list[str], m: Module) -> None:
    p = P(toks, m)
    name = _unquote(p.next())
    p.expect("=")
    linkage = "external"
    addrspace = 0
    while True:
        tok = p.peek()
        if tok in LINKAGES:
            linkage = p.next()
        elif tok == "addrspace":
            p.next()
            p.expect("(")
            addrspace = int(p.next())
            p.expect(")")
        elif tok in _SKIP_WORDS:
            p.next()
        elif tok in ("global", "constant"):
            break
        elif tok == "alias" or tok == "ifunc":
            raise ParseError("aliases are not supported")
        else:
            p.next()
    constant = p.next() == "constant"
    ty = p.type()
    init = None
    if p.peek() not in (None, ","):
        init = p.value(ty)
    g = Global(name, ty, init, linkage, constant, addrspace)
    while p.accept(","):
        tok = p.next()
        if tok == "section":
            g.section = p.next()[1:-1]
        elif tok == "align":
            g.align = int(p.next())
        else:
            break
    m.globals[name] = g


def _parse_header(toks: list[str], m: Module) -> Function:
    p = P(toks, m)
    linkage = "external"
    while p.peek() in LINKAGES or p.peek() in _SKIP_WORDS or p.peek() in _PAREN_ATTRS:
        tok = p.next()
        if tok in LINKAGES:
            linkage = tok
        elif tok in _PAREN_ATTRS and p.peek() == "(":
            p.i -= 1
            p.skip_attrs()
    ret = p.type()
    p.skip_attrs()
    name = _unquote(p.next())
    p.expect("(")
    params = []
    vararg = False
    k = 0
    while not p.accept(")"):
        if p.accept("..."):
            vararg = True
            continue
        ty = p.type()
        p.skip_attrs()
        if p.peek() and p.peek().startswith("%"):
            pname = _unquote(p.next())
        else:
            pname = str(k)
        params.append((ty, pname))
        k += 1
        p.accept(",")
    f = Function(name, ret, params, vararg, linkage)
    while p.peek() is not None:
        tok = p.next()
        if tok == "section":
            f.section = p.next()[1:-1]
    return f


def _parse_body(f: Function, lines: list[str], m: Module) -> None:
    block: Block | None = None
    pending = ""
    for raw in lines:
        s = raw.strip()
        if not s or s.startswith((";", "#dbg_")):
            continue
        if pending:
            s = pending + " " + s
            pending = ""
        if (s.startswith(("switch", "indirectbr")) or re.match(r"%[-\w.$\"]+ = .*\bswitch\b", s)) \
                and s.count("[") > s.count("]"):
            pending = s
            continue
        mlab = re.fullmatch(r'("[^"]*"|[-\w.$]+):\s*(?:;.*)?', s)
        if mlab:
            lab = mlab.group(1).strip('"')
            block = Block(lab)
            f.blocks.append(block)
            continue
        if block is None:
            # the unnamed entry block takes the next number after the unnamed parameters
            block = Block(str(sum(1 for _, n in f.params if n.isdigit())))
            f.blocks.append(block)
        s, dbg = _take_dbg(s)
        inst = _parse_inst(tokenize(s), m)
        inst.loc = dbg  # resolved by parse_module
        block.insts.append(inst)


def _parse_inst(toks: list[str], m: Module) -> Inst:
    p = P(toks, m)
    name = None
    if toks[0].startswith("%") and len(toks) > 1 and toks[1] == "=":
        name = _unquote(p.next())
        p.next()
    op = p.next()
    if op in ("tail", "musttail", "notail"):
        op = p.next()
    inst = Inst(op, name)
    flags = set()
    while p.peek() in _FLAGS:
        flags.add(p.next())
    inst.extra["flags"] = flags
    if op in _INT_BIN:
        ty = p.type()
        a = p.value(ty)
        p.expect(",")
        b = p.value(ty)
        inst.ty, inst.args = ty, [a, b]
    elif op == "icmp":
        pred = p.next()
        ty = p.type()
        a = p.value(ty)
        p.expect(",")
        b = p.value(ty)
        inst.ty, inst.args = "i1", [a, b]
        inst.extra["pred"] = pred
        inst.extra["opty"] = ty
    elif op == "fcmp":  # see legalize.py: it becomes calls and integer compares
        while p.peek() in _FAST_MATH:
            p.next()
        pred = p.next()
        ty = p.type()
        a = p.value(ty)
        p.expect(",")
        b = p.value(ty)
        inst.ty, inst.args = "i1", [a, b]
        inst.extra["pred"] = pred
        inst.extra["opty"] = ty
    elif op == "select":
        _, c = p.typed_value()
        p.expect(",")
        ty, a = p.typed_value()
        p.expect(",")
        _, b = p.typed_value()
        inst.ty, inst.args = ty, [c, a, b]
    elif op == "phi":
        ty = p.type()
        inc = []
        while p.accept("["):
            v = p.value(ty)
            p.expect(",")
            lab = _unquote(p.next())
            p.expect("]")
            inc.append((v, lab))
            if not p.accept(","):
                break
        inst.ty, inst.args = ty, inc
    elif op == "br":
        if p.peek() == "label":
            p.next()
            inst.args = [_unquote(p.next())]
        else:
            _, c = p.typed_value()
            p.expect(",")
            p.expect("label")
            t = _unquote(p.next())
            p.expect(",")
            p.expect("label")
            e = _unquote(p.next())
            inst.args = [c, t, e]
    elif op == "switch":
        ty, v = p.typed_value()
        p.expect(",")
        p.expect("label")
        default = _unquote(p.next())
        p.expect("[")
        cases = []
        while not p.accept("]"):
            ct = p.type()
            cv = p.value(ct)
            p.expect(",")
            p.expect("label")
            cases.append((cv, _unquote(p.next())))
        inst.ty, inst.args = ty, [v]
        inst.extra["default"] = default
        inst.extra["cases"] = cases
    elif op == "ret":
        if p.peek() == "void":
            inst.ty = "void"
        else:
            ty, v = p.typed_value()
            inst.ty, inst.args = ty, [v]
    elif op == "call":
        while p.peek() in ("fast", "nnan", "ninf", "nsz", "arcp", "contract", "afn", "reassoc"):
            p.next()
        while p.peek() in ("ccc", "fastcc", "coldcc") or (p.peek() or "").startswith("cc"):
            p.next()
        p.skip_attrs()
        ret = p.type()
        fnty = None
        if isinstance(ret, tuple) and ret[0] == "fn":
            fnty, ret = ret, ret[1]
        elif p.peek() == "(":
            # explicit function type: ret (params...)
            p.next()
            params, vararg = [], False
            while not p.accept(")"):
                if p.accept("..."):
                    vararg = True
                else:
                    params.append(p.type())
                p.accept(",")
            fnty = ("fn", ret, tuple(params), vararg)
        callee = p.value("ptr")
        p.expect("(")
        args = []
        while not p.accept(")"):
            aty = p.type()
            p.skip_attrs()
            if aty == "metadata":
                # debug intrinsics: skip the operand
                depth = 0
                while True:
                    tok = p.peek()
                    if tok in ("(", "["):
                        depth += 1
                    elif tok in (")", "]"):
                        if depth == 0:
                            break
                        depth -= 1
                    elif tok == "," and depth == 0:
                        break
                    p.next()
                args.append((aty, ("undef",)))
            else:
                args.append((aty, p.value(aty)))
            p.accept(",")
        inst.ty, inst.args = ret, args
        inst.extra["callee"] = callee
        inst.extra["fnty"] = fnty
    elif op == "load":
        p.accept("atomic")
        p.accept("volatile")
        ty = p.type()
        p.expect(",")
        _, ptr = p.typed_value()
        inst.extra["mram"] = getattr(p, "last_addrspace", 0) == 255
        inst.ty, inst.args = ty, [ptr]
        inst.extra["align"] = _trailing_align(p)
    elif op == "store":
        p.accept("atomic")
        p.accept("volatile")
        ty, v = p.typed_value()
        p.expect(",")
        _, ptr = p.typed_value()
        inst.extra["mram"] = getattr(p, "last_addrspace", 0) == 255
        inst.ty, inst.args = ty, [v, ptr]
        inst.extra["align"] = _trailing_align(p)
    elif op == "alloca":
        p.accept("inalloca")
        ty = p.type()
        count = ("int", 1)
        align = None
        while p.accept(","):
            if p.peek() == "align":
                p.next()
                align = int(p.next())
            elif p.peek() == "addrspace":
                break
            else:
                countty, count = p.typed_value()
                inst.extra["countty"] = countty
        inst.ty, inst.args = "ptr", [count]
        inst.extra["alloc"] = ty
        inst.extra["align"] = align
    elif op == "getelementptr":
        src = p.type()
        p.expect(",")
        _, base = p.typed_value()
        idx = []
        while p.accept(","):
            if p.peek() in ("align", None) or (p.peek() or "").startswith("!"):
                break
            p.accept("inrange")
            it = p.type()
            idx.append((it, p.value(it)))
        inst.ty, inst.args = "ptr", [base] + [v for _, v in idx]
        inst.extra["src"] = src
        inst.extra["idxty"] = [t for t, _ in idx]
    elif op in _CASTS:
        st, v = p.typed_value()
        p.expect("to")
        dt = p.type()
        inst.ty, inst.args = dt, [v]
        inst.extra["from"] = st
    elif op == "va_arg":
        _, v = p.typed_value()
        p.expect(",")
        inst.ty, inst.args = p.type(), [v]
    elif op == "freeze":
        ty, v = p.typed_value()
        inst.ty, inst.args = ty, [v]
    elif op == "extractvalue":  # of the {iN, i1} results of *.with.overflow (legalize.py)
        aggty, v = p.typed_value()
        idx = []
        while p.accept(","):
            idx.append(int(p.next()))
        inst.ty, inst.args = None, [v]
        inst.extra["aggty"], inst.extra["indices"] = aggty, idx
        if isinstance(aggty, tuple) and aggty[0] == "struct" and len(idx) == 1:
            inst.ty = aggty[1][idx[0]]
    elif op == "fneg":  # the optimiser makes it from sign intrinsics (copysign of a constant)
        while p.peek() in _FAST_MATH:
            p.next()
        ty, v = p.typed_value()
        inst.ty, inst.args = ty, [v]
    elif op == "unreachable":
        pass
    else:
        inst.extra["unsupported"] = True
    return inst


def _trailing_align(p: P):
    while p.accept(","):
        if p.peek() == "align":
            p.next()
            return int(p.next())
    return None
