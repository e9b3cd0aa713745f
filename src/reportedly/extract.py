"""The extractor: a plain function from a parsed ``Doc`` to attribution records.

Tests, the CLI, the spaCy component and batch workers all call
:func:`extract_attributions`. Stages, each in its own module: quotations
(``quotes``), cues (``cues``), sources (``sources``), contents
(``contents``), then in-document resolution (``resolve``).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from . import contents, cues, sources
from .features import LEXICON, QUOTE_CHARS, children, content_features, quote_index, text_of
from .linear import LinearModel, load_model
from .quotes import Quote, find_quotes
from .resolve import classify_source, resolve_sources
from .spans import strip_space
from .types import Attribution, TextSpan


@dataclass(frozen=True)
class _Finding:
    """One attribution before it becomes a record: tokens and a content candidate."""

    head: Token
    cue: list[Token]
    source: Token | None
    content: contents.Candidate
    score: float


MODELS = ("cue", "cue_part", "source", "content")


def extract_attributions(doc: Doc, models: Mapping[str, LinearModel] | None = None) -> list[Attribution]:
    """Return the attributions of ``doc`` in text order, nested ones linked to their parents.

    ``models`` replaces the shipped models by name (the training script tunes
    thresholds end to end through it); by default the package's weights are used.
    """
    models = {name: (models or {}).get(name) or load_model(name) for name in MODELS}
    text = text_of(doc)
    quotes = find_quotes(text)
    in_quote = quote_index(doc, quotes)
    found: list[_Finding] = []
    taken: set[int] = set()
    for head, p in sorted(cues.find_cue_heads(doc, in_quote, models["cue"]), key=lambda hp: -hp[1]):
        if head.i in taken:
            continue
        cue_toks = cues.cue_tokens(head, models["cue_part"])
        cue_ids = {t.i for t in cue_toks}
        if cue_ids & taken:
            continue
        taken |= cue_ids
        # The source hangs off the cue's syntactic root ("Marsh was quoted as saying").
        root = next((t for t in cue_toks if t.head.i not in cue_ids or t.head == t), head)
        src, _ = sources.pick_source(root, cue_ids, in_quote, models["source"])
        if src is None and head.pos_ == "NOUN":
            src = cues.noun_cue_source(head)
        clause = cues.noun_cue_clause(head)
        best = (_clause_content(doc, clause, quotes) if clause is not None
                else _best_content(head, cue_ids, src, quotes, models["content"]))
        if best is None:
            continue
        cue_toks, best = _settle_preposition(doc, head, cue_toks, best, quotes)
        found.append(_Finding(head, cue_toks, src, best, p))
    found.extend(_noun_cues(doc, taken, quotes))
    found.sort(key=lambda f: f.cue[0].i)
    records = [_join_split_quote(text, _record(doc, i, f, quotes), quotes) for i, f in enumerate(found)]
    records = _continuations(doc, records, quotes)
    records = _link_nested(records)
    return resolve_sources(doc, records)


def _noun_cues(doc: Doc, taken: set[int], quotes: list[Quote]) -> list[_Finding]:
    """Rule-based noun cues the model missed: "claims from X that ...", "X's denial that ..."."""
    out = []
    for tok in doc:
        if tok.i in taken:
            continue
        clause = cues.noun_cue_clause(tok)
        if clause is None:
            continue
        taken.add(tok.i)
        out.append(_Finding(tok, [tok], cues.noun_cue_source(tok), _clause_content(doc, clause, quotes), 1.0))
    return out


def _clause_content(doc: Doc, clause: Token, quotes: list[Quote]) -> contents.Candidate:
    """The "that" clause of a noun cue as a content."""
    span = contents.trim(doc, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge), quotes)
    return contents.Candidate("noun-cue", (span,), clause.right_edge.i - clause.left_edge.i + 1)


def _settle_preposition(doc: Doc, head: Token, cue_toks: list[Token], best: contents.Candidate,
                        quotes: list[Quote]) -> tuple[list[Token], contents.Candidate]:
    """A preposition right after the cue joins it when the content is its object.

    "warned | of the risk" -> "warned of | the risk", as PolNeAR marks it.
    """
    if len(best.bounds) != 1:
        return cue_toks, best
    start, end = best.bounds[0]
    nxt = cue_toks[-1].i + 1
    if nxt >= len(doc) or doc[nxt].pos_ != "ADP" or doc[nxt].head != head:
        return cue_toks, best
    prep, obj = doc[nxt], _object_of(doc[nxt])
    if obj is None:
        return cue_toks, best
    if start == prep.idx:
        rest = contents.trim(doc, obj.left_edge.idx, end, quotes)
        if rest[1] > rest[0]:
            return [*cue_toks, prep], contents.Candidate(best.kind, (rest,), best.n_tokens - 1)
    elif start == obj.left_edge.idx:
        return [*cue_toks, prep], best
    return cue_toks, best


def _object_of(prep: Token) -> Token | None:
    return next((c for c in children(prep) if c.dep_ in ("pobj", "pcomp")), None)


def _best_content(head: Token, cue_ids: set[int], src: Token | None, quotes: list[Quote],
                  model: LinearModel) -> contents.Candidate | None:
    best, best_p = None, -1.0
    cands = contents.candidates(head, cue_ids, src, quotes)
    for cand, rank in zip(cands, contents.length_ranks(cands)):
        feats = content_features(cand.kind, cand.bounds[0][0], cand.bounds[-1][1], head, head.doc, quotes,
                                 cand.n_tokens, rank, len(cands))
        p = model.score(feats)
        if p > best_p:
            best, best_p = cand, p
    if best is not None:
        best = _before_next_report(head.doc, best, quotes)
    paren = contents.parenthetical(head, cue_ids, src, quotes)
    if best is not None and paren is not None and best.bounds == (paren[1],):
        # "Hawaii, as his advisers pointed out, rarely gets ...": the content runs on both sides.
        best = contents.Candidate("paren", paren, best.n_tokens)
    return best


def _before_next_report(doc: Doc, best: contents.Candidate, quotes: list[Quote]) -> contents.Candidate:
    """Cut the content before a second reporting verb of the same subject.

    "said the plan would pass and called it a compromise": "called" reports
    something else; the parser often hangs it inside the first content.
    """
    if len(best.bounds) != 1:
        return best
    start, end = best.bounds[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.text[:1] in QUOTE_CHARS:
        return best
    root = span.root
    finite = [t.tag_ for t in (*children(root), root) if t.tag_ in _FINITE and t.dep_ in ("aux", "auxpass", root.dep_)]
    for tok in span[1:-1]:
        if tok.lower_ != "and":
            continue
        verb = tok.nbor(2) if tok.nbor(1).lower_ == "also" and tok.i + 2 < span.end else tok.nbor(1)
        # A verb in the content's own tense more likely carries on the content ("was alarmed and wanted").
        if (verb.tag_ in _FINITE and verb.lemma_ in REPORTING and verb.tag_ not in finite[:1]
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(verb))):
            cut = contents.trim(doc, start, tok.idx, quotes)
            if cut[1] > cut[0]:
                return contents.Candidate(best.kind, (cut,), best.n_tokens)
    return best


def _kind(text: str, span: TextSpan, quotes: list[Quote]) -> str:
    covered = [q for q in quotes if span.start <= q.start and q.end <= span.end]
    if not covered:
        return "indirect"
    quoted = sum(q.end - q.start for q in covered)
    length = sum(s.end - s.start for s in span.segments)
    return "direct" if quoted >= 0.9 * length else "mixed"


def _record(doc: Doc, i: int, f: _Finding, quotes: list[Quote]) -> Attribution:
    text = text_of(doc)
    cue_toks = f.cue
    cue_span = TextSpan.of(text, strip_space(text, cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1])))
    src = f.source
    source_span = TextSpan.of(text, sources.noun_phrase(src)) if src is not None else None
    content = TextSpan.of(text, *f.content.bounds)
    return Attribution(
        id=i,
        source=source_span,
        cue=cue_span,
        content=content,
        kind=_kind(text, content, quotes),  # type: ignore[arg-type]
        cue_class=cues.cue_class(f.head),  # type: ignore[arg-type]
        source_type=classify_source(src),
        score=f.score,
    )


def _join_split_quote(text: str, r: Attribution, quotes: list[Quote]) -> Attribution:
    """'"A," she said, "B."': a content quote after the cue takes the quote just before it too."""
    if r.cue is None or r.kind != "direct" or r.content.start < r.cue.end or len(r.content.segments) > 1:
        return r
    left = min(r.cue.start, r.source.start if r.source else r.cue.start)
    before = [q for q in quotes if q.end <= left]
    if not before:
        return r
    q = before[-1]
    gap = text[q.end:left]
    if gap.strip(" ,") or "\n" in gap or text[q.end - 2:q.end - 1] not in {",", "—", "-"}:
        return r
    return _with(r, content=TextSpan.of(text, (q.start, q.end), *((s.start, s.end) for s in r.content.segments)))


def _continuations(doc: Doc, records: list[Attribution], quotes: list[Quote]) -> list[Attribution]:
    """Add a record for each quote that follows a direct quote in the same paragraph with no cue of its own."""
    text = text_of(doc)
    covered = [(s.start, s.end) for r in records for s in r.content.segments]
    cue_at = [r.cue.start for r in records if r.cue]
    out = list(records)
    for q in quotes:
        if any(s <= q.start and q.end <= e for s, e in covered) or any(q.start <= c < q.end for c in cue_at):
            continue
        prev = _previous_speaker(text, q, out)
        if prev is None:
            continue
        if prev.cue is not None and prev.cue.start >= prev.content.end and not text[_clause_end(prev):q.start].strip(" ,"):
            # '"...," she said, "..."' or '"...," said X, "..."': one quote split by its cue.
            joined = TextSpan.of(text, *((s.start, s.end) for s in prev.content.segments), (q.start, q.end))
            out[out.index(prev)] = _with(prev, content=joined)
            covered.append((q.start, q.end))
            continue
        span = TextSpan.of(text, (q.start, q.end))
        out.append(
            Attribution(
                id=-1, source=prev.source, cue=None, content=span, kind="direct",
                cue_class="none", source_type=prev.source_type,
                continues=prev.continues if prev.continues is not None else prev.id, score=prev.score,
            )
        )
        covered.append((q.start, q.end))
    # Re-number in text order; a continuation keeps pointing at its speaker's record.
    out.sort(key=lambda r: (r.cue.start if r.cue else r.content.start))
    new_id = {r.id: i for i, r in enumerate(out) if r.id >= 0}
    renumbered = []
    for i, r in enumerate(out):
        target = r.continues
        renumbered.append(_with(r, id=i, continues=new_id.get(target) if target is not None else None))
    return renumbered


# Reporting verbs that start a new report when coordinated after a content.
REPORTING = frozenset(LEXICON) | {"say", "add", "note", "tell", "call", "accuse", "argue", "assert", "suggest", "urge", "announce", "write", "report", "ask", "describe", "praise", "criticize"}

_FINITE = frozenset({"VBD", "VBZ", "VBP"})

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# A full stop after a title, an initial or a short abbreviation does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Inc|Corp|Co|Ltd|No|vs)|\b[A-Z])$"
)
# A word-internal apostrophe ("Clinton's", "don't") is not a quotation mark.
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
# A short title in quotation marks inside the tail: 'on Fox News's "Fox and Friends."'
_SHORT_QUOTE = re.compile(r"[\"“‘][^\"“”‘’\n]{1,60}[\"”’]")


def _clause_end(r: Attribution) -> int:
    """Where the attributing clause of ``r`` ends: after its cue, or after a source that follows it."""
    end = r.cue.end if r.cue else r.content.end
    if r.source is not None and r.cue is not None and r.source.start > r.cue.start:
        end = max(end, r.source.end)
    return end


def _previous_speaker(text: str, q: Quote, records: list[Attribution]) -> Attribution | None:
    """The direct-quote record that ``q`` continues, if nothing but that record's tail lies between.

    Two newswire habits (AP Stylebook, "quotations in the news"): a second
    quote in the same paragraph with no cue of its own, and a paragraph that
    is wholly a quotation right after a quoted speaker's paragraph, carry on
    the same speaker.
    """
    before = [r for r in records if r.kind in ("direct", "mixed") and r.content.end <= q.start]
    if not before:
        return None
    prev = max(before, key=lambda r: r.content.end)
    if prev.cue is None and prev.continues is None:
        return None
    gap = text[max(prev.content.end, _clause_end(prev)):q.start]
    tail = gap.strip(" .,;\n\u00a0")
    if tail:
        # Only the rest of the cue's own sentence may lie between: '" he said in Oslo. "'
        ends = sum(not _ABBREVIATION.search(gap, 0, m.start()) for m in _SENTENCE_END.finditer(gap))
        bare = _SHORT_QUOTE.sub("", _APOSTROPHE.sub("", tail))
        if ends != 1 or len(tail) > 200 or any(c in bare for c in QUOTE_CHARS):
            return None
    if "\n" in gap:
        # A new paragraph continues only if it opens with the quote.
        line_start = text.rfind("\n", 0, q.start) + 1
        if text[line_start:q.start].strip() or prev.kind != "direct":
            return None
    return prev


def _link_nested(records: list[Attribution]) -> list[Attribution]:
    """Set ``parent`` to the innermost record whose content holds this record's cue."""
    out = []
    for r in records:
        anchor = r.cue.start if r.cue else None
        parents = [
            p for p in records
            if p is not r and anchor is not None
            and any(s.start <= anchor < s.end for s in p.content.segments)
        ]
        parent = min(parents, key=lambda p: p.content.end - p.content.start) if parents else None
        out.append(_with(r, parent=parent.id if parent else None))
    return out


def _with(r: Attribution, **changes: object) -> Attribution:
    return replace(r, **changes)  # type: ignore[arg-type]
