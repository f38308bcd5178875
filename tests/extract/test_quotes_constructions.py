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


# Issue 11, fresh audits: verbs and subjects that report no one's words (snippets of our own).


def _said(quotes):
    return {q.text: q.speaker_text for q in quotes}


def test_describing_names_a_topic_unless_the_verb_says_what_it_is(nlp):
    quotes, _, _ = _run(
        nlp,
        "That was how the chairman once described the failed merger with the printer. "
        "The chairman described the merger as a costly mistake.",
    )
    said = _said(quotes)
    assert not any("failed merger" in t for t in said)
    assert any("costly mistake" in t for t in said)


def test_the_addressee_of_an_apology_is_not_its_words(nlp):
    quotes, _, _ = _run(nlp, "The senator went to the chapel to apologize to the pastors.")
    assert not any("pastors" in q.text for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "The harbour plan is too costly to seriously argue that the city can afford it.",
        "Exports rose by 20 percent when compared with the year before the tariff.",
        "Many voters find the senator intolerable.",
        "You can call it a disaster for the valley.",
        "Numbers show more than 600 people have voted in the county.",
    ],
)
def test_no_one_speaks(nlp, text):
    quotes, _, _ = _run(nlp, text)
    assert not [q for q in quotes if q.speaker_text], [(q.speaker_text, q.text) for q in quotes]


def test_a_demonstrative_is_no_speaker(nlp):
    quotes, _, _ = _run(
        nlp,
        "The landers need three launches, and those that proposed the rocket argued "
        "that it was cheaper.",
    )
    assert all((q.speaker_text or "").lower() != "those" for q in quotes)


def test_a_denial_of_it_is_a_statement(nlp):
    quotes, _, _ = _run(
        nlp, "The mayor blamed the Forest Institute for the fire. The Forest Institute denies it."
    )
    assert any(q.text == "it" and "Forest Institute" in (q.speaker_text or "") for q in quotes)


def test_a_that_clause_hung_on_the_statement_is_what_was_said(nlp):
    quotes, _, _ = _run(
        nlp,
        "The Danish government, which does not pay ransoms, said in a statement that "
        "Denmark had made no payment.",
    )
    assert any(q.text == "Denmark had made no payment" and q.speaker_text for q in quotes)


def test_a_medium_without_its_author_is_no_speaker(nlp):
    quotes, _, _ = _run(
        nlp,
        "The label has sued the singer.\n"
        "“The truth is that she owes our company millions of dollars,” the statement continued.",
    )
    assert quotes and all(q.speaker_text is None for q in quotes)


def test_a_name_modifying_the_speaker_noun_is_not_the_speaker(nlp):
    quotes, _, _ = _run(
        nlp,
        "Mayor Ruth Alden opened the ferry terminal on Monday. "
        "Alden campaign allies argued on Tuesday that the ferry plan would fail.",
    )
    found = [q for q in quotes if "ferry plan would fail" in q.text]
    assert found and found[0].speaker_text == "Alden campaign allies"
    assert found[0].speaker_cluster is None


def test_a_manner_of_speaking_verb_is_a_cue(nlp):
    quotes, _, _ = _run(
        nlp, "“Your speech was right on target and the crowd loved it,” Ruth Alden gushed."
    )
    assert quotes and "Alden" in (quotes[0].speaker_text or "")


def test_a_quoted_word_under_a_negated_cue_does_not_take_the_next_quote(nlp):
    quotes, _, _ = _run(
        nlp,
        "“There is new evidence in the harbour case, and it could be damaging,” Ivo Marsh "
        "said, though the police have not said the case is “reopened”. “Remember, a warrant "
        "needs probable cause, and they had probable cause for the ledgers.”",
    )
    found = [q for q in quotes if "probable cause" in q.text]
    assert found and "Marsh" in (found[0].speaker_text or "")
    assert not any(q.text == "reopened" and q.speaker_text for q in quotes)


def test_fragments_cut_across_brackets_and_headline_runs_are_no_statements():
    from storyline.extract.quotes import _before_open_bracket, _crosses_bracket, _headline

    assert _crosses_bracket("using the rocket): as many as three launches per lander")
    assert not _crosses_bracket("the plan (a loan) would pass")
    assert _before_open_bracket("revenue is flat ($13 billion") == len("revenue is flat")
    assert _before_open_bracket("the plan (a loan) would pass") == len(
        "the plan (a loan) would pass"
    )
    assert _headline("Will Join in Ferry Effort Despite Finding No Toll FraudMayor")
    assert not _headline("Mayor Calls On Voters To Back The Ferry Plan")
    assert not _headline("the ferry plan would fail before the winter")


def test_a_circumstance_is_not_what_was_praised(nlp):
    quotes, _, _ = _run(nlp, "The mayor praised the firefighters during the storm.")
    found = [q for q in quotes if "firefighters" in q.text]
    assert found and "storm" not in found[0].text


def test_the_tag_after_a_names_apposition_gives_the_speaker(nlp):
    quotes, _, _ = _run(
        nlp,
        "“The mission needed only one launch,” Tom Stafford, a member of the old crew, responded.",
    )
    assert quotes and "Stafford" in (quotes[0].speaker_text or "")


def test_a_sentence_of_narration_ends_the_follow_on(nlp):
    quotes, _, _ = _run(
        nlp,
        "“The mission needed only one launch,” Tom Stafford responded. He then mentioned the "
        "earlier testimony of Doug Cooke. “I cannot disagree with it.”",
    )
    assert not any("cannot disagree" in q.text and q.speaker_text for q in quotes)


def test_a_word_quoted_in_a_finding_is_no_quotation(nlp):
    quotes, _, _ = _run(
        nlp,
        "A study by the Harbour Institute found that the channel gave an edge to the "
        "“remain” camp.",
    )
    assert not any(q.kind == "direct" and q.speaker_text for q in quotes)


def test_a_contrasting_clause_is_a_statement_of_its_own(nlp):
    quotes, _, _ = _run(
        nlp,
        "The Valdorian government says four soldiers died. The UN mission said at least 12 "
        "soldiers had been killed, while the government maintains that no civilians died.",
    )
    said = _said(quotes)
    assert "at least 12 soldiers had been killed" in said
    assert any(t.startswith("no civilians died") and s for t, s in said.items())


def test_a_confirmation_of_a_fact_is_a_statement(nlp):
    quotes, _, _ = _run(nlp, "The harbour authority confirmed the deaths of two divers.")
    found = [q for q in quotes if q.text.startswith("the deaths")]
    assert found and "authority" in (found[0].speaker_text or "")
