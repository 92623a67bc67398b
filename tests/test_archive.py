"""Reading and writing ``ar`` archives, checked against binutils' own ``ar``."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from dpucore import elf as E
from dpuasm.archive import ArchiveError, Member, is_archive, read_archive, write_archive

needs_ar = pytest.mark.skipif(shutil.which("ar") is None, reason="binutils ar not installed")

LONG = "a_member_name_longer_than_fifteen.o"


def dpu_object(symbol: str) -> bytes:
    text = E.Section(".text", flags=E.SHF_ALLOC | E.SHF_EXECINSTR, data=bytearray(8), align=8)
    sym = E.Symbol(symbol, 0, 8, E.STB_GLOBAL, E.STT_FUNC, text)
    return E.write_elf(E.ElfFile(sections=[text], symbols=[sym]))


def members() -> list[tuple[str, bytes]]:
    return [("short.o", dpu_object("f")), (LONG, dpu_object("g")), ("odd.txt", b"odd")]


def run_ar(tmp_path, flags: str, contents: list[tuple[str, bytes]]) -> bytes:
    for name, data in contents:
        (tmp_path / name).write_bytes(data)
    subprocess.run(["ar", flags, "lib.a", *(n for n, _ in contents)], cwd=tmp_path, check=True)
    return (tmp_path / "lib.a").read_bytes()


@needs_ar
def test_reads_what_binutils_ar_writes(tmp_path):
    data = run_ar(tmp_path, "rcs", members())
    assert is_archive(data)
    assert read_archive(data) == [Member(n, d) for n, d in members()]


@needs_ar
def test_writes_the_same_bytes_as_deterministic_ar(tmp_path):
    assert write_archive(members()) == run_ar(tmp_path, "rcsD", members())


@needs_ar
def test_binutils_reads_what_we_write(tmp_path):
    (tmp_path / "ours.a").write_bytes(write_archive(members()))
    listing = subprocess.run(["ar", "t", "ours.a"], cwd=tmp_path, check=True,
                             capture_output=True, text=True).stdout.split()
    assert listing == ["short.o", LONG, "odd.txt"]
    index = subprocess.run(["nm", "--print-armap", "ours.a"], cwd=tmp_path,
                           capture_output=True, text=True).stdout
    assert "f in short.o" in index and f"g in {LONG}" in index


def test_write_is_deterministic_and_uses_base_names():
    a = write_archive([("build/x/short.o", b"12")])
    assert a == write_archive([("short.o", b"12")])
    assert read_archive(a) == [Member("short.o", b"12")]
    header = a[8:68].decode()
    assert header.split() == ["short.o/", "0", "0", "0", "644", "2", "`"]


def test_reads_sym64_index_and_bsd_names():
    sym64 = b"/SYM64/".ljust(16) + b"0".ljust(32) + b"8".ljust(10) + b"`\n" + bytes(8)
    bsd_data = b"long_bsd_name.o\0" + b"payload"
    bsd = (b"#1/16".ljust(16) + b"0".ljust(12) + b"0".ljust(6) + b"0".ljust(6)
           + b"644".ljust(8) + str(len(bsd_data)).encode().ljust(10) + b"`\n" + bsd_data + b"\n")
    data = b"!<arch>\n" + sym64 + bsd
    assert read_archive(data) == [Member("long_bsd_name.o", b"payload")]


def corrupt(data: bytes, offset: int, new: bytes) -> bytes:
    return data[:offset] + new + data[offset + len(new):]


@pytest.mark.parametrize("mutate, message", [
    (lambda a: b"!<arch?\n" + a[8:], "not an archive (bad magic)"),
    (lambda a: b"!<thin>\n" + a[8:], "thin archives are not supported"),
    (lambda a: a[:40], "truncated member header at offset 8"),
    (lambda a: corrupt(a, 8 + 58, b"xx"), "member header at offset 8: bad magic"),
    (lambda a: corrupt(a, 8 + 48, b"12x"), "invalid size field '12x"),
    (lambda a: corrupt(a, 8 + 48, b"99999"), "extends past the end of the archive"),
])
def test_malformed_archives_give_clean_errors(mutate, message):
    good = write_archive([("a.o", b"abcd")])
    with pytest.raises(ArchiveError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_archive(mutate(good))


def test_long_name_errors():
    no_table = b"!<arch>\n" + b"/0".ljust(16) + b"0".ljust(32) + b"2".ljust(10) + b"`\nab"
    with pytest.raises(ArchiveError, match="uses a long name but the archive has no name table"):
        read_archive(no_table)
    good = write_archive([(LONG, b"ab")])
    table_offset = good.index(b"/0 ")
    with pytest.raises(ArchiveError, match="outside the name table"):
        read_archive(corrupt(good, table_offset, b"/999"))


def test_archive_error_is_a_value_error():
    assert issubclass(ArchiveError, ValueError)
    assert not is_archive(b"\x7fELF")
