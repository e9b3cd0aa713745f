"""The scorer's convention, case by case, with every number worked out by hand."""
from __future__ import annotations

import pytest

from reportedly.brat import Bounds, Relation, parse_ann
from reportedly.errors import InputError
from reportedly.evaluate import (
    PRF,
    ROLES,
    WHOLE_LABEL,
    format_table,
    normalise,
    score_corpus,
    score_document,
)

TEXT = 'The minister said that taxes will rise.\nCritics argued "it will hurt" loudly.'


def at(phrase: str, text: str = TEXT) -> Bounds:
    """The one-fragment bounds of the first occurrence of ``phrase``."""
    start = text.index(phrase)
    return ((start, start + len(phrase)),)


MINISTER = at("The minister")  # (0, 12)
SAID = at("said")  # (13, 17)
TAXES = at("that taxes will rise")  # (18, 38)
GOLD_A = [Relation(cue=SAID, content=TAXES, source=MINISTER)]
GOLD_B = [
    *GOLD_A,
    Relation(cue=at("argued"), content=at('"it will hurt"'), source=at("Critics")),
]


def scored(prf: PRF) -> tuple[float, float]:
    return (prf.precision, prf.recall)


ALL_ONE = {f"{role} {mode}": (1.0, 1.0) for role in ROLES for mode in ("exact", "overlap")}

# Each case: gold, pred, and the (precision, recall) expected for some rows.
CASES = {
    "identical": (GOLD_B, GOLD_B, {**ALL_ONE, "whole": (1.0, 1.0)}),
    "content one character too long: exact miss, overlap hit": (
        GOLD_A,
        [Relation(cue=SAID, content=((18, 39),), source=MINISTER)],
        {"content exact": (0.0, 0.0), "content overlap": (1.0, 1.0),
         "cue exact": (1.0, 1.0), "whole": (1.0, 1.0)},
    ),
    "whitespace-only boundary difference is still exact": (
        GOLD_A,
        [Relation(cue=((12, 18),), content=((17, 38),), source=((0, 13),))],
        {"cue exact": (1.0, 1.0), "content exact": (1.0, 1.0), "source exact": (1.0, 1.0)},
    ),
    "two fragments split by a word are not the merged span": (
        [Relation(cue=SAID, content=((18, 28), (34, 38)), source=MINISTER)],
        GOLD_A,
        {"content exact": (0.0, 0.0), "content overlap": (1.0, 1.0), "whole": (1.0, 1.0)},
    ),
    "two fragments split by a space are the merged span": (
        [Relation(cue=SAID, content=((18, 28), (29, 38)), source=MINISTER)],
        GOLD_A,
        {"content exact": (1.0, 1.0)},
    ),
    "no source on either side still matches whole": (
        [Relation(cue=SAID, content=TAXES)],
        [Relation(cue=SAID, content=TAXES)],
        {"source exact": (0.0, 0.0), "cue exact": (1.0, 1.0), "whole": (1.0, 1.0)},
    ),
    "a source on one side only does not match whole": (
        [Relation(cue=SAID, content=TAXES)],
        GOLD_A,
        {"source overlap": (0.0, 0.0), "whole": (0.0, 0.0)},
    ),
    # Spans dedupe (1 predicted span per role); relations match one to one (1 of 2).
    "duplicate predictions count once per role, once in whole": (
        GOLD_A,
        GOLD_A * 2,
        {"source exact": (1.0, 1.0), "content exact": (1.0, 1.0), "whole": (0.5, 1.0)},
    ),
    "empty prediction": (
        GOLD_B,
        [],
        {"source exact": (0.0, 0.0), "content overlap": (0.0, 0.0), "whole": (0.0, 0.0)},
    ),
}


@pytest.mark.parametrize(("gold", "pred", "expected"), CASES.values(), ids=CASES.keys())
def test_score_document(
    gold: list[Relation], pred: list[Relation], expected: dict[str, tuple[float, float]]
) -> None:
    scores = score_document(TEXT, gold, pred)
    for row, want in expected.items():
        prf = scores.whole if row == "whole" else scores.roles[row.split()[0]][row.split()[1]]
        assert scored(prf) == pytest.approx(want), row
    assert scores.documents == 1


def test_empty_prediction_has_zero_f1_and_counts() -> None:
    scores = score_document(TEXT, GOLD_B, [])
    prf = scores.roles["content"]["exact"]
    assert (prf.f1, prf.n_pred, prf.n_gold) == (0.0, 0, 2)
    assert score_document(TEXT, [], []).whole.to_dict() == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "pred": 0, "gold": 0,
    }


