"""Module 05, RFM and the customer value matrix (TB 4.2): segmenting customers by recency,
frequency and monetary value, and how concentrated sales are across customers.

Files: :mod:`~coursekit.models.rfm.scores` (the RFM table from a transaction log, quintile
scores, the four cells of the customer value matrix, segment summaries and the concentration
curve) and :mod:`~coursekit.models.rfm.mailing` (a test mailing's response rate per cell and
the break-even rule of whom to mail: what RFM was made for) and
:mod:`~coursekit.models.rfm.forecast_comparison` (RFM scores against the BG/NBD forecast on a
holdout period).
"""
from __future__ import annotations

from coursekit.models.rfm.scores import (
    CELLS,
    rfm_table,
    quantile_scores,
    rfm_scores,
    value_matrix,
    segment_summary,
    concentration_curve,
    top_share,
)
from coursekit.models.rfm.mailing import (
    breakeven_response_rate,
    response_by_cell,
    mailing_plan,
)
from coursekit.models.rfm.forecast_comparison import (
    expected_capture,
    ForecastComparison,
    compare_rfm_with_bgnbd,
)

__all__ = [
    "CELLS",
    "rfm_table",
    "quantile_scores",
    "rfm_scores",
    "value_matrix",
    "segment_summary",
    "concentration_curve",
    "top_share",
    "breakeven_response_rate",
    "response_by_cell",
    "mailing_plan",
    "expected_capture",
    "ForecastComparison",
    "compare_rfm_with_bgnbd",
]
