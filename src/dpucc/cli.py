"""The ``dpucc`` command line.

For now it does what seed-era Makefiles asked of it besides compiling C: ``dpucc -xc
config.json -o DIR`` runs RT Studio and writes the bootstrap assembly of a runtime configuration
(``DIR/<config name>.s``, or the file itself when ``-o`` names a ``.s`` file).  Compiling C comes
with the compiler.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from dpucore import __version__
from dpucore.fileio import write_if_changed
from dpucore.rtc import Config, ConfigError

from .rtstudio import bootstrap_assembly


def _fail(message: str) -> NoReturn:
    click.echo(f"dpucc: error: {message}", err=True)
    sys.exit(1)


def _output_path(config_path: str, output: str | None) -> str:
    stem = os.path.splitext(os.path.basename(config_path))[0] or "rtc"
    if output is None:
        return stem + ".s"
    if output.endswith((".s", ".S")):
        return output
    return os.path.join(output, stem + ".s")


def write_bootstrap(config_path: str, output: str | None) -> str:
    """RT Studio from a configuration file; returns the path written."""
    try:
        with open(config_path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        _fail(f"{config_path}: {e.strerror}")
    try:
        config = Config.from_json(text)
        assembly = bootstrap_assembly(config)
    except ConfigError as e:
        _fail(f"{config_path}: {e}")
    path = _output_path(config_path, output)
    directory = os.path.dirname(path)
    if directory and not os.path.isdir(directory):
        _fail(f"{directory}: no such directory")
    write_if_changed(path, assembly.encode("utf-8"))
    return path


@click.command("dpucc", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-xc", "config", metavar="CONFIG.json",
              help="RT Studio: write the bootstrap assembly of a runtime configuration.")
@click.option("-o", "output", metavar="DIR|FILE.s", help="Where to write it.")
@click.argument("inputs", nargs=-1)
@click.version_option(__version__, "--version", prog_name="dpucc")
def cli(config, output, inputs):
    """The DPU C compiler driver (RT Studio for now: -xc)."""
    if config is None:
        _fail("compiling C is not available in this version; use -xc CONFIG.json for RT "
              "Studio, dpuasm and dpuld for assembly")
    if inputs:
        _fail(f"unexpected input '{inputs[0]}' with -xc")
    write_bootstrap(config, output)


def main() -> None:
    cli(prog_name="dpucc")
