"""report.html: one self-contained page (inline CSS and SVG, no script, no external
asset), readable offline and printable. Pages are Jinja templates under templates/.

Article text is untrusted: the template environment autoescapes everything, and the
only markup inserted unescaped is the SVG (map, control strips, timeline chart) this
module builds from escaped parts.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from storyline.models import Analysis
from storyline.render.control_strip import strip_svg
from storyline.render.story import SECTIONS, Cite, StoryView, story_map
from storyline.render.timeline_chart import story_chart
from storyline.render.views import build_view


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paras"] = _paragraph_breaks
    env.filters["uniq"] = _unique_links
    return env


def _unique_links(cites: list[Cite]) -> list[Cite]:
    return list({c.anchor: c for c in reversed(cites)}.values())[::-1]


def _paragraph_breaks(text: str) -> list[str]:
    return text.split("\n\n")


def report_map(sv: StoryView) -> Markup:
    """The story's places, each pin linked to the place's first mention in the report
    (safe: map_svg escapes every label it writes)."""
    return Markup(story_map(sv, lambda n: f"#{n.first.anchor}" if n.first else None))


def render_html(analysis: Analysis) -> str:
    view = build_view(analysis)
    maps = {sv.story.id: report_map(sv) for sv in view.stories}
    # strip_svg escapes every label it draws
    strips = {
        sv.story.id: [Markup(strip_svg(x, lambda a: f"#{a}")) for x in sv.control]
        for sv in view.stories
    }
    # timeline_svg escapes every text it draws; marks link to the cited passages
    charts = {sv.story.id: Markup(story_chart(sv, lambda c: f"#{c.anchor}")) for sv in view.stories}
    template = environment().get_template("report.html.j2")
    return template.render(view=view, maps=maps, strips=strips, charts=charts, sections=SECTIONS)
