"""`storyline watch`: new files of a folder (or new entries of a feed file) analysed into
the store, one run per cycle; a bad file is named and the rest goes on; a watch over 200
documents arriving in 10 batches, killed mid-batch, resumes without losing or duplicating
anything. Generated, invented texts."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.config import Settings
from storyline.store import open_store
from storyline.watch import parse_every, pending_files, run_cycle

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def article(i: int) -> str:
    """An invented short report, different for every i."""
    return (
        f"Storm damages roofs in Brennmoor {i}\n\n"
        f"A storm damaged {i + 3} roofs in the village of Brennmoor {i} on Monday, the fire "
        f"service said. Residents of the village cleared fallen branches from the roads in "
        f"the afternoon, and the school stayed closed for {i % 5 + 1} days.\n"
    )


def drop(folder: Path, start: int, count: int) -> list[Path]:
    """Write articles start..start+count-1 as a writer should: a .part name, renamed."""
    paths = []
    for i in range(start, start + count):
        part = folder / f"storm-{i:03d}.txt.part"
        part.write_text(article(i), encoding="utf-8")
        final = folder / f"storm-{i:03d}.txt"
        part.rename(final)
        paths.append(final)
    return paths


def test_every_parses_units():
    assert parse_every("10m") == 600 and parse_every("30s") == 30 and parse_every("2") == 2
    assert parse_every("1.5h") == 5400
    for bad in ("", "0", "-1m", "ten minutes", "5y"):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_pending_files_skip_partial_hidden_and_seen(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt.part", ".hidden.txt", "d.tmp", "e.txt~"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "f.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "g.jsonl").write_text("x")
    seen = {str(tmp_path / "a.txt"), str(tmp_path / "sub" / "g.jsonl") + "#2"}
    assert pending_files(tmp_path, seen) == [str(tmp_path / "b.txt")]


@pytest.mark.slow
def test_watch_once_survives_a_bad_file_and_reads_nothing_twice(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    drop(folder, 1, 2)
    (folder / "broken.txt").write_bytes(b"")
    db = str(tmp_path / "store.sqlite")
    out = tmp_path / "deltas"
    done = runner.invoke(app, ["watch", str(folder), "--db", db, "--once", "-o", str(out)])
    assert done.exit_code == 2, done.output  # a rejected input, the rest analysed
    assert (out / "run-1.md").read_text(encoding="utf-8") == done.stdout
    named = [line for line in done.stderr.splitlines() if "broken.txt" in line]
    assert len(named) == 1 and named[0].startswith("rejected")
    assert "New document d1" in done.stdout and "New document d2" in done.stdout
    with open_store(db) as store:
        assert store.counts()["documents"] == 2
        ((problem, raw, _),) = store.problem_raw()
        assert problem.source.endswith("broken.txt") and raw == b""
        runs = len(store.runs())
    again = runner.invoke(app, ["watch", str(folder), "--db", db, "--once"])
    assert again.exit_code == 0, again.output
    assert again.stdout == "" and "broken" not in again.stderr
    with open_store(db) as store:
        assert len(store.runs()) == runs  # nothing new, no run


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Brennmoor Weekly</title>
{items}
</channel></rss>
"""
ITEM = (
    "<item><title>Storm report {i}</title><link>https://example.invalid/{i}</link>"
    "<pubDate>Mon, 0{i} Mar 2026 10:00:00 GMT</pubDate>"
    "<description>{text}</description></item>"
)


def feed(path: Path, numbers: list[int]) -> None:
    items = "\n".join(ITEM.format(i=i, text=article(i).split("\n\n")[1]) for i in numbers)
    path.write_text(FEED.format(items=items), encoding="utf-8")


