"""DWARF ``.debug_line`` line-number programs: writing (version 4) and reading (versions 2 to 5).

The assembler turns ``.loc`` directives (and ``-g`` source positions) into a line program so that
debuggers and ``dpuobjdump -S`` can map an instruction back to its source line; ``dpuobjdump -S``
reads it back, also from files produced by other tools, hence a reader for every DWARF version
that a ``.debug_line`` section may hold.

Writing (:func:`build_debug_line`) produces one line-program unit with one sequence per code
section.  The sequence's start address cannot be known before linking, so it is written as a
zero placeholder and returned as a relocation request: the caller adds an ``R_DPU_ADDR32``
relocation (linked address ``S + A``, in bytes) against the section's symbol, and the linker
fills in the address.  The unit is self-contained: every non-empty directory, the compilation
directory included, is listed in ``include_directories``, because DWARF 4 would otherwise leave
directory 0 to ``DW_AT_comp_dir`` in a ``.debug_info`` unit we do not emit.

Reading (:func:`read_debug_line`) runs the line-number state machine and returns the rows.  The
input may be corrupt or hostile (``dpuobjdump`` reads any file it is given), so every read is
bounds-checked and every problem raises :class:`DwarfError` with a message, never an
``IndexError`` or ``struct.error``.

:class:`LineIndex` / :func:`address_to_line` answer "which source line is this address?" for
disassembly with source.
"""

from __future__ import annotations

import posixpath
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Sequence

if TYPE_CHECKING:
    from dpucore.elf import Section

# Standard opcodes.
DW_LNS_copy = 1
DW_LNS_advance_pc = 2
DW_LNS_advance_line = 3
DW_LNS_set_file = 4
DW_LNS_set_column = 5
DW_LNS_negate_stmt = 6
DW_LNS_set_basic_block = 7
DW_LNS_const_add_pc = 8
DW_LNS_fixed_advance_pc = 9
DW_LNS_set_prologue_end = 10
DW_LNS_set_epilogue_begin = 11
DW_LNS_set_isa = 12

# Extended opcodes (after a 0 byte and a ULEB128 length).
DW_LNE_end_sequence = 1
DW_LNE_set_address = 2
DW_LNE_define_file = 3
DW_LNE_set_discriminator = 4

# DWARF 5 entry formats: content types and the forms that may encode them.
DW_LNCT_path = 1
DW_LNCT_directory_index = 2
DW_LNCT_timestamp = 3
DW_LNCT_size = 4
DW_LNCT_MD5 = 5

DW_FORM_block2 = 0x03
DW_FORM_block4 = 0x04
DW_FORM_data2 = 0x05
DW_FORM_data4 = 0x06
DW_FORM_data8 = 0x07
DW_FORM_string = 0x08
DW_FORM_block = 0x09
DW_FORM_block1 = 0x0A
DW_FORM_data1 = 0x0B
DW_FORM_sdata = 0x0D
DW_FORM_strp = 0x0E
DW_FORM_udata = 0x0F
DW_FORM_strx = 0x1A
DW_FORM_data16 = 0x1E
DW_FORM_line_strp = 0x1F
DW_FORM_strx1, DW_FORM_strx2, DW_FORM_strx3, DW_FORM_strx4 = 0x25, 0x26, 0x27, 0x28

# The header parameters we write (GCC's choice).  Addresses advance in bytes, so a special opcode
# covers an advance of up to 17 bytes (2 instructions) with a line step of -5..+8: the common
# "next instruction, nearby line" row costs one byte.
LINE_VERSION = 4
LINE_BASE = -5
LINE_RANGE = 14
OPCODE_BASE = 13
STANDARD_OPCODE_LENGTHS = (0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1)  # opcodes 1..12

_ADDRESS_MASK = (1 << 64) - 1
_MAX_LEB128_BYTES = 32  # far more than any real value (or padding) needs


class DwarfError(ValueError):
    """Invalid DWARF line information (or an invalid request to build it); the message says why."""


