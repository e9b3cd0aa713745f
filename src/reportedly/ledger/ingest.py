"""Ingest: documents in, analysed and stored one transaction each, then the cross-article view rebuilt.

The input is streamed (``documents.iter_documents``): nothing holds the whole
corpus in memory. Each article is committed on its own, keyed by the hash of
its text, so a run that is killed loses nothing it committed and a rerun
skips what is stored and does the rest. A document that cannot be read or
analysed is a failure with its reason; the run goes on.

With ``workers > 1`` the analysis runs in a pool of processes
(``workers.py``) while this process stays the only writer and stores the
results in input order, so the ledger is the same as with one worker.
"""
from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from ..api import MAX_CHARS, check_date
from ..documents import Document, Failure, iter_documents
from ..errors import InputError, ModelError
from ..pipeline import load_nlp
from ..types import Report
from .store import Ledger

BATCH = 16      # documents analysed (and then stored) together
PIPE_BATCH = 4  # spaCy's nlp.pipe batch: the results do not depend on it, peak memory does


@dataclass
class Usage:
    """The resources the analysing processes used: the largest peak resident memory of one, in MB."""

    peak_mb: float | None = None

    def note(self, mb: float) -> None:
        self.peak_mb = mb if self.peak_mb is None else max(self.peak_mb, mb)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    Linux's ``VmHWM`` where there is one: ``getrusage`` keeps, across the
    exec of a spawned worker, the peak of the process it was forked from.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux, bytes on macOS
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _note_own_peak(usage: Usage | None) -> None:
    if usage is not None:
        usage.note(peak_rss_mb())


@dataclass
class Summary:
    """What an ingest run did."""

    documents: int = 0
    added: int = 0
    duplicates: int = 0
    claims: int = 0
    failures: list[Failure] = field(default_factory=list)
    new_sources: int = 0
    sources: int = 0
    conflicts: int = 0
    seconds: float = 0.0
    workers: int = 1
    worker_peak_mb: float | None = None  # the largest peak resident memory of one analysing process

    def to_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "added": self.added, "duplicates": self.duplicates,
                "claims": self.claims, "sources": self.sources, "new_sources": self.new_sources,
                "conflicts": self.conflicts, "seconds": round(self.seconds, 2), "workers": self.workers,
                "worker_peak_mb": None if self.worker_peak_mb is None else round(self.worker_peak_mb, 1),
                "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failures]}


Progress = Callable[[str, "Document | Failure"], None]


def ingest(paths: Iterable[str], ledger: Ledger, *, published: str | None = None,
           on_item: Progress | None = None, batch_size: int = BATCH, workers: int = 1) -> Summary:
    """Analyse and store every document under ``paths``; return what was done.

    ``on_item(status, item)`` is called once per document with ``added``,
    ``duplicate`` or ``failed`` (a progress bar hangs off it). ``workers``
    processes analyse in parallel (``1``: in this process); this process
    stores every result, in input order.
    """
    published = check_date(published)
    if workers < 1:
        raise InputError(str(workers), "a number of workers of 1 or more")
    summary = Summary(workers=workers)
    started = time.perf_counter()
    report = on_item or (lambda status, item: None)
    # Hashes read but not yet stored (bounded by what is in flight) and hashes that failed:
    # a copy of either later in the stream is a duplicate, never analysed twice.
    pending: set[str] = set()
    failed: set[str] = set()
    fresh = _fresh(iter_documents(paths, published=published), ledger, summary, report, pending, failed)
    usage = Usage()
    for item, result in analysed(fresh, batch_size=batch_size, workers=workers, usage=usage):
        if isinstance(item, Document):
            pending.discard(item.content_hash)
        if isinstance(result, Failure) or not isinstance(item, Document):
            failure = result if isinstance(result, Failure) else Failure(item.origin, "expected a document")
            if isinstance(item, Document):
                failed.add(item.content_hash)
            summary.failures.append(failure)
            report("failed", failure)
            continue
        try:
            added = ledger.add(item, result)
        except InputError as exc:
            failed.add(item.content_hash)
            failure = Failure(item.origin, f"expected {exc.expected}")
            summary.failures.append(failure)
            report("failed", failure)
            continue
        if added.new:
            summary.added += 1
            summary.claims += added.claims
            report("added", item)
        else:
            summary.duplicates += 1
            report("duplicate", item)
    summary.worker_peak_mb = usage.peak_mb
    refreshed = ledger.refresh()
    summary.sources, summary.new_sources = refreshed.sources, refreshed.new_sources
    summary.conflicts = ledger.stats()["conflicts"]
    summary.seconds = time.perf_counter() - started
    return summary


