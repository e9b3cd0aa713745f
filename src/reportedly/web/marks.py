"""An article's text cut into properly nested highlight marks, ready for HTML.

Each attribution contributes its source, cue and content segments. Marks nest
(a nested attribution lies inside its parent's content); where two marks cross,
the inner one is closed at the outer one's end and reopened after it, the
usual way of drawing overlapping ranges as a tree (as brat and displaCy do).
A reopened piece is marked ``cont`` so that only the first piece of a claim's
content carries its anchor (``id="claim-N"``) and tab stop.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ROLES = ("content", "source", "cue")  # outer first when two marks cover the same range


@dataclass(frozen=True)
class Mark:
    """One segment of one role of one claim: ``text[start:end]``."""

    start: int
    end: int
    claim: int
    role: str
    primary: bool  # the first content segment: the claim's anchor and tab stop


@dataclass(frozen=True)
class Token:
    """``open`` (a mark begins), ``text`` (characters to show) or ``close``."""

    kind: str
    text: str = ""
    mark: Mark | None = None
    cont: bool = False
    depth: int = 0  # how many content marks enclose this one


def marks_of(records: Iterable[Mapping[str, Any]], length: int) -> list[Mark]:
    """The marks of ``records`` (``Report.to_dict()`` attributions), clipped to the text, empty ones dropped."""
    out: list[Mark] = []
    for rec in records:
        for role in ROLES:
            span = rec.get(role)
            if not span:
                continue
            for n, seg in enumerate(span.get("segments") or []):
                start, end = max(0, int(seg["start"])), min(length, int(seg["end"]))
                if start < end:
                    out.append(Mark(start, end, int(rec["id"]), role, role == "content" and n == 0))
    return out


def tokens(text: str, marks: Sequence[Mark]) -> list[Token]:
    """``text`` as a flat run of open/text/close tokens in which every mark nests properly."""
    order = sorted(marks, key=lambda m: (m.start, -m.end, ROLES.index(m.role), m.claim))
    starts: dict[int, list[Mark]] = {}
    for m in order:
        starts.setdefault(m.start, []).append(m)
    cuts = sorted({0, len(text), *(m.start for m in order), *(m.end for m in order)})
    out: list[Token] = []
    stack: list[Mark] = []
    for here, after in zip(cuts, cuts[1:] + [None]):
        if any(m.end == here for m in stack):
            reopen: list[Mark] = []
            while any(m.end == here for m in stack):
                top = stack.pop()
                out.append(Token("close"))
                if top.end != here:
                    reopen.append(top)
            for m in reversed(reopen):  # crossing marks: carry on after the one that ended
                out.append(Token("open", mark=m, cont=True, depth=_depth(stack)))
                stack.append(m)
        for m in starts.get(here, ()):
            out.append(Token("open", mark=m, depth=_depth(stack)))
            stack.append(m)
        if after is not None and after > here:
            out.append(Token("text", text=text[here:after]))
    out.extend(Token("close") for _ in stack)
    return out


def _depth(stack: Sequence[Mark]) -> int:
    return sum(1 for m in stack if m.role == "content")
