"""Feature functions over a parsed spaCy ``Doc``, shared by training and inference.

Each stage of the extractor is a linear model over sparse string features
(a log-linear ranker in the sense of Pareti, 2016, "PARC 3.0", and O'Keefe et
al., 2012, "A Sequence Labelling Approach to Quote Attribution"). Keeping
the feature code in one module guarantees that ``scripts/train.py`` and
``reportedly.extract`` see exactly the same features.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .quotes import Quote

Features = list[str]
NEWLINE = "\n"

# Reporting-verb lexicon after ../shared/reference/estimative-language.md; a
# feature, not a rule, so rare cues ("assessed") borrow weight from their class.
CUE_LEXICON: dict[str, tuple[str, ...]] = {
    "distancing": ("claim", "allege", "insist", "purport", "according", "maintain", "contend"),
    "committing": ("confirm", "acknowledge", "admit", "reveal", "show", "point", "prove", "concede", "demonstrate"),
    "negating": ("deny", "reject", "dispute", "refute", "dismiss", "contradict"),
    "belief": ("believe", "think", "expect", "fear", "hope", "want", "suspect", "feel", "worry", "doubt", "know", "consider", "suppose", "wish"),
    "assessment": ("assess", "conclude", "judge", "estimate", "calculate", "find", "determine", "analyse", "analyze"),
    "warning": ("warn", "predict", "forecast", "caution"),
    "neutral": ("say", "tell", "state", "add", "note", "write", "report", "announce", "explain", "describe", "tweet", "surface", "ask", "reply", "respond", "comment", "continue", "remark", "observe", "suggest", "argue", "call"),
}
LEXICON = {lemma: cls for cls, lemmas in CUE_LEXICON.items() for lemma in lemmas}

CUE_POS = {"VERB", "NOUN", "AUX", "ADP", "PROPN", "ADJ", "ADV", "PUNCT"}
SOURCE_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}
QUOTE_CHARS = set("\"“”‘’'`«»„")
# Clause-level children that a cue's content can hang from.
_CUE_WINDOW = 6


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds it from tokens on every access)."""
    text = doc.user_data.get("reportedly.text")
    if text is None:
        text = doc.user_data["reportedly.text"] = doc.text
    return text


def is_time(tok: Token) -> bool:
    """Whether the parser's entity recogniser marks ``tok`` as part of a date or time."""
    return tok.ent_type_ in ("DATE", "TIME")


def children(tok: Token) -> list[Token]:
    """``list(tok.children)``, from a per-Doc table built in one pass over the heads.

    spaCy finds a token's children by scanning its whole subtree span, which is
    slow for clause heads; the extractor asks for them many times per token.
    """
    doc = tok.doc
    table = doc.user_data.get("reportedly.children")
    if table is None:
        table = [[] for _ in range(len(doc))]
        for t in doc:
            if t.head.i != t.i:
                table[t.head.i].append(t)
        doc.user_data["reportedly.children"] = table
    return table[tok.i]  # type: ignore[no-any-return]


def lefts(tok: Token) -> list[Token]:
    return [c for c in children(tok) if c.i < tok.i]


def rights(tok: Token) -> list[Token]:
    return [c for c in children(tok) if c.i > tok.i]


def sentence_of(tok: Token) -> Span:
    """``tok.sent``, from a per-Doc table (spaCy walks the parse on every ``.sent``)."""
    doc = tok.doc
    table = doc.user_data.get("reportedly.sents")
    if table is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                index[i] = n
        table = doc.user_data["reportedly.sents"] = (sents, index)
    sents, index = table
    return sents[index[tok.i]]  # type: ignore[no-any-return]


def quote_index(doc: Doc, quotes: list[Quote]) -> list[int]:
    """Per token, the index of the quotation that contains it, or -1."""
    inside = [-1] * len(doc)
    if not quotes:
        return inside
    q = 0
    for tok in doc:
        while q < len(quotes) and quotes[q].end <= tok.idx:
            q += 1
        if q < len(quotes) and quotes[q].start <= tok.idx < quotes[q].end:
            inside[tok.i] = q
    return inside


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 12:
        return "7-12"
    return "13+"


# Parts of speech whose tokens head a cue only when their lemma has done so in training.
LEXICAL_POS = {"NOUN", "PROPN", "ADJ", "ADP", "ADV"}


