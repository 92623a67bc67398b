"""The actor model: DPUs whose tasklets serve messages, and host objects that send them.

::

    device = DpuDeviceDescription(Kvstore.instance(), "kvstore")
    with DpuFoundry.targeting(PYTHON).build(ActorDpuAssemblyLine.using_dpus(4, device)) as a:
        store = a.get_actor(2, 5, StoreActor)      # DPU 2, tasklet 5
        store.put(42, 7)                           # a message, and its reply
        pending = [a.get_actor(d, t, StoreActor).get_async(42) for d in range(4)
                   for t in range(16)]             # many actors at once: futures

The assembly boots its DPUs once; their actor tasklets run until they wait in
``actor_receive()`` (``actor.h``).  A dispatcher thread then delivers messages: in each round
it takes, for every actor that waits, the oldest message sent to it, writes it into the
tasklet's mailbox, wakes the tasklet, and runs every DPU concerned in one call of the engine
(so many DPUs serve their messages together); when they have all stopped again it reads each
reply from its mailbox and resolves the sender's Future.  Replies come back in order per
actor (an actor serves one message at a time, in the order they were sent).  A DPU that
faults fails the messages its actors were serving and refuses later ones; a tasklet that
returns instead of waiting again fails its message the same way.

Stubbed devices work as for functions: the interface's ``actor_factories()`` (overridden in
its ``Stubbed…`` twin) hands out whatever objects the tests want; no DPU runs.
"""

from __future__ import annotations

import struct
import threading
from collections import deque
from concurrent.futures import Future

from .dpuset import DpuSet
from .errors import KeloniaError, StubbedDpuError
from .foundry import Assembly, AssemblyLine, DpuBackend

STATE_SYMBOL = "__sys_actor_state"
WAITING = 1  # actor.h's ACTOR_WAITING


class ActorError(KeloniaError):
    """A message could not be served: the actor's tasklet does not wait for messages, or
    stopped waiting (it returned, or its DPU faulted)."""


class ActorDpuAssemblyLine(AssemblyLine):
    """How many DPUs of an actor device an :class:`ActorDpuAssembly` has."""


class _Message:
    __slots__ = ("data", "future", "reply_length", "tasklet")

    def __init__(self, tasklet: int, data: bytes, reply_length: int):
        self.tasklet, self.data, self.reply_length = tasklet, data, reply_length
        self.future: Future = Future()


class ActorDpu:
    """One DPU of an actor assembly: what actor proxies send their messages through
    (:class:`kelonia.interface.ActorDpu`)."""

    def __init__(self, dispatcher: _Dispatcher, index: int):
        self._dispatcher = dispatcher
        self.index = index

    def send(self, tasklet: int, message: bytes, reply_length: int) -> Future:
        return self._dispatcher.submit(self.index, tasklet, bytes(message), reply_length)

    def __repr__(self) -> str:
        return f"<ActorDpu {self.index}>"


class StubActorDpu:
    """The DPU a stubbed actor assembly's factories receive: a number, no messages."""

    def __init__(self, index: int):
        self.index = index

    def send(self, tasklet: int, message: bytes, reply_length: int) -> Future:
        raise StubbedDpuError(f"DPU {self.index} is stubbed: its actors must come from the "
                              "interface's actor_factories()")


