"""``reportedly serve``: the web app and JSON API over the ledger (a thin layer over ``reportedly.web``)."""
from __future__ import annotations

import socket
import sys

import click

from .cliutil import PROG, _fail, _say
from .errors import ReportedlyError
from .ledger.store import DEFAULT_URL

DB_ENV = "REPORTEDLY_DB"
TOKEN_ENV = "REPORTEDLY_TOKEN"


@click.command("serve")
@click.option("--db", metavar="URL", envvar=DB_ENV, show_envvar=True,
              help=f"Ledger database: sqlite:///FILE, a file path, or postgresql://... [default: {DEFAULT_URL}]")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--token", envvar=TOKEN_ENV, show_envvar=True,
              help="Token that writes (save, merge, split) must send as 'Authorization: Bearer TOKEN'.")
def serve_command(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the ledger as a web app and a JSON API (OpenAPI docs at /docs).

    With no arguments it serves reportedly.db in this folder, on
    http://127.0.0.1:8000/. Stop it with Ctrl+C.

    \b
    Example:
      reportedly serve --db sqlite:///news.db
      REPORTEDLY_TOKEN=s3cret reportedly serve --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from .web import create_app, is_loopback

    if not is_loopback(host) and not token:
        raise click.UsageError(f"--host {host}: expected a write token for a server that other machines can "
                               f"reach; pass --token or set {TOKEN_ENV}, or listen on 127.0.0.1")
    try:
        app = create_app(db, token=token, host=host)
    except ReportedlyError as exc:
        _fail(str(exc))
    sock = _bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    click.echo(f"{PROG}: serving {app.state.ledger.shown} at {url} (API docs: {url}docs); press Ctrl+C to stop")
    if not token:
        _say("note", "writes need no token on loopback; pass --token to require one")
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # pragma: no cover - uvicorn handles the signal itself
        pass
    sys.exit(0)


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket, or one line naming the address and what to do."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        _fail(f"{host}:{port}: expected a free address to listen on ({exc.strerror or exc}); pass another "
              "--port, or stop the server that uses it")
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


COMMANDS = [serve_command]
