"""dpukconfig: the directive library, the shell (through cmd.Cmd and on a real terminal), the
batch command line in-process and as a subprocess, and fuzzed scripts that must end in a clean
``script:line: error:`` with no file written, or in files that load back valid."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpucore import rtc
from dpukconfig import DIRECTIVES, DirectiveError, Session
from dpukconfig.cli import cli
from dpucore.fileio import write_if_changed
from dpukconfig.directives import format_ids
from dpukconfig.shell import Shell

BIN = Path(sys.executable).parent
EXE = BIN / "dpukconfig"

# The seed's character-counter configuration, as its RTE script was published.
SEED_SCRIPT = """\
// Copyright (c) 2014-2016 - uPmem

// Character count test program configuration

// Distribute the character counter on 16 tasklets.
// Each tasklet is in charge of a specific area of memory
// and writes back the number of character occurrences found
// within this area into its mailbox.
tasklet add 0..15 medium charcount 1

// The shared mailbox contains 2 words: the document length
// and the character to find.
sysmbox 2
"""

# The seed-era form, with variables given by -v.
SEED_ERA_SCRIPT = """\
tasklet add 0..15 medium task_main 2
sysmbox 1
save $DIRECTORY/$NAME.json
quit
"""


def session_of(text: str, **kwargs) -> Session:
    s = Session(**kwargs)
    for _ in s.run(text.split("\n"), "test"):
        pass
    return s


def error_of(text: str, **kwargs) -> DirectiveError:
    with pytest.raises(DirectiveError) as info:
        session_of(text, **kwargs)
    return info.value


@pytest.fixture(autouse=True)
def _no_history(monkeypatch):
    monkeypatch.setenv("DPUKCONFIG_HISTORY", "")


# ------------------------------------------------------------------------------------ library


def test_seed_configuration_saves_loads_back_identical_and_validates(tmp_path):
    s = session_of(SEED_SCRIPT)
    path = tmp_path / "charcount.json"
    s.apply(f"save {path}")
    data = json.loads(path.read_text())
    assert [t["id"] for t in data["tasklets"]] == list(range(16))
    assert {(t["entry"], t["stack"], t["mailbox_words"]) for t in data["tasklets"]} == \
        {("charcount", "medium", 1)}
    assert data["sysmbox_words"] == 2 and data["model"] == "v1A"
    back = Session()
    back.apply(f"load {path}")
    assert back.to_json() == path.read_text() == s.to_json()
    assert back.config == s.config
    assert rtc.Config.from_json(path.read_text()).problems() == []
    back.validate()


def test_seed_era_script_with_variables(tmp_path):
    s = Session(variables={"DIRECTORY": str(tmp_path), "NAME": "charcount"})
    outputs = list(s.run(SEED_ERA_SCRIPT.split("\n") + ["this line is never read"], "seed"))
    assert outputs == [] and s.finished
    config = rtc.Config.from_json((tmp_path / "charcount.json").read_text())
    assert len(config.tasklets) == 16 and config.sysmbox_words == 1
    assert config.tasklets[0].entry == "task_main" and config.tasklets[0].mailbox_words == 2


def test_variables_braces_dollars_and_set():
    s = Session(variables={"N": "3", "E": "main"})
    s.apply("tasklet add ${N} medium ${E} 0  # a comment")
    s.apply("set W 4")
    s.apply("sysmbox $W")
    s.apply("set ENTRY x$$y")
    assert s.variables["ENTRY"] == "x$y"
    assert s.config.tasklet(3).entry == "main" and s.config.sysmbox_words == 4


@pytest.mark.parametrize("line, message, column", [
    ("sysmbox $UNDEFINED", "undefined variable 'UNDEFINED'", 9),
    ("sysmbox ${UNDEFINED}", "undefined variable 'UNDEFINED'", 9),
    ("sysmbox ${N", "unterminated '${'", 9),
    ("sysmbox 1$", "'$' must start a variable", 10),
    ("sysmbox ${1x}", "invalid variable name '1x'", 9),
])
def test_variable_errors_have_columns(line, message, column):
    e = error_of(line)
    assert message in e.message and e.column == column and e.line == 1


def test_comments_start_a_word_only():
    s = session_of("# a comment\n// another\n  sysmbox 3 // trailing\nmutex add m # trailing")
    assert s.config.sysmbox_words == 3 and s.config.mutexes == ["m"]
    e = error_of("sysmbox 3#no")
    assert "expected a mailbox size (a number), got '3#no'" in e.message


def test_every_directive_does_what_it_says(tmp_path):
    s = session_of("""
        model v1B
        stack huge 4096
        stack small 512
        stack remove large
        tasklet add 0..3 huge main 4
        tasklet add 4..7 small worker 0
        tasklet add 8 128 lone 1
        tasklet remove 2..3
        sysmbox 8
        mutex add lock
        mutex add other
        mutex remove other
        semaphore add sem 3
        semaphore add gone 1
        semaphore remove gone
        barrier add sync 6
        barrier add gone 2
        barrier remove gone
    """)
    c = s.config
    assert c.model == "v1B"
    assert c.stack_classes == {"huge": 4096, "medium": 1024, "small": 512}
    assert [t.id for t in c.tasklets] == [0, 1, 4, 5, 6, 7, 8]
    assert c.tasklet(8).stack == 128 and c.tasklet(0).stack == "huge"
    assert c.sysmbox_words == 8 and c.mutexes == ["lock"]
    assert c.semaphores == [rtc.Semaphore("sem", 3)] and c.barriers == [rtc.Barrier("sync", 6)]
    assert c.problems() == []
    s.apply("reset")
    assert s.config == rtc.Config()
    assert s.variables == {}


def test_show_is_a_script_that_rebuilds_the_configuration():
    s = session_of("model v1B\nstack remove large\nstack huge 2048\n"
                   "tasklet add 0..3 huge main 4\ntasklet add 4 small main 4\n"
                   "tasklet add 6..7 small main 4\nsysmbox 2\nmutex add m\n"
                   "semaphore add s 1\nbarrier add b 8")
    shown = s.apply("show")
    assert "tasklet add 0..3 huge main 4\ntasklet add 4 small main 4\n" \
           "tasklet add 6..7 small main 4" in shown
    assert session_of(shown).to_json() == s.to_json()
    assert json.loads(s.apply("show json")) == s.config.to_dict()
    assert s.apply("show script") == shown


def test_help_comes_from_the_handlers_docstrings():
    s = Session()
    everything = s.apply("help")
    for d in DIRECTIVES.values():
        assert d.handler.__doc__, f"{d.synopsis} has no docstring"
        assert d.synopsis in everything and d.summary in everything
    text = s.apply("help tasklet add")
    d = DIRECTIVES[("tasklet", "add")]
    assert text.startswith("tasklet add <id|a..b> <small|medium|large|bytes> <entry> "
                           "<mailbox words>\n")
    assert "Example: tasklet add 0..15 medium charcount 1" in text
    assert d.description.splitlines()[0] in text
    both = s.apply("help tasklet")
    assert "tasklet add" in both and "tasklet remove" in both
    assert "stack remove <class>" in s.apply("help stack")
    assert error_of("help tasklet frobnicate").column == 14
    assert "no directive 'nope'" in error_of("help nope").message


@pytest.mark.parametrize("line, message, column", [
    ("frobnicate", "unknown directive 'frobnicate' ('help' lists the directives)", 1),
    ("taskelt add 0 small main 0", "unknown directive 'taskelt' (did you mean 'tasklet'?)", 1),
    ("tasklet", "'tasklet' needs a sub-command: add or remove", 8),
    ("tasklet ad 0", "unknown sub-command 'ad' for 'tasklet' (expected add or remove)", 9),
    ("tasklet add 0 small main", "missing <mailbox words> (usage: tasklet add", 25),
    ("sysmbox 1 2", "unexpected '2' (usage: sysmbox <words>)", 11),
    ("sysmbox -1", "expected a mailbox size (a number), got '-1'", 9),
    ("sysmbox 0x", "expected a mailbox size (a number), got '0x'", 9),
    ("tasklet add 5..2 small main 0", "empty range 5..2 (write 2..5)", 13),
    ("tasklet add 1...3 small main 0", "expected a tasklet id or a range a..b", 13),
    ("tasklet add x small main 0", "expected a tasklet id or a range a..b (a number), got 'x'", 13),
    ("tasklet remove 3", "tasklet 3 is not declared", 16),
    ("tasklet remove 0..23", "tasklets 0..23 are not declared", 16),
    ("stack remove tiny", "no stack class named 'tiny'", 14),
    ("stack add 8", "'add' cannot name a stack class", 7),
    ("mutex remove m", "no mutex named 'm'", 14),
    ("semaphore add s 1\nmutex remove s", "'s' is a semaphore, not a mutex", 14),
    ("barrier remove b", "no barrier named 'b'", 16),
    ("semaphore remove s", "no semaphore named 's'", 18),
    ("show yaml", "expected json or script, got 'yaml'", 6),
    ("set 1x y", "variable name '1x' is not a C identifier", 5),
    ("load /nonexistent/x.json", "cannot read '/nonexistent/x.json'", 6),
    ("save /nonexistent/x.json", "cannot save to '/nonexistent/x.json': no directory", 6),
    ("sysmbox \x01", r"got '\x01'", 9),
])
def test_directive_errors_say_what_and_where(line, message, column):
    e = error_of(line)
    assert message in e.message
    assert e.column == column
    assert e.line == line.count("\n") + 1 and e.file == "test"


# Every check of rtc.Config.problems(), reached through directives: the script, the message.
PROBLEM_CHECKS = [
    ("model v2", "unknown DPU model 'v2' (expected v1A or v1B)"),
    ("tasklet add 3 small f 0\ntasklet add 0..4 small f 0",
     "tasklet 3 is already declared (remove it first)"),
    ("tasklet add 24 small f 0", "tasklet 24: a DPU v1A has tasklets 0..23"),
    ("model v1B\ntasklet add 10..16 small f 0", "tasklet 16: a DPU v1B has tasklets 0..15"),
    ("tasklet add 0..16 small f 0\nmodel v1B",
     "a DPU v1B has tasklets 0..15: remove tasklet 16 first"),
    ("tasklet add 0 huge f 0",
     "unknown stack class 'huge' (known: large, medium, small; 'stack huge <bytes>' defines it)"),
    ("tasklet add 0 100 f 0", "stack size 100 is not a multiple of 8"),
    ("tasklet add 0 small f 257", "mailbox of 257 words is out of range 0..256"),
    ("tasklet add 0 small 1f 0", "entry '1f' is not a C identifier"),
    ("tasklet add 0 small é 0", "entry 'é' is not a C identifier"),
    ("stack odd 12", "stack class 'odd': 12 bytes is not a multiple of 8"),
    ("sysmbox 257", "system mailbox of 257 words is out of range 0..256"),
    ("mutex add 9lives", "mutex name '9lives' is not a C identifier"),
    ("semaphore add s-1 0", "semaphore name 's-1' is not a C identifier"),
    ("barrier add b.c 1", "barrier name 'b.c' is not a C identifier"),
    ("mutex add x\nsemaphore add x 1", "semaphore 'x': the name is already used by a mutex"),
    ("barrier add x 2\nmutex add x", "mutex 'x': the name is already used by a barrier"),
    ("model v1B\n" + "\n".join(f"mutex add m{i}" for i in range(65)),
     "65 mutexes: a DPU v1B has 64 atomic bits"),
    ("\n".join(f"mutex add m{i}" for i in range(65)) + "\nmodel v1B",
     "65 mutexes: a DPU v1B has 64 atomic bits"),
    ("semaphore add s 2147483648",
     "semaphore 's': initial count 2147483648 out of range 0..2147483647"),
    ("barrier add b 0", "barrier 'b': count 0 out of range 1..24"),
    ("barrier add b 25", "barrier 'b': count 25 out of range 1..24"),
    ("barrier add b 20\nmodel v1B", "barrier 'b': count 20 out of range 1..16"),
    ("tasklet add 0..15 medium f 1\nstack medium 4096",
     "stacks and mailboxes need 65600 bytes of WRAM: 64 more than the 65536 of a DPU v1A"),
    ("tasklet add 0..15 3968 f 0\nmodel v1B",
     "stacks and mailboxes need 63488 bytes of WRAM: 0 more"),  # not an error: exactly full
    ("tasklet add 0..15 3968 f 0\nsysmbox 1\nmodel v1B",
     "stacks and mailboxes need 63492 bytes of WRAM: 4 more than the 63488 of a DPU v1B"),
]


@pytest.mark.parametrize("script, message", PROBLEM_CHECKS)
def test_every_problem_check_has_a_clear_message_on_the_line_that_causes_it(script, message):
    if "0 more" in message:  # the boundary: a WRAM exactly full is fine
        assert session_of(script).config.problems() == []
        return
    before = Session()
    lines = script.split("\n")
    for line in lines[:-1]:
        before.apply(line)
    snapshot = before.to_json()
    e = error_of(script)
    assert message in e.message
    assert e.line == len(lines)
    with pytest.raises(DirectiveError):
        before.apply(lines[-1])
    assert before.to_json() == snapshot  # a refused directive changes nothing


def test_save_and_validate_list_every_problem_of_an_invalid_configuration(tmp_path):
    bad = rtc.Config(tasklets=[rtc.Tasklet(30, "f", "small"), rtc.Tasklet(1, "g", "tiny")],
                     sysmbox_words=300)
    s = Session(bad)
    with pytest.raises(DirectiveError) as info:
        s.validate()
    for problem in bad.problems():
        assert problem in info.value.message
    e = pytest.raises(DirectiveError, s.apply, f"save {tmp_path}/x.json").value
    assert e.message.startswith("the configuration is not valid: tasklet 30: a DPU v1A")
    assert e.column == 6
    assert not (tmp_path / "x.json").exists()
    s.apply("tasklet remove 30")  # directives still work: only new problems are refused


def test_load_rejects_what_is_not_a_valid_configuration(tmp_path):
    (tmp_path / "junk.json").write_text("{not json")
    (tmp_path / "schema.json").write_text('{"format": "dpu-rtc/1"}')
    cfg = rtc.Config(tasklets=[rtc.Tasklet(0, "f", "small"), rtc.Tasklet(0, "f", "small")])
    (tmp_path / "twice.json").write_text(cfg.to_json())
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe")
    s = Session()
    s.apply("mutex add keep")
    for name, message in [("junk", "not JSON: Expecting property name"),
                          ("schema", "invalid configuration at the top level"),
                          ("twice", "tasklet 0 is declared twice"),
                          ("binary", "not UTF-8 text (byte 0)")]:
        e = pytest.raises(DirectiveError, s.apply, f"load {tmp_path}/{name}.json").value
        assert message in e.message and e.column == 6
    assert s.config.mutexes == ["keep"]


def test_deferred_saves_wait_for_commit_and_load_sees_them(tmp_path):
    s = Session(defer_writes=True)
    a = tmp_path / "a.json"
    s.apply("tasklet add 0 small main 0")
    s.apply(f"save {a}")
    s.apply("reset")
    s.apply(f"load {a}")  # from the pending save: the file does not exist yet
    assert not a.exists() and s.config.tasklet(0).entry == "main"
    s.apply("tasklet add 1 small main 0")
    s.apply(f"save {a}")  # the last save of a file wins
    assert s.commit() == [str(a)]
    assert len(json.loads(a.read_text())["tasklets"]) == 2
    assert s.pending == {}


def test_files_are_rewritten_only_when_their_content_changes(tmp_path):
    path = tmp_path / "c.json"
    assert write_if_changed(str(path), b"one")
    os.utime(path, (1_000_000, 1_000_000))
    assert not write_if_changed(str(path), b"one")
    assert path.stat().st_mtime == 1_000_000
    assert write_if_changed(str(path), b"two")
    assert path.read_bytes() == b"two" and path.stat().st_mtime != 1_000_000


def test_completion_offers_what_fits(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seed.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.json").write_text("{}")
    (tmp_path / ".hidden").write_text("")
    s = session_of("mutex add lock\nmutex add latch\nsemaphore add sem 1\nstack tiny 64\n"
                   "tasklet add 0..1 small main 0\nset DIR sub")
    c = s.complete
    assert c("tas") == ["tasklet"]
    assert c("") == sorted({k[0] for k in DIRECTIVES})
    assert c("tasklet ") == ["add", "remove"]
    assert c("tasklet add 0 med") == ["medium"]
    assert c("tasklet add 0 ") == ["large", "medium", "small", "tiny"]
    assert c("tasklet remove ") == ["0", "1"]
    assert c("stack ") == ["large", "medium", "remove", "small", "tiny"]
    assert c("stack remove t") == ["tiny"]
    assert c("mutex remove l") == ["latch", "lock"]
    assert c("semaphore remove ") == ["sem"]
    assert c("barrier remove ") == []
    assert c("model ") == ["v1A", "v1B"]
    assert c("show ") == ["json", "script"]
    assert c("help ta") == ["tasklet"]
    assert c("help mutex ") == ["add", "remove"]
    assert c("save ") == ["seed.json", "sub/"]
    assert c("load s") == ["seed.json", "sub/"]
    assert c("load sub/") == ["sub/inner.json"]
    assert c("load .h") == [".hidden"]
    assert c("save $D") == ["$DIR"]
    assert c("sysmbox 1 # tas") == []
    assert c("frobnicate ") == []


def test_format_ids():
    assert format_ids([7, 0, 1, 2, 3, 9, 10]) == "0..3, 7, 9..10"
    assert format_ids([]) == ""


# ------------------------------------------------------------------------------------ shell


def shell_of(session=None):
    out, err = io.StringIO(), io.StringIO()
    return Shell(session or Session(), stdout=out, stderr=err), out, err


def test_shell_applies_lines_through_onecmd(tmp_path):
    shell, out, err = shell_of()
    assert shell.onecmd("tasklet add 0..15 medium charcount 1") is False
    assert shell.onecmd("sysmbox 2") is False
    assert shell.onecmd("") is False and shell.emptyline() is False
    assert shell.onecmd(f"save {tmp_path}/now.json") is False
    assert (tmp_path / "now.json").exists()  # the shell writes at once
    assert shell.onecmd("show") is False
    assert "tasklet add 0..15 medium charcount 1\nsysmbox 2" in out.getvalue()
    assert shell.onecmd("tasklet add 3 small x 0") is False
    assert err.getvalue() == ("error: tasklet 3 is already declared (remove it first)\n"
                              " tasklet add 3 small x 0\n"
                              "             ^\n")
    assert shell.onecmd("help sysmbox") is False
    assert "Size the system mailbox" in out.getvalue()
    assert shell.onecmd("quit") is True


def test_shell_stops_at_end_of_input_and_completes_with_spaces():
    shell, _, _ = shell_of()
    assert shell.onecmd("EOF") is True
    assert shell.completions("tas", 3) == ["tasklet "]
    assert shell.completions("tasklet add 0 med", 17) == ["medium "]
    assert shell.completions("tasklet add 0 med xyz", 17) == ["medium "]


def test_shell_cmdloop_on_a_stream():
    stdin = io.StringIO("mutex add m\nbogus\nshow\n")
    out, err = io.StringIO(), io.StringIO()
    shell = Shell(Session(), stdin=stdin, stdout=out, stderr=err)
    shell.use_rawinput = False
    shell.cmdloop(intro="")
    assert "mutex add m" in out.getvalue()
    assert "error: unknown directive 'bogus'" in err.getvalue()


# ------------------------------------------------------------------------------------ CLI


def invoke(args, input=None):
    result = CliRunner().invoke(cli, args, input=input, prog_name="dpukconfig")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output + result.stderr
    return result


def test_cli_script_with_variables(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("seed.dpk").write_text(SEED_ERA_SCRIPT)
    Path("out").mkdir()
    r = invoke(["-s", "seed.dpk", "-v", "DIRECTORY=out", "-v", "NAME=charcount"])
    assert r.exit_code == 0, r.stderr
    assert rtc.Config.from_json(Path("out/charcount.json").read_text()).problems() == []


def test_cli_errors_name_script_and_line_and_write_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bad.dpk").write_text("save early.json\ntasklet add 0 small main 0\n"
                               "save a.json\ntasklet add 0 small main 0\nsave b.json\n")
    r = invoke(["-s", "bad.dpk", "-o", "final.json"])
    assert r.exit_code == 1
    assert r.stderr == ("bad.dpk:4: error: tasklet 0 is already declared (remove it first)\n"
                        " tasklet add 0 small main 0\n"
                        "             ^\n")
    assert sorted(os.listdir()) == ["bad.dpk"]


def test_cli_command_and_output_for_makefiles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["-c", "tasklet add 0..15 medium charcount 1; sysmbox 2", "-o", "config.json"]
    r = invoke(args)
    assert r.exit_code == 0, r.stderr
    assert r.output == ""
    text = Path("config.json").read_text()
    assert text == session_of(SEED_SCRIPT).to_json()
    os.utime("config.json", (1_000_000, 1_000_000))
    assert invoke(args).exit_code == 0
    assert Path("config.json").stat().st_mtime == 1_000_000  # same content: untouched
    r = invoke(["-c", "sysmbox 2; tasklet add 0 small main 0; sysmbox 999", "-o", "config.json"])
    assert r.exit_code == 1
    assert r.stderr.startswith("-c:3: error: system mailbox of 999 words is out of range")
    assert Path("config.json").read_text() == text


def test_cli_reads_a_script_on_standard_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = invoke([], input=SEED_SCRIPT + "save seed.json\nshow json\n")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.output) == json.loads(Path("seed.json").read_text())
    r = invoke(["-s", "-"], input="sysmbox 1\n\ntasklet add 0 small 3x 0\n")
    assert r.exit_code == 1 and r.stderr.startswith("<stdin>:3: error: entry '3x' is not a C")


def test_cli_usage_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = invoke(["-c", "sysmbox 1", "-v", "1=2"])
    assert r.exit_code == 1
    assert r.stderr == "dpukconfig: error: -v expects NAME=VALUE with NAME a C identifier, " \
                       "got '1=2'\n"
    r = invoke(["-s", "nope.dpk"])
    assert r.exit_code == 1
    assert r.stderr == "dpukconfig: error: nope.dpk: No such file or directory\n"
    assert invoke(["-s", "x", "-c", "y"]).exit_code == 2
    Path("latin1.dpk").write_bytes(b"sysmbox 1\n# caf\xe9\n")
    r = invoke(["-s", "latin1.dpk"])
    assert r.exit_code == 1 and r.stderr == "latin1.dpk:2: error: not UTF-8 text (byte 15)\n"
    r = invoke(["-c", "sysmbox 1", "-o", "missing/dir.json"])
    assert r.exit_code == 1 and "dpukconfig: error: cannot save to 'missing/dir.json'" in r.stderr
    assert "--script" in invoke(["--help"]).output


def test_cli_quit_ends_the_script_and_writes_its_saves(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = invoke(["-c", "sysmbox 1; save a.json; quit; this is not a directive"])
    assert r.exit_code == 0 and Path("a.json").exists()


# ------------------------------------------------------------------------------------ fuzzing

_IDS = ["0", "3", "0..3", "4..7", "0..15", "16..23", "0..23", "3..1", "24", "0x2", "x", "-1"]
_STACKS = ["small", "medium", "large", "huge", "64", "100", "4096", "0"]
_NAMES = ["main", "m", "s", "b", "huge", "1x", "é", "$X", "${X}", "$UNDEF", "${", "a$$b"]
_NUMBERS = ["0", "1", "2", "8", "16", "24", "25", "256", "257", "4096", "8192", "0x10", "-1", "z"]
_FILES = ["a.json", "b.json", "sub/c.json", "nodir/d.json", "sub", "$X.json"]
_TEMPLATES = [
    "tasklet add {ids} {stack} {name} {number}", "tasklet add {ids} {stack} {name} {number}",
    "tasklet remove {ids}", "sysmbox {number}", "stack {name} {number}", "stack remove {stack}",
    "mutex add {name}", "mutex remove {name}", "semaphore add {name} {number}",
    "semaphore remove {name}", "barrier add {name} {number}", "barrier remove {name}",
    "model {model}", "show", "show json", "save {file}", "save {file}", "load {file}", "reset",
    "set X {name}", "help {topic}", "quit", "tasklet", "{name} {number}",
]


@contextlib.contextmanager
def _temporary_directory():
    """A fresh working directory per example (pytest's tmp_path is one per test)."""
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as path:
        os.chdir(path)
        try:
            yield path
        finally:
            os.chdir(old)


@st.composite
def directive_lines(draw):
    template = draw(st.sampled_from(_TEMPLATES))
    line = template.format(
        ids=draw(st.sampled_from(_IDS)), stack=draw(st.sampled_from(_STACKS)),
        name=draw(st.sampled_from(_NAMES)), number=draw(st.sampled_from(_NUMBERS)),
        file=draw(st.sampled_from(_FILES)), model=draw(st.sampled_from(["v1A", "v1B", "v9"])),
        topic=draw(st.sampled_from(["", "tasklet", "tasklet add", "nope", "stack remove"])))
    indent = draw(st.sampled_from(["", "  ", "\t"]))
    comment = draw(st.sampled_from(["", "", " // note", " # note", "  #"]))
    return indent + line + comment


_noise = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"),
                 max_size=25)
