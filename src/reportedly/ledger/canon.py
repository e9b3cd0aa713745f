"""Canonical sources across articles: which source mentions name the same source.

A ledger holds the sources of many articles, each as its article names it
("Britain's defence ministry", "The UK MoD", "Corbin"). :func:`canonicalise`
decides which of them are one source and gives each group a stable key, a
display name, a kind, an affiliation and the rules that merged it, so a
reader can check every merge. :func:`normalise` is its context-free first step.

Notes:
    This is the name-matching approach to cross-document coreference (Bagga &
    Baldwin 1998, "Entity-based cross-document coreferencing using the vector
    space model") and to the name-normalisation step of entity linking
    (Cucerzan 2007; the TAC-KBP linkers surveyed by Ji & Grishman 2011): each
    in-document entity is represented by its best name (the mention the
    extractor resolved it to), normalised without context, then matched across
    the ledger by precision-ranked rules, as in the sieve of Lee et al. (2013).
    Every merge records the rule that made it. There is no fuzzy string
    matching: a spelling not covered by a rule stays a source of its own.

    * Organisations and governments become ``(institution, country)``.
      Articles, possessives, case and spelling (Defense/Defence) are dropped,
      and "X's defence ministry" = "the defence ministry of X" = "X Ministry of
      Defence" = "X MoD" = "X Defence Ministry". A country table (with
      capitals, for "Moscow said") and the regular demonym rule (-ian -> -ia:
      "Korvian" -> Korvia) put U.K./UK/Britain/British on one country. An
      institution without a country ("the ministry", "the General Staff")
      never merges by name across articles: it joins an institution of its
      kind only when its own article names exactly one, with a country
      (in-document coreference the extractor missed). Otherwise it stays in its
      article. "The Korvian ministry" joins the ledger's one Korvian ministry,
      if there is only one.
    * Persons are keyed by full name, with titles and role phrases stripped
      ("British defence secretary Ben Wallace" -> Ben Wallace, affiliation
      United Kingdom). A bare surname ("Wallace", "Mr. Wallace", "Admiral
      Wallace") joins a full name only when exactly one person with that
      surname is named in the same article (one sense per discourse, Gale,
      Church & Yarowsky 1992), else when its title matches exactly one person,
      else when exactly one person in the whole ledger has that surname. A
      gendered honorific rules out a person known by the other one ("Mr. Bush"
      is not "first lady Laura Bush"). Otherwise the surname stays in its
      article, and so does a surname with no full name anywhere. A middle
      initial is dropped when only one person goes by that first and last name.
    * Unnamed sources ("officials", "a person familiar with the matter",
      "Americans") and unresolved pronouns never merge across articles: their
      key carries the article id. So does a mention of several sources
      ("Aster and Holm"). A document merges into the body named with it ("a
      report by Amnesty" -> Amnesty International), and so do "analysts at X"
      and "a spokesman for X".
    * The extractor's type is a hint. The text decides ("Korvia's defence
      ministry" typed person is a ministry), and the ledger repairs the rest:
      a "Varga" typed organisation is the one known Lena Varga, and a bare
      "Korvia" is the country when the ledger uses Korvia as one.
    * ``overrides`` (user corrections) map a mention key (:func:`mention_key`)
      or a canonical key to a canonical key. They win over every rule.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

__all__ = ["DEMONYMS", "Canon", "Mention", "canonicalise", "country_of", "mention_key", "normalise"]

Kind = str  # person | organization | government | unnamed | document


@dataclass(frozen=True)
class Mention:
    """One source as one article names it."""

    article: str  # article id
    text: str  # the best name in the article: resolved text if any, else source text
    type: str  # source type from the extractor (a hint)


@dataclass(frozen=True)
class Canon:
    """One source across the ledger."""

    key: str  # stable key: 'org:ministry of defence|uk', 'person:ben wallace', 'unnamed:officials@a1'
    name: str  # display name: the most complete form seen
    kind: Kind  # person | organization | government | unnamed | document
    affiliation: str | None  # country or organisation, when the text says it
    rule: str  # why its mentions were merged, e.g. 'normalised name; surname of a unique person'


# --- lexicons ------------------------------------------------------------------------------

# (code used in keys, display name): surface forms, lowercase. Codes are short and stable.
_COUNTRY_TABLE: dict[tuple[str, str], tuple[str, ...]] = {
    ("uk", "United Kingdom"): ("uk", "u.k.", "u.k", "britain", "great britain", "british", "united kingdom"),
    ("us", "United States"): ("us", "u.s.", "u.s", "usa", "u.s.a.", "america", "american", "united states",
                              "united states of america"),
    ("ukraine", "Ukraine"): ("ukraine", "ukrainian"),
    ("russia", "Russia"): ("russia", "russian", "russian federation"),
    ("belarus", "Belarus"): ("belarus", "belarusian"),
    ("france", "France"): ("france", "french"),
    ("germany", "Germany"): ("germany", "german"),
    ("poland", "Poland"): ("poland", "polish"),
    ("china", "China"): ("china", "chinese"),
    ("taiwan", "Taiwan"): ("taiwan", "taiwanese"),
    ("japan", "Japan"): ("japan", "japanese"),
    ("israel", "Israel"): ("israel", "israeli"),
    ("iran", "Iran"): ("iran", "iranian"),
    ("turkey", "Turkey"): ("turkey", "turkish", "turkiye"),
    ("syria", "Syria"): ("syria", "syrian"),
    ("lebanon", "Lebanon"): ("lebanon", "lebanese"),
    ("india", "India"): ("india", "indian"),
    ("pakistan", "Pakistan"): ("pakistan", "pakistani"),
    ("netherlands", "Netherlands"): ("netherlands", "dutch"),
    ("sweden", "Sweden"): ("sweden", "swedish"),
    ("finland", "Finland"): ("finland", "finnish"),
    ("canada", "Canada"): ("canada", "canadian"),
    ("italy", "Italy"): ("italy", "italian"),
    ("spain", "Spain"): ("spain", "spanish"),
    ("brazil", "Brazil"): ("brazil", "brazilian"),
    ("egypt", "Egypt"): ("egypt", "egyptian"),
    ("norway", "Norway"): ("norway", "norwegian"),
    ("hungary", "Hungary"): ("hungary", "hungarian"),
    ("belgium", "Belgium"): ("belgium", "belgian"),
    ("jordan", "Jordan"): ("jordan", "jordanian"),
    ("palestine", "Palestine"): ("palestine", "palestinian", "palestinian territories"),
    ("haiti", "Haiti"): ("haiti", "haitian"),
    ("north korea", "North Korea"): ("north korea", "north korean"),
    ("south korea", "South Korea"): ("south korea", "south korean"),
}
_COUNTRY_FORMS: dict[str, tuple[str, str]] = {
    form: country for country, forms in _COUNTRY_TABLE.items() for form in forms
}
# A capital stands for its government as a source ("Moscow said"): metonymy.
_CAPITALS = {"london": "uk", "washington": "us", "kyiv": "ukraine", "kiev": "ukraine", "moscow": "russia",
             "minsk": "belarus", "paris": "france", "berlin": "germany", "warsaw": "poland",
             "beijing": "china", "taipei": "taiwan", "tokyo": "japan", "jerusalem": "israel",
             "tehran": "iran", "ankara": "turkey", "damascus": "syria", "beirut": "lebanon",
             "new delhi": "india", "islamabad": "pakistan", "stockholm": "sweden", "helsinki": "finland",
             "ottawa": "canada", "rome": "italy", "madrid": "spain", "pyongyang": "north korea",
             "seoul": "south korea"}
_COUNTRY_FORMS.update({city: next(c for c in _COUNTRY_TABLE if c[0] == code) for city, code in _CAPITALS.items()})
_UPPER_ONLY = {"us", "u.s.", "u.s", "uk"}  # "us" is also a pronoun: only "US"/"U.S." name the country
# Common lowercase -ian words that are not demonyms (the -ian -> -ia rule must not fire on them).
_NOT_DEMONYMS = frozenset({
    "civilian", "christian", "guardian", "median", "historian", "politician", "technician", "physician",
    "humanitarian", "authoritarian", "parliamentarian", "veterinarian", "librarian", "comedian",
    "musician", "pedestrian", "custodian", "agrarian", "sectarian", "totalitarian", "vegetarian",
    "egalitarian", "electrician", "magician", "mathematician", "barbarian", "utilitarian", "ian",
})

_DETERMINERS = frozenset({"the", "a", "an", "some", "several", "two", "three", "four", "many", "other",
                          "another", "one", "both", "all", "most", "various", "unnamed", "anonymous"})
_INDEFINITE = frozenset({"a", "an", "some", "several", "two", "three", "four", "many", "other", "another",
                         "one", "both", "all", "most", "various", "unnamed", "anonymous"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who",
                       "which", "that", "this", "these", "those", "his", "its", "their", "our"})
_NOBODY = frozenset({"no one", "nobody", "anyone", "everyone", "everybody", "somebody", "someone"})
_RELATIVES = frozenset({"who", "which", "that", "whose", "whom", "where", "when"})
_PREPOSITIONS = frozenset({"of", "at", "from", "with", "for", "in", "on", "by", "quoted"})
# Titles, ranks and role words that precede a name ("Rear Admiral", "Defence Secretary", "Mr.").
_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president",
    "vice", "prime", "minister", "secretary", "deputy", "chief", "general", "gen", "lieutenant", "lt",
    "major", "maj", "colonel", "col", "captain", "capt", "commander", "cmdr", "admiral", "adm", "rear",
    "sergeant", "sgt", "marshal", "field", "brigadier", "commodore", "corporal", "private", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "governor", "gov", "mayor", "senator", "sen", "rep",
    "representative", "chancellor", "king", "queen", "prince", "princess", "pope", "judge", "justice",
    "director", "head", "chairman", "chairwoman", "chair", "ceo", "envoy", "adviser", "advisor", "aide",
    "analyst", "officer", "official", "commissioner", "speaker", "leader", "premier", "foreign",
    "defence", "defense", "interior", "home", "finance", "state", "navy", "naval", "army", "staff",
    "port", "ministry", "presidential", "military", "intelligence", "security", "press", "first",
    "senior", "acting", "former", "regional", "mod", "sheikh", "rabbi", "father", "reverend", "rev",
    "democrat", "democratic", "republican", "independent", "gop", "labour", "conservative",
})
# Honorifics that say a gender: "Mr. Bush" is not Laura Bush.
_FEMALE = frozenset({"mrs", "ms", "miss", "lady", "dame", "queen", "princess", "spokeswoman", "chairwoman"})
_MALE = frozenset({"mr", "sir", "lord", "king", "prince", "spokesman", "chairman"})
_PARTICLES = frozenset({"van", "von", "der", "de", "del", "della", "da", "di", "du", "dos", "bin", "ibn",
                        "al", "la", "le", "ter", "den"})
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Offices a person holds alone: "the Korvian defence minister" is one person at a time.
_OFFICES = frozenset({"minister", "secretary", "president", "governor", "mayor", "chancellor", "premier",
                      "king", "queen", "ambassador"})
_UNNAMED_HEADS = frozenset({
    "official", "source", "person", "people", "analyst", "expert", "observer", "critic", "aide",
    "diplomat", "officer", "resident", "witness", "insider", "someone", "spokesman", "spokeswoman",
    "spokesperson", "representative", "lawmaker", "investigator", "commander", "soldier", "worker",
    "employee", "member", "staffer", "activist", "journalist", "reporter", "correspondent", "local",
    "villager", "survivor", "relative", "neighbour", "neighbor", "doctor", "medic", "volunteer",
    "researcher", "scientist", "economist", "strategist", "adviser", "advisor", "insiders", "others",
})
_DOCUMENT_HEADS = frozenset({
    "report", "study", "poll", "survey", "statement", "document", "memo", "assessment", "update",
    "data", "analysis", "filing", "letter", "release", "review", "audit", "figures", "record",
    "footage", "image", "video", "photograph", "photo", "bulletin", "communique", "briefing",
    "estimate", "rumour", "rumor", "account", "post", "tweet", "broadcast", "transcript", "article",
    "version", "story",
})
_WEEKDAYS_MONTHS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
})
# Words an institution is made of; a phrase of these plus a country is a generic state body.
_GENERIC = frozenset({
    "ministry", "of", "and", "the", "defence", "foreign", "affairs", "interior", "internal", "home",
    "finance", "justice", "health", "economy", "energy", "emergencies", "education", "information",
    "general", "staff", "navy", "army", "air", "force", "forces", "armed", "government", "presidency",
    "office", "department", "state", "television", "media", "broadcaster", "tv", "police", "coast",
    "guard", "border", "intelligence", "service", "services", "security", "embassy", "parliament",
    "cabinet", "military", "naval", "administration", "authorities", "regional", "federal", "national",
    "high", "command", "headquarters", "ground", "marines", "special", "operations", "joint",
    "chiefs", "mod", "consulate", "mission", "delegation", "prosecutor's", "prosecutors",
})
_NON_GOVERNMENT = frozenset({"state television", "state media", "media", "television"})
_ORG_SUFFIXES = frozenset({
    "line", "lines", "group", "monitor", "institute", "institution", "press", "agency", "inc", "ltd",
    "llc", "plc", "corp", "corporation", "company", "co", "bank", "party", "council", "network", "times",
    "news", "post", "watch", "international", "foundation", "fund", "association", "union", "society",
    "university", "college", "centre", "center", "committee", "commission", "organisation",
    "organization", "airlines", "airways", "railways", "holdings", "partners", "review", "journal",
})
# Lowercase heads that still make an organisation: "the Trump campaign", "a House panel".
_ORG_HEADS = frozenset({"campaign", "administration", "team", "firm", "panel", "board", "court", "coalition",
                        "alliance", "movement", "office", "staff", "government"})
_INSTITUTION_REWRITES: tuple[tuple[str, str], ...] = (
    (r"\bdefense\b", "defence"),
    (r"\bm\.?o\.?d\.?(?=\s|$)", "ministry of defence"),
    (r"\bministry of the\b", "ministry of"),
    (r"\b(?!the\b|of\b|state\b)(\w+) (ministry|department)\b", r"\2 of \1"),
    (r"\bministry of foreign\b(?! affairs)", "ministry of foreign affairs"),
    (r"\bforeign office\b", "ministry of foreign affairs"),
    (r"\b(presidential office|office of president|presidential administration|president's office)\b",
     "presidency"),
    (r"\bstate (tv|broadcaster)\b", "state television"),
    (r"\b(military|armed forces)\b", "armed forces"),
    (r"\bnaval forces\b", "navy"),
    (r"\bauthorities\b", "government"),
)
_SPELLING: tuple[tuple[str, str], ...] = (
    (r"\bdefense\b", "defence"), (r"\borganization\b", "organisation"), (r"\bcenter\b", "centre"),
)
# Names with one fixed referent: (key, display, kind, affiliation).
_ALIASES: dict[str, tuple[str, str, Kind, str | None]] = {}
for _forms, _entry in (
    (("pentagon", "us department of defence", "department of defence"),
     ("org:department of defence|us", "Pentagon", "government", "United States")),
    (("kremlin",), ("org:presidency|russia", "Kremlin", "government", "Russia")),
    (("white house",), ("org:presidency|us", "White House", "government", "United States")),
    (("downing street", "number 10"), ("org:office of prime minister|uk", "Downing Street", "government",
                                        "United Kingdom")),
    (("nato", "north atlantic treaty organisation"),
     ("org:north atlantic treaty organisation", "NATO", "organization", None)),
    (("un", "united nations", "u.n"), ("org:united nations", "United Nations", "organization", None)),
    (("eu", "european union", "e.u"), ("org:european union", "European Union", "organization", None)),
    (("iaea", "international atomic energy agency"),
     ("org:international atomic energy agency", "International Atomic Energy Agency", "organization", None)),
    (("icrc", "red cross", "international committee of the red cross"),
     ("org:international committee of the red cross", "International Committee of the Red Cross",
      "organization", None)),
    (("amnesty", "amnesty international"), ("org:amnesty international", "Amnesty International",
                                            "organization", None)),
    (("hrw", "human rights watch"), ("org:human rights watch", "Human Rights Watch", "organization", None)),
    (("isw", "institute for the study of war"),
     ("org:institute for the study of war", "Institute for the Study of War", "organization", None)),
):
    for _form in _forms:
        _ALIASES[_form] = _entry
_UPPER_ALIASES = {"un", "eu", "who"}  # pronoun/preposition look-alikes: only in capitals

_WORD = re.compile(r"[^\W\d_](?:[\w.\-']*\w)?\.?|\d[\w.,]*")


# --- country words -------------------------------------------------------------------------


def _fold(word: str) -> str:
    """Lowercase, accents and edge periods removed: the spelling a key uses."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip(".")


