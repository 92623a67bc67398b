"""The assembler: directives, symbols, relocations, line information and its diagnostics."""

from __future__ import annotations

import pytest

from dpucore import dwarf, elf, isa
from dpucore.diag import DiagnosticError
from dpuasm.assembler import assemble


def _error(text: str, name: str = "t.s") -> str:
    with pytest.raises(DiagnosticError) as exc:
        assemble(text, name)
    return str(exc.value)


def _words(obj, section=".text"):
    data = obj.section(section).data
    return [isa.decode(int.from_bytes(data[i:i + 8], "little")) for i in range(0, len(data), 8)]


def _relocs(obj, section=".text"):
    return [(r.offset, elf.RELOC_NAMES[r.type], r.symbol.name, r.addend)
            for r in obj.section(section).relocations]


def test_labels_branches_and_dot():
    obj = assemble("""
        .text
    top: add r0, r0, 1
         jnz r0, top
         jump . + 2
         nop
    end: acquire r0, 0, nz, .
    """)
    assert _relocs(obj) == [(8, "R_DPU_PC", ".text", 0), (16, "R_DPU_OFF", ".text", 4),
                            (32, "R_DPU_PC", ".text", 4)]


def test_global_symbols_are_relocated_by_name():
    obj = assemble("""
        .text
        .globl f
        .type f, @function
    f:  call r23, g
        call r23, f
        jump r23
    .Lend:
        .size f, .Lend - f
    """)
    assert _relocs(obj) == [(0, "R_DPU_OFF", "g", 0), (8, "R_DPU_OFF", "f", 0)]
    f = obj.symbol("f")
    assert (f.bind, f.type, f.size) == (elf.STB_GLOBAL, elf.STT_FUNC, 24)  # 3 instructions
    g = obj.symbol("g")
    assert g.section is None and g.bind == elf.STB_GLOBAL


def test_data_directives_and_sections():
    obj = assemble("""
        .data
    a:  .byte 1, -1, 255
        .short 0x1234
        .p2align 2
        .long a + 1, 7
        .quad -2
        .ascii "ab"
        .asciz "c\\n"
        .zero 3
        .section .bss.buf,"aw",@nobits
        .p2align 3
    buf: .zero 100
        .section .mram,"aw",@progbits
    m:  .long 5
        .section .atomic,"aw",@nobits
    lock: .zero 1
    """)
    data = obj.section(".data")
    assert bytes(data.data[:5]) == b"\x01\xff\xff\x34\x12"
    assert bytes(data.data[8:12]) == b"\0\0\0\0"  # relocated: a + 1
    assert _relocs(obj, ".data") == [(8, "R_DPU_32", ".data", 1)]
    assert bytes(data.data[12:16]) == (7).to_bytes(4, "little")
    assert bytes(data.data[16:24]) == (-2 & (2**64 - 1)).to_bytes(8, "little")
    assert bytes(data.data[24:]) == b"abc\n\0\0\0\0"
    bss = obj.section(".bss.buf")
    assert (bss.type, bss.size, bss.align) == (elf.SHT_NOBITS, 100, 8)
    assert obj.section(".mram").flags & elf.SHF_ALLOC
    assert obj.section(".atomic").size == 1


def test_set_constants_and_numeric_labels():
    obj = assemble("""
        .set N, 4
        SIZE = N * 8 + (1 << 2)
        .text
    1:  add r0, r0, SIZE
        jnz r0, 1b
        jz r0, 1f
        nop
    1:  stop
    """)
    (f0, v0), (f1, v1), *_ = _words(obj)
    assert v0[2] == 36
    assert _relocs(obj) == [(8, "R_DPU_PC", ".text", 0), (16, "R_DPU_PC", ".text", 4)]
    n = obj.symbol("N")
    assert n.absolute and n.value == 4


def test_symbol_as_load_offset_is_an_absolute_wram_address():
    obj = assemble("""
        .data
    counter: .long 0
        .text
        lw r0, zero, counter
        sw zero, counter + 4, r1
    """)
    assert _relocs(obj) == [(0, "R_DPU_OFF", ".data", 0), (8, "R_DPU_OFF", ".data", 4)]


