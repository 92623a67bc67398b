"""The DPU log buffer (``printf``/``puts``/``putchar`` output): records and the host's formatter.

A DPU ``printf`` does not format: it appends a *record* to the MRAM buffer ``__stdout_buffer``
holding the WRAM address of the format string and the raw argument words, and the host formats
the records after the run, as glibc's ``printf`` would print them with the DPU's type sizes.
docs/log-format.md is the specification; this module is its host side:

* :func:`format_printf` — a C99 ``printf`` formatter (glibc's output, DPU types) over an
  :class:`ArgReader` of the record's argument bytes;
* :func:`pack_args` / :func:`encode_record` — the Python model of the DPU side (what the DPU's
  ``printf`` writes for given values), for tests and tools;
* :func:`decode_log` — records to text, :class:`LogError` on anything malformed;
* :func:`read_log` / :func:`read_log_bytes` — the log of one DPU of a :class:`Simulator`.
"""

from __future__ import annotations

import decimal
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .simulator import Simulator

BUFFER_SYMBOL = "__stdout_buffer"
STATE_SYMBOL = "__stdout_buffer_state"
DEFAULT_BUFFER_SIZE = 1 << 20
HEADER_SIZE = 8
INLINE_FORMAT = 0x80000000  # format word: the format string follows the header
MAX_FIELD = 1 << 24  # widths and precisions beyond this are refused as corrupt

FLAGS = b"-+ #0'I"
LENGTHS = ("hh", "h", "ll", "l", "L", "q", "j", "z", "Z", "t")
WIDE_LENGTHS = ("l", "ll", "L", "q", "j")  # %lc, %ls (wide characters and strings)
LONG_INT_LENGTHS = ("l", "ll", "L", "q", "j")  # 64-bit integer arguments on the DPU
INT_CONVERSIONS = b"diuoxXbB"
FLOAT_CONVERSIONS = b"fFeEgGaA"


class LogError(ValueError):
    """A log buffer or record that does not follow docs/log-format.md.

    ``partial`` holds the text of the records decoded before the bad one.
    """

    def __init__(self, message: str, partial: bytes = b""):
        super().__init__(message)
        self.partial = partial


# ----------------------------------------------------------------------------- directives


@dataclass
class Directive:
    """One ``%...`` of a format string, as the DPU ``printf`` and the host both parse it."""

    start: int  # offset of the '%'
    end: int  # offset after the conversion character
    left: bool = False
    plus: bool = False
    space: bool = False
    alt: bool = False
    zero: bool = False  # the '0' flag, cleared by a '-' flag (not by a negative '*' width)
    group: bool = False  # "'": no effect in the C locale
    i18n: bool = False  # 'I': no effect in the C locale
    width: int | str | None = None  # digits, "*" or None
    precision: int | str | None = None  # digits (empty = 0), "*" or None
    length: str = ""
    conv: str = ""  # "" when the format ends inside the directive

    @property
    def kind(self) -> str:
        """What argument the conversion takes (besides '*' widths and precisions).

        ``int32``/``int64``/``uint32``/``uint64``, ``double``, ``char``, ``wchar``,
        ``string``, ``pointer`` (%p), ``store`` (%n), ``wstring`` (unsupported %ls),
        ``percent`` (%%), ``unknown`` or ``incomplete``."""
        c, ln = self.conv, self.length
        if not c:
            return "incomplete"
        if c == "%":
            return "percent"
        if c in "di":
            return "int64" if ln in LONG_INT_LENGTHS else "int32"
        if c in "uoxXbB":
            return "uint64" if ln in LONG_INT_LENGTHS else "uint32"
        if c in "fFeEgGaA":
            return "double"
        if c == "c":
            return "wchar" if ln in WIDE_LENGTHS else "char"
        if c == "C":
            return "wchar"
        if c == "s":
            return "wstring" if ln in WIDE_LENGTHS else "string"
        if c == "S":
            return "wstring"
        if c == "p":
            return "pointer"
        if c == "n":
            return "store"
        return "unknown"


