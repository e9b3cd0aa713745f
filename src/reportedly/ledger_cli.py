"""The ledger commands: ``ingest``, ``sources`` (``merge``, ``split``), ``source``, ``claims``,
``conflicts`` and ``numbers``. Each opens the ledger, calls one library function, formats the result."""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .cliutil import PROG, _error, _fail, _say, _validate_published
from .documents import Failure
from .errors import LedgerError, ModelError, ReportedlyError
from .ledger import Ledger, ingest as run_ingest
from .ledger.store import DEFAULT_URL

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
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest_command(paths: tuple[str, ...], db: str | None, published: str | None, batch_size: int,
                   as_json: bool) -> None:
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
    """
    err = Console(stderr=True)
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                   transient=True, disable=not err.is_terminal)
    counts = {"added": 0, "duplicate": 0, "failed": 0}

    def on_item(status: str, item: object) -> None:
        counts[status] += 1
        if isinstance(item, Failure):
            bar.console.print(f"{PROG}: error: {item.origin}: {item.reason}", style="red", highlight=False)
        bar.update(task, description=f"ingesting: {counts['added']} added, {counts['duplicate']} already "
                                     f"stored, {counts['failed']} failed")

    with _ledger(db) as ledger:
        try:
            with bar:
                task = bar.add_task("ingesting", total=None)
                summary = run_ingest(paths, ledger, published=published, on_item=on_item, batch_size=batch_size)
        except (ModelError, LedgerError) as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _say("note", f"interrupted: {counts['added']} articles were stored; run the same command again "
                         "to finish (stored articles are skipped)")
            sys.exit(130)
    if not err.is_terminal:
        for f in summary.failures:
            _error(f"{f.origin}: {f.reason}")
    if as_json:
        click.echo(json.dumps(summary.to_dict(), indent=2))
    else:
        click.echo(f"{summary.documents} documents: {summary.added} added ({summary.claims} claims), "
                   f"{summary.duplicates} already stored, {len(summary.failures)} failed; "
                   f"{summary.sources} sources ({summary.new_sources} new), {summary.conflicts} conflicts "
                   f"in {ledger.shown} ({summary.seconds:.1f}s)")
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
        try:
            a, b = ledger.merge_sources(name, into)
        except ReportedlyError as exc:
            _fail(str(exc))
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
        try:
            key = ledger.split_source(name, mention)
        except ReportedlyError as exc:
            _fail(str(exc))
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
        try:
            src = ledger.source(name)
        except ReportedlyError as exc:
            _fail(str(exc))
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
        try:
            rows = ledger.claims(source=source, about=about, since=since, until=until, search=search, limit=limit)
        except ReportedlyError as exc:
            _fail(str(exc))
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


COMMANDS = [ingest_command, sources_command, source_command, claims_command, conflicts_command, numbers_command]
