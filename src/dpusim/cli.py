"""The ``dpusim`` command line: run a DPU executable on simulated DPUs, as a host launch would.

Thin by design: it parses the options, drives :class:`~dpusim.simulator.Simulator`, and formats
what the libraries return (:mod:`dpusim.stats`, :mod:`dpusim.trace`, :mod:`dpusim.profile`).
Standard output carries only what the program printed (its printf log) and the ``--dump`` values;
everything dpusim says itself goes to standard error.  Output files are written to a temporary
file and renamed, so a failed run never leaves half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from dataclasses import dataclass
from typing import NoReturn, Self

import click

from dpucore import __version__, memory
from dpucore.fileio import write_atomically

from .faults import CYCLE_LIMIT, FAULT, DpuFault, FaultInfo
from .program import Program, ProgramError, load_program
from .reference import Observer, ReferenceEngine
from .simulator import ENGINES, HostAccessError, Simulator

TOOL = "dpusim"
EXIT_FAULT = 1  # a DPU faulted
EXIT_HALT = 134  # `fault 4` (halt: __builtin_trap, abort), like a process killed by SIGABRT
EXIT_CYCLE_LIMIT = 124  # --max-cycles reached, like timeout(1)
EXIT_USAGE = 2
HALT_CODE = 4
PROFILE_MAX_LINES = 50  # source lines shown by --profile (functions: all)


class _Error(Exception):
    """An error to report as ``dpusim: error: …`` with an exit status."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


def _fail(message: str, status: int = 1) -> NoReturn:
    raise _Error(message, status)


# ------------------------------------------------------------------------------ option values


@dataclass(frozen=True)
class SetRequest:
    symbol: str
    value: int | None  # a 32-bit integer ...
    path: str | None  # ... or the bytes of a file
    text: str  # as given, for messages


@dataclass(frozen=True)
class DumpRequest:
    symbol: str
    length: int | None  # None: the symbol's size, else 4


def parse_int(text: str) -> int:
    """Decimal, 0x hex, 0b binary or 0o octal, optionally negative; ValueError otherwise."""
    t = text.strip().replace("_", "")
    negative = t.startswith("-")
    body = t[1:] if t[:1] in "+-" else t
    prefix = body[:2].lower()
    base = {"0x": 16, "0b": 2, "0o": 8}.get(prefix, 10)
    if not body or body[:1] in "+-":
        raise ValueError(text)
    value = int(body, base)
    return -value if negative else value


def _parse_sets(ctx, param, values) -> list[SetRequest]:
    out = []
    for text in values:
        symbol, eq, value = text.partition("=")
        symbol = symbol.strip()
        if not eq or not symbol or not value:
            raise click.BadParameter(f"expected SYMBOL=VALUE or SYMBOL=@FILE, got '{text}'",
                                     ctx, param)
        if value.startswith("@"):
            if len(value) == 1:
                raise click.BadParameter(f"'{text}': no file name after '@'", ctx, param)
            out.append(SetRequest(symbol, None, value[1:], text))
            continue
        try:
            number = parse_int(value)
        except ValueError:
            raise click.BadParameter(f"'{text}': '{value}' is not an integer (decimal, 0x…, "
                                     f"negative) or @FILE", ctx, param) from None
        if not -(1 << 31) <= number < (1 << 32):
            raise click.BadParameter(f"'{text}': {value} does not fit 32 bits", ctx, param)
        out.append(SetRequest(symbol, number, None, text))
    return out


def _parse_dumps(ctx, param, values) -> list[DumpRequest]:
    out = []
    for text in values:
        symbol, colon, length = text.partition(":")
        symbol = symbol.strip()
        if not symbol:
            raise click.BadParameter(f"expected SYMBOL[:LEN], got '{text}'", ctx, param)
        n = None
        if colon:
            try:
                n = parse_int(length)
            except ValueError:
                raise click.BadParameter(f"'{text}': the length '{length}' is not a number",
                                         ctx, param) from None
            if n <= 0:
                raise click.BadParameter(f"'{text}': the length must be positive", ctx, param)
        out.append(DumpRequest(symbol, n))
    return out


# ------------------------------------------------------------------------------ host accesses


def _symbol(program: Program, name: str, option: str):
    sym = program.symbols.get(name)
    if sym is None:
        _fail(f"{option} {name}: no symbol '{name}' in {program.name}")
    return sym


