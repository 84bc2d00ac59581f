"""Shifted-beta-geometric (sBG) model of contractual retention.

Not from the textbook. Fader, P. S. and Hardie, B. G. S. (2007), "How to project customer
retention", *Journal of Interactive Marketing* 21(1), 76-90; Fader and Hardie (2010),
"Customer-base valuation in a contractual setting: the perils of ignoring heterogeneity",
*Marketing Science* 29(1), 85-93.

Each customer renews at the end of every period with her own probability ``1 - theta``;
``theta ~ Beta(alpha, beta)`` across customers. Heterogeneity makes the *aggregate* retention
rate rise over time (the weak leave first), which a constant-retention CLV formula ignores.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from coursekit._validate import check_integer, check_number
from coursekit.models.btyd._base import BTYDModel, _check_counts
from coursekit.models.btyd._special import log_beta_ratio, log_hyp2f1_one

__all__ = ["ShiftedBetaGeometric"]

_MIN_RATE = 1e-9  # the continued fraction of log_hyp2f1_one converges for 1 - w >= 1e-9


def _check_survivors(survivors: Any) -> np.ndarray:
    s = _check_counts(survivors, "survivors", "customers still active")
    if len(s) < 2:
        raise ValueError("survivors must be a 1-d sequence of at least 2 counts "
                         "(the cohort size first, then the customers still active each period)")
    if s[0] <= 0:
        raise ValueError("survivors must start with the cohort size (> 0)")
    if np.any(np.diff(s) > 0):
        raise ValueError("survivors must not increase (a cohort only loses customers)")
    return s


def _loglik_terms(params: np.ndarray, n_periods: int) -> tuple[np.ndarray, float]:
    alpha, beta = params
    t = np.arange(1, n_periods + 1)
    # P(T = t) = B(alpha+1, beta+t-1)/B(alpha, beta);  S(t) = B(alpha, beta+t)/B(alpha, beta)
    log_pmf = log_beta_ratio(alpha + 1, beta + t - 1, alpha, beta)
    log_surv_end = float(log_beta_ratio(alpha, beta + n_periods, alpha, beta))
    return log_pmf, log_surv_end


class ShiftedBetaGeometric(BTYDModel):
    r"""sBG retention model (parameters ``alpha, beta``).

    Not from the textbook: Fader and Hardie (2007), "How to project customer retention".

    .. math::
        P(T=t) = \frac{B(\alpha+1, \beta+t-1)}{B(\alpha,\beta)}, \quad
        S(t) = \frac{B(\alpha, \beta+t)}{B(\alpha,\beta)}, \quad
        r_t = \frac{\beta+t-1}{\alpha+\beta+t-1}

    The cohort log-likelihood is :math:`\sum_{t=1}^{n} (s_{t-1}-s_t)\log P(T=t) + s_n \log S(n)`
    for survivor counts :math:`s_0, \dots, s_n`.

    >>> m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    >>> (1000 * m.survival([0, 1, 2, 7])).round(0)
    array([1000.,  627.,  474.,  239.])
    >>> m.retention_rate([1, 2]).round(3)
    array([0.627, 0.756])
    """

    param_names = ("alpha", "beta")

    def fit(self, survivors: Any, *, n_starts: int = 1,
            random_state: int | None = 0) -> "ShiftedBetaGeometric":
        """Fit to one cohort's counts of active customers; ``survivors[0]`` is the cohort size.

        >>> regular = [1000, 631, 468, 382, 326, 289, 262, 241]
        >>> ShiftedBetaGeometric().fit(regular).params_.round(3).tolist()
        [0.704, 1.182]
        """
        s = _check_survivors(survivors)
        churned = -np.diff(s)
        n = len(s) - 1

        def loglik(params: np.ndarray) -> np.ndarray:
            log_pmf, log_surv_end = _loglik_terms(params, n)
            return np.array([churned @ log_pmf + s[-1] * log_surv_end])

        problems = []
        if n == 1:
            problems.append("a cohort observed for one period shows a single retention rate: "
                            "alpha and beta cannot be told apart")
        if s[-1] == s[0]:
            problems.append("nobody in the cohort churned: the churn probability cannot be "
                            "estimated")
        self._maximise(loglik, np.ones(1), problems=problems, n_starts=n_starts,
                       random_state=random_state)
        return self

    def survival(self, t: Any) -> float | np.ndarray:
        """Share of the cohort still active after ``t`` periods, ``S(t)``."""
        alpha, beta = self._params()
        t_arr = np.asarray(check_number(t, "t", low=0), dtype=float)
        out = np.exp(log_beta_ratio(alpha, beta + t_arr, alpha, beta))
        return float(out) if np.ndim(t) == 0 else out

    def retention_rate(self, t: Any) -> float | np.ndarray:
        """Share of the customers active at ``t - 1`` who renew at ``t`` (``t >= 1``), which
        rises with ``t``: ``r_t = (beta + t - 1) / (alpha + beta + t - 1)``."""
        alpha, beta = self._params()
        t_arr = np.asarray(check_number(t, "t", low=1), dtype=float)
        out = (beta + t_arr - 1) / (alpha + beta + t_arr - 1)
        return float(out) if np.ndim(t) == 0 else out

    def expected_residual_lifetime(self, discount_rate: float, n: int = 0) -> float:
        r"""Discounted expected residual lifetime (DERL) of a customer who has renewed ``n``
        times, counted in future renewals: the sum over ``t > n`` of
        :math:`S(t)/S(n)\,(1+d)^{-(t-n-1)}`. This is the DERL of Fader and Hardie (2010), whose
        customer "has made :math:`n-1` renewals" is our ``n``; the closed form (checked against
        the brute-force sum in the tests) is

        .. math::
            \text{DERL}(d \mid n) = \frac{\beta+n}{\alpha+\beta+n}\;
                {}_2F_1\Big(1, \beta+n+1; \alpha+\beta+n+1; \frac{1}{1+d}\Big)

        Multiply by the margin per period to value an existing customer who is about to make
        renewal ``n + 1`` (the next payment is not discounted).

        >>> m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
        >>> new = m.expected_residual_lifetime(0.1, n=0)
        >>> loyal = m.expected_residual_lifetime(0.1, n=4)
        >>> round(new, 3), round(loyal, 3)
        (2.965, 5.894)
        """
        alpha, beta = self._params()
        d = check_number(discount_rate, "discount_rate", low=0, low_open=True)
        if d < _MIN_RATE:
            raise ValueError(f"discount_rate must be >= {_MIN_RATE:g} per period; got {d:g} "
                             "(at a rate this close to 0 the discounted lifetime is practically "
                             "infinite for alpha <= 1)")
        n = check_integer(n, "n", low=0)
        # log 2F1(1, b; c; w) with Gauss's continued fraction near w = 1: scipy's hyp2f1
        # returns NaN here for many renewals n or a large alpha (e.g. n = 10^6, d = 1e-4)
        log_series = log_hyp2f1_one(beta + n + 1.0, alpha + beta + n + 1.0, 1.0 / (1.0 + d))
        return float(np.exp(np.log(beta + n) - np.log(alpha + beta + n) + log_series))
