"""dpugeni's outputs and diagnostics against reviewed golden files.

* ``tests/didl/*.didl`` and the samples ``charcount.didl`` and ``kvstore.didl`` → every target, in
  ``tests/didl/golden/<name>_interface.{py,h,json}``;
* ``tests/didl/errors/*.didl`` → the exact diagnostics, in ``tests/didl/errors/<case>.err``
  (a first line ``// dpugeni-test: ARGS`` gives extra command-line arguments, paths relative to
  ``tests/didl/errors``).

To regenerate after an intended change, run with ``DPUGENI_UPDATE_GOLDENS=1``, then review the
diff before committing it::

    DPUGENI_UPDATE_GOLDENS=1 PYTHONPATH=src .venv/bin/python -m pytest -q tests/test_dpugeni_goldens.py
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from dpugeni.cli import cli
from dpugeni.emit import EMITTERS

ROOT = Path(__file__).resolve().parent.parent
DIDL = ROOT / "tests" / "didl"
GOLDEN = DIDL / "golden"
ERRORS = DIDL / "errors"
UPDATE = os.environ.get("DPUGENI_UPDATE_GOLDENS") == "1"

SOURCES = {p.stem: p for p in sorted(DIDL.glob("*.didl"))}
SOURCES["charcount"] = ROOT / "samples" / "charcount" / "charcount.didl"
SOURCES["kvstore"] = ROOT / "samples" / "actors" / "kvstore.didl"
ERROR_CASES = sorted(p.stem for p in ERRORS.glob("*.didl"))


def _run(args: list[str], cwd: Path):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, args, prog_name="dpugeni", catch_exceptions=False)
    finally:
        os.chdir(old)


def _compare(golden: Path, actual: bytes) -> None:
    if UPDATE:
        if not golden.exists() or golden.read_bytes() != actual:
            golden.write_bytes(actual)
        return
    assert golden.exists(), f"{golden} is missing: regenerate the goldens (see this module)"
    assert actual.decode() == golden.read_text(), f"{golden.name} differs from the golden"


@pytest.mark.parametrize("target", sorted(EMITTERS))
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_outputs_match_goldens(name, target, tmp_path):
    source = SOURCES[name]
    r = _run(["-e", target, "-o", str(tmp_path), source.name], source.parent)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
    [out] = list(tmp_path.iterdir())
    assert out.name == name + EMITTERS[target].suffix
    _compare(GOLDEN / out.name, out.read_bytes())


def test_no_stray_goldens():
    expected = {name + EMITTERS[t].suffix for name in SOURCES for t in EMITTERS}
    assert {p.name for p in GOLDEN.iterdir()} == expected


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_json_follows_its_schema(name):
    schema = json.loads((ROOT / "schemas" / "didl-ir.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((GOLDEN / f"{name}_interface.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)


def test_the_shipped_schema_is_the_repository_one():
    shipped = ROOT / "src" / "dpugeni" / "schemas" / "didl-ir.schema.json"
    assert shipped.read_bytes() == (ROOT / "schemas" / "didl-ir.schema.json").read_bytes()


def test_the_schema_refuses_what_the_ir_cannot_be():
    schema = json.loads((ROOT / "schemas" / "didl-ir.schema.json").read_text())
    data = json.loads((GOLDEN / "charcount_interface.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    broken = json.loads(json.dumps(data))
    broken["functions"][0]["bindings"][0]["first_tasklet"] = 0  # a sysmbox binding with tasklets
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    broken["functions"][0]["params"][0]["type"]["base"] = "u33"
    assert not validator.is_valid(broken)
    actors = json.loads((GOLDEN / "kvstore_interface.json").read_text())
    assert validator.is_valid(actors)
    broken = json.loads(json.dumps(actors))
    broken["actors"][0]["messages"][0]["selector"] = 0  # selectors start at 1
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(actors))
    broken["actors"][0]["last_tasklet"] = 24
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(actors))
    broken["actors"][0]["messages"][0]["bindings"] = []  # messages have no bindings
    assert not validator.is_valid(broken)
    older = json.loads(json.dumps(data))
    del older["actors"]  # didl-ir/1 written before actors: still valid
    assert validator.is_valid(older)


@pytest.mark.parametrize("case", ERROR_CASES)
def test_error_goldens(case, tmp_path):
    source = ERRORS / f"{case}.didl"
    first = source.read_text().split("\n", 1)[0]
    extra = shlex.split(first.split(":", 1)[1]) if first.startswith("// dpugeni-test:") else []
    out = tmp_path / "out"
    r = _run([*extra, "-e", "python", "-e", "c", "-e", "json", "-o", str(out),
              f"errors/{source.name}"], DIDL)
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    assert not out.exists(), "nothing is written when there are errors"
    _compare(ERRORS / f"{case}.err", r.stderr.encode())


def test_every_error_case_has_a_golden():
    assert {p.stem for p in ERRORS.glob("*.err")} == set(ERROR_CASES)
