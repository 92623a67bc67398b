"""The DPU-set level of kelonia (the SDK's host API): allocation, loading, transfers, launches,
logs, statistics and errors, on the simulator, on the simulator spread over Ray rank actors
(a local Ray instance, marked slow), and, where it applies, on stubs (a Python function
standing in for the DPU program)."""

from __future__ import annotations

import struct
import threading

import numpy as np
import pytest

from kelonia import (AlignmentError, BackendUnavailableError, DpuAllocationError,
                     DpuFaultError, DpuLostError, DpuSet, ProgramError, SymbolError,
                     TransferError, UnknownBackendError)

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


# The backends that run the DPU program: the same tests, the same results and errors.
SIMULATED = [pytest.param({"backend": "simulator"}, id="simulator"),
             pytest.param({"backend": "ray"}, id="ray", marks=pytest.mark.slow)]
BACKENDS = SIMULATED + [pytest.param({"backend": "stub", "kernel": stub_kernel}, id="stub")]


@pytest.mark.parametrize("how", BACKENDS, indirect=True)
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


@pytest.mark.parametrize("how", BACKENDS, indirect=True)
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


@pytest.mark.parametrize("how", BACKENDS, indirect=True)
def test_ranks_iteration_and_mram_by_address(how):
    with DpuSet.allocate(130, **how) as dpus:
        assert [len(r) for r in dpus.ranks] == [64, 64, 2]
        assert [d.index for d in dpus.ranks[2]] == [128, 129]
        assert len(list(dpus)) == 130 and dpus[129].index == 129
        dpus[5].mram_write(1024, b"abcdefgh")
        assert dpus[5].mram_read(1024, 8) == b"abcdefgh"
        assert dpus[6].mram_read(1024, 8) == bytes(8)


@pytest.mark.parametrize("how", SIMULATED, indirect=True)
def test_async_launch_sync_stats_and_log(program, how):
    with DpuSet.allocate(2, **how) as dpus:
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


@pytest.mark.parametrize("how", SIMULATED, indirect=True)
def test_a_fault_names_the_dpu_tasklet_function_and_line(program, how):
    with DpuSet.allocate(3, **how) as dpus:
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


@pytest.mark.parametrize("how", SIMULATED, indirect=True)
def test_launches_from_threads_on_different_dpus(program, how):
    """Each thread drives its own DPU, launching repeatedly; the launches interleave (and run
    together), and every DPU computes its own thread's results."""
    with DpuSet.allocate(4, **how) as dpus:
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


@pytest.mark.parametrize("how", BACKENDS, indirect=True)
def test_scatter_and_gather_arrays_across_ranks(program, how):
    """A numpy array cut into one part per DPU, over three ranks (64 + 64 + 2 DPUs)."""
    n = 130
    with DpuSet.allocate(n, **how) as dpus:
        dpus.load(program)
        inputs = np.arange(n * 16, dtype=np.uint32).reshape(n, 16)
        dpus.scatter("input", inputs)
        dpus.scatter("dpu_id", np.arange(n, dtype=np.uint32))  # 1-D: 4 bytes each
        dpus.broadcast("factor", struct.pack("<I", 5))
        dpus.launch()
        out = dpus.gather_array("output", 16, np.uint32)
        assert out.shape == (n, 16)
        assert (out == inputs * 5 + np.arange(n, dtype=np.uint32)[:, None]).all()
        assert (dpus.ranks[1].gather_array("dpu_id", 1, np.uint32)[:, 0]
                == np.arange(64, 128)).all()
        with pytest.raises(TransferError, match="not a multiple of 130"):
            dpus.scatter("input", np.zeros(131, dtype=np.uint8))
        assert dpus.stats()[129].bytes_to == 64 + 4 + 4


# -------------------------------------------------------------------------------- ray only


def _ray_dpus(dpus):
    return dpus._group.dpus  # the RayDpus behind the set


