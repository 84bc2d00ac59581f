"""Recency, frequency, monetary value (RFM) and the customer value matrix.

Textbook 4.2 (l.1316-1318): "One simple way to segment your customers is the customer value
matrix ... It uses just three variables: recency, frequency, and monetary value. Its data
requirements are basic. It needs customer identification, the date of purchase, and the total
amount of purchase. This enables one to easily calculate the average purchase amount of each
customer" (citing Marcus 1998). And: "only 15 percent of American customers have loyalty to a
single retailer, yet these customers generate between 55 percent and 70 percent of retail
sales". The 15% are defined by *loyalty to a single retailer*, which one store's transaction log
cannot observe (it does not show purchases elsewhere), so the claim cannot be tested with these
functions: :func:`concentration_curve` and :func:`top_share` measure the concentration of spend
within one store, and the top 15% by spend is by construction the largest share any 15% of
customers can hold (an upper bound, not a test).

Pipeline: :func:`rfm_table` (one row per customer from a transaction log) -> :func:`rfm_scores`
(quintile scores) and :func:`value_matrix` (the four cells) -> :func:`segment_summary`.

Not from the textbook: the cell names "Best", "Frequent", "Spenders" and "Uncertain" and the
median cut points come from Marcus (1998), "A practical yet meaningful approach to customer
segmentation", *Journal of Consumer Marketing* 15(5), 494-504; quintile RFM scoring is the
direct-marketing convention (Hughes 1994, *Strategic Database Marketing*).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_float_array,
    check_choice,
    check_columns,
    check_integer,
    check_nonnegative,
    check_probability,
)
from coursekit.models.btyd.transaction_log import (column_time_zone, purchase_amounts,
                                                   purchase_dates, timestamp)

__all__ = [
    "CELLS",
    "rfm_table",
    "quantile_scores",
    "rfm_scores",
    "value_matrix",
    "segment_summary",
    "concentration_curve",
    "top_share",
]

#: Marcus (1998) cell names, keyed by (high frequency, high average purchase). Not from the
#: textbook.
CELLS: dict[tuple[bool, bool], str] = {
    (True, True): "Best",
    (True, False): "Frequent",
    (False, True): "Spenders",
    (False, False): "Uncertain",
}
_CELL_ORDER = ["Best", "Frequent", "Spenders", "Uncertain"]
_UNITS = {"D": 1.0, "W": 7.0}


def rfm_table(transactions: pd.DataFrame, *, customer: str = "customer_id",
              date: str = "date", amount: str = "amount",
              as_of: str | pd.Timestamp | None = None, time_unit: str = "D",
              dayfirst: bool | None = None) -> pd.DataFrame:
    """One row per customer: recency, frequency, monetary value and average purchase.

    From a log with only customer id, purchase date and amount (TB 4.2, l.1318):

    * ``recency`` = (as_of - date of last purchase), in days (``time_unit="D"``) or weeks
      (``"W"``); ``as_of`` defaults to the last date in the log;
    * ``frequency`` = number of purchases (rows of the log);
    * ``monetary`` = total amount spent;
    * ``average_purchase`` = monetary / frequency (Marcus's "average purchase amount");
    * ``first_purchase``, ``last_purchase`` (timestamps).

    Amounts must be finite and >= 0 (net out returns first; the error names the column) and
    dates must not be missing or later than ``as_of``. Dates are read as by
    :func:`coursekit.models.btyd.summarize_transactions`: a time-zone-aware column on its own
    calendar (the zone is dropped, not converted to UTC; a time-zone-aware ``as_of`` is first
    converted to that zone); strings such as ``"03/01/2024"`` need ``dayfirst=True``
    (day/month/year) or ``False`` (month/day/year).

    >>> log = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                     "date": ["2024-01-01", "2024-01-11", "2024-01-05"],
    ...                     "amount": [20.0, 30.0, 100.0]})
    >>> rfm_table(log)[["recency", "frequency", "monetary", "average_purchase"]]
                 recency  frequency  monetary  average_purchase
    customer_id
    1                0.0          2      50.0              25.0
    2                6.0          1     100.0             100.0
    """
    check_columns(transactions, "transactions", [customer, date, amount])
    time_unit = check_choice(time_unit, "time_unit", tuple(_UNITS))
    if len(transactions) == 0:
        raise ValueError("transactions must hold at least one purchase")
    if transactions[customer].isna().any():
        raise ValueError(f"transactions column {customer!r} (customer) has missing ids")
    zone = column_time_zone(transactions[date])
    dates = purchase_dates(transactions[date], date, dayfirst=dayfirst)
    if dates.isna().any():
        raise ValueError(f"transactions column {date!r} (date) has missing dates")
    values = purchase_amounts(transactions[amount], amount, role="amount")
    end = dates.max() if as_of is None else timestamp(as_of, "as_of", zone, dayfirst)
    if dates.max() > end:
        raise ValueError(f"as_of ({end.date()}) is before the last purchase "
                         f"({dates.max().date()}); give a later as_of")
    log = pd.DataFrame({"customer": transactions[customer].to_numpy(), "date": dates.to_numpy(),
                        "amount": values})
    grouped = log.groupby("customer", sort=True)
    table = pd.DataFrame({
        "first_purchase": grouped["date"].min(),
        "last_purchase": grouped["date"].max(),
        "frequency": grouped["amount"].size().astype("int64"),
        "monetary": grouped["amount"].sum(),
    })
    days = (end - table["last_purchase"]).dt.total_seconds() / 86400.0
    table.insert(0, "recency", days / _UNITS[time_unit])
    table["average_purchase"] = table["monetary"] / table["frequency"]
    table.index.name = customer
    return table[["recency", "frequency", "monetary", "average_purchase",
                  "first_purchase", "last_purchase"]]


def quantile_scores(values: object, n_bins: int = 5, *, higher_is_better: bool = True,
                    ties: str = "min") -> np.ndarray:
    """Quantile score 1..``n_bins`` for each value (5 = best quintile), ties kept together.

    With the 1-based rank ``k`` of a value among ``N`` (ranked so that the best value has the
    highest rank; equal values share a rank chosen by ``ties``):

    .. math:: \\text{score} = 1 + \\lfloor n_\\text{bins} (k - 1) / N \\rfloor

    Equal values always get the same score, so with heavy ties (most customers bought once)
    the bins are unequal rather than arbitrary. ``ties="min"`` gives a tied group the score of
    its lowest position, ``"max"`` of its highest, ``"average"`` of its middle.

    >>> quantile_scores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]).tolist()
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    >>> quantile_scores([1, 1, 1, 1, 2, 5], n_bins=3).tolist()   # the four 1s share score 1
    [1, 1, 1, 1, 3, 3]
    >>> quantile_scores([3, 30, 300], n_bins=3, higher_is_better=False).tolist()  # recency
    [3, 2, 1]
    """
    x = as_float_array(values, "values")
    if x.ndim != 1 or x.size == 0:
        raise ValueError("values must be a non-empty one-dimensional array")
    n_bins = check_integer(n_bins, "n_bins", low=2)
    ties = check_choice(ties, "ties", ("min", "max", "average"))
    rank = pd.Series(x if higher_is_better else -x).rank(method=ties).to_numpy()
    return (1 + np.floor(n_bins * (rank - 1) / x.size)).astype("int64")


def rfm_scores(table: pd.DataFrame, n_bins: int = 5, *, ties: str = "min") -> pd.DataFrame:
    """Add R, F and M quantile scores (1..``n_bins``, higher = better) to an :func:`rfm_table`.

    ``R`` scores recency (fewer periods since the last purchase is better), ``F`` frequency,
    ``M`` monetary value; ``rfm_cell`` is the three digits (e.g. ``"545"``) and ``rfm_score``
    their sum. Ties are handled by :func:`quantile_scores`. Not from the textbook: quintile
    scoring is the direct-marketing convention (Hughes 1994).

    >>> log = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3, 3],
    ...                     "date": ["2024-01-01", "2024-03-01", "2024-01-05",
    ...                              "2024-02-01", "2024-02-10", "2024-02-20"],
    ...                     "amount": [20.0, 30.0, 100.0, 10.0, 10.0, 15.0]})
    >>> rfm_scores(rfm_table(log), n_bins=3)[["R", "F", "M", "rfm_cell"]]
                 R  F  M rfm_cell
    customer_id
    1            3  2  2      322
    2            1  1  3      113
    3            2  3  1      231
    """
    check_columns(table, "table", ["recency", "frequency", "monetary"])
    out = table.copy()
    out["R"] = quantile_scores(table["recency"], n_bins, higher_is_better=False, ties=ties)
    out["F"] = quantile_scores(table["frequency"], n_bins, ties=ties)
    out["M"] = quantile_scores(table["monetary"], n_bins, ties=ties)
    out["rfm_cell"] = (out["R"].astype(str) + out["F"].astype(str) + out["M"].astype(str))
    out["rfm_score"] = out["R"] + out["F"] + out["M"]
    return out


def value_matrix(table: pd.DataFrame, *, frequency_cut: float | None = None,
                 average_cut: float | None = None,
                 recency_cut: float | None = None) -> pd.DataFrame:
    """The customer value matrix: frequency x average purchase, four cells, plus recency.

    A customer is *high frequency* if ``frequency > frequency_cut`` and *high average* if
    ``average_purchase > average_cut``; the cuts default to the medians of the customers in
    ``table`` (so with many one-time buyers, high frequency means "bought more than once").
    The cells (Marcus 1998 names, Not from the textbook):

    ==================  ======================  ======================
    \\                   low average purchase    high average purchase
    ==================  ======================  ======================
    high frequency      Frequent                Best
    low frequency       Uncertain               Spenders
    ==================  ======================  ======================

    A missing (NaN) or infinite value is refused with the customer named: a customer whose
    spend is unknown is not "Best" (nor anything else) until it is known.

    Recency then splits each cell: ``status`` is ``"active"`` if ``recency <= recency_cut``
    (default: the median recency) and ``"lapsed"`` otherwise. Adds the columns ``cell``,
    ``status``, ``high_frequency`` and ``high_average``; the cuts used are in ``.attrs``.

    >>> t = pd.DataFrame({"recency": [5.0, 40.0, 10.0, 90.0],
    ...                   "frequency": [8, 7, 1, 1],
    ...                   "average_purchase": [60.0, 15.0, 80.0, 12.0]},
    ...                  index=["ann", "bob", "cy", "dee"])
    >>> value_matrix(t)[["cell", "status"]]
             cell  status
    ann      Best  active
    bob  Frequent  lapsed
    cy   Spenders  active
    dee  Uncertain  lapsed
    """
    check_columns(table, "table", ["recency", "frequency", "average_purchase"])
    if len(table) == 0:
        raise ValueError("table must hold at least one customer")
    f, a, rec = (_finite_column(table, c) for c in ("frequency", "average_purchase", "recency"))
    f_cut = float(np.median(f)) if frequency_cut is None else float(
        check_nonnegative(frequency_cut, "frequency_cut"))
    a_cut = float(np.median(a)) if average_cut is None else float(
        check_nonnegative(average_cut, "average_cut"))
    r_cut = float(np.median(rec)) if recency_cut is None else float(
        check_nonnegative(recency_cut, "recency_cut"))
    out = table.copy()
    out["high_frequency"] = f > f_cut
    out["high_average"] = a > a_cut
    names = np.select(
        [out["high_frequency"] & out["high_average"], out["high_frequency"],
         out["high_average"]], ["Best", "Frequent", "Spenders"], default="Uncertain")
    out["cell"] = pd.Categorical(names, categories=_CELL_ORDER)
    out["status"] = pd.Categorical(np.where(rec <= r_cut, "active", "lapsed"),
                                   categories=["active", "lapsed"])
    out.attrs["cuts"] = {"frequency": f_cut, "average_purchase": a_cut, "recency": r_cut}
    return out


def _finite_column(table: pd.DataFrame, column: str) -> np.ndarray:
    """A numeric column of ``table`` as floats; NaN or inf is refused naming the customer."""
    values = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(values)
    if bad.any():
        who = table.index[int(np.argmax(bad))]
        raise ValueError(f"table column {column!r} must hold finite numbers: customer {who!r} "
                         f"has {table[column].iloc[int(np.argmax(bad))]!r} ({int(bad.sum())} "
                         "such rows); drop these customers or fill in their values first")
    return values


def segment_summary(table: pd.DataFrame, by: str | list[str] = "cell") -> pd.DataFrame:
    """Size, sales and average behaviour of each segment of an RFM / value-matrix table.

    Columns: ``customers``, ``customer_share``, ``sales`` (sum of ``monetary``),
    ``sales_share``, ``mean_recency``, ``mean_frequency``, ``mean_average_purchase`` and
    ``sales_per_customer``. Shares are of the whole table, so they sum to 1.

    >>> t = pd.DataFrame({"recency": [1.0, 3.0, 9.0], "frequency": [5, 4, 1],
    ...                   "monetary": [500.0, 300.0, 200.0],
    ...                   "average_purchase": [100.0, 75.0, 200.0],
    ...                   "cell": ["Best", "Best", "Spenders"]})
    >>> segment_summary(t)[["customers", "sales_share"]]
              customers  sales_share
    cell
    Best              2          0.8
    Spenders          1          0.2
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(table, "table", keys + ["recency", "frequency", "monetary",
                                          "average_purchase"])
    total = float(table["monetary"].sum())
    if total <= 0:
        raise ValueError("table monetary values sum to 0, so sales shares are undefined")
    g = table.groupby(keys, observed=True, sort=True)
    out = pd.DataFrame({
        "customers": g.size().astype("int64"),
        "sales": g["monetary"].sum(),
        "mean_recency": g["recency"].mean(),
        "mean_frequency": g["frequency"].mean(),
        "mean_average_purchase": g["average_purchase"].mean(),
    })
    out.insert(1, "customer_share", out["customers"] / len(table))
    out.insert(3, "sales_share", out["sales"] / total)
    out["sales_per_customer"] = out["sales"] / out["customers"]
    return out


