"""Contents: what is attributed, as the clause or quotation under the cue.

Candidates come from the parse (each clause-level dependent of the cue, the
governing clause when the cue is a parenthetical "..., he said") and from
quotation marks (a quote beside the cue, a quote split by it, the rest of the
sentence after a colon). A learned ranker picks one. The boundary rules
follow PolNeAR (Newell et al., 2018): quotation marks and the punctuation
inside them belong to the content; a sentence-final period outside quotes
does not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .quotes import Quote
from .features import QUOTE_CHARS, children, is_time, lefts, rights, sentence_of, text_of
from .spans import EDGE_PUNCT, strip_space

_SKIP_DEPS = {"punct", "aux", "auxpass", "neg", "cc", "prt", "det", "poss", "nsubj", "nsubjpass", "expl"}


@dataclass(frozen=True)
class Candidate:
    """A candidate content: its kind (how it was found) and its character bounds."""

    kind: str
    bounds: tuple[tuple[int, int], ...]
    n_tokens: int


# A sentence-initial connective is the reporter's link between sentences, not part of what was said.
_CONNECTIVE = re.compile(
    r"(?:however|still|meanwhile|moreover|furthermore|in addition|also|instead|indeed|in fact),\s+",
    re.IGNORECASE,
)


def trim(doc: Doc, start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    """Apply PolNeAR's boundary conventions to a raw candidate range."""
    text = text_of(doc)
    start, end = strip_space(text, start, end)
    while start < end and text[start] in EDGE_PUNCT:
        start, end = strip_space(text, start + 1, end)
    connective = _CONNECTIVE.match(text, start, end)
    if connective and connective.end() < end:
        start, end = strip_space(text, connective.end(), end)
    # A quote that opens inside the span and closes just after it: take the close.
    for q in quotes:
        if q.start <= start <= q.start + 2 and q.end - 3 <= end <= q.end:
            return q.start, q.end
        if start <= q.start < end < q.end and q.end - end <= 3:
            end = q.end
        if q.start < start < q.end <= end and start - q.start <= 2:
            start = q.start
    while end > start and text[end - 1] in EDGE_PUNCT and not _inside_quote(end - 1, quotes):
        end -= 1
        start, end = strip_space(text, start, end)
    return start, end


def _inside_quote(pos: int, quotes: list[Quote]) -> bool:
    return any(q.start < pos < q.end - 1 for q in quotes)


def _is_statement_time(tok: Token) -> bool:
    """A time expression hanging off the cue verb: "Thursday", "last week", "on Monday"."""
    if tok.dep_ in ("npadvmod", "tmod") and is_time(tok):
        return True
    return tok.dep_ == "prep" and any(g.dep_ == "pobj" and is_time(g) for g in children(tok))


def length_ranks(cands: list[Candidate]) -> list[int]:
    """Each candidate's rank by covered length, 0 for the shortest."""
    lengths = [sum(e - s for s, e in c.bounds) for c in cands]
    order = sorted(range(len(cands)), key=lambda i: lengths[i])
    ranks = [0] * len(cands)
    for r, i in enumerate(order):
        ranks[i] = r
    return ranks


def _range(tokens: list[Token]) -> tuple[int, int]:
    """Character bounds from the first to the last of ``tokens`` (given in document order)."""
    last = tokens[-1]
    return tokens[0].idx, last.idx + len(last)


