"""What the native engine does besides agreeing with the reference (test_sim_vector, test_sim_fuzz
and test_c_programs check that): compiling once per program, the disk cache, MRAM pages it
asks Python for, rollbacks of tasklets run ahead, ldmai, DPUs in parallel threads."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time

import pytest
from test_sim_vector import assert_same_dpu, build, run_both

from dpucore import memory
from dpusim import native
from dpusim.faults import DpuFault
from dpusim.native import NativeEngine
from dpusim.simulator import Simulator
from dpusim.state import TaskletState

HEADER = ".text\n.globl __bootstrap\n__bootstrap:\n"

LOOP = HEADER + """
        lw r1, zero, n
        move r2, 0
    1:  add r2, r2, r1
        lsl_add r3, r2, r1, 2
        xor r2, r2, r3
        add r1, r1, -1, nz, 1b
        sw zero, out, r2
        stop
    .data
    .p2align 2
    out: .long 0
    n: .long {n}
"""


# three tasklets in a loop of private instructions (registers only: nothing speculates)
THREE_LOOPS = HEADER + """
        jnz id, 2f
        boot zero, 1
        boot zero, 2
    2:  move r1, {n}
    1:  add r2, r2, r1
        xor r3, r2, id
        lsl_add r4, r3, r2, 1
        add r1, r1, -1, nz, 1b
        stop
