"""Maximum likelihood for the BTYD models: multi-start BFGS, a step-stable Hessian and the
checks that decide whether a fit identified its parameters.

The optimiser works on the logarithms ``phi`` of the parameters (all positive), on data whose
time or money unit the model has rescaled to O(1). The observed information is the Hessian of
the total negative log-likelihood in ``phi``:

* with an analytic gradient, central differences of that gradient with a step relative to each
  ``phi`` (error O(h^2), no cancellation of function values), computed at two steps that must
  agree;
* without one, second differences of the function at steps ``h`` and ``h/2`` combined by
  Richardson extrapolation (error O(h^4)).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

__all__ = ["Optimum", "multi_start", "hessian", "hessian_problems", "GUARD"]

#: the optimiser never leaves |log(parameter)| <= GUARD (objective = +inf outside)
GUARD = 30.0
#: after rescaling the data to O(1), a parameter beyond e^+-FAR is far from any data scale
FAR = np.log(1e6)
#: iteration caps: a well-posed BTYD fit needs 20-60 BFGS iterations; a degenerate one runs
#: towards a boundary and is stopped (and flagged) instead of crawling for minutes
_MAX_ITER = 300
_MAX_POLISH = 800
_FLOAT_ERRORS = (FloatingPointError, ZeroDivisionError, OverflowError, ValueError)


@dataclass
class Optimum:
    """Best of several optimiser runs."""

    phi: np.ndarray
    fun: float
    success: bool
    message: str
    start: np.ndarray
    ends: list[tuple[float, np.ndarray]] = field(default_factory=list)


def safe(fun: Callable[[np.ndarray], float]) -> Callable[[np.ndarray], float]:
    """``fun`` with trial points outside the guard, overflowing or non-finite mapped to +inf."""
    def wrapped(phi: np.ndarray) -> float:
        if np.any(np.abs(phi) > GUARD):
            return np.inf
        try:
            with np.errstate(all="ignore"):
                value = float(fun(phi))
        except _FLOAT_ERRORS:
            return np.inf
        return value if np.isfinite(value) else np.inf
    return wrapped


def safe_with_grad(fun: Callable[[np.ndarray], tuple[float, np.ndarray]]):
    """Like :func:`safe` for a function returning ``(value, gradient)``."""
    def wrapped(phi: np.ndarray) -> tuple[float, np.ndarray]:
        bad = (np.inf, np.zeros_like(phi))
        if np.any(np.abs(phi) > GUARD):
            return bad
        try:
            with np.errstate(all="ignore"):
                value, grad = fun(phi)
        except _FLOAT_ERRORS:
            return bad
        if not (np.isfinite(value) and np.all(np.isfinite(grad))):
            return bad
        return float(value), np.asarray(grad, float)
    return wrapped


def _one_run(objective, objective_grad, start: np.ndarray):
    from scipy import optimize

    if objective_grad is None:
        res = optimize.minimize(objective, start, method="BFGS",
                                options={"gtol": 1e-6, "maxiter": _MAX_ITER})
    else:
        res = optimize.minimize(objective_grad, start, jac=True, method="BFGS",
                                options={"gtol": 1e-7, "maxiter": _MAX_ITER})
    stationary = bool(np.isfinite(res.fun) and np.max(np.abs(res.jac)) < 1e-4)
    if not (res.success or stationary):
        polish = optimize.minimize(objective, res.x if np.isfinite(res.fun) else start,
                                   method="Nelder-Mead",
                                   options={"xatol": 1e-8, "fatol": 1e-12, "maxfev": _MAX_POLISH})
        if polish.fun <= res.fun or not np.isfinite(res.fun):
            return polish.x, float(polish.fun), bool(polish.success), str(polish.message)
    return res.x, float(res.fun), bool(res.success or stationary), str(res.message)


def multi_start(objective, objective_grad, start: np.ndarray, n_starts: int,
                rng: np.random.Generator) -> Optimum:
    """Run the optimiser from ``start`` and ``n_starts - 1`` random starts (``start`` plus
    standard-normal noise in ``phi``); keep the lowest objective."""
    starts = [start] + [start + rng.normal(size=start.shape) for _ in range(n_starts - 1)]
    best, ends = None, []
    for s in starts:
        phi, fun, ok, message = _one_run(objective, objective_grad, s)
        ends.append((fun, phi))
        if best is None or fun < best.fun:
            best = Optimum(phi, fun, ok, message, s)
    best.ends = ends
    return best


def hessian(phi: np.ndarray, objective=None, gradient=None, rel_step: float | None = None
            ) -> tuple[np.ndarray, float]:
    """Hessian of ``objective`` at ``phi`` and a relative disagreement between two steps.

    ``gradient`` (analytic) is preferred; the step is ``rel_step * max(1, |phi_i|)``.
    """
    phi = np.asarray(phi, float)
    k = len(phi)
    if gradient is not None:
        def at(step: float) -> np.ndarray:
            h = step * np.maximum(1.0, np.abs(phi))
            cols = [(gradient(phi + h[i] * np.eye(k)[i]) - gradient(phi - h[i] * np.eye(k)[i]))
                    / (2 * h[i]) for i in range(k)]
            out = np.array(cols)
            return (out + out.T) / 2
        step = 1e-4 if rel_step is None else rel_step
        coarse, fine = at(step), at(step / 4)
        result = fine
    else:
        def at(step: float) -> np.ndarray:
            h = step * np.maximum(1.0, np.abs(phi))
            f0 = objective(phi)
            out = np.empty((k, k))
            e = np.eye(k) * h
            for i in range(k):
                out[i, i] = (objective(phi + e[i]) - 2 * f0 + objective(phi - e[i])) / h[i] ** 2
                for j in range(i + 1, k):
                    out[i, j] = out[j, i] = (
                        objective(phi + e[i] + e[j]) - objective(phi + e[i] - e[j])
                        - objective(phi - e[i] + e[j]) + objective(phi - e[i] - e[j])
                    ) / (4 * h[i] * h[j])
            return out
        step = 2e-3 if rel_step is None else rel_step
        coarse, fine = at(step), at(step / 2)
        result = (4 * fine - coarse) / 3          # Richardson: the h^2 error terms cancel
    scale = np.sqrt(np.outer(np.abs(np.diag(result)), np.abs(np.diag(result)))) + 1e-300
    disagreement = float(np.max(np.abs(fine - coarse) / scale)) if np.all(
        np.isfinite(result)) else np.inf
    return result, disagreement


def hessian_problems(hess: np.ndarray, disagreement: float, names: tuple[str, ...]) -> list[str]:
    """Plain-language reasons why the curvature does not identify the parameters."""
    if not np.all(np.isfinite(hess)):
        return ["the curvature of the log-likelihood at the estimates is not finite, so no "
                "standard errors can be given"]
    eig, vec = np.linalg.eigh(hess)
    if eig[0] <= 1e-9 * max(abs(eig[-1]), 1e-300):
        flat = np.argsort(-np.abs(vec[:, 0]))[:2]
        which = " and ".join(names[i] for i in sorted(flat))
        return [f"the log-likelihood is flat at the estimates (the information matrix is "
                f"singular or not positive definite): {which} cannot be estimated separately "
                f"from these data"]
    if disagreement > 1e-3:
        return ["the curvature of the log-likelihood changes with the differencing step "
                f"(relative change {disagreement:.1g}), so the standard errors are unreliable"]
    return []
