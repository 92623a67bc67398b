"""dpushell: batch runs (``-c``, scripts, standard input) on the embedded simulator and on a real
dpuservice process, printing the same bytes; a whole debugging session on the character
counter's debug build; the error paths (exit status 1, one ``dpushell: error:`` line, no
traceback); the console-script entry; and a terminal session under pexpect (prompt, Tab
completion, history)."""

from __future__ import annotations

import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dpusim.shell import EmbeddedBackend, RemoteBackend, Shell, ShellError
from dpusim.shell import cli as shell_cli
from service_common import ROOT, env, make_charcount_debug, service

SAMPLE = ROOT / "samples" / "charcount"
SOURCE = SAMPLE / "charcount.c"
SOURCE_LINES = SOURCE.read_text().splitlines()
LINE = next(i for i, s in enumerate(SOURCE_LINES, 1) if "result += j;" in s)
FOR_LINE = next(i for i, s in enumerate(SOURCE_LINES, 1) if "for (i = 0; i < 64; i++)" in s)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """The debug build of the character counter and a document for it to count 'e' in."""
    build = tmp_path_factory.mktemp("dpushell")
    make_charcount_debug(build)
    for dep in build.glob("*.d"):  # so that 'charcount-d' Tab completes to one file
        dep.unlink()
    rng = random.Random(3)
    (build / "document.txt").write_bytes(bytes(rng.choice(b"abcde \n") for _ in range(4096)))
    return build


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with service(tmp_path_factory.mktemp("dpushell-server")) as s:
        yield s
        assert "Traceback" not in s.stderr()


