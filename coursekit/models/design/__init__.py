"""Module 13, customer roles and service design (chapter 8 seeds S3, S4): roles of customers,
make or buy, managing the customer mix, screening new-service ideas, positioning, the
cost/quality/customisation trade-off, SITOC and FAST.

Beyond the seeds (not from the textbook): the service blueprint (Shostack 1984; Bitner, Ostrom
& Morgan 2008); demand, capacity and waiting lines (the M/M/c queue of Erlang 1917, a gap-3
factor of seed S2), the psychology of waiting (Maister 1985) and the servicescape (Bitner 1992).

Files: :mod:`~coursekit.models.design.service_design`, :mod:`~coursekit.models.design.service_blueprint`,
:mod:`~coursekit.models.design.waiting_lines`, :mod:`~coursekit.models.design.waiting_psychology`,
:mod:`~coursekit.models.design.servicescape` and
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
from coursekit.models.design.service_blueprint import (
    LANES,
    LINES,
    Blueprint,
    blueprint,
    schedule,
    customer_waits,
    fail_points,
    delay_impact,
    line_crossings,
)
from coursekit.models.design.waiting_lines import (
    erlang_b,
    erlang_c,
    QueueResult,
    mmc_queue,
    servers_needed,
    compare_servers,
    simulate_queue,
    staffing_plan,
)
from coursekit.models.design.waiting_psychology import (
    MAISTER_PRINCIPLES,
    wait_satisfaction,
    waiting_audit,
)
from coursekit.models.design.servicescape import (
    SERVICESCAPE_FRAMEWORK,
    SERVICESCAPE_TYPOLOGY,
    SERVICESCAPE_IN_GAPS,
    servicescape_framework,
    servicescape_type,
    servicescape_gaps,
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
    "LANES",
    "LINES",
    "Blueprint",
    "blueprint",
    "schedule",
    "customer_waits",
    "fail_points",
    "delay_impact",
    "line_crossings",
    "erlang_b",
    "erlang_c",
    "QueueResult",
    "mmc_queue",
    "servers_needed",
    "compare_servers",
    "simulate_queue",
    "staffing_plan",
    "MAISTER_PRINCIPLES",
    "wait_satisfaction",
    "waiting_audit",
    "SERVICESCAPE_FRAMEWORK",
    "SERVICESCAPE_TYPOLOGY",
    "SERVICESCAPE_IN_GAPS",
    "servicescape_framework",
    "servicescape_type",
    "servicescape_gaps",
    "SD_LOGIC_PREMISES",
    "PARTICIPATION_FINDINGS",
    "premises_for_roles",
]
