"""The C front end: IR that verifies, runs right (host JIT vs gcc), and gcc-worded diagnostics.

Self-checking programs define ``int test(void)``; the expected value always comes from the
same program compiled by the machine's gcc, never from a hand-written number.  The JIT runs the
IR compiled in the front end's host-test mode (64-bit pointers, the host's data layout; C type
sizes stay the DPU's, and the programs do not depend on pointer size).
"""

from __future__ import annotations

import ctypes
import math
import os
import shutil
import subprocess

import pytest
from llvmlite import binding as llvm

from dpucc import target
from dpucc.frontend import compile_c, preprocess_c
from dpucore.diag import DiagnosticError

llvm.initialize_native_target()
llvm.initialize_native_asmprinter()

HAVE_GCC = shutil.which("gcc") is not None


def verify(ir_text: str):
    m = llvm.parse_assembly(ir_text)
    m.verify()
    return m


def _fdiv(a, b):
    if b:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def _soft_float_symbols():
    """libgcc's soft-float routines, implemented with the host's IEEE arithmetic, for the JIT."""
    f32 = lambda x: ctypes.c_float(x).value
    cf, cd, ci, cu = ctypes.c_float, ctypes.c_double, ctypes.c_int32, ctypes.c_uint32
    cl, cul = ctypes.c_int64, ctypes.c_uint64

    def cmp(a, b, unordered):
        if math.isnan(a) or math.isnan(b):
            return unordered
        return -1 if a < b else (1 if a > b else 0)

    table = {}
    for m, ct, rnd in (("sf", cf, f32), ("df", cd, float)):
        bin2 = ctypes.CFUNCTYPE(ct, ct, ct)
        for op, fn in (("add", lambda a, b: a + b), ("sub", lambda a, b: a - b),
                       ("mul", lambda a, b: a * b),
                       ("div", _fdiv)):
            table[f"__{op}{m}3"] = bin2(lambda a, b, fn=fn, rnd=rnd: rnd(fn(a, b)))
        table[f"__neg{m}2"] = ctypes.CFUNCTYPE(ct, ct)(lambda a: -a)
        c2 = ctypes.CFUNCTYPE(ci, ct, ct)
        for name, unordered in (("eq", 1), ("ne", 1), ("lt", 1), ("le", 1), ("gt", -1),
                                ("ge", -1)):
            table[f"__{name}{m}2"] = c2(lambda a, b, u=unordered: cmp(a, b, u))
        for it, nm in ((ci, "si"), (cu, "unsi"), (cl, "di"), (cul, "undi")):
            table[f"__float{nm}{m}"] = ctypes.CFUNCTYPE(ct, it)(lambda x, rnd=rnd: rnd(float(x)))
            table[f"__fix{'uns' if nm.startswith('un') else ''}{m}{nm[-2:]}"] = \
                ctypes.CFUNCTYPE(it, ct)(lambda x: int(x))
    table["__extendsfdf2"] = ctypes.CFUNCTYPE(cd, cf)(lambda x: x)
    table["__truncdfsf2"] = ctypes.CFUNCTYPE(cf, cd)(lambda x: f32(x))
    return table


_SOFT_FLOAT = _soft_float_symbols()
for _name, _fn in _SOFT_FLOAT.items():
    llvm.add_symbol(_name, ctypes.cast(_fn, ctypes.c_void_p).value)


def jit_test(src: str) -> int:
    m = verify(compile_c(src, "t.c", _host_test=True))
    tm = llvm.Target.from_default_triple().create_target_machine()
    m.triple = llvm.get_default_triple()
    m.data_layout = str(tm.target_data)
    ee = llvm.create_mcjit_compiler(m, tm)
    ee.finalize_object()
    f = ctypes.CFUNCTYPE(ctypes.c_int)(ee.get_function_address("test"))
    return f()


def gcc_test(src: str, tmp_path) -> int:
    c = tmp_path / "prog.c"
    c.write_text(src + '\n#include <stdio.h>\nint main(void) { printf("%d\\n", test()); '
                       'return 0; }\n')
    exe = tmp_path / "prog"
    subprocess.run(["gcc", "-w", "-O0", "-fwrapv", "-o", str(exe), str(c)], check=True)
    return int(subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout)


