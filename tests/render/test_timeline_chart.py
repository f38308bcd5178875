"""The timeline chart: dates read with their precision, labels in lanes that never
overlap, figures that change drawn over time, all text escaped, same input same SVG."""

from __future__ import annotations

import random
import re
from datetime import date
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from storyline.models import Claim, ClaimGroup
from storyline.render.story import Cite, ClaimGroupItem, ClaimItem, TimelineItem
from storyline.render.timeline_chart import (
    GAP,
    LEFT,
    MAX_LANES,
    RIGHT,
    WIDTH,
    Span,
    _axis,
    date_span,
    figure_series,
    lay_out,
    timeline_svg,
)

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def event(day: str | None, text: str = "Ferries halted", doc: str = "d1", **kw) -> TimelineItem:
    return TimelineItem(
        date=day or "undated",
        when=kw.pop("when", None),
        description=text,
        place=None,
        actors=[],
        cites=[Cite(doc, title=kw.pop("outlet", "Harbour Post"))],
        precision=kw.pop("precision", "unknown"),
    )


def link(c: Cite) -> str:
    return f"#{c.anchor}"


def figure(gid: str, rows: list[tuple[str, float, str]], revision: bool = False):
    """A claim group: (publication date, value, document) per claim."""
    claims = [
        ClaimItem(
            claim=Claim(
                id=f"{gid}c{i}",
                document=doc,
                text=f"{value:g} people",
                start=i,
                end=i + 5,
                value=value,
                group=gid,
                status="conflicting",
                revision=revision,
            ),
            value=f"{value:,.0f}",
            claimant=None,
            claimant_name=None,
            cite=Cite(doc, i, i + 5, f"Outlet {doc}"),
            date=day,
        )
        for i, (day, value, doc) in enumerate(rows)
    ]
    group = ClaimGroup(id=gid, what="people killed", status="conflicting", revision=revision)
    return ClaimGroupItem(group, "people killed", claims)


# ------------------------------------------------------------------ dates


def test_dates_are_read_with_their_precision():
    d = date
    assert date_span("2016-12-11") == Span(d(2016, 12, 11), d(2016, 12, 11), "day")
    assert date_span("2016-12") == Span(d(2016, 12, 1), d(2016, 12, 31), "partial")
    assert date_span("2016-02") == Span(d(2016, 2, 1), d(2016, 2, 29), "partial")
    assert date_span("2016") == Span(d(2016, 1, 1), d(2016, 12, 31), "partial")
    assert date_span("201") == Span(d(2010, 1, 1), d(2019, 12, 31), "partial")
    assert date_span("2016-W50") == Span(d(2016, 12, 12), d(2016, 12, 18), "partial")
    assert date_span("2016-WI") == Span(d(2016, 12, 1), d(2017, 2, 28), "partial")
    assert date_span("2016-12-11T10:30") == Span(d(2016, 12, 11), d(2016, 12, 11), "day")
    # an interval lasts its span; a week or season written as one is somewhere in it
    assert date_span("2016-12-03/2016-12-05") == Span(d(2016, 12, 3), d(2016, 12, 5), "interval")
    assert date_span("2016-12-10/2016-12-11", "week").kind == "partial"
    assert date_span("2023-09/2023-11", "season") == Span(d(2023, 9, 1), d(2023, 11, 30), "partial")


def test_unreadable_dates_are_not_drawn():
    for text in (
        None,
        "",
        "undated",
        "2016-13",
        "2016-02-30",
        "2016-W60",
        "PRESENT_REF",
        "2016-12-11/2016-12-01",
        "XXXX-12",
        "2016-12/",
    ):
        assert date_span(text) is None, text


@given(st.text(alphabet="0123456789-/WTSPUFAIQH:", max_size=24))
def test_any_date_text_gives_a_span_or_none(text):
    span = date_span(text)
    assert span is None or span.first <= span.last


@given(
    st.lists(
        st.one_of(
            st.text(alphabet="0123456789-/W", max_size=23),
            st.dates().map(date.isoformat),
            st.integers(0, 9999).map(lambda y: f"{y:04d}"),
        ),
        max_size=8,
    )
)
def test_any_dates_draw_without_error(texts):
    svg = timeline_svg([event(t) for t in texts], [], link)
    assert svg == "" or (svg.startswith("<svg") and svg.endswith("</svg>"))


# ------------------------------------------------------------------ lanes


