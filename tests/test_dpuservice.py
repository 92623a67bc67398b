"""dpuservice over JSON-RPC 2.0, on real sockets: control (allocate, load, write, launch, read,
log, stats, status), debugging, the standard error codes and the service's own, framing
limits, the token and the handshake time-out.  And the Control under it: a run sliced to stay
interruptible is the plain run, cycle for cycle."""

from __future__ import annotations

import base64
import struct
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpusim.service.client import RpcClient, RpcError
from dpusim.service.control import METHODS, Control, call
from dpusim.service.errors import ServiceError
from dpusim.simulator import Simulator
from service_common import (FOREVER, PROGRAM, Raw, build, expected_results, line_of,
                            service)


@pytest.fixture(scope="module")
def programs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("programs")
    return {"prog": build(tmp, PROGRAM, "prog", "-O0", "-g", "-DNR_TASKLETS=4"),
            "forever": build(tmp, FOREVER, "forever", "-O2")}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with service(tmp_path_factory.mktemp("server")) as s:
        yield s
        assert "Traceback" not in s.stderr()


@pytest.fixture
def client(server):
    with RpcClient(port=server.port) as c:
        yield c


def words(data_b64: str) -> list[int]:
    raw = base64.b64decode(data_b64)
    return list(struct.unpack(f"<{len(raw) // 4}I", raw))


def test_load_write_launch_read_log_stats(client, programs):
    loaded = client.call("load", path=str(programs["prog"]), dpus=3)
    assert loaded["program"] == "prog" and loaded["tasklets"] == [0, 1, 2, 3]
    assert client.call("status")["dpus"][2]["state"] == "loaded"
    for dpu in range(3):
        client.call("write", where="input", words=[dpu + 1], dpu=dpu)
    run = client.call("launch")
    assert [d["status"] for d in run["dpus"]] == ["done"] * 3 and not run["interrupted"]
    for dpu in range(3):
        got = words(client.call("read", dpu=dpu, where="results", length=16)["data"])
        assert got == expected_results(dpu + 1)
        text = client.call("log", dpu=dpu)["text"]
        assert text.splitlines() == [f"tasklet {t}: {v}" for t, v in
                                     enumerate(expected_results(dpu + 1))]
    stats = client.call("stats")
    assert [d["cycles"] for d in stats["dpus"]] == [d["cycles"] for d in run["dpus"]]
    assert {t["tasklet"] for t in stats["dpus"][0]["tasklets"]} == {0, 1, 2, 3}
    status = client.call("status")
    assert status["program"] == "prog" and [d["state"] for d in status["dpus"]] == ["done"] * 3


def test_a_program_sent_as_bytes_and_the_vector_engine(client, programs):
    data = base64.b64encode(programs["prog"].read_bytes()).decode()
    client.call("load", data=data, name="sent", dpus=2, engine="vector")
    client.call("write", where="input", words=[7])  # every DPU
    run = client.call("launch", maxCycles=10_000_000)
    assert [d["status"] for d in run["dpus"]] == ["done", "done"]
    assert words(client.call("read", dpu=1, where="results", length=16)["data"]) == \
        expected_results(7)


