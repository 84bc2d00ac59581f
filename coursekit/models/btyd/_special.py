"""Log-space special functions shared by the BTYD likelihoods.

Every likelihood in this package is a sum or difference of products of gamma, beta and
Gauss-hypergeometric functions. Evaluated directly these overflow for a customer with many
purchases (``Gamma(r + x)`` overflows a float for ``x`` around 170), so the models work with
logarithms and combine terms with the helpers below.
"""
from __future__ import annotations

import numpy as np
from scipy import special

__all__ = ["log_hyp2f1", "log_add_exp", "log_sub_exp", "log_beta_ratio"]


def log_hyp2f1(a, b, c, z) -> np.ndarray:
    """``log 2F1(a, b; c; z)`` for ``0 <= z < 1`` and positive ``a, b, c``.

    With positive arguments every term of the series is positive, so the function is >= 1 and
    its log is well defined. The result is checked for finiteness.

    >>> round(float(log_hyp2f1(1.0, 1.0, 2.0, 0.5)), 6)  # 2F1(1,1;2;z) = -log(1-z)/z
    0.326634
    """
    value = special.hyp2f1(a, b, c, z)
    out = np.log(value)
    if not np.all(np.isfinite(out)):  # pragma: no cover - guarded by parameter checks
        raise FloatingPointError("hypergeometric function overflowed; check the parameters")
    return out


def log_add_exp(a, b) -> np.ndarray:
    """``log(exp(a) + exp(b))`` without overflow (alias of :func:`numpy.logaddexp`).

    >>> round(float(log_add_exp(1000.0, 1000.0)) - 1000.0, 6)  # log 2
    0.693147
    """
    return np.logaddexp(a, b)


def log_sub_exp(a, b) -> np.ndarray:
    """``log(exp(a) - exp(b))`` for ``a > b`` without overflow: ``a + log1p(-exp(b - a))``.

    >>> round(float(np.exp(log_sub_exp(np.log(5.0), np.log(2.0)))), 12)  # 5 - 2
    3.0
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a + np.log1p(-np.exp(b - a))


def log_beta_ratio(a1, b1, a0, b0) -> np.ndarray:
    """``log[B(a1, b1) / B(a0, b0)]`` with ``betaln``.

    >>> round(float(np.exp(log_beta_ratio(2.0, 3.0, 1.0, 1.0))), 6)  # B(2,3) = 1/12
    0.083333
    """
    return special.betaln(a1, b1) - special.betaln(a0, b0)
