r"""The Pareto/NBD log-likelihood and its analytic gradient.

Fader and Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions",
write the individual likelihood as

.. math::
    L = C\,\big[P(T) + s\,(G(t_x) - G(T))\big], \quad
    C = \frac{\Gamma(r+x)\alpha^r\beta^s}{\Gamma(r)}, \quad
    P(u) = (\alpha+u)^{-(r+x)}(\beta+u)^{-s},

with :math:`G(u) = \int_u^\infty (\alpha+\tau)^{-(r+x)}(\beta+\tau)^{-(s+1)}\,d\tau`. Writing
:math:`G = P\,H`, Euler's transformation gives, for :math:`\alpha \ge \beta`,

.. math::
    H(u) = \frac{{}_2F_1(1, r+x; r+s+x+1; w)}{r+s+x}, \quad w = \frac{\alpha-\beta}{\alpha+u},

and for :math:`\alpha < \beta` (roles swapped)
:math:`H(u) = \frac{\alpha+u}{\beta+u}\,\frac{{}_2F_1(1, s+1; r+s+x+1; w)}{r+s+x}`,
:math:`w = (\beta-\alpha)/(\beta+u)`: positive terms, no overflow for any ``x``.

The gradient differentiates this exactly: :math:`\partial\log P` is elementary, and
:math:`\partial\log H` needs the derivatives of :math:`\log {}_2F_1` in its parameters and
argument, which :func:`weighted_log_derivatives` sums term by term. The hypergeometric
function depends on a customer only through ``x`` and one time point, so it runs once per
distinct ``(x, t_x)`` and ``(x, T)`` (:class:`ParetoData`, built once per fit), and the
per-customer weights of the gradient are summed back onto those points.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from coursekit.models.btyd._hypergeometric import log_hyp2f1_one_scalar, weighted_log_derivatives

__all__ = ["ParetoData", "pareto_data", "pareto_loglik", "pareto_loglik_grad", "log_g_terms"]


@dataclass(frozen=True)
class ParetoData:
    """Customers ``(x, t_x, T)`` with frequency ``weights``, and the distinct evaluation
    points ``(point_x, point_u)`` of ``G`` (sorted by ``x``, then ``u``; ``groups`` are the
    ``(x, start, stop)`` runs of one ``x``); ``at_tx`` / ``at_t`` map customers to points."""

    x: np.ndarray
    t_x: np.ndarray
    big_t: np.ndarray
    weights: np.ndarray
    point_x: np.ndarray
    point_u: np.ndarray
    groups: tuple[tuple[float, int, int], ...]
    at_tx: np.ndarray
    at_t: np.ndarray
    closed: np.ndarray          # T == t_x: the dropout branch has zero width
    x_levels: np.ndarray        # distinct x over the customers
    x_weight: np.ndarray        # total weight of each level


def _distinct(x: np.ndarray, u: np.ndarray):
    """Distinct ``(x, u)`` pairs sorted by ``x`` then ``u``, their ``(x, start, stop)`` runs
    and the index of each row's pair. One float key ``x * span + u`` orders them (no sort if
    the rows are already in order, as after :func:`compress_rows`); a tie of the key that is
    not a tie of ``(x, u)`` only leaves a duplicate point, which costs time, not accuracy."""
    key = x * (2.0 * float(u.max(initial=0.0)) + 1.0) + u
    order = None if np.all(key[1:] >= key[:-1]) else np.argsort(key)
    sx, su = (x, u) if order is None else (x[order], u[order])
    new = np.ones(len(x), dtype=bool)
    new[1:] = (sx[1:] != sx[:-1]) | (su[1:] != su[:-1])
    rank = np.cumsum(new) - 1
    if order is None:
        index = rank
    else:
        index = np.empty(len(x), dtype=np.intp)
        index[order] = rank
    px, pu = sx[new], su[new]
    starts = np.flatnonzero(np.r_[True, px[1:] != px[:-1]])
    stops = np.r_[starts[1:], len(px)]
    return px, pu, starts, stops, index


def pareto_data(x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray,
                weights: np.ndarray | None = None) -> ParetoData:
    """Index the distinct ``(x, t_x)`` and ``(x, T)`` points of a customer table.

    >>> d = pareto_data(np.array([0., 0., 2.]), np.array([0., 0., 3.]), np.array([5., 6., 6.]))
    >>> d.point_u.tolist(), d.groups
    ([0.0, 3.0, 5.0, 6.0, 6.0], ((0.0, 0, 1), (2.0, 1, 2), (0.0, 2, 4), (2.0, 4, 5)))
    """
    n = len(x)
    weights = np.ones(n) if weights is None else weights
    x_a, u_a, starts_a, stops_a, at_tx = _distinct(x, t_x)
    x_b, u_b, starts_b, stops_b, at_t = _distinct(x, big_t)
    offset = len(u_a)
    groups = tuple((float(x_a[a]), int(a), int(b)) for a, b in zip(starts_a, stops_a)) + tuple(
        (float(x_b[a]), int(a) + offset, int(b) + offset) for a, b in zip(starts_b, stops_b))
    # the runs of (x, t_x) points are the distinct x: a customer's level is her run
    level_of_point = np.repeat(np.arange(len(starts_a)), stops_a - starts_a)
    return ParetoData(x, t_x, big_t, weights, np.concatenate([x_a, x_b]),
                      np.concatenate([u_a, u_b]), groups, at_tx, at_t + offset,
                      big_t - t_x <= 1e-12 * np.maximum(big_t, 1.0), x_a[starts_a],
                      np.bincount(level_of_point[at_tx], weights=weights,
                                  minlength=len(starts_a)))


@dataclass(frozen=True)
class _Points:
    """``log P``, ``log G`` and what their gradients need, at the evaluation points."""

    la: np.ndarray        # log(alpha + u)
    lb: np.ndarray        # log(beta + u)
    w: np.ndarray         # argument of 2F1
    log_h: np.ndarray     # log 2F1(1, b; c; w)
    log_p: np.ndarray
    log_g: np.ndarray
    swap: bool            # alpha < beta


def log_g_terms(params, point_x: np.ndarray, point_u: np.ndarray,
                groups: tuple[tuple[float, int, int], ...]) -> _Points:
    """``log P(u)`` and ``log G(u)`` at the points (one hypergeometric call per ``x``)."""
    r, alpha, s, beta = (float(v) for v in params)
    la, lb = np.log(alpha + point_u), np.log(beta + point_u)
    swap = alpha < beta
    big, diff = (beta, beta - alpha) if swap else (alpha, alpha - beta)
    w = diff / (big + point_u)
    log_h = np.empty(len(point_u))
    for level, start, stop in groups:
        b = s + 1.0 if swap else r + level
        log_h[start:stop] = log_hyp2f1_one_scalar(b, r + s + level + 1.0, w[start:stop])
    log_p = -(r + point_x) * la - s * lb
    log_g = log_p + log_h - np.log(r + s + point_x) + (la - lb if swap else 0.0)
    return _Points(la, lb, w, log_h, log_p, log_g, swap)


def _customer_terms(params, data: ParetoData, pts: _Points):
    """Per customer: ``log P(T)``, ``log G(t_x)``, ``log G(T)`` and ``log Q`` (``L = C Q``)."""
    s = float(params[2])
    log_pt = pts.log_p[data.at_t]
    log_gtx, log_gt = pts.log_g[data.at_tx], pts.log_g[data.at_t]
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = -np.expm1(np.minimum(log_gt - log_gtx, 0.0))      # 1 - G(T)/G(t_x), in [0, 1]
        log_d = np.where(data.closed | (gap <= 0), -np.inf, log_gtx + np.log(gap))
    log_q = np.logaddexp(log_pt, np.log(s) + log_d)
    return log_pt, log_gtx, log_gt, log_q


def pareto_loglik(params, data: ParetoData) -> np.ndarray:
    """Per-customer ``log L(r, alpha, s, beta | x, t_x, T)``."""
    r, alpha, s, beta = (float(v) for v in params)
    pts = log_g_terms(params, data.point_x, data.point_u, data.groups)
    log_q = _customer_terms(params, data, pts)[3]
    head = (special.gammaln(r + data.x) - special.gammaln(r) + r * np.log(alpha)
            + s * np.log(beta))
    return head + log_q


def pareto_loglik_grad(params, data: ParetoData) -> tuple[float, np.ndarray]:
    """``sum(weights * log L)`` and its gradient in ``(r, alpha, s, beta)``.

    ``d log L = d log C + pi d log P(T) + omega_tx d log G(t_x) - omega_T d log G(T)
    + [d/ds] (omega_tx - omega_T) / s`` with the branch weights ``pi = P(T)/Q`` and
    ``omega_u = s G(u)/Q``. The customer weights are summed onto the points (``bincount``);
    ``d log G = d log P + d log H`` and the hypergeometric part of ``d log H`` comes from
    :func:`weighted_log_derivatives`, one call per distinct ``x``.
    """
    r, alpha, s, beta = (float(v) for v in params)
    pts = log_g_terms(params, data.point_x, data.point_u, data.groups)
    log_pt, log_gtx, log_gt, log_q = _customer_terms(params, data, pts)
    wt, n_points = data.weights, len(data.point_u)
    log_s = np.log(s)
    pi = np.exp(log_pt - log_q)
    omega_tx = np.where(data.closed, 0.0, np.exp(log_s + log_gtx - log_q))
    omega_t = np.where(data.closed, 0.0, np.exp(log_s + log_gt - log_q))
    on_g = (np.bincount(data.at_tx, weights=wt * omega_tx, minlength=n_points)
            - np.bincount(data.at_t, weights=wt * omega_t, minlength=n_points))
    on_p = np.bincount(data.at_t, weights=wt * pi, minlength=n_points) + on_g
    levels, lw = data.x_levels, data.x_weight
    total = lw.sum()
    ll = float(dot(wt, log_q) + lw @ (special.gammaln(r + levels) - special.gammaln(r))
               + total * (r * np.log(alpha) + s * np.log(beta)))
    u, px = data.point_u, data.point_x
    inv_a, inv_b = 1.0 / (alpha + u), 1.0 / (beta + u)
    grad = np.array([
        lw @ (special.digamma(r + levels) - special.digamma(r)) + total * np.log(alpha)
        - dot(on_p, pts.la),
        total * r / alpha - dot(on_p, (r + px) * inv_a),
        total * np.log(beta) - dot(on_p, pts.lb) + dot(wt, omega_tx - omega_t) / s,
        total * s / beta - s * dot(on_p, inv_b),
    ])
    # d log H: c = r + s + x + 1 moves with r and s; b with r (alpha >= beta) or s (swap)
    common = -dot(on_g, 1.0 / (r + s + px))
    mu = on_g * (inv_b if pts.swap else inv_a)          # |dw/dbeta| or |dw/dalpha|
    hyp = np.zeros(4)
    for level, start, stop in data.groups:
        b = s + 1.0 if pts.swap else r + level
        part = slice(start, stop)
        hyp += weighted_log_derivatives(b, r + s + level + 1.0, pts.w[part], pts.log_h[part],
                                        on_g[part], mu[part])
    d_b, d_c, d_w, d_w_1mw = hyp
    if pts.swap:   # extra factor (alpha+u)/(beta+u); w = (beta-alpha)/(beta+u)
        grad += [d_c + common, dot(on_g, inv_a) - d_w, d_b + d_c + common,
                 -dot(on_g, inv_b) + d_w_1mw]
    else:          # w = (alpha-beta)/(alpha+u): dw/dalpha = (1-w)/(alpha+u), dw/dbeta = -1/(alpha+u)
        grad += [d_b + d_c + common, d_w_1mw, d_c + common, -d_w]
    return ll, grad


def dot(a: np.ndarray, b: np.ndarray) -> float:
    """``sum(a * b)`` without BLAS (see :func:`coursekit.models.btyd._special.weighted_sum`)."""
    return float(np.einsum("i,i->", a, b))
