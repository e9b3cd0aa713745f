"""Documents for ``reportedly ingest``: each reader, the example corpus, paths, and bad inputs.

Every bad document must come back as a ``Failure`` naming its origin and what
was expected, and the documents around it must still come through.
"""
from __future__ import annotations

import builtins
import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterator

import pytest

from reportedly.documents import Document, Failure, expand, iter_documents
from reportedly.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths are given relative to the repository, as a user would type them.
    monkeypatch.chdir(ROOT)


FIX = "tests/fixtures/documents"


def _items(*paths: str, published: str | None = None) -> list[Document | Failure]:
    return list(iter_documents(paths, published=published))


def _summary(item: Document | Failure) -> tuple[str, str]:
    """(origin, id) for a document, (origin, "FAIL") for a failure."""
    return (item.origin, item.id) if isinstance(item, Document) else (item.origin, "FAIL")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


# --- the API


def test_document_is_frozen_and_hashes_its_text() -> None:
    doc = Document("a", "Café said “yes”.", None, None, None, None, "a.txt")
    assert doc.content_hash == hashlib.sha256("Café said “yes”.".encode()).hexdigest()
    assert dataclasses.replace(doc, id="b").content_hash == doc.content_hash
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "x"  # type: ignore[misc]


# --- .txt


def test_txt_is_kept_exactly_with_path_as_id_and_default_date() -> None:
    [doc] = _items(f"{FIX}/harbour.txt", published="2031-05-09T10:00:00Z")
    assert doc == Document(
        id=f"{FIX}/harbour.txt",
        text=(FIXTURES / "harbour.txt").read_text(encoding="utf-8"),
        title=None,
        published="2031-05-09",
        url=None,
        outlet=None,
        origin=f"{FIX}/harbour.txt",
    )


# --- .jsonl

# The fixture line by line: (origin line, id or "FAIL", published, words the reason must contain).
JSONL = [
    (1, "estuary-2031-05-07-dredging", "2031-05-07", ""),
    (2, f"{FIX}/batch.jsonl:2", "2031-05-08", ""),  # no id: the line; a datetime: its date
    (4, "FAIL", None, "expected a JSON object, found invalid JSON (Unterminated string"),
    (5, "FAIL", None, 'expected the article under "text" as a non-empty string, found none'),
    (7, "42", "2031-01-01", ""),  # a number id; an unreadable date falls back to the default
    (8, "FAIL", None, "expected a JSON object such as"),
    (9, "FAIL", None, 'expected "title" to be a string or null, found a list'),
]


def test_jsonl_gives_one_item_per_non_blank_line_and_goes_on_after_bad_ones() -> None:
    items = _items(f"{FIX}/batch.jsonl", published="2031-01-01")
    assert [_summary(i) for i in items] == [
        (f"{FIX}/batch.jsonl:{n}", ident) for n, ident, _, _ in JSONL
    ]
    for item, (_, _, published, reason) in zip(items, JSONL):
        if isinstance(item, Failure):
            assert reason in item.reason
        else:
            assert item.published == published


def test_jsonl_text_and_metadata_are_kept_as_written() -> None:
    first, second = [i for i in _items(f"{FIX}/batch.jsonl") if isinstance(i, Document)][:2]
    assert (first.title, first.url, first.outlet) == (
        "Dredging of the river mouth to start in June",
        "https://example-outlet.test/estuary/2031/05/07/dredging",
        "The Estuary Herald",
    )
    # Leading and trailing spaces and the \r\n inside the text are not touched.
    assert second.text == (
        "  The fishing fleet stayed in port for a third day, skippers said.\r\n"
        "They blamed the gales.  "
    )


# Each case: the JSON value of "published", and the date kept (None: the default applies).
DATES = {
    "date": ("2031-03-02", "2031-03-02"),
    "utc datetime": ("2031-03-02T09:14:00Z", "2031-03-02"),
    "offset datetime keeps the written date": ("2031-03-02T23:30:00-05:00", "2031-03-02"),
    "space datetime": ("2031-03-02 09:14", "2031-03-02"),
    "rfc 2822 as in rss": ("Sun, 02 Mar 2031 09:14:00 +0000", "2031-03-02"),
    "no such day": ("2031-02-30", None),
    "words": ("early March", None),
    "empty": ("", None),
    "null": (None, None),
    "a number": (20310302, None),
}


