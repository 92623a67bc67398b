"""The DPU back end, differentially: the same LLVM IR runs JIT-compiled on the host (llvmlite
MCJIT) and compiled by ``dpucc.backend`` on the reference simulator; the results must agree.

IR is optimised with llvmlite at O0 and O2 (32-bit i386 target machine, no vectorisation, the
DPU data layout) before the back end sees it.  Runtime helpers (__mulsi3, __udivsi3, memcpy, …)
are tiny hand-written assembly built from mul_step/div_step, or IR compiled by the back end
itself (the 64-bit ones).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

llvm = pytest.importorskip("llvmlite.binding")

from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpucc.backend import UnsupportedError, compile_module
from dpucc.backend.codegen import assign_args
from dpucc.target import DATA_LAYOUT
from dpucore import elf
from dpusim.program import load_program
from dpusim.simulator import Simulator

for _init in ("initialize_all_targets", "initialize_all_asmprinters", "initialize_native_target",
              "initialize_native_asmprinter"):
    with contextlib.suppress(Exception):  # deprecated initialisers may warn or raise
        getattr(llvm, _init)()

M32 = 0xFFFFFFFF
M64 = (1 << 64) - 1


def optimise(ir: str, level: int) -> str:
    mod = llvm.parse_assembly(ir)
    mod.verify()
    try:
        tm = llvm.Target.from_triple("i386-unknown-none").create_target_machine()
    except RuntimeError:  # pragma: no cover - host without the x86 back end
        tm = llvm.Target.from_default_triple().create_target_machine()
    pto = llvm.create_pipeline_tuning_options(speed_level=level)
    pto.loop_vectorization = False
    pto.slp_vectorization = False
    pb = llvm.create_pass_builder(tm, pto)
    pb.getModulePassManager().run(mod, pb)
    return str(mod)


# ------------------------------------------------------------------------- runtime stubs

_MUL = "".join(f"    mul_step d0, r2, d0, {k}, z, 1f\n" for k in range(32))
_DIV = "".join(f"    div_step d0, r2, d0, {k}\n" for k in range(31, -1, -1))
RUNTIME_ASM = f"""
.section .text.__rt,"ax",@progbits
.globl __mulsi3
__mulsi3:
    move r2, r0
    move r0, r1
    move r1, 0
{_MUL}1:  move r0, r1
    jump r23
.globl __udivsi3
__udivsi3:
    move r2, r1
    move r1, r0
    move r0, 0
{_DIV}    jump r23
.globl __umodsi3
__umodsi3:
    move r2, r1
    move r1, r0
    move r0, 0
{_DIV}    move r0, r1
    jump r23
.globl __divsi3
__divsi3:
    xor r5, r0, r1
    jges r0, 0, 1f
    sub r0, 0, r0
1:  jges r1, 0, 2f
    sub r1, 0, r1
2:  move r2, r1
    move r1, r0
    move r0, 0
{_DIV}    jges r5, 0, 3f
    sub r0, 0, r0
3:  jump r23
.globl __modsi3
__modsi3:
    move r5, r0
    jges r0, 0, 1f
    sub r0, 0, r0
1:  jges r1, 0, 2f
    sub r1, 0, r1
2:  move r2, r1
    move r1, r0
    move r0, 0
{_DIV}    move r0, r1
    jges r5, 0, 3f
    sub r0, 0, r0
3:  jump r23
.globl memcpy
.globl memmove
memcpy:
memmove:
    move r3, r0
    jz r2, 2f
    jltu r1, r0, 3f
1:  lbu r4, r1, 0
    sb r3, 0, r4
    add r1, r1, 1
    add r3, r3, 1
    add r2, r2, -1, nz, 1b
2:  jump r23
3:  add r1, r1, r2
    add r3, r3, r2
4:  add r1, r1, -1
    add r3, r3, -1
    lbu r4, r1, 0
    sb r3, 0, r4
    add r2, r2, -1, nz, 4b
    jump r23
.globl memset
memset:
    move r3, r0
    jz r2, 2f
1:  sb r3, 0, r1
    add r3, r3, 1
    add r2, r2, -1, nz, 1b
2:  jump r23
"""

RUNTIME_IR = """
define i64 @__muldi3(i64 %a, i64 %b) {
entry:
  br label %loop
loop:
  %x = phi i64 [%a, %entry], [%x1, %body]
  %y = phi i64 [%b, %entry], [%y1, %body]
  %r = phi i64 [0, %entry], [%r1, %body]
  %z = icmp eq i64 %y, 0
  br i1 %z, label %done, label %body
body:
  %bit = and i64 %y, 1
  %nz = icmp ne i64 %bit, 0
  %add = add i64 %r, %x
  %r1 = select i1 %nz, i64 %add, i64 %r
  %x1 = shl i64 %x, 1
  %y1 = lshr i64 %y, 1
  br label %loop
done:
  ret i64 %r
}
define internal i64 @udivmod(i64 %n, i64 %d, i1 %rem) {
entry:
  br label %loop
loop:
  %i = phi i32 [0, %entry], [%i1, %loop]
  %nn = phi i64 [%n, %entry], [%nn1, %loop]
  %q = phi i64 [0, %entry], [%q2, %loop]
  %r = phi i64 [0, %entry], [%r2, %loop]
  %top = lshr i64 %nn, 63
  %rs = shl i64 %r, 1
  %r1 = or i64 %rs, %top
  %nn1 = shl i64 %nn, 1
  %qs = shl i64 %q, 1
  %ge = icmp uge i64 %r1, %d
  %rsub = sub i64 %r1, %d
  %r2 = select i1 %ge, i64 %rsub, i64 %r1
  %qo = or i64 %qs, 1
  %q2 = select i1 %ge, i64 %qo, i64 %qs
  %i1 = add i32 %i, 1
  %c = icmp ult i32 %i1, 64
  br i1 %c, label %loop, label %done
done:
  %res = select i1 %rem, i64 %r2, i64 %q2
  ret i64 %res
}
define i64 @__udivdi3(i64 %a, i64 %b) {
  %r = call i64 @udivmod(i64 %a, i64 %b, i1 false)
  ret i64 %r
}
define i64 @__umoddi3(i64 %a, i64 %b) {
  %r = call i64 @udivmod(i64 %a, i64 %b, i1 true)
  ret i64 %r
}
define i64 @__divdi3(i64 %a, i64 %b) {
  %na = icmp slt i64 %a, 0
  %nb = icmp slt i64 %b, 0
  %a0 = sub i64 0, %a
  %b0 = sub i64 0, %b
  %aa = select i1 %na, i64 %a0, i64 %a
  %bb = select i1 %nb, i64 %b0, i64 %b
  %q = call i64 @udivmod(i64 %aa, i64 %bb, i1 false)
  %neg = xor i1 %na, %nb
  %q0 = sub i64 0, %q
  %r = select i1 %neg, i64 %q0, i64 %q
  ret i64 %r
}
define i64 @__moddi3(i64 %a, i64 %b) {
  %na = icmp slt i64 %a, 0
  %nb = icmp slt i64 %b, 0
  %a0 = sub i64 0, %a
  %b0 = sub i64 0, %b
  %aa = select i1 %na, i64 %a0, i64 %a
  %bb = select i1 %nb, i64 %b0, i64 %b
  %m = call i64 @udivmod(i64 %aa, i64 %bb, i1 true)
  %m0 = sub i64 0, %m
  %r = select i1 %na, i64 %m0, i64 %m
  ret i64 %r
}
"""


@functools.cache
def runtime_objects() -> tuple:
    ir = f'target datalayout = "{DATA_LAYOUT}"\n' + RUNTIME_IR
    asm = compile_module(optimise(ir, 0), "rt64.ll")
    return (("rt.o", elf.write_elf(assemble(RUNTIME_ASM, "rt.s"))),
            ("rt64.o", elf.write_elf(assemble(asm, "rt64.s"))))


# 64-bit shifts by a variable amount, one bit per iteration: the same loop for each operation.
RUNTIME_IR += "".join(f"""define i64 @{name}(i64 %a, i32 %n) {{
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %loop
loop:
  %x = phi i64 [%a, %entry], [%x1, %loop]
  %k = phi i32 [%n, %entry], [%k1, %loop]
  %x1 = {op} i64 %x, 1
  %k1 = add i32 %k, -1
  %c = icmp ne i32 %k1, 0
  br i1 %c, label %loop, label %done
done:
  %r = phi i64 [%a, %entry], [%x1, %loop]
  ret i64 %r
}}
""" for name, op in (("__ashldi3", "shl"), ("__lshrdi3", "lshr"), ("__ashrdi3", "ashr")))

BOOT = """
.section .text.__bootstrap,"ax",@progbits
.globl __bootstrap
__bootstrap:
    move r22, __stack + 256
{loads}
    call r23, {fn}
    sw zero, __result, r0
    sw zero, __result + 4, r1
    stop
.data
.p2align 3
__args: .zero 32
__result: .zero 8
.bss
.p2align 3
__stack: .zero 4096
"""


class Compiled:
    """A module compiled for the DPU (with the runtime) and for the host JIT."""

    def __init__(self, ir_body: str, fn: str, params: list[str], ret: str, level: int):
        self.fn, self.params, self.ret = fn, params, ret
        ir = f'target datalayout = "{DATA_LAYOUT}"\n' + ir_body
        self.opt_ir = optimise(ir, level)
        self.asm = compile_module(self.opt_ir, "test.ll")
        loads = "\n".join(f"    lw r{i}, zero, __args + {4 * i}" for i in range(8))
        boot = BOOT.format(loads=loads, fn=fn)
        objs = [("boot.o", elf.write_elf(assemble(boot, "boot.s"))),
                ("test.o", elf.write_elf(assemble(self.asm, "test.s"))), *runtime_objects()]
        self.exe = elf.write_elf(link(objs).elf)
        self.program = load_program(self.exe, "test")
        self.host = _jit(ir_body, fn, params, ret)

    def run_dpu(self, *args: int) -> tuple[int, Simulator]:
        locs, _ = assign_args(self.params)
        regs = [0] * 8
        stack = bytearray(256)
        for (kind, n), ty, a in zip(locs, self.params, args):
            w = int(ty[1:]) if ty != "ptr" else 32
            a &= (1 << w) - 1
            if kind == "reg":
                regs[n] = a
            elif kind == "pair":
                regs[n], regs[n + 1] = a >> 32, a & M32
            else:
                stack[256 - n:256 - n + (8 if w == 64 else 4)] = a.to_bytes(8 if w == 64 else 4, "little")
        # The compiler is under test: the vectorized engine (differentially tested against the
        # reference engine in test_sim_vector) runs these short runs ten times as fast.
        sim = Simulator(engine="vector")
        sim.load(self.program)
        sim.write(0, "__args", b"".join(r.to_bytes(4, "little") for r in regs))
        sim.write(0, "__stack", bytes(stack))
        sim.boot()
        sim.run(5_000_000)
        raw = sim.read(0, "__result", 8)
        r0, r1 = int.from_bytes(raw[:4], "little"), int.from_bytes(raw[4:], "little")
        w = int(self.ret[1:])
        value = (r0 << 32 | r1) if w == 64 else r0 & ((1 << w) - 1)
        return value, sim

    def run_host(self, *args: int) -> int:
        w = int(self.ret[1:])
        masked = [a & ((1 << int(t[1:])) - 1) for a, t in zip(args, self.params)]
        return self.host(*masked) & ((1 << w) - 1)

    def check(self, *args: int) -> int:
        got, _ = self.run_dpu(*args)
        want = self.run_host(*args)
        assert got == want, (self.fn, args, got, want)
        return got


_CT = {"i1": ctypes.c_uint8, "i8": ctypes.c_uint8, "i16": ctypes.c_uint16,
       "i32": ctypes.c_uint32, "i64": ctypes.c_uint64}
_ENGINES = []


def _jit(ir_body: str, fn: str, params, ret):
    mod = llvm.parse_assembly(ir_body)
    mod.verify()
    tm = llvm.Target.from_default_triple().create_target_machine()
    ee = llvm.create_mcjit_compiler(mod, tm)
    ee.finalize_object()
    _ENGINES.append(ee)
    addr = ee.get_function_address(fn)
    return ctypes.CFUNCTYPE(_CT[ret], *(_CT[p] for p in params))(addr)


@functools.cache
def compiled(name: str, level: int) -> Compiled:
    body, fn, params, ret = PROGRAMS[name]
    return Compiled(body, fn, params, ret, level)


# ------------------------------------------------------------------------- programs

PROGRAMS = {}


def program(name, fn, params, ret):
    def deco(text):
        PROGRAMS[name] = (text, fn, params, ret)
        return text
    return deco


program("arith32", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
  %s = add i32 %a, %b
  %d = sub i32 %a, %b
  %m = mul i32 %a, %b
  %m3 = mul i32 %a, 10
  %x = xor i32 %s, %m
  %o = or i32 %d, %m3
  %n = and i32 %x, %o
  %bs = and i32 %b, 31
  %sh = shl i32 %n, %bs
  %lr = lshr i32 %a, %bs
  %ar = ashr i32 %b, %bs
  %q = udiv i32 %a, 7
  %sq = sdiv i32 %b, -5
  %r8 = urem i32 %a, 8
  %s4 = sdiv i32 %a, 4
  %sr = srem i32 %b, 16
  %t1 = add i32 %sh, %lr
  %t2 = add i32 %t1, %ar
  %t3 = add i32 %t2, %q
  %t4 = xor i32 %t3, %sq
  %t5 = add i32 %t4, %r8
  %t6 = add i32 %t5, %s4
  %t7 = xor i32 %t6, %sr
  %m7 = mul i32 %t7, 7
  %m9 = mul i32 %m7, -9
  ret i32 %m9
}
""")

