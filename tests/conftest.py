"""Shared fixtures: ledger databases (a SQLite file per test, a fresh PostgreSQL schema when the server is there)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ENV = "REPORTEDLY_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    """The test server's URL from the environment (``.ci/run`` sets it), or None."""
    return os.environ.get(PG_ENV) or None


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    base = postgres_url()
    if base is None:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against")
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {base} cannot be reached: {exc}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
