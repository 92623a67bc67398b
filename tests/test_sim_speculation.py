"""The native engine's speculation: WRAM loads and stores run ahead of their issue cycle, checked
against what the other tasklets did ahead, with checkpoints, drains and aborts back to exact
execution.  Every test compares the whole DPU (registers, cycles, counts, WRAM, MRAM, atomic
bits, faults) with the reference engine; short segments make checkpoints and aborts frequent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_sim_vector import (ALU, CONTROL, MEMORY, assert_same_dpu, build, random_inputs,
                             random_program)

from dpusim import native
from dpusim.faults import DpuFault
from dpusim.native import NativeEngine
from dpusim.simulator import Simulator

HEADER = ".text\n.globl __bootstrap\n__bootstrap:\n"


def boot_all(n: int) -> str:
    """A program's start: tasklet 0 boots tasklets 1 .. n - 1 and goes on; they go to `2:`."""
    return HEADER + f"""
        jnz id, 2f
        move r0, 1
    1:  boot r0, 0
        add r0, r0, 1
        jltu r0, {n}, 1b"""


# Tasklet 0 boots 1..7; every tasklet adds to a shared counter without a lock (the total depends
# on the exact interleaving of loads and stores), fills its own buffer and sends it to MRAM.
RACE = boot_all(8) + """
    2:  move r5, buf
        lsl_add r5, r5, id, 8           // r5 = buf + 256 * id
        lsl r6, id, 8
        add r6, r6, 0x08000000          // its MRAM block
        move r2, {rounds}
    3:  lw r1, zero, counter
        add r1, r1, 1
        xor r3, r1, id
        lsl_add r3, r3, r2, 2
        sw zero, counter, r1
        and r4, r2, 63
        lsl r4, r4, 2
        add r4, r4, r5
        sw r4, 0, r3
        add r2, r2, -1
        and r7, r2, {every}, nz, 4f
        sdma r5, r6, 31
    4:  jnz r2, 3b
        stop
    .data
    .p2align 3
    counter: .long 0
    .p2align 8
    buf: .zero 2048
"""


def compare(program, *, boot=(0,), max_cycles=None, inputs=None, engine=None):
    """Run on the reference and the native engine; the DPUs and faults must be the same.
    Returns the native simulator."""
    sims, faults = [], []
    for name in ("ref", "native"):
        sim = Simulator(nr_dpus=len(inputs) if inputs else 1, engine=name)
        if name == "native" and engine is not None:
            sim.engine = engine
        sim.load(program)
        for i, inp in enumerate(inputs or []):
            for addr, data in inp.items():
                sim.write(i, addr, data)
        for d in sim.dpus:
            d.reset_tasklets()
            for k in boot:
                d.boot(k)
        if name == "ref":  # every DPU to its end, as the native engine runs them
            found = {}
            for d in sim.dpus:
                try:
                    sim.engine.run(d, max_cycles)
                except DpuFault as e:
                    found[d.index] = e.info
        else:
            try:
                sim.run(max_cycles)
            except DpuFault:
                pass
            found = {i: e.info for i, e in sim.engine.last_faults.items()}
        faults.append(found)
        sims.append(sim)
    for a, b in zip(sims[0].dpus, sims[1].dpus):
        assert_same_dpu(a, b, "native")
    assert faults[0] == faults[1]
    return sims[1]


