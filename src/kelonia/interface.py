"""What the Python modules dpugeni generates build on: device interfaces, workers, and the calls
that move a function's parameters through a DPU's mailboxes, variables and MRAM.

A generated module (``charcount_interface.py``) defines ``Task``, one worker class per DIDL
function, the interface class and its stubbed twin; all the behaviour is here:

* :class:`DpuHandle` — the one DPU a worker drives (a :class:`typing.Protocol`; the simulator
  backend and the tests implement it);
* :class:`DpuInterface` — ``instance()``, ``tasks``, ``worker_factories()`` ``{Task: callable(dpu)
  -> worker}``; :class:`StubbedInterface` raises until ``worker_factories`` is overridden;
* :class:`FunctionWorker` — performs a call (:func:`invoke`): encodes each input, writes it to
  its binding, ``dpu.launch()``, reads each output and decodes it;
* :class:`MemoryCopyWorker` — ``copy_to_device(address, data)`` and ``copy_from_device(address,
  length)`` on MRAM, any address and length (merged into the 8-byte DMA rules);
* :class:`WorkerFactoryBuilder` — ``with_worker(factory, *tasks)...with_actor(factory,
  ActorClass)...build()``;
* actors (the actor model): :class:`ActorDpu` — one DPU of an actor assembly, which delivers a
  message to a waiting tasklet and returns a :class:`~concurrent.futures.Future` of its reply
  (a :class:`typing.Protocol`, implemented by ``kelonia.actors``); :class:`ActorProxy` — base of
  the generated ``<Name>Actor`` classes: one tasklet of one DPU, a blocking and an asynchronous
  method per message (:func:`encode_message`, :func:`decode_reply`); ``actor_factories()``
  ``{ActorClass: callable(dpu, tasklet) -> proxy}`` on the interfaces.

Encoding (``docs/didl.md``): little-endian; on word channels (system mailbox, tasklet mailboxes)
one element per 32-bit word, two for 64-bit types (low word first), narrower integers zero- or
sign-extended; on memory channels (host variables, MRAM) the C representation (natural sizes,
arrays packed); f32/f64 as IEEE-754 bits.  Arguments are checked: a wrong type raises
:class:`TypeError`, a value out of its type's range or an array of the wrong length
:class:`ValueError` — nothing is truncated.  Narrow outputs are decoded from the low bytes of
their word.
"""

from __future__ import annotations

import enum
import numbers
import struct
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, InvalidStateError
from typing import Any, ClassVar, Protocol, runtime_checkable

from dpugeni.ir import Actor, Function, Interface, Message, Param, Type
from dpugeni.names import python_name

__all__ = [
    "DpuHandle", "DpuInterface", "StubbedInterface", "FunctionWorker", "MemoryCopyWorker",
    "WorkerFactoryBuilder", "Factories", "NotStubbedError", "reply_length", "invoke", "load_interface",
    "SYS_MBOX", "mbox_symbol", "MRAM_BYTES", "ActorDpu", "ActorProxy", "encode_message",
    "decode_reply",
]

WORD = 4
DMA_ALIGN = 8  # MRAM and host symbols: 8-byte aligned address and length
MRAM_BYTES = 64 * 1024 * 1024
SYS_MBOX = "__sys_mbox"


def mbox_symbol(tasklet: int) -> str:
    """The symbol of tasklet ``tasklet``'s mailbox."""
    return f"__mbox_{tasklet}"


@runtime_checkable
class DpuHandle(Protocol):
    """One DPU with a program loaded, as workers see it.

    Offsets are in bytes (word k of a mailbox is at 4k).  WRAM symbols take 4-byte aligned
    offsets and lengths, MRAM symbols and ``mram_*`` 8-byte aligned ones; ``launch`` boots the
    DPU and runs it to completion, raising on a fault.
    """

    index: int

    def copy_to(self, symbol: str, data: bytes, offset: int = 0) -> None: ...

    def copy_from(self, symbol: str, length: int, offset: int = 0) -> bytes: ...

    def mram_write(self, address: int, data: bytes) -> None: ...

    def mram_read(self, address: int, length: int) -> bytes: ...

    def launch(self) -> None: ...


