"""The linker on hand-built objects: layout, relocations, resolution, archives, gc, output."""

from __future__ import annotations

import shutil
import struct
import subprocess

import pytest

from dpucore import elf as E
from dpucore import isa, memory
from dpucore.diag import DiagnosticError
from dpuasm.archive import write_archive
from dpuasm.linker import link

TEXT_FLAGS = E.SHF_ALLOC | E.SHF_EXECINSTR
DATA_FLAGS = E.SHF_ALLOC | E.SHF_WRITE


def insn(form_id: str, *values: int) -> bytes:
    return isa.encode(isa.FORM_BY_ID[form_id], list(values)).to_bytes(8, "little")


STOP = insn("or_rri", 1, 1, 0)  # any instruction will do: the linker only patches fields


class Obj:
    """A tiny object builder over the dpucore.elf model."""

    def __init__(self, name: str = "x.o") -> None:
        self.name = name
        self.elf = E.ElfFile()

    def section(self, name: str, data: bytes = b"", *, flags: int | None = None,
                nobits: int | None = None, align: int | None = None) -> E.Section:
        if flags is None:
            if name.startswith(".text"):
                flags = TEXT_FLAGS
            elif name.startswith((".debug", ".comment")):
                flags = 0
            else:
                flags = DATA_FLAGS
        if align is None:
            align = 8 if flags & E.SHF_EXECINSTR else 1
        sec = E.Section(name, E.SHT_NOBITS if nobits is not None else E.SHT_PROGBITS, flags,
                        bytearray(data), nobits or 0, align)
        self.elf.sections.append(sec)
        return sec

    def sym(self, name: str, section: E.Section | None = None, value: int = 0, *,
            bind: int = E.STB_GLOBAL, type: int = E.STT_NOTYPE, size: int = 0) -> E.Symbol:
        s = E.Symbol(name, value, size, bind, type, section)
        self.elf.symbols.append(s)
        return s

    def func(self, name: str, section: E.Section, value: int = 0, size: int | None = None,
             bind: int = E.STB_GLOBAL) -> E.Symbol:
        size = len(section.data) - value if size is None else size
        return self.sym(name, section, value, bind=bind, type=E.STT_FUNC, size=size)

    def undef(self, name: str, weak: bool = False) -> E.Symbol:
        return self.sym(name, bind=E.STB_WEAK if weak else E.STB_GLOBAL)

    def reloc(self, section: E.Section, offset: int, rtype: int, symbol: E.Symbol,
              addend: int = 0) -> None:
        section.relocations.append(E.Relocation(offset, rtype, symbol, addend))

    def input(self) -> tuple[str, bytes]:
        return self.name, E.write_elf(self.elf)


def start_obj(name: str = "start.o", calls: str | None = "main") -> Obj:
    """``__bootstrap: call r23, main; stop``."""
    o = Obj(name)
    text = o.section(".text", insn("call_rri", 23, 24, 0) + STOP)
    o.func("__bootstrap", text)
    if calls:
        o.reloc(text, 0, E.R_DPU_OFF, o.undef(calls))
    return o


def main_obj(name: str = "main.o") -> Obj:
    o = Obj(name)
    text = o.section(".text.main", STOP * 2)
    o.func("main", text)
    return o


def out_symbol(elf: E.ElfFile, name: str) -> int:
    sym = elf.symbol(name)
    assert sym is not None, name
    return sym.value


def word_at(elf: E.ElfFile, section: str, address: int, size: int = 8) -> int:
    sec = elf.section(section)
    off = address - sec.addr
    return int.from_bytes(sec.data[off:off + size], "little")


def operand(elf: E.ElfFile, address: int, role: str) -> int:
    form, values = isa.decode(word_at(elf, ".text", address))
    return values[form.roles[role]]


def program_headers(image: bytes) -> list[tuple[int, ...]]:
    phoff, = struct.unpack_from("<I", image, 28)
    phnum, = struct.unpack_from("<H", image, 44)
    return [struct.unpack_from("<IIIIIIII", image, phoff + 32 * i) for i in range(phnum)]


def errors_of(excinfo) -> list[str]:
    return [f"{d.file}: {d.message}" for d in excinfo.value.diagnostics]


# --------------------------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------------------------


