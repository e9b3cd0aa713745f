"""Analysis in a pool of worker processes, one spaCy model each; results come back in input order.

The process that reads documents stays the only writer: a worker analyses a
batch and returns its reports, nothing more (it never opens the ledger). At
most ``WINDOW`` batches per worker are in flight, so memory is bounded
whatever the size of the corpus: the input is read only as fast as results
are stored.

Failure policy: a document whose analysis raises is a failure of its own
(``ingest._run``). A worker that dies (killed, out of memory) breaks the
pool; the pool is restarted, the batches in flight are sent again, and the
batch being waited for is analysed one document at a time, so that only a
document that kills a worker again is reported, and the run goes on.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..documents import Document, Failure
from ..errors import ModelError
from ..pipeline import load_nlp
from ..types import Report
from .ingest import PIPE_BATCH, Usage, _run, peak_rss_mb

__all__ = ["MAX_BREAKS", "RECYCLE_AFTER", "WINDOW", "analysed_in_pool", "default_workers"]

WINDOW = 2           # batches in flight per worker: one being analysed, one waiting
RECYCLE_AFTER = 200  # batches a worker analyses before it is replaced: spaCy's string store only grows
MAX_BREAKS = 3       # pool breaks in a row with no batch done: the workers cannot run at all

Result = tuple[list["Report | Failure"], float]  # reports in batch order, the worker's peak RSS in MB


def default_workers() -> int:
    """The cores this process may run on (all of them unless restricted)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analysed_in_pool(items: Iterable[Document | Failure], *, workers: int, batch_size: int,
                     usage: Usage | None = None) -> Iterator[tuple[Document | Failure, Report | Failure]]:
    """Each item with its report (or failure), in input order, analysed by ``workers`` processes."""
    pool = _Pool(workers)
    queue: deque[_Entry] = deque()
    try:
        for group in _groups(items, batch_size):
            queue.append(_Entry(group, None) if isinstance(group, Failure) else _Entry(group, pool.submit(group)))
            while sum(e.future is not None for e in queue) > workers * WINDOW:
                yield from _next(queue, pool, usage)
        while queue:
            yield from _next(queue, pool, usage)
    finally:
        pool.close()


@dataclass
class _Entry:
    """A failure read from the input (no future), or a batch of documents and its future."""

    item: list[Document] | Failure
    future: Future[Result] | None


def _groups(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document] | Failure]:
    """Batches of up to ``size`` documents; a failure ends the batch before it and stands alone."""
    batch: list[Document] = []
    for item in items:
        if isinstance(item, Failure):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _next(queue: deque[_Entry], pool: _Pool, usage: Usage | None) -> Iterator[tuple[Document | Failure,
                                                                                    Report | Failure]]:
    """Yield the results of the oldest entry, waiting for them."""
    entry = queue.popleft()
    if isinstance(entry.item, Failure):
        yield entry.item, entry.item
        return
    assert entry.future is not None
    try:
        results, peak = entry.future.result()
        pool.breaks = 0
    except BrokenProcessPool:
        pool.restart(queue)
        results, peak = _one_by_one(entry.item, pool, queue)
    if usage is not None and peak:
        usage.note(peak)
    yield from zip(entry.item, results)


def _one_by_one(docs: list[Document], pool: _Pool, queue: deque[_Entry]) -> Result:
    """A batch that was in a worker when it died, one document at a time: only a killer fails."""
    results: list[Report | Failure] = []
    peak = 0.0
    for doc in docs:
        try:
            (result,), mb = pool.submit([doc]).result()
            peak = max(peak, mb)
            pool.breaks = 0
        except BrokenProcessPool:
            pool.restart(queue)
            result = Failure(doc.origin, "expected to be analysable, but the worker process analysing it "
                             "died twice (killed, or out of memory); please report this with the document")
        results.append(result)
    return results, peak


class _Pool:
    """A process pool that can be restarted after a worker dies, resubmitting the work in flight."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.breaks = 0  # restarts since a batch last came back
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: this process may hold threads (a progress bar, a database pool) and locks.
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(os.getpid(),),
                                   max_tasks_per_child=RECYCLE_AFTER)

    def submit(self, docs: list[Document]) -> Future[Result]:
        """The batch's future; on a pool already broken, a future that says so (it is sent again on restart)."""
        try:
            return self.executor.submit(_analyse_batch, docs)
        except BrokenProcessPool as exc:
            lost: Future[Result] = Future()
            lost.set_exception(exc)
            return lost

    def restart(self, queue: deque[_Entry]) -> None:
        """A fresh pool; every batch in ``queue`` whose result was lost is submitted again.

        Raises ``ModelError`` when the pool keeps breaking before any batch comes back.
        """
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.breaks += 1
        if self.breaks >= MAX_BREAKS:
            raise ModelError("analysis workers: expected them to start and analyse, but every worker process "
                             f"died {self.breaks} times in a row before finishing a batch; run with --workers 1 "
                             "to see the error (a library caller on a spawn platform needs the "
                             "`if __name__ == \"__main__\":` guard)")
        self.executor = self._start()
        for entry in queue:
            f = entry.future
            if f is not None and isinstance(entry.item, list) and not (f.done() and f.exception() is None):
                entry.future = self.submit(entry.item)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


# --- in the worker -----------------------------------------------------------------------


def _start_worker(parent: int) -> None:
    """Load the model once; leave Ctrl-C to the parent; exit if the parent dies (SIGKILL leaves no goodbye)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_nlp()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="reportedly-parent-watch", daemon=True).start()


def _analyse_batch(docs: list[Document]) -> Result:
    """Reports for a batch, in order (a document that cannot be analysed is a failure), and this worker's peak RSS."""
    results = [result for _, result in _run(docs, PIPE_BATCH)]
    return results, peak_rss_mb()
