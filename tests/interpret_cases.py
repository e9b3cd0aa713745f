"""End-to-end acceptance cases for the interpretation of attributions (issue 3).

Every text here was written for this project; the events are invented. Each
case runs through ``reportedly.analyze(text, published=...)``; the expected
values were written from the definitions of the issue and of
``../shared/reference/estimative-language.md`` -- what a careful reader would
say -- not copied from the program's output. Where the program disagrees with
a correct expectation, the case stays as written and is listed in
``KNOWN_FAILURES`` (run as a strict xfail by ``tests/test_interpretation.py``).

``CASES``
    A list of :class:`Case`, built by :func:`case`. ``cue`` names the
    attribution whose fields are checked: its cue text, or a whole word of it
    ("claimed" names "had claimed"), ``"said@2"`` the second such in text
    order (see :func:`find_attribution`). Every case checks EVERY field of
    ``expect``: a field the row leaves out takes its ``PLAIN`` value, what a
    careful reader says of a plain statement (asserted, no band, no statement
    time, no times, no numbers, positive), so a hedge, a time or a number the
    program finds where there is none is an error too. ``conflicts`` is
    ``None`` when the case does not check the document's conflicts, else the
    exact list expected (``[]``: the text must produce NO conflict).

Fields of ``expect``:

* ``stance``: the reporter's stance class, ``Attribution.stance.cls``
  (neutral, distancing, committing, negating, belief, assessment, warning).
* ``source_asserts``: ``content``, or ``negation`` for a denial.
* ``status``: asserted | hedged | undetermined | no_comment.
* ``term``: the deciding term; with a band, the scale's own word for it
  ("probable" on ICD 203 for "probably", "unlikely" for "not likely").
* ``direction``: towards_true | towards_false | undetermined, or None.
* ``band``: ``(low, high)`` percent, or None for no band.
* ``scale``: 'UK Probability Yardstick' | 'ICD 203' | 'NATO AJP-2.1' | None.
* ``interpreted``: True when the band is a reading the source did not choose
  (the default scale, a near term, a negated term's complement).
* ``confidence``: low | moderate | high | None.
* ``said``: the statement time as inclusive ISO bounds ``(from, until)``,
  None when the text gives none, or ``"unresolved"`` when it gives one that
  cannot be pinned to the calendar (kept as text).
* ``times``: the content's time expressions, ``[(text, from, until), ...]``
  in text order; an unresolvable one (or a duration) has ``from`` and
  ``until`` None. The text includes the governing preposition ("since
  February"), the project's convention.
* ``numbers``: the content's quantities, ``[(low, high, relation, counted,
  event), ...]`` in text order, optionally with a sixth element, the
  quantity's time as ``(from, until)``.
* ``polarity``: positive | negative (of the content's main predicate; a
  denial's content stays positive, its stance carries the negation).

``conflicts`` entries are ``(cue_a, cue_b, reason)`` with the two cues in text
order, reason one of 'dispute marker', 'opposite polarity', 'opposite
outcome', 'incompatible numbers'.

Dates: 2022-05-19 is a Thursday, 2023-03-10 a Friday, 2024-11-06 a Wednesday.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from reportedly.types import Attribution, Report

UK = "UK Probability Yardstick"
ICD = "ICD 203"
NATO = "NATO AJP-2.1"
T, F, U = "towards_true", "towards_false", "undetermined"

THU = "2022-05-19"  # a Thursday
FRI = "2023-03-10"  # a Friday
WED = "2024-11-06"  # a Wednesday

FIELDS = (
    "stance", "source_asserts", "status", "term", "direction", "band", "scale", "interpreted",
    "confidence", "said", "times", "numbers", "polarity",
)
REASONS = ("dispute marker", "opposite polarity", "opposite outcome", "incompatible numbers")


# What a careful reader says of a plain statement: every field a case leaves out takes this value.
PLAIN: dict[str, Any] = dict(
    status="asserted", term=None, direction=None, band=None, scale=None, interpreted=False,
    confidence=None, said=None, times=[], numbers=[], polarity="positive",
)


class Case(NamedTuple):
    id: str
    text: str
    published: str
    cue: str
    expect: Mapping[str, Any]
    conflicts: Sequence[tuple[str, str, str]] | None = None


def case(
    id: str, text: str, cue: str, stance: str, *, published: str = THU,
    conflicts: Sequence[tuple[str, str, str]] | None = None, **given: Any,
) -> Case:
    """A case whose attribution (named by ``cue``) has ``stance`` and the ``given`` fields, every
    other field taking its ``PLAIN`` value; a denial's ``source_asserts`` is ``negation``."""
    unknown = set(given) - set(FIELDS)
    assert not unknown, f"{id}: unknown fields {sorted(unknown)}"
    assert conflicts is None or all(r in REASONS for _, _, r in conflicts), id
    expect = {"stance": stance, "source_asserts": "negation" if stance == "negating" else "content",
              **PLAIN, **given}
    return Case(id, text, published, cue, expect, conflicts)


def hedge(term: str | None, band: tuple[int, int] | None, scale: str | None, interpreted: bool = False,
          direction: str | None = T, confidence: str | None = None) -> dict[str, Any]:
    """The certainty fields of a hedged content."""
    return dict(status="hedged", term=term, direction=direction, band=band, scale=scale,
                interpreted=interpreted, confidence=confidence)


def undetermined(term: str, status: str = "undetermined") -> dict[str, Any]:
    """The certainty fields of a content the source leaves open (or declines to comment on)."""
    return dict(status=status, term=term, direction=U)


