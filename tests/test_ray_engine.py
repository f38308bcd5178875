"""The Ray engine on a two-node cluster: a head and a worker node started as separate
`ray start` processes on this machine (one CPU each), the examples analysed through it,
both nodes at work, the same JSON as the local engine, the cluster stopped by its pids."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing, suppress
from pathlib import Path

import pytest

from storyline.config import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _ray_cli() -> str:
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Ray is required under CI (pip install 'storyline[ray]')")
        pytest.skip("Ray is not installed (pip install 'storyline[ray]')")
    return str(Path(sys.executable).parent / "ray")


def _free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict[str, str]:
    """This tree first on the path of the nodes' worker processes, output unbuffered."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", RAY_USAGE_STATS_ENABLED="0")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def _start_node(ray: str, args: list[str], deadline: float) -> subprocess.Popen:
    """`ray start --block …`, returned once it says the node runs (it stops its own
    processes when terminated). Ray gives a raylet 30 s to register, which a loaded
    machine can miss: one more try then."""
    try:
        return _start_node_once(ray, args, deadline)
    except AssertionError:
        if time.monotonic() > deadline:
            raise
        return _start_node_once(ray, args, deadline)


def _start_node_once(ray: str, args: list[str], deadline: float) -> subprocess.Popen:
    node = subprocess.Popen(
        [ray, "start", "--block", "--num-cpus=1", "--disable-usage-stats", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_env(),
        start_new_session=True,
    )
    seen = []
    assert node.stdout is not None
    for line in node.stdout:
        seen.append(line)
        if "Ray runtime started" in line:
            return node
        if time.monotonic() > deadline:
            break
    _stop([node])
    raise AssertionError("ray start did not come up:\n" + "".join(seen[-30:]))


def _stop(nodes: list[subprocess.Popen]) -> None:
    """Terminate each `ray start --block` by its pid (it shuts its node down), then make
    sure its process group is gone."""
    for node in reversed(nodes):
        if node.poll() is None:
            node.send_signal(signal.SIGTERM)
    for node in reversed(nodes):
        try:
            node.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(node.pid, signal.SIGKILL)
            node.wait(timeout=30)
        with suppress(ProcessLookupError):  # anything the node left in its session
            os.killpg(node.pid, signal.SIGKILL)


def _analyze(run_cli, out: Path, *args: str) -> subprocess.CompletedProcess:
    # Batches of 4: the examples' 13 originals make 4 tasks, enough for both nodes.
    cli = ("analyze", str(EXAMPLES), "-o", str(out), "-q", "--batch", "4", *args)
    result = run_cli(*cli, env=_env())
    assert result.returncode in (0, 2), result.stderr
    return result


@pytest.mark.slow
def test_two_node_cluster_gives_the_local_output(run_cli, tmp_path):
    ray = _ray_cli()
    temp = tempfile.mkdtemp(prefix="rayt", dir="/tmp")  # short: Ray's socket paths
    port = _free_port()
    deadline = time.monotonic() + 300
    nodes: list[subprocess.Popen] = []
    try:
        head_ports = {
            "--port": port,
            "--dashboard-agent-listen-port": _free_port(),
            "--metrics-export-port": _free_port(),
            "--runtime-env-agent-port": _free_port(),
        }
        nodes.append(
            _start_node(
                ray,
                ["--head", "--node-ip-address=127.0.0.1", "--include-dashboard=false"]
                + [f"--temp-dir={temp}"]
                + [f"{k}={v}" for k, v in head_ports.items()],
                deadline,
            )
        )
        worker_ports = {
            "--dashboard-agent-listen-port": _free_port(),
            "--metrics-export-port": _free_port(),
            "--runtime-env-agent-port": _free_port(),
        }
        nodes.append(
            _start_node(
                ray,
                [f"--address=127.0.0.1:{port}", "--node-ip-address=127.0.0.1"]
                + [f"{k}={v}" for k, v in worker_ports.items()],
                deadline,
            )
        )
        on_ray = _analyze(
            run_cli, tmp_path / "ray", "--engine", "ray", "--address", f"127.0.0.1:{port}"
        )
    finally:
        _stop(nodes)
        shutil.rmtree(temp, ignore_errors=True)
    assert "ray: 2 actors on 2 nodes" in on_ray.stderr, on_ray.stderr
    local = _analyze(run_cli, tmp_path / "local", "--engine", "local", "--workers", "2")
    assert local.returncode == on_ray.returncode
    ours = (tmp_path / "ray" / "storyline.json").read_bytes()
    assert ours == (tmp_path / "local" / "storyline.json").read_bytes()


def test_engine_settings_and_missing_ray(monkeypatch):
    """The engine is a setting; without Ray installed the error names the extra."""
    from storyline import ray_engine

    assert Settings().engine == "local" and Settings().workers >= 1
    assert Settings(engine="ray", address="auto").address == "auto"
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(RuntimeError, match=r"storyline\[ray\]"):
        ray_engine.extract_on_ray([], Settings(engine="ray"))
