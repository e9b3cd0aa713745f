"""The extractor on hand-written sentences, one table row per construction.

Each row of ``tests/cases.py`` gives a text and the (source, cue, content)
triples it must yield; ``none-`` rows must yield nothing. Rows the extractor
gets wrong today are listed in ``KNOWN_FAILURES`` with the reason and run as
strict xfails, so a fix shows up as an unexpected pass.
"""
from __future__ import annotations

import pytest

import reportedly
from reportedly.types import Attribution, Report

from .cases import CASES, RESOLUTION_CASES, UNNAMED_CASES, span_text

KNOWN_FAILURES: dict[str, str] = {
    "direct-multi-sentence-two-paragraphs": "the parser's sentence break inside the quote hides the chained paragraph",
    "quoted-as-saying-that": "'was quoted as saying': the source ranker does not reach the passive subject",
    "quoted-as-saying-nothat": "'was quoted as saying': the source ranker does not reach the passive subject",
    "quoted-as-saying-unnamed": "'was quoted as saying': the source ranker does not reach the passive subject",
    "noun-cue-claims-from": "sentence-initial 'Claims' is parsed as a verb; the cue model takes 'warning' instead",
    "belief-doubt": "a quantified subject ('Many in the alliance') is not a source candidate",
    "nested-inside-direct-quote": "cues inside a direct quote are down-weighted, so the inner 'told' is missed",
    "unnamed-people-briefed": "source spans cut participial modifiers ('briefed on the plans'), following PolNeAR",
    "unnamed-anonymous-official": "source spans cut participial modifiers ('speaking on condition ...')",
}


def _norm(s: str | None) -> str | None:
    return None if s is None else " ".join(s.split())


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    texts = [(case_id, text) for case_id, text, _ in CASES]
    texts += [(case_id, text) for case_id, text, *_ in RESOLUTION_CASES + UNNAMED_CASES]
    return {r.name: r for r in reportedly.analyze_many(texts)}  # type: ignore[misc]


def _triple(a: Attribution) -> tuple[str | None, str | None, str | None]:
    return (
        _norm(a.source.text) if a.source else None,
        _norm(a.cue.text) if a.cue else None,
        _norm(a.content.text),
    )


def _mark(case_id: str):  # type: ignore[no-untyped-def]
    reason = KNOWN_FAILURES.get(case_id)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


@pytest.mark.parametrize(
    "case_id, expected",
    [pytest.param(c, e, id=c, marks=_mark(c)) for c, _, e in CASES],
)
def test_construction(reports: dict[str, Report], case_id: str, expected: list) -> None:  # type: ignore[type-arg]
    found = [_triple(a) for a in reports[case_id].attributions]
    if not expected:
        assert found == []
        return
    for source, cue, content in expected:
        want = (_norm(source), _norm(cue), _norm(span_text(content)))
        assert want in found, f"{want} not in {found}"


@pytest.mark.parametrize(
    "case_id, written, resolved",
    [pytest.param(c, w, r, id=c, marks=_mark(c)) for c, _, w, r in RESOLUTION_CASES],
)
def test_resolution(reports: dict[str, Report], case_id: str, written: str, resolved: str) -> None:
    pairs = [
        (a.source.text, a.resolved.text if a.resolved else None)
        for a in reports[case_id].attributions
        if a.source is not None
    ]
    assert any(w == written and r and resolved in r for w, r in pairs), pairs


@pytest.mark.parametrize(
    "case_id, written",
    [pytest.param(c, w, id=c, marks=_mark(c)) for c, _, w in UNNAMED_CASES],
)
def test_unnamed_sources(reports: dict[str, Report], case_id: str, written: str) -> None:
    types = {a.source.text: a.source_type for a in reports[case_id].attributions if a.source}
    assert types.get(written) == "unnamed", types
