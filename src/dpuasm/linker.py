"""The DPU linker: relocatable objects and archives in, one executable ELF out.

The steps, each a small function below:

1. **Load** every input: objects (ELF ``ET_REL``) and archives (recognised by their magic).
2. **Resolve** global symbols across the objects, then pull archive members that define a symbol
   still undefined, looping over all archives until nothing changes (``--start-group``
   semantics).  A strong duplicate is an error; a strong definition beats a weak one.
3. **Collect garbage** (``gc_sections``): keep what the entry, the host-visible sections and
   ``SHF_GNU_RETAIN`` sections reach through relocations.  ``gc_members`` collects only
   the sections of archive members, with every section of the objects named on the command
   line as a root: a library whose objects hold many functions (one section each) then costs
   what a library of one function per member would, and the user's own code all stays.
4. **Lay out** the sections in the DPU memories (docs/object-format.md): IRAM text from
   0x80000000 with the entry's section first, WRAM from 0 behind an 8-byte null guard, MRAM from
   0x08000000, atomic bits from 0xF0000000; define the linker symbols; check each memory's size.
5. **Relocate**: every relocation is resolved now, so the executable carries none.
6. **Emit** the ElfFile (one ``PT_LOAD`` per memory) and the link map.

Everything is in input order, so the same inputs give the same bytes.  The library never prints:
errors raise :class:`dpucore.diag.DiagnosticError`, warnings are returned in the result.

Choices worth knowing:

* The null guard is an output section named ``.null_guard`` (8 zero bytes at WRAM address 0), so a
  null pointer never aliases a variable and ``readelf`` shows why WRAM data starts at 8.
* A segment's file image must mirror its memory image, so when an initialised (PROGBITS) output
  section follows a NOBITS one in the same memory (``.dpu_host`` data after ``.bss``, ``.mram``
  after ``.mram.noinit``), the memory gets a second ``PT_LOAD`` starting there rather than a file
  full of zeros.  Usually each non-empty memory has exactly one ``PT_LOAD``.
* Absolute symbols (``--defsym``, ``SHN_ABS``) are used as they are: an absolute 0x80000008 is
  not turned into an instruction index.
* Weak undefined references resolve to 0 and do not pull archive members (as in GNU ld); the entry
  symbol counts as a reference, so it may come from an archive.
* ``__sys_heap_pointer_reset`` and ``__sys_used_mram_end`` are defined only when no input
  defines them (like ``PROVIDE``), as absolute symbols (their WRAM/MRAM value is their address).
* Undefined references from sections removed by ``gc_sections`` are not errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dpucore import elf as E
from dpucore import isa, memory
from dpucore.diag import Collector, Diagnostic, DiagnosticError

from . import archive

NULL_GUARD = ".null_guard"
NULL_GUARD_SIZE = 8
HEAP_START_SYMBOL = "__sys_heap_pointer_reset"
MRAM_END_SYMBOL = "__sys_used_mram_end"
TEXT = ".text"

REGIONS = (memory.IRAM, memory.WRAM, memory.MRAM, memory.ATOMIC)
REGION_TITLE = {memory.IRAM: "IRAM", memory.WRAM: "WRAM", memory.MRAM: "MRAM",
                memory.ATOMIC: "atomic"}
_SEGMENT_FLAGS = {memory.IRAM: E.PF_R | E.PF_X, memory.WRAM: E.PF_R | E.PF_W,
                  memory.MRAM: E.PF_R | E.PF_W, memory.ATOMIC: E.PF_R | E.PF_W}
_ALLOC_FLAGS = E.SHF_ALLOC | E.SHF_WRITE | E.SHF_EXECINSTR
_DATA_RANGE = {size: (-(1 << (8 * size - 1)), (1 << (8 * size)) - 1) for size in (1, 2, 4, 8)}
# WRAM output sections, in memory order: (name prefix, rank); other names rank between data and bss.
_WRAM_ORDER = ((".rodata", 1), (".data", 2), (".bss", 4), (".dpu_host", 5), (".stack", 6))
_WRAM_OTHER_RANK = 3


@dataclass
class LinkResult:
    """The executable (serialise with :func:`dpucore.elf.write_elf`), its link map and warnings."""

    elf: E.ElfFile
    map_text: str
    warnings: list[Diagnostic] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Model of the link
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Object:
    """One object taking part in the link: a file, or an archive member ``lib.a(m.o)``."""

    name: str
    elf: E.ElfFile
    position: int  # the input's place on the command line (a member: its archive's)
    member: bool = False  # pulled from an archive


@dataclass(eq=False)
class _Archive:
    name: str
    position: int
    members: list[_Object]


@dataclass(eq=False)
class _Piece:
    """An input section and where it lands in its output section."""

    obj: _Object
    section: E.Section
    out: _OutSection | None = None
    offset: int = 0

    @property
    def size(self) -> int:
        return self.section.size

    @property
    def align(self) -> int:
        # Instructions occupy 8-byte slots whatever the object says.
        return max(self.section.align, 8) if _is_text(self.section) else max(self.section.align, 1)

    def label(self) -> str:
        return f"{self.obj.name}({self.section.name})"


@dataclass(eq=False)
class _OutSection:
    name: str
    region: str | None  # None: not allocated (debug information, comments)
    pieces: list[_Piece] = field(default_factory=list)
    min_size: int = 0  # the null guard has no input but 8 bytes
    align: int = 1
    addr: int = 0
    size: int = 0
    nobits: bool = False
    elf_section: E.Section | None = None  # None until emitted, and for empty sections

    @property
    def empty(self) -> bool:
        return self.min_size == 0 and all(p.size == 0 for p in self.pieces)


@dataclass(frozen=True, eq=False)
class _Definition:
    """The definition a global name resolved to; ``obj`` is None for --defsym and linker symbols."""

    obj: _Object | None
    symbol: E.Symbol


@dataclass(frozen=True)
class _Target:
    """What a relocation's symbol stands for: an address in a region (None: used as is)."""

    address: int
    region: str | None
    discarded: bool = False


