"""The installed package, on the simulator (its packaged DPU program) and on stubs."""

from __future__ import annotations

import random
from unittest import mock

import linecount_app
from linecount_app import linecount_interface as iface


def text(n: int) -> bytes:
    rng = random.Random(n)
    return bytes(rng.choice(b"ab c\n") for _ in range(n))


def test_counts_lines_on_simulated_dpus():
    for size, dpus in ((0, 1), (1, 1), (5000, 1), (12345, 3)):
        data = text(size)
        assert linecount_app.count_lines(data, dpus) == data.count(b"\n")


def test_the_program_and_binding_ship_in_the_package():
    from kelonia.project import packaged_program
    assert packaged_program("linecount_app", "linecount")[:4] == b"\x7fELF"
    assert "count_lines" in dir(iface.CountLinesWorker)


def test_stubbed_dpus_answer_what_the_test_says():
    worker = mock.Mock(spec=iface.CountLinesWorker)
    worker.count_lines.return_value = [1] * 8
    copy = mock.Mock(spec=iface.MemoryCopyWorker)

    class Stub(iface.StubbedLinecount):
        def worker_factories(self):
            return (iface.StubbedLinecount.WorkerFactoryBuilder()
                    .with_worker(lambda dpu: worker, iface.Task.count_lines)
                    .with_worker(lambda dpu: copy, iface.Task.memory_copy)
                    .build())

    dev = linecount_app.device(stubbed=True, interface=Stub.instance())
    assert linecount_app.count_lines(b"x" * 2000, 2, dev) == 16
    assert worker.count_lines.call_count == 2
