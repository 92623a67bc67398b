"""``-g``: ``.debug_info`` for the variables that live in a function's frame.

The front end records each C parameter and local kept in an ``alloca`` with its type
(``!dpu.vars``, see ``frontend/debuginfo.py``); the code generator knows where each surviving
alloca sits in its frame.  This module writes both down as DWARF 4 for the debugger: one compile
unit per object, one ``DW_TAG_subprogram`` per function (its entry and length in instructions,
relocated by the assembler and the linker), the variables of file scope (``DW_OP_addr``), and
under each function ``DW_TAG_formal_parameter`` and
``DW_TAG_variable`` entries located with ``DW_OP_fbreg`` from a frame base of
``DW_OP_call_frame_cfa``: the caller's r22, which is the base B of the callee's frame (see
``codegen``), whatever the callee has done to r22 since.  Types are base types, pointers, arrays,
structures and unions; a pointer's target is described by name only.

The bytes are built here, so that DIE references are plain offsets; only the abbreviation offset
and the functions' addresses are left to relocations (``.long`` of a label).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from dpucore.dwarf import sleb128, uleb128

# tags, attributes, forms and operations of DWARF 4 used below
_TAG = {"compile_unit": 0x11, "subprogram": 0x2E, "formal_parameter": 0x05,
        "variable": 0x34, "base_type": 0x24, "pointer_type": 0x0F, "array_type": 0x01,
        "subrange_type": 0x21, "structure_type": 0x13, "union_type": 0x17, "member": 0x0D}
_AT = {"name": 0x03, "producer": 0x25, "language": 0x13, "comp_dir": 0x1B, "low_pc": 0x11,
       "high_pc": 0x12, "frame_base": 0x40, "type": 0x49, "location": 0x02, "decl_line": 0x3B,
       "encoding": 0x3E, "byte_size": 0x0B, "count": 0x37, "data_member_location": 0x38,
       "declaration": 0x3C, "external": 0x3F}
_FORM = {"addr": 0x01, "data1": 0x0B, "data2": 0x05, "data4": 0x06, "string": 0x08,
         "ref4": 0x13, "exprloc": 0x18, "flag_present": 0x19}
DW_LANG_C99 = 0x0C
DW_OP_addr = 0x03
DW_OP_fbreg = 0x91
DW_OP_call_frame_cfa = 0x9C
_ATE = {"bool": 0x02, "float": 0x04, "signed": 0x05, "signed_char": 0x06, "unsigned": 0x08,
        "unsigned_char": 0x08}

# code -> (tag, has children, [(attribute, form)])
_ABBREVS = {
    1: ("compile_unit", True, [("producer", "string"), ("language", "data2"),
                               ("name", "string"), ("comp_dir", "string")]),
    2: ("subprogram", True, [("name", "string"), ("low_pc", "addr"), ("high_pc", "data4"),
                             ("frame_base", "exprloc")]),
    3: ("formal_parameter", False, [("name", "string"), ("decl_line", "data4"),
                                    ("type", "ref4"), ("location", "exprloc")]),
    4: ("variable", False, [("name", "string"), ("decl_line", "data4"), ("type", "ref4"),
                            ("location", "exprloc")]),
    5: ("base_type", False, [("name", "string"), ("encoding", "data1"), ("byte_size", "data1")]),
    6: ("pointer_type", False, [("byte_size", "data1"), ("type", "ref4")]),
    7: ("pointer_type", False, [("byte_size", "data1")]),  # void *
    8: ("array_type", True, [("type", "ref4")]),
    9: ("subrange_type", False, [("count", "data4")]),
    10: ("structure_type", True, [("name", "string"), ("byte_size", "data4")]),
    11: ("union_type", True, [("name", "string"), ("byte_size", "data4")]),
    12: ("member", False, [("name", "string"), ("type", "ref4"),
                           ("data_member_location", "data4")]),
    13: ("structure_type", False, [("name", "string"), ("declaration", "flag_present")]),
    14: ("variable", False, [("name", "string"), ("decl_line", "data4"), ("type", "ref4"),
                             ("location", "exprloc")]),  # of file scope: DW_OP_addr
}


def _string(text: str) -> bytes:
    return text.encode("utf-8", "replace").replace(b"\0", b"?") + b"\0"


def abbrev_table() -> bytes:
    out = bytearray()
    for code, (tag, children, attrs) in _ABBREVS.items():
        out += uleb128(code) + uleb128(_TAG[tag]) + bytes([1 if children else 0])
        for at, form in attrs:
            out += uleb128(_AT[at]) + uleb128(_FORM[form])
        out += b"\0\0"
    return bytes(out + b"\0")


@dataclass
class FunctionVars:
    """A function's described variables: (front-end record, offset from the frame base)."""
    symbol: str  # the assembler's name of the function
    name: str  # its C name
    end_label: str  # a label just after its last instruction
    variables: list[tuple[dict, int]] = field(default_factory=list)


