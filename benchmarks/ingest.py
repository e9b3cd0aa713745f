"""Ingest throughput and database size, SQLite against PostgreSQL, in one run.

Usage: python benchmarks/ingest.py DIR [--limit N] [--postgres URL]

Ingests the .txt files of DIR into a fresh SQLite file and (when a
PostgreSQL URL is given or ``REPORTEDLY_TEST_POSTGRES_URL`` is set) into a
fresh schema on that server, and prints articles/s, claims, and the size of
the stored ledger for each. Not a test: it measures.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path


def sqlite_run(files: list[str]) -> dict[str, float]:
    from reportedly.ledger import Ledger, ingest

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with Ledger(f"sqlite:///{db}") as ledger:
            started = time.perf_counter()
            summary = ingest(files, ledger, published="2016-09-30")
            seconds = time.perf_counter() - started
            stats = ledger.stats()
        size = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))
    return {"articles": summary.added, "claims": stats["claims"], "seconds": seconds, "mb": size / 2**20,
            "failures": len(summary.failures)}


def postgres_run(files: list[str], url: str) -> dict[str, float]:
    import psycopg

    from reportedly.ledger import Ledger, ingest

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        sep = "&" if "?" in url else "?"
        with Ledger(f"{url}{sep}options=-csearch_path%3D{schema}") as ledger:
            started = time.perf_counter()
            summary = ingest(files, ledger, published="2016-09-30")
            seconds = time.perf_counter() - started
            stats = ledger.stats()
        with psycopg.connect(url, autocommit=True) as conn:
            size = conn.execute(
                "SELECT coalesce(sum(pg_total_relation_size(quote_ident(schemaname) || '.' || quote_ident(tablename))), 0) "
                "FROM pg_tables WHERE schemaname = %s", (schema,)).fetchone()[0]
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    return {"articles": summary.added, "claims": stats["claims"], "seconds": seconds, "mb": size / 2**20,
            "failures": len(summary.failures)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--postgres", default=os.environ.get("REPORTEDLY_TEST_POSTGRES_URL"))
    args = ap.parse_args()
    files = sorted(str(p) for p in args.directory.glob("*.txt"))[: args.limit or None]
    if not files:
        print(f"benchmark: {args.directory}: expected .txt files")
        return 2
    results = {"sqlite": sqlite_run(files)}
    if args.postgres:
        results["postgresql"] = postgres_run(files, args.postgres)
    print(f"{len(files)} articles from {args.directory}")
    print(f"{'database':<12}{'articles/s':>12}{'claims':>9}{'seconds':>10}{'size MB':>10}{'failed':>8}")
    for name, r in results.items():
        print(f"{name:<12}{r['articles'] / r['seconds']:>12.2f}{r['claims']:>9}{r['seconds']:>10.1f}"
              f"{r['mb']:>10.1f}{r['failures']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