program("div32", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
  %z = icmp eq i32 %b, 0
  %b1 = select i1 %z, i32 3, i32 %b
  %q = udiv i32 %a, %b1
  %r = urem i32 %a, %b1
  %bad = icmp eq i32 %a, -2147483648
  %a1 = select i1 %bad, i32 5, i32 %a
  %sq = sdiv i32 %a1, %b1
  %sr = srem i32 %a1, %b1
  %x = xor i32 %q, %r
  %y = mul i32 %sq, 31
  %w = add i32 %x, %y
  %v = add i32 %w, %sr
  ret i32 %v
}
""")

program("narrow", "f", ["i8", "i16"], "i32")("""
define i32 @f(i8 %a, i16 %b) {
  %a2 = add i8 %a, 100
  %b2 = mul i16 %b, 3
  %ae = sext i8 %a2 to i32
  %be = zext i16 %b2 to i32
  %c = icmp slt i8 %a2, %a
  %cu = icmp ugt i16 %b2, 1000
  %as = ashr i8 %a, 3
  %ase = sext i8 %as to i32
  %d = sdiv i16 %b, 7
  %de = sext i16 %d to i32
  %t = trunc i32 %be to i8
  %te = zext i8 %t to i32
  %ce = zext i1 %c to i32
  %cue = zext i1 %cu to i32
  %s1 = add i32 %ae, %be
  %s2 = shl i32 %ce, 1
  %s3 = or i32 %s2, %cue
  %s4 = add i32 %s1, %s3
  %s5 = mul i32 %s4, 1000
  %s6 = add i32 %s5, %ase
  %s7 = xor i32 %s6, %te
  %s8 = add i32 %s7, %de
  ret i32 %s8
}
""")

# Integers of 33..63 bits, which the optimiser makes by narrowing i64s whose top bits it knows
# (a switch on `x & 0x7fffffffffffffff` became `switch i63`, and its cases were once compared
# on the low word only).  Held zero-extended in i64 pairs by legalize.
program("oddwidths", "f", ["i64", "i64"], "i64")("""
define i64 @f(i64 %a, i64 %b) {
entry:
  %a63 = trunc i64 %a to i63
  %b63 = trunc i64 %b to i63
  %a40 = trunc i64 %a to i40
  %b40 = trunc i64 %b to i40
  %s = add i63 %a63, %b63
  %d = sub i40 %a40, %b40
  %m = mul i40 %a40, %b40
  %sh = shl i63 %a63, 5
  %lr = lshr i40 %a40, 3
  %ar = ashr i40 %a40, 7
  %bnz = or i40 %b40, 1
  %ud = udiv i40 %a40, %bnz
  %sd = sdiv i40 %a40, %bnz
  %ur = urem i40 %a40, %bnz
  %sr = srem i40 %a40, %bnz
  %lt = icmp slt i40 %a40, %b40
  %ult = icmp ult i63 %a63, %b63
  %mx = select i1 %lt, i40 %b40, i40 %a40
  %t33 = trunc i40 %a40 to i33
  %x33 = sext i33 %t33 to i40
  %y33 = zext i33 %t33 to i63
  %n = trunc i40 %d to i32
  %nw = sext i32 %n to i48
  %e1 = zext i63 %s to i64
  %e2 = sext i40 %d to i64
  %e3 = zext i40 %m to i64
  %e4 = zext i63 %sh to i64
  %e5 = zext i40 %lr to i64
  %e6 = sext i40 %ar to i64
  %e7 = zext i40 %ud to i64
  %e8 = sext i40 %sd to i64
  %e9 = zext i40 %ur to i64
  %e10 = sext i40 %sr to i64
  %e11 = zext i1 %lt to i64
  %e12 = zext i1 %ult to i64
  %e13 = sext i40 %mx to i64
  %e14 = sext i40 %x33 to i64
  %e15 = zext i63 %y33 to i64
  %e16 = sext i48 %nw to i64
  %h1 = mul i64 %e1, 3
  %h2 = xor i64 %h1, %e2
  %h3 = mul i64 %h2, 5
  %h4 = add i64 %h3, %e3
  %h5 = xor i64 %h4, %e4
  %h6 = mul i64 %h5, 7
  %h7 = add i64 %h6, %e5
  %h8 = xor i64 %h7, %e6
  %h9 = mul i64 %h8, 11
  %h10 = add i64 %h9, %e7
  %h11 = xor i64 %h10, %e8
  %h12 = mul i64 %h11, 13
  %h13 = add i64 %h12, %e9
  %h14 = xor i64 %h13, %e10
  %h15 = shl i64 %e11, 1
  %h16 = or i64 %h15, %e12
  %h17 = mul i64 %h14, 17
  %h18 = add i64 %h17, %h16
  %h19 = xor i64 %h18, %e13
  %h20 = mul i64 %h19, 19
  %h21 = add i64 %h20, %e14
  %h22 = xor i64 %h21, %e15
  %h23 = add i64 %h22, %e16
  %key = and i64 %b, 9223372036854775807
  %k63 = trunc i64 %key to i63
  switch i63 %k63, label %other [
    i63 -4503599627370496, label %inf
    i63 0, label %zero
    i63 4611686018427387904, label %big
  ]
inf:
  br label %done
zero:
  br label %done
big:
  br label %done
other:
  br label %done
done:
  %which = phi i63 [ 1, %inf ], [ 2, %zero ], [ -1, %big ], [ %k63, %other ]
  %w = zext i63 %which to i64
  %r = add i64 %h23, %w
  ret i64 %r
}
""")

# Variable-length arrays: dynamic allocas (r22 moves; slots are addressed from a frame
# register), stack save/restore around each loop iteration, calls with stacked arguments while
# the arrays are live, a leaf helper reading the arrays.
program("dynalloca", "f", ["i32", "i32"], "i32")("""
declare ptr @llvm.stacksave.p0()
declare void @llvm.stackrestore.p0(ptr)

define i32 @sum(ptr %p, i32 %n) noinline {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i32 [ 0, %entry ], [ %s1, %loop ]
  %q = getelementptr i32, ptr %p, i32 %i
  %v = load i32, ptr %q
  %s1 = add i32 %s, %v
  %i1 = add i32 %i, 1
  %c = icmp ult i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  ret i32 %s1
}

define i32 @many(i32 %a, i32 %b, i32 %c, i32 %d, i32 %e, i32 %f, i32 %g, i32 %h, i32 %i, i32 %j) noinline {
  %x1 = add i32 %a, %j
  %x2 = mul i32 %x1, %i
  %x3 = add i32 %x2, %h
  ret i32 %x3
}

define i32 @f(i32 %n, i32 %k) {
entry:
  %local = alloca [4 x i32], align 4
  store i32 %k, ptr %local
  %m = and i32 %n, 15
  %cnt = add i32 %m, 1
  br label %outer
outer:
  %r = phi i32 [ 0, %entry ], [ %r2, %outer.end ]
  %o = phi i32 [ 0, %entry ], [ %o1, %outer.end ]
  %sp = call ptr @llvm.stacksave.p0()
  %len = add i32 %cnt, %o
  %arr = alloca i32, i32 %len, align 4
  %odd = alloca i16, i32 %len, align 2
  br label %fill
fill:
  %j = phi i32 [ 0, %outer ], [ %j1, %fill ]
  %slot = getelementptr i32, ptr %arr, i32 %j
  %kk = load i32, ptr %local
  %v = mul i32 %j, %kk
  store i32 %v, ptr %slot
  %hslot = getelementptr i16, ptr %odd, i32 %j
  %hv = trunc i32 %j to i16
  store i16 %hv, ptr %hslot
  %j1 = add i32 %j, 1
  %more = icmp ult i32 %j1, %len
  br i1 %more, label %fill, label %filled
filled:
  %s = call i32 @sum(ptr %arr, i32 %len)
  %w = call i32 @many(i32 %s, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7, i32 %o, i32 %len)
  %last = getelementptr i16, ptr %odd, i32 %m
  %lv = load i16, ptr %last
  %lz = zext i16 %lv to i32
  %r1 = add i32 %r, %w
  %r2 = add i32 %r1, %lz
  call void @llvm.stackrestore.p0(ptr %sp)
  br label %outer.end
outer.end:
  %o1 = add i32 %o, 1
  %again = icmp ult i32 %o1, 5
  br i1 %again, label %outer, label %exit
exit:
  %top = call ptr @llvm.stacksave.p0()
  %ti = ptrtoint ptr %top to i32
  %tk = load i32, ptr %local
  %res = add i32 %r2, %tk
  ret i32 %res
}
""")

# llvm.is.fpclass, which InstCombine makes from tests of a float's bits, over many masks.
program("fpclass32", "f", ["i32"], "i32")("""
declare i1 @llvm.is.fpclass.f32(float, i32)

define i32 @f(i32 %bits) {
  %x = bitcast i32 %bits to float
  %c0 = call i1 @llvm.is.fpclass.f32(float %x, i32 1)
  %z0 = zext i1 %c0 to i32
  %s0 = shl i32 %z0, 0
  %a0 = or i32 0, %s0
  %c1 = call i1 @llvm.is.fpclass.f32(float %x, i32 2)
  %z1 = zext i1 %c1 to i32
  %s1 = shl i32 %z1, 1
  %a1 = or i32 %a0, %s1
  %c2 = call i1 @llvm.is.fpclass.f32(float %x, i32 3)
  %z2 = zext i1 %c2 to i32
  %s2 = shl i32 %z2, 2
  %a2 = or i32 %a1, %s2
  %c3 = call i1 @llvm.is.fpclass.f32(float %x, i32 4)
  %z3 = zext i1 %c3 to i32
  %s3 = shl i32 %z3, 3
  %a3 = or i32 %a2, %s3
  %c4 = call i1 @llvm.is.fpclass.f32(float %x, i32 8)
  %z4 = zext i1 %c4 to i32
  %s4 = shl i32 %z4, 4
  %a4 = or i32 %a3, %s4
  %c5 = call i1 @llvm.is.fpclass.f32(float %x, i32 16)
  %z5 = zext i1 %c5 to i32
  %s5 = shl i32 %z5, 5
  %a5 = or i32 %a4, %s5
  %c6 = call i1 @llvm.is.fpclass.f32(float %x, i32 32)
  %z6 = zext i1 %c6 to i32
  %s6 = shl i32 %z6, 6
  %a6 = or i32 %a5, %s6
  %c7 = call i1 @llvm.is.fpclass.f32(float %x, i32 64)
  %z7 = zext i1 %c7 to i32
  %s7 = shl i32 %z7, 7
  %a7 = or i32 %a6, %s7
  %c8 = call i1 @llvm.is.fpclass.f32(float %x, i32 96)
  %z8 = zext i1 %c8 to i32
  %s8 = shl i32 %z8, 8
  %a8 = or i32 %a7, %s8
  %c9 = call i1 @llvm.is.fpclass.f32(float %x, i32 512)
  %z9 = zext i1 %c9 to i32
  %s9 = shl i32 %z9, 9
  %a9 = or i32 %a8, %s9
  %c10 = call i1 @llvm.is.fpclass.f32(float %x, i32 516)
  %z10 = zext i1 %c10 to i32
  %s10 = shl i32 %z10, 10
  %a10 = or i32 %a9, %s10
  %c11 = call i1 @llvm.is.fpclass.f32(float %x, i32 1020)
  %z11 = zext i1 %c11 to i32
  %s11 = shl i32 %z11, 11
  %a11 = or i32 %a10, %s11
  %c12 = call i1 @llvm.is.fpclass.f32(float %x, i32 504)
  %z12 = zext i1 %c12 to i32
  %s12 = shl i32 %z12, 12
  %a12 = or i32 %a11, %s12
  %c13 = call i1 @llvm.is.fpclass.f32(float %x, i32 1023)
  %z13 = zext i1 %c13 to i32
  %s13 = shl i32 %z13, 13
  %a13 = or i32 %a12, %s13
  %c14 = call i1 @llvm.is.fpclass.f32(float %x, i32 144)
  %z14 = zext i1 %c14 to i32
  %s14 = shl i32 %z14, 14
  %a14 = or i32 %a13, %s14
  %c15 = call i1 @llvm.is.fpclass.f32(float %x, i32 264)
  %z15 = zext i1 %c15 to i32
  %s15 = shl i32 %z15, 15
  %a15 = or i32 %a14, %s15
  %c16 = call i1 @llvm.is.fpclass.f32(float %x, i32 516)
  %z16 = zext i1 %c16 to i32
  %s16 = shl i32 %z16, 16
  %a16 = or i32 %a15, %s16
  %c17 = call i1 @llvm.is.fpclass.f32(float %x, i32 3)
  %z17 = zext i1 %c17 to i32
  %s17 = shl i32 %z17, 17
  %a17 = or i32 %a16, %s17
  %c18 = call i1 @llvm.is.fpclass.f32(float %x, i32 519)
  %z18 = zext i1 %c18 to i32
  %s18 = shl i32 %z18, 18
  %a18 = or i32 %a17, %s18
  %c19 = call i1 @llvm.is.fpclass.f32(float %x, i32 480)
  %z19 = zext i1 %c19 to i32
  %s19 = shl i32 %z19, 19
  %a19 = or i32 %a18, %s19
  %c20 = call i1 @llvm.is.fpclass.f32(float %x, i32 0)
  %z20 = zext i1 %c20 to i32
  %s20 = shl i32 %z20, 20
  %a20 = or i32 %a19, %s20
  ret i32 %a20
}
""")

program("fpclass64", "f", ["i64"], "i32")("""
declare i1 @llvm.is.fpclass.f64(double, i32)

