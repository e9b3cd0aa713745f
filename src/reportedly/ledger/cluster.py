"""Ingest on a Dask cluster: the document stream in partitions out to workers, Parquet shards back.

``extract(paths, shard_dir, client)`` reads the input as a stream and cuts it
into partitions of ``partition_size`` items, numbered in input order. Each
partition goes to a worker as a task (``extract_partition``): the worker
analyses its documents with the model it loaded on its first task (``load_nlp``
is cached per process) and writes ``SHARD_DIR/part-00012.parquet`` atomically
(``shards.write_shard``). Workers never touch the database: ``shards.load``
stores the shards afterwards, as the one writer.

Rerunning is cheap: a partition whose shard exists with the same digest (a
hash of the partition's documents) is skipped. A task that raises is retried
(``RETRIES``); a partition that still fails is reported with its reason and
the others go on. At most two partitions per worker are in flight, so the
driver's memory stays bounded whatever the corpus size.

``SHARD_DIR`` must be a folder that every worker and the loader can reach
(the same machine for ``local``; a shared file system on a real cluster).
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..api import check_date
from ..documents import Document, Failure, iter_documents
from ..errors import InputError
from ..types import SCHEMA_VERSION
from . import shards
from .ingest import BATCH, _analysed, peak_rss_mb, screen

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["CONNECT_TIMEOUT", "PARTITION", "RETRIES", "Extracted", "Partition", "connect", "extract",
           "extract_partition", "partitions", "shard_folder"]

PARTITION = 32           # documents per partition and shard: a few seconds of one worker's time
RETRIES = 2              # extra tries for a partition whose task raised or whose worker died
CONNECT_TIMEOUT = 10.0   # seconds to reach a scheduler before saying it cannot be reached
LOCAL = "local"


@dataclass(frozen=True)
class Partition:
    """A numbered slice of the input stream, and the digest of what it holds."""

    index: int
    items: list[Document | Failure]
    digest: str


@dataclass
class Extracted:
    """What ``extract`` did: partitions written now, skipped (finished earlier) or failed."""

    partitions: int = 0
    written: int = 0
    skipped: int = 0
    documents: int = 0
    failed_documents: list[Failure] = field(default_factory=list)  # documents that could not be read or analysed
    failures: list[Failure] = field(default_factory=list)   # partitions that could not be extracted
    shards: list[str] = field(default_factory=list)         # the finished shards, in partition order
    workers: int = 0
    worker_peak_mb: float | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {"partitions": self.partitions, "written": self.written, "skipped": self.skipped,
                "documents": self.documents, "workers": self.workers,
                "worker_peak_mb": None if self.worker_peak_mb is None else round(self.worker_peak_mb, 1),
                "seconds": round(self.seconds, 2), "shards": self.shards,
                "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failures],
                "failed_documents": [{"origin": f.origin, "reason": f.reason} for f in self.failed_documents]}


OnPartition = Callable[[str, int], None]  # ("written" | "skipped" | "failed", partition number)


@contextmanager
def connect(address: str, *, workers: int | None = None, timeout: float = CONNECT_TIMEOUT) -> Iterator[Client]:
    """A client of the scheduler at ``address`` (``tcp://HOST:8786``), or of a new ``LocalCluster`` for ``local``.

    ``local`` starts ``workers`` worker processes (default: one per core) with
    one thread each. Raises ``InputError`` when the scheduler cannot be reached.
    """
    from distributed import Client, LocalCluster

    if address == LOCAL:
        from .workers import default_workers

        with LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR) as local, Client(local) as client:
            yield client
        return
    try:
        _probe(address, timeout)
        client = Client(address, timeout=timeout)
    except (ValueError, TypeError) as exc:
        raise InputError(address, "a Dask scheduler address such as tcp://HOST:8786, or `local` for a cluster "
                         f"on this machine ({_one_line(exc)})") from exc
    except (OSError, TimeoutError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"no answer within {timeout:g}s"
        raise InputError(address, f"a running Dask scheduler there ({why}); check the address and that "
                         "`dask scheduler` runs there, or use `local`") from exc
    with client:
        yield client


def extract(paths: Iterable[str], shard_dir: str | os.PathLike[str], client: Client, *,
            published: str | None = None, partition_size: int = PARTITION,
            on_partition: OnPartition | None = None, on_shard: Callable[[str], None] | None = None) -> Extracted:
    """Analyse every document under ``paths`` on the cluster into shards in ``shard_dir``; return what was done.

    ``on_shard(path)`` is called with each finished shard in partition order,
    as soon as every partition before it is finished or has failed: a loader
    can store while the cluster works. Raises ``InputError`` when
    ``shard_dir`` cannot be created or written.
    """
    from distributed import wait

    published = check_date(published)
    if partition_size < 1:
        raise InputError(str(partition_size), "a partition size of 1 or more documents")
    directory = shard_folder(shard_dir)
    started = time.perf_counter()
    result = Extracted(workers=len(client.scheduler_info().get("workers", {})))
    note = on_partition or (lambda status, index: None)
    done: list[tuple[int, str]] = []
    in_flight: dict[Any, Partition] = {}
    settled: dict[int, str | None] = {}  # finished (its shard) or failed (None), not yet handed to on_shard
    turn = [0]                           # the next partition to hand on

    def settle(index: int, path: str | None) -> None:
        settled[index] = path
        while turn[0] in settled:
            shard = settled.pop(turn[0])
            if shard is not None and on_shard is not None:
                on_shard(shard)
            turn[0] += 1

    def collect(finished: Iterable[Any]) -> None:
        for future in finished:
            part = in_flight.pop(future)
            path = shards.shard_path(directory, part.index)
            if future.status == "finished":
                info = future.result()
                result.written += 1
                result.failed_documents.extend(Failure(origin, reason) for origin, reason in info["failures"])
                result.worker_peak_mb = max(result.worker_peak_mb or 0.0, info["peak_mb"])
                done.append((part.index, str(path)))
                note("written", part.index)
                settle(part.index, str(path))
            else:
                try:
                    exc = future.exception()
                except (Exception, asyncio.CancelledError) as lost:  # cancelled: the cluster went away
                    exc = lost
                result.failures.append(Failure(str(path), f"expected partition {part.index} ({len(part.items)} "
                                       f"documents, from {_span(part)}) to be extracted, but it failed "
                                       f"{RETRIES + 1} times ({type(exc).__name__}: {_one_line(exc)}); run the "
                                       "same command again to retry it (finished partitions are skipped)"))
                note("failed", part.index)
                settle(part.index, None)
            future.release()

    window = 2 * max(result.workers, 1)
    for part in partitions(iter_documents(paths, published=published), partition_size):
        result.partitions += 1
        result.documents += len(part.items)
        path = shards.shard_path(directory, part.index)
        if shards.is_done(path, part.digest):
            result.skipped += 1
            done.append((part.index, str(path)))
            note("skipped", part.index)
            settle(part.index, str(path))
            continue
        future = client.submit(extract_partition, part.index, part.items, str(directory), part.digest,
                               key=f"reportedly-part-{part.index:05d}-{part.digest[:12]}-{uuid.uuid4().hex[:6]}",
                               retries=RETRIES, pure=False)
        in_flight[future] = part
        while len(in_flight) >= window:
            collect(wait(list(in_flight), return_when="FIRST_COMPLETED").done)
    while in_flight:
        collect(wait(list(in_flight), return_when="FIRST_COMPLETED").done)
    result.shards = [path for _, path in sorted(done)]
    result.seconds = time.perf_counter() - started
    return result


def partitions(items: Iterable[Document | Failure], size: int) -> Iterator[Partition]:
    """The stream cut into numbered partitions of ``size`` items (documents and read failures), in order."""
    batch: list[Document | Failure] = []
    index = 0
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield Partition(index, batch, _digest(batch))
            index += 1
            batch = []
    if batch:
        yield Partition(index, batch, _digest(batch))


def extract_partition(index: int, items: list[Document | Failure], shard_dir: str, digest: str) -> dict[str, Any]:
    """On a worker: analyse one partition and write its shard; return its failures and this worker's peak RSS."""
    started = time.perf_counter()
    screened = [screen(item) or item if isinstance(item, Document) else item for item in items]
    # A document screened out (empty, too long) keeps its row, beside its failure.
    rows = list(zip(items, (outcome for _, outcome in _analysed(screened, BATCH))))
    shards.write_shard(shards.shard_path(shard_dir, index), rows, partition=index, digest=digest)
    return {"index": index, "documents": len(rows), "seconds": time.perf_counter() - started, "peak_mb": peak_rss_mb(),
            "failures": [(r.origin, r.reason) for _, r in rows if isinstance(r, Failure)]}


def _probe(address: str, timeout: float) -> None:
    """Fail at once when nothing listens at a TCP address (the client would retry until its timeout)."""
    from distributed.comm import parse_address, parse_host_port

    scheme, location = parse_address(address)
    if scheme != "tcp":
        return
    host, port = parse_host_port(location)
    with socket.create_connection((host, port), timeout=timeout):
        pass


def _digest(items: list[Document | Failure]) -> str:
    """What a partition is made of: every document's text hash and metadata, every read failure, the formats."""
    h = hashlib.sha256(f"{shards.SHARD_VERSION}|{SCHEMA_VERSION}\n".encode())
    for item in items:
        fields: tuple[str | None, ...]
        if isinstance(item, Document):
            fields = ("D", item.content_hash, item.id, item.title, item.published, item.url, item.outlet, item.origin)
        else:
            fields = ("F", item.origin, item.reason)
        h.update(("\x1f".join("" if f is None else f for f in fields) + "\x1e").encode("utf-8"))
    return h.hexdigest()


def _span(part: Partition) -> str:
    first, last = part.items[0].origin, part.items[-1].origin
    return first if first == last else f"{first} to {last}"


def shard_folder(directory: str | os.PathLike[str]) -> Path:
    """``directory`` as an absolute path, created if needed, once a file could be written there.

    Raises ``InputError`` when it cannot be created or written.
    """
    directory = Path(directory).absolute()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f".probe-{uuid.uuid4().hex[:8]}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise InputError(str(directory), "a folder for the shards that can be created and written "
                         f"({exc.strerror or type(exc).__name__}); pick another --shards folder") from exc
    return directory


def _one_line(exc: BaseException | None) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0] if exc is not None else "no reason given"
