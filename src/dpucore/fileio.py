"""Writing output files the way compilers do: all or nothing."""

from __future__ import annotations

import os
import tempfile


def write_atomically(path: str | os.PathLike, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename, so a
    failure never leaves a half-written output (a Makefile would take it as up to date)."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_if_changed(path: str | os.PathLike, data: bytes) -> bool:
    """Write ``data`` atomically unless ``path`` already holds exactly it; returns whether it wrote.

    Make compares modification times, so rewriting an identical output would rebuild everything
    that depends on it.
    """
    try:
        with open(path, "rb") as fh:
            if fh.read() == data:
                return False
    except OSError:
        pass
    write_atomically(path, data)
    return True
