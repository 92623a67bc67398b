"""The runtime library's synchronisation primitives, from C on the simulator with 24 tasklets:
mutexes, raw atomic bits, barriers, semaphores and handshakes.

Most programs are built twice: with their objects defined in C (``MUTEX_INIT``,
``BARRIER_INIT``, ``SEMAPHORE_INIT``, ``-DNR_TASKLETS=24``) and with the same objects declared in
a runtime configuration (``-C config.json``, written from ``dpukconfig`` directives) that RT
Studio turns into objects the C code names with ``extern``.  Every run happens on the native and
the vectorized engine, which must agree on the whole WRAM, the atomic bits, the cycle count and
every tasklet's pc, state and instruction count.

Contention is real, not hoped for: the work between a read and a write of shared data is long
enough, and varies from tasklet to tasklet, that the same updates without a lock lose some.
"""

from __future__ import annotations

import pytest

from dpusim.simulator import Simulator

NT = 24
SEM_UNITS = 3

CONFIG_SCRIPT = f"""\
tasklet add 0..{NT - 1} medium main 0
mutex add lock
semaphore add sem {SEM_UNITS}
semaphore add ready 0
barrier add bar {NT}
"""

PRELUDE = r"""
#include <atomic_bit.h>
#include <barrier.h>
#include <defs.h>
#include <handshake.h>
#include <mutex.h>
#include <sem.h>

#ifdef FROM_CONFIG
extern unsigned char lock;
#define LOCK (&lock)
extern barrier_t bar;
extern sem_t sem, ready;
#else
MUTEX_INIT(lock);
#define LOCK MUTEX_GET(lock)
BARRIER_INIT(bar, BARRIER_COUNT);
SEMAPHORE_INIT(sem, SEM_UNITS);
SEMAPHORE_INIT(ready, 0);
#endif

/* Work whose length the caller chooses, which the optimiser cannot remove. */
static void spin(unsigned int n)
{
    for (volatile unsigned int i = 0; i < n; i++)
        ;
}
"""

VARIANTS = ["defines", "config"]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """build(source, variant, extra defines) -> executable bytes, compiled once per module."""
    from dpucc.driver import Driver, parse_args
    from dpukconfig.directives import Session

    work = tmp_path_factory.mktemp("sync")
    session = Session()
    list(session.run(CONFIG_SCRIPT.splitlines(), "sync.txt"))
    (work / "sync.json").write_text(session.to_json())
    cache: dict = {}

    def compile_(source: str, variant: str = "defines", *defines: str) -> bytes:
        key = (source, variant, defines)
        if key not in cache:
            name = f"p{len(cache)}"
            (work / f"{name}.c").write_text(PRELUDE + source)
            given = {d.partition("=")[0]: d for d in defines}
            wanted = {"NR_TASKLETS": f"NR_TASKLETS={NT}", "BARRIER_COUNT": f"BARRIER_COUNT={NT}",
                      "SEM_UNITS": f"SEM_UNITS={SEM_UNITS}", **given}
            args = ["-O2"] + [f"-D{d}" for d in wanted.values()]
            if variant == "config":
                args += ["-DFROM_CONFIG", "-C", str(work / "sync.json")]
            out = work / name
            Driver(parse_args(args + ["-o", str(out), str(work / f"{name}.c")])).run()
            cache[key] = out.read_bytes()
        return cache[key]
    return compile_


class Run:
    """A finished run on one engine, with typed reads of host-visible variables."""

    def __init__(self, sim: Simulator):
        self.sim = sim
        self.dpu = sim.dpus[0]

    def u32(self, name: str, count: int = 1, offset: int = 0) -> list[int]:
        data = self.sim.read(0, name, 4 * count, offset)
        return [int.from_bytes(data[i:i + 4], "little") for i in range(0, 4 * count, 4)]

    def bytes_of(self, name: str, length: int) -> bytes:
        size = (length + 3) & ~3
        return self.sim.read(0, name, size)[:length]

    def snapshot(self) -> tuple:
        d = self.dpu
        return (bytes(d.wram), bytes(d.atomic), d.cycle, d.instructions,
                [(t.pc, t.state, t.instructions, t.cycles) for t in d.tasklets])


