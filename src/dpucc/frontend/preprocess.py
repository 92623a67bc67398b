"""The C preprocessor of dpucc: pcpp with the DPU's predefined macros.

Two fixes over plain pcpp 1.30: its lexer does not know the ``LL``/``ULL`` integer suffixes
(``#if 1ULL << 40``), so a lexer with a wider integer rule replaces it; and errors come back as
:class:`~dpucore.diag.DiagnosticError` rather than text on stderr.  The output keeps ``#line``
markers, which the parser follows, so later diagnostics name the original file and line.
"""

from __future__ import annotations

import io
import os
import types

from pcpp import Preprocessor
from pcpp import parser as _pcpp_parser
from ply import lex

from dpuasm.preprocess import keep_main_file_name
from dpucore.diag import Diagnostic, DiagnosticError


def _cpp_integer(t):
    r'(((((0x)|(0X))[0-9a-fA-F]+)|(\d+))([uU](ll|LL|[lL])|(ll|LL|[lL])[uU]?|[uU])?)'
    return t


def _make_lexer():
    ns = types.ModuleType("dpucc_cpp_lexer")
    ns.__dict__.update({k: v for k, v in vars(_pcpp_parser).items()
                        if k.startswith(("t_", "tokens", "literals", "states"))})
    ns.t_CPP_INTEGER = _cpp_integer
    ns.__file__ = _pcpp_parser.__file__
    return lex.lex(module=ns, optimize=False, debug=False)


# Macros gcc predefines for a 32-bit target whose long is 64-bit (target.py), plus the DPU's.
PREDEFINED = {
    "__DPU__": "1", "DPU": "1", "__dpu__": "1",
    "__STDC__": "1", "__STDC_HOSTED__": "0",
    "__CHAR_BIT__": "8", "__SCHAR_MAX__": "127", "__SHRT_MAX__": "32767",
    "__INT_MAX__": "2147483647", "__LONG_MAX__": "9223372036854775807L",
    "__LONG_LONG_MAX__": "9223372036854775807LL", "__SIZE_MAX__": "4294967295U",
    "__PTRDIFF_MAX__": "2147483647", "__INTPTR_MAX__": "2147483647",
    "__UINTPTR_MAX__": "4294967295U",
    "__SIZEOF_SHORT__": "2", "__SIZEOF_INT__": "4", "__SIZEOF_LONG__": "8",
    "__SIZEOF_LONG_LONG__": "8", "__SIZEOF_POINTER__": "4", "__SIZEOF_FLOAT__": "4",
    "__SIZEOF_DOUBLE__": "8", "__SIZEOF_LONG_DOUBLE__": "8", "__SIZEOF_SIZE_T__": "4",
    "__SIZEOF_PTRDIFF_T__": "4", "__SIZEOF_WCHAR_T__": "4",
    "__SIZE_TYPE__": "unsigned int", "__PTRDIFF_TYPE__": "int", "__WCHAR_TYPE__": "int",
    "__INTPTR_TYPE__": "int", "__UINTPTR_TYPE__": "unsigned int",
    "__INT8_TYPE__": "signed char", "__INT16_TYPE__": "short", "__INT32_TYPE__": "int",
    "__INT64_TYPE__": "long long", "__UINT8_TYPE__": "unsigned char",
    "__UINT16_TYPE__": "unsigned short", "__UINT32_TYPE__": "unsigned int",
    "__UINT64_TYPE__": "unsigned long long", "__INTMAX_TYPE__": "long long",
    "__UINTMAX_TYPE__": "unsigned long long",
    "__ORDER_LITTLE_ENDIAN__": "1234", "__ORDER_BIG_ENDIAN__": "4321",
    "__BYTE_ORDER__": "__ORDER_LITTLE_ENDIAN__", "__ILP32__": "1",
    "__GNUC__": "4", "__GNUC_MINOR__": "2",
    "__OPTIMIZE__": "1",
    # the DPU attributes (RUNTIME_API.md); the front end understands them
    "__mram_ptr": "__attribute__((address_space(255)))",
    "__mram": "__attribute__((address_space(255), section(\".mram\"), aligned(8), used))",
    "__mram_noinit":
        "__attribute__((address_space(255), section(\".mram.noinit\"), aligned(8), used))",
    "__host": "__attribute__((section(\".dpu_host\"), aligned(8), used))",
    "__dma_aligned": "__attribute__((aligned(8)))",
    "__keep": "__attribute__((used))",
    "__noinline": "__attribute__((noinline))",
    "__weak": "__attribute__((weak))",
    "__section(s)": "__attribute__((section(s)))",
}
_STD_VERSION = {"c89": "199409L", "c90": "199409L", "gnu89": "199409L", "c99": "199901L",
                "gnu99": "199901L", "c11": "201112L", "gnu11": "201112L",
                "c17": "201710L", "gnu17": "201710L", "c18": "201710L"}


