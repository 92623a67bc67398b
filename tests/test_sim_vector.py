"""The vectorized and native engines against the reference engine, field by field.

Every test runs the same program on the same DPUs with every engine and compares everything an
engine writes: registers, pc, flags, tasklet state, ready cycle, instruction and cycle counts,
the DPU's cycle, round-robin position, DMA engine, time counter, WRAM, MRAM, atomic bits, IRAM
and the fault (the reference runs DPU by DPU; the vector engine runs them all and raises the
lowest-index fault, which must equal the reference's fault of that DPU).

Random programs are built straight from the ISA table (``isa.FORMS`` + ``isa.encode``), so every
form and condition can appear; several DPUs get different inputs so the vector engine runs some
values as arrays, splits groups on divergent branches and replays faults.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_programs import SPIN_LOCK_PROGRAM

from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpucore import elf, isa, memory
from dpusim.faults import DpuFault
from dpusim.program import Program, load_program
from dpusim.reference import Observer
from dpusim.simulator import ENGINES, Simulator
from dpusim.vector import OPCODE_TABLE, VectorEngine

M = 0xFFFFFFFF

# ----------------------------------------------------------------------------- harness


def build(text: str) -> Program:
    obj = elf.write_elf(assemble(text, "prog.s", debug=True))
    return load_program(elf.write_elf(link([("prog.o", obj)]).elf), "prog")


def snapshot(d) -> dict:
    return {
        "cycle": d.cycle, "instructions": d.instructions, "last_issued": d.last_issued,
        "dma_free_at": d.dma_free_at,
        "counter": (d.counter_mode, d.counter_base, d.counter_frozen),
        "wram": bytes(d.wram), "atomic": bytes(d.atomic), "iram": list(d.iram),
        "mram": {k: bytes(v) for k, v in d.mram.pages.items() if any(v)},
        "tasklets": [(t.id, list(t.regs), t.pc, t.zf, t.cf, t.state, t.ready_at,
                      t.instructions, t.cycles, t.started_at, t.waiting) for t in d.tasklets],
    }


def assert_same_dpu(a, b, where: str = "") -> None:
    sa, sb = snapshot(a), snapshot(b)
    for key in sa:
        if sa[key] != sb[key]:
            if key == "tasklets":
                for ta, tb in zip(sa[key], sb[key]):
                    assert ta == tb, f"{where} DPU {a.index}: tasklet {ta[0]} differs"
            if key in ("wram", "mram"):
                raise AssertionError(f"{where} DPU {a.index}: {key} differs")
            assert sa[key] == sb[key], f"{where} DPU {a.index}: {key} differs"


# the reference first: every other engine is compared with it
ENGINES_UNDER_TEST = ("ref", "vector", "native")


def run_both(program: Program, inputs: list[dict] | None = None, nr_dpus: int | None = None,
             max_cycles: int | None = 200_000, boot: tuple[int, ...] = (0,),
             setup=None, native_tier: str = "auto") -> tuple[Simulator, Simulator]:
    """Run `program` with both engines and compare every DPU and every fault.

    `inputs[i]` maps a symbol or address to bytes written to DPU i; `setup(sim)` runs after
    that; `boot` lists the tasklets booted on every DPU (empty: `setup` boots).  The native
    engine runs short runs on its quick code; `native_tier="optimised"` runs the optimised code.
    """
    nr_dpus = nr_dpus or (len(inputs) if inputs else 1)
    sims = {}
    faults = {}
    for engine in ENGINES_UNDER_TEST:
        sim = Simulator(nr_dpus=nr_dpus, engine=engine)
        if engine == "native":
            sim.engine.tier = native_tier
        sim.load(program)
        for i, inp in enumerate(inputs or []):
            for addr, data in inp.items():
                sim.write(i, addr, data)
        if setup:
            setup(sim)
        if boot:
            for d in sim.dpus:
                d.reset_tasklets()
                for k in boot:
                    d.boot(k)
        if engine == "ref":
            found = {}
            for d in sim.dpus:
                try:
                    sim.engine.run(d, max_cycles)
                except DpuFault as e:
                    found[d.index] = e.info
            faults[engine] = found
        else:
            lowest = None
            try:
                sim.run(max_cycles)
            except DpuFault as e:
                lowest = e.info
            found = {i: e.info for i, e in sim.engine.last_faults.items()}
            assert lowest == (found[min(found)] if found else None)
            faults[engine] = found
        sims[engine] = sim
    for engine in ENGINES_UNDER_TEST[1:]:
        for a, b in zip(sims["ref"].dpus, sims[engine].dpus):
            assert_same_dpu(a, b, engine)
        assert faults["ref"] == faults[engine], engine
    return sims["ref"], sims[ENGINES_UNDER_TEST[1]]


def run_text(text: str, **kw) -> tuple[Simulator, Simulator]:
    return run_both(build(".text\n.globl __bootstrap\n__bootstrap:\n" + text), **kw)


# ----------------------------------------------------------------------------- API


def test_engine_is_registered_and_covers_every_form():
    assert ENGINES["vector"] is VectorEngine
    assert set(OPCODE_TABLE) == {f.opcode for f in isa.FORMS}


def test_simulator_api_with_the_vector_engine():
    prog = build("""
        .text
        .globl __bootstrap
    __bootstrap:
        lw r0, zero, x
        add r0, r0, 1
        sw zero, x, r0
        stop
        .data
        .p2align 2
    x: .long 41
    """)
    sim = Simulator(nr_dpus=3, engine="vector")
    sim.load(prog)
    sim.write(2, "x", (99).to_bytes(4, "little"))
    sim.launch()
    assert [sim.read(i, "x", 4) for i in range(3)] == [(42).to_bytes(4, "little")] * 2 + [
        (100).to_bytes(4, "little")]
    assert sim.tasklet(0, 0).regs[0] == 42 and sim.tasklet(2, 0).regs[0] == 100
    assert sim.dpus[1].instructions == 4


def test_observer_runs_the_reference_schedule():
    class Count(Observer):
        n = 0

        def issue(self, dpu, t, pc, cycle, form):
            self.n += 1

    obs = Count()
    sim = Simulator(nr_dpus=2, engine="vector", observer=obs)
    sim.load(build(".text\n.globl __bootstrap\n__bootstrap:\nnop\nnop\nstop\n"))
    sim.launch()
    assert obs.n == 6


def test_one_word_at_many_pcs_is_compiled_once_and_continues_after_each():
    """A slot's code is compiled once per instruction word; each pc gets it with its own next
    pc, in a call's return address too, and the reference agrees where the word repeats."""
    from dpusim import vector
    prog = build("""
        .text
        .globl __bootstrap
    __bootstrap:
        call r23, f
        call r23, f
        move r1, r2
        call r23, f
        stop
    f:  add r2, r2, 1
        move r1, r2
        jump r23
    """)
    words = prog.iram
    model = Simulator().dpus[0].model
    assert words[0] == words[1] == words[3] and words[2] == words[6]
    vector._TEMPLATES.clear()
    vector._COMPILED.clear()
    for mode in ("s", "v"):
        slots = [vector.compile_slot(words[2], pc, mode, model) for pc in (2, 6, 4000)]
        assert len({s.__code__.co_code for s in slots}) == 1
        assert "return 3" in slots[0].source and "return 7" in slots[1].source
        assert slots[2].__code__.co_filename == f"<dpu slot 4000: {mode}>"
        calls = [vector.compile_slot(words[0], pc, mode, model) for pc in (0, 1, 3)]
        assert [c.source.count(f"= {pc + 1}\n") for c, pc in zip(calls, (0, 1, 3))] == [1] * 3
    assert len(vector._TEMPLATES) == 4  # (two words, two modes)
    past = [vector.compile_slot(w, model.iram_instructions + k, "s", model)
            for k, w in enumerate(words[:3])]
    assert {f.source for f in past} == {"def f(R, T, C):\n    return REPLAY\n"}
    assert len(vector._TEMPLATES) == 5  # (one for any word outside IRAM)
    ref, vec = run_both(prog)
    assert vec.dpus[0].tasklets[0].regs[1] == 3 and vec.dpus[0].tasklets[0].regs[23] == 4
