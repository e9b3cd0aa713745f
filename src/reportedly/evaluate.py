"""Score predicted attribution relations against gold ones (PolNeAR-style spans).

Spans are compared by exact and by overlap match, the two standards of work on
attribution extraction (Pareti 2015, "Attribution: A Computational Approach",
on PARC; the corpus read here is PolNeAR, Newell, Margolin and Ruths 2018).
The details below are this module's convention, applied per document and then
micro-averaged by summing counts over documents:

* **Normalising.** Before any comparison each span is normalised against the
  document text: every fragment loses its leading and trailing whitespace,
  empty fragments are dropped, and fragments that touch, overlap, or are
  separated only by whitespace are merged. So ``said `` equals ``said``, and
  two fragments split by a line break equal the one fragment that spans it;
  fragments split by any other character stay two.
* **Roles** (``source``, ``cue``, ``content``). The gold spans of a role are
  the *set* of distinct normalised, non-empty bounds of that role over all gold
  relations; likewise the predicted spans. A span shared by two relations (one
  source, two quotes) counts once, on both sides.

  - *exact*: a predicted span is correct when it equals some gold span, and a
    gold span is found when it equals some predicted span (the two counts
    agree).
  - *overlap*: a predicted span is correct when it shares at least one
    character with some gold span, and a gold span is found when some
    predicted span shares a character with it.

  precision = correct predicted / predicted, recall = found gold / gold.
* **Whole attribution (overlap)**, relation level, one to one: a predicted
  relation matches a gold relation when, for each of cue, content and source,
  the two spans overlap or both are absent (an absent source on both sides
  counts; so does an absent cue, as a continuation quote has none).
  Predicted relations are taken in document order and each matches the first
  unused gold relation in document order; each gold relation is used once.
  The matches count on both sides; predicted and gold are relation counts.

Every ratio with a zero denominator is 0.0.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .brat import Bounds, Relation
from .errors import InputError

ROLES = ("source", "cue", "content")
MODES = ("exact", "overlap")
WHOLE_LABEL = "whole attribution (overlap)"


@dataclass(frozen=True)
class PRF:
    """Counts behind precision and recall: they add, the ratios don't."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.tp_pred + other.tp_pred,
            self.n_pred + other.n_pred,
            self.tp_gold + other.tp_gold,
            self.n_gold + other.n_gold,
        )

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pred": self.n_pred,
            "gold": self.n_gold,
        }


@dataclass(frozen=True)
class Scores:
    """``roles[role][mode]`` for each role and mode, the whole-relation score,
    and how many documents were summed."""

    roles: dict[str, dict[str, PRF]]
    whole: PRF
    documents: int

    def __add__(self, other: Scores) -> Scores:
        roles = {
            role: {mode: self.roles[role][mode] + other.roles[role][mode] for mode in MODES}
            for role in ROLES
        }
        return Scores(roles, self.whole + other.whole, self.documents + other.documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "roles": {
                role: {mode: prf.to_dict() for mode, prf in modes.items()}
                for role, modes in self.roles.items()
            },
            "whole": self.whole.to_dict(),
        }


def _empty() -> Scores:
    return Scores({role: {mode: PRF() for mode in MODES} for role in ROLES}, PRF(), 0)


def normalise(text: str, bounds: Bounds) -> Bounds:
    """Strip whitespace from each fragment, drop empty ones, merge neighbours.

    Raises ``InputError`` when a fragment does not lie within ``text``.
    """
    fragments = []
    for start, end in sorted(bounds):
        if not 0 <= start <= end <= len(text):
            raise InputError(
                f"span ({start}, {end})",
                f"offsets within the document's {len(text)} characters; "
                "check that the annotations belong to this text",
            )
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            fragments.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in fragments:
        if merged and (start <= merged[-1][1] or text[merged[-1][1] : start].isspace()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _overlaps(a: Bounds, b: Bounds) -> bool:
    """True when the spans share at least one character."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _role_scores(gold: set[Bounds], pred: set[Bounds]) -> dict[str, PRF]:
    same = len(gold & pred)
    hit_pred = sum(any(_overlaps(p, g) for g in gold) for p in pred)
    hit_gold = sum(any(_overlaps(g, p) for p in pred) for g in gold)
    return {
        "exact": PRF(same, len(pred), same, len(gold)),
        "overlap": PRF(hit_pred, len(pred), hit_gold, len(gold)),
    }


def _spans(relation: Relation, text: str) -> dict[str, Bounds]:
    return {role: normalise(text, getattr(relation, role)) for role in ROLES}


def _matches(pred: dict[str, Bounds], gold: dict[str, Bounds]) -> bool:
    return all(
        _overlaps(pred[role], gold[role]) or not (pred[role] or gold[role]) for role in ROLES
    )


def _in_order(relations: list[dict[str, Bounds]]) -> list[dict[str, Bounds]]:
    """Relations sorted by their first character (stable for ties)."""
    return sorted(
        relations, key=lambda r: min((s for b in r.values() for s, _ in b), default=0)
    )


def _whole_score(gold: list[dict[str, Bounds]], pred: list[dict[str, Bounds]]) -> PRF:
    unused = _in_order(gold)
    matched = 0
    for p in _in_order(pred):
        for i, g in enumerate(unused):
            if _matches(p, g):
                del unused[i]
                matched += 1
                break
    return PRF(matched, len(pred), matched, len(gold))


def score_document(text: str, gold: list[Relation], pred: list[Relation]) -> Scores:
    """Score one document's predicted relations against its gold ones."""
    gold_spans = [_spans(r, text) for r in gold]
    pred_spans = [_spans(r, text) for r in pred]
    roles = {
        role: _role_scores(
            {r[role] for r in gold_spans if r[role]}, {r[role] for r in pred_spans if r[role]}
        )
        for role in ROLES
    }
    return Scores(roles, _whole_score(gold_spans, pred_spans), 1)


def score_corpus(pairs: Iterable[tuple[str, list[Relation], list[Relation]]]) -> Scores:
    """Micro-average over ``(text, gold, pred)`` documents by summing counts."""
    total = _empty()
    for text, gold, pred in pairs:
        total = total + score_document(text, gold, pred)
    return total


def format_table(scores: Scores) -> str:
    """A plain-text table of P, R, F1 and counts, one row per role and mode."""
    rows = [(f"{role} {mode}", scores.roles[role][mode]) for role in ROLES for mode in MODES]
    rows.append((WHOLE_LABEL, scores.whole))
    width = max(len(label) for label, _ in rows)
    header = f"{'':<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {'pred':>6}  {'gold':>6}"
    lines = [header]
    for label, prf in rows:
        lines.append(
            f"{label:<{width}}  {prf.precision:6.4f}  {prf.recall:6.4f}  {prf.f1:6.4f}"
            f"  {prf.n_pred:>6}  {prf.n_gold:>6}"
        )
    lines.append(f"documents: {scores.documents}")
    return "\n".join(lines) + "\n"
