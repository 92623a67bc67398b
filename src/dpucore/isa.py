"""The DPU instruction set as data: the single description every tool derives from.

The 970 forms come from ``forms.tsv`` (a copy of the project's ISA facts shipped with the package).
Everything the assembler, disassembler, simulator decoder and compiler need to know about a form is
computed here once, from that table plus a few small tables below (field widths, condition classes,
semantic categories): nothing else in the project lists instructions.

Encoding (ours; the DPU's real bit layout changes between SDK versions): every instruction is one
64-bit little-endian word in an 8-byte IRAM slot.  Bits 0..9 hold the opcode (form index + 1, so an
all-zero slot is an invalid instruction); the operand fields follow in template order, packed from
bit 10 upwards; unused high bits are zero and a decoder rejects a word where they are not.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Iterable, Sequence

OPCODE_BITS = 10
INSN_BYTES = 8

# --------------------------------------------------------------------------------------------
# Registers
# --------------------------------------------------------------------------------------------

NR_GP_REGISTERS = 24
CONSTANT_REGISTERS = ("zero", "one", "lneg", "mneg", "id", "id2", "id4", "id8")
ZERO = 24
STACK_POINTER = 22
RETURN_ADDRESS = 23


def register_name(code: int) -> str:
    """Name of a source-register code (0..31)."""
    return f"r{code}" if code < NR_GP_REGISTERS else CONSTANT_REGISTERS[code - NR_GP_REGISTERS]


_REGISTER_CODES = {f"r{i}": i for i in range(NR_GP_REGISTERS)}
_REGISTER_CODES.update({name: NR_GP_REGISTERS + i for i, name in enumerate(CONSTANT_REGISTERS)})
_PAIR_CODES = {f"d{i}": i for i in range(0, NR_GP_REGISTERS, 2)}
_SAFE_CODES = {f"s{i}": i for i in range(NR_GP_REGISTERS)}


def parse_register(name: str) -> tuple[str, int] | None:
    """Classify a register name: ('r', code), ('d', even code), ('s', code) or None.

    ``r0``..``r23`` and the constant registers are 'r'; the optional ``%`` prefix is accepted.
    """
    name = name.lower()
    if name.startswith("%"):
        name = name[1:]
    if name in _REGISTER_CODES:
        return "r", _REGISTER_CODES[name]
    if name in _PAIR_CODES:
        return "d", _PAIR_CODES[name]
    if name in _SAFE_CODES:
        return "s", _SAFE_CODES[name]
    return None


def is_register_name(name: str) -> bool:
    return parse_register(name) is not None


# --------------------------------------------------------------------------------------------
# Conditions
# --------------------------------------------------------------------------------------------

CONDITIONS: tuple[str, ...] = (
    "false", "true", "z", "nz", "xz", "xnz", "e", "o", "pl", "mi", "ov", "nov", "c", "nc",
    *(f"nc{k}" for k in range(5, 15)),
    "sz", "snz", "spl", "smi", "se", "so", "max", "nmax", "sh32", "nsh32",
    "eq", "neq", "ltu", "leu", "gtu", "geu", "lts", "les", "gts", "ges",
    "xleu", "xgtu", "xles", "xgts", "small", "large",
)
CONDITION_CODES = {name: i for i, name in enumerate(CONDITIONS)}
CONDITION_ALIASES = {"nsz": "snz", "t": "true"}
COND_BITS = 6


def parse_condition(name: str) -> int | None:
    """Condition code of a (case-insensitive) condition name or alias, or None."""
    name = name.lower()
    name = CONDITION_ALIASES.get(name, name)
    return CONDITION_CODES.get(name)


def _cc(words: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in words.split():
        if w == "nc5..nc14":
            out.extend(f"nc{k}" for k in range(5, 15))
        else:
            out.append(w)
    return tuple(out)


_LOG_NZ = _cc("true z nz xz xnz pl mi sz snz spl smi")
_IMM_SHIFT_NZ = _LOG_NZ + _cc("e o se so")
_SUB_SET = _cc("z nz xz xnz eq neq")
CONDITION_CLASSES: dict[str, tuple[str, ...]] = {
    "acquire_cc": _cc("true z nz"),
    "release_cc": _cc("nz"),
    "boot_cc": _cc("false true z nz xz xnz sz snz spl smi"),
    "add_nz_cc": _cc("true z nz xz xnz pl mi sz snz spl smi ov nov c nc nc5..nc14"),
    "sub_nz_cc": _cc(
        "true z nz xz xnz pl mi sz snz spl smi ov nov ltu geu lts ges les gts leu gtu "
        "xles xgts xleu xgtu eq neq c nc"
    ),
    "log_nz_cc": _LOG_NZ,
    "imm_shift_nz_cc": _IMM_SHIFT_NZ,
    "shift_nz_cc": _IMM_SHIFT_NZ + _cc("sh32 nsh32"),
    "count_nz_cc": _cc("true z nz xz xnz sz snz spl smi max nmax"),
    "mul_nz_cc": _cc("true z nz xz xnz sz snz spl smi small large"),
    "div_cc": _cc("false true sz snz spl smi"),
    "div_nz_cc": _cc("true sz snz spl smi"),
    "log_set_cc": _cc("z nz xz xnz"),
    "sub_set_cc": _SUB_SET,
    "ext_sub_set_cc": _SUB_SET
    + _cc(
        "true pl mi sz snz spl smi ov nov ltu geu lts ges les gts leu gtu xles xgts xleu xgtu c nc"
    ),
    "true_cc": _cc("true"),
    "true_false_cc": _cc("true false"),
    "false_cc": _cc("false"),
}

# --------------------------------------------------------------------------------------------
# Semantic categories (by mnemonic without its .s/.u suffix)
# --------------------------------------------------------------------------------------------

_CATEGORY_WORDS = {
    "arith": "add addc sub subc rsub rsubc",
    "logic": "and andn nand nor nxor or orn xor hash",
    "shift": "asr lsl lsl1 lsl1x lslx lsr lsr1 lsr1x lsrx rol ror",
    "shift_add": "lsl_add lsl_sub lsr_add rol_add",
    "count": "cao clo cls clz",
    "extend": "extsb extsh extub extuh sats",
    "compare_bytes": "cmpb4",
    "mul8": " ".join(
        f"mul_{a}_{b}" for a in ("sh", "sl", "uh", "ul") for b in ("sh", "sl", "uh", "ul")
    ),
    "step": "mul_step div_step",
    "load": "lbs lbu lhs lhu lw ld",
    "store": "sb sh sw sd",
    "store_id": "sb_id sh_id sw_id sd_id",
    "dma": "ldma ldmai sdma",
    "atomic": "acquire release",
    "tasklet": "boot resume stop",
    "call": "call",
    "fault": "fault",
    "nop": "nop",
    "time": "time time_cfg",
    "pair": "movd swapd",
}
CATEGORY = {m: cat for cat, words in _CATEGORY_WORDS.items() for m in words.split()}

# --------------------------------------------------------------------------------------------
# Operands and their fields
# --------------------------------------------------------------------------------------------

# Operand kinds: how the assembler reads the operand and the disassembler writes it.
#   wreg  writable register r0..r23        sreg  safe register s0..s23
#   reg   source register r0..r23 + consts kreg  constant register only (the 'k' letter)
#   dreg  64-bit pair d0..d22 (even code)   zero  the literal `zero` destination (no field)
#   expr  an expression (imm/off/shift/immDma/pc)
#   cond  a condition of a class            endian  `!little` / `!big` (optional, little default)
REGISTER_KINDS = ("wreg", "reg", "kreg", "dreg", "sreg")


@dataclass(frozen=True, slots=True)
class Operand:
    """One operand of a form: what it is, where its bits go and which values it accepts."""

    role: str  # rc ra rb dc db sc sa sb zero imm off shift immDma pc cc endian
    kind: str  # see the table above
    shift: int = 0  # first bit of the field in the instruction word
    width: int = 0  # bits of the field (0: no field)
    lo: int = 0  # smallest accepted value
    hi: int = 0  # largest accepted value
    signed: bool = False  # decode by sign extension
    cond_class: str | None = None

    @property
    def mask(self) -> int:
        return (1 << self.width) - 1

    def accepts(self, value: int) -> bool:
        return self.lo <= value <= self.hi

    def range_text(self) -> str:
        return f"{self.lo}..{self.hi}"

    @property
    def conditions(self) -> tuple[str, ...]:
        return CONDITION_CLASSES[self.cond_class] if self.cond_class else ()


def _range(spec: str) -> tuple[int, int, int, bool]:
    """Width, lo, hi, signed for a field spec: 'sN' signed, 'uN' unsigned, 'xN' either.

    'x' fields store N bits and accept both the signed and the unsigned reading, as 32-bit
    immediates do (``move r0, 0xffffffff`` and ``move r0, -1`` are the same instruction).
    A spec may narrow the accepted range below its field: 'x8/16' is an 8-bit value in a 16-bit field.
    """
    kind, rest = spec[0], spec[1:]
    if "/" in rest:
        bits, width = (int(x) for x in rest.split("/"))
    else:
        bits = width = int(rest)
    if kind == "s":
        return width, -(1 << (bits - 1)), (1 << (bits - 1)) - 1, True
    if kind == "u":
        return width, 0, (1 << bits) - 1, False
    if kind == "x":
        return width, -(1 << (bits - 1)), (1 << bits) - 1, True
    raise ValueError(spec)


# Width of the immediate of each operand pattern (the form-id letters); the DPU's own ranges.
_IMM_SPEC_BY_LETTERS = {
    "rri": "x32", "zri": "x32", "rir": "x32", "zir": "x32", "rki": "x32", "ssi": "x32",
    "rric": "s24", "rrif": "s24", "rirc": "s24", "rirf": "s24",
    "zric": "s27", "zrif": "s27", "zirc": "s27", "zirf": "s27",
    "rrici": "s8", "rirci": "s8",
    "zrici": "s11", "zirci": "s11",
    "rici": "s16",
    "i": "s24",
}
_STORE_IMM_SPEC = {
    "sb": "x8/16", "sb_id": "x8/16", "sh": "x16", "sh_id": "x16",
    "sw": "s16", "sw_id": "s16", "sd": "s16", "sd_id": "s16",
}
_FIXED_SPECS = {
    "shift": "u5",
    "immDma": "u8",
    "pc": "u16",
}
_OFF_SPEC_BY_LETTERS = {"erii": "s12", "esii": "s12"}  # other offsets: s24


@dataclass(frozen=True)
class Form:
    """One instruction form: a row of forms.tsv with everything derived from it."""

    id: str
    index: int
    mnemonic: str
    letters: str
    template: str
    operands: tuple[Operand, ...]

    @property
    def opcode(self) -> int:
        return self.index + 1

    @cached_property
    def base(self) -> str:
        """Mnemonic without its .s/.u suffix."""
        return self.mnemonic.split(".")[0]

    @cached_property
    def extension(self) -> str | None:
        """'s' or 'u' for the forms writing a sign/zero-extended pair, else None."""
        parts = self.mnemonic.split(".")
        return parts[1] if len(parts) > 1 else None

    @cached_property
    def category(self) -> str:
        return CATEGORY[self.base]

    @cached_property
    def roles(self) -> dict[str, int]:
        return {op.role: i for i, op in enumerate(self.operands)}

    def operand(self, role: str) -> Operand | None:
        i = self.roles.get(role)
        return None if i is None else self.operands[i]

    @cached_property
    def has_pc(self) -> bool:
        return "pc" in self.roles

    @cached_property
    def cond(self) -> Operand | None:
        return self.operand("cc")

    @cached_property
    def bits(self) -> int:
        """Bits the form uses, opcode included."""
        return OPCODE_BITS + sum(op.width for op in self.operands)

    @property
    def signature(self) -> str:
        """The template's operand list, e.g. ``rc, ra, imm, log_set_cc``, for messages."""
        parts = self.template.split(" ", 1)
        if len(parts) == 1:
            return ""
        return parts[1].replace("{", "").replace("}", "").replace("<", "").replace(">", "")


