"""RT Studio: bootstrap code from a runtime configuration, run on the simulator."""

from __future__ import annotations

import json

import pytest

from dpucore import elf, rtc
from dpucc.rtstudio import RTC_SECTION, bootstrap_assembly
from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpusim.faults import DpuFault
from dpusim.simulator import Simulator

# Two entry functions in hand-written assembly.  Both read the 2-word system mailbox and write
# two words into the calling tasklet's own mailbox (found through the tasklet table).
ENTRIES = """
        .text
        .globl even_worker
        .type even_worker,@function
even_worker:                      // mbox = { sys[0] + 3 * id, sys[1] ^ id }
        lw r0, zero, __sys_mbox
        lw r1, zero, __sys_mbox + 4
        lsl_add r0, r0, id, 1
        add r0, r0, id
        xor r1, r1, id
        jump finish
        .globl odd_worker
        .type odd_worker,@function
odd_worker:                       // mbox = { sys[0] - id, sys[1] + (id << 8) }
        lw r0, zero, __sys_mbox
        lw r1, zero, __sys_mbox + 4
        sub r0, r0, id
        lsl_add r1, r1, id, 8
finish:
        lsl r2, id, 5
        lw r2, r2, __sys_tasklets + 12    // this tasklet's mailbox
        sw r2, 0, r0
        sw r2, 4, r1
        move r0, 42                       // the return value: tasklet 0's is the exit status
        jump r23
"""


def build(config: rtc.Config, program: str = ENTRIES) -> bytes:
    boot = elf.write_elf(assemble(bootstrap_assembly(config), "rtc.s"))
    user = elf.write_elf(assemble(program, "entries.s"))
    return elf.write_elf(link([("rtc.o", boot), ("entries.o", user)]).elf)


def sixteen() -> rtc.Config:
    tasklets = [rtc.Tasklet(i, "even_worker" if i % 2 == 0 else "odd_worker", "medium", 2)
                for i in range(16)]
    return rtc.Config(tasklets=tasklets, sysmbox_words=2)


@pytest.mark.parametrize("engine", ["ref", "vector"])
def test_sixteen_tasklets_read_the_system_mailbox_and_answer(engine):
    sim = Simulator(engine=engine)
    sim.load(build(sixteen()))
    a, b = 1000, 0x5A5A
    sim.write(0, "__sys_mbox", a.to_bytes(4, "little") + b.to_bytes(4, "little"))
    sim.launch()
    for i in range(16):
        mbox = sim.read(0, f"__mbox_{i}", 8)
        got = (int.from_bytes(mbox[:4], "little"), int.from_bytes(mbox[4:], "little"))
        want = (a + 3 * i, b ^ i) if i % 2 == 0 else ((a - i) & 0xFFFFFFFF, b + (i << 8))
        assert got == want, i
    d = sim.dpus[0]
    assert all(t.state.value == "stopped" for t in d.tasklets)
    assert [t.instructions > 0 for t in d.tasklets[:16]] == [True] * 16
    assert [t.instructions for t in d.tasklets[16:]] == [0] * 8
    assert sim.read(0, "__sys_exit_status", 4) == (42).to_bytes(4, "little")


def test_stacks_are_separate_and_grow_upward():
    program = """
        .text
        .globl work
    work:
        sw r22, 0, r22            // the first word of each stack holds its own base
        move r0, 0
        jump r23
    """
    config = rtc.Config(tasklets=[rtc.Tasklet(i, "work", 64 * (i + 1)) for i in range(4)])
    exe = build(config, program)
    sim = Simulator()
    program_info = sim.load(exe)
    sim.launch()
    bases = [program_info.symbols[f"__sys_stack_{i}"].address for i in range(4)]
    assert bases == sorted(bases) and len(set(bases)) == 4
    for i, base in enumerate(bases):
        assert sim.read(0, base, 4) == base.to_bytes(4, "little")
        assert program_info.symbols[f"__sys_stack_{i}"].size == 64 * (i + 1)


def test_a_tasklet_without_stack_stops_at_once_and_gaps_are_skipped():
    config = rtc.Config(tasklets=[rtc.Tasklet(0, "even_worker", "small", 2),
                                  rtc.Tasklet(2, "odd_worker", 0, 2),
                                  rtc.Tasklet(5, "odd_worker", "small", 2)], sysmbox_words=2)
    sim = Simulator()
    sim.load(build(config))
    sim.write(0, "__sys_mbox", (7).to_bytes(4, "little") + bytes(4))
    sim.launch()
    d = sim.dpus[0]
    assert sim.read(0, "__mbox_2", 8) == bytes(8)       # no stack: never ran its entry
    assert sim.read(0, "__mbox_5", 4) == (2).to_bytes(4, "little")
    assert d.tasklets[2].instructions > 0 and d.tasklets[1].instructions == 0
    assert d.tasklets[3].instructions == d.tasklets[4].instructions == 0


