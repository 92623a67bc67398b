"""dpuobjdump: section headers, symbols, relocations and disassembly of DPU ELF files.

The listing follows binutils' objdump.  Operands that hold symbols are written symbolically: from
the relocations in an object, from the symbol table for code addresses in an executable.  With
``no_addresses`` the disassembly is plain assembly (headers as comments, labels, section
directives) that re-assembles to the same instructions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from dpucore import dwarf, elf, isa, memory
from dpucore.symbolize import CodeSymbols

_TYPE_NAMES = {elf.STT_FUNC: "F", elf.STT_OBJECT: "O", elf.STT_FILE: "f", elf.STT_SECTION: "d"}


@dataclass
class Options:
    disassemble: bool = False
    headers: bool = False
    syms: bool = False
    relocs: bool = False
    source: bool = False
    no_addresses: bool = False
    show_raw: bool = True


def _hex(n: int) -> str:
    return f"{n & 0xFFFFFFFF:08x}"


def _section_flags(s: elf.Section) -> str:
    words = []
    if s.type != elf.SHT_NOBITS:
        words.append("CONTENTS")
    if s.alloc:
        words.append("ALLOC")
        if s.type != elf.SHT_NOBITS:
            words.append("LOAD")
    if s.relocations:
        words.append("RELOC")
    if not s.flags & elf.SHF_WRITE:
        words.append("READONLY")
    if s.executable:
        words.append("CODE")
    elif s.alloc and s.type != elf.SHT_NOBITS:
        words.append("DATA")
    if not s.alloc:
        words.append("DEBUGGING" if s.name.startswith(".debug") else "")
    return ", ".join(w for w in words if w)


def section_headers(f: elf.ElfFile) -> str:
    lines = ["Sections:", "Idx Name          Size      VMA       LMA       File off  Algn"]
    for i, s in enumerate(f.sections):
        align = max(s.align, 1).bit_length() - 1
        lines.append(f"{i:3d} {s.name:<13} {_hex(s.size)}  {_hex(s.addr)}  {_hex(s.addr)}  "
                     f"{'':8}  2**{align}")
        lines.append(f"{'':18}{_section_flags(s)}")
    return "\n".join(lines) + "\n"


def symbol_table(f: elf.ElfFile) -> str:
    lines = ["SYMBOL TABLE:"]
    for s in f.symbols:
        bind = {elf.STB_LOCAL: "l", elf.STB_GLOBAL: "g", elf.STB_WEAK: "w"}.get(s.bind, " ")
        if s.section is None and not s.absolute:
            bind = " "
        weak = "w" if s.bind == elf.STB_WEAK else " "
        if s.bind == elf.STB_WEAK:
            bind = " "
        kind = _TYPE_NAMES.get(s.type, " ")
        debug = "d" if s.type in (elf.STT_SECTION, elf.STT_FILE) else " "
        if kind in ("d", "f"):
            kind = " " if kind == "d" else "f"
        where = "*ABS*" if s.absolute else ("*UND*" if s.section is None else s.section.name)
        flags = f"{bind}{weak}    {debug}{kind}"
        lines.append(f"{_hex(s.value)} {flags} {where}\t{_hex(s.size)} {s.name}")
    return "\n".join(lines) + "\n"


def _reloc_target(r: elf.Relocation) -> str:
    name = r.symbol.name if r.symbol is not None else "*ABS*"
    if r.addend:
        return f"{name}{'+' if r.addend > 0 else '-'}0x{abs(r.addend):08x}"
    return name


def relocation_records(f: elf.ElfFile) -> str:
    out = []
    for s in f.sections:
        if not s.relocations:
            continue
        out.append(f"RELOCATION RECORDS FOR [{s.name}]:")
        out.append(f"{'OFFSET':<8} {'TYPE':<17} VALUE")
        for r in sorted(s.relocations, key=lambda r: r.offset):
            out.append(f"{_hex(r.offset)} {elf.RELOC_NAMES[r.type]:<17} {_reloc_target(r)}")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


# ----------------------------------------------------------------------------- disassembly


@dataclass
class _Labels:
    """Symbol names by (section, byte offset) and by linked value, for symbolic operands."""

    at: dict[tuple[int, int], str] = field(default_factory=dict)  # (id(section), offset)
    code: CodeSymbols = field(default_factory=lambda: CodeSymbols(()))
    extra: dict[tuple[int, int], str] = field(default_factory=dict)  # made-up labels


def _symbol_rank(s: elf.Symbol) -> tuple:
    # Prefer global names, then functions/objects, then plain labels; ignore section symbols.
    return (s.bind == elf.STB_LOCAL, s.type not in (elf.STT_FUNC, elf.STT_OBJECT), s.name)


def _labels(f: elf.ElfFile) -> _Labels:
    lab = _Labels()
    best: dict[tuple[int, int], elf.Symbol] = {}
    for s in f.symbols:
        if s.section is None or s.type in (elf.STT_SECTION, elf.STT_FILE) or not s.name:
            continue
        off = s.value - (s.section.addr if f.kind == elf.ET_EXEC else 0)
        key = (id(s.section), off)
        if key not in best or _symbol_rank(s) < _symbol_rank(best[key]):
            best[key] = s
    lab.at = {k: s.name for k, s in best.items()}
    if f.kind == elf.ET_EXEC:
        codes = {}
        for (_, off), s in best.items():
            if s.section.executable:
                idx = memory.value_of(memory.IRAM, s.section.addr + off)
                if idx not in codes or _symbol_rank(s) < _symbol_rank(codes[idx]):
                    codes[idx] = s
        lab.code = CodeSymbols((i, s.name) for i, s in codes.items())
    return lab


def _target_name(f: elf.ElfFile, lab: _Labels, r: elf.Relocation) -> str:
    """Assembly text for ``S + A`` of a relocation in an object."""
    sym = r.symbol
    if sym is None:
        return str(r.addend)
    if sym.type != elf.STT_SECTION:
        return _plus(sym.name, r.addend)
    sec = sym.section
    scale = 8 if sec.executable else 1
    off = r.addend * scale
    name = lab.at.get((id(sec), off))
    if name is not None:
        return name
    # No symbol there: the nearest one before, or a made-up local label.
    before = [(o, n) for (sid, o), n in lab.at.items() if sid == id(sec) and o <= off]
    if before and not sec.executable:
        o, n = max(before)
        return _plus(n, (off - o) // scale)
    name = f".L{sec.name.strip('.').replace('.', '_')}_{off:x}"
    lab.extra[(id(sec), off)] = name
    return name


def _plus(name: str, n: int) -> str:
    return name if n == 0 else f"{name}{'+' if n > 0 else '-'}{abs(n)}"


def _instruction_text(f: elf.ElfFile, lab: _Labels, sec: elf.Section, off: int, word: int,
                      relocs: dict[int, list[elf.Relocation]]) -> str:
    try:
        form, values = isa.decode(word)
    except isa.DecodingError:
        return f".insn 0x{word:016x}  // not a valid instruction"
    by_role = {elf.INSTRUCTION_RELOCS.get(r.type): r for r in relocs.get(off, [])}
    texts = []
    for i, (op, v) in enumerate(zip(form.operands, values)):
        r = by_role.get(op.role) if op.kind == "expr" else None
        if r is not None:
            base = _target_name(f, lab, r)
            texts.append(base if v == 0 else f"{base}+{v}")
        elif f.kind == elf.ET_EXEC and _is_code_operand(form, op, values):
            texts.append(lab.code.name(v) or str(v))
        else:
            texts.append(isa.format_operand(op, v))
    return isa.format_instruction(form, texts)


def _is_code_operand(form: isa.Form, op: isa.Operand, values: tuple[int, ...]) -> bool:
    """Operands that hold an instruction index: pc (unless the branch can never be taken), and a
    call's offset from `zero`."""
    if op.role == "pc":
        cc = form.roles.get("cc")
        return cc is None or values[cc] != isa.CONDITION_CODES["false"]
    if form.base == "call" and op.role == "off":
        ra = form.roles.get("ra")
        return ra is None or values[ra] == isa.ZERO
    return False