def load_interface(data: Mapping) -> Interface:
    """The IR a generated module carries (``Interface.to_dict()`` data) as an Interface."""
    return Interface.from_dict(dict(data))


# ---------------------------------------------------------------------------- values


def _check_element(t: Type, value: Any, what: str) -> int | float:
    """``value`` as an int or float fitting ``t``'s base type, or TypeError/ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        expected = "a number" if t.is_float else "an int"
        raise TypeError(f"{what} expects {expected} ({t.base}), got {type(value).__name__} "
                        f"{value!r}")
    if t.is_float:
        try:
            v = float(value)
        except OverflowError:
            raise ValueError(f"{what} = {value!r} is out of range for {t.base}") from None
        if t.bits == 32:
            try:
                struct.pack("<f", v)
            except OverflowError:
                raise ValueError(f"{what} = {value!r} is out of range for f32") from None
        return v
    if not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} expects an int ({t.base}), got {type(value).__name__} {value!r}")
    v = int(value)
    lo, hi = t.bounds
    if not lo <= v <= hi:
        raise ValueError(f"{what} = {v} is out of range for {t.base} ({lo}..{hi})")
    return v


def _check_value(t: Type, value: Any, what: str) -> list[int | float]:
    """The elements of an argument (one for a scalar), checked."""
    if not t.is_array:
        return [_check_element(t, value, what)]
    expected = f"{what} expects a sequence of {t.length} {t.base}, got {type(value).__name__}"
    if isinstance(value, str):
        raise TypeError(expected)
    if isinstance(value, (bytes, bytearray, memoryview)):
        if t.base not in ("u8", "i8"):
            raise TypeError(expected)
        items = list(bytes(value))
        if t.base == "i8":
            items = [v - 256 if v > 127 else v for v in items]
    else:
        try:
            items = list(value)
        except TypeError:
            raise TypeError(expected) from None
    if len(items) != t.length:
        raise ValueError(f"{what} has {len(items)} elements, expected {t.length} ({t})")
    return [_check_element(t, v, f"{what}[{i}]") for i, v in enumerate(items)]


def _element_bytes(t: Type, value: int | float, size: int) -> bytes:
    """One element in ``size`` bytes: the natural size, or a word (extended) on word channels."""
    if t.is_float:
        return struct.pack("<f" if t.bits == 32 else "<d", value)
    return value.to_bytes(size, "little", signed=t.signed)


def _element_of(t: Type, data: bytes) -> int | float:
    """One element from its low ``element_bytes`` bytes."""
    if t.is_float:
        return struct.unpack("<f" if t.bits == 32 else "<d", data[:t.element_bytes])[0]
    return int.from_bytes(data[:t.element_bytes], "little", signed=t.signed)


# ---------------------------------------------------------------------------- transfers


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs of word indices, as (first, count)."""
    runs: list[list[int]] = []
    for i in sorted(set(indices)):
        if runs and i == runs[-1][0] + runs[-1][1]:
            runs[-1][1] += 1
        else:
            runs.append([i, 1])
    return [(first, count) for first, count in runs]