_VALID_TEMPLATES = 4 * [
    "tasklet add {ids} {stack} {entry} {small}", "sysmbox {small}", "stack {cls} {bytes}",
    "mutex add m{n}", "semaphore add s{n} {small}", "barrier add b{n} {count}", "save {file}",
] + ["tasklet remove {ids}", "mutex remove m{n}", "barrier remove b{n}", "model {model}",
     "show", "load {file}", "set X {entry}", "reset"]


@st.composite
def plausible_lines(draw):
    """Directives with arguments that are mostly right, so scripts get deep before failing."""
    lo = draw(st.integers(0, 23))
    hi = min(23, lo + draw(st.integers(0, 4)))
    return draw(st.sampled_from(_VALID_TEMPLATES)).format(
        ids=str(lo) if lo == hi else f"{lo}..{hi}",
        stack=draw(st.sampled_from(["small", "medium", "large", "64", "512"])),
        entry=draw(st.sampled_from(["main", "worker", "$X", "${X}"])),
        cls=draw(st.sampled_from(["medium", "tiny", "huge"])), n=draw(st.integers(0, 5)),
        small=draw(st.integers(0, 8)), bytes=draw(st.sampled_from([0, 64, 512, 1024, 3072])),
        count=draw(st.integers(1, 16)), model=draw(st.sampled_from(["v1A", "v1A", "v1B"])),
        file=draw(st.sampled_from(["a.json", "b.json", "sub/c.json", "$X.json"])))


