"""The data behind each list page, built once and shown twice: as HTML and as its JSON twin.

Every function takes the ledger (and, for a list, the request's URL, for its pagination
links) and returns plain JSON-ready dicts; routes in ``pages.py`` render them, routes in
``api.py`` return them as they are.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from starlette.datastructures import URL

from ..api import check_date
from ..errors import InputError
from ..ledger import Ledger
from .article import passage, source_url
from .errors import WebError

PAGE_SIZE = 50
MAX_PAGE = 200
STANCES = ("neutral", "distancing", "committing", "negating", "belief", "assessment", "warning", "none")
STATUSES = ("asserted", "hedged", "undetermined", "no_comment")
# Certainty bands by the middle of a claim's probability band: [from, below) percent. They follow
# the common ground of the UK Probability Yardstick, ICD 203 and NATO AJP-2.1.
BANDS: Mapping[str, tuple[str, float, float]] = {
    "almost_certain": ("almost certain (90% and over)", 90, 101),
    "very_likely": ("very likely (80–90%)", 80, 90),
    "likely": ("likely (55–80%)", 55, 80),
    "even": ("about even (40–55%)", 40, 55),
    "unlikely": ("unlikely (20–40%)", 20, 40),
    "very_unlikely": ("very unlikely (5–20%)", 5, 20),
    "remote": ("remote (under 5%)", 0, 5),
}


def paging(here: URL, total: int, limit: int, offset: int) -> dict[str, Any]:
    """``total``, ``limit``, ``offset`` and the ``next``/``prev`` links (same path, same filters)."""
    def at(n: int) -> str:
        params = [(k, v) for k, v in parse_qsl(here.query, keep_blank_values=True) if k != "offset" and v != ""]
        return f"{quote(here.path)}?{urlencode([*params, ('offset', str(n))])}"

    return {"total": total, "limit": limit, "offset": offset,
            "next": at(offset + limit) if offset + limit < total else None,
            "prev": at(max(0, offset - limit)) if offset > 0 else None}


def overview(ledger: Ledger, limit: int = 10) -> dict[str, Any]:
    """The front page: what the ledger holds and the latest articles."""
    stats = ledger.stats()
    return {"ledger": ledger.shown, "stats": stats, "empty": stats["articles"] == 0,
            "articles": [_article_row(r) for r in ledger.articles(limit=limit)]}


def articles(ledger: Ledger, here: URL, limit: int, offset: int) -> dict[str, Any]:
    total = ledger.stats()["articles"]
    return {"articles": [_article_row(r) for r in ledger.articles(limit=limit, offset=offset)],
            "page": paging(here, total, limit, offset)}


def sources(ledger: Ledger, here: URL, limit: int, offset: int) -> dict[str, Any]:
    """Canonical sources: kind, affiliation, claims, first and last seen, contested share."""
    rows = ledger.sources(limit=limit, offset=offset)
    for r in rows:
        r["url"] = source_url(r["name"])
    return {"sources": rows, "page": paging(here, ledger.stats()["sources"], limit, offset)}


def source(ledger: Ledger, here: URL, name: str, limit: int, offset: int) -> dict[str, Any]:
    """One source and a page of its claims, newest first. Raises ``WebError`` 404 for an unknown name."""
    try:
        summary = ledger.source_summary(name)
    except InputError as exc:
        raise WebError(404, str(exc), field="name") from exc
    rows, total = ledger.search_claims(source_id=summary["id"], limit=limit, offset=offset)
    return {"source": {**summary, "url": source_url(summary["name"])},
            "claims": [_claim_row(r) for r in rows], "page": paging(here, total, limit, offset)}


def conflicts(ledger: Ledger, here: URL, limit: int, offset: int) -> dict[str, Any]:
    """Pairs of conflicting claims, both sides located at their passage."""
    rows = ledger.conflicts(limit=limit, offset=offset)
    where = ledger.locate(side["id"] for r in rows for side in (r["a"], r["b"]) if side)
    for r in rows:
        for key in ("a", "b"):
            side = r[key]
            if side:
                place = where.get(side["id"], {})
                side.update(article_id=place.get("article_id"), idx=place.get("idx"), title=place.get("title"),
                            passage=passage(place.get("article_id"), place.get("idx")),
                            source_url=source_url(side["source"]))
    return {"conflicts": rows, "page": paging(here, ledger.stats()["conflicts"], limit, offset)}


@dataclass(frozen=True)
class ClaimFilters:
    """The search form: full-text words, source, date range, stance, certainty status and band."""

    q: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    stance: str | None = None
    certainty: str | None = None
    band: str | None = None

    @classmethod
    def parse(cls, raw: Mapping[str, str | None]) -> ClaimFilters:
        """Filters from query parameters (an empty field means no filter). Raises ``WebError`` 422."""
        v = {k: (raw.get(k) or "").strip() or None for k in ("q", "source", "since", "until", "stance",
                                                              "certainty", "band")}
        for name in ("since", "until"):
            try:
                check_date(v[name], name=name)
            except InputError as exc:
                raise WebError(422, f"{exc}; pick a date or leave it empty", field=name) from exc
        for name, allowed in (("stance", STANCES), ("certainty", STATUSES), ("band", tuple(BANDS))):
            if v[name] is not None and v[name] not in allowed:
                raise WebError(422, f"{name}: expected one of {', '.join(allowed)}, got {v[name]!r}; pick one "
                               "or leave it empty", field=name)
        if v["q"] is not None and not any(ch.isalnum() for ch in v["q"]):
            raise WebError(422, f"q: expected search words (letters or digits), got {v['q']!r}; type a word "
                           "or leave it empty", field="q")
        return cls(**v)

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


def search(ledger: Ledger, here: URL, filters: ClaimFilters, limit: int, offset: int) -> dict[str, Any]:
    """Claims matching ``filters``, newest first, one page of them."""
    low, below = (BANDS[filters.band][1], BANDS[filters.band][2] - 0.5) if filters.band else (None, None)
    try:
        rows, total = ledger.search_claims(search=filters.q, source=filters.source, since=filters.since,
                                           until=filters.until, stance=filters.stance,
                                           certainty=filters.certainty, prob_min=low, prob_max=below,
                                           limit=limit, offset=offset)
    except InputError as exc:
        raise WebError(422, f"{exc}; pick a name from the Sources page or leave it empty", field="source") from exc
    return {"filters": filters.to_dict(), "claims": [_claim_row(r) for r in rows],
            "page": paging(here, total, limit, offset)}


def claim(ledger: Ledger, claim_id: int) -> dict[str, Any]:
    """Where one claim is. Raises ``WebError`` 404 for an unknown id."""
    found = ledger.locate([claim_id]).get(claim_id)
    if found is None:
        raise WebError(404, f"claim {claim_id}: expected the id of a stored claim; the Search page and "
                       "/api/search list them", field="claim_id")
    return _claim_row(found)


def _article_row(r: dict[str, Any]) -> dict[str, Any]:
    return {**r, "url_page": f"/articles/{r['id']}", "url_json": f"/api/articles/{r['id']}"}


def _claim_row(r: dict[str, Any]) -> dict[str, Any]:
    return {**r, "passage": passage(r["article_id"], r["idx"]), "source_url": source_url(r.get("source"))}
