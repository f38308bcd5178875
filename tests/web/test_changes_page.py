"""The 'What changed' page: a run's delta, selectable by run, every line citing its
documents as links; no external asset. Hand-made runs (no spaCy)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from runs import analysis, batch

from storyline.models import DocExtraction
from storyline.pipeline import _snapshot
from storyline.store import open_store
from storyline.web import create_app


@pytest.fixture
def client(tmp_path):
    store = open_store(tmp_path / "s.sqlite")
    first = batch(["a"])
    full = analysis([("d1", "Ferry delayed")], {"s1": ["d1"]})
    store.save(first, full, [DocExtraction(document="d1")], origin="test", snapshot=_snapshot)
    second = batch(["a", "b"])
    full = analysis([("d1", "Ferry delayed"), ("d2", "Ferry resumes")], {"s1": ["d1", "d2"]})
    x = [DocExtraction(document=d.id) for d in second.documents]
    store.save(second, full, x, origin="web", snapshot=_snapshot)
    with TestClient(create_app(store), base_url="http://127.0.0.1") as c:
        yield c
    store.close()


def test_the_latest_run_is_shown_and_older_ones_selectable(client):
    page = client.get("/changes")
    assert page.status_code == 200
    assert "New document d2" in page.text and 'href="/documents/d2"' in page.text
    assert "New document d1" not in page.text
    assert '<option value="1"' in page.text and '<option value="2" selected' in page.text
    older = client.get("/changes?run=1")
    assert "New story" in older.text and 'href="/documents/d1"' in older.text
    assert client.get("/changes?run=99").status_code == 404
    assert not re.search(r'(src|href)="(https?:)?//', page.text)
    assert 'href="/changes"' in client.get("/").text  # in the navigation
