"""MBG/NBD: the modified beta-geometric / NBD model (no P(alive) = 1 for one-time buyers).

Not from the textbook. Batislam, E. P., Denizel, M. and Filiztekin, A. (2007), "Empirical
validation and comparison of models for customer base analysis", *International Journal of
Research in Marketing* 24(3), 201-209.

The BG/NBD lets a customer drop out only *after a repeat purchase*, so a customer who never
bought again (``x = 0``) is certainly alive: P(alive) = 1 whatever ``T`` - an artefact. The
MBG/NBD also lets her drop out at time 0, right after the first purchase, with the same
probability ``p ~ Beta(a, b)``. Given ``lambda`` and ``p`` the likelihood of ``(x, t_x, T)`` is

.. math::
    L(\\lambda, p) = \\lambda^x (1-p)^x \\big[(1-p)\\,e^{-\\lambda T} + p\\,e^{-\\lambda t_x}\\big]

(alive through ``T``, or dropped out at the ``x``-th purchase, ``x = 0`` included), and mixing
over ``lambda ~ Gamma(r, alpha)`` and ``p ~ Beta(a, b)`` gives the closed forms below.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from coursekit._validate import as_float_array, check_nonnegative
from coursekit.models.btyd._base import BTYDModel, check_rfm, check_weights, compress_rows
from coursekit.models.btyd.bgnbd import _numerator

__all__ = ["ModifiedBGNBD"]


def _loglik(params: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    r"""``log L = log[Gamma(r+x) alpha^r / Gamma(r)] + log[B(a, b+x+1)/B(a, b)]
    - (r+x) log(alpha+T) + log[1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)]``."""
    r, alpha, a, b = params
    xs, idx = np.unique(x, return_inverse=True)
    per_x = (special.gammaln(r + xs) - special.gammaln(r)
             + special.betaln(a, b + xs + 1) - special.betaln(a, b))
    odds = np.log(a) - np.log(b + x) + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
    return per_x[idx] + r * np.log(alpha) - (r + x) * np.log(alpha + T) + np.logaddexp(0.0, odds)


def _loglik_grad(params: np.ndarray, x: np.ndarray, t_x: np.ndarray,
                 T: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-customer log-likelihood and its gradient in ``(r, alpha, a, b)``."""
    r, alpha, a, b = params
    psi = special.digamma
    log_at, log_atx = np.log(alpha + T), np.log(alpha + t_x)
    odds = np.log(a) - np.log(b + x) + (r + x) * (log_at - log_atx)
    w = special.expit(odds)            # share of the "dropped out at t_x" term
    ll = _loglik(params, x, t_x, T)
    d_r = psi(r + x) - psi(r) + np.log(alpha) - log_at + w * (log_at - log_atx)
    d_alpha = r / alpha - (r + x) / (alpha + T) + w * (r + x) * (1 / (alpha + T)
                                                                 - 1 / (alpha + t_x))
    d_a = psi(a + b) - psi(a + b + x + 1) + w / a
    d_b = psi(b + x + 1) - psi(b) + psi(a + b) - psi(a + b + x + 1) - w / (b + x)
    return ll, np.column_stack([d_r, d_alpha, d_a, d_b])


def _prob_alive(r, alpha, a, b, x, t_x, big_t) -> np.ndarray:
    log_odds = np.log(a) - np.log(b + x) + (r + x) * (np.log(alpha + big_t)
                                                      - np.log(alpha + t_x))
    return special.expit(-log_odds)


