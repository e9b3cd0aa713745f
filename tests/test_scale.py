"""Scale (issue 6): worker processes, a Dask cluster and Parquet shards give the ledger one process gives.

Every test compares against a single-process ingest of the project's corpus
(``examples/corpus``): the whole stored ledger (articles, claims with their
record JSON, figures, sources, conflicts), not a count. The Dask tests run a
real ``LocalCluster`` of two worker processes. Nothing of the shipped code is
mocked: a worker is killed with a signal, a partition fails because its shard
cannot be written, a shard is damaged on disk.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

from reportedly.documents import iter_documents
from reportedly.ledger import Ledger, ingest
from reportedly.ledger.cluster import connect, extract
from reportedly.ledger.codec import decode, encode
from reportedly.ledger.ingest import analyse
from reportedly.ledger.shards import Loader, load
from reportedly.ledger.tables import articles, claims, conflicts, numbers, sources
from reportedly.types import Report

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
INPUTS = [str(CORPUS / "articles.jsonl"), str(CORPUS / "feed.xml")]
MAX_WORKER_MB = 600


def snapshot(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row with its id, in id order, less the ingest time stamp: two equal snapshots are one ledger.

    Only for ledgers refreshed in this process: the order in which ``refresh`` numbers canonical sources
    follows Python's per-process string hashing.
    """
    out = {}
    with ledger.engine.connect() as conn:
        for table in (articles, claims, numbers, sources, conflicts):
            cols = [c for c in table.c if c.name != "ingested_at"]
            out[table.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(table.c.id))]
    return out


def content(ledger: Ledger) -> dict[str, Any]:
    """Every stored value with each row id replaced by what it stands for (an article by its hash, a claim by
    its article and place, a source by its key): equal for ledgers filled by other processes or in another order.
    """
    def rows(table: Any, *skip: str) -> list[dict[str, Any]]:
        cols = [c for c in table.c if c.name not in ("id", "ingested_at", *skip)]
        return [dict(r._mapping) for r in conn.execute(select(table.c.id, *cols))]

    with ledger.engine.connect() as conn:
        article = {r["id"]: r["hash"] for r in rows(articles)}
        source = {r["id"]: r["key"] for r in rows(sources)}
        stored = rows(claims, "proposition")
        claim = {r["id"]: (article[r["article_id"]], r["idx"]) for r in stored}
        groups: dict[str, list[tuple[str, int]]] = {}
        for r in conn.execute(select(claims.c.id, claims.c.proposition).where(claims.c.proposition.is_not(None))):
            groups.setdefault(r.proposition, []).append(claim[r.id])
        return {
            "articles": sorted(tuple(sorted((k, str(v)) for k, v in r.items() if k != "id")) for r in rows(articles)),
            "sources": sorted(tuple(sorted((k, str(v)) for k, v in r.items() if k != "id")) for r in rows(sources)),
            "claims": sorted((claim[r["id"]], source.get(r["source_id"]),
                              tuple(sorted((k, str(v)) for k, v in r.items() if k not in ("id", "article_id",
                                                                                          "source_id"))))
                             for r in stored),
            "propositions": sorted(sorted(members) for members in groups.values()),
            "numbers": sorted((claim[r["claim_id"]], tuple(sorted((k, str(v)) for k, v in r.items()
                                                                  if k not in ("id", "claim_id"))))
                              for r in rows(numbers)),
            "conflicts": sorted((*sorted((claim[r["claim_a"]], claim[r["claim_b"]])), r["scope"], r["reason"],
                                 r["detail"]) for r in rows(conflicts)),
        }


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """The corpus ingested the plain way: one process."""
    store = Ledger(f"sqlite:///{tmp_path_factory.mktemp('single') / 'one.db'}")
    summary = ingest(INPUTS, store, workers=1)
    assert summary.failures == [] and summary.added == 16
    yield store
    store.close()


# --- the report codec -----------------------------------------------------------------------


