"""Store throughput: save a generated batch, load the analysis back, filter stories.

    .venv/bin/python bench/store.py [N_DOCUMENTS] [--db PATH_OR_URL]

Documents, extractions and analysis records are generated (no spaCy), so the figures
are the store's own cost: documents per second saved (one transaction), the time to
load the whole analysis back, a filtered story query, and peak Python memory.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from storyline.ingest import IngestResult
from storyline.models import (
    Analysis,
    BriefingSentence,
    DocExtraction,
    Document,
    Entity,
    LocalMention,
    MentionRef,
    Quote,
    RawInput,
    Span,
    Story,
)
from storyline.store import open_store

WORDS = [
    *("council", "harbour", "bridge", "storm", "vote", "market"),
    *("ferry", "river", "mayor", "police", "road", "school"),
]


def generate(n: int, seed: int = 7):
    rng = random.Random(seed)
    ingested, extractions = IngestResult(), []
    for i in range(1, n + 1):
        text = " ".join(rng.choice(WORDS) for _ in range(600))
        doc = Document(
            id=f"d{i}",
            source=f"gen/{i}.txt",
            title=f"Item {i}",
            outlet=f"Outlet {i % 20}",
            published=f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
            text=text,
            content_hash=hashlib.sha256(f"{i}:{text}".encode()).hexdigest(),
        )
        ingested.documents.append(doc)
        ingested.raw[doc.id] = RawInput(source=doc.source, raw=text.encode(), body=text)
        mentions = [
            LocalMention(
                start=j * 7,
                end=j * 7 + 6,
                text="harbour",
                type="GPE",
                name="Harbour",
                cluster=f"c{j % 5}",
            )
            for j in range(20)
        ]
        sentences = [Span(start=j * 100, end=j * 100 + 99) for j in range(30)]
        extractions.append(DocExtraction(document=doc.id, sentences=sentences, mentions=mentions))
    stories = []
    for s in range(n // 5):
        docs = [f"d{5 * s + k + 1}" for k in range(5)]
        for d in docs:
            ingested.documents[int(d[1:]) - 1].story = f"s{s + 1}"
        summary = [BriefingSentence(text=f"Sentence {k}.", sources=docs[:2]) for k in range(6)]
        stories.append(Story(id=f"s{s + 1}", title=f"Story {s}", documents=docs, summary=summary))
    entities = [
        Entity(
            id=f"e{k}",
            name=f"Place {k}",
            type="GPE",
            mentions=[
                MentionRef(document=f"d{1 + (k * 13 + j) % n}", start=0, end=5) for j in range(10)
            ],
        )
        for k in range(max(1, n // 10))
    ]
    quotes = [
        Quote(id=f"q{i}", document=f"d{i}", kind="direct", text="words", start=0, end=5)
        for i in range(1, n + 1)
    ]
    analysis = Analysis(
        documents=ingested.documents, stories=stories, entities=entities, quotes=quotes
    )
    return ingested, extractions, analysis


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=5000)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    ingested, extractions, analysis = generate(args.n)
    db = args.db or str(Path(tempfile.mkdtemp()) / "bench.sqlite")
    tracemalloc.start()
    with open_store(db) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        store.save(ingested, analysis, extractions)
        t_save, c_save = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        store.save(ingested, analysis, extractions)  # idempotent re-save
        t_resave = time.perf_counter() - t0
        store._cache = None
        t0 = time.perf_counter()
        loaded = store.load_analysis()
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = store.list_stories(q="story 1", entity="place 3", date_from="2020-03")
        t_query = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    size = Path(db).stat().st_size if Path(db).exists() else 0
    print(f"documents: {args.n} ({len(loaded.stories)} stories, {len(loaded.entities)} entities)")
    print(
        f"save: {t_save:.2f} s wall = {args.n / t_save:.0f} docs/s; {c_save:.2f} s CPU = "
        f"{args.n / c_save:.0f} docs/s (one transaction; CPU time is load-independent)"
    )
    print(f"re-save of identical content: {t_resave:.2f} s")
    print(
        f"load_analysis: {t_load:.2f} s; filtered list_stories: {t_query * 1000:.0f} ms "
        f"({len(found)} found)"
    )
    print(f"peak Python memory: {peak / 2**20:.0f} MiB; database: {size / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
