"""What the compiler knows about the DPU target: data layout, C type sizes, ABI registers.

Both halves of the compiler read this module: the front end lays out C types and emits LLVM IR
with this data layout; the back end follows the same ABI when it lowers calls and frames
(ISA.md, "ABI").
"""

from __future__ import annotations

# LLVM's description of the DPU's memory layout (ISA.md): little-endian, 32-bit pointers,
# naturally aligned integers up to 32 bits, 64-bit integers (and double) 8-byte aligned.
DATA_LAYOUT = "e-m:e-p:32:32-i1:8:32-i8:8:32-i16:16:32-i32:32:32-i64:64:64-n32"
# LLVM has no DPU target; the IR names a generic 32-bit triple and the optimiser runs without
# target-specific lowering (no vectorisation), so nothing x86-specific appears in its output.
TRIPLE = "dpu-upmem-none"
MRAM_ADDRESS_SPACE = 255  # __mram_ptr pointers

# C types (bytes): char is signed; long is 64-bit; size_t is unsigned int.
SIZEOF = {
    "_Bool": 1, "char": 1, "short": 2, "int": 4, "long": 8, "long long": 8,
    "float": 4, "double": 8, "long double": 8, "pointer": 4,
}
ALIGNOF = {
    "_Bool": 1, "char": 1, "short": 2, "int": 4, "long": 8, "long long": 8,
    "float": 4, "double": 8, "long double": 8, "pointer": 4,
}
CHAR_IS_SIGNED = True
SIZE_TYPE = "unsigned int"
PTRDIFF_TYPE = "int"

# ABI (ISA.md): arguments r0..r7 (32-bit) / d0, d2, d4, d6 (64-bit), the rest and every
# variadic argument on the stack; results in r0 / d0 (high word r0, low word r1).
ARG_REGISTERS = tuple(range(8))
RETURN_REGISTER = 0
CALLER_SAVED = tuple(range(14))  # r0..r13
CALLEE_SAVED = tuple(range(14, 22))  # r14..r21
STACK_POINTER = 22  # grows upward, 8-byte aligned
RETURN_ADDRESS = 23
STACK_ALIGN = 8
