"""Kelonia's actor assemblies: tasklets serving messages on simulated DPUs without reboots,
replies in order per actor, many actors on many DPUs at once, faults and returning actors,
stubbed devices.  The proxy here is written by hand to the seam of kelonia.interface (an
``ActorDpu`` with ``send``); generated proxies are tested with dpugeni and the kvstore sample."""

from __future__ import annotations

import struct
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path
from unittest import mock

import pytest

from dpusim.simulator import Simulator
from kelonia import (PYTHON, ActorDpuAssemblyLine, ActorError, DpuBackend,
                     DpuDeviceDescription, DpuFaultError, DpuFoundry, KeloniaError,
                     StubbedDpuError)

COUNTER = r"""
#include <actor.h>
#include <stdint.h>
#include <defs.h>
int counter(void)
{
    uint32_t total = me() * 1000, served = 0;
    for (;;) {
        uint32_t *msg = actor_receive();
        served++;
        switch (msg[0]) {
        case 1:                         /* add(amount) -> total, messages served */
            total += msg[1];
            msg[1] = total;
            msg[2] = served;
            break;
        case 2:                         /* quit: the entry returns */
            return (int)total;
        case 3: {                       /* crash: division by zero, fault 2 */
            volatile uint32_t zero = 0;
            msg[1] = total / zero;
            break;
        }
        }
    }
}
"""
CONFIG = "tasklet add 0..5 small counter 3\nsysmbox 0\n"


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> str:
    work = tmp_path_factory.mktemp("actors")
    (work / "counter.c").write_text(COUNTER)
    (work / "counter.rte").write_text(CONFIG)
    bin_ = Path(sys.executable).parent
    subprocess.run([bin_ / "dpukconfig", "-s", "counter.rte", "-o", "counter.json"], cwd=work,
                   check=True)
    subprocess.run([bin_ / "dpucc", "-O2", "-C", "counter.json", "-o", "counter",
                    "counter.c"], cwd=work, check=True)
    return str(work / "counter")


class CounterActor:
    """A hand-written actor proxy: message 1 is add(amount) -> (total, served)."""

    def __init__(self, dpu, tasklet: int):
        self.dpu, self.tasklet = dpu, tasklet

    def add_async(self, amount: int) -> Future:
        raw = self.dpu.send(self.tasklet, struct.pack("<II", 1, amount), 12)
        out: Future = Future()
        raw.add_done_callback(lambda f: out.set_exception(f.exception()) if f.exception()
                              else out.set_result(struct.unpack("<3I", f.result())[1:]))
        return out

    def add(self, amount: int):
        return self.add_async(amount).result()

    def send_raw(self, selector: int, value: int = 0) -> Future:
        return self.dpu.send(self.tasklet, struct.pack("<II", selector, value), 8)


class Counters:
    """A hand-written interface with one actor type."""

    _instance = None

    @classmethod
    def instance(cls):
        if cls.__dict__.get("_instance") is None:
            cls._instance = cls()
        return cls._instance

    def actor_factories(self):
        return {CounterActor: CounterActor}


# The backends that run the DPU program (ray: a local Ray instance, rank actors).
SIMULATED = [pytest.param(DpuBackend.SIMULATOR, id="simulator"),
             pytest.param(DpuBackend.RAY, id="ray", marks=pytest.mark.slow)]


def build(program, n=1, backend=DpuBackend.SIMULATOR, interface=None):
    device = DpuDeviceDescription(interface or Counters.instance(), program, backend)
    return DpuFoundry.targeting(PYTHON).build(ActorDpuAssemblyLine.using_dpus(n, device))


