"""Attribution beyond 'X said': stances, plans, noun and adjective cues, 'as X noted',
definite-description speakers, raising passives and link lists (snippets of our own)."""

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
    return quotes, find_accusations(doc, mentions, quotes, K), mentions


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("The mayor wants to close the harbour road before winter.", "mayor", "close the harbour"),
        ("Farmers called for an end to the grain export ban.", "Farmers", "an end to the grain"),
        ("The union endorsed the new wage agreement on Friday.", "union", "new wage agreement"),
        ("As the ministry noted, the dam has never been inspected.", "ministry", "dam has never"),
        (
            "Governor Ruth Alden's suggestion that the bridge be sold angered residents.",
            "Alden",
            "the bridge be sold",
        ),
        ("The council is concerned about the cost of the new tunnel.", "council", "the cost"),
        ("A poll shows the incumbent ahead by nine points.", "poll", "incumbent ahead"),
    ],
)
def test_attitude_and_stance_constructions(nlp, text, speaker, content):
    quotes, _, _ = _run(nlp, text)
    found = [q for q in quotes if q.kind == "indirect" and content in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    assert speaker.lower() in (found[0].speaker_text or "").lower()


def test_nested_statement_is_part_of_the_outer_one(nlp):
    quotes, _, _ = _run(nlp, "Senator Ivo Marsh said he supports the new port tax.")
    assert len(quotes) == 1 and "supports the new port tax" in quotes[0].text


def test_knowing_is_not_a_statement_without_a_clause(nlp):
    quotes, _, _ = _run(nlp, "The guide knows the mountain paths well.")
    assert quotes == []


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike killed three men who where said to be couriers for the cell.",
        "A drone strike killed three men who were said to be couriers for the cell.",
        "The commander is said to have fled across the river.",
    ],
)
def test_raising_passives_are_not_speech_by_the_subject(nlp, text):
    quotes, _, _ = _run(nlp, text)
    speakers = [(q.speaker_text or "").lower() for q in quotes]
    assert not [s for s in speakers if "men" in s or "commander" in s], speakers


def test_link_list_headlines_are_not_statements(nlp):
    text = (
        "The town changed hands twice in a year.\n\n"
        "Army says it retook the airport -- Daily Courier\n"
        "Rebels claim they still hold the bridge -- The Northern Post\n\n"
        "The army said it retook the airport on Sunday."
    )
    quotes, _, _ = _run(nlp, text)
    assert [q.text for q in quotes] == ["it retook the airport on Sunday"]


TEAM = (
    "Lt. Gen. Stephen Marlow commands the coalition. White House press secretary "
    "Josh Ellery spoke on Monday. Anna Berg, the defence minister, visited the front.\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The U.S. general in charge of the coalition said the strikes would go on.", "Marlow"),
        ("The spokesman said the talks had failed.", "Ellery"),
        ("The minister said the army was ready.", "Berg"),
    ],
)
def test_definite_description_speaker_is_the_named_person(nlp, sentence, name):
    quotes, _, mentions = _run(nlp, TEAM + sentence)
    q = [q for q in quotes if q.start >= len(TEAM)]
    assert q, quotes
    person = next(m for m in mentions if name in m.text)
    assert q[0].speaker_cluster == person.cluster
    assert name in (q[0].speaker_text or "")


def test_definite_description_links_the_accuser(nlp):
    _, accusations, mentions = _run(nlp, TEAM + "The spokesman blamed the rebels for the attack.")
    person = next(m for m in mentions if "Ellery" in m.text)
    assert [a.accuser_cluster for a in accusations] == [person.cluster]


def test_ambiguous_description_stays_unlinked(nlp):
    text = (
        "Army spokesman Omar Reyes and police spokesman Lina Voss spoke separately.\n\n"
        "The spokesman said the curfew would be lifted."
    )
    quotes, _, _ = _run(nlp, text)
    q = [q for q in quotes if "curfew" in q.text]
    assert q and q[0].speaker_cluster is None
