"""An offline map: the story's places on Natural Earth country outlines, as inline SVG.

The outlines (`data/world-110m.json`, built by scripts/build_basemap.py from Natural
Earth 1:110m, public domain, with rings already cut at the antimeridian) ship with the
package, so the map needs no tiles, no network and no script.

How the view is chosen (deterministic for the same pins):

* The densest cluster wins: the pin with the most other pins within CLUSTER_KM is the
  centre, and the pins within CLUSTER_KM of it are fitted, with a margin and at least
  MIN_SPAN degrees each way. A far-off place (the United States in a story about Syria)
  does not blow the view up to the whole world: it is listed under the map on an
  "Also:" line, still linked. Any pin that falls inside the fitted view is drawn.
* When no cluster holds at least a third of the pins (places spread over the globe),
  the whole world is shown instead.
* The projection is equirectangular with longitudes scaled by the cosine of the view's
  middle latitude, so shapes keep their aspect near the centre; views that straddle the
  antimeridian work (longitudes are taken round the view's centre).

Labels are placed greedily, most-mentioned place first, at the first of eight spots
around the point (right, left, above, below, then the diagonals) that stays inside the
map and clear of every other label and marker. A place whose label fits nowhere gets a
numbered marker and a line in the legend under the map. Label width is estimated from
character classes (the renderer's font is unknown), on the generous side.

Output is small: country rings are clipped to the view (with an off-screen margin, so
clip edges are never seen), projected, simplified (Douglas-Peucker, sub-pixel) and
written as integer relative path commands. Styling is carried by presentation attributes,
so the SVG looks the same wherever it is inlined; every label is escaped here.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape
from importlib import resources

WIDTH = 800  # viewBox width in user units; labels are sized against it
MIN_SPAN = 9.0  # degrees shown at least each way (a single town still gets context)
ZOOM_FLOOR = 2.0  # ... unless a city's districts need a closer view for their names
CLUSTER_KM = 1500.0  # radius of the densest cluster that is fitted
PAD = 0.18  # margin around the fitted places, as a share of their extent
ASPECT = (0.5, 0.68)  # height / width of the map area, kept within these bounds
WORLD = (-180.0, 180.0, -58.0, 84.0)  # west, east, south, north of the world view
FONT = 14.0  # label size in user units (the map is shown about 1:1)
LEGEND_FONT = 13.0
COUNTRY_FONT = 10.5
DOT = 4.5  # marker radius
BADGE = 7.0  # numbered-marker radius; every marker reserves this much room
CLIP_MARGIN = 4.0  # px beyond the view where country rings are cut (cuts stay unseen)

SEA = "#d7e8f3"
LAND = "#f4f1e8"
BORDER = "#b3ad9c"
PIN = "#b3261e"
INK = "#1d232a"
MUTED = "#5b6570"
FAINT = "#9a937f"


@dataclass(frozen=True)
class Pin:
    """A place to mark: label, position, link, and how prominent it is in the story."""

    label: str
    lat: float
    lon: float
    href: str | None = None
    weight: int = 0  # e.g. mentions in the story: heavier places get their labels first
    area: bool = False  # a country or region rather than a town: drawn as a ring


@dataclass(frozen=True)
class View:
    west: float
    east: float
    south: float
    north: float

    @property
    def mid_lon(self) -> float:
        return (self.west + self.east) / 2


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@lru_cache(maxsize=1)
def countries() -> list[tuple[str, list[tuple[Box, list[tuple[float, float]]]]]]:
    """(name, rings) for every country; a ring is (lon/lat bounds, [(lon, lat), ...])."""
    raw = resources.files("storyline.data").joinpath("world-110m.json").read_text("utf-8")
    out = []
    for c in json.loads(raw)["countries"]:
        rings = []
        for r in c["rings"]:
            pts = [(r[i] / 10, r[i + 1] / 10) for i in range(0, len(r) - 1, 2)]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            rings.append(((min(xs), min(ys), max(xs), max(ys)), pts))
        out.append((c["name"], rings))
    return out


# --- choosing the view -------------------------------------------------------------


def _km(a: Pin, b: Pin) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _wrap(lon: float, centre: float) -> float:
    """The longitude taken within 180° of centre (for views across the antimeridian)."""
    return lon - 360 * round((lon - centre) / 360)


def densest_cluster(pins: list[Pin]) -> list[Pin]:
    """The pins within CLUSTER_KM of the pin that has the most pins within CLUSTER_KM."""

    def score(p: Pin) -> tuple:
        near = [_km(p, q) for q in pins]
        inside = [d for d in near if d <= CLUSTER_KM]
        return (-len(inside), sum(inside), p.label, p.lat, p.lon)

    centre = min(pins, key=score)
    return [p for p in pins if _km(centre, p) <= CLUSTER_KM]


def _lon_range(lons: list[float]) -> tuple[float, float]:
    """The shortest run of longitude that holds them all: the complement of the
    widest gap between neighbours, so places either side of ±180 stay together."""
    ls = sorted(lons)
    n = len(ls)
    gaps = [(ls[0] + 360 if i == n - 1 else ls[i + 1]) - ls[i] for i in range(n)]
    i = gaps.index(max(gaps))
    if i == n - 1:
        return ls[0], ls[-1]
    west, east = ls[i + 1], ls[i] + 360
    return (west - 360, east - 360) if west >= 180 else (west, east)


def choose_view(pins: list[Pin], min_span: float = MIN_SPAN) -> View:
    """The view that fits the densest cluster, or all the places when no cluster holds
    a third of them (two places far apart are both shown), or the world when that
    would be wider than a hemisphere."""
    cluster = densest_cluster(pins)
    if len(cluster) < 2 or len(cluster) * 3 < len(pins):
        cluster = pins
    west, east = _lon_range([p.lon for p in cluster])
    lats = [p.lat for p in cluster]
    south, north = min(lats), max(lats)
    mid_lat = (south + north) / 2
    k = math.cos(math.radians(mid_lat))
    # Sizes in "ground degrees" (longitude shrunk by cos(lat)), padded, floored.
    w = max(min_span, (east - west) * k * (1 + 2 * PAD))
    h = max(min_span, (north - south) * (1 + 2 * PAD))
    w, h = max(w, h / ASPECT[1]), max(h, w * ASPECT[0])
    if w / k > 200 or h > 120:
        return View(*WORLD)
    mid_lon = (west + east) / 2
    south, north = mid_lat - h / 2, mid_lat + h / 2
    if north > 85:  # slide rather than squash near the poles
        south, north = south - (north - 85), 85.0
    if south < -85:
        south, north = -85.0, north + (-85 - south)
    half = w / 2 / k
    return View(mid_lon - half, mid_lon + half, south, north)


# --- geometry -----------------------------------------------------------------------


def _clip(points: list[tuple[float, float]], box: Box) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clip of a closed ring (last point == first) to a box."""
    x0, y0, x1, y1 = box
    pts = points[:-1] if points and points[0] == points[-1] else points
    for axis, bound, keep_low in ((0, x0, False), (0, x1, True), (1, y0, False), (1, y1, True)):
        if not pts:
            break

        def inside(p, axis=axis, bound=bound, keep_low=keep_low) -> bool:
            return p[axis] <= bound if keep_low else p[axis] >= bound

        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if inside(cur) != inside(prev):
                t = (bound - prev[axis]) / (cur[axis] - prev[axis])
                cut = [prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])]
                cut[axis] = bound
                out.append((cut[0], cut[1]))
            if inside(cur):
                out.append(cur)
        pts = out
    return pts


