"""What every command shares: one-line messages on stderr, the exit on a fatal problem, date options."""
from __future__ import annotations

import sys
from typing import NoReturn

import click

from .api import check_date
from .errors import InputError

PROG = "reportedly"


def _say(kind: str, message: str) -> None:
    click.echo(f"{PROG}: {kind}: {message}", err=True)


def _error(exc: BaseException | str) -> None:
    _say("error", str(exc))


def _fail(message: str) -> NoReturn:
    """Stop the whole command on a problem no document can get past (exit 1)."""
    _error(message)
    sys.exit(1)


def _validate_published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return check_date(value)
    except InputError as exc:
        raise click.BadParameter(
            f"expected a calendar date as YYYY-MM-DD (e.g. 2024-03-15), got {value!r}"
        ) from exc
