"""Presenting reports: rich tables for people, JSON and JSON Lines for programs."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .interpret import Certainty, Quantity, TimeExpr
from .types import SCHEMA_VERSION, Attribution, Report

SOURCE_STYLE = "bold cyan"
CUE_STYLE = "bold magenta"
CONTENT_STYLE = "green"
CONTENT_CHARS = 140  # longer contents are cut in the middle of the table cell

_SPACE = re.compile(r"\s+")


def shorten(text: str, limit: int = CONTENT_CHARS) -> str:
    """Return ``text`` on one line, cut to ``limit`` characters with ``…`` if longer."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"


def source_cell(a: Attribution) -> Text:
    """The source as written, and what it resolves to when that differs: ``he → Ben Wallace``."""
    if a.source is None:
        return Text("—", style="dim")
    cell = Text(shorten(a.source.text, 60), style=SOURCE_STYLE)
    if a.resolved is not None and a.resolved.text != a.source.text:
        cell.append(" → ", style="dim")
        cell.append(shorten(a.resolved.text, 60), style=SOURCE_STYLE)
    return cell


def certainty_text(c: Certainty | None) -> str:
    """The source's certainty in a few words: ``likely 55-75% (UK Probability Yardstick)``."""
    if c is None or c.status == "asserted":
        return "asserted"
    if c.status in ("undetermined", "no_comment"):
        return f"{c.status.replace('_', ' ')}: {c.term}"
    words = c.term or "hedged"
    if c.low is not None and c.high is not None:
        words += f" {c.low}-{c.high}%"
        words += f" ({c.scale}{', interpreted' if c.interpreted else ''})"
    if c.confidence:
        words += f", {c.confidence} confidence"
    return words


def time_text(t: TimeExpr) -> str:
    """A time as written and what it resolves to: ``last week = 2022-05-09..2022-05-15``."""
    if not t.resolved:
        return t.text
    if t.begin == t.until:
        return f"{t.text} = {t.begin}"
    return f"{t.text} = {t.begin or ''}..{t.until or ''}"


def number_text(q: Quantity) -> str:
    """A figure with what it counts: ``more than 28,000 Russian troops killed``."""
    def fmt(x: float | None) -> str:
        return "?" if x is None else f"{x:,.0f}" if x == int(x) else f"{x:,}"

    if q.relation in ("more_than", "at_least"):
        figure = f"{_RELATION_WORDS[q.relation]} {fmt(q.low)}"
    elif q.relation in ("less_than", "at_most"):
        figure = f"{_RELATION_WORDS[q.relation]} {fmt(q.high)}"
    elif q.relation == "range":
        figure = f"{fmt(q.low)}-{fmt(q.high)}"
    elif q.relation == "about":
        figure = f"about {fmt(q.low if q.low == q.high else None) if q.low == q.high else q.text}"
    elif q.relation == "exact":
        figure = fmt(q.low)
    else:
        figure = q.text
    words = [figure, *(w for w in (q.counted, q.event) if w)]
    if q.time is not None:
        words.append(f"({time_text(q.time)})")
    return " ".join(words)


_RELATION_WORDS = {"more_than": "more than", "less_than": "less than", "at_least": "at least",
                   "at_most": "at most", "about": "about"}


def claim_cell(a: Attribution) -> Text:
    """Stance, certainty, when it was said and the figures, one per line."""
    cell = Text(a.stance.cls if a.stance else a.cue_class, style=_STANCE_STYLE.get(a.cue_class, ""))
    cell.append(f"\n{certainty_text(a.certainty)}")
    if a.said_at is not None:
        cell.append(f"\nsaid {time_text(a.said_at)}", style="dim")
    for q in a.numbers:
        cell.append(f"\n# {number_text(q)}", style="yellow")
    if a.polarity == "negative":
        cell.append("\nnegated", style="dim")
    return cell


_STANCE_STYLE = {"distancing": "yellow", "negating": "red", "committing": "green", "assessment": "blue"}


def conflicts_text(report: Report) -> Text:
    """One line per conflict: ``conflict #8 ↔ #9: dispute marker ('despite claims')``."""
    out = Text()
    for c in report.conflicts:
        out.append("conflict ", style="bold red")
        out.append(f"#{c.a.id} {c.a.source or '?'} ↔ #{c.b.id} {c.b.source or '?'}: ")
        out.append(f"{c.reason} — {c.detail}\n", style="dim")
    return out


def table(report: Report) -> Table:
    """One row per attribution: id, source (→ resolved), cue, content, kind, and the claim's reading.

    A nested attribution shows the id of the one whose content holds it. The
    last column holds the stance, the source's certainty, when it was said and
    the figures it asserts.
    """
    grid = Table(show_lines=False, header_style="bold", expand=False)
    grid.add_column("#", justify="right", no_wrap=True)
    grid.add_column("source", ratio=2)
    grid.add_column("cue", ratio=1)
    grid.add_column("content", ratio=4)
    grid.add_column("kind", no_wrap=True)
    grid.add_column("stance / certainty / when", ratio=2)
    for a in report.attributions:
        ident = Text(str(a.id))
        if a.parent is not None:
            ident.append(f"\nin {a.parent}", style="dim")
        cue = (
            Text(shorten(a.cue.text, 40), style=CUE_STYLE)
            if a.cue is not None
            else Text(
                "(continues)" if a.continues is None else f"(continues {a.continues})", style="dim"
            )
        )
        grid.add_row(
            ident,
            source_cell(a),
            cue,
            Text(shorten(a.content.text), style=CONTENT_STYLE),
            Text(a.kind),
            claim_cell(a),
        )
    return grid


def title(report: Report) -> Text:
    """The line above a document's table: name, date, how many attributions."""
    n = len(report.attributions)
    line = Text(report.name or "<text>", style="bold")
    if report.published:
        line.append(f"  published {report.published}", style="dim")
    line.append(f"  {n} attribution{'' if n == 1 else 's'}", style="dim")
    return line


def document(report: Report) -> RenderableType:
    """The title line and the table (or a note when nothing was found)."""
    if not report.attributions:
        return Group(title(report), Text("no attributions found", style="dim"), Text(""))
    if report.conflicts:
        return Group(title(report), table(report), conflicts_text(report))
    return Group(title(report), table(report), Text(""))


def report_dict(report: Report) -> dict[str, Any]:
    """The JSON form of one report (see ``reportedly.schema``)."""
    return report.to_dict()


def json_document(reports: Iterable[Report]) -> str:
    """One JSON document: ``{"schema_version": ..., "documents": [report, ...]}``."""
    body = {"schema_version": SCHEMA_VERSION, "documents": [report_dict(r) for r in reports]}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def json_report(report: Report) -> str:
    """One report as an indented JSON document."""
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def jsonl_line(report: Report) -> str:
    """One report on one line, newline-terminated (JSON Lines)."""
    return json.dumps(report_dict(report), ensure_ascii=False, separators=(",", ":")) + "\n"
