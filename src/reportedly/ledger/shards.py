"""Parquet shards: one partition's documents and reports, written atomically, loaded into the ledger.

A shard is ``DIR/part-NNNNN.parquet``, one row per document of the partition,
in input order: the document (``id``, ``text``, ``title``, ``published``,
``url``, ``outlet``, ``origin``, ``hash``: the SHA-256 of the text) and either
its report (``report``: ``codec.encode``, JSON) or why it failed (``reason``).
The file's key-value metadata records the shard format version, the output
``schema_version``, the partition number and the partition's ``digest``
(what it was made from), so a rerun can tell a finished partition (the file
exists with the same digest) from one to redo.

A shard is written to a temporary name in the same folder, flushed to disk and
renamed into place: it is there whole, or not at all.

``load(paths, ledger)`` stores every shard's reports with ``Ledger.add``
(idempotent by content hash; one transaction each), reading a row group at
a time, then rebuilds the cross-article view once. ``Loader`` does the same
a shard at a time, so that ``ingest --dask`` stores shards while the cluster
is still writing the next ones.
"""
from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy.exc import IntegrityError

from ..documents import Document, Failure
from ..errors import InputError, LedgerError
from ..types import SCHEMA_VERSION, Report
from . import codec
from .ingest import Progress, Summary
from .crossref import Refreshed
from .store import Added, Ledger

__all__ = ["SHARD_VERSION", "Loader", "Row", "is_done", "load", "read_shard", "shard_files", "shard_path",
           "write_shard"]

SHARD_VERSION = "1"
ROW_GROUP = 64  # rows read (and held) at a time by ``load``
REFRESH_TRIES = 3
_NAME = re.compile(r"part-(\d+)\.parquet$")
_KEY = b"reportedly."

SCHEMA = pa.schema([
    ("position", pa.int32()),      # the document's place in its partition
    ("origin", pa.string()),       # where it was read: file, file:line, feed#entry
    ("id", pa.string()),
    ("text", pa.large_string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("url", pa.string()),
    ("outlet", pa.string()),
    ("hash", pa.string()),         # SHA-256 of the text: the ledger's key for the article
    ("report", pa.large_string()), # codec.encode(report); null when the document failed
    ("reason", pa.string()),       # why it failed; null when it was analysed
])

Row = tuple["Document | Failure", "Report | Failure"]


def shard_path(directory: str | os.PathLike[str], partition: int) -> Path:
    """Where partition ``partition``'s shard lives: ``DIR/part-00012.parquet``."""
    return Path(directory) / f"part-{partition:05d}.parquet"


def write_shard(path: Path, rows: Sequence[Row], *, partition: int, digest: str) -> None:
    """Write one partition's rows to ``path`` atomically (temporary file, fsync, rename)."""
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for position, (item, result) in enumerate(rows):
        doc = item if isinstance(item, Document) else None
        columns["position"].append(position)
        columns["origin"].append(item.origin)
        for key in ("id", "text", "title", "published", "url", "outlet"):
            columns[key].append(getattr(doc, key) if doc else None)
        columns["hash"].append(doc.content_hash if doc else None)
        columns["report"].append(codec.encode(result) if isinstance(result, Report) else None)
        columns["reason"].append(result.reason if isinstance(result, Failure) else None)
    table = pa.table(columns, schema=SCHEMA).replace_schema_metadata({
        _KEY + b"shard_version": SHARD_VERSION, _KEY + b"schema_version": SCHEMA_VERSION,
        _KEY + b"codec_version": codec.CODEC_VERSION, _KEY + b"partition": str(partition),
        _KEY + b"digest": digest,
    })
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pq.write_table(table, fh, row_group_size=ROW_GROUP, compression="zstd")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def is_done(path: Path, digest: str) -> bool:
    """Whether ``path`` is a finished shard of the partition with this ``digest`` (reads the footer only)."""
    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowException):
        return False
    return meta.get(_KEY + b"digest") == digest.encode() and meta.get(_KEY + b"shard_version") == SHARD_VERSION.encode()


