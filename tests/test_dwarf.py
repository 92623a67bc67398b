"""Tests of dpucore.dwarf: .debug_line writing, reading (DWARF 2-5) and address lookup.

Our writer and reader could agree with each other and both be wrong, so the rows are also checked
against independent readers: pyelftools' LineProgram, binutils' readelf, and (for the reader)
line tables that GCC and GNU as produce for every DWARF version.
"""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import subprocess

import pytest
from elftools.common.utils import struct_parse
from elftools.dwarf.lineprogram import LineProgram
from elftools.dwarf.structs import DWARFStructs
from elftools.elf.elffile import ELFFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpucore import elf as E
from dpucore.dwarf import (
    AddressFixup,
    DwarfError,
    FileEntry,
    LineIndex,
    LineRow,
    LineSequence,
    LineTableRow,
    address_to_line,
    build_debug_line,
    read_debug_line,
)
from dpucore.memory import IRAM_BASE

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def text_section(name: str = ".text", instructions: int = 64, addr: int = IRAM_BASE) -> E.Section:
    return E.Section(name, flags=E.SHF_ALLOC | E.SHF_EXECINSTR, data=bytearray(8 * instructions),
                     align=8, addr=addr)


def relocate(data: bytes, fixups: list[AddressFixup]) -> bytes:
    """What the linker does with the R_DPU_ADDR32 requests: store section address + addend."""
    out = bytearray(data)
    for offset, section, addend in fixups:
        assert out[offset:offset + 4] == bytes(4)
        out[offset:offset + 4] = (section.addr + addend).to_bytes(4, "little")
    return bytes(out)


def expected_rows(files: list[str], rows: list[LineRow], base: int, end: int) -> list[tuple]:
    """The rows a reader must decode from one written sequence."""
    out = [(base + r.address_offset, files[r.file - 1], r.line, r.column, False) for r in rows]
    last = rows[-1]
    out.append((base + end, files[last.file - 1], last.line, last.column, True))
    return out


def elftools_rows(data: bytes, dwarf_format: int = 32) -> list[list[tuple]]:
    """Rows (address, file number, line, column, end_sequence) per unit, by pyelftools."""
    stream = io.BytesIO(data)
    structs = DWARFStructs(little_endian=True, dwarf_format=dwarf_format, address_size=4)
    units = []
    offset = 0
    while offset < len(data):
        header = struct_parse(structs.Dwarf_lineprog_header, stream, offset)
        end = offset + header.unit_length + structs.initial_length_field_size()
        program = LineProgram(header, stream, structs, stream.tell(), end)
        units.append([(e.state.address, e.state.file, e.state.line, e.state.column,
                       bool(e.state.end_sequence)) for e in program.get_entries() if e.state])
        offset = end
    return units


def by_file_number(table, rows: list[tuple]) -> list[tuple]:
    """Replace pyelftools' file numbers by the names our table gives them."""
    return [(a, table.files[f - table.file_base], ln, c, e) for a, f, ln, c, e in rows]


def uleb(v: int) -> bytes:
    out = bytearray()
    while True:
        b, v = v & 0x7F, v >> 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def sleb(v: int) -> bytes:
    out = bytearray()
    while True:
        b, v = v & 0x7F, v >> 7
        done = (v == 0 and not b & 0x40) or (v == -1 and b & 0x40)
        out.append(b | (0 if done else 0x80))
        if done:
            return bytes(out)


def unit(version: int, tables: bytes, program: bytes, *, opcode_base: int = 13,
         lengths: bytes = bytes([0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]), line_base: int = -5,
         line_range: int = 14, min_len: int = 1, max_ops: int = 1, dwarf64: bool = False) -> bytes:
    """A hand-made line-program unit of any version (``tables``: the directory/file part)."""
    fields = bytes([min_len]) + (bytes([max_ops]) if version >= 4 else b"")
    fields += bytes([1, line_base & 0xFF, line_range, opcode_base]) + lengths[:opcode_base - 1]
    fields += tables
    size = 8 if dwarf64 else 4
    body = version.to_bytes(2, "little") + (bytes([4, 0]) if version >= 5 else b"")
    body += len(fields).to_bytes(size, "little") + fields + program
    length = len(body).to_bytes(size, "little")
    return (b"\xff\xff\xff\xff" + length if dwarf64 else length) + body


