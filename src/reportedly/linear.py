"""A linear model over sparse string features, as shipped in ``reportedly/model``.

The weights are trained by ``scripts/train.py`` (logistic regression) and
stored as JSON, so inference needs no learning library: a score is the bias
plus the sum of the weights of the features that fire.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from importlib import resources
from typing import Iterable

from .errors import ModelError


@dataclass(frozen=True)
class LinearModel:
    """Logistic-regression weights keyed by feature string, plus a decision threshold."""

    name: str
    weights: dict[str, float]
    threshold: float = 0.5
    lexicon: frozenset[str] = frozenset()  # a learned word list some stages use beside the weights

    def score(self, features: Iterable[str]) -> float:
        """Return the probability that the example is positive."""
        z = sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps(
            {"name": self.name, "threshold": self.threshold, "weights": self.weights,
             "lexicon": sorted(self.lexicon)},
            sort_keys=True,
            separators=(",", ":"),
        )


@lru_cache(maxsize=None)
def load_model(name: str) -> LinearModel:
    """Load a shipped model by name (``cue``, ``cue_part``, ``source``, ``content``)."""
    try:
        raw = resources.files("reportedly.weights").joinpath(f"{name}.json").read_text("utf-8")
    except FileNotFoundError as exc:
        raise ModelError(
            f"model {name!r}: expected reportedly/weights/{name}.json in the package; "
            "run `make train` or reinstall reportedly"
        ) from exc
    data = json.loads(raw)
    return LinearModel(
        data["name"], data["weights"], data.get("threshold", 0.5),
        frozenset(data.get("lexicon", ())),
    )
