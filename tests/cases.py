"""Hand-written test cases for the attribution extractor.

Every sentence here was written for this project; none comes from a real
article. The cases are grouped by construction, and each group shares an id
prefix (``direct-after-``, ``indirect-that-``, ``none-`` and so on).

``CASES``
    A list of ``(id, text, expected)``. ``expected`` is a list of
    ``(source, cue, content)`` triples, in text order of the cue (outer
    attribution before inner one when they are nested). An empty list means the
    text must produce NO attribution at all.

``RESOLUTION_CASES``
    A list of ``(id, text, source_as_written, resolved_to)``: the source mention
    in ``text`` (a pronoun, "the ministry", "the official", a bare surname)
    and the earlier mention it refers back to.

``UNNAMED_CASES``
    A list of ``(id, text, source_as_written)`` whose source is an unnamed or
    anonymous one ("officials", "a person familiar with the matter", "reports").

Span conventions (following PolNeAR, the annotation scheme the project trains
on):

* Every string is an exact substring of its ``text``. Matching is meant to be
  on the text of a span, not on offsets: a short string such as ``"he"`` may
  also occur inside other words ("the", "she"); the intended occurrence is the
  whole-word one that plays the role.
* **source** is the whole noun phrase, titles included ("Defence Minister
  Helena Marsh", "a person familiar with the matter"). A possessive source
  drops the "'s" ("The minister" in "The minister's assertion that ...").
  A pronoun stays a pronoun as written ("She"); resolving it is the job of
  ``RESOLUTION_CASES``. ``None`` means there is no source in the text
  ("It was reported that ...").
* **cue** is the reporting word or words together with auxiliaries and any
  adverb inside the verb group ("has said", "have repeatedly said",
  "was quoted as saying", "According to"). Objects such as "reporters" in
  "told reporters" and time expressions such as "on Monday" are not part of
  the cue. A colon right after the verb is part of the cue ("said:"), as
  PolNeAR marks it (222 of 240 such cues in PolNeAR train). A noun cue is the
  noun alone ("Claims", "assertion", "statement").
  ``None`` marks a continuation quote, which has no cue of its own.
* **content** is the whole attributed clause or quotation.
  - Direct quotes include their quotation marks and the punctuation inside
    them: ``'"We will hold the line,"'``.
  - Indirect speech includes the complementiser "that" when present and
    excludes the sentence-final full stop; when the content comes before the
    cue, the comma separating it from the cue is excluded.
  - Mixed quotes (indirect speech with a quoted fragment) run to the end of
    the clause; punctuation inside the closing quotation mark belongs to the
    content, punctuation outside it does not.
  - A quote that runs over two paragraphs is one contiguous span, from the
    opening mark of the first paragraph to the closing mark of the last one,
    including the newline and the re-opening mark between them.
  - A quote split by its cue ("...," she said, "...") is discontinuous: its
    content is a TUPLE of the segments, in text order. ``span_text`` joins the
    segments with " … ", the way ``reportedly.types.TextSpan.text`` does.
* A continuation quote (a second quote in the same paragraph with no cue of
  its own) has ``cue=None`` and repeats, as its source, the source mention of
  the quote it continues.
"""
from __future__ import annotations

from typing import Optional, Tuple, Union

Content = Union[str, Tuple[str, ...]]
Triple = Tuple[Optional[str], Optional[str], Content]


def segments(content: Content) -> Tuple[str, ...]:
    """The content as a tuple of segments (one segment unless split)."""
    return content if isinstance(content, tuple) else (content,)


def span_text(content: Content) -> str:
    """The content as ``TextSpan.text`` renders it."""
    return " … ".join(segments(content))