def test_debugging_over_json_rpc(client, programs):
    client.call("load", path=str(programs["prog"]))
    client.call("write", where="input", words=[2])
    bp = client.call("debug.break", location="work", tasklet=2)
    assert bp["locations"][0]["function"] == "work"
    at_line = client.call("debug.break", location=f"prog.c:{line_of('total += i * input')}")
    client.call("debug.delete", id=at_line["id"])
    entry = client.call("debug.start")
    assert (entry["reason"], entry["tasklet"], entry["function"]) == ("entry", 0, "__bootstrap")
    stop = client.call("debug.continue")
    assert (stop["reason"], stop["tasklet"], stop["breakpoint"]) == ("breakpoint", 2, bp["id"])
    frames = client.call("debug.backtrace", tasklet=2)["frames"]
    assert [f["function"] for f in frames] == ["work", "main", "__bootstrap"]
    assert frames[1]["source"]["line"] == line_of("results[id] = work(id + 3);")
    assert frames[1]["source"]["file"].endswith("/prog.c")
    step = client.call("debug.step", tasklet=2, mode="over")
    assert step["reason"] == "step" and step["function"] == "work"
    assert client.call("debug.evaluate", expression="input")["value"] == 2
    assert client.call("debug.evaluate", expression="r22", tasklet=2)["kind"] == "register"
    regs = client.call("debug.registers", tasklet=2)["registers"]
    assert regs["pc"] == step["pc"]
    states = {t["tasklet"]: t["state"] for t in client.call("debug.tasklets")["tasklets"]}
    assert set(states) == {0, 1, 2, 3}
    dis = client.call("debug.disassemble", where="work", count=4)["instructions"]
    assert dis[0]["symbol"] == "work"
    assert dis[0]["source"]["line"] in (line_of("work(uint32_t n)"), line_of("work(uint32_t n)") + 1)
    client.call("debug.write", where="results", offset=1, data=base64.b64encode(b"\x05").decode())
    assert base64.b64decode(client.call("debug.read", where="results", offset=1,
                                        length=1)["data"]) == b"\x05"
    client.call("debug.delete")
    assert client.call("debug.continue")["reason"] == "exited"
    got = words(client.call("read", where="results", length=16)["data"])
    assert got == expected_results(2)
    with pytest.raises(RpcError) as e:
        client.call("debug.continue")
    assert e.value.code == -32002 and "not debugging" in e.value.message


def test_interrupt_stops_a_run_that_never_ends(client, programs):
    client.call("load", path=str(programs["forever"]))
    ident = client.send("launch", {})
    time.sleep(0.3)
    assert client.call("interrupt") == {"interrupted": True}
    result = client.wait(ident)
    assert result["interrupted"] and result["dpus"][0]["status"] == "interrupted"
    assert client.call("status")["busy"] is False
    # and the same under the debugger
    client.call("debug.start")
    ident = client.send("debug.continue", {})
    time.sleep(0.3)
    client.call("debug.pause")
    assert client.wait(ident)["reason"] == "pause"


@pytest.mark.parametrize("message,code,text", [
    ({"jsonrpc": "2.0", "id": 1}, -32600, "'method' must be a string"),
    ({"jsonrpc": "1.0", "id": 1, "method": "status"}, -32600, "\"2.0\""),
    ({"jsonrpc": "2.0", "id": 1, "method": "status", "params": "x"}, -32600, "object or an"),
    ({"jsonrpc": "2.0", "id": [1], "method": "status"}, -32600, "'id' must be"),
    ({"jsonrpc": "2.0", "id": 1, "method": "status", "extra": 1}, -32600, "unknown member"),
    ({"jsonrpc": "2.0", "id": 1, "method": "nope"}, -32601, "no method 'nope'"),
    ({"jsonrpc": "2.0", "id": 1, "method": "status", "params": {"x": 1}}, -32602,
     "unknown parameter 'x'"),
    ({"jsonrpc": "2.0", "id": 1, "method": "allocate", "params": {"count": "many"}}, -32602,
     "'count' must be an integer"),
    ({"jsonrpc": "2.0", "id": 1, "method": "allocate", "params": {"engine": "warp"}}, -32602,
     "'engine' must be one of"),
    ({"jsonrpc": "2.0", "id": 1, "method": "launch"}, -32002, "no DPUs"),
    ({"jsonrpc": "2.0", "id": 1, "method": "debug.backtrace", "params": {"tasklet": 0}},
     -32002, "no DPUs"),
    ({"jsonrpc": "2.0", "id": 1, "method": "allocate", "params": {"count": 100000}}, -32004,
     "DPUs per client"),
    ({"jsonrpc": "2.0", "id": 1, "method": "load", "params": {"path": "/nonexistent/x"}},
     -32003, "No such file"),
    ({"jsonrpc": "2.0", "id": 1, "method": "load", "params": {"data": "!!"}}, -32602,
     "not valid base64"),
], ids=lambda v: v if isinstance(v, (int, str)) else None)
def test_errors_have_the_standard_codes_and_say_why(server, message, code, text):
    raw = Raw(server.port)
    try:
        raw.send(message)
        answer = raw.receive()
        assert answer["error"]["code"] == code, answer
        assert text in answer["error"]["message"], answer
        raw.send({"jsonrpc": "2.0", "id": 2, "method": "status"})
        assert raw.receive()["result"]["dpus"] == []  # the connection goes on
    finally:
        raw.close()