def _operand_for(placeholder: str, letter: str, form_id: str, mnemonic: str) -> Operand:
    base = mnemonic.split(".")[0]
    letters = form_id.rsplit("_", 1)[1]
    if placeholder == "zero":
        return Operand("zero", "zero")
    if placeholder.startswith("{"):
        role = placeholder[1:-1]
        if role == "rc":
            return Operand(role, "wreg", width=5, lo=0, hi=NR_GP_REGISTERS - 1)
        if role in ("ra", "rb"):
            if letter == "k":
                return Operand(role, "kreg", width=5, lo=NR_GP_REGISTERS, hi=31)
            return Operand(role, "reg", width=5, lo=0, hi=31)
        if role in ("dc", "db"):
            return Operand(role, "dreg", width=5, lo=0, hi=NR_GP_REGISTERS - 2)
        if role in ("sc", "sa", "sb"):
            return Operand(role, "sreg", width=5, lo=0, hi=NR_GP_REGISTERS - 1)
        raise ValueError(f"{form_id}: unknown register placeholder {placeholder}")
    name = placeholder[1:-1]
    if name.endswith("_cc"):
        if name not in CONDITION_CLASSES:
            raise ValueError(f"{form_id}: unknown condition class {name}")
        return Operand("cc", "cond", width=COND_BITS, lo=0, hi=len(CONDITIONS) - 1, cond_class=name)
    if name == "endian":
        return Operand("endian", "endian", width=1, lo=0, hi=1)
    if name == "imm":
        if letters in ("erii", "esii"):
            spec = _STORE_IMM_SPEC[base]
        else:
            spec = _IMM_SPEC_BY_LETTERS[letters]
    elif name == "off":
        spec = _OFF_SPEC_BY_LETTERS.get(letters, "s24")
    elif name in _FIXED_SPECS:
        spec = _FIXED_SPECS[name]
    else:
        raise ValueError(f"{form_id}: unknown placeholder {placeholder}")
    width, lo, hi, signed = _range(spec)
    return Operand(name, "expr", width=width, lo=lo, hi=hi, signed=signed)


