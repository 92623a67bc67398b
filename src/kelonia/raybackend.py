"""The ``ray`` backend: simulated DPUs spread over a Ray cluster, one actor per rank of 64.

::

    with DpuSet.allocate(1024, backend="ray") as dpus:              # 16 rank actors
        dpus.load("vecadd")                # put once in the object store, loaded by every rank
        dpus.scatter("a", a)               # one remote call per rank, all in flight together
        dpus.launch()                      # likewise: the ranks run at the same time
        c = dpus.gather_array("c", n, np.uint32)

Each rank actor hosts a :class:`kelonia.backends.SimulatorDpus` for its DPUs (the vectorised
engine by default, running the rank's launched DPUs in lockstep), numbered as in the whole
allocation, so faults name the same DPU as they would on the local backend.  The host rules
(symbols, alignment, bounds) are checked here before anything is sent, with the local
backend's errors.  A transfer is one remote call per rank (the rank's buffers as one blob);
a launch is one remote call per rank, all in flight before any is waited for; launches made
at the same time from several threads run as one, as on the local backend.

Options of :func:`kelonia.backends.allocate` / ``DpuSet.allocate(..., backend="ray")``:

- ``address``: the cluster to connect to (``ray.init(address=...)``, e.g. ``"auto"`` or
  ``"ray://head:10001"``); without it a local Ray instance is started.  If Ray is already
  initialised in this process, it is used as it is.
- ``init``: more keyword arguments for ``ray.init`` (``runtime_env=``, ``num_cpus=`` …).
- ``actor_options``: options of each rank actor (``num_cpus=``, ``resources=`` …).
- ``engine``, ``max_cycles``: as for the simulator backend.
- ``checkpoint``: restore a rank whose actor died.  A checkpoint of a rank (its DPUs'
  memories, registers and counters: :meth:`dpusim.state.DpuState.snapshot`) is taken by the
  actor after each operation that changes the DPUs (load, a transfer to them, a launch) and
  returned to this process, which owns it in the object store; reads take none.  When an
  actor dies, a new one is made, restored from the rank's last checkpoint, and the operation
  that was in flight is sent again (the simulation is deterministic, so this gives the
  results the first attempt would have).  Without ``checkpoint``, an actor that dies is a
  :class:`DpuLostError` naming its DPUs, for this operation and every later one on them.
"""

from __future__ import annotations

import logging
import socket
import threading
from dataclasses import dataclass, field

import ray
from ray.exceptions import GetTimeoutError, RayActorError

from dpucore import memory
from dpusim.program import Program
from dpusim.simulator import ENGINES

from .backends import BackendDpus, SimulatorDpus, _LaunchBatcher, _read, _write, fault_error
from .errors import (BackendUnavailableError, DpuFaultError, DpuLostError,
                     UnknownBackendError)

RANK_SIZE = 64
RESTORE_ATTEMPTS = 3  # an operation is sent to at most this many restored actors of its rank


class RankActor:
    """One rank's simulated DPUs, in a Ray actor.  Indices in calls are the rank's own
    (0..63); DPUs are numbered as in the allocation (``base`` + local index) in faults."""

    def __init__(self, base: int, n: int, model: memory.DpuModel, engine: str,
                 max_cycles: int | None, checkpoint: bool):
        self.local = SimulatorDpus(n, model, engine, max_cycles)
        for k, state in enumerate(self.local.states):
            state.index = base + k
        self.checkpoint = checkpoint

    def _done(self, result=None):
        if not self.checkpoint:
            return result
        return result, [s.snapshot() for s in self.local.states]

    def ready(self) -> bool:
        return True

    def load(self, program: Program):
        self.local.load(program)
        return self._done()

    def write_each(self, region: str, off: int, locals_: list[int], blob: bytes, length: int):
        for k, i in enumerate(locals_):
            _write(self.local.states[i], region, off, blob[k * length:(k + 1) * length])
        return self._done()

    def broadcast(self, region: str, off: int, locals_: list[int], data: bytes):
        for i in locals_:
            _write(self.local.states[i], region, off, data)
        return self._done()

    def read_each(self, region: str, off: int, length: int, locals_: list[int]) -> bytes:
        return b"".join(_read(self.local.states[i], region, off, length) for i in locals_)

    def launch(self, locals_: list[int]):
        faults = {i: fault_error(e) for i, e in self.local._run(locals_).items()}
        return self._done((faults, self._counters(locals_)))

    def resume(self, wake: dict[int, list[int]]):
        faults = self.local.resume(wake)
        return self._done((faults, self._counters(sorted(wake))))

    def _counters(self, locals_: list[int]) -> list[tuple[int, int]]:
        return [self.local.counters(i) for i in locals_]

    def logs(self, locals_: list[int]) -> list[str]:
        return [self.local.log(i) for i in locals_]

    def restore(self, program: Program | None, snapshots: list[dict] | None) -> bool:
        if program is not None:
            self.local.load(program)
        for state, snap in zip(self.local.states, snapshots or []):
            state.restore(snap)
        return True


