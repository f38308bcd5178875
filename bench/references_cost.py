"""Cost of the reference resolver as a share of the spaCy pass.

Parses real news articles once (the spaCy pass, timed), computes the entity mentions
(not counted: another stage's cost), then times building the resolver over each parsed
document (`extract.references.References`: referents, the in-order scan of pronouns and
descriptors) and resolving every subject token in it, an upper bound on what the quote,
accusation and claim extractors ask of it.

    .venv/bin/python bench/references_cost.py                # PolNeAR dev articles (84)
    .venv/bin/python bench/references_cost.py --repeat 3     # best of 3 timings
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "bench" / "polnear" / "data" / "dev" / "text"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()

    from stage_cost import parse_texts

    from storyline.extract.references import References
    from storyline.lexicon import Knowledge

    texts, docs, mentions, spacy_s = parse_texts(TEXTS, args.repeat, args.limit)
    knowledge = Knowledge.shared()
    stage_s = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        asked = resolved = 0
        for doc, ms in zip(docs, mentions, strict=True):
            refs = References(doc, ms, knowledge)
            for t in doc:
                if t.dep_ in ("nsubj", "nsubjpass"):
                    asked += 1
                    resolved += refs.resolve(t).resolved
        stage_s = min(stage_s, time.perf_counter() - t0)
    words = sum(len(t.split()) for t in texts)
    print(
        f"{len(texts)} articles, {words} words; {asked} subjects resolved, {resolved} to entities"
    )
    print(f"spaCy pass: {spacy_s:7.2f} s  ({len(texts) / spacy_s:6.1f} docs/s)")
    print(f"resolver:   {stage_s:7.2f} s  ({len(texts) / stage_s:6.1f} docs/s)")
    print(f"resolver cost = {100 * stage_s / spacy_s:.1f}% of the spaCy pass")


if __name__ == "__main__":
    main()