def _set_data(program: Program, req: SetRequest) -> tuple[str, bytes]:
    """The symbol and the bytes ``--set`` writes (padded with zeros to the host alignment)."""
    sym = _symbol(program, req.symbol, "--set")
    region = memory.region_of_address(sym.address)
    if region not in (memory.WRAM, memory.MRAM):
        _fail(f"--set {req.text}: '{req.symbol}' is in {region.upper()}; only WRAM and MRAM "
              f"variables can be set")
    if req.path is not None:
        try:
            with open(req.path, "rb") as fh:
                data = fh.read()
        except OSError as e:
            _fail(f"--set {req.text}: {req.path}: {e.strerror}")
    else:
        data = (req.value & 0xFFFFFFFF).to_bytes(4, "little")
    if sym.size and len(data) > sym.size:
        _fail(f"--set {req.text}: {len(data)} bytes do not fit '{req.symbol}' "
              f"({sym.size} bytes)")
    align = 4 if region == memory.WRAM else 8
    data += bytes(-len(data) % align)
    return req.symbol, data


def read_symbol(sim: Simulator, dpu: int, name: str, length: int) -> bytes:
    """``length`` bytes at a symbol, whatever its alignment: the aligned window around them is
    read as the host would, and cut."""
    loc = sim.locate(name)
    if loc.region == memory.ATOMIC:
        raise HostAccessError("the host cannot access the atomic bits")
    align = 4 if loc.region == memory.WRAM else 8
    start = loc.offset - loc.offset % align
    end = loc.offset + length
    end += -end % align
    data = sim.read(dpu, memory.REGION_BASE[loc.region] + start, end - start)
    return data[loc.offset - start:loc.offset - start + length]


def format_dump(symbol: str, dpu: int, data: bytes) -> list[str]:
    """``SYMBOL (DPU n): xx xx …``, 16 bytes a line; the next lines are ``SYMBOL+16 (DPU n): …``
    (offsets in decimal bytes), so that every line can be read alone."""
    lines = []
    for off in range(0, len(data), 16):
        label = symbol if off == 0 else f"{symbol}+{off}"
        lines.append(f"{label} (DPU {dpu}): " + " ".join(f"{b:02x}" for b in data[off:off + 16]))
    return lines


# ------------------------------------------------------------------------------ running


class _Tee(Observer):
    def __init__(self, observers: list[Observer]):
        self.observers = observers

    def issue(self, dpu, t, pc, cycle, form) -> None:
        for o in self.observers:
            o.issue(dpu, t, pc, cycle, form)


def choose_engine(name: str, need_observer: bool) -> str:
    """The engine to use: the one asked for when it exists (else ``ref``), and ``ref`` when the
    run needs an observer (--trace, --profile) that the engine does not call."""
    if name not in ENGINES:
        name = "ref"
    cls = ENGINES[name]
    if need_observer and not getattr(cls, "supports_observer", cls is ReferenceEngine):
        name = "ref"
    return name


