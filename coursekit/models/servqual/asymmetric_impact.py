"""Penalty-reward contrast analysis: attributes hurt more when they fail than they help when
they excel (or the other way round).

Not from the textbook: Brandt, D. R. (1987), "A procedure for identifying value-enhancing service
components using customer satisfaction survey data", in Surprenant, C. (ed.), *Add Value to Your
Service*, AMA, 61-65; Anderson, E. W. & Mittal, V. (2000), "Strengthening the satisfaction-profit
chain", *Journal of Service Research* 3(2), 107-120 (the asymmetric impact of attribute
performance on satisfaction and loyalty).

For each attribute k two dummies mark low and high performance (at or below the ``low`` cut, at
or above the ``high`` cut; the middle is the reference). One regression of the outcome on all
dummies,

    y = b0 + sum_k (pen_k low_k + rew_k high_k) + e,

gives each attribute's **penalty** (pen_k, the drop when it performs badly; normally negative) and
**reward** (rew_k, the gain when it performs well). |penalty| > reward marks a *dissatisfier*
(must-be quality in Kano's terms, module 06); reward > |penalty| a *satisfier* (attractive);
similar sizes a *hybrid* (one-dimensional).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_number

__all__ = ["penalty_reward"]


def penalty_reward(performance: pd.DataFrame, outcome, *, low=None, high=None,
                   asymmetry: float = 0.6) -> pd.DataFrame:
    """Penalty and reward of each attribute (columns of ``performance``) on ``outcome``.

    ``low`` / ``high``: performance at or below ``low`` is "low", at or above ``high`` is
    "high" (a number for all attributes, or a dict per attribute); by default each attribute's
    25th and 75th percentiles. ``asymmetry`` (assumption, not from the sources): an attribute is a
    *dissatisfier* if |penalty| / (|penalty| + |reward|) >= asymmetry, a *satisfier* if it is
    <= 1 - asymmetry, else a *hybrid*. Columns: ``penalty``, ``reward``, their standard errors,
    ``n_low``, ``n_high``, ``penalty_share`` and ``type``.

    >>> rng = np.random.default_rng(0)
    >>> x = pd.DataFrame({"a": rng.integers(1, 6, 4000), "b": rng.integers(1, 6, 4000)})
    >>> y = 5 - 2.0 * (x["a"] <= 2) + 0.5 * (x["a"] >= 4) + 1.0 * (x["b"] >= 4) \\
    ...     + rng.normal(0, 0.5, 4000)
    >>> prca = penalty_reward(x, y, low=2, high=4)
    >>> prca[["penalty", "reward"]].round(1).to_dict("list"), prca["type"].tolist()
    ({'penalty': [-2.0, 0.0], 'reward': [0.5, 1.0]}, ['dissatisfier', 'satisfier'])
    """
    if not isinstance(performance, pd.DataFrame) or performance.shape[1] == 0:
        raise TypeError("performance must be a DataFrame with one column per attribute")
    x = performance.astype(float)
    y = np.asarray(outcome, dtype=float).ravel()
    if len(y) != len(x):
        raise ValueError(f"outcome must have one value per row of performance; got {len(y)} "
                         f"for {len(x)} rows")
    if np.isnan(y).any() or x.isna().any().any():
        raise ValueError("performance and outcome must have no missing values (drop them first)")
    share = float(check_number(asymmetry, "asymmetry", low=0.5, high=1, low_open=True))

    def cut(value, default_q: float, name: str) -> pd.Series:
        if value is None:
            return x.quantile(default_q)
        if isinstance(value, dict):
            missing = [c for c in x.columns if c not in value]
            if missing:
                raise ValueError(f"{name} must give a cut for every attribute; missing {missing}")
            return pd.Series({c: float(check_number(value[c], f"{name}[{c!r}]")) for c in x})
        return pd.Series(float(check_number(value, name)), index=x.columns)

    lo, hi = cut(low, 0.25, "low"), cut(high, 0.75, "high")
    if (lo >= hi).any():
        raise ValueError(f"low must be below high for every attribute; check "
                         f"{list(lo.index[lo >= hi])}")
    low_d = (x <= lo).astype(float)
    high_d = (x >= hi).astype(float)
    empty = [c for c in x.columns if low_d[c].sum() == 0 or high_d[c].sum() == 0]
    if empty:
        raise ValueError(f"attributes {empty} have no respondents in the low or the high group: "
                         "move the low/high cuts")
    design = np.column_stack([np.ones(len(y)), low_d.to_numpy(), high_d.to_numpy()])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    dof = len(y) - design.shape[1]
    if dof <= 0 or np.linalg.matrix_rank(design) < design.shape[1]:
        raise ValueError("performance gives too few respondents (or collinear dummies) to "
                         "estimate a penalty and a reward for every attribute")
    resid = y - design @ coef
    cov = resid @ resid / dof * np.linalg.inv(design.T @ design)
    se = np.sqrt(np.diag(cov))
    k = x.shape[1]
    out = pd.DataFrame({"penalty": coef[1:k + 1], "reward": coef[k + 1:],
                        "penalty_se": se[1:k + 1], "reward_se": se[k + 1:],
                        "n_low": low_d.sum().astype(int).to_numpy(),
                        "n_high": high_d.sum().astype(int).to_numpy()}, index=x.columns)
    size = out["penalty"].abs() + out["reward"].abs()
    out["penalty_share"] = np.where(size > 0, out["penalty"].abs() / size.where(size > 0, 1), 0.5)
    out["type"] = np.where(out["penalty_share"] >= share, "dissatisfier",
                           np.where(out["penalty_share"] <= 1 - share, "satisfier", "hybrid"))
    out.index.name = "attribute"
    return out
