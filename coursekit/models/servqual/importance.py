"""Importance-performance analysis: which attributes to concentrate on.

Not from the textbook: Martilla & James (1977), "Importance-performance analysis", *Journal of
Marketing* 41(1), 77-79.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_number

__all__ = [
    "importance_performance",
]


def importance_performance(importance: Any, performance: Any, *, importance_cut: float | None = None,
                           performance_cut: float | None = None) -> pd.DataFrame:
    """Importance-performance matrix: quadrant of each attribute.

    Cuts default to the means. High importance & low performance -> ``"concentrate here"``,
    high & high -> ``"keep up the good work"``, low & low -> ``"low priority"``, low & high ->
    ``"possible overkill"``. Not from the textbook: Martilla & James (1977),
    "Importance-performance analysis", *Journal of Marketing* 41(1), 77-79.

    >>> ipa = importance_performance({"a": 40, "b": 10, "c": 30, "d": 20},
    ...                              {"a": 4.0, "b": 6.0, "c": 6.5, "d": 4.5})
    >>> ipa["quadrant"].tolist()
    ['concentrate here', 'possible overkill', 'keep up the good work', 'low priority']
    """
    imp = pd.Series(importance, dtype=float) if not isinstance(importance, pd.Series) else importance
    perf = pd.Series(performance, dtype=float) if not isinstance(performance, pd.Series) \
        else performance
    if not imp.index.equals(perf.index):
        raise ValueError("importance and performance must cover the same attributes in the same "
                         f"order; got {list(imp.index)} and {list(perf.index)}")
    i_val = as_float_array(imp.to_numpy(), "importance")
    p_val = as_float_array(perf.to_numpy(), "performance")
    i_cut = i_val.mean() if importance_cut is None else check_number(importance_cut, "importance_cut")
    p_cut = p_val.mean() if performance_cut is None else check_number(performance_cut,
                                                                      "performance_cut")
    high_i, high_p = i_val >= i_cut, p_val >= p_cut
    quadrant = np.where(high_i, np.where(high_p, "keep up the good work", "concentrate here"),
                        np.where(high_p, "possible overkill", "low priority"))
    return pd.DataFrame({"importance": i_val, "performance": p_val, "quadrant": quadrant},
                        index=imp.index)