@pytest.mark.slow
def test_ray_moves_each_transfer_and_launch_in_one_call_per_rank(program, ray_cluster,
                                                                 monkeypatch):
    from kelonia.raybackend import RayDpus
    calls = []
    submit = RayDpus._submit

    def counting(self, rank, method, *args):
        calls.append((rank.index, method))
        return submit(self, rank, method, *args)
    monkeypatch.setattr(RayDpus, "_submit", counting)
    with DpuSet.allocate(130, backend="ray") as dpus:
        dpus.load(program)
        assert calls == [(0, "load"), (1, "load"), (2, "load")]
        for op in (lambda: dpus.push("dpu_id", [struct.pack("<I", i) for i in range(130)]),
                   lambda: dpus.broadcast("factor", struct.pack("<I", 2)),
                   lambda: dpus.launch(),
                   lambda: dpus.gather("output", 64),
                   lambda: dpus.log()):
            calls.clear()
            op()
            assert sorted(r for r, _ in calls) == [0, 1, 2], calls
        calls.clear()
        dpus.ranks[1].launch()
        assert calls == [(1, "launch")]
        # DPUs are numbered as in the allocation, not in their rank: a fault names DPU 100.
        dpus[100].copy_to("crash", struct.pack("<I", 1))
        with pytest.raises(DpuFaultError, match=r"^DPU 100, tasklet 0") as e:
            dpus.launch()
        assert e.value.dpu == 100 and e.value.kind == "memory fault"


def kill(ray, actor, timeout: float = 60.0) -> None:
    """Kill a rank actor and wait until Ray says it is dead: ``ray.kill`` only asks, and a
    call made just after it may still be served by the living actor."""
    import time
    from ray.exceptions import RayActorError
    ray.kill(actor)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            ray.get(actor.ready.remote(), timeout=timeout)
        except RayActorError:
            return
        time.sleep(0.05)
    raise AssertionError("the killed rank actor still answers")


@pytest.mark.slow
def test_a_dead_rank_is_an_error_naming_its_dpus(program, ray_cluster):
    with DpuSet.allocate(70, backend="ray") as dpus:
        dpus.load(program)
        dpus.broadcast("factor", struct.pack("<I", 3))
        kill(ray_cluster, _ray_dpus(dpus).rank_actor(1))
        with pytest.raises(DpuLostError, match=r"rank 1 \(DPUs 64..69\).*Ray actor died") as e:
            dpus.launch()
        assert e.value.dpus == list(range(64, 70)) and e.value.ranks == [1]
        with pytest.raises(DpuLostError, match=r"DPUs 64..69"):  # and so on, at once
            dpus[66].copy_from("factor", 4)
        rank0 = dpus.ranks[0]  # the other rank still works
        rank0.push("dpu_id", [struct.pack("<I", i) for i in range(64)])
        rank0.push("input", [np.arange(16, dtype=np.uint32)] * 64)
        rank0.launch()
        assert struct.unpack("<16I", dpus[5].copy_from("output", 64))[1] == 3 + 5


@pytest.mark.slow
def test_checkpointing_restores_a_dead_rank(program, ray_cluster):
    with DpuSet.allocate(70, backend="ray", checkpoint=True) as dpus:
        ray_dpus = _ray_dpus(dpus)
        dpus.load(program)
        dpus.broadcast("factor", struct.pack("<I", 3))
        dpus.scatter("dpu_id", np.arange(70, dtype=np.uint32))
        dpus.scatter("input", np.ones((70, 16), dtype=np.uint32))
        dpus.launch()
        ids = np.arange(70, dtype=np.uint32)[:, None]
        expected = np.ones((70, 16), dtype=np.uint32) * 3 + ids
        kill(ray_cluster, ray_dpus.rank_actor(1))
        # Restored from the checkpoint taken after the launch: outputs, log and all.
        assert (dpus.gather_array("output", 16, np.uint32) == expected).all()
        assert ray_dpus.restores(1) == 1 and ray_dpus.restores(0) == 0
        assert dpus[69].log() == "dpu 69: factor 3, sum 0\n"
        # A rank that dies while launching is restored, and the launch sent again.
        dpus.broadcast("factor", struct.pack("<I", 4))
        future = dpus.launch(sync=False)
        kill(ray_cluster, ray_dpus.rank_actor(1))
        dpus.sync()
        assert future.done()
        expected = np.ones((70, 16), dtype=np.uint32) * 4 + ids
        assert (dpus.gather_array("output", 16, np.uint32) == expected).all()
        assert ray_dpus.restores(1) == 2
        assert all(s.launches == 2 and s.cycles > 0 for s in dpus.stats())


