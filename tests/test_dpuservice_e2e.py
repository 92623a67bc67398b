"""dpuservice driven by a DAP client that no one here wrote: Microsoft's
``@vscode/debugadapter-testsupport`` (the ``DebugClient`` VS Code's own debug adapters are tested
with), installed from npm into a temporary directory and run under Node.

The scenario is the issue's (tests/dap_e2e.js): launch the character counter (its debug build,
``make -C samples/charcount debug``), stop at a breakpoint on a source line, list the tasklets,
get a stack trace with the right function and line, step, read a variable, continue to the end,
and receive the program's output and the terminated event.

Why this client: it is maintained with the protocol by its authors, speaks DAP over a TCP port
(``DebugClient.start(port)``), and has its own checks of a stop's location
(``hitBreakpoint``); PyPI has no maintained general-purpose DAP client library (the DAP packages
there are other protocols or adapters, not clients).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from service_common import ROOT, make_charcount_debug, service

SAMPLE = ROOT / "samples" / "charcount"
CLIENT = "@vscode/debugadapter-testsupport@1.68.0"



@pytest.fixture(scope="module")
def node_client(tmp_path_factory) -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("DPU_E2E_REQUIRED"):  # .ci/run installs Node: never skip there
            pytest.fail("node and npm are missing, and DPU_E2E_REQUIRED is set")
        pytest.skip("node and npm are needed to run Microsoft's DAP client (install Node.js)")
    where = tmp_path_factory.mktemp("dap-client")
    r = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error",
                        "--prefix", str(where), CLIENT], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, f"npm install {CLIENT} failed:\n{r.stdout}\n{r.stderr}"
    shutil.copy(ROOT / "tests" / "dap_e2e.js", where / "dap_e2e.js")
    return where


@pytest.fixture(scope="module")
def charcount_debug(tmp_path_factory) -> Path:
    return make_charcount_debug(tmp_path_factory.mktemp("charcount-debug"))


def test_microsofts_dap_client_debugs_the_character_counter(node_client, charcount_debug,
                                                             tmp_path):
    rng = random.Random(7)
    document = bytes(rng.choice(b"abcde \n") for _ in range(4096))
    (tmp_path / "document.txt").write_bytes(document)
    source = SAMPLE / "charcount.c"
    line = next(i for i, s in enumerate(source.read_text().splitlines(), 1)
                if "result += j;" in s)
    with service(tmp_path) as server:
        r = subprocess.run(["node", str(node_client / "dap_e2e.js"), str(server.port),
                            str(charcount_debug), str(source), str(line),
                            str(tmp_path / "document.txt"), "e"],
                           cwd=node_client, capture_output=True, text=True, timeout=180)
        log = server.stderr()
    steps = {}
    for text in r.stdout.splitlines():
        item = json.loads(text)
        steps[item.pop("step")] = item
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}\n--- dpuservice:\n{log}"

    assert steps["breakpoint"] == {"name": "charcount", "line": line, "path": str(source)}
    # the seed's configuration: tasklets 0..15, thread (DPU + 1) * 100 + tasklet
    assert steps["threads"]["names"] == [f"tasklet {t}" for t in range(16)]
    assert steps["threads"]["ids"] == [100 + t for t in range(16)]
    frames = steps["stackTrace"]["frames"]
    assert frames[0] == {"name": "charcount", "line": line, "path": str(source)}
    assert [f["name"] for f in frames] == ["charcount", "__bootstrap"]
    # stepping over 'result += j;' goes back to the loop's 'for' line
    step = steps["next"]
    assert step["reason"] == "step" and step["threadId"] == steps["stackTrace"]["threadId"]
    assert step["name"] == "charcount" and step["line"] != line
    assert "for (i = 0; i < 64; i++)" in source.read_text().splitlines()[step["line"] - 1]
    variables = steps["variables"]
    assert variables["scopes"] == ["Locals", "Registers", "Globals"]
    locals_ = {v["name"]: v for v in variables["locals"]}
    assert [v["name"] for v in variables["locals"]] == [
        "host_request", "document_len", "characters", "result", "cache", "my_block_address",
        "i", "j"]
    assert locals_["document_len"] == {"name": "document_len", "type": "unsigned int",
                                       "value": str(len(document))}
    assert variables["documentLen"] == str(len(document))
    assert locals_["characters"]["value"] == str(ord("e") * 0x01010101)
    assert 0 <= int(locals_["i"]["value"]) <= 64 and locals_["i"]["type"] == "int"
    assert locals_["cache"]["type"].endswith("*") and locals_["cache"]["value"].startswith("0x")
    assert variables["mbox"].startswith(f"{{{len(document)}, {ord('e')}}}")
    assert variables["length"].startswith(f"{len(document)} ")
    assert variables["registers"][:2] == ["r0", "r1"] and "pc" in variables["registers"]
    end = steps["end"]
    assert end["exitCode"] == 0
    counts = {}
    for text in end["output"].splitlines():
        name, _, value = text.partition(": ")
        counts[name] = int(value)
    assert sorted(counts) == sorted(f"tasklet {t}" for t in range(16))
    assert sum(counts.values()) == document.count(b"e")
    assert "s1: speaks DAP" in log and "Traceback" not in log
