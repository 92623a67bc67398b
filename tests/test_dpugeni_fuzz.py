"""Fuzzed DIDL: token soups, mutations of valid files and arbitrary text end in diagnostics that
point inside the file, or in an interface every emitter handles (the Python module compiles,
the JSON loads) — never in a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpucore.diag import DiagnosticError
from dpugeni import compile_source
from dpugeni.emit import EMITTERS, emit

ROOT = Path(__file__).resolve().parent.parent
VALID = [ROOT / "samples" / "charcount" / "charcount.didl",
         ROOT / "samples" / "actors" / "kvstore.didl",
         *sorted((ROOT / "tests" / "didl").glob("*.didl"))]
VALID_TEXTS = [p.read_text() for p in VALID]

TOKENS = ["function", "f", "g", "countCharacters", "(", ")", "{", "}", "[", "]", ",", ":",
          "<-", "..", "...", "in", "out", "inout", "u8", "u16", "u32", "u64", "i8", "i64", "f32",
          "f64", "u33", "sysmbox", "mbox", "host", "mram", "0", "1", "2", "15", "16", "23", "24",
          "255", "256", "0x10", "0x3FFFFFF", "0b101", "007", "9" * 50, "a", "b", "x", "_y",
          "memoryCopy", "self", "class", "// c\n", "/* d */", "/*", "*/", "\n", " ", "\t", "$",
          "-", "=", ";", "é", "\x00", "\r\n", '"', "'''", "\\",
          "actor", "Store", "on", "tasklets", "tasklet", "message", "put", "put_async",
          "putAsync", "dpu", "0..15", "8"]

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def outcome(text: str):
    """The property: a clean diagnostic or a usable interface (returned)."""
    try:
        iface = compile_source(text, "fuzz.didl")
    except DiagnosticError as e:
        lines = text.split("\n")
        assert e.diagnostics
        for d in e.diagnostics:
            assert d.severity == "error" and d.message
            assert d.file == "fuzz.didl"
            if d.line is not None:
                assert 1 <= d.line <= len(lines)
                assert d.col is not None and 1 <= d.col <= len(lines[d.line - 1]) + 1
            rendered = d.render()
            assert rendered.startswith("fuzz.didl:") and "Traceback" not in rendered
        return None
    for target in EMITTERS:
        out = emit(iface, target)
        assert out == emit(iface, target)
        if target == "python":
            compile(out, "fuzz_interface.py", "exec")
        elif target == "json":
            json.loads(out)
    return iface


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_token_soup(tokens):
    outcome(" ".join(tokens))


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_token_soup_without_spaces(tokens):
    outcome("".join(tokens))


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(VALID_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 12)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        if kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "insert":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
        elif kind == "replace":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[j:]
        else:
            text = text[:i] + text[i:j] + text[i:]
    return text


@SETTINGS
@given(mutated())
def test_mutations_of_valid_files(text):
    outcome(text)


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_text(text):
    outcome(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(VALID_TEXTS), st.text(alphabet=st.characters(blacklist_categories=["Cs"]),
                                             max_size=40))
def test_any_comment_text_makes_valid_targets(text, comment):
    """Comments become docstrings and C comments: quotes, backslashes, '*/' cannot break them."""
    comment = comment.replace("\n", " ").replace("*/", "* /")
    doc = f"/* {comment} */ "
    first = re.search("^(function|actor)", text, flags=re.M)
    iface = outcome((text[:first.start()] + doc + text[first.start():])
                    .replace("\n    ", f"\n    // {comment}\n    ", 1))
    assert iface is not None
    words = comment.split()
    if words and all(c.isprintable() for c in comment):
        item = iface.functions[0] if first.group(1) == "function" else iface.actors[0]
        assert words[0] in item.doc