def _write_unaligned(read: Callable[[int, int], bytes], write: Callable[[int, bytes], None],
                     offset: int, data: bytes) -> None:
    """Write ``data`` at ``offset`` with 8-byte aligned transfers: a partial first or last
    8-byte block is read first and merged."""
    if not data:
        return
    end = offset + len(data)
    start, stop = offset - offset % DMA_ALIGN, -(-end // DMA_ALIGN) * DMA_ALIGN
    buf = bytearray(stop - start)
    head_read = False
    if start != offset:
        buf[:DMA_ALIGN] = read(start, DMA_ALIGN)
        head_read = True
    last = stop - DMA_ALIGN
    if stop != end and not (head_read and last == start):
        buf[last - start:] = read(last, DMA_ALIGN)
    buf[offset - start:end - start] = data
    write(start, bytes(buf))


def _read_unaligned(read: Callable[[int, int], bytes], offset: int, length: int) -> bytes:
    if length == 0:
        return b""
    start = offset - offset % DMA_ALIGN
    stop = -(-(offset + length) // DMA_ALIGN) * DMA_ALIGN
    data = read(start, stop - start)
    return bytes(data[offset - start:offset - start + length])


def _host_access(dpu: DpuHandle, symbol: str):
    def read(offset: int, length: int) -> bytes:
        return dpu.copy_from(symbol, length, offset)

    def write(offset: int, data: bytes) -> None:
        dpu.copy_to(symbol, data, offset)

    return read, write


def _mram_access(dpu: DpuHandle):
    def read(offset: int, length: int) -> bytes:
        return dpu.mram_read(offset, length)

    def write(offset: int, data: bytes) -> None:
        dpu.mram_write(offset, data)

    return read, write


def _word_slots(function: Function, p: Param) -> list[tuple[str, int]]:
    """(mailbox symbol, first word) of each element of a word-channel parameter."""
    b = function.binding(p.name)
    t = p.type
    if b.channel == "sysmbox":
        return [(SYS_MBOX, b.word + k * t.element_words) for k in range(t.count)]
    return [(mbox_symbol(tid), b.word) for tid in b.tasklets]


def _check_args(method: str, inputs: tuple[Param, ...], args: Sequence[Any]) -> dict[str, list]:
    """The elements of each argument by parameter name, every one checked (TypeError for a wrong
    count or type, ValueError for a value out of range or an array of the wrong length)."""
    if len(args) != len(inputs):
        names = ", ".join(python_name(p.name) for p in inputs) or "no arguments"
        raise TypeError(f"{method}() takes {len(inputs)} argument"
                        f"{'' if len(inputs) == 1 else 's'} ({names}), {len(args)} given")
    return {p.name: _check_value(p.type, a, f"{method}(): {python_name(p.name)}")
            for p, a in zip(inputs, args)}


def _results(results: list) -> Any:
    """The outputs as a call returns them: None, one value, or a tuple in declaration order."""
    if not results:
        return None
    return results[0] if len(results) == 1 else tuple(results)


def invoke(dpu: DpuHandle, function: Function, args: Sequence[Any]) -> Any:
    """Call ``function`` on ``dpu`` with ``args`` (its in and inout parameters, in order);
    returns its out and inout values: None, one value, or a tuple in declaration order."""
    # Check every argument before touching the DPU.
    values = _check_args(python_name(function.name), function.inputs, args)

    words: dict[str, dict[int, bytes]] = {}
    for p in function.inputs:
        b = function.binding(p.name)
        t = p.type
        elements = values[p.name]
        if b.channel in ("sysmbox", "mbox"):
            size = WORD * t.element_words
            for (symbol, word), v in zip(_word_slots(function, p), elements):
                data = _element_bytes(t, v, size)
                for k in range(t.element_words):
                    words.setdefault(symbol, {})[word + k] = data[WORD * k:WORD * (k + 1)]
        else:
            data = b"".join(_element_bytes(t, v, t.element_bytes) for v in elements)
            if b.channel == "host":
                read, write = _host_access(dpu, b.symbol)
                _write_unaligned(read, write, b.offset, data)
            else:
                read, write = _mram_access(dpu)
                _write_unaligned(read, write, b.address, data)
    for symbol in sorted(words):
        for first, count in _runs(words[symbol]):
            data = b"".join(words[symbol][first + k] for k in range(count))
            dpu.copy_to(symbol, data, WORD * first)

    dpu.launch()

    outputs = function.outputs
    if not outputs:
        return None
    needed: dict[str, set[int]] = {}
    for p in outputs:
        b = function.binding(p.name)
        if b.channel in ("sysmbox", "mbox"):
            for symbol, word in _word_slots(function, p):
                needed.setdefault(symbol, set()).update(range(word, word + p.type.element_words))
    got: dict[str, dict[int, bytes]] = {}
    for symbol in sorted(needed):
        for first, count in _runs(needed[symbol]):
            data = dpu.copy_from(symbol, WORD * count, WORD * first)
            for k in range(count):
                got.setdefault(symbol, {})[first + k] = data[WORD * k:WORD * (k + 1)]
    results = []
    for p in outputs:
        b = function.binding(p.name)
        t = p.type
        if b.channel in ("sysmbox", "mbox"):
            elements = [_element_of(t, b"".join(got[symbol][word + k]
                                                for k in range(t.element_words)))
                        for symbol, word in _word_slots(function, p)]
        else:
            size = t.count * t.element_bytes
            if b.channel == "host":
                data = _read_unaligned(_host_access(dpu, b.symbol)[0], b.offset, size)
            else:
                data = _read_unaligned(_mram_access(dpu)[0], b.address, size)
            n = t.element_bytes
            elements = [_element_of(t, data[n * k:n * (k + 1)]) for k in range(t.count)]
        results.append(elements if t.is_array else elements[0])
    return _results(results)


# ---------------------------------------------------------------------------- messages


def encode_message(message: Message, args: Sequence[Any], method: str | None = None) -> bytes:
    """The mailbox words of ``message`` sent with ``args`` (its in and inout parameters, in
    order): the selector in word 0, the inputs from word 1 (the word-channel encoding).  The
    arguments are checked as a function call's are; ``method`` names the call in the errors
    (default: the message's Python name)."""
    values = _check_args(method or python_name(message.name), message.inputs, args)
    out = [message.selector.to_bytes(WORD, "little")]
    for p in message.inputs:
        size = WORD * p.type.element_words
        out += [_element_bytes(p.type, v, size) for v in values[p.name]]
    return b"".join(out)


def reply_length(message: Message) -> int:
    """The bytes of the mailbox a reply to ``message`` takes: word 0 and the outputs."""
    return WORD * (1 + message.output_words)


def decode_reply(message: Message, reply: bytes) -> Any:
    """The outputs of ``message`` from the mailbox bytes the tasklet left (at least
    :func:`reply_length`; word 0 is not looked at): None, one value, or a tuple in declaration
    order, arrays as lists."""
    reply = bytes(reply)
    if len(reply) < reply_length(message):
        raise ValueError(f"the reply to {message.name} has {len(reply)} bytes, expected "
                         f"{reply_length(message)}")
    results = []
    pos = WORD
    for p in message.outputs:
        t = p.type
        size = WORD * t.element_words
        elements = [_element_of(t, reply[pos + size * k:pos + size * (k + 1)])
                    for k in range(t.count)]
        pos += size * t.count
        results.append(elements if t.is_array else elements[0])
    return _results(results)


def _then(source: Future, convert: Callable[[Any], Any]) -> Future:
    """A Future of ``convert(source.result())``: the same exception when ``source`` fails (or
    ``convert`` raises), cancelled with it; cancelling it cancels ``source`` (if still
    possible).  ``convert`` runs in whichever thread completes ``source``."""
    out: Future = Future()

    def done(f: Future) -> None:
        try:
            if f.cancelled():
                out.cancel()
                return
            error = f.exception()
            if error is not None:
                out.set_exception(error)
                return
            try:
                value = convert(f.result())
            except BaseException as e:  # noqa: BLE001 - handed to the caller through the Future
                out.set_exception(e)
                return
            out.set_result(value)
        except InvalidStateError:
            pass  # ``out`` was cancelled meanwhile

    def cancelled(f: Future) -> None:
        if f.cancelled():
            source.cancel()

    out.add_done_callback(cancelled)
    source.add_done_callback(done)
    return out


@runtime_checkable
class ActorDpu(Protocol):
    """One DPU of an actor assembly, as actor proxies see it."""

    index: int

    def send(self, tasklet: int, message: bytes, reply_length: int) -> Future:
        """Deliver ``message`` (the mailbox's first len(message) bytes, a multiple of 4) to the
        tasklet, which must be waiting in actor_receive(); the Future resolves to the first
        ``reply_length`` bytes of its mailbox once it has served the message (or raises)."""
        ...


class ActorProxy:
    """Base of the generated actor classes (``StoreActor``): the actor served by one tasklet of
    one DPU.  ``ActorProxy(dpu, tasklet)``, ``dpu`` an :class:`ActorDpu`.

    A subclass sets ``ACTOR`` (a :class:`dpugeni.ir.Actor`) and defines per message a blocking
    method (``put(key, value) -> int``) calling :meth:`_call` and an asynchronous one
    (``put_async(key, value) -> Future``) calling :meth:`_send`.  Arguments are checked when the
    message is sent, before anything reaches the DPU (TypeError, ValueError).
    """

    ACTOR: ClassVar[Actor]

    def __init__(self, dpu: ActorDpu, tasklet: int):
        actor = self.ACTOR
        name = type(self).__name__
        if isinstance(tasklet, bool) or not isinstance(tasklet, numbers.Integral):
            raise TypeError(f"{name}(): tasklet expects an int, got {type(tasklet).__name__} "
                            f"{tasklet!r}")
        if int(tasklet) not in actor.tasklets:
            served = (f"tasklet {actor.first_tasklet} does" if len(actor.tasklets) == 1 else
                      f"tasklets {actor.first_tasklet}..{actor.last_tasklet} do")
            raise ValueError(f"{name}(): tasklet {tasklet} does not serve the actor "
                             f"{actor.name} ({served})")
        self.dpu = dpu
        self.tasklet = int(tasklet)

    def _message(self, message_name: str) -> Message:
        try:
            return self.ACTOR.message(message_name)
        except KeyError:
            known = ", ".join(m.name for m in self.ACTOR.messages)
            raise ValueError(f"the actor {self.ACTOR.name} has no message {message_name!r} "
                             f"(it has: {known})") from None

    def _send(self, message_name: str, *args: Any) -> Future:
        """Send the message (checked and encoded first); a Future of its outputs (None, a
        value, or a tuple)."""
        message = self._message(message_name)
        data = encode_message(message, args)
        sent = self.dpu.send(self.tasklet, data, reply_length(message))
        return _then(sent, lambda reply: decode_reply(message, reply))

    def _call(self, message_name: str, *args: Any) -> Any:
        """Send the message and wait for its outputs."""
        return self._send(message_name, *args).result()

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} on DPU {getattr(self.dpu, 'index', '?')}, "
                f"tasklet {self.tasklet}>")