@pytest.mark.parametrize("value,expected", DATES.values(), ids=DATES.keys())
def test_jsonl_dates_are_normalised(tmp_path: Path, value: object, expected: str | None) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(
        json.dumps({"text": "The mayor said so.", "published": value}) + "\n", encoding="utf-8"
    )
    [doc] = _items(str(path))
    assert isinstance(doc, Document) and doc.published == expected
    [doc] = _items(str(path), published="1999-12-31")
    assert isinstance(doc, Document) and doc.published == (expected or "1999-12-31")


def test_jsonl_is_read_as_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl"
    path.write_text(
        json.dumps({"id": "one", "text": "The mayor said so."}) + "\n", encoding="utf-8"
    )
    stream = iter_documents([str(path)])
    first = next(stream)
    # A line added after the first document came out is still read: the file
    # is read a line at a time, not all at once before the first yield.
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "two", "text": "The council said otherwise."}) + "\n")
    assert [_summary(first)[1]] + [_summary(i)[1] for i in stream] == ["one", "two"]


def test_paths_are_consumed_lazily() -> None:
    taken: list[str] = []

    def paths() -> Iterator[str]:
        for path in (f"{FIX}/harbour.txt", f"{FIX}/ferry.html"):
            taken.append(path)
            yield path

    stream = iter_documents(paths())
    assert isinstance(next(stream), Document)
    assert taken == [f"{FIX}/harbour.txt"]


# --- .html

# Each case: the fixture, then a failure's reason or
# (id, title, published, url, outlet, how the text starts).
HTML = {
    "news page": (
        "ferry.html",
        (
            "https://example-outlet.test/estuary/2031/05/06/ferry",
            "Ferry service to Gull Island resumes after fog",
            "2031-05-06",
            "https://example-outlet.test/estuary/2031/05/06/ferry",
            "The Estuary Herald",
            "The ferry to Gull Island sailed again",
        ),
    ),
    "unclosed tags still give the paragraphs": (
        "broken.html",
        (
            f"{FIX}/broken.html",
            "Bridge inspection finds rust on main cables",
            None,
            None,
            None,
            "Engineers found rust on two of the main cables",
        ),
    ),
    "garbage": ("garbage.html", "expected an HTML article with a main text, found none"),
    "no article, only navigation": (
        "no_article.html",
        "expected an HTML article with a main text, found none",
    ),
}


@pytest.mark.parametrize("name,expected", HTML.values(), ids=HTML.keys())
def test_html_pages(name: str, expected: tuple[str | None, ...] | str) -> None:
    [item] = _items(f"{FIX}/{name}")
    if isinstance(expected, str):
        assert isinstance(item, Failure) and item.origin == f"{FIX}/{name}"
        assert expected in item.reason
        return
    assert isinstance(item, Document)
    *fields, start = expected
    assert [item.id, item.title, item.published, item.url, item.outlet] == fields
    assert item.text.startswith(str(start))
    assert item.origin == f"{FIX}/{name}"


