"""The ``c`` target: the DPU side of the contract, as a C header for the DPU program.

Every macro is named ``<FUNCTION>_<PARAM>_<WHAT>`` in upper case (``countCharacters`` /
``documentLength`` → ``COUNTCHARACTERS_DOCUMENTLENGTH_SYSMBOX_WORD``):

* every binding: ``_TYPE`` (the C type of one element), ``_LENGTH`` (arrays), ``_INPUT`` and
  ``_OUTPUT`` (1 or 0, the direction as the host sees it);
* ``sysmbox``: ``_SYSMBOX_WORD`` (first word), ``_SYSMBOX_WORDS`` (words taken), and
  ``_GET(sysmbox)`` (``_GET(sysmbox, i)`` for element i of an array) reading it from the pointer
  ``sys_mbox_recv()`` returns;
* ``mbox``: ``_FIRST_TASKLET``, ``_LAST_TASKLET``, ``_MBOX_WORD``, ``_MBOX_WORDS`` (1, or 2 for a
  64-bit type), ``_GET(mbox)`` for inputs and ``_PUT(mbox, value)`` for outputs, on the calling
  tasklet's own mailbox (``mbox_recv()``): each tasklet holds its element of the array;
* ``host``: ``_HOST_SYMBOL`` (the variable's name), ``_HOST_OFFSET`` and ``_BYTES``;
* ``mram``: ``_MRAM_ADDRESS`` (bytes from MRAM's start, as ``mram_ll_read*`` take it) and
  ``_BYTES``.

Every actor: ``<ACTOR>_FIRST_TASKLET``, ``<ACTOR>_LAST_TASKLET``, ``<ACTOR>_MESSAGES`` (their
count: selectors are 1..N) and ``<ACTOR>_MBOX_WORDS`` (what each serving tasklet's mailbox needs);
every message ``<ACTOR>_<MESSAGE>`` (its selector), ``_INPUT_WORDS``, ``_OUTPUT_WORDS`` (after word
0) and ``_MBOX_WORDS``; every parameter of a message ``<ACTOR>_<MESSAGE>_<PARAM>_...``: ``_TYPE``,
``_LENGTH`` (arrays), ``_INPUT``, ``_OUTPUT``, ``_INPUT_WORD`` (inputs) and ``_OUTPUT_WORD``
(outputs: its first word in the message and in the reply), ``_WORDS``, ``_GET(msg)`` /
``_GET(msg, i)`` for inputs and ``_PUT(msg, value)`` / ``_PUT(msg, i, value)`` for outputs, on the
pointer ``actor_receive()`` returns.

Interface-wide, ``<INTERFACE>_SYSMBOX_WORDS``, ``<INTERFACE>_MBOX_WORDS`` and
``<INTERFACE>_TASKLETS`` are what the runtime configuration must provide at least (``dpugeni -C``
checks a configuration against the bindings themselves).  :func:`defined_macros` lists the macros
with the item defining each, for the checks.  Word channels hold one element
per 32-bit word (two words for 64-bit types, low word first), narrower integers zero- or
sign-extended; memory channels hold the C representation.
"""

from __future__ import annotations

import re

from .. import names
from ..ir import Actor, Binding, Function, Interface, Message, Param, Type
from . import header_line, register

C_TYPES = {"u8": "uint8_t", "u16": "uint16_t", "u32": "uint32_t", "u64": "uint64_t",
           "i8": "int8_t", "i16": "int16_t", "i32": "int32_t", "i64": "int64_t",
           "f32": "float", "f64": "double"}

_HELPERS = """\
/* Word access shared by every dpugeni header: word i of a mailbox, 64-bit values low word first,
 * floats by their IEEE-754 bits. */
#ifndef DPUGENI_WORD_HELPERS
#define DPUGENI_WORD_HELPERS
static inline uint32_t dpugeni_get32(const void *words, unsigned int i)
{
    return ((const uint32_t *)words)[i];
}
static inline uint64_t dpugeni_get64(const void *words, unsigned int i)
{
    return ((uint64_t)dpugeni_get32(words, i + 1) << 32) | dpugeni_get32(words, i);
}
static inline void dpugeni_put32(void *words, unsigned int i, uint32_t value)
{
    ((uint32_t *)words)[i] = value;
}
static inline void dpugeni_put64(void *words, unsigned int i, uint64_t value)
{
    dpugeni_put32(words, i, (uint32_t)value);
    dpugeni_put32(words, i + 1, (uint32_t)(value >> 32));
}
static inline float dpugeni_f32(uint32_t bits)
{
    union { uint32_t u; float f; } x;
    x.u = bits;
    return x.f;
}
static inline double dpugeni_f64(uint64_t bits)
{
    union { uint64_t u; double f; } x;
    x.u = bits;
    return x.f;
}
static inline uint32_t dpugeni_f32_bits(float value)
{
    union { uint32_t u; float f; } x;
    x.f = value;
    return x.u;
}
static inline uint64_t dpugeni_f64_bits(double value)
{
    union { uint64_t u; double f; } x;
    x.f = value;
    return x.u;
}
#endif"""