def _code_base(f: elf.ElfFile, sec: elf.Section) -> int:
    """Address used to look a section's code up in the line table.

    In an executable that is the section's address.  Every section of an object starts at 0, so
    each gets its own made-up base (applied to the line table's relocations too).
    """
    if f.kind == elf.ET_EXEC:
        return sec.addr
    return (f.sections.index(sec) + 1) << 24


def _line_lookup(f: elf.ElfFile):
    sec = f.section(".debug_line")
    if sec is None:
        return None
    data = bytearray(sec.data)
    for r in sec.relocations:
        if r.type == elf.R_DPU_ADDR32 and r.symbol is not None and r.symbol.section is not None:
            value = _code_base(f, r.symbol.section) + r.symbol.value + r.addend
            data[r.offset:r.offset + 4] = (value & 0xFFFFFFFF).to_bytes(4, "little")
    try:
        return dwarf.LineIndex(dwarf.read_debug_line(bytes(data)))
    except dwarf.DwarfError:
        return None


class _Sources:
    def __init__(self, base_dir: str):
        self.base_dir = base_dir
        self.cache: dict[str, list[str] | None] = {}

    def line(self, path: str, n: int) -> str | None:
        if path not in self.cache:
            text = None
            for cand in (path, os.path.join(self.base_dir, path)):
                try:
                    with open(cand, encoding="utf-8", errors="replace") as fh:
                        text = fh.read().split("\n")
                    break
                except OSError:
                    continue
            self.cache[path] = text
        lines = self.cache[path]
        if lines is None or not 1 <= n <= len(lines):
            return None
        return lines[n - 1]


