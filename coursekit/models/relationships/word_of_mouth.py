"""The three threads: customer value -> loyalty -> word of mouth -> cash flow (textbook 1.3).

TB 1.3 (l.536-538, Figure 1.3.1) links superior customer value to cash flow: value builds a
relationship, the relationship a two-way flow of information, information loyalty, and loyalty
brings more sales, a lower cost to serve and positive word of mouth (WOM). Two numbers:

* WOM is "the primary factor in 20-50 percent of all purchasing decisions";
* satisfied customers "are likely to tell five other customers" about their experience.

A referral cascade follows from "tell five": each new satisfied customer tells ``t`` people, a
share ``c`` of whom buy, and a share ``s`` of the buyers are satisfied and tell again. With the
reproduction number ``R = t c s`` generation ``g`` brings ``n R^g`` customers, and while
``R < 1`` the cascade adds ``n R / (1 - R)`` customers in total.

*Not from the textbook:* the conversion ``c`` and satisfaction ``s`` shares (the seed gives
neither); the geometric cascade is the standard branching-process view of referrals (e.g.
Van den Bulte, Bayer, Skiera & Schmitt 2018, "How customer referral programs turn social
capital into economic capital", *Journal of Marketing Research* 55(1), 132-146).

>>> referral_cascade(100, tell=5, conversion=0.1, satisfied=0.8, generations=3)["new_customers"].tolist()
[40.0, 16.0, 6.4]
>>> round(referral_total(100, tell=5, conversion=0.1, satisfied=0.8), 2)
66.67
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_integer, check_nonnegative, check_probability

__all__ = ["VALUE_TO_CASH_FLOW", "WOM_SHARE_OF_DECISIONS", "TELL_FIVE", "reproduction_number",
           "referral_cascade", "referral_total", "wom_purchases"]

#: The chain of Figure 1.3.1 (TB 1.3, l.536-538), in order.
VALUE_TO_CASH_FLOW = ("superior customer value", "relationship with customers",
                      "two-way flow of information", "customer loyalty",
                      "more sales + lower cost to serve + positive word of mouth",
                      "superior cash flow")

#: "the primary factor in 20-50 percent of all purchasing decisions" (TB 1.3, l.538).
WOM_SHARE_OF_DECISIONS = (0.20, 0.50)

#: "satisfied customers are likely to tell five other customers" (TB 1.3, l.538).
TELL_FIVE = 5


def reproduction_number(tell: Any = TELL_FIVE, conversion: Any = 0.1, satisfied: Any = 1.0
                        ) -> float | np.ndarray:
    """New customers one satisfied customer brings in: ``R = tell x conversion x satisfied``.

    >>> reproduction_number(5, 0.1, 0.8)
    0.4
    """
    t = check_nonnegative(tell, "tell")
    c = check_probability(conversion, "conversion")
    s = check_probability(satisfied, "satisfied")
    return np.round(t * c * s, 12) if np.ndim(t * c * s) else round(float(t * c * s), 12)


def referral_cascade(customers: float, *, tell: float = TELL_FIVE, conversion: float = 0.1,
                     satisfied: float = 1.0, generations: int = 5) -> pd.DataFrame:
    """Customers won by word of mouth, generation by generation.

    ``new_g = customers x R^g`` for ``g = 1..generations`` with ``R = tell x conversion x
    satisfied``; ``cumulative`` adds them up (the starting customers are not counted).

    >>> referral_cascade(10, tell=5, conversion=0.2, generations=2)
                new_customers  cumulative
    generation                           
    1                    10.0        10.0
    2                    10.0        20.0
    """
    n = float(check_nonnegative(customers, "customers"))
    g = check_integer(generations, "generations", low=1, high=1000)
    r = reproduction_number(tell, conversion, satisfied)
    new = n * float(r) ** np.arange(1, g + 1)
    return pd.DataFrame({"new_customers": new, "cumulative": np.cumsum(new)},
                        index=pd.RangeIndex(1, g + 1, name="generation"))


def referral_total(customers: float, *, tell: float = TELL_FIVE, conversion: float = 0.1,
                   satisfied: float = 1.0) -> float:
    """All customers the cascade ever adds: ``customers x R / (1 - R)``, which needs ``R < 1``.

    With ``R >= 1`` every generation is at least as large as the last and the sum has no limit;
    use :func:`referral_cascade` with a finite number of generations instead.

    >>> referral_total(100, tell=5, conversion=0.1)
    100.0
    """
    n = float(check_nonnegative(customers, "customers"))
    r = float(reproduction_number(tell, conversion, satisfied))
    if r >= 1:
        raise ValueError(f"tell x conversion x satisfied must be < 1 for a finite total; got "
                         f"{r:g} (use referral_cascade with a number of generations)")
    return n * r / (1 - r)


def wom_purchases(purchases: Any, share: Any = WOM_SHARE_OF_DECISIONS) -> np.ndarray:
    """Purchases for which word of mouth was the primary factor: ``purchases x share``.

    The default gives the textbook's range, 20 % and 50 % of the purchases.

    >>> wom_purchases(1000).tolist()
    [200.0, 500.0]
    """
    p = check_nonnegative(purchases, "purchases")
    s = np.atleast_1d(check_probability(share, "share"))
    return np.asarray(p) * s
