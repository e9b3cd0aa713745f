"""The Analyse page and ``POST /api/analyse``: pasted text or an uploaded file in, a ``Document``
and its ``Report`` out, stored in the ledger when asked.

Uploads go through the same readers as ``reportedly ingest`` (``documents.iter_documents``):
a ``.txt`` file is read as UTF-8, an ``.html`` page gives its main text, title, date and URL.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from pathlib import PurePath

from .. import api
from ..documents import Document, Failure, iter_documents
from ..errors import InputError
from ..ledger import Added, Ledger
from ..types import Report
from .errors import WebError

MAX_TEXT = 1_000_000  # characters: about three minutes of analysis on a small machine
UPLOADS = (".txt", ".html", ".htm")


def check_published(value: str | None) -> str | None:
    """``YYYY-MM-DD`` or None; raises ``WebError`` 422 naming the field."""
    value = (value or "").strip() or None
    try:
        return api.check_date(value, name="published")
    except InputError as exc:
        raise WebError(422, f"{exc}; pick a date or leave it empty", field="published") from exc


def from_text(text: str, *, published: str | None, title: str | None) -> Document:
    """A document from pasted text (a browser's CRLF line ends become LF)."""
    text = text.replace("\r\n", "\n")
    _check_size(text, "text")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(id=f"pasted-{digest[:12]}", text=text, title=_title(title, text),
                    published=check_published(published), url=None, outlet=None, origin="pasted in the web app")


def from_upload(filename: str, data: bytes, *, published: str | None, title: str | None) -> Document:
    """A document from an uploaded .txt or .html file, read as ``reportedly ingest`` reads it."""
    name = PurePath(filename or "upload").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in UPLOADS:
        raise WebError(415, f"{name}: expected a .txt or .html file; save the article as one of those",
                       field="file")
    day = check_published(published)
    with tempfile.TemporaryDirectory(prefix="reportedly-upload-") as folder:
        path = os.path.join(folder, f"upload{suffix}")
        with open(path, "wb") as handle:
            handle.write(data)
        item = next(iter(iter_documents([path], published=day)), None)
    if item is None or isinstance(item, Failure):
        reason = item.reason if item is not None else "expected an article, found nothing"
        raise WebError(422, f"{name}: {reason.replace(path, name)}", field="file")
    _check_size(item.text, "file")
    digest = item.content_hash[:12]
    ident = item.url or f"upload-{digest}-{name}"
    return dataclasses.replace(item, id=ident, origin=f"uploaded as {name}",
                               title=_title(title, item.text) if title or not item.title else item.title)


def analyse(doc: Document) -> Report:
    """The analysis of one document, offsets into ``doc.text``."""
    return api.analyze(doc.text, published=doc.published, name=doc.id)


def save(ledger: Ledger, doc: Document, report: Report) -> Added:
    """Store the article and rebuild the cross-article view (canonical sources, conflicts)."""
    try:
        added = ledger.add(doc, report)
    except InputError as exc:
        raise WebError(409, str(exc), field="text", code="conflict") from exc
    if added.new:
        ledger.refresh()
    return added


def _check_size(text: str, field: str) -> None:
    if not text.strip():
        raise WebError(422, f"{field}: expected an article's text, found nothing; paste some text or choose a "
                       "file", field=field)
    if len(text) > MAX_TEXT:
        raise WebError(413, f"{field}: expected at most {MAX_TEXT:,} characters, found {len(text):,}; split the "
                       "document", field=field)


def _title(given: str | None, text: str) -> str:
    given = " ".join((given or "").split())
    if given:
        return given[:300]
    first = " ".join(text.strip().split("\n", 1)[0].split())
    return first if len(first) <= 90 else first[:89].rsplit(" ", 1)[0] + "…"
