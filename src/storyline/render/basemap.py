"""An offline map: the story's places on Natural Earth country outlines, as inline SVG.

The outlines (`data/world-110m.json`, built by scripts/build_basemap.py from Natural
Earth 1:110m, public domain) ship with the package, so the map needs no tiles, no
network and no script. The view is the places' bounding box with a margin, in an
equirectangular projection scaled by the cosine of the middle latitude.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources

MIN_SPAN = 12.0  # degrees of longitude shown at least (a single town still gets context)


@dataclass(frozen=True)
class Pin:
    label: str
    lat: float
    lon: float
    href: str | None = None


@lru_cache(maxsize=1)
def countries() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """(name, rings of (lon, lat)) for every country of the basemap."""
    raw = resources.files("storyline.data").joinpath("world-110m.json").read_text("utf-8")
    out = []
    for c in json.loads(raw)["countries"]:
        rings = [[(r[i] / 10, r[i + 1] / 10) for i in range(0, len(r) - 1, 2)] for r in c["rings"]]
        out.append((c["name"], rings))
    return out


def _view(pins: list[Pin]) -> tuple[float, float, float, float]:
    lons = [p.lon for p in pins]
    lats = [p.lat for p in pins]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    span = max(MIN_SPAN, (east - west) * 1.3, (north - south) * 1.6)
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    half_h = span / 2 * 0.62
    return (
        mid_lon - span / 2,
        mid_lon + span / 2,
        max(-85.0, mid_lat - half_h),
        min(85.0, mid_lat + half_h),
    )


def map_svg(pins: list[Pin], width: int = 640, title: str = "Places") -> str:
    """An inline SVG map of the pins; an empty string where there is nothing to show."""
    pins = [p for p in pins if -90 <= p.lat <= 90 and -180 <= p.lon <= 180]
    if not pins:
        return ""
    west, east, south, north = _view(pins)
    kx = math.cos(math.radians((south + north) / 2))
    height = max(160, round(width * (north - south) / ((east - west) * kx)))
    sx = width / (east - west)
    sy = height / (north - south)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * sx, 1), round((north - lat) * sy, 1)

    paths = []
    for name, rings in countries():
        d = []
        for ring in rings:
            xs = [p[0] for p in ring]
            ys = [p[1] for p in ring]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue
            pts = [xy(lon, lat) for lon, lat in ring]
            d.append("M" + "L".join(f"{x},{y}" for x, y in pts) + "Z")
        if d:
            paths.append(f'<path d="{"".join(d)}"><title>{escape(name)}</title></path>')
    marks = []
    for p in sorted(pins, key=lambda p: (-p.lat, p.lon, p.label)):
        x, y = xy(p.lon, p.lat)
        anchor = "end" if x > width * 0.7 else "start"
        dx = -7 if anchor == "end" else 7
        body = (
            f'<circle cx="{x}" cy="{y}" r="4.5" class="pin"/>'
            f'<text x="{x + dx}" y="{y + 4}" text-anchor="{anchor}">'
            f"{escape(p.label)}</text>"
        )
        if p.href:
            body = f'<a href="{escape(p.href)}">{body}</a>'
        marks.append(body)
    return (
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{width}" height="{height}" class="sea"/>'
        f'<g class="land">{"".join(paths)}</g><g class="pins">{"".join(marks)}</g></svg>'
    )
