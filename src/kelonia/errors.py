"""What goes wrong between a host program and its DPUs, as exceptions that say why."""

from __future__ import annotations


class KeloniaError(Exception):
    """Base of every error the host framework raises."""


class DpuAllocationError(KeloniaError):
    """More DPUs were asked for than the backend has (or a bad count)."""


class UnknownBackendError(KeloniaError):
    """No backend of that name."""


class BackendUnavailableError(KeloniaError):
    """A backend that needs something not installed (the ray backend needs Ray)."""


class DpuLostError(KeloniaError):
    """DPUs that are gone: the process hosting them (a Ray rank actor) died.  ``dpus``: the
    DPUs lost; ``ranks``: their ranks."""

    def __init__(self, message: str, dpus: list[int], ranks: list[int] | None = None):
        super().__init__(message)
        self.dpus, self.ranks = list(dpus), list(ranks or [])

    def __reduce__(self):
        return (type(self), (str(self), self.dpus, self.ranks))


class ProgramError(KeloniaError):
    """A DPU program could not be read or loaded, or none is loaded."""


class SymbolError(KeloniaError):
    """A transfer named a symbol the program does not have."""


class AlignmentError(KeloniaError):
    """A transfer the DPU would refuse: misaligned, or outside the memory."""


class TransferError(KeloniaError):
    """A transfer's buffers do not fit the DPUs they are for."""


class DpuFaultError(KeloniaError):
    """A DPU faulted while running: which DPU, tasklet, PC, function and source line."""

    def __init__(self, message: str, dpu: int, tasklet: int | None = None,
                 pc: int | None = None, symbol: str | None = None,
                 source: tuple[str, int] | None = None, kind: str | None = None,
                 code: int | None = None):
        super().__init__(message)
        self.dpu, self.tasklet, self.pc = dpu, tasklet, pc
        self.symbol, self.source, self.kind, self.code = symbol, source, kind, code

    def __reduce__(self):
        # Pickled with every field (the default would call __init__ with the message alone),
        # so a fault crosses process boundaries: a Ray rank actor's launch, multiprocessing.
        return (type(self), (str(self), self.dpu, self.tasklet, self.pc, self.symbol,
                             self.source, self.kind, self.code))


class StubbedDpuError(KeloniaError):
    """A stubbed DPU was asked to do what only a real (or simulated) one can."""