"""


def test_compiled_once_then_from_memory_then_from_disk(cache_dir):
    prog = build(LOOP.format(n=1234))
    outs = []
    for _ in range(2):
        sim = Simulator(nr_dpus=3, engine="native")
        sim.load(prog)
        sim.launch()
        outs.append([sim.read(i, "out", 4) for i in range(3)])
        [st] = sim.engine.compile_stats
        assert st["source"] == "compiled" and st["compile_s"] > 0
    # the second simulator used the code in memory: the same (one) compilation
    assert len(native._cache) == 1
    [obj] = list(cache_dir.glob("native-*"))
    assert obj.stat().st_size > 0
    native._cache.clear()  # as a new process would start
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.launch()
    [st] = sim.engine.compile_stats
    assert st["source"] == "disk"
    assert outs[0] == outs[1] == [sim.read(0, "out", 4)] * 3
    ref = Simulator(engine="ref")
    ref.load(prog)
    ref.launch()
    assert_same_dpu(ref.dpus[0], sim.dpus[0])


def test_a_broken_cache_file_is_compiled_again_and_off_writes_nothing(cache_dir, monkeypatch):
    prog = build(LOOP.format(n=77))
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.launch()
    [obj] = list(cache_dir.glob("native-*"))
    obj.write_bytes(b"not an object file")
    native._cache.clear()
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.launch()
    assert sim.engine.compile_stats[0]["source"] == "compiled"
    assert obj.read_bytes() != b"not an object file"
    monkeypatch.setenv("DPUSIM_CACHE", "off")
    native._cache.clear()
    prog = build(LOOP.format(n=78))
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.launch()
    assert native.cache_dir() is None and len(list(cache_dir.glob("native-*"))) == 1


RUNTIME_ORIGIN = """
from dpusim import native
origin, seconds = native.runtime_stats()
print(origin, seconds > 0)
"""


def test_the_runtime_is_compiled_once_then_read_from_the_disk_cache(tmp_path):
    """Each process loads the runtime (the functions every program calls) once; a later process
    reads it from the disk cache, and a damaged cache file is compiled again."""
    env = {**os.environ, "DPUSIM_CACHE": str(tmp_path)}

    def origin():
        done = subprocess.run([sys.executable, "-c", RUNTIME_ORIGIN], env=env, check=True,
                              capture_output=True, text=True)
        return done.stdout.split()

    assert origin() == ["compiled", "True"]
    [obj] = list(tmp_path.glob("runtime-*.o"))
    assert origin() == ["disk", "True"]
    obj.write_bytes(obj.read_bytes()[:-100])
    assert origin() == ["compiled", "True"]
    assert origin() == ["disk", "True"]


def test_the_key_follows_the_code_and_the_model():
    a = build(LOOP.format(n=5)).iram
    b = build(LOOP.format(n=6).replace("xor", "or")).iram
    assert build(LOOP.format(n=6)).iram == a  # n is data
    key = native.program_key
    assert key(a, memory.V1A) == key(list(a) + [0] * 100, memory.V1A)  # trailing zeros
    assert key(a, memory.V1A) != key(b, memory.V1A)
    assert key(a, memory.V1A) != key(a, memory.V1B)


def test_a_dpus_iram_keeps_its_key_until_a_word_changes(monkeypatch):
    """The key is kept with a DPU's IRAM, and shared by the DPUs loaded with the same program
    (no comparing of 4096 words at each DPU's run), and every way of changing the words forgets
    it: a host write, ldmai (both item assignments), any list method; a copy or a pickle
    (another process, maybe another host) starts without it."""
    import copy
    import pickle

    sim = Simulator(nr_dpus=3, engine="native")
    sim.load(build(LOOP.format(n=5)))
    iram = sim.dpus[0].iram
    sim.dpus[2].iram[1] = sim.dpus[2].iram[1]  # (a change, to the same word)
    first = native.program_key(iram, memory.V1A)
    assert iram.memo[2] == first
    compared = []
    monkeypatch.setattr(native, "_keys", _Spy(compared))
    assert native.program_key(iram, memory.V1A) == first
    assert native.program_key(sim.dpus[1].iram, memory.V1A) == first  # as loaded: shared
    assert compared == []
    assert native.program_key(sim.dpus[2].iram, memory.V1A) == first
    assert compared == ["compared"]  # (changed since it was loaded: not from the others)
    monkeypatch.undo()
    changes = [lambda w: w.__setitem__(5, 0x1234), lambda w: w.append(0),
               lambda w: w.extend([0]), lambda w: w.insert(0, 0), lambda w: w.pop(),
               lambda w: w.__delitem__(0), lambda w: w.reverse(), lambda w: w.sort(),
               lambda w: w.__iadd__([0]), lambda w: w.__imul__(1), lambda w: w.remove(0),
               lambda w: w.clear()]
    for change in changes:
        words = copy.copy(iram)
        assert words.memo is None and words.shared is None and words == iram
        native.program_key(words, memory.V1A)
        change(words)
        assert native.program_key(words, memory.V1A) == native._hash_key(
            list(words)[:memory.V1A.iram_instructions], memory.V1A)
    assert native.program_key(iram, memory.V1B) != first  # another model: not the memo
    assert pickle.loads(pickle.dumps(iram)).memo is None
    sim.write(0, memory.IRAM_BASE + 8, bytes(8))  # the host writes an instruction
    assert native.program_key(iram, memory.V1A) != first
    assert native.program_key(sim.dpus[1].iram, memory.V1A) == first


class _Spy(list):
    """native._keys standing in: records that the remembered words were looked at."""

    def __init__(self, seen: list):
        super().__init__()
        self.seen = seen

    def __iter__(self):
        self.seen.append("compared")
        return super().__iter__()


def test_the_key_follows_the_runtime(monkeypatch):
    """Code compiled against one runtime is never linked to another (a cache file left by an
    earlier version, say)."""
    a = build(LOOP.format(n=5)).iram
    before = native.program_key(a, memory.V1A)
    native._keys.clear()
    native._runtime_digest.cache_clear()
    monkeypatch.setattr(native.X, "runtime_ir", lambda: "; another runtime\n")
    try:
        after = native.program_key(a, memory.V1A)
    finally:
        native._keys.clear()
        native._runtime_digest.cache_clear()
    assert after != before


# an sdma into a page not written yet, and one across two of them
PAGES = HEADER + """
        move r0, buf
        move r1, 0x5a5a
        sw r0, 0, r1
        move r2, 0x08000000 + 0x3fff00   // the last 256 bytes of page 0x3f
        sdma r0, r2, 31
        move r2, 0x08000000 + 0x13fff8   // 256 bytes across the boundary of two new pages
        sdma r0, r2, 31
        ldma r0, r2, 0
        lw r3, r0, 0
        stop
    .data
    .p2align 3
    buf: .zero 256
"""


@pytest.mark.parametrize("op", ["lbu r4, r1, 0", "lhs r4, r1, 0", "lw r4, r1, 0", "ld d4, r1, 0",
                                "sb r1, 0, r2", "sh r1, 0, r2", "sw r1, 0, r2", "sd r1, 0, d2"])
def test_wram_accesses_at_its_end_and_misaligned_fault_as_in_the_reference(op):
    """The native code tests an address's bounds and alignment at once (WRAM's size a power of
    two): every edge, run ahead (after a private instruction) and at the access's turn (where
    a run ahead ends before a bad access), gives the reference's result or fault."""
    wram = memory.DEFAULT_MODEL.wram_bytes
    bases = [wram - 8, wram - 4, wram - 2, wram - 1, wram, wram + 4, 2 * wram, 0xFFFFFFF8,
             0xFFFFFFFF, 0x80000000 | (wram - 8), 1, 2, 3, 4, 6]
    text = HEADER + f"""
        lw r1, zero, base
        move r2, 0x11223344
        move r3, 0x55667788
        {op}
        add r5, r4, 1
        stop
    .data
    .p2align 3
    base: .long 0
    """
    run_both(build(text), inputs=[{"base": b.to_bytes(4, "little")} for b in bases],
             native_tier="optimised")


