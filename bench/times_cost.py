"""Cost of the time-and-numbers stage as a share of the spaCy pass.

    .venv/bin/python bench/times_cost.py            # the 256 TBAQ news texts
    .venv/bin/python bench/times_cost.py --limit 50

Times the spaCy pass, then the per-document extractors of this stage (find_times,
find_quantities) over the same parsed Docs, then the stage's reduce (date inference,
claim reconciliation, timeline) over the resulting records. Prints documents per second
and peak memory (ru_maxrss). Texts are read from ../shared/bench/tempeval3 at run time.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tempeval import DATA, read_tml


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    from storyline.extract.mentions import MENTIONS
    from storyline.extract.nlp import load_nlp
    from storyline.extract.quantities import find_quantities
    from storyline.extract.time_rules import time_rules
    from storyline.extract.times import find_times
    from storyline.lexicon import Knowledge
    from storyline.models import DocExtraction, Document, Span
    from storyline.reconcile.claims import claim_words, reconcile_claims
    from storyline.reconcile.corpus import Corpus
    from storyline.reconcile.dates import infer_publication_dates
    from storyline.reconcile.timeline import build_timeline

    files = sorted((DATA / "Training" / "TBAQ-cleaned").rglob("*.tml"))
    if args.limit:
        files = files[: args.limit]
    texts, dcts = [], []
    for f in files:
        text, dct, _ = read_tml(f)
        texts.append(text)
        dcts.append(dct[:10])
    nlp = load_nlp()
    nlp("warm up")
    t0 = time.perf_counter()
    knowledge = Knowledge.shared()
    with nlp.select_pipes(disable=[MENTIONS]):  # the bare spaCy pass
        docs = list(nlp.pipe(texts, batch_size=16))
    spacy_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    extractions = []
    for i, (doc, dct) in enumerate(zip(docs, dcts, strict=True)):
        # every other document loses its date so that inference has work to do
        anchor = dct if i % 2 == 0 else None
        extractions.append(
            DocExtraction(
                document=f"d{i}",
                sentences=[Span(start=s.start_char, end=s.end_char) for s in doc.sents],
                times=find_times(doc, anchor, time_rules(knowledge)),
                quantities=find_quantities(doc, [], [], knowledge),
            )
        )
    extract_s = time.perf_counter() - t0

    documents = [
        Document(
            id=f"d{i}",
            source=str(f),
            text=t,
            story=f"s{i // 4}",
            published=dcts[i] if i % 2 == 0 else None,
            published_from="metadata" if i % 2 == 0 else None,
        )
        for i, (f, t) in enumerate(zip(files, texts, strict=True))
    ]
    corpus = Corpus.from_records(documents, extractions)
    t0 = time.perf_counter()
    infer_publication_dates(corpus)
    corpus.claims, corpus.claim_groups = reconcile_claims(corpus, claim_words(knowledge))
    corpus.events = build_timeline(corpus)
    reduce_s = time.perf_counter() - t0

    n = len(docs)
    times = sum(len(x.times) for x in extractions)
    quantities = sum(len(x.quantities) for x in extractions)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n} documents, {times} time expressions, {quantities} quantities, "
        f"{len(corpus.claim_groups)} claim groups, {len(corpus.events)} events"
    )
    print(f"spaCy pass      {spacy_s:7.2f} s  ({n / spacy_s:6.1f} docs/s)")
    print(f"times+numbers   {extract_s:7.2f} s  = {extract_s / spacy_s:6.1%} of the spaCy pass")
    print(f"dates+claims+timeline reduce {reduce_s:7.2f} s  = {reduce_s / spacy_s:6.1%}")
    print(
        f"stage total     {(extract_s + reduce_s) / spacy_s:6.1%} of the spaCy pass; "
        f"peak RSS {peak_mb:.0f} MiB"
    )


if __name__ == "__main__":
    main()
