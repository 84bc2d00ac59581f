"""Module 09, negotiation (TB 6.2-6.3): BATNA and reservation values, the zone of possible
agreement, the patio-furniture deal (distributive versus integrative) and the TKI styles.

Files: :mod:`~coursekit.models.negotiation.bargaining`.
"""
from __future__ import annotations

from coursekit.models.negotiation.bargaining import (
    FIVE_PHASES,
    TKI_STYLES,
    NEGOTIATION_FACTS,
    ADR_OPTIONS,
    ZOPA,
    PatioCase,
    accept_offer,
    zopa,
    split_price,
    surplus,
    patio_case,
    budget_shift,
    salary_ask,
    career_earnings_gap,
    tki_style,
)

__all__ = [
    "FIVE_PHASES",
    "TKI_STYLES",
    "NEGOTIATION_FACTS",
    "ADR_OPTIONS",
    "ZOPA",
    "PatioCase",
    "accept_offer",
    "zopa",
    "split_price",
    "surplus",
    "patio_case",
    "budget_shift",
    "salary_ask",
    "career_earnings_gap",
    "tki_style",
]
