"""The DPU-set level of kelonia (the SDK's host API): allocation, loading, transfers, launches,
logs, statistics and errors, on the simulator and, where it applies, on stubs (a Python
function standing in for the DPU program)."""

from __future__ import annotations

import struct
import threading

import numpy as np
import pytest

from kelonia import (AlignmentError, DpuAllocationError, DpuFaultError, DpuSet, ProgramError,
                     SymbolError, TransferError, UnknownBackendError)

KERNEL = r"""
#include <stdint.h>
#include <stdio.h>
#include <defs.h>
#include <mram.h>
#include <barrier.h>
__host uint32_t factor;
__host uint32_t dpu_id;
__host uint32_t input[16];
__host uint32_t output[16];
__host uint64_t mram_sum;
__host uint32_t crash;
__mram_noinit uint64_t table[32];
BARRIER_INIT(start, NR_TASKLETS);

int main(void)
{
    barrier_wait(&start);
    for (unsigned i = me(); i < 16; i += NR_TASKLETS)
        output[i] = input[i] * factor + dpu_id;
    if (me() == 0) {
        uint64_t block[32];
        mram_read(table, block, sizeof block);
        uint64_t s = 0;
        for (int i = 0; i < 32; i++)
            s += block[i];
        mram_sum = s;
        if (crash)
            *(volatile uint32_t *)0x7fffffff = 1;    /* a misaligned store: memory fault */
        printf("dpu %u: factor %u, sum %llu\n", dpu_id, factor, (unsigned long long)s);
    }
    return 0;
}
"""


def stub_kernel(dpu):
    """The same computation in Python, for the stub backend."""
    factor, = struct.unpack("<I", dpu.read("factor", 4))
    ident, = struct.unpack("<I", dpu.read("dpu_id", 4))
    data = struct.unpack("<16I", dpu.read("input", 64))
    dpu.write("output", struct.pack("<16I", *((x * factor + ident) & 0xFFFFFFFF for x in data)))
    table = struct.unpack("<32Q", dpu.read("table", 256))
    dpu.write("mram_sum", struct.pack("<Q", sum(table) & (2**64 - 1)))


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> str:
    from dpucc.driver import Driver, parse_args
    work = tmp_path_factory.mktemp("kelonia")
    (work / "kernel.c").write_text(KERNEL)
    out = str(work / "kernel")
    Driver(parse_args(["-O2", "-g", "-DNR_TASKLETS=4", "-o", out, str(work / "kernel.c")])).run()
    return out


BACKENDS = [pytest.param({"backend": "simulator"}, id="simulator"),
            pytest.param({"backend": "stub", "kernel": stub_kernel}, id="stub")]


@pytest.mark.parametrize("how", BACKENDS)
def test_broadcast_push_launch_gather(program, how):
    with DpuSet.allocate(3, **how) as dpus:
        dpus.load(program)
        dpus.broadcast("factor", struct.pack("<I", 7))
        dpus.push("dpu_id", [struct.pack("<I", i) for i in range(3)])
        inputs = [np.arange(16, dtype=np.uint32) + 100 * i for i in range(3)]
        dpus.push("input", inputs)
        for i, dpu in enumerate(dpus):
            dpu.copy_to("table", np.full(32, i + 1, dtype=np.uint64))
        dpus.launch()
        outputs = [np.frombuffer(b, dtype=np.uint32) for b in dpus.gather("output", 64)]
        for i in range(3):
            assert list(outputs[i]) == [int(x) * 7 + i for x in inputs[i]]
            assert struct.unpack("<Q", dpus[i].copy_from("mram_sum", 8)) == (32 * (i + 1),)


