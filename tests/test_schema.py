"""The JSON Schema matches what Report.to_dict() produces, field for field."""
from __future__ import annotations

import copy
import typing
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from reportedly.schema import collection_schema, schema
from reportedly.types import (
    SCHEMA_VERSION,
    Attribution,
    CueClass,
    Entity,
    Kind,
    Report,
    SourceType,
    TextSpan,
)

TEXT = 'The ministry said that "the road," which had been closed, "will reopen soon." He agreed.'


def at(phrase: str, start: int = 0) -> tuple[int, int]:
    s = TEXT.index(phrase, start)
    return (s, s + len(phrase))


def full_report() -> Report:
    """A report that uses every optional field: nesting, gaps, a pronoun, no cue."""
    ministry = TextSpan.of(TEXT, at("The ministry"))
    outer = Attribution(
        id=0,
        source=ministry,
        cue=TextSpan.of(TEXT, at("said")),
        content=TextSpan.of(TEXT, at('"the road,"'), at('"will reopen soon."')),
        kind="mixed",
        cue_class="neutral",
        source_type="government",
        resolved=Entity("The ministry", 0, 12, "government"),
        score=0.91234,
    )
    inner = Attribution(
        id=1,
        source=TextSpan.of(TEXT, at("He")),
        cue=None,
        content=TextSpan.of(TEXT, at("agreed")),
        kind="indirect",
        cue_class="none",
        source_type="pronoun",
        resolved=None,
        parent=0,
        continues=0,
    )
    return Report(TEXT, (outer, inner), published="2024-03-15", name="memo.txt")


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    s = schema()
    Draft202012Validator.check_schema(s)
    return Draft202012Validator(s)


def test_schema_is_draft_2020_12_and_versioned() -> None:
    s = schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["properties"]["schema_version"] == {**s["properties"]["schema_version"],
                                                 "const": SCHEMA_VERSION}
    assert s["$defs"]["collection"]["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert SCHEMA_VERSION in s["$id"]


def test_schema_returns_a_fresh_copy() -> None:
    schema()["title"] = "changed"
    assert schema()["title"] != "changed"


@pytest.mark.parametrize(
    "where,alias",
    [
        (("$defs", "attribution", "properties", "kind"), Kind),
        (("$defs", "attribution", "properties", "cue_class"), CueClass),
        (("$defs", "source_type"), SourceType),
    ],
    ids=["kind", "cue_class", "source_type"],
)
def test_enums_match_types(where: tuple[str, ...], alias: Any) -> None:
    node: Any = schema()
    for key in where:
        node = node[key]
    assert set(node["enum"]) == set(typing.get_args(alias))


def test_required_fields_are_exactly_what_to_dict_writes() -> None:
    s = schema()
    report = full_report().to_dict()
    assert set(s["required"]) == set(report) == set(s["properties"])
    attribution = s["$defs"]["attribution"]
    assert set(attribution["required"]) == set(report["attributions"][0])
    assert set(s["$defs"]["span"]["required"]) == set(report["attributions"][0]["content"])
    assert set(s["$defs"]["entity"]["required"]) == set(report["attributions"][0]["resolved_source"])


def test_full_report_validates(validator: Draft202012Validator) -> None:
    validator.validate(full_report().to_dict())
    validator.validate(Report("", ()).to_dict())


def _broken(change: str) -> dict[str, Any]:
    doc = copy.deepcopy(full_report().to_dict())
    first = doc["attributions"][0]
    if change == "no schema_version":
        del doc["schema_version"]
    elif change == "other schema_version":
        doc["schema_version"] = "0.9"
    elif change == "unknown kind":
        first["kind"] = "rumour"
    elif change == "negative offset":
        first["content"]["segments"][0]["start"] = -1
    elif change == "span without segments":
        first["content"]["segments"] = []
    elif change == "missing content":
        del first["content"]
    elif change == "extra field":
        first["confidence"] = "high"
    elif change == "bad date":
        doc["published"] = "15 March 2024"
    elif change == "score above one":
        first["score"] = 1.5
    return doc


@pytest.mark.parametrize(
    "change",
    ["no schema_version", "other schema_version", "unknown kind", "negative offset",
     "span without segments", "missing content", "extra field", "bad date", "score above one"],
)
def test_broken_reports_are_rejected(validator: Draft202012Validator, change: str) -> None:
    assert not validator.is_valid(_broken(change))


def test_collection_schema() -> None:
    wrapper = Draft202012Validator(collection_schema())
    good = {"schema_version": SCHEMA_VERSION, "documents": [full_report().to_dict()]}
    wrapper.validate(good)
    assert not wrapper.is_valid({"schema_version": SCHEMA_VERSION,
                                 "documents": [_broken("unknown kind")]})
    assert not wrapper.is_valid({"documents": []})