def country_of(word: str, *, bare_ia: bool = True) -> tuple[str, str] | None:
    """``(code, display)`` of the country a word names or describes ("British" -> ("uk", "United Kingdom")).

    The table first; then the regular demonym rule for capitalised words:
    "Korvian" -> Korvia, and (``bare_ia``) a capitalised "-ia" word is a
    country itself. Callers pass ``bare_ia=False`` where a place or a first
    name ("in Virginia", "Maria") is likelier than a country.
    """
    low = word.lower()
    if low in _COUNTRY_FORMS:
        if low in _UPPER_ONLY and not word.isupper():
            return None
        return _COUNTRY_FORMS[low]
    if not word[:1].isupper() or word.isupper() or low in _NOT_DEMONYMS:
        return None
    if re.fullmatch(r"[^\W\d_]{3,}ian", low):
        stem = word[:-1]
        return stem.lower(), stem
    if bare_ia and re.fullmatch(r"[^\W\d_]{3,}ia", low):
        return low, word
    return None


class _Demonyms(dict[str, str]):
    """Lowercase demonym or country word -> country display name; the -ian rule covers unlisted ones."""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (dict.__contains__(self, word) or self._rule(word) is not None)

    def __missing__(self, word: str) -> str:
        found = self._rule(word)
        if found is None:
            raise KeyError(word)
        return found

    @staticmethod
    def _rule(word: str) -> str | None:
        if word in _NOT_DEMONYMS or not re.fullmatch(r"[a-z]{3,}ian", word):
            return None
        return word[:-1].capitalize()


