"""One story as every output shows it: report.md, report.html and the web page.

`story_view(analysis, story)` gathers a story's sections once (briefing, timeline,
places, quotes by speaker, claim groups, framing, sources) into a typed view; the
renderers only lay it out. Citations are `Cite` records (a document, or a passage in
it); each renderer turns them into its own links (an in-page anchor in the report, a
document page on the web), so the two can differ in form but never in content.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from storyline.models import (
    Analysis,
    Claim,
    ClaimGroup,
    Document,
    Entity,
    Event,
    Quote,
    Story,
    Storyline,
)
from storyline.render.basemap import Pin, map_svg
from storyline.render.control_strip import Cite as StripCite
from storyline.render.control_strip import ControlStrip, control_strips

PLACE_TYPES = {"GPE", "LOC", "FACILITY"}
MAX_NAMED = 40  # entities listed under the places: the most mentioned first
UNATTRIBUTED = "Unattributed"


@dataclass(frozen=True)
class Section:
    key: str  # the HTML id on the web page; the report prefixes the story id
    title: str
    empty: str  # shown when the section has nothing


SECTIONS = (
    Section("briefing", "Briefing", "No briefing: the documents hold no usable sentences."),
    Section("timeline", "Timeline", "No dated events found."),
    Section("map", "Places", "No geocoded places."),
    Section("quotes", "Quotes by speaker", "No quotes found."),
    Section("claims", "Claims", "No numeric claims found."),
    Section("framing", "Framing", "No framing computed."),
    Section("sources", "Sources", "No documents."),
)


@dataclass(frozen=True)
class Cite:
    """A citation: a document, or the passage [start, end) of its text."""

    document: str
    start: int | None = None
    end: int | None = None
    title: str = ""  # the document's outlet or title, for a tooltip

    @property
    def is_passage(self) -> bool:
        return self.start is not None and self.end is not None and self.end > self.start

    @property
    def anchor(self) -> str:
        """The report's in-page anchor: the document, or the passage in it."""
        return f"{self.document}-{self.start}-{self.end}" if self.is_passage else self.document


@dataclass
class Named:
    """An entity the story mentions, how often, and where first."""

    entity: Entity
    mentions: int
    first: Cite | None


@dataclass
class BriefingItem:
    text: str
    cites: list[Cite]


@dataclass
class TimelineItem:
    date: str  # ISO date, or "undated"
    when: str | None  # the words the date was read from
    description: str
    place: Entity | None
    actors: list[Entity]
    cites: list[Cite]
    precision: str = "unknown"  # the event's Precision: a week or a season is not a day


@dataclass
class QuoteItem:
    quote: Quote
    cite: Cite


@dataclass
class Speaker:
    name: str
    entity: Entity | None
    roles: list[str]
    quotes: list[QuoteItem]
    first: Cite | None  # the speaker's first mention in the story


@dataclass
class ClaimItem:
    claim: Claim
    value: str  # "about 2,000", "12–40"
    claimant: Entity | None
    claimant_name: str | None
    cite: Cite
    date: str | None = None  # the citing document's publication date (figures over time)


@dataclass
class ClaimGroupItem:
    group: ClaimGroup
    what: str  # what is counted, with its unit
    claims: list[ClaimItem]


@dataclass
class FramingRow:
    document: Document
    label: str
    doc_type: str
    cells: list[str]  # one per concept of the table, "—" where the document has none
    accusations: int
    quoted: list[str]


@dataclass
class FramingTable:
    concepts: list[str]
    rows: list[FramingRow]