def _error(message: str, file: str | None = None) -> Diagnostic:
    return Diagnostic("error", message, file)


def _align(n: int, a: int) -> int:
    return (n + a - 1) // a * a if a > 1 else n


def _is_text(section: E.Section) -> bool:
    return section.executable or section.name == TEXT or section.name.startswith(TEXT + ".")


def _is_global(sym: E.Symbol) -> bool:
    return sym.bind != E.STB_LOCAL


# --------------------------------------------------------------------------------------------
# 1. Loading
# --------------------------------------------------------------------------------------------


def _read_object(name: str, data: bytes, position: int) -> _Object:
    """An ELF relocatable object, or a DiagnosticError naming the file."""
    try:
        obj = E.read_elf(data)
    except E.ElfError as e:
        raise DiagnosticError(_error(f"file format not recognized: {e}", name))
    if obj.kind != E.ET_REL:
        raise DiagnosticError(_error(f"not a relocatable object (ELF type {obj.kind}); link "
                                     "objects and archives only", name))
    return _Object(name, obj, position)


def _read_archive(name: str, data: bytes, position: int,
                  warnings: list[Diagnostic]) -> _Archive:
    """An archive's members as objects; members that are not DPU objects are skipped with a
    warning (like GNU ld skipping incompatible members), so one stray file does not break a
    library whose other members are fine."""
    try:
        members = archive.read_archive(data)
    except archive.ArchiveError as e:
        raise DiagnosticError(_error(f"malformed archive: {e}", name))
    objects = []
    for m in members:
        label = f"{name}({m.name})"
        try:
            obj = _read_object(label, m.data, position)
            obj.member = True
            objects.append(obj)
        except DiagnosticError as e:
            warnings.append(Diagnostic("warning", "archive member skipped: "
                                       + e.diagnostics[0].message, label))
    return _Archive(name, position, objects)


def _load(inputs: list[tuple[str, bytes]],
          warnings: list[Diagnostic]) -> tuple[list[_Object], list[_Archive]]:
    objects, archives = [], []
    errors = Collector()
    for position, (name, data) in enumerate(inputs):
        try:
            if archive.is_archive(data):
                archives.append(_read_archive(name, data, position, warnings))
            else:
                objects.append(_read_object(name, data, position))
        except DiagnosticError as e:
            errors.diagnostics.extend(e.diagnostics)
    if not inputs:
        errors.add(_error("no input files"))
    errors.check()
    return objects, archives


# --------------------------------------------------------------------------------------------
# 2. Symbol resolution
# --------------------------------------------------------------------------------------------


