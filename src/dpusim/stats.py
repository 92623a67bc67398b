"""Run statistics: what ``dpusim --stats FILE`` writes, as a JSON document.

The document follows ``schemas/stats.schema.json`` (shipped in this package as
``dpusim/schemas/stats.schema.json``): the program, the engine, the model, and per DPU its cycles,
instructions, time, exit status and fault, and per tasklet its instructions, cycles, final state and
fault.  :func:`collect` builds it from a simulator after a run, :func:`validate` checks it against
the schema and :func:`dumps` serialises it deterministically (sorted keys, DPU and tasklet order).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from dpucore import memory

from .faults import FaultInfo
from .state import DpuState, TaskletState

FORMAT = "dpusim-stats/1"
EXIT_STATUS_SYMBOL = "__sys_exit_status"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the document (draft 2020-12)."""
    text = resources.files("dpusim").joinpath("schemas/stats.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(doc: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``doc`` does not follow the schema."""
    import jsonschema

    jsonschema.Draft202012Validator(schema()).validate(doc)


def fault_dict(info: FaultInfo) -> dict[str, Any]:
    return {
        "kind": info.kind, "detail": info.detail, "code": info.code, "tasklet": info.tasklet,
        "pc": info.pc, "symbol": info.symbol,
        "source": None if info.source is None else {"file": info.source[0],
                                                    "line": info.source[1]},
        "report": info.report(),
    }


def tasklet_cycles(dpu: DpuState, t) -> int:
    """Cycles the tasklet spent started, counting a run still open at the end of the launch."""
    cycles = t.cycles
    if t.state is TaskletState.RUNNING and t.started_at is not None:
        cycles += max(0, dpu.cycle - t.started_at)
    return cycles


def exit_status(dpu: DpuState) -> int | None:
    """``__sys_exit_status`` (a WRAM u32) modulo 256; None when the program does not define it."""
    program = dpu.program
    sym = program.symbols.get(EXIT_STATUS_SYMBOL) if program is not None else None
    if sym is None or memory.region_of_address(sym.address) != memory.WRAM:
        return None
    offset = sym.address - memory.WRAM_BASE
    if offset < 0 or offset + 4 > len(dpu.wram):
        return None
    return int.from_bytes(dpu.wram[offset:offset + 4], "little") % 256


def collect(dpus: list[DpuState], *, program_name: str, program_sha256: str, engine: str,
            model: memory.DpuModel, faults: dict[int, FaultInfo], status: int,
            max_cycles: int | None = None, generator: str = "dpusim") -> dict[str, Any]:
    """The statistics document of a finished run (``faults``: DPU index -> its fault)."""
    clock_hz = model.clock_mhz * 1_000_000
    out = []
    for d in dpus:
        info = faults.get(d.index)
        tasklets = []
        for t in d.tasklets:
            mine = info is not None and info.tasklet == t.id
            state = "faulted" if mine else t.state.value
            tasklets.append({
                "tasklet": t.id, "instructions": t.instructions, "cycles": tasklet_cycles(d, t),
                "state": state, "pc": t.pc,
                "fault": fault_dict(info) if mine else None,
            })
        out.append({
            "dpu": d.index, "cycles": d.cycle, "instructions": d.instructions,
            "time_s": d.cycle / clock_hz, "exit_status": exit_status(d),
            "fault": fault_dict(info) if info is not None else None, "tasklets": tasklets,
        })
    cycles = max(d.cycle for d in dpus)
    return {
        "format": FORMAT, "generator": generator,
        "program": {"name": program_name, "sha256": program_sha256},
        "engine": engine,
        "model": {"name": model.name, "clock_hz": clock_hz, "tasklets": model.tasklets},
        "max_cycles": max_cycles, "exit_status": status,
        "cycles": cycles, "instructions": sum(d.instructions for d in dpus),
        "time_s": cycles / clock_hz, "dpus": out,
    }


def dumps(doc: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, a final newline."""
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