DEMONYMS: dict[str, str] = _Demonyms({form: display for form, (_, display) in _COUNTRY_FORMS.items()})


def _country_span(words: list[str], i: int) -> tuple[int, tuple[str, str]] | None:
    """``(length, country)`` of a country form starting at ``words[i]``; a trailing "'s" is allowed."""
    for n in (4, 3, 2):
        if i + n <= len(words):
            phrase = " ".join(words[i:i + n]).lower()
            phrase = phrase[:-2] if phrase.endswith("'s") else phrase
            if phrase in _COUNTRY_FORMS:
                return n, _COUNTRY_FORMS[phrase]
    # A bare "-ia" word counts only as a possessor or after "of": "Korvia's navy", "the navy of Korvia".
    word = words[i][:-2] if words[i].endswith("'s") else words[i]
    loose = word != words[i] or (i > 0 and words[i - 1].lower() == "of") or len(words) == 1
    found = country_of(word, bare_ia=loose)
    return (1, found) if found else None


# --- one mention, without context ----------------------------------------------------------


@dataclass(frozen=True)
class _Parse:
    key: str
    kind: Kind
    display: str
    affiliation: str | None
    notes: tuple[str, ...]
    per_article: bool = False
    surname: str | None = None  # a bare surname (one-word person name), folded
    title: str | None = None  # the title before a bare surname ("admiral")
    titles: frozenset[str] = frozenset()  # title and role words of a full name
    country: str | None = None  # country code of an institution
    institution: str | None = None  # "ministry of defence", or "ministry" when underspecified
    named: bool = False  # a proper-named organisation (not a generic institution)
    hint: str = "unknown"  # the extractor's type

    @property
    def rule(self) -> str:
        return " + ".join(self.notes) if self.notes else "normalised name"


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_possessive(word: str) -> bool:
    return word.endswith("'s") and len(word) > 2