def shard_files(paths: Iterable[str]) -> Iterator[Path | Failure]:
    """Shard files for what a user named: a file, or a folder's ``part-N.parquet`` files in partition order."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted((int(m.group(1)), child) for child in p.iterdir()
                           if (m := _NAME.match(child.name)) and child.is_file())
            if not found:
                yield Failure(given, "expected a folder of part-NNNNN.parquet shards (written by "
                              "`reportedly ingest --dask`); found none")
            yield from (child for _, child in found)
        elif p.is_file():
            yield p
        else:
            yield Failure(given, "expected a shard file or a folder of shards; it does not exist")


def read_shard(path: Path) -> Iterator[Row]:
    """Each row of a shard as (document, report) or (document, failure), a row group at a time.

    Raises ``InputError`` when the file is not a reportedly shard or cannot be read.
    """
    try:
        pf = pq.ParquetFile(path)
        meta = pf.schema_arrow.metadata or {}
        if meta.get(_KEY + b"shard_version") != SHARD_VERSION.encode():
            raise InputError(str(path), f"a reportedly shard (format {SHARD_VERSION}, written by "
                             "`reportedly ingest --dask`); this Parquet file is not one")
        for batch in pf.iter_batches(batch_size=ROW_GROUP):
            for row in batch.to_pylist():
                yield _row(row)
    except (OSError, pa.ArrowException, ValueError, KeyError) as exc:
        raise InputError(str(path), f"a readable Parquet shard, but it is damaged ({type(exc).__name__}: "
                         f"{_one_line(exc)}); rerun the ingest to write it again") from exc


def _row(row: dict[str, Any]) -> Row:
    if row["text"] is None:  # the document could not be read at all
        failure = Failure(row["origin"], row["reason"] or "expected a document")
        return failure, failure
    doc = Document(id=row["id"], text=row["text"], title=row["title"], published=row["published"], url=row["url"],
                   outlet=row["outlet"], origin=row["origin"])
    if row["report"] is None:
        return doc, Failure(row["origin"], row["reason"] or "expected a report")
    return doc, codec.decode(row["report"], doc.text)


def load(paths: Iterable[str], ledger: Ledger, *, on_item: Progress | None = None, refresh: bool = True) -> Summary:
    """Store the reports of every shard under ``paths`` in the ledger; return what was done.

    Idempotent: an article already stored (by the hash of its text) is a
    duplicate, so loading the same shards twice adds nothing. A shard that
    cannot be read is a failure named by its path; the rest is loaded.
    ``refresh=False`` leaves the cross-article view to be rebuilt later (the
    ledger's queries rebuild it when it is stale): for loaders side by side.
    """
    loader = Loader(ledger, on_item=on_item)
    for path in shard_files(paths):
        if isinstance(path, Failure):
            loader.failed(path)
        else:
            loader.shard(path)
    return loader.finish(refresh=refresh)


class Loader:
    """The one writer: stores shards one at a time, as they come, then rebuilds the cross-article view once."""

    def __init__(self, ledger: Ledger, *, on_item: Progress | None = None) -> None:
        self.ledger = ledger
        self.summary = Summary(workers=0)  # a load analyses nothing
        self.report = on_item or (lambda status, item: None)
        self.started = time.perf_counter()

    def failed(self, failure: Failure) -> None:
        self.summary.failures.append(failure)
        self.report("failed", failure)

    def shard(self, path: str | os.PathLike[str]) -> None:
        """Store one shard's articles (each in its own transaction); a shard that cannot be read is a failure."""
        summary = self.summary
        try:
            for item, result in read_shard(Path(path)):
                summary.documents += 1
                if isinstance(result, Failure) or not isinstance(item, Document):
                    self.failed(result if isinstance(result, Failure) else Failure(item.origin, "expected a document"))
                    continue
                try:
                    added = _add(self.ledger, item, result)
                except InputError as exc:
                    self.failed(Failure(item.origin, f"expected {exc.expected}"))
                    continue
                if added.new:
                    summary.added += 1
                    summary.claims += added.claims
                    self.report("added", item)
                else:
                    summary.duplicates += 1
                    self.report("duplicate", item)
        except InputError as exc:
            self.failed(Failure(str(path), f"expected {exc.expected}"))

    def finish(self, *, refresh: bool = True) -> Summary:
        """Rebuild the cross-article view (unless ``refresh`` is false) and return what the load did."""
        if refresh:
            refreshed = _refresh(self.ledger)
            self.summary.sources, self.summary.new_sources = refreshed.sources, refreshed.new_sources
            self.summary.conflicts = self.ledger.stats()["conflicts"]
        self.summary.seconds = time.perf_counter() - self.started
        return self.summary


def _add(ledger: Ledger, doc: Document, report: Report) -> Added:
    """``Ledger.add``, once more when another loader stored the same article between its check and its insert."""
    try:
        return ledger.add(doc, report)
    except LedgerError as exc:
        if not isinstance(exc.__cause__, IntegrityError):
            raise
        return ledger.add(doc, report)  # now it finds the other loader's copy: a duplicate


def _refresh(ledger: Ledger) -> Refreshed:
    """``Ledger.refresh``, retried when a concurrent loader's rebuild collides with this one (PostgreSQL)."""
    for attempt in range(REFRESH_TRIES):
        try:
            return ledger.refresh()
        except LedgerError:
            if attempt == REFRESH_TRIES - 1:
                raise
            time.sleep(0.5 * (attempt + 1))
    raise AssertionError("unreachable")


def _one_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
