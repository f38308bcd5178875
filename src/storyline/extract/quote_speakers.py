"""Speakers of attributed statements: the subject of a cue verb, its span, the entity
mention behind it, and pronouns ('he said') resolved to the last compatible name."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.extract.sentences import within_paragraph
from storyline.lexicon.cues import Cues
from storyline.models import LocalMention

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})
# Parts of a subject that are not the speaker's name: relative clauses, appositions.
TRIM_DEPS = frozenset({"relcl", "appos", "acl", "advcl", "punct", "cc", "parataxis"})
# Heads through which a subject is inherited ("X said … and added", "…, claiming").
INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl"})
DEFINITE = frozenset({"the", "this", "that"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
DASHES = frozenset({"—", "–", "-", "--"})
QUOTE_CLOSERS = frozenset({"”", "’", '"', "'", "''", "»"})


@dataclass
class Attribution:
    """A statement found in one document, before speakers are linked to mentions."""

    kind: str  # "direct" or "indirect"
    start: int
    end: int
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_head: int | None = None  # token index of the speaker's head
    speaker_start: int | None = None  # character offsets of the speaker span
    speaker_end: int | None = None
    speaker_text: str | None = None
    speaker_cluster: str | None = None
    inherit_from: Attribution | None = None  # a follow-on quote takes this one's speaker
    name_span: tuple[int, int] | None = None  # a speaker written as a label ('PENCE: …')

    def has_speaker(self) -> bool:
        return self.speaker_start is not None or self.inherit_from is not None


def subject_of(verb: Token, cues: Cues) -> Token | None:
    """The grammatical subject of a cue verb, inherited through coordination and
    participles; a relative pronoun stands for the noun its clause qualifies."""
    v = verb
    if any(c.dep_ in PASSIVE_DEPS for c in verb.children):
        return None  # 'X was told that …', 'men who were said to be …': X is not the speaker
    if _raised(verb, cues):
        return None  # 'men who where said to be …' (a typo hides the passive)
    for _ in range(5):
        for child in _subjects(v):
            if child.dep_ in SUBJECT_DEPS:
                if source_of_report(child):
                    return stranded_subject(v)  # 'According to A, B, C, said …': C
                if child.lower_ in cues.relatives and v.dep_ == "relcl":
                    if child.lower_ in ("who", "whom") and _not_a_person(v.head):
                        return _person_above(v.head) or v.head
                    return v.head
                if child.lower_ in cues.expletives and child.lower_ not in cues.org_pronouns:
                    return None
                return child
        if (v.dep_ in INHERIT_DEPS or _subjectless_clause(v, cues)) and v.head is not v:
            if _impersonal_infinitive(v, cues) or _passive_participle(v):
                return None
            if _unset_participle(v):
                # '… demanded an explanation for Obi's letter advising that …': with no
                # comma the participle goes with a noun before it, not the clause's
                # subject; a medium its author names speaks ('Obi's letter'), one sent by
                # the subject is the subject's ('X sent tweets saying …')
                media = [
                    t
                    for t in v.doc[v.head.i + 1 : v.i]
                    if t.pos_ == "NOUN" and t.lemma_.lower() in cues.media_nouns
                ]
                if not media:
                    return None
                if any(c.dep_ == "poss" for c in media[-1].children):
                    return media[-1]
            v = v.head
            continue
        if v.dep_ == "acl" and v.head.pos_ in NOMINAL_POS:
            return v.head  # "a statement saying …"
        return None
    return None


NON_PERSON_ENTS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"})


def _not_a_person(token: Token) -> bool:
    """A name the NER gives a body or a place ('the American Institute'), inside a
    phrase that describes someone ('a fellow at the Institute')."""
    return token.ent_type_ in NON_PERSON_ENTS and token.dep_ == "pobj"


def _person_above(token: Token) -> Token | None:
    """'Ana Obi, a scholar at the Policy Institute who argues …': 'who' is a person, so
    the parse that hangs its clause on the body took the wrong noun; the person is the
    one the body's phrase describes (up through 'at', 'of' and appositions). None when
    no person is found there."""
    t = token
    for _ in range(6):
        if t.dep_ not in ("pobj", "prep", "appos", "compound") or t.head is t:
            return None
        t = t.head
        if t.ent_type_ == "PERSON":
            return t
    return None


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject children, the one nearest before it first: where the parse
    gives a verb two subjects ('THE BORROWING Back when he wrote, Mr. Lee said …': a
    section label run into the sentence), the one next to the verb is its subject."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) < 2:
        return subjects
    return sorted(subjects, key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))


def stranded_subject(verb: Token, paras: list[int] | None = None) -> Token | None:
    """'According to the Courier, the president of the League, Tomas Ferreira, blamed …':
    the parser may hang the subject as an apposition of the source before it (or take
    the source for the subject); the name closing the phrase right before the verb is
    the one who speaks or blames."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is not None and not source_of_report(subject):
        return None
    j = verb.i - 1
    while j >= 0 and verb.doc[j].is_punct and verb.doc[j].text == ",":
        j -= 1
    if j < 0 or any("\n" in t.text_with_ws for t in verb.doc[j : verb.i]):
        return None  # another paragraph
    t = verb.doc[j]
    if t.dep_ == "appos" and t.pos_ in ("PROPN", "NOUN") and t.head.i < t.i:
        return t
    return None