def data_obj(m: Obj) -> Obj:
    """Adds every kind of data section to ``m``, in an order the layout has to fix."""
    m.sym("stack0", m.section(".stack", nobits=64, align=8))
    m.sym("host_var", m.section(".dpu_host", b"\1\2\3\4", align=4))
    m.sym("zeroed", m.section(".bss.zeroed", nobits=16, align=8))
    m.sym("counter", m.section(".data.counter", b"\5\0\0\0", align=4))
    m.sym("table", m.section(".rodata.table", b"abc", align=1))
    m.sym("buffer", m.section(".mram", b"\0" * 16, align=8))
    m.sym("scratch", m.section(".mram.noinit", nobits=1024, align=8))
    m.sym("lock", m.section(".atomic", b"\0"))
    m.sym("other", m.section(".sdata", b"\7" * 2, align=2))
    return m


def full_program() -> list[tuple[str, bytes]]:
    return [data_obj(main_obj()).input(), start_obj().input()]


def test_layout_puts_each_section_in_its_memory_in_order():
    elf = link(full_program()).elf
    names = [s.name for s in elf.sections]
    assert names == [".text", ".null_guard", ".rodata", ".data", ".sdata", ".bss", ".dpu_host",
                     ".stack", ".mram.noinit", ".mram", ".atomic"]
    addr = {s.name: s.addr for s in elf.sections}
    assert addr[".text"] == 0x80000000
    assert addr[".null_guard"] == 0 and elf.section(".null_guard").data == bytearray(8)
    assert addr[".rodata"] == 8
    assert addr[".data"] == 12  # .rodata is 3 bytes, .data 4-aligned
    assert addr[".sdata"] == 16
    assert addr[".bss"] == 24
    assert addr[".dpu_host"] == 40
    assert addr[".stack"] == 48
    assert out_symbol(elf, "__sys_heap_pointer_reset") == 112
    assert addr[".mram.noinit"] == 0x08000000
    assert addr[".mram"] == 0x08000000 + 1024
    assert out_symbol(elf, "__sys_used_mram_end") == 0x08000000 + 1040
    assert addr[".atomic"] == 0xF0000000
    assert elf.section(".bss").type == E.SHT_NOBITS
    assert out_symbol(elf, "counter") == 12 and out_symbol(elf, "lock") == 0xF0000000


def test_entry_section_comes_first_and_other_text_follows_in_input_order():
    extra = Obj("extra.o")
    extra.func("helper", extra.section(".text.helper", STOP, align=1))
    elf = link([main_obj().input(), extra.input(), start_obj().input()]).elf
    assert elf.entry == 0x80000000 == out_symbol(elf, "__bootstrap")
    assert out_symbol(elf, "main") == 0x80000010
    assert out_symbol(elf, "helper") == 0x80000020  # 8-byte slots whatever the object says


def test_entry_must_start_its_section():
    o = Obj("start.o")
    text = o.section(".text", STOP * 2)
    o.func("__bootstrap", text, 8)
    with pytest.raises(DiagnosticError) as exc:
        link([o.input()])
    assert "entry symbol '__bootstrap' must be at the start of its section" in str(exc.value)
    assert "(.text+0x8)" in str(exc.value)


def test_undefined_entry_and_custom_entry():
    with pytest.raises(DiagnosticError, match="undefined entry symbol '__bootstrap'"):
        link([main_obj().input()])
    elf = link([main_obj().input()], entry="main").elf
    assert elf.entry == 0x80000000


def test_program_headers_cover_each_memory():
    result = link(full_program())
    image = E.write_elf(result.elf)
    loads = [(vaddr, memsz, flags) for typ, _, vaddr, _, _, memsz, flags, _ in
             program_headers(image) if typ == E.PT_LOAD]
    rx, rw = E.PF_R | E.PF_X, E.PF_R | E.PF_W
    assert loads == [
        (0x80000000, 32, rx),
        (0, 40, rw),  # guard .. .bss: the initialised .dpu_host starts a second segment
        (40, 72, rw),
        (0x08000000, 1024, rw),  # .mram.noinit (NOBITS) then .mram (data): two segments
        (0x08000400, 16, rw),
        (0xF0000000, 1, rw),
    ]


def test_a_region_without_nobits_gaps_has_one_segment():
    m = main_obj()
    m.sym("v", m.section(".data", b"\1" * 4, align=4))
    m.sym("b", m.section(".bss", nobits=100, align=64))
    image = E.write_elf(link([start_obj().input(), m.input()]).elf)
    wram = [p for p in program_headers(image) if p[2] == 0 and p[0] == E.PT_LOAD]
    assert len(wram) == 1
    _, offset, vaddr, _, filesz, memsz, _, _ = wram[0]
    assert (filesz, memsz) == (12, 164)


