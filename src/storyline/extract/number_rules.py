"""Numbers that are not claims, each with a reason.

The textual rules are data (`rejections` in data/numbers.json): a pattern the text just
before the number must end with, one the text just after must start with, or both, and
an `unless_before` that keeps the number. Three rules need the parse and live here:
a person's age in apposition ('Ana Reis, 54,'), a count of the writer's own sources as
the subject of a speech verb ('two traders said'), and a count of the writer's own
discourse ('three questions'; `discourse_nouns` in data/claims.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from storyline.lexicon import Knowledge

_WINDOW = 60


@dataclass(frozen=True)
class _Rule:
    reason: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    unless_before: re.Pattern[str] | None
    fractions: bool = False  # also rejects fractions ('the upper half of')


def _rules(knowledge: Knowledge) -> tuple[_Rule, ...]:
    return knowledge.derived("number_rejections", lambda: _compile_rules(knowledge))


def _compile_rules(knowledge: Knowledge) -> tuple[_Rule, ...]:
    def rx(p: str | None) -> re.Pattern[str] | None:
        return re.compile(p, re.IGNORECASE) if p else None

    return tuple(
        _Rule(
            r["reason"],
            rx(r.get("before")),
            rx(r.get("after")),
            rx(r.get("unless_before")),
            bool(r.get("fractions")),
        )
        for r in knowledge.numbers.get("rejections", [])
    )


def _claim_words(knowledge: Knowledge) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = knowledge.claims
    return (
        frozenset(data.get("discourse_nouns", [])),
        frozenset(data.get("source_nouns", [])),
        frozenset(data.get("speech", [])),
    )


def text_reason(
    text: str, start: int, end: int, knowledge: Knowledge, fraction: bool = False
) -> str | None:
    """The reason a number at text[start:end] is not a claim, by the data rules; for a
    fraction ('the upper half of') only the rules marked for fractions."""
    before = text[max(0, start - _WINDOW) : start]
    if start < _WINDOW:
        before = "\n" + before  # the text's start is a line start
    after = text[end : end + _WINDOW]
    for rule in _rules(knowledge):
        if fraction and not rule.fractions:
            continue
        if rule.before is not None and not rule.before.search(before):
            continue
        if rule.after is not None and not rule.after.search(after):
            continue
        if rule.unless_before is not None and rule.unless_before.search(before):
            continue
        return rule.reason
    return None


def _age_apposition(span: Span) -> bool:
    """'Ana Reis, 54, said' or 'Ana Reis (54)': a small number right after a person's name."""
    doc = span.doc
    first, last = span[0], span[-1]
    if not (first.like_num and last.like_num) or len(span) > 2:
        return False
    try:
        value = float(last.text.replace(",", ""))
    except ValueError:
        return False
    if not 0 < value < 120 or first.i < 2:
        return False
    opener, name = doc[first.i - 1], doc[first.i - 2]
    closer = doc[last.i + 1] if last.i + 1 < len(doc) else None
    pairs = {",": {",", ".", ";", "-", "–", "—"}, "(": {")"}}
    if opener.text not in pairs or closer is None or closer.text not in pairs[opener.text]:
        return False
    return name.ent_type_ == "PERSON" or (name.text.istitle() and name.pos_ == "PROPN")


def _speech_subject(tok: Token, knowledge: Knowledge) -> bool:
    """The subject of a speech verb that has no other subject ('Five dead, says the
    ministry' is the ministry's figure, not a count of speakers)."""
    _, _, speech = _claim_words(knowledge)
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.lemma_.lower() not in speech:
        return False
    return (
        not any(c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i for c in verb.children)
        and tok.i < verb.i
    )


def _name_number(span: Span) -> bool:
    """'Boeing 737', 'Windows 10', 'Route 66': a number written straight after a proper
    name is part of a name (a model, a version, a road), not a count."""
    first = span[0]
    if first.i == 0 or not first.like_num:
        return False
    if span[-1].lower_ in ("%", "percent", "cent"):
        return False  # 'Smith 48 percent, Jones 44 percent': a share, never a model
    prev = first.doc[first.i - 1]
    # 'iPhone 11', 'eBay 2': a name that starts lower-case with a capital after it
    camel = prev.text[:1].islower() and any(ch.isupper() for ch in prev.text[1:])
    return (
        ((prev.pos_ == "PROPN" and prev.text[:1].isupper()) or camel)
        and "\n" not in prev.whitespace_
        and prev.whitespace_ != ""
        and prev.ent_type_ not in ("DATE", "TIME", "MONEY", "CARDINAL", "QUANTITY")
    )