def disassembly(f: elf.ElfFile, opts: Options, base_dir: str = ".") -> str:
    lab = _labels(f)
    lines_index = _line_lookup(f) if opts.source else None
    sources = _Sources(base_dir)
    out: list[str] = []
    globals_ = {s.name: s.bind for s in f.symbols
                if s.bind != elf.STB_LOCAL and s.section is not None}
    for sec in f.sections:
        if not sec.executable or sec.type == elf.SHT_NOBITS:
            continue
        relocs: dict[int, list[elf.Relocation]] = {}
        for r in sec.relocations:
            relocs.setdefault(r.offset, []).append(r)
        body: list[tuple[int, str]] = []
        for off in range(0, len(sec.data) - len(sec.data) % 8, 8):
            word = int.from_bytes(sec.data[off:off + 8], "little")
            body.append((off, _instruction_text(f, lab, sec, off, word, relocs)))
        if opts.no_addresses:
            out.append(f"// Disassembly of section {sec.name}:")
            out.append(f'\t.section {sec.name},"{_flags_text(sec)}",@progbits')
            out.append("\t.p2align 3")
        else:
            out.append(f"Disassembly of section {sec.name}:")
        last_src = None
        for off, text in body:
            addr = sec.addr + off
            name = lab.at.get((id(sec), off)) or lab.extra.get((id(sec), off))
            if name is not None:
                if opts.no_addresses:
                    if name in globals_:
                        bind = ".weak" if globals_[name] == elf.STB_WEAK else ".globl"
                        out.append(f"\t{bind} {name}")
                    out.append(f"{name}:")
                else:
                    out.append("")
                    out.append(f"{_hex(addr)} <{name}>:")
            if lines_index is not None:
                where = lines_index.lookup(_code_base(f, sec) + off)
                if where is not None and where != last_src:
                    last_src = where
                    src = sources.line(where[0], where[1])
                    out.append(f"// {where[0]}:{where[1]}" + (f": {src.strip()}" if src else ""))
            if opts.no_addresses:
                out.append(f"\t{text}")
            else:
                raw = ""
                if opts.show_raw:
                    raw = " ".join(f"{b:02x}" for b in sec.data[off:off + 8]) + " \t"
                out.append(f"{_hex(addr)}:\t{raw}{text}")
        # Made-up labels past the last instruction (e.g. a branch to the section's end).
        end = lab.extra.get((id(sec), len(sec.data)))
        if end is not None:
            out.append(f"{end}:" if opts.no_addresses else f"{_hex(sec.addr + len(sec.data))} "
                                                          f"<{end}>:")
        out.append("")
    if opts.no_addresses:
        out.append(data_as_assembly(f, lab))
    return "\n".join(out) + "\n"


