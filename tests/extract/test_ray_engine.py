"""The Ray engine on a two-node cluster: a head and a worker node started as separate
`ray start` processes on this machine (one CPU each), the examples analysed through it,
both nodes at work, the same JSON as the local engine, the cluster stopped by its pids."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.config import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _require_ray() -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Ray is required under CI (pip install 'storyline[ray]')")
        pytest.skip("Ray is not installed (pip install 'storyline[ray]')")


def _env() -> dict[str, str]:
    """This tree first on the path of the nodes' worker processes, output unbuffered."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", RAY_USAGE_STATS_ENABLED="0")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def _analyze(run_cli, out: Path, *args: str) -> subprocess.CompletedProcess:
    # Batches of 4: the examples' 13 originals make 4 tasks, enough for both nodes.
    cli = ("analyze", str(EXAMPLES), "-o", str(out), "-q", "--batch", "4", *args)
    result = run_cli(*cli, env=_env())
    assert result.returncode in (0, 2), result.stderr
    return result


@pytest.mark.slow
def test_two_node_cluster_gives_the_local_output(run_cli, tmp_path):
    _require_ray()
    from storyline.extract.ray_engine import LocalCluster

    with LocalCluster(nodes=2, cpus=1, env=_env()) as cluster:
        assert len(cluster.processes) == 2
        on_ray = _analyze(
            run_cli, tmp_path / "ray", "--engine", "ray", "--address", cluster.address
        )
        pids = [p.pid for p in cluster.processes]
    for pid in pids:  # stopped by their pids, sessions included
        with pytest.raises(ProcessLookupError):
            os.killpg(pid, 0)
    assert "ray: 2 actors on 2 nodes" in on_ray.stderr, on_ray.stderr
    local = _analyze(run_cli, tmp_path / "local", "--engine", "local", "--workers", "2")
    assert local.returncode == on_ray.returncode
    ours = (tmp_path / "ray" / "storyline.json").read_bytes()
    assert ours == (tmp_path / "local" / "storyline.json").read_bytes()


def test_engine_settings_and_missing_ray(monkeypatch):
    """The engine is a setting; without Ray installed the error names the extra."""
    from storyline.extract import ray_engine

    assert Settings().engine == "local" and Settings().workers >= 1
    assert Settings(engine="ray", address="auto").address == "auto"
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(RuntimeError, match=r"storyline\[ray\]"):
        ray_engine.extract_on_ray([], Settings(engine="ray"))
