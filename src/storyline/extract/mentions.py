"""Entity mentions (placeholder: raw spaCy NER)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from storyline.models import LocalMention

_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FACILITY",
    "NORP": "OTHER",
    "EVENT": "EVENT",
}


def configure_pipeline(nlp: Language, aliases: tuple[Path, ...] = ()) -> None:
    return None


def find_mentions(doc: Doc) -> list[LocalMention]:
    out = []
    for ent in doc.ents:
        if ent.label_ in _TYPES:
            out.append(
                LocalMention(
                    start=ent.start_char,
                    end=ent.end_char,
                    text=ent.text,
                    type=_TYPES[ent.label_],
                    name=ent.text,
                    cluster=ent.text,
                )
            )
    return out