def v4_tables(dirs: list[str], files: list[tuple[str, int]]) -> bytes:
    out = b"".join(d.encode() + b"\0" for d in dirs) + b"\0"
    out += b"".join(n.encode() + b"\0" + uleb(d) + b"\0\0" for n, d in files) + b"\0"
    return out


def ext(sub: int, operand: bytes = b"") -> bytes:
    return b"\0" + uleb(1 + len(operand)) + bytes([sub]) + operand


SET_ADDRESS, END_SEQUENCE, DEFINE_FILE, SET_DISCRIMINATOR = 2, 1, 3, 4
COPY, ADVANCE_PC, ADVANCE_LINE, SET_FILE, SET_COLUMN = 1, 2, 3, 4, 5
NEGATE_STMT, BASIC_BLOCK, CONST_ADD_PC, FIXED_ADVANCE_PC = 6, 7, 8, 9
PROLOGUE_END, EPILOGUE_BEGIN, SET_ISA = 10, 11, 12


# --------------------------------------------------------------------------------------------
# Writing and reading back
# --------------------------------------------------------------------------------------------

FILES = [FileEntry("main.c"), FileEntry("lib/util.h", "include"), FileEntry("/abs/x.S")]
PATHS = ["/src/proj/main.c", "/src/proj/include/lib/util.h", "/abs/x.S"]
ROWS = [LineRow(0, 1, 3, 1), LineRow(8, 1, 4, 5), LineRow(16, 2, 100, 0), LineRow(16, 2, 101, 2),
        LineRow(200, 1, 1, 0), LineRow(208, 1, 50, 0), LineRow(216, 3, 7, 0),
        LineRow(224, 3, 2, 0), LineRow(4000, 3, 100000, 300)]


def build_example() -> tuple[bytes, E.Section, E.Section]:
    text = text_section(instructions=600)
    other = text_section(".text.other", instructions=3, addr=IRAM_BASE + 8 * 600)
    data, fixups = build_debug_line(
        "/src/proj", FILES,
        [LineSequence(text, ROWS, text.size), (other, [LineRow(8, 2, 9, 0)], other.size)])
    return relocate(data, fixups), text, other


def test_round_trip() -> None:
    data, text, other = build_example()
    [table] = read_debug_line(data)
    assert table.version == 4
    assert table.files == PATHS
    assert table.directories == ["/src/proj", "/src/proj/include"]
    assert [tuple(r) for r in table.rows] == (
        expected_rows(PATHS, ROWS, text.addr, text.size)
        + expected_rows(PATHS, [LineRow(8, 2, 9, 0)], other.addr, other.size))
    assert all(isinstance(r, LineTableRow) for r in table.rows)


def test_fixups_point_at_set_address_placeholders() -> None:
    text, other, empty = text_section(), text_section(".text.b"), text_section(".text.c")
    data, fixups = build_debug_line(
        "", [FileEntry("a.s")],
        [(text, [LineRow(0, 1, 1, 0)], 64), (empty, [], 8), (other, [LineRow(8, 1, 2, 0)], 16)])
    assert [(f.section, f.addend) for f in fixups] == [(text, 0), (other, 0)]
    for f in fixups:  # DW_LNE_set_address, 4-byte operand, written as zero
        assert data[f.offset - 3:f.offset + 4] == bytes([0, 5, 2, 0, 0, 0, 0])


def test_output_is_deterministic() -> None:
    assert build_example()[0] == build_example()[0]


def test_header_only_unit_without_rows() -> None:
    data, fixups = build_debug_line("/d", [FileEntry("a.c")], [])
    assert fixups == []
    [table] = read_debug_line(data)
    assert table.files == ["/d/a.c"] and table.rows == []


def test_relative_names_without_comp_dir_use_directory_zero() -> None:
    data, _ = build_debug_line("", [FileEntry("a.c"), FileEntry("b.h", "inc")], [])
    [table] = read_debug_line(data)
    assert table.directories == ["inc"]
    assert table.files == ["a.c", "inc/b.h"]


@pytest.mark.parametrize("rows, end, message", [
    ([LineRow(8, 1, 1, 0), LineRow(0, 1, 2, 0)], 16, "not in address order"),
    ([LineRow(24, 1, 1, 0)], 16, "past the end"),
    ([LineRow(0, 2, 1, 0)], 16, "names file 2"),
    ([LineRow(0, 0, 1, 0)], 16, "names file 0"),
    ([LineRow(0, 1, -1, 0)], 16, "negative"),
    ([LineRow(0, 1, 1, 0)], -8, "negative end"),
])
def test_build_rejects_invalid_rows(rows, end, message) -> None:
    with pytest.raises(DwarfError, match=message):
        build_debug_line("", [FileEntry("a.c")], [(text_section(), rows, end)])


