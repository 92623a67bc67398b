"""Parameters and locals from DWARF ``.debug_info``, and their values shown as C would.

``dpucc -g`` describes each function's frame variables (``dpucc/backend/debugvars.py``):
``DW_TAG_subprogram`` with its entry and length, a frame base of ``DW_OP_call_frame_cfa`` (the
caller's r22, which the debugger's unwinder finds), and parameters and variables at
``DW_OP_fbreg`` offsets, with base, pointer, array, structure and union types.  This module reads
that with pyelftools into a small model and formats values the way gdb prints them: ``42``,
``65 'A'``, ``0x1f8``, ``{1, 2, 3}``, ``{x = 3, y = -4}``.  Descriptions it does not understand
(other producers' locations, types) are left out rather than shown wrong.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

from dpucore.dwarf import DwarfError, read_sleb128

DW_OP_addr = 0x03
DW_OP_fbreg = 0x91
DW_OP_call_frame_cfa = 0x9C
_MAX_ELEMENTS = 200  # elements of an array shown before "..."


@dataclass(frozen=True)
class CType:
    """A described type: ``kind`` is base, pointer, array, struct, union or opaque."""
    kind: str
    name: str = ""
    size: int = 0
    encoding: int = 0  # DW_ATE_* of a base type
    target: "CType | None" = None  # of a pointer or an array
    count: int = 0  # of an array
    members: tuple = ()  # of a struct or union: ((name, offset, CType), ...)

    def __str__(self) -> str:
        if self.kind == "pointer":
            inner = str(self.target) if self.target is not None else "void"
            return inner + (" *" if not inner.endswith("*") else "*")
        if self.kind == "array":
            return f"{self.target} [{self.count}]"
        if self.kind in ("struct", "union"):
            return f"{self.kind} {self.name or '{...}'}"
        return self.name or "?"

    @property
    def byte_size(self) -> int:
        if self.kind == "array":
            return (self.target.byte_size if self.target else 0) * self.count
        if self.kind == "pointer":
            return self.size or 4
        return self.size


@dataclass(frozen=True)
class Variable:
    name: str
    ctype: CType
    offset: int  # from the frame base (the CFA)
    parameter: bool
    line: int = 0


@dataclass
class FunctionVariables:
    name: str
    low: int  # first instruction (an IRAM index)
    high: int  # one past the last
    variables: list[Variable] = field(default_factory=list)


@dataclass(frozen=True)
class GlobalVariable:
    name: str
    ctype: CType
    address: int  # in the DPU's address map (WRAM, MRAM …)
    line: int = 0


def read_variables(elf_data: bytes) -> tuple[dict[int, FunctionVariables],
                                             dict[str, GlobalVariable]]:
    """Functions by their first instruction, and variables of file scope by name, from an
    executable's DWARF (empty without it, or when it cannot be read: variables are a comfort
    of debugging, never a reason to refuse a program)."""
    try:
        from elftools.common.exceptions import ELFError, DWARFError
        from elftools.elf.elffile import ELFFile
    except ImportError:  # pragma: no cover - a dependency of the project
        return {}
    try:
        f = ELFFile(io.BytesIO(elf_data))
        if f.get_section_by_name(".debug_info") is None:
            return {}, {}
        info = f.get_dwarf_info(relocate_dwarf_sections=False)
        out: dict[int, FunctionVariables] = {}
        globals_: dict[str, GlobalVariable] = {}
        for cu in info.iter_CUs():
            _read_unit(cu, out, globals_)
        return out, globals_
    except (ELFError, DWARFError, ValueError, KeyError, IndexError, AttributeError,
            TypeError, struct.error, AssertionError, DwarfError):
        return {}, {}


def _read_unit(cu, out: dict[int, FunctionVariables],
               globals_: dict[str, GlobalVariable]) -> None:
    types: dict[int, CType] = {}
    top = cu.get_top_DIE()
    for die in top.iter_children():
        if die.tag == "DW_TAG_variable":
            a = die.attributes
            loc = a.get("DW_AT_location")
            expr = list(loc.value) if loc is not None and isinstance(loc.value, (list, bytes)) \
                else []
            if len(expr) == 5 and expr[0] == DW_OP_addr and "DW_AT_type" in a \
                    and "DW_AT_name" in a:
                t = _type(cu, a["DW_AT_type"].value + cu.cu_offset, types, 0)
                name = _text(a["DW_AT_name"].value)
                if t is not None and name not in globals_:  # a static's twin in another unit
                    globals_[name] = GlobalVariable(
                        name, t, int.from_bytes(bytes(expr[1:]), "little"),
                        a["DW_AT_decl_line"].value if "DW_AT_decl_line" in a else 0)
            continue
        if die.tag != "DW_TAG_subprogram":
            continue
        a = die.attributes
        if "DW_AT_low_pc" not in a or "DW_AT_name" not in a:
            continue
        base = a.get("DW_AT_frame_base")
        if base is None or list(base.value) != [DW_OP_call_frame_cfa]:
            continue
        low = a["DW_AT_low_pc"].value
        high_attr = a.get("DW_AT_high_pc")
        high = low + 1
        if high_attr is not None:
            high = high_attr.value if high_attr.form == "DW_FORM_addr" else low + high_attr.value
        fn = FunctionVariables(_text(a["DW_AT_name"].value), low, high)
        for child in die.iter_children():
            if child.tag not in ("DW_TAG_formal_parameter", "DW_TAG_variable"):
                continue
            ca = child.attributes
            loc = ca.get("DW_AT_location")
            if loc is None or "DW_AT_type" not in ca or "DW_AT_name" not in ca:
                continue
            expr = list(loc.value) if isinstance(loc.value, (list, bytes)) else []
            if not expr or expr[0] != DW_OP_fbreg:
                continue
            offset, used = read_sleb128(bytes(expr), 1)
            if used != len(expr):
                continue
            t = _type(cu, ca["DW_AT_type"].value + cu.cu_offset, types, 0)
            if t is None:
                continue
            line = ca["DW_AT_decl_line"].value if "DW_AT_decl_line" in ca else 0
            fn.variables.append(Variable(_text(ca["DW_AT_name"].value), t, offset,
                                         child.tag == "DW_TAG_formal_parameter", line))
        out[low] = fn


def _text(v) -> str:
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def _type(cu, offset: int, types: dict[int, CType], depth: int) -> CType | None:
    if offset in types:
        return types[offset]
    if depth > 8:
        return CType("opaque", "...")
    die = cu.get_DIE_from_refaddr(offset)
    a = die.attributes
    name = _text(a["DW_AT_name"].value) if "DW_AT_name" in a else ""
    size = a["DW_AT_byte_size"].value if "DW_AT_byte_size" in a else 0

    def target() -> CType | None:
        if "DW_AT_type" not in a:
            return None
        return _type(cu, a["DW_AT_type"].value + cu.cu_offset, types, depth + 1)

    t: CType | None
    if die.tag == "DW_TAG_base_type":
        t = CType("base", name, size, a["DW_AT_encoding"].value if "DW_AT_encoding" in a else 0)
    elif die.tag == "DW_TAG_pointer_type":
        t = CType("pointer", "", size or 4, target=target())
    elif die.tag == "DW_TAG_array_type":
        count = 0
        for sub in die.iter_children():
            sa = sub.attributes
            if "DW_AT_count" in sa:
                count = sa["DW_AT_count"].value
            elif "DW_AT_upper_bound" in sa:
                count = sa["DW_AT_upper_bound"].value + 1
        elem = target()
        t = None if elem is None else CType("array", "", target=elem, count=count)
    elif die.tag in ("DW_TAG_structure_type", "DW_TAG_union_type"):
        kind = "struct" if die.tag == "DW_TAG_structure_type" else "union"
        if "DW_AT_declaration" in a:
            t = CType("opaque", f"{kind} {name}")
        else:
            members = []
            for m in die.iter_children():
                ma = m.attributes
                if m.tag != "DW_TAG_member" or "DW_AT_type" not in ma:
                    continue
                mt = _type(cu, ma["DW_AT_type"].value + cu.cu_offset, types, depth + 1)
                loc = ma.get("DW_AT_data_member_location")
                if mt is None or loc is None or not isinstance(loc.value, int):
                    continue
                members.append((_text(ma["DW_AT_name"].value) if "DW_AT_name" in ma else "",
                                loc.value, mt))
            t = CType(kind, name, size, members=tuple(members))
    else:
        t = CType("opaque", name or "?")
    types[offset] = t
    return t


# ----------------------------------------------------------------------------- values

_ATE_BOOL, _ATE_FLOAT, _ATE_SIGNED, _ATE_SIGNED_CHAR, _ATE_UNSIGNED, _ATE_UNSIGNED_CHAR = \
    0x02, 0x04, 0x05, 0x06, 0x08, 0x08


def format_value(t: CType, data: bytes) -> str:
    """``data`` (little-endian, ``t.byte_size`` bytes) shown as gdb shows a C value."""
    if t.kind == "base":
        return _base(t, data)
    if t.kind == "pointer":
        return f"0x{int.from_bytes(data[:t.byte_size], 'little'):x}"
    if t.kind == "array":
        elem = t.target
        n = elem.byte_size
        if n == 0:
            return "{}"
        if elem.kind == "base" and elem.size == 1 and "char" in elem.name:
            text = data[:t.count].split(b"\0", 1)[0]
            return '"' + "".join(_char(c) for c in text) + '"'
        shown = [format_value(elem, data[k * n:(k + 1) * n])
                 for k in range(min(t.count, _MAX_ELEMENTS))]
        return "{" + ", ".join(shown) + (", ..." if t.count > _MAX_ELEMENTS else "") + "}"
    if t.kind in ("struct", "union"):
        parts = [f"{name} = {format_value(mt, data[off:off + mt.byte_size])}"
                 for name, off, mt in t.members]
        return "{" + ", ".join(parts) + "}"
    return "<" + (t.name or "?") + ">"


def _base(t: CType, data: bytes) -> str:
    raw = data[:t.size]
    if len(raw) < t.size or t.size == 0:
        return "<unavailable>"
    if t.encoding == _ATE_FLOAT and t.size in (4, 8):
        value = struct.unpack("<f" if t.size == 4 else "<d", raw)[0]
        return repr(value) if value == value else "nan"
    if t.encoding == _ATE_BOOL:
        return "true" if any(raw) else "false"
    signed = t.encoding in (_ATE_SIGNED, _ATE_SIGNED_CHAR)
    value = int.from_bytes(raw, "little", signed=signed)
    if t.size == 1 and "char" in t.name:
        return f"{value} '{_char(value & 0xFF, quote=chr(39))}'"
    return str(value)


_ESCAPES = {7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r"}


def _char(c: int, quote: str = '"') -> str:
    """A byte inside a C literal, escaped as gdb does (octal for the unprintable)."""
    if c in (ord(quote), 0x5C):
        return "\\" + chr(c)
    if c in _ESCAPES:
        return "\\" + _ESCAPES[c]
    return chr(c) if 32 <= c < 127 else f"\\{c:03o}"


def parse_value(t: CType, text: str) -> bytes:
    """The bytes of ``text`` (a C constant) stored in a variable of type ``t``; ValueError when
    the type is not a scalar or the text is not a number."""
    if t.kind == "pointer":
        return (int(text.strip(), 0) & 0xFFFFFFFF).to_bytes(4, "little")
    if t.kind != "base":
        raise ValueError(f"cannot assign to a {t}")
    s = text.strip()
    if t.encoding == _ATE_FLOAT:
        return struct.pack("<f" if t.size == 4 else "<d", float(s))
    if t.encoding == _ATE_BOOL:
        return bytes([1 if s in ("true", "1") else 0]) + bytes(t.size - 1)
    if len(s) == 3 and s[0] == s[2] == "'":
        value = ord(s[1])
    else:
        value = int(s, 0)
    return (value & ((1 << (8 * t.size)) - 1)).to_bytes(t.size, "little")
