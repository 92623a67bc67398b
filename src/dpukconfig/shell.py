"""The interactive dpukconfig shell: a :class:`cmd.Cmd` front over a :class:`Session`.

Everything a line means is the session's business; the shell only adds what a terminal offers:
a prompt, tab completion (through :meth:`Session.complete`), readline history and Ctrl-C that
abandons the line instead of the session.  Saves are written at once, as the user asks for them.
"""

from __future__ import annotations

import sys
from typing import TextIO

from dpucore import __version__, terminal

from .directives import DirectiveError, Session

PROMPT = "dpukconfig> "
HISTORY_ENV = "DPUKCONFIG_HISTORY"  # a path; empty turns history off (the tests do)


def history_path() -> str | None:
    """Where history is kept: $DPUKCONFIG_HISTORY, else ~/.dpukconfig_history; None if off."""
    return terminal.history_path(HISTORY_ENV, ".dpukconfig_history")


class Shell(terminal.LineShell):
    """Reads directives at a prompt and applies them; errors are reported and the shell goes on."""

    prompt = PROMPT
    intro = (f"dpukconfig {__version__}: describe a DPU program's runtime configuration.\n"
             "Type 'help' for the directives, 'quit' (or Ctrl-D) to leave.")

    def __init__(self, session: Session | None = None, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, stderr: TextIO | None = None):
        super().__init__(stdin=stdin, stdout=stdout, stderr=stderr)
        self.session = session if session is not None else Session()

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

    def completions(self, line: str, endidx: int) -> list[str]:
        """What readline offers for the word ending at ``endidx`` (a directory goes on)."""
        return terminal.whole_words(self.session.complete(line[:endidx]))


def interact(session: Session, history: str | None = None) -> None:
    """Run the shell on the terminal until ``quit`` or end of input; Ctrl-C drops the line."""
    shell = Shell(session)
    terminal.interact(shell, shell.intro, history)
