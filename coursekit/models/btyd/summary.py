"""From a transaction log to the per-customer summary the BTYD models need.

Not from the textbook: the "RFM summary" ``(x, t_x, T)`` of Fader, Hardie and Lee (2005),
"Counting your customers the easy way", *Marketing Science* 24(2), 275-284.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_columns
from coursekit.models.btyd._units import unit_days

__all__ = ["summarize_transactions"]


def _timestamp(value: Any, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date such as '1997-09-30'; got {value!r}") from None
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date such as '1997-09-30'; got {value!r}")
    return ts.normalize()


def summarize_transactions(
    transactions: pd.DataFrame,
    customer: str,
    date: str,
    value: str | None = None,
    observation_end: Any = None,
    calibration_end: Any = None,
    time_unit: str = "W",
) -> pd.DataFrame:
    """Summarise a transaction log into ``frequency``, ``recency``, ``T`` (and spend).

    Purchases are first aggregated to calendar days (several purchases on one day count as one
    transaction whose value is their sum), as in Fader, Hardie and Lee (2005). For each customer
    with a first purchase on or before the calibration end (``calibration_end``, or
    ``observation_end`` when there is no holdout):

    - ``frequency`` = number of purchase days after the first one (repeat purchases, ``x``);
    - ``recency`` = time from the first to the last purchase day (``t_x``);
    - ``T`` = time from the first purchase day to the calibration end;
    - ``monetary_value`` = mean value of the repeat purchases (0 when ``frequency == 0``;
      the first purchase is excluded, as in the gamma-gamma model), if ``value`` is given;
    - with ``calibration_end``: ``frequency_holdout`` (purchase days in
      ``(calibration_end, observation_end]``), ``duration_holdout`` and, with ``value``,
      ``monetary_value_holdout``.

    Times are in ``time_unit``: ``"D"`` days, ``"W"`` weeks, ``"M"`` average months of
    365.25/12 days (fractional, not rounded to whole periods). ``observation_end`` defaults to
    the last date in the log. Unlike lifetimes' ``summary_data_from_transaction_data`` with
    ``freq="W"``, purchases are *not* merged within a week.

    >>> log = pd.DataFrame({"id": [1, 1, 1, 2], "day": ["2024-01-01", "2024-01-08",
    ...                     "2024-01-15", "2024-01-08"], "eur": [5.0, 3.0, 4.0, 6.0]})
    >>> summarize_transactions(log, "id", "day", "eur", observation_end="2024-01-29")
              frequency  recency    T  monetary_value
    customer                                         
    1                 2      2.0  4.0             3.5
    2                 0      0.0  3.0             0.0
    """
    check_columns(transactions, "transactions", [customer, date] + ([value] if value else []))
    days_per_unit = unit_days(time_unit)
    if len(transactions) == 0:
        raise ValueError("transactions must contain at least one row")
    try:
        when = pd.to_datetime(transactions[date]).dt.normalize()
    except (TypeError, ValueError):
        raise ValueError(f"date column {date!r} must hold dates") from None
    if when.isna().any():
        raise ValueError(f"date column {date!r} has missing dates")
    frame = pd.DataFrame({"customer": transactions[customer].to_numpy(), "day": when.to_numpy()})
    if transactions[customer].isna().any():
        raise ValueError(f"customer column {customer!r} has missing ids")
    if value is not None:
        amount = pd.to_numeric(transactions[value], errors="coerce")
        if amount.isna().any() or not np.isfinite(amount.to_numpy(dtype=float)).all():
            raise ValueError(f"value column {value!r} must hold finite numbers")
        frame["value"] = amount.to_numpy(dtype=float)
    end = when.max() if observation_end is None else _timestamp(observation_end, "observation_end")
    cal_end = end if calibration_end is None else _timestamp(calibration_end, "calibration_end")
    if cal_end > end:
        raise ValueError(f"calibration_end ({cal_end.date()}) must not be after observation_end "
                         f"({end.date()})")
    frame = frame[frame["day"] <= end]
    daily = frame.groupby(["customer", "day"], sort=True).sum().reset_index()
    first = daily.groupby("customer")["day"].transform("min")
    daily = daily[first <= cal_end].assign(first=first[first <= cal_end])
    if daily.empty:
        raise ValueError("no customer made a first purchase on or before the calibration end")
    cal = daily[daily["day"] <= cal_end]
    by = cal.groupby("customer")
    out = pd.DataFrame({
        "frequency": by.size() - 1,
        "recency": (by["day"].max() - by["first"].min()).dt.days / days_per_unit,
        "T": (cal_end - by["first"].min()).dt.days / days_per_unit,
    })
    out.index.name = "customer"
    if value is not None:
        repeat = cal[cal["day"] > cal["first"]]
        out["monetary_value"] = repeat.groupby("customer")["value"].mean().reindex(
            out.index, fill_value=0.0)
    if calibration_end is not None:
        hold = daily[daily["day"] > cal_end].groupby("customer")
        out["frequency_holdout"] = hold.size().reindex(out.index, fill_value=0).astype("int64")
        out["duration_holdout"] = (end - cal_end).days / days_per_unit
        if value is not None:
            out["monetary_value_holdout"] = hold["value"].mean().reindex(out.index,
                                                                          fill_value=0.0)
    out["frequency"] = out["frequency"].astype("int64")
    return out