class ModifiedBGNBD(BTYDModel):
    r"""The MBG/NBD model of Batislam, Denizel and Filiztekin (2007) (parameters
    ``r, alpha, a, b``, as in :class:`BGNBD`). Not from the textbook.

    .. math::
        L = \frac{B(a, b+x+1)}{B(a, b)}\frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)(\alpha+T)^{r+x}}
            + \frac{B(a+1, b+x)}{B(a, b)}\frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)(\alpha+t_x)^{r+x}}

    with the second term present for ``x = 0`` too (dropping out right after the first
    purchase). Evaluated in log space.

    >>> m = ModifiedBGNBD.from_params(r=0.525, alpha=6.183, a=0.891, b=1.614)
    >>> m.prob_alive([0, 2], [0.0, 30.43], [38.86, 38.86]).round(3)   # x = 0 is no longer 1
    array([0.39 , 0.706])
    """

    param_names = ("r", "alpha", "a", "b")

    def fit(self, frequency: Any, recency: Any, T: Any, weights: Any = None) -> "ModifiedBGNBD":
        """Maximum-likelihood fit on identical rows collapsed with frequency ``weights``."""
        x, t_x, big_t = check_rfm(frequency, recency, T)
        w, x, t_x, big_t = compress_rows(check_weights(weights, len(x)), x, t_x, big_t)
        start = np.array([1.0, float(np.mean(big_t)), 1.0, 1.0])
        def weighted_grad(params: np.ndarray) -> tuple[float, np.ndarray]:
            # _maximise takes the weighted totals (the sum over customers) and their gradient
            ll, grad = _loglik_grad(params, x, t_x, big_t)
            return float(np.einsum("i,i->", w, ll)), np.einsum("i,ij->j", w, grad)

        self._maximise(lambda p: _loglik(p, x, t_x, big_t), w, x0=start,
                       loglik_grad=weighted_grad)
        return self

    def log_likelihood(self, frequency: Any, recency: Any, T: Any) -> np.ndarray:
        """Per-customer log-likelihood ``log L(r, alpha, a, b | x, t_x, T)``."""
        x, t_x, big_t = check_rfm(frequency, recency, T)
        return _loglik(np.array(self._params()), x, t_x, big_t)

    def expected_purchases(self, t: Any) -> float | np.ndarray:
        r"""Expected repeat purchases of a new customer in ``(0, t]``:

        .. math::
            E[X(t)] = \frac{b}{a-1}\Big[1 - \Big(\frac{\alpha}{\alpha+t}\Big)^r
                      {}_2F_1\big(r, b+1; a+b; \tfrac{t}{\alpha+t}\big)\Big]

        >>> m = ModifiedBGNBD.from_params(r=0.525, alpha=6.183, a=0.891, b=1.614)
        >>> round(float(m.expected_purchases(39)), 3)
        1.183
        """
        r, alpha, a, b = self._params()
        t_arr = np.asarray(check_nonnegative(t, "t"), dtype=float)
        # x = T = 0: (a+b)/(a-1) [1 - (1-z)^{a-1} 2F1(a+b-r, a-1; a+b; z)] = (a+b)/b E[X(t)]
        out = b / (a + b) * _numerator(r, alpha, a, a + b, 0.0, 0.0, t_arr)
        return float(out) if np.ndim(t) == 0 else out

    def prob_alive(self, frequency: Any, recency: Any, T: Any) -> np.ndarray:
        r"""P(alive at ``T`` | ``x, t_x, T``), below 1 also for ``x = 0``:

        .. math::
            P(\text{alive}) = \Big[1 + \frac{a}{b+x}
                              \Big(\frac{\alpha+T}{\alpha+t_x}\Big)^{r+x}\Big]^{-1}
        """
        r, alpha, a, b = self._params()
        x, t_x, big_t = check_rfm(frequency, recency, T)
        return _prob_alive(r, alpha, a, b, x, t_x, big_t)

    def conditional_expected_purchases(self, t: Any, frequency: Any, recency: Any,
                                       T: Any) -> np.ndarray:
        r"""Expected repeat purchases in ``(T, T + t]`` given ``(x, t_x, T)``:

        .. math::
            E[Y(t)\mid x, t_x, T] = \frac{a+b+x}{a-1}\Big[1 -
              \Big(\frac{\alpha+T}{\alpha+T+t}\Big)^{r+x}
              {}_2F_1\big(r+x, b+x+1; a+b+x; \tfrac{t}{\alpha+T+t}\big)\Big]\,P(\text{alive})

        (an alive customer's ``p`` has the posterior ``Beta(a, b+x+1)``; from then on she
        behaves as a BG/NBD customer). ``t`` may broadcast against the customers.

        >>> m = ModifiedBGNBD.from_params(r=0.525, alpha=6.183, a=0.891, b=1.614)
        >>> m.conditional_expected_purchases(39, [0, 2], [0.0, 30.43], [38.86, 38.86]).round(3)
        array([0.154, 1.263])
        """
        r, alpha, a, b = self._params()
        x, t_x, big_t = check_rfm(frequency, recency, T)
        t_arr = np.asarray(check_nonnegative(t, "t"), dtype=float)
        # the numerator is the BG/NBD one with C = a + b + x (Euler-transformed, once per x)
        numer = _numerator(r, alpha, a, a + b, x, big_t, t_arr)
        return numer * _prob_alive(r, alpha, a, b, x, t_x, big_t)

    def prob_purchases(self, n: Any, t: Any) -> np.ndarray:
        r"""``P(X(t) = n)`` for a new customer:

        .. math::
            P(X(t)=n) = \frac{B(a, b+n+1)}{B(a,b)}\,\mathrm{NB}(n; r, \alpha, t)
              + \frac{B(a+1, b+n)}{B(a,b)}\Big[1 - \sum_{j=0}^{n-1}\mathrm{NB}(j; r, \alpha, t)\Big]

        with the NBD probabilities
        :math:`\mathrm{NB}(j) = \frac{\Gamma(r+j)}{\Gamma(r)j!}(\frac{\alpha}{\alpha+t})^r
        (\frac{t}{\alpha+t})^j`: alive throughout with ``n`` purchases, or dropped out at the
        ``n``-th purchase (``n = 0``: at time 0), which came before ``t``.

        >>> m = ModifiedBGNBD.from_params(r=0.525, alpha=6.183, a=0.891, b=1.614)
        >>> float(m.prob_purchases(np.arange(400), 39).sum().round(6))
        1.0
        """
        r, alpha, a, b = self._params()
        n_arr = np.atleast_1d(np.asarray(as_float_array(n, "n")))
        if np.any(n_arr < 0) or np.any(n_arr != np.round(n_arr)):
            raise ValueError("n must hold whole numbers >= 0 (numbers of repeat purchases)")
        if np.ndim(t) != 0:
            raise TypeError("t must be a single number (one horizon) in prob_purchases")
        t_val = float(check_nonnegative(t, "t"))
        if t_val == 0:
            return (n_arr == 0).astype(float)
        q = alpha / (alpha + t_val)
        log_rest = np.log(t_val) - np.log(alpha + t_val)    # log(1 - q), exact for tiny t
        log_nb = (special.gammaln(r + n_arr) - special.gammaln(r) - special.gammaln(n_arr + 1)
                  + r * (np.log(alpha) - np.log(alpha + t_val))
                  + np.where(n_arr > 0, n_arr * log_rest, 0.0))
        # P(NB >= n) = 1 - P(NB <= n-1) = 1 - I_q(r, n); 1 for n = 0
        at_least = np.where(n_arr > 0, 1.0 - special.betainc(r, np.maximum(n_arr, 1), q), 1.0)
        alive = np.exp(special.betaln(a, b + n_arr + 1) - special.betaln(a, b) + log_nb)
        dropped = np.exp(special.betaln(a + 1, b + n_arr) - special.betaln(a, b)) * at_least
        return alive + dropped