class _SymbolTable:
    """Global names: their winning definition and who first needed them."""

    def __init__(self) -> None:
        self.defs: dict[str, _Definition] = {}
        self.first_reference: dict[str, str] = {}  # name -> referencing file, for the map
        self.errors = Collector()

    def add_object(self, obj: _Object) -> None:
        for sym in obj.elf.symbols:
            if not _is_global(sym) or sym.type == E.STT_SECTION:
                continue
            if sym.defined:
                self._define(obj, sym)
            elif sym.bind != E.STB_WEAK:
                self.first_reference.setdefault(sym.name, obj.name)

    def _define(self, obj: _Object, sym: E.Symbol) -> None:
        old = self.defs.get(sym.name)
        if old is None or (old.symbol.bind == E.STB_WEAK and sym.bind != E.STB_WEAK):
            self.defs[sym.name] = _Definition(obj, sym)
        elif old.symbol.bind != E.STB_WEAK and sym.bind != E.STB_WEAK:
            first = old.obj.name if old.obj else "the command line"
            self.errors.add(_error(f"multiple definition of '{sym.name}'; first defined in "
                                   f"{first}", obj.name))

    def undefined(self) -> list[str]:
        """Names referenced (not only weakly) and defined nowhere yet, in reference order."""
        return [n for n in self.first_reference if n not in self.defs]

    def wants(self, member: _Object) -> str | None:
        """The first currently-undefined name ``member`` defines (the reason to pull it)."""
        for sym in member.elf.symbols:
            if (_is_global(sym) and sym.defined and sym.type != E.STT_SECTION
                    and sym.name in self.first_reference and sym.name not in self.defs):
                return sym.name
        return None


@dataclass(frozen=True)
class _Inclusion:
    """Why an archive member is in the link (for the map)."""

    member: str
    referenced_by: str
    symbol: str


def _resolve(objects: list[_Object], archives: list[_Archive], entry: str,
             table: _SymbolTable) -> tuple[list[_Object], list[_Inclusion]]:
    """Add all objects, then archive members until no archive can define anything undefined."""
    table.first_reference[entry] = "the entry point"
    for obj in objects:
        table.add_object(obj)
    loaded: list[_Object] = list(objects)
    inclusions = []
    pulled: set[int] = set()
    progress = True
    while progress and table.undefined():
        progress = False
        for arc in archives:
            for member in arc.members:
                if id(member) in pulled:
                    continue
                name = table.wants(member)
                if name is None:
                    continue
                pulled.add(id(member))
                inclusions.append(_Inclusion(member.name, table.first_reference[name], name))
                table.add_object(member)
                loaded.append(member)
                progress = True
    table.errors.check()
    # Layout follows the command line: a member sits where its archive was named.
    order = {id(o): i for i, o in enumerate(loaded)}
    loaded.sort(key=lambda o: (o.position, order[id(o)]))
    return loaded, inclusions


def _apply_defsyms(table: _SymbolTable, defsyms: dict[str, int],
                   warnings: list[Diagnostic]) -> list[E.Symbol]:
    """--defsym name=value: an absolute global that overrides any input definition."""
    symbols = []
    for name in sorted(defsyms):
        old = table.defs.get(name)
        if old is not None and old.obj is not None:
            warnings.append(Diagnostic("warning", f"--defsym '{name}' overrides the definition "
                                       f"in {old.obj.name}", old.obj.name))
        sym = E.Symbol(name, defsyms[name], bind=E.STB_GLOBAL, absolute=True)
        table.defs[name] = _Definition(None, sym)
        symbols.append(sym)
    return symbols


# --------------------------------------------------------------------------------------------
# Pieces and the symbols' sections
# --------------------------------------------------------------------------------------------


def _pieces(objects: list[_Object]) -> dict[E.Section, _Piece]:
    return {sec: _Piece(obj, sec) for obj in objects for sec in obj.elf.sections
            if sec.type != E.SHT_NULL}


def _definition_of(obj: _Object, sym: E.Symbol | None,
                   table: _SymbolTable) -> _Definition | None:
    """The definition a symbol reference in ``obj`` means (None: undefined)."""
    if sym is None:
        return None
    if not _is_global(sym) or sym.type == E.STT_SECTION:
        return _Definition(obj, sym) if sym.defined else None
    return table.defs.get(sym.name)


def _entry_piece(entry: str, table: _SymbolTable, pieces: dict[E.Section, _Piece]) -> _Piece:
    """The section holding the entry symbol, which must start it and be executable."""
    d = table.defs.get(entry)
    if d is None:
        raise DiagnosticError(_error(f"undefined entry symbol '{entry}'"))
    sym, where = d.symbol, d.obj.name if d.obj else None
    if sym.section is None or not _is_text(sym.section):
        raise DiagnosticError(_error(f"entry symbol '{entry}' is not in an executable section",
                                     where))
    if sym.value != 0:
        raise DiagnosticError(_error(f"entry symbol '{entry}' must be at the start of its "
                                     f"section, but is at ({sym.section.name}+0x{sym.value:x})",
                                     where))
    return pieces[sym.section]


# --------------------------------------------------------------------------------------------
# 3. Garbage collection
# --------------------------------------------------------------------------------------------


def _is_gc_root(piece: _Piece) -> bool:
    """Sections nothing references but that must stay: retained ones and host-visible memory."""
    sec = piece.section
    if sec.flags & E.SHF_GNU_RETAIN or sec.name.startswith(".dpu_host"):
        return True
    return _region_of(sec) in (memory.MRAM, memory.ATOMIC)