# --------------------------------------------------------------------------------------------
# Relocations
# --------------------------------------------------------------------------------------------


def reloc_program() -> tuple[Obj, Obj]:
    start = start_obj()
    m = Obj("main.o")
    code = (insn("or_rri", 0, 24, 0)             # 0x00 move r0, var + 4        R_DPU_IMM
            + insn("lw_erri", 0, 1, 24, 0)       # 0x08 lw r1, zero, var        R_DPU_OFF
            + insn("sub_zrici", 0, 1, 0, isa.CONDITION_CODES["z"], 0)  # 0x10 jz .. main+1 PC
            + insn("lsl_rri", 2, 2, 0)           # 0x18 lsl r2, r2, SHIFT       R_DPU_SHIFT
            + insn("ldma_rri", 0, 1, 0)          # 0x20 ldma r0, r1, N          R_DPU_DMA
            + insn("acquire_rici", 24, 0, isa.CONDITION_CODES["z"], 0)  # 0x28 acquire lock
            + insn("call_rri", 23, 24, 0))       # 0x30 call r23, helper        R_DPU_OFF
    text = m.section(".text.main", code)
    main = m.func("main", text)
    data = m.section(".data", b"\0" * 4 + b"\0" * 4 + b"\0" * 8, align=8)
    var = m.sym("var", data, 0)
    m.sym("lock1", m.section(".atomic", b"\0\0"), 1)
    buf = m.sym("mbuf", m.section(".mram", b"\0" * 8, align=8))
    m.reloc(text, 0x00, E.R_DPU_IMM, var, 4)
    m.reloc(text, 0x08, E.R_DPU_OFF, var)
    m.reloc(text, 0x10, E.R_DPU_PC, main, 1)
    m.reloc(text, 0x18, E.R_DPU_SHIFT, m.undef("SHIFT"))
    m.reloc(text, 0x20, E.R_DPU_DMA, m.undef("N"))
    m.reloc(text, 0x28, E.R_DPU_IMM, m.elf.symbols[-4])  # lock1
    m.reloc(text, 0x30, E.R_DPU_OFF, m.undef("helper"))
    m.reloc(data, 0, E.R_DPU_32, buf, 8)
    m.reloc(data, 4, E.R_DPU_16, main)
    m.reloc(data, 6, E.R_DPU_8, m.elf.symbols[-5])  # lock1: a bit number
    m.reloc(data, 8, E.R_DPU_64, var, -1)
    debug = m.section(".debug_line", b"\0" * 8)
    m.reloc(debug, 0, E.R_DPU_ADDR32, main, 8)
    m.reloc(debug, 4, E.R_DPU_ADDR32, var)
    h = Obj("helper.o")
    h.func("helper", h.section(".text", STOP))
    return start, m, h


def test_relocation_values_per_memory_and_type():
    start, m, h = reloc_program()
    elf = link([start.input(), m.input(), h.input()], defsyms={"SHIFT": 3, "N": 7}).elf
    main = out_symbol(elf, "main")
    assert main == 0x80000010
    var = out_symbol(elf, "var")
    assert var == 8
    assert operand(elf, main + 0x00, "imm") == var + 4
    assert operand(elf, main + 0x08, "off") == var
    assert operand(elf, main + 0x10, "pc") == 2 + 1  # instruction index of main, plus one
    assert operand(elf, main + 0x18, "shift") == 3
    assert operand(elf, main + 0x20, "immDma") == 7
    assert operand(elf, main + 0x28, "imm") == 1  # atomic symbol: its bit number
    helper = out_symbol(elf, "helper")
    assert operand(elf, main + 0x30, "off") == (helper - 0x80000000) // 8 == 9
    assert operand(elf, 0x80000000, "off") == 2  # __bootstrap calls main
    assert word_at(elf, ".data", var, 4) == 0x08000000 + 8
    assert word_at(elf, ".data", var + 4, 2) == 2
    assert word_at(elf, ".data", var + 6, 1) == 1
    assert word_at(elf, ".data", var + 8, 8) == var - 1
    debug = elf.section(".debug_line")
    assert debug.addr == 0 and debug.flags & E.SHF_ALLOC == 0
    assert int.from_bytes(debug.data[0:4], "little") == main + 8
    assert int.from_bytes(debug.data[4:8], "little") == var


