"""The ledger's tables, as SQLAlchemy Core metadata (one definition for SQLite and PostgreSQL).

The DDL itself lives in the named migrations under ``migrations/versions``;
these objects are what queries are written against. Full-text search is
dialect-specific and created by the migrations only: an FTS5 table
``claims_fts`` on SQLite, a generated ``tsv`` column with a GIN index on
PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String, nullable=False, index=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("origin", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("affiliation", Text),
    Column("rule", Text, nullable=False),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("parent_idx", Integer),
    Column("continues_idx", Integer),
    Column("source_text", Text),
    Column("source_name", Text),
    Column("source_type", String(16), nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    Column("cue_text", Text),
    Column("cue_class", String(16), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("content_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("said_text", Text),
    Column("said_from", String(10)),
    Column("said_until", String(10)),
    Column("polarity", String(8)),
    Column("asserts_negation", Boolean, nullable=False, default=False),
    Column("certainty", String(16)),
    Column("certainty_term", Text),
    Column("prob_low", Integer),
    Column("prob_high", Integer),
    Column("scale", Text),
    Column("proposition", Text, index=True),
    Column("record", Text, nullable=False),
    UniqueConstraint("article_id", "idx"),
)

numbers = Table(
    "numbers", metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("low", Float),
    Column("high", Float),
    Column("relation", String(24), nullable=False),
    Column("counted", Text),
    Column("event", String(32), index=True),
    Column("time_from", String(10)),
    Column("time_until", String(10)),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_a", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("claim_b", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("scope", String(8), nullable=False),  # 'article' (found inside one document) or 'ledger'
    Column("reason", String(24), nullable=False),
    Column("detail", Text, nullable=False),
    UniqueConstraint("claim_a", "claim_b"),
)

overrides = Table(
    "source_overrides", metadata,
    Column("mention_key", String, primary_key=True),
    Column("canonical_key", String, nullable=False),
    Column("created_at", String(32), nullable=False),
)

meta = Table(
    "ledger_meta", metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)