def test_build_rejects_bad_names() -> None:
    with pytest.raises(DwarfError, match="NUL"):
        build_debug_line("", [FileEntry("a\0.c")], [])
    with pytest.raises(DwarfError, match="empty name"):
        build_debug_line("", [FileEntry("")], [])


@st.composite
def line_programs(draw):
    n_files = draw(st.integers(1, 4))
    files = [FileEntry(f"f{i}.c", draw(st.sampled_from(["", "d", "/abs"]))) for i in range(n_files)]
    sequences = []
    for k in range(draw(st.integers(0, 3))):
        offsets = sorted(draw(st.lists(st.integers(0, 2000), min_size=1, max_size=30)))
        rows = [LineRow(8 * o, draw(st.integers(1, n_files)), draw(st.integers(0, 1 << 20)),
                        draw(st.integers(0, 300))) for o in offsets]
        end = 8 * draw(st.integers(offsets[-1], offsets[-1] + 5))
        sequences.append((text_section(f".text.{k}", addr=IRAM_BASE + 0x10000 * k), rows, end))
    return files, sequences


@settings(max_examples=60, deadline=None)
@given(line_programs())
def test_round_trip_property(program) -> None:
    files, sequences = program
    data, fixups = build_debug_line("/c", files, sequences)
    data = relocate(data, fixups)
    [table] = read_debug_line(data)
    expected = []
    for section, rows, end in sequences:
        expected += expected_rows(table.files, rows, section.addr, end)
    assert [tuple(r) for r in table.rows] == expected
    # pyelftools decodes the same rows from the same bytes.
    [theirs] = elftools_rows(data)
    assert by_file_number(table, theirs) == expected


# --------------------------------------------------------------------------------------------
# Independent readers agree
# --------------------------------------------------------------------------------------------


def example_elf() -> tuple[bytes, E.Section, E.Section]:
    """An executable as the linker would leave it: .text at IRAM and a relocated .debug_line."""
    data, text, other = build_example()
    debug_line = E.Section(".debug_line", data=bytearray(data))
    elf = E.ElfFile(kind=E.ET_EXEC, sections=[text, other, debug_line], entry=IRAM_BASE)
    return E.write_elf(elf), text, other


def test_pyelftools_reads_the_same_rows_from_an_elf() -> None:
    raw, text, other = example_elf()
    section = ELFFile(io.BytesIO(raw)).get_section_by_name(".debug_line")
    data = section.data()
    [table] = read_debug_line(data)
    [theirs] = elftools_rows(data)
    assert by_file_number(table, theirs) == [tuple(r) for r in table.rows]
    assert len(theirs) == len(ROWS) + 3


def _readelf_rows(path) -> list[tuple[str, int | None, int]]:
    out = subprocess.run(["readelf", "--debug-dump=decodedline", str(path)], check=True,
                         capture_output=True, text=True).stdout
    rows = []
    for m in re.finditer(r"^(\S+)\s+(\d+|-)\s+(0x[0-9a-f]+)", out, re.M):
        rows.append((posixpath.basename(m[1]), None if m[2] == "-" else int(m[2]), int(m[3], 16)))
    return rows


@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils readelf not installed")
def test_readelf_decodes_the_same_rows(tmp_path) -> None:
    raw, _, _ = example_elf()
    path = tmp_path / "prog.elf"
    path.write_bytes(raw)
    [table] = read_debug_line(E.read_elf(raw).section(".debug_line").data)
    ours = [(posixpath.basename(r.file), None if r.end_sequence else r.line, r.address)
            for r in table.rows]
    assert _readelf_rows(path) == ours


