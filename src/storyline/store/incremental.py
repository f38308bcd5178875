"""Adding documents to a store: parse only what is new, then re-run the reduce over
every stored document from the stored extractions (no stored document is parsed again).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from storyline.config import Settings
from storyline.store.core import SaveResult, Store

Progress = Callable[[str, int | None], Callable[[], None]]


def add_sources(
    store: Store,
    sources: Sequence[str],
    settings: Settings | None = None,
    progress: Progress | None = None,
    rename: Callable[[str], str] | None = None,
):
    """Ingest `sources` into the store; return (IngestResult, SaveResult).

    `rename` maps each input's source as read to the name to keep (the web app keeps
    an upload's file name rather than its temporary path).
    """
    from storyline.extract import extract_all
    from storyline.ingest import ingest

    settings = settings or store.settings
    tick = progress("Reading", None) if progress else None
    ingested = ingest(list(sources), settings, progress=tick)
    original: dict[str, str] = {}
    if rename is not None:
        for item in [*ingested.documents, *ingested.raw.values(), *ingested.problems]:
            new = rename(item.source)
            original[new] = item.source
            item.source = new
    known = store.known_hashes(d.content_hash for d in ingested.documents)
    fresh = [d for d in ingested.documents if d.content_hash not in known]
    tick = progress("Extracting", len(fresh)) if progress else None
    extractions = extract_all(fresh, settings, progress=tick) if fresh else []
    if progress:
        progress("Reconciling", None)
    raw_path = (lambda source: original.get(source, source)) if original else None
    result: SaveResult = store.save(ingested, None, extractions, raw_path=raw_path)
    return ingested, result