def _singular(word: str) -> str:
    low = word.lower()
    if low.endswith("men") and low[:-3] + "man" in _UNNAMED_HEADS:
        return low[:-3] + "man"
    if low.endswith("es") and low[:-2] in _UNNAMED_HEADS | _DOCUMENT_HEADS:
        return low[:-2]
    if low.endswith("s") and low[:-1] in _UNNAMED_HEADS | _DOCUMENT_HEADS:
        return low[:-1]
    return low


def _segments(text: str) -> tuple[str, list[str]]:
    """The name part of a mention and its descriptions: appositions and relative clauses split off.

    "The governor of Korvia's Karsk region, Pavel Umarov," -> ("Pavel Umarov", [the description]).
    """
    t = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), (" \u2026 ", ", ")):
        t = t.replace(a, b)
    t = re.sub(r"\([^)]*(?:\)|$)", " ", t).replace('"', " ")
    parts: list[str] = []
    for part in t.split(","):
        kept: list[str] = []
        for w in part.split():
            if w.lower() in _RELATIVES and kept:
                break
            kept.append(w)
        cut = " ".join(kept).strip(" ;:-\u2014'")
        if cut and cut.split()[0].lower() not in _RELATIVES:
            parts.append(cut)
    if not parts:
        return "", []

    def describes(part: str) -> bool:
        ws = _words(part)
        return not ws or ws[0].lower() in _DETERMINERS or not ws[-1][:1].isupper()

    if describes(parts[0]):
        for n, part in enumerate(parts[1:], 1):
            if not describes(part):
                return part, parts[:n] + parts[n + 1:]
    return parts[0], parts[1:]


