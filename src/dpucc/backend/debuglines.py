"""``-g``: the ``.file``/``.loc`` directives that give the assembler the source of each instruction.

One :class:`LineDirectives` serves a whole module, so that file numbers are shared by its
functions.  The code generator asks it for directives before each instruction; it answers only
when the location changes (the assembler's line table gives an instruction the row of the last
``.loc`` before it), and it declares a file with ``.file N "dir" "name"`` the first time a
location names it.
"""

from __future__ import annotations

import posixpath

from .irparse import SourceLoc


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class LineDirectives:
    def __init__(self) -> None:
        self.files: dict[tuple[str, str], int] = {}
        self.current: tuple[int, int, int] | None = None

    def start_function(self) -> None:
        """A function is a section of its own: its first instruction always gets a row."""
        self.current = None

    def at(self, loc: SourceLoc | None) -> list[str]:
        """Directives that put the next instruction at ``loc`` (None: where the last one was)."""
        if loc is None:
            return []
        out = []
        if posixpath.isabs(loc.name) or not loc.directory:
            key = (posixpath.dirname(loc.name), posixpath.basename(loc.name))
        else:
            key = (loc.directory, loc.name)
        number = self.files.get(key)
        if number is None:
            number = self.files[key] = len(self.files) + 1
            out.append(f".file {number} {_quoted(key[0])} {_quoted(key[1])}")
        here = (number, loc.line, loc.column)
        if here != self.current:
            self.current = here
            out.append(f".loc {number} {loc.line} {loc.column}")
        return out
