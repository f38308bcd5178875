"""Datelines, publication dates, outlets and document types."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.clean import clean_lines
from storyline.ingest.dates import find_date, normalise_published, parse_dateline
from storyline.ingest.documents import build_document, content_hash
from storyline.ingest.metadata import classify_doc_type, first_person_rate, outlet_from_url
from storyline.models import Document, RawInput

LEAD = (
    "The regional council approved the new harbour budget on Tuesday after a debate "
    "that lasted well into the night, officials said. Opposition members said the plan "
    "ignored the fishing communities on the coast and promised to fight it in court."
)


def doc(body: str, **meta) -> Document:
    built = build_document(RawInput(source="fixture.txt", raw=body, body=body, **meta), "d1")
    assert isinstance(built, Document), built
    return built


# ------------------------------------------------------------------------ datelines


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Sunday, December 11, 2016", "2016-12-11"),
        ("16 December, 2016", "2016-12-16"),
        ("14/05/2023 10:25", "2023-05-14"),
        ("05/14/2023", "2023-05-14"),
        ("03/04/2023", "2023-04-03"),  # ambiguous: day first by default
        ("2023-05-14", "2023-05-14"),
        ("2023-05-14T10:25:00Z", "2023-05-14"),
        ("Dec. 11, 2016", "2016-12-11"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("March 6th, 2024", "2024-03-06"),
        ("Thursday 2nd of March 2017", "2017-03-02"),
        ("Published: Monday 4 March 2024, 09:40 CAT", "2024-03-04"),
        ("Updated on 14.05.2023 at 10:25 a.m.", "2023-05-14"),
        ("Posted on Oct 16 2023 | 8:05 PM EDT", "2023-10-16"),
        ("By Marta Silva | May 3, 2024", "2024-05-03"),
    ],
)
def test_dateline_formats(line, iso):
    assert parse_dateline(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "The town fell on December 11, 2016, after a week of fighting around the citadel.",
        "Sunday, December 11, 1816",  # no sane year
        "31/02/2016",  # no such day
        "December 2016",  # no day
        "Chapter 12, 2016 edition",
        "Call 0800 123 456 for help",
        "",
    ],
)
def test_not_datelines(line):
    assert parse_dateline(line) is None


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_dateline_parser_never_crashes(text):
    out = parse_dateline(text)
    assert out is None or (len(out) == 10 and out[4] == "-" and out[7] == "-")


@given(st.from_regex(r"[0-9/.\- :a-zA-Z,]{0,40}", fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_dateline_parser_never_crashes_on_date_like_strings(text):
    parse_dateline(text)
    normalise_published(text)


def test_find_date_inside_a_sentence():
    iso, m = find_date("Fighting resumed on 16 December, 2016 near the airbase.")
    assert iso == "2016-12-16"
    assert m.group(0).startswith("16 December")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2016-12-11T08:00:00+00:00", "2016-12-11"),
        ("Sun, 11 Dec 2016 08:00:00 GMT", "2016-12-11"),
        ("2016-12", "2016-12"),
        ("2016", "2016"),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_metadata_dates_are_normalised(value, iso):
    assert normalise_published(value) == iso


def test_published_from_metadata_then_text_then_null():
    body = "Council backs harbour plan\n\n14/05/2023 10:25\n\n" + LEAD
    assert (doc(body).published, doc(body).published_from) == ("2023-05-14", "text")
    d = doc(body, published="2023-05-13T22:00:00Z")
    assert (d.published, d.published_from) == ("2023-05-13", "metadata")
    assert "14/05/2023 10:25" in d.removed  # the dateline is gone either way
    d = doc("Council backs harbour plan\n\n" + LEAD)
    assert (d.published, d.published_from) == (None, None)


def test_date_in_body_far_from_top_is_not_a_dateline():
    filler = "\n".join(f"Paragraph {i} of the story has words in it." for i in range(12))
    d = doc("Council backs harbour plan\n" + filler + "\nMay 3, 2024\n" + LEAD)
    assert d.published is None
    assert "May 3, 2024" in d.text


def test_by_a_weekday_is_not_a_byline():
    cleaned = clean_lines(["Headline", "By Tuesday, the council had approved the plan"])
    assert cleaned.author is None
    assert cleaned.paragraphs == ["By Tuesday, the council had approved the plan"]


# --------------------------------------------------------------------------- outlet


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("http://www.example-news.com/2016/12/palm", "example-news.com"),
        ("https://m.example-news.com/a", "example-news.com"),
        ("https://www.arabnews.com/node/1", "Arab News"),
        ("https://edition.cnn.com/2016/12/11/x", "CNN"),
        ("https://harbour-times.example/a", "harbour-times.example"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_outlet_order_metadata_source_line_url():
    body = "Council backs harbour plan\n\n" + LEAD + "\n\nSource: Harbour Times"
    url = "https://www.coast-weekly.example/x"
    assert doc(body, url=url, outlet="Tide FM").outlet == "Tide FM"
    assert doc(body, url=url).outlet == "Harbour Times"
    assert doc("Council backs harbour plan\n\n" + LEAD, url=url).outlet == "coast-weekly.example"


# ------------------------------------------------------------------------- doc type

OPINION_BODY = (
    "I have covered this harbour for twenty years and I have never seen a budget this "
    "careless. My view is simple: the council should start again. I asked three "
    "councillors what the plan means for fishermen and none of them could tell me. "
    "I doubt they have read it."
)


def test_report():
    assert doc("Council backs harbour plan\n\n" + LEAD).doc_type == "report"


def test_opinion_by_section_label():
    body = "Council backs harbour plan\n\n" + LEAD + "\n\nMy Comment:\n\nA bad plan, badly sold."
    assert doc(body).doc_type == "opinion"


@pytest.mark.parametrize("title", ["Opinion: the harbour plan", "Editorial | A harbour too far"])
def test_opinion_by_title(title):
    assert doc(LEAD, title=title).doc_type == "opinion"


def test_opinion_by_first_person_density():
    assert doc("Harbour plan is a mess\n\n" + OPINION_BODY).doc_type == "opinion"


def test_first_person_inside_quotes_does_not_make_an_opinion():
    quoted = (
        '"I think the plan is a mistake and I will vote against it, as my colleagues know," '
        '"I told them so," the mayor said. ' + LEAD
    )
    count, _rate = first_person_rate(quoted)
    assert count == 0
    assert doc("Mayor opposes harbour plan\n\n" + quoted).doc_type == "report"


def test_aggregation_by_link_list():
    body = "\n".join(
        [
            "Harbour news roundup",
            "The council approved the harbour budget on Tuesday.",
            "Read more ....",
            "Council approves harbour plan after long debate -- Harbour Times",
            "Fishermen protest outside council hall -- Coast Weekly",
            "What the new harbour budget means for you -- The Daily Tide",
        ]
    )
    assert doc(body).doc_type == "aggregation"


def test_long_report_with_a_related_line_stays_a_report():
    body = "Council backs harbour plan\n\n" + "\n\n".join([LEAD] * 8) + "\n\nRelated Content"
    assert doc(body).doc_type == "report"


@pytest.mark.parametrize(
    "body",
    [
        "FOR IMMEDIATE RELEASE\n\nHarbour Authority announces new berth\n\n" + LEAD,
        "Statement by the Ministry of Fisheries on the harbour plan\n\n" + LEAD,
        "Harbour berth opens\n\nThe Ministry of Fisheries is pleased to announce that the new "
        "berth will open on Monday.\n\nMedia contact: press office\n\nENDS",
    ],
)
def test_statement(body):
    assert doc(body).doc_type == "statement"


def test_other_for_almost_no_text():
    assert classify_doc_type("Gallery", ["Photos of the week."]) == "other"


def test_content_hash_ignores_whitespace_only_changes():
    assert content_hash("A  harbour\nplan.") == content_hash("A harbour plan.")
    assert content_hash("A harbour plan.") != content_hash("A harbour plan!")


# -------------------------------------------------------------- seeds (acceptance)


@pytest.fixture(scope="module")
def seed_docs(seeds_dir):
    docs = []
    for i, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        built = build_document(RawInput(source=str(path), raw=text, body=text), f"d{i + 1}")
        assert isinstance(built, Document), built
        docs.append(built)
    return docs


def test_seed_dates(seed_docs):
    dated = sorted(d.published for d in seed_docs if d.published)
    assert dated == ["2016-12-11", "2016-12-16", "2017-03-02"]
    assert all(d.published_from == "text" for d in seed_docs if d.published)
    assert all(d.published_from is None for d in seed_docs if not d.published)


def test_seed_opinion_post(seed_docs):
    opinion = [d for d in seed_docs if d.doc_type == "opinion"]
    assert len(opinion) == 1
    assert any(p.strip().lower().startswith("my comment") for p in opinion[0].text.split("\n"))


def test_seed_aggregation_and_reports(seed_docs):
    types = sorted(d.doc_type for d in seed_docs)
    assert types == ["aggregation", "opinion", "report", "report", "report"]


def test_seed_outlet_from_source_line(seed_docs):
    with_outlet = [d for d in seed_docs if d.outlet]
    assert len(with_outlet) == 1
    d = with_outlet[0]
    assert any(r.startswith("Source:") and d.outlet in r for r in d.removed)
