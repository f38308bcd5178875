"""Long documents in pieces: boundaries that respect paragraphs and sentences, and the
records of each piece moved back to offsets into the whole text.

spaCy refuses texts over `nlp.max_length` (1,000,000 characters) and several extractors
compare records within a document, so one huge `Doc` costs more than linear time and
memory. A document longer than `MAX_PIECE_CHARS` is parsed and extracted piece by piece:
each piece ends at a paragraph break where one falls in the second half of the window,
else at a sentence end, else at whitespace, else (one unbroken run of characters) at
the window's edge. Pieces tile the text exactly, so concatenated they are the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.models import DocExtraction

# ~8,000 words: far longer than any news article (they are never split), short enough
# that the per-piece cost of the within-document extractors stays small.
MAX_PIECE_CHARS = 50_000

_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")

# Offset fields of the per-document records (models.Local*, TimeExpression, Quantity).
_OFFSET_FIELDS = (
    "start",
    "end",
    "cue_start",
    "cue_end",
    "speaker_start",
    "speaker_end",
    "sentence_start",
    "sentence_end",
    "scope_start",
    "scope_end",
)
# Cluster ids need no change: they are keys of the normalised name ('p:smith',
# 'a:<actor id>'), so the same name in two pieces is the same cluster, as in one Doc.


@dataclass(frozen=True)
class Piece:
    start: int
    end: int


def _last_break(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """End offset of the last match of `pattern` ending within text[lo:hi]."""
    best = None
    for m in pattern.finditer(text, lo, hi):
        best = m.end()
    return best


def split_pieces(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[Piece]:
    """Consecutive pieces covering `text`, none longer than `max_chars`."""
    if len(text) <= max_chars:
        return [Piece(0, len(text))]
    pieces: list[Piece] = []
    start = 0
    while len(text) - start > max_chars:
        hi = start + max_chars
        lo = start + max_chars // 2  # never a piece under half the window
        cut = (
            _last_break(_PARAGRAPH, text, lo, hi)
            or _last_break(_SENTENCE, text, lo, hi)
            or _last_break(_SPACE, text, lo, hi)
            or hi
        )
        pieces.append(Piece(start, cut))
        start = cut
    if start < len(text):
        pieces.append(Piece(start, len(text)))
    return pieces


def _shift_record(record, offset: int):
    if not offset:
        return record
    updates = {}
    for name in _OFFSET_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, int):
            updates[name] = value + offset
    return record.model_copy(update=updates)


# The DocExtraction lists whose records carry offsets into the text.
_RECORD_LISTS = (
    "sentences", "mentions", "quotes", "accusations", "times", "quantities", "rejected_numbers",
    "references", "controls", "hedges",
)  # fmt: skip


def merge_pieces(document: str, parts: list[tuple[Piece, DocExtraction]]) -> DocExtraction:
    """One document's extraction from its pieces' extractions, offsets into the whole."""
    if len(parts) == 1 and parts[0][0].start == 0:
        return parts[0][1]  # a document in one piece: nothing to shift
    merged = DocExtraction(document=document)
    errors: list[str] = []
    for piece, part in parts:
        times_before = len(merged.times)  # a control's `time` indexes the document's times
        for name in _RECORD_LISTS:
            records = getattr(part, name)
            getattr(merged, name).extend(_shift_record(r, piece.start) for r in records)
        for control in merged.controls[len(merged.controls) - len(part.controls) :]:
            if control.time is not None:
                control.time += times_before
        if part.error:
            where = f"characters {piece.start:,}-{piece.end:,}: " if len(parts) > 1 else ""
            errors.append(where + part.error)
    if errors:
        merged.error = "; ".join(errors)[:300]
    return merged
