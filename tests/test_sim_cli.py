"""The dpusim command line, run as a user runs it: --set/--dump, --stats against its schema, the
Chrome trace's structure, --profile, exit statuses, fault reports and error messages."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from dpuasm.assembler import assemble
from dpuasm.linker import link
from dpucore import elf
from dpusim import stats as stats_mod
from dpusim.cli import run_all
from dpusim.profile import Profiler
from dpusim.program import load_program
from dpusim.simulator import Simulator

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLOCK_MHZ = 350

HEADER = ".text\n.globl __bootstrap\n__bootstrap:\n"


def build(tmp_path: Path, text: str, name: str = "prog") -> Path:
    """Assemble (with line info) and link ``text`` into an executable in tmp_path."""
    obj = elf.write_elf(assemble(text, "prog.s", debug=True))
    exe = tmp_path / name
    exe.write_bytes(elf.write_elf(link([("prog.o", obj)]).elf))
    return exe


def dpusim(*args, cwd=None) -> subprocess.CompletedProcess:
    exe = BIN / "dpusim"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "dpusim.cli"]
    return subprocess.run(cmd + [str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, "NO_COLOR": "1"})


def assert_clean_error(r: subprocess.CompletedProcess, status: int, *fragments: str) -> None:
    assert r.returncode == status, (r.returncode, r.stderr)
    assert r.stdout == ""
    assert r.stderr.startswith("dpusim: error: "), r.stderr
    assert "Traceback" not in r.stderr
    for f in fragments:
        assert f in r.stderr, (f, r.stderr)


INCREMENT = HEADER + """
    lw r0, zero, input
    add r0, r0, 1
    sw zero, output, r0
    stop
.data
.p2align 2
input: .long 7
output: .long 0
.section .mram,"aw",@progbits
.p2align 3
mbuf: .zero 24
.size mbuf, 24
"""


# ----------------------------------------------------------------------------- --set / --dump


def test_set_and_dump_round_trip(tmp_path):
    exe = build(tmp_path, INCREMENT)
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(1, 21)))  # 20 bytes: padded to 24 (MRAM: 8-byte units)
    r = dpusim(exe, "--dpus", 2, "--set", "input=0x41", "--set", f"mbuf=@{blob}",
               "--dump", "output", "--dump", "input:4", "--dump", "mbuf")
    assert r.returncode == 0, r.stderr
    hexes = " ".join(f"{b:02x}" for b in range(1, 17))
    expected = []
    for d in range(2):
        expected += [f"output (DPU {d}): 42 00 00 00", f"input (DPU {d}): 41 00 00 00",
                     f"mbuf (DPU {d}): {hexes}",
                     f"mbuf+16 (DPU {d}): 11 12 13 14 00 00 00 00"]
    assert r.stdout.splitlines() == expected  # standard output: the dumps and nothing else
    report = r.stderr.splitlines()
    assert len(report) == 2 and report[0].startswith("DPU 0: ") and "cycles" in report[0]
    assert "instructions" in report[0] and report[0].endswith(" ms at 350 MHz")

    r = dpusim(exe, "--set", "input=-1", "--dump", "output:2", "-q")
    assert (r.returncode, r.stdout, r.stderr) == (0, "output (DPU 0): 00 00\n", "")


def test_set_and_dump_errors(tmp_path):
    exe = build(tmp_path, INCREMENT)
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(32))
    assert_clean_error(dpusim(exe, "--set", "input"), 2, "SYMBOL=VALUE")
    assert_clean_error(dpusim(exe, "--set", "input=zz"), 2, "not an integer")
    assert_clean_error(dpusim(exe, "--set", "input=0x100000000"), 2, "32 bits")
    assert_clean_error(dpusim(exe, "--dump", "output:0"), 2, "positive")
    assert_clean_error(dpusim(exe, "--set", "nope=1"), 1, "no symbol 'nope'")
    assert_clean_error(dpusim(exe, "--dump", "nope"), 1, "no symbol 'nope'")
    assert_clean_error(dpusim(exe, "--set", f"mbuf=@{big}"), 1, "32 bytes do not fit")
    assert_clean_error(dpusim(exe, "--set", f"mbuf=@{tmp_path}/missing"), 1,
                       "No such file or directory")
    assert_clean_error(dpusim(exe, "--set", "__bootstrap=1"), 1, "IRAM")


# ----------------------------------------------------------------------------- --stats


def test_stats_follow_the_schema_and_are_deterministic(tmp_path):
    exe = build(tmp_path, HEADER + "nop\n" * 9 + "stop\n")
    out1, out2 = tmp_path / "s1.json", tmp_path / "s2.json"
    for out in (out1, out2):
        r = dpusim(exe, "--dpus", 3, "--stats", out, "-q")
        assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    assert out1.read_bytes() == out2.read_bytes()
    schema_file = ROOT / "schemas" / "stats.schema.json"
    schema = json.loads(schema_file.read_text())
    assert schema == stats_mod.schema()  # the repository's file is the one that ships
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(out1.read_text())
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert out1.read_text() == json.dumps(doc, sort_keys=True, indent=2) + "\n"
    assert doc["program"]["name"] == "prog" and doc["exit_status"] == 0
    assert doc["engine"] in ("ref", "vector", "auto") and doc["model"]["clock_hz"] == 350_000_000
    assert [d["dpu"] for d in doc["dpus"]] == [0, 1, 2]
    d0 = doc["dpus"][0]
    assert (d0["cycles"], d0["instructions"], d0["fault"]) == (100, 10, None)
    assert d0["time_s"] == pytest.approx(100 / 350e6)
    t0 = d0["tasklets"][0]
    assert (t0["tasklet"], t0["instructions"], t0["cycles"], t0["state"], t0["fault"]) == \
        (0, 10, 100, "stopped", None)
    assert len(d0["tasklets"]) == 24 and d0["tasklets"][5]["instructions"] == 0


# ----------------------------------------------------------------------------- --trace

LOCK_AND_DMA = HEADER + """
    jnz id, worker
    boot zero, 1
    boot zero, 2
    boot zero, 3
