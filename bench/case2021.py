"""CASE 2021 Task 2 (event typing) through `storyline code`: weighted, micro and macro F1.

Reads `../shared/bench/case2021-task2` (never copied here). Development used the
odd-numbered ids only (`--ids odd`); the figures in docs/quality.md are the
even-numbered ids (`--ids even`), run once at the end. Each sub-task is scored on the
rows whose gold type belongs to it, with the coder restricted to that sub-task's types
(sub-task 1: the 25 seen types; 2: + ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER;
3: + DIPLO, ATTRIB), as the task's own evaluation did.

    python bench/case2021.py --ids even [--errors 20]
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from storyline.extract.event_types import GROUPS, load_event_types
from storyline.lexicon import Knowledge

DATA = Path(__file__).resolve().parents[2] / "shared/bench/case2021-task2/task2"
SUBTASKS = {1: "seen", 2: "announced", 3: "all"}


def read(ids: str) -> list[tuple[str, str, str]]:
    path = DATA / "test_dataset/test_set_final_release_with_labels.tsv"
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    keep = {"odd": 1, "even": 0}.get(ids)
    return [
        (r[0], r[1], r[2].strip())
        for r in rows
        if len(r) >= 3 and (keep is None or int(r[0]) % 2 == keep)
    ]


def f1s(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    labels = sorted(set(gold))
    per: dict[str, float] = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label and g != label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        per[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    counts = Counter(gold)
    weighted = sum(per[label] * counts[label] for label in labels) / len(gold)
    micro = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    macro = sum(per.values()) / len(per)
    return weighted, micro, macro


def code(rows: list[tuple[str, str, str]], group: str) -> list[str]:
    """The product's own `storyline code` over the rows (id<TAB>text on stdin)."""
    lines = "".join(f"{i}\t{' '.join(t.split())}\n" for i, t, _ in rows)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "code", "-", "--types", group],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode not in (0, 2):
        raise SystemExit(done.stderr)
    coded = dict(line.split("\t", 1) for line in done.stdout.splitlines() if "\t" in line)
    return [coded.get(i, "OTHER") for i, _, _ in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", choices=["odd", "even", "all"], default="odd")
    parser.add_argument("--errors", type=int, default=0, help="print N confusions per sub-task")
    args = parser.parse_args()
    rows = read(args.ids)
    groups = {t.name: t.group for t in load_event_types(Knowledge()).types}
    for task, group in SUBTASKS.items():
        allowed = GROUPS[group]
        mine = [r for r in rows if groups.get(r[2]) in allowed]
        pred = code(mine, group)
        gold = [r[2] for r in mine]
        w, mi, ma = f1s(gold, pred)
        print(
            f"sub-task {task} ({args.ids} ids, {len(mine)} snippets): "
            f"weighted F1 {w:.3f}  micro {mi:.3f}  macro {ma:.3f}"
        )
        if args.errors:
            confusions = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
            for (g, p), n in confusions.most_common(args.errors):
                print(f"   {n:3d}  {g} -> {p}")


if __name__ == "__main__":
    main()
