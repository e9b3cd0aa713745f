"""The ledger commands: ``ingest``, ``load``, ``sources`` (``merge``, ``split``), ``source``, ``claims``,
``conflicts`` and ``numbers``. Each opens the ledger, calls one library function, formats the result."""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

import click
from click.core import ParameterSource
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .cliutil import PROG, _error, _fail, _say, _validate_published
from .documents import Failure
from .errors import ReportedlyError
from .ledger import Ledger, Summary, ingest as run_ingest
from .ledger.cluster import PARTITION, Extracted, connect, extract, shard_folder
from .ledger.shards import Loader, load as load_shards
from .ledger.store import DEFAULT_URL
from .ledger.workers import default_workers

OUTPUTS = ("table", "json", "csv")
DB_ENV = "REPORTEDLY_DB"
_db_option = click.option(
    "--db", metavar="URL", envvar=DB_ENV, show_envvar=True,
    help=f"Ledger database: sqlite:///FILE, a file path, or postgresql://... [default: {DEFAULT_URL}]",
)
_format_option = click.option("--format", "-f", "fmt", type=click.Choice(OUTPUTS), default="table",
                              show_default=True, help="table for people; json or csv for programs.")


@contextmanager
def _ledger(db: str | None) -> Iterator[Ledger]:
    """Open the ledger, turning every problem into one line on stderr and exit code 1."""
    try:
        with Ledger(db) as ledger:
            yield ledger
    except ReportedlyError as exc:
        _fail(str(exc))


def _emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[tuple[str, str]], *,
          title: str | None = None, empty: str = "nothing found") -> None:
    """Print rows as a table (chosen columns), JSON (everything) or CSV (chosen columns)."""
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow([label for _, label in columns])
        for r in rows:
            writer.writerow(["" if r.get(key) is None else r.get(key) for key, _ in columns])
        click.echo(buf.getvalue(), nl=False)
        return
    console = Console(highlight=False)
    if not rows:
        console.print(Text(empty, style="dim"))
        return
    grid = Table(title=title, header_style="bold", title_justify="left")
    for _, label in columns:
        grid.add_column(label, overflow="fold")
    for r in rows:
        grid.add_row(*(_cell(r.get(key)) for key, _ in columns))
    console.print(grid)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.3g}"
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


# --- ingest -----------------------------------------------------------------


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_db_option
@click.option("--published", metavar="YYYY-MM-DD", callback=_validate_published,
              help="Publication date for documents that carry none of their own.")
@click.option("--batch-size", type=click.IntRange(1, 256), default=16, show_default=True,
              help="Documents parsed together; smaller batches are stored sooner.")
@click.option("--workers", type=click.IntRange(1, 512), default=None,
              help="Processes that analyse in parallel, one model each; this one stores. [default: all cores]")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Analyse on a Dask cluster (tcp://SCHEDULER:8786, or `local` for --workers processes here) "
                   "into Parquet shards, stored in the ledger as they come.")
@click.option("--shards", "shard_dir", metavar="DIR", default="reportedly-shards", show_default=True,
              help="With --dask: the shard folder (every worker must reach it).")
@click.option("--partition-size", type=click.IntRange(1, 100_000), default=PARTITION, show_default=True,
              help="With --dask: documents per partition and shard.")
@click.option("--no-load", is_flag=True, help="With --dask: write the shards only; store them with `reportedly load`.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest_command(ctx: click.Context, paths: tuple[str, ...], db: str | None, published: str | None,
                   batch_size: int, workers: int | None, dask_address: str | None, shard_dir: str,
                   partition_size: int, no_load: bool, as_json: bool) -> None:
    """Analyse articles and store them in the ledger.

    PATH is a file, a directory (searched recursively) or a glob: .txt, .html,
    .jsonl (one article per line: id, text, published, title, url, outlet) and
    RSS/Atom feed files. Articles already stored (same text) are skipped, so a
    run can be repeated or resumed after an interruption. Bad documents are
    reported and the rest go on; the exit code is then 1.

    \b
    Example:
      reportedly ingest news/ --db sqlite:///ledger.db
      reportedly ingest 'feeds/*.xml' batch.jsonl --published 2024-03-15
      reportedly ingest corpus/ --workers 4
      reportedly ingest corpus/ --dask tcp://scheduler:8786 --shards /shared/shards --db postgresql://host/ledger
    """
    if dask_address is None:
        for name, flag in (("shard_dir", "--shards"), ("partition_size", "--partition-size"), ("no_load", "--no-load")):
            if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE:
                raise click.UsageError(f"{flag} needs --dask")
    workers = workers or default_workers()
    if dask_address is not None:
        _ingest_on_cluster(paths, db, published, workers, dask_address, shard_dir, partition_size, no_load, as_json)
        return
    with _ledger(db) as ledger:
        with _Counter("ingesting") as counter:
            summary = run_ingest(paths, ledger, published=published, on_item=counter.item, batch_size=batch_size,
                                 workers=workers)
    _report(summary, ledger.shown, as_json, counter.live)
    sys.exit(1 if summary.failures else 0)


