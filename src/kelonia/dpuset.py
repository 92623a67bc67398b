"""The DPU-set level: the SDK's host API (RUNTIME_API.md) in Python.

::

    with DpuSet.allocate(4) as dpus:              # dpu_alloc(4, "backend=simulator", &set)
        dpus.load("prog")                          # dpu_load
        dpus.broadcast("factor", struct.pack("<I", 3))     # dpu_broadcast_to
        dpus.push("input", [block0, block1, block2, block3])  # dpu_prepare_xfer + dpu_push_xfer
        dpus.launch()                              # dpu_launch(set, DPU_SYNCHRONOUS)
        results = dpus.gather("output", 64)        # one buffer per DPU
        for dpu in dpus:                           # DPU_FOREACH
            print(dpu.log(), end="")               # dpu_log_read

Transfers name a symbol of the program (a ``__host`` WRAM variable, an ``__mram`` one, or
``__sys_used_mram_end`` for the MRAM heap) or a linked address, plus a byte offset; the host
rules apply: MRAM transfers are 8-byte aligned in offset and length, WRAM ones 4-byte.
Buffers are ``bytes``, ``bytearray``, ``memoryview`` or numpy arrays (their raw bytes).
A set is safe to use from several threads as long as each thread works with its own DPUs
(which is what the foundry's workers do); launches made at the same time run together.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from dpucore import memory
from dpusim.program import Program, ProgramError as SimProgramError, load_program

from . import backends
from .errors import DpuFaultError, ProgramError, TransferError

RANK_SIZE = 64  # DPUs per rank (8 chips of 8 DPUs on a DIMM)


@dataclass
class DpuStats:
    """What one DPU did: its last run, and the bytes moved to and from it so far."""

    index: int
    cycles: int = 0
    instructions: int = 0
    launches: int = 0
    bytes_to: int = 0
    bytes_from: int = 0

    def seconds(self, model: memory.DpuModel = memory.DEFAULT_MODEL) -> float:
        """The last run's duration on hardware clocked as the model."""
        return self.cycles / (model.clock_mhz * 1e6)


def _as_bytes(data) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    tobytes = getattr(data, "tobytes", None)  # numpy arrays (any dtype: their raw bytes)
    if tobytes is not None:
        return tobytes()
    raise TransferError(f"a buffer must be bytes, bytearray, memoryview or a numpy array, "
                        f"not {type(data).__name__}")


