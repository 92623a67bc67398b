"""The DPU assembler: assembly text → relocatable ELF object.

One pass over the statements lays out every section (each instruction is one 8-byte slot, and data
directives take constant sizes), records every operand expression as a fixup, and evaluates the
fixups once all labels are known: constants are encoded in place, anything involving a symbol
becomes a RELA relocation.  Instruction forms come from the ISA table: for each statement the
forms of its mnemonic are tried in order and the first whose operand kinds match is encoded; when
none matches, the sugar table is tried; when that fails too, the error lists the accepted forms.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from dpucore import dwarf, elf, isa
from dpucore.diag import Diagnostic, DiagnosticError

from .expr import Dot, ExprError, Sym, Value, evaluate, parse_expression
from .lexer import (ID, NUM, OP, STR, LexError, Token, strip_block_comments, tokenize,
                    unquote)

_DATA_SIZES = {
    ".byte": 1, ".short": 2, ".half": 2, ".hword": 2, ".2byte": 2, ".long": 4, ".word": 4,
    ".int": 4, ".4byte": 4, ".quad": 8, ".dword": 8, ".8byte": 8,
}
_MAX_SECTION = 0xFFFFFFFF  # ELF32: section sizes, symbol sizes
_MAX_ALIGN = 1 << 16
_MAX_FILL = 1 << 27  # bytes one .zero or .fill may emit
_DATA_RELOC = {1: elf.R_DPU_8, 2: elf.R_DPU_16, 4: elf.R_DPU_32, 8: elf.R_DPU_64}
_DATA_RANGE = {1: (-(1 << 7), (1 << 8) - 1), 2: (-(1 << 15), (1 << 16) - 1),
               4: (-(1 << 31), (1 << 32) - 1), 8: (-(1 << 63), (1 << 64) - 1)}
# Directives accepted and ignored: what compilers emit for unwinding, address-significance
# tables, identification, and listing control.  None changes the object's meaning for a DPU.
_IGNORED = {
    ".addrsig", ".addrsig_sym", ".ident", ".end", ".list", ".nolist", ".psize", ".title",
    ".eject", ".sbttl", ".cfi_sections", ".cfi_startproc", ".cfi_endproc", ".cfi_def_cfa",
    ".cfi_def_cfa_offset", ".cfi_def_cfa_register", ".cfi_offset", ".cfi_rel_offset",
    ".cfi_restore", ".cfi_undefined", ".cfi_same_value", ".cfi_remember_state",
    ".cfi_restore_state", ".cfi_adjust_cfa_offset", ".cfi_escape", ".cfi_register",
    ".cfi_return_column", ".cfi_signal_frame", ".cfi_window_save", ".cfi_personality",
    ".cfi_lsda", ".loc_mark_labels", ".protected", ".internal", ".hidden", ".symver",
}
_SECTION_DEFAULTS = (  # name prefix → (flags, type)
    (".text", "ax", "@progbits"), (".rodata", "a", "@progbits"), (".data", "aw", "@progbits"),
    (".bss", "aw", "@nobits"), (".dpu_host", "aw", "@progbits"),
    (".mram.noinit", "aw", "@nobits"), (".mram", "aw", "@progbits"),
    (".atomic", "aw", "@nobits"), (".stack", "aw", "@nobits"), (".debug", "", "@progbits"),
    (".comment", "", "@progbits"),
)
_SYMBOL_TYPES = {"@function": elf.STT_FUNC, "@object": elf.STT_OBJECT, "@notype": elf.STT_NOTYPE,
                 "%function": elf.STT_FUNC, "%object": elf.STT_OBJECT,
                 "function": elf.STT_FUNC, "object": elf.STT_OBJECT, "STT_FUNC": elf.STT_FUNC,
                 "STT_OBJECT": elf.STT_OBJECT, "@common": elf.STT_OBJECT,
                 "@gnu_unique_object": elf.STT_OBJECT}
_LINE_MARKER = re.compile(r'^\s*#\s*(?:line\s+)?(\d+)(?:\s+"((?:[^"\\]|\\.)*)")?')
_KIND_WORDS = {"wreg": "a register r0..r23", "reg": "a register", "kreg": "a constant register",
               "dreg": "a register pair d0..d22", "sreg": "a safe register s0..s23",
               "zero": "'zero'", "expr": "an expression", "cond": "a condition",
               "endian": "an endianness"}


class _Mismatch(Exception):
    """An operand does not fit a form; ``cond_class`` is set when only the condition was wrong."""

    def __init__(self, message: str, token: Token | None = None, cond_class: bool = False):
        super().__init__(message)
        self.token = token
        self.cond_class = cond_class


@dataclass(eq=False)
class _Section:
    elf: elf.Section
    symbol: elf.Symbol
    text: bool  # IRAM: instructions only, '.' counts instructions
    rows: list = field(default_factory=list)  # (offset, file index, line, col)

    @property
    def offset(self) -> int:
        return self.elf.size

    def dot_value(self) -> int:
        return self.offset // 8 if self.text else self.offset


@dataclass
class _Loc:
    file: str
    line: int
    source: str


@dataclass(eq=False)
class _SymbolState:
    name: str
    section: _Section | None = None
    offset: int = 0  # bytes within section
    bind: int | None = None  # None: not declared (local when defined, global when undefined)
    type: int = elf.STT_NOTYPE
    size: object = None  # an expression tree, evaluated at the end
    size_loc: tuple | None = None
    set_expr: object = None  # `.set name, expr`
    loc: tuple | None = None  # (_Loc, col) of the definition
    used: bool = False
    evaluating: bool = False


@dataclass
class _Fixup:
    section: _Section
    offset: int
    expr: object
    loc: _Loc
    col: int
    length: int
    form: isa.Form | None = None  # instruction fixup: form and operand index
    operand: int = 0
    size: int = 0  # data fixup: byte count


class Assembler:
    """Assembles one translation unit; :func:`assemble` is the usual entry point."""

    def __init__(self, filename: str, debug: bool = False):
        self.filename = filename
        self.debug = debug
        self.sections: dict[str, _Section] = {}
        self.order: list[_Section] = []
        self.current: _Section | None = None
        self.previous: _Section | None = None
        self.stack: list[tuple[_Section | None, _Section | None]] = []
        self.symbols: dict[str, _SymbolState] = {}
        self.fixups: list[_Fixup] = []
        self.numeric_defs: dict[int, int] = {}  # label number → definitions so far
        self.numeric_refs: list[tuple[str, _Loc, Token]] = []
        self.diags: list[Diagnostic] = []
        self.dwarf_files: dict[int, tuple[str, str]] = {}  # .file N "dir" "name"
        self.source_name: str | None = None  # .file "name"
        self.pending_loc: tuple[int, int, int] | None = None
        self.loc_seen = False
        # Values of `.set` symbols, valid until a definition changes: evaluating each once keeps
        # chains like `.set b, a + a` / `.set c, b + b` linear rather than exponential.
        self.set_values: dict[str, Value] = {}

    # ---------------------------------------------------------------- diagnostics

    def error(self, loc: _Loc, col: int | None, message: str, length: int = 1) -> None:
        self.diags.append(Diagnostic("error", message, loc.file, loc.line, col, loc.source,
                                     length))

    def warning(self, loc: _Loc, col: int | None, message: str, length: int = 1) -> None:
        self.diags.append(Diagnostic("warning", message, loc.file, loc.line, col, loc.source,
                                     length))

    # ---------------------------------------------------------------- sections

    def _section(self, name: str, flags: str | None = None, typ: str | None = None) -> _Section:
        sec = self.sections.get(name)
        if sec is not None:
            return sec
        if flags is None or typ is None:
            dflags, dtype = "aw", "@progbits"
            for prefix, f, t in _SECTION_DEFAULTS:
                if name == prefix or name.startswith(prefix + ".") or name.startswith(prefix + "_"):
                    dflags, dtype = f, t
                    break
            flags = dflags if flags is None else flags
            typ = dtype if typ is None else typ
        shflags = 0
        for ch in flags:
            shflags |= {"a": elf.SHF_ALLOC, "w": elf.SHF_WRITE, "x": elf.SHF_EXECINSTR,
                        "M": elf.SHF_MERGE, "S": elf.SHF_STRINGS, "R": elf.SHF_GNU_RETAIN}.get(ch, 0)
        shtype = elf.SHT_NOBITS if typ == "@nobits" else elf.SHT_PROGBITS
        text = bool(shflags & elf.SHF_EXECINSTR)
        s = elf.Section(name, shtype, shflags, align=8 if text else 1)
        sym = elf.Symbol(name, 0, 0, elf.STB_LOCAL, elf.STT_SECTION, s)
        sec = _Section(s, sym, text)
        self.sections[name] = sec
        self.order.append(sec)
        return sec

    def _switch(self, sec: _Section) -> None:
        if sec is not self.current:
            self.previous, self.current = self.current, sec

    def _here(self) -> _Section:
        """The current section (`.text` when nothing chose one yet, as in gas)."""
        if self.current is None:
            self._switch(self._section(".text"))
        return self.current

    # ---------------------------------------------------------------- driver

    def run(self, text: str) -> elf.ElfFile:
        text = strip_block_comments(text)
        file, line_no = self.filename, 0
        for raw in text.split("\n"):
            line_no += 1
            m = _LINE_MARKER.match(raw)
            if m and raw.lstrip().startswith("#"):
                # A preprocessor line marker: the next line is line N of the named file.
                if len(m.group(1)) > 10:
                    self.error(_Loc(file, line_no, raw), m.start(1) + 1,
                               "line number in line marker is too large", len(m.group(1)))
                    continue
                if m.group(2) is not None:
                    try:
                        name = unquote(m.group(2))
                    except LexError as e:
                        self.error(_Loc(file, line_no, raw), m.start(2) + e.col - 1, str(e))
                        continue
                    file = name or self.filename
                line_no = int(m.group(1)) - 1
                continue
            if raw.lstrip().startswith("#"):
                continue  # `#` comment line (or a directive the preprocessor left)
            loc = _Loc(file, line_no, raw)
            try:
                toks = tokenize(raw)
            except LexError as e:
                self.error(loc, e.col, str(e))
                continue
            for stmt in _split_statements(toks):
                self._statement(stmt, loc)
        return self._finish()

    def _statement(self, toks: list[Token], loc: _Loc) -> None:
        # Labels: `name:` or `N:` (numeric local label), any number of them.
        while len(toks) >= 2 and toks[1].kind == OP and toks[1].text == ":" and (
                toks[0].kind in (ID, NUM)):
            if toks[0].kind == NUM:
                self._numeric_label(toks[0], loc)
            else:
                self._label(toks[0].text, loc, toks[0])
            toks = toks[2:]
        if not toks:
            return
        head = toks[0]
        if head.kind != ID:
            self.error(loc, head.col, f"expected a label, directive or instruction, "
                                      f"found '{head.text}'", head.length)
            return
        # `name = expr` assigns like `.set`.
        if len(toks) >= 2 and toks[1].kind == OP and toks[1].text == "=":
            self._set(head, toks[2:], loc, toks[1])
            return
        if head.text.startswith(".") and head.text.lower() not in isa.MNEMONICS:
            self._directive(head, toks[1:], loc)
        else:
            self._instruction(head, toks[1:], loc)

    # ---------------------------------------------------------------- symbols

    def _sym(self, name: str) -> _SymbolState:
        s = self.symbols.get(name)
        if s is None:
            s = self.symbols[name] = _SymbolState(name)
        return s

    def _label(self, name: str, loc: _Loc, tok: Token) -> None:
        if isa.is_register_name(name):
            self.error(loc, tok.col, f"'{name}' is a register name and cannot be a label",
                       tok.length)
            return
        sec = self._here()
        s = self._sym(name)
        if s.section is not None or s.set_expr is not None:
            prev = s.loc[0] if s.loc else None
            where = f" (first defined at {prev.file}:{prev.line})" if prev else ""
            self.error(loc, tok.col, f"symbol '{name}' is already defined{where}", tok.length)
            return
        s.section, s.offset, s.loc = sec, sec.offset, (loc, tok.col)
        self.set_values.clear()

    def _numeric_label(self, tok: Token, loc: _Loc) -> None:
        n = tok.value
        count = self.numeric_defs.get(n, 0)
        self.numeric_defs[n] = count + 1
        self._label(f".L{n}\x02{count}", loc, tok)

    def _labelref(self, tok: Token, loc: _Loc) -> str:
        n = tok.value
        count = self.numeric_defs.get(n, 0)
        if tok.text.endswith("b"):
            if count == 0:
                self.numeric_refs.append((f"{n}b", loc, tok))
                return f".L{n}\x02undefined"
            return f".L{n}\x02{count - 1}"
        name = f".L{n}\x02{count}"
        self.numeric_refs.append((name, loc, tok))
        return name

    def _parse_expr(self, toks: list[Token], loc: _Loc, anchor: Token | None = None):
        def dot(col: int) -> Dot:
            here = self._here()
            return Dot(here, here.dot_value(), col)

        if not toks:
            col = anchor.end if anchor else None
            raise ExprError("expected an expression", col or 1)
        return parse_expression(toks, dot, lambda t: self._labelref(t, loc))

    def _set(self, name_tok: Token, toks: list[Token], loc: _Loc, anchor: Token) -> None:
        name = name_tok.text
        try:
            e = self._parse_expr(toks, loc, anchor)
        except ExprError as err:
            self.error(loc, err.col, str(err), err.length)
            return
        s = self._sym(name)
        if s.section is not None:
            self.error(loc, name_tok.col, f"symbol '{name}' is already defined as a label",
                       name_tok.length)
            return
        s.set_expr, s.loc = e, (loc, name_tok.col)
        self.set_values.clear()

    def _lookup(self, ref: Sym) -> Value:
        s = self._sym(ref.name)
        s.used = True
        if s.section is not None:
            units = s.offset // 8 if s.section.text else s.offset
            return Value(units, ("section", s.section), (ref.name, units))
        if s.set_expr is not None:
            if ref.name in self.set_values:
                return self.set_values[ref.name]
            if s.evaluating:
                raise ExprError(f"symbol '{ref.name}' is defined in terms of itself", ref.col,
                                ref.length)
            s.evaluating = True
            try:
                value = evaluate(s.set_expr, self._lookup)
            finally:
                s.evaluating = False
            self.set_values[ref.name] = value
            return value
        if ref.name.startswith(".L"):
            raise ExprError(f"undefined local label '{_label_display(ref.name)}'", ref.col,
                            ref.length)
        return Value(0, ("symbol", ref.name))

    # ---------------------------------------------------------------- directives

    def _directive(self, head: Token, args: list[Token], loc: _Loc) -> None:
        name = head.text.lower()
        try:
            handler = _DIRECTIVES.get(name)
            if handler is not None:
                handler(self, head, args, loc)
            elif name in _DATA_SIZES:
                self._data(head, args, loc, _DATA_SIZES[name])
            elif name in _IGNORED or name.startswith(".cfi_"):
                return
            else:
                self.error(loc, head.col, f"unknown directive '{head.text}'", head.length)
        except ExprError as e:
            self.error(loc, e.col, str(e), e.length)
        except _DirectiveError as e:
            self.error(loc, e.col or head.col, str(e), e.length)

    def _emit_bytes(self, data: bytes, loc: _Loc, col: int) -> _Section | None:
        sec = self._here()
        if sec.text:
            self.error(loc, col, f"data in an instruction section ('{sec.elf.name}'); "
                                 "IRAM holds instructions only")
            return None
        if not _room(sec, len(data)):
            self.error(loc, col, _too_large(sec))
            return None
        if sec.elf.type == elf.SHT_NOBITS:
            if any(data):
                self.error(loc, col, f"non-zero data in a NOBITS section ('{sec.elf.name}')")
                return None
            sec.elf.nobits_size += len(data)
            return sec
        sec.elf.data += data
        return sec

    def _data(self, head: Token, args: list[Token], loc: _Loc, size: int) -> None:
        for part in _split_commas(args, head):
            e = self._parse_expr(part, loc, head)
            sec = self._emit_bytes(bytes(size), loc, part[0].col)
            if sec is None:
                return
            end = part[-1].end
            self.fixups.append(_Fixup(sec, sec.offset - size, e, loc, part[0].col,
                                      end - part[0].col, size=size))

    def _const(self, toks: list[Token], loc: _Loc, anchor: Token, what: str) -> int:
        e = self._parse_expr(toks, loc, anchor)
        v = evaluate(e, self._lookup)
        if not v.absolute:
            raise ExprError(f"{what} must be a constant", toks[0].col if toks else anchor.col)
        return v.constant

    # ---------------------------------------------------------------- instructions

    def _instruction(self, head: Token, args: list[Token], loc: _Loc) -> None:
        mnemonic = head.text.lower()
        try:
            operands = _split_commas(args, head) if args else []
        except _DirectiveError as e:
            self.error(loc, e.col, str(e), e.length)
            return
        sec = self._here()
        if not sec.text:
            self.error(loc, head.col, f"instruction in a data section ('{sec.elf.name}')",
                       head.length)
            return
        forms = isa.FORMS_BY_MNEMONIC.get(mnemonic, ())
        sugars = isa.SUGAR_BY_MNEMONIC.get(mnemonic, ())
        if not forms and not sugars:
            hint = isa.suggest_mnemonics(mnemonic)
            extra = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
            self.error(loc, head.col, f"unknown instruction '{head.text}'{extra}", head.length)
            return
        mismatches: list[_Mismatch] = []
        candidates = [(form, operands) for form in forms]
        for sugar in sugars:
            expansion = _match_sugar(sugar, operands, head)
            if expansion is not None:
                target, new_operands = expansion
                candidates += [(form, new_operands) for form in isa.FORMS_BY_MNEMONIC[target]]
        for form, ops in candidates:
            ops = _with_default_endian(form, ops)
            if len(ops) != len(form.operands):
                continue  # (the cheapest mismatch, and one no message names)
            try:
                values, exprs = self._match(form, ops, loc, head)
            except _Mismatch as m:
                mismatches.append(m)
                continue
            except ExprError as e:
                self.error(loc, e.col, str(e), e.length)
                return
            self._emit(form, values, exprs, loc, head)
            return
        # Nothing matched: the most useful explanation first.
        cond = [m for m in mismatches if m.cond_class]
        if cond:
            m = cond[0]
            self.error(loc, m.token.col if m.token else head.col, str(m),
                       m.token.length if m.token else head.length)
            return
        given = ", ".join(_describe(op) for op in operands) or "no operands"
        accepted = [f"{f.mnemonic} {f.signature}".strip() for f in forms]
        accepted += [f"{s.mnemonic} {_shape_text(s.shape)}".strip() for s in sugars]
        self.error(loc, head.col,
                   f"invalid operands for '{mnemonic}' ({given}); accepted forms: "
                   + "; ".join(accepted), head.length)

    def _match(self, form: isa.Form, ops: list[list[Token]], loc: _Loc, head: Token):
        """``ops``: one per operand of ``form`` (see :func:`_with_default_endian`)."""
        fops = form.operands
        values: list[int] = []
        exprs: list[tuple[int, object, list[Token]]] = []
        for i, (op, toks) in enumerate(zip(fops, ops)):
            if op.kind == "endian":
                values.append(0 if not toks or toks[1].text.lower() == "little" else 1)
                continue
            single = toks[0] if len(toks) == 1 and toks[0].kind == ID else None
            if op.kind == "zero":
                if single is None or single.text.lower().lstrip("%") != "zero":
                    raise _Mismatch("expected 'zero'")
                values.append(0)
                continue
            if op.kind in isa.REGISTER_KINDS:
                reg = isa.parse_register(single.text) if single else None
                want = {"dreg": "d", "sreg": "s"}.get(op.kind, "r")
                if reg is None or reg[0] != want or not op.accepts(reg[1]):
                    raise _Mismatch(f"expected {_KIND_WORDS[op.kind]}", single)
                values.append(reg[1])
                continue
            if op.kind == "cond":
                code = isa.parse_condition(single.text) if single else None
                if code is None:
                    raise _Mismatch("expected a condition", single)
                if isa.CONDITIONS[code] not in op.conditions:
                    raise _Mismatch(
                        f"condition '{single.text}' is not allowed here ({op.cond_class} of "
                        f"'{form.mnemonic}'); expected one of: {' '.join(op.conditions)}",
                        single, cond_class=True)
                values.append(code)
                continue
            # An expression: anything that is not a register, pair or condition operand.
            if not toks or (single and isa.is_register_name(single.text)) or _is_endian(toks):
                raise _Mismatch("expected an expression", single)
            e = self._parse_expr(toks, loc, head)
            values.append(0)
            exprs.append((i, e, toks))
        return values, exprs

    def _emit(self, form: isa.Form, values: list[int], exprs, loc: _Loc, head: Token) -> None:
        sec = self.current
        offset = sec.offset
        for i, e, toks in exprs:
            self.fixups.append(_Fixup(sec, offset, e, loc, toks[0].col,
                                      toks[-1].end - toks[0].col, form=form, operand=i))
        word = isa.encode(form, values)
        sec.elf.data += word.to_bytes(8, "little")
        if self.pending_loc is not None:
            sec.rows.append((offset,) + self.pending_loc)
            self.pending_loc = None
        elif self.debug and not self.loc_seen:
            sec.rows.append((offset, 1, loc.line, 0))

    # ---------------------------------------------------------------- finishing

    def _finish(self) -> elf.ElfFile:
        for name, loc, tok in self.numeric_refs:
            target = self.symbols.get(name)
            if name.endswith("b") or target is None or target.section is None:
                self.error(loc, tok.col, f"undefined local label '{tok.text}'", tok.length)
        values = []
        for f in self.fixups:
            try:
                values.append((f, evaluate(f.expr, self._lookup)))
            except ExprError as e:
                self.error(f.loc, e.col, str(e), e.length)
        out = elf.ElfFile(elf.ET_REL)
        out.sections.extend(sec.elf for sec in self.order)
        out.symbols.append(elf.Symbol(os.path.basename(self.source_name or self.filename), 0, 0,
                                      elf.STB_LOCAL, elf.STT_FILE, absolute=True))
        out.symbols.extend(sec.symbol for sec in self.order)
        elf_syms = self._elf_symbols()
        for f, v in values:
            self._apply(f, v, elf_syms)
        out.symbols.extend(elf_syms.values())
        self._line_table(out)
        if any(d.severity == "error" for d in self.diags):
            raise DiagnosticError(self.diags)
        return out

    def _elf_symbols(self) -> dict[str, elf.Symbol]:
        """The symbol table entries, locals in definition order, then the rest by name."""
        syms: dict[str, elf.Symbol] = {}
        for name in sorted(self.symbols, key=self._symbol_order):
            s = self.symbols[name]
            if name.startswith(".L") or "\x02" in name:
                continue
            defined = s.section is not None or s.set_expr is not None
            if not defined and s.bind is None and not s.used:
                continue
            bind = s.bind if s.bind is not None else (elf.STB_LOCAL if defined else elf.STB_GLOBAL)
            sym = elf.Symbol(name, 0, 0, bind, s.type)
            if s.section is not None:
                sym.section, sym.value = s.section.elf, s.offset
            elif s.set_expr is not None:
                try:
                    v = evaluate(s.set_expr, self._lookup)
                except ExprError as e:
                    self.error(s.loc[0], e.col, str(e), e.length)
                    continue
                if v.absolute:
                    sym.absolute, sym.value = True, v.constant & 0xFFFFFFFF
                elif v.base[0] == "section":
                    sec = v.base[1]
                    sym.section = sec.elf
                    sym.value = v.constant * 8 if sec.text else v.constant
                else:
                    continue  # an alias of an external symbol: references use the target
            if s.size is not None:
                try:
                    sz = evaluate(s.size, self._lookup)
                    if not sz.absolute:
                        raise ExprError("symbol size must be a constant", s.size_loc[1])
                    in_text = sym.section is not None and self.sections[sym.section.name].text
                    size = sz.constant * 8 if in_text else sz.constant
                    if not 0 <= size <= _MAX_SECTION:
                        raise ExprError(f"symbol size of {size} bytes out of range "
                                        f"0..{_MAX_SECTION}", s.size_loc[1])
                    sym.size = size
                except ExprError as e:
                    self.error(s.size_loc[0], e.col, str(e), e.length)
            syms[name] = sym
        return syms

    def _symbol_order(self, name: str):
        s = self.symbols[name]
        if s.section is not None:
            return (0, self.order.index(s.section), s.offset, name)
        return (1, 0, 0, name)

    def _apply(self, f: _Fixup, v: Value, syms: dict[str, elf.Symbol]) -> None:
        """Encode a fixup's value in place, or turn it into a relocation."""
        data = f.section.elf.data
        if v.absolute:
            if f.form is not None:
                word = int.from_bytes(data[f.offset:f.offset + 8], "little")
                try:
                    word = isa.set_field(f.form, word, f.operand, v.constant)
                except isa.EncodingError as e:
                    self.error(f.loc, f.col, str(e), f.length)
                    return
                data[f.offset:f.offset + 8] = word.to_bytes(8, "little")
            else:
                lo, hi = _DATA_RANGE[f.size]
                if not lo <= v.constant <= hi:
                    self.error(f.loc, f.col, f"value {v.constant} does not fit in {f.size} "
                                             f"byte{'s' if f.size > 1 else ''}: expected "
                                             f"{lo}..{hi}", f.length)
                    return
                mask = (1 << (8 * f.size)) - 1
                data[f.offset:f.offset + f.size] = (v.constant & mask).to_bytes(f.size, "little")
            return
        kind, what = v.base
        if kind == "symbol":
            sym, addend = syms.get(what), v.constant
            if sym is None:  # referenced only through a `.set` alias
                sym = syms[what] = elf.Symbol(what, 0, 0, elf.STB_GLOBAL)
        elif v.via is not None and v.via[0] in syms and syms[v.via[0]].bind != elf.STB_LOCAL:
            sym, addend = syms[v.via[0]], v.constant - v.via[1]
        else:
            sym, addend = what.symbol, v.constant
        if not -(1 << 31) <= addend < (1 << 31):
            self.error(f.loc, f.col, f"addend {addend} of the relocation against '{sym.name}' "
                                     "does not fit in 32 bits", f.length)
            return
        if f.form is not None:
            rtype = elf.RELOC_FOR_ROLE[f.form.operands[f.operand].role]
        else:
            rtype = _DATA_RELOC[f.size]
        f.section.elf.relocations.append(elf.Relocation(f.offset, rtype, sym, addend))

    def _line_table(self, out: elf.ElfFile) -> None:
        seqs = [s for s in self.order if s.rows]
        if not seqs:
            return
        files = []
        if self.loc_seen:
            numbers = sorted(self.dwarf_files)
            index = {n: i + 1 for i, n in enumerate(numbers)}
            for n in numbers:
                d, name = self.dwarf_files[n]
                files.append(dwarf.FileEntry(name, d))
        else:
            index = {1: 1}
            files.append(dwarf.FileEntry(os.path.basename(self.filename),
                                         os.path.dirname(self.filename)))
        sequences = []
        for sec in seqs:
            rows = [dwarf.LineRow(off, index.get(fi, 1), line, col)
                    for off, fi, line, col in sec.rows]
            sequences.append((sec.elf, rows, sec.elf.size))
        blob, relocs = dwarf.build_debug_line("", files, sequences)
        dl = elf.Section(".debug_line", elf.SHT_PROGBITS, 0, bytearray(blob))
        for offset, section, addend in relocs:
            sym = self.sections[section.name].symbol
            dl.relocations.append(elf.Relocation(offset, elf.R_DPU_ADDR32, sym, addend))
        out.sections.append(dl)


