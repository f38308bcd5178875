"""The quality gate: the whole pipeline on `examples/` and on `../shared/dev/`, scored,
against the floors in `quality_floors.json` (as trafilatura's evaluation gate does).

A change that lowers a figure fails here; a change that raises one raises its floor in
the same commit (`python tests/test_quality_gate.py --update` writes the current figures).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = Path(__file__).with_name("quality_floors.json")
DEV = ROOT.parent / "shared" / "dev"
EXAMPLES = ROOT / "examples"

# Our own examples: which story each article belongs to (file name, or feed row).
EXAMPLE_STORIES = {
    "constanta": ["wire-feed.jsonl#4", "wire-feed.jsonl#5", "constanta"],
    "dondo-falls": ["wire-feed.jsonl#1", "wire-feed.jsonl#2", "2023-10-1"],
    "dondo-retaken": ["wire-feed.jsonl#3", "2024-03-0"],
}


def _example_story(source: str) -> str:
    name = Path(source).name
    for story, keys in EXAMPLE_STORIES.items():
        if name in keys or any(k in name for k in keys if "#" not in k):
            return story
    raise AssertionError(f"{name}: not in EXAMPLE_STORIES")


def bcubed_f1(gold: dict[str, str], pred: dict[str, str]) -> float:
    """B-cubed F1 of a clustering `pred` (item -> cluster) against `gold`."""
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item, g in gold.items():
        by_gold[g].add(item)
        by_pred[pred.get(item, f"alone:{item}")].add(item)
    p = r = 0.0
    for item, g in gold.items():
        mine = by_pred[pred.get(item, f"alone:{item}")]
        right = len(mine & by_gold[g])
        p += right / len(mine)
        r += right / len(by_gold[g])
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def example_metrics(analysis: dict) -> dict[str, float]:
    docs = analysis["documents"]
    story_of = {d: s["id"] for s in analysis["stories"] for d in s["documents"]}
    gold = {d["id"]: _example_story(d["source"]) for d in docs}
    pred = {d["id"]: story_of.get(d["id"], d["id"]) for d in docs}
    quotes = analysis["quotes"]
    return {
        "examples.stories_bcubed_f1": bcubed_f1(gold, pred),
        "examples.dated": sum(bool(d["published"]) for d in docs) / len(docs),
        "examples.quotes_with_speaker": sum(bool(q.get("speaker")) for q in quotes)
        / max(1, len(quotes)),
        "examples.briefed_stories": sum(bool(s["summary"]) for s in analysis["stories"])
        / max(1, len(analysis["stories"])),
    }


def dev_metrics(out: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(DEV / "score.py"), str(DEV / "gold.json"), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {f"dev.{k}": v for k, v in json.loads(done.stdout).items()}


def _analyse(paths: list[Path], out: Path) -> Path:
    import storyline
    from storyline.render.json import render_json

    out.mkdir(parents=True, exist_ok=True)
    analysis = storyline.analyze([str(p) for p in paths])
    path = out / "storyline.json"
    path.write_text(render_json(analysis), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def figures(nlp, tmp_path_factory) -> dict[str, float]:
    base = tmp_path_factory.mktemp("gate")
    examples = _analyse([EXAMPLES], base / "examples")
    found = example_metrics(json.loads(examples.read_text(encoding="utf-8")))
    if DEV.is_dir():
        found |= dev_metrics(_analyse([DEV / "articles"], base / "dev"))
    return found


def test_no_figure_below_its_floor(figures):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    if not DEV.is_dir():
        floors = {k: v for k, v in floors.items() if not k.startswith("dev.")}
    low = {
        k: (round(figures.get(k, 0.0), 3), floor)
        for k, floor in floors.items()
        if figures.get(k, 0.0) + 1e-9 < floor
    }
    assert low == {}, f"below the floor (figure, floor): {low}"


def test_every_figure_has_a_floor(figures):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert sorted(set(figures) - set(floors)) == []


def test_bcubed_of_a_known_clustering():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed_f1(gold, {"a": 1, "b": 1, "c": 2}) == 1.0
    assert math.isclose(bcubed_f1(gold, {"a": 1, "b": 1, "c": 1}), 2 * (5 / 9) / (5 / 9 + 1))


if __name__ == "__main__" and "--update" in sys.argv:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        ex = _analyse([EXAMPLES], base / "examples")
        current = example_metrics(json.loads(ex.read_text(encoding="utf-8")))
        current |= dev_metrics(_analyse([DEV / "articles"], base / "dev"))
    floors = {k: math.floor(v * 1000) / 1000 for k, v in sorted(current.items())}
    FLOORS.write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(floors, indent=1))
