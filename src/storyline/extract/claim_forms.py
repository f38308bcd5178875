"""Claims written without a number: zero claims and a lone victim.

- 'no civilians died', 'no civilian had lost his life', 'caused no civilian casualties',
  'made no payment': 'no' on a counted noun (`zero_nouns`) or on the subject or object of
  a claim verb (`zero_verbs`, data/claims.json);
- 'received nothing', 'paid nothing': 'nothing' as the object of a claim verb;
- 'has not paid any ransom', 'neither requested nor received any money': a negated claim
  verb with an 'any' object;
- 'A volunteer firefighter was killed', 'one woman drowned': a singular subject of a toll
  verb (killed, injured, missing, kidnapped, arrested) counts one.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.lexicon import Knowledge
from storyline.models import Quantity

_LONE_TOLLS = {"killed", "injured", "missing", "kidnapped", "arrested", "executed"}


@dataclass(frozen=True)
class FormClaim:
    start: int
    end: int
    value: float
    noun: Token
    phrase: str
    predicate: str | None
    anchor: Token  # the token the claimant is read from


def _words(knowledge: Knowledge) -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    data = knowledge.claims
    tolls = {**data.get("predicates", {}), **data["toll"]}
    return frozenset(data.get("zero_verbs", [])), frozenset(data.get("zero_nouns", [])), tolls


def _predicate(verb: Token | None, noun: Token, knowledge: Knowledge) -> str | None:
    """The zero's predicate; a predicate said only of money ('paid', 'demanded':
    `zero_money_predicates`) only where the noun is one that may be money (`zero_nouns`)
    or 'nothing' ('paid nothing'): 'received no threats', 'never received any
    correspondence' say no sum."""
    _, nouns, tolls = _words(knowledge)
    money = set(knowledge.claims.get("zero_money_predicates", ()))
    objects = [c for c in verb.children if c.dep_ in ("dobj", "conj")] if verb is not None else []
    # 'lost his life' (the object first), 'requested or received'
    for tok in (noun, *objects, verb):
        if tok is not None and tok.lemma_.lower() in tolls:
            pred = tolls[tok.lemma_.lower()]
            if pred in money and noun.lemma_.lower() not in nouns and noun.lower_ != "nothing":
                return None
            return pred
    return None


def _noun_phrase(noun: Token) -> str:
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
    return " ".join(t.text for t in sorted([*mods, noun], key=lambda t: t.i))


def _clause_end(verb: Token, noun: Token) -> int:
    """The end of 'no civilian had lost his life': the verb and its object, not the clause."""
    last = max(verb.i, noun.i)
    for c in verb.children:
        if c.dep_ in ("dobj", "prt", "acomp") and c.i > last:
            last = max(t.i for t in c.subtree)
    tok = verb.doc[last]
    return tok.idx + len(tok.text)


def _zero(doc: Doc, knowledge: Knowledge) -> list[FormClaim]:
    verbs, nouns, _ = _words(knowledge)
    out: list[FormClaim] = []
    for tok in doc:
        low = tok.lower_
        if low == "no" and tok.dep_ == "det" and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
            verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else None
            if verb is not None and verb.pos_ not in ("VERB", "AUX"):
                verb = None
            verb_ok = verb is not None and verb.lemma_.lower() in verbs
            if noun.lemma_.lower() not in nouns and not verb_ok:
                continue
            if not verb_ok:
                verb = None
            end = _clause_end(verb, noun) if verb is not None else noun.idx + len(noun.text)
            start = tok.idx
            if verb is not None and verb.i < tok.i:
                start = verb.idx  # 'caused no civilian casualties'
            pred = _predicate(verb, noun, knowledge)
            if pred is None:
                continue
            phrase = _noun_phrase(noun)
            if noun.lower_ in knowledge.claims.get("zero_person_words", ()):
                phrase = "people"  # 'no one else was injured': nobody, not one
            out.append(FormClaim(start, end, 0.0, noun, phrase, pred, verb or noun))
        elif low in ("nothing", "any") and tok.head.pos_ in ("VERB", "NOUN"):
            verb, noun = tok.head, tok
            if low == "any":
                noun = tok.head
                verb = noun.head if noun.dep_ == "dobj" else None
                if verb is None:
                    continue
                negated = any(
                    c.dep_ == "neg" or c.lower_ in ("neither", "nor") for c in verb.children
                )
                negated = negated or (
                    verb.dep_ == "conj"
                    and any(c.dep_ == "neg" or c.lower_ == "neither" for c in verb.head.children)
                )
                if not negated:
                    continue
            elif tok.dep_ != "dobj":
                continue
            if verb.lemma_.lower() not in verbs:
                continue
            pred = _predicate(verb, noun, knowledge)
            if pred is None:
                continue
            start = min(verb.idx, tok.idx)
            if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
                start = min(start, verb.head.idx)
            end = max(verb.idx + len(verb.text), noun.idx + len(noun.text))
            out.append(FormClaim(start, end, 0.0, noun, _noun_phrase(noun), pred, verb))
    return out


def _lone(doc: Doc, knowledge: Knowledge) -> list[FormClaim]:
    _, _, tolls = _words(knowledge)
    out: list[FormClaim] = []
    for tok in doc:
        if tok.lower_ not in ("a", "an", "one") or tok.dep_ not in ("det", "nummod"):
            continue
        noun = tok.head
        if (
            noun.pos_ != "NOUN"
            or noun.tag_ not in ("NN",)
            or noun.dep_ not in ("nsubj", "nsubjpass")
        ):
            continue
        verb = noun.head
        if noun.i - tok.i > 3 or verb.i - noun.i > 3:
            continue  # a short subject only: 'a 34-year-old member of …, died' is a person's story
        pred = tolls.get(verb.lemma_.lower())
        if verb.pos_ != "VERB" or pred not in _LONE_TOLLS:
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        if noun.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
            continue  # 'a quake killed 300 people': the subject is the killer, not a victim
        end = verb.idx + len(verb.text)
        out.append(FormClaim(tok.idx, end, 1.0, noun, _noun_phrase(noun), pred, verb))
    return out


def find_zero_and_lone_claims(
    doc: Doc, found: list[Quantity], knowledge: Knowledge
) -> list[FormClaim]:
    """Zero and lone-victim claims that no number claim covers, in text order."""
    taken = [(q.start, q.end) for q in found]
    out: list[FormClaim] = []
    for claim in sorted(_zero(doc, knowledge) + _lone(doc, knowledge), key=lambda c: c.start):
        if any(s < claim.end and claim.start < e for s, e in taken):
            continue
        taken.append((claim.start, claim.end))
        out.append(claim)
    return out
