"""dpucore: what every DPU tool shares — the ISA table, ELF, the memory map, diagnostics."""

__version__ = "0.1.0"
