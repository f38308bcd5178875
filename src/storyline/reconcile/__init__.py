"""Reconcile: the cross-document reduce. It works on compact per-document records
(`DocExtraction`), never on raw text, and turns them into the contract's sections:
canonical entities, stories and storylines, attributed quotes, grouped claims, the
timeline, framing and the cited briefing.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.config import Settings
from storyline.models import Analysis, DocExtraction, Document, Problem
from storyline.reconcile.corpus import Corpus


def reconcile(
    documents: Sequence[Document],
    extractions: Sequence[DocExtraction],
    settings: Settings | None = None,
    problems: Sequence[Problem] = (),
) -> Analysis:
    """Build the whole analysis from documents and their extractions. Deterministic."""
    from storyline import __version__
    from storyline.reconcile.attribution import attribute_accusations, attribute_quotes
    from storyline.reconcile.briefing import write_briefings
    from storyline.reconcile.claims import reconcile_claims
    from storyline.reconcile.control import reconcile_control
    from storyline.reconcile.dates import infer_publication_dates
    from storyline.reconcile.entities import resolve_entities
    from storyline.reconcile.event_coding import code_event_types
    from storyline.reconcile.framing import compare_framing
    from storyline.reconcile.geocode import geocode_entities
    from storyline.reconcile.stories import cluster_stories
    from storyline.reconcile.timeline import build_timeline

    settings = settings or Settings()
    corpus = Corpus.from_records(documents, extractions)
    infer_publication_dates(corpus)  # from each document's own dated evidence
    corpus.entities, corpus.entity_of = resolve_entities(corpus, settings.aliases)
    geocode_entities(corpus)
    corpus.stories, corpus.storylines = cluster_stories(corpus)
    infer_publication_dates(corpus)  # again, now borrowing from the story's other documents
    corpus.quotes = attribute_quotes(corpus)
    corpus.accusations = attribute_accusations(corpus)
    corpus.claims, corpus.claim_groups = reconcile_claims(corpus)
    corpus.events = build_timeline(corpus)
    corpus.control_changes = reconcile_control(corpus)
    code_event_types(corpus)
    corpus.framing = compare_framing(corpus)
    write_briefings(corpus)
    return Analysis(
        generated_by=f"storyline {__version__}",
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
