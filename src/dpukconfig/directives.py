"""The dpukconfig directive language: a :class:`Session` applies directives such as
``tasklet add 0..15 medium charcount 1`` to a runtime configuration (:class:`dpucore.rtc.Config`).

Why a library: the interactive shell, scripts (``-s``, standard input), ``-c`` and the tests all
drive the same :class:`Session`, so a directive means the same thing everywhere; the fronts only
choose where lines come from and where messages go.  Nothing here prints.

The language, as a user sees it:

* one directive per line, words separated by blanks; a word that starts with ``#`` or ``//``
  starts a comment running to the end of the line (so ``dir//x.json`` is a file name, not a
  comment);
* ``$NAME`` and ``${NAME}`` are replaced by a variable's value (``-v NAME=VALUE`` or ``set``),
  ``$$`` is a dollar sign; an undefined variable is an error, never an empty string;
* the configuration stays valid after every directive: one that would break a check of
  :meth:`Config.problems <dpucore.rtc.Config.problems>` is refused and changes nothing, so an error
  names the line that caused it rather than a later ``save``;
* each directive is documented once, by its handler's docstring, which ``help`` shows.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dpucore import memory, rtc
from dpucore.fileio import write_if_changed

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # ASCII, as the schema and C want
_NUMBER = re.compile(r"0[xX][0-9A-Fa-f]+|[0-9]+")
_RANGE = re.compile(r"(?P<lo>[^.]+)\.\.(?P<hi>[^.]+)")
_WORD = re.compile(r"[^ \t\r\f\v]+")
_VARIABLE = re.compile(
    r"\$(?:\{(?P<braced>[^}]*)\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*)|(?P<dollar>\$))?")
MAX_SEMAPHORE_COUNT = 0x7FFFFFFF
MAX_TASKLET_ID = 255  # the schema's bound, whatever the model
_RESERVED_CLASS_NAMES = ("add", "remove")


class DirectiveError(Exception):
    """A directive that cannot be applied.

    ``column`` (1-based, in the line as written, before variables are replaced) and ``length``
    locate the culprit when it is known.  :meth:`Session.run` fills in ``file`` and ``line`` and
    :meth:`Session.apply` the ``source`` text, so that every front can print the same
    ``file:line: error: message`` with a caret under the word at fault.
    """

    def __init__(self, message: str, column: int | None = None, length: int = 1):
        super().__init__(message)
        self.message = message
        self.column = column
        self.length = max(1, length)
        self.file: str | None = None
        self.line: int | None = None
        self.source: str | None = None

    def render(self) -> str:
        """``file:line: error: message`` (just ``error: message`` without a place), then the line
        and a caret when the column is known."""
        head = f"error: {self.message}"
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
            head = f"{where}: {head}"
        if self.source is None or self.column is None:
            return head
        # A tab counts as one column, as it does in the column numbers.
        source = self.source.rstrip("\r\n").expandtabs(1)
        caret = " " * (self.column - 1) + "^" + "~" * (self.length - 1)
        return f"{head}\n {source}\n {caret}"

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class Token:
    """A word of a directive: ``text`` with variables replaced, where ``raw`` started."""

    text: str
    column: int
    raw: str

    def error(self, message: str) -> DirectiveError:
        return DirectiveError(message, self.column, len(self.raw))


def _quote(text: str) -> str:
    """A word as messages show it: quoted, with control characters escaped."""
    return f"'{text}'" if text.isprintable() else repr(text)


def split_words(line: str) -> list[tuple[int, str]]:
    """The (column, word) pairs of a line, up to a comment."""
    words = []
    for m in _WORD.finditer(line):
        if m.group().startswith(("#", "//")):
            break
        words.append((m.start() + 1, m.group()))
    return words


def expand(raw: str, column: int, variables: dict[str, str]) -> str:
    """Replace ``$NAME``, ``${NAME}`` and ``$$`` in one word (``column`` places errors)."""
    out = []
    pos = 0
    for m in _VARIABLE.finditer(raw):
        out.append(raw[pos:m.start()])
        pos = m.end()
        where = column + m.start()
        name = m.group("plain") or m.group("braced")
        if m.group("dollar"):
            out.append("$")
        elif name is None:
            if raw.startswith("${", m.start()):
                raise DirectiveError("unterminated '${' (write ${NAME})", where, 2)
            raise DirectiveError("'$' must start a variable: $NAME or ${NAME} ($$ for a dollar "
                                 "sign)", where)
        elif not _IDENTIFIER.fullmatch(name):
            raise DirectiveError(f"invalid variable name {_quote(name)}", where,
                                 m.end() - m.start())
        elif name not in variables:
            raise DirectiveError(f"undefined variable '{name}' (define it with -v {name}=VALUE "
                                 f"or 'set {name} VALUE')", where, m.end() - m.start())
        else:
            out.append(variables[name])
    out.append(raw[pos:])
    return "".join(out)


def format_ids(ids: Iterable[int]) -> str:
    """``0..3, 7`` for ids 0, 1, 2, 3, 7: how messages and ``show`` name groups of tasklets."""
    parts = []
    run: list[int] = []
    for tid in sorted(set(ids)):
        if run and tid != run[-1] + 1:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}..{run[-1]}")
            run = []
        run.append(tid)
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}..{run[-1]}")
    return ", ".join(parts)


def _tasklets_word(ids: list[int]) -> str:
    return f"tasklet {ids[0]}" if len(ids) == 1 else f"tasklets {format_ids(ids)}"


# ------------------------------------------------------------------------------------ registry

# What an argument is, for completion: the shell offers what fits.
IDS = "ids"                  # new tasklet ids
DECLARED = "declared"        # declared tasklet ids
STACK = "stack"              # a stack class or a byte count
CLASS = "class"              # an existing stack class
NAME = "name"                # a new name
NUMBER = "number"
FILE = "file"
MODEL = "model"
MUTEX, SEMAPHORE, BARRIER = "mutex", "semaphore", "barrier"
TOPIC = "topic"              # a directive, for help
SHOW = "show"
VALUE = "value"


@dataclass(frozen=True)
class Arg:
    """One argument of a directive: its name in the synopsis and what completes it."""

    name: str
    kind: str
    optional: bool = False


@dataclass(frozen=True)
class Directive:
    words: tuple[str, ...]
    args: tuple[Arg, ...]
    handler: Callable
    mutates: bool

    @property
    def synopsis(self) -> str:
        args = " ".join(f"[{a.name}]" if a.optional else f"<{a.name}>" for a in self.args)
        return " ".join(self.words) + (" " + args if args else "")

    @property
    def description(self) -> str:
        lines = (self.handler.__doc__ or "").strip().splitlines()
        body = [lines[0].strip()] if lines else []
        indent = min((len(ln) - len(ln.lstrip()) for ln in lines[1:] if ln.strip()), default=0)
        body += [ln[indent:].rstrip() for ln in lines[1:]]
        return "\n".join(body)

    @property
    def summary(self) -> str:
        return self.description.split("\n", 1)[0]


DIRECTIVES: dict[tuple[str, ...], Directive] = {}


def directive(words: str, *args: Arg, mutates: bool = False) -> Callable:
    """Register a :class:`Session` method as the handler of a directive.

    The handler gets the configuration to work on and one :class:`Token` per argument (None for a
    missing optional one) and returns the text to show, if any.  A mutating handler works on a
    copy that replaces the configuration only if it succeeds and breaks no check."""

    def register(handler: Callable) -> Callable:
        key = tuple(words.split())
        DIRECTIVES[key] = Directive(key, args, handler, mutates)
        return handler

    return register


def _top_words() -> list[str]:
    return sorted({k[0] for k in DIRECTIVES})


def _sub_commands(top: str) -> list[str]:
    return sorted(k[1] for k in DIRECTIVES if len(k) == 2 and k[0] == top)


def _replace(config: rtc.Config, new: rtc.Config) -> None:
    """Make ``config`` hold ``new``'s contents (handlers change the object they are given)."""
    for f in dataclasses.fields(new):
        setattr(config, f.name, getattr(new, f.name))


