"""Who held a place, when: one strip per place that changed hands.

`control_strips(analysis, documents, cite)` builds the view model from
`control_changes[]`: for each place, its changes in date order and the intervals
between them, each interval held by the side that took the place at its start (or, for
the interval before the first change, the side the first change says lost it). Every
change and every interval carries its citations, made by the `cite` callback the page
passes in (the report links to its anchored passages, the web app to its document
pages), so the strip is the same wherever it is shown. `strip_svg` draws a strip as a
self-contained inline SVG (no script, no external asset; every label escaped), and
`strip_markdown` writes it as a list for report.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape

from storyline.models import Analysis, ControlChange, MentionRef


@dataclass(frozen=True)
class Cite:
    label: str
    href: str


@dataclass
class StripChange:
    id: str
    date: str
    gained_by: str
    lost_by: str | None
    status: str
    cites: list[Cite]


@dataclass
class StripSegment:
    holder: str | None
    start: str | None  # None: before the first known change
    end: str | None  # None: still held as far as the documents tell
    cites: list[Cite]  # the change that began it (or, first, the one that ended it)


@dataclass
class ControlStrip:
    place: str | None
    place_name: str
    changes: list[StripChange] = field(default_factory=list)
    segments: list[StripSegment] = field(default_factory=list)


Citer = Callable[[MentionRef], Cite]

_PALETTE = ("#3b6ea5", "#b5533c", "#5a8f4e", "#8a5aa5", "#b08a2e", "#4d8c8c", "#a54d72")
_STATUS_MARK = {"reported": "", "claimed": " (claimed)", "disputed": " (disputed)"}


def control_strips(
    analysis: Analysis, documents: Iterable[str] | None, cite: Citer
) -> list[ControlStrip]:
    """The strips of every place one of whose changes these documents tell (all places
    when None), each from the place's earliest known change to its latest."""
    wanted = set(documents) if documents is not None else None
    by_place: dict[str, list[ControlChange]] = {}
    for c in analysis.control_changes:
        if c.date:
            by_place.setdefault(c.place or c.place_name, []).append(c)
    if wanted is not None:  # the places these documents tell of, with their whole story
        by_place = {k: v for k, v in by_place.items() if any(wanted & set(c.documents) for c in v)}
    strips = []
    for key in sorted(by_place, key=lambda k: by_place[k][0].place_name):
        changes = sorted(by_place[key], key=lambda c: c.date or "")
        strip = ControlStrip(place=changes[0].place, place_name=changes[0].place_name)
        for c in changes:
            cites = [cite(p) for p in c.passages] or [Cite(d, d) for d in c.documents]
            strip.changes.append(
                StripChange(
                    id=c.id,
                    date=c.date or "",
                    gained_by=c.gained_by_name or "unknown side",
                    lost_by=c.lost_by_name,
                    status=c.status,
                    cites=_unique(cites),
                )
            )
        first = strip.changes[0]
        if first.lost_by:
            strip.segments.append(StripSegment(first.lost_by, None, first.date, first.cites))
        for this, after in zip(strip.changes, [*strip.changes[1:], None], strict=True):
            strip.segments.append(
                StripSegment(this.gained_by, this.date, after.date if after else None, this.cites)
            )
        strips.append(strip)
    return strips


def _unique(cites: list[Cite]) -> list[Cite]:
    return list({c.href: c for c in cites}.values())


def _year_fraction(date: str) -> float:
    """A partial ISO date as a number of years (a month or year at its middle)."""
    parts = [int(p) for p in date.split("/")[0].split("-")[:3] if p.isdigit()]
    year = parts[0]
    if len(parts) == 1:
        return year + 0.5
    month = parts[1]
    if len(parts) == 2:
        return year + (month - 0.5) / 12
    return year + (month - 1) / 12 + (parts[2] - 1) / 365


