"""Write the analysis' tables for analysts: CSV or Parquet (a folder, one file per table)
and GeoJSON (one file: geocoded places and the events located at them).

CSV and GeoJSON need only the standard library; Parquet needs the `export` extra
(pyarrow). A blank value is an empty CSV cell / a Parquet null / a JSON null.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from storyline.models import Analysis
from storyline.render.tables import COLUMNS, column_type, require, tables

FORMATS = ("csv", "parquet", "geojson")


def write_csv(analysis: Analysis, folder: Path) -> list[Path]:
    """One `<table>.csv` per table (UTF-8, header row, RFC 4180 quoting)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(analysis).items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS[name], lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written


def write_parquet(analysis: Analysis, folder: Path) -> list[Path]:
    """One `<table>.parquet` per table, with a fixed schema per table."""
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(analysis).items():
        schema = pa.schema([(c, types[column_type(name, c)]) for c in COLUMNS[name]])
        path = folder / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
        written.append(path)
    return written


def geojson(analysis: Analysis) -> dict:
    """A FeatureCollection: each geocoded place (`kind: place`) and each event whose
    place is geocoded (`kind: event`), as Points at [lon, lat]; properties are the
    table rows."""
    built = tables(analysis)
    features = []
    for kind, table in (("place", "entities"), ("event", "events")):
        for row in built[table]:
            if row["lat"] is None or row["lon"] is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "id": row["id"],
                    "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                    "properties": {"kind": kind, **row},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(analysis: Analysis, path: Path) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(geojson(analysis), ensure_ascii=False, indent=1, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return [path]


def export(analysis: Analysis, fmt: str, out: Path) -> list[Path]:
    """Write the analysis in `fmt` to `out` (a folder, or a file for GeoJSON)."""
    if fmt == "csv":
        return write_csv(analysis, out)
    if fmt == "parquet":
        return write_parquet(analysis, out)
    if fmt == "geojson":
        return write_geojson(analysis, out)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
