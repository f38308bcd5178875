"""Scaling with document length: one long document of 100 kB, 300 kB, 1 MB and 3 MB.

Each document is a generated live blog: the reports of `pipeline.py`'s synthetic events
(quotes, tolls, dates, places, named officials) one after another under one headline,
so its records grow with its length as a real long text's do. Each size runs in a fresh
process (`analyze` on the one file, then writing storyline.json, report.md and
report.html) and reports CPU seconds, wall seconds and the process's peak resident
memory; the run with a ~2 kB document gives the fixed cost (model loading), which is
subtracted before fitting. The growth exponent is the least-squares slope of
log(time above the fixed cost) against log(size): 1.0 is linear.

    .venv/bin/python bench/long_docs.py
    .venv/bin/python bench/long_docs.py --sizes 100000 300000  # a quick subset
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

SIZES = (100_000, 300_000, 1_000_000, 3_000_000)
BASELINE = 2_000


def long_document(size: int, seed: int = 11) -> str:
    """A live blog of about `size` bytes: one headline, then report after report."""
    from pipeline import article, make_event

    rng = random.Random(seed)
    parts = ["Live: the week's disasters and battles, as they happened\n\n"]
    total = len(parts[0])
    event = 0
    while total < size:
        facts = make_event(event, 1100, None)
        event += 1
        body = article(rng, facts).split("\n\n", 1)[-1].strip() + "\n\n"
        parts.append(body)
        total += len(body.encode("utf-8"))
    return "".join(parts)[:size].rsplit("\n", 1)[0] + "\n"


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_one(path: Path, outdir: Path) -> dict:
    """In this (fresh) process: analyze one file and write the reports; the figures."""
    from storyline import analyze
    from storyline.config import Settings
    from storyline.extract.nlp import load_encoder, load_nlp
    from storyline.render import write_outputs

    load_nlp()  # the fixed cost, outside the timing: loading the models
    load_encoder()
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    analysis = analyze([path], Settings())
    cpu1 = cpu_seconds()
    write_outputs(analysis, outdir)
    cpu2, wall2 = cpu_seconds(), time.perf_counter()
    return {
        "bytes": path.stat().st_size,
        "analyze_cpu": round(cpu1 - cpu0, 2),
        "render_cpu": round(cpu2 - cpu1, 2),
        "wall": round(wall2 - wall0, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "quotes": len(analysis.quotes),
        "claims": len(analysis.claims),
        "entities": len(analysis.entities),
        "problems": [p.reason for p in analysis.problems],
    }


def exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) on log(x)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(max(y, 1e-3)) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child mode: the file to analyze
    args = parser.parse_args()
    if args.one:
        with tempfile.TemporaryDirectory() as out:
            print(json.dumps(run_one(Path(args.one), Path(out))))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="long-docs-") as tmp:
        for size in [BASELINE, *args.sizes]:
            path = Path(tmp) / f"live-{size}.txt"
            path.write_text(long_document(size), "utf-8")
            done = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONHASHSEED": "0"},
                check=False,
            )
            if done.returncode != 0:
                print(f"{size:>9,} bytes: failed\n{done.stderr[-2000:]}")
                return 1
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            cpu = row["analyze_cpu"] + row["render_cpu"]
            print(
                f"{row['bytes']:>9,} bytes: analyze {row['analyze_cpu']:7.1f} s CPU, "
                f"reports {row['render_cpu']:6.1f} s, total {cpu:7.1f} s CPU "
                f"({row['wall']:.1f} s wall), peak {row['peak_mb']:,} MB; "
                f"{row['quotes']:,} quotes, {row['claims']:,} claims, "
                f"{row['entities']:,} entities; problems: {row['problems'] or 'none'}",
                flush=True,
            )
    base, sized = rows[0], rows[1:]
    if len(sized) >= 2:
        fixed = base["analyze_cpu"] + base["render_cpu"]
        t = [(r["bytes"], r["analyze_cpu"] + r["render_cpu"] - fixed) for r in sized]
        m = [(r["bytes"], r["peak_mb"] - base["peak_mb"]) for r in sized]
        print(f"time exponent {exponent(t):.2f} (CPU seconds above the {fixed:.1f} s fixed cost)")
        print(f"memory exponent {exponent(m):.2f} (peak MB above the {base['peak_mb']:,} MB base)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