worker:
    acquire zero, 7, nz, .        // tasklets queue here while one holds the lock
    move r1, wbuf
    move r2, mdata
    ldma r1, r2, 7                // 64 bytes, inside the critical section
    lw r1, zero, counter
    add r1, r1, 1
    sw zero, counter, r1
    release zero, 7, nz, 2f
2:  stop
.data
.p2align 3
counter: .long 0
.p2align 3
wbuf: .zero 64
.section .mram,"aw",@progbits
.p2align 3
mdata: .zero 64
"""


def test_trace_has_the_chrome_trace_structure(tmp_path):
    exe = build(tmp_path, LOCK_AND_DMA)
    trace, stats = tmp_path / "t.json", tmp_path / "s.json"
    r = dpusim(exe, "--trace", trace, "--stats", stats, "--dump", "counter", "-q")
    assert (r.returncode, r.stdout, r.stderr) == (0, "counter (DPU 0): 04 00 00 00\n", "")
    doc = json.loads(trace.read_text())
    end = json.loads(stats.read_text())["dpus"][0]["cycles"]
    assert doc["displayTimeUnit"] == "ns" and isinstance(doc["traceEvents"], list)
    events = doc["traceEvents"]
    for e in events:
        assert {"ph", "name", "pid", "tid"} <= e.keys(), e
        assert isinstance(e["pid"], int) and isinstance(e["tid"], int) and e["ph"] in "MXi"
    meta = [e for e in events if e["ph"] == "M"]
    processes = {e["pid"]: e["args"]["name"] for e in meta if e["name"] == "process_name"}
    threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in meta if e["name"] == "thread_name"}
    assert processes == {1: "DPU 0"}  # Perfetto reserves pid/tid 0: ids start at 1
    assert threads == {(1, k + 1): f"tasklet {k}" for k in range(4)}
    tracks: dict[tuple[int, int], list[dict]] = {}
    for e in events:
        if e["ph"] == "X":
            assert isinstance(e["ts"], (int, float)) and isinstance(e["dur"], (int, float))
            assert e["ts"] >= 0 and e["dur"] > 0 and e["cat"] == "tasklet"
            assert e["name"] in ("running", "dma", "lock", "stopped")
            a = e["args"]
            assert e["ts"] == pytest.approx(a["start_cycle"] / CLOCK_MHZ, abs=1e-4)
            assert e["dur"] == pytest.approx(a["cycles"] / CLOCK_MHZ, abs=2e-4)
            assert a["cycles"] == a["end_cycle"] - a["start_cycle"]
            tracks.setdefault((e["pid"], e["tid"]), []).append(e)
    assert set(tracks) == set(threads)
    names = set()
    for key, evs in tracks.items():
        names.update(e["name"] for e in evs)
        ts = [e["ts"] for e in evs]
        assert ts == sorted(ts), key
        for a, b in itertools.pairwise(evs):
            assert a["ts"] + a["dur"] <= b["ts"] + 1e-9, (key, a, b)  # no overlap
            # contiguous: each tasklet is in exactly one state from its start to the end
            assert a["args"]["end_cycle"] == b["args"]["start_cycle"], (key, a, b)
            assert a["name"] != b["name"]  # same states merge
        assert evs[-1]["args"]["end_cycle"] == end
    assert names == {"running", "dma", "lock", "stopped"}
    t0 = [e["name"] for e in tracks[(1, 1)]]
    assert t0[0] == "running" and tracks[(1, 1)][0]["ts"] == 0
    for k in (1, 2, 3):  # booted at 11, 22, 33 cycles: each starts the cycle after
        assert tracks[(1, k + 1)][0]["args"]["start_cycle"] == 11 * k + 1
    dma = [e for evs in tracks.values() for e in evs if e["name"] == "dma"]
    assert len(dma) == 4 and all(e["args"]["symbol"] == "worker+3" for e in dma)
    assert all(e["args"]["cycles"] >= 77 + 32 for e in dma)
    lock = [e for evs in tracks.values() for e in evs if e["name"] == "lock"]
    assert len(lock) == 3 and all(e["args"]["symbol"] == "worker" for e in lock)
    # Three tasklets stop before the last one: they show a stopped interval up to the end.
    assert sum(evs[-1]["name"] == "stopped" for evs in tracks.values()) == 3


# ----------------------------------------------------------------------------- --profile

HOT_AND_COLD = HEADER + """
    call r23, cold
    call r23, hot
    stop
