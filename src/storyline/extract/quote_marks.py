"""Pairing quotation marks in raw text, whatever the typography.

Straight, curly and guillemet marks; single marks nested in double ones; apostrophes
that look like closing marks (plural possessives such as "hard-liners’", elisions such
as "’em" or "rock ’n’ roll") are told apart by what flanks them. A quotation opened at
the start of a paragraph and not closed there continues into the next paragraph when
that one opens with a mark (the newspaper convention for multi-paragraph quotes).

`pair_quotes(text)` returns top-level spans only; marks nested inside them stay part
of the outer quotation's content.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
STRAIGHT = {'"': "double", "'": "single"}
OPENING_CONTEXT = "([{—–-/“‘«‹\"'"
CLOSING_CONTEXT = ".,;:!?)]}—–-…”’»›\"'"

DEFAULT_ELISIONS = frozenset({"em", "n", "til", "tis", "twas", "cause", "bout", "round", "s"})


@dataclass(frozen=True)
class QuoteSpan:
    """A paired quotation: `open`/`close` are the mark offsets (close may be None for a
    paragraph that continues into the next), `start`/`end` the content inside."""

    open: int
    close: int | None
    start: int
    end: int
    family: str  # "double" or "single"
    chain: int  # spans of one multi-paragraph quotation share a chain number
    paragraph: int

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


@dataclass
class _Mark:
    pos: int
    family: str
    can_open: bool
    can_close: bool
    width: int = 1


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _classify(text: str, i: int, elisions: frozenset[str]) -> _Mark | None:
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    left_flank = (_is_space(prev) or prev in OPENING_CONTEXT) and not _is_space(nxt)
    right_flank = not _is_space(prev) and (_is_space(nxt) or nxt in CLOSING_CONTEXT)
    if ch in DOUBLE_OPEN:
        return _Mark(i, "double", True, False)
    if ch in DOUBLE_CLOSE:
        return _Mark(i, "double", False, True)
    if ch == '"':
        if not (left_flank or right_flank):
            return None
        return _Mark(i, "double", left_flank, right_flank)
    # Single marks and apostrophes.
    if prev.isalnum() and nxt.isalnum():
        return None  # inner apostrophe: don't, Russia's, rock'n'roll
    if ch in "‘'’" and left_flank and _starts_elision(text, i + 1, elisions):
        return None  # 'em, ’n’, '90s
    if ch in SINGLE_OPEN:
        if prev.isalnum():
            return None  # a mistyped apostrophe
        return _Mark(i, "single", True, False)
    if ch in SINGLE_CLOSE:
        if ch == "’" and left_flank:
            return None  # elision-like use of the right mark, never an opener here
        if ch == "’" and prev.lower() == "n" and text[i - 2 : i - 1] in ("’", "'"):
            return None  # the second mark of ’n’
        return _Mark(i, "single", False, right_flank)
    if ch == "'":
        if text[i - 2 : i].lower() in ("'n",) and prev.lower() == "n":
            return None
        if not (left_flank or right_flank):
            return None
        return _Mark(i, "single", left_flank, right_flank)
    return None


def _marks(text: str, start: int, end: int, elisions: frozenset[str]) -> list[_Mark]:
    """Candidate marks of one paragraph; a doubled straight single mark ('' as some
    wire styles print it) counts as one double mark."""
    out = []
    i = start
    while i < end:
        ch = text[i]
        if ch == "'" and text[i + 1 : i + 2] == "'" and i + 1 < end:
            prev = text[i - 1] if i > 0 else ""
            nxt = text[i + 2] if i + 2 < len(text) else ""
            opens = (_is_space(prev) or prev in OPENING_CONTEXT) and not _is_space(nxt)
            closes = not _is_space(prev) and (_is_space(nxt) or nxt in CLOSING_CONTEXT)
            if opens or closes:
                out.append(_Mark(i, "double", opens, closes, 2))
            i += 2
            continue
        if ch in "\"'“”„«»‘’‹›" and (m := _classify(text, i, elisions)) is not None:
            out.append(m)
        i += 1
    return out


def _starts_elision(text: str, j: int, elisions: frozenset[str]) -> bool:
    k = j
    while k < len(text) and text[k].isalnum():
        k += 1
    word = text[j:k].lower()
    if not word:
        return False
    if word.isdigit() and len(word) == 2:
        return True  # '90s
    # "’n’" and "'n'": the word is followed by another mark.
    return word in elisions and (k >= len(text) or not text[k].isalnum())


def _possessive_like(text: str, mark: _Mark, later: list[_Mark]) -> bool:
    """A closing single mark after 's' that a later closing single mark could replace:
    "hard-liners’ morale" inside a single-quoted phrase."""
    i = mark.pos
    if text[i - 1 : i].lower() != "s":
        return False
    nxt = text[i + 1 : i + 3]
    if not (nxt[:1] == " " and nxt[1:2].isalpha() and nxt[1:2].islower()):
        return False
    return any(m.family == "single" and m.can_close for m in later)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pair_quotes(text: str, elisions: frozenset[str] = DEFAULT_ELISIONS) -> list[QuoteSpan]:
    """Top-level quotation spans of `text`, in order."""
    out: list[QuoteSpan] = []
    chain = 0
    pending_chain: int | None = None  # a quotation left open at the previous paragraph's end
    for p_index, (p_start, p_end) in enumerate(_paragraphs(text)):
        marks = _marks(text, p_start, p_end, elisions)
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        stack: list[_Mark] = []
        spans: list[tuple[_Mark, _Mark | None]] = []
        for k, mark in enumerate(marks):
            open_double = [j for j, m in enumerate(stack) if m.family == "double"]
            if mark.family == "double":
                closes = mark.can_close and bool(open_double)
                if closes and mark.can_open and text[mark.pos] == '"':
                    # An ambiguous straight mark closes only the innermost double.
                    closes = True
                if closes:
                    j = open_double[-1]
                    opener = stack[j]
                    del stack[j:]
                    if not stack:
                        spans.append((opener, mark))
                elif mark.can_open:
                    stack.append(mark)
            else:
                top_single = len(stack) - 1 if stack and stack[-1].family == "single" else None
                if mark.can_close and top_single is not None:
                    if _possessive_like(text, mark, marks[k + 1 :]):
                        continue
                    opener = stack.pop()
                    if not stack:
                        spans.append((opener, mark))
                elif mark.can_open and not (mark.can_close and stack):
                    stack.append(mark)
        # What is still open at the paragraph's end.
        leftover = stack[0] if stack else None
        if pending_chain is not None and not (
            marks and marks[0].pos == first and marks[0].can_open
        ):
            pending_chain = None  # the previous paragraph's open quotation ended there
        this_chain = pending_chain
        for opener, closer in spans:
            if this_chain is not None and opener.pos == first:
                c = this_chain
                this_chain = None
            else:
                chain += 1
                c = chain
            s, e = _strip(text, opener.pos + opener.width, closer.pos)
            if e > s:
                out.append(
                    QuoteSpan(
                        opener.pos, closer.pos + closer.width - 1, s, e, opener.family, c, p_index
                    )
                )
        pending_chain = None
        if leftover is not None and leftover.family == "double":
            next_open = _next_paragraph_opens(text, p_end)
            if leftover.pos == first or next_open:
                if this_chain is not None and leftover.pos == first:
                    c = this_chain
                else:
                    chain += 1
                    c = chain
                s, e = _strip(text, leftover.pos + leftover.width, p_end)
                if e > s:
                    out.append(QuoteSpan(leftover.pos, None, s, e, "double", c, p_index))
                    if next_open:
                        pending_chain = c
    return out


def _next_paragraph_opens(text: str, p_end: int) -> bool:
    i = p_end
    while i < len(text) and text[i].isspace():
        i += 1
    return i < len(text) and text[i] in '"“„«'
