"""Statements: control flow onto basic blocks."""

from __future__ import annotations

from llvmlite import ir

from dpucore.diag import DiagnosticError
from pycparser import c_ast

from . import ctypes as T
from .codegen import _Sym
from .ctypes import lltype
from .gnu import Range


class StmtMixin:
    def new_block(self, name):
        return self.fn.fn.append_basic_block(name)

    def live(self):
        """Make sure the builder sits in an open block (code after return/break)."""
        if self.builder.block.is_terminated:
            self.builder.position_at_end(self.new_block("dead"))

    def jump(self, target):
        if not self.builder.block.is_terminated:
            self.builder.branch(target)

    def compound(self, node, new_scope=True):
        if new_scope:
            self.push()
        for item in node.block_items or ():
            depth = (len(self.scopes), len(self.fn.breaks), len(self.fn.conts),
                     len(self.fn.switches))
            try:
                self.stmt(item)
            except DiagnosticError as e:
                self.recover(e, item, depth)
        if new_scope:
            self.pop()

    def recover(self, e, item, depth):
        """Go on after an error in a block item, as gcc does, to report the next ones; the
        translation unit then fails with all of them (see ``compile_preprocessed``).

        The statement is abandoned: scopes and loop/switch contexts it opened are closed,
        code goes on in a fresh block (no IR is emitted once there is an error).  A name
        whose declaration failed is marked so that its uses stay silent, as gcc does."""
        self.warnings = list(e.diagnostics)
        scopes, breaks, conts, switches = depth
        del self.scopes[scopes:], self.tags[scopes:]
        del self.fn.breaks[breaks:], self.fn.conts[conts:], self.fn.switches[switches:]
        del self.fn.break_depths[breaks:], self.fn.cont_depths[conts:]
        for k in [k for k in self.fn.vla_saves if k > scopes]:
            del self.fn.vla_saves[k]
        self.probe = False
        for d in item.decls if isinstance(item, c_ast.DeclList) else [item]:
            if isinstance(d, c_ast.Decl) and d.name and d.name not in self.scopes[-1]:
                self.fn.undeclared.add(d.name)
        self.builder.position_at_end(self.new_block("after.error"))

    def stmt(self, node):
        b = self.builder
        if self.dbg is None or isinstance(node, c_ast.Compound):
            return self._stmt(node)
        outer = b.debug_metadata
        b.debug_metadata = self.dbg.at(node, outer)
        try:
            return self._stmt(node)
        finally:
            b.debug_metadata = outer

    def _stmt(self, node):
        b = self.builder
        self.live()
        if isinstance(node, c_ast.Compound):
            return self.compound(node)
        if isinstance(node, c_ast.Decl):
            return self.local_decl(node)
        if isinstance(node, c_ast.DeclList):
            for d in node.decls:
                self.local_decl(d)
            return
        if isinstance(node, c_ast.Typedef):
            return self.typedef(node)
        if isinstance(node, c_ast.StaticAssert):
            return self.static_assert(node)
        if isinstance(node, (c_ast.EmptyStatement, c_ast.Pragma)):
            return
        if isinstance(node, c_ast.Return):
            ret = self.fn.ftype.ret
            if node.expr is None:
                if not ret.is_void:
                    self.warn(node, "'return' with no value, in function returning non-void "
                                    "[-Wreturn-type]")
                    b.ret(ir.Constant(lltype(ret), None))
                else:
                    b.ret_void()
                return
            v = self.rv(node.expr)
            if ret.is_void:
                if not v.type.is_void:
                    self.warn(node, "'return' with a value, in function returning void")
                b.ret_void()
                return
            v = self.assign_convert(v, ret.unqual(), node.expr, "return")
            if ret.is_struct:
                self.memcpy(self.fn.sret, v.addr, ret.size, ret.align, dst_align=ret.align)
                b.ret_void()
                return
            b.ret(v.value)
            return
        if isinstance(node, c_ast.If):
            c = self.cond(node.cond)
            then = self.new_block("if.then")
            end = self.new_block("if.end")
            els = self.new_block("if.else") if node.iffalse is not None else end
            b.cbranch(c, then, els)
            b.position_at_end(then)
            self.stmt(node.iftrue)
            self.jump(end)
            if node.iffalse is not None:
                b.position_at_end(els)
                self.stmt(node.iffalse)
                self.jump(end)
            b.position_at_end(end)
            return
        if isinstance(node, (c_ast.While, c_ast.DoWhile, c_ast.For)):
            return self.loop(node)
        if isinstance(node, c_ast.Break):
            if not self.fn.breaks:
                self.err(node, "break statement not within loop or switch")
            self.leave_scopes(self.fn.break_depths[-1])
            b.branch(self.fn.breaks[-1])
            return
        if isinstance(node, c_ast.Continue):
            if not self.fn.conts:
                self.err(node, "continue statement not within a loop")
            self.leave_scopes(self.fn.cont_depths[-1])
            b.branch(self.fn.conts[-1])
            return
        if isinstance(node, c_ast.Switch):
            return self.switch(node)
        if isinstance(node, (c_ast.Case, c_ast.Default)):
            if not self.fn.switches:
                self.err(node, "case label not within a switch statement"
                         if isinstance(node, c_ast.Case) else
                         "'default' label not within a switch statement")
                return
            sw, t, seen, ranges = self.fn.switches[-1]
            blk = self.new_block("case" if isinstance(node, c_ast.Case) else "default")
            self.jump(blk)
            b.position_at_end(blk)
            if isinstance(node, c_ast.Case) and isinstance(node.expr, Range):
                lo = self.wrap(self.const_int(node.expr.lo), t)
                hi = self.wrap(self.const_int(node.expr.hi), t)
                if lo > hi:
                    self.warn(node, "empty range specified")
                else:
                    prev = next((c for v, c in seen.items() if v != "default" and
                                 lo <= v <= hi), None) or next(
                        (c for l, h, _, c in ranges if lo <= h and l <= hi), None)
                    if prev is not None:
                        self.err(node, "duplicate (or overlapping) case value",
                                 (prev, "this is the first entry overlapping that value"))
                    ranges.append((lo, hi, blk, node))
            elif isinstance(node, c_ast.Case):
                v = self.const_int(node.expr)
                v = self.wrap(v, t)
                prev = seen.get(v) or next((c for l, h, _, c in ranges if l <= v <= h), None)
                if prev is not None:
                    self.err(node, "duplicate case value", (prev, "previously used here"))
                seen[v] = node
                sw.add_case(ir.Constant(lltype(t), v), blk)
            else:
                if "default" in seen:
                    self.err(node, "multiple default labels in one switch")
                seen["default"] = node
                sw.default = blk
            for s in node.stmts or ():
                self.stmt(s)
            return
        if isinstance(node, c_ast.Label):
            blk = self.label_block(node.name)
            if getattr(blk, "_defined", False):
                self.err(node, f"duplicate label '{node.name}'")
            blk._defined = True
            self.jump(blk)
            b.position_at_end(blk)
            if node.stmt is not None:
                self.stmt(node.stmt)
            return
        if isinstance(node, c_ast.Goto):
            blk = self.label_block(node.name)
            if not hasattr(blk, "_use"):
                blk._use = node
            b.branch(blk)
            return
        self.expr(node, decay=False)

    def label_block(self, name):
        blk = self.fn.labels.get(name)
        if blk is None:
            blk = self.new_block(f"label.{name}")
            self.fn.labels[name] = blk
        return blk

    def loop(self, node):
        b = self.builder
        pushed = False
        if isinstance(node, c_ast.For) and node.init is not None:
            self.push()
            pushed = True
            if isinstance(node.init, c_ast.DeclList):
                for d in node.init.decls:
                    self.local_decl(d)
            else:
                self.expr(node.init, decay=False)
        head = self.new_block("loop.cond")
        body = self.new_block("loop.body")
        step = self.new_block("loop.step")
        end = self.new_block("loop.end")
        b.branch(body if isinstance(node, c_ast.DoWhile) else head)
        b.position_at_end(head)
        if node.cond is not None:
            c = self.cond(node.cond)
            b.cbranch(c, body, end)
        else:
            b.branch(body)
        self.fn.breaks.append(end)
        self.fn.conts.append(step)
        self.fn.break_depths.append(len(self.scopes))
        self.fn.cont_depths.append(len(self.scopes))
        b.position_at_end(body)
        self.push()
        self.stmt(node.stmt)
        self.pop()
        self.jump(step)
        self.fn.breaks.pop()
        self.fn.conts.pop()
        self.fn.break_depths.pop()
        self.fn.cont_depths.pop()
        b.position_at_end(step)
        if isinstance(node, c_ast.For) and node.next is not None:
            self.expr(node.next, decay=False)
        b.branch(head)
        b.position_at_end(end)
        if pushed:
            self.pop()

    def switch(self, node):
        b = self.builder
        v = self.rv(node.cond)
        if not v.type.is_int:
            self.err(node.cond, "switch quantity not an integer")
        t = self.promote(v.type)
        v = self.convert(v, t)
        end = self.new_block("switch.end")
        sw = b.switch(v.value, end)
        ranges = []
        self.fn.switches.append((sw, t, {}, ranges))
        self.fn.breaks.append(end)
        self.fn.break_depths.append(len(self.scopes))
        b.position_at_end(self.new_block("switch.body"))
        self.stmt(node.stmt)
        self.jump(end)
        self.fn.breaks.pop()
        self.fn.break_depths.pop()
        self.fn.switches.pop()
        if ranges:
            self.case_ranges(sw, v, ranges)
        b.position_at_end(end)

    def case_ranges(self, sw, v, ranges):
        """GNU case ranges: the values no single case takes are tested against each range
        in turn, ``(unsigned)(v - lo) <= hi - lo``, before going to ``default``.  A range
        may hold millions of values, so it never becomes one switch case per value; LLVM
        turns a chain of small ranges back into a table where that pays."""
        b = self.builder
        ty = v.value.type
        test = self.new_block("case.range")
        fallback, sw.default = sw.default, test
        for k, (lo, hi, blk, _) in enumerate(ranges):
            b.position_at_end(test)
            test = self.new_block("case.range") if k + 1 < len(ranges) else fallback
            off = b.sub(v.value, ir.Constant(ty, lo))
            b.cbranch(b.icmp_unsigned("<=", off, ir.Constant(ty, hi - lo)), blk, test)

    def local_decl(self, node):
        storage = node.storage[0] if node.storage else None
        if node.name is None:
            self.ctype(node.type)
            return
        t = self.ctype(node.type)
        if node.name in self.scopes[-1] and storage != "extern":
            prev = self.scopes[-1][node.name]
            if prev is not None and prev.kind != "func":
                self.err(node, f"redefinition of '{node.name}'" if prev.kind == "var"
                         else f"'{node.name}' redeclared as different kind of symbol")
        if t.is_func:
            s = self.declare_function(node.name, t, storage, node)
            self.scopes[-1][node.name] = s
            return
        if storage == "extern":
            s = self.global_var(node, t, storage, node.name)
            self.scopes[-1][node.name] = s
            return
        if storage == "static" or T.in_mram(t):
            self.fn.static_count += 1
            self.global_var(node, t, "static", f"{self.fn.name}.{node.name}",
                            local_static=True)
            return
        if T.is_variable(t):
            if node.init is not None:
                self.err(node.init, "variable-sized object may not be initialized")
            sym = _Sym("var", t, self.vla_alloca(t, node.name, node), None, node)
            sym.local = True
            self.scopes[-1][node.name] = sym
            return
        if t.is_array and t.n is None:
            if node.init is None:
                self.err(node, f"array size missing in '{node.name}'")
            t = T.Array(t.elem, self.infer_len(node.init, t.elem))
        if not t.complete:
            self.err(node, f"storage size of '{node.name}' isn't known")
        a = self.alloca(t, node.name)
        if self.dbg is not None:
            self.dbg.variable(self.fn.fn.name, a.name, node.name, t,
                              node.coord.line if node.coord else 0)
        for n, args in self.attrs.get(id(node), ()):
            if n == "aligned":
                a.align = max(a.align, self.const_text(args[0]) if args else 8)
        if node.align:
            a.align = max(a.align, self.alignas(node))
        sym = _Sym("var", t, a, None, node)
        sym.local = True
        self.scopes[-1][node.name] = sym
        if node.init is not None:
            self.init_local(a, t, node.init)
