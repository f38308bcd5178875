"""report.html (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

import html

from storyline.models import Analysis
from storyline.render.markdown import render_markdown


def render_html(analysis: Analysis) -> str:
    body = html.escape(render_markdown(analysis))
    return f"<!doctype html><meta charset='utf-8'><title>Storyline</title><pre>{body}</pre>\n"
