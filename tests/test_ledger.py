"""The ledger end to end: ingest the project's corpus, query it, correct it, break it, resume it.

``examples/corpus`` is an invented story told by 16 articles from seven
outlets, with its answer key in ``EXPECTED.json``; conflict detection is
scored against it. PostgreSQL tests run against the real server named by
``REPORTEDLY_TEST_POSTGRES_URL`` (``.ci/run`` sets it) and skip without one.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportedly.documents import Document
from reportedly.errors import InputError, LedgerError
from reportedly.ledger import Ledger, ingest
from reportedly.ledger.store import HEAD

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
EXPECTED = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
INPUTS = [str(CORPUS / "articles.jsonl"), str(CORPUS / "feed.xml")]
TARGET = 0.9


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    db = tmp_path_factory.mktemp("ledger") / "corpus.db"
    store = Ledger(f"sqlite:///{db}")
    summary = ingest(INPUTS, store)
    assert summary.failures == []
    return store


def _claim_ids(store: Ledger, article: str, contains: str) -> set[int]:
    return {c["id"] for c in store.claims() if c["article"] == article and contains in c["content_text"]}


def conflict_scores(store: Ledger) -> tuple[float, float, list[str]]:
    """Pairwise precision and recall of cross-article conflicts against EXPECTED.json."""
    found = {frozenset((c["a"]["id"], c["b"]["id"])) for c in store.conflicts() if c["scope"] == "ledger"}
    gold, missed = set(), []
    for c in EXPECTED["conflicts"]:
        a = _claim_ids(store, c["a"]["article"], c["a"]["content_contains"])
        b = _claim_ids(store, c["b"]["article"], c["b"]["content_contains"])
        pairs = {frozenset((x, y)) for x in a for y in b}
        hit = pairs & found
        gold.add(next(iter(hit)) if hit else frozenset(("missing", c["a"]["content_contains"])))
        if not hit:
            missed.append(f"{c['a']['content_contains']} <> {c['b']['content_contains']}")
    tp = len(found & gold)
    return (tp / len(found) if found else 0.0), tp / len(gold), missed


def test_ingest_stores_every_article_once(ledger: Ledger) -> None:
    stats = ledger.stats()
    assert stats["articles"] == len(EXPECTED["articles"])
    listed = sum(len(v) for v in EXPECTED["claims"].values())
    assert stats["claims"] >= listed  # the answer key lists the main claims; the ledger holds them all and more


def test_reingest_adds_nothing(ledger: Ledger) -> None:
    before = ledger.stats()
    summary = ingest(INPUTS, ledger)
    assert summary.added == 0 and summary.duplicates == before["articles"]
    assert ledger.stats() == before


def test_database_records_its_schema_version(ledger: Ledger) -> None:
    assert ledger.schema_version == HEAD


def test_full_text_search(ledger: Ledger) -> None:
    rows = ledger.claims(search="frigate")
    assert rows and all("frigate" in (r["content_text"] + (r["source"] or "")).lower() for r in rows)
    assert ledger.claims(search="zeppelinwords") == []


def test_claim_filters(ledger: Ledger) -> None:
    every = ledger.claims()
    late = ledger.claims(since="2031-04-01")
    assert 0 < len(late) < len(every)
    assert all((r["said_from"] or r["published"]) >= "2031-04-01" for r in late)
    about = ledger.claims(about="Vostrel")
    assert about and all("vostrel" in r["content_text"].lower() for r in about)


def test_conflicts_across_articles(ledger: Ledger) -> None:
    precision, recall, missed = conflict_scores(ledger)
    assert precision >= TARGET and recall >= TARGET, (precision, recall, missed)


def test_conflict_records_name_both_sides(ledger: Ledger) -> None:
    for c in ledger.conflicts():
        for side in ("a", "b"):
            assert c[side]["content_text"] and c[side]["article"]
        assert c["reason"] and c["detail"]


def test_number_series(ledger: Ledger) -> None:
    for series in EXPECTED["number_series"]:
        rows = [r for r in ledger.numbers(event=series["event"])
                if any(p["content_contains"] in _content(ledger, r["claim"]) for p in series["points"])]
        assert len(rows) >= len(series["points"]) - 1, series["source"]
        dates = [r["date"] for r in rows]
        assert dates == sorted(dates)


def _content(store: Ledger, claim_id: int) -> str:
    return next(c["content_text"] for c in store.claims() if c["id"] == claim_id)


def test_sources_list_has_counts_and_dates(ledger: Ledger) -> None:
    rows = ledger.sources()
    assert rows and all(r["claims"] >= 1 and r["first_seen"] <= r["last_seen"] for r in rows if r["first_seen"])
    assert any(r["contested"] > 0 for r in rows)


def test_merge_and_split_survive_reingest(tmp_path: Path) -> None:
    store = Ledger(f"sqlite:///{tmp_path / 'fix.db'}")
    texts = tmp_path / "in"
    texts.mkdir()
    (texts / "a.txt").write_text("The harbour office said the ferry would sail on Monday.\n", encoding="utf-8")
    (texts / "b.txt").write_text("Port authorities said the crossing was safe.\n", encoding="utf-8")
    ingest([str(texts)], store, published="2031-01-05")
    names = {r["name"] for r in store.sources()}
    assert {"harbour office", "Port authorities"} <= {n for n in names} or len(names) >= 2
    a, b = sorted(names)[:2]
    store.merge_sources(a, b)
    assert len(store.sources()) == len(names) - 1
    ingest([str(texts)], store, published="2031-01-05")      # nothing new; corrections stay
    store.refresh()
    assert len(store.sources()) == len(names) - 1


# --- bad input ------------------------------------------------------------------------------


def test_bad_documents_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("The coastguard said two boats had been towed to safety.\n", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (src / "broken.jsonl").write_text('{"id": "x1", "text": "Officials said the road was closed."}\n'
                                      '{not json\n{"id": "x3"}\n', encoding="utf-8")
    (src / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    store = Ledger(f"sqlite:///{tmp_path / 'bad.db'}")
    summary = ingest([str(src)], store)
    reasons = " | ".join(f"{f.origin}: {f.reason}" for f in summary.failures)
    assert summary.added == 2, reasons
    assert len(summary.failures) == 4, reasons
    assert all(f.reason.startswith("expected") for f in summary.failures), reasons


def test_duplicate_id_with_different_text_is_refused(tmp_path: Path) -> None:
    store = Ledger(f"sqlite:///{tmp_path / 'dup.db'}")
    first = tmp_path / "one.jsonl"
    first.write_text('{"id": "n-1", "text": "The mayor said the bridge would reopen."}\n', encoding="utf-8")
    second = tmp_path / "two.jsonl"
    second.write_text('{"id": "n-1", "text": "The mayor said the bridge would stay shut."}\n'
                      '{"id": "n-2", "text": "The council said the budget was approved."}\n', encoding="utf-8")
    ingest([str(first)], store)
    summary = ingest([str(second)], store)
    assert summary.added == 1 and len(summary.failures) == 1
    assert "already stored with a different text" in summary.failures[0].reason
    assert store.stats()["articles"] == 2


def test_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="expected a database it can reach"):
        Ledger("postgresql://nobody@127.0.0.1:9/none")
    with pytest.raises(LedgerError, match="existing folder"):
        Ledger(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")


def test_cli_reports_an_unreachable_database_in_one_line(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "reportedly", "sources", "--db", "postgresql://nobody@127.0.0.1:9/x"],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "expected a database it can reach" in run.stderr
    assert "Traceback" not in run.stderr


# --- interruption ---------------------------------------------------------------------------


def _articles(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT doc_id, hash FROM articles ORDER BY doc_id").fetchall()


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.loads(line) for line in (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in lines:
        (src / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "reportedly", "ingest", str(src), "--batch-size", "2", "--db", f"sqlite:///{db}",
           "--published", "2031-03-01"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if db.exists():
            try:
                if len(_articles(db)) >= 3:
                    break
            except sqlite3.OperationalError:
                pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _articles(db)
    assert 0 < len(stored) < len(lines), "the run was not interrupted part-way; make the corpus bigger"
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    after = _articles(db)
    assert len(after) == len(lines) == len({h for _, h in after})
    assert set(stored) <= set(after)
    clean = tmp_path / "clean.db"
    subprocess.run([*cmd[:-4], "--db", f"sqlite:///{clean}", "--published", "2031-03-01"], check=True,
                   capture_output=True)
    with sqlite3.connect(db) as a, sqlite3.connect(clean) as b:
        query = ("SELECT articles.doc_id, idx, content_text FROM claims JOIN articles ON articles.id = article_id "
                 "ORDER BY 1, 2")
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


# --- PostgreSQL -----------------------------------------------------------------------------


def test_postgres_ledger_matches_sqlite(pg_url: str, ledger: Ledger) -> None:
    store = Ledger(pg_url)
    assert store.dialect == "postgresql" and store.schema_version == HEAD
    summary = ingest(INPUTS, store)
    assert summary.failures == [] and summary.added == len(EXPECTED["articles"])
    assert store.stats() == ledger.stats()
    assert ingest(INPUTS, store).added == 0
    key = lambda r: (r["article"], r["content_start"])  # noqa: E731
    assert [key(r) for r in sorted(store.claims(), key=key)] == [key(r) for r in sorted(ledger.claims(), key=key)]
    assert {r["name"] for r in store.sources()} == {r["name"] for r in ledger.sources()}
    assert store.claims(search="frigate")
    precision, recall, _ = conflict_scores(store)
    assert (precision, recall) == conflict_scores(ledger)[:2]
    store.close()


# --- grouping and the command line ------------------------------------------------------------


def grouping_scores(store: Ledger) -> tuple[float, float]:
    """How the proposition groups agree with the answer key.

    Recall: the share of the key's non-numeric conflicts whose two claims share
    a proposition id. Separation: the share of the key's "different
    propositions" pairs that do not.
    """
    prop = {c["id"]: c["proposition"] for c in store.claims()}

    def together(pair: dict) -> bool | None:
        a = _claim_ids(store, pair["a"]["article"], pair["a"]["content_contains"]) if isinstance(pair["a"], dict) else set()
        b = _claim_ids(store, pair["b"]["article"], pair["b"]["content_contains"]) if isinstance(pair["b"], dict) else set()
        if not a or not b:
            return None
        return any(prop[x] is not None and prop[x] == prop[y] for x in a for y in b)

    same = [together(c) for c in EXPECTED["conflicts"] if c["reason"] != "incompatible numbers"]
    apart = [together(c) for c in EXPECTED["non_conflicts"] if "different propositions" in c.get("reason", "")]
    same, apart = [s for s in same if s is not None], [s for s in apart if s is not None]
    return sum(same) / len(same), (sum(not s for s in apart) / len(apart)) if apart else 1.0


def test_propositions_group_what_conflicts(ledger: Ledger) -> None:
    recall, separation = grouping_scores(ledger)
    assert recall >= TARGET and separation >= TARGET, (recall, separation)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_commands_print_each_format(ledger: Ledger, fmt: str) -> None:
    db = ledger.engine.url.database
    for command in (["sources"], ["claims", "--search", "Vostrel"], ["conflicts"], ["numbers", "--event", "killed"],
                    ["source", "UK Ministry of Defence"]):
        run = subprocess.run([sys.executable, "-m", "reportedly", *command, "--db", f"sqlite:///{db}", "--format", fmt],
                             capture_output=True, text=True)
        assert run.returncode == 0, (command, run.stderr)
        if fmt == "json":
            assert json.loads(run.stdout)
        elif fmt == "csv":
            header = run.stdout.splitlines()[0]
            assert "," in header and len(run.stdout.splitlines()) > 1, command
        else:
            assert "│" in run.stdout or "UK Ministry of Defence" in run.stdout, command


def test_unknown_source_is_a_clear_error(ledger: Ledger) -> None:
    db = ledger.engine.url.database
    run = subprocess.run([sys.executable, "-m", "reportedly", "source", "Nobody At All", "--db", f"sqlite:///{db}"],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "expected the name of a source" in run.stderr and "Traceback" not in run.stderr


def test_split_survives_reingest(tmp_path: Path) -> None:
    store = Ledger(f"sqlite:///{tmp_path / 'split.db'}")
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "published": "2031-02-01",
                    "text": "Defence Secretary Jane Holt said on Monday that the ferry route would reopen."}) + "\n"
        + json.dumps({"id": "b", "published": "2031-02-03",
                      "text": "Holt said the navy had cleared the channel of mines."}) + "\n", encoding="utf-8")
    ingest([str(batch)], store)
    holt = store.source("Jane Holt")
    assert len(holt["claims"]) == 2, holt
    store.split_source("Jane Holt", "Holt")
    assert len(store.source("Jane Holt")["claims"]) == 1
    ingest([str(batch)], store)
    store.refresh()
    assert len(store.source("Jane Holt")["claims"]) == 1
