"""End-to-end acceptance of the interpretation: one test per case of ``interpret_cases``.

Each case runs through ``reportedly.analyze_many`` (once per module, grouped by
publication date); the attribution named by the case's cue must carry every
expected field, and the document's conflicts must be exactly the expected ones
where the case lists them. Known failures run as strict xfails, so a fix shows
up. A last test runs ``scripts/interpret_scores.py`` over the same reports and
checks each feature's precision and recall against ``tests/interpret_floors.json``
(floors set just under the measured figures: a change must not drop below them).
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import reportedly
from reportedly.types import Report

from .interpret_cases import (
    CASES, FIELDS, KNOWN_FAILURES, Case, expected_conflicts, find_attribution, number_matches, observed,
    observed_conflicts,
)

ROOT = Path(__file__).resolve().parents[1]
FLOORS = Path(__file__).with_name("interpret_floors.json")


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    """``scripts/interpret_scores.py``, loaded as a module."""
    spec = importlib.util.spec_from_file_location("interpret_scores", ROOT / "scripts" / "interpret_scores.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reports(scorer: ModuleType) -> dict[str, Report]:
    """Every case's report, analysed once per module (one ``analyze_many`` per publication date)."""
    return {c.id: r for c, r in scorer.analyze_cases(CASES)}


def test_case_table_is_well_formed() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert len(CASES) >= 90
    assert set(KNOWN_FAILURES) <= set(ids), set(KNOWN_FAILURES) - set(ids)
    for c in CASES:
        assert set(c.expect) == set(FIELDS), f"{c.id} must state every field"


def _params() -> list[object]:
    return [
        pytest.param(c, id=c.id, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[c.id]))
        if c.id in KNOWN_FAILURES else pytest.param(c, id=c.id)
        for c in CASES
    ]


@pytest.mark.parametrize("case", _params())
def test_interpretation(case: Case, reports: dict[str, Report]) -> None:
    report = reports[case.id]
    a = find_attribution(report, case.cue)
    cues = [x.cue.text for x in report.attributions if x.cue is not None]
    assert a is not None, f"no attribution with cue {case.cue!r}; cues found: {cues}"
    got = observed(a)
    for field, want in case.expect.items():
        have = got[field]
        if field == "numbers":
            assert len(have) == len(want) and all(number_matches(w, h) for w, h in zip(want, have)), (
                f"numbers: expected {want}, got {have}"
            )
        elif field == "times":
            assert have == [tuple(t) for t in want], f"times: expected {want}, got {have}"
        elif field == "band":
            assert have == (tuple(want) if want is not None else None), f"band: expected {want}, got {have}"
        else:
            assert have == want, f"{field}: expected {want!r}, got {have!r}"
    if case.conflicts is not None:
        unnamed = [cue for pair in case.conflicts for cue in pair[:2] if find_attribution(report, cue) is None]
        assert not unnamed, f"conflict cues that name no attribution: {unnamed}; cues found: {cues}"
        assert observed_conflicts(report) == expected_conflicts(report, case), (
            [k.to_dict() for k in report.conflicts]
        )


# A fronted dispute word sets two claims against each other only when they have different sources:
# (text, expected number of dispute-marker conflicts).
FRONTED_DISPUTES = [
    ("Contrary to reports by Russian media that the bridge was destroyed, officials said it was intact.", 1),
    ("Despite Russia claiming that the ship sank in a storm, the Ukrainian navy said it was struck by missiles.", 1),
    ("Despite challenging the admiral's account, the minister said the fleet could be trusted.", 0),
    ("Despite what he wrote in the memo, the minister said the fleet could be trusted.", 0),
]


@pytest.mark.parametrize("text, expected", FRONTED_DISPUTES, ids=[t[:40] for t, _ in FRONTED_DISPUTES])
def test_fronted_dispute_markers(text: str, expected: int) -> None:
    report = reportedly.analyze(text, published="2022-05-19")
    assert sum(k.reason == "dispute marker" for k in report.conflicts) == expected, (
        [k.to_dict() for k in report.conflicts]
    )


def test_scores_stay_above_floors(scorer: ModuleType, reports: dict[str, Report]) -> None:
    scores = scorer.score([(c, reports[c.id]) for c in CASES])
    floors = json.loads(FLOORS.read_text())
    assert set(floors) == set(scores), f"floors for {sorted(set(scores) - set(floors))} missing"
    below = [
        (feature, measure, scores[feature][measure], floor)
        for feature, limits in floors.items()
        for measure, floor in limits.items()
        if scores[feature][measure] < floor
    ]
    assert below == [], below
