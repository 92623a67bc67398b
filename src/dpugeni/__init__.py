"""dpugeni: the compiler of the Device Interface Definition Language (DIDL, ``docs/didl.md``).

A DIDL file says how each parameter of each DPU function travels between host and DPU (system
mailbox, tasklet mailboxes, host-visible variables, MRAM).  dpugeni parses it
(:mod:`dpugeni.parse`), checks it, against a runtime configuration when given
(:mod:`dpugeni.check`), freezes it into the interface IR (:mod:`dpugeni.ir`) and emits targets
from it (:mod:`dpugeni.emit`: a Python binding module for ``kelonia``, a DPU-side C header, the IR
as JSON).  ``dpugeni.ir`` needs nothing but the standard library: the host runtime loads it.
"""

from __future__ import annotations

import hashlib

from dpucore import __version__

__all__ = ["__version__", "compile_source"]


def compile_source(text: str, path: str = "<input>", config=None, name: str | None = None,
                   sha256: str | None = None):
    """Parse and check DIDL ``text`` (named ``path`` in diagnostics); returns the
    :class:`~dpugeni.ir.Interface` or raises :class:`~dpucore.diag.DiagnosticError` with every
    error of the file.  ``config`` is a :class:`dpucore.rtc.Config`; ``name`` the interface name
    (default: the file name without ``.didl``); ``sha256`` the hash of the file's bytes (default:
    of ``text`` in UTF-8)."""
    from .check import check
    from .parse import parse_partial

    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    tree, diagnostics = parse_partial(text, path)
    return check(tree, config, name, sha256, diagnostics)
