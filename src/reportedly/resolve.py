"""Source typing and in-document resolution of pronoun and short-description sources.

Typing follows the source classes of PARC 3.0 (Pareti, 2016) folded into
five: named person, named organisation, government or country, unnamed, and
document/report. Resolution is a small precision-first sieve after Lee et
al. (2013): a pronoun goes to the nearest earlier compatible speaker or named
entity; a definite description ("the ministry") to the nearest earlier
mention with the same head noun.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from .features import text_of
from .spans import EDGE_PUNCT, QUOTES, strip_edges
from .types import Attribution, Entity, SourceType

GOVERNMENT_WORDS = {
    "ministry", "government", "department", "pentagon", "kremlin", "military", "army", "navy",
    "intelligence", "defense", "defence", "administration", "cabinet", "parliament", "embassy",
    "white", "whitehall", "state", "mod", "forces", "council", "commission", "police",
}
UNNAMED_HEADS = {
    "official", "source", "person", "people", "analyst", "expert", "observer", "critic", "aide",
    "diplomat", "officer", "resident", "witness", "insider", "report", "someone", "many", "some",
    "others", "spokesman", "spokeswoman", "spokesperson", "lawmaker", "voter", "member", "staff",
    "investigator", "economist", "strategist", "adviser", "advisor", "commander", "leader",
}
DOCUMENT_HEADS = {
    "report", "study", "poll", "survey", "statement", "document", "memo", "assessment", "update",
    "data", "analysis", "filing", "letter", "release", "review", "audit", "figures", "record",
}
PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = {"they", "them", "we"}


def _np_tokens(head: Token) -> list[Token]:
    return list(head.subtree)


def classify_source(head: Token | None) -> SourceType:
    """The kind of source headed by ``head``."""
    if head is None:
        return "unknown"
    if head.pos_ == "PRON":
        return "pronoun"
    toks = _np_tokens(head)
    lemma = head.lemma_.lower()
    ents = {t.ent_type_ for t in toks if t.ent_type_}
    has_proper = any(t.pos_ == "PROPN" for t in toks)
    if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and "PERSON" in ents):
        return "person"
    if lemma in DOCUMENT_HEADS and head.pos_ == "NOUN":
        plural_bare = head.tag_ == "NNS" and not any(t.dep_ in ("det", "poss") for t in head.children)
        if lemma == "report" and plural_bare:
            return "unnamed"
        return "document"
    if head.ent_type_ in ("GPE", "NORP") or lemma in GOVERNMENT_WORDS or (
        {"GPE", "NORP"} & ents and any(t.lemma_.lower() in GOVERNMENT_WORDS for t in toks)
    ):
        return "government"
    if head.ent_type_ == "ORG" or (head.pos_ == "PROPN" and has_proper):
        return "organization"
    if "PERSON" in ents and lemma not in UNNAMED_HEADS:
        return "person"
    if lemma in UNNAMED_HEADS or head.pos_ == "NOUN":
        if {"GPE", "NORP"} & ents:
            return "government" if lemma in ("official", "officer", "commander", "leader") else "unnamed"
        return "unnamed"
    return "organization" if has_proper else "unnamed"


def _entity(doc: Doc, start: int, end: int, type_: SourceType) -> Entity:
    s, e = strip_edges(text_of(doc), start, end, EDGE_PUNCT | QUOTES)
    return Entity(text_of(doc)[s:e], s, e, type_)


def _head_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def resolve_sources(doc: Doc, records: list[Attribution]) -> list[Attribution]:
    """Fill ``resolved`` on every record: itself for names, the antecedent for pronouns and descriptions."""
    out: list[Attribution] = []
    for r in records:
        if r.continues is not None:
            speaker = next((p for p in out if p.id == r.continues), None)
            out.append(replace(r, resolved=speaker.resolved if speaker else None))
            continue
        if r.source is None:
            out.append(r)
            continue
        head = _head_at(doc, r.source.start, r.source.end)
        antecedent = _antecedent(doc, head, out) if head is not None else None
        resolved = antecedent or Entity(r.source.text, r.source.start, r.source.end, r.source_type)
        out.append(replace(r, resolved=resolved))
    return out


def _antecedent(doc: Doc, head: Token, earlier: list[Attribution]) -> Entity | None:
    """The entity a pronoun or a definite description refers to, or None if it names itself."""
    word = head.lower_
    before = head.idx
    if head.pos_ == "PRON":
        if word in PERSON_PRONOUNS:
            return _nearest_person(doc, before, earlier)
        if word in PLURAL_PRONOUNS or word == "it":
            for r in reversed(earlier):
                if r.resolved and r.resolved.end <= before and r.resolved.type != "person" and r.resolved.type != "pronoun":
                    return r.resolved
        return None
    is_definite = any(c.lower_ == "the" and c.dep_ == "det" for c in head.children)
    has_name = any(t.pos_ == "PROPN" for t in head.subtree)
    if not is_definite or has_name:
        return None
    lemma = head.lemma_.lower()
    for r in reversed(earlier):
        res = r.resolved
        if res is None or res.end > before:
            continue
        if lemma in res.text.lower() and res.text.lower() != f"the {lemma}" and res.type != "pronoun":
            return res
    # Fall back to named entities in the text whose words include the head noun.
    for ent in reversed([e for e in doc.ents if e.end_char <= before]):
        if lemma in ent.text.lower():
            return _entity(doc, ent.start_char, ent.end_char, "government" if lemma in GOVERNMENT_WORDS else "organization")
    return None


def _nearest_person(doc: Doc, before: int, earlier: list[Attribution]) -> Entity | None:
    """The closest earlier person: a speaker of an earlier attribution or a PERSON entity."""
    best: Entity | None = None
    for r in earlier:
        res = r.resolved
        if res and res.type == "person" and res.end <= before and (best is None or res.end > best.end):
            best = res
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.end_char <= before and (best is None or ent.end_char > best.end):
            # Prefer the full source phrase when this entity sits inside an earlier source.
            holder = next((r.resolved for r in earlier if r.resolved and r.resolved.start <= ent.start_char and ent.end_char <= r.resolved.end), None)
            best = holder or _entity(doc, ent.start_char, ent.end_char, "person")
    return best
