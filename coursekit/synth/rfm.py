"""Synthetic cafe transaction log drawn from known BG/NBD and gamma-gamma parameters.

Not from the textbook: the data-generating process is the BG/NBD model of Fader, Hardie and Lee
(2005, *Marketing Science* 24(2)) for visits and the gamma-gamma model of Fader, Hardie and Lee
(2005, *Journal of Marketing Research* 42(4)) for spend. Because the true parameters are known
(:data:`TRUE_BGNBD`, :data:`TRUE_GAMMA_GAMMA`), students can check that fitting the models to the
log recovers them. All numbers are assumptions of the coursekit authors, not data.

Process (time in weeks): 1,000 customers make their first visit on a day drawn uniformly from the
first 8 weeks of 2024. Customer ``i`` visits as a Poisson process with weekly rate
``lambda_i ~ Gamma(r, alpha)`` and, after each *repeat* visit, leaves for good with probability
``p_i ~ Beta(a, b)``; observation ends on 2024-12-29 (day 363). Each visit's bill is
``Gamma(p, nu_i)`` with ``nu_i ~ Gamma(q, gamma)``. Visit times are truncated to calendar days
(two visits on the same day stay two rows; :func:`summarize_transactions` merges them, a small,
documented departure from the continuous-time model).

>>> log = cafe_transactions()
>>> log.shape[1], log["customer_id"].nunique()
(3, 1000)
>>> bool(log["amount"].gt(0).all())
True
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_integer

__all__ = ["TRUE_BGNBD", "TRUE_GAMMA_GAMMA", "START", "END", "TRUE_RESPONSE", "cafe_transactions",
           "cafe_mailing"]

#: BG/NBD parameters (weekly visit rate ~ Gamma(r, alpha); dropout p ~ Beta(a, b)).
TRUE_BGNBD: dict[str, float] = {"r": 1.2, "alpha": 2.5, "a": 0.6, "b": 4.0}
#: Gamma-gamma spend parameters (mean bill p*gamma/(q-1) = 6.0 dollars).
TRUE_GAMMA_GAMMA: dict[str, float] = {"p": 4.0, "q": 5.0, "gamma": 6.0}
START = pd.Timestamp("2024-01-01")
END = pd.Timestamp("2024-12-29")
_SEED = 20240401


def cafe_transactions(n_customers: int = 1000, seed: int = _SEED) -> pd.DataFrame:
    """Simulate the cafe log: columns ``customer_id``, ``date`` (datetime64), ``amount``
    (dollars, 2 decimals), sorted by customer and date."""
    n = check_integer(n_customers, "n_customers", low=1)
    rng = np.random.default_rng(check_integer(seed, "seed", low=0))
    bg, gg = TRUE_BGNBD, TRUE_GAMMA_GAMMA
    horizon = (END - START).days / 7.0
    first = rng.integers(0, 56, size=n) / 7.0                  # first visit, in weeks
    lam = rng.gamma(bg["r"], 1.0 / bg["alpha"], size=n)        # visits per week
    p_drop = rng.beta(bg["a"], bg["b"], size=n)
    n_repeat_max = rng.geometric(p_drop)                       # dies after this repeat visit
    nu = rng.gamma(gg["q"], 1.0 / gg["gamma"], size=n)

    customers, times = [np.arange(n)], [first]
    clock = first.copy()
    active = np.ones(n, dtype=bool)
    k = 0
    while active.any():
        k += 1
        clock = clock + rng.exponential(1.0, size=n) / lam
        active &= (clock <= horizon) & (k <= n_repeat_max)
        customers.append(np.flatnonzero(active))
        times.append(clock[active])
    cust = np.concatenate(customers)
    weeks = np.concatenate(times)
    amount = rng.gamma(gg["p"], 1.0 / nu[cust])
    frame = pd.DataFrame({
        "customer_id": cust + 1,
        "date": START + pd.to_timedelta(np.floor(weeks * 7.0), unit="D"),
        "amount": np.round(amount, 2),
    })
    frame["amount"] = frame["amount"].clip(lower=0.01)
    return frame.sort_values(["customer_id", "date"], kind="stable").reset_index(drop=True)


#: Logistic response model of the test mailing: logit P(respond) = intercept + sum_k beta_k
#: (score_k - 3) over the R, F, M quintile scores of the cafe log on 2024-12-29.
TRUE_RESPONSE: dict[str, float] = {"intercept": -3.0, "R": 0.45, "F": 0.35, "M": 0.15}


def cafe_mailing(seed: int = 20250115) -> pd.DataFrame:
    """A test mailing (a coupon) sent to every cafe customer on 2024-12-30, with who responded.

    The response probability rises with the customer's R, F and M quintile scores as of the end
    of the log (:data:`TRUE_RESPONSE`): recency matters most, as direct marketers report
    (Hughes 1994). Not from the textbook; every number is an assumption.

    >>> mail = cafe_mailing()
    >>> list(mail.columns), len(mail)
    (['customer_id', 'responded'], 1000)
    """
    from coursekit.models.rfm.scores import rfm_scores, rfm_table

    seed = check_integer(seed, "seed", low=0)
    scores = rfm_scores(rfm_table(cafe_transactions(), as_of=END))
    logit = TRUE_RESPONSE["intercept"] + sum(
        TRUE_RESPONSE[k] * (scores[k].to_numpy() - 3) for k in ("R", "F", "M"))
    prob = 1.0 / (1.0 + np.exp(-logit))
    responded = np.random.default_rng(seed).random(prob.size) < prob
    return pd.DataFrame({"customer_id": scores.index.to_numpy().astype("int64"),
                         "responded": responded})
