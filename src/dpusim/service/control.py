"""One client's DPUs, and every operation on them: what the JSON-RPC methods, the DAP requests
and dpushell's commands all come down to.

A :class:`Control` owns a :class:`~dpusim.simulator.Simulator` (the client's DPUs), the
program loaded on it and one :class:`~dpusim.debug.Debugger` per DPU.  Its methods are plain
synchronous Python taking and returning JSON values, so that

* the server calls them from a worker thread per connection (``METHODS`` maps the JSON-RPC
  method names to them, with their parameters checked by :class:`Params`);
* dpushell calls the same table in-process when no server is given (:func:`call`), and over a
  socket otherwise: one interface, two back ends.

Runs are made of bounded slices of cycles (``SLICE_CYCLES``): between two slices a run looks at
:meth:`interrupt` and :meth:`close`, so a client that goes away stops its DPUs within a slice,
and the event loop never waits for a simulation.  Slicing changes nothing of a run: the
engines stop a slice before an instruction issues and resume there (tests/test_dpuservice.py
compares sliced and whole runs).
"""

from __future__ import annotations

import base64
import binascii
import os
import posixpath
import struct
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from dpucore import __version__, memory

from ..debug import Breakpoint, DebugError, Debugger, Stop
from ..faults import CYCLE_LIMIT, DpuFault
from ..log import LogError, read_log_bytes
from ..program import Program, ProgramError, load_program
from ..simulator import ENGINES, HostAccessError, Simulator
from ..state import TaskletState
from ..stats import exit_status, fault_dict, tasklet_cycles
from .errors import (InvalidParams, LimitExceeded, MethodNotFound, RequestFailed,
                     ServiceError, WrongState)

SLICE_CYCLES = {"ref": 20_000, "vector": 2_000_000,  # about a tenth of a second each
                "native": 20_000_000}
IRAM_BASE = memory.IRAM_BASE
MAX_READ = 4 << 20  # bytes one read may return (8 MiB of JSON once in base64 … within a frame)
MAX_DISASSEMBLE = 4096


@dataclass
class Limits:
    """What one server allows (the command line sets them; docs/dpuservice.md lists them)."""

    max_frame: int = 16 << 20  # bytes of one message body
    max_dpus: int = 1024  # DPUs allocated by all clients together
    max_dpus_per_client: int = 256
    max_connections: int = 256
    handshake_timeout: float = 10.0  # seconds to send a first message (and authenticate)
    frame_timeout: float = 30.0  # seconds for a started frame to arrive whole
    write_timeout: float = 60.0  # seconds a client may leave our messages unread
    max_pending: int = 256  # requests queued on one connection


