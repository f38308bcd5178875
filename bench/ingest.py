"""Ingest throughput: documents per second and peak memory on a generated corpus.

    .venv/bin/python bench/ingest.py [--docs 5000] [--seed 7] [--keep DIR]

Generates synthetic English news articles with the boilerplate real pages carry (read
times, share and subscribe prompts, photo credits, 'Read more' links, navigation,
footers, reader comments, a syndicated copy now and then) in three forms, about 40%
``.txt`` files, 40% ``.html`` pages and 20% rows of ``.jsonl`` files, into a temporary
directory. Then times, over the whole directory:

- the readers alone (`read_sources`: decoding, HTML extraction, language check);
- the whole ingest stage (`storyline.ingest.ingest`: readers, cleaning, dates, types,
  near-duplicates).

Prints documents per second for each, by wall clock and by CPU time (the CPU figure is
the steadier one on a shared machine), and the process's peak resident memory
(`resource.getrusage`), plus Python-heap peak of the ingest pass (`tracemalloc` is too
slow to leave on, so it is measured on a 500-document sample).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SUBJECTS = [
    "The regional council",
    "Rescue workers",
    "The transport ministry",
    "Local farmers",
    "The port authority",
    "Hospital staff",
    "The opposition party",
    "Police officers",
    "A group of residents",
    "The energy company",
    "Teachers' unions",
    "The city's mayor",
]
VERBS = [
    "announced",
    "criticised",
    "approved",
    "delayed",
    "investigated",
    "welcomed",
    "rejected",
    "defended",
    "postponed",
    "reviewed",
    "questioned",
    "confirmed",
]
OBJECTS = [
    "a plan to rebuild the northern bridge",
    "the new budget for road repairs",
    "a proposal to close two rural schools",
    "the decision to raise water prices",
    "a report on flood defences",
    "the timetable for the new tram line",
    "an inquiry into the warehouse fire",
    "the agreement with neighbouring districts",
    "a scheme to plant ten thousand trees",
    "the cost of the harbour expansion",
]
TAILS = [
    "on Monday",
    "late on Tuesday",
    "after a long meeting",
    "earlier this week",
    "despite strong objections",
    "according to officials",
    "in a written statement",
    "at a press conference",
    "following months of talks",
    "without giving a reason",
]
PLACES = ["Northfield", "Easton", "Westbrook", "Southport", "Millbay", "Ashford", "Redcliff"]
NAMES = ["Anna Berg", "Tom Reyes", "Lena Kowal", "Sam Okoro", "Iris Dahl", "Omar Sato"]
MONTHS = ["January", "March", "May", "June", "August", "October", "December"]


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} in {rng.choice(PLACES)} {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)} {rng.choice(TAILS)}."
    )


def quote(rng: random.Random) -> str:
    return (
        f'"We will not accept {rng.choice(OBJECTS)}," said {rng.choice(NAMES)}, '
        f"who spoke to reporters {rng.choice(TAILS)}."
    )


def article(rng: random.Random) -> dict:
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        k = rng.randint(2, 4)
        paragraphs.append(
            " ".join(quote(rng) if rng.random() < 0.2 else sentence(rng) for _ in range(k))
        )
    day = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2023)}"
    return {
        "title": sentence(rng).rstrip(".").replace(" in ", " of ", 1),
        "date": day,
        "outlet": rng.choice(["Harbour Post", "Valley Courier", "Daily Ledger", "Town Herald"]),
        "author": rng.choice(NAMES),
        "paragraphs": paragraphs,
        "comments": [(rng.choice(NAMES), sentence(rng)) for _ in range(rng.randint(0, 3))],
    }


def as_txt(a: dict, rng: random.Random) -> str:
    lines = [a["title"], "", f"{rng.randint(1, 9)} min read", "", a["date"], ""]
    for i, p in enumerate(a["paragraphs"]):
        lines += [p, ""]
        if i == 1:
            lines += ["Photo: Staff photographer / Agency", ""]
        if i == 2 and rng.random() < 0.5:
            lines += [f"Read more: {sentence(rng)}", ""]
    lines += ["Share this article", "Subscribe to our newsletter", "", f"Source: {a['outlet']}"]
    if a["comments"]:
        lines += ["", f"{len(a['comments'])} comments:", ""]
        for name, text in a["comments"]:
            lines += [f"{name} said...", text, ""]
    return "\n".join(lines) + "\n"


def as_html(a: dict, rng: random.Random) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in a["paragraphs"])
    comments = "".join(
        f'<li class="comment"><p class="comment-author">{n}</p><p>{t}</p></li>'
        for n, t in a["comments"]
    )
    nav = "".join(f'<li><a href="/{p.lower()}">{p}</a></li>' for p in PLACES)
    published = f"{rng.randint(2015, 2023)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    head = (
        f'<meta charset="utf-8"><title>{a["title"]} | {a["outlet"]}</title>\n'
        f'<meta property="og:site_name" content="{a["outlet"]}">\n'
        f'<meta name="author" content="{a["author"]}">\n'
        f'<meta property="article:published_time" content="{published}">'
    )
    header = f'<header><nav><ul>{nav}</ul></nav><div class="promo">Subscribe now</div></header>'
    most_read = "".join(f'<li><a href="/r{i}">{sentence(rng)}</a></li>' for i in range(3))
    return (
        f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{header}\n'
        f'<main><article><h1>{a["title"]}</h1><p class="byline">By {a["author"]}, {a["date"]}</p>'
        f"\n{body}<figure><figcaption>Photo: Staff photographer</figcaption></figure></article>\n"
        f"<aside><h3>Most read</h3><ul>{most_read}</ul></aside></main>\n"
        f'<section id="comments"><h3>Comments</h3><ol>{comments}</ol></section>\n'
        f"<footer><p>Copyright {a['outlet']}. All rights reserved.</p>"
        '<a href="/privacy">Privacy</a></footer>\n</body></html>\n'
    )


def as_row(a: dict) -> str:
    text = "\n\n".join(a["paragraphs"])
    return json.dumps(
        {"title": a["title"], "text": text, "published": a["date"], "outlet": a["outlet"]}
    )


def generate(root: Path, n: int, seed: int) -> int:
    """Write n articles under root; returns the number of articles written."""
    rng = random.Random(seed)
    rows: list[str] = []
    previous = None
    for i in range(n):
        a = article(rng)
        if previous is not None and rng.random() < 0.05:  # a syndicated copy, lightly edited
            note = f"This story first appeared in {previous['outlet']} and is republished."
            paragraphs = [*previous["paragraphs"][:-1], note]
            a = {**previous, "outlet": "Wire Reprints", "comments": [], "paragraphs": paragraphs}
        previous = a
        kind = i % 5
        sub = root / f"batch{i // 500:02d}"
        sub.mkdir(exist_ok=True)
        if kind in (0, 1):
            (sub / f"a{i:05d}.txt").write_text(as_txt(a, rng), encoding="utf-8")
        elif kind in (2, 3):
            (sub / f"a{i:05d}.html").write_text(as_html(a, rng), encoding="utf-8")
        else:
            rows.append(as_row(a))
    for j in range(0, len(rows), 100):
        (root / f"rows{j // 100:03d}.jsonl").write_text("\n".join(rows[j : j + 100]) + "\n")
    return n


def peak_rss_mb() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage / (1024 * 1024) if sys.platform == "darwin" else usage / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args(argv)

    from storyline.config import Settings
    from storyline.ingest import ingest
    from storyline.ingest.readers import read_sources
    from storyline.models import Problem

    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        generate(root, args.docs, args.seed)
        settings = Settings()
        list(read_sources([str(root / "rows000.jsonl")], settings))  # warm-up: lingua etc.
        print(f"corpus: {args.docs} articles in {root} (txt, html, jsonl)")
        print(f"peak RSS after generation: {peak_rss_mb():.0f} MB")

        t, c = time.perf_counter(), time.process_time()
        items = list(read_sources([str(root)], settings))
        read_s, read_cpu = time.perf_counter() - t, time.process_time() - c
        problems = [i for i in items if isinstance(i, Problem)]
        n = len(items) - len(problems)
        print(
            f"readers: {n} inputs, {len(problems)} problems, {read_s:.1f} s wall "
            f"({n / read_s:.0f} docs/s), {read_cpu:.1f} s CPU ({n / read_cpu:.0f} docs/s)"
        )
        del items

        t, c = time.perf_counter(), time.process_time()
        result = ingest([str(root)], settings)
        ingest_s, ingest_cpu = time.perf_counter() - t, time.process_time() - c
        dups = sum(1 for d in result.documents if d.duplicate_of)
        print(
            f"ingest:  {len(result.documents)} documents ({dups} marked duplicates), "
            f"{len(result.problems)} problems, {ingest_s:.1f} s wall "
            f"({args.docs / ingest_s:.0f} docs/s), {ingest_cpu:.1f} s CPU "
            f"({args.docs / ingest_cpu:.0f} docs/s)"
        )
        for p in result.problems[:5]:
            print(f"  problem: {p.source}:{p.line or ''} {p.reason}")
        print(f"peak RSS: {peak_rss_mb():.0f} MB")

        sample = [*sorted(root.glob("batch00/*"))[:400], root / "rows000.jsonl"]
        tracemalloc.start()
        ingest([str(p) for p in sample], settings)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"python heap peak, ingest of a 500-document sample: {peak / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