def _country_in(words: list[str]) -> tuple[str, str] | None:
    for i in range(len(words)):
        found = _country_span(words, i)
        if found:
            return found[1]
    return None


def _per_article(kind: Kind, key: str, display: str, affiliation: str | None, notes: tuple[str, ...],
                 hint: str) -> _Parse:
    return _Parse(key, kind, display, affiliation, notes, per_article=True, hint=hint)


def _alias(words: list[str], hint: str) -> _Parse | None:
    phrase = " ".join(_fold(w) for w in words)
    entry = _ALIASES.get(re.sub(r"\bdefense\b", "defence", re.sub(r"\borganization\b", "organisation", phrase)))
    if entry is None or (phrase in _UPPER_ALIASES and not words[0].isupper()):
        return None
    key, display, kind, affiliation = entry
    return _Parse(key, kind, display, affiliation, (f"alias table: {' '.join(words)}",), named=True, hint=hint)


def _institution(words: list[str], hint: str) -> _Parse | None:
    """A state body ("Korvia's defence ministry") or a proper-named organisation ("Open Sea Monitor")."""
    countries: list[tuple[str, str]] = []
    owner: str | None = None
    rest: list[str] = []
    notes: list[str] = []
    i = 0
    while i < len(words):
        found = _country_span(words, i)
        if found:
            n, country = found
            countries.append(country)
            surface = " ".join(words[i:i + n])
            if _is_possessive(words[i + n - 1]):
                notes.append("possessive country form")
            elif rest and rest[-1].lower() == "of":
                notes.append("'of' country form")
            elif surface != country[1]:
                notes.append(f"country form: {surface} = {country[1]}")
            i += n
            continue
        if _is_possessive(words[i]) and not rest:
            owner = words[i][:-2]
            notes.append("possessive owner")
        else:
            rest.append(words[i])
        i += 1
    phrase = " ".join(_fold(w) for w in rest)
    phrase = re.sub(r"^(?:(?:of|the|in)\s+)+|(?:\s+(?:of|the|in))+$", "", phrase)
    for pattern, repl in _SPELLING:
        phrase = re.sub(pattern, repl, phrase)
    if not phrase and len(countries) == 1 and (len(words) > 1 or words[0].lower() in _COUNTRY_FORMS):
        # A lone "Garcia" or "Serelia" is not taken for a country by its ending; the ledger decides.
        code, display = countries[0]
        return _Parse(f"org:government|{code}", "government", " ".join(words), display,
                      tuple(notes) + ("country stands for its government",), country=code,
                      institution="government", hint=hint)
    if phrase and all(w in _GENERIC for w in phrase.split()):
        inst = phrase
        for pattern, repl in _INSTITUTION_REWRITES:
            inst = re.sub(pattern, repl, inst)
        if "defense" in " ".join(rest).lower():
            notes.append("spelling variant: Defense")
        if "mod" in phrase.split():
            notes.append("alias table: MoD")
        elif inst != phrase:
            notes.append("institution word order")
        kind: Kind = "organization" if inst in _NON_GOVERNMENT else "government"
        display = " ".join(words)
        if countries or owner:
            code, where = countries[0] if countries else (_fold(owner or ""), owner or "")
            return _Parse(f"org:{inst}|{code}", kind, display, where, tuple(notes), country=code,
                          institution=inst, hint=hint)
        return replace(_per_article(kind, f"org:{inst}", display, None,
                                    ("institution without a country, kept per article",), hint), institution=inst)
    if not phrase and not countries:
        return None
    if not words[-1][:1].isupper() and _fold(words[-1]) not in _ORG_SUFFIXES | _ORG_HEADS:
        return None
    name = " ".join(_fold(w) for w in words)
    for pattern, repl in _SPELLING:
        name = re.sub(pattern, repl, name)
    name = re.sub(r"\s+(inc|ltd|llc|plc|corp)$", "", name)
    kind = hint if hint in ("organization", "government") else "organization"
    return _Parse(f"org:{name}", kind, " ".join(words), countries[0][1] if countries else None,
                  tuple(notes), named=True, hint=hint)


def _name_run(head: list[str]) -> list[str]:
    """The capitalised name at the end of ``head``: "Korvian ... spokesman Yuri Bashkov" -> [Yuri, Bashkov]."""
    def name_word(w: str) -> bool:
        return (w[:1].isupper() and _fold(w) not in _TITLES and _singular(w) not in _UNNAMED_HEADS
                and not _is_possessive(w))

    run: list[str] = []
    for i in range(len(head) - 1, -1, -1):
        w = head[i]
        low = _fold(w)
        if name_word(w) and (not run or not _is_demonym(w)):
            run.insert(0, w)
        elif not run and i > 0 and w[:1].isupper() and name_word(head[i - 1]) and not _is_possessive(w):
            run.insert(0, w)  # a surname that is also a title word: "Martin Luther King"
        elif low in _PARTICLES and run and any(name_word(x) for x in head[:i]):
            run.insert(0, w)  # "Ursula von der Leyen"
        else:
            break
    while run and _fold(run[0]) in _PARTICLES:
        run.pop(0)
    return run


def _is_demonym(word: str) -> bool:
    """A listed country word ("British"), which ends a name run; "Julian" or "Maria" does not."""
    return word.lower() in _COUNTRY_FORMS and country_of(word) is not None


