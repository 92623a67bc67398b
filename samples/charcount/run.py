#!/usr/bin/env python3
"""Count a character in a large text with N DPUs: the seed's Kelonia example, in Python.

A data provider hands out blocks of the text; one thread per DPU loops: take a block, copy it
into its DPU's MRAM (the memory-copy worker), call the DPU's ``countCharacters`` function (the
interface dpugeni generated from ``charcount.didl``), add the 16 tasklets' counts to a shared
result.  The total is checked against Python's own count.

    python samples/charcount/run.py [--dpus N] [--char C] [--block-size BYTES]
                                    [--size BYTES | DOCUMENT] [--build DIR] [--stubbed]

Build first (``make -C samples/charcount``): the program ``build/charcount`` and the bindings
``build/charcount_interface.py``.  ``--stubbed`` runs the same host code with no DPU at all:
workers from ``unittest.mock`` that count in Python.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TASKLET_BLOCK = 256  # each tasklet reads the text 256 bytes at a time
MAX_BLOCK = 64 << 20  # a DPU's MRAM


class DataProvider:
    """Blocks of the text, in order, to whichever thread asks (the seed's getMoreData)."""

    def __init__(self, text: bytes, block_size: int):
        self.text = text
        self.block_size = block_size
        self.position = 0
        self.lock = threading.Lock()

    def get_more_data(self) -> bytes | None:
        with self.lock:
            if self.position >= len(self.text):
                return None
            block = self.text[self.position:self.position + self.block_size]
            self.position += len(block)
            return block


class CountResult:
    """The total over every DPU and block (the seed's thread-safe CountResult)."""

    def __init__(self):
        self.value = 0
        self.blocks = 0
        self.lock = threading.Lock()

    def add(self, n: int) -> None:
        with self.lock:
            self.value += n
            self.blocks += 1


def counter_thread(dpu_number: int, provider: DataProvider, result: CountResult, assembly,
                   char: int, task_module, errors: list) -> threading.Thread:
    """One thread driving one DPU (the seed's counterThread)."""
    worker = assembly.get_worker(dpu_number, task_module.Task.count_characters)
    copy_worker = assembly.get_worker(dpu_number, task_module.Task.memory_copy)

    def run():
        try:
            while (block := provider.get_more_data()) is not None:
                # Whole 256-byte blocks of zeros past the end: a tasklet reads its last block
                # whole, and must not count what an earlier, longer block left in MRAM.
                copy_worker.copy_to_device(0, block + bytes(-len(block) % TASKLET_BLOCK))
                counters = worker.count_characters(len(block), char)
                result.add(sum(counters))
        except Exception as e:  # noqa: BLE001 - reported by the main thread, as the seed does
            errors.append((dpu_number, e))
    return threading.Thread(target=run, name=f"dpu-{dpu_number}")


def count(text: bytes, char: int, nr_dpus: int, block_size: int, build: Path,
          stubbed: bool = False) -> CountResult:
    """Count ``char`` in ``text`` with ``nr_dpus`` DPUs in blocks of ``block_size`` bytes."""
    sys.path.insert(0, str(build))
    try:
        import charcount_interface as charcount
    finally:
        sys.path.pop(0)
    from kelonia import (PYTHON, BasicDpuAssemblyLine, DpuBackend, DpuDeviceDescription,
                         DpuFoundry)
    if stubbed:
        interface = stubbed_interface(charcount).instance()
        device = DpuDeviceDescription(interface, None, DpuBackend.STUBBED)
    else:
        device = DpuDeviceDescription(charcount.Charcount.instance(), build / "charcount")
    provider = DataProvider(text, block_size)
    result = CountResult()
    errors: list = []
    line = BasicDpuAssemblyLine.using_dpus(nr_dpus, device)
    with DpuFoundry.targeting(PYTHON).build(line) as assembly:
        threads = [counter_thread(n, provider, result, assembly, char, charcount, errors)
                   for n in range(nr_dpus)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if errors:
        dpu, e = errors[0]
        raise RuntimeError(f"DPU {dpu}: {e}") from e
    return result


def stubbed_interface(charcount):
    """The interface with mocked workers that count in Python (the seed's Mockito example)."""
    from unittest import mock

    class CountingStub(charcount.StubbedCharcount):
        def worker_factories(self):
            memories: dict[int, bytes] = {}  # what each stubbed DPU was given

            def copy_worker(dpu):
                w = mock.Mock(spec=charcount.MemoryCopyWorker)
                w.copy_to_device.side_effect = \
                    lambda address, data: memories.__setitem__(dpu.index, bytes(data))
                return w

            def count_worker(dpu):
                w = mock.Mock(spec=charcount.CountCharactersWorker)
                w.count_characters.side_effect = \
                    lambda length, char: [memories[dpu.index][:length].count(char)] + [0] * 15
                return w
            return (charcount.StubbedCharcount.WorkerFactoryBuilder()
                    .with_worker(count_worker, charcount.Task.count_characters)
                    .with_worker(copy_worker, charcount.Task.memory_copy)
                    .build())
    return CountingStub


def generated_text(size: int, seed: int = 2016) -> bytes:
    """Words of English-like letters and spaces, newlines now and then."""
    rng = random.Random(seed)
    letters = b"etaoinshrdlcumwfgypbvkjxqz"
    weights = [12, 9, 8, 8, 7, 7, 6, 6, 6, 4, 4, 3, 3, 2, 2, 2, 2, 2, 2, 1.5, 1, 0.8, 0.2,
               0.2, 0.1, 0.1]
    out = bytearray()
    while len(out) < size:
        word = bytes(rng.choices(letters, weights, k=rng.randint(1, 9)))
        out += word + (b"\n" if rng.random() < 0.08 else b" ")
    return bytes(out[:size])


def _size(text: str) -> int:
    units = {"k": 1 << 10, "m": 1 << 20}
    t = text.strip().lower().rstrip("ib").rstrip("b")
    if t and t[-1] in units:
        return int(float(t[:-1]) * units[t[-1]])
    return int(t)


def main() -> int:
    ap = argparse.ArgumentParser(description="Count a character with N DPUs (the seed's "
                                             "Kelonia example).")
    ap.add_argument("document", nargs="?", type=Path, help="a file to count in (default: a "
                                                           "generated text of --size bytes)")
    ap.add_argument("--size", type=_size, default=1 << 20, help="generated text size, e.g. 1M")
    ap.add_argument("--char", default="e", help="the character to count (default: e)")
    ap.add_argument("--dpus", type=int, default=4)
    ap.add_argument("--block-size", type=_size, default=64 << 10,
                    help="bytes a DPU counts at a time, up to 64M (default: 64K)")
    ap.add_argument("--build", type=Path, default=HERE / "build")
    ap.add_argument("--stubbed", action="store_true", help="mocked DPUs, counting in Python")
    args = ap.parse_args()
    if not 0 < args.block_size <= MAX_BLOCK:
        ap.error(f"--block-size must be between 1 and {MAX_BLOCK} bytes")
    if args.dpus < 1:
        ap.error("--dpus must be at least 1")
    char = args.char.encode("latin-1")
    if len(char) != 1 or char == b"\0":
        ap.error("--char must be one character (not NUL)")
    text = args.document.read_bytes() if args.document else generated_text(args.size)
    what = str(args.document) if args.document else "a generated text"
    t0 = time.perf_counter()
    result = count(text, char[0], args.dpus, args.block_size, args.build, args.stubbed)
    elapsed = time.perf_counter() - t0
    expected = text.count(char)
    print(f"found {result.value} occurrences of {args.char!r} in {what} ({len(text)} bytes, "
          f"{result.blocks} blocks of up to {args.block_size} bytes, {args.dpus} DPUs"
          f"{' (stubbed)' if args.stubbed else ' x 16 tasklets'}) in {elapsed:.2f} s")
    print(f"Python's count: {expected}: {'the same' if result.value == expected else 'WRONG'}")
    return 0 if result.value == expected else 1


if __name__ == "__main__":
    sys.exit(main())