define i32 @f(i64 %bits) {
  %x = bitcast i64 %bits to double
  %c0 = call i1 @llvm.is.fpclass.f64(double %x, i32 1)
  %z0 = zext i1 %c0 to i32
  %s0 = shl i32 %z0, 0
  %a0 = or i32 0, %s0
  %c1 = call i1 @llvm.is.fpclass.f64(double %x, i32 2)
  %z1 = zext i1 %c1 to i32
  %s1 = shl i32 %z1, 1
  %a1 = or i32 %a0, %s1
  %c2 = call i1 @llvm.is.fpclass.f64(double %x, i32 3)
  %z2 = zext i1 %c2 to i32
  %s2 = shl i32 %z2, 2
  %a2 = or i32 %a1, %s2
  %c3 = call i1 @llvm.is.fpclass.f64(double %x, i32 4)
  %z3 = zext i1 %c3 to i32
  %s3 = shl i32 %z3, 3
  %a3 = or i32 %a2, %s3
  %c4 = call i1 @llvm.is.fpclass.f64(double %x, i32 8)
  %z4 = zext i1 %c4 to i32
  %s4 = shl i32 %z4, 4
  %a4 = or i32 %a3, %s4
  %c5 = call i1 @llvm.is.fpclass.f64(double %x, i32 16)
  %z5 = zext i1 %c5 to i32
  %s5 = shl i32 %z5, 5
  %a5 = or i32 %a4, %s5
  %c6 = call i1 @llvm.is.fpclass.f64(double %x, i32 32)
  %z6 = zext i1 %c6 to i32
  %s6 = shl i32 %z6, 6
  %a6 = or i32 %a5, %s6
  %c7 = call i1 @llvm.is.fpclass.f64(double %x, i32 64)
  %z7 = zext i1 %c7 to i32
  %s7 = shl i32 %z7, 7
  %a7 = or i32 %a6, %s7
  %c8 = call i1 @llvm.is.fpclass.f64(double %x, i32 96)
  %z8 = zext i1 %c8 to i32
  %s8 = shl i32 %z8, 8
  %a8 = or i32 %a7, %s8
  %c9 = call i1 @llvm.is.fpclass.f64(double %x, i32 512)
  %z9 = zext i1 %c9 to i32
  %s9 = shl i32 %z9, 9
  %a9 = or i32 %a8, %s9
  %c10 = call i1 @llvm.is.fpclass.f64(double %x, i32 516)
  %z10 = zext i1 %c10 to i32
  %s10 = shl i32 %z10, 10
  %a10 = or i32 %a9, %s10
  %c11 = call i1 @llvm.is.fpclass.f64(double %x, i32 1020)
  %z11 = zext i1 %c11 to i32
  %s11 = shl i32 %z11, 11
  %a11 = or i32 %a10, %s11
  %c12 = call i1 @llvm.is.fpclass.f64(double %x, i32 504)
  %z12 = zext i1 %c12 to i32
  %s12 = shl i32 %z12, 12
  %a12 = or i32 %a11, %s12
  %c13 = call i1 @llvm.is.fpclass.f64(double %x, i32 1023)
  %z13 = zext i1 %c13 to i32
  %s13 = shl i32 %z13, 13
  %a13 = or i32 %a12, %s13
  %c14 = call i1 @llvm.is.fpclass.f64(double %x, i32 144)
  %z14 = zext i1 %c14 to i32
  %s14 = shl i32 %z14, 14
  %a14 = or i32 %a13, %s14
  %c15 = call i1 @llvm.is.fpclass.f64(double %x, i32 264)
  %z15 = zext i1 %c15 to i32
  %s15 = shl i32 %z15, 15
  %a15 = or i32 %a14, %s15
  %c16 = call i1 @llvm.is.fpclass.f64(double %x, i32 516)
  %z16 = zext i1 %c16 to i32
  %s16 = shl i32 %z16, 16
  %a16 = or i32 %a15, %s16
  %c17 = call i1 @llvm.is.fpclass.f64(double %x, i32 3)
  %z17 = zext i1 %c17 to i32
  %s17 = shl i32 %z17, 17
  %a17 = or i32 %a16, %s17
  %c18 = call i1 @llvm.is.fpclass.f64(double %x, i32 519)
  %z18 = zext i1 %c18 to i32
  %s18 = shl i32 %z18, 18
  %a18 = or i32 %a17, %s18
  %c19 = call i1 @llvm.is.fpclass.f64(double %x, i32 480)
  %z19 = zext i1 %c19 to i32
  %s19 = shl i32 %z19, 19
  %a19 = or i32 %a18, %s19
  %c20 = call i1 @llvm.is.fpclass.f64(double %x, i32 0)
  %z20 = zext i1 %c20 to i32
  %s20 = shl i32 %z20, 20
  %a20 = or i32 %a19, %s20
  ret i32 %a20
}
""")

program("arith64", "f", ["i64", "i64"], "i64")("""
define i64 @f(i64 %a, i64 %b) {
  %s = add i64 %a, %b
  %d = sub i64 %a, %b
  %x = xor i64 %s, %d
  %o = or i64 %x, 12345678901
  %n = and i64 %o, %a
  %l = shl i64 %n, 13
  %r = lshr i64 %b, 40
  %ar = ashr i64 %a, 7
  %ar2 = ashr i64 %b, 35
  %l2 = shl i64 %a, 33
  %t1 = add i64 %l, %r
  %t2 = xor i64 %t1, %ar
  %t3 = add i64 %t2, %ar2
  %t4 = sub i64 %t3, %l2
  %c1 = icmp ult i64 %a, %b
  %c2 = icmp sgt i64 %a, %b
  %c3 = icmp eq i64 %a, %b
  %c4 = icmp sle i64 %a, -5
  %z1 = zext i1 %c1 to i64
  %z2 = zext i1 %c2 to i64
  %z3 = zext i1 %c3 to i64
  %z4 = zext i1 %c4 to i64
  %w1 = shl i64 %z1, 1
  %w2 = shl i64 %z2, 2
  %w3 = shl i64 %z3, 3
  %w4 = shl i64 %z4, 62
  %v1 = or i64 %w1, %w2
  %v2 = or i64 %v1, %w3
  %v3 = or i64 %v2, %w4
  %res = xor i64 %t4, %v3
  ret i64 %res
}
""")

program("muldiv64", "f", ["i64", "i64"], "i64")("""
define i64 @f(i64 %a, i64 %b) {
  %z = icmp eq i64 %b, 0
  %b1 = select i1 %z, i64 7, i64 %b
  %m = mul i64 %a, %b
  %q = udiv i64 %a, %b1
  %r = urem i64 %a, %b1
  %sq = sdiv i64 %a, %b1
  %sr = srem i64 %a, %b1
  %sh = and i64 %b, 63
  %v = shl i64 %a, %sh
  %w = lshr i64 %a, %sh
  %u = ashr i64 %a, %sh
  %t1 = add i64 %m, %q
  %t2 = xor i64 %t1, %r
  %t3 = add i64 %t2, %sq
  %t4 = xor i64 %t3, %sr
  %t5 = add i64 %t4, %v
  %t6 = xor i64 %t5, %w
  %t7 = add i64 %t6, %u
  ret i64 %t7
}
""")

program("compare", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
""" + "".join(f"""
  %c{i} = icmp {p} i32 %a, %b
  %k{i} = icmp {p} i32 %a, {k}
  %z{i} = zext i1 %c{i} to i32
  %y{i} = zext i1 %k{i} to i32
  %s{i} = shl i32 %z{i}, {2 * i}
  %t{i} = shl i32 %y{i}, {2 * i + 1}
  %u{i} = or i32 %s{i}, %t{i}
""" for i, (p, k) in enumerate([("eq", 5), ("ne", -3), ("ult", 100000000), ("ule", 7),
                                 ("ugt", -100), ("uge", 0), ("slt", -1), ("sle", 1000),
                                 ("sgt", -2000000), ("sge", 3)])) + """
  %r0 = or i32 %u0, %u1
  %r1 = or i32 %r0, %u2
  %r2 = or i32 %r1, %u3
  %r3 = or i32 %r2, %u4
  %r4 = or i32 %r3, %u5
  %r5 = or i32 %r4, %u6
  %r6 = or i32 %r5, %u7
  %r7 = or i32 %r6, %u8
  %r8 = or i32 %r7, %u9
  ret i32 %r8
}
""")

program("branches", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
entry:
  %c = icmp slt i32 %a, %b
  br i1 %c, label %lt, label %ge
lt:
  %x = icmp ugt i32 %a, 1000
  br i1 %x, label %big, label %small
big:
  %p = mul i32 %a, 3
  br label %join
small:
  %q = sub i32 %b, %a
  br label %join
ge:
  %y = icmp eq i32 %a, %b
  br i1 %y, label %same, label %join
same:
  br label %join
join:
  %r = phi i32 [%p, %big], [%q, %small], [7, %same], [%a, %ge]
  %s = phi i32 [1, %big], [2, %small], [3, %same], [4, %ge]
  %t = mul i32 %r, 16
  %u = add i32 %t, %s
  ret i32 %u
}
""")

program("loops", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %n0, i32 %seed) {
entry:
  %n = and i32 %n0, 63
  br label %outer
outer:
  %i = phi i32 [0, %entry], [%i1, %outer.end]
  %acc = phi i32 [%seed, %entry], [%acc2, %outer.end]
  br label %inner
inner:
  %j = phi i32 [0, %outer], [%j1, %inner]
  %a = phi i32 [%acc, %outer], [%a1, %inner]
  %t = mul i32 %a, 33
  %a1 = xor i32 %t, %j
  %j1 = add i32 %j, 1
  %cj = icmp ult i32 %j1, %i
  br i1 %cj, label %inner, label %outer.end
outer.end:
  %acc2 = add i32 %a1, %i
  %i1 = add i32 %i, 1
  %ci = icmp ult i32 %i1, %n
  br i1 %ci, label %outer, label %exit
exit:
  %sw = phi i32 [%acc2, %outer.end]
  ret i32 %sw
}
""")

program("swap", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
entry:
  br label %loop
loop:
  %x = phi i32 [%a, %entry], [%y, %loop]
  %y = phi i32 [%b, %entry], [%x2, %loop]
  %k = phi i32 [0, %entry], [%k1, %loop]
  %x2 = add i32 %x, %k
  %k1 = add i32 %k, 1
  %c = icmp ult i32 %k1, 9
  br i1 %c, label %loop, label %exit
exit:
  %r = mul i32 %x, 3
  %s = add i32 %r, %y
  ret i32 %s
}
""")

program("switch", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
entry:
  %k = and i32 %a, 15
  switch i32 %k, label %def [
    i32 0, label %c0
    i32 1, label %c1
    i32 2, label %c2
    i32 5, label %c5
    i32 9, label %c1
  ]
c0:
  br label %join
c1:
  %x1 = add i32 %b, 11
  br label %join
c2:
  %x2 = mul i32 %b, 5
  br label %join
c5:
  %x5 = xor i32 %b, 12345
  br label %join
def:
  %xd = sub i32 %b, %a
  br label %join
join:
  %r = phi i32 [1, %c0], [%x1, %c1], [%x2, %c2], [%x5, %c5], [%xd, %def]
  %big = icmp eq i32 %b, 1000000
  %r2 = select i1 %big, i32 0, i32 %r
  ret i32 %r2
}
""")