# ---------------------------------------------------------------------------- workers


class FunctionWorker:
    """Base of the generated worker classes: one DIDL function on one DPU.

    A subclass sets ``FUNCTION`` (a :class:`dpugeni.ir.Function`) and defines the typed method,
    which calls :meth:`_call`.
    """

    FUNCTION: ClassVar[Function]

    def __init__(self, dpu: DpuHandle):
        self._dpu = dpu

    def _call(self, *args: Any) -> Any:
        return invoke(self._dpu, self.FUNCTION, args)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} on DPU {getattr(self._dpu, 'index', '?')}>"


def _address(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} expects an int, got {type(value).__name__} {value!r}")
    v = int(value)
    if v < 0:
        raise ValueError(f"{what} = {v} is negative")
    return v


class MemoryCopyWorker:
    """Copies bytes to and from one DPU's MRAM (the seed's ``memoryCopy`` task).

    Addresses are bytes from MRAM's start; any address and length work: transfers are widened to
    the 8-byte DMA rules, the bytes around a partial block read and written back unchanged.
    """

    def __init__(self, dpu: DpuHandle):
        self._dpu = dpu

    def copy_to_device(self, address: int, data: bytes) -> None:
        """Write ``data`` (bytes-like) to MRAM at ``address``."""
        address = _address(address, "copy_to_device(): address")
        if isinstance(data, str):
            raise TypeError("copy_to_device(): data expects bytes, got str (encode it first)")
        try:
            data = bytes(memoryview(data).cast("B"))
        except TypeError:
            raise TypeError(f"copy_to_device(): data expects bytes, got "
                            f"{type(data).__name__}") from None
        if address + len(data) > MRAM_BYTES:
            raise ValueError(f"copy_to_device(): {len(data)} bytes at {address:#x} end past "
                             f"MRAM's {MRAM_BYTES:#x} bytes")
        read, write = _mram_access(self._dpu)
        _write_unaligned(read, write, address, data)

    def copy_from_device(self, address: int, length: int) -> bytes:
        """``length`` bytes of MRAM from ``address``."""
        address = _address(address, "copy_from_device(): address")
        length = _address(length, "copy_from_device(): length")
        if address + length > MRAM_BYTES:
            raise ValueError(f"copy_from_device(): {length} bytes at {address:#x} end past "
                             f"MRAM's {MRAM_BYTES:#x} bytes")
        return _read_unaligned(_mram_access(self._dpu)[0], address, length)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} on DPU {getattr(self._dpu, 'index', '?')}>"


