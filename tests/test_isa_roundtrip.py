"""Every form of the ISA table: assemble → disassemble → assemble gives identical bytes, the
decoded operands are the ones written, and values outside a field's range are rejected."""

from __future__ import annotations

import re

import pytest

from dpucore import isa
from dpuasm.assembler import assemble
from dpucore.diag import DiagnosticError


def _text_of(op: isa.Operand, value: int) -> str:
    if op.kind == "endian":
        return "!big" if value else "!little"
    return isa.format_operand(op, value)


def _variants(form: isa.Form) -> list[tuple[int, ...]]:
    """Representative and boundary values: all-lowest, all-highest, a middle one, and enough
    rows to use every condition of the form's class."""
    conds = form.cond.conditions if form.cond else ()
    rows = []
    for k in range(max(3, len(conds))):
        row = []
        for op in form.operands:
            if op.kind == "zero":
                row.append(0)
            elif op.kind == "cond":
                row.append(isa.CONDITION_CODES[conds[k % len(conds)]])
            elif op.kind == "dreg":
                row.append([op.lo, op.hi, 14][k % 3])
            elif op.kind == "endian":
                row.append(k % 2)
            else:
                mid = (op.lo + op.hi) // 2 if op.kind != "expr" else (1 if op.hi > 0 else 0)
                if op.kind == "expr" and op.lo < 0:
                    mid = -1
                row.append([op.lo, op.hi, mid][k % 3])
        rows.append(tuple(row))
    return rows


def _line(form: isa.Form, values: tuple[int, ...]) -> str:
    texts = [_text_of(op, v) for op, v in zip(form.operands, values)]
    return form.mnemonic + (" " + ", ".join(texts) if texts else "")


def _words(obj) -> list[int]:
    data = obj.section(".text").data
    return [int.from_bytes(data[i:i + 8], "little") for i in range(0, len(data), 8)]


def _overlapping(form: isa.Form) -> bool:
    """Forms whose text another (more specific) form of the mnemonic also accepts."""
    return any("k" in f.letters for f in isa.FORMS_BY_MNEMONIC[form.mnemonic]) and "k" not in \
        form.letters


def _canonical(form: isa.Form, values: tuple[int, ...]) -> tuple[int, ...]:
    """Values as the decoder returns them: fields that accept both readings decode signed."""
    out = []
    for op, v in zip(form.operands, values):
        if op.kind == "expr" and op.signed and v >= 1 << (op.width - 1):
            v -= 1 << op.width
        out.append(v)
    return tuple(out)


CASES = [(form, values) for form in isa.FORMS for values in _variants(form)]


def test_table_has_every_form():
    assert len(isa.FORMS) == 970
    assert len({f.opcode for f in isa.FORMS}) == 970
    assert all(f.bits <= 64 for f in isa.FORMS)
    assert 0 not in {f.opcode for f in isa.FORMS}  # an all-zero slot is invalid


def test_every_form_round_trips_in_one_file():
    source = ".text\n" + "\n".join(_line(f, v) for f, v in CASES) + "\n"
    words = _words(assemble(source, "all.s"))
    assert len(words) == len(CASES)
    for word, (form, values) in zip(words, CASES):
        got_form, got_values = isa.decode(word)
        if not _overlapping(form) or got_form is form:
            assert (got_form.id, got_values) == (form.id, _canonical(form, values)), \
                    _line(form, values)
    # Disassemble every word and assemble the text again: identical bytes.
    again = ".text\n" + "\n".join(isa.disassemble_word(w) for w in words) + "\n"
    assert _words(assemble(again, "again.s")) == words


@pytest.mark.parametrize("form", isa.FORMS, ids=lambda f: f.id)
def test_out_of_range_values_are_rejected(form):
    base = _variants(form)[0]
    for i, op in enumerate(form.operands):
        if op.kind != "expr":
            continue
        for bad in (op.lo - 1, op.hi + 1):
            values = list(base)
            values[i] = bad
            text = ".text\n" + ", ".join([_line(form, tuple(values))]) + "\n"
            with pytest.raises(DiagnosticError) as exc:
                assemble(text, "bad.s")
            message = str(exc.value)
            assert f"expected {op.lo}..{op.hi}" in message, message
            assert "bad.s:2:" in message


def test_encoding_is_explicit_about_each_field():
    form = isa.FORM_BY_ID["add_rrici"]
    word = isa.encode(form, [1, 2, -5, isa.CONDITION_CODES["nz"], 100])
    assert isa.decode(word) == (form, (1, 2, -5, isa.CONDITION_CODES["nz"], 100))
    with pytest.raises(isa.EncodingError, match=r"expected -128\.\.127"):
        isa.encode(form, [1, 2, 128, isa.CONDITION_CODES["nz"], 100])
    with pytest.raises(isa.EncodingError, match="not allowed"):
        isa.encode(form, [1, 2, 0, isa.CONDITION_CODES["ltu"], 0])


