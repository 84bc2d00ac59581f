"""BG/BB: the beta-geometric / beta-Bernoulli model for discrete transaction opportunities.

Not from the textbook. Fader, P. S., Hardie, B. G. S. and Shang, J. (2010), "Customer-base
analysis in a discrete-time noncontractual setting", *Marketing Science* 29(6), 1086-1108.
Equation numbers refer to that paper.

At each of ``n`` opportunities (e.g. a yearly fund-raising drive) an alive customer transacts
with probability ``p ~ Beta(alpha, beta)``; before each opportunity she may die with probability
``theta ~ Beta(gamma, delta)``. A customer is summarised by ``x`` (number of transactions),
``t_x`` (the opportunity of the last one, 0 if none) and ``n``.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from coursekit._validate import check_integer
from coursekit.models.btyd._base import BTYDModel, _check_counts, check_weights, compress_rows
from coursekit.models.btyd._distinct import distinct_whole_rows
from coursekit.models.btyd._special import gammaln_slope, log_beta_ratio

__all__ = ["BetaGeoBetaBinomial"]


def check_discrete(frequency: Any, recency: Any, n_periods: Any):
    """``0 <= x <= t_x <= n`` with ``t_x = 0`` exactly when ``x = 0``."""
    x = _check_counts(frequency, "frequency", "transactions")
    t_x = _check_counts(recency, "recency", "the opportunity of the last transaction")
    n = _check_counts(n_periods, "n_periods", "transaction opportunities")
    if n.size == 1 and x.size > 1:
        n = np.full(x.shape, n[0])
    if not (x.shape == t_x.shape == n.shape):
        raise ValueError("frequency, recency and n_periods must have the same length")
    if np.any(n < 1):
        raise ValueError("n_periods must be >= 1 (number of transaction opportunities)")
    if np.any(t_x > n):
        raise ValueError("recency must be <= n_periods (the last transaction happened at one of "
                         "the opportunities)")
    if np.any(x > t_x):
        raise ValueError("frequency must be <= recency (at most one transaction per "
                         "opportunity, so x transactions need at least x opportunities)")
    if np.any((x == 0) != (t_x == 0)):
        raise ValueError("recency must be 0 exactly when frequency is 0")
    return x, t_x, n


def _log_parts(params, x, t_x, n):
    """log of the 'alive through n' term and of the full likelihood (eq. 5)."""
    alpha, beta, gamma, delta = params
    log_alive = (log_beta_ratio(alpha + x, beta + n - x, alpha, beta)
                 + log_beta_ratio(gamma, delta + n, gamma, delta))
    k = int(np.max(n - t_x))
    if k == 0:
        return log_alive, log_alive
    i = np.arange(k)[None, :]
    valid = i < (n - t_x)[:, None]
    ii = np.where(valid, i, 0)
    terms = (log_beta_ratio(alpha + x[:, None], beta + t_x[:, None] - x[:, None] + ii, alpha, beta)
             + log_beta_ratio(gamma + 1, delta + t_x[:, None] + ii, gamma, delta))
    terms = np.where(valid, terms, -np.inf)
    log_dead = special.logsumexp(terms, axis=1)
    return log_alive, np.logaddexp(log_alive, log_dead)


def _log_choose(top, k):
    """``log C(top, k)`` with ``gammaln``."""
    return special.gammaln(top + 1) - special.gammaln(k + 1) - special.gammaln(top - k + 1)


class BetaGeoBetaBinomial(BTYDModel):
    r"""BG/BB model (parameters ``alpha, beta, gamma, delta``).

    Not from the textbook: Fader, Hardie and Shang (2010). The likelihood (eq. 5) is

    .. math::
        L = \frac{B(\alpha+x, \beta+n-x)}{B(\alpha,\beta)}
            \frac{B(\gamma, \delta+n)}{B(\gamma,\delta)}
          + \sum_{i=0}^{n-t_x-1} \frac{B(\alpha+x, \beta+t_x-x+i)}{B(\alpha,\beta)}
            \frac{B(\gamma+1, \delta+t_x+i)}{B(\gamma,\delta)}

    evaluated with ``betaln`` and ``logsumexp``.

    >>> m = BetaGeoBetaBinomial.from_params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    >>> m.prob_alive([0, 3, 3, 6], [0, 3, 6, 6], 6).round(3)
    array([0.108, 0.095, 0.93 , 0.93 ])
    """

    param_names = ("alpha", "beta", "gamma", "delta")

    def fit(self, frequency: Any, recency: Any, n_periods: Any,
            weights: Any = None, *, n_starts: int = 1,
            random_state: int | None = 0) -> "BetaGeoBetaBinomial":
        """Maximum-likelihood fit; ``weights`` count the customers sharing each ``(x, t_x, n)``
        pattern (the donations data come as 22 weighted patterns); identical patterns in raw
        data are collapsed into such weights automatically. ``n_starts`` and the
        identification checks behave as in :meth:`BGNBD.fit`."""
        x, t_x, n = check_discrete(frequency, recency, n_periods)
        w, x, t_x, n = compress_rows(check_weights(weights, len(x)), x, t_x, n)
        problems = []
        if not np.any(x[w > 0] > 0):
            problems.append("no customer transacted: the transaction probability (alpha, beta) "
                            "and the dropout (gamma, delta) cannot be estimated")
        if int(np.sum(w > 0)) == 1:
            problems.append("all customers have the same history (x, t_x, n): one pattern "
                            "cannot show how customers differ")
        self._maximise(lambda p: _log_parts(p, x, t_x, n)[1], w, problems=problems,
                       n_starts=n_starts, random_state=random_state)
        return self

    def log_likelihood(self, frequency: Any, recency: Any, n_periods: Any) -> np.ndarray:
        """Per-customer log-likelihood (eq. 5)."""
        x, t_x, n = check_discrete(frequency, recency, n_periods)
        return _log_parts(np.array(self._params()), x, t_x, n)[1]

    def prob_alive(self, frequency: Any, recency: Any, n_periods: Any) -> np.ndarray:
        r"""P(alive at opportunity ``n + 1`` | ``x, t_x, n``) (eq. 11), computed once per
        distinct pattern ``(x, t_x, n)``:

        .. math::
            \frac{B(\alpha+x, \beta+n-x)}{B(\alpha,\beta)}
            \frac{B(\gamma, \delta+n+1)}{B(\gamma,\delta)} \Big/ L
        """
        params = np.array(self._params())
        (x, t_x, n), rows = distinct_whole_rows(*check_discrete(frequency, recency, n_periods))
        log_alive, log_l = _log_parts(params, x, t_x, n)
        gamma, delta = params[2], params[3]
        step = special.betaln(gamma, delta + n + 1) - special.betaln(gamma, delta + n)
        return np.exp(log_alive + step - log_l)[rows]

    def expected_purchases(self, n: Any) -> float | np.ndarray:
        r"""Expected transactions of a new customer in the first ``n`` opportunities (eq. 7):

        .. math::
            E[X(n)] = \frac{\alpha}{\alpha+\beta}\frac{\delta}{\gamma-1}\Big[1 -
              \frac{\Gamma(\gamma+\delta)}{\Gamma(\gamma+\delta+n)}
              \frac{\Gamma(1+\delta+n)}{\Gamma(1+\delta)}\Big]

        >>> m = BetaGeoBetaBinomial.from_params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> round(float(m.expected_purchases(6)), 3)
        2.22
        """
        alpha, beta, gamma, delta = self._params()
        n_arr = _check_counts(n, "n", "transaction opportunities")
        # log_ratio = (gamma - 1) * slope: the bracket over (gamma - 1) has no 0/0 at gamma = 1
        eps = gamma - 1.0
        slope = gammaln_slope(1 + delta, eps) - gammaln_slope(1 + delta + n_arr, eps)
        out = alpha / (alpha + beta) * delta * (-slope) * special.exprel(eps * slope)
        return float(out[0]) if np.ndim(n) == 0 else out

    def prob_purchases(self, n: Any, n_periods: Any) -> np.ndarray:
        r"""``P(X(m) = n)``: probability that a new customer transacts at exactly ``n`` of the
        first ``m`` = ``n_periods`` opportunities (eq. 8):

        .. math::
            \binom{m}{n}\frac{B(\alpha+n, \beta+m-n)}{B(\alpha,\beta)}
            \frac{B(\gamma, \delta+m)}{B(\gamma,\delta)}
            + \sum_{i=n}^{m-1}\binom{i}{n}\frac{B(\alpha+n, \beta+i-n)}{B(\alpha,\beta)}
            \frac{B(\gamma+1, \delta+i)}{B(\gamma,\delta)}

        (alive through all ``m``, or dead after ``i`` opportunities), in log space.

        >>> m = BetaGeoBetaBinomial.from_params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> p = m.prob_purchases(np.arange(7), 6)
        >>> p.round(3), round(float(p.sum()), 12)
        (array([0.311, 0.17 , 0.121, 0.1  , 0.092, 0.092, 0.113]), 1.0)
        """
        alpha, beta, gamma, delta = self._params()
        x = _check_counts(n, "n", "numbers of transactions")
        m = check_integer(n_periods, "n_periods", low=0)
        possible = x <= m
        xs = np.where(possible, x, 0.0)
        alive = (_log_choose(m, xs) + log_beta_ratio(alpha + xs, beta + m - xs, alpha, beta)
                 + log_beta_ratio(gamma, delta + m, gamma, delta))
        i = np.arange(m, dtype=float)[None, :]
        valid = i >= xs[:, None]
        ii = np.where(valid, i, xs[:, None])
        dead = np.where(valid, _log_choose(ii, xs[:, None])
                        + log_beta_ratio(alpha + xs[:, None], beta + ii - xs[:, None], alpha,
                                         beta)
                        + log_beta_ratio(gamma + 1, delta + ii, gamma, delta), -np.inf)
        log_p = np.logaddexp(alive, special.logsumexp(dead, axis=1)) if m > 0 else alive
        return np.where(possible, np.exp(log_p), 0.0)

    def conditional_expected_purchases(self, n_future: Any, frequency: Any, recency: Any,
                                       n_periods: Any) -> np.ndarray:
        r"""Expected transactions in the next ``n_future`` opportunities given the history
        (eq. 13):

        .. math::
            \frac{1}{L}\frac{B(\alpha+x+1, \beta+n-x)}{B(\alpha,\beta)}\frac{\delta}{\gamma-1}
            \frac{\Gamma(\gamma+\delta)}{\Gamma(1+\delta)}\Big[
            \frac{\Gamma(1+\delta+n)}{\Gamma(\gamma+\delta+n)}
            - \frac{\Gamma(1+\delta+n+n^*)}{\Gamma(\gamma+\delta+n+n^*)}\Big]
        """
        alpha, beta, gamma, delta = self._params()
        n_star = check_integer(n_future, "n_future", low=0)
        # a customer enters only through her pattern (x, t_x, n): compute once per pattern
        (x, t_x, n), rows = distinct_whole_rows(*check_discrete(frequency, recency, n_periods))
        log_l = _log_parts(np.array([alpha, beta, gamma, delta]), x, t_x, n)[1]
        # (delta/(gamma-1)) [e^A - e^B] with A = (gamma-1) s(n), B = (gamma-1) s(n+n*) and
        # s(m) = slope(1+delta) - slope(1+delta+m): e^A - e^B = e^B (A-B) exprel(A-B), so the
        # factor gamma-1 cancels analytically (no 0/0 at gamma = 1, no cancellation near it)
        eps = gamma - 1.0
        s_now = gammaln_slope(1 + delta, eps) - gammaln_slope(1 + delta + n, eps)
        s_later = gammaln_slope(1 + delta, eps) - gammaln_slope(1 + delta + n + n_star, eps)
        gap = s_now - s_later               # > 0: the slope of log Gamma rises
        log_b = eps * s_later
        return (np.exp(log_beta_ratio(alpha + x + 1, beta + n - x, alpha, beta) - log_l + log_b)
                * delta * gap * special.exprel(eps * gap))[rows]
