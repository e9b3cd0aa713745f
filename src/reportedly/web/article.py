"""The article page's data (and its JSON twin): the text, every claim with its full record,
where its source resolves in the ledger, and the conflicts it takes part in, each located.

A stored article comes from ``Ledger.article``; a fresh analysis (the Analyse page) from a
``Report`` that is not stored yet. Both give the same shape, so one template shows both.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from ..documents import Document
from ..ledger import Ledger
from ..types import Report
from . import format as fmt


def source_url(name: str | None) -> str | None:
    return f"/sources/{quote(name, safe='')}" if name else None


def passage(article_id: int | None, idx: int | None) -> str | None:
    """The link to a claim's passage: the article page, scrolled to and pinned on the claim."""
    if idx is None:
        return None
    return f"/articles/{article_id}#claim-{idx}" if article_id is not None else f"#claim-{idx}"


def stored(ledger: Ledger, article_id: int) -> dict[str, Any]:
    """The page data of a stored article. Raises ``InputError`` when there is none with this id."""
    row = ledger.article(article_id)
    against: dict[int, list[dict[str, Any]]] = {}
    for c in row["conflicts"]:
        for mine, other in ((c["a"], c["b"]), (c["b"], c["a"])):
            if mine and other and mine["article_id"] == article_id:
                against.setdefault(mine["idx"], []).append(_other(c, other))
    meta = {k: row[k] for k in ("id", "doc_id", "title", "published", "outlet", "url", "origin")}
    claims = [_claim(c["record"], claim_id=c["id"], canonical=c["source"], article_id=article_id,
                     conflicts=against.get(c["idx"], [])) for c in row["claims"]]
    return _view(meta, row["text"], claims, saved=True)


def unsaved(doc: Document, report: Report) -> dict[str, Any]:
    """The page data of an analysis that is not stored: in-article conflicts only, no ledger ids."""
    data = report.to_dict()
    by_id = {rec["id"]: rec for rec in data["attributions"]}
    against: dict[int, list[dict[str, Any]]] = {}
    for c in data["conflicts"]:
        for mine, other in ((c["a"], c["b"]), (c["b"], c["a"])):
            rec = by_id.get(other["id"], {})
            against.setdefault(mine["id"], []).append({
                "conflict": None, "reason": c["reason"], "detail": c["detail"], "scope": "article",
                "idx": other["id"], "article_id": None, "article": doc.id, "title": doc.title,
                "published": report.published, "source": other["source"], "content_text": other["content"],
                "said_from": (rec.get("said_at") or {}).get("from"), "passage": passage(None, other["id"])})
    meta = {"id": None, "doc_id": doc.id, "title": doc.title, "published": report.published,
            "outlet": doc.outlet, "url": doc.url, "origin": doc.origin}
    claims = [_claim(rec, claim_id=None, canonical=None, article_id=None, conflicts=against.get(rec["id"], []))
              for rec in data["attributions"]]
    return _view(meta, doc.text, claims, saved=False)


def _view(meta: dict[str, Any], text: str, claims: Sequence[dict[str, Any]], *, saved: bool) -> dict[str, Any]:
    sources: dict[str, dict[str, Any]] = {}
    for c in claims:
        name = c["source"] or "(no source)"
        entry = sources.setdefault(name, {"name": name, "url": c["source_url"], "claims": []})
        entry["claims"].append(c["idx"])
    aid = meta["id"]
    return {"article": {**meta, "length": len(text), "saved": saved},
            "text": text,
            "claims": list(claims),
            "sources": list(sources.values()),
            "conflicts": sum(len(c["conflicts"]) for c in claims),
            "links": {"page": f"/articles/{aid}" if aid is not None else None,
                      "json": f"/api/articles/{aid}" if aid is not None else None}}


def _claim(rec: Mapping[str, Any], *, claim_id: int | None, canonical: str | None, article_id: int | None,
           conflicts: list[dict[str, Any]]) -> dict[str, Any]:
    resolved = (rec.get("resolved_source") or {}).get("text")
    written = (rec.get("source") or {}).get("text")
    return {"idx": rec["id"], "id": claim_id, "source": canonical or resolved or written,
            "source_url": source_url(canonical), "passage": passage(article_id, rec["id"]),
            "certainty": fmt.certainty(rec.get("certainty")), "contested": bool(conflicts),
            "conflicts": conflicts, "record": dict(rec)}


def _other(conflict: Mapping[str, Any], side: Mapping[str, Any]) -> dict[str, Any]:
    return {"conflict": conflict["id"], "reason": conflict["reason"], "detail": conflict["detail"],
            "scope": conflict["scope"], "idx": side["idx"], "article_id": side["article_id"],
            "article": side["article"], "title": side["title"], "published": side["published"],
            "source": side["source"] or side["source_text"], "content_text": side["content_text"],
            "said_from": side["said_from"], "passage": passage(side["article_id"], side["idx"])}