class _Dispatcher:
    """Delivers messages to actor tasklets, round after round, on its own thread."""

    def __init__(self, dpus: DpuSet):
        self.dpus = dpus
        self.backend = dpus._group.dpus
        self.cond = threading.Condition()
        self.queues: dict[tuple[int, int], deque[_Message]] = {}
        self.dead: dict[int, BaseException] = {}  # DPU -> why it serves no more
        self.stopping = False
        self.thread = threading.Thread(target=self._loop, name="kelonia-actors", daemon=True)
        self.thread.start()

    def submit(self, dpu: int, tasklet: int, data: bytes, reply_length: int) -> Future:
        if len(data) % 4 or reply_length % 4 or reply_length < 0:
            raise ValueError("messages and replies are whole 32-bit words")
        msg = _Message(tasklet, data, reply_length)
        with self.cond:
            if self.stopping:
                raise ActorError("this assembly was freed")
            self.queues.setdefault((dpu, tasklet), deque()).append(msg)
            self.cond.notify()
        return msg.future

    def stop(self) -> None:
        with self.cond:
            self.stopping = True
            self.cond.notify()
        self.thread.join()
        for queue in self.queues.values():
            for msg in queue:
                msg.future.set_exception(ActorError("the assembly was freed before this "
                                                    "message was served"))
            queue.clear()

    def _loop(self) -> None:
        while True:
            with self.cond:
                while not self.stopping and not any(self.queues.values()):
                    self.cond.wait()
                if self.stopping:
                    return
                batch = [(dpu, tasklet, q.popleft())
                         for (dpu, tasklet), q in self.queues.items() if q]
            self._round(batch)

    def _round(self, batch: list[tuple[int, int, _Message]]) -> None:
        """Deliver one message to each of these actors (distinct tasklets), run, reply."""
        backend = self.backend
        wake: dict[int, list[int]] = {}
        served = []
        for dpu, tasklet, msg in batch:
            if not msg.future.set_running_or_notify_cancel():
                continue
            try:
                if dpu in self.dead:
                    raise ActorError(f"DPU {dpu} serves no more messages: "
                                     f"{self.dead[dpu]}") from self.dead[dpu]
                state = self._state(dpu, tasklet)
                if state != WAITING:
                    raise ActorError(f"tasklet {tasklet} of DPU {dpu} does not wait for a "
                                     "message (its entry returned, or it never called "
                                     "actor_receive())")
                mailbox = f"__mbox_{tasklet}"
                backend.write(dpu, mailbox, msg.data)
                backend.write(dpu, STATE_SYMBOL, struct.pack("<I", 0), 4 * tasklet)
            except BaseException as e:  # noqa: BLE001 - the sender gets it
                msg.future.set_exception(e)
                continue
            wake.setdefault(dpu, []).append(tasklet)
            served.append((dpu, tasklet, msg))
        if not wake:
            return
        try:
            faults = backend.resume(wake)
        except BaseException as e:  # noqa: BLE001
            for _, _, msg in served:
                msg.future.set_exception(e)
            return
        self.dpus._group.counted(wake)  # cycles and instructions since the boot
        for dpu, fault in faults.items():
            self.dead[dpu] = fault
        for dpu, tasklet, msg in served:
            try:
                if dpu in faults:
                    raise faults[dpu]
                if self._state(dpu, tasklet) != WAITING:
                    raise ActorError(f"tasklet {tasklet} of DPU {dpu} stopped serving "
                                     "messages (its entry returned)")
                reply = backend.read(dpu, f"__mbox_{tasklet}", msg.reply_length) \
                    if msg.reply_length else b""
            except BaseException as e:  # noqa: BLE001
                msg.future.set_exception(e)
                continue
            msg.future.set_result(reply)

    def _state(self, dpu: int, tasklet: int) -> int:
        return struct.unpack("<I", self.backend.read(dpu, STATE_SYMBOL, 4, 4 * tasklet))[0]


class ActorDpuAssembly(Assembly):
    """DPUs whose tasklets serve an interface's actors."""

    def __init__(self, device, nr_dpus: int):
        super().__init__(device, nr_dpus)
        self._proxies: dict = {}
        self._dispatcher: _Dispatcher | None = None
        if device.backend is DpuBackend.STUBBED:
            self._handles = [StubActorDpu(i) for i in range(nr_dpus)]
            return
        program = self._allocate()
        try:
            if STATE_SYMBOL not in program.symbols:
                raise ActorError(f"{program.name} serves no actors: it never calls "
                                 "actor_receive() (no __sys_actor_state)")
            self.dpus.launch()  # every actor tasklet runs until it waits for a message
            self._dispatcher = _Dispatcher(self.dpus)
        except BaseException:
            self.dpus.free()
            raise
        self._handles = [ActorDpu(self._dispatcher, i) for i in range(nr_dpus)]

    def get_actor(self, dpu_number: int, tasklet: int, actor):
        """The actor (a proxy of the class ``actor``) served by a tasklet of a DPU; the same
        object for the same triple."""
        self._check(dpu_number)
        with self._lock:
            if self._factories is None:
                self._factories = dict(self.device.interface.actor_factories())
            key = (dpu_number, tasklet, actor)
            if key not in self._proxies:
                factory = self._factories.get(actor)
                if factory is None:
                    known = ", ".join(getattr(a, "__name__", str(a)) for a in self._factories)
                    raise KeloniaError(f"the interface has no actor {actor!r} (it has: "
                                       f"{known})")
                self._proxies[key] = factory(self._handles[dpu_number], tasklet)
            return self._proxies[key]

    getActor = get_actor

    def _stop(self) -> None:
        if self._dispatcher is not None:
            self._dispatcher.stop()


__all__ = ["ActorDpuAssemblyLine", "ActorDpuAssembly", "ActorDpu", "StubActorDpu", "ActorError",
           "STATE_SYMBOL"]