def test_atomic_bits_are_cleared_and_sync_objects_are_laid_out():
    config = sixteen()
    config.mutexes = ["m0", "m1"]
    config.semaphores = [rtc.Semaphore("sem", 3)]
    config.barriers = [rtc.Barrier("bar", 16)]
    exe = build(config)
    sim = Simulator()
    info = sim.load(exe)
    sim.dpus[0].atomic[:] = b"\1" * len(sim.dpus[0].atomic)  # garbage left by a previous run
    sim.launch()
    assert not any(sim.dpus[0].atomic)
    atomic = sorted(info.symbols[n].address - 0xF0000000 for n in ("m0", "m1", "__sem_lock",
                                                                      "__bar_lock"))
    assert atomic == [0, 1, 2, 3]
    # sem.h's sem_t and barrier.h's barrier_t; the lock is the atomic bit's number, as a word.
    assert sim.read(0, "sem", 12) == bytes([0xFF, 0, 0, 0]) + (3).to_bytes(4, "little") \
        + (2).to_bytes(4, "little")
    assert sim.read(0, "bar", 8) == bytes([0xFF, 16, 16, 0]) + (3).to_bytes(4, "little")
    assert (info.symbols["sem"].size, info.symbols["bar"].size) == (12, 8)
    assert info.symbols["NR_TASKLETS"].address == 16


def test_the_configuration_is_embedded_in_the_executable():
    exe = build(sixteen())
    f = elf.read_elf(exe)
    sec = f.section(RTC_SECTION)
    assert sec is not None and not sec.alloc
    assert json.loads(bytes(sec.data)) == sixteen().to_dict()
    assert Simulator().load(exe).config == sixteen()  # what the simulator and host tools read


def test_modern_style_is_a_synthesized_configuration():
    config = rtc.from_defines({"NR_TASKLETS": "4", "STACK_SIZE_TASKLET_2": "512"})
    assert [(t.id, t.entry, config.stack_bytes(t)) for t in config.tasklets] == [
        (0, "main", 1024), (1, "main", 1024), (2, "main", 512), (3, "main", 1024)]
    program = """
        .text
        .globl main
    main:
        lw r0, zero, counter_lock_free
        move r0, 7
        jump r23
        .data
        .p2align 2
    counter_lock_free: .long 0
    """
    sim = Simulator()
    sim.load(build(config, program))
    sim.launch()
    assert sum(t.instructions > 0 for t in sim.dpus[0].tasklets) == 4
    assert sim.read(0, "__sys_exit_status", 4) == (7).to_bytes(4, "little")


def test_invalid_configurations_are_refused():
    bad = rtc.Config(tasklets=[rtc.Tasklet(0, "main", 12)])
    with pytest.raises(rtc.ConfigError, match="not a multiple of 8"):
        bootstrap_assembly(bad)


def test_undefined_entry_is_a_link_error():
    from dpucore.diag import DiagnosticError
    config = rtc.Config(tasklets=[rtc.Tasklet(0, "nowhere", "small")])
    with pytest.raises(DiagnosticError, match="undefined reference to 'nowhere'"):
        build(config, ".text\n")


def test_faults_in_entries_name_the_entry():
    program = ".text\n.globl boom\nboom:\n  fault 3\n"
    sim = Simulator()
    sim.load(build(rtc.Config(tasklets=[rtc.Tasklet(0, "boom", "small")]), program))
    with pytest.raises(DpuFault) as exc:
        sim.launch()
    assert exc.value.symbol == "boom" and exc.value.code == 3


def test_dpucc_xc_writes_the_bootstrap_for_makefiles(tool, tmp_path):
    cfg = tmp_path / "charcount.json"
    seed = rtc.Config(tasklets=[rtc.Tasklet(i, "charcount", "medium", 1) for i in range(16)],
                      sysmbox_words=2)
    cfg.write_text(seed.to_json())
    out = tmp_path / "build"
    out.mkdir()
    r = tool("dpucc", "-xc", str(cfg), "-o", str(out))
    assert r.returncode == 0, r.stderr
    asm = out / "charcount.s"
    assert asm.read_text() == bootstrap_assembly(seed)
    before = asm.stat().st_mtime_ns
    assert tool("dpucc", "-xc", str(cfg), "-o", str(out)).returncode == 0
    assert asm.stat().st_mtime_ns == before  # unchanged content: not rewritten
    r = tool("dpucc", "-xc", str(cfg), "-o", str(tmp_path / "boot.s"))
    assert r.returncode == 0 and (tmp_path / "boot.s").exists()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "dpu-rtc/1"}')
    r = tool("dpucc", "-xc", str(bad), "-o", str(out))
    assert r.returncode == 1
    assert b"invalid configuration" in r.stderr and b"Traceback" not in r.stderr


def test_define_values_read_as_c_reads_them():
    config = rtc.from_defines({"NR_TASKLETS": "010", "STACK_SIZE_DEFAULT": "0x400u"})
    assert len(config.tasklets) == 8
    assert {t.stack for t in config.tasklets} == {1024}