program("recursion", "f", ["i32"], "i32")("""
define internal i32 @fib(i32 %n) {
entry:
  %c = icmp ult i32 %n, 2
  br i1 %c, label %base, label %rec
base:
  ret i32 %n
rec:
  %n1 = sub i32 %n, 1
  %n2 = sub i32 %n, 2
  %a = call i32 @fib(i32 %n1)
  %b = call i32 @fib(i32 %n2)
  %s = add i32 %a, %b
  ret i32 %s
}
define i32 @f(i32 %x) {
  %n = and i32 %x, 15
  %r = call i32 @fib(i32 %n)
  ret i32 %r
}
""")

program("manyargs", "f", ["i32", "i64", "i32", "i64"], "i64")("""
define internal i64 @g(i32 %a, i64 %b, i32 %c, i64 %d, i32 %e, i64 %f, i32 %g, i64 %h, i32 %i) noinline {
  %ae = zext i32 %a to i64
  %ce = sext i32 %c to i64
  %ee = zext i32 %e to i64
  %ge = sext i32 %g to i64
  %ie = zext i32 %i to i64
  %s1 = add i64 %ae, %b
  %s2 = mul i64 %s1, 3
  %s3 = xor i64 %s2, %ce
  %s4 = add i64 %s3, %d
  %s5 = shl i64 %s4, 1
  %s6 = add i64 %s5, %ee
  %s7 = xor i64 %s6, %f
  %s8 = add i64 %s7, %ge
  %s9 = sub i64 %s8, %h
  %s10 = shl i64 %ie, 7
  %s11 = xor i64 %s9, %s10
  ret i64 %s11
}
define i64 @f(i32 %a, i64 %b, i32 %c, i64 %d) {
  %c2 = add i32 %c, 1
  %d2 = xor i64 %d, 255
  %a2 = mul i32 %a, 5
  %r = call i64 @g(i32 %a, i64 %b, i32 %c, i64 %d, i32 %c2, i64 %d2, i32 %a2, i64 %b, i32 %c)
  ret i64 %r
}
""")

_PRESSURE_VALUES = "".join(f"  %v{i} = mul i32 %a, {2 * i + 3}\n  %w{i} = xor i32 %v{i}, %b\n"
                           for i in range(24))
_PRESSURE_SUM = "".join(f"  %s{i + 1} = add i32 %t{i}, %w{i}\n  %t{i + 1} = xor i32 %s{i + 1}, %c{i % 3}\n"
                        for i in range(24))
program("pressure", "f", ["i32", "i32"], "i32")(f"""
define internal i32 @h(i32 %x) noinline {{
  %y = mul i32 %x, 7
  %z = xor i32 %y, 21845
  ret i32 %z
}}
define i32 @f(i32 %a, i32 %b) {{
{_PRESSURE_VALUES}  %c0 = call i32 @h(i32 %a)
  %c1 = call i32 @h(i32 %b)
  %c2 = call i32 @h(i32 %w3)
  %t0 = add i32 %c0, 1
{_PRESSURE_SUM}  ret i32 %t24
}}
""")

program("memory", "f", ["i32", "i32"], "i32")("""
%struct.S = type { i8, i32, i16, i64 }
@table = internal constant [8 x i32] [i32 3, i32 1, i32 4, i32 1, i32 5, i32 9, i32 2, i32 6]
@counter = internal global i32 0
@msg = internal constant [6 x i8] c"hello\\00"
@s0 = internal global %struct.S { i8 7, i32 70000, i16 -2, i64 -81985529216486896 }
@ptrs = internal global [2 x ptr] [ptr @table, ptr getelementptr (i8, ptr @msg, i32 2)]
define internal void @fill(ptr %p, i32 %n, i32 %v) noinline {
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %loop
loop:
  %i = phi i32 [0, %entry], [%i1, %loop]
  %q = getelementptr inbounds i32, ptr %p, i32 %i
  %x = add i32 %v, %i
  store i32 %x, ptr %q
  %i1 = add i32 %i, 1
  %c = icmp ult i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  ret void
}
define i32 @f(i32 %a, i32 %b) {
entry:
  %buf = alloca [16 x i32], align 4
  %s1 = alloca %struct.S, align 8
  call void @fill(ptr %buf, i32 16, i32 %a)
  call void @llvm.memcpy.p0.p0.i32(ptr %s1, ptr @s0, i32 24, i1 false)
  %k = and i32 %b, 7
  %tp = getelementptr inbounds [8 x i32], ptr @table, i32 0, i32 %k
  %t = load i32, ptr %tp
  %bp = getelementptr inbounds [16 x i32], ptr %buf, i32 0, i32 %t
  %bv = load i32, ptr %bp
  %f1 = getelementptr inbounds %struct.S, ptr %s1, i32 0, i32 1
  %fv = load i32, ptr %f1
  %f2 = getelementptr inbounds %struct.S, ptr %s1, i32 0, i32 2
  %hv = load i16, ptr %f2
  %he = sext i16 %hv to i32
  %f3 = getelementptr inbounds %struct.S, ptr %s1, i32 0, i32 3
  %lv = load i64, ptr %f3
  %lt = trunc i64 %lv to i32
  %lh = lshr i64 %lv, 32
  %lht = trunc i64 %lh to i32
  %f0 = load i8, ptr %s1
  %f0e = zext i8 %f0 to i32
  %pp = getelementptr inbounds [2 x ptr], ptr @ptrs, i32 0, i32 1
  %mp = load ptr, ptr %pp
  %ch = load i8, ptr %mp
  %che = zext i8 %ch to i32
  %new = add i32 %a, 12
  store i32 %new, ptr @counter
  %again = load volatile i32, ptr @counter
  %r1 = add i32 %bv, %fv
  %r2 = xor i32 %r1, %he
  %r3 = add i32 %r2, %lt
  %r4 = xor i32 %r3, %lht
  %r5 = add i32 %r4, %f0e
  %r6 = mul i32 %r5, %che
  %r7 = add i32 %r6, %again
  ret i32 %r7
}
declare void @llvm.memcpy.p0.p0.i32(ptr, ptr, i32, i1)
""")

program("intrinsics", "f", ["i32", "i32"], "i32")("""
declare i32 @llvm.smin.i32(i32, i32)
declare i32 @llvm.smax.i32(i32, i32)
declare i32 @llvm.umin.i32(i32, i32)
declare i32 @llvm.umax.i32(i32, i32)
declare i32 @llvm.abs.i32(i32, i1)
declare i32 @llvm.ctpop.i32(i32)
declare i32 @llvm.ctlz.i32(i32, i1)
declare i32 @llvm.cttz.i32(i32, i1)
declare i32 @llvm.bswap.i32(i32)
declare i32 @llvm.fshl.i32(i32, i32, i32)
declare i32 @llvm.fshr.i32(i32, i32, i32)
define i32 @f(i32 %a, i32 %b) {
  %1 = call i32 @llvm.smin.i32(i32 %a, i32 %b)
  %2 = call i32 @llvm.smax.i32(i32 %a, i32 %b)
  %3 = call i32 @llvm.umin.i32(i32 %a, i32 %b)
  %4 = call i32 @llvm.umax.i32(i32 %a, i32 %b)
  %5 = call i32 @llvm.abs.i32(i32 %a, i1 false)
  %6 = call i32 @llvm.ctpop.i32(i32 %a)
  %7 = call i32 @llvm.ctlz.i32(i32 %b, i1 false)
  %8 = call i32 @llvm.cttz.i32(i32 %a, i1 false)
  %9 = call i32 @llvm.bswap.i32(i32 %b)
  %10 = call i32 @llvm.fshl.i32(i32 %a, i32 %b, i32 11)
  %11 = call i32 @llvm.fshr.i32(i32 %a, i32 %b, i32 5)
  %12 = call i32 @llvm.fshl.i32(i32 %a, i32 %a, i32 %b)
  %x1 = mul i32 %1, 3
  %x2 = xor i32 %x1, %2
  %x3 = mul i32 %x2, 5
  %x4 = add i32 %x3, %3
  %x5 = mul i32 %x4, 7
  %x6 = xor i32 %x5, %4
  %x7 = add i32 %x6, %5
  %x8 = mul i32 %x7, 9
  %x9 = xor i32 %x8, %6
  %x10 = shl i32 %x9, 5
  %x11 = add i32 %x10, %7
  %x12 = shl i32 %x11, 5
  %x13 = add i32 %x12, %8
  %x14 = xor i32 %x13, %9
  %x15 = add i32 %x14, %10
  %x16 = xor i32 %x15, %11
  %x17 = add i32 %x16, %12
  ret i32 %x17
}
""")

program("indirect", "f", ["i32", "i32"], "i32")("""
define internal i32 @add1(i32 %x, i32 %y) noinline {
  %r = add i32 %x, %y
  ret i32 %r
}
define internal i32 @sub1(i32 %x, i32 %y) noinline {
  %r = sub i32 %x, %y
  ret i32 %r
}
define internal i32 @mul1(i32 %x, i32 %y) noinline {
  %r = mul i32 %x, %y
  ret i32 %r
}
@fns = internal global [3 x ptr] [ptr @add1, ptr @sub1, ptr @mul1]
define i32 @f(i32 %a, i32 %b) {
  %k = urem i32 %a, 3
  %p = getelementptr [3 x ptr], ptr @fns, i32 0, i32 %k
  %fn = load volatile ptr, ptr %p
  %r = call i32 %fn(i32 %a, i32 %b)
  %c = icmp ugt i32 %b, 100
  %g = select i1 %c, ptr @add1, ptr @mul1
  %r2 = call i32 %g(i32 %r, i32 %a)
  ret i32 %r2
}
""")