def _comment(text: str, indent: str = "") -> list[str]:
    """A C block comment of ``text`` (never closed early by a ``*/`` in it)."""
    text = text.replace("*/", "* /").replace("/*", "/ *")
    lines = text.split("\n")
    if len(lines) == 1:
        return [f"{indent}/* {lines[0]} */"]
    out = [f"{indent}/* {lines[0]}"]
    out += [f"{indent} * {line}".rstrip() for line in lines[1:]]
    return out + [f"{indent} */"]


def _index(t: Type, word: int, array: bool) -> str:
    """The word of an element: ``word``, or element ``i`` of an array from ``word``."""
    if not array:
        return f"{word}"
    stride = t.element_words
    return f"{word} + {stride} * (i)" if stride > 1 else f"{word} + (i)"


def _reader(t: Type, macro: str, base: str, word: int, array: bool) -> str:
    """``<macro>_GET(base)`` (``_GET(base, i)`` for an array): the value from its word(s)."""
    args = base + (", i" if array else "")
    raw = f"dpugeni_get{64 if t.bits == 64 else 32}(({base}), {_index(t, word, array)})"
    value = f"dpugeni_f{t.bits}({raw})" if t.is_float else f"({C_TYPES[t.base]}){raw}"
    return f"#define {macro}_GET({args}) ({value})"


def _writer(t: Type, macro: str, base: str, word: int, array: bool) -> str:
    """``<macro>_PUT(base, value)`` (``_PUT(base, i, value)`` for an array)."""
    args = base + (", i" if array else "")
    put = "dpugeni_put64" if t.bits == 64 else "dpugeni_put32"
    return (f"#define {macro}_PUT({args}, value) "
            f"{put}(({base}), {_index(t, word, array)}, {_bits(t)})")


def _get(p: Param, b: Binding, macro: str, base: str) -> str:
    """The reader macro of a word-channel binding (an mbox binding: one element per tasklet)."""
    return _reader(p.type, macro, base, b.word, b.channel == "sysmbox" and p.type.is_array)


def _put(p: Param, b: Binding, macro: str) -> str:
    return _writer(p.type, macro, "mbox", b.word, False)


def _bits(t: Type) -> str:
    """The word bits of ``value`` (a 64-bit value for 64-bit types)."""
    if t.is_float:
        bits = f"dpugeni_f{t.bits}_bits(value)"
    elif t.bits == 64:
        bits = "(uint64_t)(value)"
    elif t.base == "u32":
        bits = "(uint32_t)(value)"
    elif t.base == "i32":
        bits = "(uint32_t)(int32_t)(value)"
    elif t.signed:  # sign-extended to the word
        bits = f"(uint32_t)(int32_t)({C_TYPES[t.base]})(value)"
    else:  # zero-extended
        bits = f"(uint32_t)({C_TYPES[t.base]})(value)"
    return bits


