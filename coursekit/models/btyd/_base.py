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

from coursekit._validate import as_float_array, check_integer, check_positive
from coursekit.models.btyd._special import weighted_sum

__all__ = ["FitWarning", "BTYDModel", "check_rfm", "check_weights", "compress_rows",
           "history_problems"]

_TOL = 1e-9
#: fits with more distinct rows than this start from a subsample's optimum (see _maximise)
WARM_ROWS = 100_000
WARM_SAMPLE = 20_000


class FitWarning(UserWarning):
    """A fit did not identify its parameters (the message names the cause in words), or
    several starts of the optimiser disagreed."""


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
        self.fit_problems_: list[str] = []
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
                  *, n_starts: int = 1, random_state: int | None = 0,
                  scale: np.ndarray | None = None, ll_offset: float = 0.0,
                  problems: list[str] | tuple[str, ...] = (),
                  subset: Callable[[np.ndarray, np.ndarray], tuple] | None = None) -> None:
        """Maximise ``sum(weights * loglik(params))`` over the log-parameters, then check that
        the fit identified its parameters.

        ``loglik`` may work on rescaled data: the reported parameters are ``params * scale``
        and the reported log-likelihood adds ``ll_offset`` (the Jacobian of the rescaling).
        BFGS uses the analytic gradient when ``loglik_grad`` (the weighted total
        ``sum(weights * loglik)`` and its derivatives in the parameters, shape ``(k,)``) is
        given. ``problems`` are causes found in the data before fitting; the fit adds its own (optimiser failure, non-finite
        log-likelihood, parameters at the guard or far from the data scale, starting values
        unchanged, a flat or unstable information matrix, starts that disagree). Any cause
        sets ``converged_ = False`` and raises one :class:`FitWarning` naming it.

        With more than ``WARM_ROWS`` distinct rows and a ``subset(rows, weights)`` factory
        (returning ``loglik, loglik_grad`` for those rows), the starts are first run on a
        seeded weighted subsample of ``WARM_SAMPLE`` customers; the full data are then fitted
        from the subsample's optimum with its inverse Hessian as BFGS's initial one, which
        needs a few full-data iterations instead of dozens. The optimum and every check are
        those of the full data.
        """
        from coursekit.models.btyd import _fitting as fitting

        k = len(self.param_names)
        n_starts = check_integer(n_starts, "n_starts", low=1)
        rng = np.random.default_rng(random_state)
        total = float(weights.sum())
        norm = weights / total
        scale = np.ones(k) if scale is None else np.asarray(scale, float)

        def raw(phi: np.ndarray) -> float:
            return -float(weighted_sum(norm, loglik(np.exp(phi))))

        objective = fitting.safe(raw)
        objective_grad = gradient = None
        if loglik_grad is not None:
            def raw_grad(phi: np.ndarray) -> tuple[float, np.ndarray]:
                params = np.exp(phi)
                ll, grad = loglik_grad(params)
                return -ll / total, -grad * params / total

            objective_grad = fitting.safe_with_grad(raw_grad)

            def gradient(phi: np.ndarray) -> np.ndarray:  # total, for the Hessian
                return objective_grad(phi)[1] * total

        first = start = np.zeros(k) if x0 is None else np.log(np.asarray(x0, float))
        hess_inv0, full_starts = None, n_starts
        if subset is not None and len(weights) > WARM_ROWS:
            start, hess_inv0 = self._warm_start(subset, weights, start, n_starts, rng)
            full_starts = 1
        best = fitting.multi_start(objective, objective_grad, start, full_starts, rng,
                                   hess_inv0)
        causes = list(problems)
        if not best.success:
            causes.append(f"the optimiser stopped without converging ({best.message})")
        if not np.isfinite(best.fun):
            causes.append("the log-likelihood is not finite at the estimates (the data may be "
                          "on an extreme time or money scale, or inconsistent)")
        for name, value, phi in zip(self.param_names, np.exp(best.phi) * scale, best.phi):
            if abs(phi) > fitting.GUARD - 5:
                causes.append(f"{name} ran to the edge of the allowed range ({value:.3g}): "
                              "the data do not pin it down")
            elif abs(phi) > fitting.FAR:
                causes.append(f"{name} = {value:.3g} is far from the scale of the data: it is "
                              "not identified")
        if np.max(np.abs(best.phi - first)) < 1e-6:
            causes.append("the optimiser did not move from its starting values")
        finite_ends = [(f, p) for f, p in best.ends if np.isfinite(f)]
        self._report_worse_starts(best, total, "")
        tied = [p for f, p in finite_ends if (f - best.fun) * total <= 1e-3]
        if any(np.max(np.abs(p - best.phi)) > 0.1 for p in tied):
            causes.append("different starts reach the same log-likelihood at different "
                          "parameter values: the parameters are not identified")
        hess, disagreement = np.full((k, k), np.nan), np.inf
        if np.isfinite(best.fun):
            hess, disagreement = fitting.hessian(
                best.phi, objective=lambda v: objective(v) * total, gradient=gradient)
        causes += fitting.hessian_problems(hess, disagreement, self.param_names)
        self.converged_ = not causes
        self.fit_problems_ = causes
        if causes:
            warnings.warn(f"{type(self).__name__}.fit did not identify its parameters: "
                          + "; ".join(causes), FitWarning, stacklevel=3)
        self.params_ = pd.Series(np.exp(best.phi) * scale, index=list(self.param_names),
                                 name="params")
        self.log_likelihood_ = -float(best.fun) * total + ll_offset
        self.n_obs_ = total
        self._objective = objective
        self._gradient = gradient
        self._phi_scaled = best.phi
        self._hessian = hess

    def _report_worse_starts(self, best, total: float, where: str) -> None:
        worse = [f for f, _ in best.ends if np.isfinite(f) and (f - best.fun) * total > 0.01]
        if worse:
            warnings.warn(
                f"{type(self).__name__}.fit: {len(worse)} of {len(best.ends)} starts ended at a "
                f"worse local optimum{where} (log-likelihood down to {-max(worse) * total:.2f} "
                f"against the best {-best.fun * total:.2f}); the best is reported", FitWarning,
                stacklevel=4)

    def _warm_start(self, subset, weights, start, n_starts, rng):
        """Optimum and inverse Hessian of the mean log-likelihood on a weighted subsample."""
        from coursekit.models.btyd import _fitting as fitting

        picked = rng.choice(len(weights), size=WARM_SAMPLE, p=weights / weights.sum())
        rows, counts = np.unique(picked, return_counts=True)
        sub_w = counts.astype(float)
        loglik, loglik_grad = subset(rows, sub_w)
        norm = sub_w / sub_w.sum()
        objective = fitting.safe(lambda phi: -float(weighted_sum(norm, loglik(np.exp(phi)))))
        objective_grad = None
        if loglik_grad is not None:
            def raw_grad(phi):
                ll, grad = loglik_grad(np.exp(phi))
                return -ll / sub_w.sum(), -grad * np.exp(phi) / sub_w.sum()
            objective_grad = fitting.safe_with_grad(raw_grad)
        sub = fitting.multi_start(objective, objective_grad, start, n_starts, rng)
        self._report_worse_starts(sub, sub_w.sum(), f" on a subsample of {WARM_SAMPLE:,} "
                                  "customers (the best is then fitted on all customers)")
        if not np.isfinite(sub.fun):
            return start, None
        gradient = None if objective_grad is None else (lambda v: objective_grad(v)[1])
        hess, _ = fitting.hessian(sub.phi, objective=objective, gradient=gradient)
        try:
            if np.all(np.isfinite(hess)) and np.linalg.eigvalsh(hess)[0] > 0:
                inverse = np.linalg.inv(hess)
                return sub.phi, (inverse + inverse.T) / 2
        except np.linalg.LinAlgError:  # pragma: no cover - guarded by the eigenvalue test
            pass
        return sub.phi, None

    def summary(self, step: float | None = None) -> pd.DataFrame:
        """Estimates with standard errors and 95% Wald intervals.

        The observed information is the Hessian of the negative log-likelihood in the
        log-parameters ``phi`` (see :func:`coursekit.models.btyd._fitting.hessian`; ``step``,
        relative to each ``phi``, overrides the default and recomputes it); the delta method
        gives ``se(theta) = theta * se(phi)`` and the interval ``exp(phi +- 1.96 se(phi))``
        stays positive. A fit that did not identify its parameters (``converged_ = False``)
        gets no standard errors or intervals (NaN, with a :class:`FitWarning` naming why).
        Only available after :meth:`fit`.
        """
        if getattr(self, "_objective", None) is None:
            raise RuntimeError(f"summary() needs a fitted model: call {type(self).__name__}"
                               ".fit(...) first")
        from coursekit.models.btyd import _fitting as fitting

        theta = self.params_.to_numpy(float)
        hess, problems = self._hessian, list(self.fit_problems_)
        if step is not None:
            step = check_positive(step, "step")
            hess, disagreement = fitting.hessian(
                self._phi_scaled, objective=lambda v: self._objective(v) * self.n_obs_,
                gradient=self._gradient, rel_step=step)
            problems = [p for p in problems if "curvature" not in p and "flat" not in p]
            problems += fitting.hessian_problems(hess, disagreement, self.param_names)
        se_phi = np.full(len(theta), np.nan)
        if problems:
            warnings.warn(f"{type(self).__name__}.summary: no standard errors or intervals "
                          "because the fit did not identify its parameters: "
                          + "; ".join(problems), FitWarning, stacklevel=2)
        else:
            se_phi = np.sqrt(np.diag(np.linalg.inv(hess)))
        phi = np.log(theta)
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
    if len(weights) == 0:
        raise ValueError("a fit needs at least one customer; frequency, recency and the "
                         "observation period are empty")
    order = np.lexsort(columns[::-1])
    sorted_cols = [c[order] for c in columns]
    change = np.zeros(len(order), dtype=bool)
    change[0] = True
    for c in sorted_cols:
        change[1:] |= c[1:] != c[:-1]
    group = np.cumsum(change) - 1
    w = np.bincount(group, weights=weights[order])
    return (w, *(c[change] for c in sorted_cols))


def history_problems(weights: np.ndarray, x: np.ndarray, n_params: int,
                     no_repeat: str) -> list[str]:
    """Reasons, visible in the collapsed data alone, why a transaction model cannot be
    identified; ``no_repeat`` says what is lost when nobody bought again.

    >>> history_problems(np.array([5.0]), np.array([0.0]), 4, "a and b cannot be estimated")
    ... # doctest: +NORMALIZE_WHITESPACE
    ['no customer made a repeat purchase: a and b cannot be estimated',
     'all customers have the same history (x, t_x, T): one pattern cannot show how customers
     differ']
    """
    out = []
    if not np.any(x[weights > 0] > 0):
        out.append(f"no customer made a repeat purchase: {no_repeat}")
    distinct = int(np.sum(weights > 0))
    if distinct == 1:
        out.append("all customers have the same history (x, t_x, T): one pattern cannot show "
                   "how customers differ")
    elif distinct < n_params:
        out.append(f"only {distinct} distinct customer histories for {n_params} parameters")
    return out
