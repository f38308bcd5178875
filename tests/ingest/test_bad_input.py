"""Bad input: each kind becomes one clear Problem line; the good inputs go on in full."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.config import Settings
from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.ingest.language import detect_language
from storyline.ingest.readers import read_sources
from storyline.models import Problem, RawInput

FIXTURES = Path(__file__).parent / "fixtures"

GERMAN = (
    "Die Stadtverwaltung hat am Montag angekündigt, dass die alte Brücke über den Fluss "
    "im kommenden Frühjahr vollständig erneuert werden soll, weil die Pfeiler beschädigt sind."
)
ENGLISH = (
    "The city council announced on Monday that the old bridge over the river will be "
    "completely rebuilt next spring, because its piers have been damaged by floods."
)


def read_one(path: Path, **settings) -> RawInput | Problem:
    items = list(read_sources([str(path)], Settings(**settings)))
    assert len(items) == 1, items
    return items[0]


def assert_one_line(problem: Problem) -> None:
    assert "\n" not in problem.reason and "Traceback" not in problem.reason
    assert problem.reason.strip()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "empty (only whitespace)"),
        (b"%PDF-1.7\n%binary stuff", "binary file (PDF)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"text then \x00\x01\x02\x03 bytes \x00\x00\xff", "binary file (NUL bytes, not text)"),
        (bytes(range(1, 32)) * 40, "binary file (control characters, not text)"),
    ],
)
def test_decode_rejections(tmp_path, data, reason):
    (tmp_path / "x.txt").write_bytes(data)
    problem = read_one(tmp_path / "x.txt")
    assert isinstance(problem, Problem) and problem.stage == "decode"
    assert problem.reason == reason
    assert problem.source == str(tmp_path / "x.txt")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café crème à la Zürich, naïve façade.".encode("latin-1"), "Café crème à la Zürich"),
        ("Ünïcödé with a byte-order mark".encode("utf-8-sig"), "Ünïcödé"),
        ("Ünïcödé in sixteen bits".encode("utf-16"), "Ünïcödé in sixteen"),
        ("“Curly quotes” and an en dash – here".encode("cp1252"), "“Curly quotes”"),
    ],
)
def test_charsets_detected(data, expected):
    assert decode_bytes(data).startswith(expected)


def test_declared_charset_wins_over_guessing(tmp_path):
    body = f"<p>{ENGLISH} Señor Muñoz said the cost was 3 million €.</p>"
    page = f'<html><head><meta charset="windows-1252"></head><body>{body}</body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    raw = read_one(tmp_path / "p.html")
    assert "Señor Muñoz" in raw.body and "3 million €" in raw.body


def test_decode_error_is_a_value_error_with_reason():
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"")
    assert info.value.reason == "empty"


def test_too_large(tmp_path):
    (tmp_path / "big.txt").write_text(ENGLISH * 20)
    size = (tmp_path / "big.txt").stat().st_size
    problem = read_one(tmp_path / "big.txt", max_bytes=1000)
    assert problem.reason == f"too large ({size:,} bytes > limit 1,000)"


def test_gzip_bomb_and_corrupt_gzip(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 50_000))
    problem = read_one(tmp_path / "bomb.txt.gz", max_bytes=10_000)
    assert problem.reason.startswith("too large (more than 10,000 bytes once decompressed)")
    (tmp_path / "bad.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert read_one(tmp_path / "bad.html.gz").reason.startswith("corrupt")


def test_html_without_text(tmp_path):
    (tmp_path / "blank.html").write_text("<html><head><title>t</title></head><body></body></html>")
    problem = read_one(tmp_path / "blank.html")
    assert problem.stage == "parse" and "no article text found in the HTML" in problem.reason


def test_truncated_html_mid_tag(tmp_path):
    page = (FIXTURES / "bridge.html").read_text()
    (tmp_path / "cut.html").write_text(page[: page.index('<p>"We expect') + 6])
    raw = read_one(tmp_path / "cut.html")
    assert isinstance(raw, RawInput) and "cracked arches" in raw.body


def test_malformed_jsonl_rows_named_by_line_others_kept(tmp_path):
    lines = [
        json.dumps({"title": "One", "text": ENGLISH}),
        '{"title": "Two", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"title": "Four", "summary": "no text field"}),
        json.dumps({"title": "Five", "text": ENGLISH.replace("bridge", "tunnel")}),
    ]
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n")
    items = list(read_sources([str(tmp_path / "rows.jsonl")], Settings()))
    good = [i for i in items if isinstance(i, RawInput)]
    bad = [i for i in items if isinstance(i, Problem)]
    assert [g.line for g in good] == [1, 5]
    assert [(b.line, b.reason.split(" (")[0]) for b in bad] == [
        (2, "malformed JSON"),
        (3, "not a JSON object"),
        (4, "no article text"),
    ]
    assert all(b.source == str(tmp_path / "rows.jsonl") for b in bad)
    for b in bad:
        assert_one_line(b)


def test_malformed_csv_rows(tmp_path):
    (tmp_path / "rows.csv").write_text(
        "title,text\n"
        f'Good,"{ENGLISH}"\n'
        f'Extra field,"{ENGLISH}",surplus\n'
        "No text,\n"
        f'Also good,"{ENGLISH.replace("river", "canal")}"\n'
    )
    items = list(read_sources([str(tmp_path / "rows.csv")], Settings()))
    assert [type(i).__name__ for i in items] == ["RawInput", "Problem", "Problem", "RawInput"]
    assert items[1].line == 3 and "3 fields, the header has 2" in items[1].reason
    assert items[2].line == 4 and "no article text" in items[2].reason


def test_csv_without_text_column(tmp_path):
    (tmp_path / "meta.csv").write_text("title,url\nA,https://a.example\n")
    problem = read_one(tmp_path / "meta.csv")
    assert problem.line == 1 and "no text column" in problem.reason


def test_not_a_feed(tmp_path):
    (tmp_path / "config.xml").write_text('<?xml version="1.0"?><settings><a>1</a></settings>')
    problem = read_one(tmp_path / "config.xml")
    assert problem.stage == "parse" and problem.reason.startswith("no feed entries")
    assert_one_line(problem)


def test_german_text_rejected_short_text_kept(tmp_path):
    (tmp_path / "de.txt").write_text(GERMAN)
    problem = read_one(tmp_path / "de.txt")
    assert problem.stage == "language" and problem.reason == "not English (detected: de)"
    (tmp_path / "short.txt").write_text("Danke schön, Berlin!")
    assert isinstance(read_one(tmp_path / "short.txt"), RawInput)  # too short to judge


def test_non_english_row_named_by_line(tmp_path):
    rows = [{"text": ENGLISH}, {"text": GERMAN}]
    (tmp_path / "mixed.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    good, bad = read_sources([str(tmp_path / "mixed.jsonl")], Settings())
    assert isinstance(good, RawInput)
    assert bad == Problem(
        source=str(tmp_path / "mixed.jsonl"),
        line=2,
        reason="not English (detected: de)",
        stage="language",
    )


def test_detect_language():
    assert detect_language(ENGLISH) == "en"
    assert detect_language(GERMAN) == "de"
    assert detect_language("Hello there") is None


def test_missing_inputs_and_odd_schemes():
    items = list(read_sources(["no/such/file.txt", "ftp://host/x"], Settings()))
    assert [i.reason for i in items] == [
        "no such file or directory",
        "unsupported URL scheme (only http and https)",
    ]


def _bad_corpus(root: Path) -> dict[str, str]:
    """Write a corpus of bad inputs; return {input as named on stderr: expected reason}."""
    (root / "empty.txt").write_bytes(b"")
    (root / "odd [draft].md").write_bytes(b" \n")  # brackets: printed as is, not as markup
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (root / "huge.txt").write_text(ENGLISH * 400)
    (root / "blank.html").write_text("<html><body><script>var a;</script></body></html>")
    (root / "german.txt").write_text(GERMAN)
    row = f"Road to be rebuilt\n\n{ENGLISH.replace('bridge', 'road')}"
    (root / "rows.jsonl").write_text(json.dumps({"text": row}) + '\n{"text": oops}\n')
    row = row.replace("road", "dam")
    (root / "rows.csv").write_text(f'title,text\nA,"{row}"\nB,"x",y\n')
    # good ones, including a latin-1 file and a truncated page that still has text
    latin = f"Café owners cheer the new ferry\n\nZoë Brontë reported: {ENGLISH}"
    (root / "latin1.txt").write_bytes(latin.replace("bridge", "ferry").encode("latin-1"))
    page = (FIXTURES / "bridge.html").read_text()
    (root / "truncated.html").write_text(page[: page.index("</article>") - 30])
    shutil.copy(FIXTURES / "dam.txt", root / "dam.txt")
    return {
        "empty.txt": "empty",
        "odd [draft].md": "empty (only whitespace)",
        "image.txt": "binary file (PNG image)",
        "huge.txt": "too large",
        "blank.html": "no article text found in the HTML",
        "german.txt": "not English (detected: de)",
        "rows.jsonl:2": "malformed JSON",
        "rows.csv:5": "malformed CSV row",  # the good row above spans lines 2-4
    }


@pytest.mark.slow
def test_cli_bad_input_corpus_exits_2_with_one_line_each(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected = _bad_corpus(corpus)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(corpus), "-o", str(out), "--quiet", "--max-bytes", "20000"]
    )
    assert result.exit_code == 2, result.output
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected ")]
    assert len(rejected) == len(expected), result.stderr
    for name, reason in expected.items():
        matching = [line for line in rejected if f"{corpus}/{name}:" in line]
        assert len(matching) == 1 and reason in matching[0], (name, rejected)
    analysis = json.loads((out / "storyline.json").read_text())
    sources = sorted(Path(d["source"]).name for d in analysis["documents"])
    assert sources == ["dam.txt", "latin1.txt", "rows.csv#2", "rows.jsonl#1", "truncated.html"]
    latin = next(d for d in analysis["documents"] if d["source"].endswith("latin1.txt"))
    assert "Zoë Brontë" in (latin["title"] or "") + latin["text"]
    assert len(analysis["problems"]) == len(expected)
