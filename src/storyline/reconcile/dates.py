"""Publication-date inference (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.reconcile.corpus import Corpus


def infer_publication_dates(corpus: Corpus) -> None:
    return None