program("lookup", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
entry:
  %k = and i32 %a, 7
  switch i32 %k, label %def [
    i32 0, label %c0
    i32 1, label %c1
    i32 2, label %c2
    i32 3, label %c3
    i32 4, label %c4
    i32 5, label %c5
    i32 6, label %c6
  ]
c0:
  br label %join
c1:
  br label %join
c2:
  br label %join
c3:
  br label %join
c4:
  br label %join
c5:
  br label %join
c6:
  br label %join
def:
  br label %join
join:
  %r = phi i32 [10, %c0], [23, %c1], [5, %c2], [99, %c3], [7, %c4], [1234567, %c5], [-8, %c6], [%b, %def]
  ret i32 %r
}
""")

program("packed", "f", ["i32", "i32"], "i32")("""
%P = type <{ i8, i32, i16, i64, i16 }>
@gp = internal global %P zeroinitializer
define i32 @f(i32 %a, i32 %b) {
  %f1 = getelementptr inbounds %P, ptr @gp, i32 0, i32 1
  %f2 = getelementptr inbounds %P, ptr @gp, i32 0, i32 2
  %f3 = getelementptr inbounds %P, ptr @gp, i32 0, i32 3
  %f4 = getelementptr inbounds %P, ptr @gp, i32 0, i32 4
  store volatile i8 1, ptr @gp, align 1
  store volatile i32 %a, ptr %f1, align 1
  %bt = trunc i32 %b to i16
  store volatile i16 %bt, ptr %f2, align 1
  %ae = zext i32 %a to i64
  %be = zext i32 %b to i64
  %hi = shl i64 %ae, 32
  %w = or i64 %hi, %be
  store volatile i64 %w, ptr %f3, align 1
  store volatile i16 %bt, ptr %f4, align 1
  %x1 = load volatile i32, ptr %f1, align 1
  %x2 = load volatile i16, ptr %f2, align 1
  %x3 = load volatile i64, ptr %f3, align 1
  %x4 = load volatile i16, ptr %f4, align 1
  %x0 = load volatile i8, ptr @gp, align 1
  %e2 = zext i16 %x2 to i32
  %e4 = zext i16 %x4 to i32
  %e0 = zext i8 %x0 to i32
  %l3 = trunc i64 %x3 to i32
  %h3s = lshr i64 %x3, 32
  %h3 = trunc i64 %h3s to i32
  %s1 = xor i32 %x1, %e2
  %s2 = mul i32 %s1, 3
  %s3 = add i32 %s2, %l3
  %s4 = mul i32 %s3, 5
  %s5 = xor i32 %s4, %h3
  %s6 = add i32 %s5, %e4
  %s7 = add i32 %s6, %e0
  ret i32 %s7
}
""")

program("minmax64", "f", ["i64", "i64"], "i64")("""
declare i64 @llvm.smin.i64(i64, i64)
declare i64 @llvm.smax.i64(i64, i64)
declare i64 @llvm.umin.i64(i64, i64)
declare i64 @llvm.umax.i64(i64, i64)
declare i64 @llvm.abs.i64(i64, i1)
declare i64 @llvm.ctpop.i64(i64)
declare i64 @llvm.bswap.i64(i64)
define i64 @f(i64 %a, i64 %b) {
  %1 = call i64 @llvm.smin.i64(i64 %a, i64 %b)
  %2 = call i64 @llvm.smax.i64(i64 %a, i64 %b)
  %3 = call i64 @llvm.umin.i64(i64 %a, i64 %b)
  %4 = call i64 @llvm.umax.i64(i64 %a, i64 %b)
  %5 = call i64 @llvm.abs.i64(i64 %a, i1 false)
  %6 = call i64 @llvm.ctpop.i64(i64 %b)
  %7 = call i64 @llvm.bswap.i64(i64 %a)
  %x1 = shl i64 %1, 3
  %x2 = xor i64 %x1, %2
  %x3 = shl i64 %x2, 5
  %x4 = add i64 %x3, %3
  %x5 = shl i64 %x4, 7
  %x6 = xor i64 %x5, %4
  %x7 = add i64 %x6, %5
  %x8 = shl i64 %x7, 11
  %x9 = xor i64 %x8, %6
  %x10 = add i64 %x9, %7
  %c1 = icmp sgt i64 %a, 5000000000
  %c2 = icmp ult i64 %b, 77
  %s1 = select i1 %c1, i64 %x10, i64 %b
  %s2 = select i1 %c2, i64 %a, i64 %s1
  ret i64 %s2
}
""")

program("branch64", "f", ["i64", "i64"], "i64")("""
define i64 @f(i64 %a, i64 %b) {
entry:
  %c = icmp slt i64 %a, %b
  br i1 %c, label %l1, label %l2
l1:
  %c1 = icmp ugt i64 %a, 5000000000
  br i1 %c1, label %l3, label %l4
l2:
  %c2 = icmp eq i64 %a, %b
  br i1 %c2, label %l4, label %l5
l3:
  %x3 = add i64 %a, 17
  br label %join
l4:
  %x4 = sub i64 %b, 3
  br label %join
l5:
  %c5 = icmp sge i64 %b, -40
  %x5 = select i1 %c5, i64 100, i64 200
  br label %join
join:
  %r = phi i64 [%x3, %l3], [%x4, %l4], [%x5, %l5]
  ret i64 %r
}
""")

program("bytes", "f", ["i32", "i32"], "i32")("""
declare void @llvm.memset.p0.i32(ptr, i8, i32, i1)
declare void @llvm.memmove.p0.p0.i32(ptr, ptr, i32, i1)
define internal i32 @sum(ptr %p, i32 %n) noinline {
entry:
  br label %loop
loop:
  %i = phi i32 [0, %entry], [%i1, %loop]
  %s = phi i32 [0, %entry], [%s2, %loop]
  %q = getelementptr inbounds i8, ptr %p, i32 %i
  %v = load i8, ptr %q
  %ve = zext i8 %v to i32
  %s1 = mul i32 %s, 31
  %s2 = add i32 %s1, %ve
  %i1 = add i32 %i, 1
  %c = icmp ult i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i32 %s2
}
define i32 @f(i32 %a, i32 %b) {
  %buf = alloca [40 x i8], align 4
  %av = trunc i32 %a to i8
  %bv = trunc i32 %b to i8
  call void @llvm.memset.p0.i32(ptr %buf, i8 %av, i32 40, i1 false)
  %mid = getelementptr inbounds i8, ptr %buf, i32 10
  %n = and i32 %b, 15
  call void @llvm.memset.p0.i32(ptr %mid, i8 %bv, i32 %n, i1 false)
  %dst = getelementptr inbounds i8, ptr %buf, i32 3
  call void @llvm.memmove.p0.p0.i32(ptr %dst, ptr %buf, i32 30, i1 false)
  %r = call i32 @sum(ptr %buf, i32 40)
  ret i32 %r
}
""")

program("pressure64", "f", ["i64", "i64"], "i64")("""
define internal i32 @leaf(i32 %x, i32 %y) noinline {
  %p0 = mul i32 %x, 5
  %q0 = xor i32 %p0, %y
  %p1 = mul i32 %x, 9
  %q1 = xor i32 %p1, %y
  %p2 = mul i32 %x, 13
  %q2 = xor i32 %p2, %y
  %p3 = mul i32 %x, 17
  %q3 = xor i32 %p3, %y
  %p4 = mul i32 %x, 21
  %q4 = xor i32 %p4, %y
  %p5 = mul i32 %x, 25
  %q5 = xor i32 %p5, %y
  %p6 = mul i32 %x, 29
  %q6 = xor i32 %p6, %y
  %p7 = mul i32 %x, 33
  %q7 = xor i32 %p7, %y
  %p8 = mul i32 %x, 37
  %q8 = xor i32 %p8, %y
  %p9 = mul i32 %x, 41
  %q9 = xor i32 %p9, %y
  %p10 = mul i32 %x, 45
  %q10 = xor i32 %p10, %y
  %p11 = mul i32 %x, 49
  %q11 = xor i32 %p11, %y
  %p12 = mul i32 %x, 53
  %q12 = xor i32 %p12, %y
  %p13 = mul i32 %x, 57
  %q13 = xor i32 %p13, %y
  %p14 = mul i32 %x, 61
  %q14 = xor i32 %p14, %y
  %p15 = mul i32 %x, 65
  %q15 = xor i32 %p15, %y
  %p16 = mul i32 %x, 69
  %q16 = xor i32 %p16, %y
  %p17 = mul i32 %x, 73
  %q17 = xor i32 %p17, %y
  %p18 = mul i32 %x, 77
  %q18 = xor i32 %p18, %y
  %p19 = mul i32 %x, 81
  %q19 = xor i32 %p19, %y
  %p20 = mul i32 %x, 85
  %q20 = xor i32 %p20, %y
  %p21 = mul i32 %x, 89
  %q21 = xor i32 %p21, %y
  %n0 = add i32 %x, %y
  %m1 = mul i32 %n0, 3
  %n1 = add i32 %m1, %q21
  %m2 = mul i32 %n1, 3
  %n2 = add i32 %m2, %q20
  %m3 = mul i32 %n2, 3
  %n3 = add i32 %m3, %q19
  %m4 = mul i32 %n3, 3
  %n4 = add i32 %m4, %q18
  %m5 = mul i32 %n4, 3
  %n5 = add i32 %m5, %q17
  %m6 = mul i32 %n5, 3
  %n6 = add i32 %m6, %q16
  %m7 = mul i32 %n6, 3
  %n7 = add i32 %m7, %q15
  %m8 = mul i32 %n7, 3
  %n8 = add i32 %m8, %q14
  %m9 = mul i32 %n8, 3
  %n9 = add i32 %m9, %q13
  %m10 = mul i32 %n9, 3
  %n10 = add i32 %m10, %q12
  %m11 = mul i32 %n10, 3
  %n11 = add i32 %m11, %q11
  %m12 = mul i32 %n11, 3
  %n12 = add i32 %m12, %q10
  %m13 = mul i32 %n12, 3
  %n13 = add i32 %m13, %q9
  %m14 = mul i32 %n13, 3
  %n14 = add i32 %m14, %q8
  %m15 = mul i32 %n14, 3
  %n15 = add i32 %m15, %q7
  %m16 = mul i32 %n15, 3
  %n16 = add i32 %m16, %q6
  %m17 = mul i32 %n16, 3
  %n17 = add i32 %m17, %q5
  %m18 = mul i32 %n17, 3
  %n18 = add i32 %m18, %q4
  %m19 = mul i32 %n18, 3
  %n19 = add i32 %m19, %q3
  %m20 = mul i32 %n19, 3
  %n20 = add i32 %m20, %q2
  %m21 = mul i32 %n20, 3
  %n21 = add i32 %m21, %q1
  %m22 = mul i32 %n21, 3
  %n22 = add i32 %m22, %q0
  ret i32 %n22
}
define internal i64 @h(i64 %x) noinline {
  %y = mul i64 %x, 7
  %z = xor i64 %y, 21845
  ret i64 %z
}
define i64 @f(i64 %a, i64 %b) {
  %v0 = mul i64 %a, 3
  %w0 = xor i64 %v0, %b
  %v1 = mul i64 %a, 5
  %w1 = xor i64 %v1, %b
  %v2 = mul i64 %a, 7
  %w2 = xor i64 %v2, %b
  %v3 = mul i64 %a, 9
  %w3 = xor i64 %v3, %b
  %v4 = mul i64 %a, 11
  %w4 = xor i64 %v4, %b
  %v5 = mul i64 %a, 13
  %w5 = xor i64 %v5, %b
  %v6 = mul i64 %a, 15
  %w6 = xor i64 %v6, %b
  %v7 = mul i64 %a, 17
  %w7 = xor i64 %v7, %b
  %v8 = mul i64 %a, 19
  %w8 = xor i64 %v8, %b
  %v9 = mul i64 %a, 21
  %w9 = xor i64 %v9, %b
  %v10 = mul i64 %a, 23
  %w10 = xor i64 %v10, %b
  %v11 = mul i64 %a, 25
  %w11 = xor i64 %v11, %b
  %v12 = mul i64 %a, 27
  %w12 = xor i64 %v12, %b
  %v13 = mul i64 %a, 29
  %w13 = xor i64 %v13, %b
  %c0 = call i64 @h(i64 %a)
  %c1 = call i64 @h(i64 %w5)
  %lo = trunc i64 %b to i32
  %hi0 = lshr i64 %a, 7
  %hi = trunc i64 %hi0 to i32
  %lr = call i32 @leaf(i32 %lo, i32 %hi)
  %lz = zext i32 %lr to i64
  %t0 = add i64 %c0, %lz
  %s1 = add i64 %t0, %w0
  %t1 = xor i64 %s1, %c0
  %s2 = add i64 %t1, %w1
  %t2 = xor i64 %s2, %c1
  %s3 = add i64 %t2, %w2
  %t3 = xor i64 %s3, %c0
  %s4 = add i64 %t3, %w3
  %t4 = xor i64 %s4, %c1
  %s5 = add i64 %t4, %w4
  %t5 = xor i64 %s5, %c0
  %s6 = add i64 %t5, %w5
  %t6 = xor i64 %s6, %c1
  %s7 = add i64 %t6, %w6
  %t7 = xor i64 %s7, %c0
  %s8 = add i64 %t7, %w7
  %t8 = xor i64 %s8, %c1
  %s9 = add i64 %t8, %w8
  %t9 = xor i64 %s9, %c0
  %s10 = add i64 %t9, %w9
  %t10 = xor i64 %s10, %c1
  %s11 = add i64 %t10, %w10
  %t11 = xor i64 %s11, %c0
  %s12 = add i64 %t11, %w11
  %t12 = xor i64 %s12, %c1
  %s13 = add i64 %t12, %w12
  %t13 = xor i64 %s13, %c0
  %s14 = add i64 %t13, %w13
  %t14 = xor i64 %s14, %c1
  ret i64 %t14
}
""")

program("floatbits", "f", ["i64", "i32"], "i64")("""
@tab = private constant [3 x double] [double 1.5, double -0.0, double 0x7FF0000000000000]
@ftab = private constant [2 x float] [float 0x3FB99999A0000000, float -2.5]
define i64 @f(i64 %a, i32 %b) {
entry:
  %d = bitcast i64 %a to double
  %fb = bitcast i32 %b to float
  %abs = call double @llvm.fabs.f64(double %d)
  %cs = call double @llvm.copysign.f64(double %abs, double 0xBFF0000000000000)
  %fa = call float @llvm.fabs.f32(float %fb)
  %fcs = call float @llvm.copysign.f32(float %fa, float %fb)
  %i = urem i32 %b, 3
  %p = getelementptr [3 x double], ptr @tab, i32 0, i32 %i
  %t = load double, ptr %p
  %j = lshr i32 %b, 31
  %q = getelementptr [2 x float], ptr @ftab, i32 0, i32 %j
  %ft = load float, ptr %q
  %c = icmp ugt i32 %b, 100
  br i1 %c, label %big, label %join
big:
  br label %join
join:
  %s = phi double [ %cs, %big ], [ %t, %entry ]
  %slot = alloca double
  store volatile double %s, ptr %slot
  %l = load i64, ptr %slot
  %fi = bitcast float %fcs to i32
  %fti = bitcast float %ft to i32
  %x = xor i32 %fi, %fti
  %xz = zext i32 %x to i64
  %sh = shl i64 %xz, 7
  %r = xor i64 %l, %sh
  ret i64 %r
}
declare double @llvm.fabs.f64(double)
declare double @llvm.copysign.f64(double, double)
declare float @llvm.fabs.f32(float)
declare float @llvm.copysign.f32(float, float)
""")

program("fcmpconst", "f", ["i64", "i32"], "i32")("""
define i32 @f(i64 %a, i32 %b) {
  %d = bitcast i64 %a to double
  %x = bitcast i32 %b to float
  %c1 = fcmp uno double %d, 0.0
  %c2 = fcmp ord float %x, 0.0
  %c3 = fcmp oeq double %d, 0x7FF0000000000000
  %c4 = fcmp une float %x, 1.5
  %c5 = fcmp oeq double %d, 0.0
  %c6 = fcmp une float 0.0, %x
  %c7 = fcmp true float %x, %x
  %c8 = fcmp false double %d, %d
  %z1 = zext i1 %c1 to i32
  %z2 = zext i1 %c2 to i32
  %z3 = zext i1 %c3 to i32
  %z4 = zext i1 %c4 to i32
  %z5 = zext i1 %c5 to i32
  %z6 = zext i1 %c6 to i32
  %z7 = zext i1 %c7 to i32
  %z8 = zext i1 %c8 to i32
  %s2 = shl i32 %z2, 1
  %s3 = shl i32 %z3, 2
  %s4 = shl i32 %z4, 3
  %s5 = shl i32 %z5, 4
  %s6 = shl i32 %z6, 5
  %s7 = shl i32 %z7, 6
  %s8 = shl i32 %z8, 7
  %o2 = or i32 %z1, %s2
  %o3 = or i32 %o2, %s3
  %o4 = or i32 %o3, %s4
  %o5 = or i32 %o4, %s5
  %o6 = or i32 %o5, %s6
  %o7 = or i32 %o6, %s7
  %o8 = or i32 %o7, %s8
  ret i32 %o8
}
""")

program("expanded", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
  %a8 = trunc i32 %a to i8
  %b8 = trunc i32 %b to i8
  %a16 = trunc i32 %a to i16
  %b16 = trunc i32 %b to i16
  %f1 = call i8 @llvm.fshl.i8(i8 %a8, i8 %b8, i8 %b8)
  %f2 = call i8 @llvm.fshr.i8(i8 %a8, i8 %b8, i8 %b8)
  %f3 = call i16 @llvm.fshl.i16(i16 %a16, i16 %b16, i16 %b16)
  %f4 = call i16 @llvm.fshr.i16(i16 %a16, i16 %b16, i16 3)
  %s1 = call i32 @llvm.uadd.sat.i32(i32 %a, i32 %b)
  %s2 = call i32 @llvm.usub.sat.i32(i32 %a, i32 %b)
  %s3 = call i8 @llvm.sadd.sat.i8(i8 %a8, i8 %b8)
  %s4 = call i16 @llvm.ssub.sat.i16(i16 %a16, i16 %b16)
  %s5 = call i32 @llvm.sadd.sat.i32(i32 %a, i32 %b)
  %s6 = call i32 @llvm.ssub.sat.i32(i32 %a, i32 %b)
  %s7 = call i8 @llvm.uadd.sat.i8(i8 %a8, i8 %b8)
  %c1 = call i32 @llvm.scmp.i32.i32(i32 %a, i32 %b)
  %c2 = call i32 @llvm.ucmp.i32.i32(i32 %a, i32 %b)
  %c3 = call i8 @llvm.scmp.i8.i16(i16 %a16, i16 %b16)
  %o1 = call {i32, i1} @llvm.sadd.with.overflow.i32(i32 %a, i32 %b)
  %o2 = call {i32, i1} @llvm.ssub.with.overflow.i32(i32 %a, i32 %b)
  %o3 = call {i32, i1} @llvm.uadd.with.overflow.i32(i32 %a, i32 %b)
  %o4 = call {i32, i1} @llvm.usub.with.overflow.i32(i32 %a, i32 %b)
  %o5 = call {i32, i1} @llvm.umul.with.overflow.i32(i32 %a, i32 %b)
  %o6 = call {i32, i1} @llvm.smul.with.overflow.i32(i32 %a, i32 %b)
  %o7 = call {i16, i1} @llvm.smul.with.overflow.i16(i16 %a16, i16 %b16)
  %o8 = call {i8, i1} @llvm.sadd.with.overflow.i8(i8 %a8, i8 %b8)
  %o1v = extractvalue {i32, i1} %o1, 0
  %o1o = extractvalue {i32, i1} %o1, 1
  %o2v = extractvalue {i32, i1} %o2, 0
  %o2o = extractvalue {i32, i1} %o2, 1
  %o3v = extractvalue {i32, i1} %o3, 0
  %o3o = extractvalue {i32, i1} %o3, 1
  %o4v = extractvalue {i32, i1} %o4, 0
  %o4o = extractvalue {i32, i1} %o4, 1
  %o5v = extractvalue {i32, i1} %o5, 0
  %o5o = extractvalue {i32, i1} %o5, 1
  %o6v = extractvalue {i32, i1} %o6, 0
  %o6o = extractvalue {i32, i1} %o6, 1
  %o7v = extractvalue {i16, i1} %o7, 0
  %o7o = extractvalue {i16, i1} %o7, 1
  %o8v = extractvalue {i8, i1} %o8, 0
  %o8o = extractvalue {i8, i1} %o8, 1
  %r1 = call i32 @llvm.bitreverse.i32(i32 %a)
  %r2 = call i16 @llvm.bitreverse.i16(i16 %b16)
  %h0 = add i32 0, 0
  %z0 = zext i8 %f1 to i32
  %m0 = mul i32 %h0, 31
  %h1 = add i32 %m0, %z0
  %z1 = zext i8 %f2 to i32
  %m1 = mul i32 %h1, 31
  %h2 = add i32 %m1, %z1
  %z2 = zext i16 %f3 to i32
  %m2 = mul i32 %h2, 31
  %h3 = add i32 %m2, %z2
  %z3 = zext i16 %f4 to i32
  %m3 = mul i32 %h3, 31
  %h4 = add i32 %m3, %z3
  %z4 = add i32 %s1, 0
  %m4 = mul i32 %h4, 31
  %h5 = add i32 %m4, %z4
  %z5 = add i32 %s2, 0
  %m5 = mul i32 %h5, 31
  %h6 = add i32 %m5, %z5
  %z6 = zext i8 %s3 to i32
  %m6 = mul i32 %h6, 31
  %h7 = add i32 %m6, %z6
  %z7 = zext i16 %s4 to i32
  %m7 = mul i32 %h7, 31
  %h8 = add i32 %m7, %z7
  %z8 = add i32 %s5, 0
  %m8 = mul i32 %h8, 31
  %h9 = add i32 %m8, %z8
  %z9 = add i32 %s6, 0
  %m9 = mul i32 %h9, 31
  %h10 = add i32 %m9, %z9
  %z10 = zext i8 %s7 to i32
  %m10 = mul i32 %h10, 31
  %h11 = add i32 %m10, %z10
  %z11 = add i32 %c1, 0
  %m11 = mul i32 %h11, 31
  %h12 = add i32 %m11, %z11
  %z12 = add i32 %c2, 0
  %m12 = mul i32 %h12, 31
  %h13 = add i32 %m12, %z12
  %z13 = zext i8 %c3 to i32
  %m13 = mul i32 %h13, 31
  %h14 = add i32 %m13, %z13
  %z14 = add i32 %o1v, 0
  %m14 = mul i32 %h14, 31
  %h15 = add i32 %m14, %z14
  %z15 = zext i1 %o1o to i32
  %m15 = mul i32 %h15, 31
  %h16 = add i32 %m15, %z15
  %z16 = add i32 %o2v, 0
  %m16 = mul i32 %h16, 31
  %h17 = add i32 %m16, %z16
  %z17 = zext i1 %o2o to i32
  %m17 = mul i32 %h17, 31
  %h18 = add i32 %m17, %z17
  %z18 = add i32 %o3v, 0
  %m18 = mul i32 %h18, 31
  %h19 = add i32 %m18, %z18
  %z19 = zext i1 %o3o to i32
  %m19 = mul i32 %h19, 31
  %h20 = add i32 %m19, %z19
  %z20 = add i32 %o4v, 0
  %m20 = mul i32 %h20, 31
  %h21 = add i32 %m20, %z20
  %z21 = zext i1 %o4o to i32
  %m21 = mul i32 %h21, 31
  %h22 = add i32 %m21, %z21
  %z22 = add i32 %o5v, 0
  %m22 = mul i32 %h22, 31
  %h23 = add i32 %m22, %z22
  %z23 = zext i1 %o5o to i32
  %m23 = mul i32 %h23, 31
  %h24 = add i32 %m23, %z23
  %z24 = add i32 %o6v, 0
  %m24 = mul i32 %h24, 31
  %h25 = add i32 %m24, %z24
  %z25 = zext i1 %o6o to i32
  %m25 = mul i32 %h25, 31
  %h26 = add i32 %m25, %z25
  %z26 = zext i16 %o7v to i32
  %m26 = mul i32 %h26, 31
  %h27 = add i32 %m26, %z26
  %z27 = zext i1 %o7o to i32
  %m27 = mul i32 %h27, 31
  %h28 = add i32 %m27, %z27
  %z28 = zext i8 %o8v to i32
  %m28 = mul i32 %h28, 31
  %h29 = add i32 %m28, %z28
  %z29 = zext i1 %o8o to i32
  %m29 = mul i32 %h29, 31
  %h30 = add i32 %m29, %z29
  %z30 = add i32 %r1, 0
  %m30 = mul i32 %h30, 31
  %h31 = add i32 %m30, %z30
  %z31 = zext i16 %r2 to i32
  %m31 = mul i32 %h31, 31
  %h32 = add i32 %m31, %z31
  ret i32 %h32
}
""")

