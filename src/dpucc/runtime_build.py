"""The runtime library, built on first use into a cache and linked automatically.

The sources ship inside the package (``dpucc/runtime``: C compiled by dpucc itself, and
assembly).  The archive is cached under ``$DPUCC_CACHE`` (default ``$XDG_CACHE_HOME/dpucc`` or
``~/.cache/dpucc``) in a directory named by the hash of the sources *and* of the compiler, so a
change to either rebuilds it.  Concurrent first builds (two Makefile jobs) each write a complete
archive to a temporary file and rename it into place: the result is never a torn file.
"""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path
from typing import Callable

from dpucore.fileio import write_atomically

ARCHIVE = "libdpu.a"
RUNTIME_OPT_LEVEL = 2
_COMPILER_PACKAGES = ("dpucc", "dpuasm", "dpucore")


def _sources() -> list[tuple[str, str]]:
    """The library's members: each top-level .c and .s file of ``dpucc/runtime``."""
    root = resources.files("dpucc").joinpath("runtime")
    return sorted((r.name, r.read_text("utf-8")) for r in root.iterdir()
                  if r.name.endswith((".c", ".s")))


def _headers() -> list[tuple[str, bytes]]:
    """Every header the members may include (public ``include/`` and private ``internal/``):
    a changed header changes the library as much as a changed source."""
    root = Path(str(resources.files("dpucc").joinpath("runtime")))
    return sorted((str(p.relative_to(root)), p.read_bytes()) for p in root.rglob("*.h"))


def _compiler_digest() -> str:
    """Hash of the compiler's own code: a new compiler must not reuse an old library."""
    h = hashlib.sha256()
    for pkg in _COMPILER_PACKAGES:
        base = Path(str(resources.files(pkg)))
        for path in sorted(base.rglob("*.py")):
            h.update(str(path.relative_to(base)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def cache_dir() -> Path:
    explicit = os.environ.get("DPUCC_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dpucc"


def library_path(build_object: Callable[[str, str], bytes]) -> Path:
    """The cached archive, built with ``build_object(name, text) -> ELF object`` if missing."""
    from dpuasm.archive import write_archive

    sources = _sources()
    h = hashlib.sha256(_compiler_digest().encode())
    for name, text in sources:
        h.update(name.encode() + b"\0" + text.encode() + b"\0")
    for name, data in _headers():
        h.update(name.encode() + b"\0" + data + b"\0")
    directory = cache_dir() / h.hexdigest()[:24]
    path = directory / ARCHIVE
    if path.exists():
        return path
    members = [(name.rsplit(".", 1)[0] + ".o", build_object(name, text)) for name, text in sources]
    directory.mkdir(parents=True, exist_ok=True)
    write_atomically(path, write_archive(members))
    return path
