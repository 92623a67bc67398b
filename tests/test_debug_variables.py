"""Parameters and locals for the debugger: ``dpucc -g`` describes the frame variables in
``.debug_info`` (checked with binutils' readelf), the simulator's debug unit finds them through
the unwinder's frame bases and shows them as gdb does, in every frame of a backtrace, and
assignments change what the program computes."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from dpusim.debug import DebugError, Debugger
from dpusim.simulator import Simulator
from dpusim.variables import CType, format_value, parse_value

PROGRAM = r"""
#include <stdint.h>
#include <stdbool.h>

struct point { int x; short y; char tag[4]; };
__host int64_t result;

static __attribute__((noinline)) int scale(int value, int factor)
{
    int product = value * factor;
    return product;
}

int main(void)
{
    int i, total = 0;
    unsigned char bytes[4] = {1, 2, 250, 4};
    struct point p = {3, -4, "ab\n"};
    int *where = &total;
    double half = 0.5;
    bool flag = true;
    char letter = 'Q';
    for (i = 0; i < 4; i++)
        total += scale(bytes[i], p.x);
    result = total + *where + (int)(half * 4) + flag + letter;
    return 0;
}
"""
LINES = PROGRAM.splitlines()


def line_of(text: str) -> int:
    return next(i for i, s in enumerate(LINES, 1) if text in s)


def build(tmp_path, *options: str) -> str:
    from dpucc.driver import Driver, parse_args
    (tmp_path / "vars.c").write_text(PROGRAM)
    out = str(tmp_path / "vars")
    Driver(parse_args([*options, "-DNR_TASKLETS=1", "-o", out,
                       str(tmp_path / "vars.c")])).run()
    return out


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> str:
    return build(tmp_path_factory.mktemp("vars"), "-g", "-O0")


def stopped_at(program: str, where: str, hits: int = 1) -> tuple[Debugger, int]:
    sim = Simulator()
    sim.load(program)
    d = Debugger(sim)
    d.add_breakpoint(where)
    d.start()
    for _ in range(hits):
        stop = d.cont()
        assert stop.reason == "breakpoint"
    return d, stop.tasklet


def test_readelf_reads_the_variables_dpucc_describes(program):
    readelf = shutil.which("readelf")
    assert readelf is not None, "binutils' readelf checks our DWARF"
    r = subprocess.run([readelf, "--debug-dump=info", program], capture_output=True,
                       text=True)
    assert r.returncode == 0 and "Warning" not in r.stderr and "Error" not in r.stderr, r.stderr
    text = r.stdout
    for tag in ("DW_TAG_compile_unit", "DW_TAG_subprogram", "DW_TAG_formal_parameter",
                "DW_TAG_variable", "DW_TAG_structure_type", "DW_TAG_member",
                "DW_TAG_array_type", "DW_TAG_pointer_type", "DW_TAG_base_type"):
        assert tag in text, tag
    assert "DW_OP_call_frame_cfa" in text and "DW_OP_fbreg" in text
    for name in ("scale", "main", "value", "factor", "product", "total", "bytes", "where",
                 "half", "flag", "letter", "point", "tag"):
        assert f": {name}\n" in text, name


def test_locals_of_every_frame_read_as_c_shows_them(program):
    d, t = stopped_at(program, f"vars.c:{line_of('return product;')}", hits=3)
    frames = d.backtrace(t)
    assert [f.function for f in frames] == ["scale", "main", "__bootstrap"]
    inner = {v.name: v for v in d.frame_variables(t, 0)}
    assert [v.name for v in d.frame_variables(t, 0)] == ["value", "factor", "product"]
    assert inner["value"].value == "250" and inner["value"].parameter
    assert inner["factor"].value == "3" and inner["factor"].type == "int"
    assert inner["product"].value == "750" and not inner["product"].parameter
    outer = {v.name: (v.type, v.value) for v in d.frame_variables(t, 1)}
    assert outer == {
        "i": ("int", "2"),
        "total": ("int", str(3 * (1 + 2))),
        "bytes": ("unsigned char [4]", '"\\001\\002\\372\\004"'),
        "p": ("struct point", '{x = 3, y = -4, tag = "ab\\n"}'),
        "where": ("int *", hex(outer_address(d, t, "total"))),
        "half": ("double", "0.5"),
        "flag": ("_Bool", "true"),
        "letter": ("char", "81 'Q'"),
    }
    assert d.frame_variables(t, 2) == []  # the bootstrap is assembly: nothing described
    with pytest.raises(DebugError):
        d.frame_variables(t, 5)


def outer_address(d: Debugger, t: int, name: str) -> int:
    return next(v.address for v in d.frame_variables(t, 1) if v.name == name)


def test_assigning_a_local_changes_the_result(program):
    sim = Simulator()
    sim.load(program)
    sim.launch()
    plain = int.from_bytes(sim.read(0, "result", 8), "little", signed=True)
    assert plain == 3 * (1 + 2 + 250 + 4) * 2 + 2 + 1 + ord("Q")

    d, t = stopped_at(program, f"vars.c:{line_of('for (i = 0; i < 4; i++)')}")
    assert d.set_variable(t, 0, "letter", "'A'").value == "65 'A'"
    assert d.set_variable(t, 0, "half", "1.25").value == "1.25"
    with pytest.raises(DebugError, match="cannot assign"):
        d.set_variable(t, 0, "p", "1")
    with pytest.raises(DebugError, match="no variable"):
        d.set_variable(t, 0, "nothing", "1")
    while d.cont().reason != "exited":
        pass
    changed = int.from_bytes(d.read("result", 8), "little", signed=True)
    assert changed == plain - ord("Q") + ord("A") - 2 + 5


def test_optimised_code_describes_only_what_stays_in_the_frame(tmp_path):
    program = build(tmp_path, "-g", "-O2")
    d, t = stopped_at(program, "scale")
    # -O2 keeps scale's values in registers: nothing to show, and nothing shown wrong
    assert d.frame_variables(t, 0) == []
    while d.cont().reason != "exited":
        pass


def test_without_g_there_is_no_debug_info(tmp_path):
    program = build(tmp_path, "-O0")
    d, t = stopped_at(program, "scale")
    assert d.frame_variables(t, 0) == [] and d.program.variables == {}


def test_values_formatted_as_gdb_prints_them():
    i32 = CType("base", "int", 4, 0x05)
    u8 = CType("base", "unsigned char", 1, 0x08)
    c8 = CType("base", "char", 1, 0x06)
    f32 = CType("base", "float", 4, 0x04)
    assert format_value(i32, (-5 & 0xFFFFFFFF).to_bytes(4, "little")) == "-5"
    assert format_value(u8, b"\xff") == "255 '\\377'"
    assert format_value(c8, b"'") == "39 '\\''"
    assert format_value(f32, b"\x00\x00\xc0\x7f") == "nan"
    arr = CType("array", target=i32, count=3)
    assert str(arr) == "int [3]"
    assert format_value(arr, b"".join(k.to_bytes(4, "little") for k in (1, 2, 3))) == \
        "{1, 2, 3}"
    text = CType("array", target=c8, count=6)
    assert format_value(text, b'a"b\\\0z') == '"a\\"b\\\\"'
    ptr = CType("pointer", size=4, target=CType("struct", "node", 8))
    assert str(ptr) == "struct node *" and format_value(ptr, b"\x10\x02\0\0") == "0x210"
    assert parse_value(i32, "-2") == (-2 & 0xFFFFFFFF).to_bytes(4, "little")
    assert parse_value(ptr, "0x40") == b"\x40\0\0\0"
    with pytest.raises(ValueError):
        parse_value(i32, "twelve")


def test_typed_globals_read_and_written(program):
    d, t = stopped_at(program, f"vars.c:{line_of('result = total')}")
    [result] = [v for v in d.global_variables() if v.name == "result"]
    assert result.type == "long long int" and result.value == "0"
    assert d.program.globals["result"].address == d.program.symbols["result"].address
    assert d.set_global("result", "-7").value == "-7"
    assert int.from_bytes(d.read("result", 8), "little", signed=True) == -7
    with pytest.raises(DebugError, match="no typed variable"):
        d.set_global("__sys_mbox", "1")


def test_dpuservice_control_shows_and_sets_variables(program):
    from dpusim.service.control import Control
    from dpusim.service.errors import RequestFailed
    c = Control()
    c.load(open(program, "rb").read(), "vars")
    c.add_breakpoint(f"vars.c:{line_of('return product;')}")
    c.debug_start([0])
    stop = c.debug_continue()
    assert stop["reason"] == "breakpoint" and stop["function"] == "scale"
    frames = c.backtrace(0, stop["tasklet"])["frames"]
    assert [v["name"] for v in frames[0]["variables"]] == ["value", "factor", "product"]
    assert frames[1]["cfa"] is not None and frames[0]["cfa"] is not None
    assert c.evaluate(0, 0, "product")["text"] == "3"
    assert c.evaluate(0, 0, "p", frame=1)["text"] == '{x = 3, y = -4, tag = "ab\\n"}'
    assert c.evaluate(0, 0, "result")["type"] == "long long int"
    assert c.set_variable(0, 0, 0, "product", "100")["value"] == "100"
    assert c.variables(0, 0, 0)["variables"][2]["value"] == "100"
    with pytest.raises(RequestFailed):
        c.set_variable(0, 0, 0, "missing", "1")
    c.delete_breakpoint(None)
    assert c.debug_continue()["reason"] == "exited"
    total = int.from_bytes(c.sim.read(0, "result", 8), "little", signed=True)
    assert total == (100 + 3 * (2 + 250 + 4)) * 2 + 2 + 1 + ord("Q")