@dataclass
class StoryView:
    story: Story
    start: str | None
    end: str | None
    storyline: Storyline | None
    siblings: list[Story]  # other stories of the same storyline
    briefing: list[BriefingItem]
    timeline: list[TimelineItem]
    places: list[Named]  # geocoded places, most mentioned first
    named: list[Named]  # every entity mentioned, most mentioned first (at most MAX_NAMED)
    speakers: list[Speaker]
    claims: list[ClaimGroupItem]
    framing: FramingTable
    sources: list[Document]
    cites: list[Cite] = field(default_factory=list)  # every citation above
    omitted: dict[str, int] = field(default_factory=dict)  # section key -> rows left out
    control: list[ControlStrip] = field(default_factory=list)  # who held which place, when

    def has(self, section: str) -> bool:
        """Whether the section (a `SECTIONS` key) has anything to show."""
        content = {
            "briefing": self.briefing,
            "timeline": self.timeline,
            "map": self.places or self.named,
            "quotes": self.speakers,
            "claims": self.claims,
            "framing": self.framing.rows,
            "sources": self.sources,
        }
        return bool(content[section])


class Lookups:
    """Lookups over one analysis, built once and shared by all its story views."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.docs = {d.id: d for d in analysis.documents}
        self.stories = {s.id: s for s in analysis.stories}
        self.storylines = {line.id: line for line in analysis.storylines}
        self.entities = {e.id: e for e in analysis.entities}
        self.groups = {g.id: g for g in analysis.claim_groups}
        self.quotes_by_doc: dict[str, list[Quote]] = defaultdict(list)
        for q in analysis.quotes:
            self.quotes_by_doc[q.document].append(q)
        self.claims_by_doc: dict[str, list[Claim]] = defaultdict(list)
        for c in analysis.claims:
            self.claims_by_doc[c.document].append(c)
        self.framing_by_doc = {f.document: f for f in analysis.framing}

    def doc_label(self, doc_id: str) -> str:
        doc = self.docs.get(doc_id)
        if doc is None:
            return doc_id
        return doc.outlet or doc.title or doc.source.rsplit("/", 1)[-1] or doc_id

    def entity_name(self, entity_id: str | None) -> str | None:
        e = self.entities.get(entity_id or "")
        return e.name if e else None

    def story_docs(self, story: Story) -> list[Document]:
        return [self.docs[d] for d in story.documents if d in self.docs]

    def story_dates(self, story: Story) -> tuple[str | None, str | None]:
        """The story's span, else the span of its documents' publication dates."""
        if story.start or story.end:
            return story.start, story.end
        dates = sorted(d.published for d in self.story_docs(story) if d.published)
        return (dates[0], dates[-1]) if dates else (None, None)

    def story_events(self, story: Story) -> list[Event]:
        docs = set(story.documents)
        events = [e for e in self.analysis.events if e.story == story.id or docs & set(e.documents)]
        return sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))


class _Citer:
    """Makes the view's citations and keeps every one (the report marks their passages)."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.made: list[Cite] = []

    def __call__(self, doc: str, start: int | None = None, end: int | None = None) -> Cite:
        cite = Cite(doc, start, end, self.lookups.doc_label(doc))
        self.made.append(cite)
        return cite


def story_view(analysis: Analysis, story: Story, lookups: Lookups | None = None) -> StoryView:
    """Everything the story's report section and web page show, computed once."""
    lk = lookups if lookups is not None else Lookups(analysis)
    cite = _Citer(lk)
    docs = story.documents
    start, end = lk.story_dates(story)
    line = lk.storylines.get(story.storyline or "")
    if line is not None:
        siblings = [lk.stories[s] for s in line.stories if s != story.id and s in lk.stories]
    else:
        siblings = [
            s for s in analysis.stories if story.storyline and s.storyline == story.storyline
        ]
        siblings = [s for s in siblings if s.id != story.id]
    named = _named(analysis, story, cite)
    view = StoryView(
        story=story,
        start=start,
        end=end,
        storyline=line,
        siblings=siblings,
        briefing=_briefing(story, cite),
        timeline=_timeline(lk, story, cite),
        places=[n for n in named if n.entity.type in PLACE_TYPES and n.entity.geo is not None],
        named=named[:MAX_NAMED],
        speakers=_speakers(lk, docs, named, cite),
        claims=_claims(lk, docs, cite),
        framing=_framing(lk, story),
        sources=lk.story_docs(story),
    )
    view.control = control_strips(
        analysis,
        docs,
        # a strip's citation keeps the view's anchor ('d3-120-180'); each renderer links it
        lambda ref: StripCite(ref.document, cite(ref.document, ref.start, ref.end).anchor),
    )
    view.cites = cite.made
    _cap(view)
    return view


