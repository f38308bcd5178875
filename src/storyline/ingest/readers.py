"""Readers (placeholder: .txt only)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.config import Settings
from storyline.models import Problem, RawInput


def read_sources(sources: Iterable[str], settings: Settings) -> Iterator[RawInput | Problem]:
    for source in sources:
        p = Path(source)
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file():
                raw = f.read_bytes()
                yield RawInput(source=str(f), raw=raw, body=raw.decode("utf-8", "replace"))