def _flags_text(sec: elf.Section) -> str:
    return "".join(ch for flag, ch in ((elf.SHF_ALLOC, "a"), (elf.SHF_WRITE, "w"),
                                       (elf.SHF_EXECINSTR, "x"), (elf.SHF_GNU_RETAIN, "R"))
                   if sec.flags & flag)


def data_as_assembly(f: elf.ElfFile, lab: _Labels) -> str:
    """Allocated data sections as directives, so that a ``--no-addresses`` listing re-assembles
    into the whole object, not only its code (labels the code refers to included)."""
    out: list[str] = []
    binds = {s.name: s.bind for s in f.symbols if s.bind != elf.STB_LOCAL and s.section}
    for sec in f.sections:
        if not sec.alloc or sec.executable:
            continue
        kind = "@nobits" if sec.type == elf.SHT_NOBITS else "@progbits"
        out.append(f'\t.section {sec.name},"{_flags_text(sec)}",{kind}')
        if sec.align > 1:
            out.append(f"\t.p2align {sec.align.bit_length() - 1}")
        labels: dict[int, list[str]] = {}
        for (sid, off), name in list(lab.at.items()) + list(lab.extra.items()):
            if sid == id(sec):
                labels.setdefault(off, []).append(name)
        relocs = {r.offset: r for r in sec.relocations}
        cuts = sorted(set(labels) | set(relocs) | {sec.size})
        pos = 0
        while pos < sec.size or pos in labels:
            for name in sorted(labels.get(pos, ())):
                if name in binds:
                    out.append(f"\t{'.weak' if binds[name] == elf.STB_WEAK else '.globl'} {name}")
                out.append(f"{name}:")
            if pos >= sec.size:
                break
            r = relocs.get(pos)
            if r is not None and r.type in elf.DATA_RELOC_SIZE:
                size = elf.DATA_RELOC_SIZE[r.type]
                directive = {1: ".byte", 2: ".short", 4: ".long", 8: ".quad"}[size]
                out.append(f"\t{directive} {_target_name(f, lab, r)}")
                pos += size
                continue
            nxt = min(c for c in cuts if c > pos)
            if sec.type == elf.SHT_NOBITS:
                out.append(f"\t.zero {nxt - pos}")
                pos = nxt
                continue
            chunk = bytes(sec.data[pos:min(nxt, pos + 16)])
            out.append("\t.byte " + ", ".join(f"0x{b:02x}" for b in chunk))
            pos += len(chunk)
    return "\n".join(out) + ("\n" if out else "")


def objdump(data: bytes, filename: str, opts: Options) -> str:
    """The whole listing for one file; raises elf.ElfError on unreadable input."""
    f = elf.read_elf(data)
    comment = "// " if opts.no_addresses else ""
    parts = [f"\n{comment}{filename}:     file format elf32-dpu\n"]
    if opts.headers:
        parts.append(section_headers(f))
    if opts.syms:
        parts.append(symbol_table(f))
    if opts.relocs:
        parts.append(relocation_records(f))
    if opts.disassemble:
        parts.append(disassembly(f, opts, os.path.dirname(filename) or "."))
    return "\n".join(parts)
