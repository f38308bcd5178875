"""Certainty markers and what they hedge, read on the dependency parse (per document).

The markers are data (`certainty.toml`): phrases are found on the text, outside quoted
words (a speaker's own 'reportedly' is not the outlet's hedge) and outside longer
non-hedges ('claimed responsibility'). The parse then gives each hit its reach, a span
of the text, so that the reduce (`reconcile/certainty.py`) only compares offsets:

- `main`: the marker governs the sentence's main clause ('Rebels reportedly seized...',
  'X said, speaking on condition of anonymity', 'the claim could not be verified'):
  the whole sentence;
- `clause` / `phrase`: it sits in a subordinate clause ('women who claimed...') or on a
  noun phrase ('unsubstantiated accusations', 'allegedly hacked emails'): that subtree;
- `back`: from the main clause of the next sentence it points back ('Reuters could not
  verify the account.', 'The army denied the report.' after a reported statement): the
  sentence before.

A hit that hedges nothing (a sentence about sourcing: 'spoke on condition of anonymity
because...') gives no record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.lexicon import Knowledge
from storyline.models import Hedge

# A rough sentence end, for text without parsed sentences.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_OPEN_CLOSE = {"“": "”", '"': '"', "‘": "’"}
_VERBAL = ("VERB", "AUX")
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "attr", "pobj")
Reach = tuple[int, int, str] | None  # what a marker hedges: start, end, how; None: nothing


@dataclass(frozen=True)
class Markers:
    denied: re.Pattern[str]
    denied_next: re.Pattern[str]
    denied_cues: frozenset[str]
    verification: re.Pattern[str]
    adverbs: re.Pattern[str]
    adjectives: re.Pattern[str]
    said_to: re.Pattern[str]
    sources: re.Pattern[str]
    not_markers: re.Pattern[str]
    attributed: re.Pattern[str]
    claim_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    reporting: frozenset[str]
    aside: frozenset[str]
    pointer_nouns: frozenset[str]
    pointer_pronouns: frozenset[str]
    source_nouns: frozenset[str]
    subordinators: frozenset[str]
    hypothetical: frozenset[str]


def load_markers(knowledge: Knowledge) -> Markers:
    """The certainty markers (certainty.toml), compiled once per knowledge."""
    return knowledge.derived("certainty", lambda: _compile(knowledge.structured("certainty.toml")))


def _pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    alts = [re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p))]
    if not alts:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


def _words(values: Sequence[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _compile(data: dict[str, Any]) -> Markers:
    denied, unverified = data.get("denied", {}), data.get("unverified", {})
    scope = data.get("scope", {})
    return Markers(
        denied=_pattern(denied.get("before", [])),
        denied_next=_pattern(denied.get("next", [])),
        denied_cues=_words(denied.get("cues", [])),
        verification=_pattern(unverified.get("verification", [])),
        adverbs=_pattern(unverified.get("adverbs", [])),
        adjectives=_pattern(unverified.get("adjectives", [])),
        said_to=_pattern(unverified.get("said_to", [])),
        sources=_pattern(unverified.get("sources", [])),
        not_markers=_pattern(unverified.get("not_markers", [])),
        attributed=_pattern(data.get("attributed", {}).get("sentence", [])),
        claim_verbs=_words(unverified.get("claim_verbs", [])),
        clause_verbs=_words(unverified.get("clause_verbs", [])),
        reporting=_words(scope.get("reporting_verbs", [])),
        aside=_words(scope.get("aside_verbs", [])),
        pointer_nouns=_words(scope.get("pointer_nouns", [])),
        pointer_pronouns=_words(scope.get("pointer_pronouns", [])),
        source_nouns=_words(scope.get("source_nouns", [])),
        subordinators=_words(scope.get("subordinators", [])),
        hypothetical=_words(scope.get("hypothetical", [])),
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentences of `text` (for audits of text with no parse at hand)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


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


# --- the parse -------------------------------------------------------------------------


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _subtree(t: Token) -> tuple[int, int]:
    lo, hi = t.left_edge, t.right_edge
    return lo.idx, hi.idx + len(hi.text)


def _is_main(t: Token, m: Markers) -> bool:
    """Whether predicate `t` is (part of) its sentence's main clause: the root, a
    conjunct or aside of a main predicate, an open complement of one, or what a main
    reporting verb reports ('Officials said rebels reportedly seized...')."""
    for _ in range(8):
        if any(c.dep_ == "mark" and c.lower_ in m.subordinators for c in t.children):
            return False  # 'While X claimed...', 'years after X claimed...', however attached
        if t.dep_ == "ROOT" or t.head is t:
            return True
        head = t.head
        if t.dep_ in ("conj", "parataxis", "xcomp"):
            t = head
        elif t.dep_ == "ccomp":
            t = head  # what the main verb says, finds or claims: 'X said rebels seized...'
        elif t.dep_ == "advcl" and _lemma(head) in m.reporting | m.claim_verbs:
            t = head  # 'X happened, officials said' may parse X as a clause of 'said'
        else:
            return False
    return False


def _predicate(t: Token) -> Token:
    """The verb an auxiliary belongs to."""
    while t.dep_ in ("aux", "auxpass", "neg") and t.head is not t:
        t = t.head
    return t


def _reach(pred: Token, sent: Span, m: Markers, phrase: bool = False) -> tuple[int, int, str]:
    if not phrase and _is_main(pred, m):
        return sent.start_char, sent.end_char, "main"
    lo, hi = _subtree(pred)
    if pred.dep_ == "ROOT":  # a subordinate clause the parser made the root ('While X...,')
        stop = next((t for t in pred.doc[pred.i : pred.right_edge.i] if t.text in ",;:"), None)
        hi = stop.idx if stop is not None else hi
    return lo, hi, "phrase" if phrase else "clause"


def _is_pointer(t: Token, m: Markers) -> bool:
    return t.lower_ in m.pointer_pronouns or (
        t.pos_ in ("NOUN", "PROPN") and _lemma(t) in m.pointer_nouns
    )


def _points_back(verb: Token, m: Markers) -> bool:
    """Whether what `verb` (not) verifies or denies is a pointer ('this', 'the claim', 'a
    figure that...'): checked on its arguments and on its open-complement head's."""
    for v in (verb, verb.head) if verb.dep_ in ("xcomp", "ccomp") else (verb,):
        if any(c.dep_ in _ARGUMENTS and _is_pointer(c, m) for c in v.children):
            return True
    return verb.dep_ == "relcl" and _is_pointer(verb.head, m)


def _verb_in(span: Span) -> Token:
    """The content verb of a marker phrase ('could not be verified' -> 'verified')."""
    verbs = [t for t in span if t.pos_ == "VERB"] or [t for t in span if t.pos_ == "AUX"]
    return verbs[-1] if verbs else span.root


def _reporting_anchor(t: Token, m: Markers) -> Token | None:
    """The reporting verb (or 'according') whose speaker a source marker describes,
    walking up from the marker through nouns, prepositions, relative clauses and the
    aside ('speaking on condition of anonymity'); None when the marker sits in a clause
    of its own (a sentence about sourcing)."""
    for _ in range(12):
        if t.lower_ == "according" or (t.pos_ in _VERBAL and _lemma(t) in m.reporting):
            return t
        own_clause = t.pos_ in _VERBAL and t.dep_ not in ("relcl", "acl", "amod")
        if own_clause and (_lemma(t) not in m.aside or t.dep_ == "ROOT"):
            return None
        if t.head is t:
            return None
        t = t.head
    return None


def _source_reach(t: Token, sent: Span, m: Markers) -> tuple[int, int, str] | None:
    anchor = _reporting_anchor(t, m)
    if anchor is None:
        return None
    if anchor.lower_ == "according":  # 'according to' modifies the verb it sources
        head = anchor.head
        while head.dep_ == "prep" and head.head is not head:
            head = head.head
        anchor = head
    return _reach(_predicate(anchor), sent, m)


def _adverb_reach(span: Span, sent: Span, m: Markers) -> tuple[int, int, str]:
    head = _predicate(span.root.head)
    verbal = head.pos_ in _VERBAL and head.dep_ not in ("amod", "compound")
    return _reach(head, sent, m, phrase=not verbal)


def _adjective_reach(span: Span, sent: Span, m: Markers) -> tuple[int, int, str] | None:
    adj = span.root
    if adj.dep_ in ("acomp", "attr", "oprd"):
        if _points_back(_predicate(adj.head), m):  # 'the report remains unconfirmed'
            return sent.start_char, sent.end_char, "main"
        return None  # 'his advice is unsubstantiated' is a verdict, not a hedge
    if adj.pos_ == "VERB" and adj.dep_ not in ("amod", "compound"):  # 'is rumored to'
        return _reach(adj, sent, m)
    if adj.dep_ in ("amod", "compound") or adj.head.pos_ in ("NOUN", "PROPN"):
        noun = adj.head
        if _lemma(noun) in m.source_nouns:
            return _source_reach(noun, sent, m)
        return _reach(noun, sent, m, phrase=True)
    if _points_back(_predicate(adj), m):
        return sent.start_char, sent.end_char, "main"
    return None


def _verification_reach(span: Span, sent: Span, m: Markers) -> tuple[int, int, str]:
    verb = _verb_in(span)
    if _points_back(verb, m):
        return sent.start_char, sent.end_char, "main"
    return _reach(_predicate(verb), sent, m)


def _is_report(sent: Span, m: Markers) -> bool:
    """Whether a sentence reports someone's statement in its main clause (a denial in the
    next sentence may then deny 'the report')."""
    for t in sent:
        if t.lower_ == "according" and _is_main(_predicate(t.head), m):
            return True
        if t.pos_ in _VERBAL and _lemma(t) in m.reporting | m.claim_verbs and _is_main(t, m):
            return True
    return False


def _hits(
    pattern: re.Pattern[str], text: str, doc: Doc, sent: Span, mask: list[tuple[int, int]]
) -> Iterator[Span]:
    # `text` is `doc.text` passed in: spaCy rebuilds that string from every token on
    # each access, which made this the costliest step of extraction.
    for hit in pattern.finditer(text, sent.start_char, sent.end_char):
        if any(hit.start() < b and hit.end() > a for a, b in mask):
            continue
        span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
        if span is not None and len(span):
            yield span


def _claim_verbs(sent: Span, mask: list[tuple[int, int]], m: Markers) -> Iterator[Token]:
    """Verbs like 'claim' and 'allege' that claim a proposition (a clause or quoted words;
    for 'claim' also a main verb with no object), made (not negated, not modal)."""
    for t in sent:
        if any(a <= t.idx < b for a, b in mask) or _lemma(t) not in m.claim_verbs | m.clause_verbs:
            continue
        deps = {c.dep_ for c in t.children}
        # a verb, or a 'claims' tagged as a noun that has a subject ('Trump claims that')
        if not (t.pos_ == "VERB" or (t.pos_ == "NOUN" and deps & {"nsubj"})):
            continue
        if _not_made(t, m) or deps & {"nsubjpass", "auxpass"}:
            continue  # 'might claim', 'did not claim'; 'were claimed by' (responsibility)
        clause = bool(deps & {"ccomp", "xcomp", "parataxis"}) or t.dep_ == "parataxis"
        # or a quoted object: 'claimed "Trump exaggerates"' claims the quoted words
        clause = clause or any(
            c.dep_ == "dobj" and any(a <= c.idx < b for a, b in mask) for c in t.children
        )
        # a main 'claimed' with no object, whatever the parse made of its complement; a
        # claim of a thing ('claimed the prize', 'claiming a victory') reports nothing
        bare = t.dep_ == "ROOT" and not deps & {"dobj", "attr", "oprd"}
        if clause or (bare and _lemma(t) in m.claim_verbs):
            yield t


def _not_made(t: Token, m: Markers) -> bool:
    """'did not claim', 'can no longer claim', 'might claim', 'would be able to claim':
    a claim not made (or only imagined) hedges nothing."""
    for _ in range(4):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children)):
                return True
            if c.dep_ == "aux" and c.lower_ in m.hypothetical:
                return True
        if t.dep_ not in ("xcomp", "acomp") or t.head is t:
            return False
        t = t.head  # 'would be able to claim': the modal sits on 'be'
    return False


def _denial_reach(span: Span, sent: Span, m: Markers) -> tuple[int, int, str]:
    return _reach(_predicate(_verb_in(span)), sent, m)


def _said_to_reach(span: Span, sent: Span, m: Markers) -> tuple[int, int, str]:
    return _reach(_verb_in(span), sent, m)


def _sources_reach(span: Span, sent: Span, m: Markers) -> tuple[int, int, str] | None:
    return _source_reach(span.root, sent, m)


# Each kind of in-sentence marker: its reading, its phrases (a Markers field), its reach.
_KINDS: tuple[tuple[str, str, Callable[[Span, Span, Markers], Reach]], ...] = (
    ("denied", "denied", _denial_reach),
    ("unverified", "verification", _verification_reach),
    ("unverified", "adverbs", _adverb_reach),
    ("unverified", "adjectives", _adjective_reach),
    ("unverified", "said_to", _said_to_reach),
    ("unverified", "sources", _sources_reach),
)


def _pointing_back(
    text: str, doc: Doc, sent: Span, prev: Span, mask, m: Markers
) -> Iterator[Hedge]:
    """Markers in the main clause of `sent` that point back at `prev`: a verification
    with a pointer ('Reuters could not verify the account.'), a denial of 'the report'
    when `prev` reports someone's statement."""
    back = dict(scope_start=prev.start_char, scope_end=prev.end_char, how="back")
    for span in _hits(m.verification, text, doc, sent, mask):
        verb = _verb_in(span)
        if _is_main(_predicate(verb), m) and _points_back(verb, m):
            yield Hedge(reading="unverified", start=span.start_char, end=span.end_char, **back)
    for span in _hits(m.denied_next, text, doc, sent, mask):
        if _predicate(_verb_in(span)).dep_ == "ROOT" and _is_report(prev, m):
            yield Hedge(reading="denied", start=span.start_char, end=span.end_char, **back)


