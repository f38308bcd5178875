"""Scale of the reduce and of the incremental add, on synthetic compact records (no spaCy).

Generates N documents with their `DocExtraction` records directly: events of six kinds
in a pool of invented places, one to seven reports each from different outlets over a
few days, every report with a short body whose mentions (place, official, agency), one
attributed quote, one dated time expression, sentence spans and a 384-dimension
title+lead embedding (the event's direction plus noise) are written with their offsets.
So the reduce sees what it sees after the per-document map, at any N, without parsing.

    .venv/bin/python bench/scale.py reduce --sizes 1000 3000 10000 30000
    .venv/bin/python bench/scale.py add --sizes 1000 10000 --batch 1000

`reduce`: `storyline.reconcile.reconcile` over all N records; CPU seconds, wall seconds
and the peak RSS of the process (which holds the records: the reduce needs them all),
each size in a fresh process, after a warm-up reduce of 20 documents that loads what
every run loads once (the place index, the data files; about 5 s and 600 MiB); then
the growth exponent between successive sizes (log time ratio / log size ratio) and over
the whole range.
`add`: a store (SQLite file) holding N documents with their analysis, then
`storyline.pipeline.store_batch` of `--batch` new documents: the time to read what the
add reads, reduce and write, which is what `analyze NEW --db URL` adds after the spaCy
pass, with the rows it read and wrote (incremental add). `--rate R`: the store holds
N / R days of intake and the batch is the next days' (what a desk adds each day); without
it stored and new documents spread over the same four years (every story is in the
batch's window). `--rebuild`: the whole reduce over the store, as before the incremental
add (`analyze --db URL --rebuild`).

    .venv/bin/python bench/scale.py add --sizes 1000 10000 30000 --batch 1000 --rate 30
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

KINDS = ["flood", "fire", "strike", "quake", "protest", "storm"]
VERBS = {
    "flood": "flooded",
    "fire": "burned",
    "strike": "hit",
    "quake": "shook",
    "protest": "filled",
    "storm": "battered",
}
SYLLABLES = ["ka", "lo", "mi", "ren", "to", "vas", "bel", "dur", "na", "sil", "ot", "ar", "en"]
DIM = 384


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def generate(n: int, seed: int = 11, start: int = 1, first_day: int = 0, days: int = 1500):
    """(documents, extractions) for n documents with store-like ids from `start`, their
    events on days `first_day` … `first_day + days` after 2020-01-01."""
    from storyline.models import (
        DocExtraction,
        Document,
        LocalMention,
        LocalQuote,
        Span,
        TimeExpression,
    )

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    places = [_name(rng, 3) for _ in range(max(50, n // 20))]
    outlets = [
        f"{_name(rng, 2)} {rng.choice(['Times', 'Post', 'Herald', 'News'])}" for _ in range(60)
    ]
    agencies = [f"{_name(rng, 2)} Relief Agency" for _ in range(30)]
    day0 = date(2020, 1, 1)
    documents, extractions = [], []
    i = start
    while len(documents) < n:
        kind, place = rng.choice(KINDS), rng.choice(places)
        official = f"{_name(rng, 2)} {_name(rng, 3)}"
        agency = rng.choice(agencies)
        when = day0 + timedelta(days=first_day + rng.randrange(max(1, days)))
        toll = rng.randrange(2, 90)
        direction = nrng.standard_normal(DIM).astype(np.float32)
        for _ in range(min(rng.randint(1, 7), n - len(documents))):
            published = when + timedelta(days=rng.randrange(0, 4))
            title = f"{kind.capitalize()} {VERBS[kind]} {place}, {toll} dead"
            pieces = [
                (f"A {kind} {VERBS[kind]} ", None),
                (place, ("GPE", place, "c1")),
                (f" on {when.isoformat()}, killing {toll} people. ", None),
                (official, ("PERSON", official, "c2")),
                (" of the ", None),
                (agency, ("ORG", agency, "c3")),
                (" said the damage was heavy. ", None),
                (f"Crews from {rng.randrange(2, 9)} towns were sent to help.", None),
            ]
            text, mentions, offset = "", [], 0
            for piece, mention in pieces:
                if mention is not None:
                    etype, name, cluster = mention
                    mentions.append(
                        LocalMention(
                            start=offset,
                            end=offset + len(piece),
                            text=piece,
                            type=etype,
                            name=name,
                            cluster=cluster,
                        )
                    )
                text += piece
                offset += len(piece)
            said = text.index(" said ")
            first_end = text.index(". ") + 1
            quote = LocalQuote(
                kind="indirect",
                start=said + 6,
                end=text.index(". ", said) + 1,
                text=text[said + 6 : text.index(". ", said)],
                cue="said",
                cue_start=said + 1,
                cue_end=said + 5,
                speaker_start=mentions[1].start,
                speaker_end=mentions[1].end,
                speaker_text=official,
                speaker_cluster="c2",
            )
            day = text.index(when.isoformat())
            times = [
                TimeExpression(
                    start=day,
                    end=day + 10,
                    text=when.isoformat(),
                    value=when.isoformat(),
                    precision="day",
                )
            ]
            vector = direction + 0.35 * nrng.standard_normal(DIM).astype(np.float32)
            vector /= np.linalg.norm(vector)
            doc_id = f"d{i}"
            documents.append(
                Document(
                    id=doc_id,
                    source=f"gen/{i}.txt",
                    title=title,
                    outlet=rng.choice(outlets),
                    published=published.isoformat(),
                    text=text,
                    content_hash=hashlib.sha256(f"{i}\x1f{text}".encode()).hexdigest(),
                )
            )
            extractions.append(
                DocExtraction(
                    document=doc_id,
                    sentences=[
                        Span(start=0, end=first_end),
                        Span(start=first_end + 1, end=len(text)),
                    ],
                    mentions=mentions,
                    quotes=[quote],
                    times=times,
                    embedding=vector.tolist(),
                )
            )
            i += 1
    return documents, extractions


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


STAGES = {  # module -> functions the reduce calls, timed one by one with --stages
    "dates": ["infer_publication_dates"],
    "entities": ["resolve_entities"],
    "geocode": ["geocode_entities"],
    "stories": ["cluster_stories", "replace_newly_dated"],
    "story_descriptors": ["link_story_descriptors"],
    "attribution": ["attribute_quotes", "attribute_accusations"],
    "claims": ["reconcile_claims"],
    "timeline": ["build_timeline"],
    "control": ["reconcile_control"],
    "event_coding": ["code_event_types"],
    "certainty": ["mark_certainty"],
    "framing": ["compare_framing"],
    "briefing": ["write_briefings"],
}


def time_stages() -> dict[str, float]:
    """Wrap each stage function of the reduce with a CPU timer and note the peak RSS
    after it (`<stage>_peak_mib`: the stage that raises it is where memory goes).
    `storyline.reconcile` imports the functions by name, so the wrapper replaces the
    name there."""
    import importlib

    package = importlib.import_module("storyline.reconcile")
    spent: dict[str, float] = {}
    for module, names in STAGES.items():
        mod = importlib.import_module(f"storyline.reconcile.{module}")
        for name in names:
            real = getattr(mod, name)

            def timed(*args, _real=real, _name=name, **kwargs):
                c0 = time.process_time()
                try:
                    return _real(*args, **kwargs)
                finally:
                    spent[_name] = spent.get(_name, 0.0) + time.process_time() - c0
                    spent[f"{_name}_peak_mib"] = rss_mib()

            setattr(mod, name, timed)
            if getattr(package, name, None) is real:
                setattr(package, name, timed)
    return spent


def run_reduce(n: int, stages: bool = False, freeze: bool = False) -> dict:
    from storyline.reconcile import reconcile

    documents, extractions = generate(n)
    # Loaded once per process whatever N (place index, data files): not timed.
    warm, warm_x = generate(20, seed=5)
    reconcile(warm, warm_x)
    spent = time_stages() if stages else {}
    before = rss_mib()
    if freeze:  # the records out of the cyclic collector's reach (see docs/scale.md)
        gc.freeze()
    t0, c0 = time.perf_counter(), time.process_time()
    analysis = reconcile(documents, extractions)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    gc.unfreeze()
    return {
        **{k if k.endswith("_mib") else f"{k}_cpu_s": round(v, 2) for k, v in spent.items()},
        "n": n,
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "rss_before_mib": round(before),
        "peak_rss_mib": round(rss_mib()),
        "stories": len(analysis.stories),
        "entities": len(analysis.entities),
    }


def run_add(n: int, batch: int, rate: float | None = None, rebuild: bool = False) -> dict:
    from storyline.config import Settings
    from storyline.ingest import IngestResult
    from storyline.pipeline import store_batch
    from storyline.reconcile import reconcile
    from storyline.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="scale-"))
    db = folder / "store.sqlite"
    # --rate: a store filled at a fixed intake (N / rate days), the batch the next
    # days' intake; without it, stored and new documents alike spread over four years.
    span = max(1, round(n / rate)) if rate else 1500
    documents, extractions = generate(n, days=span)
    stored = IngestResult(documents=documents)
    t0 = time.perf_counter()
    with open_store(db) as store:
        store.save(stored, reconcile(documents, extractions), extractions)
    build = time.perf_counter() - t0
    warm, warm_x = generate(20, seed=5)
    reconcile(warm, warm_x)  # loaded once per process whatever N: not timed
    first, days = (span, max(1, round(batch / rate))) if rate else (0, 1500)
    # run ids d1…, as a batch has; other content than the stored documents
    new_docs, new_x = generate(batch, seed=99, start=1, first_day=first, days=days)
    for d in new_docs:
        d.content_hash = hashlib.sha256(("new" + d.content_hash).encode()).hexdigest()
    before = rss_mib()
    with open_store(db) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        settings = Settings(rebuild=rebuild)
        result = store_batch(store, IngestResult(documents=new_docs), new_x, settings)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        assert len(result.new) == batch
        read, written = dict(store.last_read), dict(store.last_write)
    size = db.stat().st_size
    db.unlink()
    folder.rmdir()
    return {
        "n": n,
        "batch": batch,
        "rate": rate,
        "incremental": result.incremental,
        "add_cpu_s": round(cpu, 2),
        "add_wall_s": round(wall, 2),
        "read": read,
        "written": written,
        "build_wall_s": round(build, 1),
        "peak_rss_mib": round(rss_mib()),
        "rss_before_add_mib": round(before),
        "db_mib": round(size / 2**20, 1),
    }


def exponent(a: dict, b: dict, key: str) -> float:
    return math.log(b[key] / a[key]) / math.log(b["n"] / a["n"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["reduce", "add"])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000, 30000])
    ap.add_argument("--batch", type=int, default=1000, help="documents added (add)")
    ap.add_argument("--stages", action="store_true", help="CPU time of each reduce stage")
    ap.add_argument("--rate", type=float, help="add: documents per day (store spans N/rate days)")
    ap.add_argument("--rebuild", action="store_true", help="add: the whole reduce (--rebuild)")
    ap.add_argument("--gc-freeze", action="store_true", help="gc.freeze() the records first")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = ap.parse_args()
    if args.one:
        if args.what == "reduce":
            out = run_reduce(args.one, args.stages, args.gc_freeze)
        else:
            out = run_add(args.one, args.batch, args.rate, args.rebuild)
        print(json.dumps(out))
        return 0
    rows = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, args.what, "--one", str(n), "--batch", str(args.batch)]
        cmd += ["--stages"] if args.stages else []
        cmd += ["--gc-freeze"] if args.gc_freeze else []
        cmd += ["--rate", str(args.rate)] if args.rate else []
        cmd += ["--rebuild"] if args.rebuild else []
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(json.dumps(row), flush=True)
    key = "cpu_s" if args.what == "reduce" else "add_cpu_s"
    for a, b in itertools.pairwise(rows):
        print(f"growth exponent {a['n']} -> {b['n']}: {exponent(a, b, key):.2f} ({key})")
    if len(rows) > 2:
        whole = exponent(rows[0], rows[-1], key)
        print(f"growth exponent {rows[0]['n']} -> {rows[-1]['n']}: {whole:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
