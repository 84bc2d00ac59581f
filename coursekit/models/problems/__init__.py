"""Module 03, problems and ethics: identifying customers, dealing with problems (TB 3.1-3.3).

Files: :mod:`~coursekit.models.problems.handling` (proposition screening, segmentation
variables, the responsibility matrix, the cost of escalating late, revisiting decisions) and
:mod:`~coursekit.models.problems.ethics` (the marketing-ethics survey of TB 3.3).
"""
from __future__ import annotations

from coursekit.models.problems.handling import (
    DECISION_TYPES,
    ROLES,
    SCREENING_QUESTIONS,
    SEGMENTATION_VARIABLES,
    DIGITAL_STORAGE_SEGMENTATION,
    RED_BUTTON_PROJECTS,
    RevisitDecision,
    responsibility_matrix,
    who_is_involved,
    decisions_of,
    involvement_counts,
    screen_proposition,
    escalation_cost,
    best_disclosure_time,
    needs_client_involvement,
    revisit_decision,
)
from coursekit.models.problems.ethics import (
    ETHICS_SHARES,
    ETHICS_EXAMPLES,
    ethics_survey,
    survey_total,
    unreported_share,
    pareto_table,
)

__all__ = [
    "DECISION_TYPES",
    "ROLES",
    "SCREENING_QUESTIONS",
    "SEGMENTATION_VARIABLES",
    "DIGITAL_STORAGE_SEGMENTATION",
    "RED_BUTTON_PROJECTS",
    "RevisitDecision",
    "responsibility_matrix",
    "who_is_involved",
    "decisions_of",
    "involvement_counts",
    "screen_proposition",
    "escalation_cost",
    "best_disclosure_time",
    "needs_client_involvement",
    "revisit_decision",
    "ETHICS_SHARES",
    "ETHICS_EXAMPLES",
    "ethics_survey",
    "survey_total",
    "unreported_share",
    "pareto_table",
]
