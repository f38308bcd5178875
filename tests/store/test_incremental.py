"""The incremental add (`storyline.store.incremental`): a batch is reduced with the
stored stories of its time window only, and only those stories' records are rewritten.
Hand-made compact records (no spaCy); each test that takes `db` runs on SQLite and on
PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np
import pytest

from storyline.config import Settings
from storyline.ingest import IngestResult
from storyline.models import DocExtraction, Document, LocalMention, LocalQuote
from storyline.pipeline import changes, store_batch
from storyline.store import Store, open_store

DIM = 32


def _mention(name: str, start: int, type_: str, cluster: str) -> LocalMention:
    return LocalMention(
        start=start, end=start + len(name), text=name, type=type_, name=name, cluster=cluster
    )


def reports(events, seed: int) -> tuple[IngestResult, list[DocExtraction]]:
    """One document per (event, day offset): `events` are (key, place, person, first
    day as 'YYYY-MM-DD', offsets). A report names its place and person and quotes the
    person; its embedding is the event's direction plus a little noise."""
    rng = np.random.default_rng(seed)
    ingested, found = IngestResult(), []
    for key, place, person, first, offsets in events:
        direction = np.random.default_rng(abs(hash(key)) % 2**32).standard_normal(DIM)
        for offset in offsets:
            day = date.fromisoformat(first) + timedelta(days=offset)
            n = len(ingested.documents) + 1
            text = f"A storm hit {place} on {day.isoformat()}. {person} said the damage was heavy."
            place_at, person_at = text.index(place), text.index(person)
            said = text.index(" said ") + 1
            doc = Document(
                id=f"d{n}",
                source=f"gen/{key}-{offset}.txt",
                title=f"Storm hits {place} ({key})",
                outlet="Coast Daily",
                published=day.isoformat(),
                text=text,
                content_hash=hashlib.sha256(f"{key}{offset}{text}".encode()).hexdigest(),
            )
            vector = direction + 0.2 * rng.standard_normal(DIM)
            found.append(
                DocExtraction(
                    document=doc.id,
                    mentions=[
                        _mention(place, place_at, "GPE", "c1"),
                        _mention(person, person_at, "PERSON", "c2"),
                    ],
                    quotes=[
                        LocalQuote(
                            kind="indirect",
                            start=said + 5,
                            end=len(text) - 1,
                            text=text[said + 5 : -1],
                            cue="said",
                            cue_start=said,
                            cue_end=said + 4,
                            speaker_start=person_at,
                            speaker_end=person_at + len(person),
                            speaker_text=person,
                            speaker_cluster="c2",
                        )
                    ],
                    embedding=(vector / np.linalg.norm(vector)).tolist(),
                )
            )
            ingested.documents.append(doc)
    return ingested, found


# Three seasons, months apart: an add dated in one never needs the others.
WINTER = [
    ("velm", "Velm", "Ana Koval", "2021-01-04", [0, 1, 2]),
    ("arlo", "Arlo", "Ben Tamsin", "2021-01-10", [0, 1]),
    ("oster", "Oster", "Cora Lind", "2021-01-20", [0, 2]),
]
SUMMER = [
    ("brenn", "Brenn", "Dita Marsh", "2021-06-03", [0, 1, 2]),
    ("calder", "Calder", "Emil Stroud", "2021-06-12", [0, 1]),
]
AUTUMN = [
    ("dunmore", "Dunmore", "Fay Orrin", "2021-10-05", [0, 1, 2]),
    ("essel", "Essel", "Gil Parr", "2021-10-15", [0, 1]),
]
# The add: a fourth summer report of Brenn, a new summer event, and Ana Koval (named
# in winter only) quoted about it.
ADD = [
    ("brenn", "Brenn", "Dita Marsh", "2021-06-03", [3]),
    ("farrow", "Farrow", "Ana Koval", "2021-06-20", [0, 1]),
]


