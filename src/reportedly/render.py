"""Presenting reports: rich tables for people, JSON and JSON Lines for programs."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

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


def table(report: Report) -> Table:
    """One row per attribution: id, source (→ resolved), cue, content, kind / cue class.

    A nested attribution shows the id of the one whose content holds it.
    """
    grid = Table(show_lines=False, header_style="bold", expand=False)
    grid.add_column("#", justify="right", no_wrap=True)
    grid.add_column("source", ratio=2)
    grid.add_column("cue", ratio=1)
    grid.add_column("content", ratio=4)
    grid.add_column("kind", no_wrap=True)
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
            Text(f"{a.kind}\n{a.cue_class}"),
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