# Rows a story shows per section, and quotes per speaker or claims per group: a huge
# analysis (one 1 MB text gives thousands of quotes and claims) keeps readable, fast
# reports and pages. What is left out is counted ("… and 4,210 more"); storyline.json and
# the JSON API keep everything.
SECTION_LIMIT = 200
PER_ITEM_LIMIT = 20


def _cap(view: StoryView) -> None:
    def keep(rows: list, key: str, limit: int = SECTION_LIMIT) -> list:
        if len(rows) > limit:
            view.omitted[key] = view.omitted.get(key, 0) + len(rows) - limit
        return rows[:limit]

    view.timeline = keep(view.timeline, "timeline")
    view.places = keep(view.places, "map")
    view.speakers = keep(view.speakers, "quotes")
    for sp in view.speakers:
        sp.quotes = keep(sp.quotes, "quotes", PER_ITEM_LIMIT)
    view.claims = keep(view.claims, "claims")
    for group in view.claims:
        group.claims = keep(group.claims, "claims", PER_ITEM_LIMIT)
    view.sources = keep(view.sources, "sources")


def omitted_note(view: StoryView, section: str) -> str | None:
    """The line saying how many rows a capped section leaves out, if any."""
    n = view.omitted.get(section, 0)
    return f"… and {n:,} more, not shown here: all are in storyline.json." if n else None


def _briefing(story: Story, cite: _Citer) -> list[BriefingItem]:
    """Each sentence cites every passage it rests on, then each source without one."""
    items = []
    for sentence in story.summary:
        spans = [(p.document, p.start, p.end) for p in sentence.passages]
        with_passage = {d for d, _, _ in spans}
        spans += [(d, None, None) for d in sentence.sources if d not in with_passage]
        items.append(BriefingItem(sentence.text, [cite(*s) for s in dict.fromkeys(spans)]))
    return items


def _timeline(lk: Lookups, story: Story, cite: _Citer) -> list[TimelineItem]:
    return [
        TimelineItem(
            date=e.date or "undated",
            when=e.when,
            description=e.description,
            place=lk.entities.get(e.place or ""),
            actors=[lk.entities[a] for a in e.actors if a in lk.entities],
            cites=[cite(d) for d in dict.fromkeys(e.documents)],
            precision=e.precision,
        )
        for e in lk.story_events(story)
    ]


def _named(analysis: Analysis, story: Story, cite: _Citer) -> list[Named]:
    docs = set(story.documents)
    named = []
    for e in analysis.entities:
        inside = [m for m in e.mentions if m.document in docs]
        if inside:
            first = inside[0]
            named.append(Named(e, len(inside), cite(first.document, first.start, first.end)))
    return sorted(named, key=lambda n: (-n.mentions, n.entity.name, n.entity.id))


def _speakers(lk: Lookups, docs: list[str], named: list[Named], cite: _Citer) -> list[Speaker]:
    """Quotes grouped by speaker: the resolved entity, else the name as written (case
    folded), else 'Unattributed'; no quote is left out."""
    first = {n.entity.id: n.first for n in named}
    groups: dict[str, Speaker] = {}
    for doc in docs:
        for q in lk.quotes_by_doc.get(doc, []):
            entity = lk.entities.get(q.speaker or "")
            name = entity.name if entity else (q.speaker_name or "").strip() or UNATTRIBUTED
            key = entity.id if entity else f"name:{name.lower()}"
            if key not in groups:
                roles = list(entity.roles) if entity else []
                groups[key] = Speaker(name, entity, roles, [], first.get(key))
            speaker = groups[key]
            for role in (q.speaker_role or "").split(";"):  # roles come joined by "; "
                known = {r.lower() for r in speaker.roles}
                if role.strip() and role.strip().lower() not in known:
                    speaker.roles.append(role.strip())
            speaker.quotes.append(QuoteItem(q, cite(q.document, q.start, q.end)))
    return sorted(
        groups.values(),
        key=lambda s: (s.name == UNATTRIBUTED and s.entity is None, -len(s.quotes), s.name),
    )


