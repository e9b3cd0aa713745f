"""Quantities: the numeric claims inside an attribution's content.

"over 28,000 Russian troops have been killed in the fighting since February"
becomes one ``Quantity``: more than 28,000, counted "Russian troops", event
"killed", time from February 2022 on.

Notes:
    The relation words follow the numerical-approximation classes of the
    comparison-quantifier literature (Cummins, Sauerland & Solt 2012,
    "Granularity and scalar implicature in numerical expressions", Linguistics
    and Philosophy 35): a comparative modifier gives one open bound, an
    approximator gives a point with ``relation="about"``.

    Decisions:

    * "nearly/almost N" is ``less_than`` with ``high=N``: these words assert
      that the true value stays below N (Sadock 1981; Nouwen 2006), and
      keeping the direction lets two claims be compared. The closeness is not
      encoded. "close to N" is ``about``.
    * "as many as N" and "up to N" are ``at_most`` with ``high=N``.
    * "over/more than N" is ``more_than`` with ``low=N`` (exclusive); "at
      least N" is ``at_least`` (inclusive).
    * Plural scale words are orders of magnitude: "hundreds" 200-999,
      "thousands" 2,000-9,999, "tens of thousands" 10,000-99,999, "hundreds of
      thousands" 100,000-999,999, "dozens" 24-99; "several/a few hundred" is
      read like "hundreds".
    * "from 200 to 300" after a change verb is two numbers, not a range;
      "200 to 300", "200-300", "between 200 and 300", "two or three" are ranges.
    * Numbers inside a date, time or ordinal (parser entities and the
      expressions of :mod:`.times`) are not quantities.
    * ``event`` is the past participle of the governing verb ("killed",
      "shot down"), or of a counted noun naming an event ("300 deaths" ->
      "killed", "injuries" -> "injured"); copulas and reporting verbs give none.
      A noun under "including"/"among" takes the event of the noun it is part
      of ("killed 11 people, including three children": the children were
      killed). An adverb right after the verb that the parser tags ``advmod``
      rather than ``prt`` ("had shot down") still counts as its particle.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from spacy.tokens import Doc, Span, Token

from ..features import text_of
from .times import TimeExpr, find_times

Relation = Literal[
    "exact", "more_than", "less_than", "at_least", "at_most", "about", "range", "order_of_magnitude"
]

__all__ = ["Quantity", "Relation", "find_quantities"]


@dataclass(frozen=True)
class Quantity:
    """A number phrase as written, with its bounds and what it counts.

    ``text == doc.text[start:end]`` covers the modifier and the number ("over
    28,000", "between 200 and 300", "40 percent"). ``low``/``high`` are the
    bounds (``None`` when open); an exact or approximate value has ``low ==
    high``. ``counted`` is the counted noun phrase as written
    (``doc.text[counted_start:counted_end]``), ``event`` the normalised past
    participle of what happened to it, ``time`` the time expression of the
    same clause.
    """

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    relation: Relation
    counted: str | None = None
    event: str | None = None
    time: TimeExpr | None = None
    counted_start: int | None = None
    counted_end: int | None = None

    @property
    def value(self) -> float | None:
        """The single value when ``low == high``, else ``None``."""
        return self.low if self.low is not None and self.low == self.high else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "relation": self.relation,
            "counted": self.counted,
            "counted_start": self.counted_start,
            "counted_end": self.counted_end,
            "event": self.event,
            "time": self.time.to_dict() if self.time is not None else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quantity:
        """The quantity ``to_dict`` wrote (``value`` follows from the bounds)."""
        time = data.get("time")
        return cls(data["text"], data["start"], data["end"], data["low"], data["high"], data["relation"],
                   counted=data.get("counted"), event=data.get("event"),
                   time=TimeExpr.from_dict(time) if time is not None else None,
                   counted_start=data.get("counted_start"), counted_end=data.get("counted_end"))


# --------------------------------------------------------------------------- lexicon

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3}
_ABBREVIATED = {"m", "mn", "bn", "k"}  # only when glued to a digit: "1.5m"
_PLURAL_SCALES = {"dozens": 12.0, "tens": 10.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6,
                  "billions": 1e9}
_PERCENT = {"%", "percent", "pct"}
_CURRENCY = {"$", "£", "€", "us$"}
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT",
              "WORK_OF_ART", "LAW", "LANGUAGE", "NORP"}

# Modifiers before the number, longest first; the value says what they do.
_MODIFIERS: dict[tuple[str, ...], str] = {
    ("more", "than"): "more_than", ("over",): "more_than", ("above",): "more_than",
    ("in", "excess", "of"): "more_than", ("upwards", "of"): "more_than", ("upward", "of"): "more_than",
    ("well", "over"): "more_than", ("just", "over"): "more_than", ("greater", "than"): "more_than",
    ("well", "above"): "more_than",
    ("at", "least"): "at_least", ("no", "fewer", "than"): "at_least", ("no", "less", "than"): "at_least",
    ("not", "less", "than"): "at_least", ("a", "minimum", "of"): "at_least",
    ("less", "than"): "less_than", ("fewer", "than"): "less_than", ("under",): "less_than",
    ("below",): "less_than", ("just", "under"): "less_than", ("nearly",): "less_than",
    ("almost",): "less_than", ("just", "shy", "of"): "less_than",
    ("up", "to"): "at_most", ("at", "most"): "at_most", ("no", "more", "than"): "at_most",
    ("not", "more", "than"): "at_most", ("as", "many", "as"): "at_most", ("as", "much", "as"): "at_most",
    ("a", "maximum", "of"): "at_most",
    ("about",): "about", ("around",): "about", ("approximately",): "about", ("roughly",): "about",
    ("some",): "about", ("an", "estimated"): "about", ("estimated",): "about", ("circa",): "about",
    ("close", "to"): "about", ("around", "about"): "about", ("approx",): "about", ("an", "approximate"): "about",
    ("between",): "between", ("from",): "from",
    ("a",): "exact", ("an",): "exact",  # "a dozen", "a hundred"
    ("several",): "several", ("a", "few"): "several", ("a", "couple", "of"): "several", ("few",): "several",
}
_MAX_MODIFIER = max(len(k) for k in _MODIFIERS)
_LOWER_BOUND: dict[str, Relation] = {"more_than": "more_than", "at_least": "at_least"}
_UPPER_BOUND: dict[str, Relation] = {"less_than": "less_than", "at_most": "at_most"}

# Verbs that report or link rather than happen.
_NO_EVENT = {"be", "have", "do", "say", "tell", "claim", "report", "state", "add", "note", "estimate",
             "believe", "think", "include", "remain", "become", "put", "number", "total", "reach", "stand"}
_NOUN_EVENTS = {"death": "killed", "fatality": "killed", "killing": "killed", "injury": "injured",
                "arrest": "arrested", "detention": "detained", "evacuation": "evacuated"}
_STATES = {"dead": "killed", "wounded": "wounded", "injured": "injured", "homeless": "displaced"}
_ROLES = {"nsubj", "nsubjpass", "dobj", "obj", "dative", "oprd"}
_IRREGULAR = {
    "arise": "arisen", "be": "been", "bear": "borne", "beat": "beaten", "become": "become", "begin": "begun",
    "bite": "bitten", "blow": "blown", "break": "broken", "bring": "brought", "build": "built",
    "burn": "burned", "buy": "bought", "catch": "caught", "choose": "chosen", "come": "come", "cut": "cut",
    "deal": "dealt", "do": "done", "draw": "drawn", "drive": "driven", "eat": "eaten", "fall": "fallen",
    "feed": "fed", "fight": "fought", "find": "found", "flee": "fled", "fly": "flown", "forget": "forgotten",
    "freeze": "frozen", "get": "got", "give": "given", "go": "gone", "grow": "grown", "hang": "hanged",
    "have": "had", "hear": "heard", "hide": "hidden", "hit": "hit", "hold": "held", "hurt": "hurt",
    "keep": "kept", "know": "known", "lay": "laid", "lead": "led", "leave": "left", "lend": "lent",
    "let": "let", "lie": "lain", "lose": "lost", "make": "made", "meet": "met", "pay": "paid", "put": "put",
    "quit": "quit", "read": "read", "ride": "ridden", "rise": "risen", "run": "run", "say": "said",
    "see": "seen", "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shake": "shaken",
    "shoot": "shot", "show": "shown", "shut": "shut", "sink": "sunk", "sit": "sat", "slay": "slain",
    "speak": "spoken", "spend": "spent", "split": "split", "spread": "spread", "stand": "stood",
    "steal": "stolen", "strike": "struck", "swear": "sworn", "take": "taken", "teach": "taught",
    "tear": "torn", "tell": "told", "think": "thought", "throw": "thrown", "undergo": "undergone",
    "understand": "understood", "wake": "woken", "wear": "worn", "win": "won", "withdraw": "withdrawn",
    "write": "written", "overrun": "overrun", "overtake": "overtaken", "shed": "shed", "bleed": "bled",
}
_VOWELS = set("aeiou")
# Adverbs right after a verb that the parser may tag advmod for prt ("had shot down 12 drones").
_PARTICLES = {"down", "up", "off", "out", "away"}
# Prepositions that make a noun part of the noun they hang from ("11 people, including three children").
_PART_OF = {"including", "incl", "among"}


# --------------------------------------------------------------------------- numbers

def _is_number(tok: Token) -> bool:
    """A token that is (part of) a cardinal number and not of a date, time, ordinal or name."""
    if tok.ent_type_ in _SKIP_ENTS:
        return False
    low = tok.lower_
    if low in _PLURAL_SCALES or low == "dozen":
        return True
    if low in _ABBREVIATED:
        return tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and tok.doc[tok.i - 1].like_num
    if not tok.like_num:
        return False
    if low[:1].isdigit():
        return low.replace(",", "").replace(".", "", 1).isdigit()  # not "3rd", not "F-16"
    return low in _SMALL or low in _SCALES


def _digits(word: str) -> float | None:
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def _value(words: list[str]) -> float | None:
    """The value of a number written in digits and/or words ("1.5 million", "two dozen",
    "one hundred and fifty", "twenty-five"), or ``None``."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in ("and", "-"):
            continue
        number = _digits(word) if word[:1].isdigit() else _SMALL.get(word)
        if number is not None:
            current += number
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _magnitude(words: list[str]) -> tuple[float, float] | None:
    """Bounds of a plural-scale phrase ("hundreds", "tens of thousands"), or ``None``."""
    scales = [w for w in words if w != "of"]
    if not scales or any(w not in _PLURAL_SCALES for w in scales):
        return None
    if scales == ["dozens"]:
        return 24.0, 99.0
    unit = 1.0
    for w in scales[1:]:
        unit *= _PLURAL_SCALES[w]
    first = _PLURAL_SCALES[scales[0]]
    if len(scales) == 1:
        return 2 * first, 10 * first - 1
    return first * unit, 10 * first * unit - 1


def _links(doc: Doc, k: int, hi: int, before: str) -> bool:
    """Whether token ``k`` joins two parts of one number phrase ("200 to 300", "tens of thousands")."""
    if k + 1 >= hi or not _is_number(doc[k + 1]):
        return False
    low, prev = doc[k].lower_, doc[k - 1].lower_
    if low in ("-", "–", "or"):
        return True
    if low == "and":
        # "between 200 and 300", "one hundred and fifty"
        return before == "between" or (prev in ("hundred", "thousand") and not doc[k + 1].lower_[:1].isdigit())
    if low == "to":
        return before != "from"  # "rose from 200 to 300" is a change, not a range
    if low == "of":
        return prev in _PLURAL_SCALES and doc[k + 1].lower_ in _PLURAL_SCALES
    return False


def _modifier(doc: Doc, i: int, lo: int) -> tuple[int, str]:
    """``(first token, kind)`` of the modifier ending just before token ``i``, or ``(i, "")``."""
    for size in range(_MAX_MODIFIER, 0, -1):
        if i - size < lo:
            continue
        kind = _MODIFIERS.get(tuple(t.lower_ for t in doc[i - size:i]))
        if kind is not None:
            return i - size, kind
    return i, ""


def _split(words: list[str]) -> tuple[list[str], list[str]] | None:
    """The two ends of a range ("200 to 300", "two or three"), or ``None``."""
    for k in range(1, len(words) - 1):
        word, prev = words[k], words[k - 1]
        if word == "-" and prev in _TENS and words[k + 1] in _SMALL and _SMALL[words[k + 1]] < 10:
            continue  # "twenty-five"
        if word in ("to", "-", "–", "or") or (word == "and" and prev not in ("hundred", "thousand")):
            return words[:k], words[k + 1:]
    return None


def _bounds(words: list[str], kind: str) -> tuple[float | None, float | None, Relation] | None:
    """``(low, high, relation)`` of the number words under modifier ``kind``."""
    magnitude = _magnitude(words)
    if magnitude is not None:
        low, high = magnitude
        if kind in _LOWER_BOUND:
            return low, None, _LOWER_BOUND[kind]
        if kind in _UPPER_BOUND:
            return None, high, _UPPER_BOUND[kind]
        return low, high, "order_of_magnitude"
    parts = _split(words)
    if parts is not None:
        first, last = _value(parts[0]), _value(parts[1])
        if first is None or last is None:
            return None
        scale = next((_SCALES[w] for w in reversed(parts[1]) if w in _SCALES), 1.0)
        if scale > 1 and not any(w in _SCALES for w in parts[0]) and first < last / scale:
            first *= scale  # "2 to 3 million"
        return min(first, last), max(first, last), "range"
    value = _value(words)
    if value is None:
        return None
    if kind == "several":  # "several hundred", "a few thousand"
        return (2 * value, 10 * value - 1, "order_of_magnitude") if value >= 100 else None
    if kind in _LOWER_BOUND:
        return value, None, _LOWER_BOUND[kind]
    if kind in _UPPER_BOUND:
        return None, value, _UPPER_BOUND[kind]
    return value, value, "about" if kind == "about" else "exact"


# --------------------------------------------------------------------------- counted and event

def _participle(verb: Token) -> str:
    """The past participle of ``verb`` with its particle ("killed", "shot down")."""
    lemma = verb.lemma_.lower()
    if verb.tag_ == "VBN" or (verb.tag_ == "VBD" and lemma not in _IRREGULAR):
        form = verb.lower_
    elif lemma in _IRREGULAR:
        form = _IRREGULAR[lemma]
    elif lemma.endswith("e"):
        form = lemma + "d"
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        form = lemma[:-1] + "ied"
    else:
        form = lemma + "ed"
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if particle is None:
        particle = next(
            (c.lower_ for c in verb.children
             if c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in _PARTICLES),
            None,
        )
    return f"{form} {particle}" if particle else form


def _verb_event(verb: Token) -> str | None:
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in _NO_EVENT:
        return None
    return _participle(verb)


def _counted(root: Token, end: int, inside: range) -> tuple[Token | None, bool]:
    """The noun the number counts, and whether that noun holds the number's
    syntactic role: its nummod head ("40 drones": yes), the object of a
    modifier preposition ("between 200 and 300 civilians": yes), or the object
    of "of" ("thousands of soldiers", "300 of them": no, the number does)."""
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i >= end and head.pos_ in (
        "NOUN", "PROPN", "PRON"
    ):
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head  # "3 T-72 tanks"
        return head, True
    if root.dep_ == "nummod" and head.dep_ == "pobj" and head.head.i in inside:
        return head, True
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i >= end:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj, False
    return None, False


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok`` (itself included), or ``None``."""
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _event(holder: Token, noun: Token | None, inside: range) -> tuple[str | None, Token | None]:
    """``(event, clause verb)`` for the quantity whose syntactic role is on ``holder``."""
    if noun is not None:
        for child in noun.children:  # "300 civilians killed in the shelling"
            if child.dep_ == "acl" and child.tag_ == "VBN":
                return _participle(child), child
    node = holder
    while True:
        if node.dep_ in ("conj", "appos") and node.head.i != node.i:
            node = node.head
        elif _part_of(node):
            node = node.head.head  # the children of "11 people, including three children" were killed too
        else:
            break
    # "between 200 and 300 civilians had fled": the parser makes the phrase the
    # object of "between"; its role in the clause is then unknown, so take the verb.
    through_modifier = node.dep_ == "pobj" and node.head.i in inside
    if through_modifier:
        node = node.head
    verb = _clause_verb(node.head) if node.head.i != node.i else None
    event = None
    if verb is not None and (through_modifier or node.dep_ in _ROLES):
        event = _verb_event(verb)
        if verb.lemma_ == "leave":  # "left 40 civilians dead"
            state = next((c.lower_ for c in verb.children if c.dep_ in ("oprd", "acomp")), None)
            event = _STATES.get(state or "", event)
    if event is None and noun is not None:
        event = _NOUN_EVENTS.get(noun.lemma_.lower())
    return event, verb


def _part_of(node: Token) -> bool:
    """Whether the noun ``node`` names part of the noun above it ("11 people, including three
    children"); a bare number ("including one called ...") does not."""
    prep = node.head
    return (
        node.dep_ == "pobj" and node.pos_ in ("NOUN", "PROPN") and prep.lower_ in _PART_OF
        and prep.head.i != prep.i and prep.head.pos_ in ("NOUN", "PROPN", "PRON")
    )


def _noun_text(doc: Doc, first: int, noun: Token) -> tuple[int, int] | None:
    """Character bounds of the counted phrase: ``noun`` with the modifiers from ``first`` on."""
    first = max(first, noun.left_edge.i)
    while first < noun.i and doc[first].pos_ in ("DET", "PUNCT", "ADP"):
        first += 1
    if first > noun.i:
        return None
    return doc[first].idx, noun.idx + len(noun.text)


# --------------------------------------------------------------------------- finding

def find_quantities(span: Span, published: date | None = None) -> list[Quantity]:
    """Every numeric claim inside ``span`` (a content span), in text order.

    A quantity is a cardinal, percentage or amount with its modifier ("over",
    "at least", "between ... and"), the noun it counts, the event that
    happened to it and the time of its clause, resolved against ``published``
    through :func:`.times.find_times`. Numbers of dates, times, ordinals and
    names are skipped.
    """
    doc = span.doc
    times = find_times(span, published)
    in_time: set[int] = set()
    time_verbs: list[tuple[TimeExpr, Token | None]] = []
    for t in times:
        tspan = doc.char_span(t.start, t.end)
        if tspan is not None:
            in_time.update(range(tspan.start, tspan.end))
            time_verbs.append((t, _clause_verb(tspan.root)))
    out: list[Quantity] = []
    lo, hi = span.start, span.end
    k = lo
    while k < hi:
        if k in in_time or not _is_number(doc[k]):
            k += 1
            continue
        quantity, k = _quantity(doc, k, lo, hi, in_time, time_verbs)
        if quantity is not None:
            out.append(quantity)
    return out


def _quantity(
    doc: Doc, k: int, lo: int, hi: int, in_time: set[int], time_verbs: list[tuple[TimeExpr, Token | None]]
) -> tuple[Quantity | None, int]:
    """The quantity whose number starts at token ``k``, and the index after it."""
    currency = doc[k - 1] if k > lo and doc[k - 1].lower_ in _CURRENCY else None
    first, kind = _modifier(doc, k - 1 if currency is not None else k, lo)
    if kind == "exact" and doc[k].lower_ not in ("dozen", "hundred", "thousand", "million", "billion"):
        first, kind = k, ""  # "a" counts only before a scale word: "a dozen", not "a 40-strong unit"
    if currency is not None and first >= k - 1:
        first = k - 1
    jn = k + 1
    while jn < hi and jn not in in_time and (_is_number(doc[jn]) or _links(doc, jn, hi, kind)):
        jn += 1
    words = [t.lower_ for t in doc[k:jn]]
    bounds = _bounds(words, "" if kind in ("between", "from") else kind)
    if bounds is None or (kind == "several" and bounds[2] != "order_of_magnitude"):
        return None, jn
    if kind in ("between", "from") and bounds[2] != "range":
        first = k if currency is None else k - 1  # "from 200" of a change is not part of the number
    j = jn
    percent: Token | None = None
    if j < hi and doc[j].lower_ in _PERCENT:
        percent, j = doc[j], j + 1
    elif j + 1 < hi and doc[j].lower_ == "per" and doc[j + 1].lower_ == "cent":
        percent, j = doc[j + 1], j + 2
    inside = range(first, j)
    root = doc[k:jn].root
    noun: Token | None = None
    counted: tuple[int, int] | None = None
    holder = root
    if percent is not None:
        counted = (doc[jn].idx, percent.idx + len(percent.text))
        if root.head.i == percent.i:
            holder = noun = percent
    else:
        noun, holds = _counted(root, jn, inside)
        if noun is not None:
            counted = _noun_text(doc, jn if noun.i >= jn else noun.left_edge.i, noun)
            if holds:
                holder = noun
        elif currency is not None:
            counted = (currency.idx, currency.idx + len(currency.text))
    event, verb = _event(holder, noun, inside)
    if verb is None:
        verb = _clause_verb(holder)
    start, end = doc[first].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return Quantity(
        text=text_of(doc)[start:end], start=start, end=end,
        low=bounds[0], high=bounds[1], relation=bounds[2],
        counted=text_of(doc)[counted[0]:counted[1]] if counted else None,
        event=event, time=_time_for(verb, time_verbs, k),
        counted_start=counted[0] if counted else None, counted_end=counted[1] if counted else None,
    ), j


def _time_for(verb: Token | None, time_verbs: list[tuple[TimeExpr, Token | None]], near: int) -> TimeExpr | None:
    """The time expression of the same clause as ``verb``, the nearest if several."""
    if verb is None:
        return None
    same = [t for t, v in time_verbs if v is not None and v.i == verb.i]
    if not same:
        return None
    here = verb.doc[near].idx
    return min(same, key=lambda t: abs(t.start - here))
