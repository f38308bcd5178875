"""Temporal expressions (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from spacy.tokens import Doc

from storyline.models import TimeExpression


def find_times(doc: Doc, anchor: str | None) -> list[TimeExpression]:
    return []
