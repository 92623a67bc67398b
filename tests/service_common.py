"""Helpers of the dpuservice and dpushell tests: programs, a server process, raw sockets and
a minimal DAP client (the third-party one is in test_dpuservice_e2e.py)."""

from __future__ import annotations

import contextlib
import itertools
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from dpusim.service.framing import SyncStream, encode

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# Every tasklet computes a small sum, prints it and stores it: quick (about 4000 instructions),
# deterministic, and with a function to break in.
PROGRAM = r"""
#include <stdint.h>
#include <stdio.h>
#include <defs.h>

__host uint32_t input;
__host uint32_t results[4];

static __attribute__((noinline)) uint32_t work(uint32_t n)
{
    uint32_t total = 0;
    for (uint32_t i = 0; i < n; i++)
        total += i * input;
    return total;
}

int main(void)
{
    uint32_t id = me();
    results[id] = work(id + 3);
    printf("tasklet %u: %u\n", id, results[id]);
    return 0;
}
"""
LINES = PROGRAM.splitlines()


def line_of(text: str) -> int:
    return next(i for i, s in enumerate(LINES, 1) if text in s)


def expected_results(value: int) -> list[int]:
    return [sum(i * value for i in range(t + 3)) for t in range(4)]


# A program that never ends, to be interrupted.
FOREVER = r"""
#include <stdint.h>
__host volatile uint32_t counter;
int main(void) { for (;;) counter++; return 0; }
"""


def build(tmp: Path, source: str, name: str, *flags: str) -> Path:
    from dpucc.driver import Driver, parse_args
    (tmp / f"{name}.c").write_text(source)
    out = tmp / name
    Driver(parse_args([*flags, "-o", str(out), str(tmp / f"{name}.c")])).run()
    return out


def make_charcount_debug(build: Path) -> Path:
    """The character counter's debug build (``make -C samples/charcount debug``) in ``build``."""
    import shutil
    r = subprocess.run([shutil.which("make") or "make", "-C", str(ROOT / "samples" / "charcount"),
                        f"BUILD={build}", f"BIN={Path(sys.executable).parent}", "debug"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return build / "charcount-debug"


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(SRC)] + ([e["PYTHONPATH"]] if e.get("PYTHONPATH")
                                                    else []))
    e.pop("DPUSERVICE_TOKEN", None)
    return e


class Service:
    """A dpuservice process on a free loopback port."""

    def __init__(self, tmp: Path, *args: str):
        self.port_file = tmp / f"port-{time.monotonic_ns()}"
        self.log_path = tmp / f"dpuservice-{time.monotonic_ns()}.log"
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dpusim.service", "--port", "0", "--port-file",
             str(self.port_file), *args], stdout=subprocess.DEVNULL, stderr=self.log,
            env=env())
        deadline = time.monotonic() + 30
        while not self.port_file.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("dpuservice did not start:\n" + self.stderr())
            time.sleep(0.02)
        self.port = int(self.port_file.read_text())

    def stderr(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


@contextlib.contextmanager
def service(tmp: Path, *args: str):
    s = Service(tmp, *args)
    try:
        yield s
    finally:
        s.stop()


class Raw:
    """A raw connection: bytes out, framed messages in."""

    def __init__(self, port: int, timeout: float = 30):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.stream = SyncStream(self.sock)

    def send_bytes(self, data: bytes) -> None:
        self.sock.sendall(data)

    def send(self, message) -> None:
        self.sock.sendall(encode(message))

    def receive(self):
        return self.stream.receive()

    def closed_by_server(self) -> bool:
        """True when the server closed the connection (after any messages it sent)."""
        try:
            while True:
                if self.stream.receive() is None:
                    return True
        except (OSError, ValueError):
            return True

    def close(self) -> None:
        self.stream.close()


class Dap:
    """A minimal DAP client for the protocol tests: requests in order, events collected."""

    def __init__(self, port: int, timeout: float = 60):
        self.raw = Raw(port, timeout)
        self.seq = itertools.count(1)
        self.events: list[dict] = []

    def send(self, command: str, arguments: dict | None = None) -> int:
        seq = next(self.seq)
        message = {"seq": seq, "type": "request", "command": command}
        if arguments is not None:
            message["arguments"] = arguments
        self.raw.send(message)
        return seq

    def response(self, seq: int) -> dict:
        while True:
            m = self.raw.receive()
            assert m is not None, "the server closed the connection"
            if m["type"] == "event":
                self.events.append(m)
            elif m["type"] == "response" and m["request_seq"] == seq:
                return m

    def request(self, command: str, arguments: dict | None = None) -> dict:
        return self.response(self.send(command, arguments))

    def ok(self, command: str, arguments: dict | None = None) -> dict:
        r = self.request(command, arguments)
        assert r["success"], r
        return r.get("body") or {}

    def event(self, name: str) -> dict:
        for k, e in enumerate(self.events):
            if e["event"] == name:
                return self.events.pop(k)
        while True:
            m = self.raw.receive()
            assert m is not None, f"the server closed the connection before '{name}'"
            if m["type"] == "event":
                if m["event"] == name:
                    return m
                self.events.append(m)

    def close(self) -> None:
        self.raw.close()