def test_relocation_against_a_section_symbol_and_local_symbols():
    start = start_obj(calls=None)
    m = Obj("m.o")
    data = m.section(".data", b"\0" * 8, align=4)
    section_sym = m.sym(".data", data, bind=E.STB_LOCAL, type=E.STT_SECTION)
    m.sym("local_var", data, 4, bind=E.STB_LOCAL, type=E.STT_OBJECT, size=4)
    m.reloc(data, 0, E.R_DPU_32, section_sym, 4)
    elf = link([start.input(), m.input()]).elf
    assert word_at(elf, ".data", 8, 4) == 12
    local = elf.symbol("local_var")
    assert local.bind == E.STB_LOCAL and local.value == 12


def test_instruction_relocation_out_of_range_names_everything():
    start = start_obj()
    m = main_obj()
    text = m.elf.sections[0]
    text.data[:8] = insn("sub_zrici", 0, 1, 0, isa.CONDITION_CODES["z"], 0)
    far = m.sym("far", m.section(".bss", nobits=4000, align=8), 3000)
    m.reloc(text, 0, E.R_DPU_IMM, far)
    with pytest.raises(DiagnosticError) as exc:
        link([start.input(), m.input()])
    [message] = errors_of(exc)
    assert message.startswith("main.o: in function 'main': (.text.main+0x0): relocation out "
                              "of range: R_DPU_IMM against 'far' gives 3008")
    assert "-1024..1023" in message


def test_data_relocation_out_of_range():
    start = start_obj(calls=None)
    m = Obj("m.o")
    data = m.section(".data", b"\0" * 4, align=4)
    pad = m.sym("pad", m.section(".bss", nobits=400), 300)
    m.reloc(data, 2, E.R_DPU_8, pad)
    with pytest.raises(DiagnosticError) as exc:
        link([start.input(), m.input()])
    assert errors_of(exc) == ["m.o: (.data+0x2): relocation out of range: R_DPU_8 against "
                              "'pad' gives 312, a 1-byte field accepts -128..255"]


def test_relocation_on_an_instruction_without_that_operand():
    start = start_obj(calls=None)
    m = main_obj()
    m.reloc(m.elf.sections[0], 0, E.R_DPU_PC, m.elf.symbols[0])
    with pytest.raises(DiagnosticError, match="has no pc operand"):
        link([start.input(), m.input()])


# --------------------------------------------------------------------------------------------
# Symbol resolution
# --------------------------------------------------------------------------------------------


def test_undefined_symbols_are_all_reported_with_their_function():
    start = start_obj()
    m = Obj("main.o")
    text = m.section(".text.main", insn("call_rri", 23, 24, 0) * 2 + STOP)
    m.func("main", text, 0, 16)
    m.func("other", text, 16, 8)
    data = m.section(".data", b"\0" * 8)
    foo, bar = m.undef("foo"), m.undef("bar")
    m.reloc(text, 0, E.R_DPU_OFF, foo)
    m.reloc(text, 8, E.R_DPU_OFF, foo)  # same function, same symbol: reported once
    m.reloc(text, 16, E.R_DPU_OFF, bar)
    m.reloc(data, 4, E.R_DPU_32, bar)
    with pytest.raises(DiagnosticError) as exc:
        link([start.input(), m.input()])
    assert errors_of(exc) == [
        "main.o: in function 'main': undefined reference to 'foo'",
        "main.o: in function 'other': undefined reference to 'bar'",
        "main.o: (.data+0x4): undefined reference to 'bar'",
    ]
    assert all(d.severity == "error" for d in exc.value.diagnostics)


def test_weak_undefined_resolves_to_zero():
    start = start_obj()
    m = main_obj()
    data = m.section(".data", b"\xff" * 4)
    m.reloc(data, 0, E.R_DPU_32, m.undef("maybe", weak=True))
    elf = link([start.input(), m.input()]).elf
    assert word_at(elf, ".data", 8, 4) == 0


def test_strong_duplicate_is_an_error_naming_both_files():
    a, b = main_obj("a.o"), main_obj("b.o")
    with pytest.raises(DiagnosticError) as exc:
        link([start_obj().input(), a.input(), b.input()])
    assert errors_of(exc) == ["b.o: multiple definition of 'main'; first defined in a.o"]


def test_strong_definition_beats_weak_in_either_order():
    weak = Obj("weak.o")
    weak.func("main", weak.section(".text.weak", STOP), bind=E.STB_WEAK)
    strong = main_obj("strong.o")
    for order in ([weak, strong], [strong, weak]):
        elf = link([start_obj().input()] + [o.input() for o in order]).elf
        main = elf.symbol("main")
        assert main.bind == E.STB_GLOBAL
        assert operand(elf, 0x80000000, "off") == (main.value - 0x80000000) // 8
        assert sum(1 for s in elf.symbols if s.name == "main") == 1


