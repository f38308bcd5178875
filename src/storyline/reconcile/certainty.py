"""How sure the text is of each quote, claim and event: `stated`, `attributed`,
`unverified` or `denied`, from hedge and sourcing markers kept as data
(`certainty.toml`).

A record is judged by its sentence (and, for markers that point back, such as 'The
army denied the report.' or 'This could not be independently verified.', the sentence
after it). A quote's own words never hedge it: 'reportedly' inside a quote is the
speaker's. The strongest reading wins: denied > unverified > attributed > stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.lexicon import Knowledge
from storyline.models import Certainty
from storyline.reconcile.corpus import Corpus

# A rough sentence end, for text without parsed sentences (an event's description).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Markers:
    denied_before: re.Pattern[str]
    denied_next: re.Pattern[str]
    denied_cues: frozenset[str]
    unverified: re.Pattern[str]
    unverified_next: re.Pattern[str]
    not_markers: re.Pattern[str]
    attributed: re.Pattern[str]
    subordinators: frozenset[str] = frozenset()
    clause_bound: frozenset[str] = frozenset()
    window: int = 0


def load_markers(knowledge: Knowledge) -> Markers:
    """The certainty markers (certainty.toml), compiled once per knowledge."""
    return knowledge.derived("certainty", lambda: _compile(knowledge.structured("certainty.toml")))


def _pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    alts = [re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p))]
    if not alts:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


def _compile(data: dict[str, Any]) -> Markers:
    denied, unverified = data.get("denied", {}), data.get("unverified", {})
    return Markers(
        denied_before=_pattern(denied.get("before", [])),
        denied_next=_pattern(denied.get("next", [])),
        denied_cues=frozenset(c.lower() for c in denied.get("cues", [])),
        unverified=_pattern(unverified.get("sentence", [])),
        unverified_next=_pattern(unverified.get("next", [])),
        not_markers=_pattern(unverified.get("not_markers", [])),
        attributed=_pattern(data.get("attributed", {}).get("sentence", [])),
        subordinators=frozenset(w.lower() for w in unverified.get("subordinators", [])),
        window=int(unverified.get("subordinate_window", 0)),
        clause_bound=frozenset(w.lower() for w in unverified.get("clause_bound", [])),
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentences of `text` (used where no parsed sentences are at hand)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_OPEN_CLOSE = {"“": "”", '"': '"', "‘": "’"}


def quoted_stretches(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of text[lo:hi] inside quotation marks (to the sentence end if unclosed)."""
    out, at = [], lo
    while at < hi:
        opening = min((i for q in ("“", '"') if (i := text.find(q, at, hi)) >= 0), default=-1)
        if opening < 0:
            break
        closing = text.find(_OPEN_CLOSE[text[opening]], opening + 1, hi)
        end = hi if closing < 0 else closing + 1
        out.append((opening, end))
        at = end
    return out


_WORD = re.compile(r"[\w'’-]+|[,;:()—–]")


def subordinate_hedges(
    text: str, lo: int, hi: int, record_start: int, markers: Markers
) -> list[tuple[int, int]]:
    """Unverified markers in a clause opened (after the record's start) by a
    subordinator a few words before them: they hedge that clause, not the record."""
    out = []
    for m in markers.unverified.finditer(text, lo, hi):
        if m.group().lower() not in markers.clause_bound:
            continue
        tokens = list(_WORD.finditer(text, lo, m.start()))[-(markers.window + 1) :]
        for t in reversed(tokens):
            if not t.group()[0].isalnum() and t.group()[0] not in "'’":
                break  # punctuation closes the clause
            if t.group().lower() in markers.subordinators:
                if t.start() >= record_start:
                    out.append(m.span())
                break
    return out


def _found(pattern: re.Pattern[str], text: str, lo: int, hi: int, skip=None, mask=()) -> bool:
    """Whether `pattern` matches text[lo:hi] outside `skip` (a span) and `mask` spans."""
    for m in pattern.finditer(text, lo, hi):
        if skip and m.start() < skip[1] and m.end() > skip[0]:
            continue
        if any(m.start() < b and m.end() > a for a, b in mask):
            continue
        return True
    return False


def certainty_of(
    text: str,
    start: int,
    end: int,
    sentences: Sequence[tuple[int, int]],
    markers: Markers,
    *,
    quote: bool = False,
    cue: str | None = None,
    claimant: bool = False,
) -> Certainty:
    """The certainty of the record at text[start:end] (a quote's words when `quote`)."""
    i = next((k for k, (a, b) in enumerate(sentences) if a <= start < b), None)
    lo, hi = sentences[i] if i is not None else (start, end)
    hi = max(hi, end)
    nlo, nhi = sentences[i + 1] if i is not None and i + 1 < len(sentences) else (hi, hi)
    own = (start, end) if quote else None
    mask = [m.span() for m in markers.not_markers.finditer(text, lo, hi)]
    mask += quoted_stretches(text, lo, hi)
    mask += subordinate_hedges(text, lo, hi, start, markers)
    if quote and cue and cue.lower() in markers.denied_cues:
        return "denied"
    if not quote and _found(markers.denied_before, text, lo, start):
        return "denied"
    if _found(markers.denied_next, text, nlo, nhi):
        return "denied"
    if _found(markers.unverified, text, lo, hi, own, mask):
        return "unverified"
    if _found(markers.unverified_next, text, nlo, nhi):
        return "unverified"
    if quote or claimant or _found(markers.attributed, text, lo, hi, own):
        return "attributed"
    return "stated"


def mark_certainty(corpus: Corpus, markers: Markers) -> None:
    """Set `certainty` on the corpus' quotes, claims and events, in place."""
    by_id = corpus.by_id
    spans: dict[str, list[tuple[int, int]]] = {}

    def sentences(doc_id: str) -> list[tuple[int, int]]:
        if doc_id not in spans:
            x = corpus.extractions.get(doc_id)
            doc = by_id.get(doc_id)
            parsed = [(s.start, s.end) for s in x.sentences] if x else []
            spans[doc_id] = parsed or sentence_spans(doc.text if doc else "")
        return spans[doc_id]

    for q in corpus.quotes:
        doc = by_id.get(q.document)
        if doc is not None:
            q.certainty = certainty_of(
                doc.text, q.start, q.end, sentences(q.document), markers, quote=True, cue=q.cue
            )
    for c in corpus.claims:
        doc = by_id.get(c.document)
        if doc is not None:
            c.certainty = certainty_of(
                doc.text,
                c.start,
                c.end,
                sentences(c.document),
                markers,
                claimant=bool(c.claimant or c.claimant_name),
            )
    for v in corpus.events:
        located = _locate(v.description, v.documents, by_id)
        if located is not None:
            doc_id, start = located
            end = start + len(v.description)
            v.certainty = certainty_of(by_id[doc_id].text, start, end, sentences(doc_id), markers)


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
