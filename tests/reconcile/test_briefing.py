"""The cited briefing: extractive picks plus templated sentences, all with sources."""

from __future__ import annotations

import re

from storyline.lexicon import Knowledge
from storyline.models import (
    Claim,
    ClaimGroup,
    DocExtraction,
    Document,
    Quote,
    Span,
    Story,
)
from storyline.reconcile.briefing import brief_story, write_briefings
from storyline.reconcile.corpus import Corpus

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


BODIES = [
    "Floodwater breached the levee at Dunmore on Tuesday night, forcing hundreds from homes. "
    "Rescue crews used boats to reach families stranded on rooftops across the valley. "
    "The regional council said 40 people were taken to hospital with minor injuries. "
    "Engineers warned that the river could rise again after more rain later this week.",
    "The levee at Dunmore gave way on Tuesday night and hundreds of residents fled their homes. "
    "Hospital staff treated 40 people, most of them for cold and minor cuts, officials said. "
    "Mayor Ines Kolar said the town would need months to repair the damaged bridges. "
    "Farmers downstream moved cattle to higher ground as the water spread over fields.",
    "Residents of Dunmore returned on Thursday to find streets covered in thick mud and debris. "
    "Insurance assessors began visiting damaged shops along the river front on Friday. "
    "A local charity opened a shelter in the school hall for families who lost their homes. "
    "The council said the levee had last been inspected by engineers two years ago.",
]


def _sentences(text: str) -> list[Span]:
    return [Span(start=m.start(), end=m.end()) for m in re.finditer(r"[^.]+\.", text)]


def _corpus(with_records: bool = False) -> Corpus:
    docs = [
        Document(
            id=f"d{i}", source=f"{i}.txt", title=f"Flood {i}", text=t, published=f"2021-03-0{i}"
        )
        for i, t in enumerate(BODIES, 1)
    ]
    xs = [DocExtraction(document=d.id, sentences=_sentences(d.text)) for d in docs]
    corpus = Corpus.from_records(docs, xs)
    corpus.stories = [Story(id="s1", title="Flood", documents=[d.id for d in docs])]
    if with_records:
        t = BODIES[1]
        q = "the town would need months to repair the damaged bridges"
        corpus.quotes = [
            Quote(
                id="q1",
                document="d2",
                kind="indirect",
                text=q,
                start=t.index(q),
                end=t.index(q) + len(q),
                speaker="e1",
                speaker_name="Ines Kolar",
                speaker_role="mayor",
                cue="said",
            )
        ]
        a, b = BODIES[0].index("40 people"), t.index("40 people")
        corpus.claims = [
            Claim(
                id="c1",
                document="d1",
                text="40 people",
                start=a,
                end=a + 9,
                value=40,
                what="people in hospital",
                group="g1",
                status="agreed",
                claimant_name="regional council",
            ),
            Claim(
                id="c2",
                document="d2",
                text="40 people",
                start=b,
                end=b + 9,
                value=40,
                what="people in hospital",
                group="g1",
                status="agreed",
                claimant_name="reporter",
            ),
        ]
        corpus.claim_groups = [
            ClaimGroup(
                id="g1",
                what="people in hospital",
                status="agreed",
                claims=["c1", "c2"],
                documents=["d1", "d2"],
            )
        ]
    return corpus


def _check_cited(corpus: Corpus, sentences) -> None:
    texts = {d.id: d.text for d in corpus.documents}
    for s in sentences:
        assert s.sources, s.text
        for p in s.passages:
            assert p.document in s.sources
            assert 0 <= p.start < p.end <= len(texts[p.document])


def test_extractive_briefing_has_five_to_ten_cited_sentences():
    corpus = _corpus()
    write_briefings(corpus, K.cues)
    summary = corpus.stories[0].summary
    assert 5 <= len(summary) <= 10
    _check_cited(corpus, summary)
    # the lead says what happened, and it is taken verbatim from a document
    assert "levee" in summary[0].text
    lead = summary[0].passages[0]
    assert corpus.by_id[lead.document].text[lead.start : lead.end] == summary[0].text
    assert len({s.text for s in summary}) == len(summary)


def test_date_sentence_cites_the_dated_reports():
    corpus = _corpus()
    summary = brief_story(corpus, corpus.stories[0], K.cues)
    dated = [s for s in summary if "March 2021" in s.text]
    assert dated and set(dated[0].sources) == {"d1", "d2", "d3"}


def test_quotes_and_agreeing_numbers_become_cited_sentences():
    corpus = _corpus(with_records=True)
    summary = brief_story(corpus, corpus.stories[0], K.cues)
    _check_cited(corpus, summary)
    said = [s for s in summary if s.text.startswith("Ines Kolar (mayor) said that")]
    assert said and said[0].sources == ["d2"]
    agree = [s for s in summary if s.text.startswith("Reports agree on people in hospital")]
    assert agree and set(agree[0].sources) == {"d1", "d2"}
    assert 5 <= len(summary) <= 10


def test_story_without_usable_sentences_gets_no_uncited_filler():
    docs = [Document(id="d1", source="x", title="Photo", text="Gallery")]
    corpus = Corpus.from_records(
        docs, [DocExtraction(document="d1", sentences=[Span(start=0, end=7)])]
    )
    corpus.stories = [Story(id="s1", title="Photo", documents=["d1"])]
    write_briefings(corpus, K.cues)
    assert corpus.stories[0].summary == []


def test_interval_dates_read_as_spans():
    from storyline.reconcile.briefing import _human_date

    assert _human_date("2016-12-10/2016-12-11") == "10–11 December 2016"
    assert _human_date("2016-06/2016-08") == "June 2016 and August 2016"
    assert _human_date("2016-12") == "December 2016"


def test_only_clause_reporting_cues_read_as_said_that():
    from storyline.reconcile.briefing import _reports_a_clause

    for cue in ("said", "says", "told", "warned", "denies", "believes"):
        assert _reports_a_clause(cue, K.cues.indirect_verbs), cue
    for cue in ("praised", "endorsed", None):
        assert not _reports_a_clause(cue, K.cues.indirect_verbs), cue
