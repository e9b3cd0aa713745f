"""Times: when a statement was made, and what time its content is about.

A time expression is found from the parser's DATE/TIME entities, widened to
the preposition that governs it ("since February", "on May 3") and resolved
against the publication date into inclusive ISO bounds.

Notes:
    Resolution follows the TIMEX3 conventions of TimeML (Pustejovsky et al.,
    2003; ISO 24617-1:2012): a relative expression is anchored to the document
    creation time (here: the publication date), and a value keeps the
    granularity of the expression -- a day ``YYYY-MM-DD``, a month ``YYYY-MM``,
    a year ``YYYY``. Weeks are ISO 8601 weeks, Monday to Sunday, written as
    their first and last day. Nothing vague ("recently", "in recent weeks",
    "a few days ago") is guessed: it keeps its text with ``resolved=False``.

    Decisions:

    * An underspecified calendar name (weekday, month, month and day) means
      the most recent one on or before publication, as news mostly reports the
      past. In a clause that looks ahead -- a future auxiliary ("will resume
      on Monday"), a modal without a perfect ("could reach the shore by
      Friday"), a prospective infinitive ("expected to arrive on Monday") --
      ``find_times`` asks for the next one on or after publication instead.
    * "since X" is open-ended: ``from`` is X, ``until`` is ``None``. The period
      runs up to the time of the statement, which need not be the publication
      date; a reader that wants a closed interval may close it there.
    * A bare length of time ("for three months", "80 days", "within two
      weeks", "in two weeks") is a duration, not a point: ``duration=True``,
      ``resolved=False``. An anchored one ("the past three months") resolves
      to the interval that ends at publication.
    * "early/mid/late X", "the end of X" keep the bounds of X: coarser, never
      wrong.
"""
from __future__ import annotations

import calendar
import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from spacy.tokens import Doc, Span, Token

from ..features import sentence_of, text_of

Prefer = Literal["past", "future"]

__all__ = ["TimeExpr", "find_times", "resolve", "statement_time"]


@dataclass(frozen=True)
class TimeExpr:
    """A time expression as written, with the ISO bounds it resolves to.

    ``text == doc.text[start:end]``. ``begin`` and ``until`` are inclusive ISO
    bounds (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); either is ``None`` when
    the interval is open on that side or the expression is unresolved.
    ``duration`` marks a length of time ("for three months"), never resolved.
    """

    text: str
    start: int
    end: int
    begin: str | None
    until: str | None
    resolved: bool
    duration: bool = False

    @property
    def value(self) -> str | None:
        """The single ISO value when the expression is one day, month or year, else ``None``."""
        return self.begin if self.begin is not None and self.begin == self.until else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "from": self.begin,
            "until": self.until,
            "value": self.value,
            "resolved": self.resolved,
            "duration": self.duration,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimeExpr:
        """The time expression ``to_dict`` wrote (``value`` follows from the bounds)."""
        return cls(data["text"], data["start"], data["end"], data["from"], data["until"], data["resolved"],
                   data.get("duration", False))


# --------------------------------------------------------------------------- lexicon

_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        (("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
         ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"))
    )
    for name in names
}
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec"))
    )
    for name in names
}
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
}
_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
    "fortnight": "fortnight", "fortnights": "fortnight", "month": "month", "months": "month",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}
_VAGUE_COUNTS = {"several", "few", "many", "some", "couple"}
_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "yesterday", "today", "tonight"}
_TIME_OF_DAY = {"morning", "afternoon", "evening", "night"}
_NARROWERS = {"early", "late", "mid", "earlier", "later"}
_BOUND_PHRASES = (("end", "of"), ("beginning", "of"), ("start", "of"), ("middle", "of"))

# Governing prepositions and what they do to the interval of their object.
_PREPS: dict[tuple[str, ...], str] = {
    ("as", "of"): "point", ("prior", "to"): "before", ("up", "to"): "until", ("up", "until"): "until",
    ("on",): "point", ("in",): "point", ("at",): "point", ("during",): "point", ("over",): "point",
    ("throughout",): "point", ("around",): "point", ("for",): "point", ("within",): "point",
    ("since",): "since", ("from",): "from", ("between",): "between",
    ("until",): "until", ("till",): "until", ("through",): "until", ("by",): "until",
    ("before",): "before", ("after",): "after",
}
_RANGE_LINKS = {"to", "through", "until", "till", "-", "–", "and"}

