"""Gamma-gamma model of spend per transaction.

Not from the textbook. The model originates with Colombo, R. and Jiang, W. (1999), "A stochastic
RFM model", *Journal of Interactive Marketing* 13(3), 2-12; the form and notation used here are
those (verified: the CLVTools documentation cites both for the model) of Fader, P. S.,
Hardie, B. G. S. and Lee, K. L. (2005), "RFM and CLV: using
iso-value curves for customer base analysis", *Journal of Marketing Research* 42(4), 415-430;
Fader and Hardie (2013), "The gamma-gamma model of monetary value".

The value of each transaction of a customer is ``Gamma(p, nu)``; ``nu ~ Gamma(q, gamma)`` across
customers, so the customer's mean spend is ``p / nu`` and the population mean is
``p gamma / (q - 1)``. Spend is assumed independent of the transaction process (check the
correlation of frequency and monetary value before combining it with a BG/NBD model).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from coursekit._validate import as_float_array
from coursekit.models.btyd._base import BTYDModel, _check_counts, check_weights, compress_rows
from coursekit.models.btyd._special import weighted_sum

__all__ = ["GammaGamma", "check_spend"]


def check_spend(frequency: Any, monetary_value: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validate ``frequency`` (repeat purchases, whole, >= 0) and ``monetary_value`` (the mean
    value of those repeat purchases: > 0 when ``frequency > 0`` and 0 when ``frequency == 0``).

    >>> check_spend([1, 0], [0.0, 0.0])
    Traceback (most recent call last):
    ...
    ValueError: monetary_value must be > 0 for customers with frequency > 0; first bad row 0: 0
    """
    x = _check_counts(frequency, "frequency")
    m = np.atleast_1d(as_float_array(monetary_value, "monetary_value"))
    if x.shape != m.shape:
        raise ValueError(
            f"frequency and monetary_value must be 1-d with the same length; got shapes "
            f"{x.shape} and {m.shape}"
        )
    if np.any(m < 0):
        raise ValueError("monetary_value must be >= 0 (average spend per repeat purchase)")
    bad = (x > 0) & (m <= 0)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise ValueError(
            f"monetary_value must be > 0 for customers with frequency > 0; first bad row {i}: "
            f"{m[i]:g}"
        )
    bad = (x == 0) & (m > 0)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise ValueError(
            "monetary_value must be 0 when frequency is 0 (it averages repeat purchases only); "
            f"first bad row {i}: {m[i]:g}"
        )
    return x, m


def _loglik(params: np.ndarray, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    p, q, gamma = params
    px = p * x
    return (special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q)
            + q * np.log(gamma) + px * np.log(x) + (px - 1) * np.log(m)
            - (px + q) * np.log(gamma + m * x))


