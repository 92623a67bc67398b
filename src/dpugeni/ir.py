"""The interface IR: what a checked DIDL file means, frozen, for the emitters and the runtime.

An :class:`Interface` is a list of :class:`Function` s and a list of :class:`Actor` s.  A
function has :class:`Param` s (name, direction, :class:`Type`) and one :class:`Binding` per
parameter saying which DPU resource carries it.  An actor is served by a range of tasklets and
has :class:`Message` s, numbered from 1 (the selector), whose parameters all travel through the
serving tasklet's mailbox (:class:`Message` says where).  Everything here has passed the checks
(:mod:`dpugeni.check`): every parameter is bound once, nothing overlaps, array lengths match
tasklet ranges, directions fit channels, messages fit mailboxes.

This module imports nothing but the standard library, so the host runtime (``kelonia.interface``)
can load the IR that generated modules carry (:meth:`Interface.from_dict`) without the compiler.

Layout rules shared by every emitter and the runtime:

* word channels (``sysmbox``, ``mbox``) carry one element per 32-bit word, two for 64-bit types
  (low word first); narrower integers are zero- or sign-extended to 32 bits;
* memory channels (``host``, ``mram``) hold the C representation: each element takes its natural
  size (1, 2, 4 or 8 bytes), an array is a C array;
* a message of an actor: word 0 of the mailbox is its selector, its ``in`` and ``inout``
  parameters follow from word 1 in declaration order; the reply holds the ``out`` and ``inout``
  parameters from word 1 in declaration order (word 0 is left alone); both with the word-channel
  encoding, arrays as consecutive elements;
* everything is little-endian; f32/f64 are IEEE-754 binary32/binary64.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FORMAT = "didl-ir/1"

DIRECTIONS = ("in", "out", "inout")
CHANNELS = ("sysmbox", "mbox", "host", "mram")
WORD_CHANNELS = ("sysmbox", "mbox")

# base type -> (kind, bits): kind u (unsigned), i (signed two's complement), f (IEEE float)
BASES: dict[str, tuple[str, int]] = {
    "u8": ("u", 8), "u16": ("u", 16), "u32": ("u", 32), "u64": ("u", 64),
    "i8": ("i", 8), "i16": ("i", 16), "i32": ("i", 32), "i64": ("i", 64),
    "f32": ("f", 32), "f64": ("f", 64),
}


@dataclass(frozen=True)
class Type:
    base: str  # one of BASES
    length: int | None = None  # None for a scalar, the element count for an array

    @property
    def kind(self) -> str:
        return BASES[self.base][0]

    @property
    def bits(self) -> int:
        return BASES[self.base][1]

    @property
    def is_array(self) -> bool:
        return self.length is not None

    @property
    def is_float(self) -> bool:
        return self.kind == "f"

    @property
    def signed(self) -> bool:
        return self.kind != "u"

    @property
    def words(self) -> int:
        """32-bit words the whole value takes on a word channel (a message, the system
        mailbox)."""
        return self.count * self.element_words

    @property
    def count(self) -> int:
        """Elements (1 for a scalar)."""
        return 1 if self.length is None else self.length

    @property
    def element_bytes(self) -> int:
        return self.bits // 8

    @property
    def element_words(self) -> int:
        """32-bit words one element takes on a word channel."""
        return 2 if self.bits == 64 else 1

    @property
    def bounds(self) -> tuple[int, int]:
        """The range of an integer type (inclusive)."""
        if self.kind == "u":
            return 0, (1 << self.bits) - 1
        if self.kind == "i":
            return -(1 << (self.bits - 1)), (1 << (self.bits - 1)) - 1
        raise ValueError(f"{self.base} is not an integer type")

    def __str__(self) -> str:
        return self.base if self.length is None else f"{self.base}[{self.length}]"


@dataclass(frozen=True)
class Param:
    name: str
    direction: str  # in, out or inout
    type: Type
    doc: str = ""

    @property
    def is_input(self) -> bool:
        return self.direction in ("in", "inout")

    @property
    def is_output(self) -> bool:
        return self.direction in ("out", "inout")


@dataclass(frozen=True)
class Binding:
    """Where one parameter travels.  Only the fields of its channel are set:

    * ``sysmbox``: ``word``, the first word of the system mailbox it takes;
    * ``mbox``: ``first_tasklet``..``last_tasklet`` (equal for a scalar) and ``word`` in each
      tasklet's mailbox;
    * ``host``: ``symbol``, a host-visible variable of the program, and ``offset`` in bytes;
    * ``mram``: ``address``, a byte address from MRAM's start.
    """

    param: str
    channel: str  # one of CHANNELS
    word: int | None = None
    first_tasklet: int | None = None
    last_tasklet: int | None = None
    symbol: str | None = None
    offset: int | None = None
    address: int | None = None
    doc: str = ""

    def describe(self) -> str:
        """The binding's channel as DIDL writes it."""
        if self.channel == "sysmbox":
            return f"sysmbox[{self.word}]"
        if self.channel == "mbox":
            if self.first_tasklet == self.last_tasklet:
                return f"mbox[{self.first_tasklet}][{self.word}]"
            return f"mbox[{self.first_tasklet}..{self.last_tasklet}][{self.word}]"
        if self.channel == "host":
            return f"host {self.symbol}" + (f"[{self.offset}]" if self.offset else "")
        return f"mram[{self.address:#x}]"

    @property
    def tasklets(self) -> range:
        """The tasklets of an mbox binding (empty for the other channels)."""
        if self.channel != "mbox":
            return range(0)
        return range(self.first_tasklet, self.last_tasklet + 1)