PROGRAMS = {
    "promotions": r"""
int test(void) {
    unsigned char a = 200, b = 100; signed char c = -3; short s = -30000;
    unsigned short us = 65535;
    int r = a + b;                 /* 300: promoted to int */
    r += (unsigned char)(a + b);   /* 44 */
    r += c * us;                   /* int arithmetic */
    r += (s << 1) >> 3;
    r += (unsigned)c > 5u;         /* -3 as unsigned is big */
    r += c < (int)1u;
    r += (-1 < 0u);                /* 0: comparison in unsigned */
    r += (-1L < 0u);               /* 1: long holds all unsigned int */
    r += ~b + !a + -us;
    char ch = 'z'; r += ch; r += sizeof(ch + ch);
    _Bool bo = 256; r += bo * 1000;
    return r;
}""",
    "shifts_and_division": r"""
int test(void) {
    int r = 0; int x = -17; unsigned u = 0xF0000000u;
    r += x >> 2; r += x / 4; r += x % 4; r += (int)(u >> 28); r += (int)((int)u >> 28);
    r += (x & 0xFF) ^ 0x5A; r += (unsigned)x / 3u % 1000;
    long long big = -123456789012345LL;
    r += (int)(big / 1000003); r += (int)(big % 1000003);
    unsigned long long ub = 0xFEDCBA9876543210ULL;
    r += (int)(ub >> 36) + (int)(ub << 4 >> 60) + (int)(ub / 77777u);
    for (int i = 0; i < 40; i += 7) r += (int)((1LL << i) >> 20);
    return r;
}""",
    "int64": r"""
long fib(int n) { long a = 0, b = 1; while (n--) { long t = a + b; a = b; b = t; } return a; }
int test(void) {
    long f = fib(80);
    unsigned long h = 1469598103934665603UL;
    for (int i = 0; i < 100; i++) h = (h ^ (unsigned long)i) * 1099511628211UL;
    long m = -5;
    return (int)(f % 1000000007) ^ (int)(h >> 32) ^ (int)h ^ (int)(m * 3 / 2) ^ (int)(f >> 33);
}""",
    "structs": r"""
struct inner { char c; long l; };
struct outer { int a; struct inner in; short arr[3]; };
typedef struct outer outer_t;
static outer_t make(int a) { outer_t o; o.a = a; o.in.c = (char)a; o.in.l = a * 100000L;
    o.arr[0] = 1; o.arr[1] = 2; o.arr[2] = (short)a; return o; }
static int sum(outer_t o) { o.a += 1000; return o.a + o.in.c + (int)o.in.l + o.arr[2]; }
union u { int i; unsigned char b[4]; };
struct bits { unsigned a : 3; signed b : 5; unsigned c : 10; int d : 2; };
int test(void) {
    outer_t x = make(7), y;
    y = x; y.a = 9;
    struct outer *p = &y; p->in.c += 1;
    int r = sum(x) + sum(y) + x.a + (int)sizeof(struct outer) + (int)sizeof(struct inner);
    union u uu; uu.i = 0x11223344; r += uu.b[0] + uu.b[3];
    struct bits bb = {5, -3, 1000, 1};
    bb.a += 4; bb.b -= 20; bb.d = -2;
    r += bb.a + bb.b + bb.c + bb.d + (int)sizeof bb;
    struct { int k[2]; } anon = {{3, 4}}, anon2 = anon;
    return r + anon2.k[1];
}""",
    "switch_goto_loops": r"""
static int classify(int x) {
    switch (x) {
    case 0: return 10;
    case 1: case 2: x += 5;
    case 3: x *= 2; break;
    case -7: { int q = x * x; return q; }
    default: x = -x;
    }
    return x;
}
int test(void) {
    int r = 0, i = 0;
    for (int k = -8; k < 8; k++) r += classify(k) * (k + 9);
    do { r += i; if (i == 3) { i += 2; continue; } i++; } while (i < 10);
    while (1) { if (++i > 20) break; if (i & 1) continue; r ^= i; }
    int n = 0;
again:
    n++;
    if (n < 5) goto again;
    return r + n;
}""",
    "recursion_fnptr": r"""
static int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
static int ack(int m, int n) { if (m == 0) return n + 1; if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1)); }
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
typedef int (*binop)(int, int);
static binop ops[] = { add, mul, 0 };
static int apply(binop f, int a, int b) { return f(a, b); }
int test(void) {
    int r = fact(10) % 9973 + ack(2, 3);
    for (int i = 0; ops[i]; i++) r += apply(ops[i], i + 3, 7);
    int (*g)(int) = fact; r += (*g)(5) + g(4);
    return r;
}""",
    "arrays_pointers": r"""
int grid[3][4];
static int total(const int *p, int n) { int s = 0; while (n--) s += *p++; return s; }
int test(void) {
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) grid[i][j] = i * 10 + j;
    int *p = &grid[1][0], *q = &grid[2][3];
    int r = (int)(q - p) + total(grid[2], 4) + *(*(grid + 1) + 2);
    char buf[16]; char *s = buf; const char *t = "hello";
    while ((*s++ = *t++)) ;
    r += buf[4] + (int)(s - buf);
    int arr[] = {5, 4, 3, 2, 1}; r += (int)(sizeof arr / sizeof arr[0]);
    int *e = arr + 5; r += e[-1] + 2[arr] + (p < q) + (p == &grid[1][0]);
    void *v = arr; r += *(int *)v;
    int local[2][2] = {{1, 2}, {3, 4}}; r += local[1][0] * 100;
    return r;
}""",
    "globals_initialisers": r"""
struct pt { int x, y; };
struct shape { const char *name; struct pt pts[2]; int n; };
static int counter = 42;
int *counter_ptr = &counter;
struct shape shapes[] = { { "line", { {1, 2}, {3, 4} }, 2 }, { .n = 7, .name = "dot" } };
char text[8] = "abc";
const char *names[] = { "zero", "one", "two" };
int table[10] = { [2] = 5, [7] = 9, 11 };
struct pt *second = &shapes[1].pts[1];
long big = 0x123456789LL;
unsigned short hs[] = { 1, 2, 3 };
enum color { RED, GREEN = 5, BLUE };
enum color fav = BLUE;
static int next(void) { static int calls; return ++calls; }
int test(void) {
    int r = *counter_ptr + shapes[0].pts[1].y + shapes[1].n + shapes[0].name[1];
    r += text[2] + text[5] + names[2][1] + table[2] + table[7] + table[8] + table[9];
    second->x = 77; r += shapes[1].pts[1].x + (int)(big >> 4) + hs[2] + fav + GREEN;
    next(); next(); r += next();
    struct pt lp = (struct pt){ .y = 8 }; r += lp.x + lp.y;
    int *cl = (int[]){ 1, 2, 3 }; r += cl[2];
    return r + (int)sizeof(shapes) / (int)sizeof(shapes[0]);
}""",
    "conditional_logic": r"""
static int side;
static int bump(int v) { side++; return v; }
int test(void) {
    int r = 0;
    for (int i = -3; i < 4; i++) {
        r += (i > 0 && bump(i)) + (i < 0 || bump(i * 2)) * 3 + (i ? i : 100);
        r += !i + (i == 2 ? bump(5) : -1);
    }
    unsigned u = 3; int s = -4;
    r += (s < u) + (s < (int)u) + ((long)s < u);
    r += (u > 2 ? s : u) > 0;
    int x = 5; x += 3; x <<= 2; x |= 1; x %= 7; r += x;
    return r * 100 + side;
}""",
    "mixed": r"""
struct node { int v; struct node *next; };
static struct node n3 = {3, 0}, n2 = {2, &n3}, n1 = {1, &n2};
struct msg { char tag[4]; unsigned len : 12, kind : 4; union { int i; char c[4]; } u; };
static struct msg msgs[2] = { { "ab", 100, 3, { .i = 0x01020304 } }, { .tag = "xyz", .len = 7 } };
enum e { NEG = -5, ZERO = NEG + 5, BIG = 0x7fffffff };
typedef int (*cmp_t)(const void *, const void *);
static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static void sort(int *a, int n, cmp_t cmp) {
    for (int i = 1; i < n; i++) for (int j = i; j > 0 && cmp(&a[j - 1], &a[j]) > 0; j--) {
        int t = a[j]; a[j] = a[j - 1]; a[j - 1] = t; } }
static cmp_t pick(int k) { return k ? cmp_int : 0; }
static int counter(void) { static int c = 10; static int arr[3] = {1, 2, 3}; return c++ + arr[c % 3]; }
struct flex { int n; int data[]; };
static long long sq(long long x) { return x * x; }
static unsigned mix(unsigned h, unsigned char c) { h ^= c; h *= 16777619u; return h; }
int test(void) {
    int r = 0;
    for (struct node *p = &n1; p; p = p->next) r = r * 10 + p->v;
    r += msgs[0].tag[1] + msgs[0].len + msgs[0].kind + msgs[0].u.c[0] + msgs[1].tag[2] + msgs[1].len;
    msgs[1].len += 4095; r += msgs[1].len;
    r += NEG + ZERO + (BIG > 0);
    int a[] = {9, -2, 7, 4, 0, 11};
    sort(a, 6, pick(1));
    for (int i = 0; i < 6; i++) r = r * 3 + a[i];
    r += counter(); r += counter();
    r += (int)sizeof(struct flex) + (int)sq(-46341LL) % 1000;
    unsigned h = 2166136261u; const char *s = "the quick brown fox";
    while (*s) h = mix(h, (unsigned char)*s++);
    r ^= (int)h;
    int x = 0; r += sizeof(x++); r += x;
    short sh = -1; unsigned short ush = sh; r += ush + (sh == -1) + (ush == 65535);
    long l = -1; unsigned int ui = 1; r += (l < ui);
    char c = 200; r += c;
    r += ({ int t = 5; t * 2; });
    return r;
}
""",
    "aggregates_64bit": r"""
struct v2 { int x, y; };
static struct v2 add(struct v2 a, struct v2 b) { struct v2 r = { a.x + b.x, a.y + b.y }; return r; }
static int sum2d(int (*m)[3], int rows) { int s = 0; for (int i = 0; i < rows; i++) for (int j = 0; j < 3; j++) s += m[i][j] * (i + 1); return s; }
static int mat[2][3] = { 1, 2, 3, 4, 5, 6 };
static struct v2 pts[] = { 1, 2, 3, 4, [3] = { 9 } };
static const unsigned long long divs[] = { 3, 7, 1000000007ULL, 0xFFFFFFFFFFULL };
int test(void) {
    struct v2 a = { 1, 2 }, b = { 10, 20 }, c;
    c = add(a, add(b, b));
    struct v2 *pp = &c;
    *pp = (c.x > 5) ? add(c, a) : b;
    int r = c.x * 1000 + c.y + sum2d(mat, 2) + pts[1].y + pts[3].x + (int)(sizeof pts / sizeof *pts);
    unsigned long long big = 0xFEDCBA9876543210ULL;
    for (int i = 0; i < 4; i++) { r ^= (int)(big / divs[i]); r += (int)(big % divs[i]); }
    long long sb = -0x123456789ABCLL;
    r += (int)(sb / 12345) + (int)(sb % 12345) + (int)(sb >> 13) + (int)((unsigned long long)sb >> 50);
    int local[2][2][2] = { { { 1 }, { 2, 3 } }, 4, 5 };
    r += local[0][0][1] + local[0][1][1] * 10 + local[1][0][0] * 100 + local[1][0][1] * 1000;
    unsigned char uc = 255; uc += 3; r += uc;
    signed char sc = 127; sc++; r += sc;
    int neg = -7; r += neg / 2 + neg % 2 + (unsigned)neg / 2u % 100;
    r += (3 > 2);
    return r;
}
""",
    "floating_point": r"""
static float fpoly(float x) { return 3.5f * x * x - 2.0f * x + 0.25f; }
static double dmean(const double *v, int n) { double s = 0; for (int i = 0; i < n; i++) s += v[i]; return s / n; }
int test(void) {
    double v[] = { 1.5, -2.25, 1e10, 3.0 / 7.0 };
    double m = dmean(v, 4);
    float f = fpoly(1.75f);
    int r = (int)(m / 1000) + (int)(f * 1000.0f) + (int)-7.9 + (int)(unsigned)(3e9);
    long long ll = (long long)(m * 3.0); r += (int)(ll % 100000);
    r += (f > 5.0f) + (m <= 0.0) * 2 + (f == f) * 4 + (v[0] != 1.5) * 8 + (v[1] < -2.0) * 16;
    unsigned long long big = 18000000000000000000ULL; double d = (double)big;
    r += (int)(d / 1e15) + (int)(float)(-123456789) % 1000 + (int)((double)(unsigned)4000000000u / 3);
    float g = (float)m; double back = g; r += (int)(back - m);
    return r + (int)(1.0 / 3.0 * 3000000.0) + (int)-f;
}""",
    "gnu_extensions": r"""
#define MAX(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
struct __attribute__((packed)) rec { char tag; int value; } __attribute__((aligned(1)));
static __attribute__((noinline)) int twice(int x) { return x * 2; }
int test(void) {
    __extension__ long long big = 1LL << 40;
    int r = MAX(3, twice(5)) + (int)sizeof(struct rec) + (int)(big >> 38);
    typeof(r) copy = r; __typeof__(&copy) pc = &copy; *pc += 1;
    r += copy + __func__[1] + (int)__builtin_offsetof(struct rec, value);
    r += __builtin_popcount(0xF0F0u) + __builtin_clz(1u) + __builtin_ctz(8u);
    r += (int)(__builtin_bswap32(0x11223344u) & 0xFF) + (int)__builtin_expect(r, 0);
    return r;
}""",
    "declarations": r"""
extern int arr[];
int arr[3] = {1, 2, 3};
int tent; int tent = 5; int tent;
static int later(void);
int early(void) { return later() + helper(2, 3); }
static int later(void) { return 10; }
int old_style();
int helper(int a, int b) { return a * b + old_style(); }
int old_style() { return 7; }
struct S; struct S *sp; struct S { int q; } sv = { 4 };
int test(void) { sp = &sv; return early() + arr[2] + tent + sp->q; }
""",
}


