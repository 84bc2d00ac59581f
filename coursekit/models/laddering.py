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

The code lives in concept modules, re-exported here so ``coursekit.models.laddering`` keeps its
names: :mod:`~coursekit.models.ladders` (reading coded ladders),
:mod:`~coursekit.models.implication_matrix` (direct and indirect relation counts) and
:mod:`~coursekit.models.value_map` (cutoffs, the hierarchical value map, abstractness,
centrality and dominant chains).
"""
from __future__ import annotations

from coursekit.models.implication_matrix import ImplicationMatrix, implication_matrix
from coursekit.models.ladders import LEVELS, parse_ladders
from coursekit.models.value_map import (
    cutoff_table,
    hierarchical_value_map,
    abstractness,
    centrality,
    dominant_chains,
)

__all__ = [
    "LEVELS",
    "ImplicationMatrix",
    "parse_ladders",
    "implication_matrix",
    "cutoff_table",
    "hierarchical_value_map",
    "abstractness",
    "centrality",
    "dominant_chains",
]
