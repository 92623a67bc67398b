"""The DPU memory map: address tags of the linked program and the sizes of each DPU model.

Linked addresses carry a tag naming their memory (ISA.md): IRAM 0x80000000 (byte address of the
8-byte instruction slot), WRAM 0, MRAM 0x08000000, atomic bits 0xF0000000.  When a program *uses* an
address (an instruction operand, a data word), IRAM addresses become instruction indices (the PC is
counted in instructions) and atomic addresses become bit numbers; WRAM and MRAM addresses are used
as they are.  :func:`value_of` is that rule, shared by the assembler, the linker and the simulator.
"""

from __future__ import annotations

from dataclasses import dataclass

IRAM_BASE = 0x80000000
WRAM_BASE = 0x00000000
MRAM_BASE = 0x08000000
ATOMIC_BASE = 0xF0000000

IRAM, WRAM, MRAM, ATOMIC = "iram", "wram", "mram", "atomic"
REGION_BASE = {IRAM: IRAM_BASE, WRAM: WRAM_BASE, MRAM: MRAM_BASE, ATOMIC: ATOMIC_BASE}


@dataclass(frozen=True)
class DpuModel:
    name: str
    tasklets: int
    iram_instructions: int
    wram_bytes: int
    mram_bytes: int
    atomic_bits: int
    clock_mhz: int

    @property
    def iram_bytes(self) -> int:
        return self.iram_instructions * 8

    def region_size(self, region: str) -> int:
        return {IRAM: self.iram_bytes, WRAM: self.wram_bytes, MRAM: self.mram_bytes,
                ATOMIC: self.atomic_bits}[region]


V1A = DpuModel("v1A", 24, 4096, 64 * 1024, 64 * 1024 * 1024, 256, 350)
V1B = DpuModel("v1B", 16, 3968, 63488, 64 * 1024 * 1024, 64, 400)
MODELS = {"v1a": V1A, "v1b": V1B}
DEFAULT_MODEL = V1A


def model(name: str) -> DpuModel:
    try:
        return MODELS[name.lower()]
    except KeyError:
        raise ValueError(f"unknown DPU model '{name}' (expected v1A or v1B)") from None


def region_of_section(name: str, executable: bool) -> str:
    """Memory of an allocated section, from its flags and the naming conventions."""
    if executable:
        return IRAM
    if name == ".mram" or name.startswith((".mram.", ".mram_")):
        return MRAM
    if name == ".atomic" or name.startswith(".atomic."):
        return ATOMIC
    return WRAM


def region_of_address(address: int) -> str:
    if address >= ATOMIC_BASE:
        return ATOMIC
    if address >= IRAM_BASE:
        return IRAM
    if address >= MRAM_BASE:
        return MRAM
    return WRAM


def value_of(region: str, address: int) -> int:
    """What a program sees of a linked address in ``region`` (see the module docstring)."""
    if region == IRAM:
        return (address - IRAM_BASE) // 8
    if region == ATOMIC:
        return address - ATOMIC_BASE
    return address
