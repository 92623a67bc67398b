"""dpuasm: the DPU assembler, linker and disassembler."""

from dpucore import __version__

__all__ = ["__version__"]