CASES: list[Case] = [
    # ---------------------------------------------------------------- UK Probability Yardstick
    case("uk-likely",
         "The U.K. Ministry of Defence said on Tuesday that Russian forces had likely pulled back "
         "from the northern bank of the river.",
         "said", "neutral", **hedge("likely", (55, 75), UK), said=("2022-05-17", "2022-05-17")),
    case("uk-highly-likely",
         "British military intelligence assessed that it is highly likely the airfield near Saki was "
         "struck by drones.",
         "assessed", "assessment", **hedge("highly likely", (80, 90), UK)),
    case("uk-almost-certainly",
         "Britain's Ministry of Defence said the convoy was almost certainly carrying air defence equipment.",
         "said", "neutral", **hedge("almost certain", (95, 100), UK)),
    case("uk-probably",
         "The MoD said the patrol ship was probably hit by an anti-ship missile.",
         "said", "neutral", **hedge("probably", (55, 75), UK)),
    case("uk-realistic-possibility",
         "British defence officials said there was a realistic possibility that the ferry crossing "
         "would be closed next week.",
         "said", "neutral", **hedge("realistic possibility", (40, 50), UK),
         times=[("next week", "2022-05-23", "2022-05-29")]),
    case("uk-unlikely",
         "The UK Ministry of Defence said Moscow was unlikely to capture the town this month.",
         "said", "neutral", **hedge("unlikely", (25, 35), UK, direction=F),
         times=[("this month", "2022-05", "2022-05")]),
    case("uk-highly-unlikely",
         "Britain's defence ministry said it was highly unlikely that the reservists would be sent to the front.",
         "said", "neutral", **hedge("highly unlikely", (10, 20), UK, direction=F)),
    case("uk-remote-chance",
         "UK Defence Intelligence said there was only a remote chance that the dam would be repaired.",
         "said", "neutral", **hedge("remote chance", (0, 5), UK, direction=F)),
    case("uk-very-likely-near-term",  # the yardstick has no "very likely": its nearest word, marked
         "British officials said the strike was very likely carried out by special forces.",
         "said", "neutral", **hedge("highly likely", (80, 90), UK, interpreted=True)),
    case("uk-quote-highly-likely",
         '"It is highly likely that Russia will run short of artillery shells," the UK\'s chief of '
         "defence intelligence said.",
         "said", "neutral", **hedge("highly likely", (80, 90), UK)),
    case("uk-daily-update-probably",
         "The British Defence Ministry said in its daily intelligence update that Russia had probably lost "
         "a third of its ground forces.",
         "said", "neutral", **hedge("probably", (55, 75), UK)),
    case("uk-quoted-likely-said-sunday",
         'Britain\'s Ministry of Defence said on Sunday that the Russian offensive had "likely" stalled.',
         "said", "neutral", **hedge("likely", (55, 75), UK), said=("2022-05-15", "2022-05-15")),
    case("uk-ministry-in-london",  # "the Ministry of Defence in London" is the UK's
         "The Ministry of Defence in London said the bridge had likely been damaged.",
         "said", "neutral", **hedge("likely", (55, 75), UK)),
    # ---------------------------------------------------------------- ICD 203 (US intelligence)
    case("us-cia-likely",
         "The CIA assessed that the missile test was likely a failure.",
         "assessed", "assessment", **hedge("likely", (55, 80), ICD)),
    case("us-very-likely",
         "U.S. intelligence officials said the blast was very likely caused by a drone.",
         "said", "neutral", **hedge("very likely", (80, 95), ICD)),
    case("us-probably",  # ICD 203 words it "probable": the same word, not an interpretation
         "The Defense Intelligence Agency concluded that the shipment probably came from Iran.",
         "concluded", "assessment", **hedge("probable", (55, 80), ICD)),
    case("us-unlikely",
         "The Office of the Director of National Intelligence said Pyongyang was unlikely to conduct "
         "a nuclear test this year.",
         "said", "neutral", **hedge("unlikely", (20, 45), ICD, direction=F),
         times=[("this year", "2022", "2022")]),
    case("us-almost-certainly",
         "The National Security Agency said the intrusion was almost certainly the work of a "
         "state-backed group.",
         "said", "neutral", **hedge("almost certain", (95, 99), ICD)),
    case("us-highly-likely-near-term",  # ICD 203 says "very likely" for the yardstick's "highly likely"
         "The CIA said it was highly likely that the rocket had been supplied by a foreign government.",
         "said", "neutral", **hedge("very likely", (80, 95), ICD, interpreted=True)),
    case("us-we-assess-moderate-confidence",  # confidence is not a probability: no band
         '"We assess with moderate confidence that the launch site is being rebuilt," a senior U.S. '
         "intelligence official said.",
         "said", "neutral", **hedge(None, None, None, confidence="moderate")),
    case("us-low-confidence-may",
         "The Defense Intelligence Agency assessed with low confidence that the general may have been killed.",
         "assessed", "assessment", **hedge("may", None, None, confidence="low")),
    case("us-agencies-believe-unlikely",
         "US intelligence agencies believe it is unlikely that the war will end this year.",
         "believe", "belief", **hedge("unlikely", (20, 45), ICD, direction=F),
         times=[("this year", "2022", "2022")]),
    case("us-we-assess-high-confidence",
         '"We assess with high confidence that the attack was ordered by the regime," the CIA director said.',
         "said", "neutral", **hedge(None, None, None, confidence="high")),
    case("us-have-high-confidence",
         "U.S. intelligence officials said they had high confidence that the satellite was destroyed.",
         "said", "neutral", **hedge(None, None, None, confidence="high")),
    case("us-said-it-assessed-moderate-confidence",
         "The DIA said it assessed with moderate confidence that the shipyard would be rebuilt within two years.",
         "said", "neutral", **hedge(None, None, None, confidence="moderate"),
         times=[("within two years", None, None)]),
    case("us-high-confidence-and-likely",  # confidence and likelihood are kept apart
         "The CIA said with high confidence that the launcher was likely moved to the coast.",
         "said", "neutral", **hedge("likely", (55, 80), ICD, confidence="high")),
    case("us-highly-confident",
         "U.S. officials said they were highly confident the drone was launched from Iran.",
         "said", "neutral", **hedge(None, None, None, confidence="high")),
    case("uk-we-judge-low-confidence",
         '"We judge with low confidence that the leader is still alive," the British intelligence chief said.',
         "said", "neutral", **hedge(None, None, None, confidence="low")),
    # ---------------------------------------------------------------- NATO AJP-2.1
    case("nato-likely",
         "NATO said Russian forces were likely regrouping near the border.",
         "said", "neutral", **hedge("likely", (60, 90), NATO)),
    case("nato-highly-likely",
         "A NATO official said it was highly likely that the jamming came from Kaliningrad.",
         "said", "neutral", **hedge("highly likely", (90, 100), NATO)),
    case("nato-unlikely",
         "NATO officials said an attack on alliance territory was unlikely.",
         "said", "neutral", **hedge("unlikely", (10, 40), NATO, direction=F)),
    case("nato-realistic-possibility-near-term",  # AJP-2.1 has no such term; its "even chance" is nearest
         "NATO's military committee said there was a realistic possibility that the exercise would be "
         "cancelled.",
         "said", "neutral", **hedge("even chance", (40, 60), NATO, interpreted=True)),
    case("nato-told-highly-unlikely",
         "A senior NATO official told reporters on Wednesday that the alliance was highly unlikely to send troops.",
         "told", "neutral", **hedge("highly unlikely", (0, 10), NATO, direction=F),
         said=("2022-05-18", "2022-05-18")),
    case("nato-moderate-confidence-likely",
         '"We assess with moderate confidence that the brigade has likely been withdrawn," a NATO official said.',
         "said", "neutral", **hedge("likely", (60, 90), NATO, confidence="moderate")),
    # ---------------------------------------------------------------- other sources: default scale
    case("default-likely",
         "A Ukrainian military spokesman said the Russian unit had likely retreated across the river.",
         "said", "neutral", **hedge("likely", (55, 80), ICD, interpreted=True)),
    case("default-probably",
         "The mayor said the power plant would probably be back online next week.",
         "said", "neutral", **hedge("probable", (55, 80), ICD, interpreted=True),
         times=[("next week", "2022-05-23", "2022-05-29")]),
    case("default-highly-likely",
         "An analyst at a Warsaw think tank said it was highly likely that the talks would fail.",
         "said", "neutral", **hedge("very likely", (80, 95), ICD, interpreted=True)),
    case("default-russian-ministry-unlikely",  # a Russian defence ministry is not the UK's MoD
         "A Russian Defence Ministry spokesman said a second wave of mobilisation was unlikely.",
         "said", "neutral", **hedge("unlikely", (20, 45), ICD, interpreted=True, direction=F)),
    case("default-realistic-possibility",
         "Kenyan army officials said there was a realistic possibility that militants would attack the camp.",
         "said", "neutral", **hedge("roughly even chance", (45, 55), ICD, interpreted=True)),
    case("default-almost-certainly",
         "Greek coast guard officials said the vessel had almost certainly sunk.",
         "said", "neutral", **hedge("almost certain", (95, 99), ICD, interpreted=True)),
    case("default-pentagon-likely",  # a department's press office is not an intelligence body
         "A Pentagon spokesman said the drone was likely launched from a ship.",
         "said", "neutral", **hedge("likely", (55, 80), ICD, interpreted=True)),
    case("default-almost-certain-future",
         "The ministry said it is almost certain that the frigate will be repaired by June.",
         "said", "neutral", published=FRI, **hedge("almost certain", (95, 99), ICD, interpreted=True),
         times=[("by June", None, "2023-06")]),
    case("default-western-officials-likely",
         "Western officials said the Russian general was likely killed in the strike on Monday.",
         "said", "neutral", **hedge("likely", (55, 80), ICD, interpreted=True),
         times=[("on Monday", "2022-05-16", "2022-05-16")]),
    case("default-pentagon-probably-more-than",
         "The Pentagon said Russian forces have probably fired more than 2,000 missiles since the start of "
         "the war.",
         "said", "neutral", **hedge("probable", (55, 80), ICD, interpreted=True),
         numbers=[(2000, None, "more_than", "missiles", "fired")]),
    # ---------------------------------------------------------------- negation of the hedge
    case("negation-uk-not-likely",
         "The UK Ministry of Defence said it was not likely that Russia would reopen the port this year.",
         "said", "neutral", **hedge("unlikely", (25, 35), UK, interpreted=True, direction=F),
         times=[("this year", "2022", "2022")]),
    case("negation-default-not-likely",
         "Local officials said the bridge is not likely to reopen this year.",
         "said", "neutral", **hedge("unlikely", (20, 45), ICD, interpreted=True, direction=F),
         times=[("this year", "2022", "2022")]),
    case("negation-nato-not-likely",
         "NATO said a ceasefire was not likely this year.",
         "said", "neutral", **hedge("unlikely", (10, 40), NATO, interpreted=True, direction=F),
         times=[("this year", "2022", "2022")]),
    case("negation-probably-not",  # the negation is inside the hedged clause: the content's own
         "The army said the shells were probably not fired by its troops.",
         "said", "neutral", **hedge("probable", (55, 80), ICD, interpreted=True), polarity="negative"),
    # ---------------------------------------------------------------- modals and possibility
    case("modal-may",
         "Police said the suspect may have crossed into Poland on Sunday.",
         "said", "neutral", **hedge("may", None, None), times=[("on Sunday", "2022-05-15", "2022-05-15")]),
    case("modal-could",
         "The coast guard said the oil slick could reach the shore.",
         "said", "neutral", **hedge("could", None, None)),
    case("modal-might",
         "A Pentagon spokesman said the drills might be postponed.",
         "said", "neutral", **hedge("might", None, None)),
    case("modal-it-is-possible-that",
         "The health ministry said it is possible that the outbreak began in the barracks.",
         "said", "neutral", **hedge("possible", None, None)),
    case("modal-may-not",  # "may not": possibly not, the negation is the content's
         "The ministry said the missing sailors may not have survived.",
         "said", "neutral", **hedge("may", None, None), polarity="negative"),
    # ---------------------------------------------------------------- undetermined, no comment
    case("undetermined-unclear",
         "Officials said it was unclear whether the pilot had survived.",
         "said", "neutral", **undetermined("unclear")),
    case("undetermined-unclear-how-many",
         "The Pentagon said it was unclear how many soldiers had been wounded.",
         "said", "neutral", **undetermined("unclear")),
    case("undetermined-unknown",
         "The fire service said the cause of the explosion was unknown.",
         "said", "neutral", **undetermined("unknown")),
    case("undetermined-unconfirmed",
         "Local media reported that the general had been arrested, though the arrest remains unconfirmed.",
         "reported", "neutral", **undetermined("unconfirmed")),
    case("undetermined-unconfirmed-reports",
         "Unconfirmed reports said the commander had fled to Belarus.",
         "said", "neutral", **undetermined("unconfirmed")),
    case("undetermined-could-not-be-verified",
         "Rebel commanders said they had captured two villages, a claim that could not be independently "
         "verified.",
         "said", "neutral", **undetermined("not verified"), numbers=[(2, 2, "exact", "villages", "captured")]),
    case("undetermined-remains-to-be-seen",
         "The minister said it remained to be seen whether the grain deal would survive.",
         "said", "neutral", **undetermined("remains to be seen")),
    case("undetermined-could-not-confirm",
         "Ukrainian officials said they could not confirm the number of casualties.",
         "said", "neutral", **undetermined("unconfirmed")),
    case("undetermined-not-possible-to-confirm",  # not a hedge towards false: the claim is left open
         "The UK Ministry of Defence said it was not possible to confirm the reports.",
         "said", "neutral", **undetermined("unconfirmed")),
    case("undetermined-too-early-to-tell",
         "A U.S. defense official said it was too early to tell whether the strike had succeeded.",
         "said", "neutral", **undetermined("unclear")),
    case("no-comment-would-not-comment",
         "Asked about the strike, the ministry said it would not comment on operational matters.",
         "said", "neutral", **undetermined("no comment", status="no_comment")),
    case("no-comment-had-no-comment",
         "The navy said it had no comment on the report.",
         "said", "neutral", **undetermined("no comment", status="no_comment")),
    case("no-comment-declined-to-comment",
         "A Navy spokesman declined to comment on the report.",
         "declined", "neutral", **undetermined("no comment", status="no_comment")),
    # ---------------------------------------------------------------- nesting: the inner source's hedge
    case("nested-inner-hedge",
         "The UK Ministry of Defence said Russian commanders had claimed the bridge would likely be "
         "repaired within a week.",
         "claimed", "distancing", **hedge("likely", (55, 80), ICD, interpreted=True),
         times=[("within a week", None, None)]),
    case("nested-outer-unhedged",  # the hedge and the time belong to the inner claim
         "The UK Ministry of Defence said Russian commanders had claimed the bridge would likely be "
         "repaired within a week.",
         "said", "neutral"),
    case("nested-inner-uk-scale",
         "Kyiv said that, according to British defence intelligence, the pontoon bridge had highly likely "
         "been destroyed.",
         "according to", "distancing", **hedge("highly likely", (80, 90), UK)),
    case("nested-outer-of-uk-inner",
         "Kyiv said that, according to British defence intelligence, the pontoon bridge had highly likely "
         "been destroyed.",
         "said", "neutral"),
    # ---------------------------------------------------------------- the reporter's stance
    case("stance-noted",
         "The Finnish border guard noted that traffic at the eastern crossings had fallen sharply since Monday.",
         "noted", "neutral", times=[("since Monday", "2022-05-16", None)]),
    case("stance-told",
         "The commander told reporters that his brigade had retaken the village on Wednesday.",
         "told", "neutral", times=[("on Wednesday", "2022-05-18", "2022-05-18")]),
    case("stance-claimed",
         "Separatist leaders claimed that Ukrainian artillery had shelled a school in Donetsk on Monday.",
         "claimed", "distancing", times=[("on Monday", "2022-05-16", "2022-05-16")]),
    case("stance-alleged",
         "Prosecutors alleged that the colonel had sold fuel from army depots.",
         "alleged", "distancing"),
    case("stance-according-to",
         "According to the regional governor, three civilians were wounded in the strike.",
         "According to", "distancing", numbers=[(3, 3, "exact", "civilians", "wounded")]),
    case("stance-insisted",
         "The spokesman insisted that the army had not targeted the hospital.",
         "insisted", "distancing", polarity="negative"),
    case("stance-confirmed",
         "The Pentagon confirmed that two U.S. soldiers were injured in the rocket attack.",
         "confirmed", "committing", numbers=[(2, 2, "exact", "U.S. soldiers", "injured")]),
    case("stance-acknowledged",
         "The army acknowledged that its troops had withdrawn from the village.",
         "acknowledged", "committing"),
    case("stance-revealed",
         "The defence minister revealed that the navy had ordered four new frigates.",
         "revealed", "committing", numbers=[(4, 4, "exact", "new frigates", "ordered")]),
    case("stance-admitted",
         "The ministry admitted that the radar had been switched off during the attack.",
         "admitted", "committing"),
    case("stance-denied",  # a denial asserts the negation; its content itself is positive
         "Moscow denied that its aircraft had violated Estonian airspace.",
         "denied", "negating", conflicts=[]),
    case("stance-rejected",
         "The ministry rejected claims that the missile had been fired from its territory.",
         "rejected", "negating", conflicts=[("rejected", "claims", "dispute marker")]),
    case("stance-disputed",
         "The company disputed that its drones had been sold to the army.",
         "disputed", "negating"),
    case("stance-dismissed-reports",
         "The Kremlin dismissed reports that the general had been arrested.",
         "dismissed", "negating", conflicts=[("dismissed", "reports", "dispute marker")]),
    case("stance-believe",
         "Western officials believe the general was dismissed last week.",
         "believe", "belief", times=[("last week", "2022-05-09", "2022-05-15")]),
    case("stance-fears",
         "The mayor fears that the dam could burst.",
         "fears", "belief", **hedge("could", None, None)),
    case("stance-estimated",
         "The UN estimated that 1.2 million people had fled the region.",
         "estimated", "assessment", numbers=[(1_200_000, 1_200_000, "exact", "people", "fled")]),
    case("stance-warned",
         "The International Atomic Energy Agency warned that the plant's cooling system could fail.",
         "warned", "warning", **hedge("could", None, None)),
    case("stance-predicted",
         "Analysts predicted that the offensive would stall in the coming months.",
         "predicted", "warning", times=[("in the coming months", None, None)]),
    # ---------------------------------------------------------------- statement times
    case("said-thursday",
         "The Finnish defence ministry said Thursday that a Russian helicopter had entered its airspace.",
         "said", "neutral", published=FRI, said=("2023-03-09", "2023-03-09")),
    case("said-thursday-publication-day",
         "The Polish army said Thursday that it had moved two brigades to the eastern border.",
         "said", "neutral", said=("2022-05-19", "2022-05-19"), numbers=[(2, 2, "exact", "brigades", "moved")]),
    case("said-claimed-earlier-this-month",
         "Wagner commanders claimed earlier this month that their fighters had surrounded the town.",
         "claimed", "distancing", published=FRI, said=("2023-03-01", "2023-03-09")),
    case("said-last-week",
         "The navy said last week that the submarine had completed its sea trials.",
         "said", "neutral", published=FRI, said=("2023-02-27", "2023-03-05")),
    case("said-on-monday",
         "The ministry announced on Monday that conscripts would no longer be sent abroad.",
         "announced", "neutral", published=WED, said=("2024-11-04", "2024-11-04"), polarity="negative"),
    case("said-in-statement-on-may-3",
         "In a statement on May 3, the coast guard said the tanker had run aground.",
         "said", "neutral", said=("2022-05-03", "2022-05-03")),
    case("said-in-statement-on-may-3-after-cue",
         "The coast guard said in a statement on May 3 that the tanker had run aground.",
         "said", "neutral", said=("2022-05-03", "2022-05-03")),
    case("said-statement-released-on-friday",
         "In a statement released on Friday, the ministry said the drills had ended.",
         "said", "neutral", published=FRI, said=("2023-03-10", "2023-03-10")),
    case("said-yesterday",
         "Georgian officials said yesterday that the pipeline had been repaired.",
         "said", "neutral", published=WED, said=("2024-11-05", "2024-11-05")),
    case("said-last-month",  # a month keeps its granularity (TIMEX3)
         "The defence minister said last month that the air force would receive 12 new fighter jets.",
         "said", "neutral", published=WED, said=("2024-10", "2024-10"),
         numbers=[(12, 12, "exact", "new fighter jets", "received")]),
    case("said-in-recent-days-unresolved",
         "Israeli officials have said in recent days that the operation would end soon.",
         "said", "neutral", published=WED, said="unresolved"),
    case("said-friday-content-monday",  # the statement's time, not the content's
         "The ministry said on Friday that talks with the rebels would resume on Monday.",
         "said", "neutral", published=FRI, said=("2023-03-10", "2023-03-10"),
         times=[("on Monday", "2023-03-13", "2023-03-13")]),
    case("said-told-tuesday-content-next-week",
         "A senior commander told reporters on Tuesday that the brigade would be rotated out next week.",
         "told", "neutral", published=WED, said=("2024-11-05", "2024-11-05"),
         times=[("next week", "2024-11-11", "2024-11-17")]),
    case("said-wednesday-overnight",  # "overnight" has no calendar value of its own: kept as text
         "Ukraine's military said Wednesday that 21 drones had been shot down overnight.",
         "said", "neutral", published=FRI, said=("2023-03-08", "2023-03-08"),
         times=[("overnight", None, None)], numbers=[(21, 21, "exact", "drones", "shot down", (None, None))]),
    case("said-speaking-on-tuesday",  # a participle clause on the subject dates the statement
         "Speaking on Tuesday, the minister said the border would stay closed.",
         "said", "neutral", said=("2022-05-17", "2022-05-17")),
    case("said-told-state-television-sunday",
         "The general told state television on Sunday that his troops had crossed the river.",
         "told", "neutral", said=("2022-05-15", "2022-05-15")),
    case("said-late-on-wednesday",
         "The ministry's spokesman said late on Wednesday that the fire had been put out.",
         "said", "neutral", said=("2022-05-18", "2022-05-18")),
    case("said-reported-on-april-28",
         "The agency reported on April 28 that the reactor had been shut down.",
         "reported", "neutral", said=("2022-04-28", "2022-04-28")),
    case("said-claimed-last-week",
         "Russia's defence ministry claimed last week that it had destroyed a U.S.-supplied howitzer.",
         "claimed", "distancing", said=("2022-05-09", "2022-05-15")),
    case("said-none",
         "The governor said the evacuation of the riverside districts had been completed.",
         "said", "neutral"),
    # ---------------------------------------------------------------- content times
    case("times-in-2021",
         "The army said the air base was built in 2021.",
         "said", "neutral", published=WED, times=[("in 2021", "2021", "2021")]),
    case("times-between-months",
         "Officials said the bridge was closed to traffic between March and May.",
         "said", "neutral", published=WED, times=[("between March and May", "2024-03", "2024-05")]),
    case("times-for-three-months",  # a duration, not a point
         "The ministry said the curfew would remain in force for three months.",
         "said", "neutral", times=[("for three months", None, None)]),
    case("times-by-end-of-year",
         "NATO said it would deliver the tanks by the end of the year.",
         "said", "neutral", published=WED, times=[("by the end of the year", None, "2024")]),
    case("times-in-month-year",
         "The general said the offensive began in May 2023.",
         "said", "neutral", published=WED, times=[("in May 2023", "2023-05", "2023-05")]),
    case("times-last-year",
         "The ministry said the power station had been shelled last year.",
         "said", "neutral", published=WED, times=[("last year", "2023", "2023")]),
    case("times-future-after-modal",  # "could reach ... by Friday" looks ahead: the coming Friday
         "The coast guard said the oil slick could reach the shore by Friday.",
         "said", "neutral", **hedge("could", None, None), times=[("by Friday", None, "2022-05-20")]),
    # ---------------------------------------------------------------- numbers
    case("numbers-more-than-since",
         "Ukrainian officials said more than 4,500 Russian soldiers had been killed since February.",
         "said", "neutral", times=[("since February", "2022-02", None)],
         numbers=[(4500, None, "more_than", "Russian soldiers", "killed", ("2022-02", None))]),
    case("numbers-over",
         "The general staff said over 16,000 Russian troops had been killed near Bakhmut.",
         "said", "neutral", published=FRI, numbers=[(16000, None, "more_than", "Russian troops", "killed")]),
    case("numbers-between",
         "The UN refugee agency said between 200 and 300 families had fled the town last week.",
         "said", "neutral", times=[("last week", "2022-05-09", "2022-05-15")],
         numbers=[(200, 300, "range", "families", "fled", ("2022-05-09", "2022-05-15"))]),
    case("numbers-nearly",
         "Local authorities said nearly 1,000 buildings were damaged in the shelling.",
         "said", "neutral", numbers=[(None, 1000, "less_than", "buildings", "damaged")]),
    case("numbers-tens-of-thousands",
         "The interior ministry said tens of thousands of residents were evacuated in March.",
         "said", "neutral", times=[("in March", "2022-03", "2022-03")],
         numbers=[(10000, 99999, "order_of_magnitude", "residents", "evacuated", ("2022-03", "2022-03"))]),
    case("numbers-written-three",
         "The coast guard said three fishermen were rescued on Sunday.",
         "said", "neutral", times=[("on Sunday", "2022-05-15", "2022-05-15")],
         numbers=[(3, 3, "exact", "fishermen", "rescued", ("2022-05-15", "2022-05-15"))]),
    case("numbers-at-least",
         "Officials said at least 12 people were killed when a shell hit the market.",
         "said", "neutral", numbers=[(12, None, "at_least", "people", "killed")]),
    case("numbers-about",
         "The army said it had destroyed about 40 armoured vehicles.",
         "said", "neutral", numbers=[(40, 40, "about", "armoured vehicles", "destroyed")]),
    case("numbers-up-to",
         "Military analysts estimated that up to 500 drones had been delivered.",
         "estimated", "assessment", numbers=[(None, 500, "at_most", "drones", "delivered")]),
    case("numbers-hundreds-of",
         "Hospital officials said hundreds of wounded soldiers had been treated.",
         "said", "neutral", numbers=[(200, 999, "order_of_magnitude", "wounded soldiers", "treated")]),
    case("numbers-two-dozen",
         "The navy said two dozen sailors were captured.",
         "said", "neutral", numbers=[(24, 24, "exact", "sailors", "captured")]),
    case("numbers-range-to",
         "Officials said 30 to 40 houses were burned.",
         "said", "neutral", numbers=[(30, 40, "range", "houses", "burned")]),
    case("numbers-two-quantities",
         "The army said 14 drones and three cruise missiles were shot down on Tuesday.",
         "said", "neutral", times=[("on Tuesday", "2022-05-17", "2022-05-17")],
         numbers=[(14, 14, "exact", "drones", "shot down"), (3, 3, "exact", "cruise missiles", "shot down")]),
    case("numbers-including",  # the children are among those killed
         "An official said the strike killed 11 people, including three children.",
         "said", "neutral",
         numbers=[(11, 11, "exact", "people", "killed"), (3, 3, "exact", "children", "killed")]),
    case("numbers-surrendered-on-saturday",
         "The Russian defence ministry said 23 Ukrainian servicemen had surrendered on Saturday.",
         "said", "neutral", times=[("on Saturday", "2022-05-14", "2022-05-14")],
         numbers=[(23, 23, "exact", "Ukrainian servicemen", "surrendered", ("2022-05-14", "2022-05-14"))]),
    case("numbers-evacuated-last-month",
         "The governor said 2,500 people were evacuated from the town last month.",
         "said", "neutral", times=[("last month", "2022-04", "2022-04")],
         numbers=[(2500, 2500, "exact", "people", "evacuated", ("2022-04", "2022-04"))]),
    case("numbers-some",
         "Officials said some 400 civilians were sheltering in the steel plant.",
         "said", "neutral", numbers=[(400, 400, "about", "civilians", "sheltered")]),
    case("numbers-roughly-future-month",
         "The ministry said roughly 3,000 reservists would be called up in June.",
         "said", "neutral", times=[("in June", "2022-06", "2022-06")],
         numbers=[(3000, 3000, "about", "reservists", "called up", ("2022-06", "2022-06"))]),
    case("numbers-phrasal-event-active",
         "The air force said it had shot down 12 drones.",
         "said", "neutral", numbers=[(12, 12, "exact", "drones", "shot down")]),
    case("numbers-blew-up",
         "Ukrainian forces blew up three bridges, the general staff said.",
         "said", "neutral", numbers=[(3, 3, "exact", "bridges", "blown up")]),
    case("numbers-none",  # an ordinal and a model name are not quantities
         "The army said its second brigade had reached the F-16 base.",
         "said", "neutral"),
    # ---------------------------------------------------------------- polarity
    case("polarity-no-civilians",
         "The ministry said no civilians were hurt in the strike.",
         "said", "neutral", polarity="negative"),
    case("polarity-not",
         "The army said its troops had not crossed the border.",
         "said", "neutral", polarity="negative"),
    case("polarity-never",
         "The navy said the submarine never left port.",
         "said", "neutral", polarity="negative"),
    case("polarity-nobody",
         "Police said nobody was injured in the blast.",
         "said", "neutral", polarity="negative"),
    case("polarity-no-longer",
         "The governor said the bridge was no longer usable.",
         "said", "neutral", polarity="negative"),
    case("polarity-quote-contraction",
         '"We haven\'t lost a single position," the commander said.',
         "said", "neutral", polarity="negative"),
    case("polarity-relative-clause",  # the negation is in a relative clause, not the main predicate
         "Officials said the soldiers who did not surrender were taken prisoner.",
         "said", "neutral"),
    case("polarity-conditional",
         "The minister said that if no deal is reached, the strikes will continue.",
         "said", "neutral"),
    case("polarity-positive",
         "The navy said the frigate had returned to port.",
         "said", "neutral"),
    # ---------------------------------------------------------------- conflicts
    case("conflict-despite-claims",
         "The ministry said the convoy had reached Kherson, despite claims from local officials that "
         "the road was blocked.",
         "said", "neutral", conflicts=[("said", "claims", "dispute marker")]),
    case("conflict-denied-reports",
         "The navy denied reports that the destroyer had been damaged by a mine.",
         "denied", "negating", conflicts=[("denied", "reports", "dispute marker")]),
    case("conflict-fronted-despite-claims",
         "Despite claims from Russian officials that the ship sank in a storm, the Ukrainian navy said "
         "it was struck by missiles.",
         "said", "neutral", conflicts=[("claims", "said", "dispute marker")]),
    case("conflict-opposite-polarity",
         "Ukrainian officials said the bridge at Zatoka was destroyed. Russian officials said the bridge "
         "at Zatoka was not destroyed.",
         "said@2", "neutral", polarity="negative", conflicts=[("said@1", "said@2", "opposite polarity")]),
    case("conflict-denial-against-claim",
         "The Ukrainian air force said it shot down a Russian drone over Odesa. The Russian defence "
         "ministry denied that its drone was shot down over Odesa.",
         "denied", "negating", conflicts=[("said", "denied", "opposite polarity")]),
    case("conflict-incompatible-numbers",
         "Kyiv said 40 Russian tanks were destroyed near the river. Moscow said only 12 tanks were destroyed.",
         "said@1", "neutral", numbers=[(40, 40, "exact", "Russian tanks", "destroyed")],
         conflicts=[("said@1", "said@2", "incompatible numbers")]),
    case("conflict-incompatible-bounds",
         "The UN said at least 300 civilians were killed in the siege. The regional governor said about "
         "50 civilians were killed.",
         "said@2", "neutral", numbers=[(50, 50, "about", "civilians", "killed")],
         conflicts=[("said@1", "said@2", "incompatible numbers")]),
    case("conflict-opposite-outcome",
         "State television said the general had kept his post. Opposition outlets reported that the "
         "general had been removed from his post.",
         "reported", "neutral", conflicts=[("said", "reported", "opposite outcome")]),
    case("conflict-opposite-polarity-fallen",
         "The army said the town had fallen. The mayor said the town had not fallen.",
         "said@1", "neutral", conflicts=[("said@1", "said@2", "opposite polarity")]),
    case("conflict-denied-capture",
         "Moscow said its forces had captured the village. Kyiv denied that the village had been captured.",
         "denied", "negating", conflicts=[("said", "denied", "opposite polarity")]),
    case("conflict-numbers-at-least",
         "The ministry said 300 soldiers had been killed. Independent monitors said at least 1,200 soldiers "
         "had been killed.",
         "said@2", "neutral", numbers=[(1200, None, "at_least", "soldiers", "killed")],
         conflicts=[("said@1", "said@2", "incompatible numbers")]),
    case("no-conflict-compatible-numbers",
         "Kyiv said about 40 tanks were destroyed on Tuesday. Western officials said more than 35 tanks "
         "were destroyed on Tuesday.",
         "said@2", "neutral", times=[("on Tuesday", "2022-05-17", "2022-05-17")],
         numbers=[(35, None, "more_than", "tanks", "destroyed", ("2022-05-17", "2022-05-17"))],
         conflicts=[]),
    case("no-conflict-agreement",
         "Ukrainian officials said the bridge was destroyed. Western officials said the bridge was destroyed.",
         "said@1", "neutral", conflicts=[]),
    case("no-conflict-hedged-agreement",
         "Ukraine said the bridge was destroyed. Russian officials said the bridge was probably destroyed.",
         "said@2", "neutral", **hedge("probable", (55, 80), ICD, interpreted=True), conflicts=[]),
    case("no-conflict-different-topics",
         "The army said the bridge was destroyed. The mayor said no civilians were hurt.",
         "said@2", "neutral", polarity="negative", conflicts=[]),
    case("no-conflict-different-counts",
         "Kyiv said 40 tanks were destroyed. Moscow said 12 helicopters were shot down.",
         "said@2", "neutral", numbers=[(12, 12, "exact", "helicopters", "shot down")], conflicts=[]),
    case("no-conflict-different-places",
         "Kyiv said its troops had not crossed the river. Moscow said Ukrainian troops had crossed the border.",
         "said@1", "neutral", polarity="negative", conflicts=[]),
    case("no-conflict-unable-to-verify",  # leaving a claim open is not contradicting it
         "The governor said the shelling had stopped. The mayor said he was unable to verify that the "
         "shelling had stopped.",
         "said@2", "neutral", **undetermined("not verified"), conflicts=[]),
    case("no-conflict-despite-weather",  # "despite" here sets no claim against another
         "The minister said the talks would go ahead despite the storm.",
         "said", "neutral", conflicts=[]),
    case("no-conflict-investigating-reports",  # looking into a report is not disputing it
         "The ministry said it was investigating reports that the convoy had been ambushed.",
         "said", "neutral", conflicts=[]),
]

