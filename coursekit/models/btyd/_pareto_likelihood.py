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
argument, which :func:`weighted_log_derivatives` sums term by term. :class:`ParetoData`
(built once per fit) orders the customers by ``x`` and ``T``, so that one polynomial per
distinct ``x`` serves all her ``G(T)``; ``G(t_x)`` is evaluated once per distinct
``(x, t_x)`` (every customer without repeat purchases shares ``t_x = 0``) and the gradient
weights of the customers are summed back onto those points.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from coursekit.models.btyd._hypergeometric import (hyp2f1_one_with_derivatives,
                                                   log_hyp2f1_one_scalar,
                                                   weighted_log_derivatives)
from coursekit.models.btyd._special import weighted_sum as dot

__all__ = ["ParetoData", "pareto_data", "pareto_loglik", "pareto_loglik_grad", "pareto_prob_alive",
           "log_g_terms"]


@dataclass(frozen=True)
class ParetoData:
    """Customers ``(x, t_x, T)`` with frequency ``weights``, sorted by ``x`` then ``T``
    (``order`` maps back to the caller's rows), and the points ``(point_x, point_u)`` at which
    ``G`` is evaluated: first the distinct ``(x, t_x)`` (``at_tx`` maps customers to them),
    then every customer's ``(x, T)`` in customer order, from ``n_tx_points`` on. ``groups``
    are the ``(x, start, stop)`` runs of one ``x`` among the points."""

    x: np.ndarray
    t_x: np.ndarray
    big_t: np.ndarray
    weights: np.ndarray
    order: np.ndarray
    point_x: np.ndarray
    point_u: np.ndarray
    groups: tuple[tuple[float, int, int], ...]
    at_tx: np.ndarray
    n_tx_points: int
    closed: np.ndarray          # T == t_x: the dropout branch has zero width
    x_levels: np.ndarray        # distinct x over the customers
    x_weight: np.ndarray        # total weight of each level


def _order(x: np.ndarray, u: np.ndarray) -> np.ndarray:
    """A permutation that groups the rows by ``x`` and (nearly) sorts each group by ``u``.

    Only speed depends on the order within a group (narrow blocks of ``w`` need few terms);
    so for many rows of few distinct ``x`` a stable radix sort of a 16-bit key (the rank of
    ``x``, then ``u`` in ``65536 / n_x`` bins) replaces a comparison sort of floats."""
    top = float(x.max(initial=0.0))
    u_top = float(u.max(initial=0.0))
    if len(x) > 20_000 and top < 100_000:
        whole = x.astype(np.intp)
        present = np.bincount(whole, minlength=int(top) + 1) > 0
        n_levels = int(present.sum())
        if n_levels <= 256:
            rank = np.cumsum(present) - 1
            bins = 65536 // n_levels
            scaled = np.minimum(u * ((bins - 1) / u_top), bins - 1) if u_top > 0 else np.zeros(len(u))
            key = (rank[whole] * bins + scaled.astype(np.intp)).astype(np.uint16)
            return np.argsort(key, kind="stable")
    key = x * (2.0 * u_top + 1.0) + u
    return np.arange(len(x)) if np.all(key[1:] >= key[:-1]) else np.argsort(key)


def _runs(values: np.ndarray, offset: int = 0) -> tuple[tuple[float, int, int], ...]:
    """``(value, start, stop)`` for each run of equal values in a sorted array."""
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    stops = np.r_[starts[1:], len(values)]
    return tuple((float(values[a]), int(a) + offset, int(b) + offset)
                 for a, b in zip(starts, stops))


def pareto_data(x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray,
                weights: np.ndarray | None = None) -> ParetoData:
    """Order the customers and index the distinct ``(x, t_x)`` points.

    >>> d = pareto_data(np.array([2., 0., 0.]), np.array([3., 0., 0.]), np.array([6., 6., 5.]))
    >>> d.order.tolist(), d.point_u.tolist(), d.groups
    ([2, 1, 0], [0.0, 3.0, 5.0, 6.0, 6.0], ((0.0, 0, 1), (2.0, 1, 2), (0.0, 2, 4), (2.0, 4, 5)))
    """
    weights = np.ones(len(x)) if weights is None else weights
    order = _order(x, big_t)
    x, t_x, big_t, weights = x[order], t_x[order], big_t[order], weights[order]
    by_tx = _order(x, t_x)
    sx, su = x[by_tx], t_x[by_tx]
    new = np.ones(len(x), dtype=bool)
    new[1:] = (sx[1:] != sx[:-1]) | (su[1:] != su[:-1])
    at_tx = np.empty(len(x), dtype=np.intp)
    at_tx[by_tx] = np.cumsum(new) - 1
    tx_x, tx_u = sx[new], su[new]
    tx_groups = _runs(tx_x)
    # the runs of (x, t_x) points are the distinct x: a customer's level is her run
    level_of_point = np.repeat(np.arange(len(tx_groups)), [b - a for _, a, b in tx_groups])
    return ParetoData(
        x, t_x, big_t, weights, order, np.concatenate([tx_x, x]), np.concatenate([tx_u, big_t]),
        tx_groups + _runs(x, len(tx_u)), at_tx, len(tx_u),
        big_t - t_x <= 1e-12 * np.maximum(big_t, 1.0), np.array([g[0] for g in tx_groups]),
        np.bincount(level_of_point[at_tx], weights=weights, minlength=len(tx_groups)))


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
    d_h: np.ndarray | None = None   # d log h / d(b, c, w) per point (small data only)


