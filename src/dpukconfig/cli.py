"""The dpukconfig command line: the interactive shell on a terminal, a batch run otherwise.

Batch runs (``-s script``, ``-c "directives"``, or a script on standard input) are all or
nothing, as a Makefile needs: the first error is printed as ``script:line: error: ...`` and the run
exits 1 having written no file; only when every directive succeeded are the saves (and ``-o``)
written, each atomically and only if its content changed.
"""

from __future__ import annotations

import re
import sys
from typing import NoReturn

import click

from dpucore import __version__

from .directives import DirectiveError, Session

_CONTEXT = {"help_option_names": ["-h", "--help"]}
_ASSIGNMENT = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>.*)", re.DOTALL)


def _fail(message: str) -> NoReturn:
    click.echo(f"dpukconfig: error: {message}", err=True)
    sys.exit(1)


def _variables(assignments: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for text in assignments:
        m = _ASSIGNMENT.fullmatch(text)
        if m is None:
            _fail(f"-v expects NAME=VALUE with NAME a C identifier, got '{text}'")
        out[m["name"]] = m["value"]
    return out


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        click.echo(f"{name}:{line}: error: not UTF-8 text (byte {e.start})", err=True)
        sys.exit(1)


def _script_lines(script: str | None, command: str | None) -> tuple[list[str], str] | None:
    """The batch input and the name its errors use; None for the interactive shell."""
    if command is not None:
        return re.split(r"[;\n]", command), "-c"
    stdin = sys.stdin
    if script is None and stdin is not None and stdin.isatty():
        return None
    if script is None or script == "-":
        data = stdin.buffer.read() if stdin is not None else b""
        name = "<stdin>"
    else:
        try:
            with open(script, "rb") as fh:
                data = fh.read()
        except OSError as e:
            _fail(f"{script}: {e.strerror}")
        name = script
    return _decode(data, name).split("\n"), name


def _batch(session: Session, lines: list[str], name: str, output: str | None) -> None:
    try:
        for out in session.run(lines, name):
            click.echo(out)
    except DirectiveError as e:
        click.echo(e.render(), err=True)
        sys.exit(1)
    try:
        if output is not None:
            session.save(output)
        session.commit()
    except DirectiveError as e:
        _fail(e.message)


@click.command("dpukconfig", context_settings=_CONTEXT)
@click.option("-s", "--script", metavar="FILE",
              help="Apply the directives of FILE ('-' for standard input), then exit.")
@click.option("-c", "--command", metavar="DIRECTIVES",
              help="Apply DIRECTIVES, separated by ';', then exit.")
@click.option("-v", "--var", "variables", multiple=True, metavar="NAME=VALUE",
              help="Define $NAME for the directives (repeatable).")
@click.option("-o", "--output", metavar="FILE",
              help="Save the final configuration to FILE.")
@click.version_option(__version__, "--version", prog_name="dpukconfig")
def cli(script, command, variables, output):
    """Describe a DPU program's runtime configuration (tasklets, stacks, mailboxes, mutexes,
    semaphores, barriers) with directives, and save it as JSON.

    On a terminal, without -s or -c: an interactive shell ('help' lists the directives).
    Otherwise the directives come from -s, -c or standard input; the first error stops the run
    with exit status 1, and files are written only when every directive succeeded.
    """
    if script is not None and command is not None:
        raise click.UsageError("-s and -c cannot be used together")
    try:
        session = Session(variables=_variables(variables))
    except DirectiveError as e:
        _fail(e.message)
    batch = _script_lines(script, command)
    if batch is not None:
        session.defer_writes = True
        _batch(session, batch[0], batch[1], output)
        return
    from .shell import history_path, interact

    interact(session, history_path())
    if output is not None:
        try:
            session.save(output)
        except DirectiveError as e:
            _fail(e.message)


def main() -> None:
    cli(prog_name="dpukconfig")