def _simplify(pts: list[tuple[int, int]], tol: float) -> list[tuple[int, int]]:
    """Douglas-Peucker on an open run of points (iterative, keeps both ends)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = pts[i], pts[j]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        far, far_d = -1, tol
        for k in range(i + 1, j):
            px, py = pts[k]
            d = (
                abs(dy * (px - ax) - dx * (py - ay)) / norm
                if norm
                else math.hypot(px - ax, py - ay)
            )
            if d > far_d:
                far, far_d = k, d
        if far > 0:
            keep[far] = True
            stack += [(i, far), (far, j)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def _path_data(ring: list[tuple[int, int]]) -> str:
    """'M x y l dx dy …z' with integers: the shortest honest encoding."""
    (x, y), rest = ring[0], ring[1:]
    out = [f"M{x} {y}l"]
    for nx, ny in rest:
        out.append(f"{nx - x}" + (f" {ny - y}" if ny - y >= 0 else f"{ny - y}") + " ")
        x, y = nx, ny
    return "".join(out).rstrip() + "z"


class _Frame:
    """Projection of one view onto a WIDTH-wide map area."""

    def __init__(self, view: View):
        self.view = view
        self.k = math.cos(math.radians((view.south + view.north) / 2))
        self.scale = WIDTH / (view.east - view.west)
        self.height = round((view.north - view.south) * self.scale / self.k)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.view.west) * self.scale, (self.view.north - lat) * self.scale / self.k

    def lon_lat_margin(self) -> tuple[float, float]:
        return CLIP_MARGIN / self.scale, CLIP_MARGIN * self.k / self.scale


@dataclass(frozen=True)
class CountryLabel:
    """Where a country's name can go: the centre of its largest visible part."""

    name: str
    x: float
    y: float
    width: float  # of that part, on screen


