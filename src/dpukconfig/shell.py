"""The interactive dpukconfig shell: a :class:`cmd.Cmd` front over a :class:`Session`.

Everything a line means is the session's business; the shell only adds what a terminal offers:
a prompt, tab completion (through :meth:`Session.complete`), readline history and Ctrl-C that
abandons the line instead of the session.  Saves are written at once, as the user asks for them.
"""

from __future__ import annotations

import cmd
import os
import sys
from typing import TextIO

from dpucore import __version__

from .directives import DirectiveError, Session

PROMPT = "dpukconfig> "
HISTORY_ENV = "DPUKCONFIG_HISTORY"  # a path; empty turns history off (the tests do)
HISTORY_LENGTH = 1000


def history_path() -> str | None:
    """Where history is kept: $DPUKCONFIG_HISTORY, else ~/.dpukconfig_history; None if off."""
    path = os.environ.get(HISTORY_ENV)
    if path is None:
        return os.path.join(os.path.expanduser("~"), ".dpukconfig_history")
    return path or None


class Shell(cmd.Cmd):
    """Reads directives at a prompt and applies them; errors are reported and the shell goes on."""

    prompt = PROMPT
    intro = (f"dpukconfig {__version__}: describe a DPU program's runtime configuration.\n"
             "Type 'help' for the directives, 'quit' (or Ctrl-D) to leave.")

    def __init__(self, session: Session | None = None, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, stderr: TextIO | None = None):
        super().__init__(stdin=stdin, stdout=stdout)
        self.session = session if session is not None else Session()
        self.stderr = stderr if stderr is not None else sys.stderr
        self.completion_matches: list[str] = []

    # ---------------------------------------------------------------- one line

    def onecmd(self, line: str) -> bool:
        """Apply one line; True when the shell should stop (``quit`` or end of input)."""
        if line == "EOF":  # what cmd.Cmd passes for Ctrl-D / end of input
            self.stdout.write("\n")
            return True
        try:
            out = self.session.apply(line)
        except DirectiveError as e:
            print(e.render(), file=self.stderr)
            self.stderr.flush()
            return False
        if out:
            print(out, file=self.stdout)
        return self.session.finished

    def emptyline(self) -> bool:
        """An empty line does nothing (cmd.Cmd would repeat the previous directive)."""
        return False

    # ---------------------------------------------------------------- completion

    def completions(self, line: str, endidx: int) -> list[str]:
        """What readline offers for the word ending at ``endidx``: whole words followed by a space
        (so the next word can be typed at once), except directories, which go on with a name."""
        return [c if c.endswith("/") else c + " " for c in self.session.complete(line[:endidx])]

    def complete(self, text: str, state: int) -> str | None:
        """readline's completer: whole words are completed, so word delimiters are only blanks
        (set in :meth:`preloop`); ``0..15`` or ``dir/file.json`` are one word."""
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


def _read_history(path: str | None) -> None:
    if not path:
        return
    try:
        import readline

        readline.set_history_length(HISTORY_LENGTH)
        readline.read_history_file(path)
    except (ImportError, OSError):
        pass


def _write_history(path: str | None) -> None:
    """Keep the history if the file can be written; a read-only home is not an error."""
    if not path:
        return
    try:
        import readline

        readline.write_history_file(path)
    except (ImportError, OSError):
        pass


def interact(session: Session, history: str | None = None) -> None:
    """Run the shell on the terminal until ``quit`` or end of input; Ctrl-C drops the line."""
    shell = Shell(session)
    intro = shell.intro
    _read_history(history)
    try:
        while True:
            try:
                shell.cmdloop(intro)
                return
            except KeyboardInterrupt:
                shell.stdout.write("^C\n")
                intro = ""
    finally:
        _write_history(history)
