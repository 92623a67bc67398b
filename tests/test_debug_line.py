"""dpucc -g: DWARF line tables for C, checked on linked programs.

The addresses come from the disassembly (dpuobjdump) and the line table is read both by binutils'
readelf and by dpucore.dwarf, so a table that only our own reader accepts does not pass.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dpucc.driver import Driver, parse_args
from dpucore import elf
from dpucore.dwarf import LineIndex, read_debug_line
from dpusim.faults import DpuFault
from dpusim.simulator import Simulator

ROOT = Path(__file__).resolve().parent.parent

HEADER = """\
int marker(int n);

static inline int twice(int x)
{
    marker(x);
    return 2 * x;
}
"""

PROGRAM = """\
#include "inc/util.h"

volatile int input = 4;
int total;

__attribute__((noinline)) int marker(int n)
{
    total += n;
    return n;
}

int sum(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        s += twice(i);
    }
    return s;
}

int main(void)
{
    marker(100);
    int r = sum(input) +
        marker(5);
    marker(r);
    return r == 17 ? 0 : 1;
}
"""

TRAP = """\
volatile int input = 3;

int check(int v)
{
    if (v == 3) {
#ifdef MEMORY
        *(volatile int *)(input << 20) = v;
#else
        __builtin_trap();
#endif
    }
    return v;
}