class DpuSet:
    """Some DPUs of one allocation: all of them, a rank, or a single one (:class:`Dpu`)."""

    def __init__(self, group: _Group, indices: Sequence[int]):
        self._group = group
        self._indices = list(indices)

    # ----------------------------------------------------------------- allocation

    @classmethod
    def allocate(cls, n: int, backend: str = "simulator", *,
                 model: memory.DpuModel = memory.DEFAULT_MODEL,
                 capacity: int = backends.DEFAULT_CAPACITY, **options) -> DpuSet:
        """``n`` DPUs of ``backend`` ("simulator", "ray" or "stub", see :mod:`kelonia.backends`);
        ``options`` go to the backend (``engine="ref"``, ``max_cycles=``, ``kernel=`` …;
        for ray also ``address=``, ``checkpoint=``, see :mod:`kelonia.raybackend`)."""
        dpus = backends.allocate(backend, n, model, capacity, **options)
        return DpuSet(_Group(dpus), range(n))

    def free(self) -> None:
        """Give the DPUs back; the set (and every set sharing its allocation) is unusable."""
        self._group.free()

    def __enter__(self) -> DpuSet:
        return self

    def __exit__(self, *exc) -> None:
        self.free()

    # ----------------------------------------------------------------- shape

    def __len__(self) -> int:
        return len(self._indices)

    def __iter__(self) -> Iterator[Dpu]:
        return (Dpu(self._group, i) for i in self._indices)

    def __getitem__(self, k: int) -> Dpu:
        return Dpu(self._group, self._indices[k])

    @property
    def dpus(self) -> list[Dpu]:
        return list(self)

    @property
    def ranks(self) -> list[DpuSet]:
        """The set cut into ranks of 64 DPUs (the last one may be smaller)."""
        return [DpuSet(self._group, self._indices[k:k + RANK_SIZE])
                for k in range(0, len(self._indices), RANK_SIZE)]

    @property
    def backend(self) -> str:
        return self._group.dpus.name

    @property
    def program(self) -> Program | None:
        return self._group.dpus.program

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self)} {self.backend} DPUs>"

    # ----------------------------------------------------------------- program

    def load(self, program: str | os.PathLike | bytes | Program) -> Program:
        """Load an executable into every DPU of the allocation (the program is per
        allocation, as with the SDK's dpu_load on the whole set)."""
        g = self._group
        if not isinstance(program, Program):
            if isinstance(program, (bytes, bytearray)):
                data, name = bytes(program), "program"
            else:
                name = os.fspath(program)
                try:
                    with open(name, "rb") as fh:
                        data = fh.read()
                except OSError as e:
                    raise ProgramError(f"{name}: {e.strerror}") from None
            try:
                program = load_program(data, name, g.dpus.model)
            except SimProgramError as e:
                raise ProgramError(str(e)) from None
        with g.lock:
            g.check_alive()
            g.dpus.load(program)
        return program

    # ----------------------------------------------------------------- transfers

    def broadcast(self, symbol: str | int, data, offset: int = 0) -> None:
        """The same bytes to every DPU of the set (dpu_broadcast_to)."""
        self._group.broadcast(self._indices, symbol, _as_bytes(data), offset)

    def copy_to(self, symbol: str | int, data, offset: int = 0) -> None:
        """dpu_copy_to: the same bytes to every DPU of the set."""
        self.broadcast(symbol, data, offset)

    def copy_from(self, symbol: str | int, length: int, offset: int = 0) -> bytes:
        """dpu_copy_from: bytes from the set's only DPU (several DPUs: use :meth:`gather`)."""
        if len(self._indices) != 1:
            raise TransferError(f"copy_from reads one DPU; this set has {len(self)} "
                                f"(use gather() for one buffer per DPU)")
        return self._group.read(self._indices[0], symbol, length, offset)

    def push(self, symbol: str | int, buffers: Sequence, offset: int = 0) -> None:
        """One buffer per DPU, all of the same length, in the set's order (dpu_prepare_xfer
        on each DPU, then dpu_push_xfer TO_DPU)."""
        if len(buffers) != len(self._indices):
            raise TransferError(f"{len(buffers)} buffers for {len(self)} DPUs: push takes one "
                                "buffer per DPU")
        raws = [_as_bytes(b) for b in buffers]
        lengths = {len(r) for r in raws}
        if len(lengths) > 1:
            raise TransferError(f"push takes buffers of one length, not {sorted(lengths)}")
        self._group.write_each(self._indices, symbol, raws, offset)

    def scatter(self, symbol: str | int, array, offset: int = 0) -> None:
        """A numpy array cut into one equal part per DPU, in the set's order: along its
        first axis if that has one entry per DPU, else its bytes split evenly (push)."""
        a = np.ascontiguousarray(array)
        n = len(self._indices)
        if a.ndim >= 2 and a.shape[0] == n:
            parts = list(a)
        else:
            flat = a.reshape(-1).view(np.uint8)
            if flat.size % n:
                raise TransferError(f"scatter cuts {flat.size} bytes into {n} equal parts: "
                                    f"{flat.size} is not a multiple of {n}")
            parts = list(flat.reshape(n, -1))
        self.push(symbol, parts, offset)

    def gather(self, symbol: str | int, length: int, offset: int = 0) -> list[bytes]:
        """``length`` bytes from each DPU of the set, in order (dpu_push_xfer FROM_DPU)."""
        return self._group.read_each(self._indices, symbol, length, offset)

    def gather_array(self, symbol: str | int, count: int, dtype=np.uint8,
                     offset: int = 0) -> np.ndarray:
        """``count`` items of ``dtype`` from each DPU: an array with one row per DPU."""
        dtype = np.dtype(dtype)
        rows = self.gather(symbol, count * dtype.itemsize, offset)
        return np.frombuffer(b"".join(rows), dtype=dtype).reshape(len(rows), count)

    # ----------------------------------------------------------------- running

    def launch(self, sync: bool = True) -> Future | None:
        """Boot every DPU of the set and run it to completion (dpu_launch).  With
        ``sync=False`` it returns at once, with a Future that :meth:`sync` also waits for.
        A fault raises :class:`DpuFaultError` (the DPU, tasklet, PC, function, line)."""
        if sync:
            self._group.launch(self._indices)
            return None
        future = self._group.executor().submit(self._group.launch, list(self._indices))
        self._group.pending.append(future)
        return future

    def sync(self) -> None:
        """Wait for the asynchronous launches of the allocation (dpu_sync); re-raise the
        first fault."""
        g = self._group
        pending, g.pending = g.pending, []
        first = None
        for f in pending:
            try:
                f.result()
            except DpuFaultError as e:
                first = first or e
        if first is not None:
            raise first

    # ----------------------------------------------------------------- results

    def stats(self) -> list[DpuStats]:
        return [self._group.stats_of(i) for i in self._indices]

    def log(self) -> str:
        """What the DPUs printed in their last run, DPU by DPU (dpu_log_read)."""
        return "".join(self._group.logs(self._indices))


