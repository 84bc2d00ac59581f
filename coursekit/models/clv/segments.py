"""CLV per segment: "Not all customers are the same" (TB 4.2, l.1314)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_columns, check_nonnegative, check_probability
from coursekit.models.clv.formulas import retention_clv, expected_lifetime

__all__ = [
    "segment_clv",
]


def segment_clv(segments: pd.DataFrame, discount_rate: float, *, timing: str = "start",
                margin: str = "margin", retention: str = "retention",
                customers: str | None = "customers", acquisition_cost: float = 0.0,
                periods: int | None = None) -> pd.DataFrame:
    """CLV per segment: "Not all customers are the same" (TB 4.2, l.1314).

    Adds ``clv`` (:func:`retention_clv` with each segment's margin and retention) and
    ``expected_lifetime``; when a ``customers`` column is present also ``segment_value`` =
    customers x clv, ``customer_share`` and ``value_share`` (shares of the totals).

    >>> seg = pd.DataFrame({"margin": [300.0, 100.0], "retention": [0.8, 0.5],
    ...                     "customers": [150, 850]}, index=["loyal", "occasional"])
    >>> segment_clv(seg, 0.10)[["clv", "value_share"]].round(3)
                     clv  value_share
    loyal       1100.000        0.514
    occasional   183.333        0.486
    """
    cols = [margin, retention]
    check_columns(segments, "segments", cols)
    has_customers = customers is not None and customers in segments.columns
    out = segments.copy()
    r = check_probability(segments[retention].to_numpy(dtype=float), "retention",
                          open_high=True)
    out["clv"] = retention_clv(segments[margin].to_numpy(dtype=float), r, discount_rate,
                               timing=timing, acquisition_cost=acquisition_cost,
                               periods=periods)
    out["expected_lifetime"] = expected_lifetime(r)
    if has_customers:
        n = check_nonnegative(segments[customers].to_numpy(dtype=float), "customers")
        if np.sum(n) == 0:
            raise ValueError("customers must contain at least one customer")
        out["segment_value"] = n * out["clv"].to_numpy()
        out["customer_share"] = n / np.sum(n)
        total = out["segment_value"].sum()
        if total == 0:
            raise ValueError("segment values sum to 0, so value_share is undefined")
        out["value_share"] = out["segment_value"] / total
    return out