_RemoteRank = ray.remote(RankActor)

_MUTATING = {"load", "write_each", "broadcast", "launch", "resume"}


@dataclass
class _Rank:
    """This process's view of one rank: its actor, and what restoring it needs."""

    index: int
    base: int
    size: int
    actor: object = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    incarnation: int = 0  # actors made for this rank, minus one
    restores: int = 0
    lost: str | None = None  # why its DPUs are gone (no checkpointing)
    seq: int = 0  # mutating calls sent
    program: object = None  # the program ref of the last load sent
    checkpoint: tuple | None = None  # (program ref, snapshots ref) of the newest completed call
    checkpoint_seq: int = 0
    inflight: dict = field(default_factory=dict)  # seq -> (result ref, snapshots ref, program)

    @property
    def dpus(self) -> list[int]:
        return list(range(self.base, self.base + self.size))


@dataclass
class _Call:
    rank: _Rank
    method: str
    args: tuple
    ref: object
    seq: int | None
    incarnation: int


def _check_reachable(address: str | None, timeout: float = 5.0) -> None:
    """Fail at once when a ``HOST:PORT`` cluster address does not answer: ``ray.init`` would
    retry for minutes before saying so.  ``auto``, ``local``, ``ray://`` addresses and None are
    left to Ray."""
    if not address or address in ("auto", "local") or "://" in address:
        return
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit():
        raise BackendUnavailableError(f"the ray backend's address must be HOST:PORT, 'auto' or "
                                      f"ray://HOST:PORT, not {address!r}")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as e:
        raise BackendUnavailableError(f"the ray backend cannot reach the Ray cluster at "
                                      f"{address}: {e.strerror or e}") from None


