"""The inline SVG map: view extent, antimeridian, label placement, self-containment."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from importlib import resources
from itertools import combinations, pairwise

import pytest
from browser import launch, needs_chromium
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.render.basemap import (
    ASPECT,
    FONT,
    MIN_SPAN,
    WIDTH,
    WORLD,
    Pin,
    choose_view,
    map_svg,
    text_width,
)

# A story in one region: towns a few hundred km apart, two country-level places, and
# one far-off capital that must not blow the view up to the whole world.
LEVANT = [
    Pin("Qalbara", 34.55, 38.28, "#p1", weight=30),
    Pin("Harun", 34.73, 36.71, "#p2", weight=9),
    Pin("Shamal", 36.20, 37.16, "#p3", weight=8),
    Pin("Furat", 35.95, 39.01, "#p4", weight=7),
    Pin("Dijla", 36.34, 43.13, "#p5", weight=4),
    Pin("Madina", 33.34, 44.40, "#p6", weight=3),
    Pin("Babayn", 36.37, 37.52, "#p7", weight=2),
    Pin("Qarya", 34.23, 37.24, "#p8", weight=1),
    Pin("Syria", 35.0, 38.0, "#p9", weight=12, area=True),
    Pin("Iraq", 33.0, 44.0, "#p10", weight=4, area=True),
    Pin("Farland", 38.9, -77.0, "#p11", weight=5),
]
PACIFIC = [
    Pin("Westport", -18.14, 178.44, "#a1"),
    Pin("Eastport", -21.14, -175.2, "#a2"),
    Pin("Northport", -13.83, -171.76, "#a3"),
]
# One city's districts, a few km apart: labels need a closer view or numbers.
DISTRICTS = [
    Pin(f"District {chr(65 + i)}", 33.3 + 0.03 * i * (-1) ** i, 44.4 + 0.025 * i, f"#d{i}")
    for i in range(14)
]
SCATTERED = [
    Pin("North", 55.75, 37.6, "#s1"),
    Pin("West", 38.9, -77.0, "#s2"),
    Pin("East", 39.9, 116.4, "#s3"),
    Pin("South", -35.3, 149.1, "#s4"),
    Pin("Tropic", -15.8, -47.9, "#s5"),
    Pin("Island", -18.0, 178.0, "#s6", area=True),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def viewbox(root: ET.Element) -> tuple[float, float]:
    _, _, w, h = (float(v) for v in root.get("viewBox").split())
    return w, h


def map_height(root: ET.Element) -> float:
    return float(root.find("rect[@class='geo-sea']").get("height"))


def group(root: ET.Element, name: str) -> ET.Element | None:
    return root.find(f"g[@class='{name}']")


def subpaths(d: str) -> list[list[tuple[int, int]]]:
    """Absolute points of each 'M x y l dx dy … z' subpath the basemap writes."""
    out = []
    for m in re.finditer(r"M(-?\d+) (-?\d+)l([-\d ]*)z", d):
        x, y = int(m.group(1)), int(m.group(2))
        pts = [(x, y)]
        nums = [int(n) for n in re.findall(r"-?\d+", m.group(3))]
        for dx, dy in zip(nums[::2], nums[1::2], strict=True):
            x, y = x + dx, y + dy
            pts.append((x, y))
        out.append(pts)
    return out


def label_boxes(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, box) of every place label, from its x/y and the renderer's width estimate."""
    labels = group(root, "geo-labels")
    out = []
    for t in labels.iter("text"):
        x, y = float(t.get("x")), float(t.get("y"))
        w = text_width(t.text, FONT)
        x0 = {"end": x - w, "middle": x - w / 2}.get(t.get("text-anchor"), x)
        out.append((t.text, (x0, y - FONT * 0.9, x0 + w, y + FONT * 0.3)))
    return out


def marker_centres(root: ET.Element) -> list[tuple[float, float, float]]:
    return [
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
        for c in group(root, "geo-marks").iter("circle")
        if c.get("class") == "pin"
    ]


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def long_segments(root: ET.Element) -> list[tuple]:
    """Land outline segments, inside the visible map, wider than half the map and not
    along a parallel: borders drawn on a parallel (Egypt-Sudan at 22°N, the 49th
    parallel) are long straight lines of the map itself, not a ring jumping across."""
    w, h = WIDTH, map_height(root)
    bad = []
    for path in group(root, "geo-land").iter("path"):
        for ring in subpaths(path.get("d")):
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                inside = 0 < y0 < h and 0 < y1 < h
                if inside and abs(x1 - x0) > w / 2 and abs(y1 - y0) > 2:
                    bad.append((path.findtext("title"), (x0, y0), (x1, y1)))
    return bad


