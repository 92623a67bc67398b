"""The dpugeni command line: ``dpugeni [-C config.json] [--name N] [-e python|c|json]... [-o DIR]
[--check] file.didl``.

Errors are printed as ``file:line:col: error: message`` with the line and a caret (colour on a
terminal), and end the run with status 1 having written nothing.  Outputs are written atomically
and only when their content changes; ``--check`` writes nothing and exits 1 when regenerating
would change a file.
"""

from __future__ import annotations

import hashlib
import os
import sys
from typing import NoReturn

import click

from dpucore import rtc
from dpucore.diag import DiagnosticError
from dpucore.fileio import write_if_changed

from . import __version__, compile_source
from .emit import EMITTERS, emit

_CONTEXT = {"help_option_names": ["-h", "--help"]}
DEFAULT_TARGETS = ("python",)


def _fail(message: str) -> NoReturn:
    click.echo(f"dpugeni: error: {message}", err=True)
    sys.exit(1)


def _color() -> bool:
    return sys.stderr.isatty() and "NO_COLOR" not in os.environ


def _config(path: str) -> rtc.Config:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as e:
        _fail(f"{path}: {getattr(e, 'strerror', None) or e}")
    try:
        config = rtc.Config.from_json(text)
    except rtc.ConfigError as e:
        _fail(f"{path}: {e}")
    problems = config.problems()
    if problems:
        _fail(f"{path}: {'; '.join(problems)}")
    return config


def outputs(path: str, data: bytes, config: rtc.Config | None, name: str | None,
            targets: tuple[str, ...]) -> dict[str, bytes]:
    """File name → content of each target (raises DiagnosticError, UnicodeDecodeError)."""
    text = data.decode("utf-8")
    interface = compile_source(text, path, config, name, hashlib.sha256(data).hexdigest())
    out = {}
    for target in targets:
        out[EMITTERS[target].file_name(interface)] = emit(interface, target).encode("utf-8")
    return out


@click.command("dpugeni", context_settings=_CONTEXT)
@click.argument("source", metavar="FILE.didl")
@click.option("-C", "--config", "config_path", metavar="CONFIG.json",
              help="Check the bindings against this runtime configuration (dpukconfig's JSON).")
@click.option("--name", metavar="NAME",
              help="The interface name (default: the file name without .didl).")
@click.option("-e", "--emit", "targets", multiple=True, type=click.Choice(sorted(EMITTERS)),
              help="A target to generate (repeatable; default: python).")
@click.option("-o", "--output-dir", "output_dir", metavar="DIR", default=".",
              show_default=True, help="Where to write <name>_interface.{py,h,json}.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if regenerating would change a file.")
@click.version_option(__version__, "--version", prog_name="dpugeni")
def cli(source, config_path, name, targets, output_dir, check_only):
    """Compile a Device Interface Definition Language file into host bindings (python), a
    DPU-side C header (c) and the interface IR as JSON (json).

    Files are named <name>_interface.py, <name>_interface.h and <name>_interface.json.
    """
    targets = tuple(dict.fromkeys(targets)) or DEFAULT_TARGETS
    try:
        with open(source, "rb") as fh:
            data = fh.read()
    except OSError as e:
        _fail(f"{source}: {e.strerror}")
    config = _config(config_path) if config_path else None
    try:
        files = outputs(source, data, config, name, targets)
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        click.echo(f"{source}:{line}: error: not UTF-8 text (byte {e.start})", err=True)
        sys.exit(1)
    except DiagnosticError as e:
        color = _color()
        for d in e.diagnostics:
            click.echo(d.render(color), err=True)
        sys.exit(1)
    if check_only:
        stale = []
        for file_name, content in files.items():
            path = os.path.join(output_dir, file_name)
            try:
                with open(path, "rb") as fh:
                    current = fh.read()
            except OSError:
                current = None
            if current != content:
                stale.append(path)
                click.echo(f"dpugeni: {path} would be "
                           f"{'created' if current is None else 'regenerated'}", err=True)
        sys.exit(1 if stale else 0)
    try:
        os.makedirs(output_dir, exist_ok=True)
        for file_name, content in files.items():
            write_if_changed(os.path.join(output_dir, file_name), content)
    except OSError as e:
        _fail(f"{e.filename or output_dir}: {e.strerror}")


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="dpugeni")


if __name__ == "__main__":
    main()
