"""Speaker rules from the seed-101 attribution audit's error classes: abstract nouns as
speakers, words only described, a question put to someone, a relayed statement that names
its own speaker (snippets of our own)."""

from __future__ import annotations

from storyline.extract.mentions import find_mentions
from storyline.extract.quotes import find_quotes
from storyline.lexicon import Knowledge

K = Knowledge.shared()


def _quotes(nlp, text):
    doc = nlp(text)
    return find_quotes(doc, find_mentions(doc), K)


def _speakers(quotes):
    return [(q.speaker_text, q.text) for q in quotes]


def test_rumours_are_not_a_speaker(nlp):
    quotes = _quotes(nlp, "The flood was followed by rumours suggesting the dam had been opened.")
    assert not any(q.text.startswith("the dam") for q in quotes), _speakers(quotes)


def test_a_step_is_not_a_speaker(nlp):
    text = "The first step toward a calm home is figuring out what quiet means to you."
    quotes = _quotes(nlp, text)
    assert quotes == [], _speakers(quotes)


def test_a_body_figuring_out_still_speaks(nlp):
    text = "The council is figuring out what the rules mean for renters."
    quotes = _quotes(nlp, text)
    assert [q.speaker_text for q in quotes] == ["The council"], _speakers(quotes)


def test_words_only_described_are_no_statement(nlp):
    text = "The minister has offered warm words about the king, but denied any deal."
    quotes = _quotes(nlp, text)
    assert not any("warm words" in q.text for q in quotes), _speakers(quotes)


def test_a_question_put_to_someone_is_not_their_statement(nlp):
    text = "On the radio show, the governor was asked why she thinks her plan is not more popular."
    quotes = _quotes(nlp, text)
    assert quotes == [], _speakers(quotes)


def test_a_statement_naming_its_speaker_is_not_the_relays(nlp):
    text = (
        "So far, there is no sign the two outbreaks are linked, the provincial health "
        "bureau said, according to Reuters."
    )
    quotes = _quotes(nlp, text)
    assert quotes, _speakers(quotes)
    assert all(q.speaker_text != "Reuters" for q in quotes), _speakers(quotes)
    assert any("health bureau" in (q.speaker_text or "") for q in quotes), _speakers(quotes)


def test_according_to_alone_still_gives_the_source(nlp):
    text = "The two outbreaks are not linked, according to the provincial health bureau."
    quotes = _quotes(nlp, text)
    assert any("health bureau" in (q.speaker_text or "") for q in quotes), _speakers(quotes)


def test_a_name_inside_the_speakers_phrase_is_someone_else(nlp):
    text = (
        "Mara Lind died in March. Although representatives of Mara Lind's family suggested "
        "the singer may have been poisoned, the coroner found no evidence."
    )
    quotes = _quotes(nlp, text)
    found = [q for q in quotes if q.text.startswith("the singer")]
    assert found and found[0].speaker_cluster is None, _speakers(quotes)
    assert found[0].speaker_text.startswith("representatives"), _speakers(quotes)


def test_a_named_spokesman_keeps_his_name(nlp):
    text = "The spokesman for the council, Ivan Petrov, said the bridge will close."
    quotes = _quotes(nlp, text)
    assert [q.speaker_text for q in quotes] == ["Ivan Petrov"], _speakers(quotes)


def test_the_company_after_another_body_named_as_subject_is_left_open(nlp):
    text = (
        "Harbor Media Holdings owns many papers. Earlier this year, Coastline reportedly cut "
        'more than 60 jobs (the company would not give the number but called it "minor").'
    )
    quotes = _quotes(nlp, text)
    found = [q for q in quotes if q.text == "minor"]
    assert found and found[0].speaker_cluster is None, _speakers(quotes)


def test_the_company_still_resolves_when_no_other_body_intervenes(nlp):
    text = (
        "Harbor Media Holdings owns many papers. Earlier this year, the company reportedly "
        'cut 60 jobs, and it called the cuts "minor".'
    )
    quotes = _quotes(nlp, text)
    assert any(q.speaker_cluster for q in quotes), _speakers(quotes)


def test_a_relayed_statement_gets_its_own_speaker(nlp):
    text = (
        "As yet, there is no firm evidence tying the third case to the earlier two, the "
        "Inner Mongolia health commission said, according to Reuters."
    )
    quotes = _quotes(nlp, text)
    assert all(q.speaker_text != "Reuters" for q in quotes), _speakers(quotes)
    found = [q for q in quotes if q.text.startswith("As yet")]
    assert len(found) == 1 and "health commission" in found[0].speaker_text, _speakers(quotes)
    assert found[0].text.endswith("the earlier two"), _speakers(quotes)


def test_it_after_a_speaking_document_is_not_the_body_it_names(nlp):
    text = (
        "The document says Jon Reyes is raising money for Acme Builders L.L.C., or A.B., a "
        "developer that it says is working with Orion Hotels. A.B. has a 30-year history "
        "of developing hotels and built and sold two over the last two years, it said."
    )
    quotes = _quotes(nlp, text)
    found = [q for q in quotes if q.text.startswith("A.B. has")]
    assert found and found[0].speaker_cluster is None, _speakers(quotes)


def test_it_after_a_company_still_resolves(nlp):
    text = "Nordvik Shipping Ltd. won the port contract on Monday. It said it will hire 40 workers."
    quotes = _quotes(nlp, text)
    found = [q for q in quotes if q.text.startswith("it will hire")]
    assert found and found[0].speaker_cluster, _speakers(quotes)


def test_a_program_offering_something_is_no_speaker(nlp):
    text = (
        "The housing plan has become a hot topic: a state program that essentially "
        "offers loans for votes."
    )
    quotes = _quotes(nlp, text)
    assert quotes == [], _speakers(quotes)
