"""What stands between the network and the app: trusted Host names, a request body limit,
security headers, and the write check (same-site requests only; the token when the server has one).

The body limit is enforced twice: a declared ``Content-Length`` over the limit is
refused before anything is read, and a body sent without one is counted as it
arrives. The Host check stops DNS rebinding: a server on loopback answers only to
loopback names.
"""
from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import WebError, error_body

TOKEN_ENV = "REPORTEDLY_TOKEN"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'{style}; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
PAGE_CSP = _CSP.format(style="")
DOCS_CSP = _CSP.format(style=" 'unsafe-inline'")  # Swagger UI sets inline styles; its scripts still come from here
HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY"}

ErrorRender = Callable[[Request, int, dict[str, Any]], Response]


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) only reaches this machine."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class BodyTooLarge(WebError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body: expected at most {limit:,} bytes; send a smaller file or text "
                         "(split a long document)", field="body")


class Guard:
    """ASGI middleware: Host check, body limit, security headers on every response."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: frozenset[str] | None,
                 render: ErrorRender) -> None:
        self.app, self.max_body, self.allowed_hosts, self.render = app, max_body, allowed_hosts, render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._refusal(headers)
        if refusal is not None:
            status, body = refusal
            await self.render(Request(scope), status, body)(scope, receive, self._with_headers(scope, send))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        await self.app(scope, counted, self._with_headers(scope, send))

    def _refusal(self, headers: Headers) -> tuple[int, dict[str, Any]] | None:
        if self.allowed_hosts is not None:
            host = _hostname(headers.get("host", ""))
            if host not in self.allowed_hosts:
                return 400, error_body("bad_host", f"Host {host!r}: expected a loopback name "
                                       f"({', '.join(sorted(self.allowed_hosts))}) because this server listens on "
                                       "loopback only; open it as http://127.0.0.1:PORT/", "host")
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                return 400, error_body("bad_request", f"Content-Length {length!r}: expected a number of bytes; "
                                       "fix the client", "content-length")
            if int(length) > self.max_body:
                return 413, BodyTooLarge(self.max_body).body()
        return None

    @staticmethod
    def _with_headers(scope: Scope, send: Send) -> Send:
        docs = scope.get("path", "") == "/docs"

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for key, value in HEADERS.items():
                    out.setdefault(key, value)
                out.setdefault("content-security-policy", DOCS_CSP if docs else PAGE_CSP)
            await send(message)

        return sending


def check_write(request: Request, form_token: str | None = None) -> None:
    """Allow a write (save, merge, split) or raise ``WebError``: it must come from this site (no
    cross-site form or script may write to a loopback ledger), with the token if the server has one."""
    site = request.headers.get("sec-fetch-site")  # sent by every current browser
    origin = request.headers.get("origin")
    if site is not None:
        same = site in ("same-origin", "none")  # "none": typed or bookmarked by the user
    else:
        same = origin is None or urlsplit(origin).netloc == request.headers.get("host")
    if not same:
        raise WebError(403, f"{request.url.path}: expected a request from this site, got one from "
                       f"{origin or 'another site'}; use the app's own pages or call the API directly",
                       field="origin")
    token: str | None = request.app.state.token
    if not token:
        return
    given = form_token or request.headers.get("x-reportedly-token") or ""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise WebError(401, f"{request.url.path}: expected the server's write token ({'a wrong one was given' if given else 'none was given'}); "
                       f"send 'Authorization: Bearer TOKEN' (or fill the token field) with the value of --token or "
                       f"{TOKEN_ENV}", field="token", headers={"WWW-Authenticate": "Bearer"})


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[1:].split("]", 1)[0].lower()
    return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()
