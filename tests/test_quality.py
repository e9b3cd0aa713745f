"""Quality gates on the shared data, run only where ../shared is present.

* The seed article (``../shared/seed``): all 14 rows of EXPECTED.md, checked by
  the seed's own ``check.py`` on ``reportedly extract --format json`` output.
* PolNeAR dev (``../shared/polnear/dev``): every score stays at or above the
  floors stored in ``eval/floors.json`` (trafilatura's evaluation gate).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportedly.api import analyze_many, below_floors
from reportedly.brat import read_corpus, relations_of
from reportedly.evaluate import score_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed"
DEV = SHARED / "polnear" / "dev"
FLOORS = ROOT / "eval" / "floors.json"


@pytest.mark.skipif(not (SEED / "check.py").exists(), reason="../shared/seed is not beside the repo")
def test_seed_article_rows_and_semantics(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    cli = [sys.executable, "-m", "reportedly.cli", "extract", str(SEED / "article.txt"),
           "--published", "2022-05-19", "--format", "json"]
    out.write_text(subprocess.run(cli, check=True, capture_output=True, text=True).stdout)
    check = subprocess.run([sys.executable, str(SEED / "check.py"), str(out), "--semantics"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout  # 14 rows and the 10 semantics checks (issue 3)


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/polnear/dev is not beside the repo")
def test_dev_scores_stay_above_floors() -> None:
    corpus = read_corpus(DEV)
    reports = analyze_many([(name, text) for name, text, _ in corpus])
    pairs = [(text, gold, relations_of(r)) for (_, text, gold), r in zip(corpus, reports)]
    failures = below_floors(score_corpus(pairs), json.loads(FLOORS.read_text()))
    assert failures == [], failures