def fill(url: str, settings: Settings | None = None) -> None:
    with open_store(url) as store:
        for events, seed in ((WINTER, 1), (SUMMER, 2), (AUTUMN, 3)):
            ingested, found = reports(events, seed)
            store_batch(store, ingested, found, settings)


def add(store: Store, settings: Settings | None = None):
    ingested, found = reports(ADD, 4)
    return store_batch(store, ingested, found, settings)


def groups(store: Store) -> list[list[str]]:
    return sorted(sorted(s.documents) for s in store.load_analysis().stories)


def test_an_add_reads_and_writes_only_its_window(db, monkeypatch):
    fill(db)
    with open_store(db) as store:
        stored = store.counts()["documents"]  # 7 + 5 + 5
        before = {s.id: s for s in store.load_analysis().stories}

        def whole_store(self):
            raise AssertionError("the incremental add read the whole store")

        monkeypatch.setattr(Store, "snapshot", whole_store)
        result = add(store)
        monkeypatch.undo()
        assert result.incremental and len(result.new) == 3
        # the summer stories' five documents are read, none of winter's or autumn's
        assert store.last_read["documents"] == 5 < stored
        assert store.last_read["extractions"] == 5
        after = store.load_analysis()
        assert len(after.documents) == stored + 3
        # untouched stories keep their ids and records; Brenn's story took its report
        brenn = next(s for s in after.stories if "d8" in s.documents)
        assert brenn.id == before[brenn.id].id and len(brenn.documents) == 4
        for story in after.stories:
            untouched = story.id in before and not set(story.documents) & {"d18", "d19", "d20"}
            if untouched and story.documents != before[story.id].documents:
                pytest.fail(f"{story.id} changed without a new document")
        # only the window's records were written: 5 + 3 documents, their stories …
        assert store.last_write["records"] < 3 * (stored + 3)


def test_an_entity_outside_the_window_is_found_in_the_entity_index(db):
    fill(db)
    with open_store(db) as store:
        koval = [e for e in store.load_analysis().entities if e.name == "Ana Koval"]
        add(store)
        after = [e for e in store.load_analysis().entities if e.name == "Ana Koval"]
    assert len(koval) == 1 and len(after) == 1
    assert after[0].id == koval[0].id  # read by its name key, not from the window
    docs = {m.document for m in after[0].mentions}
    assert {"d1", "d2", "d3"} <= docs and {"d19", "d20"} <= docs  # winter kept, June added


def test_the_incremental_add_groups_as_the_whole_reduce(tmp_path):
    fast, slow = str(tmp_path / "fast.sqlite"), str(tmp_path / "slow.sqlite")
    fill(fast)
    fill(slow)
    with open_store(fast) as store:
        assert add(store).incremental
        incremental = groups(store)
        quotes = len(store.load_analysis().quotes)
    with open_store(slow) as store:
        assert not add(store, Settings(rebuild=True)).incremental
        assert groups(store) == incremental
        assert len(store.load_analysis().quotes) == quotes


def test_the_same_batches_give_the_same_store(tmp_path):
    dumps = []
    for name in ("a", "b"):
        url = str(tmp_path / f"{name}.sqlite")
        fill(url)
        with open_store(url) as store:
            add(store)
            dumps.append(store.load_analysis().model_dump_json(exclude={"generated_by"}))
    assert dumps[0] == dumps[1]


def test_the_run_of_an_incremental_add_tells_what_it_added(db):
    fill(db)
    with open_store(db) as store:
        result = add(store)
        delta = changes(store)
    assert result.incremental
    told = {d.id for s in delta.stories for d in s.documents}
    assert result.new == ["d18", "d19", "d20"] and told == set(result.new)


def test_an_undated_report_makes_the_add_reduce_the_whole_store(tmp_path):
    url = str(tmp_path / "store.sqlite")
    fill(url)
    ingested, found = reports(ADD[:1], 5)
    for d in ingested.documents:
        d.published = None
        d.text = d.text.replace("on 2021-06-06", "lately")
    with open_store(url) as store:
        result = store_batch(store, ingested, found)
    assert not result.incremental and len(result.new) == 1
