"""The whole run: ingest -> extract -> reconcile (-> store). I/O stays at the edges:
reading inputs (ingest) and writing outputs (render, store) happen here, not inside
the stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from storyline.config import Settings
from storyline.extract import extract_all
from storyline.ingest import IngestResult, ingest
from storyline.ingest.dedup import mark_duplicates
from storyline.lexicon import Knowledge
from storyline.models import Analysis, DocExtraction, Document, Problem
from storyline.reconcile import reconcile
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.dates import infer_publication_dates
from storyline.reconcile.delta import Delta, RunInfo, Snapshot, compute_delta, take_snapshot
from storyline.reconcile.stories import date_span
from storyline.store import (
    SaveResult,
    StaleAnalysis,
    Store,
    StoredCorpus,
    StoredRun,
    open_store,
)
from storyline.store.incremental import StoredWindow, lookup_keys, merge_window

Progress = Callable[[str, int | None], Callable[[], None]]
"""Called with a phase name and its size (None if unknown); returns a tick callback."""

SAVE_ATTEMPTS = 50  # each refused attempt means another writer committed in between


def analyze(
    sources: Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse articles (files, directories, globs, '-' for stdin, URLs with fetch on).

    `settings` say what the run may do and which data folders and alias files extend
    the bundled knowledge, which is loaded once per process and passed to every stage.

    >>> import storyline
    >>> analysis = storyline.analyze(["examples/"])  # doctest: +SKIP
    >>> custom = storyline.Settings(data=["my-data/"], aliases=["my-actors.tsv"])
    >>> analysis = storyline.analyze(["feeds/"], custom)  # doctest: +SKIP
    """
    settings = settings or Settings()
    knowledge = Knowledge.of(settings)
    if isinstance(sources, str | Path):
        sources = [sources]
    sources = [str(s) for s in sources]
    tick = progress("Reading", None) if progress else None
    ingested = ingest(sources, settings, progress=tick, knowledge=knowledge)
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
    analysis = reconcile(ingested.documents, extractions, settings, problems, knowledge)
    if settings.db:
        with open_store(settings.db, settings) as store:
            store_batch(store, ingested, extractions, settings, analysis, origin="analyze")
    return analysis


def add_sources(
    store: Store,
    sources: Sequence[str],
    settings: Settings | None = None,
    progress: Progress | None = None,
    rename: Callable[[str], str] | None = None,
    origin: str = "add",
) -> tuple[IngestResult, SaveResult]:
    """Ingest `sources` into the store, parsing only documents it does not hold yet, and
    store the analysis of the whole store.

    `rename` maps each input's source as read to the name to keep (the web app keeps
    an upload's file name rather than its temporary path).
    """
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
    result = store_batch(store, ingested, extractions, settings, raw_path=raw_path, origin=origin)
    return ingested, result


def store_batch(
    store: Store,
    ingested: IngestResult,
    extractions: Sequence[DocExtraction],
    settings: Settings | None = None,
    analysis: Analysis | None = None,
    raw_path: Callable[[str], str] | None = None,
    origin: str = "",
) -> SaveResult:
    """Add a batch to the store with the analysis of the whole store, as a run from
    `origin` whose snapshot (`reconcile.delta`) the store keeps.

    `analysis` is the batch's own analysis (run ids), stored as is when the batch holds
    every stored document; otherwise the reduce is re-run over the stored corpus plus the
    batch, from stored extractions (no stored document is parsed again). When another
    writer adds documents in between, the save is refused and this reads and reduces again.
    """

    settings = settings or store.settings
    for attempt in range(SAVE_ATTEMPTS):
        if not settings.rebuild:
            try:
                added = add_incremental(store, ingested, extractions, settings, raw_path, origin)
            except StaleAnalysis:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise
                continue
            if added is not None:
                return added
        stored = store.snapshot()
        batch_hashes = {d.content_hash for d in ingested.documents}
        ids = {d.id: d.id for d in ingested.documents}
        if analysis is not None and all(d.content_hash in batch_hashes for d in stored.documents):
            batch, batch_x, full = ingested, extractions, analysis
        else:
            by_hash = {d.content_hash: d.id for d in stored.documents}
            batch, batch_x, ids = _onto_store_ids(ingested, extractions, by_hash, stored.next_seq)
            full, more = reconcile_stored(stored, batch, batch_x, settings)
            batch_x = [*batch_x, *more]
        try:
            result = store.save(
                batch, full, batch_x, raw_path=raw_path, origin=origin, snapshot=_snapshot
            )
        except StaleAnalysis:
            if attempt == SAVE_ATTEMPTS - 1:
                raise
            continue
        result.ids = {run: result.ids.get(given, given) for run, given in ids.items()}
        return result
    raise AssertionError("unreachable")


