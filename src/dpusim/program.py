"""A DPU executable as the simulator needs it: memory images, symbols, source lines.

Loading reads the ELF once: the IRAM words, the initial contents of WRAM, MRAM and the atomic
bits, the symbol table (for host access by name and for ``symbol+offset`` in fault reports) and
the line table (for source lines in reports and profiles), and the frame variables that DWARF
describes (for the debugger).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dpucore import dwarf, elf, memory, rtc
from dpucore.symbolize import CodeSymbols

from .variables import FunctionVariables, GlobalVariable, read_variables


class ProgramError(ValueError):
    """The file is not a DPU executable the simulator can load."""


@dataclass(frozen=True)
class SymbolInfo:
    name: str
    address: int  # linked (tagged) address
    size: int
    region: str | None  # memory.IRAM/WRAM/MRAM/ATOMIC, None for absolute symbols
    function: bool


@dataclass
class Program:
    name: str
    iram: list[int]  # instruction words
    images: dict[str, list[tuple[int, bytes]]]  # region -> [(offset in region, bytes)]
    symbols: dict[str, SymbolInfo]
    lines: dwarf.LineIndex | None = None
    config: rtc.Config | None = None  # the runtime configuration RT Studio embedded
    # -g: the frame variables of each function, by its first instruction (dpusim.variables)
    variables: dict[int, FunctionVariables] = field(default_factory=dict)
    globals: dict[str, GlobalVariable] = field(default_factory=dict)  # -g: typed, by C name
    code: CodeSymbols = field(init=False)
    # what is derived from the IRAM image (which is not changed once made), by what and for
    # which model, shared by the DPUs it is loaded into (state.Iram)
    derived: dict = field(init=False, default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.code = CodeSymbols((memory.value_of(memory.IRAM, s.address), s.name)
                                for s in self.symbols.values() if s.region == memory.IRAM)

    def symbolize(self, pc: int) -> str | None:
        """``function+offset`` (offset in instructions) of an instruction index."""
        return self.code.name(pc)

    def function_variables(self, pc: int) -> FunctionVariables | None:
        """The described variables of the function whose code holds instruction ``pc``."""
        for fn in self.variables.values():
            if fn.low <= pc < fn.high:
                return fn
        return None

    def source_line(self, pc: int) -> tuple[str, int] | None:
        if self.lines is None:
            return None
        return self.lines.lookup(memory.IRAM_BASE + 8 * pc)


def load_program(data: bytes, name: str = "program",
                 model: memory.DpuModel = memory.DEFAULT_MODEL) -> Program:
    """Read an executable; raises ProgramError with a message on anything unusable."""
    try:
        f = elf.read_elf(data)
    except elf.ElfError as e:
        raise ProgramError(f"{name}: {e}") from None
    if f.kind != elf.ET_EXEC:
        raise ProgramError(f"{name}: not an executable (link it with dpuld first)")
    iram: list[int] = []
    images: dict[str, list[tuple[int, bytes]]] = {r: [] for r in memory.REGION_BASE}
    for sec in f.sections:
        if not sec.alloc:
            continue
        region = memory.region_of_address(sec.addr)
        offset = sec.addr - memory.REGION_BASE[region]
        if offset < 0 or offset + sec.size > model.region_size(region):
            raise ProgramError(f"{name}: section {sec.name} does not fit the {region.upper()} "
                               f"of a DPU {model.name}")
        if region == memory.IRAM:
            if sec.type == elf.SHT_NOBITS or offset % 8 or sec.size % 8:
                raise ProgramError(f"{name}: malformed code section {sec.name}")
            first = offset // 8
            if len(iram) < first:
                iram.extend([0] * (first - len(iram)))
            words = [int.from_bytes(sec.data[i:i + 8], "little") for i in range(0, sec.size, 8)]
            iram[first:first + len(words)] = words
        elif sec.type != elf.SHT_NOBITS:
            images[region].append((offset, bytes(sec.data)))
    symbols = {}
    for s in f.symbols:
        if not s.name or s.type in (elf.STT_SECTION, elf.STT_FILE):
            continue
        region = None if s.absolute or s.section is None else memory.region_of_address(s.value)
        if s.absolute:
            region = memory.region_of_address(s.value)
        symbols.setdefault(s.name, SymbolInfo(s.name, s.value, s.size, region,
                                              s.type == elf.STT_FUNC))
    lines = None
    dl = f.section(".debug_line")
    if dl is not None:
        try:
            lines = dwarf.LineIndex(dwarf.read_debug_line(bytes(dl.data)))
        except dwarf.DwarfError:
            lines = None  # a broken line table costs source lines in reports, nothing else
    config = None
    embedded = f.section(rtc.SECTION)
    if embedded is not None:
        try:
            config = rtc.Config.from_json(bytes(embedded.data).decode("utf-8", "replace"))
        except rtc.ConfigError as e:
            raise ProgramError(f"{name}: embedded runtime configuration: {e}") from None
    variables, globals_ = read_variables(data) if f.section(".debug_info") is not None \
        else ({}, {})
    return Program(name, iram, images, symbols, lines, config, variables, globals_)
