"""dpushell at a terminal: a :class:`cmd.Cmd` over a :class:`~.commands.Shell`.

The shell gives every line its meaning; this front only adds what a terminal offers: a prompt,
Tab completion of commands, symbols, source files and paths (through
:meth:`Shell.complete`), a readline history file, and Ctrl-C that drops the line being typed
(or, while the DPUs run, interrupts them) instead of ending the session.  An error is said
on the error stream and the session goes on.
"""

from __future__ import annotations

import cmd
import os
import sys
from typing import TextIO

from dpucore import __version__

from .commands import Shell, ShellError

PROMPT = "dpushell> "
HISTORY_ENV = "DPUSHELL_HISTORY"  # a path; empty turns history off (the tests do)
HISTORY_LENGTH = 1000


def history_path() -> str | None:
    """Where history is kept: $DPUSHELL_HISTORY, else ~/.dpushell_history; None if off."""
    path = os.environ.get(HISTORY_ENV)
    if path is None:
        return os.path.join(os.path.expanduser("~"), ".dpushell_history")
    return path or None


class Terminal(cmd.Cmd):
    prompt = PROMPT

    def __init__(self, shell: Shell, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, stderr: TextIO | None = None):
        super().__init__(stdin=stdin, stdout=stdout)
        self.shell = shell
        self.stderr = stderr if stderr is not None else sys.stderr
        self.completion_matches: list[str] = []
        self.ended = False

    def onecmd(self, line: str) -> bool:
        if line == "EOF":  # Ctrl-D
            self.stdout.write("\n")
            return True
        try:
            done = self.shell.execute(line)
        except ShellError as e:
            self.stdout.flush()
            print(f"error: {e.message}", file=self.stderr)
            self.stderr.flush()
            return False
        finally:
            self.stdout.flush()
        return done

    def emptyline(self) -> bool:
        return False  # cmd.Cmd would repeat the last command: surprising after 'run'

    def completions(self, line: str, endidx: int) -> list[str]:
        """Whole words followed by a space, except directories and 'file.c:' (they go on)."""
        return [c if c.endswith(("/", ":")) else c + " "
                for c in self.shell.complete(line[:endidx])]

    def complete(self, text: str, state: int) -> str | None:
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
        except ImportError:
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


def interact(shell: Shell, history: str | None = None) -> None:
    """Run the terminal until 'quit' or end of input; Ctrl-C drops the line."""
    term = Terminal(shell)
    intro = (f"dpushell {__version__} on the {shell.backend.description}.\n"
             "Type 'help' for the commands, 'quit' (or Ctrl-D) to leave.")
    _history(history, write=False)
    try:
        while True:
            try:
                term.cmdloop(intro)
                return
            except KeyboardInterrupt:
                term.stdout.write("^C\n")
                intro = ""
    finally:
        _history(history, write=True)
