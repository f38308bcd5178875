"""Main-text extraction quality on the Zyte/Scrapinghub article-extraction benchmark.

    .venv/bin/python bench/extraction.py [--bench ../shared/bench/article-extraction-benchmark]
                                         [--limit N]

Scores, against each page's gold ``articleBody``:

- ``trafilatura``: plain ``trafilatura.extract(html)`` with its defaults (the yardstick;
  the benchmark's published trafilatura 2.0.0 run reaches F1 0.958);
- ``storyline html``: Storyline's HTML reader alone (`storyline.ingest.html`, comments
  left out);
- ``storyline ingest``: the whole ingest of each ``.html.gz`` file, reading plus cleaning
  (`read_sources` + `build_document`), i.e. the `text` a Document ends up with. The
  language gate is off here so that the ~20 non-English pages are scored too; how many
  pages it would reject is printed.

Metric as the benchmark's SOURCE.md describes it: ``\\w+`` tokens, 4-gram shingles with
multiplicity; per page precision and recall; corpus P and R are the means over pages;
F1 is the harmonic mean of mean-P and mean-R; accuracy is the share of exact token
matches. Also printed: the same over the pages our language detector calls English.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> tuple[list[str], Counter]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return tokens, Counter([tuple(tokens)] if tokens else [])
    return tokens, Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score_page(gold: str, pred: str) -> tuple[float | None, float | None, bool]:
    """Per-page precision, recall (None where undefined) and exact token match."""
    gold_tokens, g = shingles(gold)
    pred_tokens, p = shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0, gold_tokens == pred_tokens
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall, gold_tokens == pred_tokens


def summarise(rows: list[tuple[float | None, float | None, bool]]) -> dict[str, float]:
    ps = [p for p, _, _ in rows if p is not None]
    rs = [r for _, r, _ in rows if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(1 for *_, exact in rows if exact) / len(rows) if rows else 0.0
    return {"f1": f1, "precision": p, "recall": r, "accuracy": acc, "pages": len(rows)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    parser.add_argument("--json", type=Path, help="write per-page scores here")
    args = parser.parse_args(argv)

    import trafilatura

    from storyline.config import Settings
    from storyline.ingest.documents import build_document
    from storyline.ingest.html import NoArticleText, extract_article
    from storyline.ingest.language import detect_language
    from storyline.ingest.readers import read_sources
    from storyline.models import Document, Problem

    truth = json.loads((args.bench / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    settings = Settings()
    systems = ("trafilatura", "storyline html", "storyline ingest")
    rows: dict[str, list] = {s: [] for s in systems}
    english: list[bool] = []
    per_page = []
    seconds = dict.fromkeys(systems, 0.0)
    for item in ids:
        path = args.bench / "html" / f"{item}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        gold = truth[item]["articleBody"]
        preds = {}

        t = time.perf_counter()
        preds["trafilatura"] = trafilatura.extract(html) or ""
        seconds["trafilatura"] += time.perf_counter() - t

        t = time.perf_counter()
        try:
            preds["storyline html"] = extract_article(html).body
        except NoArticleText:
            preds["storyline html"] = ""
        seconds["storyline html"] += time.perf_counter() - t

        t = time.perf_counter()
        text = ""
        for raw in read_sources([str(path)], settings, check_language=False):
            if isinstance(raw, Problem):
                print(f"rejected {item[:12]}: {raw.reason}", file=sys.stderr)
                continue
            doc = build_document(raw, "d1")
            if isinstance(doc, Document):
                text = doc.text
            else:
                print(f"rejected {item[:12]}: {doc.reason}", file=sys.stderr)
        preds["storyline ingest"] = text
        seconds["storyline ingest"] += time.perf_counter() - t

        english.append(detect_language(gold) in ("en", None))
        scores = {s: score_page(gold, preds[s]) for s in systems}
        for s in systems:
            rows[s].append(scores[s])
        per_page.append({"id": item, **{s: scores[s][:2] for s in systems}})

    print(f"{'system':<18} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6} {'F1 en':>6} {'ms/page':>8}")
    for s in systems:
        alls = summarise(rows[s])
        en = summarise([r for r, e in zip(rows[s], english, strict=True) if e])
        ms = 1000 * seconds[s] / max(1, len(ids))
        print(
            f"{s:<18} {alls['f1']:6.3f} {alls['precision']:6.3f} {alls['recall']:6.3f} "
            f"{alls['accuracy']:6.3f} {en['f1']:6.3f} {ms:8.1f}"
        )
    print(f"pages: {len(ids)}, of which the language gate would reject {english.count(False)}")
    if args.json:
        args.json.write_text(json.dumps(per_page, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
