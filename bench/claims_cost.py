"""Cost of the numeric-claims stage as a share of the spaCy pass.

Parses real news articles once (the spaCy pass, timed), computes the entity mentions
and quotes (not counted: other stages' cost), then times `find_quantities` (numbers,
rejections with reasons, zero claims) over the same parsed documents and
`reconcile_claims` (grouping and status) over their extractions.

    .venv/bin/python bench/claims_cost.py                 # PolNeAR dev articles (84)
    .venv/bin/python bench/claims_cost.py --repeat 3      # best of 3 timings
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

    from storyline.extract.quantities import find_quantities
    from storyline.extract.quotes import find_quotes
    from storyline.extract.references import References
    from storyline.extract.time_rules import match_times, time_rules
    from storyline.lexicon import Knowledge
    from storyline.models import DocExtraction, Document, RejectedNumber
    from storyline.reconcile.claims import claim_words, reconcile_claims
    from storyline.reconcile.corpus import Corpus

    texts, docs, mentions, spacy_s = parse_texts(TEXTS, args.repeat, args.limit)
    knowledge = Knowledge.shared()
    quotes = [find_quotes(d, m, knowledge) for d, m in zip(docs, mentions, strict=True)]
    documents = [
        Document(id=f"d{i + 1}", source=f"{i + 1}.txt", text=t) for i, t in enumerate(texts)
    ]
    # What the pipeline has built before this stage runs, and shares with it: the
    # document's reference resolver (its cost is the resolver's, bench/references_cost.py)
    # and the time expressions' matches (the times stage's, cached per text).
    refs = [References(d, m, knowledge) for d, m in zip(docs, mentions, strict=True)]
    for t in texts:
        match_times(t, time_rules(knowledge))
    stage_s = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        extractions, rejected = [], 0
        for i, (doc, ms, qs) in enumerate(zip(docs, mentions, quotes, strict=True)):
            rej: list[RejectedNumber] = []
            found = find_quantities(doc, ms, qs, knowledge, rej, refs[i])
            rejected += len(rej)
            extractions.append(DocExtraction(document=f"d{i + 1}", quantities=found))
        claims, groups = reconcile_claims(
            Corpus.from_records(documents, extractions), claim_words(knowledge)
        )
        stage_s = min(stage_s, time.perf_counter() - t0)
    print(
        f"{len(texts)} articles; {len(claims)} claims, {rejected} numbers rejected, "
        f"{len(groups)} groups"
    )
    print(f"spaCy pass:  {spacy_s:7.2f} s  ({len(texts) / spacy_s:6.1f} docs/s)")
    print(f"claims:      {stage_s:7.2f} s  ({len(texts) / stage_s:6.1f} docs/s)")
    print(f"stage cost = {100 * stage_s / spacy_s:.1f}% of the spaCy pass")


if __name__ == "__main__":
    main()
