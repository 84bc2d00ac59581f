"""Gauss's hypergeometric function ``h = 2F1(1, b; c; w)`` together with the derivatives of
``log h`` in ``b``, ``c`` and ``w``, for ``0 < b < c`` and ``0 <= w < 1``.

The Pareto/NBD likelihood is a difference of two such functions, and its gradient needs their
derivatives in the *parameters* ``b`` and ``c``, for which no closed form exists. Both ways of
summing ``h`` used here can be differentiated term by term, which gives exact (analytic)
derivatives at the cost of a few more operations per term:

* the power series ``h = sum_k t_k``, ``t_k = (b)_k / (c)_k w^k`` (all terms positive), with
  ``dt_k/db = t_k sum_{j<k} 1/(b+j)`` and ``dt_k/dc = -t_k sum_{j<k} 1/(c+j)``; for one
  ``(b, c)`` and many ``w`` it is a polynomial in ``w``, re-centred on each block of sorted
  arguments (a few terms in ``w - w0``) and evaluated by Horner's rule; sums of derivatives
  weighted over many points come from power moments (reverse mode, no per-point arrays);
* Gauss's continued fraction (as in :func:`coursekit.models.btyd._special.log_hyp2f1_one`)
  for ``w`` above :data:`SERIES_UP_TO`, where the series needs too many terms; its modified
  Lentz recursion is differentiated in forward mode.

Not from the textbook. The tests compare both with mpmath (values and derivatives).
"""
from __future__ import annotations

import numpy as np

from coursekit.models.btyd._special import log_hyp2f1_one

__all__ = ["SERIES_UP_TO", "series_terms", "log_hyp2f1_one_scalar", "hyp2f1_one_with_derivatives",
           "weighted_log_derivatives"]

#: the power series is used for ``w`` up to here (at most ~5,000 terms, re-centred on each
#: block of arguments), the continued fraction above
SERIES_UP_TO = 0.99
_EPS = 1e-17
_CF_MAX_ITER = 400_000
_BLOCK = 16384


def series_terms(w_max: float) -> int:
    """Terms after which every neglected term of ``h`` and of its derivatives is below 1e-17
    relative: the smallest ``K`` with ``(K + 1) w^K / (1 - w)^2 < 1e-17`` (``t_k <= w^k``;
    the derivative terms carry at most a factor ``k``).

    >>> series_terms(0.0), series_terms(0.1), series_terms(0.6)
    (1, 19, 90)
    """
    if w_max <= 0:
        return 1
    log_w, target = np.log(w_max), np.log(_EPS) + 2 * np.log1p(-w_max)
    k = 1
    for _ in range(60):          # fixed point of k = (target - log(k + 1)) / log w
        nxt = max(1, int(np.ceil((target - np.log(k + 1)) / log_w)))
        if nxt == k:
            break
        k = nxt
    while (k + 1) * w_max ** k / (1 - w_max) ** 2 >= _EPS:   # guard the rounding of ceil
        k += 1
    return k


def _coefficients(b: float, c: float, n_terms: int):
    """``coef_k = (b)_k / (c)_k`` and the running sums ``sum_{j<k} 1/(b+j)``,
    ``sum_{j<k} 1/(c+j)`` for ``k = 0..n_terms``."""
    j = np.arange(n_terms, dtype=float)
    coef = np.concatenate([[1.0], np.cumprod((b + j) / (c + j))])
    s_b = np.concatenate([[0.0], np.cumsum(1.0 / (b + j))])
    s_c = np.concatenate([[0.0], np.cumsum(1.0 / (c + j))])
    return coef, s_b, s_c


def _blocks(w: np.ndarray, n_terms: int, s_max: float):
    """Blocks of (sorted) ``w``, each with its centre ``w0``, the shift ``delta = w - w0`` and the
    binomial matrix ``C(k, j) w0^(k-j)`` that re-centres the degree-``n_terms`` series on
    ``w0``, keeping ``J + 1`` terms. The coefficients of ``h`` around ``w0`` are at most
    ``(1 - w0)^-(j+1)`` (those of the derivative series at most ``s_max`` times that), so with
    ``q = radius / (1 - w0)`` the neglected terms stay below
    ``s_max q^(J+1) / ((1 - q)(1 - w0)) < 1e-17``. Blocks with ``q > 1/4`` are halved; a
    small one that is still wide keeps the plain series (``w0 = 0``: positive terms)."""
    k = np.arange(n_terms + 1, dtype=float)
    pending = [(start, min(start + _BLOCK, w.size)) for start in range(0, w.size, _BLOCK)]
    while pending:
        start, stop = pending.pop()
        wb = w[start:stop]
        low, high = float(wb.min()), float(wb.max())
        w0, radius = (low + high) / 2, (high - low) / 2
        q = radius / (1 - w0)
        if q > 0.25 and stop - start > 64:
            middle = (start + stop) // 2
            pending += [(start, middle), (middle, stop)]
            continue
        if q > 0.25 or w0 == 0.0:
            w0, n_local = 0.0, (n_terms if q > 0.25 else 0)
        else:
            n_local, bound = 0, s_max / (1 - w0)
            while n_local < n_terms and bound * q ** (n_local + 1) / (1 - q) >= _EPS:
                n_local += 1
        shift = np.zeros((n_terms + 1, n_local + 1))
        if w0 == 0.0:
            shift[np.arange(n_local + 1), np.arange(n_local + 1)] = 1.0
        else:   # column j = C(k, j) w0^(k - j), from column j - 1
            with np.errstate(under="ignore"):
                shift[:, 0] = np.exp(k * np.log(w0))
                for j in range(1, n_local + 1):
                    shift[j:, j] = shift[j:, j - 1] * (k[j:] - j + 1) / (j * w0)
        yield slice(start, stop), w0, wb - w0, shift