# --------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineRow:
    """One row to write: the instruction at ``address_offset`` (bytes from the section start)
    comes from ``line``/``column`` of file number ``file`` (1-based index into the file list)."""

    address_offset: int
    file: int
    line: int
    column: int = 0


@dataclass(frozen=True)
class FileEntry:
    """A source file: ``name`` relative to ``directory`` (itself relative to the compilation
    directory unless absolute; empty means the compilation directory)."""

    name: str
    directory: str = ""


class LineSequence(NamedTuple):
    """The rows of one code section; the sequence ends at ``end_offset`` (normally the section's
    size), the address just past its last instruction.  A plain ``(section, rows, end_offset)``
    tuple is accepted wherever a LineSequence is."""

    section: "Section"
    rows: Sequence[LineRow]
    end_offset: int


class AddressFixup(NamedTuple):
    """Relocation request: the 4 bytes at ``offset`` in the ``.debug_line`` contents must hold
    the linked address of ``section`` plus ``addend`` bytes (an ``R_DPU_ADDR32`` relocation
    against the section's symbol)."""

    offset: int
    section: "Section"
    addend: int


class LineTableRow(NamedTuple):
    """One decoded row.  ``file`` is the file's path as encoded (directory joined when known)."""

    address: int
    file: str
    line: int
    column: int
    end_sequence: bool


@dataclass
class LineTable:
    """One decoded line-program unit.

    ``files`` lists the file paths in table order, including those added by
    ``DW_LNE_define_file``; file register value ``n`` names ``files[n - file_base]`` where
    ``file_base`` is 1 for DWARF 2 to 4 and 0 for DWARF 5.
    """

    offset: int  # of the unit in the section
    version: int
    directories: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rows: list[LineTableRow] = field(default_factory=list)
    file_base: int = 1


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def uleb128(value: int) -> bytes:
    """``value`` (not negative) as unsigned LEB128."""
    if value < 0:
        raise DwarfError(f"cannot encode negative value {value} as ULEB128")
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sleb128(value: int) -> bytes:
    """``value`` as signed LEB128."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40):
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def _cstring(text: str) -> bytes:
    raw = text.encode("utf-8")
    if b"\0" in raw:
        raise DwarfError(f"name {text!r} contains a NUL character")
    return raw + b"\0"


def _file_tables(comp_dir: str, files: Sequence[FileEntry]) -> tuple[list[str], list[int]]:
    """Directories to list (first-use order) and each file's directory index (0: none)."""
    directories: list[str] = []
    indices: list[int] = []
    for entry in files:
        if not entry.name:
            raise DwarfError("a file entry has an empty name")
        if posixpath.isabs(entry.name):
            indices.append(0)
            continue
        directory = posixpath.join(comp_dir, entry.directory) if entry.directory else comp_dir
        if not directory:
            indices.append(0)
            continue
        if directory not in directories:
            directories.append(directory)
        indices.append(directories.index(directory) + 1)
    return directories, indices


def _header(comp_dir: str, files: Sequence[FileEntry]) -> bytes:
    """The header fields that follow ``header_length``."""
    directories, dir_indices = _file_tables(comp_dir, files)
    out = bytearray([1, 1, 1, LINE_BASE & 0xFF, LINE_RANGE, OPCODE_BASE])
    out += bytes(STANDARD_OPCODE_LENGTHS)
    for directory in directories:
        out += _cstring(directory)
    out.append(0)
    for entry, dir_index in zip(files, dir_indices):
        out += _cstring(entry.name) + uleb128(dir_index) + uleb128(0) + uleb128(0)  # no mtime/length
    out.append(0)
    return bytes(out)


