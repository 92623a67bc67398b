"""The DPU services of the runtime library, from C on the simulator: DMA, the cycle counter,
mutexes shared by tasklets, halt, and the argument checks that fault instead of corrupting."""

from __future__ import annotations

import pytest

from dpusim.faults import DpuFault
from dpusim.simulator import Simulator

PROGRAM = r"""
#include <stdint.h>
#include <mram.h>
#include <perfcounter.h>
#include <mutex.h>
#include <defs.h>

__mram uint64_t mbuf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
__mram uint64_t mout[8];
__host uint64_t local[8];
__host uint32_t counter;
__host uint32_t cycles;
__host uint32_t bad_size;
__host uint32_t do_halt;
MUTEX_INIT(lock);

int main(void)
{
    if (me() == 0) {
        perfcounter_config(COUNT_CYCLES, 1);
        mram_read(mbuf, local, sizeof local);
        for (int i = 0; i < 8; i++)
            local[i] *= 3;
        mram_write(local, mout, sizeof local);
        cycles = perfcounter_get();
        if (bad_size)
            mram_read(mbuf, local, bad_size);
        if (do_halt)
            halt();
    }
    for (int i = 0; i < 50; i++) {
        mutex_lock(MUTEX_GET(lock));
        counter++;
        mutex_unlock(MUTEX_GET(lock));
    }
    return 0;
}
"""


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    from dpucc.driver import Driver, parse_args
    work = tmp_path_factory.mktemp("dpuapi")
    src = work / "dpuapi.c"
    src.write_text(PROGRAM)
    out = work / "dpuapi"
    Driver(parse_args(["-O2", "-DNR_TASKLETS=8", "-o", str(out), str(src)])).run()
    return str(out)


@pytest.mark.parametrize("engine", ["ref", "vector"])
def test_dma_counter_and_mutex(program, engine):
    sim = Simulator(engine=engine)
    sim.load(program)
    sim.launch()
    assert sim.read(0, "counter", 4) == (8 * 50).to_bytes(4, "little")
    out = sim.read(0, "mout", 64)
    assert [int.from_bytes(out[8 * i:8 * i + 8], "little") for i in range(8)] == \
        [3 * (i + 1) for i in range(8)]
    cycles = int.from_bytes(sim.read(0, "cycles", 4), "little")
    assert 2 * (77 + 32) < cycles < 20_000  # two 64-byte DMAs and a loop, counted by `time`


@pytest.mark.parametrize("size, code", [(12, 3), (4096, 3), (0, None)])
def test_bad_dma_arguments_fault(program, size, code):
    sim = Simulator()
    sim.load(program)
    sim.write(0, "bad_size", size.to_bytes(4, "little"))
    if code is None:
        sim.launch()
        return
    with pytest.raises(DpuFault) as exc:
        sim.launch()
    assert exc.value.code == code


def test_halt_is_fault_4(program, tool, tmp_path):
    sim = Simulator()
    sim.load(program)
    sim.write(0, "do_halt", (1).to_bytes(4, "little"))
    with pytest.raises(DpuFault) as exc:
        sim.launch()
    assert exc.value.code == 4 and exc.value.symbol == "halt"
    r = tool("dpusim", "--set", "do_halt=1", program)
    assert r.returncode == 134 and b"fault 4 (halt)" in r.stderr


LIBC = r"""
#include <stdlib.h>
#include <ctype.h>
#include <assert.h>
#include <alloc.h>
#include <stdint.h>
__host int32_t r[8];
__host uint32_t request;
int main(void)
{
    r[0] = atoi("  -1234x");
    r[1] = strtol("0x1F", 0, 0);
    r[2] = abs(-7);
    r[3] = toupper('q');
    char *a = mem_alloc(10), *b = mem_alloc(3);
    r[4] = b - a;
    r[5] = ((uintptr_t)a & 7) == 0;
    r[6] = isspace('\n') && !isdigit('a');
    assert(request != 1);
    if (request == 2)
        mem_alloc(70000);
    if (request == 3)
        abort();
    exit(42);
}
"""


@pytest.fixture(scope="module")
def libc_program(tmp_path_factory):
    from dpucc.driver import Driver, parse_args
    work = tmp_path_factory.mktemp("libc")
    src = work / "libc.c"
    src.write_text(LIBC)
    out = work / "libc"
    Driver(parse_args(["-O2", "-o", str(out), str(src)])).run()
    return str(out)


