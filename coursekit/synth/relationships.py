"""Synthetic data for module 11 (relationships and loyalty).

* :func:`stage_panel` - 400 customers followed for 12 quarters through the four relationship
  stages of seed S2 (strangers, acquaintances, friends, partners), simulated from the known
  chain :data:`coursekit.models.relationships.EXAMPLE_MATRIX` (assumed probabilities, not from
  the textbook). Students estimate the transition matrix from the panel and compare it with
  the ground truth.
* :func:`profit_chain_panel` - 80 bank branches over 8 quarters, generated link by link along
  the service-profit chain of Heskett et al. (1994) with the known coefficients
  :data:`PROFIT_CHAIN_TRUTH` (assumptions, not estimates), so that the chain of regressions of
  :func:`coursekit.models.relationships.profit_chain` can be checked against the truth.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["stage_panel", "PROFIT_CHAIN_TRUTH", "profit_chain_panel"]


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


#: The generating truth of :func:`profit_chain_panel`: intercept, slopes (per unit of each
#: predictor) and noise standard deviation of each link (assumed, not estimated from data).
PROFIT_CHAIN_TRUTH: dict[str, dict] = {
    "employee_satisfaction": {"intercept": 1.5, "slopes": {"internal_service_quality": 0.60},
                              "noise_sd": 0.45},
    "employee_retention": {"intercept": 55.0, "slopes": {"employee_satisfaction": 5.0},
                           "noise_sd": 4.0},
    "employee_productivity": {"intercept": 20.0, "slopes": {"employee_satisfaction": 3.0},
                              "noise_sd": 3.0},
    "service_value": {"intercept": 0.5, "slopes": {"employee_retention": 0.03,
                                                   "employee_productivity": 0.05},
                      "noise_sd": 0.4},
    "customer_satisfaction": {"intercept": 1.0, "slopes": {"service_value": 0.75},
                              "noise_sd": 0.45},
    "customer_loyalty": {"intercept": 45.0, "slopes": {"customer_satisfaction": 8.0},
                         "noise_sd": 4.0},
    "revenue_growth": {"intercept": -20.0, "slopes": {"customer_loyalty": 0.30},
                       "noise_sd": 2.0},
}


def profit_chain_panel(n_branches: int = 80, quarters: int = 8,
                       seed: int = 1995) -> pd.DataFrame:
    """A bank's branches by quarter, generated link by link from :data:`PROFIT_CHAIN_TRUTH`.

    Internal service quality (1-7) = 4.5 + branch effect N(0, 0.6) + N(0, 0.4); then each
    variable = intercept + sum(slope x predictor) + N(0, noise_sd), in the order of the chain
    (Heskett et al. 1994). Values rounded to 2 decimals.

    >>> d = profit_chain_panel()
    >>> len(d), d.columns[:3].tolist()
    (640, ['branch', 'quarter', 'internal_service_quality'])
    """
    rng = np.random.default_rng(seed)
    n = n_branches * quarters
    branch = np.repeat(np.arange(1, n_branches + 1), quarters)
    quarter = np.tile(np.arange(1, quarters + 1), n_branches)
    branch_effect = rng.normal(0.0, 0.6, n_branches)
    values = {"internal_service_quality": 4.5 + branch_effect[branch - 1]
              + rng.normal(0.0, 0.4, n)}
    for outcome, law in PROFIT_CHAIN_TRUTH.items():
        mean = law["intercept"] + sum(b * values[x] for x, b in law["slopes"].items())
        values[outcome] = mean + rng.normal(0.0, law["noise_sd"], n)
    frame = pd.DataFrame({"branch": branch, "quarter": quarter})
    for name, v in values.items():
        frame[name] = np.round(v, 2)
    return frame
