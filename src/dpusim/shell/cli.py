"""The ``dpushell`` command.

    dpushell [--connect HOST:PORT] [--token T]                 a terminal session
    dpushell [options] -c "load prog; run; log" [-c …]         commands
    dpushell [options] SCRIPT… | -x SCRIPT                     command files
    … | dpushell [options]                                     commands on standard input

Without ``--connect`` the commands run on a simulator in this process; with it, on a running
dpuservice: the same commands, the same output.  A batch run (anything but a terminal session)
stops at the first command that fails, with ``dpushell: error: [SCRIPT:LINE: ]message`` on
standard error and exit status 1, like ``gdb -batch``; scripts run first, then the ``-c``
commands, in the order given.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, NoReturn

import click

from dpucore import __version__

from ..service.cli import TOKEN_ENV
from .backend import Backend, BackendError, EmbeddedBackend, RemoteBackend, parse_address
from .commands import Shell, ShellError

_CONTEXT = {"help_option_names": ["-h", "--help"]}


def _fail(message: str) -> NoReturn:
    sys.stdout.flush()
    click.echo(f"dpushell: error: {message}", err=True)
    sys.exit(1)


def _split(text: str) -> list[str]:
    """Commands of one ``-c`` (or one line): separated by ';' outside of quotes."""
    out, current, quote = [], [], None
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in ";\n":
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return [s.strip() for s in out if s.strip()]


def batch_items(scripts: Iterable[str], commands: Iterable[str],
                stdin=None) -> Iterable[tuple[str | None, str]]:
    """(where, command) pairs in order: where names the script and line (None for -c)."""
    for path in scripts:
        if path == "-":
            name, text = "<stdin>", (stdin or sys.stdin).read()
        else:
            try:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
            except OSError as e:
                _fail(f"{path}: {e.strerror}")
            except UnicodeDecodeError as e:
                _fail(f"{path}: not UTF-8 text (byte {e.start})")
            name = path
        for number, line in enumerate(text.splitlines(), 1):
            for cmd in _split(line):
                yield f"{name}:{number}", cmd
    for text in commands:
        for cmd in _split(text):
            yield None, cmd


def run_batch(shell: Shell, items: Iterable[tuple[str | None, str]]) -> int:
    """Run commands until the end, 'quit' or the first error; the exit status."""
    for where, line in items:
        try:
            if shell.execute(line):
                break
        except ShellError as e:
            sys.stdout.flush()
            prefix = f"{where}: " if where else ""
            click.echo(f"dpushell: error: {prefix}{e.message}", err=True)
            return 1
        finally:
            sys.stdout.flush()
    return 0


def make_backend(connect: str | None, token: str | None) -> Backend:
    if connect is None:
        return EmbeddedBackend()
    try:
        host, port = parse_address(connect)
    except ValueError as e:
        _fail(f"--connect: {e}")
    try:
        return RemoteBackend(host, port, token)
    except BackendError as e:
        _fail(e.message)


@click.command("dpushell", context_settings=_CONTEXT)
@click.argument("scripts", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-c", "--command", "commands", multiple=True, metavar="COMMANDS",
              help="Run COMMANDS (separated by ';'); may be repeated.")
@click.option("-x", "--script", "more_scripts", multiple=True, metavar="FILE",
              type=click.Path(dir_okay=False, allow_dash=True),
              help="Run the commands of FILE ('-' for standard input); may be repeated.")
@click.option("--connect", default=None, metavar="HOST:PORT",
              help="Use the dpuservice at HOST:PORT (default: an embedded simulator).")
@click.option("--token", default=None, metavar="T",
              help=f"The dpuservice's token (also ${TOKEN_ENV}).")
@click.version_option(__version__, "--version", prog_name="dpushell")
def cli(scripts, commands, more_scripts, connect, token):
    """Load, run and debug DPU programs: break, step, backtrace, registers, memory, log and
    statistics, on an embedded simulator or on a running dpuservice.

    With no commands and a terminal, an interactive session (Tab completes, 'help' lists the
    commands); otherwise a batch run that stops at the first failing command with exit
    status 1."""
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    all_scripts = list(scripts) + list(more_scripts)
    interactive = not all_scripts and not commands and sys.stdin is not None and \
        sys.stdin.isatty()
    if not all_scripts and not commands and not interactive:
        all_scripts = ["-"]  # commands on standard input
    backend = make_backend(connect, token)
    shell = Shell(backend, sys.stdout)
    try:
        if interactive:
            from .interactive import history_path, interact
            interact(shell, history_path())
            status = 0
        else:
            status = run_batch(shell, batch_items(all_scripts, commands))
    finally:
        try:
            backend.close()
        except Exception:  # noqa: BLE001 - closing a lost connection is not an error
            pass
    sys.exit(status)


def main() -> None:
    cli()
