"""What the toolchain's interactive shells add around a library that gives each line its meaning.

dpukconfig's shell and dpushell are both a :class:`cmd.Cmd` over an object that applies a line
and completes a partial one.  At a terminal they offer the same things, written here once: Tab
completion of whole words (so ``0..15``, ``dir/file.json`` or ``file.c:45`` are one word, and a
completed word is followed by a space unless it goes on, as a directory does), a readline history
file kept between sessions, and Ctrl-C that drops the line being typed instead of the session.
Each shell's ``onecmd`` gives every line, the empty one and end of input (``EOF``) included,
its meaning.
"""

from __future__ import annotations

import cmd
import os
import sys
from collections.abc import Iterable
from typing import TextIO

HISTORY_LENGTH = 1000


def history_path(env: str, name: str) -> str | None:
    """Where a shell's history is kept: ``$env`` if it is set (empty turns history off, as the
    tests do), else ``~/name``; None when off."""
    path = os.environ.get(env)
    if path is None:
        return os.path.join(os.path.expanduser("~"), name)
    return path or None


def whole_words(candidates: Iterable[str], going_on: tuple[str, ...] = ("/",)) -> list[str]:
    """Completions as readline inserts them: each followed by a space, so the next word can be
    typed at once, except those ending with one of ``going_on`` (a directory goes on with a
    name)."""
    return [c if c.endswith(going_on) else c + " " for c in candidates]


class LineShell(cmd.Cmd):
    """A :class:`cmd.Cmd` whose subclass gives ``onecmd`` (a line's meaning) and
    ``completions(line, endidx)`` (what readline offers for the word ending at ``endidx``)."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None,
                 stderr: TextIO | None = None):
        super().__init__(stdin=stdin, stdout=stdout)
        self.stderr = stderr if stderr is not None else sys.stderr
        self.completion_matches: list[str] = []

    def completions(self, line: str, endidx: int) -> list[str]:
        raise NotImplementedError

    def emptyline(self) -> bool:
        """What cmd.Cmd's own onecmd does with an empty line: nothing (it would repeat the
        previous line, surprising after one that runs something)."""
        return False

    def complete(self, text: str, state: int) -> str | None:
        """readline's completer: whole words, as the word delimiters are only blanks (set in
        :meth:`preloop`)."""
        if state == 0:
            import readline

            self.completion_matches = self.completions(readline.get_line_buffer(),
                                                       readline.get_endidx())
        try:
            return self.completion_matches[state]
        except IndexError:
            return None

    def preloop(self) -> None:
        try:
            import readline
        except ImportError:  # no readline: plain input() still works
            return
        readline.set_completer_delims(" \t\n")


def _history(path: str | None, write: bool) -> None:
    if not path:
        return
    try:
        import readline

        if write:
            readline.write_history_file(path)
        else:
            readline.set_history_length(HISTORY_LENGTH)
            readline.read_history_file(path)
    except (ImportError, OSError):
        pass  # no readline, no history yet, or a read-only home: not an error


def interact(shell: cmd.Cmd, intro: str, history: str | None = None) -> None:
    """Run ``shell`` on the terminal until it stops (``quit``, end of input); Ctrl-C drops the
    line being typed and prompts again.  The history file is read first and written at the
    end."""
    _history(history, write=False)
    try:
        while True:
            try:
                shell.cmdloop(intro)
                return
            except KeyboardInterrupt:
                shell.stdout.write("^C\n")
                intro = ""
    finally:
        _history(history, write=True)
