"""`storyline export`: the store's analysis as CSV / Parquet tables and GeoJSON."""

from __future__ import annotations

import csv
import json

import pytest
from exports import flood_analysis, flood_batch
from typer.testing import CliRunner

from storyline.cli import app
from storyline.models import DocExtraction
from storyline.render.tables import COLUMNS
from storyline.store import open_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "store.sqlite")
    batch = flood_batch()
    with open_store(path) as store:
        store.save(batch, flood_analysis(), [DocExtraction(document=d.id) for d in batch.documents])
    return path


def test_export_csv_writes_every_table_from_the_store(db, tmp_path):
    out = tmp_path / "tables"
    result = runner.invoke(app, ["export", "--db", db, "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in COLUMNS)
    with (out / "claims.csv").open(encoding="utf-8", newline="") as f:
        claims = list(csv.DictReader(f))
    assert [(c["id"], c["group"], c["status"]) for c in claims] == [
        ("c1", "g1", "conflicting"),
        ("c2", "g1", "conflicting"),
    ]


def test_export_geojson_and_parquet(db, tmp_path):
    path = tmp_path / "flood.geojson"
    result = runner.invoke(app, ["export", "--db", db, "--format", "geojson", "-o", str(path)])
    assert result.exit_code == 0, result.output
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert [f["geometry"]["coordinates"] for f in features] == [[-1.5, 52.25]] * 2
    result = runner.invoke(app, ["export", "--db", db, "-f", "parquet", "-o", str(tmp_path / "pq")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pq" / "quotes.parquet").stat().st_size > 0


def test_export_refuses_a_missing_store_and_an_unknown_format(tmp_path, db):
    missing = str(tmp_path / "nothing.sqlite")
    result = runner.invoke(app, ["export", "--db", missing, "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no store" in result.output
    assert not (tmp_path / "nothing.sqlite").exists()
    result = runner.invoke(app, ["export", "--db", db, "--format", "xlsx"])
    assert result.exit_code == 2 and "csv, parquet, geojson" in result.output
    empty = str(tmp_path / "empty.sqlite")
    open_store(empty).close()
    result = runner.invoke(app, ["export", "--db", empty, "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no analysis" in result.output