def test_defsym_defines_an_absolute_symbol_and_overrides_with_a_warning():
    m = main_obj()
    data = m.section(".data", b"\0" * 4)
    m.sym("LIMIT", m.section(".rodata", b"\0"))
    m.reloc(data, 0, E.R_DPU_32, m.elf.symbols[-1])
    result = link([start_obj().input(), m.input()], defsyms={"LIMIT": 0x1234})
    assert word_at(result.elf, ".data", result.elf.section(".data").addr, 4) == 0x1234
    assert result.elf.symbol("LIMIT").absolute
    assert [w.message for w in result.warnings] == [
        "--defsym 'LIMIT' overrides the definition in main.o"]


def test_inputs_that_are_not_objects():
    with pytest.raises(DiagnosticError) as exc:
        link([("notes.txt", b"hello"), start_obj().input()])
    assert errors_of(exc)[0].startswith("notes.txt: file format not recognized")


# --------------------------------------------------------------------------------------------
# Overflow
# --------------------------------------------------------------------------------------------


def test_wram_overflow_lists_the_largest_contributors():
    m = main_obj()
    m.section(".bss.big", nobits=61000)
    m.section(".bss.mid", nobits=5000)
    m.section(".data.small", b"\0" * 100)
    m.section(".data.tiny", b"\0" * 4)
    with pytest.raises(DiagnosticError) as exc:
        link([start_obj().input(), m.input()])
    [d] = exc.value.diagnostics
    used = 8 + 104 + 66000
    assert d.message.startswith(f"WRAM overflow by {used - 65536} bytes")
    assert d.message.endswith("largest input sections: main.o(.bss.big): 61000, "
                              "main.o(.bss.mid): 5000, main.o(.data.small): 100")


def test_iram_overflow_depends_on_the_model():
    m = main_obj()
    m.section(".text.huge", STOP * 4000)
    link([start_obj().input(), m.input()])  # 4004 instructions fit a v1A
    with pytest.raises(DiagnosticError, match=r"IRAM overflow by 288 bytes \(36 instructions\)"):
        link([start_obj().input(), m.input()], model=memory.V1B)


# --------------------------------------------------------------------------------------------
# Garbage collection
# --------------------------------------------------------------------------------------------


def gc_program() -> list[tuple[str, bytes]]:
    m = main_obj()
    unused_text = m.section(".text.unused", STOP)
    m.func("unused", unused_text)
    used = m.sym("used", m.section(".data.used", b"\0" * 4, align=4))
    m.sym("unused_var", m.section(".data.unused", b"\0" * 4, align=4))
    m.reloc(m.elf.sections[0], 0, E.R_DPU_IMM, used)
    m.elf.sections[0].data[:8] = insn("or_rri", 0, 24, 0)
    m.sym("host", m.section(".dpu_host.x", b"\0" * 4))
    m.sym("kept", m.section(".data.kept", b"\0" * 4, flags=DATA_FLAGS | E.SHF_GNU_RETAIN))
    m.sym("mbuf", m.section(".mram", b"\0" * 8))
    m.reloc(unused_text, 0, E.R_DPU_OFF, m.undef("nowhere"))  # not an error once removed
    debug = m.section(".debug_line", b"\xff" * 8)
    m.reloc(debug, 0, E.R_DPU_ADDR32, m.elf.symbols[1])  # 'unused'
    m.reloc(debug, 4, E.R_DPU_ADDR32, m.elf.symbols[0])  # 'main'
    return [start_obj().input(), m.input()]


def test_gc_sections_keeps_what_is_reachable_and_host_visible():
    result = link(gc_program(), gc_sections=True)
    elf = result.elf
    names = {s.name for s in elf.symbols}
    assert {"__bootstrap", "main", "used", "host", "kept", "mbuf"} <= names
    assert not {"unused", "unused_var"} & names
    assert elf.section(".data").size == 8  # .data.used + .data.kept
    debug = elf.section(".debug_line")
    assert debug.data[0:4] == bytes(4)  # debug info about removed code: 0
    assert int.from_bytes(debug.data[4:8], "little") == out_symbol(elf, "main")
    assert "Discarded input sections" in result.map_text
    discarded = result.map_text.split("Discarded input sections")[1].split("Memory")[0]
    assert ".text.unused" in discarded and ".data.unused" in discarded


