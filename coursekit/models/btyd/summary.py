"""From a transaction log to the per-customer summary the BTYD models need.

Not from the textbook: the "RFM summary" ``(x, t_x, T)`` of Fader, Hardie and Lee (2005),
"Counting your customers the easy way", *Marketing Science* 24(2), 275-284.

The log may be a pandas DataFrame (summarised with vectorised numpy on integer customer codes:
10 million rows take a few seconds, see ``benchmarks/summarize_scale.py``), a DuckDB relation
(the aggregation runs inside DuckDB, out of core, and only the per-customer result comes back)
or a Dask DataFrame (shuffled by customer, each partition summarised by the pandas code).
DuckDB and Dask are optional (``pip install coursekit[scale]``) and imported only when such an
object is passed.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_columns
from coursekit.models.btyd._units import unit_days
from coursekit.models.btyd.transaction_log import (column_time_zone, cutoff_date, day_numbers,
                                                   purchase_amounts, purchase_dates)

__all__ = ["summarize_transactions"]

_EPOCH = pd.Timestamp("1970-01-01")


def _day(ts: pd.Timestamp) -> int:
    return int((ts - _EPOCH).days)


def _frame_from_columns(first: np.ndarray, last: np.ndarray, n_cal: np.ndarray,
                        index: pd.Index, cal_day: int, end_day: int, days_per_unit: float,
                        repeat_value: np.ndarray | None, n_hold: np.ndarray | None,
                        hold_value: np.ndarray | None) -> pd.DataFrame:
    """The summary table from per-customer day numbers, counts and value sums."""
    frequency = (n_cal - 1).astype("int64")
    out = pd.DataFrame({
        "frequency": frequency,
        "recency": (last - first) / days_per_unit,
        "T": (cal_day - first) / days_per_unit,
    }, index=index)
    if repeat_value is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            out["monetary_value"] = np.where(frequency > 0, repeat_value / frequency, 0.0)
    if n_hold is not None:
        out["frequency_holdout"] = n_hold.astype("int64")
        out["duration_holdout"] = (end_day - cal_day) / days_per_unit
        if hold_value is not None:
            with np.errstate(invalid="ignore", divide="ignore"):
                out["monetary_value_holdout"] = np.where(n_hold > 0, hold_value / n_hold, 0.0)
    return out


def _customer_codes(customers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes ``0..n-1`` in sorted id order, and the ids. Integer ids within a range of a few
    times the number of rows are coded by a lookup table (no hashing); others by
    :func:`pandas.factorize`.

    >>> codes, ids = _customer_codes(np.array([30, 10, 30, 20]))
    >>> codes.tolist(), ids.tolist()
    ([2, 0, 2, 1], [10, 20, 30])
    """
    if customers.dtype.kind in "iu" and len(customers):
        low, high = int(customers.min()), int(customers.max())
        if high - low < max(4 * len(customers), 1024):
            present = np.zeros(high - low + 1, dtype=bool)
            offset = customers - low
            present[offset] = True
            lookup = np.cumsum(present, dtype=np.int32 if len(customers) < 2**31 else np.int64)
            return lookup[offset] - 1, np.flatnonzero(present) + low
    try:
        codes, uniques = pd.factorize(customers, sort=True)
    except TypeError:  # ids of mixed types cannot be sorted
        codes, uniques = pd.factorize(customers, sort=False)
    return codes, np.asarray(uniques)