class _DirectiveError(ValueError):
    def __init__(self, message: str, col: int | None = None, length: int = 1):
        super().__init__(message)
        self.col = col
        self.length = length


# ------------------------------------------------------------------------------ helpers


def _split_statements(toks: list[Token]) -> list[list[Token]]:
    out, cur = [], []
    for t in toks:
        if t.kind == OP and t.text == ";":
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    out.append(cur)
    return [s for s in out if s]


def _split_commas(toks: list[Token], anchor: Token) -> list[list[Token]]:
    """Operands separated by top-level commas; an empty operand is an error."""
    out: list[list[Token]] = []
    cur: list[Token] = []
    depth = 0
    last = anchor
    for t in toks:
        if t.kind == OP and t.text == "(":
            depth += 1
        elif t.kind == OP and t.text == ")":
            depth -= 1
        if t.kind == OP and t.text == "," and depth == 0:
            if not cur:
                raise_at = t
                raise _DirectiveError("expected an operand before ','", raise_at.col)
            out.append(cur)
            cur = []
        else:
            cur.append(t)
        last = t
    if not cur:
        raise _DirectiveError("expected an operand", last.end)
    out.append(cur)
    return out


def _is_endian(toks: list[Token]) -> bool:
    return (len(toks) == 2 and toks[0].kind == OP and toks[0].text == "!"
            and toks[1].kind == ID and toks[1].text.lower() in ("little", "big"))