def test_sdma_to_pages_never_written_asks_python_for_them():
    """MRAM is paged lazily: an sdma into pages that do not exist returns to Python, which
    allocates them, and the run goes on as if nothing happened."""
    ref, _ = run_both(build(PAGES))
    sim = Simulator(engine="native")
    sim.load(build(PAGES))
    sim.launch()
    assert sim.engine.stats["pages"] >= 2
    assert sorted(sim.dpus[0].mram.pages) == sorted(ref.dpus[0].mram.pages) == [0x13, 0x14, 0x3f]
    assert sim.tasklet(0, 0).regs[3] == 0x5a5a


def stopped_at(prog, limit: int) -> list[Simulator]:
    """The reference's simulator and the native engine's, booted and stopped by a cycle limit."""
    sims = []
    for engine in ("ref", "native"):
        sim = Simulator(engine=engine)
        sim.load(prog)
        sim.boot()
        with pytest.raises(DpuFault, match="cycle limit"):
            sim.run(max_cycles=limit)
        sims.append(sim)
    return sims


def test_a_cycle_limit_inside_a_run_ahead_rolls_back():
    """Tasklets execute private instructions ahead of their issue; a cycle limit falling inside
    such a run leaves each tasklet exactly where the reference has it, at every limit."""
    prog = build(THREE_LOOPS.format(n=50))
    rollbacks = 0
    for limit in (7, 20, 33, 101, 250):
        sims = stopped_at(prog, limit)
        assert_same_dpu(sims[0].dpus[0], sims[1].dpus[0], f"limit {limit}")
        rollbacks += sims[1].engine.stats["rollbacks"]
        for sim in sims:
            sim.run()
        assert_same_dpu(sims[0].dpus[0], sims[1].dpus[0], f"after limit {limit}")
    assert rollbacks > 0


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_dpus_in_threads_give_what_one_thread_gives(threads):
    prog = build(LOOP.format(n=3000))
    rng = random.Random(threads)
    counts = [rng.randint(3000, 6000) for _ in range(9)]  # a different loop count per DPU
    sims = []
    for t in (1, threads):
        sim = Simulator(nr_dpus=9, engine="native")
        sim.engine = NativeEngine(threads=t)
        sim.load(prog)
        for i, n in enumerate(counts):
            sim.write(i, "n", n.to_bytes(4, "little"))
        sim.boot()
        sim.run()
        sims.append(sim)
    for a, b in zip(*(s.dpus for s in sims)):
        assert_same_dpu(a, b)
        assert a.instructions > 3000 * 4


FAULTS = HEADER + """
        move r1, 40
    1:  add r2, r2, r1
        add r1, r1, -1, nz, 1b
        move r4, 0x10001                // past WRAM: a fault
        lw r5, r4, 0
        stop
"""

