"""The `storyline` command line.

Exit status: 0 all inputs used; 2 some inputs rejected (each named on stderr with the
reason, the rest processed in full); 1 nothing could be done (no inputs, bad options).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from storyline.config import Settings
from storyline.lexicon.files import folders_from_env

app = typer.Typer(
    name="storyline",
    help="Turn a pile of news articles into one source-attributed, cross-checked account.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

EXIT_OK, EXIT_FAILED, EXIT_REJECTED = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        from storyline.config import VERSION

        typer.echo(f"storyline {VERSION}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Storyline command line."""


class _RichProgress:
    """Adapts rich's progress bars to the pipeline's `Progress` callback."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = None

    def __call__(self, phase: str, total: int | None):
        if self.task is not None:
            self.progress.update(self.task, completed=self.progress.tasks[self.task].total or 0)
        self.task = self.progress.add_task(phase, total=total)
        task = self.task
        return lambda: self.progress.advance(task)


DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        help="Folder of data files extending the bundled ones (repeatable; after it, the "
        "folders in STORYLINE_DATA)."
    ),
]


def data_folders(folders: list[Path] | None) -> list[Path]:
    """The run's data folders: --data ones first, then those named by STORYLINE_DATA."""
    for folder in folders or []:
        if not folder.is_dir():
            raise typer.BadParameter(f"{folder} is not a folder", param_hint="--data")
    return [*(folders or []), *folders_from_env()]