def source_of_report(token: Token) -> bool:
    """'According to Diario do Pinhal, the president …, X, accused …': the parse took
    the source of the report for the subject."""
    doc = token.doc
    for j in range(token.i - 1, max(0, token.i - 7), -1):
        if doc[j].is_punct or doc[j].is_sent_start:
            return False
        if doc[j].lower_ == "to" and j > 0 and doc[j - 1].lower_ == "according":
            return True
    return False


def _subjectless_clause(v: Token, cues: Cues) -> bool:
    """'X told reporters that A, accused B of …': the parser may hang a coordinated
    finite verb as a complement clause of the speech verb; with no subject and no 'that'
    of its own it shares the speech verb's subject."""
    return (
        v.dep_ == "ccomp"
        and v.head.lemma_.lower() in cues.speech_verbs
        and v.tag_ in ("VBD", "VBZ")
        and v.i > v.head.i
        and not any(c.dep_ in ("mark", "aux", "auxpass", "expl") for c in v.children)
        and v.doc[v.i - 1].text == ","
    )


def _impersonal_infinitive(v: Token, cues: Cues) -> bool:
    """'The list is too long to describe', 'the case is hard to argue': an infinitive
    after a copula's adjective with a degree word or of the 'hard' kind has no speaker;
    the copula's subject is what is talked about."""
    if v.dep_ != "xcomp" or v.head.lemma_.lower() != "be":
        return False
    for adj in v.head.children:
        if adj.dep_ != "acomp":
            continue
        if adj.lemma_.lower() in cues.impersonal_adjectives or any(
            c.lower_ in cues.degree_words for c in adj.children
        ):
            return True
    return False


def _unset_participle(v: Token) -> bool:
    """A present participle after its verb's complements with no comma before it."""
    if v.dep_ != "advcl" or v.tag_ != "VBG" or v.i <= v.head.i + 2:
        return False
    if any(c.dep_ in ("mark", "nsubj") for c in v.children):
        return False
    j = v.i - 1  # back over adverbs and closing marks: '…,” even suggesting'
    while j > v.head.i and (v.doc[j].pos_ == "ADV" or v.doc[j].text in QUOTE_CLOSERS):
        j -= 1
    return v.doc[j].text not in (",", "—", "–", "-", ";", ":", "(")


def _passive_participle(v: Token) -> bool:
    """'… rose by 23 percent when compared with …', 'Asked whether …, the company said':
    a bare past participle in an adverbial clause is passive; the main clause's subject
    is what it acts on, not who speaks."""
    return (
        v.dep_ == "advcl"
        and v.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in v.children)
    )


def _raised(verb: Token, cues: Cues) -> bool:
    """'X is said to be / to have …': a report about X by someone unnamed, whatever
    the parse made of the auxiliary."""
    doc = verb.doc
    if verb.lemma_.lower() not in cues.raising_verbs or verb.i + 2 >= len(doc):
        return False
    return doc[verb.i + 1].lower_ == "to" and doc[verb.i + 2].lemma_.lower() in ("be", "have")


