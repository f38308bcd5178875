"""Publication dates from an opening dateline, a signature line and the page URL."""

from __future__ import annotations

from datetime import date

from storyline.ingest.documents import build_document
from storyline.ingest.frame_dates import (
    opening_dateline,
    signature_date,
    url_date,
    year_less_dateline,
)
from storyline.models import RawInput
from storyline.reconcile.dates import _dated_dateline


def test_opening_dateline_with_weekday_and_agency() -> None:
    assert opening_dateline(["KANO, Thursday, March 3, 2022 — Traders in the city said"]) == (
        "2022-03-03"
    )
    assert opening_dateline(["PORTO, Portugal, Friday, 4 July 2025 (Wire) - Crews"]) == (
        "2025-07-04"
    )


def test_a_sentence_mentioning_a_date_is_no_dateline() -> None:
    assert opening_dateline(["The strike began on May 3, 2021 - and it lasted"]) is None
    assert opening_dateline(["the flood of 12 June 2019 - residents recall"]) is None


def test_year_less_dateline_gives_month_and_day_only() -> None:
    assert year_less_dateline("KANO, Mar 3 (Wire) - Traders said.\n\nMore text.") == (3, 3)
    assert opening_dateline(["KANO, Mar 3 (Wire) - Traders said."]) is None
    assert year_less_dateline("Traders said on Mar 3 that prices rose.") is None


def test_year_less_dateline_takes_the_story_window_year_not_a_background_year() -> None:
    window = [date(2022, 2, 27), date(2022, 3, 9)]
    assert _dated_dateline((3, 3), window, None) == "2022-03-03"
    # the window straddles new year: December goes to the earlier year
    assert _dated_dateline((12, 30), [date(2021, 12, 29), date(2022, 1, 4)], None) == ("2021-12-30")
    # alone: on or after the latest full date the text gives
    assert _dated_dateline((1, 4), [], date(2021, 12, 20)) == "2022-01-04"
    assert _dated_dateline((1, 4), [], None) is None


def test_signature_lines() -> None:
    assert signature_date(["Text of the statement.", "Accra, 21st June 2023", "J. Mensah"]) == (
        "2023-06-21"
    )
    assert signature_date(["Text.", "Done at Kano, 2 March 2022", "The Commissioner"]) == (
        "2022-03-02"
    )
    assert signature_date(["Text.", "Dated this 9th day of April, 2020."]) == "2020-04-09"
    assert signature_date(["Text.", "Quito, 4 de julio de 2024"]) == "2024-07-04"
    assert signature_date(["Text.", "Fait à Dakar, le 3 mars 2021"]) is None  # 'le' not a place
    assert signature_date(["The dam burst on 5 May 2011.", "More text follows here."]) is None


def test_url_dates() -> None:
    assert url_date("https://news.example/world/2023/03/18/floods-hit") == "2023-03-18"
    assert url_date("https://news.example/briefing/2023-03-18-floods") == "2023-03-18"
    assert url_date("https://news.example/20230318/floods") == "2023-03-18"
    assert url_date("https://news.example/ports/2021/05/strike-ends") == "2021-05"
    assert url_date("https://news.example/story/1852/a") is None
    assert url_date(None) is None


def test_build_document_reads_the_dateline_then_signature_then_url() -> None:
    body = "Headline here\nKANO, Thursday, March 3, 2022 — Traders said prices rose.\n"
    doc = build_document(RawInput(source="a.txt", raw=body, body=body), "d1")
    assert (doc.published, doc.published_from) == ("2022-03-03", "text")
    body = "Headline here\nThe council met to discuss the budget.\n\nAccra, 21st June 2023\n"
    doc = build_document(RawInput(source="b.txt", raw=body, body=body), "d2")
    assert doc.published == "2023-06-21"
    body = "Headline here\nThe council met in 2019 to discuss the budget.\n"
    raw = RawInput(source="c", raw=body, body=body, url="https://x.example/2024/02/07/council")
    doc = build_document(raw, "d3")
    assert (doc.published, doc.published_from) == ("2024-02-07", "metadata")