def test_html_text_is_paragraphs_joined_by_newlines() -> None:
    [doc] = _items(f"{FIX}/ferry.html")
    assert isinstance(doc, Document)
    lines = doc.text.split("\n")
    assert len(lines) == 3  # the <h1> title, nav and footer are not part of it
    # A paragraph broken across source lines becomes one line with single spaces.
    assert lines[2] == (
        "The island's council said that shops had run short of fresh milk and bread while the "
        "boats were held in port, and that deliveries would arrive by the afternoon."
    )
    assert all(line == _squeeze(line) for line in lines)


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = (FIXTURES / "ferry.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "fresh milk", "fresh crème"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    [doc] = _items(str(path))
    assert isinstance(doc, Document) and "fresh crème" in doc.text


# --- feeds


def test_atom_feed_entries() -> None:
    items = _items(f"{FIX}/bridge.atom", published="2031-01-01")
    assert [_summary(i) for i in items] == [
        (f"{FIX}/bridge.atom#1", "valley-2031-06-01-bridge"),
        (
            f"{FIX}/bridge.atom#2",
            "https://example-outlet.test/valley/2031/06/01/robots",
        ),  # no id: the link
        (f"{FIX}/bridge.atom#3", "FAIL"),
    ]
    first, second, third = items
    assert (
        isinstance(first, Document) and isinstance(second, Document) and isinstance(third, Failure)
    )
    # HTML content becomes paragraphs; the script is dropped.
    assert first.text == (
        "The Old Mill Bridge will close for three weeks in July so that its main cables can be "
        "treated for rust, the county roads department said.\n"
        '"We would rather close it for a summer than for a year," chief engineer Olga Marsh said.'
    )
    # The date as written (22:30 at -04:00 is already 2 June in UTC), and the outlet
    # from "Valley Courier | Local news".
    assert (first.published, first.outlet, first.title) == (
        "2031-06-01",
        "Valley Courier",
        "Old Mill Bridge to close for cable repairs",
    )
    assert (
        second.text
        == "Pupils from Riverside School won a national robotics prize, their teacher said."
    )
    assert second.published == "2031-06-01"  # only <updated>
    assert "expected a feed entry with content or a summary, found no text" in third.reason


def test_rss_entry_without_guid_or_link_gets_its_number_as_id(tmp_path: Path) -> None:
    path = tmp_path / "tiny.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>Tiny Times</title>'
        "<item><title>Fog</title>"
        "<description>&lt;p&gt;The fog lifted, pilots said.&lt;/p&gt;</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    [doc] = _items(str(path), published="2031-07-01")
    assert doc == Document(
        f"{path}#1",
        "The fog lifted, pilots said.",
        "Fog",
        "2031-07-01",
        None,
        "Tiny Times",
        f"{path}#1",
    )


def test_feed_with_no_entries_gives_nothing(tmp_path: Path) -> None:
    path = tmp_path / "quiet.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>Quiet</title></channel></rss>', encoding="utf-8"
    )
    assert _items(str(path)) == []


# --- the example corpus


def _corpus_jsonl() -> dict[str, Document]:
    docs = _items("examples/corpus/articles.jsonl")
    assert all(isinstance(d, Document) for d in docs)
    return {d.id: d for d in docs if isinstance(d, Document)}