def test_reports_round_trip_exactly() -> None:
    docs = [d for d in iter_documents([*INPUTS, str(ROOT / "examples" / "article.txt")], published="2022-05-20")]
    reports = list(analyse(docs))
    seen = {"certainty hedges": 0, "times": 0, "said_at": 0, "numbers with a time": 0, "conflicts": 0}
    for doc, report in zip(docs, reports):
        assert decode(encode(report), doc.text) == report                      # exact, scores unrounded
        again = Report.from_dict(json.loads(json.dumps(report.to_dict())), text=doc.text)
        assert again.to_dict() == report.to_dict()                             # the documented JSON form
        for a in report.attributions:
            seen["certainty hedges"] += bool(a.certainty and a.certainty.hedges)
            seen["times"] += bool(a.times)
            seen["said_at"] += a.said_at is not None
            seen["numbers with a time"] += any(q.time is not None for q in a.numbers)
        seen["conflicts"] += len(report.conflicts)
    assert all(seen.values()), seen  # every interpretation record took part


def test_decode_refuses_a_report_of_another_text() -> None:
    doc = next(iter_documents([INPUTS[0]]))
    raw = encode(next(analyse([doc])))
    with pytest.raises(ValueError, match="characters"):
        decode(raw, doc.text + " more")
    with pytest.raises(ValueError, match="expected an encoded report"):
        decode("{}", doc.text)


# --- worker processes -----------------------------------------------------------------------


def test_two_workers_store_the_same_ledger(single: Ledger, tmp_path: Path) -> None:
    store = Ledger(f"sqlite:///{tmp_path / 'two.db'}")
    summary = ingest(INPUTS, store, workers=2, batch_size=2)
    assert summary.failures == [] and summary.added == 16 and summary.workers == 2
    assert snapshot(store) == snapshot(single)
    assert summary.worker_peak_mb is not None and 0 < summary.worker_peak_mb <= MAX_WORKER_MB
    assert ingest(INPUTS, store, workers=2, batch_size=2).added == 0


def test_a_killed_worker_is_replaced_and_nothing_is_lost(single: Ledger, tmp_path: Path) -> None:
    killed: list[int] = []

    def kill_one_worker(status: str, item: object) -> None:
        if killed:
            return
        pool = [p for p in multiprocessing.active_children() if "Dask" not in p.name and p.pid]
        if pool:
            os.kill(pool[0].pid, signal.SIGKILL)  # what the kernel's OOM killer does
            killed.append(pool[0].pid)

    store = Ledger(f"sqlite:///{tmp_path / 'killed.db'}")
    summary = ingest(INPUTS, store, workers=2, batch_size=2, on_item=kill_one_worker)
    assert killed, "no worker process to kill"
    assert summary.failures == [] and summary.added == 16
    assert snapshot(store) == snapshot(single)


