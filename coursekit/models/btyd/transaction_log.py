"""Reading the columns of a transaction log: purchase dates and amounts, checked.

Shared by :func:`~coursekit.models.btyd.summarize_transactions`,
:func:`coursekit.models.rfm.rfm_table` and :func:`coursekit.models.clv.repeat_purchase_tracking`,
so that the three read a log the same way:

* **time zones**: a time-zone-aware date column is read in *its own* time zone and the zone is
  then dropped (``tz_localize(None)``): a purchase at 23:30 in Berlin stays on that Berlin
  calendar day (converting to UTC would move it to the day before). A column that mixes time
  zones is refused, with the one-line fix in the message. A time-zone-aware cut-off date
  (``observation_end``, ``as_of``, ...) is first converted to the column's zone (or, for a
  naive column, its own wall-clock time is kept).
* **day/month order**: strings such as ``"03/01/2024"`` can be 3 January or 1 March; they are
  refused unless ``dayfirst`` says which (``True``: day/month/year, ``False``: month/day/year).
  ISO dates (``"2024-01-03"``) need nothing.
* **amounts** must be finite and >= 0 (net out refunds and returns first); the error names the
  column and the first bad row.
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["purchase_dates", "purchase_amounts", "timestamp", "cutoff_date", "column_time_zone", "day_numbers"]

_SLASHED = re.compile(r"^\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b")
_DAYFIRST_HINT = ("pass dayfirst=True for day/month/year strings such as '03/01/2024' = 3 January "
                  "(dayfirst=False for month/day/year), or write ISO dates '2024-01-03'")


def _first_text(values: pd.Series) -> str | None:
    for v in values:
        if isinstance(v, str):
            return v
    return None


def _first_slashed(values: pd.Series) -> str | None:
    """The first string value that looks like ``dd/mm/yyyy`` or ``mm/dd/yyyy`` (any of them,
    not only the first value: one ambiguous date among ISO ones is ambiguous too)."""
    if values.dtype != object and not pd.api.types.is_string_dtype(values.dtype):
        return None
    texts = pd.Series([v for v in pd.unique(values.dropna()) if isinstance(v, str)],
                      dtype=object)
    hits = texts[texts.str.match(_SLASHED)] if len(texts) else texts
    return None if hits.empty else str(hits.iloc[0])


def purchase_dates(values: Any, column: str, *, dayfirst: bool | None = None) -> pd.Series:
    """The dates of a log column as time-zone-naive ``datetime64`` (see the module notes).

    >>> purchase_dates(pd.Series(["03/01/2024"]), "day", dayfirst=True).dt.date.tolist()
    [datetime.date(2024, 1, 3)]
    >>> berlin = pd.Series(pd.to_datetime(["2024-01-01 23:30"]).tz_localize("Europe/Berlin"))
    >>> str(purchase_dates(berlin, "day")[0])       # the Berlin calendar day is kept
    '2024-01-01 23:30:00'
    >>> purchase_dates(pd.Series(["03/01/2024"]), "day")   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: date column 'day' holds dates like '03/01/2024' that can be read two ways: pass ...
    """
    if dayfirst is not None and not isinstance(dayfirst, (bool, np.bool_)):
        raise TypeError(f"dayfirst must be True, False or None; got {dayfirst!r}")
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return series.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(series.dtype):
        return series
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(
            series.dtype):
        example = series.iloc[0] if len(series) else None
        raise ValueError(f"date column {column!r} holds numbers (e.g. {example!r}), which pandas "
                         "would read as nanoseconds since 1970; convert them first, e.g. "
                         f"pd.to_datetime(log[{column!r}].astype(str), format='%Y%m%d')")
    text = _first_text(series)
    slashed = _first_slashed(series) if dayfirst is None else None
    if slashed is not None:
        raise ValueError(f"date column {column!r} holds dates like {slashed!r} that can be read "
                         f"two ways: {_DAYFIRST_HINT}")
    kwargs = {} if dayfirst is None else {"dayfirst": bool(dayfirst)}
    try:
        try:
            parsed = pd.to_datetime(series, **kwargs)
        except ValueError as err:
            if "doesn't match format" not in str(err):
                raise
            # pandas infers one format from the first value: ISO dates with and without a
            # time of day ("2024-01-01 10:00", "2024-01-08") are read one by one (day/month
            # order was settled above)
            parsed = pd.to_datetime(series, format="mixed", **kwargs)
    except (TypeError, ValueError, OverflowError) as err:
        if any(k in str(err).lower() for k in ("mixed time zones", "mixed timezones", "tz-aware")):
            raise ValueError(
                f"date column {column!r} mixes time zones; convert it to one zone first, e.g. "
                f"pd.to_datetime(log[{column!r}], utc=True).dt.tz_convert('Europe/Berlin')"
            ) from None
        example = f" such as {text!r}" if text is not None else ""
        raise ValueError(f"date column {column!r} must hold dates; could not read the values"
                         f"{example} ({str(err).splitlines()[0]}); {_DAYFIRST_HINT}") from None
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)
    elif not pd.api.types.is_datetime64_dtype(parsed.dtype):  # e.g. tz-aware objects, mixed
        raise ValueError(
            f"date column {column!r} mixes time zones; convert it to one zone first, e.g. "
            f"pd.to_datetime(log[{column!r}], utc=True).dt.tz_convert('Europe/Berlin')")
    return parsed


def timestamp(value: Any, name: str, tz: Any = None, dayfirst: bool | None = None
              ) -> pd.Timestamp:
    """``value`` as a naive timestamp, time of day kept.

    A time-zone-aware value is converted to ``tz`` (the zone of the date column) and the zone
    dropped; with ``tz=None`` its own wall-clock time is kept. A string such as
    ``"01/02/2024"`` is read with ``dayfirst`` (the setting of the date column) and refused
    without it, like the column.

    >>> timestamp("2024-01-05 17:00", "as_of")
    Timestamp('2024-01-05 17:00:00')
    >>> timestamp("01/02/2024", "as_of", dayfirst=True)
    Timestamp('2024-02-01 00:00:00')
    """
    if isinstance(value, str) and _SLASHED.match(value):
        if dayfirst is None:
            raise ValueError(f"{name} {value!r} can be read two ways (day/month or "
                             "month/day): pass dayfirst=True for day/month/year or "
                             "dayfirst=False for month/day/year, or write an ISO date such "
                             "as '2024-01-03'")
        try:
            value = pd.to_datetime(value, dayfirst=bool(dayfirst))
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a date such as '1997-09-30'; got {value!r}"
                             ) from None
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date such as '1997-09-30'; got {value!r}") from None
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date such as '1997-09-30'; got {value!r}")
    if ts.tzinfo is not None:
        ts = (ts.tz_convert(tz) if tz is not None else ts).tz_localize(None)
    return ts


def cutoff_date(value: Any, name: str, tz: Any = None, dayfirst: bool | None = None
                ) -> pd.Timestamp:
    """A cut-off date (``observation_end``, ``as_of``, ...) as a naive day (midnight): the
    :func:`timestamp` of ``value`` at the start of its day.

    >>> cutoff_date("2024-01-05 17:00", "as_of")
    Timestamp('2024-01-05 00:00:00')
    >>> cutoff_date(pd.Timestamp("2024-01-05 23:30", tz="UTC"), "as_of", tz="Asia/Tokyo")
    Timestamp('2024-01-06 00:00:00')
    """
    return timestamp(value, name, tz, dayfirst).normalize()


def column_time_zone(values: Any) -> Any:
    """The time zone of a date column (``None`` when naive or not yet parsed)."""
    dtype = getattr(values, "dtype", None)
    return dtype.tz if isinstance(dtype, pd.DatetimeTZDtype) else None


def day_numbers(dates: pd.Series) -> np.ndarray:
    """Whole days since 1970-01-01 (floored) of naive ``datetime64`` dates, as ``int64``.

    >>> day_numbers(pd.Series(pd.to_datetime(["1970-01-02 13:00", "1969-12-31 23:00"]))).tolist()
    [1, -1]
    """
    arr = dates.to_numpy()
    unit, count = np.datetime_data(arr.dtype)
    per_day = {"D": 1, "h": 24, "m": 1440, "s": 86_400, "ms": 86_400_000,
               "us": 86_400_000_000, "ns": 86_400_000_000_000}[unit] // count
    return arr.view("int64") // per_day


def purchase_amounts(values: Any, column: str, role: str = "value") -> np.ndarray:
    """The amounts of a log column as floats, refused unless finite and >= 0.

    ``role`` names the column in the message (``"value"``, ``"amount"``).

    >>> purchase_amounts(pd.Series([5.0, 2.5]), "eur")
    array([5. , 2.5])
    >>> purchase_amounts(pd.Series([5.0, -2.5]), "eur")   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: value column 'eur' has a negative amount (-2.5 in row 1): net out refunds ...
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    amount = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(amount)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"{role} column {column!r} must hold finite numbers; row {i} holds "
                         f"{series.iloc[i]!r}")
    negative = amount < 0
    if negative.any():
        i = int(np.argmax(negative))
        raise ValueError(f"{role} column {column!r} has a negative amount ({amount[i]:g} in row "
                         f"{i}): net out refunds and returns per purchase before summarising")
    return amount
