"""dpushell's commands: what a line means, whatever reads the lines (a terminal, -c, a script).

A :class:`Shell` turns one line into calls of a :class:`~.backend.Backend` (the service's
methods, in-process or over a socket) and writes what a user reads to its output stream; it
never prints anywhere else and never exits.  A command that cannot be done raises
:class:`ShellError` with a message a user can act on; the front ends decide what an error
means (the terminal goes on, a batch run stops with exit status 1).

The commands follow gdb where gdb has one (``break``, ``run``, ``next``, ``bt``, ``info
breakpoints``, ``print``, ``x``-like ``mem``, ``set var``), with DPU words for the rest
(``tasklets``, ``log``, ``stats``).  ``help`` and ``help CMD`` come from the docstrings below:
the first line is the usage, the next paragraph the summary.
"""

from __future__ import annotations

import base64
import os
import re
import shlex
import string
import textwrap
from dataclasses import dataclass
from typing import Callable, TextIO

from .backend import Backend, BackendError


class ShellError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Command:
    name: str
    fn: Callable[[Shell, list[str]], bool | None]
    aliases: tuple[str, ...]
    usage: str
    summary: str
    details: str
    completes: str  # what its arguments complete to: symbols, functions, files, info, none


COMMANDS: dict[str, Command] = {}
ALIASES: dict[str, str] = {}


def command(*aliases: str, completes: str = "none"):
    """Register ``do_<name>`` as a command; its docstring is its help."""

    def register(fn):
        name = fn.__name__[3:]
        doc = (fn.__doc__ or "").strip("\n")
        lines = [s.strip() for s in doc.splitlines()]
        usage = lines[0] if lines else name
        rest = "\n".join(lines[1:]).strip()
        summary, _, details = rest.partition("\n\n")
        COMMANDS[name] = Command(name, fn, aliases, usage, " ".join(summary.split()),
                                 details.strip(), completes)
        for a in aliases:
            ALIASES[a] = name
        return fn

    return register


def _int(text: str, what: str) -> int:
    try:
        return int(text, 0)
    except ValueError:
        raise ShellError(f"{what} must be a number, not {text!r}") from None


_TASKLET_CONDITION = re.compile(r"^(?:if )?(?:tasklet|me\(\)) ?(?:== ?)?(\d+)$")


