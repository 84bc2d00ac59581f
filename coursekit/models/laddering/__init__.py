"""Laddering: means-end chains, the implication matrix and the hierarchical value map.

Laddering (TB 6.1) is "root-cause analysis with customers": starting from an attribute, the
interviewer keeps asking "why is that important?" until the respondent reaches a personal value.
Each answer sequence is a *ladder* of codes, each code on one of three levels, from concrete to
abstract::

    attribute  ->  consequence  ->  value
    team approach > knowledge of many people > less likely to miss something > peace of mind

The bank's customers laddered the team approach up to *time* and *profitability*; typical end
values are accomplishment, belonging, self-fulfillment, self-esteem, family, satisfaction,
security / peace of mind and control (TB 6.1).

Not from the textbook: the aggregation of many ladders into an implication matrix, the cutoff
and the hierarchical value map (HVM) follow Reynolds, T. J. & Gutman, J. (1988), "Laddering
theory, method, analysis, and interpretation", *Journal of Advertising Research* 28(1), 11-31.
The abstractness and centrality indices are from Pieters, R., Baumgartner, H. & Allen, D. (1995),
"A means-end chain approach to consumer goal structures", *International Journal of Research in
Marketing* 12(3), 227-244.

>>> codebook = {"team": "attribute", "knowledge": "consequence", "time": "consequence",
...             "profit": "value"}
>>> ladders = parse_ladders(["team > knowledge > profit", "team > time > profit"], codebook)
>>> m = implication_matrix(ladders)
>>> int(m.direct.loc["team", "knowledge"]), int(m.indirect.loc["team", "profit"])
(1, 2)

Files: :mod:`~coursekit.models.laddering.ladders` (reading coded ladders),
:mod:`~coursekit.models.laddering.implications` (direct and indirect relation counts),
:mod:`~coursekit.models.laddering.value_map` (cutoffs, the hierarchical value map, abstractness,
centrality and dominant chains) and :mod:`~coursekit.models.laddering.customer_value`
(executive estimates against customer reports, competitive value; TB 6.1).
"""
from __future__ import annotations

from coursekit.models.laddering.ladders import (
    LEVELS,
    parse_ladders,
)
from coursekit.models.laddering.implications import (
    ImplicationMatrix,
    implication_matrix,
)
from coursekit.models.laddering.value_map import (
    cutoff_table,
    hierarchical_value_map,
    abstractness,
    centrality,
    dominant_chains,
)
from coursekit.models.laddering.customer_value import (
    IMPORTANCE_LEVELS,
    IMPORTANCE_SCORES,
    BANK_CONTEXT_STATEMENT,
    BANK_MANAGER_ATTRIBUTES,
    BANK_MANAGER_TOP4,
    BANK_CUSTOMER_VIEW,
    BANK_INTERVIEWS,
    END_VALUES,
    ATT_SATISFACTION,
    ImportanceProfile,
    importance_scores,
    importance_profile,
    belief_vs_expectation,
    belief_vs_competitor,
    competitive_value,
    executive_vs_customer,
)

__all__ = [
    "LEVELS",
    "parse_ladders",
    "ImplicationMatrix",
    "implication_matrix",
    "cutoff_table",
    "hierarchical_value_map",
    "abstractness",
    "centrality",
    "dominant_chains",
    "IMPORTANCE_LEVELS",
    "IMPORTANCE_SCORES",
    "BANK_CONTEXT_STATEMENT",
    "BANK_MANAGER_ATTRIBUTES",
    "BANK_MANAGER_TOP4",
    "BANK_CUSTOMER_VIEW",
    "BANK_INTERVIEWS",
    "END_VALUES",
    "ATT_SATISFACTION",
    "ImportanceProfile",
    "importance_scores",
    "importance_profile",
    "belief_vs_expectation",
    "belief_vs_competitor",
    "competitive_value",
    "executive_vs_customer",
]