def _digits(fmt: bytes, i: int) -> tuple[int, int]:
    j = i
    while j < len(fmt) and 48 <= fmt[j] <= 57:
        j += 1
    text = fmt[i:j].lstrip(b"0")
    if len(text) > 9 or (text and int(text) > MAX_FIELD):
        raise LogError(f"field width or precision {text[:20].decode()} in the format is too "
                       f"large (the host formats at most {MAX_FIELD})")
    return (int(text) if text else 0), j


def parse_directive(fmt: bytes, i: int) -> Directive:
    """Parse the directive whose '%' is at ``fmt[i]``; ``fmt`` ends at its NUL (excluded)."""
    d = Directive(i, i)
    n = len(fmt)
    j = i + 1
    while j < n and fmt[j] in FLAGS:
        ch = fmt[j]
        if ch == 45:  # '-'
            d.left = True
        elif ch == 43:
            d.plus = True
        elif ch == 32:
            d.space = True
        elif ch == 35:
            d.alt = True
        elif ch == 48:
            d.zero = True
        elif ch == 39:
            d.group = True
        else:
            d.i18n = True
        j += 1
    if d.left:
        d.zero = False
    if j < n and fmt[j] == 42:  # '*'
        d.width = "*"
        j += 1
    elif j < n and 49 <= fmt[j] <= 57:
        d.width, j = _digits(fmt, j)
    if j < n and fmt[j] == 46:  # '.'
        j += 1
        if j < n and fmt[j] == 42:
            d.precision = "*"
            j += 1
        else:
            d.precision, j = _digits(fmt, j)
    if j < n:
        two = fmt[j:j + 2].decode("latin-1")
        if two in ("hh", "ll"):
            d.length = two
            j += 2
        elif chr(fmt[j]) in "hlLqjzZt":
            d.length = chr(fmt[j])
            j += 1
    if j < n:
        d.conv = chr(fmt[j])
        j += 1
    d.end = j
    return d


def iter_format(fmt: bytes) -> Iterator[bytes | Directive]:
    """The literal pieces and directives of a format string, in order."""
    i, n = 0, len(fmt)
    while i < n:
        k = fmt.find(b"%", i)
        if k < 0:
            yield fmt[i:]
            return
        if k > i:
            yield fmt[i:k]
        d = parse_directive(fmt, k)
        yield d
        if not d.conv:
            return
        i = d.end


# ----------------------------------------------------------------------------- arguments


class ArgReader:
    """Reads a record's argument area: 4-byte words, 8-byte values at 8-aligned offsets of
    ``data`` (so ``data`` must start at a record's start, or any 8-aligned place), and inline
    strings. ``end`` bounds the area; reading past it raises LogError."""

    def __init__(self, data: bytes, pos: int = 0, end: int | None = None):
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def _take(self, n: int) -> bytes:
        if self.pos + n > self.end:
            raise LogError(f"record too short: an argument of {n} bytes at offset {self.pos} "
                           f"passes its end ({self.end})")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def u32(self) -> int:
        return int.from_bytes(self._take(4), "little")

    def s32(self) -> int:
        v = self.u32()
        return v - (1 << 32) if v & 0x80000000 else v

    def u64(self) -> int:
        self.pos = (self.pos + 7) & ~7
        return int.from_bytes(self._take(8), "little")

    def string(self) -> bytes | None:
        """A %s argument: the pointer word, then (unless it is NULL) the bytes up to a NUL,
        padded to 4 bytes."""
        if self.u32() == 0:
            return None
        nul = self.data.find(b"\0", self.pos, self.end)
        if nul < 0:
            raise LogError(f"record too short: the string at offset {self.pos} has no NUL "
                           f"before the record's end ({self.end})")
        s = self.data[self.pos:nul]
        self.pos = (nul + 1 + 3) & ~3
        if self.pos > self.end:
            raise LogError(f"record too short: the padding of the string at offset "
                           f"{nul - len(s)} passes the record's end ({self.end})")
        return s

    def left(self) -> int:
        return self.end - self.pos


def _align(n: int, a: int) -> int:
    return (n + a - 1) & -a


