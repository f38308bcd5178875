"""Accusations and reported speech over snippets of our own."""

from __future__ import annotations

import pytest

from storyline.extract.accusations import find_accusations
from storyline.extract.mentions import find_mentions
from storyline.extract.quotes import find_quotes
from storyline.lexicon import Knowledge

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def _run(nlp, text):
    doc = nlp(text)
    mentions = find_mentions(doc)
    quotes = find_quotes(doc, mentions, K)
    return quotes, find_accusations(doc, mentions, quotes, K)


def _pairs(accusations):
    return {(a.accuser_text, x) for a in accusations for x in a.accused_texts}


def _has(accusations, accuser, accused):
    return any(
        accuser.lower() in (a.accuser_text or "").lower()
        and any(accused.lower() in x.lower() for x in a.accused_texts)
        for a in accusations
    )


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("The mayor blamed the water company for the outbreak.", "mayor", "water company"),
        ("Greenland accused Denmark of ignoring the fishermen.", "Greenland", "Denmark"),
        (
            "Minister Paula Roth said the northern rebels are to blame for the blackout.",
            "Roth",
            "rebels",
        ),
        (
            "“We are left to clear up the chaos created by Norland,” said Mayor Ida Stam.",
            "Stam",
            "Norland",
        ),
        (
            "The union on Friday deplored the lack of cooperation from the ministry.",
            "union",
            "ministry",
        ),
    ],
)
def test_who_blames_whom(nlp, text, accuser, accused):
    _, accusations = _run(nlp, text)
    assert _has(accusations, accuser, accused), _pairs(accusations)


def test_no_accusation_without_blame(nlp):
    _, accusations = _run(nlp, "The minister visited the flooded villages on Tuesday.")
    assert accusations == []


def test_blame_inside_a_quote_belongs_to_its_speaker(nlp):
    text = (
        "“The delays were caused by the contractor, not by us,” said engineer Omar Farah.\n"
        "“Frankly, the contractor is responsible for this mess,” he added."
    )
    _, accusations = _run(nlp, text)
    assert _has(accusations, "Farah", "contractor"), _pairs(accusations)


@pytest.mark.parametrize(
    ("text", "speaker", "content", "cue"),
    [
        (
            "Officials said that the road would reopen.",
            "Officials",
            "road would reopen",
            "said",
        ),
        ("The mayor told reporters the budget was balanced.", "mayor", "the budget was", "told"),
        ("Anna Berg warned that prices would rise again.", "Berg", "prices would rise", "warned"),
        ("The company denied that it had sold the data.", "company", "it had sold", "denied"),
        ("According to the coastguard, six boats are missing.", "coastguard", "six boats", None),
        (
            "Police chief Tom Hale says the streets are safe.",
            "Hale",
            "streets are safe",
            "says",
        ),
        ("The ministry claimed its forces had held the line.", "ministry", "had held", "claimed"),
    ],
)
def test_indirect_speech(nlp, text, speaker, content, cue):
    quotes, _ = _run(nlp, text)
    found = [q for q in quotes if q.kind == "indirect" and content in q.text]
    assert found, quotes
    q = found[0]
    assert speaker.lower() in (q.speaker_text or "").lower()
    assert q.cue is not None and (cue is None or q.cue == cue)
    assert "that " not in q.text[:5]


def test_first_person_narration_is_not_reported_speech(nlp):
    quotes, _ = _run(nlp, "I think the town will fall again before spring.")
    assert quotes == []


def test_passive_reports_have_no_speaker(nlp):
    quotes, _ = _run(nlp, "The men were said to be smugglers from the coast.")
    assert [q for q in quotes if q.kind == "indirect"] == []


def test_a_duty_is_no_blame(nlp):
    _, accusations = _run(
        nlp,
        '"The Fourth Amendment right to privacy carries with it the responsibility that '
        'officers not enter homes without cause," Ruiz said in a statement. The governor '
        "said the militia bears responsibility for the attack.",
    )
    assert not any("Amendment" in x for a in accusations for x in a.accused_texts)
    assert _has(accusations, "governor", "militia")
