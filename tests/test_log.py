"""The DPU log buffer (docs/log-format.md): the host's printf formatter against the machine's C
library, record encoding and decoding, corrupt buffers, and a log written by a program running
on the simulator."""

from __future__ import annotations

import math
import random
import shutil
import struct
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dpucore import elf
from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpusim.faults import DpuFault
from dpusim.log import (INLINE_FORMAT, ArgReader, LogError, decode_log, encode_record,
                        format_printf, pack_args, read_log, read_log_bytes)
from dpusim.program import load_program
from dpusim.simulator import Simulator


def sprintf(fmt: bytes, *values) -> bytes:
    return format_printf(fmt, ArgReader(bytes(8) + pack_args(fmt, values), 8))


# ----------------------------------------------------------------------------- the case table
#
# A case is (format, [(C type, value), ...]). The C program passes each value with its C type
# (host types chosen so that glibc prints what it would for the DPU's sizes), the Python side
# packs the same values as the DPU printf would (pack_args) and formats them.

INT32 = [0, 1, -1, 7, -7, 42, 127, 128, -128, 255, 256, 32767, -32768, 65535, 65536,
         123456789, 2**31 - 1, -2**31]
UINT32 = [0, 1, 7, 8, 42, 255, 256, 65535, 0x80000000, 0xDEADBEEF, 2**32 - 1]
INT64 = [0, 1, -1, 2**31, -2**31 - 1, 2**32, 10**18, -10**18, 2**63 - 1, -2**63]
UINT64 = [0, 1, 2**32, 0x123456789ABCDEF0, 2**63, 2**64 - 1]
DOUBLES = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, -2.5, 3.5, 0.125, 0.375, 1.005, 0.05, 0.95,
           9.5, 99.5, 123.456, 1 / 3, 2 / 3, 1e-5, 1e-4, 9.9999e-5, 0.0001234, 99999.5, 999999.5,
           123456789.0, 1e15, 1e16, 1e21, 1e100, 1e300, -1e300, 5e-324, 2.2250738585072014e-308,
           1.7976931348623157e308, 1.9375, 1.96875, 255.5, math.inf, -math.inf, math.nan,
           -math.nan]
STRINGS = [b"", b"a", b"hello", b"(null)", b"\xc3\xa9t\xc3\xa9", b"0123456789" * 20, None]
CHARS = [ord("a"), ord("Z"), 0, 32, 255, 256 + ord("b"), -1, 10]
POINTERS = [0, 1, 8, 0x1234, 0x8000, 0xFFFF, 0x08000000, 0xFFFFFFFF]

FLAGS = ["", "-", "+", " ", "#", "0", "-0", "+0", " 0", "#0", "-#", "+ ", "'", "#-+0 ", "I"]
WIDTHS = ["", "1", "6", "25", "*"]
PRECISIONS = ["", ".", ".0", ".1", ".5", ".30", ".*"]
STAR_WIDTHS = [0, 5, -7, 12, 30]
STAR_PRECISIONS = [-1, 0, 3, 10]

INT_LENGTHS = ["", "hh", "h", "l", "ll", "L", "q", "j", "z", "Z", "t"]


def int_ctype(conv: str, length: str) -> str:
    signed = conv in "di"
    if length in ("", "hh", "h"):
        return "int" if signed else "unsigned"
    if length == "l":
        return "long" if signed else "unsigned long"
    if length in ("ll", "L", "q"):
        return "long long" if signed else "unsigned long long"
    if length == "j":
        return "intmax_t" if signed else "uintmax_t"
    # z, Z, t: 32-bit on the DPU; the host passes a value of the DPU's range.
    return "ssize32" if signed else "size32"


def int_values(conv: str, length: str) -> list[int]:
    wide = length in ("l", "ll", "L", "q", "j")
    if conv in "di":
        return INT64 if wide else INT32
    return UINT64 if wide else UINT32