@pytest.mark.parametrize("how", BACKENDS)
def test_errors_say_why(program, how):
    with pytest.raises(DpuAllocationError, match=r"asked for 3000 DPUs, the \w+ backend has 2560"):
        DpuSet.allocate(3000, **how)
    with pytest.raises(DpuAllocationError, match="positive integer"):
        DpuSet.allocate(0, **how)
    with DpuSet.allocate(2, **how) as dpus:
        with pytest.raises(ProgramError, match="no program loaded"):
            dpus.launch()
        with pytest.raises(ProgramError, match="nowhere.elf"):
            dpus.load("nowhere.elf")
        dpus.load(program)
        with pytest.raises(SymbolError, match="no symbol 'nope' in"):
            dpus.broadcast("nope", b"\0" * 4)
        with pytest.raises(AlignmentError, match="WRAM transfers must be 4-byte aligned"):
            dpus.broadcast("input", b"\0" * 4, offset=2)
        with pytest.raises(AlignmentError, match="MRAM transfers must be 8-byte aligned"):
            dpus[0].copy_to("table", b"\0" * 4)
        with pytest.raises(AlignmentError, match="outside its"):
            dpus[0].mram_read(64 * 1024 * 1024 - 8, 16)
        with pytest.raises(TransferError, match="copy_from reads one DPU; this set has 2"):
            dpus.copy_from("output", 4)
        with pytest.raises(TransferError, match="3 buffers for 2 DPUs"):
            dpus.push("input", [b"\0" * 4] * 3)
        with pytest.raises(TransferError, match=r"one length, not \[4, 8\]"):
            dpus.push("input", [b"\0" * 4, b"\0" * 8])
        with pytest.raises(TransferError, match="not list"):
            dpus.broadcast("input", [1, 2, 3])
    with pytest.raises(TransferError, match="freed"):
        dpus.broadcast("factor", b"\0" * 4)
    with pytest.raises(UnknownBackendError, match="unknown backend 'fpga'"):
        DpuSet.allocate(1, backend="fpga")


def test_ranks_iteration_and_mram_by_address():
    with DpuSet.allocate(130, backend="stub") as dpus:
        assert [len(r) for r in dpus.ranks] == [64, 64, 2]
        assert [d.index for d in dpus.ranks[2]] == [128, 129]
        assert len(list(dpus)) == 130 and dpus[129].index == 129
        dpus[5].mram_write(1024, b"abcdefgh")
        assert dpus[5].mram_read(1024, 8) == b"abcdefgh"
        assert dpus[6].mram_read(1024, 8) == bytes(8)


def test_async_launch_sync_stats_and_log(program):
    with DpuSet.allocate(2) as dpus:
        dpus.load(program)
        dpus.broadcast("factor", struct.pack("<I", 3))
        dpus.push("dpu_id", [struct.pack("<I", 10), struct.pack("<I", 11)])
        dpus.push("table", [np.arange(32, dtype=np.uint64)] * 2)
        future = dpus.launch(sync=False)
        dpus.sync()
        assert future.done()
        stats = dpus.stats()
        assert all(s.cycles > 0 and s.instructions > 0 and s.launches == 1 for s in stats)
        assert stats[0].bytes_to == 4 + 4 + 256 and stats[0].bytes_from == 0
        assert stats[0].seconds() == pytest.approx(stats[0].cycles / 350e6)
        assert dpus.log() == "dpu 10: factor 3, sum 496\ndpu 11: factor 3, sum 496\n"
        assert dpus[1].log() == "dpu 11: factor 3, sum 496\n"
        dpus[0].copy_from("output", 64)
        assert dpus[0].stats_one().bytes_from == 64


def test_a_fault_names_the_dpu_tasklet_function_and_line(program):
    with DpuSet.allocate(3) as dpus:
        dpus.load(program)
        dpus.push("crash", [struct.pack("<I", int(i == 1)) for i in range(3)])
        with pytest.raises(DpuFaultError) as e:
            dpus.launch()
        err = e.value
        assert (err.dpu, err.tasklet, err.kind) == (1, 0, "memory fault")
        assert err.symbol.startswith("main+") and err.source[0].endswith("kernel.c")
        assert err.source[1] == KERNEL.splitlines().index(
            "            *(volatile uint32_t *)0x7fffffff = 1;    /* a misaligned store: "
            "memory fault */") + 1
        dpus[0].launch()  # the other DPUs are fine
        future = dpus[1].launch(sync=False)
        with pytest.raises(DpuFaultError):
            dpus.sync()
        assert future.done()


def test_launches_from_threads_on_different_dpus(program):
    """Each thread drives its own DPU, launching repeatedly; the launches interleave (and run
    together), and every DPU computes its own thread's results."""
    with DpuSet.allocate(4) as dpus:
        dpus.load(program)
        errors = []

        def drive(dpu):
            try:
                for round_ in range(3):
                    factor = dpu.index * 10 + round_
                    dpu.copy_to("factor", struct.pack("<I", factor))
                    dpu.copy_to("dpu_id", struct.pack("<I", dpu.index))
                    dpu.copy_to("input", struct.pack("<16I", *range(16)))
                    dpu.launch()
                    out = struct.unpack("<16I", dpu.copy_from("output", 64))
                    assert out == tuple(i * factor + dpu.index for i in range(16))
            except BaseException as e:  # reported by the main thread
                errors.append(e)
        threads = [threading.Thread(target=drive, args=(d,)) for d in dpus]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        assert all(s.launches == 3 for s in dpus.stats())