WorkerFactory = Callable[[DpuHandle], Any]
ActorFactory = Callable[[ActorDpu, int], Any]


class Factories(dict):
    """What :meth:`WorkerFactoryBuilder.build` returns: ``{Task: worker factory}`` (a plain
    dict for every use ``worker_factories()`` has) that also holds, in ``actors``, ``{ActorClass:
    actor factory}`` — so the one builder a stub's ``worker_factories()`` returns serves its
    ``actor_factories()`` too (:meth:`StubbedInterface.actor_factories`)."""

    def __init__(self, workers: Mapping | Iterable = (), actors: Mapping | None = None):
        super().__init__(workers)
        self.actors: dict[type, ActorFactory] = dict(actors or {})

    def __repr__(self) -> str:
        return f"Factories({dict.__repr__(self)}, actors={self.actors!r})"


class WorkerFactoryBuilder:
    """``WorkerFactoryBuilder().with_worker(factory, Task.a, Task.b).with_actor(factory,
    StoreActor)...build()`` → ``{Task: factory}`` with ``.actors`` ``{StoreActor: factory}`` (a
    :class:`Factories`); :meth:`build_actors` gives the actors' map alone.  A generated module's
    subclass sets ``TASKS`` (its Task enum) and ``ACTORS`` (its actor classes) so that tasks and
    actors of another interface are refused."""

    TASKS: ClassVar[type[enum.Enum] | None] = None
    ACTORS: ClassVar[tuple[type, ...] | None] = None

    def __init__(self) -> None:
        self._factories: dict[enum.Enum, WorkerFactory] = {}
        self._actors: dict[type, ActorFactory] = {}

    def with_worker(self, factory: WorkerFactory, *tasks: enum.Enum) -> "WorkerFactoryBuilder":
        """``factory(dpu) -> worker`` serves ``tasks``."""
        if not callable(factory):
            raise TypeError(f"with_worker(): the factory must be callable(dpu), got "
                            f"{type(factory).__name__}")
        if not tasks:
            raise TypeError("with_worker(): name at least one task")
        for task in tasks:
            if isinstance(task, type) and issubclass(task, ActorProxy):
                raise TypeError(f"with_worker(): {task.__name__} is an actor: use "
                                "with_actor(factory, actor class)")
            if self.TASKS is not None and not isinstance(task, self.TASKS):
                raise TypeError(f"with_worker(): {task!r} is not a task of this interface "
                                f"({', '.join(t.name for t in self.TASKS)})")
            if not isinstance(task, enum.Enum):
                raise TypeError(f"with_worker(): {task!r} is not a Task")
            if task in self._factories:
                raise ValueError(f"with_worker(): {task} already has a worker")
            self._factories[task] = factory
        return self

    def with_actor(self, factory: ActorFactory, *actors: type) -> "WorkerFactoryBuilder":
        """``factory(dpu, tasklet) -> proxy`` serves the actor classes ``actors``."""
        if not callable(factory):
            raise TypeError(f"with_actor(): the factory must be callable(dpu, tasklet), got "
                            f"{type(factory).__name__}")
        if not actors:
            raise TypeError("with_actor(): name at least one actor class")
        for actor in actors:
            if not (isinstance(actor, type) and issubclass(actor, ActorProxy)):
                raise TypeError(f"with_actor(): {actor!r} is not an actor class (a generated "
                                "<Name>Actor)")
            if self.ACTORS is not None and actor not in self.ACTORS:
                known = ", ".join(a.__name__ for a in self.ACTORS) or "none"
                raise TypeError(f"with_actor(): {actor.__name__} is not an actor of this "
                                f"interface (its actors: {known})")
            if actor in self._actors:
                raise ValueError(f"with_actor(): {actor.__name__} already has a factory")
            self._actors[actor] = factory
        return self

    def build(self) -> Factories:
        """``{Task: factory}``, the actors' factories in ``.actors``."""
        return Factories(self._factories, self._actors)

    def build_actors(self) -> dict[type, ActorFactory]:
        """``{ActorClass: factory}`` alone (for an overriding ``actor_factories()``)."""
        return dict(self._actors)