# --- the data ------------------------------------------------------------------------


def test_basemap_rings_never_jump_across_the_map():
    raw = resources.files("storyline.data").joinpath("world-110m.json").read_text("utf-8")
    countries = json.loads(raw)["countries"]
    assert len(countries) > 150
    for c in countries:
        for r in c["rings"]:
            pts = list(zip(r[::2], r[1::2], strict=True))
            assert pts[0] == pts[-1], c["name"]
            for (x0, y0), (x1, y1) in pairwise(pts):
                along_pole = abs(y0) == abs(y1) == 900
                assert along_pole or abs(x1 - x0) <= 1800, (c["name"], (x0, y0), (x1, y1))


# --- the view ------------------------------------------------------------------------


def test_regional_story_zooms_to_its_cluster_and_lists_the_outlier():
    view = choose_view(LEVANT)
    assert view.east - view.west < 25  # not the world
    for p in LEVANT[:-1]:
        assert view.west < p.lon < view.east and view.south < p.lat < view.north, p.label
    assert not view.west < LEVANT[-1].lon < view.east
    root = parse(map_svg(LEVANT))
    w, h = viewbox(root)
    assert w == WIDTH and h > map_height(root)  # room for the "Also:" line
    legend = "".join(group(root, "geo-legend").itertext())
    assert "Also:" in legend and "Farland" in legend
    for p in LEVANT[:-1]:
        assert p.label not in legend  # drawn on the map, not listed


def test_view_keeps_a_minimum_extent_and_a_true_aspect():
    one = [Pin("Lonely", 15.9, 2.4)]
    view = choose_view(one)
    k = math.cos(math.radians((view.south + view.north) / 2))
    assert view.north - view.south >= MIN_SPAN - 1e-9
    assert (view.east - view.west) * k >= MIN_SPAN - 1e-9
    root = parse(map_svg(one))
    h = map_height(root)
    assert ASPECT[0] - 0.01 <= h / WIDTH <= ASPECT[1] + 0.01
    # Equal ground distances east and north take equal room on screen.
    px_per_deg_lon = WIDTH / (view.east - view.west)
    px_per_deg_lat = h / (view.north - view.south)
    assert px_per_deg_lat == pytest.approx(px_per_deg_lon / k, rel=0.02)


def test_scattered_places_show_the_world():
    assert choose_view(SCATTERED) == type(choose_view(SCATTERED))(*WORLD)
    root = parse(map_svg(SCATTERED))
    assert long_segments(root) == []
    assert len(marker_centres(root)) == len(SCATTERED)


@pytest.mark.parametrize("pins", [LEVANT, PACIFIC, SCATTERED, DISTRICTS], ids=lambda p: p[0].label)
def test_no_outline_runs_across_the_map(pins):
    assert long_segments(parse(map_svg(pins))) == []


def test_places_across_the_antimeridian_share_one_view():
    view = choose_view(PACIFIC)
    assert view.east - view.west < 30
    root = parse(map_svg(PACIFIC))
    h = map_height(root)
    centres = marker_centres(root)
    assert len(centres) == 3
    assert all(0 <= x <= WIDTH and 0 <= y <= h for x, y, _ in centres)
    titles = [p.findtext("title") for p in group(root, "geo-land").iter("path")]
    assert "Fiji" in titles
    assert long_segments(root) == []


# --- labels --------------------------------------------------------------------------


@pytest.mark.parametrize("pins", [LEVANT, PACIFIC, SCATTERED, DISTRICTS], ids=lambda p: p[0].label)
def test_labels_do_not_collide(pins):
    root = parse(map_svg(pins))
    boxes = label_boxes(root)
    for (a, ba), (b, bb) in combinations(boxes, 2):
        assert not overlap(ba, bb), (a, b)
    for name, box in boxes:
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= WIDTH and box[3] <= map_height(root)
        for x, y, r in marker_centres(root):
            assert not overlap(box, (x - r, y - r, x + r, y + r)), name


