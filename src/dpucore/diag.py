"""Diagnostics: ``file:line:col: error|warning: message``, the source line and a caret.

One type for every tool.  Libraries raise :class:`DiagnosticError` (or collect
:class:`Diagnostic` objects); only command-line layers print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error", "warning" or "note"
    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based
    source: str | None = None  # the text of the line, for the caret display
    length: int = 1  # characters to underline

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def render(self, color: bool = False) -> str:
        sev = self.severity
        if color:
            code = {"error": "1;31", "warning": "1;35", "note": "1;36"}.get(sev, "1")
            head = f"\x1b[1m{self.location()}:\x1b[0m \x1b[{code}m{sev}:\x1b[0m {self.message}"
        else:
            head = f"{self.location()}: {sev}: {self.message}"
        if self.source is None or self.col is None:
            return head
        src = self.source.rstrip("\n").expandtabs(1)
        caret = " " * (self.col - 1) + "^" + "~" * max(0, self.length - 1)
        if color:
            caret = f"\x1b[1;32m{caret}\x1b[0m"
        return f"{head}\n {src}\n {caret}"

    def __str__(self) -> str:
        return self.render()


class DiagnosticError(Exception):
    """One or more diagnostics (at least one an error) that stop a tool."""

    def __init__(self, diagnostics: "list[Diagnostic] | Diagnostic"):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


def error(message: str, file: str | None = None, line: int | None = None,
          col: int | None = None, source: str | None = None, length: int = 1) -> DiagnosticError:
    """Shorthand for a DiagnosticError holding one error."""
    return DiagnosticError(Diagnostic("error", message, file, line, col, source, length))


@dataclass
class Collector:
    """Gathers diagnostics while a tool keeps going, to report them all at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    limit: int = 50

    def add(self, d: Diagnostic) -> None:
        self.diagnostics.append(d)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    def check(self) -> None:
        """Raise when anything so far was an error."""
        if self.errors:
            raise DiagnosticError(self.diagnostics)
