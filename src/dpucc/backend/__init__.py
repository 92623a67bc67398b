"""DPU code generation from optimised LLVM IR text: ``compile_module(ir_text, source_name)``.

See :mod:`dpucc.backend.codegen` for the calling convention and frame layout.
"""

from .codegen import UnsupportedError, compile_module

__all__ = ["UnsupportedError", "compile_module"]
