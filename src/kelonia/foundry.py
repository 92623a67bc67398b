"""Kelonia's foundry: assemblies of DPUs that look like Python objects (the seed's framework).

::

    device = DpuDeviceDescription(Charcount.instance(), "charcount.bin")
    with DpuFoundry.targeting(PYTHON).build(BasicDpuAssemblyLine.using_dpus(8, device)) as assembly:
        worker = assembly.get_worker(3, Task.count_characters)
        copy = assembly.get_worker(3, Task.memory_copy)
        copy.copy_to_device(0, text)
        counters = worker.count_characters(len(text), ord("a"))

A device description pairs an interface (a class dpugeni generated from the DIDL, see
:mod:`kelonia.interface`) with the DPU program that implements it, and says which backend
runs it: the simulator, or ``DpuBackend.STUBBED``, where no DPU exists and the interface's
``worker_factories()`` (overridden in a ``Stubbed…`` subclass) hands out whatever workers the
application's tests want, ``unittest.mock`` objects included.  An assembly line says how many
DPUs; the foundry builds the assembly, which owns its DPUs until it is freed (``with``, or
:meth:`BasicDpuAssembly.free`).  Workers of different DPUs may be used from different threads
at the same time; their launches then run together in the simulator.
"""

from __future__ import annotations

import enum
import os
import threading
from dataclasses import dataclass, field
from typing import Any

from .dpuset import DpuSet
from .errors import DpuAllocationError, KeloniaError, StubbedDpuError

PYTHON = "python"


class DpuBackend(enum.Enum):
    """What runs an assembly's DPUs."""

    SIMULATOR = "simulator"
    STUBBED = "stubbed"
    RAY = "ray"  # simulated DPUs on a Ray cluster (kelonia.raybackend)
    Simulator = "simulator"  # the seed's spellings
    Stubbed = "stubbed"
    Ray = "ray"


@dataclass(frozen=True)
class DpuDeviceDescription:
    """An interface instance and the program implementing it (the seed's
    ``new DpuDeviceDescription(CharcountInterface.Charcount.instance(), "charcount.bin")``)."""

    interface: Any
    binary: str | os.PathLike | bytes | None = None
    backend: DpuBackend = DpuBackend.SIMULATOR
    options: dict = field(default_factory=dict, compare=False)  # backend options (engine=…)


class AssemblyLine:
    """How many DPUs of one device an assembly has (the seed's assembly lines; a subclass says
    which kind of assembly the foundry builds)."""

    def __init__(self, device: DpuDeviceDescription, nr_dpus: int):
        if not isinstance(nr_dpus, int) or nr_dpus < 1:
            raise DpuAllocationError(f"an assembly needs at least one DPU, not {nr_dpus!r}")
        self.device = device
        self.nr_dpus = nr_dpus

    @classmethod
    def using_dpu(cls, device: DpuDeviceDescription):
        return cls(device, 1)

    @classmethod
    def using_dpus(cls, nr_dpus: int, device: DpuDeviceDescription):
        return cls(device, nr_dpus)

    usingDpu = using_dpu  # the seed's names
    usingDpus = using_dpus


class BasicDpuAssemblyLine(AssemblyLine):
    """How many DPUs of one device a :class:`BasicDpuAssembly` (workers) has."""


class DpuFoundry:
    """Builds assemblies for a target language; Python is the one this SDK has."""

    TARGETS = (PYTHON,)

    def __init__(self, target: str):
        self.target = target

    @classmethod
    def targeting(cls, target: str) -> DpuFoundry:
        if target not in cls.TARGETS:
            raise KeloniaError(f"no foundry targets {target!r}; this one builds for "
                               f"{', '.join(cls.TARGETS)}")
        return cls(target)

    def build(self, line):
        """The assembly an assembly line describes: a :class:`BasicDpuAssembly` (functions),
        or an :class:`kelonia.actors.ActorDpuAssembly` (actors)."""
        from .actors import ActorDpuAssembly, ActorDpuAssemblyLine
        if isinstance(line, ActorDpuAssemblyLine):
            return ActorDpuAssembly(line.device, line.nr_dpus)
        return BasicDpuAssembly(line.device, line.nr_dpus)