# ---------------------------------------------------------------------------- interfaces


class NotStubbedError(NotImplementedError):
    """A stubbed interface whose ``worker_factories`` was not overridden."""


class DpuInterface:
    """Base of the generated interface classes (``Charcount``).

    Class attributes set by the generated subclass: ``IR`` (the :class:`~dpugeni.ir.Interface`),
    ``Task`` (the enum), ``WORKERS`` (``{Task: worker class}``) and, when the DIDL declares
    actors, ``ACTORS`` (their proxy classes, in declaration order).
    """

    IR: ClassVar[Interface]
    Task: ClassVar[type[enum.Enum]]
    WORKERS: ClassVar[dict[enum.Enum, Callable[[DpuHandle], Any]]]
    ACTORS: ClassVar[tuple[type[ActorProxy], ...]] = ()

    _instances: ClassVar[dict[type, "DpuInterface"]] = {}

    @classmethod
    def instance(cls) -> "DpuInterface":
        """The one instance of this class (each subclass has its own)."""
        inst = DpuInterface._instances.get(cls)
        if inst is None:
            inst = DpuInterface._instances[cls] = cls()
        return inst

    @property
    def name(self) -> str:
        return self.IR.name

    @property
    def ir(self) -> Interface:
        return self.IR

    @property
    def tasks(self) -> tuple[enum.Enum, ...]:
        """Every task of the interface, the memory copy last."""
        return tuple(self.Task)

    def worker_factories(self) -> dict[enum.Enum, WorkerFactory]:
        """``{Task: callable(dpu) -> worker}`` for every task."""
        return dict(self.WORKERS)

    @property
    def actors(self) -> tuple[type[ActorProxy], ...]:
        """The proxy classes of the interface's actors, in declaration order."""
        return tuple(self.ACTORS)

    def actor_factories(self) -> dict[type, ActorFactory]:
        """``{ActorClass: callable(dpu, tasklet) -> proxy}`` for every actor: the proxy classes
        themselves."""
        return {actor: actor for actor in self.ACTORS}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} interface {self.IR.name!r}>"


