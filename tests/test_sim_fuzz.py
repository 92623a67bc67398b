"""Random instruction words and random programs never crash any engine: each run ends in a
clean result or a DpuFault, never a Python exception, never a hang past the cycle limit, and the
vectorized and native engines end exactly as the reference engine does."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from dpucore import isa, memory
from dpusim.faults import DpuFault
from dpusim.native import NativeEngine
from dpusim.reference import ReferenceEngine
from dpusim.state import DpuState
from dpusim.vector import VectorEngine

MAX_CYCLES = 3000



@st.composite
def valid_words(draw):
    """An encodable instruction with operands anywhere in their ranges."""
    form = draw(st.sampled_from(isa.FORMS))
    values = []
    for op in form.operands:
        if op.kind == "zero":
            values.append(0)
        elif op.kind == "cond":
            values.append(isa.CONDITION_CODES[draw(st.sampled_from(op.conditions))])
        elif op.kind == "dreg":
            values.append(draw(st.integers(0, 11)) * 2)
        elif op.role == "pc":
            values.append(draw(st.integers(0, 40)))  # mostly inside the program
        else:
            values.append(draw(st.integers(op.lo, op.hi)))
    return isa.encode(form, values)


def _run(words: list[int], tasklets: int = 1) -> None:
    """Run on every engine: each ends cleanly or with a DpuFault, and they agree."""
    outcomes = []
    for engine in (ReferenceEngine(), VectorEngine(), NativeEngine()):
        dpu = DpuState(0, memory.V1A)
        dpu.iram = list(words) + [0] * (memory.V1A.iram_instructions - len(words))
        for k in range(tasklets):
            dpu.boot(k)
        try:
            engine.run(dpu, MAX_CYCLES)
        except DpuFault as f:
            assert f.info.report()
            outcomes.append(f.info)
            continue
        assert not dpu.running
        assert dpu.cycle <= MAX_CYCLES + 4096  # the last DMA may end past the limit
        outcomes.append((dpu.cycle, dpu.instructions, [t.regs for t in dpu.tasklets],
                         [(t.pc, t.zf, t.cf, t.instructions, t.cycles) for t in dpu.tasklets],
                         bytes(dpu.wram), bytes(dpu.atomic)))
    assert outcomes[1] == outcomes[0], "the vectorized engine differs from the reference"
    assert outcomes[2] == outcomes[0], "the native engine differs from the reference"


@settings(max_examples=250, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, (1 << 64) - 1), min_size=1, max_size=40))
def test_random_words(words):
    _run(words)


@settings(max_examples=250, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(valid_words(), min_size=1, max_size=40), st.integers(1, 4))
def test_random_valid_programs(words, tasklets):
    _run(words, tasklets)