class _Counter:
    """A progress line on a terminal (failures printed as they come), and one-line exits for fatal problems."""

    def __init__(self, verb: str, done: str = "added", what: str = "articles were stored") -> None:
        self.err = Console(stderr=True)
        self.live = self.err.is_terminal
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=self.err,
                            transient=True, disable=not self.live)
        self.verb, self.done, self.what = verb, done, what
        self.counts = {"added": 0, "duplicate": 0, "failed": 0, "written": 0, "skipped": 0}

    def __enter__(self) -> _Counter:
        self.bar.__enter__()
        self.task = self.bar.add_task(self.verb, total=None)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.bar.__exit__(kind, exc, tb)
        if isinstance(exc, ReportedlyError):
            _fail(str(exc))
        if isinstance(exc, KeyboardInterrupt):
            _say("note", f"interrupted: {self.counts[self.done]} {self.what}; run the same command again to "
                         "finish (what is done is skipped)")
            sys.exit(130)

    def item(self, status: str, item: object) -> None:
        """``on_item`` for ``ingest`` and ``load``."""
        self.counts[status] += 1
        if isinstance(item, Failure) and self.live:
            self.bar.console.print(f"{PROG}: error: {item.origin}: {item.reason}", style="red", highlight=False)
        self.bar.update(self.task, description=f"{self.verb}: {self.counts['added']} added, "
                                               f"{self.counts['duplicate']} already stored, "
                                               f"{self.counts['failed']} failed")

    def partition(self, status: str, index: int) -> None:
        """``on_partition`` for ``extract``."""
        self.counts[status] += 1
        self.bar.update(self.task, description=f"{self.verb}: {self.counts['written']} partitions written, "
                                               f"{self.counts['skipped']} already done, "
                                               f"{self.counts['failed']} failed")


def _report(summary: Summary, shown: str, as_json: bool, live: bool, *, extracted: Extracted | None = None,
            refreshed: bool = True) -> None:
    """The failures (unless a terminal saw them live) on stderr, then the summary line or JSON on stdout."""
    if not live:
        for f in summary.failures:
            _error(f"{f.origin}: {f.reason}")
    if as_json:
        data: dict[str, Any] = summary.to_dict()
        click.echo(json.dumps({"extract": extracted.to_dict(), "load": data} if extracted else data, indent=2))
        return
    if extracted is not None:
        click.echo(_extracted_line(extracted))
    view = (f"{summary.sources} sources ({summary.new_sources} new), {summary.conflicts} conflicts" if refreshed
            else "sources and conflicts not rebuilt yet (the next query does it)")
    click.echo(f"{summary.documents} documents: {summary.added} added ({summary.claims} claims), "
               f"{summary.duplicates} already stored, {len(summary.failures)} failed; {view} "
               f"in {shown} ({summary.seconds:.1f}s)")


def _extracted_line(x: Extracted) -> str:
    peak = f", peak {x.worker_peak_mb:.0f} MB per worker" if x.worker_peak_mb else ""
    return (f"{x.partitions} partitions ({x.documents} documents) on {x.workers} Dask workers: {x.written} written, "
            f"{x.skipped} already done, {len(x.failures)} failed ({x.seconds:.1f}s{peak})")


