"""Sentence boundaries at line breaks.

Cleaned text keeps one paragraph (or headline, or list item) per line. The parser would
otherwise run a line with no closing full stop into the next one, attaching a headline's
verb to the following paragraph's subject. Marking the first token after a newline as a
sentence start before the parser runs keeps every sentence, quote and claim inside its
paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

LINE_BREAKS = "storyline_line_breaks"


@Language.component(LINE_BREAKS)
def mark_line_breaks(doc: Doc) -> Doc:
    """Set `is_sent_start` on the first token of every line after the first."""
    after_newline = False
    for token in doc:
        if token.is_space:
            after_newline = after_newline or "\n" in token.text
            continue
        if after_newline and token.i > 0:
            token.is_sent_start = True
        after_newline = "\n" in token.whitespace_
    return doc


def within_paragraph(doc: Doc, anchor: int, lo: int, hi: int) -> tuple[int, int]:
    """Narrow the token range [lo, hi) around token `anchor` to the anchor's paragraph.

    The parser sometimes links words across a line break; a speaker, a quote or a claim
    never spans one, so extractors clip their ranges here.
    """
    for j in range(anchor, hi):
        if "\n" in doc[j].text:
            hi = j
            break
    for j in range(anchor, lo - 1, -1):
        if "\n" in doc[j].text:
            lo = j + 1
            break
    return lo, hi


def semicolon_between(doc: Doc, a: int, b: int) -> int | None:
    """The first semicolon strictly between tokens `a` and `b`: two clauses joined by one
    have their own speakers ('A told B that …; the ministry says …')."""
    return next((i for i in range(min(a, b) + 1, max(a, b)) if doc[i].text == ";"), None)
