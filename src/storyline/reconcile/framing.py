"""Framing comparison (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.models import Framing
from storyline.reconcile.corpus import Corpus


def compare_framing(corpus: Corpus) -> list[Framing]:
    return []
