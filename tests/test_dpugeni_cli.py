"""The dpugeni command line and library: targets and file names, writes only when changed,
--check, --name, -C, deterministic output, errors without traceback or output, and the library
entry points (parse, check, IR, emitters registry)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dpucore import rtc
from dpucore.diag import DiagnosticError
from dpugeni import __version__, compile_source
from dpugeni.check import check
from dpugeni.cli import cli
from dpugeni.emit import EMITTERS, emit, register
from dpugeni.ir import Binding, Function, Interface, Param, Type
from dpugeni.parse import parse

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "charcount" / "charcount.didl"
SEED_CONFIG = rtc.Config(tasklets=[rtc.Tasklet(t, "charcount", "medium", 1) for t in range(16)],
                         sysmbox_words=2)


def run(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), prog_name="dpugeni", catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def didl(tmp_path) -> Path:
    path = tmp_path / "charcount.didl"
    shutil.copy(SAMPLE, path)
    return path


# ---------------------------------------------------------------------------- the library


def test_the_seed_example_parses_as_written():
    iface = compile_source(SAMPLE.read_text(), str(SAMPLE), SEED_CONFIG)
    assert iface.name == "charcount" and iface.source == "charcount.didl"
    assert iface.sha256 == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    [f] = iface.functions
    assert f.name == "countCharacters"
    assert f.params == (Param("documentLength", "in", Type("u32")),
                        Param("requestedChar", "in", Type("u8")),
                        Param("counters", "out", Type("u32", 16)))
    assert f.bindings[0] == Binding("documentLength", "sysmbox", word=0, doc=(
        "Document length and requested character are sent through the\n"
        "system mailbox, shared by tasklets."))
    assert f.bindings[1] == Binding("requestedChar", "sysmbox", word=1)
    assert f.bindings[2].channel == "mbox" and f.bindings[2].tasklets == range(16)
    assert f.bindings[2].doc.startswith("Every tasklet computes")
    assert f.inputs == f.params[:2] and f.outputs == f.params[2:]


def test_the_ir_is_frozen_and_round_trips_through_plain_data():
    iface = compile_source(SAMPLE.read_text(), "charcount.didl")
    with pytest.raises(AttributeError):
        iface.name = "other"
    again = Interface.from_dict(json.loads(json.dumps(iface.to_dict())))
    assert again == iface


def test_parse_then_check_is_compile_source():
    text = SAMPLE.read_text()
    tree = parse(text, "charcount.didl")
    assert tree.functions[0].bindings[2].channel.source() == "mbox[0..15][0]"
    assert check(tree) == compile_source(text, "charcount.didl")


def test_docs_come_from_the_comments_around_items():
    iface = compile_source("""\
// Copyright: not documentation (a blank line follows).

/** The function.
 *  Second line. */
