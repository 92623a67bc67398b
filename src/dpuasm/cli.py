"""Command lines of dpuasm, dpuld and dpuobjdump: parse arguments, call the library, report.

Everything here is thin: the libraries raise DiagnosticError (or ElfError/ArchiveError for
unreadable inputs); this layer prints them the way gcc and binutils do and exits 1.  Outputs are
written to a temporary file and renamed, so a failed run never leaves a half-written file.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from dpucore import __version__, elf, memory
from dpucore.diag import Diagnostic, DiagnosticError
from dpucore.fileio import write_atomically

_CONTEXT = {"help_option_names": ["-h", "--help"]}


def _color() -> bool:
    return sys.stderr.isatty() and os.environ.get("NO_COLOR") is None


def _report(diags: list[Diagnostic], tool: str) -> None:
    """Print diagnostics; those about no particular file are prefixed with the tool's name."""
    color = _color()
    for d in diags:
        text = d.render(color)
        if d.file is None:
            text = f"{tool}: {d.severity}: {d.message}"
        click.echo(text, err=True)


def _fail(tool: str, message: str) -> NoReturn:
    click.echo(f"{tool}: error: {message}", err=True)
    sys.exit(1)


def _read_input(tool: str, path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as e:
        _fail(tool, f"{path}: {e.strerror}")


# ------------------------------------------------------------------------------------ dpuasm


@click.command("dpuasm", context_settings=_CONTEXT)
@click.argument("source", metavar="FILE.s|FILE.S")
@click.option("-o", "output", metavar="FILE", help="Output object (default: FILE.o here).")
@click.option("-I", "include_dirs", multiple=True, metavar="DIR", help="Include directory (.S).")
@click.option("-D", "defines", multiple=True, metavar="NAME[=VALUE]", help="Define a macro (.S).")
@click.option("-U", "undefines", multiple=True, metavar="NAME", help="Undefine a macro (.S).")
@click.option("-g", "debug", is_flag=True, help="Line information for the assembly source.")
@click.option("-x", "language", type=click.Choice(["assembler", "assembler-with-cpp"]),
              help="Treat the input as .s (assembler) or .S (assembler-with-cpp).")
@click.version_option(__version__, "--version", prog_name="dpuasm")
def asm_cli(source, output, include_dirs, defines, undefines, debug, language):
    """Assemble a DPU assembly file into a relocatable ELF object."""
    from .assembler import assemble
    from .preprocess import preprocess

    raw = _read_input("dpuasm", source)
    name = "<stdin>" if source == "-" else source
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        _fail("dpuasm", f"{name}: not UTF-8 text (byte {e.start})")
    cpp = language == "assembler-with-cpp" or (language is None and source.endswith(".S"))
    try:
        if cpp:
            text = preprocess(text, name, list(include_dirs), list(defines), list(undefines))
        obj = assemble(text, name, debug=debug)
    except DiagnosticError as e:
        _report(e.diagnostics, "dpuasm")
        sys.exit(1)
    if output is None:
        stem = os.path.splitext(os.path.basename(name))[0] if source != "-" else "a"
        output = stem + ".o"
    data = elf.write_elf(obj)
    if output == "-":
        sys.stdout.buffer.write(data)
    else:
        write_atomically(output, data)


def asm_main() -> None:
    asm_cli(prog_name="dpuasm")


# ------------------------------------------------------------------------------------ dpuld


@click.command("dpuld", context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="OBJECTS... ARCHIVES...")
@click.option("-o", "output", default="a.out", show_default=True, metavar="FILE")
@click.option("-e", "--entry", default="__bootstrap", show_default=True, metavar="SYMBOL")
@click.option("--gc-sections", is_flag=True, help="Drop sections nothing refers to.")
@click.option("--defsym", "defsyms", multiple=True, metavar="NAME=VALUE",
              help="Define an absolute symbol.")
@click.option("-Map", "--Map", "map_file", metavar="FILE", help="Write a link map.")
@click.option("--model", default="v1A", show_default=True, metavar="v1A|v1B",
              help="DPU model whose memory sizes bound the program.")
@click.version_option(__version__, "--version", prog_name="dpuld")
def ld_cli(inputs, output, entry, gc_sections, defsyms, map_file, model):
    """Link DPU objects and archives into an executable."""
    from .linker import link

    try:
        dpu = memory.model(model)
    except ValueError as e:
        _fail("dpuld", str(e))
    symbols: dict[str, int] = {}
    for d in defsyms:
        name, eq, value = d.partition("=")
        try:
            if not eq or not name:
                raise ValueError
            symbols[name] = int(value, 0)
        except ValueError:
            _fail("dpuld", f"--defsym expects NAME=VALUE with a number, got '{d}'")
    files = [(path, _read_input("dpuld", path)) for path in inputs]
    try:
        result = link(files, entry=entry, gc_sections=gc_sections, defsyms=symbols, model=dpu)
    except DiagnosticError as e:
        _report(e.diagnostics, "dpuld")
        sys.exit(1)
    _report(result.warnings, "dpuld")
    write_atomically(output, elf.write_elf(result.elf), 0o755)
    if map_file:
        write_atomically(map_file, result.map_text.encode("utf-8"))


def ld_main() -> None:
    ld_cli(prog_name="dpuld")


# ------------------------------------------------------------------------------------ dpuobjdump


@click.command("dpuobjdump", context_settings={"help_option_names": ["--help"]})
@click.argument("files", nargs=-1, required=True)
@click.option("-d", "--disassemble", is_flag=True, help="Disassemble the code sections.")
@click.option("-h", "--section-headers", "headers", is_flag=True, help="Section headers.")
@click.option("-t", "--syms", is_flag=True, help="Symbol table.")
@click.option("-r", "--reloc", "relocs", is_flag=True, help="Relocation records.")
@click.option("-S", "--source", is_flag=True, help="Source lines with the disassembly (implies -d).")
@click.option("--no-addresses", is_flag=True,
              help="Plain assembly that re-assembles: no addresses, labels as labels.")
@click.option("--no-show-raw-insn", is_flag=True, help="Do not show instruction bytes.")
@click.version_option(__version__, "--version", prog_name="dpuobjdump")
def objdump_cli(files, disassemble, headers, syms, relocs, source, no_addresses,
                no_show_raw_insn):
    """Display information about DPU object files and executables."""
    from .objdump import Options, objdump

    if not (disassemble or headers or syms or relocs or source):
        _fail("dpuobjdump", "at least one of -d, -h, -t, -r, -S must be given")
    opts = Options(disassemble or source, headers, syms, relocs, source, no_addresses,
                   not no_show_raw_insn)
    status = 0
    for path in files:
        data = _read_input("dpuobjdump", path)
        try:
            click.echo(objdump(data, path, opts), nl=False)
        except elf.ElfError as e:
            click.echo(f"dpuobjdump: {path}: {e}", err=True)
            status = 1
    sys.exit(status)


def objdump_main() -> None:
    objdump_cli(prog_name="dpuobjdump")