def _affiliation(words: list[str], desc: list[str]) -> str | None:
    """A person's country (from role words and descriptions), else the body after at/of/with.

    Failing both, the owner in a possessive role ("Varnhold's mayor" -> Varnhold).
    """
    every = words + [w for d in desc for w in _words(d)]
    country = _country_in(every)
    if country:
        return country[1]
    owner = next((w[:-2] for w in every if _is_possessive(w) and w[:1].isupper()), None)
    if owner:
        return owner
    for i, w in enumerate(every):
        if w.lower() in ("at", "of", "with", "for"):
            run: list[str] = []
            for x in every[i + 1:]:
                if x[:1].isupper() or (run and x.lower() in ("of", "for", "and", "the")):
                    run.append(x)
                elif run or x.lower() not in _DETERMINERS:
                    break
            while run and not run[-1][:1].isupper():
                run.pop()
            body = _institution(run, "organization") if run else None
            if body is not None and body.named:
                return body.display
    return None


def _person(words: list[str], desc: list[str], hint: str) -> _Parse | None:
    cut = next((j for j, w in enumerate(words) if j > 0 and w.lower() in _PREPOSITIONS), len(words))
    head, tail = words[:cut], words[cut:]
    while head and _fold(head[-1]).rstrip(".") in _NAME_SUFFIXES:
        head = head[:-1]
    run = _name_run(head)
    if not run:
        return None
    last = _fold(run[-1])
    if last in _GENERIC or last in _ORG_SUFFIXES or last in _COUNTRY_FORMS:
        return None
    before = head[:len(head) - len(run)]
    title = _fold(before[-1]) if before and _fold(before[-1]) in _TITLES else None
    if not (hint in ("person", "unknown", "pronoun") or title):
        return None
    folded = [_fold(w) for w in run]
    notes = ("titles and roles stripped",) if before else ()
    affiliation = _affiliation(before + tail, desc)
    if len(run) == 1:
        return _Parse(f"person:{folded[0]}", "person", run[0], affiliation, notes, surname=folded[0],
                      title=title, hint=hint)
    titles = frozenset(_fold(w) for w in before if _fold(w) in _TITLES)
    return _Parse(f"person:{' '.join(folded)}", "person", " ".join(run), affiliation, notes,
                  titles=titles, hint=hint)


def _office(words: list[str], indefinite: bool, hint: str) -> _Parse | None:
    """"The Korvian defence minister": an office held by one person, keyed by role and country."""
    if indefinite or not words or _fold(words[-1]) not in _OFFICES:
        return None
    country = _country_in(words)
    role = " ".join(_fold(w) for w in words if _country_span([w], 0) is None)
    role = re.sub(r"\bdefense\b", "defence", role)
    if country is None:
        return _per_article("person", f"role:{role}", " ".join(words), None,
                            ("office without a country, kept per article",), hint)
    return _Parse(f"role:{role}|{country[0]}", "person", " ".join(words), country[1],
                  ("office holder by role and country",), country=country[0], hint=hint)


def _body_of(words: list[str], heads: frozenset[str], preps: tuple[str, ...], hint: str) -> _Parse | None:
    """The named body behind "analysts at X" / "a report by X" / "X's statement", if any."""
    for j, w in enumerate(words):
        if w.lower() in preps and j > 0 and any(_singular(x) in heads for x in words[:j]) \
                and not _name_run(words[:j]):
            body = words[j + 1:]
            if any(x[:1].isupper() for x in body) and not any(_fold(x) in _WEEKDAYS_MONTHS for x in body):
                return _parse(" ".join(body), hint)
    return None


def _parse(text: str, hint: str) -> _Parse:
    """Everything :func:`normalise` knows about one mention."""
    name, desc = _segments(text)
    words = _words(name)
    if not words:
        return _per_article("unnamed", "unnamed:" + _fold(text or "?"), text, None, ("no name",), hint)
    if " ".join(words).lower() in _NOBODY:
        return _per_article("unnamed", "unnamed:" + " ".join(words).lower(), " ".join(words), None,
                            ("unnamed source, kept per article",), hint)
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return _per_article("unnamed", f"pronoun:{words[0].lower()}", words[0], None,
                            ("unresolved pronoun, kept per article",), hint)
    indefinite = False
    while len(words) > 1 and words[0].lower() in _DETERMINERS:
        indefinite = indefinite or words[0].lower() in _INDEFINITE
        words = words[1:]
    display = " ".join(words)
    alias = _alias(words, hint)
    if alias is not None:
        return alias
    lows = [_singular(w) for w in words]
    people = country_of(words[0][:-1], bare_ia=False) if len(words) == 1 and words[0].endswith("s") else None
    if people is not None:  # "Americans", "many Korvians": people, not their government
        return _per_article("unnamed", f"unnamed:{_fold(words[0])}", display, people[1],
                            ("unnamed source, kept per article",), hint)
    if hint in ("person", "unknown") and any(w.lower() in ("and", "&") for w in words[1:-1]) \
            and words[-1][:1].isupper() and _fold(words[-1]) not in _ORG_SUFFIXES:
        return _per_article("unnamed", "several:" + " ".join(_fold(w) for w in words), display, None,
                            ("several sources in one mention, kept per article",), hint)
    # "Analysts at Open Sea Monitor", "a spokesman for the ministry": the member speaks for the body.
    member = _body_of(words, _UNNAMED_HEADS, ("at", "for", "of", "with"), "organization")
    if member is not None and not member.per_article and member.kind != "unnamed" \
            and member.institution != "government":
        return replace(member, notes=member.notes + ("unnamed member speaking for a named body",))
    # "A report by Amnesty", "Amnesty's statement", "an Amnesty report".
    doc_at = next((j for j, w in enumerate(words) if _singular(w) in _DOCUMENT_HEADS
                   and (j == 0 or not w[:1].isupper())), None)
    if doc_at is not None and (hint == "document" or _person(words, desc, hint) is None):
        body = _body_of(words, _DOCUMENT_HEADS, ("by", "from", "of"), "organization")
        if body is None and doc_at > 0:
            owner = [w[:-2] if _is_possessive(w) else w for w in words[:doc_at] if w[:1].isupper()]
            body = _parse(" ".join(owner), "organization") if owner else None
        if body is not None and not body.per_article and body.kind != "unnamed":
            return replace(body, notes=body.notes + ("document of a named body",))
        return _per_article("document", "doc:" + " ".join(_fold(w) for w in words), display,
                            _affiliation(words, []), ("document without a named body, kept per article",),
                            hint)
    person = _person(words, desc, hint)
    if person is not None:
        return person
    office = _office(words, indefinite, hint)
    if office is not None:
        return office
    cut = next((j for j, w in enumerate(words) if j > 0 and w.lower() in _PREPOSITIONS), len(words))
    if any(w in _UNNAMED_HEADS for w in lows[:cut]):
        return _per_article("unnamed", "unnamed:" + " ".join(_fold(w) for w in words), display,
                            _affiliation(words, desc), ("unnamed source, kept per article",), hint)
    found = _institution(words, hint)
    if found is not None:
        return found
    return _per_article("unnamed", "unknown:" + " ".join(_fold(w) for w in words), display, None,
                        ("unrecognised, kept per article",), hint)