def test_killed_run_with_workers_leaves_no_orphans_and_resumes(single: Ledger, tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    db = tmp_path / "resumed.db"
    cmd = [sys.executable, "-m", "reportedly", "ingest", *INPUTS, "--workers", "2", "--batch-size", "1",
           "--db", f"sqlite:///{db}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None and stored < 2:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            pass
    children = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 16, "the run was not interrupted part-way"
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"worker processes outlived their parent: {alive}"
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    store = Ledger(f"sqlite:///{db}")
    assert content(store) == content(single)


# --- a Dask cluster -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with connect("local", workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def shard_dir(client: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus extracted once on the cluster, four documents a partition."""
    directory = tmp_path_factory.mktemp("shards") / "shards"
    done = extract(INPUTS, directory, client, partition_size=4)
    assert done.failures == [] and done.failed_documents == []
    assert (done.partitions, done.written, done.skipped, done.documents, done.workers) == (4, 4, 0, 16, 2)
    assert done.worker_peak_mb is not None and done.worker_peak_mb <= MAX_WORKER_MB
    return directory


def test_cluster_shards_load_into_the_same_ledger(single: Ledger, shard_dir: Path, tmp_path: Path) -> None:
    assert sorted(p.name for p in shard_dir.iterdir()) == [f"part-0000{i}.parquet" for i in range(4)]  # no temp files
    meta = pq.read_schema(shard_dir / "part-00002.parquet").metadata
    assert meta[b"reportedly.partition"] == b"2" and meta[b"reportedly.schema_version"] == b"1.1"
    store = Ledger(f"sqlite:///{tmp_path / 'dask.db'}")
    summary = load([str(shard_dir)], store)
    assert summary.failures == [] and summary.added == 16
    assert snapshot(store) == snapshot(single)
    again = load([str(shard_dir)], store)                  # idempotent
    assert (again.added, again.duplicates) == (0, 16)
    assert snapshot(store) == snapshot(single)


def test_shards_stored_as_they_come_give_the_same_ledger(single: Ledger, client: Any, tmp_path: Path) -> None:
    store = Ledger(f"sqlite:///{tmp_path / 'streamed.db'}")
    loader = Loader(store)
    handed: list[str] = []
    done = extract(INPUTS, tmp_path / "shards", client, partition_size=3,
                   on_shard=lambda path: (handed.append(path), loader.shard(path)))
    summary = loader.finish()
    assert handed == done.shards and len(handed) == 6       # in partition order, whatever order they finished in
    assert summary.added == 16 and summary.failures == []
    assert snapshot(store) == snapshot(single)


def test_rerun_skips_finished_partitions(client: Any, shard_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "shards"
    shutil.copytree(shard_dir, copy)
    stamps = {p.name: p.stat().st_mtime_ns for p in copy.iterdir()}
    rerun = extract(INPUTS, copy, client, partition_size=4)
    assert (rerun.written, rerun.skipped, rerun.failures) == (0, 4, [])
    (copy / "part-00001.parquet").unlink()
    rerun = extract(INPUTS, copy, client, partition_size=4)
    assert (rerun.written, rerun.skipped) == (1, 3)
    assert {p.name: p.stat().st_mtime_ns for p in copy.iterdir() if p.name != "part-00001.parquet"} == \
        {k: v for k, v in stamps.items() if k != "part-00001.parquet"}
    other = extract(INPUTS, copy, client, partition_size=5)  # other partitions: nothing is taken for done
    assert (other.written, other.skipped) == (4, 0)


def test_a_failed_partition_is_reported_and_the_rest_goes_on(single: Ledger, client: Any, tmp_path: Path) -> None:
    directory = tmp_path / "shards"
    (directory / "part-00001.parquet").mkdir(parents=True)  # a folder where the shard must go: every try fails
    handed: list[str] = []
    done = extract(INPUTS, directory, client, partition_size=4, on_shard=handed.append)
    assert (done.written, len(done.failures)) == (3, 1) and handed == done.shards
    failure = done.failures[0]
    assert failure.origin.endswith("part-00001.parquet") and "partition 1 (4 documents" in failure.reason
    assert "failed 3 times" in failure.reason and "run the same command again" in failure.reason
    store = Ledger(f"sqlite:///{tmp_path / 'partial.db'}")
    assert load(done.shards, store).added == 12
    (directory / "part-00001.parquet").rmdir()
    done = extract(INPUTS, directory, client, partition_size=4)
    assert (done.written, done.skipped, done.failures) == (1, 3, [])
    assert load(done.shards, store).added == 4
    assert content(store) == content(single)


def test_a_damaged_shard_is_reported_and_the_rest_loaded(shard_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "shards"
    shutil.copytree(shard_dir, copy)
    damaged = copy / "part-00002.parquet"
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
    pq.write_table(pa.table({"x": [1]}), copy / "part-00009.parquet")  # Parquet, but not a shard
    store = Ledger(f"sqlite:///{tmp_path / 'damaged.db'}")
    summary = load([str(copy)], store)
    assert summary.added == 12
    assert [Path(f.origin).name for f in summary.failures] == ["part-00002.parquet", "part-00009.parquet"]
    assert "damaged" in summary.failures[0].reason and "not one" in summary.failures[1].reason
    run = _cli("load", str(copy), "--db", f"sqlite:///{tmp_path / 'damaged.db'}")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 2 and "part-00002.parquet: expected a readable Parquet shard" in run.stderr
    assert "0 added" in run.stdout and "12 already stored" in run.stdout


def test_shards_keep_documents_that_failed(client: Any, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("The coastguard said two boats had been towed to safety.\n", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (src / "empty.txt").write_text("   \n", encoding="utf-8")
    done = extract([str(src)], tmp_path / "shards", client, partition_size=2)
    assert sorted(Path(f.origin).name for f in done.failed_documents) == ["binary.txt", "empty.txt"]
    store = Ledger(f"sqlite:///{tmp_path / 'bad.db'}")
    summary = load(done.shards, store)
    assert summary.added == 1 and sorted(Path(f.origin).name for f in summary.failures) == ["binary.txt", "empty.txt"]


# --- the command line -----------------------------------------------------------------------


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportedly", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=180)


def test_cli_ingest_on_a_local_cluster_then_load_again(single: Ledger, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    run = _cli("ingest", *INPUTS, "--dask", "local", "--workers", "2", "--partition-size", "6",
               "--shards", str(tmp_path / "shards"), "--db", f"sqlite:///{db}")
    assert run.returncode == 0, run.stderr
    assert "3 partitions (16 documents) on 2 Dask workers: 3 written" in run.stdout
    assert "16 added" in run.stdout
    assert content(Ledger(f"sqlite:///{db}")) == content(single)  # another process: source ids may differ
    run = _cli("load", str(tmp_path / "shards"), "--db", f"sqlite:///{db}", "--json")
    assert run.returncode == 0 and json.loads(run.stdout)["added"] == 0


@pytest.mark.parametrize("args, says", [
    (["--dask", "tcp://127.0.0.1:9"], "tcp://127.0.0.1:9: expected a running Dask scheduler there"),
    (["--dask", "nonsense"], "nonsense: expected a Dask scheduler address such as tcp://HOST:8786"),
    (["--dask", "local", "--shards", "{file}/shards"], "expected a folder for the shards that can be created"),
])
def test_cli_bad_cluster_input_is_one_line(args: list[str], says: str, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    args = [a.replace("{file}", str(tmp_path / "file")) for a in args]
    started = time.monotonic()
    run = _cli("ingest", INPUTS[0], *args, "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and says in run.stderr, run.stderr
    assert time.monotonic() - started < 30


def test_cli_cluster_options_need_dask(tmp_path: Path) -> None:
    run = _cli("ingest", INPUTS[0], "--shards", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert run.returncode == 2 and "--shards needs --dask" in run.stderr


# --- PostgreSQL: loaders side by side -------------------------------------------------------


def test_concurrent_loaders_into_postgres(pg_url: str, single: Ledger, shard_dir: Path, tmp_path: Path) -> None:
    halves = [tmp_path / "a", tmp_path / "b"]
    for n, shard in enumerate(sorted(shard_dir.iterdir())):
        halves[n % 2].mkdir(exist_ok=True)
        shutil.copy(shard, halves[n % 2] / shard.name)
    Ledger(pg_url).close()  # migrate once, before the loaders race
    # Each loader takes its half and then all of it: the same articles race into the ledger from both sides.
    loaders = [subprocess.Popen([sys.executable, "-m", "reportedly", "load", str(h), str(shard_dir), "--db", pg_url,
                                 "--no-refresh"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for h in halves]
    for proc in loaders:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    assert "not rebuilt yet" in out
    store = Ledger(pg_url)
    assert store.sources() and content(store) == content(single)  # the first query rebuilt the view
    store.close()
