"""The service-profit chain (Heskett et al. 1994) as a chain of regressions.

Heskett, Jones, Loveman, Sasser & Schlesinger (1994) link the inside of a service firm to its
profits in a chain of hypotheses:

    internal service quality -> employee satisfaction -> employee retention and productivity
    -> external service value -> customer satisfaction -> customer loyalty -> revenue growth

Each link is a claim that can be tested: regress each outcome on the link(s) before it,

.. math:: y_k = \\beta_{k0} + \\sum_{j \\in \\text{pa}(k)} \\beta_{kj}\\, y_j + \\varepsilon_k ,

one OLS per link (a recursive path model; with uncorrelated errors each equation is estimated
consistently by OLS). The effect of a change at the start on the end of the chain is the sum,
over every path between them, of the products of the path coefficients (Wright 1934; Alwin &
Hauser 1975). In a panel of units (branches) observed repeatedly, the standard errors are
clustered by unit.

Not from the textbook. Heskett, J. L., Jones, T. O., Loveman, G. W., Sasser, W. E. &
Schlesinger, L. A. (1994), "Putting the service-profit chain to work", *Harvard Business
Review* 72(2), 164-174; Loveman, G. W. (1998), "Employee satisfaction, customer loyalty, and
financial performance: an empirical examination of the service profit chain in retail banking",
*Journal of Service Research* 1(1), 18-31 (the chain tested with branch data); Alwin, D. F. &
Hauser, R. M. (1975), "The decomposition of effects in path analysis", *American Sociological
Review* 40(1), 37-47.

>>> [f"{y} <- {', '.join(x)}" for y, x in PROFIT_CHAIN_LINKS][:2]
['employee_satisfaction <- internal_service_quality', 'employee_retention <- employee_satisfaction']
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_columns, check_number

__all__ = ["PROFIT_CHAIN_LINKS", "ProfitChain", "profit_chain", "chain_effect"]

#: The links of the chain as (outcome, predictors) in causal order (Heskett et al. 1994).
PROFIT_CHAIN_LINKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("employee_satisfaction", ("internal_service_quality",)),
    ("employee_retention", ("employee_satisfaction",)),
    ("employee_productivity", ("employee_satisfaction",)),
    ("service_value", ("employee_retention", "employee_productivity")),
    ("customer_satisfaction", ("service_value",)),
    ("customer_loyalty", ("customer_satisfaction",)),
    ("revenue_growth", ("customer_loyalty",)),
)


@dataclass(frozen=True)
class ProfitChain:
    """The estimated links of a service-profit chain."""

    paths: pd.DataFrame   #: one row per arrow: outcome, predictor, coef, se, ci_low, ci_high, p
    fits: pd.DataFrame    #: one row per equation: r_squared, n
    links: tuple[tuple[str, tuple[str, ...]], ...]

    def coefficient(self, outcome: str, predictor: str) -> float:
        """The estimated coefficient of the arrow ``predictor -> outcome``."""
        key = (outcome, predictor)
        if key not in self.paths.index:
            raise ValueError(f"there is no arrow {predictor!r} -> {outcome!r} in the chain")
        return float(self.paths.loc[key, "coef"])


def _check_links(links: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(links, Sequence) or not links:
        raise TypeError("links must be a non-empty sequence of (outcome, predictors) pairs")
    out, seen = [], set()
    for item in links:
        if not (isinstance(item, Sequence) and len(item) == 2 and isinstance(item[0], str)):
            raise TypeError(f"links: each link must be (outcome, predictors); got {item!r}")
        outcome, predictors = item[0], tuple(item[1])
        if not predictors or not all(isinstance(p, str) for p in predictors):
            raise TypeError(f"links: the predictors of {outcome!r} must be column names")
        if outcome in predictors or outcome in seen:
            raise ValueError(f"links: {outcome!r} appears twice as an outcome or predicts "
                             "itself")
        seen.add(outcome)
        out.append((outcome, predictors))
    return tuple(out)


def profit_chain(panel: pd.DataFrame, links: Any = PROFIT_CHAIN_LINKS, *,
                 cluster: str | None = None, level: float = 0.95) -> ProfitChain:
    """Fit one OLS per link of the chain: ``outcome ~ const + predictors``.

    ``panel`` has one row per observation (e.g. branch x quarter) and a column per variable of
    ``links``. ``cluster`` names a column (e.g. ``"branch"``) for standard errors clustered by
    unit; without it, the usual OLS standard errors. Missing values raise ``ValueError``.

    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=200)
    >>> df = pd.DataFrame({"a": x, "b": 2 * x + rng.normal(scale=0.1, size=200)})
    >>> round(profit_chain(df, [("b", ("a",))]).coefficient("b", "a"), 1)
    2.0
    """
    import statsmodels.api as sm

    links = _check_links(links)
    if not isinstance(panel, pd.DataFrame):
        raise TypeError(f"panel must be a DataFrame; got {type(panel).__name__}")
    names = list(dict.fromkeys([v for y, xs in links for v in (y, *xs)]))
    check_columns(panel, "panel", names + ([cluster] if cluster else []))
    level = float(check_number(level, "level", low=0.0, high=1.0, low_open=True, high_open=True,
                               scalar=True))
    data = panel[names]
    if data.isna().any().any():
        bad = data.columns[data.isna().any()].tolist()
        raise ValueError(f"panel has missing values in {bad}; drop or impute them first")
    if len(data) <= max(len(xs) for _, xs in links) + 2:
        raise ValueError("panel needs more rows than predictors + 2 for the regressions")
    rows, fits = [], {}
    for outcome, predictors in links:
        X = sm.add_constant(data[list(predictors)].astype(float), has_constant="add")
        model = sm.OLS(data[outcome].astype(float), X)
        if cluster:
            result = model.fit(cov_type="cluster",
                               cov_kwds={"groups": pd.factorize(panel[cluster])[0]})
        else:
            result = model.fit()
        ci = result.conf_int(alpha=1 - level)
        for p in predictors:
            rows.append({"outcome": outcome, "predictor": p, "coef": float(result.params[p]),
                         "se": float(result.bse[p]), "ci_low": float(ci.loc[p, 0]),
                         "ci_high": float(ci.loc[p, 1]), "p_value": float(result.pvalues[p])})
        fits[outcome] = {"r_squared": float(result.rsquared), "n": int(result.nobs)}
    paths = pd.DataFrame(rows).set_index(["outcome", "predictor"])
    fit_table = pd.DataFrame.from_dict(fits, orient="index")
    fit_table.index.name = "outcome"
    return ProfitChain(paths, fit_table, links)


def chain_effect(coefficients: Any, start: str, end: str) -> float:
    """Total effect of one unit of ``start`` on ``end``: sum over paths of coefficient products.

    ``coefficients`` is a :class:`ProfitChain` or a mapping ``{(outcome, predictor): coef}``
    (e.g. the generating truth). ``effect(start, end) = sum_{paths} prod_{arrows} beta``.

    >>> chain_effect({("b", "a"): 2.0, ("c", "b"): 0.5, ("c", "a"): 1.0}, "a", "c")
    2.0
    """
    if isinstance(coefficients, ProfitChain):
        arrows = coefficients.paths["coef"].to_dict()
    elif isinstance(coefficients, dict):
        arrows = {tuple(k): float(v) for k, v in coefficients.items()}
    else:
        raise TypeError("coefficients must be a ProfitChain or a dict {(outcome, predictor): "
                        "coef}")
    nodes = {n for pair in arrows for n in pair}
    for name, value in (("start", start), ("end", end)):
        if value not in nodes:
            raise ValueError(f"{name} {value!r} is not a variable of the chain; allowed: "
                             f"{sorted(nodes)}")
    children: dict[str, list[tuple[str, float]]] = {}
    for (outcome, predictor), coef in arrows.items():
        children.setdefault(predictor, []).append((outcome, coef))

    def effect(node: str, depth: int) -> float:
        if depth > len(nodes):
            raise ValueError("the chain has a cycle: its arrows must point one way")
        if node == end:
            return 1.0
        return sum(c * effect(child, depth + 1) for child, c in children.get(node, []))

    if start == end:
        raise ValueError("start and end must be different variables")
    return float(effect(start, 0))