.type cold,@function
cold:
    nop
    jump r23
.type hot,@function
hot:
    move r0, 50
1:  sub r0, r0, 1, nz, 1b
    jump r23
"""


def _table(text: str, title: str) -> list[list[str]]:
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[i + 2:]:
        if not line.strip():
            break
        rows.append(line.split())
    return rows


def test_profile_per_function_and_line_hottest_first(tmp_path):
    exe = build(tmp_path, HOT_AND_COLD)
    r = dpusim(exe, "--profile", "-q")
    assert r.returncode == 0 and r.stdout == "", r.stderr
    assert "\x1b[" not in r.stderr  # plain text in a pipe
    funcs = _table(r.stderr, "function")
    assert [row[0] for row in funcs] == ["hot", "__bootstrap", "cold"]
    cycles = [int(row[2]) for row in funcs]
    assert cycles == sorted(cycles, reverse=True)
    assert int(funcs[0][1]) == 1 + 50 + 1
    lines = _table(r.stderr, "source line")
    assert lines[0][:2] == ["prog.s:15", "hot"]  # the loop
    assert [int(row[3]) for row in lines] == sorted((int(row[3]) for row in lines), reverse=True)


def test_profile_library_rows_add_up_to_the_tasklet_cycles():
    text = HOT_AND_COLD
    obj = elf.write_elf(assemble(text, "prog.s", debug=True))
    program = load_program(elf.write_elf(link([("prog.o", obj)]).elf), "prog")
    profiler = Profiler()
    sim = Simulator(observer=profiler)
    sim.load(program)
    sim.launch()
    profiler.finish(sim.dpus)
    rows = profiler.functions(program)
    t = sim.tasklet(0, 0)
    assert sum(r.cycles for r in rows) == t.cycles == sim.dpus[0].cycle
    assert sum(r.instructions for r in rows) == t.instructions
    assert sum(r.share for r in rows) == pytest.approx(1.0)
    lines = profiler.lines(program)
    assert lines[0].name == "prog.s:15" and lines[0].function == "hot"
    assert sum(r.cycles for r in lines) == t.cycles


# ----------------------------------------------------------------------------- faults, exit status


def test_fault_reports_and_exit_statuses(tmp_path):
    exe = build(tmp_path, HEADER + "move r1, 65536\nnop\nlw r0, r1, 0\nstop\n")
    stats, trace = tmp_path / "s.json", tmp_path / "t.json"
    r = dpusim(exe, "--stats", stats, "--trace", trace)
    assert r.returncode == 1 and r.stdout == ""
    assert "Traceback" not in r.stderr
    assert "DPU 0, tasklet 0, pc 2 (0x80000010) <__bootstrap+2>: memory fault" in r.stderr
    assert "  at prog.s:6" in r.stderr
    assert r.stderr.startswith("DPU 0: ")  # the run report comes first
    doc = json.loads(stats.read_text())
    stats_mod.validate(doc)
    fault = doc["dpus"][0]["fault"]
    assert (fault["kind"], fault["symbol"], fault["source"]) == \
        ("memory fault", "__bootstrap+2", {"file": "prog.s", "line": 6})
    t0 = doc["dpus"][0]["tasklets"][0]
    assert t0["state"] == "faulted" and t0["fault"] == fault and doc["exit_status"] == 1
    events = json.loads(trace.read_text())["traceEvents"]
    [mark] = [e for e in events if e["ph"] == "i"]
    assert (mark["name"], mark["pid"], mark["tid"], mark["s"]) == ("memory fault", 1, 1, "t")
    assert mark["args"]["cycle"] == doc["dpus"][0]["cycles"] == 22
    assert [e["args"]["end_cycle"] for e in events if e["ph"] == "X"] == [22]

    r = dpusim(build(tmp_path, HEADER + "fault 4\n", "halt"), "-q")
    assert r.returncode == 134 and "fault 4 (halt)" in r.stderr
    assert not r.stderr.startswith("DPU 0: 1")  # -q: the fault report only
    r = dpusim(build(tmp_path, HEADER + "fault 2\n", "div0"))
    assert r.returncode == 1 and "division by zero" in r.stderr

    r = dpusim(build(tmp_path, HEADER + "1: jump 1b\n", "spin"), "--max-cycles", 1000,
               "--stats", stats)
    assert r.returncode == 124 and "cycle limit reached: stopped after 1000 cycles" in r.stderr
    doc = json.loads(stats.read_text())
    stats_mod.validate(doc)
    assert doc["dpus"][0]["fault"]["kind"] == "cycle limit reached"
    assert doc["dpus"][0]["tasklets"][0]["state"] == "running" and doc["max_cycles"] == 1000


def test_native_engine_reports_what_the_reference_reports(tmp_path):
    """`--engine native`: the same statistics, fault reports and exit statuses as `--engine
    ref` (a memory fault on every DPU; a cycle limit; a clean run)."""
    exe = build(tmp_path, HEADER + """
        lw r0, zero, ptr
        move r2, 40
    1:  add r2, r2, -1, nz, 1b
        lw r1, r0, 0
        stop
    .data
    .p2align 2
    .globl ptr
    ptr: .long 0
    """)
    for args, status in ((("--set", "ptr=0x100000"), 1), (("--max-cycles", 200), 124),
                         ((), 0)):
        docs, errors = [], []
        for engine in ("ref", "native"):
            out = tmp_path / f"{engine}.json"
            r = dpusim(exe, "--engine", engine, "--dpus", 3, "--stats", out, *args)
            assert r.returncode == status and "Traceback" not in r.stderr
            errors.append(r.stderr)
            doc = json.loads(out.read_text())
            stats_mod.validate(doc)
            assert doc.pop("engine") == engine
            docs.append(doc)
        assert docs[0] == docs[1] and errors[0] == errors[1]


def test_exit_status_from_sys_exit_status(tmp_path):
    exe = build(tmp_path, HEADER + """
        move r0, 300
        sw zero, __sys_exit_status, r0
        stop
    .data
    .p2align 2
    .globl __sys_exit_status
    __sys_exit_status: .long 0
    """)
    r = dpusim(exe, "-q")
    assert (r.returncode, r.stdout, r.stderr) == (300 % 256, "", "")
    r = dpusim(exe, "-q", "--set", "__sys_exit_status=0")  # the program writes it anyway
    assert r.returncode == 44


def test_a_fault_stops_its_own_dpu_only():
    text = HEADER + "lw r0, zero, ptr\nlw r1, r0, 0\nstop\n.data\n.p2align 2\nptr: .long 0\n"
    obj = elf.write_elf(assemble(text, "prog.s"))
    sim = Simulator(3, "ref")
    sim.load(load_program(elf.write_elf(link([("prog.o", obj)]).elf), "prog"))
    sim.write(1, "ptr", (1 << 20).to_bytes(4, "little"))
    sim.boot()
    faults = run_all(sim, None, per_dpu=False)
    assert list(faults) == [1] and faults[1].kind == "memory fault"
    assert [d.instructions for d in sim.dpus] == [3, 1, 3]


# ----------------------------------------------------------------------------- command line


def test_bad_programs_and_options(tmp_path):
    assert_clean_error(dpusim(tmp_path / "missing"), 1, "No such file or directory")
    text_file = tmp_path / "prog.s"
    text_file.write_text(HEADER + "stop\n")
    assert_clean_error(dpusim(text_file), 1, "prog.s")
    obj = tmp_path / "prog.o"
    obj.write_bytes(elf.write_elf(assemble(HEADER + "stop\n", "prog.s")))
    assert_clean_error(dpusim(obj), 1, "not an executable")
    exe = build(tmp_path, HEADER + "stop\n")
    assert_clean_error(dpusim(exe, "--dpus", 0), 2, "--dpus")
    assert_clean_error(dpusim(exe, "--engine", "fast"), 2, "--engine")
    assert_clean_error(dpusim(exe, "--bogus"), 2, "--bogus")
    assert_clean_error(dpusim(), 2, "PROGRAM")
    assert_clean_error(dpusim(exe, "--stats", tmp_path / "no" / "s.json"), 1, "cannot write")
    r = dpusim("--help")
    assert r.returncode == 0 and "--dump SYMBOL[:LEN]" in r.stdout and "134" in r.stdout


def test_quiet_engines_and_report(tmp_path):
    exe = build(tmp_path, HEADER + "nop\n" * 9 + "stop\n")
    for engine in ("ref", "vector", "native", "auto"):
        r = dpusim(exe, "--engine", engine)
        assert r.returncode == 0 and r.stdout == ""
        assert r.stderr == "DPU 0: 100 cycles, 10 instructions, 0.000286 ms at 350 MHz\n"
        r = dpusim(exe, "--engine", engine, "-q")
        assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_stdout_is_the_program_output_then_the_dumps(tmp_path):
    log = pytest.importorskip("dpusim.log")
    if not hasattr(log, "encode_record"):
        pytest.skip("dpusim.log has no encode_record")
    records = log.encode_record(b"hello %d\n", [42]) + log.encode_record(b"bye\n")
    exe = build(tmp_path, HEADER + f"""
        stop
    .data
    .p2align 2
    __stdout_buffer_state: .long {len(records)}
    value: .long 0x01020304
    .section .mram,"aw",@progbits
    .p2align 3
    __stdout_buffer: .byte {", ".join(str(b) for b in records)}
    """)
    r = dpusim(exe, "--dpus", 2, "--dump", "value", "-q")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("hello 42\nbye\n" * 2 + "value (DPU 0): 04 03 02 01\n"
                        "value (DPU 1): 04 03 02 01\n")
    assert r.stderr == ""
