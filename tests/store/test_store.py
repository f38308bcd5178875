"""The store: round trip, idempotence, atomic saves, incremental adds, filters, concurrent
writers, portability. Each test that takes `db` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import multiprocessing
import threading

import pytest
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from storyline.ingest import IngestResult
from storyline.models import (
    Analysis,
    BriefingSentence,
    DocExtraction,
    Document,
    Entity,
    Geo,
    MentionRef,
    Problem,
    Quote,
    RawInput,
    Story,
)
from storyline.pipeline import store_batch
from storyline.store import StaleAnalysis, open_store, to_url
from storyline.store.schema import Base

TEXTS = {
    "harbour.txt": "Harbour reopens\n\nThe port of Velm reopened on Monday after a storm.",
    "bridge.txt": "Bridge closed\n\nEngineers closed the Arlo bridge, the council said.",
    "storm.txt": "Storm moves north\n\nThe storm that hit Velm moved north overnight.",
}


def batch(names, start=1, outlet="Coast Daily") -> IngestResult:
    """An IngestResult built by hand (no spaCy): run-local ids from `start`."""
    result = IngestResult()
    for i, name in enumerate(names, start):
        raw = TEXTS[name].encode()
        title, body = TEXTS[name].split("\n\n", 1)
        doc = Document(
            id=f"d{i}",
            source=f"in/{name}",
            title=title,
            outlet=outlet,
            published=f"2021-03-{i:02d}",
            text=body,
            removed=["2 min read"],
            content_hash=hashlib.sha256(raw).hexdigest(),
        )
        result.documents.append(doc)
        result.raw[doc.id] = RawInput(source=doc.source, raw=raw, body=TEXTS[name])
    return result


def extractions(ingested: IngestResult) -> list[DocExtraction]:
    return [DocExtraction(document=d.id) for d in ingested.documents]


def analysis_of(ingested: IngestResult) -> Analysis:
    """A small hand-made analysis over a batch: one story, one place, one quote."""
    docs = [d.model_copy(update={"story": "s1"}) for d in ingested.documents]
    first = docs[0].id
    return Analysis(
        documents=docs,
        stories=[
            Story(
                id="s1",
                title="Storm over Velm",
                documents=[d.id for d in docs],
                start=docs[0].published,
                end=docs[-1].published,
                summary=[
                    BriefingSentence(
                        text="The port reopened.",
                        sources=[first],
                        passages=[MentionRef(document=first, start=0, end=8)],
                    )
                ],
            )
        ],
        entities=[
            Entity(
                id="e1",
                name="Velm",
                type="GPE",
                aliases=["Velm", "Port Velm"],
                geo=Geo(lat=50.0, lon=4.0, country="BE"),
                mentions=[MentionRef(document=first, start=12, end=16)],
            )
        ],
        quotes=[
            Quote(
                id="q1",
                document=first,
                kind="indirect",
                text="the port reopened",
                start=4,
                end=21,
                speaker_name="the council",
            )
        ],
    )


def test_round_trip_keeps_raw_text_metadata_and_analysis(db, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    ingested = batch(["harbour.txt", "bridge.txt"])
    ingested.problems.append(Problem(source=str(bad), reason="binary input", stage="decode"))
    analysis = analysis_of(ingested)
    with open_store(db) as store:
        store.save(ingested, analysis, extractions(ingested))
    with open_store(db) as store:  # reopened: everything came from the database
        loaded = store.load_analysis()
        assert loaded is not None
        assert loaded.model_dump(exclude={"problems"}) == analysis.model_dump(exclude={"problems"})
        assert [p.reason for p in loaded.problems] == ["binary input"]
        raw = store.get_raw("d1")
        assert raw.raw == TEXTS["harbour.txt"].encode() and raw.body == TEXTS["harbour.txt"]
        ((problem, kept, _note),) = store.problem_raw()
        assert problem.source == str(bad) and kept == b"\xff\xfe\x00garbage"
        doc = store.get_document("d2")
        assert doc.text.startswith("Engineers") and doc.removed == ["2 min read"]
        assert doc.story == "s1"
        assert set(store.extractions()) == {"d1", "d2"}
        assert store.get_story("s1").summary[0].passages[0].end == 8
        assert store.get_entity("e1").geo.country == "BE"
        assert store.get_story("nope") is None and store.get_document("d9") is None


def test_identical_content_is_stored_once(db):
    with open_store(db) as store:
        first = batch(["harbour.txt", "bridge.txt"])
        store.save(first, analysis_of(first), extractions(first))
        before = store.counts()
        again = batch(["harbour.txt", "bridge.txt"])
        result = store.save(again, analysis_of(again), extractions(again))
        after = store.counts()
    assert result.new == [] and result.ids == {"d1": "d1", "d2": "d2"}
    assert after["documents"] == before["documents"] == 2
    assert after["problems"] == before["problems"]


def test_interrupted_save_leaves_the_store_as_it_was(db, monkeypatch):
    with open_store(db) as store:
        first = batch(["harbour.txt"])
        store.save(first, analysis_of(first), extractions(first))
        before, run = store.counts(), store.current_run()

        def crash(*args, **kwargs):
            raise RuntimeError("power cut")

        monkeypatch.setattr(type(store), "_write_analysis", crash)
        second = batch(["harbour.txt", "bridge.txt", "storm.txt"])
        with pytest.raises(RuntimeError, match="power cut"):
            store.save(second, analysis_of(second), extractions(second))
        assert store.counts() == before
        assert store.current_run() == run
        assert [d.id for d in store.load_analysis().documents] == ["d1"]


def test_adding_documents_reconciles_the_whole_store_from_stored_extractions(db, monkeypatch):
    import storyline.extract

    with open_store(db) as store:
        first = batch(["harbour.txt", "bridge.txt"])
        store.save(first, analysis_of(first), extractions(first))

        # The second batch has its own run ids (d1, d2) that collide with stored ones.
        second = batch(["bridge.txt", "storm.txt"])

        def no_parsing(*args, **kwargs):
            raise AssertionError("stored documents must not be parsed again")

        monkeypatch.setattr(storyline.extract, "extract_all", no_parsing)
        result = store_batch(store, second, [DocExtraction(document="d2")])
        assert result.ids == {"d1": "d2", "d2": "d3"} and result.new == ["d3"]
        analysis = store.load_analysis()
        assert [d.id for d in analysis.documents] == ["d1", "d2", "d3"]
        assert analysis.documents[2].source == "in/storm.txt"
        assert all(d.story for d in analysis.documents)
        assert set(store.extractions()) == {"d1", "d2", "d3"}


def test_a_batch_analysis_is_moved_onto_store_ids(db):
    with open_store(db) as store:
        first = batch(["harbour.txt"])
        store.save(first, analysis_of(first), extractions(first))
        # Re-analysing the store's documents in another order: run ids differ.
        second = batch(["storm.txt", "harbour.txt"])
        store.save(second, analysis_of(second), extractions(second))
        analysis = store.load_analysis()
    by_source = {d.source: d.id for d in analysis.documents}
    assert by_source == {"in/harbour.txt": "d1", "in/storm.txt": "d2"}
    story = analysis.stories[0]
    assert story.summary[0].sources == ["d2"]  # the batch's d1 is the store's d2
    assert analysis.entities[0].mentions[0].document == "d2"
    assert analysis.quotes[0].document == "d2"


def test_story_filters(db):
    with open_store(db) as store:
        first = batch(["harbour.txt", "bridge.txt"])
        store.save(first, analysis_of(first), extractions(first))
        ids = lambda **kw: [s.id for s in store.list_stories(**kw)]  # noqa: E731
        assert ids() == ["s1"]
        assert ids(q="storm over") == ["s1"]  # title
        assert ids(q="ENGINEERS") == ["s1"]  # a document's text, any case
        assert ids(q="100%_") == []  # LIKE wildcards are escaped
        assert ids(place="port velm") == ids(place="e1") == ["s1"]
        assert ids(entity="velm") == ["s1"]
        assert ids(place="Arlo") == []
        assert ids(outlet="coast daily") == ["s1"] and ids(outlet="Other") == []
        assert ids(date_from="2021-03-02", date_to="2021-03") == ["s1"]
        assert ids(date_from="2021-04") == [] and ids(date_to="2021-02-28") == []


def test_concurrent_saves_from_threads(db):
    with open_store(db) as store:
        errors = []

        def add(names, start):
            try:
                ingested = batch(names, start)
                store_batch(store, ingested, extractions(ingested))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [
            threading.Thread(target=add, args=(names, i))
            for i, names in enumerate([["harbour.txt"], ["bridge.txt"], ["storm.txt"]] * 3)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        docs = store.documents()
        assert sorted(d.id for d in docs) == ["d1", "d2", "d3"]
        assert len({d.content_hash for d in docs}) == 3
        assert len(store.load_analysis().documents) == 3


def test_schema_is_portable_to_postgresql():
    dialect = postgresql.psycopg2.dialect()
    for table in Base.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=dialect))
        assert "BYTEA" in ddl or "raw" not in table.c
        for index in table.indexes:
            CreateIndex(index).compile(dialect=dialect)


def test_store_urls(tmp_path):
    assert to_url("postgresql+psycopg2://u@h/db") == "postgresql+psycopg2://u@h/db"
    assert to_url(tmp_path / "a" / "s.db") == f"sqlite:///{tmp_path / 'a' / 's.db'}"
    assert (tmp_path / "a").is_dir()
    with open_store(f"sqlite:///{tmp_path / 'u.sqlite'}") as store:
        assert store.load_analysis() is None and store.list_stories() == []


def _written_batch(names: list[str]) -> IngestResult:
    """A batch of one-line reports written for the test, one per name."""
    result = IngestResult()
    for i, name in enumerate(names, 1):
        text = f"The {name} depot in Velm reported its stock count on Monday."
        doc = Document(
            id=f"d{i}",
            source=f"in/{name}.txt",
            title=f"Stock count at {name}",
            text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        result.documents.append(doc)
        result.raw[doc.id] = RawInput(source=doc.source, raw=text.encode(), body=text)
    return result


def _add_in_process(url: str, prefix: str, rounds: int) -> None:
    """A writer process with its own connection: each round one new document and one
    that both writers add."""
    with open_store(url) as store:
        for r in range(rounds):
            ingested = _written_batch([f"{prefix}{r}", "shared"])
            store_batch(store, ingested, extractions(ingested))


def test_concurrent_writer_processes_lose_and_duplicate_nothing(db):
    """Two processes add batches at once: every document is stored once, and the current
    analysis covers all of them (one computed before the other's commit is refused and
    computed again)."""
    fork = multiprocessing.get_context("fork")
    rounds = 4
    writers = [fork.Process(target=_add_in_process, args=(db, p, rounds)) for p in "ab"]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]
    expected = sorted(["in/shared.txt"] + [f"in/{p}{r}.txt" for p in "ab" for r in range(rounds)])
    with open_store(db) as store:
        docs = store.documents()
        assert sorted(d.source for d in docs) == expected
        assert sorted(int(d.id[1:]) for d in docs) == list(range(1, len(expected) + 1))
        analysis = store.load_analysis()
        assert sorted(d.id for d in analysis.documents) == sorted(d.id for d in docs)
        assert store.counts()["extractions"] == len(expected)
        assert store.counts()["batches"] == 2 * rounds


def test_an_analysis_that_misses_stored_documents_is_refused(db):
    with open_store(db) as store:
        first = batch(["harbour.txt", "bridge.txt"])
        store.save(first, analysis_of(first), extractions(first))
        before, run = store.counts(), store.current_run()
        # Computed from a snapshot without the stored documents (another writer's).
        other = batch(["storm.txt"])
        with pytest.raises(StaleAnalysis, match="1 documents, the store holds 3"):
            store.save(other, analysis_of(other), extractions(other))
        assert store.counts() == before and store.current_run() == run
        # Through the pipeline the stored corpus is read again and the reduce re-run.
        result = store_batch(store, other, extractions(other), analysis=analysis_of(other))
        assert result.ids == {"d1": "d3"}
        assert [d.id for d in store.load_analysis().documents] == ["d1", "d2", "d3"]


def test_a_warning_stays_a_warning_through_the_store(db, tmp_path):
    ingested = batch(["harbour.txt"])
    warning = Problem(
        source="a.txt", reason="1 undecodable byte replaced", stage="decode", severity="warning"
    )
    ingested.problems += [warning, Problem(source="b.txt", reason="empty", stage="decode")]
    with open_store(db) as store:
        store.save(ingested, analysis_of(ingested), extractions(ingested))
    with open_store(db) as store:
        assert [(p.stage, p.severity) for p in store.problems()] == [
            ("decode", "warning"),
            ("decode", "error"),
        ]
        assert store.load_analysis().problems[0] == warning