def test_corpus_jsonl_has_its_14_articles() -> None:
    docs = _corpus_jsonl()
    assert len(docs) == 14
    for line, doc in enumerate(docs.values(), start=1):
        assert doc.origin == f"examples/corpus/articles.jsonl:{line}"
        record = json.loads(
            (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()[line - 1]
        )
        assert (doc.text, doc.title, doc.published, doc.url, doc.outlet) == (
            record["text"],
            record["title"],
            record["published"],
            record["url"],
            record["outlet"],
        )


@pytest.mark.parametrize("page", sorted(p.name for p in (CORPUS / "html").glob("*.html")))
def test_corpus_html_pages_match_their_jsonl_twins(page: str) -> None:
    twin = _corpus_jsonl()[page.removesuffix(".html")]
    [doc] = _items(f"examples/corpus/html/{page}")
    assert isinstance(doc, Document)
    assert _squeeze(doc.text) == _squeeze(twin.text)
    assert (doc.id, doc.title, doc.published, doc.url, doc.outlet) == (
        twin.url,
        twin.title,
        twin.published,
        twin.url,
        twin.outlet,
    )


def test_corpus_feed_matches_the_answer_key() -> None:
    expected = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
    index = {a["id"]: a for a in expected["articles"] if a["file"] == "feed.xml"}
    docs = _items("examples/corpus/feed.xml")
    assert [d.id for d in docs if isinstance(d, Document)] == list(index)
    for doc in docs:
        assert isinstance(doc, Document)
        assert (doc.outlet, doc.published) == (index[doc.id]["outlet"], index[doc.id]["published"])
        assert doc.url and doc.url.startswith("https://example-outlet.test/lantern/")
        assert len(doc.text.split("\n")) == 6 and "<p>" not in doc.text


def test_whole_corpus_directory() -> None:
    items = _items("examples/corpus")
    assert all(isinstance(i, Document) for i in items)
    assert len(items) == 14 + 2 + 2  # README.md and EXPECTED.json are not documents


# --- paths: files, directories, globs

# Each case: the paths given, and the files expected back (relative to the fixtures).
EXPAND = {
    "file": ([f"{FIX}/harbour.txt"], ["harbour.txt"]),
    "unexpanded glob": (
        [f"{FIX}/*.html"],
        ["broken.html", "ferry.html", "garbage.html", "no_article.html"],
    ),
    "recursive glob": ([f"{FIX}/**/*.jsonl"], ["batch.jsonl", "mixed/wire/batch.jsonl"]),
    "directory: supported files, sorted, recursive, no hidden": (
        [f"{FIX}/mixed"],
        ["mixed/01-storm.txt", "mixed/wire/batch.jsonl", "mixed/wire/blank.txt"],
    ),
    "trailing slash": ([f"{FIX}/mixed/wire/"], ["mixed/wire/batch.jsonl", "mixed/wire/blank.txt"]),
    "glob matching a directory": (
        [f"{FIX}/mix*"],
        ["mixed/01-storm.txt", "mixed/wire/batch.jsonl", "mixed/wire/blank.txt"],
    ),
    "a named file of another kind is kept": ([f"{FIX}/mixed/notes.md"], ["mixed/notes.md"]),
    "each file once": (
        [f"{FIX}/mixed/wire", f"{FIX}/mixed/wire/*.txt", f"{FIX}/mixed/wire/blank.txt"],
        ["mixed/wire/batch.jsonl", "mixed/wire/blank.txt"],
    ),
}


@pytest.mark.parametrize("paths,expected", EXPAND.values(), ids=EXPAND.keys())
def test_expand(paths: list[str], expected: list[str]) -> None:
    found = list(expand(paths))
    assert all(isinstance(p, str) for p in found)
    assert [os.path.relpath(str(p), FIX) for p in found] == [os.path.normpath(e) for e in expected]


# Each case: the path given, and what the failure must say.
NOTHING = {
    "missing file": (
        f"{FIX}/nope.txt",
        "expected an existing file, directory or glob pattern, found nothing",
    ),
    "glob matching nothing": (f"{FIX}/*.docx", "expected files matching this pattern, found none"),
}


@pytest.mark.parametrize("path,reason", NOTHING.values(), ids=NOTHING.keys())
def test_paths_matching_nothing_fail_and_the_rest_goes_on(path: str, reason: str) -> None:
    items = _items(path, f"{FIX}/harbour.txt")
    assert [_summary(i) for i in items] == [
        (path, "FAIL"),
        (f"{FIX}/harbour.txt", f"{FIX}/harbour.txt"),
    ]
    assert isinstance(items[0], Failure) and reason in items[0].reason


def test_directory_without_documents_fails(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("Not an article.", encoding="utf-8")
    [item] = _items(str(tmp_path))
    assert isinstance(item, Failure) and item.origin == str(tmp_path)
    assert "expected a directory holding a .txt, .html, .jsonl or feed" in item.reason


def test_directory_with_mixed_files() -> None:
    items = _items(f"{FIX}/mixed")
    assert [_summary(i) for i in items] == [
        (f"{FIX}/mixed/01-storm.txt", f"{FIX}/mixed/01-storm.txt"),
        (f"{FIX}/mixed/wire/batch.jsonl:1", "wire-1"),
        (f"{FIX}/mixed/wire/batch.jsonl:2", "FAIL"),
        (f"{FIX}/mixed/wire/blank.txt", "FAIL"),
    ]
    assert isinstance(items[-1], Failure)
    assert "expected a text file with an article in it, found no text" in items[-1].reason


def test_all_fixtures_at_once_yield_every_good_document() -> None:
    items = _items(FIX)
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 10 and len(items) - len(docs) == 10
    assert len({d.content_hash for d in docs}) == len(docs)


# --- bad inputs, each next to a good file that must still come through

GOOD = "The harbourmaster said the pier was safe again.\n"

# Each case: file name, its bytes, and what the failure must say.
BAD = {
    "binary .txt": (
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "expected a UTF-8 text file, found binary data",
    ),
    "latin-1 .txt": (
        "old.txt",
        "Café officials said so.".encode("latin-1"),
        "found byte 0xe9 at byte offset 3",
    ),
    "utf-16 .txt": ("wide.txt", "Officials said so.".encode("utf-16"), "found UTF-16"),
    "binary .html": ("photo.html", b"\x00\x01\x02\x03<html>", "found binary data"),
    "latin-1 .html without a charset": (
        "old.html",
        "<html><body><p>Café officials said so.</p></body></html>".encode("latin-1"),
        "that is not UTF-8",
    ),
    "binary .jsonl": (
        "data.jsonl",
        b'{"text": "x"}\n\x00\x00\x00\xff',
        "expected JSON Lines text, found binary data",
    ),
    "binary feed": (
        "feed.rss",
        b"\x00\x01<rss>",
        "expected an RSS or Atom feed, found binary data",
    ),
    "html given as a feed": (
        "page.xml",
        b"<html><body><p>The mayor said so.</p></body></html>",
        "expected an RSS or Atom feed, found XML with no <rss>, <feed> or <rdf:RDF> in it",
    ),
    "unknown extension": (
        "report.pdf",
        b"%PDF-1.4",
        "expected .txt, .html, .jsonl or a feed (.xml/.rss/.atom)",
    ),
    "empty .txt": ("empty.txt", b"", "expected a text file with an article in it, found no text"),
}


@pytest.mark.parametrize("name,data,reason", BAD.values(), ids=BAD.keys())
def test_bad_file_fails_and_the_rest_goes_on(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    bad, good = tmp_path / name, tmp_path / "zz-good.txt"
    bad.write_bytes(data)
    good.write_text(GOOD, encoding="utf-8")
    items = _items(str(bad), str(good))
    assert [_summary(i) for i in items] == [(str(bad), "FAIL"), (str(good), str(good))]
    failure = items[0]
    assert isinstance(failure, Failure) and reason in failure.reason
    assert (
        failure.reason.startswith("expected ")
        and "\n" not in failure.reason
        and "; " in failure.reason
    )


# Each case: a JSONL line's bytes, and what its failure must say.
BAD_LINES = {
    "not json": (b"The mayor said so.", "expected a JSON object, found invalid JSON"),
    "not utf-8": ('{"text": "Café"}'.encode("latin-1"), "found byte 0xe9 at column 14"),
    "text missing": (b'{"id": "a"}', "non-empty string, found none"),
    "text null": (b'{"text": null}', "non-empty string, found null"),
    "text blank": (b'{"text": "  "}', "non-empty string, found a blank one"),
    "text a number": (b'{"text": 7}', "non-empty string, found a number"),
    "lone surrogate": (b'{"text": "bad \\ud800 half"}', "found a lone surrogate escape"),
    "id a list": (
        b'{"id": [1], "text": "The mayor said so."}',
        'expected "id" to be a string or null, found a list',
    ),
    "a string": (b'"The mayor said so."', "found a string"),
}


@pytest.mark.parametrize("line,reason", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_bad_jsonl_line_fails_and_the_file_goes_on(
    tmp_path: Path, line: bytes, reason: str
) -> None:
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "ok", "text": GOOD}).encode()
    path.write_bytes(good + b"\n" + line + b"\r\n\n" + good.replace(b'"ok"', b'"ok2"') + b"\n")
    items = _items(str(path))
    assert [_summary(i) for i in items] == [
        (f"{path}:1", "ok"),
        (f"{path}:2", "FAIL"),
        (f"{path}:4", "ok2"),
    ]
    assert isinstance(items[1], Failure) and reason in items[1].reason


def test_feed_that_is_not_xml() -> None:
    [item] = _items(f"{FIX}/bad_feed.xml")
    assert item == Failure(
        f"{FIX}/bad_feed.xml",
        "expected an RSS or Atom feed, found text that does not parse as XML "
        "(line 2, column 0: syntax error); check that the file is a feed",
    )


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
@pytest.mark.parametrize("name", ["locked.txt", "locked.html", "locked.jsonl", "locked.xml"])
def test_unreadable_file_fails(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        [item] = _items(str(path))
    finally:
        path.chmod(0o644)
    assert item == Failure(
        str(path), "expected a readable file, permission denied; check its permissions"
    )


@pytest.mark.parametrize("name", ["locked.txt", "locked.html", "locked.jsonl", "locked.xml"])
def test_permission_denied_fails_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # chmod 000 does not stop root, so the refusal is simulated where open() is called.
    path = tmp_path / name
    path.write_text(GOOD, encoding="utf-8")
    real_open = builtins.open

    def locked_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", locked_open)
    good = tmp_path / "zz-good.txt"
    good.write_text(GOOD, encoding="utf-8")
    items = _items(str(path), str(good))
    assert items[0] == Failure(
        str(path), "expected a readable file, permission denied; check its permissions"
    )
    assert [_summary(i) for i in items[1:]] == [(str(good), str(good))]


def test_one_string_instead_of_a_list_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="iterable of paths"):
        iter_documents(f"{FIX}/harbour.txt")


def test_bad_default_date_is_refused_before_reading() -> None:
    with pytest.raises(InputError, match="expected a date such as 2031-03-02"):
        iter_documents([f"{FIX}/harbour.txt"], published="last Tuesday")
