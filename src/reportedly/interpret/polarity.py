"""Polarity: whether the content's main predicate is negated.

"Russia has not withdrawn", "No troops were moved", "Nobody was hurt" are
negative; "the failure to advance" (a noun), "forces that did not retreat
were surrounded" (a relative clause) and "if no deal is reached, ..." (a
subordinate clause) stay positive. A negating *cue* ("denied that ...") is
not read here: that is the reporter's stance, the cue's job.

Notes:
    Only the main predicate counts, as in FactBank's event polarity (Saurí
    and Pustejovsky, 2009): its ``neg`` dependent ("not", "n't", "never",
    "no longer"), or a negative subject, object or predicate noun ("no
    troops", "nobody", "none of", "there were no casualties").

    Decisions:

    * A hedge frame is seen through: in "it is likely that the ferry will not
      sail", "the regiment is unlikely to not withdraw", "there is a realistic
      possibility that the bridge will not be repaired", "it is clear that
      ...", "X appears not to have ...", the predicate read is the embedded
      clause's. The frame's own negation is read there too ("X does not appear
      to have ...") unless it belongs to a hedge.
    * Each negation word is read once. One that negates a hedge ("it is not
      likely that ...", "could not have", "could not be verified") belongs to
      ``certainty.Hedge`` (``negated=True``) and is not read here, so the two
      compose without counting it twice; "may not" is read here, as the
      negation is inside the modal's scope.
    * "not only ... but also" is not a negation.
    * Of a content that runs over several sentences, the first clause's
      predicate is read (``Span.root``).
"""
from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

from ..features import children
from .certainty import find_hedges

Polarity = Literal["positive", "negative"]

_NEG_WORDS = frozenset({"not", "n't", "never", "no", "nor"})
_NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "noone", "neither", "nowhere"})
_NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
# Words that frame a hedged or evidential clause, whose predicate is read instead.
_FRAMES = frozenset({
    "likely", "unlikely", "probable", "improbable", "possible", "certain", "clear", "unclear",
    "known", "unknown", "uncertain", "possibility", "chance", "odds", "seen", "true",
})
_RAISING = frozenset({"seem", "appear", "remain"})
_FRAME_SLOTS = frozenset({"acomp", "attr", "oprd", "xcomp"})
_EMBEDDED = frozenset({"ccomp", "xcomp", "acl", "csubj"})
_EMBEDDED_MARKS = frozenset({"whether", "if"})


def _negation_on(pred: Token) -> Token | None:
    """A negation word on ``pred`` itself or on its subject, object or predicate noun."""
    for c in children(pred):
        dep = c.dep_
        if dep == "neg" and c.lower_ in _NEG_WORDS:
            nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            if c.lower_ == "not" and nxt is not None and nxt.lower_ in ("only", "just", "merely"):
                continue
            return c
        if dep == "advmod":  # "no longer controls": the parser hangs "no" off "longer"
            for d in children(c):
                if d.dep_ == "neg" and d.lower_ in _NEG_WORDS:
                    return d
        if dep in _ARGUMENTS:
            if c.lower_ in _NEGATIVE_PRONOUNS:
                return c
            for d in children(c):
                if d.dep_ in ("det", "neg") and d.lower_ in _NEGATIVE_DETERMINERS:
                    return d
    if pred.pos_ in ("NOUN", "PROPN"):  # a fragment: '"No progress," he said.'
        for d in children(pred):
            if d.dep_ == "det" and d.lower_ in _NEGATIVE_DETERMINERS:
                return d
    return None


def _embedded(pred: Token) -> Token | None:
    """The clause a hedge frame or raising verb on ``pred`` introduces, or None."""
    frame = None
    if pred.lower_ in _FRAMES or pred.lemma_.lower() in _RAISING:
        frame = pred
    else:
        for c in children(pred):
            if c.dep_ in _FRAME_SLOTS and c.lower_ in _FRAMES:
                frame = c
                break
    if frame is None:
        return None
    for holder in (frame, pred):
        for c in children(holder):
            if c.dep_ in _EMBEDDED and c.pos_ in ("VERB", "AUX") and c.i > frame.i:
                return c
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in _EMBEDDED_MARKS for m in children(c)
            ):
                return c
    return None


def negation(content: Span) -> Token | None:
    """The token that negates the content's main predicate, or None when it is positive."""
    if len(content) == 0:
        return None
    owned: set[int] | None = None
    pred = content.root
    for _ in range(4):  # frames nest rarely more than twice: "it is likely that X appears not to"
        neg = _negation_on(pred)
        if neg is not None and content.start <= neg.i < content.end:
            if owned is None:
                owned = {
                    t.i
                    for h in find_hedges(content)
                    if h.negated or h.kind in ("undetermined", "no_comment")
                    for t in content if h.start <= t.idx < h.end
                }
            if neg.i not in owned:
                return neg
        nxt = _embedded(pred)
        if nxt is None or not content.start <= nxt.i < content.end:
            return None
        pred = nxt
    return None


def polarity(content: Span) -> Polarity:
    """``negative`` when the content's main predicate is negated, else ``positive``."""
    return "negative" if negation(content) is not None else "positive"