class StubDpu:
    """The DPU a stubbed assembly's worker factories receive: it has a number, and nothing
    a worker could run on (every DPU operation raises :class:`StubbedDpuError`)."""

    def __init__(self, index: int):
        self.index = index

    def _refuse(self, *args, **kwargs):
        raise StubbedDpuError(f"DPU {self.index} is stubbed: its workers must come from the "
                              "interface's worker_factories()")

    copy_to = copy_from = mram_write = mram_read = launch = _refuse

    def __repr__(self) -> str:
        return f"<StubDpu {self.index}>"


class Assembly:
    """What every kind of assembly does with its DPUs: allocate them and load the device's
    program (or hand out stubs), give them by number, and free them once."""

    def __init__(self, device: DpuDeviceDescription, nr_dpus: int):
        self.device = device
        self.nr_dpus = nr_dpus
        self._lock = threading.Lock()
        self._factories = None
        self.dpus: DpuSet | None = None
        self._handles: list = []
        self.freed = False

    def _allocate(self):
        """The assembly's DPUs allocated and the device's program loaded (the DPUs freed again
        if that fails); returns the program."""
        device = self.device
        if device.binary is None:
            raise KeloniaError("a device description for the simulator needs the DPU program "
                               "(binary)")
        self.dpus = DpuSet.allocate(self.nr_dpus, device.backend.value, **device.options)
        try:
            return self.dpus.load(device.binary)
        except BaseException:
            self.dpus.free()
            raise

    def dpu(self, dpu_number: int):
        """The DPU's handle (a :class:`kelonia.dpuset.Dpu`, or a stub)."""
        self._check(dpu_number)
        return self._handles[dpu_number]

    def _check(self, dpu_number: int) -> None:
        if self.freed:
            raise KeloniaError("this assembly was freed")
        if not isinstance(dpu_number, int) or not 0 <= dpu_number < self.nr_dpus:
            raise DpuAllocationError(f"DPU {dpu_number!r} is not in this assembly "
                                     f"(0..{self.nr_dpus - 1})")

    def _stop(self) -> None:
        """What a kind of assembly stops before its DPUs are freed."""

    def free(self) -> None:
        if self.freed:
            return
        self.freed = True
        self._stop()
        if self.dpus is not None:
            self.dpus.free()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.free()


class BasicDpuAssembly(Assembly):
    """DPUs running one device's program; workers call its functions."""

    def __init__(self, device: DpuDeviceDescription, nr_dpus: int):
        super().__init__(device, nr_dpus)
        self._workers: dict = {}
        if device.backend is DpuBackend.STUBBED:
            self._handles = [StubDpu(i) for i in range(nr_dpus)]
        else:
            self._allocate()
            self._handles = list(self.dpus)

    def get_worker(self, dpu_number: int, task):
        """The worker of a task on one DPU (the same object for the same pair)."""
        self._check(dpu_number)
        with self._lock:
            if self._factories is None:
                self._factories = dict(self.device.interface.worker_factories())
            key = (dpu_number, task)
            if key not in self._workers:
                factory = self._factories.get(task)
                if factory is None:
                    known = ", ".join(str(t) for t in self._factories)
                    raise KeloniaError(f"the interface has no worker for {task!r} "
                                       f"(it has: {known})")
                self._workers[key] = factory(self._handles[dpu_number])
            return self._workers[key]

    getWorker = get_worker  # the seed's name


__all__ = ["PYTHON", "DpuBackend", "DpuDeviceDescription", "AssemblyLine",
           "BasicDpuAssemblyLine", "DpuFoundry", "Assembly", "BasicDpuAssembly", "StubDpu"]
