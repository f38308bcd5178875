"""Control assertions read from the parse: each control verb, denials, background
history, and what is not a change (intentions, entries pushed back)."""

from __future__ import annotations

import pytest

from storyline.extract.control import find_controls
from storyline.extract.mentions import find_mentions
from storyline.extract.quotes import find_quotes
from storyline.extract.time_rules import time_rules
from storyline.extract.times import find_times
from storyline.lexicon import Knowledge

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def read(nlp, text: str, published: str = "2023-06-12"):
    doc = nlp(text)
    mentions = find_mentions(doc)
    times = find_times(doc, anchor=published, rules=time_rules(K))
    found = find_controls(doc, mentions, times, find_quotes(doc, mentions, K), K)
    return found, times


def changes(nlp, text: str, published: str = "2023-06-12"):
    found, times = read(nlp, text, published)
    return [c for c in found if c.kind == "change"], times


@pytest.mark.parametrize(
    ("text", "place", "gainer", "loser"),
    [
        ("Islamic State fighters seized Mosul on Tuesday.", "Mosul", "Islamic State", None),
        ("Islamic State militants overran Ramadi on Sunday.", "Ramadi", "Islamic State", None),
        (
            "Islamic State captured Palmyra from the Syrian army on Saturday.",
            "Palmyra",
            "Islamic State",
            "Syrian",
        ),
        ("On Friday Sirte fell to Islamic State.", "Sirte", "Islamic State", None),
        (
            "The Iraqi army retook the city of Ramadi from Islamic State on Monday.",
            "Ramadi",
            "Iraqi",
            "Islamic State",
        ),
        (
            "The Syrian army recaptured Palmyra from Islamic State on Thursday.",
            "Palmyra",
            "Syrian",
            "Islamic State",
        ),
        ("The Iraqi army liberated Mosul on Monday.", "Mosul", "Iraqi", None),
        ("Islamic State withdrew from Raqqa on Friday.", "Raqqa", None, "Islamic State"),
        (
            "Islamic State handed Raqqa over to the Syrian army on Friday.",
            "Raqqa",
            "Syrian",
            "Islamic State",
        ),
        ("Islamic State fighters re-entered Palmyra on Sunday.", "Palmyra", "Islamic State", None),
    ],
)
def test_each_control_verb(nlp, text, place, gainer, loser):
    found, times = changes(nlp, text)
    assert len(found) == 1, found
    c = found[0]
    assert c.place_text == place
    if gainer:
        assert gainer in (c.gainer_text or "")
    if loser:
        assert loser in (c.loser_text or "")
    assert c.time is not None and times[c.time].precision == "day"


def test_background_history_gives_both_changes(nlp):
    found, times = changes(nlp, "Islamic State held Palmyra from May 2015 to March 2016.")
    assert [(c.background, times[c.time].value) for c in found] == [
        (True, "2015-05"),
        (True, "2016-03"),
    ]
    gained, lost = found
    assert "Islamic State" in (gained.gainer_text or "") and gained.loser_text is None
    assert "Islamic State" in (lost.loser_text or "") and lost.gainer_text is None


def test_claimed_and_denied(nlp):
    text = (
        "Islamic State said its fighters had captured Ramadi on Sunday. "
        "The Iraqi defence ministry said Ramadi had never fallen."
    )
    found, _ = read(nlp, text)
    change = [c for c in found if c.kind == "change"]
    deny = [c for c in found if c.kind == "deny"]
    assert len(change) == 1 and change[0].attributed == "said"
    assert len(deny) == 1 and deny[0].place_text == "Ramadi"


def test_called_false_in_its_own_sentence(nlp):
    text = "The army claimed it had retaken Ramadi on Monday, a claim Islamic State called false."
    found, _ = changes(nlp, text)
    assert len(found) == 1
    assert found[0].attributed == "claim" and found[0].denied


def test_remaining_in_a_place_is_a_denial(nlp):
    found, _ = read(nlp, '"Our fighters remain in Ramadi," the Islamic State statement said.')
    assert [c.kind for c in found] == ["deny"]


@pytest.mark.parametrize(
    "text",
    [
        "The army is expected to try to retake Mosul from Islamic State.",
        "If Islamic State captures Ramadi, the road will be cut.",
        "The army could recapture Palmyra within weeks.",
        "Islamic State briefly entered Palmyra on Saturday before being forced to withdraw.",
        "Islamic State fighters were repelled after they briefly seized Palmyra on Saturday.",
    ],
)
def test_not_a_change(nlp, text):
    found, _ = changes(nlp, text)
    assert found == []