def _check_sequence(section: "Section", rows: Sequence[LineRow], end_offset: int,
                    n_files: int) -> None:
    name = getattr(section, "name", "?")
    previous = 0
    for row in rows:
        if row.address_offset < previous:
            raise DwarfError(f"line rows of {name} are not in address order "
                             f"(0x{row.address_offset:x} after 0x{previous:x})")
        if row.address_offset > end_offset:
            raise DwarfError(f"line row at 0x{row.address_offset:x} is past the end of {name} "
                             f"(0x{end_offset:x})")
        if not 1 <= row.file <= n_files:
            raise DwarfError(f"line row in {name} names file {row.file}, "
                             f"but there are {n_files} files")
        if row.line < 0 or row.column < 0:
            raise DwarfError(f"line row in {name} has a negative line or column")
        previous = row.address_offset


def _sequence_program(rows: Sequence[LineRow], end_offset: int) -> tuple[bytes, int]:
    """Opcodes of one sequence and the offset of its set_address operand within them."""
    out = bytearray([0, 5, DW_LNE_set_address])
    operand_at = len(out)
    out += bytes(4)
    address, file, line, column = 0, 1, 1, 0
    for row in rows:
        if row.file != file:
            out.append(DW_LNS_set_file)
            out += uleb128(row.file)
            file = row.file
        if row.column != column:
            out.append(DW_LNS_set_column)
            out += uleb128(row.column)
            column = row.column
        address_delta = row.address_offset - address
        line_delta = row.line - line
        special = (line_delta - LINE_BASE) + LINE_RANGE * address_delta + OPCODE_BASE
        if LINE_BASE <= line_delta < LINE_BASE + LINE_RANGE and special <= 255:
            out.append(special)
        else:
            if line_delta:
                out.append(DW_LNS_advance_line)
                out += sleb128(line_delta)
            if address_delta:
                out.append(DW_LNS_advance_pc)
                out += uleb128(address_delta)
            out.append(DW_LNS_copy)
        address, line = row.address_offset, row.line
    if end_offset > address:
        out.append(DW_LNS_advance_pc)
        out += uleb128(end_offset - address)
    out += bytes([0, 1, DW_LNE_end_sequence])
    return bytes(out), operand_at


def build_debug_line(
    comp_dir: str,
    files: Sequence[FileEntry],
    sequences: Sequence[LineSequence | tuple["Section", Sequence[LineRow], int]],
) -> tuple[bytes, list[AddressFixup]]:
    """Build the contents of a ``.debug_line`` section holding one DWARF 4 line-program unit.

    ``files`` are numbered from 1 in the order given (``LineRow.file``); a relative
    ``FileEntry.directory`` is taken relative to ``comp_dir``.  Each of ``sequences`` is
    ``(section, rows, end_offset)``: rows in non-decreasing ``address_offset`` order (byte offsets
    in the section, 8 per instruction, none past ``end_offset``; one at ``end_offset``, as a
    trailing ``.loc`` gives, is kept), and the sequence ends at ``end_offset``.  A sequence without
    rows is left out; invalid rows raise :class:`DwarfError`.

    Returns the bytes and one :class:`AddressFixup` ``(offset, section, addend)`` per sequence
    written, in order: the sequence starts with ``DW_LNE_set_address`` whose 4-byte operand at
    ``offset`` is zero, and the caller must add an ``R_DPU_ADDR32`` relocation there against
    ``section``'s symbol with ``addend`` (always 0: sequences start at the section start and
    advance to their first row, so the addend needs no unit conversion).  The output depends only
    on the arguments.
    """
    files = list(files)
    header = _header(comp_dir, files)
    program = bytearray()
    fixups: list[tuple[int, "Section"]] = []
    for section, rows, end_offset in sequences:
        rows = list(rows)
        if end_offset < 0:
            raise DwarfError(f"negative end offset for {getattr(section, 'name', '?')}")
        _check_sequence(section, rows, end_offset, len(files))
        if not rows:
            continue
        opcodes, operand_at = _sequence_program(rows, end_offset)
        fixups.append((len(program) + operand_at, section))
        program += opcodes
    # unit_length (4) + version (2) + header_length (4) precede the header fields.
    program_start = 4 + 2 + 4 + len(header)
    unit = (LINE_VERSION.to_bytes(2, "little") + len(header).to_bytes(4, "little") + header
            + program)
    data = len(unit).to_bytes(4, "little") + unit
    return data, [AddressFixup(program_start + at, section, 0) for at, section in fixups]


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


