"""The store: documents, raw inputs, extractions, problems and the current analysis.

The store only reads and writes records; the analysis it keeps is computed by the
pipeline (`storyline.pipeline.store_batch`), which reads the stored corpus with
`snapshot`, runs the reduce and hands the result to `save`.

One `save` is one transaction: the new documents, their extractions, the problems and
the analysis of the whole store are written together or not at all, so an interrupted
run leaves the store as it was. A save first locks the store's state row, so saves take
turns across processes and machines; it refuses (`StaleAnalysis`) an analysis that does
not cover every stored document, which happens when another writer added documents
after the snapshot it was computed from: the caller reads again and retries.
An incremental add (`window` + `save_window`, from `pipeline.add_incremental`) reads
only the stories of the batch's time window and replaces only their records, the
entities it adds mentions to and their storylines; it takes turns the same way and is
refused when any save came after the window was read.
Documents are identified by content hash: saving the same content again adds nothing.
Store ids ("d1", "d2", …) follow insertion order and never change; story, entity and
other record ids belong to the current analysis. Each save is also a run (`runs`): its
time, origin and the snapshot of the analysis that the caller computes (`snapshot`),
kept as its difference from the run before (`store.snapshots`).
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from storyline.config import Settings
from storyline.models import (
    Analysis,
    DocExtraction,
    Document,
    Entity,
    Problem,
    RawInput,
    Story,
    Storyline,
)
from storyline.store.incremental import (
    STORY_SECTIONS,
    StoredWindow,
    WindowPatch,
    counters_of,
    entity_index_keys,
)
from storyline.store.records import (
    PLACE_TYPES,
    record_keys,
    remap_analysis,
    scalar_fields,
    sections,
)
from storyline.store.schema import (
    AnalysisRunRow,
    Base,
    BatchRow,
    CounterRow,
    DocumentRow,
    EntityKeyRow,
    ExtractionRow,
    ProblemRow,
    RecordRow,
    RunRow,
    StoreStateRow,
    StoryLinkRow,
)
from storyline.store.snapshots import apply_diff, diff_snapshots

CHUNK = 500  # values per IN (...) list: SQLite's default limit is 999 parameters

# Columns of `documents` that hold Document fields directly; the rest go to `extra`.
_DOC_COLUMNS = [
    *("source", "title", "outlet", "url", "published", "published_from", "doc_type"),
    *("language", "duplicate_of", "author", "text", "removed", "comments", "content_hash"),
]


def to_url(path_or_url: str | Path) -> str:
    """An SQLAlchemy URL from a path (SQLite file) or a URL as given."""
    text = str(path_or_url)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def make_engine(path_or_url: str | Path) -> Engine:
    url = make_url(to_url(path_or_url))
    if url.get_backend_name() == "sqlite":
        # One connection is shared by the app's threads; waits instead of failing when
        # another process holds the write lock.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _fk_on(dbapi_conn, _record) -> None:  # SQLite enforces foreign keys on request
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class StaleAnalysis(Exception):
    """The analysis given to `save` does not cover the stored documents (another writer
    added some since it was computed): nothing was written."""


@dataclass
class StoredCorpus:
    """What the reduce needs from the store: every stored document (with the story the
    current analysis puts it in), their extractions, and the kept problems."""

    documents: list[Document]
    extractions: dict[str, DocExtraction]
    problems: list[Problem]
    next_seq: int  # the seq (store id "d<seq>") the next new document would get


@dataclass
class SaveResult:
    """What one save did: run ids -> store ids, the new ids, the analysis run."""

    ids: dict[str, str] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    run_id: int | None = None  # the analysis (analysis_runs) this save made current
    batch_id: int | None = None
    run: int | None = None  # the run (runs) this save recorded
    incremental: bool = False  # the analysis of a time window was merged in (save_window)


@dataclass
class StoredRun:
    """A run as listed: id, time (UTC), origin, the documents it added."""

    id: int
    created_at: datetime
    origin: str
    new_documents: list[str]
    has_snapshot: bool


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _stored_stage(p: Problem) -> str:
    """The stage column, with '/warning' for a warning (no schema change needed)."""
    return f"{p.stage}/warning" if p.severity == "warning" else p.stage


def _problem_of(r: ProblemRow) -> Problem:
    stage, _, severity = r.stage.partition("/")
    return Problem(
        source=r.source,
        line=r.line,
        reason=r.reason,
        stage=stage,  # type: ignore[arg-type]
        severity="warning" if severity == "warning" else "error",
    )


def _problem_key(p: Problem, raw_hash: str | None) -> str:
    text = "\x1f".join([p.source, str(p.line), p.reason, p.stage, raw_hash or ""])
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


def _problem_raw(source: str, line: int | None, limit: int) -> tuple[bytes | None, str | None]:
    """The rejected input's bytes where they can be read back, else why not."""
    path = Path(source)
    try:
        if not path.is_file():
            return None, "not a local file; nothing to keep"
        size = path.stat().st_size
        if size > limit:
            return None, f"{size} bytes, over the {limit}-byte limit: not kept"
        data = path.read_bytes()
    except OSError as exc:
        return None, f"could not read back: {exc.strerror or exc}"
    if line is not None:
        lines = data.splitlines(keepends=True)
        if 1 <= line <= len(lines):
            return lines[line - 1], f"line {line} of the file"
    return data, None


