"""What the per-stage cost benches share: the texts, the bare spaCy pass (timed, best of
`repeat`) and the mentions (another stage's cost, not counted).

    from stage_cost import parse_texts
    texts, docs, mentions, spacy_s = parse_texts(TEXTS, repeat, limit)
"""

from __future__ import annotations

import time
from pathlib import Path


def parse_texts(folder: Path, repeat: int = 1, limit: int = 0):
    """(texts, parsed docs, their mentions, best spaCy-pass seconds) for the `*.txt`
    files of a folder, parsed by Storyline's pipeline with the mention finder off (the
    bare spaCy pass), the mentions found after it."""
    from storyline.extract.mentions import MENTIONS
    from storyline.extract.nlp import load_nlp

    paths = sorted(folder.glob("*.txt"))
    if limit:
        paths = paths[:limit]
    texts = [p.read_text("utf-8") for p in paths]
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm up
    spacy_s = float("inf")
    docs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=[MENTIONS]):
            docs = list(nlp.pipe(texts, batch_size=16))
        spacy_s = min(spacy_s, time.perf_counter() - t0)
    finder = nlp.get_pipe(MENTIONS)
    mentions = [finder.find(d) for d in docs]
    return texts, docs, mentions, spacy_s
