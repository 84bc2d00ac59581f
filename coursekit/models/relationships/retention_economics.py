"""Bonds and retention economics: what a lower defection rate is worth.

Sources: textbook 2.1 (l.918: retention "can boost a company's bottom-line profit by 25-100
percent, depending on fixed costs" - the textbook names no source and says nothing more about the
mechanism); seed S2 l.168-200 (bond levels). The retention-profit model is **not from the
textbook**. The 25-100 % range goes back to Reichheld, F. F. & Sasser, W. E. (1990), "Zero
defections: quality comes to services", *HBR* 68(5), 105-111, who explain it by the profit *per
customer* rising with tenure (more purchases, lower serving costs, referrals, price premium) -
:func:`retention_clv` with ``margin_growth`` - and by the larger customer base a lower defection
rate builds up over the years. How large the gain looks depends on the horizon:
:func:`retention_profit_uplift` over one year is large only with high fixed costs, but even with
no fixed costs a 10 -> 5 % defection cut gives +24 % over ten years and +100 % once the base has
settled (:func:`steady_state_profit_uplift`). Verified: the textbook's sentence (seed 001,
l.918). Not verified here against the HBR article: Reichheld & Sasser's figures and their
tenure explanation, cited from the services-marketing literature. The bond defection cuts follow
Berry & Parasuraman (1991), *Marketing Services*, and are assumptions.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coursekit._validate import check_integer, check_number, check_probability

__all__ = [
    "bond_retention", "expected_lifetime", "retention_clv", "retention_profit_uplift",
    "fixed_cost_share_for_uplift", "steady_state_profit_uplift", "RetentionComparison",
    "compare_defection_cut",
]


def bond_retention(levels: Sequence[int], base_retention: float = 0.70,
                   defection_cut=(0.10, 0.20, 0.30, 0.40)) -> float:
    """Retention after adding relationship bonds of the given levels (1-4).

    Each bond of level ``l`` removes a share ``c_l`` of the remaining defection:
    ``r = 1 - (1 - r_0) prod_l (1 - c_l)``. The rising default cuts encode the idea that
    higher-level bonds are harder to copy (Berry & Parasuraman 1991, *Marketing Services*);
    the numbers are **assumptions, not from the textbook**.

    >>> round(bond_retention([1, 4], base_retention=0.7), 3)
    0.838
    """
    r0 = check_probability(base_retention, "base_retention")
    cuts = np.atleast_1d(check_probability(defection_cut, "defection_cut"))
    if cuts.shape != (4,):
        raise ValueError("defection_cut must hold 4 shares, one per bond level")
    lv = np.asarray([check_integer(v, "levels", low=1, high=4) for v in levels], dtype=int)
    if len(set(lv.tolist())) != lv.size:
        raise ValueError(f"levels must not repeat a level; got {list(levels)}")
    return float(1 - (1 - r0) * np.prod(1 - cuts[lv - 1]))


def expected_lifetime(retention) -> float | np.ndarray:
    """Expected number of periods a customer stays, ``1 / (1 - r)`` = 1 / defection rate.

    >>> expected_lifetime([0.90, 0.95])
    array([10., 20.])
    """
    r = check_probability(retention, "retention", open_high=True)
    return 1 / (1 - r)


def retention_clv(margin, retention, discount_rate: float = 0.10,
                  margin_growth: float = 0.0) -> float | np.ndarray:
    """Customer value with a margin that grows with tenure (Reichheld & Sasser 1990).

    ``CLV = sum_{t>=0} m (1+g)^t r^t / (1+d)^t = m (1+d) / (1 + d - r (1+g))`` (margin earned
    at the start of each period; needs ``r(1+g) < 1+d``). Not from the textbook: Reichheld, F. F.
    & Sasser, W. E. (1990), "Zero defections: quality comes to services", *HBR* 68(5), 105-111.

    >>> round(retention_clv(100, 0.8, 0.10), 2)
    366.67
    """
    m = check_number(margin, "margin")
    r = check_probability(retention, "retention")
    d = check_number(discount_rate, "discount_rate", low=0.0)
    g = check_number(margin_growth, "margin_growth", low=-1.0, low_open=True)
    growth = np.asarray(r) * (1 + g)
    if np.any(growth >= 1 + d):
        raise ValueError("retention * (1 + margin_growth) must be < 1 + discount_rate "
                         "(otherwise the value is infinite)")
    out = m * (1 + d) / (1 + d - growth)
    return float(out) if np.ndim(out) == 0 else out


def retention_profit_uplift(defection: float, cut: float = 0.05, fixed_cost_share: float = 0.8,
                            years: int = 1):
    """Relative profit gain from cutting the defection rate by ``cut`` (e.g. 5 points).

    A firm starts at its steady customer base ``N_0 = a / d`` and keeps acquiring ``a`` a year.
    Profit in year ``t`` is ``N_t m - F`` with fixed costs ``F = phi N_0 m`` (``phi`` =
    ``fixed_cost_share`` of the starting contribution). Over ``years`` years the gain is
    ``sum_t (N_t' - N_t) m / sum_t (N_t m - F)``. For one year this is ``cut / (1 - phi)``,
    large only when fixed costs eat most of the contribution. That is an artefact of the short
    horizon, not a condition for the textbook's "25-100 %, depending on fixed costs" (l.918):
    the base keeps growing, so with no fixed costs at all the gain is +24 % over ten years and
    +100 % at steady state (:func:`steady_state_profit_uplift`). Not from the textbook.

    >>> round(retention_profit_uplift(0.10, 0.05, fixed_cost_share=0.8), 4)
    0.25
    >>> round(retention_profit_uplift(0.10, 0.05, fixed_cost_share=0.95), 4)
    1.0
    >>> round(retention_profit_uplift(0.10, 0.05, fixed_cost_share=0.0, years=10), 3)
    0.238
    """
    d = check_probability(defection, "defection", open_low=True)
    c = check_probability(cut, "cut")
    if c > d:
        raise ValueError(f"cut must be <= defection ({d:g}); got {c:g}")
    phi = check_number(fixed_cost_share, "fixed_cost_share", low=0.0, high=1.0, high_open=True)
    years = check_integer(years, "years", low=1)
    t = np.arange(1, years + 1)
    r1 = 1 - d + c
    # Base normalised to N_0 = 1 with a = d; then N_t = N* + (1 - N*) r^t, N* = d / (1 - r).
    base = np.ones(years)
    if r1 >= 1:
        new = 1 + d * t
    else:
        star1 = d / (1 - r1)
        new = star1 + (1 - star1) * r1 ** t
    gain = float(np.sum(new - base))
    profit = float(np.sum(base) - years * phi)
    return gain / profit


def fixed_cost_share_for_uplift(target_uplift: float, defection: float, cut: float = 0.05,
                                years: int = 1) -> float:
    """The fixed-cost share ``phi`` at which :func:`retention_profit_uplift` equals a target.

    Profit is linear in ``phi``, so ``phi = 1 - gain / (H u)`` where ``gain`` is the extra
    customer-years. Returns a value < 0 when no fixed-cost level can give so small a gain.

    >>> round(fixed_cost_share_for_uplift(0.25, defection=0.10), 4)
    0.8
    """
    u = check_number(target_uplift, "target_uplift", low=0.0, low_open=True)
    years = check_integer(years, "years", low=1)
    gain = retention_profit_uplift(defection, cut, fixed_cost_share=0.0, years=years) * years
    return float(1 - gain / (years * u))


def steady_state_profit_uplift(defection: float, cut: float = 0.05,
                               fixed_cost_share: float = 0.0) -> float:
    """Relative gain in yearly profit once the customer base has settled after a defection cut.

    With acquisition ``a`` a year the base settles at ``a / d``; cutting defection to ``d - c``
    raises it by ``c / (d - c)``, so profit ``N m - F`` (``F = phi a m / d``) rises by

    .. math:: \frac{c / (d - c)}{1 - \varphi}.

    Halving defection doubles the steady base: +100 % profit with no fixed costs at all. Not from
    the textbook (the steady state of :func:`retention_profit_uplift`).

    >>> steady_state_profit_uplift(0.10, 0.05)
    1.0
    >>> round(steady_state_profit_uplift(0.10, 0.02, fixed_cost_share=0.5), 3)
    0.5
    """
    d = check_probability(defection, "defection", open_low=True)
    c = check_probability(cut, "cut")
    if c >= d:
        raise ValueError(f"cut must be < defection ({d:g}); got {c:g}")
    phi = check_number(fixed_cost_share, "fixed_cost_share", low=0.0, high=1.0, high_open=True)
    return float(c / (d - c) / (1 - phi))


@dataclass(frozen=True)
class RetentionComparison:
    """Before/after figures for a cut in the defection rate."""

    table: pd.DataFrame

    def __repr__(self) -> str:
        return "RetentionComparison\n" + self.table.round(3).to_string()


def compare_defection_cut(defection: float, cut: float = 0.05, margin: float = 100.0,
                          discount_rate: float = 0.10, margin_growth: float = 0.0,
                          fixed_cost_share: float = 0.8) -> RetentionComparison:
    """Expected lifetime, customer value and one-year profit before and after a defection cut.

    >>> res = compare_defection_cut(0.10, 0.05, margin=100, discount_rate=0.10)
    >>> res.table.loc["expected lifetime (periods)"].tolist()
    [10.0, 20.0, 1.0]
    """
    d = check_probability(defection, "defection", open_low=True)
    c = check_probability(cut, "cut")
    if c >= d:
        raise ValueError(f"cut must be < defection ({d:g}); got {c:g}")
    r = np.array([1 - d, 1 - d + c])
    life = expected_lifetime(r)
    clv = retention_clv(margin, r, discount_rate, margin_growth)
    uplift = retention_profit_uplift(d, c, fixed_cost_share, years=1)
    table = pd.DataFrame(
        {"before": [d, life[0], clv[0], 1.0], "after": [d - c, life[1], clv[1], 1 + uplift]},
        index=["defection rate", "expected lifetime (periods)", "customer value",
               "one-year profit (index)"])
    table["change"] = table["after"] / table["before"] - 1
    return RetentionComparison(table)