@pytest.mark.parametrize("threads", [1, 2])
def test_dpus_entered_in_batches_each_go_on_their_own_way(threads, monkeypatch):
    """run_many enters the native code of several DPUs in one call, then goes on with each
    from what its code returned: here DPUs of three programs in each batch (one faults, one
    asks for MRAM pages), a DPU with nothing running, and more DPUs than a batch holds."""
    monkeypatch.setattr(native, "BATCH_MAX", 6)
    programs = [build(LOOP.format(n=500)), build(FAULTS), build(PAGES)]

    def prepare(engine):
        sim = Simulator(nr_dpus=11, engine=engine)
        for i, dpu in enumerate(sim.dpus):
            dpu.load(programs[i % 3])
            if i != 4:
                dpu.boot(0)
        return sim

    ref = prepare("ref")
    ref_faults = {}
    for i in range(11):
        try:
            ref.run(dpus=[i])
        except DpuFault as e:
            ref_faults[i] = e.info
    sim = prepare("native")
    sim.engine = NativeEngine(threads=threads)
    with pytest.raises(DpuFault) as raised:
        sim.run()
    assert raised.value.info == ref_faults[1]
    assert {i: f.info for i, f in sim.engine.last_faults.items()} == ref_faults
    assert sorted(ref_faults) == [1, 7, 10]
    for a, b in zip(ref.dpus, sim.dpus):
        assert_same_dpu(a, b)
    assert sim.engine.stats["pages"] >= 3 and sim.engine.stats["replays"] == 3
    assert sim.dpus[4].instructions == 0


def test_an_observer_runs_the_reference_engine():
    class Count:
        n = 0

        def issue(self, dpu, t, pc, cycle, form):
            Count.n += 1

    sim = Simulator(nr_dpus=2, engine="native", observer=Count())
    sim.load(build(LOOP.format(n=10)))
    sim.launch()
    assert Count.n == sim.dpus[0].instructions + sim.dpus[1].instructions > 0


# Tasklets with runs of different lengths, DMA waits of different sizes (the DMA engine is
# shared, so waits overlap and tasklets leave and join the revolver), and tasklet 3 booting
# tasklet 21 midway (beyond the tasklets running so far): every event that ends a batch of
# issues counted at once.
BATCHES = HEADER + """
        jnz id, work
        move r0, 1
    boot_all:
        boot r0, 0
        add r0, r0, 1
        jltu r0, 16, boot_all
    work:
        move r10, buf
        lsl_add r10, r10, id, 5         // 32 bytes of WRAM per tasklet
        lsl r11, id, 5
        add r11, r11, mbuf
        lsl_add r1, id, id, 1           // 3 id + 4 rounds
        add r1, r1, 4
        and r6, id, 1
    1:  add r2, r2, r1
        xor r3, r2, id
        lsl_add r4, r3, r2, 1
        sw r10, 0, r4
        jlts r1, 3, 2f                  // the last rounds: no DMA
        jz r6, 4f
        sdma r10, r11, 0                // odd tasklets: 8 bytes
        ldma r10, r11, 0
        jump 5f
    4:  sdma r10, r11, 3                // even ones: 32 bytes
        ldma r10, r11, 3
    5:  lw r5, r10, 0
        add r2, r2, r5
    2:  add r1, r1, -1, nz, 1b
        jneq id, 3, 3f
        move r7, 21
        boot r7, 0
    3:  sw r10, 4, r2
        stop
    .data
    .p2align 3
    buf: .zero 768
    .section .mram,"aw",@progbits
    .p2align 3
    mbuf: .zero 768
"""


def test_batched_issues_stop_at_every_event():
    """The native scheduler counts issues in batches up to the next event (a tasklet with
    nothing run ahead, another becoming ready, the limit): stopped at any cycle, it leaves the
    DPU exactly where the reference has it."""
    prog = build(BATCHES)
    end = reference_end(prog)
    total = end.dpus[0].cycle
    assert end.tasklet(0, 21).instructions > 0  # tasklet 3 booted it
    rng = random.Random(5)
    limits = sorted(set(rng.sample(range(1, total), 120)) | {1, 2, 11, 12, total - 1})
    assert_stopped_where_the_reference_stops(prog, end, limits)


def reference_end(prog) -> Simulator:
    """The reference engine's DPU at the end of a booted program."""
    end = Simulator(engine="ref")
    end.load(prog)
    end.boot()
    end.run()
    return end


def assert_stopped_where_the_reference_stops(prog, end: Simulator, limits: list[int]) -> None:
    """Stopped at each of the (increasing) cycle limits, and then run to its end, the native
    engine leaves the DPU as the reference does."""
    ref = Simulator(engine="ref")
    ref.load(prog)
    ref.boot()
    for limit in limits:
        with pytest.raises(DpuFault, match="cycle limit"):
            ref.run(max_cycles=limit)
        sim = Simulator(engine="native")
        sim.load(prog)
        sim.boot()
        with pytest.raises(DpuFault, match="cycle limit"):
            sim.run(max_cycles=limit)
        assert_same_dpu(ref.dpus[0], sim.dpus[0], f"limit {limit}")
    sim.run()
    assert_same_dpu(end.dpus[0], sim.dpus[0], "at the end")


