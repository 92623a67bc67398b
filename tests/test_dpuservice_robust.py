"""dpuservice under stress, as the issue asks it to be shown: 50 clients at once each running
a program and checking its results; clients killed (SIGKILL) while their program runs; random
bytes, truncated, oversized and out-of-order messages on the port.  Through all of it the
server keeps serving the others, answers every one of their requests, and gives the DPUs of
the clients that went away back to its pool (``server.info``'s ``dpusInUse``)."""

from __future__ import annotations

import base64
import random
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

import pytest

from dpusim.service.client import RpcClient, RpcError
from dpusim.service.errors import INVALID_REQUEST, PARSE_ERROR, WRONG_STATE
from service_common import FOREVER, PROGRAM, Dap, Raw, build, env, expected_results, service

MAX_FRAME = 1 << 16


@pytest.fixture(scope="module")
def programs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("robust-programs")
    return {"prog": build(tmp, PROGRAM, "prog", "-O2", "-DNR_TASKLETS=4"),
            "forever": build(tmp, FOREVER, "forever", "-O2")}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with service(tmp_path_factory.mktemp("robust-server"), "--max-frame", str(MAX_FRAME),
                 "--log-level", "warning") as s:
        yield s
        assert s.proc.poll() is None, "the server died:\n" + s.stderr()
        assert "Traceback" not in s.stderr()


def words(data: str) -> list[int]:
    raw = base64.b64decode(data)
    return list(struct.unpack(f"<{len(raw) // 4}I", raw))


def run_and_check(client: RpcClient, program, value: int, dpus: int = 1) -> None:
    """Load, write the input, launch, read the results back: they must be this input's."""
    client.call("load", path=str(program), dpus=dpus)
    client.call("write", where="input", words=[value])
    run = client.call("launch")
    assert [d["status"] for d in run["dpus"]] == ["done"] * dpus, run
    for dpu in range(dpus):
        assert words(client.call("read", dpu=dpu, where="results", length=16)["data"]) == \
            expected_results(value)


def in_use(port: int) -> tuple[int, int]:
    """(DPUs held by all clients, sessions) as the server counts them, this one included."""
    with RpcClient(port=port) as c:
        info = c.call("server.info")
    return info["dpusInUse"], info["sessions"]


