"""Hostile and odd input at ingest: invalid bytes, scripts other than Latin, languages the
detector confuses, markup nested deeper than the parser goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.ingest.decode import decode_report, mostly_utf8
from storyline.ingest.deep_html import flatten_deep, markup_depth
from storyline.ingest.html import extract_article
from storyline.ingest.language import detect_language, non_english_reason
from storyline.ingest.readers import read_sources
from storyline.models import Problem, RawInput

ARTICLE = (
    "The council in Dalmora voted on Monday to rebuild the old bridge over the river, "
    "officials said, after engineers found cracks in two of its piers.\n\n"
    "\u201cWe cannot wait another winter,\u201d said Ana M\u00fcller, the deputy mayor, "
    "adding that the caf\u00e9s on the quay had lost half their trade since the closure.\n"
)


def read_all(path: Path) -> list[RawInput | Problem]:
    return list(read_sources([str(path)], Settings()))


# ------------------------------------------------------------------ invalid bytes


def test_one_invalid_byte_keeps_a_utf8_file_utf8_and_is_reported(tmp_path):
    data = ARTICLE.encode("utf-8")
    cut = data.index(b"piers")
    (tmp_path / "a.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    items = read_all(tmp_path / "a.txt")
    warnings = [i for i in items if isinstance(i, Problem)]
    [raw] = [i for i in items if isinstance(i, RawInput)]
    assert "\u201cWe cannot wait another winter,\u201d said Ana M\u00fcller" in raw.body
    assert raw.body.count("\ufffd") == 1
    [warning] = warnings
    assert warning.severity == "warning" and warning.stage == "decode"
    assert warning.reason == "1 undecodable byte replaced with U+FFFD (decoded as utf-8)"
    assert warning.source == str(tmp_path / "a.txt")


def test_a_truncated_multibyte_sequence_is_one_replacement():
    data = ARTICLE.encode("utf-8") + "\u201c".encode()[:2]
    decoded = decode_report(data)
    assert decoded.charset == "utf-8" and decoded.replaced == 1
    assert decoded.text.startswith(ARTICLE)


def test_a_legacy_charset_file_is_still_decoded_as_its_charset():
    data = ARTICLE.encode("cp1252")
    assert not mostly_utf8(data)
    decoded = decode_report(data)
    assert decoded.text == ARTICLE and decoded.replaced == 0


def test_valid_utf8_reports_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE + "An existing \ufffd stays as written.\n", "utf-8")
    items = read_all(tmp_path / "a.txt")
    assert [type(i) for i in items] == [RawInput]
    assert decode_report((tmp_path / "a.txt").read_bytes()).replaced == 0


def test_a_declared_charset_with_a_stray_byte_keeps_the_declared_charset(tmp_path):
    body = ARTICLE.replace("\n\n", "</p><p>")
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{body}</p></body></html>'
    data = page.encode("cp1252").replace(b"piers", b"pi\x81ers")  # 0x81: undefined in cp1252
    (tmp_path / "p.html").write_bytes(data)
    items = read_all(tmp_path / "p.html")
    [warning] = [i for i in items if isinstance(i, Problem)]
    [raw] = [i for i in items if isinstance(i, RawInput)]
    assert "Ana M\u00fcller" in raw.body and "caf\u00e9s" in raw.body
    assert warning.severity == "warning" and "cp1252" in warning.reason


# ------------------------------------------------------------------ language gate

SWEDISH = (
    "Regeringen meddelade p\u00e5 m\u00e5ndagen att den gamla bron \u00f6ver \u00e4lven ska "
    "byggas om helt n\u00e4sta v\u00e5r, eftersom pelarna har skadats av "
    "\u00f6versv\u00e4mningarna f\u00f6rra \u00e5ret och inte l\u00e4ngre b\u00e4r den tunga "
    "trafiken."
)
DANISH = (
    "Regeringen meddelte mandag, at den gamle bro over floden skal genopbygges "
    "fuldst\u00e6ndigt til for\u00e5ret, fordi pillerne er blevet beskadiget af "
    "oversv\u00f8mmelserne sidste \u00e5r og ikke l\u00e6ngere kan b\u00e6re trafikken."
)
GREEK = (
    "\u0397 \u03ba\u03c5\u03b2\u03ad\u03c1\u03bd\u03b7\u03c3\u03b7 \u03b1\u03bd\u03b1\u03ba"
    "\u03bf\u03af\u03bd\u03c9\u03c3\u03b5 \u03c4\u03b7 \u0394\u03b5\u03c5\u03c4\u03ad\u03c1"
    "\u03b1 \u03cc\u03c4\u03b9 \u03b7 \u03c0\u03b1\u03bb\u03b9\u03ac \u03b3\u03ad\u03c6\u03c5"
    "\u03c1\u03b1 \u03b8\u03b1 \u03be\u03b1\u03bd\u03b1\u03c7\u03c4\u03b9\u03c3\u03c4\u03b5"
    "\u03af \u03b5\u03bd\u03c4\u03b5\u03bb\u03ce\u03c2 \u03c4\u03b7\u03bd \u03b5\u03c0\u03cc"
    "\u03bc\u03b5\u03bd\u03b7 \u03ac\u03bd\u03bf\u03b9\u03be\u03b7."
)
CHINESE = (
    "\u653f\u5e9c\u661f\u671f\u4e00\u5ba3\u5e03\uff0c\u6cb3\u4e0a\u7684\u65e7\u6865\u5c06"
    "\u5728\u660e\u5e74\u6625\u5929\u5168\u90e8\u91cd\u5efa\uff0c\u56e0\u4e3a\u6865\u58a9"
    "\u5728\u53bb\u5e74\u7684\u6d2a\u6c34\u4e2d\u53d7\u635f\uff0c\u5df2\u7ecf\u65e0\u6cd5"
    "\u627f\u53d7\u7e41\u91cd\u7684\u4ea4\u901a\u3002"
)
ENGLISH_WITH_NAMES = (
    "The council announced on Monday that the old bridge over the river will be rebuilt "
    "next spring; officials from \u0391\u03b8\u03ae\u03bd\u03b1 and \u5317\u4eac attended."
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (GREEK, "not English (written in Greek script)"),
        (CHINESE, "not English (written in CJK script)"),
        (SWEDISH, "not English (detected: sv)"),
        (DANISH, "not English (detected: da)"),
        (ENGLISH_WITH_NAMES, None),
    ],
)
def test_language_gate(text, reason):
    assert non_english_reason(text) == reason


def test_swedish_is_not_taken_for_german_or_dutch():
    assert detect_language(SWEDISH) == "sv"


def test_a_chinese_file_is_rejected_at_ingest(tmp_path):
    (tmp_path / "zh.txt").write_text(CHINESE * 3, "utf-8")
    [problem] = read_all(tmp_path / "zh.txt")
    assert isinstance(problem, Problem) and problem.stage == "language"


# ------------------------------------------------------------------ deep markup

PARAGRAPH = (
    "<p>The council voted on Monday to rebuild the old bridge over the river, officials "
    "said, after engineers found cracks in two of its piers during an inspection.</p>"
)


def deep_page(depth: int) -> str:
    return (
        "<html><head><title>Bridge to be rebuilt</title>"
        '<script>if (a < b) { x = "<div>"; }</script></head><body>'
        + '<div class="wrap">' * depth
        + PARAGRAPH * 3
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 1_000, 20_000])
def test_deeply_nested_html_keeps_its_text(depth):
    page = extract_article(deep_page(depth))
    assert page.body.count("engineers found cracks") == 3
    assert page.body.count("\n\n") == 2  # three paragraphs


def test_flattening_bounds_the_depth_and_leaves_shallow_pages_alone():
    assert markup_depth(deep_page(1_000)) > 1_000
    assert markup_depth(flatten_deep(deep_page(1_000))) <= 160
    shallow = deep_page(20)
    assert flatten_deep(shallow) is shallow


def test_a_deep_html_file_is_read(tmp_path):
    (tmp_path / "deep.html").write_text(deep_page(400), "utf-8")
    [raw] = read_all(tmp_path / "deep.html")
    assert isinstance(raw, RawInput) and "engineers found cracks" in raw.body


# ------------------------------------------------------------------ one paragraph, no title

BRIEF = (
    "Rescuers pulled 12 survivors from the rubble of a collapsed school in Dalmora on "
    "Monday, the regional governor said, and the search went on through the night."
)


def test_a_one_paragraph_text_without_a_title_keeps_its_text():
    """A brief pasted without a title: its only line is the article, not the headline."""
    from storyline.ingest.documents import build_document

    doc = build_document(RawInput(source="pasted.txt", raw=b"", body=BRIEF + "\n"), "d1")
    assert not isinstance(doc, Problem), doc
    assert doc.text == BRIEF
    assert doc.title and BRIEF.startswith(doc.title.rstrip("…"))


def test_a_headline_and_a_paragraph_still_split():
    from storyline.ingest.documents import build_document

    body = f"School collapses in Dalmora\n\n{BRIEF}\n"
    doc = build_document(RawInput(source="a.txt", raw=b"", body=body), "d1")
    assert doc.title == "School collapses in Dalmora" and doc.text == BRIEF