@pytest.fixture
def segment(monkeypatch):
    """Set the cycles between checkpoints (and between drain checks)."""
    def set_(cycles: int, drain: int | None = None) -> None:
        monkeypatch.setattr(native, "SEGMENT", cycles)
        monkeypatch.setattr(native, "DRAIN_STEP", drain or max(1, cycles // 4))
    return set_


@pytest.mark.parametrize("cycles", [50, 300, 2000, native.SEGMENT])
def test_a_race_on_a_shared_counter_is_the_reference_race(segment, cycles):
    segment(cycles)
    sim = compare(build(RACE.format(rounds=120, every=15)))
    stats = sim.engine.stats
    assert stats["checkpoints"] >= 1
    assert stats["aborts"] >= 1  # the counter is written by every tasklet
    counter = int.from_bytes(sim.read(0, "counter", 4), "little")
    assert 120 <= counter < 8 * 120  # lost updates: it is a race


def test_speculation_off_gives_the_same(segment):
    segment(500)
    prog = build(RACE.format(rounds=60, every=7))
    on = compare(prog)
    off = compare(prog, engine=NativeEngine(speculate=False))
    assert off.engine.stats["checkpoints"] == off.engine.stats["aborts"] == 0
    assert on.engine.stats["checkpoints"] > 0
    assert_same_dpu(on.dpus[0], off.dpus[0])


def test_private_buffers_never_abort(segment):
    """Each tasklet loads and stores only its own buffer and stack: nothing to undo."""
    segment(400)
    text = boot_all(12) + """
    2:  move r5, buf
        lsl_add r5, r5, id, 6
        lw r9, zero, rounds             // a word every tasklet reads: reads are shared
        move r2, r9
    3:  and r4, r2, 15
        lsl_add r4, r5, r4, 2
        lw r1, r4, 0
        add r1, r1, r2
        sw r4, 0, r1
        add r2, r2, -1, nz, 3b
        stop
    .data
    .p2align 3
    rounds: .long 200
    .p2align 6
    buf: .zero 768
    """
    sim = compare(build(text))
    assert sim.engine.stats["aborts"] == 0
    assert sim.engine.stats["checkpoints"] > 3


def test_a_table_every_tasklet_reads_never_aborts(segment):
    """Every tasklet reads the same table words again and again, with reads of others ahead
    (lines shared by readers), and writes only its own buffer: nothing to undo either."""
    segment(400)
    text = boot_all(16) + """
    2:  move r5, buf
        lsl_add r5, r5, id, 5
        move r2, 150
    3:  and r4, r2, 15
        lsl r6, r4, 2
        lw r1, r6, table                // the table: read by all
        and r4, r2, 7
        lsl_add r4, r5, r4, 2
        lw r3, r4, 0                    // its own buffer: read and written
        add r3, r3, r1
        sw r4, 0, r3
        add r2, r2, -1, nz, 3b
        stop
    .data
    .p2align 3
    table: .long 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3
    .p2align 5
    buf: .zero 512
    """
    sim = compare(build(text))
    assert sim.engine.stats["aborts"] == 0
    assert sim.engine.stats["checkpoints"] >= 2


# A tasklet that reads `flag` once, after a delay, then works on for long (its run ahead holds
# the read pending) and keeps what it read in `seen`.
READ_LATE = """
    2:  move r2, {delay}
    4:  add r2, r2, -1, nz, 4b
        lw r1, zero, flag
        move r2, 40
    5:  add r4, r4, r1
        add r2, r2, -1, nz, 5b
        sw id4, seen, r4
        stop
    .data
    .p2align 3
    flag: .long 0
    .p2align 3
    seen: .zero 24
"""


@pytest.mark.parametrize("readers", [1, 5])
def test_a_write_ahead_over_reads_ahead(segment, readers):
    """Tasklets 1.. read a word ahead (each its run's one access to it, long before it issues),
    then tasklet 0 writes it ahead, to issue first: the write must not run ahead over those
    reads (one reader's, or several readers' of a shared line), and nothing after them would
    undo a mistake."""
    segment(1 << 16)
    text = boot_all(readers + 1) + """
        time r7                         // (the run after the boots ends here)
        move r3, 5
        sw zero, flag, r3
        stop
    """ + READ_LATE.format(delay=20)
    sim = compare(build(text))
    assert sim.engine.stats["aborts"] >= 1


def test_a_read_ahead_over_a_write_then_a_read_ahead(segment):
    """Tasklet 0 writes a word and reads it back, both ahead and late; tasklet 1 then reads it
    ahead, to issue before that write: the line is not one two readers share, as tasklet 0's
    last access alone (a read) would say."""
    segment(1 << 16)
    text = HEADER + """
        jnz id, 2f
        move r2, 30
    4:  add r2, r2, -1, nz, 4b
        move r3, 9
        sw zero, flag, r3
        lw r5, zero, flag
        stop
    """ + READ_LATE.format(delay=3)
    sim = compare(build(text), boot=(0, 1))
    assert sim.engine.stats["aborts"] >= 1


def test_tasklets_spinning_on_a_flag(segment):
    """Tasklets 1..5 spin reading a flag that tasklet 0 sets after some work: their reads ahead
    are pending when the write comes."""
    segment(3000)
    text = boot_all(6) + """
        move r2, 300
    5:  add r3, r3, r2
        add r2, r2, -1, nz, 5b
        sw zero, flag, r3
        stop
    2:  lw r1, zero, flag
        add r4, r4, 1
        jz r1, 2b
        sw id4, seen, r4
        stop
    .data
    .p2align 3
    flag: .long 0
    seen: .zero 24
    """
    sim = compare(build(text))
    assert sim.engine.stats["aborts"] >= 1


# Tasklet 0 keeps filling WRAM by ldma (and sending it out by sdma) while tasklets 1..3 hold
# accesses to it ahead: either they only read a word it fills, or each reads and writes words
# of its own quarter of a buffer it fills.  Every conflict must be found at the transfer's
# issue: a missed one would only show if no later abort went back past it, hence two programs.
DMA_OVER_READS = boot_all(4) + """
        move r2, 30
        move r6, 0x08000000
        move r9, word
    3:  ldma r9, r6, 0
        add r6, r6, 8
        add r2, r2, -1, nz, 3b
        stop
    2:  move r2, 100
    4:  lw r3, zero, word + 4
        add r10, r10, r3
        add r2, r2, -1, nz, 4b
        stop
    .data
    .p2align 3
    word: .zero 8
"""
DMA_OVER_WRITES = boot_all(4) + """
        move r2, 40
        move r5, buf
        move r6, 0x08000000
        move r8, 0x08010000
    3:  ldma r5, r6, 7                  // 64 bytes in
        sdma r5, r8, 7                  // and out
        add r6, r6, 64
        add r8, r8, 64
        add r2, r2, -1, nz, 3b
        stop
    2:  move r2, 150
        lsl r7, id, 4                   // 16 bytes of its own in the buffer's 64
    4:  and r4, r2, 3
        lsl_add r4, r7, r4, 2
        lw r1, r4, buf
        add r1, r1, id
        sw r4, buf, r1
        add r2, r2, -1, nz, 4b
        stop
    .data
    .p2align 3
    buf: .zero 64
"""


@pytest.mark.parametrize("cycles", [300, 5000])
@pytest.mark.parametrize("text", [DMA_OVER_READS, DMA_OVER_WRITES], ids=["reads", "writes"])
def test_dma_over_lines_other_tasklets_hold_ahead(segment, cycles, text):
    segment(cycles)
    sim = compare(build(text), inputs=[{0x08000000: bytes(range(256)) * 16}])
    assert sim.engine.stats["aborts"] >= 1


# Each tasklet sends 12 blocks of 2 KiB to MRAM (96 KiB in all, in one segment), then races on
# a shared word: an abort goes back past all of them.
MANY_SDMA = boot_all(4) + """
    2:  move r5, buf
        lsl_add r5, r5, id, 11
        lsl r6, id, 15
        add r6, r6, 0x08000000
        move r2, 12
    3:  sw r5, 0, r2
        sw r5, 8, id
        sdma r5, r6, 255                // 2 KiB
        add r6, r6, 2048
        add r2, r2, -1, nz, 3b
        move r2, 300
    4:  lw r1, zero, shared             // then a race
        add r1, r1, id
        sw zero, shared, r1
        add r2, r2, -1, nz, 4b
        stop
    .data
    .p2align 3
    shared: .long 0
    .p2align 11
    buf: .zero 8192
"""


def test_mram_is_restored_after_an_abort_even_past_the_first_log(segment):
    """MRAM written before (its pages exist at the checkpoint), then the many sdma: the undo
    log grows past its first 64 KiB, and after the abort MRAM must be what the reference has."""
    segment(1 << 20)
    sim = compare(build(MANY_SDMA), inputs=[{0x08000000: bytes(range(256)) * 512}])
    assert sim.engine.stats["aborts"] >= 1
    assert len(sim.dpus[0].mram.pages) >= 2


def test_mram_pages_made_since_the_checkpoint_are_dropped_not_logged(segment, monkeypatch):
    """The many sdma to MRAM no one wrote before: going back drops the pages made since the
    checkpoint, so nothing written there is in the undo log, and MRAM is the reference's."""
    segment(1 << 20)
    seen = []
    restore = native._Run.restore

    def watch(run):
        seen.append((run.ctx.log_used, list(run.made)))
        restore(run)
        assert not run.made and not any(run.fresh)

    monkeypatch.setattr(native._Run, "restore", watch)
    sim = compare(build(MANY_SDMA))
    assert seen and all(used == 0 for used, _ in seen)
    assert any(len(made) >= 2 for _, made in seen)
    assert len(sim.dpus[0].mram.pages) >= 2


def test_a_fault_while_speculating(segment):
    segment(1 << 20)
    text = HEADER + """
        jnz id, 2f
        boot zero, 1
        boot zero, 2
    2:  move r2, 100
        move r5, buf
        lsl_add r5, r5, id, 4
    3:  lw r1, r5, 0
        add r1, r1, r2
        sw r5, 0, r1
        add r2, r2, -1, nz, 3b
        jneq id, 2, 4f
        lw r1, r5, 2                     // misaligned: a fault, far into the segment
    4:  stop
    .data
    .p2align 4
    buf: .zero 64
    """
    with_fault = compare(build(text))
    assert with_fault.engine.stats["aborts"] >= 1


@pytest.mark.parametrize("limit", [150, 999, 2500, 4001])
def test_a_cycle_limit_while_speculating(segment, limit):
    segment(700)
    compare(build(RACE.format(rounds=40, every=3)), max_cycles=limit)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 1 << 30), n=st.integers(1, 30),
       cycles=st.sampled_from([16, 100, 1000]))
def test_random_multi_tasklet_programs_with_short_segments(seed, n, cycles):
    old = native.SEGMENT, native.DRAIN_STEP
    native.SEGMENT, native.DRAIN_STEP = cycles, max(1, cycles // 4)
    try:
        prog = random_program(seed, n, ALU + MEMORY + CONTROL, loops=True)
        compare(prog, inputs=random_inputs(seed, 2), max_cycles=10_000,
                boot=(0, 1, 2, 5, 11, 12, 13))
    finally:
        native.SEGMENT, native.DRAIN_STEP = old