def test_without_gc_sections_everything_is_kept():
    with pytest.raises(DiagnosticError, match="undefined reference to 'nowhere'"):
        link(gc_program())


# --------------------------------------------------------------------------------------------
# Archives made by binutils ar
# --------------------------------------------------------------------------------------------

needs_binutils = pytest.mark.skipif(shutil.which("ar") is None or shutil.which("readelf") is None,
                                    reason="binutils not installed")


def library_members() -> dict[str, Obj]:
    """foo.o needs baz (from a member before it: a second pass); bar.o is never needed."""
    baz = Obj("baz.o")
    baz.func("baz", baz.section(".text.baz", STOP))
    foo = Obj("foo_with_a_long_member_name.o")
    text = foo.section(".text.foo", insn("call_rri", 23, 24, 0))
    foo.func("foo", text)
    foo.reloc(text, 0, E.R_DPU_OFF, foo.undef("baz"))
    bar = Obj("bar.o")
    bar.func("bar", bar.section(".text.bar", STOP))
    junk = Obj("README")
    return {"baz.o": baz, "foo_with_a_long_member_name.o": foo, "bar.o": bar, "README": junk}


def make_ar(tmp_path, members: dict[str, Obj], name: str = "libx.a") -> bytes:
    for member_name, obj in members.items():
        data = b"not an object\n" if member_name == "README" else obj.input()[1]
        (tmp_path / member_name).write_bytes(data)
    subprocess.run(["ar", "rcs", name, *members], cwd=tmp_path, check=True)
    return (tmp_path / name).read_bytes()


@needs_binutils
def test_archive_members_are_pulled_only_when_needed(tmp_path):
    lib = make_ar(tmp_path, library_members())
    start = start_obj(calls="foo")
    result = link([start.input(), ("libx.a", lib)])
    names = {s.name for s in result.elf.symbols}
    assert {"foo", "baz"} <= names and "bar" not in names
    foo, baz = out_symbol(result.elf, "foo"), out_symbol(result.elf, "baz")
    assert operand(result.elf, foo, "off") == (baz - 0x80000000) // 8
    assert ("libx.a(foo_with_a_long_member_name.o)\n" + " " * 30 + "start.o (foo)"
            in result.map_text)
    assert "libx.a(baz.o)\n" + " " * 30 + "libx.a(foo_with_a_long_member_name.o) (baz)" \
        in result.map_text
    assert [w.file for w in result.warnings] == ["libx.a(README)"]


@needs_binutils
def test_archives_are_searched_as_a_group(tmp_path):
    members = library_members()
    a = make_ar(tmp_path, {"foo_with_a_long_member_name.o":
                           members["foo_with_a_long_member_name.o"]}, "liba.a")
    b = make_ar(tmp_path, {"baz.o": members["baz.o"]}, "libb.a")
    # libb.a comes first on the command line but is only needed by a member of liba.a.
    result = link([start_obj(calls="foo").input(), ("libb.a", b), ("liba.a", a)])
    assert result.elf.symbol("baz") is not None
    assert "libb.a(baz.o)" in result.map_text


@needs_binutils
def test_entry_symbol_may_come_from_an_archive(tmp_path):
    lib = make_ar(tmp_path, {"crt0.o": start_obj("crt0.o")})
    elf = link([main_obj().input(), ("libcrt.a", lib)]).elf
    assert elf.entry == out_symbol(elf, "__bootstrap") == 0x80000000


def test_archive_written_by_us_links_too():
    members = library_members()
    lib = write_archive([(n, o.input()[1]) for n, o in members.items() if n != "README"])
    elf = link([start_obj(calls="foo").input(), ("libx.a", lib)]).elf
    assert elf.symbol("baz") is not None and elf.symbol("bar") is None


def test_gc_members_drops_unused_member_sections_and_keeps_the_users_own():
    """dpucc's default: a library member holding many functions costs only what is used."""
    members = library_members()
    extra = members["foo_with_a_long_member_name.o"]
    extra.func("foo_helper_unused", extra.section(".text.foo_helper_unused", STOP))
    lib = write_archive([(n, o.input()[1]) for n, o in members.items() if n != "README"])
    m = main_obj()
    m.func("mine_unused", m.section(".text.mine_unused", STOP))
    result = link([start_obj(calls="foo").input(), m.input(), ("libx.a", lib)],
                  gc_members=True)
    names = {s.name for s in result.elf.symbols}
    assert {"foo", "baz", "main", "mine_unused"} <= names
    assert "foo_helper_unused" not in names
    discarded = result.map_text.split("Discarded input sections")[1].split("Memory")[0]
    assert ".text.foo_helper_unused" in discarded and ".text.mine_unused" not in discarded
    assert "foo_helper_unused" in {s.name for s in link(
        [start_obj(calls="foo").input(), m.input(), ("libx.a", lib)]).elf.symbols}


