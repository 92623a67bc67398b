"""The Java snippets of the seed's Kelonia post, one Python function each, as close to the
original as Python allows (tests/test_sample_charcount.py runs every one).

The bindings module ``charcount_interface`` is what dpugeni generates from ``charcount.didl``
(``make -C samples/charcount`` puts it in ``build/``); the program is ``build/charcount``.
"""

from __future__ import annotations

import threading
from unittest.mock import Mock

import charcount_interface as CharcountInterface
from kelonia import (PYTHON, BasicDpuAssemblyLine, DpuBackend, DpuDeviceDescription,
                     DpuFoundry, KeloniaError)


def count_character_with_one_dpu(binary: str, my_text: bytes) -> int:
    """``countCharacterWithOneDpu``: one DPU, a device description, two workers."""
    char_count_device = DpuDeviceDescription(CharcountInterface.Charcount.instance(), binary)
    assembly = DpuFoundry.targeting(PYTHON).build(
        BasicDpuAssemblyLine.using_dpu(char_count_device))
    try:
        worker = assembly.get_worker(0, CharcountInterface.Task.count_characters)
        copy_worker = assembly.get_worker(0, CharcountInterface.Task.memory_copy)
        copy_worker.copy_to_device(0, pad(my_text))
        print("starting task")
        counters = worker.count_characters(len(my_text), ord("a"))
        print(f"found {sum(counters)} occurrences of 'a'")
        return sum(counters)
    finally:
        assembly.free()


class DataProvider:
    """Subsequent blocks of a large text, on request (the seed's getMoreData)."""

    def __init__(self, text: bytes, block: int):
        self.text, self.block, self.next, self.lock = text, block, 0, threading.Lock()

    def get_more_data(self) -> bytes | None:
        with self.lock:
            if self.next >= len(self.text):
                return None
            data = self.text[self.next:self.next + self.block]
            self.next += self.block
            return data


class CountResult:
    """A multi-thread safe counter (the seed's CountResult)."""

    def __init__(self):
        self.value, self.lock = 0, threading.Lock()

    def add(self, n: int) -> None:
        with self.lock:
            self.value += n

    def get_result_value(self) -> int:
        return self.value


def counter_thread(dpu_number: int, file: DataProvider, result: CountResult,
                   assembly) -> threading.Thread:
    """``counterThread``: one thread driving a given DPU."""
    worker = assembly.get_worker(dpu_number, CharcountInterface.Task.count_characters)
    copy_worker = assembly.get_worker(dpu_number, CharcountInterface.Task.memory_copy)

    def body():
        try:
            while True:
                my_text = file.get_more_data()
                if my_text is None:
                    break
                copy_worker.copy_to_device(0, pad(my_text))
                counters = worker.count_characters(len(my_text), ord("a"))
                result.add(sum(counters))
        except KeloniaError as e:
            print(f"DPU {dpu_number} caught {e}")
    return threading.Thread(target=body)


def count_character_with_multiple_dpu(binary: str, text: bytes, nr_dpus: int,
                                      block: int) -> int:
    """``countCharacterWithMultipleDpu``: N DPUs, a thread each, a shared provider."""
    char_count_device = DpuDeviceDescription(CharcountInterface.Charcount.instance(), binary)
    assembly = DpuFoundry.targeting(PYTHON).build(
        BasicDpuAssemblyLine.using_dpus(nr_dpus, char_count_device))
    threads = []
    provider = DataProvider(text, block)
    result = CountResult()
    try:
        for each_dpu in range(nr_dpus):
            threads.append(counter_thread(each_dpu, provider, result, assembly))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"Found {result.get_result_value()} 'a's")
        return result.get_result_value()
    finally:
        assembly.free()


def stubbed_device(binary: str) -> DpuDeviceDescription:
    """The Mockito example: the generated interface's Stubbed variant, overridden to hand out
    mocks, in a device description on the Stubbed backend."""

    class StubbedCharcount(CharcountInterface.StubbedCharcount):
        def worker_factories(self):
            memory_worker = Mock(spec=CharcountInterface.MemoryCopyWorker)
            count_worker = Mock(spec=CharcountInterface.CountCharactersWorker)
            count_worker.count_characters.return_value = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89,
                                                          144]
            memory_worker.copy_to_device.return_value = None
            return (CharcountInterface.StubbedCharcount.WorkerFactoryBuilder()
                    .with_worker(lambda dpu: count_worker,
                                 CharcountInterface.Task.count_characters)
                    .with_worker(lambda dpu: memory_worker, CharcountInterface.Task.memory_copy)
                    .build())

    return DpuDeviceDescription(StubbedCharcount.instance(), binary, DpuBackend.Stubbed)


def pad(text: bytes) -> bytes:
    """Whole 256-byte blocks: each tasklet reads its last block whole (zeros count nothing)."""
    return text + bytes(-len(text) % 256)


__all__ = ["count_character_with_one_dpu", "count_character_with_multiple_dpu",
           "stubbed_device", "DataProvider", "CountResult", "counter_thread"]
