"""The control strip: intervals by holder, every segment and change cited, escaped."""

from __future__ import annotations

from storyline.models import Analysis, ControlChange, MentionRef
from storyline.render.control_strip import Cite, control_strips, strip_markdown, strip_svg


def _change(i, date, gained, lost, doc, status="reported"):
    return ControlChange(
        id=f"x{i}",
        place="e1",
        place_name="Dorvik <b>",
        gained_by_name=gained,
        lost_by_name=lost,
        date=date,
        precision="day" if len(date) == 10 else "month",
        status=status,
        documents=[doc],
        passages=[MentionRef(document=doc, start=i, end=i + 5)],
    )


ANALYSIS = Analysis(
    control_changes=[
        _change(2, "2016-03", "Army", "Front", "d2"),
        _change(1, "2015-05", "Front", None, "d1"),
        _change(3, "2016-12-11", "Front", "Army", "d3", status="disputed"),
    ]
)


def cite(ref: MentionRef) -> Cite:
    return Cite(ref.document, f"#{ref.document}-{ref.start}-{ref.end}")


def test_segments_run_from_each_change_to_the_next():
    (strip,) = control_strips(ANALYSIS, None, cite)
    assert [(s.holder, s.start, s.end) for s in strip.segments] == [
        ("Front", "2015-05", "2016-03"),
        ("Army", "2016-03", "2016-12-11"),
        ("Front", "2016-12-11", None),
    ]
    assert [s.cites[0].href for s in strip.segments] == ["#d1-1-6", "#d2-2-7", "#d3-3-8"]


def test_a_place_is_shown_whole_for_a_story_that_tells_one_of_its_changes():
    (strip,) = control_strips(ANALYSIS, ["d3"], cite)
    assert len(strip.changes) == 3
    assert control_strips(ANALYSIS, ["d9"], cite) == []


def test_svg_links_every_segment_and_change_and_escapes_names():
    svg = strip_svg(control_strips(ANALYSIS, None, cite)[0])
    assert svg.startswith("<svg") and "<script" not in svg
    assert "Dorvik &lt;b&gt;" in svg and "Dorvik <b>" not in svg
    for href in ("#d1-1-6", "#d2-2-7", "#d3-3-8"):
        assert f'href="{href}"' in svg
    assert "stroke-dasharray" in svg  # the disputed change is drawn dashed


def test_markdown_lists_holders_and_changes_with_sources():
    lines = strip_markdown(control_strips(ANALYSIS, None, cite)[0])
    assert "- 2016-03 to 2016-12-11: held by Army [d2](#d2-2-7)" in lines
    assert any("disputed [d3](#d3-3-8)" in line for line in lines)
