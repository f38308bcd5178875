"""Runs: every save is a run (id, time, origin, new documents, snapshot), kept in the
same transaction as the documents; `changes` reads the delta of a run or since a point.
Runs on SQLite and on PostgreSQL (the `db` fixture). Hand-made analyses, no spaCy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from runs import analysis, batch
from sqlalchemy import select

from storyline.models import DocExtraction, Problem
from storyline.pipeline import UnknownRun, _snapshot, changes, store_batch
from storyline.store import open_store
from storyline.store.schema import RunRow
from storyline.store.snapshots import apply_diff, diff_snapshots


def save(store, names, full, origin="test"):
    ingested = batch(names)
    x = [DocExtraction(document=d.id) for d in ingested.documents]
    return store.save(ingested, full, x, origin=origin, snapshot=_snapshot)


def test_each_save_is_a_run_with_its_snapshot(db):
    with open_store(db) as store:
        first = save(store, ["a"], analysis([("d1", "Ferry delayed")], {"s1": ["d1"]}))
        # The second batch holds d1 again (stored) and b (new: d2 in the store).
        full = analysis([("d1", "Ferry delayed"), ("d2", "Ferry resumes")], {"s1": ["d1", "d2"]})
        second = save(store, ["a", "b"], full, origin="web")
        runs = store.runs()
        assert [(r.id, r.origin, r.new_documents) for r in runs] == [
            (first.run, "test", ["d1"]),
            (second.run, "web", ["d2"]),
        ]
        assert all(r.created_at.tzinfo is not None and r.has_snapshot for r in runs)
        assert store.seen_sources() == {"in/a.txt", "in/b.txt"}

        latest = changes(store)
        assert latest.run.id == second.run and latest.since.id == first.run
        (story,) = latest.stories
        assert [d.id for d in story.documents] == ["d2"]
        assert [q.who for q in story.quotes] == ["Speaker d2"]
        assert changes(store, run=first.run).stories[0].new
        assert changes(store, since=str(second.run)).empty
        whole = changes(store, since="2000-01-01")  # before every run: all is new
        assert whole.since is None and whole.stories[0].new
        soon = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        assert changes(store, since=soon).empty
        with pytest.raises(UnknownRun):
            changes(store, since="999")
        with pytest.raises(UnknownRun):
            changes(store, since="last tuesday")


def test_a_refused_save_records_no_run(db):
    with open_store(db) as store:
        save(store, ["a"], analysis([("d1", "Ferry delayed")], {"s1": ["d1"]}))
        stale = analysis([("d9", "Nothing")], {"s1": ["d9"]})
        with pytest.raises(Exception):  # noqa: B017 - StaleAnalysis, nothing written
            save(store, ["c"], stale)
        assert len(store.runs()) == 1 and store.counts()["documents"] == 1


def test_store_batch_records_the_run_and_problems_count_as_seen(db, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    ingested = batch(["a"])
    ingested.problems.append(Problem(source=str(bad), reason="empty file"))
    full = analysis([("d1", "Ferry delayed")], {"s1": ["d1"]})
    with open_store(db) as store:
        result = store_batch(
            store, ingested, [DocExtraction(document="d1")], analysis=full, origin="watch"
        )
        assert [(r.id, r.origin) for r in store.runs()] == [(result.run, "watch")]
        assert store.seen_sources() == {"in/a.txt", str(bad)}


def test_snapshots_are_kept_as_differences_and_replay_exactly(db):
    steps = [
        {},
        {"stories": [{"id": "s1", "documents": ["d1"]}], "quotes": [{"key": "k1", "text": "a"}]},
        {"stories": [{"id": "s1", "documents": ["d1", "d2"]}], "quotes": [{"key": "k2"}]},
        {"stories": [{"id": "s2", "documents": ["d1", "d2"]}]},
    ]
    for old, new in pairwise(steps):
        assert apply_diff(old, diff_snapshots(old, new)) == new
    assert diff_snapshots(steps[1], steps[1]) == {}

    with open_store(db) as store:
        save(store, ["a"], analysis([("d1", "Ferry delayed")], {"s1": ["d1"]}))
        full = analysis([("d1", "Ferry delayed"), ("d2", "Ferry resumes")], {"s1": ["d1", "d2"]})
        second = save(store, ["a", "b"], full)
        seen_by_writer = store.run_snapshot(second.run)
    with open_store(db) as fresh:  # another process: nothing cached, replayed from the diffs
        assert fresh.run_snapshot(second.run) == seen_by_writer
        assert [d["id"] for d in seen_by_writer["documents"]] == ["d1", "d2"]
        # The second run kept only what changed: d2, its quote, and the story's documents.
        with fresh.sessions() as s:
            diff = s.scalar(select(RunRow.snapshot_diff).where(RunRow.id == second.run))
        assert [d["id"] for d in diff["documents"]["put"]] == ["d2"]
        assert [q["who"] for q in diff["quotes"]["put"]] == ["Speaker d2"]
        assert fresh.run_snapshot(999) is None
