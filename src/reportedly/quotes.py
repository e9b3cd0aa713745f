"""Find quotations: spans between matching quotation marks, with offsets.

Handles straight (") and curly (“ ”, ‘ ’) marks and typewriter pairs (`` ''
and the '' ... '' some wire services print).
A paragraph that opens a quote without closing it continues into the next
paragraph when that paragraph opens with a quotation mark: the newswire
convention (Chicago Manual of Style 13.30) for quotes that run over several
paragraphs. Unbalanced marks never raise; an unclosed quote simply ends at
its paragraph's end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", '"': '"', "``": "''", "''": "''", "‘": "’", "«": "»", "„": "“"}
_MARK = re.compile(r"``|''|[\"“”«»„]|(?<![\w])‘|’(?![\w])")


@dataclass(frozen=True)
class Quote:
    """A quotation, marks included: ``text[start:end]``; ``closed`` is False when unbalanced."""

    start: int
    end: int
    closed: bool = True
    continues: bool = False  # True when it runs on from the previous paragraph's open quote


def find_quotes(text: str) -> list[Quote]:
    """Return the quotations of ``text`` in order, non-overlapping."""
    quotes: list[Quote] = []
    offset = 0
    carried = False  # the previous paragraph left a quote open
    for paragraph in text.split("\n"):
        found, open_at_end = _paragraph_quotes(paragraph, offset)
        if found and carried and found[0].start == offset + _lead(paragraph):
            first = found[0]
            found[0] = Quote(first.start, first.end, first.closed, continues=True)
        quotes.extend(found)
        if paragraph.strip():
            carried = open_at_end
        offset += len(paragraph) + 1
    return quotes


def _lead(paragraph: str) -> int:
    return len(paragraph) - len(paragraph.lstrip())


def _paragraph_quotes(paragraph: str, offset: int) -> tuple[list[Quote], bool]:
    quotes: list[Quote] = []
    opened: tuple[int, str] | None = None
    for m in _MARK.finditer(paragraph):
        mark = m.group()
        if opened is None:
            if mark in OPENERS and not _is_closing_only(mark):
                opened = (m.start(), OPENERS[mark])
            continue
        start, closer = opened
        if mark == closer or (closer == '"' and mark == "”") or (closer == "”" and mark == '"'):
            quotes.append(Quote(offset + start, offset + m.end()))
            opened = None
    if opened is not None:
        start, _ = opened
        end = len(paragraph.rstrip())
        quotes.append(Quote(offset + start, offset + end, closed=False))
        return quotes, True
    return quotes, False


def _is_closing_only(mark: str) -> bool:
    return mark in {"”", "’", "»"}
