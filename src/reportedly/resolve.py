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


def _mentions(doc: Doc) -> list[tuple[Token, int, int]]:
    """Earlier-mention inventory: each noun phrase head with its phrase bounds, in text order."""
    cached = doc.user_data.get("reportedly.mentions")
    if cached is None:
        from .sources import noun_phrase

        cached = []
        for tok in doc:
            if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in ("compound", "amod", "poss") and not (
                tok.pos_ == "PROPN" and tok.head.pos_ == "PROPN" and tok.dep_ in ("flat", "appos")
            ):
                start, end = noun_phrase(tok, commas=False)
                cached.append((tok, start, end))
        doc.user_data["reportedly.mentions"] = cached
    return cached  # type: ignore[no-any-return]


_COLLECTIVE = {"agency", "organisation", "organization", "group", "body", "service", "company", "force", "alliance", "committee", "firm", "bank", "union"}


# Descriptions of bodies: "the ministry" never refers back to a person whose title names one.
_INSTITUTIONS = frozenset({"ministry", "department", "government", "agency", "office", "army", "navy", "military",
                           "command", "staff", "council", "committee", "commission", "company", "party", "embassy",
                           "service", "administration", "parliament", "court", "authority", "group"})
_FEMININE = frozenset({"mrs", "ms", "miss", "lady", "dame", "spokeswoman", "chairwoman", "congresswoman",
                       "businesswoman", "queen", "princess", "madam"})
_MASCULINE = frozenset({"mr", "sir", "lord", "spokesman", "chairman", "congressman", "businessman", "king", "prince"})


def _other_gender(pronoun: str, phrase: str) -> bool:
    """Whether a title in ``phrase`` rules out ``pronoun`` ("she" is not "Mr. Dranov")."""
    words = {w.strip(".,").lower() for w in phrase.split()}
    if pronoun in ("she", "her", "hers", "herself"):
        return bool(words & _MASCULINE) and not words & _FEMININE
    if pronoun in ("he", "him", "his", "himself"):
        return bool(words & _FEMININE) and not words & _MASCULINE
    return False


def _antecedent(doc: Doc, head: Token, earlier: list[Attribution]) -> Entity | None:
    """The entity a pronoun, surname or definite description refers to, or None if it names itself."""
    word = head.lower_
    before = head.idx
    text = text_of(doc)
    prior = [m for m in _mentions(doc) if m[2] <= before]
    if head.pos_ == "PRON":
        if word in PERSON_PRONOUNS:
            for tok, s, e in reversed(prior):
                if tok.ent_type_ == "PERSON" and not _other_gender(word, text[s:e]):
                    return Entity(text[s:e], s, e, "person")
            return None
        plural = word in PLURAL_PRONOUNS
        for tok, s, e in reversed(prior):
            if plural and (tok.tag_ in ("NNS", "NNPS") or tok.ent_type_ in ("ORG", "NORP", "GPE")):
                return Entity(text[s:e], s, e, classify_source(tok))
            if not plural and tok.ent_type_ in ("ORG", "GPE") and tok.tag_ != "NNS":
                return Entity(text[s:e], s, e, classify_source(tok))
        return None
    if head.pos_ == "PROPN" and sum(1 for _ in head.subtree) == 1:
        for tok, s, e in reversed(prior):
            if tok.ent_type_ == "PERSON" and tok.text == head.text and e - s > len(head.text):
                return Entity(text[s:e], s, e, "person")
        return None
    is_definite = any(c.lower_ == "the" and c.dep_ == "det" for c in head.children)
    has_name = any(t.pos_ == "PROPN" for t in head.subtree)
    if not is_definite or has_name:
        return None
    lemma = head.lemma_.lower()
    named = [(tok, s, e) for tok, s, e in reversed(prior)
             if text[s:e].lower() != f"the {lemma}" and any(t.pos_ == "PROPN" for t in tok.subtree)]
    # "the ministry" is the last named ministry ("Britain's defence ministry"), not a
    # spokesman whose title mentions one ("ministry spokesman Yuri Bashkov").
    for tok, s, e in named:
        if tok.lemma_.lower() == lemma:
            return Entity(text[s:e], s, e, classify_source(tok))
    institution = lemma in _INSTITUTIONS
    for tok, s, e in named:
        if lemma in text[s:e].lower() and not (institution and (tok.ent_type_ == "PERSON" or classify_source(tok) == "person")):
            return Entity(text[s:e], s, e, classify_source(tok))
    if lemma in _COLLECTIVE:
        for tok, s, e in reversed(prior):
            if tok.ent_type_ == "ORG":
                return Entity(text[s:e], s, e, "organization")
    if lemma in UNNAMED_HEADS:
        for tok, s, e in reversed(prior):
            phrase = text[s:e]
            if tok.lemma_.lower() == lemma and phrase.lower() != f"the {lemma}":
                return Entity(phrase, s, e, classify_source(tok))
    return None
