"""Background processing of added articles: one worker thread, jobs in a queue.

Uploads are checked in the request (size, type, encoding) and written to a private
temporary folder; the worker ingests them into the store, one job at a time, so that
concurrent uploads never write over each other. Each job reports its phase and progress.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from storyline.config import Settings
from storyline.pipeline import add_sources
from storyline.store import Store


@dataclass
class Upload:
    name: str  # safe file name, kept as the document's source ("upload/NAME")
    data: bytes


@dataclass
class Job:
    id: str
    names: list[str]
    state: str = "queued"  # queued, running, done, failed
    phase: str = "Waiting"
    done: int = 0
    total: int | None = None
    added: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    run: int | None = None  # the store's run this job recorded (see /changes)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "state": self.state,
            "phase": self.phase,
            "done": self.done,
            "total": self.total,
            "files": self.names,
            "added": self.added,
            "already_stored": self.known,
            "problems": self.problems,
            "error": self.error,
            "run": self.run,
        }


class Jobs:
    """The queue of add-article jobs and its worker thread."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.jobs: dict[str, Job] = {}
        self.queue: queue.Queue[tuple[Job, list[Upload]]] = queue.Queue()
        self.lock = threading.Lock()
        self.worker = threading.Thread(target=self._run, name="storyline-jobs", daemon=True)
        self.worker.start()

    def submit(self, uploads: list[Upload]) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], names=[u.name for u in uploads])
        with self.lock:
            self.jobs[job.id] = job
        self.queue.put((job, uploads))
        return job

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def wait(self) -> None:
        """Block until every submitted job has finished (tests, shutdown)."""
        self.queue.join()

    def _run(self) -> None:
        while True:
            job, uploads = self.queue.get()
            try:
                self._process(job, uploads)
                job.state, job.phase = "done", "Done"
            except Exception as exc:  # a failed job is reported, never kills the worker
                job.state = "failed"
                job.error = f"{type(exc).__name__}: {exc}"
            finally:
                self.queue.task_done()

    def _process(self, job: Job, uploads: list[Upload]) -> None:
        job.state = "running"
        folder = Path(tempfile.mkdtemp(prefix="storyline-upload-"))
        try:
            names: dict[str, str] = {}
            for i, upload in enumerate(uploads):
                path = folder / f"{i:03d}-{upload.name}"
                path.write_bytes(upload.data)
                names[str(path)] = upload.name

            def rename(source: str) -> str:
                for path, name in names.items():
                    if source == path or source.startswith(path + "#"):
                        return "upload/" + name + source[len(path) :]
                return source

            def progress(phase: str, total: int | None):
                job.phase, job.total, job.done = phase, total, 0

                def tick() -> None:
                    job.done += 1

                return tick

            ingested, result = add_sources(
                self.store, sorted(names), self.settings, progress, rename=rename, origin="web"
            )
            job.run = result.run
            new = set(result.new)
            for doc in ingested.documents:
                store_id = result.ids[doc.id]
                (job.added if store_id in new else job.known).append(store_id)
            job.problems = [
                f"{p.source}{f':{p.line}' if p.line else ''}: {p.reason}" for p in ingested.problems
            ]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
