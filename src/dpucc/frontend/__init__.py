"""The C front end of dpucc: C source → LLVM IR text for the DPU.

Pipeline: :func:`preprocess_c` (pcpp with the DPU's predefined macros) → :mod:`.gnu` (GNU
extensions rewritten in place, attributes recorded with their positions) → pycparser →
:mod:`.codegen` (type checking with gcc-worded diagnostics, IR generation with llvmlite).
ABI decisions (struct passing, variadic arguments, floating point) are documented in
:mod:`.codegen`.
"""

from __future__ import annotations

from llvmlite import ir
from pycparser import c_ast, c_parser
from pycparser.c_parser import _BINARY_PRECEDENCE

from dpucore.diag import Diagnostic, DiagnosticError

from .. import target
from .codegen import Base
from .debuginfo import DebugInfo
from .decls import DeclMixin
from .exprs import ExprMixin
from .gnu import TYPEOF_PREFIX, LineMap, Range, rewrite
from .preprocess import preprocess_c
from .stmts import StmtMixin

__all__ = ["compile_c", "parse_c", "preprocess_c"]

# Typedefs every translation unit starts with (gcc provides them built in).
_PRELUDE = "typedef char *__builtin_va_list;\n"


class Compiler(DeclMixin, StmtMixin, ExprMixin, Base):
    pass


class _Parser(c_parser.CParser):
    """pycparser with a position on every syntax error (the next token's)."""

    last_tok = None
    oracle = None  # extra typedef names (a callable), for parsing typeof operands

    def _is_type_in_scope(self, name):
        if name.startswith(TYPEOF_PREFIX):
            return True
        for scope in reversed(self._scope_stack):
            if name in scope:
                return scope[name]
        return bool(self.oracle and self.oracle(name))

    def _parse_binary_expression(self, min_prec=0, lhs=None):
        """Operator-precedence parsing like pycparser's, except that a BinaryOp's position is
        its operator's: gcc reports a binary operator's diagnostics (-Wsign-compare, invalid
        operands, division by zero) there, not at the left operand."""
        if lhs is None:
            lhs = self._parse_cast_expression()
        while True:
            op = self._peek()
            prec = _BINARY_PRECEDENCE.get(op.type) if op is not None else None
            if prec is None or prec < min_prec:
                return lhs
            self._advance()
            rhs = self._parse_cast_expression()
            while True:
                nxt = self._peek()
                nprec = _BINARY_PRECEDENCE.get(nxt.type) if nxt is not None else None
                if nprec is None or nprec <= prec:
                    break
                rhs = self._parse_binary_expression(nprec, rhs)
            lhs = c_ast.BinaryOp(op.value, lhs, rhs, self._tok_coord(op))

    def _parse_labeled_statement(self):
        """Also GNU case ranges: ``case lo ... hi:`` gives a Case whose expr is a Range."""
        if self._peek_type() != "CASE":
            return super()._parse_labeled_statement()
        tok = self._advance()
        expr = self._parse_constant_expression()
        if self._accept("ELLIPSIS"):
            expr = Range(expr, self._parse_constant_expression(), expr.coord)
        self._expect("COLON")
        if self._starts_statement():
            stmt = self._parse_pragmacomp_or_statement()
        else:
            stmt = c_ast.EmptyStatement(self._tok_coord(tok))
        return c_ast.Case(expr, [stmt], self._tok_coord(tok))

    def _parse_designator(self):
        """Also GNU range designators: ``[lo ... hi]`` gives an ArrayDesignator of a Range."""
        tok = self._accept("LBRACKET")
        if tok is None:
            return super()._parse_designator()
        expr = self._parse_constant_expression()
        if self._accept("ELLIPSIS"):
            expr = Range(expr, self._parse_constant_expression(), expr.coord)
        self._expect("RBRACKET")
        return c_ast.ArrayDesignator(expr, self._tok_coord(tok))

    def _parse_error(self, msg, coord):
        if not hasattr(coord, "line"):
            try:
                tok = self._tokens.peek(1)
            except Exception:  # noqa: BLE001 - pycparser raises plain errors too
                tok = None
            if tok is not None:
                coord = self._tok_coord(tok)
                if msg == "At end of input" or not msg.startswith("before"):
                    msg = f"before: {tok.value}"
            else:
                msg = "expected declaration or statement at end of input"
        super()._parse_error(msg, coord)


def _parse_error(e: Exception, lm: LineMap, filename: str) -> DiagnosticError:
    text = str(e)
    import re
    m = re.match(r"(.*?):(\d+):(\d+): (.*)", text, re.DOTALL)
    if not m:
        return DiagnosticError(Diagnostic("error", text, filename))
    file, line, col, msg = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    m2 = re.match(r"before: (.*)", msg)
    if m2:
        tok = m2.group(1)
        msg = f"expected expression before '{tok}' token" if tok in (")", "]") \
            else f"syntax error before '{tok}' token"
    return DiagnosticError(Diagnostic("error", msg, file, line, col, lm.source_line(file, line)))


def parse_c(text: str, filename: str):
    """Preprocessed text → (pycparser AST, line map, attributes by node id, module asm)."""
    if not text.startswith("#line"):
        text = f'#line 1 "{filename}"\n' + text
    full = '#line 1 "<built-in>"\n' + _PRELUDE + text
    rw = rewrite(full, filename)
    lm = LineMap(rw.text, filename)
    parser = _Parser()
    try:
        ast = parser.parse(rw.text, filename)
    except c_parser.ParseError as e:
        raise _parse_error(e, lm, filename) from None
    except Exception as e:  # noqa: BLE001 - pycparser raises plain errors too
        raise _parse_error(e, lm, filename) from None
    attrs = _attach(ast, rw.attrs, lm)
    attrs["typeofs"] = rw.typeofs
    return ast, lm, attrs, rw.module_asm