@pytest.mark.slow
def test_a_feed_file_yields_only_its_new_entries(tmp_path, nlp):
    path = tmp_path / "feed.xml"
    feed(path, [1, 2])
    with open_store(tmp_path / "store.sqlite") as store:
        settings = Settings(db=store.url)
        first = run_cycle(store, path, settings)
        assert first.new_documents == ["d1", "d2"] and first.run is not None
        assert run_cycle(store, path, settings).run is None  # unchanged feed: no run
        feed(path, [3, 1, 2])  # a new entry on top
        third = run_cycle(store, path, settings)
        assert third.new_documents == ["d3"]
        cited = {d.id for s in third.delta.stories for d in s.documents}
        assert cited == {"d3"}


def _stored(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("select id, source from documents order by seq").fetchall()
        except sqlite3.OperationalError:  # not created yet
            return []


def _wait(condition, timeout: float, what: str, poll: float = 0.2) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(poll)
    raise AssertionError(f"timed out waiting for {what}")


def _watch(folder: Path, db: Path, log: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "storyline.cli", "watch", str(folder), "--db", str(db), *extra]
    # A session of its own: the kill reaches the watch and any worker it started.
    return subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=log.open("w"), env=env, start_new_session=True
    )


# Invented words for generated reports of many kinds (no real place or person).
TOWNS = ["Ardley", "Brisk", "Corvane", "Dunmere", "Elsholt", "Farrowby", "Glennis", "Hatherow",
         "Ivenford", "Jarrowmoor", "Kelsby", "Lunmarch", "Morrowind", "Nethercross", "Orrin",
         "Pellbrook", "Quarrendon", "Rothwick", "Sallowmere", "Tarnby", "Ulverholt", "Vennick",
         "Wexmoor"]  # fmt: skip