_WORD = re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)|\d{4}-\d{2}(?![\d-])|\d+(?:st|nd|rd|th|s)?|[a-z]+|[-–]")
_INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z0-9])")
_DAY_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DECADE = re.compile(r"(\d{3})0s")

# "would" is the future of reported speech: "said it would withdraw by June 1".
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
# A modal of possibility or obligation looks ahead ("could reach the shore by Friday") unless a
# perfect follows it ("could have reached it by Friday").
_MODAL_AUX = {"could", "can", "ca", "may", "might", "should", "must"}
_PERFECT = {"have", "'ve", "of"}
# Heads whose "to"-infinitive looks ahead: "is expected to arrive on Monday", "likely to reach".
_PROSPECTIVE = {"expect", "expected", "likely", "unlikely", "due", "set", "plan", "schedule", "scheduled",
                "intend", "poised"}


# --------------------------------------------------------------------------- units

_DAY, _MONTH, _YEAR = "day", "month", "year"


@dataclass(frozen=True)
class _Unit:
    """A stretch of calendar: inclusive first and last day, written at ``grain``."""

    first: date
    last: date
    grain: str


def _days(first: date, last: date | None = None) -> _Unit:
    return _Unit(first, first if last is None else last, _DAY)


def _month(year: int, month: int) -> _Unit:
    return _Unit(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), _MONTH)


def _year(year: int) -> _Unit:
    return _Unit(date(year, 1, 1), date(year, 12, 31), _YEAR)


def _week(day: date) -> _Unit:
    monday = day - timedelta(days=day.weekday())
    return _days(monday, monday + timedelta(days=6))


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + by
    return total // 12, total % 12 + 1