def test_without_ray_the_backend_says_how_to_install_it(monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as if not installed
    monkeypatch.delitem(sys.modules, "kelonia.raybackend", raising=False)
    with pytest.raises(BackendUnavailableError, match=r"needs ray, which is not installed: "
                                                      r"pip install 'dpu-toolchain\[ray\]'"):
        DpuSet.allocate(1, backend="ray")
    with pytest.raises(UnknownBackendError, match="available: ray, simulator, stub"):
        DpuSet.allocate(1, backend="fpga")


def test_a_dpu_snapshot_restores_its_state_elsewhere(program):
    """dpusim's DpuState.snapshot/restore (what ray checkpoints are made of), and faults that
    survive pickling (what crosses from a rank actor)."""
    import pickle
    with DpuSet.allocate(2) as dpus:
        dpus.load(program)
        dpus.push("dpu_id", [struct.pack("<I", 7), struct.pack("<I", 8)])
        dpus.broadcast("factor", struct.pack("<I", 2))
        dpus[0].copy_to("table", np.arange(32, dtype=np.uint64))
        dpus[0].launch()
        states = _ray_dpus(dpus).states
        snap = pickle.loads(pickle.dumps(states[0].snapshot()))
        states[1].restore(snap)
        assert dpus[1].copy_from("table", 256) == np.arange(32, dtype=np.uint64).tobytes()
        assert dpus[1].log() == dpus[0].log() == "dpu 7: factor 2, sum 496\n"
        assert (states[1].cycle, states[1].instructions) == (states[0].cycle,
                                                             states[0].instructions)
        states[0].wram[0:4] = b"xxxx"
        assert states[1].wram[0:4] != b"xxxx"  # a copy, not shared
        dpus.push("crash", [struct.pack("<I", 1)] * 2)
        with pytest.raises(DpuFaultError) as e:
            dpus.launch()
        again = pickle.loads(pickle.dumps(e.value))
        assert (again.dpu, again.tasklet, again.kind, again.source, str(again)) == (
            e.value.dpu, e.value.tasklet, e.value.kind, e.value.source, str(e.value))


CONNECT = r"""
import struct, sys
from kelonia import BackendUnavailableError, DpuSet
address, program = sys.argv[1], sys.argv[2]
try:
    dpus = DpuSet.allocate(3, backend="ray", address=address)
except BackendUnavailableError as e:
    print("unavailable:", e)
    sys.exit(3)
with dpus:
    dpus.load(program)
    dpus.broadcast("factor", struct.pack("<I", 5))
    dpus.push("dpu_id", [struct.pack("<I", i) for i in range(3)])
    dpus.push("input", [struct.pack("<16I", *range(16))] * 3)
    dpus.launch()
    print(list(struct.unpack("<16I", dpus[2].copy_from("output", 64)))[:4])
"""


@pytest.mark.slow
def test_another_process_connects_to_the_cluster_by_address(program, ray_cluster, tmp_path):
    """What a user of an existing cluster does: ``address=`` with the cluster's address (here
    the test session's own Ray instance, which this process started)."""
    import os
    import subprocess
    import sys
    address = ray_cluster.get_runtime_context().gcs_address
    script = tmp_path / "connect.py"
    script.write_text(CONNECT)
    r = subprocess.run([sys.executable, str(script), address, program], capture_output=True,
                       text=True, timeout=240, env={**os.environ})
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip().splitlines()[-1] == str([2, 7, 12, 17])


def test_an_unreachable_cluster_address_fails_at_once(program, tmp_path):
    import socket
    import subprocess
    import sys
    import time
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = tmp_path / "connect.py"
    script.write_text(CONNECT)
    start = time.monotonic()
    r = subprocess.run([sys.executable, str(script), f"127.0.0.1:{port}", program],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 3, r.stdout + r.stderr
    assert f"cannot reach the Ray cluster at 127.0.0.1:{port}" in r.stdout
    assert time.monotonic() - start < 60
    r = subprocess.run([sys.executable, str(script), "nowhere", program], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 3 and "must be HOST:PORT" in r.stdout, r.stdout + r.stderr