CASES: list[tuple[str, str, list[Triple]]] = [
    # ------------------------------------------------------------------
    # Direct quote, cue after the quote
    # ------------------------------------------------------------------
    (
        "direct-after-ministry",
        '"The convoy will sail at first light," the ministry said.',
        [("the ministry", "said", '"The convoy will sail at first light,"')],
    ),
    (
        "direct-after-curly-titled",
        "“We have no intention of withdrawing,” Admiral Tomas Brekke said.",
        [("Admiral Tomas Brekke", "said", "“We have no intention of withdrawing,”")],
    ),
    (
        "direct-after-inverted",
        '"The harbour is closed until further notice," said the port authority.',
        [("the port authority", "said", '"The harbour is closed until further notice,"')],
    ),
    (
        "direct-after-question",
        '"Who authorised the flight?" the senator asked.',
        [("the senator", "asked", '"Who authorised the flight?"')],
    ),
    (
        "direct-after-auxiliary",
        '"No decision has been taken," a Pentagon spokesperson has said.',
        [("a Pentagon spokesperson", "has said", '"No decision has been taken,"')],
    ),
    (
        "direct-after-time",
        "“Repairs are ahead of schedule,” the shipyard said on Monday.",
        [("the shipyard", "said", "“Repairs are ahead of schedule,”")],
    ),
    (
        "direct-after-told",
        '"We are ready to escort any vessel that asks," Commodore Lena Voss told reporters.',
        [("Commodore Lena Voss", "told", '"We are ready to escort any vessel that asks,"')],
    ),
    # ------------------------------------------------------------------
    # Direct quote, cue before the quote
    # ------------------------------------------------------------------
    (
        "direct-before-colon",
        'Defence Minister Helena Marsh said: "We will not be drawn into a contest of nerves."',
        [("Defence Minister Helena Marsh", "said:", '"We will not be drawn into a contest of nerves."')],
    ),
    (
        "direct-before-added-curly",
        "The coastguard added: “Two crew members remain unaccounted for.”",
        [("The coastguard", "added:", "“Two crew members remain unaccounted for.”")],
    ),
    (
        "direct-before-organisation",
        'In a statement, NATO said: "Allied ships will continue to operate in international waters."',
        [("NATO", "said:", '"Allied ships will continue to operate in international waters."')],
    ),
    (
        "direct-before-told",
        'Captain Omar Feld told the inquiry: "The radar was working normally that night."',
        [("Captain Omar Feld", "told", '"The radar was working normally that night."')],
    ),
    (
        "direct-before-auxiliary",
        'The Pentagon has said: "There is no change to our force posture."',
        [("The Pentagon", "has said:", '"There is no change to our force posture."')],
    ),
    # ------------------------------------------------------------------
    # Direct quote split by the cue (discontinuous content)
    # ------------------------------------------------------------------
    (
        "direct-split-pronoun",
        '"We are watching closely," she said, "but there is no cause for alarm."',
        [("she", "said", ('"We are watching closely,"', '"but there is no cause for alarm."'))],
    ),
    (
        "direct-split-curly",
        "“The cable was cut deliberately,” the investigator said, “and we intend to find out by whom.”",
        [
            (
                "the investigator",
                "said",
                ("“The cable was cut deliberately,”", "“and we intend to find out by whom.”"),
            )
        ],
    ),
    (
        "direct-split-inverted",
        '"If the talks fail," said Admiral Brekke, "we will have to reconsider our options."',
        [
            (
                "Admiral Brekke",
                "said",
                ('"If the talks fail,"', '"we will have to reconsider our options."'),
            )
        ],
    ),
    # ------------------------------------------------------------------
    # Direct quote of more than one sentence (one span)
    # ------------------------------------------------------------------
    (
        "direct-multi-sentence-after",
        '"The channel is open again. Traffic should return to normal by the weekend," the harbourmaster said.',
        [
            (
                "the harbourmaster",
                "said",
                '"The channel is open again. Traffic should return to normal by the weekend,"',
            )
        ],
    ),
    (
        "direct-multi-sentence-before",
        'The ministry said: "Three vessels were inspected. None was carrying military cargo."',
        [("The ministry", "said:", '"Three vessels were inspected. None was carrying military cargo."')],
    ),
    (
        "direct-multi-sentence-curly",
        "“We do not comment on submarine movements. We never have,” a navy spokesperson said.",
        [
            (
                "a navy spokesperson",
                "said",
                "“We do not comment on submarine movements. We never have,”",
            )
        ],
    ),
    (
        "direct-multi-sentence-two-paragraphs",
        'Brekke told the committee: "We asked every partner for patience while the survey was completed.\n'
        '"Nobody here wants the closure to last a day longer than it has to."',
        [
            (
                "Brekke",
                "told",
                '"We asked every partner for patience while the survey was completed.\n'
                '"Nobody here wants the closure to last a day longer than it has to."',
            )
        ],
    ),
    # ------------------------------------------------------------------
    # Continuation quote: a second quote in the paragraph with no cue
    # ------------------------------------------------------------------
    (
        "continuation-pronoun",
        '"There is a limit to our patience," he said. "That limit has not yet been reached."',
        [
            ("he", "said", '"There is a limit to our patience,"'),
            ("he", None, '"That limit has not yet been reached."'),
        ],
    ),
    (
        "continuation-named-curly",
        "“The port is secure,” Commodore Voss said. “Our divers have checked every berth.”",
        [
            ("Commodore Voss", "said", "“The port is secure,”"),
            ("Commodore Voss", None, "“Our divers have checked every berth.”"),
        ],
    ),
    (
        "continuation-description",
        '"We lost contact at 02:14," the operator said. "By dawn the vessel had vanished from every screen."',
        [
            ("the operator", "said", '"We lost contact at 02:14,"'),
            ("the operator", None, '"By dawn the vessel had vanished from every screen."'),
        ],
    ),
    # ------------------------------------------------------------------
    # Indirect speech with "that"
    # ------------------------------------------------------------------
    (
        "indirect-that-said",
        "The ministry said that three frigates had left port.",
        [("The ministry", "said", "that three frigates had left port")],
    ),
    (
        "indirect-that-told",
        "Admiral Brekke told reporters that the exercise would go ahead as planned.",
        [("Admiral Brekke", "told", "that the exercise would go ahead as planned")],
    ),
    (
        "indirect-that-warned",
        "NATO has warned that further incidents are likely.",
        [("NATO", "has warned", "that further incidents are likely")],
    ),
    (
        "indirect-that-denial",
        "The Kremlin denied that any of its aircraft had entered Estonian airspace.",
        [("The Kremlin", "denied", "that any of its aircraft had entered Estonian airspace")],
    ),
    (
        "indirect-that-confirmed",
        "Port officials confirmed that the tanker had been detained.",
        [("Port officials", "confirmed", "that the tanker had been detained")],
    ),
    (
        "indirect-that-document",
        "The report concluded that the collision could have been avoided.",
        [("The report", "concluded", "that the collision could have been avoided")],
    ),
    (
        "indirect-that-insisted",
        "Defence Minister Helena Marsh has insisted that the budget is sufficient.",
        [("Defence Minister Helena Marsh", "has insisted", "that the budget is sufficient")],
    ),
    # ------------------------------------------------------------------
    # Indirect speech without "that"
    # ------------------------------------------------------------------
    (
        "indirect-nothat-said",
        "The coastguard said the missing crew had been found alive.",
        [("The coastguard", "said", "the missing crew had been found alive")],
    ),
    (
        "indirect-nothat-titled",
        "Commodore Lena Voss said her ships would remain in the area.",
        [("Commodore Lena Voss", "said", "her ships would remain in the area")],
    ),
    (
        "indirect-nothat-adverb",
        "Officials have repeatedly said the blockade cannot last.",
        [("Officials", "have repeatedly said", "the blockade cannot last")],
    ),
    (
        "indirect-nothat-acknowledged",
        "The Pentagon acknowledged two drones had been lost.",
        [("The Pentagon", "acknowledged", "two drones had been lost")],
    ),
    (
        "indirect-nothat-number",
        "Finnish border guards reported more than 300 people had crossed in a single week.",
        [("Finnish border guards", "reported", "more than 300 people had crossed in a single week")],
    ),
    # ------------------------------------------------------------------
    # Indirect speech, content before the cue
    # ------------------------------------------------------------------
    (
        "indirect-content-first-time",
        "The strait will reopen within days, officials said Tuesday.",
        [("officials", "said", "The strait will reopen within days")],
    ),
    (
        "indirect-content-first-navy",
        "Two patrol boats were damaged in the storm, the navy said.",
        [("the navy", "said", "Two patrol boats were damaged in the storm")],
    ),
    (
        "indirect-content-first-told",
        "Supplies are running short at the forward base, a senior officer told the BBC.",
        [("a senior officer", "told", "Supplies are running short at the forward base")],
    ),
    (
        "indirect-content-first-insisted",
        "The drills had been planned for months, the ministry insisted.",
        [("the ministry", "insisted", "The drills had been planned for months")],
    ),
    (
        "indirect-content-first-inverted",
        "The frigate was never in danger, said the admiral.",
        [("the admiral", "said", "The frigate was never in danger")],
    ),
    # ------------------------------------------------------------------
    # Indirect speech with a time expression next to the cue
    # ------------------------------------------------------------------
    (
        "indirect-time-bare-day",
        "Marsh said Thursday the deployment would end in May.",
        [("Marsh", "said", "the deployment would end in May")],
    ),
    (
        "indirect-time-on-day",
        "The Pentagon said on Monday that it had no plans to send more ships.",
        [("The Pentagon", "said", "that it had no plans to send more ships")],
    ),
    (
        "indirect-time-last-week",
        "Estonian officials said last week the fence would be finished by summer.",
        [("Estonian officials", "said", "the fence would be finished by summer")],
    ),
    (
        "indirect-time-earlier-this-month",
        "Admiral Brekke said earlier this month that the fleet was at full strength.",
        [("Admiral Brekke", "said", "that the fleet was at full strength")],
    ),
    # ------------------------------------------------------------------
    # Mixed quotes: indirect speech with a quoted fragment
    # ------------------------------------------------------------------
    (
        "mixed-fragment-end",
        'Marsh said the manoeuvre had been "reckless and entirely avoidable".',
        [("Marsh", "said", 'the manoeuvre had been "reckless and entirely avoidable"')],
    ),
    (
        "mixed-period-inside",
        'The ministry claimed the repairs had been "rushed to meet a political deadline."',
        [("The ministry", "claimed", 'the repairs had been "rushed to meet a political deadline."')],
    ),
    (
        "mixed-estimative-fragment",
        'Analysts said it was "highly likely" that the convoy had turned back.',
        [("Analysts", "said", 'it was "highly likely" that the convoy had turned back')],
    ),
    (
        "mixed-that-curly",
        "The admiral warned that the sea lanes were “no longer safe for civilian traffic”.",
        [("The admiral", "warned", "that the sea lanes were “no longer safe for civilian traffic”")],
    ),
    # ------------------------------------------------------------------
    # "according to"
    # ------------------------------------------------------------------
    (
        "according-to-after",
        "The ferry was carrying 240 passengers, according to the coastguard.",
        [("the coastguard", "according to", "The ferry was carrying 240 passengers")],
    ),
    (
        "according-to-before",
        "According to a NATO official, the jets were scrambled twice on Sunday.",
        [("a NATO official", "According to", "the jets were scrambled twice on Sunday")],
    ),
    (
        "according-to-document",
        "Three warships remained in the bay on Friday, according to satellite images.",
        [("satellite images", "according to", "Three warships remained in the bay on Friday")],
    ),
    # ------------------------------------------------------------------
    # "quoted as saying"
    # ------------------------------------------------------------------
    (
        "quoted-as-saying-that",
        'Marsh was quoted as saying that the navy had "no ships to spare".',
        [("Marsh", "was quoted as saying", 'that the navy had "no ships to spare"')],
    ),
    (
        "quoted-as-saying-nothat",
        'Brekke was quoted as saying the talks had been "constructive".',
        [("Brekke", "was quoted as saying", 'the talks had been "constructive"')],
    ),
    (
        "quoted-as-saying-unnamed",
        'A senior Iranian commander was quoted as saying his forces would "respond to any provocation".',
        [
            (
                "A senior Iranian commander",
                "was quoted as saying",
                'his forces would "respond to any provocation"',
            )
        ],
    ),
    # ------------------------------------------------------------------
    # Passive / impersonal: no source in the text
    # ------------------------------------------------------------------
    (
        "passive-reported",
        "It was reported that the submarine had returned to port.",
        [(None, "was reported", "that the submarine had returned to port")],
    ),
    (
        "passive-claimed",
        "It has been claimed that the radar station was never operational.",
        [(None, "has been claimed", "that the radar station was never operational")],
    ),
    (
        "passive-announced-time",
        "It was announced on Tuesday that the exercise would be postponed.",
        [(None, "was announced", "that the exercise would be postponed")],
    ),
    (
        "passive-understood",
        "It is understood that the two navies have agreed to set up a hotline.",
        [(None, "is understood", "that the two navies have agreed to set up a hotline")],
    ),
    # ------------------------------------------------------------------
    # Noun cues: "claims from X that", "X's assertion that", "a statement by X"
    # ------------------------------------------------------------------
    (
        "noun-cue-claims-from",
        "Claims from fishermen that warning shots had been fired could not be verified.",
        [("fishermen", "Claims", "that warning shots had been fired")],
    ),
    (
        "noun-cue-possessive-assertion",
        "The minister's assertion that the fleet was ready drew sharp criticism.",
        [("The minister", "assertion", "that the fleet was ready")],
    ),
    (
        "noun-cue-statement-by",
        "A statement by the coastguard that all crew were safe was issued shortly after midnight.",
        [("the coastguard", "statement", "that all crew were safe")],
    ),
    (
        "noun-cue-possessive-denial",
        "Moscow's denial that its ships were involved did little to calm the markets.",
        [("Moscow", "denial", "that its ships were involved")],
    ),
    (
        "noun-cue-reports-from",
        "Reports from local journalists that the base had been evacuated spread quickly on Monday.",
        [("local journalists", "Reports", "that the base had been evacuated")],
    ),
    (
        "noun-cue-possessive-warning",
        "The navy's warning that more mines may have drifted south came too late for the trawler.",
        [("The navy", "warning", "that more mines may have drifted south")],
    ),
    # ------------------------------------------------------------------
    # Belief cues
    # ------------------------------------------------------------------
    (
        "belief-believe",
        "Analysts believe the blockade could last until the autumn.",
        [("Analysts", "believe", "the blockade could last until the autumn")],
    ),
    (
        "belief-fear",
        "Officials fear that the dispute will spread to other ports.",
        [("Officials", "fear", "that the dispute will spread to other ports")],
    ),
    (
        "belief-expect-infinitive",
        "Analysts expect the talks to collapse before Easter.",
        [("Analysts", "expect", "the talks to collapse before Easter")],
    ),
    (
        "belief-suspect",
        "Western intelligence agencies suspect the cargo included drone parts.",
        [("Western intelligence agencies", "suspect", "the cargo included drone parts")],
    ),
    (
        "belief-thinks",
        "The admiral thinks the convoy can still reach the island.",
        [("The admiral", "thinks", "the convoy can still reach the island")],
    ),
    (
        "belief-doubt",
        "Many in the alliance doubt that the ceasefire will hold.",
        [("Many in the alliance", "doubt", "that the ceasefire will hold")],
    ),
    # ------------------------------------------------------------------
    # Nested attributions: outer triple, then inner triple
    # ------------------------------------------------------------------
    (
        "nested-said-had-claimed",
        "Marsh said that Russian commanders had claimed the fleet was fully supplied.",
        [
            ("Marsh", "said", "that Russian commanders had claimed the fleet was fully supplied"),
            ("Russian commanders", "had claimed", "the fleet was fully supplied"),
        ],
    ),
    (
        "nested-said-had-reported",
        "The ministry said Ukrainian officials had reported that more than 40 drones were shot down overnight.",
        [
            (
                "The ministry",
                "said",
                "Ukrainian officials had reported that more than 40 drones were shot down overnight",
            ),
            ("Ukrainian officials", "had reported", "that more than 40 drones were shot down overnight"),
        ],
    ),
    (
        "nested-inside-direct-quote",
        '"The captain told us the engine had failed," the coastguard said.',
        [
            ("the coastguard", "said", '"The captain told us the engine had failed,"'),
            ("The captain", "told", "the engine had failed"),
        ],
    ),
    (
        "nested-according-to",
        "According to the Pentagon, Chinese officials have insisted the flights were routine.",
        [
            ("the Pentagon", "According to", "Chinese officials have insisted the flights were routine"),
            ("Chinese officials", "have insisted", "the flights were routine"),
        ],
    ),
    # ------------------------------------------------------------------
    # Pronoun sources (kept as written)
    # ------------------------------------------------------------------
    (
        "pronoun-she-after-name",
        "Marsh visited the dockyard on Monday. She said the repairs were on schedule.",
        [("She", "said", "the repairs were on schedule")],
    ),
    (
        "pronoun-he-direct",
        '"We will stay as long as we are needed," he said.',
        [("he", "said", '"We will stay as long as we are needed,"')],
    ),
    (
        "pronoun-they-denied",
        "They denied that any shots had been fired.",
        [("They", "denied", "that any shots had been fired")],
    ),
    (
        "pronoun-it-organisation",
        "It said the drills would continue until Sunday.",
        [("It", "said", "the drills would continue until Sunday")],
    ),
    (
        "pronoun-he-told",
        "He told reporters that the pipeline had not been damaged.",
        [("He", "told", "that the pipeline had not been damaged")],
    ),
    # ------------------------------------------------------------------
    # Sentences that must produce NOTHING
    # ------------------------------------------------------------------
    ("none-length", "The report was 40 pages long.", []),
    ("none-weather", "Heavy snow closed the port for most of Tuesday.", []),
    ("none-scare-quoted-title", 'The documentary "Cold Harbour" opened in cinemas on Friday.', []),
    ("none-unclear-scope", "The talks remain unclear in scope.", []),
    ("none-reporter-unclear", "The exact figure remains unclear.", []),
    ("none-description", "The frigate, commissioned in 2011, carries a crew of about 190.", []),
    ("none-all-told", "All told, fourteen ships were delayed by the closure.", []),
    ("none-source-noun-no-cue", "Officials arrived at the naval base shortly before noon.", []),
    ("none-ministry-building", "The ministry's headquarters overlook the river.", []),
    ("none-quoted-ship-name", "The minesweeper “Resolute” returned to port on Sunday.", []),
    ("none-number", "Fuel prices rose by 8 percent in February.", []),
    ("none-not-established", "The cause of the collision has not been established.", []),
    ("none-so-called", 'The so-called "shadow fleet" includes dozens of ageing tankers.', []),
    ("none-treaty", "The treaty, signed in 1994, limits the number of warships in the strait.", []),
    ("none-meeting", "Talks between the two navies resumed in Geneva.", []),
    ("none-reporter-hedge", "It is likely that the convoy will be delayed.", []),
]