def test_compiler_noise_is_accepted():
    obj = assemble("""
        .file "x.c"
        .text
        .section .text.main,"ax",@progbits
        .globl main
        .p2align 3
        .type main,@function
    main:
        .cfi_startproc
        .cfi_def_cfa_offset 8
        move r0, 0
        jump r23
    .Lfunc_end0:
        .size main, .Lfunc_end0-main
        .cfi_endproc
        .ident "clang"
        .addrsig
        .section ".note.GNU-stack","",@progbits
    """)
    assert obj.symbol("main").size == 16
    assert obj.symbols[0].name == "x.c" and obj.symbols[0].type == elf.STT_FILE


def test_loc_directives_make_a_line_table():
    obj = assemble("""
        .file 1 "/src" "k.c"
        .text
        .loc 1 10 3
        move r0, 1
        move r0, 2
        .loc 1 12 5
        stop
    """)
    dl = obj.section(".debug_line")
    assert [elf.RELOC_NAMES[r.type] for r in dl.relocations] == ["R_DPU_ADDR32"]
    (table,) = dwarf.read_debug_line(bytes(dl.data))
    rows = [(r.address, r.file, r.line, r.column) for r in table.rows if not r.end_sequence]
    assert rows == [(0, "/src/k.c", 10, 3), (16, "/src/k.c", 12, 5)]


def test_g_records_the_assembly_source_lines():
    obj = assemble(".text\nnop\n\nnop\n", "dir/a.s", debug=True)
    (table,) = dwarf.read_debug_line(bytes(obj.section(".debug_line").data))
    assert [(r.address, r.line) for r in table.rows if not r.end_sequence] == [(0, 2), (8, 4)]


# ------------------------------------------------------------------------ diagnostics


def test_unknown_mnemonic_suggests_spellings():
    msg = _error(".text\n  moev r0, 1\n")
    assert "t.s:2:3: error: unknown instruction 'moev'; did you mean 'move'" in msg
    assert "\n   moev r0, 1\n   ^~~~" in msg


def test_wrong_operands_list_accepted_forms():
    msg = _error(".text\nlsl r0, r1\n")
    assert "invalid operands for 'lsl' (register, register)" in msg
    assert "lsl rc, ra, shift" in msg


def test_condition_outside_its_class_lists_allowed_ones():
    msg = _error(".text\nadd r0, r0, 1, ltu, 0\n")
    assert "t.s:2:16: error: condition 'ltu' is not allowed here (add_nz_cc of 'add')" in msg
    assert "expected one of: true z nz" in msg


def test_out_of_range_names_the_range():
    msg = _error(".text\nadd r0, r0, 300, nz, 0\n")
    assert "t.s:2:13: error: value 300 out of range for the imm of add_rrici: " \
           "expected -128..127" in msg
    msg = _error(".data\n.byte 256\n")
    assert "t.s:2:7: error: value 256 does not fit in 1 byte: expected -128..255" in msg


def test_undefined_local_labels():
    assert "undefined local label '1f'" in _error(".text\njz r0, 1f\n")
    assert "undefined local label '2b'" in _error(".text\njz r0, 2b\n")
    assert "undefined local label '.Lnowhere'" in _error(".text\njz r0, .Lnowhere\n")


def test_duplicate_labels_and_register_names():
    assert "symbol 'a' is already defined (first defined at t.s:2)" in \
        _error(".text\na: nop\na: nop\n")
    assert "'r3' is a register name" in _error(".text\nr3: nop\n")
    assert "register 'r1' where an expression is expected" in _error(".data\n.long r1\n")


def test_many_errors_are_reported_at_once():
    msg = _error(".text\nfoo\nbar\n.data\n.long 1 +\n")
    assert msg.count("error:") == 3


def test_misplaced_content():
    assert "data in an instruction section" in _error(".text\n.long 1\n")
    assert "instruction in a data section" in _error(".data\nnop\n")
    assert "unknown directive '.frob'" in _error(".frob 1\n")
    assert "missing terminating" in _error('.data\n.ascii "abc\n')


def test_line_markers_point_at_the_original_file():
    msg = _error('#line 40 "orig.S"\n.text\nbogus\n')
    assert msg.startswith("orig.S:41:1: error: unknown instruction 'bogus'")


def test_deterministic_output():
    text = open("examples/hello.s").read()
    a = elf.write_elf(assemble(text, "examples/hello.s", debug=True))
    b = elf.write_elf(assemble(text, "examples/hello.s", debug=True))
    assert a == b