class Shell:
    """Runs dpushell commands on a back end and writes their output to ``out``."""

    def __init__(self, backend: Backend, out: TextIO):
        self.backend = backend
        self.out = out
        self.tasklet = 0  # the current tasklet (the one that stopped last, or 'tasklet N')
        self.dpu = 0
        self.dpus = 0  # DPUs allocated (0 before 'load')
        self.program: str | None = None
        self.symbols: dict | None = None  # functions, variables, files of the program
        self.debugging = False
        self.frame = 0  # the selected frame of the current tasklet ('frame', 'up', 'down')

    # ------------------------------------------------------------------ plumbing

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def call(self, method: str, **params) -> dict:
        try:
            return self.backend.call(method, **params)
        except BackendError as e:
            raise ShellError(e.message) from None

    def execute(self, line: str) -> bool:
        """Run one line; True when the shell should end (``quit``).  Raises ShellError."""
        line = line.strip()
        if not line or line.startswith("#"):
            return False
        name, _, rest = line.partition(" ")
        if "/" in name and name.split("/")[0] in ("x", "mem"):  # x/16 ADDR, like gdb's x/N
            name, _, count = name.partition("/")
            rest = f"{rest} {count.rstrip('xwb') or '64'}"
        cmd = self.lookup(name)
        try:
            args = shlex.split(rest)
        except ValueError as e:
            raise ShellError(f"{name}: {e}") from None
        return bool(cmd.fn(self, args))

    def lookup(self, name: str) -> Command:
        name = ALIASES.get(name, name)
        cmd = COMMANDS.get(name)
        if cmd is None:
            raise ShellError(f"unknown command '{name}' (try 'help')")
        return cmd

    def _need_program(self) -> None:
        if self.program is None:
            raise ShellError("no program loaded (use 'load FILE' first)")

    def _need_debugging(self) -> None:
        self._need_program()
        if not self.debugging:
            raise ShellError("the program is not being debugged (use 'run' with a breakpoint "
                             "set, or 'start')")

    def _usage(self, name: str) -> ShellError:
        return ShellError(f"usage: {COMMANDS[name].usage}")

    # ------------------------------------------------------------------ formatting

    @staticmethod
    def _where(place: dict) -> str:
        fn = place.get("function") or place.get("symbol") or "??"
        src = place.get("source")
        at = f" at {os.path.basename(src['file'])}:{src['line']}" if src else ""
        return f"{fn} ({place['address']:#010x}){at}" if not src else f"{fn}{at}"

    def _source_line(self, place: dict) -> None:
        """The source line of a stop, as gdb shows it, when the file can be read here."""
        src = place.get("source")
        if not src or not os.path.isfile(src["file"]):
            return
        try:
            with open(src["file"], encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except OSError:
            return
        if 0 < src["line"] <= len(lines):
            self.say(f"{src['line']}\t{lines[src['line'] - 1]}")

    def _who(self, dpu: int | None, tasklet: int | None) -> str:
        text = f"tasklet {tasklet}" if tasklet is not None else "the program"
        return text + (f" of DPU {dpu}" if self.dpus > 1 and dpu is not None else "")

    def _ended(self, dpus: list[int]) -> None:
        for d in self.call("stats", dpus=dpus)["dpus"]:
            self._end_line(d["dpu"], d["state"], d.get("exit_status"), d["cycles"],
                           d["instructions"], d.get("fault"))

    def _end_line(self, dpu: int, state: str, status, cycles: int, instructions: int,
                  fault: dict | None) -> None:
        if fault is not None:
            self.say(f"DPU {dpu}: {state}: {fault.get('report') or fault.get('kind')}")
            return
        ended = {"done": "exited", "interrupted": "interrupted", "limit": "stopped at the "
                 "cycle limit"}.get(state, state)
        code = f" with status {status}" if status is not None and ended == "exited" else ""
        self.say(f"DPU {dpu} {ended}{code}: {cycles} cycles, {instructions} instructions")

    def _stopped(self, stop: dict) -> None:
        """Say why the DPUs stopped and make the stopped tasklet the current one."""
        for dpu in stop.get("exited", []):
            self._ended([dpu])
        reason = stop["reason"]
        if reason == "exited" and stop.get("dpu") is None or (
                reason == "exited" and not stop.get("others")):
            self.debugging = False
            self.say("The program has ended ('log' shows its output).")
            return
        if reason == "exited":
            self.say(f"DPU {stop['dpu']} has ended; still debugging DPUs "
                     f"{', '.join(map(str, stop['others']))}")
            self.dpu = stop["others"][0]
            return
        self.dpu = stop["dpu"]
        self.frame = 0
        if stop.get("tasklet") is not None:
            self.tasklet = stop["tasklet"]
        who = self._who(stop["dpu"], stop.get("tasklet"))
        where = self._where(stop) if "address" in stop else "?"
        if reason == "breakpoint":
            self.say(f"Breakpoint {stop.get('breakpoint', '?')}, {who} in {where}")
        elif reason == "fault":
            self.debugging = False
            fault = stop.get("fault") or {}
            self.say(f"Fault in {who}: {fault.get('report') or fault.get('kind')}")
        elif reason == "entry":
            self.say(f"Stopped at entry: {who} in {where}")
        elif reason == "pause":
            self.say(f"Interrupted: {who} in {where}")
        elif reason == "limit":
            self.say(f"Stopped at the cycle limit: {who} in {where}")
        else:
            self.say(f"{who[0].upper()}{who[1:]} in {where}")
        self._source_line(stop)

    # ------------------------------------------------------------------ locations

    def _location(self, text: str) -> tuple[str | int, int]:
        """A memory location: SYMBOL, SYMBOL+OFFSET, or an address; (where, offset)."""
        name, plus, off = text.partition("+")
        offset = _int(off, "an offset") if plus else 0
        try:
            return int(name, 0), offset
        except ValueError:
            pass
        if not name or not re.fullmatch(r"[A-Za-z_.$][\w.$]*", name):
            raise ShellError(f"not a symbol or an address: {text!r}")
        return name, offset

    def _break_location(self, text: str) -> str:
        if text.isdigit():  # a line of the current file, as in gdb
            file = self._current_file()
            if file is None:
                raise ShellError(f"no current source file for line {text} (use FILE:{text})")
            return f"{file}:{text}"
        return text

    def _current_file(self) -> str | None:
        if self.debugging:
            try:
                frames = self.call("debug.backtrace", tasklet=self.tasklet, dpu=self.dpu)
                for f in frames["frames"]:
                    if f.get("source") and f["source"]["file"] != "<bootstrap>":
                        return f["source"]["file"]
            except ShellError:
                pass
        files = (self._symbols() or {}).get("files", [])
        return files[0] if files else None

    def _is_c_variable(self, name: str) -> bool:
        """A parameter or local of the selected frame, or a global described with its type."""
        try:
            found = self.call("debug.variables", dpu=self.dpu, tasklet=self.tasklet,
                              frame=self.frame)["variables"]
            if any(v["name"] == name for v in found):
                return True
            return self.call("debug.evaluate", dpu=self.dpu, expression=name).get("kind") \
                == "variable"
        except ShellError:
            return False

    def _symbols(self) -> dict | None:
        if self.program is None:
            return None
        if self.symbols is None:
            try:
                self.symbols = self.call("symbols")
            except ShellError:
                self.symbols = {"functions": [], "variables": [], "files": []}
        return self.symbols

    # ------------------------------------------------------------------ program

    @command(completes="files")
    def do_load(self, args: list[str]) -> None:
        """load FILE [--dpus N] [--engine ref|vector]
        Load a DPU executable on N DPUs (1 unless said; the DPUs are allocated again when N
        or the engine changes).

        The file is read here and sent to the simulator, so a remote dpuservice needs no
        access to it.  Breakpoints are kept across a reload."""
        path, dpus, engine = None, None, None
        it = iter(args)
        for a in it:
            if a in ("--dpus", "-n"):
                dpus = _int(next(it, ""), "--dpus")
            elif a in ("--engine", "-e"):
                engine = next(it, None)
                if engine is None:
                    raise self._usage("load")
            elif a.startswith("-"):
                raise ShellError(f"load: unknown option {a!r}")
            elif path is None:
                path = a
            else:
                raise self._usage("load")
        if path is None:
            raise self._usage("load")
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as e:
            raise ShellError(f"{path}: {e.strerror}") from None
        params = {"data": base64.b64encode(data).decode("ascii"),
                  "name": os.path.basename(path)}
        if dpus is not None:
            params["dpus"] = dpus
        if engine is not None:
            params["engine"] = engine
        r = self.call("load", **params)
        status = self.call("status")
        self.program, self.symbols, self.debugging = r["program"], None, False
        self.dpus, self.dpu, self.tasklet = len(status["dpus"]), 0, 0
        tasklets = r.get("tasklets") or []
        span = f"tasklets {tasklets[0]}..{tasklets[-1]}" if len(tasklets) > 1 else \
            f"tasklet {tasklets[0]}" if tasklets else "no tasklet table"
        self.say(f"Loaded {r['program']}: {r['instructions']} instructions, {r['symbols']} "
                 f"symbols, {'line tables' if r['lines'] else 'no line tables (build with -g)'}"
                 f", {span}, on {self.dpus} DPU{'s' if self.dpus > 1 else ''} "
                 f"({status['engine']} engine)")
        for bp in r.get("breakpoints") or []:
            self.say(f"Breakpoint {bp['id']} kept at {bp['location']}")

    @command("set", completes="symbols")
    def do_write(self, args: list[str]) -> None:
        """write LOCATION VALUE... | write LOCATION --file FILE | set var LOCATION = VALUE
        Write 32-bit words (or a file's bytes) at a symbol, SYMBOL+OFFSET or an address, on
        every DPU: the program's inputs before 'run'.

        While debugging, 'set var r3 = 5' (or 'set $r3 = 5') sets a register of the current
        tasklet, and 'set var total = 12' a C variable of the selected frame (or a global),
        from a C constant, in programs built with -g.  Examples:
          write 0x08000000 --file document.txt      the document in MRAM
          write __sys_mbox 4096 101                 the host's request in the system mailbox
          set var input = 7"""
        if args and args[0] == "var":
            args = args[1:]
        if len(args) >= 2 and args[1] == "=":
            args = [args[0], *args[2:]]
        elif len(args) == 1 and "=" in args[0]:
            left, _, right = args[0].partition("=")
            args = [left, right]
        if len(args) < 2:
            raise self._usage("write")
        self._need_program()
        target = args[0]
        reg = target.lstrip("$%").lower()
        if self.debugging and re.fullmatch(r"r\d+|d\d+|pc|sp|zf|cf", reg):
            if len(args) != 2:
                raise self._usage("write")
            r = self.call("debug.setRegister", dpu=self.dpu, tasklet=self.tasklet,
                          name=reg, value=_int(args[1], "the value"))
            self.say(f"{reg} = {r['value']:#x} ({r['value']})")
            return
        if self.debugging and len(args) == 2 and target.isidentifier() and \
                self._is_c_variable(target):
            r = self.call("debug.setVariable", dpu=self.dpu, tasklet=self.tasklet,
                          frame=self.frame, name=target, value=args[1])
            self.say(f"{target} = {r['value']}")
            return
        where, offset = self._location(target)
        if args[1] == "--file":
            if len(args) != 3:
                raise self._usage("write")
            try:
                with open(args[2], "rb") as fh:
                    data = fh.read()
            except OSError as e:
                raise ShellError(f"{args[2]}: {e.strerror}") from None
        else:
            values = [_int(v, "a value") for v in args[1:]]
            for v in values:
                if not -(1 << 31) <= v < (1 << 32):
                    raise ShellError(f"{v} does not fit in a 32-bit word")
            data = b"".join((v & 0xFFFFFFFF).to_bytes(4, "little") for v in values)
        self.call("write", where=where, offset=offset,
                  data=base64.b64encode(data).decode("ascii"))
        self.say(f"Wrote {len(data)} bytes at {target}")

    # ------------------------------------------------------------------ running

    @command("r")
    def do_run(self, args: list[str]) -> None:
        """run [--max-cycles N]
        Boot the DPUs and run the program: to its end, or, when breakpoints are set, under
        the debugger until one is hit.

        Without breakpoints the DPUs run at full speed ('start' debugs without any)."""
        max_cycles = self._max_cycles(args, "run")
        self._need_program()
        if self.call("debug.breakpoints")["breakpoints"]:
            self.call("debug.start", dpus=list(range(self.dpus)))
            self.debugging = True
            self._stopped(self.call("debug.continue", **max_cycles))
            return
        self.debugging = False
        r = self.call("launch", **max_cycles)
        for d in r["dpus"]:
            self._end_line(d["dpu"], d["status"], d.get("exit_status"), d["cycles"],
                           d["instructions"], d.get("fault"))

    def _max_cycles(self, args: list[str], name: str) -> dict:
        if not args:
            return {}
        if len(args) == 2 and args[0] == "--max-cycles":
            return {"maxCycles": _int(args[1], "--max-cycles")}
        raise self._usage(name)

    @command()
    def do_start(self, args: list[str]) -> None:
        """start
        Boot the DPUs under the debugger and stop before the first instruction (tasklet 0 in
        the bootstrap)."""
        if args:
            raise self._usage("start")
        self._need_program()
        r = self.call("debug.start", dpus=list(range(self.dpus)))
        self.debugging = True
        self._stopped(r)

    @command("c", "cont")
    def do_continue(self, args: list[str]) -> None:
        """continue [--max-cycles N]
        Resume the program until a breakpoint, a fault or its end."""
        max_cycles = self._max_cycles(args, "continue")
        self._need_debugging()
        self._stopped(self.call("debug.continue", **max_cycles))

    def _step(self, args: list[str], mode: str, name: str) -> None:
        count = 1
        if len(args) == 1:
            count = _int(args[0], "the count")
        elif args:
            raise self._usage(name)
        self._need_debugging()
        for _ in range(max(1, count)):
            r = self.call("debug.step", dpu=self.dpu, tasklet=self.tasklet, mode=mode)
            self._stopped(r)
            if not self.debugging or r["reason"] not in ("step",):
                break

    @command("s")
    def do_step(self, args: list[str]) -> None:
        """step [N]
        Run the current tasklet to the next source line, into calls."""
        self._step(args, "in", "step")

    @command("n")
    def do_next(self, args: list[str]) -> None:
        """next [N]
        Run the current tasklet to the next source line of this function, over calls."""
        self._step(args, "over", "next")

    @command("fin")
    def do_finish(self, args: list[str]) -> None:
        """finish
        Run the current tasklet until its function returns."""
        self._step(args, "out", "finish")

    @command("si", "nexti", "ni")
    def do_stepi(self, args: list[str]) -> None:
        """stepi [N]
        Run one instruction of the current tasklet."""
        self._step(args, "instruction", "stepi")

    # ------------------------------------------------------------------ breakpoints

    @command("b", "br", completes="functions")
    def do_break(self, args: list[str]) -> None:
        """break LOCATION [tasklet N | if tasklet == N]
        Stop when a tasklet reaches LOCATION: a function, FILE:LINE, a LINE of the current
        file, or *ADDRESS; with a condition, only that tasklet stops there."""
        if not args:
            raise self._usage("break")
        self._need_program()
        location = self._break_location(args[0])
        params: dict = {"location": location}
        if len(args) > 1:
            cond = " ".join(args[1:])
            m = _TASKLET_CONDITION.match(re.sub(r"\s+", " ", cond).strip())
            if m is None:
                raise ShellError(f"unsupported condition {cond!r} (expected 'tasklet N' or "
                                 "'if tasklet == N')")
            params["tasklet"] = int(m.group(1))
        bp = self.call("debug.break", **params)
        self.say(self._bp_text(bp))

    def _bp_text(self, bp: dict) -> str:
        places = ", ".join(f"{p['address']:#010x}: {self._where(p)}" for p in bp["locations"])
        cond = f" (tasklet {bp['tasklet']} only)" if bp.get("tasklet") is not None else ""
        return f"Breakpoint {bp['id']} at {places}{cond}"

    @command("d", completes="none")
    def do_delete(self, args: list[str]) -> None:
        """delete [N...]
        Delete breakpoints N..., or all of them."""
        self._need_program()
        if not args:
            r = self.call("debug.delete")
        else:
            deleted = []
            for a in args:
                deleted += self.call("debug.delete", id=_int(a, "a breakpoint number"))[
                    "deleted"]
            r = {"deleted": deleted}
        ids = r["deleted"]
        self.say(f"Deleted breakpoint{'s' if len(ids) != 1 else ''} "
                 f"{', '.join(map(str, ids))}" if ids else "No breakpoints.")

    # ------------------------------------------------------------------ looking

    @command("backtrace", "where")
    def do_bt(self, args: list[str]) -> None:
        """bt [full] [TASKLET|all]
        The call stack of the current tasklet (or of TASKLET, or of every tasklet), with the
        arguments of each call; 'bt full' adds each frame's locals (programs built with -g)."""
        self._need_debugging()
        full = bool(args) and args[0] == "full"
        if full:
            args = args[1:]
        if args == ["all"]:
            tasklets = [t["tasklet"] for t in self.call("debug.tasklets", dpu=self.dpu)
                        ["tasklets"]]
        elif len(args) == 1:
            tasklets = [_int(args[0], "the tasklet")]
        elif not args:
            tasklets = [self.tasklet]
        else:
            raise self._usage("bt")
        for t in tasklets:
            r = self.call("debug.backtrace", dpu=self.dpu, tasklet=t)
            if len(tasklets) > 1:
                self.say(f"Tasklet {t}:")
            for f in r["frames"]:
                variables = f.get("variables") or []
                params = [v for v in variables if v["parameter"]]
                call = ""
                if f.get("function") and f.get("source"):
                    call = " (" + ", ".join(f"{v['name']}={v['value']}" for v in params) + ")"
                where = self._where(f)
                if call:
                    name, _, rest = where.partition(" at ")
                    where = f"{name}{call} at {rest}" if rest else name + call
                self.say(f"#{f['level']}  {f['address']:#010x} in {where}")
                if full:
                    locals_ = [v for v in variables if not v["parameter"]]
                    for v in locals_:
                        self.say(f"        {v['name']} = {v['value']}")
                    if not locals_:
                        self.say("No locals.")

    @command("registers", "info-registers")
    def do_regs(self, args: list[str]) -> None:
        """regs [TASKLET]
        The registers and flags of the current tasklet (or of TASKLET)."""
        self._need_debugging()
        tasklet = _int(args[0], "the tasklet") if len(args) == 1 else self.tasklet
        if len(args) > 1:
            raise self._usage("regs")
        regs = self.call("debug.registers", dpu=self.dpu, tasklet=tasklet)["registers"]
        for name, value in regs.items():
            if name == "pc":
                self.say(f"{name:<4}{0x80000000 + 8 * value:#010x}  (instruction {value})")
            else:
                self.say(f"{name:<4}{value:#010x}  {value}")

    @command("p", completes="symbols")
    def do_print(self, args: list[str]) -> None:
        """print EXPRESSION
        A register (r3, d4, pc, sp), a parameter or local of the selected frame (-g), a
        symbol's value, SYMBOL[i] (its i-th word), &SYMBOL, or a number."""
        if not args:
            raise self._usage("print")
        self._need_program()
        params = {"dpu": self.dpu, "expression": " ".join(args)}
        if self.debugging:
            params["tasklet"] = self.tasklet
            params["frame"] = self.frame
        self.say(f"{' '.join(args)} = {self.call('debug.evaluate', **params)['text']}")

    @command("f")
    def do_frame(self, args: list[str]) -> None:
        """frame [N]
        Select frame N of the current tasklet's stack (0 is where it stopped) for 'print',
        'info locals' and 'info args'; without N, show the selected frame."""
        self._need_debugging()
        if len(args) > 1:
            raise self._usage("frame")
        self._select_frame(_int(args[0], "the frame") if args else self.frame)

    @command()
    def do_up(self, args: list[str]) -> None:
        """up [N]
        Select the frame N (1 unless said) levels up: the caller's."""
        self._need_debugging()
        self._select_frame(self.frame + (_int(args[0], "the count") if args else 1))

    @command()
    def do_down(self, args: list[str]) -> None:
        """down [N]
        Select the frame N (1 unless said) levels down: the callee's."""
        self._need_debugging()
        self._select_frame(self.frame - (_int(args[0], "the count") if args else 1))

    def _select_frame(self, level: int) -> None:
        frames = self.call("debug.backtrace", dpu=self.dpu, tasklet=self.tasklet)["frames"]
        if not 0 <= level < len(frames):
            raise ShellError(f"no frame {level} (tasklet {self.tasklet} has {len(frames)})")
        self.frame = level
        f = frames[level]
        self.say(f"#{level}  {f['address']:#010x} in {self._where(f)}")
        self._source_line(f)

    def _frame_variables(self, parameters: bool) -> None:
        self._need_debugging()
        found = self.call("debug.variables", dpu=self.dpu, tasklet=self.tasklet,
                          frame=self.frame)["variables"]
        chosen = [v for v in found if v["parameter"] == parameters]
        if not chosen:
            self.say("No arguments." if parameters else "No locals.")
        for v in chosen:
            self.say(f"{v['name']} = {v['value']}")

    @command("x", completes="symbols")
    def do_mem(self, args: list[str]) -> None:
        """mem LOCATION [LENGTH]
        A hex dump of LENGTH bytes (64 unless said) at a symbol, SYMBOL+OFFSET or an address
        (WRAM from 0, MRAM from 0x08000000, IRAM from 0x80000000) of the current DPU."""
        if not 1 <= len(args) <= 2:
            raise self._usage("mem")
        where, offset = self._location(args[0])
        length = _int(args[1], "the length") if len(args) == 2 else 64
        if isinstance(where, str):
            self._need_program()
        if self.program is None:
            raise ShellError("no program loaded (use 'load FILE' first)")
        if self.debugging or isinstance(where, str) or where >= 0x80000000:
            r = self.call("debug.read", dpu=self.dpu, where=where, offset=offset,
                          length=length)
            base = r["address"]
        else:
            r = self.call("read", dpu=self.dpu, where=where, offset=offset, length=length)
            base = where + offset
        data = base64.b64decode(r["data"])
        for k in range(0, len(data), 16):
            chunk = data[k:k + 16]
            hexes = " ".join(chunk[i:i + 4].hex() for i in range(0, len(chunk), 4))
            text = "".join(chr(b) if chr(b) in string.printable[:-5] else "." for b in chunk)
            self.say(f"{base + k:#010x}  {hexes:<35}  {text}")

    @command("disassemble", completes="functions")
    def do_disasm(self, args: list[str]) -> None:
        """disasm [LOCATION] [COUNT]
        COUNT instructions (16 unless said) from a function, *ADDRESS or FILE:LINE; from the
        current tasklet's pc while debugging."""
        if len(args) > 2:
            raise self._usage("disasm")
        self._need_program()
        params: dict = {"dpu": self.dpu, "count": 16}
        pc = None
        if args:
            if len(args) == 2:
                params["count"] = _int(args[1], "the count")
            params["where"] = args[0].lstrip("*")
        elif self.debugging:
            regs = self.call("debug.registers", dpu=self.dpu, tasklet=self.tasklet)
            pc = regs["registers"]["pc"]
            params["where"] = 0x80000000 + 8 * pc
        if self.debugging and pc is None:
            pc = self.call("debug.registers", dpu=self.dpu, tasklet=self.tasklet)[
                "registers"]["pc"]
        for ins in self.call("debug.disassemble", **params)["instructions"]:
            mark = "=>" if ins["pc"] == pc else "  "
            sym = f" <{ins['symbol']}>" if ins.get("symbol") else ""
            self.say(f"{mark} {ins['address']:#010x}{sym}:\t{ins['text']}")

    @command("threads", "info-tasklets")
    def do_tasklets(self, args: list[str]) -> None:
        """tasklets
        The tasklets of the current DPU: state (running, stopped, dma, lock), where they are
        and how many instructions they ran; '*' marks the current one."""
        if args:
            raise self._usage("tasklets")
        self._need_debugging()
        for t in self.call("debug.tasklets", dpu=self.dpu)["tasklets"]:
            mark = "*" if t["tasklet"] == self.tasklet else " "
            place = f" in {self._where(t)}" if "address" in t else ""
            self.say(f"{mark} {t['tasklet']:>2}  {t['state']:<8} {t['instructions']:>8} "
                     f"instructions{place}")

    @command("thread")
    def do_tasklet(self, args: list[str]) -> None:
        """tasklet [N]
        Make tasklet N the current one (the one 'step', 'bt', 'regs' act on), or show it."""
        if not args:
            self.say(f"The current tasklet is {self.tasklet}" +
                     (f" of DPU {self.dpu}" if self.dpus > 1 else ""))
            return
        if len(args) != 1:
            raise self._usage("tasklet")
        n = _int(args[0], "the tasklet")
        self._need_program()
        if not 0 <= n < 24:
            raise ShellError(f"tasklet {n} does not exist (0..23)")
        self.tasklet = n
        self.say(f"Tasklet {n}")

    @command()
    def do_dpu(self, args: list[str]) -> None:
        """dpu [N]
        Make DPU N the current one (the one 'log', 'mem', 'tasklets' look at), or show it."""
        if not args:
            self.say(f"The current DPU is {self.dpu} of {self.dpus}")
            return
        n = _int(args[0], "the DPU")
        if not 0 <= n < max(self.dpus, 1) or len(args) != 1:
            raise ShellError(f"DPU {n} does not exist" if self.dpus else
                             "no DPUs (use 'load FILE' first)")
        self.dpu = n
        self.say(f"DPU {n}")

    @command()
    def do_log(self, args: list[str]) -> None:
        """log [DPU]
        What the program printed (printf) on the current DPU, or on DPU."""
        self._need_program()
        dpu = _int(args[0], "the DPU") if args else self.dpu
        r = self.call("log", dpu=dpu)
        if r["text"]:
            self.out.write(r["text"] if r["text"].endswith("\n") else r["text"] + "\n")
        if r.get("error"):
            raise ShellError(f"the log of DPU {dpu} is damaged: {r['error']}")

    @command()
    def do_stats(self, args: list[str]) -> None:
        """stats
        Cycles, instructions and time of every DPU, and the cycles of each tasklet."""
        if args:
            raise self._usage("stats")
        self._need_program()
        r = self.call("stats")
        for d in r["dpus"]:
            self.say(f"DPU {d['dpu']}: {d['state']}, {d['cycles']} cycles, "
                     f"{d['instructions']} instructions, {d['time_s'] * 1e3:.3f} ms at "
                     f"{r['clock_hz'] / 1e6:g} MHz")
            for t in d["tasklets"]:
                self.say(f"  tasklet {t['tasklet']:>2}: {t['instructions']:>8} instructions, "
                         f"{t['cycles']:>9} cycles")

    @command()
    def do_status(self, args: list[str]) -> None:
        """status
        The program loaded, the engine and the state of every DPU."""
        r = self.call("status")
        self.say(f"Back end: {self.backend.description}; program: {r['program'] or 'none'}; "
                 f"engine: {r['engine']}")
        for d in r["dpus"]:
            self.say(f"  DPU {d['dpu']}: {d['state']}, {d['cycles']} cycles")

    @command(completes="info")
    def do_info(self, args: list[str]) -> None:
        """info breakpoints|registers|tasklets|functions|variables|files|mailboxes|status|locals|args
        What gdb users look for under 'info'."""
        if not args:
            raise self._usage("info")
        what, rest = args[0], args[1:]
        topics = {"breakpoints": self._info_breakpoints, "registers": self.do_regs,
                  "tasklets": self.do_tasklets, "threads": self.do_tasklets,
                  "functions": self._info_functions, "variables": self._info_variables,
                  "files": self._info_files, "sources": self._info_files,
                  "mailboxes": self._info_mailboxes, "status": self.do_status,
                  "program": self.do_status, "frame": self.do_bt, "stack": self.do_bt,
                  "locals": lambda rest: self._frame_variables(False),
                  "args": lambda rest: self._frame_variables(True)}
        matches = [k for k in topics if k.startswith(what)] if what not in topics else [what]
        if len(matches) != 1:
            raise ShellError(f"info: unknown topic {what!r} (expected "
                             f"{', '.join(INFO_TOPICS)})")
        topics[matches[0]](rest)

    def _info_breakpoints(self, args: list[str]) -> None:
        self._need_program()
        bps = self.call("debug.breakpoints")["breakpoints"]
        if not bps:
            self.say("No breakpoints.")
        for bp in bps:
            self.say(f"{self._bp_text(bp)}, hit {bp['hits']} time"
                     f"{'s' if bp['hits'] != 1 else ''}")

    def _info_functions(self, args: list[str]) -> None:
        self._need_program()
        for name in self._symbols()["functions"]:
            self.say(name)

    def _info_variables(self, args: list[str]) -> None:
        self._need_program()
        for v in self._symbols()["variables"]:
            self.say(f"{v['address']:#010x} {v['size']:>8}  {v['region']:<6} {v['name']}")

    def _info_files(self, args: list[str]) -> None:
        self._need_program()
        for f in self._symbols()["files"]:
            self.say(f)

    def _info_mailboxes(self, args: list[str]) -> None:
        self._need_debugging()
        for name, data in self.call("debug.mailboxes", dpu=self.dpu)["mailboxes"].items():
            raw = base64.b64decode(data)
            words = [int.from_bytes(raw[k:k + 4], "little") for k in range(0, len(raw) - 3, 4)]
            self.say(f"{name}: {{{', '.join(map(str, words))}}}")

    # ------------------------------------------------------------------ the rest

    @command()
    def do_echo(self, args: list[str]) -> None:
        """echo TEXT
        Print TEXT (for scripts)."""
        self.say(" ".join(args))

    @command("h", completes="commands")
    def do_help(self, args: list[str]) -> None:
        """help [COMMAND]
        The commands, or what COMMAND does."""
        if args:
            self.say(self.help_text(args[0]))
            return
        self.say("Commands (help COMMAND for more; a command's aliases in brackets):")
        for c in sorted(COMMANDS.values(), key=lambda c: c.name):
            aliases = [a for a in c.aliases if "-" not in a]
            names = c.name + (f" [{', '.join(aliases)}]" if aliases else "")
            self.say(textwrap.fill(c.summary.split(". ")[0].rstrip("."), 79,
                                   initial_indent=f"  {names:<24} ", subsequent_indent=" " * 27))

    def help_text(self, name: str) -> str:
        c = self.lookup(name)
        aliases = [a for a in c.aliases if "-" not in a]
        text = f"usage: {c.usage}\n{c.summary}"
        if c.details:
            text += "\n\n" + c.details
        if aliases:
            text += f"\nAliases: {', '.join(aliases)}"
        return text

    @command("q", "exit")
    def do_quit(self, args: list[str]) -> bool:
        """quit
        Leave dpushell (end of input does too)."""
        return True

    # ------------------------------------------------------------------ completion

    def complete(self, line: str) -> list[str]:
        """Words that can end ``line`` (the text before the cursor): commands first, then what
        the command takes (functions, symbols, files, info topics)."""
        words = line.split(" ")
        if len(words) == 1:
            return sorted({n for n in list(COMMANDS) + [a for a in ALIASES if "-" not in a]
                           if n.startswith(words[0])})
        word = words[-1]
        try:
            cmd = self.lookup(words[0].split("/")[0])
        except ShellError:
            return []
        kind = cmd.completes
        if kind == "commands":
            return sorted(n for n in COMMANDS if n.startswith(word))
        if kind == "info":
            return [t for t in INFO_TOPICS if t.startswith(word)] if len(words) == 2 else []
        if kind == "files":
            return _complete_path(word)
        symbols = self._symbols()
        if symbols is None:
            return []
        names = list(symbols["functions"])
        if kind == "symbols":
            names += [v["name"] for v in symbols["variables"]]
        if kind == "functions" and len(words) == 2:
            names += [os.path.basename(f) + ":" for f in symbols["files"]]
        return sorted({n for n in names if n.startswith(word)})


INFO_TOPICS = ("breakpoints", "registers", "tasklets", "functions", "variables", "files",
               "mailboxes", "status", "locals", "args")


def _complete_path(word: str) -> list[str]:
    directory, _, prefix = word.rpartition("/")
    base = directory + "/" if directory or word.startswith("/") else ""
    try:
        names = os.listdir(directory or ".") if not (word.startswith("/") and not directory) \
            else os.listdir("/")
    except OSError:
        return []
    out = []
    for n in sorted(names):
        if n.startswith(prefix) and (prefix.startswith(".") or not n.startswith(".")):
            full = base + n
            out.append(full + "/" if os.path.isdir(full) else full)
    return out
