"""0001 initial: articles, sources, claims, numbers, conflicts, overrides, full-text search.

Revision ID: 0001_initial
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String, nullable=False, index=True),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10), index=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("affiliation", sa.Text),
        sa.Column("rule", sa.Text, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("parent_idx", sa.Integer),
        sa.Column("continues_idx", sa.Integer),
        sa.Column("source_text", sa.Text),
        sa.Column("source_name", sa.Text),
        sa.Column("source_type", sa.String(16), nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL"), index=True),
        sa.Column("cue_text", sa.Text),
        sa.Column("cue_class", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("content_text", sa.Text, nullable=False),
        sa.Column("content_start", sa.Integer, nullable=False),
        sa.Column("content_end", sa.Integer, nullable=False),
        sa.Column("said_text", sa.Text),
        sa.Column("said_from", sa.String(10)),
        sa.Column("said_until", sa.String(10)),
        sa.Column("polarity", sa.String(8)),
        sa.Column("asserts_negation", sa.Boolean, nullable=False),
        sa.Column("certainty", sa.String(16)),
        sa.Column("certainty_term", sa.Text),
        sa.Column("prob_low", sa.Integer),
        sa.Column("prob_high", sa.Integer),
        sa.Column("scale", sa.Text),
        sa.Column("proposition", sa.Text, index=True),
        sa.Column("record", sa.Text, nullable=False),
        sa.UniqueConstraint("article_id", "idx"),
    )
    op.create_table(
        "numbers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("relation", sa.String(24), nullable=False),
        sa.Column("counted", sa.Text),
        sa.Column("event", sa.String(32), index=True),
        sa.Column("time_from", sa.String(10)),
        sa.Column("time_until", sa.String(10)),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_a", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_b", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.UniqueConstraint("claim_a", "claim_b"),
    )
    op.create_table(
        "source_overrides",
        sa.Column("mention_key", sa.String, primary_key=True),
        sa.Column("canonical_key", sa.String, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "ledger_meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # External-content FTS5 index over claims, kept in step by triggers.
        op.execute("CREATE VIRTUAL TABLE claims_fts USING fts5("
                   "content_text, source_text, content='claims', content_rowid='id', tokenize='porter unicode61')")
        op.execute("CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN "
                   "INSERT INTO claims_fts(rowid, content_text, source_text) "
                   "VALUES (new.id, new.content_text, coalesce(new.source_name, new.source_text, '')); END")
        op.execute("CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN "
                   "INSERT INTO claims_fts(claims_fts, rowid, content_text, source_text) "
                   "VALUES ('delete', old.id, old.content_text, coalesce(old.source_name, old.source_text, '')); END")
    else:
        op.execute("ALTER TABLE claims ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
                   "to_tsvector('english', coalesce(content_text, '') || ' ' || "
                   "coalesce(source_name, source_text, ''))) STORED")
        op.execute("CREATE INDEX claims_tsv ON claims USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS claims_fts")
    for table in ("ledger_meta", "source_overrides", "conflicts", "numbers", "claims", "sources", "articles"):
        op.drop_table(table)
