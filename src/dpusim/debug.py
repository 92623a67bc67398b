"""The debug unit: a simulated DPU stopped, stepped and looked into.

The seed's ``dpuservice`` embedded "a debug unit, offering ... breaking, back-tracing,
executing step by step"; this is it, as a library that ``dpuservice`` and ``dpushell`` drive::

    dbg = Debugger(sim)                 # DPU 0 of a Simulator with a program loaded
    dbg.add_breakpoint("charcount.c:31", tasklet=3)
    dbg.start()                         # a launch: tasklet 0 boots at the bootstrap
    stop = dbg.cont()                   # Stop(reason="breakpoint", tasklet=3, pc=…)
    dbg.backtrace(3)                    # [Frame(charcount …), Frame(__bootstrap …)]
    dbg.step(3, "over")                 # the next source line of tasklet 3

Execution goes through the reference engine one issued instruction at a time, in the same
revolver schedule as a plain run: the debugger only chooses when to stop, before a tasklet
issues an instruction, so debugging never changes what a program computes nor its cycle and
instruction counts.  Stepping a tasklet lets the other tasklets run as they would (a DPU has
no per-tasklet clock); a stop shows which tasklet got where and why.

Breakpoints are set at an instruction (an index, a linked IRAM address, ``*0x80000010``), a
function (after its prologue: its second line in the line table, as gdb does) or a source line
``file:line`` (the first line from there that has code), optionally for one tasklet only.
Frames are walked with the ABI: a function that calls others starts ``sd r22, FRAME-8, d22;
add r22, r22, FRAME``, so its caller's r22 and return address sit at ``[r22-4]`` and
``[r22-8]`` (``[r21-…]`` in a function with variable-length arrays, whose frame base is r21);
a leaf keeps its return address in r23.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from dpucore import isa, memory

from .faults import DpuFault
from .reference import ReferenceEngine
from .simulator import HostAccessError, Simulator
from .state import Tasklet, TaskletState
from .variables import Variable, format_value, parse_value

M32 = 0xFFFFFFFF


class DebugError(ValueError):
    """A request the debug unit cannot honour (an unknown function, line, tasklet …)."""


@dataclass(frozen=True)
class Breakpoint:
    id: int
    pc: int  # instruction index
    where: str  # what was asked for
    tasklet: int | None = None  # only this tasklet stops here


@dataclass(frozen=True)
class Stop:
    """Why execution stopped: ``breakpoint``, ``step``, ``pause``, ``exited`` (no tasklet runs
    any more), ``fault`` (the DPU faulted: ``fault`` says how) or ``limit`` (a cycle limit)."""

    reason: str
    tasklet: int | None = None
    pc: int | None = None
    breakpoint: Breakpoint | None = None
    fault: DpuFault | None = None


@dataclass(frozen=True)
class Frame:
    level: int
    pc: int  # where the tasklet is (frame 0) or returns to (outer frames)
    function: str | None
    source: tuple[str, int] | None  # of the instruction (frame 0) or of the call (outer frames)
    sp: int  # r22 in this frame
    cfa: int | None = None  # the caller's r22: the frame base B of the frame (None: unknown)


@dataclass(frozen=True)
class VariableValue:
    """A parameter or local of a frame, read from WRAM where DWARF places it."""
    name: str
    type: str
    value: str
    address: int  # WRAM address
    parameter: bool
    variable: Variable


@dataclass(frozen=True)
class TaskletInfo:
    id: int
    state: str  # running, stopped, dma (waiting for its transfer), lock (spinning on a lock)
    pc: int
    function: str | None
    source: tuple[str, int] | None
    instructions: int


def _signed(value: int, bits: int = 32) -> int:
    return value - (1 << bits) if value >> (bits - 1) & 1 else value


class Debugger:
    """The debug unit of one DPU of a :class:`Simulator` (whose program is loaded)."""

    def __init__(self, sim: Simulator, dpu: int = 0):
        if sim.program is None:
            raise DebugError("no program loaded")
        if not 0 <= dpu < len(sim.dpus):
            raise DebugError(f"DPU {dpu} does not exist (0..{len(sim.dpus) - 1})")
        self.sim = sim
        self.index = dpu
        self.dpu = sim.dpus[dpu]
        self.program = sim.program
        self.engine = ReferenceEngine()
        self.breakpoints: dict[int, Breakpoint] = {}
        self._next_id = 1
        self._pause = threading.Event()
        self._stopped_at: tuple[int, int] | None = None  # (tasklet, pc) of the last stop
        self._functions = sorted((memory.value_of(memory.IRAM, s.address), s.name)
                                 for s in self.program.symbols.values()
                                 if s.region == memory.IRAM and s.function)

    # ----------------------------------------------------------------- places

    def function_at(self, pc: int) -> tuple[int, str] | None:
        """(start, name) of the function holding instruction ``pc``."""
        best = None
        for start, name in self._functions:
            if start > pc:
                break
            best = (start, name)
        return best

    def source(self, pc: int) -> tuple[str, int] | None:
        return self.program.source_line(pc)

    def resolve(self, where: str | int) -> list[int]:
        """The instruction indices a breakpoint location names."""
        iram = self.dpu.model.iram_instructions
        if isinstance(where, int) or (isinstance(where, str) and where.startswith("*")):
            text = where[1:] if isinstance(where, str) else where
            try:
                value = int(text, 0) if isinstance(text, str) else text
            except ValueError:
                raise DebugError(f"not an address: {where!r}") from None
            pc = (value - memory.IRAM_BASE) // 8 if value >= memory.IRAM_BASE else value
            if not 0 <= pc < iram:
                raise DebugError(f"{where!r} is outside IRAM")
            return [pc]
        if ":" in where:
            file, _, line = where.rpartition(":")
            try:
                number = int(line)
            except ValueError:
                raise DebugError(f"not a line number: {where!r}") from None
            pcs = self._line_pcs(file, number)
            if not pcs:
                raise DebugError(f"no code at or after {file}:{number}")
            return pcs
        sym = self.program.symbols.get(where)
        if sym is None or sym.region != memory.IRAM:
            raise DebugError(f"no function {where!r} in {self.program.name}")
        start = memory.value_of(memory.IRAM, sym.address)
        return [self._after_prologue(start)]

    def _ranges(self) -> list[tuple[int, int, str, int]]:
        lines = self.program.lines
        return [] if lines is None else list(lines._ranges)

    def _line_pcs(self, file: str, line: int) -> list[int]:
        """Start instructions of the first line at or after ``line`` in ``file`` with code."""
        def same(f: str) -> bool:
            return f == file or f.endswith("/" + file) or file.endswith("/" + f) \
                or f.rsplit("/", 1)[-1] == file
        rows = [(ln, start) for start, _, f, ln in self._ranges() if same(f) and ln >= line]
        if not rows:
            return []
        first = min(ln for ln, _ in rows)
        starts = sorted({(start - memory.IRAM_BASE) // 8 for ln, start in rows if ln == first})
        # A line's code may come in several pieces (a loop's test, its increment): one
        # location per function, its first piece, as gdb does.
        by_function: dict = {}
        for pc in starts:
            by_function.setdefault(self.function_at(pc), pc)
        return sorted(by_function.values())

    def _after_prologue(self, start: int) -> int:
        """The first instruction of a function's second source line (its body), or its start."""
        first = self.source(start)
        if first is None:
            return start
        fn = self.function_at(start)
        end = self._function_end(start)
        for pc in range(start + 1, end):
            if self.function_at(pc) != fn:
                break
            here = self.source(pc)
            if here is not None and here != first and here[1] != 0:
                return pc
        return start

    def _function_end(self, start: int) -> int:
        later = [s for s, _ in self._functions if s > start]
        return min(later) if later else len(self.program.iram)

    # ----------------------------------------------------------------- breakpoints

    def add_breakpoint(self, where: str | int, tasklet: int | None = None) -> list[Breakpoint]:
        if tasklet is not None and not 0 <= tasklet < len(self.dpu.tasklets):
            raise DebugError(f"tasklet {tasklet} does not exist")
        out = []
        for pc in self.resolve(where):
            bp = Breakpoint(self._next_id, pc, str(where), tasklet)
            self._next_id += 1
            self.breakpoints[bp.id] = bp
            out.append(bp)
        return out

    def remove_breakpoint(self, ident: int) -> None:
        if self.breakpoints.pop(ident, None) is None:
            raise DebugError(f"no breakpoint {ident}")

    def clear_breakpoints(self) -> None:
        self.breakpoints.clear()

    def _breakpoint(self, t: Tasklet, pc: int) -> Breakpoint | None:
        for bp in self.breakpoints.values():
            if bp.pc == pc and (bp.tasklet is None or bp.tasklet == t.id):
                return bp
        return None

    # ----------------------------------------------------------------- running

    def start(self) -> None:
        """Boot the DPU as a launch does (every tasklet reset, tasklet 0 at the bootstrap);
        nothing runs until :meth:`cont` or a step."""
        self.sim.boot([self.index])
        self._stopped_at = None

    @property
    def finished(self) -> bool:
        return not self.dpu.running

    def pause(self) -> None:
        """Stop a :meth:`cont` running in another thread, before the next instruction."""
        self._pause.set()

    def cont(self, max_cycles: int | None = None) -> Stop:
        """Run until a breakpoint, a fault, a pause, or no tasklet runs any more."""
        return self._run(lambda t, pc: None, max_cycles=max_cycles)

    def step_instruction(self, tasklet: int, max_cycles: int | None = None) -> Stop:
        """Run until ``tasklet`` has issued one instruction (the others run meanwhile)."""
        t = self._tasklet(tasklet)
        issued = t.instructions

        def done(other: Tasklet, pc: int) -> Stop | None:
            if other is t and t.instructions > issued:
                return Stop("step", t.id, pc)
            return None
        return self._run(done, watch=t, max_cycles=max_cycles)

    def step(self, tasklet: int, mode: str = "over", max_cycles: int | None = None) -> Stop:
        """Step ``tasklet`` by source line: ``in`` (into calls), ``over`` (calls run to their
        return) or ``out`` (to the caller).  Code without line information is run through."""
        if mode not in ("in", "over", "out"):
            raise DebugError(f"unknown step {mode!r} (in, over or out)")
        t = self._tasklet(tasklet)
        if mode == "out":
            frames = self.backtrace(tasklet)
            if len(frames) < 2:
                raise DebugError(f"tasklet {tasklet} has no caller to return to")
            target, sp = frames[1].pc, frames[1].sp

            def out(other: Tasklet, pc: int) -> Stop | None:
                if other is t and pc == target and t.regs[22] == sp:
                    return Stop("step", t.id, pc)
                return None
            return self._run(out, watch=t, max_cycles=max_cycles)
        start_line = self.source(t.pc)
        start_fn = self.function_at(t.pc)
        issued = t.instructions
        returns: list[tuple[int, int]] = []  # (return pc, r22) of calls being stepped over

        def done(other: Tasklet, pc: int) -> Stop | None:
            if other is not t or t.instructions == issued:
                return None
            if returns:
                if pc == returns[-1][0] and t.regs[22] == returns[-1][1]:
                    returns.pop()
                if returns:  # still inside a call being stepped over
                    return None
            here = self.source(pc)
            if here is None or here[1] == 0:
                return None  # no line information: run through
            if here != start_line or self.function_at(pc) != start_fn:
                return Stop("step", t.id, pc)
            return None

        def before_issue(other: Tasklet, pc: int) -> None:
            if other is t and mode == "over" and self._is_call(pc):
                returns.append((pc + 1, t.regs[22]))
        return self._run(done, watch=t, max_cycles=max_cycles, before_issue=before_issue)

    def _tasklet(self, tasklet: int) -> Tasklet:
        if not 0 <= tasklet < len(self.dpu.tasklets):
            raise DebugError(f"tasklet {tasklet} does not exist")
        t = self.dpu.tasklets[tasklet]
        if t.state is not TaskletState.RUNNING:
            raise DebugError(f"tasklet {tasklet} is not running")
        return t

    def _run(self, done: Callable[[Tasklet, int], Stop | None], watch: Tasklet | None = None,
             max_cycles: int | None = None,
             before_issue: Callable[[Tasklet, int], None] | None = None) -> Stop:
        dpu, engine = self.dpu, self.engine
        skip = self._stopped_at  # the breakpoint stopped at does not stop us again at once
        self._pause.clear()
        while True:
            if self._pause.is_set():
                self._pause.clear()
                return self._stop(Stop("pause", *self._where(watch)))
            if not dpu.running:
                return self._stop(Stop("exited"))
            if watch is not None and watch.state is not TaskletState.RUNNING:
                return self._stop(Stop("step", watch.id, watch.pc))
            t = engine.choose(dpu)
            if t is None:
                engine.step(dpu)  # only the cycle moves, to the next ready tasklet
                continue
            if max_cycles is not None and dpu.cycle >= max_cycles:
                # Nothing was reported here: a breakpoint at this very place must still stop
                # the run that resumes after the limit (runs are sliced by cycle limits).
                self._stopped_at = skip
                return Stop("limit", t.id, t.pc)
            pc = t.pc
            if (t.id, pc) != skip:
                bp = self._breakpoint(t, pc)
                if bp is not None:
                    return self._stop(Stop("breakpoint", t.id, pc, bp))
                stop = done(t, pc)
                if stop is not None:
                    return self._stop(stop)
            skip = None
            if before_issue is not None:
                before_issue(t, pc)
            try:
                engine.step(dpu)
            except DpuFault as e:
                return self._stop(Stop("fault", e.info.tasklet, e.info.pc, fault=e))

    def _where(self, t: Tasklet | None) -> tuple[int | None, int | None]:
        if t is None:
            t = self.engine.choose(self.dpu) or next(iter(self.dpu.running), None)
        return (t.id, t.pc) if t is not None else (None, None)

    def _stop(self, stop: Stop) -> Stop:
        self._stopped_at = (stop.tasklet, stop.pc) if stop.tasklet is not None else None
        return stop

    def _decode(self, pc: int):
        if not 0 <= pc < len(self.dpu.iram):
            return None
        try:
            return isa.decode(self.dpu.iram[pc])
        except isa.DecodingError:
            return None

    def _is_call(self, pc: int) -> bool:
        d = self._decode(pc)
        if d is None:
            return False
        form, values = d
        return form.mnemonic == "call" and "rc" in form.roles and values[form.roles["rc"]] == 23

    # ----------------------------------------------------------------- looking in

    def tasklets(self) -> list[TaskletInfo]:
        out = []
        for t in self.dpu.tasklets:
            if t.state is TaskletState.RUNNING:
                if t.ready_at > self.dpu.cycle + 11 and t.waiting == "dma":
                    state = "dma"
                elif self._spins(t.pc):
                    state = "lock"
                else:
                    state = "running"
            else:
                state = "stopped"
            fn = self.program.symbolize(t.pc)
            out.append(TaskletInfo(t.id, state, t.pc, fn, self.source(t.pc), t.instructions))
        return out

    def _spins(self, pc: int) -> bool:
        """An ``acquire`` that branches to itself: a tasklet waiting for a lock."""
        d = self._decode(pc)
        if d is None:
            return False
        form, values = d
        return form.mnemonic == "acquire" and "pc" in form.roles and values[form.roles["pc"]] == pc

    REGISTERS = tuple(f"r{i}" for i in range(24)) + ("pc", "zf", "cf")

    def registers(self, tasklet: int) -> dict[str, int]:
        t = self._any_tasklet(tasklet)
        regs = {f"r{i}": v for i, v in enumerate(t.regs)}
        regs.update(pc=t.pc, zf=t.zf, cf=t.cf)
        return regs

    def set_register(self, tasklet: int, name: str, value: int) -> None:
        t = self._any_tasklet(tasklet)
        name = name.lower().lstrip("%")
        if name in ("zf", "cf"):
            setattr(t, name, int(bool(value)))
        elif name == "pc":
            if not 0 <= value < self.dpu.model.iram_instructions:
                raise DebugError(f"pc {value} is outside IRAM")
            t.pc = value
        elif name.startswith("r") and name[1:].isdigit() and int(name[1:]) < 24:
            t.regs[int(name[1:])] = value & M32
        elif name.startswith("d") and name[1:].isdigit() and int(name[1:]) % 2 == 0 \
                and int(name[1:]) < 24:
            t.set_pair(int(name[1:]), value & ((1 << 64) - 1))
        else:
            raise DebugError(f"no register {name!r} (r0..r23, d0..d22, pc, zf, cf)")

    def _any_tasklet(self, tasklet: int) -> Tasklet:
        if not 0 <= tasklet < len(self.dpu.tasklets):
            raise DebugError(f"tasklet {tasklet} does not exist")
        return self.dpu.tasklets[tasklet]

    def locate(self, where: str | int, offset: int = 0) -> tuple[str, int]:
        try:
            loc = self.sim.locate(where, offset)
        except HostAccessError as e:
            raise DebugError(str(e)) from None
        return loc.region, loc.offset

    def read(self, where: str | int, length: int, offset: int = 0) -> bytes:
        """Any bytes of any memory (no host alignment rules): IRAM, WRAM, MRAM, and the
        atomic bits (one byte each)."""
        region, off = self.locate(where, offset)
        self._bounds(region, off, length)
        d = self.dpu
        if region == memory.WRAM:
            return bytes(d.wram[off:off + length])
        if region == memory.MRAM:
            return d.mram.read(off, length)
        if region == memory.ATOMIC:
            return bytes(d.atomic[off:off + length])
        raw = b"".join(w.to_bytes(8, "little") for w in d.iram[off // 8:(off + length + 7) // 8])
        return raw[off % 8:off % 8 + length]

    def write(self, where: str | int, data: bytes, offset: int = 0) -> None:
        region, off = self.locate(where, offset)
        self._bounds(region, off, len(data))
        d = self.dpu
        if region == memory.WRAM:
            d.wram[off:off + len(data)] = data
        elif region == memory.MRAM:
            d.mram.write(off, bytes(data))
        elif region == memory.ATOMIC:
            d.atomic[off:off + len(data)] = bytes(int(bool(b)) for b in data)
        else:
            first, last = off // 8, (off + len(data) + 7) // 8
            raw = bytearray(b"".join(w.to_bytes(8, "little") for w in d.iram[first:last]))
            raw[off % 8:off % 8 + len(data)] = data
            for k in range(first, last):
                d.iram[k] = int.from_bytes(raw[8 * (k - first):8 * (k - first) + 8], "little")

    def _bounds(self, region: str, off: int, length: int) -> None:
        size = self.dpu.model.region_size(region)
        if off < 0 or length < 0 or off + length > size:
            raise DebugError(f"{region.upper()} access of {length} bytes at 0x{off:x} is "
                             f"outside its {size} bytes")

    def mailboxes(self) -> dict[str, bytes]:
        """The system mailbox and each tasklet's, as the runtime configuration lays them out."""
        out = {}
        for name, sym in sorted(self.program.symbols.items()):
            if name == "__sys_mbox" or name.startswith("__mbox_"):
                out[name] = self.read(name, sym.size)
        return out

    # ----------------------------------------------------------------- frames

    def backtrace(self, tasklet: int, limit: int = 64) -> list[Frame]:
        t = self._any_tasklet(tasklet)
        pc, sp, ret = t.pc, t.regs[22], t.regs[23]
        frames: list[Frame] = []
        for level in range(limit):
            fn = self.function_at(pc if level == 0 else pc - 1)
            name = fn[1] if fn else None
            src = self.source(pc if level == 0 else pc - 1)
            caller = None
            if fn is not None and name != "__bootstrap":
                caller = self._caller(t, fn[0], pc if level == 0 else pc - 1, sp,
                                      ret if level == 0 else None)
            frames.append(Frame(level, pc, name, src, sp,
                                caller[1] & M32 if caller is not None else None))
            if caller is None:
                break
            pc, sp = caller
            if not 0 < pc < len(self.program.iram):
                break
        return frames

    def frame_variables(self, tasklet: int, level: int = 0,
                        frames: list[Frame] | None = None) -> list[VariableValue]:
        """The parameters, then the locals, of frame ``level`` of a tasklet, as DWARF describes
        them (``dpucc -g``; empty for code without, and for variables optimised into
        registers).  Before a function's prologue has run, its locals hold whatever the stack
        held, as in any debugger.  ``frames``: the tasklet's backtrace, when the caller has it."""
        if frames is None:
            frames = self.backtrace(tasklet, level + 1)
        if level >= len(frames):
            raise DebugError(f"tasklet {tasklet} has no frame {level}")
        frame = frames[level]
        fn = self.program.function_variables(frame.pc if level == 0 else frame.pc - 1)
        if fn is None or frame.cfa is None:
            return []
        out = []
        wram = len(self.dpu.wram)
        for var in sorted(fn.variables, key=lambda v: not v.parameter):
            address = (frame.cfa + var.offset) & M32
            size = var.ctype.byte_size
            if address + size > wram:
                text = "<not in WRAM>"
            else:
                text = format_value(var.ctype, bytes(self.dpu.wram[address:address + size]))
            out.append(VariableValue(var.name, str(var.ctype), text, address, var.parameter,
                                     var))
        return out

    def global_variables(self) -> list[VariableValue]:
        """The variables of file scope that DWARF describes with their C types (``-g``)."""
        out = []
        for g in sorted(self.program.globals.values(), key=lambda g: g.name):
            try:
                data = self.read(g.address, g.ctype.byte_size)
                text = format_value(g.ctype, data)
            except (DebugError, HostAccessError):
                text = "<unreadable>"
            out.append(VariableValue(g.name, str(g.ctype), text, g.address, False,
                                     Variable(g.name, g.ctype, 0, False, g.line)))
        return out

    def set_global(self, name: str, text: str) -> VariableValue:
        """Assign a C constant to a scalar variable of file scope."""
        g = self.program.globals.get(name)
        if g is None:
            raise DebugError(f"no typed variable {name!r} (compile with -g)")
        try:
            data = parse_value(g.ctype, text)
        except ValueError as e:
            raise DebugError(f"{name}: {e}") from None
        self.write(g.address, data)
        return next(v for v in self.global_variables() if v.name == name)

    def set_variable(self, tasklet: int, level: int, name: str, text: str) -> VariableValue:
        """Assign a C constant to a scalar parameter or local; returns it as read back."""
        for v in self.frame_variables(tasklet, level):
            if v.name == name:
                try:
                    data = parse_value(v.variable.ctype, text)
                except ValueError as e:
                    raise DebugError(f"{name}: {e}") from None
                self.dpu.wram[v.address:v.address + len(data)] = data
                return next(x for x in self.frame_variables(tasklet, level) if x.name == name)
        raise DebugError(f"no variable {name!r} in frame {level} of tasklet {tasklet}")

    def _caller(self, t: Tasklet, start: int, pc: int, sp: int,
                ret: int | None) -> tuple[int, int] | None:
        """(return pc, caller's r22) of the frame of the function at ``start`` at ``pc``."""
        framed, fp_reg = self._prologue(start)
        word = self._word
        if framed and pc >= start + 2 and not self._returning(pc):
            base = t.regs[21] if fp_reg and pc > start + 2 and ret is not None else sp
            return word(base - 8), word(base - 4)
        if ret is not None:  # a leaf, the prologue not done yet, or the epilogue's jump
            return ret & M32, sp
        return None

    def _prologue(self, start: int) -> tuple[bool, bool]:
        """(framed, frame base in r21) from a function's first instructions."""
        first, second = self._decode(start), self._decode(start + 1)
        if first is None or second is None:
            return False, False
        (f1, v1), (f2, v2) = first, second
        framed = (f1.mnemonic == "sd" and v1[f1.roles["ra"]] == 22 and "db" in f1.roles
                  and v1[f1.roles["db"]] == 22 and f2.mnemonic == "add"
                  and v2[f2.roles.get("rc", 0)] == 22 and v2[f2.roles["ra"]] == 22)
        fp = False
        if framed:
            for pc in range(start + 2, min(start + 12, len(self.dpu.iram))):
                d = self._decode(pc)
                if d is None:
                    break
                f, v = d
                if f.mnemonic == "move" and v[f.roles.get("rc", 0)] == 21:
                    fp = True
                    break
                if f.mnemonic != "sd":
                    break
        return framed, fp

    def _returning(self, pc: int) -> bool:
        """At the epilogue's ``jump r23``, after ``ld d22, r22, -8`` gave back the caller's."""
        d, prev = self._decode(pc), self._decode(pc - 1)
        if d is None or prev is None:
            return False
        (f, v), (fp, vp) = d, prev
        return (f.mnemonic == "call" and v[f.roles["ra"]] == 23 and fp.mnemonic == "ld"
                and vp[fp.roles.get("dc", 1)] == 22)

    def _word(self, address: int) -> int:
        address &= M32
        if address + 4 > len(self.dpu.wram):
            return 0
        return int.from_bytes(self.dpu.wram[address:address + 4], "little")

    # ----------------------------------------------------------------- code

    def disassemble(self, pc: int, count: int) -> list[tuple[int, str, tuple[str, int] | None]]:
        """(pc, instruction, source line) of ``count`` instructions from ``pc``."""
        out = []
        for k in range(max(pc, 0), min(pc + count, self.dpu.model.iram_instructions)):
            d = self._decode(k)
            if d is None:
                text = f".insn 0x{self.dpu.iram[k]:016x}"
            else:
                form, values = d
                texts = []
                for op, v in zip(form.operands, values):
                    if op.role == "pc" or (form.mnemonic == "call" and op.role == "off"):
                        texts.append(self.program.symbolize(v) or str(v))
                    else:
                        texts.append(isa.format_operand(op, v))
                text = isa.format_instruction(form, texts)
            out.append((k, text, self.source(k)))
        return out


__all__ = ["Debugger", "DebugError", "Breakpoint", "Stop", "Frame", "TaskletInfo"]