def wait_for(predicate, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_fifty_clients_at_once_each_get_their_own_results(server, programs):
    errors: list[str] = []
    start = threading.Barrier(50)

    def client(k: int) -> None:
        try:
            with RpcClient(port=server.port, timeout=60) as c:
                start.wait(30)
                run_and_check(c, programs["prog"], 1000 + k, dpus=1 + k % 2)
        except Exception as e:  # noqa: BLE001 - reported below, with the client's number
            errors.append(f"client {k}: {e!r}")

    threads = [threading.Thread(target=client, args=(k,)) for k in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert not any(t.is_alive() for t in threads)
    assert wait_for(lambda: in_use(server.port) == (0, 1))


KILLED_CLIENT = r"""
import sys
from dpusim.service.client import RpcClient
c = RpcClient(port=int(sys.argv[1]))
c.call("load", path=sys.argv[2], dpus=3)
c.send("launch")  # never ends: the program loops forever
print("running", flush=True)
sys.stdin.read()
"""


def test_a_client_killed_mid_run_frees_its_dpus_and_the_others_go_on(server, programs):
    with RpcClient(port=server.port, timeout=60) as other:
        other.call("load", path=str(programs["prog"]), dpus=2)
        victims = [subprocess.Popen([sys.executable, "-c", KILLED_CLIENT, str(server.port),
                                     str(programs["forever"])], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True, env=env())
                   for _ in range(2)]
        try:
            for v in victims:
                assert v.stdout.readline() == "running\n"
            assert wait_for(lambda: in_use(server.port)[0] == 2 + 3 * 2)
            time.sleep(0.2)  # well inside their launches
            for v in victims:
                v.send_signal(signal.SIGKILL)
                v.wait(10)
        finally:
            for v in victims:
                if v.poll() is None:
                    v.kill()
        # their DPUs come back; the client that stayed keeps its own and runs on them
        assert wait_for(lambda: in_use(server.port)[0] == 2), in_use(server.port)
        run_and_check(other, programs["prog"], 42, dpus=2)
        assert other.call("status")["program"] == "prog"
    assert wait_for(lambda: in_use(server.port) == (0, 1))


def _garbage(port: int, data: bytes) -> bytes:
    """Send bytes, stop sending, and return what the server answered before closing."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        except OSError:  # the server may close first, on a header it already refused
            pass
        answer = b""
        try:
            while chunk := s.recv(65536):
                answer += chunk
        except OSError:
            pass
    return answer


def test_garbage_on_the_port_hurts_no_one_else(server, programs):
    # A well-behaved client runs programs, with requests pipelined, all along.
    stop = threading.Event()
    rounds: list[int] = []
    failures: list[str] = []

    def steady() -> None:
        try:
            with RpcClient(port=server.port, timeout=60) as c:
                k = 0
                while not stop.is_set() or k < 2:
                    run_and_check(c, programs["prog"], 7 + k)
                    ids = [c.send("status") for _ in range(5)]  # pipelined: five answers
                    assert [c.wait(i)["program"] for i in ids] == ["prog"] * 5
                    k += 1
                rounds.append(k)
        except Exception as e:  # noqa: BLE001
            failures.append(repr(e))

    thread = threading.Thread(target=steady)
    thread.start()
    try:
        rng = random.Random(2024)
        # random bytes: closed with a framing error, or at their end
        for n in range(20):
            _garbage(server.port, rng.randbytes(rng.choice([1, 7, 100, 3000])))
        # headers that are not headers
        for data in [b"\r\n\r\n", b"Content-Length: x\r\n\r\n", b"Content-Length: -4\r\n\r\n",
                     b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", b"Content-Length: 5\r\n\r\n\xff\xfe{]]",
                     b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", b"X" * 20000 + b"\n"]:
            answer = _garbage(server.port, data)
            assert b"Content-Length" in answer or answer == b"", (data, answer)
        # truncated frames: a header only, half a body
        body = b'{"jsonrpc":"2.0","id":1,"method":"status"}'
        for cut in (10, len(body) // 2, len(body) - 1):
            _garbage(server.port, b"Content-Length: %d\r\n\r\n" % len(body) + body[:cut])
        _garbage(server.port, b"Content-Len")
        # oversized: refused from its header, the connection closed
        raw = Raw(server.port, timeout=20)
        raw.send_bytes(b"Content-Length: %d\r\n\r\n" % (MAX_FRAME + 1) + b"{" * 1000)
        err = raw.receive()
        assert err["error"]["code"] == PARSE_ERROR and "over this server's limit" in \
            err["error"]["message"]
        assert raw.closed_by_server()
        raw.close()
        # out of order, JSON-RPC: a response sent to the server, a continue before any
        # program, a step before debugging; each is answered, the connection stays usable
        with RpcClient(port=server.port) as c:
            c.stream.send({"jsonrpc": "2.0", "id": 99, "result": {}})
            with pytest.raises(RpcError) as e:
                c.wait(99)
            assert e.value.code == INVALID_REQUEST
            for method, params in [("debug.continue", {}), ("debug.step", {"tasklet": 0}),
                                   ("launch", {}), ("log", {})]:
                with pytest.raises(RpcError) as e:
                    c.call(method, params)
                assert e.value.code == WRONG_STATE, (method, e.value.message)
            run_and_check(c, programs["prog"], 3)
        # out of order, DAP: requests before 'launch', a response, an unknown command
        dap = Dap(server.port, timeout=30)
        for command in ["stackTrace", "next", "continue", "evaluate"]:
            r = dap.request(command, {"threadId": 100})
            assert r["success"] is False and r["message"], r
        dap.raw.send({"seq": 50, "type": "response", "request_seq": 1, "success": True,
                      "command": "x"})
        r = dap.request("nosuchcommand")
        assert r["success"] is False
        assert dap.ok("initialize", {"adapterID": "dpu"})["supportsConfigurationDoneRequest"]
        dap.close()
    finally:
        stop.set()
        thread.join(120)
    assert not failures, failures
    assert rounds and rounds[0] >= 2
    assert wait_for(lambda: in_use(server.port) == (0, 1))