def find_hedges(doc: Doc, markers: Markers) -> list[Hedge]:
    """Every certainty marker of `doc` that hedges something, with what it hedges."""
    text = doc.text
    out: list[Hedge] = []

    def add(reading: str, start: int, end: int, reach: Reach) -> None:
        if reach is not None:
            lo, hi, how = reach
            out.append(
                Hedge(reading=reading, start=start, end=end, scope_start=lo, scope_end=hi, how=how)
            )

    sents = list(doc.sents)
    for i, sent in enumerate(sents):
        lo, hi = sent.start_char, sent.end_char
        mask = [x.span() for x in markers.not_markers.finditer(text, lo, hi)]
        mask += quoted_stretches(text, lo, hi)
        for reading, field, reach in _KINDS:
            for span in _hits(getattr(markers, field), text, doc, sent, mask):
                add(reading, span.start_char, span.end_char, reach(span, sent, markers))
        if i:
            out.extend(_pointing_back(text, doc, sent, sents[i - 1], mask, markers))
        for t in _claim_verbs(sent, mask, markers):
            add("unverified", t.idx, t.idx + len(t.text), _reach(t, sent, markers))
        for x in markers.attributed.finditer(text, lo, hi):
            add("attributed", x.start(), x.end(), (lo, hi, "main"))
    return out
