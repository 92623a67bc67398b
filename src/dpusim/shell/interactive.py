"""dpushell at a terminal: a :class:`cmd.Cmd` over a :class:`~.commands.Shell`.

The shell gives every line its meaning; this front only adds what a terminal offers: a prompt,
Tab completion of commands, symbols, source files and paths (through
:meth:`Shell.complete`), a readline history file, and Ctrl-C that drops the line being typed
(or, while the DPUs run, interrupts them) instead of ending the session.  An error is said
on the error stream and the session goes on.
"""

from __future__ import annotations

from typing import TextIO

from dpucore import __version__, terminal

from .commands import Shell, ShellError

PROMPT = "dpushell> "
HISTORY_ENV = "DPUSHELL_HISTORY"  # a path; empty turns history off (the tests do)


def history_path() -> str | None:
    """Where history is kept: $DPUSHELL_HISTORY, else ~/.dpushell_history; None if off."""
    return terminal.history_path(HISTORY_ENV, ".dpushell_history")


class Terminal(terminal.LineShell):
    prompt = PROMPT

    def __init__(self, shell: Shell, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, stderr: TextIO | None = None):
        super().__init__(stdin=stdin, stdout=stdout, stderr=stderr)
        self.shell = shell

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

    def completions(self, line: str, endidx: int) -> list[str]:
        """Whole words followed by a space, except directories and 'file.c:' (they go on)."""
        return terminal.whole_words(self.shell.complete(line[:endidx]), ("/", ":"))


def interact(shell: Shell, history: str | None = None) -> None:
    """Run the terminal until 'quit' or end of input; Ctrl-C drops the line."""
    terminal.interact(Terminal(shell),
                      f"dpushell {__version__} on the {shell.backend.description}.\n"
                      "Type 'help' for the commands, 'quit' (or Ctrl-D) to leave.", history)