program("expanded64", "f", ["i64", "i64"], "i32")("""
define i32 @f(i64 %a, i64 %b) {
  %s1 = call i64 @llvm.uadd.sat.i64(i64 %a, i64 %b)
  %s2 = call i64 @llvm.ssub.sat.i64(i64 %a, i64 %b)
  %c1 = call i32 @llvm.scmp.i32.i64(i64 %a, i64 %b)
  %c2 = call i32 @llvm.ucmp.i32.i64(i64 %a, i64 %b)
  %o1 = call {i64, i1} @llvm.sadd.with.overflow.i64(i64 %a, i64 %b)
  %o1v = extractvalue {i64, i1} %o1, 0
  %o1o = extractvalue {i64, i1} %o1, 1
  %o2 = call {i64, i1} @llvm.usub.with.overflow.i64(i64 %a, i64 %b)
  %o2v = extractvalue {i64, i1} %o2, 0
  %o2o = extractvalue {i64, i1} %o2, 1
  %r1 = call i64 @llvm.bitreverse.i64(i64 %a)
  %u1 = lshr i64 %s1, 32
  %u2 = lshr i64 %s2, 32
  %u3 = lshr i64 %r1, 32
  %h0 = add i32 0, 0
  %z0 = trunc i64 %s1 to i32
  %m0 = mul i32 %h0, 31
  %h1 = add i32 %m0, %z0
  %z1 = trunc i64 %u1 to i32
  %m1 = mul i32 %h1, 31
  %h2 = add i32 %m1, %z1
  %z2 = trunc i64 %s2 to i32
  %m2 = mul i32 %h2, 31
  %h3 = add i32 %m2, %z2
  %z3 = trunc i64 %u2 to i32
  %m3 = mul i32 %h3, 31
  %h4 = add i32 %m3, %z3
  %z4 = add i32 %c1, 0
  %m4 = mul i32 %h4, 31
  %h5 = add i32 %m4, %z4
  %z5 = add i32 %c2, 0
  %m5 = mul i32 %h5, 31
  %h6 = add i32 %m5, %z5
  %z6 = trunc i64 %o1v to i32
  %m6 = mul i32 %h6, 31
  %h7 = add i32 %m6, %z6
  %z7 = zext i1 %o1o to i32
  %m7 = mul i32 %h7, 31
  %h8 = add i32 %m7, %z7
  %z8 = trunc i64 %o2v to i32
  %m8 = mul i32 %h8, 31
  %h9 = add i32 %m8, %z8
  %z9 = zext i1 %o2o to i32
  %m9 = mul i32 %h9, 31
  %h10 = add i32 %m9, %z9
  %z10 = trunc i64 %r1 to i32
  %m10 = mul i32 %h10, 31
  %h11 = add i32 %m10, %z10
  %z11 = trunc i64 %u3 to i32
  %m11 = mul i32 %h11, 31
  %h12 = add i32 %m11, %z11
  ret i32 %h12
}
""")

