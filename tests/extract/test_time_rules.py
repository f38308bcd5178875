"""Temporal expressions: rules, tense, normalisation, re-resolution."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.time_rules import match_times, time_rules
from storyline.extract.times import find_times, resolve_times
from storyline.lexicon import Knowledge
from storyline.lexicon.words import parse_number

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


# 2016-12-14 is a Wednesday; 2016-12-16 a Friday.
CASES = [
    ("The rebels entered the town on Monday.", "2016-12-14", "Monday", "date", "2016-12-12"),
    ("The minister will visit the base on Monday.", "2016-12-14", "Monday", "date", "2016-12-19"),
    ("The town was freed last March.", "2016-12-11", "last March", "date", "2016-03"),
    ("The garrison was freed in March.", "2016-12-11", "March", "date", "2016-03"),
    ("Talks will resume in March.", "2016-12-11", "March", "date", "2017-03"),
    (
        "Militias seized the fields over the weekend.",
        "2016-12-16",
        "the weekend",
        "date",
        "2016-W49-WE",
    ),
    (
        "Militias seized the fields at the weekend.",
        "2016-12-10",
        "the weekend",
        "date",
        "2016-W49-WE",
    ),
    ("The convoy left a few days ago.", "2016-12-16", "a few days ago", "date", "2016-W50"),
    ("The coalition has pushed east since August.", "2016-12-14", "August", "date", "2016-08"),
    (
        "Last week, a drone hit a truck near the river.",
        "2016-12-14",
        "Last week",
        "date",
        "2016-W49",
    ),
    (
        "The fighters came back after an eight-month absence.",
        "2016-12-14",
        "eight-month",
        "duration",
        "P8M",
    ),
    (
        "They held the town during the 10 months of occupation.",
        "2016-12-14",
        "the 10 months",
        "duration",
        "P10M",
    ),
    ("The flood struck on December 11, 2016.", None, "December 11, 2016", "date", "2016-12-11"),
    ("Elections were held in May 2015.", None, "May 2015", "date", "2015-05"),
    (
        "The file was stamped 14/05/2023 10:25 by the clerk.",
        None,
        "14/05/2023 10:25",
        "time",
        "2023-05-14T10:25",
    ),
    ("Turnout was low yesterday.", "2016-12-14", "yesterday", "date", "2016-12-13"),
    ("The vote is due next year.", "2016-12-14", "next year", "date", "2017"),
    ("Prices fell two years ago.", "2016-12-14", "two years ago", "date", "2014"),
    ("The dam was built in the 1990s.", None, "1990s", "date", "199"),
    (
        "Sales grew in the third quarter of 2015.",
        None,
        "the third quarter of 2015",
        "date",
        "2015-Q3",
    ),
]


@pytest.mark.parametrize(("sentence", "anchor", "text", "kind", "value"), CASES)
def test_expression_value(nlp, sentence, anchor, text, kind, value):
    times = find_times(nlp(sentence), anchor=anchor, rules=time_rules(K))
    got = {t.text: t for t in times}
    assert text in got, [t.text for t in times]
    assert got[text].kind == kind
    assert got[text].value == value


def test_precision_and_anchoring(nlp):
    times = find_times(
        nlp("The army left on Monday, in March and in 2015."), "2016-12-14", rules=time_rules(K)
    )
    by_text = {t.text: t for t in times}
    assert by_text["Monday"].precision == "day" and by_text["Monday"].anchored
    assert by_text["March"].precision == "month"
    assert by_text["2015"].precision == "year" and not by_text["2015"].anchored


def test_hours_later_follows_the_previous_date(nlp):
    doc = nlp("The gunmen entered the town on Saturday. They seized the citadel hours later.")
    times = find_times(doc, "2016-12-14", rules=time_rules(K))
    assert [t.value for t in times] == ["2016-12-10", "2016-12-10"]


def test_relative_expressions_re_resolve_against_a_new_anchor(nlp):
    times = find_times(
        nlp("The envoy complained on Monday about the raid."), anchor=None, rules=time_rules(K)
    )
    assert times[0].value == "XXXX-WXX-1" and not times[0].anchored
    resolve_times(times, "2016-12-12")
    assert times[0].value == "2016-12-12" and times[0].anchored
    resolve_times(times, "2016-12")  # a month-level anchor gives a month
    assert times[0].value == "2016-12" and times[0].precision == "month"


@pytest.mark.parametrize(
    "sentence",
    [
        "Winter said the group would keep pushing.",
        "Readers of USA Today wrote in.",
        "You may march on the capital.",
        "The 5-year-old boy was unhurt.",
    ],
)
def test_not_time_expressions(sentence):
    assert [c for c in match_times(sentence, time_rules(K)) if c.kind != "duration"] == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_rules_never_crash_and_spans_are_ordered(text):
    found = match_times(text, time_rules(K))
    last_end = -1
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert c.start >= last_end
        last_end = c.end


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_parse_number_reads_grouped_digits(n):
    assert parse_number(f"{n:,}", K.numbers) == n


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("Four thousand one hundred", 4100),
        ("twenty-five", 25),
        ("2.5 million", 2_500_000),
        ("several thousand", 3000),
        ("a dozen", 12),
        ("dozens", 12),
        ("hundreds", 100),
        ("one hundred and fifty", 150),
    ],
)
def test_number_words(phrase, value):
    assert parse_number(phrase, K.numbers) == value
