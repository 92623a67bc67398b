"""The gcc-like driver: options in, the right stages run, files out.

``dpucc [-c|-S|-E] [-o out] [-I dir] [-D n[=v]] [-U n] [-O0..3|-Os] [-g] [-Wall] [-Werror] [-w]
[-MD] [-MF f] [-MT t] [-std=c99|c11] [-C config.json] [-v] [-nostdlib]
[-fdebug-prefix-map=old=new] files`` where files are
``.c``, ``.s``, ``.S``, ``.o`` and ``.a``.  Without ``-c/-S/-E`` the driver links an executable
(``a.out``) with the bootstrap RT Studio makes from ``-C config.json`` (or from ``NR_TASKLETS``:
every tasklet runs ``main``).  The seed-era forms work too: ``dpucc -b -C config.json -o prog
sources...`` (``-b``: build, the default) and ``dpucc -xc config.json -o dir`` (RT Studio only).

Options are parsed by hand, as gcc's are: ``-O2``, ``-DNAME=1``, ``-Idir`` and ``-I dir`` all
occur in Makefiles, and a generic option parser does not read them that way.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field

from dpucore import elf, rtc
from dpucore.diag import Diagnostic
from dpucore.fileio import write_atomically, write_if_changed

from .rtstudio import bootstrap_assembly

SOURCE_SUFFIXES = {".c": "c", ".s": "asm", ".S": "asm-cpp", ".o": "object", ".a": "archive"}


class DriverError(Exception):
    """A problem with the command line or the inputs: ``dpucc: error: …``, exit 1 (or 2)."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


@dataclass
class Options:
    mode: str = "link"  # link, compile (-c), assemble-only (-S), preprocess (-E), rtstudio (-xc)
    output: str | None = None
    inputs: list[str] = field(default_factory=list)
    include_dirs: list[str] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    undefines: list[str] = field(default_factory=list)
    opt_level: int = 0
    debug: bool = False
    debug_prefix_map: list[tuple[str, str]] = field(default_factory=list)
    warnings_all: bool = False
    werror: bool = False
    no_warnings: bool = False
    dep_file: bool = False  # -MD
    dep_output: str | None = None  # -MF
    dep_target: str | None = None  # -MT
    std: str = "c11"
    config: str | None = None  # -C (or the file of -xc)
    verbose: bool = False
    nostdlib: bool = False
    emit_llvm: bool = False  # -S -emit-llvm: the optimised LLVM IR instead of assembly
    query: str | None = None  # -print-search-dirs, -print-libgcc-file-name, -print-file-name=


_WITH_ARGUMENT = {"-o", "-I", "-D", "-U", "-MF", "-MT", "-C", "-xc", "-x"}


def parse_args(argv: list[str]) -> Options:
    """gcc-style arguments; raises DriverError(status 2) on a bad command line."""
    o = Options()
    i = 0

    def value(flag: str, rest: str) -> str:
        nonlocal i
        if rest:
            return rest
        i += 1
        if i >= len(argv):
            raise DriverError(f"missing argument to '{flag}'", 2)
        return argv[i]

    while i < len(argv):
        a = argv[i]
        if a in ("-c", "-S", "-E"):
            o.mode = {"-c": "compile", "-S": "assembly", "-E": "preprocess"}[a]
        elif a == "-b":
            o.mode = "link"
        elif a == "-xc":
            o.mode, o.config = "rtstudio", value(a, "")
        elif a.startswith("-o"):
            o.output = value("-o", a[2:])
        elif a.startswith("-I"):
            o.include_dirs.append(value("-I", a[2:]))
        elif a.startswith("-D"):
            o.defines.append(value("-D", a[2:]))
        elif a.startswith("-U"):
            o.undefines.append(value("-U", a[2:]))
        elif a.startswith("-O"):
            level = a[2:] or "1"
            if level == "s":
                o.opt_level = 2
            elif level in ("0", "1", "2", "3"):
                o.opt_level = int(level)
            else:
                raise DriverError(f"unrecognized optimization level '{a}'", 2)
        elif a in ("-g", "-g1", "-g2", "-g3", "-ggdb"):
            o.debug = True
        elif a.startswith(("-fdebug-prefix-map=", "-ffile-prefix-map=")):
            old, eq, new = a.partition("=")[2].partition("=")
            if not eq:
                raise DriverError(f"invalid argument '{a.partition('=')[2]}' to "
                                  f"'{a.partition('=')[0]}'", 2)
            o.debug_prefix_map.append((old, new))
        elif a == "-Wall":
            o.warnings_all = True
        elif a == "-Werror":
            o.werror = True
        elif a == "-w":
            o.no_warnings = True
        elif a.startswith("-W"):
            pass  # other warning switches are accepted, as gcc accepts unknown -Wno-…
        elif a in ("-MD", "-MMD"):
            o.dep_file = True
        elif a.startswith("-MF"):
            o.dep_output = value("-MF", a[3:])
        elif a.startswith("-MT"):
            o.dep_target = value("-MT", a[3:])
        elif a.startswith("-std="):
            std = a[5:]
            if std not in ("c99", "c11", "gnu99", "gnu11"):
                raise DriverError(f"unrecognized language standard '{std}'", 2)
            o.std = std.replace("gnu", "c")
        elif a.startswith("-C"):
            o.config = value("-C", a[2:])
        elif a == "-v":
            o.verbose = True
        elif a == "-nostdlib":
            o.nostdlib = True
        elif a == "-emit-llvm":
            o.emit_llvm = True
        elif a in ("-print-search-dirs", "-print-libgcc-file-name") or \
                a.startswith("-print-file-name="):
            o.mode, o.query = "query", a
        elif a == "-":
            raise DriverError("reading a source from standard input needs -x; not supported", 2)
        elif a.startswith("-") and len(a) > 1:
            raise DriverError(f"unrecognized command-line option '{a}'", 2)
        else:
            o.inputs.append(a)
        i += 1
    if o.mode in ("rtstudio", "query"):
        return o
    if not o.inputs:
        raise DriverError("no input files", 2)
    for path in o.inputs:
        if _kind(path) is None:
            raise DriverError(f"{path}: unknown file type (expected .c, .s, .S, .o or .a)")
    if o.emit_llvm and o.mode != "assembly":
        raise DriverError("-emit-llvm needs -S (dpucc writes LLVM IR as text only)", 2)
    if o.output and o.mode != "link" and len(o.inputs) > 1:
        raise DriverError(f"cannot specify '-o' with '-{o.mode[0]}' and multiple files", 2)
    return o