# ----------------------------------------------------------------------------- fixed programs

REFERENCE_PROGRAMS = {
    "alu": """
        move r1, 0x12345678
        move r2, 0x9abcdef1
        add r3, r1, r2
        sub r4, r1, r2
        rsub r5, r1, r2
        and r6, r1, r2
        andn r7, r1, r2
        nor r8, r1, r2
        lsl r9, r1, r2
        asr r10, r2, 7
        ror r11, r1, r2
        cmpb4 r12, r1, r2
        mul_sh_sl r13, r1, r2
        hash r14, r1, r2
        cao r15, r1
        clz r16, r2
        cls r17, r2
        sats r18, r2
        lsl1x r19, r1, 9
        lsrx r20, r1, r2
        stop
    """,
    "comparisons": """
        move r1, 5
        move r2, -3
        move r0, 0
        jlts r2, r1, 1f
        or r0, r0, 1
    1:  jgtu r2, r1, 2f
        or r0, r0, 2
    2:  sub zero, r1, r2, ov, 3f
        or r0, r0, 4
    3:  add r3, r2, 3, z, 4f
        or r0, r0, 8
    4:  stop
    """,
    "64-bit": """
        move r1, 0xffffffff
        move r0, 1
        move r3, 1
        move r2, 0
        add r5, r1, r3
        addc r4, r0, r2
        sub zero, r1, r3
        subc zero, r0, r2, xleu, 1f
        move r6, 7
    1:  move r7, 9
        stop
    """,
    "mul_div_steps": """
        move r0, 1234567
        move r1, 0
        move r2, 891
        """ + "".join(f"mul_step d0, r2, d0, {k}, z, 1f\n" for k in range(32)) + """
    1:  move r10, 0
        move r11, 1000000007
        move r12, 97
        """ + "".join(f"div_step d10, r12, d10, {k}\n" for k in range(31, -1, -1)) + """
        stop
    """,
    "set_forms_extension_counts": """
        move r1, -5
        add r2, r1, 5, z
        add r3, r1, 6, z
        move.s d4, r1
        move.u d6, r1
        clz r8, r1
        cls r9, r1
        cao r10, r1
        extsb r11, r1
        extub r12, r1
        lsl_add r13, r1, r1, 2
        stop
    """,
    "loads_stores": """
        move r1, buf
        move r2, 0x12345678
        sw r1, 0, r2
        lbu r3, r1, 0
        lhs r4, r1, 2
        lw !big, r5, r1, 0
        sw !big, r1, 4, r2
        lw r6, r1, 4
        move r7, 0x89abcdef
        sd r1, 8, d6
        lw r8, r1, 8
        lw r9, r1, 12
        ld d10, r1, 8
        ld !big, d14, r1, 8
        sd !big, r1, 16, d14
        sh !big, r1, 24, r2
        lhu !big, r16, r1, 24
        sb r1, 26, -1
        sh_id r1, 28, 0x100
        sw_id r1, 32, 3
        sd_id r1, 40, -2
        lbs.s d12, r1, 26
        lw.u d18, r1, 0
        stop
        .data
        .p2align 3
    buf: .zero 48
    """,
    "time_and_pairs": """
        move r8, 3
        time_cfg r9, r8
        nop
        time r3
        move r8, 5
        time_cfg r10, r8
        time r4
        movd d12, d8
        swapd d14, d8
        stop
    """,
}


