"""C types of the DPU front end, laid out with the sizes of :mod:`dpucc.target`."""

from __future__ import annotations

import copy

from llvmlite import ir


class CType:
    const = False
    volatile = False
    mram = False  # qualified with address_space(255)
    complete = True

    def qualified(self, const=None, volatile=None, mram=None):
        t = copy.copy(self)
        if const is not None:
            t.const = const
        if volatile is not None:
            t.volatile = volatile
        if mram is not None:
            t.mram = mram
        return t

    def unqual(self):
        if not (self.const or self.volatile or self.mram):
            return self
        return self.qualified(False, False, False)

    is_int = is_float = is_ptr = is_array = is_struct = is_func = is_void = False

    @property
    def is_arith(self):
        return self.is_int or self.is_float

    @property
    def is_scalar(self):
        return self.is_arith or self.is_ptr

    def quals_str(self):
        return ("const " if self.const else "") + ("volatile " if self.volatile else "")


class Void(CType):
    is_void = True
    complete = False
    size = 1
    align = 1

    def __str__(self):
        return self.quals_str() + "void"

    def key(self):
        return ("void",)


# gcc's spellings, which its diagnostics print
_INT_NAMES = {(1, True): "char", (1, False): "unsigned char", (2, True): "short int",
              (2, False): "short unsigned int", (4, True): "int", (4, False): "unsigned int",
              (8, True): "long int", (8, False): "long unsigned int"}


class Int(CType):
    is_int = True

    def __init__(self, size, signed, name=None, boolean=False):
        self.size = size
        self.align = size
        self.signed = signed
        self.boolean = boolean
        self.name = name or ("_Bool" if boolean else _INT_NAMES[(size, signed)])

    def __str__(self):
        return self.quals_str() + self.name

    def key(self):
        return ("int", self.size, self.signed, self.boolean, self.name == "char")

    @property
    def bits(self):
        return self.size * 8


class Float(CType):
    is_float = True

    def __init__(self, size, name=None):
        self.size = self.align = size
        self.name = name or ("float" if size == 4 else "double")

    def __str__(self):
        return self.quals_str() + self.name

    def key(self):
        return ("float", self.size)


class Ptr(CType):
    is_ptr = True

    def __init__(self, to, size=4):
        self.to = to
        self.size = self.align = size

    @property
    def aspace(self):
        return 255 if self.to.mram else 0

    def __str__(self):
        inner = str(self.to)
        if self.to.is_func:
            return f"{self.to.ret} (*)({self.to.params_str()})"
        return inner + (" *" if not inner.endswith("*") else "*") + \
            (" const" if self.const else "")

    def key(self):
        return ("ptr", self.to.key(), self.to.const, self.to.mram)


class VariableSize(Exception):
    """The size of a variable-length array was asked for as a constant."""


class Array(CType):
    is_array = True

    def __init__(self, elem, n, vla=None):
        """``vla``: for a variable-length array, its length (an i32 value computed where the
        declarator was), or "*" where the length is not known (a parameter's in a prototype)."""
        self.elem = elem
        self.n = n
        self.vla = vla
        self.complete = n is not None or vla is not None

    @property
    def size(self):
        if is_variable(self):
            raise VariableSize(str(self))
        return self.elem.size * (self.n or 0)

    @property
    def align(self):
        return self.elem.align

    def __str__(self):
        n = "*" if self.vla is not None else "" if self.n is None else self.n
        return f"{self.elem}[{n}]"

    def key(self):
        return ("array", self.elem.key(), self.n)


class Field:
    def __init__(self, name, type, offset, bitoff=None, bits=None):
        self.name, self.type, self.offset, self.bitoff, self.bits = name, type, offset, bitoff, bits


