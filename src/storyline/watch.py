"""Watch a folder (or a local RSS/Atom file) and analyse what arrives into the store.

Each cycle that finds something new is one run of the store (`origin` "watch"), and its
delta (`pipeline.changes`) is handed back for printing. What is "seen" is decided from
the store alone: a folder's file is seen once a committed save has read it (the batch's
sources, or a stored problem naming it); a feed's entry once its content is stored. A
watch killed at any point therefore resumes without losing or repeating anything: a
save is one transaction, and nothing is marked seen outside it.

Files are picked up when they are complete: names starting with '.' or ending in
'.part', '.tmp' or '~' are left alone, so a writer should write under such a name and
rename. A bad file is one problem (named, with the reason; its bytes kept by the store
as for any rejected input) and the rest of the cycle goes on.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.config import Settings
from storyline.extract import extract_all
from storyline.ingest import ingest
from storyline.ingest.reader_feed import looks_like_feed
from storyline.models import Problem
from storyline.pipeline import changes, store_batch
from storyline.reconcile.delta import Delta
from storyline.store import Store

PARTIAL_SUFFIXES = (".part", ".tmp", ".partial", ".crdownload", "~")
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'10m' -> 600.0; '30s', '1h', '2d' or plain seconds."""
    match = _EVERY.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r}: a positive number of seconds, or with s, m, h or d")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


def is_feed_file(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            head = f.read(2000).decode("utf-8", "replace")
    except OSError:
        return False
    return looks_like_feed(head)


def _file_of(source: str) -> str:
    """'/in/a.jsonl#3' -> '/in/a.jsonl' (a row or entry of a file)."""
    head, sep, tail = source.rpartition("#")
    return head if sep and tail.isdigit() else source


def pending_files(folder: Path, seen: set[str]) -> list[str]:
    """Complete files under `folder` that no committed save has read, by name."""
    seen_files = seen | {_file_of(s) for s in seen}
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not path.is_file() or path.name.endswith(PARTIAL_SUFFIXES):
            continue
        source = str(path)
        if source not in seen_files:
            out.append(source)
    return out


@dataclass
class Cycle:
    """What one cycle did: the inputs read, the problems new to the store, the run it
    recorded (None when there was nothing new) and that run's delta."""

    sources: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_documents: list[str] = field(default_factory=list)
    run: int | None = None
    delta: Delta | None = None


def run_cycle(
    store: Store,
    target: Path,
    settings: Settings,
    on_start: Callable[[list[str]], None] | None = None,
) -> Cycle:
    """One look at `target` (a folder or a feed file): analyse what is new into the store.
    `on_start` is told the inputs about to be read, when there are any."""
    target = target.resolve()
    # A feed is read whole: its stored entries are known by their content.
    sources = pending_files(target, store.seen_sources()) if target.is_dir() else [str(target)]
    cycle = Cycle(sources=sources)
    if not sources:
        return cycle
    if on_start is not None:
        on_start(sources)
    ingested = ingest(sources, settings)
    known = store.known_hashes(d.content_hash for d in ingested.documents)
    fresh = [d for d in ingested.documents if d.content_hash not in known]
    stored = {(p.source, p.line, p.reason) for p in store.problems()}
    cycle.problems = [p for p in ingested.problems if (p.source, p.line, p.reason) not in stored]
    if not target.is_dir() and not fresh and not cycle.problems:
        return cycle  # the feed holds nothing new: no run
    extractions = extract_all(fresh, settings) if fresh else []
    result = store_batch(store, ingested, extractions, settings, origin="watch")
    cycle.new_documents, cycle.run = list(result.new), result.run
    if result.run is not None:
        cycle.delta = changes(store, run=result.run)
    return cycle


def watch(
    store: Store,
    target: Path,
    settings: Settings,
    every: float,
    once: bool,
    on_cycle: Callable[[Cycle], None],
    on_error: Callable[[str], None],
    on_start: Callable[[list[str]], None] | None = None,
) -> int:
    """Run cycles every `every` seconds (one with `once`); returns the number of cycles
    that failed. A failed cycle is reported and the next one goes on."""
    failed = 0
    while True:
        try:
            on_cycle(run_cycle(store, target, settings, on_start))
        except Exception as exc:  # one bad cycle never ends the watch
            failed += 1
            on_error(f"cycle failed, will retry: {type(exc).__name__}: {exc}")
        if once:
            return failed
        time.sleep(every)