def _summarize_arrays(customers: np.ndarray, days: np.ndarray, amount: np.ndarray | None,
                      end_day: int, cal_day: int, days_per_unit: float,
                      holdout: bool) -> pd.DataFrame:
    """Vectorised summary on integer codes: one sort of the distinct (customer, day) keys."""
    keep = days <= end_day
    if not keep.all():
        customers, days = customers[keep], days[keep]
        amount = None if amount is None else amount[keep]
    if len(days) == 0:
        empty = np.empty(0)
        return _frame_from_columns(empty, empty, empty, pd.Index([], name="customer"), cal_day,
                                   end_day, days_per_unit, None if amount is None else empty,
                                   empty if holdout else None,
                                   empty if holdout and amount is not None else None)
    codes, uniques = _customer_codes(customers)
    n = len(uniques)
    d0 = int(days.min())
    shift = max(int(days.max()) - d0, 1).bit_length()     # key = code * 2**shift + day
    if n < 2 ** (62 - shift):
        keys = np.sort((codes.astype(np.int64) << shift) | (days - d0))  # np.unique hashes
        keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
        key_customer, key_day = keys >> shift, (keys & ((1 << shift) - 1)) + d0
    else:  # pragma: no cover - more than 2**62 customer-days
        pairs = np.unique(np.column_stack([codes, days]), axis=0)
        keys, key_customer, key_day = None, pairs[:, 0], pairs[:, 1]
    # keys are sorted by customer, then day: each customer is one run, her days ascending
    starts = np.flatnonzero(np.r_[True, key_customer[1:] != key_customer[:-1]])
    first = key_day[starts]                     # every code occurs, in code order
    # calibration days are a prefix of each run: count them by binary search in the keys
    if keys is None:  # pragma: no cover - see above
        n_cal = np.bincount(key_customer[key_day <= cal_day], minlength=n)
    elif cal_day >= d0:
        bound = (np.arange(n, dtype=np.int64) << shift) | min(cal_day - d0, (1 << shift) - 1)
        n_cal = np.searchsorted(keys, bound, side="right") - starts
    else:
        n_cal = np.zeros(n, dtype=np.int64)
    last = key_day[starts + np.maximum(n_cal - 1, 0)]     # last calibration day (if any)
    n_hold = np.diff(np.r_[starts, len(key_day)]) - n_cal if holdout else None
    repeat_value = hold_value = None
    if amount is not None:
        repeat_rows = (days > first[codes]) & (days <= cal_day)
        repeat_value = np.bincount(codes, weights=amount * repeat_rows, minlength=n)
        if holdout:
            hold_value = np.bincount(codes, weights=amount * (days > cal_day), minlength=n)
    eligible = first <= cal_day
    pick = (lambda a: None if a is None else a[eligible])  # noqa: E731
    index = pd.Index(np.asarray(uniques)[eligible], name="customer")
    out = _frame_from_columns(first[eligible].astype(float), last[eligible].astype(float),
                              n_cal[eligible], index, cal_day, end_day, days_per_unit,
                              pick(repeat_value), pick(n_hold), pick(hold_value))
    return out if out.index.is_monotonic_increasing else out.sort_index()


def _summarize_pandas(transactions: pd.DataFrame, customer: str, date: str, value: str | None,
                      observation_end: Any, calibration_end: Any, days_per_unit: float,
                      dayfirst: bool | None, end_default: pd.Timestamp | None = None
                      ) -> pd.DataFrame:
    check_columns(transactions, "transactions", [customer, date] + ([value] if value else []))
    if transactions[customer].isna().any():
        raise ValueError(f"customer column {customer!r} has missing ids")
    zone = column_time_zone(transactions[date])
    when = purchase_dates(transactions[date], date, dayfirst=dayfirst)
    if when.isna().any():
        raise ValueError(f"date column {date!r} has missing dates")
    days = day_numbers(when)
    amount = None if value is None else purchase_amounts(transactions[value], value)
    end, cal_end = _cutoffs(observation_end, calibration_end, zone,
                            end_default if end_default is not None
                            else (_EPOCH + pd.Timedelta(days=int(days.max()))
                                  if len(days) else None), dayfirst)
    return _summarize_arrays(transactions[customer].to_numpy(), days, amount, _day(end),
                             _day(cal_end), days_per_unit, calibration_end is not None)


def _cutoffs(observation_end: Any, calibration_end: Any, zone: Any,
             last_day: pd.Timestamp | None, dayfirst: bool | None = None
             ) -> tuple[pd.Timestamp, pd.Timestamp]:
    end = last_day if observation_end is None else cutoff_date(
        observation_end, "observation_end", tz=zone, dayfirst=dayfirst)
    cal_end = end if calibration_end is None else cutoff_date(
        calibration_end, "calibration_end", tz=zone, dayfirst=dayfirst)
    if cal_end > end:
        raise ValueError(f"calibration_end ({cal_end.date()}) must not be after observation_end "
                         f"({end.date()})")
    return end, cal_end


