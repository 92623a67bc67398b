"""Kelonia's foundry: device descriptions, assembly lines, assemblies and their workers, on the
simulator and stubbed (workers from unittest.mock, as the seed's Mockito example).  The
interface here is written by hand to the contract of kelonia.interface; the ones dpugeni
generates are tested in test_dpugeni* and with the charcount sample."""

from __future__ import annotations

import enum
import queue
import struct
import threading
from unittest import mock

import pytest

from kelonia import (PYTHON, BasicDpuAssemblyLine, DpuAllocationError, DpuBackend,
                     DpuDeviceDescription, DpuFoundry, KeloniaError, StubbedDpuError)
from test_kelonia_dpuset import program  # noqa: F401  (the module's compiled kernel)

# The backends that run the DPU program (ray: a local Ray instance, rank actors).
SIMULATED = [pytest.param(DpuBackend.SIMULATOR, id="simulator"),
             pytest.param(DpuBackend.RAY, id="ray", marks=pytest.mark.slow)]


class Task(enum.Enum):
    scale = "scale"
    memory_copy = "memoryCopy"


class ScaleWorker:
    """output[i] = input[i] * factor + ident, for 16 inputs, on the kernel of
    test_kelonia_dpuset."""

    def __init__(self, dpu):
        self.dpu = dpu

    def scale(self, factor: int, ident: int, values: list[int]) -> list[int]:
        self.dpu.copy_to("factor", struct.pack("<I", factor))
        self.dpu.copy_to("dpu_id", struct.pack("<I", ident))
        self.dpu.copy_to("input", struct.pack("<16I", *values))
        self.dpu.launch()
        return list(struct.unpack("<16I", self.dpu.copy_from("output", 64)))


class CopyWorker:
    def __init__(self, dpu):
        self.dpu = dpu

    def copy_to_device(self, address: int, data: bytes) -> None:
        self.dpu.mram_write(address, data)


class Scaler:
    """A hand-written interface: instance() and worker_factories(), as generated ones have."""

    _instance = None

    @classmethod
    def instance(cls):
        if cls.__dict__.get("_instance") is None:
            cls._instance = cls()
        return cls._instance

    def worker_factories(self):
        return {Task.scale: ScaleWorker, Task.memory_copy: CopyWorker}


@pytest.mark.parametrize("backend", SIMULATED, indirect=True)
def test_workers_call_the_dpus(program, backend):  # noqa: F811
    device = DpuDeviceDescription(Scaler.instance(), program, backend)
    line = BasicDpuAssemblyLine.using_dpus(3, device)
    with DpuFoundry.targeting(PYTHON).build(line) as assembly:
        assert assembly.nr_dpus == 3 and len(assembly.dpus) == 3
        w = assembly.get_worker(2, Task.scale)
        assert assembly.get_worker(2, Task.scale) is w
        assert assembly.getWorker(1, Task.scale) is not w  # the seed's spelling, another DPU
        assert w.scale(3, 2, list(range(16))) == [3 * i + 2 for i in range(16)]
        assembly.get_worker(0, Task.memory_copy).copy_to_device(8, b"12345678")
        assert assembly.dpu(0).mram_read(8, 8) == b"12345678"
        with pytest.raises(DpuAllocationError, match=r"DPU 3 is not in this assembly \(0..2\)"):
            assembly.get_worker(3, Task.scale)
        with pytest.raises(KeloniaError, match="no worker for 'count'"):
            assembly.get_worker(0, "count")
    assert assembly.freed
    with pytest.raises(KeloniaError, match="freed"):
        assembly.get_worker(0, Task.scale)
    with pytest.raises(KeloniaError, match="freed"):
        w.scale(1, 1, [0] * 16)


def test_the_seed_spellings_and_bad_requests(program):  # noqa: F811
    device = DpuDeviceDescription(Scaler.instance(), program)
    assembly = DpuFoundry.targeting(PYTHON).build(BasicDpuAssemblyLine.usingDpu(device))
    try:
        assert assembly.nr_dpus == 1
    finally:
        assembly.free()
    with pytest.raises(KeloniaError, match="no foundry targets 'java'"):
        DpuFoundry.targeting("java")
    with pytest.raises(DpuAllocationError, match="at least one DPU"):
        BasicDpuAssemblyLine.using_dpus(0, device)
    with pytest.raises(KeloniaError, match="needs the DPU program"):
        DpuFoundry.targeting(PYTHON).build(
            BasicDpuAssemblyLine.using_dpu(DpuDeviceDescription(Scaler.instance())))
    with pytest.raises(DpuAllocationError, match="asked for 5000 DPUs"):
        DpuFoundry.targeting(PYTHON).build(BasicDpuAssemblyLine.using_dpus(5000, device))


def test_stubbed_devices_hand_out_mocks():
    """The seed's Mockito example: the interface's worker factories return mocks; no DPU is
    allocated and no program is needed."""
    scale = mock.Mock(spec=ScaleWorker)
    scale.scale.return_value = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]
    memory = mock.Mock(spec=CopyWorker)

    class StubbedScaler(Scaler):
        def worker_factories(self):
            return {Task.scale: lambda dpu: scale, Task.memory_copy: lambda dpu: memory}

    device = DpuDeviceDescription(StubbedScaler.instance(), "unused.bin", DpuBackend.Stubbed)
    with DpuFoundry.targeting(PYTHON).build(BasicDpuAssemblyLine.using_dpus(4, device)) as a:
        assert a.dpus is None
        a.get_worker(3, Task.memory_copy).copy_to_device(0, b"text")
        assert sum(a.get_worker(3, Task.scale).scale(1, 0, [0] * 16)) == 376
        memory.copy_to_device.assert_called_once_with(0, b"text")
        scale.scale.assert_called_once()
        with pytest.raises(StubbedDpuError, match="DPU 2 is stubbed"):
            a.dpu(2).launch()


@pytest.mark.parametrize("backend", SIMULATED + [pytest.param(DpuBackend.STUBBED, id="stubbed")],
                         indirect=True)
def test_producer_consumer_threads_one_per_dpu(program, backend):  # noqa: F811
    """The seed's multi-DPU scheme: a thread per DPU takes blocks from a shared provider,
    calls its worker, adds to a shared result; the total is every block's."""
    blocks = queue.Queue()
    for k in range(12):
        blocks.put(list(range(k, k + 16)))
    total = [0]
    lock = threading.Lock()

    class FakeScale:
        def __init__(self, dpu):
            self.dpu = dpu

        def scale(self, factor, ident, values):
            return [v * factor + ident for v in values]

    class StubbedScaler(Scaler):
        def worker_factories(self):
            return {Task.scale: FakeScale, Task.memory_copy: CopyWorker}

    iface = StubbedScaler.instance() if backend is DpuBackend.STUBBED else Scaler.instance()
    device = DpuDeviceDescription(iface, program, backend)
    with DpuFoundry.targeting(PYTHON).build(BasicDpuAssemblyLine.using_dpus(3, device)) as a:
        def counter(n):
            worker = a.get_worker(n, Task.scale)
            while True:
                try:
                    block = blocks.get_nowait()
                except queue.Empty:
                    return
                out = worker.scale(2, 0, block)
                with lock:
                    total[0] += sum(out)
        threads = [threading.Thread(target=counter, args=(n,)) for n in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert total[0] == sum(2 * sum(range(k, k + 16)) for k in range(12))