def _ingest_on_cluster(paths: Sequence[str], db: str | None, published: str | None, workers: int, address: str,
                       shard_dir: str, partition_size: int, no_load: bool, as_json: bool) -> None:
    """``ingest --dask``: partitions to the cluster, shards back, then (unless --no-load) one loader."""
    ledger = None
    try:  # before the cluster starts: a folder or a ledger it cannot use stops the run at once
        shard_folder(shard_dir)
        if not no_load:
            ledger = Ledger(db)
    except ReportedlyError as exc:
        _fail(str(exc))
    if ledger is None:
        with _Counter("extracting", "written", "partitions were written") as counter, \
                connect(address, workers=workers) as client:
            extracted = extract(paths, shard_dir, client, published=published, partition_size=partition_size,
                                on_partition=counter.partition)
        for f in extracted.failures + extracted.failed_documents:
            _error(f"{f.origin}: {f.reason}")
        if as_json:
            click.echo(json.dumps(extracted.to_dict(), indent=2))
        else:
            click.echo(_extracted_line(extracted))
            click.echo(f"load them with: {PROG} load {shard_dir}" + (f" --db {db}" if db else ""))
        sys.exit(1 if extracted.failures or extracted.failed_documents else 0)
    # The one writer stores each shard as soon as the partitions before it are done, while the cluster works.
    with ledger, _Counter("ingesting") as counter:
        loader = Loader(ledger, on_item=counter.item)
        with connect(address, workers=workers) as client:
            extracted = extract(paths, shard_dir, client, published=published, partition_size=partition_size,
                                on_shard=loader.shard)
        summary = loader.finish()
    for f in extracted.failures:  # the documents that failed are named by the loader
        _error(f"{f.origin}: {f.reason}")
    _report(summary, ledger.shown, as_json, counter.live, extracted=extracted)
    sys.exit(1 if summary.failures or extracted.failures else 0)


