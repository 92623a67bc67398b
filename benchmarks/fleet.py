#!/usr/bin/env python3
"""A fleet of simulated DPUs: the vector addition of samples/vecadd on 1024 DPUs, through the
local simulator backend and through the Ray backend (one actor per rank of 64 DPUs), on this
machine.

Each DPU gets ``--elements`` uint32 of A and of B (a numpy array scattered one row per DPU),
its count (the ``__host`` struct ``args``), runs samples/vecadd/vecadd.c (built here with dpucc,
``-O2 -DNR_TASKLETS=16``, as its Makefile does), and C is gathered back and checked against
numpy.  For each backend: the wall time of each step and in all, and the bytes moved to and
from the DPUs (kelonia's per-DPU statistics).  The Ray backend's time includes creating its
rank actors, not starting Ray (shown apart); ``--address`` runs it on an existing cluster.

``.venv/bin/python benchmarks/fleet.py [--dpus 1024] [--elements 4096] [--backends local,ray]``
"""

from __future__ import annotations

import argparse
import struct
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from kelonia import DpuSet

ROOT = Path(__file__).resolve().parent.parent
VECADD = ROOT / "samples" / "vecadd" / "vecadd.c"
BACKENDS = {"local": "simulator", "ray": "ray"}


def build(out_dir: Path, tasklets: int) -> Path:
    from dpucc.driver import Driver, parse_args
    out = out_dir / "vecadd"
    Driver(parse_args(["-O2", f"-DNR_TASKLETS={tasklets}", "-o", str(out), str(VECADD)])).run()
    return out


def run(backend: str, program: Path, a: np.ndarray, b: np.ndarray, options: dict) -> dict:
    nr_dpus, per = a.shape
    steps: dict[str, float] = {}
    t0 = last = time.perf_counter()

    def step(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        steps[name] = now - last
        last = now

    with DpuSet.allocate(nr_dpus, backend, **options) as dpus:
        step("allocate")
        dpus.load(program)
        step("load")
        dpus.scatter("A", a)
        dpus.scatter("B", b)
        dpus.broadcast("args", struct.pack("<I", per))
        step("to DPUs")
        dpus.launch()
        step("launch")
        c = dpus.gather_array("C", per, np.uint32)
        step("from DPUs")
        stats = dpus.stats()
    step("free")
    return {"steps": steps, "total": time.perf_counter() - t0, "ok": np.array_equal(c, a + b),
            "to": sum(s.bytes_to for s in stats), "from": sum(s.bytes_from for s in stats),
            "cycles": max(s.cycles for s in stats),
            "instructions": sum(s.instructions for s in stats)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dpus", type=int, default=1024)
    ap.add_argument("--elements", type=int, default=4096,
                    help="uint32 elements of A and of B per DPU (even; default 4096)")
    ap.add_argument("--tasklets", type=int, default=16)
    ap.add_argument("--backends", default="local,ray", help="comma-separated: local, ray")
    ap.add_argument("--address", default=None, help="a Ray cluster to use (ray.init address)")
    ap.add_argument("--ray-cpus", type=int, default=None,
                    help="CPUs of the local Ray instance (default: all)")
    args = ap.parse_args()
    if args.elements < 2 or args.elements % 2:
        ap.error("--elements must be even (MRAM transfers are 8-byte multiples)")
    names = [n.strip() for n in args.backends.split(",") if n.strip()]
    for n in names:
        if n not in BACKENDS:
            ap.error(f"unknown backend {n!r} (local, ray)")

    rng = np.random.default_rng(1)
    a = rng.integers(0, 2**32, (args.dpus, args.elements), dtype=np.uint32)
    b = rng.integers(0, 2**32, (args.dpus, args.elements), dtype=np.uint32)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        program = build(Path(tmp), args.tasklets)
        print(f"vecadd: {args.dpus} DPUs x {args.elements} uint32 per vector, "
              f"{args.tasklets} tasklets (built in {time.perf_counter() - t:.1f} s)")
        failed = False
        for name in names:
            options = {}
            if name == "ray":
                import ray
                t = time.perf_counter()
                if not ray.is_initialized():
                    init = {"include_dashboard": False, "logging_level": "WARNING"}
                    if args.address:
                        init["address"] = args.address
                    elif args.ray_cpus:
                        init["num_cpus"] = args.ray_cpus
                    ray.init(**init)
                print(f"ray: started/connected in {time.perf_counter() - t:.1f} s "
                      f"({ray.cluster_resources().get('CPU', 0):.0f} CPUs)")
            r = run(BACKENDS[name], program, a, b, options)
            failed |= not r["ok"]
            steps = ", ".join(f"{k} {v:.2f}" for k, v in r["steps"].items())
            print(f"{name:>5}: wall {r['total']:.2f} s ({steps}); "
                  f"transferred {r['to']} bytes to the DPUs, {r['from']} from them "
                  f"({(r['to'] + r['from']) / 2**20:.2f} MiB); slowest DPU {r['cycles']} cycles, "
                  f"{r['instructions']} instructions in all; "
                  f"check: {'passed' if r['ok'] else 'FAILED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
