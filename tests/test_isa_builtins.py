"""__builtin_<form_id>: one DPU instruction from C, for every row of forms.tsv that C can use."""

from __future__ import annotations

import pytest

from dpucore import isa
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


def _builtin_ok(form: isa.Form) -> bool:
    return not form.has_pc and not any(op.kind == "endian" for op in form.operands)


@pytest.mark.parametrize("form", [f for f in isa.FORMS if _builtin_ok(f)][::7],
                         ids=lambda f: f.id)
def test_every_kind_of_form_compiles(form):
    args = []
    for op in form.operands:
        if op.kind == "zero":
            continue
        if op.role in ("rc", "sc"):
            args.append("r32")
        elif op.role == "dc":
            args.append("r64")
        elif op.kind == "dreg":
            args.append("x64")
        elif op.kind in ("reg", "kreg", "sreg"):
            args.append("x32")
        elif op.kind == "cond":
            args.append(f'"{op.conditions[-1]}"')
        else:
            args.append(str(max(op.lo, min(op.hi, 3))))
    source = f"""
        unsigned r32; unsigned long long r64;
        unsigned x32 = 5; unsigned long long x64 = 7;
        void f(void) {{ __builtin_{form.id}({", ".join(args)}); }}
    """
    ir = compile_c(source, "f.c")
    assert f"__builtin_{form.id}" in ir


def test_misuse_is_diagnosed():
    with pytest.raises(DiagnosticError, match="too few arguments to function '__builtin_cao_rr'"):
        compile_c("void f(int j) { __builtin_cao_rr(j); }", "f.c")
    with pytest.raises(DiagnosticError, match="must be a string literal"):
        compile_c("void f(int j) { __builtin_add_rric(j, j, 1, 3); }", "f.c")
    with pytest.raises(DiagnosticError, match="out of range"):
        compile_c("void f(int j) { __builtin_lsl_rri(j, j, 40); }", "f.c")
    with pytest.raises(DiagnosticError, match="branch target"):
        compile_c("void f(int j) { __builtin_add_rrici(j, j, 1, \"nz\", 0); }", "f.c")