@pytest.mark.parametrize("name", sorted(REFERENCE_PROGRAMS))
def test_fixed_programs(name):
    run_text(REFERENCE_PROGRAMS[name])


def test_dma_program_and_timing():
    run_text("""
        move r1, wbuf
        move r2, mdata
        move r8, 3
        time_cfg r9, r8
        ldma r1, r2, 7
        time r3
        add r4, r1, 64
        sdma r4, r2, 3
        move r5, 0x3000040          // size field 3 in the high byte: (3 + 4 + 1) * 8 bytes
        add r5, r5, wbuf
        ldma r5, r2, 4
        time r6
        stop
        .data
        .p2align 3
    wbuf: .zero 256
        .section .mram,"aw",@progbits
        .p2align 3
    mdata: .long 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
    """)


@pytest.mark.parametrize("text,cycles", [
    ("move r1, 65536\nnop\nlw r0, r1, 0\nstop", None),
    ("move r1, 2\nlw r0, r1, 0\nstop", None),
    ("fault 2", None),
    ("move r1, 8\nmove r2, 0x4000000\nldma r1, r2, 0\nstop", None),
    ("move r1, 12\nmove r2, 0\nsdma r1, r2, 0\nstop", None),
    ("jump 5000", None),
    ("jump 100", None),
    ("move r1, 70000\ncall r23, r1, 0", None),
    ("1: jump 1b", 1000),
    ("bkp", None),
])
def test_faults_match(text, cycles):
    for n in (1, 3):
        run_text(text, nr_dpus=n, max_cycles=cycles)


def test_single_tasklet_and_saturation():
    run_text("nop\n" * 9 + "stop")
    for n in (1, 5, 11, 16, 24):
        body = "".join(f"boot zero, {k}\n" for k in range(1, n))
        run_text(f"""
            jnz id, 1f
            {body}
        1:  {"nop" + chr(10)}""" + "nop\n" * 60 + "stop")


def test_boot_stop_resume_and_a_spin_lock():
    run_text(SPIN_LOCK_PROGRAM, nr_dpus=2)