def normalise(text: str, type: str) -> tuple[str, str | None, str]:
    """``(key, affiliation, rule)`` for one mention, without context.

    ``type`` is the extractor's source type, used as a hint. Keys of mentions
    that never merge across articles (unnamed, pronouns, institutions without
    a country) get the article id only in :func:`canonicalise`.
    """
    p = _parse(text, type)
    return p.key, p.affiliation, p.rule


def mention_key(mention: Mention) -> str:
    """The key overrides are recorded against: scoped to the article where the meaning depends on it.

    Unnamed sources, pronouns, bare institutions and bare surnames are scoped
    (``'person:halden@greyline-2031-03-09-ferry'``); full names and
    institutions with a country are not (``'org:ministry of defence|uk'``).
    """
    p = _parse(mention.text, mention.type)
    return f"{p.key}@{mention.article}" if p.per_article or p.surname else p.key


# --- the whole ledger ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    """What the ledger as a whole knows: people by surname, countries, organisations, institutions."""

    by_surname: dict[str, set[str]]
    by_article: dict[tuple[str, str], set[str]]
    titles: dict[str, set[str]]
    people: set[str]
    countries: set[str]
    orgs: dict[str, str]  # named organisation key -> kind
    acronyms: dict[str, set[str]]
    institutions: dict[str, set[str]]  # country code -> institution keys
    named_here: dict[str, set[tuple[str, str]]]  # article -> (key, institution) of institutions with a country

    @classmethod
    def build(cls, parses: Mapping[Mention, _Parse]) -> _Index:
        by_surname: dict[str, set[str]] = defaultdict(set)
        by_article: dict[tuple[str, str], set[str]] = defaultdict(set)
        titles: dict[str, set[str]] = defaultdict(set)
        countries: set[str] = set()
        orgs: dict[str, str] = {}
        acronyms: dict[str, set[str]] = defaultdict(set)
        institutions: dict[str, set[str]] = defaultdict(set)
        named_here: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for m, p in parses.items():
            if p.kind == "person" and p.key.startswith("person:") and p.surname is None:
                surname = p.key.rsplit(" ", 1)[-1]
                by_surname[surname].add(p.key)
                by_article[(m.article, surname)].add(p.key)
                titles[p.key] |= p.titles
            if p.country and p.institution != "government":
                countries.add(p.country)
                if p.institution:
                    institutions[p.country].add(p.key)
                    named_here[m.article].add((p.key, p.institution))
            if p.named and p.key.startswith("org:"):
                orgs[p.key] = p.kind
                words = [w for w in p.key[4:].split() if w not in ("of", "for", "the", "and", "on", "in")]
                if len(words) > 1:
                    acronyms["".join(w[0] for w in words)].add(p.key)
            found = country_of(p.affiliation) if p.affiliation and " " not in p.affiliation else None
            if found:
                countries.add(found[0])
        people = {k for keys in by_surname.values() for k in keys}
        return cls(by_surname, by_article, titles, people, countries, orgs, acronyms, institutions, named_here)


def _surname(m: Mention, p: _Parse, surname: str, ix: _Index, prefix: str = "") -> tuple[str, str, Kind]:
    """The person a bare surname names, or the surname kept inside its article."""
    clash = _FEMALE if p.title in _MALE else _MALE if p.title in _FEMALE else frozenset()

    def fits(keys: set[str]) -> set[str]:  # "Mr. Bush" cannot be a known "first lady Laura Bush"
        return {k for k in keys if not clash & ix.titles.get(k, set())}

    here = fits(ix.by_article.get((m.article, surname), set()))
    if len(here) == 1:
        return next(iter(here)), prefix + "surname of the one person so named in this article", "person"
    known = fits(ix.by_surname.get(surname, set()))
    if p.title and len(known) > 1:
        titled = {k for k in known if p.title in ix.titles.get(k, set())}
        if len(titled) == 1:
            return next(iter(titled)), prefix + f"surname and title ({p.title}) of one known person", "person"
    if len(known) == 1:
        return next(iter(known)), prefix + "surname of a unique person", "person"
    why = f"surname shared by {len(known)} known people" if known else "bare surname, no full name known"
    return f"person:{surname}@{m.article}", prefix + why + ", kept per article", "person"


