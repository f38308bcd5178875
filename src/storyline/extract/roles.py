"""Titles and roles of people: 'Lt. Gen.' stripped from a name, 'Kremlin spokesman'
before it, ', commander of Operation Inherent Resolve,' or ', an expert on …' after it."""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Doc, Token

_STOP_APPOS = {",", ".", ";", ":", "“", "”", '"', "(", ")", "—", "–", "?", "!", "‘", "’"}
_ARTICLES = {"a", "an", "the"}


def _bare(token: Token) -> str:
    return token.lower_.rstrip(".")


class Roles:
    """Reads titles and roles with the entity word lists (`Knowledge.entity_words`)."""

    def __init__(self, entity_words: dict[str, frozenset[str]]) -> None:
        self.titles = entity_words["titles"]
        self.roles = entity_words["roles"]

    def is_title(self, token: Token) -> bool:
        """An honorific or rank written before a name ('Lt.', 'Gen.', 'President')."""
        return _bare(token) in self.titles

    def is_role_noun(self, token: Token) -> bool:
        words = self.roles
        return token.lemma_.lower() in words or token.lower_ in words

    def strip_titles(self, doc: Doc, start: int, end: int) -> tuple[int, list[str]]:
        """Move leading title tokens out of a person span: the new start and the titles
        ('Superintendent of Police' as one title when a full name follows it)."""
        name = self.ranked_name_start(doc, start, end)
        if name is not None:
            return name, [doc[start:name].text]
        titles = []
        while start < end - 1 and (self.is_title(doc[start]) or doc[start].is_punct):
            if not doc[start].is_punct:
                titles.append(doc[start].text)
            start += 1
        return start, titles

    def ranked_name_start(self, doc: Doc, start: int, end: int) -> int | None:
        """Where the name starts in 'Superintendent of Police Musa Garba Idris' or 'Chief
        of Staff Ana Ruiz': titles, 'of', one word (or 'the' and one word), then a name of
        two or three capitalised proper nouns. None for any other shape."""
        i = start
        while i < end and self.is_title(doc[i]):
            i += 1
        # 'of', or 'de' in French and Spanish ranks ('Général de Brigade X')
        if i == start or i >= end or doc[i].lower_ not in {"of", "de"}:
            return None
        i += 2 if i + 1 < end and doc[i + 1].lower_ == "the" else 1
        if i >= end or not doc[i].text[:1].isupper():
            return None
        # a hyphenated first name ('Armel-Fidèle') is one word of the name
        name = [t for t in doc[i + 1 : end] if not (t.text == "-" and not t.whitespace_)]
        if not 2 <= len(name) <= 3 or not all(t.text[:1].isupper() and t.is_alpha for t in name):
            return None
        if not all(t.pos_ == "PROPN" or "-" in t.nbor(-1).text for t in name):
            return None
        return i + 1

    def role_before(self, doc: Doc, start: int) -> tuple[str, int] | None:
        """The role phrase written just before a name ('Kremlin spokesman', 'Press
        spokesperson', 'Russian Defense Minister', 'President') and its first token."""
        j = start - 1
        first = start
        while j >= 0:
            t = doc[j]
            if (t.is_punct and t.text not in {".", "-"}) or t.is_space:
                break
            if t.sent_start and j < start - 6:
                break
            if t.pos_ in {"DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "PART", "NUM"}:
                break
            if t.pos_ not in {"NOUN", "PROPN", "ADJ"} and not self.is_title(t):
                break
            first = j
            j -= 1
            if start - first >= 6:
                break
        if first == start:
            # 'the commander-in-chief, President Vladimir Putin': a role noun phrase before a comma.
            if start >= 2 and doc[start - 1].text == "," and self.is_role_noun(doc[start - 2]):
                head = doc[start - 2]
                return _phrase(doc, head.left_edge.i, head.i + 1), start
            # 'The mayor of Vilar, Joana Mota, said': the name in apposition to a role
            # noun that a place or a body qualifies
            head = _appositive_head(doc, start)
            if head is not None and self.is_role_noun(head) and start - head.left_edge.i <= 10:
                return _phrase(doc, head.left_edge.i, start), start
            return None
        tokens = doc[first:start]
        if not any(self.is_role_noun(t) or self.is_title(t) for t in tokens):
            return None
        return _phrase(doc, first, start), first

    def role_after(self, doc: Doc, end: int) -> str | None:
        """The apposition after a name: ', commander of Y', ', an expert on Z', ', a senior
        fellow at Y' (up to the next comma or sentence end)."""
        if end >= len(doc) - 1 or doc[end].text != ",":
            return None
        i = end + 1
        while i < len(doc) and doc[i].lower_ in _ARTICLES:
            i += 1
        first = i
        while i < len(doc) and doc[i].text not in _STOP_APPOS and not doc[i].is_space:
            if doc[i].pos_ in {"VERB", "AUX"} and doc[i].dep_ not in {"amod", "compound"}:
                break
            if i - first > 25:
                return None
            i += 1
        if i == first:
            return None
        head_window = doc[first : min(i, first + 5)]
        # The role noun must come before any preposition: 'expert on X', not 'X of experts'.
        for t in head_window:
            if t.pos_ == "ADP":
                break
            if self.is_role_noun(t):
                return _phrase(doc, first, i)
        return None


def _appositive_head(doc: Doc, start: int) -> Token | None:
    """The noun a name starting at `start` stands in apposition to, written before it
    and a comma."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    t = doc[start]
    while t.dep_ in ("compound", "flat") and t.head.i > t.i:
        t = t.head
    if t.dep_ != "appos" or t.head.i >= start - 1:
        return None
    head = t.head
    # the parse may hang the name on the qualifier: 'mayor of [Vilar], Joana Mota'
    while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.i < head.i:
        head = head.head.head
    return head if head.pos_ == "NOUN" else None


def _phrase(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text.strip(" ,")


# ------------------------------------------------------------ signature blocks

NAME_PARTICLES = frozenset({"de", "da", "do", "dos", "del", "van", "von", "der", "al", "bin"})
_LAST_LINES = 8  # a signature block sits among a statement's last lines


def strip_article(phrase: str) -> str:
    """'the Minister of Defence' -> 'Minister of Defence'."""
    words = phrase.split()
    while words and words[0].lower() in ("the", "a", "an", ","):
        words = words[1:]
    return " ".join(words)


def role_line(line: str, role_nouns: frozenset[str]) -> str | None:
    """A line that is an office ('The Minister of Defence'): its first content word is a
    role noun. The office without its article, else None."""
    words = line.rstrip(".,;").split()
    if not 1 <= len(words) <= 14:
        return None
    head = [w.lower().strip(",.") for w in words[:3] if w.lower() not in ("the", "a")]
    # the office's noun leads it ('Minister of Defence') or ends its title before 'of'
    # ('The National Commander of Emergency', 'Permanent Secretary')
    lower = [w.lower().strip(",.") for w in words]
    before_of = lower[: lower.index("of")] if "of" in lower else lower
    nouns = {head[0]} if head else set()
    if (
        before_of
        and len(before_of) <= 4
        and all(w[:1].isupper() for w in words[1 : len(before_of)])
    ):
        nouns.add(before_of[-1])
    return strip_article(line.strip(" ,.")) if nouns & role_nouns else None


def name_line(line: str) -> str | None:
    """A line that is a person's name, possibly after a rank ('Général de Brigade Ana
    Obi'): its last two or three capitalised words."""
    words = line.strip(" ,.").split()
    if not 2 <= len(words) <= 7 or line.isupper():
        return None
    if not all(w[:1].isupper() or w in NAME_PARTICLES for w in words):
        return None
    if not all(re.fullmatch(r"[^\W\d_][\w'’.-]*", w) for w in words):
        return None
    run: list[str] = []
    for w in reversed(words):
        if w in NAME_PARTICLES or len(run) == 3:
            break
        run.insert(0, w)
    if len(run) == 3 and len(words) > 3 and words[-4] in NAME_PARTICLES:
        run = run[1:]  # 'Général de Brigade Ana Obi': 'Brigade' is the rank's
    return " ".join(run) if len(run) >= 2 else None


def signature_blocks(text: str, role_nouns: frozenset[str]) -> list[tuple[str, str, int, int]]:
    """(office, name, name offset, office line offset) for each office line next to a
    name line among the text's last lines: 'The National Commander of X' over 'Ana Obi'
    (or under it) signs the statement as Ana Obi, National Commander of X."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)][-_LAST_LINES:]
    lines = [(start, line.strip()) for start, line in lines if line.strip()]
    found = []
    for (s1, a), (s2, b) in pairwise(lines):
        for (rs, r_line), (ns, n_line) in (((s1, a), (s2, b)), ((s2, b), (s1, a))):
            office, name = role_line(r_line, role_nouns), name_line(n_line)
            if office is None or name is None:
                continue
            found.append((office, name, ns + text[ns:].find(name), rs + text[rs:].find(r_line)))
    return found
