"""How ingest cost grows with corpus size and workers: 1 and 2 local workers, a 2-worker Dask LocalCluster, parse only.

Usage: python benchmarks/scale.py DIR [--sizes 100,300,840] [--published 2016-09-30]

For each size N (the first N .txt files of DIR, sorted) it runs, each in a
fresh process so that model loading and peak memory belong to that run:

- ``1 worker``: ``ingest(workers=1)`` into a fresh SQLite ledger (analysis in
  the process that stores);
- ``2 workers``: ``ingest(workers=2)``: two analysing processes, this one stores;
- ``LocalCluster``: as ``ingest --dask local``: ``extract`` on a 2-worker Dask
  ``LocalCluster`` (started inside the timing) into Parquet shards, each
  stored in a fresh ledger as soon as the shards before it are;
- ``parse only``: spaCy's parser alone (no reportedly component) over the same
  texts, in 1 and in 2 processes (``nlp.pipe(n_process=2)``): the floor.

It prints seconds, articles/s, words/s, milliseconds per article, the speedup
over 1 worker, the time of the final cross-article refresh (part of the
seconds), and peak resident memory of the main process and of one worker.
The last lines compare the cost per word (and per article) at the largest
size with the smallest: 1.00 means cost grows linearly with the corpus. Not
a test: it measures.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = ["1 worker", "2 workers", "LocalCluster, 2 workers", "parse only, 1 process", "parse only, 2 processes"]
PUBLISHED = "2016-09-30"


def child(run: str, files: list[str], published: str) -> dict[str, float | None]:
    """One timed run in this (fresh) process."""
    from reportedly.ledger.ingest import peak_rss_mb

    with tempfile.TemporaryDirectory() as tmp:
        if run.startswith("parse only"):
            import spacy

            from reportedly.pipeline import MODEL_NAME

            texts = [Path(f).read_text(encoding="utf-8") for f in files]
            started = time.perf_counter()
            nlp = spacy.load(MODEL_NAME)
            n_process = 2 if run.endswith("2 processes") else 1
            for _ in nlp.pipe(texts, batch_size=4, n_process=n_process):
                pass
            seconds = time.perf_counter() - started
            return {"seconds": seconds, "refresh": None, "main_mb": peak_rss_mb(),
                    "worker_mb": peak_rss_mb() if n_process == 1 else None}
        from reportedly.ledger import Ledger, ingest

        ledger = Ledger(f"sqlite:///{tmp}/bench.db")
        if run.startswith("LocalCluster"):
            from reportedly.ledger.cluster import connect, extract
            from reportedly.ledger.shards import Loader

            started = time.perf_counter()
            loader = Loader(ledger)  # as `ingest --dask`: each shard stored as soon as those before it are
            with connect("local", workers=2) as client:
                done = extract(files, Path(tmp) / "shards", client, published=published, on_shard=loader.shard)
            summary = loader.finish()
            seconds = time.perf_counter() - started
            refresh_started = time.perf_counter()
            ledger.refresh()  # the same rebuild ``load`` ends with, timed on its own
            assert summary.added + summary.duplicates == len(files) and not summary.failures and not done.failures
            return {"seconds": seconds, "refresh": time.perf_counter() - refresh_started, "main_mb": peak_rss_mb(),
                    "worker_mb": done.worker_peak_mb}
        workers = 2 if run.startswith("2") else 1
        started = time.perf_counter()
        summary = ingest(files, ledger, published=published, workers=workers)
        seconds = time.perf_counter() - started
        refresh_started = time.perf_counter()
        ledger.refresh()
        assert summary.added + summary.duplicates == len(files) and not summary.failures, summary.failures
        return {"seconds": seconds, "refresh": time.perf_counter() - refresh_started, "main_mb": peak_rss_mb(),
                "worker_mb": summary.worker_peak_mb}


def measure(run: str, files: list[str], published: str) -> dict[str, float | None]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(files, fh)
    try:
        out = subprocess.run([sys.executable, __file__, "--child", run, fh.name, "--published", published],
                             capture_output=True, text=True, check=False)
    finally:
        os.unlink(fh.name)
    if out.returncode != 0:
        raise SystemExit(f"benchmark: {run} on {len(files)} articles failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", nargs="?")
    ap.add_argument("--sizes", default="100,300,840")
    ap.add_argument("--published", default=PUBLISHED)
    ap.add_argument("--child", nargs=2, metavar=("RUN", "FILES_JSON"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run, listing = args.child
        print(json.dumps(child(run, json.loads(Path(listing).read_text()), args.published)))
        return 0
    files = sorted(str(p) for p in Path(args.directory or ".").glob("*.txt"))
    sizes = [min(int(s), len(files)) for s in args.sizes.split(",")]
    if not files:
        print(f"benchmark: {args.directory}: expected .txt files")
        return 2
    words = {n: sum(len(Path(f).read_text(encoding="utf-8").split()) for f in files[:n]) for n in sizes}
    print(f"scale benchmark: {args.directory}, {os.cpu_count()} cores, SQLite ledger, --published {args.published}")
    head = (f"{'articles':>8}  {'run':<25}{'seconds':>8}{'art/s':>8}{'words/s':>9}{'ms/art':>8}{'speedup':>8}"
            f"{'refresh s':>10}{'main MB':>9}{'worker MB':>10}")
    print(head)
    results: dict[tuple[int, str], dict[str, float | None]] = {}
    for n in sizes:
        for run in RUNS:
            r = results[n, run] = measure(run, files[:n], args.published)
            seconds = float(r["seconds"] or 0.0)
            base = float(results[n, "1 worker"]["seconds"] or seconds)
            refresh = "" if r["refresh"] is None else f"{r['refresh']:.1f}"
            worker = "" if r["worker_mb"] is None else f"{r['worker_mb']:.0f}"
            print(f"{n:>8}  {run:<25}{seconds:>8.1f}{n / seconds:>8.2f}{words[n] / seconds:>9.0f}"
                  f"{1000 * seconds / n:>8.1f}{base / seconds:>8.2f}{refresh:>10}{float(r['main_mb'] or 0):>9.0f}"
                  f"{worker:>10}", flush=True)
    small, large = sizes[0], sizes[-1]
    if large > small:
        # Per word, not per article: the first articles of a folder need not be as long as the rest.
        print(f"\ncost per word at {large} articles / at {small} (1.00 = linear growth; per article in brackets):")
        for run in RUNS:
            a, b = results[small, run]["seconds"], results[large, run]["seconds"]
            if a and b:
                print(f"  {run:<25}{(b / words[large]) / (a / words[small]):>6.2f}  ({(b / large) / (a / small):.2f})")
        r_small, r_large = results[small, "1 worker"]["refresh"], results[large, "1 worker"]["refresh"]
        if r_small and r_large:
            print(f"  {'the refresh alone':<25}{(r_large / words[large]) / (r_small / words[small]):>6.2f}  "
                  f"({(r_large / large) / (r_small / small):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
