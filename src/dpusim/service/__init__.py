"""dpuservice: simulated DPUs behind one TCP port, driven with JSON-RPC 2.0 (control) and the
Debug Adapter Protocol (debugging).  docs/dpuservice.md is the protocol reference."""

from .control import Control, Limits, METHODS, call
from .server import Server

__all__ = ["Control", "Limits", "METHODS", "Server", "call"]