@pytest.mark.skipif(not HAVE_GCC, reason="needs gcc for the expected values")
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program_matches_gcc(name, tmp_path):
    src = PROGRAMS[name]
    assert jit_test(src) == gcc_test(src, tmp_path)


# ---------------------------------------------------------------------------- preprocessing

def test_preprocessor_ll_suffixes_and_predefined_macros():
    src = ("#if 1ULL << 40 > 5LL && 0x10ull == 16\nint ok;\n#endif\n"
           "#if __SIZEOF_LONG__ == 8 && __SIZEOF_POINTER__ == 4 && __DPU__ && NR_TASKLETS == 1\n"
           "int sizes;\n#endif\n__SIZE_TYPE__ s; int t = NR_TASKLETS + __CHAR_BIT__;\n")
    out = preprocess_c(src, "p.c")
    assert "int ok;" in out and "int sizes;" in out
    assert "unsigned int s;" in out and "int t = 1 + 8;" in out
    out = preprocess_c("int t = NR_TASKLETS;\n", "p.c", defines=["NR_TASKLETS=16"])
    assert "int t = 16;" in out


def test_preprocessor_errors_are_diagnostics(tmp_path):
    with pytest.raises(DiagnosticError) as e:
        preprocess_c('#include "missing.h"\n', str(tmp_path / "m.c"))
    assert "missing.h" in str(e.value)
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "h.h").write_text("#define SEVEN 7\n")
    out = preprocess_c('#include <h.h>\nint x = SEVEN;\n', "m.c",
                       include_dirs=[str(tmp_path / "inc")])
    assert "int x = 7;" in out