def _live_pieces(pieces: dict[E.Section, _Piece], roots: list[_Piece],
                 table: _SymbolTable) -> set[_Piece]:
    """Allocated pieces reachable from the roots through relocations, plus all non-allocated
    ones (debug information describes what is kept; it must not keep anything alive)."""
    live = set(roots)
    work = list(roots)
    while work:
        piece = work.pop()
        for rel in piece.section.relocations:
            d = _definition_of(piece.obj, rel.symbol, table)
            section = d.symbol.section if d is not None else None
            target = pieces.get(section) if section is not None else None
            if target is not None and target not in live:
                live.add(target)
                work.append(target)
    live.update(p for p in pieces.values() if not p.section.alloc)
    return live


def _collect_garbage(pieces: dict[E.Section, _Piece], entry_piece: _Piece, table: _SymbolTable,
                     enabled: bool, members_only: bool = False
                     ) -> tuple[list[_Piece], list[_Piece]]:
    """(kept, discarded) pieces, in input order."""
    candidates = list(pieces.values())
    if not (enabled or members_only):
        return candidates, []
    roots = [entry_piece] + [p for p in candidates if p.section.alloc and (
        _is_gc_root(p) or (members_only and not enabled and not p.obj.member))]
    live = _live_pieces(pieces, roots, table)
    return [p for p in candidates if p in live], [p for p in candidates if p not in live]


# --------------------------------------------------------------------------------------------
# 4. Layout
# --------------------------------------------------------------------------------------------


def _layout(pieces: list[_Piece], entry_piece: _Piece, model: memory.DpuModel
            ) -> tuple[dict[str | None, list[_OutSection]], dict[str, int]]:
    """Output sections per region with their addresses, and the end address of each memory."""
    by_region = _build_outputs(pieces, entry_piece)
    ends = {}
    for region in REGIONS:
        _align_segment_starts(by_region[region])
        ends[region] = _place(by_region[region], memory.REGION_BASE[region])
    _place_non_alloc(by_region[None])
    overflow = _overflow_errors(by_region, ends, model)
    if overflow:
        raise DiagnosticError(overflow)
    return by_region, ends


def _region_of(section: E.Section) -> str | None:
    if not section.alloc:
        return None
    return memory.region_of_section(section.name, _is_text(section))


def _output_key(section: E.Section) -> tuple[str | None, str, int]:
    """(region, output section name, rank within the region) of an input section."""
    region = _region_of(section)
    name = section.name
    if region is None:
        return None, name, 0
    if region == memory.IRAM:
        return region, TEXT, 0
    if region == memory.MRAM:
        if name.startswith(".mram.noinit"):
            return region, ".mram.noinit", 0
        return region, ".mram", 1
    if region == memory.ATOMIC:
        return region, ".atomic", 0
    for prefix, rank in _WRAM_ORDER:
        if name.startswith(prefix):
            return region, prefix, rank
    return region, name, _WRAM_OTHER_RANK


def _build_outputs(pieces: list[_Piece],
                   entry_piece: _Piece) -> dict[str | None, list[_OutSection]]:
    """Group pieces into output sections, ordered per region.

    Empty output sections are kept here (symbols in them need an address) and left out of the
    executable's section table."""
    outs: dict[tuple[str | None, str], _OutSection] = {}
    ranks: dict[tuple[str | None, str], int] = {}
    first_seen: dict[tuple[str | None, str], int] = {}
    ordered = [entry_piece] + [p for p in pieces if p is not entry_piece]
    for i, piece in enumerate(ordered):
        region, name, rank = _output_key(piece.section)
        key = (region, name)
        if key not in outs:
            outs[key] = _OutSection(name, region)
            ranks[key], first_seen[key] = rank, i
        outs[key].pieces.append(piece)
    guard = (memory.WRAM, NULL_GUARD)
    outs[guard] = _OutSection(NULL_GUARD, memory.WRAM, min_size=NULL_GUARD_SIZE, align=8)
    ranks[guard], first_seen[guard] = 0, -1

    by_region: dict[str | None, list[_OutSection]] = {r: [] for r in (*REGIONS, None)}
    for key in sorted(outs, key=lambda k: (ranks[k], first_seen[k])):
        out = outs[key]
        for p in out.pieces:
            p.out = out
        out.nobits = bool(out.pieces) and all(p.section.type == E.SHT_NOBITS for p in out.pieces)
        out.align = max([out.align] + [p.align for p in out.pieces])
        by_region[key[0]].append(out)
    return by_region