class _Reader:
    """Bounds-checked little-endian reads of ``data[pos:end]``; overruns raise DwarfError."""

    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def at_end(self) -> bool:
        return self.pos >= self.end

    def take(self, n: int, what: str) -> bytes:
        if n < 0 or self.pos + n > self.end:
            raise DwarfError(f"truncated {what} at offset 0x{self.pos:x}")
        raw = self.data[self.pos:self.pos + n]
        self.pos += n
        return raw

    def uint(self, n: int, what: str) -> int:
        return int.from_bytes(self.take(n, what), "little")

    def u8(self, what: str) -> int:
        return self.uint(1, what)

    def uleb(self, what: str) -> int:
        result = shift = 0
        start = self.pos
        while True:
            if self.pos >= self.end:
                raise DwarfError(f"truncated {what} (LEB128) at offset 0x{start:x}")
            if self.pos - start >= _MAX_LEB128_BYTES:  # keeps hostile input from costing O(n²)
                raise DwarfError(f"overlong {what} (LEB128) at offset 0x{start:x}")
            byte = self.data[self.pos]
            self.pos += 1
            result |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return result

    def sleb(self, what: str) -> int:
        start_shift_pos = self.pos
        value = self.uleb(what)
        bits = 7 * (self.pos - start_shift_pos)
        if value >> (bits - 1) & 1:
            value -= 1 << bits
        return value

    def cstr(self, what: str) -> str:
        nul = self.data.find(b"\0", self.pos, self.end)
        if nul < 0:
            raise DwarfError(f"unterminated {what} at offset 0x{self.pos:x}")
        text = self.data[self.pos:nul].decode("utf-8", errors="replace")
        self.pos = nul + 1
        return text


def read_sleb128(data: bytes, pos: int = 0) -> tuple[int, int]:
    """The signed LEB128 at ``data[pos]`` and the position after it; DwarfError when
    truncated."""
    r = _Reader(bytes(data), pos)
    value = r.sleb("value")
    return value, r.pos


@dataclass
class _Header:
    version: int
    offset_size: int
    min_inst_length: int
    max_ops: int
    default_is_stmt: bool
    line_base: int
    line_range: int
    opcode_base: int
    opcode_lengths: list[int]
    table: LineTable


def _string_at(section: bytes | None, offset: int, name: str) -> str:
    if section is None:
        return f"<{name}+0x{offset:x}>"  # the section was not given: keep decoding the rows
    if offset >= len(section):
        raise DwarfError(f"string offset 0x{offset:x} outside {name}")
    nul = section.find(b"\0", offset)
    if nul < 0:
        raise DwarfError(f"unterminated string at 0x{offset:x} in {name}")
    return section[offset:nul].decode("utf-8", errors="replace")


def _read_form(r: _Reader, form: int, offset_size: int, line_str: bytes | None,
               debug_str: bytes | None) -> int | str | bytes:
    what = "line table entry"
    if form == DW_FORM_string:
        return r.cstr(what)
    if form == DW_FORM_line_strp:
        return _string_at(line_str, r.uint(offset_size, what), ".debug_line_str")
    if form == DW_FORM_strp:
        return _string_at(debug_str, r.uint(offset_size, what), ".debug_str")
    if form in (DW_FORM_strx, DW_FORM_strx1, DW_FORM_strx2, DW_FORM_strx3, DW_FORM_strx4):
        sizes = {DW_FORM_strx1: 1, DW_FORM_strx2: 2, DW_FORM_strx3: 3, DW_FORM_strx4: 4}
        index = r.uleb(what) if form == DW_FORM_strx else r.uint(sizes[form], what)
        return f"<strx {index}>"  # needs .debug_str_offsets and a CU base we do not have
    if form == DW_FORM_udata:
        return r.uleb(what)
    if form == DW_FORM_sdata:
        return r.sleb(what)
    fixed = {DW_FORM_data1: 1, DW_FORM_data2: 2, DW_FORM_data4: 4, DW_FORM_data8: 8}
    if form in fixed:
        return r.uint(fixed[form], what)
    if form == DW_FORM_data16:
        return r.take(16, what)
    blocks = {DW_FORM_block1: 1, DW_FORM_block2: 2, DW_FORM_block4: 4}
    if form in blocks:
        return r.take(r.uint(blocks[form], what), what)
    if form == DW_FORM_block:
        return r.take(r.uleb(what), what)
    raise DwarfError(f"unsupported form 0x{form:x} in a line table header")


