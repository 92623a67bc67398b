"""C (pycparser AST) → LLVM IR (llvmlite.ir), with type checking and gcc-worded diagnostics.

ABI decisions made here, which the DPU back end follows:

- scalars travel as LLVM scalars; ``_Bool`` is ``i8`` in memory and in calls;
- a struct/union argument is passed as a pointer to a copy the caller makes; a struct/union
  result is returned through a hidden first parameter (``ptr sret``) pointing at the caller's
  temporary; the function then returns ``void``;
- variadic functions: every variadic argument is passed on the stack (ISA.md: the stack grows
  upward).  The callee's ``@llvm.va_start(ptr %ap)`` (lowered by the back end) stores in ``ap``
  the address just above the first variadic slot in the caller's outgoing argument area.
  Variadic arguments lie at decreasing addresses, each after the default argument promotions,
  each taking a multiple of 4 bytes at an address aligned to max(4, its alignment) (a
  struct/union travels as the 4-byte pointer to the caller's copy, as for fixed arguments).
  ``va_list`` is ``char *``; ``va_arg`` is lowered here: step the pointer down past the slot,
  align it down, load.  A function calling ``@llvm.va_start`` is marked ``noinline``;
- floating point never meets LLVM's float instructions: every operation is a call to the
  libgcc-named routine (``__addsf3``, ``__muldf3``, ``__floatsisf``, ``__fixdfsi``,
  ``__extendsfdf2``, ``__ltdf2``…), since the DPU has no FPU;
- ``__mram_ptr`` pointers are ``ptr addrspace(255)``; ``__mram`` globals live in that address
  space (sections ``.mram`` / ``.mram.noinit``); ``__host`` globals are in ``.dpu_host``.
"""

from __future__ import annotations

import math
from fractions import Fraction

from llvmlite import ir
from pycparser import c_ast

from dpucore.diag import Diagnostic, DiagnosticError

from . import ctypes as T
from .ctypes import lltype
from .fpfold import fold, numpy


def _binary32(text: str) -> float:
    """The float nearest (ties to even) the decimal or hexadecimal literal ``text``, rounded
    once from its exact value: through a double first, 0.001f would keep the double's extra
    bits, and a tie could round twice."""
    if text.lower().startswith("0x"):
        mant, _, exp = text[2:].lower().partition("p")
        whole, _, frac = mant.partition(".")
        q = Fraction(int(whole + frac or "0", 16), 16 ** len(frac)) * Fraction(2) ** int(exp or 0)
    else:
        q = Fraction(text)
    if q == 0:
        return 0.0
    e = q.numerator.bit_length() - q.denominator.bit_length() - 1  # 2^e < q < 2^(e+2)
    if Fraction(2) ** (e + 1) <= q:
        e += 1
    e = max(e, -126)
    scale = Fraction(2) ** (23 - e)
    m = q * scale
    n = math.floor(m)
    if m - n > Fraction(1, 2) or (m - n == Fraction(1, 2) and n % 2):
        n += 1
    v = Fraction(n) / scale
    return math.inf if v >= Fraction(2) ** 128 else float(v)

I1 = ir.IntType(1)
I8 = ir.IntType(8)
I32 = ir.IntType(32)
I64 = ir.IntType(64)
PTR = ir.PointerType()


def opq(v):
    """Give an llvmlite value an opaque pointer type (llvmlite still tracks pointees)."""
    t = v.type
    if isinstance(t, ir.PointerType) and not t.is_opaque:
        v.type = ir.PointerType(addrspace=t.addrspace)
    return v


def _fix_coords(node, coord):
    for c in node:
        _fix_coords(c, coord)
    try:
        node.coord = coord
    except AttributeError:
        pass


class _Sym:
    def __init__(self, kind, type, value=None, storage=None, node=None):
        self.kind = kind  # var | func | enum | typedef
        self.type = type
        self.value = value
        self.storage = storage
        self.node = node
        self.defined = False
        self.used = False  # referenced by name (-Wunused-variable)
        self.local = False  # a block-scope automatic variable


class V:
    """An rvalue (``addr`` set for struct values: the memory holding them)."""

    def __init__(self, value, type, addr=None):
        self.value, self.type, self.addr = value, type, addr


class LV:
    """An lvalue.  ``align``: what its address is known to be aligned to when that is less
    than its type's (a member of a packed struct), so loads and stores are not assumed to
    be naturally aligned."""

    def __init__(self, addr, type, field=None, align=None):
        self.addr, self.type, self.field, self.align = addr, type, field, align

    def access_align(self):
        return self.type.align if self.align is None else min(self.type.align, self.align)


