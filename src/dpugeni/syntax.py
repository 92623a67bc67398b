"""The syntax tree of a DIDL file, as the parser builds it: every node keeps where it was written,
so the checks can point at it.  The checks turn it into the frozen IR (:mod:`dpugeni.ir`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """From (line, col) to (end_line, end_col), 1-based, the end exclusive."""

    line: int
    col: int
    end_line: int
    end_col: int

    @property
    def length(self) -> int:
        """Characters to underline (to the end of the first line for a multi-line span)."""
        return max(1, self.end_col - self.col) if self.end_line == self.line else 1


@dataclass(frozen=True)
class Word:
    """A name, keyword or type as written."""

    text: str
    span: Span


@dataclass(frozen=True)
class Number:
    value: int
    text: str
    span: Span


@dataclass(frozen=True)
class TypeNode:
    base: Word
    length: Number | None  # None for a scalar
    span: Span


@dataclass(frozen=True)
class ParamNode:
    name: Word
    direction: Word  # in, out or inout
    type: TypeNode
    doc: str
    span: Span


@dataclass(frozen=True)
class ChannelNode:
    """``sysmbox[word]``, ``mbox[first..last][word]`` (``last`` None for ``mbox[t][word]``),
    ``host symbol[offset]`` or ``mram[address]``."""

    kind: str  # sysmbox, mbox, host or mram
    span: Span
    word: Number | None = None
    first: Number | None = None
    last: Number | None = None
    symbol: Word | None = None
    offset: Number | None = None
    address: Number | None = None

    def source(self) -> str:
        """The channel as it would be written (for messages)."""
        if self.kind == "sysmbox":
            return f"sysmbox[{self.word.text}]"
        if self.kind == "mbox":
            tasklets = self.first.text + (f"..{self.last.text}" if self.last is not None else "")
            return f"mbox[{tasklets}][{self.word.text}]"
        if self.kind == "host":
            return f"host {self.symbol.text}" + (f"[{self.offset.text}]" if self.offset else "")
        return f"mram[{self.address.text}]"


@dataclass(frozen=True)
class BindingNode:
    target: Word  # the parameter
    channel: ChannelNode
    doc: str
    span: Span


@dataclass(frozen=True)
class FunctionNode:
    name: Word
    params: tuple[ParamNode, ...]
    bindings: tuple[BindingNode, ...]
    doc: str
    span: Span


@dataclass(frozen=True)
class MessageNode:
    name: Word
    params: tuple[ParamNode, ...]
    doc: str
    span: Span


@dataclass(frozen=True)
class ActorNode:
    """``actor NAME on tasklets first..last { messages }`` (``last`` None for ``on tasklet t``)."""

    name: Word
    first: Number
    last: Number | None
    tasklets: Span  # "tasklets first..last", for messages about the range
    messages: tuple[MessageNode, ...]
    doc: str
    span: Span

    def range_source(self) -> str:
        return self.first.text + (f"..{self.last.text}" if self.last is not None else "")


@dataclass(frozen=True)
class File:
    path: str  # as given, for diagnostics
    text: str
    functions: tuple[FunctionNode, ...]
    actors: tuple[ActorNode, ...] = ()

    def line(self, number: int) -> str | None:
        lines = self.text.split("\n")
        return lines[number - 1].rstrip("\r") if 1 <= number <= len(lines) else None