def concentration_curve(values: object) -> pd.DataFrame:
    """Cumulative share of value against cumulative share of customers, best customers first.

    Sort customers by value (descending); point ``i`` is the top ``i`` customers:
    ``customer_share`` = i / N, ``value_share`` = (their value) / (total value). Starts at
    (0, 0), ends at (1, 1) and is concave. The textbook's "15 percent of American customers
    have loyalty to a single retailer, yet these customers generate between 55 percent and 70
    percent of retail sales" (TB 4.2, l.1316) is *not* a point on it: the curve ranks customers
    by spend, not by loyalty, and its value at 15% bounds from above what any 15% can give.

    >>> concentration_curve([10, 30, 60]).round(3)
       customer_share  value_share
    0           0.000          0.0
    1           0.333          0.6
    2           0.667          0.9
    3           1.000          1.0
    """
    x = as_float_array(values, "values")
    if x.ndim != 1 or x.size == 0:
        raise ValueError("values must be a non-empty one-dimensional array")
    check_nonnegative(x, "values")
    total = x.sum()
    if total == 0:
        raise ValueError("values sum to 0, so value shares are undefined")
    cum = np.concatenate([[0.0], np.cumsum(np.sort(x)[::-1])]) / total
    return pd.DataFrame({"customer_share": np.arange(x.size + 1) / x.size,
                         "value_share": np.minimum(cum, 1.0)})


def top_share(values: object, customer_share: float = 0.15) -> float:
    """Share of total value that comes from the top ``customer_share`` of customers.

    Read off :func:`concentration_curve` by linear interpolation (exact when
    ``customer_share x N`` is a whole number). No group of that size can hold more, so
    ``top_share(sales, 0.15)`` is an upper bound for the share of any 15% of customers - it is
    not the textbook's claim (TB 4.2, l.1316), which is about the 15% loyal to a single
    retailer, a group one store's log cannot identify.

    >>> top_share([5, 5, 10, 80], 0.25)
    0.8
    """
    p = float(check_probability(customer_share, "customer_share"))
    curve = concentration_curve(values)
    return float(np.interp(p, curve["customer_share"], curve["value_share"]))
