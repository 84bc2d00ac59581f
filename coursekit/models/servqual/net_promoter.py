"""The Net Promoter Score, its sampling error, and how the service gaps differ by loyalty class.

Not from the textbook: Reichheld, F. F. (2003), "The one number you need to grow", *Harvard
Business Review* 81(12), 46-54. Customers answer "How likely is it that you would recommend us to a
friend or colleague?" on 0-10; 9-10 are **promoters**, 7-8 **passives**, 0-6 **detractors**, and

    NPS = 100 x (share of promoters - share of detractors),  from -100 to +100.

A difference of two shares of one sample is noisier than either share: its standard error is
100 sqrt((p + d - (p - d)^2) / n) (the variance of a difference of two multinomial shares),
and a seeded
percentile bootstrap gives the interval without that formula. Keiningham et al. (2007, *Journal of
Marketing* 71(3), 39-51) found that NPS predicts growth no better than satisfaction does:
treat it as one loyalty measure among others.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from coursekit._validate import check_columns, check_integer, check_number

__all__ = ["NPS_CLASSES", "nps_classes", "nps", "NPSInterval", "nps_interval", "nps_by",
           "gaps_by_nps_class"]

#: The three classes, lowest first.
NPS_CLASSES: tuple[str, ...] = ("detractor", "passive", "promoter")


def _scores(scores, name: str = "scores") -> np.ndarray:
    arr = np.asarray(scores.to_numpy() if isinstance(scores, pd.Series) else scores, dtype=float)
    arr = np.ravel(arr)
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one answer")
    if np.isnan(arr).any():
        raise ValueError(f"{name} has missing answers: drop them first")
    check_number(arr, name, low=0, high=10)
    if not np.all(arr == np.round(arr)):
        raise ValueError(f"{name} must be whole numbers 0-10 (the 11-point recommend scale)")
    return arr


def nps_classes(scores) -> pd.Categorical:
    """Detractor (0-6), passive (7-8) or promoter (9-10) for each answer.

    >>> list(nps_classes([0, 6, 7, 8, 9, 10]))
    ['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']
    """
    arr = _scores(scores)
    codes = np.where(arr >= 9, 2, np.where(arr >= 7, 1, 0))
    return pd.Categorical.from_codes(codes, categories=list(NPS_CLASSES), ordered=True)


def _shares(arr: np.ndarray) -> tuple[float, float, float]:
    return float(np.mean(arr <= 6)), float(np.mean((arr >= 7) & (arr <= 8))), float(np.mean(arr >= 9))


def nps(scores) -> float:
    """NPS = 100 (share of 9-10 - share of 0-6).

    >>> nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5])   # 5 promoters, 3 detractors of 10
    20.0
    """
    d, _, p = _shares(_scores(scores))
    return 100 * (p - d)


@dataclass(frozen=True)
class NPSInterval:
    """NPS with its standard error (formula and bootstrap) and a percentile bootstrap interval."""

    nps: float
    n: int
    standard_error: float       # 100 sqrt((p + d - (p - d)^2) / n)
    bootstrap_se: float
    low: float
    high: float
    level: float

    def __repr__(self) -> str:
        return (f"NPSInterval(NPS={self.nps:.1f}, n={self.n}, se={self.standard_error:.2f}, "
                f"{self.level:.0%} bootstrap interval [{self.low:.1f}, {self.high:.1f}])")


def nps_interval(scores, *, level: float = 0.95, n_boot: int = 5000,
                 seed: int = 0) -> NPSInterval:
    """NPS with a seeded percentile-bootstrap interval.

    Resampling n answers with replacement is the same as drawing the three class counts from a
    multinomial(n; d, 1 - p - d, p), so all ``n_boot`` resamples are drawn in one vectorised step.

    >>> r = nps_interval([10] * 50 + [8] * 30 + [3] * 20, seed=1)
    >>> r.nps, round(r.standard_error, 2), r.low < r.nps < r.high
    (30.0, 7.81, True)
    """
    arr = _scores(scores)
    lev = float(check_number(level, "level", low=0, high=1, low_open=True, high_open=True))
    b = check_integer(n_boot, "n_boot", low=100)
    rng = np.random.default_rng(check_integer(seed, "seed", low=0))
    d, m, p = _shares(arr)
    n = arr.size
    counts = rng.multinomial(n, [d, m, p], size=b)
    boot = 100 * (counts[:, 2] - counts[:, 0]) / n
    tail = (1 - lev) / 2
    low, high = np.quantile(boot, [tail, 1 - tail])
    se = 100 * np.sqrt(max(p + d - (p - d) ** 2, 0.0) / n)
    return NPSInterval(100 * (p - d), n, float(se), float(boot.std(ddof=1)), float(low),
                       float(high), lev)


def nps_by(frame: pd.DataFrame, by: str, *, column: str = "recommend", level: float = 0.95,
           n_boot: int = 5000, seed: int = 0) -> pd.DataFrame:
    """NPS per segment with class shares and a bootstrap interval (each segment its own seed
    stream, so adding a segment does not change the others' intervals).

    >>> f = pd.DataFrame({"seg": ["a"] * 4 + ["b"] * 4, "recommend": [10, 9, 2, 8, 6, 5, 9, 7]})
    >>> nps_by(f, "seg")["nps"].tolist()
    [25.0, -25.0]
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a DataFrame; got {type(frame).__name__}")
    check_columns(frame, "frame", [by, column])
    rows = {}
    for i, (key, part) in enumerate(frame.groupby(by, observed=True, sort=True)):
        r = nps_interval(part[column], level=level, n_boot=n_boot, seed=seed + i)
        d, m, p = _shares(_scores(part[column], column))
        rows[key] = {"n": r.n, "detractors": d, "passives": m, "promoters": p, "nps": r.nps,
                     "se": r.standard_error, "low": r.low, "high": r.high}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = by
    return out


def gaps_by_nps_class(dimension_gaps: pd.DataFrame, scores) -> pd.DataFrame:
    """Mean dimension gap (P - E) of detractors, passives and promoters, with the class sizes.

    ``dimension_gaps`` is respondents x dimensions (``servqual.dimension_scores`` of the gaps),
    ``scores`` the same respondents' 0-10 answers.

    >>> g = pd.DataFrame({"reliability": [-2.0, -1.0, 0.0, 0.5]})
    >>> gaps_by_nps_class(g, [3, 7, 9, 10])["reliability"].tolist()
    [-2.0, -1.0, 0.25]
    """
    if not isinstance(dimension_gaps, pd.DataFrame):
        raise TypeError("dimension_gaps must be a DataFrame (respondents x dimensions)")
    classes = nps_classes(scores)
    if len(classes) != len(dimension_gaps):
        raise ValueError(f"scores must have one answer per row of dimension_gaps; got "
                         f"{len(classes)} answers for {len(dimension_gaps)} rows")
    out = dimension_gaps.groupby(np.asarray(classes), observed=False).mean()
    sizes = pd.Series(np.asarray(classes)).value_counts()
    present = [c for c in NPS_CLASSES if sizes.get(c, 0) > 0]  # no NaN rows for empty classes
    out = out.reindex(present)
    out.insert(0, "n", sizes.reindex(present).to_numpy())
    out.index.name = "class"
    return out
