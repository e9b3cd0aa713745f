"""One error shape for the whole web app: ``{"error": {"code", "message", "field"}}``.

API routes (``/api/...``, ``/openapi.json``) answer with that JSON; pages answer
with an HTML page that shows the same three things. Every message names the
input, says what was expected and what to do, as the command line's do.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import LedgerError, ReportedlyError

CODES: Mapping[int, str] = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                            405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
                            422: "invalid", 500: "internal", 503: "unavailable"}

HtmlRenderer = Callable[[Request, int, dict[str, Any]], HTMLResponse]


class WebError(HTTPException):
    """A request the app cannot serve as asked: an HTTP status, a stable code, a message, the offending field."""

    def __init__(self, status: int, message: str, *, field: str | None = None, code: str | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, message, dict(headers) if headers else None)
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.field = field

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.field)


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"code": code, "message": message, "field": field}}


def wants_json(path: str) -> bool:
    return path == "/api" or path.startswith(("/api/", "/openapi.json"))


def error_response(request: Request, status: int, body: dict[str, Any], render_html: HtmlRenderer,
                   headers: Mapping[str, str] | None = None) -> Response:
    """``body`` (the one shape) as JSON for the API, or as an HTML page for a page."""
    if wants_json(request.url.path):
        return JSONResponse(body, status_code=status, headers=dict(headers) if headers else None)
    page = render_html(request, status, body["error"])
    if headers:
        page.headers.update(headers)
    return page


def install(app: FastAPI, render_html: HtmlRenderer) -> None:
    """Route every error through the one shape: JSON for the API, an HTML page for pages."""

    def respond(request: Request, status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> Response:
        return error_response(request, status, body, render_html, headers)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if isinstance(exc, WebError):
            return respond(request, exc.status_code, exc.body(), exc.headers)
        return respond(request, exc.status_code, error_body(CODES.get(exc.status_code, "error"),
                                                            _http_message(request, exc)), exc.headers)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        field, message = _validation_message(exc)
        return respond(request, 422, error_body("invalid", message, field))

    async def on_reportedly(request: Request, exc: Exception) -> Response:
        if isinstance(exc, LedgerError):  # the database went away or refused a write
            return respond(request, 503, error_body("unavailable", str(exc)))
        return respond(request, 400, error_body("bad_request", str(exc)))

    async def on_crash(request: Request, exc: Exception) -> Response:
        return respond(request, 500, error_body("internal", f"{request.method} {request.url.path}: expected to "
                       "answer, but the server failed; its log shows why: please report it"))

    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(ReportedlyError, on_reportedly)
    app.add_exception_handler(Exception, on_crash)


def _http_message(request: Request, exc: HTTPException) -> str:
    where = f"{request.method} {request.url.path}"
    if exc.status_code == 404:
        return (f"{request.url.path}: expected a page or an API route of this server, found none; "
                "see / for the pages and /docs for the API")
    if exc.status_code == 405:
        allowed = next((v for k, v in (exc.headers or {}).items() if k.lower() == "allow"), "")
        return f"{where}: expected one of the methods {allowed or 'this route takes'}; use one of those"
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return f"{where}: {detail}"


def _validation_message(exc: RequestValidationError) -> tuple[str | None, str]:
    """The first problem, as ``field: expected ..., got ...; what to do``."""
    errors = list(exc.errors())
    if not errors:
        return None, "the request: expected valid parameters; see /docs"
    first = errors[0]
    parts = first.get("loc", ())
    where = str(parts[0]) if parts else "request"
    field = ".".join(str(p) for p in parts[1:]) or None
    got = first.get("input")
    shown = "" if first.get("type") in ("missing", "json_invalid") or isinstance(got, (dict, list)) \
        else f", got {got!r}"
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return field, (f"{field or where}: expected {_expected(first)}{shown}{more}; "
                   f"fix the {where} and see /docs for this route's parameters")


def _expected(error: Mapping[str, Any]) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    known = {"missing": "a value (it is required)", "int_parsing": "a whole number", "int_type": "a whole number",
             "bool_parsing": "true or false", "bool_type": "true or false", "string_type": "a string",
             "json_invalid": "a valid JSON body", "model_attributes_type": "a JSON object",
             "dict_type": "a JSON object", "extra_forbidden": "no such field",
             "greater_than_equal": f"a number of at least {ctx.get('ge')}",
             "less_than_equal": f"a number of at most {ctx.get('le')}",
             "string_too_long": f"at most {ctx.get('max_length')} characters",
             "string_too_short": f"at least {ctx.get('min_length')} characters"}
    if kind in known:
        return known[kind]
    msg = str(error.get("msg", "a valid value")).removeprefix("Value error, ")
    return msg[:1].lower() + msg[1:]