#: up to this many points the hypergeometric terms and their derivatives are summed point by
#: point in one vectorised pass (series up to ``w = 1/2``, continued fraction above): a
#: class-sized table has many runs of ``x`` with a handful of points each, where a call per run
#: costs more
_SMALL_POINTS = 50_000


def log_g_terms(params, point_x: np.ndarray, point_u: np.ndarray,
                groups: tuple[tuple[float, int, int], ...]) -> _Points:
    """``log P(u)`` and ``log G(u)`` at the points (one hypergeometric call per run of x,
    or one pass over all points for small tables)."""
    r, alpha, s, beta = (float(v) for v in params)
    la, lb = np.log(alpha + point_u), np.log(beta + point_u)
    swap = alpha < beta
    big, diff = (beta, beta - alpha) if swap else (alpha, alpha - beta)
    w = diff / (big + point_u)
    n = len(point_u)
    if n <= _SMALL_POINTS:
        rows = hyp2f1_one_with_derivatives(s + 1.0 if swap else r + point_x,
                                           r + s + point_x + 1.0, w, series_up_to=0.5)
        log_p = -(r + point_x) * la - s * lb
        log_g = log_p + rows[0] - np.log(r + s + point_x) + (la - lb if swap else 0.0)
        return _Points(la, lb, w, rows[0], log_p, log_g, swap, rows[1:])
    log_h, log_p, log_g = np.empty(n), np.empty(n), np.empty(n)
    for level, start, stop in groups:
        part = slice(start, stop)
        b = s + 1.0 if swap else r + level
        log_h[part] = log_hyp2f1_one_scalar(b, r + s + level + 1.0, w[part])
        lp = la[part] * -(r + level)
        lp -= s * lb[part]
        log_p[part] = lp
        lg = lp + log_h[part]
        lg -= np.log(r + s + level)
        if swap:
            lg += la[part]
            lg -= lb[part]
        log_g[part] = lg
    return _Points(la, lb, w, log_h, log_p, log_g, swap)


@dataclass(frozen=True)
class _Branches:
    """Per customer: ``log Q`` (``L = C Q``) and the branch weights ``pi = P(T)/Q``,
    ``omega_tx = s G(t_x)/Q`` and ``omega_t = s G(T)/Q``."""

    log_q: np.ndarray | None        # None when only pi was asked for
    pi: np.ndarray
    omega_tx: np.ndarray | None
    omega_t: np.ndarray | None


def _branches(s: float, data: ParetoData, pts: _Points, only_pi: bool = False) -> _Branches:
    """With ``gap = 1 - G(T)/G(t_x)`` and ``z = log(s G(t_x) gap / P(T))``:
    ``log Q = log P(T) + softplus(z)``, ``pi = expit(-z)``, ``omega_tx = (1 - pi) / gap`` and
    ``omega_t = omega_tx (1 - gap)``: four transcendental passes over the customers."""
    tail = slice(data.n_tx_points, None)
    log_pt, log_gt = pts.log_p[tail], pts.log_g[tail]
    log_gtx = pts.log_g[data.at_tx]
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = -np.expm1(np.minimum(log_gt - log_gtx, 0.0))
        closed = data.closed | (gap <= 0)
        z = np.where(closed, -np.inf, np.log(s) + log_gtx - log_pt + np.log(gap))
        small = np.exp(-np.abs(z))
        up = z > 0
        inv = 1.0 / (1.0 + small)
        pi = np.where(up, small, 1.0) * inv
        if only_pi:
            return _Branches(None, pi, None, None)
        log_q = log_pt + np.where(up, z, 0.0) + np.log1p(small)
        omega_tx = np.where(closed, 0.0, np.where(up, 1.0, small) * inv / gap)
    return _Branches(log_q, pi, omega_tx, omega_tx * (1.0 - gap))


