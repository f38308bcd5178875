"""Near-duplicates: syndicated copies of one article, found with MinHash LSH.

Each document's cleaned text becomes a set of word 5-gram shingles, hashed into a
MinHash signature (fixed seed: same input, same result). An LSH index returns candidate
near-duplicates without comparing all pairs; a candidate counts when its estimated
Jaccard similarity reaches the threshold. Documents are visited from the earliest
(publication date, then input order), so `duplicate_of` names the earliest copy, and a
copy of a copy points at the original.
"""

from __future__ import annotations

import re
import unicodedata

from datasketch import MinHash, MinHashLSH

from storyline.models import Document

THRESHOLD = 0.8
# The LSH bands are tuned lower than the threshold, so that pairs just above it are
# rarely missed; every candidate is then checked against THRESHOLD itself.
CANDIDATE_MARGIN = 0.2
NUM_PERM = 128
SEED = 1
SHINGLE = 5
_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word n-grams of the lower-cased, accent-normalised text."""
    words = _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM, seed: int = SEED) -> MinHash | None:
    grams = shingles(text)
    if not grams:
        return None
    m = MinHash(num_perm=num_perm, seed=seed)
    m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return m


def _age_key(doc: Document, index: int) -> tuple[bool, str, int]:
    # dated before undated; ISO strings (also partial ones) sort by time
    return (doc.published is None, doc.published or "", index)


def mark_duplicates(
    documents: list[Document], threshold: float = THRESHOLD, num_perm: int = NUM_PERM
) -> None:
    """Set `duplicate_of` on every document that nearly copies an earlier one."""
    order = sorted(range(len(documents)), key=lambda i: _age_key(documents[i], i))
    lsh = MinHashLSH(threshold=max(0.3, threshold - CANDIDATE_MARGIN), num_perm=num_perm)
    sigs: dict[int, MinHash] = {}
    rank: dict[int, int] = {}
    root: dict[int, int] = {}
    for position, i in enumerate(order):
        doc = documents[i]
        doc.duplicate_of = None
        sig = signature(doc.text, num_perm=num_perm)
        if sig is None:
            continue
        best: int | None = None
        for key in lsh.query(sig):
            j = int(key)
            if sig.jaccard(sigs[j]) >= threshold and (best is None or rank[j] < rank[best]):
                best = j
        if best is not None:
            root[i] = root.get(best, best)
            doc.duplicate_of = documents[root[i]].id
        key = str(i)
        lsh.insert(key, sig)
        sigs[i], rank[i] = sig, position
