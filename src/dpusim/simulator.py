"""The Python API of the simulator: DPUs you load, write, boot, run and read.

::

    sim = Simulator(nr_dpus=4)
    sim.load("prog")                      # an executable path, its bytes, or a Program
    sim.write(0, "input", b"\\x01\\0\\0\\0")   # by symbol (or address), host alignment rules
    sim.launch()                          # boot tasklet 0 of every DPU and run to completion
    sim.read(0, "result", 4)

Host accesses follow RUNTIME_API.md: MRAM and IRAM accesses are 8-byte aligned in address and
length, WRAM accesses 4-byte aligned.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from dpucore import memory

from .faults import DpuFault
from .program import Program, ProgramError, load_program
from .reference import Observer, ReferenceEngine
from .state import DpuState, Tasklet
from .auto import AutoEngine
from .native import NativeEngine
from .vector import VectorEngine

ENGINES = {"ref": ReferenceEngine, "vector": VectorEngine, "native": NativeEngine,
           "auto": AutoEngine}


class HostAccessError(ValueError):
    """A host read or write the DPU would refuse (alignment, bounds, unknown symbol)."""


@dataclass(frozen=True)
class Location:
    region: str
    offset: int  # within the region


class Simulator:
    def __init__(self, nr_dpus: int = 1, engine: str = "ref",
                 model: memory.DpuModel = memory.DEFAULT_MODEL, observer: Observer | None = None):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine '{engine}' (available: {', '.join(ENGINES)})")
        if nr_dpus < 1:
            raise ValueError("at least one DPU is needed")
        self.model = model
        self.engine = ENGINES[engine](observer)
        self.dpus = [DpuState(i, model) for i in range(nr_dpus)]
        self.program: Program | None = None

    # ---------------------------------------------------------------- program

    def load(self, program: Program | bytes | str | os.PathLike) -> Program:
        if isinstance(program, (str, os.PathLike)):
            path = os.fspath(program)
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError as e:
                raise ProgramError(f"{path}: {e.strerror}") from None
            program = load_program(data, path, self.model)
        elif isinstance(program, (bytes, bytearray)):
            program = load_program(bytes(program), "program", self.model)
        self.program = program
        for dpu in self.dpus:
            dpu.load(program)
        return program

    # ---------------------------------------------------------------- running

    def boot(self, dpus: list[int] | None = None) -> None:
        """Reset the tasklets and start tasklet 0 at the bootstrap, as a host launch does."""
        for i in self._indices(dpus):
            self.dpus[i].reset_tasklets()
            self.dpus[i].boot(0)

    def resume(self, dpu: int, tasklets: list[int]) -> None:
        """Wake stopped tasklets of a DPU where they stopped (no reboot); ``run`` then runs
        them until every tasklet has stopped again."""
        d = self.dpus[self._indices([dpu])[0]]
        for t in tasklets:
            if not 0 <= t < len(d.tasklets):
                raise IndexError(f"tasklet {t} does not exist (0..{len(d.tasklets) - 1})")
            d.resume(t)

    def run(self, max_cycles: int | None = None, dpus: list[int] | None = None) -> None:
        """Run the booted DPUs to completion; raises DpuFault for the first DPU that faults.

        An engine with ``run_many`` (the vectorized engine) gets all the DPUs at once: every DPU
        runs, each faulting DPU stops at its fault, and the lowest-index fault is raised.
        """
        indices = self._indices(dpus)
        run_many = getattr(self.engine, "run_many", None)
        if run_many is not None:
            run_many([self.dpus[i] for i in indices], max_cycles)
            return
        for i in indices:
            self.engine.run(self.dpus[i], max_cycles)

    def launch(self, max_cycles: int | None = None) -> None:
        self.boot()
        self.run(max_cycles)

    def _indices(self, dpus: list[int] | None) -> list[int]:
        if dpus is None:
            return list(range(len(self.dpus)))
        for i in dpus:
            if not 0 <= i < len(self.dpus):
                raise IndexError(f"DPU {i} does not exist (0..{len(self.dpus) - 1})")
        return list(dpus)

    # ---------------------------------------------------------------- host access

    def locate(self, where: str | int, offset: int = 0) -> Location:
        """A symbol name or a linked address, plus an offset, as (region, offset in region)."""
        if isinstance(where, str):
            if self.program is None:
                raise HostAccessError("no program loaded")
            sym = self.program.symbols.get(where)
            if sym is None:
                raise HostAccessError(f"no symbol '{where}' in {self.program.name}")
            address = sym.address
        else:
            address = where
        address += offset
        region = memory.region_of_address(address)
        return Location(region, address - memory.REGION_BASE[region])

    def _check(self, loc: Location, length: int) -> None:
        align = 4 if loc.region == memory.WRAM else 8
        if loc.region == memory.ATOMIC:
            raise HostAccessError("the host cannot access the atomic bits")
        if loc.offset % align or length % align:
            raise HostAccessError(f"{loc.region.upper()} accesses must be {align}-byte aligned "
                                  f"in address and length (offset 0x{loc.offset:x}, "
                                  f"length {length})")
        size = self.model.region_size(loc.region)
        if loc.offset < 0 or loc.offset + length > size:
            raise HostAccessError(f"{loc.region.upper()} access of {length} bytes at 0x"
                                  f"{loc.offset:x} is outside its {size} bytes")

    def read(self, dpu: int, where: str | int, length: int, offset: int = 0) -> bytes:
        loc = self.locate(where, offset)
        self._check(loc, length)
        d = self.dpus[self._indices([dpu])[0]]
        if loc.region == memory.WRAM:
            return bytes(d.wram[loc.offset:loc.offset + length])
        if loc.region == memory.MRAM:
            return d.mram.read(loc.offset, length)
        words = d.iram[loc.offset // 8:(loc.offset + length) // 8]
        return b"".join(w.to_bytes(8, "little") for w in words)

    def write(self, dpu: int, where: str | int, data: bytes, offset: int = 0) -> None:
        loc = self.locate(where, offset)
        self._check(loc, len(data))
        d = self.dpus[self._indices([dpu])[0]]
        if loc.region == memory.WRAM:
            d.wram[loc.offset:loc.offset + len(data)] = data
        elif loc.region == memory.MRAM:
            d.mram.write(loc.offset, bytes(data))
        else:
            for k in range(0, len(data), 8):
                d.iram[(loc.offset + k) // 8] = int.from_bytes(data[k:k + 8], "little")

    def tasklet(self, dpu: int, tasklet: int) -> Tasklet:
        return self.dpus[dpu].tasklets[tasklet]


__all__ = ["Simulator", "DpuFault", "HostAccessError", "ProgramError", "ENGINES"]
