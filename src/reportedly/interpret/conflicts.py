"""Conflicts between the claims of one document.

Two attributions conflict when (1) the text marks one as disputing the other
("despite claims from X that ...", "contrary to", "X denied reports that
..."), whether the disputed claim is nested in the other's content or fronted
before its cue ("Despite claims from X that ..., Y said ..."), (2) their
contents state the same proposition with opposite polarity or opposite
outcome, once a denial is read as asserting the negation, or (3) they give
incompatible figures for the same counted event. Each conflict
names both claims, both sources and the reason, so a reader can check it.

Notes:
    "Same proposition" is a lexical test: the content words (lemmas of nouns,
    proper nouns, verbs, adjectives and numbers, less reporting verbs and
    stop words) of the two contents overlap by at least ``SIMILARITY``
    (Jaccard). It is high-precision by design: it misses paraphrases, and it
    never links two claims of the same source (a source may repeat itself).
    Outcome opposites are a short table of predicates that exclude each other
    ("held onto his post" / "was removed from his post").
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from spacy.tokens import Doc, Span, Token

from ..features import LEXICON
from .quantities import Quantity

Reason = Literal["dispute marker", "opposite polarity", "opposite outcome", "incompatible numbers"]

SIMILARITY = 0.5
DISPUTE_MARKERS = frozenset({"despite", "notwithstanding", "contrary", "contradict", "contradicting", "unlike"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_IGNORED_LEMMAS = frozenset(LEXICON) | {"say", "be", "have", "do", "will", "would", "can", "could", "may", "might",
                                        "likely", "unlikely", "probably", "possible", "also"}
# Predicates whose outcomes exclude each other (one side keeps, the other loses).
_KEEP = frozenset({"hold", "keep", "retain", "remain", "stay", "survive", "maintain", "continue", "intact"})
_LOSE = frozenset({"boot", "oust", "remove", "dismiss", "fire", "sack", "replace", "lose", "resign", "depose",
                   "purge", "destroy", "sink", "kill", "capture", "fall", "abandon", "withdraw"})


@dataclass(frozen=True)
class Side:
    """One claim of a conflict: the attribution's id, its source, content and statement time."""

    id: int
    source: str | None
    content: str
    said: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "content": self.content, "said": self.said}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Side:
        """The side ``to_dict`` wrote."""
        return cls(data["id"], data["source"], data["content"], data["said"])


@dataclass(frozen=True)
class Conflict:
    """Two attributions that cannot both be right, and why."""

    a: Side
    b: Side
    reason: Reason
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "conflict", "reason": self.reason, "detail": self.detail,
                "a": self.a.to_dict(), "b": self.b.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Conflict:
        """The conflict ``to_dict`` wrote."""
        return cls(Side.from_dict(data["a"]), Side.from_dict(data["b"]), data["reason"], data["detail"])


@dataclass(frozen=True)
class Claim:
    """What the conflict finder needs to know of one attribution."""

    id: int
    parent: int | None
    source: str | None
    source_key: str
    cue_head: Token | None
    content: Span
    content_text: str
    asserts_negation: bool
    polarity: str
    numbers: tuple[Quantity, ...]
    said: str | None

    def side(self) -> Side:
        return Side(self.id, self.source, self.content_text, self.said)


def find_conflicts(doc: Doc, claims: Sequence[Claim]) -> list[Conflict]:
    """Every conflicting pair among ``claims`` (of one document), each pair once, in text order."""
    found: dict[tuple[int, int], Conflict] = {}

    def add(x: Claim, y: Claim, reason: Reason, detail: str) -> None:
        key = (min(x.id, y.id), max(x.id, y.id))
        if key not in found:
            a, b = (x, y) if x.id < y.id else (y, x)
            found[key] = Conflict(a.side(), b.side(), reason, detail)

    by_id = {c.id: c for c in claims}
    by_cue = {c.cue_head.i: c for c in claims if c.cue_head is not None}
    for c in claims:
        parent = by_id.get(c.parent) if c.parent is not None else None
        if c.cue_head is None:
            continue
        if parent is None:
            fronted = _fronted_dispute(c.cue_head, c, claims, by_cue)
            if fronted is not None:
                word, other = fronted
                detail = f"'{word.text} {c.cue_head.text}': the text sets the two against each other"
                add(other, c, "dispute marker", detail)
            continue
        marker = _dispute_marker(c.cue_head, parent.content)
        if marker is not None:
            add(parent, c, "dispute marker", f"'{marker.text} {c.cue_head.text}': the text sets the two against each other")
        elif parent.asserts_negation and parent.source_key != c.source_key:
            add(parent, c, "dispute marker", f"{parent.source or 'the source'} denies what {c.source or 'the report'} says")
    words = {c.id: _content_words(c.content) for c in claims}
    for i, x in enumerate(claims):
        for y in claims[i + 1:]:
            if x.source_key == y.source_key or (x.id, y.id) in found:
                continue
            numbers = _incompatible_numbers(x.numbers, y.numbers)
            if numbers:
                add(x, y, "incompatible numbers", numbers)
                continue
            if _jaccard(words[x.id], words[y.id]) < SIMILARITY:
                continue
            if _negated(x) != _negated(y):
                add(x, y, "opposite polarity", "the same statement, asserted by one and negated by the other")
            elif _outcome(words[x.id]) * _outcome(words[y.id]) < 0:
                add(x, y, "opposite outcome", "one says it held, the other that it was lost")
    return sorted(found.values(), key=lambda k: (k.a.id, k.b.id))


