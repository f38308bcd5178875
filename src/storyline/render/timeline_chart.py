"""The story over time as one self-contained inline SVG (no script, no external asset).

`timeline_svg(events, figures, link)` draws, on one date axis:

- every dated timeline event: a dot for a day, a faint dashed bar over the whole span for
  a partial date (a month, a season, a year, or a week or season the reconciler wrote as
  an interval: the event lies somewhere in it), a solid bar for an interval of days
  ('2016-12-03/2016-12-05': it lasted that long). Labels sit in lanes so that no two
  overlap; events past the last lane are drawn, unlabelled, in one row below. Where most
  events fall within a few days and others years before, the axis is broken: the years
  of background are squeezed into a narrow stretch at the side.
- under it, one panel per revised figure (a claim group with `revision: true`, or whose
  value changes from one publication date to the next): a step line of the value over
  the dates of the documents that gave it, each point labelled with its value and the
  documents that cite it.

Every mark carries a `<title>` tooltip (its text and sources) and links to its first
citation through the renderer's `link`, so the report and the web page draw the same
chart with their own links. All text comes from articles and is escaped; the output
depends on its input alone (same records, same SVG).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from itertools import pairwise
from typing import Literal

from storyline.render.story import Cite, ClaimGroupItem, StoryView, TimelineItem

WIDTH = 760  # viewBox width; the chart scales to its box
LEFT = 70  # room on the left for the row names and the figures' values
RIGHT = 12
TOP = 8
LANE = 18  # height of one lane of events
FONT = 11
CHAR = 6.2  # estimated width of one character at FONT (generous: labels must not touch)
GAP = 8  # least room between two labels in a lane
SHORT_LABEL = 24  # a label cut shorter than this goes on its bar, where the bar has room
LABEL_CHARS = 42  # event labels are cut to this many characters (the tooltip has them all)
MAX_LANES = 20
SHARP_DAYS = 14  # a date this short (a day, a week, a weekend) places its event well
BREAK_ROOM = 26  # no tick this close to a break of the axis
CONTEXT = 110  # width of the squeezed stretch for what lies before or after the focus
MAX_SERIES = 4
PANEL = 110  # height of one figure's panel
DOT = 4.0

INK = "#1d232a"
MUTED = "#5b6570"
RULE = "#d8dde2"
EVENT = "#3b6ea5"
FIGURE = "#b5533c"

Kind = Literal["day", "partial", "interval"]
FIRST_YEAR, LAST_YEAR = 1000, 8999  # dates outside are misreadings, not news


@dataclass(frozen=True)
class Span:
    """The days a date covers, first to last inclusive, and how it was written."""

    first: date
    last: date
    kind: Kind


_SEASONS = {  # month of start, months long: TimeML seasons, quarters and halves
    "SP": (3, 3),
    "SU": (6, 3),
    "FA": (9, 3),
    "WI": (12, 3),
    "Q1": (1, 3),
    "Q2": (4, 3),
    "Q3": (7, 3),
    "Q4": (10, 3),
    "H1": (1, 6),
    "H2": (7, 6),
}


def _add_months(year: int, month: int, n: int) -> date:
    """The first day of the month n months after (year, month)."""
    y, m = divmod(month - 1 + n, 12)
    return date(year + y, m + 1, 1)


def _endpoint(text: str) -> tuple[date, date] | None:
    """The first and last day of one ISO 8601 / TimeML date value, possibly partial;
    None outside the years FIRST_YEAR to LAST_YEAR (the axis pads and steps past them)."""
    value = text.strip().split("T")[0]
    if not (m := re.match(r"\d{3,4}", value)) or not (
        FIRST_YEAR <= int(m[0]) * (10 if len(m[0]) == 3 else 1) <= LAST_YEAR
    ):
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-(\d))?", value):
            if m[3]:
                day = date.fromisocalendar(int(m[1]), int(m[2]), int(m[3]))
                return day, day
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            start = date(int(m[1]), int(m[2]), 1)
            return start, _add_months(start.year, start.month, 1) - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])", value):
            month, months = _SEASONS[m[2]]
            start = date(int(m[1]), month, 1)
            return start, _add_months(start.year, month, months) - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})", value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{3})", value):  # a decade: '201' is 2010-2019
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:  # a month 13, a 30 February, a week 60
        return None
    return None


# Precisions whose dates say when within a span something happened, not how long it
# lasted: the reconciler writes weeks, weekends and seasons as intervals.
FUZZY = {"week", "month", "season", "year", "decade"}


def date_span(text: str | None, precision: str = "unknown") -> Span | None:
    """The days a date covers: '2016-12-11' one day, '2016-12' the month (partial),
    '2016-12-10/2016-12-12' an interval, or partial where its precision is a week or
    coarser ('last weekend'); None for an undated or unreadable value."""
    if not text:
        return None
    if "/" in text:
        a, _, b = text.partition("/")
        start, end = _endpoint(a), _endpoint(b)
        if start is None or end is None or end[1] < start[0]:
            return None
        if start[0] == end[1]:
            return Span(start[0], end[1], "day")
        return Span(start[0], end[1], "partial" if precision in FUZZY else "interval")
    point = _endpoint(text)
    if point is None:
        return None
    return Span(point[0], point[1], "day" if point[0] == point[1] else "partial")


# ------------------------------------------------------------------ the date axis


@dataclass(frozen=True)
class Piece:
    """A stretch of the axis: the days [lo, hi) as date ordinals, drawn from x0 to x1."""

    lo: int
    hi: int
    x0: float
    x1: float
    context: bool = False  # a squeezed stretch before or after the days most events tell


@dataclass(frozen=True)
class Axis:
    """A date axis, linear within each piece: background events years before the news
    sit in a narrow stretch at the side and leave the width to the days that matter."""

    pieces: tuple[Piece, ...]

    def x(self, day: date) -> float:
        """The left edge of a day."""
        o = day.toordinal()
        for p in self.pieces:
            if o <= p.hi:
                return p.x0 + (max(o, p.lo) - p.lo) / (p.hi - p.lo) * (p.x1 - p.x0)
        return self.pieces[-1].x1

    def centre(self, day: date) -> float:
        return (self.x(day) + self.x(day + timedelta(days=1))) / 2


def _focus(spans: list[Span]) -> tuple[int, int] | None:
    """The days most events tell: the narrowest run of days holding four in five of the
    events dated to the day or to a short span (a week, a weekend); None without any."""
    sharp = sorted(
        (s.first.toordinal(), s.last.toordinal() + 1)
        for s in spans
        if (s.last - s.first).days <= SHARP_DAYS
    )
    if not sharp:
        return None
    k = math.ceil(len(sharp) * 0.8)
    windows = [
        (max(end for _, end in sharp[i : i + k]) - sharp[i][0], sharp[i][0], i)
        for i in range(len(sharp) - k + 1)
    ]
    _, start, i = min(windows)
    return start, max(end for _, end in sharp[i : i + k])


def _padded(lo: int, hi: int) -> tuple[int, int]:
    pad = max((hi - lo) * 0.03, 0.5)  # marks at the ends keep clear of the frame
    return math.floor(lo - pad), math.ceil(hi + pad)


def _axis(spans: list[Span]) -> Axis:
    """One linear piece where that reads well; else the focus days take the width and
    what lies before or after them is squeezed into a CONTEXT-wide stretch at its side."""
    lo = min(s.first for s in spans).toordinal()
    hi = max(s.last for s in spans).toordinal() + 1
    plot = WIDTH - LEFT - RIGHT
    focus = _focus(spans)
    f0, f1 = _padded(*focus) if focus else (lo, hi)
    f0, f1 = max(f0, lo), min(f1, hi)
    before, after = lo < f0, f1 < hi
    for _ in range(3):  # a side whose days would take no more room unsqueezed is not
        per_day = (plot - CONTEXT * (before + after)) / (f1 - f0)
        if before and (f0 - lo) * per_day <= CONTEXT * 1.5:
            f0, before = lo, False
        if after and (hi - f1) * per_day <= CONTEXT * 1.5:
            f1, after = hi, False
    if not before:
        f0 = _padded(f0, f1)[0]
    if not after:
        f1 = _padded(f0, f1)[1]
    x0 = LEFT + (CONTEXT if before else 0)
    x1 = WIDTH - RIGHT - (CONTEXT if after else 0)
    pieces = [Piece(f0, f1, x0, x1)]
    if before:
        pieces.insert(0, Piece(_padded(lo, f0)[0], f0, LEFT, x0, context=True))
    if after:
        pieces.append(Piece(f1, _padded(f1, hi)[1], x1, WIDTH - RIGHT, context=True))
    return Axis(tuple(pieces))


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _piece_ticks(piece: Piece) -> list[tuple[date, str]]:
    """Round dates along one piece, as many as fit, and their unit (day, month, year)."""
    first, last = date.fromordinal(piece.lo), date.fromordinal(piece.hi)
    most = max(1, int((piece.x1 - piece.x0) // 72))

    def days(step: int) -> list[date]:
        start = piece.lo + (1 - piece.lo) % step  # ordinal 1 is a Monday: weeks start on one
        return [date.fromordinal(o) for o in range(start, piece.hi + 1, step)]

    def months(step: int) -> list[date]:
        out, d = [], date(first.year, first.month, 1)
        while d <= last:
            if d >= first and (d.month - 1) % step == 0:
                out.append(d)
            d = _add_months(d.year, d.month, 1)
        return out

    def years(step: int) -> list[date]:
        return [
            date(y, 1, 1)
            for y in range(first.year, last.year + 1)
            if y % step == 0 and date(y, 1, 1) >= first
        ]

    span_days = piece.hi - piece.lo
    choices: list[tuple[str, Callable[[], list[date]]]] = []
    if span_days <= most * 7 * 2:
        choices += [("day", lambda n=n: days(n)) for n in (1, 2, 3, 7)]
    if span_days <= most * 183 * 2:
        choices += [("month", lambda m=m: months(m)) for m in (1, 2, 3, 6)]
    choices += [("year", lambda y=y: years(y)) for y in (1, 2, 5, 10, 20, 50, 100, 500, 1000)]
    # no tick next to a break of the axis, where its label would cross the break mark
    low = piece.x0 + (BREAK_ROOM if piece.x0 > LEFT else 0)
    high = piece.x1 - (BREAK_ROOM if piece.x1 < WIDTH - RIGHT else 0)

    def x(d: date) -> float:
        return piece.x0 + (d.toordinal() - piece.lo) / (piece.hi - piece.lo) * (piece.x1 - piece.x0)

    made = [(unit, [d for d in make() if low <= x(d) <= high]) for unit, make in choices]
    unit, marks = next(
        ((u, m) for u, m in made if 1 <= len(m) <= most),
        next(((u, m) for u, m in made if len(m) <= most), ("year", [])),
    )
    return [(d, unit) for d in marks]


def _ticks(axis: Axis) -> list[tuple[date, str]]:
    """Every piece's ticks, left to right, each labelled ('14 May', 'Mar', '2023'; the
    year at the first tick of a piece and wherever it changes), none too close to the
    one before or to a break of the axis."""
    breaks = [p.x0 for p in axis.pieces[1:]]
    kept: list[tuple[date, str]] = []
    for piece in axis.pieces:
        year = None
        for d, unit in _piece_ticks(piece):
            if unit == "year":
                text = str(d.year)
            else:
                text = _MONTHS[d.month - 1] + (f" {d.year}" if d.year != year else "")
                text = f"{d.day} {text}" if unit == "day" else text
            x, half = axis.x(d), len(text) * CHAR / 2 + 4
            if kept and x - axis.x(kept[-1][0]) < half + 36:
                continue
            if any(abs(x - b) < half for b in breaks):
                continue
            year = d.year
            kept.append((d, text))
    return kept


# ------------------------------------------------------------------ events in lanes


@dataclass(frozen=True)
class Placed:
    item: TimelineItem
    span: Span
    mark: tuple[float, float]  # left and right of the mark
    label: str
    label_x: float
    anchor: Literal["start", "end", "inside"]  # right of the mark, left of it, or on a bar
    lane: int | None  # None: past the last lane, drawn unlabelled

    @property
    def extent(self) -> tuple[float, float]:
        """The room the mark and its label take in their lane."""
        width = len(self.label) * CHAR
        if self.anchor == "start":
            return self.mark[0], max(self.mark[1], self.label_x + width)
        if self.anchor == "end":
            return min(self.mark[0], self.label_x - width), self.mark[1]
        return self.mark


def _cut(text: str, n: int) -> str:
    """The text cut to n characters with an ellipsis; nothing where under 4 fit."""
    text = _clean(text)
    if n < 4:
        return ""
    return text if len(text) <= n else text[: max(n - 1, 1)].rstrip() + "…"


def _place(item: TimelineItem, span: Span, axis: Axis) -> Placed:
    """The mark of an event and its label: right of the mark, else left of it, else on
    the bar itself where a long bar leaves no room at either side; else on the roomier
    side, cut to what fits."""
    if span.kind == "day":
        cx = axis.centre(span.first)
        mark = (cx - DOT, cx + DOT)
    else:
        x0, x1 = axis.x(span.first), axis.x(span.last + timedelta(days=1))
        mark = (x0, max(x1, x0 + 3))
    label = _cut(item.description, LABEL_CHARS)
    right_room = WIDTH - RIGHT - (mark[1] + 4)
    left_room = mark[0] - 4 - LEFT
    on_bar = mark[1] - mark[0] - 8
    enough = min(len(label), SHORT_LABEL) * CHAR
    if len(label) * CHAR <= right_room or right_room >= max(left_room, enough):
        return Placed(
            item, span, mark, _cut(label, int(right_room // CHAR)), mark[1] + 4, "start", None
        )
    if left_room >= enough:
        return Placed(
            item, span, mark, _cut(label, int(left_room // CHAR)), mark[0] - 4, "end", None
        )
    if span.kind != "day" and on_bar >= enough:
        return Placed(
            item, span, mark, _cut(label, int(on_bar // CHAR)), mark[0] + 4, "inside", None
        )
    if right_room >= left_room:
        return Placed(
            item, span, mark, _cut(label, int(right_room // CHAR)), mark[1] + 4, "start", None
        )
    return Placed(item, span, mark, _cut(label, int(left_room // CHAR)), mark[0] - 4, "end", None)


def lay_out(events: Sequence[TimelineItem], axis: Axis) -> list[Placed]:
    """Each dated event in the first lane where it fits after the one before (first fit
    over events sorted by where they start: the fewest lanes); lanes never overlap."""
    placed = [
        _place(e, s, axis) for e in events if (s := date_span(e.date, e.precision)) is not None
    ]
    placed.sort(
        key=lambda p: (
            *p.extent,
            p.item.date,
            p.item.description,
            [(c.document, c.start or 0, c.end or 0) for c in p.item.cites],
        )
    )
    ends: list[float] = []
    out = []
    for p in placed:
        start, end = p.extent
        lane = next((i for i, e in enumerate(ends) if e + GAP <= start), None)
        if lane is None and len(ends) < MAX_LANES:
            lane = len(ends)
            ends.append(end)
        elif lane is not None:
            ends[lane] = end
        out.append(Placed(p.item, p.span, p.mark, p.label, p.label_x, p.anchor, lane))
    return out


# ------------------------------------------------------------------ figures over time


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    high: float | None
    label: str  # the value as written ('about 2,000')
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class Series:
    group: ClaimGroupItem
    points: tuple[Point, ...]

    @property
    def steps(self) -> list[tuple[date, float]]:
        """The figure on each date: the highest value given that day (a toll that is
        revised goes up; several values on one day are a dispute the points show)."""
        best: dict[date, float] = {}
        for p in self.points:
            best[p.day] = max(best.get(p.day, p.value), p.value)
        return sorted(best.items())


def figure_series(figures: Sequence[ClaimGroupItem]) -> list[Series]:
    """The figures whose value changes over time: groups marked as revisions first, then
    groups that give one value per publication date, not the same on all of them."""
    found = []
    for g in figures:
        points: dict[tuple[date, float, float | None], list] = {}
        for c in g.claims:
            span = date_span(c.date)
            if span is None:
                continue
            key = (span.first, c.claim.value, c.claim.value_high)
            points.setdefault(key, []).append(c)
        series = Series(
            g,
            tuple(
                Point(day, value, high, rows[0].value, tuple(dict.fromkeys(r.cite for r in rows)))
                for (day, value, high), rows in sorted(points.items(), key=_point_order)
            ),
        )
        steps = series.steps
        # not a revision: shown where each date gives one value and that value changes
        # (several values on one day are a dispute, which the claims table shows)
        one_each = len(steps) == len({(p.day, p.value, p.high) for p in series.points})
        changes = one_each and len({v for _, v in steps}) > 1
        if len(steps) > 1 and (g.group.revision or changes):
            found.append(series)
    found.sort(key=lambda s: (not s.group.group.revision, s.group.group.id))
    return found


def _point_order(kv: tuple) -> tuple:
    (day, value, high), _ = kv
    return day, value, high if high is not None else value


# ------------------------------------------------------------------ drawing


def _clean(text: str) -> str:
    """Text an SVG (XML) can hold: no control characters, whitespace collapsed."""
    return " ".join(_UNWRITABLE.sub("", text).split())


_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _sources(cites: Sequence[Cite]) -> str:
    docs = dict.fromkeys(f"{c.document} ({c.title})" if c.title else c.document for c in cites)
    return ", ".join(docs) or "none"


def _linked(href: str | None, body: str) -> str:
    return f'<a href="{escape(href)}">{body}</a>' if href else f"<g>{body}</g>"


def _event(p: Placed, y: float, link: Callable[[Cite], str], labelled: bool) -> str:
    item, span = p.item, p.span
    when = f" (“{_clean(item.when)}”)" if item.when else ""
    kind = {"day": "", "partial": ", somewhere in this span", "interval": ", lasting this span"}
    tip = (
        f"{item.date}{when}{kind[span.kind]}: {_clean(item.description)}"
        f" — sources: {_sources(item.cites)}"
    )
    title = f"<title>{escape(tip)}</title>"
    x0, x1 = p.mark
    if span.kind == "day":
        mark = f'<circle cx="{_f((x0 + x1) / 2)}" cy="{_f(y)}" r="{DOT:g}" fill="{EVENT}">'
    elif span.kind == "interval":
        mark = (
            f'<rect x="{_f(x0)}" y="{_f(y - 6)}" width="{_f(x1 - x0)}" height="12" rx="2" '
            f'fill="{EVENT}">'
        )
    else:
        mark = (
            f'<rect x="{_f(x0)}" y="{_f(y - 6)}" width="{_f(x1 - x0)}" height="12" rx="2" '
            f'fill="{EVENT}" fill-opacity="0.22" stroke="{EVENT}" stroke-dasharray="3,2">'
        )
    mark += title + ("</circle>" if span.kind == "day" else "</rect>")
    text = ""
    if labelled:
        end = {"start": "", "end": ' text-anchor="end"', "inside": ""}[p.anchor]
        if p.anchor == "inside" and span.kind == "interval":
            end += ' fill="#fff"'  # on a solid bar
        text = f'<text x="{_f(p.label_x)}" y="{_f(y + 4)}"{end}>{title}{escape(p.label)}</text>'
    href = link(item.cites[0]) if item.cites else None
    return _linked(href, mark + text)


def _grid(ticks: list[tuple[date, str]], axis: Axis, top: float, bottom: float) -> str:
    return "".join(
        f'<line x1="{_f(axis.x(d))}" x2="{_f(axis.x(d))}" y1="{_f(top)}" y2="{_f(bottom)}"/>'
        for d, _ in ticks
    )


def _edge(x: float, text: str) -> str:
    """A tick label near an edge of the chart is anchored so that it stays inside."""
    half = len(text) * CHAR / 2
    if x + half > WIDTH - 2:
        return ' text-anchor="end"'
    if x - half < 2:
        return ' text-anchor="start"'
    return ""


def _break(x: float, axis_y: float, bottom: float) -> str:
    return (
        f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{TOP}" y2="{_f(bottom)}" stroke="{MUTED}" '
        f'stroke-dasharray="2,3"/>'
        f'<rect x="{_f(x - 4)}" y="{_f(axis_y - 5)}" width="8" height="10" fill="#fff"/>'
        f'<path d="M{_f(x - 6)},{_f(axis_y + 4)}l5,-8M{_f(x + 1)},{_f(axis_y + 4)}l5,-8" '
        f'stroke="{MUTED}"/>'
    )


def _value(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.6g}"


def _panel(s: Series, axis: Axis, ticks, top: float, link: Callable[[Cite], str]) -> str:
    """One figure: its name, its values at the left, a step line through its values by
    date, and a linked, labelled point per value and date."""
    g = s.group
    how = "revised over time" if g.group.revision else "changes over time"
    head = f"{_clean(g.what) or 'figure'} ({g.group.id}, {g.group.status}, {how})"
    plot_top, plot_bottom = top + 34, top + PANEL - 14
    values = [v for p in s.points for v in (p.value, p.high) if v is not None]
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1

    def y(v: float) -> float:
        return plot_bottom - (v - lo) / (hi - lo) * (plot_bottom - plot_top)

    out = [
        f'<text x="{LEFT}" y="{_f(top + 12)}" font-weight="bold">{escape(head)}</text>',
        f'<g stroke="{RULE}" stroke-width="1">{_grid(ticks, axis, plot_top - 8, plot_bottom + 4)}'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y(hi))}" y2="{_f(y(hi))}"/>'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y(lo))}" y2="{_f(y(lo))}"/></g>',
        f'<g fill="{MUTED}" text-anchor="end" font-size="10">'
        f'<text x="{LEFT - 6}" y="{_f(y(hi) + 3)}">{escape(_value(hi))}</text>'
        f'<text x="{LEFT - 6}" y="{_f(y(lo) + 3)}">{escape(_value(lo))}</text></g>',
    ]
    steps = s.steps
    path = f"M{_f(axis.centre(steps[0][0]))},{_f(y(steps[0][1]))}"
    for (_, _), (day, v) in pairwise(steps):
        path += f"H{_f(axis.centre(day))}V{_f(y(v))}"
    out.append(f'<path d="{path}" fill="none" stroke="{FIGURE}" stroke-width="2"/>')
    boxes: list[tuple[float, float, float, float]] = []
    for p in s.points:
        cx, cy = axis.centre(p.day), y(p.value)
        docs = " ".join(dict.fromkeys(c.document for c in p.cites))
        label = _cut(f"{p.label} [{docs}]", 28)
        tip = (
            f"{_clean(g.what) or 'figure'}: {_clean(p.label)} on {p.day.isoformat()}"
            f" — sources: {_sources(p.cites)}"
        )
        title = f"<title>{escape(tip)}</title>"
        bar = ""
        if p.high is not None:
            bar = (
                f'<line x1="{_f(cx)}" x2="{_f(cx)}" y1="{_f(y(p.high))}" y2="{_f(cy)}" '
                f'stroke="{FIGURE}" stroke-width="3" stroke-opacity="0.5"/>'
            )
        room = (top + 13, top + PANEL - 1)  # below the panel's name, above the next panel
        lx, ly, anchor = _point_label(cx, min(cy, y(p.high) if p.high else cy), label, boxes, room)
        end = f' text-anchor="{anchor}"' if anchor != "start" else ""
        body = (
            f'{bar}<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{DOT:g}" fill="{FIGURE}" '
            f'stroke="#fff" stroke-width="1">{title}</circle>'
            f'<text x="{_f(lx)}" y="{_f(ly)}"{end}>{title}{escape(label)}</text>'
        )
        out.append(_linked(link(p.cites[0]) if p.cites else None, body))
    return "".join(out)


def _point_label(
    cx: float,
    cy: float,
    label: str,
    boxes: list[tuple[float, float, float, float]],
    room: tuple[float, float],
) -> tuple[float, float, str]:
    """Where a point's label goes: above it, else below, right or left; the first place
    inside the panel (`room`: its top and bottom) that overlaps no label already placed
    (above, if none is free)."""
    w = len(label) * CHAR
    lo_x, hi_x = LEFT, WIDTH - RIGHT
    mid = min(max(cx, lo_x + w / 2), hi_x - w / 2)
    tries = [
        (mid, cy - 8, "middle", (mid - w / 2, cy - 18, mid + w / 2, cy - 6)),
        (mid, cy + 16, "middle", (mid - w / 2, cy + 6, mid + w / 2, cy + 18)),
        (cx + 7, cy + 4, "start", (cx + 7, cy - 6, cx + 7 + w, cy + 6)),
        (cx - 7, cy + 4, "end", (cx - 7 - w, cy - 6, cx - 7, cy + 6)),
    ]
    for x, y, anchor, box in tries:
        inside = (
            box[0] >= lo_x - 1 and box[2] <= hi_x + 1 and room[0] <= box[1] <= box[3] <= room[1]
        )
        if inside and not any(_overlap(box, b) for b in boxes):
            boxes.append(box)
            return x, y, anchor
    x, y, anchor, box = tries[0]
    boxes.append(box)
    return x, y, anchor


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def timeline_svg(
    events: Sequence[TimelineItem],
    figures: Sequence[ClaimGroupItem],
    link: Callable[[Cite], str],
    title: str = "Timeline",
) -> str:
    """The chart as inline SVG; an empty string where nothing in it has a date."""
    series = figure_series(figures)
    shown, left_out = series[:MAX_SERIES], len(series) - MAX_SERIES
    spans = [s for e in events if (s := date_span(e.date, e.precision)) is not None]
    spans += [Span(p.day, p.day, "day") for s in shown for p in s.points]
    if not spans:
        return ""
    axis = _axis(spans)
    ticks = _ticks(axis)
    placed = lay_out(events, axis)
    lanes = max((p.lane + 1 for p in placed if p.lane is not None), default=0)
    overflow = [p for p in placed if p.lane is None]
    rows = lanes + (1 if overflow else 0)
    axis_y = TOP + rows * LANE + 6
    out: list[str] = []
    if placed:
        out.append(
            f'<g stroke="{RULE}" stroke-width="1">{_grid(ticks, axis, TOP, axis_y)}</g>'
            f'<text x="4" y="{TOP + LANE / 2 + 4}" fill="{MUTED}">Events</text>'
        )
    marks = []
    for p in placed:
        lane = p.lane if p.lane is not None else lanes
        marks.append(_event(p, TOP + lane * LANE + LANE / 2, link, p.lane is not None))
    out.append(f'<g class="events" fill="{INK}">{"".join(marks)}</g>')
    bottom = axis_y + 24 + PANEL * len(shown)
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{axis_y}" y2="{axis_y}" stroke="{MUTED}"/>'
        f'<g fill="{MUTED}" font-size="10" text-anchor="middle">'
        + "".join(
            f'<line x1="{_f(axis.x(d))}" x2="{_f(axis.x(d))}" y1="{axis_y}" y2="{axis_y + 4}" '
            f'stroke="{MUTED}"/><text x="{_f(axis.x(d))}" y="{axis_y + 15}"{_edge(axis.x(d), t)}>'
            f"{escape(t)}</text>"
            for d, t in ticks
        )
        + "</g>"
    )
    # where the scale changes: a dashed rule down the chart, a break in the axis
    out += [_break(piece.x0, axis_y, bottom) for piece in axis.pieces[1:]]
    y = axis_y + 24
    for s in shown:
        out.append(f'<g class="figure" fill="{INK}">{_panel(s, axis, ticks, y, link)}</g>')
        y += PANEL
    notes = []
    undated = sum(1 for e in events if date_span(e.date, e.precision) is None)
    if overflow:
        notes.append(f"{len(overflow)} more events in the last row, unlabelled (hover for text)")
    if undated:
        notes.append(f"{undated} undated events are in the list only")
    if left_out > 0:
        notes.append(f"{left_out} more changing figures are in the claims table")
    for note in notes:
        out.append(f'<text x="{LEFT}" y="{_f(y + 10)}" fill="{MUTED}">{escape(note)}.</text>')
        y += 16
    height = round(y + 4)
    label = escape(_clean(title))
    return (
        f'<svg class="timeline-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-label="{label}" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">'
        f"<title>{label}</title>" + "".join(out) + "</svg>"
    )


def story_chart(view: StoryView, link: Callable[[Cite], str]) -> str:
    """A story view's chart; `link` gives each citation's link in the renderer's terms."""
    return timeline_svg(view.timeline, view.claims, link, title=f"Timeline of {view.story.title}")
