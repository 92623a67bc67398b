"""dpucore.terminal: what dpukconfig's shell and dpushell share at a terminal (their own
terminal sessions, in test_dpukconfig and test_dpushell, drive it through a pseudo-terminal)."""

from __future__ import annotations

import io
import os

from dpucore import terminal


def test_history_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("X_HISTORY", raising=False)
    assert terminal.history_path("X_HISTORY", ".x_history") == os.path.join(str(tmp_path),
                                                                            ".x_history")
    monkeypatch.setenv("X_HISTORY", str(tmp_path / "h"))
    assert terminal.history_path("X_HISTORY", ".x_history") == str(tmp_path / "h")
    monkeypatch.setenv("X_HISTORY", "")
    assert terminal.history_path("X_HISTORY", ".x_history") is None


def test_completed_words_are_followed_by_a_space_unless_they_go_on():
    assert terminal.whole_words(["set ", "dir/", "file.c:", "quit"]) == \
        ["set  ", "dir/", "file.c: ", "quit "]
    assert terminal.whole_words(["dir/", "file.c:"], ("/", ":")) == ["dir/", "file.c:"]


class Echo(terminal.LineShell):
    prompt = "> "

    def onecmd(self, line):
        if line == "EOF":
            return True
        if line == "boom":
            raise KeyboardInterrupt
        self.stdout.write(f"[{line}]\n")
        return line == "quit"

    def completions(self, line, endidx):
        return terminal.whole_words(w for w in ("alpha", "beta/") if w.startswith(line[:endidx]))


def test_interact_runs_to_the_end_and_ctrl_c_drops_the_line(tmp_path):
    out = io.StringIO()
    shell = Echo(stdin=io.StringIO("one\n\nboom\ntwo\nquit\nnever\n"), stdout=out)
    shell.use_rawinput = False
    terminal.interact(shell, "hello", str(tmp_path / "history"))
    text = out.getvalue()
    assert text.startswith("hello\n")
    assert "[one]" in text and "[two]" in text and "[quit]" in text
    assert "[]" in text  # (an empty line is the shell's to mean, not the last line again)
    assert "^C\n" in text and "[never]" not in text
    assert shell.completions("al", 2) == ["alpha "] and shell.completions("b", 1) == ["beta/"]