def _doc_row(doc: Document, seq: int, raw: RawInput | None, batch_id: int) -> dict[str, Any]:
    """The `documents` row of a document and its raw input."""
    data = doc.model_dump(mode="json")
    extra = {k: v for k, v in data.items() if k not in _DOC_COLUMNS and k != "id"}
    row = {"id": doc.id, "seq": seq, "batch_id": batch_id, "extra": extra}
    row.update({name: data[name] for name in _DOC_COLUMNS})
    row.update(raw=None, raw_is_text=False, raw_meta={})
    if raw is not None:
        row["raw_is_text"] = isinstance(raw.raw, str)
        row["raw"] = raw.raw.encode("utf-8") if isinstance(raw.raw, str) else raw.raw
        row["raw_meta"] = raw.model_dump(mode="json", exclude={"raw"})
    return row


def _row_document(row: DocumentRow) -> Document:
    data: dict[str, Any] = {name: getattr(row, name) for name in _DOC_COLUMNS}
    known = set(Document.model_fields)
    data.update({k: v for k, v in (row.extra or {}).items() if k in known})
    return Document.model_validate({"id": row.id, **data})


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _record_rows(run_id: int, analysis: Analysis, seq_of) -> list[dict[str, Any]]:
    """The `records` rows of an analysis's sections; `seq_of(kind, index, item)` gives
    each record's seq. Every record but entities and storylines carries its story (its
    document's, or its first document's)."""
    published = {d.id: d.published for d in analysis.documents if d.published}
    story_of = {d.id: d.story for d in analysis.documents if d.story}
    story_dates = {}
    for story in analysis.stories:  # a story without dates spans its documents' dates
        for doc_id in story.documents:
            story_of.setdefault(doc_id, story.id)
        dates = sorted(published[d] for d in story.documents if d in published)
        if dates:
            story_dates[story.id] = (dates[0], dates[-1])
    rows = []
    for kind in sections():
        for i, item in enumerate(getattr(analysis, kind)):
            exclude = {"text"} if kind == "documents" else None
            payload = item.model_dump(mode="json", exclude=exclude)
            seq = seq_of(kind, i, item)
            keys = record_keys(kind, seq, item)
            if kind == "stories" and not (keys["date_start"] or keys["date_end"]):
                keys["date_start"], keys["date_end"] = story_dates.get(item.id, (None, None))
            if keys["story"] is None and kind in STORY_SECTIONS:
                docs = getattr(item, "documents", None) or [keys["document"]]
                keys["story"] = next((story_of[d] for d in docs if d in story_of), None)
            rows.append({"run_id": run_id, "kind": kind, "seq": seq, "payload": payload, **keys})
    return rows