def dpushell(*args: str, cwd: Path, input: str | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it (a process), without depending on installed scripts."""
    return subprocess.run([sys.executable, "-m", "dpusim.shell", *args], cwd=cwd, input=input,
                          capture_output=True, text=True, timeout=120,
                          env={**env(), "DPUSHELL_HISTORY": ""})


def invoke(*args: str, input: str | None = None):
    """The command in this process (quicker: for the many error paths)."""
    return CliRunner().invoke(shell_cli.cli, list(args), input=input)


SESSION = f"""\
# the seed's character counter, debugged
load charcount-debug
write 0x08000000 --file document.txt
write __sys_mbox 4096 101
break charcount.c:{LINE}
info breakpoints
run
bt
tasklets
next
info locals
info args
print document_len
up
down
print __sys_mbox[0]
print r22
regs
delete
continue
log
stats
"""


def test_a_debugging_session_on_the_character_counter(work):
    (work / "session.dps").write_text(SESSION)
    r = dpushell("session.dps", cwd=work)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    out = r.stdout
    lines = out.splitlines()
    # the breakpoint on the source line, and the stop there with the line's text
    assert "Breakpoint 1 at 0x" in lines[3] and lines[3].endswith(
        f": charcount at charcount.c:{LINE}")
    k = lines.index(f"Breakpoint 1, tasklet 0 in charcount at charcount.c:{LINE}")
    assert lines[k + 1] == f"{LINE}\t{SOURCE_LINES[LINE - 1]}"
    # bt: charcount at the line, called by the bootstrap
    assert lines[k + 2].startswith("#0  0x") and lines[k + 2].endswith(
        f"in charcount () at charcount.c:{LINE}")
    assert lines[k + 3].startswith("#1  ") and "__bootstrap" in lines[k + 3]
    # tasklets: the 16 of the seed's configuration, the current one marked
    tasklets = [s for s in lines if s[:1] in "* " and "instructions" in s and s[2:4].strip()
                .isdigit()]
    assert [int(s[2:4]) for s in tasklets] == list(range(16))
    assert tasklets[0].startswith("*  0  running")
    # next: back to the loop's line; print reads the mailbox and a register
    assert f"Tasklet 0 in charcount at charcount.c:{FOR_LINE}" in lines
    assert "__sys_mbox[0] = 4096 (0x00001000)" in lines
    # the locals DWARF describes, in the selected frame; the bootstrap (assembly) has none
    k = lines.index(f"Tasklet 0 in charcount at charcount.c:{FOR_LINE}")
    assert lines[k + 2:k + 10] == [
        "host_request = 0x" + lines[k + 2].split("0x")[1], "document_len = 4096",
        f"characters = {ord('e') * 0x01010101}", "result = " + lines[k + 5].split(" = ")[1],
        "cache = 0x" + lines[k + 6].split("0x")[1],
        "my_block_address = 0", "i = 0", "j = " + lines[k + 9].split(" = ")[1]]
    assert lines[k + 10:k + 12] == ["No arguments.", "document_len = 4096"]
    assert lines[k + 12].startswith("#1  ") and "__bootstrap" in lines[k + 12]
    assert lines[k + 13].startswith("#0  ") and lines[k + 13].endswith(
        f"in charcount at charcount.c:{FOR_LINE}")
    assert any(s.startswith("r22 = 0x") for s in lines)
    assert any(s.startswith("pc  0x8") for s in lines) and any(s.startswith("zf  ")
                                                              for s in lines)
    # continue to the end: exit status 0; the log has each tasklet's count
    assert any(s.startswith("DPU 0 exited with status 0: ") for s in lines)
    counts = {}
    for s in lines:
        if s.startswith("tasklet ") and ": " in s and s.split(":")[1].strip().isdigit():
            counts[int(s.split()[1].rstrip(":"))] = int(s.split(": ")[1])
    assert sorted(counts) == list(range(16))
    document = (work / "document.txt").read_bytes()
    assert sum(counts.values()) == document.count(b"e")
    assert any(s.startswith("DPU 0: done, ") and "cycles" in s for s in lines)


def test_embedded_and_remote_print_the_same(work, server):
    (work / "session.dps").write_text(SESSION)
    embedded = dpushell("session.dps", cwd=work)
    remote = dpushell("--connect", f"127.0.0.1:{server.port}", "-x", "session.dps", cwd=work)
    assert embedded.returncode == remote.returncode == 0, embedded.stderr + remote.stderr
    # the one difference: which back end 'status' names (not in this session)
    assert embedded.stdout == remote.stdout
    assert "Breakpoint 1, tasklet 0" in remote.stdout


def test_run_without_breakpoints_and_commands_from_c_stdin_and_files(work):
    setup = "load charcount-debug; write 0x08000000 --file document.txt; " \
            "write __sys_mbox 4096 101"
    r = dpushell("-c", setup, "-c", "run; log 0", cwd=work)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[3].startswith("DPU 0 exited with status 0: ")
    assert "tasklet 15: " in r.stdout
    piped = dpushell(cwd=work, input=setup.replace("; ", "\n") + "\nrun\nlog\nquit\nfrob\n")
    assert piped.returncode == 0, piped.stderr  # 'quit' ends before the unknown command
    assert piped.stdout == r.stdout


def test_a_conditional_breakpoint_stops_only_its_tasklet_and_finish_returns(work, monkeypatch):
    out = io.StringIO()
    shell = Shell(EmbeddedBackend(), out)
    monkeypatch.chdir(work)
    for line in ["load charcount-debug", "write 0x08000000 --file document.txt",
                 "write __sys_mbox 4096 101", "break charcount if tasklet == 3",
                 "b mram_ll_read256 tasklet 3", "run"]:
        shell.execute(line)
    assert "Breakpoint 1, tasklet 3 in charcount at charcount.c:" in out.getvalue()
    shell.execute("continue")
    assert "Breakpoint 2, tasklet 3 in mram_ll_read256" in out.getvalue()
    shell.execute("finish")
    assert out.getvalue().splitlines()[-2].startswith("Tasklet 3 in charcount at charcount.c:")
    shell.execute("set var r0 = 77")
    assert out.getvalue().splitlines()[-1] == "r0 = 0x4d (77)"
    shell.execute("delete")
    shell.execute("continue")
    assert "The program has ended" in out.getvalue()
    with pytest.raises(ShellError, match="not being debugged"):
        shell.execute("next")
    shell.backend.close()


@pytest.mark.parametrize("commands, message", [
    (["frob"], "unknown command 'frob' (try 'help')"),
    (["run"], "no program loaded (use 'load FILE' first)"),
    (["bt"], "no program loaded (use 'load FILE' first)"),
    (["load no-such-file"], "no-such-file: No such file or directory"),
    (["load charcount-debug", "break nosuch"], "no function 'nosuch' in charcount-debug"),
    (["load charcount-debug", "break charcount.c:99999"], "no code at or after "
                                                          "charcount.c:99999"),
    (["load charcount-debug", "break charcount if x > 3"], "unsupported condition"),
    (["load charcount-debug", "break charcount tasklet 99"], "'tasklet' must be in 0..23, not 99"),
    (["load charcount-debug", "next"], "the program is not being debugged"),
    (["load charcount-debug", "print nosuch"], "no register or symbol 'nosuch'"),
    (["load charcount-debug", "write nosuch 1"], "nosuch"),
    (["load charcount-debug", "mem 0x1000000 4"], ""),
    (["load charcount-debug", "delete 7"], "no breakpoint 7"),
    (["load charcount-debug", "info nonsense"], "info: unknown topic 'nonsense'"),
    (["load charcount-debug", "write"], "usage: write LOCATION VALUE..."),
    (["load charcount-debug", "load x --frob"], "load: unknown option '--frob'"),
    (["echo 'unterminated"], "echo: No closing quotation"),
])
def test_errors_exit_1_with_one_message_and_no_traceback(work, commands, message,
                                                         monkeypatch):
    monkeypatch.chdir(work)
    r = invoke("-c", "; ".join(commands))
    assert r.exit_code == 1, r.output
    errors = [s for s in r.stderr.splitlines()]
    assert len(errors) == 1 and errors[0].startswith("dpushell: error: ")
    assert message in errors[0]
    assert "Traceback" not in r.output + r.stderr


def test_errors_in_scripts_name_the_line_and_stop_there(work, monkeypatch):
    monkeypatch.chdir(work)
    (work / "bad.dps").write_text("echo one\n\n# comment\nload charcount-debug; bogus\n"
                                  "echo never\n")
    r = invoke("bad.dps")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0] == "one" and "never" not in r.stdout
    assert r.stderr == "dpushell: error: bad.dps:4: unknown command 'bogus' (try 'help')\n"
    r = invoke("-x", "missing.dps")
    assert r.exit_code == 1 and r.stderr == ("dpushell: error: missing.dps: No such file or "
                                             "directory\n")


def test_usage_errors_and_help(work):
    r = invoke("--connect", "host:notaport", "-c", "status")
    assert r.exit_code == 1 and "--connect: not a port: 'notaport'" in r.stderr
    r = invoke("--connect", "127.0.0.1:1", "-c", "status")
    assert r.exit_code == 1 and r.stderr.startswith(
        "dpushell: error: cannot connect to dpuservice at 127.0.0.1:1")
    r = invoke("-c", "help; help break; help bt")
    assert r.exit_code == 0
    assert "  break [b, br]" in r.stdout and "usage: bt [full] [TASKLET|all]" in r.stdout
    for name in ["load", "run", "break", "delete", "step", "next", "finish", "continue", "bt",
                 "regs", "mem", "disasm", "tasklets", "log", "stats", "quit", "frame", "up",
                 "down"]:
        assert f"\n  {name} " in r.stdout, name


def test_the_console_script_entry_point(work, monkeypatch, capsys):
    monkeypatch.chdir(work)
    monkeypatch.setattr(sys, "argv", ["dpushell", "-c", "load charcount-debug; info functions"])
    with pytest.raises(SystemExit) as e:
        shell_cli.main()
    assert e.value.code == 0
    assert "charcount\n" in capsys.readouterr().out
    import tomllib
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["dpushell"] == "dpusim.shell.cli:main"
    assert scripts["dpuservice"] == "dpusim.service.cli:main"


def test_remote_with_a_token_and_a_shared_server(work, tmp_path):
    with service(tmp_path, "--token", "sesame") as s:
        r = dpushell("--connect", f"127.0.0.1:{s.port}", "-c", "status", cwd=work)
        assert r.returncode == 1 and "unauthenticated" in r.stderr
        r = dpushell("--connect", f"127.0.0.1:{s.port}", "--token", "sesame", "-c",
                     "load charcount-debug; status", cwd=work)
        assert r.returncode == 0, r.stderr
        assert f"Back end: dpuservice at 127.0.0.1:{s.port}; program: charcount-debug" \
            in r.stdout
        backend = RemoteBackend("127.0.0.1", s.port, "sesame")
        shell = Shell(backend, io.StringIO())
        with pytest.raises(ShellError, match="no program loaded"):
            shell.execute("run")
        backend.close()


def test_completion_offers_commands_symbols_files_and_topics(work, monkeypatch):
    monkeypatch.chdir(work)
    shell = Shell(EmbeddedBackend(), io.StringIO())
    assert shell.complete("brea") == ["break"]
    assert "continue" in shell.complete("c") and "cont" in shell.complete("c")
    assert shell.complete("load charcount-d") == ["charcount-debug"]
    shell.execute("load charcount-debug")
    assert shell.complete("break charc") == ["charcount", "charcount.c:"]
    assert shell.complete("print __sys_mb") == ["__sys_mbox"]
    assert shell.complete("info bre") == ["breakpoints"]
    assert shell.complete("help fin") == ["finish"]
    assert shell.complete("frob x") == []
    shell.backend.close()


# ------------------------------------------------------------------------------------ terminal


def test_terminal_session_with_completion_and_history(work, tmp_path, interruptible):
    import pexpect

    history = tmp_path / "history"
    child = pexpect.spawn(sys.executable, ["-m", "dpusim.shell"], cwd=str(work),
                          env={**env(), "DPUSHELL_HISTORY": str(history), "TERM": "dumb",
                               "INPUTRC": "/dev/null"}, encoding="utf-8", timeout=60,
                          preexec_fn=interruptible)

    def type_(text: str) -> None:
        """Type text and wait for readline to echo it before the next key (a line typed ahead
        in one burst with its Tab lost characters on a loaded CI machine)."""
        child.send(text)
        child.expect_exact(text)

    try:
        child.expect_exact("dpushell> ")
        type_("load charcount-d")
        child.send("\t")
        child.expect_exact("ebug ")
        child.send("\r")
        child.expect_exact("tasklets 0..15, on 1 DPU")
        child.expect_exact("dpushell> ")
        type_("brea")
        child.send("\t")
        child.expect_exact("k ")
        type_("charcount.c:")
        type_(str(LINE))
        child.send("\r")
        child.expect_exact(f"charcount at charcount.c:{LINE}")
        child.expect_exact("dpushell> ")
        type_("bogus")
        child.send("\r")
        child.expect_exact("error: unknown command 'bogus'")
        child.expect_exact("dpushell> ")
        type_("help ne")
        child.send("\t")
        child.expect_exact("xt ")
        child.send("\r")
        child.expect_exact("usage: next [N]")
        child.expect_exact("dpushell> ")
        type_("partial line")
        child.send("\x03")  # Ctrl-C drops the line, not the session
        child.expect_exact("^C")
        child.expect_exact("dpushell> ")
        type_("info breakpoints")
        child.send("\r")
        child.expect_exact("hit 0 times")
        child.expect_exact("dpushell> ")
        type_("quit")
        child.send("\r")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    text = history.read_text()
    assert "load charcount-debug" in text and "info breakpoints" in text


# ------------------------------------------------------------------------------------ the IDEs


def test_the_sample_launch_json_runs_the_character_counter(work, server):
    """samples/charcount/.vscode/launch.json, as VS Code would send it to the port."""
    import json
    import re

    from service_common import Dap

    text = (SAMPLE / ".vscode" / "launch.json").read_text()
    config = json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.M))
    assert all(c["debugServer"] == 2066 and c["type"] == "dpu" for c in
               config["configurations"])
    launch = dict(config["configurations"][1])
    assert launch["noDebug"] is True
    for key in ("name", "type", "request", "debugServer"):
        del launch[key]
    launch["program"] = launch["program"].replace("${workspaceFolder}/build", str(work))
    dap = Dap(server.port)
    try:
        dap.ok("initialize", {"adapterID": "dpu", "linesStartAt1": True})
        dap.ok("launch", launch)
        dap.request("configurationDone")
        dap.event("terminated")
        output = "".join(e["body"]["output"] for e in dap.events
                         if e["event"] == "output" and e["body"].get("category") == "stdout")
    finally:
        dap.close()
    counts = [int(s.split(": ")[1]) for s in output.splitlines() if s.startswith("tasklet ")]
    assert len(counts) == 16 and sum(counts) == 7


def test_frames_locals_and_assignments(work):
    r = dpushell("-c", "load charcount-debug; write 0x08000000 --file document.txt; "
                 f"write __sys_mbox 4096 101; break charcount.c:{LINE}; run; "
                 "set var result = 1000; print result; bt full; frame 1; info locals; "
                 "frame 5", cwd=work)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert "result = 1000" in lines
    k = next(i for i, s in enumerate(lines) if s.startswith("#0  "))
    assert lines[k].endswith(f"in charcount () at charcount.c:{LINE}")
    assert "        result = 1000" in lines[k + 1:k + 9]
    assert "        document_len = 4096" in lines[k + 1:k + 9]
    assert lines[-2].startswith("#1  ") and lines[-1] == "No locals."
    assert r.stderr == "dpushell: error: no frame 5 (tasklet 0 has 2)\n"
