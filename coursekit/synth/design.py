"""Synthetic data for module 13 (customer roles and service design).

* :func:`idea_pipeline` - 300 past new-service ideas with the screening score each received
  and whether it would have succeeded (known only in hindsight). Drawn from the equal-variance
  normal screening model of :func:`coursekit.models.design.simulate_screening` with 30 % good
  ideas, score means +1 / -1 and noise sd 1 (assumptions, not from the textbook).
"""
from __future__ import annotations

import pandas as pd

__all__ = ["idea_pipeline", "service_blueprints", "coffee_shop_arrivals", "ARRIVALS_PER_HOUR",
           "MEAN_SERVICE_MINUTES"]


def idea_pipeline(n_ideas: int = 300, seed: int = 13) -> pd.DataFrame:
    """Past ideas: ``idea``, ``would_succeed`` (bool) and ``score`` (3 decimals).

    >>> idea_pipeline().shape
    (300, 3)
    """
    from coursekit.models.design import simulate_screening

    return simulate_screening(n_ideas, prior_good=0.3, good_mean=1.0, bad_mean=-1.0,
                              noise_sd=1.0, seed=seed)


# Two example blueprints (constructed, not drawn at random): lanes and steps after the overnight
# hotel stay of Bitner, Ostrom & Morgan (2008, figure 2) and a coffee-shop order; the minutes and
# the fail points are assumptions of the coursekit authors (not from the textbook).
_PE, _CA, _ON, _BS, _SP = ("physical evidence", "customer actions", "onstage contact",
                           "backstage contact", "support processes")
_BLUEPRINT_ROWS = (
    # service, step, stage, lane, activity, minutes, after, fail mode ("-": not a fail point)
    ("hotel stay", "H01", 1, _PE, "hotel exterior, parking", 0, "-", "-"),
    ("hotel stay", "H02", 1, _CA, "arrive at the hotel", 2, "-", "-"),
    ("hotel stay", "H03", 1, _ON, "greet the guest and take the bags", 1, "H02", "-"),
    ("hotel stay", "H04", 2, _PE, "desk, registration papers, lobby, key card", 0, "-", "-"),
    ("hotel stay", "H05", 2, _ON, "serve the guests ahead at the desk", 5, "-", "-"),
    ("hotel stay", "H06", 2, _CA, "check in", 4, "H03;H05", "-"),
    ("hotel stay", "H07", 2, _ON, "process the registration", 4, "H03;H05",
     "clerk slow or unfriendly"),
    ("hotel stay", "H08", 2, _SP, "registration system: find the booking, code the key", 1,
     "H07", "booking not found or room not ready"),
    ("hotel stay", "H09", 2, _BS, "take the bags to the room", 10, "H07",
     "bags taken to the wrong room"),
    ("hotel stay", "H10", 3, _PE, "elevators, hallways, room", 0, "-", "-"),
    ("hotel stay", "H11", 3, _CA, "go to the room", 3, "H08", "-"),
    ("hotel stay", "H12", 4, _PE, "cart for the bags", 0, "-", "-"),
    ("hotel stay", "H13", 4, _CA, "receive the bags", 1, "H09", "-"),
    ("hotel stay", "H14", 5, _PE, "room amenities, bath", 0, "-", "-"),
    ("hotel stay", "H15", 5, _CA, "sleep, shower", 480, "-", "-"),
    ("hotel stay", "H16", 6, _PE, "room-service menu", 0, "-", "-"),
    ("hotel stay", "H17", 6, _CA, "call room service", 2, "-", "-"),
    ("hotel stay", "H18", 6, _BS, "take the food order by phone", 2, "H15", "order misheard"),
    ("hotel stay", "H19", 6, _SP, "kitchen prepares the food", 20, "H18",
     "wrong or cold dish"),
    ("hotel stay", "H20", 7, _PE, "tray, appearance of the food", 0, "-", "-"),
    ("hotel stay", "H21", 7, _ON, "deliver the food", 3, "H19", "-"),
    ("hotel stay", "H22", 7, _CA, "receive the food and eat", 25, "H21", "-"),
    ("hotel stay", "H23", 8, _PE, "bill, hotel exterior", 0, "-", "-"),
    ("hotel stay", "H24", 8, _SP, "registration system: prepare the bill", 1, "H22",
     "charges missing or wrong on the bill"),
    ("hotel stay", "H25", 8, _CA, "check out and leave", 3, "H24", "-"),
    ("hotel stay", "H26", 8, _ON, "process the check-out", 3, "H24", "-"),
    ("coffee-shop order", "C01", 1, _PE, "shop front, menu board", 0, "-", "-"),
    ("coffee-shop order", "C02", 1, _CA, "enter and read the menu", 1, "-", "-"),
    ("coffee-shop order", "C03", 2, _PE, "counter, card reader", 0, "-", "-"),
    ("coffee-shop order", "C04", 2, _ON, "serve the customers ahead in the queue", 2, "-", "-"),
    ("coffee-shop order", "C05", 2, _CA, "order and pay", 1.5, "C04", "-"),
    ("coffee-shop order", "C06", 2, _ON, "take the order and the payment", 1.5, "C02;C04",
     "order misheard"),
    ("coffee-shop order", "C07", 2, _SP, "till sends the order to the barista's screen", 0.1,
     "C06", "order lost between till and bar"),
    ("coffee-shop order", "C08", 3, _PE, "hand-off counter, cup with the customer's name", 0,
     "-", "-"),
    ("coffee-shop order", "C09", 3, _ON, "barista makes the drink", 3, "C07",
     "espresso machine down"),
    ("coffee-shop order", "C10", 3, _BS, "warm the pastry in the back oven", 4, "C07",
     "pastry forgotten or burnt"),
    ("coffee-shop order", "C11", 3, _CA, "collect the drink and the pastry", 0.5, "C09;C10", "-"),
    ("coffee-shop order", "C12", 4, _PE, "seating, music, toilets", 0, "-", "-"),
    ("coffee-shop order", "C13", 4, _CA, "sit, drink and leave", 15, "-", "-"),
    ("coffee-shop order", "C14", 4, _ON, "clear the table", 1, "C13", "-"),
)


