"""Inference on SERVQUAL data: paired tests of P against E, and dimension drivers of quality.

Not from the textbook. Paired t-test and Wilcoxon signed-rank test (scipy), Holm's correction
for the five tests (Holm 1979, "A simple sequentially rejective multiple test procedure",
*Scandinavian Journal of Statistics* 6, 65-70), effect size Cohen's ``d_z`` (Lakens 2013,
"Calculating and reporting effect sizes", *Frontiers in Psychology* 4:863), and OLS with
heteroskedasticity-robust HC3 standard errors (MacKinnon & White 1985, *Journal of
Econometrics* 29, 305-325) via statsmodels.

>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(1)
>>> e = pd.DataFrame(rng.normal(6, 0.5, (100, 2)), columns=["a", "b"])
>>> p = e + np.array([-0.5, 0.0]) + rng.normal(0, 0.5, (100, 2))
>>> (paired_gap_tests(e, p)["p_holm"] < 0.05).tolist()
[True, False]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_choice, check_probability

__all__ = ["paired_gap_tests", "DriverAnalysis", "quality_drivers"]


def _frame(data: Any, name: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame (respondents x dimensions); "
                        f"got {type(data).__name__}")
    try:
        values = data.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numeric scores") from None
    if np.isnan(values).any():
        raise ValueError(f"{name} has missing values; drop incomplete respondents first")
    as_float_array(values, name)
    return data


def paired_gap_tests(expectations: Any, perceptions: Any, *,
                     confidence: float = 0.95) -> pd.DataFrame:
    """Paired test of ``P`` against ``E`` for every column (e.g. the five dimensions).

    For the differences ``d_r = P_r - E_r``: mean gap, its ``confidence`` interval, paired
    ``t = mean(d) / (sd(d)/sqrt(n))`` with its p-value, the Wilcoxon signed-rank p-value,
    Holm-adjusted t-test p-values across the columns and Cohen's ``d_z = mean(d) / sd(d)``.

    >>> e = pd.DataFrame({"x": [6, 6, 7, 5, 6]}); p = pd.DataFrame({"x": [5, 4, 6, 5, 4]})
    >>> r = paired_gap_tests(e, p).loc["x"]
    >>> float(r["mean_gap"]), round(float(r["t"]), 3), round(float(r["cohen_dz"]), 3)
    (-1.2, -3.207, -1.434)
    """
    from scipy import stats
    from statsmodels.stats.multitest import multipletests

    e, p = _frame(expectations, "expectations"), _frame(perceptions, "perceptions")
    level = float(check_probability(confidence, "confidence", open_low=True, open_high=True))
    if list(e.columns) != list(p.columns):
        raise ValueError(f"perceptions must have the same columns as expectations; got "
                         f"{list(p.columns)} and {list(e.columns)}")
    if not e.index.equals(p.index):
        raise ValueError("perceptions and expectations must describe the same respondents "
                         "(identical index)")
    if len(e) < 3:
        raise ValueError(f"expectations needs at least 3 respondents; got {len(e)}")
    d = p.to_numpy(dtype=float) - e.to_numpy(dtype=float)
    sd = d.std(axis=0, ddof=1)
    if np.any(sd == 0):
        const = list(e.columns[sd == 0])
        raise ValueError(f"perceptions - expectations is constant for {const}; no test possible")
    t = stats.ttest_rel(p.to_numpy(dtype=float), e.to_numpy(dtype=float), axis=0)
    ci = t.confidence_interval(confidence_level=level)
    wil = stats.wilcoxon(d, axis=0, zero_method="wilcox")
    return pd.DataFrame({
        "n": len(d), "mean_e": e.mean().to_numpy(), "mean_p": p.mean().to_numpy(),
        "mean_gap": d.mean(axis=0), "sd_gap": sd, "ci_low": ci.low, "ci_high": ci.high,
        "t": t.statistic, "p_value": t.pvalue,
        "p_holm": multipletests(t.pvalue, method="holm")[1],
        "wilcoxon_p": wil.pvalue, "cohen_dz": d.mean(axis=0) / sd,
    }, index=pd.Index(e.columns, name=e.columns.name or "dimension"))


@dataclass(frozen=True)
class DriverAnalysis:
    """OLS of an overall rating on dimension scores: coefficients with robust errors."""

    coefficients: pd.DataFrame
    r_squared: float
    n: int
    cov_type: str
    results: Any = field(repr=False, compare=False)

    def __repr__(self) -> str:
        top = self.coefficients.drop(index="const")["coef"].idxmax()
        return (f"DriverAnalysis(n={self.n}, R2={self.r_squared:.3f}, cov_type={self.cov_type!r},"
                f" strongest driver={top!r})")


def quality_drivers(dimension_scores: Any, overall: Any, *,
                    cov_type: str = "HC3") -> DriverAnalysis:
    """Which dimension drives overall quality: ``Q_r = b0 + sum_d b_d X_rd + e_r`` by OLS.

    Standard errors are heteroskedasticity-robust (``cov_type="HC3"`` by default; ``"nonrobust"``
    for classical ones). ``std_coef`` is ``b_d * sd(X_d) / sd(Q)`` (NaN, by definition, for the
    constant).

    >>> x = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6.0], "b": [2, 1, 4, 3, 6, 5.0]})
    >>> q = 1 + 2 * x["a"] + 0.5 * x["b"]
    >>> round(float(quality_drivers(x, q).coefficients.loc["a", "coef"]), 6)
    2.0
    """
    # the two submodules, not statsmodels.api: that imports all of statsmodels (about 1 s)
    from statsmodels.regression.linear_model import OLS
    from statsmodels.tools.tools import add_constant

    x = _frame(dimension_scores, "dimension_scores")
    check_choice(cov_type, "cov_type", ("HC0", "HC1", "HC2", "HC3", "nonrobust"))
    y = pd.Series(as_float_array(np.asarray(overall, dtype=float), "overall"),
                  index=overall.index if isinstance(overall, pd.Series) else x.index,
                  name=getattr(overall, "name", None) or "overall")
    if len(y) != len(x) or not y.index.equals(x.index):
        raise ValueError("overall must have one value per row of dimension_scores (same index)")
    if len(x) <= x.shape[1] + 1:
        raise ValueError(f"dimension_scores needs more rows than columns + 1; got {x.shape}")
    fit = OLS(y, add_constant(x.astype(float))).fit(cov_type=cov_type)
    ci = fit.conf_int()
    table = pd.DataFrame({"coef": fit.params, "se": fit.bse, "z": fit.tvalues,
                          "p_value": fit.pvalues, "ci_low": ci[0], "ci_high": ci[1]})
    table["std_coef"] = table["coef"] * pd.concat([pd.Series({"const": np.nan}),
                                                  x.std(ddof=1)]) / y.std(ddof=1)
    return DriverAnalysis(coefficients=table, r_squared=float(fit.rsquared), n=int(fit.nobs),
                          cov_type=cov_type, results=fit)
