"""The JSON Schema (draft 2020-12) of reportedly's JSON output.

``schema()`` describes one report (``Report.to_dict()``); its
``$defs/collection`` describes the ``{"schema_version", "documents"}`` wrapper
that ``reportedly extract --format json`` prints.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

SCHEMA_FILE = "report.schema.json"


def schema() -> dict[str, Any]:
    """Return the report schema as a fresh dict (callers may modify it)."""
    loaded: dict[str, Any] = json.loads(_text())
    return loaded


def collection_schema() -> dict[str, Any]:
    """Return a schema for the ``--format json`` wrapper, self-contained."""
    full = schema()
    return {
        "$schema": full["$schema"],
        "$ref": "#/$defs/collection",
        "$defs": {**full["$defs"], "report": full},
    }


@lru_cache(maxsize=1)
def _text() -> str:
    return files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


__all__ = ["SCHEMA_FILE", "collection_schema", "schema"]