class _Stop(Exception):
    pass


ASSIGN_OPS = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "%=": "%", "<<=": "<<",
              ">>=": ">>", "&=": "&", "|=": "|", "^=": "^"}
_ESC = {"n": 10, "t": 9, "r": 13, "0": 0, "a": 7, "b": 8, "f": 12, "v": 11, "\\": 92,
        "'": 39, '"': 34, "?": 63, "e": 27}


def unescape(body: str) -> bytes:
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        i += 1
        c = body[i]
        if c == "x":
            j = i + 1
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(body[i + 1:j], 16) & 0xFF)
            i = j
        elif c in "01234567":
            j = i
            while j < len(body) and j < i + 3 and body[j] in "01234567":
                j += 1
            out.append(int(body[i:j], 8) & 0xFF)
            i = j
        else:
            out.append(_ESC.get(c, ord(c)))
            i += 1
    return bytes(out)


class Base:
    def __init__(self, linemap, filename, attrs, *, ptr_size=4, wall=False):
        self.lm = linemap
        self.filename = filename
        self.attrs = attrs  # id(node) -> list of (name, args)
        self.ptr_size = ptr_size
        self.intptr = T.Int(ptr_size, True, "int" if ptr_size == 4 else "long int")
        self.uintptr = T.Int(ptr_size, False)
        self.size_t = T.UINT
        self.wall = wall
        self.module = ir.Module(name=filename)
        self.warnings: list[Diagnostic] = []  # and errors got past (StmtMixin.recover)
        self.scopes = [{}]
        self.tags = [{}]
        self.used = []
        self.fn = None
        self.builder = None
        self.strings = {}
        self.compound_globals = {}  # id(file-scope CompoundLiteral node) -> (global, type)
        self.counter = 0
        self.runtime = {}
        self.anon_structs = {}
        self._anon_keep = []
        self.dbg = None  # a debuginfo.DebugInfo with -g
        self.told_undeclared_once = False

    # ------------------------------------------------------------------ diagnostics
    def _diag(self, sev, node, msg):
        coord = getattr(node, "coord", None) if node is not None else None
        if coord is None:
            return Diagnostic(sev, msg, self.filename)
        src = self.lm.source_line(coord.file, coord.line)
        return Diagnostic(sev, msg, coord.file, coord.line, coord.column, src)

    def err(self, node, msg, note=None):
        """Stop with an error at ``node``; ``note`` is (node, message) of a related place."""
        notes = [self._diag("note", *note)] if note is not None else []
        raise DiagnosticError([*self.warnings, self._diag("error", node, msg), *notes])

    def warn(self, node, msg):
        self.warnings.append(self._diag("warning", node, msg))

    # ------------------------------------------------------------------ scopes
    def lookup(self, name):
        for s in reversed(self.scopes):
            if name in s:
                s[name].used = True
                return s[name]
        return None

    def lookup_tag(self, name):
        for s in reversed(self.tags):
            if name in s:
                return s[name]
        return None

    def push(self):
        self.scopes.append({})
        self.tags.append({})

    def pop(self):
        if self.fn is not None:  # variable-length arrays of the scope: their stack back
            saved = self.fn.vla_saves.pop(len(self.scopes), None)
            if saved is not None and not self.builder.block.is_terminated:
                self.stack_restore(saved)
        if self.wall:
            for name, sym in self.scopes[-1].items():
                if sym is not None and sym.local and not sym.used and not name.startswith("__"):
                    self.warn(sym.node, f"unused variable '{name}' [-Wunused-variable]")
        self.scopes.pop()
        self.tags.pop()

    def attr(self, node, name):
        for n, args in self.attrs.get(id(node), ()):
            if n == name:
                return args
        return None

    # ------------------------------------------------------------------ types
    def ptr(self, to):
        return T.Ptr(to, self.ptr_size)

    def ctype(self, node, quals=()):
        if isinstance(node, c_ast.Typename):
            return self.ctype(node.type)
        if isinstance(node, c_ast.Decl):
            return self.ctype(node.type)
        if isinstance(node, c_ast.TypeDecl):
            t = self.base_type(node.type)
            return self.qual(t, node.quals)
        if isinstance(node, c_ast.PtrDecl):
            return self.qual(self.ptr(self.ctype(node.type)), node.quals)
        if isinstance(node, c_ast.ArrayDecl):
            elem = self.ctype(node.type)
            if elem.is_func:
                self.err(node, "declaration of array of functions")
            n = vla = None
            if isinstance(node.dim, c_ast.ID) and node.dim.name == "*":
                vla = "*"  # [*]: a variable length, in a prototype
            elif node.dim is not None:
                try:
                    c = self.const_eval(node.dim)
                except DiagnosticError:
                    if not self.in_params:
                        raise
                    c = None  # a length from other parameters: computed in the function
                if isinstance(c, int):
                    n = c
                    if n < 0:
                        self.err(node.dim, "size of array is negative")
                elif c is not None:
                    self.err(node.dim, "size of array has non-integer type")
                else:
                    vla = self.vla_length(node.dim)
            t = T.Array(elem, n, vla)
            return self.qual(t, node.dim_quals or ())
        if isinstance(node, c_ast.FuncDecl):
            ret = self.ctype(node.type)
            params, variadic, proto = [], False, node.args is not None
            if node.args is not None:
                self.in_params += 1
                try:
                    self.param_types(node.args.params, params)
                finally:
                    self.in_params -= 1
                variadic = any(isinstance(p, c_ast.EllipsisParam) for p in node.args.params)
            if ret.is_array:
                self.err(node, "function cannot return array type")
            if ret.is_func:
                self.err(node, "function cannot return function type")
            return T.Func(ret, params, variadic, proto)
        if isinstance(node, (c_ast.Struct, c_ast.Union, c_ast.Enum, c_ast.IdentifierType)):
            return self.base_type(node)
        self.err(node, f"unsupported type construct {type(node).__name__}")

    in_params = 0  # inside a parameter list: variable lengths are "*" there

    def vla_length(self, dim):
        """The length of a variable-length array, computed here (in a function), as an i32."""
        if self.in_params:
            return "*"
        if self.fn is None:
            self.err(dim, "variably modified array at file scope")
        v = self.rv(dim)
        if not v.type.is_int:
            self.err(dim, "size of array has non-integer type")
        return self.convert(v, T.UINT).value

    def size_value(self, t, node=None):
        """sizeof(t) as an i32 value: a constant, or computed for a variable-length array."""
        if not T.is_variable(t):
            return ir.Constant(ir.IntType(32), t.size)
        if t.vla == "*":
            self.err(node, "variable length array with unspecified size used")
        n = t.vla if t.vla is not None else ir.Constant(ir.IntType(32), t.n)
        return self.builder.mul(n, self.size_value(t.elem, node))

    def param_types(self, params, out):
        """The types of a parameter list (arrays and functions adjusted to pointers)."""
        for p in params:
            if isinstance(p, c_ast.EllipsisParam):
                continue
            if isinstance(p, c_ast.ID):
                out.append(T.INT)
                continue
            pt = self.param_type(self.ctype(p.type))
            if not pt.is_void:
                out.append(pt)

    def param_type(self, t):
        if t.is_array:
            return self.ptr(t.elem)
        if t.is_func:
            return self.ptr(t)
        return t

    def qual(self, t, quals):
        if not quals:
            return t
        return t.qualified(const=True if "const" in quals else None,
                           volatile=True if "volatile" in quals else None,
                           mram=True if "_Atomic" in quals else None)

    def base_type(self, node):
        if isinstance(node, c_ast.IdentifierType):
            names = node.names
            if len(names) == 1 and names[0].startswith("__dpucc_typeof_"):
                return self.typeof(node, int(names[0][len("__dpucc_typeof_"):]))
            if len(names) == 1 and self.lookup(names[0]) is not None \
                    and self.lookup(names[0]).kind == "typedef":
                return self.lookup(names[0]).type
            return self.named_type(node, names)
        if isinstance(node, (c_ast.Struct, c_ast.Union)):
            return self.struct_type(node)
        if isinstance(node, c_ast.Enum):
            return self.enum_type(node)
        if isinstance(node, c_ast.TypeOf):
            if isinstance(node.expr, c_ast.Typename):
                t = self.ctype(node.expr)
            else:
                t = self.static_type(node.expr)
            return t.unqual() if node.op == "typeof_unqual" else t
        self.err(node, "unsupported type")

    def typeof(self, node, k):
        text, unqual = self.typeofs[k]
        p = self.make_parser()
        p.oracle = lambda n: (self.lookup(n) is not None and self.lookup(n).kind == "typedef")
        try:
            e = p.parse(f"void __typeof_probe(void) {{ sizeof({text}); }}", "typeof")
            arg = e.ext[0].body.block_items[0].expr
        except Exception:  # noqa: BLE001 - any parse failure is a diagnostic
            self.err(node, "invalid operand of typeof")
        _fix_coords(arg, node.coord)
        t = self.ctype(arg) if isinstance(arg, c_ast.Typename) else self.static_type(arg)
        return t.unqual() if unqual else t

    def named_type(self, node, names):
        ws = sorted(names)
        signed = "unsigned" not in ws
        rest = [w for w in ws if w not in ("signed", "unsigned")]
        key = " ".join(rest)
        if key in ("", "int"):
            return T.INT if signed else T.UINT
        if key == "char":
            if "signed" in ws:
                return T.SCHAR
            return T.CHAR if signed else T.UCHAR
        if key in ("short", "int short"):
            return T.SHORT if signed else T.USHORT
        if key in ("long", "int long"):
            return T.LONG if signed else T.ULONG
        if key in ("long long", "int long long"):
            return T.LLONG if signed else T.ULLONG
        if key == "void":
            return T.VOID
        if key == "_Bool":
            return T.BOOL
        if key == "float":
            return T.FLOAT
        if key == "double":
            return T.DOUBLE
        if key == "double long":
            return T.LDOUBLE
        if len(names) == 1:
            self.err(node, f"unknown type name '{names[0]}'")
        self.err(node, f"invalid combination of type specifiers '{' '.join(names)}'")

    def struct_type(self, node):
        union = isinstance(node, c_ast.Union)
        kw = "union" if union else "struct"
        st = None
        if node.name:
            if node.decls is None:
                st = self.lookup_tag(node.name)
                if st is None:
                    st = T.Struct(node.name, union)
                    self.tags[-1][node.name] = st
                elif st.union != union:
                    self.err(node, f"'{node.name}' defined as wrong kind of tag")
                return st
            st = self.tags[-1].get(node.name)
            if st is not None and st.complete:
                self.err(node, f"redefinition of '{kw} {node.name}'")
            if st is None:
                st = T.Struct(node.name, union)
                self.tags[-1][node.name] = st
        else:
            key = (id(node), getattr(node.coord, "line", 0), getattr(node.coord, "column", 0))
            st = self.anon_structs.get(key)
            if st is not None and st.complete:
                return st
            st = T.Struct(None, union)
            self.anon_structs[key] = (st)
            self._anon_keep.append(node)
        if node.decls is None:
            return st
        members = []
        names = set()
        for d in node.decls:
            if not isinstance(d, c_ast.Decl):
                continue
            mt = self.ctype(d.type)
            if mt.is_func:
                self.err(d, f"field '{d.name}' declared as a function")
            if not mt.complete and not (mt.is_array and d is node.decls[-1]):
                self.err(d, f"field '{d.name}' has incomplete type")
            width = None
            if d.bitsize is not None:
                width = self.const_int(d.bitsize)
                if not mt.is_int:
                    self.err(d, f"bit-field '{d.name}' has invalid type")
                if width > mt.size * 8:
                    self.err(d.bitsize, f"width of '{d.name}' exceeds its type")
            if d.name in names and d.name is not None:
                self.err(d, f"duplicate member '{d.name}'")
            names.add(d.name)
            xa = None
            al = self.attr(d, "aligned")
            if al is not None:
                xa = self.const_text(al[0]) if al else 8
            if d.align:
                xa = self.alignas(d)
            members.append((d.name, mt, width, xa))
        packed = self.attr(node, "packed") is not None
        sa = self.attr(node, "aligned")
        st.layout(members, packed, (self.const_text(sa[0]) if sa else 8) if sa is not None
                  else None)
        return st

    def const_text(self, text):
        from pycparser import c_parser
        try:
            e = c_parser.CParser().parse(f"int __x[{text}];").ext[0].type.dim
        except Exception:  # noqa: BLE001 - any parse failure is a diagnostic
            return 8
        return self.const_int(e)

    def enum_type(self, node):
        if node.values is not None:
            val = 0
            for e in node.values.enumerators:
                if e.value is not None:
                    val = self.const_int(e.value)
                if e.name in self.scopes[-1]:
                    self.err(e, f"redeclaration of enumerator '{e.name}'")
                self.scopes[-1][e.name] = _Sym("enum", T.INT, val)
                val += 1
            if node.name:
                self.tags[-1][node.name] = T.UINT
        return T.INT

    def alignas(self, decl):
        """The strictest ``_Alignas`` of a declaration: each one a constant or a type."""
        return max(self.ctype(a.alignment).align if isinstance(a.alignment, c_ast.Typename)
                   else self.const_int(a.alignment) for a in decl.align)

    # ------------------------------------------------------------------ constants
    def const_int(self, node):
        v = self.const_eval(node)
        if not isinstance(v, int):
            self.err(node, "expression is not an integer constant expression")
        return v

    def const_eval(self, node):
        """Value of a constant expression (int or float), or None if it is not one."""
        if isinstance(node, c_ast.GenericSelection):
            return self.const_eval(self.generic_choice(node))
        if isinstance(node, c_ast.Constant):
            if node.type == "string":
                return None
            v = self.constant(node)
            return v[0]
        if isinstance(node, c_ast.ID):
            s = self.lookup(node.name)
            if s is not None and s.kind == "enum":
                return s.value
            if s is None:
                self.err(node, f"'{node.name}' undeclared here (not in a function)")
            return None
        if isinstance(node, c_ast.UnaryOp):
            if node.op == "sizeof":
                return self.sizeof(node.expr)
            if node.op == "_Alignof":
                return self.ctype(node.expr).align if isinstance(node.expr, c_ast.Typename) \
                    else self.static_type(node.expr).align
            a = self.const_eval(node.expr)
            if a is None:
                return None
            t = self.static_type(node)
            r = {"-": lambda: -a, "+": lambda: a, "~": lambda: ~a,
                 "!": lambda: int(not a)}.get(node.op)
            if r is None:
                return None
            return self.wrap(r(), t)
        if isinstance(node, c_ast.BinaryOp):
            if node.op in ("&&", "||"):
                a = self.const_eval(node.left)
                if a is None:
                    return None
                if node.op == "&&" and not a:
                    return 0
                if node.op == "||" and a:
                    return 1
                b = self.const_eval(node.right)
                return None if b is None else int(bool(b))
            a = self.const_eval(node.left)
            b = self.const_eval(node.right)
            if a is None or b is None:
                return None
            lt, rt = self.static_type(node.left), self.static_type(node.right)
            if lt.is_ptr or rt.is_ptr:
                return None
            ct = self.common(lt, rt) if node.op not in ("<<", ">>") else self.promote(lt)
            if ct.is_int:
                a, b = self.wrap(a, ct), self.wrap(b, ct)
            op = node.op
            if ct.is_float:
                return self.const_float_op(op, self.fconv(a, ct), self.fconv(b, ct), ct)
            if op in ("/", "%") and b == 0:
                self.err(node, "division by zero in constant expression")
            if op == "/":
                r = a / b if ct.is_float else abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
            elif op == "%":
                r = a - b * (abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1))
            elif op in ("<", ">", "<=", ">=", "==", "!="):
                return int(eval(f"a {op} b"))
            elif op == "<<":
                r = a << b
            elif op == ">>":
                r = a >> b
            else:
                r = {"+": a + b, "-": a - b, "*": a * b, "&": a & b if ct.is_int else 0,
                     "|": a | b if ct.is_int else 0, "^": a ^ b if ct.is_int else 0}[op]
            return self.wrap(r, ct) if ct.is_int else r
        if isinstance(node, c_ast.TernaryOp):
            c = self.const_eval(node.cond)
            if c is None:
                return None
            v = self.const_eval(node.iftrue if c else node.iffalse)
            t = self.static_type(node)
            return self.fconv(v, t) if v is not None and t.is_float else v
        if isinstance(node, c_ast.Cast):
            v = self.const_eval(node.expr)
            t = self.ctype(node.to_type)
            if v is None:
                return None
            if t.is_int:
                if t.boolean:
                    return int(v != 0)
                if isinstance(v, float) and not math.isfinite(v):
                    return None  # undefined: left to run time
                return self.wrap(int(v), t)
            if t.is_float:
                return self.fconv(v, t)
            return None
        if self.is_offsetof(node):
            return self.offsetof(node)
        return None

    @staticmethod
    def fconv(v, t):
        """Constant ``v`` (int or float) converted to floating type ``t``, rounded once."""
        if t.size == 4:
            if isinstance(v, int):
                return _binary32(str(v))
            return float(numpy().float32(v))
        return float(v)

    @staticmethod
    def const_float_op(op, a, b, t):
        """``a op b`` in floating type ``t``, as IEEE-754 does it (inf and NaN included)."""
        if op in ("<", ">", "<=", ">=", "==", "!="):
            return int({"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b, "==": a == b,
                        "!=": a != b}[op])
        np = numpy()
        ft = np.float32 if t.size == 4 else np.float64
        f = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}.get(op)
        if f is None:
            return None
        with np.errstate(all="ignore"):
            return float(f(ft(a), ft(b)))

    @staticmethod
    def is_offsetof(node):
        return isinstance(node, c_ast.FuncCall) and isinstance(node.name, c_ast.ID) and \
            node.name.name == "offsetof" and node.args is not None and \
            len(node.args.exprs) == 2 and isinstance(node.args.exprs[0], c_ast.Typename)

    def wrap(self, v, t):
        if not t.is_int:
            return v
        if t.boolean:
            return int(bool(v))
        bits = t.size * 8
        v &= (1 << bits) - 1
        if t.signed and v >> (bits - 1):
            v -= 1 << bits
        return v

    def offsetof(self, node):
        t = self.ctype(node.args.exprs[0])
        off = 0
        m = node.args.exprs[1]
        chain = []
        while not isinstance(m, c_ast.ID):
            chain.append(m)
            m = m.name
        chain.append(m)
        chain.reverse()
        for part in chain:
            if isinstance(part, c_ast.ID):
                name = part.name
            elif isinstance(part, c_ast.StructRef):
                name = part.field.name
            else:  # ArrayRef
                idx = self.const_int(part.subscript)
                if not t.is_array:
                    self.err(node, "subscripted value is not an array")
                t = t.elem
                off += idx * t.size
                continue
            if not t.is_struct:
                self.err(node, f"request for member '{name}' in something not a structure")
            r = t.field(name)
            if r is None:
                self.err(node, f"'{t}' has no member named '{name}'")
            off += r[0]
            t = r[1].type
        return off

    def sizeof(self, expr):
        """sizeof as a constant, or None for a variable-length array (not a constant)."""
        t = self.sizeof_type(expr)
        return None if T.is_variable(t) else 1 if t.is_func or t.is_void else t.size

    def sizeof_type(self, expr):
        t = self.ctype(expr) if isinstance(expr, c_ast.Typename) else self.static_type(expr)
        if not t.complete and not t.is_void and not t.is_func:
            self.err(expr, f"invalid application of 'sizeof' to incomplete type '{t}'")
        return t

    def constant(self, node):
        """(python value, type) of a literal."""
        text = node.value
        if node.type == "char" or text.startswith("'"):  # pycparser types 'ab' as int
            body = text[text.index("'") + 1:-1]
            b = unescape(body)
            v = 0
            for ch in b:
                v = (v << 8) | ch
            if len(b) == 1:
                v = b[0] - 256 if b[0] > 127 else b[0]
            return v, T.INT
        if node.type in ("float", "double", "long double") or (
                ("." in text or "e" in text.lower() or "p" in text.lower())
                and not text.lower().startswith("0x")) or (
                text.lower().startswith("0x") and "p" in text.lower()):
            t = text.rstrip("fFlL").replace("'", "")
            if text[-1] in "fF":
                return _binary32(t), T.FLOAT
            v = float.fromhex(t) if t.lower().startswith("0x") else float(t)
            return v, T.DOUBLE
        low = text.lower().replace("'", "")  # C23 digit separators
        suffix = ""
        while low and low[-1] in "ul":
            suffix = low[-1] + suffix
            low = low[:-1]
        if low.startswith("0x"):
            v, dec = int(low, 16), False
        elif low.startswith("0b"):
            v, dec = int(low, 0), False
        elif low.startswith("0") and len(low) > 1:
            v, dec = int(low, 8), False
        else:
            v, dec = int(low), True
        uns = "u" in suffix
        nl = suffix.count("l")
        cands = []
        if nl == 0:
            cands += [T.INT, T.UINT] if not uns else [T.UINT]
        if nl <= 1:
            cands += [T.LONG, T.ULONG] if not uns else [T.ULONG]
        cands += [T.LLONG, T.ULLONG] if not uns else [T.ULLONG]
        for t in cands:
            if dec and not uns and not t.signed:
                continue
            if v < (1 << (t.size * 8 - (1 if t.signed else 0))):
                return v, t
        return v & ((1 << 64) - 1), T.ULLONG

    # ------------------------------------------------------------------ static types
    def static_type(self, node):
        """Type of an expression without emitting code (for sizeof / constant folding)."""
        saved = self.builder
        fn = ir.Function(ir.Module(), ir.FunctionType(ir.VoidType(), []), "__sizeof_probe")
        self.builder = ir.IRBuilder(fn.append_basic_block())
        saved_fn, saved_warn = self.fn, list(self.warnings)
        probe_fn = self.fn
        try:
            if probe_fn is None:
                self.fn = _FnState(fn, T.Func(T.VOID, []), "probe")
            else:
                self.fn = probe_fn.clone_for_probe(fn)
            self.probe = True
            r = self.expr(node, decay=False)
            return r.type
        finally:
            self.probe = False
            self.builder = saved
            self.fn = saved_fn
            self.warnings = saved_warn

    probe = False

    # ------------------------------------------------------------------ conversions
    def promote(self, t):
        if t.is_int and t.size < 4:
            return T.INT
        if t.is_int:
            return t.unqual()
        return t.unqual()

    def common(self, a, b):
        if a.is_float or b.is_float:
            if a.is_float and b.is_float:
                return a.unqual() if a.size >= b.size else b.unqual()
            return (a if a.is_float else b).unqual()
        a, b = self.promote(a), self.promote(b)
        if a.signed == b.signed:
            return a if _rank(a) >= _rank(b) else b
        s, u = (a, b) if a.signed else (b, a)
        if _rank(u) >= _rank(s):
            return u
        if s.size > u.size:
            return s
        # same size, the signed type ranks higher (long long vs unsigned long): C takes the
        # unsigned type of the signed one's rank
        return T.ULLONG if s.name == T.LLONG.name else T.Int(s.size, False)

    def rt(self, name, ret, args):
        folded = fold(name, ret, args)
        if folded is not None:
            return folded
        fn = self.module.globals.get(name)
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(ret, [a.type for a in args]), name)
        return self.builder.call(fn, args)

    def intrinsic(self, name, ret, argtys):
        fn = self.module.globals.get(name)
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(ret, argtys), name)
        return fn

    def convert(self, v: V, to, node=None) -> V:
        b = self.builder
        fr = v.type
        if to.is_void:
            return V(None, T.VOID)
        if fr.unqual().key() == to.unqual().key() and not to.is_struct:
            return V(v.value, to)
        if to.is_struct:
            return V(v.value, to, v.addr)
        val = v.value
        if to.is_int and to.boolean:
            c = self.truth(v, node)
            return V(b.zext(c, I8), to)
        if to.is_int and fr.is_int:
            if to.size > fr.size:
                val = b.sext(val, lltype(to)) if fr.signed and not fr.boolean else \
                    b.zext(val, lltype(to))
            elif to.size < fr.size:
                val = b.trunc(val, lltype(to))
            return V(val, to)
        if to.is_ptr and fr.is_ptr:
            if to.aspace != fr.aspace:
                val = b.addrspacecast(val, lltype(to))
            return V(val, to)
        if to.is_ptr and fr.is_int:
            iv = self.convert(v, self.uintptr if not fr.signed else self.intptr).value
            return V(b.inttoptr(iv, lltype(to)), to)
        if to.is_int and fr.is_ptr:
            iv = b.ptrtoint(val, ir.IntType(self.ptr_size * 8))
            return self.convert(V(iv, self.uintptr), to)
        if to.is_float and fr.is_float:
            if to.size == fr.size:
                return V(val, to)
            if to.size > fr.size:
                return V(self.rt("__extendsfdf2", ir.DoubleType(), [val]), to)
            return V(self.rt("__truncdfsf2", ir.FloatType(), [val]), to)
        if to.is_float and fr.is_int:
            m = "sf" if to.size == 4 else "df"
            if fr.size < 4 or fr.boolean:
                v = self.convert(v, T.INT)
                fr = T.INT
            name = f"__float{'un' if not fr.signed else ''}{'si' if fr.size == 4 else 'di'}{m}"
            return V(self.rt(name, lltype(to), [v.value]), to)
        if to.is_int and fr.is_float:
            m = "sf" if fr.size == 4 else "df"
            big = to.size == 8
            it = (T.ULONG if big else T.UINT) if not to.signed else (T.LONG if big else T.INT)
            name = f"__fix{'uns' if not to.signed else ''}{m}{'di' if big else 'si'}"
            r = V(self.rt(name, lltype(it), [val]), it)
            return self.convert(r, to)
        self.err(node, f"cannot convert from '{fr}' to '{to}'")

    def truth(self, v: V, node=None):
        """i1 value of a scalar."""
        b = self.builder
        t = v.type
        if t.is_int:
            return b.icmp_unsigned("!=", v.value, ir.Constant(v.value.type, 0))
        if t.is_ptr:
            return b.icmp_unsigned("!=", v.value, ir.Constant(v.value.type, None))
        if t.is_float:
            m = "sf" if t.size == 4 else "df"
            r = self.rt(f"__ne{m}2", I32, [v.value, ir.Constant(v.value.type, 0.0)])
            return b.icmp_signed("!=", r, ir.Constant(I32, 0))
        self.err(node, f"used {'struct' if t.is_struct else 'void'} type value where scalar "
                       "is required")

    def assign_convert(self, v: V, to, node, what="assignment"):
        """Implicit conversion with gcc's checks (incompatible types, int↔pointer)."""
        fr = v.type
        if to.is_struct or fr.is_struct:
            if not (to.is_struct and fr.is_struct and T.compatible(to, fr)):
                self.err(node, f"incompatible types when {self._when(what)} type '{to}' "
                               f"from type '{fr}'")
            return v
        if fr.is_void:
            self.err(node, "void value not ignored as it ought to be")
        if to.is_ptr and fr.is_int:
            if not (isinstance(node, c_ast.Constant) and self.const_eval(node) == 0) and \
                    not (self.const_eval(node) == 0 if not self.probe else False):
                self.warn(node, f"{self._makes(what)} pointer from integer without a cast "
                                "[-Wint-conversion]")
        elif to.is_int and fr.is_ptr and not to.boolean:
            self.warn(node, f"{self._makes(what)} integer from pointer without a cast "
                            "[-Wint-conversion]")
        elif to.is_ptr and fr.is_ptr:
            a, b2 = to.to, fr.to
            if not (a.is_void or b2.is_void or T.compatible(a, b2)):
                self.warn(node, f"incompatible pointer types {self._when(what)} '{to}' "
                                f"from '{fr}' [-Wincompatible-pointer-types]")
            elif b2.const and not a.const and not a.is_void:
                self.warn(node, f"{what} discards 'const' qualifier from pointer target type "
                                "[-Wdiscarded-qualifiers]")
        elif (to.is_ptr and not fr.is_scalar) or (to.is_arith and not fr.is_scalar) or to.is_float and fr.is_ptr or to.is_ptr and fr.is_float:
            self.err(node, f"incompatible types when {self._when(what)} type '{to}' "
                           f"from type '{fr}'")
        return self.convert(v, to, node)

    @staticmethod
    def _when(what):
        return {"assignment": "assigning to", "initialization": "initializing",
                "return": "returning", "passing argument": "passing argument of"}.get(
                    what, "assigning to")

    @staticmethod
    def _makes(what):
        return {"assignment": "assignment to", "initialization": "initialization of",
                "return": "returning"}.get(what, "passing argument makes").replace(
                    "assignment to", "assignment makes").replace(
                    "initialization of", "initialization makes").replace(
                    "returning", "return makes")


def _rank(t):
    """Integer conversion rank: by size, and ``long long`` above ``long`` (both 64-bit)."""
    return (t.size, t.name.startswith("long long"))


class _FnState:
    def __init__(self, fn, ftype, name):
        self.fn = fn
        self.ftype = ftype
        self.name = name
        self.labels = {}
        self.breaks = []
        self.conts = []
        self.switches = []
        self.sret = None
        self.entry = None
        self.va_ptr = None
        self.static_count = 0
        self.undeclared = set()  # names reported undeclared (or whose declaration failed)
        # scope depth -> the stack pointer saved before the scope's first variable-length
        # array, restored when the scope ends (and by break/continue leaving it)
        self.vla_saves: dict[int, ir.Value] = {}
        self.break_depths: list[int] = []  # scope depth of each enclosing loop or switch
        self.cont_depths: list[int] = []  # scope depth of each enclosing loop

    def clone_for_probe(self, fn):
        c = _FnState(fn, self.ftype, self.name)
        c.entry = None
        c.undeclared = self.undeclared
        return c
