"""Reconcile: the cross-document reduce. It works on compact per-document records
(`DocExtraction`), never on raw text, and turns them into the contract's sections:
canonical entities, stories and storylines, attributed quotes, grouped claims, the
timeline, framing and the cited briefing.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.config import VERSION, Settings
from storyline.lexicon import Knowledge
from storyline.lexicon.references import reference_words
from storyline.models import Analysis, DocExtraction, Document, Problem
from storyline.reconcile.attribution import attribute_accusations, attribute_quotes
from storyline.reconcile.briefing import write_briefings
from storyline.reconcile.certainty import load_markers, mark_certainty
from storyline.reconcile.claims import claim_words, reconcile_claims
from storyline.reconcile.control import reconcile_control
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.dates import infer_publication_dates
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.event_coding import code_event_types
from storyline.reconcile.framing import compare_framing, load_concepts
from storyline.reconcile.geocode import geocode_entities
from storyline.reconcile.stories import cluster_stories, replace_newly_dated
from storyline.reconcile.story_descriptors import link_story_descriptors
from storyline.reconcile.timeline import build_timeline


def reconcile(
    documents: Sequence[Document],
    extractions: Sequence[DocExtraction],
    settings: Settings | None = None,
    problems: Sequence[Problem] = (),
    knowledge: Knowledge | None = None,
    event_types: dict[str, str] | None = None,
) -> Analysis:
    """Build the whole analysis from documents and their extractions. Deterministic.
    `knowledge` defaults to `Knowledge.of(settings)`; `event_types` (description ->
    type) are event types already coded, not encoded again."""
    settings = settings or Settings()
    knowledge = knowledge or Knowledge.of(settings)
    corpus = Corpus.from_records(documents, extractions)
    infer_publication_dates(corpus)  # from each document's own dated evidence
    corpus.entities, corpus.entity_of = resolve_entities(corpus, knowledge)
    geocode_entities(corpus, knowledge.gazetteer)
    # placed without a date (a stored document keeps its stored story: not among them)
    undated = {d.id for d in corpus.documents if not d.published and not d.story}
    corpus.stories, corpus.storylines = cluster_stories(corpus, settings.stories)
    infer_publication_dates(corpus)  # again, now borrowing from the story's other documents
    placed = replace_newly_dated(corpus, undated, settings.stories)
    if placed is not None:
        corpus.stories, corpus.storylines = placed
    # 'the union' of a commentary is the union the story's wire report names
    link_story_descriptors(corpus, reference_words(knowledge), knowledge.entity_words["roles"])
    corpus.quotes = attribute_quotes(corpus)
    corpus.accusations = attribute_accusations(corpus, reference_words(knowledge))
    corpus.claims, corpus.claim_groups = reconcile_claims(corpus, claim_words(knowledge))
    corpus.events = build_timeline(corpus)
    corpus.control_changes = reconcile_control(corpus, knowledge)
    code_event_types(corpus, knowledge, event_types)
    mark_certainty(corpus, load_markers(knowledge))
    corpus.framing = compare_framing(corpus, load_concepts(knowledge))
    write_briefings(corpus, knowledge.cues)
    return Analysis(
        generated_by=f"storyline {VERSION}",
        documents=corpus.documents,
        stories=corpus.stories,
        storylines=corpus.storylines,
        entities=corpus.entities,
        quotes=corpus.quotes,
        claims=corpus.claims,
        claim_groups=corpus.claim_groups,
        events=corpus.events,
        accusations=corpus.accusations,
        control_changes=corpus.control_changes,
        framing=corpus.framing,
        problems=list(problems),
    )
