"""LLVM's optimisation pipeline over the front end's IR, through llvmlite.

The DPU has no LLVM target, so the passes run with a 32-bit x86 target machine for their cost
models, the DPU's data layout kept in the module, and vectorisation off (the DPU has no vector
unit and the back end lowers no vector types).  The result is the optimised module as text,
which is what the back end parses (DESIGN.md: llvmlite's value API cannot answer everything the
back end asks).
"""

from __future__ import annotations

import functools

import llvmlite.binding as llvm


class OptimizerError(RuntimeError):
    """LLVM refused the module (a front-end bug: its IR must always verify)."""


@functools.lru_cache(maxsize=1)
def _target_machine():
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()
    target = llvm.Target.from_triple("i386-unknown-none-elf")
    return target.create_target_machine(opt=2)


def optimize(ir_text: str, level: int = 2) -> str:
    """Verify ``ir_text`` and run the default ``O<level>`` pipeline (0 verifies only)."""
    try:
        module = llvm.parse_assembly(ir_text)
        module.verify()
    except RuntimeError as e:
        raise OptimizerError(f"invalid LLVM IR: {e}") from None
    if level <= 0:
        return str(module)
    pto = llvm.create_pipeline_tuning_options(speed_level=min(level, 3))
    pto.loop_vectorization = False
    pto.slp_vectorization = False
    builder = llvm.create_pass_builder(_target_machine(), pto)
    builder.getModulePassManager().run(module, builder)
    return str(module)