def inverted_subject(verb: Token, limit: int) -> Token | None:
    """'…,” said Romain Caillet': a proper name right after the cue when the parser
    gave the verb no subject. A verb with an object ('…”, accused the leadership of …')
    is not inverted: the noun after it is what it acts on."""
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return None
    for t in verb.doc[verb.i + 1 : min(limit, verb.i + 6)]:
        if t.pos_ in ("PROPN", "PRON") or (t.pos_ == "NOUN" and t.dep_ in SUBJECT_DEPS):
            return t.head if t.dep_ == "compound" else t
        if t.is_punct:
            break
    return None


_TEXTS: dict[int, tuple[Doc, str]] = {}


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per document (spaCy rebuilds it on every access)."""
    hit = _TEXTS.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    if len(_TEXTS) > 8:
        _TEXTS.clear()
    text = doc.text
    _TEXTS[id(doc)] = (doc, text)
    return text


def _is_dash(doc: Doc, i: int) -> bool:
    """A dash between words ('Reuters – The'), not a hyphen inside a name ('al-Assad')."""
    t = doc[i]
    return t.text in DASHES and bool(t.whitespace_) and (i == 0 or bool(doc[i - 1].whitespace_))


def _is_name_appos(token: Token) -> bool:
    """An apposition that is the speaker's name ('the spokesman, Ivan Petrov')."""
    return token.dep_ == "appos" and token.pos_ == "PROPN" and token.i > token.head.i


def token_paragraphs(doc: Doc) -> list[int]:
    """Paragraph number of each token (a newline starts a new paragraph)."""
    out = []
    para = 0
    for t in doc:
        out.append(para)
        para += t.text_with_ws.count("\n")
    return out


def same_paragraph(tokens: list[Token], paras: list[int]) -> bool:
    return len({paras[t.i] for t in tokens}) == 1


