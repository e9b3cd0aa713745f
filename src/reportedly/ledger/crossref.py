"""The cross-article view, rebuilt from the stored claims in one transaction.

Canonical sources (``canon``), proposition groups and conflicts between
articles (``propositions``) are derived data: ``rebuild`` throws the old
ones away and computes them again, so corrections (``source_overrides``) and
new articles always take effect together and a rerun can never half-apply.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, delete, insert, select, update

from . import canon, propositions
from .tables import articles, claims, conflicts, numbers, overrides, sources


@dataclass(frozen=True)
class Refreshed:
    """What a rebuild produced."""

    sources: int
    new_sources: int
    conflicts: int
    propositions: int


def rebuild(conn: Connection) -> Refreshed:
    """Canonical sources, propositions and cross-article conflicts, from the stored claims."""
    rows = conn.execute(
        select(claims.c.id, claims.c.source_name, claims.c.source_type, claims.c.content_text,
               claims.c.polarity, claims.c.asserts_negation, claims.c.said_from, claims.c.article_id,
               articles.c.doc_id, articles.c.published)
        .join(articles, articles.c.id == claims.c.article_id)
    ).all()
    fixed = {r.mention_key: r.canonical_key for r in conn.execute(select(overrides))}
    mentions = {r.id: canon.Mention(r.doc_id, r.source_name, r.source_type) for r in rows if r.source_name}
    canons = canon.canonicalise(list(set(mentions.values())), fixed)
    before = {r.key for r in conn.execute(select(sources.c.key))}
    conn.execute(update(claims).values(source_id=None, proposition=None))
    conn.execute(delete(conflicts).where(conflicts.c.scope == "ledger"))
    conn.execute(delete(sources))
    key_id: dict[str, int] = {}
    for c in {c.key: c for c in canons.values()}.values():
        key_id[c.key] = conn.execute(insert(sources).values(key=c.key, name=c.name, kind=c.kind,
                                                            affiliation=c.affiliation, rule=c.rule)
                                     .returning(sources.c.id)).scalar_one()
    source_of = {cid: key_id[canons[m].key] for cid, m in mentions.items()}
    by_source: dict[int, list[int]] = {}
    for cid, sid in source_of.items():
        by_source.setdefault(sid, []).append(cid)
    for sid, ids in by_source.items():
        for chunk in range(0, len(ids), 500):
            conn.execute(update(claims).where(claims.c.id.in_(ids[chunk:chunk + 500])).values(source_id=sid))
    affiliation = {key_id[c.key]: c.affiliation for c in canons.values()}

    # Propositions and conflicts between articles.
    frames = [propositions.frame(r.content_text, negated=r.polarity == "negative",
                                 asserts_negation=bool(r.asserts_negation), is_country=_is_country) for r in rows]
    rare = propositions.anchors(frames)
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    found: dict[tuple[int, int], tuple[str, str]] = {}
    existing = {(r.claim_a, r.claim_b) for r in conn.execute(select(conflicts.c.claim_a, conflicts.c.claim_b))}
    for i, j in propositions.pairs(frames):
        a, b = rows[i], rows[j]
        if a.article_id == b.article_id or not propositions.same_proposition(frames[i], frames[j], rare):
            continue
        if propositions.same_proposition(frames[i], frames[j], rare, strict=True):
            parent[root(i)] = root(j)
        sa, sb = source_of.get(a.id), source_of.get(b.id)
        if sa is None or sb is None or sa == sb or not propositions.opposite(frames[i], frames[j]):
            continue
        if affiliation.get(sa) and affiliation.get(sa) == affiliation.get(sb):
            continue  # one side's ministry and its spokesman: a repetition, not a dispute
        parent[root(i)] = root(j)  # two claims that contradict each other are about one proposition
        found[_pair(a.id, b.id)] = (propositions.reason(frames[i], frames[j]),
                                    "the same proposition, asserted by one source and denied or reversed by the other")
    # A dispute marked inside one article extends to the same claim reported elsewhere.
    index = {r.id: n for n, r in enumerate(rows)}
    for ca, cb in existing:
        for nested, other in ((cb, ca), (ca, cb)):
            n = index.get(nested)
            if n is None or source_of.get(nested) is None or source_of.get(other) == source_of[nested]:
                continue
            for m in sorted(index[cid] for cid in by_source[source_of[nested]]):  # that source's claims only
                r = rows[m]
                if r.article_id != rows[n].article_id \
                        and propositions.same_proposition(frames[n], frames[m], rare, strict=True):
                    found.setdefault(_pair(other, r.id), ("dispute marker",
                                     "disputed in one article; the same claim appears in another"))
    # Figures for the same count.
    figs = []
    published = {r.id: r.said_from or r.published for r in rows}
    for fig in conn.execute(select(numbers.c.claim_id, numbers.c.low, numbers.c.high, numbers.c.relation,
                                 numbers.c.counted, numbers.c.event)):
        source_id = source_of.get(fig.claim_id)
        key = propositions.count_key(fig.event, fig.counted, affiliation.get(source_id) if source_id else None, canon.DEMONYMS)
        if source_id is None or key is None:
            continue
        when = published.get(fig.claim_id)
        figs.append(propositions.Figure(fig.claim_id, str(source_id), fig.low or 0.0, fig.high if fig.high is not None else fig.low or 0.0,
                                        fig.relation, key, date.fromisoformat(when[:10]) if when else None))
    article_of = {r.id: r.article_id for r in rows}
    for fx, fy in propositions.figure_pairs(figs):
        if article_of[fx.claim] == article_of[fy.claim] or affiliation.get(int(fx.source)) and \
                affiliation.get(int(fx.source)) == affiliation.get(int(fy.source)):
            continue
        why = propositions.numbers_conflict(fx, fy)
        if why:
            found.setdefault(_pair(fx.claim, fy.claim), ("incompatible numbers", why))
    new = 0
    for (ca, cb), (reason, detail) in sorted(found.items()):
        if (ca, cb) in existing or (cb, ca) in existing:
            continue
        conn.execute(insert(conflicts).values(claim_a=ca, claim_b=cb, scope="ledger", reason=reason, detail=detail))
        new += 1
    groups: dict[int, list[int]] = {}
    for n, r in enumerate(rows):
        groups.setdefault(root(n), []).append(r.id)
    named = 0
    for members in groups.values():
        if len(members) > 1:
            named += 1
            for chunk in range(0, len(members), 500):
                conn.execute(update(claims).where(claims.c.id.in_(members[chunk:chunk + 500]))
                             .values(proposition=f"p{min(members)}"))
    return Refreshed(len(key_id), len(set(key_id) - before), new, named)


def _is_country(word: str) -> bool:
    return canon.country_of(word) is not None


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
