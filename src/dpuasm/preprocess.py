"""The C preprocessor for ``.S`` files (pcpp), with errors as diagnostics.

pcpp keeps ``#line`` markers in its output, which the assembler follows, so diagnostics about
preprocessed assembly point at the original file and line.
"""

from __future__ import annotations

import io
import os
import re

from pcpp import Preprocessor

from dpucore.diag import Diagnostic, DiagnosticError


class _Pcpp(Preprocessor):
    def __init__(self) -> None:
        super().__init__()
        self.diagnostics: list[Diagnostic] = []
        self.line_directive = "#line"
        self.compress = 0

    def on_error(self, file, line, msg):  # noqa: D401 - pcpp callback
        self.diagnostics.append(Diagnostic("error", str(msg), file, line))
        self.return_code += 1

    def on_include_not_found(self, is_malformed, is_system_include, curdir, includepath):
        self.diagnostics.append(Diagnostic(
            "error", f"'{includepath}' file not found", self.lastdirective.source
            if self.lastdirective is not None else None,
            self.lastdirective.lineno if self.lastdirective is not None else None))
        raise _Stop()

    def on_comment(self, tok):
        return False  # drop comments, as cpp does


class _Stop(Exception):
    pass


def preprocess(text: str, filename: str, include_dirs: list[str] = (),
               defines: list[str] = (), undefines: list[str] = ()) -> str:
    """Preprocess ``text`` as cpp would for a ``.S`` file; raises DiagnosticError."""
    p = _Pcpp()
    p.add_path(os.path.dirname(filename) or ".")
    for d in include_dirs:
        p.add_path(d)
    p.define("__DPU__ 1")
    p.define("__ASSEMBLER__ 1")
    for d in defines:
        name, _, value = d.partition("=")
        p.define(f"{name} {value or '1'}")
    for u in undefines:
        p.undef(u)
    out = io.StringIO()
    try:
        p.parse(text, source=filename)
        p.write(out)
    except _Stop:
        pass
    if p.diagnostics:
        raise DiagnosticError(p.diagnostics)
    return keep_main_file_name(out.getvalue(), filename)


def keep_main_file_name(text: str, filename: str) -> str:
    """pcpp names the main file in its ``#line`` markers by a path relative to the working
    directory; put back the name the user gave, as cpp does."""
    here = os.path.abspath(filename)

    def marker(m: re.Match) -> str:
        path = m.group(2)
        same = os.path.abspath(path) == here
        return f'{m.group(1)}"{filename if same else path}"'

    return re.sub(r'^(#line \d+ )"([^"]*)"', marker, text, flags=re.M)