LOCK_PROGRAM = """
        .set NT, {nt}
        jnz id, worker
        move r0, 1
    boot_all:
        boot r0, 0
        add r0, r0, 1
        jltu r0, NT, boot_all
    worker:
        lw r5, zero, rounds
        move r6, 0
    again:
        acquire zero, 3, nz, .
        lw r1, zero, counter
        add r1, r1, id
        add r1, r1, 1
        sw zero, counter, r1
        release zero, 3, nz, 1f
    1:  add r6, r6, 1
        jltu r6, r5, again
        // barrier: count arrivals under a lock, then spin until everybody arrived
        acquire zero, 4, nz, .
        lw r2, zero, arrived
        add r2, r2, 1
        sw zero, arrived, r2
        release zero, 4, nz, 2f
    2:  lw r2, zero, arrived
        jltu r2, NT, 2b
        time r9
        stop
        .data
        .p2align 2
    rounds: .long 3
    counter: .long 0
    arrived: .long 0
"""


@pytest.mark.parametrize("nt", [2, 12, 16])
def test_locks_and_barrier_many_tasklets(nt):
    rounds = [3, 3, 5, 1]
    run_text(LOCK_PROGRAM.format(nt=nt), inputs=[
        {"rounds": r.to_bytes(4, "little")} for r in rounds])


STREAM = """
        .set NT, {nt}
        jnz id, main
        move r0, 1
    boot_all:
        boot r0, 0
        add r0, r0, 1
        jltu r0, NT, boot_all
    main:
        move r1, buffers
        lsl_add r10, r1, id, 7
        move r11, id
        lw r12, zero, nblocks
    blocks:
        jgeu r11, r12, done
        lsl r13, r11, 7
        add r14, r13, minput
        ldma r10, r14, 15
        move r15, r10
        add r16, r10, 128
    words:
        lw r2, r15, 0
        jz r2, 1f                   // data-dependent control flow
        xor r3, r2, 0x5bd1e995
        lsl_add r2, r3, r2, 3
    1:  rol r2, r2, 5
        sw r15, 0, r2
        add r15, r15, 4
        jltu r15, r16, words
        add r14, r13, moutput
        sdma r10, r14, 15
        add r11, r11, NT
        jump blocks
    done:
        stop
        .data
        .p2align 3
    nblocks: .long {blocks}
        .p2align 7
    buffers: .zero {bufbytes}
        .section .mram,"aw",@progbits
        .p2align 7
    minput:  .zero {mbytes}
    moutput: .zero {mbytes}
"""


@pytest.mark.parametrize("nt,blocks", [(4, 6), (16, 20)])
def test_streaming_dma_many_dpus_different_inputs(nt, blocks):
    rng = random.Random(nt)
    text = STREAM.format(nt=nt, blocks=blocks, bufbytes=128 * nt, mbytes=128 * blocks)
    base = rng.randbytes(128 * blocks)
    zeros = bytearray(base)
    zeros[0:64] = bytes(64)  # some zero words: a different path on this DPU
    inputs = [{"minput": base}, {"minput": base}, {"minput": bytes(zeros)},
              {"minput": rng.randbytes(128 * blocks)}]
    run_text(text, inputs=inputs)


def test_continue_after_cycle_limit():
    text = ".text\n.globl __bootstrap\n__bootstrap:\nmove r1, 300\n1: add r1, r1, -1, nz, 1b\nstop"
    prog = build(text)
    states = []
    for engine in ENGINES_UNDER_TEST:
        sim = Simulator(nr_dpus=2, engine=engine)
        sim.load(prog)
        sim.boot()
        with pytest.raises(DpuFault, match="cycle limit"):
            sim.run(max_cycles=1000)
        sim.run()
        states.append(sim)
    for other in states[1:]:
        for a, b in zip(states[0].dpus, other.dpus):
            assert_same_dpu(a, b)


@pytest.mark.parametrize("engine", ENGINES_UNDER_TEST[1:])
def test_lowest_index_fault_is_raised_and_others_run_on(engine):
    prog = build(".text\n.globl __bootstrap\n__bootstrap:\nlw r1, zero, x\nlw r0, r1, 0\n"
                 "add r2, r0, 1\nstop\n.data\n.p2align 2\nx: .long 16\n")
    sim = Simulator(nr_dpus=4, engine=engine)
    sim.load(prog)
    sim.write(1, "x", (3).to_bytes(4, "little"))   # misaligned
    sim.write(3, "x", (1 << 20).to_bytes(4, "little"))  # out of range
    sim.boot()
    with pytest.raises(DpuFault) as exc:
        sim.run()
    assert exc.value.dpu == 1 and "misaligned" in str(exc.value)
    assert sim.dpus[0].tasklets[0].regs[2] == 1 and sim.dpus[2].tasklets[0].regs[2] == 1
    assert sim.dpus[3].tasklets[0].pc == 1


