"""report.html: one self-contained page (inline CSS and SVG, no script, no external
asset), readable offline and printable. Pages are Jinja templates under templates/.

Article text is untrusted: the template environment autoescapes everything, and the
only markup inserted unescaped is the SVG map this module builds from escaped parts.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from storyline.models import Analysis
from storyline.render.basemap import Pin, map_svg
from storyline.render.control_strip import strip_svg
from storyline.render.views import Link, StoryView, build_view


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


def _unique_links(links: list[Link]) -> list[Link]:
    return list({link.anchor: link for link in reversed(links)}.values())[::-1]


def _paragraph_breaks(text: str) -> list[str]:
    return text.split("\n\n")


def story_map(sv: StoryView) -> Markup:
    """The story's places on the offline basemap (safe: labels are escaped in map_svg)."""
    docs = set(sv.story.documents)
    pins = [
        Pin(
            label=e.name,
            lat=e.geo.lat,
            lon=e.geo.lon,
            href=f"#{link.anchor}",
            weight=sum(1 for m in e.mentions if m.document in docs),
            area=e.geo.feature == "country",
        )
        for e, link in sv.places
        if e.geo is not None
    ]
    return Markup(map_svg(pins, title=f"Places of {sv.story.title}"))


def render_html(analysis: Analysis) -> str:
    view = build_view(analysis)
    maps = {sv.story.id: story_map(sv) for sv in view.stories}
    # strip_svg escapes every label it draws
    strips = {sv.story.id: [Markup(strip_svg(x)) for x in sv.control] for sv in view.stories}
    return environment().get_template("report.html.j2").render(view=view, maps=maps, strips=strips)
