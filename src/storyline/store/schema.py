"""The store's tables (SQLAlchemy 2.x declarative ORM).

Portable on purpose: only generic types (String, Text, LargeBinary, JSON, Integer,
Boolean, DateTime), no dialect-specific SQL, so that the same schema runs on an SQLite
file and on PostgreSQL.

Layout:
- `documents`: one row per distinct input (unique content hash): the raw bytes as read,
  the reader's metadata, and the cleaned text with all ingest metadata.
- `extractions`: the per-document `DocExtraction` (JSON), so that adding documents later
  re-runs only the cross-document reduce, never the spaCy pass over stored documents.
- `problems`: rejected inputs with the reason and, where they could be read, their bytes.
- `batches`: one row per save (what was added, when).
- `runs`: one row per save too, as the run it is (`analyze --db`, an upload job, a
  watch cycle): its origin, the new documents, and how the snapshot of the analysis
  (compact keys) changed with it, from which `storyline changes` tells what it changed.
- `store_state`: one row that every save updates first, so that saves from several
  processes (or machines, on PostgreSQL) take turns on the analysis they write.
- `analysis_runs` + `records` + `story_links`: the analysis of the whole store, one
  record per contract item (JSON payload plus indexed keys), and per story the
  documents, entities, places and outlets it involves, for filtering in SQL. Every
  record but entities and storylines carries the story it belongs to (`story`), so
  that an incremental add replaces one story's records by that key.
- `counters`: the next free number of each record id prefix (`e`, `s`, `q`, …) and of
  each section's `seq`, so an incremental add numbers new records without reading the
  old ones.
- `entity_keys`: the entity index: each stored entity's name keys (type and folded
  name or alias, gazetteer id) -> entity id, read for a batch's entities only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012


class BatchRow(Base):
    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    sources: Mapped[list[Any]] = mapped_column(JSON, default=list)
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    n_new: Mapped[int] = mapped_column(Integer, default=0)
    n_problems: Mapped[int] = mapped_column(Integer, default=0)


class RunRow(Base):
    """One run (one save): when, from where, what it added, and how it changed the
    snapshot of the analysis (compact keys, see `storyline.reconcile.delta.Snapshot`;
    kept as a difference from the run before, `store.snapshots`). No difference (NULL):
    the save kept no snapshot."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), nullable=True)
    origin: Mapped[str] = mapped_column(String(32), default="")
    new_documents: Mapped[list[Any]] = mapped_column(JSON, default=list)
    snapshot_diff: Mapped[dict[str, Any] | None] = mapped_column(
        JSON(none_as_null=True), nullable=True
    )


class StoreStateRow(Base):
    """The single row (id 1) a save locks first; `version` counts the saves."""

    __tablename__ = "store_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)  # insertion order; ids are d<seq>
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), nullable=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    outlet: Mapped[str | None] = mapped_column(String(300), nullable=True, index=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    published_from: Mapped[str | None] = mapped_column(String(16), nullable=True)
    doc_type: Mapped[str] = mapped_column(String(16), default="report")
    language: Mapped[str] = mapped_column(String(16), default="en")
    duplicate_of: Mapped[str | None] = mapped_column(String(32), nullable=True)
    author: Mapped[str | None] = mapped_column(Text, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    removed: Mapped[list[Any]] = mapped_column(JSON, default=list)
    comments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # fields added later
    raw: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    raw_is_text: Mapped[bool] = mapped_column(Boolean, default=False)
    raw_meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ExtractionRow(Base):
    __tablename__ = "extractions"

    document: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class ProblemRow(Base):
    __tablename__ = "problems"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # same problem stored once
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), nullable=True)
    source: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(16))
    raw: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    raw_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AnalysisRunRow(Base):
    __tablename__ = "analysis_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    generated_by: Mapped[str] = mapped_column(String(100), default="")
    schema_version: Mapped[str] = mapped_column(String(16), default="1")
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    current: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # top-level additions


class RecordRow(Base):
    """One contract item of an analysis run: `kind` is the Analysis section."""

    __tablename__ = "records"
    __table_args__ = (
        Index("ix_records_run_kind_key", "run_id", "kind", "key", unique=True),
        Index("ix_records_run_kind_story", "run_id", "kind", "story"),
        Index("ix_records_run_kind_document", "run_id", "kind", "document"),
        Index("ix_records_run_kind_dates", "run_id", "kind", "date_end", "date_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_runs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    key: Mapped[str] = mapped_column(String(64))  # record id, or its position if it has none
    seq: Mapped[int] = mapped_column(Integer)  # order within its section
    story: Mapped[str | None] = mapped_column(String(64), nullable=True)
    document: Mapped[str | None] = mapped_column(String(32), nullable=True)
    date_start: Mapped[str | None] = mapped_column(String(32), nullable=True)
    date_end: Mapped[str | None] = mapped_column(String(32), nullable=True)
    search: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class StoryLinkRow(Base):
    """What a story involves: kind is document, entity, place or outlet."""

    __tablename__ = "story_links"
    __table_args__ = (
        Index("ix_story_links_run_kind_value", "run_id", "kind", "value"),
        Index("ix_story_links_run_story", "run_id", "story"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_runs.id", ondelete="CASCADE"))
    story: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(Text, default="")  # lower-case names, for matching


class CounterRow(Base):
    """A counter of the current analysis: `id:<prefix>` or `seq:<section>` -> next value."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=1)


class EntityKeyRow(Base):
    """The entity index of the current analysis: one name key -> one entity id."""

    __tablename__ = "entity_keys"
    __table_args__ = (
        Index("ix_entity_keys_key", "key"),
        Index("ix_entity_keys_entity", "entity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(300))
    entity: Mapped[str] = mapped_column(String(64))