HAPPENINGS = [
    ("Bridge closed in {town}", "Engineers closed the old bridge in {town} after finding {n} "
     "cracked beams, the county roads office said on {day}."),
    ("Floods reach {town}", "Flood water reached {n} houses in {town} on {day}, and the "
     "river was still rising in the evening, the water board said."),
    ("{town} council approves budget", "The council of {town} approved a budget of {n} "
     "thousand crowns on {day} after a long debate about the harbour."),
    ("Fire at {town} sawmill", "A fire destroyed a sawmill in {town} on {day}; {n} workers "
     "left the building unhurt, the fire brigade said."),
    ("{town} school reopens", "The primary school of {town} reopened on {day} after repairs "
     "to its roof, with {n} pupils back in class."),
    ("Strike halts {town} buses", "Bus drivers in {town} stopped work on {day} over pay, "
     "leaving {n} routes without service, their union said."),
    ("{town} market moves", "The weekly market of {town} moved to the old square on {day}; "
     "{n} stalls opened there in the morning."),
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def report(i: int) -> str:
    """Generated report number i: a kind, a town, a day and a number of its own."""
    title, body = HAPPENINGS[i % len(HAPPENINGS)]
    town = TOWNS[(i * 5) % len(TOWNS)]
    fields = {"town": town, "n": 10 + 7 * i, "day": DAYS[(i // 3) % 7]}
    return f"{title.format(**fields)} (report {i})\n\n{body.format(**fields)}\n"


def drop_reports(folder: Path, numbers: range) -> list[Path]:
    """Write reports under .part names, then rename them all: a batch lands at once."""
    parts = []
    for i in numbers:
        part = folder / f"report-{i:03d}.txt.part"
        part.write_text(report(i), encoding="utf-8")
        parts.append(part)
    finals = [part.with_suffix("") for part in parts]
    for part, final in zip(parts, finals, strict=True):
        part.rename(final)
    return finals


BATCHES, PER_BATCH, KILLED_IN = 10, 20, 4  # 200 documents; batch 5 (index 4) is cut


@pytest.mark.slow
def test_a_watch_over_ten_batches_killed_mid_batch_loses_and_repeats_nothing(tmp_path):
    """200 generated reports arrive in 10 batches of 20; the watch is SIGKILLed while
    reading batch 5 and restarted; the last batches land while cycles are running.
    Every file ends up stored exactly once, in exactly one run."""
    assert len({report(i) for i in range(1, 201)}) == 200
    folder, db = tmp_path / "in", tmp_path / "store.sqlite"
    folder.mkdir()
    log = tmp_path / "watch.log"
    readings = lambda: log.read_text().count("reading ")  # noqa: E731 (cycles begun)
    written: list[Path] = []
    numbers = [range(1 + b * PER_BATCH, 1 + (b + 1) * PER_BATCH) for b in range(BATCHES)]
    proc = _watch(folder, db, log, "--every", "0.3s")
    try:
        for b in range(KILLED_IN):  # one batch at a time, each stored before the next
            written += drop_reports(folder, numbers[b])
            want = len(written)
            _wait(lambda n=want: len(_stored(db)) == n, 180, f"batch {b + 1} to be stored")
        before = readings()
        written += drop_reports(folder, numbers[KILLED_IN])
        # Kill as soon as the watch says it is reading the batch: mid-batch.
        _wait(lambda: readings() > before, 60, "the cut batch to start", poll=0.02)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)
    assert len(_stored(db)) == KILLED_IN * PER_BATCH, "the kill landed after the batch was saved"
    # Restarted; the remaining batches arrive while it works, with a bad file among them.
    log2 = tmp_path / "watch2.log"
    proc = _watch(folder, db, log2, "--every", "0.3s")
    try:
        reads = lambda: log2.read_text().count("reading ")  # noqa: E731
        _wait(lambda: reads() == 1, 120, "the restarted watch to read")
        for b in range(KILLED_IN + 1, BATCHES):
            # Each batch lands while the cycle before it is at work.
            written += drop_reports(folder, numbers[b])
            if b == BATCHES - 1:
                (folder / "garbled.txt").write_bytes(bytes(range(256)) * 4)  # binary: rejected
            # a liveness bound, not a speed check: a cycle on a loaded 2-core box is slow
            _wait(lambda n=b: reads() >= n - KILLED_IN + 1, 300, f"batch {b + 1} to be read")
        _wait(lambda: len(_stored(db)) == BATCHES * PER_BATCH, 300, "all 200 to be stored")
        _wait(lambda: "rejected" in log2.read_text(), 60, "the bad file to be rejected")
        # the cycle's 'run' line comes after its save: wait for it before the kill
        runs_logged = lambda: sum(  # noqa: E731
            line.startswith("run ") for line in log2.read_text().splitlines()
        )
        _wait(lambda: runs_logged() >= BATCHES - KILLED_IN, 60, "the last run to be logged")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    logs = (log.read_text() + log2.read_text()).splitlines()
    assert not [line for line in logs if "cycle failed" in line], logs
    rejected = [line for line in logs if line.startswith("rejected")]
    assert len(rejected) == 1 and "garbled.txt" in rejected[0], logs
    runs_after = [line for line in log2.read_text().splitlines() if line.startswith("run ")]
    assert len(runs_after) == BATCHES - KILLED_IN, runs_after  # the cut batch, then one each

    stored = _stored(db)
    sources = [source for _, source in stored]
    assert len(written) == 200 and sorted(sources) == sorted(str(p) for p in written)
    assert [i for i, _ in stored] == [f"d{n}" for n in range(1, 201)]  # gapless, none twice
    with open_store(db) as store:
        runs = store.runs()
        added = [d for r in runs for d in r.new_documents]
        assert sorted(added) == sorted(i for i, _ in stored) and len(set(added)) == len(added)
        assert {r.origin for r in runs} == {"watch"}
        assert pending_files(folder, store.seen_sources()) == []  # a restart reads nothing
        assert store.counts()["documents"] == 200
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "storyline.cli", "watch", str(folder), "--db", str(db), "--once"]
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0 and again.stdout == "", again.stderr
    assert _stored(db) == stored
