"""``Content-Length`` framing, the base protocol of DAP and of JSON-RPC over a stream (LSP's):

    Content-Length: 52\\r\\n
    \\r\\n
    {"jsonrpc": "2.0", "id": 1, "method": "status"}

A header is ASCII lines ``Name: value`` ended by an empty line; ``Content-Length`` (any case)
is required, other fields (``Content-Type``) are tolerated and ignored.  Bare ``\\n`` line ends
are accepted.  Anything else — no length, a length that is not a number, a header longer than
``MAX_HEADER`` bytes, a body over the server's limit, a stream that ends inside a frame — is a
:class:`FramingError`: the stream cannot be resynchronised, so the connection closes after
saying why.
"""

from __future__ import annotations

import asyncio
import json
import socket

MAX_HEADER = 8192  # bytes of header lines (the standard ones take under 100)


class FramingError(Exception):
    """The byte stream does not follow the framing; the connection cannot go on."""


def encode(message) -> bytes:
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def parse_header(raw: bytes, max_body: int) -> int:
    """The body length from a header's bytes (without its final empty line)."""
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise FramingError("the header is not ASCII text (expected 'Content-Length: N')") \
            from None
    length = None
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line:
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip() or name != name.strip():
            raise FramingError(f"malformed header line {line[:60]!r} (expected 'Name: value')")
        if name.lower() == "content-length":
            value = value.strip()
            if not value.isdigit():
                raise FramingError(f"Content-Length is not a number: {value[:40]!r}")
            if length is not None and int(value) != length:
                raise FramingError("two different Content-Length fields")
            length = int(value)
    if length is None:
        raise FramingError("no Content-Length in the header")
    if length > max_body:
        raise FramingError(f"a message of {length} bytes is over this server's limit of "
                           f"{max_body} bytes")
    return length


async def read_frame(reader: asyncio.StreamReader, max_body: int,
                     frame_timeout: float | None = None) -> bytes | None:
    """The next body; None at a clean end of stream (between frames).  Waits for a frame's
    first byte as long as it takes (the caller decides about idle connections), then for the
    rest of it at most ``frame_timeout`` seconds."""
    first = await reader.read(1)
    if not first:
        return None

    async def rest() -> bytes:
        header = bytearray()
        line = bytearray(first)
        while True:
            if not line.endswith(b"\n"):
                try:
                    line += await reader.readline()
                except ValueError:  # a line over the stream's limit
                    raise FramingError(f"a header longer than {MAX_HEADER} bytes") from None
            if not line.endswith(b"\n"):
                raise FramingError("the connection closed inside a header")
            if line in (b"\r\n", b"\n"):
                break
            header += line
            if len(header) > MAX_HEADER:
                raise FramingError(f"a header longer than {MAX_HEADER} bytes")
            line = bytearray()
        length = parse_header(bytes(header), max_body)
        try:
            return await reader.readexactly(length)
        except asyncio.IncompleteReadError as e:
            raise FramingError(f"the connection closed after {len(e.partial)} of the "
                               f"{length} bytes of a message") from None

    if frame_timeout is None:
        return await rest()
    try:
        return await asyncio.wait_for(rest(), frame_timeout)
    except (asyncio.TimeoutError, TimeoutError):
        raise FramingError(f"a message did not arrive whole within {frame_timeout:g} s") \
            from None


def decode_body(body: bytes):
    """The JSON value of a body; ValueError with a message when it is not JSON."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"the message is not UTF-8 (byte {e.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"the message is not JSON: {e.msg} at line {e.lineno} column "
                         f"{e.colno}") from None
    except RecursionError:
        raise ValueError("the message is nested too deeply") from None


class SyncStream:
    """Blocking framed messages over a socket, for clients (dpushell, tests)."""

    def __init__(self, sock: socket.socket, max_body: int = 64 << 20):
        self.sock = sock
        self.file = sock.makefile("rb")
        self.max_body = max_body

    def send(self, message) -> None:
        self.sock.sendall(encode(message))

    def receive(self):
        """The next message; None at the end of the stream."""
        header = bytearray()
        while not (header.endswith(b"\r\n\r\n") or header.endswith(b"\n\n")):
            b = self.file.read(1)
            if not b:
                if header:
                    raise FramingError("the connection closed inside a header")
                return None
            header += b
            if len(header) > MAX_HEADER:
                raise FramingError("header too long")
        length = parse_header(bytes(header), self.max_body)
        body = self.file.read(length)
        if len(body) < length:
            raise FramingError("the connection closed inside a message")
        return decode_body(body)

    def close(self) -> None:
        try:
            self.file.close()
        finally:
            self.sock.close()