def report_problems(problems) -> None:
    """One line per rejected input (or warning): what, where, why. No tracebacks."""
    from rich.markup import escape

    for p in problems:
        where = f"{p.source}:{p.line}" if p.line else p.source
        # escaped: file names and reasons may hold '[...]', which rich reads as markup
        label = "warning" if p.severity == "warning" else "rejected"
        line = f"[yellow]{label}[/] {escape(where)}: {escape(p.reason)}"
        err.print(line, markup=True, soft_wrap=True)


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, globs, URLs (with --fetch), or '-'.")
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output directory.")] = Path("out"),
    db: Annotated[
        str | None, typer.Option(help="Store: SQLite path or SQLAlchemy URL (postgresql://…).")
    ] = None,
    fetch: Annotated[bool, typer.Option(help="Fetch http(s) inputs (network).")] = False,
    aliases: Annotated[
        list[Path] | None, typer.Option(help="Extra actor-alias file (repeatable).")
    ] = None,
    data: DataOption = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Processes for per-document extraction (default: every core)."),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="Where per-document extraction runs: local or ray.")
    ] = "local",
    batch: Annotated[
        int, typer.Option(min=1, help="Documents per encoder call and per engine task.")
    ] = 32,
    address: Annotated[
        str | None,
        typer.Option(help="Ray cluster address (with --engine ray): auto, HOST:PORT, ray://…"),
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this.")] = 5_000_000,
    rebuild: Annotated[
        bool,
        typer.Option(
            help="With --db: reduce the whole store again instead of adding incrementally."
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Analyse articles and write OUT/storyline.json, OUT/report.md and OUT/report.html."""
    from storyline.pipeline import analyze as run
    from storyline.render import write_outputs

    if engine not in ("local", "ray"):
        raise typer.BadParameter("local or ray", param_hint="--engine")
    if address and engine != "ray":
        raise typer.BadParameter("needs --engine ray", param_hint="--address")
    chosen = {"workers": workers} if workers is not None else {}
    settings = Settings(
        fetch=fetch,
        db=db,
        data=data_folders(data),
        aliases=aliases or [],
        max_bytes=max_bytes,
        engine=engine,
        address=address,
        batch=batch,
        rebuild=rebuild,
        **chosen,
    )
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, disable=quiet or not err.is_terminal) as bars:
        analysis = run(paths, settings, progress=_RichProgress(bars))
    report_problems(analysis.problems)
    if settings.engine == "ray":
        from storyline.extract.ray_engine import last_run

        if last_run is not None:
            per_node = ", ".join(
                f"{n[:12]}: {k}" for n, k in sorted(last_run.documents_per_node.items())
            )
            err.print(
                f"ray: {last_run.actors} actors on {len(last_run.documents_per_node)} nodes "
                f"(documents per node {per_node})"
            )
    written = write_outputs(analysis, out)
    err.print(
        f"{len(analysis.documents)} documents, {len(analysis.stories)} stories, "
        f"{len(analysis.entities)} entities, {len(analysis.quotes)} quotes, "
        f"{len(analysis.claims)} claims -> {', '.join(str(p) for p in written)}"
    )
    if not analysis.documents and analysis.problems:
        raise typer.Exit(EXIT_REJECTED)
    raise typer.Exit(EXIT_REJECTED if analysis.problems else EXIT_OK)


@app.command()
def numbers(
    path: Annotated[Path, typer.Argument(help="A plain-text article.")],
) -> None:
    """Debug: every number in a text, as a claim (value, what, claimant) or a rejection
    with its reason."""
    from storyline.extract.mentions import find_mentions
    from storyline.extract.nlp import load_nlp
    from storyline.extract.quantities import find_quantities
    from storyline.extract.quotes import find_quotes
    from storyline.lexicon import Knowledge
    from storyline.models import RejectedNumber

    settings = Settings(data=data_folders(None))
    knowledge = Knowledge.of(settings)
    doc = load_nlp(settings)(path.read_text("utf-8"))
    mentions = find_mentions(doc)
    rejected: list[RejectedNumber] = []
    quotes = find_quotes(doc, mentions, knowledge)
    claims = find_quantities(doc, mentions, quotes, knowledge, rejected)
    rows = [
        (
            q.start,
            f"claim   {q.text!r}: {q.value:g} {q.approx}; what={q.what!r}; by={q.claimant_text!r}",
        )
        for q in claims
    ] + [(r.start, f"not     {r.text!r}: {r.reason}") for r in rejected]
    for start, line in sorted(rows):
        sys.stdout.write(f"{start:>6}  {line}\n")


@app.command()
def code(
    file: Annotated[
        str, typer.Argument(help="id<TAB>text lines (the CASE 2021 format); '-': stdin.")
    ],
    types: Annotated[
        str, typer.Option(help="Type set: seen (25 ACLED types), announced (+3) or all (30).")
    ] = "all",
) -> None:
    """Code event snippets with ACLED / CASE 2021 event types: prints id<TAB>type."""
    from storyline.extract.event_types import GROUPS, EventCoder
    from storyline.lexicon import Knowledge

    if types not in GROUPS:
        raise typer.BadParameter(f"one of {', '.join(GROUPS)}", param_hint="--types")
    try:
        stream = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        err.print(f"cannot read {file}: {exc.strerror}")
        raise typer.Exit(EXIT_FAILED) from exc
    rows: list[tuple[str, str]] = []
    bad = 0
    with stream:
        for n, line in enumerate(stream, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            ident, sep, text = line.partition("\t")
            if not sep or not text.strip():
                err.print(f"line {n}: no id<TAB>text, skipped")
                bad += 1
                continue
            rows.append((ident, text))
    if rows and rows[0][0].strip().lower() == "id":
        rows = rows[1:]  # a header line
    coder = EventCoder(Knowledge.of(Settings(data=data_folders(None))), GROUPS[types])
    for (ident, _), label in zip(rows, coder.code([t for _, t in rows]), strict=True):
        sys.stdout.write(f"{ident}\t{label}\n")
    raise typer.Exit(EXIT_REJECTED if bad else EXIT_OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of storyline.json, generated from the code's models."""
    from storyline.render.json import json_schema

    sys.stdout.write(json_schema())


@app.command()
def export(
    db: Annotated[str, typer.Option(help="Store: SQLite path or SQLAlchemy URL (postgresql://…).")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv | parquet (a folder) | geojson (a file).")
    ] = "csv",
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Folder (csv, parquet) or file (geojson).")
    ] = Path("export"),
) -> None:
    """Write the store's analysis as tables: quotes, claims, events, accusations, entities…"""
    from storyline.render.export import FORMATS
    from storyline.render.export import export as write
    from storyline.render.tables import MissingExtra
    from storyline.store import open_store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    if "://" not in db and not Path(db).is_file():
        err.print(f"no store at {db}")
        raise typer.Exit(EXIT_FAILED)
    with open_store(db) as store:
        analysis = store.load_analysis()
    if analysis is None:
        err.print(f"{db} holds no analysis yet (run analyze --db first)")
        raise typer.Exit(EXIT_FAILED)
    try:
        written = write(analysis, fmt, out)
    except MissingExtra as exc:
        err.print(str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    err.print(f"{len(written)} file(s) -> {out}")


def _open_existing_store(db: str):
    """The store at `db`, or exit 1 naming it when there is no store file."""
    from storyline.store import open_store

    if "://" not in db and not Path(db).is_file():
        err.print(f"no store at {db}")
        raise typer.Exit(EXIT_FAILED)
    return open_store(db)


def _say(line: str) -> None:
    err.print(line, markup=False, highlight=False, soft_wrap=True)


def _delta_format(fmt: str) -> str:
    from storyline.render.delta import FORMATS

    if fmt not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    return fmt


@app.command()
def changes(
    db: Annotated[str, typer.Option(help="Store: SQLite path or SQLAlchemy URL (postgresql://…).")],
    since: Annotated[
        str | None,
        typer.Option(
            help="A run id, or an ISO date/datetime (UTC unless given): everything after it. "
            "Default: what the latest run changed."
        ),
    ] = None,
    story: Annotated[str | None, typer.Option(help="Only this story's changes.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md | html | json.")] = "md",
) -> None:
    """Print what changed in the store (new stories, documents, events, speakers,
    accusations, figures, control), every line citing its documents."""
    from storyline.pipeline import UnknownRun
    from storyline.pipeline import changes as compute
    from storyline.render.delta import render_delta

    fmt = _delta_format(fmt)
    with _open_existing_store(db) as store:
        try:
            delta = compute(store, since=since, story=story)
        except UnknownRun as exc:
            err.print(str(exc))
            raise typer.Exit(EXIT_FAILED) from None
    sys.stdout.write(render_delta(delta, fmt))


@app.command()
def watch(
    target: Annotated[Path, typer.Argument(help="A folder, or a local RSS/Atom feed file.")],
    db: Annotated[str, typer.Option(help="Store: SQLite path or SQLAlchemy URL (postgresql://…).")],
    every: Annotated[str, typer.Option(help="Time between looks: 30s, 10m, 1h.")] = "10m",
    once: Annotated[bool, typer.Option("--once", help="Look once, then exit.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md | html | json.")] = "md",
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Also write each delta to OUT/run-N.EXT.")
    ] = None,
    aliases: Annotated[
        list[Path] | None, typer.Option(help="Extra actor-alias file (repeatable).")
    ] = None,
    data: DataOption = None,
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this.")] = 5_000_000,
) -> None:
    """Analyse new files of a folder (or new entries of a feed file) into the store, each
    cycle a run, and print each cycle's delta. Stops on Ctrl+C; resumes where it was."""
    from storyline.render.delta import render_delta
    from storyline.store import open_store
    from storyline.watch import Cycle, is_feed_file, parse_every
    from storyline.watch import watch as run_watch

    fmt = _delta_format(fmt)
    try:
        seconds = parse_every(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    if not target.is_dir() and not is_feed_file(target):
        err.print(f"{target}: neither a folder nor an RSS/Atom feed file")
        raise typer.Exit(EXIT_FAILED)
    settings = Settings(db=db, data=data_folders(data), aliases=aliases or [], max_bytes=max_bytes)
    rejected = False

    def on_cycle(cycle: Cycle) -> None:
        nonlocal rejected
        report_problems(cycle.problems)
        rejected = rejected or any(p.severity == "error" for p in cycle.problems)
        if cycle.run is None:
            return
        err.print(
            f"run {cycle.run}: {len(cycle.sources)} input(s) read, "
            f"{len(cycle.new_documents)} new document(s)"
        )
        text = render_delta(cycle.delta, fmt)
        sys.stdout.write(text)
        sys.stdout.flush()
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"run-{cycle.run}.{fmt}").write_text(text, encoding="utf-8")

    def on_start(sources: list[str]) -> None:
        what = sources[0] if len(sources) == 1 else f"{len(sources)} new inputs"
        _say(f"reading {what}")

    with open_store(db, settings) as store:
        try:
            failed = run_watch(store, target, settings, seconds, once, on_cycle, _say, on_start)
        except KeyboardInterrupt:
            raise typer.Exit(EXIT_OK) from None
    if failed:
        raise typer.Exit(EXIT_FAILED)
    raise typer.Exit(EXIT_REJECTED if rejected else EXIT_OK)


@app.command()
def serve(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Articles to add to the store before serving.")
    ] = None,
    db: Annotated[
        str, typer.Option(help="Store: SQLite path or SQLAlchemy URL (postgresql://…).")
    ] = "storyline.sqlite",
    host: Annotated[str, typer.Option(help="Address to bind (127.0.0.1: this machine only).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    aliases: Annotated[
        list[Path] | None, typer.Option(help="Extra actor-alias file (repeatable).")
    ] = None,
    data: DataOption = None,
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this.")] = 5_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Host name to serve besides 127.0.0.1, localhost and ::1 (repeatable); "
            "requests naming any other host are refused (DNS rebinding)."
        ),
    ] = None,
) -> None:
    """Add PATHs to the store (if any), then serve the web app over it."""
    import uvicorn

    from storyline.pipeline import add_sources
    from storyline.store import open_store
    from storyline.web import create_app

    settings = Settings(db=db, data=data_folders(data), aliases=aliases or [], max_bytes=max_bytes)
    store = open_store(db, settings)
    if paths:
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
        )
        with Progress(*columns, console=err, disable=quiet or not err.is_terminal) as bars:
            ingested, result = add_sources(
                store, paths, settings, progress=_RichProgress(bars), origin="serve"
            )
        report_problems(ingested.problems)
        err.print(f"{len(result.new)} new documents, {len(ingested.documents)} read")
    analysis = store.load_analysis()
    if analysis is not None:
        err.print(f"{len(analysis.documents)} documents, {len(analysis.stories)} stories in {db}")
    err.print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    web = create_app(store, settings, allow_hosts=[host, *(allow_host or [])])
    uvicorn.run(web, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
