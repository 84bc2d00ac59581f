"""Customer lifetime value: from the textbook's "$75 x 30% x 5" to retention-based NPV.

Textbook sources (BMT 1650 *Customer Service*, Perry & Benbow 2021):

* 7.4 (l.3028-3038), the **simple CLV**: dollar value of purchase x gross profit percent x
  number of purchases, so $75 x 30% x 1 = $22.50 and $75 x 30% x 5 = $112.50.
* 4.2 (l.1310-1312), CLV = revenue generated - cost generated, carried over the **projected
  retention rate**, valued as a **net present value** (the Harvard Business School calculator).
* 4.2 Exercise 1 (l.1435-1442), the HBS exercise: $250 per purchase, 4 purchases per period,
  $30 marketing cost per period, 20% gross margin, retention 25-90%, discount rate 10%.

The textbook does not say *when* in a period a margin arrives, and the published CLV formulas
disagree on exactly that. :func:`retention_clv` makes the choice explicit through ``timing``.
With margin ``m`` per period, retention ``r``, discount rate ``d`` and margin growth ``g``
(Not from the textbook: Fader & Hardie 2012, "Reconciling and clarifying CLV formulas",
http://brucehardie.com/notes/024/; Gupta & Lehmann 2003, "Customers as assets", *Journal of
Interactive Marketing* 17(1), 9-24):

=============  ==========================  ==================================================
``timing``     infinite-horizon CLV        meaning
=============  ==========================  ==================================================
``"start"``    m(1+d) / (1+d-r(1+g))       first margin booked now, at the start of period 1
                                           (Blattberg et al. 2008; Steenburgh & Avery 2011,
                                           the HBS Marketing Analysis Toolkit)
``"end"``      m / (1+d-r(1+g))            first margin booked at the end of period 1
                                           (Ofek 2002; Davis 2007)
``"retained"`` m r / (1+d-r(1+g))          a margin is earned only after the customer is
                                           retained: the Gupta-Lehmann margin multiple
                                           (Gupta & Lehmann 2003; Kotler & Keller 2012)
=============  ==========================  ==================================================

All three are the same geometric series ``factor x m x sum_k q^k`` with ``q = r(1+g)/(1+d)``;
they differ only in ``factor`` (1, 1/(1+d) or r/(1+d)).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_float_array,
    check_choice,
    check_columns,
    check_integer,
    check_nonnegative,
    check_number,
    check_probability,
)

__all__ = [
    "TIMINGS",
    "HBS_RETENTIONS",
    "simple_clv",
    "period_margin",
    "retention_clv",
    "expected_lifetime",
    "breakeven_retention",
    "retention_sweep",
    "segment_clv",
    "HBSExercise",
    "hbs_exercise",
    "repeat_purchase_tracking",
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


def segment_clv(segments: pd.DataFrame, discount_rate: float, *, timing: str = "start",
                margin: str = "margin", retention: str = "retention",
                customers: str | None = "customers", acquisition_cost: float = 0.0,
                periods: int | None = None) -> pd.DataFrame:
    """CLV per segment: "Not all customers are the same" (TB 4.2, l.1314).

    Adds ``clv`` (:func:`retention_clv` with each segment's margin and retention) and
    ``expected_lifetime``; when a ``customers`` column is present also ``segment_value`` =
    customers x clv, ``customer_share`` and ``value_share`` (shares of the totals).

    >>> seg = pd.DataFrame({"margin": [300.0, 100.0], "retention": [0.8, 0.5],
    ...                     "customers": [150, 850]}, index=["loyal", "occasional"])
    >>> segment_clv(seg, 0.10)[["clv", "value_share"]].round(3)
                     clv  value_share
    loyal       1100.000        0.514
    occasional   183.333        0.486
    """
    cols = [margin, retention]
    check_columns(segments, "segments", cols)
    has_customers = customers is not None and customers in segments.columns
    out = segments.copy()
    r = check_probability(segments[retention].to_numpy(dtype=float), "retention",
                          open_high=True)
    out["clv"] = retention_clv(segments[margin].to_numpy(dtype=float), r, discount_rate,
                               timing=timing, acquisition_cost=acquisition_cost,
                               periods=periods)
    out["expected_lifetime"] = expected_lifetime(r)
    if has_customers:
        n = check_nonnegative(segments[customers].to_numpy(dtype=float), "customers")
        if np.sum(n) == 0:
            raise ValueError("customers must contain at least one customer")
        out["segment_value"] = n * out["clv"].to_numpy()
        out["customer_share"] = n / np.sum(n)
        total = out["segment_value"].sum()
        if total == 0:
            raise ValueError("segment values sum to 0, so value_share is undefined")
        out["value_share"] = out["segment_value"] / total
    return out


@dataclass(frozen=True, eq=False)
class HBSExercise:
    """TB 4.2 Exercise 1 (the HBS calculator), solved under every timing convention.

    ``table`` has one row per retention rate and one column per convention; ``answer_key``
    names the convention the course's answer key uses, and :attr:`answer` is that column.
    """

    spend_per_purchase: float
    purchases_per_period: float
    marketing_cost: float
    gross_margin: float
    discount_rate: float
    retentions: tuple[float, ...]
    margin: float
    periods: int | None
    table: pd.DataFrame = field(repr=False)
    answer_key: str = "start"
    note: str = field(default="", repr=False)

    @property
    def answer(self) -> pd.Series:
        """CLV per retention rate under the answer-key convention."""
        return self.table[self.answer_key].rename("clv")

    @property
    def uplift(self) -> pd.Series:
        """CLV at the highest retention divided by CLV at the lowest, per convention."""
        t = self.table[list(TIMINGS)]
        return (t.iloc[-1] / t.iloc[0]).rename("uplift")

    def __str__(self) -> str:  # a readable summary for notebooks
        return (f"HBS exercise: m = {self.margin:.2f} per period, d = {self.discount_rate:.0%}"
                f", answer key = {self.answer_key!r}\n{self.table.round(2).to_string()}")


def hbs_exercise(periods: int | None = None, *, answer_key: str = "start") -> HBSExercise:
    """Textbook 4.2 Exercise 1 (l.1435-1442) under all three timing conventions.

    Inputs (from the textbook): $250 per purchase, 4 purchases per period, $30 direct marketing
    cost per period, 20% gross margin, retention 25%, 35%, 50%, 70%, 80%, 90%, discount rate
    10%. So m = 250 x 4 x 0.20 - 30 = $170 per period. The textbook gives no acquisition
    cost, so none is subtracted.

    The course's answer key uses ``"start"`` = m(1+d)/(1+d-r), the formula of the HBS
    Marketing Analysis Toolkit note (Steenburgh & Avery 2011, as identified by Fader & Hardie
    2012); the original HBS calculator is no longer online. Not from the textbook: the timing
    conventions (Fader & Hardie 2012, "Reconciling and clarifying CLV formulas").

    >>> ex = hbs_exercise()
    >>> ex.margin
    170.0
    >>> ex.table.loc[0.25, ["start", "end", "retained"]].round(2).tolist()
    [220.0, 200.0, 50.0]
    >>> round(float(ex.uplift["end"]), 2)   # retention 25% -> 90% multiplies CLV by 4.25
    4.25
    """
    answer_key = check_choice(answer_key, "answer_key", TIMINGS)
    spend, n, cost, gm, d = 250.0, 4.0, 30.0, 0.20, 0.10
    m = float(period_margin(spend, n, gm, cost))
    table = retention_sweep(m, d, HBS_RETENTIONS, periods=periods)
    note = ("Answer key: timing='start', m(1+d)/(1+d-r), as in the HBS toolkit note "
            "(Steenburgh & Avery 2011). 'end' = m/(1+d-r); 'retained' = m r/(1+d-r).")
    return HBSExercise(spend_per_purchase=spend, purchases_per_period=n, marketing_cost=cost,
                       gross_margin=gm, discount_rate=d, retentions=HBS_RETENTIONS, margin=m,
                       periods=periods, table=table, answer_key=answer_key, note=note)


def repeat_purchase_tracking(model, transactions: pd.DataFrame, customer: str, date: str, *,
                             start: str | pd.Timestamp | None = None,
                             end: str | pd.Timestamp | None = None,
                             time_unit: str = "W") -> pd.DataFrame:
    """Repeat purchases per period, observed and expected by a fitted BTYD model.

    Purchases are aggregated to days (several on one day count as one). Customer ``i`` makes a
    first purchase at time ``s_i`` (in ``time_unit`` from ``start``); the model's expected
    cumulative repeat purchases of the whole base by time ``t`` are

    .. math:: \\hat N(t) = \\sum_i E[X(\\max(t - s_i, 0))]

    computed once per distinct first-purchase day. Columns: ``actual`` and ``expected``
    repeat purchases in each period (index 1, 2, ... = period ending at that time) and their
    cumulative sums. ``model`` needs ``expected_purchases(t)`` (e.g. a fitted BGNBD), fitted
    in the same ``time_unit``. Not from the textbook: the tracking plot of Fader, Hardie & Lee
    (2005), "Counting your customers the easy way", *Marketing Science* 24(2), 275-284.

    >>> log = pd.DataFrame({"id": [1, 1, 2], "day": ["2024-01-01", "2024-01-09", "2024-01-02"]})
    >>> class Poisson:  # one purchase per week, for illustration
    ...     def expected_purchases(self, t):
    ...         return np.asarray(t, dtype=float)
    >>> repeat_purchase_tracking(Poisson(), log, "id", "day", end="2024-01-15")[["actual", "expected"]].round(2)
            actual  expected
    period
    1            0      1.86
    2            1      2.29
    """
    if not hasattr(model, "expected_purchases"):
        raise TypeError("model must be a fitted BTYD model with expected_purchases(t), "
                        "e.g. BGNBD().fit(...)")
    check_columns(transactions, "transactions", [customer, date])
    per_unit = {"D": 1.0, "W": 7.0}[check_choice(time_unit, "time_unit", ("D", "W"))]
    days = pd.to_datetime(transactions[date]).dt.normalize()
    if days.isna().any():
        raise ValueError(f"transactions column {date!r} (date) has missing dates")
    log = pd.DataFrame({"c": transactions[customer].to_numpy(), "day": days.to_numpy()})
    log = log.drop_duplicates()
    t0 = log["day"].min() if start is None else pd.Timestamp(start)
    t1 = log["day"].max() if end is None else pd.Timestamp(end)
    if t1 <= t0:
        raise ValueError(f"end ({t1.date()}) must be after start ({t0.date()})")
    log["t"] = (log["day"] - t0).dt.days / per_unit
    first = log.groupby("c")["t"].transform("min")
    repeats = log.loc[log["t"] > first, "t"]
    n_periods = int(np.ceil((t1 - t0).days / per_unit))
    edges = np.arange(n_periods + 1, dtype=float)
    edges[-1] = (t1 - t0).days / per_unit + 1.0 / per_unit  # the last period ends with t1
    actual = np.histogram(repeats, bins=edges)[0] if len(repeats) else np.zeros(n_periods)
    starts = log.groupby("c")["t"].min().value_counts()
    ages = np.maximum(edges[:, None] - starts.index.to_numpy()[None, :], 0.0)
    cumulative = np.asarray(model.expected_purchases(ages), dtype=float) @ starts.to_numpy()
    expected = np.diff(cumulative)
    out = pd.DataFrame({"actual": actual.astype("int64"), "expected": expected},
                       index=pd.RangeIndex(1, n_periods + 1, name="period"))
    out["actual_cumulative"] = out["actual"].cumsum()
    out["expected_cumulative"] = out["expected"].cumsum()
    return out
