"""Direct quotations over annotated snippets of our own, every typography case.

Each case is a text and its gold quotations: (content, a word of the speaker's name,
or None where the quote has no speaker). Precision and recall over the set must reach
0.95; a few cases are also checked one by one.
"""

from __future__ import annotations

import pytest

from storyline.extract.mentions import find_mentions
from storyline.extract.quotes import find_quotes
from storyline.lexicon import Knowledge

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


CASES: list[tuple[str, list[tuple[str, str | None]]]] = [
    # Straight, curly and guillemet marks; 'X said' and 'said X'.
    (
        '"The bridge will reopen next week," Mayor Alice Brandt said on Tuesday.',
        [("The bridge will reopen next week", "Brandt")],
    ),
    (
        "“We have enough water for a month,” said Tomas Keller, who runs the depot.",
        [("We have enough water for a month", "Keller")],
    ),
    (
        "«Nous resterons ici jusqu'au bout», said Marie Dufour, a farmer near the border.",
        [("Nous resterons ici jusqu'au bout", "Dufour")],
    ),
    (
        "'The talks have stalled again,' the envoy Peter Lund told reporters in Geneva.",
        [("The talks have stalled again", "Lund")],
    ),
    # Split quotes around the attribution.
    (
        "“The convoy left at dawn,” Colonel Ray Ortiz said. “It should arrive by noon.”",
        [("The convoy left at dawn", "Ortiz"), ("It should arrive by noon.", "Ortiz")],
    ),
    (
        '"Prices doubled," Nadia Rahman said, "and wages stayed where they were."',
        [("Prices doubled", "Rahman"), ("and wages stayed where they were.", "Rahman")],
    ),
    # Cue before the quotation, comma and colon introductions.
    (
        "Governor Lena Fisk said, “Nobody should drive on the coast road tonight.”",
        [("Nobody should drive on the coast road tonight.", "Fisk")],
    ),
    (
        "The spokesman, Ivan Petrov, told the agency: “The strikes hit only military targets.”",
        [("The strikes hit only military targets.", "Petrov")],
    ),
    (
        "Greta Holm: “Our shelters are full and more families arrive every hour.”",
        [("Our shelters are full and more families arrive every hour.", "Holm")],
    ),
    # Multi-sentence quotation.
    (
        "“The harvest failed. The river dried up. Then the soldiers came,” said Amir Haddad.",
        [("The harvest failed. The river dried up. Then the soldiers came", "Haddad")],
    ),
    # Multi-paragraph quotation: no closing mark at the first paragraph's end.
    (
        "Judge Clara Wendt said: “The evidence was gathered unlawfully.\n\n"
        "“The court therefore cannot admit it.”",
        [
            ("The evidence was gathered unlawfully.", "Wendt"),
            ("The court therefore cannot admit it.", "Wendt"),
        ],
    ),
    # A quoted paragraph with no attribution continues the previous speaker.
    (
        "“The dam is holding for now,” engineer Sofia Marin said.\n\n"
        "“If the rain continues for two more days, we will have to open the spillways.”",
        [
            ("The dam is holding for now", "Marin"),
            (
                "If the rain continues for two more days, we will have to open the spillways.",
                "Marin",
            ),
        ],
    ),
    # 'he said' / 'she added', the name in the paragraph before.
    (
        "Council leader Hannah Voss defended the budget.\n\n"
        "“We cut nothing that families rely on,” she said.",
        [("We cut nothing that families rely on", "Voss")],
    ),
    (
        "Inspector Karl Brenner said the site was unsafe.\n\n"
        "“I would not let my own children near it,” he added.",
        [("I would not let my own children near it", "Brenner")],
    ),
    (
        "Lucas Meyer, a teacher, and his neighbour watched the fire.\n"
        "“It took the whole street in ten minutes,” Meyer said.\n"
        "“There was no time to save anything,” he said.",
        [
            ("It took the whole street in ten minutes", "Meyer"),
            ("There was no time to save anything", "Meyer"),
        ],
    ),
    # Organisations as speakers.
    (
        "“All passengers were evacuated safely,” the Harbour Authority said in a statement.",
        [("All passengers were evacuated safely", "Harbour Authority")],
    ),
    # Partial quotes inside reported speech.
    (
        "The ministry said its units had “repelled every attack” on the town.",
        [("repelled every attack", "ministry")],
    ),
    (
        "Analyst Omar Said argued the deal was “a gift to the smugglers and nobody else.”",
        [("a gift to the smugglers and nobody else.", "Said")],
    ),
    (
        "The agency issued a report on Monday, claiming to have “dismantled the entire network.”",
        [("dismantled the entire network.", "agency")],
    ),
    # Apostrophes that look like closing marks.
    (
        "“The farmers’ patience has run out,” said union leader Jan Kowalski.",
        [("The farmers’ patience has run out", "Kowalski")],
    ),
    (
        "“The rebels’ supply lines and the hard-liners’ funds are cut,” General Ana Silva said.",
        [("The rebels’ supply lines and the hard-liners’ funds are cut", "Silva")],
    ),
    (
        "“We’ll round ’em up before dawn,” Sheriff Dale Cobb said.",
        [("We’ll round ’em up before dawn", "Cobb")],
    ),
    (
        "“They played rock ’n’ roll all night, like in the ’90s,” said Rita Gomez.",
        [("They played rock ’n’ roll all night, like in the ’90s", "Gomez")],
    ),
    (
        "'The players' wages were never paid,' said club secretary Ben Hughes.",
        [("The players' wages were never paid", "Hughes")],
    ),
    (
        "\"It's the drivers' union that called the strike, not us,\" manager Eva Lind said.",
        [("It's the drivers' union that called the strike, not us", "Lind")],
    ),
    # Nested quotations stay inside the outer one.
    (
        "“He told me ‘never come back here’ and shut the door,” said Hassan Ali.",
        [("He told me ‘never come back here’ and shut the door", "Ali")],
    ),
    (
        "\"The sign said 'closed for repairs' for three years,\" resident Mia Berg said.",
        [("The sign said 'closed for repairs' for three years", "Berg")],
    ),
    # Scare quotes, titles and defined terms: not quotations.
    ("The so-called “peace dividend” never reached the villages.", []),
    (
        # a judgement in the critics' own word: theirs (a naming verb's term is not)
        "Critics dismissed the plan as 'unrealistic' and moved on to other business.",
        [("unrealistic", "Critics")],
    ),
    ("She reviewed the film “The Long Winter” for the local paper last spring.", []),
    ("The group calls these units “mobile teams” in its own documents.", []),
    ("The new “smart” meters were installed in every house on the street.", []),
    ("Officials handed out leaflets titled “Know Your Rights” at the station.", []),
    # A long quoted paragraph with no speaker anywhere: kept, speaker unknown.
    (
        "“Every winter the road closes and the village is cut off from the hospital for weeks.”",
        [
            (
                "Every winter the road closes and the village is cut off from the hospital "
                "for weeks.",
                None,
            )
        ],
    ),
]