def add_incremental(
    store: Store,
    ingested: IngestResult,
    extractions: Sequence[DocExtraction],
    settings: Settings,
    raw_path: Callable[[str], str] | None = None,
    origin: str = "",
) -> SaveResult | None:
    """Add a batch to the store reading and writing only its time window
    (`storyline.store.incremental`). None where the add must reduce the whole store:
    the store holds no analysis yet (or one without counters), or a new document has
    no date (an undated report may join a story of any date)."""
    if store.current_run() is None:
        return None
    known = store.ids_of_hashes(d.content_hash for d in ingested.documents)
    new_docs = [d for d in ingested.documents if d.content_hash not in known]
    spans = _batch_spans(new_docs, extractions)
    if spans is None:
        return None
    if spans:
        gap = timedelta(days=settings.stories.max_gap_days + 1)
        lo = (date.fromordinal(min(a for a, _ in spans)) - gap).isoformat()
        hi = (date.fromordinal(max(b for _, b in spans)) + gap).isoformat()
    else:  # nothing new to place: no story is touched
        lo, hi = "9999", "0000"
    window = store.window(lo, hi)
    if window is None:
        return None
    batch, batch_x, ids = _onto_store_ids(ingested, extractions, known, window.next_seq)
    fresh = IngestResult(
        documents=[d for d in batch.documents if d.content_hash not in known],
    )
    # the reduce sets each document's story: the window keeps the stored ones
    documents = [d.model_copy() for d in window.documents]
    stored = StoredCorpus(documents, window.extractions, [], window.next_seq)
    # the stored events keep their coded type (the encoder runs on new descriptions)
    known = {e["description"]: e.get("type", "OTHER") for e in window.records.get("events", [])}
    sub, more = reconcile_stored(stored, fresh, batch_x, settings, known)
    lookup, extra = store.entity_index([k for e in sub.entities for k in lookup_keys(e)], window)
    patch = merge_window(window, sub, lookup, extra)
    before = _window_analysis(window)
    result = store.save_window(
        batch,
        patch,
        window,
        [*batch_x, *more],
        raw_path=raw_path,
        origin=origin,
        before=_snapshot(before),
        after=_snapshot(patch.analysis.model_copy(update={"entities": patch.linked})),
    )
    result.ids = {run: result.ids.get(given, given) for run, given in ids.items()}
    return result


def _batch_spans(
    documents: Sequence[Document], extractions: Sequence[DocExtraction]
) -> list[tuple[int, int]] | None:
    """The publication dates of a batch's new originals (day ordinal intervals), read
    from their own evidence as the reduce reads them; None if one has none."""
    originals = [d.model_copy() for d in documents if d.duplicate_of is None]
    wanted = {d.id for d in originals}
    own = [  # dating resolves the time expressions again: those are copied
        x.model_copy(update={"times": [t.model_copy() for t in x.times]})
        for x in extractions
        if x.document in wanted
    ]
    corpus = Corpus.from_records(originals, own)
    infer_publication_dates(corpus)
    spans = []
    for d in corpus.documents:
        span = date_span(d.published)
        if span is None:
            return None
        spans.append(span)
    return spans


def _window_analysis(window: StoredWindow) -> Analysis:
    """The window's stored records as an analysis (for its snapshot)."""
    data: dict = {kind: list(items) for kind, items in window.records.items()}
    data["documents"] = [{**p, "text": ""} for p in data.get("documents", [])]
    data["entities"] = [e for e, _ in window.entities.values()]
    return Analysis.model_validate(data)


def _snapshot(analysis: Analysis) -> dict:
    return take_snapshot(analysis).model_dump(mode="json", exclude_defaults=True)


