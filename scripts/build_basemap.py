"""Convert Natural Earth 110m country outlines (TopoJSON from the npm package
`world-atlas`, ISC licence; Natural Earth data is public domain) into the compact
basemap Storyline ships: src/storyline/data/world-110m.json.

Run once, offline, on the unpacked package:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_basemap.py package/countries-110m.json

Each country becomes a list of rings, each ring a flat list of integers
[lon0, lat0, lon1, lat1, ...] in tenths of a degree (0.1° is ~11 km, finer than the
110m outlines themselves).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "world-110m.json"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
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


def ring(arcs, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def compact(points: list[tuple[float, float]]) -> list[int]:
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
        rings = [compact(ring(arcs, r)) for poly in polys for r in poly]
        rings = [r for r in rings if len(r) >= 6]
        if rings:
            countries.append(
                {"id": geom.get("id"), "name": geom["properties"]["name"], "rings": rings}
            )
    OUT.write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:110m countries (public domain), via world-atlas 2.0.2",
                "unit": "0.1 degree",
                "countries": countries,
            },
            separators=(",", ":"),
        )
    )
    print(f"{len(countries)} countries -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
