"""How sure the text is of each quote, claim and event: `stated`, `attributed`,
`unverified` or `denied`.

The per-document map (`extract/hedges.py`) finds the markers (`certainty.toml`) and,
on the parse, what each one hedges: a span (the sentence's main clause, one clause or
phrase, or the sentence before for a marker that points back). Here a record takes the
strongest reading among the markers whose reach holds it: denied > unverified >
attributed > stated. A quote's own words never hedge it ('reportedly' inside a quote is
the speaker's). Only offsets are compared: no text, no parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.extract.hedges import Markers, load_markers
from storyline.models import Certainty, Hedge
from storyline.reconcile.corpus import Corpus

__all__ = ["certainty_from", "load_markers", "mark_certainty"]


def _holds(h: Hedge, start: int, end: int, quote: bool) -> bool:
    if quote and start <= h.start < end:
        return False  # the speaker's own word
    if quote and h.reading == "denied" and h.how != "back":
        return False  # a quote beside a denial is the denier's (its cue says if it denies)
    return h.scope_start <= start and end <= h.scope_end


def certainty_from(
    start: int,
    end: int,
    hedges: Iterable[Hedge],
    markers: Markers,
    *,
    quote: bool = False,
    cue: str | None = None,
    claimant: bool = False,
) -> Certainty:
    """The certainty of the record at [start, end) (a quote's words when `quote`)."""
    if quote and cue and cue.lower() in markers.denied_cues:
        return "denied"
    readings = {h.reading for h in hedges if _holds(h, start, end, quote)}
    for reading in ("denied", "unverified"):
        if reading in readings:
            return reading  # type: ignore[return-value]
    if quote or claimant or "attributed" in readings:
        return "attributed"
    return "stated"


def mark_certainty(corpus: Corpus, markers: Markers) -> None:
    """Set `certainty` on the corpus' quotes, claims and events, in place, from the
    hedges their documents' extractions hold (none in extractions older than them)."""
    by_id = corpus.by_id

    def hedges(doc_id: str) -> Sequence[Hedge]:
        x = corpus.extractions.get(doc_id)
        return x.hedges if x is not None else ()

    for q in corpus.quotes:
        q.certainty = certainty_from(
            q.start, q.end, hedges(q.document), markers, quote=True, cue=q.cue
        )
    for c in corpus.claims:
        claimant = bool(c.claimant or c.claimant_name)
        c.certainty = certainty_from(c.start, c.end, hedges(c.document), markers, claimant=claimant)
    for v in corpus.events:
        located = _locate(v.description, v.documents, by_id)
        if located is not None:
            doc_id, start = located
            end = start + len(v.description.rstrip(".…").strip())
            v.certainty = certainty_from(start, end, hedges(doc_id), markers)


def _locate(description: str, documents: Sequence[str], by_id) -> tuple[str, int] | None:
    """Where an event's description stands in its first document that holds it."""
    probe = description.rstrip(".…").strip()
    for doc_id in documents:
        doc = by_id.get(doc_id)
        if doc is not None and probe:
            at = doc.text.find(probe)
            if at >= 0:
                return doc_id, at
    return None
