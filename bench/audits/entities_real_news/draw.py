"""Draw the entity audit sample on real news (GeoWebNews articles), for judging by hand.

    PYTHONPATH=src .venv/bin/python bench/audits/entities_real_news/draw.py [--seed 13]
    ... draw.py --seed 57 --recheck bench/audits/entities_real_news/verdicts-seed57.tsv

Runs the whole pipeline over DOCS articles drawn at random (seeded) from GeoWebNews
(`../shared/bench/geowebnews`), then draws SAMPLE entities at random (seeded) and prints,
for each, what a judge needs: its type, name, aliases, geocode and the passages around
its first two mentions. The verdicts live in `verdicts.tsv` beside this script: article
index, mention offsets, our type, verdict and error class only (no article text).

`--recheck VERDICTS` runs the same articles through today's code and prints, for each
judged record, the entity that now holds its first mention (type, name, geocode) beside
the old verdict, with the passage: what a change fixed or broke on a judged sample. A
recheck is a tuning figure, not a fresh audit.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "bench" / "geowebnews" / "data" / "GWN.xml"
DOCS, SAMPLE = 64, 50


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--recheck", type=Path, help="a verdicts file of this seed to re-read")
    args = ap.parse_args()
    import storyline

    articles = [a.findtext("text") or "" for a in ET.parse(DATA).getroot().findall("article")]
    rng = random.Random(args.seed)
    picked = sorted(rng.sample(range(len(articles)), DOCS))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in picked:
            p = Path(tmp) / f"gwn{i:03d}.txt"
            p.write_text(articles[i], encoding="utf-8")
            paths.append(str(p))
        analysis = storyline.analyze(paths)
    docs = {d.id: d for d in analysis.documents}
    if args.recheck:
        recheck(analysis, docs, args.recheck)
        return
    entities = sorted(analysis.entities, key=lambda e: e.id)
    sample = rng.sample(entities, min(SAMPLE, len(entities)))
    print(f"{len(docs)} documents, {len(entities)} entities, {len(sample)} drawn", file=sys.stderr)
    for e in sample:
        geo = f"{e.geo.name} ({e.geo.country})" if e.geo else (e.geo_note or "-")
        refs = e.mentions[:2]
        where = ";".join(f"{Path(docs[r.document].source).stem}:{r.start}-{r.end}" for r in refs)
        print(f"\n## {e.id}\t{e.type}\t{e.name}\taliases={e.aliases[:5]}\tgeo={geo}\t{where}")
        for r in refs:
            text = docs[r.document].text
            print("   ...", text[max(0, r.start - 90) : r.end + 90].replace("\n", " "), "...")


def recheck(analysis, docs, verdicts: Path) -> None:
    """Each judged record's first mention, and the entity that holds it today."""
    by_stem = {Path(d.source).stem: d for d in docs.values()}
    holder = {}
    for e in analysis.entities:
        for r in e.mentions:
            holder[(r.document, r.start, r.end)] = e
    rows = verdicts.read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        eid, etype, where, verdict, *error = row.split("\t")
        stem, _, span = where.split(";")[0].partition(":")
        start, end = map(int, span.split("-"))
        doc = by_stem.get(stem)
        if doc is None:
            print(f"\n## {eid}: {stem} not in this run")
            continue
        e = holder.get((doc.id, start, end))
        if e is None:  # the span moved: the entity holding a mention inside it
            e = next(
                (x for (d, s, t), x in holder.items() if d == doc.id and s < end and start < t),
                None,
            )
        now = f"{e.type}\t{e.name}\tgeo={e.geo.name if e.geo else '-'}" if e else "no entity"
        print(f"\n## {eid}\twas {etype} {verdict} {' '.join(error)}\n   now {now}")
        print("   ...", doc.text[max(0, start - 90) : end + 90].replace("\n", " "), "...")


if __name__ == "__main__":
    main()