def candidates(cue: Token, cue_ids: set[int], source: Token | None, quotes: list[Quote]) -> list[Candidate]:
    """Candidate contents for the cue headed by ``cue``."""
    doc = cue.doc
    exclude = set(cue_ids)
    if source is not None:
        exclude.update(t.i for t in source.subtree)
    # An expletive subject ("It was reported that ...") is never part of the content, nor is
    # the time of the statement ("said Thursday", "said on Monday"): that belongs to the cue.
    exclude.update(c.i for c in lefts(cue) if c.dep_ == "expl" or (c.dep_ == "nsubjpass" and c.lower_ == "it"))
    for c in children(cue):
        if _is_statement_time(c):
            exclude.update(t.i for t in c.subtree)
    found: dict[tuple[tuple[int, int], ...], Candidate] = {}

    text = text_of(doc)
    para_lo = text.rfind("\n", 0, cue.idx) + 1
    para_hi = text.find("\n", cue.idx)
    para_hi = len(text) if para_hi < 0 else para_hi

    def add(kind: str, raw: list[tuple[int, int]], n_tokens: int, clip: bool = True) -> None:
        if clip:
            raw = [(max(s, para_lo), min(e, para_hi)) for s, e in raw]
        bounds = tuple(b for b in (trim(doc, s, e, quotes) for s, e in raw if e > s) if b[1] > b[0])
        if bounds and bounds not in found:
            found[bounds] = Candidate(kind, bounds, n_tokens)
            # A candidate that starts a quotation which runs past it: offer the whole quote.
            first = bounds[0]
            for q in quotes:
                if q.start <= first[0] <= q.start + 1 and q.end > bounds[-1][1] and (q.start, q.end) != first:
                    whole = ((q.start, q.end),)
                    if whole not in found:
                        found[whole] = Candidate(f"{kind}+q", whole, n_tokens)

    for child in children(cue):
        if child.dep_ in _SKIP_DEPS or child.i in exclude:
            continue
        toks = [t for t in child.subtree if t.i not in exclude]
        if toks:
            add(f"c:{child.dep_}", [_range(toks)], len(toks))
            for label, cut in _cuts(child, toks):
                add(f"cut:{child.dep_}:{label}", [_range(cut)], len(cut))
    # "The committee | is expected | to report", "Trump | seems | to agree": with no source in
    # the subject, PolNeAR's content is the subject and the complement, around the cue.
    subj = next((c for c in lefts(cue) if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude
                 and c.lower_ not in ("it", "there")), None)
    if subj is not None:
        subj_toks = [t for t in subj.subtree if t.i not in exclude]
        for comp in rights(cue):
            if comp.dep_ in ("xcomp", "ccomp", "acomp", "attr", "oprd") and comp.i not in exclude:
                comp_toks = [t for t in comp.subtree if t.i not in exclude]
                if subj_toks and comp_toks:
                    add(f"subj+{comp.dep_}", [_range(subj_toks), _range(comp_toks)], len(subj_toks) + len(comp_toks))
    if cue.head is not cue and cue.dep_ not in ("nsubj", "dobj", "pobj"):
        gov = cue.head
        inner = {t.i for t in cue.subtree}
        rest = [t for t in gov.subtree if t.i not in inner and t.i not in exclude]
        left = [t for t in rest if t.i < cue.left_edge.i]
        right = [t for t in rest if t.i > cue.right_edge.i]
        if left:
            add(f"hl:{cue.dep_}", [_range(left)], len(left))
        if right:
            add(f"hr:{cue.dep_}", [_range(right)], len(right))
        if left and right:
            # "Trump reportedly | told donors ...": the clause on both sides of the cue.
            add(f"hb:{cue.dep_}", [_range(left), _range(right)], len(left) + len(right))
    sent = sentence_of(cue)

    def in_q(tok: Token) -> bool:
        return any(q.start <= tok.idx < q.end for q in quotes)

    cue_lo = min(cue_ids)
    cue_hi = max(cue_ids)
    after = [t for t in sent if t.i > cue_hi and t.i not in exclude]
    before = [t for t in sent if t.i < cue_lo and t.i not in exclude]
    right = [t for t in cue.subtree if t.i > cue_hi and t.i not in exclude]
    if right:
        add("sub-right", [_range(right)], len(right))
    if cue.text == ":" and after:
        # "X said: ..." runs to the end of the paragraph, over sentence breaks.
        add("colon-para", [(after[0].idx, para_hi)], len(after))
    if after:
        add("sent-after", [_range(after)], len(after))
        commas = [i for i, t in enumerate(after) if t.text in {",", ";", "—"} and i > 2 and not in_q(t)]
        for n, comma in enumerate(commas[:3]):
            add(f"sent-after-cut{n}", [_range(after[:comma])], comma)
    if before:
        add("sent-before", [_range(before)], len(before))
    _quote_candidates(cue, max(sent.start_char, para_lo), min(sent.end_char, para_hi), quotes, add)
    return list(found.values())


