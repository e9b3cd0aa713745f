"""Reports as JSON and back, exactly: the form an analysis takes between processes and in Parquet shards.

``encode(report)`` is ``Report.to_dict()`` (the documented output schema) plus
the exact ``score`` of each attribution, which ``to_dict`` rounds to four
places. ``decode(raw, text)`` rebuilds the very ``Report`` that was encoded,
so a report that travelled through a worker or a shard stores exactly as one
analysed in place.
"""
from __future__ import annotations

import json
from dataclasses import replace

from ..types import Report

__all__ = ["CODEC_VERSION", "decode", "encode"]

# The envelope's version: the report inside carries its own ``schema_version``.
CODEC_VERSION = "1"


def encode(report: Report) -> str:
    """One line of JSON: the report's ``to_dict()`` and ``scores``, the unrounded score of each attribution."""
    data = report.to_dict()
    data["scores"] = [a.score for a in report.attributions]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(raw: str, text: str) -> Report:
    """The report ``encode`` wrote, over ``text`` (the document it was made from).

    Raises ``ValueError`` when ``raw`` is not an encoded report or does not fit ``text``.
    """
    try:
        data = json.loads(raw)
        report = Report.from_dict(data, text=text)
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"expected an encoded report ({type(exc).__name__}: {exc})") from exc
    scores = data.get("scores")
    if scores is None:
        return report
    if len(scores) != len(report.attributions):
        raise ValueError(f"expected {len(report.attributions)} scores, found {len(scores)}")
    return replace(report, attributions=tuple(replace(a, score=s) for a, s in zip(report.attributions, scores)))
