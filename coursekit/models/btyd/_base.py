"""Shared machinery: input checks for customer summaries and maximum-likelihood fitting.

All models are fitted by maximum likelihood with :func:`scipy.optimize.minimize` over the
*logarithms* of the parameters, so every parameter stays positive without bounds and the
optimiser works on a well-scaled problem.
"""
from __future__ import annotations

import warnings
from typing import Any, Callable, ClassVar

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_positive

__all__ = ["FitWarning", "BTYDModel", "check_rfm", "check_weights", "compress_rows"]

_TOL = 1e-9


class FitWarning(UserWarning):
    """The optimiser stopped without reporting convergence."""


def _check_counts(value: Any, name: str, what: str = "counts of repeat purchases") -> np.ndarray:
    """A 1-d float array of whole numbers >= 0; ``what`` says what they count.

    >>> _check_counts([3, 1.5], "survivors", "customers still active")
    Traceback (most recent call last):
    ...
    ValueError: survivors must hold whole numbers (customers still active)
    """
    arr = np.atleast_1d(as_float_array(value, name))
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional; got shape {arr.shape}")
    if np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0 ({what}); got min {arr.min():g}")
    if np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must hold whole numbers ({what})")
    return arr


def check_rfm(frequency: Any, recency: Any, T: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate a customer summary: ``0 <= recency <= T``, ``frequency`` whole and >= 0, and
    ``recency == 0`` whenever ``frequency == 0``.

    >>> check_rfm([2, 0], [30.43, 0.0], [38.86, 38.86])[0]
    array([2., 0.])
    >>> check_rfm([1], [40.0], [38.86])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: recency must be <= T (the last purchase cannot come after ...; first bad row 0: ...
    """
    x = _check_counts(frequency, "frequency")
    t_x = np.atleast_1d(as_float_array(recency, "recency"))
    big_t = np.atleast_1d(as_float_array(T, "T"))
    if not (len(x) == len(t_x) == len(big_t)):
        raise ValueError(
            f"frequency, recency and T must have the same length; got {len(x)}, {len(t_x)}, "
            f"{len(big_t)}"
        )
    if np.any(t_x < 0):
        raise ValueError("recency must be >= 0 (time from first to last purchase)")
    if np.any(big_t <= 0):
        raise ValueError("T must be > 0 (time from first purchase to the end of observation)")
    bad = t_x > big_t + _TOL
    if np.any(bad):
        i = int(np.argmax(bad))
        raise ValueError(
            "recency must be <= T (the last purchase cannot come after the end of observation); "
            f"first bad row {i}: recency {t_x[i]:g}, T {big_t[i]:g}"
        )
    bad = (x == 0) & (t_x > 0)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise ValueError(
            "recency must be 0 when frequency is 0 (no repeat purchase, so the last purchase is "
            f"the first); first bad row {i}: recency {t_x[i]:g}"
        )
    return x, np.minimum(t_x, big_t), big_t


def check_weights(weights: Any, n: int) -> np.ndarray:
    """Frequency weights (how many customers share a row); ``None`` means one each.

    >>> check_weights(None, 2)
    array([1., 1.])
    """
    if weights is None:
        return np.ones(n)
    w = np.atleast_1d(as_float_array(weights, "weights"))
    if w.shape != (n,):
        raise ValueError(f"weights must have one entry per row ({n}); got shape {w.shape}")
    if np.any(w < 0) or not np.any(w > 0):
        raise ValueError("weights must be >= 0 with at least one positive weight")
    return w


class BTYDModel:
    """Base class: holds ``params_`` (a :class:`pandas.Series`) and ``log_likelihood_``."""

    param_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.params_: pd.Series | None = None
        self.log_likelihood_: float | None = None
        self.n_obs_: float | None = None
        self.converged_: bool | None = None
        self._objective: Callable[[np.ndarray], float] | None = None

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def from_params(cls, **params: float):
        """A model with known parameters (no fitting), e.g. to simulate or to teach."""
        missing = [p for p in cls.param_names if p not in params]
        extra = [p for p in params if p not in cls.param_names]
        if missing or extra:
            raise ValueError(
                f"{cls.__name__} needs exactly the parameters {list(cls.param_names)}; "
                f"missing {missing}, unexpected {extra}"
            )
        model = cls()
        values = [check_positive(params[p], p) for p in cls.param_names]
        model.params_ = pd.Series(values, index=list(cls.param_names), dtype=float, name="params")
        return model

    def __repr__(self) -> str:
        if self.params_ is None:
            return f"{type(self).__name__}() [not fitted]"
        body = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        ll = "" if self.log_likelihood_ is None else f", log_likelihood={self.log_likelihood_:.2f}"
        return f"{type(self).__name__}({body}{ll})"

    def _params(self) -> tuple[float, ...]:
        if self.params_ is None:
            raise RuntimeError(
                f"this {type(self).__name__} has no parameters yet: call fit(...) or "
                f"{type(self).__name__}.from_params(...) first"
            )
        return tuple(float(self.params_[p]) for p in self.param_names)

    # -- fitting -----------------------------------------------------------------------------
    def _maximise(self, loglik: Callable[[np.ndarray], np.ndarray], weights: np.ndarray,
                  x0: np.ndarray | None = None,
                  loglik_grad: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None,
                  ) -> None:
        """Maximise ``sum(weights * loglik(params))`` over the log-parameters.

        BFGS with the analytic gradient when ``loglik_grad`` (per-row log-likelihoods and their
        derivatives with respect to the parameters, shape ``(rows, k)``) is given, otherwise with
        finite differences; a Nelder-Mead polish runs only if BFGS stops far from a stationary
        point.
        """
        from scipy import optimize

        total = float(weights.sum())
        scale = weights / total

        def objective(log_params: np.ndarray) -> float:
            if np.any(np.abs(log_params) > 30):
                return np.inf
            with np.errstate(all="ignore"):
                value = -float(scale @ loglik(np.exp(log_params)))
            return value if np.isfinite(value) else np.inf

        def objective_grad(log_params: np.ndarray) -> tuple[float, np.ndarray]:
            if np.any(np.abs(log_params) > 30):
                return np.inf, np.zeros_like(log_params)
            params = np.exp(log_params)
            with np.errstate(all="ignore"):
                ll, grad = loglik_grad(params)
                value = -float(scale @ ll)
                g = -(scale @ grad) * params
            if not (np.isfinite(value) and np.all(np.isfinite(g))):
                return np.inf, np.zeros_like(log_params)
            return value, g

        start = np.zeros(len(self.param_names)) if x0 is None else np.log(np.asarray(x0, float))
        if loglik_grad is None:
            res = optimize.minimize(objective, start, method="BFGS", options={"gtol": 1e-6})
        else:
            res = optimize.minimize(objective_grad, start, jac=True, method="BFGS",
                                    options={"gtol": 1e-7})
        stationary = np.isfinite(res.fun) and np.max(np.abs(res.jac)) < 1e-4
        if not (res.success or stationary):
            polish = optimize.minimize(objective, res.x if np.isfinite(res.fun) else start,
                                       method="Nelder-Mead",
                                       options={"xatol": 1e-8, "fatol": 1e-12, "maxiter": 5000})
            if polish.fun <= res.fun or not np.isfinite(res.fun):
                res = polish
            stationary = bool(polish.success)
        self.converged_ = bool(res.success or stationary)
        if not self.converged_:
            warnings.warn(f"{type(self).__name__}.fit did not converge: {res.message}",
                          FitWarning, stacklevel=3)
        self.params_ = pd.Series(np.exp(res.x), index=list(self.param_names), name="params")
        self.log_likelihood_ = -float(res.fun) * total
        self.n_obs_ = total
        self._objective = objective

    def summary(self, step: float = 1e-4) -> pd.DataFrame:
        """Estimates with standard errors and 95% Wald intervals.

        The observed information is the numerical Hessian (central differences with ``step``)
        of the negative log-likelihood in the log-parameters ``phi``; the delta method gives
        ``se(theta) = theta * se(phi)``. The interval is ``exp(phi +- 1.96 se(phi))``, so it
        stays positive. Only available after :meth:`fit`.
        """
        if getattr(self, "_objective", None) is None:
            raise RuntimeError(f"summary() needs a fitted model: call {type(self).__name__}"
                               ".fit(...) first")
        phi = np.log(self.params_.to_numpy(float))
        k = len(phi)
        f = lambda v: self._objective(v) * self.n_obs_  # noqa: E731 - total -LL
        eye = np.eye(k) * step
        hess = np.empty((k, k))
        f0 = f(phi)
        for i in range(k):
            for j in range(i, k):
                if i == j:
                    hess[i, i] = (f(phi + eye[i]) - 2 * f0 + f(phi - eye[i])) / step**2
                else:
                    hess[i, j] = hess[j, i] = (
                        f(phi + eye[i] + eye[j]) - f(phi + eye[i] - eye[j])
                        - f(phi - eye[i] + eye[j]) + f(phi - eye[i] - eye[j])) / (4 * step**2)
        try:
            cov = np.linalg.inv(hess)
        except np.linalg.LinAlgError:
            raise RuntimeError("the information matrix is singular: the parameters are not "
                               "identified by these data") from None
        se_phi = np.sqrt(np.clip(np.diag(cov), 0.0, None))
        theta = np.exp(phi)
        return pd.DataFrame({
            "estimate": theta,
            "std_error": theta * se_phi,
            "lower_95": np.exp(phi - 1.96 * se_phi),
            "upper_95": np.exp(phi + 1.96 * se_phi),
        }, index=list(self.param_names))


def compress_rows(weights: np.ndarray, *columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """Collapse identical rows into one row with the summed frequency weight.

    >>> compress_rows(np.ones(3), np.array([1., 1., 2.]), np.array([5., 5., 6.]))
    (array([2., 1.]), array([1., 2.]), array([5., 6.]))
    """
    order = np.lexsort(columns[::-1])
    sorted_cols = [c[order] for c in columns]
    change = np.zeros(len(order), dtype=bool)
    change[0] = True
    for c in sorted_cols:
        change[1:] |= c[1:] != c[:-1]
    group = np.cumsum(change) - 1
    w = np.bincount(group, weights=weights[order])
    return (w, *(c[change] for c in sorted_cols))