# Fewer tasklets than the revolver's 11 cycles, waiting on DMA transfers of different sizes: they
# leave and join the round at different cycles, so the rounds have idle cycles between issues,
# which the batches of issues counted at once must follow (``@slots``).
HOLES = HEADER + """
        jnz id, work
        move r0, 1
    boot_all:
        boot r0, 0
        add r0, r0, 1
        jltu r0, {tasklets}, boot_all
    work:
        move r10, buf
        lsl_add r10, r10, id, 6         // 64 bytes of WRAM per tasklet
        lsl r11, id, 6
        add r11, r11, mbuf
        move r1, 12
        and r6, id, 3
    1:  add r2, r2, r1
        xor r3, r2, id
        lsl_add r4, r3, r2, 1
        rol r3, r4, 3
        add r2, r2, r3
        xor r2, r2, r1
        jeq r6, 1, 4f
        jeq r6, 2, 6f
        ldma r10, r11, 0                // 8 bytes
        jump 5f
    4:  ldma r10, r11, 3                // 32 bytes
        jump 5f
    6:  ldma r10, r11, 7                // 64 bytes
    5:  lw r5, r10, 0
        add r2, r2, r5
        add r1, r1, -1, nz, 1b
        sw r10, 4, r2
        stop
    .data
    .p2align 3
    buf: .zero 1024
    .section .mram,"aw",@progbits
    .p2align 3
    mbuf: .zero 1024
"""


@pytest.mark.parametrize("tasklets", [3, 6, 9])
def test_batched_issues_follow_rounds_with_idle_cycles(tasklets):
    """With fewer tasklets than a round has cycles, each one leaving for a DMA transfer and
    joining again at its own cycle, the rounds have idle cycles in the middle: stopped at any
    cycle, the native engine leaves the DPU exactly where the reference has it."""
    prog = build(HOLES.format(tasklets=tasklets))
    end = reference_end(prog)
    rng = random.Random(tasklets)
    limits = sorted(rng.sample(range(1, end.dpus[0].cycle), 60))
    assert_stopped_where_the_reference_stops(prog, end, limits)


def test_the_thread_pool_is_kept_and_not_used_from_its_own_threads():
    """DPUs run in a pool kept for the process (its threads' buffers stay warm); a run started
    from one of its threads runs there, one DPU after the other, instead of waiting for the pool
    it occupies."""
    prog = build(LOOP.format(n=200))

    def launch():
        sim = Simulator(nr_dpus=3, engine="native")
        sim.engine = NativeEngine(threads=2)
        sim.load(prog)
        sim.launch()
        return [d.instructions for d in sim.dpus]

    first = launch()
    pool = native._pool(2)
    assert launch() == first and native._pool(2) is pool
    assert pool.submit(launch).result(timeout=60) == first
    assert pool.submit(native._pool, 2).result() is None


def test_computed_jumps_off_the_return_sites_end_the_run_there():
    """A computed jump goes on with the run at a static branch target or a return site; to any
    other instruction it ends the run, which the next dispatch resumes there: the results are
    the reference's either way."""
    text = HEADER + """
        jnz id, 2f
        boot zero, 1
    2:  move r3, 40
        move r2, 0
    1:  move r1, mid                    // not a branch target, not after a call
        jeq r3, 7, 3f
        move r1, after                  // a return site
    3:  call r23, f
    after:
        add r2, r2, 5
    mid:
        add r2, r2, 3
        xor r2, r2, id
        add r3, r3, -1, nz, 1b
        lsl r4, id, 2
        sw r4, out, r2
        stop
    f:  add r2, r2, 1
        jump r1
    .data
    .p2align 2
    out: .long 0, 0
    """
    ref, _ = run_both(build(text), boot=(0,))  # the native engine among those compared
    assert not ref.dpus[0].running and int.from_bytes(ref.read(0, "out", 8)[4:], "little") > 160


