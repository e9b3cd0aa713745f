"""The web app's JSON API and pages, through FastAPI's TestClient over a real SQLite ledger.

The ledger is ``examples/corpus`` plus one hostile article (markup and event handlers in its
text, title, outlet and URL), built once per module. Every endpoint is exercised, with its bad
requests: each error has the one shape ``{"error": {"code", "message", "field"}}``.
"""
from __future__ import annotations

import json
import socket
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx backend
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from reportedly import analyze
from reportedly.cli import main
from reportedly.documents import Document
from reportedly.errors import InputError
from reportedly.ledger import Ledger, ingest
from reportedly.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
BASE = "http://127.0.0.1"
PAYLOADS = ("<script>window.__pwned = 1</script>", '<img src=x onerror="window.__pwned = 2">')
HOSTILE_TEXT = (
    f'The harbour master said "{PAYLOADS[0]} the bridge is safe" on Monday.\n'
    f"Officials claimed that {PAYLOADS[1]} the vote had been rigged.\n"
    "A spokesman for <b onmouseover=\"window.__pwned = 3\">Acme</b> said the company would appeal.\n"
)
HOSTILE = Document(id="hostile-<script>", text=HOSTILE_TEXT, title="<script>window.__pwned = 4</script>Hostile",
                   published="2031-04-20", url="javascript:window.__pwned = 5", outlet='<img src=x onerror="window.__pwned = 6">',
                   origin="tests/test_web_api.py")


def build_ledger(folder: Path) -> str:
    """A SQLite ledger of the example corpus and the hostile article; returns its URL."""
    url = f"sqlite:///{folder / 'web.db'}"
    with Ledger(url) as ledger:
        summary = ingest([str(CORPUS)], ledger)
        assert summary.failures == [] and summary.added == 16
        ledger.add(HOSTILE, analyze(HOSTILE.text, published=HOSTILE.published, name=HOSTILE.id))
        ledger.refresh()
    return url


