"""Pareto/NBD: the original "counting your customers" model.

Not from the textbook. Schmittlein, D. C., Morrison, D. G. and Colombo, R. (1987), "Counting your
customers: who are they and what will they do next?", *Management Science* 33(1), 1-24; the
likelihood and its hypergeometric form follow Fader, P. S. and Hardie, B. G. S. (2005), "A note
on deriving the Pareto/NBD model and related expressions" and Fader, Hardie and Lee (2005),
*Marketing Science* 24(2), 275-284.

While alive, a customer buys as a Poisson process with rate ``lambda ~ Gamma(r, alpha)``; her
lifetime is exponential with rate ``mu ~ Gamma(s, beta)``, independent of purchasing.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from coursekit._validate import check_nonnegative
from coursekit.models.btyd._base import (BTYDModel, check_rfm, check_weights, compress_rows,
                                         history_problems)
from coursekit.models.btyd._pareto_likelihood import (ParetoData, pareto_data, pareto_loglik,
                                                      pareto_loglik_grad, pareto_prob_alive)

__all__ = ["ParetoNBD"]


class ParetoNBD(BTYDModel):
    r"""The Pareto/NBD model (parameters ``r, alpha, s, beta``).

    Not from the textbook: Schmittlein, Morrison and Colombo (1987); likelihood as in Fader and
    Hardie (2005), "A note on deriving the Pareto/NBD model":

    .. math::
        L = \frac{\Gamma(r+x)\alpha^r\beta^s}{\Gamma(r)}\Big[
            \frac{1}{(\alpha+T)^{r+x}(\beta+T)^s} + \frac{s}{r+s+x}A_0\Big]

    with :math:`A_0` a difference of two Gauss hypergeometric terms, computed here in log space.
    The fit maximises it with its analytic gradient (:mod:`._pareto_likelihood`).

    >>> m = ParetoNBD.from_params(r=0.553, alpha=10.578, s=0.606, beta=11.669)
    >>> round(float(m.expected_purchases(39)), 3)
    1.213
    """

    param_names = ("r", "alpha", "s", "beta")

    def fit(self, frequency: Any, recency: Any, T: Any, weights: Any = None, *,
            n_starts: int = 1, random_state: int | None = 0) -> "ParetoNBD":
        """Maximum-likelihood fit; returns ``self`` with ``params_`` and ``log_likelihood_``.

        ``weights`` are frequency weights (row ``i`` stands for ``weights[i]`` customers);
        identical histories are collapsed automatically and time is rescaled internally to a
        mean ``T`` of 1. ``n_starts`` and the identification checks behave as in
        :meth:`BGNBD.fit`.
        """
        x, t_x, big_t = check_rfm(frequency, recency, T)
        w, x, t_x, big_t = compress_rows(check_weights(weights, len(x)), x, t_x, big_t)
        unit = float(np.average(big_t, weights=w))
        t_x, big_t = t_x / unit, big_t / unit

        def likelihoods(data: ParetoData):
            return (lambda p: pareto_loglik(p, data)), (lambda p: pareto_loglik_grad(p, data))

        loglik, loglik_grad = likelihoods(pareto_data(x, t_x, big_t, w))
        self._maximise(loglik, w, x0=np.ones(4), loglik_grad=loglik_grad,
                       n_starts=n_starts, random_state=random_state,
                       scale=np.array([1.0, unit, 1.0, unit]),
                       ll_offset=-float(w @ x) * np.log(unit),
                       problems=history_problems(
                           w, x, 4, "the purchase rate (r, alpha) and the dropout rate "
                           "(s, beta) cannot be told apart"),
                       subset=lambda rows, sub_w: likelihoods(
                           pareto_data(x[rows], t_x[rows], big_t[rows], sub_w)))
        return self

    def log_likelihood(self, frequency: Any, recency: Any, T: Any) -> np.ndarray:
        """Per-customer log-likelihood ``log L(r, alpha, s, beta | x, t_x, T)``."""
        x, t_x, big_t = check_rfm(frequency, recency, T)
        return pareto_loglik(self._params(), pareto_data(x, t_x, big_t))

    def expected_purchases(self, t: Any) -> float | np.ndarray:
        r"""Expected repeat purchases of a new customer in ``(0, t]``:

        .. math::
            E[X(t)] = \frac{r\beta}{\alpha(s-1)}\Big[1 - \Big(\frac{\beta}{\beta+t}\Big)^{s-1}\Big]

        (for ``s = 1`` the limit :math:`\frac{r\beta}{\alpha}\log(1 + t/\beta)` is used).

        >>> m = ParetoNBD.from_params(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> m.expected_purchases([0, 78]).round(3)
        array([0.   , 1.909])
        """
        r, alpha, s, beta = self._params()
        t_arr = np.asarray(check_nonnegative(t, "t"), dtype=float)
        out = r * beta / alpha * _growth(s, beta, t_arr)
        return float(out) if np.ndim(t) == 0 else out

    def prob_alive(self, frequency: Any, recency: Any, T: Any) -> np.ndarray:
        r"""P(alive at ``T`` | ``x, t_x, T``):

        .. math::
            P(\text{alive}) = \Big[1 + \frac{s}{r+s+x}(\alpha+T)^{r+x}(\beta+T)^s A_0\Big]^{-1}

        >>> m = ParetoNBD.from_params(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> m.prob_alive([0, 2, 2], [0, 30.43, 5.0], [38.86, 38.86, 38.86]).round(3)
        array([0.295, 0.869, 0.13 ])
        """
        r, alpha, s, beta = self._params()
        x, t_x, big_t = check_rfm(frequency, recency, T)
        return pareto_prob_alive((r, alpha, s, beta), x, t_x, big_t)

    def conditional_expected_purchases(self, t: Any, frequency: Any, recency: Any,
                                       T: Any) -> np.ndarray:
        r"""Expected repeat purchases in ``(T, T + t]`` given the history ``(x, t_x, T)``:

        .. math::
            E[Y(t)\mid x,t_x,T] = \frac{(r+x)(\beta+T)}{(\alpha+T)(s-1)}
              \Big[1 - \Big(\frac{\beta+T}{\beta+T+t}\Big)^{s-1}\Big]\,P(\text{alive})

        ``t`` may broadcast against the customers (e.g. shape ``(k, 1)``).

        >>> m = ParetoNBD.from_params(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> m.conditional_expected_purchases(39, 2, 30.43, 38.86).round(3)
        array([1.455])
        """
        r, alpha, s, beta = self._params()
        x, t_x, big_t = check_rfm(frequency, recency, T)
        t_arr = np.asarray(check_nonnegative(t, "t"), dtype=float)
        rate = (r + x) / (alpha + big_t)
        return (rate * (beta + big_t) * _growth(s, beta + big_t, t_arr)
                * pareto_prob_alive((r, alpha, s, beta), x, t_x, big_t))


def _growth(s: float, beta, t) -> np.ndarray:
    """``[1 - (beta/(beta+t))^(s-1)] / (s-1)``, the expected lifetime-weighted exposure."""
    log_ratio = -np.log1p(t / beta)
    return -log_ratio * special.exprel((s - 1.0) * log_ratio)
