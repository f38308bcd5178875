"""Draw the attribution audit sample: real news the rules were not tuned on.

60 documents, seeded: 20 PolNeAR test articles, 20 ECB+ documents (one from each of 20
topics) and 20 English pages of the article-extraction benchmark. The whole pipeline runs
over them; 50 quotes that carry a speaker, every accusation (up to 50) and 50 claims are
drawn. `sample.json` keeps only file names, record ids and offsets (never third-party
text); `--show` prints each record's passage and the output's speaker, parties or claim
(value, what, claimant) for judging, from a local cache the draw leaves in the temporary
folder. Verdicts are kept beside it in `verdicts.json`. Every claim group marked
`conflicting` is listed too (issue 12), with each of its claims' file and offsets.

A fresh round draws with another seed (`--seed 29`): its files are `sample-29.json` and
`verdicts-29.json` (round 3, `--seed 31`, also judges the conflicting groups); the default
seed 11 keeps the first round's names and its draw of quotes (claims are drawn after the
quotes, so they do not move the quote sample).

    .venv/bin/python bench/audits/attribution/draw.py            # run, write sample.json
    .venv/bin/python bench/audits/attribution/draw.py --show     # passages to judge
    .venv/bin/python bench/audits/attribution/draw.py --seed 29 [--show]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SHARED = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT / "bench"))
SEED = 11
ENGLISH = re.compile(r"\b(the|and|of|to|said|was|in)\b")
# A sentence ends at . ! ? (or a closing quote after one) before a space, or at a blank line.
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n\s*\n")


def _suffix(seed: int) -> str:
    """'' for the first round's seed, '-<seed>' for any other."""
    return "" if seed == SEED else f"-{seed}"


def _cache_path(seed: int) -> Path:
    return Path(tempfile.gettempdir(), f"attribution-audit-cache{_suffix(seed)}.json")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around [start, end), with the sentence before it (the
    claimant or the counted thing is often named there)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    lo = ends[-2] if len(ends) >= 2 else 0
    m = SENTENCE_END.search(text, end)
    hi = m.start() + 1 if m else len(text)
    return max(lo, start - 900), min(hi, end + 600)