@st.composite
def scripts(draw):
    """Plausible directives, and now and then one that may be wrong anywhere in the script."""
    lines = draw(st.lists(plausible_lines(), max_size=12))
    if draw(st.booleans()):
        bad = draw(st.one_of(directive_lines(), _noise))
        lines.insert(draw(st.integers(0, len(lines))), bad)
    return lines


def _expected(lines: list[str]) -> tuple[int | None, list[str]]:
    """The library's verdict: the failing line (None when all succeed) and the files saved."""
    s = Session(variables={"X": "main"}, defer_writes=True)
    try:
        for _ in s.run(lines, "script.dpk"):
            pass
    except DirectiveError as e:
        return e.line, []
    return None, sorted(os.path.relpath(p) for p in s.pending)


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(scripts(), st.booleans())
def test_fuzzed_scripts_fail_cleanly_or_write_valid_files(lines, with_output):
    runner = CliRunner()
    with _temporary_directory():
        os.mkdir("sub")
        Path("script.dpk").write_text("\n".join(lines), encoding="utf-8")
        args = ["-s", "script.dpk", "-v", "X=main"] + (["-o", "final.json"] if with_output else [])
        failing_line, saved = _expected(lines)
        result = runner.invoke(cli, args, prog_name="dpukconfig")
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            result.exc_info
        written = sorted(str(p) for p in Path(".").rglob("*.json"))
        assert "Traceback" not in result.stderr
        if failing_line is not None:
            assert result.exit_code == 1
            first = result.stderr.splitlines()[0]
            assert re.fullmatch(r"script\.dpk:(\d+): error: \S.*", first), result.stderr
            assert first.startswith(f"script.dpk:{failing_line}: error: ")
            assert written == []  # nothing at all, let alone a partial file
            return
        assert result.exit_code == 0, result.stderr
        assert written == sorted(set(saved) | ({"final.json"} if with_output else set()))
        for path in written:
            assert rtc.Config.from_json(Path(path).read_text()).problems() == []


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.binary(max_size=80))
def test_fuzzed_bytes_on_standard_input_never_crash(data):
    runner = CliRunner()
    with _temporary_directory():
        result = runner.invoke(cli, [], input=data, prog_name="dpukconfig")
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code in (0, 1)
        if result.exit_code:
            assert re.match(r"<stdin>:\d+: error: \S", result.stderr), result.stderr
        assert not list(Path(".").rglob("*.json"))


