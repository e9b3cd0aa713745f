"""The ``reportedly`` spaCy component: wraps :func:`extract_attributions` and :func:`interpret`.

``nlp.add_pipe("reportedly")`` sets ``doc._.attributions`` (a tuple of
:class:`~reportedly.types.Attribution`, interpreted) and ``doc._.conflicts``,
and puts the source, cue and content spans in
``doc.spans["reportedly_source"|"reportedly_cue"|"reportedly_content"]`` so
spaCy users can display or filter them with the usual tools. Set
``doc._.published`` (an ISO date) before the component runs to resolve
relative times ("last week"): pass ``nlp.make_doc(text)`` Docs to ``nlp.pipe``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract_attributions
from .interpret import interpret
from .interpret.conflicts import Conflict
from .types import Attribution, TextSpan

for _name, _default in (("attributions", ()), ("conflicts", ()), ("published", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class Reportedly:
    """Pipeline component that finds attributions in a parsed Doc and, by default, interprets them."""

    def __init__(self, interpret: bool = True) -> None:
        self.interpret = interpret

    def __call__(self, doc: Doc) -> Doc:
        records: list[Attribution] = extract_attributions(doc)
        conflicts: list[Conflict] = []
        if self.interpret:
            records, conflicts = interpret(doc, records, doc._.published)
        doc._.attributions = tuple(records)
        doc._.conflicts = tuple(conflicts)
        for role in ("source", "cue", "content"):
            doc.spans[f"reportedly_{role}"] = [
                span
                for r in records
                for span in _doc_spans(doc, getattr(r, role), role)
            ]
        return doc


def _doc_spans(doc: Doc, span: TextSpan | None, label: str) -> list:  # type: ignore[type-arg]
    if span is None:
        return []
    out = []
    for seg in span.segments:
        s = doc.char_span(seg.start, seg.end, label=label, alignment_mode="expand")
        if s is not None:
            out.append(s)
    return out


@Language.factory("reportedly", default_config={"interpret": True})
def make_reportedly(nlp: Language, name: str, interpret: bool) -> Reportedly:
    """Create the component; it needs a parser before it. ``interpret=False`` finds spans only."""
    return Reportedly(interpret)

