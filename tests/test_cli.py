"""The command lines as users run them: outputs, exit codes, messages, no tracebacks, no
half-written files, and binutils' view of what we write."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from dpucore import elf

READELF = shutil.which("readelf")


def _readelf_clean(path) -> str:
    assert READELF, "binutils readelf is needed (.ci/run installs it)"
    r = subprocess.run([READELF, "-a", "-W", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "Warning" not in r.stderr and "Error" not in r.stderr, r.stderr
    assert "warning" not in r.stdout.lower(), r.stdout
    return r.stdout


def test_assemble_object(tool, tmp_path, example_source):
    out = tmp_path / "hello.o"
    r = tool("dpuasm", "-g", "-o", str(out), str(example_source))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    f = elf.read_elf(data)
    assert f.kind == elf.ET_REL
    listing = _readelf_clean(out)
    assert "REL (Relocatable file)" in listing
    assert "<unknown>: 0xf5" in listing or "0xf5" in listing or "CEVA" in listing
    assert ".rela.text" in listing


def test_default_output_name_is_the_source_stem(tool, tmp_path, example_source):
    r = tool("dpuasm", str(example_source), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "hello.o").exists()


def test_errors_exit_1_and_write_nothing(tool, tmp_path):
    src = tmp_path / "bad.s"
    src.write_text(".text\n  add r0, r1\n  lw r0, r1, 1 << 30\n")
    out = tmp_path / "bad.o"
    r = tool("dpuasm", "-o", str(out), str(src))
    assert r.returncode == 1
    err = r.stderr.decode()
    assert f"{src}:2:3: error: invalid operands for 'add'" in err
    assert f"{src}:3:14: error: value 1073741824 out of range" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]


def test_missing_file_is_a_clean_error(tool, tmp_path):
    r = tool("dpuasm", str(tmp_path / "nope.s"))
    assert r.returncode == 1
    assert b"No such file" in r.stderr and b"Traceback" not in r.stderr


def test_preprocessed_assembly(tool, tmp_path):
    (tmp_path / "defs.h").write_text("#define BASE 0x100\n#define TWICE(x) ((x) * 2)\n")
    src = tmp_path / "p.S"
    src.write_text('#include "defs.h"\n.text\n  move r0, TWICE(BASE) + EXTRA\n'
                   "#ifdef BROKEN\n  oops\n#endif\n")
    r = tool("dpuasm", "-D", "EXTRA=3", "-o", str(tmp_path / "p.o"), str(src))
    assert r.returncode == 0, r.stderr
    r = tool("dpuasm", "-D", "EXTRA=3", "-DBROKEN", "-o", str(tmp_path / "q.o"), str(src))
    assert r.returncode == 1
    assert f"{src}:5:3: error: unknown instruction 'oops'" in r.stderr.decode()
    r = tool("dpuasm", "-o", str(tmp_path / "r.o"), str(tmp_path / "missing.S"))
    assert r.returncode == 1
    (tmp_path / "inc.S").write_text('#include "nowhere.h"\n')
    r = tool("dpuasm", "-o", str(tmp_path / "r.o"), str(tmp_path / "inc.S"))
    assert r.returncode == 1 and b"nowhere.h" in r.stderr and b"Traceback" not in r.stderr


def test_objdump_reassembles_to_the_same_object(tool, tmp_path):
    src = tmp_path / "k.s"
    src.write_text("""
        .text
        .globl main
    main:
        move r1, table
        lw r2, r1, 4
    1:  add r2, r2, -1, nz, 1b
        call r23, helper
        jeq r2, 7, .Ldone
        sd r22, 8, d22
        lbu !big, r3, r1, 2
    .Ldone:
        jump r23
        .data
        .globl table
    table: .long 1, 2, 3
        .long main, table + 4
        .section .bss.z,"aw",@nobits
    zbuf: .zero 12
    """)
    first = tmp_path / "k.o"
    assert tool("dpuasm", "-o", str(first), str(src)).returncode == 0
    r = tool("dpuobjdump", "-d", "--no-addresses", str(first))
    assert r.returncode == 0, r.stderr
    listing = r.stdout.decode()
    assert "call r23, zero, helper" in listing
    again_src = tmp_path / "again.s"
    again_src.write_text(listing)
    again = tmp_path / "again.o"
    r = tool("dpuasm", "-o", str(again), str(again_src))
    assert r.returncode == 0, r.stderr.decode() + listing
    a, b = elf.read_elf(first.read_bytes()), elf.read_elf(again.read_bytes())
    for name in (".text", ".data"):
        assert a.section(name).data == b.section(name).data
    assert b.section(".bss.z").size == 12
    assert b.symbol("table").bind == elf.STB_GLOBAL

    def targets(f):
        out = []
        for r in f.section(".text").relocations:
            s = r.symbol
            scale = 8 if s.section is not None and s.section.executable else 1
            where = (s.section.name, s.value // scale + r.addend) if s.type == elf.STT_SECTION \
                else (s.name, r.addend)
            out.append((r.offset, r.type, where))
        return out

    # Labels may change between a section symbol and a name; the targets may not.
    def resolved(f):
        names = {s.name: (s.section.name, s.value // 8) for s in f.symbols
                 if s.section is not None and s.section.executable and s.type != elf.STT_SECTION}
        return [(o, t, names.get(w[0], w) if w[1] == 0 else w) for o, t, w in targets(f)]

    assert resolved(a) == resolved(b)


def test_undecodable_words_survive_the_round_trip(tool, tmp_path):
    src = tmp_path / "raw.s"
    src.write_text(".text\nnop\n.insn 0xffffffffffffffff\n.insn 0\nstop\n")
    obj = tmp_path / "raw.o"
    assert tool("dpuasm", "-o", str(obj), str(src)).returncode == 0
    listing = tool("dpuobjdump", "-d", "--no-addresses", str(obj)).stdout.decode()
    assert ".insn 0xffffffffffffffff" in listing
    again = tmp_path / "again.s"
    again.write_text(listing)
    assert tool("dpuasm", "-o", str(tmp_path / "again.o"), str(again)).returncode == 0
    a = elf.read_elf(obj.read_bytes()).section(".text").data
    assert elf.read_elf((tmp_path / "again.o").read_bytes()).section(".text").data == a


def test_objdump_listings(tool, tmp_path, example_source):
    obj = tmp_path / "hello.o"
    assert tool("dpuasm", "-g", "-o", str(obj), str(example_source)).returncode == 0
    r = tool("dpuobjdump", "-h", "-t", "-r", "-S", str(obj))
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    assert "file format elf32-dpu" in text
    assert ".text         00000038" in text
    assert "g        .text\t00000000 __bootstrap" in text
    assert "R_DPU_PC          .text+0x00000006" in text
    assert "sub zero, r2, 0, z, done" in text
    assert "hello.s:8: jz   r2, done" in text


def test_objdump_rejects_non_elf(tool, tmp_path):
    junk = tmp_path / "junk"
    junk.write_bytes(b"\x7fELF" + bytes(60))
    r = tool("dpuobjdump", "-d", str(junk))
    assert r.returncode == 1
    assert b"junk:" in r.stderr and b"Traceback" not in r.stderr


def test_versions_and_help(tool):
    for name in ("dpuasm", "dpuld", "dpuobjdump"):
        r = tool(name, "--version")
        assert r.returncode == 0 and b"0.1.0" in r.stdout
        r = tool(name, "--help")
        assert r.returncode == 0 and b"Usage:" in r.stdout


@pytest.mark.parametrize("args", [["-x", "assembler-with-cpp"], []])
def test_stdin_input(tool, tmp_path, args):
    r = tool("dpuasm", *args, "-o", str(tmp_path / "s.o"), "-", input=b".text\nnop\n")
    assert r.returncode == 0, r.stderr
    assert elf.read_elf((tmp_path / "s.o").read_bytes()).section(".text").size == 8
