"""Maximum likelihood for the BTYD models: multi-start BFGS, a step-stable Hessian and the
checks that decide whether a fit identified its parameters.

The optimiser works on the logarithms ``phi`` of the parameters (all positive), on data whose
time or money unit the model has rescaled to O(1). The observed information is the Hessian of
the total negative log-likelihood in ``phi``:

* with an analytic gradient, forward differences of that gradient with a step relative to
  each ``phi`` (no cancellation of function values), whose asymmetry measures the numerical
  error;
* without one, second differences of the function, checked against the diagonal at twice the
  step.
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
    """Like :func:`safe` for a function returning ``(value, gradient)``. The last result is
    remembered: the information matrix starts from the gradient at the optimum, which BFGS
    has usually just computed (one full pass over a million customers saved)."""
    last: dict = {}

    def wrapped(phi: np.ndarray) -> tuple[float, np.ndarray]:
        phi = np.asarray(phi, float)
        if last and np.array_equal(last["phi"], phi):
            return last["value"], last["grad"].copy()
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
        last.update(phi=phi.copy(), value=float(value), grad=np.asarray(grad, float))
        return last["value"], last["grad"].copy()
    return wrapped


def _one_run(objective, objective_grad, start: np.ndarray, hess_inv0=None):
    from scipy import optimize

    options = {"maxiter": _MAX_ITER}
    if hess_inv0 is not None:
        options["hess_inv0"] = hess_inv0
    if objective_grad is None:
        res = optimize.minimize(objective, start, method="BFGS", options={"gtol": 1e-6, **options})
    else:
        res = optimize.minimize(objective_grad, start, jac=True, method="BFGS",
                                options={"gtol": 1e-7, **options})
    stationary = bool(np.isfinite(res.fun) and np.max(np.abs(res.jac)) < 1e-4)
    if not (res.success or stationary):
        polish = optimize.minimize(objective, res.x if np.isfinite(res.fun) else start,
                                   method="Nelder-Mead",
                                   options={"xatol": 1e-8, "fatol": 1e-12, "maxfev": _MAX_POLISH})
        if polish.fun <= res.fun or not np.isfinite(res.fun):
            return polish.x, float(polish.fun), bool(polish.success), str(polish.message)
    return res.x, float(res.fun), bool(res.success or stationary), str(res.message)


def multi_start(objective, objective_grad, start: np.ndarray, n_starts: int,
                rng: np.random.Generator, hess_inv0: np.ndarray | None = None) -> Optimum:
    """Run the optimiser from ``start`` and ``n_starts - 1`` random starts (``start`` plus
    standard-normal noise in ``phi``); keep the lowest objective. ``hess_inv0`` (an inverse
    Hessian of the objective, e.g. from a subsample) seeds BFGS from ``start``."""
    starts = [start] + [start + rng.normal(size=start.shape) for _ in range(n_starts - 1)]
    best, ends = None, []
    for i, s in enumerate(starts):
        phi, fun, ok, message = _one_run(objective, objective_grad, s,
                                         hess_inv0 if i == 0 else None)
        ends.append((fun, phi))
        if best is None or fun < best.fun:
            best = Optimum(phi, fun, ok, message, s)
    best.ends = ends
    return best


def hessian(phi: np.ndarray, objective=None, gradient=None, rel_step: float | None = None
            ) -> tuple[np.ndarray, float]:
    """Hessian of ``objective`` at ``phi`` and a relative measure of its numerical error.

    With an analytic ``gradient``: forward differences of the gradient, step
    ``rel_step * max(1, |phi_i|)`` (default 1e-6: error O(h) ~ 1e-6 relative, rounding
    ~ 1e-10, no cancellation of function values; k + 1 gradients); the error measure is the
    asymmetry ``|H_ij - H_ji|``, which differencing the gradient produces only through
    truncation and rounding. Without one: second differences
    of the function (default step 1e-3; 1 + 2k + k(k-1) evaluations, error O(h^2)) and, as
    error measure, the change of the diagonal at twice the step.
    """
    phi = np.asarray(phi, float)
    k = len(phi)
    eye = np.eye(k)
    if gradient is not None:
        h = (1e-6 if rel_step is None else rel_step) * np.maximum(1.0, np.abs(phi))
        g0 = gradient(phi)
        raw = np.array([(gradient(phi + h[i] * eye[i]) - g0) / h[i] for i in range(k)])
        result = (raw + raw.T) / 2
        error = np.abs(raw - raw.T)
    else:
        h = (1e-3 if rel_step is None else rel_step) * np.maximum(1.0, np.abs(phi))
        f0 = objective(phi)
        plus = [objective(phi + h[i] * eye[i]) for i in range(k)]
        minus = [objective(phi - h[i] * eye[i]) for i in range(k)]
        result = np.empty((k, k))
        for i in range(k):
            result[i, i] = (plus[i] - 2 * f0 + minus[i]) / h[i] ** 2
            for j in range(i + 1, k):
                # f(+i+j) + f(-i-j) - f(+-i) - f(+-j) + 2 f0 = 2 H_ij h_i h_j + O(h^4)
                ei, ej = h[i] * eye[i], h[j] * eye[j]
                result[i, j] = result[j, i] = (
                    objective(phi + ei + ej) + objective(phi - ei - ej) - plus[i] - minus[i]
                    - plus[j] - minus[j] + 2 * f0) / (2 * h[i] * h[j])
        wide = np.array([(objective(phi + 2 * h[i] * eye[i]) - 2 * f0
                          + objective(phi - 2 * h[i] * eye[i])) / (4 * h[i] ** 2)
                         for i in range(k)])
        error = np.diag(np.abs(wide - np.diag(result)))
    diag = np.abs(np.diag(result))
    scale = np.sqrt(np.outer(diag, diag)) + 1e-300
    disagreement = float(np.max(error / scale)) if np.all(np.isfinite(result)) else np.inf
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
        return ["the curvature of the log-likelihood cannot be computed stably "
                f"(relative change {disagreement:.1g}), so the standard errors are unreliable"]
    return []
