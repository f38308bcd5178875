"""Draw the certainty audit sample from PolNeAR dev and test texts (real news, ../shared/bench).

    python bench/audits/certainty/draw.py [--seed 17] [--show]

Splits every text into rough sentences and labels each sentence as one event with
`certainty_of`. Draws 20 sentences the markers call hedged (unverified or denied) and 20
they do not call hedged but that hold a word where hedges hide (said, claim, report,
verify, deny, source, alleged...), so both precision and recall are tested. Prints file,
offsets and the system's label (with --show, the sentence too, for judging; the text is
never stored). Hand verdicts are in sample-seed<N>.tsv beside this script (sentences
judged before are left out of a new draw); `--score FILE` prints precision and recall
of 'hedged' (unverified or denied) from one.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

from storyline.lexicon import Knowledge
from storyline.reconcile.certainty import certainty_of, load_markers, sentence_spans

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "bench" / "polnear" / "data"
PARTS = ("dev", "test", "train")  # nothing is trained on these: any part will do
SAMPLES = Path(__file__).parent
HARD = re.compile(r"\b(said|claim\w*|report\w*|verif\w*|den(y|ied|ies)|sources?|alleg\w*)\b", re.I)


def seen() -> set[tuple[str, int]]:
    """Sentences already judged in an earlier sample (a fresh sample leaves them out)."""
    out = set()
    for path in SAMPLES.glob("sample-*.tsv"):
        for r in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"):
            out.add((r["file"], int(r["start"])))
    return out


def draw(seed: int) -> list[tuple[str, int, int, str]]:
    markers = load_markers(Knowledge())
    skip = seen()
    hedged, other = [], []
    for path in sorted(p for part in PARTS for p in (DATA / part / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = sentence_spans(text)
        for a, b in spans:
            if b - a < 30 or (f"{path.parent.parent.name}/{path.name}", a) in skip:
                continue
            label = certainty_of(text, a, b, spans, markers)
            row = (f"{path.parent.parent.name}/{path.name}", a, b, label)
            if label in ("unverified", "denied"):
                hedged.append(row)
            elif HARD.search(text, a, b):
                other.append(row)
    rng = random.Random(seed)
    return rng.sample(hedged, 20) + rng.sample(other, 20)


def score(path: Path) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    hedged = {"unverified", "denied"}
    tp = sum(1 for r in rows if r["system"] in hedged and r["verdict"] in hedged)
    said = sum(1 for r in rows if r["system"] in hedged)
    gold = sum(1 for r in rows if r["verdict"] in hedged)
    exact = sum(1 for r in rows if r["system"] == r["verdict"])
    print(f"{len(rows)} sentences; hedged precision {tp}/{said} = {tp / said:.2f}, ", end="")
    print(f"recall {tp}/{gold} = {tp / gold:.2f}; same label {exact}/{len(rows)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--score", type=Path, help="A judged sample-*.tsv to score.")
    args = parser.parse_args()
    if args.score:
        score(args.score)
        return 0
    for name, a, b, label in draw(args.seed):
        line = f"{name}\t{a}\t{b}\t{label}"
        if args.show:
            text = (DATA / name.replace("/", "/text/")).read_text(encoding="utf-8")
            text = text[a:b].replace("\n", " ")
            line += f"\t{text}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