def _read_v5_entries(r: _Reader, offset_size: int, line_str: bytes | None,
                     debug_str: bytes | None, what: str) -> list[dict[int, int | str | bytes]]:
    formats = [(r.uleb(f"{what} format"), r.uleb(f"{what} format"))
               for _ in range(r.u8(f"{what} format count"))]
    count = r.uleb(f"{what} count")
    if count and not formats:
        raise DwarfError(f"{count} {what} entries without an entry format")
    entries = []
    for _ in range(count):  # every form reads at least one byte, so a bogus count runs out
        entry: dict[int, int | str | bytes] = {}
        for content_type, form in formats:
            entry[content_type] = _read_form(r, form, offset_size, line_str, debug_str)
        entries.append(entry)
    return entries


def _entry_path(entry: dict[int, int | str | bytes], what: str) -> str:
    path = entry.get(DW_LNCT_path, "")
    if not isinstance(path, str):
        raise DwarfError(f"{what} path is not encoded as a string")
    return path


def _join(directories: list[str], index: int, name: str, base: int) -> str:
    """``name`` in directory ``index``; in DWARF 2-4 index 0 is the (unknown) comp dir."""
    if base == 1 and index == 0:
        return name
    if not 0 <= index - base < len(directories):
        raise DwarfError(f"file {name!r} names directory {index}, which does not exist")
    return posixpath.join(directories[index - base], name)


def _read_header(r: _Reader, unit_offset: int, line_str: bytes | None,
                 debug_str: bytes | None) -> tuple[_Header, int]:
    """Parse a unit header; return it and the offset where the unit ends."""
    length = r.uint(4, "unit length")
    offset_size = 4
    if length == 0xFFFFFFFF:
        length = r.uint(8, "64-bit unit length")
        offset_size = 8
    elif length >= 0xFFFFFFF0:
        raise DwarfError(f"reserved unit length 0x{length:x} at offset 0x{unit_offset:x}")
    unit_end = r.pos + length
    if unit_end > r.end:
        raise DwarfError(f"line table unit at 0x{unit_offset:x} extends past the section end")
    r.end = unit_end
    version = r.uint(2, "version")
    if not 2 <= version <= 5:
        raise DwarfError(f"unsupported line table version {version} at 0x{unit_offset:x}")
    if version >= 5:
        address_size = r.u8("address size")
        r.u8("segment selector size")
        if address_size not in (1, 2, 4, 8):
            raise DwarfError(f"unsupported address size {address_size}")
    header_length = r.uint(offset_size, "header length")
    program_start = r.pos + header_length
    if program_start > unit_end:
        raise DwarfError(f"line table header at 0x{unit_offset:x} extends past its unit")
    hr = _Reader(r.data, r.pos, program_start)
    min_inst_length = hr.u8("minimum instruction length")
    max_ops = hr.u8("maximum operations per instruction") if version >= 4 else 1
    default_is_stmt = bool(hr.u8("default_is_stmt"))
    line_base = hr.u8("line_base")
    line_base -= 256 if line_base >= 128 else 0
    line_range = hr.u8("line_range")
    opcode_base = hr.u8("opcode_base")
    if line_range == 0:
        raise DwarfError(f"line_range is 0 in the line table at 0x{unit_offset:x}")
    if max_ops == 0:
        raise DwarfError(f"maximum_operations_per_instruction is 0 at 0x{unit_offset:x}")
    if opcode_base == 0:
        raise DwarfError(f"opcode_base is 0 in the line table at 0x{unit_offset:x}")
    opcode_lengths = list(hr.take(opcode_base - 1, "standard opcode lengths"))
    table = LineTable(offset=unit_offset, version=version)
    if version >= 5:
        table.file_base = 0
        dirs = _read_v5_entries(hr, offset_size, line_str, debug_str, "directory")
        table.directories = [_entry_path(d, "directory") for d in dirs]
        for entry in _read_v5_entries(hr, offset_size, line_str, debug_str, "file name"):
            dir_index = entry.get(DW_LNCT_directory_index, 0)
            if not isinstance(dir_index, int):
                raise DwarfError("file directory index is not encoded as a number")
            table.files.append(_join(table.directories, dir_index,
                                     _entry_path(entry, "file"), 0))
    else:
        while (directory := hr.cstr("include directory")):
            table.directories.append(directory)
        while (name := hr.cstr("file name")):
            dir_index = hr.uleb("file directory index")
            hr.uleb("file time")
            hr.uleb("file length")
            table.files.append(_join(table.directories, dir_index, name, 1))
    # Vendor extensions may leave bytes between the tables and the program: skip them.
    r.pos = program_start
    return _Header(version, offset_size, min_inst_length, max_ops, default_is_stmt, line_base,
                   line_range, opcode_base, opcode_lengths, table), unit_end


