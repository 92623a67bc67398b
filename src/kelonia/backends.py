"""Where DPUs come from: the simulator (the default) or stubs.

A backend allocates a group of DPUs (:class:`BackendDpus`) that the DPU-set level drives with
a handful of operations: load a program, write and read memory by symbol or address, launch
some of them, read their logs and counters.  The rules the DPU imposes on host transfers
(alignment, bounds, known symbols) are checked here, the same way for every backend.

- ``simulator``: dpusim's DPUs (``engine="auto"`` by default: the vectorized engine for short
  runs, the native one for long runs and programs already compiled; or ``"vector"``,
  ``"native"``, ``"ref"``).  Launches that threads make at the same time for different DPUs
  run together: whoever finds the simulator idle runs every launch waiting at that moment in
  one call, which the vectorised engine executes in lockstep while the DPUs run the same code.
- ``ray``: the simulator's DPUs on a Ray cluster, one actor per rank of 64
  (:mod:`kelonia.raybackend`; needs the ``ray`` extra).
- ``stub``: DPUs with memories but no processor.  A launch calls ``kernel(dpu)`` if one was
  given (a Python function standing in for the DPU program, reading and writing the
  :class:`StubContext`), and does nothing otherwise: host code can be tested, transfers and
  all, with no simulation at all.
"""

from __future__ import annotations

import importlib
import threading
from typing import Callable

from dpucore import memory
from dpusim.faults import DpuFault
from dpusim.program import Program
from dpusim.simulator import ENGINES, HostAccessError, Simulator
from dpusim.state import DpuState

from .errors import (AlignmentError, BackendUnavailableError, DpuAllocationError,
                     DpuFaultError, SymbolError, UnknownBackendError)

# A server's worth of DPUs (40 ranks of 64); simulating more is asking for trouble.
DEFAULT_CAPACITY = 2560


def fault_error(e: DpuFault) -> DpuFaultError:
    i = e.info
    return DpuFaultError(i.report(), i.dpu, i.tasklet, i.pc, i.symbol, i.source, i.kind, i.code)


class BackendDpus:
    """``n`` DPUs of one backend, all with the same program."""

    name = "?"

    def __init__(self, n: int, model: memory.DpuModel):
        self.n = n
        self.model = model
        self.program: Program | None = None
        self.states: list[DpuState] = []

    # ----------------------------------------------------------------- memory, checked

    def locate(self, where: str | int, offset: int) -> tuple[str, int]:
        """(region, offset in region) of a symbol or linked address plus an offset."""
        if isinstance(where, str):
            if self.program is None:
                raise SymbolError(f"no program loaded: cannot find symbol '{where}'")
            sym = self.program.symbols.get(where)
            if sym is None:
                raise SymbolError(f"no symbol '{where}' in {self.program.name}")
            address = sym.address
        else:
            address = where
        region = memory.region_of_address(address + offset)
        return region, address + offset - memory.REGION_BASE[region]

    def check(self, where: str | int, offset: int, length: int) -> tuple[str, int]:
        region, off = self.locate(where, offset)
        if region == memory.ATOMIC:
            raise AlignmentError("the host cannot access the atomic bits")
        align = 4 if region == memory.WRAM else 8
        if off % align or length % align:
            raise AlignmentError(f"{region.upper()} transfers must be {align}-byte aligned in "
                                 f"address and length ({_describe(where, offset)}: offset "
                                 f"0x{off:x}, length {length})")
        size = self.model.region_size(region)
        if off < 0 or off + length > size:
            raise AlignmentError(f"{region.upper()} transfer of {length} bytes at 0x{off:x} "
                                 f"({_describe(where, offset)}) is outside its {size} bytes")
        return region, off

    def write(self, dpu: int, where: str | int, data: bytes, offset: int = 0) -> None:
        self.write_each([dpu], where, [data], offset)

    def read(self, dpu: int, where: str | int, length: int, offset: int = 0) -> bytes:
        return self.read_each([dpu], where, length, offset)[0]

    # One transfer for many DPUs: a backend whose DPUs live elsewhere (Ray) moves each
    # group's buffers in one message instead of one per DPU.

    def write_each(self, dpus: list[int], where: str | int, datas: list[bytes],
                   offset: int = 0) -> None:
        """``datas[k]`` to DPU ``dpus[k]``; the buffers have one length."""
        region, off = self.check(where, offset, len(datas[0]))
        for i, data in zip(dpus, datas):
            _write(self.states[i], region, off, data)

    def broadcast(self, dpus: list[int], where: str | int, data: bytes, offset: int = 0) -> None:
        """The same bytes to each of the DPUs."""
        self.write_each(dpus, where, [data] * len(dpus), offset)

    def read_each(self, dpus: list[int], where: str | int, length: int,
                  offset: int = 0) -> list[bytes]:
        """``length`` bytes from each of the DPUs, in order."""
        region, off = self.check(where, offset, length)
        return [_read(self.states[i], region, off, length) for i in dpus]

    # ----------------------------------------------------------------- the rest

    def load(self, program: Program) -> None:
        raise NotImplementedError

    def launch(self, dpus: list[int]) -> None:
        """Boot the DPUs and run them to completion; raise DpuFaultError for a fault."""
        raise NotImplementedError

    def resume(self, wake: dict[int, list[int]]) -> dict[int, DpuFaultError]:
        """Wake stopped tasklets ({dpu: [tasklets]}) where they stopped, run those DPUs until
        every tasklet has stopped again (no reboot); the fault of each DPU that faulted."""
        raise NotImplementedError

    def log(self, dpu: int) -> str:
        return ""

    def logs(self, dpus: list[int]) -> list[str]:
        return [self.log(i) for i in dpus]

    def counters(self, dpu: int) -> tuple[int, int]:
        """(cycles, instructions) of the DPU's last run."""
        return 0, 0

    def free(self) -> None:
        self.states = []


