"""Convert Natural Earth 110m country outlines (TopoJSON from the npm package
`world-atlas`, ISC licence; Natural Earth data is public domain) into the compact
basemap Storyline ships: src/storyline/data/world-110m.json.

Run once, offline, on the unpacked package:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_basemap.py package/countries-110m.json

Each country becomes a list of rings, each ring a flat list of integers
[lon0, lat0, lon1, lat1, ...] in tenths of a degree (0.1° is ~11 km, finer than the
110m outlines themselves).

The TopoJSON is meant for spherical renderers: a few rings (Fiji, Chukotka in Russia,
Antarctica) run across the antimeridian, jumping from +180 to -180. Drawn on a flat map
those jumps become lines across the whole world, so every ring is made continuous here:
each step takes the short way round (longitudes may then run past +180, up to about
190 for Chukotka), and a ring that circles a pole is closed along that pole. No ring
has a step longer than 180° of longitude except along a pole. The renderer
(src/storyline/render/basemap.py) draws each ring at -360, 0 and +360 and clips to the
view, so an island group that straddles the antimeridian is drawn whole, with no seam.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "world-110m.json"

Point = tuple[float, float]


def decode_arcs(topo: dict) -> list[list[Point]]:
    """TopoJSON arcs (quantised, delta-encoded) as absolute lon/lat points."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes: list[int]) -> list[Point]:
    points: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[Point]) -> list[Point]:
    """Longitudes made continuous: each step takes the short way round (±360)."""
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        lon += 360 * round((prev - lon) / 360)
        out.append((lon, lat))
    return out


def continuous(points: list[Point]) -> list[Point]:
    """The ring with no jump at the antimeridian, placed to start east of -180.

    A ring that circles a pole (Antarctica) is closed along that pole, so it becomes an
    ordinary 360°-wide polygon.
    """
    run = unwrap(points)
    if abs(run[-1][0] - run[0][0]) > 180:
        pole = -90.0 if sum(p[1] for p in run) < 0 else 90.0
        run = [*run, (run[-1][0], pole), (run[0][0], pole), run[0]]
    shift = 360 * math.floor((min(p[0] for p in run) + 180) / 360)
    return [(lon - shift, lat) for lon, lat in run]


def compact(points: list[Point]) -> list[int]:
    flat: list[int] = []
    last = None
    for lon, lat in points:
        p = (round(lon * 10), round(lat * 10))
        if p != last:
            flat.extend(p)
            last = p
    return flat


def main(path: str) -> None:
    topo = json.loads(Path(path).read_text())
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polys = [polys]
        rings = [compact(continuous(ring(arcs, r))) for poly in polys for r in poly]
        rings = [r for r in rings if len(r) >= 8]  # at least three distinct points, closed
        if rings:
            countries.append(
                {"id": geom.get("id"), "name": geom["properties"]["name"], "rings": rings}
            )
    OUT.write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:110m countries (public domain), via world-atlas 2.0.2",
                "unit": "0.1 degree",
                "antimeridian": "rings continuous: longitudes may exceed 180; clip to the view",
                "countries": countries,
            },
            separators=(",", ":"),
        )
    )
    print(f"{len(countries)} countries -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