class _Pcpp(Preprocessor):
    def __init__(self) -> None:
        super().__init__(_make_lexer())
        self.opened: list[str] = []  # every file read, for make dependencies (-MD)
        self.diagnostics: list[Diagnostic] = []
        self.line_directive = "#line"
        self.compress = 0

    def on_error(self, file, line, msg):
        self.diagnostics.append(Diagnostic("error", str(msg), file, line))
        self.return_code += 1

    def on_include_not_found(self, is_malformed, is_system_include, curdir, includepath):
        d = self.lastdirective
        self.diagnostics.append(Diagnostic(
            "error", f"{includepath}: No such file or directory",
            d.source if d is not None else None, d.lineno if d is not None else None))
        raise _Stop()

    def on_comment(self, tok):
        return False

    def on_file_open(self, is_system_include, includepath):
        handle = super().on_file_open(is_system_include, includepath)  # raises when absent
        if includepath not in self.opened:
            self.opened.append(includepath)
        return handle

    def on_directive_unknown(self, directive, toks, ifpassthru, precedingtoks):
        if directive.value == "pragma":
            return None
        if directive.value == "error":  # pcpp only prints it: the compilation must fail
            text = "".join(t.value for t in toks).strip()
            self.diagnostics.append(Diagnostic("error", f"#error {text}", directive.source,
                                               directive.lineno))
            return True
        if directive.value in ("warning", "ident", "sccs"):
            return True  # swallow
        return super().on_directive_unknown(directive, toks, ifpassthru, precedingtoks)


class _Stop(Exception):
    pass


def preprocess_c(source: str, filename: str, *, include_dirs=(), defines=(), undefines=(),
                 std: str = "c11", dependencies: list[str] | None = None) -> str:
    """Preprocess C ``source`` as ``dpucc -E`` does; raises DiagnosticError.

    ``dependencies``, when given, receives every file the preprocessor read besides
    ``source`` (the headers a make dependency file lists), as the paths it opened them by.
    """
    p = _Pcpp()
    p.add_path(os.path.dirname(filename) or ".")
    for d in include_dirs:
        p.add_path(d)
    macros = dict(PREDEFINED)
    macros["__STDC_VERSION__"] = _STD_VERSION.get(std, "201112L")
    user = {}
    for d in defines:
        name, eq, value = d.partition("=")
        user[name] = value if eq else "1"
    if "NR_TASKLETS" not in user:
        macros["NR_TASKLETS"] = "1"
    macros["NR_THREADS"] = "NR_TASKLETS"
    macros.update(user)
    for name, value in macros.items():
        p.define(f"{name} {value}")
    for u in undefines:
        p.undef(u)
    out = io.StringIO()
    try:
        p.parse(source, source=filename)
        p.write(out)
    except _Stop:
        pass
    except (IndexError, KeyError, AttributeError, TypeError, ValueError) as e:
        # pcpp trips over some malformed directives; report where it was, as cpp would
        d = p.lastdirective
        p.diagnostics.append(Diagnostic(
            "error", f"malformed preprocessing directive ({type(e).__name__})",
            d.source if d is not None else filename, d.lineno if d is not None else None))
    if p.diagnostics:
        raise DiagnosticError(p.diagnostics)
    if dependencies is not None:
        dependencies.extend(os.path.normpath(f) for f in p.opened)
    return keep_main_file_name(out.getvalue(), filename)