# ------------------------------------------------------------------------------------ session


class Session:
    """A configuration being built by directives, with the variables they may use.

    ``defer_writes`` is for scripts: ``save`` then only checks and remembers what it would write
    (:attr:`pending`), and :meth:`commit` writes it all once the whole script has succeeded, so a
    failing script writes nothing.
    """

    def __init__(self, config: rtc.Config | None = None, variables: dict[str, str] | None = None,
                 *, defer_writes: bool = False):
        self.config = config if config is not None else rtc.Config()
        self.variables: dict[str, str] = {}
        for name, value in (variables or {}).items():
            if not _IDENTIFIER.fullmatch(name):
                raise DirectiveError(f"invalid variable name {_quote(name)}")
            self.variables[name] = value
        self.defer_writes = defer_writes
        self.pending: dict[str, bytes] = {}  # absolute path -> JSON, in the order saved
        self.finished = False  # after 'quit'

    # ---------------------------------------------------------------- running directives

    def apply(self, line: str) -> str:
        """Apply one directive line; returns the text it shows ('' for most).

        Raises :class:`DirectiveError`; the configuration is then unchanged."""
        text = line.removesuffix("\n")
        try:
            if "\n" in text:
                raise DirectiveError("one directive per line", text.index("\n") + 1)
            tokens = [Token(expand(raw, col, self.variables), col, raw)
                      for col, raw in split_words(text)]
            if not tokens:
                return ""
            d = self._lookup(tokens)
            values = self._bind(d, tokens[len(d.words):], text)
            if not d.mutates:
                return d.handler(self, self.config, *values) or ""
            before = self.config.problems()
            candidate = copy.deepcopy(self.config)
            out = d.handler(self, candidate, *values) or ""
            new = [p for p in candidate.problems() if p not in before]
            if new:
                raise DirectiveError("; ".join(new))
            self.config = candidate
            return out
        except DirectiveError as e:
            if e.source is None:
                e.source = text
            raise

    def run(self, lines: Iterable[str], file: str) -> Iterator[str]:
        """Apply lines in order, yielding what they show, up to the end or ``quit``.

        The first error is raised with ``file`` and its line number filled in."""
        for number, line in enumerate(lines, 1):
            try:
                out = self.apply(line)
            except DirectiveError as e:
                e.file, e.line = file, number
                raise
            if out:
                yield out
            if self.finished:
                return

    def validate(self) -> None:
        """Raise :class:`DirectiveError` listing every problem of the configuration."""
        problems = self.config.problems()
        if problems:
            raise DirectiveError("the configuration is not valid: " + "; ".join(problems))

    def to_json(self) -> str:
        """The configuration as the JSON ``save`` writes (validated first)."""
        self.validate()
        try:
            return self.config.to_json()
        except rtc.ConfigError as e:
            raise DirectiveError(str(e)) from None

    def save(self, path: str) -> None:
        """Save the configuration to ``path`` (deferred in ``defer_writes`` mode).

        Everything that can be checked is checked now, so that a deferred write fails only if the
        file system changes under us."""
        data = self.to_json().encode("utf-8")
        if not path:
            raise DirectiveError("empty file name")
        full = os.path.abspath(path)
        directory = os.path.dirname(full)
        if not os.path.isdir(directory):
            raise DirectiveError(f"cannot save to '{path}': no directory '{directory}'")
        if os.path.isdir(full):
            raise DirectiveError(f"cannot save to '{path}': it is a directory")
        if self.defer_writes:
            self.pending.pop(full, None)
            self.pending[full] = data
            return
        try:
            write_if_changed(full, data)
        except OSError as e:
            raise DirectiveError(f"cannot save to '{path}': {e.strerror}") from None

    def commit(self) -> list[str]:
        """Write the deferred saves, each atomically and only if its content changed; returns the
        paths written.  All directories are checked before anything is written."""
        for path in self.pending:
            directory = os.path.dirname(path)
            if not os.path.isdir(directory) or not os.access(directory, os.W_OK):
                raise DirectiveError(f"cannot save to '{path}': '{directory}' is not a writable "
                                     f"directory")
        written = []
        for path, data in self.pending.items():
            try:
                if write_if_changed(path, data):
                    written.append(path)
            except OSError as e:
                raise DirectiveError(f"cannot save to '{path}': {e.strerror}") from None
        self.pending.clear()
        return written

    def script(self) -> str:
        """The configuration as directives that rebuild it (what ``show`` displays)."""
        cfg = self.config
        lines = []
        try:
            model = cfg.dpu_model
            count = len(cfg.tasklets)
            lines.append(f"# {count} tasklet{'' if count == 1 else 's'}; stacks, mailboxes and "
                         f"synchronisation need {cfg.wram_budget()} of the {model.wram_bytes} "
                         f"bytes of WRAM")
        except ValueError:
            pass
        lines.append(f"model {cfg.model}")
        for name in sorted(rtc.DEFAULT_STACK_CLASSES):
            if name not in cfg.stack_classes:
                lines.append(f"stack remove {name}")
        for name, size in sorted(cfg.stack_classes.items()):
            if rtc.DEFAULT_STACK_CLASSES.get(name) != size:
                lines.append(f"stack {name} {size}")
        for group in _tasklet_groups(cfg.tasklets):
            t = group[0]
            ids = str(t.id) if len(group) == 1 else f"{t.id}..{group[-1].id}"
            lines.append(f"tasklet add {ids} {t.stack} {t.entry} {t.mailbox_words}")
        lines.append(f"sysmbox {cfg.sysmbox_words}")
        lines += [f"mutex add {m}" for m in cfg.mutexes]
        lines += [f"semaphore add {s.name} {s.count}" for s in cfg.semaphores]
        lines += [f"barrier add {b.name} {b.count}" for b in cfg.barriers]
        return "\n".join(lines)

    def help(self, topic: list[str] | None = None) -> str:
        """The help text: every directive's synopsis, or one directive's full description."""
        if not topic:
            out = ["Directives (one per line; a word starting with '#' or '//' starts a comment;",
                   "$NAME or ${NAME} is a variable, $$ a dollar sign):", ""]
            for d in DIRECTIVES.values():
                out.append(f"  {d.synopsis}")
                out.append(f"      {d.summary}")
            out += ["", "'help <directive>' tells more."]
            return "\n".join(out)
        chosen = [d for k, d in DIRECTIVES.items() if k[:len(topic)] == tuple(topic)]
        return "\n\n".join(d.synopsis + "\n" + _indent(d.description) for d in chosen)

    # ---------------------------------------------------------------- completion

    def complete(self, before_cursor: str) -> list[str]:
        """Candidates for the word being typed at the end of ``before_cursor``: directives,
        sub-commands, stack classes, declared names, files, variables.  Whole words, sorted."""
        words = _WORD.findall(before_cursor)
        if any(w.startswith(("#", "//")) for w in words):
            return []
        if not before_cursor or before_cursor[-1] in " \t":
            partial, done = "", words
        else:
            partial, done = words[-1], words[:-1]
        if partial.startswith("$"):
            names = [f"${n}" for n in self.variables] + [f"${{{n}}}" for n in self.variables]
            return sorted(n for n in names if n.startswith(partial))
        done = [self._try_expand(w) for w in done]
        return sorted(c for c in self._candidates(done, partial) if c.startswith(partial))

    def _try_expand(self, word: str) -> str:
        """A word with its variables replaced, or as typed when they are not all defined."""
        try:
            return expand(word, 1, self.variables)
        except DirectiveError:
            return word

    def _candidates(self, done: list[str], partial: str) -> list[str]:
        if not done:
            return _top_words()
        top = done[0]
        subs = _sub_commands(top)
        if len(done) >= 2 and (top, done[1]) in DIRECTIVES:
            d, index = DIRECTIVES[(top, done[1])], len(done) - 2
        elif (top,) in DIRECTIVES:
            d, index = DIRECTIVES[(top,)], len(done) - 1
        elif len(done) == 1:
            return subs
        else:
            return []
        out = subs if len(done) == 1 else []
        if index < len(d.args):
            out = out + self._arg_candidates(d.args[index].kind, done, partial)
        return out

    def _arg_candidates(self, kind: str, done: list[str], partial: str) -> list[str]:
        cfg = self.config
        if kind in (STACK, CLASS):
            return sorted(cfg.stack_classes)
        if kind == DECLARED:
            return [str(t.id) for t in sorted(cfg.tasklets, key=lambda t: t.id)]
        if kind == MUTEX:
            return list(cfg.mutexes)
        if kind == SEMAPHORE:
            return [s.name for s in cfg.semaphores]
        if kind == BARRIER:
            return [b.name for b in cfg.barriers]
        if kind == MODEL:
            return sorted(m.name for m in memory.MODELS.values())
        if kind == SHOW:
            return ["json", "script"]
        if kind == FILE:
            return _files(partial)
        if kind == TOPIC:
            return _top_words() if len(done) == 1 else _sub_commands(done[1])
        return []

    # ---------------------------------------------------------------- parsing

    def _lookup(self, tokens: list[Token]) -> Directive:
        top = tokens[0]
        if len(tokens) >= 2 and (top.text, tokens[1].text) in DIRECTIVES:
            return DIRECTIVES[(top.text, tokens[1].text)]
        if (top.text,) in DIRECTIVES:
            return DIRECTIVES[(top.text,)]
        subs = _sub_commands(top.text)
        if subs:
            choices = " or ".join(subs)
            if len(tokens) < 2:
                raise DirectiveError(f"'{top.text}' needs a sub-command: {choices}",
                                     top.column + len(top.raw))
            raise tokens[1].error(f"unknown sub-command {_quote(tokens[1].text)} for "
                                  f"'{top.text}' (expected {choices})")
        close = difflib.get_close_matches(top.text, _top_words(), 1)
        hint = f" (did you mean '{close[0]}'?)" if close else " ('help' lists the directives)"
        raise top.error(f"unknown directive {_quote(top.text)}{hint}")

    def _bind(self, d: Directive, tokens: list[Token], text: str) -> list[Token | None]:
        """Match the words after the directive's name with its arguments."""
        if len(tokens) > len(d.args):
            extra = tokens[len(d.args)]
            raise extra.error(f"unexpected {_quote(extra.text)} (usage: {d.synopsis})")
        values: list[Token | None] = list(tokens)
        for arg in d.args[len(tokens):]:
            if not arg.optional:
                words = split_words(text)
                end = words[-1][0] + len(words[-1][1]) if words else 1
                raise DirectiveError(f"missing <{arg.name}> (usage: {d.synopsis})", end)
            values.append(None)
        return values

    @staticmethod
    def _number(token: Token, what: str, lo: int, hi: int, message: str | None = None) -> int:
        """A decimal or 0x number in lo..hi (``message`` replaces the range error)."""
        if not _NUMBER.fullmatch(token.text):
            raise token.error(f"expected {what} (a number), got {_quote(token.text)}")
        text = token.text
        value = int(text, 16) if text[:2] in ("0x", "0X") else int(text, 10)  # 010 is ten
        if not lo <= value <= hi:
            raise token.error(message.format(value=value) if message
                              else f"{what} {value} out of range {lo}..{hi}")
        return value

    @staticmethod
    def _identifier(token: Token, what: str) -> str:
        if not _IDENTIFIER.fullmatch(token.text):
            raise token.error(f"{what} {_quote(token.text)} is not a C identifier")
        return token.text

    def _ids(self, cfg: rtc.Config, token: Token, within_model: bool = True) -> list[int]:
        """A tasklet id or a range ``a..b`` (both ends included) of the configuration's model
        (or of any model: removing tasklets that do not fit must stay possible)."""
        model = cfg.dpu_model
        last = model.tasklets - 1 if within_model else MAX_TASKLET_ID
        too_big = f"tasklet {{value}}: a DPU {model.name} has tasklets 0..{model.tasklets - 1}"
        m = _RANGE.fullmatch(token.text)
        if m is None:
            return [self._number(token, "a tasklet id or a range a..b", 0, last, too_big)]
        parts = []
        for group in ("lo", "hi"):
            part = Token(m.group(group), token.column, token.raw)
            parts.append(self._number(part, "a tasklet id", 0, last, too_big))
        lo, hi = parts
        if lo > hi:
            raise token.error(f"empty range {lo}..{hi} (write {hi}..{lo})")
        return list(range(lo, hi + 1))

    def _new_name(self, cfg: rtc.Config, token: Token, kind: str) -> str:
        name = self._identifier(token, f"{kind} name")
        used = _kind_of(cfg, name)
        if used:
            raise token.error(f"{kind} '{name}': the name is already used by a {used}")
        return name

    @staticmethod
    def _existing(names: list[str], cfg: rtc.Config, token: Token, kind: str) -> int:
        if token.text in names:
            return names.index(token.text)
        other = _kind_of(cfg, token.text)
        if other:
            raise token.error(f"'{token.text}' is a {other}, not a {kind}")
        raise token.error(f"no {kind} named {_quote(token.text)}")

    # ---------------------------------------------------------------- directives
    # The docstrings are the help texts: first line a summary, then the details.

    @directive("tasklet add", Arg("id|a..b", IDS), Arg("small|medium|large|bytes", STACK),
               Arg("entry", NAME), Arg("mailbox words", NUMBER), mutates=True)
    def _tasklet_add(self, cfg, ids, stack, entry, words):
        """Declare tasklets: ids, stack, entry function and mailbox size.

        A range a..b declares the tasklets a to b alike.  The stack is a stack class (see
        'stack') or a byte count, a multiple of 8.  The entry is the C function the tasklet
        runs.  Its mailbox holds that many 32-bit words (0..256) to exchange with the host.
        Example: tasklet add 0..15 medium charcount 1"""
        tids = self._ids(cfg, ids)
        if re.match(r"[0-9]", stack.text):
            size = self._number(stack, "a stack size", 0, 1 << 31)
            if size % 8:
                raise stack.error(f"stack size {size} is not a multiple of 8")
            stack_value: str | int = size
        else:
            stack_value = self._identifier(stack, "stack class")
            if stack_value not in cfg.stack_classes:
                raise stack.error(f"unknown stack class '{stack_value}' (known: "
                                  f"{', '.join(sorted(cfg.stack_classes)) or 'none'}; "
                                  f"'stack {stack_value} <bytes>' defines it)")
        name = self._identifier(entry, "entry")
        count = self._number(words, "a mailbox size", 0, rtc.MAX_MAILBOX_WORDS,
                             f"mailbox of {{value}} words is out of range "
                             f"0..{rtc.MAX_MAILBOX_WORDS}")
        taken = [tid for tid in tids if cfg.tasklet(tid)]
        if taken:
            verb = "is" if len(taken) == 1 else "are"
            raise ids.error(f"{_tasklets_word(taken)} {verb} already declared (remove "
                            f"{'it' if len(taken) == 1 else 'them'} first)")
        cfg.tasklets.extend(rtc.Tasklet(tid, name, stack_value, count) for tid in tids)
        cfg.tasklets.sort(key=lambda t: t.id)

    @directive("tasklet remove", Arg("id|a..b", DECLARED), mutates=True)
    def _tasklet_remove(self, cfg, ids):
        """Forget declared tasklets (every one of them must be declared)."""
        tids = self._ids(cfg, ids, within_model=False)
        missing = [tid for tid in tids if cfg.tasklet(tid) is None]
        if missing:
            verb = "is" if len(missing) == 1 else "are"
            raise ids.error(f"{_tasklets_word(missing)} {verb} not declared")
        gone = set(tids)
        cfg.tasklets = [t for t in cfg.tasklets if t.id not in gone]

    @directive("sysmbox", Arg("words", NUMBER), mutates=True)
    def _sysmbox(self, cfg, words):
        """Size the system mailbox, shared by all tasklets, in 32-bit words (0..256)."""
        cfg.sysmbox_words = self._number(words, "a mailbox size", 0, rtc.MAX_MAILBOX_WORDS,
                                         f"system mailbox of {{value}} words is out of range "
                                         f"0..{rtc.MAX_MAILBOX_WORDS}")

    @directive("stack", Arg("class", CLASS), Arg("bytes", NUMBER), mutates=True)
    def _stack(self, cfg, name, size):
        """Define a stack class or change its size in bytes (a multiple of 8).

        Tasklets name a class instead of a size so that one line resizes all their stacks.
        The classes small (256), medium (1024) and large (2048) exist from the start."""
        cls = self._identifier(name, "stack class")
        if cls in _RESERVED_CLASS_NAMES:
            raise name.error(f"'{cls}' cannot name a stack class (usage: stack <class> <bytes>)")
        value = self._number(size, "a stack size", 0, 1 << 31)
        if value % 8:
            raise size.error(f"stack class '{cls}': {value} bytes is not a multiple of 8")
        cfg.stack_classes[cls] = value

    @directive("stack remove", Arg("class", CLASS), mutates=True)
    def _stack_remove(self, cfg, name):
        """Forget a stack class that no tasklet uses."""
        if name.text not in cfg.stack_classes:
            raise name.error(f"no stack class named {_quote(name.text)}")
        users = [t.id for t in cfg.tasklets if t.stack == name.text]
        if users:
            raise name.error(f"stack class '{name.text}' is used by {_tasklets_word(users)}")
        del cfg.stack_classes[name.text]

    @directive("mutex add", Arg("name", NAME), mutates=True)
    def _mutex_add(self, cfg, name):
        """Declare a mutex; each takes one of the DPU's atomic bits."""
        cfg.mutexes.append(self._new_name(cfg, name, "mutex"))
        bits = cfg.dpu_model.atomic_bits
        if len(cfg.mutexes) > bits:
            raise name.error(f"{len(cfg.mutexes)} mutexes: a DPU {cfg.model} has {bits} atomic "
                             f"bits")

    @directive("mutex remove", Arg("name", MUTEX), mutates=True)
    def _mutex_remove(self, cfg, name):
        """Forget a mutex."""
        del cfg.mutexes[self._existing(cfg.mutexes, cfg, name, "mutex")]

    @directive("semaphore add", Arg("name", NAME), Arg("count", NUMBER), mutates=True)
    def _semaphore_add(self, cfg, name, count):
        """Declare a counting semaphore with its initial count (0..2147483647)."""
        sem = self._new_name(cfg, name, "semaphore")
        value = self._number(count, "an initial count", 0, MAX_SEMAPHORE_COUNT,
                             f"semaphore '{sem}': initial count {{value}} out of range "
                             f"0..{MAX_SEMAPHORE_COUNT}")
        cfg.semaphores.append(rtc.Semaphore(sem, value))

    @directive("semaphore remove", Arg("name", SEMAPHORE), mutates=True)
    def _semaphore_remove(self, cfg, name):
        """Forget a semaphore."""
        del cfg.semaphores[self._existing([s.name for s in cfg.semaphores], cfg, name,
                                          "semaphore")]

    @directive("barrier add", Arg("name", NAME), Arg("count", NUMBER), mutates=True)
    def _barrier_add(self, cfg, name, count):
        """Declare a barrier that releases its tasklets once count of them wait on it."""
        bar = self._new_name(cfg, name, "barrier")
        last = cfg.dpu_model.tasklets
        value = self._number(count, "a tasklet count", 1, last,
                             f"barrier '{bar}': count {{value}} out of range 1..{last}")
        cfg.barriers.append(rtc.Barrier(bar, value))

    @directive("barrier remove", Arg("name", BARRIER), mutates=True)
    def _barrier_remove(self, cfg, name):
        """Forget a barrier."""
        del cfg.barriers[self._existing([b.name for b in cfg.barriers], cfg, name, "barrier")]

    @directive("model", Arg("v1A|v1B", MODEL), mutates=True)
    def _model(self, cfg, name):
        """Choose the DPU model, which bounds tasklets, mutexes and WRAM.

        v1A: 24 tasklets, 256 atomic bits, 64 KiB of WRAM; v1B: 16 tasklets, 64 atomic bits,
        62 KiB of WRAM.  A configuration too big for the new model is refused: remove what does
        not fit first."""
        try:
            model = memory.model(name.text)
        except ValueError as e:
            raise name.error(str(e)) from None
        beyond = [t.id for t in cfg.tasklets if t.id >= model.tasklets]
        if beyond:
            raise name.error(f"a DPU {model.name} has tasklets 0..{model.tasklets - 1}: remove "
                             f"{_tasklets_word(beyond)} first")
        cfg.model = model.name

    @directive("show", Arg("json|script", SHOW, optional=True))
    def _show(self, cfg, form):
        """Show the configuration, as the directives that rebuild it or as JSON."""
        if form is None or form.text == "script":
            return self.script()
        if form.text == "json":
            return self.to_json().rstrip("\n")
        raise form.error(f"expected json or script, got {_quote(form.text)}")

    @directive("save", Arg("file", FILE))
    def _save(self, cfg, file):
        """Save the configuration as JSON, after checking it.

        In a script the files are written only once the whole script has succeeded; a file is
        rewritten only when its content changes, so Make does not rebuild for nothing."""
        try:
            self.save(file.text)
        except DirectiveError as e:
            raise file.error(e.message) from None

    @directive("load", Arg("file", FILE), mutates=True)
    def _load(self, cfg, file):
        """Replace the configuration with one saved as JSON."""
        path = file.text
        full = os.path.abspath(path) if path else path
        if full in self.pending:  # saved earlier in this script, not yet written
            data = self.pending[full]
        else:
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError as e:
                raise file.error(f"cannot read '{path}': {e.strerror}") from None
        try:
            loaded = rtc.Config.from_json(data.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise file.error(f"{path}: not UTF-8 text (byte {e.start})") from None
        except rtc.ConfigError as e:
            raise file.error(f"{path}: {e}") from None
        problems = loaded.problems()
        if problems:
            raise file.error(f"{path}: " + "; ".join(problems))
        _replace(cfg, loaded)

    @directive("reset", mutates=True)
    def _reset(self, cfg):
        """Start again from the empty configuration (variables are kept)."""
        _replace(cfg, rtc.Config())

    @directive("set", Arg("name", NAME), Arg("value", VALUE))
    def _set(self, cfg, name, value):
        """Give a variable a value, used as $NAME or ${NAME} in the directives that follow."""
        self.variables[self._identifier(name, "variable name")] = value.text

    @directive("help", Arg("directive", TOPIC, optional=True),
               Arg("sub-command", TOPIC, optional=True))
    def _help(self, cfg, top, sub):
        """Describe every directive, or one."""
        topic = [t.text for t in (top, sub) if t is not None]
        if topic and not any(k[:len(topic)] == tuple(topic) for k in DIRECTIVES):
            bad = sub if (top.text,) in DIRECTIVES or _sub_commands(top.text) else top
            raise bad.error(f"no directive {_quote(' '.join(topic))}")
        return self.help(topic)

    @directive("quit")
    def _quit(self, cfg):
        """Stop: leave the shell, or end the script here (its saves are then written)."""
        self.finished = True


def _kind_of(cfg: rtc.Config, name: str) -> str | None:
    """What a synchronisation object's name already names, if anything (they share one space)."""
    if name in cfg.mutexes:
        return "mutex"
    if any(s.name == name for s in cfg.semaphores):
        return "semaphore"
    if any(b.name == name for b in cfg.barriers):
        return "barrier"
    return None


def _tasklet_groups(tasklets: list[rtc.Tasklet]) -> list[list[rtc.Tasklet]]:
    """Runs of consecutive ids declared alike: each is one ``tasklet add a..b`` line."""
    groups: list[list[rtc.Tasklet]] = []
    for t in sorted(tasklets, key=lambda t: t.id):
        last = groups[-1][-1] if groups else None
        if last and t.id == last.id + 1 and (t.entry, t.stack, t.mailbox_words) == \
                (last.entry, last.stack, last.mailbox_words):
            groups[-1].append(t)
        else:
            groups.append([t])
    return groups


def _indent(text: str) -> str:
    return "\n".join(("    " + ln) if ln else "" for ln in text.splitlines())


def _files(partial: str) -> list[str]:
    """File names completing ``partial``; directories end with '/', hidden files need a '.'."""
    directory, base = os.path.split(partial)
    try:
        entries = os.listdir(os.path.expanduser(directory) or ".")
    except OSError:
        return []
    out = []
    for entry in sorted(entries):
        if not entry.startswith(base) or (entry.startswith(".") and not base.startswith(".")):
            continue
        full = os.path.join(directory, entry)
        out.append(full + "/" if os.path.isdir(os.path.expanduser(full)) else full)
    return out
