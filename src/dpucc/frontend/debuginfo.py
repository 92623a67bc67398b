"""``-g``: source locations carried through LLVM as debug metadata, for DWARF line tables.

The front end attaches a ``DILocation`` (line, column, scope) to every instruction it builds, so
LLVM's passes keep, move, merge and inline locations the way they do for clang's line-tables-only
mode; the back end reads them from the optimised module and turns them into ``.file``/``.loc``
directives, from which the assembler builds ``.debug_line``.  The compile unit is marked
``LineTablesOnly``: there are no variables or types to describe.

Files are named as the preprocessor reports them (the main file as given on the command line,
headers by the path they were opened by), each with the compilation directory as its
``directory``, as clang records them; the back end joins the two only for relative names, so the
compilation directory is the one trace of the working directory in the output, as gcc records it
in ``DW_AT_comp_dir`` and in the line table's directory 0.

Debug metadata must never change the code: locations are attached to instructions only, never
as values or calls (no ``llvm.dbg.*`` intrinsics), so every pass sees the same instructions.
"""

from __future__ import annotations

import json
from typing import Sequence

from llvmlite import ir

I32 = ir.IntType(32)

_MAX_COLUMN = 0xFFFF  # DILocation keeps 16 bits of column; a longer line gets no column


class DebugInfo:
    """The metadata of one module: files, the compile unit, one subprogram per function, and
    locations (cached, since every instruction asks for one)."""

    def __init__(self, module: ir.Module, filename: str, comp_dir: str,
                 prefix_map: Sequence[tuple[str, str]] = ()):
        self.module = module
        self.prefix_map = list(prefix_map)
        self.comp_dir = self.remap(comp_dir)
        self._files: dict[str, ir.DIValue] = {}
        self._scopes: dict[tuple[int, str], ir.DIValue] = {}
        self._locations: dict[tuple[int, int, int], ir.DIValue] = {}
        self.cu = module.add_debug_info("DICompileUnit", {
            "language": ir.DIToken("DW_LANG_C99"),
            "file": self.file(filename),
            "producer": "dpucc",
            "runtimeVersion": 0,
            "emissionKind": ir.DIToken("LineTablesOnly"),
        }, is_distinct=True)
        module.add_named_metadata("llvm.dbg.cu", self.cu)
        # Without "Debug Info Version", LLVM strips every location when it reads the module.
        flags = module.add_named_metadata("llvm.module.flags")
        flags.add(module.add_metadata([ir.Constant(I32, 7), "Dwarf Version", ir.Constant(I32, 4)]))
        flags.add(module.add_metadata([ir.Constant(I32, 2), "Debug Info Version",
                                       ir.Constant(I32, 3)]))
        self._no_types = module.add_debug_info("DISubroutineType",
                                               {"types": module.add_metadata([])})
        self.subprogram: ir.DIValue | None = None  # of the function being generated
        self._sp_file: str | None = None
        self._vars: dict[str, list[dict]] = {}  # function -> its variables (see variable())

    def file(self, name: str) -> ir.DIValue:
        f = self._files.get(name)
        if f is None:
            f = self.module.add_debug_info("DIFile", {"filename": self.remap(name),
                                                      "directory": self.comp_dir})
            self._files[name] = f
        return f

    def remap(self, path: str) -> str:
        """``-fdebug-prefix-map``: as gcc, the last matching ``old`` prefix is replaced."""
        for old, new in reversed(self.prefix_map):
            if path == old or path.startswith(old.rstrip("/") + "/"):
                return new + path[len(old):]
        return path

    def begin_function(self, fn: ir.Function, name: str, coord, scope_coord,
                       local: bool) -> None:
        """Give ``fn`` its subprogram: declared at ``coord``, its body opening at
        ``scope_coord`` (the line of ``{``, where the prologue's code is reported)."""
        flags = "DISPFlagDefinition" + (" | DISPFlagLocalToUnit" if local else "")
        self._sp_file = coord.file
        self.subprogram = self.module.add_debug_info("DISubprogram", {
            "name": name,
            "scope": self.file(coord.file),
            "file": self.file(coord.file),
            "line": coord.line,
            "type": self._no_types,
            "scopeLine": scope_coord.line if scope_coord is not None else coord.line,
            "spFlags": ir.DIToken(flags),
            "unit": self.cu,
        }, is_distinct=True)
        fn.set_metadata("dbg", self.subprogram)

    def variable(self, function: str, alloca: str, name: str, ctype, line: int,
                 parameter: bool = False) -> None:
        """A C variable of ``function`` stored in the alloca named ``alloca``."""
        self._vars.setdefault(function, []).append(
            {"alloca": alloca, "name": name, "line": line, "param": parameter,
             "type": describe_type(ctype)})

    def global_variable(self, symbol: str, name: str, ctype, line: int) -> None:
        """A C variable of file scope (its LLVM name ``symbol``), under the key ``""``."""
        self._vars.setdefault("", []).append(
            {"symbol": symbol, "name": name, "line": line, "type": describe_type(ctype)})

    def finish(self) -> None:
        """Write the variables into the module (once every function is generated)."""
        if self._vars:
            text = json.dumps(self._vars, sort_keys=True, separators=(",", ":"))
            self.module.add_named_metadata("dpu.vars", [text])

    def end_function(self) -> None:
        self.subprogram = None
        self._sp_file = None

    def location(self, file: str, line: int, column: int) -> ir.DIValue | None:
        """The location in the current function of a source position (None outside one)."""
        sp = self.subprogram
        if sp is None:
            return None
        scope = sp
        if file != self._sp_file:
            # Code from another file inside this function (an #include in a body): the
            # location's file is its scope's, so the scope is a block naming that file.
            key = (id(sp), file)
            scope = self._scopes.get(key)
            if scope is None:
                scope = self.module.add_debug_info("DILexicalBlockFile", {
                    "scope": sp, "file": self.file(file), "discriminator": 0})
                self._scopes[key] = scope
        column = column if 0 < column <= _MAX_COLUMN else 0
        key = (id(scope), line, column)
        loc = self._locations.get(key)
        if loc is None:
            loc = self.module.add_debug_info("DILocation", {"line": line, "column": column,
                                                            "scope": scope})
            self._locations[key] = loc
        return loc

    def at(self, node, default: ir.DIValue | None) -> ir.DIValue | None:
        """The location of a pycparser node, or ``default`` for a node without a position."""
        coord = getattr(node, "coord", None)
        if coord is None or not coord.line or self.subprogram is None:
            return default
        return self.location(coord.file, coord.line, coord.column or 0)