def _split_template(template: str) -> tuple[str, list[str]]:
    parts = template.split(" ", 1)
    ops = [o.strip() for o in parts[1].split(",")] if len(parts) > 1 else []
    return parts[0], ops


def _load_forms() -> tuple[Form, ...]:
    text = resources.files(__package__).joinpath("forms.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        form_id, template = line.split("\t")
        rows.append((form_id, template))
    rows.sort()
    forms = []
    for index, (form_id, template) in enumerate(rows):
        mnemonic, placeholders = _split_template(template)
        letters = form_id.rsplit("_", 1)[1]
        if len(letters) != len(placeholders):
            raise ValueError(f"{form_id}: letters do not match the template")
        shift = OPCODE_BITS
        operands = []
        for placeholder, letter in zip(placeholders, letters):
            op = _operand_for(placeholder, letter, form_id, mnemonic)
            if op.width:
                op = Operand(op.role, op.kind, shift, op.width, op.lo, op.hi, op.signed, op.cond_class)
                shift += op.width
            operands.append(op)
        if shift > 64:
            raise ValueError(f"{form_id}: {shift} bits do not fit an instruction")
        forms.append(Form(form_id, index, mnemonic, letters, template, tuple(operands)))
    return tuple(forms)


FORMS: tuple[Form, ...] = _load_forms()
FORM_BY_ID: dict[str, Form] = {f.id: f for f in FORMS}
_BY_OPCODE: dict[int, Form] = {f.opcode: f for f in FORMS}


def _mnemonic_order(form: Form) -> tuple[int, int]:
    # Constant-register ('k') forms are tried before the general forms they overlap.
    return (0 if "k" in form.letters else 1, form.index)


FORMS_BY_MNEMONIC: dict[str, tuple[Form, ...]] = {}
for _f in sorted(FORMS, key=_mnemonic_order):
    FORMS_BY_MNEMONIC.setdefault(_f.mnemonic, ())
    FORMS_BY_MNEMONIC[_f.mnemonic] += (_f,)
del _f

# --------------------------------------------------------------------------------------------
# Syntactic sugar: rewrites into real forms, as data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sugar:
    """``mnemonic`` with operand shapes ``shape`` means ``expansion``.

    Shape letters: R writable register, S source register, D pair, X expression, C condition.
    The expansion is assembly text where ``$n`` stands for the n-th operand as written.
    """

    mnemonic: str
    shape: str
    expansion: str
    meaning: str = ""


def _jcc() -> list[Sugar]:
    out = []
    for cond in ("eq", "neq", "ltu", "gtu", "leu", "geu", "lts", "gts", "les", "ges"):
        for second in ("S", "X"):
            out.append(Sugar(f"j{cond}", f"S{second}X", f"sub zero, $0, $1, {cond}, $2",
                             f"jump to pc if ra {cond} rb|imm"))
    return out


SUGAR: tuple[Sugar, ...] = (
    Sugar("move", "RS", "or $0, $1, 0", "rc <- ra"),
    Sugar("move", "RX", "or $0, zero, $1", "rc <- imm"),
    Sugar("move", "RSCX", "or $0, $1, 0, $2, $3", "rc <- ra, then jump if cc"),
    Sugar("move", "RXCX", "or $0, zero, $1, $2, $3", "rc <- imm, then jump if cc"),
    Sugar("move.s", "DS", "or.s $0, $1, 0", "dc <- sign-extended ra"),
    Sugar("move.s", "DX", "or.s $0, zero, $1", "dc <- sign-extended imm"),
    Sugar("move.u", "DS", "or.u $0, $1, 0", "dc <- zero-extended ra"),
    Sugar("move.u", "DX", "or.u $0, zero, $1", "dc <- zero-extended imm"),
    Sugar("neg", "RS", "sub $0, 0, $1", "rc <- -ra"),
    Sugar("not", "RS", "xor $0, $1, -1", "rc <- ~ra"),
    *_jcc(),
    Sugar("jz", "SX", "sub zero, $0, 0, z, $1", "jump to pc if ra == 0"),
    Sugar("jnz", "SX", "sub zero, $0, 0, nz, $1", "jump to pc if ra != 0"),
    Sugar("jump", "S", "call zero, $0, 0", "jump to the address in ra"),
    Sugar("jump", "SX", "call zero, $0, $1", "jump to ra + off"),
    Sugar("jump", "X", "call zero, zero, $0", "jump to pc"),
    Sugar("call", "RS", "call $0, $1, 0", "call the address in ra"),
    Sugar("call", "RX", "call $0, zero, $1", "call pc"),
    Sugar("bkp", "", "fault 0", "breakpoint"),
    Sugar("stop", "", "stop false, 0", "stop this tasklet"),
    Sugar("boot", "SX", "boot $0, $1, false, 0", "boot tasklet ra + imm"),
    Sugar("resume", "SX", "resume $0, $1, false, 0", "resume tasklet ra + imm"),
    Sugar("div_step", "DSDX", "div_step $0, $1, $2, $3, false, 0", "one division step"),
    Sugar("mul_step", "DSDX", "mul_step $0, $1, $2, $3, false, 0", "one multiplication step"),
    Sugar("movd", "DD", "movd $0, $1, false, 0", "dc <- db"),
    Sugar("swapd", "DD", "swapd $0, $1, false, 0", "dc <- db with halves swapped"),
    Sugar("time_cfg", "S", "time_cfg zero, $0", "configure the cycle counter"),
)
SUGAR_BY_MNEMONIC: dict[str, tuple[Sugar, ...]] = {}
for _s in SUGAR:
    SUGAR_BY_MNEMONIC[_s.mnemonic] = SUGAR_BY_MNEMONIC.get(_s.mnemonic, ()) + (_s,)
del _s

MNEMONICS: frozenset[str] = frozenset(FORMS_BY_MNEMONIC) | frozenset(SUGAR_BY_MNEMONIC)


def suggest_mnemonics(word: str, n: int = 3) -> list[str]:
    """The nearest correct spellings of an unknown mnemonic."""
    return difflib.get_close_matches(word.lower(), sorted(MNEMONICS), n=n, cutoff=0.6)


# --------------------------------------------------------------------------------------------
# Encoding and decoding
# --------------------------------------------------------------------------------------------


class EncodingError(ValueError):
    """A value does not fit its operand; ``operand`` is the index of the offending operand."""

    def __init__(self, message: str, operand: int | None = None):
        super().__init__(message)
        self.operand = operand


class DecodingError(ValueError):
    """A word is not a valid instruction."""


def operand_error(form: Form, i: int, value: int) -> str | None:
    """Why ``value`` does not fit operand ``i`` of ``form``, or None when it fits."""
    op = form.operands[i]
    if op.kind == "zero":
        return None
    if op.kind == "cond":
        if value < 0 or value >= len(CONDITIONS) or CONDITIONS[value] not in op.conditions:
            name = CONDITIONS[value] if 0 <= value < len(CONDITIONS) else str(value)
            return (f"condition '{name}' is not allowed in {form.mnemonic} ({op.cond_class}); "
                    f"expected one of: {' '.join(op.conditions)}")
        return None
    if op.kind == "dreg":
        if value % 2 or not op.accepts(value):
            return f"invalid register pair code {value}"
        return None
    if op.kind in REGISTER_KINDS or op.kind == "endian":
        if not op.accepts(value):
            return f"invalid {op.role} code {value}"
        return None
    if not op.accepts(value):
        return f"value {value} out of range for the {op.role} of {form.id}: expected {op.range_text()}"
    return None


def encode(form: Form, values: Sequence[int]) -> int:
    """Encode ``values`` (one per operand; anything for `zero`) into a 64-bit word."""
    if len(values) != len(form.operands):
        raise EncodingError(f"{form.id} takes {len(form.operands)} operands, got {len(values)}")
    word = form.opcode
    for i, (op, value) in enumerate(zip(form.operands, values)):
        if not op.width:
            continue
        why = operand_error(form, i, value)
        if why:
            raise EncodingError(why, i)
        word |= (value & op.mask) << op.shift
    return word


def set_field(form: Form, word: int, i: int, value: int) -> int:
    """Replace operand ``i`` of an encoded ``word`` (used by the linker for relocations)."""
    why = operand_error(form, i, value)
    if why:
        raise EncodingError(why, i)
    op = form.operands[i]
    return (word & ~(op.mask << op.shift)) | ((value & op.mask) << op.shift)


def form_of(word: int) -> Form:
    form = _BY_OPCODE.get(word & ((1 << OPCODE_BITS) - 1))
    if form is None:
        raise DecodingError(f"invalid opcode {word & ((1 << OPCODE_BITS) - 1)}")
    return form


def decode(word: int) -> tuple[Form, tuple[int, ...]]:
    """Decode a 64-bit word into its form and operand values (0 for `zero`)."""
    form = form_of(word)
    if word >> form.bits:
        raise DecodingError(f"{form.id}: unused bits set in 0x{word:016x}")
    values = []
    for i, op in enumerate(form.operands):
        if not op.width:
            values.append(0)
            continue
        raw = (word >> op.shift) & op.mask
        if op.signed and raw >> (op.width - 1):
            raw -= 1 << op.width
        why = operand_error(form, i, raw)
        if why:
            raise DecodingError(f"{form.id}: {why}")
        values.append(raw)
    return form, tuple(values)


def format_operand(op: Operand, value: int) -> str:
    """Assembly text of a decoded operand value (expressions as plain numbers)."""
    if op.kind == "zero":
        return "zero"
    if op.kind in ("wreg", "reg", "kreg"):
        return register_name(value)
    if op.kind == "dreg":
        return f"d{value}"
    if op.kind == "sreg":
        return f"s{value}"
    if op.kind == "cond":
        return CONDITIONS[value]
    if op.kind == "endian":
        return "!big" if value else ""  # little is the default and is not written
    return str(value)


def format_instruction(form: Form, texts: Iterable[str]) -> str:
    """``mnemonic op, op, …`` from already formatted operand texts."""
    texts = [t for t in texts if t]
    return form.mnemonic + (" " + ", ".join(texts) if texts else "")


def disassemble_word(word: int) -> str:
    """Plain text of one instruction word (no symbols)."""
    form, values = decode(word)
    return format_instruction(
        form, (format_operand(op, v) for op, v in zip(form.operands, values))
    )