def build_cases() -> list[tuple[bytes, list[tuple[str, object]]]]:
    rng = random.Random(1234)
    cases: list[tuple[bytes, list]] = []

    def add(fmt: str | bytes, *args) -> None:
        cases.append((fmt.encode("latin-1") if isinstance(fmt, str) else fmt, list(args)))

    def stars(width: str, prec: str) -> list:
        out = []
        if width == "*":
            out.append(("int", rng.choice(STAR_WIDTHS)))
        if prec == ".*":
            out.append(("int", rng.choice(STAR_PRECISIONS)))
        return out

    # Integers: every conversion x length x value, then flags x width x precision.
    for conv in "diuoxXbB":
        for length in INT_LENGTHS:
            ct = int_ctype(conv, length)
            for v in int_values(conv, length):
                add(f"%{length}{conv}", (ct, v))
        for flags in FLAGS:
            for width in WIDTHS:
                for prec in PRECISIONS:
                    for _ in range(2):
                        length = rng.choice(INT_LENGTHS)
                        v = rng.choice(int_values(conv, length))
                        add(f"[%{flags}{width}{prec}{length}{conv}]", *stars(width, prec),
                            (int_ctype(conv, length), v))
    # Truncation by hh and h of ints out of the char/short range.
    for conv in "diuxo":
        for v in (255, 256, 257, -129, 65535, 65536, 70000, -70000, 2**31 - 1, -2**31):
            for length in ("hh", "h"):
                add(f"%{length}{conv}", ("int", v))

    # Floating point: every conversion x value x precision, then flags x width.
    float_precs = ["", ".", ".0", ".1", ".2", ".3", ".6", ".10", ".13", ".15", ".17", ".20",
                   ".40", ".330", ".1100"]
    for conv in "fFeEgGaA":
        for v in DOUBLES:
            for prec in float_precs:
                if prec == ".1100" and conv in "gGaA":
                    continue
                add(f"%{prec}{conv}", ("double", v))
        for flags in FLAGS:
            for width in WIDTHS:
                for prec in ("", ".0", ".3", ".*"):
                    v = rng.choice(DOUBLES)
                    add(f"[%{flags}{width}{prec}{conv}]", *stars(width, prec), ("double", v))
        for v in (1.5, -0.0, 1e300, math.nan):
            if conv in "aA":  # the host's %La shows its 80-bit long double, not the DPU's
                add(f"%l{conv}", ("double", v))
            else:
                add(f"%l{conv}|%L{conv}", ("double", v), ("long double", v))
    # %g around powers of ten, where rounding moves the value into the next decade (and
    # glibc's %#g drops the fraction digits: see _glibc_alt_g).
    for k in range(-6, 9):
        for m in (0.95, 0.995, 0.9999995, 0.99999995, 1.0000005, 0.949):
            for f in ("%g", "%#g", "%.1g", "%#.1g", "%.2g", "%#.2g", "%#.3g", "%.7g", "%#.7g",
                      "%#.0g", "%+#12.3G"):
                add(f, ("double", m * 10.0**k))
    # Rounding halfway cases and the classic binary ones.
    for v, p in ((0.5, 0), (1.5, 0), (2.5, 0), (3.5, 0), (-2.5, 0), (0.125, 2), (0.375, 2),
                 (1.005, 2), (2.675, 2), (1.0000000000000002, 16), (0.1, 25), (1e23, 0),
                 (9.995, 2), (5e-324, 1074), (5e-324, 760)):
        for conv in "fe":
            add(f"%.{p}{conv}", ("double", v))

    # Characters, strings, pointers.
    for flags in ("", "-", "0", "+", " ", "#"):
        for width in ("", "1", "5", "*"):
            for v in CHARS:
                add(f"[%{flags}{width}c]", *stars(width, ""), ("int", v))
            for prec in ("", ".0", ".2", ".5", ".6", ".*"):
                for v in STRINGS:
                    add(f"[%{flags}{width}{prec}s]", *stars(width, prec), ("str", v))
                for v in POINTERS:
                    add(f"[%{flags}{width}{prec}p]", *stars(width, prec), ("ptr", v))
    for length in ("hh", "h", "l"):
        add(f"[%{length}c|%5{length}c]", ("int", 65), ("int", 66))
    add("[%C|%-3C]", ("int", 67), ("int", 68))

    # %%, %n, unknown and malformed directives (glibc prints unknown ones back).
    for f in ("%%", "%5%", "%-5%", "%*%", "%.3%", "100%% sure"):
        add(f, *([("int", 4)] if "*" in f else []))
    add("ab%ncd", ("intp", 0x100))
    add("[%d%hhn|%s%ln]", ("int", 12), ("intp", 0x100), ("str", b"xyz"), ("intp", 0x104))
    for f in ("%y", "%5y", "%-5.3ly", "%#'+-0I7.3y", "%k", "%hhhd", "%llld", "%.-5d",
              "%5.3.2d", "%lhd", "%0y", "% +y", "%+ y", "%-0y", "%0-y", "%Ly", "%w|%d"):
        add(f, *([("int", 5)] if "%d" in f else []))
    add("[%*y|%d]", ("int", 7), ("int", 42))
    add("[%0*y|%d]", ("int", -7), ("int", 42))
    add("[%.*y|%d]", ("int", -1), ("int", 5))
    add("[%.*y|%d]", ("int", 9), ("int", 5))

    # Huge widths and precisions.
    add("%300d", ("int", -5))
    add("%-3000s|", ("str", b"x"))
    add("%*d|", ("int", 100000), ("int", 1))
    add("%*d|", ("int", -100000), ("int", 1))
    add("%.500d", ("int", 3))
    add("%#.700x", ("unsigned", 0xABC))
    add("%1000.500f", ("double", 1e-10))
    add("%.300e", ("double", 5e-324))
    add("%.*f", ("int", 20000), ("double", 1e300))
    add("%.1000g", ("double", 1 / 3))
    add("%#.1000g", ("double", 0.5))
    add("%.60a", ("double", 0.1))
    add("%0500a", ("double", -1.5))

    # Several arguments of mixed sizes (8-byte values at odd word positions).
    add("%d %lld %c %f %s %x %p %e %u %.3s|", ("int", -1), ("long long", 2**40),
        ("int", 65), ("double", 2.5), ("str", b"hey"), ("unsigned", 255), ("ptr", 0x10),
        ("double", -1e-300), ("unsigned", 7), ("str", b"abcdef"))
    add("%c%lld%s%g%d", ("int", 120), ("long long", -2**63), ("str", b"ab"),
        ("double", 1e-5), ("int", 9))
    add("%s%s%s%f", ("str", b"a"), ("str", None), ("str", b"abcd"), ("double", 0.25))
    return cases


