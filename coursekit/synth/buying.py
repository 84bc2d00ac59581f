"""Synthetic data for module 02 (buying behaviour).

* :func:`vacuum_models` - the textbook's vacuum-cleaner shortlist (TB 1.1): five models on the
  six criteria the text names. The text gives no attribute values, so the values are invented
  (plausible 2020s mid-range vacuums) and chosen so that the compensatory rule puts Model A
  first and Model B second, while Model A is out of stock for three days, as in the text.
* :func:`purchase_journeys` - 600 simulated shoppers walking through the five-stage buying
  process, with involvement-dependent drop-out (simple decisions skip stages 2 and 3).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["vacuum_models", "purchase_journeys"]


def vacuum_models() -> pd.DataFrame:
    """Five short-listed vacuum cleaners on the textbook's six criteria (synthetic values).

    >>> vacuum_models().shape
    (5, 8)
    """
    return pd.DataFrame(
        {
            "model": ["Model A", "Model B", "Model C", "Model D", "Model E"],
            "price": [329.0, 279.0, 149.0, 399.0, 219.0],
            "suction_power": [250.0, 220.0, 120.0, 270.0, 180.0],
            "warranty": [5, 3, 1, 2, 2],
            "weight": [6.5, 5.8, 7.5, 8.2, 6.0],
            "noise_level": [72.0, 75.0, 80.0, 70.0, 83.0],
            "ease_of_attachments": [5, 4, 2, 3, 3],
            "days_until_available": [3, 0, 0, 0, 7],
        }
    )


def purchase_journeys(n: int = 600, seed: int = 2021) -> pd.DataFrame:
    """Simulated shoppers and the furthest buying-process stage each reached.

    Involvement is drawn low/moderate/high with shares 0.4/0.35/0.25; low-involvement shoppers
    make simple decisions (stages 2 and 3 are skipped, recorded as passed). Continuation
    probabilities per stage (1->2, 2->3, 3->4, 4->5) are assumptions for teaching:
    low (1, 1, 0.7, 0.95), moderate (0.8, 0.85, 0.6, 0.9), high (0.7, 0.75, 0.5, 0.85).
    ``satisfied`` is drawn only for buyers (stage 5) with probability 0.8.

    >>> d = purchase_journeys()
    >>> list(d.columns), len(d)
    (['shopper_id', 'involvement', 'decision', 'stage_reached', 'satisfied'], 600)
    """
    rng = np.random.default_rng(seed)
    levels = np.array(["low", "moderate", "high"])
    inv = rng.choice(levels, size=n, p=[0.4, 0.35, 0.25])
    rates = {
        "low": [1.0, 1.0, 0.7, 0.95],
        "moderate": [0.8, 0.85, 0.6, 0.9],
        "high": [0.7, 0.75, 0.5, 0.85],
    }
    p = np.array([rates[v] for v in inv])                   # (n, 4)
    go_on = rng.random((n, 4)) < p
    stage = 1 + np.cumprod(go_on, axis=1).sum(axis=1)       # furthest stage 1..5
    satisfied = np.where(stage == 5, rng.random(n) < 0.8, False)
    return pd.DataFrame(
        {
            "shopper_id": np.arange(1, n + 1),
            "involvement": inv,
            "decision": np.where(inv == "low", "simple", "complex"),
            "stage_reached": stage.astype(np.int64),
            "satisfied": satisfied,
        }
    )
