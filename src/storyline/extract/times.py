"""Temporal expressions: find them with the rule layer, read tense from the parse,
normalise them against the publication date.

`find_times(doc, anchor)` returns `TimeExpression`s whose `rule` keeps what is needed
to re-resolve them later (`resolve_times`) once a missing publication date has been
inferred. dateparser is only a fallback for absolute dates that spaCy tags DATE and the
rules do not cover.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storyline.extract.time_normalize import resolve
from storyline.extract.time_rules import Candidate, Rule, TimeRules, match_times
from storyline.lexicon.timeml import parse_anchor, precision_of
from storyline.models import TimeExpression

_FUTURE_HEADS = {
    "expect",
    "plan",
    "schedule",
    "due",
    "set",
    "intend",
    "hope",
    "aim",
    "prepare",
    "want",
    "vow",
    "promise",
    "threaten",
    "seek",
    "propose",
    "agree",
}
_MODALS = {"would", "could", "may", "might", "can", "should", "must", "'d"}
_PLAN_VERBS = {"plan", "schedule", "set", "due", "expect", "slate"}
_DATEPARSER_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "STRICT_PARSING": False,
    "REQUIRE_PARTS": ["year"],
}


def _token_at(doc: Doc, char: int, starts: Sequence[int] | None = None) -> Token | None:
    """The token covering a character offset (`starts`: the token offsets, if known)."""
    if starts is None:
        starts = [t.idx for t in doc]
    i = bisect_right(starts, char) - 1
    return doc[i] if 0 <= i < len(doc) else None


def tense_of(token: Token) -> str | None:
    """'past', 'future' or 'present' for the clause governing a token; None if unknown."""
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ != "aux":
            break
        if verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for _ in range(3):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lemmas = {c.lemma_.lower() for c in auxes} | {c.lower_ for c in auxes}
        if lemmas & {"will", "shall", "'ll", "wo"}:
            return "future"
        if lemmas & _MODALS:
            # 'would be ready Tuesday' looks ahead, 'suggested it may send … on Thursday'
            # may look back: the nearest such day; 'could have' looks back
            return "past" if lemmas & {"have", "'ve"} else "present"
        if verb.lemma_.lower() in _PLAN_VERBS:
            return "future"
        if any(c.lower_ == "going" for c in auxes):
            return "future"
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
            return "past"
        if verb.tag_ == "VBN" and lemmas & {"have", "has"}:
            return "past"
        if verb.tag_ in ("VBZ", "VBP"):
            return "present"
        if "to" in lemmas or verb.tag_ in ("VB", "VBG", "VBN"):
            # an infinitive or participle takes the tense of the verb it hangs off
            head = verb.head
            if head is verb or head.pos_ not in ("VERB", "AUX", "ADJ"):
                return "past" if verb.tag_ == "VBN" else None
            if "to" in lemmas and head.lemma_.lower() in _FUTURE_HEADS:
                return "future"
            verb = head
            continue
        break
    return None


def _tense(doc: Doc, start: int, starts: Sequence[int] | None = None) -> str | None:
    token = _token_at(doc, start, starts)
    return tense_of(token) if token is not None else None


def _fallback(doc: Doc, taken: list[tuple[int, int]], months: dict[str, int]) -> list[Candidate]:
    """spaCy DATE entities with a year or month name the rules missed, read by dateparser."""
    out: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        low = ent.text.lower()
        if not (
            re.search(r"\b1[6-9]\d\d\b|\b20\d\d\b", low)
            and any(re.search(rf"\b{m}\b", low) for m in months)
        ):
            continue
        import dateparser

        parsed = dateparser.parse(ent.text, languages=["en"], settings=_DATEPARSER_SETTINGS)
        if parsed is None:
            continue
        rule: Rule = {"type": "absolute", "year": parsed.year, "month": parsed.month}
        if re.search(r"\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b\d{4}\b", "", low)):
            rule["day"] = parsed.day
        out.append(Candidate(ent.start_char, ent.end_char, "date", rule, "dateparser"))
    return out


def resolve_times(times: Sequence[TimeExpression], anchor: str | None) -> None:
    """(Re-)resolve expressions in text order against an anchor date, in place.

    'hours later' / 'the next day' read the previous resolved date in the same text.
    """
    base = parse_anchor(anchor)
    previous: str | None = None
    for t in times:
        if t.rule is None:
            continue
        tense = t.rule.get("tense")
        value, anchored = resolve(t.rule, base, str(tense) if tense else None, previous)
        t.value = value
        t.precision = precision_of(value)  # type: ignore[assignment]
        t.anchored = anchored
        if t.kind in ("date", "time") and t.precision in ("day", "week", "month"):
            previous = value


def find_times(doc: Doc, anchor: str | None, rules: TimeRules) -> list[TimeExpression]:
    """Temporal expressions in a parsed document, normalised against `anchor`; `rules`
    is `time_rules(knowledge)`."""
    text = doc.text
    candidates = match_times(text, rules)
    candidates += _fallback(doc, [(c.start, c.end) for c in candidates], rules.words.months)
    candidates.sort(key=lambda c: c.start)
    out: list[TimeExpression] = []
    starts: list[int] | None = None  # token offsets, built once per document
    for c in candidates:
        rule = dict(c.rule)
        if c.kind in ("date", "time"):
            if starts is None:
                starts = [t.idx for t in doc]
            rule["tense"] = _tense(doc, c.start, starts)
        out.append(
            TimeExpression(
                start=c.start, end=c.end, text=text[c.start : c.end], kind=c.kind, rule=rule
            )  # type: ignore[arg-type]
        )
    resolve_times(out, anchor)
    return out
