"""Render: the analysis as JSON (the contract), Markdown and self-contained HTML."""

from __future__ import annotations

from pathlib import Path

from storyline.models import Analysis


def write_outputs(analysis: Analysis, outdir: Path) -> list[Path]:
    """Write storyline.json, report.md and report.html into outdir; return their paths."""
    from storyline.render.html import render_html
    from storyline.render.json import render_json
    from storyline.render.markdown import render_markdown

    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in (
        ("storyline.json", render_json),
        ("report.md", render_markdown),
        ("report.html", render_html),
    ):
        path = outdir / name
        path.write_text(render(analysis), encoding="utf-8")
        written.append(path)
    return written