# ---------------------------------------------------------------------------- DPU attributes

DPU_SOURCE = r"""
#if 1ULL << 40 > 5LL
__host int counter;
#endif
__mram_noinit unsigned char buffer[1024];
__mram int mram_val = 5;
__dma_aligned char cache[64];
int __attribute__((section(".data.custom"))) custom = 3;
__attribute__((noinline)) int slow(int x) { return x + 1; }
static inline __attribute__((always_inline)) int fast(int x) { return x * 2; }
void die(void) __attribute__((noreturn));
__attribute__((weak)) int weakfn(void) { return 1; }
struct __attribute__((packed)) pk { char a; int b; };
struct pk2 { char a; long b; } __attribute__((packed));
typedef struct { int x; } __attribute__((aligned(8))) al_t;
int sizes[] = { sizeof(struct pk), sizeof(struct pk2), sizeof(al_t), _Alignof(al_t) };
int reader(__mram_ptr int *p, int i) { return p[i] + mram_val; }
unsigned long off = __builtin_offsetof(struct pk2, b);
int main(void) {
    __asm__ volatile("nop");
    __extension__ int q = 0;
    int * __restrict rp = &q;
    counter = slow(1) + fast(2) + reader((__mram_ptr int *)buffer, 1) + *rp;
    if (counter < 0) __builtin_unreachable();
    return counter;
}
"""


