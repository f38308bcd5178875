"""Numeric claim reconciliation (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.models import Claim, ClaimGroup
from storyline.reconcile.corpus import Corpus


def reconcile_claims(corpus: Corpus) -> tuple[list[Claim], list[ClaimGroup]]:
    return [], []
