"""Character-span helpers over the original text."""
from __future__ import annotations

# Punctuation a span may not start or end with (outside quotation marks).
EDGE_PUNCT = set(",.;:—–-()[]") | {"\u00a0"}


def strip_space(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past leading and trailing whitespace of ``text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