def is_cue_candidate(tok: Token, known: frozenset[str] | set[str]) -> bool:
    """Cheap filter: tokens that could head a cue.

    Verbs always qualify; nouns, adjectives and prepositions only with a lemma
    in ``known`` (cue-head lemmas of training), which keeps the learned cue
    model off most nouns at little cost in recall.
    """
    pos = tok.pos_
    if pos == "PUNCT":
        return tok.text == ":"
    if pos in LEXICAL_POS:
        return tok.lemma_.lower() in known or tok.lower_ == "according"
    return pos in CUE_POS


def cue_features(tok: Token, in_quote: list[int]) -> Features:
    """Features of a token as the head of a cue."""
    lemma = tok.lemma_.lower()
    head = tok.head
    kids = children(tok)
    child_deps = {c.dep_ for c in kids}
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    prv = tok.nbor(-1) if tok.i > 0 else None
    quoted = in_quote[tok.i] >= 0
    feats = [
        "bias",
        f"l={lemma}",
        f"w={tok.lower_}",
        f"p={tok.pos_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"l|d={lemma}|{tok.dep_}",
        f"l|t={lemma}|{tok.tag_}",
        f"hl={head.lemma_.lower()}",
        f"hp|d={head.pos_}|{tok.dep_}",
        f"q={quoted}",
        f"l|q={lemma}|{quoted}",
        f"nx={nxt.lower_ if nxt is not None else '<e>'}",
        f"pv={prv.lower_ if prv is not None else '<s>'}",
        f"l|nx={lemma}|{nxt.lower_ if nxt is not None else '<e>'}",
        f"l|pv={lemma}|{prv.lower_ if prv is not None else '<s>'}",
        f"suf={lemma[-3:]}",
    ]
    cls = LEXICON.get(lemma)
    if cls:
        feats.append(f"lex={cls}")
        feats.append(f"lex|p={cls}|{tok.pos_}")
        feats.append(f"lex|ccomp={cls}|{'ccomp' in child_deps}")
    for dep in child_deps:
        feats.append(f"c={dep}")
        feats.append(f"l|c={lemma}|{dep}")
    for c in kids:
        if c.dep_ in ("nsubj", "nsubjpass"):
            feats.append(f"subj={c.pos_}|{c.ent_type_ or '-'}")
            feats.append(f"l|subj={lemma}|{c.pos_}")
        elif c.dep_ == "ccomp":
            feats.append(f"l|ccomp_mark={lemma}|{any(g.dep_ == 'mark' for g in children(c))}")
    if nxt is not None and nxt.text in QUOTE_CHARS:
        feats.append("next_quote")
        feats.append(f"p|next_quote={tok.pos_}")
    if prv is not None and (prv.text in QUOTE_CHARS or (prv.text == "," and prv.i > 0 and prv.nbor(-1).text in QUOTE_CHARS)):
        feats.append("prev_quote")
        feats.append(f"l|prev_quote={lemma}")
    if tok.text == ":":
        feats.append(f"colon_prev={prv.pos_ if prv is not None else '-'}")
        feats.append(f"colon_next_quote={nxt is not None and nxt.text in QUOTE_CHARS}")
    return feats


def cue_part_features(tok: Token, head: Token) -> Features:
    """Features of a token near a cue head, for whether it belongs to the cue span."""
    rel = relation(tok, head)
    lemma = tok.lemma_.lower()
    hl = head.lemma_.lower()
    side = "L" if tok.i < head.i else "R"
    dist = abs(tok.i - head.i)
    return [
        "bias",
        f"r={rel}",
        f"r|l={rel}|{lemma}",
        f"r|hl={rel}|{hl}",
        f"r|hl|l={rel}|{hl}|{lemma}",
        f"l={lemma}",
        f"p={tok.pos_}",
        f"side|dist={side}|{min(dist, 6)}",
        f"r|side={rel}|{side}",
        f"hl|side|dist={hl}|{side}|{min(dist, 6)}",
        f"hl|l={hl}|{lemma}",
        f"ent={tok.ent_type_ or '-'}",
        f"r|ent={rel}|{tok.ent_type_ or '-'}",

        f"r|nkids={rel}|{min(3, len(children(tok)))}",
    ]


