"""Territorial control across documents: one `ControlChange` per change of hands.

The per-document assertions (`LocalControl`) of one place are grouped into changes: two
assertions are the same change when their dates agree at the coarser precision (day
dates within two days) and their sides do not contradict each other (a named side
agrees with the same entity, or with words of its kind: 'the rebels' with an armed
group). Undated assertions ('after it fell to the RPO') join the latest change of the
place with compatible sides told before their document's date, and never make a change
of their own. A change whose taker is not said is given the other side of the place's
story where its loser is known (a town that one side loses to its only opponent); where
the taker is still unknown the change is left out, so every change has a side.

Status: `disputed` where any of its assertions is called false in its own sentence, or a
denial of the place ('X has never fallen', 'our units remain in X') follows it within
90 days from a side that is not its taker; else `reported` where one assertion states it
in the reporter's voice, or under a plain reporting verb by someone other than the
taker; else `claimed` (only the taker's word, or only claim verbs). Background history
is never disputed. A change reversed within a day by the side that lost it (an entry
pushed back at once) is not a change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from itertools import pairwise

from storyline.extract.control import ControlCues, load_control_cues, side_kind
from storyline.lexicon import Knowledge
from storyline.models import (
    ControlChange,
    DocExtraction,
    Document,
    Entity,
    LocalControl,
    MentionRef,
)
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.timeline import iso_date

DENIAL_WINDOW_DAYS = 90
SAME_DAY_SLACK = 2
_PRECISIONS = {"day": 10, "week": 10, "month": 7, "year": 4}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ATTACH_WINDOW_DAYS = 400  # an undated mention supports a change told at most this long before
_RANK = {"day": 4, "week": 3, "month": 2, "year": 1}  # the most precise date leads a change


@dataclass
class _Side:
    entity: str | None
    name: str
    kind: str | None

    def key(self) -> str:
        return self.entity or f"~{self.kind or self.name.lower()}"


@dataclass
class _Item:
    doc: Document
    record: LocalControl
    place: str
    gainer: _Side | None
    loser: _Side | None
    date: str | None
    precision: str | None
    claimant: str | None


@dataclass
class _Change:
    place: str
    items: list[_Item] = field(default_factory=list)
    date: str | None = None
    precision: str | None = None
    gainer: _Side | None = None
    loser: _Side | None = None
    note: str | None = None

    @property
    def background(self) -> bool:
        return all(i.record.background for i in self.items)


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat((value or "")[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _date_of(doc: Document, ext: DocExtraction, rec: LocalControl) -> tuple[str | None, str | None]:
    if rec.time is not None and rec.time < len(ext.times):
        t = ext.times[rec.time]
        if t.anchored and doc.published_from == "inferred":
            return None, None  # 'on Friday' read against a guessed publication date
        weekday = any(w in t.text.lower() for w in _WEEKDAYS)
        if weekday and t.precision != "day":
            return None, None  # 'on Saturday' read against a month: no day to trust
        if t.value and t.precision in _PRECISIONS and "X" not in t.value:
            try:
                value = iso_date(t.value.split("T")[0]).split("/")[0]
            except ValueError:
                return None, None
            return value[: _PRECISIONS[t.precision]], t.precision
        return None, None
    if rec.on_published and doc.published:
        return doc.published, "day" if len(doc.published) == 10 else "month"
    return None, None


def _side(
    corpus: Corpus,
    entities: dict[str, Entity],
    doc: Document,
    cluster,
    text,
    kind,
    cues: ControlCues,
) -> _Side | None:
    eid = corpus.entity(doc.id, cluster)
    if eid is not None and eid in entities:
        e = entities[eid]
        if e.stands_for and e.stands_for in entities:
            e = entities[e.stands_for]
        return _Side(e.id, e.name, side_kind(e.name, e.type, cues) or kind)
    if text is None and kind is None:
        return None
    return _Side(None, text or kind or "", kind)


def _sides_agree(a: _Side | None, b: _Side | None) -> bool:
    """Two mentions of a side that may be one side: the same entity, or of one kind
    (an alias the entity step did not join, 'the rebels' for an armed group)."""
    if a is None or b is None:
        return True
    if a.entity and b.entity and a.entity == b.entity:
        return True
    return a.kind is None or b.kind is None or a.kind == b.kind


def _dates_agree(a: str, pa: str, b: str, pb: str) -> bool:
    da, db = _day(a), _day(b)
    if pa in ("day", "week") and pb in ("day", "week") and da and db:
        slack = 7 if "week" in (pa, pb) else SAME_DAY_SLACK
        return abs((da - db).days) <= slack
    n = min(_PRECISIONS[pa], _PRECISIONS[pb])
    return a[:n] == b[:n]


def _gap(a: str | None, b: str | None) -> int:
    """Days between two dates (partial ones at their first day)."""
    da = _day((a or "") + "-01-01"[len(a or "") - 4 :] if a and len(a) < 10 else a)
    db = _day((b or "") + "-01-01"[len(b or "") - 4 :] if b and len(b) < 10 else b)
    return abs((da - db).days) if da and db else 10**6


def _fits(change: _Change, item: _Item) -> bool:
    if not all(_sides_agree(i.gainer, item.gainer) for i in change.items):
        return False
    if not all(_sides_agree(i.loser, item.loser) for i in change.items):
        return False
    # one's taker is never the other's loser
    for i in change.items:
        for x, y in ((i.gainer, item.loser), (i.loser, item.gainer)):
            if x and y and (x.key() == y.key() or (x.kind and x.kind == y.kind)):
                return False
    return True


def _vote(sides: list[_Side | None]) -> _Side | None:
    named = [s for s in sides if s is not None and s.entity]
    pool = named or [s for s in sides if s is not None]
    if not pool:
        return None
    counts = Counter(s.key() for s in pool)
    best = max(counts.values())
    return next(s for s in pool if counts[s.key()] == best)


def _items(corpus: Corpus, cues: ControlCues) -> tuple[list[_Item], list[_Item]]:
    entities = {e.id: e for e in corpus.entities}
    changes: list[_Item] = []
    denials: list[_Item] = []
    for doc, ext in corpus.extracted():
        for rec in ext.controls:
            place = corpus.entity(doc.id, rec.place_cluster)
            if place is None or place not in entities:
                continue
            geo = entities[place].geo
            if geo is not None and geo.feature == "country":
                continue  # 'the city' read as a country named before it: not a place held
            date, precision = _date_of(doc, ext, rec)
            item = _Item(
                doc=doc,
                record=rec,
                place=place,
                gainer=_side(
                    corpus,
                    entities,
                    doc,
                    rec.gainer_cluster,
                    rec.gainer_text,
                    rec.gainer_kind,
                    cues,
                ),
                loser=_side(
                    corpus, entities, doc, rec.loser_cluster, rec.loser_text, rec.loser_kind, cues
                ),
                date=date,
                precision=precision,
                claimant=corpus.entity(doc.id, rec.claimant_cluster),
            )
            (denials if rec.kind == "deny" else changes).append(item)
    return changes, denials


def _group(items: list[_Item]) -> list[_Change]:
    dated = sorted(
        (i for i in items if i.date),
        key=lambda i: (i.place, -_RANK[i.precision or "year"], i.date, i.doc.id),
    )
    changes: list[_Change] = []
    for item in dated:
        assert item.date and item.precision
        fitting = [
            c
            for c in changes
            if c.place == item.place
            and c.date
            and c.precision
            and _dates_agree(c.date, c.precision, item.date, item.precision)
            and _fits(c, item)
        ]
        home = min(fitting, key=lambda c: _gap(c.date, item.date), default=None)
        if home is None:
            home = _Change(item.place, date=item.date, precision=item.precision)
            changes.append(home)
        home.items.append(item)
    for item in sorted((i for i in items if not i.date), key=lambda i: (i.doc.id, i.record.start)):
        told = item.doc.published
        candidates = [
            c
            for c in changes
            if c.place == item.place
            and _fits(c, item)
            and (told is None or (c.date or "")[: len(told)] <= told)
            and (told is None or _gap(c.date, told) <= ATTACH_WINDOW_DAYS)
            and any(i.gainer for i in c.items) | bool(item.gainer)
        ]
        if candidates:
            max(candidates, key=lambda c: c.date or "").items.append(item)
    return changes


def _infer_sides(changes: list[_Change]) -> None:
    for c in changes:
        c.gainer = _vote([i.gainer for i in c.items])
        c.loser = _vote([i.loser for i in c.items])
    by_place: dict[str, list[_Change]] = {}
    for c in changes:
        by_place.setdefault(c.place, []).append(c)
    for place_changes in by_place.values():
        for c in place_changes:
            if c.gainer is not None or c.loser is None:
                continue
            others = [
                s
                for o in place_changes
                if o is not c
                for s in (o.gainer, o.loser)
                if s is not None
                and s.entity
                and s.key() != c.loser.key()
                and (c.loser.kind is None or s.kind != c.loser.kind)
            ]
            if others:
                c.gainer = _vote(list(others))
                c.note = "taker inferred: the place's other side"
        for c in place_changes:
            if c.gainer is not None and c.loser is not None and c.gainer.key() == c.loser.key():
                c.loser = None
        # 'its fighters withdrew': the loser is the side that took the place last
        ordered = sorted((c for c in place_changes if c.date), key=lambda c: c.date or "")
        for before, c in pairwise(ordered):
            loser, holder = c.loser, before.gainer
            if loser is None or loser.entity or holder is None or not holder.entity:
                continue
            if loser.kind is None or loser.kind == holder.kind:
                c.loser = holder
                c.note = ((c.note + "; ") if c.note else "") + "loser: the side that held it"


def _name_sides(corpus: Corpus, changes: list[_Change], cues: ControlCues) -> None:
    """A side known only by its words ('the army') is named by the organisation of that
    kind its documents mention most, where there is one."""
    entities = {e.id: e for e in corpus.entities}
    line_of = {s.id: s.storyline or s.id for s in corpus.stories}
    for c in changes:
        for attr in ("gainer", "loser"):
            side: _Side | None = getattr(c, attr)
            if side is None or side.entity or side.kind is None:
                continue
            lines = {line_of.get(i.doc.story or "") for i in c.items} - {None}
            docs = {i.doc.id for i in c.items} | {
                d.id for d in corpus.documents if line_of.get(d.story or "") in lines
            }
            head = side.name.lower().split()[-1].rstrip("s") if side.name.split() else ""
            counts: Counter[str] = Counter()
            for e in entities.values():
                if (
                    e.type not in ("ORG", "ARMED_GROUP")
                    or side_kind(e.name, e.type, cues) != side.kind
                ):
                    continue
                if len(head) < 3 or head not in e.name.lower():
                    continue  # 'the army' is an army: named by its head word
                counts[e.id] = sum(1 for m in e.mentions if m.document in docs)
            if not counts or max(counts.values()) == 0:
                continue
            best = max(sorted(counts), key=lambda k: (len(entities[k].name.split()) > 1, counts[k]))
            other = c.loser if attr == "gainer" else c.gainer
            if other is not None and other.entity == best:
                continue
            setattr(c, attr, _Side(best, entities[best].name, side.kind))
            c.note = ((c.note + "; ") if c.note else "") + f"{attr} named from its documents"


def _within(change: _Change, when: str | None) -> bool:
    if not change.date or not when:
        return False
    n = _PRECISIONS.get(change.precision or "year", 4)
    if when[:n] < change.date[:n]:
        return False
    start, seen = _day(change.date), _day(when)
    if start and seen:
        return (seen - start).days <= DENIAL_WINDOW_DAYS
    return when[:4] <= str(int(change.date[:4]) + 1)


def _status(change: _Change, denials: list[_Item]) -> str:
    return "disputed" if _disputing(change, denials) is not None else _undisputed(change)


def _disputing(change: _Change, denials: list[_Item]) -> list[_Item] | None:
    """The denials that dispute the change ([] where one of its own assertions is
    denied in its sentence), or None where nothing disputes it."""
    if change.background:
        return None
    if any(i.record.denied for i in change.items):
        return []
    found = []
    for d in denials:
        if d.place != change.place:
            continue
        if (
            d.loser is not None
            and change.gainer is not None
            and d.loser.key() == (change.gainer.key())
        ):
            continue  # the taker saying it holds the place confirms it
        if (
            d.loser is not None
            and change.loser is not None
            and not _sides_agree(d.loser, change.loser)
        ):
            continue
        if _within(change, d.date or d.doc.published):
            found.append(d)
    return found or None


def _undisputed(change: _Change) -> str:
    taker = change.gainer.entity if change.gainer else None
    for i in change.items:
        if i.record.attributed is None:
            return "reported"
        if i.record.attributed == "said" and i.claimant is not None and i.claimant != taker:
            return "reported"  # told by someone other than the side that took it
    return "claimed"


def _is_incursion(a: _Change, b: _Change) -> bool:
    """b undoes a within a day: the side that lost the place took it straight back."""
    da, db = _day(a.date), _day(b.date)
    if not (da and db and a.precision == "day" and b.precision == "day"):
        return False
    if not (a.gainer and b.gainer and a.loser and b.loser):
        return False
    return (
        0 <= (db - da).days <= 1
        and a.gainer.key() == b.loser.key()
        and a.loser.key() == b.gainer.key()
    )


def reconcile_control(corpus: Corpus, knowledge: Knowledge) -> list[ControlChange]:
    """Every change of control the documents tell, merged across them, in place and
    date order."""
    cues = load_control_cues(knowledge)
    items, denials = _items(corpus, cues)
    changes = _group(items)
    _infer_sides(changes)
    _name_sides(corpus, changes, cues)
    changes = [c for c in changes if c.gainer is not None and c.date]
    dropped = {
        id(x)
        for a in changes
        for b in changes
        if a is not b and a.place == b.place and _is_incursion(a, b)
        for x in (a, b)
    }
    changes = [c for c in changes if id(c) not in dropped]
    entities = {e.id: e for e in corpus.entities}
    copies: dict[str, list[str]] = {}
    for d in corpus.documents:
        if d.duplicate_of:
            copies.setdefault(d.duplicate_of, []).append(d.id)
    out: list[ControlChange] = []
    for c in changes:
        docs: list[str] = []
        passages: list[MentionRef] = []
        # a dispute cites the denial beside the assertions
        disputing = _disputing(c, denials) or []
        for i in sorted([*c.items, *disputing], key=lambda i: (i.doc.id, i.record.start)):
            for d in [i.doc.id, *copies.get(i.doc.id, [])]:
                if d not in docs:
                    docs.append(d)
            ref = MentionRef(document=i.doc.id, start=i.record.start, end=i.record.end)
            if ref not in passages:
                passages.append(ref)
        assert c.gainer is not None
        out.append(
            ControlChange(
                id="",
                place=c.place,
                place_name=entities[c.place].name,
                gained_by=c.gainer.entity,
                gained_by_name=c.gainer.name,
                lost_by=c.loser.entity if c.loser else None,
                lost_by_name=c.loser.name if c.loser else None,
                date=c.date,
                precision=c.precision or "unknown",  # type: ignore[arg-type]
                status=_status(c, denials),  # type: ignore[arg-type]
                documents=docs,
                passages=passages,
                events=_events(corpus, c, docs),
                note=c.note,
            )
        )
    out.sort(key=lambda x: (x.place_name, x.date or ""))
    for n, x in enumerate(out, 1):
        x.id = f"x{n}"
    return out


def _events(corpus: Corpus, change: _Change, docs: list[str]) -> list[str]:
    """Timeline events of the same place and date told by the same documents."""
    n = _PRECISIONS.get(change.precision or "year", 4)
    return [
        e.id
        for e in corpus.events
        if e.place == change.place
        and (e.date or "")[:n] == (change.date or "")[:n]
        and set(e.documents) & set(docs)
    ]
