"""Questions of module 01, the value equation (TB 1.1, 1.3, 3.1)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.exercises.bank._shared import rounded_weights
from coursekit.exercises.core import Misconception, Question, register
from coursekit.models import value

M = Misconception


def _trip(rng: np.random.Generator) -> dict:
    """A lodging choice with per-student numbers (default: close to the textbook trip)."""
    return {"benefit": float(rng.integers(12, 20) * 10), "price": float(rng.integers(30, 60)),
            "miles": float(rng.integers(2, 9)), "cost_per_mile": float(rng.integers(2, 6))}


def _travel_cost(d: dict) -> float:
    return d["miles"] * d["cost_per_mile"]


def _offer_value(d: dict) -> float:
    return value.net_value(d["benefit"], d["price"], _travel_cost(d))


def _beliefs(rng: np.random.Generator) -> dict:
    return {"weights": rounded_weights(rng, ["price", "location", "comfort"]),
            "hotel": [int(x) for x in rng.integers(1, 8, 3)],
            "apartment": [int(x) for x in rng.integers(1, 8, 3)]}


def _weighted_value(d: dict, offer: str, weighted: bool = True) -> float:
    beliefs = pd.DataFrame([d[offer]], columns=list(d["weights"]))
    weights = d["weights"] if weighted else {k: 1.0 for k in d["weights"]}
    return float(value.multi_attribute_value(beliefs, weights).iloc[0])


def _winner(d: dict, weighted: bool = True) -> str:
    hotel, apartment = (_weighted_value(d, offer, weighted) for offer in ("hotel", "apartment"))
    return "tie" if np.isclose(hotel, apartment) else "hotel" if hotel > apartment else "apartment"


register(
    Question(
        "01.1", "You and a friend swap $5 bills. What value does the exchange create for you?",
        unit="dollars",
        answer=lambda d: value.exchange_value(given=5, received=5),
        misconceptions=(M("benefit-only", lambda d: 5.0,
                          "You counted the benefit (the $5 you receive) but not the cost (the "
                          "$5 you give): value = benefit - cost."),),
        hints=("Value = benefit - cost.", "What do you receive, and what do you give up?"),
        explanation="Receiving exactly what you give creates no value (TB 1.1).",
    ),
    Question(
        "01.2", "At the broken bus-ticket machine a man gives a $5 bill for four $1 bills. "
                "What is one $1 bill worth to him in that moment (dollars)?",
        unit="dollars",
        answer=lambda d: value.situational_unit_worth(paid=5, units=4),
        misconceptions=(
            M("inverted", lambda d: 4 / 5, "You divided the bills by the money: he pays $5 "
              "for 4 bills, so each bill costs him 5 / 4."),
            M("face-value", lambda d: 1.0, "That is the face value. In that moment he gives "
              "more than face value for each bill - what does one bill cost him?"),
        ),
        hints=("He gives up $5 and gets 4 bills.", "Divide what he pays by what he gets."),
        explanation="Value depends on the situation: the bills let him catch the bus.",
    ),
    Question(
        "01.3", "Seven friends share the Airbnb apartment at $280 a night. What does each pay "
                "per night (dollars)?",
        unit="dollars",
        answer=lambda d: value.per_person_price(280, 7),
        misconceptions=(M("beds", lambda d: 280 / 6, "You divided by the six beds, but all "
                          "seven people share the price (one sleeps on the couch)."),),
        hints=("The price is shared by everyone in the group.",),
    ),
    Question(
        "01.4", "How much does each person save per night by taking the Airbnb instead of "
                "sharing a Marriott room with one friend (dollars)?",
        unit="dollars",
        answer=lambda d: 50 - value.per_person_price(280, 7),
        misconceptions=(M("own-room", lambda d: 95 - 40, "You compared with a Marriott room "
                          "of your own ($95); the question compares with sharing ($50)."),),
        hints=("Sharing the Marriott costs $50 each.", "Subtract the Airbnb price per person."),
    ),
    Question(
        "01.5", "A lodging option gives a benefit of `benefit` dollars a night and costs `price`"
                " dollars, but it is `miles` miles from the venue and each mile costs you "
                "`cost_per_mile` dollars of time and fares. What is its net value (dollars)?",
        unit="dollars",
        answer=_offer_value, data=_trip,
        misconceptions=(M("price-only", lambda d: d["benefit"] - d["price"],
                          "You subtracted only the price. Value is more than price: the travel "
                          "is a cost too (TB 1.1, 'Value Is More Than Price')."),),
        hints=("Value = benefit - (price + non-money costs).",
               "The travel cost is miles x cost per mile."),
    ),
    Question(
        "01.6", "For the same option, what is the value ratio benefit / total cost?",
        unit="a ratio (benefit per dollar of cost)",
        answer=lambda d: value.value_ratio(d["benefit"], d["price"] + _travel_cost(d)),
        data=_trip,
        misconceptions=(
            M("price-only", lambda d: d["benefit"] / d["price"],
              "You divided by the price only; the ratio uses the total cost, travel included."),
            M("net-over-cost", lambda d: _offer_value(d) / (d["price"] + _travel_cost(d)),
              "That is net value / cost. The value ratio is benefit / cost."),
        ),
        hints=("Total cost = price + travel cost.",),
    ),
    Question(
        "01.7", "With the importance weights `weights` and the beliefs (1-7) for the hotel on "
                "price, location and comfort in `hotel`, what is the hotel's importance-weighted "
                "multi-attribute value sum(w_i * b_i)?",
        unit="points on the 1-7 belief scale",
        answer=lambda d: _weighted_value(d, "hotel"), data=_beliefs,
        misconceptions=(M("unweighted", lambda d: _weighted_value(d, "hotel", weighted=False),
                          "You added the beliefs without weighting them by importance."),),
        hints=("Multiply each belief by its attribute's weight.", "Then add the products up."),
    ),
    Question(
        "01.8", "Which offer has the higher importance-weighted multi-attribute value: 'hotel' "
                "or 'apartment' "
                "(same weights; beliefs in `hotel` and `apartment`)? If they tie, answer 'tie'.",
        kind="choice", options=("hotel", "apartment", "tie"), data=_beliefs,
        answer=_winner,
        misconceptions=(M("unweighted", lambda d: _winner(d, weighted=False),
                          "That is the winner on unweighted belief totals; weight each belief "
                          "by importance."),),
        hints=("Compute the weighted value of both offers.",),
    ),
    Question(
        "01.9", "To a Marriott Courtyard, is an Airbnb apartment a 'competitor' or a "
                "'substitute'?",
        kind="choice", options=("competitor", "substitute"), answer=lambda d: "substitute",
        misconceptions=(M("competitor", lambda d: "competitor",
                          "A competitor provides the same offering (another hotel room, e.g. a "
                          "Hilton Hampton Inn). Airbnb offers an alternative to a hotel room."),),
        hints=("Does Airbnb offer hotel rooms?",),
    ),
    Question(
        "01.10", "Which company orientation do multilevel-marketing companies such as Herbalife "
                 "and Amway generally follow?",
        kind="choice", options=tuple(value.COMPANY_ORIENTATIONS), answer=lambda d: "sales",
        misconceptions=(M("marketing", lambda d: "marketing",
                          "The marketing concept starts from customers' needs; these firms "
                          "emphasise making the sales process effective."),),
        hints=("Which part of the business do these companies put first?",),
    ),
)
