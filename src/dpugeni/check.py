"""The checks of a parsed DIDL file, and the frozen IR they produce.

Every error of a file is reported (sorted by position), each at the place it concerns:

* names: functions and parameters declared once, and still distinct once they become Python
  (``snake_case``) and C (upper case) names; ``memoryCopy`` is reserved for the memory task;
* bindings: every parameter bound exactly once, to a parameter that exists; no two bindings of a
  function on the same words or bytes; array lengths equal to their tasklet ranges (``mbox[a..b]``
  carries an array of b-a+1 elements, ``mbox[t]`` a scalar); ``sysmbox`` is host → DPU only;
  everything within the DPU's limits (24 tasklets of a v1A, 256-word mailboxes, 64 MiB of MRAM);
* actors: names declared once (and distinct from the functions' once converted), messages and
  their parameters likewise, message names that do not collide with the proxy's methods
  (``put_async`` is the asynchronous ``put``); a valid tasklet range, served by one actor only
  and used by no ``mbox`` binding of a function; messages that fit a mailbox;
* with a runtime configuration: the system-mailbox words exist, the tasklets of a range exist and
  their mailboxes hold the words (a 64-bit value takes two); an actor's tasklets exist and their
  mailboxes hold its largest message and its reply;
* the C header: no two items of the file define the same macro (checked last, on the IR).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from dpucore import memory, rtc
from dpucore.diag import Diagnostic, DiagnosticError

from . import ir, names
from .syntax import (ActorNode, BindingNode, ChannelNode, File, FunctionNode, ParamNode, Span,
                     Word)

MAX_MAILBOX_WORDS = rtc.MAX_MAILBOX_WORDS
MAX_ELEMENTS = 1 << 26  # no DPU memory holds more
MAX_NUMBER = 0xFFFFFFFF
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Task members and class names the generated Python module defines besides the user's.
_RESERVED_TASKS = {"memory_copy": "Task.memory_copy is the memory-copy task", "mro": "Enum.mro"}
_FIXED_CLASSES = ("Task", "MemoryCopyWorker", "WorkerFactoryBuilder")
# Attributes of kelonia.interface.ActorProxy a message method must not hide.
_RESERVED_METHODS = {name: f"ActorProxy.{name} is the proxy's {what}"
                     for name, what in names.ACTOR_PROXY_ATTRIBUTES.items()}


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
        self.served: dict[int, ActorNode] = {}  # tasklet -> the actor it serves
        # Where each item of the IR was declared, for the C macro check: owner -> span.
        self.spans: dict[tuple, Span] = {}

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

    def actor_names(self, actors: tuple[ActorNode, ...], functions: tuple[FunctionNode, ...]) -> None:
        for a in actors:
            if not _IDENTIFIER.fullmatch(a.name.text):
                self.error(a.name.span, f"actor '{a.name.text}': actor names start with a letter "
                                        "(they become Python classes)")
        self.unique("actor", [(a.name.text, a.name.span) for a in actors],
                    {"C": names.c_macro, "Python class names": names.actor_class})
        # Functions and actors share the C namespace (FUNCTION_PARAM_..., ACTOR_MESSAGE_...).
        items = sorted([(f.name.span.line, f.name.span.col, "function", f.name) for f in functions]
                       + [(a.name.span.line, a.name.span.col, "actor", a.name) for a in actors])
        seen: dict[str, tuple[str, Word]] = {}
        for _, _, kind, word in items:
            key = names.c_macro(word.text)
            if key in seen and seen[key][0] != kind:
                other_kind, other = seen[key]
                same = other.text == word.text
                self.error(word.span, f"{kind} '{word.text}' "
                                      + (f"has the name of the {other_kind} at line "
                                         f"{other.span.line}" if same else
                                         f"clashes with {other_kind} '{other.text}' (line "
                                         f"{other.span.line}): both are {key} in C"))
            seen.setdefault(key, (kind, word))

    def interface_name(self, name: str, functions: tuple[FunctionNode, ...],
                       actors: tuple[ActorNode, ...] = ()) -> None:
        if not _IDENTIFIER.fullmatch(name):
            self.error(None, f"interface name '{name}' is not an identifier starting with a "
                             "letter (it names a Python module and class): rename the file or "
                             "use --name")
            return
        cls = names.interface_class(name)
        taken = set(_FIXED_CLASSES) | {names.worker_class(f.name.text) for f in functions}
        taken |= {names.actor_class(a.name.text) for a in actors}
        for clash in (cls, "Stubbed" + cls):
            if clash in taken:
                self.error(None, f"interface name '{name}': its class {clash} clashes with a "
                                 "class of the generated module: use --name")

    # ------------------------------------------------------------------ one function

    def params(self, nodes: tuple[ParamNode, ...]) -> tuple[dict[str, tuple[ParamNode, ir.Param]],
                                                              set[str]]:
        """The parameters by name (the first of a name declared twice) and the names of those
        whose type was reported."""
        params: dict[str, tuple[ParamNode, ir.Param]] = {}
        self.unique("parameter", [(p.name.text, p.name.span) for p in nodes],
                    {"Python": names.python_name, "C": names.c_macro})
        broken: set[str] = set()
        for p in nodes:
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
        return params, broken

    def function(self, f: FunctionNode) -> ir.Function:
        params, broken = self.params(f.params)
        for name, (p, _) in params.items():
            self.spans[("param", f.name.text, name)] = p.name.span
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
        serving = [tid for tid in range(first, last + 1) if tid in self.served]
        if serving:
            actor = self.served[serving[0]]
            tids = [tid for tid in serving if self.served[tid] is actor]
            one = len(tids) == 1
            self.error(c.span, f"{c.source()} uses the {'mailbox' if one else 'mailboxes'} of "
                               f"{'tasklet' if one else 'tasklets'} {_ids(tids)}, which "
                               f"{'serves' if one else 'serve'} actor '{actor.name.text}' (line "
                               f"{actor.name.span.line}): an actor's mailboxes carry its "
                               "messages only")
            ok = False
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

    # ------------------------------------------------------------------ actors

    def message_names(self, a: ActorNode) -> None:
        methods: dict[str, Word] = {}
        for m in a.messages:
            n = m.name.text
            if not _IDENTIFIER.fullmatch(n):
                self.error(m.name.span, f"message '{n}': message names start with a letter "
                                        "(they become Python methods)")
            elif names.python_name(n) in _RESERVED_METHODS:
                why = _RESERVED_METHODS[names.python_name(n)]
                self.error(m.name.span, f"message '{n}': the name is reserved ({why})")
            methods.setdefault(names.python_name(n), m.name)
        bad = self.unique("message", [(m.name.text, m.name.span) for m in a.messages],
                          {"Python": names.python_name, "C": names.c_macro})
        for m in a.messages:
            n = m.name.text
            other = methods.get(names.async_method(n))
            if n in bad or other is None or other.text == n:
                continue
            later, earlier = (m.name, other) if (other.span.line, other.span.col) < \
                (m.name.span.line, m.name.span.col) else (other, m.name)
            self.error(later.span, f"message '{later.text}' clashes with '{earlier.text}' (line "
                                   f"{earlier.span.line}): {names.async_method(n)} is the "
                                   f"asynchronous method of '{n}' in Python")

    def actor(self, a: ActorNode) -> ir.Actor | None:
        name = a.name.text
        ok = True
        for n in (a.first, a.last):
            if n is not None and n.value > MAX_NUMBER:
                self.error(n.span, f"{n.text} is too large: DPU indices and addresses are at "
                                   f"most {MAX_NUMBER:#x}")
                ok = False
        first = a.first.value
        last = a.last.value if a.last is not None else first
        if ok and last < first:
            self.error(a.tasklets, f"the tasklet range {first}..{last} is empty")
            ok = False
        elif ok and last >= self.model.tasklets:
            self.error((a.last or a.first).span, f"tasklet {last} does not exist: a DPU "
                                                 f"{self.model.name} has tasklets "
                                                 f"0..{self.model.tasklets - 1}")
            ok = False
        if not a.messages:
            self.error(a.name.span, f"actor '{name}' has no message (add one such as "
                                    "'message ping()')")
        self.message_names(a)
        self.spans[("actor", name)] = a.name.span
        messages: list[ir.Message] = []
        fitting: list[tuple[ir.Message, Span]] = []  # messages whose size is known
        seen: set[str] = set()
        for m in a.messages:
            params, broken = self.params(m.params)
            if m.name.text in seen:
                continue
            seen.add(m.name.text)
            message = ir.Message(m.name.text, m.doc, len(messages) + 1,
                                 tuple(v[1] for v in params.values()))
            messages.append(message)
            self.spans[("message", name, m.name.text)] = m.name.span
            for pname, (p, _) in params.items():
                self.spans[("param", name, m.name.text, pname)] = p.name.span
            if broken:
                continue
            if message.mailbox_words > MAX_MAILBOX_WORDS:
                self.error(m.name.span, f"message '{m.name.text}' needs "
                                        f"{_message_words(message)}: a mailbox has at most "
                                        f"{MAX_MAILBOX_WORDS} words")
                continue
            fitting.append((message, m.name.span))
        if ok:
            taken = [tid for tid in range(first, last + 1) if tid in self.served]
            if taken:
                other = self.served[taken[0]]
                tids = [tid for tid in taken if self.served[tid] is other]
                one = len(tids) == 1
                self.error(a.tasklets, f"{'tasklet' if one else 'tasklets'} {_ids(tids)} already "
                                       f"{'serves' if one else 'serve'} actor "
                                       f"'{other.name.text}' (line {other.name.span.line}): a "
                                       "tasklet serves one actor")
            for tid in range(first, last + 1):
                self.served.setdefault(tid, a)
            if self.config is not None:
                self.actor_config(a, first, last, fitting)
        return ir.Actor(name, a.doc, first, last, tuple(messages))

    def actor_config(self, a: ActorNode, first: int, last: int,
                     messages: list[tuple[ir.Message, Span]]) -> None:
        cfg = self.config
        what = f"actor '{a.name.text}'"
        missing = [tid for tid in range(first, last + 1) if cfg.tasklet(tid) is None]
        if missing:
            have = _ids(t.id for t in cfg.tasklets)
            one = len(missing) == 1
            self.error(a.tasklets, f"{'tasklet' if one else 'tasklets'} {_ids(missing)} of {what} "
                                   f"{'is' if one else 'are'} not in the configuration "
                                   + (f"(it has tasklets {have})" if have else "(it has no tasklet)"))
            return
        no_mailbox = [tid for tid in range(first, last + 1) if cfg.tasklet(tid).mailbox_words == 0]
        if no_mailbox:
            one = len(no_mailbox) == 1
            self.error(a.tasklets, f"{'tasklet' if one else 'tasklets'} {_ids(no_mailbox)} of "
                                   f"{what} {'has' if one else 'have'} no mailbox in the "
                                   "configuration (the messages travel through it)")
        for message, span in messages:
            by_size: dict[int, list[int]] = {}
            for tid in range(first, last + 1):
                size = cfg.tasklet(tid).mailbox_words
                if 0 < size < message.mailbox_words:
                    by_size.setdefault(size, []).append(tid)
            for size, tids in sorted(by_size.items()):
                one = len(tids) == 1
                self.error(span, f"message '{message.name}' needs {_message_words(message)} but "
                                 + (f"the mailbox of tasklet {_ids(tids)} has " if one else
                                    f"the mailboxes of tasklets {_ids(tids)} have ")
                                 + f"{_plural(size, 'word')} in the configuration")

    # ------------------------------------------------------------------ the C header

    def c_macros(self, interface: ir.Interface) -> None:
        """Two items defining the same macro in the header (``STORE_PUT_INPUT_WORDS`` of
        parameter ``input`` and of message ``put``) are reported at the later one."""
        from .emit.c import defined_macros

        first: dict[str, tuple] = {}
        reported: set[tuple] = set()
        for macro, owner in defined_macros(interface):
            if macro not in first:
                first[macro] = owner
                continue
            other = first[macro]
            if other == owner or owner in reported:
                continue
            a, b = sorted((owner, other), key=self._owner_position)
            reported.add(b)
            where = self.spans.get(b)
            if a == ("interface",):
                self.error(where, f"{_owner_words(b)}: its C macro {macro} is also one of the "
                                  f"interface '{interface.name}': rename it or use --name")
            else:
                line = self.spans[a].line if a in self.spans else "?"
                self.error(where, f"{_owner_words(b)}: its C macro {macro} is also one of "
                                  f"{_owner_words(a)} (line {line}): rename one")

    def _owner_position(self, owner: tuple) -> tuple[int, int]:
        span = self.spans.get(owner)
        return (span.line, span.col) if span is not None else (0, 0)

    # ------------------------------------------------------------------ the file

    def run(self, name: str, sha256: str) -> ir.Interface:
        functions = self.tree.functions
        actors = self.tree.actors
        self.interface_name(name, functions, actors)
        self.function_names(functions)
        self.actor_names(actors, functions)
        out_actors = tuple(self.actor(a) for a in actors)  # first: functions' mbox see them
        out = tuple(self.function(f) for f in functions)
        interface = ir.Interface(name, _basename(self.tree.path), sha256, out, out_actors)
        if not self.diags:
            self.c_macros(interface)
        return interface


def _message_words(m: ir.Message) -> str:
    return (f"{_plural(m.mailbox_words, 'mailbox word')} (the selector, "
            f"{_plural(m.input_words, 'word')} in, {_plural(m.output_words, 'word')} out)")


def _owner_words(owner: tuple) -> str:
    """An item of the IR in words, from its key in ``_Checker.spans``."""
    kind, *path = owner
    if kind == "actor":
        return f"actor '{path[0]}'"
    if kind == "message":
        return f"message {path[0]}.{path[1]}"
    if kind == "param" and len(path) == 2:
        return f"parameter '{path[1]}' of function '{path[0]}'"
    if kind == "param":
        return f"parameter '{path[2]}' of message {path[0]}.{path[1]}"
    return "the interface"


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
    if not tree.functions and not tree.actors and not checker.diags:
        checker.error(None, "the file defines no function or actor")
    interface = checker.run(name if name is not None else interface_name_of(tree.path), sha256)
    if checker.diags:
        raise DiagnosticError(sorted(checker.diags, key=_position))
    return interface
