"""Module 13, customer roles and service design (chapter 8 seeds S3, S4): roles of customers,
make or buy, managing the customer mix, screening new-service ideas, positioning, the
cost/quality/customisation trade-off, SITOC and FAST.

Files: :mod:`~coursekit.models.design.service_design` and
:mod:`~coursekit.models.design.co_creation` (service-dominant logic and the psychology of customer
participation; not from the textbook).
"""
from __future__ import annotations

from coursekit.models.design.service_design import (
    CUSTOMER_ROLES,
    GAP_WIDENING_BEHAVIOURS,
    MAKE_OR_BUY_CRITERIA,
    SST_REASONS,
    PARTICIPATION_STRATEGIES,
    DESIGN_GOALS,
    DESIGN_FACTORS,
    POSITIONING,
    MakeOrBuy,
    make_or_buy,
    encounter_dissatisfaction,
    simulate_customer_mix,
    screening_errors,
    screening_value,
    optimal_threshold,
    simulate_screening,
    positioning,
    unit_cost_index,
    SITOC_PARTS,
    SitocMap,
    sitoc_map,
    fast_chain,
)
from coursekit.models.design.co_creation import (
    SD_LOGIC_PREMISES,
    PARTICIPATION_FINDINGS,
    premises_for_roles,
)

__all__ = [
    "CUSTOMER_ROLES",
    "GAP_WIDENING_BEHAVIOURS",
    "MAKE_OR_BUY_CRITERIA",
    "SST_REASONS",
    "PARTICIPATION_STRATEGIES",
    "DESIGN_GOALS",
    "DESIGN_FACTORS",
    "POSITIONING",
    "MakeOrBuy",
    "make_or_buy",
    "encounter_dissatisfaction",
    "simulate_customer_mix",
    "screening_errors",
    "screening_value",
    "optimal_threshold",
    "simulate_screening",
    "positioning",
    "unit_cost_index",
    "SITOC_PARTS",
    "SitocMap",
    "sitoc_map",
    "fast_chain",
    "SD_LOGIC_PREMISES",
    "PARTICIPATION_FINDINGS",
    "premises_for_roles",
]