C_SOURCE = """\
int g;
static int f(int x)
{
    int y = x * 3;
    for (int i = 0; i < x; i++)
        y += i * g;
    return y;
}
int _start(void) { return f(4) + f(g); }
"""


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")
@pytest.mark.parametrize("version", [2, 3, 4, 5])
def test_reads_gcc_line_tables(tmp_path, version) -> None:
    """Real-world tables (x86-64, 8-byte addresses, DWARF 5 names in .debug_line_str) decode to
    the rows pyelftools finds through the compilation units."""
    source = tmp_path / "prog.c"
    source.write_text(C_SOURCE)
    exe = tmp_path / "prog"
    done = subprocess.run(["gcc", "-O1", f"-gdwarf-{version}", "-nostdlib", "-static", "-o",
                           str(exe), str(source)], capture_output=True)
    if done.returncode:
        pytest.skip(f"gcc cannot build the sample: {done.stderr.decode()[:200]}")
    elf = ELFFile(io.BytesIO(exe.read_bytes()))
    line_str = elf.get_section_by_name(".debug_line_str")
    debug_str = elf.get_section_by_name(".debug_str")
    tables = read_debug_line(elf.get_section_by_name(".debug_line").data(),
                             line_str.data() if line_str else None,
                             debug_str.data() if debug_str else None)
    by_offset = {t.offset: t for t in tables}
    dwarf = elf.get_dwarf_info()
    checked = 0
    for cu in dwarf.iter_CUs():
        program = dwarf.line_program_for_CU(cu)
        table = by_offset[cu.get_top_DIE().attributes["DW_AT_stmt_list"].value]
        assert table.version == program.header.version
        names = [posixpath.basename(f.name.decode()) for f in program.header.file_entry]
        theirs = [(e.state.address, names[e.state.file - table.file_base], e.state.line,
                   e.state.column, bool(e.state.end_sequence))
                  for e in program.get_entries() if e.state]
        ours = [(r.address, posixpath.basename(r.file), r.line, r.column, r.end_sequence)
                for r in table.rows]
        assert ours == theirs and ours
        assert any(r.file.endswith("prog.c") and r.file.startswith("/") for r in table.rows)
        checked += 1
    assert checked


# --------------------------------------------------------------------------------------------
# Hand-made tables: every opcode and header variant
# --------------------------------------------------------------------------------------------


def test_all_standard_and_extended_opcodes_v3() -> None:
    program = (
        ext(SET_ADDRESS, (0x1000).to_bytes(4, "little"))
        + bytes([SET_COLUMN]) + uleb(7) + bytes([COPY])  # 0x1000 a.c:1:7
        + bytes([NEGATE_STMT, BASIC_BLOCK, PROLOGUE_END, EPILOGUE_BEGIN, SET_ISA]) + uleb(3)
        + bytes([CONST_ADD_PC])  # +17
        + bytes([ADVANCE_LINE]) + sleb(-1) + bytes([ADVANCE_LINE]) + sleb(41)  # line 41
        + bytes([COPY])  # 0x1011 a.c:41:7
        + bytes([FIXED_ADVANCE_PC]) + (0x200).to_bytes(2, "little")
        + ext(DEFINE_FILE, b"gen.c\0" + uleb(1) + uleb(5) + uleb(6))  # file 3
        + bytes([SET_FILE]) + uleb(3) + bytes([SET_COLUMN]) + uleb(0)
        + ext(SET_DISCRIMINATOR, uleb(4))
        + bytes([13 + 5 + 14 * 2])  # special: +2 bytes, line +0 → 0x1213 gen.c:41
        + ext(0x80, b"vendor")  # unknown extended opcode: skipped
        + bytes([SET_FILE]) + uleb(2) + bytes([ADVANCE_PC]) + uleb(0x10)
        + ext(END_SEQUENCE)  # 0x1223 end
        + ext(SET_ADDRESS, (0x10).to_bytes(4, "little")) + bytes([COPY]) + ext(END_SEQUENCE)
    )
    data = unit(3, v4_tables(["/inc"], [("a.c", 0), ("b.h", 1)]), program)
    [table] = read_debug_line(data)
    assert table.files == ["a.c", "/inc/b.h", "/inc/gen.c"]
    assert [tuple(r) for r in table.rows] == [
        (0x1000, "a.c", 1, 7, False), (0x1011, "a.c", 41, 7, False),
        (0x1213, "/inc/gen.c", 41, 0, False), (0x1223, "/inc/b.h", 41, 0, True),
        (0x10, "a.c", 1, 0, False), (0x10, "a.c", 1, 0, True)]
    [theirs] = elftools_rows(data)
    assert by_file_number(table, theirs) == [tuple(r) for r in table.rows]


