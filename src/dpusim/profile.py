"""A flat profile: instructions and cycles per function and per source line, hottest first.

:class:`Profiler` is an :class:`~dpusim.reference.Observer`.  It counts the instructions issued at
each pc and charges each one with cycles by this rule:

    an issued instruction costs the cycles from its issue to the **same tasklet's next issue**;
    an instruction that stops its tasklet costs 1 cycle; the last instruction of a tasklet still
    running when the run ends (another tasklet's fault, the cycle limit) costs the cycles up to
    that end.

So a ``ldma`` is charged with its transfer, a spinning ``acquire`` with the spinning, and every
instruction with the time its tasklet waited for its next turn in the revolver pipeline (at least
11 cycles).  The cycles are *tasklet cycles*: with n tasklets running, n of them pass per DPU
cycle; per tasklet they add up to its started time, minus the few cycles between a ``boot`` and the
booted tasklet's first issue.  Counts are summed over all DPUs observed.

Functions: the symbol typed ``@function`` whose range (its ``.size``; up to the next function when
it has none) holds the pc, else the nearest label before it (hand-written assembly rarely types its
symbols), else ``??``.  Source lines come from the program's DWARF line table (``-g``).

Use: pass a ``Profiler()`` as the simulator's observer, run, ``finish(dpus)``, then
``functions(program)`` and ``lines(program)`` return lists of :class:`ProfileRow`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from dpucore import isa, memory

from .program import Program
from .reference import Observer
from .state import DpuState, Tasklet, TaskletState


@dataclass(frozen=True)
class ProfileRow:
    name: str  # function name, or "file:line"
    instructions: int
    cycles: int
    share: float  # of all the cycles charged (0..1)
    function: str | None = None  # for a source line: the function holding its first pc


class Profiler(Observer):
    def __init__(self) -> None:
        self.counts: dict[int, int] = {}  # pc -> instructions issued
        self.cycles: dict[int, int] = {}  # pc -> cycles charged
        self._last: dict[tuple[int, int], tuple[int, int]] = {}  # (dpu, tasklet) -> (pc, cycle)

    def issue(self, dpu: DpuState, t: Tasklet, pc: int, cycle: int, form: isa.Form) -> None:
        key = (dpu.index, t.id)
        last = self._last.pop(key, None)
        if last is not None:
            self.cycles[last[0]] = self.cycles.get(last[0], 0) + cycle - last[1]
        self.counts[pc] = self.counts.get(pc, 0) + 1
        if t.state is TaskletState.STOPPED:
            self.cycles[pc] = self.cycles.get(pc, 0) + 1
        else:
            self._last[key] = (pc, cycle)

    def finish(self, dpus: Iterable[DpuState]) -> None:
        """Charge the instructions still pending up to the end of their DPU's run."""
        ends = {d.index: d.cycle for d in dpus}
        for (index, _), (pc, cycle) in sorted(self._last.items()):
            end = ends.get(index, cycle)
            self.cycles[pc] = self.cycles.get(pc, 0) + max(0, end - cycle)
        self._last.clear()

    @property
    def total_cycles(self) -> int:
        return sum(self.cycles.values())

    @property
    def total_instructions(self) -> int:
        return sum(self.counts.values())

    # ------------------------------------------------------------------ reports

    def functions(self, program: Program | None) -> list[ProfileRow]:
        """One row per function, hottest (most cycles) first."""
        names = _FunctionMap(program)
        return self._rows(lambda pc: names(pc), None)

    def lines(self, program: Program | None) -> list[ProfileRow]:
        """One row per source line ("file:line"), hottest first; empty without line info."""
        if program is None or program.lines is None:
            return []
        names = _FunctionMap(program)

        def line(pc: int) -> str | None:
            where = program.source_line(pc)
            return None if where is None else f"{where[0]}:{where[1]}"
        return self._rows(line, names)

    def _rows(self, key, functions) -> list[ProfileRow]:
        total = self.total_cycles
        acc: dict[str, list[int]] = {}
        first_pc: dict[str, int] = {}
        for pc in sorted(set(self.counts) | set(self.cycles)):
            name = key(pc)
            if name is None:
                continue
            a = acc.setdefault(name, [0, 0])
            a[0] += self.counts.get(pc, 0)
            a[1] += self.cycles.get(pc, 0)
            first_pc.setdefault(name, pc)
        rows = [ProfileRow(name, n, c, c / total if total else 0.0,
                           functions(first_pc[name]) if functions is not None else None)
                for name, (n, c) in acc.items()]
        # Hottest first; ties in program order.
        rows.sort(key=lambda r: (-r.cycles, -r.instructions, first_pc[r.name], r.name))
        return rows


class _FunctionMap:
    """pc -> function name, by the rule in the module's docstring."""

    def __init__(self, program: Program | None):
        funcs: list[tuple[int, int | None, str]] = []
        labels: list[tuple[int, str]] = []
        if program is not None:
            for s in program.symbols.values():
                if s.region != memory.IRAM:
                    continue
                start = memory.value_of(memory.IRAM, s.address)
                labels.append((start, s.name))
                if s.function:
                    funcs.append((start, start + s.size // 8 if s.size else None, s.name))
        funcs.sort(key=lambda f: (f[0], f[2]))
        labels.sort()
        self._funcs = funcs
        self._fstarts = [f[0] for f in funcs]
        self._labels = labels
        self._lstarts = [lab[0] for lab in labels]

    def __call__(self, pc: int) -> str:
        i = bisect.bisect_right(self._fstarts, pc) - 1
        if i >= 0:
            _, end, name = self._funcs[i]
            if end is None:
                nxt = self._fstarts[i + 1] if i + 1 < len(self._fstarts) else None
                if nxt is None or pc < nxt:
                    return name
            elif pc < end:
                return name
        j = bisect.bisect_right(self._lstarts, pc) - 1
        if j >= 0:
            # Among the labels at the same index, the first in sort order (as Program.symbolize).
            idx = self._lstarts[j]
            k = bisect.bisect_left(self._lstarts, idx)
            return self._labels[k][1]
        return "??"
