"""Start-up cost of `storyline analyze` on one short document: a fresh process each run
(imports, model and knowledge loading, the one document, the three outputs).

    .venv/bin/python bench/startup.py [--runs 5] [--src SRC_DIR]

`--src` runs another checkout's `src/` (e.g. an older commit in a git worktree) with the
same interpreter, for a before/after comparison in one session. Reports the median wall
time and the median CPU time (user + system) of the child process; CPU time is the
steadier figure on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = (
    "Harbour ferry resumes after storms\n\n"
    "The island ferry resumed service on Monday after a week of storms, the operator "
    "said. About 300 passengers crossed on the first day, according to the port "
    "authority. 'We are back to the normal timetable,' said Ana Costa, the operator's "
    "spokeswoman.\n"
)


def run_once(src: Path | None, folder: Path) -> tuple[float, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline.cli",
            "analyze",
            str(folder / "in"),
            "-q",
            "-o",
            str(folder / "out"),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--src", type=Path, default=None, help="another checkout's src/ folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        (folder / "in" / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
        run_once(args.src, folder)  # warm the caches (gazetteer index, encoder export)
        runs = [run_once(args.src, folder) for _ in range(args.runs)]
    walls, cpus = zip(*runs, strict=True)
    print(
        f"src: {args.src or 'installed'}; runs: {args.runs}; "
        f"wall median {statistics.median(walls):.2f} s; "
        f"CPU median {statistics.median(cpus):.2f} s (min {min(cpus):.2f})"
    )


if __name__ == "__main__":
    main()
