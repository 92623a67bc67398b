"""The dpuservice server: one TCP port, JSON-RPC 2.0 and the Debug Adapter Protocol.

Each connection is a session owning its DPUs (a :class:`~.control.Control`).  Its first message
tells its protocol: a JSON-RPC request (``"jsonrpc": "2.0"``, or a batch array) or a DAP request
(``"type": "request"``); the connection keeps that protocol to its end.  The event loop only
reads, parses and answers; every request that touches DPUs runs in the connection's own worker
thread, in arrival order, so a long run of one client never delays another, and the requests
that must overtake a run (``interrupt``, ``debug.pause``, DAP ``pause``) are answered at once.

A client that goes away — closed, killed, reset — has its run stopped within a slice of
cycles and its DPUs given back; an error in one request is answered as an error (an internal
one is logged with its traceback) and never ends the server.  docs/dpuservice.md is the
reference.
"""

from __future__ import annotations

import asyncio
import hmac
import itertools
import logging
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .control import IMMEDIATE, Control, Limits, Pool, call, server_info
from .errors import (INTERNAL_ERROR, INVALID_REQUEST, LIMIT_EXCEEDED, PARSE_ERROR,
                     UNAUTHENTICATED, ServiceError)
from .framing import MAX_HEADER, FramingError, decode_body, encode, read_frame

log = logging.getLogger("dpuservice")