def land_paths(frame: _Frame) -> tuple[list[str], list[CountryLabel]]:
    """One <path> per country that shows in the view (clipped, simplified), and the
    spots where country names could be written."""
    v = frame.view
    mx, my = frame.lon_lat_margin()
    box = (v.west - mx, v.south - my, v.east + mx, v.north + my)
    # Sub-pixel detail is invisible; wide views have more of it to drop.
    tol = 0.6 if v.east - v.west <= 60 else 1.0
    out, names = [], []
    for name, rings in countries():
        subpaths = []
        biggest: tuple[float, list[tuple[int, int]]] = (0.0, [])
        for (bx0, by0, bx1, by1), pts in rings:
            for s in (-360.0, 0.0, 360.0):  # rings may run past ±180 (see build script)
                if bx1 + s < box[0] or bx0 + s > box[2] or by1 < box[1] or by0 > box[3]:
                    continue
                moved = [(lon + s, lat) for lon, lat in pts] if s else pts
                clipped = _clip(moved, box)
                if len(clipped) < 3:
                    continue
                proj: list[tuple[int, int]] = []
                for lon, lat in clipped:
                    x, y = frame.xy(lon, lat)
                    p = (round(x), round(y))
                    if not proj or proj[-1] != p:
                        proj.append(p)
                ring = _simplify([*proj, proj[0]], tol)[:-1]
                area = _area2(ring) if len(ring) >= 3 else 0.0
                if area >= 4:
                    subpaths.append(_path_data(ring))
                    biggest = max(biggest, (area, ring))
        if subpaths:
            out.append(f'<path d="{"".join(subpaths)}"><title>{escape(name)}</title></path>')
            ring = biggest[1]
            xs = [x for x, _ in ring]
            cx, cy = _centroid(ring)
            names.append(CountryLabel(name, cx, cy, max(xs) - min(xs)))
    return out, names


def _area2(ring: list[tuple[int, int]]) -> float:
    """Twice the ring's area (shoelace)."""
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs))


