"""The gaps model of service quality, measured with SERVQUAL.

The textbook (5.1.11-5.1.16) defines service quality as the customer's comparison of
expectations with performance, and the *customer gap* (gap 5) as the difference between the
service a customer expected and the service the customer perceived. Gaps 1-4 are the *provider
gaps* that cause it (see :mod:`coursekit.models.gap_audit`).

Not from the textbook: the 22-item SERVQUAL instrument, its five dimensions and the gap score
``P - E`` (Parasuraman, Zeithaml & Berry 1988, "SERVQUAL: a multiple-item scale for measuring
consumer perceptions of service quality", *Journal of Retailing* 64(1), 12-40; item wording of
the revision in Parasuraman, Berry & Zeithaml 1991, "Refinement and reassessment of the SERVQUAL
scale", *Journal of Retailing* 67(4), 420-450); SERVPERF (Cronin & Taylor 1992); the zone of
tolerance measures MSA and MSS (Parasuraman, Zeithaml & Berry 1994, *Journal of Retailing* 70(3),
201-230) - seed 000 names the adequate and desired service levels that bound the zone.

Item responses are accepted *wide* (one row per respondent, one column per item: item numbers
``1..22`` or names ending in the item number such as ``"e01"``/``"p01"``), as a 2-D array, or
*long* (a DataFrame with columns ``respondent``, ``item``, ``score``). All 22 items are needed;
missing answers raise an error unless ``missing="drop"`` asks for listwise deletion.

>>> import numpy as np
>>> e = np.full((2, 22), 6.0); p = np.full((2, 22), 5.0)
>>> servqual_score(dimension_scores(gap_scores(e, p))).tolist()
[-1.0, -1.0]

The code lives in concept modules, re-exported here so ``coursekit.models.servqual`` keeps its
names: :mod:`~coursekit.models.servqual_instrument` (the 22 items, the five dimensions and
reading responses), :mod:`~coursekit.models.servqual_scores` (gap, dimension, SERVQUAL and
SERVPERF scores, the knowledge gap), :mod:`~coursekit.models.zone_of_tolerance`,
:mod:`~coursekit.models.servqual_reliability` (Cronbach's alpha) and
:mod:`~coursekit.models.importance_performance`.
"""
from __future__ import annotations

from coursekit.models.gap_audit import GAP_FACTORS, gap_audit  # re-exported (issue 4 contract)
from coursekit.models.importance_performance import importance_performance
from coursekit.models.servqual_instrument import (
    DIMENSIONS,
    ITEMS,
    ServqualItem,
    items_table,
    item_columns,
    as_item_frame,
)
from coursekit.models.servqual_reliability import cronbach_alpha, reliability_table
from coursekit.models.servqual_scores import (
    gap_scores,
    dimension_scores,
    servqual_score,
    servperf_score,
    knowledge_gap,
)
from coursekit.models.zone_of_tolerance import ZoneOfTolerance, zone_of_tolerance

__all__ = [
    "DIMENSIONS", "ITEMS", "ServqualItem", "GAP_FACTORS", "gap_audit", "items_table",
    "item_columns", "as_item_frame", "gap_scores", "dimension_scores", "servqual_score",
    "servperf_score", "ZoneOfTolerance", "zone_of_tolerance", "knowledge_gap",
    "cronbach_alpha", "reliability_table", "importance_performance",
]
