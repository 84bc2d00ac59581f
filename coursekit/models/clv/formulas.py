"""CLV formulas: the textbook's simple CLV and retention-based NPV under three timing conventions.

Textbook sources: 7.4 (l.3028-3038), the simple CLV "$75 x 30% x 5"; 4.2 (l.1310-1312), CLV as
revenue minus cost carried over the projected retention rate and valued as a net present value.
The timing conventions of :func:`retention_clv` (``"start"``, ``"end"``, ``"retained"``) are
tabulated in :mod:`coursekit.models.clv`. Not from the textbook: Fader & Hardie 2012,
"Reconciling and clarifying CLV formulas", http://brucehardie.com/notes/024/; Gupta & Lehmann
2003, "Customers as assets", *Journal of Interactive Marketing* 17(1), 9-24.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_float_array,
    check_choice,
    check_integer,
    check_nonnegative,
    check_number,
    check_probability,
)

__all__ = [
    "TIMINGS", "HBS_RETENTIONS", "simple_clv", "period_margin", "retention_clv",
    "expected_lifetime", "breakeven_retention", "retention_sweep",
]

#: The three timing conventions of :func:`retention_clv` (Fader & Hardie 2012).
TIMINGS: tuple[str, ...] = ("start", "end", "retained")

#: The retention rates of textbook 4.2 Exercise 1.
HBS_RETENTIONS: tuple[float, ...] = (0.25, 0.35, 0.50, 0.70, 0.80, 0.90)


def _out(value: np.ndarray, *inputs: object) -> float | np.ndarray:
    """A Python float when every input was a scalar, otherwise the array."""
    if np.ndim(value) == 0 and not any(isinstance(x, np.ndarray) for x in inputs):
        return float(value)
    return value


def simple_clv(purchase_value: float, gross_margin: float,
               n_purchases: float) -> float | np.ndarray:
    """The textbook's simple CLV (TB 7.4, l.3028-3038), with no retention and no discounting.

    .. math:: \\text{CLV} = \\text{dollar value of purchase} \\times
              \\text{gross profit percent} \\times \\text{number of purchases}

    Parameters
    ----------
    purchase_value : dollars spent per purchase (>= 0).
    gross_margin : gross profit as a proportion of the purchase value, in [0, 1] (30% -> 0.3).
    n_purchases : number of purchases over the relationship (>= 0; may be an expected value).

    >>> simple_clv(75, 0.30, 1)
    22.5
    >>> simple_clv(75, 0.30, 5)
    112.5
    """
    value = check_nonnegative(purchase_value, "purchase_value")
    margin = check_probability(gross_margin, "gross_margin")
    n = check_nonnegative(n_purchases, "n_purchases")
    return _out(np.asarray(value * margin * n), purchase_value, gross_margin, n_purchases)


def period_margin(spend_per_purchase: float, purchases_per_period: float, gross_margin: float,
                  cost_per_period: float = 0.0) -> float | np.ndarray:
    """Net margin a customer leaves per period (TB 4.2: revenue generated - cost generated).

    .. math:: m = \\text{spend} \\times \\text{purchases per period} \\times
              \\text{gross margin} - \\text{cost per period}

    The result may be negative: a customer who costs more to serve than they bring in.

    >>> period_margin(250, 4, 0.20, 30)   # the HBS exercise of TB 4.2
    170.0
    """
    spend = check_nonnegative(spend_per_purchase, "spend_per_purchase")
    n = check_nonnegative(purchases_per_period, "purchases_per_period")
    gm = check_probability(gross_margin, "gross_margin")
    cost = check_nonnegative(cost_per_period, "cost_per_period")
    return _out(np.asarray(spend * n * gm - cost), spend_per_purchase, purchases_per_period,
                gross_margin, cost_per_period)


def _timing_factor(timing: str, retention: np.ndarray, discount_rate: np.ndarray) -> np.ndarray:
    if timing == "start":
        return np.ones_like(retention * discount_rate)
    if timing == "end":
        return 1.0 / (1.0 + discount_rate) + 0.0 * retention
    return retention / (1.0 + discount_rate)


def retention_clv(margin: float, retention: float, discount_rate: float, *,
                  timing: str = "start", acquisition_cost: float = 0.0, growth: float = 0.0,
                  periods: int | None = None) -> float | np.ndarray:
    """Net present value of a customer who stays each period with probability ``retention``.

    With ``q = r(1+g)/(1+d)`` and ``n = periods`` margin payments (``None`` = for ever):

    .. math:: \\text{CLV} = \\text{factor} \\cdot m \\sum_{k=0}^{n-1} q^k - AC,
              \\qquad \\text{factor} = 1,\\ \\tfrac{1}{1+d},\\ \\tfrac{r}{1+d}

    for ``timing`` = ``"start"``, ``"end"``, ``"retained"``. For ``n`` infinite this is

    * ``"start"``: m(1+d)/(1+d-r(1+g)) - AC (first margin now; Steenburgh & Avery 2011, the
      HBS toolkit, and the answer key of :func:`hbs_exercise`),
    * ``"end"``: m/(1+d-r(1+g)) - AC (first margin one period from now),
    * ``"retained"``: m r/(1+d-r(1+g)) - AC (Gupta & Lehmann 2003 margin multiple).

    Not from the textbook: the timing conventions, growth and the finite horizon follow
    Fader & Hardie (2012), "Reconciling and clarifying CLV formulas", and Gupta & Lehmann
    (2003), "Customers as assets". The textbook (TB 4.2, l.1310-1312) only says "net present
    value" using "the projected retention rate" and "the cost of acquiring a customer".

    Parameters
    ----------
    margin : net margin per period, ``m`` (see :func:`period_margin`); may be negative.
    retention : probability that a customer still active stays another period, in [0, 1].
        Not the churn rate: churn = 1 - retention.
    discount_rate : discount rate per period, ``d`` >= 0 (10% -> 0.10).
    timing : ``"start"``, ``"end"`` or ``"retained"`` (see above).
    acquisition_cost : ``AC`` >= 0, spent once to win the customer, subtracted.
    growth : margin growth per period, ``g`` > -1 (e.g. price inflation).
    periods : number of margin payments (a whole number >= 1), or ``None`` for an infinite
        horizon, which needs ``r(1+g) < 1+d``.

    >>> m = period_margin(250, 4, 0.20, 30)
    >>> [round(retention_clv(m, 0.25, 0.10, timing=t), 2) for t in TIMINGS]
    [220.0, 200.0, 50.0]
    >>> round(retention_clv(m, 0.90, 0.10, timing="end", periods=5), 2)
    538.35
    """
    timing = check_choice(timing, "timing", TIMINGS)
    m = as_float_array(margin, "margin")
    r = np.asarray(check_probability(retention, "retention"), dtype=float)
    d = np.asarray(check_nonnegative(discount_rate, "discount_rate"), dtype=float)
    ac = np.asarray(check_nonnegative(acquisition_cost, "acquisition_cost"), dtype=float)
    g = np.asarray(check_number(growth, "growth", low=-1.0, low_open=True), dtype=float)
    q = r * (1.0 + g) / (1.0 + d)
    if periods is None:
        if np.any(q >= 1.0):
            raise ValueError(
                "retention * (1 + growth) must be < 1 + discount_rate for an infinite horizon "
                "(the value would be infinite); lower retention or growth, raise "
                "discount_rate, or give a finite number of periods"
            )
        series = 1.0 / (1.0 - q)
    else:
        n = check_integer(periods, "periods", low=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            series = np.where(np.isclose(q, 1.0), float(n),
                              (1.0 - q ** n) / np.where(np.isclose(q, 1.0), 1.0, 1.0 - q))
    value = _timing_factor(timing, r, d) * m * series - ac
    return _out(np.asarray(value), margin, retention, discount_rate, acquisition_cost, growth)


def expected_lifetime(retention: float) -> float | np.ndarray:
    """Expected number of periods a new customer stays, counting the first one.

    .. math:: E[T] = \\sum_{t \\ge 1} r^{t-1} = \\frac{1}{1-r}

    A geometric lifetime: each period the customer leaves with probability 1 - r (the churn
    rate), so retention 0.8 means 5 periods on average. Not from the textbook (a standard
    result; Gupta & Lehmann 2003, "Customers as assets").

    >>> expected_lifetime(0.8)
    5.0
    >>> round(expected_lifetime(0.25), 2)
    1.33
    """
    r = check_probability(retention, "retention", open_high=True)
    return _out(np.asarray(1.0 / (1.0 - np.asarray(r))), retention)


def breakeven_retention(margin: float, acquisition_cost: float, discount_rate: float, *,
                        timing: str = "start", growth: float = 0.0) -> float:
    """Lowest retention at which an infinite-horizon CLV pays back the acquisition cost.

    Solving :func:`retention_clv` = 0 for ``r`` (``m`` > 0, ``AC`` > 0):

    * ``"start"``: r = (1+d)(1 - m/AC)/(1+g)
    * ``"end"``: r = (1+d - m/AC)/(1+g)
    * ``"retained"``: r = AC(1+d)/(m + AC(1+g))

    Returns 0.0 when even a customer who never returns pays back ``AC``. Not from the textbook
    (the acquisition-cost comparison is the HBS calculator's purpose, TB 4.2 l.1312).

    >>> round(breakeven_retention(170, 400, 0.10, timing="end"), 4)
    0.675
    >>> breakeven_retention(170, 100, 0.10)   # the first margin already covers AC
    0.0
    """
    timing = check_choice(timing, "timing", TIMINGS)
    m = float(check_number(margin, "margin", low=0.0, low_open=True))
    ac = float(check_number(acquisition_cost, "acquisition_cost", low=0.0, low_open=True))
    d = float(check_nonnegative(discount_rate, "discount_rate"))
    g = float(check_number(growth, "growth", low=-1.0, low_open=True))
    if timing == "start":
        r = (1 + d) * (1 - m / ac) / (1 + g)
    elif timing == "end":
        r = (1 + d - m / ac) / (1 + g)
    else:
        r = ac * (1 + d) / (m + ac * (1 + g))
    if r >= 1.0 or r * (1 + g) >= 1 + d:
        raise ValueError(
            f"acquisition_cost {ac:g} cannot be recovered at any retention below 1 with "
            f"margin {m:g} per period; lower acquisition_cost or raise margin"
        )
    return max(float(r), 0.0)


def retention_sweep(margin: float, discount_rate: float,
                    retentions: Sequence[float] = HBS_RETENTIONS, *,
                    timings: Sequence[str] = TIMINGS, acquisition_cost: float = 0.0,
                    growth: float = 0.0, periods: int | None = None) -> pd.DataFrame:
    """CLV over a range of retention rates, one column per timing convention.

    The table that answers TB 4.2 Exercise 1: "What impact does changing the customer
    retention have on the value of the customer?" Columns are the ``timings`` plus
    ``expected_lifetime`` = 1/(1-r); the index is ``retention``.

    >>> retention_sweep(170, 0.10, [0.25, 0.90]).round(2)
                start    end  retained  expected_lifetime
    retention
    0.25       220.0  200.0      50.0               1.33
    0.90       935.0  850.0     765.0              10.00
    """
    r = as_float_array(retentions, "retentions")
    if r.ndim != 1 or r.size == 0:
        raise ValueError("retentions must be a non-empty list of retention rates")
    check_probability(r, "retentions", open_high=True)
    timings = [check_choice(t, "timings", TIMINGS) for t in timings]
    table = pd.DataFrame(
        {t: retention_clv(margin, r, discount_rate, timing=t, acquisition_cost=acquisition_cost,
                          growth=growth, periods=periods) for t in timings},
        index=pd.Index(r, name="retention"),
    )
    table["expected_lifetime"] = expected_lifetime(r)
    return table