def test_tasklets_stay_compact_between_native_runs_until_asked_for():
    """A host that boots and runs DPUs never needs the tasklet objects: the native engine
    starts from the reset-and-booted form, leaves its compact form, and the next run starts
    from that as it is; the objects, made when asked for, are the reference's."""
    ref, nat = stopped_at(build(BATCHES), 333)
    dpu = nat.dpus[0]
    assert dpu.fresh_boots() is None and dpu.packed_tasklets() is not None
    assert dpu.has_running()
    # only state is kept: the model's tasklets' registers, and the arrays after the snapshots
    ctx = native.X.Ctx
    assert len(dpu.packed_tasklets().data) == (
        dpu.model.tasklets * 4 * native.X.ARCH_WORDS
        + ctx.waiting.offset + ctx.waiting.size - ctx.ready.offset)
    nat.run()
    ref.run()
    assert dpu.packed_tasklets() is not None and not dpu.has_running()
    assert_same_dpu(ref.dpus[0], dpu)  # the objects, made now
    assert dpu.packed_tasklets() is None


def test_tasklet_objects_held_across_a_native_run_are_kept_up_to_date():
    prog = build(LOOP.format(n=100))
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.boot()
    t0 = sim.dpus[0].tasklets[0]
    assert t0.state is TaskletState.RUNNING
    sim.run()
    assert sim.dpus[0].tasklets[0] is t0
    assert t0.state is TaskletState.STOPPED and t0.instructions > 400
    ref = Simulator(engine="ref")
    ref.load(prog)
    ref.launch()
    assert_same_dpu(ref.dpus[0], sim.dpus[0])


# ------------------------------------------------------------------------------------- tiers

def reference_dpus(prog, nr_dpus: int) -> list:
    ref = Simulator(nr_dpus=nr_dpus, engine="ref")
    ref.load(prog)
    ref.launch()
    return ref.dpus


@pytest.mark.parametrize("text", [LOOP.format(n=6000), THREE_LOOPS.format(n=4000)],
                         ids=["memory", "registers"])
def test_runs_move_to_the_optimised_code_as_soon_as_it_is_compiled(text, cache_dir, monkeypatch):
    """Quick code that has run long enough is compiled again optimised; runs in progress move to
    it at their next entry into native code (quick code returns every QUICK_SLICE cycles, also
    when it does not speculate) and end exactly where the reference ends."""
    monkeypatch.setattr(native, "QUICK_SLICE", 5000)
    monkeypatch.setattr(native, "hot_seconds", lambda slots: 0.0)
    entries = []

    def upgrade_now(code):  # the tier-up, in this thread and at once
        code.upgrade = "queued"
        native._upgrade(code)
        code.upgrade = "done"
        better = code.better
        entry = better.entry
        better.entry = lambda address: entries.append(address) or entry(address)

    monkeypatch.setattr(native, "request_upgrade", upgrade_now)
    prog = build(text)
    sim = Simulator(nr_dpus=3, engine="native")
    sim.engine.threads = 1  # one batch: each DPU has a context of its own
    sim.load(prog)
    sim.launch()
    assert [s["tier"] for s in sim.engine.compile_stats] == ["quick", "optimised"]
    assert sim.engine.stats["tier_ups"] == 1
    assert len(set(entries)) == 3  # every DPU ran on, in the optimised code
    assert [c.tier for c in native._cache.values()] == ["optimised"]  # it replaced the quick code
    for ref, dpu in zip(reference_dpus(prog, 3), sim.dpus):
        assert dpu.cycle > 5000
        assert_same_dpu(ref, dpu)


def test_a_hot_program_is_compiled_in_the_background_and_kept_on_disk(cache_dir, monkeypatch):
    monkeypatch.setattr(native, "hot_seconds", lambda slots: 0.0)
    prog = build(LOOP.format(n=3000))
    key = native.program_key(prog.iram, memory.V1A)
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.launch()
    assert native.wait_for_upgrades(timeout=300)
    assert [s["tier"] for s in sim.engine.compile_stats] == ["quick"]
    assert native._cache[key].tier == "optimised"
    assert {p.name for p in cache_dir.glob("native-*")} == {f"native-{key[:40]}.o",
                                                            f"native-{key[:40]}-quick.o"}
    first = sim.read(0, "out", 4)
    sim.launch()  # the next launch starts on the optimised code
    assert [s["tier"] for s in sim.engine.compile_stats] == ["quick", "optimised"]
    assert sim.engine.stats["tier_ups"] == 1
    assert sim.read(0, "out", 4) == first
    native._cache.clear()  # as a new process would start: the optimised code, from the disk
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.launch()
    assert [(s["tier"], s["source"]) for s in sim.engine.compile_stats] == [("optimised", "disk")]
    assert_same_dpu(reference_dpus(prog, 1)[0], sim.dpus[0])


