"""Timeline of events (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.models import Event
from storyline.reconcile.corpus import Corpus


def build_timeline(corpus: Corpus) -> list[Event]:
    return []
