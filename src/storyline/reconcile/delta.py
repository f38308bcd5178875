"""Runs and deltas: what a run (or the runs since a point) changed in the store.

Every save of the store is a run; with it the store keeps a `Snapshot` of the whole
analysis made of compact keys: stories with their documents, and events, quotes,
accusations, figures (claim groups) and control changes, each keyed by what it says
rather than by its record id (record ids are renumbered by every reduce). `compute_delta`
compares two snapshots and returns a `Delta`: new stories; for existing stories the new
documents and what they add (events, quotes by speakers the story had not quoted,
accusations), figures revised or newly disputed, control changes and disputes; and
stories that merged or split. Every item cites the documents it rests on.

Only what new documents bring is reported for existing stories, so a reduce that
rewords an old event does not read as news, and nothing known at the earlier snapshot
is told again.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, Field

from storyline.models import Analysis, Claim

TEXT_LIMIT = 240  # characters of a quote, event or accusation kept in a snapshot


def _key(*parts: str | None) -> str:
    text = "\x1f".join(re.sub(r"\s+", " ", (p or "").strip().lower()) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _short(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


# ------------------------------------------------------------------------ snapshot


class SnapDocument(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    story: str | None = None


class SnapStory(BaseModel):
    id: str
    title: str
    documents: list[str] = Field(default_factory=list)


class SnapItem(BaseModel):
    """An event, quote or accusation: its key, documents and what it says. Items carry
    no story id: story ids are renumbered as stories are added, and an item's story is
    its documents' (so a renumbering changes the documents' records only)."""

    key: str
    documents: list[str] = Field(default_factory=list)
    text: str
    who: str | None = Field(None, description="Speaker (quote) or accuser (accusation).")
    whom: list[str] = Field(default_factory=list, description="The accused.")
    negated: bool = Field(False, description="A denial of blame (accusations).")
    date: str | None = None


class SnapValue(BaseModel):
    value: float
    value_high: float | None = None
    approx: str = "exact"
    by: str | None = None
    document: str


class SnapFigure(BaseModel):
    """A claim group: what is counted, its status and every value given."""

    key: str
    what: str | None = None
    unit: str | None = None
    status: str
    revision: bool = False
    values: list[SnapValue] = Field(default_factory=list)


class SnapControl(BaseModel):
    key: str
    place: str
    gained_by: str | None = None
    lost_by: str | None = None
    date: str | None = None
    status: str
    documents: list[str] = Field(default_factory=list)


class Snapshot(BaseModel):
    """The compact keys of one analysis, kept by the store with each run."""

    documents: list[SnapDocument] = Field(default_factory=list)
    stories: list[SnapStory] = Field(default_factory=list)
    events: list[SnapItem] = Field(default_factory=list)
    quotes: list[SnapItem] = Field(default_factory=list)
    accusations: list[SnapItem] = Field(default_factory=list)
    figures: list[SnapFigure] = Field(default_factory=list)
    controls: list[SnapControl] = Field(default_factory=list)


def _merged(items: list[SnapItem]) -> list[SnapItem]:
    """One item per key (the same words in two documents are one item citing both)."""
    out: dict[str, SnapItem] = {}
    for item in items:
        have = out.get(item.key)
        if have is None:
            out[item.key] = item
        else:
            have.documents += [d for d in item.documents if d not in have.documents]
    return list(out.values())


def take_snapshot(analysis: Analysis) -> Snapshot:
    """The snapshot of an analysis (on store ids)."""
    story_of = {d.id: d.story for d in analysis.documents}
    for story in analysis.stories:
        for doc_id in story.documents:
            story_of.setdefault(doc_id, story.id)
    story_docs: dict[str, list[str]] = defaultdict(list)
    for doc_id, sid in story_of.items():
        if sid:
            story_docs[sid].append(doc_id)
    names = {e.id: e.name for e in analysis.entities}
    events = [
        SnapItem(
            key=_key(e.date, e.description),
            documents=list(e.documents),
            text=_short(e.description),
            date=e.date,
        )
        for e in analysis.events
    ]
    quotes = [
        SnapItem(
            key=_key(q.speaker_name, q.text),
            documents=[q.document],
            text=_short(q.text),
            who=q.speaker_name or names.get(q.speaker or ""),
        )
        for q in analysis.quotes
    ]
    accusations = [
        SnapItem(
            key=_key(a.accuser, "|".join(sorted(a.accused)), a.text)
            + ("|denied" if a.negated else ""),
            documents=[a.document],
            text=_short(a.text),
            who=a.accuser,
            whom=list(a.accused),
            negated=a.negated,
        )
        for a in analysis.accusations
    ]
    claims = {c.id: c for c in analysis.claims}
    figures = []
    for g in analysis.claim_groups:
        members: list[Claim] = [claims[c] for c in g.claims if c in claims]
        if not members:
            continue
        # The story's first document stands for it: stable while story ids are not.
        anchor = min(
            story_docs.get(story_of.get(members[0].document), []),
            key=_doc_order,
            default=members[0].document,
        )
        predicate = members[0].predicate
        figures.append(
            SnapFigure(
                key=_key(anchor, g.what, g.unit, predicate),
                what=g.what,
                unit=g.unit,
                status=g.status,
                revision=g.revision,
                values=[
                    SnapValue(
                        value=c.value,
                        value_high=c.value_high,
                        approx=c.approx,
                        by=c.claimant_name,
                        document=c.document,
                    )
                    for c in members
                ],
            )
        )
    controls = [
        SnapControl(
            key=_key(c.place_name, c.gained_by_name, c.lost_by_name, c.date),
            place=c.place_name,
            gained_by=c.gained_by_name,
            lost_by=c.lost_by_name,
            date=c.date,
            status=c.status,
            documents=list(c.documents),
        )
        for c in analysis.control_changes
    ]
    return Snapshot(
        documents=[
            SnapDocument(id=d.id, title=d.title, outlet=d.outlet, story=story_of.get(d.id))
            for d in analysis.documents
        ],
        stories=[
            SnapStory(id=s.id, title=s.title, documents=list(s.documents)) for s in analysis.stories
        ],
        events=_merged(events),
        quotes=_merged(quotes),
        accusations=_merged(accusations),
        figures=list({f.key: f for f in figures}.values()),
        controls=list({c.key: c for c in controls}.values()),
    )


# --------------------------------------------------------------------------- delta


class DocRef(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None


class NewItem(BaseModel):
    """A new event, quote or accusation, cited."""

    text: str
    documents: list[str]
    who: str | None = None
    whom: list[str] = Field(default_factory=list)
    negated: bool = False
    date: str | None = None


class FigureChange(BaseModel):
    """A figure that is new, revised, newly disputed, confirmed (the same value given
    again) or given another value (added)."""

    kind: Literal["new", "revised", "disputed", "confirmed", "added"]
    what: str | None = None
    unit: str | None = None
    old: list[str] = Field(default_factory=list, description="Values known before.")
    new: list[str] = Field(default_factory=list, description="Values the new documents give.")
    by: list[str] = Field(default_factory=list, description="Who gives the new values.")
    old_status: str | None = None
    status: str
    documents: list[str]


class ControlDelta(BaseModel):
    kind: Literal["new", "status"]
    place: str
    gained_by: str | None = None
    lost_by: str | None = None
    date: str | None = None
    old_status: str | None = None
    status: str
    documents: list[str]


class StoryDelta(BaseModel):
    id: str
    title: str
    new: bool = Field(description="The story did not exist before.")
    documents: list[DocRef] = Field(default_factory=list, description="New documents.")
    events: list[NewItem] = Field(default_factory=list)
    quotes: list[NewItem] = Field(default_factory=list, description="Quotes by new speakers.")
    accusations: list[NewItem] = Field(default_factory=list)
    figures: list[FigureChange] = Field(default_factory=list)
    controls: list[ControlDelta] = Field(default_factory=list)


class StoryMove(BaseModel):
    kind: Literal["merged", "split"]
    before: list[str] = Field(description="Story ids before.")
    after: list[str] = Field(description="Story ids after.")
    titles: list[str] = Field(default_factory=list, description="Titles of the stories after.")
    documents: list[str]


class RunInfo(BaseModel):
    id: int
    created_at: str
    origin: str = ""
    new_documents: list[str] = Field(default_factory=list)


class Delta(BaseModel):
    """What changed between two snapshots (`since`, exclusive, to `run`)."""

    since: RunInfo | None = Field(None, description="The run the delta starts after.")
    run: RunInfo | None = Field(None, description="The run it goes up to.")
    stories: list[StoryDelta] = Field(default_factory=list)
    moves: list[StoryMove] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.stories and not self.moves


def _fmt(v: SnapValue) -> str:
    text = f"{v.value:,.0f}" if float(v.value).is_integer() else f"{v.value:,g}"
    if v.value_high is not None:
        high = f"{v.value_high:,.0f}" if float(v.value_high).is_integer() else f"{v.value_high:g}"
        text = f"{text}–{high}"
    prefix = {"about": "about ", "more_than": "more than ", "less_than": "fewer than "}
    return prefix.get(v.approx, "") + text


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _story_map(old: Snapshot, new: Snapshot) -> tuple[dict[str, list[str]], list[StoryMove]]:
    """New story id -> the old stories it continues (none: a new story; several: a
    merge), and the merges and splits, by the documents the two snapshots share."""
    old_story = {d: s.id for s in old.stories for d in s.documents}
    new_story = {d: s.id for s in new.stories for d in s.documents}
    titles = {s.id: s.title for s in new.stories}
    olds_of: dict[str, list[str]] = defaultdict(list)
    news_of: dict[str, list[str]] = defaultdict(list)
    for doc, sid in new_story.items():
        before = old_story.get(doc)
        if before is None:
            continue
        if before not in olds_of[sid]:
            olds_of[sid].append(before)
        if sid not in news_of[before]:
            news_of[before].append(sid)
    mapping: dict[str, list[str]] = {}
    moves: list[StoryMove] = []
    for s in new.stories:
        olds = sorted(olds_of.get(s.id, []))
        mapping[s.id] = olds
        if len(olds) > 1:
            docs = sorted({d for d in s.documents if old_story.get(d) in olds}, key=_doc_order)
            moves.append(
                StoryMove(
                    kind="merged", before=olds, after=[s.id], titles=[s.title], documents=docs
                )
            )
    for before, afters in sorted(news_of.items()):
        if len(afters) > 1:
            afters = sorted(afters)
            docs = sorted(
                {d for d, sid in new_story.items() if old_story.get(d) == before}, key=_doc_order
            )
            moves.append(
                StoryMove(
                    kind="split",
                    before=[before],
                    after=afters,
                    titles=[titles[a] for a in afters],
                    documents=docs,
                )
            )
    return mapping, moves


def _doc_order(doc_id: str) -> tuple[int, str]:
    digits = doc_id[1:] if doc_id[:1] == "d" else ""
    return (int(digits), doc_id) if digits.isdigit() else (1 << 30, doc_id)


def _revises(prior: SnapFigure, added: list[SnapValue], revision: bool) -> bool:
    """A new value revises the figure: the group is a revision (a toll rising), or
    someone who gave a value before now gives another."""
    old_values = {_fmt(v) for v in prior.values}
    changed = [v for v in added if _fmt(v) not in old_values]
    if revision and changed:
        return True
    earlier = {(v.by or "").lower(): _fmt(v) for v in prior.values if v.by}
    return any(v.by and earlier.get(v.by.lower(), _fmt(v)) != _fmt(v) for v in changed)


def _story_of(snap: Snapshot) -> dict[str, str]:
    """Document id -> story id in a snapshot."""
    out = {d: s.id for s in snap.stories for d in s.documents}
    for d in snap.documents:
        if d.story:
            out.setdefault(d.id, d.story)
    return out


def _first_story(documents: list[str], story_of: dict[str, str]) -> str:
    return next((story_of[d] for d in documents if d in story_of), "")


def _figure_changes(old: Snapshot, new: Snapshot, fresh: set[str]) -> dict[str, list[FigureChange]]:
    """Per story, the figures new documents revise, dispute, add to or bring."""
    before = {f.key: f for f in old.figures}
    story_of = _story_of(new)
    out: dict[str, list[FigureChange]] = defaultdict(list)
    for f in new.figures:
        added = [v for v in f.values if v.document in fresh]
        prior = before.get(f.key)
        if prior is None:
            if not added:
                continue  # regrouped from old documents: nothing new to tell
            kind = "new"
            old_values: list[str] = []
        else:
            known = {(v.value, v.value_high, v.by, v.document) for v in prior.values}
            added = [v for v in added if (v.value, v.value_high, v.by, v.document) not in known]
            disputed = f.status == "conflicting" and prior.status != "conflicting"
            if not added and not disputed:
                continue
            old_values = _unique(_fmt(v) for v in prior.values)
            if disputed:
                kind = "disputed"
            elif _revises(prior, added, f.revision):
                kind = "revised"
            elif all(_fmt(v) in old_values for v in added):
                kind = "confirmed"
            else:
                kind = "added"
        docs = _unique(v.document for v in added) or _unique(v.document for v in f.values)
        # Told under the story of the documents it cites (a group may span stories).
        out[_first_story(docs, story_of)].append(
            FigureChange(
                kind=kind,
                what=f.what,
                unit=f.unit,
                old=old_values,
                new=_unique(_fmt(v) for v in added),
                by=_unique(v.by for v in added if v.by),
                old_status=prior.status if prior else None,
                status=f.status,
                documents=sorted(docs, key=_doc_order),
            )
        )
    return out


def _control_changes(
    old: Snapshot, new: Snapshot, fresh: set[str]
) -> dict[str, list[ControlDelta]]:
    before = {c.key: c for c in old.controls}
    story_of = _story_of(new)
    out: dict[str, list[ControlDelta]] = defaultdict(list)
    for c in new.controls:
        prior = before.get(c.key)
        new_docs = [d for d in c.documents if d in fresh]
        if prior is None:
            if not new_docs:
                continue
            kind = "new"
        elif prior.status != c.status:
            kind = "status"
        else:
            continue
        out[_first_story(c.documents, story_of)].append(
            ControlDelta(
                kind=kind,
                place=c.place,
                gained_by=c.gained_by,
                lost_by=c.lost_by,
                date=c.date,
                old_status=prior.status if prior else None,
                status=c.status,
                documents=sorted(new_docs or c.documents, key=_doc_order),
            )
        )
    return out


def _new_items(
    items: list[SnapItem], known: set[str], fresh: set[str], story_of: dict[str, str]
) -> dict[str, list[NewItem]]:
    """Per story, the items not known before that rest on a new document."""
    out: dict[str, list[NewItem]] = defaultdict(list)
    for item in items:
        docs = [d for d in item.documents if d in fresh]
        if item.key in known or not docs:
            continue
        out[_first_story(docs, story_of)].append(
            NewItem(
                text=item.text,
                documents=docs,
                who=item.who,
                whom=item.whom,
                negated=item.negated,
                date=item.date,
            )
        )
    return out


def compute_delta(
    old: Snapshot | None,
    new: Snapshot,
    since: RunInfo | None = None,
    run: RunInfo | None = None,
    story: str | None = None,
) -> Delta:
    """What `new` adds to `old` (None: an empty store), optionally for one story."""
    old = old or Snapshot()
    fresh = {d.id for d in new.documents} - {d.id for d in old.documents}
    docs = {d.id: d for d in new.documents}
    mapping, moves = _story_map(old, new)
    story_of, old_story_of = _story_of(new), _story_of(old)
    events = _new_items(new.events, {e.key for e in old.events}, fresh, story_of)
    accusations = _new_items(new.accusations, {a.key for a in old.accusations}, fresh, story_of)
    quotes = _new_items(new.quotes, {q.key for q in old.quotes}, fresh, story_of)
    speakers: dict[str, set[str]] = defaultdict(set)
    for q in old.quotes:
        if q.who:
            speakers[_first_story(q.documents, old_story_of)].add(q.who.strip().lower())
    figures = _figure_changes(old, new, fresh)
    controls = _control_changes(old, new, fresh)
    stories: list[StoryDelta] = []
    for s in new.stories:
        if story is not None and s.id != story:
            continue
        before = mapping.get(s.id, [])
        quoted = set().union(*(speakers.get(b, set()) for b in before))
        new_quotes = []
        for q in quotes.get(s.id, []):
            who = (q.who or "").strip().lower()
            if not who or who in quoted:
                continue  # only speakers the story had not quoted
            quoted = quoted | {who}
            new_quotes.append(q)
        delta = StoryDelta(
            id=s.id,
            title=s.title,
            new=not before,
            documents=[
                DocRef(id=d, title=docs[d].title, outlet=docs[d].outlet)
                for d in sorted(s.documents, key=_doc_order)
                if d in fresh and d in docs
            ],
            events=events.get(s.id, []),
            quotes=new_quotes,
            accusations=accusations.get(s.id, []),
            figures=figures.get(s.id, []),
            controls=controls.get(s.id, []),
        )
        parts = (delta.documents, delta.events, delta.quotes, delta.accusations)
        if any(parts) or delta.figures or delta.controls:
            stories.append(delta)
    if story is not None:
        moves = [m for m in moves if story in m.before or story in m.after]
    stories.sort(key=lambda d: (not d.new, _doc_order(d.documents[0].id if d.documents else "")))
    return Delta(since=since, run=run, stories=stories, moves=moves)