class StubbedInterface(DpuInterface):
    """Mixin of the generated ``Stubbed<Name>`` classes: no DPU behind, the workers come from an
    overriding ``worker_factories``, the actors from an overriding ``actor_factories`` or from
    the ``.with_actor(...)`` entries of the builder ``worker_factories`` returns."""

    def worker_factories(self) -> dict[enum.Enum, WorkerFactory]:
        cls = type(self).__name__
        raise NotStubbedError(f"{cls}.worker_factories() must be overridden to return the stub "
                              f"workers: {cls}.WorkerFactoryBuilder().with_worker(lambda dpu: "
                              "worker, Task...)...build()")

    def actor_factories(self) -> dict[type, ActorFactory]:
        """The actors' factories of the :class:`Factories` an overriding ``worker_factories()``
        builds (``.with_actor(factory, StoreActor)``); NotStubbedError when it has none (or
        ``worker_factories`` is not overridden) and the interface has actors.  Overriding this
        method works too."""
        if not self.ACTORS:
            return {}
        cls = type(self).__name__
        hint = (f"override {cls}.actor_factories(), or add .with_actor(lambda dpu, tasklet: "
                f"proxy, {self.ACTORS[0].__name__}) to the builder {cls}.worker_factories() "
                "returns")
        try:
            built = self.worker_factories()
        except NotStubbedError:
            raise NotStubbedError(f"{cls}.actor_factories() has no stub actors: {hint}") from None
        actors = getattr(built, "actors", None)
        if not actors:
            raise NotStubbedError(f"{cls}.actor_factories() has no stub actors: {hint}")
        return dict(actors)
