"""The claim ledger: many articles in; canonical sources, claims, conflicts and figures across them out.

``Ledger(url)`` opens (and migrates) a SQLite file or a PostgreSQL database;
``ingest(paths, ledger)`` streams documents into it. See ``store.py`` for the
data layer, ``canon.py`` for merging sources across articles and
``propositions.py`` for grouping claims and finding conflicts between them.
"""
from __future__ import annotations

from .ingest import Summary, ingest
from .store import DEFAULT_URL, Added, Ledger, Refreshed, database_url

__all__ = ["DEFAULT_URL", "Added", "Ledger", "Refreshed", "Summary", "database_url", "ingest"]