RESOLUTION_CASES: list[tuple[str, str, str, str]] = [
    (
        "resolve-she-to-minister",
        "Defence Minister Helena Marsh visited the dockyard on Monday. She said the repairs were on schedule.",
        "She",
        "Defence Minister Helena Marsh",
    ),
    (
        "resolve-the-ministry",
        "The UK Ministry of Defence published its assessment on Tuesday. "
        "The ministry said two frigates had been recalled.",
        "The ministry",
        "The UK Ministry of Defence",
    ),
    (
        "resolve-the-ministry-direct",
        "The Norwegian Ministry of Defence updated its figures overnight. "
        '"Our estimate has not changed," the ministry said.',
        "the ministry",
        "The Norwegian Ministry of Defence",
    ),
    (
        "resolve-the-official",
        "A senior Pentagon official briefed reporters on Wednesday. "
        "The official said the carrier would stay in the region.",
        "The official",
        "A senior Pentagon official",
    ),
    (
        "resolve-he-by-gender",
        "Marsh met Admiral Tomas Brekke in Oslo. He said the two navies would share radar data.",
        "He",
        "Admiral Tomas Brekke",
    ),
    (
        "resolve-they-group",
        "Estonian border guards patrolled the lake overnight. They said no crossings had been detected.",
        "They",
        "Estonian border guards",
    ),
    (
        "resolve-surname",
        "Commodore Lena Voss commands the task group. Voss said the ships were fully crewed.",
        "Voss",
        "Commodore Lena Voss",
    ),
    (
        "resolve-the-admiral",
        "Rear Admiral Ines Kovac spoke after the ceremony. The admiral said the fleet was ready.",
        "The admiral",
        "Rear Admiral Ines Kovac",
    ),
    (
        "resolve-it-organisation",
        "NATO released satellite images on Thursday. It said the images showed a build-up of landing craft.",
        "It",
        "NATO",
    ),
    (
        "resolve-the-spokesman",
        "Russian defence ministry spokesman Major General Arkady Zelenin appeared on state television. "
        "The spokesman said no patrols had been cancelled.",
        "The spokesman",
        "Russian defence ministry spokesman Major General Arkady Zelenin",
    ),
    (
        "resolve-she-direct-quote",
        'Karin Dahle was blunt about the outlook. "Something has to give," she said.',
        "she",
        "Karin Dahle",
    ),
    (
        "resolve-the-agency",
        "The Finnish Border Guard recorded a surge in arrivals. "
        "The agency said more than 300 people had crossed in a week.",
        "The agency",
        "The Finnish Border Guard",
    ),
]


