"""RFM scores against a BTYD forecast: which one ranks next period's buyers better?

Both an RFM score and the BG/NBD model start from the same three facts about a customer - how
recently, how often (and how much) they bought - but they use them differently. The RFM score
``R + F + M`` is an *ordinal* index: it orders customers and says nothing about how many
purchases to expect. The BG/NBD conditional expectation ``E[X(t) | x, t_x, T]`` (Fader, Hardie
& Lee 2005) is a *forecast* in purchases per customer, so it can also be added up and compared
with what happened.

The test is a holdout: score the customers on a calibration period, then see how well each
ranking orders the purchases they make in the following holdout period:

* **Spearman's rank correlation** of each score with the holdout purchases;
* **capture at share q**: the share of all holdout purchases made by the top ``q`` of customers
  by the score. Customers with equal scores are taken in random order, so a tied group at the
  boundary contributes its mean times the number of places left (the expected capture):

  .. math:: C(q) = \\frac{\\sum_{g \\text{ above}} y_g + (k - n_\\text{above})
                   \\bar y_\\text{boundary}}{\\sum_i y_i}, \\quad k = q N .

Not from the textbook. Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005), "RFM and CLV: using
iso-value curves for customer base analysis", *Journal of Marketing Research* 42(4), 415-430
(RFM variables as sufficient statistics of the BTYD models); Fader, Hardie & Lee (2005),
"'Counting your customers' the easy way", *Marketing Science* 24(2), 275-284 (the BG/NBD and
the CDNOW calibration / holdout split of weeks 1-39 / 40-78).

>>> expected_capture([3, 2, 2, 1], [5, 1, 3, 1], share=0.5)   # 5 + mean(1, 3) of 10
0.7
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_columns, check_number
from coursekit.models.rfm.scores import rfm_scores, rfm_table

__all__ = ["expected_capture", "ForecastComparison", "compare_rfm_with_bgnbd"]


def expected_capture(score: Any, outcome: Any, share: float) -> float:
    """Share of the total ``outcome`` held by the top ``share`` of units ranked by ``score``.

    Ties in ``score`` are broken at random, so the tied group at the boundary counts with its
    mean outcome (see the module formula). ``outcome`` must be >= 0 with a positive total.

    >>> expected_capture([1, 1, 1, 1], [4, 0, 0, 0], share=0.25)   # all tied: a random quarter
    0.25
    """
    s = as_float_array(score, "score")
    y = as_float_array(outcome, "outcome")
    if s.ndim != 1 or s.shape != y.shape or s.size == 0:
        raise ValueError("score and outcome must be non-empty 1-D arrays of the same length")
    if not (np.isfinite(s).all() and np.isfinite(y).all()):
        raise ValueError("score and outcome must be finite (no NaN)")
    if (y < 0).any() or y.sum() <= 0:
        raise ValueError("outcome must be >= 0 with a positive total")
    share = check_number(share, "share", low=0.0, high=1.0, low_open=True)
    k = share * s.size
    groups = pd.DataFrame({"s": s, "y": y}).groupby("s", sort=True)["y"].agg(["sum", "size"])
    groups = groups.iloc[::-1]  # best score first
    before = groups["size"].cumsum() - groups["size"]
    taken = np.clip(k - before, 0, groups["size"])
    captured = float((groups["sum"] / groups["size"] * taken).sum())
    return captured / float(y.sum())


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rho: the Pearson correlation of the average ranks (ties share their mean rank)."""
    rx, ry = pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy()
    if rx.std() == 0 or ry.std() == 0:
        raise ValueError("a ranking without variation has no rank correlation")
    return float(np.corrcoef(rx, ry)[0, 1])


@dataclass(frozen=True)
class ForecastComparison:
    """How an RFM score and the BG/NBD forecast rank the holdout purchases."""

    customers: pd.DataFrame   #: per customer: R, F, M, rfm_score, bgnbd_expected, holdout
    spearman: pd.Series       #: rank correlation of each score with the holdout purchases
    capture: pd.DataFrame     #: share of holdout purchases of the top q customers, per score
    params: pd.Series         #: the BG/NBD estimates on the calibration period
    holdout_weeks: float      #: length of the holdout period

    @property
    def forecast_total(self) -> float:
        """Sum of the BG/NBD expectations: the purchases the model forecasts for the holdout."""
        return float(self.customers["bgnbd_expected"].sum())

    @property
    def actual_total(self) -> int:
        """Purchases actually made in the holdout (purchase days, as the BG/NBD counts them)."""
        return int(self.customers["holdout_purchases"].sum())


def compare_rfm_with_bgnbd(transactions: pd.DataFrame, *, calibration_end: Any,
                           observation_end: Any, customer: str = "customer_id",
                           date: str = "date", amount: str = "amount",
                           shares: tuple[float, ...] = (0.1, 0.2, 0.5)) -> ForecastComparison:
    """Score customers on the calibration period by RFM and by BG/NBD, test on the holdout.

    On the log up to ``calibration_end``: :func:`~coursekit.models.rfm.scores.rfm_scores`
    (quintiles, ``rfm_score = R + F + M``) and a BG/NBD fitted to the weekly summary, whose
    conditional expectation ``E[X(t) | x, t_x, T]`` over the holdout length ``t`` is the
    forecast. The outcome is each customer's number of purchase days in
    ``(calibration_end, observation_end]``. Customers are those with a first purchase by
    ``calibration_end``. ``capture`` also has the ``perfect`` ranking (by the outcome itself),
    the ceiling of any score.
    """
    from coursekit.models.btyd import BGNBD, summarize_transactions

    check_columns(transactions, "transactions", [customer, date, amount])
    for q in shares:
        check_number(q, "shares", low=0.0, high=1.0, low_open=True)
    summary = summarize_transactions(transactions, customer, date, amount,
                                     observation_end=observation_end,
                                     calibration_end=calibration_end)
    weeks = float(summary["duration_holdout"].iloc[0])
    if weeks <= 0:
        raise ValueError("observation_end must be after calibration_end (no holdout period)")
    when = pd.to_datetime(transactions[date])
    calibration = transactions.loc[when <= pd.Timestamp(calibration_end),
                                   [customer, date, amount]]
    scores = rfm_scores(rfm_table(calibration, customer=customer, date=date, amount=amount,
                                  as_of=calibration_end)).reindex(summary.index)
    model = BGNBD().fit(summary["frequency"], summary["recency"], summary["T"])
    expected = model.conditional_expected_purchases(weeks, summary["frequency"],
                                                    summary["recency"], summary["T"])
    table = pd.DataFrame({
        "R": scores["R"], "F": scores["F"], "M": scores["M"],
        "rfm_score": scores["rfm_score"],
        "bgnbd_expected": np.asarray(expected, dtype=float),
        "holdout_purchases": summary["frequency_holdout"],
    }, index=summary.index)
    y = table["holdout_purchases"].to_numpy(dtype=float)
    rankings = {"rfm_score": table["rfm_score"].to_numpy(dtype=float),
                "bgnbd_expected": table["bgnbd_expected"].to_numpy(dtype=float)}
    spearman = pd.Series({name: _spearman(s, y) for name, s in rankings.items()},
                         name="spearman")
    rankings["perfect"] = y
    capture = pd.DataFrame({name: [expected_capture(s, y, q) for q in shares]
                            for name, s in rankings.items()},
                           index=pd.Index(list(shares), name="top_share"))
    return ForecastComparison(table, spearman, capture, model.params_, weeks)
