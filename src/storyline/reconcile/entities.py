"""Cross-document entity resolution (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storyline.models import Entity
from storyline.reconcile.corpus import Corpus


def resolve_entities(
    corpus: Corpus, aliases: Sequence[Path] = ()
) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    return [], {}
