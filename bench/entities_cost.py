"""Cost of the entity stage as a share of the spaCy pass.

Runs the spaCy pipeline over a corpus (the 200 GeoWebNews articles, else the seeds,
repeated to --docs), then the mention finder over the parsed Docs and the cross-document
resolution and geocoding over their records, and prints each time and its share of the
spaCy pass. The one-off gazetteer load is reported apart.

    .venv/bin/python bench/entities_cost.py [--docs 200]
"""

from __future__ import annotations

import argparse
import resource
import time
import xml.etree.ElementTree as ET
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def texts(n: int) -> list[str]:
    gwn = SHARED / "bench" / "geowebnews" / "data" / "GWN.xml"
    if gwn.exists():
        pool = [a.findtext("text") or "" for a in ET.parse(gwn).getroot().findall("article")]
    else:
        pool = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*"))]
    return [pool[i % len(pool)] for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    args = ap.parse_args()

    from storyline.extract.nlp import load_nlp
    from storyline.models import DocExtraction, Document
    from storyline.reconcile.corpus import Corpus

    t = time.perf_counter()
    from storyline.lexicon import Knowledge

    knowledge = Knowledge.shared()
    knowledge.gazetteer  # noqa: B018  (loaded here, timed on its own)
    t_gz = time.perf_counter() - t
    nlp = load_nlp()
    from storyline.extract.mentions import MENTIONS
    from storyline.reconcile.entities import resolve_entities
    from storyline.reconcile.geocode import geocode_entities

    corpus_texts = texts(args.docs)
    chars = sum(map(len, corpus_texts))
    t = time.perf_counter()
    with nlp.select_pipes(disable=[MENTIONS]):  # the bare spaCy pass
        docs = list(nlp.pipe(corpus_texts, batch_size=16))
    t_spacy = time.perf_counter() - t

    finder = nlp.get_pipe(MENTIONS)
    t = time.perf_counter()
    mentions = [finder.find(d) for d in docs]
    t_mentions = time.perf_counter() - t

    documents = [
        Document(id=f"d{i}", source=f"{i}.txt", text=x) for i, x in enumerate(corpus_texts, 1)
    ]
    records = [
        DocExtraction(document=d.id, mentions=m) for d, m in zip(documents, mentions, strict=True)
    ]
    corpus = Corpus.from_records(documents, records)
    t = time.perf_counter()
    corpus.entities, corpus.entity_of = resolve_entities(corpus, knowledge)
    t_resolve = time.perf_counter() - t
    t = time.perf_counter()
    geocode_entities(corpus, knowledge.gazetteer)
    t_geo = time.perf_counter() - t

    stage = t_mentions + t_resolve + t_geo
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(docs)} ({chars / 1e6:.2f} M chars), entities: {len(corpus.entities)}")
    print(f"spaCy pass:        {t_spacy:7.2f} s  ({len(docs) / t_spacy:.1f} docs/s)")
    print(f"mentions:          {t_mentions:7.2f} s  {t_mentions / t_spacy:6.1%} of spaCy")
    print(f"resolve entities:  {t_resolve:7.2f} s  {t_resolve / t_spacy:6.1%} of spaCy")
    print(f"geocode:           {t_geo:7.2f} s  {t_geo / t_spacy:6.1%} of spaCy")
    print(f"entity stage:      {stage:7.2f} s  {stage / t_spacy:6.1%} of spaCy")
    print(f"gazetteer load (once per process): {t_gz:.2f} s; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
