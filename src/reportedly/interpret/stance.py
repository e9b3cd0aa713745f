"""The reporter's stance, read from the cue (FactBank-style source-relative factuality).

The cue class (``cues.cue_class``) already says how the reporter frames the
content: "said" is neutral, "claimed" distances, "confirmed" commits. A
denial is a claim too: the source asserts the *negation* of its content, and
``source_asserts`` records that, so that "X denied the ship was hit" and "Y
said the ship was hit" can be seen to disagree.

Notes:
    Classes follow ``../shared/reference/estimative-language.md`` (cue words
    and the reporter's commitment) after Saurí and Pustejovsky (2009),
    "FactBank: a corpus annotated with event factuality".
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

SourceAsserts = Literal["content", "negation", "nothing"]

READING = {
    "neutral": "reports the claim without judging it",
    "distancing": "does not vouch for the content",
    "committing": "presents the content as true",
    "negating": "reports a denial: the source asserts the opposite",
    "belief": "reports a belief or internal state, not a statement",
    "assessment": "reports an analytic judgement",
    "warning": "reports a warning or prediction",
    "none": "carries on the previous quote",
}


@dataclass(frozen=True)
class Stance:
    """How the reporter frames a claim, and what the source thereby asserts."""

    cls: str
    source_asserts: SourceAsserts

    @property
    def reading(self) -> str:
        return READING.get(self.cls, READING["neutral"])

    def to_dict(self) -> dict[str, Any]:
        return {"class": self.cls, "reading": self.reading, "source_asserts": self.source_asserts}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stance:
        """The stance ``to_dict`` wrote (``reading`` follows from the class)."""
        return cls(data["class"], data["source_asserts"])


def stance_of(cue_class: str) -> Stance:
    """The stance for a cue class; a negating cue makes the source assert the negation."""
    return Stance(cue_class, "negation" if cue_class == "negating" else "content")
