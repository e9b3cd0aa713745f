"""Ingest: documents in, analysed and stored one transaction each, then the cross-article view rebuilt.

The input is streamed (``documents.iter_documents``): nothing holds the whole
corpus in memory. Each article is committed on its own, keyed by the hash of
its text, so a run that is killed loses nothing it committed and a rerun
skips what is stored and does the rest. A document that cannot be read or
analysed is a failure with its reason; the run goes on.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..api import MAX_CHARS, check_date
from ..documents import Document, Failure, iter_documents
from ..errors import InputError, ModelError
from ..pipeline import load_nlp
from ..types import Report
from .store import Ledger

BATCH = 16


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

    def to_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "added": self.added, "duplicates": self.duplicates,
                "claims": self.claims, "sources": self.sources, "new_sources": self.new_sources,
                "conflicts": self.conflicts, "seconds": round(self.seconds, 2),
                "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failures]}


Progress = Callable[[str, "Document | Failure"], None]


def ingest(paths: Iterable[str], ledger: Ledger, *, published: str | None = None,
           on_item: Progress | None = None, batch_size: int = BATCH) -> Summary:
    """Analyse and store every document under ``paths``; return what was done.

    ``on_item(status, item)`` is called once per document with ``added``,
    ``duplicate`` or ``failed`` (a progress bar hangs off it).
    """
    published = check_date(published)
    summary = Summary()
    started = time.perf_counter()
    report = on_item or (lambda status, item: None)
    for item, result in _analysed(_fresh(iter_documents(paths, published=published), ledger, summary, report),
                                  batch_size):
        if isinstance(result, Failure) or not isinstance(item, Document):
            failure = result if isinstance(result, Failure) else Failure(item.origin, "expected a document")
            summary.failures.append(failure)
            report("failed", failure)
            continue
        try:
            added = ledger.add(item, result)
        except InputError as exc:
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
    refreshed = ledger.refresh()
    summary.sources, summary.new_sources = refreshed.sources, refreshed.new_sources
    summary.conflicts = ledger.stats()["conflicts"]
    summary.seconds = time.perf_counter() - started
    return summary


def _fresh(items: Iterable[Document | Failure], ledger: Ledger, summary: Summary,
           report: Progress) -> Iterator[Document | Failure]:
    """Documents not yet stored (by the hash of their text); failures pass through."""
    seen: set[str] = set()
    for item in items:
        summary.documents += 1
        if isinstance(item, Failure):
            yield item
            continue
        digest = item.content_hash
        if digest in seen or ledger.has(digest):
            summary.duplicates += 1
            report("duplicate", item)
            continue
        seen.add(digest)
        if not item.text.strip():
            yield Failure(item.origin, "expected some text, found an empty document; nothing to store")
        elif len(item.text) > MAX_CHARS:
            yield Failure(item.origin, f"expected at most {MAX_CHARS:,} characters, found {len(item.text):,}; "
                          "split the document")
        else:
            yield item


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


def _run(batch: list[Document]) -> Iterator[tuple[Document, Report | Failure]]:
    if not batch:
        return
    try:
        reports = list(analyse(batch))
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


def analyse(docs: list[Document]) -> Iterator[Report]:
    """Reports for documents, each analysed with its own publication date."""
    nlp = load_nlp()
    nlp.max_length = max(nlp.max_length, MAX_CHARS)

    def prepared() -> Iterator:  # type: ignore[type-arg]
        for d in docs:
            doc = nlp.make_doc(d.text)
            doc._.published = d.published
            yield doc

    for d, doc in zip(docs, nlp.pipe(prepared(), batch_size=BATCH)):
        yield Report(text=d.text, attributions=doc._.attributions, published=d.published, name=d.id,
                     conflicts=doc._.conflicts)
