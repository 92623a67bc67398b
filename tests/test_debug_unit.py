"""dpusim's debug unit: breakpoints (address, function, file:line, per tasklet), stepping by
instruction and by line (in, over, out), pause, backtraces through the ABI's frames, registers,
memories and tasklets — and that debugging never changes results nor cycle counts."""

from __future__ import annotations

import struct
import threading

import pytest

from dpusim.debug import DebugError, Debugger
from dpusim.simulator import Simulator

PROGRAM = r"""
#include <stdint.h>
#include <defs.h>
#include <mutex.h>

__host uint32_t results[4];
__host uint32_t shared;
MUTEX_INIT(lock);

static __attribute__((noinline)) uint32_t square(uint32_t x)
{
    uint32_t y = x * x;
    return y + 1;
}

static __attribute__((noinline)) uint32_t work(uint32_t n)
{
    uint32_t total = 0;
    for (uint32_t i = 0; i < n; i++)
        total += square(i);
    return total;
}

static __attribute__((noinline)) void add_shared(uint32_t v)
{
    shared += v;
}

int main(void)
{
    uint32_t id = me();
    results[id] = work(id + 3);
    for (int round = 0; round < 5; round++) {
        mutex_lock(MUTEX_GET(lock));
        add_shared(results[id]);
        mutex_unlock(MUTEX_GET(lock));
    }
    return 0;
}
"""
LINES = PROGRAM.splitlines()


def line_of(text: str) -> int:
    return next(i for i, s in enumerate(LINES, 1) if text in s)


@pytest.fixture(scope="module", params=["-O0", "-O2"])
def program(request, tmp_path_factory) -> str:
    from dpucc.driver import Driver, parse_args
    work = tmp_path_factory.mktemp("debug")
    (work / "prog.c").write_text(PROGRAM)
    out = str(work / f"prog{request.param}")
    Driver(parse_args([request.param, "-g", "-DNR_TASKLETS=4", "-o", out,
                       str(work / "prog.c")])).run()
    return out


def debugger(program: str) -> Debugger:
    sim = Simulator()
    sim.load(program)
    d = Debugger(sim)
    d.start()
    return d


def plain_run(program: str):
    sim = Simulator(engine="ref")
    sim.load(program)
    sim.launch()
    return sim.read(0, "results", 16), sim.dpus[0].cycle, sim.dpus[0].instructions


def test_breakpoints_steps_and_backtraces_change_nothing(program):
    d = debugger(program)
    [bp] = d.add_breakpoint("square")
    [at_line] = d.add_breakpoint(f"prog.c:{line_of('total += square(i)')}", tasklet=2)
    stops = 0
    while True:
        stop = d.cont()
        if stop.reason == "exited":
            break
        assert stop.reason == "breakpoint"
        stops += 1
        frames = d.backtrace(stop.tasklet)
        names = [f.function for f in frames]
        if stop.breakpoint == bp:
            assert names == ["square", "work", "main", "__bootstrap"]
            assert frames[0].source[1] == line_of("uint32_t y = x * x;")
            assert frames[1].source[1] == line_of("total += square(i)")
            assert frames[2].source[1] == line_of("results[id] = work(id + 3);")
        else:
            assert stop.tasklet == 2 and names[:3] == ["work", "main", "__bootstrap"]
        if stops % 3 == 0:
            d.step_instruction(stop.tasklet)
        if stops % 5 == 0:
            d.step(stop.tasklet, "over")
    # square runs 3 + 4 + 5 + 6 times; tasklet 2 passes its line 5 times (some stops may be
    # taken by the steps): what matters is that the run is the plain run's
    assert stops >= 15
    assert (d.read("results", 16), d.dpu.cycle, d.dpu.instructions) == plain_run(program)


def test_stepping_by_line_in_over_and_out(program):
    d = debugger(program)
    d.add_breakpoint("work", tasklet=1)
    stop = d.cont()
    assert (stop.reason, stop.tasklet) == ("breakpoint", 1)
    assert d.source(stop.pc)[1] in (line_of("uint32_t total = 0;"),
                                    line_of("for (uint32_t i = 0; i < n; i++)"))
    d.clear_breakpoints()
    lines = []
    for _ in range(4):
        stop = d.step(1, "over")
        assert stop.reason == "step" and stop.tasklet == 1
        assert d.function_at(stop.pc)[1] == "work"  # over never enters square
        lines.append(d.source(stop.pc)[1])
    assert line_of("total += square(i)") in lines
    while d.source(d.dpu.tasklets[1].pc)[1] != line_of("total += square(i)"):
        d.step(1, "over")
    stop = d.step(1, "in")
    assert d.function_at(stop.pc)[1] == "square"
    stop = d.step(1, "out")
    assert d.function_at(stop.pc)[1] == "work"
    assert [f.function for f in d.backtrace(1)][:2] == ["work", "main"]
    assert d.cont().reason == "exited"
    assert (d.read("results", 16), d.dpu.cycle, d.dpu.instructions) == plain_run(program)


