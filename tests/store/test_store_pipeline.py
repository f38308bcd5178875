"""`analyze(..., Settings(db=...))` and `add_sources` through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.config import Settings
from storyline.pipeline import add_sources
from storyline.store import open_store

pytestmark = pytest.mark.slow

# Written for this test.
ARTICLES = {
    "a.txt": "Dam inspected\n\nEngineers inspected the Halden dam on Monday, officials said.",
    "b.txt": "Dam reopens\n\nThe Halden dam reopened to traffic on Friday after the inspection.",
}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_analyze_with_db_is_idempotent(inputs, tmp_path, nlp):
    db = str(tmp_path / "store.sqlite")
    first = storyline.analyze([str(inputs)], Settings(db=db))
    with open_store(db) as store:
        counts = store.counts()
        stored = store.load_analysis()
    assert counts["documents"] == len(first.documents) == 2
    assert counts["extractions"] == 2
    assert [d.text for d in stored.documents] == [d.text for d in first.documents]
    assert [s.documents for s in stored.stories] == [s.documents for s in first.stories]
    storyline.analyze([str(inputs)], Settings(db=db))
    with open_store(db) as store:
        again = store.counts()
        raw = store.get_raw("d1")
    assert again["documents"] == 2 and again["problems"] == counts["problems"]
    assert raw.raw == (inputs / "a.txt").read_bytes()


def test_add_sources_parses_only_new_documents(inputs, tmp_path, nlp, monkeypatch):
    import storyline.pipeline

    db = str(tmp_path / "store.sqlite")
    with open_store(db) as store:
        add_sources(store, [str(inputs / "a.txt")])
        parsed: list[str] = []
        real = storyline.pipeline.extract_all

        def counting(documents, *args, **kwargs):
            parsed.extend(d.source for d in documents)
            return real(documents, *args, **kwargs)

        monkeypatch.setattr(storyline.pipeline, "extract_all", counting)
        ingested, result = add_sources(store, [str(inputs)])
        assert parsed == [str(inputs / "b.txt")]
        assert result.new == ["d2"]
        analysis = store.load_analysis()
        assert {d.id for d in analysis.documents} == {"d1", "d2"}
        assert all(d.story for d in analysis.documents)
        assert [p.source for p in ingested.problems] == [str(inputs / "empty.txt")]
        assert [p.source for p in analysis.problems] == [str(inputs / "empty.txt")]
        ((_, kept, _),) = store.problem_raw()
        assert kept == b""  # the rejected input's bytes (none here) are kept


def test_adding_documents_keeps_stored_stories(inputs, tmp_path, nlp):
    """Stored documents keep their story when others are added (incremental placing)."""
    db = str(tmp_path / "store.sqlite")
    with open_store(db) as store:
        add_sources(store, [str(inputs / "a.txt")])
        (before,) = store.load_analysis().stories
        other = tmp_path / "c.txt"
        other.write_text(
            "Harvest festival opens\n\nThe annual apple harvest festival opened in the "
            "hill village of Orrin on Saturday with music and a cider contest.",
            encoding="utf-8",
        )
        add_sources(store, [str(inputs / "b.txt"), str(other)])
        after = store.load_analysis()
    story_of = {d.id: d.story for d in after.documents}
    stored = next(s for s in after.stories if "d1" in s.documents)
    assert before.documents == ["d1"] and stored.documents[0] == "d1"
    assert story_of["d3"] != story_of["d1"]  # an unrelated article opens its own story


def test_two_analyze_runs_into_one_postgresql_store(postgres_url, tmp_path):
    """Two `analyze --db` processes at once into one PostgreSQL store, with one article
    in common: every article stored once, the analysis covers all of them."""
    import shutil
    import subprocess
    import sys

    examples = Path(__file__).resolve().parents[2] / "examples"
    texts = sorted((examples / "txt").glob("*.txt"))
    halves = [texts[: len(texts) // 2 + 1], texts[len(texts) // 2 :]]  # one shared
    folders = []
    for n, half in enumerate(halves):
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        for path in half:
            shutil.copy(path, folder / path.name)
        folders.append(folder)
    cli = [sys.executable, "-m", "storyline.cli", "analyze", "--db", postgres_url, "-q"]
    runs = [
        subprocess.Popen(
            [*cli, str(folder), "-o", str(tmp_path / f"out{n}")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, folder in enumerate(folders)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    with open_store(postgres_url) as store:
        docs = store.documents()
        analysis = store.load_analysis()
    assert sorted(Path(d.source).name for d in docs) == [p.name for p in texts]
    assert len({d.content_hash for d in docs}) == len(texts)
    assert sorted(d.id for d in analysis.documents) == sorted(d.id for d in docs)
    assert all(d.story for d in analysis.documents if d.duplicate_of is None)


def _stories_after_batches(tmp_path, batches: list[dict[str, str]]) -> dict[str, str]:
    """File name -> story id in the store after `analyze --db` of each batch in turn."""
    db = str(tmp_path / "store.sqlite")
    for k, batch in enumerate(batches):
        folder = tmp_path / f"batch{k}"
        folder.mkdir()
        for name, text in batch.items():
            (folder / name).write_text(text, encoding="utf-8")
        storyline.analyze([str(folder)], Settings(db=db))
    with open_store(db) as store:
        after = store.load_analysis()
    return {Path(d.source).name: d.story for d in after.documents}


def test_analyze_batches_into_a_store_place_new_documents_afresh(tmp_path, nlp):
    """A batch analysed on its own numbers its stories from s1; those ids must not be
    taken for the store's: a later report of the second story joins the second story."""
    story_of = _stories_after_batches(
        tmp_path,
        [
            {
                "a.txt": "Dam inspected\n\nMarch 1, 2024 - Engineers inspected the Halden dam "
                "on Monday, the Halden water board said.",
                "b.txt": "Harvest festival opens\n\nMarch 2, 2024 - The apple harvest festival "
                "opened in the hill village of Orrin with music and a cider contest, "
                "organisers said.",
            },
            {
                "c.txt": "Cider contest won\n\nMarch 3, 2024 - A farmer from Orrin won the "
                "cider contest at the apple harvest festival in the hill village, organisers "
                "said.",
            },
        ],
    )
    assert story_of["c.txt"] != story_of["a.txt"]


def test_an_older_report_added_later_joins_its_stored_story(tmp_path, nlp):
    """A report dated before every stored one is placed knowing the stored stories, not
    only those older than it (it used to open a story of its own)."""
    story_of = _stories_after_batches(
        tmp_path,
        [
            {
                "a.txt": "Flood closes Halden dam road\n\nMarch 5, 2024 - The Halden dam road "
                "stayed closed on Tuesday after the Varne river flooded the valley, the Halden "
                "water board said.",
                "b.txt": "Varne flood: Halden valley still cut off\n\nMarch 6, 2024 - Villages "
                "in the Halden valley remained cut off as the Varne river flood receded slowly, "
                "the Halden water board said on Wednesday.",
            },
            {
                "c.txt": "Varne river bursts banks in Halden valley\n\nMarch 4, 2024 - The "
                "Varne river burst its banks and flooded the Halden valley on Monday, closing "
                "the Halden dam road, the Halden water board said.",
            },
        ],
    )
    assert story_of["a.txt"] == story_of["b.txt"]
    assert story_of["c.txt"] == story_of["a.txt"]
