"""Report rendering cost: report.md and report.html from a stored `storyline.json`.

    .venv/bin/python bench/render.py OUT/storyline.json [--repeat N]

Reads an analysis written by `storyline analyze` (no spaCy) and prints the best of N
CPU times (process time: steadier than wall time on a shared machine) for report.md,
report.html and, when the tree has it, the story view of every story
(`render.story.story_view`, what the reports and the web page share).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storyline.models import Analysis
from storyline.render.html import render_html
from storyline.render.markdown import render_markdown


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("analysis", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    analysis = Analysis.model_validate_json(args.analysis.read_text(encoding="utf-8"))
    print(
        f"{len(analysis.documents)} documents, {len(analysis.stories)} stories, "
        f"best of {args.repeat}"
    )
    for name, render in (("report.md", render_markdown), ("report.html", render_html)):
        seconds = best(lambda r=render: r(analysis), args.repeat)
        print(f"{name:12} {seconds * 1000:8.1f} ms  {len(render(analysis)):>9,} bytes")
    try:
        from storyline.render.story import Lookups, story_view
    except ImportError:  # a tree from before the shared story view
        return

    def views() -> None:
        lookups = Lookups(analysis)
        for story in analysis.stories:
            story_view(analysis, story, lookups)

    print(f"{'story views':12} {best(views, args.repeat) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