def test_registers_memory_tasklets_and_mailboxes(program):
    d = debugger(program)
    d.add_breakpoint("square", tasklet=3)
    stop = d.cont()
    regs = d.registers(3)
    assert regs["pc"] == stop.pc and set(regs) == set(Debugger.REGISTERS)
    infos = {t.id: t for t in d.tasklets()}
    assert infos[3].function.startswith("square") and infos[3].state in ("running", "dma")
    assert {infos[k].state for k in range(4, 24)} == {"stopped"}
    d.write("shared", struct.pack("<I", 1000))
    assert d.read("shared", 4) == struct.pack("<I", 1000)
    assert d.read("results", 3, offset=1) == bytes(3)  # no alignment rules for the debugger
    d.write("__mutex_lock", b"\x01")
    assert d.read("__mutex_lock", 1) == b"\x01"
    d.write("__mutex_lock", b"\x00")
    code = d.read(stop.pc * 8 + 0x80000000, 8)
    assert int.from_bytes(code, "little") == d.dpu.iram[stop.pc]
    assert d.disassemble(stop.pc, 2)[0][0] == stop.pc
    d.set_register(3, "r5", 0x12345678)
    assert d.registers(3)["r5"] == 0x12345678
    with pytest.raises(DebugError, match="no register 'r99'"):
        d.set_register(3, "r99", 1)
    assert d.mailboxes() == {}  # a modern-style program has none
    d.clear_breakpoints()
    assert d.cont().reason == "exited"
    assert struct.unpack("<I", d.read("shared", 4))[0] == 1000 + 5 * sum(
        struct.unpack("<4I", d.read("results", 16)))


def test_a_lock_waiter_and_a_pause(program):
    """Stopped inside its critical section, tasklet 0 holds the lock: the others that came for
    it meanwhile spin on their acquire, which the tasklet list shows."""
    d = debugger(program)
    d.add_breakpoint("add_shared", tasklet=0)
    seen = set()
    for _ in range(5):
        stop = d.cont()
        assert (stop.reason, stop.tasklet) == ("breakpoint", 0)
        seen |= {t.state for t in d.tasklets() if t.id != 0}
    assert "lock" in seen
    d.clear_breakpoints()
    timer = threading.Timer(0.01, d.pause)
    timer.start()
    stop = d.cont()
    timer.join()
    assert stop.reason in ("pause", "exited")
    while d.cont().reason != "exited":
        pass
    assert (d.read("results", 16), d.dpu.cycle, d.dpu.instructions) == plain_run(program)


def test_bad_requests_are_errors(program):
    d = debugger(program)
    with pytest.raises(DebugError, match="no function 'nowhere'"):
        d.add_breakpoint("nowhere")
    with pytest.raises(DebugError, match="no code at or after prog.c:999"):
        d.add_breakpoint("prog.c:999")
    with pytest.raises(DebugError, match="outside IRAM"):
        d.add_breakpoint(0x80000000 + 8 * 5000)
    with pytest.raises(DebugError, match="tasklet 30 does not exist"):
        d.add_breakpoint("main", tasklet=30)
    with pytest.raises(DebugError, match="tasklet 5 is not running"):
        d.step(5)
    with pytest.raises(DebugError, match="unknown step"):
        d.step(0, "sideways")
    [bp] = d.add_breakpoint("*0x80000000")
    d.remove_breakpoint(bp.id)
    with pytest.raises(DebugError, match="no breakpoint"):
        d.remove_breakpoint(bp.id)


def test_a_fault_stops_with_its_report(tmp_path):
    from dpucc.driver import Driver, parse_args
    (tmp_path / "f.c").write_text("volatile int z;\nint main(void) { return 10 / z; }\n")
    Driver(parse_args(["-O0", "-g", "-o", str(tmp_path / "f"), str(tmp_path / "f.c")])).run()
    sim = Simulator()
    sim.load(str(tmp_path / "f"))
    d = Debugger(sim)
    d.start()
    stop = d.cont()
    assert stop.reason == "fault" and stop.fault.info.code == 2 and stop.tasklet == 0


def test_a_run_sliced_by_cycle_limits_misses_no_breakpoint(program):
    """dpuservice runs in slices of cycles (so that a run can be interrupted): a limit that
    falls just before a breakpointed instruction once made the next slice skip it, as if it
    had been reported."""
    whole = debugger(program)
    whole.add_breakpoint("square")
    hits = []
    while (stop := whole.cont()).reason != "exited":
        hits.append((stop.tasklet, stop.pc, whole.dpu.cycle))
    for slice_ in (1, 7):
        d = debugger(program)
        d.add_breakpoint("square")
        sliced = []
        while True:
            stop = d.cont(max_cycles=d.dpu.cycle + slice_)
            if stop.reason == "limit":
                continue
            if stop.reason == "exited":
                break
            sliced.append((stop.tasklet, stop.pc, d.dpu.cycle))
        assert sliced == hits
        assert (d.read("results", 16), d.dpu.cycle, d.dpu.instructions) == plain_run(program)


def test_debugging_a_dpu_of_the_native_engine(program):
    """With the native engine the debugged DPU runs on the reference engine (every issue is
    checked for breakpoints); the simulator then runs every DPU natively, the debugged one from
    where the debugger left it, mid-run: each ends as the plain reference run does."""
    sim = Simulator(nr_dpus=3, engine="native")
    sim.load(program)
    d = Debugger(sim, dpu=1)
    d.start()
    sim.boot([0, 2])
    [bp] = d.add_breakpoint("square")
    for _ in range(4):
        stop = d.cont()
        assert stop.reason == "breakpoint" and stop.breakpoint == bp
        assert d.backtrace(stop.tasklet)[0].function == "square"
    d.step_instruction(stop.tasklet)
    assert 0 < sim.dpus[1].instructions and sim.dpus[0].instructions == 0
    sim.run()
    expected = plain_run(program)
    for i in range(3):
        assert (sim.read(i, "results", 16), sim.dpus[i].cycle,
                sim.dpus[i].instructions) == expected
    assert d.finished
