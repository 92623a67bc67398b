"""kelonia.interface through the generated golden modules, on an in-memory DPU: the seed's usage
(workers from ``worker_factories``, the Mockito-style stub), the exact bytes every type takes on
every channel, the DMA alignment rules, and the argument checks."""

from __future__ import annotations

import importlib.util
import random
import struct
import sys
from pathlib import Path
from unittest.mock import Mock

import pytest

from kelonia import interface as kelonia

GOLDEN = Path(__file__).resolve().parent / "didl" / "golden"


def _module(name: str):
    """A golden generated module, imported from its file."""
    full = f"{name}_interface"
    if full in sys.modules:
        return sys.modules[full]
    spec = importlib.util.spec_from_file_location(full, GOLDEN / f"{full}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    spec.loader.exec_module(module)
    return module


charcount = _module("charcount")
kitchen = _module("kitchen")
roundtrip = _module("roundtrip")


class FakeDpu:
    """A DpuHandle in memory that enforces the host access rules: WRAM symbols 4-byte aligned,
    MRAM symbols and MRAM 8-byte aligned; ``program(dpu)`` plays the DPU at launch."""

    def __init__(self, symbols: dict[str, tuple[int, int]] | None = None, program=None,
                 index: int = 0):
        self.index = index
        self.memory = {name: bytearray(size) for name, (size, _) in (symbols or {}).items()}
        self.align = {name: align for name, (_, align) in (symbols or {}).items()}
        self.mram = bytearray(1 << 16)
        self.program = program
        self.log: list[tuple] = []
        self.launches = 0

    @classmethod
    def with_mailboxes(cls, sysmbox_words: int, tasklets: int, mailbox_words: int,
                       host: dict[str, int] | None = None, program=None) -> "FakeDpu":
        symbols = {"__sys_mbox": (4 * sysmbox_words, 4)}
        symbols.update({f"__mbox_{t}": (4 * mailbox_words, 4) for t in range(tasklets)})
        symbols.update({name: (size, 8) for name, size in (host or {}).items()})
        return cls(symbols, program)

    def _check(self, symbol: str, offset: int, length: int) -> bytearray:
        if symbol not in self.memory:
            raise KeyError(f"no symbol '{symbol}'")
        align = self.align[symbol]
        assert offset % align == 0 and length % align == 0, (symbol, offset, length)
        assert 0 <= offset and offset + length <= len(self.memory[symbol]), (symbol, offset, length)
        return self.memory[symbol]

    def copy_to(self, symbol, data, offset=0):
        self._check(symbol, offset, len(data))[offset:offset + len(data)] = data
        self.log.append(("copy_to", symbol, offset, len(data)))

    def copy_from(self, symbol, length, offset=0):
        self.log.append(("copy_from", symbol, offset, length))
        return bytes(self._check(symbol, offset, length)[offset:offset + length])

    def mram_write(self, address, data):
        assert address % 8 == 0 and len(data) % 8 == 0, (address, len(data))
        self.mram[address:address + len(data)] = data
        self.log.append(("mram_write", address, len(data)))

    def mram_read(self, address, length):
        assert address % 8 == 0 and length % 8 == 0, (address, length)
        self.log.append(("mram_read", address, length))
        return bytes(self.mram[address:address + length])

    def launch(self):
        self.launches += 1
        self.log.append(("launch",))
        if self.program is not None:
            self.program(self)

    def word(self, symbol: str, k: int) -> int:
        return int.from_bytes(self.memory[symbol][4 * k:4 * k + 4], "little")

    def set_word(self, symbol: str, k: int, value: int) -> None:
        self.memory[symbol][4 * k:4 * k + 4] = (value & 0xFFFFFFFF).to_bytes(4, "little")


def count_program(dpu: FakeDpu) -> None:
    """The seed's charcount in Python: 16 tasklets, a rake of 256-byte blocks."""
    length = dpu.word("__sys_mbox", 0)
    char = dpu.word("__sys_mbox", 1) & 0xFF
    for t in range(16):
        n = 0
        for block in range(t * 256, length, 16 * 256):
            n += dpu.mram[block:block + 256].count(char)
        dpu.set_word(f"__mbox_{t}", 0, n)


# ---------------------------------------------------------------------------- the seed's usage


def test_the_seed_usage_with_workers_from_the_factories():
    iface = charcount.Charcount.instance()
    assert iface is charcount.Charcount.instance()
    assert isinstance(iface, kelonia.DpuInterface)
    assert iface.tasks == (charcount.Task.count_characters, charcount.Task.memory_copy)
    assert iface.name == "charcount" and iface.ir.functions[0].name == "countCharacters"
    factories = iface.worker_factories()
    assert set(factories) == set(charcount.Task)
    dpu = FakeDpu.with_mailboxes(2, 16, 1, program=count_program)
    assert isinstance(dpu, kelonia.DpuHandle)
    worker = factories[charcount.Task.count_characters](dpu)
    copy = factories[charcount.Task.memory_copy](dpu)
    assert isinstance(worker, charcount.CountCharactersWorker)
    assert isinstance(copy, charcount.MemoryCopyWorker)
    copy.copy_to_device(0, b"some text")
    counters = worker.count_characters(9, ord("e"))
    assert counters == [2] + [0] * 15 and all(type(c) is int for c in counters)
    assert copy.copy_from_device(0, 9) == b"some text"
    assert dpu.memory["__sys_mbox"] == struct.pack("<II", 9, ord("e"))
    # the two system-mailbox words go in one transfer
    assert ("copy_to", "__sys_mbox", 0, 8) in dpu.log


def test_counts_a_larger_text_like_python():
    rng = random.Random(1)
    text = bytes(rng.choice(b"abcde ") for _ in range(20_000))
    dpu = FakeDpu.with_mailboxes(2, 16, 1, program=count_program)
    dpu.mram = bytearray(32768)
    factories = charcount.Charcount.instance().worker_factories()
    factories[charcount.Task.memory_copy](dpu).copy_to_device(0, text)
    counters = factories[charcount.Task.count_characters](dpu).count_characters(len(text), ord("a"))
    assert sum(counters) == text.count(b"a")


def test_the_mockito_example_as_a_python_stub():
    class MyStub(charcount.StubbedCharcount):
        def worker_factories(self):
            count = Mock(spec=charcount.CountCharactersWorker)
            count.count_characters.return_value = [1, 1, 2, 3]
            memory = Mock(spec=charcount.MemoryCopyWorker)
            return (charcount.StubbedCharcount.WorkerFactoryBuilder()
                    .with_worker(lambda dpu: count, charcount.Task.count_characters)
                    .with_worker(lambda dpu: memory, charcount.Task.memory_copy)
                    .build())

    stub = MyStub.instance()
    assert isinstance(stub, charcount.Charcount) and isinstance(stub, kelonia.StubbedInterface)
    assert stub is not charcount.Charcount.instance()
    factories = stub.worker_factories()
    worker = factories[charcount.Task.count_characters](None)
    assert worker.count_characters(9, ord("e")) == [1, 1, 2, 3]
    memory = factories[charcount.Task.memory_copy](None)
    memory.copy_to_device(0, b"text")
    memory.copy_to_device.assert_called_once_with(0, b"text")
    with pytest.raises(AttributeError):
        worker.no_such_method  # the spec is the generated class


def test_a_stubbed_interface_must_be_overridden():
    with pytest.raises(kelonia.NotStubbedError, match="must be overridden"):
        charcount.StubbedCharcount().worker_factories()
    assert issubclass(kelonia.NotStubbedError, NotImplementedError)


def test_the_builder_refuses_mistakes():
    builder = charcount.StubbedCharcount.WorkerFactoryBuilder()
    with pytest.raises(TypeError, match="not a task of this interface"):
        builder.with_worker(lambda dpu: None, kitchen.Task.start)
    with pytest.raises(TypeError, match="callable"):
        builder.with_worker(42, charcount.Task.memory_copy)
    with pytest.raises(TypeError, match="at least one task"):
        builder.with_worker(lambda dpu: None)
    builder.with_worker(lambda dpu: 1, charcount.Task.memory_copy, charcount.Task.count_characters)
    with pytest.raises(ValueError, match="already has a worker"):
        builder.with_worker(lambda dpu: 2, charcount.Task.memory_copy)
    assert set(builder.build()) == set(charcount.Task)


def test_generated_names():
    assert [t.name for t in kitchen.Task] == ["start", "store", "http_stats", "one_tasklet",
                                              "memory_copy"]
    assert kitchen.Task.http_stats.value == "HTTPStats"
    assert kitchen.Kitchen.WORKERS[kitchen.Task.http_stats] is kitchen.HttpStatsWorker
    import inspect
    sig = inspect.signature(kitchen.StoreWorker.store)
    assert list(sig.parameters) == ["self", "in_", "host", "function"]
    assert "Parameters may be named like keywords" in kitchen.StoreWorker.store.__doc__
    doc = charcount.CountCharactersWorker.count_characters.__doc__
    assert "system mailbox, shared by tasklets" in doc and "mbox[0..15][0]" in doc


# ---------------------------------------------------------------------------- encodings


def transform_program(dpu: FakeDpu) -> None:
    """roundtrip.c in Python, from the raw words and bytes."""
    sys_words = [dpu.word("__sys_mbox", k) for k in range(7)]
    a = struct.unpack("<i", struct.pack("<I", sys_words[0]))[0]
    assert -128 <= a <= 127  # sign-extended from i8
    b = sys_words[1] | sys_words[2] << 32
    d = [struct.unpack("<i", struct.pack("<I", w))[0] for w in sys_words[3:6]]
    c = struct.unpack("<f", struct.pack("<I", sys_words[6]))[0]
    for t in range(4):
        e = struct.unpack("<i", struct.pack("<I", dpu.word(f"__mbox_{t}", 0)))[0]
        dpu.set_word(f"__mbox_{t}", 0, 2 * e + a)
        f = (b - t * d[t % 3]) & (2**64 - 1)
        dpu.set_word(f"__mbox_{t}", 1, f)
        dpu.set_word(f"__mbox_{t}", 2, f >> 32)
    for k in range(5):
        dpu.memory["bytes"][3 + k] = (dpu.memory["bytes"][3 + k] + k + 1) & 0xFF
    dpu.memory["fresult"][:4] = struct.pack("<f", -c)
    h = int.from_bytes(dpu.mram[0x1004:0x1008], "little")
    for k in range(3):
        dpu.mram[0x2002 + 2 * k:0x2004 + 2 * k] = ((h >> (8 * k)) & 0xFFFF).to_bytes(2, "little")


def roundtrip_dpu() -> FakeDpu:
    dpu = FakeDpu.with_mailboxes(7, 4, 3, host={"bytes": 16, "fresult": 8},
                                 program=transform_program)
    dpu.memory["bytes"][:] = bytes(range(200, 216))
    dpu.mram[0x1000:0x1010] = bytes(range(1, 17))
    dpu.mram[0x2000:0x2010] = bytes(range(100, 116))
    return dpu


def test_every_channel_encodes_and_decodes_exactly():
    dpu = roundtrip_dpu()
    worker = roundtrip.TransformWorker(dpu)
    e, f, g, i, k = worker.transform(-3, (1 << 40) + 5, [-7, 8, 300], [1, -2, 3, 2**30],
                                     [250, 1, 2, 3, 4], 0x11223344, 1.5)
    assert e == [-1, -7, 3, 2**31 - 3]
    assert f == [(1 << 40) + 5 - t * [-7, 8, 300][t % 3] for t in range(4)]
    assert g == [251, 3, 5, 7, 9]
    assert i == [0x3344, 0x2233, 0x1122]
    assert k == -1.5
    words = dpu.memory["__sys_mbox"]
    assert words[0:4] == b"\xfd\xff\xff\xff"  # i8 -3 sign-extended to a word
    assert words[4:12] == ((1 << 40) + 5).to_bytes(8, "little")  # low word first
    assert words[12:24] == b"\xf9\xff\xff\xff\x08\x00\x00\x00\x2c\x01\x00\x00"  # i16[3]
    assert words[24:28] == struct.pack("<f", 1.5)
    # the host array's bytes around g are untouched; MRAM around h and i too
    assert dpu.memory["bytes"][:3] == bytes([200, 201, 202])
    assert dpu.memory["bytes"][8:] == bytes(range(208, 216))
    assert dpu.mram[0x1000:0x1004] == bytes([1, 2, 3, 4])
    assert dpu.mram[0x1004:0x1008] == (0x11223344).to_bytes(4, "little")
    assert dpu.mram[0x1008:0x1010] == bytes(range(9, 17))
    assert dpu.mram[0x2000:0x2002] == bytes([100, 101])
    assert dpu.mram[0x2008:0x2010] == bytes(range(108, 116))
    assert dpu.launches == 1
    # inputs are written before the launch, outputs read after it
    launch = dpu.log.index(("launch",))
    assert all(entry[0] in ("copy_to", "copy_from", "mram_read", "mram_write")
               for entry in dpu.log[:launch])
    assert all(entry[0] in ("copy_from", "mram_read") for entry in dpu.log[launch + 1:])


def test_sixty_four_bit_and_float_values_in_mailboxes():
    def program(dpu):
        x = dpu.word("__mbox_7", 0) | dpu.word("__mbox_7", 1) << 32
        assert x == (-2) & (2**64 - 1)
        dpu.set_word("__mbox_7", 2, 0xFFFFFF05)  # y is a u8: its low byte counts

    dpu = FakeDpu.with_mailboxes(1, 8, 3, program=program)
    assert kitchen.OneTaskletWorker(dpu).one_tasklet(-2) == 5

    def store(dpu):
        assert dpu.word("__sys_mbox", 0) == 0xBEEF
        host = struct.unpack("<dd", bytes(dpu.memory["__sys_mbox"][4:20]))
        assert host == (0.1, -2.5e300)
        fn = dpu.word("__mbox_23", 254) | dpu.word("__mbox_23", 255) << 32
        dpu.set_word("__mbox_23", 254, (fn + 1) & 0xFFFFFFFF)
        dpu.set_word("__mbox_23", 255, ((fn + 1) & (2**64 - 1)) >> 32)
        dpu.set_word("__mbox_5", 3, 0xFFFFFFFF)
        dpu.set_word("__mbox_5", 4, 0x7FFFFFFF)

    dpu = FakeDpu.with_mailboxes(5, 24, 256, program=store)
    out, function = kitchen.StoreWorker(dpu).store(0xBEEF, [0.1, -2.5e300], -1)
    assert out == 0x7FFFFFFF_FFFFFFFF and function == 0


def test_memory_channels_use_natural_sizes():
    def stats(dpu):
        assert dpu.mram[0:8] == struct.pack("<ff", 0.5, -1.0)
        dpu.memory["stats_total"][:8] = (2**64 - 1).to_bytes(8, "little")
        dpu.memory["stats"][8:16] = struct.pack("<d", 3.25)
        flags = struct.unpack("<HH", bytes(dpu.memory["flags"][:4]))
        dpu.memory["flags"][:4] = struct.pack("<HH", flags[1], flags[0])
        assert dpu.word("__sys_mbox", 255) == (-5) & 0xFFFFFFFF
        for t in range(24):
            dpu.set_word(f"__mbox_{t}", 0, t * 3)

    dpu = FakeDpu.with_mailboxes(256, 24, 1, host={"stats_total": 8, "stats": 16, "flags": 8},
                                 program=stats)
    dpu.mram = bytearray(64 * 1024 * 1024)
    counts, total, mean, flags = kitchen.HttpStatsWorker(dpu).http_stats(
        [0.5, -1.0], bytes([1, 2, 3, 4]), [0x1234, 0xABCD], -5)
    assert counts == [3 * t for t in range(24)]
    assert total == 2**64 - 1 and mean == 3.25 and flags == [0xABCD, 0x1234]
    assert dpu.mram[0x3FFFFFC:0x4000000] == bytes([1, 2, 3, 4])


def test_a_function_without_parameters_just_launches():
    dpu = FakeDpu.with_mailboxes(1, 1, 1)
    assert kitchen.StartWorker(dpu).start() is None
    assert dpu.log == [("launch",)]


# ---------------------------------------------------------------------------- argument checks


@pytest.mark.parametrize("args,error,message", [
    ((9,), TypeError, r"takes 2 arguments \(document_length, requested_char\), 1 given"),
    ((9, 300), ValueError, r"requested_char = 300 is out of range for u8 \(0\.\.255\)"),
    ((9, -1), ValueError, r"requested_char = -1 is out of range for u8"),
    ((2**32, 1), ValueError, r"document_length = 4294967296 is out of range for u32"),
    ((9.0, 1), TypeError, r"document_length expects an int \(u32\), got float 9\.0"),
    ((True, 1), TypeError, r"expects an int \(u32\), got bool"),
    (("9", 1), TypeError, r"got str '9'"),
])
def test_bad_arguments_raise_before_touching_the_dpu(args, error, message):
    dpu = FakeDpu.with_mailboxes(2, 16, 1, program=count_program)
    worker = charcount.CountCharactersWorker(dpu)
    with pytest.raises(error, match=message):
        worker._call(*args)
    assert dpu.log == []


@pytest.mark.parametrize("index,value,error,message", [
    (0, 128, ValueError, r"a = 128 is out of range for i8 \(-128\.\.127\)"),
    (0, -129, ValueError, r"out of range for i8"),
    (1, 2**64, ValueError, r"out of range for u64"),
    (2, [1, 2], ValueError, r"d has 2 elements, expected 3 \(i16\[3\]\)"),
    (2, [1, 2, 40000], ValueError, r"d\[2\] = 40000 is out of range for i16"),
    (2, "abc", TypeError, r"d expects a sequence of 3 i16, got str"),
    (2, 5, TypeError, r"d expects a sequence of 3 i16, got int"),
    (2, b"abc", TypeError, r"got bytes"),
    (4, [1, 2, 3, 4, 256], ValueError, r"g\[4\] = 256 is out of range for u8"),
    (6, 1e39, ValueError, r"c = 1e\+39 is out of range for f32"),
    (6, "x", TypeError, r"c expects a number \(f32\), got str"),
])
def test_bad_transform_arguments(index, value, error, message):
    args = [-3, 5, [1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5], 7, 1.5]
    args[index] = value
    dpu = roundtrip_dpu()
    with pytest.raises(error, match=message):
        roundtrip.TransformWorker(dpu).transform(*args)
    assert dpu.log == []


def test_accepted_argument_forms():
    """Tuples, bytes for u8 arrays, ints for floats, numpy values."""
    np = pytest.importorskip("numpy")
    dpu = roundtrip_dpu()
    worker = roundtrip.TransformWorker(dpu)
    worker.transform(np.int8(-3), np.uint64(2**63), (1, 2, 3), np.array([1, 2, 3, 4]),
                     b"\x01\x02\x03\x04\x05", 7, 2)
    assert dpu.memory["__sys_mbox"][24:28] == struct.pack("<f", 2.0)
    assert dpu.memory["__sys_mbox"][4:12] == (2**63).to_bytes(8, "little")


# ---------------------------------------------------------------------------- memory copies


def test_memory_copies_at_any_address_and_length():
    rng = random.Random(7)
    dpu = FakeDpu()
    dpu.mram = bytearray(rng.randbytes(4096))
    model = bytearray(dpu.mram)
    copy = kelonia.MemoryCopyWorker(dpu)
    for _ in range(300):
        address = rng.randrange(0, 4000)
        length = rng.randrange(0, min(90, 4096 - address))
        if rng.random() < 0.5:
            data = rng.randbytes(length)
            copy.copy_to_device(address, data)
            model[address:address + length] = data
        else:
            assert copy.copy_from_device(address, length) == bytes(model[address:address + length])
        assert dpu.mram == model


def test_memory_copy_accepts_bytes_like_and_refuses_the_rest():
    dpu = FakeDpu()
    copy = kelonia.MemoryCopyWorker(dpu)
    copy.copy_to_device(5, bytearray(b"abc"))
    copy.copy_to_device(8, memoryview(b"xyz"))
    assert copy.copy_from_device(5, 6) == b"abcxyz"
    with pytest.raises(TypeError, match="got str"):
        copy.copy_to_device(0, "text")
    with pytest.raises(TypeError, match="got list"):
        copy.copy_to_device(0, [1, 2])
    with pytest.raises(ValueError, match="negative"):
        copy.copy_to_device(-8, b"x")
    with pytest.raises(TypeError, match="expects an int"):
        copy.copy_from_device(0.5, 8)
    with pytest.raises(ValueError, match="past MRAM"):
        copy.copy_from_device(64 * 1024 * 1024 - 4, 8)
    assert copy.copy_from_device(3, 0) == b"" and copy.copy_to_device(3, b"") is None
    assert "DPU 0" in repr(copy)


def test_load_interface_refuses_other_formats():
    with pytest.raises(ValueError, match="didl-ir/1"):
        kelonia.load_interface({"format": "something/2"})
