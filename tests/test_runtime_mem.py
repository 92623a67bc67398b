"""The memory part of the DPU runtime library, as C programs on dpusim: the buddy allocator under
concurrent tasklets, sequential MRAM reading (seqread), errno per tasklet and the strto* family,
check_stack, and a program in the modern style (host-written arguments, mram_read/mram_write of
2048-byte blocks into mem_alloc'ed buffers).  Every program runs on two engines (native and
vectorized), which must agree on the results and on the cycle and instruction counts."""

from __future__ import annotations

import random
import struct

import pytest

from dpusim.simulator import Simulator


def build(tmp_path, source: str, *flags: str) -> str:
    from dpucc.driver import Driver, parse_args
    src = tmp_path / "prog.c"
    src.write_text(source)
    out = tmp_path / "prog"
    Driver(parse_args(["-O2", *flags, "-o", str(out), str(src)])).run()
    return str(out)


def run_both(program: str, inputs: dict, outputs: dict[str, int]) -> dict[str, bytes]:
    """Run on two engines with ``inputs`` (symbol -> bytes) written first; the bytes of each
    output symbol, after checking that the engines agree on them and on the counts.  The native
    and the vectorized engine: both are held to the reference engine's counts by the simulator's
    differential tests, and the reference engine (the executable specification, 30 times
    slower) would take 10-20 s on each of these runs of up to a million instructions."""
    runs = []
    for engine in ("native", "vector"):
        sim = Simulator(engine=engine)
        if engine == "native":
            sim.engine.tier = "quick"  # (a run this short would not win an optimised compile back)
        sim.load(program)
        for name, data in inputs.items():
            sim.write(0, name, data)
        sim.launch(max_cycles=200_000_000)
        d = sim.dpus[0]
        runs.append(({name: sim.read(0, name, size) for name, size in outputs.items()},
                     d.cycle, d.instructions))
    assert runs[0] == runs[1], "the engines disagree"
    return runs[0][0]


def words(data: bytes, fmt: str = "I") -> list[int]:
    return list(struct.unpack(f"<{len(data) // struct.calcsize(fmt)}{fmt}", data))


# ------------------------------------------------------------------------------- buddy allocator

BUDDY_CONCURRENT = r"""
#include <buddy_alloc.h>
#include <defs.h>
#include <mutex.h>
#include <stdint.h>
#define ARENA 8192
#define SLOTS 6
#define ROUNDS 16
__host uint32_t seed;
__host uint32_t errors[NR_TASKLETS];
__host uint32_t allocs[NR_TASKLETS];
__host uint32_t failures[NR_TASKLETS];
__host uint32_t reallocs[NR_TASKLETS];
__host uint32_t finished;
__host uint32_t whole_arena;
__host uint32_t after_whole;
MUTEX_INIT(done);

static uint32_t next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Every word of a block says who owns it (tasklet, block) and where it is: a block that
 * overlaps another tasklet's, or another block of the same tasklet, gets overwritten.  Words
 * rather than bytes keep the simulation short; a tail shorter than a word is not checked. */
static uint32_t pattern(uint32_t tag, uint32_t i) { return tag * 0x9E3779B1u + i * 0x85EBCA77u; }

static void fill(uint8_t *p, uint32_t n, uint32_t tag)
{
    for (uint32_t i = 0; i < n / 4; i++)
        ((uint32_t *)p)[i] = pattern(tag, i);
}

static uint32_t bad(const uint8_t *p, uint32_t n, uint32_t tag)
{
    uint32_t wrong = ((uintptr_t)p & 7) != 0;
    for (uint32_t i = 0; i < n / 4; i++)
        wrong += ((const uint32_t *)p)[i] != pattern(tag, i);
    return wrong;
}

int main(void)
{
    uint32_t id = me();
    uint8_t *block[SLOTS];
    uint32_t size[SLOTS], tag[SLOTS];
    uint32_t s = seed * (id + 1) | 1;
    buddy_init(ARENA);
    for (int i = 0; i < SLOTS; i++)
        block[i] = 0;
    for (uint32_t round = 0; round < ROUNDS; round++) {
        uint32_t i = next(&s) % SLOTS;
        uint32_t n = 1 + next(&s) % 300;
        uint32_t t = id * 1000 + round;
        if (block[i] && n % 2 == 0) {
            errors[id] += bad(block[i], size[i], tag[i]);
            uint8_t *q = buddy_realloc(block[i], n);
            if (q) {
                /* the contents survive, up to the smaller size */
                errors[id] += bad(q, n < size[i] ? n : size[i], tag[i]);
                block[i] = q;
                size[i] = n;
                tag[i] = t;
                fill(q, n, t);
                reallocs[id]++;
            }
        } else if (block[i]) {
            errors[id] += bad(block[i], size[i], tag[i]);
            buddy_free(block[i]);
            block[i] = 0;
        } else if ((block[i] = buddy_alloc(n)) != 0) {
            size[i] = n;
            tag[i] = t;
            fill(block[i], n, t);
            allocs[id]++;
        } else {
            failures[id]++;
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        if (block[i]) {
            errors[id] += bad(block[i], size[i], tag[i]);
            buddy_free(block[i]);
        }
    }
    /* The last tasklet to finish finds everything freed: only coalescing gives back one block
     * as large as the arena. */
    mutex_lock(MUTEX_GET(done));
    int last = ++finished == NR_TASKLETS;
    mutex_unlock(MUTEX_GET(done));
    if (last) {
        void *whole = buddy_alloc(ARENA);
        whole_arena = whole != 0;
        after_whole = buddy_alloc(8) != 0;
        buddy_free(whole);
    }
    return 0;
}
"""


