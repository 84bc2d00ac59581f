"""Customer equity: the value of the customer base now and to come, and how to split the budget
between acquiring and keeping customers.

Not from the textbook:

* Rust, R. T., Lemon, K. N. & Zeithaml, V. A. (2004), "Return on marketing: using customer equity
  to focus marketing strategy", *Journal of Marketing* 68(1), 109-127: customer equity is the sum
  of the lifetime values of the firm's current *and* future customers.
* Blattberg, R. C. & Deighton, J. (1996), "Manage marketing by the customer equity test",
  *Harvard Business Review* 74(4), 136-144: acquisition and retention rates rise towards a
  ceiling with spending, and the spend that maximises customer equity per prospect.
* Berger, P. D. & Nasr, N. I. (1998), "Customer lifetime value: marketing models and
  applications", *Journal of Interactive Marketing* 12(1), 17-30: CLV with revenue at the start
  of each year and promotion costs in the *middle* of each year (their case 1).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coursekit._validate import check_integer, check_number, check_positive, check_probability

__all__ = ["berger_nasr_clv", "optimal_promotion", "CustomerEquity", "customer_equity", "response_rate",
           "response_steepness", "bd_customer_equity", "OptimalSpend", "optimal_spend"]


def berger_nasr_clv(gross_contribution: float, promotion_cost: float, retention: float,
                    discount_rate: float, years: int, *, purchases_per_year: int = 1) -> float:
    """CLV with revenue at the start of each purchase cycle and promotion cost in its middle.

    Berger & Nasr's case 1 (one purchase a year; the customer is acquired now, at i = 0):

        CLV = GC sum_{i=0}^{n} r^i / (1+d)^i  -  M sum_{i=1}^{n} r^(i-1) / (1+d)^(i-0.5)

    GC = gross contribution per year, M = promotion cost per year (spent half-way through each
    year on the customers still active), r = yearly retention, d = yearly discount rate, n =
    years. With ``purchases_per_year = p`` the same sums run over n p cycles with GC, M and r per
    cycle and the discount factor (1+d)^(1/p) per cycle (Not from Berger & Nasr in this form:
    our generalisation of their shorter purchase cycles).

    >>> round(berger_nasr_clv(260, 50, 0.75, 0.20, 10), 2)
    568.78
    """
    gc = float(check_number(gross_contribution, "gross_contribution", scalar=True))
    m = float(check_number(promotion_cost, "promotion_cost", low=0, scalar=True))
    r = float(check_probability(retention, "retention", scalar=True))
    d = float(check_number(discount_rate, "discount_rate", low=0, scalar=True))
    n = check_integer(years, "years", low=1)
    p = check_integer(purchases_per_year, "purchases_per_year", low=1)
    cycles = np.arange(n * p + 1)
    per_cycle = (1 + d) ** (1 / p)
    revenue = gc * np.sum(r ** cycles / per_cycle ** cycles)
    i = cycles[1:]
    cost = m * np.sum(r ** (i - 1) / per_cycle ** (i - 0.5))
    return float(revenue - cost)


def optimal_promotion(gross_contribution: float, retention_ceiling: float, retention_k: float,
                      discount_rate: float, years: int) -> dict[str, float]:
    """The yearly promotion budget per customer that maximises the case-1 CLV when retention
    responds to it, r(M) = ceiling (1 - exp(-k M)) (Berger & Nasr's managerial application, with
    the response curve of :func:`response_rate`).

    Spending more keeps more customers but costs more on each one still active; the best M
    balances the two (a bounded one-dimensional search).

    >>> best = optimal_promotion(260, 0.9, 0.05, 0.20, 10)
    >>> round(best["promotion_cost"], 1), round(best["retention"], 3), round(best["clv"], 2)
    (65.7, 0.866, 701.64)
    """
    from scipy.optimize import minimize_scalar

    gc = float(check_positive(gross_contribution, "gross_contribution", scalar=True))
    c = float(check_probability(retention_ceiling, "retention_ceiling", scalar=True,
                                open_low=True))
    k = float(check_positive(retention_k, "retention_k", scalar=True))
    d = float(check_number(discount_rate, "discount_rate", low=0, scalar=True))
    n = check_integer(years, "years", low=1)

    def value(m: float) -> float:
        return berger_nasr_clv(gc, m, response_rate(m, c, k), d, n)

    upper = 50 / k
    res = minimize_scalar(lambda m: -value(m), bounds=(0.0, upper), method="bounded",
                          options={"xatol": 1e-9 * upper})
    m = float(res.x) if value(float(res.x)) > value(0.0) else 0.0
    return {"promotion_cost": m, "retention": float(response_rate(m, c, k)), "clv": value(m)}


@dataclass(frozen=True)
class CustomerEquity:
    """Customer equity = value of the current customers + value of the customers still to come."""

    current: float
    future: float
    by_cohort: tuple[float, ...]   # discounted net value of each future year's new customers

    @property
    def total(self) -> float:
        return self.current + self.future

    def __repr__(self) -> str:
        return (f"CustomerEquity(total={self.total:,.2f}: current customers {self.current:,.2f}"
                f" + future customers {self.future:,.2f} over {len(self.by_cohort)} years)")


def customer_equity(current_clv, *, prospects_per_year: float, acquisition_rate: float,
                    new_customer_clv: float, acquisition_cost_per_prospect: float,
                    discount_rate: float, years: int) -> CustomerEquity:
    """Rust, Lemon & Zeithaml's customer equity: the CLV of current and future customers.

    CE = sum_i CLV_i  +  sum_{t=1}^{T} N a (CLV_new - A / a) / (1+d)^t,

    where ``current_clv`` are the current customers' lifetime values (an array, or their sum),
    N prospects are targeted each year, a share a of them is won at a cost of A per prospect
    (so A / a per customer won), and each new customer is worth CLV_new at acquisition.

    >>> ce = customer_equity([100.0, 50.0], prospects_per_year=100, acquisition_rate=0.1,
    ...                      new_customer_clv=80, acquisition_cost_per_prospect=3,
    ...                      discount_rate=0.1, years=2)
    >>> round(ce.future, 2), round(ce.total, 2)   # 500/1.1 + 500/1.21 = 867.77
    (867.77, 1017.77)
    """
    clv = np.asarray(check_number(current_clv, "current_clv"), dtype=float)
    n = float(check_number(prospects_per_year, "prospects_per_year", low=0, scalar=True))
    a = float(check_probability(acquisition_rate, "acquisition_rate", scalar=True))
    v = float(check_number(new_customer_clv, "new_customer_clv", scalar=True))
    cost = float(check_number(acquisition_cost_per_prospect, "acquisition_cost_per_prospect",
                              low=0, scalar=True))
    d = float(check_number(discount_rate, "discount_rate", low=0, scalar=True))
    t = np.arange(1, check_integer(years, "years", low=1) + 1)
    cohorts = n * (a * v - cost) / (1 + d) ** t
    return CustomerEquity(float(clv.sum()), float(cohorts.sum()),
                          tuple(float(c) for c in cohorts))


def response_rate(spend, ceiling: float, steepness: float):
    """Blattberg & Deighton's response curve: rate = ceiling (1 - exp(-k spend)).

    Used for the acquisition rate (spend per prospect) and the retention rate (spend per
    customer per year).

    >>> round(response_rate(60, 0.4, response_steepness(0.4, 60, 0.2)), 3)
    0.2
    """
    s = check_number(spend, "spend", low=0)
    c = float(check_probability(ceiling, "ceiling", scalar=True))
    k = float(check_positive(steepness, "steepness", scalar=True))
    out = c * (1 - np.exp(-k * np.asarray(s)))
    return float(out) if np.ndim(out) == 0 else out


def response_steepness(ceiling: float, spend: float, rate: float) -> float:
    """Calibrate k from a manager's judgement 'spending ``spend`` gets ``rate``':
    k = -ln(1 - rate / ceiling) / spend (Blattberg & Deighton's decision-calculus step).

    >>> round(response_steepness(0.4, 60, 0.2), 5)   # ln 2 / 60
    0.01155
    """
    c = float(check_probability(ceiling, "ceiling", scalar=True, open_low=True))
    s = float(check_positive(spend, "spend", scalar=True))
    r = float(check_probability(rate, "rate", scalar=True, open_low=True))
    if r >= c:
        raise ValueError(f"rate must be below the ceiling ({c:g}); got {r:g}")
    return float(-np.log(1 - r / c) / s)


def bd_customer_equity(acquisition_spend, retention_spend, *, margin: float,
                       acquisition_ceiling: float, acquisition_k: float,
                       retention_ceiling: float, retention_k: float, discount_rate: float):
    """Blattberg & Deighton's customer equity per prospect, for given spends A and R.

    CE = a m - A + a (m - R / r) r' / (1 - r'),   r' = r / (1 + d),

    with a = a(A) and r = r(R) from :func:`response_rate`: the first-year margin of the customers
    won, minus what winning them cost, plus the discounted margins (net of retention spending R
    per customer, i.e. R / r per customer retained) of the years they stay.

    >>> round(bd_customer_equity(0.0, 0.0, margin=100, acquisition_ceiling=0.4,
    ...                          acquisition_k=0.01, retention_ceiling=0.8, retention_k=0.05,
    ...                          discount_rate=0.1), 2)
    0.0
    """
    m = float(check_number(margin, "margin", scalar=True))
    d = float(check_number(discount_rate, "discount_rate", low=0, scalar=True))
    A = check_number(acquisition_spend, "acquisition_spend", low=0)
    R = check_number(retention_spend, "retention_spend", low=0)
    a = response_rate(A, acquisition_ceiling, acquisition_k)
    r = response_rate(R, retention_ceiling, retention_k)
    rp = r / (1 + d)
    with np.errstate(divide="ignore", invalid="ignore"):  # R = 0 gives r = 0: no later years
        later = np.where(r > 0, (m - R / np.where(r > 0, r, 1)) * rp / (1 - rp), 0.0)
    out = a * m - np.asarray(A) + a * later
    return float(out) if np.ndim(out) == 0 else out


@dataclass(frozen=True)
class OptimalSpend:
    """The acquisition and retention spends that maximise customer equity per prospect."""

    acquisition_spend: float
    retention_spend: float
    acquisition_rate: float
    retention_rate: float
    equity_per_prospect: float

    def __repr__(self) -> str:
        return (f"OptimalSpend(acquisition {self.acquisition_spend:.2f} per prospect -> "
                f"{self.acquisition_rate:.1%} won; retention {self.retention_spend:.2f} per "
                f"customer -> {self.retention_rate:.1%} kept; customer equity "
                f"{self.equity_per_prospect:.2f} per prospect)")


def optimal_spend(*, margin: float, acquisition_ceiling: float, acquisition_k: float,
                  retention_ceiling: float, retention_k: float,
                  discount_rate: float) -> OptimalSpend:
    """The spends that maximise Blattberg & Deighton's customer equity per prospect.

    CE = a(A) K(R) - A with K(R) = m + (m - R/r) r'/(1 - r') depends on R only through K, so the
    best R maximises K (a one-dimensional search), and then a'(A) K = 1 gives
    A* = ln(c_a k_a K) / k_a (0 if c_a k_a K <= 1: acquisition does not pay).

    >>> best = optimal_spend(margin=100, acquisition_ceiling=0.4, acquisition_k=0.02,
    ...                      retention_ceiling=0.8, retention_k=0.05, discount_rate=0.1)
    >>> round(best.retention_spend, 1), round(best.acquisition_spend, 1)
    (38.5, 15.8)
    """
    from scipy.optimize import minimize_scalar

    m = float(check_positive(margin, "margin", scalar=True))
    ca = float(check_probability(acquisition_ceiling, "acquisition_ceiling", scalar=True,
                                 open_low=True))
    ka = float(check_positive(acquisition_k, "acquisition_k", scalar=True))
    cr = float(check_probability(retention_ceiling, "retention_ceiling", scalar=True,
                                 open_low=True, open_high=True))
    kr = float(check_positive(retention_k, "retention_k", scalar=True))
    d = float(check_number(discount_rate, "discount_rate", low=0, scalar=True))

    def later(R: float) -> float:
        r = cr * (1 - np.exp(-kr * R))
        rp = r / (1 + d)
        return (m - R / r) * rp / (1 - rp) if r > 0 else 0.0

    upper = 50 / kr  # r is within e^-50 of its ceiling long before this
    res = minimize_scalar(lambda R: -later(R), bounds=(1e-9, upper), method="bounded",
                          options={"xatol": 1e-9 * upper})
    R = float(res.x) if later(float(res.x)) > 0 else 0.0
    K = m + later(R)
    A = float(np.log(ca * ka * K) / ka) if ca * ka * K > 1 else 0.0
    a = float(response_rate(A, ca, ka))
    r = float(response_rate(R, cr, kr))
    ce = float(bd_customer_equity(A, R, margin=m, acquisition_ceiling=ca, acquisition_k=ka,
                                  retention_ceiling=cr, retention_k=kr, discount_rate=d))
    return OptimalSpend(A, R, a, r, ce)