class Server:
    def __init__(self, host: str = "127.0.0.1", port: int = 2066, token: str | None = None,
                 limits: Limits | None = None):
        self.host = host
        self.port = port
        self.token = token or None
        self.limits = limits or Limits()
        self.pool = Pool(self.limits.max_dpus)
        self.connections: set[Connection] = set()
        self.controls: dict[str, Control] = {}  # session name -> control (for DAP attach)
        self.control_users: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._server: asyncio.base_events.Server | None = None
        self.served = 0  # connections accepted so far

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, self.port,
                                                  limit=2 * MAX_HEADER)
        sock = self._server.sockets[0]
        self.port = sock.getsockname()[1]
        log.info("listening on %s:%d (JSON-RPC 2.0 and DAP, Content-Length framing)%s",
                 self.host, self.port, ", token required" if self.token else "")

    async def serve_forever(self) -> None:
        if self._server is None:
            await self.start()
        async with self._server:
            await self._server.serve_forever()

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for c in list(self.connections):
            c.abort()
        for c in list(self.connections):
            await c.finished.wait()

    def check_token(self, given: Any) -> bool:
        if self.token is None:
            return True
        if not isinstance(given, str):
            return False
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8"))

    # ----------------------------------------------------------------- sessions

    def new_control(self) -> Control:
        name = f"s{next(self._ids)}"
        control = Control(self.limits, self.pool, name)
        self.controls[name] = control
        self.control_users[name] = 1
        return control

    def share_control(self, name: str) -> Control | None:
        control = self.controls.get(name)
        if control is None or control.closed:
            return None
        self.control_users[name] += 1
        return control

    async def drop_control(self, control: Control, worker: ThreadPoolExecutor) -> None:
        """One user fewer; the last one stops its runs and frees its DPUs."""
        name = control.name
        self.control_users[name] = self.control_users.get(name, 1) - 1
        if self.control_users[name] > 0:
            return
        del self.control_users[name]
        self.controls.pop(name, None)
        control.close()
        deadline = time.monotonic() + 30
        while control.busy and time.monotonic() < deadline:
            control.interrupt()  # a pause can land between two slices: say it again
            await asyncio.sleep(0.02)
        loop = asyncio.get_running_loop()
        try:
            await asyncio.wait_for(loop.run_in_executor(worker, control.release), 30)
        except (asyncio.TimeoutError, TimeoutError):
            log.error("session %s: its run did not stop within 30 s; its DPUs stay allocated",
                      name)

    # ----------------------------------------------------------------- connections

    async def _accept(self, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        if len(self.connections) >= self.limits.max_connections:
            log.warning("refused %s: %d connections already", peer, len(self.connections))
            writer.write(encode({"jsonrpc": "2.0", "id": None, "error": {
                "code": LIMIT_EXCEEDED, "message": f"too many connections (this server takes "
                                                   f"{self.limits.max_connections})"}}))
            try:
                await asyncio.wait_for(writer.drain(), 1)
                writer.close()
            except Exception:  # noqa: BLE001 - the peer may already be gone
                pass
            return
        conn = Connection(self, reader, writer)
        self.connections.add(conn)
        self.served += 1
        try:
            await conn.run()
        finally:
            self.connections.discard(conn)


class Connection:
    """One client: its stream, its protocol, its session and its worker thread."""

    def __init__(self, server: Server, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter):
        self.server = server
        self.reader = reader
        self.writer = writer
        self.peer = writer.get_extra_info("peername")
        self.limits = server.limits
        self.control = server.new_control()
        self.name = self.control.name
        self.worker = ThreadPoolExecutor(1, thread_name_prefix=f"dpuservice-{self.name}")
        self.protocol: str | None = None
        self.handler: RpcHandler | Any = None
        self.authenticated = server.token is None
        self.queue: asyncio.Queue = asyncio.Queue()
        self.closing = False
        self.finished = asyncio.Event()
        self._started = time.monotonic()

    # ----------------------------------------------------------------- output

    def send(self, message) -> None:
        if self.closing and self.writer.is_closing():
            return
        try:
            self.writer.write(encode(message))
        except (ConnectionError, RuntimeError):
            self.abort()

    async def drain(self) -> None:
        try:
            await asyncio.wait_for(self.writer.drain(), self.limits.write_timeout)
        except (asyncio.TimeoutError, TimeoutError):
            log.warning("%s: the client has not read its answers for %g s; closing",
                        self.name, self.limits.write_timeout)
            self.abort()
        except ConnectionError:
            self.abort()

    def abort(self) -> None:
        self.closing = True
        try:
            self.writer.close()
        except RuntimeError:
            pass
        if self.reader_task is not None and not self.reader_task.done():
            self.reader_task.cancel()

    reader_task: asyncio.Task | None = None

    # ----------------------------------------------------------------- running

    async def call(self, method: str, params: Any):
        """A control method in the worker thread (the event loop never simulates)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, call, self.control, method, params)

    async def run_in_worker(self, fn, *args):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, fn, *args)

    async def run(self) -> None:
        log.info("%s: connected from %s", self.name, self.peer)
        processor = asyncio.create_task(self._process())
        self.reader_task = asyncio.current_task()
        reason = "closed by the client"
        try:
            reason = await self._read_loop() or reason
        except asyncio.CancelledError:
            reason = reason if not self.closing else "closed"
        except ConnectionError as e:
            reason = f"connection lost ({e.__class__.__name__})"
        except Exception:  # noqa: BLE001 - a bug must not take the server down
            log.error("%s: internal error reading messages:\n%s", self.name,
                      traceback.format_exc())
            reason = "internal error"
        finally:
            self.closing = True
            processor.cancel()
            try:
                await processor
            except (asyncio.CancelledError, Exception):  # noqa: BLE001
                pass
            if self.handler is not None:
                try:
                    await self.handler.closed()
                except Exception:  # noqa: BLE001
                    log.error("%s: error closing:\n%s", self.name, traceback.format_exc())
            await self.server.drop_control(self.control, self.worker)
            self.worker.shutdown(wait=False)
            try:
                self.writer.close()
            except RuntimeError:
                pass
            log.info("%s: %s", self.name, reason)
            self.finished.set()

    def _deadline(self) -> float | None:
        if self.protocol is not None and self.authenticated:
            return None
        return self._started + self.limits.handshake_timeout - time.monotonic()

    async def _read_loop(self) -> str | None:
        while not self.closing:
            remaining = self._deadline()
            try:
                if remaining is None:
                    body = await read_frame(self.reader, self.limits.max_frame,
                                            self.limits.frame_timeout)
                else:
                    if remaining <= 0:
                        raise asyncio.TimeoutError
                    body = await asyncio.wait_for(
                        read_frame(self.reader, self.limits.max_frame,
                                   self.limits.frame_timeout), remaining)
            except (asyncio.TimeoutError, TimeoutError):
                what = "authenticate" if self.protocol else "send a first message"
                self.protocol_error(INVALID_REQUEST, f"closing: the client did not {what} "
                                    f"within {self.limits.handshake_timeout:g} s")
                await self.drain()
                return "handshake timeout"
            except FramingError as e:
                log.warning("%s: framing error: %s", self.name, e)
                self.protocol_error(PARSE_ERROR, f"closing: {e}")
                await self.drain()
                return f"framing error ({e})"
            if body is None:
                return None
            try:
                message = decode_body(body)
            except ValueError as e:
                log.info("%s: unparsable message: %s", self.name, e)
                if self.handler is not None:
                    self.handler.bad_message(str(e))
                else:
                    self.protocol_error(PARSE_ERROR, str(e))
                continue
            if self.protocol is None and not self._choose_protocol(message):
                continue
            self.handler.receive(message)
        return None

    def _choose_protocol(self, message) -> bool:
        if isinstance(message, list) or (isinstance(message, dict) and "jsonrpc" in message):
            self.protocol = "jsonrpc"
            self.handler = RpcHandler(self)
        elif isinstance(message, dict) and message.get("type") == "request":
            from .dap import DapHandler
            self.protocol = "dap"
            self.handler = DapHandler(self)
        else:
            self.protocol_error(INVALID_REQUEST, "the first message must be a JSON-RPC 2.0 "
                                "request or a Debug Adapter Protocol request")
            return False
        log.info("%s: speaks %s", self.name, "JSON-RPC" if self.protocol == "jsonrpc"
                 else "DAP")
        return True

    def protocol_error(self, code: int, message: str) -> None:
        """Say what went wrong outside of any request (framing, time-outs)."""
        if self.protocol == "dap":
            self.handler.notice(message)
        else:
            self.send({"jsonrpc": "2.0", "id": None, "error": {"code": code,
                                                                 "message": message}})

    def enqueue(self, item) -> bool:
        if self.queue.qsize() >= self.limits.max_pending:
            return False
        self.queue.put_nowait(item)
        return True

    async def _process(self) -> None:
        while True:
            item = await self.queue.get()
            try:
                await self.handler.handle(item)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - answered as an internal error by the handler
                log.error("%s: internal error:\n%s", self.name, traceback.format_exc())
            await self.drain()


# ------------------------------------------------------------------------------ JSON-RPC 2.0


def _error(ident, code: int, message: str, data=None) -> dict:
    err = {"code": code, "message": message}
    if data is not None:
        err["data"] = data
    return {"jsonrpc": "2.0", "id": ident, "error": err}


def _valid_id(ident) -> bool:
    return ident is None or (isinstance(ident, (str, int)) and not isinstance(ident, bool)) \
        or (isinstance(ident, float) and ident.is_integer())


class RpcHandler:
    """JSON-RPC 2.0 on a connection: requests, notifications, batches."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def bad_message(self, why: str) -> None:
        self.conn.send(_error(None, PARSE_ERROR, why))

    def notice(self, message: str) -> None:
        self.conn.send(_error(None, INVALID_REQUEST, message))

    def _check(self, msg) -> tuple[Any, dict | None]:
        """(id, an error response or None) for one request object."""
        if not isinstance(msg, dict):
            return None, _error(None, INVALID_REQUEST, "a request must be a JSON object")
        ident = msg.get("id")
        if not _valid_id(ident):
            return None, _error(None, INVALID_REQUEST, "'id' must be a string, an integer or "
                                                       "null")
        if msg.get("jsonrpc") != "2.0":
            return ident, _error(ident, INVALID_REQUEST, "'jsonrpc' must be \"2.0\"")
        if not isinstance(msg.get("method"), str):
            return ident, _error(ident, INVALID_REQUEST, "'method' must be a string")
        if "params" in msg and not isinstance(msg["params"], (dict, list)):
            return ident, _error(ident, INVALID_REQUEST, "'params' must be an object or an "
                                                         "array")
        extra = set(msg) - {"jsonrpc", "id", "method", "params"}
        if extra:
            return ident, _error(ident, INVALID_REQUEST, f"unknown member "
                                                         f"{sorted(extra)[0]!r} in a request")
        return ident, None

    def receive(self, msg) -> None:
        conn = self.conn
        if isinstance(msg, list):
            if not msg:
                conn.send(_error(None, INVALID_REQUEST, "an empty batch"))
                return
            if not conn.enqueue(("batch", msg)):
                conn.send(_error(None, LIMIT_EXCEEDED, "too many requests waiting on this "
                                                       "connection"))
            return
        ident, err = self._check(msg)
        if err is not None:
            conn.send(err)
            return
        method = msg["method"]
        if method in IMMEDIATE:
            response = self._immediate(msg)
            if response is not None and "id" in msg:
                conn.send(response)
            return
        if not conn.authenticated:
            if "id" in msg:
                conn.send(_error(ident, UNAUTHENTICATED, "unauthenticated: this server "
                                 "needs its token first ('auth' with {\"token\": …})"))
            return
        if not conn.enqueue(("one", msg)):
            conn.send(_error(ident, LIMIT_EXCEEDED, "too many requests waiting on this "
                                                    "connection"))

    def _immediate(self, msg) -> dict | None:
        conn = self.conn
        ident, method, params = msg.get("id"), msg["method"], msg.get("params")
        if method == "auth":
            token = params.get("token") if isinstance(params, dict) else None
            if conn.server.check_token(token):
                conn.authenticated = True
                return {"jsonrpc": "2.0", "id": ident, "result": {"authenticated": True,
                                                                   "session": conn.name}}
            log.warning("%s: wrong token from %s; closing", conn.name, conn.peer)
            conn.send(_error(ident, UNAUTHENTICATED, "wrong token"))
            conn.closing = True
            asyncio.get_running_loop().call_later(0.05, conn.abort)
            return None
        if not conn.authenticated:
            return _error(ident, UNAUTHENTICATED, "unauthenticated: this server needs its "
                                                  "token first ('auth' with {\"token\": …})")
        if method == "server.info":
            return {"jsonrpc": "2.0", "id": ident, "result": server_info(
                conn.limits, len(conn.server.connections), conn.server.token is not None,
                conn.server.pool.used)
                | {"session": conn.name}}
        try:
            return {"jsonrpc": "2.0", "id": ident, "result": call(conn.control, method, params)}
        except ServiceError as e:
            return _error(ident, e.code, e.message, e.data)

    async def handle(self, item) -> None:
        kind, payload = item
        if kind == "one":
            response = await self._one(payload)
            if response is not None:
                self.conn.send(response)
            return
        responses = []
        for msg in payload:
            ident, err = self._check(msg)
            if err is not None:
                responses.append(err)
                continue
            if msg["method"] in IMMEDIATE:
                r = self._immediate(msg)
            elif not self.conn.authenticated:
                r = _error(ident, UNAUTHENTICATED, "unauthenticated")
            else:
                r = await self._one(msg)
            if r is not None and "id" in msg:
                responses.append(r)
        if responses:
            self.conn.send(responses)

    async def _one(self, msg) -> dict | None:
        ident = msg.get("id")
        method = msg["method"]
        log.debug("%s: %s", self.conn.name, method)
        try:
            result = await self.conn.call(method, msg.get("params"))
        except ServiceError as e:
            response = _error(ident, e.code, e.message, e.data)
        except Exception as e:  # noqa: BLE001 - a bug: logged, answered, the server goes on
            log.error("%s: internal error in %s:\n%s", self.conn.name, method,
                      traceback.format_exc())
            response = _error(ident, INTERNAL_ERROR, f"internal error: {e.__class__.__name__}: "
                                                     f"{e}")
        else:
            response = {"jsonrpc": "2.0", "id": ident, "result": result}
        return response if "id" in msg else None

    async def closed(self) -> None:
        pass
