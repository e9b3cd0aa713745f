"""Cues: the word or phrase that attributes ("said", "according to", a colon).

A cue is found in two learned steps over the parse: a token classifier picks
cue heads, then a second classifier decides which neighbouring tokens
(auxiliaries, particles, "in a statement", "to" of "according to") belong to
the cue span. The cue span is the contiguous run of accepted tokens around
the head.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .features import (
    LEXICON, children, cue_features, cue_part_features, is_cue_candidate, is_time, rights, sentence_of,
)
from .linear import LinearModel

WINDOW = 6



def cue_class(head: Token) -> str:
    """The reporter's stance carried by a cue head's lemma, ``neutral`` by default."""
    return LEXICON.get(head.lemma_.lower()) or LEXICON.get(head.lower_, "neutral")  # "according" lemmatises to "accord"


def find_cue_heads(doc: Doc, in_quote: list[int], model: LinearModel) -> list[tuple[Token, float]]:
    """Return ``(token, probability)`` for every token the model takes as a cue head."""
    heads = []
    for tok in doc:
        if not is_cue_candidate(tok, model.lexicon):
            continue
        p = model.score(cue_features(tok, in_quote))
        if p >= model.threshold or (p >= model.threshold / 2 and _reports_a_clause(tok)):
            heads.append((tok, p))
    return heads


def _reports_a_clause(tok: Token) -> bool:
    """A reporting verb of the reference lexicon with a finite clause under it ("had claimed the
    fleet was ready"): the model gets a lower bar for these, which are cues in nearly every use."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in LEXICON:
        return False
    return any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in children(c)) for c in children(tok))


def _window_bounds(head: Token) -> tuple[int, int]:
    """First and last token index, inclusive, that may belong to the cue headed by ``head``."""
    sent = sentence_of(head)
    return max(sent.start, head.i - WINDOW), min(sent.end - 1, head.i + WINDOW)


def window(head: Token) -> list[Token]:
    """Tokens near ``head`` in its sentence that may belong to its cue span."""
    lo, hi = _window_bounds(head)
    return [head.doc[i] for i in range(lo, hi + 1) if i != head.i]


def cue_tokens(head: Token, model: LinearModel) -> list[Token]:
    """The contiguous tokens of the cue headed by ``head``, head included."""
    doc = head.doc
    lo_bound, hi_bound = _window_bounds(head)

    def accepted(i: int) -> bool:
        return model.score(cue_part_features(doc[i], head)) >= model.threshold

    # Only the contiguous run around the head counts, so score outwards and stop at the first miss.
    lo = hi = head.i
    while lo - 1 >= lo_bound and accepted(lo - 1):
        lo -= 1
    while hi + 1 <= hi_bound and accepted(hi + 1):
        hi += 1
    # Time expressions, determiners and punctuation other than a colon ("said:", as PolNeAR
    # marks it) are not part of a cue ("said Tuesday"), nor is a preposition cut from its
    # object ("said in") unless the cue verb often takes one ("according to", "referring to");
    # extract._settle_preposition decides again once the content is known.
    dangling_ok = head.lemma_.lower() in model.lexicon
    while hi > head.i and (
        is_time(doc[hi]) or doc[hi].pos_ in ("DET", "PART") or (doc[hi].is_punct and doc[hi].text != ":")
        or (doc[hi].pos_ == "ADP" and hi + 1 < len(doc) and is_time(doc[hi + 1]))
        or (doc[hi].pos_ == "ADP" and not dangling_ok and any(c.dep_ == "pobj" for c in children(doc[hi])))
    ):
        hi -= 1
    while lo < head.i and (is_time(doc[lo]) or doc[lo].is_punct):
        lo += 1
    return [doc[i] for i in range(lo, hi + 1)]


# Nouns that report speech or thought when a "that" clause hangs off them
# ("claims from X that ...", "X's assertion that ..."); Pareti (2016) calls
# these nominal cues.
NOUN_CUES = {
    "claim", "assertion", "statement", "denial", "report", "warning", "allegation", "suggestion",
    "insistence", "belief", "fear", "assessment", "admission", "announcement", "accusation",
    "argument", "prediction", "estimate", "conclusion", "charge", "rumour", "rumor", "concern",
}


def noun_cue_clause(tok: Token) -> Token | None:
    """For a cue noun, the head of its "that" clause, or None if it has none."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in NOUN_CUES:
        return None
    for child in rights(tok):
        if child.dep_ in ("acl", "ccomp", "appos", "relcl") and child.pos_ in ("VERB", "AUX"):
            if any(g.dep_ == "mark" and g.lower_ == "that" for g in children(child)):
                return child
    return None


def noun_cue_source(tok: Token) -> Token | None:
    """The holder of a noun cue: its possessor, or the object of "from"/"by"."""
    for child in children(tok):
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in children(child):
                if obj.dep_ == "pobj":
                    return obj
    return None
