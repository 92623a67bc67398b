"""A small blocking JSON-RPC 2.0 client of dpuservice (dpushell's remote back end, and scripts)::

    with RpcClient("127.0.0.1", 2066, token=None) as dpus:
        dpus.call("load", path="prog")
        dpus.call("launch")
        print(dpus.call("log", dpu=0)["text"])

Errors come back as :class:`RpcError` with the server's code and message.  Ctrl-C while a call
waits sends ``interrupt`` and goes on waiting for the (interrupted) answer.
"""

from __future__ import annotations

import itertools
import socket
from typing import Any

from .framing import FramingError, SyncStream


class RpcError(Exception):
    def __init__(self, code: int, message: str, data: Any = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data


class ConnectionLost(RpcError):
    def __init__(self, message: str):
        super().__init__(0, message)


class RpcClient:
    def __init__(self, host: str = "127.0.0.1", port: int = 2066, token: str | None = None,
                 timeout: float | None = 10.0):
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
        except OSError as e:
            raise ConnectionLost(f"cannot connect to dpuservice at {host}:{port}: "
                                 f"{e.strerror or e}") from None
        sock.settimeout(None)
        self.stream = SyncStream(sock)
        self.address = f"{host}:{port}"
        self._ids = itertools.count(1)
        self._early: dict[Any, dict] = {}
        self.session = None
        if token is not None:
            self.session = self.call("auth", token=token).get("session")

    def __enter__(self) -> RpcClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.stream.close()

    def send(self, method: str, params: dict | None = None) -> int:
        ident = next(self._ids)
        message = {"jsonrpc": "2.0", "id": ident, "method": method}
        if params:
            message["params"] = params
        try:
            self.stream.send(message)
        except OSError as e:
            raise ConnectionLost(f"lost the connection to dpuservice at {self.address}: "
                                 f"{e.strerror or e}") from None
        return ident

    def wait(self, ident: int) -> dict:
        while ident not in self._early:
            try:
                message = self.stream.receive()
            except (OSError, FramingError, ValueError) as e:
                raise ConnectionLost(f"lost the connection to dpuservice at {self.address}: "
                                     f"{e}") from None
            if message is None:
                raise ConnectionLost(f"dpuservice at {self.address} closed the connection")
            if isinstance(message, dict) and "id" in message:
                if message["id"] is None and "error" in message:
                    err = message["error"]
                    raise RpcError(err.get("code", 0), err.get("message", "error"))
                self._early[message["id"]] = message
        message = self._early.pop(ident)
        if "error" in message:
            err = message["error"]
            raise RpcError(err.get("code", 0), err.get("message", "error"), err.get("data"))
        return message.get("result")

    def call(self, method: str, params: dict | None = None, **kwargs) -> dict:
        params = {**(params or {}), **kwargs}
        ident = self.send(method, params)
        try:
            return self.wait(ident)
        except KeyboardInterrupt:
            self.send("interrupt")
            return self.wait(ident)