class _Progress:
    """A rich progress line on standard error, shown only on a terminal and only once a run has
    lasted half a second; transient, so nothing of it stays on screen."""

    DELAY = 0.5

    def __init__(self, sim: Simulator, enabled: bool):
        self.sim = sim
        self.enabled = enabled
        self.current = 0
        self.done = 0
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._progress = None
        self._task = None
        self._closed = False

    def __enter__(self) -> Self:
        if self.enabled:
            self._timer = threading.Timer(self.DELAY, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.text import Text

        sim = self.sim
        progress_self = self

        class CycleColumn(ProgressColumn):
            def render(self, task):
                index = min(progress_self.current, len(sim.dpus) - 1)
                return Text(f"cycle {sim.dpus[index].cycle:,}", style="progress.data.speed")

        with self._lock:
            if self._closed:
                return
            self._progress = Progress(
                SpinnerColumn(), TextColumn("simulating"), BarColumn(), MofNCompleteColumn(),
                TextColumn("DPUs"), CycleColumn(), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True)
            self._task = self._progress.add_task("run", total=len(sim.dpus),
                                                 completed=self.done)
            self._progress.start()

    def advance(self, n: int) -> None:
        with self._lock:
            self.done += n
            self.current = min(self.done, len(self.sim.dpus) - 1)
            if self._progress is not None:
                self._progress.update(self._task, completed=self.done)

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            if self._progress is not None:
                self._progress.stop()


def run_all(sim: Simulator, max_cycles: int | None, per_dpu: bool,
            progress: _Progress | None = None) -> dict[int, FaultInfo]:
    """Run every booted DPU to its end; a DPU's fault stops that DPU only.  Returns the faults
    by DPU index."""
    faults: dict[int, FaultInfo] = {}
    indices = list(range(len(sim.dpus)))
    groups = [[i] for i in indices] if per_dpu else [indices]
    for group in groups:
        pending = group
        while pending:
            try:
                sim.run(max_cycles, dpus=pending)
                pending = []
            except DpuFault as e:
                if e.info.dpu not in pending or e.info.dpu in faults:
                    raise
                faults[e.info.dpu] = e.info
                # An engine that runs every DPU to its end or its fault (vector, native) says
                # which others faulted too: running those again would issue their faulting
                # instruction again, later (a fault leaves its tasklet's next issue cycle set).
                for i, other in getattr(sim.engine, "last_faults", {}).items():
                    if i in pending:
                        faults.setdefault(i, other.info)
                pending = [i for i in pending if i not in faults]
        if progress is not None:
            progress.advance(len(group))
    return faults


def exit_status(faults: dict[int, FaultInfo], statuses: list[int | None]) -> int:
    """The first faulting DPU decides (cycle limit 124, `fault 4` 134, other faults 1); without
    a fault, the first non-zero ``__sys_exit_status``; else 0."""
    if faults:
        info = faults[min(faults)]
        if info.kind == CYCLE_LIMIT:
            return EXIT_CYCLE_LIMIT
        if info.kind == FAULT and info.code == HALT_CODE:
            return EXIT_HALT
        return EXIT_FAULT
    for s in statuses:
        if s:
            return s
    return 0


def _print_logs(sim: Simulator, out) -> list[str]:
    """Write the program's printf output, DPU by DPU, exactly as it printed it, to the binary
    stream ``out``; returns the problems met (a malformed log buffer), whose text decoded so far
    is written first."""
    # CALL SITE of the printf log formatter (dpusim/log.py, docs/log-format.md):
    # read_log_bytes(sim, dpu) -> bytes, or read_log(sim, dpu) -> str.
    try:
        from . import log
    except ModuleNotFoundError as e:
        if e.name != f"{__package__}.log":
            raise
        return []  # no log formatter yet: nothing of the program's output can be shown
    read = getattr(log, "read_log_bytes", None)
    if read is None:
        def read(sim_, i):
            return log.read_log(sim_, i).encode("utf-8")
    problems = []
    for i in range(len(sim.dpus)):
        try:
            data = read(sim, i)
        except ValueError as e:
            data = getattr(e, "partial", b"")
            problems.append(f"DPU {i}: cannot read the printf log: {e}")
        if data:
            out.write(data)
    return problems


def _summary(d, clock_mhz: int) -> str:
    ms = d.cycle / (clock_mhz * 1000)
    return (f"DPU {d.index}: {d.cycle} cycles, {d.instructions} instructions, "
            f"{ms:.6f} ms at {clock_mhz} MHz")


def _print_profile(profiler, program: Program, rich_out: bool) -> None:
    funcs = profiler.functions(program)
    lines = profiler.lines(program)
    total_c, total_n = profiler.total_cycles, profiler.total_instructions
    shown = lines[:PROFILE_MAX_LINES]
    hidden = len(lines) - len(shown)
    note = (f"{hidden} more source lines not shown" if hidden else None)
    head = (f"profile: {total_n} instructions, {total_c} tasklet-cycles (an instruction costs "
            f"the cycles until its tasklet's next issue)")
    if rich_out:
        from rich.console import Console
        from rich.table import Table

        console = Console(stderr=True)
        console.print(head, highlight=False)
        t = Table(title=None, show_edge=False, pad_edge=False)
        for col, just in (("function", "left"), ("instructions", "right"),
                          ("cycles", "right"), ("% cycles", "right")):
            t.add_column(col, justify=just)
        for r in funcs:
            t.add_row(r.name, str(r.instructions), str(r.cycles), f"{100 * r.share:.1f}")
        console.print(t)
        if shown:
            t = Table(show_edge=False, pad_edge=False)
            for col, just in (("source line", "left"), ("function", "left"),
                              ("instructions", "right"), ("cycles", "right"),
                              ("% cycles", "right")):
                t.add_column(col, justify=just)
            for r in shown:
                t.add_row(r.name, r.function or "", str(r.instructions), str(r.cycles),
                          f"{100 * r.share:.1f}")
            console.print(t)
        if note:
            console.print(note, highlight=False)
        return
    out = [head, ""]
    out += _plain_table(["function", "instructions", "cycles", "% cycles"],
                        [[r.name, str(r.instructions), str(r.cycles), f"{100 * r.share:.1f}"]
                         for r in funcs], right={1, 2, 3})
    if shown:
        out.append("")
        out += _plain_table(["source line", "function", "instructions", "cycles", "% cycles"],
                            [[r.name, r.function or "", str(r.instructions), str(r.cycles),
                              f"{100 * r.share:.1f}"] for r in shown], right={2, 3, 4})
    if note:
        out.append(note)
    click.echo("\n".join(out), err=True)


def _plain_table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(x) for x in col) for col in zip(header, *rows)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]


