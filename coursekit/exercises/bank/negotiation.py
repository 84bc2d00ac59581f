"""Questions of module 09, negotiation (TB 6.2, 6.3)."""
from __future__ import annotations

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models import negotiation as ng

M = Misconception
PHASES = tuple(ng.FIVE_PHASES["phase"])
STYLES = tuple(ng.TKI_STYLES.index)


def _shipping(rng: np.random.Generator) -> dict:
    return {"buyer_shipping_cost": float(rng.integers(1, 13) / 10),
            "manufacturer_shipping_cost": float(rng.integers(6, 15) / 10)}


def _reservations(rng: np.random.Generator) -> dict:
    seller = int(rng.integers(50, 70)) * 1000
    return {"buyer_reservation": seller + int(rng.integers(2, 20)) * 1000,
            "seller_reservation": seller}


def _budgets(rng: np.random.Generator) -> dict:
    return {"marketing": float(rng.integers(2, 9)) * 100_000,
            "rnd": float(rng.integers(2, 9)) * 100_000}


register(
    Question(
        "09.1", "In which of the five phases do the parties make concessions?",
        kind="choice", options=PHASES, answer=lambda d: "bargaining",
        misconceptions=(M("presentation", lambda d: "presentation",
                          "In the presentation phase you assemble your information to support "
                          "your position; concessions are part of bargaining."),),
        hints=("Investigation, BATNA, presentation, bargaining, closure.",),
    ),
    Question(
        "09.2", "Patio furniture: the manufacturer offers delivery by April 30 for $11 million; "
                "missing early-spring sales would cost the retailer $1 million. What is the "
                "retailer's total cost of accepting ($ million)?",
        unit="millions of dollars",
        answer=lambda d: float(ng.patio_case(0, 0).table["buyer_cost"].iloc[0]),
        misconceptions=(M("price-only", lambda d: 11.0,
                          "That is the price only. The late delivery costs the retailer the $1M "
                          "of early-spring sales as well."),),
        hints=("Cost = price + sales lost by the April 30 delivery.",),
    ),
    Question(
        "09.3", "In the deal reached, the retailer pays $10.5M, gets the furniture ready on "
                "March 30 and pays for shipping itself, at `buyer_shipping_cost` ($M). How much "
                "better off is the retailer than with the original offer ($ million)?",
        unit="millions of dollars",
        answer=lambda d: ng.patio_case(**d).buyer_gain, data=_shipping,
        misconceptions=(
            M("price-saving", lambda d: 0.5,
              "$0.5M is only the price cut. The retailer also avoids the $1M of lost sales "
              "and now pays for shipping."),
            M("no-shipping", lambda d: 1.5,
              "You forgot that the retailer now pays for shipping."),
        ),
        hints=("Original cost: 11 + 1. New cost: 10.5 + shipping.",),
    ),
    Question(
        "09.4", "Up to what shipping cost of its own ($ million) is the integrative deal still "
                "better for the retailer than the original offer?",
        unit="millions of dollars",
        answer=lambda d: 11.0 + 1.0 - 10.5,
        misconceptions=(M("price-only", lambda d: 0.5,
                          "Compare total costs: 10.5 + S < 11 + 1, so S < 1.5; the lost sales "
                          "count too."),),
        hints=("Solve 10.5 + S = 11 + 1 for S.",),
    ),
    Question(
        "09.5", "A buyer will pay at most `buyer_reservation`; the seller will take no less "
                "than `seller_reservation`. How wide is the zone of possible agreement?",
        unit="currency units (dollars)",
        answer=lambda d: ng.zopa(**d).width, data=_reservations,
        misconceptions=(M("midpoint", lambda d: (d["buyer_reservation"]
                                                 + d["seller_reservation"]) / 2,
                          "That is the midpoint of the zone (a likely price), not its width."),),
        hints=("The zone runs from the seller's reservation value to the buyer's.",),
    ),
    Question(
        "09.6", "Same reservation values. If they split the surplus equally, what is the price?",
        unit="currency units (dollars)",
        answer=lambda d: ng.split_price(d["buyer_reservation"], d["seller_reservation"]),
        data=_reservations,
        misconceptions=(M("half-width", lambda d: ng.zopa(**d).width / 2,
                          "Half the width is each side's surplus; the price is the seller's "
                          "reservation value plus that surplus."),),
        hints=("Price = seller's reservation + 0.5 x width.",),
    ),
    Question(
        "09.7", "Your boss says: \"The salary range for this position is $66,000 to 78,000.\" "
                "Your research target is inside the range. What do you ask for (dollars)?",
        unit="dollars",
        answer=lambda d: ng.salary_ask(66_000, 78_000)[0],
        misconceptions=(M("midpoint", lambda d: 72_000.0,
                          "Splitting the range leaves no room to concede: the text says to ask "
                          "for the high end."),
                        M("low-end", lambda d: 66_000.0,
                          "Asking for the low end is accepting the first offer - the mistake "
                          "the text warns about."),),
        hints=("TB 6.2, step 6: don't make the first offer, and ask high.",),
    ),
    Question(
        "09.8", "Marketing's budget is `marketing` and R&D's is `rnd`, out of a fixed total. "
                "Marketing gets a 10 % increase. By what proportion does R&D's budget change "
                "(negative for a cut)?",
        unit="a proportion (-0.05 for a 5 % cut)",
        answer=lambda d: ng.budget_shift(d["marketing"], d["rnd"], 0.10), data=_budgets,
        misconceptions=(M("ten-percent", lambda d: -0.10,
                          "The text's '-10 %' holds only when the two budgets are equal: R&D "
                          "loses 10 % of *marketing's* budget, which is a different share of "
                          "its own."),),
        hints=("R&D loses 0.10 x marketing dollars.", "Divide by R&D's budget."),
    ),
    Question(
        "09.9", "A car dealership tries to give each customer as little as possible for the "
                "trade-in. Which negotiation style is that?",
        kind="choice", options=STYLES, answer=lambda d: "Forcing",
        misconceptions=(M("compromising", lambda d: "Compromising",
                          "Compromising shows some concern for both sides; the dealer shows high "
                          "concern for itself and low for the customer."),),
        hints=("High concern for self, low for the other.",),
    ),
    Question(
        "09.10", "Low concern for itself and high concern for the other party: which style?",
        kind="choice", options=STYLES,
        answer=lambda d: str(ng.tki_style(0.0, 1.0)[0]),
        misconceptions=(M("avoiding", lambda d: "Avoiding",
                          "Avoiding is low concern for both sides."),
                        M("collaborating", lambda d: "Collaborating",
                          "Collaborating needs high concern for yourself too."),),
        hints=("The textbook uses Pruitt and Rubin's label for this style.",),
    ),
    Question(
        "09.11", "Arbitration followed by mediation reached voluntary agreements 71 % of the "
                 "time, mediation followed by arbitration 50 %. What is the difference, as a "
                 "proportion?",
        unit="a proportion (0-1)",
        answer=lambda d: round(0.71 - 0.50, 10),
        misconceptions=(M("ratio", lambda d: 0.71 / 0.50,
                          "That is the ratio of the two rates; the question asks for the "
                          "difference."),),
        hints=("0.71 - 0.50.",),
    ),
    Question(
        "09.12", "You are offered $72,000. Your best alternative is another job at $70,000, "
                 "although you hoped for $75,000. By the BATNA rule, should you accept "
                 "(True/False)?",
        kind="bool", answer=lambda d: ng.accept_offer(72_000, 70_000),
        misconceptions=(M("target", lambda d: False,
                          "You compared the offer with your target. The BATNA rule compares it "
                          "with your best alternative: $72,000 beats $70,000."),),
        hints=("Compare the offer with what you get if you walk away.",),
    ),
)