program("switchtable", "f", ["i32", "i32"], "i32")("""
define i32 @f(i32 %a, i32 %b) {
entry:
  %n = trunc i32 %a to i8
  switch i8 %n, label %narrowdef [ i8 -3, label %n1  i8 -2, label %n2  i8 -1, label %n3
                                    i8 0, label %n1  i8 1, label %n2  i8 2, label %n3 ]
n1:
  br label %wide
n2:
  br label %wide
n3:
  br label %wide
narrowdef:
  br label %wide
wide:
  %k = phi i32 [ 1, %n1 ], [ 2, %n2 ], [ 3, %n3 ], [ 4, %narrowdef ]
  %m = urem i32 %b, 23
  %x = add i32 %m, 100
  switch i32 %x, label %def [ i32 100, label %c0  i32 101, label %c1  i32 102, label %c2
                              i32 104, label %c3  i32 105, label %c4  i32 106, label %c0
                              i32 107, label %c5  i32 110, label %c1 ]
c0:
  %r0 = mul i32 %a, 3
  br label %done
c1:
  %r1 = add i32 %a, %b
  br label %done
c2:
  %r2 = xor i32 %a, 21845
  br label %done
c3:
  %r3 = sub i32 0, %a
  br label %done
c4:
  %r4 = lshr i32 %a, 3
  br label %c5
c5:
  %r5p = phi i32 [ %r4, %c4 ], [ %b, %wide ]
  %r5 = or i32 %r5p, 1
  br label %done
def:
  br label %done
done:
  %r = phi i32 [ %r0, %c0 ], [ %r1, %c1 ], [ %r2, %c2 ], [ %r3, %c3 ], [ %r5, %c5 ], [ 7, %def ]
  %rk = mul i32 %r, %k
  ret i32 %rk
}
""")

VARARGS_ASM = """
.section .text.sumv,"ax",@progbits
.globl sumv
sumv:                       // int sumv(int n, ...): all variadic ints on the stack
    move r1, 0
    move r2, r22
    jz r0, 2f
1:  lw r3, r2, -12
    add r1, r1, r3
    add r2, r2, -4
    add r0, r0, -1, nz, 1b
2:  move r0, r1
    jump r23
"""

# ------------------------------------------------------------------------- tests

u32 = st.integers(0, M32)
s32 = st.integers(-(1 << 31), (1 << 31) - 1)
u64 = st.integers(0, M64)
interesting32 = st.one_of(u32, st.sampled_from([0, 1, 2, 7, M32, 0x80000000, 0x7FFFFFFF, 1000, 1000000]))
interesting64 = st.one_of(u64, st.sampled_from([0, 1, M64, 1 << 63, (1 << 63) - 1, 1 << 32, M32]))

TWO32 = ["arith32", "div32", "compare", "branches", "loops", "swap", "switch", "intrinsics",
         "pressure", "memory", "indirect", "lookup", "packed", "bytes"]


@pytest.mark.parametrize("level", [0, 2])
@pytest.mark.parametrize("name", TWO32)
def test_two_i32_arguments(name, level):
    prog = compiled(name, level)

    @settings(max_examples=25, deadline=None, derandomize=True)
    @given(a=interesting32, b=interesting32)
    def check(a, b):
        prog.check(a, b)
    check()


@pytest.mark.parametrize("level", [0, 2])
@pytest.mark.parametrize("name", ["arith64", "muldiv64", "minmax64", "branch64", "pressure64"])
def test_two_i64_arguments(name, level):
    prog = compiled(name, level)

    @settings(max_examples=20, deadline=None, derandomize=True)
    @given(a=interesting64, b=interesting64)
    def check(a, b):
        prog.check(a, b)
    check()


@pytest.mark.parametrize("level", [0, 2])
def test_float_values_are_their_bits(level):
    """float/double values (no FPU: held as i32/i64), their constants, loads, stores, phis,
    and the sign intrinsics lowered to bit operations, against the host's FPU."""
    prog = compiled("floatbits", level)

    @settings(max_examples=30, deadline=None, derandomize=True)
    @given(a=interesting64, b=interesting32)
    def check(a, b):
        prog.check(a, b)
    check()


@pytest.mark.parametrize("level", [0, 2])
def test_fcmp_against_constants_compares_bits(level):
    """The optimiser makes fcmp of our isnan/isinf bit tests: exact integer compares."""
    prog = compiled("fcmpconst", level)
    assert "call" not in prog.asm
    specials64 = [0, 1 << 63, 0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000001,
                  0xFFF0000000000001, 0x3FF8000000000000, 1]
    specials32 = [0, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7F800001, 0x3FC00000,
                  0xBFC00000, 1]
    for a in specials64:
        for b in specials32:
            prog.check(a, b)

    @settings(max_examples=20, deadline=None, derandomize=True)
    @given(a=interesting64, b=interesting32)
    def check(a, b):
        prog.check(a, b)
    check()


def test_fcmp_without_constants_calls_the_libgcc_routines():
    from dpucc.backend.irparse import parse_module
    from dpucc.backend.legalize import legalize
    mod = parse_module("""
define i1 @f(double %a, double %b) {
  %c = fcmp ult double %a, %b
  %d = fcmp one double %a, %b
  %e = and i1 %c, %d
  ret i1 %e
}
""")
    legalize(mod)
    insts = mod.functions["f"].blocks[0].insts
    calls = [i.extra["callee"][1] for i in insts if i.op == "call"]
    assert calls == ["__gedf2", "__unorddf2", "__eqdf2"]
    assert [i.extra["pred"] for i in insts if i.op == "icmp"] == ["slt", "eq", "ne"]
    assert all(i.op != "fcmp" for i in insts)


@pytest.mark.parametrize("level", [0, 2])
@pytest.mark.parametrize("name", ["expanded", "expanded64"])
def test_intrinsics_expanded_by_legalize(name, level):
    """Narrow funnel shifts, saturating arithmetic, three-way compares, overflow checks and
    bit reversal, which LLVM makes from C idioms, against the host."""
    prog = compiled(name, level)
    big = interesting64 if name == "expanded64" else interesting32

    @settings(max_examples=40, deadline=None, derandomize=True)
    @given(a=big, b=big)
    def check(a, b):
        prog.check(a, b)
    check()


@pytest.mark.parametrize("level", [0, 2])
def test_dense_switches_jump_through_a_table(level):
    prog = compiled("switchtable", level)
    # both switches at -O0; at -O2 LLVM turns the first into a lookup table of values
    assert len(re.findall(r"jump r(?!23)\d+\n", prog.asm)) == (2 if level == 0 else 1)
    for a in (0, 1, 2, 3, 0xFD, 0xFE, 0xFF, 0x1FF, 0x80000000, M32):
        for b in range(0, 24):
            prog.check(a, b)


def test_float_constants_become_bit_patterns():
    from dpucc.backend.irparse import float_bits
    assert float_bits("1.500000e+00", "i64") == 0x3FF8000000000000
    assert float_bits("1.500000e+00", "i32") == 0x3FC00000
    assert float_bits("0x3FB99999A0000000", "i32") == 0x3DCCCCCD  # 0.1f
    assert float_bits("0xFFF8000000000000", "i32") == 0xFFC00000  # NaN keeps sign, payload
    assert float_bits("0x7FF0000000000000", "i32") == 0x7F800000
    assert float_bits("0x36A0000000000000", "i32") == 1  # the smallest float subnormal
    assert float_bits("0x0000000000000001", "i64") == 1


@pytest.mark.parametrize("level", [0, 2])
def test_narrow_types(level):
    prog = compiled("narrow", level)

    @settings(max_examples=25, deadline=None, derandomize=True)
    @given(a=st.integers(0, 255), b=st.integers(0, 0xFFFF))
    def check(a, b):
        prog.check(a, b)
    check()


@pytest.mark.parametrize("level", [0, 2])
def test_odd_widths(level):
    prog = compiled("oddwidths", level)
    for b in (0, 1 << 63, 0x7FF0000000000000, 0xFFF0000000000000, 0x4000000000000000,
              0x3E80000000000000, M64):
        for a in (M64, 1 << 39, 0x123456789AB):
            prog.check(a, b)

    @settings(max_examples=15, deadline=None, derandomize=True)
    @given(a=interesting64, b=interesting64)
    def check(a, b):
        prog.check(a, b)
    check()


def test_absolute_addresses_past_the_offset_field_go_through_a_register():
    ir = f'''target datalayout = "{DATA_LAYOUT}"
define i32 @f(ptr %p) {{
  store volatile i32 1, ptr inttoptr (i32 2147483647 to ptr)
  %q = getelementptr i8, ptr %p, i32 16777216
  %v = load i32, ptr %q
  ret i32 %v
}}
'''
    asm = compile_module(ir, "abs.ll")
    assemble(asm, "abs.s")  # every offset fits its field
    assert "2147483647" in asm and "16777216" in asm


def test_odd_widths_the_selector_cannot_hold_are_reported():
    ir = f'''target datalayout = "{DATA_LAYOUT}"
define void @f(ptr %p, i64 %a) {{
  %t = trunc i64 %a to i48
  store i48 %t, ptr %p
  ret void
}}
'''
    with pytest.raises(UnsupportedError, match="'store' of a i48 value"):
        compile_module(ir, "odd.ll")


@pytest.mark.parametrize("level", [0, 2])
def test_dynamic_allocas_move_the_stack_and_come_back(level):
    prog = compiled("dynalloca", level)
    assert "move r21, r22" in prog.asm and "move r22, r21" in prog.asm
    for n, k in ((0, 1), (3, 7), (15, 100), (255, 3), (6, 0xFFFF)):
        prog.check(n, k)


FP32_SPECIALS = [0, 0x80000000, 1, 0x80000001, 0x7FFFFF, 0x800000, 0x3F800000, 0xBF800000,
                 0x7F7FFFFF, 0x7F800000, 0xFF800000, 0x7F800001, 0x7FC00000, 0xFFC00000,
                 0x7FBFFFFF, 0xFFFFFFFF]
FP64_SPECIALS = [0, 1 << 63, 1, (1 << 63) | 1, (1 << 52) - 1, 1 << 52, 0x3FF0000000000000,
                 0xBFF0000000000000, 0x7FEFFFFFFFFFFFFF, 0x7FF0000000000000,
                 0xFFF0000000000000, 0x7FF0000000000001, 0x7FF8000000000000,
                 0xFFF8000000000000, 0x7FF7FFFFFFFFFFFF, M64]


@pytest.mark.parametrize("name, values", [("fpclass32", FP32_SPECIALS),
                                          ("fpclass64", FP64_SPECIALS)])
def test_is_fpclass_on_the_bits(name, values):
    prog = compiled(name, 0)
    for v in values:
        prog.check(v)


@pytest.mark.parametrize("level", [0, 2])
def test_recursion(level):
    prog = compiled("recursion", level)
    for x in (0, 1, 2, 5, 10, 15):
        prog.check(x)


@pytest.mark.parametrize("level", [0, 2])
def test_stack_arguments(level):
    prog = compiled("manyargs", level)

    @settings(max_examples=10, deadline=None, derandomize=True)
    @given(a=u32, b=u64, c=u32, d=u64)
    def check(a, b, c, d):
        prog.check(a, b, c, d)
    check()


def test_callee_saved_registers_survive_calls():
    """Values live across calls sit in r14..r21 (saved by the callee) or in spill slots."""
    prog = compiled("pressure", 2)
    assert re.search(r"sd r22, -?\d+, d(14|16|18|20)", prog.asm)
    prog.check(12345, 678)


def test_simple_loop_quality():
    """The sum loop: 5 instructions per iteration, no moves, the compare fused into the branch."""
    ir = f'target datalayout = "{DATA_LAYOUT}"\n' + """
define i32 @sum(ptr %a, i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [0, %entry], [%i1, %loop]
  %s = phi i32 [0, %entry], [%s1, %loop]
  %p = getelementptr i32, ptr %a, i32 %i
  %v = load i32, ptr %p
  %s1 = add i32 %s, %v
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i32 %s1
}
"""
    asm = compile_module(optimise(ir, 2), "sum.ll")
    lines = asm.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(".Lsum.loop:"))
    body = []
    for line in lines[start + 1:]:
        if line.endswith(":"):
            break
        body.append(line.strip())
    assert len(body) <= 5, body
    assert not any(b.startswith("move") for b in body), body
    assert "r22" not in asm  # a leaf without a frame


def test_unsupported_constructs_raise():
    ir = f'target datalayout = "{DATA_LAYOUT}"\n' + """
define float @g(float %x) {
  %y = fadd float %x, %x
  ret float %y
}
"""
    with pytest.raises(UnsupportedError) as e:
        compile_module(ir, "bad.ll")
    assert e.value.function == "g"