def strip_svg(
    strip: ControlStrip, link: Callable[[str], str] = lambda href: href, width: int = 720
) -> str:
    """The strip as inline SVG: coloured intervals by holder, a tick per change, each
    interval and tick a link to its first citation (with all citations in its title)."""
    if not strip.changes:
        return ""
    times = [_year_fraction(c.date) for c in strip.changes]
    lo, hi = min(times), max(times)
    span = max(hi - lo, 0.25)
    pad = span * 0.12
    lo, hi = lo - pad, hi + pad
    left, right, bar_y, bar_h = 8, width - 8, 22, 18

    def x(t: float) -> float:
        return left + (t - lo) / (hi - lo) * (right - left)

    holders = list(dict.fromkeys(s.holder or "unknown" for s in strip.segments))
    colour = {h: _PALETTE[i % len(_PALETTE)] for i, h in enumerate(holders)}
    height = bar_y + bar_h + 40 + 16 * ((len(holders) + 2) // 3)
    label = escape(f"Control of {strip.place_name}")
    out = [
        f'<svg class="control-strip" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{label}" '
        f'font-family="sans-serif" font-size="11">',
        f"<title>{label}</title>",
        f'<text x="{left}" y="13" font-weight="bold">{escape(strip.place_name)}</text>',
    ]
    for seg in strip.segments:
        start = x(_year_fraction(seg.start)) if seg.start else left
        end = x(_year_fraction(seg.end)) if seg.end else right
        holder = seg.holder or "unknown"
        when = f"{seg.start or '…'} to {seg.end or '…'}"
        cites = " ".join(c.label for c in seg.cites)
        href = escape(link(seg.cites[0].href)) if seg.cites else "#"
        out.append(
            f'<a href="{href}"><rect x="{start:.1f}" y="{bar_y}" width="{max(end - start, 1):.1f}"'
            f' height="{bar_h}" fill="{colour[holder]}" fill-opacity="0.85">'
            f"<title>{escape(f'{holder}, {when}; sources: {cites}')}</title></rect></a>"
        )
    for change, t in zip(strip.changes, times, strict=True):
        cx = x(t)
        dash = ' stroke-dasharray="3,2"' if change.status != "reported" else ""
        title = (
            f"{change.date}: {change.gained_by} took {strip.place_name}"
            f"{' from ' + change.lost_by if change.lost_by else ''}"
            f" ({change.status}); sources: {' '.join(c.label for c in change.cites)}"
        )
        href = escape(link(change.cites[0].href)) if change.cites else "#"
        out.append(
            f'<a href="{href}"><line x1="{cx:.1f}" x2="{cx:.1f}" y1="{bar_y - 4}" '
            f'y2="{bar_y + bar_h + 4}" stroke="#111" stroke-width="2"{dash}>'
            f"<title>{escape(title)}</title></line>"
            f'<text x="{cx:.1f}" y="{bar_y + bar_h + 16}" text-anchor="middle">'
            f"{escape(change.date + _STATUS_MARK.get(change.status, ''))}</text></a>"
        )
    for i, holder in enumerate(holders):
        lx = left + (i % 3) * ((right - left) / 3)
        ly = bar_y + bar_h + 34 + 16 * (i // 3)
        out.append(
            f'<rect x="{lx:.1f}" y="{ly - 9}" width="10" height="10" fill="{colour[holder]}"/>'
            f'<text x="{lx + 14:.1f}" y="{ly}">{escape(holder)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def strip_markdown(
    strip: ControlStrip,
    esc: Callable[[str], str] = lambda s: s,
    link: Callable[[str], str] = lambda href: href,
) -> list[str]:
    """The strip as Markdown lines: who held the place over which interval, cited
    (`esc` escapes text from the documents)."""

    def refs(cites: list[Cite]) -> str:
        return " ".join(f"[{c.label}]({link(c.href)})" for c in cites)

    lines = [f"**{esc(strip.place_name)}**", ""]
    for seg in strip.segments:
        lines.append(
            f"- {seg.start or '…'} to {seg.end or '…'}: held by {esc(seg.holder or 'unknown')} "
            f"{refs(seg.cites)}"
        )
    for c in strip.changes:
        came = f" from {esc(c.lost_by)}" if c.lost_by else ""
        lines.append(
            f"  - change {c.date}: {esc(c.gained_by)} took it{came}, {c.status} {refs(c.cites)}"
        )
    return lines
