"""Synthetic data for module 13 (customer roles and service design).

* :func:`idea_pipeline` - 300 past new-service ideas with the screening score each received
  and whether it would have succeeded (known only in hindsight). Drawn from the equal-variance
  normal screening model of :func:`coursekit.models.design.simulate_screening` with 30 % good
  ideas, score means +1 / -1 and noise sd 1 (assumptions, not from the textbook).
"""
from __future__ import annotations

import pandas as pd

__all__ = ["idea_pipeline"]


def idea_pipeline(n_ideas: int = 300, seed: int = 13) -> pd.DataFrame:
    """Past ideas: ``idea``, ``would_succeed`` (bool) and ``score`` (3 decimals).

    >>> idea_pipeline().shape
    (300, 3)
    """
    from coursekit.models.design import simulate_screening

    return simulate_screening(n_ideas, prior_good=0.3, good_mean=1.0, bad_mean=-1.0,
                              noise_sd=1.0, seed=seed)
