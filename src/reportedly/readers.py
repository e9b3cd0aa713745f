"""Reading documents from disk or stdin: bytes in, exactly-as-written text out.

Offsets in a :class:`~reportedly.types.Report` index the text these functions
return, so nothing is translated: ``\\r\\n`` stays ``\\r\\n`` (``newline=""``
semantics). Only a leading UTF-8 byte-order mark is dropped, as it is not text.
Every refusal is an :class:`~reportedly.errors.InputError` naming the input.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # 10 MiB: far beyond any article; the parser would crawl anyway
_SNIFF_BYTES = 8192
_CONTROL_SHARE = 0.10  # more than this share of control bytes in the first 8 KiB means binary
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
STDIN_NAME = "<stdin>"


def read_text_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Return the text of a UTF-8 file exactly as written (BOM dropped).

    Raises ``InputError`` for a missing path, a directory, an unreadable file,
    a file over ``max_bytes`` (checked before reading), binary data or bytes
    that are not UTF-8.
    """
    name = str(path)
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(
                name, "a text file, found a directory; pass the files in it, e.g. DIR/*.txt"
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(name, _too_big(size, max_bytes))
        with open(path, "rb") as fh:
            # +1 byte: a file that grew since stat() is still caught.
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError(name, "an existing file, found nothing there; check the path") from exc
    except PermissionError as exc:
        raise InputError(name, "a readable file, permission denied; check its permissions") from exc
    except OSError as exc:
        raise InputError(name, f"a readable file, got {exc.strerror or exc}; check the path") from exc
    if len(data) > max_bytes:
        raise InputError(name, _too_big(len(data), max_bytes))
    return decode_text(data, name=name)


def read_stdin(stream: BinaryIO | None = None, *, max_bytes: int = MAX_BYTES) -> str:
    """Return standard input (or ``stream``) decoded as :func:`read_text_file` does."""
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(STDIN_NAME, _too_big(len(data), max_bytes, at_least=True))
    return decode_text(data, name=STDIN_NAME)


def decode_text(data: bytes, *, name: str) -> str:
    """Return ``data`` decoded as UTF-8 with a leading BOM dropped; nothing else changes.

    Raises ``InputError`` for binary data (NUL bytes, UTF-16, or a high share of
    control bytes) and for bytes that are not UTF-8, naming the byte offset.
    """
    if data.startswith(_UTF16_BOMS):
        raise InputError(
            name,
            "a UTF-8 text file, found UTF-16; convert it first: iconv -f utf-16 -t utf-8",
        )
    if _looks_binary(data):
        raise InputError(
            name,
            "a UTF-8 text file, found binary data; extract the plain text first "
            "(e.g. from a PDF or Word file) and pass that",
        )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            name,
            f"UTF-8 text, found byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
            f"(line {line}) that is not UTF-8; if the file is Latin-1, convert it: "
            f"iconv -f latin1 -t utf-8 {_shell_name(name)} > converted.txt",
        ) from exc


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls / len(sample) > _CONTROL_SHARE


def _too_big(size: int, limit: int, *, at_least: bool = False) -> str:
    mib = f"{'over ' if at_least else ''}{size / 1024 / 1024:.1f} MiB"
    return (
        f"a file of at most {limit / 1024 / 1024:.0f} MiB, found {mib}; "
        "split it into one file per article and pass those"
    )


def _shell_name(name: str) -> str:
    return "FILE" if name == STDIN_NAME else (name if re.fullmatch(r"[\w./-]+", name) else repr(name))


# About 60 of the most frequent English words (function words), after the stopword-based
# language identification of Grefenstette (1995), "Comparing two language
# identification schemes" (JADT): a language shows itself in its short words.
_ENGLISH_STOPWORDS = frozenset(
    """the of and to a in is that for it as was with be by on not he i this are or his from
    at which but have an they you were her she there been has their one we all would will
    said who its had than more if no when after also about into over could can our these""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 4000
_MIN_WORDS = 20
_MIN_SHARE = 0.15  # English prose runs at 35-50 %; German or French prose at under 10 %


def looks_english(text: str) -> bool:
    """Return whether ``text`` reads like English, by its share of English function words.

    Looks at the first few thousand characters only. Texts too short to judge
    (under 20 words) count as English.

    Notes:
        A stopword-share test (Grefenstette 1995, "Comparing two language
        identification schemes"): running English text has 35-50 % of its
        tokens among its 60 or so most frequent words; below 15 % it is not English.
    """
    words = _WORD.findall(text[:_SAMPLE_CHARS].lower())
    if len(words) < _MIN_WORDS:
        return True
    share = sum(w in _ENGLISH_STOPWORDS for w in words) / len(words)
    return share >= _MIN_SHARE


def read_floors(path: str | Path) -> dict[str, Any]:
    """Return the floors of an evaluation gate: a JSON object of minimum figures.

    Raises ``InputError`` if the file cannot be read or is not a JSON object.
    """
    text = read_text_file(path)
    try:
        floors = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            str(path), f"JSON, found an error at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(floors, dict):
        raise InputError(
            str(path), 'a JSON object of floors, e.g. {"whole": {"f1": 0.7}}; fix the file'
        )
    return floors
