"""BG/NBD: the beta-geometric / negative binomial model of repeat buying.

Not from the textbook. Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting your
customers' the easy way: an alternative to the Pareto/NBD model", *Marketing Science* 24(2),
275-284. Equation numbers below refer to that paper.

While alive, a customer buys as a Poisson process with rate ``lambda ~ Gamma(r, alpha)``; after
every purchase she drops out with probability ``p ~ Beta(a, b)``. A customer is summarised by
``x`` (frequency: number of repeat purchases), ``t_x`` (recency: time of the last purchase,
measured from the first) and ``T`` (time from the first purchase to the end of observation),
all in one time unit (CDNOW: weeks).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from coursekit._validate import as_float_array, check_nonnegative
from coursekit.models.btyd._base import (BTYDModel, check_rfm, check_weights, compress_rows,
                                         history_problems)
from coursekit.models.btyd._distinct import distinct_whole
from coursekit.models.btyd._hyp2f1_steps import hyp2f1_excess
from coursekit.models.btyd._special import across_singularity, log_beta_ratio, weighted_sum

__all__ = ["BGNBD"]


def _loglik(params: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    r, alpha, a, b = params
    common = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    term1 = log_beta_ratio(a, b + x, a, b) - (r + x) * np.log(alpha + T)
    repeat = x > 0
    # log B(a+1, b+x-1) is only needed (and only defined for b < 1) where x > 0
    b_shift = np.where(repeat, b + x - 1, 1.0)
    term2 = log_beta_ratio(a + 1, b_shift, a, b) - (r + x) * np.log(alpha + t_x)
    return common + np.where(repeat, np.logaddexp(term1, term2), term1)


def _gradient_data(x: np.ndarray, t_x: np.ndarray, T: np.ndarray, w: np.ndarray) -> dict:
    """Split the customers for :func:`_weighted_loglik_grad`: those without repeat purchases
    (the larger part of most bases) enter the likelihood only through ``r log(alpha/(alpha+T))``.
    """
    repeat = x > 0
    xs, idx = np.unique(x[repeat], return_inverse=True)
    return {"w0": w[~repeat], "T0": T[~repeat], "x": x[repeat], "t_x": t_x[repeat],
            "T": T[repeat], "w": w[repeat], "xs": xs, "idx": idx,
            "w_s": np.bincount(idx, weights=w[repeat], minlength=len(xs))}


def _weighted_loglik_grad(params: np.ndarray, d: dict) -> tuple[float, np.ndarray]:
    """``sum(w * log L)`` and its gradient in ``(r, alpha, a, b)`` (``d`` from
    :func:`_gradient_data`).

    The gamma and digamma functions depend on a repeat buyer only through ``x``, which takes
    few distinct values ``xs``, so they run once per distinct ``x`` weighted by the total
    weight of its customers. With ``B(a, b+x)/B(a, b) = Gamma(b+x)Gamma(a+b) /
    (Gamma(b)Gamma(a+b+x))`` and ``B(a+1, b+x-1)/B(a, b+x) = a/(b+x-1)``.
    """
    r, alpha, a, b = params
    g, psi, dot = special.gammaln, special.digamma, weighted_sum
    log_alpha = np.log(alpha)
    # no repeat purchase: log L = r log(alpha / (alpha + T))
    log_a0 = np.log(alpha + d["T0"])
    total0 = d["w0"].sum()
    ll0 = r * (log_alpha * total0 - dot(d["w0"], log_a0))
    grad0 = np.array([log_alpha * total0 - dot(d["w0"], log_a0),
                      r * (total0 / alpha - dot(d["w0"], 1.0 / (alpha + d["T0"]))), 0.0, 0.0])
    x, t_x, T, w, xs, idx, w_s = (d[k] for k in ("x", "t_x", "T", "w", "xs", "idx", "w_s"))
    if len(xs) == 0:
        return float(ll0), grad0
    total = w_s.sum()
    b_shift_s = b + xs - 1
    # per distinct x: log [Gamma(r+x)/Gamma(r)] + log [B(a, b+x)/B(a, b)]
    base_s = g(r + xs) - g(r) + g(b + xs) - g(b) + g(a + b) - g(a + b + xs)
    shift_s = np.log(a) - np.log(b_shift_s)
    log_at, log_atx = np.log(alpha + T), np.log(alpha + t_x)
    rx = r + x
    term1 = -rx * log_at
    term2 = shift_s[idx] - rx * log_atx
    both = np.logaddexp(term1, term2)
    share2 = np.exp(term2 - both)            # weight of the "dropped out at t_x" branch
    w_share2 = w * share2
    ll = float(dot(w_s, base_s) + r * log_alpha * total + dot(w, both))
    d_r = (dot(w_s, psi(r + xs) - psi(r)) + log_alpha * total
           - dot(w, log_at) - dot(w_share2, log_atx - log_at))
    inv_t, inv_tx = 1.0 / (alpha + T), 1.0 / (alpha + t_x)
    d_alpha = r / alpha * total - dot(w * rx, inv_t + share2 * (inv_tx - inv_t))
    d_ab = dot(w_s, psi(a + b) - psi(a + b + xs))
    d_a = d_ab + w_share2.sum() / a
    d_b = (d_ab + dot(w_s, psi(b + xs) - psi(b))
           - dot(np.bincount(idx, weights=w_share2, minlength=len(xs)), 1.0 / b_shift_s))
    return float(ll0 + ll), grad0 + np.array([d_r, d_alpha, d_a, d_b])


class BGNBD(BTYDModel):
    r"""The BG/NBD model (parameters ``r, alpha, a, b``).

    Not from the textbook: Fader, Hardie and Lee (2005), "Counting your customers the easy way".
    The individual likelihood (their eq. 6) is

    .. math::
        L = \frac{B(a, b+x)}{B(a, b)} \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)(\alpha+T)^{r+x}}
          + \delta_{x>0} \frac{B(a+1, b+x-1)}{B(a, b)}
            \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)(\alpha+t_x)^{r+x}}

    evaluated in log space (``gammaln``, ``betaln``, ``logaddexp``), so a customer with
    thousands of purchases does not overflow.

    >>> import numpy as np
    >>> m = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> round(float(m.expected_purchases(39)), 3)   # repeat purchases per new customer in 39 weeks
    1.197
    >>> round(float(m.prob_alive(frequency=2, recency=30.43, T=38.86)[0]), 3)
    0.727
    """

    param_names = ("r", "alpha", "a", "b")

    def fit(self, frequency: Any, recency: Any, T: Any, weights: Any = None, *,
            n_starts: int = 1, random_state: int | None = 0) -> "BGNBD":
        """Maximum-likelihood fit; returns ``self`` with ``params_`` and ``log_likelihood_``.

        ``weights`` are frequency weights: row ``i`` stands for ``weights[i]`` identical
        customers; identical ``(x, t_x, T)`` rows are collapsed this way automatically, so the
        likelihood runs once per distinct history. Time is rescaled internally to a mean ``T``
        of 1 (``alpha`` is mapped back). ``n_starts > 1`` adds seeded random starts and warns if
        some end at a worse optimum. ``converged_`` is False, with a :class:`FitWarning`
        naming the cause, when the data or the fit do not identify the parameters.
        """
        x, t_x, big_t = check_rfm(frequency, recency, T)
        w, x, t_x, big_t = compress_rows(check_weights(weights, len(x)), x, t_x, big_t)
        unit = float(np.average(big_t, weights=w))
        t_x, big_t = t_x / unit, big_t / unit
        data = _gradient_data(x, t_x, big_t, w)
        self._maximise(lambda p: _loglik(p, x, t_x, big_t), w, x0=np.ones(4),
                       loglik_grad=lambda p: _weighted_loglik_grad(p, data),
                       n_starts=n_starts, random_state=random_state,
                       scale=np.array([1.0, unit, 1.0, 1.0]),
                       ll_offset=-float(w @ x) * np.log(unit),
                       problems=history_problems(w, x, 4, "a and b cannot be estimated"),
                       subset=lambda rows, sub_w: (
                           lambda p: _loglik(p, x[rows], t_x[rows], big_t[rows]),
                           lambda p, d=_gradient_data(x[rows], t_x[rows], big_t[rows], sub_w):
                           _weighted_loglik_grad(p, d)))
        return self

    def log_likelihood(self, frequency: Any, recency: Any, T: Any) -> np.ndarray:
        """Per-customer log-likelihood ``log L(r, alpha, a, b | x, t_x, T)`` (eq. 6)."""
        x, t_x, big_t = check_rfm(frequency, recency, T)
        return _loglik(np.array(self._params()), x, t_x, big_t)

    def expected_purchases(self, t: Any) -> float | np.ndarray:
        r"""Expected number of repeat purchases of a new customer in ``(0, t]`` (eq. 7):

        .. math::
            E[X(t)] = \frac{a+b-1}{a-1}\Big[1 - \Big(\frac{\alpha}{\alpha+t}\Big)^r
                      {}_2F_1\big(r, b; a+b-1; \tfrac{t}{\alpha+t}\big)\Big]

        >>> m = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> m.expected_purchases([0, 78]).round(3)
        array([0.   , 1.861])
        """
        r, alpha, a, b = self._params()
        t_arr = np.asarray(check_nonnegative(t, "t"), dtype=float)
        out = _expected_while_alive(r, alpha, a, b, 0.0, 0.0, t_arr)
        return float(out) if np.ndim(t) == 0 else out

    def prob_alive(self, frequency: Any, recency: Any, T: Any) -> np.ndarray:
        r"""Probability that the customer is still alive at ``T`` (Fader, Hardie and Lee 2008,
        "Computing P(alive) using the BG/NBD model"):

        .. math::
            P(\text{alive}) = \Big[1 + \delta_{x>0}\frac{a}{b+x-1}
                              \Big(\frac{\alpha+T}{\alpha+t_x}\Big)^{r+x}\Big]^{-1}

        >>> m = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> m.prob_alive([0, 2, 2], [0, 30.43, 5.0], [38.86, 38.86, 38.86]).round(3)
        array([1.   , 0.727, 0.124])
        """
        r, alpha, a, b = self._params()
        x, t_x, big_t = check_rfm(frequency, recency, T)
        return _prob_alive(r, alpha, a, b, x, t_x, big_t)

    def conditional_expected_purchases(self, t: Any, frequency: Any, recency: Any,
                                       T: Any) -> np.ndarray:
        r"""Expected repeat purchases in ``(T, T + t]`` of a customer with history
        ``(x, t_x, T)`` (eq. 10):

        .. math::
            E[Y(t) \mid x, t_x, T] = \frac{\frac{a+b+x-1}{a-1}\Big[1 -
              \big(\frac{\alpha+T}{\alpha+T+t}\big)^{r+x}
              {}_2F_1\big(r+x, b+x; a+b+x-1; \frac{t}{\alpha+T+t}\big)\Big]}
              {1 + \delta_{x>0}\frac{a}{b+x-1}\big(\frac{\alpha+T}{\alpha+t_x}\big)^{r+x}}

        ``t`` may be a scalar or an array that broadcasts against the customers (e.g. shape
        ``(k, 1)`` for ``k`` horizons).

        >>> m = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> m.conditional_expected_purchases(39, 2, 30.43, 38.86).round(3)
        array([1.226])
        """
        r, alpha, a, b = self._params()
        x, t_x, big_t = check_rfm(frequency, recency, T)
        t_arr = np.asarray(check_nonnegative(t, "t"), dtype=float)
        return (_expected_while_alive(r, alpha, a, b, x, big_t, t_arr)
                * _prob_alive(r, alpha, a, b, x, t_x, big_t))

    def prob_purchases(self, n: Any, t: Any) -> np.ndarray:
        r"""``P(X(t) = n)``: probability of exactly ``n`` repeat purchases in ``(0, t]`` (eq. 8):

        .. math::
            P(X(t)=n) = \frac{B(a, b+n)}{B(a,b)} \frac{\Gamma(r+n)}{\Gamma(r)\,n!}
              \Big(\frac{\alpha}{\alpha+t}\Big)^r \Big(\frac{t}{\alpha+t}\Big)^n
              + \delta_{n>0}\frac{B(a+1, b+n-1)}{B(a,b)}\Big[1 - \Big(\frac{\alpha}{\alpha+t}\Big)^r
              \sum_{j=0}^{n-1}\frac{\Gamma(r+j)}{\Gamma(r)\,j!}\Big(\frac{t}{\alpha+t}\Big)^j\Big]

        >>> m = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> m.prob_purchases([0, 1, 2], 39).round(3)
        array([0.574, 0.199, 0.085])
        """
        r, alpha, a, b = self._params()
        n_arr = np.asarray(as_float_array(n, "n"))
        if np.any(n_arr < 0) or np.any(n_arr != np.round(n_arr)):
            raise ValueError("n must hold whole numbers >= 0 (numbers of repeat purchases)")
        t_val = float(check_nonnegative(t, "t")) if np.ndim(t) == 0 else None
        if t_val is None:
            raise TypeError("t must be a single number (one horizon) in prob_purchases")
        log_p0 = r * np.log(alpha / (alpha + t_val)) if t_val > 0 else 0.0
        log_q = np.log(t_val / (alpha + t_val)) if t_val > 0 else -np.inf
        log_nb = (special.gammaln(r + n_arr) - special.gammaln(r) - special.gammaln(n_arr + 1)
                  + log_p0 + np.where(n_arr > 0, n_arr * log_q, 0.0))
        first = np.exp(log_beta_ratio(a, b + n_arr, a, b) + log_nb)
        # P(NBD >= n) = 1 - sum_{j<n} P_NB(j) = I_{t/(alpha+t)}(n, r), without the cancellation
        # of 1 - cdf
        tail = (special.betainc(np.maximum(n_arr, 1), r, t_val / (alpha + t_val))
                if t_val > 0 else np.zeros(n_arr.shape))
        b_shift = np.where(n_arr > 0, b + n_arr - 1, 1.0)
        second = np.where(n_arr > 0, np.exp(log_beta_ratio(a + 1, b_shift, a, b)) * tail, 0.0)
        return np.atleast_1d(first + second)


def _prob_alive(r, alpha, a, b, x, t_x, big_t) -> np.ndarray:
    # log odds of 'dropped out at t_x': log(a/(b+x-1)) + (r+x) log1p((T-t_x)/(alpha+t_x)),
    # built in one buffer (a million customers: each temporary costs a few milliseconds)
    repeat = x > 0
    log_odds = np.subtract(big_t, t_x, dtype=float)
    log_odds /= alpha + t_x
    np.log1p(log_odds, out=log_odds)
    log_odds *= r + x
    log_odds += np.log(a / np.where(repeat, b + x - 1, 1.0))
    alive = special.expit(np.negative(log_odds, out=log_odds), out=log_odds)
    alive[~repeat] = 1.0
    return alive


def _expected_while_alive(r, alpha, a, b, x, big_t, t) -> np.ndarray:
    r"""Expected purchases in ``(T, T+t]`` of a customer alive at ``T`` with ``x`` repeat
    purchases (the numerator of eq. 10; ``x = T = 0`` gives eq. 7),

    .. math::
        \frac{C}{a-1}\Big[1 - (1-z)^{r+x}\,{}_2F_1(r+x, b+x; C; z)\Big], \quad
        C = a+b+x-1,\ z = \frac{t}{\alpha+T+t}.

    Euler's transformation ``(1-z)^{r+x} 2F1(r+x, b+x; C; z) = (1-z)^{a-1} 2F1(C-r-x, a-1; C; z)``
    turns the hypergeometric factor, which overflows for heavy buyers, into a bounded one, and
    the bracket over ``a - 1`` becomes ``-L exprel((a-1) L) - (1-z)^{a-1} H`` with
    ``L = log(1-z)`` and ``H = [2F1(C-r-x, a-1; C; z) - 1] / (a-1)``, which
    :func:`~coursekit.models.btyd._hyp2f1_steps.hyp2f1_excess` evaluates without dividing by
    ``a - 1`` (so ``a = 1`` is no special case), once per distinct ``x``. The factor ``C``
    (zero when ``x = 0`` and ``a + b = 1``) is analytic across ``C = 0``, where the value is
    interpolated from well-conditioned neighbours.
    """
    return _numerator(r, alpha, a, a + b - 1, x, big_t, t)


def _numerator(r, alpha, a, c_shift, x, big_t, t) -> np.ndarray:
    """``C [1 - (1-z)^{a-1} 2F1(C-r-x, a-1; C; z)] / (a-1)`` with ``C = x + c_shift``: the
    BG/NBD (``c_shift = a+b-1``) and MBG/NBD (``c_shift = a+b``) numerators."""
    xs, group = distinct_whole(np.asarray(x, dtype=float))
    log_1mz = -np.log1p(t / (alpha + big_t))       # log(1 - z), <= 0
    shape = log_1mz.shape
    log_1mz = np.atleast_1d(log_1mz)
    group = np.broadcast_to(group, log_1mz.shape)
    b_par = a - 1.0
    decay = np.exp(b_par * log_1mz)
    growth = -log_1mz * special.exprel(b_par * log_1mz)

    def times_c(c_groups, rows=slice(None)):
        excess = hyp2f1_excess(c_groups - r - xs, b_par, c_groups, group[rows], log_1mz[rows])
        return c_groups[group[rows]] * (growth[rows] - decay[rows] * excess)

    c_groups = xs + c_shift
    near = np.abs(c_groups) < _C_BAND      # only x = 0 with a + b - 1 near 0 (BG/NBD)
    out = times_c(np.where(near, 3 * _C_BAND, c_groups))
    if near.any():
        rows = near[group]
        value = across_singularity(
            lambda c0: times_c(np.where(near, float(c0), c_groups), rows), float(c_groups[near][0]),
            0.0, _C_BAND)
        out[rows] = value
    return np.maximum(out, 0.0).reshape(shape)


_C_BAND = 0.02