def test_decoder_rejects_garbage():
    with pytest.raises(isa.DecodingError):
        isa.decode(0)
    with pytest.raises(isa.DecodingError):
        isa.decode(1023)
    nop = isa.encode(isa.FORM_BY_ID["nop_"], [])
    with pytest.raises(isa.DecodingError, match="unused bits"):
        isa.decode(nop | (1 << 63))


def test_condition_classes_match_the_isa_document():
    assert isa.CONDITION_CLASSES["acquire_cc"] == ("true", "z", "nz")
    assert "nc14" in isa.CONDITION_CLASSES["add_nz_cc"]
    assert set(isa.CONDITION_CLASSES["shift_nz_cc"]) == set(
        isa.CONDITION_CLASSES["log_nz_cc"]) | {"e", "o", "se", "so", "sh32", "nsh32"}
    for form in isa.FORMS:
        if form.cond:
            assert form.cond.cond_class in isa.CONDITION_CLASSES


def test_every_form_has_a_category():
    cats = {f.category for f in isa.FORMS}
    assert {"arith", "logic", "load", "store", "dma", "mul8", "step", "call"} <= cats


@pytest.mark.parametrize("sugar,expected", [
    ("move r0, 5", "or r0, zero, 5"),
    ("move r0, r1", "or r0, r1, 0"),
    ("move r0, 1, nz, 0", "or r0, zero, 1, nz, 0"),
    ("move.s d0, -1", "or.s d0, zero, -1"),
    ("move.u d2, r3", "or.u d2, r3, 0"),
    ("neg r1, r2", "sub r1, 0, r2"),
    ("not r1, r2", "xor r1, r2, -1"),
    ("jeq r1, r2, 7", "sub zero, r1, r2, eq, 7"),
    ("jltu r1, 10, 7", "sub zero, r1, 10, ltu, 7"),
    ("jges r1, -3, 7", "sub zero, r1, -3, ges, 7"),
    ("jz r4, 3", "sub zero, r4, 0, z, 3"),
    ("jnz r4, 3", "sub zero, r4, 0, nz, 3"),
    ("jump 12", "call zero, zero, 12"),
    ("jump r23", "call zero, r23, 0"),
    ("jump r5, 4", "call zero, r5, 4"),
    ("call r23, 40", "call r23, zero, 40"),
    ("call r23, r2", "call r23, r2, 0"),
    ("bkp", "fault 0"),
    ("stop", "stop false, 0"),
    ("boot r1, 2", "boot r1, 2, false, 0"),
    ("resume r1, 2", "resume r1, 2, false, 0"),
    ("div_step d0, r2, d0, 3", "div_step d0, r2, d0, 3, false, 0"),
    ("mul_step d0, r2, d0, 3", "mul_step d0, r2, d0, 3, false, 0"),
    ("movd d0, d2", "movd d0, d2, false, 0"),
    ("swapd d0, d2", "swapd d0, d2, false, 0"),
    ("time_cfg r3", "time_cfg zero, r3"),
    ("lw r0, r1, 4", "lw r0, r1, 4"),
    ("lw !big, r0, r1, 4", "lw !big, r0, r1, 4"),
    ("sd r22, 8, d22", "sd r22, 8, d22"),
    ("ld d22, r22, -8", "ld d22, r22, -8"),
    ("add %r0, %r1, %r2", "add r0, r1, r2"),
    ("ADD R0, R1, 1, NZ, 0", "add r0, r1, 1, nz, 0"),
    ("lsl r0, r1, 3, nsz, 0", "lsl r0, r1, 3, snz, 0"),
    ("add r0, r1, 1, t, 0", "add r0, r1, 1, true, 0"),
    ("and.s d0, id, 5", "and.s d0, id, 5"),
])
def test_sugar_and_spellings(sugar, expected):
    got = _words(assemble(f".text\n{sugar}\n", "s.s"))
    want = _words(assemble(f".text\n{expected}\n", "e.s"))
    assert got == want
    assert isa.disassemble_word(got[0]) == expected


def test_rki_is_chosen_for_constant_registers():
    (word,) = _words(assemble(".text\nand.s d0, id, 5\n", "k.s"))
    assert isa.decode(word)[0].id == "and_s_rki"
    (word,) = _words(assemble(".text\nand.s d0, r3, 5\n", "k.s"))
    assert isa.decode(word)[0].id == "and_s_rri"


def test_form_ids_name_their_operand_letters():
    for form in isa.FORMS:
        assert form.id.startswith(form.mnemonic.replace(".", "_") + "_")
        assert re.fullmatch(r"[a-z]*", form.letters)
        assert len(form.letters) == len(form.operands)