def test_stdlib_ctype_heap_and_exit(libc_program, tool):
    r = tool("dpusim", "-q", "--dump", "r:28", libc_program)
    assert r.returncode == 42, r.stderr
    words = [int.from_bytes(bytes.fromhex("".join(line.split(": ")[1].split())[i:i + 8]),
                            "little", signed=True)
             for line in r.stdout.decode().splitlines()[:1] for i in range(0, 32, 8)]
    assert words == [-1234, 31, 7, ord("Q")]
    sim = Simulator()
    sim.load(libc_program)
    sim.launch()
    assert sim.read(0, "r", 12, offset=16) == b"\x10\0\0\0\1\0\0\0\1\0\0\0"


@pytest.mark.parametrize("request_, code", [(1, 3), (2, 1), (3, 4)])
def test_assert_heap_full_and_abort_fault(libc_program, request_, code):
    sim = Simulator()
    sim.load(libc_program)
    sim.write(0, "request", request_.to_bytes(4, "little"))
    with pytest.raises(DpuFault) as exc:
        sim.launch()
    assert exc.value.code == code


MAILBOX = r"""
#include <stdint.h>
#include <mbox.h>
#include <mram_ll.h>
#include <alloc.h>
#include <defs.h>
int task(void)
{
    uint32_t *req = sys_mbox_recv();
    uint32_t *cache = dma_alloc(32);
    mram_ll_read32(me() * 32, cache);
    uint32_t result[2] = { req[0] + req[1] * me(), cache[1] };
    return mbox_send(result, sizeof result) + mbox_send(result, 12);  /* 0 + -1 */
}
"""


def test_seed_mailboxes_and_low_level_mram(tmp_path, tool):
    (tmp_path / "mb.c").write_text(MAILBOX)
    (tmp_path / "cfg.txt").write_text("tasklet add 0..3 small task 2\nsysmbox 2\n")
    assert tool("dpukconfig", "-s", "cfg.txt", "-o", "cfg.json", cwd=tmp_path).returncode == 0
    r = tool("dpucc", "-O2", "-C", "cfg.json", "-o", "mb", "mb.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sim = Simulator()
    sim.load(str(tmp_path / "mb"))
    sim.write(0, "__sys_mbox", (10).to_bytes(4, "little") + (3).to_bytes(4, "little"))
    sim.write(0, 0x08000000, b"".join(i.to_bytes(4, "little") for i in range(32)))
    sim.launch()
    for t in range(4):
        mbox = sim.read(0, f"__mbox_{t}", 8)
        assert (int.from_bytes(mbox[:4], "little"), int.from_bytes(mbox[4:], "little")) == \
            (10 + 3 * t, 8 * t + 1)
    assert sim.read(0, "__sys_exit_status", 4) == (0xFFFFFFFF).to_bytes(4, "little")


MRAM_POINTERS = r"""
#include <stdint.h>
__mram uint32_t table[16] = { 1, 2, 3, 4, 5 };
__mram uint64_t big[2];
__mram uint8_t bytes[8];
__mram_noinit uint16_t halves[4];
__host uint32_t result[5];
int main(void)
{
    __mram_ptr uint32_t *p = table;
    uint32_t s = 0;
    for (int i = 0; i < 16; i++) {
        p[i] = p[i] * 10 + i;
        s += p[i];
    }
    big[1] = 0x123456789abcdefULL;
    bytes[3] = 0xAB;
    halves[2] = 0xBEEF;
    result[0] = s;
    result[1] = (uint32_t)(big[1] >> 32);
    result[2] = bytes[3] + bytes[2];
    result[3] = table[4];
    result[4] = halves[2];
    return 0;
}
"""


@pytest.mark.parametrize("opt", ["-O0", "-O2"])
def test_loads_and_stores_through_mram_pointers_use_dma(tmp_path, tool, opt):
    (tmp_path / "m.c").write_text(MRAM_POINTERS)
    r = tool("dpucc", opt, "-o", "m", "m.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sim = Simulator()
    sim.load(str(tmp_path / "m"))
    sim.launch()
    table = [1, 2, 3, 4, 5] + [0] * 11
    total = 0
    for i in range(16):
        table[i] = table[i] * 10 + i
        total += table[i]
    out = sim.read(0, "result", 20)
    assert [int.from_bytes(out[i:i + 4], "little") for i in range(0, 20, 4)] == \
        [total, 0x01234567, 0xAB, table[4], 0xBEEF]
    assert sim.read(0, "table", 8) == (10).to_bytes(4, "little") + (21).to_bytes(4, "little")