def describe_type(t, depth: int = 0) -> dict:
    """A C type as JSON for the back end's DWARF: ``k`` is the kind (``int``, ``float``,
    ``ptr``, ``array``, ``struct``, ``union``, ``void``, ``func``); pointers describe their target
    shallowly (a struct by its name only), so recursive types end."""
    t = t.unqual()
    if t.is_int:
        return {"k": "int", "n": t.name, "s": t.size, "signed": bool(t.signed),
                "bool": bool(getattr(t, "boolean", False))}
    if t.is_float:
        return {"k": "float", "n": t.name, "s": t.size}
    if t.is_ptr:
        to = t.to
        if depth > 0 or to.unqual().is_struct or to.unqual().is_func:
            inner = {"k": "opaque", "n": str(to.unqual())}
        else:
            inner = describe_type(to, depth + 1)
        return {"k": "ptr", "s": t.size, "to": inner}
    if t.is_array:
        return {"k": "array", "n": str(t), "count": t.n or 0, "of": describe_type(t.elem, depth)}
    if t.is_struct:
        kind = "union" if t.union else "struct"
        members = []
        if depth < 4:
            for f in t.fields:
                if f.name is None or f.bits is not None:
                    continue  # anonymous members and bit-fields are not described
                members.append([f.name, f.offset, describe_type(f.type, depth + 1)])
        return {"k": kind, "n": t.tag or "", "s": t.size, "members": members}
    if t.is_void:
        return {"k": "void", "n": "void"}
    return {"k": "opaque", "n": str(t)}
