"""__builtin_<form_id>: one DPU instruction from C, for every row of forms.tsv."""

from __future__ import annotations

import pytest

from dpucore import elf, isa
from dpucore.diag import DiagnosticError
from dpucc.frontend import compile_c


def test_the_seed_builtins_write_their_first_argument(tool, tmp_path):
    (tmp_path / "b.c").write_text(r"""
        unsigned out[4];
        int main(void)
        {
            volatile unsigned a = 0x61626361, b = 0x61616161;
            int j;
            __builtin_cmpb4_rrr(j, a, b);      /* bytes equal: 1 per byte */
            out[0] = j;
            __builtin_cao_rr(j, j);            /* population count */
            out[1] = j;
            unsigned long long p;
            __builtin_lsl_add_s_rrri(p, 1, a, 4);   /* sign-extended 1 + (a << 4) */
            out[2] = (unsigned)(p >> 32);
            volatile unsigned k = 5;
            __builtin_add_rric(j, k, -5, "z");         /* set form: 1 when zero */
            out[3] = j;
            return 0;
        }
    """)
    r = tool("dpucc", "-O2", "-o", "b", "b.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = tool("dpucc", "-O2", "-S", "-o", "b.s", "b.c", cwd=tmp_path)
    asm = (tmp_path / "b.s").read_text()
    assert "cmpb4 " in asm and "cao " in asm and "lsl_add.s " in asm
    from dpusim.simulator import Simulator
    sim = Simulator()
    sim.load(str(tmp_path / "b"))
    sim.launch()
    out = sim.read(0, "out", 16)
    words = [int.from_bytes(out[i:i + 4], "little") for i in range(0, 16, 4)]
    a = 0x61626361
    assert words == [0x01000001, 2, 0xFFFFFFFF if (1 + (a << 4)) & 0x80000000 else 0, 1]


def _call(form: isa.Form) -> str:
    """A call of the form's builtin with operands in range: destination first, then the
    template's operands (no branch target)."""
    args = []
    for op in form.operands:
        if op.kind == "zero" or op.role == "pc":
            continue
        if op.role in ("rc", "sc"):
            args.insert(0, "r32")
        elif op.role == "dc":
            args.insert(0, "r64")
        elif op.kind == "dreg":
            args.append("x64")
        elif op.kind in ("reg", "sreg"):
            args.append("x32")
        elif op.kind == "kreg":
            args.append('"id4"')
        elif op.kind == "cond":
            args.append(f'"{op.conditions[-1]}"')
        elif op.kind == "endian":
            args.append('"!big"')
        else:
            args.append(str(max(op.lo, min(op.hi, 3))))
    call = f"__builtin_{form.id}({', '.join(args)})"
    return f"taken = {call};" if form.has_pc else f"{call};"


def test_every_row_of_the_table_is_a_builtin_that_becomes_its_form(tool, tmp_path):
    """All 970 forms: each builtin compiles to exactly its own form (decoded back from the
    object), branch and endianness forms included."""
    functions = "\n".join(f"void f_{form.id}(void) {{ {_call(form)} }}" for form in isa.FORMS)
    (tmp_path / "all.c").write_text(
        "unsigned r32, taken; unsigned long long r64;\n"
        "unsigned x32 = 5; unsigned long long x64 = 7;\n" + functions + "\n")
    r = tool("dpucc", "-O0", "-c", "-o", "all.o", "all.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()[:2000]
    obj = elf.read_elf((tmp_path / "all.o").read_bytes())
    missing = []
    for form in isa.FORMS:
        text = obj.section(f".text.f_{form.id}")
        words = [int.from_bytes(text.data[i:i + 8], "little") for i in range(0, text.size, 8)]
        if form.id not in {isa.decode(w)[0].id for w in words}:
            missing.append(form.id)
    assert not missing, f"{len(missing)} builtins did not become their form: {missing[:20]}"


def test_branch_forms_tell_whether_they_branched_and_endianness_is_honoured(tool, tmp_path):
    (tmp_path / "b.c").write_text(r"""
        unsigned out[7];
        int main(void)
        {
            volatile unsigned a = 5, b = 0xfffffffb;
            unsigned d, w = 0x11223344;
            out[0] = __builtin_add_rrrci(d, a, b, "z");   /* 5 + -5 = 0: taken */
            out[1] = d;
            out[2] = __builtin_add_rrrci(d, a, a, "z");   /* 10: not taken */
            out[3] = d;
            __builtin_lw_erri(d, "!big", &w, 0);
            out[4] = d;
            __builtin_sw_erir("!big", &w, 0, a);
            out[5] = w;
            out[6] = __builtin_sub_zrici(b, 3, "gtu") + 2 * __builtin_sub_zrici(a, 5, "neq");
            return 0;
        }
    """)
    from dpusim.simulator import Simulator
    for opt in ("-O0", "-O2"):
        r = tool("dpucc", opt, "-o", "b", "b.c", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        sim = Simulator()
        sim.load(str(tmp_path / "b"))
        sim.launch()
        out = sim.read(0, "out", 28)
        words = [int.from_bytes(out[i:i + 4], "little") for i in range(0, 28, 4)]
        assert words == [1, 0, 0, 10, 0x44332211, 0x05000000, 1], opt


def test_misuse_is_diagnosed():
    with pytest.raises(DiagnosticError, match="too few arguments to function '__builtin_cao_rr'"):
        compile_c("void f(int j) { __builtin_cao_rr(j); }", "f.c")
    with pytest.raises(DiagnosticError, match="must be a string literal"):
        compile_c("void f(int j) { __builtin_add_rric(j, j, 1, 3); }", "f.c")
    with pytest.raises(DiagnosticError, match="out of range"):
        compile_c("void f(int j) { __builtin_lsl_rri(j, j, 40); }", "f.c")
    with pytest.raises(DiagnosticError, match="too many arguments"):  # no branch target
        compile_c("void f(int j) { __builtin_add_rrici(j, j, 1, \"nz\", 0); }", "f.c")
    with pytest.raises(DiagnosticError, match="must name a constant register"):
        compile_c("void f(int j) { long r; __builtin_and_s_rki(r, j, 1); }", "f.c")
    with pytest.raises(DiagnosticError, match="endianness of '__builtin_lw_erri' must be"):
        compile_c("void f(int *p) { int j; __builtin_lw_erri(j, \"middle\", p, 0); }", "f.c")
