"""The spaCy component and the library entry point agree, and offsets hold."""
from __future__ import annotations

import dataclasses

import pytest
import spacy

import reportedly
from reportedly.pipeline import MODEL_NAME

TEXT = (
    "The port authority said on Monday that the ferry would resume service. "
    '"We expect delays," a spokeswoman said.'
)


def test_component_sets_records_and_spans() -> None:
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("reportedly")
    doc = nlp(TEXT)
    records = doc._.attributions
    assert records, "the component found nothing"
    assert [a.to_dict() for a in records] == [a.to_dict() for a in reportedly.analyze(TEXT).attributions]
    cue_texts = {span.text for span in doc.spans["reportedly_cue"]}
    assert {a.cue.text for a in records if a.cue} <= cue_texts
    assert len(doc.spans["reportedly_content"]) >= len(records)


def test_every_offset_points_at_its_text() -> None:
    report = reportedly.analyze(TEXT)
    for a in report.attributions:
        for span in (a.source, a.cue, a.content):
            if span is None:
                continue
            for seg in span.segments:
                assert TEXT[seg.start:seg.end] == seg.text
        if a.resolved is not None:
            assert TEXT[a.resolved.start:a.resolved.end] == a.resolved.text


def test_records_are_frozen() -> None:
    record = reportedly.analyze(TEXT).attributions[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.kind = "direct"  # type: ignore[misc]
