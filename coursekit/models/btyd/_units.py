"""Time units shared by the transaction summary and the CLV calculation."""
from __future__ import annotations

from coursekit._validate import check_choice

#: days in one unit; "M" is the average calendar month (365.25 / 12 days)
UNIT_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}


def unit_days(time_unit: str) -> float:
    """Length of ``time_unit`` in days.

    >>> unit_days("W")
    7.0
    """
    return UNIT_DAYS[check_choice(time_unit, "time_unit", tuple(UNIT_DAYS))]