def _listed_after_name_number(span: Span) -> bool:
    """'Opteron 3200 or 4200', 'versions 6, 7 and 8': a number listed right after a
    number that is part of a name is another model of that name."""
    first = span[0]
    doc = first.doc
    if first.i < 3 or not first.like_num or doc[first.i - 1].lower_ not in ("or", "and", ",", "/"):
        return False
    prev = doc[first.i - 2]
    return prev.like_num and _name_number(doc[prev.i : prev.i + 1])


def _bare_definite_subject(span: Span, knowledge: Knowledge) -> bool:
    """'… a captain and a droid, the four go on', 'among the four', 'All three live
    there': 'the', 'all' or 'both' and a number that counts no noun name a set the text
    listed before (`back_reference_words` in data/claims.json); it is no count."""
    first, number = span[0], span[-1]
    if len(span) != 1 or first.i == 0 or not number.like_num:
        return False  # 'the KES 45,000': an amount, not a set
    doc = first.doc
    if first.i + 1 < len(doc) and doc[first.i + 1].lower_ in ("of", "percent", "%"):
        return False  # 'the three of them', 'all 40 percent': a part or a share
    if any(c.dep_ == "agent" for a in number.children for c in a.children):
        return False  # 'the 1,450 counted by the agency' names who counted it
    tolls = {**knowledge.claims.get("predicates", {}), **knowledge.claims.get("toll", {})}
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if nxt is not None and (nxt.lower_ in tolls or nxt.lemma_.lower() in tolls):
        return False  # '30 of the 80 wounded': a toll word names what the figure counts
    before = doc[first.i - 1].lower_
    words = set(knowledge.claims.get("back_reference_words", ("the",)))
    if before == "the" and first.i >= 2 and doc[first.i - 2].lower_ in words:
        return True  # 'all the four'
    return before in words


def _repeated_count(span: Span, knowledge: Knowledge) -> bool:
    """'… including three who allege it. He denied all three allegations.': 'all' or
    'both' (`counted_back_reference_words`) before a number whose same words stand in
    the two sentences before repeat a count just given; it is no new count."""
    first = span[0]
    doc = first.doc
    words = set(knowledge.claims.get("counted_back_reference_words", ()))
    if first.i == 0 or doc[first.i - 1].lower_ not in words:
        return False
    number = [t.lower_ for t in span if t.like_num]
    if not number:
        return False
    sent = first.sent
    lo = sent.start
    for _ in range(2):
        if lo == 0:
            break
        lo = doc[lo - 1].sent.start
    before = doc[lo : first.i - 1]
    n = len(number)
    return any([t.lower_ for t in before[i : i + n]] == number for i in range(len(before)))


def _age_of_person(span: Span, knowledge: Knowledge) -> bool:
    """'until he was 100', 'when she was 12': a bare number a form of 'be' gives a person
    (a personal pronoun or a person's name) is the person's age."""
    number = span[-1]
    if len(span) != 1 or not number.like_num or number.dep_ not in ("attr", "acomp"):
        return False
    try:
        value = float(number.text.replace(",", ""))
    except ValueError:
        return False
    if not 0 < value < 120 or number.head.lemma_ != "be":
        return False
    pronouns = set(knowledge.claims.get("person_pronouns", ()))
    subj = next((c for c in number.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in pronouns or subj.ent_type_ == "PERSON")


def parse_reason(span: Span, noun: Token | None, knowledge: Knowledge) -> str | None:
    """The reason a number is not a claim, from its parse (None where it may be one)."""
    discourse, sources, _ = _claim_words(knowledge)
    if _age_apposition(span):
        return "age"
    if _name_number(span):
        return "part of a name (model, version, road)"
    number = span[-1]
    if _listed_after_name_number(span):
        return "part of a name (model, version, road)"  # 'an Opteron 3200 or 4200 part'
    if noun is None and _bare_definite_subject(span, knowledge):
        return "back-reference ('the four went on')"
    if noun is not None and _repeated_count(span, knowledge):
        return "back-reference ('denied all three allegations')"
    if noun is None and _age_of_person(span, knowledge):
        return "age ('until he was 100')"
    if noun is not None and noun.lemma_.lower() in discourse:
        return "count of the writer's own discourse"
    if noun is None and _speech_subject(number, knowledge):
        return "count of the reporter's own sources"
    if noun is not None and noun.lemma_.lower() in sources:
        if _speech_subject(noun, knowledge):
            return "count of the reporter's own sources"
        for c in noun.children:
            # 'three people I know', 'two traders I spoke to'
            if c.dep_ == "relcl" and any(
                g.dep_ == "nsubj" and g.lower_ in ("i", "we") for g in c.children
            ):
                return "count of the reporter's own sources"
    return None