def _write_output(path: str, text: str, what: str) -> None:
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as e:
        _fail(f"cannot write the {what} to {path}: {e.strerror}")


# ------------------------------------------------------------------------------ the command

_HELP = """Run a DPU executable on simulated DPUs, as a host launch does: boot tasklet
0 of every DPU and run until every tasklet has stopped.

\b
Standard output: what the program printed (its printf log), then the --dump
values.  Standard error: per DPU, cycles, instructions and time at the model's
clock (not with -q), fault reports, and the --profile tables.

\b
--set SYMBOL=VALUE   write VALUE, a 32-bit little-endian integer (decimal, 0x
                     hex, negative), to SYMBOL in every DPU before the launch
--set SYMBOL=@FILE   write the bytes of FILE instead; the data is padded with
                     zeros to the host alignment (WRAM 4 bytes, MRAM 8 bytes)
--dump SYMBOL[:LEN]  after the run, print LEN bytes at SYMBOL (default: the
                     symbol's size, else 4) in hex, 16 bytes a line, DPU by
                     DPU, the dumps of a DPU in the order given:
                       buf (DPU 0): 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00
                       buf+16 (DPU 0): 05 00 00 00
--trace FILE         write a Chrome trace-event JSON file (ui.perfetto.dev):
                     a process per DPU, a track per tasklet, with running,
                     dma, lock and stopped intervals
--profile            print instructions and cycles per function and per
                     source line, hottest first (an instruction costs the
                     cycles until its tasklet's next issue)
--stats FILE         write the run's statistics as JSON, following
                     schemas/stats.schema.json
--trace and --profile run on the reference engine.

\b
Exit status:
  0    every DPU completed; or the program's __sys_exit_status modulo 256
       (from the first DPU where it is not 0) when the program defines it
  1    a DPU faulted (the report, with symbol+offset and source line, is on
       standard error), or an error (unreadable program, unknown symbol...)
  2    bad command line
  124  --max-cycles reached
  134  a DPU halted (fault 4: __builtin_trap, abort)
The first faulting DPU decides the status; a fault stops its own DPU only."""


_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.command(TOOL, context_settings=_CONTEXT, help=_HELP)
@click.argument("program", metavar="PROGRAM")
@click.option("--dpus", "nr_dpus", type=click.IntRange(min=1), default=1, show_default=True,
              metavar="N", help="Number of DPUs, each running the program.")
@click.option("--engine", type=click.Choice(["auto", "ref", "vector", "native"]),
              default="auto", show_default=True,
              help="Simulation engine (ref: the reference engine; vector: DPUs in lockstep "
                   "with numpy; native: the program compiled to machine code, cached, DPUs in "
                   "parallel threads, quick code first and optimised code compiled in the "
                   "background when the run goes on; auto: native when its code is cached, "
                   "else vector for as long as the quick code would take to compile (10,000 "
                   "cycles and 250 per instruction of the program) and native for the rest).")
@click.option("--model", "model_name", default="v1A", show_default=True, metavar="v1A|v1B",
              help="DPU model.")
@click.option("--set", "sets", multiple=True, callback=_parse_sets,
              metavar="SYMBOL=VALUE|SYMBOL=@FILE", help="Write a variable before the launch.")
@click.option("--dump", "dumps", multiple=True, callback=_parse_dumps, metavar="SYMBOL[:LEN]",
              help="Print a variable's bytes after the run.")
@click.option("--max-cycles", type=click.IntRange(min=1), metavar="N",
              help="Stop a DPU after N cycles (exit status 124).")
@click.option("--stats", "stats_path", metavar="FILE", help="Write run statistics (JSON).")
@click.option("--trace", "trace_path", metavar="FILE", help="Write a Chrome/Perfetto trace.")
@click.option("--profile", is_flag=True, help="Print a profile on standard error.")
@click.option("-q", "--quiet", is_flag=True,
              help="No run report or progress on standard error (fault reports and errors "
                   "still appear).")
