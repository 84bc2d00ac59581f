"""Module 05, RFM and the customer value matrix (TB 4.2): segmenting customers by recency,
frequency and monetary value, and how concentrated sales are across customers.

Files: :mod:`~coursekit.models.rfm.scores` (the RFM table from a transaction log, quintile
scores, the four cells of the customer value matrix, segment summaries and the concentration
curve).
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

__all__ = [
    "CELLS",
    "rfm_table",
    "quantile_scores",
    "rfm_scores",
    "value_matrix",
    "segment_summary",
    "concentration_curve",
    "top_share",
]
