"""Certainty: how the source itself hedges what it reports.

A source's own hedge ("likely", "may", "it remains unclear", "declined to
comment") is found in the content and in the clause around the cue, and a
likelihood word is read against the probability scale *the source* uses. The
reporter's stance (the cue: "claimed", "confirmed") is a different thing and
is not read here.

Notes:
    Scales, with the bands of ``../shared/reference/estimative-language.md``:
    the UK Probability Yardstick (Defence Intelligence / PHIA, 2019 edition);
    ODNI Intelligence Community Directive 203, *Analytic Standards* (2015),
    which also keeps *confidence in a judgement* apart from its likelihood;
    NATO AJP-2.1, *Allied Joint Doctrine for Intelligence Procedures*; and
    Sherman Kent, "Words of Estimative Probability" (CIA, 1964), offered only
    as a default scale (no source chooses it). The split between a source's
    stance and the reporter's follows FactBank's source-relative factuality
    (Saurí and Pustejovsky, 2009).

    Decisions:

    * **Which scale.** ``scale_for`` names the scale of a UK government source,
      a US intelligence-community body or NATO. Anyone else gets the
      configured default scale (ICD 203), marked ``interpreted=True``. The
      Pentagon, the Defense Department and "U.S. officials" in general are
      *not* ICD 203 sources: the directive binds the analytic products of the
      intelligence community (CIA, ODNI, DIA, NSA, ...), not a department's
      press statements. The FBI, an IC member that mostly speaks as a police
      force, is left out for the same reason.
    * **A term the scale lacks.** The same word in another form ("probably"
      for ICD 203's "probable", "almost certainly") keeps the scale's band
      uninterpreted. A near term ("very likely" from a UK source, read as the
      yardstick's "highly likely") is marked ``interpreted=True``. Where the
      scale has no near term (the 2019 yardstick has no "even chance") there
      is no band: the gaps are deliberate.
    * **Negation** that scopes over the hedge ("not likely", "isn't likely",
      "will not likely", "no realistic possibility", "could not") flips its
      direction. "not likely" / "not probable" are read as the scale's
      "unlikely" band, ``interpreted=True``; other negated terms ("not almost
      certain") get no band. A negation *inside* the hedged clause ("likely
      not to", "unlikely to not withdraw", "may not have") is the content's
      own polarity: ``polarity.py`` reads it and the hedge keeps
      ``negated=False``. Each negation word is read once, by one of the two;
      the hedge's span includes the negation it owns.
    * **Modals** (may, might, could) and possibility words (possible,
      possibly, perhaps) are epistemic possibility, ``towards_true``, with no
      band: no scale defines them. "may not" keeps the negation in the
      content (possibly not); "could not" negates the modal (not possible).
      "could not be verified" is undetermined, not a modal.
    * **Scope.** A hedge inside a relative clause, a conditional ("if ...
      might") or an attributive adjective ("the possible withdrawal", "an
      unknown number") qualifies a part, not the content, and is skipped;
      "could not be verified" in a relative clause ("a claim that could not be
      verified") is kept, as it is about the report. A modal on the cue verb
      itself ("officials may have said") is the reporter's hedge and skipped.
    * **Status.** A likelihood or modal hedge makes the content ``hedged``
      unless an undetermined or no-comment hedge scopes over it ("it remains
      unclear whether X may ..."). The likelihood hedge nearest the root of the
      parse decides the band; a modal decides only when there is no
      likelihood word. Confidence ("with moderate confidence") is recorded
      apart and never sets a band.
    * **Across the cue.** When the cue itself withholds ("declined", "refused")
      and its content is "to comment / say / confirm / discuss ...", the
      no-comment phrase spans cue and content; it is read from both, and the
      content is ``no_comment``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Container, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from spacy.tokens import Span, Token

from ..errors import InputError
from ..features import children, text_of

HedgeKind = Literal["likelihood", "modal", "confidence", "undetermined", "no_comment"]
Direction = Literal["towards_true", "towards_false", "undetermined"]
Status = Literal["asserted", "hedged", "undetermined", "no_comment"]

TRUE: Direction = "towards_true"
FALSE: Direction = "towards_false"
UNDETERMINED: Direction = "undetermined"

UK_YARDSTICK = "UK Probability Yardstick"
ICD_203 = "ICD 203"
NATO_AJP = "NATO AJP-2.1"
KENT = "Kent"
DEFAULT_SCALE = ICD_203


@dataclass(frozen=True)
class Scale:
    """A published vocabulary of estimative terms: term -> (low, high) percent, inclusive."""

    name: str
    bands: Mapping[str, tuple[int, int]]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "bands": {t: list(b) for t, b in self.bands.items()}}


def _scale(name: str, rows: list[tuple[tuple[str, ...], int, int]]) -> Scale:
    return Scale(name, MappingProxyType({t: (lo, hi) for terms, lo, hi in rows for t in terms}))


# Bands exactly as ../shared/reference/estimative-language.md gives them; NATO's
# "under 10%" / "over 90%" are written 0-10 / 90-100, Kent's "93% give or take 6%" as 87-99.
SCALES: Mapping[str, Scale] = MappingProxyType({
    UK_YARDSTICK: _scale(UK_YARDSTICK, [
        (("remote chance",), 0, 5),
        (("highly unlikely",), 10, 20),
        (("unlikely",), 25, 35),
        (("realistic possibility",), 40, 50),
        (("likely", "probably"), 55, 75),
        (("highly likely",), 80, 90),
        (("almost certain",), 95, 100),
    ]),
    ICD_203: _scale(ICD_203, [
        (("almost no chance", "remote"), 1, 5),
        (("very unlikely", "highly improbable"), 5, 20),
        (("unlikely", "improbable"), 20, 45),
        (("roughly even chance", "roughly even odds"), 45, 55),
        (("likely", "probable"), 55, 80),
        (("very likely", "highly probable"), 80, 95),
        (("almost certain", "nearly certain"), 95, 99),
    ]),
    NATO_AJP: _scale(NATO_AJP, [
        (("highly unlikely",), 0, 10),
        (("unlikely",), 10, 40),
        (("even chance",), 40, 60),
        (("likely",), 60, 90),
        (("highly likely",), 90, 100),
    ]),
    KENT: _scale(KENT, [
        (("certain",), 100, 100),
        (("almost certain",), 87, 99),
        (("probable",), 63, 87),
        (("chances about even",), 40, 60),
        (("probably not",), 20, 40),
        (("almost certainly not",), 2, 12),
        (("impossible",), 0, 0),
    ]),
})

# For each likelihood term: the scale terms that read it, in order of preference,
# each with whether that reading is an interpretation (a near term, not the same word).
_READINGS: dict[str, tuple[tuple[str, bool], ...]] = {
    "almost certain": (("almost certain", False), ("nearly certain", False), ("highly likely", True)),
    "highly likely": (("highly likely", False), ("very likely", True), ("highly probable", True)),
    "very likely": (("very likely", False), ("highly probable", False), ("highly likely", True)),
    "likely": (("likely", False), ("probable", True)),
    "probably": (("probably", False), ("probable", False), ("likely", True)),
    "realistic possibility": (
        ("realistic possibility", False), ("roughly even chance", True), ("even chance", True),
        ("chances about even", True),
    ),
    "even chance": (("even chance", False), ("chances about even", False), ("roughly even chance", True)),
    "roughly even chance": (
        ("roughly even chance", False), ("even chance", True), ("chances about even", True),
    ),
    "unlikely": (("unlikely", False), ("improbable", False), ("probably not", True)),
    "highly unlikely": (
        ("highly unlikely", False), ("very unlikely", True), ("highly improbable", True),
        ("almost certainly not", True),
    ),
    "very unlikely": (
        ("very unlikely", False), ("highly improbable", False), ("highly unlikely", True),
        ("almost certainly not", True),
    ),
    "remote chance": (
        ("remote chance", False), ("almost no chance", False), ("remote", False),
        ("highly unlikely", True), ("almost certainly not", True),
    ),
}
# A negated term read as its complement ("not likely" -> "unlikely"); others get no band.
_COMPLEMENT = {"likely": "unlikely", "probably": "unlikely"}

_DIRECTION: dict[str, Direction] = {
    "almost certain": TRUE, "highly likely": TRUE, "very likely": TRUE, "likely": TRUE,
    "probably": TRUE, "realistic possibility": TRUE,
    "even chance": UNDETERMINED, "roughly even chance": UNDETERMINED,
    "unlikely": FALSE, "highly unlikely": FALSE, "very unlikely": FALSE, "remote chance": FALSE,
    "may": TRUE, "might": TRUE, "could": TRUE, "possible": TRUE, "perhaps": TRUE,
    "low confidence": TRUE, "moderate confidence": TRUE, "high confidence": TRUE,
}
_KIND: dict[str, HedgeKind] = {t: "likelihood" for t in _READINGS}
_KIND.update({t: "modal" for t in ("may", "might", "could", "possible", "perhaps")})
_KIND.update({t: "confidence" for t in ("low confidence", "moderate confidence", "high confidence")})
_KIND.update({
    t: "undetermined"
    for t in ("unclear", "unknown", "uncertain", "remains to be seen", "unconfirmed", "not verified")
})
_KIND["no comment"] = "no_comment"


@dataclass(frozen=True)
class Hedge:
    """One hedge as written: ``text == original[start:end]``, negation included when it owns one."""

    text: str
    start: int
    end: int
    term: str
    kind: HedgeKind
    direction: Direction
    negated: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "term": self.term,
            "kind": self.kind, "direction": self.direction, "negated": self.negated,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Hedge:
        """The hedge ``to_dict`` wrote."""
        return cls(data["text"], data["start"], data["end"], data["term"], data["kind"], data["direction"],
                   data["negated"])


@dataclass(frozen=True)
class Certainty:
    """The source's stance towards one content.

    ``status`` is ``asserted`` when nothing hedges it. ``term``, ``low``,
    ``high`` and ``scale`` give the band of the deciding likelihood term;
    when there is a band, ``term`` is the scale's own word for it and
    ``(low, high) == SCALES[scale].bands[term]``. ``interpreted`` is True when
    the band is a reading the source did not choose (a default scale, a near
    term, a negated term's complement). ``confidence`` (low / moderate / high)
    is the source's stated confidence in its judgement, apart from likelihood.
    """

    hedges: tuple[Hedge, ...]
    status: Status
    term: str | None
    direction: Direction | None
    low: int | None
    high: int | None
    scale: str | None
    interpreted: bool
    confidence: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "term": self.term,
            "direction": self.direction,
            "low": self.low,
            "high": self.high,
            "scale": self.scale,
            "interpreted": self.interpreted,
            "confidence": self.confidence,
            "hedges": [h.to_dict() for h in self.hedges],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Certainty:
        """The certainty ``to_dict`` wrote."""
        return cls(tuple(Hedge.from_dict(h) for h in data["hedges"]), data["status"], data["term"],
                   data["direction"], data["low"], data["high"], data["scale"], data["interpreted"],
                   data["confidence"])


# --- Finding hedges -------------------------------------------------------------------

_NEG = r"(?:not|n't|never)"
_AUX = r"(?:(?:could|can|ca|would|wo|will|did|does|do|has|have|had|was|were|is|are|may|might) )?"

# Multi-word hedges, matched over the span's lower-cased tokens joined by single
# spaces. Order matters where two start at the same token: earlier wins.
_PHRASES: list[tuple[str, str]] = [
    ("no comment", r"(?:declined?|declines|declining|refused?|refuses|refusing) to (?:immediately |publicly |further )?comment"),
    ("no comment", rf"{_AUX}{_NEG} (?:immediately |publicly )?comment"),
    ("no comment", rf"{_AUX}{_NEG} (?:immediately )?(?:respond|responded|responding|reply|replied|return|returned"
                   r"|answer|answered)(?: [^ ]+){0,8}? (?:for|seeking) comments?"),
    ("no comment", rf"{_AUX}{_NEG} be reached for comments?"),
    ("no comment", rf"(?:unavailable|{_NEG} available) for comments?"),
    ("no comment", r"no comment"),
    ("not verified", rf"{_AUX}{_NEG} (?:yet )?(?:be |been |being )?(?:independently |immediately |officially |yet )?(?:verified|verify)"),
    ("unconfirmed", rf"{_AUX}{_NEG} (?:yet )?(?:be |been |being )?(?:independently |immediately |officially |yet )?(?:confirmed|confirm)"),
    ("not verified", rf"(?:unable|impossible|{_NEG} (?:yet )?(?:possible|able)) to (?:independently )?verify"),
    ("unconfirmed", rf"(?:unable|impossible|{_NEG} (?:yet )?(?:possible|able)) to (?:independently )?confirm"),
    ("remains to be seen", r"(?:remains?|remained|remaining) to be seen"),
    ("unclear", r"(?:too early|too soon) to (?:tell|say|know|judge|determine|assess)"),
    ("unclear", rf"{_NEG} (?:yet |entirely |immediately |fully |at all )?clear"),
    ("unknown", rf"{_NEG} (?:yet |immediately |publicly )?known"),
    ("confidence", r"(?:low|moderate|medium|high) (?:- )?(?:(?:degree|level) of )?confidence(?! in(?![^ ]))"),
    ("confidence", r"(?:highly|very|fairly|moderately) confident"),
    ("almost certain", r"(?:almost|nearly) certain(?:ly)?"),
    ("highly likely", r"highly likely"),
    ("very likely", r"very likely|highly probable"),
    ("highly unlikely", r"highly unlikely"),
    ("very unlikely", r"very unlikely|highly improbable"),
    ("realistic possibility", r"realistic possibility"),
    ("remote chance", r"remote (?:chance|possibility|prospect)|almost no chance"),
    ("roughly even chance", r"(?:roughly|about|approximately) (?:an )?even (?:chance|odds)"),
    ("even chance", r"even (?:chance|odds)|fifty - fifty|50 - 50"),
]
_PHRASE_RE = re.compile(
    "|".join(f"(?<![^ ])(?P<p{n}>{pat})(?![^ ])" for n, (_, pat) in enumerate(_PHRASES))
)
_LEVELS = {"medium": "moderate", "fairly": "moderate", "moderately": "moderate", "highly": "high", "very": "high"}
_PHRASE_TERM = {f"p{n}": term for n, (term, _) in enumerate(_PHRASES)}

# Single words: lower-cased form -> canonical term.
_WORDS: dict[str, str] = {
    "likely": "likely", "unlikely": "unlikely", "probably": "probably", "probable": "probably",
    "improbable": "unlikely",
    "may": "may", "might": "might", "could": "could",
    "possible": "possible", "possibly": "possible", "possibility": "possible",
    "perhaps": "perhaps", "maybe": "perhaps",
    "unclear": "unclear", "unknown": "unknown", "uncertain": "uncertain",
    "unconfirmed": "unconfirmed", "unverified": "not verified",
}
_MODALS = frozenset({"may", "might", "could"})
_NOUN_MODIFIER_TAGS = frozenset({"DT", "JJ", "JJR", "JJS", "PRP$", "POS"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
# "as soon as possible", "if possible", "where possible": no claim is hedged.
_NOT_BEFORE_POSSIBLE = frozenset({"as", "if", "where", "wherever", "whenever", "when"})
# Dependents that complete a predicate, whose governor may carry the hedge's negation.
_PREDICATIVE = frozenset({"acomp", "attr", "oprd", "advmod", "dobj", "npadvmod"})
# A hedge's scope is its governor when it hangs off one as a modifier or complement.
_SCOPE_UP = _PREDICATIVE | {"neg", "aux", "auxpass"}
_CONDITIONAL = frozenset({"if", "unless"})
_COMPLEMENT_MARKS = frozenset({"that", "whether", "if"})
_REPORT_TERMS = frozenset({"not verified", "unconfirmed"})
# A cue that withholds ("declined to comment", "refused to say") when its content is one of these
# verbs: the phrase spans cue and content, so neither scan sees it whole.
_WITHHOLDING_CUES = frozenset({"decline", "refuse"})
_WITHHELD = frozenset({"comment", "say", "confirm", "discuss", "elaborate", "specify"})


class _Found(NamedTuple):
    hedge: Hedge
    head: Token  # the hedge's token nearest the root of the parse
    depth: int


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i:
        tok = tok.head
        d += 1
    return d


def _is_complement_clause(tok: Token) -> bool:
    """A clause under a noun introduced by "that"/"whether" ("the chance that ...") rather than a
    relative clause ("the strike, which ..."); the parser labels both relcl/acl."""
    kids = children(tok)
    return any(c.dep_ == "mark" and c.lower_ in _COMPLEMENT_MARKS for c in kids) and not any(
        c.tag_ in ("WDT", "WP", "WP$", "WRB") for c in kids
    )


def _out_of_scope(head: Token, start: int, end: int) -> bool:
    """Whether ``head`` sits in a relative clause, a conditional or an attributive adjective
    between itself and the top of the span ``[start, end)``."""
    if head.dep_ == "amod":
        return True
    tok = head
    while True:
        parent = tok.head
        if parent.i == tok.i or not start <= parent.i < end:
            return False
        dep = tok.dep_
        if dep in ("relcl", "acl") and not _is_complement_clause(tok):
            return True
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in children(tok)):
            return True
        tok = parent


def _negator(first: Token, head: Token) -> Token | None:
    """The negation that scopes over a hedge starting at ``first``: right before it ("not
    likely", "no realistic possibility") or on the predicate it completes, before it ("is not
    at all likely", "will not likely attack"). A negation after the hedge is the content's."""
    doc = first.doc
    j = first.i - 1
    while j >= 0 and doc[j].is_quote:
        j -= 1
    if j >= 0 and doc[j].lower_ in _NEGATORS:
        return doc[j]
    if head.dep_ in _PREDICATIVE and head.head.i != head.i:
        for c in children(head.head):
            if c.dep_ == "neg" and c.i < first.i:
                return c
    return None


def _word_hedge(tok: Token, word: str) -> bool:
    """Whether a single hedge word is used as a hedge here (not "military might", "as
    soon as possible", "the possibility of talks")."""
    if word in _MODALS:
        # An auxiliary of a verb to its right; "Russia's military might" is tagged MD too.
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        return (
            tok.tag_ == "MD" and tok.dep_ == "aux" and tok.head.i > tok.i
            and (prev is None or prev.tag_ not in _NOUN_MODIFIER_TAGS)
        )
    if word == "possibility":
        return tok.dep_ == "attr" or any(
            c.dep_ in ("acl", "ccomp", "relcl") and _is_complement_clause(c) for c in children(tok)
        )
    if word == "possible" and tok.i > 0 and tok.doc[tok.i - 1].lower_ in _NOT_BEFORE_POSSIBLE:
        return False
    return True


def _scan(span: Span, excluded: Container[int], skip: range, cue_root: Token | None) -> list[_Found]:
    """Every hedge in ``span`` outside ``excluded`` token indices and the ``skip`` range."""
    doc = span.doc
    text = text_of(doc)
    toks = list(span)
    if not toks:
        return []
    lowers = [t.lower_ for t in toks]
    offsets = []
    pos = 0
    for w in lowers:
        offsets.append(pos)
        pos += len(w) + 1
    taken = [False] * len(toks)
    found: list[_Found] = []

    def usable(a: int, b: int) -> bool:
        return not any(
            taken[k] or toks[k].i in excluded or toks[k].i in skip for k in range(a, b + 1)
        )

    def add(a: int, b: int, term: str, negated_by: Token | None, head: Token) -> None:
        kind = _KIND[term]
        first, last = toks[a], toks[b]
        start = first.idx if negated_by is None else min(first.idx, negated_by.idx)
        end = last.idx + len(last.text)
        direction = _DIRECTION.get(term, UNDETERMINED)
        if negated_by is not None:
            direction = {TRUE: FALSE, FALSE: TRUE}.get(direction, UNDETERMINED)
        for k in range(a, b + 1):
            taken[k] = True
        hedge = Hedge(text[start:end], start, end, term, kind, direction, negated_by is not None)
        found.append(_Found(hedge, head, _depth(head)))

    for m in _PHRASE_RE.finditer(" ".join(lowers)):
        a = bisect_right(offsets, m.start()) - 1
        b = bisect_right(offsets, m.end() - 1) - 1
        if not usable(a, b):
            continue
        term = _PHRASE_TERM[m.lastgroup or ""]
        if term == "confidence":
            level = m.group(0).split()[0]
            term = f"{_LEVELS.get(level, level)} confidence"
        head = min(toks[a:b + 1], key=_depth)
        if term not in _REPORT_TERMS and _out_of_scope(head, span.start, span.end):
            continue
        # Undetermined and no-comment phrases carry their own negation ("not yet clear").
        negates = _KIND[term] in ("likelihood", "confidence")
        add(a, b, term, _negator(toks[a], head) if negates else None, head)

    for k, tok in enumerate(toks):
        word = lowers[k]
        single = _WORDS.get(word)
        if single is None or not usable(k, k) or not _word_hedge(tok, word):
            continue
        if single not in _REPORT_TERMS and _out_of_scope(tok, span.start, span.end):
            continue
        if word not in _MODALS:
            add(k, k, single, _negator(tok, tok), tok)
            continue
        # The reporter's hedge on the attribution ("officials may have said"), not the source's.
        if cue_root is not None and tok.head.i == cue_root.i:
            continue
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if word == "could" and nxt is not None and nxt.lower_ in ("not", "n't", "never"):
            # "could not": the negation is over the modal (not possible), so it is the hedge's.
            b = k + 1 if k + 1 < len(toks) and usable(k + 1, k + 1) else k
            add(k, b, single, nxt, tok)
        else:
            add(k, k, single, None, tok)

    found.sort(key=lambda f: f.hedge.start)
    return found


def _withheld(content: Span, cue_root: Token) -> _Found | None:
    """A no-comment hedge made of a withholding cue and its content ("declined | to comment on the
    report", "refused | to say how many"), or None."""
    if cue_root.lemma_.lower() not in _WITHHOLDING_CUES or not content.start > cue_root.i:
        return None
    verb = next((t for t in content if t.dep_ == "xcomp" and t.head.i == cue_root.i), None)
    if verb is None or verb.lemma_.lower() not in _WITHHELD:
        return None
    # Only "to" and adverbs ("to immediately comment") may come before the verb in the content.
    if any(t.lower_ != "to" and t.pos_ != "ADV" for t in content.doc[content.start:verb.i]):
        return None
    text = text_of(content.doc)
    start, end = cue_root.idx, verb.idx + len(verb.text)
    hedge = Hedge(text[start:end], start, end, "no comment", "no_comment", UNDETERMINED, False)
    return _Found(hedge, cue_root, _depth(cue_root))


def find_hedges(span: Span, *, exclude: Collection[int] = ()) -> list[Hedge]:
    """The hedges in ``span``, in text order, skipping tokens whose index is in ``exclude``.

    ``exclude`` holds the token indices of nested attributions (an inner
    source's cue and content), whose hedges are not this source's.
    """
    excluded = exclude if isinstance(exclude, (set, frozenset)) else frozenset(exclude)
    return [f.hedge for f in _scan(span, excluded, range(0), None)]


# --- Which scale a source uses --------------------------------------------------------

_UK_NAME = re.compile(r"\bU\.K\.|\bUK\b|\b(?i:united kingdom|great britain|britain|british)\b")
_UK_ALONE = re.compile(r"(?i:the\s+)?(?:U\.K\.?|UK|(?i:united kingdom|great britain|britain)|London)(?:['’]s?)?")
_UK_BODY = re.compile(
    r"\b(?i:downing street|whitehall|gchq|mi5|mi6|secret intelligence service|joint intelligence committee"
    r"|fcdo|foreign,? commonwealth (?:and|&) development office)\b"
    r"|\bDefen[cs]e Intelligence\b(?! Agency)|\bNo\.? ?10\b|\bNumber 10\b"
)
_MOD = re.compile(r"\bMoD\b|\bMOD\b")
_GOVERNMENT = re.compile(
    r"(?i)\b(?:officials?|ministry|ministers?|government|secretary|intelligence|defen[cs]e|forces"
    r"|military|army|navy|royal|spokes(?:man|woman|person)|cabinet|prime minister|chiefs?|embassy"
    r"|ambassador|envoy|authorities|sources?|assessments?|updates?|department|office|commanders?"
    r"|generals?|mod)\b"
)
_OTHER_NATION = re.compile(
    r"(?i)\b(?:russia|russian|ukrain\w*|israel\w*|india\w*|pakistan\w*|china|chinese|japan\w*"
    r"|taiwan\w*|france|french|german\w*|turk\w*|iran\w*|poland|polish|belarus\w*|korea\w*)\b"
)
# "The Ministry of Defence in London", "officials in London": the city stands for the UK government
# when a government word goes with it. Narrower than _GOVERNMENT: embassies, envoys and "sources"
# in London are as often foreign ones.
_LONDON = re.compile(r"\bLondon\b")
_LONDON_GOVERNMENT = re.compile(
    r"(?i)\b(?:officials?|ministry|ministers?|government|secretary|defen[cs]e|intelligence|cabinet"
    r"|prime minister|department|mod)\b"
)
_US_BODY = re.compile(
    r"\b(?:CIA|ODNI|DNI|DIA|NSA|NGA|NRO)\b|(?i:central intelligence agency|director of national"
    r" intelligence|defense intelligence agency|national security agency|national intelligence council"
    r"|national geospatial-intelligence agency|national reconnaissance office|intelligence community"
    r"|bureau of intelligence and research)"
)
_US_NAME = re.compile(r"\bU\.S\.|\bUS\b|\bUSA\b|\b(?i:united states|american|washington)\b")
_INTELLIGENCE = re.compile(r"(?i)\bintelligence\b")
_NATO = re.compile(r"\bNATO\b|\bSHAPE\b|(?i:north atlantic treaty organi[sz]ation|allied command|supreme allied commander)")


@lru_cache(maxsize=4096)
def scale_for(source: str | None) -> Scale | None:
    """The scale the source itself uses, from the (resolved) source text, or None.

    A UK government source (the UK / British Ministry of Defence, Defence
    Intelligence, ministers, officials, Downing Street, "The U.K.", "the
    Ministry of Defence in London") uses the UK Probability Yardstick; a US
    intelligence-community body (CIA, ODNI, DIA, NSA, "U.S. intelligence
    officials") ICD 203; NATO AJP-2.1. Others, and a source that names more
    than one of these ("US and British officials"), get None: the caller
    applies a default scale as an interpretation.
    """
    if not source:
        return None
    s = " ".join(source.split())
    found = []
    if (
        _UK_BODY.search(s)
        or _UK_ALONE.fullmatch(s)
        or (_UK_NAME.search(s) and _GOVERNMENT.search(s))
        or (_MOD.search(s) and not _OTHER_NATION.search(s))
        or (
            _LONDON.search(s) and _LONDON_GOVERNMENT.search(s)
            and not _OTHER_NATION.search(s) and not _US_NAME.search(s)
        )
    ):
        found.append(UK_YARDSTICK)
    if _US_BODY.search(s) or (_US_NAME.search(s) and _INTELLIGENCE.search(s)):
        found.append(ICD_203)
    if _NATO.search(s):
        found.append(NATO_AJP)
    return SCALES[found[0]] if len(found) == 1 else None


# --- Assessing one content ------------------------------------------------------------


def _scope(found: _Found) -> Token:
    head = found.head
    return head.head if head.dep_ in _SCOPE_UP else head


def _dominates(outer: _Found, inner: _Found) -> bool:
    """Whether ``outer``'s scope is an ancestor of (or is) ``inner``'s head."""
    scope = _scope(outer)
    tok = inner.head
    while True:
        if tok.i == scope.i:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head


def _band(term: str, negated: bool, scale: Scale) -> tuple[str, int, int, bool] | None:
    """``(scale term, low, high, interpreted)`` for a likelihood term on ``scale``, or None."""
    forced = False
    if negated:
        if term not in _COMPLEMENT:
            return None
        term, forced = _COMPLEMENT[term], True
    for candidate, near in _READINGS.get(term, ()):
        band = scale.bands.get(candidate)
        if band is not None:
            return candidate, band[0], band[1], near or forced
    return None


def assess(
    content: Span,
    cue_clause: Span | None,
    source: str | None,
    *,
    exclude: Collection[int] = (),
    default_scale: str | None = DEFAULT_SCALE,
) -> Certainty:
    """The source's certainty about ``content``.

    Hedges are read in ``content`` and in ``cue_clause`` (the clause around
    the cue: "officials believe it is highly likely", "we assess with moderate
    confidence"), never in ``exclude`` tokens. The band comes from the scale
    of ``source`` (see ``scale_for``) or else from ``default_scale`` (a name
    in ``SCALES``, or None for no band), then with ``interpreted=True``.
    """
    if default_scale is not None and default_scale not in SCALES:
        raise InputError(
            f"default_scale {default_scale!r}",
            f"one of {', '.join(map(repr, SCALES))}, or None for no default band",
        )
    excluded = exclude if isinstance(exclude, (set, frozenset)) else frozenset(exclude)
    found = _scan(content, excluded, range(0), None)
    if cue_clause is not None:
        found += _scan(cue_clause, excluded, range(content.start, content.end), cue_clause.root)
        withheld = _withheld(content, cue_clause.root)
        if withheld is not None and not any(f.hedge.kind == "no_comment" for f in found):
            found.append(withheld)
        found.sort(key=lambda f: f.hedge.start)
    hedges = tuple(f.hedge for f in found)

    confidence = None
    conf = [f for f in found if f.hedge.kind == "confidence"]
    if conf:
        top = min(conf, key=lambda f: f.depth).hedge
        confidence = None if top.negated else top.term.split()[0]

    blockers = [f for f in found if f.hedge.kind in ("undetermined", "no_comment")]
    live = [
        f for f in found
        if f.hedge.kind in ("likelihood", "modal") and not any(_dominates(b, f) for b in blockers)
    ]
    if live:
        likelihood = [f for f in live if f.hedge.kind == "likelihood"]
        decider = min(likelihood or live, key=lambda f: (f.depth, f.hedge.start)).hedge
        term = decider.term
        if decider.negated:
            term = f"{term} not" if term in _MODALS else f"not {term}"
        if decider.kind == "likelihood":
            own = scale_for(source)
            scale = own or (SCALES[default_scale] if default_scale else None)
            band = _band(decider.term, decider.negated, scale) if scale else None
            if scale is not None and band is not None:
                scale_term, low, high, near = band
                return Certainty(
                    hedges, "hedged", scale_term, decider.direction, low, high, scale.name,
                    own is None or near, confidence,
                )
        return Certainty(hedges, "hedged", term, decider.direction, None, None, None, False, confidence)
    if blockers:
        decider = min(blockers, key=lambda f: (f.depth, f.hedge.start)).hedge
        status: Status = "no_comment" if decider.kind == "no_comment" else "undetermined"
        return Certainty(hedges, status, decider.term, UNDETERMINED, None, None, None, False, confidence)
    if conf:
        direction = min(conf, key=lambda f: f.depth).hedge.direction
        return Certainty(hedges, "hedged", None, direction, None, None, None, False, confidence)
    return Certainty(hedges, "asserted", None, None, None, None, None, False, None)