class _Unit:
    """The bytes of one compile unit, with the places of the words to relocate."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.relocs: list[tuple[int, str]] = []  # (offset in the unit's bytes, .long expression)
        self.types: dict[str, int] = {}  # a type's JSON -> the offset of its DIE

    def word(self, expression: str) -> None:
        self.relocs.append((len(self.buf), expression))
        self.buf += b"\0\0\0\0"

    def type_die(self, t: dict) -> int:
        """The offset (from the unit's start) of the DIE of ``t``, written on first use."""
        key = json.dumps(t, sort_keys=True)
        if key in self.types:
            return self.types[key]
        k = t.get("k")
        b = self.buf
        # members and elements first, so that this DIE's children follow it directly
        if k == "array":
            self.type_die(t["of"])
        elif k in ("struct", "union"):
            for _, _, mt in t.get("members", []):
                self.type_die(mt)
        elif k == "ptr" and t["to"].get("k") not in ("void", None):
            self.type_die(t["to"])
        here = _HEADER + len(b)
        self.types[key] = here
        if k == "int":
            if t.get("bool"):
                enc = _ATE["bool"]
            elif t["s"] == 1 and "char" in t.get("n", ""):
                enc = _ATE["signed_char" if t.get("signed") else "unsigned_char"]
            else:
                enc = _ATE["signed" if t.get("signed") else "unsigned"]
            b += uleb128(5) + _string(t.get("n", "int")) + bytes([enc, t["s"] & 0xFF])
        elif k == "float":
            b += uleb128(5) + _string(t.get("n", "float")) + bytes([_ATE["float"], t["s"]])
        elif k == "ptr":
            if t["to"].get("k") == "void":
                b += uleb128(7) + bytes([t.get("s", 4)])
            else:
                b += uleb128(6) + bytes([t.get("s", 4)])
                b += self.types[json.dumps(t["to"], sort_keys=True)].to_bytes(4, "little")
        elif k == "array":
            b += uleb128(8) + self.types[json.dumps(t["of"], sort_keys=True)].to_bytes(4, "little")
            b += uleb128(9) + int(t.get("count", 0)).to_bytes(4, "little") + b"\0"
        elif k in ("struct", "union"):
            b += uleb128(10 if k == "struct" else 11) + _string(t.get("n", "")) + \
                int(t.get("s", 0)).to_bytes(4, "little")
            for name, off, mt in t.get("members", []):
                b += uleb128(12) + _string(name) + \
                    self.types[json.dumps(mt, sort_keys=True)].to_bytes(4, "little") + \
                    int(off).to_bytes(4, "little")
            b += b"\0"
        else:  # void, opaque targets, functions: a declaration by name
            b += uleb128(13) + _string(t.get("n", "?"))
        return here


_HEADER = 11  # unit_length (4), version (2), debug_abbrev_offset (4), address_size (1)


def debug_info_asm(functions: list[FunctionVars], source_name: str, comp_dir: str,
                   globals_: list[tuple[dict, str]] = ()) -> list[str]:
    """``.debug_abbrev`` and ``.debug_info`` sections, as assembly, for ``functions`` and the
    variables of file scope ``globals_`` ((front-end record, assembler symbol))."""
    if not functions and not globals_:
        return []
    u = _Unit()
    b = u.buf
    b += uleb128(1) + _string("dpucc") + DW_LANG_C99.to_bytes(2, "little") + \
        _string(source_name) + _string(comp_dir)
    # types first, then the subprograms that refer to them
    for fn in functions:
        for var, _ in fn.variables:
            u.type_die(var["type"])
    for var, _ in globals_:
        u.type_die(var["type"])
    for var, symbol in globals_:
        b += uleb128(14) + _string(var["name"]) + int(var.get("line", 0)).to_bytes(4, "little")
        b += u.types[json.dumps(var["type"], sort_keys=True)].to_bytes(4, "little")
        b += uleb128(5) + bytes([DW_OP_addr])
        u.word(symbol)
    for fn in functions:
        b += uleb128(2) + _string(fn.name)
        u.word(fn.symbol)
        u.word(f"{fn.end_label} - {fn.symbol}")
        b += uleb128(1) + bytes([DW_OP_call_frame_cfa])
        for var, offset in fn.variables:
            b += uleb128(3 if var.get("param") else 4) + _string(var["name"]) + \
                int(var.get("line", 0)).to_bytes(4, "little")
            b += u.types[json.dumps(var["type"], sort_keys=True)].to_bytes(4, "little")
            expr = bytes([DW_OP_fbreg]) + sleb128(offset)
            b += uleb128(len(expr)) + expr
        b += b"\0"
    b += b"\0"  # the compile unit's children end
    length = _HEADER - 4 + len(b)
    out = ['\t.section .debug_abbrev,"",@progbits', ".Ldpu_debug_abbrev:"]
    out += _bytes_lines(abbrev_table())
    out += ['\t.section .debug_info,"",@progbits', f"\t.long {length}", "\t.short 4",
            "\t.long .Ldpu_debug_abbrev", "\t.byte 4"]
    pos = 0
    for at, expression in u.relocs:
        out += _bytes_lines(bytes(b[pos:at]))
        out.append(f"\t.long {expression}")
        pos = at + 4
    out += _bytes_lines(bytes(b[pos:]))
    out.append("")
    return out


def _bytes_lines(data: bytes) -> list[str]:
    return [f"\t.byte {', '.join(str(x) for x in data[k:k + 16])}"
            for k in range(0, len(data), 16)]