def _centroid(ring: list[tuple[int, int]]) -> tuple[float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if not a:
        return ring[0]
    return cx / (3 * a), cy / (3 * a)


# --- labels -------------------------------------------------------------------------


def text_width(text: str, size: float) -> float:
    """A generous estimate of a sans-serif label's width (no font metrics offline).

    Advance widths in em follow DejaVu Sans, one of the widest common sans-serif faces
    (what `system-ui, sans-serif` gives on most Linux desktops and in headless Chromium);
    Helvetica, Arial, Segoe UI and San Francisco are narrower, so labels only gain room.
    """
    em = 0.0
    for ch in text:
        if ch in "ijl'|.,:;!IJ ":
            em += 0.33
        elif ch in "ftr()-[]":
            em += 0.42
        elif ch in "mMW":
            em += 1.0
        elif ch == "w":
            em += 0.82
        elif ord(ch) >= 0x2E80:  # CJK and other full-width scripts
            em += 1.0
        elif ch.isupper():
            em += 0.78
        else:
            em += 0.64
    return em * size * 1.03


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# Spots tried around a point, in order of preference (cartographic convention).
_SPOTS = ("right", "left", "above", "below", "ne", "nw", "se", "sw")


def _label_box(spot: str, x: float, y: float, w: float, h: float) -> Box:
    g = DOT + 3  # gap between the point and the label
    d = g * 0.7
    return {
        "right": (x + g, y - h / 2, x + g + w, y + h / 2),
        "left": (x - g - w, y - h / 2, x - g, y + h / 2),
        "above": (x - w / 2, y - g - h, x + w / 2, y - g),
        "below": (x - w / 2, y + g, x + w / 2, y + g + h),
        "ne": (x + d, y - d - h, x + d + w, y - d),
        "nw": (x - d - w, y - d - h, x - d, y - d),
        "se": (x + d, y + d, x + d + w, y + d + h),
        "sw": (x - d - w, y + d, x - d, y + d + h),
    }[spot]


def place_labels(
    points: list[tuple[str, float, float]], width: float, height: float, taken: list[Box]
) -> list[Box | None]:
    """A box for each (label, x, y), in priority order, or None where none fits.

    `taken` holds boxes to keep clear of (markers, the scale bar); placed labels are
    added to it.
    """
    out: list[Box | None] = []
    h = FONT * 1.25
    for label, x, y in points:
        w = text_width(label, FONT) + 2
        box = None
        for spot in _SPOTS:
            b = _label_box(spot, x, y, w, h)
            if b[0] < 2 or b[1] < 2 or b[2] > width - 2 or b[3] > height - 2:
                continue
            if not any(_overlaps(b, t) for t in taken):
                box = b
                break
        if box is not None:
            taken.append(box)
        out.append(box)
    return out


def _same_place(a: str, b: str) -> bool:
    """'United States' and 'United States of America' name one country."""
    a, b = a.casefold(), b.casefold()
    return a.startswith(b) or b.startswith(a)


def country_names(
    spots: list[CountryLabel], pins: list[Pin], width: float, height: float, taken: list[Box]
) -> list[str]:
    """Muted names for the countries in view that have room, where nothing else is."""
    out = []
    for c in sorted(spots, key=lambda c: (-c.width, c.name)):
        if any(p.area and _same_place(p.label, c.name) for p in pins):
            continue  # the story's own pin already names it
        text = c.name.upper()
        w = text_width(text, COUNTRY_FONT) + len(text) * 1.0
        if w > c.width * 0.9:
            continue
        h = COUNTRY_FONT * 1.2
        b = (c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2)
        if b[0] < 2 or b[1] < 2 or b[2] > width - 2 or b[3] > height - 2:
            continue
        if any(_overlaps(b, t) for t in taken):
            continue
        taken.append(b)
        out.append(
            f'<text x="{_fmt(c.x)}" y="{_fmt(c.y + COUNTRY_FONT * 0.35)}">{escape(text)}</text>'
        )
    return out


# --- the SVG ------------------------------------------------------------------------


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _link(p: Pin, body: str, tag: str = "g") -> str:
    return f'<a href="{escape(p.href)}">{body}</a>' if p.href else f"<{tag}>{body}</{tag}>"


def _tooltip(p: Pin) -> str:
    ns = f"{abs(p.lat):.2f}°{'N' if p.lat >= 0 else 'S'}"
    ew = f"{abs(p.lon):.2f}°{'E' if p.lon >= 0 else 'W'}"
    return f"<title>{escape(p.label)} ({ns}, {ew})</title>"


def _scale_bar(frame: _Frame) -> tuple[str, Box] | None:
    """A bar of a round number of km, bottom left; None for wide views (scale varies)."""
    v = frame.view
    if v.east - v.west > 60:
        return None
    km_per_px = 111.32 * frame.k / frame.scale
    target = 110 * km_per_px
    mag = 10 ** math.floor(math.log10(target))
    km = max(n * mag for n in (1, 2, 5) if n * mag <= target)
    px = km / km_per_px
    x, y = 12, frame.height - 12
    svg = (
        f'<g class="geo-scale"><path d="M{x} {y - 4}v4h{_fmt(px)}v-4" fill="none" '
        f'stroke="{INK}" stroke-width="1.5"/>'
        f'<text x="{_fmt(x + px / 2)}" y="{y - 7}" text-anchor="middle" fill="{INK}" '
        f'stroke="#fff" stroke-width="3" paint-order="stroke" font-size="11" '
        f'font-family="system-ui, sans-serif">{km:g} km</text></g>'
    )
    return svg, (x - 4, y - 21, x + px + 4, y + 4)


def _footer(legend: list[tuple[Pin, int]], away: list[Pin], top: float) -> tuple[str, float]:
    """Numbered legend and the 'Also:' line under the map, wrapped into rows.

    Each row is one <text> whose items are links (<a> inside <text>, SVG 2), so the
    browser spaces them; the width estimate only decides where rows break.
    """
    items: list[tuple[str, Pin]] = [(f"{n} ", p) for p, n in legend]
    items += [("Also: " if i == 0 else "", p) for i, p in enumerate(away)]
    if not items:
        return "", top
    sep = " · "
    rows: list[list[tuple[str, Pin]]] = [[]]
    used = 10.0
    for prefix, p in items:
        w = text_width(prefix + p.label + sep, LEGEND_FONT)
        if rows[-1] and used + w > WIDTH - 10:
            rows.append([])
            used = 10.0
        rows[-1].append((prefix, p))
        used += w
    lines = []
    y = top + LEGEND_FONT * 1.5
    for row in rows:
        parts = []
        for k, (prefix, p) in enumerate(row):
            pre = f'<tspan fill="{MUTED}">{escape(prefix)}</tspan>' if prefix else ""
            parts.append(pre + _link(p, _tooltip(p) + escape(p.label), tag="tspan"))
            if k < len(row) - 1:
                parts.append(f'<tspan fill="{MUTED}">{sep}</tspan>')
        lines.append(f'<text x="10" y="{_fmt(y)}">{"".join(parts)}</text>')
        y += LEGEND_FONT * 1.45
    body = (
        f'<g class="geo-legend" font-family="system-ui, sans-serif" '
        f'font-size="{LEGEND_FONT:g}" fill="{INK}">{"".join(lines)}</g>'
    )
    return body, y - LEGEND_FONT * 0.6


@dataclass
class _Layout:
    frame: _Frame
    shown: list[tuple[Pin, float, float]]
    away: list[Pin]
    boxes: list[Box | None]
    taken: list[Box]
    scale: tuple[str, Box] | None

    @property
    def unplaced(self) -> int:
        return sum(1 for b in self.boxes if b is None)


def _layout(pins: list[Pin], view: View) -> _Layout:
    """Project the pins into the view and place their labels."""
    frame = _Frame(view)
    shown, away = [], []
    for p in pins:
        x, y = frame.xy(_wrap(p.lon, view.mid_lon), p.lat)
        if 0 <= x <= WIDTH and 0 <= y <= frame.height:
            shown.append((p, x, y))
        else:
            away.append(p)
    scale = _scale_bar(frame)
    taken = [(x - BADGE, y - BADGE, x + BADGE, y + BADGE) for _, x, y in shown]
    taken += [scale[1]] if scale else []
    points = [(p.label, x, y) for p, x, y in shown]
    boxes = place_labels(points, WIDTH, frame.height, taken)
    return _Layout(frame, shown, away, boxes, taken, scale)


def layout(pins: list[Pin]) -> _Layout:
    """The layout with the fewest numbered markers: the view at MIN_SPAN first, then
    closer views (down to ZOOM_FLOOR degrees) while places in a tight cluster (one
    city's districts) still have no room for their names."""
    best = None
    for span in (MIN_SPAN, 5.0, 3.0, ZOOM_FLOOR):
        view = choose_view(pins, span)
        if best is not None and view == best.frame.view:
            break  # the places themselves set the extent: zooming further changes nothing
        cand = _layout(pins, view)
        if best is None or cand.unplaced < best.unplaced:
            best = cand
        if best.unplaced == 0:
            break
    assert best is not None
    return best


_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text an SVG (XML) can hold: no control characters, whitespace collapsed."""
    return " ".join(_UNWRITABLE.sub("", text).split())


def map_svg(pins: list[Pin], width: int = WIDTH, title: str = "Places") -> str:
    """An inline SVG map of the pins; an empty string where there is nothing to show.

    `width` is kept for callers; the drawing is WIDTH units wide and scales to its box.
    """
    del width
    title = _clean(title)
    pins = [
        replace(p, label=_clean(p.label) or "?", href=_clean(p.href) if p.href else None)
        for p in pins
        if -90 <= p.lat <= 90 and -180 <= p.lon <= 180
    ]
    if not pins:
        return ""
    # Heaviest first; ties broken on fixed keys so the output never depends on order.
    pins = sorted(pins, key=lambda p: (-p.weight, p.area, p.label, p.lat, p.lon, p.href or ""))
    lay = layout(pins)
    w, h = WIDTH, lay.frame.height
    land, spots = land_paths(lay.frame)
    marks, labels, legend = [], [], []
    for (p, x, y), box in zip(lay.shown, lay.boxes, strict=True):
        cx, cy = _fmt(x), _fmt(y)
        if box is None:  # no room for the name: a numbered marker, named in the legend
            n = len(legend) + 1
            legend.append((p, n))
            body = (
                f'<circle class="pin" cx="{cx}" cy="{cy}" r="{BADGE:g}" fill="{PIN}"/>'
                f'<text x="{cx}" y="{_fmt(y + 3.5)}" text-anchor="middle" font-size="10" '
                f'font-family="system-ui, sans-serif" fill="#fff">{n}</text>'
            )
        else:
            # A country or region is a ring, a town a dot. The ring is a white centre
            # drawn over the dot: pages may restyle circle.pin (and their CSP forbids
            # style attributes), so the difference must not depend on its paint.
            body = f'<circle class="pin" cx="{cx}" cy="{cy}" r="{DOT:g}" fill="{PIN}"/>'
            if p.area:
                body += f'<circle cx="{cx}" cy="{cy}" r="1.8" fill="#fff" stroke="none"/>'
            style = ' font-style="italic"' if p.area else ""
            # Anchor the text on the side facing the point: the width estimate is
            # generous, and the slack should fall away from the point, not next to it.
            if box[2] <= x:
                tx, style = box[2] - 1, style + ' text-anchor="end"'
            elif box[0] >= x:
                tx = box[0] + 1
            else:
                tx, style = (box[0] + box[2]) / 2, style + ' text-anchor="middle"'
            ty = box[3] - FONT * 0.32
            text = f'<text x="{_fmt(tx)}" y="{_fmt(ty)}"{style}>{escape(p.label)}</text>'
            labels.append(_link(p, _tooltip(p) + text))
        marks.append(_link(p, _tooltip(p) + body))
    names = country_names(spots, pins, w, h, lay.taken)
    foot, bottom = _footer(legend, lay.away, h)
    total = round(bottom) if foot else h

    return (
        f'<svg class="map" role="img" viewBox="0 0 {w} {total}" width="100%" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<rect width="{w}" height="{total}" fill="#fff"/>'
        f'<rect class="geo-sea" width="{w}" height="{h}" fill="{SEA}"/>'
        f'<g class="geo-land" fill="{LAND}" stroke="{BORDER}" stroke-width=".7" '
        f'stroke-linejoin="round">{"".join(land)}</g>'
        f'<g class="geo-names" font-family="system-ui, sans-serif" '
        f'font-size="{COUNTRY_FONT:g}" letter-spacing="1" fill="{FAINT}" '
        f'text-anchor="middle" pointer-events="none">{"".join(names)}</g>'
        f"{lay.scale[0] if lay.scale else ''}"
        f'<g class="geo-marks" stroke="#fff" stroke-width="1.5">{"".join(marks)}</g>'
        f'<g class="geo-labels" font-family="system-ui, sans-serif" font-size="{FONT:g}" '
        f'fill="{INK}" stroke="#fff" stroke-width="3" stroke-linejoin="round" '
        f'paint-order="stroke">{"".join(labels)}</g>'
        f"{foot}</svg>"
    )