# ----------------------------------------------------------------------------- random programs

ALU = ("arith", "logic", "shift", "shift_add", "count", "extend", "compare_bytes", "mul8",
       "step", "pair", "time")
MEMORY = ("load", "store", "store_id")
CONTROL = ("atomic", "tasklet", "call", "nop", "dma")
FORMS_BY_CATEGORY: dict[str, list[isa.Form]] = {}
for _f in isa.FORMS:
    FORMS_BY_CATEGORY.setdefault(_f.category, []).append(_f)

INPUT = 0x100  # 24 words of per-DPU input, loaded into r0..r23
DATA = 0x400  # a WRAM area for loads and stores
ADDRESS_REG = 23  # holds a per-DPU address in the data area; never a random destination
PROLOGUE = 12


def _imm(rng: random.Random, op: isa.Operand) -> int:
    lo, hi = op.lo, op.hi
    choice = rng.random()
    if choice < 0.3:
        v = rng.randint(-8, 8)
    elif choice < 0.45:
        v = rng.choice([lo, hi, 0, 1, -1, 31, 32, 0x7FFF, 0x8000, M, 0x80000000])
    else:
        v = rng.randint(lo, hi)
    return min(max(v, lo), hi)


def random_form(rng: random.Random, categories) -> isa.Form:
    return rng.choice(FORMS_BY_CATEGORY[rng.choice(categories)])


def random_instruction(rng: random.Random, form: isa.Form, index: int, end: int,
                       faults: bool, loops: bool) -> int:
    values = []
    memory_form = form.category in MEMORY
    for op in form.operands:
        if op.kind == "zero":
            values.append(0)
        elif op.kind == "cond":
            values.append(isa.CONDITION_CODES[rng.choice(op.conditions)])
        elif op.kind == "endian":
            values.append(rng.randint(0, 1))
        elif op.role == "pc":
            if loops and rng.random() < 0.3:
                values.append(rng.randint(PROLOGUE, end))
            else:
                values.append(rng.randint(min(index + 1, end), min(index + 6, end)))
        elif op.kind in ("wreg", "sreg") and op.role in ("rc", "sc"):
            values.append(rng.choice([r for r in range(24) if r != ADDRESS_REG]))
        elif op.kind == "dreg":
            if op.role == "dc":
                values.append(rng.randrange(0, 22, 2))
            else:
                values.append(rng.randrange(0, 24, 2))
        elif op.kind in ("reg", "kreg", "sreg", "wreg"):
            if memory_form and op.role in ("ra", "sa") and not (faults and rng.random() < 0.2):
                values.append(rng.choice([ADDRESS_REG, ADDRESS_REG, 24])
                              if op.kind != "sreg" else ADDRESS_REG)
            elif form.category in ("dma", "call") and not faults:
                values.append(24)
            else:
                values.append(rng.randint(op.lo, op.hi))
        elif op.role == "off" and memory_form and not faults:
            # 8-aligned, inside the data area from either base (zero or the address register)
            values.append(rng.randrange(0, 0x100, 8) + (DATA if rng.random() < 0.5 else 0))
        elif op.role == "off" and form.category == "call" and not faults:
            values.append(rng.randint(min(index + 1, end), min(index + 6, end)))
        elif op.role == "immDma" and not faults:
            values.append(rng.randint(0, 15))
        else:
            values.append(_imm(rng, op))
    return isa.encode(form, values)


def random_program(seed: int, n: int, categories, faults: bool = False,
                   loops: bool = False) -> Program:
    rng = random.Random(seed)
    ld = isa.FORM_BY_ID["ld_erri"]
    words = [isa.encode(ld, [0, 2 * k, 24, INPUT + 8 * k]) for k in range(12)]
    end = PROLOGUE + n
    for i in range(PROLOGUE, end):
        form = random_form(rng, categories)
        if form.base in ("ldmai", "time_cfg") and not faults and rng.random() < 0.7:
            form = isa.FORM_BY_ID["nop_"]
        if form.category == "fault" and not faults:
            form = isa.FORM_BY_ID["nop_"]
        words.append(random_instruction(rng, form, i, end, faults, loops))
    words.append(isa.encode(isa.FORM_BY_ID["stop_ci"], [0, 0]))
    return Program(f"random{seed}", words,
                   {memory.IRAM: [], memory.WRAM: [], memory.MRAM: [], memory.ATOMIC: []}, {})


