"""Claims about the same proposition across articles, and the conflicts between them.

A claim is reduced to a *frame*: its content's stems, the rare ones among
them (the anchors: "Vostrel", "Varnhold", "fuel"), the outcome class of its
predicate ("sank" and "damaged" are both *damage*; "dismissed" and "kept his
post" are opposite *removal* outcomes) and its sign, which flips with a
negated predicate and with a denial (the source asserting the negation).

Two claims are about the same proposition when they share an anchor and
either a predicate class or at least ``SIMILARITY`` of their stems (Jaccard).
They conflict when their sources differ (canonical sources, so a ministry
and its spokesman quoted under two names still count as one) and their signs
differ; figures for the same counted event conflict when they cannot both
hold (see :func:`numbers_conflict`).

Notes:
    The method is lexical and deliberately high-precision, after the
    contradiction cues of de Marneffe, Rafferty and Manning (2008), "Finding
    contradictions in text" (antonymy, negation, numeric mismatch), reduced to
    what needs no parse: the ledger stores text, not Docs. The thresholds were
    set on the project's own corpus (``examples/corpus``), where the tests
    measure precision and recall.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

SIMILARITY = 0.4
ANCHOR_SHARE = 0.08   # a common noun is an anchor when at most this share of the ledger's claims use it
ANCHOR_MIN = 3        # ... or at most this many claims, on a small ledger
SAME_TIME_DAYS = 1    # figures from within this many days of each other describe the same moment

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = frozenset("""
a an the of to in on at by for from with and or but that this these those it its their his her he she they
we you i is are was were be been being has have had do does did will would can could may might must shall
should not no never any some all more most than as if whether which who whom whose what when where while
also just only still yet even very so such there here into onto over under about after before since until
against between during per via up down out off again further then once both each few other own same too
says said say told according reported claimed claims
""".split())
_TIME_WORDS = frozenset("""
day days week weeks month months year years today yesterday tomorrow night morning evening weekend
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec time times earlier later
""".split())

# Outcome classes: phrases saying something happened (+1) or that it did not / the opposite held (-1).
_OUTCOMES: dict[str, list[tuple[str, int]]] = {
    "damage": [(r"\b(?:sank|sunk|sink(?:ing|s)?|hit|struck|damaged?|destroy(?:ed|s)?|wreck(?:ed|age)?|"
                r"crippled|burn(?:ed|t)|exploded|lost)\b", 1),
               (r"\b(?:undamaged|intact|unharmed|unscathed|scheduled maintenance|routine maintenance)\b", -1)],
    "removal": [(r"\b(?:dismissed|removed|sacked|fired|ousted|booted|stripped|replaced|purged|suspended|"
                 r"demoted|relieved of)\b", 1),
                (r"\b(?:kept|keeps|retain(?:ed|s)?|survived)\b|\b(?:continues?|remains?|remained|still)\b"
                 r"(?:\W+\w+){0,3}?\W+(?:duties|post|position|command|charge|job|office)\b", -1)],
    "capture": [(r"\b(?:captured|seized|taken|took|fallen|fell|occupied|overran)\b(?!\W+(?:\d|some|about|more|"
                 r"nearly|over|dozens|hundreds))", 1),
                (r"\b(?:repelled|recaptured|liberated)\b", -1)],
    "casualties": [(r"\b(?:killed|died|dead|slain|wounded|injured)\b", 1)],
    "withdrawal": [(r"\b(?:left|withdr[ae]wn?|moved\b(?:\W+\w+){0,3}?\W+away|retreated|pulled back|departed)\b", 1),
                   (r"\b(?:stayed|remain(?:ed|s)? (?:in|at) the)\b", -1)],
}
_OUTCOME_RES = [(cls, re.compile(pattern, re.IGNORECASE), sign)
                for cls, rules in _OUTCOMES.items() for pattern, sign in rules]
_OUTCOME_WORDS = frozenset("sank sunk sink hit struck damaged damage destroyed wreck wrecked lost undamaged intact "
                           "dismissed removed stripped replaced kept retained captured seized taken fallen fell "
                           "left withdrawn moved".split())


@dataclass(frozen=True)
class Frame:
    """What the matcher knows of one claim."""

    stems: frozenset[str]
    names: frozenset[str]   # proper names in the content: what the claim is about
    outcome: str | None
    sign: int
    base: int = 1   # the outcome phrase's own sign, before negation and denial


def stem(word: str) -> str:
    """A crude, stable stem: lower case, possessive and plural endings off (enough for matching)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def frame(content: str, *, negated: bool, asserts_negation: bool,
          is_country: Callable[[str], bool] | None = None) -> Frame:
    """The frame of a claim's content; ``negated`` is its polarity, ``asserts_negation`` a denial.

    Proper names are the capitalised words that are not country names or
    demonyms (``is_country``), months or days: "Vostrel", "Varnhold", "Dranov".
    """
    found = _WORD.findall(content)
    words = [w.lower().replace("’", "'") for w in found]
    country = is_country or (lambda w: False)
    places = {stem(w) for phrase in _PLACE.findall(content) for w in _WORD.findall(phrase)} | {"port", "base"}
    stems = frozenset(stem(w) for w in words
                      if w not in _STOP and w not in _TIME_WORDS and len(w) > 2 and stem(w) not in places)
    names = frozenset(stem(w) for w, low in zip(found, words)
                      if w[:1].isupper() and low not in _STOP and low not in _TIME_WORDS and len(w) > 2
                      and not country(w) and not country(w.rstrip("'s’")) and stem(w) not in places)
    outcome, base, at = None, 1, len(content) + 1
    for cls, pattern, sign in _OUTCOME_RES:
        m = pattern.search(content)
        if m and m.start() < at:
            outcome, base, at = cls, sign, m.start()
    if outcome is not None:
        # The negation that matters is the one on the outcome ("was at its berth and had not been damaged").
        negated = bool(_NEGATION_BEFORE.search(content, max(0, at - 30), at))
    sign = base * (-1 if negated else 1) * (-1 if asserts_negation else 1)
    return Frame(stems, names, outcome, sign, base)


