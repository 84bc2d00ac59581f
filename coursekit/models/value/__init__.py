"""Module 01, the value equation: value as benefit minus the full cost (TB 1.1, 1.3, 3.1).

Value = benefit - cost, where cost counts the price and the non-money costs (time, travel,
discomfort); the value ratio; situational worth; comparing competing and substitute offers with
an importance-weighted multi-attribute model; and judging a value proposition.

Files: :mod:`~coursekit.models.value.equation` (value, value ratio, offers and propositions).
"""
from __future__ import annotations

from coursekit.models.value.equation import (
    net_value,
    value_ratio,
    exchange_value,
    situational_unit_worth,
    per_person_price,
    multi_attribute_value,
    OfferComparison,
    compare_offers,
    lodging_offers,
    RubricScore,
    PROPOSITION_CRITERIA,
    SCREENING_QUESTIONS,
    score_value_proposition,
    screen_proposition,
    COMPANY_ORIENTATIONS,
)

__all__ = [
    "net_value",
    "value_ratio",
    "exchange_value",
    "situational_unit_worth",
    "per_person_price",
    "multi_attribute_value",
    "OfferComparison",
    "compare_offers",
    "lodging_offers",
    "RubricScore",
    "PROPOSITION_CRITERIA",
    "SCREENING_QUESTIONS",
    "score_value_proposition",
    "screen_proposition",
    "COMPANY_ORIENTATIONS",
]