def _kind(path: str) -> str | None:
    return SOURCE_SUFFIXES.get(os.path.splitext(path)[1])


class _Timer:
    """``-v``: each stage and its time, on standard error."""

    def __init__(self, verbose: bool):
        self.verbose = verbose

    def __call__(self, stage: str, what: str):
        timer = self

        class _Stage:
            def __enter__(self):
                self.t0 = time.perf_counter()

            def __exit__(self, *exc):
                if timer.verbose and exc[0] is None:
                    ms = (time.perf_counter() - self.t0) * 1000
                    print(f"dpucc: {stage:<12} {what} ({ms:.1f} ms)", file=sys.stderr)
                return False

        return _Stage()


def runtime_include_dir() -> str:
    """The runtime library's headers (<stdint.h>, <string.h>, <defs.h> …): searched after the
    user's -I directories, like a compiler's system include directory."""
    from importlib import resources
    return str(resources.files("dpucc").joinpath("runtime/include"))


def _as_given(path: str) -> str:
    """A header path as gcc writes it in dependency files: relative when below the current
    directory, absolute otherwise."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError as e:
        raise DriverError(f"{path}: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise DriverError(f"{path}: not UTF-8 text (byte {e.start})") from None


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as e:
        raise DriverError(f"{path}: {e.strerror}") from None


class Driver:
    def __init__(self, options: Options):
        self.o = options
        self.stage = _Timer(options.verbose)
        self.warnings: list[Diagnostic] = []

    # ------------------------------------------------------------------ stages

    def c_to_assembly(self, path: str) -> tuple[str, list[str]]:
        """Compile a C file to DPU assembly; returns it and the files it read."""
        from . import backend

        ir, deps = self.c_to_ir(path)
        with self.stage("back end", path):
            try:
                asm = backend.compile_module(ir, path)
            except backend.UnsupportedError as e:
                raise DriverError(f"{path}: {e}") from None
        return asm, deps

    def c_to_ir(self, path: str) -> tuple[str, list[str]]:
        """Compile a C file to optimised LLVM IR (text); returns it and the files it read."""
        from .frontend import compile_preprocessed
        from .optimize import optimize

        text, deps = self.preprocess(path)
        warnings: list[Diagnostic] = []
        with self.stage("front end", path):
            # An error carries the warnings before it; only a success reports them here.
            ir = compile_preprocessed(text, path, diagnostics=warnings,
                                      werror=self.o.werror, wall=self.o.warnings_all,
                                      debug_dir=os.getcwd() if self.o.debug else None,
                                      debug_prefix_map=self.o.debug_prefix_map)
        self._warn(warnings)
        with self.stage("optimizer", f"-O{self.o.opt_level}"):
            ir = optimize(ir, self.o.opt_level)
        return ir, deps

    def preprocess(self, path: str) -> tuple[str, list[str]]:
        """-E output and the files it read (what a make dependency file lists)."""
        from .frontend import preprocess_c

        headers: list[str] = []
        with self.stage("preprocessor", path):
            text = preprocess_c(_read_text(path), path,
                                include_dirs=self.o.include_dirs + [runtime_include_dir()],
                                defines=self._defines(), undefines=self.o.undefines,
                                std=self.o.std, dependencies=headers)
        return text, [path] + [_as_given(h) for h in headers if h != path]

    def assemble(self, text: str, name: str, cpp: bool, debug: bool | None = None) -> bytes:
        """``debug``: -g for an assembly source (a line table of its own lines); compiled C
        carries its ``.loc`` directives instead, so it is assembled with ``debug=False``."""
        from dpuasm.assembler import assemble
        from dpuasm.preprocess import preprocess

        with self.stage("assembler", name):
            if cpp:
                text = preprocess(text, name, self.o.include_dirs, self._defines(),
                                  self.o.undefines)
            debug = self.o.debug if debug is None else debug
            return elf.write_elf(assemble(text, name, debug=debug))

    def object_of(self, path: str) -> tuple[bytes, list[str]]:
        kind = _kind(path)
        if kind == "c":
            asm, deps = self.c_to_assembly(path)
            return self.assemble(asm, path, False, debug=False), deps
        if kind in ("asm", "asm-cpp"):
            return self.assemble(_read_text(path), path, kind == "asm-cpp"), [path]
        return _read_bytes(path), [path]

    def configuration(self) -> rtc.Config:
        if self.o.config:
            try:
                return rtc.Config.from_json(_read_text(self.o.config))
            except rtc.ConfigError as e:
                raise DriverError(f"{self.o.config}: {e}") from None
        defines = {}
        for d in self._defines():
            name, _, value = d.partition("=")
            defines[name] = value or "1"
        try:
            return rtc.from_defines(defines)
        except rtc.ConfigError as e:
            raise DriverError(str(e)) from None

    def link(self, objects: list[tuple[str, bytes]]) -> bytes:
        from dpuasm.linker import link

        config = self.configuration()
        try:
            boot = bootstrap_assembly(config)
        except rtc.ConfigError as e:
            raise DriverError(f"runtime configuration: {e}") from None
        inputs = [("<bootstrap>", self.assemble(boot, "<bootstrap>", False))] + objects
        if not self.o.nostdlib:
            inputs += self.runtime_objects()
        with self.stage("linker", self.o.output or "a.out"):
            # Library sections nothing uses are dropped (IRAM holds 4096 instructions): the
            # runtime's sources hold many functions each, as one section per function.
            result = link(inputs, gc_members=True)
        self._warn(result.warnings)
        return elf.write_elf(result.elf)

    def runtime_objects(self) -> list[tuple[str, bytes]]:
        """The runtime library (an archive: only what the program refers to is linked in),
        built once into the cache (see :mod:`dpucc.runtime_build`)."""
        from .runtime_build import library_path

        def build(name: str, text: str) -> bytes:
            if name.endswith(".c"):
                return self.compile_runtime_c(name, text)
            # Never -g: the cached library must not depend on the build that filled the cache.
            return self.assemble(text, f"<runtime>/{name}", False, debug=False)

        with self.stage("runtime", "libdpu.a"):
            path = library_path(build)
        return [(str(path), _read_bytes(str(path)))]

    def compile_runtime_c(self, name: str, text: str) -> bytes:
        from . import backend
        from .frontend import compile_c
        from .optimize import optimize

        where = f"<runtime>/{name}"
        internal = os.path.join(os.path.dirname(runtime_include_dir()), "internal")
        ir = compile_c(text, where, include_dirs=[internal, runtime_include_dir()])
        # As gcc's -fno-builtin: the library's own loops must not become calls to memcpy,
        # strlen … (which would be themselves).
        ir = re.sub(r"^(define .*\))( [^{]*)?\{$", r'\1\2 "no-builtins" {', ir, flags=re.M)
        ir = optimize(ir, 2)
        try:
            asm = backend.compile_module(ir, where)
        except backend.UnsupportedError as e:
            raise DriverError(f"building the runtime library: {e}") from None
        return self.assemble(asm, where, False, debug=False)

    # ------------------------------------------------------------------ the whole run

    def _defines(self) -> list[str]:
        """The -D macros, and NR_TASKLETS from the configuration (-C) unless -D gives it: the
        number of configured tasklets, as RT Studio's symbol of the same name."""
        defines = list(self.o.defines)
        given = {d.partition("=")[0] for d in defines}
        if self.o.config and "NR_TASKLETS" not in given:
            try:
                config = rtc.Config.from_json(_read_text(self.o.config))
            except (rtc.ConfigError, DriverError):
                return defines  # reported where the configuration is used
            defines.append(f"NR_TASKLETS={len(config.tasklets)}")
        return defines

    def _warn(self, diags) -> None:
        if not self.o.no_warnings:
            self.warnings.extend(diags)

    def run(self) -> None:
        o = self.o
        if o.mode == "rtstudio":
            self.write_bootstrap()
            return
        if o.mode == "query":
            sys.stdout.write(self.answer(o.query) + "\n")
            return
        if o.mode == "preprocess":
            for path in o.inputs:
                if _kind(path) not in ("c", "asm-cpp"):
                    continue
                text, deps = self.preprocess(path)
                self._emit(o.output, text.encode("utf-8"))
                if o.output:
                    self._depfile(o.output, deps)
            return
        objects: list[tuple[str, bytes]] = []
        link_deps: list[str] = []
        for path in o.inputs:
            kind = _kind(path)
            stem = os.path.splitext(os.path.basename(path))[0]
            if o.mode == "assembly":
                if kind != "c":
                    continue  # gcc ignores non-C inputs with -S (with a warning)
                if o.emit_llvm:
                    asm, deps = self.c_to_ir(path)
                    out = o.output or stem + ".ll"
                else:
                    asm, deps = self.c_to_assembly(path)
                    out = o.output or stem + ".s"
                self._emit(out, asm.encode("utf-8"))
                self._depfile(out, deps)
                continue
            data, deps = self.object_of(path)
            if o.mode == "compile":
                if kind in ("object", "archive"):
                    continue
                out = o.output or stem + ".o"
                write_atomically(out, data)
                self._depfile(out, deps)
            else:
                objects.append((path, data))
                if kind == "c":
                    link_deps += deps
        if o.mode == "link":
            out = o.output or "a.out"
            write_atomically(out, self.link(objects), 0o755)
            # Compiled and linked in one step: one dependency file for the executable, as gcc
            # writes (`dpucc -MD -o build/prog prog.c` writes build/prog.d, `build/prog: ...`).
            if link_deps:
                self._depfile(out, link_deps)

    def answer(self, query: str) -> str:
        """gcc's -print-… queries: where the runtime library and its headers are."""
        from .runtime_build import cache_dir
        if query == "-print-search-dirs":
            from importlib import resources
            return (f"install: {resources.files('dpucc')}\n"
                    f"programs: {os.path.dirname(sys.executable)}\n"
                    f"libraries: {cache_dir()}\n"
                    f"includes: {runtime_include_dir()}")
        library = self.runtime_objects()[0][0]
        if query == "-print-libgcc-file-name":
            return library
        name = query.partition("=")[2]
        for candidate in (os.path.join(runtime_include_dir(), name),
                          os.path.join(os.path.dirname(library), name)):
            if os.path.exists(candidate):
                return candidate
        return name  # as gcc does when it does not know the file

    def write_bootstrap(self) -> str:
        """-xc: RT Studio's assembly for a configuration file, into ``-o DIR`` (as
        ``DIR/<config name>.s``) or ``-o FILE.s``; rewritten only when it changes."""
        path = self.o.config
        try:
            assembly = bootstrap_assembly(rtc.Config.from_json(_read_text(path)))
        except rtc.ConfigError as e:
            raise DriverError(f"{path}: {e}") from None
        stem = os.path.splitext(os.path.basename(path))[0] or "rtc"
        out = self.o.output
        if out is None:
            out = stem + ".s"
        elif not out.endswith((".s", ".S")):
            if not os.path.isdir(out):
                raise DriverError(f"{out}: no such directory")
            out = os.path.join(out, stem + ".s")
        write_if_changed(out, assembly.encode("utf-8"))
        return out

    def _emit(self, path: str | None, data: bytes) -> None:
        if path is None or path == "-":
            sys.stdout.buffer.write(data)
        else:
            write_atomically(path, data)

    def _depfile(self, output: str, deps: list[str]) -> None:
        """-MD: ``target: prerequisites`` like gcc, so make rebuilds when a header changes."""
        if not self.o.dep_file:
            return
        target = self.o.dep_target or output
        path = self.o.dep_output or os.path.splitext(output)[0] + ".d"
        seen: list[str] = []
        for d in deps:
            if d not in seen:
                seen.append(d)
        words = [target + ":"] + [d.replace(" ", "\\ ") for d in seen]
        lines, line = [], ""
        for w in words:
            if line and len(line) + len(w) > 76:
                lines.append(line + " \\")
                line = " "
            line += (" " if line.strip() else "") + w
        lines.append(line)
        text = "\n".join(lines) + "\n"
        # like -MP: deleted headers do not break make (the sources compiled get no such rule)
        text += "".join(f"\n{d}:\n" for d in seen[1:] if d not in self.o.inputs)
        write_if_changed(path, text.encode("utf-8"))
