"""Expressions: C semantics (promotions, usual arithmetic conversions) onto LLVM IR."""

from __future__ import annotations

from dpucore import isa

from llvmlite import ir
from pycparser import c_ast

from . import ctypes as T
from .codegen import ASSIGN_OPS, I1, I8, I32, I64, LV, PTR, V, opq, unescape
from .ctypes import lltype

_BUILTIN_INTRINSICS = {
    "__builtin_clz": ("ctlz", 32), "__builtin_clzl": ("ctlz", 64), "__builtin_clzll": ("ctlz", 64),
    "__builtin_ctz": ("cttz", 32), "__builtin_ctzl": ("cttz", 64), "__builtin_ctzll": ("cttz", 64),
    "__builtin_popcount": ("ctpop", 32), "__builtin_popcountl": ("ctpop", 64),
    "__builtin_popcountll": ("ctpop", 64), "__builtin_bswap16": ("bswap", 16),
    "__builtin_bswap32": ("bswap", 32), "__builtin_bswap64": ("bswap", 64),
    "__builtin_parity": ("parity", 32), "__builtin_parityl": ("parity", 64),
    "__builtin_parityll": ("parity", 64), "__builtin_ffs": ("ffs", 32),
    "__builtin_ffsl": ("ffs", 64), "__builtin_ffsll": ("ffs", 64),
}
_FCMP = {"<": ("lt", "<"), "<=": ("le", "<="), ">": ("gt", ">"), ">=": ("ge", ">="),
         "==": ("eq", "=="), "!=": ("ne", "!=")}


def _make_volatile(instr):
    """Mark a load or store volatile.  llvmlite (0.50) cannot: its LoadInstr and StoreInstr
    print no ``volatile`` whatever attributes they carry, so O2 would delete or merge the
    accesses of a busy-wait loop or of memory another tasklet writes."""
    instr.__class__ = _VOLATILE[type(instr)]
    return instr


class _VolatileLoad(ir.LoadInstr):
    def descr(self, buf):
        super().descr(buf)
        buf[-1] = buf[-1].replace("load ", "load volatile ", 1)


class _VolatileStore(ir.StoreInstr):
    def descr(self, buf):
        super().descr(buf)
        buf[-1] = buf[-1].replace("store ", "store volatile ", 1)


_VOLATILE = {ir.LoadInstr: _VolatileLoad, ir.StoreInstr: _VolatileStore}


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
        ld = b.load(lv.addr, typ=lltype(t), align=t.align)
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
        st = b.store(v.value, lv.addr, align=t.align)
        if t.volatile:
            _make_volatile(st)

    def memcpy(self, dst, src, size, align=1):
        dt, st = dst.type, src.type
        name = f"llvm.memcpy.p{dt.addrspace}.p{st.addrspace}.i32"
        fn = self.intrinsic(name, ir.VoidType(), [dt, st, I32, I1])
        self.builder.call(fn, [dst, src, ir.Constant(I32, size), ir.Constant(I1, 0)])

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
            return LV(p.value, p.type.to)
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
            return LV(self.gep(addr, off), ft, f if f.bits is not None else None)
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
        if self.fn is None:
            self.err(node, f"'{node.name}' undeclared here (not in a function)")
        self.err(node, f"'{node.name}' undeclared (first use in this function)")

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
        v = self._expr(node)
        return self.decay(v) if decay else v

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

    def unary(self, node):
        op = node.op
        b = self.builder
        if op == "sizeof":
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
        size = 1 if t.is_void or t.is_func else t.size
        it = self.intptr
        iv = self.convert(i, it if i.type.signed or i.type.size < self.ptr_size else
                          self.uintptr).value
        if size != 1:
            iv = self.builder.mul(iv, ir.Constant(iv.type, size))
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
                if t.is_float:
                    m = "sf" if t.size == 4 else "df"
                    name, pred = _FCMP[op]
                    c = self.rt(f"__{name}{m}2", I32, [lv, rv])
                    res = b.icmp_signed(pred, c, ir.Constant(I32, 0))
                elif t.signed:
                    res = b.icmp_signed(op, lv, rv)
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
                size = 1 if lt.to.is_void else lt.to.size
                if size != 1:
                    d = b.sdiv(d, ir.Constant(pt, size))
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
            t = lt if not lt.to.is_void else rt
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
        immediates constant expressions, conditions string literals (``"nz"``).  The call goes
        to a function named like the builtin, which the back end emits as the instruction.
        """
        if form.has_pc or any(op.kind == "endian" for op in form.operands):
            self.err(node, f"'{name}' has a branch target or an endianness operand; "
                           "use inline assembly for it")
        ops = [op for op in form.operands if op.kind != "zero"]
        dest = ops[0] if ops and ops[0].role in ("rc", "dc", "sc") else None
        if len(args) != len(ops):
            many = "many" if len(args) > len(ops) else "few"
            self.err(node, f"too {many} arguments to function '{name}' "
                           f"(expected {len(ops)}: {form.signature})")
        values, types = [], []
        for op, arg in zip(ops, args):
            if op is dest:
                continue
            if op.kind in ("reg", "kreg", "sreg"):
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
            else:
                value = self.const_eval(arg)
                if value is None:
                    self.err(arg, f"argument {op.role} of '{name}' must be a constant")
                if not op.lo <= value <= op.hi:
                    self.err(arg, f"argument {op.role} of '{name}' is out of range "
                                  f"{op.lo}..{op.hi}")
                values.append(ir.Constant(I32, value & 0xFFFFFFFF))
                types.append(I32)
        if dest is None:
            result_t = ir.VoidType()
        else:
            result_t = I64 if dest.kind == "dreg" else I32
        fn = self.module.globals.get(name)
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(result_t, types), name)
        r = self.builder.call(fn, values)
        if dest is None:
            return V(None, T.VOID)
        ctype = T.ULLONG if dest.kind == "dreg" else T.UINT
        lv = self.lvalue(args[0])
        self.store(lv, self.convert(V(r, ctype), lv.type))
        return V(None, T.VOID)

    # ------------------------------------------------------------------ calls
    def call(self, node):
        b = self.builder
        args = node.args.exprs if node.args is not None else []
        if isinstance(node.name, c_ast.ID):
            name = node.name.name
            s = self.lookup(name)
            if s is None or s.kind != "func" and s.kind != "var":
                if name.startswith("__builtin_") or name in ("__dpu_asm",):
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
                self.memcpy(tmp, v.addr, v.type.size, v.type.align)
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
            else:
                fn = self.intrinsic(f"llvm.{kind}.i{bits}", it, [it])
                r = b.call(fn, [v])
            if kind == "bswap":
                return V(r, T.Int(bits // 8, False))
            return self.convert(V(r, T.Int(bits // 8, False)), T.INT)
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
            text = self.string_bytes(args[0].value).decode("latin-1")
            fnty = ir.FunctionType(ir.VoidType(), [])
            b.asm(fnty, text, "~{memory}", [], True)
            return V(None, T.VOID)
        if name in ("__builtin_memcpy", "__builtin_memset", "__builtin_strlen",
                    "__builtin_memcmp", "__builtin_abort"):
            return None
        return None


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