# A named harbour, strait or base is where something happened, not what a claim is about.
_PLACE = re.compile(r"\b(?:Port|Strait|Bay|Gulf|Sea|Base|Airport|Harbou?r|Island|River)\b(?:\s+of)?(?:\s+[A-Z][\w'’-]*)?|"
                    r"\b[A-Z][\w'’-]*\s+(?:Strait|Bay|Gulf|Sea|Base|Airport|Harbou?r|Island|River)\b")
_NEGATION_BEFORE = re.compile(r"\b(?:not|n't|never|no)\b(?:\W+\w+){0,3}\W*$", re.IGNORECASE)


def reason(a: Frame, b: Frame) -> str:
    """Why two opposite frames conflict: opposite outcome words ("kept" / "dismissed") or polarity."""
    if a.outcome is not None and a.outcome == b.outcome and a.base != b.base:
        return "opposite outcome"
    return "opposite polarity"


def anchors(frames: Iterable[Frame]) -> frozenset[str]:
    """What can identify a proposition: every proper name, and common nouns rare in the ledger."""
    frames = list(frames)
    df = Counter(s for f in frames for s in f.stems)
    limit = max(ANCHOR_MIN, ANCHOR_SHARE * len(frames))
    rare = {s for s, n in df.items() if n <= limit and s not in _OUTCOME_WORDS}
    return frozenset(rare | {n for f in frames for n in f.names})


def same_proposition(a: Frame, b: Frame, rare: frozenset[str], *, strict: bool = False) -> bool:
    """Whether two frames are about the same proposition.

    They share a proper name (or, unless ``strict``, a rare word) and the same
    outcome class ("the Vostrel sank" / "the Vostrel was not damaged"), or
    they share a name or a rare word and at least ``SIMILARITY`` of their
    words. Two different outcome classes ("captured" / "killed") are never
    the same proposition. Grouping, which chains pairs into groups, uses the
    strict test; comparing two claims for a conflict, which also needs
    opposite signs, uses the other.
    """
    shared = a.stems & b.stems
    named = bool(a.names & b.names)
    if not (named or shared & rare):
        return False
    if a.outcome is not None and b.outcome is not None:
        if a.outcome != b.outcome:
            return False   # "captured" and "killed" are different propositions
        if named or not strict:
            return True    # "the Vostrel sank" / "the Vostrel was not damaged"
    union = a.stems | b.stems
    return len(shared) / len(union) >= SIMILARITY if union else False


def opposite(a: Frame, b: Frame) -> bool:
    return a.sign != b.sign


# --- figures -------------------------------------------------------------------------------

_PEOPLE = {"troop": "soldier", "soldier": "soldier", "serviceman": "soldier", "servicemen": "soldier",
           "personnel": "soldier", "fighter": "soldier", "member": "soldier", "civilian": "civilian",
           "people": "person", "person": "person", "drone": "drone", "tank": "tank", "prisoner": "prisoner"}


# Events that count the same thing: the dead, the captured.
_EVENTS = {"died": "killed", "dead": "killed", "slain": "killed", "taken": "captured", "taken prisoner": "captured",
           "injured": "wounded", "hurt": "wounded"}


def canonical_event(event: str | None) -> str | None:
    """The series an event belongs to: "died" -> "killed"."""
    return _EVENTS.get(event, event) if event else event


