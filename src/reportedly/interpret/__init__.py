"""Interpretation of each attribution: what the source is sure of, how the reporter frames it,
when it was said, the numbers it asserts, its polarity, and which claims of a document conflict.

``interpret(doc, records, published)`` runs every part over a parsed Doc and
the records ``extract_attributions`` found in it, and returns the records with
these fields filled in plus the document's conflicts. A hedge, a time or a
number inside a nested attribution belongs to the inner record only.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..types import Attribution
from .certainty import Certainty, Hedge, assess, scale_for
from .conflicts import Claim, Conflict, Side, find_conflicts
from .polarity import polarity
from .quantities import Quantity, find_quantities
from .stance import Stance, stance_of
from .times import TimeExpr, find_times, resolve, statement_time

__all__ = [
    "Certainty", "Conflict", "Hedge", "Quantity", "Side", "Stance", "TimeExpr",
    "assess", "find_conflicts", "find_quantities", "find_times", "interpret", "polarity",
    "resolve", "scale_for", "stance_of", "statement_time",
]


def interpret(
    doc: Doc, records: Sequence[Attribution], published: date | str | None = None
) -> tuple[list[Attribution], list[Conflict]]:
    """Return ``records`` with stance, certainty, times, numbers and polarity set, and their conflicts.

    ``published`` (a date or an ISO string) anchors relative times ("last
    week"); without it they keep their text and stay unresolved.
    """
    when = date.fromisoformat(published) if isinstance(published, str) else published
    by_id = {r.id: r for r in records}
    inner = _inner_tokens(doc, records)
    out: list[Attribution] = []
    claims: list[Claim] = []
    for r in records:
        content = _covering_span(doc, r)
        if content is None:
            out.append(r)
            continue
        exclude = inner.get(r.id, set()) | _gaps(doc, r, content)
        head = _cue_head(doc, r)
        cue_clause = doc[head.left_edge.i:head.right_edge.i + 1] if head is not None else None
        source = _source_text(r)
        said = statement_time(head, when, content=content) if head is not None else None
        if r.continues is not None and said is None:
            said = next((o.said_at for o in out if o.id == r.continues), None)
        keep = _outside(doc, exclude)
        numbers = tuple(q for q in find_quantities(content, when) if keep(q.start))
        done = replace(
            r,
            stance=stance_of(r.cue_class if r.continues is None else by_id[r.continues].cue_class
                             if r.continues in by_id else r.cue_class),
            certainty=assess(content, cue_clause, source, exclude=exclude),
            said_at=said,
            times=tuple(t for t in find_times(content, when) if keep(t.start)),
            numbers=numbers,
            polarity=polarity(content),
        )
        out.append(done)
        claims.append(Claim(
            id=r.id, parent=r.parent, source=source, source_key=(source or f"#{r.id}").lower(),
            cue_head=head, content=content, content_text=r.content.text,
            asserts_negation=done.stance is not None and done.stance.source_asserts == "negation",
            polarity=done.polarity or "positive", numbers=numbers,
            said=_iso(said),
        ))
    return out, find_conflicts(doc, claims)


def _source_text(r: Attribution) -> str | None:
    if r.resolved is not None:
        return r.resolved.text
    return r.source.text if r.source is not None else None


def _iso(t: TimeExpr | None) -> str | None:
    if t is None or not t.resolved:
        return None
    return t.begin if t.begin == t.until else f"{t.begin or ''}..{t.until or ''}"


def _covering_span(doc: Doc, r: Attribution) -> Span | None:
    return doc.char_span(r.content.start, r.content.end, alignment_mode="expand")


def _cue_head(doc: Doc, r: Attribution) -> Token | None:
    if r.cue is None:
        return None
    seg = r.cue.segments[0]
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _tokens_of(doc: Doc, r: Attribution) -> set[int]:
    ids: set[int] = set()
    for part in (r.source, r.cue, r.content):
        if part is None:
            continue
        for seg in part.segments:
            span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
            if span is not None:
                ids.update(range(span.start, span.end))
    return ids


def _inner_tokens(doc: Doc, records: Sequence[Attribution]) -> dict[int, set[int]]:
    """For each record, the tokens of the records nested (at any depth) inside it.

    A nested record owns its spans and its cue's whole phrase ("claims from
    officials last week that ..."), statement time included.
    """
    out: dict[int, set[int]] = {}
    by_id = {r.id: r for r in records}
    for r in records:
        if r.parent is None:
            continue
        toks = _tokens_of(doc, r)
        head = _cue_head(doc, r)
        if head is not None:
            toks.update(t.i for t in head.subtree)
        seen: set[int] = set()
        parent: int | None = r.parent
        while parent is not None and parent in by_id and parent not in seen:
            seen.add(parent)
            out.setdefault(parent, set()).update(toks)
            parent = by_id[parent].parent
    return out


def _gaps(doc: Doc, r: Attribution, content: Span) -> set[int]:
    """Tokens between the content's segments ("he said" inside a split quote)."""
    segs = r.content.segments
    if len(segs) < 2:
        return set()
    return {t.i for t in content if not any(s.start <= t.idx < s.end for s in segs)}


def _outside(doc: Doc, exclude: set[int]):  # type: ignore[no-untyped-def]
    starts = {doc[i].idx for i in exclude}
    spans = sorted((doc[i].idx, doc[i].idx + len(doc[i])) for i in exclude)

    def keep(char: int) -> bool:
        return char not in starts and not any(s <= char < e for s, e in spans)
    return keep
