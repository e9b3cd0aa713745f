"""The ledger's one data layer: a SQLite file by default, PostgreSQL for teams.

:class:`Ledger` is the narrow interface every part of reportedly stores and
reads through: ``add`` one analysed article (one transaction, keyed by the
hash of its text, so a rerun never duplicates anything and a killed run
loses nothing it committed), ``refresh`` the cross-article view (canonical
sources, propositions, conflicts; rebuilt as a whole, in one transaction),
and the queries behind ``reportedly sources|source|claims|conflicts|numbers``.
Migrations are Alembic revisions, named and versioned, applied on open.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import (Connection, Engine, Integer, column, create_engine, delete, event, func, insert, or_, select,
                        text, update)
from sqlalchemy.exc import DBAPIError

from ..documents import Document
from ..errors import InputError, LedgerError
from ..types import Attribution, Report
from . import canon, propositions
from .crossref import Refreshed, rebuild
from .tables import articles, claims, conflicts, meta, numbers, overrides, sources

DEFAULT_URL = "sqlite:///reportedly.db"
HEAD = "0001_initial"


def database_url(url: str | None) -> str:
    """The SQLAlchemy URL for what a user typed: a URL, a file path, or nothing (``reportedly.db``)."""
    if not url:
        return DEFAULT_URL
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def _display(url: str) -> str:
    """The URL without a password, for messages."""
    head, sep, rest = url.partition("://")
    if "@" in rest and ":" in rest.split("@", 1)[0]:
        user = rest.split("@", 1)[0].split(":", 1)[0]
        rest = f"{user}:***@{rest.split('@', 1)[1]}"
    return f"{head}{sep}{rest}"


@dataclass(frozen=True)
class Added:
    """What ``Ledger.add`` did with one article."""

    article_id: int
    new: bool
    claims: int


class Ledger:
    """A claim ledger at ``url`` (``sqlite:///path``, ``postgresql://...``, or a file path).

    Opening it creates the database file if needed and applies any pending
    migration. Raises ``LedgerError`` when the database cannot be reached.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.shown = _display(url or DEFAULT_URL)
        try:
            self.engine: Engine = create_engine(self.url, future=True, pool_pre_ping=True)
        except Exception as exc:  # a malformed URL, an unknown driver
            raise LedgerError(self.shown, f"a database URL such as sqlite:///ledger.db or "
                              f"postgresql://user@host/db ({exc})") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            path = self.engine.url.database
            if path and path != ":memory:" and not Path(path).parent.exists():
                raise LedgerError(self.shown, f"a database file in an existing folder; create "
                                  f"{Path(path).parent} first")
        try:
            with self.engine.begin() as conn:
                _migrate(conn)
        except DBAPIError as exc:
            raise LedgerError(self.shown, "a database it can reach and write; check the URL, that the "
                              f"server is running and that you may write there ({_first_line(exc)})") from exc

    # --- life cycle ----------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """One transaction: everything in it is stored, or nothing is."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            raise LedgerError(self.shown, f"a database that accepts the write ({_first_line(exc)})") from exc

    @property
    def schema_version(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one())

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # --- writing -------------------------------------------------------------------------

    def has(self, content_hash: str) -> bool:
        """Whether an article with this text is stored."""
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.hash == content_hash)).first() is not None

    def add(self, doc: Document, report: Report) -> Added:
        """Store one analysed article, its claims, figures and in-article conflicts, atomically.

        Idempotent: an article whose text (or URL) is already stored is left alone.
        Raises ``InputError`` when ``doc.id`` is stored with a different text.
        """
        digest = doc.content_hash
        with self.atomic() as conn:
            found = conn.execute(select(articles.c.id).where(articles.c.hash == digest)).first()
            if found is None and doc.url:
                # The same page saved twice (an HTML copy of a JSONL article, a re-fetched feed item).
                found = conn.execute(select(articles.c.id).where(articles.c.url == doc.url)).first()
            if found is not None:
                return Added(found[0], False, 0)
            clash = conn.execute(select(articles.c.origin).where(articles.c.doc_id == doc.id)).first()
            if clash is not None:
                raise InputError(doc.origin, f"a new article id, but {doc.id!r} is already stored with a "
                                 f"different text (from {clash[0]}); give this version its own id")
            article_id = conn.execute(insert(articles).values(
                doc_id=doc.id, hash=digest, title=doc.title, published=report.published or doc.published,
                url=doc.url, outlet=doc.outlet, origin=doc.origin, text=doc.text, ingested_at=_now(),
            ).returning(articles.c.id)).scalar_one()
            ids: dict[int, int] = {}
            for a in report.attributions:
                ids[a.id] = conn.execute(insert(claims).values(**_claim_row(article_id, a)).returning(claims.c.id)).scalar_one()
                rows = [_number_row(ids[a.id], q) for q in a.numbers]
                if rows:
                    conn.execute(insert(numbers), rows)
            for c in report.conflicts:
                if c.a.id in ids and c.b.id in ids:
                    conn.execute(insert(conflicts).values(claim_a=ids[c.a.id], claim_b=ids[c.b.id], scope="article",
                                                          reason=c.reason, detail=c.detail))
            _set_meta(conn, "stale", "1")
        return Added(article_id, True, len(report.attributions))

    def refresh(self) -> Refreshed:
        """Rebuild the cross-article view: canonical sources, propositions and conflicts between articles."""
        with self.atomic() as conn:
            result = rebuild(conn)
            _set_meta(conn, "stale", "0")
        return result

    def refresh_if_stale(self) -> None:
        with self.engine.connect() as conn:
            stale = conn.execute(select(meta.c.value).where(meta.c.key == "stale")).scalar()
        if stale == "1":
            self.refresh()

    def merge_sources(self, name: str, into: str) -> tuple[str, str]:
        """Record that source ``name`` is ``into`` (a user correction that survives re-ingest)."""
        self.refresh_if_stale()
        with self.atomic() as conn:
            src, dst = _find_source(conn, name), _find_source(conn, into)
            for key in _mention_keys(conn, src["id"]):
                _upsert_override(conn, key, dst["key"])
            _set_meta(conn, "stale", "1")
        self.refresh()
        return src["name"], dst["name"]

    def split_source(self, name: str, mention: str) -> str:
        """Record that the mention ``mention`` of source ``name`` is a source of its own."""
        self.refresh_if_stale()
        with self.atomic() as conn:
            src = _find_source(conn, name)
            wanted = canon.normalise(mention, "unknown")[0].split("|", 1)[-1]
            keys = [k for k in _mention_keys(conn, src["id"])
                    if k.split("|", 1)[-1] == wanted or k.endswith(mention.lower())]
            key = next(iter(keys), None)
            if key is None:
                raise InputError(mention, f"a mention of {src['name']!r} as written in the ledger; "
                                 f"see `reportedly source {src['name']!r}` for its mentions")
            _upsert_override(conn, key, f"split:{key}")
            _set_meta(conn, "stale", "1")
        self.refresh()
        return key

    # --- reading -------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for name, t in (("articles", articles), ("claims", claims), ("sources", sources),
                                    ("conflicts", conflicts), ("numbers", numbers))}

    def sources(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Every canonical source: kind, affiliation, claims, first and last seen, contested share."""
        self.refresh_if_stale()
        contested = _contested_ids()
        with self.engine.connect() as conn:
            q = (select(sources.c.id, sources.c.name, sources.c.kind, sources.c.affiliation, sources.c.rule,
                        func.count(claims.c.id).label("claims"),
                        func.min(articles.c.published).label("first_seen"),
                        func.max(articles.c.published).label("last_seen"),
                        func.count(claims.c.id).filter(claims.c.id.in_(contested)).label("contested"))
                 .join(claims, claims.c.source_id == sources.c.id)
                 .join(articles, articles.c.id == claims.c.article_id)
                 .group_by(sources.c.id)
                 .order_by(func.count(claims.c.id).desc(), sources.c.name)
                 .offset(offset))
            if limit:
                q = q.limit(limit)
            rows = [dict(r._mapping) for r in conn.execute(q)]
        for r in rows:
            r["contested_share"] = round(r["contested"] / r["claims"], 3) if r["claims"] else 0.0
        return rows

    def source(self, name: str) -> dict[str, Any]:
        """One source: its record, how it was written, and its claims over time."""
        self.refresh_if_stale()
        with self.engine.connect() as conn:
            src = _find_source(conn, name)
            mentions = sorted({r[0] for r in conn.execute(
                select(claims.c.source_name).where(claims.c.source_id == src["id"])) if r[0]})
        rows = self.claims(source_id=src["id"])
        return {**src, "mentions": mentions, "claims": rows,
                "first_seen": min((r["published"] for r in rows if r["published"]), default=None),
                "last_seen": max((r["published"] for r in rows if r["published"]), default=None),
                "contested": sum(1 for r in rows if r["contested"])}

    def claims(self, *, source: str | None = None, source_id: int | None = None, about: str | None = None,
               since: str | None = None, until: str | None = None, search: str | None = None,
               limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Claims, newest first, filtered by source, words in the content, dates and full-text search."""
        self.refresh_if_stale()
        with self.engine.connect() as conn:
            q = (select(claims.c.id, articles.c.doc_id.label("article"), articles.c.published, articles.c.outlet,
                        articles.c.url, sources.c.name.label("source"), claims.c.source_text, claims.c.cue_text,
                        claims.c.cue_class, claims.c.content_text, claims.c.content_start, claims.c.content_end,
                        claims.c.said_from, claims.c.said_until, claims.c.certainty, claims.c.certainty_term,
                        claims.c.prob_low, claims.c.prob_high, claims.c.scale, claims.c.polarity,
                        claims.c.proposition)
                 .join(articles, articles.c.id == claims.c.article_id)
                 .outerjoin(sources, sources.c.id == claims.c.source_id))
            if source_id is not None:
                q = q.where(claims.c.source_id == source_id)
            elif source:
                q = q.where(claims.c.source_id == _find_source(conn, source)["id"])
            if about:
                for word in about.split():
                    q = q.where(claims.c.content_text.ilike(f"%{_like(word)}%", escape="\\"))
            if since:
                q = q.where(func.coalesce(claims.c.said_from, articles.c.published) >= since)
            if until:
                q = q.where(func.coalesce(claims.c.said_from, articles.c.published) <= until)
            if search:
                q = q.where(claims.c.id.in_(_search_ids(conn, search)))
            q = q.order_by(articles.c.published.desc(), claims.c.article_id, claims.c.content_start).offset(offset)
            if limit:
                q = q.limit(limit)
            rows = [dict(r._mapping) for r in conn.execute(q)]
            hot = {r[0] for r in conn.execute(select(conflicts.c.claim_a))} | \
                  {r[0] for r in conn.execute(select(conflicts.c.claim_b))}
        for r in rows:
            r["contested"] = r["id"] in hot
        return rows

    def conflicts(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Every conflict: both claims with their sources, dates and articles, and the reason."""
        self.refresh_if_stale()
        side = {}
        with self.engine.connect() as conn:
            q = select(conflicts).order_by(conflicts.c.scope.desc(), conflicts.c.id).offset(offset)
            if limit:
                q = q.limit(limit)
            rows = [dict(r._mapping) for r in conn.execute(q)]
            wanted = {r["claim_a"] for r in rows} | {r["claim_b"] for r in rows}
            if wanted:
                for r in conn.execute(
                    select(claims.c.id, claims.c.content_text, claims.c.content_start, claims.c.content_end,
                           claims.c.source_text, sources.c.name.label("source"), articles.c.doc_id.label("article"),
                           articles.c.published, articles.c.outlet, articles.c.url, claims.c.said_from)
                    .join(articles, articles.c.id == claims.c.article_id)
                    .outerjoin(sources, sources.c.id == claims.c.source_id)
                    .where(claims.c.id.in_(wanted))
                ):
                    side[r.id] = dict(r._mapping)
        return [{"id": r["id"], "scope": r["scope"], "reason": r["reason"], "detail": r["detail"],
                 "a": side.get(r["claim_a"]), "b": side.get(r["claim_b"])} for r in rows]

    def numbers(self, *, event: str | None = None) -> list[dict[str, Any]]:
        """Claimed figures per source over time, for one counted event (e.g. ``killed``) or all."""
        self.refresh_if_stale()
        with self.engine.connect() as conn:
            q = (select(numbers.c.id, numbers.c.event, numbers.c.counted, numbers.c.text, numbers.c.low,
                        numbers.c.high, numbers.c.relation, numbers.c.time_from, numbers.c.time_until,
                        claims.c.id.label("claim"), claims.c.content_start, claims.c.content_end,
                        sources.c.name.label("source"), articles.c.doc_id.label("article"),
                        func.coalesce(claims.c.said_from, articles.c.published).label("date"))
                 .join(claims, claims.c.id == numbers.c.claim_id)
                 .join(articles, articles.c.id == claims.c.article_id)
                 .outerjoin(sources, sources.c.id == claims.c.source_id))
            if event:
                q = q.where(numbers.c.event.in_(sorted(propositions.events_like(event))))
            rows = [dict(r._mapping) for r in conn.execute(q)]
        for r in rows:  # "died" counts as "killed": one series per counted event
            r["written_event"], r["event"] = r["event"], propositions.canonical_event(r["event"])
        return sorted(rows, key=lambda r: (r["event"] or "", r["source"] or "", r["date"] or "", r["id"]))

    # --- queries for the web app (``reportedly serve``) ------------------------------------

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles, newest first (undated last): their fields without the text, and their claim count."""
        with self.engine.connect() as conn:
            q = (select(articles.c.id, articles.c.doc_id, articles.c.title, articles.c.published,
                        articles.c.outlet, articles.c.url, articles.c.origin)
                 .order_by(articles.c.published.is_(None), articles.c.published.desc(), articles.c.id.desc())
                 .offset(offset))
            if limit:
                q = q.limit(limit)
            rows = [dict(r._mapping) for r in conn.execute(q)]
            counts: dict[int, int] = dict(conn.execute(
                select(claims.c.article_id, func.count()).where(claims.c.article_id.in_([r["id"] for r in rows]))
                .group_by(claims.c.article_id)).all()) if rows else {}
        for r in rows:
            r["claims"] = counts.get(r["id"], 0)
        return rows

    def article(self, article_id: int) -> dict[str, Any]:
        """One stored article with its text, its claims (each with its full ``record``, as ``Report.to_dict``
        gives it) and every conflict that involves one of them, with both sides located.

        Raises ``InputError`` when no article has this id.
        """
        self.refresh_if_stale()
        with self.engine.connect() as conn:
            found = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if found is None:
                raise InputError(f"article {article_id}", "the id of a stored article; the article list shows them")
            rows = conn.execute(
                select(claims.c.id, claims.c.idx, claims.c.record, sources.c.name.label("source"))
                .outerjoin(sources, sources.c.id == claims.c.source_id)
                .where(claims.c.article_id == article_id).order_by(claims.c.idx)).all()
            ids = [r.id for r in rows]
            pairs = [dict(r._mapping) for r in conn.execute(
                select(conflicts).where(or_(conflicts.c.claim_a.in_(ids), conflicts.c.claim_b.in_(ids)))
                .order_by(conflicts.c.id))] if ids else []
        located = self.locate({p["claim_a"] for p in pairs} | {p["claim_b"] for p in pairs})
        return {**dict(found._mapping),
                "claims": [{"id": r.id, "idx": r.idx, "source": r.source, "record": json.loads(r.record)}
                           for r in rows],
                "conflicts": [{"id": p["id"], "scope": p["scope"], "reason": p["reason"], "detail": p["detail"],
                               "a": located.get(p["claim_a"]), "b": located.get(p["claim_b"])} for p in pairs]}

    def locate(self, claim_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Where each claim is: its article (``article_id``, ``article`` = doc id, title, date), its index in
        that article (``idx``), its canonical source and its content with offsets. Unknown ids are left out."""
        wanted = sorted(set(claim_ids))
        out: dict[int, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for chunk in range(0, len(wanted), 500):
                for r in conn.execute(
                    select(claims.c.id, claims.c.idx, claims.c.article_id, articles.c.doc_id.label("article"),
                           articles.c.title, articles.c.published, articles.c.outlet, claims.c.said_from,
                           sources.c.name.label("source"), claims.c.source_text, claims.c.cue_text,
                           claims.c.content_text, claims.c.content_start, claims.c.content_end)
                    .join(articles, articles.c.id == claims.c.article_id)
                    .outerjoin(sources, sources.c.id == claims.c.source_id)
                    .where(claims.c.id.in_(wanted[chunk:chunk + 500]))
                ):
                    out[r.id] = dict(r._mapping)
        return out

    def search_claims(self, *, search: str | None = None, source: str | None = None, since: str | None = None,
                      until: str | None = None, stance: str | None = None, certainty: str | None = None,
                      prob_min: float | None = None, prob_max: float | None = None, source_id: int | None = None,
                      limit: int | None = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """One page of claims, newest first, and how many match in all.

        Filters as ``claims`` (source, dates on the said date or else the article's, full-text ``search``),
        plus ``stance`` (the cue class), ``certainty`` (the status: asserted, hedged, undetermined,
        no_comment) and a probability band: the middle of the claim's band lies within
        ``prob_min``..``prob_max`` percent (claims with no band are then left out).
        """
        self.refresh_if_stale()
        with self.engine.connect() as conn:
            where: list[Any] = []
            if source_id is not None:
                where.append(claims.c.source_id == source_id)
            elif source:
                where.append(claims.c.source_id == _find_source(conn, source)["id"])
            day = func.coalesce(claims.c.said_from, articles.c.published)
            if since:
                where.append(day >= since)
            if until:
                where.append(day <= until)
            if stance:
                where.append(claims.c.cue_class == stance)
            if certainty:
                where.append(claims.c.certainty == certainty)
            middle = claims.c.prob_low + claims.c.prob_high  # twice the middle of the band
            if prob_min is not None:
                where.append(middle >= 2 * prob_min)
            if prob_max is not None:
                where.append(middle <= 2 * prob_max)
            if search:
                where.append(self._matching(conn, search))
            total = conn.execute(select(func.count()).select_from(claims)
                                 .join(articles, articles.c.id == claims.c.article_id).where(*where)).scalar_one()
            q = (select(claims.c.id, claims.c.idx, claims.c.article_id, articles.c.doc_id.label("article"),
                        articles.c.title, articles.c.published, articles.c.outlet, sources.c.name.label("source"),
                        claims.c.source_text, claims.c.cue_text, claims.c.cue_class, claims.c.content_text,
                        claims.c.content_start, claims.c.content_end, claims.c.said_from, claims.c.certainty,
                        claims.c.certainty_term, claims.c.prob_low, claims.c.prob_high, claims.c.scale,
                        claims.c.polarity)
                 .join(articles, articles.c.id == claims.c.article_id)
                 .outerjoin(sources, sources.c.id == claims.c.source_id)
                 .where(*where)
                 .order_by(articles.c.published.is_(None), articles.c.published.desc(), claims.c.article_id,
                           claims.c.content_start)
                 .offset(offset))
            if limit:
                q = q.limit(limit)
            rows = [dict(r._mapping) for r in conn.execute(q)]
            ids = [r["id"] for r in rows]
            hot = {r[0] for r in conn.execute(
                select(conflicts.c.claim_a).where(conflicts.c.claim_a.in_(ids))
                .union(select(conflicts.c.claim_b).where(conflicts.c.claim_b.in_(ids))))} if ids else set()
        for r in rows:
            r["contested"] = r["id"] in hot
        return rows, int(total)

    @staticmethod
    def _matching(conn: Connection, query: str) -> Any:
        """A full-text condition on claims, as a subquery (an id list would overflow SQLite's
        bound-variable limit on a large ledger)."""
        terms = [t for t in "".join(ch if ch.isalnum() else " " for ch in query).split() if t]
        if not terms:
            raise InputError(query, "search words (letters or digits)")
        if conn.dialect.name == "sqlite":
            match = " ".join(f'"{t}"' for t in terms)
            return claims.c.id.in_(text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :fts_match")
                                   .bindparams(fts_match=match).columns(column("rowid", Integer)))
        return text("claims.tsv @@ plainto_tsquery('english', :fts_terms)").bindparams(fts_terms=" ".join(terms))

    def source_summary(self, name: str) -> dict[str, Any]:
        """One source without its claims: its record, how it was written, its claim count, contested count
        and first and last seen (as ``source`` gives them). Raises ``InputError`` as ``source`` does."""
        self.refresh_if_stale()
        with self.engine.connect() as conn:
            src = _find_source(conn, name)
            mentions = sorted({r[0] for r in conn.execute(
                select(claims.c.source_name).where(claims.c.source_id == src["id"]).distinct()) if r[0]})
            agg = conn.execute(
                select(func.count(claims.c.id), func.min(articles.c.published), func.max(articles.c.published),
                       func.count(claims.c.id).filter(claims.c.id.in_(_contested_ids())))
                .join(articles, articles.c.id == claims.c.article_id)
                .where(claims.c.source_id == src["id"])).one()
        return {**src, "mentions": mentions, "claims": int(agg[0]), "first_seen": agg[1], "last_seen": agg[2],
                "contested": int(agg[3])}

    def events(self) -> list[dict[str, Any]]:
        """The counted events with figures ("died" counted as "killed"), most figures first."""
        with self.engine.connect() as conn:
            written = conn.execute(select(numbers.c.event, func.count()).where(numbers.c.event.is_not(None))
                                   .group_by(numbers.c.event)).all()
        counts: dict[str, int] = {}
        for name, n in written:
            key = propositions.canonical_event(name) or name
            counts[key] = counts.get(key, 0) + n
        return [{"event": e, "figures": n} for e, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def figures(self, *, event: str | None = None) -> list[dict[str, Any]]:
        """``numbers(event=)`` with each figure located (``article_id``, ``idx``), its source's affiliation
        and ``whose``/``what``: the people counted ("Korvian troops" -> Korvia, soldier; "its servicemen"
        -> the source's own side), as the ledger compares figures."""
        rows = self.numbers(event=event)
        where = self.locate(r["claim"] for r in rows)
        with self.engine.connect() as conn:
            side = dict(conn.execute(
                select(sources.c.name, sources.c.affiliation)
                .where(sources.c.name.in_({r["source"] for r in rows if r["source"]}))).all()) if rows else {}
        for r in rows:
            place = where.get(r["claim"], {})
            r["article_id"], r["idx"] = place.get("article_id"), place.get("idx")
            r["affiliation"] = side.get(r["source"])
            key = propositions.count_key(r["event"], r["counted"], r["affiliation"], canon.DEMONYMS)
            r["what"], r["whose"] = (key[1], key[2]) if key else (None, None)
        return rows


# --- helpers -------------------------------------------------------------------------------

def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _migrate(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("reportedly.ledger") / "migrations"))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _set_meta(conn: Connection, key: str, value: str) -> None:
    if conn.execute(select(meta.c.key).where(meta.c.key == key)).first() is None:
        conn.execute(insert(meta).values(key=key, value=value))
    else:
        conn.execute(update(meta).where(meta.c.key == key).values(value=value))


def _upsert_override(conn: Connection, key: str, target: str) -> None:
    conn.execute(delete(overrides).where(overrides.c.mention_key == key))
    conn.execute(insert(overrides).values(mention_key=key, canonical_key=target, created_at=_now()))


def _claim_row(article_id: int, a: Attribution) -> dict[str, Any]:
    source_name = a.resolved.text if a.resolved is not None else (a.source.text if a.source else None)
    c = a.certainty
    said = a.said_at if a.said_at is not None and a.said_at.resolved else None
    return {
        "article_id": article_id, "idx": a.id, "parent_idx": a.parent, "continues_idx": a.continues,
        "source_text": a.source.text if a.source else None, "source_name": source_name,
        "source_type": (a.resolved.type if a.resolved is not None else a.source_type),
        "cue_text": a.cue.text if a.cue else None, "cue_class": a.cue_class, "kind": a.kind,
        "content_text": a.content.text, "content_start": a.content.start, "content_end": a.content.end,
        "said_text": a.said_at.text if a.said_at else None,
        "said_from": _day(said.begin) if said else None, "said_until": _day(said.until, end=True) if said else None,
        "polarity": a.polarity,
        "asserts_negation": bool(a.stance and a.stance.source_asserts == "negation"),
        "certainty": c.status if c else None, "certainty_term": c.term if c else None,
        "prob_low": c.low if c else None, "prob_high": c.high if c else None, "scale": c.scale if c else None,
        "record": json.dumps(a.to_dict(), ensure_ascii=False, separators=(",", ":")),
    }


def _day(iso: str | None, *, end: bool = False) -> str | None:
    """A day for an ISO bound of any granularity: a month or year becomes its first (or last) day."""
    if not iso:
        return None
    if len(iso) == 10:
        return iso
    if len(iso) == 7:
        y, m = int(iso[:4]), int(iso[5:7])
        if not end:
            return f"{iso}-01"
        import calendar
        return f"{iso}-{calendar.monthrange(y, m)[1]:02d}"
    return f"{iso}-12-31" if end else f"{iso}-01-01"


def _number_row(claim_id: int, q: Any) -> dict[str, Any]:
    t = q.time
    return {"claim_id": claim_id, "text": q.text, "low": q.low, "high": q.high, "relation": q.relation,
            "counted": q.counted, "event": q.event,
            "time_from": _day(t.begin) if t is not None and t.resolved else None,
            "time_until": _day(t.until, end=True) if t is not None and t.resolved else None}


def _find_source(conn: Connection, name: str) -> dict[str, Any]:
    """A source by exact name, key, or a unique case-insensitive match on its name or mentions."""
    for cond in (sources.c.name == name, sources.c.key == name, func.lower(sources.c.name) == name.lower()):
        rows = conn.execute(select(sources).where(cond)).all()
        if len(rows) == 1:
            return dict(rows[0]._mapping)
    rows = conn.execute(select(sources).where(sources.c.name.ilike(f"%{_like(name)}%", escape="\\"))).all()
    if not rows:
        rows = conn.execute(select(sources).where(sources.c.id.in_(
            select(claims.c.source_id).where(func.lower(claims.c.source_name) == name.lower())))).all()
    if len(rows) == 1:
        return dict(rows[0]._mapping)
    if not rows:
        raise InputError(name, "the name of a source in the ledger; `reportedly sources` lists them")
    names = ", ".join(sorted(repr(r.name) for r in rows)[:6])
    raise InputError(name, f"one source, found {len(rows)} ({names}); give the full name")


def _mention_keys(conn: Connection, source_id: int) -> list[str]:
    rows = conn.execute(select(claims.c.source_name, claims.c.source_type, articles.c.doc_id)
                        .join(articles, articles.c.id == claims.c.article_id)
                        .where(claims.c.source_id == source_id)).all()
    return sorted({canon.mention_key(canon.Mention(r.doc_id, r.source_name, r.source_type)) for r in rows if r.source_name})


def _contested_ids() -> Any:
    return select(conflicts.c.claim_a).union(select(conflicts.c.claim_b))


def _search_ids(conn: Connection, query: str) -> list[int]:
    terms = [t for t in "".join(ch if ch.isalnum() else " " for ch in query).split() if t]
    if not terms:
        raise InputError(query, "search words (letters or digits)")
    if conn.dialect.name == "sqlite":
        match = " ".join(f'"{t}"' for t in terms)
        return [r[0] for r in conn.execute(text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :q"), {"q": match})]
    return [r[0] for r in conn.execute(text("SELECT id FROM claims WHERE tsv @@ plainto_tsquery('english', :q)"),
                                       {"q": " ".join(terms)})]



