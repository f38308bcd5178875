"""Tables for analysts: stable columns, one row per record, CSV/Parquet/GeoJSON that
read back to the same values, and pandas only where it is needed."""

from __future__ import annotations

import csv
import json
import sys

import pytest
from exports import flood_analysis

from storyline.models import Analysis
from storyline.render.export import export, geojson
from storyline.render.tables import COLUMNS, LIST_SEP, MissingExtra, column_type, tables

# The published columns: changing one is a change of the export's contract.
EXPECTED_COLUMNS = {
    "quotes": "id document story outlet published kind certainty speaker speaker_name "
    "speaker_role cue text start end",
    "claims": "id document story outlet published group status certainty revision group_size "
    "group_documents group_note value value_high approx what unit predicate claimant "
    "claimant_name text start end",
    "events": "id date precision when certainty description story place place_name lat lon country "
    "actors actor_names documents",
    "accusations": "id document story outlet published accuser accuser_entity accused "
    "accused_entities negated text start end",
    "entities": "id name type aliases roles stands_for n_mentions n_documents documents lat "
    "lon country gazetteer_id geo_name feature geo_note",
}


@pytest.fixture
def analysis() -> Analysis:
    return flood_analysis()


def test_columns_are_stable_and_every_row_has_them(analysis):
    built = tables(analysis)
    for name, columns in EXPECTED_COLUMNS.items():
        assert COLUMNS[name] == tuple(columns.split())
    for name, rows in built.items():
        for row in rows:
            assert tuple(row) == COLUMNS[name]
    empty = tables(Analysis())
    assert set(empty) == set(built) and all(rows == [] for rows in empty.values())


def test_every_quote_and_claim_appears_once(analysis):
    built = tables(analysis)
    for name, records in (("quotes", analysis.quotes), ("claims", analysis.claims)):
        ids = [row["id"] for row in built[name]]
        assert sorted(ids) == sorted(r.id for r in records) and len(set(ids)) == len(ids)
    assert [row["id"] for row in built["accusations"]] == ["a1"]


def test_rows_carry_groups_places_and_names(analysis):
    built = tables(analysis)
    c1 = next(r for r in built["claims"] if r["id"] == "c1")
    assert (c1["group"], c1["status"], c1["group_size"], c1["group_documents"]) == (
        "g1",
        "conflicting",
        2,
        2,
    )
    assert c1["group_note"] == "12 vs 15, same day" and c1["outlet"] == "Vale Courier"
    v1, v2 = built["events"]
    assert (v1["place_name"], v1["lat"], v1["lon"], v1["actor_names"]) == (
        "Marrow",
        52.25,
        -1.5,
        "Anna Brisk",
    )
    assert v2["place_name"] == "Upper Weir" and v2["lat"] is None and v2["date"] is None
    marrow = built["entities"][0]
    assert marrow["aliases"] == f"Marrow{LIST_SEP}Marrow town"
    assert (marrow["n_mentions"], marrow["documents"]) == (2, f"d1{LIST_SEP}d2")
    (acc,) = built["accusations"]
    assert (acc["accuser_entity"], acc["accused_entities"], acc["story"]) == ("e5", "e3", "s1")


def _as_csv_text(value) -> str:
    return "" if value is None else str(value)


def test_csv_round_trips_without_pandas(analysis, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # csv must not need the extra
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    written = export(analysis, "csv", tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(f"{n}.csv" for n in COLUMNS)
    for name, rows in tables(analysis).items():
        with (tmp_path / "out" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            assert tuple(reader.fieldnames) == COLUMNS[name]
            read = list(reader)
        assert read == [{k: _as_csv_text(v) for k, v in row.items()} for row in rows]
    quote = (tmp_path / "out" / "quotes.csv").read_text(encoding="utf-8")
    assert "école" in quote and '""We lost 12 homes' in quote  # UTF-8, RFC 4180 quoting


def test_geojson_is_valid_points_at_lon_lat(analysis, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    (path,) = export(analysis, "geojson", tmp_path / "map.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == geojson(analysis) and data["type"] == "FeatureCollection"
    kinds = [(f["properties"]["kind"], f["id"]) for f in data["features"]]
    # The geocoded town and the event located there; the weir (no coordinates) and the
    # event at it are left out rather than put at a made-up point.
    assert kinds == [("place", "e1"), ("event", "v1")]
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (-1.5, 52.25)
        assert feature["properties"]["lon"] == lon and feature["properties"]["lat"] == lat
    assert data["features"][1]["properties"]["description"] == "The river rose in Marrow."


def test_parquet_and_frames_keep_values_and_types(analysis, tmp_path):
    import pandas as pd  # the export extra (make test installs it)
    import pyarrow.parquet as pq

    export(analysis, "parquet", tmp_path / "pq")
    built = tables(analysis)
    frames = analysis.frames()
    assert list(frames) == list(COLUMNS)
    for name, rows in built.items():
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert tuple(table.column_names) == COLUMNS[name]
        assert table.to_pylist() == rows
        read = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet", dtype_backend="numpy_nullable")
        pd.testing.assert_frame_equal(read, frames[name], check_dtype=False)
        assert list(frames[name].columns) == list(COLUMNS[name])
        assert len(frames[name]) == len(rows)
    claims = frames["claims"]
    assert claims.loc[claims["id"] == "c2", "value"].item() == 15.0
    assert str(claims["start"].dtype) == "Int64" and str(claims["revision"].dtype) == "boolean"
    # An empty analysis keeps every column and its type.
    empty = Analysis().frames()
    assert str(empty["events"]["lat"].dtype) == "Float64" and empty["events"].empty
    export(Analysis(), "parquet", tmp_path / "empty")
    schema = pq.read_table(tmp_path / "empty" / "events.parquet").schema
    assert str(schema.field("lat").type) == "double"


def test_story_dates_are_text_not_offsets():
    assert column_type("stories", "start") == "str" and column_type("quotes", "start") == "int"


def test_missing_extra_is_one_clear_line(analysis, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match=r"storyline\[export\]"):
        analysis.frames()
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtra, match=r"^pyarrow is not installed: pip install"):
        export(analysis, "parquet", tmp_path / "pq")
    with pytest.raises(ValueError, match="unknown format"):
        export(analysis, "xlsx", tmp_path / "x")