def test_crowded_labels_become_numbered_markers_with_a_legend():
    # Two dozen places on top of each other: the names cannot all fit even zoomed in.
    pins = [Pin(f"Spot {i:02d}", 50.0 + 0.001 * i, 10.0, f"#n{i}") for i in range(24)]
    root = parse(map_svg(pins))
    placed = {t for t, _ in label_boxes(root)}
    legend = "".join(group(root, "geo-legend").itertext())
    numbered = [p.label for p in pins if p.label not in placed]
    assert numbered, "expected some places to fall back to numbers"
    for i, label in enumerate(numbered, start=1):
        assert f"{i} {label}" in legend
    badges = [t.text for t in group(root, "geo-marks").iter("text")]
    assert badges == [str(i) for i in range(1, len(numbered) + 1)]


def test_district_cluster_zooms_in_so_names_fit():
    root = parse(map_svg(DISTRICTS))
    assert {t for t, _ in label_boxes(root)} == {p.label for p in DISTRICTS}


# --- links, safety, size, determinism ------------------------------------------------


def test_every_place_links_to_its_passage_with_a_tooltip():
    root = parse(map_svg(LEVANT))
    marks = group(root, "geo-marks").findall("a")
    assert sorted(a.get("href") for a in marks) == sorted(p.href for p in LEVANT[:-1])
    for a in marks:
        assert a.findtext("title")
    also = group(root, "geo-legend").findall(".//a")
    assert [a.get("href") for a in also] == ["#p11"]
    assert "Farland" in also[0].findtext("title")


def test_svg_is_self_contained_and_escaped():
    pins = [*LEVANT, Pin('<script>alert("x")</script>', 35.5, 38.5, "#p&q")]
    svg = map_svg(pins, title="A <b>title</b>")
    assert "<script" not in svg and "<b>" not in svg
    root = parse(svg)  # well-formed
    lowered = svg.lower()
    for bad in ("http:", "https:", "url(", "<image", "xlink", "@import", "foreignobject"):
        assert bad not in lowered
    hrefs = [e.get("href") for e in root.iter() if e.get("href") is not None]
    assert hrefs and all(h.startswith(("#", "/")) for h in hrefs)


def test_map_is_small_and_deterministic():
    svg = map_svg(LEVANT)
    assert len(svg) < 15_000
    assert map_svg(list(reversed(LEVANT))) == svg
    assert len(map_svg(SCATTERED)) < 40_000  # the whole world, simplified
    assert map_svg([]) == ""


pins_strategy = st.lists(
    st.builds(
        Pin,
        label=st.text(min_size=0, max_size=24),
        lat=st.floats(-90, 90),
        lon=st.floats(-180, 180),
        href=st.just("#x"),
        weight=st.integers(0, 50),
        area=st.booleans(),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pins_strategy)
def test_any_places_give_a_well_formed_uncluttered_map(pins):
    svg = map_svg(pins)
    if not pins:
        assert svg == ""
        return
    root = parse(svg)
    assert long_segments(root) == []
    boxes = label_boxes(root)
    for (a, ba), (b, bb) in combinations(boxes, 2):
        assert not overlap(ba, bb), (a, b)


# --- real font metrics ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
@needs_chromium
def test_labels_do_not_collide_in_a_real_browser(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "map.html"
    maps = "".join(map_svg(p) for p in (LEVANT, PACIFIC, DISTRICTS))
    page_file.write_text(f"<!doctype html><meta charset=utf-8><body>{maps}</body>")
    script = """() => [...document.querySelectorAll('svg.map')].map(svg =>
        [...svg.querySelectorAll('.geo-labels text')].map(t => {
            const b = t.getBBox(); return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height];
        }))"""
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            per_map = page.evaluate(script)
        finally:
            browser.close()
    assert len(per_map) == 3
    for boxes in per_map:
        assert boxes
        for a, b in combinations(boxes, 2):
            assert not overlap(a[1:], b[1:]), (a[0], b[0])
        for text, x0, _, x1, _ in boxes:
            assert x1 - x0 <= text_width(text, FONT) + 2, text  # the estimate is generous
