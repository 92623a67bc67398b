"""Expressions: C semantics (promotions, usual arithmetic conversions) onto LLVM IR."""

from __future__ import annotations

import re

from dpucore import isa
from dpucore.diag import DiagnosticError

from llvmlite import ir
from pycparser import c_ast

from . import ctypes as T
from .codegen import ASSIGN_OPS, I1, I8, I32, I64, LV, PTR, V, opq, unescape
from .ctypes import lltype

_LIBRARY_BUILTINS = {"__builtin_memcpy", "__builtin_memmove", "__builtin_memset",
                     "__builtin_memcmp", "__builtin_strlen", "__builtin_strcmp"}
_BUILTIN_INTRINSICS = {
    "__builtin_clz": ("ctlz", 32), "__builtin_clzl": ("ctlz", 64), "__builtin_clzll": ("ctlz", 64),
    "__builtin_ctz": ("cttz", 32), "__builtin_ctzl": ("cttz", 64), "__builtin_ctzll": ("cttz", 64),
    "__builtin_popcount": ("ctpop", 32), "__builtin_popcountl": ("ctpop", 64),
    "__builtin_popcountll": ("ctpop", 64), "__builtin_bswap16": ("bswap", 16),
    "__builtin_bswap32": ("bswap", 32), "__builtin_bswap64": ("bswap", 64),
    "__builtin_parity": ("parity", 32), "__builtin_parityl": ("parity", 64),
    "__builtin_parityll": ("parity", 64), "__builtin_ffs": ("ffs", 32),
    "__builtin_ffsl": ("ffs", 64), "__builtin_ffsll": ("ffs", 64),
    "__builtin_clrsb": ("clrsb", 32), "__builtin_clrsbl": ("clrsb", 64),
    "__builtin_clrsbll": ("clrsb", 64),
}
def _exact_bits(v) -> bool:
    """A floating-point constant equal to exactly the values with its encoding (not ±0, NaN)."""
    return isinstance(v, ir.Constant) and isinstance(v.constant, float) and \
        v.constant == v.constant and v.constant != 0


_OVERFLOW_BUILTIN = re.compile(r"__builtin_([su]?)(add|sub|mul)(l{0,2})_overflow")
_FCMP = {"<": ("lt", "<"), "<=": ("le", "<="), ">": ("gt", ">"), ">=": ("ge", ">="),
         "==": ("eq", "=="), "!=": ("ne", "!=")}


class _VolatileLoad(ir.LoadInstr):
    """llvmlite 0.50 has no volatile loads (an attribute set on one is silently ignored), so a
    C ``volatile`` read would be optimised away: this prints ``load volatile``."""

    def descr(self, buf):
        super().descr(buf)
        buf[-1] = buf[-1].replace("load ", "load volatile ", 1)


class _VolatileStore(ir.StoreInstr):
    """The store counterpart of :class:`_VolatileLoad`."""

    def descr(self, buf):
        super().descr(buf)
        buf[-1] = buf[-1].replace("store ", "store volatile ", 1)


def _make_volatile(instr):
    instr.__class__ = _VolatileLoad if isinstance(instr, ir.LoadInstr) else _VolatileStore