def _segment_groups(outs: list[_OutSection]) -> list[list[_OutSection]]:
    """A memory's non-empty sections, split where initialised data follows NOBITS (see the
    module docstring): each group becomes one PT_LOAD."""
    groups: list[list[_OutSection]] = []
    for out in outs:
        if out.empty:
            continue
        if not groups or (groups[-1][-1].nobits and not out.nobits):
            groups.append([])
        groups[-1].append(out)
    return groups


def _align_segment_starts(outs: list[_OutSection]) -> None:
    """Give the first section of each segment the segment's largest alignment, so that file
    offsets and addresses stay congruent and every section sits in the file where its segment
    says it is (write_elf aligns file offsets to each section's alignment)."""
    for group in _segment_groups(outs):
        group[0].align = max(o.align for o in group)


def _place(outs: list[_OutSection], base: int) -> int:
    """Give addresses to sections and offsets to pieces; returns the end address."""
    cursor = base
    for out in outs:
        cursor = _align(cursor, out.align)
        out.addr = cursor
        offset = 0
        for piece in out.pieces:
            offset = _align(offset, piece.align)
            piece.offset = offset
            offset += piece.size
        out.size = max(offset, out.min_size)
        cursor += out.size
    return cursor


def _place_non_alloc(outs: list[_OutSection]) -> None:
    """Non-allocated sections have address 0; their symbols are offsets within them."""
    for out in outs:
        _place([out], 0)
        out.addr = 0


def _overflow_errors(by_region: dict[str | None, list[_OutSection]], ends: dict[str, int],
                     model: memory.DpuModel) -> list[Diagnostic]:
    errors = []
    for region in REGIONS:
        used = ends[region] - memory.REGION_BASE[region]
        excess = used - model.region_size(region)
        if excess <= 0:
            continue
        pieces = [p for out in by_region[region] for p in out.pieces]
        biggest = sorted(pieces, key=lambda p: -p.size)[:3]
        contributors = ", ".join(f"{p.label()}: {p.size}" for p in biggest)
        amount = (f"{excess} bits" if region == memory.ATOMIC else f"{excess} bytes")
        if region == memory.IRAM:
            amount += f" ({-(-excess // 8)} instructions)"
        errors.append(_error(f"{REGION_TITLE[region]} overflow by {amount} (model {model.name}, "
                             f"{model.region_size(region)} available); largest input sections: "
                             f"{contributors}"))
    return errors


def _linker_symbols(ends: dict[str, int], table: _SymbolTable) -> list[E.Symbol]:
    """The first free WRAM byte (heap start) and the end of used MRAM, unless an input has them."""
    symbols = []
    for name, value in ((HEAP_START_SYMBOL, _align(ends[memory.WRAM], 8)),
                        (MRAM_END_SYMBOL, _align(ends[memory.MRAM], 8))):
        if name in table.defs:
            continue
        sym = E.Symbol(name, value, bind=E.STB_GLOBAL, absolute=True)
        table.defs[name] = _Definition(None, sym)
        symbols.append(sym)
    return symbols


# --------------------------------------------------------------------------------------------
# 5. Relocation
# --------------------------------------------------------------------------------------------


def _target_of(d: _Definition, pieces: dict[E.Section, _Piece]) -> _Target:
    sym = d.symbol
    if sym.section is None:
        return _Target(sym.value, None)
    piece = pieces.get(sym.section)
    if piece is None or piece.out is None:
        return _Target(0, None, discarded=True)
    return _Target(piece.out.addr + piece.offset + sym.value, piece.out.region)


def _function_at(obj: _Object, section: E.Section, offset: int) -> str | None:
    for sym in obj.elf.symbols:
        if (sym.type == E.STT_FUNC and sym.section is section
                and sym.value <= offset < sym.value + sym.size):
            return sym.name
    return None


def _site(piece: _Piece, offset: int) -> str:
    """``in function 'f': (.text.f+0x10)`` or ``(.data+0x4)``: where a relocation is."""
    where = f"({piece.section.name}+0x{offset:x})"
    fn = _function_at(piece.obj, piece.section, offset)
    return f"in function '{fn}': {where}" if fn else where


def _wrap32(op: isa.Operand, value: int) -> int:
    """The DPU computes in 32 bits, and an ELF symbol value is unsigned: 0xFFFFFFF0 (say an
    absolute ``.set X, -16``) is -16 to a signed field.  Values that fit neither way stay as they
    are, for the range error."""
    if not op.accepts(value) and 1 << 31 <= value < 1 << 32 and op.accepts(value - (1 << 32)):
        return value - (1 << 32)
    return value