def test_buddy_allocator_under_16_tasklets(tmp_path):
    seed = 0xC0FFEE
    program = build(tmp_path, BUDDY_CONCURRENT, "-DNR_TASKLETS=16")
    out = run_both(program, {"seed": seed.to_bytes(4, "little")},
                   {"errors": 64, "allocs": 64, "failures": 64, "reallocs": 64, "finished": 4,
                    "whole_arena": 4, "after_whole": 4})
    assert words(out["errors"]) == [0] * 16
    assert words(out["finished"]) == [16]
    allocs, failures = words(out["allocs"]), words(out["failures"])
    # every tasklet took part (how many of its allocations found room depends on timing)
    assert all(a >= 1 and a + f >= 4 for a, f in zip(allocs, failures))
    assert sum(failures) > 0  # the arena ran out: NULL was returned and survived
    assert sum(words(out["reallocs"])) > 10
    assert words(out["whole_arena"]) == [1] and words(out["after_whole"]) == [0]


BUDDY_SEMANTICS = r"""
#include <buddy_alloc.h>
#include <alloc.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
__host int32_t r[24];
int main(void)
{
    r[0] = buddy_alloc(8) == 0;                 /* before buddy_init */
    uint8_t *before = mem_alloc(8);
    buddy_init(1000);                           /* rounded up to 1024 */
    buddy_init(4096);                           /* ignored: already initialised */
    uint8_t *base = buddy_alloc(1024);
    r[1] = base == before + 8;                  /* carved from the heap, just after `before` */
    r[2] = buddy_alloc(8) == 0;                 /* the arena is taken */
    buddy_free(base);
    errno = 0;
    r[3] = buddy_alloc(1025) == 0 && errno == ENOMEM;
    r[4] = buddy_alloc(0) == 0;
    uint8_t *a = buddy_alloc(1), *b = buddy_alloc(8), *c = buddy_alloc(9);
    r[5] = b - a;                               /* 8-byte blocks are buddies */
    r[6] = c - a;                               /* a 16-byte block follows their pair */
    buddy_free(b + 0);
    buddy_free(c + 1);                          /* not a block start: ignored */
    buddy_free(0);
    uint8_t *d = buddy_alloc(16);
    r[7] = d - a;                               /* c is still allocated */
    memset(a, 0x5A, 8);
    uint8_t *g = buddy_realloc(a, 300);         /* grows: moves, keeps the contents */
    r[8] = g - base;
    r[9] = g[0] == 0x5A && g[7] == 0x5A;
    uint8_t *h = buddy_realloc(g, 40);          /* shrinks in place to 64, frees the rest */
    r[10] = h == g;
    uint8_t *k = buddy_alloc(128);
    r[11] = k - base;                           /* the part of g's block freed last */
    r[12] = buddy_realloc(h, 2000) == 0;        /* too large: NULL, h unchanged */
    r[13] = h[0] == 0x5A;
    r[14] = buddy_realloc(h, 0) == 0;           /* frees */
    uint8_t *n = buddy_realloc(0, 24);          /* allocates */
    r[15] = n - base;
    buddy_reset();
    r[16] = buddy_alloc(1024) == base;          /* everything free again at once */
    return 0;
}
"""


