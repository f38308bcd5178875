"""Titles and roles of people: 'Lt. Gen.' stripped from a name, 'Kremlin spokesman'
before it, ', commander of Operation Inherent Resolve,' or ', an expert on …' after it."""

from __future__ import annotations

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


def _phrase(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text.strip(" ,")