function f(a: in u32,  // trailing on a
           /* before b */ b: in u32,
           // before c, first line
           // before c, second line
           c: out u32) {
    a <- sysmbox[0], // trailing on a's binding
    b <- sysmbox[1],
    // before c's binding
    c <- mbox[0][0]  // and after it
}
""", "docs.didl")
    f = iface.functions[0]
    assert f.doc == "The function.\nSecond line."
    assert [p.doc for p in f.params] == ["trailing on a", "before b",
                                         "before c, first line\nbefore c, second line"]
    assert [b.doc for b in f.bindings] == ["trailing on a's binding", "",
                                           "before c's binding\nand after it"]


def test_a_new_emitter_plugs_into_the_registry():
    @register("names", "_names.txt", "parameter names, for this test")
    def names(interface):
        return "\n".join(p.name for f in interface.functions for p in f.params) + "\n"

    try:
        iface = compile_source(SAMPLE.read_text(), "charcount.didl")
        assert emit(iface, "names") == "documentLength\nrequestedChar\ncounters\n"
        assert EMITTERS["names"].file_name(iface) == "charcount_names.txt"
    finally:
        del EMITTERS["names"]


def test_emitters_work_on_a_hand_made_ir():
    f = Function("ping", "", (Param("x", "inout", Type("f64")),),
                 (Binding("x", "host", symbol="value", offset=0),))
    iface = Interface("hand", "hand.didl", "0" * 64, (f,))
    for target in EMITTERS:
        assert emit(iface, target) == emit(iface, target)
    assert "def ping(self, x: float) -> float:" in emit(iface, "python")


# ---------------------------------------------------------------------------- the command


def test_writes_the_requested_targets(didl, tmp_path):
    out = tmp_path / "gen" / "deeper"
    r = run("-e", "python", "-e", "c", "-e", "json", "-o", str(out), str(didl))
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "charcount_interface.h", "charcount_interface.json", "charcount_interface.py"]


def test_python_is_the_default_target_in_the_current_directory(didl):
    r = run(didl.name, cwd=didl.parent)
    assert r.exit_code == 0, r.stderr
    assert (didl.parent / "charcount_interface.py").exists()
    assert not (didl.parent / "charcount_interface.h").exists()


def test_outputs_start_with_the_header_and_are_deterministic(didl, tmp_path):
    sha = hashlib.sha256(didl.read_bytes()).hexdigest()
    run("-e", "python", "-e", "c", "-e", "json", "-o", str(tmp_path / "a"), str(didl))
    # another directory, a relative path: the same bytes
    run("-e", "python", "-e", "c", "-e", "json", "-o", str(tmp_path / "b"), didl.name,
        cwd=didl.parent)
    for name in ("charcount_interface.py", "charcount_interface.h", "charcount_interface.json"):
        a = (tmp_path / "a" / name).read_bytes()
        assert a == (tmp_path / "b" / name).read_bytes()
        head = a.decode().split("\n", 2)[:2]
        assert f"dpugeni {__version__}" in "".join(head) and sha in "".join(head)
        assert str(tmp_path) not in a.decode()


def test_unchanged_outputs_are_not_rewritten(didl, tmp_path):
    out = tmp_path / "out"
    run("-e", "c", "-o", str(out), str(didl))
    header = out / "charcount_interface.h"
    os.utime(header, ns=(1_000_000_000, 1_000_000_000))
    assert run("-e", "c", "-o", str(out), str(didl)).exit_code == 0
    assert header.stat().st_mtime_ns == 1_000_000_000
    didl.write_text(didl.read_text().replace("sysmbox[1]", "sysmbox[2]"))
    assert run("-e", "c", "-o", str(out), str(didl)).exit_code == 0
    assert header.stat().st_mtime_ns != 1_000_000_000


def test_check_mode(didl, tmp_path):
    out = tmp_path / "out"
    r = run("--check", "-e", "python", "-e", "json", "-o", str(out), str(didl))
    assert r.exit_code == 1 and "would be created" in r.stderr
    assert not out.exists()
    run("-e", "python", "-e", "json", "-o", str(out), str(didl))
    r = run("--check", "-e", "python", "-e", "json", "-o", str(out), str(didl))
    assert r.exit_code == 0 and r.stderr == ""
    before = (out / "charcount_interface.json").read_bytes()
    didl.write_text(didl.read_text() + "\n// one more comment\n")
    r = run("--check", "-e", "python", "-e", "json", "-o", str(out), str(didl))
    assert r.exit_code == 1 and "charcount_interface.json would be regenerated" in r.stderr
    assert (out / "charcount_interface.json").read_bytes() == before


def test_name_option(didl, tmp_path):
    r = run("--name", "counting", "-e", "python", "-o", str(tmp_path), str(didl))
    assert r.exit_code == 0, r.stderr
    text = (tmp_path / "counting_interface.py").read_text()
    assert "class Counting(_kelonia.DpuInterface):" in text
    assert "class StubbedCounting(_kelonia.StubbedInterface, Counting):" in text


def test_configuration_option(didl, tmp_path):
    config = tmp_path / "cfg.json"
    config.write_text(SEED_CONFIG.to_json())
    assert run("-C", str(config), "-o", str(tmp_path), str(didl)).exit_code == 0
    small = rtc.Config(tasklets=[rtc.Tasklet(t, "charcount", "medium", 1) for t in range(8)],
                       sysmbox_words=1)
    config.write_text(small.to_json())
    r = run("-C", str(config), "-o", str(tmp_path / "x"), str(didl))
    assert r.exit_code == 1
    assert "charcount.didl:9:31: error: sysmbox[1] takes word 1 (u8) but the configuration " \
           "has a system mailbox of 1 word" in r.stderr
    assert "tasklets 8..15 of mbox[0..15][0] are not in the configuration (it has tasklets " \
           "0..7)" in r.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("content,message", [
    ("{", "not JSON"),
    ('{"format": "dpu-rtc/1"}', "invalid configuration"),
])
def test_bad_configurations(didl, tmp_path, content, message):
    config = tmp_path / "cfg.json"
    config.write_text(content)
    r = run("-C", str(config), "-o", str(tmp_path), str(didl))
    assert r.exit_code == 1 and r.stderr.startswith("dpugeni: error: ") and message in r.stderr


def test_missing_and_non_utf8_inputs(tmp_path):
    r = run(str(tmp_path / "nothing.didl"))
    assert r.exit_code == 1 and "nothing.didl: No such file or directory" in r.stderr
    bad = tmp_path / "latin.didl"
    bad.write_bytes(b"function f(a: in u32) {\n a <- sysmbox[0] // caf\xe9\n}\n")
    r = run("-o", str(tmp_path), str(bad))
    assert r.exit_code == 1 and "latin.didl:2: error: not UTF-8 text" in r.stderr


def test_errors_from_python_m_dpugeni_without_traceback(tmp_path):
    bad = tmp_path / "bad.didl"
    bad.write_text("function f(a: in u32) {\n    a <- sysmbox[0],\n    b <- sysmbox[1]\n}\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    r = subprocess.run([sys.executable, "-m", "dpugeni", "-o", str(tmp_path), str(bad)],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 1
    assert r.stderr == (f"{bad}:3:5: error: 'b' is not a parameter of f\n"
                        "     b <- sysmbox[1]\n"
                        "     ^\n")
    assert not (tmp_path / "bad_interface.py").exists()
    r = subprocess.run([sys.executable, "-m", "dpugeni", "--version"], capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0 and __version__ in r.stdout


def test_library_errors_are_exceptions_not_exits():
    with pytest.raises(DiagnosticError) as e:
        compile_source("function f(", "x.didl")
    [d] = e.value.diagnostics
    assert (d.file, d.line, d.col) == ("x.didl", 1, 12)
    assert d.message == "expected a parameter such as 'length: in u32', or ')', found the end of the file"