@click.version_option(__version__, "--version", prog_name=TOOL)
def sim_cli(program, nr_dpus, engine, model_name, sets, dumps, max_cycles, stats_path,
            trace_path, profile, quiet):
    try:
        model = memory.model(model_name)
    except ValueError as e:
        _fail(str(e), EXIT_USAGE)

    for path, what in ((stats_path, "statistics"), (trace_path, "trace")):
        if path:  # rather now than after a long run
            directory = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(directory) or os.path.isdir(path):
                _fail(f"cannot write the {what} to {path}: "
                      f"{'is a directory' if os.path.isdir(path) else 'no such directory'}")
    try:
        with open(program, "rb") as fh:
            data = fh.read()
    except OSError as e:
        _fail(f"{program}: {e.strerror}")
    try:
        prog = load_program(data, program, model)
    except ProgramError as e:
        _fail(str(e))

    observers: list[Observer] = []
    tracer = profiler = None
    if trace_path:
        from .trace import TraceRecorder
        tracer = TraceRecorder(model.clock_mhz)
        observers.append(tracer)
    if profile:
        from .profile import Profiler
        profiler = Profiler()
        observers.append(profiler)
    engine = choose_engine(engine, bool(observers))
    observer = observers[0] if len(observers) == 1 else (_Tee(observers) if observers else None)
    sim = Simulator(nr_dpus, engine, model, observer)
    sim.load(prog)

    writes = [_set_data(prog, req) for req in sets]
    for symbol, payload in writes:
        for i in range(nr_dpus):
            try:
                sim.write(i, symbol, payload)
            except HostAccessError as e:
                _fail(f"--set {symbol}: {e}")
    for req in dumps:  # check them now rather than after a long run
        sym = _symbol(prog, req.symbol, "--dump")
        try:
            read_symbol(sim, 0, req.symbol, req.length or sym.size or 4)
        except HostAccessError as e:
            _fail(f"--dump {req.symbol}: {e}")

    sim.boot()
    if tracer is not None:
        tracer.start(sim.dpus)
    show_progress = not quiet and sys.stderr.isatty()
    with _Progress(sim, show_progress) as progress:
        faults = run_all(sim, max_cycles, per_dpu=engine == "ref", progress=progress)
    if tracer is not None:
        tracer.finish(sim.dpus, faults)
    if profiler is not None:
        profiler.finish(sim.dpus)

    from . import stats as stats_mod
    statuses = [stats_mod.exit_status(d) for d in sim.dpus]
    status = exit_status(faults, statuses)

    out = sys.stdout.buffer
    problems = _print_logs(sim, out)
    for d in sim.dpus:
        for req in dumps:
            sym = prog.symbols[req.symbol]
            data_ = read_symbol(sim, d.index, req.symbol, req.length or sym.size or 4)
            for line in format_dump(req.symbol, d.index, data_):
                out.write(line.encode("utf-8") + b"\n")
    out.flush()
    for p in problems:
        click.echo(f"{TOOL}: error: {p}", err=True)
    if problems and status == 0:
        status = 1

    for d in sim.dpus:
        if not quiet:
            click.echo(_summary(d, model.clock_mhz), err=True)
        if d.index in faults:
            click.echo(faults[d.index].report(), err=True)
    if profiler is not None:
        _print_profile(profiler, prog, sys.stderr.isatty())

    name = os.path.basename(program)
    if stats_path:
        doc = stats_mod.collect(sim.dpus, program_name=name,
                                program_sha256=hashlib.sha256(data).hexdigest(),
                                engine=engine, model=model, faults=faults, status=status,
                                max_cycles=max_cycles, generator=f"{TOOL} {__version__}")
        stats_mod.validate(doc)
        _write_output(stats_path, stats_mod.dumps(doc), "statistics")
    if tracer is not None:
        doc = tracer.document({"program": name, "engine": engine, "model": model.name,
                               "generator": f"{TOOL} {__version__}"})
        _write_output(trace_path, json.dumps(doc, separators=(",", ":")) + "\n", "trace")
    return status


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the ``dpusim`` console script."""
    try:
        status = sim_cli.main(args=argv, prog_name=TOOL, standalone_mode=False)
    except _Error as e:
        click.echo(f"{TOOL}: error: {e}", err=True)
        status = e.status
    except click.UsageError as e:
        click.echo(f"{TOOL}: error: {e.format_message()}", err=True)
        click.echo(f"Try '{TOOL} --help' for more information.", err=True)
        status = EXIT_USAGE
    except click.ClickException as e:
        click.echo(f"{TOOL}: error: {e.format_message()}", err=True)
        status = e.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo(f"{TOOL}: interrupted", err=True)
        status = 130
    except BrokenPipeError:
        # The reader of standard output went away (`dpusim prog | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 1
    sys.exit(status or 0)


if __name__ == "__main__":
    main()
