"""Quote and accusation attribution to canonical entities (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.models import Accusation, Quote
from storyline.reconcile.corpus import Corpus


def attribute_quotes(corpus: Corpus) -> list[Quote]:
    return []


def attribute_accusations(corpus: Corpus) -> list[Accusation]:
    return []
