"""Offline geocoding (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.reconcile.corpus import Corpus


def geocode_entities(corpus: Corpus) -> None:
    return None