def service_blueprints() -> pd.DataFrame:
    """The two example blueprints as one table of steps (a hotel stay and a coffee-shop order).

    >>> frame = service_blueprints()
    >>> frame.groupby("service", sort=False).size().to_dict()
    {'hotel stay': 26, 'coffee-shop order': 14}
    """
    frame = pd.DataFrame(_BLUEPRINT_ROWS, columns=["service", "step", "stage", "lane",
                                                   "activity", "minutes", "after", "fail_mode"])
    frame["minutes"] = frame["minutes"].astype(float)
    frame.insert(7, "fail_point", frame["fail_mode"] != "-")
    return frame


#: Generating truth of :func:`coffee_shop_arrivals`: mean arrivals per hour (hour of the day ->
#: customers per hour) and the mean service time (minutes). Assumptions, not from the textbook.
ARRIVALS_PER_HOUR = {7: 40, 8: 95, 9: 70, 10: 45, 11: 50, 12: 85, 13: 75, 14: 40, 15: 45,
                     16: 55, 17: 50, 18: 30}
MEAN_SERVICE_MINUTES = 1.5


def coffee_shop_arrivals(days: int = 5, seed: int = 1985) -> pd.DataFrame:
    """Arrivals and service times at a coffee-shop till over ``days`` weekdays, 7:00-19:00.

    Per day and hour the number of arrivals is Poisson with the mean in
    :data:`ARRIVALS_PER_HOUR`, spread uniformly over the hour (a Poisson process whose rate
    changes each hour); each service time is exponential with mean
    :data:`MEAN_SERVICE_MINUTES`. Columns ``day``, ``hour``, ``arrival_minute`` (minutes since
    7:00, 2 decimals) and ``service_minutes`` (2 decimals).

    >>> frame = coffee_shop_arrivals()
    >>> list(frame.columns), int(frame["day"].max())
    (['customer', 'day', 'hour', 'arrival_minute', 'service_minutes'], 5)
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    parts = []
    for day in range(1, days + 1):
        for hour, rate in ARRIVALS_PER_HOUR.items():
            n = rng.poisson(rate)
            minute = np.sort(rng.uniform(0, 60, n)) + 60 * (hour - 7)
            parts.append(pd.DataFrame({"day": day, "hour": hour,
                                       "arrival_minute": np.round(minute, 2),
                                       "service_minutes": np.round(
                                           rng.exponential(MEAN_SERVICE_MINUTES, n), 2)}))
    frame = pd.concat(parts, ignore_index=True)
    frame["service_minutes"] = frame["service_minutes"].clip(lower=0.01)
    frame.insert(0, "customer", np.arange(1, len(frame) + 1))
    return frame
