"""Declarations, initialisers, functions and statements."""

from __future__ import annotations

import copy

from llvmlite import ir
from pycparser import c_ast

from . import ctypes as T
from .codegen import I8, LV, PTR, V, _FnState, _Sym, opq
from .ctypes import lltype
from .gnu import Range


class DeclMixin:
    # ------------------------------------------------------------------ top level
    def translation_unit(self, ast):
        for ext in ast.ext:
            if isinstance(ext, c_ast.FuncDef):
                self.function(ext)
            elif isinstance(ext, c_ast.Decl):
                self.global_decl(ext)
            elif isinstance(ext, c_ast.Typedef):
                self.typedef(ext)
            elif isinstance(ext, c_ast.StaticAssert):
                self.static_assert(ext)
        self.finish()

    def finish(self):
        for name, s in self.scopes[0].items():
            if s.kind == "var" and isinstance(s.value, ir.GlobalVariable) and \
                    s.storage != "extern" and not s.defined:
                g = s.value
                if not s.type.complete:
                    if s.type.is_array:
                        s.type = T.Array(s.type.elem, 1)
                        g.value_type = lltype(s.type)
                    else:
                        self.err(s.node, f"storage size of '{name}' isn't known")
                g.initializer = ir.Constant(g.value_type, None)
        if self.used:
            at = ir.ArrayType(PTR, len(self.used))
            g = ir.GlobalVariable(self.module, at, "llvm.used")
            g.linkage = "appending"
            g.section = "llvm.metadata"
            items = []
            for u in self.used:
                if isinstance(u, ir.GlobalVariable) and u.type.addrspace != 0:
                    u = ir.FormattedConstant(PTR, f"addrspacecast ({u.type} "
                                                  f"{u.get_reference()} to ptr)")
                elif isinstance(u, ir.Function):
                    u = ir.FormattedConstant(PTR, u.get_reference())
                items.append(u)
            g.initializer = ir.Constant(at, items)

    def static_assert(self, node):
        v = self.const_int(node.cond)
        if not v:
            msg = self.string_bytes(node.message.value).decode() if node.message else ""
            self.err(node, f"static assertion failed: \"{msg}\"" if msg else
                     "static assertion failed")

    def typedef(self, node):
        t = self.ctype(node.type)
        al = self.attr(node, "aligned")
        if al is not None and not t.is_array and not t.is_func:
            # gcc: a typedef's aligned attribute raises the type's alignment (sizeof stays)
            n = self.const_text(al[0]) if al else 8
            if n > t.align:
                t = copy.copy(t)
                t.align = n
        prev = self.scopes[-1].get(node.name)
        if prev is not None and (prev.kind != "typedef" or not T.compatible(prev.type, t)):
            self.err(node, f"conflicting types for '{node.name}'" if prev.kind == "typedef"
                     else f"'{node.name}' redeclared as different kind of symbol")
        self.scopes[-1][node.name] = _Sym("typedef", t)

    def declare_function(self, name, ft, storage, node, implicit=False):
        s = self.scopes[0].get(name) if self.fn is None or implicit else self.lookup(name)
        if s is not None and s.kind == "func":
            old = s.type
            if old.proto and ft.proto and not T.compatible(old, ft):
                self.err(node, f"conflicting types for '{name}'; have '{ft}'")
            if ft.proto and not old.proto:
                s.type = ft
                fnty = self.fn_lltype(ft)
                if s.value.function_type != fnty and not s.defined:
                    # earlier calls went through the unprototyped type; retype in place (calls
                    # name the function, so they follow)
                    fn = s.value
                    fn.ftype = fnty
                    fn.type = ir.PointerType(fnty)
                    fn.args = tuple(ir.Argument(fn, t) for t in fnty.args)
            if storage == "static":
                s.value.linkage = "internal"
            return s
        if s is not None:
            self.err(node, f"'{name}' redeclared as different kind of symbol")
        if name in self.module.globals:
            g = self.module.globals[name]
            if isinstance(g, ir.Function) and g.function_type == self.fn_lltype(ft):
                fn = g
            else:
                fn = ir.Function(self.module, self.fn_lltype(ft), self.module.get_unique_name(name))
        else:
            fn = ir.Function(self.module, self.fn_lltype(ft), name)
        if storage == "static":
            fn.linkage = "internal"
        s = _Sym("func", ft, fn, storage, node)
        self.scopes[0][name] = s
        if self.fn is not None and not implicit:
            self.scopes[-1][name] = s
        self.apply_fn_attrs(fn, node)
        return s

    def apply_fn_attrs(self, fn, node):
        if node is None:
            return
        for n, args in self.attrs.get(id(node), ()):
            if n == "noinline":
                fn.attributes.add("noinline")
            elif n == "always_inline":
                fn.attributes.add("alwaysinline")
            elif n == "noreturn":
                fn.attributes.add("noreturn")
            elif n == "section" and args:
                fn.section = self.string_bytes(args[0]).decode()
            elif n == "weak":
                fn.linkage = "extern_weak" if not fn.blocks else "weak"
                self._weak_fns = getattr(self, "_weak_fns", set()) | {fn.name}
            elif n in ("used", "retain") and fn not in self.used:
                self.used.append(fn)

    def func_value(self, s):
        """A function as a pointer value (llvmlite's Function keeps a typed pointer type)."""
        return ir.FormattedConstant(PTR, s.value.get_reference())

    def global_decl(self, node):
        if node.name is None:
            self.ctype(node.type)  # struct/enum declaration
            return
        t = self.ctype(node.type)
        storage = node.storage[0] if node.storage else None
        if t.is_func:
            self.declare_function(node.name, t, storage, node)
            return
        self.global_var(node, t, storage, node.name)

    def global_var(self, node, t, storage, name, local_static=False):
        if t.is_void:
            self.err(node, f"variable '{node.name}' declared void")
        if t.is_array and t.n is None and node.init is not None:
            t = T.Array(t.elem, self.infer_len(node.init, t.elem))
        s = None if local_static else self.scopes[0].get(name)
        if s is not None and not local_static:
            if s.kind != "var":
                self.err(node, f"'{name}' redeclared as different kind of symbol")
            if not T.compatible(s.type, t) and not (
                    s.type.is_array and t.is_array and T.compatible(s.type.elem, t.elem)):
                self.err(node, f"conflicting types for '{name}'; have '{t}'")
            if t.complete and not s.type.complete:
                s.type = t
                s.value.value_type = lltype(t)
            if node.init is not None and s.defined:
                self.err(node, f"redefinition of '{name}'")
            if storage != "extern":
                s.storage = storage or s.storage if s.storage != "extern" else storage
        else:
            aspace = 255 if T.in_mram(t) else 0
            gname = name if name not in self.module.globals else \
                self.module.get_unique_name(name)
            g = ir.GlobalVariable(self.module, lltype(t) if t.complete else I8, gname,
                                  addrspace=aspace)
            g.align = t.align
            opq(g)
            s = _Sym("var", t, g, storage, node)
            if local_static:
                g.linkage = "internal"
                self.scopes[-1][node.name] = s
            else:
                self.scopes[0][name] = s
        g = s.value
        if storage == "static" or local_static:
            g.linkage = "internal"
        for n, args in self.attrs.get(id(node), ()):
            if n == "section" and args:
                g.section = self.string_bytes(args[0]).decode()
            elif n == "aligned":
                g.align = max(g.align or 1, self.const_text(args[0]) if args else 8)
            elif n in ("used", "retain") and g not in self.used:
                self.used.append(g)
            elif n == "weak":
                g.linkage = "weak" if node.init is not None or storage != "extern" else \
                    "extern_weak"
        if node.align:
            g.align = max(g.align, self.alignas(node))
        if t.const:
            g.global_constant = True
        if node.init is not None:
            if storage == "extern" and self.fn is not None:
                self.err(node, f"'{name}' has both 'extern' and initializer")
            c = self.const_init(s.type, node.init)
            g.value_type = c.type
            g.initializer = c
            s.defined = True
        elif local_static:
            g.initializer = ir.Constant(lltype(t), None)
            s.defined = True
        return s

    # ------------------------------------------------------------------ initialisers
    def infer_len(self, init, elem=None):
        if isinstance(init, c_ast.Constant) and init.type == "string":
            return len(self.string_bytes(init.value)) + 1
        if isinstance(init, c_ast.InitList):
            if elem is None:
                elem = T.INT
            if len(init.exprs) == 1 and self.is_string_init(T.Array(elem, None), init.exprs[0]):
                return self.infer_len(init.exprs[0])  # char s[] = {"..."}
            out = []
            n = self.plan_list(T.Array(elem, None), list(init.exprs), [0], 0, out, True)
            return n
        self.err(init, "invalid initializer")

    def is_string_init(self, t, init):
        return t.is_array and t.elem.is_int and t.elem.size == 1 and \
            isinstance(init, c_ast.Constant) and init.type == "string"

    def plan_obj(self, t, init, off, out, field=None):
        if isinstance(init, c_ast.InitList):
            if t.is_scalar:
                if not init.exprs:
                    out.append((off, field, None, t))
                    return
                if len(init.exprs) > 1:
                    self.warn(init.exprs[1], "excess elements in scalar initializer")
                return self.plan_obj(t, init.exprs[0], off, out, field)
            if len(init.exprs) == 1 and self.is_string_init(t, init.exprs[0]):
                return self.plan_obj(t, init.exprs[0], off, out)
            items = list(init.exprs)
            pos = [0]
            self.plan_list(t, items, pos, off, out, True)
            if pos[0] < len(items):
                self.warn(items[pos[0]], f"excess elements in {'array' if t.is_array else 'struct'}"
                                         " initializer")
            return
        if t.is_array and not self.is_string_init(t, init):
            self.err(init, "invalid initializer")
        out.append((off, field, init, t))

    def plan_list(self, t, items, pos, off, out, braced, lead=False):
        """``lead``: the first item is the rest of a designation that entered this
        subobject (``[1].x = 1, 2``); the items after it go on in this subobject, as C says,
        up to its end or the next designator."""
        if t.is_array:
            idx, mx, n, es = 0, 0, t.n, t.elem.size
            while pos[0] < len(items):
                it = items[pos[0]]
                if isinstance(it, c_ast.NamedInitializer):
                    if not braced and not lead:
                        break
                    lead = False
                    d = it.name[0]
                    if isinstance(d, c_ast.ID):
                        self.err(d, "field name not in record or union initializer")
                    lo, hi = self.designated_indices(d, n)
                    if lo == hi and len(it.name) > 1 and (t.elem.is_array or t.elem.is_struct):
                        items[pos[0]] = c_ast.NamedInitializer(it.name[1:], it.expr, it.coord)
                        self.plan_list(t.elem, items, pos, off + lo * es, out, False, True)
                        idx = hi + 1
                        mx = max(mx, idx)
                        continue
                    for idx in range(lo, hi + 1):
                        self.plan_designated(t.elem, it.name[1:], it.expr, off + idx * es, out)
                    pos[0] += 1
                    idx = hi + 1
                    mx = max(mx, idx)
                    continue
                if n is not None and idx >= n:
                    break
                self.plan_elem(t.elem, items, pos, off + idx * es, out)
                idx += 1
                mx = max(mx, idx)
            return mx
        if t.is_struct:
            if not t.complete:
                self.err(items[0] if items else None, f"variable has incomplete type '{t}'")
            fields = [f for f in t.fields if f.name is not None or f.bits is None]
            fi = 0
            while pos[0] < len(items):
                it = items[pos[0]]
                if isinstance(it, c_ast.NamedInitializer):
                    if not braced and not lead:
                        break
                    lead = False
                    d = it.name[0]
                    if not isinstance(d, c_ast.ID):
                        self.err(d, "array index in non-array initializer")
                    r = t.field(d.name)
                    if r is None:
                        self.err(d, f"'{t}' has no member named '{d.name}'")
                    fo, f = r
                    if len(it.name) > 1 and (f.type.is_array or f.type.is_struct):
                        items[pos[0]] = c_ast.NamedInitializer(it.name[1:], it.expr, it.coord)
                        self.plan_list(f.type, items, pos, off + fo, out, False, True)
                    else:
                        self.plan_designated(f.type, it.name[1:], it.expr, off + fo, out,
                                             f if f.bits is not None else None)
                        pos[0] += 1
                    fi = next((k + 1 for k, g in enumerate(fields) if g is f), len(fields))
                    if t.union:
                        fi = len(fields)
                    continue
                if fi >= len(fields) or (t.union and fi >= 1):
                    break
                f = fields[fi]
                self.plan_elem(f.type, items, pos, off + f.offset, out,
                               f if f.bits is not None else None)
                fi += 1
            return 0
        self.plan_obj(t, items[pos[0]], off, out)
        pos[0] += 1
        return 0

    def designated_indices(self, d, n):
        """(first, last) element an array designator names: one index, or a GNU range
        ``[lo ... hi]``, whose initialiser then goes to each element of it (evaluated once
        per element in a local initialiser; gcc evaluates it once)."""
        e = d.expr if isinstance(d, c_ast.ArrayDesignator) else d
        if isinstance(e, Range):
            lo, hi = self.const_int(e.lo), self.const_int(e.hi)
            if lo > hi:
                self.err(e, "empty index range in initializer")
            if lo < 0 or (n is not None and hi >= n):
                self.err(e, "array index range in initializer exceeds array bounds")
            return lo, hi
        idx = self.const_int(e)
        if idx < 0 or (n is not None and idx >= n):
            self.err(d, "array index in initializer exceeds array bounds")
        return idx, idx

    def plan_designated(self, t, rest, expr, off, out, field=None):
        for k, d in enumerate(rest):
            if isinstance(d, c_ast.ID):
                if not t.is_struct:
                    self.err(d, "field name not in record or union initializer")
                r = t.field(d.name)
                if r is None:
                    self.err(d, f"'{t}' has no member named '{d.name}'")
                off += r[0]
                t = r[1].type
                field = r[1] if r[1].bits is not None else None
            else:
                if not t.is_array:
                    self.err(d, "array index in non-array initializer")
                lo, hi = self.designated_indices(d, t.n)
                for idx in range(lo, hi):
                    self.plan_designated(t.elem, rest[k + 1:], expr, off + idx * t.elem.size,
                                         out)
                off += hi * t.elem.size
                t = t.elem
                field = None
        self.plan_obj(t, expr, off, out, field)

    def plan_elem(self, et, items, pos, off, out, field=None):
        it = items[pos[0]]
        if (et.is_array or et.is_struct) and not isinstance(it, c_ast.InitList) and \
                not self.is_string_init(et, it):
            if et.is_struct and self.static_type(it).is_struct:
                self.plan_obj(et, it, off, out)
                pos[0] += 1
                return
            self.plan_list(et, items, pos, off, out, False)
            return
        self.plan_obj(et, it, off, out, field)
        pos[0] += 1

    def init_local(self, addr, t, init):
        if not isinstance(init, c_ast.InitList) and not self.is_string_init(t, init):
            v = self.rv(init)
            v = self.assign_convert(v, t.unqual(), init, "initialization")
            self.store(LV(addr, t), v)
            return
        out = []
        self.plan_obj(t, init, 0, out)
        self.memset0(addr, t.size)
        for off, field, node, ft in out:
            p = self.gep(addr, off)
            if node is None:
                continue
            if self.is_string_init(ft, node):
                data = self.string_bytes(node.value) + b"\0"
                n = min(len(data), ft.size)
                g, _ = self.string_global(node)
                self.memcpy(p, g, n)
                continue
            v = self.rv(node)
            v = self.assign_convert(v, ft.unqual(), node, "initialization")
            al = min(t.align, off & -off) if off else None  # a packed struct's members
            self.store(LV(p, ft, field, align=al), v)

    def const_init(self, t, init):
        out = []
        self.plan_obj(t, init, 0, out)
        pieces = {}  # offset -> (size, constant)
        units = {}  # bit-field storage: offset -> (type, value)
        for off, field, node, ft in out:
            if node is None:
                continue
            if self.is_string_init(ft, node):
                data = (self.string_bytes(node.value) + b"\0")[:ft.size]
                data += b"\0" * (ft.size - len(data))
                pieces[off] = (ft.size, ir.Constant(ir.ArrayType(I8, ft.size), bytearray(data)))
                continue
            if field is not None:
                v = self.const_eval(node)
                if not isinstance(v, (int, float)):
                    self.err(node, "initializer element is not constant")
                ut, old = units.get(off, (field.type, 0))
                mask = (1 << field.bits) - 1
                units[off] = (ut, (old & ~(mask << field.bitoff)) |
                              ((int(v) & mask) << field.bitoff))
                continue
            pieces[off] = (ft.size, self.const_value(node, ft))
        for off, (ut, val) in units.items():
            pieces[off] = (ut.size, ir.Constant(lltype(ut), val & ((1 << (ut.size * 8)) - 1)))
        if not pieces:
            return ir.Constant(lltype(t), None)
        if not t.is_array and not t.is_struct and 0 in pieces and len(pieces) == 1:
            return pieces[0][1]
        elems = []
        cur = 0
        for off in sorted(pieces):
            size, c = pieces[off]
            if off < cur:
                continue
            if off > cur:
                elems.append(ir.Constant(ir.ArrayType(I8, off - cur), None))
            elems.append(c)
            cur = off + size
        if cur < t.size:
            elems.append(ir.Constant(ir.ArrayType(I8, t.size - cur), None))
        st = ir.LiteralStructType([e.type for e in elems], packed=True)
        return ir.Constant(st, elems)

    def const_value(self, node, t):
        """An ir.Constant of type ``t`` for an initialiser expression of static storage."""
        if t.is_struct:
            self.err(node, "initializer element is not constant")
        v = self.const_eval(node)
        if v is not None:
            if t.is_int:
                return ir.Constant(lltype(t), int(v != 0) if t.boolean else self.wrap(int(v), t))
            if t.is_float:
                return ir.Constant(lltype(t), self.fconv(v, t))
            if t.is_ptr:
                if v == 0:
                    return ir.Constant(lltype(t), None)
                return ir.Constant(lltype(t), None).inttoptr(lltype(t)) if False else \
                    ir.FormattedConstant(lltype(t), f"inttoptr (i{self.ptr_size * 8} {int(v)} "
                                                     f"to {lltype(t)})")
        a = self.const_addr(node)
        if a is None:
            self.err(node, "initializer element is not constant")
        g, off = a
        if t.is_int and t.size == self.ptr_size:
            ref = self._gep_const(g, off)
            return ir.FormattedConstant(lltype(t), f"ptrtoint ({ref.type} {ref.get_reference()} "
                                                    f"to {lltype(t)})")
        if not t.is_ptr:
            self.err(node, "initializer element is not computable at load time")
        st = self.static_type(node)
        c = self._gep_const(g, off)
        if st.is_ptr or st.is_array or st.is_func:
            src = self.decay(V(None, st)).type if not st.is_ptr else st
            if src.is_ptr and not (src.to.is_void or t.to.is_void or
                                   T.compatible(src.to, t.to)):
                self.warn(node, f"initialization of '{t}' from incompatible pointer type "
                                f"'{src}'")
        if c.type != lltype(t):
            return ir.FormattedConstant(lltype(t), f"addrspacecast ({c.type} "
                                                    f"{c.get_reference()} to {lltype(t)})")
        return c

    def _gep_const(self, g, off):
        if off == 0:
            return g
        return ir.FormattedConstant(g.type, f"getelementptr (i8, {g.type} {g.get_reference()}, "
                                            f"i32 {off})")

    def const_addr(self, node):
        """(global, byte offset) of an address constant, or None."""
        if isinstance(node, c_ast.GenericSelection):
            return self.const_addr(self.generic_choice(node))
        if isinstance(node, c_ast.Cast):
            return self.const_addr(node.expr)
        if isinstance(node, c_ast.Constant) and node.type == "string":
            return self.string_global(node)[0], 0
        if isinstance(node, c_ast.ID):
            s = self.lookup(node.name)
            if s is None:
                self.undeclared(node)
            if s.kind == "func" or (s.kind == "var" and s.type.is_array and
                                    isinstance(s.value, ir.GlobalVariable)):
                return s.value, 0
            return None
        if isinstance(node, c_ast.UnaryOp) and node.op == "&":
            return self.const_lvalue(node.expr)
        if isinstance(node, (c_ast.ArrayRef, c_ast.StructRef)) and \
                self.static_type(node).is_array:  # an array element or member decays
            return self.const_lvalue(node)
        if isinstance(node, c_ast.CompoundLiteral) and self.fn is None:
            g, t = self.static_compound(node)
            return (g, 0) if t.is_array else None
        if isinstance(node, c_ast.BinaryOp) and node.op in ("+", "-"):
            lt = self.static_type(node.left)
            if lt.is_ptr or lt.is_array:
                base = self.const_addr(node.left)
                k = self.const_eval(node.right)
                if base is None or not isinstance(k, int):
                    return None
                et = lt.to if lt.is_ptr else lt.elem
                size = 1 if et.is_void else et.size
                return base[0], base[1] + (k if node.op == "+" else -k) * size
        return None

    def static_compound(self, node):
        """The unnamed object of a compound literal at file scope (static storage duration)."""
        if id(node) not in self.compound_globals:
            t = self.ctype(node.type)
            if t.is_array and t.n is None:
                t = T.Array(t.elem, self.infer_len(node.init, t.elem))
            c = self.const_init(t, node.init)
            g = ir.GlobalVariable(self.module, c.type, self.module.get_unique_name(
                ".compoundliteral"))
            g.initializer, g.linkage, g.align = c, "internal", t.align
            g.global_constant = t.const
            self.compound_globals[id(node)] = (opq(g), t)
        return self.compound_globals[id(node)]

    def const_lvalue(self, node):
        if isinstance(node, c_ast.CompoundLiteral) and self.fn is None:
            return self.static_compound(node)[0], 0
        if isinstance(node, c_ast.ID):
            s = self.lookup(node.name)
            if s is None:
                self.undeclared(node)
            if s.kind in ("var", "func") and isinstance(s.value, (ir.GlobalVariable,
                                                                  ir.Function)):
                return s.value, 0
            return None
        if isinstance(node, c_ast.StructRef) and node.type == ".":
            base = self.const_lvalue(node.name)
            st = self.static_type(node.name)
            if base is None or not st.is_struct:
                return None
            r = st.field(node.field.name)
            return None if r is None else (base[0], base[1] + r[0])
        if isinstance(node, c_ast.ArrayRef):
            bt = self.static_type(node.name)
            k = self.const_eval(node.subscript)
            if not isinstance(k, int):
                return None
            base = self.const_lvalue(node.name) if bt.is_array else self.const_addr(node.name)
            if base is None:
                return None
            et = bt.elem if bt.is_array else bt.to
            return base[0], base[1] + k * et.size
        if isinstance(node, c_ast.Constant) and node.type == "string":
            return self.string_global(node)[0], 0
        if isinstance(node, c_ast.UnaryOp) and node.op == "*":
            return self.const_addr(node.expr)
        return None

    # ------------------------------------------------------------------ functions
    def function(self, node):
        decl = node.decl
        ft = self.ctype(decl.type)
        name = decl.name
        storage = decl.storage[0] if decl.storage else None
        if not ft.is_func:
            self.err(decl, "expected '=', ',', ';', 'asm' or '__attribute__' before '{' token")
        if not ft.proto:
            ft = T.Func(ft.ret, ft.params, ft.variadic, proto=bool(ft.params))
            if not ft.params:
                ft.proto = False
        s = self.declare_function(name, ft if ft.proto else T.Func(ft.ret, [], False, True),
                                  storage, decl)
        if s.defined:
            self.err(decl, f"redefinition of '{name}'")
        s.defined = True
        fn = s.value
        if fn.name != name and name not in self.module.globals:
            fn.name = name
        self.apply_fn_attrs(fn, decl)
        if fn.linkage == "extern_weak":
            fn.linkage = "weak"
        if storage == "static":
            fn.linkage = "internal"
        ft = s.type
        if getattr(fn, "blocks", None):
            self.err(decl, f"redefinition of '{name}'")
        st = _FnState(fn, ft, name)
        self.fn = st
        entry = fn.append_basic_block("entry")
        st.entry = entry
        body = fn.append_basic_block("body")
        self.builder = ir.IRBuilder(entry)
        self.builder.position_at_end(body)
        if self.dbg is not None:
            self.dbg.begin_function(fn, name, decl.coord, node.body.coord, storage == "static")
            self.builder.debug_metadata = self.dbg.at(node.body, None)
        self.push()
        params = decl.type.args.params if decl.type.args is not None else []
        args = list(fn.args)
        if ft.ret.is_struct:
            st.sret = args.pop(0)
            st.sret.name = "sret"
            st.sret.add_attribute("noalias")
            st.sret.attributes.align = ft.ret.align  # the caller's temporary (see call())
        k = 0
        for p in params:
            if isinstance(p, c_ast.EllipsisParam):
                continue
            if isinstance(p, c_ast.ID):
                self.err(p, "old-style parameter declarations are not supported")
            # evaluated here, in the function: the lengths of variable-length array parameters
            # (int m[][n]) are computed from the parameters before them
            pt = self.param_type(self.ctype(p.type))
            if pt.is_void:
                continue
            if p.name is None:
                self.err(p, "parameter name omitted")
            if k >= len(args):
                break
            a = args[k]
            k += 1
            a.name = p.name
            if pt.is_struct:
                self.scopes[-1][p.name] = _Sym("var", pt, a)
                continue
            slot = self.alloca(pt, p.name + ".addr")
            self.builder.store(a, slot, align=pt.align)
            if self.dbg is not None:
                self.dbg.variable(fn.name, slot.name, p.name, pt, p.coord.line if p.coord else 0,
                                  parameter=True)
            self.scopes[-1][p.name] = _Sym("var", pt, slot)
        self.scopes[-1]["__func__"] = None
        del self.scopes[-1]["__func__"]
        self.compound(node.body, new_scope=False)
        b = self.builder
        if self.dbg is not None:
            b.debug_metadata = self.closing_location(node.body) or b.debug_metadata
        if not b.block.is_terminated:
            reachable = b.block is body or self.has_preds(b.block)
            if ft.ret.is_void or ft.ret.is_struct:
                b.ret_void()
            else:
                if name != "main" and reachable:
                    self.warn_end(node.body, "control reaches end of non-void function [-Wreturn-type]")
                b.ret(ir.Constant(lltype(ft.ret), 0 if not ft.ret.is_ptr else None))
        for lname, blk in st.labels.items():
            if not getattr(blk, "_defined", False):
                self.err(getattr(blk, "_use", node.body), f"label '{lname}' used but not defined")
        for blk in fn.blocks:
            if blk is not entry and not blk.is_terminated:
                b.position_at_end(blk)
                b.unreachable()
        if self.dbg is not None:
            # Every return leaves through the epilogue, which gcc reports at the closing brace.
            for blk in fn.blocks:
                if isinstance(blk.terminator, ir.Ret) and b.debug_metadata is not None:
                    blk.terminator.set_metadata("dbg", b.debug_metadata)
            b.debug_metadata = self.dbg.at(node.body, None)
        with b.goto_block(entry):
            b.position_at_end(entry)
            b.branch(body)
        if self.dbg is not None:
            self.dbg.end_function()
        self.pop()
        self.fn = None
        self.builder = None

    def closing_location(self, body):
        """The location of the '}' that ends a function body (None when unknown)."""
        c = body.coord
        end = self.lm.closing_brace(c.file, c.line, c.column) if c is not None else None
        return self.dbg.location(end[0], end[1], end[2]) if end is not None else None

    def warn_end(self, body, msg):
        c = body.coord
        loc = self.lm.closing_brace(c.file, c.line, c.column) if c is not None else None
        if loc is None:
            self.warn(body, msg)
            return
        from dpucore.diag import Diagnostic
        self.warnings.append(Diagnostic("warning", msg, loc[0], loc[1], loc[2], loc[3]))

    def has_preds(self, block):
        for bb in self.fn.fn.blocks:
            term = bb.terminator
            if term is not None and block in getattr(term, "operands", []):
                return True
        return False


class _EndCoord:
    def __init__(self, body):
        c = body.coord
        self.coord = getattr(body, "end_coord", None) or c
