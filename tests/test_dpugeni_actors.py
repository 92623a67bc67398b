"""The actor model in DIDL: actor declarations through the IR, the checks, the generated Python
proxies (against an in-memory ActorDpu that plays the DPU program), the stubs, and the C header
compiled with dpucc into an actor program."""

from __future__ import annotations

import concurrent.futures
import importlib.util
import inspect
import json
import os
import struct
import subprocess
import sys
import threading
from concurrent.futures import Future
from pathlib import Path
from unittest.mock import Mock

import pytest

from dpucore import rtc
from dpucore.diag import DiagnosticError
from dpugeni import compile_source, names
from dpugeni.emit import emit
from dpugeni.ir import Actor, Interface, Message, Param, Type
from kelonia import interface as kelonia

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "didl" / "golden"
KVSTORE = ROOT / "samples" / "actors" / "kvstore.didl"
BIN = Path(sys.executable).parent


def _module(name: str):
    """A golden generated module, imported from its file."""
    full = f"{name}_interface"
    if full in sys.modules:
        return sys.modules[full]
    spec = importlib.util.spec_from_file_location(full, GOLDEN / f"{full}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    spec.loader.exec_module(module)
    return module


kvstore = _module("kvstore")
actors = _module("actors")
charcount = _module("charcount")


def words(data: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(data) // 4}I", data))


class FakeActorDpu:
    """An ActorDpu in memory: one mailbox of ``mailbox_words`` words per tasklet, and
    ``program(tasklet, mailbox)`` playing the tasklet's loop body on the message in place.

    ``deferred``: ``send`` returns pending futures, served by :meth:`serve_pending` (from any
    thread), as a real DPU answers later."""

    def __init__(self, program, mailbox_words: int = 8, index: int = 0, deferred: bool = False):
        self.index = index
        self.program = program
        self.mailbox_words = mailbox_words
        self.mailboxes: dict[int, bytearray] = {}
        self.sent: list[tuple[int, bytes, int]] = []
        self.deferred = deferred
        self.pending: list[tuple[Future, int, bytes, int]] = []

    def send(self, tasklet: int, message: bytes, reply_length: int) -> Future:
        assert isinstance(message, bytes) and len(message) % 4 == 0
        assert len(message) <= 4 * self.mailbox_words and reply_length <= 4 * self.mailbox_words
        self.sent.append((tasklet, message, reply_length))
        future: Future = Future()
        if self.deferred:
            self.pending.append((future, tasklet, message, reply_length))
        else:
            self._serve(future, tasklet, message, reply_length)
        return future

    def _serve(self, future: Future, tasklet: int, message: bytes, reply_length: int) -> None:
        if not future.set_running_or_notify_cancel():
            return
        box = self.mailboxes.setdefault(tasklet, bytearray(4 * self.mailbox_words))
        box[:len(message)] = message
        try:
            self.program(tasklet, self.mailboxes[tasklet])
        except Exception as e:  # the DPU faulted
            future.set_exception(e)
        else:
            future.set_result(bytes(self.mailboxes[tasklet][:reply_length]))

    def serve_pending(self) -> None:
        pending, self.pending = self.pending, []
        for future, tasklet, message, reply_length in pending:
            self._serve(future, tasklet, message, reply_length)


class KeyValueShards:
    """The kvstore DPU program in Python: a dict per tasklet, answering from the raw words."""

    def __init__(self):
        self.tables: dict[int, dict[int, int]] = {}

    def __call__(self, tasklet: int, box: bytearray) -> None:
        msg = words(bytes(box))
        table = self.tables.setdefault(tasklet, {})
        selector = msg[0]
        if selector == 1:  # put(key, value) -> previous
            key, value = msg[1], msg[2]  # read every input before writing the reply
            previous = table.get(key, 0)
            table[key] = value
            struct.pack_into("<I", box, 4, previous)
        elif selector == 2:  # get(key) -> value, found
            key = msg[1]
            struct.pack_into("<II", box, 4, table.get(key, 0), int(key in table))
        elif selector == 3:  # size() -> count
            struct.pack_into("<I", box, 4, len(table))
        else:
            raise RuntimeError(f"tasklet {tasklet}: no message {selector}")


def store_dpu(**options) -> tuple[FakeActorDpu, KeyValueShards]:
    shards = KeyValueShards()
    return FakeActorDpu(shards, mailbox_words=3, **options), shards


# ---------------------------------------------------------------------------- the language


def test_the_kvstore_sample_compiles_to_the_ir():
    config = rtc.Config(tasklets=[rtc.Tasklet(t, "store", "medium", 3) for t in range(16)])
    iface = compile_source(KVSTORE.read_text(), str(KVSTORE), config)
    assert iface.functions == ()
    [store] = iface.actors
    assert (store.name, store.first_tasklet, store.last_tasklet) == ("Store", 0, 15)
    assert store.doc == "A shard of a key-value store: each tasklet keeps part of the table."
    assert [(m.name, m.selector) for m in store.messages] == [("put", 1), ("get", 2), ("size", 3)]
    put, get, size = store.messages
    assert put.params == (Param("key", "in", Type("u32")), Param("value", "in", Type("u32")),
                          Param("previous", "out", Type("u32")))
    assert put.doc == "Store a value; the value the key had before (0 when none)."
    assert (put.input_words, put.output_words, put.mailbox_words) == (2, 1, 3)
    assert (get.input_words, get.output_words, get.mailbox_words) == (1, 2, 3)
    assert (size.input_words, size.output_words, size.mailbox_words) == (0, 1, 2)
    assert [put.input_word("key"), put.input_word("value"), put.output_word("previous")] == [1, 2, 1]
    assert [get.output_word("value"), get.output_word("found")] == [1, 2]
    assert store.mailbox_words == 3 and store.tasklets == range(16)


def test_the_layout_of_inout_arrays_and_wide_values():
    iface = compile_source((ROOT / "tests" / "didl" / "actors.didl").read_text(), "actors.didl")
    counter, one = iface.actors
    add = counter.message("add")
    # inputs: counter (i64: words 1..2), delta (word 3); reply: counter in words 1..2
    assert (add.input_word("counter"), add.input_word("delta"), add.output_word("counter")) == (1, 3, 1)
    scale = counter.message("scale")
    assert [scale.input_word(n) for n in ("factor", "weights")] == [1, 2]
    assert [scale.output_word(n) for n in ("result", "clipped")] == [1, 2]
    assert scale.input_words == 5 and scale.mailbox_words == 6
    assert counter.message("snapshot").output_words == 6 and counter.mailbox_words == 7
    assert counter.message("reset").doc == "forget everything"
    assert counter.message("snapshot").params[0].doc == "the first four counters"
    assert (one.first_tasklet, one.last_tasklet) == (8, 8)
    assert one.doc == "One tasklet alone; parameters named like keywords."
    echo = one.message("echo")
    assert [p.name for p in echo.inputs] == ["in", "function"]
    assert [p.name for p in echo.outputs] == ["out", "function"]
    with pytest.raises(KeyError):
        echo.input_word("out")
    with pytest.raises(KeyError):
        counter.message("nothing")


def test_the_ir_round_trips_and_reads_data_without_actors():
    iface = compile_source((ROOT / "tests" / "didl" / "actors.didl").read_text(), "actors.didl")
    data = json.loads(json.dumps(iface.to_dict()))
    assert list(data) == ["format", "name", "source", "functions", "actors"]
    assert Interface.from_dict(data) == iface
    del data["actors"]
    assert Interface.from_dict(data).actors == ()
    assert iface.actor("Counter") is iface.actors[0]
    with pytest.raises(AttributeError):
        iface.actors[0].name = "Other"


def test_a_file_of_actors_only_and_a_single_tasklet():
    iface = compile_source("actor Ping on tasklet 23 { message ping() }", "pinger.didl")
    [ping] = iface.actors
    assert ping.tasklets == range(23, 24) and ping.messages[0] == Message("ping", "", 1, ())
    assert ping.mailbox_words == 1


def test_spellings_of_the_tasklets_and_keywords_as_names():
    text = """
        actor A on tasklets 3 { message m() }
        actor B on tasklet 4..5 { message m(), }
        actor actor on tasklet 6 { message message(on: in u8, tasklets: in u8, actor: out u8) }
        function functions(actors: in u32, message: in u32) {
            actors <- sysmbox[0], message <- sysmbox[1]
        }
    """
    iface = compile_source(text, "spell.didl")
    assert [(a.first_tasklet, a.last_tasklet) for a in iface.actors] == [(3, 3), (4, 5), (6, 6)]
    assert iface.actors[2].messages[0].name == "message"
    assert [p.name for p in iface.functions[0].params] == ["actors", "message"]


def test_function_mailboxes_may_use_the_other_tasklets():
    text = """
        actor A on tasklets 0..3 { message m(x: in u32) }
        function f(c: out u32[4]) { c <- mbox[4..7][0] }
    """
    assert compile_source(text, "ok.didl").functions[0].bindings[0].tasklets == range(4, 8)
    with pytest.raises(DiagnosticError, match="which serves actor 'A'"):
        compile_source(text.replace("4..7", "3..6"), "bad.didl")


@pytest.mark.parametrize("mailbox_words,ok", [(3, True), (2, False), (0, False)])
def test_the_configuration_must_hold_the_largest_message(mailbox_words, ok):
    config = rtc.Config(tasklets=[rtc.Tasklet(t, "store", "medium", mailbox_words)
                                  for t in range(16)])
    if ok:
        assert compile_source(KVSTORE.read_text(), "kvstore.didl", config).actors
        return
    with pytest.raises(DiagnosticError) as e:
        compile_source(KVSTORE.read_text(), "kvstore.didl", config)
    messages = [d.message for d in e.value.diagnostics]
    if mailbox_words == 0:
        assert messages == ["tasklets 0..15 of actor 'Store' have no mailbox in the configuration "
                            "(the messages travel through it)"]
    else:
        assert messages == [
            "message 'put' needs 3 mailbox words (the selector, 2 words in, 1 word out) but the "
            "mailboxes of tasklets 0..15 have 2 words in the configuration",
            "message 'get' needs 3 mailbox words (the selector, 1 word in, 2 words out) but the "
            "mailboxes of tasklets 0..15 have 2 words in the configuration"]


def test_reserved_message_names_are_the_proxy_attributes():
    """names.ACTOR_PROXY_ATTRIBUTES must list every public attribute of ActorProxy, or a message
    method could hide one."""
    proxy = kvstore.StoreActor(FakeActorDpu(lambda t, box: None), 0)
    public = {n for n in dir(proxy) if not n.startswith("_")}
    generated = {n for m in kvstore.StoreActor.ACTOR.messages
                 for n in (names.python_name(m.name), names.async_method(m.name))}
    assert public - generated == set(names.ACTOR_PROXY_ATTRIBUTES) | {"ACTOR"}
    assert names.actor_class("key_value") == "KeyValueActor"
    assert names.async_method("putAll") == "put_all_async"


# ---------------------------------------------------------------------------- the proxies


def test_the_store_through_its_proxies():
    dpu, shards = store_dpu()
    assert isinstance(dpu, kelonia.ActorDpu)
    a, b = kvstore.StoreActor(dpu, 0), kvstore.StoreActor(dpu, 15)
    assert isinstance(a, kelonia.ActorProxy) and a.dpu is dpu and a.tasklet == 0
    assert a.put(7, 700) == 0
    assert a.put(7, 701) == 700
    assert a.get(7) == (701, 1)
    assert b.get(7) == (0, 0)  # another shard
    assert a.size() == 1 and b.size() == 0
    assert shards.tables == {0: {7: 701}, 15: {}}
    # the exact messages: selector word, then the inputs; replies of 1 + outputs words
    assert dpu.sent[0] == (0, struct.pack("<III", 1, 7, 700), 8)
    assert dpu.sent[2] == (0, struct.pack("<II", 2, 7), 12)
    assert dpu.sent[4] == (0, struct.pack("<I", 3), 8)
    assert repr(a) == "<StoreActor on DPU 0, tasklet 0>"


def test_asynchronous_messages_return_futures():
    dpu, shards = store_dpu(deferred=True)
    store = kvstore.StoreActor(dpu, 3)
    futures = [store.put_async(k, k * k) for k in range(5)]
    assert all(isinstance(f, Future) and not f.done() for f in futures)
    dpu.serve_pending()
    assert [f.result(timeout=1) for f in futures] == [0] * 5
    got = store.get_async(4)
    size = store.size_async()
    dpu.serve_pending()
    assert got.result(timeout=1) == (16, 1) and size.result(timeout=1) == 5


def test_futures_resolve_from_the_thread_that_completes_them():
    dpu, _ = store_dpu(deferred=True)
    store = kvstore.StoreActor(dpu, 1)
    future = store.put_async(1, 2)
    threads_before = threading.active_count()
    done = threading.Event()
    future.add_done_callback(lambda f: done.set())
    worker = threading.Thread(target=dpu.serve_pending)
    worker.start()
    worker.join()
    assert done.wait(1) and future.result() == 0
    assert threading.active_count() == threads_before  # the proxy started no thread


def test_many_shards_from_many_threads():
    dpu, shards = store_dpu()
    lock = threading.Lock()
    real_send = dpu.send

    def send(*args):  # the fake is not thread-safe; a real ActorDpu serialises per tasklet
        with lock:
            return real_send(*args)

    dpu.send = send
    proxies = [kvstore.StoreActor(dpu, t) for t in range(16)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda k: proxies[k % 16].put(k, k + 1), range(200)))
    assert sum(p.size() for p in proxies) == 200
    assert proxies[5].get(21) == (22, 1)


def test_a_fault_on_the_dpu_raises_from_the_future_and_the_call():
    def program(tasklet, box):
        raise RuntimeError("DPU 0 faulted")

    store = kvstore.StoreActor(FakeActorDpu(program, mailbox_words=3), 2)
    future = store.size_async()
    with pytest.raises(RuntimeError, match="faulted"):
        future.result(timeout=1)
    with pytest.raises(RuntimeError, match="faulted"):
        store.put(1, 2)


def test_a_short_reply_is_an_error_of_the_future():
    class Short(FakeActorDpu):
        def send(self, tasklet, message, reply_length):
            future = Future()
            future.set_result(b"\0" * (reply_length - 4))
            return future

    with pytest.raises(ValueError, match="the reply to get has 8 bytes, expected 12"):
        kvstore.StoreActor(Short(None), 0).get(1)


def test_cancelling_goes_both_ways():
    dpu, _ = store_dpu(deferred=True)
    store = kvstore.StoreActor(dpu, 0)
    future = store.put_async(1, 1)
    assert future.cancel() and future.cancelled()
    [(sent, *_)] = dpu.pending
    assert sent.cancelled()  # the delivery was not started yet
    dpu.serve_pending()  # nothing happens to a cancelled one
    other = store.put_async(2, 2)
    [(sent, *_)] = dpu.pending
    sent.cancel()
    assert other.cancelled()


def test_a_reply_after_cancelling_is_dropped():
    """The caller cancels when the DPU already runs the message: the reply is ignored."""
    dpu, _ = store_dpu(deferred=True)
    store = kvstore.StoreActor(dpu, 0)
    future = store.put_async(1, 1)
    [(sent, *_)] = dpu.pending
    assert sent.set_running_or_notify_cancel()
    assert future.cancel()  # the source can no longer be cancelled
    sent.set_result(struct.pack("<II", 1, 0))
    assert future.cancelled()


@pytest.mark.parametrize("method,args,error,message", [
    ("put", (-1, 2), ValueError, r"put\(\): key = -1 is out of range for u32"),
    ("put", (1, 2**32), ValueError, r"value = 4294967296 is out of range for u32"),
    ("get", ("7",), TypeError, r"get\(\): key expects an int \(u32\), got str '7'"),
    ("get", (1.0,), TypeError, r"got float"),
    ("get", (True,), TypeError, r"got bool"),
])
@pytest.mark.parametrize("asynchronous", [False, True])
def test_bad_arguments_raise_before_sending(method, args, error, message, asynchronous):
    dpu, _ = store_dpu()
    store = kvstore.StoreActor(dpu, 0)
    call = getattr(store, names.async_method(method) if asynchronous else method)
    with pytest.raises(error, match=message):
        call(*args)
    assert dpu.sent == []


@pytest.mark.parametrize("tasklet,error,message", [
    (16, ValueError, r"StoreActor\(\): tasklet 16 does not serve the actor Store "
                     r"\(tasklets 0\.\.15 do\)"),
    (-1, ValueError, r"tasklet -1 does not serve"),
    (True, TypeError, r"tasklet expects an int, got bool"),
    ("0", TypeError, r"got str"),
])
def test_a_proxy_needs_a_tasklet_of_its_actor(tasklet, error, message):
    with pytest.raises(error, match=message):
        kvstore.StoreActor(FakeActorDpu(None), tasklet)
    with pytest.raises(ValueError, match=r"tasklet 7 does not serve the actor one_tasklet "
                                         r"\(tasklet 8 does\)"):
        actors.OneTaskletActor(FakeActorDpu(None), 7)


@pytest.mark.parametrize("message,args,text", [
    ("put", (1,), r"put\(\) takes 2 arguments \(key, value\), 1 given"),
    ("put", (1, 2, 3), r"put\(\) takes 2 arguments \(key, value\), 3 given"),
    ("size", (1,), r"size\(\) takes 0 arguments \(no arguments\), 1 given"),
])
def test_the_argument_count_is_checked_below_the_typed_methods(message, args, text):
    dpu, _ = store_dpu()
    store = kvstore.StoreActor(dpu, 0)
    for send in (store._send, store._call):
        with pytest.raises(TypeError, match=text):
            send(message, *args)
    with pytest.raises(TypeError):
        getattr(store, message)(*args)  # Python's own check of the signature
    assert dpu.sent == []


def test_an_unknown_message_name():
    store = kvstore.StoreActor(FakeActorDpu(None), 0)
    with pytest.raises(ValueError, match=r"the actor Store has no message 'del' \(it has: put, "
                                         r"get, size\)"):
        store._send("del", 1)


def counter_program(tasklet, box):
    """The actors.didl Counter in Python, from the raw words (read inputs, then reply)."""
    w = words(bytes(box))
    if w[0] == 1:  # add(counter: inout i64, delta: in i16)
        counter = struct.unpack_from("<q", box, 4)[0]
        delta = struct.unpack_from("<i", box, 12)[0]  # sign-extended to a word
        assert -32768 <= delta <= 32767
        struct.pack_into("<q", box, 4, counter + delta)
    elif w[0] == 2:  # reset()
        pass
    elif w[0] == 3:  # snapshot() -> values: u32[4], total: u64
        struct.pack_into("<4IQ", box, 4, 1, 2, 3, 0xFFFFFFFF, 2**64 - 1)
    elif w[0] == 4:  # scale(factor: f32, weights: f64[2]) -> result: f32, clipped: i8
        factor = struct.unpack_from("<f", box, 4)[0]
        weights = struct.unpack_from("<2d", box, 8)
        struct.pack_into("<fI", box, 4, factor * sum(weights), 0xFFFFFF80)  # -128 in its low byte


def test_every_type_through_a_message():
    dpu = FakeActorDpu(counter_program, mailbox_words=7)
    counter = actors.CounterActor(dpu, 7)
    assert counter.add(-(2**40), -3) == -(2**40) - 3
    # selector, the i64 low word first, the i16 sign-extended to a word
    assert dpu.sent[-1] == (7, struct.pack("<Iqi", 1, -(2**40), -3), 12)
    assert counter.reset() is None
    assert dpu.sent[-1][1:] == (struct.pack("<I", 2), 4)
    assert counter.snapshot() == ([1, 2, 3, 0xFFFFFFFF], 2**64 - 1)
    result, clipped = counter.scale(0.5, [1.5, 2.5])
    assert result == 2.0 and clipped == -128
    assert dpu.sent[-1] == (7, struct.pack("<If2d", 4, 0.5, 1.5, 2.5), 12)
    with pytest.raises(ValueError, match=r"weights has 3 elements, expected 2"):
        counter.scale(1, [1, 2, 3])
    with pytest.raises(ValueError, match=r"delta = 32768 is out of range for i16"):
        counter.add(0, 32768)
    with pytest.raises(ValueError, match=r"factor = 1e\+39 is out of range for f32"):
        counter.scale_async(1e39, [0, 0])


def test_inout_and_keyword_names():
    def program(tasklet, box):
        assert tasklet == 8
        w = words(bytes(box))
        if w[0] == 1:  # echo(in: i8, function: inout u16) -> out: i8, function
            value = struct.unpack_from("<i", box, 4)[0]
            function = w[2]
            struct.pack_into("<iI", box, 4, -value, (function + 1) & 0xFFFF)
        else:  # notify(flags: u8[3])
            assert w[1:4] == [1, 2, 255]

    one = actors.OneTaskletActor(FakeActorDpu(program, mailbox_words=4), 8)
    assert list(inspect.signature(one.echo).parameters) == ["in_", "function"]
    assert one.echo(-5, 0xFFFF) == (5, 0)
    assert one.notify(b"\x01\x02\xff") is None
    assert one.notify_async([1, 2, 255]).result() is None


# ---------------------------------------------------------------------------- the generated API


def test_the_generated_classes_and_signatures():
    assert kvstore.__all__ == ["Task", "MemoryCopyWorker", "StoreActor", "WorkerFactoryBuilder",
                               "Kvstore", "StubbedKvstore", "IR"]
    assert kvstore.StoreActor.ACTOR is kvstore.IR.actors[0]
    sig = inspect.signature(kvstore.StoreActor.put)
    assert list(sig.parameters) == ["self", "key", "value"]
    assert sig.return_annotation == "int"
    assert inspect.signature(kvstore.StoreActor.get).return_annotation == "tuple[int, int]"
    assert inspect.signature(kvstore.StoreActor.get_async).return_annotation == \
        "Future[tuple[int, int]]"
    assert inspect.signature(actors.CounterActor.scale).parameters["weights"].annotation == \
        "Sequence[float]"
    assert inspect.signature(actors.CounterActor.reset).return_annotation == "None"
    doc = kvstore.StoreActor.put.__doc__
    assert "Store a value; the value the key had before (0 when none)." in doc
    assert "``key: in u32``, word 1." in doc and "reply word 1" in doc
    assert "each tasklet keeps part of the table" in kvstore.StoreActor.__doc__
    assert "checked before sending" in kvstore.StoreActor.put_async.__doc__
    assert "reply words 1..2" in actors.CounterActor.add.__doc__


def test_the_interface_lists_its_actors_and_their_factories():
    iface = kvstore.Kvstore.instance()
    assert iface.actors == (kvstore.StoreActor,)
    assert iface.tasks == (kvstore.Task.memory_copy,)
    factories = iface.actor_factories()
    assert factories == {kvstore.StoreActor: kvstore.StoreActor}
    dpu, _ = store_dpu()
    proxy = factories[kvstore.StoreActor](dpu, 4)
    assert isinstance(proxy, kvstore.StoreActor) and proxy.put(1, 2) == 0
    assert actors.Actors.instance().actors == (actors.CounterActor, actors.OneTaskletActor)
    # interfaces without actors
    assert charcount.Charcount.instance().actors == ()
    assert charcount.Charcount.instance().actor_factories() == {}
    assert charcount.StubbedCharcount().actor_factories() == {}


def test_a_stub_raises_until_it_has_actors():
    with pytest.raises(kelonia.NotStubbedError, match="has no stub actors"):
        kvstore.StubbedKvstore().actor_factories()

    class WorkersOnly(kvstore.StubbedKvstore):
        def worker_factories(self):
            return {kvstore.Task.memory_copy: lambda dpu: None}

    with pytest.raises(kelonia.NotStubbedError, match=r"with_actor\(lambda dpu, tasklet: proxy, "
                                                      r"StoreActor\)"):
        WorkersOnly().actor_factories()


def test_one_builder_serves_workers_and_actors():
    store = Mock(spec=kvstore.StoreActor)
    store.get.return_value = (42, 1)
    memory = Mock(spec=kvstore.MemoryCopyWorker)

    class MyStub(kvstore.StubbedKvstore):
        def worker_factories(self):
            return (kvstore.StubbedKvstore.WorkerFactoryBuilder()
                    .with_worker(lambda dpu: memory, kvstore.Task.memory_copy)
                    .with_actor(lambda dpu, tasklet: store, kvstore.StoreActor)
                    .build())

    stub = MyStub.instance()
    assert isinstance(stub, kvstore.Kvstore)
    workers = stub.worker_factories()
    assert set(workers) == {kvstore.Task.memory_copy} and isinstance(workers, dict)
    assert dict(workers) == {kvstore.Task.memory_copy: workers[kvstore.Task.memory_copy]}
    actor = stub.actor_factories()[kvstore.StoreActor](None, 3)
    assert actor.get(7) == (42, 1)
    store.get.assert_called_once_with(7)
    with pytest.raises(AttributeError):
        actor.no_such_message  # the spec is the generated class

    class Direct(kvstore.StubbedKvstore):
        def actor_factories(self):
            return (self.WorkerFactoryBuilder()
                    .with_actor(lambda dpu, tasklet: store, kvstore.StoreActor)
                    .build_actors())

    assert set(Direct().actor_factories()) == {kvstore.StoreActor}


def test_the_builder_refuses_actor_mistakes():
    builder = kvstore.StubbedKvstore.WorkerFactoryBuilder()
    with pytest.raises(TypeError, match="callable"):
        builder.with_actor(42, kvstore.StoreActor)
    with pytest.raises(TypeError, match="at least one actor"):
        builder.with_actor(lambda dpu, tasklet: None)
    with pytest.raises(TypeError, match="CounterActor is not an actor of this interface "
                                        r"\(its actors: StoreActor\)"):
        builder.with_actor(lambda dpu, tasklet: None, actors.CounterActor)
    with pytest.raises(TypeError, match="is not an actor class"):
        builder.with_actor(lambda dpu, tasklet: None, kvstore.Task.memory_copy)
    with pytest.raises(TypeError, match=r"StoreActor is an actor: use with_actor"):
        builder.with_worker(lambda dpu: None, kvstore.StoreActor)
    builder.with_actor(lambda dpu, tasklet: 1, kvstore.StoreActor)
    with pytest.raises(ValueError, match="StoreActor already has a factory"):
        builder.with_actor(lambda dpu, tasklet: 2, kvstore.StoreActor)
    built = builder.build()
    assert dict(built) == {} and set(built.actors) == {kvstore.StoreActor}
    assert "actors=" in repr(built)
    # an interface without actors takes none
    with pytest.raises(TypeError, match=r"its actors: none"):
        charcount.StubbedCharcount.WorkerFactoryBuilder().with_actor(lambda d, t: None,
                                                                     kvstore.StoreActor)


def test_encode_and_decode_are_public():
    put = kvstore.IR.actors[0].message("put")
    assert kelonia.encode_message(put, (1, 2)) == struct.pack("<III", 1, 1, 2)
    assert kelonia.reply_length(put) == 8
    assert kelonia.decode_reply(put, struct.pack("<II", 99, 5)) == 5
    snapshot = actors.IR.actors[0].message("snapshot")
    assert kelonia.decode_reply(snapshot, bytes(4) + struct.pack("<4IQ", 1, 2, 3, 4, 5)) == \
        ([1, 2, 3, 4], 5)


def test_a_hand_made_actor_ir_through_every_emitter():
    actor = Actor("Echo", "", 2, 3, (Message("ping", "", 1, (Param("x", "inout", Type("f64")),)),))
    iface = Interface("hand", "hand.didl", "0" * 64, (), (actor,))
    text = emit(iface, "python")
    assert "class EchoActor(_kelonia.ActorProxy):" in text
    assert "def ping_async(self, x: float) -> Future[float]:" in text
    assert "#define ECHO_PING_X_GET(msg) (dpugeni_f64(dpugeni_get64((msg), 1)))" in emit(iface, "c")
    assert json.loads(emit(iface, "json"))["actors"][0]["messages"][0]["selector"] == 1


# ---------------------------------------------------------------------------- the C header

ACTOR_PROGRAM = r"""
#include <stdint.h>
#include "kvstore_interface.h"
#include "actors_interface.h"

/* actor.h of the runtime: the loop's receive */
uint32_t *actor_receive(void);

#define SAME_TYPE(a, b) _Generic((a)0, b: 1, default: 0)

_Static_assert(STORE_FIRST_TASKLET == 0 && STORE_LAST_TASKLET == 15, "Store's tasklets");
_Static_assert(STORE_PUT == 1 && STORE_GET == 2 && STORE_SIZE == 3, "selectors");
_Static_assert(STORE_MESSAGES == 3 && STORE_MBOX_WORDS == 3, "Store's mailboxes");
_Static_assert(STORE_PUT_KEY_INPUT_WORD == 1 && STORE_PUT_VALUE_INPUT_WORD == 2, "put's inputs");
_Static_assert(STORE_PUT_PREVIOUS_OUTPUT_WORD == 1, "put's reply");
_Static_assert(STORE_GET_VALUE_OUTPUT_WORD == 1 && STORE_GET_FOUND_OUTPUT_WORD == 2, "get");
_Static_assert(STORE_PUT_INPUT_WORDS == 2 && STORE_PUT_OUTPUT_WORDS == 1, "put's words");
_Static_assert(STORE_PUT_MBOX_WORDS == 3 && STORE_SIZE_MBOX_WORDS == 2, "mailbox words");
_Static_assert(SAME_TYPE(STORE_GET_FOUND_TYPE, uint8_t), "found: u8");
_Static_assert(KVSTORE_MBOX_WORDS == 3 && KVSTORE_TASKLETS == 16, "kvstore totals");
_Static_assert(KVSTORE_SYSMBOX_WORDS == 0, "no system mailbox");

_Static_assert(COUNTER_ADD_COUNTER_INPUT_WORD == 1 && COUNTER_ADD_COUNTER_OUTPUT_WORD == 1, "");
_Static_assert(COUNTER_ADD_COUNTER_WORDS == 2 && COUNTER_ADD_DELTA_INPUT_WORD == 3, "i64");
_Static_assert(COUNTER_ADD_COUNTER_INPUT == 1 && COUNTER_ADD_COUNTER_OUTPUT == 1, "inout");
_Static_assert(COUNTER_SNAPSHOT_VALUES_LENGTH == 4 && COUNTER_SNAPSHOT_TOTAL_OUTPUT_WORD == 5, "");
_Static_assert(COUNTER_SCALE_WEIGHTS_INPUT_WORD == 2 && COUNTER_SCALE_WEIGHTS_WORDS == 4, "f64[2]");
_Static_assert(SAME_TYPE(COUNTER_SCALE_FACTOR_TYPE, float), "f32");
_Static_assert(COUNTER_MBOX_WORDS == 7 && ONE_TASKLET_FIRST_TASKLET == 8, "");
_Static_assert(ACTORS_MBOX_WORDS == 7 && ACTORS_TASKLETS == 24, "actors totals");

static uint32_t keys[64], values[64], used;

void store(void)
{
    for (;;) {
        uint32_t *msg = actor_receive();
        switch (msg[0]) {
        case STORE_PUT: {
            uint32_t key = STORE_PUT_KEY_GET(msg), value = STORE_PUT_VALUE_GET(msg), old = 0;
            uint32_t i;
            for (i = 0; i < used && keys[i] != key; i++)
                ;
            if (i < used)
                old = values[i];
            else if (used < 64)
                keys[used++] = key;
            values[i] = value;
            STORE_PUT_PREVIOUS_PUT(msg, old);
            break;
        }
        case STORE_GET: {
            uint32_t key = STORE_GET_KEY_GET(msg), i;
            for (i = 0; i < used && keys[i] != key; i++)
                ;
            STORE_GET_VALUE_PUT(msg, i < used ? values[i] : 0);
            STORE_GET_FOUND_PUT(msg, i < used);
            break;
        }
        case STORE_SIZE:
            STORE_SIZE_COUNT_PUT(msg, used);
            break;
        }
    }
}

void counter(void)
{
    for (;;) {
        uint32_t *msg = actor_receive();
        switch (msg[0]) {
        case COUNTER_ADD:
            COUNTER_ADD_COUNTER_PUT(msg, COUNTER_ADD_COUNTER_GET(msg) + COUNTER_ADD_DELTA_GET(msg));
            break;
        case COUNTER_SNAPSHOT:
            for (int i = 0; i < COUNTER_SNAPSHOT_VALUES_LENGTH; i++)
                COUNTER_SNAPSHOT_VALUES_PUT(msg, i, i);
            COUNTER_SNAPSHOT_TOTAL_PUT(msg, 6);
            break;
        case COUNTER_SCALE: {
            float f = COUNTER_SCALE_FACTOR_GET(msg);
            double w = COUNTER_SCALE_WEIGHTS_GET(msg, 0) + COUNTER_SCALE_WEIGHTS_GET(msg, 1);
            COUNTER_SCALE_RESULT_PUT(msg, f * (float)w);
            COUNTER_SCALE_CLIPPED_PUT(msg, -1);
            break;
        }
        }
    }
}
"""


def _dpucc(tmp_path: Path, source: str, *headers: str):
    (tmp_path / "program.c").write_text(source)
    for header in headers:
        (tmp_path / header).write_bytes((GOLDEN / header).read_bytes())
    return subprocess.run([str(BIN / "dpucc"), "-O2", "-Wall", "-c", "-o",
                           str(tmp_path / "program.o"), str(tmp_path / "program.c")],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def test_an_actor_program_compiles_against_the_header(tmp_path):
    r = _dpucc(tmp_path, ACTOR_PROGRAM, "kvstore_interface.h", "actors_interface.h")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "program.o").stat().st_size > 0


def test_a_wrong_selector_fails_to_compile(tmp_path):
    r = _dpucc(tmp_path, '#include "kvstore_interface.h"\n'
                         '_Static_assert(STORE_GET == 1, "selector");\n', "kvstore_interface.h")
    assert r.returncode == 1 and "static assertion failed" in r.stderr
