"""report.md (placeholder: documents only)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.models import Analysis


def render_markdown(analysis: Analysis) -> str:
    lines = ["# Storyline report", ""]
    for d in analysis.documents:
        lines.append(
            f"- **{d.id}** {d.title or '(untitled)'} — {d.outlet or '?'}, {d.published or '?'}"
        )
    return "\n".join(lines) + "\n"
