"""Synthetic data for module 11 (relationships and loyalty).

* :func:`stage_panel` - 400 customers followed for 12 quarters through the four relationship
  stages of seed S2 (strangers, acquaintances, friends, partners), simulated from the known
  chain :data:`coursekit.models.relationships.EXAMPLE_MATRIX` (assumed probabilities, not from
  the textbook). Students estimate the transition matrix from the panel and compare it with
  the ground truth.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["stage_panel"]


def stage_panel(n_customers: int = 400, periods: int = 12, seed: int = 11) -> pd.DataFrame:
    """Quarterly stage of each customer; everybody starts as a stranger in period 0.

    >>> d = stage_panel()
    >>> list(d.columns), len(d)
    (['customer_id', 'period', 'stage'], 5200)
    """
    from coursekit.models.relationships import EXAMPLE_MATRIX

    rng = np.random.default_rng(seed)
    cum = EXAMPLE_MATRIX.to_numpy().cumsum(axis=1)
    cum[:, -1] = 1.0
    states = np.zeros((periods + 1, n_customers), dtype=int)
    for t in range(1, periods + 1):
        u = rng.random(n_customers)
        states[t] = (u[:, None] > cum[states[t - 1]]).sum(axis=1)
    labels = np.asarray(EXAMPLE_MATRIX.index)
    return pd.DataFrame({
        "customer_id": np.tile(np.arange(1, n_customers + 1), periods + 1),
        "period": np.repeat(np.arange(periods + 1), n_customers),
        "stage": labels[states.ravel()],
    }).sort_values(["customer_id", "period"], kind="stable").reset_index(drop=True)
