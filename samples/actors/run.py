#!/usr/bin/env python3
"""A key-value store spread over DPUs as actors: every tasklet of every DPU keeps a shard.

The host hashes each key to one (DPU, tasklet) — a Store actor — and talks to it with
messages: ``put(key, value) -> previous``, ``get(key) -> (value, found)``, ``size()``.  The
DPUs boot once and keep their tables between messages.  Many messages are in flight at once
(futures), and the assembly's dispatcher delivers them to all the DPUs together; the replies
of each actor come back in the order its messages were sent.

    python samples/actors/run.py [--dpus N] [--keys K] [--build DIR] [--stubbed]

Build first: ``make -C samples/actors`` (the program and the binding ``kvstore_interface.py``
in ``build/``).  ``--stubbed`` runs the same host code against in-memory stand-ins.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARDS_PER_DPU = 16  # the Store actor runs on tasklets 0..15


def shard_of(key: int, nr_dpus: int) -> tuple[int, int]:
    """The (DPU, tasklet) whose shard holds ``key``."""
    h = (key * 2654435761) & 0xFFFFFFFF
    return (h >> 8) % nr_dpus, h % SHARDS_PER_DPU


class Store:
    """The whole store: one Store actor per shard, reached by the key's hash."""

    def __init__(self, assembly, kvstore, nr_dpus: int):
        self.nr_dpus = nr_dpus
        self.actors = {(d, t): assembly.get_actor(d, t, kvstore.StoreActor)
                       for d in range(nr_dpus) for t in range(SHARDS_PER_DPU)}

    def actor(self, key: int):
        return self.actors[shard_of(key, self.nr_dpus)]

    def put_all(self, items: dict[int, int]) -> dict[int, int]:
        """Store every item, all messages in flight at once; the previous values."""
        pending = {k: self.actor(k).put_async(k, v) for k, v in items.items()}
        return {k: f.result() for k, f in pending.items()}

    def get_all(self, keys) -> dict[int, tuple[int, int]]:
        pending = {k: self.actor(k).get_async(k) for k in keys}
        return {k: f.result() for k, f in pending.items()}

    def size(self) -> int:
        return sum(f.result() for f in [a.size_async() for a in self.actors.values()])


def stubbed_interface(kvstore):
    """Stand-ins for the Store actors that keep their shard in a dict (the Mockito way:
    mocks whose answers come from a side effect)."""
    from concurrent.futures import Future
    from unittest import mock

    def done(value) -> Future:
        f = Future()
        f.set_result(value)
        return f

    def make_actor(dpu, tasklet):
        shard: dict[int, int] = {}
        actor = mock.Mock(spec=kvstore.StoreActor)

        def put(key, value):
            previous = shard.get(key, 0)
            shard[key] = value
            return previous
        actor.put.side_effect = put
        actor.put_async.side_effect = lambda k, v: done(put(k, v))
        actor.get.side_effect = lambda k: (shard.get(k, 0), int(k in shard))
        actor.get_async.side_effect = lambda k: done(actor.get(k))
        actor.size.side_effect = lambda: len(shard)
        actor.size_async.side_effect = lambda: done(len(shard))
        return actor

    class InMemoryKvstore(kvstore.StubbedKvstore):
        def actor_factories(self):
            return {kvstore.StoreActor: make_actor}
    return InMemoryKvstore


def run(nr_dpus: int, nr_keys: int, build: Path, stubbed: bool = False, seed: int = 1) -> dict:
    """Fill the store with ``nr_keys`` random items, overwrite some, read everything back and
    check it against a dict; what happened, as figures."""
    sys.path.insert(0, str(build))
    try:
        import kvstore_interface as kvstore
    finally:
        sys.path.pop(0)
    from kelonia import (PYTHON, ActorDpuAssemblyLine, DpuBackend, DpuDeviceDescription,
                         DpuFoundry)
    if stubbed:
        device = DpuDeviceDescription(stubbed_interface(kvstore).instance(), None,
                                      DpuBackend.STUBBED)
    else:
        device = DpuDeviceDescription(kvstore.Kvstore.instance(), build / "kvstore")
    rng = random.Random(seed)
    items = {rng.getrandbits(32): rng.getrandbits(32) for _ in range(nr_keys)}
    updates = {k: v ^ 0xFFFF for k, v in list(items.items())[::3]}
    missing = [k for k in (rng.getrandbits(32) for _ in range(nr_keys // 4 + 1))
               if k not in items]
    t0 = time.perf_counter()
    line = ActorDpuAssemblyLine.using_dpus(nr_dpus, device)
    with DpuFoundry.targeting(PYTHON).build(line) as assembly:
        store = Store(assembly, kvstore, nr_dpus)
        first = store.put_all(items)
        previous = store.put_all(updates)
        got = store.get_all(list(items) + missing)
        size = store.size()
        cycles = max((s.cycles for s in assembly.dpus.stats()), default=0) \
            if assembly.dpus is not None else 0
    elapsed = time.perf_counter() - t0
    expected = {**items, **updates}
    ok = (all(v == 0 for v in first.values())
          and previous == {k: items[k] for k in updates}
          and all(got[k] == (v, 1) for k, v in expected.items())
          and all(got[k] == (0, 0) for k in missing)
          and size == len(expected))
    messages = len(items) + len(updates) + len(items) + len(missing) + nr_dpus * SHARDS_PER_DPU
    return {"ok": ok, "keys": len(expected), "messages": messages, "seconds": elapsed,
            "cycles": cycles, "size": size}


def main() -> int:
    ap = argparse.ArgumentParser(description="A key-value store over DPUs, as actors.")
    ap.add_argument("--dpus", type=int, default=4)
    ap.add_argument("--keys", type=int, default=2000)
    ap.add_argument("--build", type=Path, default=HERE / "build")
    ap.add_argument("--stubbed", action="store_true", help="in-memory stand-ins, no DPU")
    args = ap.parse_args()
    if args.dpus < 1 or args.keys < 1:
        ap.error("--dpus and --keys must be at least 1")
    capacity = args.dpus * SHARDS_PER_DPU * 256
    if args.keys > capacity // 2:
        ap.error(f"{args.dpus} DPUs hold {capacity} keys; keep --keys at most half of that so "
                 "no shard fills up")
    r = run(args.dpus, args.keys, args.build, args.stubbed)
    kind = "stubbed DPUs" if args.stubbed else f"DPUs x {SHARDS_PER_DPU} actors"
    print(f"{r['keys']} keys on {args.dpus} {kind}: {r['messages']} messages in "
          f"{r['seconds']:.2f} s; the store holds {r['size']} keys"
          + (f"; DPU time {r['cycles'] / 350e3:.2f} ms at 350 MHz" if r["cycles"] else ""))
    print("every reply as expected" if r["ok"] else "WRONG replies")
    return 0 if r["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
