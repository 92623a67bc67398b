"""Building a user project's DPU side: what the seed's Maven plugin did, for Python packages.

A project keeps its DPU sources together, by default in ``src/main/dpu`` (the seed's layout):
C sources and headers, at most one runtime-configuration script (``*.rte``, dpukconfig's
directives) or configuration (``*.json``), and interface definitions (``*.didl``).  Building
them gives the DPU program (dpucc, linked with RT Studio's bootstrap for the configuration, or
in the modern style with the -D flags given), one Python binding module per interface
(dpugeni, checked against the configuration) and its C header, all in an output directory.

A stamp in the output directory records the hash of every input, of the options and of the
toolchain's own code: building again with nothing changed does nothing.  The hatchling plugin
(:mod:`kelonia.hatch`) calls :func:`build` when the user's package is built and ships the
outputs inside it; :func:`packaged_program` reads the program back at run time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from dpucore import __version__

STAMP = ".dpu-build-stamp"
SOURCE_SUFFIXES = (".c", ".h", ".s", ".S", ".rte", ".json", ".didl")


class ProjectError(Exception):
    """The DPU side of a project could not be built; the message says why."""


@dataclass
class BuildResult:
    program: Path
    bindings: list[Path] = field(default_factory=list)  # <name>_interface.py
    headers: list[Path] = field(default_factory=list)  # <name>_interface.h
    config: Path | None = None
    rebuilt: bool = True


def _inputs(source: Path) -> list[Path]:
    if not source.is_dir():
        raise ProjectError(f"{source}: no such directory (the DPU sources)")
    return sorted(p for p in source.iterdir() if p.is_file() and p.suffix in SOURCE_SUFFIXES)


def _toolchain_digest() -> str:
    from dpucc.runtime_build import _compiler_digest
    return _compiler_digest()


def _digest(inputs: list[Path], options: dict) -> str:
    h = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    h.update(__version__.encode() + _toolchain_digest().encode())
    for p in inputs:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def build(source: str | os.PathLike, out: str | os.PathLike, program: str | None = None,
          cflags: list[str] | None = None, force: bool = False) -> BuildResult:
    """Build the DPU program and the bindings of the sources in ``source`` into ``out``
    (created if needed); raise :class:`ProjectError` with the tools' diagnostics."""
    source, out = Path(source), Path(out)
    inputs = _inputs(source)
    c_files = [p for p in inputs if p.suffix in (".c", ".s", ".S")]
    if not c_files:
        raise ProjectError(f"{source}: no C or assembly source")
    scripts = [p for p in inputs if p.suffix in (".rte", ".json")]
    if len(scripts) > 1:
        raise ProjectError(f"{source}: several runtime configurations "
                           f"({', '.join(p.name for p in scripts)}); keep one")
    didls = [p for p in inputs if p.suffix == ".didl"]
    name = program or (scripts[0].stem if scripts else c_files[0].stem)
    cflags = list(cflags if cflags is not None else ["-O2"])
    options = {"program": name, "cflags": cflags}
    result = BuildResult(out / name,
                         [out / f"{d.stem}_interface.py" for d in didls],
                         [out / f"{d.stem}_interface.h" for d in didls],
                         out / f"{name}.json" if scripts else None)
    digest = _digest(inputs, options)
    stamp = out / STAMP
    outputs = [result.program, *result.bindings, *result.headers]
    if not force and stamp.is_file() and stamp.read_text() == digest and \
            all(p.is_file() for p in outputs):
        result.rebuilt = False
        return result
    out.mkdir(parents=True, exist_ok=True)
    config = _configure(scripts[0], result.config) if scripts else None
    _compile(c_files, source, result.program, cflags, result.config)
    for didl, py, header in zip(didls, result.bindings, result.headers):
        _bind(didl, py, header, config)
    from dpucore.fileio import write_atomically
    write_atomically(str(stamp), digest.encode())
    return result


def _configure(script: Path, out: Path):
    """The configuration: a dpukconfig script run, or a JSON configuration copied."""
    from dpucore import rtc
    from dpucore.fileio import write_if_changed
    try:
        if script.suffix == ".json":
            config = rtc.Config.from_json(script.read_text())
        else:
            from dpukconfig.directives import DirectiveError, Session
            session = Session(variables={"DIRECTORY": str(out.parent), "NAME": out.stem},
                              defer_writes=True)
            try:
                for _ in session.run(script.read_text().splitlines(), str(script)):
                    pass
                session.validate()
            except DirectiveError as e:
                raise ProjectError(str(e)) from None
            config = session.config
        write_if_changed(str(out), config.to_json().encode())
    except rtc.ConfigError as e:
        raise ProjectError(f"{script}: {e}") from None
    return config


def _compile(sources: list[Path], include: Path, output: Path, cflags: list[str],
             config: Path | None) -> None:
    from dpucc.driver import Driver, DriverError, parse_args
    args = [*cflags, f"-I{include}", "-o", str(output)]
    if config is not None:
        args += ["-C", str(config)]
    try:
        driver = Driver(parse_args(args + [str(s) for s in sources]))
        driver.run()
    except DriverError as e:
        raise ProjectError(f"dpucc: {e}") from None
    except Exception as e:  # diagnostics of the compiler (file:line:col: error: …)
        from dpucore.diag import DiagnosticError
        if isinstance(e, DiagnosticError):
            raise ProjectError(str(e)) from None
        raise


def _bind(didl: Path, py: Path, header: Path, config) -> None:
    from dpucore.diag import DiagnosticError
    from dpucore.fileio import write_if_changed
    from dpugeni import compile_source
    from dpugeni.emit import emit
    data = didl.read_bytes()
    try:
        interface = compile_source(data.decode("utf-8"), str(didl), config,
                                   sha256=hashlib.sha256(data).hexdigest())
    except DiagnosticError as e:
        raise ProjectError(str(e)) from None
    write_if_changed(str(py), emit(interface, "python").encode())
    write_if_changed(str(header), emit(interface, "c").encode())


def packaged_program(package: str, name: str) -> bytes:
    """The DPU program a package was built with (what the hatch plugin put in
    ``<package>/dpu/<name>``), for :class:`kelonia.DpuDeviceDescription` or ``DpuSet.load``."""
    from importlib import resources
    try:
        return resources.files(package).joinpath("dpu", name).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as e:
        raise ProjectError(f"package {package!r} has no DPU program {name!r} ({e})") from None


__all__ = ["build", "BuildResult", "ProjectError", "packaged_program", "STAMP"]