def random_inputs(seed: int, nr_dpus: int) -> list[dict]:
    """Per-DPU register inputs: some DPUs equal, some partly equal, some different."""
    rng = random.Random(seed ^ 0x5EED)

    def regs() -> list[int]:
        vals = [rng.choice([0, 1, M, 0x80000000, 0x7FFFFFFF, rng.getrandbits(32),
                            rng.getrandbits(8), rng.getrandbits(16)]) for _ in range(24)]
        vals[ADDRESS_REG] = DATA + 8 * rng.randrange(0, 64)
        return vals

    first = regs()
    out = []
    for i in range(nr_dpus):
        if i == 0 or i == 1:
            r = list(first)
        elif i == 2:
            r = [x if rng.random() < 0.6 else y for x, y in zip(first, regs())]
        else:
            r = regs()
        # `ld d2k` puts the word at the lower address in the odd register r2k+1
        data = b"".join(r[w ^ 1].to_bytes(4, "little") for w in range(24))
        wram = rng.randbytes(0x800) if i >= 2 else random.Random(seed).randbytes(0x800)
        mram = random.Random(seed + (i if i >= 2 else 0)).randbytes(0x1000)
        out.append({0x200: wram[0x200:], INPUT: data, memory.MRAM_BASE: mram})
    return out


@settings(max_examples=100, deadline=None, derandomize=True)
@given(seed=st.integers(0, 1 << 30), n=st.integers(1, 40))
def test_random_alu_programs(seed, n):
    prog = random_program(seed, n, ALU)
    run_both(prog, random_inputs(seed, 4))
    run_both(prog, random_inputs(seed, 1))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(seed=st.integers(0, 1 << 30), n=st.integers(1, 40))
def test_random_memory_and_control_programs(seed, n):
    prog = random_program(seed, n, ALU + MEMORY + MEMORY + CONTROL)
    run_both(prog, random_inputs(seed, 4), max_cycles=20_000)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(seed=st.integers(0, 1 << 30), n=st.integers(1, 30))
def test_random_programs_with_faults_and_loops(seed, n):
    prog = random_program(seed, n, ALU + MEMORY + CONTROL + ("fault",), faults=True, loops=True)
    run_both(prog, random_inputs(seed, 4), max_cycles=5_000)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(seed=st.integers(0, 1 << 30), n=st.integers(1, 30))
def test_random_multi_tasklet_programs(seed, n):
    """Several tasklets run the same random code at once (shared WRAM, atomics, DMA)."""
    prog = random_program(seed, n, ALU + MEMORY + CONTROL, loops=True)
    run_both(prog, random_inputs(seed, 3), max_cycles=10_000, boot=(0, 1, 2, 5, 11, 12, 13))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, derandomize=True)
@given(seed=st.integers(0, 1 << 30), n=st.integers(1, 80))
def test_random_programs_many(seed, n):
    cats = ALU + MEMORY + CONTROL + ("fault",)
    prog = random_program(seed, n, cats, faults=seed % 3 == 0, loops=seed % 2 == 0)
    # (three DPUs of inputs each: more programs, rather than more inputs to each, for the time)
    run_both(prog, random_inputs(seed, 3), max_cycles=10_000,
             boot=(0,) if seed % 4 else (0, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20))


@settings(max_examples=30, deadline=None, derandomize=True)
@given(seed=st.integers(0, 1 << 30), n=st.integers(1, 60))
def test_random_programs_on_optimised_native_code(seed, n):
    """The tests above run the native engine's quick code (their runs are too short for a
    tier-up); these run the code LLVM's optimiser made, which a long run moves to."""
    cats = ALU + MEMORY + CONTROL + ("fault",)
    prog = random_program(seed, n, cats, faults=seed % 3 == 0, loops=seed % 2 == 0)
    run_both(prog, random_inputs(seed, 4), max_cycles=10_000,
             boot=(0,) if seed % 4 else (0, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20),
             native_tier="optimised")


@pytest.mark.parametrize("seed", [5, 6])
def test_a_larger_random_program_on_optimised_native_code(seed):
    """Over SMALL_PROGRAM instructions, the optimised code is made by another pipeline (O1, and
    the check of each access ahead called, not inlined)."""
    from dpusim import translate
    cats = ALU + MEMORY + CONTROL
    prog = random_program(seed, translate.SMALL_PROGRAM + 20, cats, loops=True)
    run_both(prog, random_inputs(seed, 3), max_cycles=20_000, boot=(0, 1, 2, 7),
             native_tier="optimised")


