"""The reference engine against independent expectations: Python arithmetic for the ALU, C-like
multiplication and division built from mul_step/div_step, memory layout, DMA timing, the
revolver schedule, tasklet control, locks, and every kind of fault."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_programs import SPIN_LOCK_PROGRAM

from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpucore import elf, memory
from dpusim import semantics as S
from dpusim.faults import DpuFault
from dpusim.program import load_program
from dpusim.simulator import Simulator
from dpusim.state import DpuState, TaskletState

M = 0xFFFFFFFF
u32 = st.integers(0, M)


def build(text: str, debug: bool = True):
    obj = elf.write_elf(assemble(text, "prog.s", debug=debug))
    exe = elf.write_elf(link([("prog.o", obj)]).elf)
    return load_program(exe, "prog")


def run(text: str, max_cycles: int = 1_000_000, boot_all: int = 1) -> Simulator:
    sim = Simulator()
    sim.load(build(".text\n.globl __bootstrap\n__bootstrap:\n" + text))
    sim.boot()
    for k in range(1, boot_all):
        sim.dpus[0].boot(k)
    sim.run(max_cycles)
    return sim


def regs(sim: Simulator, tasklet: int = 0) -> list[int]:
    return sim.tasklet(0, tasklet).regs


def s(x: int) -> int:
    return x - (1 << 32) if x & 0x80000000 else x


# ----------------------------------------------------------------------------- ALU


EXPECT = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "rsub": lambda a, b: b - a,
    "and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b,
    "andn": lambda a, b: ~a & b, "orn": lambda a, b: ~a | b, "nand": lambda a, b: ~(a & b),
    "nor": lambda a, b: ~(a | b), "nxor": lambda a, b: ~(a ^ b),
    "lsl": lambda a, b: a << (b & 63) if b & 63 < 32 else 0,
    "lsr": lambda a, b: a >> (b & 63),
    "asr": lambda a, b: s(a) >> min(b & 63, 31),
    "rol": lambda a, b: (a << (b & 31)) | (a >> (32 - (b & 31))) if b & 31 else a,
    "ror": lambda a, b: (a >> (b & 31)) | (a << (32 - (b & 31))) if b & 31 else a,
    "cmpb4": lambda a, b: sum(1 << 8 * i for i in range(4) if (a >> 8 * i) & 255 == (b >> 8 * i) & 255),
    "mul_ul_ul": lambda a, b: (a & 255) * (b & 255),
    "mul_sh_sl": lambda a, b: s(((a >> 8) & 255) << 24) // (1 << 24) * s((b & 255) << 24) // (1 << 24),
}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(a=u32, b=u32)
def test_register_operations_match_python(a, b):
    body = [f"move r1, {a}", f"move r2, {b}"]
    names = list(EXPECT)
    for i, op in enumerate(names):
        body.append(f"{op} r{3 + i}, r1, r2")
    sim = run("\n".join(body + ["stop"]))
    r = regs(sim)
    for i, op in enumerate(names):
        assert r[3 + i] == EXPECT[op](a, b) & M, op


@settings(max_examples=300, deadline=None, derandomize=True)
@given(a=u32, b=u32, cin=st.integers(0, 1))
def test_nc_conditions_are_no_carry_out_of_the_low_bits(a, b, cin):
    """ncK as its definition reads, against the closed form the semantics compute (addc adds
    the carry flag: cin)."""
    result = S.OPERATIONS["addc"](a, b, cin)
    for k in range(5, 15):
        low = (1 << k) - 1
        expected = ((a & low) + (b & low) + cin) >> k == 0
        assert S.condition_holds(f"nc{k}", result, a, 0) == expected, k


@settings(max_examples=60, deadline=None, derandomize=True)
@given(a=u32, b=u32)
def test_comparison_branches(a, b):
    """`jcc` sugar on every comparison: r0 collects one bit per condition that jumped."""
    conds = {"eq": a == b, "neq": a != b, "ltu": a < b, "leu": a <= b, "gtu": a > b,
             "geu": a >= b, "lts": s(a) < s(b), "les": s(a) <= s(b), "gts": s(a) > s(b),
             "ges": s(a) >= s(b)}
    body = [f"move r1, {a}", f"move r2, {b}", "move r0, 0"]
    for i, c in enumerate(conds):
        body += [f"j{c} r1, r2, 1f", "jump 2f", f"1: or r0, r0, {1 << i}", "2:"]
    sim = run("\n".join(body + ["stop"]))
    expected = sum(1 << i for i, v in enumerate(conds.values()) if v)
    assert regs(sim)[0] == expected


@settings(max_examples=40, deadline=None, derandomize=True)
@given(a=st.integers(0, (1 << 64) - 1), b=st.integers(0, (1 << 64) - 1))
def test_64_bit_add_and_chained_compare(a, b):
    """A 64-bit addition through the carry, and a 64-bit `<=` through `xleu`."""
    sim = run(f"""
        move r1, {a & M}
        move r0, {a >> 32}
        move r3, {b & M}
        move r2, {b >> 32}
        add r5, r1, r3
        addc r4, r0, r2
        move r6, 0
        sub zero, r1, r3
        subc zero, r0, r2, xleu, 1f
        jump 2f
    1:  move r6, 1
    2:  stop
    """)
    r = regs(sim)
    assert (r[4] << 32 | r[5]) == (a + b) & ((1 << 64) - 1)
    assert r[6] == int(a <= b)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(a=u32, b=u32)
def test_multiplication_from_mul_step(a, b):
    """32x32 -> low 32 bits with mul_step, as the runtime library will do it."""
    sim = run(f"""
        move r0, {b}       // d0 = (r0: multiplier bits, r1: accumulator)
        move r1, 0
        move r2, {a}
        mul_step d0, r2, d0, 0, z, 1f
        {"".join(f"mul_step d0, r2, d0, {k}, z, 1f{chr(10)}" for k in range(1, 32))}
    1:  stop
    """)
    assert regs(sim)[1] == (a * b) & M


@settings(max_examples=40, deadline=None, derandomize=True)
@given(a=u32, b=st.integers(1, M))
def test_division_from_div_step(a, b):
    sim = run(f"""
        move r0, 0          // d0 = (r0: quotient, r1: remainder)
        move r1, {a}
        move r2, {b}
        {"".join(f"div_step d0, r2, d0, {k}{chr(10)}" for k in range(31, -1, -1))}
        stop
    """)
    r = regs(sim)
    assert (r[0], r[1]) == (a // b, a % b)


def test_set_forms_extension_and_counts():
    sim = run("""
        move r1, -5
        add r2, r1, 5, z          // set form: 1 when the result is zero
        add r3, r1, 6, z
        move.s d4, r1
        move.u d6, r1
        clz r8, r1
        cls r9, r1
        cao r10, r1
        extsb r11, r1
        extub r12, r1
        lsl_add r13, r1, r1, 2    // r1 + (r1 << 2)
        stop
    """)
    r = regs(sim)
    assert r[2:4] == [1, 0]
    assert (r[4], r[5], r[6], r[7]) == (M, (-5) & M, 0, (-5) & M)
    assert (r[8], r[9], r[10], r[11], r[12], r[13]) == (0, 29, 31, (-5) & M, 251, (-25) & M)


# ----------------------------------------------------------------------------- memory


def test_loads_and_stores():
    sim = run("""
        move r1, buf
        move r2, 0x12345678
        sw r1, 0, r2
        lbu r3, r1, 0
        lhs r4, r1, 2
        lw !big, r5, r1, 0
        sw !big, r1, 4, r2
        lw r6, r1, 4
        move r7, 0x89abcdef
        sd r1, 8, d6              // d6 = (r6 high, r7 low)
        lw r8, r1, 8
        lw r9, r1, 12
        ld d10, r1, 8
        sb r1, 16, -1
        sh_id r1, 18, 0x100
        lbs.s d12, r1, 16
        stop
        .data
        .p2align 3
    buf: .zero 24
    """)
    r = regs(sim)
    assert (r[3], r[4], r[5], r[6]) == (0x78, 0x1234, 0x78563412, 0x78563412)
    assert (r[8], r[9]) == (0x89abcdef, 0x78563412)  # the odd (low) word first in memory
    assert (r[10], r[11]) == (0x78563412, 0x89abcdef)
    assert (r[12], r[13]) == (M, M)
    assert sim.read(0, "buf", 4, offset=16)[2:4] == (0x100).to_bytes(2, "little")


def test_dma_moves_data_and_costs_alpha_plus_beta_size():
    sim = Simulator()
    sim.load(build("""
        .text
        .globl __bootstrap
    __bootstrap:
        move r1, wbuf
        move r2, mdata
        move r8, 3
        time_cfg r9, r8           // reset, count cycles
        ldma r1, r2, 7            // 64 bytes
        time r3
        stop
        .data
        .p2align 3
    wbuf: .zero 64
        .section .mram,"aw",@progbits
        .p2align 3
    mdata: .long 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
    """))
    sim.launch()
    assert sim.read(0, "wbuf", 64) == b"".join(i.to_bytes(4, "little") for i in range(1, 17))
    # ldma issued at cycle c (counter reset then), time issued when the DMA completes.
    assert regs(sim)[3] == 11 + 77 + 64 // 2


def test_faults_name_dpu_tasklet_pc_symbol_and_line():
    with pytest.raises(DpuFault) as exc:
        run("move r1, 65536\nnop\nlw r0, r1, 0\nstop")
    f = exc.value
    assert (f.kind, f.dpu, f.tasklet, f.pc, f.symbol) == ("memory fault", 0, 0, 2,
                                                           "__bootstrap+2")
    assert f.source == ("prog.s", 6)
    assert "out of range" in str(f)
    with pytest.raises(DpuFault, match="misaligned"):
        run("move r1, 2\nlw r0, r1, 0\nstop")
    with pytest.raises(DpuFault) as exc:
        run("fault 2")
    assert exc.value.code == 2 and "division by zero" in str(exc.value)
    with pytest.raises(DpuFault, match="DMA fault"):
        run("move r1, 8\nmove r2, 0x4000000\nldma r1, r2, 0\nstop")
    with pytest.raises(DpuFault, match="PC outside IRAM"):
        run("jump 5000")
    with pytest.raises(DpuFault, match="invalid instruction"):
        run("jump 100")  # IRAM past the program is zero: an invalid word
    with pytest.raises(DpuFault, match="cycle limit"):
        run("1: jump 1b", max_cycles=1000)


# ----------------------------------------------------------------------------- tasklets, timing


def test_single_tasklet_issues_every_11_cycles():
    sim = run("nop\n" * 9 + "stop")
    d = sim.dpus[0]
    assert d.instructions == 10 and d.cycle == 9 * 11 + 1


def test_throughput_saturates_at_11_tasklets():
    # Tasklet 0 boots 1..n-1; each runs 500 nops; steady state: one instruction per cycle.
    for n, expect_per_cycle in ((1, 1 / 11), (11, 1.0), (16, 1.0)):
        body = "".join(f"boot zero, {k}\n" for k in range(1, n)) if n > 1 else ""
        text = f"""
            jnz id, 1f
            {body}
        1:  {"nop" + chr(10)}""" + "nop\n" * 499 + "stop"
        sim = run(text)
        d = sim.dpus[0]
        rate = d.instructions / d.cycle
        assert rate == pytest.approx(expect_per_cycle, rel=0.03), (n, rate)


def test_boot_stop_resume_and_a_spin_lock():
    sim = run(SPIN_LOCK_PROGRAM)
    assert sim.read(0, "counter", 4) == (3).to_bytes(4, "little")
    assert sim.read(0, "done", 4) == (4).to_bytes(4, "little")
    assert all(t.state.value == "stopped" for t in sim.dpus[0].tasklets)


def test_host_access_rules():
    sim = Simulator()
    sim.load(build(".text\n.globl __bootstrap\n__bootstrap: stop\n.data\n.p2align 3\n"
                   "x: .long 1, 2\n.section .mram,\"aw\",@progbits\n.p2align 3\nm: .quad 7\n"))
    assert sim.read(0, "x", 8) == b"\1\0\0\0\2\0\0\0"
    sim.write(0, "m", (9).to_bytes(8, "little"))
    assert sim.read(0, "m", 8)[0] == 9
    from dpusim.simulator import HostAccessError
    with pytest.raises(HostAccessError, match="8-byte aligned"):
        sim.read(0, "m", 4)
    with pytest.raises(HostAccessError, match="no symbol 'nope'"):
        sim.read(0, "nope", 4)
    with pytest.raises(HostAccessError, match="4-byte aligned"):
        sim.read(0, "x", 4, offset=2)

def test_tasklets_are_made_when_asked_for_as_a_reset_and_boot_left_them():
    """Until asked for, reset tasklets are held as "reset, these booted at these cycles":
    the objects then made are those the reset and the boots made before."""
    dpu = DpuState(0, memory.V1A)
    dpu.cycle = 0
    dpu.reset_tasklets()
    assert not dpu.has_running() and dpu.fresh_boots() == {}
    dpu.cycle = 5
    dpu.boot(3)
    dpu.boot(3)
    dpu.boot(0)
    assert dpu.has_running() and dpu.fresh_boots() == {3: 5, 0: 5}
    tasklets = dpu.tasklets
    assert dpu.fresh_boots() is None and dpu.tasklets is tasklets
    assert len(tasklets) == memory.V1A.tasklets
    for t in tasklets:
        booted = t.id in (0, 3)
        assert (t.state, t.ready_at, t.started_at, t.pc) == (
            (TaskletState.RUNNING, 5, 5, 0) if booted else (TaskletState.STOPPED, 0, None, 0))
        assert t.regs == [0] * 24 and t.instructions == t.cycles == 0
    assert dpu.has_running()
    dpu.boot(7)  # on the objects now
    assert tasklets[7].state is TaskletState.RUNNING
    with pytest.raises(IndexError):
        dpu.boot(99)
    dpu.reset_tasklets()
    assert dpu.fresh_boots() == {} and dpu.tasklets is not tasklets
    with pytest.raises(IndexError):
        dpu.boot(99)