# ------------------------------------------------------------------------------------ subprocess


def run(*args, cwd, input=None):
    return subprocess.run([str(EXE), *args], cwd=cwd, input=input, capture_output=True,
                          text=True, env={**os.environ, "DPUKCONFIG_HISTORY": ""}, timeout=60,
                          check=False)


def test_installed_command_seed_era_script_and_stdin(tmp_path):
    (tmp_path / "seed.dpk").write_text(SEED_ERA_SCRIPT)
    (tmp_path / "out").mkdir()
    r = run("-s", "seed.dpk", "-v", "DIRECTORY=out", "-v", "NAME=charcount", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "charcount.json").exists()
    r = run(cwd=tmp_path, input=SEED_SCRIPT + "save piped.json\nsysmbox 999\n")
    assert r.returncode == 1
    assert r.stderr.startswith("<stdin>:15: error: system mailbox of 999 words")
    assert not (tmp_path / "piped.json").exists()


@pytest.mark.parametrize("script", [
    "tasklet add 0..15 medium charcount 1\nsave x.json\nstack medium 8192\n",
    "save x.json\n\x00\n",
    "save x.json\ntasklet add 0..${ medium f 1\n",
])
def test_installed_command_fuzz_corpus_fails_cleanly(tmp_path, script):
    (tmp_path / "s.dpk").write_text(script)
    r = run("-s", "s.dpk", "-o", "y.json", cwd=tmp_path)
    assert r.returncode == 1
    assert re.match(r"s\.dpk:\d+: error: \S", r.stderr) and "Traceback" not in r.stderr
    assert sorted(os.listdir(tmp_path)) == ["s.dpk"]


