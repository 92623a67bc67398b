"""ELF32 little-endian objects and executables for the DPU (``e_machine`` 245).

One in-memory model (:class:`ElfFile` with :class:`Section`, :class:`Symbol` and
:class:`Relocation`) that the assembler and linker fill and :func:`write_elf` serialises, and that
:func:`read_elf` rebuilds from bytes.  The reader validates every offset and index it follows, so a
corrupted file gives an :class:`ElfError` naming what is wrong, never an arbitrary exception.

Relocations are RELA (the addend lives in the relocation; the relocated field holds zero), so an
object's section bytes do not depend on where its symbols will land.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

EM_DPU = 245
ET_REL, ET_EXEC = 1, 2

SHT_NULL, SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_RELA = 0, 1, 2, 3, 4
SHT_NOBITS = 8
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR, SHF_INFO_LINK = 0x1, 0x2, 0x4, 0x40
SHF_MERGE, SHF_STRINGS = 0x10, 0x20
SHF_GNU_RETAIN = 0x200000
SHN_UNDEF, SHN_ABS, SHN_COMMON = 0, 0xFFF1, 0xFFF2
SHN_LORESERVE = 0xFF00

STB_LOCAL, STB_GLOBAL, STB_WEAK = 0, 1, 2
STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION, STT_FILE = 0, 1, 2, 3, 4
STV_DEFAULT, STV_HIDDEN = 0, 2
PT_LOAD = 1
PF_X, PF_W, PF_R = 1, 2, 4

# Relocation types (ours).  The instruction relocations name an operand role; the linker decodes
# the instruction at r_offset to find that operand's bit field and range in the ISA table.
R_DPU_NONE = 0
R_DPU_32 = 1  # data word: value of S + A (IRAM: instruction index, atomic: bit number)
R_DPU_16 = 2
R_DPU_8 = 3
R_DPU_64 = 4
R_DPU_IMM = 5  # instruction <imm>
R_DPU_OFF = 6  # instruction <off>
R_DPU_PC = 7  # instruction <pc>
R_DPU_SHIFT = 8  # instruction <shift>
R_DPU_DMA = 9  # instruction <immDma>
R_DPU_ADDR32 = 10  # data word: the linked address S + A itself (debug information)

RELOC_NAMES = {
    R_DPU_NONE: "R_DPU_NONE", R_DPU_32: "R_DPU_32", R_DPU_16: "R_DPU_16", R_DPU_8: "R_DPU_8",
    R_DPU_64: "R_DPU_64", R_DPU_IMM: "R_DPU_IMM", R_DPU_OFF: "R_DPU_OFF", R_DPU_PC: "R_DPU_PC",
    R_DPU_SHIFT: "R_DPU_SHIFT", R_DPU_DMA: "R_DPU_DMA", R_DPU_ADDR32: "R_DPU_ADDR32",
}
INSTRUCTION_RELOCS = {R_DPU_IMM: "imm", R_DPU_OFF: "off", R_DPU_PC: "pc", R_DPU_SHIFT: "shift",
                      R_DPU_DMA: "immDma"}
RELOC_FOR_ROLE = {role: t for t, role in INSTRUCTION_RELOCS.items()}
DATA_RELOC_SIZE = {R_DPU_32: 4, R_DPU_16: 2, R_DPU_8: 1, R_DPU_64: 8, R_DPU_ADDR32: 4}

_EHDR = struct.Struct("<16sHHIIIIIHHHHHH")
_SHDR = struct.Struct("<IIIIIIIIII")
_PHDR = struct.Struct("<IIIIIIII")
_SYM = struct.Struct("<IIIBBH")
_RELA = struct.Struct("<IIi")


class ElfError(ValueError):
    """The bytes are not a DPU ELF file we can read; the message says what is wrong."""


@dataclass(eq=False)
class Section:
    name: str
    type: int = SHT_PROGBITS
    flags: int = 0
    data: bytearray = field(default_factory=bytearray)
    nobits_size: int = 0  # size of a SHT_NOBITS section
    align: int = 1
    addr: int = 0
    entsize: int = 0
    relocations: list["Relocation"] = field(default_factory=list)

    @property
    def size(self) -> int:
        return self.nobits_size if self.type == SHT_NOBITS else len(self.data)

    @property
    def alloc(self) -> bool:
        return bool(self.flags & SHF_ALLOC)

    @property
    def executable(self) -> bool:
        return bool(self.flags & SHF_EXECINSTR)


@dataclass(eq=False)
class Symbol:
    name: str
    value: int = 0
    size: int = 0
    bind: int = STB_LOCAL
    type: int = STT_NOTYPE
    section: Section | None = None  # None: undefined (or absolute when ``absolute``)
    absolute: bool = False
    other: int = STV_DEFAULT

    @property
    def defined(self) -> bool:
        return self.section is not None or self.absolute


@dataclass(eq=False)
class Relocation:
    offset: int
    type: int
    symbol: Symbol | None
    addend: int = 0


@dataclass(frozen=True)
class Segment:
    type: int
    flags: int
    vaddr: int
    sections: tuple[Section, ...]
    memsz: int


@dataclass(eq=False)
class ElfFile:
    kind: int = ET_REL
    sections: list[Section] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)  # without the null symbol
    entry: int = 0
    segments: list[Segment] = field(default_factory=list)
    flags: int = 0

    def section(self, name: str) -> Section | None:
        for s in self.sections:
            if s.name == name:
                return s
        return None

    def symbol(self, name: str) -> Symbol | None:
        for s in self.symbols:
            if s.name == name and s.type != STT_SECTION:
                return s
        return None


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


class _StringTable:
    def __init__(self) -> None:
        self.data = bytearray(b"\0")
        self.index: dict[str, int] = {"": 0}

    def add(self, s: str) -> int:
        if s not in self.index:
            self.index[s] = len(self.data)
            self.data += s.encode("utf-8") + b"\0"
        return self.index[s]


def _align(n: int, a: int) -> int:
    return (n + a - 1) // a * a if a > 1 else n


def write_elf(elf: ElfFile) -> bytes:
    """Serialise ``elf``: sections in order, then .rela.*, .symtab, .strtab, .shstrtab."""
    shstr = _StringTable()
    strtab = _StringTable()
    # Symbols: null, locals, then globals/weak (ELF requires locals first).
    ordered = [s for s in elf.symbols if s.bind == STB_LOCAL] + [
        s for s in elf.symbols if s.bind != STB_LOCAL
    ]
    sym_index = {id(s): i + 1 for i, s in enumerate(ordered)}
    first_global = 1 + sum(1 for s in ordered if s.bind == STB_LOCAL)

    sec_index = {id(s): i + 1 for i, s in enumerate(elf.sections)}
    n_user = len(elf.sections)
    rela_sections = [s for s in elf.sections if s.relocations]
    symtab_idx = n_user + len(rela_sections) + 1
    strtab_idx = symtab_idx + 1
    shstrtab_idx = strtab_idx + 1
    n_sections = shstrtab_idx + 1

    symdata = bytearray(_SYM.size)
    for s in ordered:
        if s.absolute:
            shndx = SHN_ABS
        elif s.section is None:
            shndx = SHN_UNDEF
        else:
            shndx = sec_index[id(s.section)]
        name = 0 if s.type == STT_SECTION else strtab.add(s.name)
        symdata += _SYM.pack(name, s.value & 0xFFFFFFFF, s.size, (s.bind << 4) | s.type,
                             s.other, shndx)

    rela_blobs = []
    for s in rela_sections:
        blob = bytearray()
        for r in s.relocations:
            idx = 0 if r.symbol is None else sym_index[id(r.symbol)]
            blob += _RELA.pack(r.offset, (idx << 8) | r.type, r.addend)
        rela_blobs.append(blob)

    # Layout: header, program headers, section contents, section header table.
    phnum = len(elf.segments)
    offset = _EHDR.size + phnum * _PHDR.size
    headers: list[bytes] = [_SHDR.pack(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]
    body = bytearray()
    sec_offset: dict[int, int] = {}

    def place(data: bytes, align: int) -> int:
        nonlocal offset
        pad = _align(offset, max(align, 1)) - offset
        body.extend(b"\0" * pad)
        offset += pad
        at = offset
        body.extend(data)
        offset += len(data)
        return at

    for s in elf.sections:
        if s.type == SHT_NOBITS:
            at = _align(offset, max(s.align, 1))
        else:
            at = place(bytes(s.data), s.align)
        sec_offset[id(s)] = at
        headers.append(_SHDR.pack(shstr.add(s.name), s.type, s.flags, s.addr, at, s.size, 0, 0,
                                  max(s.align, 1), s.entsize))
    for s, blob in zip(rela_sections, rela_blobs):
        at = place(bytes(blob), 4)
        headers.append(_SHDR.pack(shstr.add(".rela" + s.name), SHT_RELA, SHF_INFO_LINK, 0, at,
                                  len(blob), symtab_idx, sec_index[id(s)], 4, _RELA.size))
    at = place(bytes(symdata), 4)
    headers.append(_SHDR.pack(shstr.add(".symtab"), SHT_SYMTAB, 0, 0, at, len(symdata),
                              strtab_idx, first_global, 4, _SYM.size))
    at = place(bytes(strtab.data), 1)
    headers.append(_SHDR.pack(shstr.add(".strtab"), SHT_STRTAB, 0, 0, at, len(strtab.data),
                              0, 0, 1, 0))
    name_off = shstr.add(".shstrtab")
    at = place(bytes(shstr.data), 1)
    headers.append(_SHDR.pack(name_off, SHT_STRTAB, 0, 0, at, len(shstr.data), 0, 0, 1, 0))
    shoff = _align(offset, 4)
    body.extend(b"\0" * (shoff - offset))

    phdrs = bytearray()
    for seg in elf.segments:
        first = seg.sections[0]
        filesz = 0
        file_secs = [s for s in seg.sections if s.type != SHT_NOBITS]
        if file_secs:
            last = file_secs[-1]
            filesz = sec_offset[id(last)] + last.size - sec_offset[id(first)]
        p_offset = sec_offset[id(first)]
        phdrs += _PHDR.pack(seg.type, p_offset, seg.vaddr, seg.vaddr, filesz, seg.memsz,
                            seg.flags, 8)

    ident = b"\x7fELF" + bytes([1, 1, 1, 0]) + b"\0" * 8
    ehdr = _EHDR.pack(ident, elf.kind, EM_DPU, 1, elf.entry, _EHDR.size if phnum else 0, shoff,
                      elf.flags, _EHDR.size, _PHDR.size, phnum, _SHDR.size, n_sections,
                      shstrtab_idx)
    return bytes(ehdr + phdrs + body + b"".join(headers))


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _cstr(table: bytes, off: int, what: str) -> str:
    if off >= len(table) and not (off == 0 and not table):
        raise ElfError(f"{what}: name offset {off} outside its string table")
    end = table.find(b"\0", off)
    if end < 0:
        raise ElfError(f"{what}: unterminated name")
    try:
        return table[off:end].decode("utf-8")
    except UnicodeDecodeError:
        raise ElfError(f"{what}: name is not UTF-8") from None


def read_elf(data: bytes) -> ElfFile:
    """Rebuild an :class:`ElfFile` from bytes, checking everything it relies on."""
    data = bytes(data)
    if len(data) < _EHDR.size:
        raise ElfError("file too short for an ELF header")
    (ident, e_type, machine, version, entry, phoff, shoff, flags, ehsize, phentsize, phnum,
     shentsize, shnum, shstrndx) = _EHDR.unpack_from(data)
    if ident[:4] != b"\x7fELF":
        raise ElfError("not an ELF file (bad magic)")
    if ident[4] != 1:
        raise ElfError("not a 32-bit ELF file")
    if ident[5] != 1:
        raise ElfError("not a little-endian ELF file")
    if machine != EM_DPU:
        raise ElfError(f"not a DPU file (e_machine {machine}, expected {EM_DPU})")
    if e_type not in (ET_REL, ET_EXEC):
        raise ElfError(f"unsupported ELF type {e_type}")
    if shnum == 0 or shentsize != _SHDR.size:
        raise ElfError("missing or malformed section header table")
    if shoff + shnum * _SHDR.size > len(data):
        raise ElfError("section header table extends past the end of the file")
    if shstrndx >= shnum:
        raise ElfError("section name table index out of range")
    raw = [_SHDR.unpack_from(data, shoff + i * _SHDR.size) for i in range(shnum)]

    def contents(i: int) -> bytes:
        _, typ, _, _, off, size, *_ = raw[i]
        if typ == SHT_NOBITS:
            return b""
        if off + size > len(data):
            raise ElfError(f"section {i} extends past the end of the file")
        return data[off:off + size]

    shstr = contents(shstrndx)
    elf = ElfFile(kind=e_type, entry=entry, flags=flags)
    by_index: dict[int, Section] = {}
    symtab_i = None
    for i in range(1, shnum):
        name_off, typ, sflags, addr, off, size, link, info, align, entsize = raw[i]
        name = _cstr(shstr, name_off, f"section {i}")
        if typ == SHT_SYMTAB:
            if symtab_i is not None:
                raise ElfError("more than one symbol table")
            symtab_i = i
            continue
        if typ in (SHT_RELA, SHT_STRTAB) or (typ == SHT_NULL):
            continue
        sec = Section(name, typ, sflags, bytearray(contents(i)), size if typ == SHT_NOBITS else 0,
                      align or 1, addr, entsize)
        by_index[i] = sec
        elf.sections.append(sec)

    symbols: list[Symbol | None] = [None]
    if symtab_i is not None:
        _, _, _, _, _, size, link, info, _, entsize = raw[symtab_i]
        if entsize != _SYM.size or size % _SYM.size:
            raise ElfError("malformed symbol table")
        if link >= shnum or raw[link][1] != SHT_STRTAB:
            raise ElfError("symbol table does not link to a string table")
        strtab = contents(link)
        symdata = contents(symtab_i)
        for j in range(1, size // _SYM.size):
            name_off, value, ssize, st_info, other, shndx = _SYM.unpack_from(symdata, j * _SYM.size)
            name = _cstr(strtab, name_off, f"symbol {j}")
            sym = Symbol(name, value, ssize, st_info >> 4, st_info & 0xF, other=other)
            if shndx == SHN_ABS:
                sym.absolute = True
            elif shndx == SHN_COMMON:
                raise ElfError(f"symbol '{name}': common symbols are not supported")
            elif shndx != SHN_UNDEF:
                if shndx not in by_index:
                    raise ElfError(f"symbol '{name}' refers to invalid section {shndx}")
                sym.section = by_index[shndx]
                if sym.type == STT_SECTION:
                    sym.name = sym.section.name
            if sym.type == STT_SECTION and sym.section is None:
                raise ElfError(f"section symbol {j} has no section")
            if sym.bind not in (STB_LOCAL, STB_GLOBAL, STB_WEAK):
                raise ElfError(f"symbol '{name}': unsupported binding {sym.bind}")
            symbols.append(sym)
            elf.symbols.append(sym)

    for i in range(1, shnum):
        name_off, typ, _, _, _, size, link, info, _, entsize = raw[i]
        if typ != SHT_RELA:
            continue
        if link != symtab_i:
            raise ElfError(f"relocation section {i} does not use the symbol table")
        if info not in by_index:
            raise ElfError(f"relocation section {i} applies to invalid section {info}")
        if entsize != _RELA.size or size % _RELA.size:
            raise ElfError(f"malformed relocation section {i}")
        target = by_index[info]
        blob = contents(i)
        for k in range(size // _RELA.size):
            off, rinfo, addend = _RELA.unpack_from(blob, k * _RELA.size)
            rtype, sidx = rinfo & 0xFF, rinfo >> 8
            if rtype not in RELOC_NAMES:
                raise ElfError(f"unknown relocation type {rtype} in {target.name}")
            if sidx >= len(symbols):
                raise ElfError(f"relocation in {target.name} refers to invalid symbol {sidx}")
            width = DATA_RELOC_SIZE.get(rtype, 8 if rtype in INSTRUCTION_RELOCS else 0)
            if off + width > target.size:
                raise ElfError(f"relocation at 0x{off:x} outside section {target.name}")
            target.relocations.append(Relocation(off, rtype, symbols[sidx], addend))

    if phnum:
        if phentsize != _PHDR.size or phoff + phnum * _PHDR.size > len(data):
            raise ElfError("malformed program header table")
    return elf
