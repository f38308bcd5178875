"""Data out: export a store's analysis in every format and check what comes back.

    .venv/bin/python bench/export.py --db STORE.sqlite [--keep DIR]

Runs `storyline export` (in process) for csv, parquet and geojson, then reads every file
back (csv module, pyarrow, json) and checks: each table's columns are the published
ones; every quote, claim and event id of the analysis appears exactly once; the values
read back equal the tables' rows (CSV as text, Parquet exactly); every GeoJSON feature
is a Point at [lon, lat] inside the valid range. Prints rows per table, the features,
the failures (none expected) and the seconds each format took.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.render.tables import COLUMNS, tables
from storyline.store import open_store


def text(value) -> str:
    return "" if value is None else str(value)


def check(db: str, out: Path) -> int:
    with open_store(db) as store:
        analysis = store.load_analysis()
    if analysis is None:
        print(f"{db} holds no analysis")
        return 1
    built = tables(analysis)
    failures: list[str] = []
    runner = CliRunner()
    seconds = {}
    for fmt, target in (
        ("csv", out / "csv"),
        ("parquet", out / "parquet"),
        ("geojson", out / "map.geojson"),
    ):
        start = time.perf_counter()
        result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "-o", str(target)])
        seconds[fmt] = time.perf_counter() - start
        if result.exit_code != 0:
            failures.append(f"{fmt}: exit {result.exit_code}: {result.output.strip()}")
    import pyarrow.parquet as pq

    for name, rows in built.items():
        with (out / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if tuple(reader.fieldnames or ()) != COLUMNS[name]:
                failures.append(f"{name}.csv: columns differ")
            read = list(reader)
        if read != [{k: text(v) for k, v in row.items()} for row in rows]:
            failures.append(f"{name}.csv: values differ")
        table = pq.read_table(out / "parquet" / f"{name}.parquet")
        if tuple(table.column_names) != COLUMNS[name] or table.to_pylist() != rows:
            failures.append(f"{name}.parquet: columns or values differ")
    for name, records in (
        ("quotes", analysis.quotes),
        ("claims", analysis.claims),
        ("events", analysis.events),
    ):
        counts = Counter(row["id"] for row in built[name])
        if counts != Counter(r.id for r in records) or max(counts.values(), default=1) != 1:
            failures.append(f"{name}: ids not each once")
    features = json.loads((out / "map.geojson").read_text(encoding="utf-8"))["features"]
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        props = f["properties"]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90) or (lon, lat) != (
            props["lon"],
            props["lat"],
        ):
            failures.append(f"geojson {f['id']}: bad coordinates")
    kinds = Counter(f["properties"]["kind"] for f in features)
    print("rows:", {name: len(rows) for name, rows in built.items()})
    print("geojson features:", dict(kinds))
    print("seconds:", {k: round(v, 2) for k, v in seconds.items()})
    print("failures:", failures or "none")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--keep", type=Path, help="Write the exports here (else a temp dir).")
    args = parser.parse_args()
    if args.keep:
        return check(args.db, args.keep)
    with tempfile.TemporaryDirectory() as tmp:
        return check(args.db, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
