"""The JSON API: every page's twin under ``/api``, plus the writes (analyse-and-save, merge, split).

Each route calls the same view function as its page and returns its data as it is.
Writes go through ``guard.check_write`` (same site; the token when the server has one).
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InputError
from ..ledger import Ledger
from . import analysis, article, chart, views
from .errors import WebError
from .guard import check_write


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable code: not_found, invalid, too_large, unauthorized, ...")
    message: str = Field(description="What was wrong with which input, what was expected, and what to do.")
    field: str | None = Field(description="The parameter or body field at fault, if one is.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class AnalyseBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="The article's text (UTF-8); offsets in the answer refer to it.",
                      max_length=analysis.MAX_TEXT)
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD; resolves 'on Friday'.",
                                  examples=["2031-03-02"])
    title: str | None = Field(None, description="A title; by default the text's first line.", max_length=300)
    save: bool = Field(False, description="Store the article in the ledger (needs the token when the server "
                                          "has one).")


class MergeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, description="The source to merge, as the Sources page names it.")
    into: str = Field(min_length=1, description="The source it is the same as.")


class SplitBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, description="A source.")
    mention: str = Field(min_length=1, description="One of its mentions, as written, to become a source of its own.")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text} for code, text in
    ((404, "Not found"), (413, "Body too large"), (422, "Invalid parameters"))}
router = APIRouter(prefix="/api", responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=views.MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Rows to skip.")]


def ledger_of(request: Request) -> Ledger:
    store: Ledger = request.app.state.ledger
    return store


LedgerDep = Annotated[Ledger, Depends(ledger_of)]


@router.get("", tags=["ledger"], summary="What the ledger holds, and the latest articles (the front page)")
def overview(ledger: LedgerDep) -> dict[str, Any]:
    return views.overview(ledger)


@router.get("/articles", tags=["articles"], summary="Stored articles, newest first")
def articles(request: Request, ledger: LedgerDep, limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    return views.articles(ledger, request.url, limit, offset)


@router.get("/articles/{article_id}", tags=["articles"],
            summary="One article: text, claims with their full records and offsets, conflicts")
def article_page(article_id: int, ledger: LedgerDep) -> dict[str, Any]:
    try:
        return article.stored(ledger, article_id)
    except InputError as exc:
        raise WebError(404, str(exc), field="article_id") from exc


@router.get("/claims/{claim_id}", tags=["claims"], summary="Where one claim is (its article and passage)")
def claim(claim_id: int, ledger: LedgerDep) -> dict[str, Any]:
    return views.claim(ledger, claim_id)


@router.get("/search", tags=["claims"], summary="Full-text search over claims, with filters")
def search(request: Request, ledger: LedgerDep,
           q: Annotated[str | None, Query(description="Words to find in the content or source.")] = None,
           source: Annotated[str | None, Query(description="Only this canonical source.")] = None,
           since: Annotated[str | None, Query(description="Said on or after, YYYY-MM-DD.")] = None,
           until: Annotated[str | None, Query(description="Said on or before, YYYY-MM-DD.")] = None,
           stance: Annotated[str | None, Query(description=f"One of {', '.join(views.STANCES)}.")] = None,
           certainty: Annotated[str | None, Query(description=f"One of {', '.join(views.STATUSES)}.")] = None,
           band: Annotated[str | None, Query(description=f"One of {', '.join(views.BANDS)}.")] = None,
           limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    filters = views.ClaimFilters.parse({"q": q, "source": source, "since": since, "until": until,
                                        "stance": stance, "certainty": certainty, "band": band})
    return views.search(ledger, request.url, filters, limit, offset)


@router.get("/sources", tags=["sources"], summary="Canonical sources with kind, affiliation, claims, dates")
def sources(request: Request, ledger: LedgerDep, limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    return views.sources(ledger, request.url, limit, offset)


@router.post("/sources/merge", tags=["sources"], summary="Merge one source into another (a lasting correction)")
def merge(body: MergeBody, request: Request, ledger: LedgerDep) -> dict[str, Any]:
    check_write(request)
    try:
        merged, into = ledger.merge_sources(body.name, body.into)
    except InputError as exc:
        raise WebError(404, str(exc), field="name" if exc.name == body.name else "into") from exc
    return {"merged": merged, "into": into, "url": article.source_url(into)}


@router.post("/sources/split", tags=["sources"], summary="Split one mention off a source")
def split(body: SplitBody, request: Request, ledger: LedgerDep) -> dict[str, Any]:
    check_write(request)
    try:
        key = ledger.split_source(body.name, body.mention)
    except InputError as exc:
        raise WebError(404, str(exc), field="mention" if exc.name == body.mention else "name") from exc
    return {"split": body.mention, "from": body.name, "key": key}


@router.get("/sources/{name:path}", tags=["sources"], summary="One source and its claims over time")
def source(name: str, request: Request, ledger: LedgerDep, limit: Limit = views.PAGE_SIZE,
           offset: Offset = 0) -> dict[str, Any]:
    return views.source(ledger, request.url, name, limit, offset)


@router.get("/conflicts", tags=["conflicts"], summary="Pairs of conflicting claims, located at their passages")
def conflicts(request: Request, ledger: LedgerDep, limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    return views.conflicts(ledger, request.url, limit, offset)


@router.get("/numbers", tags=["numbers"], summary="Claimed figures for a counted event, per source over time")
def numbers(ledger: LedgerDep, event: Annotated[str | None, Query(
        description="A counted event, e.g. killed; by default the one with most figures.")] = None) -> dict[str, Any]:
    return chart.numbers(ledger, event)


@router.post("/analyse", tags=["analyse"], summary="Analyse a text; with save=true, store it in the ledger")
def analyse(body: AnalyseBody, request: Request, ledger: LedgerDep) -> dict[str, Any]:
    if body.save:
        check_write(request)
    doc = analysis.from_text(body.text, published=body.published, title=body.title)
    report = analysis.analyse(doc)
    if not body.save:
        return article.unsaved(doc, report)
    added = analysis.save(ledger, doc, report)
    return {**article.stored(ledger, added.article_id), "new": added.new}
