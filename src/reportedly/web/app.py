"""The web app over the ledger: ``create_app(db_url)`` gives a FastAPI application serving
the pages, their JSON twins under ``/api``, and the OpenAPI docs at ``/docs``.

Nothing is fetched from the network: the styles and scripts are the package's own
(``static/``), and Swagger UI comes from the ``swagger_ui_bundle`` package.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import jinja2
import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..errors import InputError
from ..ledger import Ledger
from . import api, errors, format, marks, pages
from .guard import LOOPBACK_NAMES, TOKEN_ENV, Guard, is_loopback

MAX_BODY = 12 * 1024 * 1024  # bytes: a 10 MiB file (what `reportedly ingest` reads) and the form around it


def create_app(db_url: str | None = None, *, token: str | None = None, host: str = "127.0.0.1",
               max_body: int = MAX_BODY, ledger: Ledger | None = None) -> FastAPI:
    """The app for the ledger at ``db_url`` (or an open ``ledger``), to be served on ``host``.

    Writes (save, merge, split) need ``token`` when one is given; a ``host`` other than
    loopback needs one. Raises ``InputError`` for a public host without a token and
    ``LedgerError`` when the database cannot be opened.
    """
    if not is_loopback(host) and not token:
        raise InputError(f"--host {host}", f"a write token for a server that other machines can reach; pass "
                         f"--token or set {TOKEN_ENV}, or listen on 127.0.0.1")
    store = ledger if ledger is not None else Ledger(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if ledger is None:
            store.close()

    app = FastAPI(title="reportedly", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who claimed what, in a ledger of news articles. Every page of the web app has "
                              "a JSON twin here; errors have one shape: "
                              '`{"error": {"code", "message", "field"}}`.')
    templates = Jinja2Templates(env=_environment())
    app.state.ledger, app.state.token, app.state.templates, app.state.max_body = store, token, templates, max_body

    def html_error(request: Request, status: int, error: dict[str, Any]) -> HTMLResponse:
        response: HTMLResponse = templates.TemplateResponse(
            request, "error.html", {"error": error, "status": status, "json_url": None, "section": "",
                                    "ledger_name": store.shown, "token_required": bool(token)},
            status_code=status)
        return response

    def any_error(request: Request, status: int, body: dict[str, Any]) -> Response:
        return errors.error_response(request, status, body, html_error)

    errors.install(app, html_error)
    app.add_middleware(Guard, max_body=max_body, render=any_error,
                       allowed_hosts=LOOPBACK_NAMES | {host.strip("[]").lower()} if is_loopback(host) else None)
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(packages=[("reportedly.web", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            app.openapi_schema = {**_openapi_30(schema), "openapi": "3.0.3"}
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _environment() -> jinja2.Environment:
    """Jinja2 with autoescaping on for every template: article text and every user string is untrusted."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("reportedly.web", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(format.FILTERS)
    env.globals["highlight"] = lambda text, claims: marks.tokens(text, marks.marks_of(
        [c["record"] for c in claims], len(text)))
    return env


def _openapi_30(node: Any) -> Any:
    """OpenAPI 3.1 as 3.0.3 (the packaged Swagger UI 4 reads 3.0): ``anyOf [X, null]`` becomes ``nullable``."""
    if isinstance(node, list):
        return [_openapi_30(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _openapi_30(v) for k, v in node.items()}
    options = out.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        del out["anyOf"]
        if len(rest) == 1 and "$ref" not in rest[0]:
            out.update(rest[0])
        else:
            out["allOf" if len(rest) == 1 else "anyOf"] = rest
        out["nullable"] = True
    if "const" in out and not isinstance(out["const"], dict):
        out["enum"] = [out.pop("const")]
    return out


def _version() -> str:
    try:
        return version("reportedly")
    except PackageNotFoundError:  # pragma: no cover - a source checkout that was never installed
        return "0"