# ------------------------------------------------------------------------------------ terminal


def test_terminal_session_with_completion_and_history(tmp_path, interruptible):
    import pexpect

    (tmp_path / "seed_config.json").write_text(session_of(SEED_SCRIPT).to_json())
    history = tmp_path / "history"
    env = {**os.environ, "DPUKCONFIG_HISTORY": str(history), "TERM": "dumb",
           "INPUTRC": "/dev/null"}
    child = pexpect.spawn(str(EXE), ["-o", "exit.json"], cwd=str(tmp_path), env=env,
                          encoding="utf-8", timeout=30, preexec_fn=interruptible)

    def type_(text: str) -> None:
        """Type text and wait for readline to echo it before the next key: a line typed ahead
        in one burst with its Tab once lost characters on a loaded CI machine."""
        child.send(text)
        child.expect_exact(text)

    try:
        child.expect_exact("dpukconfig> ")
        type_("tas")
        child.send("\t")
        child.expect_exact("klet ")
        type_("add 0..3 med")
        child.send("\t")
        child.expect_exact("ium ")
        type_("charcount 1")
        child.send("\r")
        child.expect_exact("dpukconfig> ")
        type_("mutex add lock")
        child.send("\r")
        child.expect_exact("dpukconfig> ")
        type_("mutex remove l")
        child.send("\t")
        child.expect_exact("ock ")
        child.send("\r")
        child.expect_exact("dpukconfig> ")
        type_("show")
        child.send("\r")
        child.expect_exact("tasklet add 0..3 medium charcount 1")
        child.expect_exact("dpukconfig> ")
        type_("bogus 1")
        child.send("\r")
        child.expect_exact("error: unknown directive 'bogus'")
        child.expect_exact("dpukconfig> ")
        type_("partial line")
        child.send("\x03")  # Ctrl-C drops the line, not the session
        child.expect_exact("^C")
        child.expect_exact("dpukconfig> ")
        type_("load seed_c")
        child.send("\t")
        child.expect_exact("onfig.json ")
        child.send("\r")
        child.expect_exact("dpukconfig> ")
        type_("quit")
        child.send("\r")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert rtc.Config.from_json((tmp_path / "exit.json").read_text()) == \
        rtc.Config.from_json((tmp_path / "seed_config.json").read_text())
    assert "mutex add lock" in history.read_text()


def test_numbers_with_leading_zeros_are_decimal():
    """'03' once escaped the number check and crashed the shell with a traceback."""
    config = session_of("tasklet add 00..03 medium charcount 1\nsysmbox 010\n").config
    assert [t.id for t in config.tasklets] == [0, 1, 2, 3]
    assert config.sysmbox_words == 10