def pack_args(fmt: bytes, values: Sequence, start: int = HEADER_SIZE) -> bytes:
    """What the DPU ``printf`` writes after the header for ``fmt`` and ``values`` (the Python
    model of the DPU side). ``start`` is the offset of the argument area in the record (8, or
    more after an inline format). Integers are masked to their size, floats packed as IEEE
    doubles, %s values are bytes, str (UTF-8) or None (a NULL pointer); each '*' takes an int
    value before the directive's own. A %s pointer word is written as 1 (any non-zero
    address would do)."""
    out = bytearray()
    vals = list(values)

    def take():
        if not vals:
            raise ValueError(f"not enough values for format {fmt!r}")
        return vals.pop(0)

    def word(v: int) -> None:
        out.extend((v & 0xFFFFFFFF).to_bytes(4, "little"))

    for piece in iter_format(fmt):
        if isinstance(piece, bytes):
            continue
        if piece.width == "*":
            word(int(take()))
        if piece.precision == "*":
            word(int(take()))
        kind = piece.kind
        if kind in ("int32", "uint32", "char", "wchar", "pointer", "store", "wstring"):
            word(int(take()))
        elif kind in ("int64", "uint64", "double"):
            v = take()
            while (start + len(out)) % 8:
                out.append(0)
            if kind == "double":
                out.extend(struct.pack("<d", float(v)))
            else:
                out.extend((int(v) & (2**64 - 1)).to_bytes(8, "little"))
        elif kind == "string":
            v = take()
            if v is None:
                word(0)
            else:
                s = v.encode() if isinstance(v, str) else bytes(v)
                if b"\0" in s:
                    s = s[:s.index(b"\0")]
                word(1)
                out.extend(s + b"\0")
                while len(out) % 4:
                    out.append(0)
    if vals:
        raise ValueError(f"{len(vals)} values left over for format {fmt!r}")
    return bytes(out)


def encode_record(fmt: bytes, values: Sequence = (), address: int | None = None) -> bytes:
    """One record, padded to 8 bytes: with the format's WRAM ``address``, or with the format
    inline when ``address`` is None."""
    if address is None:
        body = fmt + b"\0"
        body += bytes(-len(body) % 4)
        args = pack_args(fmt, values, HEADER_SIZE + len(body))
        word = INLINE_FORMAT
    else:
        if not 0 < address < INLINE_FORMAT:
            raise ValueError(f"format address 0x{address:x} is not a WRAM address")
        body = b""
        args = pack_args(fmt, values)
        word = address
    size = HEADER_SIZE + len(body) + len(args)
    rec = size.to_bytes(4, "little") + word.to_bytes(4, "little") + body + args
    return rec + bytes(-len(rec) % 8)


# ----------------------------------------------------------------------------- formatting


def _field(body: bytes, width: int, left: bool) -> bytes:
    if len(body) >= width:
        return body
    return body + b" " * (width - len(body)) if left else b" " * (width - len(body)) + body


def _number(prefix: bytes, digits: bytes, width: int, left: bool, zero: bool) -> bytes:
    """Sign/prefix, then digits, padded: zeros go between the prefix and the digits."""
    n = len(prefix) + len(digits)
    if n >= width:
        return prefix + digits
    if left:
        return prefix + digits + b" " * (width - n)
    if zero:
        return prefix + b"0" * (width - n) + digits
    return b" " * (width - n) + prefix + digits


_BASES = {"d": 10, "i": 10, "u": 10, "o": 8, "x": 16, "X": 16, "b": 2, "B": 2}


def _to_base(v: int, base: int) -> str:
    if base == 10:
        return str(v)
    if base == 16:
        return format(v, "x")
    if base == 8:
        return format(v, "o")
    return format(v, "b")


def _format_int(d: Directive, raw: int, bits: int, width: int, left: bool,
                prec: int | None) -> bytes:
    c = d.conv
    signed = c in "di"
    ln = d.length
    if ln == "hh":
        bits = 8
    elif ln == "h":
        bits = 16
    v = raw & ((1 << bits) - 1)
    negative = False
    if signed and v >> (bits - 1):
        v = (1 << bits) - v
        negative = True
    digits = "" if prec == 0 and v == 0 else _to_base(v, _BASES[c])
    if prec is not None and len(digits) < prec:
        digits = "0" * (prec - len(digits)) + digits
    prefix = ""
    if signed:
        prefix = "-" if negative else "+" if d.plus else " " if d.space else ""
    if d.alt:
        if c == "o":
            if not digits.startswith("0"):
                digits = "0" + digits
        elif c in "xXbB" and v != 0:
            prefix += "0" + c
    if c == "X":
        digits = digits.upper()
    return _number(prefix.encode(), digits.encode(), width, left, d.zero and prec is None)