# ----------------------------------------------------------------------------- the C program


def c_string(b: bytes) -> str:
    out = []
    for ch in b:
        if 32 <= ch < 127 and chr(ch) not in '"\\?':
            out.append(chr(ch))
        else:
            out.append(f"\\{ch:03o}")
    return '"' + "".join(out) + '"'


def c_double(v: float) -> str:
    if math.isnan(v):
        return "-__builtin_nan(\"\")" if math.copysign(1, v) < 0 else "__builtin_nan(\"\")"
    if math.isinf(v):
        return "-__builtin_inf()" if v < 0 else "__builtin_inf()"
    return v.hex()


def c_arg(ctype: str, v) -> str:
    if ctype == "double":
        return f"(double)({c_double(v)})"
    if ctype == "long double":
        return f"(long double)({c_double(v)})"
    if ctype == "str":
        return "(char *)0" if v is None else c_string(v)
    if ctype == "ptr":
        return f"(void *)(uintptr_t){v}u"
    if ctype == "intp":
        return "&sink"
    if ctype == "ssize32":
        return f"(ssize_t)(int)({v}LL)"
    if ctype == "size32":
        return f"(size_t)(unsigned)({v}LL)"
    lit = f"{v}ULL" if v >= 2**63 else f"({v}LL)" if v > -2**63 else "(-9223372036854775807LL-1)"
    return f"({ctype}){lit}"


def python_value(ctype: str, v):
    if ctype in ("double", "long double"):
        return float(v)
    return v


C_PRELUDE = r"""
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
static char buf[1 << 21];
static long long sink;
static void out(int n) {
    printf("%d:", n);
    if (n > 0) fwrite(buf, 1, (size_t)n, stdout);
    putchar('\n');
}
"""