def _describe(where: str | int, offset: int) -> str:
    name = where if isinstance(where, str) else f"0x{where:08x}"
    return f"{name}+{offset}" if offset else name


def _write(state: DpuState, region: str, off: int, data: bytes) -> None:
    if region == memory.WRAM:
        state.wram[off:off + len(data)] = data
    elif region == memory.MRAM:
        state.mram.write(off, bytes(data))
    else:
        for k in range(0, len(data), 8):
            state.iram[(off + k) // 8] = int.from_bytes(data[k:k + 8], "little")


def _read(state: DpuState, region: str, off: int, length: int) -> bytes:
    if region == memory.WRAM:
        return bytes(state.wram[off:off + length])
    if region == memory.MRAM:
        return state.mram.read(off, length)
    words = state.iram[off // 8:(off + length) // 8]
    return b"".join(w.to_bytes(8, "little") for w in words)


# -------------------------------------------------------------------------------- simulator


class SimulatorDpus(BackendDpus):
    name = "simulator"

    def __init__(self, n: int, model: memory.DpuModel, engine: str = "auto",
                 max_cycles: int | None = None):
        super().__init__(n, model)
        if engine not in ENGINES:
            raise UnknownBackendError(f"unknown simulator engine '{engine}' "
                                      f"(available: {', '.join(ENGINES)})")
        self.sim = Simulator(nr_dpus=n, engine=engine, model=model)
        self.states = self.sim.dpus
        self.max_cycles = max_cycles
        self._batch = _LaunchBatcher(self._run)

    def load(self, program: Program) -> None:
        self.sim.load(program)
        self.program = program

    def launch(self, dpus: list[int]) -> None:
        faults = self._batch.launch(dpus)
        mine = sorted(i for i in faults if i in set(dpus))
        if mine:
            raise fault_error(faults[mine[0]])

    def resume(self, wake: dict[int, list[int]]) -> dict[int, DpuFaultError]:
        for dpu, tasklets in wake.items():
            self.sim.resume(dpu, tasklets)
        faults = self._run(sorted(wake), boot=False)
        return {i: fault_error(e) for i, e in faults.items()}

    def _run(self, indices: list[int], boot: bool = True) -> dict[int, DpuFault]:
        """Boot (unless resumed) and run these DPUs, together where the engine can; the fault
        of each DPU that faulted."""
        if boot:
            self.sim.boot(indices)
        engine = self.sim.engine
        dpus = [self.sim.dpus[i] for i in indices]
        if hasattr(engine, "run_many"):
            try:
                engine.run_many(dpus, self.max_cycles)
            except DpuFault:
                pass
            return dict(engine.last_faults)
        faults = {}
        for d in dpus:
            try:
                engine.run(d, self.max_cycles)
            except DpuFault as e:
                faults[d.index] = e
        return faults

    def log(self, dpu: int) -> str:
        from dpusim.log import LogError, read_log
        try:
            return read_log(self.sim, dpu)
        except LogError as e:
            return f"<the DPU's log is unreadable: {e}>\n"

    def counters(self, dpu: int) -> tuple[int, int]:
        d = self.sim.dpus[dpu]
        return d.cycle, d.instructions


class _LaunchBatcher:
    """Launches from several threads at once run as one: the first thread to find the
    simulator idle runs every launch pending at that moment, the others wait for it."""

    def __init__(self, run: Callable[[list[int]], dict]):
        self._run = run
        self._cond = threading.Condition()
        self._pending: list[_Ticket] = []
        self._busy = False

    def launch(self, dpus: list[int]) -> dict:
        ticket = _Ticket(dpus)
        with self._cond:
            self._pending.append(ticket)
            while not ticket.done:
                if self._busy:
                    self._cond.wait()
                    continue
                self._busy = True
                batch, self._pending = self._pending, []
                self._cond.release()
                try:
                    indices = sorted({i for t in batch for i in t.dpus})
                    outcome: dict | BaseException = self._run(indices)
                except BaseException as e:  # handed to every waiting thread
                    outcome = e
                finally:
                    self._cond.acquire()
                for t in batch:
                    t.outcome, t.done = outcome, True
                self._busy = False
                self._cond.notify_all()
        if isinstance(ticket.outcome, BaseException):
            raise ticket.outcome
        return ticket.outcome


class _Ticket:
    def __init__(self, dpus: list[int]):
        self.dpus = list(dpus)
        self.done = False
        self.outcome: dict | BaseException = {}


# -------------------------------------------------------------------------------- stubs


class StubContext:
    """What a stub kernel sees of its DPU: memory by symbol, with no alignment rules."""

    def __init__(self, dpus: StubDpus, index: int):
        self.index = index
        self._dpus = dpus

    def read(self, where: str | int, length: int, offset: int = 0) -> bytes:
        region, off = self._dpus.locate(where, offset)
        return _read(self._dpus.states[self.index], region, off, length)

    def write(self, where: str | int, data: bytes, offset: int = 0) -> None:
        region, off = self._dpus.locate(where, offset)
        _write(self._dpus.states[self.index], region, off, data)


class StubDpus(BackendDpus):
    name = "stub"

    def __init__(self, n: int, model: memory.DpuModel,
                 kernel: Callable[[StubContext], None] | None = None):
        super().__init__(n, model)
        self.kernel = kernel
        self.states = [DpuState(i, model) for i in range(n)]
        self.runs = [0] * n  # launches seen by each DPU

    def load(self, program: Program) -> None:
        for state in self.states:
            state.load(program)
        self.program = program

    def launch(self, dpus: list[int]) -> None:
        for i in dpus:
            self.runs[i] += 1
            if self.kernel is not None:
                self.kernel(StubContext(self, i))


# -------------------------------------------------------------------------------- registry


BACKENDS: dict[str, type[BackendDpus]] = {"simulator": SimulatorDpus, "stub": StubDpus}

# Backends whose module needs an optional dependency: imported when asked for.
OPTIONAL_BACKENDS = {"ray": ("kelonia.raybackend", "RayDpus", "ray", "dpu-toolchain[ray]")}


def backend_class(name: str) -> type[BackendDpus]:
    cls = BACKENDS.get(name)
    if cls is not None:
        return cls
    if name not in OPTIONAL_BACKENDS:
        raise UnknownBackendError(f"unknown backend '{name}' (available: "
                                  f"{', '.join(sorted({*BACKENDS, *OPTIONAL_BACKENDS}))})")
    module, attr, dependency, extra = OPTIONAL_BACKENDS[name]
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        if e.name is None or e.name.split(".")[0] != dependency:
            raise
        raise BackendUnavailableError(f"the {name} backend needs {dependency}, which is not "
                                      f"installed: pip install '{extra}'") from None
    return getattr(mod, attr)


def allocate(name: str, n: int, model: memory.DpuModel = memory.DEFAULT_MODEL,
             capacity: int = DEFAULT_CAPACITY, **options) -> BackendDpus:
    """``n`` DPUs of the backend ``name``; its options (``engine=``, ``kernel=`` …)."""
    cls = backend_class(name)
    if not isinstance(n, int) or n < 1:
        raise DpuAllocationError(f"asked for {n!r} DPUs: the count must be a positive integer")
    if n > capacity:
        raise DpuAllocationError(f"asked for {n} DPUs, the {name} backend has {capacity}")
    try:
        return cls(n, model, **options)
    except TypeError as e:
        raise UnknownBackendError(f"backend '{name}': {e}") from None


__all__ = ["BACKENDS", "OPTIONAL_BACKENDS", "backend_class", "BackendDpus", "SimulatorDpus",
           "StubDpus", "StubContext", "allocate", "DEFAULT_CAPACITY", "HostAccessError"]