def _format_pointer(d: Directive, v: int, width: int, left: bool, prec: int | None) -> bytes:
    if v == 0:
        return _field(b"(nil)", width, left)
    digits = format(v, "x")
    if prec is not None and len(digits) < prec:
        digits = "0" * (prec - len(digits)) + digits
    prefix = ("+" if d.plus else " " if d.space else "") + "0x"
    return _number(prefix.encode(), digits.encode(), width, left, d.zero and prec is None)


def _hex_float(bits: int, prec: int | None, alt: bool, upper: bool) -> tuple[str, str]:
    """(mantissa part with '0x', 'p' part) of %a for a finite double, as glibc prints it."""
    e = (bits >> 52) & 0x7FF
    frac = bits & ((1 << 52) - 1)
    if e == 0:
        lead = 0
        exp = 0 if frac == 0 else -1022
    else:
        lead = 1
        exp = e - 1023
    m = (lead << 52) | frac  # 1 + 13 hex digits
    if prec is None:
        digits = format(frac, "013x").rstrip("0")
        lead_digit = format(lead, "x")
    else:
        if prec < 13:
            drop = 4 * (13 - prec)
            q, r = divmod(m, 1 << drop)
            half = 1 << (drop - 1)
            if r > half or (r == half and q & 1):
                q += 1
            m = q
            fr = format(m & ((1 << (4 * prec)) - 1), f"0{prec}x") if prec else ""
            lead_digit = format(m >> (4 * prec), "x")
        else:
            fr = format(frac, "013x") + "0" * (prec - 13)
            lead_digit = format(lead, "x")
        digits = fr
    mant = "0x" + lead_digit + ("." if digits or alt else "") + digits
    pexp = "p" + ("-" if exp < 0 else "+") + str(abs(exp))
    if upper:
        mant, pexp = mant.upper(), pexp.upper()
    return mant, pexp


def _glibc_alt_g(x: float, p: int, body: str) -> str:
    """glibc's %#g when rounding carries a number printed with no fraction digits into the
    next power of ten (999999.5 with %#g, 999.5 with %#.3g): it switches to the e style but
    drops every fraction digit, printing "1.e+06" where C asks for "1.00000e+06"."""
    p = p or 1
    if decimal.Decimal(x).adjusted() == p - 1 and "e" in body:
        return "1.e+" + body.rsplit("e+", 1)[1]
    return body


def _format_double(d: Directive, bits: int, width: int, left: bool, prec: int | None) -> bytes:
    c = d.conv
    upper = c in "FEGA"
    negative = bool(bits >> 63)
    sign = "-" if negative else "+" if d.plus else " " if d.space else ""
    exponent = (bits >> 52) & 0x7FF
    if exponent == 0x7FF:
        body = "nan" if bits & ((1 << 52) - 1) else "inf"
        if upper:
            body = body.upper()
        return _field((sign + body).encode(), width, left)
    x = abs(struct.unpack("<d", bits.to_bytes(8, "little"))[0])
    zero = d.zero
    if c in "aA":
        mant, pexp = _hex_float(bits & ~(1 << 63), prec, d.alt, upper)
        prefix = (sign + mant[:2]).encode()
        return _number(prefix, (mant[2:] + pexp).encode(), width, left, zero)
    p = 6 if prec is None else prec
    alt = "#" if d.alt else ""
    if c in "fF":
        body = f"%{alt}.{p}f" % x
    elif c in "eE":
        body = f"%{alt}.{p}e" % x
    else:
        body = f"%{alt}.{p}g" % x
        if d.alt and x:
            body = _glibc_alt_g(x, p, body)
    if upper:
        body = body.upper()
    return _number(sign.encode(), body.encode(), width, left, zero)