def test_v2_small_opcode_base_and_unknown_standard_opcode() -> None:
    # opcode_base 10: opcodes 10..12 are special opcodes in DWARF 2.
    tables = v4_tables([], [("x.c", 0)])
    program = ext(SET_ADDRESS, bytes(4)) + bytes([10, 11, 12, 14]) + ext(END_SEQUENCE)
    data = unit(2, tables, program, opcode_base=10, line_base=-1, line_range=4, min_len=8)
    [table] = read_debug_line(data)
    assert [tuple(r)[:3] for r in table.rows] == [(0, "x.c", 0), (0, "x.c", 0), (0, "x.c", 1),
                                                  (8, "x.c", 0), (8, "x.c", 0)]
    [theirs] = elftools_rows(data)
    assert by_file_number(table, theirs) == [tuple(r) for r in table.rows]
    # opcode_base 15: opcodes 13 and 14 are standard, with 2 and 0 operands announced.
    program = (ext(SET_ADDRESS, bytes(4)) + bytes([13]) + uleb(300) + uleb(1) + bytes([14])
               + bytes([15 + 1 + 4 * 1]) + ext(END_SEQUENCE))
    data = unit(4, tables, program, opcode_base=15, line_base=-1, line_range=4,
                lengths=bytes([0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 2, 0]))
    [table] = read_debug_line(data)
    assert [tuple(r)[:3] for r in table.rows] == [(1, "x.c", 1), (1, "x.c", 1)]


def test_vliw_operation_index() -> None:
    # max_ops 3, min_len 8: the address moves by 8 every 3 operations.
    program = (ext(SET_ADDRESS, bytes(4)) + bytes([ADVANCE_PC]) + uleb(2) + bytes([COPY])
               + bytes([ADVANCE_PC]) + uleb(2) + bytes([COPY]) + ext(END_SEQUENCE))
    data = unit(4, v4_tables([], [("a", 0)]), program, min_len=8, max_ops=3)
    [table] = read_debug_line(data)
    assert [r.address for r in table.rows] == [0, 8, 8]


def v5_tables(dir_formats: list[tuple[int, int]], dirs: list[bytes],
              file_formats: list[tuple[int, int]], files: list[bytes]) -> bytes:
    out = bytes([len(dir_formats)]) + b"".join(uleb(a) + uleb(b) for a, b in dir_formats)
    out += uleb(len(dirs)) + b"".join(dirs)
    out += bytes([len(file_formats)]) + b"".join(uleb(a) + uleb(b) for a, b in file_formats)
    out += uleb(len(files)) + b"".join(files)
    return out


PATH, DIR_INDEX, MD5, SIZE, TIMESTAMP = 1, 2, 5, 4, 3
FORM_STRING, FORM_LINE_STRP, FORM_UDATA, FORM_DATA16, FORM_STRP = 0x08, 0x1F, 0x0F, 0x1E, 0x0E
FORM_DATA1, FORM_DATA2, FORM_BLOCK, FORM_STRX1 = 0x0B, 0x05, 0x09, 0x25


def test_v5_with_strings_in_line_str() -> None:
    line_str = b"\0/comp\0/usr/include\0main.c\0stdio.h\0"
    tables = v5_tables([(PATH, FORM_LINE_STRP)], [(1).to_bytes(4, "little"),
                                                  (7).to_bytes(4, "little")],
                       [(PATH, FORM_LINE_STRP), (DIR_INDEX, FORM_UDATA), (MD5, FORM_DATA16)],
                       [(20).to_bytes(4, "little") + uleb(0) + bytes(range(16)),
                        (27).to_bytes(4, "little") + uleb(1) + bytes(16)])
    program = (ext(SET_ADDRESS, (0x80000000).to_bytes(4, "little")) + bytes([SET_FILE, 0, COPY])
               + bytes([SET_FILE, 1]) + bytes([13 + 6 + 14 * 8]) + bytes([ADVANCE_PC]) + uleb(8)
               + ext(END_SEQUENCE))
    data = unit(5, tables, program)
    [table] = read_debug_line(data, line_str=line_str)
    assert table.version == 5 and table.file_base == 0
    assert table.directories == ["/comp", "/usr/include"]
    assert table.files == ["/comp/main.c", "/usr/include/stdio.h"]
    assert [tuple(r) for r in table.rows] == [
        (0x80000000, "/comp/main.c", 1, 0, False),
        (0x80000008, "/usr/include/stdio.h", 2, 0, False),
        (0x80000010, "/usr/include/stdio.h", 2, 0, True)]
    # Without .debug_line_str the rows still decode, with placeholder names.
    [table] = read_debug_line(data)
    assert table.files == ["<.debug_line_str+0x1>/<.debug_line_str+0x14>",
                           "<.debug_line_str+0x7>/<.debug_line_str+0x1b>"]
    assert len(table.rows) == 3
    with pytest.raises(DwarfError, match="outside .debug_line_str"):
        read_debug_line(data, line_str=b"\0/comp\0")


