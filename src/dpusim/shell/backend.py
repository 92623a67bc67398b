"""Where dpushell's commands go: one interface, two implementations.

* :class:`EmbeddedBackend` owns a :class:`~dpusim.service.control.Control` in this process (a
  simulator of its own, no server);
* :class:`RemoteBackend` talks JSON-RPC 2.0 to a running ``dpuservice`` through
  :class:`~dpusim.service.client.RpcClient`.

Both take the service's method names and named parameters and return the same JSON values:
the embedded answers go through a JSON round trip, so that a command prints the same bytes
whichever back end runs it.  Every refusal comes back as :class:`BackendError` with the
service's message.  Ctrl-C while a call runs interrupts the DPUs (within a slice of cycles)
and the call returns what the interrupted run reached, on both back ends.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from ..service.client import ConnectionLost, RpcClient, RpcError
from ..service.control import Control, call
from ..service.errors import ServiceError


class BackendError(Exception):
    """A request refused or failed; ``message`` is the service's explanation."""

    def __init__(self, message: str, fatal: bool = False):
        super().__init__(message)
        self.message = message
        self.fatal = fatal  # the back end is gone (a lost connection): nothing more will work


class Backend:
    """The interface: :meth:`call` a service method, :meth:`close` at the end."""

    description = "?"

    def call(self, method: str, **params: Any) -> dict:
        raise NotImplementedError

    def close(self) -> None:
        pass


class EmbeddedBackend(Backend):
    """A simulator in this process (what dpushell uses when no ``--connect`` is given)."""

    description = "embedded simulator"

    def __init__(self) -> None:
        self.control = Control(name="embedded")

    def call(self, method: str, **params: Any) -> dict:
        # The request runs in a thread so that Ctrl-C (delivered to the main thread) can ask
        # the run to stop between two slices instead of tearing the simulator apart.
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["result"] = call(self.control, method, params)
            except ServiceError as e:
                box["error"] = BackendError(e.message)
            except Exception as e:  # noqa: BLE001 - as the server answers an internal error
                box["error"] = BackendError(f"internal error: {e.__class__.__name__}: {e}")

        worker = threading.Thread(target=work, name=f"dpushell-{method}", daemon=True)
        worker.start()
        while worker.is_alive():
            try:
                worker.join(0.1)
            except KeyboardInterrupt:
                self.control.interrupt()
        if "error" in box:
            raise box["error"]
        return json.loads(json.dumps(box["result"]))

    def close(self) -> None:
        self.control.close()
        self.control.release()


class RemoteBackend(Backend):
    """A running dpuservice, over JSON-RPC 2.0."""

    def __init__(self, host: str, port: int, token: str | None = None,
                 timeout: float | None = 10.0):
        self.description = f"dpuservice at {host}:{port}"
        try:
            self.client = RpcClient(host, port, token=token, timeout=timeout)
        except ConnectionLost as e:
            raise BackendError(e.message, fatal=True) from None
        except RpcError as e:
            raise BackendError(f"dpuservice at {host}:{port}: {e.message}", fatal=True) \
                from None

    def call(self, method: str, **params: Any) -> dict:
        try:
            return self.client.call(method, params)
        except ConnectionLost as e:
            raise BackendError(e.message, fatal=True) from None
        except RpcError as e:
            raise BackendError(e.message) from None

    def close(self) -> None:
        self.client.close()


def parse_address(text: str, default_port: int = 2066) -> tuple[str, int]:
    """``HOST:PORT``, ``HOST`` or ``:PORT`` (``[::1]:2066`` for IPv6)."""
    text = text.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    else:
        host, port_text = text, ""
    host = host or "127.0.0.1"
    if not port_text:
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"not a port: {port_text!r} (expected HOST:PORT)")
    return host, int(port_text)