def test_buddy_allocator_sizes_reuse_and_realloc(tmp_path):
    program = build(tmp_path, BUDDY_SEMANTICS)
    r = words(run_both(program, {}, {"r": 96})["r"], "i")
    assert r[:5] == [1, 1, 1, 1, 1]
    # a, b: the two 8-byte halves of the first 16; c the next 16; d splits the next 32.
    assert r[5:8] == [8, 16, 32]
    # g: the free 512 half; shrinking it to 64 frees 64 at 576, 128 at 640, 256 at 768, and
    # free lists are last-in first-out, so the 128 at 640 serves k.
    assert r[8:12] == [512, 1, 1, 640]
    assert r[12:15] == [1, 1, 1]
    # freeing h merged it with 576 into a 128; no free 32 is left, so n splits the 64 at 64.
    assert r[15] == 64 and r[16] == 1


# ---------------------------------------------------------------------------------------- seqread

SEQREAD = r"""
#include <seqread.h>
#include <mram.h>
#include <defs.h>
#include <stdint.h>
#define SEEKS 6
/* per tasklet: start offset, element size, element count, typed (1: also sum the elements as
 * integers of their size, which needs them aligned) */
__host uint32_t cfg[NR_TASKLETS][4];
__host uint32_t seeks[NR_TASKLETS][SEEKS];
__host uint32_t digest[NR_TASKLETS];
__host uint32_t told[NR_TASKLETS];
__host uint64_t typed[NR_TASKLETS];
__host uint32_t seek_digest[NR_TASKLETS];
__host uint32_t seek_told[NR_TASKLETS];

static uint32_t hash(uint32_t h, const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        h = h * 31 + p[i];
    return h;
}

static uint64_t value(const uint8_t *p, uint32_t size)
{
    switch (size) {
    case 1: return *p;
    case 2: return *(const uint16_t *)p;
    case 4: return *(const uint32_t *)p;
    default: return *(const uint64_t *)p;
    }
}

int main(void)
{
    uint32_t id = me(), start = cfg[id][0], size = cfg[id][1], count = cfg[id][2];
    __mram_ptr uint8_t *input = DPU_MRAM_HEAP_POINTER;
    seqreader_t reader;
    uint8_t *p = seqread_init(seqread_alloc(), input + start, &reader);
    uint32_t h = 0;
    uint64_t sum = 0;
    for (uint32_t i = 0; i < count; i++) {
        h = hash(h, p, size);
        if (cfg[id][3])
            sum += value(p, size);
        p = seqread_get(p, size, &reader);
    }
    digest[id] = h;
    typed[id] = sum;
    /* the host subtracts the base: dpucc cannot yet lower "x - &symbol" folded into "x + -&symbol"
     * (an LLVM constant expression) */
    told[id] = (uintptr_t)seqread_tell(p, &reader);
    /* seek around (backwards, within the cached page, far ahead), reading three elements from
     * each place */
    h = 0;
    uint32_t told_ok = 0;
    for (int k = 0; k < SEEKS; k++) {
        p = seqread_seek(input + seeks[id][k], &reader);
        told_ok += seqread_tell(p, &reader) == input + seeks[id][k];
        for (int e = 0; e < 3; e++) {
            h = hash(h, p, size);
            p = seqread_get(p, size, &reader);
        }
    }
    seek_digest[id] = h;
    seek_told[id] = told_ok;
    return 0;
}
"""