def run_both(program: bytes, max_cycles: int = 20_000_000) -> Run:
    """Run on the native and the vectorized engine (both held to the reference engine's counts
    by the simulator's differential tests; the reference engine itself would take seconds on
    each of these runs); they must agree; returns the native run."""
    runs = []
    for engine in ("native", "vector"):
        sim = Simulator(engine=engine)
        if engine == "native":
            sim.engine.tier = "quick"
        sim.load(program)
        sim.launch(max_cycles)
        runs.append(Run(sim))
    native, vector = runs
    assert native.snapshot() == vector.snapshot()
    return native


# --------------------------------------------------------------------------- sleep and wake

WAKE_BEFORE_SLEEP = r"""
void __sys_sleep(void);
void __sys_wake(sysname_t tasklet);
__host unsigned int state[NR_TASKLETS];

int main(void)
{
    unsigned int me_ = me();
    if (me_ & 1) {
        spin(100 + 40 * me_);   /* still running when its partner already wakes it */
        state[me_] = 1;
        __sys_sleep();
        state[me_] = 2;
    } else {
        __sys_wake(me_ + 1);
    }
    return 0;
}
"""


def test_a_wake_up_that_comes_before_the_sleep_is_not_lost(build):
    """The race every primitive relies on being handled (sync.s): a tasklet queued to sleep but
    not stopped yet is woken.  `resume` of a running tasklet does nothing, so __sys_wake must
    wait for the stop; here every waker calls it long before its partner stops."""
    run = run_both(build(WAKE_BEFORE_SLEEP, "defines"))
    assert run.u32("state", NT) == [0, 2] * (NT // 2)
    counts = [t.instructions for t in run.dpu.tasklets]
    # Each waker retried its `resume` for as long as its partner spun before stopping.
    assert all(counts[t] > 100 for t in range(0, NT, 2))


# --------------------------------------------------------------------------- mutexes, atomic bits

MUTEX = r"""
#define ROUNDS 30
ATOMIC_BIT_INIT(bit);
ATOMIC_BIT_INIT(probe);
__host unsigned int counter, bit_counter, trylock_log[4];
__host volatile unsigned int unprotected;  /* volatile: the load must stay before the spin */

int main(void)
{
    unsigned int me_ = me();
    for (int i = 0; i < ROUNDS; i++) {  /* the control: no lock */
        unsigned int v = unprotected;
        spin(me_ % 5);
        unprotected = v + me_ + 1;
    }
    for (int i = 0; i < ROUNDS; i++) {
        mutex_lock(LOCK);
        unsigned int v = counter;
        spin(me_ % 5);
        counter = v + me_ + 1;
        mutex_unlock(LOCK);

        ATOMIC_BIT_ACQUIRE(bit);
        v = bit_counter;
        spin(me_ % 3);
        bit_counter = v + 1;
        ATOMIC_BIT_RELEASE(bit);
    }
    if (me_ == 0) {
        /* ATOMIC_BIT_GET names the bit the macros take (one nobody else uses). */
        ATOMIC_BIT_ACQUIRE(probe);
        trylock_log[0] = mutex_trylock(ATOMIC_BIT_GET(probe));
        ATOMIC_BIT_RELEASE(probe);
        trylock_log[1] = mutex_trylock(ATOMIC_BIT_GET(probe));
        trylock_log[2] = mutex_trylock(ATOMIC_BIT_GET(probe));
        mutex_unlock(ATOMIC_BIT_GET(probe));
        trylock_log[3] = ATOMIC_BIT_GET(probe) != ATOMIC_BIT_GET(bit);
    }
    return 0;
}
"""


@pytest.mark.parametrize("variant", VARIANTS)
def test_mutex_and_atomic_bit_counters_reach_the_exact_total(build, variant):
    run = run_both(build(MUTEX, variant))
    rounds = 30
    exact = rounds * sum(t + 1 for t in range(NT))
    assert run.u32("counter") == [exact]
    assert run.u32("bit_counter") == [rounds * NT]
    assert run.u32("unprotected")[0] < exact  # the same updates without a lock lose some
    assert run.u32("trylock_log", 4) == [0, 1, 0, 1]
    assert not any(run.dpu.atomic)  # every lock was given back


# --------------------------------------------------------------------------- barriers

BARRIER = r"""
#define PHASES 5
__host unsigned int events[2 * PHASES * NR_TASKLETS], nevents;

static void record(unsigned int event)
{
    mutex_lock(LOCK);
    events[nevents++] = event;
    mutex_unlock(LOCK);
}

int main(void)
{
    unsigned int me_ = me();
    for (unsigned int phase = 0; phase < PHASES; phase++) {
        record(phase << 8 | 0x80 | me_);          /* enters the phase */
        spin((me_ * 7 + phase * 5) % 11 * 4);     /* arrival order changes every phase */
        if (phase == 2 && me_ == 5)
            spin(3000);                           /* one latecomer: the others must sleep */
        record(phase << 8 | me_);                 /* done with the phase */
        barrier_wait(&bar);
    }
    return 0;
}
"""


@pytest.mark.parametrize("variant", VARIANTS)
def test_barrier_phases_never_interleave(build, variant):
    run = run_both(build(BARRIER, variant))
    phases = 5
    n = run.u32("nevents")[0]
    assert n == 2 * phases * NT
    events = run.u32("events", n)
    for phase in range(phases):
        entered = [i for i, e in enumerate(events) if e >> 8 == phase and e & 0x80]
        done = [i for i, e in enumerate(events) if e >> 8 == phase and not e & 0x80]
        assert sorted(events[i] & 0x7F for i in entered) == list(range(NT))
        assert sorted(events[i] & 0x7F for i in done) == list(range(NT))
        if phase + 1 < phases:
            next_entered = [i for i, e in enumerate(events) if e >> 8 == phase + 1 and e & 0x80]
            assert max(done) < min(next_entered), f"phase {phase + 1} began early"
    assert run.bytes_of("bar", 4) == bytes([0xFF, NT, NT, 0])  # re-armed after the last phase
    # Sleeping, not spinning: while tasklet 5 works alone for 3000 loop iterations, the others
    # issue almost nothing, so its count dwarfs theirs.
    counts = [t.instructions for t in run.dpu.tasklets]
    assert counts[5] > 2 * max(c for i, c in enumerate(counts) if i != 5)


# --------------------------------------------------------------------------- semaphores

SEMAPHORE = r"""
#define ROUNDS 6
__host unsigned int holders, max_holders, takes, woken, released_at;

int main(void)
{
    unsigned int me_ = me();
    for (int i = 0; i < ROUNDS; i++) {
        sem_take(&sem);
        mutex_lock(LOCK);
        unsigned int h = ++holders;
        if (h > max_holders)
            max_holders = h;
        takes++;
        mutex_unlock(LOCK);
        spin((me_ * 3 + i) % 7 * 5);
        mutex_lock(LOCK);
        holders--;
        mutex_unlock(LOCK);
        sem_give(&sem);
    }
    /* A semaphore starting at 0 as a signal: tasklet 0 gives one unit per other tasklet after
     * a long piece of work; the others sleep in sem_take until then. */
    if (me_ == 0) {
        spin(2000);
        mutex_lock(LOCK);
        released_at = woken;
        mutex_unlock(LOCK);
        for (unsigned int t = 1; t < NR_TASKLETS; t++)
            sem_give(&ready);
    } else {
        sem_take(&ready);
        mutex_lock(LOCK);
        woken++;
        mutex_unlock(LOCK);
    }
    return 0;
}
"""


@pytest.mark.parametrize("variant", VARIANTS)
def test_semaphore_never_exceeds_its_count(build, variant):
    run = run_both(build(SEMAPHORE, variant))
    assert run.u32("max_holders") == [SEM_UNITS]  # reached, never exceeded
    assert run.u32("holders") == [0]
    assert run.u32("takes") == [6 * NT]
    assert run.bytes_of("sem", 12)[:8] == bytes([0xFF, 0, 0, 0]) + SEM_UNITS.to_bytes(4, "little")
    assert run.u32("released_at") == [0]  # nobody got through `ready` before a unit was given
    assert run.u32("woken") == [NT - 1]
    assert run.bytes_of("ready", 8) == bytes([0xFF, 0, 0, 0, 0, 0, 0, 0])


FIFO = r"""
__host unsigned int order[NR_TASKLETS], norder;

int main(void)
{
    unsigned int me_ = me();
    if (me_ == 0) {
        sem_take(&sem);          /* hold every unit, so that all the others queue up */
        sem_take(&sem);
        sem_take(&sem);
        spin(3000);
        for (int i = 0; i < SEM_UNITS; i++)
            sem_give(&sem);
        return 0;
    }
    spin((NR_TASKLETS - me_) * 40);  /* queue up in decreasing id order */
    sem_take(&sem);
    mutex_lock(LOCK);
    order[norder++] = me_;
    mutex_unlock(LOCK);
    sem_give(&sem);
    return 0;
}
"""


def test_semaphore_serves_sleepers_first_come_first_served(build):
    run = run_both(build(FIFO, "defines"))
    assert run.u32("norder") == [NT - 1]
    order = run.u32("order", NT - 1)
    assert order == sorted(order, reverse=True) == list(range(NT - 1, 0, -1))


# --------------------------------------------------------------------------- handshakes

HANDSHAKE = r"""
#define ROUNDS 8
__host unsigned int box[NR_TASKLETS / 2], ack[NR_TASKLETS / 2];
__host unsigned int got[NR_TASKLETS][ROUNDS], acked[NR_TASKLETS][ROUNDS], failures;

int main(void)
{
    unsigned int me_ = me(), pair = me_ / 2, partner = me_ ^ 1;
    for (unsigned int r = 0; r < ROUNDS; r++) {
        /* Roles alternate every round; which side arrives first follows another pattern. */
        int notifier = (me_ & 1) == (r & 1);
        spin(((me_ + r / 2) & 1) * 300);
        if (notifier) {
            box[pair] = 1000 * r + me_;
            handshake_notify();
            acked[me_][r] = ack[pair];
        } else {
            ack[pair] = r + 1;
            if (handshake_wait_for(partner) != 0)
                failures++;
            got[me_][r] = box[pair];
        }
    }
    return 0;
}
"""


@pytest.mark.parametrize("variant", VARIANTS)
def test_handshakes_pair_correctly_whoever_arrives_first(build, variant):
    run = run_both(build(HANDSHAKE, variant))
    rounds = 8
    assert run.u32("failures") == [0]
    got = run.u32("got", NT * rounds)
    acked = run.u32("acked", NT * rounds)
    for t in range(NT):
        for r in range(rounds):
            notifier = t & 1 == r & 1
            if notifier:  # saw the waiter's arrival of this very round
                assert acked[t * rounds + r] == r + 1, (t, r)
            else:  # got the value the partner wrote in this very round
                assert got[t * rounds + r] == 1000 * r + (t ^ 1), (t, r)
    assert run.bytes_of("__sys_handshake_state", NT) == bytes(NT)


HANDSHAKE_ERRORS = r"""
__host int results[4];

int main(void)
{
    switch (me()) {
    case 0:
        spin(2000);                               /* 1 is asleep waiting, 2 has been refused */
        handshake_notify();
        break;
    case 1:
        results[0] = handshake_wait_for(0);
        break;
    case 2:
        spin(500);
        results[1] = handshake_wait_for(0);       /* 1 already waits for 0 */
        results[2] = handshake_wait_for(2);       /* oneself */
        results[3] = handshake_wait_for(NR_TASKLETS + 100);
        break;
    }
    return 0;
}
"""


def test_handshake_refuses_a_second_waiter_and_impossible_notifiers(build):
    run = run_both(build(HANDSHAKE_ERRORS, "defines"))
    assert run.u32("results", 4) == [0, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF]


# --------------------------------------------------------------------------- deadlock

DEADLOCK = r"""
__host unsigned int passed;

int main(void)
{
    if (me() == NR_TASKLETS - 1)
        return 0;           /* never arrives: the barrier waits for one tasklet too many */
    barrier_wait(&bar);
    mutex_lock(LOCK);
    passed++;
    mutex_unlock(LOCK);
    return 0;
}
"""


@pytest.mark.parametrize("variant", VARIANTS)
def test_barrier_with_a_wrong_count_deadlocks_visibly(build, variant):
    """dpusim ends a run when no tasklet runs, so a deadlock ends the run like a completion
    would; what tells them apart is the state left behind, which must be intact."""
    program = build(DEADLOCK, variant)
    run = run_both(program)
    assert run.u32("passed") == [0]
    assert all(t.state.value == "stopped" for t in run.dpu.tasklets)

    def stopped_in(t) -> str:  # the function of the `stop` it executed last (pc is past it)
        return run.sim.program.symbolize(t.pc - 1).split("+")[0]

    # The waiting tasklets stopped in the sleep routine, the one that finished in the bootstrap.
    assert {stopped_in(t) for t in run.dpu.tasklets[:NT - 1]} == {"__sys_sleep"}
    assert stopped_in(run.dpu.tasklets[NT - 1]) == "__bootstrap"
    # The barrier still counts the missing arrival and its queue holds exactly the sleepers.
    bar = run.bytes_of("bar", 4)
    assert bar[1:4] == bytes([1, NT, 0])
    links = run.bytes_of("__sys_wait_next", NT)
    queued, t = [], bar[0]
    while t != 0xFF and len(queued) <= NT:
        queued.append(t)
        t = links[t]
    assert sorted(queued) == list(range(NT - 1))


# --------------------------------------------------------------------------- costs

COSTS = r"""
#include <perfcounter.h>
__host unsigned int cost[4];
MUTEX_INIT(solo);
BARRIER_INIT(alone, 1);
SEMAPHORE_INIT(one, 1);
ATOMIC_BIT_INIT(raw);

int main(void)
{
    unsigned int t0, t1;
    perfcounter_config(COUNT_CYCLES, 1);
    t0 = perfcounter_get();
    t1 = perfcounter_get();
    unsigned int base = t1 - t0;
    t0 = perfcounter_get();
    mutex_lock(MUTEX_GET(solo));
    mutex_unlock(MUTEX_GET(solo));
    t1 = perfcounter_get();
    cost[0] = t1 - t0 - base;
    t0 = perfcounter_get();
    barrier_wait(&alone);
    t1 = perfcounter_get();
    cost[1] = t1 - t0 - base;
    t0 = perfcounter_get();
    sem_take(&one);
    sem_give(&one);
    t1 = perfcounter_get();
    cost[2] = t1 - t0 - base;
    t0 = perfcounter_get();
    ATOMIC_BIT_ACQUIRE(raw);
    ATOMIC_BIT_RELEASE(raw);
    t1 = perfcounter_get();
    cost[3] = t1 - t0 - base;
    return 0;
}
"""


def test_uncontended_costs(build):
    """One tasklet, so every instruction takes the revolver's 11 cycles.  The bounds are the
    instruction counts of today's code with some slack: a regression that makes the fast paths
    sleep, spin or call much more fails here."""
    run = run_both(build(COSTS, "defines", "NR_TASKLETS=1"))
    mutex, barrier, sem, bit = run.u32("cost", 4)
    assert all(c % 11 == 0 for c in (mutex, barrier, sem, bit))
    assert bit == 2 * 11
    assert mutex <= 10 * 11
    assert barrier <= 35 * 11
    assert sem <= 60 * 11