def _describe(toks: list[Token]) -> str:
    if _is_endian(toks):
        return "endianness"
    if len(toks) == 1 and toks[0].kind == ID:
        reg = isa.parse_register(toks[0].text)
        if reg:
            return {"r": "register", "d": "register pair", "s": "safe register"}[reg[0]]
        if isa.parse_condition(toks[0].text) is not None:
            return "condition or symbol"
    return "expression"


def _shape_text(shape: str) -> str:
    words = {"R": "rc", "S": "ra", "D": "d", "X": "imm", "C": "cc"}
    return ", ".join(words[c] for c in shape)


def _with_default_endian(form: isa.Form, operands: list[list[Token]]) -> list[list[Token]]:
    """``operands``, with an empty first one (little-endian) where ``form`` takes an endianness
    the source did not say."""
    fops = form.operands
    if fops and fops[0].kind == "endian" and not (operands and _is_endian(operands[0])):
        return [[], *operands]
    return operands


def _match_sugar(sugar: isa.Sugar, operands: list[list[Token]], head: Token):
    """The real mnemonic and operand token lists of a sugar use, or None when shapes differ."""
    if len(operands) != len(sugar.shape):
        return None
    for letter, toks in zip(sugar.shape, operands):
        single = toks[0] if len(toks) == 1 and toks[0].kind == ID else None
        reg = isa.parse_register(single.text) if single else None
        if letter == "R" and not (reg and reg[0] == "r" and reg[1] < isa.NR_GP_REGISTERS):
            return None
        if letter == "S" and not (reg and reg[0] == "r"):
            return None
        if letter == "D" and not (reg and reg[0] == "d"):
            return None
        if letter == "C" and not (single and isa.parse_condition(single.text) is not None):
            return None
        if letter == "X" and (reg is not None or _is_endian(toks)):
            return None
    target, _, rest = sugar.expansion.partition(" ")
    new_ops: list[list[Token]] = []
    for part in rest.split(","):
        part = part.strip()
        if not part:
            continue
        if part.startswith("$"):
            new_ops.append(operands[int(part[1:])])
        else:
            new_ops.append([Token(t.kind, t.text, head.col, t.value, head.end)
                            for t in tokenize(part)])
    return target, new_ops


