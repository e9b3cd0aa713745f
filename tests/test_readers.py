"""Reading documents: exact text for good files, one clear InputError for bad ones."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from reportedly.errors import InputError
from reportedly.readers import (
    MAX_BYTES,
    STDIN_NAME,
    decode_text,
    looks_english,
    read_floors,
    read_stdin,
    read_text_file,
)

ENGLISH = (
    "The harbour authority said on Monday that the ferry would resume service "
    "after a week of storms. Its director told reporters that the crossing was safe "
    "again, and that all of the crew had been checked by the coastguard."
)
GERMAN = (
    "Die Hafenbehörde teilte am Montag mit, dass die Fähre nach einer Woche mit "
    "schweren Stürmen ihren Betrieb wieder aufnehmen werde. Ihr Direktor sagte "
    "gegenüber Journalisten, die Überfahrt sei wieder sicher und die Besatzung "
    "sei von der Küstenwache überprüft worden."
)
FRENCH = (
    "L'autorité portuaire a déclaré lundi que le ferry reprendrait son service "
    "après une semaine de tempêtes. Son directeur a dit aux journalistes que la "
    "traversée était de nouveau sûre et que l'équipage avait été contrôlé."
)


# Each case: file bytes, and the exact text expected back.
GOOD = {
    "plain": (b"Officials said so.\n", "Officials said so.\n"),
    "crlf kept": (b"One.\r\nTwo said.\r\n", "One.\r\nTwo said.\r\n"),
    "lone cr kept": (b"One.\rTwo.", "One.\rTwo."),
    "bom dropped": (b"\xef\xbb\xbfHello.", "Hello."),
    "utf-8 accents": ("Café officials said “yes”.".encode(), "Café officials said “yes”."),
    "empty": (b"", ""),
    "tab and form feed are text": (b"a\tb\x0cc said", "a\tb\x0cc said"),
}


@pytest.mark.parametrize("data,expected", GOOD.values(), ids=GOOD.keys())
def test_reads_text_exactly(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_text_file(path) == expected
    assert read_stdin(io.BytesIO(data)) == expected


# Each case: file bytes, and phrases the one-line message must contain.
BAD = {
    "nul bytes": (b"abc\x00def", ["expected a UTF-8 text file, found binary data"]),
    "control bytes": (bytes(range(1, 9)) * 40, ["found binary data"]),
    "utf-16": ("said".encode("utf-16"), ["UTF-16", "iconv -f utf-16"]),
    "latin-1": (b"The caf\xe9 owner said no.", ["byte offset 7", "0xe9", "iconv -f latin1 -t utf-8"]),
    "latin-1 on line 2": (b"ok\nna\xefve", ["byte offset 5", "line 2"]),
}


@pytest.mark.parametrize("data,phrases", BAD.values(), ids=BAD.keys())
def test_refuses_bad_bytes(tmp_path: Path, data: bytes, phrases: list[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: expected ")
    assert "\n" not in message
    for phrase in phrases:
        assert phrase in message


def test_stdin_errors_name_stdin() -> None:
    with pytest.raises(InputError, match=r"^<stdin>: expected .*binary"):
        read_stdin(io.BytesIO(b"\x00\x01"))
    assert STDIN_NAME == "<stdin>"


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="existing file.*check the path"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="found a directory"):
        read_text_file(tmp_path)


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: 20 MB on paper, nothing on disk
        fh.truncate(20 * 1024 * 1024)
    opened: list[object] = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a))  # must not be called
    with pytest.raises(InputError, match=r"at most 10 MiB, found 20\.0 MiB; split it"):
        read_text_file(path)
    assert opened == []


def test_size_limit_on_stdin() -> None:
    with pytest.raises(InputError, match="split it"):
        read_stdin(io.BytesIO(b"a" * 101), max_bytes=100)
    assert read_stdin(io.BytesIO(b"a" * 100), max_bytes=100) == "a" * 100
    assert MAX_BYTES == 10 * 1024 * 1024


def test_decode_text_names_the_input() -> None:
    with pytest.raises(InputError, match=r"^memo: "):
        decode_text(b"\xff\xfe", name="memo")


LANGUAGE = {
    "english": (ENGLISH, True),
    "german": (GERMAN, False),
    "french": (FRENCH, False),
    "too short to judge": ("Die Fähre fährt.", True),
    "empty": ("", True),
    "english in capitals": (ENGLISH.upper(), True),
}


@pytest.mark.parametrize("text,expected", LANGUAGE.values(), ids=LANGUAGE.keys())
def test_looks_english(text: str, expected: bool) -> None:
    assert looks_english(text) is expected


def test_read_floors(tmp_path: Path) -> None:
    good = tmp_path / "floors.json"
    good.write_text('{"whole": {"f1": 0.5}}')
    assert read_floors(good) == {"whole": {"f1": 0.5}}
    bad = tmp_path / "bad.json"
    bad.write_text('{"whole": ')
    with pytest.raises(InputError, match="expected JSON, found an error at line 1"):
        read_floors(bad)
    listed = tmp_path / "list.json"
    listed.write_text("[0.5]")
    with pytest.raises(InputError, match="a JSON object of floors"):
        read_floors(listed)
