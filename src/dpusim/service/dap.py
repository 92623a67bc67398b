"""The Debug Adapter Protocol on a dpuservice connection.

DAP's threads are the tasklets: tasklet ``t`` of DPU ``d`` is thread ``(d + 1) * 100 + t``
(DPU 0's tasklet 3 is thread 103), named ``tasklet 3`` (``DPU 1 tasklet 3`` with several DPUs).
A stop stops the whole DPU (``allThreadsStopped``).  The session is the usual one:

    initialize → (response) → launch | attach → (response, ``initialized`` event)
    → setBreakpoints … → configurationDone → ``stopped`` … → ``output`` (the DPU log),
    ``exited``, ``terminated``

``launch`` takes ``program`` (an executable the server reads), ``dpus``, ``stopOnEntry``,
``noDebug``, ``engine`` (for ``noDebug`` runs), ``inputs`` (host writes before the boot:
``{"symbol" | "address", "offset", "data" | "words", "dpu"}``), ``maxCycles`` and ``token``;
``attach`` takes ``session``: the name of a JSON-RPC session whose DPUs to debug (its program
loaded and its inputs written by a host program), and ``token``.  Everything else about the
requests is in docs/dpuservice.md.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import os
import re
import traceback
from dpucore import memory

from ..state import TaskletState
from .control import (IRAM_BASE, MAX_READ, Params, _load, address_of, hex32)
from .errors import InvalidParams, RequestFailed, ServiceError, Unauthenticated, WrongState

log = logging.getLogger("dpuservice")

THREADS_PER_DPU = 100
_CONDITION = re.compile(r"^\s*(?:tasklet|me\(\))\s*==\s*(\d+)\s*$")
NEEDS_LAUNCH = {"configurationDone", "stackTrace", "scopes", "variables", "setVariable",
                "continue", "next", "stepIn", "stepOut", "disassemble", "readMemory",
                "writeMemory", "evaluate", "exceptionInfo"}
BEFORE_AUTH = {"initialize", "launch", "attach", "disconnect"}

CAPABILITIES = {
    "supportsConfigurationDoneRequest": True,
    "supportsFunctionBreakpoints": True,
    "supportsConditionalBreakpoints": True,  # only "tasklet == N"
    "supportsInstructionBreakpoints": True,
    "supportsDisassembleRequest": True,
    "supportsReadMemoryRequest": True,
    "supportsWriteMemoryRequest": True,
    "supportsSteppingGranularity": True,
    "supportsSetVariable": True,
    "supportsEvaluateForHovers": True,
    "supportsTerminateRequest": True,
    "supportsExceptionInfoRequest": True,
    "supportTerminateDebuggee": True,
    "supportsHitConditionalBreakpoints": False,
    "supportsLogPoints": False,
    "supportsRestartRequest": False,
    "supportsStepBack": False,
    "supportsDataBreakpoints": False,
    "exceptionBreakpointFilters": [],
}


def thread_id(dpu: int, tasklet: int) -> int:
    return (dpu + 1) * THREADS_PER_DPU + tasklet


class DapError(ServiceError):
    pass


class DapHandler:
    def __init__(self, conn):
        self.conn = conn
        self.seq = 0
        self.lines1 = True
        self.columns1 = True
        self.launched = False
        self.configured = False
        self.terminated = False
        self.no_debug = False
        self.stop_on_entry = False
        self.max_cycles: int | None = None
        self.engine = "ref"
        self.dpus = 1
        self.pending: list[tuple[str, dict]] = []  # breakpoint requests made before launch
        self.source_bps: dict[str, list[int]] = {}
        self.function_bps: list[int] = []
        self.instruction_bps: list[int] = []
        self.frames: dict[int, tuple[int, int, int]] = {}
        self.refs: dict[int, tuple] = {}
        self.log_sent: dict[int, int] = {}
        self.last_stop: dict | None = None
        self.repausing: asyncio.Task | None = None

    @property
    def control(self):
        return self.conn.control

    # ----------------------------------------------------------------- output

    def _next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def event(self, name: str, body: dict | None = None) -> None:
        message = {"seq": self._next_seq(), "type": "event", "event": name}
        if body is not None:
            message["body"] = body
        self.conn.send(message)

    def respond(self, request: dict, body: dict | None = None) -> None:
        message = {"seq": self._next_seq(), "type": "response",
                   "request_seq": request.get("seq", 0), "success": True,
                   "command": request.get("command", "")}
        if body is not None:
            message["body"] = body
        self.conn.send(message)

    def fail(self, request: dict, text: str) -> None:
        self.conn.send({"seq": self._next_seq(), "type": "response",
                        "request_seq": request.get("seq", 0)
                        if isinstance(request.get("seq"), int) else 0,
                        "success": False,
                        "command": request.get("command", "")
                        if isinstance(request.get("command"), str) else "",
                        "message": text,
                        "body": {"error": {"id": 1, "format": text, "showUser": True}}})

    def notice(self, text: str) -> None:
        self.event("output", {"category": "important", "output": text + "\n"})

    def bad_message(self, why: str) -> None:
        self.fail({}, why)

    # ----------------------------------------------------------------- input

    def receive(self, msg) -> None:
        if not isinstance(msg, dict):
            self.fail({}, "a DAP message must be a JSON object")
            return
        if msg.get("type") != "request":
            if msg.get("type") in ("response", "event"):
                return  # answers to reverse requests we never make; nothing to do
            self.fail(msg, "expected a message of type 'request'")
            return
        command, seq = msg.get("command"), msg.get("seq")
        if not isinstance(command, str) or isinstance(seq, bool) or not isinstance(seq, int):
            self.fail(msg, "a request needs an integer 'seq' and a string 'command'")
            return
        if "arguments" in msg and not isinstance(msg["arguments"], dict):
            self.fail(msg, f"{command}: 'arguments' must be an object")
            return
        if not self.conn.authenticated and command not in BEFORE_AUTH:
            self.fail(msg, "unauthenticated: this server needs its token in the 'launch' or "
                           "'attach' arguments ('token')")
            return
        if command == "pause":
            self._pause(msg)
            return
        if command == "threads":
            self.respond(msg, {"threads": self._threads()})
            return
        if command in ("disconnect", "terminate"):
            self.control.interrupt()  # whatever runs stops, so that the request is served
        if not self.conn.enqueue(msg):
            self.fail(msg, "too many requests waiting on this connection")

    async def handle(self, msg: dict) -> None:
        command = msg["command"]
        args = msg.get("arguments") or {}
        handler = getattr(self, "req_" + command, None)
        if handler is None:
            self.fail(msg, f"unsupported request '{command}'")
            return
        if command in NEEDS_LAUNCH and not self.launched:
            self.fail(msg, f"{command}: nothing is launched yet (send 'launch' or 'attach' "
                           f"first)")
            return
        log.debug("%s: DAP %s", self.conn.name, command)
        try:
            await handler(msg, args)
        except ServiceError as e:
            self.fail(msg, e.message)
            if isinstance(e, Unauthenticated):
                await self.conn.drain()
                self.conn.abort()
        except Exception as e:  # noqa: BLE001 - answered, logged, the server goes on
            log.error("%s: internal error in DAP %s:\n%s", self.conn.name, command,
                      traceback.format_exc())
            self.fail(msg, f"internal error: {e.__class__.__name__}: {e}")

    async def closed(self) -> None:
        if self.repausing is not None:
            self.repausing.cancel()

    def _work(self, fn, *args):
        return self.conn.run_in_worker(self.control.locked, fn, *args)

    # ----------------------------------------------------------------- session

    async def req_initialize(self, msg, args) -> None:
        self.lines1 = args.get("linesStartAt1", True) is not False
        self.columns1 = args.get("columnsStartAt1", True) is not False
        if "token" in args and not self.conn.authenticated:
            self._authenticate(args)
        self.respond(msg, dict(CAPABILITIES))

    def _authenticate(self, args: dict) -> None:
        if self.conn.authenticated:
            return
        if not self.conn.server.check_token(args.get("token")):
            log.warning("%s: %s token from %s; closing", self.conn.name,
                        "no" if args.get("token") is None else "wrong", self.conn.peer)
            raise Unauthenticated("this server needs its token: give it as 'token' in the "
                                  "launch configuration" if args.get("token") is None
                                  else "wrong token")
        self.conn.authenticated = True

    async def req_launch(self, msg, args) -> None:
        self._authenticate(args)
        if self.launched:
            raise WrongState("already launched (one debuggee per connection)")
        program = args.get("program")
        if not isinstance(program, str) or not program:
            raise InvalidParams("launch needs 'program': the path of a DPU executable on the "
                                "server's machine")
        cwd = args.get("cwd")
        if isinstance(cwd, str) and not os.path.isabs(program):
            program = os.path.join(cwd, program)
        p = Params({k: args[k] for k in ("dpus", "engine", "stopOnEntry", "noDebug",
                                         "maxCycles") if k in args})
        self.dpus = p.int("dpus", 1, 1, self.conn.limits.max_dpus_per_client)
        self.engine = p.str("engine", "ref", choices=("ref", "vector", "native"))
        self.stop_on_entry = p.bool("stopOnEntry")
        self.no_debug = p.bool("noDebug")
        self.max_cycles = p.int("maxCycles", None, 1)
        inputs = args.get("inputs") or []
        if not isinstance(inputs, list):
            raise InvalidParams("'inputs' must be a list of writes")

        def setup() -> dict:
            c = self.control
            result = _load(c, Params({"path": program, "dpus": self.dpus,
                                      "engine": self.engine}))
            self._write_inputs(inputs)
            return result

        result = await self._work(setup)
        await self._launched(msg, result)

    def _write_inputs(self, inputs: list) -> None:
        c = self.control
        for k, item in enumerate(inputs):
            if not isinstance(item, dict):
                raise InvalidParams(f"inputs[{k}] must be an object")
            item = dict(item)
            where = item.pop("symbol", None)
            if where is None:
                where = item.pop("address", None)
            p = Params(item)
            if where is None:
                raise InvalidParams(f"inputs[{k}] needs 'symbol' or 'address'")
            if isinstance(where, str):
                try:
                    where = int(where, 0)
                except ValueError:
                    pass
            offset = p.int("offset", 0, 0)
            data = p.data()
            dpus = [p.int("dpu", 0, 0, len(c.sim.dpus) - 1)] if p.has("dpu") \
                else list(range(len(c.sim.dpus)))
            p.done()
            try:
                c.write(dpus, where, data, offset)
            except ServiceError as e:
                raise RequestFailed(f"inputs[{k}]: {e.message}") from None

    async def req_attach(self, msg, args) -> None:
        self._authenticate(args)
        if self.launched:
            raise WrongState("already attached")
        name = args.get("session")
        if not isinstance(name, str):
            raise InvalidParams("attach needs 'session': the name of a dpuservice session "
                                "(a JSON-RPC client's 'status' or 'auth' gives it)")
        shared = self.conn.server.share_control(name)
        if shared is None:
            raise RequestFailed(f"no session {name!r} on this server")
        if shared.program is None:
            self.conn.server.control_users[name] -= 1
            raise WrongState(f"session {name!r} has no program loaded")
        old = self.conn.control
        self.conn.control = shared
        await self.conn.server.drop_control(old, self.conn.worker)
        p = Params({k: args[k] for k in ("stopOnEntry", "maxCycles") if k in args})
        self.stop_on_entry = p.bool("stopOnEntry")
        self.max_cycles = p.int("maxCycles", None, 1)
        self.dpus = len(shared.sim.dpus)
        await self._launched(msg, {"program": shared.program.name})

    async def _launched(self, msg, result: dict) -> None:
        def start():
            c = self.control
            if not self.no_debug and not c.debugging:
                c.debug_start(list(range(len(c.sim.dpus))))
        await self._work(start)
        self.launched = True
        self.respond(msg)
        self.event("output", {"category": "console", "output":
                              f"dpuservice: {result['program']} on {self.dpus} simulated "
                              f"DPU{'s' if self.dpus > 1 else ''}\n"})
        self.event("initialized")
        for command, args in self.pending:
            bps = await self._set_breakpoints(command, args)
            for bp in bps:
                if bp.get("id") is not None:
                    self.event("breakpoint", {"reason": "new", "breakpoint": bp})
        self.pending = []

    async def req_configurationDone(self, msg, args) -> None:
        self.respond(msg)
        if self.configured:
            return
        self.configured = True
        if self.no_debug:
            await self._run_plain()
        elif self.stop_on_entry:
            c = self.control
            self._reset_refs()
            self.last_stop = {"reason": "entry", "dpu": c.current_dpu, "tasklet": 0}
            self.event("stopped", {"reason": "entry", "threadId": thread_id(c.current_dpu, 0),
                                   "allThreadsStopped": True,
                                   "description": "Paused on entry"})
        else:
            await self._resume(lambda: self.control.debug_continue(self.max_cycles))

    async def req_disconnect(self, msg, args) -> None:
        self.respond(msg)
        await self.conn.drain()
        self.conn.abort()

    async def req_terminate(self, msg, args) -> None:
        self.respond(msg)
        if self.launched and not self.terminated:
            self._finish(exit_code=None)

    def _finish(self, exit_code: int | None) -> None:
        self.terminated = True
        if exit_code is not None:
            self.event("exited", {"exitCode": exit_code})
        self.event("terminated")

    # ----------------------------------------------------------------- breakpoints

    async def req_setBreakpoints(self, msg, args) -> None:
        self.respond(msg, {"breakpoints": await self._set_breakpoints("source", args)})

    async def req_setFunctionBreakpoints(self, msg, args) -> None:
        self.respond(msg, {"breakpoints": await self._set_breakpoints("function", args)})

    async def req_setInstructionBreakpoints(self, msg, args) -> None:
        self.respond(msg, {"breakpoints": await self._set_breakpoints("instruction", args)})

    async def req_setExceptionBreakpoints(self, msg, args) -> None:
        self.respond(msg, {"breakpoints": []})  # a fault always stops

    async def _set_breakpoints(self, kind: str, args: dict) -> list[dict]:
        items = args.get("breakpoints")
        if items is None and kind == "source":
            items = [{"line": n} for n in args.get("lines") or []]
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise InvalidParams("'breakpoints' must be a list of objects")
        source = args.get("source") if kind == "source" else None
        if kind == "source":
            if not isinstance(source, dict) or not isinstance(source.get("path") or
                                                              source.get("name"), str):
                raise InvalidParams("setBreakpoints needs 'source' with a 'path'")
        if not self.launched:
            self.pending = [(k, a) for k, a in self.pending if not (
                k == kind and (kind != "source" or a.get("source") == source))]
            self.pending.append((kind, args))
            return [{"verified": False, "message": "resolved once the program is launched"}
                    for _ in items]
        return await self._work(self._replace_breakpoints, kind, source, items)

    def _replace_breakpoints(self, kind: str, source: dict | None, items: list) -> list[dict]:
        c = self.control
        path = (source.get("path") or source.get("name")) if source else None
        if kind == "source":
            old = self.source_bps.pop(path, [])
        elif kind == "function":
            old, self.function_bps = self.function_bps, []
        else:
            old, self.instruction_bps = self.instruction_bps, []
        for ident in old:
            if ident in c.breakpoints:
                c.delete_breakpoint(ident)
        out, ids = [], []
        for item in items:
            try:
                tasklet = self._condition(item.get("condition"))
                if kind == "source":
                    line = item.get("line")
                    if isinstance(line, bool) or not isinstance(line, int):
                        raise InvalidParams("a source breakpoint needs a 'line'")
                    location: str | int = f"{path}:{line + (0 if self.lines1 else 1)}"
                elif kind == "function":
                    location = item.get("name")
                    if not isinstance(location, str) or not location:
                        raise InvalidParams("a function breakpoint needs a 'name'")
                else:
                    ref = item.get("instructionReference")
                    try:
                        location = int(ref, 0) + int(item.get("offset") or 0)
                    except (TypeError, ValueError):
                        raise InvalidParams(f"not an instruction reference: {ref!r}") from None
                bp = c.add_breakpoint(location, tasklet)
            except ServiceError as e:
                out.append({"verified": False, "message": e.message})
                continue
            ids.append(bp["id"])
            out.append(self._bp_body(bp))
        if kind == "source":
            self.source_bps[path] = ids
        elif kind == "function":
            self.function_bps = ids
        else:
            self.instruction_bps = ids
        return out

    def _condition(self, condition) -> int | None:
        if condition is None or (isinstance(condition, str) and not condition.strip()):
            return None
        m = _CONDITION.match(condition) if isinstance(condition, str) else None
        if m is None:
            raise InvalidParams(f"unsupported condition {condition!r}: a breakpoint condition "
                                f"can only be 'tasklet == N'")
        tasklet = int(m.group(1))
        if tasklet >= self.control.sim.model.tasklets:
            raise InvalidParams(f"tasklet {tasklet} does not exist")
        return tasklet

    def _bp_body(self, bp: dict) -> dict:
        first = bp["locations"][0] if bp["locations"] else {}
        body = {"id": bp["id"], "verified": True,
                "instructionReference": hex32(first.get("address", 0))}
        src = first.get("source")
        if src is not None and not src["file"].startswith("<"):
            body["source"] = self._source(src["file"])
            body["line"] = self._line(src["line"])
        return body

    # ----------------------------------------------------------------- running

    def _pause(self, msg) -> None:
        self.respond(msg)
        self.control.interrupt()
        if self.repausing is None or self.repausing.done():
            self.repausing = asyncio.ensure_future(self._repause())

    async def _repause(self) -> None:
        """A pause that falls between two slices of a run is cleared by the next slice: say
        it again until the run has stopped (at most 2 s)."""
        for _ in range(100):
            await asyncio.sleep(0.02)
            if not self.control.busy:
                return
            self.control.interrupt()

    async def req_continue(self, msg, args) -> None:
        self._check_running()
        self.respond(msg, {"allThreadsContinued": True})
        await self._resume(lambda: self.control.debug_continue(self.max_cycles))

    async def req_next(self, msg, args) -> None:
        await self._step(msg, args, "over")

    async def req_stepIn(self, msg, args) -> None:
        await self._step(msg, args, "in")

    async def req_stepOut(self, msg, args) -> None:
        await self._step(msg, args, "out")

    async def _step(self, msg, args, mode: str) -> None:
        self._check_running()
        dpu, tasklet = self._thread(args.get("threadId"))
        if args.get("granularity") == "instruction" and mode != "out":
            mode = "instruction"
        c = self.control
        if dpu not in c.debugging:
            raise WrongState(f"DPU {dpu} has ended")
        if c.sim.dpus[dpu].tasklets[tasklet].state is not TaskletState.RUNNING:
            raise RequestFailed(f"tasklet {tasklet} is not running (it has not started, or "
                                f"has stopped): step another one, or continue")
        if mode == "out" and len(c.debuggers[dpu].backtrace(tasklet)) < 2:
            raise RequestFailed(f"tasklet {tasklet} has no caller to return to")
        self.respond(msg)
        await self._resume(lambda: c.debug_step(dpu, tasklet, mode))

    def _check_running(self) -> None:
        if self.terminated or not self.control.debugging:
            raise WrongState("the program has ended")
        if self.no_debug:
            raise WrongState("launched with noDebug: nothing to step")

    async def _resume(self, run) -> None:
        self._reset_refs()
        try:
            stop = await self._work(run)
        except ServiceError as e:
            # The request was answered already: say why nothing ran, and where we still are.
            self.notice(e.message)
            if self.last_stop is not None and self.last_stop.get("tasklet") is not None:
                self.event("stopped", {"reason": "step", "allThreadsStopped": True,
                                       "threadId": thread_id(self.last_stop["dpu"],
                                                             self.last_stop["tasklet"])})
            return
        await self._report(stop)

    async def _report(self, stop: dict) -> None:
        c = self.control
        for dpu in stop.get("exited", []):
            await self._emit_log(dpu)
        reason = stop["reason"]
        if reason == "exited" and not c.debugging:
            self.event("output", {"category": "console", "output": self._summary()})
            self._finish(self._exit_code())
            return
        if reason == "exited":  # a step ran this DPU to its end; others remain
            dpu = c.debugging[0]
            stop = {"reason": "step", "dpu": dpu, "tasklet": 0, "exited": []}
        else:
            await self._emit_log(stop["dpu"])
        self.last_stop = stop
        body = {"reason": {"breakpoint": "breakpoint", "step": "step", "pause": "pause",
                           "fault": "exception", "limit": "pause"}.get(reason, "step"),
                "threadId": thread_id(stop["dpu"], stop["tasklet"] or 0),
                "allThreadsStopped": True}
        if reason == "breakpoint" and stop.get("breakpoint") is not None:
            body["hitBreakpointIds"] = [stop["breakpoint"]]
            body["description"] = f"Breakpoint {stop['breakpoint']}"
        elif reason == "fault":
            body["description"] = f"Fault: {stop['fault']['kind']}"
            body["text"] = stop["fault"]["report"]
        elif reason == "limit":
            body["description"] = f"Stopped after {self.max_cycles} cycles (maxCycles)"
        self.event("stopped", body)

    async def _run_plain(self) -> None:
        c = self.control
        dpus = list(range(len(c.sim.dpus)))
        result = await self._work(c.launch, dpus, self.max_cycles)
        for dpu in dpus:
            await self._emit_log(dpu)
        for d in result["dpus"]:
            if d["fault"] is not None:
                self.event("output", {"category": "stderr", "output": d["fault"]["report"] +
                                      "\n"})
        self.event("output", {"category": "console", "output": self._summary()})
        self._finish(self._exit_code())

    async def _emit_log(self, dpu: int) -> None:
        c = self.control
        try:
            text = (await self.conn.run_in_worker(c.log, dpu))["text"]
        except ServiceError:
            return
        sent = self.log_sent.get(dpu, 0)
        if len(text) > sent:
            new = text[sent:]
            if self.dpus > 1:
                new = "".join(f"[DPU {dpu}] {line}" for line in new.splitlines(True))
            self.event("output", {"category": "stdout", "output": new})
            self.log_sent[dpu] = len(text)

    def _summary(self) -> str:
        c = self.control
        lines = []
        for i, d in enumerate(c.sim.dpus):
            state = c.dpu_state[i]
            lines.append(f"dpuservice: DPU {i} {state} after {d.cycle} cycles, "
                         f"{d.instructions} instructions\n")
        return "".join(lines)

    def _exit_code(self) -> int:
        c = self.control
        if c.faults:
            return 1
        from ..stats import exit_status
        codes = [exit_status(d) or 0 for d in c.sim.dpus]
        return max(codes) if codes else 0

    # ----------------------------------------------------------------- looking in

    def _threads(self) -> list[dict]:
        c = self.control
        if not self.launched or c.sim is None or self.terminated:
            return []
        out = []
        try:
            for dpu in range(len(c.sim.dpus)):
                for t in c.tasklets(dpu)["tasklets"]:
                    name = f"tasklet {t['tasklet']}"
                    if len(c.sim.dpus) > 1:
                        name = f"DPU {dpu} {name}"
                    out.append({"id": thread_id(dpu, t["tasklet"]), "name": name})
        except (ServiceError, IndexError, AttributeError):
            return []  # the program is being (re)loaded: nothing to show this instant
        return out

    def _thread(self, ident) -> tuple[int, int]:
        c = self.control
        if isinstance(ident, bool) or not isinstance(ident, int):
            raise InvalidParams("'threadId' must be an integer")
        dpu, tasklet = divmod(ident, THREADS_PER_DPU)
        dpu -= 1
        if not (0 <= dpu < len(c.sim.dpus) and tasklet < c.sim.model.tasklets):
            raise InvalidParams(f"no thread {ident} (thread (d + 1) * 100 + t is tasklet t of "
                                f"DPU d)")
        return dpu, tasklet

    def _reset_refs(self) -> None:
        self.frames.clear()
        self.refs.clear()

    def _ref(self, what: tuple) -> int:
        ident = len(self.refs) + 1
        self.refs[ident] = what
        return ident

    def _source(self, path: str) -> dict:
        return {"name": os.path.basename(path), "path": path}

    def _line(self, line: int) -> int:
        return line if self.lines1 else line - 1

    async def req_stackTrace(self, msg, args) -> None:
        dpu, tasklet = self._thread(args.get("threadId"))
        start = args.get("startFrame") or 0
        levels = args.get("levels") or 0
        if not isinstance(start, int) or not isinstance(levels, int):
            raise InvalidParams("'startFrame' and 'levels' must be integers")
        bt = await self._work(self.control.backtrace, dpu, tasklet)
        frames = bt["frames"]
        total = len(frames)
        frames = frames[start:start + levels] if levels > 0 else frames[start:]
        out = []
        for f in frames:
            ident = len(self.frames) + 1
            self.frames[ident] = (dpu, tasklet, f["level"])
            frame = {"id": ident, "name": f["function"] or "??",
                     "line": 0, "column": 0,
                     "instructionPointerReference": hex32(f["address"])}
            if f["source"] is not None and not f["source"]["file"].startswith("<"):
                frame["source"] = self._source(f["source"]["file"])
                frame["line"] = self._line(f["source"]["line"])
                frame["column"] = 1 if self.columns1 else 0
            else:
                frame["presentationHint"] = "subtle"
            out.append(frame)
        self.respond(msg, {"stackFrames": out, "totalFrames": total})

    def _frame(self, ident) -> tuple[int, int, int]:
        if ident not in self.frames:
            raise InvalidParams(f"no frame {ident!r} (frames are valid until the next run)")
        return self.frames[ident]

    async def req_scopes(self, msg, args) -> None:
        dpu, tasklet, level = self._frame(args.get("frameId"))
        scopes = [
            {"name": "Locals", "presentationHint": "locals", "expensive": False,
             "variablesReference": self._ref(("locals", dpu, tasklet, level))},
            {"name": "Registers", "presentationHint": "registers", "expensive": False,
             "variablesReference": self._ref(("registers", dpu, tasklet)),
             "namedVariables": 27},
            {"name": "Globals", "expensive": False,
             "variablesReference": self._ref(("globals", dpu))},
        ]
        self.respond(msg, {"scopes": scopes})

    async def req_variables(self, msg, args) -> None:
        what = self.refs.get(args.get("variablesReference"))
        if what is None:
            raise InvalidParams("no such variablesReference (they are valid until the next "
                                "run)")
        start = args.get("start") or 0
        count = args.get("count") or 0
        variables = await self._work(self._variables, what, start, count)
        self.respond(msg, {"variables": variables})

    def _variables(self, what: tuple, start: int, count: int) -> list[dict]:
        c = self.control
        kind = what[0]
        if kind == "locals":
            _, dpu, tasklet, level = what
            return [{"name": v["name"], "value": v["value"], "type": v["type"],
                     "evaluateName": v["name"], "variablesReference": 0,
                     "memoryReference": hex32(v["address"]),
                     "presentationHint": {"kind": "property" if v["parameter"] else "data"}}
                    for v in c.variables(dpu, tasklet, level)["variables"]]
        if kind == "registers":
            _, dpu, tasklet = what
            regs = c.registers(dpu, tasklet)["registers"]
            out = []
            for name, value in regs.items():
                if name == "pc":
                    text = c.evaluate(dpu, tasklet, "pc")["text"]
                    out.append({"name": "pc", "value": text, "type": "pc",
                                "evaluateName": "pc", "variablesReference": 0,
                                "memoryReference": hex32(address_of(value))})
                else:
                    out.append({"name": name, "value": f"{hex32(value)} ({value})"
                                if name.startswith("r") else str(value),
                                "type": "uint32" if name.startswith("r") else "flag",
                                "evaluateName": name, "variablesReference": 0})
            return out
        if kind == "globals":
            _, dpu = what
            out = []
            typed = {v.name: v for v in c._debugger(dpu).global_variables()}
            for v in c.symbols()["variables"]:
                t = typed.get(v["name"])
                if t is not None:
                    out.append({"name": t.name, "value": t.value, "type": t.type,
                                "evaluateName": t.name, "variablesReference": 0,
                                "memoryReference": hex32(t.address)})
                    continue
                result = c.evaluate(dpu, None, v["name"])
                ref = 0
                words = v["size"] // 4
                if v["size"] > 8 and words:
                    ref = self._ref(("words", dpu, v["name"], words))
                item = {"name": v["name"], "value": result["text"],
                        "type": f"{v['region']}[{v['size']}]", "evaluateName": v["name"],
                        "variablesReference": ref, "memoryReference": hex32(v["address"])}
                if ref:
                    item["indexedVariables"] = min(words, 4096)
                out.append(item)
            return out
        _, dpu, name, words = what
        words = min(words, 4096)
        end = min(words, start + count) if count else words
        raw = base64.b64decode(c.debug_read(dpu, name, 4 * (end - start), 4 * start)["data"])
        out = []
        for k in range(start, end):
            w = int.from_bytes(raw[4 * (k - start):4 * (k - start) + 4], "little")
            out.append({"name": f"[{k}]", "value": f"{w} ({hex32(w)})", "type": "uint32",
                        "evaluateName": f"{name}[{k}]", "variablesReference": 0})
        return out

    async def req_setVariable(self, msg, args) -> None:
        what = self.refs.get(args.get("variablesReference"))
        name, value = args.get("name"), args.get("value")
        if what is None or not isinstance(name, str) or not isinstance(value, str):
            raise InvalidParams("setVariable needs a variablesReference, a name and a value")
        if what[0] == "locals":
            _, dpu, tasklet, level = what
            result = await self._work(self.control.set_variable, dpu, tasklet, level, name,
                                      value)
            self.respond(msg, {"value": result["value"], "type": result["type"]})
            return
        program = self.control.program
        if what[0] == "globals" and program is not None and name in program.globals:
            result = await self._work(self.control.set_variable, what[1], None, 0, name, value)
            self.respond(msg, {"value": result["value"], "type": result["type"]})
            return
        try:
            number = int(value.strip().split()[0], 0)
        except (ValueError, IndexError):
            raise InvalidParams(f"not a number: {value!r}") from None

        def set_it() -> dict:
            c = self.control
            if what[0] == "registers":
                c.set_register(what[1], what[2], name, number)
                return {"value": c.evaluate(what[1], what[2], name)["text"]}
            if what[0] == "globals":
                size = c.program.symbols[name].size if name in c.program.symbols else 0
                if size not in (1, 2, 4, 8):
                    raise RequestFailed(f"'{name}' has {size} bytes: set its words one by one")
                c.debug_write(what[1], name, (number % (1 << 8 * size)).to_bytes(size,
                                                                                   "little"))
                return {"value": c.evaluate(what[1], None, name)["text"]}
            index = int(name.strip("[]"))
            c.debug_write(what[1], what[2], (number & 0xFFFFFFFF).to_bytes(4, "little"),
                          4 * index)
            return {"value": f"{number & 0xFFFFFFFF} ({hex32(number)})"}
        self.respond(msg, await self._work(set_it))

    async def req_evaluate(self, msg, args) -> None:
        expression = args.get("expression")
        if not isinstance(expression, str):
            raise InvalidParams("evaluate needs an 'expression'")
        frame = args.get("frameId")
        level = 0
        if frame is not None:
            dpu, tasklet, level = self._frame(frame)
        elif self.last_stop is not None and self.last_stop.get("tasklet") is not None:
            dpu, tasklet = self.last_stop["dpu"], self.last_stop["tasklet"]
        else:
            dpu, tasklet = self.control.current_dpu, 0
        result = await self._work(self.control.evaluate, dpu, tasklet, expression, level)
        body = {"result": result["text"], "variablesReference": 0}
        if result.get("kind") == "variable":
            body["type"] = result["type"]
            body["memoryReference"] = hex32(result["address"])
        elif result.get("address") is not None:
            body["memoryReference"] = hex32(result["address"])
            size = result.get("size") or 0
            if size > 8 and size // 4:
                body["variablesReference"] = self._ref(("words", dpu, expression.strip(),
                                                        size // 4))
        self.respond(msg, body)

    async def req_exceptionInfo(self, msg, args) -> None:
        dpu, tasklet = self._thread(args.get("threadId"))
        fault = self.control.faults.get(dpu)
        if fault is None:
            raise RequestFailed("no fault on this thread")
        self.respond(msg, {"exceptionId": fault["kind"], "description": fault["report"],
                           "breakMode": "always",
                           "details": {"message": fault["report"], "typeName": fault["kind"]}})

    # ----------------------------------------------------------------- memory and code

    @staticmethod
    def _reference(args: dict, name: str = "memoryReference") -> int:
        ref = args.get(name)
        try:
            base = int(ref, 0) if isinstance(ref, str) else int(ref)
            offset = int(args.get("offset") or 0)
        except (TypeError, ValueError):
            raise InvalidParams(f"not a memory reference: {ref!r}") from None
        return base + offset

    async def req_disassemble(self, msg, args) -> None:
        address = self._reference(args)
        count = args.get("instructionCount")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 4096:
            raise InvalidParams("'instructionCount' must be an integer in 0..4096")
        skip = args.get("instructionOffset") or 0
        if not isinstance(skip, int):
            raise InvalidParams("'instructionOffset' must be an integer")
        first = (address - IRAM_BASE) // 8 + skip
        dpu = self.control.current_dpu

        def disassemble() -> list[dict]:
            c = self.control
            size = c.sim.model.iram_instructions
            lo, hi = max(first, 0), min(first + count, size)
            known = {}
            if hi > lo:
                for ins in c.disassemble(dpu, lo, hi - lo)["instructions"]:
                    known[ins["pc"]] = ins
            out = []
            for pc in range(first, first + count):
                ins = known.get(pc)
                if ins is None:
                    out.append({"address": hex32(IRAM_BASE + 8 * pc) if pc >= 0 else
                                hex32(IRAM_BASE + 8 * pc), "instruction": "??",
                                "presentationHint": "invalid"})
                    continue
                item = {"address": hex32(ins["address"]), "instruction": ins["text"],
                        "instructionBytes": c.debuggers[dpu].dpu.iram[pc].to_bytes(
                            8, "little").hex(" ")}
                if ins["symbol"]:
                    item["symbol"] = ins["symbol"]
                if ins["source"] is not None and not ins["source"]["file"].startswith("<"):
                    item["location"] = self._source(ins["source"]["file"])
                    item["line"] = self._line(ins["source"]["line"])
                out.append(item)
            return out
        self.respond(msg, {"instructions": await self._work(disassemble)})

    async def req_readMemory(self, msg, args) -> None:
        address = self._reference(args)
        count = args.get("count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidParams("'count' must be a non-negative integer")
        count = min(count, MAX_READ)
        dpu = self.control.current_dpu

        def read() -> dict:
            c = self.control
            if address < 0 or address > 0xFFFFFFFF:
                return {"address": hex32(address), "unreadableBytes": count}
            region = memory.region_of_address(address)
            end = memory.REGION_BASE[region] + c.sim.model.region_size(region)
            readable = max(0, min(count, end - address))
            data = base64.b64decode(c.debug_read(dpu, address, readable)["data"]) \
                if readable else b""
            body = {"address": hex32(address), "data": base64.b64encode(data).decode()}
            if count > readable:
                body["unreadableBytes"] = count - readable
            return body
        self.respond(msg, await self._work(read))

    async def req_writeMemory(self, msg, args) -> None:
        address = self._reference(args)
        try:
            data = base64.b64decode(args.get("data") or "", validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise InvalidParams("'data' is not valid base64") from None
        dpu = self.control.current_dpu
        await self._work(self.control.debug_write, dpu, address, data)
        self.respond(msg, {"bytesWritten": len(data)})

    async def req_source(self, msg, args) -> None:
        raise RequestFailed("no source available from the server: open the file named in "
                            "the stack frame")

    async def req_loadedSources(self, msg, args) -> None:
        files = (await self._work(self.control.symbols))["files"] if self.launched else []
        self.respond(msg, {"sources": [self._source(f) for f in files]})


__all__ = ["DapHandler", "CAPABILITIES", "thread_id"]
