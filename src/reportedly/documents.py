"""Documents for ``reportedly ingest``: paths, directories and globs in; a stream of articles out.

Each file is read by its extension: ``.txt`` (the text exactly as written),
``.html``/``.htm`` (the main text found by trafilatura), ``.jsonl`` (one article
a line) and feeds ``.xml``/``.rss``/``.atom`` (one article an entry). Nothing is
gathered first: documents are yielded as they are read, and a JSONL file is
read a line at a time. A document that cannot be read becomes a :class:`Failure`
in the stream, naming where it came from and what was expected, and the stream
goes on with the next one.
"""
from __future__ import annotations

import codecs
import email.utils
import glob
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit

import feedparser
from trafilatura import bare_extraction

from .errors import InputError
from .readers import MAX_BYTES, decode_text, read_text_file

__all__ = ["Document", "Failure", "expand", "iter_documents"]

_KINDS = "a .txt, .html, .jsonl or feed (.xml/.rss/.atom) file"
_JSONL_STRINGS = ("title", "url", "outlet")
_SNIFF_BYTES = 8192
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_GLOB_MAGIC = re.compile(r"[*?[]")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?!\d)")
_TITLE_PARTS = re.compile(r"\s+(?:[-|>\u2013\u2014])\s+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# htmldate refuses dates after today; an archive (or an invented corpus) may be dated
# later than the clock of the machine reading it. Only structured markup is used
# (meta tags, JSON-LD, <time>, the URL), not guesses such as a footer's copyright year.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2999-12-31"}
# A page whose longest paragraph is shorter than this holds navigation, a cookie
# banner or an error notice, not an article: news paragraphs run to 15-40 words.
_MIN_PARAGRAPH_WORDS = 10


@dataclass(frozen=True)
class Document:
    """One article: ``text`` is what offsets refer to and what gets stored."""

    id: str
    text: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None
    origin: str

    @property
    def content_hash(self) -> str:
        """Return the SHA-256 hex digest of the UTF-8 text (the ledger's key for an article)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Failure:
    """A document that could not be read: where it came from, and one line saying why."""

    origin: str
    reason: str


Item = Document | Failure


def iter_documents(paths: Iterable[str], *, published: str | None = None) -> Iterator[Item]:
    """Return a stream of documents (and failures) from files, directories and glob patterns.

    ``published`` is the date given to documents that carry none of their own;
    any date or datetime is accepted and kept as ``YYYY-MM-DD``. Raises
    ``InputError`` at once if ``published`` is not a date; every problem with a
    document is a :class:`Failure` in the stream.
    """
    if isinstance(paths, (str, bytes)):
        raise TypeError("paths must be an iterable of paths, not one string; wrap it in a list")
    default = _normalise_date(published)
    if published is not None and default is None:
        raise InputError(
            repr(published),
            "a date such as 2031-03-02 for the default published date; pass YYYY-MM-DD",
        )
    return _stream(paths, default)


def expand(paths: Iterable[str]) -> Iterator[str | Failure]:
    """Return the files named by ``paths``, each once, in the order given.

    A file is taken as it is; a directory gives its supported files (recursively,
    sorted, hidden names skipped); a glob pattern the shell did not expand gives
    its matches, sorted. A path that matches nothing gives a :class:`Failure`.
    """
    seen: set[str] = set()
    for given in paths:
        for item in _expand_one(given):
            if isinstance(item, str):
                key = os.path.normpath(item)
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _stream(paths: Iterable[str], published: str | None) -> Iterator[Item]:
    for item in expand(paths):
        if isinstance(item, Failure):
            yield item
            continue
        reader = _READERS.get(os.path.splitext(item)[1].lower())
        if reader is None:
            yield Failure(
                item,
                "expected .txt, .html, .jsonl or a feed (.xml/.rss/.atom); "
                "convert the file to one of these or leave it out",
            )
        else:
            yield from reader(item, published)


def _expand_one(given: str) -> Iterator[str | Failure]:
    if os.path.isdir(given):
        yield from _walk(given)
    elif os.path.lexists(given):
        yield given  # a file, or a broken link whose reading names the problem
    elif _GLOB_MAGIC.search(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            yield Failure(
                given, "expected files matching this pattern, found none; check the pattern"
            )
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            else:
                yield match
    else:
        yield Failure(
            given,
            "expected an existing file, directory or glob pattern, found nothing there; "
            "check the path",
        )


def _walk(top: str) -> Iterator[str | Failure]:
    found = False
    for item in _walk_dir(top):
        found = found or isinstance(item, str)
        yield item
    if not found:
        yield Failure(
            top, f"expected a directory holding {_KINDS}, found none; pass other files by name"
        )


def _walk_dir(directory: str) -> Iterator[str | Failure]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(
            directory, f"a readable directory, got {exc.strerror or exc}; check its permissions"
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)  # linked directories could loop
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk_dir(path)
        elif os.path.splitext(entry.name)[1].lower() in _READERS:
            yield path


# --- readers: each takes a path and the default date, and yields documents and failures


def _read_txt(path: str, published: str | None) -> Iterator[Item]:
    try:
        text = read_text_file(path)
    except InputError as exc:
        yield _failure(exc)
        return
    if not text.strip():
        yield Failure(
            path, "expected a text file with an article in it, found no text; leave it out"
        )
        return
    yield Document(path, text, None, published, None, None, path)


def _read_html(path: str, published: str | None) -> Iterator[Item]:
    try:
        markup = _decode_markup(_read_bytes(path), path)
    except InputError as exc:
        yield _failure(exc)
        return
    try:
        found = bare_extraction(
            markup, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except Exception as exc:  # noqa: BLE001 - a parser crash on one page is that page's failure
        yield Failure(
            path, f"expected an HTML page, the extractor failed ({_one_line(exc)}); check the file"
        )
        return
    title = _clean(getattr(found, "title", None))
    text = _drop_title(_paragraphs(getattr(found, "text", None) or ""), title)
    if not _has_main_text(text):
        yield Failure(
            path,
            "expected an HTML article with a main text, found none; "
            "pass the article page itself, or its text as .txt",
        )
        return
    url = _clean(getattr(found, "url", None))
    yield Document(
        id=url or path,
        text=text,
        title=title,
        published=_normalise_date(getattr(found, "date", None)) or published,
        url=url,
        outlet=_clean(getattr(found, "sitename", None)),
        origin=path,
    )


def _read_jsonl(path: str, published: str | None) -> Iterator[Item]:
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield _failure(_os_error(path, exc))
        return
    with handle:
        try:
            if b"\x00" in handle.read(_SNIFF_BYTES):
                yield Failure(
                    path, "expected JSON Lines text, found binary data; pass a .jsonl file"
                )
                return
            handle.seek(0)
            for number, raw in enumerate(handle, start=1):
                if number == 1 and raw.startswith(_UTF8_BOM):
                    raw = raw[len(_UTF8_BOM) :]
                if raw.strip():
                    yield _jsonl_document(raw, f"{path}:{number}", published)
        except OSError as exc:  # a read error part-way: what was read stands
            yield _failure(_os_error(path, exc))


def _jsonl_document(raw: bytes, origin: str, published: str | None) -> Item:
    try:
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Failure(
            origin,
            f"expected UTF-8 text, found byte 0x{raw[exc.start]:02x} at column {exc.start + 1} "
            "that is not UTF-8; convert the file, e.g. iconv -f latin1 -t utf-8",
        )
    except json.JSONDecodeError as exc:
        return Failure(
            origin,
            f"expected a JSON object, found invalid JSON ({exc.msg.removesuffix(' at')} at column "
            f"{exc.colno}); fix or remove the line",
        )
    if not isinstance(record, dict):
        return Failure(
            origin,
            f'expected a JSON object such as {{"text": "..."}}, found {_json_type(record)}; '
            "fix the line",
        )
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        found = (
            "none" if "text" not in record else _json_type(text).replace("a string", "a blank one")
        )
        return Failure(
            origin,
            f'expected the article under "text" as a non-empty string, found {found}; add it',
        )
    if not _is_utf8(text):
        return Failure(
            origin,
            'expected "text" to be valid Unicode, found a lone surrogate escape; fix the line',
        )
    ident = record.get("id")
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = str(ident)
    for key, value in [("id", ident), *((key, record.get(key)) for key in _JSONL_STRINGS)]:
        if value is not None and not isinstance(value, str):
            return Failure(
                origin,
                f'expected "{key}" to be a string or null, found {_json_type(value)}; fix it',
            )
    return Document(
        id=ident if isinstance(ident, str) and ident.strip() else origin,  # kept as written
        text=text,
        title=_clean(record.get("title")),
        published=_normalise_date(record.get("published")) or published,
        url=_clean(record.get("url")),
        outlet=_clean(record.get("outlet")),
        origin=origin,
    )


def _read_feed(path: str, published: str | None) -> Iterator[Item]:
    try:
        data = _read_bytes(path)
    except InputError as exc:
        yield _failure(exc)
        return
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith(_UTF16_BOMS):
        yield Failure(path, "expected an RSS or Atom feed, found binary data; pass the feed's XML")
        return
    try:
        parsed = feedparser.parse(data)  # bytes, never a string: a string may be fetched as a URL
    except Exception as exc:  # noqa: BLE001 - a parser crash on one feed is that feed's failure
        yield Failure(
            path,
            f"expected an RSS or Atom feed, the parser failed ({_one_line(exc)}); check the file",
        )
        return
    if not parsed.get("version"):  # feedparser's loose parser finds "entries" in any text
        if parsed.get("bozo"):
            problem = _one_line(parsed.get("bozo_exception", "not well-formed"))
            found = f"text that does not parse as XML ({problem})"
        else:
            found = "XML with no <rss>, <feed> or <rdf:RDF> in it"
        yield Failure(
            path, f"expected an RSS or Atom feed, found {found}; check that the file is a feed"
        )
        return
    outlet = _feed_outlet(_clean(parsed.feed.get("title")), parsed.feed.get("link"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _feed_document(entry, f"{path}#{number}", outlet, published)


def _feed_document(entry: Any, origin: str, outlet: str | None, published: str | None) -> Item:
    text = _entry_text(entry)
    if not text:
        return Failure(
            origin,
            "expected a feed entry with content or a summary, found no text; the feed gives none",
        )
    url = _clean(entry.get("link"))
    date_found = (
        _normalise_date(entry.get("published"))
        or _normalise_date(entry.get("updated"))
        or _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    )
    return Document(
        id=_clean(entry.get("id")) or url or origin,
        text=text,
        title=_clean(entry.get("title")),
        published=date_found or published,
        url=url,
        outlet=outlet,
        origin=origin,
    )


def _feed_outlet(title: str | None, link: object) -> str | None:
    """Return the outlet named by a feed title such as "BBC News - World" or "World | The Guardian".

    Of the parts around " - ", " | ", " > " and dashes, the one the feed's host
    name spells out ("The Guardian" in theguardian.com), else the first.
    """
    if title is None:
        return None
    parts = [part for part in _TITLE_PARTS.split(title) if part]
    squeezed = re.sub(r"[\W_]", "", _host(link).casefold())
    for part in parts:
        name = re.sub(r"[\W_]", "", part.casefold())
        if squeezed and len(name) > 2 and name in squeezed:
            return part
    return parts[0] if parts else title


def _host(link: object) -> str:
    try:
        return (urlsplit(link).hostname or "") if isinstance(link, str) else ""
    except ValueError:  # a malformed link, e.g. an unclosed IPv6 bracket
        return ""


def _entry_text(entry: Any) -> str:
    details = [*entry.get("content", [])[:1], entry.get("summary_detail")]
    for detail in details:
        if detail and (detail.get("value") or "").strip():
            value = detail["value"]
            text = (
                _markup_text(value)
                if "html" in (detail.get("type") or "html")
                else _paragraphs(value)
            )
            if text:
                return text
    return ""


_READERS: dict[str, Callable[[str, str | None], Iterator[Item]]] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
    ".xml": _read_feed,
    ".rss": _read_feed,
    ".atom": _read_feed,
}


# --- helpers


def _read_bytes(path: str) -> bytes:
    """Return a file's bytes; raises ``InputError`` as :func:`read_text_file` does."""
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            limit, found = MAX_BYTES / 1024 / 1024, size / 1024 / 1024
            raise InputError(
                path, f"a file of at most {limit:.0f} MiB, found {found:.1f} MiB; split it"
            )
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _os_error(path, exc) from exc


def _os_error(path: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "an existing file, found nothing there; check the path")
    if isinstance(exc, PermissionError):
        return InputError(path, "a readable file, permission denied; check its permissions")
    return InputError(path, f"a readable file, got {exc.strerror or exc}; check the path")


def _decode_markup(data: bytes, name: str) -> str:
    """Return an HTML page as text: UTF-8, or the legacy charset its <meta> declares."""
    try:
        return decode_text(data, name=name)
    except InputError as exc:
        charset = _declared_charset(data[:_SNIFF_BYTES])
        if charset is None or b"\x00" in data[:_SNIFF_BYTES]:
            raise
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            raise exc from None


def _declared_charset(head: bytes) -> str | None:
    match = _CHARSET.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name == "utf-8" else name


class _TextCollector(HTMLParser):
    """Text of an HTML fragment, with a line break wherever a block begins or ends."""

    _BLOCKS = frozenset(
        "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 "
        "h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
    )
    _HIDDEN = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _markup_text(fragment: str) -> str:
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return _paragraphs("".join(collector.parts))


def _paragraphs(text: str) -> str:
    """Return ``text`` as paragraphs joined by "\\n": spaces collapsed, blank lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _drop_title(text: str, title: str | None) -> str:
    # trafilatura keeps the <h1> as the first line; the title is stored apart.
    first, _, rest = text.partition("\n")
    if title and first.casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def _has_main_text(text: str) -> bool:
    return any(len(line.split()) >= _MIN_PARAGRAPH_WORDS for line in text.split("\n"))


def _normalise_date(value: object) -> str | None:
    """Return a date or datetime (ISO 8601 or RFC 2822, as feeds write) as YYYY-MM-DD, else None.

    The calendar date is the one written, in the writer's own time zone.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DATE.match(value)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _struct_date(value: object) -> str | None:
    # feedparser's own parse of dates in formats we do not read (in UTC).
    if isinstance(value, time.struct_time):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return "null" if value is None else names.get(type(value), "a number")


def _failure(exc: InputError) -> Failure:
    return Failure(exc.name, f"expected {exc.expected}")


def _one_line(value: object) -> str:
    text = re.sub(r"^<unknown>:(\d+):(\d+):\s*", r"line \1, column \2: ", str(value))
    return " ".join(text.split()) or type(value).__name__