def _horner(coefficients: np.ndarray, delta: np.ndarray) -> np.ndarray:
    acc = np.full(delta.size, coefficients[-1])
    for value in coefficients[-2::-1]:
        acc *= delta
        acc += value
    return acc


def _series_value(b: float, c: float, w: np.ndarray) -> np.ndarray:
    """``h`` for one ``(b, c)``: the degree-``K`` series, re-centred on each block of
    ``w`` (a block of sorted arguments is narrow, so a few terms in ``w - w0`` suffice)."""
    out = np.empty(w.size)
    n_terms = series_terms(float(np.max(w, initial=0.0)))
    coef = _coefficients(b, c, n_terms)[0]
    for part, _, delta, shift in _blocks(w, n_terms, 1.0):
        out[part] = _horner(coef @ shift, delta)
    return out


def _continued_fraction(b: np.ndarray, c: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Rows ``log h, dlog h/db, dlog h/dc, dlog h/dw`` by Gauss's continued fraction
    ``h = 1 / (1 + a_1 / (1 + a_2 / (1 + ...)))``, ``a_j = -k_j w``, with
    ``k_{2n+1} = (b+n)(c-1+n) / ((c-1+2n)(c+2n))`` and
    ``k_{2n+2} = (n+1)(c-b+n) / ((c+2n)(c+2n+1))``, summed by the modified Lentz method;
    each Lentz state carries its derivative in ``(b, c, w)`` (forward mode)."""
    size = b.size
    log_f = np.zeros(size)
    d_log_f = np.zeros((3, size))
    lentz_c = np.full(size, 1e300)
    lentz_d = np.ones(size)
    d_c = np.zeros((3, size))
    d_d = np.zeros((3, size))
    active = np.arange(size)
    for step in range(1, _CF_MAX_ITER):
        if active.size == 0:
            break
        n, even = divmod(step - 1, 2)
        bi, ci, wi = b[active], c[active], w[active]
        if even == 0:
            k = (bi + n) * (ci - 1 + n) / ((ci - 1 + 2 * n) * (ci + 2 * n))
            dk_b = k / (bi + n)
            dk_c = k * (1 / (ci - 1 + n) - 1 / (ci - 1 + 2 * n) - 1 / (ci + 2 * n))
        else:
            k = (n + 1) * (ci - bi + n) / ((ci + 2 * n) * (ci + 2 * n + 1))
            dk_b = -k / (ci - bi + n)
            dk_c = k * (1 / (ci - bi + n) - 1 / (ci + 2 * n) - 1 / (ci + 2 * n + 1))
        a = -k * wi
        da = np.stack([-dk_b * wi, -dk_c * wi, -k])
        old_c, old_d = lentz_c[active], lentz_d[active]
        new_d = 1.0 / (1.0 + a * old_d)
        new_c = 1.0 + a / old_c
        dd = -new_d ** 2 * (da * old_d + a * d_d[:, active])
        dc = (da - a * d_c[:, active] / old_c) / old_c
        delta = new_c * new_d
        d_log_delta = dc / new_c + dd / new_d
        log_f[active] += np.log(delta)
        d_log_f[:, active] += d_log_delta
        lentz_c[active], lentz_d[active] = new_c, new_d
        d_c[:, active], d_d[:, active] = dc, dd
        # the two halves of d log delta cancel once the fraction has converged; what is left
        # is their rounding, so the increment is compared with their size
        scale = np.abs(dc / new_c) + np.abs(dd / new_d) + np.abs(d_log_f[:, active])
        done = ((np.abs(delta - 1.0) < 2e-15)      # a few ulps: C D can settle at 1 - 2 ulp
                & np.all(np.abs(d_log_delta) <= 1e-15 * scale, axis=0))
        active = active[~done]
    if active.size:   # pragma: no cover - 1 - w >= 1e-9 converges well before the cap
        raise FloatingPointError(f"Gauss's continued fraction did not converge for "
                                 f"{active.size} arguments (w up to {w[active].max():.12g})")
    return np.vstack([log_f, d_log_f])


def log_hyp2f1_one_scalar(b: float, c: float, w: np.ndarray) -> np.ndarray:
    """``log 2F1(1, b; c; w)`` for one ``(b, c)`` and many ``w`` in ``[0, 1)``.

    >>> w = np.array([0.0, 0.5, 0.99])   # 2F1(1, 1; 2; w) = -log(1 - w) / w
    >>> np.exp(log_hyp2f1_one_scalar(1.0, 2.0, w)).round(9).tolist()
    [1.0, 1.386294361, 4.651687057]
    """
    w = np.asarray(w, dtype=float).ravel()
    out = np.empty(w.size)
    low = w <= SERIES_UP_TO
    out[low] = np.log(_series_value(float(b), float(c), w[low]))
    if not np.all(low):   # the value-only continued fraction
        out[~low] = log_hyp2f1_one(float(b), float(c), w[~low])
    return out


def hyp2f1_one_with_derivatives(b, c, w, series_up_to: float = SERIES_UP_TO) -> np.ndarray:
    """Rows ``log h, d log h/db, d log h/dc, d log h/dw`` (shape ``(4, n)``) of
    ``h = 2F1(1, b; c; w)``, ``0 < b < c``, ``0 <= w < 1``, point by point (``b, c``
    broadcast with ``w``). The series (summed forward, point by point) serves ``w`` up to
    ``series_up_to``, the continued fraction above.

    >>> out = hyp2f1_one_with_derivatives(1.0, 2.0, np.array([0.5]))  # h = -log(1-w)/w
    >>> round(float(np.exp(out[0, 0])), 12), round(float(out[3, 0]), 12)
    (1.38629436112, 0.885390081778)
    """
    w = np.asarray(w, dtype=float).ravel()
    b = np.broadcast_to(np.asarray(b, float).ravel(), w.shape)
    c = np.broadcast_to(np.asarray(c, float).ravel(), w.shape)
    out = np.empty((4, w.size))
    low = w <= series_up_to
    if np.any(low):
        acc = _series_per_point(b[low], c[low], w[low])
        out[0, low] = np.log(acc[0])
        out[1:, low] = acc[1:] / acc[0]
    if not np.all(low):
        out[:, ~low] = _continued_fraction(b[~low], c[~low], w[~low])
    return out


def weighted_log_derivatives(b: float, c: float, w: np.ndarray, log_h: np.ndarray,
                             nu: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """``[sum nu d log h/db, sum nu d log h/dc, sum mu d log h/dw, sum mu (1-w) d log h/dw]``
    for one ``(b, c)``, without the per-point derivatives (reverse mode).

    With ``h = sum_k coef_k w^k`` every sum is a combination of the moments
    ``M_k = sum_p (nu_p / h_p) w_p^k`` (and the same for ``mu``), e.g.
    ``sum nu d log h/db = sum_k coef_k S^b_k M_k``; ``w (1 - w)`` moments come from
    ``M_k - M_{k+1}``. Points above :data:`SERIES_UP_TO` use the continued fraction.
    """
    out = np.zeros(4)
    low = w <= SERIES_UP_TO
    if np.any(low):
        every = bool(np.all(low))
        wl = w if every else w[low]
        n_terms = series_terms(float(wl.max()))
        coef, s_b, s_c = _coefficients(b, c, n_terms + 1)
        inv_h = np.exp(-(log_h if every else log_h[low]))
        scaled = np.stack([nu if every else nu[low], mu if every else mu[low]]) * inv_h
        # the derivative series, truncated at degree K
        table = np.stack([coef * s_b, -coef * s_c,
                          np.arange(1, n_terms + 3) * np.append(coef[1:], 0.0)])[:, :n_terms + 1]
        for part, w0, delta, shift in _blocks(wl, n_terms, float(s_b[-1] + s_c[-1] + 1.0)):
            centred = table @ shift                       # coefficients in delta = w - w0
            n_local = centred.shape[1]
            moments = np.empty((2, n_local + 1))
            power = scaled[:, part].copy()
            for j in range(n_local + 1):
                moments[:, j] = power.sum(axis=1)
                power *= delta
            out[0] += centred[0] @ moments[0, :n_local]
            out[1] += centred[1] @ moments[0, :n_local]
            out[2] += centred[2] @ moments[1, :n_local]
            out[3] += centred[2] @ ((1 - w0) * moments[1, :n_local] - moments[1, 1:])
    if not np.all(low):
        high = ~low
        d = _continued_fraction(np.full(int(high.sum()), b), np.full(int(high.sum()), c),
                                w[high])
        out += [nu[high] @ d[1], nu[high] @ d[2], mu[high] @ d[3],
                (mu[high] * (1 - w[high])) @ d[3]]
    return out


def _series_per_point(b: np.ndarray, c: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Rows ``h, dh/db, dh/dc, dh/dw`` with a different ``(b, c)`` per point (summed
    forward: ``t_{k+1} = t_k w (b+k)/(c+k)``)."""
    n_terms = series_terms(float(np.max(w, initial=0.0)))
    term = np.ones(w.size)
    acc = np.zeros((4, w.size))
    acc[0] = 1.0
    s_b, s_c = np.zeros(w.size), np.zeros(w.size)
    for k in range(n_terms):
        ratio = (b + k) / (c + k)
        acc[3] += (k + 1) * term * ratio
        s_b += 1.0 / (b + k)
        s_c += 1.0 / (c + k)
        term = term * ratio * w
        acc[0] += term
        acc[1] += term * s_b
        acc[2] -= term * s_c
    return acc
