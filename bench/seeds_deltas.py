"""Following a story day by day on the seed articles: each seed, in date order, analysed
into a fresh SQLite store (`analyze FILE --db`, in-process), then the run's delta
(`storyline changes`) checked and counted.

    .venv/bin/python bench/seeds_deltas.py [--seeds ../shared/seeds]

After each step the script checks that
- the run added exactly the new document, and the delta names it ("New document dN")
  in exactly one story;
- every story line of the delta cites only the new document (merges and splits, which
  by nature cite the documents that moved, are counted apart);
- the delta lists what the document adds, judged from the stored analysis rather than
  from the delta's own keys: every claim group holding one of its claims is told as a
  figure line, every speaker it quotes whom no earlier document quoted is told as a new
  speaker, and every event resting on it alone is told as a new event (at least as
  many event lines).
It prints one row per step (file name, date, counts, checks) and nothing of the seeds'
text; the store lives in a temporary folder, removed at the end. Exit status 1 when a
check fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from storyline.config import Settings
from storyline.ingest import ingest
from storyline.pipeline import analyze, changes
from storyline.render.delta import move_line, story_lines
from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def dated(folder: Path) -> list[tuple[str, Path]]:
    """The seed files with their publication dates, read through the readers, oldest
    first (undated ones last, by name)."""
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    found = ingest([str(p) for p in paths], Settings())
    date_of = {d.source: d.published or "" for d in found.documents}
    pairs = [(date_of.get(str(p), ""), p) for p in paths]
    return sorted(pairs, key=lambda dp: (dp[0] == "", dp[0], dp[1].name))


def step(db: str, path: Path, quoted_before: set[str]) -> dict:
    """Analyse one file into the store and check the run's delta."""
    started = time.perf_counter()
    analyze([str(path)], Settings(db=db))
    seconds = time.perf_counter() - started
    failures: list[str] = []
    with open_store(db) as store:
        delta = changes(store)
        analysis = store.load_analysis()
    assert delta.run is not None and analysis is not None
    added = delta.run.new_documents
    if len(added) != 1:
        failures.append(f"run added {added}, not one document")
    new = added[0] if added else ""
    named = [s for s in delta.stories for d in s.documents if d.id == new]
    if len(named) != 1:
        failures.append(f"{new} named in {len(named)} stories")
    lines = [(text, docs) for s in delta.stories for text, docs in story_lines(s)]
    stray = [docs for _, docs in lines if set(docs) != {new}]  # ids only: no seed text
    if stray:
        failures.append(f"{len(stray)} lines cite other documents: {stray[:3]}")
    moves = [move_line(m) for m in delta.moves]

    events = [e for s in delta.stories for e in s.events]
    quotes = [q for s in delta.stories for q in s.quotes]
    accusations = [a for s in delta.stories for a in s.accusations]
    figures = [f for s in delta.stories for f in s.figures]
    controls = [c for s in delta.stories for c in s.controls]

    # What the document adds, from the stored analysis.
    own_claims = {c.id for c in analysis.claims if c.document == new}
    groups = [g for g in analysis.claim_groups if own_claims & set(g.claims)]
    told = {(f.what, f.unit) for f in figures}
    untold = [(g.what, g.unit) for g in groups if (g.what, g.unit) not in told]
    if untold:
        failures.append(f"{len(untold)} claim groups not told as figures")
    if len(figures) < len(groups):
        failures.append(f"{len(groups)} claim groups, {len(figures)} figure lines")
    own_quotes = [q for q in analysis.quotes if q.document == new and q.speaker_name]
    speakers = {q.speaker_name.strip().lower() for q in own_quotes if q.speaker_name}
    told_speakers = {(q.who or "").strip().lower() for q in quotes}
    missing = sorted(speakers - quoted_before - told_speakers)
    if missing:
        failures.append(f"{len(missing)} first-time speakers not told")
    quoted_before |= speakers
    alone = [e for e in analysis.events if list(e.documents) == [new]]
    if len(events) < len(alone):
        failures.append(f"{len(alone)} events rest on {new} alone, {len(events)} told")

    kinds: dict[str, int] = {}
    for f in figures:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    return {
        "doc": new,
        "seconds": seconds,
        "stories": len(delta.stories),
        "new_story": any(s.new for s in delta.stories),
        "lines": len(lines),
        "events": len(events),
        "alone": len(alone),
        "quotes": len(quotes),
        "accusations": len(accusations),
        "figures": len(figures),
        "groups": len(groups),
        "kinds": kinds,
        "controls": len(controls),
        "moves": len(moves),
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args(argv)
    order = dated(args.seeds)
    print(
        "| step | file | published | doc | s | stories | new story | lines | events (alone) "
        "| new speakers | accusations | figures (groups) | figure kinds | controls | moves "
        "| checks |"
    )
    print("|" + "---|" * 16)
    failed = 0
    quoted: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "seeds.sqlite")
        for n, (published, path) in enumerate(order, 1):
            row = step(db, path, quoted)
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(row["kinds"].items())) or "-"
            checks = "ok" if not row["failures"] else "FAIL: " + "; ".join(row["failures"])
            failed += bool(row["failures"])
            print(
                f"| {n} | {path.name} | {published or '-'} | {row['doc']} | {row['seconds']:.1f} "
                f"| {row['stories']} | {'yes' if row['new_story'] else 'no'} | {row['lines']} "
                f"| {row['events']} ({row['alone']}) | {row['quotes']} | {row['accusations']} "
                f"| {row['figures']} ({row['groups']}) | {kinds} | {row['controls']} "
                f"| {row['moves']} | {checks} |"
            )
    print(f"\n{len(order) - failed} of {len(order)} steps pass every check.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
