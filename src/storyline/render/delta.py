"""A `Delta` (what changed in the store, `reconcile.delta`) as Markdown, HTML or JSON.

Every line ends with the documents it rests on, as `[d3, d5]`. The HTML is one
self-contained page (inline style, no script, no external asset); `delta_html_body`
is its body alone, for the web app's page.
"""

from __future__ import annotations

from html import escape

from storyline.reconcile.delta import ControlDelta, Delta, FigureChange, NewItem, StoryDelta

FORMATS = ("md", "html", "json")


def _cite(docs: list[str]) -> str:
    return "[" + ", ".join(docs) + "]"


def _figure(f: FigureChange) -> str:
    what = " ".join(x for x in (f.what, f.unit and f"({f.unit})") if x) or "figure"
    who = f" ({', '.join(f.by)})" if f.by else ""
    new = ", ".join(f.new)
    old = ", ".join(f.old)
    if f.kind == "new":
        return f"New figure: {what} {new}{who}"
    if f.kind == "revised":
        return f"Figure revised: {what} {old} → {new}{who}"
    if f.kind == "disputed":
        change = f"{old} → {new}" if new else old
        was = f", was {f.old_status}" if f.old_status else ""
        return f"Figure now disputed: {what} {change}{who}{was}"
    if f.kind == "confirmed":
        return f"Figure confirmed: {what} {new}{who}"
    return f"Another figure: {what} {new}{who}, beside {old}"


def _control(c: ControlDelta) -> str:
    sides = ""
    if c.gained_by:
        sides += f" to {c.gained_by}"
    if c.lost_by:
        sides += f" from {c.lost_by}"
    when = f" ({c.date})" if c.date else ""
    if c.kind == "new":
        return f"Control change ({c.status}): {c.place}{sides}{when}"
    return f"Control of {c.place}{sides}{when} now {c.status} (was {c.old_status})"


def _event(e: NewItem) -> str:
    return f"New event{f' {e.date}' if e.date else ''}: {e.text}"


def _quote(q: NewItem) -> str:
    return f"New speaker {q.who}: “{q.text}”"


def _accusation(a: NewItem) -> str:
    if a.negated:  # a denial: 'X denied responsibility'
        whom = f" denies that {', '.join(a.whom)} is to blame" if a.whom else " denies blame"
        return f"Denial: {a.who or 'unnamed'}{whom}: {a.text}"
    whom = f" accuses {', '.join(a.whom)}" if a.whom else " accuses"
    return f"Accusation: {a.who or 'unnamed'}{whom}: {a.text}"


def story_lines(s: StoryDelta) -> list[tuple[str, list[str]]]:
    """(text, cited documents) for each line of one story's changes."""
    lines: list[tuple[str, list[str]]] = []
    for d in s.documents:
        outlet = f" ({d.outlet})" if d.outlet else ""
        lines.append((f"New document {d.id}: {d.title or '(untitled)'}{outlet}", [d.id]))
    lines += [(_event(e), e.documents) for e in s.events]
    lines += [(_quote(q), q.documents) for q in s.quotes]
    lines += [(_accusation(a), a.documents) for a in s.accusations]
    lines += [(_figure(f), f.documents) for f in s.figures]
    lines += [(_control(c), c.documents) for c in s.controls]
    return lines


def _heading(delta: Delta) -> str:
    if delta.run is None:
        return "What changed: the store has no runs yet"
    run = delta.run
    text = f"What changed: run {run.id} ({run.created_at}{f', {run.origin}' if run.origin else ''})"
    if delta.since is not None:
        text += f", since run {delta.since.id} ({delta.since.created_at})"
    return text


def _story_heading(s: StoryDelta) -> str:
    return f"{'New story' if s.new else 'Story'} {s.id}: {s.title}"


def move_line(m) -> str:
    if m.kind == "merged":
        return f"Stories {', '.join(m.before)} merged into {m.after[0]} ({m.titles[0]})"
    return f"Story {m.before[0]} split into {', '.join(m.after)}"


def render_delta_markdown(delta: Delta) -> str:
    out = [f"# {_heading(delta)}", ""]
    if delta.empty:
        out += ["Nothing new.", ""]
    for s in delta.stories:
        out += [f"## {_story_heading(s)}", ""]
        out += [f"- {text} {_cite(docs)}" for text, docs in story_lines(s)]
        out.append("")
    if delta.moves:
        out += ["## Stories merged or split", ""]
        out += [f"- {move_line(m)} {_cite(m.documents)}" for m in delta.moves]
        out.append("")
    return "\n".join(out)


def render_delta_json(delta: Delta) -> str:
    return delta.model_dump_json(indent=2) + "\n"


def _html_cite(docs: list[str], href: str | None) -> str:
    if href is None:
        return escape(_cite(docs))
    links = ", ".join(f'<a href="{escape(href.format(d))}">{escape(d)}</a>' for d in docs)
    return f"[{links}]"


def delta_html_body(delta: Delta, doc_href: str | None = None) -> str:
    """The delta as HTML (no page around it); `doc_href` ('/documents/{}') links cites."""
    out = [f'<h1 class="delta-title">{escape(_heading(delta))}</h1>']
    if delta.empty:
        out.append("<p>Nothing new.</p>")
    for s in delta.stories:
        out.append(f'<section class="delta-story"><h2>{escape(_story_heading(s))}</h2><ul>')
        for text, docs in story_lines(s):
            out.append(f"<li>{escape(text)} {_html_cite(docs, doc_href)}</li>")
        out.append("</ul></section>")
    if delta.moves:
        out.append('<section class="delta-moves"><h2>Stories merged or split</h2><ul>')
        for m in delta.moves:
            out.append(f"<li>{escape(move_line(m))} {_html_cite(m.documents, doc_href)}</li>")
        out.append("</ul></section>")
    return "\n".join(out)


STYLE = (
    "body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
    "color:#222}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}li{margin:.2rem 0}"
)


def render_delta_html(delta: Delta) -> str:
    """A self-contained page: inline style, nothing fetched."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(_heading(delta))}</title><style>{STYLE}</style></head><body>\n"
        f"{delta_html_body(delta)}\n</body></html>\n"
    )


def render_delta(delta: Delta, fmt: str) -> str:
    if fmt == "md":
        return render_delta_markdown(delta)
    if fmt == "html":
        return render_delta_html(delta)
    if fmt == "json":
        return render_delta_json(delta)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