class Dpu(DpuSet):
    """One DPU of an allocation: a set of one, plus the operations on a single DPU that
    the foundry's workers use (:class:`kelonia.interface.DpuHandle`)."""

    def __init__(self, group: _Group, index: int):
        super().__init__(group, [index])
        self.index = index

    @property
    def lock(self) -> threading.RLock:
        """Held by a worker for a whole call (inputs, launch, outputs)."""
        return self._group.dpu_locks[self.index]

    def mram_write(self, address: int, data) -> None:
        """Bytes at an MRAM byte address (0 = the start of MRAM); 8-byte aligned."""
        self._group.write(self.index, memory.REGION_BASE[memory.MRAM] + address,
                          _as_bytes(data), 0)

    def mram_read(self, address: int, length: int) -> bytes:
        return self._group.read(self.index, memory.REGION_BASE[memory.MRAM] + address,
                                length, 0)

    def stats_one(self) -> DpuStats:
        return self._group.stats_of(self.index)

    def __repr__(self) -> str:
        return f"<Dpu {self.index} of a {self.backend} allocation>"


class _Group:
    """One allocation's shared state: its backend DPUs, per-DPU locks and statistics."""

    def __init__(self, dpus: backends.BackendDpus):
        self.dpus = dpus
        self.lock = threading.RLock()
        self.dpu_locks = [threading.RLock() for _ in range(dpus.n)]
        self.stats = [DpuStats(i) for i in range(dpus.n)]
        self.pending: list[Future] = []
        self._executor: ThreadPoolExecutor | None = None
        self.alive = True

    def check_alive(self) -> None:
        if not self.alive:
            raise TransferError("these DPUs were freed")

    def executor(self) -> ThreadPoolExecutor:
        with self.lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=4,
                                                    thread_name_prefix="kelonia-launch")
            return self._executor

    def write(self, i: int, symbol, data: bytes, offset: int) -> None:
        self.write_each([i], symbol, [data], offset)

    def read(self, i: int, symbol, length: int, offset: int) -> bytes:
        return self.read_each([i], symbol, length, offset)[0]

    def write_each(self, indices: list[int], symbol, datas: list[bytes], offset: int) -> None:
        self.check_alive()
        self.dpus.write_each(indices, symbol, datas, offset)
        for i, data in zip(indices, datas):
            self.stats[i].bytes_to += len(data)

    def broadcast(self, indices: list[int], symbol, data: bytes, offset: int) -> None:
        self.check_alive()
        self.dpus.broadcast(indices, symbol, data, offset)
        for i in indices:
            self.stats[i].bytes_to += len(data)

    def read_each(self, indices: list[int], symbol, length: int, offset: int) -> list[bytes]:
        self.check_alive()
        datas = self.dpus.read_each(indices, symbol, length, offset)
        for i in indices:
            self.stats[i].bytes_from += length
        return datas

    def launch(self, indices: list[int]) -> None:
        self.check_alive()
        if self.dpus.program is None:
            raise ProgramError("no program loaded: load() one before launching")
        try:
            self.dpus.launch(indices)
        finally:
            for i in indices:
                s = self.stats[i]
                s.cycles, s.instructions = self.dpus.counters(i)
                s.launches += 1

    def counted(self, indices) -> None:
        """Take the DPUs' counters into their statistics (after a run that was no launch)."""
        for i in indices:
            s = self.stats[i]
            s.cycles, s.instructions = self.dpus.counters(i)

    def log(self, i: int) -> str:
        return self.logs([i])[0]

    def logs(self, indices: list[int]) -> list[str]:
        self.check_alive()
        return self.dpus.logs(indices)

    def stats_of(self, i: int) -> DpuStats:
        s = self.stats[i]
        return DpuStats(s.index, s.cycles, s.instructions, s.launches, s.bytes_to,
                        s.bytes_from)

    def free(self) -> None:
        with self.lock:
            if not self.alive:
                return
            if self._executor is not None:
                self._executor.shutdown(wait=True)
            self.dpus.free()
            self.alive = False


__all__ = ["DpuSet", "Dpu", "DpuStats", "RANK_SIZE"]