def _wchar(v: int) -> bytes:
    if v < 0x80:
        return bytes([v])
    if v < 0x110000 and not 0xD800 <= v < 0xE000:
        return chr(v).encode("utf-8")
    return b"?"


def _literal(d: Directive, width: int, left: bool, prec: int | None, wide: bool) -> bytes:
    """An unknown directive printed back as glibc does (flags in a fixed order, the width and
    precision as numbers, no length modifier); unsupported wide strings keep theirs."""
    s = "%"
    if d.alt:
        s += "#"
    if d.group:
        s += "'"
    if d.plus:
        s += "+"
    elif d.space:
        s += " "
    if left:
        s += "-"
    if d.zero:
        s += "0"
    if d.i18n:
        s += "I"
    if width:
        s += str(width)
    if prec is not None:
        s += f".{prec}"
    if wide and d.conv == "s":
        s += d.length
    return s.encode("latin-1") + d.conv.encode("latin-1")


def _star(args: ArgReader, what: str) -> int:
    v = args.s32()
    if abs(v) > MAX_FIELD:
        raise LogError(f"{what} {v} from a '*' argument is too large (the host formats at "
                       f"most {MAX_FIELD})")
    return v


def format_printf(fmt: bytes, args: ArgReader) -> bytes:
    """Format as glibc's printf does with the DPU's type sizes (docs/log-format.md), reading
    the arguments from ``args``. ``fmt`` stops at its first NUL, if any."""
    nul = fmt.find(b"\0")
    if nul >= 0:
        fmt = fmt[:nul]
    out = bytearray()
    for piece in iter_format(fmt):
        if isinstance(piece, bytes):
            out += piece
            continue
        d = piece
        left = d.left
        width = 0
        if d.width == "*":
            width = _star(args, "width")
            if width < 0:
                left, width = True, -width
        elif d.width is not None:
            width = d.width
        prec: int | None
        if d.precision == "*":
            prec = _star(args, "precision")
            if prec < 0:
                prec = None
        else:
            prec = d.precision  # type: ignore[assignment]
        kind = d.kind
        if kind == "incomplete":
            break
        if kind == "percent":
            out += b"%"
        elif kind in ("int32", "uint32"):
            out += _format_int(d, args.u32(), 32, width, left, prec)
        elif kind in ("int64", "uint64"):
            out += _format_int(d, args.u64(), 64, width, left, prec)
        elif kind == "double":
            out += _format_double(d, args.u64(), width, left, prec)
        elif kind == "char":
            out += _field(bytes([args.u32() & 0xFF]), width, left)
        elif kind == "wchar":
            out += _field(_wchar(args.u32()), width, left)
        elif kind == "string":
            s = args.string()
            if s is None:
                s = b"(null)" if prec is None or prec >= 6 else b""
            if prec is not None:
                s = s[:prec]
            out += _field(s, width, left)
        elif kind == "pointer":
            out += _format_pointer(d, args.u32(), width, left, prec)
        elif kind == "store":
            args.u32()  # %n: the pointer is in the record, nothing is stored or printed
        elif kind == "wstring":
            args.u32()
            out += _literal(d, width, left, prec, True)
        else:
            out += _literal(d, width, left, prec, False)
    return bytes(out)


# ----------------------------------------------------------------------------- the log


def _c_string(wram: bytes, address: int) -> bytes:
    if not 0 <= address < len(wram):
        raise LogError(f"format string address 0x{address:x} is outside WRAM "
                       f"({len(wram)} bytes)")
    nul = wram.find(b"\0", address)
    if nul < 0:
        raise LogError(f"format string at WRAM 0x{address:x} has no NUL before WRAM ends")
    return wram[address:nul]


