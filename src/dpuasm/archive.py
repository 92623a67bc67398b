"""Unix ``ar`` archives (static libraries) in the GNU/System V format that binutils writes.

Layout: the global header ``!<arch>\\n``, then members, each a 60-byte header (name, mtime, uid,
gid, mode, size, the magic ``\\x60\\n``) followed by its data padded to an even offset with ``\\n``.
Special members: ``/`` and ``/SYM64/`` are symbol indexes, ``//`` holds names longer than 15
characters (a member then calls itself ``/<offset>``).  BSD-style ``#1/<len>`` names are read too.

The linker never trusts a symbol index (it may be stale or missing); it reads every member's own
symbol table.  :func:`write_archive` still writes an index so binutils (``nm -s``, ``ar t``) treats
our libraries like its own, and it writes them deterministically (mtime 0, uid/gid 0, mode 644, as
``ar D`` does) so the same members always give the same bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from dpucore import elf as elfmod

MAGIC = b"!<arch>\n"
THIN_MAGIC = b"!<thin>\n"
_HEADER_SIZE = 60
_FMAG = b"`\n"
_MAX_SHORT_NAME = 15  # a short name is stored with its terminating '/' in 16 bytes


class ArchiveError(ValueError):
    """The bytes are not an archive we can read; the message says what is wrong and where."""


@dataclass(frozen=True)
class Member:
    """One ordinary member of an archive (symbol indexes and the name table are not members)."""

    name: str
    data: bytes


def is_archive(data: bytes) -> bool:
    """True when ``data`` starts like an archive (thin ones included, to reject them clearly)."""
    return data[:8] in (MAGIC, THIN_MAGIC)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RawMember:
    offset: int  # of the header, for messages
    name_field: str
    data: bytes


def _parse_size(field: bytes, offset: int) -> int:
    text = field.decode("ascii", "replace").strip()
    if not text.isdigit():
        raise ArchiveError(f"member header at offset {offset}: invalid size field {text!r}")
    return int(text)


def _raw_members(data: bytes) -> list[_RawMember]:
    """Split the archive into headers and data, checking each header and size."""
    members = []
    pos = len(MAGIC)
    while pos < len(data):
        if pos + _HEADER_SIZE > len(data):
            raise ArchiveError(f"truncated member header at offset {pos}")
        header = data[pos:pos + _HEADER_SIZE]
        if header[58:60] != _FMAG:
            raise ArchiveError(f"member header at offset {pos}: bad magic (not an ar header)")
        size = _parse_size(header[48:58], pos)
        start = pos + _HEADER_SIZE
        if start + size > len(data):
            raise ArchiveError(f"member at offset {pos} ({size} bytes) extends past the end "
                               "of the archive")
        name_field = header[:16].decode("ascii", "replace").rstrip(" ")
        members.append(_RawMember(pos, name_field, data[start:start + size]))
        pos = start + size + (size & 1)
    return members


def _long_name(table: bytes | None, ref: str, offset: int) -> str:
    """The name a ``/<n>`` header refers to in the ``//`` table (entries end with ``/\\n``)."""
    if table is None:
        raise ArchiveError(f"member at offset {offset} uses a long name but the archive has "
                           "no name table")
    if not ref.isdigit() or int(ref) >= len(table):
        raise ArchiveError(f"member at offset {offset}: long name reference /{ref} is outside "
                           "the name table")
    start = int(ref)
    end = table.find(b"\n", start)
    if end < 0:
        end = len(table)
    raw = table[start:end]
    if raw.endswith(b"/"):
        raw = raw[:-1]
    return _decode_name(raw, offset)


def _decode_name(raw: bytes, offset: int) -> str:
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ArchiveError(f"member at offset {offset}: name is not UTF-8") from None
    if not name:
        raise ArchiveError(f"member at offset {offset} has an empty name")
    return name


def _member(raw: _RawMember, table: bytes | None) -> Member:
    field = raw.name_field
    if field.startswith("#1/"):  # BSD: the name is the first <len> bytes of the data
        length = field[3:]
        if not length.isdigit() or int(length) > len(raw.data):
            raise ArchiveError(f"member at offset {raw.offset}: bad BSD name length {length!r}")
        n = int(length)
        return Member(_decode_name(raw.data[:n].rstrip(b"\0"), raw.offset), raw.data[n:])
    if field.startswith("/"):
        return Member(_long_name(table, field[1:], raw.offset), raw.data)
    name = field[:-1] if field.endswith("/") else field
    return Member(_decode_name(name.encode("utf-8"), raw.offset), raw.data)


