"""The ``auto`` engine: short runs on the vectorized engine, longer ones go on natively, cached
programs natively at once; always the reference engine's results."""

from __future__ import annotations

import dataclasses

import pytest
from test_sim_vector import assert_same_dpu, build

from dpusim import auto, native
from dpusim.faults import CYCLE_LIMIT, DpuFault
from dpusim.simulator import Simulator

PROGRAM = """.text
.globl __bootstrap
__bootstrap:
        jnz id, 2f
        boot zero, 1
        boot zero, 2
    2:  lw r1, zero, n
        lsl r5, id, 2
    1:  add r2, r2, r1
        lsl_add r3, r2, r1, 2
        xor r2, r2, r3
        sw r5, buf, r2
        add r1, r1, -1, nz, 1b
        jneq id, 2, 3f
        lw r4, zero, bad
        lw r4, r4, 0                    // DPUs given an odd `bad` fault here
    3:  stop
    .data
    .p2align 3
    n: .long {n}
    bad: .long 0
    .p2align 4
    buf: .zero 64
"""


def run(engine: str, n: int, bad: list[int] | None = None, max_cycles=None):
    sim = Simulator(nr_dpus=len(bad or [0]), engine=engine)
    sim.load(build(PROGRAM.format(n=n)))
    for i, b in enumerate(bad or [0]):
        sim.write(i, "bad", b.to_bytes(4, "little"))
    sim.boot()
    fault = None
    try:
        sim.run(max_cycles)
    except DpuFault as e:
        fault = e.info
    return sim, fault


def same_as_reference(n: int, bad=None, max_cycles=None):
    """Run on the auto engine; each DPU must be what the reference engine makes of it alone."""
    sim, fault = run("auto", n, bad, max_cycles)
    for i, d in enumerate(sim.dpus):
        one = Simulator(engine="ref")
        one.load(build(PROGRAM.format(n=n)))
        one.write(0, "bad", (bad or [0])[i].to_bytes(4, "little"))
        one.boot()
        try:
            one.run(max_cycles)
            want = None
        except DpuFault as e:
            want = e.info
        one.dpus[0].index = i
        assert_same_dpu(one.dpus[0], d, "auto")
        got = sim.engine.last_faults.get(i)
        assert (got.info if got else None) == (want and dataclasses.replace(want, dpu=i))
    return sim, fault


def test_a_short_run_stays_on_the_vectorized_engine(cache_dir):
    sim, fault = same_as_reference(20)
    assert fault is None and sim.engine.ran == {"vector"}


def test_the_budget_grows_with_the_program_s_length():
    """About what the vectorized engine runs while the quick code compiles: 0.02 s plus 0.5 ms
    per instruction."""
    small = Simulator(engine="ref")
    small.load(build(PROGRAM.format(n=5)))
    length = max(i + 1 for i, w in enumerate(small.dpus[0].iram) if w)
    assert auto.budget(small.dpus) == auto.BUDGET + auto.BUDGET_PER_INSTRUCTION * length
    large = Simulator(engine="ref")
    large.dpus[0].iram[1399] = 1
    assert auto.budget(large.dpus) == auto.BUDGET + auto.BUDGET_PER_INSTRUCTION * 1400
    assert 10_000 < auto.budget(small.dpus) < 30_000 < 300_000 < auto.budget(large.dpus)
    assert auto.budget([]) == auto.BUDGET


def test_a_longer_run_goes_on_natively_and_then_starts_natively(cache_dir, monkeypatch):
    monkeypatch.setattr(auto, "budget", lambda dpus: 300)
    sim, fault = same_as_reference(400, bad=[0, 1, 0])  # DPU 1 faults, after the switch
    assert sim.engine.ran == {"vector", "native"}
    assert fault is not None and fault.dpu == 1 and fault.kind == "memory fault"
    assert native.is_compiled(sim.dpus[0].iram, sim.dpus[0].model)
    sim, _ = same_as_reference(400)  # compiled now: native from the start
    assert sim.engine.ran == {"native"}


def test_a_cycle_limit_below_the_budget_and_above_it(cache_dir, monkeypatch):
    monkeypatch.setattr(auto, "budget", lambda dpus: 300)
    sim, fault = same_as_reference(400, max_cycles=250)
    assert sim.engine.ran == {"vector"} and fault.kind == CYCLE_LIMIT
    native._cache.clear()
    monkeypatch.setenv("DPUSIM_CACHE", "off")
    sim, fault = same_as_reference(400, bad=[0, 0], max_cycles=5000)
    assert sim.engine.ran == {"vector", "native"} and fault.kind == CYCLE_LIMIT
    assert set(sim.engine.last_faults) == {0, 1}