def events_like(event: str) -> set[str]:
    """The event names counted as ``event`` ("killed" takes "died" and "dead" too)."""
    canonical = _EVENTS.get(event, event)
    return {canonical} | {e for e, c in _EVENTS.items() if c == canonical}


@dataclass(frozen=True)
class Figure:
    """A claimed figure with what it counts, for comparing across sources."""

    claim: int
    source: str
    low: float
    high: float
    relation: str
    key: tuple[str, str, str]   # (event, what, whose)
    when: date | None


def count_key(event: str | None, counted: str | None, affiliation: str | None,
              demonyms: dict[str, str]) -> tuple[str, str, str] | None:
    """``(event, what, whose)`` for a counted phrase: "Korvian troops" killed -> (killed, soldier, Korvia).

    "its servicemen" / "our soldiers" take the source's own affiliation.
    """
    if not event or not counted:
        return None
    event = _EVENTS.get(event, event)
    words = [w.lower() for w in _WORD.findall(counted)]
    if not words:
        return None
    head = stem(words[-1])
    what = _PEOPLE.get(head, _PEOPLE.get(words[-1], head))
    whose = ""
    for w in words[:-1]:
        if w in demonyms:
            whose = demonyms[w]
        elif w in ("its", "their", "our") and affiliation:
            whose = affiliation
    return event, what, whose


def interval(relation: str, low: float | None, high: float | None) -> tuple[float, float]:
    """The values a figure allows: "more than N" is (N, inf), "about N" is N +- 5 %."""
    lo = low if low is not None else 0.0
    hi = high if high is not None else math.inf
    if relation in ("more_than", "at_least"):
        return lo, math.inf
    if relation in ("less_than", "at_most"):
        return 0.0, hi
    if relation == "about":
        return lo * 0.95, hi * 1.05
    return lo, hi


def numbers_conflict(a: Figure, b: Figure) -> str:
    """Why two figures for the same count cannot both hold, or ''.

    Counts of the dead, the captured and the destroyed only grow: a later
    figure whose upper bound is below an earlier figure's lower bound
    contradicts it. Figures from within ``SAME_TIME_DAYS`` of each other must
    overlap.
    """
    if a.key != b.key or a.source == b.source:
        return ""
    (la, ha), (lb, hb) = interval(a.relation, a.low, a.high), interval(b.relation, b.low, b.high)
    if a.when and b.when:
        first, second = (a, b) if a.when <= b.when else (b, a)
        (lf, hf), (ls, hs) = ((la, ha), (lb, hb)) if first is a else ((lb, hb), (la, ha))
        if hs < lf:
            return "a later figure is below an earlier one for a count that only grows"
        if abs((a.when - b.when).days) <= SAME_TIME_DAYS and (hf < ls):
            return "figures for the same moment do not overlap"
        return ""
    return "the figures do not overlap" if ha < lb or hb < la else ""


def figure_pairs(figures: Sequence[Figure]) -> Iterable[tuple[Figure, Figure]]:
    """The pairs of figures worth comparing: each figure against the other sources' latest earlier ones.

    A figure is compared with each other source's most recent figure for the
    same count given before it, and with any given the same day: that is where
    a disagreement shows, and it is reported there rather than once for every
    pair of reports the two sources ever made.
    """
    by_key: dict[tuple[str, str, str], list[Figure]] = {}
    for f in figures:
        if f.when is not None:
            by_key.setdefault(f.key, []).append(f)
    for group in by_key.values():
        done: set[tuple[int, int]] = set()
        for f in group:
            latest: dict[str, Figure] = {}
            for g in group:
                if g.source == f.source or g.when is None or f.when is None or g.when > f.when:
                    continue
                if g.when == f.when:
                    pair = (min(f.claim, g.claim), max(f.claim, g.claim))
                    if pair not in done:
                        done.add(pair)
                        yield g, f
                elif g.source not in latest or (g.when, g.claim) > (latest[g.source].when, latest[g.source].claim):
                    latest[g.source] = g
            for g in latest.values():
                pair = (min(f.claim, g.claim), max(f.claim, g.claim))
                if pair not in done:
                    done.add(pair)
                    yield g, f


def pairs(frames: Sequence[Frame]) -> Iterable[tuple[int, int]]:
    """Index pairs of frames that share at least one stem (the candidates worth comparing)."""
    by_stem: dict[str, list[int]] = {}
    for i, f in enumerate(frames):
        for s in f.stems:
            by_stem.setdefault(s, []).append(i)
    seen: set[tuple[int, int]] = set()
    for members in by_stem.values():
        if len(members) > 200:   # a stem in hundreds of claims says nothing about identity
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair not in seen:
                    seen.add(pair)
                    yield pair
