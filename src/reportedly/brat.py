"""Read and write attribution relations in brat standoff, PolNeAR's layout.

A corpus directory holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``.
``T`` lines carry spans (``Source``, ``Cue``, ``Content``; possibly
discontinuous, fragments joined by ``;``), ``E`` lines tie one relation
together. See Stenetorp et al. (2012), "brat: a Web-based Tool for NLP-Assisted
Text Annotation", and Newell, Margolin and Ruths (2018) for PolNeAR.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .types import Attribution, Report, Segment, TextSpan

Bounds = tuple[tuple[int, int], ...]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True)
class Relation:
    """One attribution relation as bounds only: what a scorer compares."""

    cue: Bounds
    content: Bounds
    source: Bounds = ()


def parse_ann(ann: str, *, name: str = "<ann>") -> list[Relation]:
    """Return the relations of one ``.ann`` file's text.

    ``Content2`` spans are folded into the content; ``Discuss``/``Discard``
    spans and ``#`` notes are ignored, as PolNeAR's guide says.
    """
    spans: dict[str, tuple[str, Bounds]] = {}
    events: list[str] = []
    for line in ann.splitlines():
        if m := _T_LINE.match(line):
            try:
                bounds = tuple(
                    (int(a), int(b)) for a, b in (frag.split() for frag in m.group(3).split(";"))
                )
            except ValueError as exc:
                raise InputError(name, f"a malformed span in line {line!r}") from exc
            spans[m.group(1)] = (m.group(2), bounds)
        elif m := _E_LINE.match(line):
            events.append(m.group(2))
    relations = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in args.split():
            role, _, tid = arg.partition(":")
            if tid not in spans:
                continue
            role = "Content" if role.startswith("Content") else role
            roles.setdefault(role, []).extend(spans[tid][1])
        if "Content" not in roles:
            continue
        relations.append(
            Relation(
                cue=tuple(sorted(roles.get("Cue", []))),
                content=tuple(sorted(roles["Content"])),
                source=tuple(sorted(roles.get("Source", []))),
            )
        )
    return relations


def folded(report: Report) -> list[tuple[Attribution, tuple[Segment, ...]]]:
    """Each attribution that is not a continuation, with its content segments in text order.

    A continuation quote is folded into the relation it continues, as one more
    content fragment: PolNeAR annotates a speaker's run of quotes as one
    discontinuous content. Scoring and the brat export both read this.
    """
    extra: dict[int, list[Segment]] = {}
    for a in report.attributions:
        if a.continues is not None:
            extra.setdefault(a.continues, []).extend(a.content.segments)
    return [
        (a, tuple(sorted([*a.content.segments, *extra.get(a.id, [])], key=lambda seg: seg.start)))
        for a in report.attributions
        if a.continues is None
    ]


def relations_of(report: Report) -> list[Relation]:
    """The bounds of a report's attributions, for scoring (continuations folded in)."""
    return [
        Relation(cue=_bounds(a.cue), content=tuple((seg.start, seg.end) for seg in content), source=_bounds(a.source))
        for a, content in folded(report)
    ]


def _bounds(span: TextSpan | None) -> Bounds:
    return tuple((seg.start, seg.end) for seg in span.segments) if span else ()


def to_ann(report: Report) -> str:
    """Render a report as brat standoff in PolNeAR's layout.

    Each relation gets ``Source``/``Cue``/``Content`` T lines, an
    ``Attribution`` (or ``Attribution-no-source``) anchor on the cue, and an E
    line. A continuation quote is written as one more content fragment of the
    relation it continues, as PolNeAR annotates it and as :func:`relations_of`
    scores it, so scoring the written files gives the same figures.
    """
    lines: list[str] = []
    counter = 0

    def t_line(role: str, segments) -> str:  # type: ignore[no-untyped-def]
        nonlocal counter
        counter += 1
        where = ";".join(f"{s.start} {s.end}" for s in segments)
        covered = " ".join(s.text for s in segments).replace("\n", " ")
        lines.append(f"T{counter}\t{role} {where}\t{covered}")
        return f"T{counter}"

    for n, (a, segments) in enumerate(folded(report), start=1):
        content = t_line("Content", segments)
        args = [f"Content:{content}"]
        anchor_segments = a.cue.segments if a.cue else a.content.segments[:1]
        if a.cue:
            args.append(f"Cue:{t_line('Cue', a.cue.segments)}")
        if a.source:
            args.append(f"Source:{t_line('Source', a.source.segments)}")
        anchor = t_line("Attribution" if a.source else "Attribution-no-source", anchor_segments)
        lines.append(f"E{n}\tAttribution:{anchor} " + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")


def read_corpus(directory: Path) -> list[tuple[str, str, list[Relation]]]:
    """Return ``(name, text, relations)`` for every document of a corpus dir.

    Where a document has several annotators' files, the first in sorted order
    is used. Raises ``InputError`` if the layout is not there.
    """
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(
            str(directory),
            "a corpus directory with text/*.txt and attributions/*.ann "
            "(the PolNeAR layout); point at such a directory",
        )
    by_name: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        by_name.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    corpus = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann_path = by_name.get(txt.stem) or (ann_dir / f"{txt.stem}.ann")
        relations = (
            parse_ann(ann_path.read_text(encoding="utf-8"), name=str(ann_path))
            if ann_path.exists()
            else []
        )
        with open(txt, encoding="utf-8", newline="") as fh:
            corpus.append((txt.stem, fh.read(), relations))
    return corpus
