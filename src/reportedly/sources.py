"""Sources: who is credited with the content, as written and as resolved.

A learned ranker picks the head noun of the source among the nouns and
pronouns of the cue's sentence (or none, for passive and impersonal
reports); the source span is that head's noun phrase. Resolution links
pronouns and short definite descriptions ("the ministry", "the official") to
the closest earlier compatible mention, in the spirit of Lee et al. (2013),
"Deterministic coreference resolution based on entity-centric, precision-
ranked rules" (Stanford's sieve): exact head match, then pronoun agreement.
"""
from __future__ import annotations

from spacy.tokens import Token

from .features import SOURCE_POS, children, sentence_of, source_features, text_of
from .linear import LinearModel

_CUT_DEPS = {"relcl", "acl", "advcl"}


def candidates(cue: Token, cue_ids: set[int]) -> list[Token]:
    """Nouns and pronouns of the cue's sentence that could head its source."""
    sent = sentence_of(cue)
    return [t for t in sent if t.pos_ in SOURCE_POS and t.i not in cue_ids]


def noun_phrase(head: Token, *, commas: bool = True) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by ``head``.

    The subtree, less relative and adverbial clauses hanging off the head,
    with punctuation and quotation marks stripped from the edges; an
    apposition keeps its closing comma, as PolNeAR annotates it.
    """
    keep = [head]
    for child in children(head):
        if child.dep_ in _CUT_DEPS or child.dep_ == "case":
            continue
        keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    doc = head.doc
    lo, hi = keep[0].i, keep[-1].i
    # Trim whole punctuation tokens only: "U.K." keeps its final period.
    while lo < head.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    # PolNeAR closes an apposition with its comma: "Chris Carr, the director, said".
    if commas and hi + 1 < len(doc) and doc[hi + 1].text == "," and "," in text_of(doc)[start:end]:
        end = doc[hi + 1].idx + 1
    return start, end


def pick_source(cue: Token, cue_ids: set[int], in_quote: list[int], model: LinearModel) -> tuple[Token | None, float]:
    """The best source head for a cue and its probability, or ``(None, p)`` below threshold."""
    best, best_p = None, 0.0
    for cand in candidates(cue, cue_ids):
        p = model.score(source_features(cand, cue, in_quote))
        if p > best_p:
            best, best_p = cand, p
    if best is None or best_p < model.threshold:
        return None, best_p
    return best, best_p
