"""The Ray engine: the per-document map (parse, extract, embed) on a Ray cluster.

Long-lived actors, one per CPU of the cluster, each load the models once; documents go
to them in batches of `Settings.batch` (the same batches the in-process map embeds
together: a vector depends in its last bits on the batch it was computed in, so equal
batches keep the JSON the same as with the local engine), at most
two batches queued per actor, and the compact `DocExtraction` records come back as
batches finish. The reduce stays in the calling process.

`Settings.address` names the cluster: "auto" (the one `ray start` runs on this
machine), "ray://HOST:10001" or "HOST:6379"; None starts a private Ray for this run
with `Settings.workers` CPUs and stops it afterwards. Every node needs the same
storyline installed (the actors import it); `--data` folders and the cache folder are
passed to the actors through their environment.

Ray is an optional extra: `pip install 'storyline[ray]'`.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from storyline.config import Settings
from storyline.models import DocExtraction, Document

IN_FLIGHT = 2  # batches queued per actor: one running, one ready to start
PASSED_ENV = ("STORYLINE_DATA", "STORYLINE_CACHE_DIR", "STORYLINE_ENCODER")


@dataclass
class RayRun:
    """What the last Ray map did: actors started, documents extracted per node id."""

    actors: int = 0
    documents_per_node: Counter[str] = field(default_factory=Counter)


last_run: RayRun | None = None


class _Extractor:
    """One actor: the models loaded once (from the run's settings), then batch after
    batch."""

    def __init__(self, settings: Settings, env: dict[str, str]) -> None:
        import ray

        os.environ.update(env)  # this actor process's cache folder and the like
        from storyline.extract.nlp import load_nlp
        from storyline.lexicon import Knowledge

        self.nlp = load_nlp(settings)
        self.knowledge = Knowledge.of(settings)
        self.node = ray.get_runtime_context().get_node_id()

    def extract(
        self, documents: list[Document], embed: bool, batch_size: int
    ) -> tuple[str, list[DocExtraction]]:
        from storyline.extract import extract_serial

        return self.node, list(
            extract_serial(documents, self.nlp, self.knowledge, None, embed, batch_size)
        )


def _require_ray():
    try:
        import ray
    except ImportError as exc:
        raise RuntimeError(
            "the Ray engine needs Ray: pip install 'storyline[ray]' (ray==2.60.0)"
        ) from exc
    return ray


def extract_on_ray(
    documents: Sequence[Document],
    settings: Settings,
    progress: Callable[[], None] | None = None,
) -> list[DocExtraction]:
    """Extract every document on the cluster; results in input order."""
    global last_run
    ray = _require_ray()
    own = not ray.is_initialized()
    if own:
        init = {"include_dashboard": False, "log_to_driver": False, "logging_level": "WARNING"}
        if settings.address:
            ray.init(address=settings.address, **init)
        else:
            ray.init(num_cpus=max(1, settings.workers), **init)
    try:
        step = settings.batch
        batches = [list(documents[i : i + step]) for i in range(0, len(documents), step)]
        cpus = int(ray.cluster_resources().get("CPU", 1))
        n_actors = max(1, min(cpus, len(batches)))
        env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
        remote = ray.remote(num_cpus=1)(_Extractor)
        actors = [remote.remote(settings, env) for _ in range(n_actors)]
        run = RayRun(actors=n_actors)
        results: list[list[DocExtraction] | None] = [None] * len(batches)
        pending: dict = {}  # object ref -> (batch index, actor index)
        load = [0] * n_actors
        queue = iter(range(len(batches)))
        embed = settings.embed

        def submit(actor: int) -> bool:
            index = next(queue, None)
            if index is None:
                return False
            ref = actors[actor].extract.remote(batches[index], embed, step)
            pending[ref] = (index, actor)
            load[actor] += 1
            return True

        for actor in range(n_actors):
            for _ in range(IN_FLIGHT):
                submit(actor)
        while pending:
            (ref,), _ = ray.wait(list(pending), num_returns=1)
            index, actor = pending.pop(ref)
            load[actor] -= 1
            node, extracted = ray.get(ref)
            results[index] = extracted
            run.documents_per_node[node] += len(extracted)
            if progress is not None:
                for _ in extracted:
                    progress()
            submit(actor)
        for actor in actors:
            ray.kill(actor)
        last_run = run
        return [x for batch in results for x in batch or []]
    finally:
        if own:
            ray.shutdown()


class LocalCluster:
    """A throw-away Ray cluster of `nodes` nodes on this machine, each a separate
    `ray start --block` process with `cpus` CPUs (the head first), for tests and
    benchmarks: `with LocalCluster(2) as cluster: … cluster.address …`. It is stopped
    by the process ids it started (each `ray start --block` shuts its node down when
    terminated), never by `ray stop`, which would stop every Ray on the machine."""

    def __init__(self, nodes: int = 2, cpus: int = 1, env: dict[str, str] | None = None):
        self.nodes, self.cpus = nodes, cpus
        self.env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"}
        self.env["RAY_USAGE_STATS_ENABLED"] = "0"
        self.processes: list = []
        self.address = ""
        self.temp = ""

    def __enter__(self) -> LocalCluster:
        import shutil
        import tempfile
        import time

        cli = shutil.which("ray", path=os.path.dirname(sys.executable)) or "ray"
        self.temp = tempfile.mkdtemp(prefix="rayt", dir="/tmp")  # short: socket paths
        port = _free_port()
        self.address = f"127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        try:
            for i in range(self.nodes):
                args = ["--node-ip-address=127.0.0.1", *_agent_ports()]
                if i == 0:
                    args += ["--head", f"--port={port}", "--include-dashboard=false"]
                    args += [f"--temp-dir={self.temp}"]
                else:
                    args += [f"--address={self.address}"]
                self.processes.append(self._start(cli, args, deadline))
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _start(self, cli: str, args: list[str], deadline: float):
        """One node, returned once it says it runs. Ray gives a raylet 30 s to register,
        which a loaded machine can miss: then one more try."""
        import time

        for attempt in range(2):
            node, said = self._start_once(cli, args, deadline)
            if node is not None:
                return node
            if attempt == 1 or time.monotonic() > deadline:
                raise RuntimeError("ray start did not come up:\n" + said)
        raise AssertionError("unreachable")

    def _start_once(self, cli: str, args: list[str], deadline: float):
        import subprocess
        import time

        node = subprocess.Popen(
            [cli, "start", "--block", f"--num-cpus={self.cpus}", "--disable-usage-stats", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=self.env,
            start_new_session=True,
        )
        seen: list[str] = []
        assert node.stdout is not None
        for line in node.stdout:  # ends when the process exits
            seen.append(line)
            if "Ray runtime started" in line:
                # keep draining its output so that it never blocks on a full pipe
                import threading

                threading.Thread(target=node.stdout.read, daemon=True).start()
                return node, ""
            if time.monotonic() > deadline:
                break
        _stop_processes([node])
        return None, "".join(seen[-30:])

    def stop(self) -> None:
        import shutil

        _stop_processes(self.processes)
        self.processes = []
        if self.temp:
            shutil.rmtree(self.temp, ignore_errors=True)


def _free_port() -> int:
    import socket
    from contextlib import closing

    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _agent_ports() -> list[str]:
    """Ports Ray would otherwise take at fixed defaults (two nodes on one machine, or
    another Ray running here, would collide)."""
    names = ("--dashboard-agent-listen-port", "--metrics-export-port", "--runtime-env-agent-port")
    return [f"{name}={_free_port()}" for name in names]


def _stop_processes(processes: list) -> None:
    """SIGTERM each `ray start --block` (workers first), wait, then clear its session."""
    import signal
    import subprocess
    from contextlib import suppress

    for node in reversed(processes):
        if node.poll() is None:
            node.send_signal(signal.SIGTERM)
    for node in reversed(processes):
        try:
            node.wait(timeout=60)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(node.pid, signal.SIGKILL)
            node.wait(timeout=30)
        with suppress(ProcessLookupError):  # anything the node left in its session
            os.killpg(node.pid, signal.SIGKILL)
