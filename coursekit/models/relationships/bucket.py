"""The leaky bucket: customers in through the front door, out through the back (seed S0 l.13)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_integer, check_nonnegative, check_probability

__all__ = [
    "leaky_bucket", "leaky_bucket_steady_state",
]


def leaky_bucket(periods: int, initial: float, acquired: float, retention: float,
                 seed: int | None = None) -> pd.DataFrame:
    """Customers in through the front door, out through the back: ``N_{t+1} = r N_t + a``.

    With ``seed=None`` the expected (deterministic) path; with a seed, losses are binomial draws.

    >>> leaky_bucket(2, initial=100, acquired=20, retention=0.8)["end"].tolist()
    [100.0, 100.0, 100.0]
    """
    periods = check_integer(periods, "periods", low=1)
    n0 = check_nonnegative(initial, "initial")
    a = check_nonnegative(acquired, "acquired")
    r = check_probability(retention, "retention")
    rng = None if seed is None else np.random.default_rng(check_integer(seed, "seed", low=0))
    if rng is not None:
        n0, a = float(round(n0)), float(round(a))
    rows = [(0, 0.0, 0.0, 0.0, n0)]
    n = n0
    for t in range(1, periods + 1):
        kept = r * n if rng is None else float(rng.binomial(int(n), r))
        lost = n - kept
        rows.append((t, n, a, lost, kept + a))
        n = kept + a
    return pd.DataFrame(rows, columns=["period", "start", "acquired", "lost", "end"])


def leaky_bucket_steady_state(acquired: float, retention: float) -> float:
    """Long-run customer base ``N* = a / (1 - r)`` (acquisitions times expected lifetime).

    >>> leaky_bucket_steady_state(20, 0.8)
    100.0
    """
    a = check_nonnegative(acquired, "acquired")
    r = check_probability(retention, "retention", open_high=True)
    return float(a / (1 - r))