@pytest.fixture(scope="module")
def glibc_outputs(tmp_path_factory) -> tuple[list, list[bytes]]:
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.fail("the printf differential tests need gcc (and the host C library) on PATH; "
                    "install gcc (CI has it)")
    cases = build_cases()
    lines = [C_PRELUDE]
    chunk = 400
    for k in range(0, len(cases), chunk):
        lines.append(f"static void part{k // chunk}(void) {{")
        for fmt, args in cases[k:k + chunk]:
            call = ", ".join(["buf", "sizeof buf", c_string(fmt)] +
                             [c_arg(t, v) for t, v in args])
            lines.append(f"    out(snprintf({call}));")
        lines.append("}")
    lines.append("int main(void) {")
    lines += [f"    part{k}();" for k in range((len(cases) + chunk - 1) // chunk)]
    lines.append("    return 0;\n}\n")
    d = tmp_path_factory.mktemp("printf")
    src, exe = d / "table.c", d / "table"
    src.write_text("\n".join(lines))
    cc = subprocess.run([gcc, "-O0", "-w", "-fno-builtin", "-o", str(exe), str(src)],
                        capture_output=True, text=True, check=False)
    assert cc.returncode == 0, f"gcc failed:\n{cc.stderr[:3000]}"
    raw = subprocess.run([str(exe)], capture_output=True, check=True).stdout
    outputs = []
    pos = 0
    while pos < len(raw):
        colon = raw.index(b":", pos)
        n = int(raw[pos:colon])
        outputs.append(raw[colon + 1:colon + 1 + max(n, 0)])
        pos = colon + 1 + max(n, 0) + 1
    assert len(outputs) == len(cases)
    return cases, outputs


def compare(cases, outputs, select) -> int:
    bad = []
    count = 0
    for (fmt, args), expected in zip(cases, outputs):
        if not select(fmt):
            continue
        count += 1
        got = sprintf(fmt, *[python_value(t, v) for t, v in args])
        if got != expected:
            bad.append(f"{fmt!r} {args!r}:\n   glibc {expected[:200]!r}\n   ours  {got[:200]!r}")
    assert not bad, f"{len(bad)} of {count} differ:\n" + "\n".join(bad[:25])
    return count


def conversion_of(fmt: bytes) -> str:
    # The conversion letter of the case's first directive (what the case is about).
    i = fmt.index(b"%") + 1
    while fmt[i:i + 1] and fmt[i:i + 1] in b"-+ #0'I123456789.*hlLqjzZt":
        i += 1
    return chr(fmt[i]) if i < len(fmt) else ""


def test_integers_match_glibc(glibc_outputs):
    n = compare(*glibc_outputs, lambda f: conversion_of(f) in "diuoxXbB")
    assert n > 2000


def test_floating_point_matches_glibc(glibc_outputs):
    n = compare(*glibc_outputs, lambda f: conversion_of(f) in "fFeEgGaA")
    assert n > 3000


def test_chars_strings_pointers_and_the_rest_match_glibc(glibc_outputs):
    n = compare(*glibc_outputs, lambda f: conversion_of(f) not in "diuoxXbBfFeEgGaA")
    assert n > 800


# ----------------------------------------------------------------------------- formats the
# host C library does not print the DPU's way


def test_dpu_choices_where_glibc_differs():
    # %lc above 127: UTF-8 (glibc in the C locale fails with EILSEQ).
    assert sprintf(b"%lc|%C", 0xE9, 0x20AC) == "é|€".encode()
    # %ls is not supported: its pointer is consumed, the directive printed back.
    assert sprintf(b"[%5ls|%S|%d]", 0x100, 0x100, 3) == b"[%5ls|%S|3]"
    # %m and positional arguments are not supported: printed back like unknown directives.
    assert sprintf(b"%m|%1$d") == b"%m|%1$d"
    # A format ending inside a directive prints nothing for it; '*' values met are consumed.
    assert sprintf(b"ab%") == b"ab"
    assert sprintf(b"ab%-5l") == b"ab"
    assert sprintf(b"ab%*", 3) == b"ab"
    # %n stores nothing and prints nothing.
    assert sprintf(b"a%nb%hhnc", 0x40, 0x40) == b"abc"
    # Integer sizes: %zd, %td are 32-bit, %ld, %jd 64-bit; %Lf is a 64-bit double.
    assert sprintf(b"%zd %zu %td %ld %jd %Lf", -1, -1, 2**31, 2**40, -2**40, 0.5) == \
        b"-1 4294967295 -2147483648 1099511627776 -1099511627776 0.500000"
    # A NaN's sign is printed.
    assert sprintf(b"%f %F", struct.unpack("<d", b"\1\0\0\0\0\0\xf8\xff")[0], math.nan) == \
        b"-nan NAN"


# ----------------------------------------------------------------------------- the records


def test_record_layout_is_the_documented_one():
    # docs/log-format.md's examples: printf("%s=%lld\n", "x", 5LL), format at WRAM 0x100,
    # "x" at 0x110 (pack_args writes 1 as a string's pointer: only NULL or not matters).
    rec = encode_record(b"%s=%lld\n", [b"x", 5], 0x100)
    assert rec[8:12] == b"\1\0\0\0"
    assert rec[:8] + (0x110).to_bytes(4, "little") + rec[12:] == bytes.fromhex(
        "18000000 00010000 10010000 78000000 05000000 00000000")
    rec = encode_record(b"%d|%.2f|%c\n", [-1, 0.5, ord("A")], 0x120)
    assert rec == bytes.fromhex("1c000000 20010000 ffffffff 00000000 00000000 0000e03f"
                                "41000000 00000000")
    # 8-byte values are 8-aligned in the record; strings padded to 4; the size is exact
    # and the record padded to 8.
    rec = encode_record(b"%d%f", [1, 1.0], 0x200)
    assert rec[:8] == (24).to_bytes(4, "little") + (0x200).to_bytes(4, "little")
    assert rec[8:12] == b"\1\0\0\0" and rec[16:24] == struct.pack("<d", 1.0)
    rec = encode_record(b"%c", [65], 0x200)
    assert len(rec) == 16 and rec[:4] == (12).to_bytes(4, "little")
    # Inline format: word 0x80000000, the format NUL-terminated and padded to 4.
    rec = encode_record(b"%u!", [7])
    assert rec[4:8] == INLINE_FORMAT.to_bytes(4, "little")
    assert rec[8:12] == b"%u!\0" and rec[12:16] == b"\7\0\0\0"


def wram_with(*strings: bytes, size: int = 4096) -> tuple[bytes, list[int]]:
    wram = bytearray(size)
    addrs = []
    pos = 8
    for s in strings:
        wram[pos:pos + len(s) + 1] = s + b"\0"
        addrs.append(pos)
        pos += len(s) + 1
    return bytes(wram), addrs


def test_decode_log_formats_records_in_order():
    wram, (a, b, c) = wram_with(b"x=%d %s|%5.2f|%llx\n", b"%s\n", b"%c")
    log = (encode_record(b"x=%d %s|%5.2f|%llx\n", [-42, b"hi", 3.14159, 0x123456789abcdef0], a)
           + encode_record(b"%s\n", [b"puts line"], b)
           + encode_record(b"%c", [ord("!")], c)
           + encode_record(b"inline %s %d\n", [None, 3]))
    assert decode_log(log, wram) == (b"x=-42 hi| 3.14|123456789abcdef0\nputs line\n!"
                                     b"inline (null) 3\n")
    assert decode_log(b"", wram) == b""


@pytest.mark.parametrize("mutate, message", [
    (lambda r: r[:4], "truncated header"),
    (lambda r: (4).to_bytes(4, "little") + r[4:], "bad size 4"),
    (lambda r: (14).to_bytes(4, "little") + r[4:], "bad size 14"),
    (lambda r: (400).to_bytes(4, "little") + r[4:], "passes the end of the log"),
    (lambda r: r[:4] + (5000).to_bytes(4, "little") + r[8:], "outside WRAM"),
    (lambda r: r[:4] + (0x80000008).to_bytes(4, "little") + r[8:], "bad format word"),
    (lambda r: (12).to_bytes(4, "little") + r[4:], "record too short"),
    (lambda r: (24).to_bytes(4, "little") + r[4:] + bytes(8), "left over"),
])
def test_corrupt_records_raise_log_error(mutate, message):
    wram, (a,) = wram_with(b"%d%d")
    good = encode_record(b"hello\n") + encode_record(b"%d%d", [1, 2], a)
    assert decode_log(good, wram) == b"hello\n12"
    bad = good[:16] + mutate(good[16:])
    with pytest.raises(LogError, match=message) as exc:
        decode_log(bad, wram)
    assert exc.value.partial == b"hello\n"


def test_strings_without_nul_and_huge_star_widths_are_refused():
    wram, (a, b) = wram_with(b"%s", b"%*d")
    rec = bytearray(encode_record(b"%s", [b"abc"], a))
    rec[12:16] = b"abcd"  # the NUL overwritten: the string runs to the record's end
    with pytest.raises(LogError, match="no NUL"):
        decode_log(bytes(rec), wram)
    with pytest.raises(LogError, match="too large"):
        decode_log(encode_record(b"%*d", [2**31 - 1, 1], b), wram)
    with pytest.raises(LogError, match="too large"):
        decode_log(encode_record(b"%999999999d", [1]), wram)
    with pytest.raises(LogError, match="no NUL before WRAM ends"):
        decode_log(encode_record(b"x", [], 8), b"\0" * 8 + b"no nul")


FUZZ_FORMATS = [b"%d", b"%s|%lld|%f\n", b"%*.*e", b"%c%c%s", b"%p %#x %-5.3s", b"%%%n%a",
                b"plain", b"%y%5", b"%ls %lc %hhd", b"%s%s%s%s%g"]


def fuzz_wram() -> tuple[bytes, list[int]]:
    return wram_with(*FUZZ_FORMATS)


def value_for(kind: str, draw):
    if kind == "string":
        return draw(st.one_of(st.none(), st.binary(max_size=12)))
    if kind == "double":
        return draw(st.floats(allow_nan=True, allow_infinity=True))
    return draw(st.integers(-2**63, 2**64 - 1))


@st.composite
def logs(draw):
    """A valid log, then mutated: bytes flipped, cut, inserted or shuffled."""
    from dpusim.log import iter_format
    wram, addrs = fuzz_wram()
    out = bytearray()
    for _ in range(draw(st.integers(0, 5))):
        i = draw(st.integers(0, len(FUZZ_FORMATS) - 1))
        fmt = FUZZ_FORMATS[i]
        values = []
        for piece in iter_format(fmt):
            if isinstance(piece, bytes):
                continue
            if piece.width == "*":
                values.append(draw(st.integers(-40, 40)))
            if piece.precision == "*":
                values.append(draw(st.integers(-40, 40)))
            if piece.kind not in ("percent", "unknown", "incomplete"):
                values.append(value_for(piece.kind, draw))
        inline = draw(st.booleans())
        out += encode_record(fmt, values, None if inline else addrs[i])
    for _ in range(draw(st.integers(0, 4))):
        if not out:
            break
        op = draw(st.sampled_from(["flip", "cut", "insert", "word"]))
        k = draw(st.integers(0, len(out) - 1))
        if op == "flip":
            out[k] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del out[k:k + draw(st.integers(1, 16))]
        elif op == "insert":
            out[k:k] = draw(st.binary(min_size=1, max_size=16))
        else:
            out[k & ~3:(k & ~3) + 4] = draw(st.integers(0, 2**32 - 1)).to_bytes(4, "little")
    return bytes(out), wram


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_fuzzed_logs_decode_or_raise_log_error(case):
    buffer, wram = case
    try:
        decode_log(buffer, wram)
    except LogError:
        pass


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=200), st.binary(max_size=300))
def test_random_bytes_decode_or_raise_log_error(buffer, wram):
    try:
        decode_log(buffer, wram)
    except LogError:
        pass


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=40), st.binary(max_size=64))
def test_random_formats_format_or_raise_log_error(fmt, args):
    try:
        format_printf(fmt, ArgReader(bytes(8) + args, 8))
    except LogError:
        pass


