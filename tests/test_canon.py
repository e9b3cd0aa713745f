"""Canonical sources across articles: one mention normalised, then the whole ledger.

Every string here was written for this test; the names are invented or
generic. ``NORMALISE`` rows are ``(text, extractor type, key, affiliation)``.
``CANONICALISE`` rows are a small ledger of ``(article, text, type)`` mentions
and the groups it must form (mentions that share a key) and keep apart.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from reportedly.ledger.canon import DEMONYMS, Canon, Mention, canonicalise, country_of, mention_key, normalise

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"

NORMALISE: list[tuple[str, str, str, str | None]] = [
    # Organisations and governments: (institution, country), whatever the spelling and word order.
    ("the U.K. Ministry of Defense", "government", "org:ministry of defence|uk", "United Kingdom"),
    ("Britain's defence ministry", "government", "org:ministry of defence|uk", "United Kingdom"),
    ("the defence ministry of Britain", "government", "org:ministry of defence|uk", "United Kingdom"),
    ("The UK MoD", "government", "org:ministry of defence|uk", "United Kingdom"),
    ("the United Kingdom's Defence Ministry", "organization", "org:ministry of defence|uk", "United Kingdom"),
    ("British defence ministry", "person", "org:ministry of defence|uk", "United Kingdom"),
    ("Ukraine's defense ministry", "government", "org:ministry of defence|ukraine", "Ukraine"),
    ("the Ukrainian Ministry of Defence", "government", "org:ministry of defence|ukraine", "Ukraine"),
    ("the Russian MoD", "person", "org:ministry of defence|russia", "Russia"),
    ("the Ministry of Defence of Russia", "government", "org:ministry of defence|russia", "Russia"),
    ("France's foreign ministry", "government", "org:ministry of foreign affairs|france", "France"),
    ("the French Foreign Ministry", "government", "org:ministry of foreign affairs|france", "France"),
    ("the U.S. Defense Department", "government", "org:department of defence|us", "United States"),
    ("the Pentagon", "government", "org:department of defence|us", "United States"),
    ("the Kremlin", "organization", "org:presidency|russia", "Russia"),
    ("the Ukrainian government", "government", "org:government|ukraine", "Ukraine"),
    ("Ukraine", "government", "org:government|ukraine", "Ukraine"),
    ("Moscow", "government", "org:government|russia", "Russia"),
    ("Ostria", "government", "org:ostria", "Ostria"),  # a lone -ia word: the ledger decides (see below)
    ("Garcia", "person", "person:garcia", None),
    ("Julian Holm", "person", "person:julian holm", None),  # "Julian" is not a demonym
    ("the Ostrian navy", "government", "org:navy|ostria", "Ostria"),  # the -ian -> -ia demonym rule
    ("Ostria's navy", "organization", "org:navy|ostria", "Ostria"),
    ("the Ostrian General Staff", "organization", "org:general staff|ostria", "Ostria"),
    ("Ukraine's military", "government", "org:armed forces|ukraine", "Ukraine"),
    ("the ministry", "government", "org:ministry", None),  # no country: kept per article
    ("the government", "government", "org:government", None),
    ("NATO", "organization", "org:north atlantic treaty organisation", None),
    ("the U.N.", "organization", "org:united nations", None),
    ("The Harbour Watch Institute", "organization", "org:harbour watch institute", None),
    ("Analysts at the Harbour Watch Institute", "unnamed", "org:harbour watch institute", None),
    # Documents merge by the body named with them; without one they stay in their article.
    ("a report by Amnesty", "document", "org:amnesty international", None),
    ("an Amnesty International report", "document", "org:amnesty international", None),
    ("a statement from the Russian defence ministry", "document", "org:ministry of defence|russia", "Russia"),
    ("the footage", "document", "doc:footage", None),
    # Persons: titles and role phrases stripped; affiliation from role words.
    ("British defense secretary Ben Wallace", "person", "person:ben wallace", "United Kingdom"),
    ("Ben Wallace", "person", "person:ben wallace", None),
    ("Wallace", "person", "person:wallace", None),
    ("Mr. Wallace", "person", "person:wallace", None),
    ("Ukrainian President Olena Marchuk", "person", "person:olena marchuk", "Ukraine"),
    ("Rear Adm. Pieter de Vries", "person", "person:pieter de vries", None),
    ("Commission President Anna von der Berg", "person", "person:anna von der berg", None),
    ("Dr. Jane Okafor of the Harbour Watch Institute", "person", "person:jane okafor",
     "Harbour Watch Institute"),
    ("Gen. Ivo Petrov, Russia's chief of the general staff,", "person", "person:ivo petrov", "Russia"),
    ("The governor of the Dunmoor region, Karl Aster,", "person", "person:karl aster", "Dunmoor"),
    ("Maria Holm", "person", "person:maria holm", None),  # "Maria" is not a country
    ("Martin Luther King Jr.", "person", "person:martin luther king", None),
    ("Korvian defence ministry spokesman Major General Ivan Rusk", "person", "person:ivan rusk", "Korvia"),
    ("Kremlin spokesman Boris Olen", "person", "person:boris olen", None),
    ("the Russian defence minister", "person", "role:defence minister|russia", "Russia"),
    # Unnamed sources and pronouns: never merged across articles.
    ("officials", "unnamed", "unnamed:officials", None),
    ("a person familiar with the matter", "unnamed", "unnamed:person familiar with the matter", None),
    ("two people familiar with the talks", "unnamed", "unnamed:people familiar with the talks", None),
    ("U.S. officials", "unnamed", "unnamed:u.s officials", "United States"),
    ("a senior Western intelligence official, who asked not to be named,", "government",
     "unnamed:senior western intelligence official", None),
    ("the ministry's spokesman", "unnamed", "unnamed:ministry's spokesman", None),
    ("she", "pronoun", "pronoun:she", None),
    ("Many Ostrians", "unnamed", "unnamed:ostrians", "Ostria"),  # people, not their government
    ("no one", "organization", "unnamed:no one", None),
    ("Aster and Holm", "person", "several:aster and holm", None),  # two sources in one mention
    ("Representative Karl Aster of Dunmoor", "government", "person:karl aster", "Dunmoor"),
    ("the Dunmoor businessman", "organization", "unknown:dunmoor businessman", None),  # a description
    ("The Dunmoor Times", "organization", "org:dunmoor times", None),
    ("the Dunmoor campaign", "organization", "org:dunmoor campaign", None),
]


@pytest.mark.parametrize("text,type_,key,affiliation", NORMALISE, ids=[row[0][:40] for row in NORMALISE])
def test_normalise(text: str, type_: str, key: str, affiliation: str | None) -> None:
    got_key, got_affiliation, rule = normalise(text, type_)
    assert (got_key, got_affiliation) == (key, affiliation)
    assert rule


def test_normalise_explains_the_rule() -> None:
    assert "alias table: MoD" in normalise("The UK MoD", "government")[2]
    assert "possessive country form" in normalise("Britain's defence ministry", "government")[2]
    assert "per article" in normalise("officials", "unnamed")[2]


# (id, mentions, groups that must each share one key, pairs that must not share a key)
M = tuple[str, str, str]
CANONICALISE: list[tuple[str, list[M], list[list[M]], list[tuple[M, M]]]] = [
    ("unique surname joins the full name",
     [("a1", "British defence secretary Ben Wallace", "person"), ("a2", "Wallace", "person"),
      ("a3", "Mr. Wallace", "person")],
     [[("a1", "British defence secretary Ben Wallace", "person"), ("a2", "Wallace", "person"),
       ("a3", "Mr. Wallace", "person")]], []),
    ("ambiguous surname stays in its article",
     [("a1", "Foreign Minister Anna Berg", "person"), ("a2", "Rear Admiral Lars Berg", "person"),
      ("a3", "Berg", "person"), ("a4", "Berg", "person")],
     [],
     [(("a3", "Berg", "person"), ("a1", "Foreign Minister Anna Berg", "person")),
      (("a3", "Berg", "person"), ("a2", "Rear Admiral Lars Berg", "person")),
      (("a3", "Berg", "person"), ("a4", "Berg", "person"))]),
    ("ambiguous surname resolved by the one person so named in its article",
     [("a1", "Foreign Minister Anna Berg", "person"), ("a1", "Berg", "government"),
      ("a2", "Rear Admiral Lars Berg", "person"), ("a2", "Berg", "person"), ("a3", "Anna Berg", "organization")],
     [[("a1", "Foreign Minister Anna Berg", "person"), ("a1", "Berg", "government"),
       ("a3", "Anna Berg", "organization")],
      [("a2", "Rear Admiral Lars Berg", "person"), ("a2", "Berg", "person")]],
     [(("a1", "Berg", "government"), ("a2", "Berg", "person"))]),
    ("ambiguous surname resolved by a title only one of them holds",
     [("a1", "Foreign Minister Anna Berg", "person"), ("a2", "Rear Admiral Lars Berg", "person"),
      ("a3", "Admiral Berg", "person")],
     [[("a2", "Rear Admiral Lars Berg", "person"), ("a3", "Admiral Berg", "person")]],
     [(("a3", "Admiral Berg", "person"), ("a1", "Foreign Minister Anna Berg", "person"))]),
    ("different countries' ministries stay apart",
     [("a1", "Britain's defence ministry", "government"), ("a2", "the Russian MoD", "government"),
      ("a3", "Ukraine's Ministry of Defense", "government"), ("a4", "The UK MoD", "organization")],
     [[("a1", "Britain's defence ministry", "government"), ("a4", "The UK MoD", "organization")]],
     [(("a1", "Britain's defence ministry", "government"), ("a2", "the Russian MoD", "government")),
      (("a2", "the Russian MoD", "government"), ("a3", "Ukraine's Ministry of Defense", "government"))]),
    ("a ministry and the general staff of one country stay apart",
     [("a1", "the Ostrian General Staff", "organization"), ("a2", "Ostria's defence ministry", "government")],
     [], [(("a1", "the Ostrian General Staff", "organization"), ("a2", "Ostria's defence ministry", "government"))]),
    ("unnamed sources never merge across articles",
     [("a1", "officials", "unnamed"), ("a2", "officials", "unnamed"), ("a1", "Western officials", "unnamed"),
      ("a2", "Western officials", "unnamed"), ("a3", "the ministry", "government"),
      ("a4", "the ministry", "government"), ("a3", "she", "pronoun"), ("a4", "she", "pronoun")],
     [],
     [(("a1", "officials", "unnamed"), ("a2", "officials", "unnamed")),
      (("a1", "Western officials", "unnamed"), ("a2", "Western officials", "unnamed")),
      (("a3", "the ministry", "government"), ("a4", "the ministry", "government")),
      (("a3", "she", "pronoun"), ("a4", "she", "pronoun"))]),
    ("a bare institution joins the one named with its country in its article",
     [("a1", "the Ostrian General Staff", "organization"), ("a1", "the General Staff", "organization"),
      ("a2", "the General Staff", "organization")],
     [[("a1", "the Ostrian General Staff", "organization"), ("a1", "the General Staff", "organization")]],
     [(("a2", "the General Staff", "organization"), ("a1", "the Ostrian General Staff", "organization"))]),
    ("the Ostrian ministry is the ledger's only Ostrian ministry",
     [("a1", "Ostria's Ministry of Defence", "government"), ("a2", "the Ostrian ministry", "government")],
     [[("a1", "Ostria's Ministry of Defence", "government"), ("a2", "the Ostrian ministry", "government")]], []),
    ("a country typed as a person is the country when the ledger uses it as one",
     [("a1", "Ostria", "person"), ("a2", "Ostria's navy", "government"), ("a3", "the Ostrian government", "government")],
     [[("a1", "Ostria", "person"), ("a3", "the Ostrian government", "government")]],
     [(("a1", "Ostria", "person"), ("a2", "Ostria's navy", "government"))]),
    ("a person's office is not the person",
     [("a1", "Karl Aster", "person"), ("a2", "Aster's office", "unnamed"), ("a3", "Aster", "organization")],
     [[("a1", "Karl Aster", "person"), ("a3", "Aster", "organization")]],
     [(("a1", "Karl Aster", "person"), ("a2", "Aster's office", "unnamed"))]),
    ("an honorific that says a gender keeps a surname from the other person",
     [("a1", "former first lady Anna Berg", "person"), ("a2", "Mr. Berg", "person"), ("a3", "Mrs. Berg", "person")],
     [[("a1", "former first lady Anna Berg", "person"), ("a3", "Mrs. Berg", "person")]],
     [(("a2", "Mr. Berg", "person"), ("a1", "former first lady Anna Berg", "person"))]),
    ("a middle initial joins the plain name when only one person goes by it",
     [("a1", "Karl J. Aster", "person"), ("a2", "Karl Aster", "person"), ("a3", "Ivo P. Holm", "person"),
      ("a4", "Ivo R. Holm", "person"), ("a5", "Ivo Holm", "person")],
     [[("a1", "Karl J. Aster", "person"), ("a2", "Karl Aster", "person")]],
     [(("a3", "Ivo P. Holm", "person"), ("a4", "Ivo R. Holm", "person")),
      (("a3", "Ivo P. Holm", "person"), ("a5", "Ivo Holm", "person"))]),
    ("a bare surname without any full name stays in its article",
     [("a1", "Aster", "person"), ("a2", "Aster", "person")], [],
     [(("a1", "Aster", "person"), ("a2", "Aster", "person"))]),
    ("analysts at an organisation and its acronym join it",
     [("a1", "Harbour Watch Institute", "organization"), ("a2", "Analysts at Harbour Watch Institute", "unnamed"),
      ("a3", "HWI", "organization")],
     [[("a1", "Harbour Watch Institute", "organization"), ("a2", "Analysts at Harbour Watch Institute", "unnamed"),
       ("a3", "HWI", "organization")]], []),
]


def _keys(mentions: list[M], overrides: dict[str, str] | None = None) -> dict[M, Canon]:
    got = canonicalise([Mention(*m) for m in mentions], overrides or {})
    return {(m.article, m.text, m.type): c for m, c in got.items()}


@pytest.mark.parametrize("case", CANONICALISE, ids=[c[0] for c in CANONICALISE])
def test_canonicalise(case: tuple[str, list[M], list[list[M]], list[tuple[M, M]]]) -> None:
    _, mentions, groups, apart = case
    canons = _keys(mentions)
    for group in groups:
        assert len({canons[m].key for m in group}) == 1, {m: canons[m].key for m in group}
    for a, b in apart:
        assert canons[a].key != canons[b].key, (a, b, canons[a].key)


def test_canon_record() -> None:
    canons = _keys([("a1", "the UK Ministry of Defence", "government"), ("a2", "The UK MoD", "government"),
                    ("a3", "Britain's defence ministry", "person"), ("a3", "the UK Ministry of Defence", "government")])
    c = canons[("a1", "the UK Ministry of Defence", "government")]
    assert c == canons[("a2", "The UK MoD", "government")] == canons[("a3", "Britain's defence ministry", "person")]
    assert (c.key, c.name, c.kind, c.affiliation) == (
        "org:ministry of defence|uk", "UK Ministry of Defence", "government", "United Kingdom")
    assert "alias table: MoD" in c.rule and "possessive country form" in c.rule


def test_person_record() -> None:
    canons = _keys([("a1", "British defence secretary Ben Wallace", "person"), ("a2", "Wallace", "organization")])
    c = canons[("a2", "Wallace", "organization")]
    assert (c.key, c.name, c.kind, c.affiliation) == ("person:ben wallace", "Ben Wallace", "person", "United Kingdom")
    assert "surname of a unique person" in c.rule


def test_unnamed_key_carries_the_article() -> None:
    canons = _keys([("a1", "officials", "unnamed")])
    assert canons[("a1", "officials", "unnamed")].key == "unnamed:officials@a1"
    assert canons[("a1", "officials", "unnamed")].kind == "unnamed"


def test_override_merges() -> None:
    ledger = [("a1", "Harbour Watch Institute", "organization"), ("a2", "the Dunmoor monitoring group", "organization")]
    before = _keys(ledger)
    assert before[ledger[0]].key != before[ledger[1]].key
    after = _keys(ledger, {normalise(ledger[1][1], ledger[1][2])[0]: "org:harbour watch institute"})
    assert after[ledger[0]].key == after[ledger[1]].key == "org:harbour watch institute"
    assert "override" in after[ledger[1]].rule


def test_override_splits_and_beats_the_rules() -> None:
    ledger = [("a1", "Ben Wallace", "person"), ("a2", "Ben Wallace", "person"), ("a3", "Wallace", "person")]
    split = _keys(ledger, {"person:ben wallace@a2": "person:ben wallace (footballer)",
                           mention_key(Mention(*ledger[2])): "person:ben wallace (footballer)"})
    assert split[ledger[0]].key == "person:ben wallace"
    assert split[ledger[1]].key == split[ledger[2]].key == "person:ben wallace (footballer)"


def test_override_on_a_canonical_key() -> None:
    ledger = [("a1", "Ostria's navy", "government"), ("a2", "the Ostrian coast guard", "government")]
    got = _keys(ledger, {"org:coast guard|ostria": "org:navy|ostria"})
    assert got[ledger[0]].key == got[ledger[1]].key == "org:navy|ostria"


def test_mention_key_scopes_context_dependent_mentions() -> None:
    assert mention_key(Mention("a1", "Wallace", "person")) == "person:wallace@a1"
    assert mention_key(Mention("a1", "officials", "unnamed")) == "unnamed:officials@a1"
    assert mention_key(Mention("a1", "Ben Wallace", "person")) == "person:ben wallace"


@pytest.mark.parametrize("word,country", [
    ("British", ("uk", "United Kingdom")), ("U.S.", ("us", "United States")), ("us", None),
    ("Ostrian", ("ostria", "Ostria")), ("Ostria", ("ostria", "Ostria")), ("Civilian", None), ("Monitor", None),
])
def test_country_of(word: str, country: tuple[str, str] | None) -> None:
    assert country_of(word) == country


def test_demonyms() -> None:
    assert DEMONYMS["british"] == "United Kingdom"
    assert "ostrian" in DEMONYMS and DEMONYMS["ostrian"] == "Ostria"
    assert "civilian" not in DEMONYMS and "troops" not in DEMONYMS


def _load_scores() -> Any:
    spec = importlib.util.spec_from_file_location("canon_scores", ROOT / "scripts" / "canon_scores.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (CORPUS / "EXPECTED.json").exists(), reason="examples/corpus is not present")
def test_corpus_scores() -> None:
    results = {r.mode: r for r in _load_scores().run(CORPUS)}
    for mode in ("extracted", "gold"):
        r = results[mode]
        assert r.precision >= 0.9 and r.recall >= 0.9, (mode, r.precision, r.recall)
