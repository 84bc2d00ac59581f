"""Tracking repeat purchases: observed against what a fitted BTYD model expects.

Not from the textbook: the tracking plot of Fader, Hardie & Lee (2005), "Counting your customers
the easy way", *Marketing Science* 24(2), 275-284.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_choice, check_columns
from coursekit.models.btyd.transaction_log import column_time_zone, cutoff_date, purchase_dates

__all__ = [
    "repeat_purchase_tracking",
]


def repeat_purchase_tracking(model, transactions: pd.DataFrame, customer: str, date: str, *,
                             start: str | pd.Timestamp | None = None,
                             end: str | pd.Timestamp | None = None,
                             time_unit: str = "W", dayfirst: bool | None = None
                             ) -> pd.DataFrame:
    """Repeat purchases per period, observed and expected by a fitted BTYD model.

    Purchases are aggregated to days (several on one day count as one). Customer ``i`` makes a
    first purchase at time ``s_i`` (in ``time_unit`` from ``start``); the model's expected
    cumulative repeat purchases of the whole base by time ``t`` are

    .. math:: \\hat N(t) = \\sum_i E[X(\\max(t - s_i, 0))]

    computed once per distinct first-purchase day. Columns: ``actual`` and ``expected``
    repeat purchases in each period (index 1, 2, ... = period ending at that time) and their
    cumulative sums. ``model`` needs ``expected_purchases(t)`` (e.g. a fitted BGNBD), fitted
    in the same ``time_unit``. Dates are read as by
    :func:`coursekit.models.btyd.summarize_transactions` (a time-zone-aware column on its own
    calendar, the zone dropped; ``dayfirst`` for strings such as ``"03/01/2024"``); a
    time-zone-aware ``start`` or ``end`` is converted to the column's zone. Not from the textbook: the tracking plot of Fader, Hardie & Lee
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
    zone = column_time_zone(transactions[date])
    days = purchase_dates(transactions[date], date, dayfirst=dayfirst).dt.normalize()
    if days.isna().any():
        raise ValueError(f"transactions column {date!r} (date) has missing dates")
    log = pd.DataFrame({"c": transactions[customer].to_numpy(), "day": days.to_numpy()})
    log = log.drop_duplicates()
    t0 = log["day"].min() if start is None else cutoff_date(start, "start", tz=zone,
                                                             dayfirst=dayfirst)
    t1 = log["day"].max() if end is None else cutoff_date(end, "end", tz=zone,
                                                           dayfirst=dayfirst)
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