# ----------------------------------------------------------------------------- on the simulator


def double_words(x: float) -> tuple[int, int]:
    bits = struct.unpack("<Q", struct.pack("<d", x))[0]
    return bits >> 32, bits & 0xFFFFFFFF


def log_program(tail: str) -> str:
    """Builds record 1 by hand in a WRAM staging area (as a DPU printf would): the header, an
    int, a string copied byte by byte and padded, a double and a long long, each 8-byte value
    8-aligned. Record 2 (inline format) is laid out statically right after it. Then `tail`."""
    hi, lo = double_words(3.14159)
    return f"""
    .text
    .globl __bootstrap
__bootstrap:
    move r0, staging
    move r1, fmt1
    sw r0, 4, r1              // format word: the WRAM address of fmt1
    move r1, -42
    sw r0, 8, r1              // %d
    move r6, str_hi
    sw r0, 12, r6             // %s: the pointer word, then the bytes and their NUL
    add r7, r0, 16
1:  lbu r8, r6, 0
    sb r7, 0, r8
    add r6, r6, 1
    add r7, r7, 1
    jnz r8, 1b                // "hi\\0" ends at 19, padded to 20
    move r2, {hi}
    move r3, {lo}
    sd r0, 24, d2             // %5.2f: the double at 24 (8-aligned)
    move r4, 0x12345678
    move r5, 0x9abcdef0
    sd r0, 32, d4             // %llx
    move r1, 40
    sw r0, 0, r1              // the record's size, written last
{tail}
    .section .rodata
fmt1: .asciz "x=%d %s|%5.2f|%llx\\n"
str_hi: .asciz "hi"
    .data
    .p2align 3
staging: .zero 40
rec2:
    .long 40, 0x80000000      // size, inline format
    .asciz "[%-6s|%c|%+.3d|%%]\\n"  // 20 bytes with the NUL
    .long 0                   // %s of NULL: the pointer word only
    .long 90                  // %c 'Z'
    .long 7                   // %+.3d
    .globl __stdout_buffer_state
    .p2align 2
__stdout_buffer_state: .long 0
    .size __stdout_buffer_state, 4
    .section .mram.noinit,"aw",@nobits
    .p2align 3
    .globl __stdout_buffer
__stdout_buffer: .zero 1048576
    .size __stdout_buffer, 1048576
"""


