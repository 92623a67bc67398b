"""The ``auto`` engine: the vectorized engine for short runs, the native engine for the rest.

Which engine is faster depends on the run at hand.  The native engine runs a program hundreds of
times faster than the vectorized one, but compiling it (its quick code, see
:mod:`dpusim.native`) costs 0.05 s for a small kernel to most of a second for a large program,
the time the vectorized engine takes for some hundred thousand to a few million instructions.
The length of a run is not known before it ends, so ``auto`` decides as a JIT does:

- a program whose machine code is already compiled (in this process or the disk cache) runs
  natively at once;
- otherwise the DPUs start on the vectorized engine for :func:`budget` cycles, about what the
  vectorized engine runs while the native engine compiles the program's quick code; the DPUs
  that are still running then go on natively from where they are.  A run that ends on the
  vectorized engine then took at most about the time of a compile; one that goes on costs at
  most about twice what native code from the start would have.

Every engine leaves a DPU in the reference engine's exact state at a cycle limit, so the results
are the same whichever engine ran which part; ``ran`` says which did.
"""

from __future__ import annotations

import array

from .faults import CYCLE_LIMIT, DpuFault
from .native import NativeEngine, available, is_compiled
from .reference import Observer
from .state import DpuState
from .vector import VectorEngine

# The quick code of a program takes about 0.02 s + 0.5 ms per instruction to compile (0.03-0.05 s
# for a small kernel, 0.8 s for 1400 instructions), in which the vectorized engine runs about a
# million cycles a second of one DPU (16 tasklets), 0.2 million of 64 DPUs in lockstep.
BUDGET = 10_000  # cycles run on the vectorized engine before compiling, and per instruction:
BUDGET_PER_INSTRUCTION = 250


def budget(dpus: list[DpuState]) -> int:
    """Cycles the DPUs run on the vectorized engine before the native engine compiles their
    program (the first DPU's): more for a longer program, whose compile is longer."""
    if not dpus:
        return BUDGET
    words = array.array("Q", dpus[0].iram).tobytes().rstrip(b"\0")  # (C speed: 4096 words)
    return BUDGET + BUDGET_PER_INSTRUCTION * -(-len(words) // 8)


class AutoEngine:
    """Runs DPUs on the vectorized engine, then natively when the run goes on (see above).
    ``last_faults`` maps every faulted DPU to its fault, as the engines it uses do."""

    name = "auto"

    def __init__(self, observer: Observer | None = None):
        self.observer = observer
        self.vector = VectorEngine(observer)
        self.native = NativeEngine(observer) if observer is None and available() else None
        self.last_faults: dict[int, DpuFault] = {}
        self.ran: set[str] = set()  # the engines that ran DPUs

    @property
    def stats(self) -> dict:
        return {"vector": self.vector.stats, "native": self.native.stats if self.native else {}}

    def run(self, dpu: DpuState, max_cycles: int | None = None) -> None:
        self.run_many([dpu], max_cycles)

    def run_many(self, dpus: list[DpuState], max_cycles: int | None = None) -> None:
        self.last_faults = {}
        if self.native is not None and all(is_compiled(d.iram, d.model) for d in dpus):
            self._run(self.native, dpus, max_cycles)
        else:
            start = max((d.cycle for d in dpus), default=0)
            until = start + budget(dpus)
            if self.native is None or (max_cycles is not None and max_cycles <= until):
                until = max_cycles
            self._run(self.vector, dpus, until)
            if until != max_cycles:
                over = [d for d in dpus if d.index in self.last_faults
                        and self.last_faults[d.index].info.kind == CYCLE_LIMIT]
                for d in over:
                    del self.last_faults[d.index]
                if over:
                    self._run(self.native, over, max_cycles)
        if self.last_faults:
            raise self.last_faults[min(self.last_faults)]

    def _run(self, engine, dpus: list[DpuState], max_cycles: int | None) -> None:
        self.ran.add(engine.name)
        try:
            engine.run_many(dpus, max_cycles)
        except DpuFault:
            pass
        self.last_faults.update(engine.last_faults)


__all__ = ["AutoEngine", "BUDGET", "BUDGET_PER_INSTRUCTION", "budget"]
