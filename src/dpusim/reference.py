"""The reference engine: one tasklet-instruction at a time, cycle by cycle.

This engine is the executable specification of the DPU: it favours being obviously right over
being fast.  Each instruction is decoded with the ISA table and executed by the handler of its
semantic category; the operations themselves live in :mod:`dpusim.semantics`.

Scheduling follows the revolver pipeline: at each cycle the DPU issues at most one instruction,
taken round-robin (starting after the last tasklet that issued) from the running tasklets whose
previous instruction issued at least 11 cycles earlier; a DMA keeps its tasklet from issuing until
the transfer completes, and transfers share one DMA engine per DPU.
"""

from __future__ import annotations

from functools import lru_cache

from dpucore import isa

from . import semantics as S
from .faults import (CYCLE_LIMIT, DMA, FAULT, INVALID, MEMORY, PC_RANGE, DpuFault, FaultInfo,
                     _Trap)
from .state import (DMA_ALPHA_READ, DMA_ALPHA_WRITE, FAULT_MEANINGS, ISSUE_INTERVAL, DpuState,
                    Tasklet, TaskletState)

M32 = S.M32
_RUNNING = TaskletState.RUNNING
_CONSTANTS = {24: lambda t: 0, 25: lambda t: 1, 26: lambda t: M32, 27: lambda t: 0x80000000,
              28: lambda t: t.id, 29: lambda t: 2 * t.id, 30: lambda t: 4 * t.id,
              31: lambda t: 8 * t.id}
_LOAD_SIZE = {"lbs": 1, "lbu": 1, "lhs": 2, "lhu": 2, "lw": 4, "ld": 8}
_STORE_SIZE = {"sb": 1, "sh": 2, "sw": 4, "sd": 8}
_FLAG_CATEGORIES = {"arith", "logic", "shift", "shift_add", "count", "extend", "compare_bytes",
                    "mul8", "step"}
_SOURCE_ROLES = ("ra", "rb", "sa", "sb", "imm", "shift")


@lru_cache(maxsize=1 << 16)
def _decode(word: int):
    return isa.decode(word)


def _read(t: Tasklet, op: isa.Operand, value: int) -> int:
    """The 32-bit value an operand supplies."""
    if op.kind in ("reg", "kreg", "wreg"):
        return t.regs[value] if value < 24 else _CONSTANTS[value](t)
    if op.kind == "sreg":
        return t.regs[value]
    if op.kind == "zero":
        return 0
    return value & M32


class Observer:
    """Receives every issued instruction; the trace, the profiler and the debugger build on it.

    ``issue`` is called after the instruction executed: ``cycle`` is the cycle it issued at,
    ``pc`` its address (instruction index), ``t`` the tasklet as it is now (``t.pc`` is the next
    pc, ``t.ready_at`` the first cycle it may issue again: more than 11 cycles later means it
    waits on a DMA, ``t.state`` STOPPED means it stopped).
    """

    def issue(self, dpu: DpuState, t: Tasklet, pc: int, cycle: int, form: isa.Form) -> None:
        pass