def test_dpu_attributes_reach_the_ir():
    ir_text = compile_c(DPU_SOURCE, "dpu.c")
    verify(ir_text)
    assert f'target datalayout = "{target.DATA_LAYOUT}"' in ir_text
    assert f'target triple = "{target.TRIPLE}"' in ir_text
    lines = ir_text.splitlines()

    def line(prefix):
        return next(ln for ln in lines if ln.startswith(prefix))

    assert 'section ".dpu_host"' in line('@"counter"') and "align 8" in line('@"counter"')
    assert line('@"buffer"').startswith('@"buffer" = addrspace(255) global')
    assert 'section ".mram.noinit"' in line('@"buffer"')
    assert 'addrspace(255) global i32 5, section ".mram"' in line('@"mram_val"')
    assert "align 8" in line('@"cache"')
    assert 'section ".data.custom"' in line('@"custom"')
    assert "noinline" in line('define i32 @"slow"')
    assert "alwaysinline" in line('define internal i32 @"fast"')
    assert "noreturn" in line('declare void @"die"')
    assert line('define weak i32 @"weakfn"')
    assert "i32 5, i32 9, i32 8, i32 8" in line('@"sizes"')
    assert "i64 1" in line('@"off"')
    assert 'ptr addrspace(255) %"p"' in line('define i32 @"reader"')
    assert 'asm sideeffect "nop"' in ir_text
    assert '@"llvm.used"' in ir_text


def test_variadic_functions_use_the_va_start_intrinsic():
    src = r"""
typedef __builtin_va_list va_list;
int sum(int n, ...) {
    va_list ap; __builtin_va_start(ap, n); int s = 0;
    for (int i = 0; i < n; i++) s += __builtin_va_arg(ap, int);
    long l = __builtin_va_arg(ap, long);
    __builtin_va_end(ap); return s + (int)l;
}
int use(void) { return sum(3, 1, 2, (char)3, 4L); }
"""
    ir_text = compile_c(src, "va.c")
    verify(ir_text)
    assert 'call void @"llvm.va_start.p0"(ptr' in ir_text
    assert 'define i32 @"sum"(i32 %"n", ...) noinline' in ir_text
    # the char argument is promoted to int, as the default argument promotions require
    assert 'call i32 (i32, ...) @"sum"(i32 3, i32 1, i32 2, i32' in ir_text


def test_floating_point_becomes_libgcc_calls():
    src = r"""
float fmul(float a, float b) { return a * b + 1.5f; }
double conv(int i, unsigned long u) { double d = i; d += u; return d > 2.0 ? d / 3 : -d; }
int fl2i(double d) { return (int)d + (d != 0.0) + (float)d < 1.0f; }
"""
    ir_text = compile_c(src, "f.c")
    verify(ir_text)
    for fn in ("__mulsf3", "__addsf3", "__floatsidf", "__floatundidf", "__adddf3", "__gtdf2",
               "__divdf3", "__negdf2", "__fixdfsi", "__nedf2", "__truncdfsf2", "__ltsf2"):
        assert f'@"{fn}"' in ir_text, fn
    body = ir_text
    assert " fadd " not in body and " fmul " not in body and " fcmp " not in body


