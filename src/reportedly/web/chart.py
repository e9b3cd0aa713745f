"""The Numbers page: claimed figures for one counted event, one panel per group of people counted
("soldiers killed, Korvia"), one series per source; and the geometry of its inline SVG chart.

``numbers`` is the page's data (its JSON twin); ``layout`` turns one panel into coordinates
for the template. Nothing is drawn by script: the chart is server-rendered SVG.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..ledger import Ledger
from ..ledger.propositions import canonical_event
from . import format as fmt
from .article import passage, source_url
from .errors import WebError

# Okabe & Ito's colour-blind-safe palette (yellow left out: too pale on white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
WIDTH, HEIGHT = 760, 300
MARGIN = {"left": 64, "right": 16, "top": 16, "bottom": 36}


def numbers(ledger: Ledger, event: str | None) -> dict[str, Any]:
    """Figures for ``event`` (default: the event with most figures), grouped into panels and series."""
    events = ledger.events()
    known = [e["event"] for e in events]
    chosen = canonical_event(event.strip().lower()) if event and event.strip() else (known[0] if known else None)
    if chosen is not None and chosen not in known:
        raise WebError(422, f"event {event!r}: expected a counted event in the ledger ({', '.join(known[:8]) or 'none yet'}); "
                       "pick one from the list", field="event")
    rows = ledger.figures(event=chosen) if chosen else []
    panels: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        what, whose = r["what"] or "", r["whose"] or ""
        panel = panels.setdefault((what, whose), {"title": _title(chosen or "", what, whose), "what": what or None,
                                                  "whose": whose or None, "series": {}})
        name = r["source"] or "(no source)"
        panel["series"].setdefault(name, {"source": name, "source_url": source_url(r["source"]), "points": []})
        panel["series"][name]["points"].append({
            "date": r["date"], "low": r["low"], "high": r["high"], "relation": r["relation"], "text": r["text"],
            "counted": r["counted"], "value": _value(r), "label": fmt.figure(r), "claim": r["claim"],
            "article": r["article"], "article_id": r["article_id"], "idx": r["idx"],
            "passage": passage(r["article_id"], r["idx"])})
    out = []
    for panel in sorted(panels.values(), key=lambda p: -sum(len(s["points"]) for s in p["series"].values())):
        series = sorted(panel["series"].values(), key=lambda s: -len(s["points"]))
        for n, s in enumerate(series):
            s["colour"] = PALETTE[n % len(PALETTE)]
            s["points"].sort(key=lambda p: (p["date"] or "", p["claim"]))
        out.append({**panel, "series": series})
    return {"event": chosen, "events": events, "figures": len(rows), "panels": out}


def layout(panel: dict[str, Any], width: int = WIDTH, height: int = HEIGHT) -> dict[str, Any]:
    """Coordinates for one panel: axes with ticks, and per series a line and its points (dated ones)."""
    left, top = MARGIN["left"], MARGIN["top"]
    right, bottom = width - MARGIN["right"], height - MARGIN["bottom"]
    dated = [p for s in panel["series"] for p in s["points"] if p["date"] and p["value"] is not None]
    if not dated:
        return {"width": width, "height": height, "empty": True, "series": [], "x_ticks": [], "y_ticks": [],
                "box": (left, top, right, bottom)}
    days = [date.fromisoformat(p["date"][:10]).toordinal() for p in dated]
    d0, d1 = min(days) - 1, max(days) + 1
    top_value = max(max(p["value"], p["high"] or 0) for p in dated)
    y_max = _nice(top_value * 1.08 or 1)

    def x(day: str) -> float:
        return round(left + (date.fromisoformat(day[:10]).toordinal() - d0) / (d1 - d0) * (right - left), 1)

    def y(value: float) -> float:
        return round(bottom - min(value, y_max) / y_max * (bottom - top), 1)

    series = []
    for s in panel["series"]:
        pts = []
        for p in s["points"]:
            if not p["date"] or p["value"] is None:
                continue
            bar = (y(p["low"]), y(p["high"])) if p["relation"] == "range" and p["low"] is not None \
                and p["high"] is not None else None
            pts.append({"x": x(p["date"]), "y": y(p["value"]), "bar": bar, "href": p["passage"],
                        "title": f"{s['source']}: {p['label']} ({p['date']}) — “{p['text']}”"})
        path = " ".join(f"{'M' if n == 0 else 'L'}{p['x']},{p['y']}" for n, p in enumerate(pts))
        series.append({"source": s["source"], "colour": s["colour"], "path": path, "points": pts})
    step = max(1, math.ceil((d1 - d0) / 6))
    x_ticks = [(x(date.fromordinal(d).isoformat()), date.fromordinal(d).isoformat())
               for d in range(d0 + 1, d1, step)]
    y_ticks = [(y(v), fmt.number(v)) for v in _ticks(y_max)]
    return {"width": width, "height": height, "empty": False, "series": series, "x_ticks": x_ticks,
            "y_ticks": y_ticks, "box": (left, top, right, bottom)}


def _value(r: dict[str, Any]) -> float | None:
    """Where a figure sits on the chart: the middle of a range, the bound of 'more than' / 'fewer than'."""
    low, high = r["low"], r["high"]
    if r["relation"] == "range" and low is not None and high is not None:
        return float((low + high) / 2)
    value = low if low is not None else high
    return float(value) if value is not None else None


def _title(event: str, what: str, whose: str) -> str:
    counted = f"{what}s" if what and not what.endswith("s") else (what or "figures")
    return f"{counted} {event}" + (f", {whose}" if whose else "")


def _nice(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value``."""
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def _ticks(top: float) -> Sequence[float]:
    step = _nice(top / 5)
    return [n * step for n in range(int(top / step) + 1)]