SHIFTS = ("lsl", "lsr", "asr", "rol", "ror", "lsl1", "lsr1", "lslx", "lsrx", "lsl1x", "lsr1x")


@pytest.mark.parametrize("value", [0x80000001, 0x12345678, 0xFFFFFFFF, 0])
def test_all_shifts_by_every_kind_of_amount(value):
    lines = [f"move r1, {value}", "lw r3, zero, other"]
    for amount in list(range(0, 34)) + [63]:
        lines.append(f"move r2, {amount}")
        for op in SHIFTS:
            if amount < 32:
                lines += [f"{op} r4, r1, {amount}", f"{op} r5, r3, {amount}"]
            lines += [f"{op} r6, r1, r2", f"{op} r7, r3, r2", f"{op} r8, r3, r2, sh32, 1f",
                      "1:", "xor r9, r9, r8", "add r10, r10, r7"]
    for const in ("zero", "one", "lneg", "mneg", "id", "id8"):
        for op in SHIFTS:
            lines += [f"{op} r4, r1, {const}", f"{op} r5, r3, {const}", "xor r9, r9, r4",
                      "add r10, r10, r5"]
    lines.append("stop\n.data\n.p2align 2\nother: .long 0x87654321")
    inputs = [{"other": x.to_bytes(4, "little")} for x in (1, 0xFFFF0000, 0x80000000, 77)]
    run_text("\n".join(lines), inputs=inputs)


def test_v1b_model_and_dpu_subsets():
    prog_text = ".text\n.globl __bootstrap\n__bootstrap:\n" + """
        jnz id, 1f
        boot zero, 15
        boot zero, 16               // v1B has 16 tasklets: no tasklet 16
    1:  move r1, 63480
        sd r1, 0, d0
        lw r2, r1, 4
        acquire zero, 63, nz, 2f
    2:  acquire zero, 64, z, 3f     // bit 64 wraps to bit 0 on v1B
        move r3, 1
    3:  stop
    """
    obj = elf.write_elf(assemble(prog_text, "prog.s"))
    prog = load_program(elf.write_elf(link([("prog.o", obj)]).elf), "prog", memory.V1B)
    sims = []
    for engine in ENGINES_UNDER_TEST:
        sim = Simulator(nr_dpus=4, engine=engine, model=memory.V1B)
        sim.load(prog)
        sim.boot([0, 2, 3])
        sim.run(dpus=[0, 2] if engine != "ref" else None)
        sims.append(sim)
    for other in sims[1:]:
        for i in (0, 2):
            assert_same_dpu(sims[0].dpus[i], other.dpus[i])
        assert other.dpus[3].instructions == 0  # booted but not run


def test_ldmai_loads_code_then_runs_it():
    words = [isa.encode(isa.FORM_BY_ID["add_rri"], [1, 1, 5]),
             isa.encode(isa.FORM_BY_ID["add_rri"], [2, 1, 1]),
             isa.encode(isa.FORM_BY_ID["stop_ci"], [0, 0])]
    code = b"".join(w.to_bytes(8, "little") for w in words) + bytes(8)
    other = bytearray(code)
    other[0:8] = isa.encode(isa.FORM_BY_ID["add_rri"], [1, 1, 7]).to_bytes(8, "little")
    text = """
        move r1, 10
        move r4, 8 * 2000           // IRAM byte address of slot 2000
        move r5, mcode
        ldmai r4, r5, 3
        call r23, zero, 2000
        .section .mram,"aw",@progbits
        .p2align 3
    mcode: .zero 32
    """
    run_text(text, inputs=[{"mcode": code}, {"mcode": code}, {"mcode": bytes(other)}])


def test_dpus_with_different_iram_and_boots():
    prog = build(".text\n.globl __bootstrap\n__bootstrap:\nmove r1, 3\nadd r1, r1, id\n"
                 "jnz id, 1f\nboot zero, 1\n1: stop\n")

    def setup(sim):
        # DPU 1 runs a patched second instruction: add r1, r1, 100
        word = isa.encode(isa.FORM_BY_ID["add_rri"], [1, 1, 100])
        sim.write(1, memory.IRAM_BASE + 8, word.to_bytes(8, "little"))

    run_both(prog, nr_dpus=3, setup=setup, boot=(0,))
    run_both(prog, nr_dpus=3, setup=setup, boot=(0, 1, 2))


# ----------------------------------------------------------------------------- every form once


