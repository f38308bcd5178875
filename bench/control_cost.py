"""Cost of event coding and territorial control as a share of the spaCy pass.

Runs the whole pipeline over real news articles (PolNeAR dev, 84 texts, by default; or
the folders given) with timers around the three steps this issue adds: `find_controls`
(per document, on the parse), `reconcile_control` (across documents) and
`code_event_types` (the encoder over every timeline event, the 30 type descriptions
encoded once per process included). The spaCy pass is timed on its own over the same
cleaned texts.

    .venv/bin/python bench/control_cost.py [PATH ...]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "bench" / "polnear" / "data" / "dev" / "text"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", default=[str(TEXTS)])
    args = ap.parse_args()

    import storyline
    import storyline.extract as extract
    import storyline.reconcile as reconcile
    from storyline.extract.nlp import load_nlp

    spent: dict[str, float] = defaultdict(float)

    def timed(module, name: str) -> None:
        inner = getattr(module, name)

        def wrapper(*a, **kw):
            t0 = time.perf_counter()
            try:
                return inner(*a, **kw)
            finally:
                spent[name] += time.perf_counter() - t0

        setattr(module, name, wrapper)

    # the names as the pipeline calls them (imported into these packages)
    timed(extract, "find_controls")
    timed(reconcile, "reconcile_control")
    timed(reconcile, "code_event_types")
    analysis = storyline.analyze(args.paths)
    texts = [d.text for d in analysis.documents if d.duplicate_of is None]
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))
    t0 = time.perf_counter()
    list(nlp.pipe(texts, batch_size=16))
    spacy_s = time.perf_counter() - t0
    total = sum(spent.values())
    print(
        f"{len(texts)} documents, {len(analysis.events)} events, "
        f"{len(analysis.control_changes)} control changes"
    )
    print(f"spaCy pass             {spacy_s:7.2f} s")
    for name, s in spent.items():
        print(f"{name:22s} {s:7.2f} s  {s / spacy_s:6.1%} of spaCy")
    print(f"{'together':22s} {total:7.2f} s  {total / spacy_s:6.1%} of spaCy")


if __name__ == "__main__":
    main()
