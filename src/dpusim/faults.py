"""Faults: what stopped a DPU, where, and why — the same fields in reports and in Python."""

from __future__ import annotations

from dataclasses import dataclass

MEMORY, DMA, FAULT, INVALID, PC_RANGE, CYCLE_LIMIT = (
    "memory fault", "DMA fault", "fault", "invalid instruction", "PC outside IRAM",
    "cycle limit reached")


@dataclass(frozen=True)
class FaultInfo:
    kind: str  # one of the constants above
    detail: str  # what exactly went wrong
    dpu: int
    tasklet: int | None
    pc: int | None  # instruction index
    code: int | None = None  # `fault imm`: its code
    symbol: str | None = None  # function+offset
    source: tuple[str, int] | None = None  # (file, line)

    def report(self) -> str:
        where = [f"DPU {self.dpu}"]
        if self.tasklet is not None:
            where.append(f"tasklet {self.tasklet}")
        if self.pc is not None:
            at = f"pc {self.pc} (0x{0x80000000 + 8 * self.pc:08x})"
            if self.symbol:
                at += f" <{self.symbol}>"
            where.append(at)
        text = f"{', '.join(where)}: {self.kind}: {self.detail}"
        if self.source:
            text += f"\n  at {self.source[0]}:{self.source[1]}"
        return text


class DpuFault(Exception):
    """A simulated DPU faulted; ``info`` carries the report's fields."""

    def __init__(self, info: FaultInfo):
        super().__init__(info.report())
        self.info = info

    def __getattr__(self, name: str):
        # dpu, tasklet, pc, kind, code, symbol, source straight from the info.
        if name != "info" and "info" in self.__dict__:
            return getattr(self.__dict__["info"], name)
        raise AttributeError(name)


class _Trap(Exception):
    """Raised inside an engine while executing; turned into a FaultInfo by the engine."""

    def __init__(self, kind: str, detail: str, code: int | None = None):
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.code = code