def _quote(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _summarize_duckdb(relation: Any, customer: str, date: str, value: str | None,
                      observation_end: Any, calibration_end: Any,
                      days_per_unit: float) -> pd.DataFrame:
    """Aggregate inside DuckDB (out of core); only one row per customer comes back."""
    columns = list(relation.columns)
    types = dict(zip(columns, (str(t).upper() for t in relation.types)))
    missing = [c for c in [customer, date] + ([value] if value else []) if c not in columns]
    if missing:
        raise ValueError(f"transactions is missing column(s) {missing}; it has {columns}")
    if not (types[date].startswith("DATE") or types[date].startswith("TIMESTAMP")):
        raise ValueError(f"date column {date!r} must be a DATE or TIMESTAMP in DuckDB; got "
                         f"{types[date]}: cast it in the query, e.g. strptime(col, '%d/%m/%Y')")
    if types[date] in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"):
        # DuckDB keeps the instant, not the zone: its calendar day would follow the session's
        # TimeZone setting (the machine's zone by default), not the log's own calendar
        raise ValueError(
            f"date column {date!r} is a TIMESTAMP WITH TIME ZONE: DuckDB has kept the instant "
            "but not the zone, so its calendar day would depend on this machine's time zone; "
            f"convert it to the shop's local time in the query, e.g. "
            f"timezone('Europe/Berlin', {date}) AS {date}")
    c, d = _quote(customer), _quote(date)
    v = _quote(value) if value else "0.0"
    checks = relation.query("t", f"""SELECT COUNT(*), COUNT(*) FILTER (WHERE {c} IS NULL),
        COUNT(*) FILTER (WHERE {d} IS NULL), CAST(MAX({d}) AS DATE),
        COUNT(*) FILTER (WHERE {v} IS NULL OR isnan(CAST({v} AS DOUBLE))
                               OR isinf(CAST({v} AS DOUBLE))),
        MIN(CAST({v} AS DOUBLE)) FROM t""").fetchall()[0]
    n_rows, null_ids, null_dates, last, bad_values, min_value = checks
    if n_rows == 0:
        raise ValueError("transactions must contain at least one row")
    if null_ids:
        raise ValueError(f"customer column {customer!r} has missing ids")
    if null_dates:
        raise ValueError(f"date column {date!r} has missing dates")
    if value and bad_values:
        raise ValueError(f"value column {value!r} must hold finite numbers ({bad_values} rows "
                         "do not)")
    if value and min_value < 0:
        raise ValueError(f"value column {value!r} has a negative amount ({min_value:g}): net "
                         "out refunds and returns per purchase before summarising")
    end, cal_end = _cutoffs(observation_end, calibration_end, None, pd.Timestamp(last))
    end_s, cal_s = end.date().isoformat(), cal_end.date().isoformat()
    result = relation.query("t", f"""
        WITH daily AS (
            SELECT {c} AS c, CAST({d} AS DATE) AS day, SUM(CAST({v} AS DOUBLE)) AS v
            FROM t WHERE CAST({d} AS DATE) <= DATE '{end_s}' GROUP BY 1, 2),
        firsts AS (SELECT c, MIN(day) AS first FROM daily GROUP BY c
                   HAVING MIN(day) <= DATE '{cal_s}')
        SELECT daily.c AS customer,
            date_diff('day', DATE '1970-01-01', firsts.first) AS first,
            date_diff('day', DATE '1970-01-01', MAX(day) FILTER (WHERE day <= DATE '{cal_s}'))
                AS last,
            COUNT(*) FILTER (WHERE day <= DATE '{cal_s}') AS n_cal,
            COALESCE(SUM(v) FILTER (WHERE day <= DATE '{cal_s}' AND day > firsts.first), 0)
                AS repeat_value,
            COUNT(*) FILTER (WHERE day > DATE '{cal_s}') AS n_hold,
            COALESCE(SUM(v) FILTER (WHERE day > DATE '{cal_s}'), 0) AS hold_value
        FROM daily JOIN firsts USING (c) GROUP BY daily.c, firsts.first ORDER BY daily.c
    """).df()
    holdout = calibration_end is not None
    out = _frame_from_columns(
        result["first"].to_numpy(float), result["last"].to_numpy(float),
        result["n_cal"].to_numpy(), pd.Index(result["customer"].to_numpy(), name="customer"),
        _day(cal_end), _day(end), days_per_unit,
        result["repeat_value"].to_numpy(float) if value else None,
        result["n_hold"].to_numpy() if holdout else None,
        result["hold_value"].to_numpy(float) if (value and holdout) else None)
    return out


def _summarize_dask(frame: Any, customer: str, date: str, value: str | None,
                    observation_end: Any, calibration_end: Any, days_per_unit: float,
                    dayfirst: bool | None) -> pd.DataFrame:
    """Shuffle by customer, then run the pandas summary on every partition."""
    needed = [customer, date] + ([value] if value else [])
    missing = [col for col in needed if col not in frame.columns]
    if missing:
        raise ValueError(f"transactions is missing column(s) {missing}; it has "
                         f"{list(frame.columns)}")
    frame = frame[needed]
    end_default = None
    if observation_end is None:
        last = frame[date].map_partitions(
            lambda s: pd.Series([purchase_dates(s, date, dayfirst=dayfirst).max()])).max()
        end_default = pd.Timestamp(last.compute()).normalize()
    meta = _summarize_arrays(np.array([0]), np.array([0]), None if value is None else np.zeros(1),
                             0, 0, days_per_unit, calibration_end is not None).iloc[:0]
    shuffled = frame.shuffle(on=customer)
    parts = shuffled.map_partitions(
        lambda part: _summarize_pandas(part, customer, date, value, observation_end,
                                       calibration_end, days_per_unit, dayfirst, end_default)
        if len(part) else meta, meta=meta)
    return parts.compute().sort_index()


def summarize_transactions(
    transactions: Any,
    customer: str,
    date: str,
    value: str | None = None,
    observation_end: Any = None,
    calibration_end: Any = None,
    time_unit: str = "W",
    *,
    dayfirst: bool | None = None,
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

    ``transactions`` is a pandas DataFrame, a DuckDB relation (e.g.
    ``duckdb.sql("SELECT * FROM 'log/*.parquet'")``; its date column must be a DATE or
    TIMESTAMP: a TIMESTAMPTZ, which keeps the instant but not the zone, is refused with the fix
    ``timezone('Europe/Berlin', col)``, because its day would follow the machine's time zone) or
    a Dask DataFrame; all three give the same table. Dates: a time-zone-aware column is read on its
    own calendar (the zone is dropped, not converted to UTC); strings such as ``"03/01/2024"``
    need ``dayfirst=True`` (day/month/year) or ``dayfirst=False`` (month/day/year). Spend must be
    finite and >= 0.

    >>> log = pd.DataFrame({"id": [1, 1, 1, 2], "day": ["2024-01-01", "2024-01-08",
    ...                     "2024-01-15", "2024-01-08"], "eur": [5.0, 3.0, 4.0, 6.0]})
    >>> summarize_transactions(log, "id", "day", "eur", observation_end="2024-01-29")
              frequency  recency    T  monetary_value
    customer                                         
    1                 2      2.0  4.0             3.5
    2                 0      0.0  3.0             0.0
    """
    days_per_unit = unit_days(time_unit)
    if dayfirst is not None and not isinstance(dayfirst, (bool, np.bool_)):
        raise TypeError(f"dayfirst must be True, False or None; got {dayfirst!r}")
    kind = type(transactions).__module__.split(".")[0]
    if kind == "duckdb" or kind == "_duckdb":
        out = _summarize_duckdb(transactions, customer, date, value, observation_end,
                                calibration_end, days_per_unit)
    elif kind in ("dask", "dask_expr"):
        out = _summarize_dask(transactions, customer, date, value, observation_end,
                              calibration_end, days_per_unit, dayfirst)
    elif isinstance(transactions, pd.DataFrame):
        if len(transactions) == 0:
            raise ValueError("transactions must contain at least one row")
        out = _summarize_pandas(transactions, customer, date, value, observation_end,
                                calibration_end, days_per_unit, dayfirst)
    else:
        raise TypeError("transactions must be a pandas DataFrame, a DuckDB relation or a Dask "
                        f"DataFrame; got {type(transactions).__name__}")
    if out.empty:
        raise ValueError("no customer made a first purchase on or before the calibration end")
    return out
