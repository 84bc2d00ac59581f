"""Involvement x brand differences (TB 5.1.8): four types of buying behaviour.

Complex, variety-seeking, dissonance-reducing and habitual buying behaviour
(:func:`buying_behaviour`), and the three involvement levels (low/habitual, moderate/simple,
high/extensive).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_choice, check_probability

__all__ = [
    "INVOLVEMENT_LEVELS", "BUYING_BEHAVIOURS", "BuyingBehaviour", "buying_behaviour",
    "classify_buying_behaviour", "involvement_level",
]

#: The three involvement levels of TB 5.1.8.
INVOLVEMENT_LEVELS = pd.DataFrame(
    {
        "involvement": ["low", "moderate", "high"],
        "decision": ["habitual", "simple", "lengthy or more involved (extensive)"],
        "examples": ["dish washing liquid, toothbrush", "orange juice, snacks", "a car or a house"],
        "information_processing": ["minimal", "some evaluation of alternatives", "extensive"],
    }
).set_index("involvement")

#: The involvement x brand-differences matrix of TB 5.1.8.
BUYING_BEHAVIOURS = pd.DataFrame(
    {
        "involvement": ["high", "low", "high", "low"],
        "brand_differences": ["significant", "significant", "few", "few"],
        "name": ["complex", "variety-seeking", "dissonance-reducing", "habitual"],
        "examples": [
            "houses, kitchen renovation",
            "retail food stuff",
            "consumer electronics, top-line sport equipment",
            "food, personal care products",
        ],
        "marketing": [
            "one-time sale; consumers need evaluation and pre-sale learning; selling "
            "activities are key",
            "consumers have added buying triggers; they want free samples, special deals",
            "decision making is difficult both pre- and post-purchase",
            "brand familiarity and promotion with convenience is key; consumers look for "
            "price/sales promotions",
        ],
    }
)


@dataclass(frozen=True)
class BuyingBehaviour:
    """One cell of the involvement x brand-differences matrix."""

    name: str
    involvement: str
    brand_differences: str
    examples: str
    marketing: str

    def __repr__(self) -> str:
        return (f"BuyingBehaviour({self.name!r}: {self.involvement} involvement, "
                f"{self.brand_differences} brand differences; e.g. {self.examples})")


def buying_behaviour(involvement: str, brand_differences: str) -> BuyingBehaviour:
    """Look up the buying behaviour for an involvement level and degree of brand difference.

    ``involvement`` is "high" or "low"; ``brand_differences`` "significant" or "few" (TB 5.1.8).

    >>> buying_behaviour("low", "significant").name
    'variety-seeking'
    >>> buying_behaviour("low", "few").examples
    'food, personal care products'
    """
    check_choice(involvement, "involvement", ("high", "low"))
    check_choice(brand_differences, "brand_differences", ("significant", "few"))
    row = BUYING_BEHAVIOURS[(BUYING_BEHAVIOURS.involvement == involvement)
                            & (BUYING_BEHAVIOURS.brand_differences == brand_differences)].iloc[0]
    return BuyingBehaviour(row["name"], involvement, brand_differences, row["examples"],
                           row["marketing"])


def classify_buying_behaviour(involvement: Any, brand_difference: Any, *,
                              cutoff: float = 0.5) -> np.ndarray:
    """Vectorised 2x2 classifier on 0-1 scores of involvement and perceived brand difference.

    Scores ``>= cutoff`` count as high involvement / significant differences. The cutoff is a
    teaching assumption, not from the textbook.

    >>> classify_buying_behaviour([0.9, 0.2, 0.9, 0.1], [0.8, 0.7, 0.1, 0.2]).tolist()
    ['complex', 'variety-seeking', 'dissonance-reducing', 'habitual']
    """
    inv = np.atleast_1d(check_probability(as_float_array(involvement, "involvement"),
                                          "involvement"))
    diff = np.atleast_1d(check_probability(as_float_array(brand_difference, "brand_difference"),
                                           "brand_difference"))
    c = check_probability(cutoff, "cutoff")
    hi, sig = np.broadcast_arrays(inv >= c, diff >= c)
    return np.select(
        [hi & sig, ~hi & sig, hi & ~sig],
        ["complex", "variety-seeking", "dissonance-reducing"],
        default="habitual",
    ).astype(object)


def involvement_level(score: Any, *, cuts: tuple[float, float] = (1 / 3, 2 / 3)) -> np.ndarray:
    """Low / moderate / high involvement from a 0-1 involvement score (equal thirds by default).

    The three levels are the textbook's (TB 5.1.8); the cut points are an assumption.

    >>> involvement_level([0.1, 0.5, 0.9]).tolist()
    ['low', 'moderate', 'high']
    """
    s = np.atleast_1d(check_probability(as_float_array(score, "score"), "score"))
    lo, hi = (check_probability(c, "cuts") for c in cuts)
    if not lo < hi:
        raise ValueError(f"cuts must be increasing; got {cuts}")
    return np.select([s < lo, s < hi], ["low", "moderate"], default="high").astype(object)