def test_application_errors_after_load(client, programs):
    client.call("load", path=str(programs["prog"]))
    for method, params, code, text in [
        ("read", {"where": "results", "length": 3}, -32003, "must be 4-byte aligned"),
        ("read", {"where": "nothing", "length": 4}, -32003, "no symbol 'nothing'"),
        ("read", {"where": "results", "length": 4, "dpu": 5}, -32602, "DPU 5 does not exist"),
        ("debug.break", {"location": "nowhere"}, -32003, "no function 'nowhere'"),
        ("debug.break", {"location": "prog.c:999"}, -32003, "no code at or after prog.c:999"),
        ("debug.step", {"tasklet": 0}, -32002, "not debugging"),
        ("debug.delete", {"id": 99}, -32003, "no breakpoint 99"),
        ("debug.evaluate", {"expression": "nothing"}, -32003, "no register or symbol"),
        ("debug.read", {"where": 0x10000, "length": 8}, -32003, "outside"),
    ]:
        with pytest.raises(RpcError) as e:
            client.call(method, params)
        assert (e.value.code, text in e.value.message) == (code, True), (method, e.value.message)


def test_notifications_batches_and_parse_errors(server):
    raw = Raw(server.port)
    try:
        raw.send([{"jsonrpc": "2.0", "id": 1, "method": "status"},
                  {"jsonrpc": "2.0", "method": "status"},  # a notification: no answer
                  {"jsonrpc": "2.0", "id": 2, "method": "nope"}, 5])
        answers = raw.receive()
        assert [a.get("id") for a in answers] == [1, 2, None]
        assert answers[1]["error"]["code"] == -32601 and answers[2]["error"]["code"] == -32600
        raw.send([])
        assert raw.receive()["error"]["code"] == -32600
        raw.send_bytes(b"Content-Length: 9\r\n\r\n{not json")
        answer = raw.receive()
        assert answer["error"]["code"] == -32700 and answer["id"] is None
        raw.send({"jsonrpc": "2.0", "method": "status"})  # notification
        raw.send({"jsonrpc": "2.0", "id": "last", "method": "status"})
        assert raw.receive()["id"] == "last"
    finally:
        raw.close()


@pytest.mark.parametrize("data,why", [
    (b"Content-Length: 99999999999\r\n\r\n", "over this server's limit"),
    (b"Content-Type: application/json\r\n\r\n{}", "no Content-Length"),
    (b"Content-Length: ten\r\n\r\n", "not a number"),
    (b"\x00\xff\xfe garbage\r\n\r\n", "not ASCII"),
    (b"no colon here\r\n\r\n", "malformed header line"),
    (b"X-" + b"a" * 20000 + b"\r\n\r\n", "longer than"),
])
def test_framing_errors_close_the_connection_with_a_reason(server, data, why):
    raw = Raw(server.port)
    try:
        raw.send_bytes(data)
        answer = raw.receive()
        assert answer["error"]["code"] == -32700 and why in answer["error"]["message"]
        assert raw.closed_by_server()
    finally:
        raw.close()


def test_other_header_fields_and_bare_newlines_are_tolerated(server):
    raw = Raw(server.port)
    try:
        body = b'{"jsonrpc":"2.0","id":1,"method":"status"}'
        raw.send_bytes(b"content-length: %d\r\nContent-Type: application/vscode-jsonrpc; "
                       b"charset=utf-8\r\n\r\n" % len(body) + body)
        assert raw.receive()["id"] == 1
        raw.send_bytes(b"Content-Length: %d\n\n" % len(body) + body)
        assert raw.receive()["id"] == 1
    finally:
        raw.close()


