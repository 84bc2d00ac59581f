"""The value equation (textbook 1.1, 1.3 and 3.1).

    Value = benefit - cost                                   (TB 1.1, l.218)

Cost is the *full* cost to the customer: the price plus non-money costs such as time, travel,
discomfort or lost privacy (TB 1.1, "Value Is More Than Price"). The textbook also speaks of the
value *ratio* (benefits in the numerator, costs in the denominator; TB 6.1, l.2430).

>>> net_value(benefit=5, price=5)              # swapping two $5 bills creates no value
0.0
>>> situational_unit_worth(paid=5, units=4)    # four $1 bills for a $5 bill
1.25
>>> per_person_price(280, 7)                   # the Airbnb apartment shared by seven
40.0
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coursekit._validate import (as_float_array, check_bool, check_columns, check_integer,
                                 check_nonnegative, check_number, check_positive)
from coursekit.models.problems import SCREENING_QUESTIONS as _KEYED_SCREENING_QUESTIONS

__all__ = [
    "net_value", "value_ratio", "exchange_value", "situational_unit_worth", "per_person_price",
    "multi_attribute_value", "OfferComparison", "compare_offers", "lodging_offers",
    "RubricScore", "PROPOSITION_CRITERIA", "SCREENING_QUESTIONS", "score_value_proposition",
    "screen_proposition", "COMPANY_ORIENTATIONS",
]


def net_value(benefit, price, other_costs=0.0):
    """Net value to the customer: ``value = benefit - (price + other costs)``.

    All amounts are in money (dollars); express non-money costs (time, effort, discomfort) as
    their money equivalent first. Arrays broadcast, so one call values many offers.

    >>> net_value(benefit=120, price=95, other_costs=[0, 10])
    array([25., 15.])
    """
    b = check_number(benefit, "benefit")
    p = check_nonnegative(price, "price")
    c = check_nonnegative(other_costs, "other_costs")
    out = np.asarray(b, dtype=float) - np.asarray(p, dtype=float) - np.asarray(c, dtype=float)
    return float(out) if out.ndim == 0 else out


def value_ratio(benefit, cost):
    """The value ratio ``benefit / cost`` (TB 6.1: benefits over costs).

    A ratio above 1 means the customer gets more than they give up.

    >>> value_ratio(120, 100)
    1.2
    """
    b = check_nonnegative(benefit, "benefit")
    c = check_positive(cost, "cost")
    out = np.asarray(b, dtype=float) / np.asarray(c, dtype=float)
    return float(out) if out.ndim == 0 else out


def exchange_value(given, received):
    """Value of an exchange to one side: what is received minus what is given (TB 1.1).

    >>> exchange_value(given=5, received=5)       # you hand me $5, I hand you $5
    0.0
    """
    return net_value(benefit=received, price=given)


def situational_unit_worth(paid, units):
    """What one unit is worth *in the moment* to someone who pays ``paid`` for ``units`` of it.

    The man at the broken bus-ticket machine gives a $5 bill for four $1 bills, so to him a $1
    bill is worth ``5 / 4 = $1.25`` (TB 1.1, l.222): value depends on the situation.

    >>> situational_unit_worth(paid=5, units=4)
    1.25
    """
    p = check_nonnegative(paid, "paid")
    u = check_positive(units, "units")
    out = np.asarray(p, dtype=float) / np.asarray(u, dtype=float)
    return float(out) if out.ndim == 0 else out


def per_person_price(total_price, people):
    """Price per person when ``people`` share one ``total_price`` (TB 1.1: $280 / 7 = $40).

    >>> per_person_price(100, 2)                  # Marriott room shared with one friend
    50.0
    """
    t = check_nonnegative(total_price, "total_price")
    n = check_number(people, "people", low=1)
    if np.any(np.mod(n, 1) != 0):
        raise ValueError(f"people must be a whole number of people; got {people!r}")
    out = np.asarray(t, dtype=float) / np.asarray(n, dtype=float)
    return float(out) if out.ndim == 0 else out


def multi_attribute_value(beliefs, importance):
    """Importance-weighted (adequacy-importance) multi-attribute value: ``A_j = sum_i w_i b_ij``.

    ``beliefs`` holds how well each offer (rows) performs on each attribute (columns);
    ``importance`` holds the weight of each attribute. This is *not* Fishbein's (1963) model,
    which weights beliefs by *evaluations* of the attributes (good/bad), as TB 6.1 (l.2440)
    says; weighting by importance is the framework TB 6.1 lists separately ("instrumentality
    value"), and substituting importance for evaluation is what Cohen, Fishbein & Ahtola (1972,
    "The nature and uses of expectancy-value models in consumer attitude research", *Journal of
    Marketing Research* 9(4), 456-460) criticised. The course uses importance because its data
    are importance ratings. Not from the textbook's value section. Verified: TB 6.1's account of
    Fishbein (1963) and of the importance-weighted framework (seed 001, l.2440). Not verified
    here: the text of Fishbein (1963) and of Cohen, Fishbein & Ahtola (1972), cited from the
    marketing literature.

    >>> beliefs = pd.DataFrame({"price": [4, 2], "comfort": [2, 5]}, index=["A", "B"])
    >>> multi_attribute_value(beliefs, {"price": 0.6, "comfort": 0.4})
    A    3.2
    B    3.2
    Name: value, dtype: float64
    """
    if not isinstance(beliefs, pd.DataFrame):
        raise TypeError(f"beliefs must be a DataFrame of offers x attributes; "
                        f"got {type(beliefs).__name__}")
    weights = pd.Series(importance, dtype=float) if isinstance(importance, Mapping) else importance
    if not isinstance(weights, pd.Series):
        raise TypeError("importance must be a mapping or Series from attribute to weight")
    missing = sorted(set(beliefs.columns) - set(weights.index))
    extra = sorted(set(weights.index) - set(beliefs.columns))
    if missing or extra:
        raise ValueError(f"importance must name exactly the attributes in beliefs; "
                         f"missing {missing}, unknown {extra}")
    w = check_nonnegative(weights[beliefs.columns].to_numpy(), "importance")
    b = as_float_array(beliefs.to_numpy(), "beliefs")
    return pd.Series(b @ w, index=beliefs.index, name="value")


@dataclass(frozen=True)
class OfferComparison:
    """Benefit, costs and value of competing offers, and the offer with the highest value."""

    table: pd.DataFrame
    winner: str

    def __repr__(self) -> str:
        cols = ["benefit", "price", "other_costs", "net_value", "value_ratio"]
        return (f"OfferComparison(winner={self.winner!r})\n"
                f"{self.table[cols].round(2).to_string()}")


def compare_offers(offers: pd.DataFrame, *, benefit: str = "benefit", price: str = "price",
                   costs: Sequence[str] = ()) -> OfferComparison:
    """Value each offer (rows of ``offers``) and pick the winner.

    ``net_value = benefit - (price + sum of the money-equivalent cost columns)`` and
    ``value_ratio = benefit / (price + costs)``. Ties go to the first offer listed.

    >>> offers = pd.DataFrame({"benefit": [120, 120], "price": [95, 40], "travel": [0, 30]},
    ...                       index=["hotel", "apartment"])
    >>> compare_offers(offers, costs=["travel"]).winner
    'apartment'
    """
    check_columns(offers, "offers", [benefit, price, *costs])
    if len(offers) == 0:
        raise ValueError("offers must hold at least one offer (row)")
    b = check_number(offers[benefit].to_numpy(), f"offers[{benefit!r}]")
    p = check_nonnegative(offers[price].to_numpy(), f"offers[{price!r}]")
    other = np.zeros(len(offers))
    for col in costs:
        other = other + check_nonnegative(offers[col].to_numpy(), f"offers[{col!r}]")
    total = p + other
    table = pd.DataFrame({"benefit": b, "price": p, "other_costs": other, "total_cost": total,
                          "net_value": b - total}, index=offers.index.astype(str))
    with np.errstate(divide="ignore", over="ignore"):  # a near-zero cost: ratio -> inf
        table["value_ratio"] = np.where(total > 0, b / np.where(total > 0, total, 1), np.inf)
    table["rank"] = table["net_value"].rank(ascending=False, method="first").astype(int)
    return OfferComparison(table=table, winner=str(table["net_value"].idxmax()))


def lodging_offers(*, stay_benefit: float = 150.0, travel_cost_per_mile: float = 4.0,
                   couch_cost: float = 60.0, privacy_cost: float = 15.0,
                   kitchen_benefit: float = 10.0, group_size: int = 7,
                   airbnb_total: float = 280.0, airbnb_beds: int = 6,
                   airbnb_miles: float = 5.0, hotel_single: float = 95.0,
                   hotel_shared: float = 50.0) -> pd.DataFrame:
    """The textbook's Seattle trip (TB 1.1, l.248) as an offers table in money equivalents.

    From the text: a group of seven; a Marriott Courtyard next to the venue at $95 a night, or
    $50 each when sharing with one friend; an Airbnb apartment sleeping six for $280 a night
    ($40 each), five miles away, with a kitchen and a personal feel, but one of the seven on the
    couch and "staying in someone else's place".

    Assumptions (not from the textbook; illustrative defaults for the explorer): the benefit of a
    night at the event (``stay_benefit``), the money-equivalent cost of each mile to the venue
    (``travel_cost_per_mile``, time and fares for the round trips of a day), the cost of a night
    on the couch weighted by its chance ``1 - beds/people`` (``couch_cost``), the privacy cost of
    someone else's home (``privacy_cost``) and the benefit of a kitchen (``kitchen_benefit``).

    >>> lodging_offers()["price"].round(2).tolist()
    [95.0, 50.0, 40.0]
    """
    n = check_integer(group_size, "group_size", low=1)
    beds = check_integer(airbnb_beds, "airbnb_beds", low=0)
    for name, val in dict(stay_benefit=stay_benefit, travel_cost_per_mile=travel_cost_per_mile,
                          couch_cost=couch_cost, privacy_cost=privacy_cost,
                          kitchen_benefit=kitchen_benefit, airbnb_miles=airbnb_miles,
                          hotel_single=hotel_single, hotel_shared=hotel_shared).items():
        check_nonnegative(val, name)
    p_couch = max(0.0, 1.0 - beds / n)
    return pd.DataFrame(
        {
            "benefit": [stay_benefit, stay_benefit, stay_benefit + kitchen_benefit],
            "price": [hotel_single, hotel_shared, per_person_price(airbnb_total, n)],
            "travel": [0.0, 0.0, airbnb_miles * travel_cost_per_mile],
            "comfort": [0.0, 0.0, p_couch * couch_cost],
            "privacy": [0.0, 0.0, privacy_cost],
        },
        index=pd.Index(["Marriott (own room)", "Marriott (shared)", "Airbnb apartment"],
                       name="offer"),
    )


# --- value propositions (TB 1.1, l.264-284, and TB 3.1, l.999-1004) ---------------------------

PROPOSITION_CRITERIA: dict[str, str] = {
    "who": "Shows clear value to the target buyer (without having to name them)",
    "what": "Defines the offering in the context of that buyer",
    "why": "Shows that the offering is uniquely valuable to the buyer",
    "clear": "Short and direct; immediately identifies the offering and its benefit",
    "compelling": "Conveys the benefit in a way that motivates the buyer to act",
    "differentiating": "Sets the offering apart from other offerings",
}

#: The six screening questions of TB 3.1, in order (their one source is
#: :data:`coursekit.models.problems.SCREENING_QUESTIONS`, which also keys them).
SCREENING_QUESTIONS: tuple[str, ...] = tuple(_KEYED_SCREENING_QUESTIONS.values())

COMPANY_ORIENTATIONS: dict[str, str] = {
    "marketing": "Starts with customers' needs and works backward (TB 1.1)",
    "product": "Focus on technology and innovation, e.g. Texas Instruments, Otis Elevator",
    "sales": "Emphasises the sales process, e.g. Herbalife, Amway",
    "production": "Low production cost and mass distribution, e.g. Ford's Model T",
}


@dataclass(frozen=True)
class RubricScore:
    """A value proposition scored on the six criteria (0 = absent, 1 = partly, 2 = fully)."""

    scores: Mapping[str, int]
    total: int
    maximum: int
    weakest: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.total / self.maximum

    def __repr__(self) -> str:
        weak = ", ".join(self.weakest) or "none"
        return f"RubricScore({self.total}/{self.maximum}, weakest: {weak})"


def score_value_proposition(**scores: int) -> RubricScore:
    """Score a value proposition on who/what/why and clear/compelling/differentiating.

    Each criterion (see ``PROPOSITION_CRITERIA``, TB 1.1) gets 0 (absent), 1 (partly) or
    2 (fully); the total is out of 12 and ``weakest`` lists the lowest-scoring criteria.
    The 0/1/2 scale is the workbook's, not the textbook's.

    >>> score_value_proposition(who=2, what=2, why=1, clear=2, compelling=1, differentiating=0)
    RubricScore(8/12, weakest: differentiating)
    """
    unknown = sorted(set(scores) - set(PROPOSITION_CRITERIA))
    missing = [k for k in PROPOSITION_CRITERIA if k not in scores]
    if unknown or missing:
        raise ValueError(f"score every criterion {list(PROPOSITION_CRITERIA)} exactly once; "
                         f"missing {missing}, unknown {unknown}")
    clean = {k: check_integer(scores[k], k, low=0, high=2) for k in PROPOSITION_CRITERIA}
    low = min(clean.values())
    weakest = tuple(k for k, v in clean.items() if v == low) if low < 2 else ()
    return RubricScore(clean, sum(clean.values()), 2 * len(clean), weakest)


def screen_proposition(answers: Sequence[bool]) -> pd.Series:
    """Answer the six screening questions of TB 3.1 (True = yes); returns the answered checklist.

    >>> int(screen_proposition([True, True, False, False, True, False]).sum())
    3
    """
    if isinstance(answers, (str, bytes)) or len(answers) != len(SCREENING_QUESTIONS):
        raise ValueError(f"answers must be {len(SCREENING_QUESTIONS)} yes/no values, one per "
                         f"screening question; got {answers!r}")
    for i, a in enumerate(answers):
        check_bool(a, f"answers[{i}]")
    return pd.Series(list(answers), index=list(SCREENING_QUESTIONS), name="yes", dtype=bool)