def _binding(f: Function, p: Param) -> list[str]:
    b = f.binding(p.name)
    t = p.type
    macro = names.c_macro(f.name, p.name)
    head = f"{p.name}: {p.direction} {t} <- {b.describe()}"
    docs = [d for d in (p.doc, b.doc) if d]
    out = _comment("\n".join([head] + docs))
    out.append(f"#define {macro}_TYPE {C_TYPES[t.base]}")
    if t.is_array:
        out.append(f"#define {macro}_LENGTH {t.length}")
    out.append(f"#define {macro}_INPUT {int(p.is_input)}")
    out.append(f"#define {macro}_OUTPUT {int(p.is_output)}")
    if b.channel == "sysmbox":
        out.append(f"#define {macro}_SYSMBOX_WORD {b.word}")
        out.append(f"#define {macro}_SYSMBOX_WORDS {t.count * t.element_words}")
        out.append(_get(p, b, macro, "sysmbox"))
    elif b.channel == "mbox":
        out.append(f"#define {macro}_FIRST_TASKLET {b.first_tasklet}")
        out.append(f"#define {macro}_LAST_TASKLET {b.last_tasklet}")
        out.append(f"#define {macro}_MBOX_WORD {b.word}")
        out.append(f"#define {macro}_MBOX_WORDS {t.element_words}")
        if p.is_input:
            out.append(_get(p, b, macro, "mbox"))
        if p.is_output:
            out.append(_put(p, b, macro))
    elif b.channel == "host":
        out.append(f"#define {macro}_HOST_SYMBOL {b.symbol}")
        out.append(f"#define {macro}_HOST_OFFSET {b.offset}")
        out.append(f"#define {macro}_BYTES {t.count * t.element_bytes}")
    else:
        out.append(f"#define {macro}_MRAM_ADDRESS {b.address:#x}")
        out.append(f"#define {macro}_BYTES {t.count * t.element_bytes}")
    out.append(_size_assert(macro, f"{f.name}.{p.name}", t))
    return out


def _size_assert(macro: str, what: str, t: Type) -> str:
    return (f'_Static_assert(sizeof({macro}_TYPE) == {t.element_bytes}, '
            f'"{what}: {t.base} takes {t.element_bytes} '
            f'byte{"s" if t.element_bytes > 1 else ""}");')


def _signature(name: str, params: tuple[Param, ...]) -> str:
    return f"{name}(" + ", ".join(f"{p.name}: {p.direction} {p.type}" for p in params) + ")"


def _actor(a: Actor) -> list[str]:
    macro = names.c_macro(a.name)
    one = a.first_tasklet == a.last_tasklet
    head = (f"actor {a.name} on tasklet {a.first_tasklet}" if one else
            f"actor {a.name} on tasklets {a.first_tasklet}..{a.last_tasklet}")
    usage = ("Each tasklet serves one message at a time: uint32_t *msg = actor_receive();\n"
             f"switch (msg[0]) {{ case {names.c_macro(a.name, a.messages[0].name)}: ... }}.  "
             if a.messages else "")
    usage += ("The inputs and the reply both start\nat word 1: read every input before writing "
              "the reply.")
    out = _comment("\n".join([head] + ([a.doc] if a.doc else []) + [usage]))
    out += [f"#define {macro}_FIRST_TASKLET {a.first_tasklet}",
            f"#define {macro}_LAST_TASKLET {a.last_tasklet}",
            f"#define {macro}_MESSAGES {len(a.messages)}",
            f"#define {macro}_MBOX_WORDS {a.mailbox_words}"]
    return out


def _message(a: Actor, m: Message) -> list[str]:
    macro = names.c_macro(a.name, m.name)
    out = _comment("\n".join([_signature(m.name, m.params)] + ([m.doc] if m.doc else [])))
    out += [f"#define {macro} {m.selector}",
            f"#define {macro}_INPUT_WORDS {m.input_words}",
            f"#define {macro}_OUTPUT_WORDS {m.output_words}",
            f"#define {macro}_MBOX_WORDS {m.mailbox_words}"]
    return out


def _message_param(a: Actor, m: Message, p: Param) -> list[str]:
    t = p.type
    macro = names.c_macro(a.name, m.name, p.name)
    where = []
    if p.is_input:
        where.append(f"word {m.input_word(p.name)}" if t.words == 1 else
                     f"words {m.input_word(p.name)}..{m.input_word(p.name) + t.words - 1}")
    if p.is_output:
        first = m.output_word(p.name)
        where.append(("reply word " if t.words == 1 else "reply words ")
                     + (f"{first}" if t.words == 1 else f"{first}..{first + t.words - 1}"))
    out = _comment("\n".join([f"{p.name}: {p.direction} {t}, {', '.join(where)}"]
                             + ([p.doc] if p.doc else [])))
    out.append(f"#define {macro}_TYPE {C_TYPES[t.base]}")
    if t.is_array:
        out.append(f"#define {macro}_LENGTH {t.length}")
    out.append(f"#define {macro}_INPUT {int(p.is_input)}")
    out.append(f"#define {macro}_OUTPUT {int(p.is_output)}")
    if p.is_input:
        out.append(f"#define {macro}_INPUT_WORD {m.input_word(p.name)}")
    if p.is_output:
        out.append(f"#define {macro}_OUTPUT_WORD {m.output_word(p.name)}")
    out.append(f"#define {macro}_WORDS {t.words}")
    if p.is_input:
        out.append(_reader(t, macro, "msg", m.input_word(p.name), t.is_array))
    if p.is_output:
        out.append(_writer(t, macro, "msg", m.output_word(p.name), t.is_array))
    out.append(_size_assert(macro, f"{a.name}.{m.name}.{p.name}", t))
    return out


