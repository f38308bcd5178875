"""Throughput of the engines: `storyline analyze` on one generated corpus with the local
engine on 1 and 2 processes, and with the Ray engine on a two-node cluster on this
machine (head and worker as separate `ray start` processes, one CPU each).

    .venv/bin/python bench/engines.py --n 400

Articles come from `bench/pipeline.py`'s generator. Each configuration is a whole CLI
run in a fresh process (start-up and model loading included; the Ray cluster is started
before its run and not counted). Documents per second are wall-clock figures, so the
load average of the machine is printed beside them; the JSON of every run is compared
with the first (same `--batch`: it must be byte-identical).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline import generate


def run(folder: Path, out: Path, *args: str) -> float:
    cmd = [sys.executable, "-m", "storyline.cli", "analyze", str(folder), "-o", str(out), "-q"]
    t0 = time.perf_counter()
    done = subprocess.run([*cmd, *args], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode not in (0, 2):
        raise SystemExit(done.stderr[-3000:])
    for line in done.stderr.splitlines():
        if line.startswith("ray:"):
            print("   ", line)
    return wall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--skip-ray", action="store_true")
    args = ap.parse_args()
    from storyline.extract.ray_engine import LocalCluster

    work = Path(tempfile.mkdtemp(prefix="engines-"))
    folder = work / "in"
    folder.mkdir()
    generate(args.n, folder)
    results: dict[str, float] = {}
    outputs: dict[str, bytes] = {}
    configs = [("local, 1 process", ["--workers", "1"]), ("local, 2 processes", ["--workers", "2"])]
    for name, extra in configs:
        out = work / name.replace(" ", "_").replace(",", "")
        results[name] = run(folder, out, *extra)
        outputs[name] = (out / "storyline.json").read_bytes()
        print(f"{name}: {results[name]:.1f} s, {args.n / results[name]:.2f} docs/s", flush=True)
    if not args.skip_ray:
        env = {"PYTHONPATH": os.environ.get("PYTHONPATH", "")}
        with LocalCluster(nodes=2, cpus=1, env=env) as cluster:
            name = "ray, 2 nodes x 1 CPU"
            out = work / "ray"
            results[name] = run(folder, out, "--engine", "ray", "--address", cluster.address)
            outputs[name] = (out / "storyline.json").read_bytes()
            print(f"{name}: {results[name]:.1f} s, {args.n / results[name]:.2f} docs/s")
    first = next(iter(outputs.values()))
    same = all(v == first for v in outputs.values())
    print(f"identical storyline.json across runs: {same}")
    if "ray, 2 nodes x 1 CPU" in results:
        ratio = results["local, 2 processes"] / results["ray, 2 nodes x 1 CPU"]
        print(f"ray / local-2 throughput: {ratio:.2f}")
    print(f"load average after: {os.getloadavg()[0]:.1f} (2 cores shared)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
