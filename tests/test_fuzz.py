"""Bad input never gives a Python traceback.

Property tests with Hypothesis:

* the assembler, fed "token soups" (random sequences of real mnemonics, registers, conditions,
  directives, numbers, symbols, labels, punctuation, strings, comments and odd characters),
  structured statement soups and raw text, either returns an object that serialises and reads
  back, or raises a :class:`DiagnosticError` whose every diagnostic renders and points at a line
  of the input;
* the ELF reader, fed corrupted objects and executables (flipped bytes, overwritten header
  fields, truncations, splices) and random bytes, raises only :class:`ElfError`; when it accepts
  a corrupted file, ``objdump`` of that file does not fail either.

The settings are derandomized, so CI runs the same examples every time; every crash found by
longer random campaigns is pinned below with ``@example``.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dpucore import elf, isa
from dpucore.diag import DiagnosticError
from dpucore.elf import ElfError, read_elf, write_elf
from dpuasm.assembler import assemble
from dpuasm.lexer import strip_block_comments
from dpuasm.linker import link
from dpuasm.objdump import Options, objdump

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ------------------------------------------------------------------------------ the assembler

_REGISTERS = ([f"r{i}" for i in (0, 1, 7, 22, 23, 24)] + ["d0", "d2", "d22", "d1", "d24"]
              + ["s0", "s5", "s23", "s24"] + list(isa.CONSTANT_REGISTERS)
              + ["%r3", "%zero", "%d4", "R0", "ZERO"])
_CONDITIONS = list(isa.CONDITIONS) + ["t", "nsz", "TRUE", "Z"]
_DIRECTIVES = [
    ".text", ".data", ".bss", ".rodata", ".section", ".pushsection", ".popsection", ".previous",
    ".long", ".byte", ".short", ".quad", ".word", ".set", ".equ", ".p2align", ".balign",
    ".align", ".zero", ".space", ".fill", ".ascii", ".asciz", ".string", ".loc", ".file",
    ".globl", ".weak", ".local", ".size", ".type", ".comm", ".lcomm", ".cfi_startproc", ".ident",
    ".frob",
]
_SECTION_WORDS = [".text.f", ".data.x", ".bss.y", ".mram", ".mram.noinit", ".atomic",
                  ".rodata.str", ".debug_info", ".stack", ".dpu_host", ".symtab", ".rela.text",
                  '"ax"', '"aw"', '"a"', '"q"', "@progbits", "@nobits", "%nobits", "@function",
                  "@object", "%function", "@bogus", "!little", "!big"]
_SYMBOLS = ["foo", "bar", "_start", "__bootstrap", ".Lx", ".L1", "x", ".", "$y", "a.b", "main"]
_PUNCTUATION = list(", : ( ) + - * / % << >> & | ^ ~ ! = ; @ == != <= >= && || < >".split()) \
    + ['"', "'", "#", "\\", "{", "}", "[", "]", "?", "`"]
_ODD = ["é", "²", "①", "٣", "𝟘", "\u2028", "\ufeff", "\x00", "\x1b", "\x7f", "\x0b", "\x0c",
        "\r", "\u00a0", "€", "\U0001f600"]
_NUMBER_VALUES = st.one_of(
    st.integers(-300, 300),
    st.sampled_from([2**7, 2**8, 2**15, 2**16, 2**23, 2**24, 2**27, 2**31, 2**32, 2**63, 2**64,
                     2**31 - 1, 2**32 - 1, 2**64 - 1]),
    st.integers(-(2**70), 2**70),
)
_NUMBERS = st.one_of(
    _NUMBER_VALUES.map(str),
    _NUMBER_VALUES.map(lambda n: ("-" if n < 0 else "") + hex(abs(n))),
    st.integers(0, 2**40).map(lambda n: "0" + oct(n)[2:]),
    st.integers(0, 2**40).map(lambda n: bin(n)),
    st.integers(4000, 5000).map(lambda n: "9" * n),  # past int()'s limit on decimal digits
    st.integers(1, 3000).map(lambda n: "0x" + "f" * n),
    st.sampled_from(["0x", "0b", "0b2", "08", "0x_1", "1_000",
                     "1e5", "1.5", "0xg", "'a'", "'\\n'", "'\\x41'", "'ab'", "''", "'\\q'"]),
)
_STRINGS = st.one_of(
    st.text(max_size=12).map(lambda s: '"' + s.replace("\n", "").replace('"', "") + '"'),
    st.sampled_from(['"\\x"', '"\\777"', '"\\0"', '"unterminated', '"a\\"b"', '"\\q"', '"\\',
                     '"\\x41\\101\\n\\t"', '""', '"\\xffff"', '"a\\0b"']),
)
_LABELS = st.one_of(
    st.sampled_from(_SYMBOLS).map(lambda s: s + ":"),
    st.integers(0, 12).map(lambda n: f"{n}:"),
    st.integers(0, 12).map(lambda n: f"{n}b"),
    st.integers(0, 12).map(lambda n: f"{n}f"),
)
_COMMENTS = st.sampled_from(["//", "// c\n", "/*", "*/", "/* x */", "/* a\nb */", "#", "# 1",
                             '# 7 "x.c"', "#line 0", '# 3 "\\x"', "# 99999999999", "\n#\n"])
_TOKEN = st.one_of(
    st.sampled_from(sorted(isa.MNEMONICS)),
    st.sampled_from(_REGISTERS),
    st.sampled_from(_CONDITIONS),
    st.sampled_from(_DIRECTIVES),
    st.sampled_from(_SECTION_WORDS),
    st.sampled_from(_SYMBOLS),
    _NUMBERS,
    _LABELS,
    st.sampled_from(_PUNCTUATION),
    _STRINGS,
    _COMMENTS,
    st.sampled_from(_ODD),
    st.characters(),
)
_SEPARATOR = st.sampled_from([" ", " ", " ", ", ", "", "\t", "\n", "\n", ";"])

token_soups = st.lists(st.tuples(_TOKEN, _SEPARATOR), max_size=40).map(
    lambda pairs: "".join(t + s for t, s in pairs))


def _expression(depth: int = 3) -> st.SearchStrategy[str]:
    leaf = st.one_of(_NUMBERS, st.sampled_from(_SYMBOLS), st.sampled_from(_REGISTERS),
                     st.integers(0, 9).map(lambda n: f"{n}{'bf'[n % 2]}"))
    return st.recursive(leaf, lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from("+ - * / % << >> & | ^".split()), inner).map(" ".join),
        st.tuples(st.sampled_from("-~!+"), inner).map("".join),
        inner.map(lambda e: f"({e})"),
    ), max_leaves=depth * 3)


# Expressions deeper or longer than anything a compiler writes.
_DEEP = st.one_of(
    st.integers(1, 2500).map(lambda n: "+".join(["1"] * n)),
    st.integers(1, 400).map(lambda n: "(" * n + "1" + ")" * n),
    st.integers(1, 2500).map(lambda n: "-" * n + "1"),
    st.integers(1, 300).map(lambda n: "0xffffffff" + " * 0xffffffff" * n),
    st.integers(1, 300).map(lambda n: "1" + " << 64" * n),
)
_OPERAND = st.one_of(_expression(), st.sampled_from(_REGISTERS), st.sampled_from(_CONDITIONS),
                     st.sampled_from(_SECTION_WORDS), _STRINGS)
_FREE_STATEMENT = st.tuples(
    st.one_of(st.just(""), _LABELS.map(lambda s: s + " ")),
    st.one_of(st.sampled_from(sorted(isa.MNEMONICS)), st.sampled_from(_DIRECTIVES)),
    st.lists(_OPERAND, max_size=6).map(", ".join),
).map(lambda t: f"{t[0]}{t[1]} {t[2]}")
# Directives with the operands they expect, so that the values (not the syntax) are what varies.
_TEMPLATES = [
    ".comm {sym}, {num}", ".comm {sym}, {num}, {num}", ".lcomm {sym}, {num}, {num}",
    ".size {sym}, {expr}", ".size {sym}, {sym} - {sym}", ".long {expr}", ".quad {sym} + {num}",
    ".short {sym} - {num}", ".byte {expr}, {expr}", ".balign {num}", ".p2align {num}",
    ".align {num}, {num}", ".fill {num}, {num}, {num}", ".zero {num}", ".skip {num}, {num}",
    ".file {num} {str}", ".file {num} {str} {str}", ".file {str}", ".loc {num} {num} {num}",
    ".loc {num} {num}", ".set {sym}, {expr}", "{sym} = {expr}", ".equ {sym}, {sym} + {num}",
    ".section {sec}, {str}, {word}", ".section {sec}", ".pushsection {sec}", ".popsection",
    ".previous", ".type {sym}, {word}", ".globl {sym}", ".weak {sym}", ".ascii {str}",
    ".string {str}, {str}", "{label}", "{label} {ins} {operands}", "{ins} {operands}",
    "{ins} {reg}, {reg}, {expr}", "{ins} {reg}, {expr}",
    "{ins} {reg}, {reg}, {expr}, {cond}, {expr}",
    "call r23, {sym} + {num}", "move r0, {sym} + {num}", "jump {expr}", ".long {deep}",
]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_FILLERS = {
    "sym": st.sampled_from(_SYMBOLS), "num": _NUMBERS, "expr": _expression(),
    "str": _STRINGS, "sec": st.sampled_from(_SECTION_WORDS + [".data", ".text", ".bss"]),
    "word": st.sampled_from(_SECTION_WORDS), "label": _LABELS,
    "ins": st.sampled_from(sorted(isa.MNEMONICS)), "reg": st.sampled_from(_REGISTERS),
    "cond": st.sampled_from(_CONDITIONS), "deep": _DEEP,
    "operands": st.lists(_OPERAND, max_size=5).map(", ".join),
}


@st.composite
def _templated_statement(draw) -> str:
    template = draw(st.sampled_from(_TEMPLATES))
    return _PLACEHOLDER.sub(lambda m: draw(_FILLERS[m.group(1)]), template)


_PRELUDE = st.sampled_from(["", ".text\n", ".data\n", ".bss\n", ".section .mram\n",
                            '.file 1 "a.c"\n.text\n', '.section .atomic,"aw",@nobits\n'])
statement_soups = st.tuples(
    _PRELUDE, st.lists(st.one_of(_templated_statement(), _FREE_STATEMENT), max_size=12),
).map(lambda t: t[0] + "\n".join(t[1]) + "\n")

_MARKER = re.compile(r"^\s*#\s*(?:line\s+)?\d", re.M)


def check_assembler(text: str, debug: bool = False) -> None:
    """``assemble`` gives a readable object or diagnostics that point into the input."""
    try:
        obj = assemble(text, "fuzz.s", debug=debug)
    except DiagnosticError as err:
        assert err.diagnostics
        assert str(err)
        remapped = _MARKER.search(strip_block_comments(text)) is not None
        lines = text.count("\n") + 1
        for d in err.diagnostics:
            assert str(d)
            assert d.severity in ("error", "warning")
            assert isinstance(d.line, int)
            if remapped:  # a line marker renames the file and renumbers the lines
                assert d.line >= 0
            else:
                assert d.file == "fuzz.s"
                assert 1 <= d.line <= lines, (d.line, lines)
            assert d.col is None or d.col >= 1
        return
    data = write_elf(obj)
    back = read_elf(data)
    assert [s.name for s in back.sections] == [s.name for s in obj.sections]


# Crashes found by fuzzing, kept as regressions.  The lexer: non-ASCII digits ('²'.isdigit()),
# decimals too long for int(), line markers with a huge line number or a bad escape.
@settings(FUZZ, max_examples=1500)
@given(token_soups, st.booleans())
@example("²", False)
@example("9" * 5000, False)
@example('# 3 "\\x"\nnop\n', False)
@example("# " + "9" * 5000 + "\nnop\n", False)
def test_assembler_token_soup(text, debug):
    check_assembler(text, debug)


# Expressions nested or chained past Python's recursion limit, and intermediate values too wide
# to print; values that do not fit the ELF32 fields they end up in (symbol sizes, addends,
# alignments, section sizes); line-table file names the DWARF writer refuses; and `.set` chains
# whose evaluation was exponential.
@pytest.mark.slow
@settings(FUZZ, max_examples=1500)
@given(statement_soups, st.booleans())
@example(".data\n.long " + "(" * 400 + "1" + ")" * 400 + "\n", False)
@example(".data\n.long " + "-" * 2500 + "1\n", False)
@example(".data\n.long " + "+1" * 2500 + "\n", False)
@example("".join(f".set a{i + 1}, a{i} + 1\n" for i in range(1500)) + ".set a0, 1\n", False)
@example(".data\n.byte 1" + " << 64" * 300 + "\n", False)
@example("".join(f".set b{i + 1}, b{i} * b{i}\n" for i in range(9))
         + ".set b0, 0xffffffffffffffff\n.data\n.byte b9\n", False)
@example("".join(f".set c{i + 1}, c{i} + c{i} - c{i}\n" for i in range(40))
         + ".set c0, 1\n.data\n.long c40\n", False)
@example(".text\nf: nop\n.size f, -1\n", False)
@example(".data\nx: .long 1\n.size x, 0x100000000\n", False)
@example(".data\n.long foo + 0x100000000\n", False)
@example(".text\nmove r0, foo - 0x80000001\n", False)
@example(".comm x, -1\n", False)
@example(".comm x, 4, 0x100000000\n", False)
@example(".comm a, 0xffffffff, 1\n.comm b, 1, 1\n", False)
@example(".data\n.balign 0x100000000\n", False)
@example(".data\n.byte 1\n.balign 0x10000000000\n", False)
@example(".data\n.fill 0x8000000, 8\n", False)
@example('.file 1 ""\n.loc 1 1\n.text\nnop\n', True)
@example('.file 1 "d" "a\\0b"\n.loc 1 1\n.text\nnop\n', True)
@example('.text "\\0"\n', False)  # (no crash: a section name the ELF file truncated)
def test_assembler_statement_soup(text, debug):
    check_assembler(text, debug)


@settings(FUZZ, max_examples=500)
@given(st.text(), st.booleans())
def test_assembler_raw_text(text, debug):
    check_assembler(text, debug)


# ------------------------------------------------------------------------------ the ELF reader

_PROGRAMS = {
    "relocs.s": """
        .file 1 "/src" "k.c"
        .text
        .globl f, g
        .weak w
        .type f, @function
    f:  .loc 1 3 2
        move r0, ext + 4
        call r23, g
    1:  add r0, r0, 1, nz, 1b
        jump w
        lw r1, r2, table
        .loc 1 9
    .Lend:
        .size f, .Lend - f
        .section .rodata.k,"a",@progbits
    table: .long f, ext, 7, table + 2
        .quad big
        .byte 1, 2, 3
        .balign 4
        .data
    .globl big
    big: .string "abc"
        .short -1
        .bss
        .zero 16
        .comm buf, 32, 8
        .lcomm lbuf, 4
        .section .mram,"aw",@progbits
    m:  .long 42
        .section .atomic,"aw",@nobits
    lock: .zero 1
        .set k, 5
        .set alias, m + 4
        .text
    g:  acquire zero, lock, nz, .
        jump r23
    """,
    "boot.s": """
        .text
        .globl __bootstrap
    __bootstrap:
        move r0, value
        call r23, helper
        stop
    helper:
        lw r1, r0, 0
        sd r22, 0, d0
        jump r23
        .data
    value: .long helper, 3
        .section .dpu_host,"aw",@progbits
    host: .quad 0
        .bss
    zone: .zero 64
    """,
}


def _seeds() -> dict[str, bytes]:
    hello = (ROOT / "examples" / "hello.s").read_text()
    seeds = {
        "hello.o": write_elf(assemble(hello, "hello.s")),
        "hello-g.o": write_elf(assemble(hello, "hello.s", debug=True)),
    }
    for name, text in _PROGRAMS.items():
        seeds[name[:-2] + ".o"] = write_elf(assemble(text, name, debug=True))
    seeds["hello.elf"] = write_elf(link([("hello.o", seeds["hello-g.o"])]).elf)
    seeds["boot.elf"] = write_elf(link([("boot.o", seeds["boot.o"])]).elf)
    return seeds


SEEDS = _seeds()
_SEED_NAMES = sorted(SEEDS)
_OBJDUMP = Options(disassemble=True, headers=True, syms=True, relocs=True, source=True)
_OBJDUMP_ASM = Options(disassemble=True, source=True, no_addresses=True)


def check_reader(data: bytes) -> None:
    """``read_elf`` raises only ElfError; what it accepts, ``objdump`` lists."""
    try:
        read_elf(data)
    except ElfError:
        return
    try:
        objdump(data, "x.o", _OBJDUMP)
        objdump(data, "x.o", _OBJDUMP_ASM)
    except ElfError:
        pass


def _fields(data: bytes) -> list[tuple[int, str]]:
    """(offset, struct format) of every header field worth corrupting in a seed."""
    out = [(16, "<H"), (18, "<H"), (24, "<I"), (28, "<I"), (32, "<I"), (42, "<H"), (44, "<H"),
           (46, "<H"), (48, "<H"), (50, "<H"), (4, "<B"), (5, "<B")]
    shoff, shnum = struct.unpack_from("<I", data, 32)[0], struct.unpack_from("<H", data, 48)[0]
    for i in range(shnum):
        base = shoff + 40 * i
        out += [(base + 4 * k, "<I") for k in range(10)]
        typ, off, size, entsize = (struct.unpack_from("<I", data, base + 4 * k)[0]
                                   for k in (1, 4, 5, 9))
        if typ in (elf.SHT_SYMTAB, elf.SHT_RELA) and entsize:
            for e in range(min(size // entsize, 12)):  # symbol and relocation entries
                out += [(off + e * entsize + k, "<I") for k in range(0, entsize, 4)]
                if typ == elf.SHT_SYMTAB:
                    out += [(off + e * entsize + 12, "<B"), (off + e * entsize + 14, "<H")]
    return out


def _undefined_section_symbols(name: str) -> bytes:
    """A seed whose section symbols (which its relocations use) claim no section."""
    data = bytearray(SEEDS[name])
    shoff, shnum = struct.unpack_from("<I", data, 32)[0], struct.unpack_from("<H", data, 48)[0]
    for i in range(shnum):
        _, typ, _, _, off, size, *_ = struct.unpack_from("<10I", data, shoff + 40 * i)
        if typ == elf.SHT_SYMTAB:
            for at in range(off, off + size, 16):
                if data[at + 12] & 0xF == elf.STT_SECTION:
                    struct.pack_into("<H", data, at + 14, elf.SHN_UNDEF)
    return bytes(data)


_FIELDS = {name: _fields(data) for name, data in SEEDS.items()}
_INTERESTING = st.one_of(st.sampled_from([0, 1, 2, 3, 4, 8, 12, 16, 40, 0xFF, 0xFF00, 0xFFF1,
                                          0xFFF2, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF]),
                         st.integers(0, 0xFFFFFFFF), st.integers(0, 300))


@st.composite
def corrupted_files(draw) -> bytes:
    """A seed with a few bytes overwritten, header fields replaced, or spliced with another."""
    name = draw(st.sampled_from(_SEED_NAMES))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["byte", "field", "field", "splice", "truncate"]))
        if how == "byte":
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        elif how == "field":
            offset, fmt = draw(st.sampled_from(_FIELDS[name]))
            width = struct.calcsize(fmt)
            if offset + width <= len(data):
                value = draw(_INTERESTING) & ((1 << (8 * width)) - 1)
                struct.pack_into(fmt, data, offset, value)
        elif how == "splice":
            other = SEEDS[draw(st.sampled_from(_SEED_NAMES))]
            cut = draw(st.integers(0, len(data)))
            start = draw(st.integers(0, len(other)))
            data = data[:cut] + other[start:]
        else:
            data = data[:draw(st.integers(0, len(data)))]
        if len(data) < 52:
            break
    return bytes(data)


@settings(FUZZ, max_examples=2000)
@given(corrupted_files())
@example(_undefined_section_symbols("hello.o"))  # objdump named a section symbol's section
def test_reader_corrupted_files(data):
    check_reader(data)


@settings(FUZZ, max_examples=1000)
@given(st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=400).map(lambda b: b"\x7fELF\x01\x01\x01" + b),
    st.tuples(st.sampled_from([1, 2, 3]), st.binary(min_size=32, max_size=600)).map(
        lambda t: b"\x7fELF\x01\x01\x01\0" + bytes(8) + struct.pack("<HH", t[0], elf.EM_DPU)
        + t[1]),
))
def test_reader_random_bytes(data):
    check_reader(data)


@pytest.mark.parametrize("name", _SEED_NAMES)
def test_reader_every_truncation(name):
    data = SEEDS[name]
    check_reader(data)
    for n in range(len(data)):
        check_reader(data[:n])


@pytest.mark.parametrize("name", _SEED_NAMES)
def test_seeds_are_valid(name):
    check_reader(SEEDS[name])
    assert "Disassembly of section .text" in objdump(SEEDS[name], "x.o", _OBJDUMP)