class _Relocator:
    """Applies relocations to the output sections' bytes, collecting every error."""

    def __init__(self, pieces: dict[E.Section, _Piece], table: _SymbolTable) -> None:
        self.pieces = pieces
        self.table = table
        self.errors = Collector()
        self._undefined_seen: set[tuple[str, str, str]] = set()

    def apply(self, piece: _Piece, buf: bytearray) -> None:
        for rel in piece.section.relocations:
            if rel.type == E.R_DPU_NONE:
                continue
            if piece.section.type == E.SHT_NOBITS:
                self._fail(piece, rel, "relocation in a NOBITS section")
                continue
            value = self._value(piece, rel)
            if value is not None:
                self._patch(piece, rel, value, buf, piece.offset + rel.offset)

    def _value(self, piece: _Piece, rel: E.Relocation) -> int | None:
        sym = rel.symbol
        if sym is None:
            return rel.addend
        d = _definition_of(piece.obj, sym, self.table)
        if d is None:
            if sym.bind == E.STB_WEAK:
                return rel.addend
            self._undefined(piece, rel)
            return None
        target = _target_of(d, self.pieces)
        if target.discarded:
            return 0  # debug information about removed code
        if rel.type == E.R_DPU_ADDR32 or target.region is None:
            return target.address + rel.addend
        return memory.value_of(target.region, target.address) + rel.addend

    def _undefined(self, piece: _Piece, rel: E.Relocation) -> None:
        fn = _function_at(piece.obj, piece.section, rel.offset)
        where = f"in function '{fn}'" if fn else f"({piece.section.name}+0x{rel.offset:x})"
        key = (rel.symbol.name, piece.obj.name, where)
        if key not in self._undefined_seen:
            self._undefined_seen.add(key)
            self.errors.add(_error(f"{where}: undefined reference to '{rel.symbol.name}'",
                                   piece.obj.name))

    def _patch(self, piece: _Piece, rel: E.Relocation, value: int, buf: bytearray,
               at: int) -> None:
        if rel.type in E.INSTRUCTION_RELOCS:
            self._patch_instruction(piece, rel, value, buf, at)
        else:
            self._patch_data(piece, rel, value, buf, at)

    def _patch_instruction(self, piece: _Piece, rel: E.Relocation, value: int,
                           buf: bytearray, at: int) -> None:
        """Decode the instruction to find the operand the relocation names, then let the ISA
        table range-check and place the value."""
        name, role = E.RELOC_NAMES[rel.type], E.INSTRUCTION_RELOCS[rel.type]
        word = int.from_bytes(buf[at:at + 8], "little")
        try:
            form = isa.form_of(word)
        except isa.DecodingError:
            self._fail(piece, rel, f"{name} does not apply to an instruction")
            return
        index = form.roles.get(role)
        if index is None:
            self._fail(piece, rel, f"{name} against '{_name(rel)}': '{form.mnemonic}' "
                       f"({form.id}) has no {role} operand")
            return
        op = form.operands[index]
        try:
            word = isa.set_field(form, word, index, _wrap32(op, value))
        except isa.EncodingError:
            self._range_error(piece, rel, value, f"the {role} of {form.id}", op.range_text())
            return
        buf[at:at + 8] = word.to_bytes(8, "little")

    def _patch_data(self, piece: _Piece, rel: E.Relocation, value: int, buf: bytearray,
                    at: int) -> None:
        size = E.DATA_RELOC_SIZE[rel.type]
        lo, hi = _DATA_RANGE[size]
        if not lo <= value <= hi:
            self._range_error(piece, rel, value, f"a {size}-byte field", f"{lo}..{hi}")
            return
        buf[at:at + size] = (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")

    def _range_error(self, piece: _Piece, rel: E.Relocation, value: int, what: str,
                     allowed: str) -> None:
        self._fail(piece, rel, f"relocation out of range: {E.RELOC_NAMES[rel.type]} against "
                   f"'{_name(rel)}' gives {value}, {what} accepts {allowed}")

    def _fail(self, piece: _Piece, rel: E.Relocation, message: str) -> None:
        self.errors.add(_error(f"{_site(piece, rel.offset)}: {message}", piece.obj.name))


def _name(rel: E.Relocation) -> str:
    return rel.symbol.name if rel.symbol is not None else "*ABS*"


def _contents(out: _OutSection, relocator: _Relocator) -> bytearray:
    """The bytes of an output section: its pieces (NOBITS ones as zeros), relocated.  A NOBITS
    output has no bytes (MRAM buffers can be megabytes); its relocations are only errors."""
    buf = bytearray(0 if out.nobits else out.size)
    for piece in out.pieces:
        if piece.section.type != E.SHT_NOBITS:
            buf[piece.offset:piece.offset + piece.size] = piece.section.data
        relocator.apply(piece, buf)
    return buf


# --------------------------------------------------------------------------------------------
# 6. Output
# --------------------------------------------------------------------------------------------


def _emit_sections(by_region: dict[str | None, list[_OutSection]],
                   relocator: _Relocator) -> list[E.Section]:
    """The executable's sections, relocated; raises every relocation error at once."""
    sections = []
    for region in (*REGIONS, None):
        for out in by_region[region]:
            data = _contents(out, relocator)
            if not out.empty:
                out.elf_section = _elf_section(out, data)
                sections.append(out.elf_section)
    relocator.errors.check()
    return sections


def _elf_section(out: _OutSection, data: bytearray) -> E.Section:
    if out.region is None:
        return _non_alloc_section(out, data)
    flags = E.SHF_ALLOC
    for p in out.pieces:
        flags |= p.section.flags & _ALLOC_FLAGS
    if out.nobits:
        return E.Section(out.name, E.SHT_NOBITS, flags, nobits_size=out.size, align=out.align,
                         addr=out.addr)
    return E.Section(out.name, E.SHT_PROGBITS, flags, data, align=out.align, addr=out.addr)


def _non_alloc_section(out: _OutSection, data: bytearray) -> E.Section:
    """Debug information and comments keep merge/string flags and entry size when all their
    inputs agree on them (``.debug_str``, ``.comment``)."""
    if out.nobits:
        return E.Section(out.name, E.SHT_NOBITS, 0, nobits_size=out.size, align=out.align)
    flags = 0
    for bit in (E.SHF_MERGE, E.SHF_STRINGS):
        if all(p.section.flags & bit for p in out.pieces):
            flags |= bit
    sizes = {p.section.entsize for p in out.pieces}
    entsize = sizes.pop() if len(sizes) == 1 else 0
    return E.Section(out.name, E.SHT_PROGBITS, flags, data, align=out.align, entsize=entsize)


def _output_symbol(sym: E.Symbol, pieces: dict[E.Section, _Piece]) -> E.Symbol | None:
    """An input symbol moved to its final address (None when its section was discarded)."""
    if sym.section is None:
        return E.Symbol(sym.name, sym.value, sym.size, sym.bind, sym.type, None,
                        absolute=True, other=sym.other)
    piece = pieces[sym.section]
    if piece.out is None:
        return None
    value = piece.out.addr + piece.offset + sym.value
    section = piece.out.elf_section
    return E.Symbol(sym.name, value, sym.size, sym.bind, sym.type, section,
                    absolute=section is None, other=sym.other)


def _output_symbols(objects: list[_Object], table: _SymbolTable,
                    pieces: dict[E.Section, _Piece],
                    extra: list[E.Symbol]) -> list[E.Symbol]:
    """Locals of every object, then the winning global definitions, then --defsym and linker
    symbols; each group in input order.  Section symbols are dropped (the sections have names)."""
    winners = {id(d.symbol) for d in table.defs.values()}
    locals_, globals_ = [], []
    for obj in objects:
        for sym in obj.elf.symbols:
            if sym.type == E.STT_SECTION or not sym.defined:
                continue
            if _is_global(sym) and id(sym) not in winners:
                continue
            out = _output_symbol(sym, pieces)
            if out is not None:
                (globals_ if _is_global(sym) else locals_).append(out)
    return locals_ + globals_ + extra


def _program_headers(by_region: dict[str | None, list[_OutSection]]) -> list[E.Segment]:
    segments = []
    for region in REGIONS:
        for group in _segment_groups(by_region[region]):
            memsz = group[-1].addr + group[-1].size - group[0].addr
            segments.append(E.Segment(E.PT_LOAD, _SEGMENT_FLAGS[region], group[0].addr,
                                      tuple(o.elf_section for o in group), memsz))
    return segments


# --------------------------------------------------------------------------------------------
# The link map
# --------------------------------------------------------------------------------------------


def _hex(n: int, width: int = 8) -> str:
    return f"0x{n & 0xFFFFFFFF:0{width}x}"


def _map_row(name: str, address: int, size: int, file: str = "", indent: str = "") -> list[str]:
    """``name address size file`` in ld's columns; a long name gets a line of its own."""
    head = f"{indent}{name}"
    rest = f"{_hex(address)} {_hex(size, 0):>10}" + (f" {file}" if file else "")
    if len(head) >= 16:
        return [head, f"{'':<16}{rest}"]
    return [f"{head:<16}{rest}"]


def _map_symbol(address: int, text: str) -> str:
    return f"{'':<16}{_hex(address)}{'':<16}{text}"


def _map_archives(inclusions: list[_Inclusion]) -> list[str]:
    lines = ["Archive member included to satisfy reference by file (symbol)", ""]
    for inc in inclusions:
        lines += [inc.member, f"{'':<30}{inc.referenced_by} ({inc.symbol})"]
    return lines


def _map_discarded(discarded: list[_Piece]) -> list[str]:
    lines = ["Discarded input sections", ""]
    for p in discarded:
        lines += _map_row(p.section.name, 0, p.size, p.obj.name, indent=" ")
    return lines


def _map_memory(ends: dict[str, int], model: memory.DpuModel) -> list[str]:
    lines = ["Memory Configuration", "", f"{'Name':<10}{'Origin':<12}{'Length':<12}Used"]
    for region in REGIONS:
        base = memory.REGION_BASE[region]
        lines.append(f"{REGION_TITLE[region]:<10}{_hex(base):<12}"
                     f"{_hex(model.region_size(region)):<12}{_hex(ends[region] - base)}")
    return lines


def _map_layout(by_region: dict[str | None, list[_OutSection]], entry: str,
                defsyms: list[E.Symbol], linker_symbols: dict[str, E.Symbol],
                symbols_by_piece: dict[_Piece, list[tuple[int, str]]]) -> list[str]:
    lines = ["Linker script and memory map", "", f"ENTRY({entry})"]
    lines += [_map_symbol(s.value, f"{s.name} = {_hex(s.value)}") for s in defsyms]
    for region in (*REGIONS, None):
        for out in by_region[region]:
            lines.append("")
            lines += _map_row(out.name, out.addr, out.size)
            for p in out.pieces:
                lines += _map_row(p.section.name, out.addr + p.offset, p.size, p.obj.name, " ")
                lines += [_map_symbol(a, name) for a, name in symbols_by_piece.get(p, [])]
        if region in linker_symbols:
            sym = linker_symbols[region]
            lines.append(_map_symbol(sym.value, f"{sym.name} = ALIGN (0x8)"))
    return lines


def _map_text(inclusions: list[_Inclusion], discarded: list[_Piece],
              by_region: dict[str | None, list[_OutSection]], ends: dict[str, int],
              model: memory.DpuModel, entry: str, defsyms: list[E.Symbol],
              linker_symbols: list[E.Symbol],
              symbols_by_piece: dict[_Piece, list[tuple[int, str]]]) -> str:
    """A GNU ld style map: archive members and why, discarded sections, memory use, and every
    output section with its input sections and their global symbols."""
    by_memory = {memory.region_of_address(s.value): s for s in linker_symbols}
    parts = [_map_archives(inclusions), _map_discarded(discarded), _map_memory(ends, model),
             _map_layout(by_region, entry, defsyms, by_memory, symbols_by_piece)]
    return "\n\n".join("\n".join(part) for part in parts) + "\n"


def _globals_by_piece(table: _SymbolTable,
                      pieces: dict[E.Section, _Piece]) -> dict[_Piece, list[tuple[int, str]]]:
    result: dict[_Piece, list[tuple[int, str]]] = {}
    for name, d in table.defs.items():
        piece = pieces.get(d.symbol.section) if d.symbol.section is not None else None
        if piece is None or piece.out is None:
            continue
        address = piece.out.addr + piece.offset + d.symbol.value
        result.setdefault(piece, []).append((address, name))
    for entries in result.values():
        entries.sort()
    return result


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def link(inputs: list[tuple[str, bytes]], *, entry: str = "__bootstrap",
         gc_sections: bool = False, gc_members: bool = False,
         defsyms: dict[str, int] | None = None,
         model: memory.DpuModel = memory.DEFAULT_MODEL) -> LinkResult:
    """Link ``inputs`` (file name, bytes) of objects and archives into a DPU executable.

    Raises :class:`DiagnosticError` with every error found at the failing step.
    """
    warnings: list[Diagnostic] = []
    objects, archives = _load(inputs, warnings)
    table = _SymbolTable()
    loaded, inclusions = _resolve(objects, archives, entry, table)
    defsym_symbols = _apply_defsyms(table, defsyms or {}, warnings)
    pieces = _pieces(loaded)
    entry_piece = _entry_piece(entry, table, pieces)

    kept, discarded = _collect_garbage(pieces, entry_piece, table, gc_sections, gc_members)
    by_region, ends = _layout(kept, entry_piece, model)
    linker_symbols = _linker_symbols(ends, table)
    sections = _emit_sections(by_region, _Relocator(pieces, table))

    entry_address = _target_of(table.defs[entry], pieces).address
    out_elf = E.ElfFile(kind=E.ET_EXEC, sections=sections, entry=entry_address,
                        segments=_program_headers(by_region),
                        symbols=_output_symbols(loaded, table, pieces,
                                                defsym_symbols + linker_symbols))
    map_text = _map_text(inclusions, discarded, by_region, ends, model, entry, defsym_symbols,
                         linker_symbols, _globals_by_piece(table, pieces))
    return LinkResult(out_elf, map_text, warnings)