@pytest.mark.parametrize("backend", SIMULATED, indirect=True)
def test_messages_are_served_in_order_without_reboots(program, backend):
    with build(program, 2, backend=backend) as a:
        c = a.get_actor(1, 4, CounterActor)
        assert a.get_actor(1, 4, CounterActor) is c
        assert c.add(5) == (4005, 1)
        assert c.add(6) == (4011, 2)
        futures = [c.add_async(k) for k in range(1, 21)]
        totals = [f.result()[0] for f in futures]
        assert totals == [4011 + k * (k + 1) // 2 for k in range(1, 21)]
        assert futures[-1].result()[1] == 22  # one tasklet served them all, in order
        assert a.get_actor(0, 4, CounterActor).add(1) == (4001, 1)  # another DPU's own state


@pytest.mark.parametrize("backend", SIMULATED, indirect=True)
def test_many_actors_on_many_dpus_at_once(program, backend):
    with build(program, 3, backend=backend) as a:
        actors = [a.get_actor(d, t, CounterActor) for d in range(3) for t in range(6)]
        futures = [(actor, k, actor.add_async(k)) for k in (1, 2, 3) for actor in actors]
        for actor, k, f in futures:
            assert f.result() == (actor.tasklet * 1000 + k * (k + 1) // 2, k)
        stats = a.dpus.stats()
        assert all(s.launches == 1 for s in stats)  # booted once, served by resuming


@pytest.mark.parametrize("backend", SIMULATED, indirect=True)
def test_a_fault_fails_its_message_and_its_dpu(program, backend):
    with build(program, 2, backend=backend) as a:
        ok = a.get_actor(1, 0, CounterActor)
        bad = a.get_actor(0, 3, CounterActor)
        crash = bad.send_raw(3)
        also = ok.add_async(2)
        with pytest.raises(DpuFaultError) as e:
            crash.result()
        assert (e.value.dpu, e.value.tasklet, e.value.code) == (0, 3, 2)
        assert also.result() == (2, 1)
        with pytest.raises(ActorError, match="DPU 0 serves no more messages"):
            a.get_actor(0, 1, CounterActor).add(1)


@pytest.mark.parametrize("backend", SIMULATED, indirect=True)
def test_an_actor_that_returns_fails_its_message_and_the_next(program, backend):
    with build(program, backend=backend) as a:
        c = a.get_actor(0, 2, CounterActor)
        with pytest.raises(ActorError, match="tasklet 2 of DPU 0 stopped serving messages"):
            c.send_raw(2).result()
        with pytest.raises(ActorError, match="does not wait for a message"):
            c.add(1)
        assert a.get_actor(0, 1, CounterActor).add(1) == (1001, 1)


def test_errors_and_freeing(program, tmp_path):
    a = build(program)
    c = a.get_actor(0, 0, CounterActor)
    with pytest.raises(KeloniaError, match="no actor"):
        a.get_actor(0, 0, int)
    a.free()
    with pytest.raises(ActorError, match="freed"):
        c.add(1)
    with pytest.raises(KeloniaError, match="freed"):
        a.get_actor(0, 0, CounterActor)
    from test_kelonia_dpuset import KERNEL  # a program with no actors
    from dpucc.driver import Driver, parse_args
    (tmp_path / "k.c").write_text(KERNEL)
    Driver(parse_args(["-O2", "-o", str(tmp_path / "k"), str(tmp_path / "k.c")])).run()
    with pytest.raises(ActorError, match="serves no actors"):
        build(str(tmp_path / "k"))


def test_stubbed_actors_are_mocks():
    store = mock.Mock(spec=CounterActor)
    store.add.return_value = (7, 1)

    class Stubbed(Counters):
        def actor_factories(self):
            return {CounterActor: lambda dpu, tasklet: store}

    with build(None, 4, DpuBackend.STUBBED, Stubbed.instance()) as a:
        assert a.get_actor(3, 9, CounterActor).add(1) == (7, 1)
        with pytest.raises(StubbedDpuError, match="DPU 1 is stubbed"):
            a.dpu(1).send(0, b"\0" * 4, 4)


def test_the_simulator_resumes_tasklets_where_they_stopped(program):
    """The primitive underneath, on both engines: boot once, then hand messages over."""
    results = []
    for engine in ("ref", "vector"):
        sim = Simulator(nr_dpus=2, engine=engine)
        sim.load(program)
        sim.launch()
        out = []
        for round_ in range(3):
            for dpu in (0, 1):
                for t in (1, 5):
                    sim.write(dpu, f"__mbox_{t}", struct.pack("<II", 1, 10 * round_ + dpu))
                sim.resume(dpu, [1, 5])
            sim.run()
            out += [struct.unpack("<3I", sim.read(d, f"__mbox_{t}", 12))[1:]
                    for d in (0, 1) for t in (1, 5)]
        results.append((out, sim.dpus[0].cycle, sim.dpus[0].instructions))
    assert results[0] == results[1]
    assert results[0][0][-4:] == [(1030, 3), (5030, 3), (1033, 3), (5033, 3)]