def _minus(day: date, n: int, unit: str) -> date:
    """``day`` moved back ``n`` units, the day of month clamped (March 31 - 1 month = Feb 28)."""
    if unit in ("second", "minute"):
        return day
    if unit == "hour":
        return day - timedelta(days=-(-n // 24))
    if unit == "day":
        return day - timedelta(days=n)
    if unit in ("week", "fortnight"):
        return day - timedelta(days=n * (14 if unit == "fortnight" else 7))
    months = n * {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit]
    y, m = _shift_month(day.year, day.month, -months)
    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _before(unit: _Unit) -> _Unit:
    """The unit of the same grain just before ``unit`` ("before May" ends with April)."""
    if unit.grain == _YEAR:
        return _year(unit.first.year - 1)
    if unit.grain == _MONTH:
        return _month(*_shift_month(unit.first.year, unit.first.month, -1))
    return _days(unit.first - timedelta(days=1))


def _after(unit: _Unit) -> _Unit:
    """The unit of the same grain just after ``unit``."""
    if unit.grain == _YEAR:
        return _year(unit.last.year + 1)
    if unit.grain == _MONTH:
        return _month(*_shift_month(unit.last.year, unit.last.month, 1))
    return _days(unit.last + timedelta(days=1))


def _iso(day: date, grain: str) -> str:
    if grain == _YEAR:
        return f"{day.year:04d}"
    if grain == _MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


# --------------------------------------------------------------------------- resolution

def _words(expression: str) -> list[str]:
    text = expression.lower().replace("\u2019", "'").replace("'s", "")
    return _WORD.findall(_INNER_HYPHEN.sub(" ", text))


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _COUNTS.get(word)


def _day_number(word: str) -> int | None:
    m = _DAY_NUMBER.fullmatch(word)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def _year_number(word: str) -> int | None:
    return int(word) if len(word) == 4 and word.isdigit() and 1000 <= int(word) <= 2999 else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(pub: date, weekday: int, prefer: Prefer, strict: bool) -> date:
    if prefer == "past":
        back = (pub.weekday() - weekday) % 7 or (7 if strict else 0)
        return pub - timedelta(days=back)
    ahead = (weekday - pub.weekday()) % 7 or (7 if strict else 0)
    return pub + timedelta(days=ahead)


def _month_of(pub: date, month: int, prefer: Prefer, strict: bool) -> _Unit:
    year = pub.year
    if prefer == "past" and (month > pub.month or (strict and month == pub.month)):
        year -= 1
    elif prefer == "future" and (month < pub.month or (strict and month == pub.month)):
        year += 1
    return _month(year, month)


def _month_day(pub: date, month: int, day: int, prefer: Prefer) -> _Unit | None:
    for year in ((pub.year, pub.year - 1) if prefer == "past" else (pub.year, pub.year + 1)):
        found = _safe_date(year, month, day)
        if found is not None and (found <= pub if prefer == "past" else found >= pub):
            return _days(found)
    return None


def _weekend(pub: date, which: str, prefer: Prefer) -> _Unit:
    """Saturday and Sunday: ``which`` is "", "this", "last", "next", "past" or "previous"."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # latest Saturday on or before pub
    if which in ("next", "coming") or (which in ("", "this") and prefer == "future" and pub.weekday() < 5):
        saturday += timedelta(days=7)
    elif which == "this" and pub.weekday() < 5:
        saturday += timedelta(days=7)
    elif which in ("last", "previous") and pub.weekday() >= 5:
        saturday -= timedelta(days=7)
    return _days(saturday, saturday + timedelta(days=1))


def _relative_unit(pub: date, which: str, unit: str, the: bool) -> _Unit | None:
    """ "last week", "this month", "next year", "the past week" (rolling), "the previous month"."""
    rolling = which == "past" or (which == "last" and the)
    if rolling:
        return _days(_minus(pub, 1, unit), pub)
    step = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}.get(which)
    if step is None:
        return None
    if unit == "week":
        return _week(pub + timedelta(days=7 * step))
    if unit == "month":
        return _month(*_shift_month(pub.year, pub.month, step))
    if unit == "year":
        return _year(pub.year + step)
    return None


def _ago(pub: date, n: int, unit: str) -> _Unit | None:
    """ "N units ago" at the granularity of the unit (TIMEX3): a day, an ISO week, a month, a year."""
    if unit == "day":
        return _days(pub - timedelta(days=n))
    if unit in ("week", "fortnight"):
        return _week(_minus(pub, n, unit))
    if unit == "month":
        return _month(*_shift_month(pub.year, pub.month, -n))
    if unit == "year":
        return _year(pub.year - n)
    return None


def _core(w: list[str], pub: date | None, prefer: Prefer) -> _Unit | None:
    """The calendar unit named by ``w`` (no governing preposition), or ``None``."""
    the = bool(w) and w[0] == "the"
    if the:
        w = w[1:]
    if not w:
        return None
    # "earlier this month": from the start of the unit up to the day before publication.
    if len(w) == 3 and w[0] in ("earlier", "later") and w[1] == "this" and w[2] in ("week", "month", "year"):
        if pub is None:
            return None
        whole = _relative_unit(pub, "this", w[2], False)
        assert whole is not None
        if w[0] == "earlier":
            return _days(whole.first, max(whole.first, pub - timedelta(days=1)))
        return _days(min(whole.last, pub + timedelta(days=1)), whole.last)
    if len(w) == 2 and w[1] in _TIME_OF_DAY and w[0] in ("this", "last"):  # "this morning", "last night"
        if pub is None:
            return None
        return _days(pub if w[0] == "this" else pub - timedelta(days=1))
    # Modifiers that narrow inside a unit never move its bounds: keep the unit.
    while len(w) > 1 and (w[0] in _NARROWERS or tuple(w[:2]) in _BOUND_PHRASES or w[0] == "the"):
        w = w[2:] if tuple(w[:2]) in _BOUND_PHRASES else w[1:]
        the = the or (bool(w) and w[0] == "the")
    if not w:  # only modifiers: "the start of" (the parser cut the entity short)
        return None
    if len(w) > 1 and w[-1] in _TIME_OF_DAY:
        w = w[:-1]
    n = len(w)
    w0 = w[0]

    # Absolute expressions: resolvable without a publication date.
    if n == 1:
        year = _year_number(w0)
        if year is not None:
            return _year(year)
        m = _ISO_DAY.fullmatch(w0)
        if m:
            found = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return None if found is None else _days(found)
        m = _ISO_MONTH.fullmatch(w0)
        if m and 1 <= int(m.group(2)) <= 12:
            return _month(int(m.group(1)), int(m.group(2)))
        m = _DECADE.fullmatch(w0)
        if m and 100 <= int(m.group(1)) <= 299:
            first = int(m.group(1)) * 10
            return _Unit(date(first, 1, 1), date(first + 9, 12, 31), _YEAR)
    if n == 2 and w0 == "year" and _year_number(w[1]) is not None:
        return _year(int(w[1]))
    if w0 in _MONTHS:
        month = _MONTHS[w0]
        rest = [x for x in w[1:] if x != "of"]
        if len(rest) == 1 and _year_number(rest[0]) is not None:
            return _month(int(rest[0]), month)
        if len(rest) == 2 and _day_number(rest[0]) is not None and _year_number(rest[1]) is not None:
            found = _safe_date(int(rest[1]), month, _day_number(rest[0]) or 0)
            return None if found is None else _days(found)
    day_no = _day_number(w0)
    if day_no is not None and n >= 2:
        rest = w[2:] if w[1] == "of" else w[1:]
        if rest and rest[0] in _MONTHS:
            if len(rest) == 2 and _year_number(rest[1]) is not None:
                found = _safe_date(int(rest[1]), _MONTHS[rest[0]], day_no)
                return None if found is None else _days(found)
            if len(rest) == 1:
                return None if pub is None else _month_day(pub, _MONTHS[rest[0]], day_no, prefer)

    # Relative expressions: anchored to the publication date.
    if pub is None:
        return None
    if n == 1:
        if w0 in ("today", "tonight"):
            return _days(pub)
        if w0 == "yesterday":
            return _days(pub - timedelta(days=1))
        if w0 == "tomorrow":
            return _days(pub + timedelta(days=1))
        if w0 in _WEEKDAYS:
            return _days(_weekday(pub, _WEEKDAYS[w0], prefer, strict=False))
        if w0 in _MONTHS:
            return _month_of(pub, _MONTHS[w0], prefer, strict=False)
        if w0 == "weekend":
            return _weekend(pub, "", prefer)
        if the and w0 in ("week", "month", "year"):  # "the end of the month"
            return _relative_unit(pub, "this", w0, False)
    if w == ["day", "before", "yesterday"]:
        return _days(pub - timedelta(days=2))
    if w == ["day", "after", "tomorrow"]:
        return _days(pub + timedelta(days=2))
    if n == 2:
        which, what = w
        if what in _WEEKDAYS:
            weekday = _WEEKDAYS[what]
            if which in ("last", "past", "previous"):
                return _days(_weekday(pub, weekday, "past", strict=True))
            if which in ("next", "coming"):
                return _days(_weekday(pub, weekday, "future", strict=True))
            if which == "this":
                return _days(_week(pub).first + timedelta(days=weekday))
        if what in _MONTHS:
            if which in ("last", "past", "previous"):
                return _month_of(pub, _MONTHS[what], "past", strict=True)
            if which in ("next", "coming"):
                return _month_of(pub, _MONTHS[what], "future", strict=True)
            if which == "this":
                return _month(pub.year, _MONTHS[what])
        if what == "weekend":
            return _weekend(pub, which, prefer)
        if what in ("week", "month", "year"):
            return _relative_unit(pub, which, what, the)
        if which in _MONTHS and _day_number(what) is not None:
            return _month_day(pub, _MONTHS[which], _day_number(what) or 0, prefer)
    if w0 in _MONTHS and n >= 3 and w[-1] == "year" and w[-2] in ("last", "this", "next"):
        whole = _relative_unit(pub, w[-2], "year", False)
        return None if whole is None else _month(whole.first.year, _MONTHS[w0])
    if n == 3 and w[2] == "ago" and w[1] in _UNITS:
        count = _count(w[0])
        return None if count is None else _ago(pub, count, _UNITS[w[1]])
    if w0 in ("past", "last") and 2 <= n <= 3 and w[-1] in _UNITS:
        count = 1 if n == 2 else _count(w[1])
        if count is None:
            return None  # "the past few weeks"
        return _days(_minus(pub, count, _UNITS[w[-1]]), pub)
    return None


def _is_duration(w: list[str]) -> bool:
    """Whether ``w`` (preposition removed) is a bare length of time: "three months", "80 days"."""
    if w and w[0] == "the":
        return False
    if w and w[-1] == "long":
        w = w[:-1]
    if not w or w[-1] not in _UNITS:
        return False
    counts = w[:-1]
    if not counts:
        return w[-1].endswith("s")  # "months", "years"
    return all(_count(x) is not None or x in _VAGUE_COUNTS or x == "-" for x in counts)


def _split_prep(w: list[str]) -> tuple[str, list[str]]:
    for size in (2, 1):
        mode = _PREPS.get(tuple(w[:size]))
        if mode is not None and len(w) > size:
            return mode, w[size:]
    return "", w


def _range(w: list[str], pub: date | None, prefer: Prefer, links: set[str]) -> tuple[_Unit, _Unit] | None:
    """ "March to May 2021", "May 3 and May 5": both ends, the first read before the second."""
    for k in range(1, len(w) - 1):
        if w[k] not in links:
            continue
        last = _core(w[k + 1:], pub, prefer)
        if last is None:
            continue
        first = _core(w[:k], pub, prefer)
        if first is None or first.first > last.last:
            first = _core(w[:k], last.last, "past")
        if first is not None:
            return first, last
    return None


def _interval(w: list[str], pub: date | None, prefer: Prefer) -> tuple[_Unit | None, _Unit | None] | None:
    mode, rest = _split_prep(w)
    if mode in ("", "point") and _is_duration(rest):
        return None
    if mode == "since":
        prefer = "past"
    if mode in ("from", "between", ""):
        both = _range(rest, pub, prefer, {"and"} if mode == "between" else _RANGE_LINKS - {"and"})
        if both is not None:
            return both
    unit = _core(rest, pub, prefer)
    if unit is None:
        return None
    if mode in ("since", "from"):
        return unit, None
    if mode == "until":
        return None, unit
    if mode == "before":
        return None, _before(unit)
    if mode == "after":
        return _after(unit), None
    return unit, unit


def resolve(
    expression: str, published: date | None, *, prefer: Prefer = "past"
) -> tuple[str | None, str | None] | None:
    """Resolve a time expression to inclusive ISO bounds ``(from, until)``.

    Returns ``None`` when the expression is unknown, vague, a duration, or
    relative while ``published`` is ``None``; never a guess. An open side is
    ``None``: "since February" gives ``("2022-02", None)``, "until June"
    ``(None, "2022-06")``. ``prefer`` picks the past or future occurrence of an
    underspecified name ("Monday", "in June", "May 3").

    Examples with ``published=date(2022, 5, 19)`` (a Thursday): "Thursday" ->
    ``("2022-05-19", "2022-05-19")``; "last week" -> ``("2022-05-09",
    "2022-05-15")``; "earlier this month" -> ``("2022-05-01", "2022-05-18")``.

    Notes:
        TIMEX3 (ISO 24617-1) anchoring to the document creation time; ISO 8601
        weeks. See the module docstring for the choices made.
    """
    w = _words(expression)
    if not w:
        return None
    found = _interval(w, published, prefer)
    if found is None:
        return None
    first, last = found
    return (
        None if first is None else _iso(first.first, first.grain),
        None if last is None else _iso(last.last, last.grain),
    )


def _is_duration_text(expression: str) -> bool:
    """Whether ``expression`` is a length of time, not a point ("for three months", "80 days")."""
    mode, rest = _split_prep(_words(expression))
    return mode in ("point", "") and _is_duration(rest)


# --------------------------------------------------------------------------- finding

def _is_time_token(tok: Token) -> bool:
    """A DATE/TIME entity token, or a day word the recogniser missed ("said Thursday")."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    return tok.ent_type_ == "" and tok.lower_ in _DAY_WORDS


def _ent_bounds(tok: Token) -> tuple[int, int]:
    """Token range ``[i, j)`` of the DATE/TIME entity holding ``tok`` (or ``tok`` alone)."""
    doc = tok.doc
    if tok.ent_type_ not in ("DATE", "TIME"):
        return tok.i, tok.i + 1
    i = tok.i
    while i > 0 and doc[i].ent_iob_ == "I" and doc[i - 1].ent_type_ in ("DATE", "TIME"):
        i -= 1
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return i, j


def _lexical_date_end(doc: Doc, k: int, limit: int) -> int:
    """End of a month or weekday name at ``k`` with its day and year ("May", "May 5, 2022"), or ``k``."""
    if k >= limit or (doc[k].lower_ not in _MONTHS and doc[k].lower_ not in _WEEKDAYS):
        return k
    e = k + 1
    while e < limit and len(doc[e].text) <= 4 and (
        doc[e].like_num or (doc[e].text == "," and e + 1 < limit and doc[e + 1].like_num)
    ):
        e += 1
    return e


def _grow(doc: Doc, i: int, j: int, lo: int, hi: int) -> tuple[int, int]:
    """``[i, j)`` widened inside ``[lo, hi)``: adjacent date/time entities ("Thursday"
    + "night"), the second end of a range ("from March to May"), a narrower
    ("earlier" + "this month") and the governing preposition ("since", "as of")."""
    while j < hi and _is_time_token(doc[j]):
        j = _ent_bounds(doc[j])[1]
    if j + 1 < hi and doc[j].lower_ in _RANGE_LINKS and (doc[j].lower_ != "and" or
                                                         i > lo and doc[i - 1].lower_ == "between"):
        k = j + 1
        if _is_time_token(doc[k]):
            j = max(j, _ent_bounds(doc[k])[1])
        else:
            e = _lexical_date_end(doc, k, hi)
            if e > k:
                j = e
    if i > lo and doc[i - 1].lower_ in _NARROWERS and doc[i].lower_ in ("this", "next", "last"):
        i -= 1
    if i - 1 > lo and (doc[i - 2].lower_, doc[i - 1].lower_) in _PREPS:
        i -= 2
    elif i > lo and (doc[i - 1].lower_,) in _PREPS and doc[i - 1].pos_ in ("ADP", "SCONJ"):
        i -= 1
    return i, j


def _orientation(tok: Token) -> Prefer:
    """ "future" when the clause of ``tok`` looks ahead, else "past".

    A clause looks ahead with a future auxiliary ("will resume"), a modal not
    followed by a perfect ("could reach", not "could have reached"), or as the
    infinitive of a prospective head ("expected to arrive", "likely to reach").
    """
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head.i == tok.i:
            return "past"
        tok = tok.head
    aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass") and _same_clause(c, tok)]
    if any(a in _FUTURE_AUX for a in aux):
        return "future"
    if any(a in _PERFECT for a in aux):
        return "past"
    if any(a in _MODAL_AUX for a in aux):
        return "future"
    if (
        tok.dep_ == "xcomp" and "to" in aux
        and (tok.head.lemma_.lower() in _PROSPECTIVE or tok.head.lower_ in _PROSPECTIVE)
    ):
        return "future"
    return "past"


def _same_clause(aux: Token, verb: Token) -> bool:
    """Whether no sentence-final punctuation or line break separates ``aux`` from ``verb`` (the
    parser sometimes hangs the "should" of a previous sentence on a verb)."""
    lo, hi = sorted((aux.i, verb.i))
    return not any(t.tag_ == "." or (t.is_space and "\n" in t.text) for t in aux.doc[lo + 1:hi])


def _expr(doc: Doc, i: int, j: int, prefer: Prefer, published: date | None) -> TimeExpr | None:
    """The expression over tokens ``[i, j)``, resolved; ``None`` for an age ("58-year-old")."""
    if doc[j - 1].lower_ == "old":
        return None
    start = doc[i].idx
    end = doc[j - 1].idx + len(doc[j - 1].text)
    text = text_of(doc)[start:end]
    if _is_duration_text(text):
        return TimeExpr(text, start, end, None, None, False, duration=True)
    bounds = resolve(text, published, prefer=prefer)
    if bounds is None:
        return TimeExpr(text, start, end, None, None, False)
    return TimeExpr(text, start, end, bounds[0], bounds[1], True)


def find_times(span: Span, published: date | None) -> list[TimeExpr]:
    """Every time expression inside ``span`` (a content span), in text order.

    Expressions come from the parser's DATE/TIME entities, widened to their
    governing preposition and to "from X to Y" ranges; ages ("58-year-old")
    are skipped; durations come back with ``duration=True``. Unknown or vague
    expressions keep their text with ``resolved=False``.
    """
    doc = span.doc
    out: list[TimeExpr] = []
    covered = span.start
    for tok in span:
        if tok.i < covered or not _is_time_token(tok):
            continue
        i, j = _ent_bounds(tok)
        if i < span.start or j > span.end:
            continue
        prefer = _orientation(doc[i:j].root)
        i, j = _grow(doc, i, j, max(span.start, covered), span.end)
        covered = j
        expr = _expr(doc, i, j, prefer, published)
        if expr is not None:
            out.append(expr)
    return out


# Dependencies followed from a cue to the time of its statement. Content
# clauses (ccomp, xcomp, relcl, finite acl/advcl, conj, parataxis) are never entered.
_WALK = {"npadvmod", "tmod", "obl", "nmod", "advmod", "prep", "pobj", "pcomp", "agent", "dobj",
         "dative", "poss", "appos", "compound"}
_SUBJECT = {"nsubj", "nsubjpass"}
_CLAUSE_MARKS = {"mark", "nsubj", "nsubjpass", "csubj", "expl"}


def _nonfinite(tok: Token) -> bool:
    """A participle clause without subject or complementiser ("released on Friday")."""
    return tok.tag_ in ("VBN", "VBG") and not any(c.dep_ in _CLAUSE_MARKS for c in tok.children)


def statement_time(
    cue_head: Token, published: date | None, *, content: Span | None = None
) -> TimeExpr | None:
    """The time attached to a reporting verb or noun, or ``None``.

    Walks from ``cue_head`` through adverbial modifiers, prepositional phrases,
    objects and participle clauses ("said Thursday", "claimed earlier this
    month", "in a statement released on Friday", "claims from officials last
    week") but never into the reported clause, so in "said Thursday that the
    talks will resume on Monday" the answer is Thursday. The nearest hit at the
    shallowest depth wins; hits inside ``content`` and durations are skipped.
    Statements are reported after they are made, so names resolve to the past.
    """
    doc = cue_head.doc
    sent = sentence_of(cue_head)
    lo, hi = sent.start, sent.end
    skip = (content.start_char, content.end_char) if content is not None else (-1, -1)
    queue: deque[tuple[Token, int]] = deque([(cue_head, 0)])
    best: tuple[int, int, TimeExpr] | None = None
    while queue:
        node, depth = queue.popleft()
        if best is not None and depth >= best[0]:
            break
        if depth >= 5:
            continue
        for child in node.children:
            dep = child.dep_
            if node.i == cue_head.i and dep in _SUBJECT:
                # The subject lends only its prepositional phrase and its active
                # participle ("The minister, speaking on Wednesday, said"); a passive
                # one dates the subject itself ("The claim, made on Monday, was denied").
                for grand in child.children:
                    if grand.dep_ == "prep" or (grand.dep_ in ("acl", "advcl") and grand.tag_ == "VBG"
                                                and _nonfinite(grand)):
                        queue.append((grand, depth + 1))
                continue
            if dep not in _WALK and not (dep in ("acl", "advcl") and _nonfinite(child)):
                continue
            if _is_time_token(child):
                i, j = _ent_bounds(child)
                i, j = _grow(doc, i, j, lo, hi)
                expr = _expr(doc, i, j, "past", published)
                if expr is None or expr.duration or skip[0] <= expr.start < skip[1]:
                    continue
                rank = abs(child.i - cue_head.i)
                if best is None or (depth + 1, rank) < (best[0], best[1]):
                    best = (depth + 1, rank, expr)
                continue
            queue.append((child, depth + 1))
    return None if best is None else best[2]

