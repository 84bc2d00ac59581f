"""SERVQUAL scores: item gaps ``P - E``, dimension means, the overall score, SERVPERF, gap 1.

The textbook (5.1.11-5.1.16) defines the *customer gap* (gap 5) as the difference between the
service a customer expected and the service the customer perceived, and the knowledge gap (gap
1) between what customers expect and what management thinks they expect. Not from the textbook:
the gap score ``P - E`` over the 22 items (Parasuraman, Zeithaml & Berry 1988, *Journal of
Retailing* 64(1), 12-40) and SERVPERF (Cronin & Taylor 1992, *Journal of Marketing* 56(3),
55-68).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_choice, check_number
from coursekit.models.servqual.instrument import (
    DIMENSIONS,
    _N_ITEMS,
    _ITEM_DIM,
    _dimension_means,
    item_columns,
    _check_scale,
    as_item_frame,
    _complete,
    _check_range,
    _aligned,
)

__all__ = [
    "gap_scores", "dimension_scores", "servqual_score", "servperf_score", "knowledge_gap",
]


def gap_scores(expectations: Any, perceptions: Any, *, scale: tuple[float, float] = (1, 7),
               missing: str = "raise") -> pd.DataFrame:
    """Item gap scores ``G_ri = P_ri - E_ri`` for every respondent ``r`` and item ``i``.

    A negative gap means the service fell short of what the customer expected (the customer
    gap, textbook 5.1.16). Respondents are matched by index label (arrays: by row).

    >>> e = pd.DataFrame([[6] * 22], columns=item_columns("e"))
    >>> p = pd.DataFrame([[4] * 22], columns=item_columns("p"))
    >>> gap_scores(e, p).iloc[0, :3].tolist()
    [-2.0, -2.0, -2.0]
    """
    scale = _check_scale(scale)
    frames = {"expectations": as_item_frame(expectations, "expectations"),
              "perceptions": as_item_frame(perceptions, "perceptions")}
    frames = _complete(_aligned(frames), missing)
    for name, frame in frames.items():
        _check_range(frame, name, scale)
    return frames["perceptions"] - frames["expectations"]


def dimension_scores(item_scores: Any) -> pd.DataFrame:
    """Mean item score per dimension, ``G_rd = (1/|I_d|) sum_{i in I_d} G_ri``.

    Works on gaps, expectations or perceptions alike (respondents x 22 items).

    >>> gaps = np.r_[[-1] * 4, [-2] * 5, [0] * 4, [1] * 4, [-1] * 5]
    >>> dimension_scores(gaps).iloc[0].tolist()
    [-1.0, -2.0, 0.0, 1.0, -1.0]
    """
    frame = as_item_frame(item_scores, "item_scores")
    _complete({"item_scores": frame}, "raise")
    return pd.DataFrame(_dimension_means(frame.to_numpy()), index=frame.index,
                        columns=pd.Index(DIMENSIONS, name="dimension"))


def _dimension_frame(data: Any, name: str) -> tuple[pd.DataFrame, bool]:
    """A respondents x 5 frame; the flag says the input was a single profile."""
    single = isinstance(data, (Mapping, pd.Series))
    frame = pd.DataFrame([dict(data)]) if single else data
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame with columns {list(DIMENSIONS)} or a "
                        f"Series/dict indexed by them; got {type(data).__name__}")
    absent = [d for d in DIMENSIONS if d not in frame.columns]
    if absent:
        raise ValueError(f"{name} is missing dimension(s) {absent}; need {list(DIMENSIONS)}")
    values = as_float_array(frame[list(DIMENSIONS)].to_numpy(dtype=float), name)
    return pd.DataFrame(values, index=frame.index, columns=list(DIMENSIONS)), single


def servqual_score(dimension_scores: Any, weights: Any = None) -> float | pd.Series:
    """Overall SERVQUAL score, unweighted or importance-weighted.

    Unweighted: ``Q = (1/5) sum_d G_d`` (each dimension counts equally, whatever its number of
    items). Weighted: ``Q_w = sum_d (w_d / 100) G_d`` where ``w`` is the customer's 100-point
    importance allocation (one allocation for everybody, or one row per respondent).

    >>> g = {"tangibles": 0, "reliability": -2, "responsiveness": -1, "assurance": 0,
    ...      "empathy": 0.5}
    >>> servqual_score(g)
    -0.5
    >>> servqual_score(g, {"tangibles": 10, "reliability": 40, "responsiveness": 20,
    ...                    "assurance": 20, "empathy": 10})
    -0.95
    """
    frame, single = _dimension_frame(dimension_scores, "dimension_scores")
    if weights is None:
        score = frame.mean(axis=1)
    else:
        if isinstance(weights, pd.DataFrame):
            w, _ = _dimension_frame(weights, "weights")
            if not w.index.equals(frame.index):
                raise ValueError("weights (one row per respondent) must have the same index as "
                                 "dimension_scores")
        else:
            w, _ = _dimension_frame(weights, "weights")
            w = pd.DataFrame(np.repeat(w.to_numpy(), len(frame), axis=0), index=frame.index,
                             columns=list(DIMENSIONS))
        check_number(w.to_numpy(), "weights", low=0)
        totals = w.sum(axis=1).to_numpy()
        if not np.allclose(totals, 100, atol=1e-6):
            hint = " (write shares as points: multiply by 100)" if np.allclose(totals, 1) else ""
            raise ValueError(f"weights must be a 100-point allocation summing to 100 per "
                             f"respondent; got sums like {totals[0]:g}{hint}")
        score = (frame * w).sum(axis=1) / 100
    score = score.rename("servqual")
    return float(np.round(score.iloc[0], 12)) if single else score


def servperf_score(perceptions: Any, *, scale: tuple[float, float] = (1, 7),
                   missing: str = "raise") -> pd.Series:
    """SERVPERF: the mean of the 22 perception items, ``S_r = (1/22) sum_i P_ri``.

    Not from the textbook: Cronin & Taylor (1992), "Measuring service quality: a reexamination
    and extension", *Journal of Marketing* 56(3), 55-68 (they sum the items; the mean keeps the
    1-7 scale).

    >>> servperf_score(np.r_[[7] * 11, [5] * 11]).tolist()
    [6.0]
    """
    scale = _check_scale(scale)
    frame = _complete({"perceptions": as_item_frame(perceptions, "perceptions")},
                      missing)["perceptions"]
    _check_range(frame, "perceptions", scale)
    return frame.mean(axis=1).rename("servperf")


def knowledge_gap(expectations: Any, management_estimates: Any, *,
                  level: str = "item") -> pd.DataFrame:
    """Gap 1 measured directly: customers' mean expectation minus management's estimate of it.

    ``Gap1_i = mean_r E_ri - mean_m M_mi``; positive means management *underestimates* what
    customers expect (textbook 5.1.12: the hotel that thinks guests want better food while they
    care about responsiveness and clean rooms). ``level="dimension"`` averages items per
    dimension.

    >>> e = np.tile(np.r_[[6.0] * 9, [7.0] * 13], (3, 1)); m = np.full((2, 22), 6.0)
    >>> knowledge_gap(e, m, level="dimension")["gap1"].tolist()
    [0.0, 0.0, 1.0, 1.0, 1.0]
    """
    check_choice(level, "level", ("item", "dimension"))
    frames = {"expectations": as_item_frame(expectations, "expectations"),
              "management_estimates": as_item_frame(management_estimates, "management_estimates")}
    frames = _complete({"expectations": frames["expectations"]}, "raise") | _complete(
        {"management_estimates": frames["management_estimates"]}, "raise")
    for name, frame in frames.items():
        _check_range(frame, name, (1, 7))
    cust = frames["expectations"].mean(axis=0).to_numpy()
    mgmt = frames["management_estimates"].mean(axis=0).to_numpy()
    if level == "dimension":
        cust, mgmt = _dimension_means(cust), _dimension_means(mgmt)
        index = pd.Index(DIMENSIONS, name="dimension")
        out = pd.DataFrame({"customer": cust, "management": mgmt}, index=index)
    else:
        index = pd.Index(range(1, _N_ITEMS + 1), name="item")
        out = pd.DataFrame({"dimension": _ITEM_DIM, "customer": cust, "management": mgmt},
                           index=index)
    out["gap1"] = out["customer"] - out["management"]
    return out
