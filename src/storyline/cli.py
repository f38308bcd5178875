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
        from storyline import __version__

        typer.echo(f"storyline {__version__}")
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


def use_data_folders(folders: list[Path]) -> None:
    """Put --data folders first in STORYLINE_DATA (read by every data loader, and
    inherited by worker processes)."""
    import os

    from storyline.knowledge import ENV

    for folder in folders:
        if not folder.is_dir():
            raise typer.BadParameter(f"{folder} is not a folder", param_hint="--data")
    names = [str(f) for f in folders] + [p for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    if names:
        os.environ[ENV] = os.pathsep.join(names)


def report_problems(problems) -> None:
    """One line per rejected input: what, where, why. No tracebacks."""
    from rich.markup import escape

    for p in problems:
        where = f"{p.source}:{p.line}" if p.line else p.source
        # escaped: file names and reasons may hold '[...]', which rich reads as markup
        line = f"[yellow]rejected[/] {escape(where)}: {escape(p.reason)}"
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
    data: Annotated[
        list[Path] | None,
        typer.Option(help="Folder of data files extending the bundled ones (repeatable)."),
    ] = None,
    workers: Annotated[int, typer.Option(help="Processes for per-document extraction.")] = 1,
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this.")] = 5_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Analyse articles and write OUT/storyline.json, OUT/report.md and OUT/report.html."""
    from storyline.pipeline import analyze as run
    from storyline.render import write_outputs

    use_data_folders(data or [])
    settings = Settings(
        fetch=fetch, db=db, aliases=aliases or [], workers=workers, max_bytes=max_bytes
    )
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, disable=quiet or not err.is_terminal) as bars:
        analysis = run(paths, settings, progress=_RichProgress(bars))
    report_problems(analysis.problems)
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
    coder = EventCoder(GROUPS[types])
    for (ident, _), label in zip(rows, coder.code([t for _, t in rows]), strict=True):
        sys.stdout.write(f"{ident}\t{label}\n")
    raise typer.Exit(EXIT_REJECTED if bad else EXIT_OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of storyline.json, generated from the code's models."""
    from storyline.render.json import json_schema

    sys.stdout.write(json_schema())


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
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this.")] = 5_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Add PATHs to the store (if any), then serve the web app over it."""
    import uvicorn

    from storyline.store import add_sources, open_store
    from storyline.web import create_app

    settings = Settings(db=db, aliases=aliases or [], max_bytes=max_bytes)
    store = open_store(db, settings)
    if paths:
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
        )
        with Progress(*columns, console=err, disable=quiet or not err.is_terminal) as bars:
            ingested, result = add_sources(store, paths, settings, progress=_RichProgress(bars))
        report_problems(ingested.problems)
        err.print(f"{len(result.new)} new documents, {len(ingested.documents)} read")
    analysis = store.load_analysis()
    if analysis is not None:
        err.print(f"{len(analysis.documents)} documents, {len(analysis.stories)} stories in {db}")
    err.print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
