"""Draw the numeric-claims precision audit sample from real news, and score the verdicts.

The sample: 3 ECB+ topics (up to 12 documents each, their stories carry tolls and
damage figures) and 25 PolNeAR test articles, chosen with a fixed seed; the whole
pipeline runs over them; 50 claims are drawn at random (same seed). `sample.json` keeps
the file list and each drawn claim's document, offsets, value, what and claimant (never
the article text); `verdicts.json` keeps the hand judgement of each (right / wrong and
an error class), and of every `conflicting` group in the sample's stories.

    PYTHONPATH=src .venv/bin/python bench/audits/claims/draw.py --show --round 2   # draw, print
    PYTHONPATH=src .venv/bin/python bench/audits/claims/draw.py --score --round 1  # figures

Each round draws with its own seed (SEED + round), so a later round is a fresh sample of
files and claims; `sample-N.json` and `verdicts-N.json` are round N.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
BENCH = ROOT.parent / "shared" / "bench"
POLNEAR = BENCH / "polnear" / "data" / "test" / "text"
SEED = 1207
N_CLAIMS = 50


def _texts(seed: int) -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "bench"))
    from ecbplus import load_ecbplus  # type: ignore[import-not-found]

    rng = random.Random(seed)
    topics = rng.sample(range(1, 46), 3)
    out = []
    for topic in topics:
        docs = load_ecbplus([topic])
        for name, _gold, title, text in rng.sample(docs, min(12, len(docs))):
            out.append((f"ecb_{name}.txt", f"{title}\n\n{text}"))
    for path in rng.sample(sorted(POLNEAR.glob("*.txt")), 25):
        out.append((f"polnear_{path.name}", path.read_text("utf-8")))
    return out


def draw(seed: int):
    from storyline.pipeline import analyze

    texts = _texts(seed)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in texts:
            (Path(tmp) / name).write_text(text, "utf-8")
        analysis = analyze([tmp])
    files = {d.id: Path(d.source).name for d in analysis.documents}
    text = {d.id: d.text for d in analysis.documents}
    rng = random.Random(seed)
    drawn = rng.sample(analysis.claims, min(N_CLAIMS, len(analysis.claims)))
    story_of = {d.id: d.story for d in analysis.documents}
    stories = {story_of[c.document] for c in drawn}
    conflicting = [
        g
        for g in analysis.claim_groups
        if g.status == "conflicting" and any(story_of.get(d) in stories for d in g.documents)
    ]
    claims = {c.id: c for c in analysis.claims}
    sample = {
        "seed": seed,
        "files": [name for name, _ in texts],
        "claims": [
            {
                "id": c.id,
                "file": files[c.document],
                "start": c.start,
                "end": c.end,
                "value": c.value,
                "approx": c.approx,
                "what": c.what,
                "claimant": c.claimant_name,
            }
            for c in drawn
        ],
        "conflicting_groups": [
            {
                "id": g.id,
                "what": g.what,
                "claims": [
                    {
                        "file": files[claims[c].document],
                        "start": claims[c].start,
                        "end": claims[c].end,
                    }
                    for c in g.claims
                ],
            }
            for g in conflicting
        ],
    }
    return sample, text, {c.id: c.document for c in analysis.claims}, conflicting, claims


def show(n: int) -> None:
    sample, text, doc_of, conflicting, claims = draw(SEED + n - 1)
    (HERE / f"sample-{n}.json").write_text(json.dumps(sample, indent=1, ensure_ascii=False) + "\n")
    for c in sample["claims"]:
        t = text[doc_of[c["id"]]]
        lo = max(0, t.rfind(".", 0, c["start"]) + 1)
        hi = t.find(".", c["end"])
        hi = len(t) if hi < 0 else hi + 1
        print(
            f"[{c['id']}] {c['file']} value={c['value']:g} {c['approx']} what={c['what']!r} "
            f"by={c['claimant']!r}\n    {t[lo:hi].strip()!r}\n"
        )
    for g in conflicting:
        print(f"GROUP {g.id} what={g.what!r} note={g.note!r}")
        for cid in g.claims:
            c = claims[cid]
            print(f"    {c.document} {c.text!r} {c.value:g} by={c.claimant_name!r}")


def score(n: int) -> None:
    verdicts = json.loads((HERE / f"verdicts-{n}.json").read_text("utf-8"))
    claims = verdicts["claims"]
    right = sum(v["verdict"] == "right" for v in claims)
    print(f"claims right: {right}/{len(claims)} = {right / len(claims):.2f}")
    errors: dict[str, int] = {}
    for v in claims:
        if v["verdict"] != "right":
            errors[v["error"]] = errors.get(v["error"], 0) + 1
    for error, n in sorted(errors.items(), key=lambda kv: -kv[1]):
        print(f"  {n:3d}  {error}")
    groups = verdicts["conflicting_groups"]
    if groups:
        ok = sum(g["verdict"] == "right" for g in groups)
        print(f"conflicting groups right: {ok}/{len(groups)} = {ok / len(groups):.2f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--score", action="store_true")
    ap.add_argument("--round", type=int, default=1)
    args = ap.parse_args()
    show(args.round) if args.show else score(args.round)