def copy_ledger(url: str, folder: Path) -> str:
    """A copy of a SQLite ledger (through SQLite's backup API, so that the WAL is included)."""
    target = folder / "copy.db"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def client(app: Any) -> TestClient:
    return TestClient(app, base_url=BASE)


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_ledger(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def api(db_url: str) -> Iterator[TestClient]:
    with client(create_app(db_url)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(api: TestClient) -> dict[str, int]:
    """Article ids by document id."""
    rows = api.get("/api/articles", params={"limit": 200}).json()["articles"]
    return {r["doc_id"]: r["id"] for r in rows}


@pytest.fixture
def scratch(db_url: str, tmp_path: Path) -> str:
    """A copy of the module's ledger for tests that write."""
    return copy_ledger(db_url, tmp_path)


def error_of(response: Any, status: int, code: str, field: str | None = None) -> str:
    """Check the one error shape; return the message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["code"] == code
    assert body["error"]["field"] == field
    assert "expected" in body["error"]["message"]
    return str(body["error"]["message"])


# --- reading ----------------------------------------------------------------------------


def test_overview(api: TestClient) -> None:
    body = api.get("/api").json()
    assert body["stats"]["articles"] == 17 and body["stats"]["claims"] > 150 and not body["empty"]
    assert len(body["articles"]) == 10
    assert body["articles"][0]["url_page"] == f"/articles/{body['articles'][0]['id']}"


def test_articles_paginate(api: TestClient) -> None:
    first = api.get("/api/articles", params={"limit": 5}).json()
    assert len(first["articles"]) == 5
    assert first["page"]["total"] == 17 and first["page"]["prev"] is None
    assert first["page"]["next"] == "/api/articles?limit=5&offset=5"
    last = api.get("/api/articles", params={"limit": 5, "offset": 15}).json()
    assert len(last["articles"]) == 2 and last["page"]["next"] is None
    assert last["page"]["prev"] == "/api/articles?limit=5&offset=10"
    dates = [a["published"] for a in first["articles"]]
    assert dates == sorted(dates, reverse=True)


def test_article_has_text_claims_offsets_and_conflicts(api: TestClient, ids: dict[str, int]) -> None:
    aid = ids["harbourwire-2031-03-04-dranov"]
    body = api.get(f"/api/articles/{aid}").json()
    text = body["text"]
    assert body["article"]["id"] == aid and body["article"]["saved"] and body["article"]["length"] == len(text)
    assert body["links"] == {"page": f"/articles/{aid}", "json": f"/api/articles/{aid}"}
    assert len(body["claims"]) >= 8
    for claim in body["claims"]:
        record = claim["record"]
        assert claim["passage"] == f"/articles/{aid}#claim-{record['id']}"
        for role in ("source", "cue", "content"):
            for seg in (record[role] or {}).get("segments", []):
                assert text[seg["start"]:seg["end"]] == seg["text"]
    assert body["conflicts"] == sum(len(c["conflicts"]) for c in body["claims"]) > 0
    other = next(x for c in body["claims"] for x in c["conflicts"] if x["article_id"] != aid)
    assert other["passage"] == f"/articles/{other['article_id']}#claim-{other['idx']}"
    assert {"reason", "source", "content_text", "published"} <= set(other)
    assert any(s["url"] == "/sources/Korvian%20Ministry%20of%20Defence" for s in body["sources"])
    denial = next(c for c in body["claims"] if c["record"]["cue"] and c["record"]["cue"]["text"] == "denied")
    assert denial["source"] == "Korvian Ministry of Defence" and denial["contested"]


def test_article_bad_ids(api: TestClient) -> None:
    assert "article 999999" in error_of(api.get("/api/articles/999999"), 404, "not_found", "article_id")
    assert "whole number" in error_of(api.get("/api/articles/abc"), 422, "invalid", "article_id")


def test_claim_location(api: TestClient, ids: dict[str, int]) -> None:
    claims = api.get("/api/search", params={"q": "Vostrel", "limit": 1}).json()["claims"]
    found = api.get(f"/api/claims/{claims[0]['id']}").json()
    assert found["passage"] == f"/articles/{found['article_id']}#claim-{found['idx']}"
    error_of(api.get("/api/claims/99999999"), 404, "not_found", "claim_id")
    page = api.get(f"/claims/{claims[0]['id']}", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == found["passage"]


def test_sources(api: TestClient) -> None:
    body = api.get("/api/sources", params={"limit": 10}).json()
    assert len(body["sources"]) == 10 and body["page"]["total"] >= 30
    top = body["sources"][0]
    assert {"name", "kind", "affiliation", "claims", "first_seen", "last_seen", "contested_share", "url"} <= set(top)
    assert [s["claims"] for s in body["sources"]] == sorted((s["claims"] for s in body["sources"]), reverse=True)
    assert 0 <= top["contested_share"] <= 1


def test_source_lists_its_claims_over_time(api: TestClient) -> None:
    body = api.get("/api/sources/Korvian Ministry of Defence", params={"limit": 5}).json()
    src = body["source"]
    assert src["name"] == "Korvian Ministry of Defence" and src["kind"] == "government" and src["affiliation"] == "Korvia"
    assert src["claims"] == body["page"]["total"] >= 15 and len(body["claims"]) == 5
    assert "The Korvian MoD" in src["mentions"]
    dates = [c["published"] for c in body["claims"]]
    assert dates == sorted(dates, reverse=True)
    assert all(c["source"] == src["name"] for c in body["claims"])
    assert body["page"]["next"] == "/api/sources/Korvian%20Ministry%20of%20Defence?limit=5&offset=5"


def test_unknown_source(api: TestClient) -> None:
    message = error_of(api.get("/api/sources/Nobody At All"), 404, "not_found", "name")
    assert "Nobody At All" in message


def test_conflicts(api: TestClient) -> None:
    body = api.get("/api/conflicts", params={"limit": 100}).json()
    stats = api.get("/api").json()["stats"]
    assert body["page"]["total"] == stats["conflicts"] == len(body["conflicts"])
    ledger_wide = [c for c in body["conflicts"] if c["scope"] == "ledger"]
    assert ledger_wide
    for c in ledger_wide:
        for side in (c["a"], c["b"]):
            assert side["passage"] == f"/articles/{side['article_id']}#claim-{side['idx']}"
            assert side["source"] and side["content_text"]
    assert {c["reason"] for c in body["conflicts"]} >= {"opposite polarity", "incompatible numbers"}


def test_numbers(api: TestClient) -> None:
    body = api.get("/api/numbers", params={"event": "killed"}).json()
    assert body["event"] == "killed" and body["events"][0]["event"] == "killed"
    panel = next(p for p in body["panels"] if p["whose"] == "Korvia")
    sources = {s["source"] for s in panel["series"]}
    assert {"Serelian General Staff", "UK Ministry of Defence"} <= sources
    staff = next(s for s in panel["series"] if s["source"] == "Serelian General Staff")
    dates = [p["date"] for p in staff["points"]]
    assert dates == sorted(dates) and len(dates) >= 3
    assert all(p["passage"].startswith("/articles/") and "#claim-" in p["passage"] for p in staff["points"])
    assert api.get("/api/numbers", params={"event": "died"}).json()["event"] == "killed"  # same series
    assert api.get("/api/numbers").json()["event"] == "killed"  # the event with most figures
    error_of(api.get("/api/numbers", params={"event": "danced"}), 422, "invalid", "event")


@pytest.mark.parametrize(("params", "check"), [
    ({"q": "frigate"}, lambda c: "frigate" in (c["content_text"] + (c["source"] or "")).lower()),
    ({"stance": "negating"}, lambda c: c["cue_class"] == "negating"),
    ({"certainty": "hedged"}, lambda c: c["certainty"] == "hedged"),
    ({"band": "likely"}, lambda c: 55 <= (c["prob_low"] + c["prob_high"]) / 2 < 80),
    ({"since": "2031-04-01", "until": "2031-04-08"}, lambda c: "2031-04-01" <= (c["said_from"] or c["published"]) <= "2031-04-08"),
    ({"source": "UK Ministry of Defence", "q": "killed"}, lambda c: c["source"] == "UK Ministry of Defence"),
])
def test_search_filters(api: TestClient, params: dict[str, str], check: Any) -> None:
    body = api.get("/api/search", params=params).json()
    assert body["claims"], params
    assert all(check(c) for c in body["claims"])
    assert body["page"]["total"] >= len(body["claims"])
    assert {k: v for k, v in body["filters"].items() if v} == params
    for c in body["claims"]:
        assert c["passage"] == f"/articles/{c['article_id']}#claim-{c['idx']}"


def test_search_empty_fields_are_no_filter(api: TestClient) -> None:
    everything = api.get("/api/search", params={"limit": 1}).json()["page"]["total"]
    blank = api.get("/api/search", params={"q": "", "source": "", "stance": "", "band": "", "since": "", "limit": 1})
    assert blank.status_code == 200 and blank.json()["page"]["total"] == everything == api.get("/api").json()["stats"]["claims"]


@pytest.mark.parametrize(("params", "field", "words"), [
    ({"stance": "angry"}, "stance", "one of neutral"),
    ({"certainty": "sure"}, "certainty", "one of asserted"),
    ({"band": "certain"}, "band", "one of almost_certain"),
    ({"since": "2031-02-30"}, "since", "YYYY-MM-DD"),
    ({"until": "last week"}, "until", "YYYY-MM-DD"),
    ({"q": "!!!"}, "q", "search words"),
    ({"source": "Nobody At All"}, "source", "source"),
    ({"limit": "0"}, "limit", "at least 1"),
    ({"limit": "1000"}, "limit", "at most 200"),
    ({"offset": "-1"}, "offset", "at least 0"),
    ({"limit": "many"}, "limit", "whole number"),
])
def test_search_bad_requests(api: TestClient, params: dict[str, str], field: str, words: str) -> None:
    assert words in error_of(api.get("/api/search", params=params), 422, "invalid", field)


def test_unknown_route_and_method(api: TestClient) -> None:
    error_of(api.get("/api/nothing-here"), 404, "not_found")
    message = error_of(api.get("/api/analyse"), 405, "method_not_allowed")
    assert "POST" in message
    error_of(api.delete("/api/articles/1"), 405, "method_not_allowed")


def test_server_failures_keep_the_shape(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportedly.errors import LedgerError

    app = create_app(db_url)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        monkeypatch.setattr(app.state.ledger, "stats", lambda: (_ for _ in ()).throw(RuntimeError("boom")))
        error_of(c.get("/api"), 500, "internal")
        assert c.get("/").status_code == 500 and "text/html" in c.get("/").headers["content-type"]
        monkeypatch.setattr(app.state.ledger, "stats", lambda: (_ for _ in ()).throw(LedgerError("db", "a database")))
        error_of(c.get("/api"), 503, "unavailable")


# --- analysing and writing -----------------------------------------------------------------


def test_analyse_without_saving(api: TestClient) -> None:
    text = "The mayor said on Friday that the bridge would likely reopen in May."
    before = api.get("/api").json()["stats"]["articles"]
    body = api.post("/api/analyse", json={"text": text, "published": "2031-03-14"}).json()
    assert body["article"]["saved"] is False and body["article"]["id"] is None and body["text"] == text
    claim = body["claims"][0]
    assert claim["record"]["cue"]["text"] == "said" and claim["record"]["said_at"]["from"] == "2031-03-14"
    assert claim["passage"] == "#claim-0" and "likely" in claim["certainty"]
    assert api.get("/api").json()["stats"]["articles"] == before


def test_analyse_and_save(scratch: str) -> None:
    text = "Port officials said the ferry would resume service next week."
    with client(create_app(scratch)) as c:
        before = c.get("/api").json()["stats"]["articles"]
        body = c.post("/api/analyse", json={"text": text, "save": True, "title": "Ferry"}).json()
        assert body["new"] is True and body["article"]["saved"] and body["article"]["title"] == "Ferry"
        assert c.get(f"/api/articles/{body['article']['id']}").json()["text"] == text
        again = c.post("/api/analyse", json={"text": text, "save": True}).json()
        assert again["new"] is False and again["article"]["id"] == body["article"]["id"]
        assert c.get("/api").json()["stats"]["articles"] == before + 1


@pytest.mark.parametrize(("body", "field", "words"), [
    ({}, "text", "required"),
    ({"text": "   "}, "text", "article's text"),
    ({"text": "A said B.", "published": "14/03/2031"}, "published", "YYYY-MM-DD"),
    ({"text": "A said B.", "colour": "red"}, "colour", "no such field"),
    ({"text": 42}, "text", "a string"),
    ({"text": "A said B.", "save": "perhaps"}, "save", "true or false"),
])
def test_analyse_bad_requests(api: TestClient, body: dict[str, Any], field: str, words: str) -> None:
    assert words in error_of(api.post("/api/analyse", json=body), 422, "invalid", field)


def test_analyse_bad_json(api: TestClient) -> None:
    response = api.post("/api/analyse", content=b"{not json", headers={"content-type": "application/json"})
    assert "valid JSON" in error_of(response, 422, "invalid", "1")


def test_body_limit(db_url: str) -> None:
    with client(create_app(db_url, max_body=1000)) as c:
        message = error_of(c.post("/api/analyse", json={"text": "x" * 2000}), 413, "too_large", "body")
        assert "1,000 bytes" in message
        chunks = (b"x" * 400 for _ in range(5))  # no Content-Length: counted as it arrives
        error_of(c.post("/api/analyse", content=chunks, headers={"content-type": "application/json"}),
                 413, "too_large", "body")
        page = c.post("/analyse", data={"text": "y" * 2000})
        assert page.status_code == 413 and "text/html" in page.headers["content-type"]


def test_merge_and_split_sources(scratch: str) -> None:
    with client(create_app(scratch)) as c:
        done = c.post("/api/sources/merge", json={"name": "Lena Varga", "into": "Serelian Defence Ministry"})
        assert done.status_code == 200 and done.json()["into"] == "Serelian Defence Ministry"
        assert c.get("/api/sources/Lena Varga").json()["source"]["name"] == "Serelian Defence Ministry"  # by mention
        merged = c.get("/api/sources/Serelian Defence Ministry").json()["source"]
        assert "Lena Varga" in " ".join(merged["mentions"])
        split = c.post("/api/sources/split", json={"name": "Serelian Defence Ministry", "mention": "Lena Varga"})
        assert split.status_code == 200, split.text
        assert c.get("/api/sources/Lena Varga").json()["source"]["name"] == "Lena Varga"
        error_of(c.post("/api/sources/merge", json={"name": "Nobody At All", "into": "Lena Varga"}), 404, "not_found", "name")
        error_of(c.post("/api/sources/merge", json={"name": "Lena Varga", "into": "Nobody At All"}), 404, "not_found", "into")
        error_of(c.post("/api/sources/split", json={"name": "Lena Varga", "mention": "Zorro"}), 404, "not_found", "mention")
        error_of(c.post("/api/sources/merge", json={"name": "Lena Varga"}), 422, "invalid", "into")


def test_page_merge_form(scratch: str) -> None:
    with client(create_app(scratch)) as c:
        done = c.post("/sources/merge", data={"name": "Lena Varga", "into": "Serelian Defence Ministry"},
                      follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == "/sources/Serelian%20Defence%20Ministry"
        bad = c.post("/sources/merge", data={"name": "Lena Varga", "into": ""})
        assert bad.status_code == 422 and "text/html" in bad.headers["content-type"]


# --- tokens, hosts, origins ------------------------------------------------------------------


def test_writes_need_the_token_when_the_server_has_one(scratch: str) -> None:
    text = "The council said the library would close."
    with client(create_app(scratch, token="s3cret")) as c:
        assert c.get("/api/sources").status_code == 200  # reading needs no token
        assert c.post("/api/analyse", json={"text": text}).status_code == 200  # neither does analysing
        message = error_of(c.post("/api/analyse", json={"text": text, "save": True}), 401, "unauthorized", "token")
        assert "Authorization: Bearer" in message
        error_of(c.post("/api/analyse", json={"text": text, "save": True}, headers={"Authorization": "Bearer nope"}),
                 401, "unauthorized", "token")
        error_of(c.post("/api/sources/merge", json={"name": "Lena Varga", "into": "Serelian Defence Ministry"}),
                 401, "unauthorized", "token")
        ok = c.post("/api/analyse", json={"text": text, "save": True}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["new"]
        form = c.post("/sources/merge", data={"name": "Lena Varga", "into": "Serelian Defence Ministry", "token": "s3cret"},
                      follow_redirects=False)
        assert form.status_code == 303
        assert 'name="token"' in c.get("/analyse").text  # the forms ask for it


def test_public_host_needs_a_token(db_url: str) -> None:
    with pytest.raises(InputError, match="token"):
        create_app(db_url, host="0.0.0.0")
    with client(create_app(db_url, host="0.0.0.0", token="s3cret")) as c:
        assert c.get("/api", headers={"host": "ledger.example.org"}).status_code == 200


def test_loopback_server_answers_loopback_names_only(api: TestClient) -> None:
    message = error_of(api.get("/api", headers={"host": "evil.example:8000"}), 400, "bad_host", "host")
    assert "evil.example" in message
    assert api.get("/api", headers={"host": "localhost:8000"}).status_code == 200


def test_cross_site_writes_are_refused(scratch: str) -> None:
    with client(create_app(scratch)) as c:
        body = {"name": "Lena Varga", "into": "Serelian Defence Ministry"}
        error_of(c.post("/api/sources/merge", json=body, headers={"origin": "https://evil.example"}), 403, "forbidden", "origin")
        error_of(c.post("/api/sources/merge", json=body, headers={"sec-fetch-site": "cross-site"}), 403, "forbidden", "origin")
        error_of(c.post("/api/sources/merge", json=body, headers={"sec-fetch-site": "same-site"}), 403, "forbidden", "origin")
        error_of(c.post("/api/sources/merge", json=body, headers={"origin": "null"}), 403, "forbidden", "origin")
        same = {"origin": "http://127.0.0.1", "sec-fetch-site": "same-origin"}
        assert c.post("/api/sources/merge", json=body, headers=same).status_code == 200


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/articles", "/sources", "/sources/UK%20Ministry%20of%20Defence", "/conflicts",
                                  "/numbers?event=killed", "/search?q=frigate&stance=neutral"])
def test_pages_and_their_json_twins(api: TestClient, path: str) -> None:
    page = api.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    twin = "/api" + (path if path != "/" else "")
    assert f'href="{twin.replace("&", "&amp;")}"' in page.text  # the page links its twin
    data = api.get(twin).json()
    html = page.text
    for value in _names(data):  # what the twin holds, the page shows
        assert _escaped(value) in html, value


def _names(data: dict[str, Any]) -> list[str]:
    if "articles" in data:
        return [a["title"] for a in data["articles"][:5]]
    if "sources" in data:
        return [s["name"] for s in data["sources"][:5]]
    if "conflicts" in data:
        return [c["a"]["content_text"] for c in data["conflicts"][:5]]
    if "panels" in data:
        return [p["title"] for p in data["panels"]]
    return [c["content_text"] for c in data["claims"][:5]]


def _escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


def test_article_page_highlights(api: TestClient, ids: dict[str, int]) -> None:
    aid = ids["harbourwire-2031-03-04-dranov"]
    html = api.get(f"/articles/{aid}").text
    data = api.get(f"/api/articles/{aid}").json()
    for claim in data["claims"]:
        n = claim["idx"]
        assert f'id="claim-{n}" tabindex="0" role="button" aria-pressed="false" aria-describedby="rec-{n}"' in html
        assert f'id="rec-{n}"' in html
    for role in ("source", "cue", "content"):
        assert f'class="hl hl-{role}' in html
    assert "depth-1" in html  # a nested attribution
    assert '<script src="/static/article.js" defer></script>' in html


def test_page_errors_are_html_with_the_same_message(api: TestClient) -> None:
    page = api.get("/articles/999999")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "article 999999: expected the id of a stored article" in page.text
    bad = api.get("/search", params={"since": "never"})
    assert bad.status_code == 422 and "since: expected a date as YYYY-MM-DD" in bad.text
    assert api.get("/no/such/page").status_code == 404


def test_empty_ledger_front_page_offers_to_analyse(tmp_path: Path) -> None:
    with client(create_app(f"sqlite:///{tmp_path / 'empty.db'}")) as c:
        assert c.get("/api").json()["empty"] is True
        html = c.get("/").text
        assert "The ledger is empty" in html and 'action="/analyse"' in html and 'type="file"' in html


def test_analyse_page_paste_upload_and_save(scratch: str) -> None:
    text = "The coastguard said on Monday that two fishermen had been rescued."
    page_html = "<html><head><title>Rescue at sea</title></head><body><article><p>" + text + \
        " The crew of the lifeboat, the coastguard added, had searched for six hours in heavy seas.</p></article></body></html>"
    with client(create_app(scratch)) as c:
        pasted = c.post("/analyse", data={"text": text + "\r\nNobody else commented.", "published": "2031-05-05", "action": "analyse"})
        assert pasted.status_code == 200 and 'id="claim-0"' in pasted.text and "not saved" in pasted.text
        assert 'name="action" value="save"' in pasted.text  # offers to save
        upload = c.post("/analyse", files={"file": ("note.txt", text.encode(), "text/plain")}, data={"action": "analyse"})
        assert upload.status_code == 200 and 'id="claim-0"' in upload.text
        html = c.post("/analyse", files={"file": ("rescue.html", page_html.encode(), "text/html")}, data={"action": "analyse"})
        assert html.status_code == 200 and "Rescue at sea" in html.text and 'id="claim-0"' in html.text
        pdf = c.post("/analyse", files={"file": ("scan.pdf", b"%PDF-1.4", "application/pdf")}, data={"action": "analyse"})
        assert pdf.status_code == 415 and "scan.pdf: expected a .txt or .html file" in pdf.text
        empty = c.post("/analyse", data={"text": "  ", "action": "analyse"})
        assert empty.status_code == 422
        saved = c.post("/analyse", data={"text": text, "action": "save"}, follow_redirects=False)
        assert saved.status_code == 303 and saved.headers["location"].startswith("/articles/")
        assert c.get("/api" + saved.headers["location"]).json()["text"] == text


# --- untrusted text ---------------------------------------------------------------------------


def test_hostile_article_is_escaped_everywhere(api: TestClient, ids: dict[str, int]) -> None:
    aid = ids[HOSTILE.id]
    data = api.get(f"/api/articles/{aid}").json()
    assert data["text"] == HOSTILE_TEXT and data["article"]["title"] == HOSTILE.title  # JSON keeps it as data
    for path in (f"/articles/{aid}", "/", "/articles", "/search?q=vote", "/search?q=bridge"):
        html = api.get(path).text
        assert "<script>window" not in html and "<img src=x" not in html and "<b onmouseover" not in html, path
        assert "javascript:" not in html, path
    article = api.get(f"/articles/{aid}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in article


def test_security_headers(api: TestClient) -> None:
    response = api.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert api.get("/api").headers["content-security-policy"] == csp


# --- docs ------------------------------------------------------------------------------------


def test_docs_are_served_offline(api: TestClient) -> None:
    html = api.get("/docs").text
    assert "http://" not in html and "https://" not in html and "cdn" not in html.lower()
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css", "/static/docs.js"):
        assert asset in html and api.get(asset).status_code == 200
    assert "validatorUrl: null" in api.get("/static/docs.js").text
    spec = api.get("/openapi.json").json()
    assert spec["openapi"] == "3.0.3"
    assert {"/api/articles/{article_id}", "/api/search", "/api/analyse", "/api/sources/merge", "/api/numbers"} <= set(spec["paths"])
    assert "ErrorBody" in spec["components"]["schemas"]
    assert '"type": "null"' not in json.dumps(spec)  # 3.1-only; Swagger UI 4 reads 3.0


def test_every_static_asset_is_local(api: TestClient) -> None:
    for name in ("app.css", "article.js", "docs.js", "favicon.svg"):
        body = api.get(f"/static/{name}").text.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http://" not in body and "https://" not in body and "@import" not in body, name
    assert "innerHTML" not in api.get("/static/article.js").text


# --- the command -----------------------------------------------------------------------------


def test_serve_refuses_a_public_host_without_a_token(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTEDLY_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", db_url, "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--token" in result.output and "Traceback" not in result.output


def test_serve_names_a_busy_port(db_url: str) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", db_url, "--port", str(port)])
    assert result.exit_code == 1 and f"127.0.0.1:{port}: expected a free address" in result.output


def test_serve_names_a_bad_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path}/missing/dir/x.db"])
    assert result.exit_code == 1 and "expected a database file in an existing folder" in result.output


# --- PostgreSQL -------------------------------------------------------------------------------


def test_the_api_on_postgresql(pg_url: str) -> None:
    with Ledger(pg_url) as ledger:
        assert ingest([str(CORPUS)], ledger).failures == []
        with client(create_app(ledger=ledger)) as c:
            articles = c.get("/api/articles", params={"limit": 200}).json()["articles"]
            aid = next(a["id"] for a in articles if a["doc_id"] == "harbourwire-2031-03-04-dranov")
            body = c.get(f"/api/articles/{aid}").json()
            assert body["conflicts"] > 0 and len(body["claims"]) >= 8
            hits = c.get("/api/search", params={"q": "frigate", "stance": "neutral", "band": ""}).json()
            assert hits["claims"] and all(x["cue_class"] == "neutral" for x in hits["claims"])
            assert c.get("/api/search", params={"certainty": "hedged", "band": "likely"}).status_code == 200
            assert c.get("/api/sources/Korvian Ministry of Defence").json()["source"]["claims"] >= 15
            assert c.get("/api/numbers", params={"event": "killed"}).json()["panels"]
            assert c.get("/api/conflicts").json()["page"]["total"] > 0
            assert c.get("/").status_code == 200
