"""The HTML pages. Each renders the same data its JSON twin under ``/api`` returns."""
from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from ..errors import InputError
from ..ledger import Ledger
from . import analysis, article, chart, views
from .errors import WebError
from .guard import check_write

router = APIRouter(include_in_schema=False)

Limit = Annotated[int, Query(ge=1, le=views.MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=10**9)]
MAX_FIELDS = 12


def render(request: Request, template: str, data: dict[str, Any], *, json_url: str | None = None,
           section: str = "", status: int = 200, **extra: Any) -> HTMLResponse:
    """A page from ``data`` (the JSON twin's data), with the site's frame around it."""
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, {"data": data, "json_url": json_url, "section": section,
                            "ledger_name": request.app.state.ledger.shown,
                            "token_required": bool(request.app.state.token), **extra},
        status_code=status)
    return response


def _ledger(request: Request) -> Ledger:
    store: Ledger = request.app.state.ledger
    return store


def _json_twin(request: Request) -> str:
    path, query = quote(request.url.path), request.url.query
    return "/api" + (path if path != "/" else "") + (f"?{query}" if query else "")


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    data = views.overview(_ledger(request))
    return render(request, "home.html", data, json_url="/api", section="home", bands=views.BANDS)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> HTMLResponse:
    data = views.articles(_ledger(request), request.url, limit, offset)
    return render(request, "articles.html", data, json_url=_json_twin(request), section="articles")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int) -> HTMLResponse:
    try:
        data = article.stored(_ledger(request), article_id)
    except InputError as exc:
        raise WebError(404, str(exc), field="article_id") from exc
    return render(request, "article.html", data, json_url=_json_twin(request), section="articles")


@router.get("/claims/{claim_id}")
def claim(request: Request, claim_id: int) -> Response:
    found = views.claim(_ledger(request), claim_id)
    return RedirectResponse(found["passage"], status_code=303)


@router.get("/analyse", response_class=HTMLResponse)
def analyse_form(request: Request) -> HTMLResponse:
    return render(request, "analyse.html", {}, section="analyse")


@router.post("/analyse", response_class=HTMLResponse)
async def analyse(request: Request) -> Response:
    form = await _form(request)
    save = _field(form, "action") == "save"
    if save:
        check_write(request, _field(form, "token"))
    upload = form.get("file")
    published, title = _field(form, "published"), _field(form, "title")
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read()
        doc = await run_in_threadpool(analysis.from_upload, upload.filename, raw, published=published, title=title)
    else:
        doc = analysis.from_text(_field(form, "text") or "", published=published, title=title)
    report = await run_in_threadpool(analysis.analyse, doc)
    if save:
        added = await run_in_threadpool(analysis.save, _ledger(request), doc, report)
        return RedirectResponse(f"/articles/{added.article_id}", status_code=303)
    data = article.unsaved(doc, report)
    return render(request, "article.html", data, section="analyse", draft=doc)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> HTMLResponse:
    data = views.sources(_ledger(request), request.url, limit, offset)
    return render(request, "sources.html", data, json_url=_json_twin(request), section="sources")


@router.post("/sources/merge")
async def merge(request: Request) -> Response:
    form = await _form(request)
    check_write(request, _field(form, "token"))
    name, into = _field(form, "name") or "", _field(form, "into") or ""
    for field, value in (("name", name), ("into", into)):
        if not value.strip():
            raise WebError(422, f"{field}: expected a source name, found nothing; type the name of the "
                           "source it is the same as", field=field)
    try:
        _, target = await run_in_threadpool(_ledger(request).merge_sources, name, into)
    except InputError as exc:
        raise WebError(404, str(exc), field="name" if exc.name == name else "into") from exc
    return RedirectResponse(article.source_url(target) or "/sources", status_code=303)


@router.get("/sources/{name:path}", response_class=HTMLResponse)
def source(request: Request, name: str, limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> HTMLResponse:
    data = views.source(_ledger(request), request.url, name, limit, offset)
    return render(request, "source.html", data, json_url=_json_twin(request), section="sources")


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> HTMLResponse:
    data = views.conflicts(_ledger(request), request.url, limit, offset)
    return render(request, "conflicts.html", data, json_url=_json_twin(request), section="conflicts")


@router.get("/numbers", response_class=HTMLResponse)
def numbers(request: Request, event: str | None = None) -> HTMLResponse:
    data = chart.numbers(_ledger(request), event)
    charts = [chart.layout(panel) for panel in data["panels"]]
    return render(request, "numbers.html", data, json_url=_json_twin(request), section="numbers", charts=charts)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, limit: Limit = views.PAGE_SIZE, offset: Offset = 0) -> HTMLResponse:
    filters = views.ClaimFilters.parse(request.query_params)
    data = views.search(_ledger(request), request.url, filters, limit, offset)
    return render(request, "search.html", data, json_url=_json_twin(request), section="search",
                  stances=views.STANCES, statuses=views.STATUSES, bands=views.BANDS)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI for /openapi.json, served from the package's own copy (no CDN)."""
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, "docs.html", {})
    return response


async def _form(request: Request) -> FormData:
    return await request.form(max_files=1, max_fields=MAX_FIELDS, max_part_size=request.app.state.max_body)


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None
