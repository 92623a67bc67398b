"""The optimiser keeps the DPU data layout and never vectorises."""

from __future__ import annotations

import pytest

from dpucc import target
from dpucc.optimize import OptimizerError, optimize

LOOP = f"""
target datalayout = "{target.DATA_LAYOUT}"
target triple = "{target.TRIPLE}"
define void @scale(ptr %p, i32 %n) {{
entry:
  br label %loop
loop:
  %i = phi i32 [0, %entry], [%i2, %loop]
  %q = getelementptr i32, ptr %p, i32 %i
  %v = load i32, ptr %q
  %v2 = mul i32 %v, 3
  store i32 %v2, ptr %q
  %i2 = add i32 %i, 1
  %c = icmp ult i32 %i2, %n
  br i1 %c, label %loop, label %done
done:
  ret void
}}
"""


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_levels_keep_the_layout_and_add_no_vectors(level):
    out = optimize(LOOP, level)
    assert f'target datalayout = "{target.DATA_LAYOUT}"' in out
    assert "<4 x" not in out and "<2 x" not in out and "<8 x" not in out


def test_invalid_ir_is_a_clean_error():
    with pytest.raises(OptimizerError, match="invalid LLVM IR"):
        optimize("define i32 @f() { ret i64 0 }", 2)
