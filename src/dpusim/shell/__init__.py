"""dpushell: a command-line debugger and runner of DPU programs, on an embedded simulator or
on a running dpuservice (docs/debugging.md)."""

from .backend import Backend, BackendError, EmbeddedBackend, RemoteBackend
from .commands import COMMANDS, Shell, ShellError

__all__ = ["Backend", "BackendError", "COMMANDS", "EmbeddedBackend", "RemoteBackend", "Shell",
           "ShellError"]
