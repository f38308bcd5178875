"""The timeline: one event per dated happening, however many documents report it.

An event comes from each time expression that names a date (not durations, sets, vague
references such as 'now', nor a dateline), described by its sentence; and from each
dated report's lead sentence where it names no date of its own (a report's lead tells
what happened by its publication day: 'X has retaken the city'). Events from different
documents with the same date and a similar description or a shared actor are one event.
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import timedelta

from storyline.models import DocExtraction, Document, Event, LocalMention, Span, TimeExpression
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.spans import ByStart

MAX_DESCRIPTION = 200
SHARED_WORDS = 2  # content words two descriptions of one event share, beyond the date
_PLACE_TYPES = {"GPE", "LOC", "FACILITY"}
_STOPWORDS = (
    "a an the of to in on at by for from with and or but that this these those is are was "
    "were be been has have had it its their they he she his her as after before over into "
    "said says say not who which what when where will would could may also than then there "
    "up out about again"
)
_STOP = set(_STOPWORDS.split())


def _dated(t: TimeExpression) -> bool:
    return (
        t.kind in ("date", "time")
        and t.value is not None
        and t.precision in ("day", "week", "month", "season", "year")
    )


def _is_dateline(text: str, t: TimeExpression) -> bool:
    """A date standing on its own line (a dateline or byline date), not an event."""
    line_start = text.rfind("\n", 0, t.start) + 1
    line_end = text.find("\n", t.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(re.sub(r"[\W_]+", "", line)) <= len(re.sub(r"[\W_]+", "", t.text)) + 2


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def iso_date(value: str) -> str:
    """TimeML values that ISO 8601 dates cannot spell (weeks, weekends, seasons) as
    ISO intervals 'start/end', so that every event date reads and sorts as a date."""
    week = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if week:
        monday = Date.fromisocalendar(int(week[1]), int(week[2]), 1)
        first, last = (5, 6) if week[3] else (0, 6)
        start, end = monday + timedelta(first), monday + timedelta(last)
        return f"{start.isoformat()}/{end.isoformat()}"
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if season:
        year, (first, last) = int(season[1]), _SEASONS[season[2]]
        return f"{year}-{first:02d}/{year + (last < first)}-{last:02d}"
    return value


def _describe(text: str, sent: Span, at: int) -> str:
    """The sentence, trimmed around the expression to a short description."""
    body = re.sub(r"\s+", " ", text[sent.start : sent.end]).strip()
    if len(body) <= MAX_DESCRIPTION:
        return body
    offset = max(0, at - sent.start - MAX_DESCRIPTION // 2)
    cut = body[offset : offset + MAX_DESCRIPTION]
    if offset:
        cut = "…" + cut[cut.find(" ") + 1 :]
    return cut[: cut.rfind(" ")] + "…"


def _lemmas(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return {w[:6] for w in words if w not in _STOP and len(w) > 2}


def _people_and_place(
    corpus: Corpus, doc: Document, mentions: ByStart[LocalMention], sent: Span
) -> tuple[list[str], str | None]:
    actors: list[str] = []
    place = None
    for m in mentions.starting_in(sent.start, sent.end, input_order=True):
        eid = corpus.entity(doc.id, m.cluster)
        if eid is None:
            continue
        if m.type in _PLACE_TYPES and m.stands_for is None:
            place = place or eid
        elif eid not in actors:
            actors.append(eid)
    return actors, place


def _lead(text: str, ext: DocExtraction) -> Span | None:
    """The first sentence that reads as news (not a dateline or a bare headline)."""
    for s in ext.sentences[:4]:
        body = text[s.start : s.end].strip()
        if len(body.split()) >= 5 and body.rstrip().endswith((".", "!", "”", '"')):
            return s
    return None


def _events_of(corpus: Corpus, doc: Document, ext: DocExtraction) -> list[Event]:
    text = doc.text
    events: list[Event] = []
    described: set[tuple[int, str]] = set()
    sentences, mentions = ByStart(ext.sentences), ByStart(ext.mentions)
    for t in ext.times:
        if not _dated(t) or _is_dateline(text, t):
            continue
        sent = sentences.containing(t.start)
        if sent is None:
            continue
        try:
            date = iso_date((t.value or "").split("T")[0])
        except ValueError:  # an impossible week number
            continue
        if (sent.start, date) in described:
            continue
        described.add((sent.start, date))
        actors, place = _people_and_place(corpus, doc, mentions, sent)
        events.append(
            Event(
                id="",
                date=date,
                precision=t.precision,
                when=t.text,
                description=_describe(text, sent, t.start),
                story=doc.story,
                documents=[doc.id],
                actors=actors,
                place=place,
            )
        )
    lead = _lead(text, ext)
    if lead is not None and doc.published and len(doc.published) == 10:
        own = [t for t in ext.times if lead.start <= t.start < lead.end and _dated(t)]
        if not own:
            actors, place = _people_and_place(corpus, doc, mentions, lead)
            events.append(
                Event(
                    id="",
                    date=doc.published,
                    precision="day",
                    when=None,
                    description=_describe(text, lead, lead.start),
                    story=doc.story,
                    documents=[doc.id],
                    actors=actors,
                    place=place,
                )
            )
    return events


def _same_event(a: Event, b: Event) -> bool:
    if a.date != b.date or set(a.documents) & set(b.documents):
        return False
    if a.story and b.story and a.story != b.story:
        return False
    shared = _lemmas(a.description) & _lemmas(b.description)
    if len(shared) >= SHARED_WORDS:
        return True
    return bool(set(a.actors) & set(b.actors)) and len(shared) >= 1


def build_timeline(corpus: Corpus) -> list[Event]:
    """Events of every original document, merged across documents, in date order."""
    merged: list[Event] = []
    by_date: dict[tuple[str | None, str | None], list[Event]] = {}
    for doc, ext in corpus.extracted():
        for event in _events_of(corpus, doc, ext):
            bucket = by_date.setdefault((event.date, event.story), [])
            same = next((e for e in bucket if _same_event(e, event)), None)
            if same is None:
                merged.append(event)
                bucket.append(event)
                continue
            same.documents += [d for d in event.documents if d not in same.documents]
            same.actors += [a for a in event.actors if a not in same.actors]
            same.place = same.place or event.place
    merged.sort(key=lambda e: (e.date or "", e.story or ""))
    for i, e in enumerate(merged, 1):
        e.id = f"v{i}"
    return merged
