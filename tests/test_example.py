"""The example program of ISA.md: assembled, linked and disassembled; the executable's
disassembly re-assembles and re-links to the same program; binutils reads it cleanly."""

from __future__ import annotations

import shutil
import subprocess

from dpucore import elf, isa, memory


def _build(tool, tmp_path, source, name="hello"):
    obj = tmp_path / f"{name}.o"
    exe = tmp_path / name
    r = tool("dpuasm", "-g", "-o", str(obj), str(source))
    assert r.returncode == 0, r.stderr
    r = tool("dpuld", "-o", str(exe), "-Map", str(tmp_path / f"{name}.map"), str(obj))
    assert r.returncode == 0, r.stderr
    return exe


def test_example_links_as_the_dpu_expects(tool, tmp_path, example_source):
    exe = _build(tool, tmp_path, example_source)
    f = elf.read_elf(exe.read_bytes())
    assert f.kind == elf.ET_EXEC
    text = f.section(".text")
    assert text.addr == memory.IRAM_BASE and f.entry == memory.IRAM_BASE
    boot = f.symbol("__bootstrap")
    assert boot.value == memory.IRAM_BASE
    hello = f.symbol("hello")
    assert memory.region_of_address(hello.value) == memory.WRAM and hello.value >= 8
    words = [isa.decode(int.from_bytes(text.data[i:i + 8], "little"))
             for i in range(0, text.size, 8)]
    # `move r1, hello` holds hello's WRAM address; the branches hold instruction indices.
    assert words[1] == (isa.FORM_BY_ID["or_rri"], (1, isa.ZERO, hello.value))
    assert words[3][1][-1] == 6 and words[5][1][-1] == 2
    data = f.section(".data")
    assert bytes(data.data[hello.value - data.addr:][:12]) == b"hello world\0"


def test_readelf_reads_the_executable_without_warnings(tool, tmp_path, example_source):
    exe = _build(tool, tmp_path, example_source)
    readelf = shutil.which("readelf")
    assert readelf, "binutils readelf is needed (.ci/run installs it)"
    r = subprocess.run([readelf, "-a", "-W", str(exe)], capture_output=True, text=True)
    assert r.returncode == 0
    assert "Warning" not in r.stderr and "Error" not in r.stderr, r.stderr
    assert "EXEC (Executable file)" in r.stdout
    assert "LOAD" in r.stdout and "0x80000000" in r.stdout


def test_executable_disassembly_round_trips(tool, tmp_path, example_source):
    exe = _build(tool, tmp_path, example_source)
    r = tool("dpuobjdump", "-d", "--no-addresses", str(exe))
    assert r.returncode == 0, r.stderr
    listing = r.stdout.decode()
    assert "sub zero, r2, 0, z, done" in listing
    again = tmp_path / "again.s"
    again.write_text(listing)
    exe2 = _build(tool, tmp_path, again, "again")
    a, b = elf.read_elf(exe.read_bytes()), elf.read_elf(exe2.read_bytes())
    assert a.section(".text").data == b.section(".text").data
    assert a.section(".data").data == b.section(".data").data


def test_source_listing_of_the_executable(tool, tmp_path, example_source):
    exe = _build(tool, tmp_path, example_source)
    r = tool("dpuobjdump", "-d", "-S", str(exe))
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    assert "80000000 <__bootstrap>:" in text
    assert "hello.s:7: loop:   lbu  r2, r1, 0" in text
    assert "80000018:" in text


def test_builds_are_deterministic(tool, tmp_path, example_source):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = _build(tool, tmp_path / "a", example_source)
    two = _build(tool, tmp_path / "b", example_source)
    assert one.read_bytes() == two.read_bytes()
    maps = [(tmp_path / d / "hello.map").read_text().replace(str(tmp_path / d), "<dir>")
            for d in ("a", "b")]
    assert maps[0] == maps[1]