def test_malformed_archive_is_a_clean_error():
    with pytest.raises(DiagnosticError) as exc:
        link([start_obj().input(), ("bad.a", b"!<arch>\nshort")])
    [message] = errors_of(exc)
    assert message.startswith("bad.a: malformed archive: truncated member header")


# --------------------------------------------------------------------------------------------
# The output file
# --------------------------------------------------------------------------------------------


@needs_binutils
def test_readelf_reads_the_executable_without_warnings(tmp_path):
    start, m, h = reloc_program()
    m.section(".comment", b"dpu toolchain\0", flags=E.SHF_MERGE | E.SHF_STRINGS)
    inputs = [start.input(), m.input(), h.input(), data_obj(Obj("data.o")).input()]
    result = link(inputs, defsyms={"SHIFT": 1, "N": 2}, entry="__bootstrap")
    path = tmp_path / "prog"
    path.write_bytes(E.write_elf(result.elf))
    run = subprocess.run(["readelf", "-a", "-W", str(path)], capture_output=True, text=True)
    assert run.returncode == 0
    assert "warning" not in (run.stdout + run.stderr).lower(), run.stdout + run.stderr
    assert "error" not in (run.stdout + run.stderr).lower()
    assert "EXEC (Executable file)" in run.stdout
    assert "Entry point address:               0x80000000" in run.stdout
    mapping = run.stdout.split("Section to Segment mapping:")[1]
    assert ".text" in mapping and ".null_guard .rodata .data" in mapping
    assert "There are no relocations in this file." in run.stdout


def test_output_is_deterministic():
    first = link(full_program(), gc_sections=True)
    second = link(full_program(), gc_sections=True)
    assert E.write_elf(first.elf) == E.write_elf(second.elf)
    assert first.map_text == second.map_text


def test_output_reads_back_with_final_addresses():
    elf = E.read_elf(E.write_elf(link(full_program()).elf))
    assert elf.kind == E.ET_EXEC
    assert elf.symbol("buffer").value == 0x08000400
    assert elf.symbol("__sys_heap_pointer_reset").absolute


def test_map_lists_sections_files_and_symbols():
    text = link(full_program(), defsyms={"NR_TASKLETS": 16}).map_text
    lines = text.splitlines()
    assert "Memory Configuration" in lines and "Linker script and memory map" in lines
    assert any(line.split() == ["WRAM", "0x00000000", "0x00010000", "0x00000070"]
               for line in lines)
    assert any(line.split() == [".text", "0x80000000", "0x20"] for line in lines)
    assert any(line.split() == [".text", "0x80000000", "0x10", "start.o"] for line in lines)
    assert any(line.split() == [".text.main", "0x80000010", "0x10", "main.o"] for line in lines)
    assert any(line.split() == ["0x80000010", "main"] for line in lines)
    assert any(line.split() == ["0x00000070", "__sys_heap_pointer_reset", "=", "ALIGN", "(0x8)"]
               for line in lines)
    assert any(line.split() == ["0x00000010", "NR_TASKLETS", "=", "0x00000010"]
               for line in lines)


def test_symbols_in_empty_sections_keep_an_address_but_the_section_is_dropped():
    m = main_obj()
    m.section(".data", b"\1" * 4, align=4)
    end = m.sym("data_end", m.section(".data.zz"), 0)  # empty, in a non-empty output
    marker = m.sym("marker", m.section(".sdata", align=8), 0)  # an empty output section
    m.section(".bss")  # empty, no symbol
    data = m.section(".rodata", b"\0" * 8, align=4)
    m.reloc(data, 0, E.R_DPU_32, end)
    m.reloc(data, 4, E.R_DPU_32, marker)
    elf = link([start_obj().input(), m.input()]).elf
    assert [s.name for s in elf.sections if s.alloc] == [".text", ".null_guard", ".rodata",
                                                         ".data"]
    assert elf.symbol("data_end").value == 20 and elf.symbol("data_end").section.name == ".data"
    assert elf.symbol("marker").value == 24 and elf.symbol("marker").absolute
    assert word_at(elf, ".rodata", 8, 4) == 20
    assert word_at(elf, ".rodata", 12, 4) == 24