def _pick(rng: random.Random) -> list[tuple[str, str]]:
    """(file name, content) of the 60 documents."""
    from ecbplus import load_ecbplus

    out = []
    polnear = sorted((SHARED / "polnear" / "data" / "test" / "text").glob("*.txt"))
    for p in rng.sample(polnear, 20):
        out.append((f"polnear-{p.name}", p.read_text("utf-8")))
    topics = sorted(rng.sample(range(1, 46), 20))
    for topic in topics:
        docs = load_ecbplus([topic])
        if docs:
            name, _, title, text = rng.choice(docs)
            out.append((f"ecb-{name}.txt", f"{title}\n\n{text}"))
    truth = json.loads((SHARED / "article-extraction-benchmark" / "ground-truth.json").read_text())
    english = sorted(
        k for k, v in truth.items() if len(ENGLISH.findall(v.get("articleBody", ""))) > 60
    )
    for key in rng.sample(english, 20):
        path = SHARED / "article-extraction-benchmark" / "html" / f"{key}.html.gz"
        out.append(
            (f"aeb-{key[:16]}.html", gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        )
    return out


def draw(seed: int) -> None:
    from storyline.config import Settings
    from storyline.pipeline import analyze

    rng = random.Random(seed)
    docs = _pick(rng)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, content in docs:
            path = Path(tmp) / name
            path.write_text(content, encoding="utf-8")
            paths.append(str(path))
        analysis = analyze(paths, Settings(embed=False))
    files = {d.id: Path(d.source).name for d in analysis.documents}
    quotes = [q for q in analysis.quotes if q.speaker_name]
    sample = sorted(rng.sample(quotes, min(50, len(quotes))), key=lambda q: (q.document, q.start))
    accusations = analysis.accusations[:50]
    claims = sorted(
        rng.sample(analysis.claims, min(50, len(analysis.claims))),
        key=lambda c: (files[c.document], c.start),
    )
    by_id = {c.id: c for c in analysis.claims}
    conflicting = [g for g in analysis.claim_groups if g.status == "conflicting"]
    grouped = [by_id[i] for g in conflicting for i in g.claims]
    out = {
        "seed": seed,
        "documents": sorted(files.values()),
        "quotes": [
            {
                "file": files[q.document],
                "id": q.id,
                "kind": q.kind,
                "start": q.start,
                "end": q.end,
            }
            for q in sample
        ],
        "accusations": [
            {
                "file": files[a.document],
                "n": i,
                "start": a.start,
                "end": a.end,
            }
            for i, a in enumerate(accusations)
        ],
        "claims": [
            {"file": files[c.document], "id": c.id, "start": c.start, "end": c.end} for c in claims
        ],
        "conflicting_groups": [
            {
                "id": g.id,
                "revision": g.revision,
                "claims": [
                    {
                        "file": files[by_id[c].document],
                        "id": c,
                        "start": by_id[c].start,
                        "end": by_id[c].end,
                    }
                    for c in g.claims
                ],
            }
            for g in conflicting
        ],
    }
    sample_path = HERE / f"sample{_suffix(seed)}.json"
    sample_path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    # Texts and output names stay out of the repository: a local cache for --show only.
    cache = {
        "texts": {files[d.id]: d.text for d in analysis.documents},
        "speakers": {q.id: q.speaker_name for q in sample},
        "parties": [[a.accuser, a.accused] for a in accusations],
        "claims": {
            c.id: {
                "value": c.value,
                "value_high": c.value_high,
                "approx": c.approx,
                "what": c.what,
                "unit": c.unit,
                "claimant_name": c.claimant_name,
            }
            for c in {c.id: c for c in claims + grouped}.values()
        },
        "groups": {g.id: {"what": g.what, "unit": g.unit, "note": g.note} for g in conflicting},
    }
    _cache_path(seed).write_text(json.dumps(cache))
    print(
        f"{len(files)} documents, {len(quotes)} attributed quotes, {len(sample)} drawn, "
        f"{len(accusations)} accusations, {len(analysis.claims)} claims, {len(claims)} drawn, "
        f"{len(conflicting)} conflicting groups "
        f"-> {sample_path.name}"
    )


def show(seed: int) -> None:
    sample = json.loads((HERE / f"sample{_suffix(seed)}.json").read_text())
    cache = json.loads(_cache_path(seed).read_text())
    texts = cache["texts"]
    for q in sample["quotes"]:
        t = texts[q["file"]]
        lo, hi = max(0, q["start"] - 350), min(len(t), q["end"] + 200)
        ctx = t[lo : q["start"]] + "[[" + t[q["start"] : q["end"]] + "]]" + t[q["end"] : hi]
        print(f"== {q['id']} {q['kind']} speaker={cache['speakers'][q['id']]!r}\n{ctx}\n")
    for a in sample["accusations"]:
        t = texts[a["file"]]
        accuser, accused = cache["parties"][a["n"]]
        print(f"== A{a['n']} {accuser!r} -> {accused}\n{t[a['start'] : a['end']]}\n")
    for c in sample.get("claims", []):
        _show_claim(texts, cache, c)
    for g in sample.get("conflicting_groups", []):
        info = cache["groups"][g["id"]]
        print(
            f"#### {g['id']} conflicting revision={g['revision']} what={info['what']!r} "
            f"unit={info['unit']!r} note={info['note']!r}\n"
        )
        for c in g["claims"]:
            _show_claim(texts, cache, c)


def _show_claim(texts: dict, cache: dict, c: dict) -> None:
    """One claim's passage, value, what and claimant."""
    t = texts[c["file"]]
    lo, hi = _sentence(t, c["start"], c["end"])
    ctx = t[lo : c["start"]] + "[[" + t[c["start"] : c["end"]] + "]]" + t[c["end"] : hi]
    info = cache["claims"][c["id"]]
    value = info["value"] if info["value_high"] is None else (info["value"], info["value_high"])
    print(
        f"== {c['id']} value={value} ({info['approx']}) what={info['what']!r} "
        f"unit={info['unit']!r} claimant={info['claimant_name']!r}\n{ctx}\n"
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--seed", type=int, default=SEED, help=f"draw seed (default {SEED})")
    args = ap.parse_args()
    show(args.seed) if args.show else draw(args.seed)
