"""Character-span helpers: token sets to trimmed bounds over the original text."""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Token

Bounds = tuple[tuple[int, int], ...]

EDGE_PUNCT = set(",.;:—–-()[]") | {"\u00a0"}
QUOTES = set("\"“”‘’«»„`'")


def token_range(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """The character range from the first to the last of ``tokens``."""
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def strip_space(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def strip_edges(text: str, start: int, end: int, chars: set[str]) -> tuple[int, int]:
    """Strip whitespace and ``chars`` from both ends of ``text[start:end]``."""
    start, end = strip_space(text, start, end)
    while start < end and (text[start] in chars or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in chars or text[end - 1].isspace()):
        end -= 1
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