def pareto_loglik(params, data: ParetoData) -> np.ndarray:
    """Per-customer ``log L(r, alpha, s, beta | x, t_x, T)``, in ``data``'s row order."""
    r, alpha, s, beta = (float(v) for v in params)
    pts = log_g_terms(params, data.point_x, data.point_u, data.groups)
    log_q = _branches(s, data, pts).log_q
    head = (special.gammaln(r + data.x) - special.gammaln(r) + r * np.log(alpha)
            + s * np.log(beta))
    out = np.empty(len(data.x))
    out[data.order] = head + log_q
    return out


def pareto_prob_alive(params, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray) -> np.ndarray:
    """P(alive at ``T`` | ``x, t_x, T``) ``= P(T) / Q = pi``, in the caller's row order:
    the same evaluation as the likelihood, one pass."""
    data = pareto_data(x, t_x, big_t)
    pts = log_g_terms(params, data.point_x, data.point_u, data.groups)
    out = np.empty(len(x))
    out[data.order] = _branches(float(params[2]), data, pts, only_pi=True).pi
    return out


def pareto_loglik_grad(params, data: ParetoData) -> tuple[float, np.ndarray]:
    """``sum(weights * log L)`` and its gradient in ``(r, alpha, s, beta)``.

    ``d log L = d log C + pi d log P(T) + omega_tx d log G(t_x) - omega_T d log G(T)
    + [d/ds] (omega_tx - omega_T) / s`` (:class:`_Branches`). The customer weights are summed
    onto the points; ``d log G = d log P + d log H`` and the hypergeometric part of
    ``d log H`` comes from :func:`weighted_log_derivatives`, one call per run of ``x``.
    """
    r, alpha, s, beta = (float(v) for v in params)
    pts = log_g_terms(params, data.point_x, data.point_u, data.groups)
    br = _branches(s, data, pts)
    wt, n_tx = data.weights, data.n_tx_points
    w_tx, w_t = wt * br.omega_tx, wt * br.omega_t
    on_g = np.concatenate([np.bincount(data.at_tx, weights=w_tx, minlength=n_tx), -w_t])
    on_p = on_g.copy()
    on_p[n_tx:] += wt * br.pi
    levels, lw = data.x_levels, data.x_weight
    total = lw.sum()
    ll = float(dot(wt, br.log_q) + lw @ (special.gammaln(r + levels) - special.gammaln(r))
               + total * (r * np.log(alpha) + s * np.log(beta)))
    u, px = data.point_u, data.point_x
    inv_a, inv_b = 1.0 / (alpha + u), 1.0 / (beta + u)
    grad = np.array([
        lw @ (special.digamma(r + levels) - special.digamma(r)) + total * np.log(alpha)
        - dot(on_p, pts.la),
        total * r / alpha - r * dot(on_p, inv_a) - dot(on_p * px, inv_a),
        total * np.log(beta) - dot(on_p, pts.lb) + (w_tx.sum() - w_t.sum()) / s,
        total * s / beta - s * dot(on_p, inv_b),
    ])
    # d log H: c = r + s + x + 1 moves with r and s; b with r (alpha >= beta) or s (swap)
    mu = on_g * (inv_b if pts.swap else inv_a)          # |dw/dbeta| or |dw/dalpha|
    if pts.d_h is not None:        # small table: per-point derivatives from log_g_terms
        hyp = np.array([dot(on_g, pts.d_h[0]), dot(on_g, pts.d_h[1]), dot(mu, pts.d_h[2]),
                        dot(mu * (1.0 - pts.w), pts.d_h[2])])
        common = -dot(on_g, 1.0 / (r + s + px))
    else:                          # one reverse-mode sum per run of x
        hyp, common = np.zeros(4), 0.0
        for level, start, stop in data.groups:
            part = slice(start, stop)
            b, rsx = (s + 1.0 if pts.swap else r + level), r + s + level
            hyp += weighted_log_derivatives(b, rsx + 1.0, pts.w[part], pts.log_h[part],
                                            on_g[part], mu[part])
            common -= on_g[part].sum() / rsx
    d_b, d_c, d_w, d_w_1mw = hyp
    if pts.swap:   # extra factor (alpha+u)/(beta+u); w = (beta-alpha)/(beta+u)
        grad += [d_c + common, dot(on_g, inv_a) - d_w, d_b + d_c + common,
                 -dot(on_g, inv_b) + d_w_1mw]
    else:          # w = (alpha-beta)/(alpha+u): dw/dalpha = (1-w)/(alpha+u), dw/dbeta = -1/(alpha+u)
        grad += [d_b + d_c + common, d_w_1mw, d_c + common, -d_w]
    return ll, grad