UNNAMED_CASES: list[tuple[str, str, str]] = [
    (
        "unnamed-officials",
        "Officials said the strait would reopen within days.",
        "Officials",
    ),
    (
        "unnamed-person-familiar",
        "A person familiar with the matter said the talks had stalled.",
        "A person familiar with the matter",
    ),
    (
        "unnamed-reports",
        "Reports have surfaced that the admiral was dismissed.",
        "Reports",
    ),
    (
        "unnamed-people-briefed",
        "Two people briefed on the negotiations said a deal was close.",
        "Two people briefed on the negotiations",
    ),
    (
        "unnamed-anonymous-official",
        "A senior defence official, speaking on condition of anonymity, said the jets were unarmed.",
        "A senior defence official",
    ),
    (
        "unnamed-diplomats",
        "Diplomats in Brussels said the proposal had little support.",
        "Diplomats in Brussels",
    ),
    (
        "unnamed-sources-close",
        "Sources close to the ministry said the budget would be cut.",
        "Sources close to the ministry",
    ),
    (
        "unnamed-local-media",
        "Local media reported that the ferry had run aground.",
        "Local media",
    ),
]


def validate() -> list[str]:
    """Return a list of problems (empty when every case is well formed)."""
    problems: list[str] = []
    seen: set[str] = set()

    def check_id(case_id: str) -> None:
        if case_id in seen:
            problems.append(f"duplicate id {case_id}")
        seen.add(case_id)

    for case_id, text, expected in CASES:
        check_id(case_id)
        for source, cue, content in expected:
            for label, part in (("source", source), ("cue", cue)):
                if part is not None and part not in text:
                    problems.append(f"{case_id}: {label} {part!r} not in text")
            for seg in segments(content):
                if not seg or seg not in text:
                    problems.append(f"{case_id}: content {seg!r} not in text")
    for case_id, text, written, resolved in RESOLUTION_CASES:
        check_id(case_id)
        for part in (written, resolved):
            if part not in text:
                problems.append(f"{case_id}: {part!r} not in text")
    for case_id, text, written in UNNAMED_CASES:
        check_id(case_id)
        if written not in text:
            problems.append(f"{case_id}: {written!r} not in text")
    return problems
