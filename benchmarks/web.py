"""Page load times of the web app on a 5,000-article ledger: every page and its JSON twin.

Usage: python benchmarks/web.py [--db build/bench-web.db] [--articles 5000] [--runs 20]
                                [--polnear DIR] [--rebuild]

The ledger is built once and then reused. The example corpus and, when present,
PolNeAR train (``../shared/polnear/train/text``) are ingested for real into
``build/bench-web-base.db``; their rows (articles, claims, figures, conflicts)
are then copied in SQL, each copy a few days later and with its own id and
hash, until the ledger holds ``--articles`` articles. Canonical sources are
shared by the copies, as a story's sources recur across its articles.

A real server (``reportedly serve``) is started in its own process on a free
port, and each URL is fetched ``--runs`` times after a warm-up. The script
prints p50 and p95 wall-clock milliseconds per request, for each page and its
JSON twin. Exit code 1 if any p95 is at or over the target (300 ms). Not a
test: it measures.
"""
from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
POLNEAR = ROOT.parent / "shared" / "polnear" / "train" / "text"
TARGET_MS = 300.0
POLNEAR_DATE = "2016-09-30"  # PolNeAR texts carry no date of their own


def build(db: Path, articles: int, polnear: Path | None) -> None:
    """Ingest the corpus (and PolNeAR train) once, then copy its rows until ``articles`` are stored."""
    from reportedly.ledger import Ledger, ingest

    base = db.with_name("bench-web-base.db")
    if not base.exists():
        print(f"ingesting {CORPUS}" + (f" and {polnear}" if polnear else "") + f" into {base} (once) ...", flush=True)
        with Ledger(f"sqlite:///{base}") as ledger:
            ingest([str(CORPUS)], ledger)
            if polnear:
                ingest([str(polnear)], ledger, published=POLNEAR_DATE)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(base) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with Ledger(f"sqlite:///{db}") as ledger:  # migrations applied, the cross-article view up to date
        ledger.refresh_if_stale()
    with sqlite3.connect(db) as conn:
        copy_rows(conn, articles)
    print(f"built {db}", flush=True)


def copy_rows(conn: sqlite3.Connection, target: int) -> None:
    """Copies of the stored articles with their claims, figures and conflicts, ``target`` articles in all."""
    base = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    have, k = len(base), 0
    claim_cols = ("idx, parent_idx, continues_idx, source_text, source_name, source_type, source_id, cue_text, "
                  "cue_class, kind, content_text, content_start, content_end, said_text, said_from, said_until, "
                  "polarity, asserts_negation, certainty, certainty_term, prob_low, prob_high, scale, proposition, record")
    shifted = claim_cols.replace("said_from, said_until", "date(said_from, :shift), date(said_until, :shift)")
    while have < target:
        k += 1
        ids = base[: target - have]
        conn.execute("DROP TABLE IF EXISTS temp.amap")
        conn.execute("DROP TABLE IF EXISTS temp.cmap")
        conn.execute("CREATE TEMP TABLE amap (old INTEGER PRIMARY KEY, new INTEGER)")
        conn.execute(f"CREATE TEMP TABLE chosen AS SELECT id FROM articles WHERE id IN ({','.join(map(str, ids))})")
        args = {"k": k, "shift": f"+{3 * k} days"}
        conn.execute("INSERT INTO articles (doc_id, hash, title, published, url, outlet, origin, text, ingested_at) "
                     "SELECT doc_id || '~' || :k, substr(hash, 1, 56) || printf('%08d', :k), title, "
                     "date(published, :shift), url, outlet, origin, text, ingested_at "
                     "FROM articles WHERE id IN (SELECT id FROM chosen)", args)
        conn.execute("INSERT INTO amap SELECT o.id, n.id FROM articles o JOIN articles n ON n.doc_id = o.doc_id || '~' || :k "
                     "WHERE o.id IN (SELECT id FROM chosen)", args)
        conn.execute(f"INSERT INTO claims (article_id, {claim_cols}) SELECT m.new, {shifted} "
                     "FROM claims c JOIN amap m ON c.article_id = m.old", args)
        conn.execute("CREATE TEMP TABLE cmap AS SELECT o.id AS old, n.id AS new FROM claims o "
                     "JOIN amap m ON o.article_id = m.old JOIN claims n ON n.article_id = m.new AND n.idx = o.idx")
        conn.execute("CREATE INDEX temp.cmap_old ON cmap (old)")
        conn.execute("INSERT INTO numbers (claim_id, text, low, high, relation, counted, event, time_from, time_until) "
                     "SELECT c.new, x.text, x.low, x.high, x.relation, x.counted, x.event, date(x.time_from, :shift), "
                     "date(x.time_until, :shift) FROM numbers x JOIN cmap c ON x.claim_id = c.old", args)
        conn.execute("INSERT INTO conflicts (claim_a, claim_b, scope, reason, detail) "
                     "SELECT a.new, b.new, x.scope, x.reason, x.detail FROM conflicts x "
                     "JOIN cmap a ON x.claim_a = a.old JOIN cmap b ON x.claim_b = b.old")
        conn.execute("DROP TABLE temp.chosen")
        conn.commit()
        have += len(ids)
    conn.execute("UPDATE ledger_meta SET value = '0' WHERE key = 'stale'")
    conn.commit()