def test_builtins_are_llvm_intrinsics():
    src = r"""
int bits(unsigned x, unsigned long long y) {
    return __builtin_clz(x) + __builtin_ctzll(y) + __builtin_popcount(x)
         + (int)__builtin_bswap32(x) + (int)__builtin_expect(x, 0);
}
void stop(void) { __builtin_trap(); }
"""
    ir_text = compile_c(src, "b.c")
    verify(ir_text)
    for name in ("llvm.ctlz.i32", "llvm.cttz.i64", "llvm.ctpop.i32", "llvm.bswap.i32",
                 "llvm.expect.i64", "llvm.trap"):
        assert f'@"{name}"' in ir_text


def test_struct_by_value_abi():
    src = r"""
struct big { int a[5]; };
struct big make(int x) { struct big b = { { x, x, x, x, x } }; return b; }
int take(struct big b) { return b.a[4]; }
int use(void) { return take(make(3)); }
"""
    ir_text = compile_c(src, "s.c")
    verify(ir_text)
    assert 'define void @"make"(ptr noalias align 4 %"sret", i32 %"x")' in ir_text
    assert 'define i32 @"take"(ptr %"b")' in ir_text


# ---------------------------------------------------------------------------- diagnostics

DIAGNOSTICS = [
    ("int f(void) { return x; }", "d.c:1:22: error: 'x' undeclared (first use in this function)"),
    ("int f(void) { int *p; p = 1.5; return 0; }",
     "d.c:1:27: error: incompatible types when assigning to type 'int *' from type 'double'"),
    ("int g(int a, int b);\nint f(void) { return g(1); }",
     "d.c:2:22: error: too few arguments to function 'g'"),
    ("int g(int a);\nint f(void) { return g(1, 2); }",
     "d.c:2:22: error: too many arguments to function 'g'"),
    ("int f(void) { const int c = 1; c = 2; return c; }",
     "d.c:1:32: error: assignment of read-only variable 'c'"),
    ("struct s { int a; };\nint f(struct s *p) { return p->zz; }",
     "d.c:2:32: error: 'struct s' has no member named 'zz'"),
    ("int f(void) { break; }", "d.c:1:15: error: break statement not within loop or switch"),
    ("int f(void) { int x = 1 }", "d.c:1:25: error: syntax error before '}' token"),
    ("void v(void);\nint f(void) { int x = v(); return x; }",
     "d.c:2:23: error: void value not ignored as it ought to be"),
    ("int f(int x) { switch (x) { case 1: case 1: return 0; } return 1; }",
     "d.c:1:37: error: duplicate case value"),
    ("int f(int *p) { return _Generic(p, int: 1, long: 2); }",
     "d.c:1:33: error: '_Generic' selector of type 'int *' is not compatible with any "
     "association"),
    ("int f(int x) { return _Generic(x, int: 1, signed int: 2); }",
     "d.c:1:43: error: '_Generic' specifies two compatible types"),
    ("int f(int x) { return _Generic(x, default: 1, int: 3, default: 2); }",
     "d.c:1:55: error: duplicate 'default' case in '_Generic'"),
    ("int f(int x) { switch (x) { case 1 ... 5: return 1; case 4: return 2; } return 0; }",
     "d.c:1:53: error: duplicate case value"),
    ("int f(int x) { switch (x) { case 4: return 2; case 1 ... 5: return 1; } return 0; }",
     "d.c:1:47: error: duplicate (or overlapping) case value"),
    ("int a[4] = { [2 ... 4] = 1 };",
     "d.c:1:15: error: array index range in initializer exceeds array bounds"),
    ("int a[4] = { [3 ... 2] = 1 };", "d.c:1:15: error: empty index range in initializer"),
    ("int f(int a) { int r; return __builtin_add_overflow(a, 1, r); }",
     "d.c:1:59: error: argument 3 in call to function '__builtin_add_overflow' does not have "
     "pointer to integral type"),
    ("int f(int *p) { int r; return __builtin_mul_overflow(p, 1, &r); }",
     "d.c:1:54: error: argument 1 in call to function '__builtin_mul_overflow' does not have "
     "integral type"),
    ('double f(void) { return __builtin_nan(1); }',
     "d.c:1:25: error: argument to '__builtin_nan' must be a string literal"),
    ("int n = 3; int a[n];", "d.c:1:18: error: variably modified array at file scope"),
    ("void f(int n) { int a[n] = {1}; }",
     "d.c:1:29: error: variable-sized object may not be initialized"),
    ("void f(int n) { int a[1.5]; }", "d.c:1:23: error: size of array has non-integer type"),
    ("void f(double d) { int a[d]; }", "d.c:1:26: error: size of array has non-integer type"),
]


@pytest.mark.parametrize("src,expected", DIAGNOSTICS)
def test_error_diagnostics(src, expected):
    with pytest.raises(DiagnosticError) as e:
        compile_c(src, "d.c")
    text = str(e.value)
    first = text.splitlines()[0]
    assert first == expected
    # the source line and a caret under the column
    lines = text.splitlines()
    col = int(expected.split(":")[2])
    assert lines[2].index("^") == col  # one leading space, then col-1 spaces


