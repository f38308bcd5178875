"""Arbitrary bytes never crash ingest: every input ends as documents or one-line Problems."""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.ingest import ingest
from storyline.models import Document, Problem

EXTENSIONS = [".txt", ".md", ".html", ".htm", ".jsonl", ".json", ".csv", ".tsv", ".xml", ".rss"]
EXTENSIONS += [".atom", ".dat", ".html.gz", ""]
SMALL = Settings(max_bytes=4000)

# Pieces of the formats we parse, so that the fuzzer reaches past the first check.
FRAGMENTS = st.sampled_from(
    [
        "<html>",
        "<body>",
        "<p>",
        "</p>",
        "<article>",
        "<div class='comment'>",
        "<!--",
        "-->",
        '<meta charset="koi8-r">',
        "<script>",
        "<?xml version='1.0'?>",
        "<rss><channel><item>",
        "<title>",
        "<description>",
        "</item>",
        "<feed>",
        "<entry>",
        '{"text": "',
        '"title":',
        '", "',
        "}",
        "{",
        "[",
        "]",
        "\n",
        "\r\n",
        ",",
        ";",
        "\t",
        '"',
        "title,text\n",
        "The minister said on Monday that the talks would resume. ",
        "Der Minister sagte ",
        "\x00",
        "\ufeff",
        "é",
        "“",
        "\u202e",
        "&amp;",
        "&#0;",
        "ÿþ",
        "%PDF-",
    ]
)
STRUCTURED = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=40).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
)
ANY_BYTES = st.one_of(st.binary(max_size=3000), STRUCTURED)


def _check(result) -> None:
    for doc in result.documents:
        assert isinstance(doc, Document)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.reason.strip() and "\n" not in problem.reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ANY_BYTES, ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_file_never_crashes_ingest(data, ext):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{ext}"
        if ext.endswith(".gz"):
            import gzip

            data = gzip.compress(data)
        path.write_bytes(data)
        result = ingest([str(path)], SMALL)
    _check(result)
    # nothing is dropped silently: an input gives documents or problems (identical rows
    # inside one file are kept once, so at least one document or problem remains)
    assert result.documents or result.problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ANY_BYTES)
def test_arbitrary_stdin_never_crashes_ingest(data):
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        result = ingest(["-"], SMALL)
    finally:
        sys.stdin = old
    _check(result)