def parenthetical(
    cue: Token, cue_ids: set[int], source: Token | None, quotes: list[Quote]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The bounds of the sentence on both sides of a cue clause set off by commas, or None.

    "The air had become so bad, Mr. Obama noted, that ...", "Hawaii, as his
    advisers pointed out, rarely gets ...": the attributing clause interrupts
    the content, which PolNeAR annotates as the two parts around it.
    """
    sent = sentence_of(cue)
    clause = set(cue_ids) | ({t.i for t in source.subtree} if source is not None else set())
    lo, hi = min(clause), max(clause)
    doc = cue.doc
    said_when = {t.i for c in children(cue) if _is_statement_time(c) for t in c.subtree}
    while hi + 1 in said_when:
        hi += 1
    if lo - 1 > sent.start and doc[lo - 1].lower_ == "as":
        lo -= 1
    if not (lo - 1 > sent.start and hi + 2 < sent.end and doc[lo - 1].text == "," and doc[hi + 1].text == ","):
        return None
    left = trim(doc, sent.start_char, doc[lo - 1].idx, quotes)
    right = trim(doc, doc[hi + 2].idx, sent.end_char, quotes)
    text = text_of(doc)
    if left[1] <= left[0] or right[1] <= right[0] or "," in text[left[0]:left[1]]:
        return None
    framing = [t for t in doc[sent.start:lo - 1] if t.idx >= left[0]]
    if text[right[0]] in QUOTE_CHARS and (
        len(framing) > 20 or framing[0].tag_ in ("VBN", "VBG") or not any(t.tag_ in _FINITE for t in framing)
    ):
        return None  # 'Asked about it, he said, "..."': a frame, not the start of what was said
    return left, right


_FINITE = {"VBD", "VBZ", "VBP", "MD"}

_CUT_DEPS = {"advcl", "npadvmod", "prep", "parataxis", "conj", "advmod", "acl", "relcl", "ccomp", "dep", "xcomp"}


def _cuts(head: Token, toks: list[Token]) -> list[tuple[str, list[Token]]]:
    """``toks`` less progressively more of ``head``'s trailing dependents, each with the cut's label.

    PolNeAR contents often stop before a trailing modifier ("..., which he
    claimed", "in February", "and defended him"); offering each cut lets the
    ranker choose.
    """
    doc = head.doc
    out = []
    for child in reversed(rights(head)):
        left = child.left_edge.i
        if child.dep_ not in _CUT_DEPS or left <= head.i:
            continue
        stop = left - 1 if doc[left - 1].text in {",", ";", "—", "–"} else left
        kept = [t for t in toks if t.i < stop]
        if kept and len(kept) < len(toks):
            comma = "," if stop < left else ""
            out.append((f"{child.dep_}{comma}", kept))
        if len(out) == 3:
            break
    return out


def _quote_candidates(cue: Token, s_start: int, s_end: int, quotes: list[Quote], add) -> None:  # type: ignore[no-untyped-def]
    """Quotes touching the cue's sentence: before it, after it, or split by it."""
    text = text_of(cue.doc)
    at = cue.idx
    near = [q for q in quotes if q.end > s_start - 2 and q.start < s_end + 2]
    before = [q for q in near if q.end <= at]
    after = [q for q in near if q.start >= at + len(cue)]
    if before:
        q = before[-1]
        add("q-before", [(q.start, q.end)], 0)
        # A multi-paragraph quote: walk back over the paragraphs it runs on from.
        chain = [q]
        for prev in reversed([p for p in quotes if p.end <= q.start]):
            if chain[0].continues and not prev.closed:
                chain.insert(0, prev)
            else:
                break
        if len(chain) > 1:
            add("q-chain", [(chain[0].start, chain[-1].end)], 0, clip=False)
    if after:
        q = after[0]
        add("q-after", [(q.start, q.end)], 0)
        if q.closed is False and q.start - at < 40:
            add("q-open", [(q.start, q.end)], 0)
    if before and after:
        b, a = before[-1], after[0]
        between = text[b.end:a.start]
        if len(between) < 80 and "." not in between.strip(" ,"):
            add("q-split", [(b.start, b.end), (a.start, a.end)], 0)
