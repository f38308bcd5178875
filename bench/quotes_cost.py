"""Cost of the quote + accusation stage as a share of the spaCy pass.

Parses real news articles once (the spaCy pass, timed), computes the entity mentions
(not counted: another stage's cost), then times `find_quotes` + `find_accusations` over
the same parsed documents. Prints documents per second and the stage's peak Python
memory (tracemalloc) beside the process's peak RSS.

    .venv/bin/python bench/quotes_cost.py                 # PolNeAR dev articles (84)
    .venv/bin/python bench/quotes_cost.py --repeat 3      # best of 3 timings
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "bench" / "polnear" / "data" / "dev" / "text"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()

    from stage_cost import parse_texts

    from storyline.extract.accusations import find_accusations
    from storyline.extract.quotes import find_quotes
    from storyline.lexicon import Knowledge

    texts, docs, mentions, spacy_s = parse_texts(TEXTS, args.repeat, args.limit)
    knowledge = Knowledge.shared()
    stage_s = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_quotes = n_acc = 0
        for doc, ms in zip(docs, mentions, strict=True):
            quotes = find_quotes(doc, ms, knowledge)
            n_quotes += len(quotes)
            n_acc += len(find_accusations(doc, ms, quotes, knowledge))
        stage_s = min(stage_s, time.perf_counter() - t0)
    # Memory in a separate, untimed pass (tracemalloc slows Python down).
    tracemalloc.start()
    for doc, ms in zip(docs, mentions, strict=True):
        find_accusations(doc, ms, find_quotes(doc, ms, knowledge), knowledge)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    words = sum(len(t.split()) for t in texts)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} articles, {words} words; {n_quotes} quotes, {n_acc} accusations")
    print(f"spaCy pass:        {spacy_s:7.2f} s  ({len(texts) / spacy_s:6.1f} docs/s)")
    print(f"quotes+accusations:{stage_s:7.2f} s  ({len(texts) / stage_s:6.1f} docs/s)")
    print(f"stage cost = {100 * stage_s / spacy_s:.1f}% of the spaCy pass")
    print(f"stage peak Python memory {peak / 2**20:.1f} MiB; process peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
