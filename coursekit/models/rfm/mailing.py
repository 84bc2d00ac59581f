"""What RFM is for in direct marketing: whom to mail, from a test mailing's response rates.

RFM cells were invented to decide whom to send the next catalogue or offer. A test mailing to a
sample of every cell gives each cell's response rate; mailing a customer pays when the expected
margin beats the cost of the piece, so the **break-even response rate** is

.. math:: r^{*} = \\frac{\\text{cost per piece}}{\\text{margin per response}},

and the rollout mails exactly the cells whose test response rate is above ``r*``. The profit of
mailing ``n`` customers of a cell with response rate ``r`` is ``n (r m - c)``.

Not from the textbook (TB 4.2 names RFM only as a segmentation): Hughes, A. M. (1994),
*Strategic Database Marketing*, Probus, ch. "Recency, frequency and monetary analysis"; Bult,
J. R. & Wansbeek, T. (1995), "Optimal selection for direct mail", *Marketing Science* 14(4),
378-394 (the break-even selection rule).

>>> breakeven_response_rate(cost_per_piece=0.80, margin_per_response=20.0)
0.04
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_columns, check_number

__all__ = ["breakeven_response_rate", "response_by_cell", "mailing_plan"]


def breakeven_response_rate(cost_per_piece: float, margin_per_response: float) -> float:
    """``r* = cost per piece / margin per response``: the rate at which mailing breaks even."""
    cost = check_number(cost_per_piece, "cost_per_piece", low=0.0)
    margin = check_number(margin_per_response, "margin_per_response", low=0.0, low_open=True)
    return cost / margin


def response_by_cell(customers: pd.DataFrame, *, by: str | list[str] = "rfm_cell",
                     responded: str = "responded") -> pd.DataFrame:
    """Response rate of a test mailing per cell: ``mailed``, ``responders``, ``response_rate``
    and ``index`` (the cell's rate as a percentage of the overall rate; 100 = average).

    ``customers`` has one row per mailed customer with its cell (e.g. the ``rfm_cell`` or
    ``R`` column of :func:`~coursekit.models.rfm.scores.rfm_scores`) and a True/False
    ``responded`` column. Cells are sorted by response rate, best first.

    >>> test = pd.DataFrame({"R": [5, 5, 5, 5, 1, 1, 1, 1],
    ...                      "responded": [True, True, False, False, True, False, False, False]})
    >>> response_by_cell(test, by="R")[["mailed", "responders", "response_rate", "index"]]
       mailed  responders  response_rate  index
    R
    5       4           2           0.50  133.3
    1       4           1           0.25   66.7
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(customers, "customers", [*keys, responded])
    if customers.empty:
        raise ValueError("customers must hold at least one mailed customer")
    flags = customers[responded]
    if flags.isna().any() or not set(pd.unique(flags)) <= {True, False, 0, 1}:
        raise ValueError(f"customers column {responded!r} must be True/False (or 1/0) for "
                         "every customer, without missing values")
    grouped = customers.assign(_r=flags.astype(bool)).groupby(keys, sort=False)["_r"]
    table = pd.DataFrame({"mailed": grouped.size(), "responders": grouped.sum()})
    table["responders"] = table["responders"].astype("int64")
    table["response_rate"] = table["responders"] / table["mailed"]
    overall = table["responders"].sum() / table["mailed"].sum()
    table["index"] = (100 * table["response_rate"] / overall).round(1) if overall > 0 else np.nan
    return table.sort_values("response_rate", ascending=False, kind="stable")


def mailing_plan(rates: pd.DataFrame, *, cost_per_piece: float, margin_per_response: float,
                 rollout: pd.Series | None = None) -> pd.DataFrame:
    """Mail the cells whose response rate beats the break-even rate, and what that earns.

    ``rates`` is :func:`response_by_cell`'s table. ``rollout`` (optional, per cell) is the
    number of customers of each cell in the full list; by default the test counts
    (``mailed``). Adds ``mail`` (``response_rate > r*``), ``profit_per_piece``
    (``r m - c``) and ``expected_profit`` (``rollout x (r m - c)`` for mailed cells, else 0).

    >>> rates = pd.DataFrame({"mailed": [100, 100], "responders": [8, 2],
    ...                       "response_rate": [0.08, 0.02]}, index=["hot", "cold"])
    >>> mailing_plan(rates, cost_per_piece=0.8, margin_per_response=20)[["mail", "expected_profit"]]
           mail  expected_profit
    hot    True             80.0
    cold  False              0.0
    """
    check_columns(rates, "rates", ["mailed", "response_rate"])
    cost = check_number(cost_per_piece, "cost_per_piece", low=0.0)
    margin = check_number(margin_per_response, "margin_per_response", low=0.0, low_open=True)
    size = rates["mailed"] if rollout is None else rollout.reindex(rates.index)
    if size.isna().any() or (size < 0).any():
        raise ValueError("rollout must give a count >= 0 for every cell of rates")
    plan = rates.copy()
    plan["breakeven_rate"] = cost / margin
    plan["mail"] = plan["response_rate"] > plan["breakeven_rate"]
    plan["profit_per_piece"] = plan["response_rate"] * margin - cost
    plan["expected_profit"] = np.where(plan["mail"], size * plan["profit_per_piece"], 0.0)
    return plan
