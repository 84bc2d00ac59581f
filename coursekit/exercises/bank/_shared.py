"""Helpers shared by several question banks (not a bank itself: ``BANKS`` does not list it)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def rounded_weights(rng: np.random.Generator, names: Sequence[str]) -> dict[str, float]:
    """Random importance weights for ``names`` (Dirichlet(1, ..., 1)), rounded to cents.

    The last weight takes up the rounding, so the weights add up to exactly 1.

    >>> w = rounded_weights(np.random.default_rng(0), ["price", "location", "comfort"])
    >>> list(w), round(sum(w.values()), 10)
    (['price', 'location', 'comfort'], 1.0)
    """
    w = rng.dirichlet(np.ones(len(names))).round(2)
    w[-1] = round(1 - w[:-1].sum(), 2)
    return dict(zip(names, w.tolist()))
