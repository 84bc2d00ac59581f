"""Discounted expected value of a customer's purchases over a horizon (the CLV building block).

Not from the textbook: Fader, Hardie and Lee (2005), "RFM and CLV: using iso-value curves for
customer base analysis", *Journal of Marketing Research* 42(4), 415-430 (discounted expected
transactions times expected spend); the monthly discrete discounting follows the lifetimes
library (Davidson-Pilon et al., ``lifetimes.utils.customer_lifetime_value``). Named for what it
returns: over a finite horizon of ``months`` and with ``margin=1`` it is discounted *revenue* over
that horizon, not a lifetime value and not a margin, so both are arguments every caller states.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_integer, check_number, check_probability
from coursekit.models.btyd._base import check_rfm
from coursekit.models.btyd._units import UNIT_DAYS, unit_days

__all__ = ["discounted_expected_value"]

_BLOCK = 20_000  # customers per block of predictions


def discounted_expected_value(
    transaction_model: Any,
    spend_model: Any,
    frequency: Any,
    recency: Any,
    T: Any,
    monetary_value: Any,
    *,
    months: int,
    margin: float,
    discount_rate: float = 0.01,
    time_unit: str = "W",
) -> np.ndarray | pd.Series:
    r"""Discounted expected margin (``margin=1``: revenue) of each customer over the next ``months``.

    .. math::
        V_K = m \cdot E[\text{spend}] \sum_{k=1}^{K}
            \frac{E[Y(k\,u) - Y((k-1)\,u) \mid x, t_x, T]}{(1+d)^k}

    with ``u`` the number of model time units in a month, ``d`` the *monthly* discount rate,
    ``K`` = ``months`` the horizon, ``m`` the gross ``margin`` (1 = revenue) and ``E[spend]`` from ``spend_model``
    (e.g. :class:`GammaGamma`). ``transaction_model`` is a fitted :class:`BGNBD` or
    :class:`ParetoNBD` (anything with ``conditional_expected_purchases``). It approaches the
    customer's residual *lifetime* value only as ``months`` grows (Fader, Hardie & Lee 2005 use
    an infinite horizon); ``months`` and ``margin`` have no defaults so that every result says
    which horizon and which margin it is for.

    **The time-unit pitfall.** ``time_unit`` must be the unit in which ``recency`` and ``T``
    were measured when the model was fitted (CDNOW: weeks, ``"W"``). A month is 365.25/12 days
    = 4.35 weeks; declaring ``"D"`` for a model fitted in weeks would treat a month as 30.4
    *weeks* and inflate the CLV roughly sevenfold. Likewise ``discount_rate`` is per month: an
    annual rate of 12.7% is about 0.01 per month, not 0.127.

    >>> from coursekit.models.btyd import BGNBD, GammaGamma
    >>> bg = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> gg = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    >>> discounted_expected_value(bg, gg, [2, 0], [30.43, 0], [38.86, 38.86], [22.35, 0],
    ...                           months=12, margin=1.0).round(2)     # 12-month revenue
    array([36.31,  8.37])
    >>> discounted_expected_value(bg, gg, [2], [30.43], [38.86], [22.35],
    ...                           months=12, margin=0.3).round(2)     # 12-month gross margin
    array([10.89])
    """
    if not hasattr(transaction_model, "conditional_expected_purchases"):
        raise TypeError("transaction_model must be a fitted BGNBD or ParetoNBD model")
    if not hasattr(spend_model, "conditional_expected_spend"):
        raise TypeError("spend_model must be a fitted GammaGamma model")
    months = check_integer(months, "months", low=1)
    d = check_probability(discount_rate, "discount_rate")  # a percentage such as 5 gets a hint
    margin = check_number(margin, "margin", low=0, low_open=True)
    units_per_month = UNIT_DAYS["M"] / unit_days(time_unit)
    horizons = (np.arange(months + 1) * units_per_month)[:, None]
    x, t_x, big_t = check_rfm(frequency, recency, T)
    discount = (1.0 + d) ** -np.arange(1, months + 1)
    discounted = np.empty(len(x))
    # customers in blocks: the (months + 1) x block arrays stay in the processor's cache
    for start in range(0, len(x), _BLOCK):
        rows = slice(start, start + _BLOCK)
        cumulative = transaction_model.conditional_expected_purchases(horizons, x[rows],
                                                                      t_x[rows], big_t[rows])
        per_month = np.maximum(np.diff(cumulative, axis=0), 0.0)  # rounding never gives < 0
        discounted[rows] = discount @ per_month
    spend = spend_model.conditional_expected_spend(frequency, monetary_value)
    value = margin * spend * discounted
    if isinstance(frequency, pd.Series):
        return pd.Series(value, index=frequency.index, name="discounted_value")
    return value
