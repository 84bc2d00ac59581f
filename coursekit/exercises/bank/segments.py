"""Questions of module 10, segmentation and competition (TB 7.1)."""
from __future__ import annotations

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models.segments import pricing
from coursekit.models import segments as seg

M = Misconception


def _water(rng: np.random.Generator) -> dict:
    return {"health_price": float(rng.integers(26, 41)) / 20,
            "health_segment_share_after": float(rng.integers(20, 61)) / 100}


def _water_total(d: dict) -> float:
    return seg.bottled_water(**d).totals[1]


def _water_gain(d: dict) -> float:
    before, after = seg.bottled_water().totals
    return after - before


register(
    Question(
        "10.1", "In the textbook's bottled-water example, by how many dollars does total "
                "contribution rise when the firm offers a second, vitamin-fortified product?",
        unit="dollars",
        answer=_water_gain,
        misconceptions=(
            M("total", lambda d: 115.0, "That is the new total; the question asks for the "
              "increase ($115 - $75)."),
            M("percent", lambda d: 53.33, "That is the increase in percent; answer in dollars."),
        ),
        hints=("The text gives $75 before and $115 after.",),
    ),
    Question(
        "10.2", "By what share does contribution rise from $75 to $115 (0.5 = 50 %)?",
        unit="a proportion (0-1)",
        answer=lambda d: 115 / 75 - 1, rtol=1e-3,
        misconceptions=(M("of-new", lambda d: 40 / 115, "You divided the gain by the new "
                          "total; growth is measured against the starting $75."),),
        hints=("(new - old) / old",),
    ),
    Question(
        "10.3", "Keep the example's assumptions (500 customers; 140 regular bottles to the "
                "price-driven segment at a $0.50 margin; 150 health-driven customers; vitamins "
                "add $0.25 to the $0.50 cost) but price the vitamin water at `health_price` and "
                "win a share `health_segment_share_after` of the health segment. What is the "
                "total differentiated contribution (dollars)?",
        unit="dollars",
        answer=_water_total, data=_water,
        misconceptions=(
            M("old-cost", lambda d: 70 + 150 * d["health_segment_share_after"] * (d["health_price"] - 0.5),
              "You used the regular $0.50 cost for the vitamin water; vitamins add $0.25."),
            M("price-as-margin", lambda d: 70 + 150 * d["health_segment_share_after"] * d["health_price"],
              "You counted revenue for the vitamin water, not contribution (price - cost)."),
        ),
        hints=("Contribution = units x (price - unit cost), summed over both products.",
               "Health units = 150 x share; unit cost = $0.75."),
    ),
    Question(
        "10.4", "In Figure 7.1.2, which segment rates 'Very neat, well maintained' as highly "
                "important?",
        kind="choice", options=tuple(seg.SERVICE_STATION_SEGMENTS.columns),
        answer=lambda d: "loyalists",
        misconceptions=(M("snackers", lambda d: "on-the-go snackers",
                          "Snackers rate it M (moderate); loyalists rate it H."),),
        hints=("Read the row 'Very neat, well maintained'.",),
    ),
    Question(
        "10.5", "Coding L = 1, M = 2, H = 3, a station scores 5 on 'Prices good' and 1 on "
                "every other reason. What is its importance-weighted fit for the price-driven "
                "segment, sum(w p) / sum(w)?",
        unit="points on the 1-5 scale",
        answer=lambda d: float(seg.segment_fit(
            [5, 1, 1, 1, 1, 1, 1])["price driven"]),
        misconceptions=(M("unweighted", lambda d: 11 / 7, "You averaged the scores without "
                          "weighting them by the segment's importance."),),
        hints=("Price driven weights: H M L M M L L = 3 2 1 2 2 1 1 (total 12).",),
    ),
    Question(
        "10.6", "For Diet Coke, at which level of competition is a cup of coffee?",
        kind="choice", options=tuple(seg.COMPETITION_LEVELS), answer=lambda d: "generic",
        misconceptions=(
            M("category", lambda d: "product category", "The product category is other sodas;"
              " coffee is a different beverage meeting the same need."),
            M("budget", lambda d: "budget", "Budget competitors only compete for the money "
              "(chips, a comic book); coffee meets the same need (a drink)."),
        ),
        hints=("Is coffee a soda? Does it meet the same need?",),
    ),
    Question(
        "10.7", "'Grow Johnson Photography by creating more value for customers than Frederick "
                "Pictures does.' Which slot of this context statement is ill-defined?",
        kind="choice", options=("unit", "segment", "competitor"), answer=lambda d: "segment",
        misconceptions=(M("competitor", lambda d: "competitor",
                          "Frederick Pictures is a named local competitor; 'customers' mixes "
                          "school administrators and wedding couples."),),
        hints=("Who exactly chooses, and for what reasons?",),
    ),
    Question(
        "10.8", "The same driver buys gas fast on the way to work but stops for snacks and milk "
                "on weekends. Is this an example of 'people' or 'situation' segments?",
        kind="choice", options=("people", "situation"), answer=lambda d: "situation",
        misconceptions=(M("people", lambda d: "people", "People segments group different "
                          "people; here the same person chooses for different reasons."),),
        hints=("Is it different people, or the same person at different times?",),
    ),
)