# Cases where the program disagrees with a correct expectation: {case id: reason}.
KNOWN_FAILURES: dict[str, str] = {}


# ---------------------------------------------------------------------------- lookup

_NTH = re.compile(r"^(.*)@(\d+)$")


def find_attribution(report: Report, cue: str) -> Attribution | None:
    """The attribution named by ``cue``: its cue text equals ``cue`` or holds it as whole words
    ("claimed" names the cue "had claimed"); ``"said@2"`` is the second such, in text order."""
    m = _NTH.match(cue)
    word, nth = (m.group(1), int(m.group(2))) if m else (cue, 1)
    pattern = re.compile(rf"(?<!\w){re.escape(word.lower())}(?!\w)")
    found = [a for a in report.attributions if a.cue is not None and pattern.search(a.cue.text.lower())]
    found.sort(key=lambda a: a.cue.start if a.cue is not None else -1)
    return found[nth - 1] if len(found) >= nth else None


def observed(a: Attribution) -> dict[str, Any]:
    """The fields of ``a`` in the form ``Case.expect`` writes them."""
    c = a.certainty
    said: Any = None
    if a.said_at is not None:
        said = (a.said_at.begin, a.said_at.until) if a.said_at.resolved else "unresolved"
    return {
        "stance": a.stance.cls if a.stance else None,
        "source_asserts": a.stance.source_asserts if a.stance else None,
        "status": c.status if c else None,
        "term": c.term if c else None,
        "direction": c.direction if c else None,
        "band": (c.low, c.high) if c and c.low is not None else None,
        "scale": c.scale if c else None,
        "interpreted": c.interpreted if c else None,
        "confidence": c.confidence if c else None,
        "said": said,
        "times": [(t.text, t.begin, t.until) for t in a.times],
        "numbers": [
            (q.low, q.high, q.relation, q.counted, q.event,
             (q.time.begin, q.time.until) if q.time is not None else None)
            for q in a.numbers
        ],
        "polarity": a.polarity,
    }


