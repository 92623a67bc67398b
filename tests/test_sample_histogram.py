"""samples/histogram: a byte histogram per DPU (private histograms, merged under mutexes after
a barrier), summed over DPUs by its host program; odd sizes, fewer bins, and launches again on
the same DPUs (the result and the heap must start empty every time)."""

from __future__ import annotations

import numpy as np
import pytest

from kelonia import DpuSet
from samples_common import build_sample, check_header_change_rebuilds, import_host, run_host


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    build = tmp_path_factory.mktemp("histogram")
    build_sample("histogram", build)
    return build


@pytest.fixture(scope="module")
def host():
    return import_host("histogram")


@pytest.mark.parametrize("dpus,size,bins", [
    (1, 5, 256),           # less than one DMA
    (3, 1024 * 5 + 3, 256),  # not a whole number of 1 KiB blocks, 1712 bytes per DPU
    (4, 3, 64),            # fewer bytes than DPUs
    (2, 40_000, 16),       # 20000 per DPU: 20 blocks for 16 tasklets
])
def test_counts_like_numpy(host, build, dpus, size, bins):
    data = np.random.default_rng(size).integers(0, 256, size, dtype=np.uint8)
    counts, stats = host.histogram(data, dpus, bins, build)
    assert counts.dtype == np.uint64 and len(counts) == bins
    assert np.array_equal(counts, np.bincount(data >> host.bin_shift(bins), minlength=bins))
    assert len(stats) == dpus and all(s.cycles > 0 for s in stats)


def test_launching_again_starts_from_an_empty_histogram(host, build):
    """The result lives in WRAM, which keeps the last launch's counts: the program clears it
    (and the bootstrap empties the heap) at every launch."""
    rng = np.random.default_rng(5)
    with DpuSet.allocate(3) as dpus:
        dpus.load(build / "histogram")
        for size, bins in [(3001, 256), (1000, 8), (0, 4), (2048, 256)]:
            data = rng.integers(0, 256, size, dtype=np.uint8)
            counts = host.histogram_on(dpus, data, bins)
            assert np.array_equal(counts, np.bincount(data >> host.bin_shift(bins),
                                                      minlength=bins))
        assert all(s.launches == 4 for s in dpus.stats())


def test_bins_must_be_powers_of_two(host):
    assert [host.bin_shift(b) for b in (256, 128, 2, 1)] == [0, 1, 7, 8]
    for bad in (0, 3, 512):
        with pytest.raises(ValueError, match="power of two"):
            host.bin_shift(bad)


def test_the_host_program(build, tmp_path):
    r = run_host("histogram", build, "--dpus", "2", "--size", "20001", "--bins", "32")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "(20001 bytes) in 32 bins on 2 DPUs" in r.stdout
    assert "DPU cycles:" in r.stdout and "check against numpy's bincount: passed" in r.stdout
    text = tmp_path / "text.txt"
    text.write_bytes(b"the quick brown fox jumps over the lazy dog\n" * 100)
    r = run_host("histogram", build, "--dpus", "3", str(text))
    assert r.returncode == 0 and f"histogram of {text} (4400 bytes)" in r.stdout, r.stderr
    r = run_host("histogram", build, "--bins", "100")
    assert r.returncode == 2 and "--bins must be a power of two" in r.stderr


def test_a_header_change_rebuilds(tmp_path):
    check_header_change_rebuilds("histogram", "histogram.h", tmp_path)
