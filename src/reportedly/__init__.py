"""reportedly: who claimed what, how confidently, when, and where sources disagree."""
from __future__ import annotations

from .api import analyze, analyze_many
from .errors import InputError, ModelError, ReportedlyError
from .extract import extract_attributions
from .types import SCHEMA_VERSION, Attribution, Entity, Report, Segment, TextSpan

__all__ = [
    "SCHEMA_VERSION",
    "Attribution",
    "Entity",
    "InputError",
    "ModelError",
    "Report",
    "ReportedlyError",
    "Segment",
    "TextSpan",
    "analyze",
    "analyze_many",
    "extract_attributions",
]
__version__ = "0.1.0"
