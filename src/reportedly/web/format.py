"""Words for the interpretation fields, shared by every page (registered as Jinja filters)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_RELATIONS = {"exact": "", "about": "about ", "more_than": "more than ", "at_least": "at least ",
              "less_than": "fewer than ", "at_most": "at most ", "range": "", "order": "", "none": ""}
_STATUS = {"asserted": "asserted (no hedge)", "undetermined": "undetermined", "no_comment": "declined to comment",
           "hedged": "hedged"}


def number(value: float | int | None) -> str:
    """1200.0 -> '1,200'; 2.5 -> '2.5'; None -> ''."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def band(low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return ""
    return f"{low}%" if low == high else f"{low}–{high}%"


def certainty(c: Mapping[str, Any] | None) -> str:
    """'likely, 55–75% (UK Probability Yardstick)'; 'hedged: may'; 'asserted (no hedge)'."""
    if not c:
        return "unknown"
    status = str(c.get("status") or "")
    if c.get("low") is not None and c.get("scale"):
        words = f"{c.get('term')}, {band(c.get('low'), c.get('high'))} ({c['scale']}"
        words += ", interpreted)" if c.get("interpreted") else ")"
    elif status in ("hedged", "undetermined") and c.get("term"):
        words = f"{status}: {c['term']}"
    else:
        words = _STATUS.get(status, status or "unknown")
    if c.get("confidence"):
        words += f"; {c['confidence']} confidence"
    return words


def when(t: Mapping[str, Any] | None) -> str:
    """'Thursday = 2022-05-19'; 'since February = 2022-02-01 onwards'; 'in recent weeks (not resolved)'."""
    if not t:
        return ""
    text = str(t.get("text") or "")
    if not t.get("resolved"):
        return f"{text} (not resolved)"
    start, until = t.get("from"), t.get("until")
    if start and until and start != until:
        return f"{text} = {start} to {until}"
    if start and not until:
        return f"{text} = {start} onwards"
    return f"{text} = {start or until}"


def figure(n: Mapping[str, Any]) -> str:
    """'more than 1,200 tonnes destroyed' from a record's number (or a ledger figure row)."""
    relation = str(n.get("relation") or "exact")
    if relation == "range":
        value = f"{number(n.get('low'))}–{number(n.get('high'))}"
    else:
        value = _RELATIONS.get(relation, "") + number(n.get("low") if n.get("low") is not None else n.get("high"))
    words = [value or str(n.get("text") or "")]
    if n.get("counted"):
        words.append(str(n["counted"]))
    if n.get("event"):
        words.append(str(n["event"]))
    return " ".join(words)


FILTERS = {"number": number, "band": band, "certainty": certainty, "when": when, "figure": figure}


def row_certainty(row: Mapping[str, Any]) -> str:
    """``certainty`` for a ledger claim row (its flat columns)."""
    return certainty({"status": row.get("certainty"), "term": row.get("certainty_term"), "low": row.get("prob_low"),
                      "high": row.get("prob_high"), "scale": row.get("scale")})


def safe_url(url: str | None) -> str | None:
    """``url`` if it is http(s), else None: an article's own URL is untrusted (no ``javascript:`` links)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


FILTERS.update({"row_certainty": row_certainty, "safe_url": safe_url})