def screen(doc: Document) -> Failure | None:
    """Why a document read fine cannot be analysed (empty, too long), or None when it can."""
    if not doc.text.strip():
        return Failure(doc.origin, "expected some text, found an empty document; nothing to store")
    if len(doc.text) > MAX_CHARS:
        return Failure(doc.origin, f"expected at most {MAX_CHARS:,} characters, found {len(doc.text):,}; "
                       "split the document")
    return None


def _fresh(items: Iterable[Document | Failure], ledger: Ledger, summary: Summary,
           report: Progress, pending: set[str], failed: set[str]) -> Iterator[Document | Failure]:
    """Documents not yet stored (by the hash of their text); failures pass through.

    A document is a duplicate when its text is stored, in flight (``pending``:
    read, not yet stored) or failed earlier in this run.
    """
    for item in items:
        summary.documents += 1
        if isinstance(item, Failure):
            yield item
            continue
        digest = item.content_hash
        if digest in pending or digest in failed or ledger.has(digest):
            summary.duplicates += 1
            report("duplicate", item)
            continue
        unusable = screen(item)
        (failed if unusable else pending).add(digest)
        yield unusable or item


def analysed(items: Iterable[Document | Failure], *, batch_size: int = BATCH, workers: int = 1,
             usage: Usage | None = None) -> Iterator[tuple[Document | Failure, Report | Failure]]:
    """Each item with its report, in input order; ``workers > 1`` analyses in a process pool.

    A stream of at most one batch is analysed here even then: starting the
    workers (a spaCy model each) would cost more than it saves.
    """
    if workers <= 1:
        yield from _analysed(items, batch_size)
        _note_own_peak(usage)
        return
    stream = iter(items)
    head: list[Document | Failure] = []
    documents = 0
    for item in stream:
        head.append(item)
        documents += isinstance(item, Document)
        if documents > batch_size:
            break
    else:
        yield from _analysed(head, batch_size)
        _note_own_peak(usage)
        return
    from .workers import analysed_in_pool  # the pool's machinery is only imported when used

    yield from analysed_in_pool(chain(head, stream), workers=workers, batch_size=batch_size, usage=usage)


def _analysed(items: Iterable[Document | Failure], batch_size: int) -> Iterator[tuple[Document | Failure, Report | Failure]]:
    """Each document with its report, batched through spaCy; a failure stays a failure."""
    batch: list[Document] = []
    for item in items:
        if isinstance(item, Failure):
            yield from _run(batch)
            batch = []
            yield item, item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _run(batch)
            batch = []
    yield from _run(batch)


def _run(batch: list[Document], pipe_batch: int = PIPE_BATCH) -> Iterator[tuple[Document, Report | Failure]]:
    if not batch:
        return
    try:
        reports = list(analyse(batch, batch_size=pipe_batch))
    except ModelError:
        raise
    except Exception:
        reports = None
    if reports is not None:
        yield from zip(batch, reports)
        return
    for doc in batch:  # one bad document must not sink its batch
        try:
            yield doc, next(analyse([doc]))
        except ModelError:
            raise
        except Exception as exc:
            yield doc, Failure(doc.origin, f"expected to be analysable, but analysis failed "
                               f"({type(exc).__name__}: {exc}); please report this with the document")


def analyse(docs: list[Document], *, batch_size: int = PIPE_BATCH) -> Iterator[Report]:
    """Reports for documents, each analysed with its own publication date.

    ``batch_size`` is spaCy's ``nlp.pipe`` batch. The reports do not depend on
    it and neither does the speed, but peak memory grows with it: PolNeAR
    train in one process peaks at about 450 MB with 4, 490 MB with 8 and
    650 MB with 16.
    """
    nlp = load_nlp()
    nlp.max_length = max(nlp.max_length, MAX_CHARS)

    def prepared() -> Iterator:  # type: ignore[type-arg]
        for d in docs:
            doc = nlp.make_doc(d.text)
            doc._.published = d.published
            yield doc

    for d, doc in zip(docs, nlp.pipe(prepared(), batch_size=batch_size)):
        yield Report(text=d.text, attributions=doc._.attributions, published=d.published, name=d.id,
                     conflicts=doc._.conflicts)
