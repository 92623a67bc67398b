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

Interface-wide, ``<INTERFACE>_SYSMBOX_WORDS``, ``<INTERFACE>_MBOX_WORDS`` and
``<INTERFACE>_TASKLETS`` are what the runtime configuration must provide at least (``dpugeni -C``
checks a configuration against the bindings themselves).  Word channels hold one element
per 32-bit word (two words for 64-bit types, low word first), narrower integers zero- or
sign-extended; memory channels hold the C representation.
"""

from __future__ import annotations

from .. import names
from ..ir import Binding, Function, Interface, Param
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


def _get(p: Param, b: Binding, macro: str, base: str) -> str:
    """The reader macro of a word-channel binding."""
    t = p.type
    stride = t.element_words
    index = f"{b.word}"
    args = base
    if b.channel == "sysmbox" and t.is_array:
        args += ", i"
        index = f"{b.word} + {stride} * (i)" if stride > 1 else f"{b.word} + (i)"
    raw = f"dpugeni_get{64 if t.bits == 64 else 32}(({base}), {index})"
    value = f"dpugeni_f{t.bits}({raw})" if t.is_float else f"({C_TYPES[t.base]}){raw}"
    return f"#define {macro}_GET({args}) ({value})"


def _put(p: Param, b: Binding, macro: str) -> str:
    t = p.type
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
    put = "dpugeni_put64" if t.bits == 64 else "dpugeni_put32"
    return f"#define {macro}_PUT(mbox, value) {put}((mbox), {b.word}, {bits})"


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
    out.append(f'_Static_assert(sizeof({macro}_TYPE) == {t.element_bytes}, '
               f'"{f.name}.{p.name}: {t.base} takes {t.element_bytes} '
               f'byte{"s" if t.element_bytes > 1 else ""}");')
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
    return sysmbox, mbox, tasklets


@register("c", "_interface.h", "a DPU-side C header naming the same slots")
def emit_c(interface: Interface) -> str:
    iface = names.c_macro(interface.name)
    guard = f"{iface}_INTERFACE_H"
    sysmbox, mbox, tasklets = _totals(interface)
    out = _comment(header_line(interface))
    out += _comment(
        f"The DPU side of the interface {interface.name}: where each parameter of each function\n"
        "travels between the host and the DPU program.  Word channels (sysmbox, mbox) hold one\n"
        "element per 32-bit word (two for 64-bit types, low word first), narrower integers\n"
        "zero- or sign-extended; memory channels (host, mram) hold the C representation.")
    out += [f"#ifndef {guard}", f"#define {guard}", "", "#include <stdint.h>", "",
            *_comment("What the runtime configuration must provide at least: system-mailbox\n"
                      "words, words of each tasklet's mailbox, tasklets (ids 0..N-1)."),
            f"#define {iface}_SYSMBOX_WORDS {sysmbox}",
            f"#define {iface}_MBOX_WORDS {mbox}",
            f"#define {iface}_TASKLETS {tasklets}",
            "", _HELPERS]
    for f in interface.functions:
        title = f"{f.name}(" + ", ".join(f"{p.name}: {p.direction} {p.type}" for p in f.params) + ")"
        out += ["", *_comment("\n".join([title] + ([f.doc] if f.doc else [])))]
        for p in f.params:
            out += [""] + _binding(f, p)
    out += ["", f"#endif /* {guard} */"]
    return "\n".join(out) + "\n"