class Struct(CType):
    is_struct = True

    def __init__(self, tag, union=False):
        self.tag = tag
        self.union = union
        self.fields: list[Field] = []
        self.size = 0
        self.align = 1
        self.complete = False
        self.packed = False
        self.ident = object()

    def __str__(self):
        kw = "union" if self.union else "struct"
        return self.quals_str() + f"{kw} {self.tag or '<anonymous>'}"

    def key(self):
        return ("struct", id(self.ident))

    def field(self, name):
        """(offset, Field) of a member, searching anonymous members too."""
        for f in self.fields:
            if f.name == name:
                return f.offset, f
            if f.name is None and f.type.is_struct:
                r = f.type.field(name)
                if r is not None:
                    return f.offset + r[0], r[1]
        return None

    def layout(self, members, packed=False, aligns=None):
        """members: [(name, type, bitwidth or None, extra alignment or None)]."""
        self.packed = packed
        bitpos = 0
        size = 0
        align = 1
        fields = []
        for name, t, width, xalign in members:
            a = 1 if packed else t.align
            if xalign:
                a = max(a, xalign)
            if self.union:
                if width is not None:
                    fields.append(Field(name, t, 0, 0, width))
                else:
                    fields.append(Field(name, t, 0))
                size = max(size, t.size)
                align = max(align, a)
                continue
            if width is not None:
                unit = t.size * 8
                if width == 0:
                    bitpos = -(-bitpos // unit) * unit
                    continue
                if packed:
                    start = bitpos
                else:
                    start = bitpos
                    if start // unit != (start + width - 1) // unit:
                        start = -(-start // unit) * unit
                # storage unit: the naturally aligned unit holding the field
                uoff = (start // unit) * (unit // 8)
                if packed and (start - uoff * 8) + width > unit:
                    uoff = start // 8
                fields.append(Field(name, t, uoff, start - uoff * 8, width))
                bitpos = start + width
                align = max(align, a)
                continue
            off = -(-bitpos // 8)
            off = -(-off // a) * a
            fields.append(Field(name, t, off))
            bitpos = (off + t.size) * 8
            align = max(align, a)
        if not self.union:
            size = -(-bitpos // 8)
        if aligns:
            align = max(align, aligns)
        self.size = -(-size // align) * align
        self.align = align
        self.fields = fields
        self.complete = True


class Func(CType):
    is_func = True
    size = 1
    align = 1

    def __init__(self, ret, params, variadic=False, proto=True):
        self.ret = ret
        self.params = params  # list of types
        self.variadic = variadic
        self.proto = proto

    def params_str(self):
        s = ", ".join(str(p) for p in self.params)
        if self.variadic:
            s += ", ..."
        return s or ("void" if self.proto else "")

    def __str__(self):
        return f"{self.ret} ({self.params_str()})"

    def key(self):
        return ("func", self.ret.key(), tuple(p.key() for p in self.params), self.variadic)


VOID = Void()
BOOL = Int(1, False, boolean=True)
CHAR = Int(1, True, "char")
SCHAR = Int(1, True, "signed char")
UCHAR = Int(1, False)
SHORT = Int(2, True)
USHORT = Int(2, False)
INT = Int(4, True)
UINT = Int(4, False)
LONG = Int(8, True)
ULONG = Int(8, False)
LLONG = Int(8, True, "long long int")
ULLONG = Int(8, False, "long long unsigned int")
FLOAT = Float(4)
DOUBLE = Float(8)
LDOUBLE = Float(8, "long double")


def lltype(t: CType) -> ir.Type:
    """The LLVM type holding a value of ``t`` in memory (aggregates as byte arrays)."""
    if t.is_int:
        return ir.IntType(t.size * 8)
    if t.is_float:
        return ir.FloatType() if t.size == 4 else ir.DoubleType()
    if t.is_ptr:
        return ir.PointerType(addrspace=t.aspace)
    if t.is_array:
        return ir.ArrayType(lltype(t.elem), t.n or 0)
    if t.is_struct:
        return ir.ArrayType(ir.IntType(8), t.size)
    if t.is_void:
        return ir.VoidType()
    raise TypeError(t)


def is_variable(t: CType) -> bool:
    """Whether ``t`` is a variable-length array or an array of them (its size is computed at
    run time)."""
    while t.is_array:
        if t.vla is not None:
            return True
        t = t.elem
    return False


def in_mram(t: CType) -> bool:
    """Whether an object of type ``t`` lives in MRAM (address space 255)."""
    while t.is_array:
        if t.mram:
            return True
        t = t.elem
    return t.mram


def compatible(a: CType, b: CType) -> bool:
    return a.unqual().key() == b.unqual().key()
