"""Cited briefings (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.reconcile.corpus import Corpus


def write_briefings(corpus: Corpus) -> None:
    return None
