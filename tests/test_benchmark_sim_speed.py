"""benchmarks/sim_speed.py keeps working: a tiny run of every case, its checks included.

The figures themselves are not asserted (speed targets live in the script's output, never in a
timed test); what is asserted is that each engine's results were checked against the reference
and the Python model, and that the targets line names both of the native engine's targets."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_sim_speed_runs_every_case_and_reports_the_native_targets(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "sim_speed.py"), "--blocks", "8",
         "--repeat", "1", "--ref-dpus", "1", "--mib", "1"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert out.returncode == 0, out.stderr  # (its own checks are assertions)
    text = out.stdout
    for label in ("(a)", "(b)", "(c)"):
        for engine in ("vector", "native"):
            assert f"{label} {engine} engine state == reference state" in text
    assert re.search(r"^  native: +[\d,]+ instructions", text, re.MULTILINE)
    last = text.strip().splitlines()[-1]
    assert re.fullmatch(
        r"native targets: the character counter, 1 DPU [\d.]+ M instr/s \(target 350: "
        r"(met|NOT met)\); the streaming kernel, 64 DPUs aggregate [\d.]+ M instr/s "
        r"\(target 600: (met|NOT met)\)", last), last
