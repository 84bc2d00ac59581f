"""Customer relationships and loyalty: stages, the leaky bucket, bonds and retention economics.

Sources: textbook 1.2 (three relationship stages), 2.1 (loyalty, "25-100 %" claim), 7.3-7.4
(Lovelock & Wirtz elements, relationship selling, simple lifetime value, "the little things");
seed S0 l.11-21 (leaky bucket, benefits, challenges), S2 l.136-200 (relationship evolution,
bonds L1-L4) and S3 l.4-26 (challenges, defection management).

Modelling the stages as a Markov chain, the fundamental matrix and the retention-profit model
are **not from the textbook**: they follow Kemeny & Snell (1976), *Finite Markov Chains*, and
Pfeifer & Carraway (2000), "Modeling customer relationships as Markov chains", *Journal of
Interactive Marketing* 14(2), 43-55. Every transition probability in :data:`EXAMPLE_MATRIX` is an
illustrative assumption.

Files: :mod:`~coursekit.models.relationships.concepts` (the textbook's stages, bonds, benefits
and checklists), :mod:`~coursekit.models.relationships.chain` (the stage Markov chain),
:mod:`~coursekit.models.relationships.bucket`,
:mod:`~coursekit.models.relationships.retention_economics` (bonds, lifetime, retention value and
profit), :mod:`~coursekit.models.relationships.selling` and
:mod:`~coursekit.models.relationships.word_of_mouth` (value -> loyalty -> word of mouth -> cash
flow, TB 1.3), :mod:`~coursekit.models.relationships.service_profit_chain` (the service-profit
chain of Heskett et al. 1994 as a chain of regressions; not from the textbook) and
:mod:`~coursekit.models.relationships.switching` (why customers switch, Keaveney 1995).
"""
from __future__ import annotations

from coursekit.models.relationships.concepts import (
    TEXTBOOK_STAGES,
    EVOLUTION_STAGES,
    RELATIONSHIP_BONDS,
    CUSTOMER_BENEFITS,
    FIRM_BENEFITS,
    RELATIONSHIP_CHALLENGES,
    DEFECTION_STEPS,
    LOYALTY_ELEMENTS,
    LOYALTY_COMPONENTS,
)
from coursekit.models.relationships.chain import (
    EXAMPLE_MATRIX,
    transition_matrix,
    example_chain,
    stage_chain,
    ChainSummary,
    summarise_chain,
    stage_distribution,
    absorbing_analysis,
    expected_time_to,
    steady_state,
    value_per_stage,
    estimate_transition_matrix,
    AbsorbingResult,
)
from coursekit.models.relationships.bucket import (
    leaky_bucket,
    leaky_bucket_steady_state,
)
from coursekit.models.relationships.retention_economics import (
    bond_retention,
    expected_lifetime,
    retention_clv,
    retention_profit_uplift,
    fixed_cost_share_for_uplift,
    steady_state_profit_uplift,
    RetentionComparison,
    compare_defection_cut,
)
from coursekit.models.relationships.selling import (
    simple_lifetime_value,
    little_things_contacts,
    delivery_disconfirmation,
)
from coursekit.models.relationships.word_of_mouth import (
    VALUE_TO_CASH_FLOW,
    WOM_SHARE_OF_DECISIONS,
    TELL_FIVE,
    reproduction_number,
    referral_cascade,
    referral_total,
    wom_purchases,
)
from coursekit.models.relationships.service_profit_chain import (
    PROFIT_CHAIN_LINKS,
    ProfitChain,
    profit_chain,
    chain_effect,
)
from coursekit.models.relationships.switching import (
    SWITCHING_CAUSES,
    switching_causes,
    mean_causes_per_switch,
)

__all__ = [
    "TEXTBOOK_STAGES",
    "EVOLUTION_STAGES",
    "RELATIONSHIP_BONDS",
    "CUSTOMER_BENEFITS",
    "FIRM_BENEFITS",
    "RELATIONSHIP_CHALLENGES",
    "DEFECTION_STEPS",
    "LOYALTY_ELEMENTS",
    "LOYALTY_COMPONENTS",
    "EXAMPLE_MATRIX",
    "transition_matrix",
    "example_chain",
    "stage_chain",
    "ChainSummary",
    "summarise_chain",
    "stage_distribution",
    "absorbing_analysis",
    "expected_time_to",
    "steady_state",
    "value_per_stage",
    "estimate_transition_matrix",
    "AbsorbingResult",
    "leaky_bucket",
    "leaky_bucket_steady_state",
    "bond_retention",
    "expected_lifetime",
    "retention_clv",
    "retention_profit_uplift",
    "fixed_cost_share_for_uplift",
    "steady_state_profit_uplift",
    "RetentionComparison",
    "compare_defection_cut",
    "simple_lifetime_value",
    "little_things_contacts",
    "delivery_disconfirmation",
    "VALUE_TO_CASH_FLOW",
    "WOM_SHARE_OF_DECISIONS",
    "TELL_FIVE",
    "reproduction_number",
    "referral_cascade",
    "referral_total",
    "wom_purchases",
    "PROFIT_CHAIN_LINKS",
    "ProfitChain",
    "profit_chain",
    "chain_effect",
    "SWITCHING_CAUSES",
    "switching_causes",
    "mean_causes_per_switch",
]
