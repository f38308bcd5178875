"""Story clustering on ECB+ at sub-topic level: B³ precision, recall and F1.

Each ECB+ topic holds two sub-topics, two different real events of the same kind (two
celebrities entering rehab): `<t>_<n>ecb.xml` and `<t>_<n>ecbplus.xml`. We cluster the
documents with Storyline's own story machinery (`cluster_stories`, given only the texts,
no dates) and score the clusters against the sub-topic labels. Two baselines for scale:
TF-IDF + average-link agglomerative clustering, and the embeddings alone.

    .venv/bin/python bench/ecbplus.py                # test topics 36-45
    .venv/bin/python bench/ecbplus.py --topics all   # all 982 documents
    .venv/bin/python bench/ecbplus.py --examples     # also our own examples/ (gold in README)
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "bench" / "ecbplus" / "ECB+_LREC2014" / "ECB+"
TEST = range(36, 46)
DEV = (2, 5, 12, 18, 21, 23, 34, 35)


def _detok(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]'’])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return re.sub(r" (n't|'s|'re|'ll|'ve|'d)\b", r"\1", text)


def load_ecbplus(topics) -> list[tuple[str, str, str, str]]:
    """(file name, gold sub-topic, title, text) for every document of the topics."""
    out = []
    for topic in topics:
        folder = ECB / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            plus = path.stem.endswith("ecbplus")
            sentences: dict[int, list[str]] = defaultdict(list)
            for tok in ET.parse(path).getroot().iter("token"):
                sentences[int(tok.get("sentence"))].append(tok.text or "")
            lines = [_detok(sentences[k]) for k in sorted(sentences)]
            if plus and lines:
                lines = lines[1:]  # sentence 0 of ECB+ documents is the source URL
            if not lines:
                continue
            gold = f"{topic}{'plus' if plus else 'ecb'}"
            out.append((path.name, gold, lines[0], "\n\n".join(lines[1:]) or lines[0]))
    return out


def b_cubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of a clustering against gold labels (same items)."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, label in pred.items():
        by_pred[label].add(item)
    for item, label in gold.items():
        by_gold[label].add(item)
    p = r = 0.0
    for item in gold:
        c, g = by_pred[pred[item]], by_gold[gold[item]]
        shared = len(c & g)
        p += shared / len(c)
        r += shared / len(g)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def extract(docs, cache: Path | None):
    """Documents and their extractions (spaCy + embeddings), cached between runs."""
    from storyline.extract import extract_all
    from storyline.models import Document

    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    documents = [
        Document(id=f"d{i + 1}", source=name, title=title, text=text)
        for i, (name, _, title, text) in enumerate(docs)
    ]
    extractions = extract_all(documents)
    if cache:
        cache.write_bytes(pickle.dumps((documents, extractions)))
    return documents, extractions


def run_system(documents, extractions, params=None) -> dict[str, str]:
    """Story labels from the real reduce: entities resolved, then `cluster_stories`."""
    from storyline.lexicon import Knowledge
    from storyline.reconcile.corpus import Corpus
    from storyline.reconcile.entities import resolve_entities
    from storyline.reconcile.stories import cluster_stories

    docs = [d.model_copy() for d in documents]
    corpus = Corpus.from_records(docs, extractions)
    corpus.entities, corpus.entity_of = resolve_entities(corpus, Knowledge.shared())
    cluster_stories(corpus, params)
    return {d.id: d.story for d in corpus.documents}


def tfidf_baseline(documents, threshold: float) -> dict[str, str]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [f"{d.title}\n{d.text}" for d in documents]
    )
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    ).fit_predict(x.toarray())
    return {d.id: str(label) for d, label in zip(documents, labels, strict=True)}


def report(name: str, pred, gold, n_gold: int) -> None:
    p, r, f = b_cubed(pred, gold)
    n = len(set(pred.values()))
    print(f"{name:<44} B3 P {p:.3f}  R {r:.3f}  F1 {f:.3f}   clusters {n} (gold {n_gold})")


def evaluate(docs, cache, label: str) -> None:
    from storyline.reconcile.stories import StoryParams

    t0 = time.perf_counter()
    documents, extractions = extract(docs, cache)
    t1 = time.perf_counter()
    gold = {d.id: g for d, (_, g, _, _) in zip(documents, docs, strict=True)}
    n_gold = len(set(gold.values()))
    print(f"\n{label}: {len(documents)} documents, {n_gold} gold clusters")
    pred = run_system(documents, extractions)
    t2 = time.perf_counter()
    report("storyline cluster_stories", pred, gold, n_gold)
    only_emb = replace(StoryParams(), w_embedding=1.0, w_terms=0.0, w_entities=0.0)
    only_emb = replace(only_emb, join_threshold=0.55)
    report(
        "  embeddings only (same index, thr 0.55)",
        run_system(documents, extractions, only_emb),
        gold,
        n_gold,
    )
    report("  baseline TF-IDF + average-link (0.85)", tfidf_baseline(documents, 0.85), gold, n_gold)
    print(
        f"extract {t1 - t0:.1f}s (from cache: {cache is not None and t1 - t0 < 1}), "
        f"entities + stories {t2 - t1:.2f}s"
    )


def examples_gold() -> dict[str, str]:
    """Gold stories of examples/ from its README table: source suffix -> story label."""
    readme = ROOT / "examples" / "README.md"
    gold = {}
    if readme.exists():
        for line in readme.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 2 or not re.fullmatch(r"[A-Z]", cells[1]):
                continue
            m = re.fullmatch(r"`([^`]+)`(?: row (\d+))?", cells[0])
            if m:
                gold[m.group(1) + (f"#{m.group(2)}" if m.group(2) else "")] = cells[1]
    return gold


def evaluate_examples() -> None:
    """The whole pipeline over examples/, scored against the README's story labels."""
    import storyline

    gold_by_suffix = examples_gold()
    if not gold_by_suffix:
        print("\nexamples/: no gold story labels found in examples/README.md")
        return
    analysis = storyline.analyze([str(ROOT / "examples")])
    pred, gold = {}, {}
    for d in analysis.documents:
        label = next((g for k, g in gold_by_suffix.items() if d.source.endswith(k)), None)
        if label is not None and d.story:
            pred[d.id], gold[d.id] = d.story, label
    n_gold = len(set(gold.values()))
    print(f"\nexamples/: {len(gold)} of {len(gold_by_suffix)} labelled documents found")
    report("storyline analyze (dates, entities, all)", pred, gold, n_gold)
    lines = {s.id: s.storyline for s in analysis.stories}
    print("storylines:", {sid: lines[sid] for sid in sorted(set(pred.values()))})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--topics", default="test", help="test (36-45), dev, all, or e.g. 1,3,4")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of extractions to reuse")
    ap.add_argument("--examples", action="store_true", help="also score examples/")
    args = ap.parse_args()
    if not ECB.is_dir():
        print(f"ECB+ not found at {ECB}", file=sys.stderr)
        return 1
    topics = {
        "test": TEST,
        "dev": DEV,
        "all": range(1, 46),
    }.get(args.topics) or [int(t) for t in args.topics.split(",")]
    evaluate(load_ecbplus(topics), args.cache, f"ECB+ topics {args.topics}")
    if args.examples:
        evaluate_examples()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
