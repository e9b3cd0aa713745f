"""The library entry point: text in, :class:`~reportedly.types.Report` out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from spacy.tokens import Doc

from .errors import InputError
from .evaluate import ROLES, Scores
from .pipeline import load_nlp
from .types import Report

MAX_CHARS = 2_000_000  # spaCy's parser default ceiling is 1,000,000 characters per Doc


def check_date(value: str | None, *, name: str = "--published") -> str | None:
    """Return ``value`` if it is an ISO date (YYYY-MM-DD), else raise InputError."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise InputError(name, f"a date as YYYY-MM-DD, got {value!r}") from exc


def analyze(text: str, *, published: str | None = None, name: str | None = None) -> Report:
    """Find the attributions in ``text``; offsets refer to ``text`` exactly as given."""
    return next(analyze_many([(name, text)], published=published))


def analyze_many(
    items: Iterable[tuple[str | None, str]], *, published: str | None = None, batch_size: int = 16
) -> Iterator[Report]:
    """Analyse ``(name, text)`` pairs in a stream; yields one Report per item, in order."""
    published = check_date(published)
    nlp = load_nlp()
    nlp.max_length = max(nlp.max_length, MAX_CHARS)
    pairs = list(items) if not isinstance(items, list) else items

    def docs() -> Iterator[Doc]:
        for name, text in pairs:
            if len(text) > MAX_CHARS:
                raise InputError(name or "<text>", f"at most {MAX_CHARS:,} characters; split the document")
            doc = nlp.make_doc(text)
            doc._.published = published
            yield doc

    for (name, text), doc in zip(pairs, nlp.pipe(docs(), batch_size=batch_size)):
        yield Report(text=text, attributions=doc._.attributions, published=published, name=name,
                     conflicts=doc._.conflicts)


def below_floors(
    scores: Scores, floors: Mapping[str, Any], *, name: str = "floors"
) -> list[tuple[str, float, float]]:
    """Return ``(figure, value, floor)`` for every figure of ``scores`` under its floor.

    ``floors`` mirrors :meth:`Scores.to_dict`, e.g.
    ``{"roles": {"source": {"exact": {"f1": 0.7}}}, "whole": {"f1": 0.7}}``; the
    ``"roles"`` level may be left out. Figures are named by dotted path without
    it (``source.exact.f1``, ``whole.f1``) and compared at the four decimals
    ``to_dict`` reports. Raises ``InputError`` (named ``name``) for a figure
    that does not exist or a floor that is not a number.
    """
    actual = scores.to_dict()
    failures: list[tuple[str, float, float]] = []

    def walk(floor: Any, have: Any, path: tuple[str, ...]) -> None:
        label = ".".join(p for p in path if p != "roles") or "(top)"
        if isinstance(floor, Mapping):
            if not isinstance(have, Mapping):
                raise InputError(name, f"a number as the floor of {label}, found an object")
            for key, sub in floor.items():
                if key not in have:
                    known = ", ".join(sorted(have))
                    raise InputError(
                        name, f"known figures under {label} ({known}), found {key!r}; fix the key"
                    )
                walk(sub, have[key], (*path, key))
            return
        if isinstance(floor, bool) or not isinstance(floor, (int, float)):
            raise InputError(name, f"a number as the floor of {label}, found {floor!r}")
        if isinstance(have, Mapping):
            raise InputError(name, f"an object under {label} (e.g. {{\"f1\": 0.7}}), found a number")
        if have < floor:
            failures.append((label, have, float(floor)))

    # Accept {"source": ...} as shorthand for {"roles": {"source": ...}}.
    shorthand = {k: v for k, v in floors.items() if k in ROLES}
    rest = {k: v for k, v in floors.items() if k not in ROLES}
    if shorthand and isinstance(rest.get("roles", {}), Mapping):
        rest = {**rest, "roles": {**rest.get("roles", {}), **shorthand}}
    walk(rest, actual, ())
    return failures