def relation(tok: Token, anchor: Token) -> str:
    """A short dependency path from ``anchor`` to ``tok``, e.g. ``c:aux`` or ``g:pobj<prep``."""
    if tok.head == anchor and tok != anchor:
        return f"c:{tok.dep_}"
    if tok.head.head == anchor and tok.head != anchor:
        return f"g:{tok.dep_}<{tok.head.dep_}"
    if tok == anchor.head:
        return f"h:{anchor.dep_}"
    if tok.head == anchor.head:
        return f"s:{tok.dep_}|{anchor.dep_}"
    if anchor.head.head == tok:
        return f"hh:{anchor.head.dep_}|{anchor.dep_}"
    if tok.head.head == anchor.head and tok.head != anchor:
        return f"sg:{tok.dep_}<{tok.head.dep_}|{anchor.dep_}"
    return "far"


def source_features(cand: Token, cue: Token, in_quote: list[int]) -> Features:
    """Features of a noun token as the head of the source of the cue headed by ``cue``."""
    rel = relation(cand, cue)
    cl = cue.lemma_.lower()
    side = "L" if cand.i < cue.i else "R"
    dist = _bucket(abs(cand.i - cue.i))
    quoted = in_quote[cand.i] >= 0
    same_quote = quoted and in_quote[cand.i] == in_quote[cue.i]
    return [
        "bias",
        f"r={rel}",
        f"r|cl={rel}|{cl}",
        f"r|side={rel}|{side}",
        f"p={cand.pos_}",
        f"e={cand.ent_type_ or '-'}",
        f"r|p={rel}|{cand.pos_}",
        f"r|e={rel}|{cand.ent_type_ or '-'}",
        f"side|dist={side}|{dist}",
        f"q={quoted}|{same_quote}",
        f"d={cand.dep_}",
        f"cp={cue.pos_}",
        f"cp|r={cue.pos_}|{rel}",
        f"pron={cand.lower_ if cand.pos_ == 'PRON' else '-'}",
        f"l={cand.lemma_.lower()}",
        f"cl|l={cl}|{cand.lemma_.lower()}",
    ]


def content_features(kind: str, start: int, end: int, cue: Token, doc: Doc,
                     quotes: list[Quote], n_tokens: int, rank: int = 0, n_cands: int = 1) -> Features:
    """Features of a candidate content span (character bounds) for a cue.

    ``rank`` is the candidate's place by length among the cue's ``n_cands``
    candidates (0 = shortest), so the ranker can prefer the tighter of two.
    """
    cl = cue.lemma_.lower()
    text = text_of(doc)
    starts_q = text[start] in QUOTE_CHARS if start < len(text) else False
    ends_q = text[end - 1] in QUOTE_CHARS if end > 0 else False
    whole_q = any(q.start == start and q.end == end for q in quotes)
    side = "L" if end <= cue.idx else ("R" if start >= cue.idx + len(cue) else "I")
    first = text[start:start + 12].split(" ", 1)[0].lower()
    after = text[end:end + 12].split()
    nxt = after[0].lower() if after else "<e>"
    before = text[max(0, start - 12):start].split()
    prv = before[-1].lower() if before else "<s>"
    return [
        "bias",
        f"k={kind}",
        f"k|cl={kind}|{cl}",
        f"k|cp={kind}|{cue.pos_}",
        f"k|side={kind}|{side}",
        f"q={starts_q}|{ends_q}|{whole_q}",
        f"k|q={kind}|{starts_q}|{ends_q}|{whole_q}",
        f"n={_bucket(n_tokens)}",
        f"k|n={kind}|{_bucket(n_tokens)}",
        f"first={first}",
        f"k|first={kind}|{first}",
        f"cl|side={cl}|{side}",
        f"k|rank={kind}|{min(rank, 4)}|{min(n_cands, 6)}",
        f"k|last={kind}|{text[end - 1] if end else '-'}",
        f"k|para={kind}|{NEWLINE in text[start:end]}",
        f"k|sentend={kind}|{_ends_sentence(doc, end)}",
        f"next={nxt}",
        f"k|next={kind}|{nxt}",
        f"prev={prv}",
        f"cl|next={cl}|{nxt}",
    ]


def _ends_sentence(doc: Doc, end: int) -> bool:
    text = text_of(doc)
    rest = text[end:end + 3].lstrip(" \"”’'")
    return not rest or rest[0] in ".!?\n"