class Store:
    """A storyline store over one database (SQLite file or server URL)."""

    def __init__(self, path_or_url: str | Path, settings: Settings | None = None) -> None:
        self.url = to_url(path_or_url)
        self.settings = settings or Settings()
        self.engine = make_engine(self.url)
        self._create_schema()
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Writers in this process take turns; readers never wait for them.
        self.write_lock = threading.RLock()
        self._cache: tuple[tuple[int, int], Analysis] | None = None
        self._snap_cache: tuple[int, dict[str, Any]] | None = None  # (run id, snapshot)
        self.last_write: Counter = Counter()  # rows the last incremental add wrote
        self.last_read: Counter = Counter()  # rows the last window read (and index look-ups)

    # ------------------------------------------------------------------ lifecycle

    def _create_schema(self) -> None:
        """Tables and the state row; two processes opening a new store at once race on
        CREATE TABLE / the first INSERT (PostgreSQL reports a duplicate): try again."""
        for attempt in range(5):
            try:
                Base.metadata.create_all(self.engine)
                with self.engine.begin() as conn:
                    if conn.scalar(select(StoreStateRow.id).where(StoreStateRow.id == 1)) is None:
                        conn.execute(insert(StoreStateRow).values(id=1, version=0))
                return
            except (IntegrityError, ProgrammingError, OperationalError):
                if attempt == 4:
                    raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------------------- write

    def save(
        self,
        ingested,
        analysis: Analysis,
        extractions: Sequence[DocExtraction] = (),
        raw_path: Callable[[str], str] | None = None,
        origin: str = "",
        snapshot: Callable[[Analysis], dict[str, Any]] | None = None,
    ) -> SaveResult:
        """Add a batch (an `IngestResult`) and store `analysis` as the current analysis.

        `analysis` must cover every document of the store once the batch is added. Its
        document ids are the batch's (run ids, moved onto store ids here) for the batch's
        documents and store ids for the others. Raises `StaleAnalysis` (and writes
        nothing) when it does not cover the store. A rejected input's bytes are read back
        from its source (or from `raw_path(source)`). The save is recorded as a run from
        `origin`, with `snapshot(analysis on store ids)` as its snapshot.
        """
        with self.write_lock:
            for attempt in range(3):
                try:
                    return self._save_once(
                        ingested, analysis, extractions, raw_path, origin, snapshot
                    )
                except (IntegrityError, OperationalError):
                    # Another process took the same new ids or held the lock: retry.
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")

    def _save_once(self, ingested, analysis, extractions, raw_path, origin, snapshot) -> SaveResult:
        result = SaveResult()
        with self.sessions.begin() as s:
            # Lock first: saves from other processes wait here until this one commits,
            # then see its documents.
            s.execute(update(StoreStateRow).values(version=StoreStateRow.version + 1))
            batch = self._add_batch(s, ingested, extractions, raw_path, result)
            s.flush()
            full = remap_analysis(analysis, result.ids)
            stored = set(s.scalars(select(DocumentRow.id)))
            covered = {d.id for d in full.documents}
            if covered != stored:
                raise StaleAnalysis(
                    f"the analysis covers {len(covered)} documents, the store holds "
                    f"{len(stored)} ({len(stored - covered)} not covered)"
                )
            full = full.model_copy(update={"problems": self._problems(s)})
            result.run_id = self._write_analysis(s, full)
            taken = diff = None
            if snapshot is not None:
                # Under the lock: the run before is the last committed one.
                before = self._fold(s, None)
                diff = diff_snapshots(before, snapshot(full))
                taken = apply_diff(before, diff)  # as any later reader replays it
            run = RunRow(
                batch_id=batch.id,
                origin=origin[:32],
                new_documents=list(result.new),
                snapshot_diff=diff,
            )
            s.add(run)
            s.flush()
            result.run = run.id
        if taken is not None:
            self._snap_cache = (result.run, taken)
        return result

    def _add_batch(self, s: Session, ingested, extractions, raw_path, result: SaveResult):
        """The batch row, its documents (ids into `result`), extractions and problems."""
        batch = BatchRow(
            sources=sorted({d.source for d in ingested.documents}),
            n_documents=len(ingested.documents),
            n_problems=len(ingested.problems),
        )
        s.add(batch)
        s.flush()
        result.batch_id = batch.id
        result.ids, result.new = self._add_documents(s, ingested, batch.id)
        batch.n_new = len(result.new)
        self._add_extractions(s, extractions, result.ids)
        self._add_problems(s, ingested.problems, batch.id, raw_path)
        return batch

    def _add_documents(self, s: Session, ingested, batch_id: int):
        docs = ingested.documents
        hashes = [d.content_hash for d in docs]
        existing = dict(
            s.execute(
                select(DocumentRow.content_hash, DocumentRow.id).where(
                    DocumentRow.content_hash.in_(hashes)
                )
            ).all()
        )
        seq = (s.scalar(select(func.max(DocumentRow.seq))) or 0) + 1
        ids: dict[str, str] = {}
        new: list[str] = []
        rows: list[dict[str, Any]] = []
        for doc in docs:
            if doc.content_hash in existing:
                ids[doc.id] = existing[doc.content_hash]
                continue
            store_id = f"d{seq}"
            ids[doc.id] = store_id
            existing[doc.content_hash] = store_id
            new.append(store_id)
            moved = doc.model_copy(update={"id": store_id})
            if moved.duplicate_of is not None:
                moved.duplicate_of = ids.get(moved.duplicate_of, moved.duplicate_of)
            rows.append(_doc_row(moved, seq, ingested.raw.get(doc.id), batch_id))
            seq += 1
        if rows:
            s.execute(insert(DocumentRow), rows)
        return ids, new

    def _add_extractions(self, s: Session, extractions, ids: dict[str, str]) -> None:
        wanted = sorted({ids.get(x.document, x.document) for x in extractions})
        have: set[str] = set()
        for part in _chunks(wanted):
            have.update(
                s.scalars(select(ExtractionRow.document).where(ExtractionRow.document.in_(part)))
            )
        rows = []
        for x in extractions:
            store_id = ids.get(x.document, x.document)
            if store_id in have:
                continue  # same content, same extraction: keep the stored one
            payload = x.model_dump(mode="json")
            payload["document"] = store_id
            rows.append({"document": store_id, "payload": payload})
            have.add(store_id)
        if rows:
            s.execute(insert(ExtractionRow), rows)

    def _add_problems(
        self, s: Session, problems: Iterable[Problem], batch_id: int, raw_path
    ) -> None:
        for p in problems:
            path = raw_path(p.source) if raw_path else p.source
            raw, note = _problem_raw(path, p.line, self.settings.max_bytes)
            raw_hash = hashlib.sha256(raw).hexdigest() if raw is not None else None
            key = _problem_key(p, raw_hash)
            if s.scalar(select(ProblemRow.id).where(ProblemRow.key == key)) is not None:
                continue
            s.add(
                ProblemRow(
                    key=key,
                    batch_id=batch_id,
                    source=p.source,
                    line=p.line,
                    reason=p.reason,
                    stage=_stored_stage(p),
                    raw=raw,
                    raw_note=note,
                )
            )
            s.flush()

    def snapshot(self) -> StoredCorpus:
        """The stored corpus as the reduce needs it (documents in insertion order)."""
        with self.sessions() as s:
            rows = list(s.scalars(select(DocumentRow).order_by(DocumentRow.seq)))
            documents = [_row_document(r) for r in rows]
            previous = self._prior_stories(s)
            for d in documents:
                d.story = previous.get(d.id)
            ids = {d.id for d in documents}
            extractions = {
                r.document: DocExtraction.model_validate(r.payload)
                for r in s.scalars(select(ExtractionRow))
                if r.document in ids  # committed after the documents were read: next time
            }
            next_seq = (rows[-1].seq if rows else 0) + 1
            return StoredCorpus(documents, extractions, self._problems(s), next_seq)

    # ------------------------------------------------------------ incremental add

    def window(self, date_from: str, date_to: str) -> StoredWindow | None:
        """What an incremental add of a batch dated within [date_from, date_to] (ISO
        dates, the batch's dates widened by the story index's largest gap) reads: the
        stories whose dates overlap the range and the other stories of their storylines,
        with their documents, extractions and records, the entities they name and their
        storylines. None where the store
        holds no analysis with counters (a store from before: the add rebuilds)."""
        R, L = RecordRow, StoryLinkRow
        read: Counter = Counter()
        with self.sessions() as s:
            run_id = s.scalar(select(AnalysisRunRow.id).where(AnalysisRunRow.current.is_(True)))
            counters = dict(s.execute(select(CounterRow.name, CounterRow.value)).all())
            if run_id is None or not counters:
                return None
            version = s.scalar(select(StoreStateRow.version).where(StoreStateRow.id == 1)) or 0
            next_seq = (s.scalar(select(func.max(DocumentRow.seq))) or 0) + 1
            query = select(R.key, R.seq, R.payload).where(
                R.run_id == run_id,
                R.kind == "stories",
                R.date_end >= date_from,
                R.date_start <= date_to + "~",
            )
            stories: dict[str, tuple[Story, int]] = {}
            for key, seq, payload in s.execute(query):
                stories[key] = (Story.model_validate(payload), seq)
            read["records"] += len(stories)
            # and every story of their storylines: a storyline is one context for the
            # claims (figures are grouped across its stories, whatever their dates)
            storylines: dict[str, tuple[Storyline, int]] = {}
            line_ids = sorted({st.storyline for st, _ in stories.values() if st.storyline})
            for part in _chunks(line_ids):
                query = select(R.key, R.seq, R.payload).where(
                    R.run_id == run_id, R.kind == "storylines", R.key.in_(part)
                )
                for key, seq, payload in s.execute(query):
                    storylines[key] = (Storyline.model_validate(payload), seq)
                    read["records"] += 1
            more = sorted(
                {m for line, _ in storylines.values() for m in line.stories} - set(stories)
            )
            for part in _chunks(more):
                query = select(R.key, R.seq, R.payload).where(
                    R.run_id == run_id, R.kind == "stories", R.key.in_(part)
                )
                for key, seq, payload in s.execute(query):
                    stories[key] = (Story.model_validate(payload), seq)
                    read["records"] += 1
            ids = sorted(stories)
            records: dict[str, list[dict[str, Any]]] = {}
            seqs: dict[tuple[str, str], int] = {}
            for part in _chunks(ids):
                query = select(R.kind, R.key, R.seq, R.payload).where(
                    R.run_id == run_id, R.story.in_(part), R.kind.in_(STORY_SECTIONS)
                )
                for kind, key, seq, payload in s.execute(query.order_by(R.kind, R.seq)):
                    records.setdefault(kind, []).append(payload)
                    if kind == "documents":
                        seqs[(kind, key)] = seq
                    read["records"] += 1
            story_of = {p["id"]: p.get("story") for p in records.get("documents", [])}
            documents: list[Document] = []
            extractions: dict[str, DocExtraction] = {}
            for part in _chunks(sorted(story_of)):
                for row in s.scalars(select(DocumentRow).where(DocumentRow.id.in_(part))):
                    doc = _row_document(row)
                    doc.story = story_of.get(doc.id)
                    documents.append((row.seq, doc))
                    read["documents"] += 1
                query = select(ExtractionRow).where(ExtractionRow.document.in_(part))
                for row in s.scalars(query):
                    extractions[row.document] = DocExtraction.model_validate(row.payload)
                    read["extractions"] += 1
            documents = [d for _, d in sorted(documents, key=lambda sd: sd[0])]
            entity_ids: set[str] = set()
            for part in _chunks(ids):
                query = select(L.value).where(
                    L.run_id == run_id, L.story.in_(part), L.kind.in_(("entity", "place"))
                )
                entity_ids.update(s.scalars(query))
            entities = self._entities(s, run_id, entity_ids, read)
        self.last_read = read
        return StoredWindow(
            run_id=run_id,
            version=version,
            next_seq=next_seq,
            counters=counters,
            documents=documents,
            extractions=extractions,
            stories=stories,
            records=records,
            entities=entities,
            storylines=storylines,
            seqs=seqs,
            rows_read=read,
        )

    @staticmethod
    def _entities(s: Session, run_id: int, ids: Iterable[str], read: Counter):
        out: dict[str, tuple[Entity, int]] = {}
        R = RecordRow
        for part in _chunks(sorted(ids)):
            query = select(R.key, R.seq, R.payload).where(
                R.run_id == run_id, R.kind == "entities", R.key.in_(part)
            )
            for key, seq, payload in s.execute(query):
                out[key] = (Entity.model_validate(payload), seq)
                read["records"] += 1
        return out

    def entity_index(
        self, keys: Iterable[str], window: StoredWindow
    ) -> tuple[dict[str, list[str]], dict[str, tuple[Entity, int]]]:
        """The entity index for `keys`: key -> stored entity ids, and those entities'
        records that the window did not read."""
        found: dict[str, list[str]] = {}
        with self.sessions() as s:
            for part in _chunks(sorted(set(keys))):
                query = select(EntityKeyRow.key, EntityKeyRow.entity).where(
                    EntityKeyRow.key.in_(part)
                )
                for key, entity in s.execute(query.order_by(EntityKeyRow.id)):
                    found.setdefault(key, []).append(entity)
                    window.rows_read["entity_keys"] += 1
            wanted = {e for ids in found.values() for e in ids} - set(window.entities)
            extra = self._entities(s, window.run_id, wanted, window.rows_read)
        return found, extra

    def save_window(
        self,
        ingested,
        patch: WindowPatch,
        window: StoredWindow,
        extractions: Sequence[DocExtraction] = (),
        raw_path: Callable[[str], str] | None = None,
        origin: str = "",
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> SaveResult:
        """Add a batch (on store ids) and replace the window's records by the patch's.

        Refuses (`StaleAnalysis`, nothing written) when another save came after the
        window was read. `before` and `after` are the window's snapshots (compact keys)
        before and after: the run keeps their difference."""
        with self.write_lock:
            for attempt in range(3):
                try:
                    return self._save_window_once(
                        ingested, patch, window, extractions, raw_path, origin, before, after
                    )
                except (IntegrityError, OperationalError):
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")

    def _save_window_once(
        self, ingested, patch, window, extractions, raw_path, origin, before, after
    ) -> SaveResult:
        result = SaveResult()
        R, L = RecordRow, StoryLinkRow
        written: Counter = Counter()
        with self.sessions.begin() as s:
            s.execute(update(StoreStateRow).values(version=StoreStateRow.version + 1))
            version = s.scalar(select(StoreStateRow.version).where(StoreStateRow.id == 1))
            if version != window.version + 1:
                raise StaleAnalysis(
                    f"the store changed since the window was read (save {version - 1}, "
                    f"read at {window.version})"
                )
            batch = self._add_batch(s, ingested, extractions, raw_path, result)
            expected = [f"d{window.next_seq + i}" for i in range(len(result.new))]
            if result.new != expected:
                raise StaleAnalysis("another writer took the new documents' ids")
            run_id = window.run_id
            for part in _chunks(sorted(patch.old_stories)):
                s.execute(
                    delete(R).where(
                        R.run_id == run_id, R.kind.in_(STORY_SECTIONS), R.story.in_(part)
                    )
                )
                s.execute(delete(L).where(L.run_id == run_id, L.story.in_(part)))
            for kind, gone in (
                ("entities", patch.entities_gone),
                ("storylines", patch.storylines_gone),
            ):
                for part in _chunks(sorted(gone)):
                    s.execute(delete(R).where(R.run_id == run_id, R.kind == kind, R.key.in_(part)))
            for part in _chunks(sorted(patch.entities_gone)):
                s.execute(delete(EntityKeyRow).where(EntityKeyRow.entity.in_(part)))
            analysis = patch.analysis

            rows = _record_rows(run_id, analysis, lambda kind, i, item: patch.seqs[kind][i])
            if rows:
                s.execute(insert(R), rows)
            written["records"] += len(rows)
            links = self._story_links(
                run_id, analysis.model_copy(update={"entities": patch.linked})
            )
            if links:
                s.execute(insert(L), links)
            written["story_links"] += len(links)
            keys = [
                {"key": k, "entity": e.id} for e in analysis.entities for k in entity_index_keys(e)
            ]
            if keys:
                s.execute(insert(EntityKeyRow), keys)
            written["entity_keys"] += len(keys)
            for name, value in patch.counters.items():
                if window.counters.get(name) == value:
                    continue
                if name in window.counters:
                    s.execute(update(CounterRow).where(CounterRow.name == name).values(value=value))
                else:
                    s.execute(insert(CounterRow).values(name=name, value=value))
            s.execute(
                update(AnalysisRunRow)
                .where(AnalysisRunRow.id == run_id)
                .values(n_documents=AnalysisRunRow.n_documents + len(result.new))
            )
            result.run_id = run_id
            result.incremental = True
            diff = None
            if before is not None and after is not None:
                diff = diff_snapshots(before, after)
            run = RunRow(
                batch_id=batch.id,
                origin=origin[:32],
                new_documents=list(result.new),
                snapshot_diff=diff,
            )
            s.add(run)
            s.flush()
            result.run = run.id
        self.last_write = written
        self._snap_cache = None
        self._cache = None
        return result

    @staticmethod
    def _prior_stories(s: Session) -> dict[str, str]:
        """Document id -> story id in the current analysis, if there is one."""
        rows = s.scalars(
            select(RecordRow.payload)
            .join(AnalysisRunRow, AnalysisRunRow.id == RecordRow.run_id)
            .where(AnalysisRunRow.current.is_(True), RecordRow.kind == "documents")
        )
        return {p["id"]: p["story"] for p in rows if p.get("story")}

    def _write_analysis(self, s: Session, analysis: Analysis) -> int:
        old = list(s.scalars(select(AnalysisRunRow.id)))
        if old:  # keep only the current analysis; the batches table is the history
            s.execute(delete(StoryLinkRow).where(StoryLinkRow.run_id.in_(old)))
            s.execute(delete(RecordRow).where(RecordRow.run_id.in_(old)))
            s.execute(update(AnalysisRunRow).values(current=False))
        extra = {k: getattr(analysis, k) for k in scalar_fields()}
        run = AnalysisRunRow(
            generated_by=analysis.generated_by,
            schema_version=analysis.schema_version,
            n_documents=len(analysis.documents),
            current=True,
            extra=extra,
        )
        s.add(run)
        s.flush()
        rows = _record_rows(run.id, analysis, lambda kind, i, item: i)
        # Bulk INSERTs (executemany): the ORM's per-object bookkeeping would dominate.
        if rows:
            s.execute(insert(RecordRow), rows)
        links = self._story_links(run.id, analysis)
        if links:
            s.execute(insert(StoryLinkRow), links)
        s.execute(delete(CounterRow))
        counters = counters_of(analysis)
        s.execute(insert(CounterRow), [{"name": k, "value": v} for k, v in counters.items()])
        s.execute(delete(EntityKeyRow))
        keys = [{"key": k, "entity": e.id} for e in analysis.entities for k in entity_index_keys(e)]
        if keys:
            s.execute(insert(EntityKeyRow), keys)
        return run.id

    @staticmethod
    def _story_links(run_id: int, analysis: Analysis) -> list[dict[str, Any]]:
        docs = {d.id: d for d in analysis.documents}
        story_of: dict[str, set[str]] = {}
        for story in analysis.stories:
            for doc_id in story.documents:
                story_of.setdefault(doc_id, set()).add(story.id)
        for d in analysis.documents:
            if d.story:
                story_of.setdefault(d.id, set()).add(d.story)
        links: set[tuple[str, str, str, str]] = set()
        for doc_id, stories in story_of.items():
            doc = docs.get(doc_id)
            for sid in stories:
                links.add((sid, "document", doc_id, ""))
                if doc is not None and doc.outlet:
                    links.add((sid, "outlet", doc.outlet[:300], doc.outlet.lower()))
        for e in analysis.entities:
            kind = "place" if e.type in PLACE_TYPES else "entity"
            label = " | ".join(sorted({e.name.lower(), *(a.lower() for a in e.aliases)}))
            for sid in {sid for m in e.mentions for sid in story_of.get(m.document, ())}:
                links.add((sid, kind, e.id, label))
        return [
            {"run_id": run_id, "story": sid, "kind": k, "value": v, "label": label}
            for sid, k, v, label in sorted(links)
        ]

    # ----------------------------------------------------------------------- read

    def current_run(self) -> int | None:
        with self.sessions() as s:
            return s.scalar(select(AnalysisRunRow.id).where(AnalysisRunRow.current.is_(True)))

    def version(self) -> int:
        """How many saves the store has seen (an incremental add keeps its run id)."""
        with self.sessions() as s:
            return s.scalar(select(StoreStateRow.version).where(StoreStateRow.id == 1)) or 0

    def load_analysis(self) -> Analysis | None:
        """The current analysis of the whole store (cached until the next save)."""
        run_id = self.current_run()
        if run_id is None:
            return None
        version = self.version()
        cached = self._cache
        if cached is not None and cached[0] == (run_id, version):
            return cached[1]
        with self.sessions() as s:
            run = s.get(AnalysisRunRow, run_id)
            data: dict[str, Any] = {k: v for k, v in (run.extra or {}).items()}
            texts = dict(s.execute(select(DocumentRow.id, DocumentRow.text)).all())
            for kind, model in sections().items():
                rows = s.scalars(
                    select(RecordRow.payload)
                    .where(RecordRow.run_id == run_id, RecordRow.kind == kind)
                    .order_by(RecordRow.seq)
                )
                items = []
                for payload in rows:
                    if kind == "documents":
                        payload = {**payload, "text": texts.get(payload["id"], "")}
                    items.append(model.model_validate(payload))
                data[kind] = items
            data["problems"] = self._problems(s)
        analysis = Analysis.model_validate(data)
        self._cache = ((run_id, version), analysis)
        return analysis

    def _records(self, kind: str, **where: str | None) -> list[dict[str, Any]]:
        run_id = self.current_run()
        if run_id is None:
            return []
        query = select(RecordRow.payload).where(RecordRow.run_id == run_id, RecordRow.kind == kind)
        for column, value in where.items():
            if value is not None:
                query = query.where(getattr(RecordRow, column) == value)
        with self.sessions() as s:
            return list(s.scalars(query.order_by(RecordRow.seq)))

    def list_stories(
        self,
        q: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        place: str | None = None,
        entity: str | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Story]:
        """Stories of the current analysis matching every filter given.

        `q` matches the story's title and briefing and its documents' titles and text;
        `place` / `entity` an entity id or any of its names; `outlet` an outlet name;
        dates are ISO (partial allowed) and keep stories that overlap the range.
        """
        run_id = self.current_run()
        if run_id is None:
            return []
        R, L, D = RecordRow, StoryLinkRow, DocumentRow
        query = select(R.payload).where(R.run_id == run_id, R.kind == "stories")

        def linked(kind: str | tuple[str, ...], value: str):
            kinds = (kind,) if isinstance(kind, str) else kind
            return select(L.story).where(
                L.run_id == run_id,
                L.kind.in_(kinds),
                or_(L.value == value, L.label.contains(value.lower(), autoescape=True)),
            )

        if q:
            needle = q.strip().lower()
            in_docs = (
                select(L.story)
                .join(D, D.id == L.value)
                .where(
                    L.run_id == run_id,
                    L.kind == "document",
                    or_(
                        D.text.icontains(needle, autoescape=True),
                        D.title.icontains(needle, autoescape=True),
                    ),
                )
            )
            query = query.where(
                or_(R.search.contains(needle, autoescape=True), R.story.in_(in_docs))
            )
        # Partial ISO dates compare as strings ("2016-12" sorts before "2016-12-01"); a
        # story with no date at all cannot be placed in a range and is left out.
        if date_from:
            query = query.where(func.coalesce(R.date_end, R.date_start) >= date_from)
        if date_to:
            query = query.where(func.coalesce(R.date_start, R.date_end) <= date_to + "~")
        if place:
            query = query.where(R.story.in_(linked("place", place)))
        if entity:
            query = query.where(R.story.in_(linked(("entity", "place"), entity)))
        if outlet:
            query = query.where(R.story.in_(linked("outlet", outlet)))
        query = query.order_by(R.seq).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.sessions() as s:
            return [Story.model_validate(p) for p in s.scalars(query)]

    def get_story(self, story_id: str) -> Story | None:
        rows = self._records("stories", key=story_id)
        return Story.model_validate(rows[0]) if rows else None

    def get_entity(self, entity_id: str) -> Entity | None:
        rows = self._records("entities", key=entity_id)
        return Entity.model_validate(rows[0]) if rows else None

    def get_document(self, doc_id: str) -> Document | None:
        """The document as the current analysis sees it (story, inferred date…)."""
        with self.sessions() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                return None
            base = _row_document(row)
        rows = self._records("documents", key=doc_id)
        if not rows:
            return base
        return Document.model_validate({**rows[0], "text": base.text})

    def get_raw(self, doc_id: str) -> RawInput | None:
        """The input exactly as it was read."""
        with self.sessions() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None or row.raw is None:
                return None
            raw: bytes | str = row.raw.decode("utf-8") if row.raw_is_text else row.raw
            return RawInput.model_validate({**(row.raw_meta or {}), "raw": raw})

    def documents(self) -> list[Document]:
        """Every stored document as ingested, in insertion order."""
        with self.sessions() as s:
            return [_row_document(r) for r in s.scalars(select(DocumentRow).order_by("seq"))]

    def extractions(self) -> dict[str, DocExtraction]:
        with self.sessions() as s:
            return {
                r.document: DocExtraction.model_validate(r.payload)
                for r in s.scalars(select(ExtractionRow))
            }

    def ids_of_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """Content hash -> store id, for the hashes the store holds."""
        out: dict[str, str] = {}
        with self.sessions() as s:
            for part in _chunks(sorted(set(hashes))):
                query = select(DocumentRow.content_hash, DocumentRow.id).where(
                    DocumentRow.content_hash.in_(part)
                )
                out.update(s.execute(query).all())
        return out

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        with self.sessions() as s:
            query = select(DocumentRow.content_hash).where(
                DocumentRow.content_hash.in_(list(hashes))
            )
            return set(s.scalars(query))

    def problems(self) -> list[Problem]:
        with self.sessions() as s:
            return self._problems(s)

    @staticmethod
    def _problems(s: Session) -> list[Problem]:
        rows = s.scalars(select(ProblemRow).order_by(ProblemRow.id))
        return [_problem_of(r) for r in rows]

    def problem_raw(self) -> list[tuple[Problem, bytes | None, str | None]]:
        """Each stored problem with the bytes kept for it (or why none were)."""
        with self.sessions() as s:
            return [
                (
                    _problem_of(r),
                    r.raw,
                    r.raw_note,
                )
                for r in s.scalars(select(ProblemRow).order_by(ProblemRow.id))
            ]

    def runs(self) -> list[StoredRun]:
        """Every run, oldest first."""
        R = RunRow
        query = select(R.id, R.created_at, R.origin, R.new_documents, R.snapshot_diff.is_not(None))
        with self.sessions() as s:
            return [
                StoredRun(i, _utc(t), o or "", list(n or []), bool(has))
                for i, t, o, n, has in s.execute(query.order_by(R.id))
            ]

    def run_snapshot(self, run_id: int) -> dict[str, Any] | None:
        """The snapshot a run left (None: no such run, or it kept none)."""
        with self.sessions() as s:
            kept = s.scalar(select(RunRow.snapshot_diff.is_not(None)).where(RunRow.id == run_id))
            return self._fold(s, run_id) if kept else None

    def _fold(self, s: Session, upto: int | None) -> dict[str, Any]:
        """The snapshot after run `upto` (None: the last run): its differences replayed,
        from the last snapshot this process saw where it can."""
        start, snap = 0, {}
        cached = self._snap_cache
        if cached is not None and (upto is None or cached[0] <= upto):
            start, snap = cached
        query = select(RunRow.snapshot_diff).where(
            RunRow.id > start, RunRow.snapshot_diff.is_not(None)
        )
        if upto is not None:
            query = query.where(RunRow.id <= upto)
        for diff in s.scalars(query.order_by(RunRow.id)):
            snap = apply_diff(snap, diff)
        return snap

    def seen_sources(self) -> set[str]:
        """Every source a save has read: the batches' documents and the problems. A
        source is here only once the save that read it has committed."""
        with self.sessions() as s:
            seen = {src for row in s.scalars(select(BatchRow.sources)) for src in row or []}
            seen.update(s.scalars(select(ProblemRow.source)))
        return seen

    def counts(self) -> dict[str, int]:
        with self.sessions() as s:
            return {
                "documents": s.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                "extractions": s.scalar(select(func.count()).select_from(ExtractionRow)) or 0,
                "problems": s.scalar(select(func.count()).select_from(ProblemRow)) or 0,
                "batches": s.scalar(select(func.count()).select_from(BatchRow)) or 0,
            }


def open_store(path_or_url: str | Path, settings: Settings | None = None) -> Store:
    """Open (creating if needed) the store at an SQLite path or an SQLAlchemy URL."""
    return Store(path_or_url, settings)