def _resolve(m: Mention, p: _Parse, ix: _Index) -> tuple[str, str, Kind]:
    """The canonical key of one mention, the rule that chose it, and its kind."""
    if p.surname is not None:
        if p.surname in ix.countries and p.surname not in ix.by_surname:
            return f"org:government|{p.surname}", "country seen as an affiliation elsewhere", "government"
        if p.surname not in ix.by_surname and f"org:{p.surname}" in ix.orgs:
            return f"org:{p.surname}", "type repaired: name of a known organisation", ix.orgs[f"org:{p.surname}"]
        return _surname(m, p, p.surname, ix)
    if p.kind == "person" and p.key.startswith("person:"):
        org = "org:" + p.key[7:]
        if org in ix.orgs and p.key not in ix.people:
            return org, "type repaired: name of a known organisation", ix.orgs[org]
        names = p.key[7:].split()
        if len(names) > 2 and any(len(n) == 1 for n in names[1:-1]):
            # "Donald J. Trump" is "Donald Trump" when no other middle initial goes with that name.
            plain = f"person:{names[0]} {names[-1]}"
            variants = {k for k in ix.people if k.split()[0] == p.key.split()[0] and k.endswith(f" {names[-1]}")}
            if plain in ix.people and variants == {plain, p.key}:
                return plain, p.rule + " + middle initial dropped: one person so named", "person"
        return p.key, p.rule, "person"
    if p.named and p.key.startswith("org:"):
        name = p.key[4:]
        person = f"person:{name}"
        if person in ix.people:
            return person, "type repaired: name of a known person", "person"
        if " " not in name and name in ix.by_surname:
            return _surname(m, p, name, ix, "type repaired: ")
        if " " not in name and name in ix.countries:
            return f"org:government|{name}", "country seen as an affiliation elsewhere", "government"
        spelled = ix.acronyms.get(name.replace(".", ""), set()) - {p.key}
        if len(spelled) == 1 and p.display.replace(".", "").isupper():
            return next(iter(spelled)), f"acronym of a known name: {p.display}", p.kind
    if p.institution and p.country and " " not in p.institution:
        specific = {k for k in ix.institutions.get(p.country, set())
                    if k.startswith(f"org:{p.institution} of ") or k.startswith(f"org:{p.institution} ")}
        if len(specific) == 1:
            return next(iter(specific)), f"the only {p.institution} of {p.country} in the ledger", p.kind
    if p.institution and p.country is None:
        # "the General Staff" in an article that names one institution of that kind, with its country.
        here = {k for k, inst in ix.named_here.get(m.article, set())
                if inst == p.institution or inst.startswith(f"{p.institution} of ")}
        if len(here) == 1:
            return next(iter(here)), f"the one {p.institution} named with its country in this article", p.kind
    if p.per_article:
        return f"{p.key}@{m.article}", p.rule, p.kind
    return p.key, p.rule, p.kind


_KIND_ORDER = ("person", "government", "organization", "document", "unnamed")


def _display(forms: Counter[str]) -> str:
    """The most complete form seen: spelled out (no MoD), not possessive, most words, most frequent."""
    def rank(form: str) -> tuple[bool, bool, int, int, int, str]:
        return (" MoD" in f" {form}", "'s " in form, -len(form.split()), -forms[form], -len(form), form)
    return min(forms, key=rank)


def canonicalise(mentions: Sequence[Mention], overrides: Mapping[str, str] = {}) -> dict[Mention, Canon]:
    """Map every mention to its canonical source, for a whole ledger at once.

    ``overrides`` maps a mention key (``key@article`` or the plain key, see
    :func:`mention_key`) or a canonical key to the canonical key it must have:
    to merge, name an existing key; to split, name a new one. Overrides win
    over every rule, so a correction survives re-ingest.
    """
    parses = {m: _parse(m.text, m.type) for m in dict.fromkeys(mentions)}
    index = _Index.build(parses)
    chosen: dict[Mention, tuple[str, str, Kind]] = {}
    for m, p in parses.items():
        hit = next((k for k in (f"{p.key}@{m.article}", p.key) if k in overrides), None)
        if hit is not None:
            chosen[m] = (overrides[hit], f"override: {hit} -> {overrides[hit]}", p.kind)
            continue
        key, rule, kind = _resolve(m, p, index)
        if key in overrides:
            key, rule = overrides[key], f"{rule}; override: {key} -> {overrides[key]}"
        chosen[m] = key, rule, kind
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m, (key, _, _) in chosen.items():
        groups[key].append(m)
    out: dict[Mention, Canon] = {}
    for key, members in groups.items():
        ps = [parses[m] for m in members]
        kinds = Counter(chosen[m][2] for m in members)
        kind = min(kinds, key=lambda k: (-kinds[k], _KIND_ORDER.index(k) if k in _KIND_ORDER else 9))
        same_kind = [p for m, p in zip(members, ps) if chosen[m][2] == kind and p.kind == kind] or ps
        affiliations = Counter(p.affiliation for p in same_kind if p.affiliation)
        rules = Counter(atom for m in members for atom in dict.fromkeys(re.split(r" \+ |; ", chosen[m][1])))
        canon = Canon(
            key=key,
            name=_display(Counter(p.display for p in same_kind)),
            kind=kind,
            affiliation=max(affiliations, key=lambda a: (affiliations[a], a)) if affiliations else None,
            rule="; ".join(sorted(rules, key=lambda r: (-rules[r], r))),
        )
        for m in members:
            out[m] = canon
    return out