def test_v5_other_forms_and_dwarf64() -> None:
    tables = v5_tables([(PATH, FORM_STRING), (0x2001, FORM_BLOCK)], [b"/d\0" + uleb(2) + b"xy"],
                       [(PATH, FORM_STRP), (DIR_INDEX, FORM_DATA1), (TIMESTAMP, FORM_DATA2),
                        (SIZE, FORM_UDATA), (0x2002, FORM_STRX1)],
                       [(3).to_bytes(8, "little") + b"\0" + b"\1\2" + uleb(1000) + b"\5"])
    program = ext(SET_ADDRESS, (0x44).to_bytes(8, "little")) + bytes([SET_FILE, 0, COPY])
    data = unit(5, tables, program, dwarf64=True)
    [table] = read_debug_line(data, debug_str=b"ab\0f.c\0")
    assert table.files == ["/d/f.c"]
    assert [tuple(r) for r in table.rows] == [(0x44, "/d/f.c", 1, 0, False)]


def test_several_units_and_lookup() -> None:
    data, text, other = build_example()
    v3 = unit(3, v4_tables([], [("z.c", 0)]),
              ext(SET_ADDRESS, (0x100).to_bytes(4, "little")) + bytes([COPY, ADVANCE_PC, 8])
              + ext(END_SEQUENCE))
    tables = read_debug_line(data + v3)
    assert [t.offset for t in tables] == [0, len(data)]
    assert [t.version for t in tables] == [4, 3]
    index = LineIndex(tables)
    assert index.lookup(0x100) == index.lookup(0x107) == ("z.c", 1)
    assert index.lookup(0x108) is None
    assert index.lookup(IRAM_BASE) == (PATHS[0], 3)
    assert index.lookup(IRAM_BASE + 12) == (PATHS[0], 4)
    assert index.lookup(IRAM_BASE + 16) == (PATHS[1], 101)  # last row at an address wins
    assert index.lookup(IRAM_BASE + 199) == (PATHS[1], 101)
    assert index.lookup(IRAM_BASE + 4000) == (PATHS[2], 100000)
    assert index.lookup(text.addr + text.size - 1) == (PATHS[2], 100000)
    assert index.lookup(other.addr) is None  # its first row is at offset 8
    assert index.lookup(other.addr + 8) == (PATHS[1], 9)
    assert index.lookup(other.addr + other.size) is None
    assert address_to_line(tables, IRAM_BASE + 8) == (PATHS[0], 4)
    assert address_to_line([], 0) is None


def test_lookup_with_overlapping_sequences() -> None:
    """Unrelocated objects start every sequence at 0; a long one may hide behind a short one."""
    a, b = text_section(".text.a"), text_section(".text.b")
    data, _ = build_debug_line("", [FileEntry("a.c")],
                               [(a, [LineRow(0, 1, 10, 0)], 800), (b, [LineRow(0, 1, 20, 0)], 8)])
    index = LineIndex(read_debug_line(data))
    assert index.lookup(0) in {("a.c", 10), ("a.c", 20)}
    assert index.lookup(400) == ("a.c", 10)
    assert index.lookup(800) is None


# --------------------------------------------------------------------------------------------
# Corrupt input
# --------------------------------------------------------------------------------------------

GOOD_V3 = unit(3, v4_tables(["/i"], [("a.c", 0), ("b.h", 1)]),
               ext(SET_ADDRESS, bytes(4)) + bytes([COPY, CONST_ADD_PC, FIXED_ADVANCE_PC, 1, 0])
               + ext(DEFINE_FILE, b"c\0\1\0\0") + bytes([SET_FILE, 3, 40, 0, 2, 9, 0x55])
               + ext(END_SEQUENCE))
GOOD_V5 = unit(5, v5_tables([(PATH, FORM_STRING)], [b"/d\0"],
                            [(PATH, FORM_STRING), (DIR_INDEX, FORM_UDATA), (MD5, FORM_DATA16)],
                            [b"m.c\0\0" + bytes(16)]),
               ext(SET_ADDRESS, bytes(4)) + bytes([SET_FILE, 0, COPY, ADVANCE_LINE, 0x7F, 20])
               + ext(END_SEQUENCE))