class ExprMixin:
    # ------------------------------------------------------------------ helpers
    def alloca(self, t, name=""):
        b = self.builder
        if self.fn is not None and self.fn.entry is not None:
            with b.goto_block(self.fn.entry):
                b.position_at_start(self.fn.entry)
                a = b.alloca(lltype(t) if not t.is_struct else ir.ArrayType(I8, t.size),
                             name=name)
        else:
            a = b.alloca(lltype(t), name=name)
        a.align = max(t.align, 1)
        return opq(a)

    def stack_save(self):
        fn = self.intrinsic("llvm.stacksave.p0", PTR, [])
        return self.builder.call(fn, [])

    def stack_restore(self, saved):
        fn = self.intrinsic("llvm.stackrestore.p0", ir.VoidType(), [PTR])
        self.builder.call(fn, [saved])

    def vla_alloca(self, t, name, node):
        """Stack for a variable-length array, taken where it is declared; the scope's first
        such array saves the stack pointer for the scope's end to restore."""
        depth = len(self.scopes)
        if depth not in self.fn.vla_saves:
            self.fn.vla_saves[depth] = self.stack_save()
        a = self.builder.alloca(I8, size=self.size_value(t, node), name=name)
        a.align = max(t.align, 8)
        return opq(a)

    def leave_scopes(self, depth):
        """Before break/continue jumps out of the scopes deeper than ``depth``: give back the
        stack their variable-length arrays took."""
        inner = [k for k in self.fn.vla_saves if k > depth]
        if inner:
            self.stack_restore(self.fn.vla_saves[min(inner)])

    def gep(self, addr, offset):
        """addr + offset bytes (offset: python int or i32/i64 value)."""
        if isinstance(offset, int):
            if offset == 0:
                return addr
            offset = ir.Constant(ir.IntType(self.ptr_size * 8), offset)
        return opq(self.builder.gep(addr, [offset], source_etype=I8))

    def load(self, lv: LV) -> V:
        t = lv.type
        if t.is_array:
            return V(lv.addr, t)
        if t.is_struct:
            return V(None, t, lv.addr)
        if t.is_func:
            return V(lv.addr, t)
        b = self.builder
        if lv.field is not None and lv.field.bits is not None:
            f = lv.field
            ut = ir.IntType(f.type.size * 8)
            raw = b.load(lv.addr, typ=ut, align=1)
            if t.volatile:
                _make_volatile(raw)
            bits = f.type.size * 8
            if f.type.signed and not f.type.boolean:
                v = b.shl(raw, ir.Constant(ut, bits - f.bitoff - f.bits))
                v = b.ashr(v, ir.Constant(ut, bits - f.bits))
            else:
                v = b.lshr(raw, ir.Constant(ut, f.bitoff))
                v = b.and_(v, ir.Constant(ut, (1 << f.bits) - 1))
            if f.bits < 32:  # all its values fit in int: it promotes to int, even if unsigned
                return self.convert(V(v, f.type.unqual()), T.INT)
            return V(v, f.type.unqual())
        ld = b.load(lv.addr, typ=lltype(t), align=lv.access_align())
        if t.volatile:
            _make_volatile(ld)
        return V(ld, t.unqual())

    def store(self, lv: LV, v: V):
        t = lv.type
        b = self.builder
        if t.is_struct:
            self.memcpy(lv.addr, v.addr, t.size, t.align)
            return
        if lv.field is not None and lv.field.bits is not None:
            f = lv.field
            ut = ir.IntType(f.type.size * 8)
            raw = b.load(lv.addr, typ=ut, align=1)
            mask = ((1 << f.bits) - 1) << f.bitoff
            nv = b.and_(b.shl(v.value, ir.Constant(ut, f.bitoff)), ir.Constant(ut, mask))
            old = b.and_(raw, ir.Constant(ut, ~mask & ((1 << (f.type.size * 8)) - 1)))
            if t.volatile:
                _make_volatile(raw)
            st = b.store(b.or_(old, nv), lv.addr, align=1)
            if t.volatile:
                _make_volatile(st)
            return
        st = b.store(v.value, lv.addr, align=lv.access_align())
        if t.volatile:
            _make_volatile(st)

    def memcpy(self, dst, src, size, align=1, dst_align=1):
        """Copy ``size`` bytes.  ``align`` is the type's, which the source may not honour (a
        member of a packed struct); ``dst_align`` is what the destination is known to have
        (a temporary or a ``sret`` slot the caller allocated), told to LLVM so the copy's
        stores are words, not bytes."""
        dt, st = dst.type, src.type
        name = f"llvm.memcpy.p{dt.addrspace}.p{st.addrspace}.i32"
        fn = self.intrinsic(name, ir.VoidType(), [dt, st, I32, I1])
        call = self.builder.call(fn, [dst, src, ir.Constant(I32, size), ir.Constant(I1, 0)])
        if dst_align > 1:
            attrs = ir.values.ArgumentAttributes()
            attrs.align = dst_align
            call.arg_attributes[0] = attrs

    def memset0(self, dst, size):
        name = f"llvm.memset.p{dst.type.addrspace}.i32"
        fn = self.intrinsic(name, ir.VoidType(), [dst.type, I8, I32, I1])
        self.builder.call(fn, [dst, ir.Constant(I8, 0), ir.Constant(I32, size),
                               ir.Constant(I1, 0)])

    def rv(self, node) -> V:
        return self.expr(node, decay=True)

    def decay(self, v: V) -> V:
        t = v.type
        if t.is_array:
            return V(v.value, self.ptr(t.elem.qualified(mram=t.mram or t.elem.mram)
                                       if t.mram else t.elem))
        if t.is_func:
            return V(v.value, self.ptr(t))
        return v

    def scalar(self, node, what=None) -> V:
        v = self.rv(node)
        if not v.type.is_scalar:
            if v.type.is_void:
                self.err(node, "void value not ignored as it ought to be")
            self.err(node, f"used {'struct' if not v.type.union else 'union'} type value "
                           f"where scalar is required" if v.type.is_struct else
                     f"invalid operand of type '{v.type}'")
        return v

    def cond(self, node):
        v = self.rv(node)
        if not v.type.is_scalar:
            if v.type.is_void:
                self.err(node, "void value not ignored as it ought to be")
            self.err(node, "used struct type value where scalar is required")
        return self.truth(v, node)

    # ------------------------------------------------------------------ lvalues
    def addr_align(self, node):
        """The alignment known for the object a member or element access designates, when
        it may be less than its type's: members of packed structs, and anything inside
        them (None when nothing is known beyond the type)."""
        if isinstance(node, c_ast.StructRef):
            st = self.static_type(node.name)
            if node.type == "->":
                st = st.to if st.is_ptr else st
                base = st.align if st.is_struct else None
            else:
                base = self.addr_align(node.name)
                if base is None and st.is_struct:
                    base = st.align
            if not st.is_struct or base is None:
                return None
            r = st.field(node.field.name)
            if r is None:
                return None
            off = r[0]
            return min(base, off & -off or 1 << 30)
        if isinstance(node, c_ast.ArrayRef):
            bt = self.static_type(node.name)
            if not bt.is_array:
                return None
            base = self.addr_align(node.name)
            if base is None:
                return None
            es = bt.elem.size
            return min(base, es & -es or base)
        return None

    def lvalue(self, node) -> LV:
        if isinstance(node, c_ast.ID):
            s = self.lookup(node.name)
            if s is None:
                self.undeclared(node)
            if s.kind == "var":
                return LV(s.value, s.type)
            if s.kind == "func":
                return LV(self.func_value(s), s.type)
            self.err(node, "lvalue required")
        if isinstance(node, c_ast.UnaryOp) and node.op == "*":
            v = self.rv(node.expr)
            if not v.type.is_ptr:
                self.err(node, f"invalid type argument of unary '*' (have '{v.type}')")
            t = v.type.to
            if t.mram and not t.is_func:
                pass
            return LV(v.value, t)
        if isinstance(node, c_ast.ArrayRef):
            base = self.rv(node.name)
            idx = self.rv(node.subscript)
            if idx.type.is_ptr and base.type.is_int:
                base, idx = idx, base
            if not base.type.is_ptr:
                self.err(node, "subscripted value is neither array nor pointer nor vector")
            if not idx.type.is_int:
                self.err(node.subscript, "array subscript is not an integer")
            p = self.ptr_add(base, idx, node)
            al = self.addr_align(node.name)  # an array member of a packed struct
            if al is not None:
                al = min(al, p.type.to.size & -p.type.to.size or al)
            return LV(p.value, p.type.to, align=al)
        if isinstance(node, c_ast.StructRef):
            if node.type == "->":
                b = self.rv(node.name)
                if not (b.type.is_ptr and b.type.to.is_struct):
                    self.err(node, f"invalid type argument of '->' (have '{b.type}')")
                st, addr = b.type.to, b.value
            else:
                b = self.expr(node.name, decay=False)
                if not b.type.is_struct:
                    self.err(node, f"request for member '{node.field.name}' in something not "
                                   f"a structure or union")
                st = b.type
                addr = b.addr if b.addr is not None else b.value
            if not st.complete:
                self.err(node, f"invalid use of incomplete typedef '{st}'")
            r = st.field(node.field.name)
            if r is None:
                self.err(node.field, f"'{st}' has no member named '{node.field.name}'")
            off, f = r
            ft = f.type
            if st.const or st.volatile or st.mram:
                ft = ft.qualified(const=True if st.const else None,
                                  volatile=True if st.volatile else None,
                                  mram=True if st.mram else None)
            base_al = st.align if node.type == "->" else self.addr_align(node.name)
            al = min(base_al if base_al is not None else st.align, off & -off or 1 << 30)
            return LV(self.gep(addr, off), ft, f if f.bits is not None else None,
                      al if al < ft.align else None)
        if isinstance(node, c_ast.CompoundLiteral):
            t = self.ctype(node.type)
            if t.is_array and t.n is None:
                t = T.Array(t.elem, self.infer_len(node.init, t.elem))
            a = self.alloca(t, "compound")
            self.init_local(a, t, node.init)
            return LV(a, t)
        if isinstance(node, c_ast.Constant) and node.type == "string":
            g, t = self.string_global(node)
            return LV(g, t)
        if isinstance(node, c_ast.Cast):
            self.err(node, "lvalue required as left operand of assignment")
        v = self.expr(node, decay=False)
        if v.type.is_struct and v.addr is not None:
            return LV(v.addr, v.type)
        self.err(node, "lvalue required as left operand of assignment")

    def undeclared(self, node):
        """gcc's error, once per identifier and function: later uses of the name stop their
        statement silently (see :meth:`StmtMixin.compound`), as gcc's error type does."""
        if self.fn is None:
            self.err(node, f"'{node.name}' undeclared here (not in a function)")
        if node.name in self.fn.undeclared:
            raise DiagnosticError(list(self.warnings))
        self.fn.undeclared.add(node.name)
        note = None
        if not self.told_undeclared_once:
            self.told_undeclared_once = True
            note = (node, "each undeclared identifier is reported only once for each "
                          "function it appears in")
        self.err(node, f"'{node.name}' undeclared (first use in this function)", note)

    def string_global(self, node):
        data = self.string_bytes(node.value) + b"\0"
        t = T.Array(T.CHAR, len(data))
        g = self.strings.get(data)
        if g is None:
            g = ir.GlobalVariable(self.module, ir.ArrayType(I8, len(data)),
                                  f".str.{len(self.strings)}")
            g.initializer = ir.Constant(ir.ArrayType(I8, len(data)), bytearray(data))
            g.global_constant = True
            g.linkage = "private"
            g.unnamed_addr = True
            opq(g)
            self.strings[data] = g
        return g, t

    @staticmethod
    def string_bytes(text):
        out = b""
        import re
        for m in re.finditer(r'L?"((?:[^"\\]|\\.)*)"', text, re.DOTALL):
            out += unescape(m.group(1))
        return out

    # ------------------------------------------------------------------ expressions
    def expr(self, node, decay=True) -> V:
        b = self.builder
        if self.dbg is None or b is None:
            v = self._expr(node)
            return self.decay(v) if decay else v
        # -g: the code of an expression is reported at its own position, that of its operands
        # at theirs (a call on the second line of a statement is on the second line).
        outer = b.debug_metadata
        b.debug_metadata = self.dbg.at(node, outer)
        try:
            v = self._expr(node)
            return self.decay(v) if decay else v
        finally:
            b.debug_metadata = outer

    def _expr(self, node) -> V:
        if isinstance(node, c_ast.Constant):
            if node.type == "string":
                g, t = self.string_global(node)
                return V(g, t)
            val, t = self.constant(node)
            if t.is_float:
                return V(ir.Constant(lltype(t), val), t)
            return V(ir.Constant(lltype(t), val), t)
        if isinstance(node, c_ast.ID):
            s = self.lookup(node.name)
            if s is None and node.name in ("__func__", "__FUNCTION__") and self.fn is not None:
                g, t = self.string_global(c_ast.Constant("string", f'"{self.fn.name}"'))
                return V(g, t)
            if s is None:
                self.undeclared(node)
            if s.kind == "enum":
                return V(ir.Constant(I32, s.value), T.INT)
            if s.kind == "typedef":
                self.err(node, f"expected expression before '{node.name}'")
            return self.load(self.lvalue(node))
        if isinstance(node, (c_ast.ArrayRef, c_ast.StructRef, c_ast.CompoundLiteral)):
            return self.load(self.lvalue(node))
        if isinstance(node, c_ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, c_ast.BinaryOp):
            return self.binary(node)
        if isinstance(node, c_ast.GenericSelection):
            return self._expr(self.generic_choice(node))
        if isinstance(node, c_ast.Assignment):
            return self.assignment(node)
        if isinstance(node, c_ast.TernaryOp):
            return self.ternary(node)
        if isinstance(node, c_ast.Cast):
            t = self.ctype(node.to_type)
            v = self.rv(node.expr)
            if t.is_void:
                return V(None, T.VOID)
            if t.is_struct or (v.type.is_struct):
                self.err(node, "conversion to non-scalar type requested"
                         if t.is_struct else "aggregate value used where a scalar was expected")
            if (t.is_float and v.type.is_ptr) or (t.is_ptr and v.type.is_float):
                self.err(node, "cannot convert to a pointer type" if t.is_ptr else
                         "pointer value used where a floating-point was expected")
            return self.convert(v, t.unqual(), node)
        if isinstance(node, c_ast.FuncCall):
            if self.is_offsetof(node):
                return V(ir.Constant(I32, self.offsetof(node)), self.size_t)
            return self.call(node)
        if isinstance(node, c_ast.ExprList):
            r = V(None, T.VOID)
            for e in node.exprs:
                r = self.expr(e, decay=False)
            return r
        if self.is_offsetof(node):
            return V(ir.Constant(I32, self.offsetof(node)), self.size_t)
        if isinstance(node, c_ast.Compound):  # GNU statement expression
            self.push()
            items = node.block_items or []
            r = V(None, T.VOID)
            for k, it in enumerate(items):
                if k == len(items) - 1 and not isinstance(
                        it, (c_ast.Decl, c_ast.Compound, c_ast.If, c_ast.For, c_ast.While,
                             c_ast.DoWhile, c_ast.Switch, c_ast.Return, c_ast.Goto,
                             c_ast.Label, c_ast.Break, c_ast.Continue, c_ast.EmptyStatement,
                             c_ast.Typedef, c_ast.DeclList)):
                    self.live()
                    r = self.expr(it, decay=False)
                else:
                    self.stmt(it)
            self.pop()
            return r
        if isinstance(node, c_ast.Typename):
            self.err(node, "expected expression")
        if isinstance(node, c_ast.InitList):
            self.err(node, "expected expression before '{' token")
        self.err(node, f"unsupported expression ({type(node).__name__})")

    def generic_choice(self, node):
        """The expression a C11 ``_Generic`` selects, with gcc's checks and wording.

        The controlling expression is not evaluated: only its type counts, after lvalue
        conversion (arrays and functions decay, qualifiers go).  Types are matched as C
        does, so ``long`` and ``long long`` stay apart even though both are 64-bit here.
        """
        t = self.decay(V(None, self.static_type(node.expr))).type.unqual()
        chosen = default = None
        seen = []
        for a in node.associations:
            if a.type is None:
                if default is not None:
                    self.err(a, "duplicate 'default' case in '_Generic'")
                default = a
                continue
            at = self.ctype(a.type)
            if at.is_func:
                self.err(a, "'_Generic' association has function type")
            if not at.complete and not at.is_void or at.is_void:
                self.err(a, "'_Generic' association has incomplete type")
            if any(_generic_key(at) == _generic_key(p) for p in seen):
                self.err(a, "'_Generic' specifies two compatible types")
            seen.append(at)
            if chosen is None and _generic_key(at) == _generic_key(t):
                chosen = a
        chosen = chosen or default
        if chosen is None:
            self.err(_first_token(node.expr), f"'_Generic' selector of type '{t}' is not "
                                              "compatible with any association")
        return chosen.expr

    def unary(self, node):
        op = node.op
        b = self.builder
        if op == "sizeof":
            t = self.sizeof_type(node.expr)
            if T.is_variable(t):
                return V(self.size_value(t, node), self.size_t)
            return V(ir.Constant(I32, self.sizeof(node.expr)), self.size_t)
        if op == "_Alignof":
            t = self.ctype(node.expr) if isinstance(node.expr, c_ast.Typename) else \
                self.static_type(node.expr)
            return V(ir.Constant(I32, t.align), self.size_t)
        if op == "&":
            if isinstance(node.expr, c_ast.ID):
                s = self.lookup(node.expr.name)
                if s is not None and s.kind == "func":
                    return V(self.func_value(s), self.ptr(s.type))
            lv = self.lvalue(node.expr)
            if lv.field is not None:
                self.err(node, "cannot take address of bit-field")
            return V(lv.addr, self.ptr(lv.type))
        if op == "*":
            lv = self.lvalue(node)
            if lv.type.is_void:
                self.err(node, "dereferencing 'void *' pointer")
            return self.load(lv)
        if op in ("++", "--", "p++", "p--"):
            lv = self.lvalue(node.expr)
            self.check_modifiable(lv, node.expr, "increment" if "+" in op else "decrement")
            old = self.load(lv)
            one = V(ir.Constant(I32, 1), T.INT)
            if old.type.is_ptr:
                new = self.ptr_add(old, one, node, negate="-" in op)
            else:
                new = self.arith("+" if "+" in op else "-", old, one, node)
                new = self.convert(new, lv.type.unqual(), node)
            self.store(lv, new)
            return old if op.startswith("p") else new
        if op == "!":
            c = self.cond(node.expr)
            return V(b.zext(b.not_(c), I32), T.INT)
        v = self.rv(node.expr)
        if op == "+":
            if not v.type.is_arith:
                self.err(node, "wrong type argument to unary plus")
            return self.convert(v, self.promote(v.type))
        if op == "-":
            if not v.type.is_arith:
                self.err(node, "wrong type argument to unary minus")
            t = self.promote(v.type)
            v = self.convert(v, t)
            if t.is_float:
                m = "sf" if t.size == 4 else "df"
                return V(self.rt(f"__neg{m}2", lltype(t), [v.value]), t)
            return V(b.neg(v.value), t)
        if op == "~":
            if not v.type.is_int:
                self.err(node, "wrong type argument to bit-complement")
            t = self.promote(v.type)
            v = self.convert(v, t)
            return V(b.not_(v.value), t)
        self.err(node, f"unsupported operator '{op}'")

    def sign_compare_warns(self, node, op, lt, rt):
        """gcc's -Wsign-compare test, for a comparison done in an unsigned type between a
        signed and an unsigned operand: silent when the signed operand is known not to be
        negative, or for ``==``/``!=`` when the unsigned one is a constant that also fits
        the signed type of the comparison."""
        sop, uop = (node.left, node.right) if lt.signed else (node.right, node.left)
        if self._nonnegative(sop):
            return False
        if op in ("==", "!="):
            u = self.const_eval(uop)
            ct = self.common(lt, rt)
            if isinstance(u, int) and 0 <= u < 1 << (ct.size * 8 - 1):
                return False
        return True

    def _nonnegative(self, node):
        """Whether an expression of a signed type is known not to be negative, as far as
        gcc's warning looks: constants, values widened from unsigned types, ``x & m`` with
        ``m`` non-negative, truth values, and conditionals or commas of those."""
        v = self.const_eval(node)
        if isinstance(v, int):
            return v >= 0
        if isinstance(node, c_ast.Cast):
            inner = self.static_type(node.expr)
            outer = self.ctype(node.to_type)
            if not (inner.is_int and outer.is_int):
                return False
            if not inner.signed:
                return inner.size < outer.size
            return outer.size >= inner.size and self._nonnegative(node.expr)
        if isinstance(node, c_ast.BinaryOp):
            if node.op == "&":
                return self._nonnegative(node.left) or self._nonnegative(node.right)
            return node.op in ("<", ">", "<=", ">=", "==", "!=", "&&", "||")
        if isinstance(node, c_ast.UnaryOp) and node.op == "!":
            return True
        if isinstance(node, c_ast.TernaryOp):
            return self._nonnegative(node.iftrue) and self._nonnegative(node.iffalse)
        if isinstance(node, c_ast.ExprList):
            return self._nonnegative(node.exprs[-1])
        t = self.static_type(node)
        return t.is_int and not t.signed

    def check_modifiable(self, lv, node, what="assignment"):
        t = lv.type
        if t.const:
            if isinstance(node, c_ast.ID):
                self.err(node, f"{'assignment' if what == 'assignment' else what} of read-only "
                               f"variable '{node.name}'")
            if isinstance(node, c_ast.StructRef):
                self.err(node, f"{what} of read-only member '{node.field.name}'")
            self.err(node, f"{what} of read-only location")
        if t.is_array:
            self.err(node, "assignment to expression with array type")
        if t.is_func:
            self.err(node, "lvalue required as left operand of assignment")

    def ptr_add(self, p: V, i: V, node, negate=False) -> V:
        t = p.type.to
        if t.is_func or (not t.complete and not t.is_void):
            if not t.is_void:
                self.err(node, f"invalid use of undefined type '{t}'")
        it = self.intptr
        iv = self.convert(i, it if i.type.signed or i.type.size < self.ptr_size else
                          self.uintptr).value
        if T.is_variable(t):  # a pointer to a variable-length array: its size at run time
            iv = self.builder.mul(iv, self.size_value(t, node))
        elif not (t.is_void or t.is_func) and t.size != 1:
            iv = self.builder.mul(iv, ir.Constant(iv.type, t.size))
        if negate:
            iv = self.builder.neg(iv)
        return V(opq(self.builder.gep(p.value, [iv], source_etype=I8)), p.type)

    def arith(self, op, l: V, r: V, node) -> V:
        """Arithmetic on two arithmetic values after the usual conversions."""
        b = self.builder
        if op in ("<<", ">>"):
            if not (l.type.is_int and r.type.is_int):
                self.err(node, "invalid operands to binary " + op +
                         f" (have '{l.type}' and '{r.type}')")
            t = self.promote(l.type)
            lv = self.convert(l, t).value
            rv = self.convert(V(r.value, r.type), T.Int(t.size, False)).value
            if op == "<<":
                return V(b.shl(lv, rv), t)
            return V(b.ashr(lv, rv) if t.signed else b.lshr(lv, rv), t)
        t = self.common(l.type, r.type)
        lv = self.convert(l, t).value
        rv = self.convert(r, t).value
        if t.is_float:
            m = "sf" if t.size == 4 else "df"
            name = {"+": "add", "-": "sub", "*": "mul", "/": "div"}.get(op)
            if name is None:
                self.err(node, f"invalid operands to binary {op} (have '{l.type}' and "
                               f"'{r.type}')")
            return V(self.rt(f"__{name}{m}3", lltype(t), [lv, rv]), t)
        if op == "+":
            return V(b.add(lv, rv), t)
        if op == "-":
            return V(b.sub(lv, rv), t)
        if op == "*":
            return V(b.mul(lv, rv), t)
        if op in ("/", "%"):
            if isinstance(rv, ir.Constant) and rv.constant == 0:
                self.warn(node, "division by zero [-Wdiv-by-zero]")
            if op == "/":
                return V(b.sdiv(lv, rv) if t.signed else b.udiv(lv, rv), t)
            return V(b.srem(lv, rv) if t.signed else b.urem(lv, rv), t)
        if op == "&":
            return V(b.and_(lv, rv), t)
        if op == "|":
            return V(b.or_(lv, rv), t)
        if op == "^":
            return V(b.xor(lv, rv), t)
        self.err(node, f"unsupported operator '{op}'")

    def binary(self, node):
        op = node.op
        b = self.builder
        if op in ("&&", "||"):
            l = self.cond(node.left)
            lblock = b.block
            rhs = self.fn.fn.append_basic_block("logic.rhs")
            end = self.fn.fn.append_basic_block("logic.end")
            if op == "&&":
                b.cbranch(l, rhs, end)
            else:
                b.cbranch(l, end, rhs)
            b.position_at_end(rhs)
            r = self.cond(node.right)
            rblock = b.block
            b.branch(end)
            b.position_at_end(end)
            phi = b.phi(I1)
            phi.add_incoming(ir.Constant(I1, 0 if op == "&&" else 1), lblock)
            phi.add_incoming(r, rblock)
            return V(b.zext(phi, I32), T.INT)
        l = self.rv(node.left)
        r = self.rv(node.right)
        lt, rt = l.type, r.type
        bad = lambda: self.err(node, f"invalid operands to binary {op} (have '{lt}' and "
                                     f"'{rt}')")
        if op in _FCMP:
            if lt.is_arith and rt.is_arith:
                t = self.common(lt, rt)
                lv, rv = self.convert(l, t).value, self.convert(r, t).value
                if t.is_float and op in ("==", "!=") and (_exact_bits(lv) or _exact_bits(rv)):
                    # one encoding per value, and a NaN equals nothing: compare the bits
                    it = ir.IntType(t.size * 8)
                    res = b.icmp_unsigned(op, b.bitcast(lv, it), b.bitcast(rv, it))
                elif t.is_float:
                    m = "sf" if t.size == 4 else "df"
                    name, pred = _FCMP[op]
                    c = self.rt(f"__{name}{m}2", I32, [lv, rv])
                    res = b.icmp_signed(pred, c, ir.Constant(I32, 0))
                elif t.signed:
                    res = b.icmp_signed(op, lv, rv)
                elif lt.signed != rt.signed and not self.probe and self.wall and \
                        self.sign_compare_warns(node, op, lt, rt):
                    self.warn(node, "comparison of integer expressions of different signedness:"
                                    f" '{lt}' and '{rt}' [-Wsign-compare]")
                    res = b.icmp_unsigned(op, lv, rv)
                else:
                    res = b.icmp_unsigned(op, lv, rv)
                return V(b.zext(res, I32), T.INT)
            if lt.is_ptr or rt.is_ptr:
                if lt.is_ptr and rt.is_ptr:
                    if not (lt.to.is_void or rt.to.is_void or T.compatible(lt.to, rt.to)):
                        self.warn(node, "comparison of distinct pointer types lacks a cast")
                    if lt.aspace != rt.aspace:
                        r = self.convert(r, lt)
                elif lt.is_ptr and rt.is_int:
                    if self.const_eval(node.right) != 0:
                        self.warn(node, "comparison between pointer and integer")
                    r = self.convert(r, lt)
                elif rt.is_ptr and lt.is_int:
                    if self.const_eval(node.left) != 0:
                        self.warn(node, "comparison between pointer and integer")
                    l = self.convert(l, rt)
                else:
                    bad()
                res = b.icmp_unsigned(op, l.value, r.value)
                return V(b.zext(res, I32), T.INT)
            bad()
        if op in ("+", "-") and (lt.is_ptr or rt.is_ptr):
            if op == "+" and lt.is_ptr and rt.is_int:
                return self.ptr_add(l, r, node)
            if op == "+" and rt.is_ptr and lt.is_int:
                return self.ptr_add(r, l, node)
            if op == "-" and lt.is_ptr and rt.is_int:
                return self.ptr_add(l, r, node, negate=True)
            if op == "-" and lt.is_ptr and rt.is_ptr:
                if not T.compatible(lt.to, rt.to):
                    self.err(node, f"invalid operands to binary - (have '{lt}' and '{rt}')")
                pt = ir.IntType(self.ptr_size * 8)
                d = b.sub(b.ptrtoint(l.value, pt), b.ptrtoint(r.value, pt))
                if T.is_variable(lt.to):
                    d = b.sdiv(d, self.size_value(lt.to, node))
                elif not lt.to.is_void and lt.to.size != 1:
                    d = b.sdiv(d, ir.Constant(pt, lt.to.size))
                return self.convert(V(d, self.intptr), T.INT)
            bad()
        if not (lt.is_arith and rt.is_arith):
            bad()
        if op in ("%", "&", "|", "^", "<<", ">>") and not (lt.is_int and rt.is_int):
            bad()
        return self.arith(op, l, r, node)

    def assignment(self, node):
        lv = self.lvalue(node.lvalue)
        self.check_modifiable(lv, node.lvalue)
        if node.op == "=":
            r = self.rv(node.rvalue)
            v = self.assign_convert(r, lv.type.unqual(), node.rvalue)
        else:
            op = ASSIGN_OPS[node.op]
            old = self.load(lv)
            r = self.rv(node.rvalue)
            if old.type.is_ptr and op in ("+", "-"):
                if not r.type.is_int:
                    self.err(node, f"invalid operands to binary {op}")
                v = self.ptr_add(old, r, node, negate=op == "-")
            else:
                if not (old.type.is_arith and r.type.is_arith):
                    self.err(node, f"invalid operands to binary {op} (have '{old.type}' and "
                                   f"'{r.type}')")
                if op in ("%", "&", "|", "^", "<<", ">>") and not (
                        old.type.is_int and r.type.is_int):
                    self.err(node, f"invalid operands to binary {op} (have '{old.type}' and "
                                   f"'{r.type}')")
                v = self.convert(self.arith(op, old, r, node), lv.type.unqual(), node)
        self.store(lv, v)
        if lv.type.is_struct:
            return V(None, lv.type, lv.addr)
        if lv.field is not None:
            return self.load(lv)
        return V(v.value, lv.type.unqual())

    def null_constant(self, node):
        """Whether an expression is a null pointer constant: an integer constant expression
        0, or one cast to ``void *``."""
        if isinstance(node, c_ast.Cast):
            t = self.ctype(node.to_type)
            if not (t.is_ptr and t.to.is_void and not t.to.const and not t.to.volatile):
                return False
            node = node.expr
        v = self.const_eval(node)
        return isinstance(v, int) and v == 0 and self.static_type(node).is_int

    def cond_ptr_type(self, node, lt, rt):
        """C11 6.5.15p6: a null pointer constant takes the other operand's type; with a
        ``void *`` operand the result is ``void *``; otherwise the pointed-to type, with the
        qualifiers of both operands' pointed-to types."""
        if self.null_constant(node.iftrue):
            return rt
        if self.null_constant(node.iffalse):
            return lt
        const = lt.to.const or rt.to.const
        volatile = lt.to.volatile or rt.to.volatile
        if lt.to.is_void or rt.to.is_void:
            base = lt.to if lt.to.is_void else rt.to
        elif lt.to.is_func:
            return lt
        else:
            base = lt.to
        if base.const == const and base.volatile == volatile:
            return lt if base is lt.to else rt
        return self.ptr(base.qualified(const=const, volatile=volatile))

    def ternary(self, node):
        b = self.builder
        c = self.cond(node.cond)
        tb = self.fn.fn.append_basic_block("cond.true")
        fb = self.fn.fn.append_basic_block("cond.false")
        end = self.fn.fn.append_basic_block("cond.end")
        b.cbranch(c, tb, fb)
        b.position_at_end(tb)
        tv = self.rv(node.iftrue)
        tend = b.block
        b.position_at_end(fb)
        fv = self.rv(node.iffalse)
        fend = b.block
        lt, rt = tv.type, fv.type
        if lt.is_arith and rt.is_arith:
            t = self.common(lt, rt)
        elif lt.is_void and rt.is_void:
            t = T.VOID
        elif lt.is_struct and rt.is_struct and T.compatible(lt, rt):
            t = lt
        elif lt.is_ptr and rt.is_ptr:
            t = self.cond_ptr_type(node, lt, rt)
        elif lt.is_ptr and rt.is_int:
            t = lt
        elif rt.is_ptr and lt.is_int:
            t = rt
        else:
            self.err(node, "type mismatch in conditional expression")
        b.position_at_end(tend)
        tc = self.convert(tv, t) if not t.is_struct else tv
        tend = b.block
        b.branch(end)
        b.position_at_end(fend)
        fc = self.convert(fv, t) if not t.is_struct else fv
        fend = b.block
        b.branch(end)
        b.position_at_end(end)
        if t.is_void:
            return V(None, T.VOID)
        if t.is_struct:
            phi = b.phi(tc.addr.type)
            phi.add_incoming(tc.addr, tend)
            phi.add_incoming(fc.addr, fend)
            return V(None, t, phi)
        phi = b.phi(lltype(t))
        phi.add_incoming(tc.value, tend)
        phi.add_incoming(fc.value, fend)
        return V(phi, t)

    # ------------------------------------------------------------------ DPU instructions
    def isa_builtin(self, node, name, form, args):
        """``__builtin_<form_id>(dest, sources…)``: one DPU instruction (RUNTIME_API.md).

        The destination, when the form has one, is the first argument and must be an lvalue
        (the seed writes ``__builtin_cmpb4_rrr(j, a, b)``); register operands are expressions,
        immediates constant expressions, conditions, endianness and constant registers string
        literals (``"nz"``, ``"!big"``, ``"id"``).  A form that branches takes no branch target: the call returns 1 when the
        instruction's condition held (the branch taken), 0 otherwise, so
        ``if (__builtin_add_rrrci(x, x, y, "z"))`` tests the sum for zero.  The call goes to
        a function named like the builtin, which the back end emits as the instruction.
        """
        ops = [op for op in form.operands if op.kind != "zero" and op.role != "pc"]
        dest = next((op for op in ops if op.role in ("rc", "dc", "sc")), None)
        if dest is not None:  # first, even where the template has the endianness before it
            ops.remove(dest)
            ops.insert(0, dest)
        if len(args) != len(ops):
            many = "many" if len(args) > len(ops) else "few"
            signature = form.signature.replace(", pc", "")
            self.err(node, f"too {many} arguments to function '{name}' "
                           f"(expected {len(ops)}: {signature})")
        values, types = [], []
        for op, arg in zip(ops, args):
            if op is dest:
                continue
            if op.kind == "kreg":  # a constant register, by name: "id", "lneg" …
                text = arg.value.strip('"') if isinstance(arg, c_ast.Constant) and \
                    arg.type == "string" else None
                if text not in isa.CONSTANT_REGISTERS:
                    self.err(arg, f"argument {op.role} of '{name}' must name a constant "
                                  f"register: {' '.join(isa.CONSTANT_REGISTERS)}")
                values.append(ir.Constant(I32, isa.CONSTANT_REGISTERS.index(text)))
                types.append(I32)
            elif op.kind in ("reg", "sreg"):
                values.append(self.convert(self.scalar(arg), T.UINT).value)
                types.append(I32)
            elif op.kind == "dreg":
                values.append(self.convert(self.scalar(arg), T.ULLONG).value)
                types.append(I64)
            elif op.kind == "cond":
                if not (isinstance(arg, c_ast.Constant) and arg.type == "string"):
                    self.err(arg, f"the condition of '{name}' must be a string literal "
                                  f"such as \"{op.conditions[0]}\"")
                code = isa.parse_condition(arg.value.strip('"'))
                if code is None or isa.CONDITIONS[code] not in op.conditions:
                    self.err(arg, f"condition {arg.value} is not allowed here; expected one "
                                  f"of: {' '.join(op.conditions)}")
                values.append(ir.Constant(I32, code))
                types.append(I32)
            elif op.kind == "endian":
                text = arg.value.strip('"') if isinstance(arg, c_ast.Constant) and \
                    arg.type == "string" else None
                if text not in ("!little", "!big", "little", "big"):
                    self.err(arg, f"the endianness of '{name}' must be \"!little\" or "
                                  "\"!big\"")
                values.append(ir.Constant(I32, int(text.endswith("big"))))
                types.append(I32)
            else:
                value = self.const_eval(arg)
                if value is None:
                    self.err(arg, f"argument {op.role} of '{name}' must be a constant")
                if not op.lo <= value <= op.hi:
                    self.err(arg, f"argument {op.role} of '{name}' is out of range "
                                  f"{op.lo}..{op.hi}")
                values.append(ir.Constant(I32, value & 0xFFFFFFFF))
                types.append(I32)
        dest_t = None if dest is None else I64 if dest.kind == "dreg" else I32
        if form.has_pc:  # returns (destination, taken) or taken alone
            result_t = I32 if dest_t is None else ir.LiteralStructType([dest_t, I32])
        else:
            result_t = dest_t or ir.VoidType()
        fn = self.module.globals.get(name)
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(result_t, types), name)
        r = self.builder.call(fn, values)
        taken = None
        if form.has_pc:
            taken = r if dest is None else self.builder.extract_value(r, 1)
            r = None if dest is None else self.builder.extract_value(r, 0)
        if dest is not None:
            ctype = T.ULLONG if dest.kind == "dreg" else T.UINT
            lv = self.lvalue(args[0])
            self.store(lv, self.convert(V(r, ctype), lv.type))
        return V(taken, T.INT) if taken is not None else V(None, T.VOID)

    # ------------------------------------------------------------------ calls
    def library_builtin(self, node, name):
        """``__builtin_memcpy(…)`` and the like are the library function: a call to it,
        declared with its prototype when <string.h> was not included."""
        real = name[len("__builtin_"):]
        s = self.lookup(real)
        if s is None or s.kind != "func":
            vp, cvp = self.ptr(T.VOID), self.ptr(T.VOID.qualified(const=True))
            ccp = self.ptr(T.CHAR.qualified(const=True))
            ret, params = {
                "memcpy": (vp, [vp, cvp, self.size_t]), "memmove": (vp, [vp, cvp, self.size_t]),
                "memset": (vp, [vp, T.INT, self.size_t]), "memcmp": (T.INT, [cvp, cvp, self.size_t]),
                "strlen": (self.size_t, [ccp]), "strcmp": (T.INT, [ccp, ccp]),
            }[real]
            self.declare_function(real, T.Func(ret, params), "extern", node, implicit=True)
        return c_ast.FuncCall(c_ast.ID(real, node.name.coord), node.args, node.coord)

    def call(self, node):
        b = self.builder
        args = node.args.exprs if node.args is not None else []
        if isinstance(node.name, c_ast.ID):
            name = node.name.name
            s = self.lookup(name)
            if s is None and name in _LIBRARY_BUILTINS:
                return self.call(self.library_builtin(node, name))
            if s is None or s.kind != "func" and s.kind != "var":
                if name.startswith("__builtin_") or name in ("__dpu_asm", "__dpu_asm_ext"):
                    r = self.builtin(node, name, args)
                    if r is not None:
                        return r
                if s is None:
                    self.warn(node.name, f"implicit declaration of function '{name}' "
                                         "[-Wimplicit-function-declaration]")
                    s = self.declare_function(name, T.Func(T.INT, [], proto=False), "extern",
                                              node, implicit=True)
        direct = None
        if isinstance(node.name, c_ast.ID):
            s = self.lookup(node.name.name)
            if s is not None and s.kind == "func":
                direct = s.value
        callee = self.rv(node.name)
        ft = callee.type.to if callee.type.is_ptr else None
        if ft is None or not ft.is_func:
            self.err(node, "called object is not a function or function pointer")
        fname = node.name.name if isinstance(node.name, c_ast.ID) else None
        if ft.proto:
            if len(args) < len(ft.params) or (len(args) > len(ft.params) and not ft.variadic):
                few = len(args) < len(ft.params)
                self.err(node, f"too {'few' if few else 'many'} arguments to function" +
                         (f" '{fname}'" if fname else ""))
        vals = []
        sret = None
        if ft.ret.is_struct:
            sret = self.alloca(ft.ret, "sret")
            vals.append(sret)
        for k, a in enumerate(args):
            v = self.rv(a)
            if k < len(ft.params) and ft.proto:
                pt = ft.params[k].unqual()
                v = self.assign_convert(v, pt, a, "passing argument")
            else:
                if v.type.is_int:
                    v = self.convert(v, self.promote(v.type))
                elif v.type.is_float and v.type.size == 4:
                    v = self.convert(v, T.DOUBLE)
            if v.type.is_struct:
                tmp = self.alloca(v.type, "byval")
                self.memcpy(tmp, v.addr, v.type.size, v.type.align, dst_align=v.type.align)
                vals.append(tmp)
            elif v.type.is_void:
                self.err(a, "invalid use of void expression")
            else:
                vals.append(v.value)
        fnty = self.fn_lltype(ft)
        if not ft.proto:
            fnty = ir.FunctionType(fnty.return_type, [v.type for v in vals])
        r = b.call(direct, vals) if direct is not None and direct.function_type == fnty \
            else self._call_ptr(direct if direct is not None else callee.value, fnty, vals)
        if sret is not None:
            return V(None, ft.ret, sret)
        if ft.ret.is_void:
            return V(None, T.VOID)
        return V(r, ft.ret.unqual())

    def _call_ptr(self, fptr, fnty, vals):
        b = self.builder
        # llvmlite needs a typed callee: a call through a pointer names the function type
        return b.call(_TypedCallee(fptr, fnty), vals)

    def fn_lltype(self, ft, nargs=None):
        params = []
        if ft.ret.is_struct:
            params.append(PTR)
        for p in ft.params:
            params.append(PTR if p.is_struct else lltype(p))
        ret = ir.VoidType() if ft.ret.is_struct or ft.ret.is_void else lltype(ft.ret)
        return ir.FunctionType(ret, params, var_arg=ft.variadic)

    def builtin(self, node, name, args):
        b = self.builder
        form = isa.FORM_BY_ID.get(name[len("__builtin_"):])
        if form is not None:
            return self.isa_builtin(node, name, form, args)
        if name in _BUILTIN_INTRINSICS:
            kind, bits = _BUILTIN_INTRINSICS[name]
            it = ir.IntType(bits)
            v = self.convert(self.scalar(args[0]), T.Int(bits // 8, False)).value
            if kind in ("ctlz", "cttz"):
                fn = self.intrinsic(f"llvm.{kind}.i{bits}", it, [it, I1])
                r = b.call(fn, [v, ir.Constant(I1, 0)])
            elif kind == "parity":
                fn = self.intrinsic(f"llvm.ctpop.i{bits}", it, [it])
                r = b.and_(b.call(fn, [v]), ir.Constant(it, 1))
            elif kind == "ffs":  # 1 + the index of the lowest set bit; 0 for 0
                fn = self.intrinsic(f"llvm.cttz.i{bits}", it, [it, I1])
                r = b.add(b.call(fn, [v, ir.Constant(I1, 0)]), ir.Constant(it, 1))
                r = b.select(b.icmp_unsigned("==", v, ir.Constant(it, 0)), ir.Constant(it, 0), r)
            elif kind == "clrsb":  # leading bits equal to the sign bit, not counting it
                fn = self.intrinsic(f"llvm.ctlz.i{bits}", it, [it, I1])
                x = b.xor(v, b.ashr(v, ir.Constant(it, bits - 1)))
                r = b.sub(b.call(fn, [x, ir.Constant(I1, 0)]), ir.Constant(it, 1))
            else:
                fn = self.intrinsic(f"llvm.{kind}.i{bits}", it, [it])
                r = b.call(fn, [v])
            if kind == "bswap":
                return V(r, T.Int(bits // 8, False))
            return self.convert(V(r, T.Int(bits // 8, False)), T.INT)
        if name in _FLOAT_BUILTINS:
            return self.float_builtin(node, name, args)
        if name in _FLOAT_RELATIONS:
            return self.float_relation(node, name, args)
        m = _OVERFLOW_BUILTIN.fullmatch(name)
        if m:
            return self.overflow_builtin(node, name, m.group(1), m.group(2), m.group(3), args)
        if name == "__builtin_expect":
            v = self.convert(self.scalar(args[0]), T.LONG)
            e = self.convert(self.scalar(args[1]), T.LONG)
            fn = self.intrinsic("llvm.expect.i64", I64, [I64, I64])
            return V(b.call(fn, [v.value, e.value]), T.LONG)
        if name == "__builtin_unreachable":
            b.unreachable()
            b.position_at_end(self.fn.fn.append_basic_block("dead"))
            return V(None, T.VOID)
        if name == "__builtin_trap":
            fn = self.intrinsic("llvm.trap", ir.VoidType(), [])
            b.call(fn, [])
            return V(None, T.VOID)
        if name == "__builtin_constant_p":
            return V(ir.Constant(I32, int(self.const_eval(args[0]) is not None)), T.INT)
        if name == "__builtin_va_start":
            lv = self.lvalue(args[0])
            if self.fn is None or not self.fn.ftype.variadic:
                self.err(node, "'va_start' used in function with fixed arguments")
            # LLVM's own intrinsic, which the optimiser knows: with any other, it would
            # drop the variadic arguments of calls to a function it sees never reading them
            fn = self.intrinsic(f"llvm.va_start.p{lv.addr.type.addrspace}", ir.VoidType(),
                                [lv.addr.type])
            self.fn.fn.attributes.add("noinline")
            b.call(fn, [lv.addr])
            return V(None, T.VOID)
        if name == "__builtin_va_end":
            self.rv(args[0])
            return V(None, T.VOID)
        if name == "__builtin_va_copy":
            dst = self.lvalue(args[0])
            self.store(dst, self.rv(args[1]))
            return V(None, T.VOID)
        if name == "__builtin_va_arg":
            lv = self.lvalue(args[0])
            t = self.ctype(args[1])
            p = self.load(lv).value
            if t.is_struct:  # passed as a pointer to the caller's copy (see codegen)
                p = self.gep(p, -4)
                self.store(lv, V(p, lv.type))
                return V(None, t, self.builder.load(p, typ=PTR, align=4))
            # the slot is below the pointer, aligned down to max(4, alignment); the pointer
            # then points at it (slots go downward, see the back end's calling convention)
            al = max(4, t.align)
            p = self.gep(p, -t.size // 4 * 4)
            if al > 4:
                pt = ir.IntType(self.ptr_size * 8)
                p = b.inttoptr(b.and_(b.ptrtoint(p, pt), ir.Constant(pt, -al)), PTR)
            self.store(lv, V(p, lv.type))
            return self.load(LV(p, t))
        if name == "__dpu_asm":
            text = self.string_bytes(args[0].value).decode("latin-1").replace("$", "$$")
            fnty = ir.FunctionType(ir.VoidType(), [])
            b.asm(fnty, text, "~{memory}", [], True)
            return V(None, T.VOID)
        if name == "__dpu_asm_ext":
            return self.extended_asm(node, args)
        if name in ("__builtin_memcpy", "__builtin_memset", "__builtin_strlen",
                    "__builtin_memcmp", "__builtin_abort"):
            return None
        return None


    def extended_asm(self, node, args):
        """GNU extended asm (rewritten by gnu.py into ``__dpu_asm_ext(template, specs…)``) as
        an LLVM inline-asm call: gcc's ``%0``/``%[name]`` become LLVM's ``${k}``; ``+``
        operands become an output and an input tied to it; outputs are stored back."""
        b = self.builder
        template = self.string_bytes(args[0].value).decode("latin-1")
        outs, ins, clobbers = [], [], []
        k = 1
        while k < len(args):
            spec = self.string_bytes(args[k].value).decode("latin-1")
            kind, rest = spec[0], spec[1:]
            opname = None
            if rest.startswith("["):
                opname, rest = rest[1:].split("]", 1)
            if kind == "c":
                clobbers.append(rest)
                k += 1
                continue
            (outs if kind == "o" else ins).append((opname, rest, args[k + 1]))
            k += 2
        names = [n for n, _, _ in outs + ins]
        cons, out_lvs, in_vals, tied = [], [], [], []
        for i, (_, c, e) in enumerate(outs):
            if not c.startswith(("=", "+")) or c.lstrip("=+&") not in ("r",):
                self.err(e, f"output operand constraint '{c}' is not supported (use \"=r\" or "
                            "\"+r\")")
            lv = self.lvalue(e)
            if not (lv.type.is_int or lv.type.is_ptr or lv.type.is_float) or lv.type.const:
                self.err(e, "invalid lvalue in asm output " + str(i))
            out_lvs.append(lv)
            cons.append("=&r" if "&" in c else "=r")
            if c.startswith("+"):
                tied.append((str(i), self.load(lv).value))
        for _, c, e in ins:
            c = c.replace("n", "i")
            if c not in ("r", "i") and not c.isdigit():
                self.err(e, f"input operand constraint '{c}' is not supported (use \"r\", "
                            "\"i\" or \"n\")")
            if c == "i":
                cv = self.const_eval(e)
                if not isinstance(cv, int):
                    v = self.rv(e)
                    if not isinstance(v.value, (ir.Constant, ir.GlobalValue)):
                        self.err(e, "impossible constraint in 'asm'")
                    in_vals.append(v.value)
                else:
                    in_vals.append(ir.Constant(I32, cv))
            else:
                v = self.rv(e)
                if v.type.is_int and v.type.size < 4:
                    v = self.convert(v, self.promote(v.type))
                in_vals.append(v.value)
            cons.append(c)
        for c, v in tied:
            cons.append(c)
            in_vals.append(v)
        for c in clobbers:
            if c == "cc":
                continue
            cons.append("~{%s}" % c)

        def operand(m):
            if m.group(0) == "%%":
                return "%"
            if m.group(0) == "%=":
                return "${:uid}"
            ref = m.group(1)
            if ref.isdigit():
                idx = int(ref)
            elif ref in names:
                idx = names.index(ref)
            else:
                self.err(node, f"undefined named operand '{ref}'")
            if idx >= len(outs) + len(ins):
                self.err(node, "operand number out of range")
            mod = m.modifier()
            if mod and mod not in "HL":
                self.err(node, f"invalid operand code '{mod}'")
            return "${%d:%s}" % (idx, mod) if mod else "${%d}" % idx
        text = re.sub(r"%%|%=|%([HL]?)\[(\w+)\]|%([A-Za-z]?)(\d+)",
                      lambda m: operand(_Group(m)), template.replace("$", "$$"))
        out_tys = [lltype(lv.type) for lv in out_lvs]
        ret = ir.VoidType() if not out_tys else out_tys[0] if len(out_tys) == 1 \
            else ir.LiteralStructType(out_tys)
        fnty = ir.FunctionType(ret, [v.type for v in in_vals])
        r = b.asm(fnty, text, ",".join(cons), in_vals, True)
        for i, lv in enumerate(out_lvs):
            val = r if len(out_lvs) == 1 else b.extract_value(r, i)
            self.store(lv, V(val, lv.type))
        return V(None, T.VOID)

    def float_builtin(self, node, name, args):
        """gcc's floating-point builtins, on the bits: the DPU has no FPU, and these need none."""
        b = self.builder
        kind, t = _FLOAT_BUILTINS[name]
        if kind in ("inf", "nan"):
            payload = 0
            if kind == "nan":
                if len(args) != 1 or not isinstance(args[0], c_ast.Constant) or \
                        args[0].type != "string":
                    self.err(node, f"argument to '{name}' must be a string literal")
                text = self.string_bytes(args[0].value).decode("latin-1")
                try:
                    payload = int(text, 0) if text else 0
                except ValueError:
                    self.err(node, f"invalid NaN payload in '{name}'")
            bits = t.size * 8
            man = bits - (9 if t.size == 4 else 12)
            exp = ((1 << (bits - man - 1)) - 1) << man
            if kind == "nan":
                exp |= 1 << (man - 1) | payload & ((1 << (man - 1)) - 1)
            if kind == "inf" or payload == 0:  # a plain constant, which fpfold can use
                return V(ir.Constant(lltype(t), float(kind)), t)
            return V(ir.Constant(ir.IntType(bits), exp).bitcast(lltype(t)), t)
        if t is None:  # type-generic classification: the argument's own type
            if len(args) != 1:
                self.err(node, f"wrong number of arguments to function '{name}'")
            v = self.rv(args[0])
            if not v.type.is_arith:
                self.err(node, f"non-floating-point argument in call to function '{name}'")
            t = v.type if v.type.is_float else T.DOUBLE
            x = self.convert(v, t).value
            it = ir.IntType(t.size * 8)
            man = t.size * 8 - (9 if t.size == 4 else 12)
            expmask = ir.Constant(it, ((1 << (t.size * 8 - man - 1)) - 1) << man)
            bitsv = b.bitcast(x, it)
            mag = b.and_(bitsv, ir.Constant(it, (1 << (t.size * 8 - 1)) - 1))
            if kind == "isnan":
                r = b.icmp_unsigned(">", mag, expmask)
            elif kind == "isinf":
                r = b.icmp_unsigned("==", mag, expmask)
            elif kind == "isfinite":
                r = b.icmp_unsigned("<", mag, expmask)
            else:  # signbit
                r = b.icmp_signed("<", bitsv, ir.Constant(it, 0))
            return V(b.zext(r, I32), T.INT)
        want = 1 if kind == "fabs" else 2
        if len(args) != want:
            self.err(node, f"too {'many' if len(args) > want else 'few'} arguments to "
                           f"function '{name}'")
        vals = [self.convert(self.rv(a), t, a).value for a in args]
        fn = self.intrinsic(f"llvm.{kind}.f{t.size * 8}", lltype(t), [lltype(t)] * want)
        return V(b.call(fn, vals), t)


    def float_relation(self, node, name, args):
        """C99's quiet comparisons (``isgreater`` … ``isunordered``): with no floating-point
        exceptions on the DPU, ``isgreater(x, y)`` is ``x > y``; ``islessgreater`` is
        ``x < y || x > y``."""
        b = self.builder
        if len(args) != 2:
            self.err(node, f"too {'many' if len(args) > 2 else 'few'} arguments to function "
                           f"'{name}'")
        x, y = self.rv(args[0]), self.rv(args[1])
        for k, v in enumerate((x, y)):
            if not v.type.is_arith:
                self.err(args[k], f"non-floating-point arguments in call to function '{name}'")
        t = self.common(x.type, y.type)
        t = t if t.is_float else T.DOUBLE
        xv, yv = self.convert(x, t).value, self.convert(y, t).value
        m = "sf" if t.size == 4 else "df"

        def test(routine, pred):
            c = self.rt(f"__{routine}{m}2", I32, [xv, yv])
            return b.icmp_signed(pred, c, ir.Constant(I32, 0))
        rel = _FLOAT_RELATIONS[name]
        if rel == "unord":
            res = test("unord", "!=")
        elif rel == "<>":
            res = b.or_(test("lt", "<"), test("gt", ">"))
        else:
            res = test(*_FCMP[rel])
        return V(b.zext(res, I32), T.INT)

    def overflow_builtin(self, node, name, sign, op, suffix, args):
        """gcc's ``__builtin_{add,sub,mul}_overflow(a, b, &r)``: r = a op b wrapped to r's type;
        true when the exact result does not fit.  Same types use LLVM's overflow intrinsics;
        narrower mixed types compute the exact result in 64 bits and check it fits."""
        b = self.builder
        if len(args) != 3:
            self.err(node, f"too {'many' if len(args) > 3 else 'few'} arguments to function "
                           f"'{name}'")
        vals = [self.rv(a) for a in args]
        if sign:  # the typed forms: __builtin_saddl_overflow(long, long, long *)
            t = {"": T.INT, "l": T.LONG, "ll": T.LLONG}[suffix]
            t = t if sign == "s" else {4: T.UINT, 8: T.ULONG}[t.size]
            vals[:2] = [self.convert(v, t) for v in vals[:2]]
            vals[2] = self.convert(vals[2], T.Ptr(t))
        for k, v in enumerate(vals[:2]):
            if not v.type.is_int:
                self.err(args[k], f"argument {k + 1} in call to function '{name}' does not "
                                  "have integral type")
        pt = vals[2].type
        if not (pt.is_ptr and pt.to.is_int and not pt.to.boolean) or pt.to.const:
            self.err(args[2], f"argument 3 in call to function '{name}' does not have pointer "
                              "to integral type")
        rt = pt.to.unqual()
        ta, tb = (self.promote(v.type) for v in vals[:2])

        def fits(t):  # every value of t is a value of rt
            return t.size < rt.size and (rt.signed or not t.signed) or \
                t.size == rt.size and t.signed == rt.signed
        it = lltype(rt)
        if fits(ta) and fits(tb):
            x, y = (self.convert(v, rt).value for v in vals[:2])
            kind = ("s" if rt.signed else "u") + op
            fn = self.intrinsic(f"llvm.{kind}.with.overflow.i{rt.size * 8}",
                                ir.LiteralStructType([it, I1]), [it, it])
            pair = b.call(fn, [x, y])
            res, ovf = b.extract_value(pair, 0), b.extract_value(pair, 1)
        elif max(ta.size, tb.size, rt.size) <= 4:
            both_unsigned = not ta.signed and not tb.signed
            wide = T.ULONG if both_unsigned and op != "sub" else T.LONG
            x, y = (self.convert(v, wide).value for v in vals[:2])
            exact = {"add": b.add, "sub": b.sub, "mul": b.mul}[op](x, y)
            res = b.trunc(exact, it)
            back = b.sext(res, I64) if rt.signed else b.zext(res, I64)
            ovf = b.icmp_unsigned("!=", back, exact)
        else:
            self.err(node, f"'{name}' with operands of different 64-bit types is not supported")
        self.store(LV(vals[2].value, rt), V(res, rt))
        return V(b.zext(ovf, I8), T.BOOL)

class _Group:
    """A %-reference match: its operand (name or number) as group 1, and its modifier."""

    def __init__(self, m):
        self._m = m

    def group(self, k):
        return self._m.group(0) if k == 0 else (self._m.group(2) or self._m.group(4))

    def modifier(self) -> str:
        """gcc's operand code: ``%H0``/``%L0``, the high/low register of a 64-bit operand."""
        return self._m.group(1) or self._m.group(3) or ""


_FLOAT_BUILTINS = {
    "__builtin_inf": ("inf", T.DOUBLE), "__builtin_inff": ("inf", T.FLOAT),
    "__builtin_huge_val": ("inf", T.DOUBLE), "__builtin_huge_valf": ("inf", T.FLOAT),
    "__builtin_nan": ("nan", T.DOUBLE), "__builtin_nanf": ("nan", T.FLOAT),
    "__builtin_fabs": ("fabs", T.DOUBLE), "__builtin_fabsf": ("fabs", T.FLOAT),
    "__builtin_copysign": ("copysign", T.DOUBLE), "__builtin_copysignf": ("copysign", T.FLOAT),
    "__builtin_isnan": ("isnan", None), "__builtin_isinf": ("isinf", None),
    "__builtin_isfinite": ("isfinite", None), "__builtin_signbit": ("signbit", None),
}

_FLOAT_RELATIONS = {"__builtin_isgreater": ">", "__builtin_isgreaterequal": ">=",
                    "__builtin_isless": "<", "__builtin_islessequal": "<=",
                    "__builtin_islessgreater": "<>", "__builtin_isunordered": "unord"}


class _TypedCallee:
    """A function pointer with its function type, as llvmlite's call() wants a callee."""

    def __init__(self, value, fnty):
        self.value = value
        self.function_type = fnty
        self.type = PTR

    def get_reference(self):
        return self.value.get_reference()

    def __getattr__(self, name):
        return getattr(self.value, name)


def _generic_key(t):
    """Type identity for ``_Generic``: C's compatibility, and integer types that merely
    share a size (``long`` and ``long long``) are still different types."""
    t = t.unqual()
    return (t.key(), t.name) if t.is_int else t.key()


def _first_token(node):
    """The node of an expression's first token, where gcc puts an expression's diagnostics
    (a BinaryOp's own position is its operator's)."""
    while True:
        if isinstance(node, (c_ast.BinaryOp, c_ast.Assignment)):
            node = node.left if isinstance(node, c_ast.BinaryOp) else node.lvalue
        elif isinstance(node, c_ast.TernaryOp):
            node = node.cond
        elif isinstance(node, (c_ast.ArrayRef, c_ast.StructRef, c_ast.FuncCall)):
            node = node.name
        elif isinstance(node, c_ast.UnaryOp) and node.op in ("p++", "p--"):
            node = node.expr
        elif isinstance(node, c_ast.ExprList) and node.exprs:
            node = node.exprs[0]
        else:
            return node