def _room(sec: _Section, n: int) -> bool:
    """Whether ``n`` more bytes keep ``sec`` within what an ELF32 section can hold."""
    return sec.offset + n <= _MAX_SECTION


def _too_large(sec: _Section) -> str:
    return f"section '{sec.elf.name}' would be larger than {_MAX_SECTION} bytes"


def _label_display(name: str) -> str:
    if "\x02" in name:
        return name[2:].split("\x02")[0]
    return name


# ------------------------------------------------------------------------------ directives


def _d_section(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    if not args:
        raise _DirectiveError("expected a section name", head.end)
    parts = _split_commas(args, head)
    name = "".join(t.text for t in parts[0])
    if "\0" in name:  # ELF names are NUL-terminated
        raise _DirectiveError("section name contains a NUL character", args[0].col)
    flags = typ = None
    if len(parts) > 1:
        if parts[1][0].kind != STR:
            raise _DirectiveError("expected section flags as a string", parts[1][0].col)
        flags = parts[1][0].text
        bad = [c for c in flags if c not in "awxMSGTRoe"]
        if bad:
            raise _DirectiveError(f"unknown section flag '{bad[0]}'", parts[1][0].col)
    if len(parts) > 2:
        typ = "".join(t.text for t in parts[2])
        if typ.replace("%", "@") not in ("@progbits", "@nobits"):
            raise _DirectiveError(f"unknown section type '{typ}' (expected @progbits or "
                                  "@nobits)", parts[2][0].col)
        typ = typ.replace("%", "@")
    a._switch(a._section(name, flags, typ))


def _simple_section(name: str):
    def handler(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
        sub = ""
        if args:
            sub = "".join(t.text for t in args)
            if "\0" in sub:  # ELF names are NUL-terminated
                raise _DirectiveError("section name contains a NUL character", args[0].col)
            if not sub.startswith("."):
                sub = "." + sub
        a._switch(a._section(name + sub))
    return handler


def _d_pushsection(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    a.stack.append((a.current, a.previous))
    _d_section(a, head, args, loc)


def _d_popsection(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    if not a.stack:
        raise _DirectiveError(".popsection without .pushsection")
    a.current, a.previous = a.stack.pop()


def _d_previous(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    if a.previous is not None:
        a.current, a.previous = a.previous, a.current


def _names(args: list[Token], head: Token) -> list[Token]:
    out = []
    for part in _split_commas(args, head):
        if len(part) != 1 or part[0].kind != ID:
            raise _DirectiveError("expected a symbol name", part[0].col, part[0].length)
        out.append(part[0])
    return out


def _binding(bind: int):
    def handler(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
        for t in _names(args, head):
            a._sym(t.text).bind = bind
    return handler


def _d_type(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    parts = _split_commas(args, head)
    if len(parts) != 2 or len(parts[0]) != 1:
        raise _DirectiveError("expected '.type symbol, @function|@object'", head.col)
    kind = "".join(t.text for t in parts[1])
    if kind not in _SYMBOL_TYPES:
        raise _DirectiveError(f"unknown symbol type '{kind}'", parts[1][0].col)
    a._sym(parts[0][0].text).type = _SYMBOL_TYPES[kind]


def _d_size(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    parts = _split_commas(args, head)
    if len(parts) != 2 or len(parts[0]) != 1:
        raise _DirectiveError("expected '.size symbol, expression'", head.col)
    s = a._sym(parts[0][0].text)
    s.size = a._parse_expr(parts[1], loc, head)
    s.size_loc = (loc, parts[1][0].col)


def _d_set(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    parts = _split_commas(args, head)
    if len(parts) != 2 or len(parts[0]) != 1 or parts[0][0].kind != ID:
        raise _DirectiveError(f"expected '{head.text} name, expression'", head.col)
    a._set(parts[0][0], parts[1], loc, head)


def _d_align(power: bool | None):
    def handler(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
        parts = _split_commas(args, head) if args else []
        if not parts:
            raise _DirectiveError("expected an alignment", head.end)
        n = a._const(parts[0], loc, head, "alignment")
        if power:
            if not 0 <= n <= 16:
                raise _DirectiveError(f"alignment power {n} out of range 0..16", parts[0][0].col)
            n = 1 << n
        elif n <= 0 or n & (n - 1):
            raise _DirectiveError(f"alignment {n} is not a power of 2", parts[0][0].col)
        elif n > _MAX_ALIGN:
            raise _DirectiveError(f"alignment {n} out of range 1..{_MAX_ALIGN}", parts[0][0].col)
        fill = a._const(parts[1], loc, head, "fill value") if len(parts) > 1 else 0
        sec = a._here()
        pad = (-sec.offset) % n
        if not _room(sec, pad):
            raise _DirectiveError(_too_large(sec), head.col)
        sec.elf.align = max(sec.elf.align, n)
        if not pad:
            return
        if sec.text:
            nop = isa.encode(isa.FORM_BY_ID["nop_"], []).to_bytes(8, "little")
            sec.elf.data += nop * (pad // 8)
        elif sec.elf.type == elf.SHT_NOBITS:
            sec.elf.nobits_size += pad
        else:
            sec.elf.data += bytes([fill & 0xFF]) * pad
    return handler


def _d_zero(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    parts = _split_commas(args, head) if args else []
    if not parts:
        raise _DirectiveError("expected a size", head.end)
    n = a._const(parts[0], loc, head, "size")
    fill = a._const(parts[1], loc, head, "fill value") if len(parts) > 1 else 0
    if n < 0 or n > _MAX_FILL:
        raise _DirectiveError(f"size {n} out of range", parts[0][0].col)
    a._emit_bytes(bytes([fill & 0xFF]) * n, loc, head.col)


def _d_fill(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    parts = _split_commas(args, head)
    repeat = a._const(parts[0], loc, head, "repeat count")
    size = a._const(parts[1], loc, head, "size") if len(parts) > 1 else 1
    value = a._const(parts[2], loc, head, "value") if len(parts) > 2 else 0
    if size not in (1, 2, 4, 8) or not 0 <= repeat * size <= _MAX_FILL:
        raise _DirectiveError("invalid .fill arguments", head.col)
    a._emit_bytes((value & ((1 << (8 * size)) - 1)).to_bytes(size, "little") * repeat, loc,
                  head.col)


def _d_ascii(zero: bool):
    def handler(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
        for part in _split_commas(args, head):
            if len(part) != 1 or part[0].kind != STR:
                raise _DirectiveError("expected a string", part[0].col, part[0].length)
            data = part[0].text.encode("latin-1", errors="replace") if all(
                ord(c) < 256 for c in part[0].text) else part[0].text.encode("utf-8")
            a._emit_bytes(data + (b"\0" if zero else b""), loc, part[0].col)
    return handler


def _d_file(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    if not args:
        raise _DirectiveError("expected a file name", head.end)
    if args[0].kind == STR:
        a.source_name = args[0].text
        return
    if args[0].kind != NUM:
        raise _DirectiveError("expected a file number or name", args[0].col)
    strings = [t for t in args[1:] if t.kind == STR]
    if not strings:
        raise _DirectiveError("expected a file name", args[0].end)
    parts = strings[:2] if len(strings) >= 2 else [None, strings[0]]
    for t in parts:
        if t is not None and "\0" in t.text:  # the line table stores NUL-terminated names
            raise _DirectiveError("file name contains a NUL character", t.col, t.length)
    directory, name = parts[0].text if parts[0] else "", parts[1]
    if not name.text:
        raise _DirectiveError("empty file name", name.col, name.length)
    a.dwarf_files[args[0].value] = (directory, name.text)


def _d_loc(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    nums = [t for t in args if t.kind == NUM]
    if len(nums) < 2 or args[0].kind != NUM:
        raise _DirectiveError("expected '.loc file line [column]'", head.col)
    fileno = nums[0].value
    if fileno not in a.dwarf_files:
        raise _DirectiveError(f"unassigned file number {fileno} in .loc (no '.file {fileno}')",
                              nums[0].col)
    col = nums[2].value if len(nums) > 2 and args[2].kind == NUM else 0
    a.loc_seen = True
    a.pending_loc = (fileno, nums[1].value, col)


def _d_insn(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
    """`.insn WORD`: one raw instruction word, for what the disassembler cannot decode."""
    sec = a._here()
    if not sec.text:
        raise _DirectiveError(".insn outside an instruction section", head.col)
    word = a._const(args, loc, head, "instruction word")
    if not 0 <= word < 1 << 64:
        raise _DirectiveError(f"instruction word {word} out of range 0..2**64-1", args[0].col)
    sec.elf.data += word.to_bytes(8, "little")


def _d_comm(local: bool):
    def handler(a: Assembler, head: Token, args: list[Token], loc: _Loc) -> None:
        parts = _split_commas(args, head)
        if len(parts) < 2 or len(parts[0]) != 1:
            raise _DirectiveError(f"expected '{head.text} name, size[, align]'", head.col)
        size = a._const(parts[1], loc, head, "size")
        align = a._const(parts[2], loc, head, "alignment") if len(parts) > 2 else 8
        if not 0 <= size <= _MAX_SECTION:
            raise _DirectiveError(f"size {size} out of range", parts[1][0].col)
        if not 0 <= align <= _MAX_ALIGN or align & (align - 1):
            raise _DirectiveError(f"alignment {align} is not a power of 2 in 1..{_MAX_ALIGN}",
                                  parts[2][0].col)
        sec = a._section(".bss")
        pad = (-sec.offset) % max(align, 1)
        if not _room(sec, pad + size):
            raise _DirectiveError(_too_large(sec), head.col)
        saved = a.current, a.previous
        a._switch(sec)
        sec.elf.nobits_size += pad
        sec.elf.align = max(sec.elf.align, align)
        a._label(parts[0][0].text, loc, parts[0][0])
        sec.elf.nobits_size += size
        s = a._sym(parts[0][0].text)
        s.type = elf.STT_OBJECT
        if not local and s.bind is None:
            s.bind = elf.STB_GLOBAL
        a.current, a.previous = saved
    return handler


_DIRECTIVES = {
    ".section": _d_section, ".pushsection": _d_pushsection, ".popsection": _d_popsection,
    ".previous": _d_previous,
    ".text": _simple_section(".text"), ".data": _simple_section(".data"),
    ".bss": _simple_section(".bss"), ".rodata": _simple_section(".rodata"),
    ".globl": _binding(elf.STB_GLOBAL), ".global": _binding(elf.STB_GLOBAL),
    ".weak": _binding(elf.STB_WEAK), ".local": _binding(elf.STB_LOCAL),
    ".type": _d_type, ".size": _d_size, ".set": _d_set, ".equ": _d_set,
    ".p2align": _d_align(True), ".balign": _d_align(False), ".align": _d_align(False),
    ".zero": _d_zero, ".space": _d_zero, ".skip": _d_zero, ".fill": _d_fill,
    ".ascii": _d_ascii(False), ".asciz": _d_ascii(True), ".string": _d_ascii(True),
    ".file": _d_file, ".loc": _d_loc, ".insn": _d_insn,
    ".comm": _d_comm(False), ".lcomm": _d_comm(True),
}


def assemble(text: str, filename: str = "<input>", debug: bool = False) -> elf.ElfFile:
    """Assemble ``text``; raises DiagnosticError listing every error found.

    ``debug`` (``-g``) records a line table for the assembly source itself when the input has no
    ``.loc`` directives of its own.
    """
    return Assembler(filename, debug).run(text)