def _boxes(placed):
    return [(p.lane, *p.extent) for p in placed if p.lane is not None]


def _apart(boxes) -> bool:
    """No two boxes of one lane closer than GAP."""
    for lane in {b[0] for b in boxes}:
        row = sorted(b[1:] for b in boxes if b[0] == lane)
        if any(a[1] + GAP > b[0] for a, b in pairwise(row)):
            return False
    return True


def test_labels_in_a_lane_never_overlap_and_stay_inside():
    events = [
        event(f"2016-12-{d:02d}", f"Event {i} on day {d} " + "x" * (i % 30))
        for i, d in enumerate([10, 10, 10, 11, 11, 12, 15, 15, 16, 20, 20, 21, 28, 29, 30])
    ]
    events += [event("2016-12", "Month-long shortages"), event("2016", "A year of unrest")]
    placed = lay_out(events, _axis([date_span(e.date) for e in events]))
    boxes = _boxes(placed)
    assert len(boxes) == len(events)  # all fit in the lanes here
    assert _apart(boxes)
    assert all(lo >= LEFT - 0.01 and hi <= WIDTH - RIGHT + 0.01 for _, lo, hi in boxes)


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 60), st.text(min_size=1, max_size=60)),
        max_size=60,
    )
)
def test_lanes_never_overlap_whatever_the_events(rows):
    base = date(2020, 1, 1).toordinal()
    events = []
    for start, length, text in rows:
        a, b = date.fromordinal(base + start), date.fromordinal(base + start + length % 9)
        events.append(event(f"{a.isoformat()}/{b.isoformat()}" if b > a else a.isoformat(), text))
    spans = [s for e in events if (s := date_span(e.date))]
    if not spans:
        return
    placed = lay_out(events, _axis(spans))
    boxes = _boxes(placed)
    assert max((b[0] for b in boxes), default=0) < MAX_LANES
    assert _apart(boxes)
    assert len(placed) == len(events)  # an event past the last lane is still drawn


def test_more_events_than_lanes_fall_into_one_unlabelled_row():
    events = [event("2016-12-11", f"Simultaneous event {i}") for i in range(MAX_LANES + 5)]
    svg = timeline_svg(events, [], link)
    assert "5 more events in the last row" in svg
    assert svg.count("<circle") == MAX_LANES + 5  # every one drawn, with its tooltip
    assert svg.count("<title>2016-12-11: Simultaneous event") == 2 * MAX_LANES + 5


# ------------------------------------------------------------------ marks


def test_partial_dates_are_spans_and_intervals_bars():
    events = [
        event("2016-12-11", "A day"),
        event("2016-11", "A month"),
        event("2016-12-03/2016-12-05", "Three days"),
        event("2016-12-10/2016-12-11", "A weekend", precision="week"),
    ]
    axis = _axis([date_span(e.date, e.precision) for e in events])
    marks = {p.item.description: p.mark for p in lay_out(events, axis)}
    november = axis.x(date(2016, 12, 1)) - axis.x(date(2016, 11, 1))
    assert abs((marks["A month"][1] - marks["A month"][0]) - november) < 0.01
    svg = timeline_svg(events, [], link)
    rects = re.findall(r"<rect [^>]*>", svg)
    dashed = [r for r in rects if "stroke-dasharray" in r]
    assert len(dashed) == 2 and len(rects) - len(dashed) >= 1  # month and weekend; the bar
    assert "A month" in svg and "somewhere in this span" in svg and "lasting this span" in svg


def test_every_mark_has_its_text_and_sources_and_links_its_first_citation():
    svg = timeline_svg(
        [event("2016-12-11", "Port closed", doc="d7", when="on Sunday", outlet="Coast Wire")],
        [],
        link,
    )
    assert '<a href="#d7">' in svg
    assert "<title>2016-12-11 (“on Sunday”): Port closed — sources: d7 (Coast Wire)</title>" in svg


def test_article_text_is_escaped_everywhere():
    events = [event("2016-12-11", HOSTILE, outlet=HOSTILE, when=HOSTILE)]
    figures = [figure("g1", [("2016-12-10", 3, "d1"), ("2016-12-12", 9, "d2")], revision=True)]
    figures[0].what = HOSTILE
    figures[0].claims[0].value = HOSTILE
    hostile_link = lambda c: '" onmouseover="alert(1)'  # noqa: E731
    svg = timeline_svg(events, figures, hostile_link, title=HOSTILE)
    assert "<script" not in svg and "<img" not in svg and 'onmouseover="' not in svg
    assert "&lt;script&gt;" in svg and "&amp;" in svg
    assert "\x00" not in timeline_svg([event("2016-12-11", "nul\x00 and\x1b escape")], [], link)