def decode_record(buffer: bytes, offset: int, wram: bytes) -> tuple[bytes, int]:
    """Format the record at ``offset``; returns (text, offset of the next record)."""
    if offset + HEADER_SIZE > len(buffer):
        raise LogError(f"record at offset {offset}: truncated header")
    size = int.from_bytes(buffer[offset:offset + 4], "little")
    word = int.from_bytes(buffer[offset + 4:offset + 8], "little")
    if size < HEADER_SIZE or size % 4:
        raise LogError(f"record at offset {offset}: bad size {size} (at least 8, a multiple "
                       "of 4)")
    end = offset + size
    if end > len(buffer):
        raise LogError(f"record at offset {offset}: its size {size} passes the end of the "
                       f"log ({len(buffer)} bytes)")
    pos = offset + HEADER_SIZE
    if word == INLINE_FORMAT:
        nul = buffer.find(b"\0", pos, end)
        if nul < 0:
            raise LogError(f"record at offset {offset}: the inline format has no NUL")
        fmt = buffer[pos:nul]
        pos = _align(nul + 1, 4)
        if pos > end:
            raise LogError(f"record at offset {offset}: the inline format's padding passes "
                           "the record's end")
    elif word & INLINE_FORMAT:
        raise LogError(f"record at offset {offset}: bad format word 0x{word:08x}")
    else:
        try:
            fmt = _c_string(wram, word)
        except LogError as e:
            raise LogError(f"record at offset {offset}: {e}") from None
    # The argument area is read from a view starting at the record, for 8-byte alignment.
    args = ArgReader(buffer, pos, end)
    try:
        text = format_printf(fmt, args)
    except LogError as e:
        raise LogError(f"record at offset {offset} (format {fmt[:60]!r}): {e}") from None
    if args.left():
        raise LogError(f"record at offset {offset} (format {fmt[:60]!r}): {args.left()} bytes "
                       "of arguments left over")
    return text, offset + _align(size, 8)


def decode_log(buffer: bytes, wram: bytes) -> bytes:
    """The text of the records in ``buffer`` (the used part of ``__stdout_buffer``, which
    starts 8-aligned), format strings read from ``wram``. Raises LogError, with the text
    decoded so far in ``partial``, on a malformed buffer."""
    out = bytearray()
    offset = 0
    buffer = bytes(buffer)
    while offset < len(buffer):
        try:
            text, offset = decode_record(buffer, offset, wram)
        except LogError as e:
            raise LogError(str(e), bytes(out)) from None
        out += text
    return bytes(out)


def read_log_bytes(sim: Simulator, dpu: int) -> bytes:
    """The formatted log of one DPU of ``sim`` as bytes; b"" if the program has no
    ``__stdout_buffer``."""
    from dpucore import memory

    program = sim.program
    if program is None or BUFFER_SYMBOL not in program.symbols:
        return b""
    buf = program.symbols[BUFFER_SYMBOL]
    state = program.symbols.get(STATE_SYMBOL)
    if state is None:
        raise LogError(f"{program.name} has {BUFFER_SYMBOL} but no {STATE_SYMBOL}")
    if buf.region != memory.MRAM or buf.address % 8:
        raise LogError(f"{BUFFER_SYMBOL} must be an 8-byte aligned MRAM symbol "
                       f"(it is at 0x{buf.address:08x})")
    if state.region != memory.WRAM or state.address % 4:
        raise LogError(f"{STATE_SYMBOL} must be a 4-byte aligned WRAM symbol "
                       f"(it is at 0x{state.address:08x})")
    used = int.from_bytes(sim.read(dpu, state.address, 4), "little")
    capacity = buf.size or (memory.MRAM_BASE + sim.model.mram_bytes - buf.address)
    if used % 8 or used > capacity:
        raise LogError(f"{STATE_SYMBOL} is {used}: not a multiple of 8 within the "
                       f"{capacity} bytes of {BUFFER_SYMBOL}")
    data = sim.read(dpu, buf.address, used) if used else b""
    wram = sim.read(dpu, memory.WRAM_BASE, sim.model.wram_bytes)
    return decode_log(data, wram)


def read_log(sim: Simulator, dpu: int) -> str:
    """The formatted log of one DPU as text (UTF-8, undecodable bytes replaced); "" if the
    program has no ``__stdout_buffer``."""
    return read_log_bytes(sim, dpu).decode("utf-8", "replace")


__all__ = ["BUFFER_SYMBOL", "INLINE_FORMAT", "STATE_SYMBOL", "ArgReader", "Directive",
           "LogError", "decode_log", "decode_record", "encode_record", "format_printf",
           "iter_format", "pack_args", "parse_directive", "read_log", "read_log_bytes"]