def _dispute_marker(cue: Token, outer: Span) -> Token | None:
    """A dispute word on the path from a nested cue up to the outer content ("despite claims from ...")."""
    tok = cue
    for _ in range(4):
        if tok.lower_ in DISPUTE_MARKERS or tok.lemma_.lower() in DISPUTE_MARKERS:
            return tok
        if tok.head is tok or not (outer.start <= tok.head.i < outer.end):
            break
        tok = tok.head
    return None


def _fronted_dispute(
    cue: Token, c: Claim, claims: Sequence[Claim], by_cue: dict[int, Claim]
) -> tuple[Token, Claim] | None:
    """``(marker, other claim)`` when the unnested claim ``c`` (cue ``cue``) hangs from a dispute
    word whose head is another claim's cue or lies in its content ("Despite claims from X that
    ..., Y said ...", "Contrary to reports that ..., officials said ...")."""
    if cue.pos_ in ("VERB", "AUX") and not any(
        k.dep_ in ("nsubj", "nsubjpass") and k.pos_ != "PRON" for k in cue.children
    ):
        # "Despite challenging X, Cruz said ...", "Despite what he wrote, Cross said ...": no subject
        # of its own, or a pronoun that points ahead, so most likely the same source.
        return None
    tok = cue
    for _ in range(4):
        if tok.head.i == tok.i or tok.head.i in by_cue:
            return None
        tok = tok.head
        if tok.lower_ in DISPUTE_MARKERS or tok.lemma_.lower() in DISPUTE_MARKERS:
            break
    else:
        return None
    target = tok.head
    if target.i == tok.i:
        return None
    other = by_cue.get(target.i)
    if other is None:
        holding = [o for o in claims if o.id != c.id and o.content.start <= target.i < o.content.end]
        other = min(holding, key=lambda o: len(o.content), default=None)
    if other is None or other.id == c.id or other.source_key == c.source_key:
        return None
    return tok, other


def _negated(c: Claim) -> bool:
    return (c.polarity == "negative") != c.asserts_negation


def _content_words(span: Span) -> frozenset[str]:
    return frozenset(
        t.lemma_.lower() for t in span if t.pos_ in _CONTENT_POS and not t.is_stop and t.lemma_.lower() not in _IGNORED_LEMMAS
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _outcome(words: frozenset[str]) -> int:
    keep, lose = bool(words & _KEEP), bool(words & _LOSE)
    return (1 if keep else 0) - (1 if lose else 0)


def _interval(q: Quantity) -> tuple[float, float]:
    low = q.low if q.low is not None else 0.0
    high = q.high if q.high is not None else math.inf
    if q.relation in ("more_than", "at_least"):
        return low, math.inf
    if q.relation in ("less_than", "at_most"):
        return 0.0, high
    if q.relation == "about":
        return low * 0.9, high * 1.1
    return low, high


def _counted_key(q: Quantity) -> str | None:
    if not q.counted or not q.event:
        return None
    return f"{q.event}|{q.counted.split()[-1].lower().rstrip('s')}"


def _incompatible_numbers(xs: tuple[Quantity, ...], ys: tuple[Quantity, ...]) -> str:
    """A description of the first pair of figures for the same count whose ranges cannot overlap, or ''."""
    for x in xs:
        kx = _counted_key(x)
        if kx is None:
            continue
        for y in ys:
            if _counted_key(y) != kx:
                continue
            (lx, hx), (ly, hy) = _interval(x), _interval(y)
            if hx < ly or hy < lx:
                return f"'{x.text} {x.counted}' against '{y.text} {y.counted}' ({x.event})"
    return ""