class _Parameters:
    """What a function and a message share: their parameters by name, and those the host sends
    (``in``, ``inout``: the inputs) and receives (``out``, ``inout``: the outputs, a message's
    reply), in declaration order."""

    params: tuple[Param, ...]

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    @property
    def inputs(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.is_input)

    @property
    def outputs(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.is_output)


@dataclass(frozen=True)
class Function(_Parameters):
    name: str
    doc: str
    params: tuple[Param, ...]
    bindings: tuple[Binding, ...]  # in source order

    def binding(self, param: str) -> Binding:
        for b in self.bindings:
            if b.param == param:
                return b
        raise KeyError(param)


@dataclass(frozen=True)
class Message(_Parameters):
    """A message an actor serves: ``selector`` (1, 2, ... in declaration order) goes in word 0 of
    the tasklet's mailbox, the inputs (``in``, ``inout``) from word 1; the reply leaves the
    outputs (``out``, ``inout``) from word 1.  Both use the word-channel encoding."""

    name: str
    doc: str
    selector: int
    params: tuple[Param, ...]

    @property
    def input_words(self) -> int:
        """Words of the inputs, after the selector."""
        return sum(p.type.words for p in self.inputs)

    @property
    def output_words(self) -> int:
        """Words of the reply's outputs, from word 1."""
        return sum(p.type.words for p in self.outputs)

    @property
    def mailbox_words(self) -> int:
        """The mailbox words the message needs: the selector, and the larger of its inputs and
        its reply."""
        return 1 + max(self.input_words, self.output_words)

    def input_word(self, name: str) -> int:
        """The first mailbox word of input ``name`` (1 for the first input)."""
        return _first_word(self.inputs, name)

    def output_word(self, name: str) -> int:
        """The first mailbox word of output ``name`` in the reply (1 for the first output)."""
        return _first_word(self.outputs, name)


def _first_word(params: tuple[Param, ...], name: str) -> int:
    word = 1
    for p in params:
        if p.name == name:
            return word
        word += p.type.words
    raise KeyError(name)