def _norm(text: str) -> str:
    return text.strip().rstrip(".,;:!?").strip()


def _predict(nlp, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    quotes = find_quotes(doc, find_mentions(doc), K)
    return [(q.text, q.speaker_text) for q in quotes if q.kind == "direct"]


def _match(pred: tuple[str, str | None], gold: tuple[str, str | None]) -> bool:
    if _norm(pred[0]) != _norm(gold[0]):
        return False
    if gold[1] is None:
        return pred[1] is None
    return pred[1] is not None and gold[1].lower() in pred[1].lower()


@pytest.fixture(scope="module")
def predictions(nlp):
    return [_predict(nlp, text) for text, _ in CASES]


def test_fixture_set_is_large_enough():
    assert len(CASES) >= 30
    assert sum(1 for _, gold in CASES if not gold) >= 5


def test_direct_quote_precision_and_recall(predictions):
    tp = fp = fn = 0
    misses = []
    for (text, gold), pred in zip(CASES, predictions, strict=True):
        matched = [any(_match(p, g) for p in pred) for g in gold]
        correct = [any(_match(p, g) for g in gold) for p in pred]
        tp += sum(matched)
        fn += matched.count(False)
        fp += correct.count(False)
        if not all(matched) or not all(correct):
            misses.append((text, gold, pred))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    assert precision >= 0.95, misses
    assert recall >= 0.95, misses


@pytest.mark.parametrize(
    "index", [i for i, (text, _) in enumerate(CASES) if "’" in text or "'" in text]
)
def test_apostrophes_never_break_pairing(predictions, index):
    gold = CASES[index][1]
    assert [_norm(t) for t, _ in predictions[index]] == [_norm(t) for t, _ in gold]


def test_offsets_point_into_the_text(nlp):
    text = "“The convoy left at dawn,” Colonel Ray Ortiz said. “It should arrive by noon.”"
    doc = nlp(text)
    for q in find_quotes(doc, find_mentions(doc), K):
        assert text[q.start : q.end] == q.text
        assert q.cue_start is not None and text[q.cue_start : q.cue_end] == q.cue
        assert text[q.speaker_start : q.speaker_end].endswith("Ortiz")


def test_a_new_sentence_after_a_closed_quotation_is_not_its_tag(nlp):
    # The cue in the next sentence ('which the navy calls') names an operation; the
    # second quotation continues the speaker of the first.
    text = (
        '"The harbour is open again," Captain Ilse Varga said. "We will clear the last '
        'mines by Sunday." The sweep, which the navy calls Operation Calm Water, began '
        "on Monday."
    )
    pred = dict(_predict(nlp, text))
    assert "Varga" in (pred.get("We will clear the last mines by Sunday.") or "")


def test_a_short_tag_after_a_closed_quotation_still_counts(nlp):
    text = 'The convoy left at dawn. "We are not afraid of the road." Ruth Odhiambo said.'
    pred = dict(_predict(nlp, text))
    assert "Odhiambo" in (pred.get("We are not afraid of the road.") or "")


def test_the_object_after_a_cue_is_never_an_inverted_speaker(nlp):
    text = (
        "The Foreign Ministry's spokeswoman, Irina Volkova, told her daily briefing on "
        'Monday that only two plants had "minor faults", accused the Latvian cabinet of '
        '"total negligence" and blamed it for failing to pay its bills.'
    )
    assert all("cabinet" not in (speaker or "") for _, speaker in _predict(nlp, text))


def test_a_subjectless_clause_of_a_speech_verb_shares_its_subject(nlp):
    # the parse as the model sometimes gives it: 'accused' a clause of 'told'
    from spacy.tokens import Doc

    from storyline.extract.quote_speakers import subject_of

    words = ["Ozols", "told", "reporters", "that", "it", "failed", ",", "accused", "Riga"]
    heads = [1, 1, 1, 5, 5, 1, 7, 1, 7]
    deps = ["nsubj", "ROOT", "dobj", "mark", "nsubj", "ccomp", "punct", "ccomp", "dobj"]
    tags = ["NNP", "VBD", "NNS", "IN", "PRP", "VBD", ",", "VBD", "NNP"]
    lemmas = ["Ozols", "tell", "reporter", "that", "it", "fail", ",", "accuse", "Riga"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas)
    assert subject_of(doc[7], K.cues).text == "Ozols"
    assert subject_of(doc[5], K.cues).text == "it"


def test_a_fragment_under_a_stance_verb_is_the_speakers(nlp):
    pred = dict(
        _predict(
            nlp,
            "The governor today condemned the «senseless and cruel» raid on the market. "
            "He rejected as «pure invention» the claim of the so-called Hill Front that "
            "the town had fallen.",
        )
    )
    assert "governor" in (pred.get("senseless and cruel") or "").lower()
    assert pred.get("pure invention") not in ("Hill Front", "the so-called Hill Front")
