"""The records reportedly produces: frozen dataclasses with character offsets.

Every span points into the unmodified input text (Python ``str`` offsets), so
``text[span.start:span.end] == span.text`` always holds and a person can check
each field against the original.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the interpretation records live beside the code that reads them
    from .interpret.certainty import Certainty
    from .interpret.conflicts import Conflict
    from .interpret.quantities import Quantity
    from .interpret.stance import Stance
    from .interpret.times import TimeExpr

# 1.1: stance, certainty, said_at, times, numbers, polarity on each attribution; conflicts on the report.
SCHEMA_VERSION = "1.1"

Kind = Literal["direct", "indirect", "mixed"]
CueClass = Literal[
    "neutral", "distancing", "committing", "negating", "belief", "assessment", "warning", "none"
]
SourceType = Literal[
    "person", "organization", "government", "unnamed", "document", "pronoun", "unknown"
]


@dataclass(frozen=True)
class Segment:
    """One contiguous stretch of text: ``text == original[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Segment:
        return cls(data["start"], data["end"], data["text"])


@dataclass(frozen=True)
class TextSpan:
    """A possibly discontinuous span: one or more segments in text order."""

    segments: tuple[Segment, ...]

    @classmethod
    def of(cls, text: str, *bounds: tuple[int, int]) -> "TextSpan":
        """Build a span from ``(start, end)`` pairs over ``text``."""
        ordered = sorted(b for b in bounds if b[1] > b[0])
        return cls(tuple(Segment(s, e, text[s:e]) for s, e in ordered))

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    @property
    def text(self) -> str:
        return " … ".join(seg.text for seg in self.segments)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "segments": [seg.to_dict() for seg in self.segments],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextSpan:
        """The span ``to_dict`` wrote (its ``text``, ``start`` and ``end`` follow from the segments)."""
        return cls(tuple(Segment.from_dict(seg) for seg in data["segments"]))


@dataclass(frozen=True)
class Entity:
    """What a source mention refers to, after resolution inside the document."""

    text: str
    start: int
    end: int
    type: SourceType

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "type": self.type}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        return cls(data["text"], data["start"], data["end"], data["type"])


@dataclass(frozen=True)
class Attribution:
    """One attribution relation: SOURCE -> CUE -> CONTENT.

    ``source`` is the mention as written (a pronoun stays a pronoun); ``resolved``
    is the mention it refers to. ``cue`` is ``None`` only for a continuation
    quote, which inherits the previous speaker. ``parent`` is the id of the
    attribution whose content contains this one (nesting); ``continues`` is the
    id of the attribution a cue-less continuation quote carries on.

    The interpretation (``reportedly.interpret``) adds the reporter's
    ``stance``, the source's ``certainty``, when it was said (``said_at``),
    the times and ``numbers`` the content asserts, and its ``polarity``.
    """

    id: int
    source: TextSpan | None
    cue: TextSpan | None
    content: TextSpan
    kind: Kind
    cue_class: CueClass
    source_type: SourceType
    resolved: Entity | None = None
    parent: int | None = None
    continues: int | None = None
    score: float = 1.0
    stance: Stance | None = None
    certainty: Certainty | None = None
    said_at: TimeExpr | None = None
    times: tuple[TimeExpr, ...] = ()
    numbers: tuple[Quantity, ...] = ()
    polarity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # Key order matters to readers that scan for the first "source"/"cue" key.
        return {
            "id": self.id,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "kind": self.kind,
            "cue_class": self.cue_class,
            "source_type": self.source_type,
            "resolved_source": self.resolved.to_dict() if self.resolved else None,
            "parent": self.parent,
            "continues": self.continues,
            "score": round(self.score, 4),
            "stance": self.stance.to_dict() if self.stance else None,
            "certainty": self.certainty.to_dict() if self.certainty else None,
            "said_at": self.said_at.to_dict() if self.said_at else None,
            "times": [t.to_dict() for t in self.times],
            "numbers": [q.to_dict() for q in self.numbers],
            "polarity": self.polarity,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attribution:
        """The record ``to_dict`` wrote. ``score`` comes back as written there (rounded to 4 places)."""
        from .interpret.certainty import Certainty
        from .interpret.quantities import Quantity
        from .interpret.stance import Stance
        from .interpret.times import TimeExpr

        def span(key: str) -> TextSpan | None:
            return TextSpan.from_dict(data[key]) if data.get(key) is not None else None

        content = TextSpan.from_dict(data["content"])
        return cls(
            id=data["id"], source=span("source"), cue=span("cue"), content=content, kind=data["kind"],
            cue_class=data["cue_class"], source_type=data["source_type"],
            resolved=Entity.from_dict(data["resolved_source"]) if data.get("resolved_source") else None,
            parent=data.get("parent"), continues=data.get("continues"), score=data.get("score", 1.0),
            stance=Stance.from_dict(data["stance"]) if data.get("stance") else None,
            certainty=Certainty.from_dict(data["certainty"]) if data.get("certainty") else None,
            said_at=TimeExpr.from_dict(data["said_at"]) if data.get("said_at") else None,
            times=tuple(TimeExpr.from_dict(t) for t in data.get("times", ())),
            numbers=tuple(Quantity.from_dict(q) for q in data.get("numbers", ())),
            polarity=data.get("polarity"),
        )


@dataclass(frozen=True)
class Report:
    """Everything reportedly found in one document."""

    text: str
    attributions: tuple[Attribution, ...]
    published: str | None = None
    name: str | None = None
    conflicts: tuple[Conflict, ...] = ()
    schema_version: str = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "name": self.name,
            "published": self.published,
            "length": len(self.text),
            "attributions": [a.to_dict() for a in self.attributions],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, text: str) -> Report:
        """The report ``to_dict`` wrote, over the ``text`` it was made from (``to_dict`` keeps only its length).

        Raises ``ValueError`` when ``text`` is not as long as the report says.
        """
        from .interpret.conflicts import Conflict

        if len(text) != data["length"]:
            raise ValueError(f"expected a text of {data['length']} characters, got {len(text)}")
        return cls(text=text, attributions=tuple(Attribution.from_dict(a) for a in data["attributions"]),
                   published=data.get("published"), name=data.get("name"),
                   conflicts=tuple(Conflict.from_dict(c) for c in data.get("conflicts", ())),
                   schema_version=data.get("schema_version", SCHEMA_VERSION))