def test_warnings_are_collected():
    d = []
    compile_c("int f(int x) { if (x) return 1; }\nint g(void) { return h(2); }\n"
              "int k(void) { char *p = 5; return *p; }\n", "w.c", diagnostics=d)
    msgs = [str(x).splitlines()[0] for x in d]
    assert msgs == [
        "w.c:1:33: warning: control reaches end of non-void function [-Wreturn-type]",
        "w.c:2:22: warning: implicit declaration of function 'h' "
        "[-Wimplicit-function-declaration]",
        "w.c:3:25: warning: initialization makes pointer from integer without a cast "
        "[-Wint-conversion]",
    ]
    with pytest.raises(DiagnosticError):
        compile_c("int g(void) { return h(2); }\n", "w.c", werror=True)


SIGN_COMPARE = """\
int f(int i, unsigned u, short s, unsigned char uc, long long ll, unsigned long long ull) {
  int r = 0;
  r += i < u; r += s < u; r += uc < u; r += 5 < u; r += -1 < u; r += (i & 0xff) < u;
  r += i == 5u; r += i == 0x80000000u; r += ll < u; r += i < ull; r += (int)uc < u;
  r += (int)u < u; r += (i ? 1 : 2) < u; r += i + 1 >= u; r += !i < u; r += i < 7;
  return r;
}
"""


def test_sign_compare_warns_where_gcc_does(tmp_path):
    """-Wall's -Wsign-compare (gcc enables it with -Wextra for C; dpucc with -Wall): only
    comparisons done unsigned whose signed operand may be negative."""
    d = []
    compile_c(SIGN_COMPARE, "w.c", diagnostics=d, wall=True)
    ours = [str(x).splitlines()[0] for x in d]
    assert ours and all("[-Wsign-compare]" in m for m in ours)
    quiet = []
    compile_c(SIGN_COMPARE, "w.c", diagnostics=quiet)
    assert quiet == []
    if HAVE_GCC:
        (tmp_path / "w.c").write_text(SIGN_COMPARE)
        r = subprocess.run(["gcc", "-fsyntax-only", "-Wsign-compare", "w.c"], cwd=tmp_path,
                           capture_output=True, text=True, env={"LC_ALL": "C", "PATH":
                                                                 os.environ["PATH"]})
        theirs = [ln for ln in r.stderr.splitlines() if ": warning: " in ln]
        assert ours == theirs


def test_alignas_reaches_locals_and_globals():
    """_Alignas on a local was dropped (an -O2 program found its buffer misaligned)."""
    ir_text = compile_c("_Alignas(long long) char g[3];\n"
                        "int f(void) { _Alignas(16) char b[5]; _Alignas(int) char c;\n"
                        "  return (int)(unsigned)b + c; }\n", "a.c")
    verify(ir_text)
    assert '%"b" = alloca [5 x i8], align 16' in ir_text
    assert '%"c" = alloca i8, align 4' in ir_text
    assert ", align 8" in next(ln for ln in ir_text.splitlines() if ln.startswith('@"g"'))


def test_multicharacter_constants_are_ints(tmp_path):
    """pycparser types 'ab' as an int constant: it crashed the front end."""
    src = "int test(void) { return 'ab' + 'abcd' % 1000 + '\\x01\\x02'; }"
    assert jit_test(src) == gcc_test(src, tmp_path)


def test_empty_case_range_is_a_warning():
    d = []
    compile_c("int f(int x) { switch (x) { case 5 ... 1: return 1; } return 0; }", "d.c",
              diagnostics=d)
    assert [str(x).splitlines()[0] for x in d] == ["d.c:1:29: warning: empty range specified"]


RECOVERABLE = """\
struct s { int a; };
int f(int n) {
    int y = x + 1;
    y += x;
    while (n--) { y = q; }
    struct nope z;
    z.a = 3;
    return y + z.a;
}
int g(void) { return x; }
"""


def test_errors_after_an_error_are_reported_too(tool, tmp_path):
    """gcc goes on after an error in a statement: each undeclared identifier once per
    function (with its note the first time), names whose declaration failed stay quiet."""
    with pytest.raises(DiagnosticError) as e:
        compile_c(RECOVERABLE, "r.c")
    heads = [str(d).splitlines()[0] for d in e.value.diagnostics]
    assert heads == [
        "r.c:3:13: error: 'x' undeclared (first use in this function)",
        "r.c:3:13: note: each undeclared identifier is reported only once for each function "
        "it appears in",
        "r.c:5:23: error: 'q' undeclared (first use in this function)",
        "r.c:6:17: error: storage size of 'z' isn't known",
        "r.c:10:22: error: 'x' undeclared (first use in this function)",
    ]
    (tmp_path / "r.c").write_text(RECOVERABLE)
    r = tool("dpucc", "-c", "-o", str(tmp_path / "r.o"), str(tmp_path / "r.c"))
    assert r.returncode == 1
    assert r.stderr.decode().count(": error: ") == 4
    assert not (tmp_path / "r.o").exists()


