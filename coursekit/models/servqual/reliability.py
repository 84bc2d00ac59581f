"""Reliability of a multi-item scale: Cronbach's alpha per SERVQUAL dimension.

Not from the textbook: Cronbach (1951), "Coefficient alpha and the internal structure of tests",
*Psychometrika* 16, 297-334.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array
from coursekit.models.servqual.instrument import DIMENSIONS, _ITEM_DIM, as_item_frame, _complete

__all__ = [
    "cronbach_alpha", "reliability_table",
]


def _as_matrix(items: Any, name: str, missing: str) -> np.ndarray:
    frame = items if isinstance(items, pd.DataFrame) else pd.DataFrame(np.asarray(items, float))
    try:
        values = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numeric item scores") from None
    if values.ndim != 2:
        raise ValueError(f"{name} must be 2-D (respondents x items)")
    values = _complete({name: pd.DataFrame(values)}, missing)[name].to_numpy()
    return as_float_array(values, name)


def cronbach_alpha(items: Any, *, missing: str = "raise") -> float:
    """Cronbach's alpha of a respondents x k item matrix.

    ``alpha = k/(k-1) * (1 - sum_i s_i^2 / s_T^2)`` with sample variances (ddof=1) of each item
    and of the total score. Not from the textbook: Cronbach (1951), "Coefficient alpha and the
    internal structure of tests", *Psychometrika* 16, 297-334.

    >>> round(cronbach_alpha([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]]), 4)
    0.9825
    """
    x = _as_matrix(items, "items", missing)
    n, k = x.shape
    if k < 2 or n < 2:
        raise ValueError(f"items needs at least 2 respondents and 2 items; got {n} x {k}")
    total_var = x.sum(axis=1).var(ddof=1)
    if total_var == 0:
        raise ValueError("items have a constant total score; alpha is undefined")
    return float(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total_var))


def reliability_table(item_scores: Any, *, missing: str = "raise") -> pd.DataFrame:
    """Cronbach's alpha and mean inter-item correlation per dimension (and for all 22 items).

    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(200, 5)).repeat([4, 5, 4, 4, 5], axis=1)
    >>> t = reliability_table(f + rng.normal(scale=0.5, size=(200, 22)))
    >>> t["n_items"].tolist(), bool((t.loc[list(DIMENSIONS), "alpha"] > 0.9).all())
    ([4, 5, 4, 4, 5, 22], True)
    """
    frame = _complete({"item_scores": as_item_frame(item_scores, "item_scores")},
                      missing)["item_scores"]
    rows = []
    for dim in (*DIMENSIONS, "all items"):
        cols = frame.columns if dim == "all items" else frame.columns[_ITEM_DIM == dim]
        sub = frame[cols].to_numpy()
        corr = np.corrcoef(sub, rowvar=False)
        rows.append({"dimension": dim, "items": f"{cols[0]}-{cols[-1]}", "n_items": len(cols),
                     "alpha": cronbach_alpha(sub),
                     "mean_inter_item_r": corr[np.triu_indices_from(corr, 1)].mean()})
    return pd.DataFrame(rows).set_index("dimension")