def _is_index(name_field: str) -> bool:
    return name_field in ("/", "/SYM64/") or name_field.startswith("__.SYMDEF")


def read_archive(data: bytes) -> list[Member]:
    """The ordinary members of an archive, in order; raises :class:`ArchiveError` when malformed."""
    data = bytes(data)
    if data[:8] == THIN_MAGIC:
        raise ArchiveError("thin archives are not supported (their members live in other files)")
    if data[:8] != MAGIC:
        raise ArchiveError("not an archive (bad magic)")
    table: bytes | None = None
    members = []
    for raw in _raw_members(data):
        if _is_index(raw.name_field):
            continue
        if raw.name_field == "//":
            if table is not None:
                raise ArchiveError(f"second long-name table at offset {raw.offset}")
            table = raw.data
            continue
        members.append(_member(raw, table))
    return members


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _header(name: str, size: int, mode: str = "644") -> bytes:
    """A 60-byte member header, as ``ar D`` writes it (the name table leaves mtime..mode blank)."""
    if name == "//":
        text = f"{name:<16}{'':<12}{'':<6}{'':<6}{'':<8}{size:<10}"
    else:
        text = f"{name:<16}{0:<12}{0:<6}{0:<6}{mode:<8}{size:<10}"
    return text.encode("ascii") + _FMAG


def _pad(data: bytes) -> bytes:
    return data + b"\n" if len(data) & 1 else data


def _defined_globals(data: bytes) -> list[str]:
    """Names a member offers to the linker; members that are not DPU objects offer none."""
    try:
        obj = elfmod.read_elf(data)
    except elfmod.ElfError:
        return []
    return [s.name for s in obj.symbols
            if s.bind != elfmod.STB_LOCAL and s.defined and s.type != elfmod.STT_SECTION]


def _symbol_index(names: list[list[str]], offsets: list[int]) -> bytes:
    entries = [(off, name) for member_names, off in zip(names, offsets) for name in member_names]
    body = struct.pack(">I", len(entries))
    body += b"".join(struct.pack(">I", off) for off, _ in entries)
    body += b"".join(name.encode("utf-8") + b"\0" for _, name in entries)
    return body


def _member_name(name: str) -> str:
    """The stored name: like ``ar``, the last path component."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if not base or "\n" in base:
        raise ArchiveError(f"invalid archive member name {name!r}")
    return base


def write_archive(members: list[tuple[str, bytes]]) -> bytes:
    """An archive of ``members`` (name, bytes), with a symbol index and GNU long names."""
    names = [_member_name(n) for n, _ in members]
    table = bytearray()
    fields = []
    for name in names:
        encoded = name.encode("utf-8")
        if len(encoded) <= _MAX_SHORT_NAME and " " not in name:
            fields.append(name + "/")
        else:
            fields.append(f"/{len(table)}")
            table += encoded + b"/\n"
    if len(table) & 1:
        table += b"\n"  # ar counts the table's padding in its size
    symbols = [_defined_globals(data) for _, data in members]
    n_symbols = sum(len(s) for s in symbols)

    prefix = len(MAGIC)
    if n_symbols:
        index_size = 4 + 4 * n_symbols + sum(len(n.encode()) + 1 for s in symbols for n in s)
        prefix += _HEADER_SIZE + index_size + (index_size & 1)
    if table:
        prefix += _HEADER_SIZE + len(table) + (len(table) & 1)

    body = bytearray()
    offsets = []
    for field, (_, data) in zip(fields, members):
        offsets.append(prefix + len(body))
        body += _header(field, len(data)) + _pad(bytes(data))

    out = bytearray(MAGIC)
    if n_symbols:
        index = _symbol_index(symbols, offsets)
        out += _header("/", len(index), mode="0") + _pad(index)
    if table:
        out += _header("//", len(table)) + _pad(bytes(table))
    out += body
    return bytes(out)
