"""Precision, recall and F1 of the interpretation, per feature, over ``tests/interpret_cases.py``.

Every case (known failures included) runs through ``reportedly.analyze_many``;
the attribution its cue names is compared with its expected values. Every case
states every field (``interpret_cases.PLAIN`` fills those a row leaves out), so
a hedge, time, number or negation found in a plain sentence counts against
precision; conflicts are scored over the cases that list them. If the cue's
attribution is not found, the case's expected items count as missed and it
predicts nothing.

Features, and what an expected item, a predicted item and a correct one are:

stance
    One item per case stating ``stance``: expected always; predicted when the
    attribution has a stance; correct when the class (and ``source_asserts``,
    if stated) is the expected one. Precision and recall differ only by
    attributions not found.
certainty status
    The positive class is a non-asserted status (hedged, undetermined,
    no_comment). Expected: the case expects one; predicted: the attribution
    has one; correct: both, and the same status. A hedge found on an
    asserted content lowers precision; one missed lowers recall.
likelihood band+scale
    Expected: the case expects a band; predicted: the attribution has a band;
    correct: the same ``(low, high)``, the same scale and, if stated, the same
    ``interpreted``.
confidence
    Expected: the case expects a confidence level; predicted: the attribution
    has one; correct: the same level.
statement time
    Expected: the case expects resolved bounds for ``said``; predicted: the
    attribution has a resolved ``said_at``; correct: both bounds equal. A
    resolved time where the case expects none or ``"unresolved"`` is a false
    positive.
content times
    Items are ``(text, from, until)`` triples: every expected one, every time
    expression found in the content; correct: an exact match (text and both
    bounds), each item matched once.
numbers
    Items are quantities: every expected one, every one found in the content;
    correct: the same low, high, relation, counted noun and event (and time,
    where stated), each matched once.
polarity
    The positive class is ``negative`` polarity. Expected: the case expects
    negative; predicted: the attribution is negative; correct: both.
conflicts
    Over the cases that state ``conflicts`` (an empty list: the text must
    produce none). Items are ``(attribution a, attribution b, reason)``; every
    conflict of the report is predicted; correct: the same pair and reason.

Precision is correct / predicted (1.0 when nothing is predicted), recall is
correct / expected (1.0 when nothing is expected), F1 their harmonic mean.

Usage::

    .venv/bin/python scripts/interpret_scores.py          # a table
    .venv/bin/python scripts/interpret_scores.py --json   # the same figures as JSON
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import reportedly  # noqa: E402
from reportedly.types import Report  # noqa: E402
from tests.interpret_cases import (  # noqa: E402
    CASES, KNOWN_FAILURES, Case, expected_conflicts, find_attribution, number_matches, observed,
    observed_conflicts,
)

FEATURES = (
    "stance", "certainty status", "likelihood band+scale", "confidence", "statement time",
    "content times", "numbers", "polarity", "conflicts",
)


class Tally:
    """Counts of expected, predicted and correct items for one feature."""

    def __init__(self) -> None:
        self.expected = self.predicted = self.correct = 0

    def add(self, expected: int, predicted: int, correct: int) -> None:
        self.expected += expected
        self.predicted += predicted
        self.correct += correct

    def to_dict(self) -> dict[str, Any]:
        p = self.correct / self.predicted if self.predicted else 1.0
        r = self.correct / self.expected if self.expected else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"expected": self.expected, "predicted": self.predicted, "correct": self.correct,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _matched(want: Sequence[Any], have: Sequence[Any], same: Callable[[Any, Any], bool]) -> int:
    """How many of ``want`` find a partner in ``have``, each partner used once."""
    left = list(have)
    hits = 0
    for w in want:
        for k, h in enumerate(left):
            if same(w, h):
                hits += 1
                del left[k]
                break
    return hits


def _binary(tally: Tally, expected: bool, predicted: bool, correct: bool) -> None:
    tally.add(int(expected), int(predicted), int(expected and predicted and correct))


def score(pairs: Iterable[tuple[Case, Report]]) -> dict[str, dict[str, Any]]:
    """``{feature: {expected, predicted, correct, precision, recall, f1}}`` over ``(case, report)`` pairs."""
    t = {name: Tally() for name in FEATURES}
    for case, report in pairs:
        e = case.expect
        a = find_attribution(report, case.cue) if e else None
        got = observed(a) if a is not None else None
        if "stance" in e:
            ok = got is not None and got["stance"] == e["stance"] and (
                "source_asserts" not in e or got["source_asserts"] == e["source_asserts"])
            _binary(t["stance"], True, got is not None and got["stance"] is not None, ok)
        if "status" in e:
            want = e["status"] not in (None, "asserted")
            have = got is not None and got["status"] not in (None, "asserted")
            _binary(t["certainty status"], want, have, got is not None and got["status"] == e["status"])
        if "band" in e:
            have = got is not None and got["band"] is not None
            ok = got is not None and e["band"] is not None and got["band"] == tuple(e["band"]) and (
                got["scale"] == e.get("scale", got["scale"])) and (
                "interpreted" not in e or got["interpreted"] == e["interpreted"])
            _binary(t["likelihood band+scale"], e["band"] is not None, have, ok)
        if "confidence" in e:
            have = got is not None and got["confidence"] is not None
            _binary(t["confidence"], e["confidence"] is not None, have,
                    got is not None and got["confidence"] == e["confidence"])
        if "said" in e:
            want = isinstance(e["said"], tuple)
            have = got is not None and isinstance(got["said"], tuple)
            _binary(t["statement time"], want, have, got is not None and got["said"] == e["said"])
        if "times" in e:
            have_times = got["times"] if got is not None else []
            t["content times"].add(len(e["times"]), len(have_times),
                                   _matched([tuple(x) for x in e["times"]], have_times, lambda w, h: w == h))
        if "numbers" in e:
            have_numbers = got["numbers"] if got is not None else []
            t["numbers"].add(len(e["numbers"]), len(have_numbers),
                             _matched(e["numbers"], have_numbers, number_matches))
        if "polarity" in e:
            _binary(t["polarity"], e["polarity"] == "negative",
                    got is not None and got["polarity"] == "negative", True)
        if case.conflicts is not None:
            want_k = expected_conflicts(report, case)
            have_k = observed_conflicts(report)
            t["conflicts"].add(len(want_k), len(have_k), _matched(want_k, have_k, lambda w, h: w == h))
    return {name: tally.to_dict() for name, tally in t.items()}


def analyze_cases(cases: Sequence[Case]) -> list[tuple[Case, Report]]:
    """Each case with its report, analysed once per publication date."""
    by_date: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        by_date[c.published].append(c)
    reports: dict[str, Report] = {}
    for published, group in by_date.items():
        for c, r in zip(group, reportedly.analyze_many([(c.id, c.text) for c in group], published=published)):
            reports[c.id] = r
    return [(c, reports[c.id]) for c in cases]


def table(scores: dict[str, dict[str, Any]]) -> str:
    head = f"{'feature':<24}{'expected':>9}{'predicted':>10}{'correct':>8}{'P':>8}{'R':>8}{'F1':>8}"
    rows = [head, "-" * len(head)]
    for name, s in scores.items():
        rows.append(f"{name:<24}{s['expected']:>9}{s['predicted']:>10}{s['correct']:>8}"
                    f"{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    scores = score(analyze_cases(CASES))
    if args.json:
        print(json.dumps({"cases": len(CASES), "known_failures": len(KNOWN_FAILURES), "features": scores},
                         indent=2))
    else:
        print(f"{len(CASES)} cases ({len(KNOWN_FAILURES)} known failures)\n")
        print(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
