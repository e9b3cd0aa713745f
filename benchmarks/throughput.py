"""Throughput of the extractor against spaCy parsing alone, in one run.

Usage: python benchmarks/throughput.py DIR [--limit N] [--repeat R]

Each mode runs in a fresh child process over the same .txt files, so peak RSS
is that mode's own: ``parse`` (the English pipeline only), ``spans`` (plus the
reportedly component finding attributions only) and ``extract`` (the full
component: attributions and their interpretation). Prints docs/s, words/s,
peak RSS, the extractor's share of parse-only throughput and what the
interpretation costs, and checks the targets (>= 85 % of parse throughput,
<= 600 MB peak RSS, interpretation <= 10 % slower than spans alone).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

MIN_SHARE = 0.85
MAX_RSS_MB = 600
MAX_INTERPRET_COST = 0.10


def run_mode(mode: str, files: list[str]) -> dict[str, float]:
    import spacy

    from reportedly.pipeline import MODEL_NAME, load_nlp

    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    if mode == "parse":
        nlp = spacy.load(MODEL_NAME)
    else:
        nlp = load_nlp()
        nlp.get_pipe("reportedly").interpret = mode == "extract"
    nlp(texts[0])  # warm-up: lazy model and weight loading are not throughput
    words = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16):
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
    elapsed = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs": len(texts), "words": words, "seconds": elapsed, "rss_mb": rss_mb}


def child(mode: str, files: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, *files],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(run_mode(sys.argv[2], sys.argv[3:])))
        return 0
    ap = argparse.ArgumentParser(description="Extractor throughput against spaCy parsing alone.")
    ap.add_argument("directory", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files")
    ap.add_argument("--repeat", type=int, default=2, help="runs per mode; the best is kept")
    args = ap.parse_args()
    files = sorted(str(p) for p in args.directory.glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"benchmark: {args.directory}: expected .txt files; point at a directory of articles")
        return 2
    results = {}
    for mode in ("parse", "spans", "extract"):
        runs = [child(mode, files) for _ in range(args.repeat)]
        results[mode] = min(runs, key=lambda r: r["seconds"]) | {"rss_mb": max(r["rss_mb"] for r in runs)}
    print(f"{len(files)} documents from {args.directory}")
    print(f"{'mode':<10}{'docs/s':>10}{'words/s':>12}{'peak RSS MB':>14}")
    for mode, r in results.items():
        print(f"{mode:<10}{r['docs'] / r['seconds']:>10.2f}{r['words'] / r['seconds']:>12.0f}{r['rss_mb']:>14.0f}")
    share = results["parse"]["seconds"] / results["extract"]["seconds"]
    rss = results["extract"]["rss_mb"]
    print(f"extractor keeps {share:.1%} of parse-only throughput (target >= {MIN_SHARE:.0%}): "
          f"{'ok' if share >= MIN_SHARE else 'BELOW TARGET'}")
    print(f"extractor peak RSS {rss:.0f} MB (target <= {MAX_RSS_MB} MB): {'ok' if rss <= MAX_RSS_MB else 'ABOVE TARGET'}")
    cost = results["extract"]["seconds"] / results["spans"]["seconds"] - 1
    print(f"interpretation costs {cost:+.1%} of the spans-only throughput (target <= {MAX_INTERPRET_COST:.0%}): "
          f"{'ok' if cost <= MAX_INTERPRET_COST else 'ABOVE TARGET'}")
    return 0 if share >= MIN_SHARE and rss <= MAX_RSS_MB and cost <= MAX_INTERPRET_COST else 1


if __name__ == "__main__":
    sys.exit(main())
