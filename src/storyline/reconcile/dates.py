"""Missing publication dates, inferred from dated evidence (`published_from: "inferred"`).

Called twice by the reduce: before stories exist (a document's own text only) and after
(borrowing from the story's dated documents). Evidence, strongest first:

1. the story's dated documents give a window; within it the day that best explains the
   document's bare weekdays ('on Monday', 'said Sunday': a report names the days just
   before it) is chosen, the earliest such day on a tie;
2. without weekdays, the window's month (or year) where the dated documents share it;
3. alone in its story, a full date in the document's opening lines, else (second pass
   only) the year of the latest date the text mentions, a lower bound.

Once a date is inferred, the document's relative time expressions are re-resolved
against it through their `rule`.
"""

from __future__ import annotations

from datetime import date, timedelta

from storyline.extract.time_normalize import resolve
from storyline.extract.times import resolve_times
from storyline.ingest.frame_dates import year_less_dateline
from storyline.lexicon.timeml import parse_anchor
from storyline.models import DocExtraction, Document, TimeExpression
from storyline.reconcile.corpus import Corpus

WINDOW_SLACK_DAYS = 3  # a report may describe events a few days before its siblings
DATELINE_CHARS = 300  # a full date this close to the top reads as the dateline


def _first_day(value: str | None) -> date | None:
    anchor = parse_anchor(value)
    if anchor is None:
        return None
    return date(anchor.year, anchor.month or 1, anchor.day or 1)


def _weekday_times(times: list[TimeExpression]) -> list[TimeExpression]:
    return [
        t
        for t in times
        if t.rule
        and t.rule.get("type") == "weekday"
        and t.rule.get("dir") == "auto"
        and t.rule.get("tense") != "future"
    ]


def _lower_bound(times: list[TimeExpression]) -> date | None:
    """The latest date the text states outright: the document is no older."""
    days = [
        _first_day(t.value)
        for t in times
        if t.rule and t.rule.get("type") == "absolute" and t.kind in ("date", "time")
    ]
    days = [d for d in days if d is not None]
    return max(days) if days else None


def _from_window(times: list[TimeExpression], dated: list[date]) -> str | None:
    lo, hi = min(dated), max(dated)
    bound = _lower_bound(times)
    weekdays = _weekday_times(times)
    if weekdays:
        start = lo - timedelta(days=WINDOW_SLACK_DAYS)
        if bound and bound > start:
            start = bound
        best: tuple[int, date] | None = None
        day = start
        while day <= max(hi, start):
            anchor = parse_anchor(day.isoformat())
            score = 0
            for t in weekdays:
                value, _ = resolve(t.rule or {}, anchor, "past")
                got = _first_day(value)
                if got and lo - timedelta(days=WINDOW_SLACK_DAYS) <= got <= hi:
                    score += 1
            if best is None or score > best[0]:
                best = (score, day)
            day += timedelta(days=1)
        if best and best[0] > 0:
            return best[1].isoformat()
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    if lo.year == hi.year:
        return f"{lo.year:04d}"
    return None


def _from_text(times: list[TimeExpression], second_pass: bool) -> str | None:
    full = [
        t
        for t in times
        if t.rule
        and t.rule.get("type") == "absolute"
        and t.precision == "day"
        and t.start < DATELINE_CHARS
    ]
    if full:
        return (full[0].value or "")[:10] or None
    if second_pass:
        bound = _lower_bound(times)
        if bound:
            return f"{bound.year:04d}"
    return None


def _dated_dateline(
    month_day: tuple[int, int], dated: list[date], bound: date | None
) -> str | None:
    """A year-less dateline's year: the one that puts it nearest the story's dated
    documents, else the one that puts it on or after the latest full date the text gives."""
    month, day = month_day

    def on(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    if dated:
        lo, hi = min(dated), max(dated)
        options = [d for y in range(lo.year - 1, hi.year + 2) if (d := on(y))]

        def gap(d: date) -> int:
            return 0 if lo <= d <= hi else min(abs((d - lo).days), abs((d - hi).days))

        best = min(options, key=lambda d: (gap(d), d), default=None)
        return best.isoformat() if best else None
    if bound:
        d = on(bound.year)
        if d and d < bound:
            d = on(bound.year + 1)
        return d.isoformat() if d else None
    return None


def _infer(doc: Document, ext: DocExtraction, corpus: Corpus, second_pass: bool) -> str | None:
    dated = []
    if doc.story:
        for other in corpus.documents:
            sibling = other.id != doc.id and other.story == doc.story
            if sibling and other.published and other.published_from != "inferred":
                d = _first_day(other.published)
                if d:
                    dated.append(d)
    month_day = year_less_dateline(doc.text)
    if month_day:
        day_level = [t for t in ext.times if t.precision == "day"]
        found = _dated_dateline(month_day, dated, _lower_bound(day_level))
        if found:
            return found
    if dated:
        return _from_window(ext.times, dated)
    return _from_text(ext.times, second_pass)


def infer_publication_dates(corpus: Corpus) -> None:
    """Fill missing publication dates in place, then re-resolve those documents' times."""
    second_pass = any(d.story for d in corpus.documents)
    for doc in corpus.originals():
        if doc.published and doc.published_from != "inferred":
            continue
        ext = corpus.extractions.get(doc.id)
        if ext is None:
            continue
        value = _infer(doc, ext, corpus, second_pass)
        if value is None or value == doc.published:
            continue
        doc.published = value
        doc.published_from = "inferred"
        resolve_times(ext.times, value)
    by_id = corpus.by_id
    for doc in corpus.documents:  # a copy carries its original's date
        original = by_id.get(doc.duplicate_of or "")
        if original is not None and not doc.published and original.published:
            doc.published = original.published
            doc.published_from = "inferred"
