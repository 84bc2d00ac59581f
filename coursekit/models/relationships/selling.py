"""Relationship selling (textbook 7.4): lifetime value, "the little things", under-promising."""
from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array, check_integer

__all__ = [
    "simple_lifetime_value", "little_things_contacts", "delivery_disconfirmation",
]


def simple_lifetime_value(purchase_value, gross_margin, n_purchases) -> float | np.ndarray:
    """Textbook 7.4 (l.3028-3038): ``dollar value x gross profit % x number of purchases``.

    The same formula as :func:`coursekit.models.clv.simple_clv` (module 04), which it calls.

    >>> simple_lifetime_value(75, 0.30, 1), simple_lifetime_value(75, 0.30, 5)
    (22.5, 112.5)
    """
    from coursekit.models.clv import simple_clv

    return simple_clv(purchase_value, gross_margin, n_purchases)


def little_things_contacts(notes_per_day: int = 3, days_per_week: int = 5,
                           weeks_per_year: int = 50) -> tuple[int, int]:
    """Textbook 7.4 (l.3080): three notes a day -> 15 contacts a week -> 750 a year.

    The text gives only 3, 15 and 750; 5 working days and 50 working weeks are the values
    that reproduce them (inferred, not stated).

    >>> little_things_contacts()
    (15, 750)
    """
    n = check_integer(notes_per_day, "notes_per_day", low=0)
    d = check_integer(days_per_week, "days_per_week", low=1, high=7)
    w = check_integer(weeks_per_year, "weeks_per_year", low=1, high=53)
    return n * d, n * d * w


def delivery_disconfirmation(promised, actual) -> np.ndarray:
    """Under-promise and over-deliver (l.3108): early = delighted, on time = met, late = disappointed.

    ``promised`` and ``actual`` are day numbers (e.g. Monday = 1, Tuesday = 2).

    >>> delivery_disconfirmation(2, [1, 2, 3]).tolist()
    ['delighted', 'met', 'disappointed']
    """
    p = as_float_array(promised, "promised")
    a = as_float_array(actual, "actual")
    diff = np.sign(np.broadcast_to(a, np.broadcast_shapes(p.shape, a.shape)) - p)
    return np.select([diff < 0, diff == 0], ["delighted", "met"], "disappointed")