def _onto_store_ids(
    ingested: IngestResult,
    extractions: Sequence[DocExtraction],
    stored: dict[str, str],
    next_seq: int,
) -> tuple[IngestResult, list[DocExtraction], dict[str, str]]:
    """The batch on store ids, and run id -> store id: a stored document's id for content
    already stored (`stored`: content hash -> id), and for new content the id the store
    will give it ("d<next seq>", in batch order; the save checks that nobody took those
    ids in between)."""

    by_hash = dict(stored)
    ids: dict[str, str] = {}
    seq = next_seq
    for d in ingested.documents:
        if d.content_hash in by_hash:
            ids[d.id] = by_hash[d.content_hash]
        else:
            ids[d.id] = by_hash[d.content_hash] = f"d{seq}"
            seq += 1
    moved = IngestResult(problems=list(ingested.problems))
    for d in ingested.documents:
        duplicate_of = ids.get(d.duplicate_of, d.duplicate_of) if d.duplicate_of else None
        moved.documents.append(d.model_copy(update={"id": ids[d.id], "duplicate_of": duplicate_of}))
        if d.id in ingested.raw:
            moved.raw[ids[d.id]] = ingested.raw[d.id]
    moved_x = [
        x.model_copy(update={"document": ids.get(x.document, x.document)}) for x in extractions
    ]
    return moved, moved_x, ids


def reconcile_stored(
    stored: StoredCorpus,
    ingested: IngestResult,
    extractions: Sequence[DocExtraction],
    settings: Settings,
    event_types: dict[str, str] | None = None,
) -> tuple[Analysis, list[DocExtraction]]:
    """The reduce over the stored corpus plus a batch already on store ids; returns the
    analysis and the extractions it had to make (a stored copy whose original is gone
    from view is now an original: parsed once)."""

    # Stored documents keep the story they were in: only new documents are placed
    # (cluster_stories honours a document's `story`), so adding is incremental.
    documents = list(stored.documents)
    seen = {d.id for d in documents}
    for d in ingested.documents:
        if d.id not in seen:  # content already stored keeps its stored record
            # A new document is placed, never 'kept': a story id from the batch's own
            # analysis names another story in the store's numbering.
            documents.append(d.model_copy(update={"story": None}))
            seen.add(d.id)
    found = dict(stored.extractions)
    for x in extractions:
        found.setdefault(x.document, x)
    mark_duplicates(documents)
    missing = [d for d in documents if d.duplicate_of is None and d.id not in found]
    made: list[DocExtraction] = []
    if missing:
        made = extract_all(missing, settings)
        found.update((x.document, x) for x in made)
    ordered = [found[d.id] for d in documents if d.id in found]
    problems = [*stored.problems, *ingested.problems]
    return reconcile(documents, ordered, settings, problems, event_types=event_types), made


class UnknownRun(ValueError):
    """A run id or a date that names no point in the store's runs."""


def run_info(run: StoredRun) -> RunInfo:
    when = run.created_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    return RunInfo(id=run.id, created_at=when, origin=run.origin, new_documents=run.new_documents)


def _parse_moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UnknownRun(f"{text!r} is neither a run id nor an ISO date or datetime") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def changes(
    store: Store, since: str | None = None, story: str | None = None, run: int | None = None
) -> Delta:
    """What changed in the store: from the run before `run` (default: the latest run) to
    it, or, with `since` (a run id, or an ISO date/datetime: the last run at or before
    it), everything after that point up to `run`. `story` keeps one story's changes."""
    runs = [r for r in store.runs() if r.has_snapshot]
    if not runs:
        return Delta()
    if run is None:
        target = runs[-1]
    else:
        target = next((r for r in runs if r.id == run), None)
        if target is None:
            raise UnknownRun(f"no run {run} in the store")
    earlier = [r for r in runs if r.id < target.id]
    if since is None:
        base = earlier[-1] if earlier else None
    elif since.strip().isdigit():
        base = next((r for r in runs if r.id == int(since)), None)
        if base is None:
            raise UnknownRun(f"no run {since} in the store")
    else:
        moment = _parse_moment(since)
        base = next((r for r in reversed(runs) if r.created_at <= moment), None)
    if base is not None and base.id >= target.id:
        return Delta(since=run_info(base), run=run_info(target))
    old = Snapshot.model_validate(store.run_snapshot(base.id)) if base else None
    new = Snapshot.model_validate(store.run_snapshot(target.id))
    return compute_delta(
        old, new, since=run_info(base) if base else None, run=run_info(target), story=story
    )