def test_diagnostics_point_into_included_files(tmp_path):
    (tmp_path / "bad.h").write_text("int ok;\nint broken(void) { return nope; }\n")
    src = tmp_path / "main.c"
    src.write_text('#include "bad.h"\nint main(void) { return 0; }\n')
    with pytest.raises(DiagnosticError) as e:
        compile_c(src.read_text(), str(src))
    first = str(e.value).splitlines()[0]
    assert first.endswith("bad.h:2:27: error: 'nope' undeclared (first use in this function)")


def test_undefined_label_and_mram_locals():
    with pytest.raises(DiagnosticError) as e:
        compile_c("int f(void) { goto out; return 1; }\n", "l.c")
    assert str(e.value).splitlines()[0] == "l.c:1:15: error: label 'out' used but not defined"
    ir_text = compile_c("int f(void) { static __mram int cell; return cell; }\n", "m.c")
    verify(ir_text)
    assert '@"f.cell" = internal addrspace(255) global i32 0, section ".mram"' in ir_text


def test_preprocess_only_keeps_line_markers():
    out = preprocess_c("#define N 3\n\nint a[N];\n", "e.c")
    assert "int a[3];" in out
    assert '#line' in out and '"e.c"' in out


# ---------------------------------------------------------------------------- robustness

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_SEED = "\n".join(PROGRAMS[k] for k in ("structs", "switch_goto_loops", "arrays_pointers"))
_TOKENS = [";", "{", "}", "(", ")", "*", "&", "1", "x", "int", "struct", "=", ",", "[", "]",
           "return", "->", ".", "\"s\"", "'c'", "void", "case 2:", "goto L;", "+", "<<"]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, len(_SEED) - 1), st.integers(0, 3),
                          st.sampled_from(_TOKENS)), min_size=1, max_size=4))
def test_mutated_programs_give_diagnostics_or_ir(mutations):
    src = _SEED
    for pos, kind, tok in mutations:
        pos %= len(src)
        if kind == 0:
            src = src[:pos] + src[pos + 1:]
        elif kind == 1:
            src = src[:pos] + " " + tok + " " + src[pos:]
        elif kind == 2:
            end = min(len(src), pos + 5)
            src = src[:pos] + tok + src[end:]
        else:
            src = src[:pos] + src[pos:pos + 10] + src[pos:]
    try:
        verify(compile_c(src, "fuzz.c"))
    except DiagnosticError as e:
        assert e.diagnostics and e.diagnostics[-1].severity == "error"
        assert "internal compiler error" not in str(e)


def _optimised(src: str) -> str:
    from dpucc.optimize import optimize
    return optimize(compile_c(src, "f.c"), 2)


def test_float_builtins_work_on_the_bits():
    """gcc's classification and constant builtins need no FPU: they fold to constants."""
    ir_text = _optimised("""
    int f(void) {
        return __builtin_isnan(__builtin_nan("")) + 2 * __builtin_isinf(-__builtin_inf())
             + 4 * __builtin_signbit(-0.0) + 8 * __builtin_isfinite(1.0f)
             + 16 * __builtin_isnan(__builtin_inff()) + 32 * __builtin_signbit(__builtin_fabs(-2.0));
    }""")
    assert "ret i32 15" in ir_text


def test_soft_float_calls_on_constants_are_folded():
    """No call computes at run time what the compiler knows: IEEE results, bit for bit."""
    ir_text = _optimised("""
    double third(void) { return 1.0 / 3; }
    float scale(float x) { return x * 2; }
    int cmp(void) { return (0.1 + 0.2 != 0.3) + 2 * (1.5f < 2) + 4 * (int)-7.9; }
    float narrow(void) { return (float)(16777217.0 * 1); }
    double nan_kept(void) { return 0.0 / 0.0; }
    """)
    assert "ret double 0x3FD5555555555555" in ir_text
    assert "__floatsisf" not in ir_text and "@__mulsf3(float %" in ir_text
    assert "ret i32 -25" in ir_text  # 1 + 2 + 4 * -7
    assert "ret float 0x4170000000000000" in ir_text  # 16777216.0f: ties to even
    assert "@__divdf3" in ir_text  # NaN results are left to the runtime's NaN rules
def test_volatile_accesses_survive_optimisation():
    """Every access to a volatile object stays, in order: a busy-wait loop on a volatile local
    and two stores to a volatile global must outlive O2 (llvmlite alone prints no `volatile`)."""
    from dpucc.optimize import optimize

    src = r"""
    volatile unsigned flag;
    struct s { volatile int x : 4; } bits;
    void spin(unsigned n) { for (volatile unsigned i = 0; i < n; i++) ; }
    void twice(void) { flag = 1; flag = 2; bits.x = 3; }
    """
    ir_text = optimize(compile_c(src, "v.c"), 2)
    verify(ir_text)
    spin = ir_text[ir_text.index("@spin("):ir_text.index("@twice(")]
    assert "load volatile" in spin and "store volatile" in spin
    twice = ir_text[ir_text.index("@twice("):]
    assert "store volatile i32 1, ptr @flag" in twice and "store volatile i32 2, ptr @flag" in twice
    assert "load volatile i32, ptr @bits" in twice and "ptr @bits" in twice.split("store volatile")[3]
