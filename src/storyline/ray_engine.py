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
    """One actor: the models loaded once, then batch after batch."""

    def __init__(self, aliases: list[str], env: dict[str, str]) -> None:
        import ray

        os.environ.update(env)
        from storyline.nlp import load_nlp

        self.nlp = load_nlp(tuple(aliases))
        self.node = ray.get_runtime_context().get_node_id()

    def extract(
        self, documents: list[Document], embed: bool, batch_size: int
    ) -> tuple[str, list[DocExtraction]]:
        from storyline.extract import extract_serial

        return self.node, list(extract_serial(documents, self.nlp, None, embed, batch_size))


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
        aliases = [str(a) for a in settings.aliases]
        actors = [remote.remote(aliases, env) for _ in range(n_actors)]
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