INPUT_BYTES = 24 * 1024


def _hash(h: int, data: bytes) -> int:
    for b in data:
        h = (h * 31 + b) & 0xFFFFFFFF
    return h


@pytest.mark.parametrize("cache", [32, None, 1024])
def test_seqread_elements_starts_and_seeks(tmp_path, cache):
    page = cache or 256
    flags = ["-DNR_TASKLETS=16"] + ([f"-DSEQREAD_CACHE_SIZE={cache}"] if cache else [])
    program = build(tmp_path, SEQREAD, *flags)
    rng = random.Random(page)
    data = rng.randbytes(INPUT_BYTES)
    sizes = [1, 2, 4, 8, 1, 2, 4, 8, 16, 32, 64, 3, 5, 24, page // 2 + 3, page]
    cfg, seeks = [], []
    for t, size in enumerate(sizes):
        size = min(size, page)
        typed = t < 8
        start = rng.randrange(0, 600)
        if typed:
            start -= start % size
        count = min(1500 // size + 5, (INPUT_BYTES - 4 * page - start) // size)
        cfg.append((start, size, count, int(typed)))
        end = start + size * count
        # backwards, same page, a little further, far ahead
        targets = [start + 1, rng.randrange(end // 2), end - 2 * size, end - 2 * size + 3,
                   rng.randrange(INPUT_BYTES - 4 * page), rng.randrange(INPUT_BYTES - 4 * page)]
        seeks.append(targets)
    inputs = {"cfg": struct.pack("<64I", *[v for c in cfg for v in c]),
              "seeks": struct.pack("<96I", *[v for s in seeks for v in s]),
              "__sys_used_mram_end": data}
    out = run_both(program, inputs, {"digest": 64, "told": 64, "typed": 128, "seek_digest": 64,
                                     "seek_told": 64})
    base = Simulator().load(program).symbols["__sys_used_mram_end"].address
    for t, (start, size, count, typed) in enumerate(cfg):
        end = start + size * count
        assert words(out["digest"])[t] == _hash(0, data[start:end]), (t, size)
        assert words(out["told"])[t] == base + end
        if typed:
            expected = sum(int.from_bytes(data[o:o + size], "little")
                           for o in range(start, end, size)) % (1 << 64)
            assert words(out["typed"], "Q")[t] == expected
        h = 0
        for target in seeks[t]:
            h = _hash(h, data[target:target + 3 * size])
        assert words(out["seek_digest"])[t] == h, (t, size)
        assert words(out["seek_told"])[t] == len(seeks[t])


def test_seqread_cache_size_is_checked(tmp_path, tool):
    (tmp_path / "s.c").write_text("#include <seqread.h>\nint main(void) { return 0; }\n")
    r = tool("dpucc", "-DSEQREAD_CACHE_SIZE=48", "-c", "s.c", cwd=tmp_path)
    assert r.returncode != 0 and b"SEQREAD_CACHE_SIZE" in r.stderr


# ----------------------------------------------------------------------- errno, strto*, check_stack

ERRNO = r"""
#include <errno.h>
#include <stdlib.h>
#include <defs.h>
#include <stdint.h>
__host int32_t err[2], err_after[2];
__host int64_t v[10];
__host int32_t e[10], used[4];
volatile uint32_t provoked[2];

int main(void)
{
    uint32_t id = me(), other = 1 - id;
    errno = 0;
    if (id == 0)
        v[0] = strtol("9223372036854775808", 0, 10);       /* LONG_MAX + 1 */
    else
        v[1] = strtoul("12", 0, 37);                        /* no such base */
    err[id] = errno;
    /* each waits until the other has set its own errno, then looks at its own again */
    provoked[id] = 1;
    while (!provoked[other])
        ;
    err_after[id] = errno;
    if (id == 0) {
        char *end;
        errno = 0;
        v[2] = strtol("-9223372036854775808", 0, 10); e[2] = errno;
        v[3] = strtol("-9223372036854775809", 0, 10); e[3] = errno;
        errno = 0;
        v[4] = strtoull("18446744073709551615", 0, 0); e[4] = errno;
        v[5] = strtoull("0x10000000000000000", &end, 0); e[5] = errno; used[0] = end[0];
        errno = 0;
        v[6] = strtoul("-1", &end, 10); e[6] = errno;
        v[7] = strtoll(" +0x7fffffffffffffffz", &end, 16); e[7] = errno; used[1] = end[0];
        v[8] = strtol("0xg", &end, 0); used[2] = *end;
        v[9] = atoi("  -2147483648"); e[9] = errno;
    }
    return 0;
}
"""


def test_errno_is_per_tasklet_and_strto_set_it(tmp_path):
    program = build(tmp_path, ERRNO, "-DNR_TASKLETS=2")
    out = run_both(program, {}, {"err": 8, "err_after": 8, "v": 80, "e": 40, "used": 16,
                                 "__sys_errno": 8})
    ERANGE, EINVAL = 34, 22
    assert words(out["err"], "i") == [ERANGE, EINVAL]
    assert words(out["err_after"], "i") == [ERANGE, EINVAL]
    v, e = words(out["v"], "q"), words(out["e"], "i")
    assert v[0] == 2**63 - 1 and v[1] == 0
    assert (v[2], e[2]) == (-2**63, 0)
    assert (v[3], e[3]) == (-2**63, ERANGE)
    assert (v[4], e[4]) == (-1, 0)  # ULLONG_MAX, read back signed
    assert (v[5], e[5]) == (-1, ERANGE)
    assert (v[6], e[6]) == (-1, 0)
    assert (v[7], e[7]) == (2**63 - 1, 0)
    assert v[8] == 0 and (v[9], e[9]) == (-2**31, 0)
    assert words(out["used"], "i")[:3] == [0, ord("z"), ord("x")]
    assert words(out["__sys_errno"], "i") == [0, EINVAL]


CHECK_STACK = r"""
#include <defs.h>
#include <stdint.h>
__host int32_t left[2][6];

__noinline int dive(int n, volatile int *out)
{
    volatile char frame[48];
    frame[n] = (char)n;
    out[n] = check_stack();
    if (n == 5)
        return frame[n];
    int r = dive(n + 1, out);
    return r + frame[n];  /* used after the call: the recursion is not a loop */
}

int main(void)
{
    dive(0, left[me()]);
    return 0;
}
"""


def test_check_stack_decreases_in_a_recursion(tmp_path):
    program = build(tmp_path, CHECK_STACK, "-DNR_TASKLETS=2", "-DSTACK_SIZE_TASKLET_1=512")
    left = words(run_both(program, {}, {"left": 48})["left"], "i")
    t0, t1 = left[:6], left[6:]
    steps = {a - b for a, b in zip(t0, t0[1:])}
    assert len(steps) == 1 and steps.pop() >= 48  # one frame, holding at least the array
    assert 0 < t0[-1] < t0[0] < 1024
    assert [a - b for a, b in zip(t0, t1)] == [1024 - 512] * 6  # each tasklet's own stack


# -------------------------------------------------------------------------- a modern-style program

MODERN = r"""
#include <alloc.h>
#include <defs.h>
#include <mram.h>
#include <stdint.h>
#define BLOCK 2048
struct args { uint32_t size; uint32_t key; };
__host struct args args;
__mram_noinit uint64_t checksums[64];         /* per block: sum of words, xor with the key */
__mram_noinit uint32_t histogram[NR_TASKLETS][16];  /* per tasklet: bytes by high nibble */

int main(void)
{
    uint32_t id = me();
    uint8_t *buffer = mem_alloc(BLOCK);
    uint32_t hist[16];
    for (int i = 0; i < 16; i++)
        hist[i] = 0;
    __mram_ptr uint8_t *input = DPU_MRAM_HEAP_POINTER;
    uint32_t blocks = (args.size + BLOCK - 1) / BLOCK;
    for (uint32_t b = id; b < blocks; b += NR_TASKLETS) {
        uint32_t n = args.size - b * BLOCK < BLOCK ? args.size - b * BLOCK : BLOCK;
        mram_read(input + b * BLOCK, buffer, n);
        uint32_t sum = 0, x = args.key;
        for (uint32_t i = 0; i < n / 4; i++) {
            uint32_t w = ((uint32_t *)buffer)[i];
            sum += w;
            x ^= w;
            hist[w >> 4 & 15]++;
            hist[w >> 12 & 15]++;
            hist[w >> 20 & 15]++;
            hist[w >> 28]++;
        }
        uint64_t result = (uint64_t)x << 32 | sum;
        mram_write(&result, &checksums[b], sizeof result);
    }
    mram_write(hist, histogram[id], sizeof hist);
    return 0;
}
"""


def test_modern_program_blocks_checksums_and_histogram(tmp_path):
    program = build(tmp_path, MODERN, "-DNR_TASKLETS=16")
    rng = random.Random(2048)
    size = 2048 * 37 + 520
    data = rng.randbytes(size)
    key = rng.getrandbits(32)
    out = run_both(program, {"args": struct.pack("<II", size, key), "__sys_used_mram_end": data},
                   {"checksums": 8 * 64, "histogram": 16 * 64})
    sums = words(out["checksums"], "Q")
    blocks = (size + 2047) // 2048
    hist = [[0] * 16 for _ in range(16)]
    for b in range(blocks):
        chunk = data[2048 * b:2048 * (b + 1)]
        ws = words(chunk)
        x = key
        for w in ws:
            x ^= w
            for byte in w.to_bytes(4, "little"):
                hist[b % 16][byte >> 4] += 1
        assert sums[b] == (x << 32 | sum(ws) & 0xFFFFFFFF), b
    assert [words(out["histogram"][64 * t:64 * t + 64]) for t in range(16)] == hist


def test_volatile_accesses_survive_optimisation(tmp_path, tool):
    """A volatile flag another tasklet sets must be read every time round a loop: before the fix
    the front end's volatile marks never reached the IR, and -O2 deleted the accesses."""
    (tmp_path / "v.c").write_text("int f(int n) { volatile int x; x = n; return x; }\n")
    r = tool("dpucc", "-O2", "-S", "-o", "-", "v.c", cwd=tmp_path)
    assert r.returncode == 0
    body = [line.split()[0] for line in r.stdout.decode().splitlines()
            if line.startswith("\t") and not line.startswith("\t.")]
    assert body == ["sw", "lw", "jump"]


# ----------------------------------------------------------------------------- heap and reboots

HEAP_PER_LAUNCH = r"""
#include <alloc.h>
#include <defs.h>
#include <stdint.h>
__host uint32_t where[NR_TASKLETS];

int main(void)
{
    where[me()] = (uint32_t)mem_alloc(2048);   /* 16 x 2 KiB: half of WRAM, every launch */
    return 0;
}
"""


@pytest.mark.parametrize("engine", ["ref", "vector"])
def test_every_boot_starts_with_an_empty_heap(tmp_path, engine):
    """A program launched again without being reloaded (what hosts do in a loop) finds the WRAM
    heap empty, as UPMEM's runtime does: before the fix the second launch allocated after the
    first one's blocks and faulted with "heap full"."""
    program = build(tmp_path, HEAP_PER_LAUNCH, "-DNR_TASKLETS=16")
    sim = Simulator(engine=engine)
    sim.load(program)
    placements = []
    for _ in range(3):
        sim.launch(max_cycles=1_000_000)
        placements.append(sorted(words(sim.read(0, "where", 64))))
    heap = sim.program.symbols["__sys_heap_pointer_reset"].address
    assert placements[0] == [heap + 2048 * k for k in range(16)]
    assert placements == [placements[0]] * 3