@dataclass(frozen=True)
class Actor:
    """Tasklets ``first_tasklet``..``last_tasklet`` of the program each serve ``messages``
    through their own mailbox, without the DPU being rebooted between messages."""

    name: str
    doc: str
    first_tasklet: int
    last_tasklet: int
    messages: tuple[Message, ...]

    @property
    def tasklets(self) -> range:
        return range(self.first_tasklet, self.last_tasklet + 1)

    def message(self, name: str) -> Message:
        for m in self.messages:
            if m.name == name:
                return m
        raise KeyError(name)

    @property
    def mailbox_words(self) -> int:
        """The mailbox words each serving tasklet needs: those of its largest message."""
        return max((m.mailbox_words for m in self.messages), default=1)


@dataclass(frozen=True)
class Interface:
    name: str
    source: str  # the DIDL file's name (no directory)
    sha256: str  # of the DIDL file's bytes
    functions: tuple[Function, ...] = field(default_factory=tuple)
    actors: tuple[Actor, ...] = field(default_factory=tuple)

    def function(self, name: str) -> Function:
        for f in self.functions:
            if f.name == name:
                return f
        raise KeyError(name)

    def actor(self, name: str) -> Actor:
        for a in self.actors:
            if a.name == name:
                return a
        raise KeyError(name)

    # ------------------------------------------------------------------ plain data

    def to_dict(self) -> dict:
        """JSON-ready data, keys in a fixed order, unset binding fields left out."""
        return {
            "format": FORMAT,
            "name": self.name,
            "source": {"file": self.source, "sha256": self.sha256},
            "functions": [_function_dict(f) for f in self.functions],
            "actors": [_actor_dict(a) for a in self.actors],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Interface":
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} interface (format {data.get('format')!r})")
        return cls(
            name=data["name"],
            source=data["source"]["file"],
            sha256=data["source"]["sha256"],
            functions=tuple(_function_of(f) for f in data["functions"]),
            actors=tuple(_actor_of(a) for a in data.get("actors", ())),
        )


_BINDING_FIELDS = ("word", "first_tasklet", "last_tasklet", "symbol", "offset", "address")


def _params_dict(params: tuple[Param, ...]) -> list[dict]:
    out = []
    for p in params:
        t = {"base": p.type.base}
        if p.type.length is not None:
            t["length"] = p.type.length
        out.append({"name": p.name, "direction": p.direction, "type": t, "doc": p.doc})
    return out


def _params_of(data: list[dict]) -> tuple[Param, ...]:
    return tuple(Param(p["name"], p["direction"], Type(p["type"]["base"], p["type"].get("length")),
                       p.get("doc", "")) for p in data)


def _function_dict(f: Function) -> dict:
    params = _params_dict(f.params)
    bindings = []
    for b in f.bindings:
        d = {"param": b.param, "channel": b.channel}
        for k in _BINDING_FIELDS:
            v = getattr(b, k)
            if v is not None:
                d[k] = v
        d["doc"] = b.doc
        bindings.append(d)
    return {"name": f.name, "doc": f.doc, "params": params, "bindings": bindings}


def _function_of(d: dict) -> Function:
    params = _params_of(d["params"])
    bindings = tuple(Binding(b["param"], b["channel"], doc=b.get("doc", ""),
                             **{k: b[k] for k in _BINDING_FIELDS if k in b})
                     for b in d["bindings"])
    return Function(d["name"], d.get("doc", ""), params, bindings)


def _actor_dict(a: Actor) -> dict:
    return {"name": a.name, "doc": a.doc, "first_tasklet": a.first_tasklet,
            "last_tasklet": a.last_tasklet,
            "messages": [{"name": m.name, "doc": m.doc, "selector": m.selector,
                          "params": _params_dict(m.params)} for m in a.messages]}


def _actor_of(d: dict) -> Actor:
    messages = tuple(Message(m["name"], m.get("doc", ""), m["selector"], _params_of(m["params"]))
                     for m in d["messages"])
    return Actor(d["name"], d.get("doc", ""), d["first_tasklet"], d["last_tasklet"], messages)