@pytest.mark.parametrize("data, message", [
    (b"\1\0", "truncated unit length"),
    (b"\xf0\xff\xff\xff", "reserved unit length"),
    ((100).to_bytes(4, "little") + b"\4\0", "extends past the section end"),
    ((2).to_bytes(4, "little") + b"\7\0", "unsupported line table version 7"),
    ((6).to_bytes(4, "little") + b"\4\0" + (99).to_bytes(4, "little"), "header .* past its unit"),
    (unit(4, v4_tables([], []), b"", line_range=0), "line_range is 0"),
    (unit(4, v4_tables([], []), b"", max_ops=0), "maximum_operations_per_instruction is 0"),
    (unit(4, v4_tables([], []), b"", opcode_base=0), "opcode_base is 0"),
    (unit(4, v4_tables([], [("a", 3)]), b""), "names directory 3"),
    (unit(4, v4_tables([], [("a", 0)]), bytes([SET_FILE, 2, COPY])), "names file 2"),
    (unit(4, v4_tables([], [("a", 0)]), bytes([ADVANCE_PC, 0x80])), "truncated .*LEB128"),
    (unit(4, v4_tables([], [("a", 0)]), bytes([ADVANCE_PC]) + b"\xff" * 40 + b"\1"), "overlong"),
    (unit(4, v4_tables([], [("a", 0)]), b"\0\0"), "empty extended opcode"),
    (unit(4, v4_tables([], [("a", 0)]), b"\0\x09\2"), "extends past its unit"),
    (unit(4, v4_tables([], [("a", 0)]), ext(SET_ADDRESS, b"\0\0\0")), "3-byte address"),
    (unit(4, v4_tables([], [("a", 0)]), bytes([FIXED_ADVANCE_PC, 1])), "truncated"),
    (unit(4, b"abc", b""), "unterminated include directory"),
    (unit(5, v5_tables([], [], [], [b""]), b""), "without an entry format"),
    (unit(5, v5_tables([(PATH, 0x21)], [b"x"], [], []), b""), "unsupported form 0x21"),
    (unit(5, v5_tables([(PATH, FORM_UDATA)], [b"\1"], [], []), b""), "path is not encoded"),
    (unit(5, v5_tables([(PATH, FORM_STRING)], [b"/d\0"], [(PATH, FORM_STRING)], [b"f"]), b""),
     "unterminated"),
])
def test_corrupt_input_raises_dwarf_error(data, message) -> None:
    with pytest.raises(DwarfError, match=message):
        read_debug_line(data)


def test_valid_fuzz_seeds() -> None:
    assert [len(t.rows) for t in read_debug_line(GOOD_V3)] == [3]
    assert [r.line for r in read_debug_line(GOOD_V5)[0].rows] == [1, 2, 2]
    assert by_file_number(read_debug_line(GOOD_V3)[0], elftools_rows(GOOD_V3)[0]) == [
        tuple(r) for r in read_debug_line(GOOD_V3)[0].rows]


def _decode_or_dwarf_error(data: bytes) -> None:
    try:
        tables = read_debug_line(data)
    except DwarfError as e:
        assert str(e)
        return
    LineIndex(tables).lookup(0)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=200))
def test_fuzz_random_bytes(data) -> None:
    _decode_or_dwarf_error(data)


@FUZZ
@given(st.sampled_from(["ours", "v3", "v5"]), st.data())
def test_fuzz_mutations_of_valid_sections(seed, draw) -> None:
    data = bytearray({"ours": build_example()[0], "v3": GOOD_V3, "v5": GOOD_V5}[seed])
    for _ in range(draw.draw(st.integers(1, 4))):
        pos = draw.draw(st.integers(0, len(data) - 1))
        data[pos] = draw.draw(st.one_of(st.sampled_from([0, 1, 0x7F, 0x80, 0xFF]),
                                        st.integers(0, 255)))
    cut = draw.draw(st.integers(0, len(data)))
    _decode_or_dwarf_error(bytes(data[:cut]))
    _decode_or_dwarf_error(bytes(data))


@pytest.mark.parametrize("seed", [GOOD_V3, GOOD_V5])
def test_every_truncation_is_clean(seed) -> None:
    for cut in range(len(seed)):
        _decode_or_dwarf_error(seed[:cut])