def test_hot_means_a_time_that_grows_with_the_program_s_length(cache_dir, monkeypatch):
    """The program's own length (not the IRAM's 4096 words): a small kernel is hot after a
    tenth of a second or so, a large program after seconds."""
    assert native.hot_seconds(30) < 0.2 < 2 < native.hot_seconds(1000)
    asked = []
    monkeypatch.setattr(native, "hot_seconds", lambda slots: asked.append(slots) or 1e9)
    prog = build(LOOP.format(n=300))
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.launch()
    length = max(i + 1 for i, w in enumerate(prog.iram) if w)
    assert asked and set(asked) == {length} and length < 20
    [code] = native._cache.values()
    assert code.tier == "quick" and code.upgrade == ""  # not hot


def test_the_tier_can_be_chosen(cache_dir, monkeypatch):
    monkeypatch.setattr(native, "hot_seconds", lambda slots: 0.0)
    prog = build(LOOP.format(n=3000))
    sim = Simulator(engine="native")
    sim.engine = NativeEngine(tier="quick")  # never compiled optimised
    sim.load(prog)
    sim.launch()
    assert native.wait_for_upgrades(timeout=300)
    assert [s["tier"] for s in sim.engine.compile_stats] == ["quick"]
    assert [c.tier for c in native._cache.values()] == ["quick"]
    sim.engine = NativeEngine(tier="optimised")  # compiled optimised before the run
    sim.launch()
    assert [s["tier"] for s in sim.engine.compile_stats] == ["optimised"]
    assert [c.tier for c in native._cache.values()] == ["optimised"]
    with pytest.raises(ValueError, match="unknown tier"):
        NativeEngine(tier="fast")


def test_a_failed_tier_up_leaves_the_runs_on_the_quick_code(cache_dir, monkeypatch):
    monkeypatch.setattr(native, "hot_seconds", lambda slots: 0.0)

    def fail(words, model):
        raise RuntimeError("no memory left")

    monkeypatch.setattr(native, "_compile_elsewhere", fail)
    prog = build(LOOP.format(n=3000))
    sim = Simulator(engine="native")
    sim.load(prog)
    sim.launch()
    assert native.wait_for_upgrades(timeout=300)
    [code] = native._cache.values()
    assert code.tier == "quick" and code.upgrade == "RuntimeError: no memory left"
    sim.launch()  # not tried again
    assert [s["tier"] for s in sim.engine.compile_stats] == ["quick"]
    assert code.upgrade == "RuntimeError: no memory left"
    assert_same_dpu(reference_dpus(prog, 1)[0], sim.dpus[0])


TIER_UP_AT_EXIT = """
import sys
import time
sys.path.insert(0, {tests!r})
from test_sim_vector import build
from test_sim_native import LOOP
from dpusim import native
from dpusim.simulator import Simulator
native.hot_seconds = lambda slots: 0.0
native._CHILD = "import time; time.sleep(120)"  # a compile that outlives this process
sim = Simulator(engine="native")
sim.load(build(LOOP.format(n=3000)))
sim.launch()
while not native._children:  # until the tier-up's compiling process runs
    time.sleep(0.001)
[child] = native._children
print(int.from_bytes(sim.read(0, "out", 4), "little"), child.pid)
"""


def test_a_process_that_ends_during_a_tier_up_ends_at_once_and_stops_the_compile(tmp_path):
    """The optimised code is compiled by a child process, which a process that ends kills (its
    own LLVM must not run while it tears down, and nobody waits for a compile no run will use):
    it ends cleanly, and the quick code is the one in the disk cache."""
    script = TIER_UP_AT_EXIT.format(tests=os.path.dirname(__file__))
    env = {**os.environ, "DPUSIM_CACHE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out, pid = done.stdout.split()
    assert out.isdigit() and done.stderr == ""
    for _ in range(100):  # the killed child, reaped by its new parent
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the compiling process outlived its parent")
    assert [p.name[-8:] for p in tmp_path.glob("native-*")] == ["-quick.o"]


def test_a_compiling_process_that_fails_says_why():
    with pytest.raises(RuntimeError, match="compiling process ended with status 1: "
                                           "AttributeError"):
        native._compile_elsewhere([1, 2, 3], None)