def test_negative_absolute_values_reach_signed_fields():
    m = main_obj()
    m.elf.sections[0].data[:8] = insn("sub_zrici", 0, 1, 0, isa.CONDITION_CODES["z"], 0)
    abs_sym = m.sym("MINUS16", None, 0xFFFFFFF0)
    abs_sym.absolute = True
    m.reloc(m.elf.sections[0], 0, E.R_DPU_IMM, abs_sym)
    m.reloc(m.elf.sections[0], 8, E.R_DPU_IMM, m.undef("MINUS2"))
    m.elf.sections[0].data[8:16] = insn("sub_zrici", 0, 1, 0, isa.CONDITION_CODES["z"], 0)
    elf = link([start_obj().input(), m.input()], defsyms={"MINUS2": -2}).elf
    assert operand(elf, 0x80000010, "imm") == -16
    assert operand(elf, 0x80000018, "imm") == -2


def test_weak_references_do_not_pull_archive_members():
    lib = write_archive([("opt.o", main_obj("opt.o").input()[1])])
    start = start_obj(calls=None)
    start.reloc(start.elf.sections[0], 0, E.R_DPU_OFF, start.undef("main", weak=True))
    elf = link([start.input(), ("libopt.a", lib)]).elf
    assert elf.symbol("main") is None
    assert operand(elf, 0x80000000, "off") == 0


def test_executables_are_not_link_inputs():
    exe = E.write_elf(link([start_obj().input(), main_obj().input()]).elf)
    with pytest.raises(DiagnosticError, match="a.out: error: not a relocatable object"):
        link([("a.out", exe)])


# --------------------------------------------------------------------------------------------
# With the assembler
# --------------------------------------------------------------------------------------------

CRT0 = """
.section .text.__bootstrap, "ax", @progbits
.globl __bootstrap
.type __bootstrap, @function
__bootstrap:
        call r23, main
        stop
"""

MAIN = """
.section .text.main, "ax", @progbits
.globl main
.type main, @function
main:
        move r0, counter
        lw   r1, r0, 4
        call r23, helper
        jump r23
.Lend:
.size main, .Lend - main

.section .text.unused, "ax", @progbits
unused: call r23, missing
        jump r23

.section .data.counter, "aw", @progbits
.globl counter
counter: .long 5, main + 1, mbuf
.section .mram, "aw", @progbits
mbuf:   .quad 0
"""

HELPER = """
.section .text.helper, "ax", @progbits
.globl helper
.type helper, @function
helper: jump r23
.Lend:
.size helper, .Lend - helper
"""

UNUSED = """
.text
.globl never
never: jump r23
"""


def asm(name: str, text: str) -> tuple[str, bytes]:
    from dpuasm.assembler import assemble
    return name, E.write_elf(assemble(text, name.replace(".o", ".s")))


@needs_binutils
def test_assembled_program_with_a_library(tmp_path):
    for name, text in (("helper.o", HELPER), ("never.o", UNUSED)):
        (tmp_path / name).write_bytes(asm(name, text)[1])
    subprocess.run(["ar", "rcs", "libh.a", "never.o", "helper.o"], cwd=tmp_path, check=True)
    library = ("libh.a", (tmp_path / "libh.a").read_bytes())
    inputs = [asm("crt0.o", CRT0), asm("main.o", MAIN), library]
    result = link(inputs, gc_sections=True)
    elf = result.elf
    main, helper, counter = (out_symbol(elf, n) for n in ("main", "helper", "counter"))
    assert (main, helper, counter) == (0x80000010, 0x80000030, 8)
    assert operand(elf, 0x80000000, "off") == 2
    assert operand(elf, main, "imm") == counter
    assert operand(elf, main + 16, "off") == 6
    assert word_at(elf, ".data", counter + 4, 4) == 3  # main + 1: an instruction index
    assert word_at(elf, ".data", counter + 8, 4) == 0x08000000
    assert elf.symbol("never") is None and elf.symbol("unused") is None
    (tmp_path / "prog").write_bytes(E.write_elf(elf))
    run = subprocess.run(["readelf", "-a", "-W", "prog"], cwd=tmp_path, capture_output=True,
                         text=True)
    assert "warning" not in (run.stdout + run.stderr).lower()

    with pytest.raises(DiagnosticError) as exc:
        link(inputs)  # without gc, `unused` still calls `missing`
    assert errors_of(exc) == ["main.o: (.text.unused+0x0): undefined reference to 'missing'"]