# --- TB 4.3: channels and pricing ---------------------------------------------------------------

def _chain(rng: np.random.Generator) -> dict:
    return {"producer_price": float(rng.integers(10, 41)),
            "distributor": float(rng.integers(2, 7) * 5) / 100,
            "retailer": float(rng.integers(6, 13) * 5) / 100,
            "sticker_shock": float(rng.integers(6, 13) * 10)}


def _shelf(d: dict) -> float:
    return pricing.markup_chain(d["producer_price"], [d["distributor"], d["retailer"]]).shelf_price


def _ceiling(d: dict) -> float:
    return float(pricing.max_producer_price(d["sticker_shock"], [d["distributor"], d["retailer"]]))


register(
    Question(
        "10.9", "A producer sells at `producer_price` dollars to a distributor, who marks it up "
                "by `distributor` on cost; the retailer marks up by `retailer` on cost. What is "
                "the shelf price (dollars)? (TB 4.3: 'consider all of the mark-ups through the "
                "chain')",
        unit="dollars",
        answer=_shelf, data=_chain,
        misconceptions=(
            M("added-markups", lambda d: d["producer_price"] * (1 + d["distributor"] + d["retailer"]),
              "You added the mark-ups. The retailer marks up the distributor's price, not the "
              "producer's: multiply by (1 + m) once per link."),
            M("last-link-only", lambda d: d["producer_price"] * (1 + d["retailer"]),
              "You left out the distributor's mark-up: every link wants its own profit."),
        ),
        hints=("Each link sells at its buying price x (1 + its mark-up).",
               "Shelf price = producer price x (1 + m_distributor) x (1 + m_retailer)."),
    ),
    Question(
        "10.10", "With the same mark-ups, the market's sticker-shock point is `sticker_shock` "
                 "dollars. What is the highest price the producer can charge the distributor so "
                 "that the shelf price stays at or below it (dollars)?",
        unit="dollars",
        answer=_ceiling, data=_chain,
        misconceptions=(
            M("subtracted-markups", lambda d: d["sticker_shock"] * (1 - d["distributor"] - d["retailer"]),
              "You took the mark-ups off the shelf price. Mark-ups are on cost: divide by "
              "(1 + m) for each link instead."),
            M("added-then-divided", lambda d: d["sticker_shock"] / (1 + d["distributor"] + d["retailer"]),
              "Mark-ups compound: divide by (1 + m_distributor) x (1 + m_retailer), not by "
              "1 + their sum."),
        ),
        hints=("Work backwards from the shelf price through each link.",),
        explanation="If making the product costs more than this, TB 4.3 says rework it.",
    ),
)