TEXT2 = "Officials said the plant closed. Others denied it."
GOLD2 = [
    Relation(cue=at("said", TEXT2), content=at("the plant closed", TEXT2),
             source=at("Officials", TEXT2)),
    Relation(cue=at("denied", TEXT2), content=at("it", TEXT2), source=at("Others", TEXT2)),
]
PRED2 = [
    Relation(cue=at("said", TEXT2), content=at("the plant", TEXT2), source=at("Officials", TEXT2))
]


def test_score_corpus_micro_averages_counts() -> None:
    # Doc 1: pred == gold, one relation: every role 1/1 predicted, 1/1 gold; whole 1/1.
    # Doc 2: two gold relations, one prediction with a short content.
    #   source exact 1/1 pred, 1/2 gold; content exact 0/1, 0/2; content overlap 1/1, 1/2;
    #   whole 1/1 pred, 1/2 gold.
    # Summed: source exact P = 2/2 = 1, R = 2/3.
    #   content exact P = 1/2, R = 1/3, F1 = 2*(1/2)*(1/3)/(1/2+1/3) = 0.4
    #   (macro would give R = (1 + 0)/2 = 0.5, so this checks the summing).
    #   content overlap P = 1, R = 2/3, F1 = 0.8. whole P = 1, R = 2/3.
    scores = score_corpus([(TEXT, GOLD_A, GOLD_A), (TEXT2, GOLD2, PRED2)])
    assert scores.documents == 2
    assert scored(scores.roles["source"]["exact"]) == pytest.approx((1.0, 2 / 3))
    content = scores.roles["content"]
    assert (content["exact"].tp_pred, content["exact"].n_pred) == (1, 2)
    assert (content["exact"].tp_gold, content["exact"].n_gold) == (1, 3)
    assert content["exact"].f1 == pytest.approx(0.4)
    assert content["overlap"].f1 == pytest.approx(0.8)
    assert scored(scores.whole) == pytest.approx((1.0, 2 / 3))
    assert scores.to_dict()["roles"]["content"]["exact"] == {
        "precision": 0.5, "recall": 0.3333, "f1": 0.4, "pred": 2, "gold": 3,
    }
    assert score_corpus([]).documents == 0


def test_format_table_names_roles_and_numbers() -> None:
    table = format_table(score_corpus([(TEXT, GOLD_A, GOLD_A), (TEXT2, GOLD2, PRED2)]))
    for word in (*ROLES, "exact", "overlap", WHOLE_LABEL, "0.6667", "0.4000", "documents: 2"):
        assert word in table, word
    assert len(table.splitlines()) == 1 + 6 + 1 + 1  # header, role rows, whole, documents


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        (((12, 18),), ((13, 17),)),  # " said " -> "said"
        (((17, 18),), ()),  # a lone space is dropped
        (((18, 28), (29, 38)), ((18, 38),)),  # split by a space: merged
        (((18, 28), (34, 38)), ((18, 28), (34, 38))),  # split by " will ": kept apart
        (((29, 38), (18, 28)), ((18, 38),)),  # order of fragments does not matter
        (((18, 30), (25, 38)), ((18, 38),)),  # overlapping fragments merge
        (((34, 40), (40, 47)), ((34, 47),)),  # "rise.\n" + "Critics": line break merges
    ],
)
def test_normalise(bounds: Bounds, expected: Bounds) -> None:
    assert normalise(TEXT, bounds) == expected


def test_normalise_rejects_offsets_outside_the_text() -> None:
    with pytest.raises(InputError, match="77 characters"):
        normalise(TEXT, ((70, 90),))


def test_parse_ann_discontinuous_content2_and_forward_references() -> None:
    ann = (
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3 Content2:T5\n"
        "T1\tSource 0 12\tThe minister\n"
        "T2\tCue 13 17\tsaid\n"
        "T3\tContent 18 28;34 38\tthat taxes rise\n"
        "T4\tAttribution 13 17\tsaid\n"
        "T5\tContent2 55 69\t\"it will hurt\"\n"
        "T6\tDiscuss 40 47\tCritics\n"
        "#1\tAnnotatorNotes T3\tunsure\n"
    )
    assert parse_ann(ann) == [
        Relation(cue=((13, 17),), content=((18, 28), (34, 38), (55, 69)), source=((0, 12),))
    ]


def test_parse_ann_covered_text_with_a_line_starting_with_t() -> None:
    ann = (
        "T1\tContent 18 47\tthat taxes will rise.\n"
        "Critics\n"
        "T2\tCue 13 17\tsaid\n"
        "T3\tContent 55 69\t\"it will\n"
        "Tax hurt\"\n"
        "T4 was not a line\n"
        "E1\tAttribution:T2 Cue:T2 Content:T1\n"
        "E2\tAttribution:T2 Content:T3\n"
    )
    assert parse_ann(ann) == [
        Relation(cue=((13, 17),), content=((18, 47),)),
        Relation(cue=(), content=((55, 69),)),
    ]