@click.command("load")
@click.argument("shards", nargs=-1, required=True, metavar="SHARDS...")
@_db_option
@click.option("--no-refresh", is_flag=True,
              help="Leave the cross-article rebuild to the next query (for several loaders at once).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def load_command(shards: tuple[str, ...], db: str | None, no_refresh: bool, as_json: bool) -> None:
    """Store Parquet shards written by `ingest --dask` in the ledger.

    SHARDS are shard files or folders of part-NNNNN.parquet files (loaded in
    partition order). Loading is idempotent: articles already stored are
    skipped, so loading twice adds nothing. A damaged shard is reported and
    the rest is loaded; the exit code is then 1. Several loaders may write
    to one PostgreSQL ledger at once: give each --no-refresh, and the first
    query afterwards rebuilds sources and conflicts, once.

    \b
    Example:
      reportedly load reportedly-shards/ --db postgresql://user@host/ledger
      reportedly load shards/part-000[0-4]*.parquet --no-refresh --db postgresql://user@host/ledger
    """
    with _ledger(db) as ledger:
        with _Counter("loading") as counter:
            summary = load_shards(shards, ledger, on_item=counter.item, refresh=not no_refresh)
    _report(summary, ledger.shown, as_json, counter.live, refreshed=not no_refresh)
    sys.exit(1 if summary.failures else 0)


# --- sources ----------------------------------------------------------------

SOURCE_COLUMNS = [("name", "source"), ("kind", "kind"), ("affiliation", "affiliation"), ("claims", "claims"),
                  ("first_seen", "first seen"), ("last_seen", "last seen"), ("contested_share", "contested")]


@click.group("sources", invoke_without_command=True)
@_db_option
@_format_option
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@click.pass_context
def sources_command(ctx: click.Context, db: str | None, fmt: str, limit: int | None) -> None:
    """List canonical sources, or correct how they were merged (merge, split).

    \b
    Example:
      reportedly sources
      reportedly sources --format csv > sources.csv
      reportedly sources merge "MoD" "UK Ministry of Defence"
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    with _ledger(db) as ledger:
        _emit(ledger.sources(limit=limit), fmt, SOURCE_COLUMNS, empty="the ledger has no sources yet; "
              "run `reportedly ingest` first")


@sources_command.command("merge")
@click.argument("name")
@click.argument("into")
@click.pass_context
def sources_merge(ctx: click.Context, name: str, into: str) -> None:
    """Merge source NAME into source INTO; the correction survives re-ingest.

    \b
    Example:
      reportedly sources merge "Britain's defence ministry" "UK Ministry of Defence"
    """
    with _ledger(ctx.obj["db"]) as ledger:
        a, b = ledger.merge_sources(name, into)
    click.echo(f"merged {a!r} into {b!r}")


@sources_command.command("split")
@click.argument("name")
@click.argument("mention")
@click.pass_context
def sources_split(ctx: click.Context, name: str, mention: str) -> None:
    """Split MENTION (as written) off source NAME into a source of its own.

    \b
    Example:
      reportedly sources split "Tomas Halden" "Halden"
    """
    with _ledger(ctx.obj["db"]) as ledger:
        key = ledger.split_source(name, mention)
    click.echo(f"split {mention!r} off {name!r} ({key})")


CLAIM_COLUMNS = [("published", "date"), ("source", "source"), ("cue_text", "cue"), ("content_text", "content"),
                 ("certainty_term", "certainty"), ("contested", "contested"), ("article", "article")]


@click.command("source")
@click.argument("name")
@_db_option
@_format_option
def source_command(name: str, db: str | None, fmt: str) -> None:
    """One source: how it is written, its claims over time, and how many are contested.

    \b
    Example:
      reportedly source "Ben Wallace"
    """
    with _ledger(db) as ledger:
        src = ledger.source(name)
    if fmt == "json":
        click.echo(json.dumps(src, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "table":
        Console(highlight=False).print(
            Text(f"{src['name']}", style="bold"),
            Text(f"  {src['kind']}{', ' + src['affiliation'] if src['affiliation'] else ''}; "
                 f"{len(src['claims'])} claims, {src['contested']} contested; first seen {src['first_seen']}, "
                 f"last seen {src['last_seen']}\n  written as: {'; '.join(src['mentions'])}\n  merged by: {src['rule']}",
                 style="dim"))
    _emit(src["claims"], fmt, CLAIM_COLUMNS)


@click.command("claims")
@_db_option
@_format_option
@click.option("--source", help="Only claims by this source (a name from `reportedly sources`).")
@click.option("--about", metavar="TEXT", help="Only claims whose content contains all these words.")
@click.option("--since", metavar="YYYY-MM-DD", callback=_validate_published, help="Said on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", callback=_validate_published, help="Said on or before this date.")
@click.option("--search", metavar="QUERY", help="Full-text search over contents and sources.")
@click.option("--limit", type=int, default=None, help="Show at most this many.")
def claims_command(db: str | None, fmt: str, source: str | None, about: str | None, since: str | None,
                   until: str | None, search: str | None, limit: int | None) -> None:
    """List claims, newest first, with filters.

    \b
    Example:
      reportedly claims --source "Ministry of Defence" --since 2024-03-01
      reportedly claims --search "frigate sunk" --format json
    """
    with _ledger(db) as ledger:
        rows = ledger.claims(source=source, about=about, since=since, until=until, search=search, limit=limit)
    _emit(rows, fmt, CLAIM_COLUMNS)


@click.command("conflicts")
@_db_option
@_format_option
@click.option("--limit", type=int, default=None, help="Show at most this many.")
def conflicts_command(db: str | None, fmt: str, limit: int | None) -> None:
    """List conflicting claims: both sides, their sources and dates, and the reason.

    \b
    Example:
      reportedly conflicts
      reportedly conflicts --format csv > conflicts.csv
    """
    with _ledger(db) as ledger:
        rows = ledger.conflicts(limit=limit)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    flat = [{"reason": r["reason"], "scope": r["scope"], "detail": r["detail"],
             **{f"{side}_{k}": (r[side] or {}).get(k) for side in ("a", "b")
                for k in ("source", "published", "content_text", "article")}} for r in rows]
    _emit(flat, fmt, [("reason", "reason"), ("a_source", "source A"), ("a_published", "date A"),
                      ("a_content_text", "claim A"), ("b_source", "source B"), ("b_published", "date B"),
                      ("b_content_text", "claim B"), ("scope", "found"), ("a_article", "article A"),
                      ("b_article", "article B")], empty="no conflicts found")


@click.command("numbers")
@_db_option
@_format_option
@click.option("--event", metavar="EVENT", help="Only figures for this event, e.g. killed, captured, destroyed.")
def numbers_command(db: str | None, fmt: str, event: str | None) -> None:
    """Claimed figures per source over time (a number series).

    \b
    Example:
      reportedly numbers --event killed
    """
    with _ledger(db) as ledger:
        rows = ledger.numbers(event=event)
    _emit(rows, fmt, [("event", "event"), ("source", "source"), ("date", "date"), ("relation", "relation"),
                      ("low", "low"), ("high", "high"), ("text", "as written"), ("counted", "counted"),
                      ("article", "article")], empty="no figures found")


COMMANDS = [ingest_command, load_command, sources_command, source_command, claims_command, conflicts_command, numbers_command]