def test_the_token(tmp_path, programs):
    with service(tmp_path, "--token", "s3cret") as s:
        raw = Raw(s.port)
        raw.send({"jsonrpc": "2.0", "id": 1, "method": "load", "params": {"path": "x"}})
        answer = raw.receive()
        assert answer["error"]["code"] == -32001 and "token" in answer["error"]["message"]
        raw.send({"jsonrpc": "2.0", "id": 2, "method": "auth", "params": {"token": "guess"}})
        assert raw.receive()["error"] == {"code": -32001, "message": "wrong token"}
        assert raw.closed_by_server()
        raw.close()
        with pytest.raises(RpcError, match="wrong token"):
            RpcClient(port=s.port, token="nope")
        with RpcClient(port=s.port, token="s3cret") as c:
            c.call("load", path=str(programs["prog"]))
            assert c.call("launch")["dpus"][0]["status"] == "done"
            assert c.call("server.info")["authentication"] is True
        log = s.stderr()
    assert "wrong token" in log and "s3cret" not in log


def test_idle_and_silent_clients_are_closed(tmp_path):
    with service(tmp_path, "--handshake-timeout", "0.5") as s:
        raw = Raw(s.port)
        t = time.monotonic()
        answer = raw.receive()
        assert "did not send a first message within 0.5 s" in answer["error"]["message"]
        assert raw.closed_by_server() and time.monotonic() - t < 10
        raw.close()
        # once it has spoken (and there is no token), a client may stay idle
        with RpcClient(port=s.port) as c:
            c.call("status")
            time.sleep(1)
            assert c.call("status")["dpus"] == []


def test_the_server_listens_on_loopback_by_default(server):
    assert f"listening on 127.0.0.1:{server.port}" in server.stderr()
    from dpusim.service.cli import _is_loopback
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.2")


# ------------------------------------------------------------------------------ in process


@pytest.mark.parametrize("engine,dpus", [("ref", 1), ("vector", 3), ("native", 3)])
def test_a_sliced_run_is_the_plain_run(programs, monkeypatch, engine, dpus):
    from dpusim.service import control as control_module
    monkeypatch.setitem(control_module.SLICE_CYCLES, engine, 997)
    c = Control()
    call(c, "load", {"path": str(programs["prog"]), "dpus": dpus, "engine": engine})
    call(c, "write", {"where": "input", "words": [3]})
    run = call(c, "launch")
    sim = Simulator(dpus, engine)
    sim.load(str(programs["prog"]))
    for i in range(dpus):
        sim.write(i, "input", struct.pack("<I", 3))
    sim.launch()
    assert [(d["cycles"], d["instructions"]) for d in run["dpus"]] == \
        [(d.cycle, d.instructions) for d in sim.dpus]
    assert [t.instructions for t in c.sim.dpus[0].tasklets] == \
        [t.instructions for t in sim.dpus[0].tasklets]


def test_max_cycles_and_interrupt_in_process(programs):
    c = Control()
    call(c, "load", {"path": str(programs["forever"])})
    run = call(c, "launch", {"maxCycles": 5000})
    assert run["dpus"][0]["status"] == "limit" and 5000 <= run["dpus"][0]["cycles"] < 5100
    threading.Timer(0.2, c.interrupt).start()
    assert call(c, "launch")["dpus"][0]["status"] == "interrupted"


JSON = st.recursive(st.none() | st.booleans() | st.integers(-(1 << 40), 1 << 40) |
                    st.floats(allow_nan=False) | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3) |
                    st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
NAMES = st.sampled_from(["dpu", "dpus", "where", "length", "offset", "data", "words", "count",
                         "engine", "path", "location", "tasklet", "mode", "id", "expression",
                         "name", "value", "maxCycles"])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(method=st.sampled_from(sorted(METHODS)), params=st.one_of(
    JSON, st.dictionaries(NAMES, JSON, max_size=4)), loaded=st.booleans())
def test_any_params_give_a_result_or_a_service_error(programs, method, params, loaded):
    """Whatever a client sends as parameters, the answer is a result or an error the
    protocol can carry, never an exception that would be an internal error."""
    c = Control()
    if loaded:
        call(c, "load", {"path": str(programs["prog"])})
        call(c, "debug.start")
    try:
        result = call(c, method, params)
    except ServiceError:
        return
    assert isinstance(result, dict)