class ReferenceEngine:
    """Runs DPUs one instruction at a time; ``run`` raises :class:`DpuFault`."""

    name = "ref"

    def __init__(self, observer: Observer | None = None):
        self.observer = observer

    def run(self, dpu: DpuState, max_cycles: int | None = None) -> None:
        """Run until every tasklet has stopped (or a fault, or ``max_cycles``)."""
        while self.step(dpu, max_cycles):
            pass

    def run_each(self, dpus: list[DpuState],
                 max_cycles: int | None = None) -> dict[int, DpuFault]:
        """Run DPUs one after the other, each to its end or its fault, as the engines that run
        many DPUs do when an observer must see every issue in order: the faults by DPU index."""
        faults: dict[int, DpuFault] = {}
        for d in dpus:
            try:
                self.run(d, max_cycles)
            except DpuFault as e:
                faults.setdefault(d.index, e)
        return faults

    @staticmethod
    def choose(dpu: DpuState) -> Tasklet | None:
        """The tasklet that issues at the DPU's current cycle (round-robin after the last one
        that issued, among those running and ready), or None when none is ready."""
        tasklets = dpu.tasklets
        n, last, cycle = len(tasklets), dpu.last_issued, dpu.cycle
        for k in range(1, n + 1):
            t = tasklets[(last + k) % n]
            if t.state is _RUNNING and t.ready_at <= cycle:
                return t
        return None

    def step(self, dpu: DpuState, max_cycles: int | None = None) -> bool:
        """Issue one instruction; False when no tasklet runs any more.  (When no tasklet is
        ready, the step only moves the cycle to the next one that will be.)"""
        chosen = self.choose(dpu)
        if chosen is None:
            running = dpu.running
            if not running:
                return False
            dpu.cycle = min(t.ready_at for t in running)
            return True
        if max_cycles is not None and dpu.cycle >= max_cycles:
            raise DpuFault(FaultInfo(CYCLE_LIMIT, f"stopped after {max_cycles} cycles",
                                     dpu.index, None, None))
        t = chosen
        pc = t.pc
        try:
            self.execute(dpu, t)
        except _Trap as trap:
            program = dpu.program
            raise DpuFault(FaultInfo(
                trap.kind, trap.detail, dpu.index, t.id, pc, trap.code,
                program.symbolize(pc) if program else None,
                program.source_line(pc) if program else None)) from None
        dpu.last_issued = t.id
        if self.observer is not None:
            self.observer.issue(dpu, t, pc, dpu.cycle, _decode(dpu.iram[pc])[0])
        dpu.cycle += 1
        dpu.instructions += 1
        t.instructions += 1
        if t.state is TaskletState.STOPPED and t.started_at is not None:
            t.cycles += dpu.cycle - t.started_at
            t.started_at = None
        return True

    # ----------------------------------------------------------------- execution

    def execute(self, dpu: DpuState, t: Tasklet) -> None:
        if not 0 <= t.pc < dpu.model.iram_instructions:
            raise _Trap(PC_RANGE, f"pc {t.pc} is outside IRAM (0..{dpu.model.iram_instructions - 1})")
        word = dpu.iram[t.pc] if t.pc < len(dpu.iram) else 0
        try:
            form, values = _decode(word)
        except isa.DecodingError as e:
            raise _Trap(INVALID, f"0x{word:016x}: {e}") from None
        t.ready_at = dpu.cycle + ISSUE_INTERVAL
        next_pc = t.pc + 1
        handler = getattr(self, "_" + form.category)
        target = handler(dpu, t, form, values)
        t.pc = next_pc if target is None else target

    def _operands(self, t: Tasklet, form: isa.Form, values) -> list[int]:
        return [_read(t, op, v) for op, v in zip(form.operands, values)]

    def _branch(self, form: isa.Form, values, holds: bool) -> int | None:
        pc = form.roles.get("pc")
        return values[pc] if pc is not None and holds else None

    def _cond(self, form: isa.Form, values, result: S.AluResult, source: int, zf: int) -> bool:
        cc = form.roles.get("cc")
        if cc is None:
            return False
        return S.condition_holds(isa.CONDITIONS[values[cc]], result, source, zf)

    def _store_result(self, t: Tasklet, form: isa.Form, values, value: int) -> None:
        """Write a 32-bit result to the destination (rc, sc or the pair dc, extended as the
        form's .s/.u says); forms whose destination is `zero` discard it."""
        r = form.roles
        for role in ("rc", "sc"):
            if role in r:
                t.regs[values[r[role]]] = value & M32
                return
        if "dc" in r:
            hi = (M32 if value & S.SIGN else 0) if form.extension == "s" else 0
            t.set_pair(values[r["dc"]], (hi << 32) | (value & M32))

    def _finish_alu(self, t: Tasklet, form: isa.Form, values, result: S.AluResult,
                    source: int) -> int | None:
        zf = t.zf
        t.zf, t.cf = int(result.value == 0), result.carry
        holds = self._cond(form, values, result, source, zf)
        letters = form.letters
        if letters.endswith("c") and form.cond is not None and not form.has_pc:
            self._store_result(t, form, values, 1 if holds else 0)  # the "set" forms
        else:
            self._store_result(t, form, values, result.value)
        return self._branch(form, values, holds)

    def _alu(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> int | None:
        srcs = [_read(t, op, v) for op, v in zip(form.operands, values)
                if op.role in _SOURCE_ROLES]
        a = srcs[0] if srcs else 0
        b = srcs[1] if len(srcs) > 1 else 0
        result = S.OPERATIONS[form.base](a, b, t.cf)
        source = self._source(t, form, values, a)
        return self._finish_alu(t, form, values, result, source)

    def _source(self, t: Tasklet, form: isa.Form, values, default: int) -> int:
        for role in ("ra", "sa"):
            i = form.roles.get(role)
            if i is not None:
                return _read(t, form.operands[i], values[i])
        return default

    _arith = _logic = _shift = _count = _extend = _compare_bytes = _mul8 = _alu

    def _shift_add(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> int | None:
        r = form.roles
        a = _read(t, form.operands[r["rb"]], values[r["rb"]])
        b = _read(t, form.operands[r["ra"]], values[r["ra"]])
        result = S.SHIFT_ADD[form.base](a, b, values[r["shift"]])
        return self._finish_alu(t, form, values, result, b)

    def _step(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> int | None:
        r = form.roles
        ra = _read(t, form.operands[r["ra"]], values[r["ra"]])
        db = values[r["db"]]
        even, odd = t.regs[db], t.regs[db + 1]
        shifted = ra << values[r["shift"]]
        if form.base == "mul_step":
            # ISA.md: if the low bit of db.even is set, dc.odd = db.odd + (ra << sh);
            # dc.even = db.even >> 1; the condition looks at the shifted even word.
            if even & 1:
                odd = (odd + shifted) & M32
            even >>= 1
        else:
            # div_step: if db.odd >= (ra << sh) subtract it and shift a 1 into the quotient.
            if odd >= shifted:
                odd -= shifted
                even = ((even << 1) | 1) & M32
            else:
                even = (even << 1) & M32
        t.set_pair(values[0], (even << 32) | odd)
        zf = t.zf
        t.zf, t.cf = int(even == 0), 0
        holds = self._cond(form, values, S.AluResult(even), ra, zf)
        return self._branch(form, values, holds)

    # ----------------------------------------------------------------- memory

    def _address(self, dpu: DpuState, addr: int, size: int, what: str) -> int:
        if addr % size or addr + size > dpu.model.wram_bytes:
            why = "misaligned" if addr % size and addr + size <= dpu.model.wram_bytes \
                else "out of range"
            raise _Trap(MEMORY, f"{what} of {size} byte{'s' if size > 1 else ''} at WRAM "
                                f"address 0x{addr:x} ({why}; WRAM is {dpu.model.wram_bytes} bytes)")
        return addr

    def _load(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> None:
        ops = self._operands(t, form, values)
        r = form.roles
        base = ops[r["ra"] if "ra" in r else r["sa"]]
        addr = (base + values[r["off"]]) & M32
        size = _LOAD_SIZE[form.base]
        self._address(dpu, addr, size, "load")
        raw = bytes(dpu.wram[addr:addr + size])
        if values[r["endian"]]:
            raw = raw[::-1]
        value = int.from_bytes(raw, "little")
        if form.base in ("lbs", "lhs") and value >> (8 * size - 1):
            value -= 1 << (8 * size)
        dest = form.operands[r.get("rc", r.get("dc"))]
        if form.base == "ld":
            t.set_pair(values[r["dc"]], value)
        elif dest.kind == "dreg":
            self._store_result(t, form, values, value & M32)
        else:
            t.regs[values[r["rc"]]] = value & M32
        return None

    def _store(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> None:
        r = form.roles
        base_op = r["ra"] if "ra" in r else r["sa"]
        base = _read(t, form.operands[base_op], values[base_op])
        addr = (base + values[r["off"]]) & M32
        name = form.base[:-3] if form.category == "store_id" else form.base
        size = _STORE_SIZE[name]
        if "db" in r:
            value = t.pair(values[r["db"]])
        elif "rb" in r:
            value = _read(t, form.operands[r["rb"]], values[r["rb"]])
        else:
            value = values[r["imm"]]  # sign-extended by the decoder
            if form.category == "store_id":
                value |= t.id
        self._address(dpu, addr, size, "store")
        raw = (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        if values[r["endian"]]:
            raw = raw[::-1]
        dpu.wram[addr:addr + size] = raw
        return None

    _store_id = _store

    def _dma(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> None:
        r = form.roles
        ra = _read(t, form.operands[r["ra"]], values[r["ra"]])
        rb = _read(t, form.operands[r["rb"]], values[r["rb"]])
        size = ((((ra >> 24) + values[r["immDma"]]) & 0xFF) + 1) * 8
        local = ra & 0xFFFFFF
        mram = rb - 0x08000000 if rb >= 0x08000000 else rb
        what = {"ldma": "MRAM->WRAM", "sdma": "WRAM->MRAM", "ldmai": "MRAM->IRAM"}[form.base]
        if local % 8 or mram % 8:
            raise _Trap(DMA, f"{what} transfer of {size} bytes: addresses must be 8-byte aligned "
                             f"(local 0x{local:x}, MRAM 0x{mram:x})")
        if mram < 0 or mram + size > dpu.model.mram_bytes:
            raise _Trap(DMA, f"{what} transfer of {size} bytes at MRAM 0x{mram:x} leaves MRAM "
                             f"({dpu.model.mram_bytes} bytes)")
        limit = dpu.model.iram_bytes if form.base == "ldmai" else dpu.model.wram_bytes
        if local + size > limit:
            place = "IRAM" if form.base == "ldmai" else "WRAM"
            raise _Trap(DMA, f"{what} transfer of {size} bytes at {place} 0x{local:x} leaves "
                             f"{place} ({limit} bytes)")
        if form.base == "ldma":
            dpu.wram[local:local + size] = dpu.mram.read(mram, size)
            alpha = DMA_ALPHA_READ
        elif form.base == "sdma":
            dpu.mram.write(mram, bytes(dpu.wram[local:local + size]))
            alpha = DMA_ALPHA_WRITE
        else:
            data = dpu.mram.read(mram, size)
            for k in range(0, size, 8):
                dpu.iram[(local + k) // 8] = int.from_bytes(data[k:k + 8], "little")
            alpha = DMA_ALPHA_READ
        start = max(dpu.cycle, dpu.dma_free_at)
        done = start + alpha + size // 2
        dpu.dma_free_at = done
        t.ready_at = max(t.ready_at, done)
        t.waiting = "dma"
        return None

    # ----------------------------------------------------------------- control

    def _atomic(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> int | None:
        r = form.roles
        ra = _read(t, form.operands[r["ra"]], values[r["ra"]])
        bit = (ra + values[r["imm"]]) % dpu.model.atomic_bits
        old = dpu.atomic[bit]
        if form.base == "acquire":
            dpu.atomic[bit] = 1
        else:
            dpu.atomic[bit] = 0
        holds = self._cond(form, values, S.AluResult(old), ra, t.zf)
        return self._branch(form, values, holds)

    def _tasklet(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> int | None:
        r = form.roles
        if form.base == "stop":
            holds = self._cond(form, values, S.AluResult(0), 0, t.zf)
            t.state = TaskletState.STOPPED
            t.waiting = "stopped"
            return values[r["pc"]] if holds else None
        ra = _read(t, form.operands[r["ra"]], values[r["ra"]])
        k = (ra + values[r["imm"]]) & M32
        was_running = 1
        if k < len(dpu.tasklets):
            other = dpu.tasklets[k]
            was_running = int(other.state is TaskletState.RUNNING)
            if not was_running:
                if form.base == "boot":
                    other.pc = 0
                    other.regs = [0] * len(other.regs)
                    other.zf = other.cf = 0
                other.state = TaskletState.RUNNING
                other.ready_at = dpu.cycle + 1
                other.started_at = dpu.cycle + 1
                other.waiting = "running"
        holds = self._cond(form, values, S.AluResult(was_running), ra, t.zf)
        return self._branch(form, values, holds)

    def _call(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> int:
        ops = self._operands(t, form, values)
        r = form.roles
        second = ops[r["off"]] if "off" in r else ops[r["rb"]]
        target = (ops[r["ra"]] + second) & M32
        self._store_result(t, form, values, t.pc + 1)
        return target

    def _fault(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> None:
        code = values[0]
        meaning = FAULT_MEANINGS.get(code, "program-defined fault")
        raise _Trap(FAULT, f"fault {code} ({meaning})", code)

    def _nop(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> None:
        return None

    def _time(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> int | None:
        old = dpu.counter()
        if form.base == "time_cfg":
            r = form.roles
            cfg = _read(t, form.operands[r["rb"]], values[r["rb"]])
            mode = (cfg >> 1) & 3
            if mode:
                if mode == 3:
                    dpu.counter_frozen = old
                dpu.counter_mode = mode
            if cfg & 1:
                dpu.counter_base = dpu.cycle if dpu.counter_mode == 1 else dpu.instructions
                dpu.counter_frozen = 0
        self._store_result(t, form, values, old)
        holds = self._cond(form, values, S.AluResult(old), old, t.zf)
        return self._branch(form, values, holds)

    def _pair(self, dpu: DpuState, t: Tasklet, form: isa.Form, values) -> int | None:
        r = form.roles
        value = t.pair(values[r["db"]])
        if form.base == "swapd":
            value = ((value & M32) << 32) | (value >> 32)
        t.set_pair(values[r["dc"]], value)
        holds = self._cond(form, values, S.AluResult(value & M32), 0, t.zf)
        return self._branch(form, values, holds)