int main(void)
{
    return check(input);
}
"""


def line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def opening_brace(name: str) -> int:
    """The line of the '{' of a function of PROGRAM (each opens on the line after its name)."""
    return next(i for i, ln in enumerate(PROGRAM.splitlines(), 1)
                if re.match(rf"\S.*\b{name}\(.*\)$", ln)) + 1


def call_lines(text: str) -> set[int]:
    """Lines on which ``marker`` is called (not declared or defined)."""
    return {i for i, ln in enumerate(text.splitlines(), 1)
            if re.search(r"\bmarker\(\w", ln) and not ln.startswith(("int ", "__attr"))}


def write_sources(where: Path) -> None:
    (where / "inc").mkdir(parents=True, exist_ok=True)
    (where / "inc" / "util.h").write_text(HEADER)
    (where / "prog.c").write_text(PROGRAM)


@pytest.fixture(scope="module", params=[0, 2], ids=["O0", "O2"])
def built(request, tmp_path_factory):
    """prog.c linked with ``-g -O<level>``: (directory, level, executable bytes)."""
    where = tmp_path_factory.mktemp(f"g{request.param}")
    write_sources(where)
    r = subprocess.run([str(Path(sys.executable).parent / "dpucc"), "-g",
                        f"-O{request.param}", "-o", "prog", "prog.c"],
                       cwd=where, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return where, request.param, (where / "prog").read_bytes()


def lines_of(program: bytes) -> LineIndex:
    dl = elf.read_elf(program).section(".debug_line")
    assert dl is not None
    return LineIndex(read_debug_line(bytes(dl.data)))


def call_addresses(tool, where: Path, callee: str) -> list[int]:
    r = tool("dpuobjdump", "-d", "prog", cwd=where)
    assert r.returncode == 0, r.stderr
    return [int(m.group(1), 16) for m in re.finditer(
        rf"^([0-9a-f]{{8}}):.*\tcall r23, zero, {callee}$", r.stdout.decode(), re.M)]


def test_readelf_decodes_our_files_and_lines(built):
    where, level, _ = built
    r = subprocess.run(["readelf", "--debug-dump=decodedline", "prog"], cwd=where,
                       capture_output=True, text=True)
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr
    rows = set(re.findall(r"^(\S+)\s+(\d+)\s+0x([0-9a-f]+)", r.stdout, re.M))
    seen = {(name, int(line)) for name, line, _ in rows}
    # Every call of marker, in the main file and in the header's inline function.
    for line in call_lines(PROGRAM):
        assert ("prog.c", line) in seen
    assert ("inc/util.h", line_of(HEADER, "marker(x)")) in seen
    # The loop's test (its line) and the epilogue of sum (its closing brace).
    assert ("prog.c", line_of(PROGRAM, "for (")) in seen
    assert ("prog.c", line_of(PROGRAM, "return s;") + 1) in seen
    # The header is named with the directory it was compiled in, as DW_AT_comp_dir is.
    assert f"{where}/inc/util.h" in r.stdout


def test_every_call_maps_to_the_line_it_is_written_on(built, tool):
    where, level, program = built
    index = lines_of(program)
    prog, util = str(where / "prog.c"), str(where / "inc" / "util.h")
    found = {index.lookup(a) for a in call_addresses(tool, where, "marker")}
    expected = {(prog, line) for line in call_lines(PROGRAM)}
    expected.add((util, line_of(HEADER, "marker(x)")))
    # The inline function is a function of its own at -O0 and inlined (at its own line) at -O2.
    assert found == expected


def test_function_entries_map_to_their_opening_brace(built):
    where, level, program = built
    index = lines_of(program)
    f = elf.read_elf(program)
    # At -O2 a leaf's first instruction is already its first statement's (marker).
    names = ["sum", "main"] + (["marker"] if level == 0 else [])
    for name in names:
        assert index.lookup(f.symbol(name).value) == \
            (str(where / "prog.c"), opening_brace(name)), name


@pytest.mark.parametrize("level", [0, 2])
@pytest.mark.parametrize("kind", ["trap", "memory"])
def test_fault_reports_name_the_source_line(tmp_path, tool, level, kind):
    (tmp_path / "trap.c").write_text(TRAP)
    defines = ["-DMEMORY"] if kind == "memory" else []
    r = tool("dpucc", "-g", f"-O{level}", *defines, "-o", "trap", "trap.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    line = line_of(TRAP, "input << 20" if kind == "memory" else "__builtin_trap")
    sim = Simulator()
    sim.load(str(tmp_path / "trap"))
    with pytest.raises(DpuFault) as exc:
        sim.launch()
    assert exc.value.source == (str(tmp_path / "trap.c"), line)
    r = tool("dpusim", "trap", cwd=tmp_path)
    assert r.returncode != 0 and f"at {tmp_path}/trap.c:{line}\n" in r.stderr.decode() + "\n"


def text_sections(path: str, level: int, debug: bool):
    """The code sections of ``path`` compiled with ``-c`` in the current directory (names,
    bytes and relocations), and its line table section."""
    argv = ["-c", f"-O{level}"] + (["-g"] if debug else []) + [path]
    data, _ = Driver(parse_args(argv)).object_of(path)
    f = elf.read_elf(data)
    code = [(s.name, bytes(s.data), [(r.offset, r.type, r.symbol.name, r.addend)
                                     for r in s.relocations])
            for s in f.sections if s.name.startswith(".text")]
    return code, f.section(".debug_line")


SAMPLES = ["binary_search.c", "bitfields.c", "arith64.c", "base64_rle.c",
           "arrays_of_structs.c", "bigint_carries.c"]


@pytest.mark.parametrize("level", [0, 2])
def test_debug_information_never_changes_the_code(level, tmp_path, monkeypatch):
    write_sources(tmp_path)
    monkeypatch.chdir(tmp_path)
    paths = [str(ROOT / "tests" / "c" / name) for name in SAMPLES] + ["prog.c"]
    for path in paths:
        plain, no_table = text_sections(path, level, False)
        with_g, table = text_sections(path, level, True)
        assert plain == with_g, path
        assert no_table is None and table is not None and table.size > 0, path


def test_line_table_records_the_compilation_directory_once(tmp_path, monkeypatch):
    """As gcc (DW_AT_comp_dir, directory 0): the build directory is named once, and the same
    sources built in the same directory give the same bytes."""
    tables = {}
    for d in ("one", "two"):
        write_sources(tmp_path / d)
        monkeypatch.chdir(tmp_path / d)
        _, first = text_sections("prog.c", 2, True)
        _, again = text_sections("prog.c", 2, True)
        assert bytes(first.data) == bytes(again.data)
        [table] = read_debug_line(bytes(first.data))
        tables[d] = table
        assert table.directories == [str(tmp_path / d)]
        assert table.files == [str(tmp_path / d / "prog.c"), str(tmp_path / d / "inc/util.h")]

    def rows(table, d):
        return [(r.address, r.file.replace(str(tmp_path / d), "<dir>"), r.line, r.column)
                for r in table.rows]

    assert rows(tables["one"], "one") == rows(tables["two"], "two")


def test_assembly_shows_the_directives(tmp_path, tool):
    write_sources(tmp_path)
    r = tool("dpucc", "-g", "-O2", "-S", "-o", "-", "prog.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    assert f'.file 1 "{tmp_path}" "prog.c"' in text
    assert f'.file 2 "{tmp_path}" "inc/util.h"' in text
    assert text.count(".file 1 ") == 1 and text.count(".file 2 ") == 1
    assert f"\t.loc 1 {line_of(PROGRAM, 'marker(100)')} 5\n\tmove r0, 100\n" in text
    r = tool("dpucc", "-O2", "-S", "-o", "-", "prog.c", cwd=tmp_path)
    assert b".loc" not in r.stdout and b".file" not in r.stdout


def test_g_with_an_assembly_source_still_describes_its_lines(tmp_path, tool):
    (tmp_path / "f.s").write_text(".text\n.globl f\nf:\n  move r0, 1\n  jump r23\n")
    r = tool("dpucc", "-g", "-c", "f.s", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    [table] = read_debug_line(bytes(elf.read_elf((tmp_path / "f.o").read_bytes())
                                    .section(".debug_line").data))
    assert [(r.file, r.line) for r in table.rows if not r.end_sequence] == [("f.s", 4), ("f.s", 5)]


@pytest.mark.parametrize("level", [0, 2])
def test_code_included_into_a_function_body_names_its_own_file(tmp_path, tool, level):
    """The location's file is its scope's: an #include inside a body needs a scope of its own
    (a DILexicalBlockFile), which the back end must follow to the right file."""
    (tmp_path / "body.inc").write_text("total += 7;\n")
    (tmp_path / "f.c").write_text("int total;\nvoid f(void)\n{\n#include \"body.inc\"\n"
                                  "    total *= 3;\n}\n")
    r = tool("dpucc", "-g", f"-O{level}", "-S", "-o", "-", "f.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    assert f'.file 2 "{tmp_path}" "body.inc"' in text
    assert "\t.loc 2 1 1\n" in text and "\t.loc 1 5 5\n" in text


def test_debug_prefix_map_makes_the_table_independent_of_the_directory(tmp_path, tool):
    """gcc's -fdebug-prefix-map=OLD=NEW, for reproducible builds: two checkouts, one table."""
    objects = []
    for d in ("one", "two"):
        write_sources(tmp_path / d)
        r = tool("dpucc", "-g", "-O2", f"-fdebug-prefix-map={tmp_path / d}=/src", "-c",
                 "prog.c", cwd=tmp_path / d)
        assert r.returncode == 0, r.stderr
        objects.append((tmp_path / d / "prog.o").read_bytes())
    assert objects[0] == objects[1]
    [table] = read_debug_line(bytes(elf.read_elf(objects[0]).section(".debug_line").data))
    assert table.files == ["/src/prog.c", "/src/inc/util.h"]
    r = tool("dpucc", "-fdebug-prefix-map=nothing", "-c", "prog.c", cwd=tmp_path / "one")
    assert r.returncode == 2 and b"invalid argument 'nothing'" in r.stderr
