"""The errors reportedly raises: each names the input, what was expected, what to do."""
from __future__ import annotations


class ReportedlyError(Exception):
    """Base class: a problem a user can act on, shown as one line, never a traceback."""


class InputError(ReportedlyError):
    """An input (file, text, corpus) that reportedly cannot read as given."""

    def __init__(self, name: str, expected: str) -> None:
        self.name = name
        self.expected = expected
        super().__init__(f"{name}: expected {expected}")


class ModelError(ReportedlyError):
    """The English pipeline or the shipped model cannot be loaded."""


class LedgerError(ReportedlyError):
    """The ledger database cannot be reached or used as asked."""

    def __init__(self, url: str, expected: str) -> None:
        self.url = url
        self.expected = expected
        super().__init__(f"{url}: expected {expected}")