def start_server(db: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "reportedly", "serve", "--db", f"sqlite:///{db}", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"at (http://\S+?)/ ", line)
    if not found:
        proc.kill()
        sys.exit(f"web.py: the server did not start: {line.strip()}")
    return proc, found[1]


def fetch_ms(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - started) * 1000


def timings(url: str, runs: int) -> tuple[float, float]:
    fetch_ms(url)  # warm-up: caches, first query plans
    samples = sorted(fetch_ms(url) for _ in range(runs))
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def pages(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        n_articles, = conn.execute("SELECT count(*) FROM articles").fetchone()
        n_sources, = conn.execute("SELECT count(*) FROM sources").fetchone()
        n_conflicts, = conn.execute("SELECT count(*) FROM conflicts").fetchone()
        big, = conn.execute("SELECT article_id FROM claims GROUP BY article_id ORDER BY count(*) DESC LIMIT 1").fetchone()
        typical, = conn.execute("SELECT article_id FROM claims GROUP BY article_id ORDER BY count(*) DESC "
                                "LIMIT 1 OFFSET ?", (n_articles // 2,)).fetchone()
        top, = conn.execute("SELECT s.name FROM sources s JOIN claims c ON c.source_id = s.id GROUP BY s.id "
                            "ORDER BY count(*) DESC LIMIT 1").fetchone()
    last = lambda n: max(0, n - 50)  # noqa: E731 - the offset of the last page
    return [
        ("front page", "/"),
        ("articles", "/articles"),
        ("articles, last page", f"/articles?offset={last(n_articles)}"),
        ("article, most claims", f"/articles/{big}"),
        ("article, median claims", f"/articles/{typical}"),
        ("sources", "/sources"),
        ("sources, last page", f"/sources?offset={last(n_sources)}"),
        ("source, most claims", f"/sources/{quote(top, safe='')}"),
        ("conflicts", "/conflicts"),
        ("conflicts, last page", f"/conflicts?offset={last(n_conflicts)}"),
        ("numbers: killed", "/numbers?event=killed"),
        ("search: all claims", "/search"),
        ("search: words", "/search?q=killed"),
        ("search: common word", "/search?q=government"),
        ("search: filters", "/search?stance=neutral&certainty=hedged&band=likely&since=2016-01-01"),
        ("search, page 20", "/search?q=government&offset=1000"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "bench-web.db")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--polnear", type=Path, default=POLNEAR if POLNEAR.is_dir() else None)
    parser.add_argument("--rebuild", action="store_true", help="Copy the rows again (the ingested base is kept).")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not args.db.exists():
        build(args.db, args.articles, args.polnear)
    with sqlite3.connect(args.db) as conn:
        stats = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("articles", "claims", "sources", "conflicts", "numbers")}
    print(f"{stats['articles']:,} articles, {stats['claims']:,} claims, {stats['sources']:,} sources, "
          f"{stats['conflicts']:,} conflicts, {stats['numbers']:,} figures in {args.db}")
    proc, base = start_server(args.db)
    worst = 0.0
    try:
        print(f"{'page':26} {'html p50':>9} {'html p95':>9} {'json p50':>9} {'json p95':>9}   (ms, {args.runs} runs)")
        for name, path in pages(args.db):
            html = timings(base + path, args.runs)
            twin = timings(base + "/api" + (path if path != "/" else ""), args.runs)
            worst = max(worst, html[1], twin[1])
            print(f"{name:26} {html[0]:9.1f} {html[1]:9.1f} {twin[0]:9.1f} {twin[1]:9.1f}", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    ok = worst < TARGET_MS
    print(f"slowest p95 {worst:.1f} ms (target < {TARGET_MS:.0f} ms): {'ok' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
