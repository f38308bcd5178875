"""The whole run: ingest -> extract -> reconcile (-> store). I/O stays at the edges:
reading inputs (ingest) and writing outputs (render, store) happen here, not inside
the stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from storyline.config import Settings
from storyline.models import Analysis, Problem

Progress = Callable[[str, int | None], Callable[[], None]]
"""Called with a phase name and its size (None if unknown); returns a tick callback."""


def analyze(
    sources: Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse articles (files, directories, globs, '-' for stdin, URLs with fetch on).

    >>> import storyline
    >>> analysis = storyline.analyze(["examples/"])  # doctest: +SKIP
    """
    from storyline.extract import extract_all
    from storyline.ingest import ingest
    from storyline.reconcile import reconcile

    settings = settings or Settings()
    if isinstance(sources, str | Path):
        sources = [sources]
    sources = [str(s) for s in sources]
    tick = progress("Reading", None) if progress else None
    ingested = ingest(sources, settings, progress=tick)
    originals = [d for d in ingested.documents if d.duplicate_of is None]
    tick = progress("Extracting", len(originals)) if progress else None
    extractions = extract_all(ingested.documents, settings, progress=tick)
    by_id = {d.id: d for d in ingested.documents}
    if progress:
        progress("Reconciling", None)
    problems = list(ingested.problems) + [
        Problem(
            source=by_id[x.document].source,
            reason=x.error,
            stage="extract",
            # parsed, with one extractor's records missing: the document is still used
            severity="warning" if x.sentences else "error",
        )
        for x in extractions
        if x.error
    ]
    analysis = reconcile(ingested.documents, extractions, settings, problems)
    if settings.db:
        from storyline.store import open_store

        with open_store(settings.db, settings) as store:
            store.save(ingested, analysis, extractions)
    return analysis
