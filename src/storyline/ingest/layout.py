"""Boilerplate found by where a line sits, not by what it says alone.

- a masthead: the outlet's name on the line under a plain-text headline ('Headline' /
  'The Harbour Times'), or a top line that starts with the outlet named by the metadata
  ('Harbour Times - daily briefing'); it names the outlet when the metadata does not;
- a letterhead: the block of short, sentence-less lines between the headline and the
  first paragraph of a statement ('REPUBLIC OF X', 'Ministry of Y', 'Ref: AB/12/2024',
  'PRESS RELEASE'); only a block holding a reference number or a release header counts,
  so that a news article's standfirst or promo line stays;
- related-link items: the short headline-like lines under a 'Related' / 'Read more:'
  header, which name places and numbers of other stories;
- slogans: exclamations in the block of short lines that closes a statement ('Long live
  the union!'), after its last paragraph.

Each rule returns line indices with a kind; `clean_lines` removes them (and keeps them in
`Document.removed`). Thresholds are in data/boilerplate.toml ([layout]).
"""

from __future__ import annotations

import re

from storyline.ingest.rules import Boilerplate, LayoutLimits

_SENTENCE_END = re.compile(r"[.!?:;,][\"”’')\]]*$")
_ABBREV_END = re.compile(r"\b(?:[A-Z]|No|Nr|Inc|Ltd|Co|Jr|Sr|St)\.$")
_CONNECTORS = {
    "of", "the", "and", "&", "for", "from", "on", "in", "at", "to", "de", "del", "della",
    "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "al", "van", "von", "und",
    "et", "y", "e", "a", "an",
}  # fmt: skip
_HEADER_KINDS = ("related", "read_more")


def is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and not _ABBREV_END.search(line)


def is_all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    return len(letters) >= 4 and len(words) >= 1 and all(c.isupper() for c in letters)


def name_like(line: str, max_words: int) -> bool:
    """A proper name on its own line: 'The Harbour Times', 'Ministry of Health – Press
    Office', 'Frente Popular de Liberación (FPL)'."""
    words = [re.sub(r"^[ldLD]['’]", "", w.strip("()[]\"'“”‘’,")) for w in line.split()]
    words = [w for w in words if w and w not in {"–", "—", "-", "|", "·", "•"}]
    if not words or len(words) > max_words or is_sentence(line):
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _CONNECTORS for w in words) and (
        capital >= 1
    )


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def masthead_index(
    stripped: list[str], title_from_text: bool, outlet: str | None, lim: LayoutLimits
) -> int | None:
    """The line holding the outlet's name at the top, or None."""
    nonempty = [i for i, s in enumerate(stripped) if s][:3]
    if outlet:
        key = _norm(outlet)
        for i in nonempty:
            if (
                key
                and _norm(stripped[i]).startswith(key)
                and len(stripped[i].split()) <= (len(outlet.split()) + 5)
            ):
                return i
    if title_from_text and len(nonempty) >= 2:
        i = nonempty[1]
        if name_like(stripped[i], lim.masthead_max_words) and not is_all_caps(stripped[i]):
            return i
    return None


def letterhead_indices(
    stripped: list[str], start: int, rules: Boilerplate, lim: LayoutLimits
) -> list[int]:
    """The short sentence-less lines from `start` to the first paragraph, if they read as
    a letterhead (one of them all capitals, a reference number or a release header)."""
    block: list[int] = []
    for i in range(start, len(stripped)):
        s = stripped[i]
        if not s:
            continue
        if len(s.split()) > lim.letterhead_max_words or is_sentence(s):
            break
        block.append(i)
        if len(block) > lim.letterhead_max_lines:
            return []
    official = any(rules.kind_of(stripped[i]) in ("reference", "release_header") for i in block)
    return block if official else []


def related_items(stripped: list[str], rules: Boilerplate, lim: LayoutLimits) -> list[int]:
    """Headline-like lines under a bare 'Related' / 'Read more:' header."""
    out: list[int] = []
    under = False
    for i, s in enumerate(stripped):
        if not s:
            continue
        kind = rules.kind_of(s)
        if kind in _HEADER_KINDS and len(s.split()) <= lim.header_max_words:
            under = True
            continue
        if under and len(s.split()) <= lim.item_max_words and not re.search(r"[.!]$", s):
            if kind is None:
                out.append(i)
            continue
        under = False
    return out


def closing_slogans(stripped: list[str], lim: LayoutLimits) -> list[int]:
    """Exclamations among the short lines after the last paragraph."""
    out: list[int] = []
    for i in range(len(stripped) - 1, -1, -1):
        s = stripped[i]
        if not s:
            continue
        words = len(s.split())
        long_sentence = s.endswith(".") and words > lim.closing_max_words // 2
        if words > lim.closing_max_words or (long_sentence and not re.search(r"\d", s)):
            break  # a paragraph of the body
        if s.endswith("!") and "?" not in s and words <= lim.slogan_max_words:
            out.append(i)
    return out


def layout_marks(
    stripped: list[str], title_from_text: bool, outlet: str | None, rules: Boilerplate
) -> dict[int, str]:
    """Line index -> kind ('masthead', 'letterhead', 'related_item', 'slogan')."""
    lim = rules.layout
    marks: dict[int, str] = {}
    nonempty = [i for i, s in enumerate(stripped) if s]
    if not nonempty:
        return marks
    mast = masthead_index(stripped, title_from_text, outlet, lim)
    if mast is not None:
        marks[mast] = "masthead"
    top = nonempty[0] if title_from_text else -1
    start = max(top, mast if mast is not None else -1) + 1
    for i in letterhead_indices(stripped, start, rules, lim):
        marks.setdefault(i, "letterhead")
    for i in related_items(stripped, rules, lim):
        marks.setdefault(i, "related_item")
    for i in closing_slogans(stripped, lim):
        marks.setdefault(i, "slogan")
    return marks