def _totals(interface: Interface) -> tuple[int, int, int]:
    sysmbox = mbox = tasklets = 0
    for f in interface.functions:
        for b in f.bindings:
            t = f.param(b.param).type
            if b.channel == "sysmbox":
                sysmbox = max(sysmbox, b.word + t.count * t.element_words)
            elif b.channel == "mbox":
                mbox = max(mbox, b.word + t.element_words)
                tasklets = max(tasklets, b.last_tasklet + 1)
    for a in interface.actors:
        mbox = max(mbox, a.mailbox_words)
        tasklets = max(tasklets, a.last_tasklet + 1)
    return sysmbox, mbox, tasklets


def _blocks(interface: Interface) -> list[tuple[tuple, list[str]]]:
    """The header's sections after the helpers, each with the item it belongs to (the keys of
    :func:`defined_macros`); a block of only comments belongs to no item (``None``)."""
    out: list[tuple[tuple, list[str]]] = []
    for f in interface.functions:
        title = _signature(f.name, f.params)
        out.append((None, _comment("\n".join([title] + ([f.doc] if f.doc else [])))))
        for p in f.params:
            out.append((("param", f.name, p.name), _binding(f, p)))
    for a in interface.actors:
        out.append((("actor", a.name), _actor(a)))
        for m in a.messages:
            out.append((("message", a.name, m.name), _message(a, m)))
            for p in m.params:
                out.append((("param", a.name, m.name, p.name), _message_param(a, m, p)))
    return out


def _prologue(interface: Interface) -> list[str]:
    iface = names.c_macro(interface.name)
    sysmbox, mbox, tasklets = _totals(interface)
    return [f"#define {iface}_INTERFACE_H",
            f"#define {iface}_SYSMBOX_WORDS {sysmbox}",
            f"#define {iface}_MBOX_WORDS {mbox}",
            f"#define {iface}_TASKLETS {tasklets}"]


_DEFINE = re.compile(r"^#define ([A-Za-z_][A-Za-z0-9_]*)", re.M)


def defined_macros(interface: Interface) -> list[tuple[str, tuple]]:
    """Every macro the header defines for the interface, with its item: ``("interface",)``,
    ``("param", function, param)``, ``("actor", actor)``, ``("message", actor, message)`` or
    ``("param", actor, message, param)`` (the shared helpers are not listed)."""
    out = [(name, ("interface",)) for name in _DEFINE.findall("\n".join(_prologue(interface)))]
    for owner, lines in _blocks(interface):
        if owner is not None:
            out += [(name, owner) for name in _DEFINE.findall("\n".join(lines))]
    return out


@register("c", "_interface.h", "a DPU-side C header naming the same slots")
def emit_c(interface: Interface) -> str:
    iface = names.c_macro(interface.name)
    guard = f"{iface}_INTERFACE_H"
    sysmbox, mbox, tasklets = _totals(interface)
    out = _comment(header_line(interface))
    about = (f"The DPU side of the interface {interface.name}: where each parameter of each function\n"
             "travels between the host and the DPU program.  Word channels (sysmbox, mbox) hold one\n"
             "element per 32-bit word (two for 64-bit types, low word first), narrower integers\n"
             "zero- or sign-extended; memory channels (host, mram) hold the C representation.")
    if interface.actors:
        about += ("\nAn actor's message: word 0 of the tasklet's mailbox is its selector, the inputs\n"
                  "follow from word 1; the reply leaves the outputs from word 1 (word channel\n"
                  "encoding, arrays as consecutive elements).")
    out += _comment(about)
    out += [f"#ifndef {guard}", f"#define {guard}", "", "#include <stdint.h>", "",
            *_comment("What the runtime configuration must provide at least: system-mailbox\n"
                      "words, words of each tasklet's mailbox, tasklets (ids 0..N-1)."),
            f"#define {iface}_SYSMBOX_WORDS {sysmbox}",
            f"#define {iface}_MBOX_WORDS {mbox}",
            f"#define {iface}_TASKLETS {tasklets}",
            "", _HELPERS]
    for _, lines in _blocks(interface):
        out += [""] + lines
    out += ["", f"#endif /* {guard} */"]
    return "\n".join(out) + "\n"
