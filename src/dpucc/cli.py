"""The ``dpucc`` command line: gcc's habits (see :mod:`dpucc.driver`), gcc's messages."""

from __future__ import annotations

import os
import sys

from dpucore import __version__
from dpucore.diag import DiagnosticError

from .driver import Driver, DriverError, parse_args

USAGE = """Usage: dpucc [options] file...
Compile C for the DPU, assemble, and link with the bootstrap of a runtime configuration.

  -c / -S / -E          compile to .o / to assembly / preprocess only
  -o FILE               output (a.out when linking)
  -I DIR, -D NAME[=V], -U NAME    preprocessor
  -O0 -O1 -O2 -O3 -Os   optimisation level
  -g                    line information (DWARF .debug_line)
  -Wall -Werror -w      warnings
  -MD [-MF FILE] [-MT TARGET]     make dependencies
  -std=c99|c11          language standard
  -C CONFIG.json        runtime configuration (default: NR_TASKLETS tasklets running main)
  -b                    build an executable (the default; seed-era Makefiles pass it)
  -xc CONFIG.json -o DIR          RT Studio only: write the bootstrap assembly
  -nostdlib             do not link the runtime library
  -v                    print each stage and its time
  --version, --help
Files: .c .s .S .o .a
"""


def _color() -> bool:
    return sys.stderr.isatty() and os.environ.get("NO_COLOR") is None


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if "--help" in argv or "-h" in argv:
        sys.stdout.write(USAGE)
        sys.exit(0)
    if "--version" in argv:
        print(f"dpucc {__version__}")
        sys.exit(0)
    try:
        options = parse_args(argv)
        driver = Driver(options)
        try:
            driver.run()
        finally:
            for d in driver.warnings:
                print(d.render(_color()), file=sys.stderr)
    except DriverError as e:
        print(f"dpucc: error: {e}", file=sys.stderr)
        if e.status == 2:
            print("dpucc: try 'dpucc --help'", file=sys.stderr)
        sys.exit(e.status)
    except DiagnosticError as e:
        for d in e.diagnostics:
            text = d.render(_color()) if d.file else f"dpucc: {d.severity}: {d.message}"
            print(text, file=sys.stderr)
        sys.exit(1)
