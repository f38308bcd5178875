"""Cross-document entity coreference on ECB+ (participants and locations): CoNLL F1.

    PYTHONPATH=src .venv/bin/python bench/ecbplus_entities.py [--topics 36-45|all]

Each document's tokens are joined with single spaces (sentences by blank lines; sentence
0 of an ECB+ document, its URL, is left out), our mention finder runs on it and
`resolve_entities` clusters the mentions of all the chosen topics together. Gold: every
HUMAN_PART_*, NON_HUMAN_PART_* and LOC_* markable, chained by its CROSS_DOC_COREF note
(else INTRA_DOC, else a singleton). A gold mention takes the cluster of our mention that
ends on its last token (its head, mostly: 'Texas jury' is not matched by our 'Texas'),
else a singleton of its own: gold mentions, predicted clusters. MUC, B-cubed and CEAF-e,
and their mean (CoNLL F1).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "bench" / "ecbplus" / "ECB+_LREC2014" / "ECB+"
ENTITY_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC")


def load(topics):
    """[(doc name, text, {m_id: (start, end, last_start)}, {m_id: chain})]."""
    out = []
    for topic in topics:
        for path in sorted((ECB / str(topic)).glob("*.xml")):
            root = ET.parse(path).getroot()
            plus = path.stem.endswith("ecbplus")
            pos: dict[str, tuple[int, int]] = {}
            parts: list[str] = []
            offset, last_sentence = 0, None
            for tok in root.iter("token"):
                s = int(tok.get("sentence"))
                if plus and s == 0:
                    continue
                if last_sentence is not None:
                    sep = " " if s == last_sentence else "\n\n"
                    parts.append(sep)
                    offset += len(sep)
                word = tok.text or ""
                pos[tok.get("t_id")] = (offset, offset + len(word))
                parts.append(word)
                offset += len(word)
                last_sentence = s
            mentions = {}
            for m in root.find("Markables") or []:
                if not m.tag.startswith(ENTITY_TAGS):
                    continue
                anchors = [
                    pos[a.get("t_id")] for a in m.iter("token_anchor") if a.get("t_id") in pos
                ]
                if anchors:
                    mentions[m.get("m_id")] = (anchors[0][0], anchors[-1][1], anchors[-1][0])
            chain: dict[str, str] = {}
            for kind in ("INTRA_DOC_COREF", "CROSS_DOC_COREF"):  # cross-doc notes win
                for r in root.find("Relations") or []:
                    if r.tag != kind:
                        continue
                    target = r.find("target").get("m_id")
                    key = r.get("note") if kind == "CROSS_DOC_COREF" else f"{path.name}:{target}"
                    for src in r.findall("source"):
                        chain[src.get("m_id")] = key
            out.append((path.name, "".join(parts), mentions, chain))
    return out


def muc(key, resp):
    def part(a, b):
        num = den = 0
        for c in a:
            parts = {b.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    k, r = _clusters(key), _clusters(resp)
    rec, prec = part(k, resp), part(r, key)
    return rec, prec


def b3(key, resp):
    k, r = _clusters(key), _clusters(resp)
    kc = {m: c for c in k for m in c}
    rc = {m: c for c in r for m in c}
    ms = list(kc)
    rec = sum(len(kc[m] & rc[m]) / len(kc[m]) for m in ms) / len(ms)
    prec = sum(len(kc[m] & rc[m]) / len(rc[m]) for m in ms) / len(ms)
    return rec, prec


def ceafe(key, resp):
    k, r = _clusters(key), _clusters(resp)
    sim = np.zeros((len(k), len(r)))
    for i, a in enumerate(k):
        for j, b in enumerate(r):
            inter = len(a & b)
            if inter:
                sim[i, j] = 2 * inter / (len(a) + len(b))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    return total / len(k), total / len(r)


def _clusters(assign: dict) -> list[set]:
    groups: dict = defaultdict(set)
    for m, c in assign.items():
        groups[c].add(m)
    return list(groups.values())


def f1(r, p):
    return 2 * r * p / (r + p) if r + p else 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--topics", default="36-45")
    args = ap.parse_args()
    if args.topics == "all":
        topics = range(1, 46)
    else:
        a, b = args.topics.split("-")
        topics = range(int(a), int(b) + 1)
    from storyline.extract.mentions import find_mentions
    from storyline.extract.nlp import load_nlp
    from storyline.lexicon import Knowledge
    from storyline.models import DocExtraction, Document
    from storyline.reconcile.corpus import Corpus
    from storyline.reconcile.entities import resolve_entities

    docs = load(topics)
    nlp = load_nlp()
    documents = [
        Document(id=f"d{i}", source=name, text=text) for i, (name, text, _, _) in enumerate(docs)
    ]
    extractions = [
        DocExtraction(document=d.id, mentions=find_mentions(doc))
        for d, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True)
    ]
    corpus = Corpus.from_records(documents, extractions)
    _, entity_of = resolve_entities(corpus, Knowledge.shared())
    key: dict = {}
    resp: dict = {}
    for d, x, (name, _, mentions, chain) in zip(documents, extractions, docs, strict=True):
        ours = [(m.start, m.end, entity_of.get((d.id, m.cluster))) for m in x.mentions]
        for mid, (_start, end, last) in mentions.items():
            gid = (name, mid)
            key[gid] = chain.get(mid, f"single:{name}:{mid}")
            hit = next((e for s, t, e in ours if e and s <= last < t and t == end), None)
            resp[gid] = hit or f"single:{name}:{mid}"
    scores = {"MUC": muc(key, resp), "B3": b3(key, resp), "CEAF-e": ceafe(key, resp)}
    print(f"{len(documents)} documents, {len(key)} gold entity mentions, topics {args.topics}")
    for name, (r, p) in scores.items():
        print(f"{name:7s} R {r:.3f}  P {p:.3f}  F1 {f1(r, p):.3f}")
    conll = sum(f1(r, p) for r, p in scores.values()) / 3
    print(f"CoNLL F1 {conll:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
