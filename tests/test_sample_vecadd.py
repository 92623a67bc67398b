"""samples/vecadd: C = A + B over MRAM on several DPUs, built with its Makefile, driven by its
host program's vecadd() with sizes that are not multiples of the block or of the DPU count."""

from __future__ import annotations

import numpy as np
import pytest

from samples_common import build_sample, check_header_change_rebuilds, import_host, run_host


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    build = tmp_path_factory.mktemp("vecadd")
    build_sample("vecadd", build)
    return build


@pytest.fixture(scope="module")
def host():
    return import_host("vecadd")


@pytest.mark.parametrize("dpus,n", [
    (1, 1),            # one element: a DMA of 8 bytes, half of it padding
    (3, 1001),         # 334 per DPU: the last DPU gets 333, an odd count
    (4, 3 * 256 + 7),  # not a whole number of blocks (256 elements of 1 KiB)
    (5, 3),            # fewer elements than DPUs: DPUs 2, 3 and 4 have nothing to do
    (2, 40_000),       # 20000 per DPU: 79 blocks, shared by 16 tasklets unevenly
])
def test_adds_like_numpy(host, build, dpus, n):
    rng = np.random.default_rng(n)
    a = rng.integers(0, 2**32, n, dtype=np.uint32)
    b = rng.integers(0, 2**32, n, dtype=np.uint32)
    c, stats = host.vecadd(a, b, dpus, build)
    assert c.dtype == np.uint32 and np.array_equal(c, a + b)  # wrapping around at 2^32
    assert len(stats) == dpus and all(s.launches == 1 for s in stats)
    per = host.slice_length(n, dpus)
    assert per % 2 == 0 and per * dpus >= n
    assert all(s.bytes_to == 2 * 4 * per + 4 and s.bytes_from == 4 * per for s in stats)
    assert stats[0].cycles > 0


def test_slices_are_padded_to_8_bytes(host):
    assert [host.slice_length(n, d) for n, d in [(1, 1), (7, 1), (1001, 3), (16, 4), (3, 5)]] \
        == [2, 8, 334, 4, 2]


def test_the_host_program(build):
    r = run_host("vecadd", build, "--dpus", "3", "--size", "4099")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "C = A + B over 4099 uint32 elements on 3 DPUs (1368 per DPU)" in r.stdout
    assert "DPU cycles:" in r.stdout and "check against numpy: passed" in r.stdout


def test_a_header_change_rebuilds(tmp_path):
    check_header_change_rebuilds("vecadd", "vecadd.h", tmp_path)
