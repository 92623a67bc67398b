"""samples/reduction: sum, min and max per DPU (tasklets combine their partial results in a tree
of handshakes), combined over DPUs by its host program; odd sizes, DPUs with nothing to do,
padding that must not count, and tasklet counts that are not powers of two."""

from __future__ import annotations

import numpy as np
import pytest

from samples_common import (build_sample, check_header_change_rebuilds, import_host, make,
                            run_host, SAMPLES)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    build = tmp_path_factory.mktemp("reduction")
    build_sample("reduction", build)
    return build


@pytest.fixture(scope="module")
def host():
    return import_host("reduction")


def expected(host, values: np.ndarray):
    if len(values) == 0:
        return host.EMPTY
    return host.Reduction(int(values.sum(dtype=np.uint64)), int(values.min()),
                          int(values.max()))


@pytest.mark.parametrize("dpus,n", [
    (1, 1),            # one value and 4 bytes of padding
    (3, 1001),         # 334, 334 and 333 values: the last slice padded
    (4, 3 * 512 + 5),  # not a whole number of 2 KiB blocks
    (5, 3),            # fewer values than DPUs: three DPUs answer "nothing"
    (2, 30_000),       # 15000 per DPU: 30 blocks for 16 tasklets, every level of the tree
])
def test_reduces_like_numpy(host, build, dpus, n):
    # No value below 1000: a padding zero counted by mistake would show as the minimum.
    values = np.random.default_rng(n).integers(1000, 2**32, n, dtype=np.uint32)
    total, per_dpu, stats = host.reduce_on_dpus(values, dpus, build)
    assert total == expected(host, values)
    per = host.slice_length(n, dpus)
    assert per_dpu == [expected(host, values[i * per:(i + 1) * per]) for i in range(dpus)]
    assert len(stats) == dpus and all(s.cycles > 0 for s in stats)


def test_sums_need_64_bits(host, build):
    values = np.full(5000, 2**32 - 1, np.uint32)
    total, per_dpu, _ = host.reduce_on_dpus(values, 2, build)
    assert per_dpu[0].sum == 2500 * (2**32 - 1) > 2**32
    assert total == host.Reduction(5000 * (2**32 - 1), 2**32 - 1, 2**32 - 1)


@pytest.mark.parametrize("tasklets", [1, 11])
def test_any_number_of_tasklets(host, tmp_path, tasklets):
    """The tree for a count that is not a power of two (tasklet 8 has no partner at step 8,
    tasklet 10 none at step 2) and for a single tasklet (no handshake at all)."""
    r = make(SAMPLES / "reduction", tmp_path, f"NR_TASKLETS={tasklets}")
    assert r.returncode == 0, r.stdout + r.stderr
    values = np.random.default_rng(tasklets).integers(0, 2**32, 12 * 512 + 3, dtype=np.uint32)
    total, _, _ = host.reduce_on_dpus(values, 1, tmp_path)
    assert total == expected(host, values)


def test_the_host_program(build):
    r = run_host("reduction", build, "--dpus", "3", "--size", "5001")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "5001 uint32 values on 3 DPUs (1668 per DPU)" in r.stdout
    assert "DPU cycles:" in r.stdout and "check against numpy: passed" in r.stdout


def test_a_header_change_rebuilds(tmp_path):
    check_header_change_rebuilds("reduction", "reduction.h", tmp_path)
