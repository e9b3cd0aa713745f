"""Alembic environment: migrations run on the connection the Ledger hands over (never from a config file)."""
from __future__ import annotations

from alembic import context

from reportedly.ledger.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