def _single_step_cases(category: str, seed: int):
    """(form, word): every form of the category, and every (operation, condition) pair."""
    rng = random.Random(seed)
    covered = set()
    for form in FORMS_BY_CATEGORY[category]:
        cond = form.cond
        conds = [None]
        if cond:
            conds = [rng.choice(cond.conditions)]
            conds += [c for c in cond.conditions if (form.base, c) not in covered]
            covered.update((form.base, c) for c in cond.conditions)
        for cname in dict.fromkeys(conds):
            values = []
            for op in form.operands:
                if op.kind == "cond":
                    values.append(isa.CONDITION_CODES[cname])
                elif op.role == "pc":
                    values.append(2)
                elif op.kind == "zero":
                    values.append(0)
                elif op.kind == "dreg":
                    values.append(rng.randrange(0, 24, 2))
                elif op.kind in ("reg", "kreg", "wreg", "sreg"):
                    # mostly general registers; constants now and then
                    if op.kind == "kreg" or (op.kind == "reg" and rng.random() < 0.2):
                        values.append(rng.randint(24, 31))
                    else:
                        values.append(rng.randrange(24))
                elif op.role == "off" and category in MEMORY:
                    values.append(rng.choice([0, 8, -8, 16, 1, 2, 4]))
                elif op.role == "immDma":
                    values.append(rng.randint(0, 3))
                else:
                    values.append(_imm(rng, op))
            yield form, isa.encode(form, values)


def _lane_registers(rng: random.Random, form: isa.Form) -> list[int]:
    regs = []
    for _ in range(24):
        regs.append(rng.choice([0, 1, 2, M, 0x80000000, 0x7FFFFFFF, 31, 32, 33, 63, 255, 256,
                                rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(6)]))
    if form.category in MEMORY + ("dma",):
        for r in range(24):  # valid, aligned addresses (different per lane) in most registers
            if rng.random() < 0.9:
                regs[r] = DATA + 8 * rng.randrange(0, 200)
    if form.category == "call":
        for r in range(24):
            if rng.random() < 0.5:
                regs[r] = rng.choice([0, 1, 2])
    return regs


@pytest.mark.parametrize("category", sorted(FORMS_BY_CATEGORY))
def test_every_form_and_condition_single_step(category):
    """Each form with each condition, issued once on differing DPUs (arrays in the vector
    engine), on one DPU (its one-DPU code) and on two equal DPUs (ints in the vector code).

    The cases share a program: case k is slots 3k (the instruction), 3k+1 and 3k+2 (stops, the
    branch target); its DPUs start at 3k, and the three groups of DPUs start at different
    cycles so that the vector engine keeps them apart."""
    stop = isa.encode(isa.FORM_BY_ID["stop_ci"], [0, 0])
    rng = random.Random(category)
    cases = list(_single_step_cases(category, len(category)))
    wram = rng.randbytes(0x1000)
    atomic = [bytes((b * 7 + i) % 3 == 0 for b in range(256)) for i in range(3)]
    configs = ((0, 5), (1000, 1), (2000, 2))  # (start cycle, DPUs); the last two equal
    per_case = sum(n for _, n in configs)
    for first in range(0, len(cases), 24):
        chunk = cases[first:first + 24]
        words = []
        for k, (form, word) in enumerate(chunk):
            # branch targets and `off`/`pc` fields were made for slot 0: move them to 3k
            dec_form, values = isa.decode(word)
            values = list(values)
            if "pc" in dec_form.roles:
                values[dec_form.roles["pc"]] = 3 * k + 2
            words += [isa.encode(dec_form, values), stop, stop]
        prog = Program(category, words, {memory.IRAM: [], memory.WRAM: [], memory.MRAM: [],
                                         memory.ATOMIC: []}, {})
        lanes = [[(_lane_registers(rng, form), rng.randint(0, 1), rng.randint(0, 1))
                  for _ in range(5)] for form, _ in chunk]

        def setup(sim):
            for d in sim.dpus:
                k, j = divmod(d.index, per_case)
                d.wram[DATA:DATA + len(wram)] = wram
                d.atomic[:] = atomic[d.index % 3]
                d.reset_tasklets()
                for start, n in configs:
                    if j < n:
                        break
                    j -= n
                d.cycle = start
                d.boot(0)
                t = d.tasklets[0]
                t.pc = 3 * k
                regs, t.zf, t.cf = lanes[k][0 if start == 2000 else j]
                t.regs[:] = regs

        try:
            run_both(prog, nr_dpus=per_case * len(chunk), setup=setup, boot=(),
                     max_cycles=5000)
        except AssertionError as e:
            raise AssertionError(f"{category} cases {first}..: {e}") from None