def test_globals_sections_and_linkage():
    ir = f'target datalayout = "{DATA_LAYOUT}"\n' + """
@a = global i32 5, align 4
@b = internal global [4 x i16] zeroinitializer
@c = constant [3 x i8] c"ab\\00"
@w = weak global i64 1
@m = addrspace(255) global [2 x i64] [i64 1, i64 2]
@h = global i32 3, section ".dpu_host"
@p = global ptr getelementptr (i8, ptr @c, i32 1)
define internal i32 @loc() {
  ret i32 0
}
"""
    asm = compile_module(ir, "g.ll")
    assert '.section .data.a,"aw",@progbits' in asm and "\t.globl a" in asm
    assert '.section .bss.b,"aw",@nobits' in asm and "\t.globl b" not in asm
    assert '.section .rodata.c,"a",@progbits' in asm
    assert "\t.weak w" in asm
    assert '.section .mram,"aw",@progbits' in asm
    assert '.section .dpu_host,"aw",@progbits' in asm
    assert "\t.long c + 1" in asm
    assert "\t.globl loc" not in asm and ".type loc,@function" in asm
    elf.write_elf(assemble(asm, "g.s"))


def test_variadic_arguments_go_on_the_stack():
    ir = f'target datalayout = "{DATA_LAYOUT}"\n' + """
declare i32 @sumv(i32, ...)
define i32 @f(i32 %a, i32 %b) {
  %c = add i32 %a, %b
  %r = call i32 (i32, ...) @sumv(i32 4, i32 %a, i32 %b, i32 %c, i32 1000)
  %r2 = call i32 (i32, ...) @sumv(i32 1, i32 %r)
  ret i32 %r2
}
"""
    asm = compile_module(optimise(ir, 2), "va.ll")
    loads = "\n".join(f"    lw r{i}, zero, __args + {4 * i}" for i in range(8))
    objs = [("boot.o", elf.write_elf(assemble(BOOT.format(loads=loads, fn="f"), "boot.s"))),
            ("va.o", elf.write_elf(assemble(asm, "va.s"))),
            ("sumv.o", elf.write_elf(assemble(VARARGS_ASM, "sumv.s")))]
    program_ = load_program(elf.write_elf(link(objs).elf), "va")
    for a, b in ((1, 2), (100, 5000), (M32, 7)):
        sim = Simulator()
        sim.load(program_)
        sim.write(0, "__args", a.to_bytes(4, "little") + b.to_bytes(4, "little") + bytes(24))
        sim.boot()
        sim.run(100_000)
        got = int.from_bytes(sim.read(0, "__result", 4), "little")
        assert got == (2 * (a + b) + 1000) & M32


def test_switch_on_i64_and_llvm_printed_names():
    """Unnamed values and blocks (%0, %2:), private `.str`-style symbols, an i64 switch."""
    ir = f'target datalayout = "{DATA_LAYOUT}"\n' + r"""
@.str = private unnamed_addr constant [4 x i8] c"abc\00", align 1
@llvm.used = appending global [1 x ptr] [ptr @.str], section "llvm.metadata"
define dso_local noundef i64 @f(i64 noundef %0, i64 noundef %1) local_unnamed_addr #0 {
  switch i64 %0, label %5 [
    i64 0, label %3
    i64 5000000000, label %4
    i64 -1, label %4
  ]
3:
  br label %5
4:
  %l = load i8, ptr getelementptr inbounds (i8, ptr @.str, i32 1), align 1
  %e = zext i8 %l to i64
  br label %5
5:
  %6 = phi i64 [ %1, %2 ], [ 7, %3 ], [ %e, %4 ]
  ret i64 %6
}
attributes #0 = { nounwind }
"""
    asm = compile_module(ir, "sw.ll")
    loads = "\n".join(f"    lw r{i}, zero, __args + {4 * i}" for i in range(8))
    objs = [("boot.o", elf.write_elf(assemble(BOOT.format(loads=loads, fn="f"), "boot.s"))),
            ("sw.o", elf.write_elf(assemble(asm, "sw.s")))]
    prog = load_program(elf.write_elf(link(objs).elf), "sw")
    for a, want in ((0, 7), (5000000000, ord("b")), (M64, ord("b")), (5, 99), (1 << 32, 99)):
        sim = Simulator()
        sim.load(prog)
        regs = [a >> 32, a & M32, 0, 99] + [0] * 4
        sim.write(0, "__args", b"".join(r.to_bytes(4, "little") for r in regs))
        sim.boot()
        sim.run(100_000)
        raw = sim.read(0, "__result", 8)
        got = int.from_bytes(raw[:4], "little") << 32 | int.from_bytes(raw[4:], "little")
        assert got == want, (a, got)


@pytest.mark.parametrize("level", [0, 2])
def test_variadic_callee_with_va_arg(level):
    ir = f'target datalayout = "{DATA_LAYOUT}"\n' + """
declare void @llvm.va_start.p0(ptr)
declare void @llvm.va_end.p0(ptr)
define internal i64 @mix(i32 %n, ...) noinline {
entry:
  %ap = alloca ptr, align 4
  call void @llvm.va_start.p0(ptr %ap)
  %z = icmp eq i32 %n, 0
  br i1 %z, label %exit, label %loop
loop:
  %i = phi i32 [0, %entry], [%i1, %loop]
  %s = phi i64 [0, %entry], [%s2, %loop]
  %a = va_arg ptr %ap, i32
  %b = va_arg ptr %ap, i64
  %ae = zext i32 %a to i64
  %s1 = add i64 %s, %ae
  %s3 = mul i64 %s1, 3
  %s2 = xor i64 %s3, %b
  %i1 = add i32 %i, 1
  %c = icmp ult i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  %r = phi i64 [0, %entry], [%s2, %loop]
  call void @llvm.va_end.p0(ptr %ap)
  ret i64 %r
}
define i64 @f(i32 %x, i64 %y) {
  %x2 = add i32 %x, 1
  %y2 = xor i64 %y, 1099511627775
  %r = call i64 (i32, ...) @mix(i32 3, i32 %x, i64 %y, i32 %x2, i64 %y2, i32 7, i64 -1)
  ret i64 %r
}
"""
    asm = compile_module(optimise(ir, level), "va2.ll")
    loads = "\n".join(f"    lw r{i}, zero, __args + {4 * i}" for i in range(8))
    objs = [("boot.o", elf.write_elf(assemble(BOOT.format(loads=loads, fn="f"), "boot.s"))),
            ("va.o", elf.write_elf(assemble(asm, "va.s"))), *runtime_objects()]
    prog = load_program(elf.write_elf(link(objs).elf), "va2")
    for x, y in ((1, 2), (M32, M64), (12345, 1 << 40)):
        sim = Simulator()
        sim.load(prog)
        regs = [x, 0, y >> 32, y & M32] + [0] * 4
        sim.write(0, "__args", b"".join(r.to_bytes(4, "little") for r in regs))
        sim.boot()
        sim.run(1_000_000)
        raw = sim.read(0, "__result", 8)
        got = int.from_bytes(raw[:4], "little") << 32 | int.from_bytes(raw[4:], "little")
        s = 0
        for a, b in ((x, y), ((x + 1) & M32, y ^ 1099511627775), (7, M64)):
            s = (((s + a) * 3) ^ b) & M64
        assert got == s


# ------------------------------------------------------------------------- random programs

import random


class RandomCfg:
    """Random structured programs: assignments, if/else diamonds and counted loops, with
    the values carried through phis (the generator behind test_random_control_flow)."""

    def __init__(self, rng):
        self.rng = rng; self.k = 0; self.lines = []; self.cur = "entry"
        self.vars = {"x0": ("i32", "%a"), "x1": ("i32", "%b"), "x2": ("i64", "%c"),
                     "x3": ("i32", "7"), "x4": ("i64", "0"), "x5": ("i8", "3"), "x6": ("i32", "%a"), "x7": ("i32", "%b")}
    def n(self, p="v"):
        self.k += 1; return f"%{p}{self.k}"
    def emit(self, s): self.lines.append("  " + s)
    def label(self, l): self.lines.append(f"{l}:"); self.cur = l
    def opnd(self, t):
        cands = [v for v, (tt, _) in self.vars.items() if tt == t]
        if cands and self.rng.random() < 0.8:
            return self.vars[self.rng.choice(cands)][1]
        return str(self.rng.choice([0, 1, 5, -3, 1000]))
    def assign(self):
        v = self.rng.choice(list(self.vars)); t = self.vars[v][0]
        op = self.rng.choice(["add", "sub", "mul", "xor", "or", "and", "shl", "lshr", "ashr", "call"])
        r = self.n()
        if op == "call" and t == "i32":
            self.emit(f"{r} = call i32 @h(i32 {self.opnd(t)}, i32 {self.opnd(t)})")
        elif op in ("shl", "lshr", "ashr"):
            self.emit(f"{r} = {op} {t} {self.opnd(t)}, {self.rng.randrange(int(t[1:]))}")
        else:
            if op == "call": op = "add"
            self.emit(f"{r} = {op} {t} {self.opnd(t)}, {self.opnd(t)}")
        self.vars[v] = (t, r)
    def cond(self):
        t = self.rng.choice(["i32", "i64", "i8"])
        c = self.n("c")
        self.emit(f"{c} = icmp {self.rng.choice(['eq','ne','ult','slt','sgt','uge','sle'])} {t} {self.opnd(t)}, {self.opnd(t)}")
        return c
    def block(self, depth):
        for _ in range(self.rng.randrange(1, 4)):
            r = self.rng.random()
            if depth < 3 and r < 0.25:
                self.ifelse(depth + 1)
            elif depth < 3 and r < 0.45:
                self.loop(depth + 1)
            else:
                self.assign()
    def ifelse(self, depth):
        c = self.cond(); lt, le, lj = self.n("L")[1:], self.n("L")[1:], self.n("L")[1:]
        self.emit(f"br i1 {c}, label %{lt}, label %{le}")
        before = dict(self.vars)
        self.label(lt); self.block(depth); vt = dict(self.vars); endt = self.cur
        self.emit(f"br label %{lj}")
        self.vars = dict(before)
        self.label(le)
        if self.rng.random() < 0.7: self.block(depth)
        ve = dict(self.vars); ende = self.cur
        self.emit(f"br label %{lj}")
        self.label(lj)
        for v in self.vars:
            if vt[v][1] != ve[v][1]:
                p = self.n("p")
                self.emit(f"{p} = phi {vt[v][0]} [{vt[v][1]}, %{endt}], [{ve[v][1]}, %{ende}]")
                self.vars[v] = (vt[v][0], p)
    def loop(self, depth):
        pre = self.cur; lh, lx = self.n("H")[1:], self.n("X")[1:]
        trip = self.n("t")
        self.emit(f"{trip} = and i32 {self.opnd('i32')}, 3")
        self.emit(f"br label %{lh}")
        self.label(lh)
        i = self.n("i")
        phis = {}
        ilines = len(self.lines)
        for v, (t, val) in list(self.vars.items()):
            p = self.n("q"); phis[v] = (p, t, val); self.vars[v] = (t, p)
        self.block(depth)
        i1 = self.n("i")
        self.emit(f"{i1} = add i32 {i}, 1")
        cc = self.n("c")
        self.emit(f"{cc} = icmp ule i32 {i1}, {trip}")
        latch = self.cur
        self.emit(f"br i1 {cc}, label %{lh}, label %{lx}")
        hdr = [f"  {i} = phi i32 [0, %{pre}], [{i1}, %{latch}]"]
        for v, (p, t, val) in phis.items():
            hdr.append(f"  {p} = phi {t} [{val}, %{pre}], [{self.vars[v][1]}, %{latch}]")
        self.lines[ilines:ilines] = hdr
        self.label(lx)
    def program(self):
        self.label("entry")
        self.block(0)
        acc = "%c"
        for t, val in self.vars.values():
            z = self.n("z")
            if t == "i64": self.emit(f"{z} = xor i64 {acc}, {val}")
            else:
                e = self.n("e"); self.emit(f"{e} = zext {t} {val} to i64")
                m = self.n("m"); self.emit(f"{m} = mul i64 {acc}, 33")
                self.emit(f"{z} = add i64 {m}, {e}")
            acc = z
        self.emit(f"ret i64 {acc}")
        return ("define internal i32 @h(i32 %x, i32 %y) noinline {\n  %r = mul i32 %x, %y\n  %s = xor i32 %r, 12345\n  ret i32 %s\n}\n"
                "define i64 @f(i32 %a, i32 %b, i64 %c) {\n" + "\n".join(self.lines) + "\n}\n")


@pytest.mark.parametrize("level", [0, 2])
@pytest.mark.parametrize("seed", range(8))
def test_random_control_flow(seed, level):
    """Random CFGs (nested loops and diamonds over i8/i32/i64 values, calls) against the host."""
    rng = random.Random(seed)
    body = RandomCfg(rng).program()
    PROGRAMS[f"cfg{seed}"] = (body, "f", ["i32", "i32", "i64"], "i64")
    prog = compiled(f"cfg{seed}", level)
    for _ in range(3):
        prog.check(rng.randrange(1 << 32), rng.randrange(1 << 32), rng.randrange(1 << 64))
