"""Holdout evaluation of transaction models: the comparisons of the BTYD literature.

Not from the textbook: the figures and tables of Fader, Hardie and Lee (2005), "Counting your
customers the easy way", *Marketing Science* 24(2), 275-284 (their figures 2-5), also used by
Batislam, Denizel and Filiztekin (2007) to compare BG/NBD, Pareto/NBD and MBG/NBD:

* :func:`calibration_holdout_summary` - the per-customer summary of a calibration period and
  the purchases of each customer in the holdout period that follows;
* :func:`period_purchase_histogram` - how many customers made 0, 1, 2, ... repeat purchases in
  the calibration period, observed against expected (figure 2);
* :func:`conditional_expectations_by_frequency` - mean holdout purchases of the customers
  grouped by calibration frequency, observed against each model's conditional expectation
  (figure 5);
* :func:`tracking_by_model` - repeat purchases per period, observed against each model (the
  weekly and cumulative tracking of figures 3-4);
* :func:`holdout_comparison` - holdout totals, mean absolute error, RMSE and correlation of
  each model's per-customer forecasts.

``models`` is always a dict ``{name: fitted model}`` (e.g. ``{"BG/NBD": bg, "MBG/NBD": mbg}``)
of models fitted on the same calibration summary, in the same time unit.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from coursekit._validate import check_columns, check_integer
from coursekit.models.btyd.summary import summarize_transactions

__all__ = ["calibration_holdout_summary", "prob_purchases", "period_purchase_histogram",
           "conditional_expectations_by_frequency", "tracking_by_model", "holdout_comparison"]


def _check_models(models: Any, needs: str = "conditional_expected_purchases") -> dict:
    if not isinstance(models, dict) or not models:
        raise TypeError("models must be a non-empty dict {name: fitted model}, e.g. "
                        "{'BG/NBD': BGNBD().fit(...)}")
    for name, model in models.items():
        if not hasattr(model, needs) or getattr(model, "params_", None) is None:
            raise TypeError(f"models[{name!r}] must be a fitted BTYD transaction model with "
                            f"{needs}(...)")
    return models


def calibration_holdout_summary(transactions: Any, customer: str, date: str, *,
                                calibration_end: Any, observation_end: Any = None,
                                value: str | None = None, time_unit: str = "W",
                                dayfirst: bool | None = None) -> pd.DataFrame:
    """Split a log at ``calibration_end``: the calibration summary ``(x, t_x, T)`` of every
    customer who started by then, and her ``frequency_holdout`` in the holdout period
    ``(calibration_end, observation_end]`` (see :func:`summarize_transactions`).

    Refuses an empty holdout period. The two dates are kept in ``.attrs``.

    >>> log = pd.DataFrame({"id": [1, 1, 1, 2], "day": ["2024-01-01", "2024-01-08",
    ...                     "2024-01-22", "2024-01-08"]})
    >>> calibration_holdout_summary(log, "id", "day", calibration_end="2024-01-15")
              frequency  recency    T  frequency_holdout  duration_holdout
    customer                                                              
    1                 1      1.0  2.0                  1               1.0
    2                 0      0.0  1.0                  0               1.0
    """
    if calibration_end is None:
        raise ValueError("calibration_end must be a date such as '1997-09-30'")
    out = summarize_transactions(transactions, customer, date, value,
                                 observation_end=observation_end,
                                 calibration_end=calibration_end, time_unit=time_unit,
                                 dayfirst=dayfirst)
    if float(out["duration_holdout"].iloc[0]) <= 0:
        raise ValueError("the holdout period is empty: observation_end must be after "
                         "calibration_end")
    out.attrs.update(calibration_end=str(calibration_end), observation_end=str(observation_end))
    return out


def _check_summary(summary: Any, holdout: bool) -> pd.DataFrame:
    if not isinstance(summary, pd.DataFrame):
        raise TypeError("summary must be the DataFrame of summarize_transactions")
    columns = ["frequency", "recency", "T"]
    if holdout:
        columns += ["frequency_holdout", "duration_holdout"]
    check_columns(summary, "summary", columns)
    return summary


def _pareto_prob_purchases(model: Any, n: np.ndarray, t: float) -> np.ndarray:
    r"""Pareto/NBD ``P(X(t) = n)`` by integrating over the lifetime ``tau``:

    .. math::
        P(X(t)=n) = \Big(\frac{\beta}{\beta+t}\Big)^s \mathrm{NB}(n; t)
          + \int_0^t \frac{s\,\beta^s}{(\beta+\tau)^{s+1}}\,\mathrm{NB}(n; \tau)\, d\tau

    (alive at ``t``, or dead at ``tau < t`` after ``n`` purchases; ``NB(n; tau)`` the NBD
    probability of ``n`` purchases in ``tau``), by adaptive quadrature over ``tau``.
    """
    from scipy import integrate

    r, alpha, s, beta = (float(model.params_[p]) for p in ("r", "alpha", "s", "beta"))
    log_coef = special.gammaln(r + n) - special.gammaln(r) - special.gammaln(n + 1)

    def nb(tau: float) -> np.ndarray:
        if tau <= 0:
            return (n == 0).astype(float)
        return np.exp(log_coef + r * np.log(alpha / (alpha + tau))
                      + n * np.log(tau / (alpha + tau)))

    dead = integrate.quad_vec(lambda tau: s * beta**s * (beta + tau) ** (-s - 1) * nb(tau),
                              0.0, t, epsabs=1e-13, epsrel=1e-10)[0]
    return (beta / (beta + t)) ** s * nb(t) + dead


def prob_purchases(model: Any, n: Any, t: float) -> np.ndarray:
    """``P(X(t) = n)`` for a new customer under any transaction model: the model's own closed
    form (BG/NBD, MBG/NBD; BG/BB with ``t`` the number of transaction opportunities) or, for
    the Pareto/NBD, the lifetime integral of :func:`_pareto_prob_purchases`.

    >>> from coursekit.models.btyd import ParetoNBD
    >>> m = ParetoNBD.from_params(r=0.553, alpha=10.578, s=0.606, beta=11.669)
    >>> prob_purchases(m, [0, 1, 2], 39).round(3)
    array([0.594, 0.166, 0.082])
    """
    n_arr = np.atleast_1d(np.asarray(n, dtype=float))
    if np.any(n_arr < 0) or np.any(n_arr != np.round(n_arr)):
        raise ValueError("n must hold whole numbers >= 0 (numbers of repeat purchases)")
    if hasattr(model, "prob_purchases"):
        return np.atleast_1d(model.prob_purchases(n_arr, t))
    if set(getattr(model, "param_names", ())) == {"r", "alpha", "s", "beta"}:
        if np.ndim(t) != 0 or not np.isfinite(t) or t < 0:
            raise ValueError(f"t must be one number >= 0; got {t!r}")
        return _pareto_prob_purchases(model, n_arr, float(t))
    raise TypeError("model must be a fitted BGNBD, ModifiedBGNBD or ParetoNBD")


def period_purchase_histogram(models: dict, summary: pd.DataFrame, *,
                              max_count: int = 7) -> pd.DataFrame:
    """Customers with 0, 1, ..., ``max_count``+ repeat purchases in the calibration period:
    ``actual`` and, per model, ``sum_i P(X(T_i) = k)`` (customer ``i`` observed for ``T_i``).

    The last row (``"7+"``) holds everything from ``max_count`` on, so each column sums to the
    number of customers. The probabilities are computed once per distinct ``T`` (CDNOW: 84
    values, about 0.5 s with a Pareto/NBD, whose count distribution is an integral); with
    continuous times for many customers, round ``T`` (e.g. to days) first.
    """
    models = _check_models(models)
    summary = _check_summary(summary, holdout=False)
    max_count = check_integer(max_count, "max_count", low=1)
    x = summary["frequency"].to_numpy()
    labels = [str(k) for k in range(max_count)] + [f"{max_count}+"]
    out = pd.DataFrame(index=pd.Index(labels, name="repeat purchases"))
    out["actual"] = np.bincount(np.minimum(x, max_count), minlength=max_count + 1)
    ts, counts = np.unique(summary["T"].to_numpy(float), return_counts=True)
    ks = np.arange(max_count)
    for name, model in models.items():
        expected = np.zeros(max_count)
        for t, c in zip(ts, counts):
            expected += c * prob_purchases(model, ks, float(t))
        out[name] = np.r_[expected, len(x) - expected.sum()]
    return out


def conditional_expectations_by_frequency(models: dict, summary: pd.DataFrame, *,
                                          max_frequency: int = 7) -> pd.DataFrame:
    """Mean holdout purchases per customer, grouped by calibration frequency (``"7+"`` for
    ``max_frequency`` and more): ``customers``, ``actual`` and one column per model
    (mean of its conditional expectations over the holdout duration)."""
    models = _check_models(models)
    summary = _check_summary(summary, holdout=True)
    max_frequency = check_integer(max_frequency, "max_frequency", low=1)
    group = np.minimum(summary["frequency"].to_numpy(), max_frequency)
    frame = pd.DataFrame({"group": group, "actual": summary["frequency_holdout"].to_numpy()})
    for name, model in models.items():
        frame[name] = _forecast(model, summary)
    out = frame.groupby("group").mean()
    out.insert(0, "customers", frame.groupby("group").size())
    labels = {k: (str(k) if k < max_frequency else f"{max_frequency}+") for k in out.index}
    out.index = pd.Index([labels[k] for k in out.index], name="calibration frequency")
    return out


def _forecast(model: Any, summary: pd.DataFrame) -> np.ndarray:
    return np.asarray(model.conditional_expected_purchases(
        summary["duration_holdout"].to_numpy(float), summary["frequency"].to_numpy(float),
        summary["recency"].to_numpy(float), summary["T"].to_numpy(float)), dtype=float)


def tracking_by_model(models: dict, transactions: pd.DataFrame, customer: str, date: str, *,
                      start: Any = None, end: Any = None, time_unit: str = "W",
                      dayfirst: bool | None = None) -> pd.DataFrame:
    """Repeat purchases per period: ``actual`` and one column of expected purchases per model
    (see :func:`coursekit.models.clv.repeat_purchase_tracking`); ``.cumsum()`` gives the
    cumulative tracking."""
    from coursekit.models.clv import repeat_purchase_tracking

    models = _check_models(models, needs="expected_purchases")
    out = None
    for name, model in models.items():
        table = repeat_purchase_tracking(model, transactions, customer, date, start=start,
                                         end=end, time_unit=time_unit, dayfirst=dayfirst)
        if out is None:
            out = table[["actual"]].copy()
        out[name] = table["expected"]
    return out


def holdout_comparison(models: dict, summary: pd.DataFrame) -> pd.DataFrame:
    r"""Per model: holdout ``actual`` and ``forecast`` totals, ``forecast_error`` (forecast /
    actual - 1), and over customers the ``mae`` :math:`\frac1N\sum|y_i-\hat y_i|`, ``rmse``
    and Pearson ``correlation`` of forecast and actual holdout purchases. ``correlation`` is
    NaN (declared: undefined) with fewer than two customers or a constant column, and
    ``forecast_error`` is NaN when nobody bought in the holdout.

    >>> from coursekit.models.btyd import BGNBD
    >>> s = pd.DataFrame({"frequency": [2, 0], "recency": [30.0, 0.0], "T": [39.0, 39.0],
    ...                   "frequency_holdout": [3, 0], "duration_holdout": [39.0, 39.0]})
    >>> bg = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> holdout_comparison({"BG/NBD": bg}, s).round(3)
            actual  forecast  forecast_error    mae   rmse  correlation
    BG/NBD       3     1.405          -0.532  0.992  1.273          1.0
    """
    models = _check_models(models)
    summary = _check_summary(summary, holdout=True)
    actual = summary["frequency_holdout"].to_numpy(float)
    rows = {}
    for name, model in models.items():
        forecast = _forecast(model, summary)
        error = forecast - actual
        corr = (float(np.corrcoef(forecast, actual)[0, 1])
                if len(actual) > 1 and actual.std() > 0 and forecast.std() > 0 else np.nan)
        rows[name] = {"actual": int(actual.sum()), "forecast": float(forecast.sum()),
                      "forecast_error": float(forecast.sum() / actual.sum() - 1)
                      if actual.sum() > 0 else np.nan,
                      "mae": float(np.abs(error).mean()),
                      "rmse": float(np.sqrt(np.mean(error**2))), "correlation": corr}
    return pd.DataFrame.from_dict(rows, orient="index")