def _run_program(r: _Reader, h: _Header) -> None:
    """Execute the line-number program in ``r`` and append the rows to ``h.table``."""
    table = h.table
    address = op_index = 0
    file, line, column = 1, 1, 0

    def reset() -> None:
        nonlocal address, op_index, file, line, column
        address = op_index = 0
        file, line, column = 1, 1, 0

    def advance(operation_advance: int) -> None:
        nonlocal address, op_index
        if h.max_ops == 1:
            address = (address + h.min_inst_length * operation_advance) & _ADDRESS_MASK
        else:
            total = op_index + operation_advance
            address = (address + h.min_inst_length * (total // h.max_ops)) & _ADDRESS_MASK
            op_index = total % h.max_ops

    def emit(end_sequence: bool = False) -> None:
        index = file - table.file_base
        if not 0 <= index < len(table.files):
            raise DwarfError(f"line program row names file {file}, which does not exist "
                             f"(unit at 0x{table.offset:x})")
        table.rows.append(LineTableRow(address, table.files[index], line, column, end_sequence))

    while not r.at_end():
        opcode = r.u8("opcode")
        if opcode >= h.opcode_base:
            adjusted = opcode - h.opcode_base
            advance(adjusted // h.line_range)
            line += h.line_base + adjusted % h.line_range
            emit()
        elif opcode == 0:
            length = r.uleb("extended opcode length")
            if length == 0:
                raise DwarfError(f"empty extended opcode at offset 0x{r.pos:x}")
            er = _Reader(r.data, r.pos, r.pos + length)
            if er.end > r.end:
                raise DwarfError(f"extended opcode at 0x{r.pos:x} extends past its unit")
            sub = er.u8("extended opcode")
            if sub == DW_LNE_end_sequence:
                emit(end_sequence=True)
                reset()
            elif sub == DW_LNE_set_address:
                size = length - 1
                if size not in (1, 2, 4, 8):
                    raise DwarfError(f"DW_LNE_set_address with a {size}-byte address")
                address, op_index = er.uint(size, "address"), 0
            elif sub == DW_LNE_define_file:
                name = er.cstr("defined file name")
                dir_index = er.uleb("defined file directory")
                er.uleb("defined file time")
                er.uleb("defined file length")
                table.files.append(_join(table.directories, dir_index, name, table.file_base))
            elif sub == DW_LNE_set_discriminator:
                er.uleb("discriminator")
            r.pos = er.end  # unknown extended opcodes (and any excess operand) are skipped
        elif opcode == DW_LNS_copy:
            emit()
        elif opcode == DW_LNS_advance_pc:
            advance(r.uleb("DW_LNS_advance_pc operand"))
        elif opcode == DW_LNS_advance_line:
            line += r.sleb("DW_LNS_advance_line operand")
        elif opcode == DW_LNS_set_file:
            file = r.uleb("DW_LNS_set_file operand")
        elif opcode == DW_LNS_set_column:
            column = r.uleb("DW_LNS_set_column operand")
        elif opcode == DW_LNS_const_add_pc:
            advance((255 - h.opcode_base) // h.line_range)
        elif opcode == DW_LNS_fixed_advance_pc:
            address = (address + r.uint(2, "DW_LNS_fixed_advance_pc operand")) & _ADDRESS_MASK
            op_index = 0
        elif opcode == DW_LNS_set_isa:
            r.uleb("DW_LNS_set_isa operand")
        elif opcode in (DW_LNS_negate_stmt, DW_LNS_set_basic_block, DW_LNS_set_prologue_end,
                        DW_LNS_set_epilogue_begin):
            pass  # flags we do not report
        else:  # an unknown standard opcode: skip the operands the header announces
            for _ in range(h.opcode_lengths[opcode - 1]):
                r.uleb(f"operand of standard opcode {opcode}")


def read_debug_line(data: bytes, line_str: bytes | None = None,
                    debug_str: bytes | None = None) -> list[LineTable]:
    """Decode every line-program unit of a ``.debug_line`` section (DWARF 2 to 5, 32- or 64-bit).

    ``line_str`` and ``debug_str`` are the ``.debug_line_str`` and ``.debug_str`` contents for
    DWARF 5 names given by offset; without them such names read as ``<.debug_line_str+0xN>`` so
    the rows still decode.  Addresses are what the program says: for an object file, apply the
    ``R_DPU_ADDR32`` relocations to ``data`` first.  Raises :class:`DwarfError` on any malformed
    input.
    """
    data = bytes(data)
    tables = []
    pos = 0
    while pos < len(data):
        r = _Reader(data, pos)
        header, unit_end = _read_header(r, pos, line_str, debug_str)
        _run_program(r, header)
        tables.append(header.table)
        pos = unit_end
    return tables


# --------------------------------------------------------------------------------------------
# Lookup
# --------------------------------------------------------------------------------------------


class LineIndex:
    """Address → (file, line) over decoded tables; build it once and query it per instruction.

    A row covers the addresses from its own up to the next row of its sequence; of several rows
    at one address the last wins (it is the one in effect for the instruction).  Rows after the
    last ``end_sequence`` of a unit cover nothing, like in other consumers.
    """

    def __init__(self, tables: Sequence[LineTable]) -> None:
        ranges: list[tuple[int, int, str, int]] = []
        for table in tables:
            previous: LineTableRow | None = None
            for row in table.rows:
                if previous is not None and row.address > previous.address:
                    ranges.append((previous.address, row.address, previous.file, previous.line))
                previous = None if row.end_sequence else row
        ranges.sort(key=lambda r: r[0])
        self._ranges = ranges
        self._starts = [r[0] for r in ranges]
        # _reach[i]: the highest end among ranges[:i + 1], to stop looking back early.
        self._reach: list[int] = []
        for r in ranges:
            self._reach.append(max(r[1], self._reach[-1] if self._reach else 0))

    def lookup(self, address: int) -> tuple[str, int] | None:
        i = bisect_right(self._starts, address) - 1
        # Ranges may overlap (unrelocated objects start every sequence at 0): look back for one
        # that reaches ``address``; with disjoint ranges the first candidate answers.
        while i >= 0 and self._reach[i] > address:
            start, end, file, line = self._ranges[i]
            if start <= address < end:
                return file, line
            i -= 1
        return None


def address_to_line(tables: Sequence[LineTable], address: int) -> tuple[str, int] | None:
    """The (file, line) whose code contains ``address``, or None; see :class:`LineIndex`,
    which is the efficient choice for many lookups."""
    return LineIndex(tables).lookup(address)
