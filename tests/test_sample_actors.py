"""samples/actors: a key-value store of actors — built with its Makefile (dpukconfig, dpugeni's
binding and header, dpucc -MD), driven with many messages in flight on simulated DPUs that
boot once, and with in-memory stand-ins."""

from __future__ import annotations

import subprocess
import sys

import pytest

from samples_common import SAMPLES, build_sample, import_host


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    build = tmp_path_factory.mktemp("kvstore")
    build_sample("actors", build, program="kvstore")
    return build


@pytest.mark.parametrize("dpus,keys,stubbed", [(1, 200, False), (3, 700, False),
                                               (2, 900, True)])
def test_the_store_answers_like_a_dict(build, dpus, keys, stubbed):
    result = import_host("actors").run(dpus, keys, build, stubbed=stubbed, seed=dpus)
    assert result["ok"] and result["size"] == result["keys"]
    assert (result["cycles"] > 0) != stubbed


def test_actors_keep_their_shards_between_messages(build):
    """One boot: later messages see what earlier ones stored, on the tasklet that got them."""
    sys.path.insert(0, str(build))
    try:
        import kvstore_interface as kvstore
    finally:
        sys.path.pop(0)
    from kelonia import PYTHON, ActorDpuAssemblyLine, DpuDeviceDescription, DpuFoundry
    device = DpuDeviceDescription(kvstore.Kvstore.instance(), build / "kvstore")
    with DpuFoundry.targeting(PYTHON).build(ActorDpuAssemblyLine.using_dpus(2, device)) as a:
        one, other = a.get_actor(0, 3, kvstore.StoreActor), a.get_actor(1, 3, kvstore.StoreActor)
        assert one.put(7, 70) == 0
        assert one.put(7, 71) == 70
        assert one.get(7) == (71, 1) and other.get(7) == (0, 0)
        assert [one.size(), other.size()] == [1, 0]
        assert [s.launches for s in a.dpus.stats()] == [1, 1]
        with pytest.raises(ValueError):
            a.get_actor(0, 16, kvstore.StoreActor)  # the actor runs on tasklets 0..15


def test_the_host_program(build):
    r = subprocess.run([sys.executable, str(SAMPLES / "actors" / "run.py"), "--build",
                        str(build), "--dpus", "2", "--keys", "300"], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    assert "300 keys on 2 DPUs x 16 actors" in r.stdout and "every reply as expected" in r.stdout
    r = subprocess.run([sys.executable, str(SAMPLES / "actors" / "run.py"), "--build",
                        str(build), "--dpus", "1", "--keys", "5000"], capture_output=True,
                       text=True)
    assert r.returncode == 2 and "hold 4096 keys" in r.stderr