def _attach(ast, attrs, lm: LineMap):
    """Hand each recorded attribute to the declaration or struct it belongs to."""
    if not attrs:
        return {}
    decls, structs = [], []
    params = set()

    class Walk(c_ast.NodeVisitor):
        def generic_visit(self, node):
            if isinstance(node, c_ast.ParamList):
                for p in node.params:
                    params.add(id(p))
            if isinstance(node, (c_ast.Decl, c_ast.Typedef)) and node.coord is not None:
                off = lm.offset(node.coord.file, node.coord.line, node.coord.column)
                if off is not None:
                    decls.append((off, node))
            if isinstance(node, (c_ast.Struct, c_ast.Union)) and node.decls is not None \
                    and node.coord is not None:
                off = lm.offset(node.coord.file, node.coord.line, node.coord.column)
                if off is not None:
                    structs.append((off, node))
            for c in node:
                self.visit(c)

    Walk().visit(ast)
    decls.sort(key=lambda x: x[0])
    structs.sort(key=lambda x: x[0])
    out: dict[int, list] = {}
    for a in attrs:
        target_nodes = []
        if a.prev in ("struct", "union", "enum"):
            target_nodes = [n for o, n in structs if o > a.pos][:1]
        elif a.prev == "}" and a.brace_open is not None:
            cands = [n for o, n in structs if o <= a.brace_open]
            target_nodes = cands[-1:]
            # a declarator-less "struct {...} __attribute__((x));" and "} x attr;" differ:
            # this branch is only reached when the attribute follows the brace directly
        elif a.paren_depth > 0:
            continue
        else:
            target_nodes = [n for o, n in decls if a.decl_start <= o < a.decl_end
                            and id(n) not in params]
            if not target_nodes:
                nxt = [n for o, n in decls if o > a.pos and id(n) not in params]
                target_nodes = nxt[:1]
        for n in target_nodes:
            out.setdefault(id(n), []).extend(a.items)
    return out


def compile_c(source: str, filename: str, *, include_dirs=(), defines=(), undefines=(),
              std: str = "c11", debug_dir: str | None = None, diagnostics: list | None = None,
              werror: bool = False, wall: bool = False, _host_test: bool = False) -> str:
    """Compile C ``source`` to LLVM IR text for the DPU; raises DiagnosticError.

    Warnings are appended to ``diagnostics`` when given (``werror`` turns them into errors;
    ``wall`` adds -Wall's: unused variables, comparisons of different signedness).
    ``debug_dir`` (``-g``): attach source locations, recording it as the compilation directory.
    ``_host_test`` is for the test-suite only: 64-bit pointers and the host's data layout, so
    the IR can run under the host JIT (C type sizes otherwise stay the DPU's).
    """
    text = preprocess_c(source, filename, include_dirs=include_dirs, defines=defines,
                        undefines=undefines, std=std)
    return compile_preprocessed(text, filename, diagnostics=diagnostics, werror=werror,
                                debug_dir=debug_dir, wall=wall, _host_test=_host_test)


def compile_preprocessed(text: str, filename: str, *, diagnostics=None, werror=False,
                         wall=False, debug_dir: str | None = None, debug_prefix_map=(),
                         _host_test=False) -> str:
    """Compile preprocessed C to LLVM IR text; see :func:`compile_c`.  ``debug_prefix_map``:
    gcc's ``-fdebug-prefix-map`` pairs (old, new), for builds that must not name their
    directory."""
    ast, lm, attrs, module_asm = parse_c(text, filename)
    typeofs = attrs.pop("typeofs", [])
    cg = Compiler(lm, filename, attrs, ptr_size=8 if _host_test else 4, wall=wall)
    if debug_dir is not None:
        cg.dbg = DebugInfo(cg.module, filename, debug_dir, debug_prefix_map)
    cg.typeofs = typeofs
    cg.make_parser = _Parser
    if not _host_test:
        cg.module.triple = target.TRIPLE
        cg.module.data_layout = target.DATA_LAYOUT
    try:
        cg.translation_unit(ast)
    except RecursionError:
        raise DiagnosticError(Diagnostic("error", "expression nesting too deep", filename)) \
            from None
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, AssertionError) as e:
        # a bug of the front end: report it as gcc reports its own, never as a traceback
        raise DiagnosticError(Diagnostic(
            "error", f"internal compiler error: {type(e).__name__}: {e}", filename)) from e
    if any(d.severity == "error" for d in cg.warnings):  # errors the code generator got past
        raise DiagnosticError(cg.warnings)
    if cg.dbg is not None:
        for name, sym in sorted(cg.scopes[0].items(), key=lambda kv: kv[0]):
            if sym is not None and sym.kind == "var" and isinstance(sym.value, ir.GlobalVariable) \
                    and sym.type.complete and not sym.type.is_func:
                line = sym.node.coord.line if sym.node is not None and sym.node.coord else 0
                cg.dbg.global_variable(sym.value.name, name, sym.type, line)
        cg.dbg.finish()
    if module_asm:
        cg.module.asm = "\n".join(module_asm)
    if diagnostics is not None:
        diagnostics.extend(cg.warnings)
    if werror and cg.warnings:
        raise DiagnosticError([Diagnostic("error", d.message, d.file, d.line, d.col, d.source)
                               for d in cg.warnings])
    return str(cg.module)