def build(text: str):
    obj = elf.write_elf(assemble(text, "log.s"))
    return load_program(elf.write_elf(link([("log.o", obj)]).elf), "log")


def test_a_log_written_by_a_dpu_program_reads_back():
    # Both records (40 bytes each) are DMAed to the buffer in one go, then the state says 80
    # bytes are used.
    prog = build(log_program("""
    move r1, __stdout_buffer
    sdma r0, r1, 9            // (9 + 1) * 8 = 80 bytes: staging and rec2 are contiguous
    move r1, 80
    sw zero, __stdout_buffer_state, r1
    stop
"""))
    sim = Simulator(nr_dpus=2)
    sim.load(prog)
    sim.launch()
    expected = "x=-42 hi| 3.14|123456789abcdef0\n[(null)|Z|+007|%]\n"
    assert read_log(sim, 0) == expected
    assert read_log(sim, 1) == expected
    assert read_log_bytes(sim, 0) == expected.encode()


def test_after_an_overflow_fault_the_complete_records_remain():
    # Record 1 is committed (state = 40); record 2 is written but the DPU faults (code 5)
    # before committing it, as printf does when the buffer is full.
    prog = build(log_program("""
    move r1, __stdout_buffer
    sdma r0, r1, 9
    move r1, 40
    sw zero, __stdout_buffer_state, r1
    fault 5
"""))
    sim = Simulator()
    sim.load(prog)
    with pytest.raises(DpuFault) as exc:
        sim.launch()
    assert exc.value.code == 5 and "printf buffer overflow" in str(exc.value)
    assert read_log(sim, 0) == "x=-42 hi| 3.14|123456789abcdef0\n"


def test_programs_without_a_log_and_bad_states():
    sim = Simulator()
    sim.load(build(".text\n.globl __bootstrap\n__bootstrap: stop\n"))
    sim.launch()
    assert read_log(sim, 0) == ""
    sim = Simulator()
    sim.load(build(log_program("    stop\n")))
    sim.launch()
    assert read_log(sim, 0) == ""  # nothing committed
    sim.write(0, "__stdout_buffer_state", (12).to_bytes(4, "little"))
    with pytest.raises(LogError, match="not a multiple of 8"):
        read_log(sim, 0)
    sim.write(0, "__stdout_buffer_state", (2 << 20).to_bytes(4, "little"))
    with pytest.raises(LogError, match="within the 1048576 bytes"):
        read_log(sim, 0)