class RayDpus(BackendDpus):
    name = "ray"

    def __init__(self, n: int, model: memory.DpuModel, engine: str = "vector",
                 max_cycles: int | None = None, *, address: str | None = None,
                 checkpoint: bool = False, init: dict | None = None,
                 actor_options: dict | None = None):
        super().__init__(n, model)
        if engine not in ENGINES:
            raise UnknownBackendError(f"unknown simulator engine '{engine}' "
                                      f"(available: {', '.join(ENGINES)})")
        if not ray.is_initialized():
            _check_reachable(address)
            try:
                ray.init(address=address, logging_level=logging.WARNING, **(init or {}))
            except ConnectionError as e:
                raise BackendUnavailableError(f"the ray backend cannot reach the Ray cluster "
                                              f"at {address}: {e}") from e
        self.checkpointing = bool(checkpoint)
        self._actor_args = (model, engine, max_cycles, self.checkpointing)
        self._actor_options = dict(actor_options or {})
        self.ranks = [_Rank(r, base, min(RANK_SIZE, n - base))
                      for r, base in enumerate(range(0, n, RANK_SIZE))]
        for rank in self.ranks:
            rank.actor = self._new_actor(rank)
        try:
            ray.get([rank.actor.ready.remote() for rank in self.ranks])
        except BaseException:
            self.free()
            raise
        self._counters = [(0, 0)] * n
        self._program_ref = None
        self._batch = _LaunchBatcher(self._run)

    def _new_actor(self, rank: _Rank):
        return _RemoteRank.options(**self._actor_options).remote(
            rank.base, rank.size, *self._actor_args)

    def rank_actor(self, rank: int):
        """The Ray actor of a rank (to watch it, or to kill it in a test)."""
        return self.ranks[rank].actor

    def restores(self, rank: int) -> int:
        """How many times the rank was restored from a checkpoint."""
        return self.ranks[rank].restores

    # ----------------------------------------------------------------- calls to ranks

    def _by_rank(self, dpus: list[int]) -> dict[int, list[int]]:
        """The DPUs' positions in ``dpus``, grouped by rank (ranks in order)."""
        groups: dict[int, list[int]] = {}
        for k, i in enumerate(dpus):
            groups.setdefault(i // RANK_SIZE, []).append(k)
        lost = [self.ranks[r] for r in groups if self.ranks[r].lost]
        if lost:
            raise _lost_error(lost)
        return dict(sorted(groups.items()))

    def _submit(self, rank: _Rank, method: str, *args) -> _Call:
        with rank.lock:
            if rank.lost:
                raise _lost_error([rank])
            remote = getattr(rank.actor, method)
            if self.checkpointing and method in _MUTATING:
                rank.seq += 1
                if method == "load":
                    rank.program = args[0]
                ref, snapshots = remote.options(num_returns=2).remote(*args)
                rank.inflight[rank.seq] = (ref, snapshots, rank.program)
                return _Call(rank, method, args, ref, rank.seq, rank.incarnation)
            return _Call(rank, method, args, remote.remote(*args), None, rank.incarnation)

    def _results(self, calls: list[_Call]) -> list:
        """Wait for calls already in flight; restore (checkpointing) or give up on ranks
        whose actor died."""
        results, lost = [], []
        for call in calls:
            attempts = 0
            while True:
                try:
                    results.append(ray.get(call.ref))
                    self._completed(call)
                    break
                except RayActorError as e:
                    attempts += 1
                    if not self.checkpointing or attempts > RESTORE_ATTEMPTS:
                        self._lose(call.rank, e)
                        lost.append(call.rank)
                        results.append(None)
                        break
                    self._restore(call.rank, call.incarnation)
                    call = self._submit(call.rank, call.method, *call.args)
        if lost:
            raise _lost_error(lost)
        return results

    def _completed(self, call: _Call) -> None:
        if call.seq is None:
            return
        rank = call.rank
        with rank.lock:
            entry = rank.inflight.pop(call.seq, None)
            if entry is not None and call.seq > rank.checkpoint_seq:
                rank.checkpoint, rank.checkpoint_seq = (entry[2], entry[1]), call.seq

    def _lose(self, rank: _Rank, error: BaseException) -> None:
        with rank.lock:
            if rank.lost is None:
                rank.lost = _first_line(error)
                ray.kill(rank.actor)

    def _restore(self, rank: _Rank, incarnation: int) -> None:
        """A new actor for a rank whose actor (``incarnation``) died, in the state of the
        newest call that completed on the dead one."""
        with rank.lock:
            if rank.incarnation != incarnation:
                return  # another thread restored it already
            for seq in sorted(rank.inflight, reverse=True):  # the dead actor's last calls
                ref, snapshots, program = rank.inflight[seq]
                try:
                    ray.get(ref, timeout=30)
                except (RayActorError, GetTimeoutError):
                    continue
                if seq > rank.checkpoint_seq:
                    rank.checkpoint, rank.checkpoint_seq = (program, snapshots), seq
                break
            rank.inflight.clear()
            ray.kill(rank.actor)
            rank.actor = self._new_actor(rank)
            rank.incarnation += 1
            rank.restores += 1
            program, snapshots = rank.checkpoint or (None, None)
            try:
                ray.get(rank.actor.restore.remote(program, snapshots))
            except RayActorError:
                pass  # the call sent next fails too, and counts as an attempt

    # ----------------------------------------------------------------- the backend

    def load(self, program: Program) -> None:
        ref = ray.put(program)
        groups = self._by_rank(list(range(self.n)))
        self._results([self._submit(self.ranks[r], "load", ref) for r in groups])
        self.program, self._program_ref = program, ref

    def write_each(self, dpus: list[int], where: str | int, datas: list[bytes],
                   offset: int = 0) -> None:
        length = len(datas[0])
        region, off = self.check(where, offset, length)
        calls = []
        for r, ks in self._by_rank(dpus).items():
            blob = b"".join(datas[k] for k in ks)
            calls.append(self._submit(self.ranks[r], "write_each", region, off,
                                      [dpus[k] % RANK_SIZE for k in ks], blob, length))
        self._results(calls)

    def broadcast(self, dpus: list[int], where: str | int, data: bytes, offset: int = 0) -> None:
        region, off = self.check(where, offset, len(data))
        groups = self._by_rank(dpus)
        payload = ray.put(data) if len(groups) > 1 and len(data) > 64 * 1024 else data
        self._results([self._submit(self.ranks[r], "broadcast", region, off,
                                    [dpus[k] % RANK_SIZE for k in ks], payload)
                       for r, ks in groups.items()])

    def read_each(self, dpus: list[int], where: str | int, length: int,
                  offset: int = 0) -> list[bytes]:
        region, off = self.check(where, offset, length)
        groups = self._by_rank(dpus)
        blobs = self._results([self._submit(self.ranks[r], "read_each", region, off, length,
                                            [dpus[k] % RANK_SIZE for k in ks])
                               for r, ks in groups.items()])
        out: list[bytes] = [b""] * len(dpus)
        for ks, blob in zip(groups.values(), blobs):
            for j, k in enumerate(ks):
                out[k] = blob[j * length:(j + 1) * length]
        return out

    def launch(self, dpus: list[int]) -> None:
        faults = self._batch.launch(dpus)
        mine = sorted(i for i in faults if i in set(dpus))
        if mine:
            raise faults[mine[0]]

    def _run(self, indices: list[int]) -> dict[int, DpuFaultError]:
        groups = self._by_rank(indices)
        results = self._results([self._submit(self.ranks[r], "launch",
                                              [indices[k] % RANK_SIZE for k in ks])
                                 for r, ks in groups.items()])
        return self._merge(indices, groups, results)

    def resume(self, wake: dict[int, list[int]]) -> dict[int, DpuFaultError]:
        indices = sorted(wake)
        groups = self._by_rank(indices)
        results = self._results([self._submit(self.ranks[r], "resume",
                                              {indices[k] % RANK_SIZE: list(wake[indices[k]])
                                               for k in ks})
                                 for r, ks in groups.items()])
        return self._merge(indices, groups, results)

    def _merge(self, indices, groups, results) -> dict[int, DpuFaultError]:
        faults: dict[int, DpuFaultError] = {}
        for ks, (rank_faults, counters) in zip(groups.values(), results):
            faults.update(rank_faults)
            for k, c in zip(ks, counters):
                self._counters[indices[k]] = c
        return faults

    def counters(self, dpu: int) -> tuple[int, int]:
        return self._counters[dpu]

    def logs(self, dpus: list[int]) -> list[str]:
        groups = self._by_rank(dpus)
        results = self._results([self._submit(self.ranks[r], "logs",
                                              [dpus[k] % RANK_SIZE for k in ks])
                                 for r, ks in groups.items()])
        out = [""] * len(dpus)
        for ks, texts in zip(groups.values(), results):
            for k, text in zip(ks, texts):
                out[k] = text
        return out

    def log(self, dpu: int) -> str:
        return self.logs([dpu])[0]

    def free(self) -> None:
        for rank in self.ranks:
            if rank.actor is not None:
                ray.kill(rank.actor)
                rank.actor = None
        self.states = []


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _lost_error(ranks: list[_Rank]) -> DpuLostError:
    dpus = [i for rank in ranks for i in rank.dpus]
    where = ", ".join(f"rank {rank.index} (DPUs {rank.base}..{rank.base + rank.size - 1})"
                      for rank in ranks)
    why = "; ".join(sorted({rank.lost or "its actor died" for rank in ranks}))
    return DpuLostError(f"lost {where}: the Ray actor died ({why})", dpus,
                        [rank.index for rank in ranks])


__all__ = ["RayDpus", "RankActor", "RANK_SIZE"]