def number_matches(expected: Sequence[Any], got: Sequence[Any]) -> bool:
    """Whether an observed quantity tuple matches an expected one (the time only when given)."""
    return tuple(expected[:5]) == tuple(got[:5]) and (len(expected) < 6 or tuple(expected[5]) == got[5])


def observed_conflicts(report: Report) -> list[tuple[tuple[int, int], str]]:
    """The report's conflicts as ``((id_a, id_b), reason)``, ``id_a < id_b``, sorted."""
    return sorted(((min(k.a.id, k.b.id), max(k.a.id, k.b.id)), k.reason) for k in report.conflicts)


def expected_conflicts(report: Report, case: Case) -> list[tuple[tuple[int, int] | None, str]]:
    """``case.conflicts`` as ``((id_a, id_b), reason)``, each cue replaced by its attribution's id;
    the pair is None when either cue names no attribution of the report."""
    out: list[tuple[tuple[int, int] | None, str]] = []
    for cue_a, cue_b, reason in case.conflicts or ():
        a, b = find_attribution(report, cue_a), find_attribution(report, cue_b)
        pair = None if a is None or b is None else (min(a.id, b.id), max(a.id, b.id))
        out.append((pair, reason))
    return sorted(out, key=lambda k: (k[0] or (-1, -1), k[1]))
