"""The architectural state of one simulated DPU: memories, atomic bits, tasklets, counters.

MRAM is allocated lazily in pages, so a thousand simulated DPUs that each touch a few kilobytes
of their 64 MiB fit in a laptop's memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from dpucore import memory

from .program import Program

NR_REGISTERS = 24
ISSUE_INTERVAL = 11  # a tasklet issues at most once every 11 cycles (the revolver pipeline)
DMA_ALPHA_READ = 77  # MRAM -> WRAM (and IRAM) latency, cycles
DMA_ALPHA_WRITE = 61  # WRAM -> MRAM
# β = 0.5 cycle per byte: a DMA of n bytes (a multiple of 8) costs α + n // 2.

FAULT_MEANINGS = {
    0: "breakpoint (bkp)",
    1: "heap full",
    2: "division by zero",
    3: "assertion failed",
    4: "halt",
    5: "printf buffer overflow",
}


class TaskletState(Enum):
    STOPPED = "stopped"
    RUNNING = "running"


@dataclass
class Tasklet:
    id: int
    regs: list[int] = field(default_factory=lambda: [0] * NR_REGISTERS)
    pc: int = 0
    zf: int = 0
    cf: int = 0
    state: TaskletState = TaskletState.STOPPED
    ready_at: int = 0  # first cycle at which it may issue again
    instructions: int = 0
    cycles: int = 0  # cycles spent between being started and stopping
    started_at: int | None = None
    waiting: str = "running"  # what it last waited on: running, dma, lock

    def pair(self, even: int) -> int:
        """The 64-bit value of pair d<even>: the even register holds the high word."""
        return (self.regs[even] << 32) | self.regs[even + 1]

    def set_pair(self, even: int, value: int) -> None:
        self.regs[even] = (value >> 32) & 0xFFFFFFFF
        self.regs[even + 1] = value & 0xFFFFFFFF


class LazyMemory:
    """A byte-addressed memory of ``size`` bytes, allocated in pages on first write."""

    PAGE = 1 << 16

    def __init__(self, size: int):
        self.size = size
        self.pages: dict[int, bytearray] = {}

    def read(self, addr: int, n: int) -> bytes:
        out = bytearray()
        while n:
            page, off = divmod(addr, self.PAGE)
            take = min(n, self.PAGE - off)
            p = self.pages.get(page)
            out += p[off:off + take] if p is not None else bytes(take)
            addr += take
            n -= take
        return bytes(out)

    def write(self, addr: int, data: bytes) -> None:
        pos = 0
        while pos < len(data):
            page, off = divmod(addr + pos, self.PAGE)
            take = min(len(data) - pos, self.PAGE - off)
            p = self.pages.get(page)
            if p is None:
                p = self.pages[page] = bytearray(self.PAGE)
            p[off:off + take] = data[pos:pos + take]
            pos += take

    @property
    def allocated(self) -> int:
        return len(self.pages) * self.PAGE


class Iram(list):
    """IRAM's instruction words: a list that counts the changes made to it (``changes``), so
    that what is derived from a program can be kept with the words (``memo``) until they change
    (the native engine's key for a program's compiled code: otherwise 4096 words compared at each
    DPU's run).  ``shared``: a dict that every DPU loaded with the same program image holds too,
    for what is derived from the words as loaded (valid while ``changes`` is 0).  Every way of
    changing a list counts; a copy or a pickle starts with no memo."""

    __slots__ = ("changes", "memo", "shared")

    def __init__(self, words=(), shared: dict | None = None):
        super().__init__(words)
        self.changes = 0
        self.memo = None
        self.shared = shared

    def __reduce__(self):
        return (Iram, (list(self),))


def _counting(method):
    def changing(self, *args, **kwargs):
        self.changes += 1
        return method(self, *args, **kwargs)
    changing.__name__ = changing.__qualname__ = method.__name__
    changing.__doc__ = method.__doc__
    return changing


for _name in ("__setitem__", "__delitem__", "__iadd__", "__imul__", "append", "extend", "insert",
              "pop", "remove", "clear", "sort", "reverse"):
    setattr(Iram, _name, _counting(getattr(list, _name)))
del _name


@dataclass
class DpuState:
    """Everything an engine reads and writes for one DPU."""

    index: int
    model: memory.DpuModel
    program: Program | None = None
    iram: list[int] = field(default_factory=list)
    wram: bytearray = field(default_factory=bytearray)
    mram: LazyMemory | None = None
    atomic: bytearray = field(default_factory=bytearray)
    cycle: int = 0
    instructions: int = 0
    dma_free_at: int = 0
    counter_mode: int = 1  # time_cfg mode: 1 cycles, 2 instructions, 3 nothing
    counter_base: int = 0
    counter_frozen: int = 0
    last_issued: int = -1  # tasklet id, for the round-robin choice

    def __post_init__(self) -> None:
        self.iram = Iram(self.iram or [0] * self.model.iram_instructions)
        if not self.wram:
            self.wram = bytearray(self.model.wram_bytes)
        if self.mram is None:
            self.mram = LazyMemory(self.model.mram_bytes)
        if not self.atomic:
            self.atomic = bytearray(self.model.atomic_bits)
        # The tasklets are held in one of three forms: Tasklet objects (once anyone asked for
        # them), or, until then, "reset, these booted at these cycles" (``_boots``), or the
        # compact form an engine left after a run (``_packed``, an object with ``unpack()``
        # and ``running``).  A host that boots and runs DPUs never needs the objects, and the
        # native engine then neither builds nor reads them.
        self._tasklets: list[Tasklet] | None = None
        self._boots: dict[int, int] = {}
        self._packed = None

    @property
    def tasklets(self) -> list[Tasklet]:
        """The tasklets, as objects from here on: the same objects until the next reset, kept
        up to date by every engine."""
        if self._tasklets is None:
            if self._packed is not None:
                tasklets = self._packed.unpack()
            else:
                tasklets = [Tasklet(i) for i in range(self.model.tasklets)]
                for k, cycle in self._boots.items():
                    t = tasklets[k]
                    t.state, t.ready_at, t.started_at = TaskletState.RUNNING, cycle, cycle
            self._tasklets = tasklets
            self._packed = None
            self._boots = {}
        return self._tasklets

    @tasklets.setter
    def tasklets(self, tasklets: list[Tasklet]) -> None:
        self._tasklets = tasklets
        self._packed = None
        self._boots = {}

    def has_running(self) -> bool:
        """Some tasklet runs (without making the tasklet objects)."""
        if self._tasklets is not None:
            return any(t.state is TaskletState.RUNNING for t in self._tasklets)
        if self._packed is not None:
            return self._packed.running
        return bool(self._boots)

    def fresh_boots(self) -> dict[int, int] | None:
        """Tasklet id -> the cycle it was booted at, when every other tasklet is as a reset
        left it and no tasklet object exists yet; else None."""
        if self._tasklets is None and self._packed is None:
            return self._boots
        return None

    def tasklet_objects(self) -> list[Tasklet] | None:
        """The tasklet objects if they exist (without making them)."""
        return self._tasklets

    def packed_tasklets(self):
        """The compact form of the tasklets an engine left (see :meth:`pack_tasklets`), while
        no tasklet object exists; else None."""
        return self._packed if self._tasklets is None else None

    def pack_tasklets(self, packed) -> None:
        """An engine's compact form of the tasklets after a run: it replaces the tasklets
        unless they exist as objects (which the engine must then update)."""
        assert self._tasklets is None
        self._packed = packed
        self._boots = {}

    def load(self, program: Program) -> None:
        """Put a program's images in the memories and reset every tasklet."""
        self.program = program
        self.iram = Iram(list(program.iram)
                         + [0] * (self.model.iram_instructions - len(program.iram)),
                         program.derived)
        self.wram = bytearray(self.model.wram_bytes)
        self.mram = LazyMemory(self.model.mram_bytes)
        self.atomic = bytearray(self.model.atomic_bits)
        for offset, data in program.images[memory.WRAM]:
            self.wram[offset:offset + len(data)] = data
        for offset, data in program.images[memory.MRAM]:
            self.mram.write(offset, data)
        for offset, data in program.images[memory.ATOMIC]:
            self.atomic[offset:offset + len(data)] = data
        self.reset_tasklets()

    def snapshot(self) -> dict:
        """A copy of everything that changes while the DPU runs or the host writes (not the
        program, which a snapshot shares): what :meth:`restore` puts back.  Plain data that
        pickles, so a snapshot can be kept elsewhere (a checkpoint of a remote DPU)."""
        return {
            "iram": list(self.iram), "wram": bytes(self.wram), "atomic": bytes(self.atomic),
            "mram": {page: bytes(data) for page, data in self.mram.pages.items()},
            "tasklets": [replace(t, regs=list(t.regs)) for t in self.tasklets],
            "scalars": {name: getattr(self, name) for name in _SCALARS},
        }

    def restore(self, snap: dict) -> None:
        """Put back a :meth:`snapshot` (of this DPU or another of the same model)."""
        self.iram = Iram(snap["iram"])
        self.wram = bytearray(snap["wram"])
        self.atomic = bytearray(snap["atomic"])
        self.mram = LazyMemory(self.model.mram_bytes)
        self.mram.pages = {page: bytearray(data) for page, data in snap["mram"].items()}
        self.tasklets = [replace(t, regs=list(t.regs)) for t in snap["tasklets"]]
        for name, value in snap["scalars"].items():
            setattr(self, name, value)

    def reset_tasklets(self) -> None:
        self._tasklets = None
        self._packed = None
        self._boots = {}
        self.cycle = self.instructions = self.dma_free_at = 0
        self.counter_mode, self.counter_base, self.counter_frozen = 1, 0, 0
        self.last_issued = -1

    def boot(self, tasklet: int = 0) -> None:
        """Start ``tasklet`` at PC 0, as the host's launch does for tasklet 0."""
        if self.fresh_boots() is not None and 0 <= tasklet < self.model.tasklets:
            self._boots[tasklet] = self.cycle
            return
        t = self.tasklets[tasklet]
        t.pc, t.state, t.ready_at = 0, TaskletState.RUNNING, self.cycle
        t.started_at = self.cycle

    def resume(self, tasklet: int) -> None:
        """Wake a stopped tasklet where it stopped, as a ``resume`` instruction does: the host
        does this to hand a message to an actor tasklet waiting in ``stop``."""
        t = self.tasklets[tasklet]
        if t.state is TaskletState.RUNNING:
            return
        t.state, t.ready_at = TaskletState.RUNNING, max(t.ready_at, self.cycle)
        t.started_at = self.cycle
        t.waiting = "running"

    @property
    def running(self) -> list[Tasklet]:
        return [t for t in self.tasklets if t.state is TaskletState.RUNNING]

    def counter(self) -> int:
        """What `time` reads: cycles or instructions since the last reset, per time_cfg."""
        if self.counter_mode == 1:
            return (self.cycle - self.counter_base) & 0xFFFFFFFF
        if self.counter_mode == 2:
            return (self.instructions - self.counter_base) & 0xFFFFFFFF
        return self.counter_frozen & 0xFFFFFFFF


# The counters and flags of a DpuState that a snapshot copies as they are.
_SCALARS = ("cycle", "instructions", "dma_free_at", "counter_mode", "counter_base",
            "counter_frozen", "last_issued")