def _loglik_grad(params: np.ndarray, xs: np.ndarray, idx: np.ndarray, x: np.ndarray,
                 log_m: np.ndarray, mx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row log-likelihood and its gradient in ``(p, q, gamma)``, vectorised: the gamma
    and digamma functions run once per distinct frequency ``xs`` (``x = xs[idx]``)."""
    p, q, gamma = params
    pxs = p * xs
    base_s = special.gammaln(pxs + q) - special.gammaln(pxs) + pxs * np.log(xs)
    psi_sum_s = special.digamma(pxs + q)
    d_p_s = xs * (psi_sum_s - special.digamma(pxs) + np.log(xs))
    px = p * x
    log_gm = np.log(gamma + mx)
    ll = (base_s[idx] - special.gammaln(q) + q * np.log(gamma) + (px - 1) * log_m
          - (px + q) * log_gm)
    d_p = d_p_s[idx] + x * (log_m - log_gm)
    d_q = psi_sum_s[idx] - special.digamma(q) + np.log(gamma) - log_gm
    d_gamma = q / gamma - (px + q) / (gamma + mx)
    return ll, np.column_stack([d_p, d_q, d_gamma])


def _weighted_loglik_grad(params, w, *data) -> tuple[float, np.ndarray]:
    """``sum(w * log f)`` and its gradient (the form the optimiser takes)."""
    ll, grad = _loglik_grad(params, *data)
    return float(weighted_sum(w, ll)), np.einsum("i,ij->j", w, grad)


class GammaGamma(BTYDModel):
    r"""Gamma-gamma spend model (parameters ``p, q, gamma``).

    Not from the textbook: Fader, Hardie and Lee (2005), "RFM and CLV". The density of a
    customer's observed mean spend :math:`\bar z` over :math:`x` transactions is

    .. math::
        f(\bar z \mid x) = \frac{\Gamma(px+q)}{\Gamma(px)\Gamma(q)}
            \frac{\gamma^q\, x^{px}\, \bar z^{px-1}}{(\gamma + x\bar z)^{px+q}}

    and the expected mean spend given the history is the weighted average

    .. math::
        E[M \mid x, \bar z] = \frac{q-1}{px+q-1}\,\frac{p\gamma}{q-1}
                            + \frac{px}{px+q-1}\,\bar z .

    Only customers with ``frequency > 0`` enter the fit (the others carry no spend data).

    >>> m = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    >>> round(m.mean_spend(), 2)
    35.22
    >>> m.conditional_expected_spend([0, 2], [0.0, 22.35]).round(2)
    array([35.22, 24.66])
    """

    param_names = ("p", "q", "gamma")

    def fit(self, frequency: Any, monetary_value: Any, weights: Any = None, *,
            n_starts: int = 1, random_state: int | None = 0) -> "GammaGamma":
        """Maximum-likelihood fit on the customers with at least one repeat purchase.

        Identical ``(x, mean spend)`` rows are collapsed into weights, money is rescaled
        internally to a mean spend of 1 (``gamma`` is mapped back), and the likelihood and
        its analytic gradient are vectorised over the distinct rows. ``n_starts`` and the
        identification checks behave as in :meth:`BGNBD.fit`.
        """
        x, m = check_spend(frequency, monetary_value)
        w = check_weights(weights, len(x))
        keep = (x > 0) & (w > 0)
        if not np.any(keep):
            raise ValueError("frequency must be > 0 for at least one customer to fit spend")
        w, x, m = compress_rows(w[keep], x[keep], m[keep])
        unit = float(np.average(m, weights=w))
        m = m / unit
        xs, idx = np.unique(x, return_inverse=True)
        log_m, mx = np.log(m), m * x
        problems = []
        if len(w) < 3:
            problems.append(f"only {len(w)} distinct customer(s) with repeat purchases: p, q "
                            "and gamma cannot be estimated")
        self._maximise(lambda prm: _loglik(prm, x, m), w, x0=np.ones(3),
                       loglik_grad=lambda prm: _weighted_loglik_grad(prm, w, xs, idx, x, log_m,
                                                                     mx),
                       n_starts=n_starts, random_state=random_state,
                       scale=np.array([1.0, 1.0, unit]), ll_offset=-float(w.sum()) * np.log(unit),
                       problems=problems,
                       subset=lambda rows, sub_w: (
                           lambda prm: _loglik(prm, x[rows], m[rows]),
                           lambda prm, xr=np.unique(x[rows], return_inverse=True):
                           _weighted_loglik_grad(prm, sub_w, xr[0], xr[1], x[rows], log_m[rows],
                                                 mx[rows])))
        return self

    def mean_spend(self) -> float:
        r"""Population mean spend per transaction, :math:`E[M] = p\gamma/(q-1)` (needs ``q > 1``).

        >>> GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44).mean_spend()  # doctest: +ELLIPSIS
        35.218...
        """
        p, q, gamma = self._params()
        if q <= 1:
            raise ValueError(f"the mean spend is infinite because q <= 1 (q = {q:g})")
        return p * gamma / (q - 1)

    def conditional_expected_spend(self, frequency: Any, monetary_value: Any) -> np.ndarray:
        """Expected mean spend per future transaction given ``frequency`` and the observed
        mean ``monetary_value`` (customers with ``frequency == 0`` get the population mean).

        The customer's ``nu`` has the posterior ``Gamma(q + p x, gamma + x m)``, so the
        expectation ``p (gamma + x m) / (p x + q - 1)`` is finite when ``p x + q > 1``: with
        ``q <= 1`` the population mean is infinite, but a customer with enough repeat
        purchases still has a finite expected spend.

        >>> GammaGamma.from_params(p=6.25, q=0.8, gamma=15.44).conditional_expected_spend(
        ...     [2], [22.35]).round(2)
        array([30.56])
        """
        p, q, gamma = self._params()
        x, m = check_spend(frequency, monetary_value)
        infinite = p * x + q <= 1
        if np.any(infinite):
            i = int(np.argmax(infinite))
            raise ValueError(
                f"the expected spend is infinite for customers with p * frequency + q <= 1 "
                f"(q = {q:g}, p = {p:g}; first such row {i}, frequency {x[i]:g}): the fitted "
                "spend distribution has no finite mean for them")
        return p * (gamma + x * m) / (p * x + q - 1)