STATUS_ORDER = {"conflicting": 0, "agreed": 1, "single": 2}


def claim_value(c: Claim) -> str:
    """The value as read: '2,000', 'about 2,000', '12–40'."""

    def num(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,.6g}"

    value = num(c.value) + (f"–{num(c.value_high)}" if c.value_high is not None else "")
    return value if c.approx == "exact" else f"{c.approx.replace('_', ' ')} {value}"


def _claims(lk: Lookups, docs: list[str], cite: _Citer) -> list[ClaimGroupItem]:
    """The story's claims by group, conflicting groups first."""
    by_group: dict[str, list[Claim]] = defaultdict(list)
    for doc in docs:
        for c in lk.claims_by_doc.get(doc, []):
            by_group[c.group].append(c)
    items = []
    for gid, members in by_group.items():
        group = lk.groups.get(gid) or ClaimGroup(
            id=gid,
            what=members[0].what,
            unit=members[0].unit,
            status=members[0].status,
            claims=[c.id for c in members],
            documents=sorted({c.document for c in members}),
        )
        what = group.what or members[0].what or ""
        if group.unit and group.unit.lower() not in what.lower():
            what = f"{what} ({group.unit})".strip()
        rows = [
            ClaimItem(
                claim=c,
                value=claim_value(c),
                claimant=lk.entities.get(c.claimant or ""),
                claimant_name=lk.entity_name(c.claimant) or c.claimant_name,
                cite=cite(c.document, c.start, c.end),
                date=lk.docs[c.document].published if c.document in lk.docs else None,
            )
            for c in members
        ]
        items.append(ClaimGroupItem(group, what, rows))
    return sorted(items, key=lambda g: (STATUS_ORDER.get(g.group.status, 3), g.group.id))


def framing_cell(terms: dict[str, int]) -> str:
    """The words a document used for one concept, most used first: 'rebels ×3, militants'."""
    ranked = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{term} ×{n}" if n > 1 else term for term, n in ranked)


def _framing(lk: Lookups, story: Story) -> FramingTable:
    """One row per document, one column per concept named (most named first)."""
    framed = [
        (d, lk.framing_by_doc[d.id]) for d in lk.story_docs(story) if d.id in lk.framing_by_doc
    ]
    totals: Counter[str] = Counter()
    for _, f in framed:
        for t in f.names:
            totals[t.concept] += sum(t.terms.values())
    concepts = sorted(totals, key=lambda c: (-totals[c], c))
    rows = []
    for doc, f in framed:
        terms: dict[str, dict[str, int]] = defaultdict(dict)
        for t in f.names:
            for term, n in t.terms.items():
                terms[t.concept][term] = terms[t.concept].get(term, 0) + n
        cells = [framing_cell(terms[c]) if terms.get(c) else "—" for c in concepts]
        quoted = [lk.entity_name(e) or e for e in f.quoted]
        rows.append(FramingRow(doc, lk.doc_label(doc.id), f.doc_type, cells, f.accusations, quoted))
    return FramingTable(concepts, rows)


def story_map(view: StoryView, href: Callable[[Named], str | None]) -> str:
    """The story's places on the offline basemap as SVG (labels escaped by map_svg);
    `href` gives each pin's link in the renderer's own terms."""
    pins = [
        Pin(
            label=n.entity.name,
            lat=n.entity.geo.lat,
            lon=n.entity.geo.lon,
            href=href(n),
            weight=n.mentions,
            area=n.entity.geo.feature == "country",
        )
        for n in view.places
        if n.entity.geo is not None
    ]
    return map_svg(pins, title=f"Places in {view.story.title}")
