"""Grids and paths that describe a fitted transaction model (inputs to the BTYD figures).

Not from the textbook: the frequency-recency matrix and the P(alive) history follow Fader,
Hardie and Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis",
*Journal of Marketing Research* 42(4), 415-430, and the plots of the lifetimes library.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import (as_float_array, check_choice, check_integer, check_nonnegative,
                                 check_positive)

__all__ = ["frequency_recency_grid", "prob_alive_path"]

QUANTITIES = ("prob_alive", "expected_purchases")


def frequency_recency_grid(model: Any, T: float, *, max_frequency: int = 20,
                           n_recency: int = 40, quantity: str = "prob_alive",
                           t: float = 1.0) -> pd.DataFrame:
    """``quantity`` for every ``(frequency, recency)`` of customers observed for ``T``.

    Rows are frequencies ``0..max_frequency``, columns ``n_recency`` recencies from 0 to ``T``.
    ``quantity`` is ``"prob_alive"`` or ``"expected_purchases"`` (in the next ``t`` time
    units). Cells with ``frequency == 0`` and ``recency > 0`` are impossible and hold NaN
    (declared, not silent: they are masked in the heat map). For the BG/NBD the cell
    ``frequency == 0`` always holds P(alive) = 1: an artefact of the model, which lets a customer
    drop out only right after a repeat purchase, not evidence that one-off buyers are alive
    (the Pareto/NBD fitted on CDNOW gives about 0.30 for the same customer).

    >>> from coursekit.models.btyd import BGNBD
    >>> bg = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> g = frequency_recency_grid(bg, 38.86, max_frequency=3, n_recency=3)
    >>> g.round(3)
    recency    0.00   19.43  38.86
    frequency                     
    0          1.000    NaN    NaN
    1          0.152  0.593  0.754
    2          0.025  0.532  0.812
    3          0.003  0.447  0.848
    """
    if not hasattr(model, "prob_alive"):
        raise TypeError("model must be a fitted BGNBD or ParetoNBD model")
    big_t = float(check_positive(T, "T"))
    max_frequency = check_integer(max_frequency, "max_frequency", low=1)
    n_recency = check_integer(n_recency, "n_recency", low=2)
    quantity = check_choice(quantity, "quantity", QUANTITIES)
    t = float(check_positive(t, "t"))
    freq = np.arange(max_frequency + 1, dtype=float)
    rec = np.linspace(0.0, big_t, n_recency)
    ff, rr = np.meshgrid(freq, rec, indexing="ij")
    possible = (ff > 0) | (rr == 0)
    f_, r_ = ff[possible], rr[possible]
    if quantity == "prob_alive":
        values = model.prob_alive(f_, r_, np.full(f_.shape, big_t))
    else:
        values = model.conditional_expected_purchases(t, f_, r_, np.full(f_.shape, big_t))
    grid = np.full(ff.shape, np.nan)
    grid[possible] = values
    return pd.DataFrame(grid, index=pd.Index(freq.astype(int), name="frequency"),
                        columns=pd.Index(np.round(rec, 2), name="recency"))


def prob_alive_path(model: Any, purchase_times: Any, T: float, *,
                    n_points: int = 200) -> pd.DataFrame:
    """P(alive) of one customer over her history, from the first purchase to ``T``.

    ``purchase_times`` are the times of all her purchases (the first at 0, same unit as the
    model); at each time ``u`` on a grid (plus every purchase time) the model is evaluated at
    the history known then: ``x(u)`` repeat purchases, last at ``t_x(u)``, observed for ``u``.
    P(alive) jumps up at each purchase (to 1 under the Pareto/NBD; under the BG/NBD she may
    drop out right after buying, so to ``(b+x-1)/(a+b+x-1)``) and decays while she is silent.

    >>> from coursekit.models.btyd import BGNBD
    >>> bg = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> path = prob_alive_path(bg, [0, 2, 20], 38.86, n_points=5)
    >>> path.round(3).tail(3).to_dict("list")
    {'time': [20.0, 29.145, 38.86], 'frequency': [2, 2, 2], 'prob_alive': [0.812, 0.679, 0.545]}
    """
    if not hasattr(model, "prob_alive"):
        raise TypeError("model must be a fitted BGNBD or ParetoNBD model")
    times = np.sort(np.atleast_1d(as_float_array(purchase_times, "purchase_times")))
    big_t = float(check_positive(T, "T"))
    n_points = check_integer(n_points, "n_points", low=2)
    check_nonnegative(times, "purchase_times")
    if times[0] != 0:
        raise ValueError("purchase_times must start with the first purchase at time 0")
    if times[-1] > big_t:
        raise ValueError("purchase_times must be <= T (the end of observation)")
    grid = np.union1d(np.linspace(0.0, big_t, n_points), times)
    grid = grid[grid > 0]
    x = np.searchsorted(times, grid, side="right") - 1          # repeat purchases by u
    t_x = times[x]                                                # last purchase by u
    alive = model.prob_alive(x, t_x, grid)
    return pd.DataFrame({"time": np.r_[0.0, grid], "frequency": np.r_[0, x].astype("int64"),
                         "prob_alive": np.r_[1.0, alive]})