def test_nothing_dated_gives_no_chart():
    assert timeline_svg([], [], link) == ""
    assert timeline_svg([event(None), event("sometime")], [], link) == ""
    one_day = figure("g1", [("2016-12-10", 3, "d1"), ("2016-12-10", 9, "d2")])
    assert timeline_svg([], [one_day], link) == ""


def test_undated_events_are_counted_under_the_chart():
    svg = timeline_svg([event("2016-12-11"), event(None, "When?")], [], link)
    assert "1 undated events are in the list only" in svg and "When?" not in svg


# ------------------------------------------------------------------ figures


def test_a_revised_figure_is_a_step_line_with_labelled_cited_points():
    toll = figure(
        "g2",
        [("2016-12-10", 3, "d1"), ("2016-12-11", 5, "d2"), ("2016-12-13", 12, "d3")],
        revision=True,
    )
    (series,) = figure_series([toll])
    assert [(d.day, v) for d, v in series.steps] == [(10, 3), (11, 5), (13, 12)]
    svg = timeline_svg([event("2016-12-11")], [toll], link)
    panel = re.search(r'<g class="figure".*?</g></g>|<g class="figure".*', svg, re.S)[0]
    assert "people killed (g2, conflicting, revised over time)" in panel
    path = re.search(r'<path d="(M[^"]+)" fill="none"', panel)[1]
    assert path.count("H") == 2 and path.count("V") == 2  # two steps
    for value, doc, start in (("3", "d1", 0), ("5", "d2", 1), ("12", "d3", 2)):
        assert f">{value} [{doc}]</text>" in panel
        assert f'href="#{doc}-{start}-{start + 5}"' in panel
    assert "people killed: 12 on 2016-12-13 — sources: d3 (Outlet d3)" in panel


def test_which_figures_are_drawn():
    rising = figure("g1", [("2016-12-10", 3, "d1"), ("2016-12-12", 9, "d2")])
    same = figure("g2", [("2016-12-10", 4, "d1"), ("2016-12-12", 4, "d2")])
    disputed = figure(
        "g3",
        [
            ("2016-12-10", 4, "d1"),
            ("2016-12-10", 40, "d2"),
            ("2016-12-12", 4, "d3"),
            ("2016-12-12", 40, "d4"),
        ],
    )
    revised = figure("g9", [("2016-12-10", 4, "d1"), ("2016-12-12", 6, "d2")], revision=True)
    undated = figure("g4", [(None, 3, "d1"), ("2016-12-12", 9, "d2")])
    chosen = [s.group.group.id for s in figure_series([rising, same, disputed, revised, undated])]
    assert chosen == ["g9", "g1"]  # revisions first; a dispute or a constant is no change


# ------------------------------------------------------------------ layout as a whole


def test_background_years_before_the_news_do_not_squeeze_its_days():
    news = [event(f"2016-12-{d}", f"Day {d}") for d in (10, 11, 12, 13)]
    spans = [date_span(e.date) for e in [*news, event("2009", "Long ago")]]
    axis = _axis(spans)
    assert len(axis.pieces) == 2 and axis.pieces[0].context
    day = axis.x(date(2016, 12, 11)) - axis.x(date(2016, 12, 10))
    assert day > 80  # four days share most of the width, not 1/2900 of it each
    svg = timeline_svg([*news, event("2009", "Long ago")], [], link)
    assert 'stroke-dasharray="2,3"' in svg  # the break in the axis is drawn


def test_same_input_same_svg_whatever_its_order():
    events = [event(f"2016-12-{10 + i % 5:02d}", f"Event {i}", doc=f"d{i}") for i in range(30)]
    events += [event("2016-11", "A month"), event("2016-12-02/2016-12-04", "Bar")]
    figures = [figure("g1", [("2016-12-10", 3, "d1"), ("2016-12-12", 9, "d2")], revision=True)]
    first = timeline_svg(events, figures, link, title="T")
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    assert timeline_svg(shuffled, figures, link, title="T") == first
    assert timeline_svg(events, figures, link, title="T") == first