def speaker_span(
    head: Token, blocked: set[int] | None = None, paras: list[int] | None = None
) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head`, without relative
    clauses or appositions, never reaching into quoted text or another paragraph."""
    keep = [head.i]
    stack = [c for c in head.children if c.dep_ not in TRIM_DEPS or _is_name_appos(c)]
    while stack:
        t = stack.pop()
        if blocked and t.i in blocked:
            continue
        if paras is not None and paras[t.i] != paras[head.i]:
            continue
        keep.append(t.i)
        stack.extend(t.children)
    lo, hi = min(keep), max(keep) + 1
    doc = head.doc
    if paras is not None:
        # A span never crosses a newline token, even where the parse links across it.
        lo, hi = within_paragraph(doc, head.i, lo, hi)
    # A dateline or a list dash before the name ('CITY (Agency) – The minister') is
    # not part of it.
    for i in range(head.i - 1, lo - 1, -1):
        if _is_dash(doc, i):
            lo = i + 1
            break
    # Keep it contiguous around the head and free of edge punctuation.
    while lo < head.i and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi - 1 > head.i and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "cc"):
        hi -= 1
    if blocked:
        for i in range(head.i, hi):
            if i in blocked:
                hi = i
                break
        for i in range(head.i, lo - 1, -1):
            if i in blocked:
                lo = i + 1
                break
    return lo, hi


class MentionIndex:
    """Mentions by character offset, for linking a speaker head to its entity."""

    def __init__(
        self, mentions: list[LocalMention], roles: dict[str, tuple[str, ...]] | None = None
    ):
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.roles = roles or {}
        self.starts = [m.start for m in self.mentions]
        # Surnames of people named in full: a later bare surname the NER typed otherwise
        # is still that person ("Romain Caillet" … "Caillet").
        self.surnames = {
            m.text.split()[-1] for m in mentions if m.type == "PERSON" and len(m.text.split()) > 1
        }

    def type_of(self, m: LocalMention) -> str:
        return "PERSON" if m.text in self.surnames else m.type

    def covering(self, start: int, end: int | None = None) -> LocalMention | None:
        """The mention containing the character span (start, end)."""
        end = start + 1 if end is None else end
        i = bisect_right(self.starts, start)
        for m in reversed(self.mentions[max(0, i - 8) : i]):
            if m.start <= start and end <= m.end:
                return m
        return None

    def within(self, start: int, end: int, types: set[str]) -> LocalMention | None:
        """The last mention of one of `types` inside the character span."""
        i = bisect_right(self.starts, end)
        for m in reversed(self.mentions[:i]):
            if m.start < start:
                return None
            if m.end <= end and self.type_of(m) in types:
                return m
        return None

    def by_description(self, head: Token) -> LocalMention | None:
        """'the spokesman', 'The U.S. general in charge of …': the one person of the
        document whose role or title names the description's head noun ('Lt. Gen.' for
        'general', 'press secretary' for 'spokesman'); None when none or several do."""
        if head.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children
        ):
            return None
        lemma = head.lemma_.lower()
        terms = {lemma, head.lower_, *self.roles.get(lemma, ())}
        found: dict[str, LocalMention] = {}
        for m in self.mentions:
            if m.type != "PERSON" or not m.role:
                continue
            role = " " + " ".join(re.findall(r"[\w.]+", m.role.lower())) + " "
            if any(f" {t} " in role for t in terms):
                found.setdefault(m.cluster, m)
        return next(iter(found.values())) if len(found) == 1 else None

    def before(
        self, pos: int, types: set[str], exclude: list[tuple[int, int]]
    ) -> LocalMention | None:
        """The last mention of one of `types` ending before `pos`, outside `exclude`."""
        i = bisect_right(self.starts, pos)
        for m in reversed(self.mentions[:i]):
            if m.end > pos or self.type_of(m) not in types:
                continue
            if any(s <= m.start < e for s, e in exclude):
                continue
            return m
        return None


def _modifier_name(head: Token, mention: LocalMention) -> bool:
    """A name before a common-noun head, as its compound or possessor ('Clinton campaign
    allies', 'the Smith family lawyer', 'Obi's lawyer'): the head is someone else."""
    return head.pos_ == "NOUN" and mention.end <= head.idx


def _prepositional_name(head: Token, mention: LocalMention) -> bool:
    """A name inside a prepositional phrase of a common-noun head ('representatives of
    Obi's family', 'a lawyer for Obi'): the head is someone else."""
    if head.pos_ != "NOUN" or mention.start < head.idx:
        return False
    for prep in head.children:
        if prep.dep_ != "prep":
            continue
        lo, hi = prep.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text)
        if lo <= mention.start and mention.end <= hi:
            return True
    return False


def is_pronoun(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words and token.pos_ == "PRON"


def attach_speaker(
    att: Attribution,
    doc: Doc,
    head: Token,
    mentions: MentionIndex,
    blocked: set[int],
    paras: list[int] | None = None,
) -> None:
    """Fill the speaker fields of `att` from the subject token `head`."""
    lo, hi = speaker_span(head, blocked, paras)
    span = doc[lo:hi]
    if att.name_span is not None:
        span = doc.char_span(*att.name_span, alignment_mode="expand") or span
    att.speaker_head = head.i
    att.speaker_start, att.speaker_end = span.start_char, span.end_char
    att.speaker_text = span.text
    mention = mentions.covering(head.idx, head.idx + len(head.text))
    if mention is None:
        # 'the envoy Peter Lund', 'The spokesman, Ivan Petrov,': the name inside the span.
        mention = mentions.within(att.speaker_start, att.speaker_end, {"PERSON"})
        if mention is not None and (
            _modifier_name(head, mention) or _prepositional_name(head, mention)
        ):
            mention = None  # 'Clinton campaign allies', 'Obi's lawyer': not that person
    if mention is None:
        mention = mentions.by_description(head)
        if mention is not None:
            att.speaker_cluster = mention.cluster
            att.speaker_text = mention.name or mention.text
            return
    if mention is not None:
        att.speaker_cluster = mention.cluster
        if mention.type == "PERSON" and head.pos_ == "PROPN":
            # A person's name stands alone ("Kremlin spokesman Dmitry Peskov" -> Peskov).
            att.speaker_text = mention.name or mention.text