class Pool:
    """The server's budget of DPUs, shared by its clients."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.used = 0
        self._lock = threading.Lock()

    def take(self, n: int) -> None:
        with self._lock:
            if self.used + n > self.capacity:
                raise LimitExceeded(f"cannot allocate {n} DPUs: {self.capacity - self.used} of "
                                    f"the server's {self.capacity} are free")
            self.used += n

    def give(self, n: int) -> None:
        with self._lock:
            self.used = max(0, self.used - n)


# ------------------------------------------------------------------------------ parameters


class Params:
    """The named parameters of one request, checked as they are taken; unknown ones are an
    error (a misspelt parameter must not be silently ignored)."""

    def __init__(self, params: Any):
        if params is None:
            params = {}
        if isinstance(params, list) and not params:
            params = {}
        if not isinstance(params, dict):
            raise InvalidParams("params must be an object of named parameters")
        self.params = params
        self.used: set[str] = set()

    def _get(self, name: str):
        self.used.add(name)
        return self.params.get(name)

    def has(self, name: str) -> bool:
        return self.params.get(name) is not None

    def int(self, name: str, default: int | None = None, lo: int | None = None,
            hi: int | None = None, required: bool = False) -> int | None:
        v = self._get(name)
        if v is None:
            if required:
                raise InvalidParams(f"missing parameter '{name}'")
            return default
        if isinstance(v, str):
            try:
                v = int(v, 0)
            except ValueError:
                raise InvalidParams(f"'{name}' must be an integer, not {v!r}") from None
        if isinstance(v, bool) or not isinstance(v, int):
            raise InvalidParams(f"'{name}' must be an integer")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            bounds = f"{lo if lo is not None else '…'}..{hi if hi is not None else '…'}"
            raise InvalidParams(f"'{name}' must be in {bounds}, not {v}")
        return v

    def str(self, name: str, default: str | None = None, required: bool = False,
            choices: tuple[str, ...] | None = None) -> str | None:
        v = self._get(name)
        if v is None:
            if required:
                raise InvalidParams(f"missing parameter '{name}'")
            return default
        if not isinstance(v, str):
            raise InvalidParams(f"'{name}' must be a string")
        if choices is not None and v not in choices:
            raise InvalidParams(f"'{name}' must be one of {', '.join(choices)}, not {v!r}")
        return v

    def bool(self, name: str, default: bool = False) -> bool:
        v = self._get(name)
        if v is None:
            return default
        if not isinstance(v, bool):
            raise InvalidParams(f"'{name}' must be true or false")
        return v

    def where(self, name: str = "where", required: bool = True) -> str | int | None:
        """A symbol name, or an address (an integer or a string like ``0x100``)."""
        v = self._get(name)
        if v is None:
            if required:
                raise InvalidParams(f"missing parameter '{name}' (a symbol or an address)")
            return None
        if isinstance(v, bool) or not isinstance(v, (str, int)):
            raise InvalidParams(f"'{name}' must be a symbol name or an address")
        if isinstance(v, str):
            text = v.strip()
            try:
                return int(text, 0)
            except ValueError:
                if not text:
                    raise InvalidParams(f"'{name}' is empty") from None
                return text
        return v

    def data(self, required: bool = True) -> bytes | None:
        """Bytes given as ``data`` (base64) or ``words`` (32-bit little-endian integers)."""
        data, words = self._get("data"), self._get("words")
        if data is not None and words is not None:
            raise InvalidParams("give 'data' or 'words', not both")
        if data is not None:
            if not isinstance(data, str):
                raise InvalidParams("'data' must be a base64 string")
            try:
                return base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                raise InvalidParams("'data' is not valid base64") from None
        if words is not None:
            if not isinstance(words, list) or not all(
                    isinstance(w, int) and not isinstance(w, bool) and -(1 << 31) <= w < (1 << 32)
                    for w in words):
                raise InvalidParams("'words' must be a list of 32-bit integers")
            return b"".join((w & 0xFFFFFFFF).to_bytes(4, "little") for w in words)
        if required:
            raise InvalidParams("missing 'data' (base64) or 'words' (32-bit integers)")
        return None

    def list(self, name: str) -> list | None:
        v = self._get(name)
        if v is not None and not isinstance(v, list):
            raise InvalidParams(f"'{name}' must be a list")
        return v

    def done(self) -> None:
        extra = sorted(set(self.params) - self.used)
        if extra:
            raise InvalidParams(f"unknown parameter{'s' if len(extra) > 1 else ''} "
                                f"{', '.join(repr(e) for e in extra)}")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def address_of(pc: int) -> int:
    return IRAM_BASE + 8 * pc


def hex32(value: int) -> str:
    return f"0x{value & 0xFFFFFFFF:08x}"


def clean_path(path: str) -> str:
    return posixpath.normpath(path) if path.startswith("/") else path


# ------------------------------------------------------------------------------ the control


@dataclass
class _Bp:
    id: int
    location: str | int
    tasklet: int | None
    pcs: list[int]
    per_dpu: dict[int, list[int]] = field(default_factory=dict)  # DPU -> debugger ids
    hits: int = 0


class Control:
    """The DPUs of one client and what can be done with them (see the module docstring)."""

    def __init__(self, limits: Limits | None = None, pool: Pool | None = None,
                 name: str = "embedded"):
        self.limits = limits or Limits()
        self.pool = pool
        self.name = name
        self.sim: Simulator | None = None
        self.engine = "ref"
        self.program: Program | None = None
        self.debuggers: list[Debugger] = []
        self.dpu_state: list[str] = []
        self.faults: dict[int, Any] = {}
        self.debugging: list[int] = []  # DPUs booted under the debugger and not finished
        self.current_dpu = 0
        self.breakpoints: dict[int, _Bp] = {}
        self._next_bp = 1
        self._lock = threading.Lock()
        self._interrupt = threading.Event()
        self._closed = threading.Event()
        self.busy = False
        self.run_started: float | None = None

    # ----------------------------------------------------------------- life cycle

    def _enter(self) -> None:
        if self._closed.is_set():
            raise WrongState("this session is closed")
        if not self._lock.acquire(blocking=False):
            raise WrongState("busy: another request on these DPUs is running (interrupt it, "
                             "or wait for its answer)")

    def locked(self, fn: Callable, *args, **kwargs):
        """Run ``fn`` holding the session (one request at a time on one set of DPUs)."""
        self._enter()
        try:
            return fn(*args, **kwargs)
        finally:
            self._lock.release()

    def interrupt(self) -> dict:
        """Stop a run in progress (a launch, a continue, a step) before its next instruction."""
        running = self.busy
        self._interrupt.set()
        for d in self.debuggers:
            d.pause()
        return {"interrupted": running}

    def close(self) -> None:
        """Stop whatever runs and give the DPUs back (the client went away)."""
        self._closed.set()
        self.interrupt()

    def release(self) -> None:
        """Free the DPUs once no run uses them any more (after :meth:`close`)."""
        with self._lock:
            self._free()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def _free(self) -> None:
        if self.sim is not None and self.pool is not None:
            self.pool.give(len(self.sim.dpus))
        self.sim = None
        self.program = None
        self.debuggers = []
        self.dpu_state = []
        self.faults = {}
        self.debugging = []
        self.breakpoints = {}

    # ----------------------------------------------------------------- checks

    def _need_dpus(self) -> Simulator:
        if self.sim is None:
            raise WrongState("no DPUs: call 'allocate' (or 'load', which allocates one)")
        return self.sim

    def _need_program(self) -> Program:
        self._need_dpus()
        if self.program is None:
            raise WrongState("no program loaded: call 'load' first")
        return self.program

    def _dpu(self, p: Params, name: str = "dpu", default: int | None = 0) -> int:
        sim = self._need_dpus()
        i = p.int(name, default)
        if i is None:
            i = self.current_dpu
        if not 0 <= i < len(sim.dpus):
            raise InvalidParams(f"DPU {i} does not exist (0..{len(sim.dpus) - 1})")
        return i

    def _dpus(self, p: Params) -> list[int]:
        sim = self._need_dpus()
        ids = p.list("dpus")
        if ids is None:
            return list(range(len(sim.dpus)))
        out = []
        for i in ids:
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(sim.dpus):
                raise InvalidParams(f"DPU {i!r} does not exist (0..{len(sim.dpus) - 1})")
            if i not in out:
                out.append(i)
        return out

    def _debugger(self, dpu: int) -> Debugger:
        self._need_program()
        return self.debuggers[dpu]

    def _tasklet(self, p: Params, required: bool = True) -> int | None:
        sim = self._need_dpus()
        return p.int("tasklet", None, 0, sim.model.tasklets - 1, required=required)

    # ----------------------------------------------------------------- allocation, program

    def allocate(self, count: int = 1, engine: str = "ref") -> dict:
        if engine not in ENGINES:
            raise InvalidParams(f"unknown engine {engine!r} (available: {', '.join(ENGINES)})")
        if count > self.limits.max_dpus_per_client:
            raise LimitExceeded(f"at most {self.limits.max_dpus_per_client} DPUs per client")
        self._free()
        if self.pool is not None:
            self.pool.take(count)
        try:
            self.sim = Simulator(count, engine)
        except Exception:
            if self.pool is not None:
                self.pool.give(count)
            raise
        self.engine = engine
        self.dpu_state = ["idle"] * count
        return {"dpus": count, "engine": engine, "model": self.sim.model.name,
                "tasklets": self.sim.model.tasklets}

    def load(self, data: bytes, name: str) -> dict:
        if self.sim is None:
            self.allocate(1, self.engine)
        try:
            program = load_program(data, name, self.sim.model)
        except ProgramError as e:
            raise RequestFailed(str(e)) from None
        self.sim.load(program)
        self.program = program
        self.debuggers = [Debugger(self.sim, i) for i in range(len(self.sim.dpus))]
        self.dpu_state = ["loaded"] * len(self.sim.dpus)
        self.faults = {}
        self.debugging = []
        self.current_dpu = 0
        old, self.breakpoints = self.breakpoints, {}
        kept = []
        for bp in sorted(old.values(), key=lambda b: b.id):  # breakpoints outlive a reload
            try:
                kept.append(self._add_breakpoint(bp.location, bp.tasklet, bp.id))
            except ServiceError:
                pass
        return {"program": name, "instructions": len(program.iram),
                "symbols": len(program.symbols), "lines": program.lines is not None,
                "tasklets": self._configured_tasklets(), "breakpoints": kept}

    def _configured_tasklets(self) -> list[int]:
        config = self.program.config if self.program else None
        if config is not None and config.tasklets:
            return sorted(t.id for t in config.tasklets)
        return []

    def symbols(self) -> dict:
        program = self._need_program()
        functions, variables = [], []
        for s in sorted(program.symbols.values(), key=lambda s: s.name):
            if s.region == memory.IRAM and s.function:
                functions.append(s.name)
            elif s.region in (memory.WRAM, memory.MRAM, memory.ATOMIC) and s.size > 0:
                variables.append({"name": s.name, "address": s.address, "size": s.size,
                                  "region": s.region})
        files = sorted({clean_path(f) for _, _, f, _ in
                        (program.lines._ranges if program.lines else []) if f != "<bootstrap>"})
        return {"functions": functions, "variables": variables, "files": files}

    # ----------------------------------------------------------------- host transfers

    def write(self, dpus: list[int], where: str | int, data: bytes, offset: int = 0) -> dict:
        sim = self._need_dpus()
        self._need_program() if isinstance(where, str) else None
        try:
            for i in dpus:
                sim.write(i, where, data, offset)
        except HostAccessError as e:
            raise RequestFailed(str(e)) from None
        return {"written": len(data) * len(dpus)}

    def read(self, dpu: int, where: str | int, length: int, offset: int = 0) -> dict:
        sim = self._need_dpus()
        if isinstance(where, str):
            self._need_program()
        try:
            return {"data": b64(sim.read(dpu, where, length, offset))}
        except HostAccessError as e:
            raise RequestFailed(str(e)) from None

    # ----------------------------------------------------------------- running

    def launch(self, dpus: list[int], max_cycles: int | None = None) -> dict:
        """Boot the DPUs and run them to completion, a slice of cycles at a time."""
        sim = self._need_dpus()
        self._need_program()
        self._interrupt.clear()
        self.debugging = [i for i in self.debugging if i not in dpus]
        sim.boot(dpus)
        for i in dpus:
            self.faults.pop(i, None)
            self.dpu_state[i] = "running"
        status = self._run_sliced(dpus, max_cycles)
        out = []
        for i in dpus:
            d = sim.dpus[i]
            self.dpu_state[i] = status[i]
            fault = self.faults.get(i)
            out.append({"dpu": i, "status": status[i], "cycles": d.cycle,
                        "instructions": d.instructions, "exit_status": exit_status(d),
                        "fault": fault})
        return {"dpus": out, "interrupted": any(s == "interrupted" for s in status.values())}

    def _run_sliced(self, dpus: list[int], max_cycles: int | None) -> dict[int, str]:
        sim = self.sim
        engine = sim.engine
        step = SLICE_CYCLES.get(self.engine, 20_000)
        status: dict[int, str] = {}
        active = list(dpus)
        run_many = getattr(engine, "run_many", None)
        self.busy = True
        try:
            while active:
                if self._interrupt.is_set() or self._closed.is_set():
                    for i in active:
                        status[i] = "interrupted"
                    break
                faults: dict[int, DpuFault] = {}
                if run_many is not None:
                    limit = min(sim.dpus[i].cycle for i in active) + step
                    if max_cycles is not None:
                        limit = min(limit, max_cycles)
                    try:
                        run_many([sim.dpus[i] for i in active], limit)
                    except DpuFault:
                        pass
                    faults = dict(engine.last_faults)
                else:
                    for i in active:
                        limit = sim.dpus[i].cycle + step
                        if max_cycles is not None:
                            limit = min(limit, max_cycles)
                        try:
                            engine.run(sim.dpus[i], limit)
                        except DpuFault as e:
                            faults[i] = e
                still = []
                for i in active:
                    f = faults.get(i)
                    d = sim.dpus[i]
                    if f is None:
                        status[i] = "done"
                    elif f.info.kind == CYCLE_LIMIT:
                        if max_cycles is not None and d.cycle >= max_cycles:
                            status[i] = "limit"
                            self.faults[i] = {"kind": CYCLE_LIMIT, "report":
                                              f"DPU {i}: stopped after {max_cycles} cycles"}
                        else:
                            still.append(i)
                    else:
                        status[i] = "fault"
                        self.faults[i] = fault_dict(f.info)
                active = still
        finally:
            self.busy = False
        return status

    def status(self) -> dict:
        sim = self.sim
        dpus = []
        if sim is not None:
            for i, d in enumerate(sim.dpus):
                dpus.append({"dpu": i, "state": self.dpu_state[i] if i < len(self.dpu_state)
                             else "idle", "cycles": d.cycle, "instructions": d.instructions,
                             "running_tasklets": sum(t.state is TaskletState.RUNNING
                                                     for t in d.tasklets),
                             "fault": self.faults.get(i)})
        return {"session": self.name, "program": self.program.name if self.program else None,
                "engine": self.engine, "busy": self.busy, "debugging": list(self.debugging),
                "dpus": dpus}

    def log(self, dpu: int) -> dict:
        sim = self._need_dpus()
        self._need_program()
        try:
            return {"text": read_log_bytes(sim, dpu).decode("utf-8", "replace")}
        except LogError as e:
            return {"text": e.partial.decode("utf-8", "replace"), "error": str(e)}

    def stats(self, dpus: list[int]) -> dict:
        sim = self._need_dpus()
        clock = sim.model.clock_mhz * 1e6
        out = []
        for i in dpus:
            d = sim.dpus[i]
            out.append({
                "dpu": i, "cycles": d.cycle, "instructions": d.instructions,
                "time_s": d.cycle / clock, "state": self.dpu_state[i],
                "exit_status": exit_status(d) if self.program else None,
                "fault": self.faults.get(i),
                "tasklets": [{"tasklet": t.id, "instructions": t.instructions,
                              "cycles": tasklet_cycles(d, t), "state": t.state.value,
                              "pc": t.pc} for t in d.tasklets if t.instructions or
                             t.state is TaskletState.RUNNING],
            })
        return {"engine": self.engine, "clock_hz": clock, "dpus": out}

    # ----------------------------------------------------------------- debugging

    def _place(self, dbg: Debugger, pc: int | None) -> dict:
        if pc is None:
            return {}
        fn = dbg.function_at(pc)
        src = dbg.source(pc)
        return {"pc": pc, "address": address_of(pc), "function": fn[1] if fn else None,
                "symbol": dbg.program.symbolize(pc),
                "source": None if src is None or src[1] == 0 else
                {"file": clean_path(src[0]), "line": src[1]}}

    def _add_breakpoint(self, location: str | int, tasklet: int | None,
                        ident: int | None = None) -> dict:
        self._need_program()
        first = self.debuggers[0]
        if tasklet is not None and not 0 <= tasklet < len(first.dpu.tasklets):
            raise InvalidParams(f"tasklet {tasklet} does not exist")
        try:
            pcs = first.resolve(location)
        except DebugError as e:
            raise RequestFailed(str(e)) from None
        if ident is None:
            ident = self._next_bp
        self._next_bp = max(self._next_bp, ident + 1)
        bp = _Bp(ident, location, tasklet, pcs)
        for i, dbg in enumerate(self.debuggers):
            bp.per_dpu[i] = [b.id for b in dbg.add_breakpoint(location, tasklet)]
        self.breakpoints[ident] = bp
        return self._bp_dict(bp)

    def _bp_dict(self, bp: _Bp) -> dict:
        dbg = self.debuggers[0]
        return {"id": bp.id, "location": bp.location, "tasklet": bp.tasklet, "hits": bp.hits,
                "locations": [self._place(dbg, pc) for pc in bp.pcs]}

    def add_breakpoint(self, location: str | int, tasklet: int | None = None) -> dict:
        return self._add_breakpoint(location, tasklet)

    def delete_breakpoint(self, ident: int | None) -> dict:
        if ident is None:
            ids = list(self.breakpoints)
        elif ident not in self.breakpoints:
            raise RequestFailed(f"no breakpoint {ident}")
        else:
            ids = [ident]
        for k in ids:
            bp = self.breakpoints.pop(k)
            for i, dbg_ids in bp.per_dpu.items():
                for b in dbg_ids:
                    if i < len(self.debuggers) and b in self.debuggers[i].breakpoints:
                        self.debuggers[i].remove_breakpoint(b)
        return {"deleted": ids}

    def list_breakpoints(self) -> dict:
        return {"breakpoints": [self._bp_dict(b) for b in sorted(self.breakpoints.values(),
                                                                 key=lambda b: b.id)]}

    def _control_bp(self, dpu: int, bp: Breakpoint | None) -> int | None:
        if bp is None:
            return None
        for cb in self.breakpoints.values():
            if bp.id in cb.per_dpu.get(dpu, ()):
                return cb.id
        return None

    def debug_start(self, dpus: list[int]) -> dict:
        """Boot DPUs under the debugger: tasklet 0 at the bootstrap, nothing run yet."""
        self._need_program()
        for i in dpus:
            self.debuggers[i].start()
            self.dpu_state[i] = "stopped"
            self.faults.pop(i, None)
        self.debugging = sorted(dpus)
        self.current_dpu = self.debugging[0]
        dbg = self.debuggers[self.current_dpu]
        return {"reason": "entry", "dpu": self.current_dpu, "tasklet": 0,
                **self._place(dbg, 0), "exited": []}

    def _need_debugging(self) -> None:
        self._need_program()
        if not self.debugging:
            raise WrongState("not debugging: 'debug.start' boots the DPUs under the debugger "
                             "(the program has ended, or was never started)")

    def _stop_dict(self, dpu: int, stop: Stop, exited: list[int]) -> dict:
        dbg = self.debuggers[dpu]
        out = {"reason": stop.reason, "dpu": dpu, "tasklet": stop.tasklet,
               **self._place(dbg, stop.pc), "exited": exited}
        ident = self._control_bp(dpu, stop.breakpoint)
        if ident is not None:
            out["breakpoint"] = ident
            self.breakpoints[ident].hits += 1
        if stop.fault is not None:
            out["fault"] = fault_dict(stop.fault.info)
        return out

    def _finished(self, dpu: int, stop: Stop) -> None:
        self.debugging.remove(dpu)
        if stop.reason == "fault":
            self.dpu_state[dpu] = "fault"
            self.faults[dpu] = fault_dict(stop.fault.info)
        else:
            self.dpu_state[dpu] = "done"

    def debug_continue(self, max_cycles: int | None = None) -> dict:
        """Run the DPUs being debugged, one after the other (DPUs share nothing, so this is
        the order of a real launch as far as any of them can tell), until one stops."""
        self._need_debugging()
        self._interrupt.clear()
        exited: list[int] = []
        self.busy = True
        try:
            while self.debugging:
                dpu = self.debugging[0] if self.current_dpu not in self.debugging \
                    else self.current_dpu
                dbg = self.debuggers[dpu]
                self.dpu_state[dpu] = "running"
                while True:
                    if self._closed.is_set() or self._interrupt.is_set():
                        stop = Stop("pause", *dbg._where(None))
                        break
                    step = SLICE_CYCLES["ref"]
                    limit = dbg.dpu.cycle + step
                    if max_cycles is not None:
                        limit = min(limit, max_cycles)
                    stop = dbg.cont(max_cycles=limit)
                    if stop.reason != "limit":
                        break
                    if max_cycles is not None and dbg.dpu.cycle >= max_cycles:
                        break
                self.current_dpu = dpu
                if stop.reason in ("exited", "fault"):
                    self._finished(dpu, stop)
                    exited.append(dpu)
                    if stop.reason == "fault":
                        return self._stop_dict(dpu, stop, exited)
                    continue
                self.dpu_state[dpu] = "stopped"
                return self._stop_dict(dpu, stop, exited)
            return {"reason": "exited", "dpu": None, "tasklet": None, "exited": exited}
        finally:
            self.busy = False

    def debug_step(self, dpu: int, tasklet: int, mode: str) -> dict:
        self._need_debugging()
        if dpu not in self.debugging:
            raise WrongState(f"DPU {dpu} is not being debugged (it has ended, or was not "
                             "started with debug.start)")
        dbg = self.debuggers[dpu]
        self._interrupt.clear()
        self.busy = True
        self.dpu_state[dpu] = "running"
        try:
            if mode == "instruction":
                stop = dbg.step_instruction(tasklet)
            else:
                stop = dbg.step(tasklet, mode)
        except DebugError as e:
            self.dpu_state[dpu] = "stopped"
            raise RequestFailed(str(e)) from None
        finally:
            self.busy = False
        self.current_dpu = dpu
        exited = []
        if stop.reason in ("exited", "fault"):
            self._finished(dpu, stop)
            exited.append(dpu)
            if stop.reason == "exited" and self.debugging:
                return {"reason": "exited", "dpu": dpu, "tasklet": None, "exited": exited,
                        "others": list(self.debugging)}
        else:
            self.dpu_state[dpu] = "stopped"
        return self._stop_dict(dpu, stop, exited)

    def tasklets(self, dpu: int) -> dict:
        dbg = self._debugger(dpu)
        configured = set(self._configured_tasklets())
        out = []
        for info in dbg.tasklets():
            t = dbg.dpu.tasklets[info.id]
            if not (info.state != "stopped" or t.instructions or info.id in configured
                    or info.id == 0):
                continue
            out.append({"tasklet": info.id, "state": info.state, "instructions":
                        info.instructions, **self._place(dbg, info.pc)})
        return {"dpu": dpu, "tasklets": out}

    def backtrace(self, dpu: int, tasklet: int) -> dict:
        dbg = self._debugger(dpu)
        try:
            frames = dbg.backtrace(tasklet)
        except DebugError as e:
            raise RequestFailed(str(e)) from None
        out = []
        for f in frames:
            src = f.source
            out.append({"level": f.level, "pc": f.pc, "address": address_of(f.pc),
                        "function": f.function, "sp": f.sp, "cfa": f.cfa,
                        "source": None if src is None or src[1] == 0 else
                        {"file": clean_path(src[0]), "line": src[1]},
                        "variables": self._frame_variables(dbg, tasklet, f.level, frames)})
        return {"dpu": dpu, "tasklet": tasklet, "frames": out}

    @staticmethod
    def _frame_variables(dbg: Debugger, tasklet: int, level: int,
                         frames: list | None = None) -> list[dict]:
        try:
            found = dbg.frame_variables(tasklet, level, frames)
        except DebugError as e:
            raise RequestFailed(str(e)) from None
        return [{"name": v.name, "type": v.type, "value": v.value, "address": v.address,
                 "parameter": v.parameter} for v in found]

    def variables(self, dpu: int, tasklet: int, frame: int = 0) -> dict:
        """The parameters and locals of one frame (``dpucc -g``), as C shows them."""
        dbg = self._debugger(dpu)
        return {"dpu": dpu, "tasklet": tasklet, "frame": frame,
                "variables": self._frame_variables(dbg, tasklet, frame)}

    def set_variable(self, dpu: int, tasklet: int | None, frame: int, name: str,
                     value: str) -> dict:
        """A parameter or local of the frame, else (or without a tasklet) a typed global."""
        dbg = self._debugger(dpu)
        try:
            local = tasklet is not None and any(
                v.name == name for v in dbg.frame_variables(tasklet, frame))
            v = dbg.set_variable(tasklet, frame, name, value) if local else \
                dbg.set_global(name, value)
        except DebugError as e:
            raise RequestFailed(str(e)) from None
        return {"name": v.name, "type": v.type, "value": v.value, "address": v.address}

    def registers(self, dpu: int, tasklet: int) -> dict:
        dbg = self._debugger(dpu)
        try:
            return {"dpu": dpu, "tasklet": tasklet, "registers": dbg.registers(tasklet)}
        except DebugError as e:
            raise RequestFailed(str(e)) from None

    def set_register(self, dpu: int, tasklet: int, name: str, value: int) -> dict:
        dbg = self._debugger(dpu)
        try:
            dbg.set_register(tasklet, name, value)
        except DebugError as e:
            raise RequestFailed(str(e)) from None
        return {"value": dbg.registers(tasklet).get(name.lower().lstrip("%"), value)}

    def debug_read(self, dpu: int, where: str | int, length: int, offset: int = 0) -> dict:
        dbg = self._debugger(dpu)
        try:
            region, off = dbg.locate(where, offset)
            return {"address": memory.REGION_BASE[region] + off, "region": region,
                    "data": b64(dbg.read(where, length, offset))}
        except DebugError as e:
            raise RequestFailed(str(e)) from None

    def debug_write(self, dpu: int, where: str | int, data: bytes, offset: int = 0) -> dict:
        dbg = self._debugger(dpu)
        try:
            dbg.write(where, data, offset)
        except DebugError as e:
            raise RequestFailed(str(e)) from None
        return {"written": len(data)}

    def disassemble(self, dpu: int, where: str | int | None, count: int) -> dict:
        dbg = self._debugger(dpu)
        if where is None:
            t = dbg.dpu.tasklets[0]
            pc = t.pc
        elif isinstance(where, int):
            pc = (where - IRAM_BASE) // 8 if where >= IRAM_BASE else where
        else:
            sym = dbg.program.symbols.get(where)
            if sym is None or sym.region != memory.IRAM:
                try:
                    pc = dbg.resolve(where)[0]
                except DebugError as e:
                    raise RequestFailed(str(e)) from None
            else:
                pc = memory.value_of(memory.IRAM, sym.address)
        out = []
        for k, text, src in dbg.disassemble(pc, count):
            out.append({"pc": k, "address": address_of(k), "text": text,
                        "symbol": dbg.program.symbolize(k),
                        "source": None if src is None or src[1] == 0 else
                        {"file": clean_path(src[0]), "line": src[1]}})
        return {"instructions": out}

    def evaluate(self, dpu: int, tasklet: int | None, expression: str, frame: int = 0) -> dict:
        """A register (``r3``, ``d4``, ``pc``, ``sp`` …), a parameter or local of the tasklet's
        frame ``frame`` (``dpucc -g``), a symbol (its value when it has 1, 2, 4 or 8 bytes,
        else its bytes), ``symbol[i]`` (the i-th 32-bit word), ``&symbol``, or a number."""
        dbg = self._debugger(dpu)
        text = expression.strip()
        if tasklet is not None and text.isidentifier():
            try:
                found = dbg.frame_variables(tasklet, frame)
            except DebugError:
                found = []
            for v in found:
                if v.name == text:
                    return _typed_result(dbg, v)
        if text in dbg.program.globals:
            for v in dbg.global_variables():
                if v.name == text:
                    return _typed_result(dbg, v)
        reg = text.lower().lstrip("$%")
        aliases = {"sp": "r22", "ra": "r23", "lr": "r23"}
        reg = aliases.get(reg, reg)
        if tasklet is not None and (reg in Debugger.REGISTERS or (
                reg.startswith("d") and reg[1:].isdigit() and int(reg[1:]) % 2 == 0
                and int(reg[1:]) < 24)):
            regs = dbg.registers(tasklet)
            if reg.startswith("d") and reg not in regs:
                k = int(reg[1:])
                value = (regs[f"r{k}"] << 32) | regs[f"r{k + 1}"]
                return {"value": value, "text": f"0x{value:016x} ({value})", "kind": "register"}
            value = regs[reg]
            if reg == "pc":
                sym = dbg.program.symbolize(value)
                return {"value": value, "text": f"{hex32(address_of(value))} <{sym}>" if sym
                        else hex32(address_of(value)), "kind": "register"}
            return {"value": value, "text": f"{hex32(value)} ({value})", "kind": "register"}
        address_only = text.startswith("&")
        if address_only:
            text = text[1:].strip()
        index = None
        if text.endswith("]") and "[" in text:
            text, _, rest = text.partition("[")
            try:
                index = int(rest[:-1], 0)
            except ValueError:
                raise RequestFailed(f"not an index: {rest[:-1]!r}") from None
        sym = dbg.program.symbols.get(text)
        if sym is None:
            try:
                value = int(text, 0)
            except ValueError:
                raise RequestFailed(f"no register or symbol {expression.strip()!r}") from None
            return {"value": value, "text": f"{value} ({hex32(value)})", "kind": "number"}
        if address_only:
            return {"value": sym.address, "text": hex32(sym.address), "kind": "address"}
        try:
            if index is not None:
                raw = dbg.read(text, 4, 4 * index)
                value = int.from_bytes(raw, "little")
                return {"value": value, "text": f"{value} ({hex32(value)})", "kind": "word",
                        "address": sym.address + 4 * index}
            size = sym.size or 4
            raw = dbg.read(text, min(size, 256))
        except DebugError as e:
            raise RequestFailed(str(e)) from None
        if size in (1, 2, 4, 8):
            value = int.from_bytes(raw, "little")
            text = f"{value} (0x{value:0{2 * size}x})"
            if size == 8:  # two words as often as one 64-bit integer: show both
                text = (f"{{{value & 0xFFFFFFFF}, {value >> 32}}} (as a 64-bit integer: "
                        f"{value})")
            return {"value": value, "text": text,
                    "kind": "symbol", "address": sym.address, "size": size}
        words = [int.from_bytes(raw[k:k + 4], "little") for k in range(0, len(raw) - 3, 4)]
        shown = ", ".join(str(w) for w in words[:16]) + (", …" if len(words) > 16 or
                                                          size > len(raw) else "")
        return {"value": None, "text": "{" + shown + "}", "kind": "symbol",
                "address": sym.address, "size": size, "data": b64(raw)}

    def mailboxes(self, dpu: int) -> dict:
        dbg = self._debugger(dpu)
        return {"mailboxes": {k: b64(v) for k, v in dbg.mailboxes().items()}}


# ------------------------------------------------------------------------------ the method table


def _typed_result(dbg: Debugger, v) -> dict:
    """An evaluated C variable: ``value`` a number for scalars (None for aggregates), ``text``
    as gdb prints it."""
    t = v.variable.ctype
    value = None
    try:
        data = dbg.read(v.address, t.byte_size)
        if t.kind == "pointer":
            value = int.from_bytes(data, "little")
        elif t.kind == "base" and t.encoding == 0x04:
            value = struct.unpack("<f" if t.size == 4 else "<d", data)[0]
        elif t.kind == "base":
            value = int.from_bytes(data, "little", signed=t.encoding in (0x05, 0x06))
    except (DebugError, HostAccessError, struct.error):
        value = None
    return {"value": value, "text": v.value, "kind": "variable", "type": v.type,
            "address": v.address, "size": t.byte_size}


def _load(c: Control, p: Params) -> dict:
    path = p.str("path")
    data = p.data(required=False) if path is None else None
    name = p.str("name")
    engine = p.str("engine", None, choices=tuple(ENGINES))
    count = p.int("dpus", None, 1, None)
    p.done()
    if path is None and data is None:
        raise InvalidParams("give the program as 'path' (a file the server reads) or 'data' "
                            "(the executable's bytes in base64)")
    if path is not None:
        try:
            with open(path, "rb") as fh:
                data = fh.read(64 << 20)
        except OSError as e:
            raise RequestFailed(f"{path}: {e.strerror}") from None
        name = name or os.path.basename(path)
    if count is not None or engine is not None or c.sim is None:
        c.allocate(count or (len(c.sim.dpus) if c.sim else 1), engine or c.engine)
    result = c.load(data, name or "program")
    if path is not None:
        result["path"] = os.path.abspath(path)
    return result


def _allocate(c: Control, p: Params) -> dict:
    count = p.int("count", 1, 1, None)
    engine = p.str("engine", "ref", choices=tuple(ENGINES))
    p.done()
    return c.allocate(count, engine)


def _free(c: Control, p: Params) -> dict:
    p.done()
    c._free()
    return {}


def _write(c: Control, p: Params) -> dict:
    where = p.where()
    offset = p.int("offset", 0, 0)
    data = p.data()
    if p.has("dpu"):
        dpus = [c._dpu(p)]
    else:
        dpus = c._dpus(p)
    p.done()
    return c.write(dpus, where, data, offset)


def _read(c: Control, p: Params) -> dict:
    dpu = c._dpu(p)
    where = p.where()
    length = p.int("length", required=True, lo=0, hi=MAX_READ)
    offset = p.int("offset", 0, 0)
    p.done()
    return c.read(dpu, where, length, offset)


def _launch(c: Control, p: Params) -> dict:
    dpus = c._dpus(p)
    max_cycles = p.int("maxCycles", None, 1)
    p.done()
    return c.launch(dpus, max_cycles)


def _status(c: Control, p: Params) -> dict:
    p.done()
    return c.status()


def _log(c: Control, p: Params) -> dict:
    dpu = c._dpu(p)
    p.done()
    return c.log(dpu)


def _stats(c: Control, p: Params) -> dict:
    dpus = [c._dpu(p)] if p.has("dpu") else c._dpus(p)
    p.done()
    return c.stats(dpus)


def _symbols(c: Control, p: Params) -> dict:
    p.done()
    return c.symbols()


def _break(c: Control, p: Params) -> dict:
    location = p.where("location")
    tasklet = c._tasklet(p, required=False) if c.sim else p.int("tasklet")
    p.done()
    return c.add_breakpoint(location, tasklet)


def _delete(c: Control, p: Params) -> dict:
    ident = p.int("id")
    p.done()
    return c.delete_breakpoint(ident)


def _breakpoints(c: Control, p: Params) -> dict:
    p.done()
    return c.list_breakpoints()


def _debug_start(c: Control, p: Params) -> dict:
    dpus = c._dpus(p)
    p.done()
    return c.debug_start(dpus)


def _continue(c: Control, p: Params) -> dict:
    max_cycles = p.int("maxCycles", None, 1)
    p.done()
    return c.debug_continue(max_cycles)


def _step(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    tasklet = c._tasklet(p)
    mode = p.str("mode", "over", choices=("in", "over", "out", "instruction"))
    p.done()
    return c.debug_step(dpu, tasklet, mode)


def _tasklets(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    p.done()
    return c.tasklets(dpu)


def _backtrace(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    tasklet = c._tasklet(p)
    p.done()
    return c.backtrace(dpu, tasklet)


def _registers(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    tasklet = c._tasklet(p)
    p.done()
    return c.registers(dpu, tasklet)


def _set_register(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    tasklet = c._tasklet(p)
    name = p.str("name", required=True)
    value = p.int("value", required=True, lo=-(1 << 63), hi=(1 << 64) - 1)
    p.done()
    return c.set_register(dpu, tasklet, name, value)


def _debug_read(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    where = p.where()
    length = p.int("length", required=True, lo=0, hi=MAX_READ)
    offset = p.int("offset", 0)
    p.done()
    return c.debug_read(dpu, where, length, offset)


def _debug_write(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    where = p.where()
    offset = p.int("offset", 0)
    data = p.data()
    p.done()
    return c.debug_write(dpu, where, data, offset)


def _disassemble(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    where = p.where(required=False)
    count = p.int("count", 16, 1, MAX_DISASSEMBLE)
    p.done()
    return c.disassemble(dpu, where, count)


def _evaluate(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    tasklet = c._tasklet(p, required=False)
    expression = p.str("expression", required=True)
    frame = p.int("frame", 0, 0)
    p.done()
    return c.evaluate(dpu, tasklet, expression, frame)


def _variables(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    tasklet = c._tasklet(p)
    frame = p.int("frame", 0, 0)
    p.done()
    return c.variables(dpu, tasklet, frame)


def _set_variable(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    tasklet = c._tasklet(p, required=False)
    frame = p.int("frame", 0, 0)
    name = p.str("name", required=True)
    value = p.str("value", required=True)
    p.done()
    return c.set_variable(dpu, tasklet, frame, name, value)


def _mailboxes(c: Control, p: Params) -> dict:
    dpu = c._dpu(p, default=None)
    p.done()
    return c.mailboxes(dpu)


# name -> (function, runs the DPUs: the server gives such requests a worker thread)
METHODS: dict[str, tuple[Callable[[Control, Params], dict], bool]] = {
    "allocate": (_allocate, False),
    "free": (_free, False),
    "load": (_load, False),
    "symbols": (_symbols, False),
    "write": (_write, False),
    "read": (_read, False),
    "launch": (_launch, True),
    "status": (_status, False),
    "log": (_log, False),
    "stats": (_stats, False),
    "debug.start": (_debug_start, False),
    "debug.break": (_break, False),
    "debug.delete": (_delete, False),
    "debug.breakpoints": (_breakpoints, False),
    "debug.continue": (_continue, True),
    "debug.step": (_step, True),
    "debug.tasklets": (_tasklets, False),
    "debug.backtrace": (_backtrace, False),
    "debug.registers": (_registers, False),
    "debug.setRegister": (_set_register, False),
    "debug.read": (_debug_read, False),
    "debug.write": (_debug_write, False),
    "debug.disassemble": (_disassemble, False),
    "debug.evaluate": (_evaluate, False),
    "debug.variables": (_variables, False),
    "debug.setVariable": (_set_variable, False),
    "debug.mailboxes": (_mailboxes, False),
}
# Answered at once, even while a run is in progress on the connection.
IMMEDIATE = {"interrupt", "debug.pause", "server.info", "auth"}


def call(control: Control, method: str, params: Any = None) -> dict:
    """Run one method of the table on ``control`` (in the caller's thread)."""
    if method in ("interrupt", "debug.pause"):
        Params(params).done()
        return control.interrupt()
    entry = METHODS.get(method)
    if entry is None:
        raise MethodNotFound(f"no method {method!r}")
    fn = entry[0]
    return control.locked(fn, control, Params(params))


def server_info(limits: Limits, sessions: int = 0, auth: bool = False,
                dpus_in_use: int = 0) -> dict:
    return {"name": "dpuservice", "version": __version__, "protocols": ["jsonrpc", "dap"],
            "methods": sorted(set(METHODS) | IMMEDIATE), "engines": sorted(ENGINES),
            "authentication": auth, "sessions": sessions, "dpusInUse": dpus_in_use,
            "limits": {"maxFrame": limits.max_frame, "maxDpus": limits.max_dpus,
                       "maxDpusPerClient": limits.max_dpus_per_client,
                       "maxConnections": limits.max_connections}}
