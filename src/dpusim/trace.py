"""Execution traces in the Chrome trace-event format, which Perfetto and chrome://tracing load.

:class:`TraceRecorder` is an :class:`~dpusim.reference.Observer`: it watches every issued
instruction and cuts each tasklet's time line into states:

``running``
    started and issuing (this includes waiting for its turn in the revolver pipeline);
``dma``
    blocked on a DMA: from the issue of an ``ldma``/``sdma``/``ldmai`` whose tasklet may not issue
    again for more than 11 cycles, to the cycle it may issue again (the transfer's end, after any
    queueing behind other transfers on the DPU's DMA engine);
``lock``
    spinning on an atomic bit: from the first ``acquire`` that did not get its bit and branched to
    itself (``acquire rX, imm, nz, .``), to the issue of the ``acquire`` that got it;
``stopped``
    from the cycle after its ``stop`` to the cycle a ``boot``/``resume`` started it again, or to the
    end of the run.

The document is ``{"traceEvents": [...], "displayTimeUnit": "ns", "otherData": {...}}``: one
process per DPU ("DPU n", pid n + 1), one thread per tasklet that ran ("tasklet n", tid n + 1:
Perfetto treats pid and tid 0 as the kernel's idle task, so numbering starts at 1), and one
complete event (``"ph": "X"``) per state interval, with ``ts`` and ``dur`` in microseconds of the
model's clock (cycle / clock in MHz) and the exact cycles in ``args``.  Consecutive intervals of
the same state are merged, so a track's events never overlap and their ``ts`` increase.  A fault
is an instant event (``"ph": "i"``) on the faulting tasklet's track (on the DPU for a cycle limit).

Use: ``rec = TraceRecorder(clock_mhz)``; pass it as the simulator's observer; ``rec.start(dpus)``
after booting; run; ``rec.finish(dpus, faults)``; ``rec.document()``.  One recorder records one
launch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dpucore import isa

from .faults import FaultInfo
from .reference import Observer
from .state import ISSUE_INTERVAL, DpuState, Tasklet, TaskletState

RUNNING, DMA, LOCK, STOPPED = "running", "dma", "lock", "stopped"
STATES = (RUNNING, DMA, LOCK, STOPPED)
# Colour hints of the legacy trace viewer (Perfetto picks its own colours).
_CNAME = {RUNNING: "thread_state_running", DMA: "thread_state_iowait",
          LOCK: "thread_state_uninterruptible", STOPPED: "thread_state_sleeping"}


@dataclass
class Interval:
    state: str
    start: int  # cycle
    end: int  # cycle (exclusive)
    instructions: int = 0  # instructions issued in it
    pc: int | None = None  # the dma / acquire instruction


@dataclass
class _Track:
    state: str
    since: int
    pc: int | None = None
    issued: int = 0
    intervals: list[Interval] = field(default_factory=list)

    def move(self, state: str, at: int, pc: int | None = None) -> None:
        """Enter ``state`` at cycle ``at`` (nothing to do if already in it)."""
        if state == self.state:
            return
        self.close(at)
        self.state, self.since, self.pc, self.issued = state, at, pc, 0

    def close(self, at: int) -> None:
        if at <= self.since:
            return
        last = self.intervals[-1] if self.intervals else None
        if last is not None and last.state == self.state and last.end == self.since:
            last.end = at
            last.instructions += self.issued
        else:
            self.intervals.append(Interval(self.state, self.since, at, self.issued, self.pc))
        self.since, self.issued = at, 0


class TraceRecorder(Observer):
    """Records the state intervals of every tasklet of every DPU it observes."""

    def __init__(self, clock_mhz: int = 350):
        self.clock_mhz = clock_mhz
        self._tracks: dict[tuple[int, int], _Track] = {}
        self._dpus: dict[int, DpuState] = {}
        self._ends: dict[int, int] = {}
        self._faults: dict[int, FaultInfo] = {}
        self._finished = False

    # ------------------------------------------------------------------ recording

    def start(self, dpus: Iterable[DpuState]) -> None:
        """Note the tasklets already running (tasklet 0 after a boot) before the run starts."""
        for d in dpus:
            self._dpus[d.index] = d
            for t in d.tasklets:
                if t.state is TaskletState.RUNNING:
                    self._begin(d, t, d.cycle)

    def _begin(self, dpu: DpuState, t: Tasklet, cycle: int) -> _Track:
        key = (dpu.index, t.id)
        track = self._tracks.get(key)
        start = t.started_at if t.started_at is not None else cycle
        if track is None:
            self._dpus.setdefault(dpu.index, dpu)
            track = self._tracks[key] = _Track(RUNNING, min(start, cycle))
        else:
            track.move(RUNNING, start)
        return track

    def issue(self, dpu: DpuState, t: Tasklet, pc: int, cycle: int, form: isa.Form) -> None:
        track = self._tracks.get((dpu.index, t.id))
        if track is None:
            track = self._begin(dpu, t, cycle)
        category = form.category
        if category == "atomic" and t.pc == pc and form.base == "acquire":
            track.move(LOCK, cycle, pc)
            track.issued += 1
        elif category == "dma" and t.ready_at - cycle > ISSUE_INTERVAL:
            track.move(DMA, cycle, pc)
            track.issued += 1
            track.move(RUNNING, t.ready_at)
        else:
            track.move(RUNNING, cycle)
            track.issued += 1
            if t.state is TaskletState.STOPPED:
                track.move(STOPPED, cycle + 1)
            elif category == "tasklet":  # boot / resume: note the tasklets it started
                for other in dpu.tasklets:
                    if other is not t and other.state is TaskletState.RUNNING:
                        o = self._tracks.get((dpu.index, other.id))
                        if o is None or o.state == STOPPED:
                            self._begin(dpu, other, cycle + 1)

    def finish(self, dpus: Iterable[DpuState], faults: dict[int, FaultInfo] | None = None) -> None:
        """Close every interval at the end of its DPU's run (``dpu.cycle``)."""
        for d in dpus:
            self._dpus[d.index] = d
            self._ends[d.index] = d.cycle
        for (index, _), track in self._tracks.items():
            end = self._ends.get(index, self._dpus[index].cycle)
            track.close(max(end, track.since))
            # A DMA wait may reach past the end of a run cut short (a fault, a cycle limit).
            while track.intervals and track.intervals[-1].end > end:
                last = track.intervals[-1]
                if last.start >= end:
                    track.intervals.pop()
                else:
                    last.end = end
        self._faults = dict(faults or {})
        self._finished = True

    # ------------------------------------------------------------------ results

    def intervals(self, dpu: int, tasklet: int) -> list[Interval]:
        track = self._tracks.get((dpu, tasklet))
        return list(track.intervals) if track is not None else []

    def _us(self, cycle: int) -> float:
        # Microseconds, to 0.1 ns: a cycle is 2.5 ns or more, so distinct cycles stay distinct.
        return round(cycle / self.clock_mhz, 4)

    def events(self) -> list[dict[str, Any]]:
        """The trace events: metadata first, then each track's intervals in time order."""
        if not self._finished:
            self.finish(self._dpus.values())
        events: list[dict[str, Any]] = []
        by_dpu: dict[int, list[int]] = {}
        for index, tid in sorted(self._tracks):
            by_dpu.setdefault(index, []).append(tid)
        for index in sorted(set(by_dpu) | set(self._faults)):
            pid = index + 1
            events.append({"ph": "M", "name": "process_name", "pid": pid, "tid": 0,
                           "args": {"name": f"DPU {index}"}})
            events.append({"ph": "M", "name": "process_sort_index", "pid": pid, "tid": 0,
                           "args": {"sort_index": index}})
            for tid in by_dpu.get(index, []):
                events.append({"ph": "M", "name": "thread_name", "pid": pid, "tid": tid + 1,
                               "args": {"name": f"tasklet {tid}"}})
                events.append({"ph": "M", "name": "thread_sort_index", "pid": pid,
                               "tid": tid + 1, "args": {"sort_index": tid}})
        for (index, tid) in sorted(self._tracks):
            program = self._dpus[index].program
            for iv in self._tracks[(index, tid)].intervals:
                args: dict[str, Any] = {"start_cycle": iv.start, "end_cycle": iv.end,
                                        "cycles": iv.end - iv.start}
                if iv.state != STOPPED:
                    args["instructions"] = iv.instructions
                if iv.pc is not None:
                    args["pc"] = iv.pc
                    symbol = program.symbolize(iv.pc) if program is not None else None
                    if symbol:
                        args["symbol"] = symbol
                ts = self._us(iv.start)
                events.append({"ph": "X", "name": iv.state, "cat": "tasklet", "pid": index + 1,
                               "tid": tid + 1, "ts": ts, "dur": round(self._us(iv.end) - ts, 4),
                               "cname": _CNAME[iv.state], "args": args})
        for index in sorted(self._faults):
            info = self._faults[index]
            cycle = self._ends.get(index, 0)
            event = {"ph": "i", "name": info.kind, "cat": "fault", "pid": index + 1,
                     "ts": self._us(cycle), "args": {"cycle": cycle, "report": info.report()}}
            if info.tasklet is not None:
                event.update(tid=info.tasklet + 1, s="t")
            else:
                event.update(tid=1, s="p")
            events.append(event)
        return events

    def document(self, other: dict[str, Any] | None = None) -> dict[str, Any]:
        """The JSON document Perfetto loads; ``other`` goes to ``otherData`` (run metadata)."""
        data = {"clock_mhz": self.clock_mhz, "time_unit": "us of the model clock",
                "ids": "pid = DPU index + 1, tid = tasklet id + 1"}
        data.update(other or {})
        return {"traceEvents": self.events(), "displayTimeUnit": "ns", "otherData": data}
