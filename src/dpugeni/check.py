"""The checks of a parsed DIDL file, and the frozen IR they produce.

Every error of a file is reported (sorted by position), each at the place it concerns:

* names: functions and parameters declared once, and still distinct once they become Python
  (``snake_case``) and C (upper case) names; ``memoryCopy`` is reserved for the memory task;
* bindings: every parameter bound exactly once, to a parameter that exists; no two bindings of a
  function on the same words or bytes; array lengths equal to their tasklet ranges (``mbox[a..b]``
  carries an array of b-a+1 elements, ``mbox[t]`` a scalar); ``sysmbox`` is host → DPU only;
  everything within the DPU's limits (24 tasklets of a v1A, 256-word mailboxes, 64 MiB of MRAM);
* with a runtime configuration: the system-mailbox words exist, the tasklets of a range exist and
  their mailboxes hold the words (a 64-bit value takes two).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from dpucore import memory, rtc
from dpucore.diag import Diagnostic, DiagnosticError

from . import ir, names
from .syntax import BindingNode, ChannelNode, File, FunctionNode, ParamNode, Span

MAX_MAILBOX_WORDS = rtc.MAX_MAILBOX_WORDS
MAX_ELEMENTS = 1 << 26  # no DPU memory holds more
MAX_NUMBER = 0xFFFFFFFF
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Task members and class names the generated Python module defines besides the user's.
_RESERVED_TASKS = {"memory_copy": "Task.memory_copy is the memory-copy task", "mro": "Enum.mro"}
_FIXED_CLASSES = ("Task", "MemoryCopyWorker", "WorkerFactoryBuilder")


def _ids(ids: Iterable[int]) -> str:
    """``0..3, 7`` for tasklets 0, 1, 2, 3 and 7."""
    ids = sorted(set(ids))
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return ", ".join(f"{a}" if a == b else f"{a}..{b}" for a, b in runs)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _words(first: int, count: int) -> str:
    return f"word {first}" if count == 1 else f"words {first}..{first + count - 1}"


class _Checker:
    def __init__(self, tree: File, config: rtc.Config | None):
        self.tree = tree
        self.config = config
        self.model = config.dpu_model if config is not None else memory.DEFAULT_MODEL
        self.diags: list[Diagnostic] = []

    def error(self, span: Span | None, message: str) -> None:
        if span is None:
            self.diags.append(Diagnostic("error", message, self.tree.path))
            return
        self.diags.append(Diagnostic("error", message, self.tree.path, span.line, span.col,
                                     self.tree.line(span.line), span.length))

    # ------------------------------------------------------------------ names

    def unique(self, kind: str, items: list[tuple[str, Span]],
               forms: dict[str, callable]) -> set[str]:
        """Report names declared twice, or equal once converted; returns the ones reported."""
        bad: set[str] = set()
        seen: dict[str, tuple[str, Span]] = {}
        converted: dict[tuple[str, str], tuple[str, Span]] = {}
        for name, span in items:
            if name in seen:
                self.error(span, f"{kind} '{name}' is already declared at line {seen[name][1].line}")
                bad.add(name)
                continue
            seen[name] = (name, span)
            for lang, convert in forms.items():
                key = (lang, convert(name))
                if key in converted:
                    other, where = converted[key]
                    self.error(span, f"{kind} '{name}' clashes with '{other}' (line {where.line}): "
                                     f"both are {key[1]} in {lang}")
                    bad.add(name)
                    break
                converted[key] = (name, span)
        return bad

    def function_names(self, functions: tuple[FunctionNode, ...]) -> None:
        for f in functions:
            n = f.name.text
            if not _IDENTIFIER.fullmatch(n):
                self.error(f.name.span, f"function '{n}': function names start with a letter "
                                        "(they become Python methods and Task members)")
            elif names.python_name(n) in _RESERVED_TASKS:
                why = _RESERVED_TASKS[names.python_name(n)]
                self.error(f.name.span, f"function '{n}': the name is reserved ({why})")
        self.unique("function", [(f.name.text, f.name.span) for f in functions],
                    {"Python": names.python_name, "C": names.c_macro,
                     "Python class names": names.worker_class})

    def interface_name(self, name: str, functions: tuple[FunctionNode, ...]) -> None:
        if not _IDENTIFIER.fullmatch(name):
            self.error(None, f"interface name '{name}' is not an identifier starting with a "
                             "letter (it names a Python module and class): rename the file or "
                             "use --name")
            return
        cls = names.interface_class(name)
        taken = set(_FIXED_CLASSES) | {names.worker_class(f.name.text) for f in functions}
        for clash in (cls, "Stubbed" + cls):
            if clash in taken:
                self.error(None, f"interface name '{name}': its class {clash} clashes with a "
                                 "class of the generated module: use --name")

    # ------------------------------------------------------------------ one function

    def function(self, f: FunctionNode) -> ir.Function:
        params: dict[str, tuple[ParamNode, ir.Param]] = {}
        self.unique("parameter", [(p.name.text, p.name.span) for p in f.params],
                    {"Python": names.python_name, "C": names.c_macro})
        broken: set[str] = set()  # parameters whose type was reported: their bindings are not checked
        for p in f.params:
            if p.name.text in params:
                continue
            length = None
            if p.type.length is not None:
                length = p.type.length.value
                if length < 1:
                    self.error(p.type.length.span, "an array has at least one element")
                    broken.add(p.name.text)
                elif length > MAX_ELEMENTS:
                    self.error(p.type.length.span, f"an array of {p.type.length.text} elements "
                                                   f"does not fit a DPU (at most {MAX_ELEMENTS})")
                    broken.add(p.name.text)
            t = ir.Type(p.type.base.text, length)
            params[p.name.text] = (p, ir.Param(p.name.text, p.direction.text, t, p.doc))

        bound: dict[str, BindingNode] = {}
        bindings: list[ir.Binding] = []
        claims: list[tuple[BindingNode, set | tuple]] = []  # what each binding occupies
        for b in f.bindings:
            target = b.target.text
            if target not in params:
                self.error(b.target.span, f"'{target}' is not a parameter of {f.name.text}")
                continue
            if target in bound:
                self.error(b.target.span, f"'{target}' is already bound at line "
                                          f"{bound[target].span.line}")
                continue
            bound[target] = b
            param = params[target][1]
            if target in broken:
                continue
            binding, claim = self.binding(param, b)
            if binding is None:
                continue
            for other, other_claim in claims:
                common = self.overlap(claim, other_claim)
                if common:
                    self.error(b.channel.span, f"'{target}' overlaps '{other.target.text}' "
                                               f"(line {other.span.line}): both use {common}")
                    break
            claims.append((b, claim))
            bindings.append(binding)
        for name, (p, _) in params.items():
            if name not in bound:
                self.error(p.name.span, f"parameter '{name}' is not bound to a channel "
                                        f"(add a binding such as '{name} <- mbox[0][0]')")
        return ir.Function(f.name.text, f.doc, tuple(v[1] for v in params.values()),
                           tuple(bindings))

    # ------------------------------------------------------------------ one binding

    def binding(self, p: ir.Param, b: BindingNode) -> tuple[ir.Binding | None, object]:
        c = b.channel
        t = p.type
        for n in (c.word, c.first, c.last, c.offset, c.address):
            if n is not None and n.value > MAX_NUMBER:
                self.error(n.span, f"{n.text} is too large: DPU indices and addresses are at "
                                   f"most {MAX_NUMBER:#x}")
                return None, None
        if c.kind == "sysmbox":
            return self.sysmbox(p, b, c)
        if c.kind == "mbox":
            return self.mbox(p, b, c)
        size = t.count * t.element_bytes
        if c.kind == "host":
            offset = c.offset.value if c.offset is not None else 0
            limit = self.model.mram_bytes
            if offset + size > limit:
                self.error(c.span, f"{c.source()} takes bytes {offset}..{offset + size - 1}: "
                                   f"no DPU memory is that large (MRAM, the largest, has "
                                   f"{limit} bytes)")
                return None, None
            return (ir.Binding(p.name, "host", symbol=c.symbol.text, offset=offset, doc=b.doc),
                    ("host " + c.symbol.text, offset, offset + size))
        address = c.address.value
        limit = self.model.mram_bytes
        if address + size > limit:
            self.error(c.address.span, f"{c.source()} takes bytes {address:#x}..{address + size - 1:#x} "
                                       f"but MRAM has {limit:#x} bytes")
            return None, None
        return (ir.Binding(p.name, "mram", address=address, doc=b.doc),
                ("MRAM", address, address + size))

    def sysmbox(self, p: ir.Param, b: BindingNode, c: ChannelNode):
        t = p.type
        if p.direction != "in":
            self.error(c.span, f"sysmbox carries data from the host to the DPU only: "
                               f"'{p.name}' is an {p.direction} parameter (use mbox, host or mram)")
            return None, None
        first, count = c.word.value, t.count * t.element_words
        if first + count > MAX_MAILBOX_WORDS:
            self.error(c.word.span, f"{c.source()} takes {_words(first, count)} ({t}): a system "
                                    f"mailbox has at most {MAX_MAILBOX_WORDS} words")
            return None, None
        if self.config is not None and first + count > self.config.sysmbox_words:
            have = self.config.sysmbox_words
            has = ("has no system mailbox" if have == 0
                   else f"has a system mailbox of {_plural(have, 'word')}")
            self.error(c.word.span, f"{c.source()} takes {_words(first, count)} ({t}) but the "
                                    f"configuration {has}")
        return (ir.Binding(p.name, "sysmbox", word=first, doc=b.doc),
                {("sysmbox word", w) for w in range(first, first + count)})

    def mbox(self, p: ir.Param, b: BindingNode, c: ChannelNode):
        t = p.type
        first = c.first.value
        last = c.last.value if c.last is not None else first
        word, words = c.word.value, t.element_words
        ok = True
        if last < first:
            self.error(c.span, f"the tasklet range {first}..{last} is empty")
            return None, None
        if last >= self.model.tasklets:
            where = c.last or c.first
            self.error(where.span, f"tasklet {last} does not exist: a DPU {self.model.name} has "
                                   f"tasklets 0..{self.model.tasklets - 1}")
            return None, None
        if t.is_array and c.last is None:
            self.error(c.span, f"'{p.name}' is an array of {t.length}: bind it to a range of "
                               f"{t.length} tasklets, such as "
                               f"mbox[{first}..{first + t.length - 1}][{word}]")
            ok = False
        elif not t.is_array and c.last is not None:
            self.error(c.span, f"'{p.name}' is a scalar: bind it to one tasklet, such as "
                               f"mbox[{first}][{word}]")
            ok = False
        elif t.is_array and t.length != last - first + 1:
            self.error(c.span, f"'{p.name}' has {_plural(t.length, 'element')} but "
                               f"mbox[{first}..{last}] names {_plural(last - first + 1, 'tasklet')}")
            ok = False
        if word + words > MAX_MAILBOX_WORDS:
            self.error(c.word.span, f"{c.source()} takes {_words(word, words)} ({t.base}): a "
                                    f"mailbox has at most {MAX_MAILBOX_WORDS} words")
            return None, None
        if self.config is not None:
            ok = self.mbox_config(c, t, first, last, word, words) and ok
        if not ok:
            return None, None
        return (ir.Binding(p.name, "mbox", word=word, first_tasklet=first, last_tasklet=last,
                           doc=b.doc),
                {("mbox", tid, w) for tid in range(first, last + 1)
                 for w in range(word, word + words)})

    def mbox_config(self, c: ChannelNode, t: ir.Type, first: int, last: int, word: int,
                    words: int) -> bool:
        cfg = self.config
        missing = [tid for tid in range(first, last + 1) if cfg.tasklet(tid) is None]
        if missing:
            have = _ids(t.id for t in cfg.tasklets)
            self.error(c.span, f"{'tasklet' if len(missing) == 1 else 'tasklets'} "
                               f"{_ids(missing)} of {c.source()} "
                               f"{'is' if len(missing) == 1 else 'are'} not in the configuration "
                               + (f"(it has tasklets {have})" if have else "(it has no tasklet)"))
            return False
        ok = True
        no_mailbox = [tid for tid in range(first, last + 1) if cfg.tasklet(tid).mailbox_words == 0]
        if no_mailbox:
            one = len(no_mailbox) == 1
            self.error(c.span, f"{'tasklet' if one else 'tasklets'} {_ids(no_mailbox)} "
                               f"{'has' if one else 'have'} no mailbox in the configuration")
            ok = False
        by_size: dict[int, list[int]] = {}
        for tid in range(first, last + 1):
            size = cfg.tasklet(tid).mailbox_words
            if 0 < size < word + words:
                by_size.setdefault(size, []).append(tid)
        for size, tids in sorted(by_size.items()):
            one = len(tids) == 1
            self.error(c.word.span, f"{c.source()} takes {_words(word, words)} ({t.base}) but "
                                    + (f"the mailbox of tasklet {_ids(tids)} has " if one else
                                       f"the mailboxes of tasklets {_ids(tids)} have ")
                                    + f"{_plural(size, 'word')} in the configuration")
            ok = False
        return ok

    @staticmethod
    def overlap(a, b) -> str | None:
        """What two claims share, in words (None when nothing)."""
        if isinstance(a, set) and isinstance(b, set):
            common = a & b
            if not common:
                return None
            kinds = sorted(common)
            k = kinds[0]
            if k[0] == "sysmbox word":
                ws = sorted(w for _, w in common)
                return f"sysmbox {_words(ws[0], 1)}" if len(ws) == 1 else \
                    f"sysmbox words {_ids(ws)}"
            tids = sorted({x[1] for x in common})
            ws = sorted({x[2] for x in common})
            return (f"{'word' if len(ws) == 1 else 'words'} {_ids(ws)} of the "
                    f"{'mailbox' if len(tids) == 1 else 'mailboxes'} of "
                    f"{'tasklet' if len(tids) == 1 else 'tasklets'} {_ids(tids)}")
        if isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0]:
            lo, hi = max(a[1], b[1]), min(a[2], b[2])
            if lo < hi:
                what = a[0]
                if what == "MRAM":
                    return (f"MRAM byte {lo:#x}" if hi - lo == 1
                            else f"MRAM bytes {lo:#x}..{hi - 1:#x}")
                return (f"byte {lo}" if hi - lo == 1 else f"bytes {lo}..{hi - 1}") + f" of {what}"
        return None

    # ------------------------------------------------------------------ the file

    def run(self, name: str, sha256: str) -> ir.Interface:
        functions = self.tree.functions
        self.interface_name(name, functions)
        self.function_names(functions)
        out = []
        for f in functions:
            out.append(self.function(f))
        return ir.Interface(name, _basename(self.tree.path), sha256, tuple(out))


def _basename(path: str) -> str:
    return re.split(r"[\\/]", path)[-1]


def interface_name_of(path: str) -> str:
    """``dir/charcount.didl`` → ``charcount``."""
    base = _basename(path)
    return base[:-5] if base.endswith(".didl") else base.rsplit(".", 1)[0] if "." in base else base


def _position(d: Diagnostic) -> tuple[int, int]:
    return (d.line or 0, d.col or 0)


def check(tree: File, config: rtc.Config | None = None, name: str | None = None,
          sha256: str | None = None, diagnostics: Iterable[Diagnostic] = ()) -> ir.Interface:
    """The IR of a parsed file; raises DiagnosticError with every error, the ``diagnostics``
    given (syntax errors of the same file) included, sorted by position."""
    if sha256 is None:
        sha256 = hashlib.sha256(tree.text.encode("utf-8")).hexdigest()
    checker = _Checker(tree, config)
    checker.diags.extend(diagnostics)
    if not tree.functions and not checker.diags:
        checker.error(None, "the file defines no function")
    interface = checker.run(name if name is not None else interface_name_of(tree.path), sha256)
    if checker.diags:
        raise DiagnosticError(sorted(checker.diags, key=_position))
    return interface
