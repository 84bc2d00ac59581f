"""Questions of module 13, customer roles and service design (S3, S4)."""
from __future__ import annotations

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models import design as des

M = Misconception
B = [[0.05, 0.40], [0.40, 0.10]]


def _mix(rng: np.random.Generator) -> dict:
    return {"share_a": float(rng.integers(20, 81)) / 100}


def _dissatisfaction(d: dict, policy: str = "mixed") -> float:
    return des.encounter_dissatisfaction([d["share_a"], 1 - d["share_a"]], B, policy)


register(
    Question(
        "13.1", "Which of the three customer roles (S4) do customers play when they assemble "
                "their own furniture instead of paying for assembly?",
        kind="choice", options=tuple(des.CUSTOMER_ROLES), answer=lambda d: "competitors",
        misconceptions=(M("productive", lambda d: "productive resources",
                          "Productive resources take part in the firm's service; here the "
                          "customer replaces the firm's service altogether."),),
        hints=("Who would otherwise have produced the service?",),
    ),
    Question(
        "13.2", "A customer rates all seven make-or-buy criteria 4 (on 1-5, 5 = strongly "
                "favours doing it yourself), equal weights. What is the do-it-yourself index?",
        unit="an index on the 1-5 scale",
        answer=lambda d: des.make_or_buy(dict.fromkeys(des.MAKE_OR_BUY_CRITERIA, 4)).score,
        misconceptions=(M("raw-mean", lambda d: 4.0, "That is the mean rating; the index "
                          "rescales it to 0-1: (x - 1) / 4."),
                        M("over-5", lambda d: 0.8, "Rescale from 1-5, not 0-5: (4 - 1) / 4."),),
        hints=("index = (rating - 1) / 4 when all ratings are equal.",),
    ),
    Question(
        "13.3", "Segments A (share `share_a`) and B share one space. A dissatisfying encounter "
                "happens with probability 0.05 (A-A), 0.10 (B-B) and 0.40 (A-B). What share of "
                "random encounters dissatisfies?",
        unit="a proportion (0-1)",
        answer=_dissatisfaction, data=_mix,
        misconceptions=(M("one-cross", lambda d: d["share_a"] ** 2 * 0.05 + (1 - d["share_a"]) ** 2 * 0.10
                          + d["share_a"] * (1 - d["share_a"]) * 0.40,
                          "A-B encounters happen two ways (A meets B and B meets A): 2 s(1-s)."),),
        hints=("s' B s with s = (share_a, 1 - share_a).",),
    ),
    Question(
        "13.4", "Same segments, but now isolated in separate spaces (manage the customer mix). "
                "What share of encounters dissatisfies, with A's share `share_a`?",
        unit="a proportion (0-1)",
        answer=lambda d: _dissatisfaction(d, "isolated"), data=_mix,
        misconceptions=(M("mixed", _dissatisfaction, "That is the mixed case; isolated "
                          "customers meet only their own segment."),),
        hints=("Only A-A and B-B encounters remain.",),
    ),
    Question(
        "13.5", "Good ideas score N(1, 1), poor ideas N(-1, 1). With the threshold at 0, what "
                "is the drop-error rate (a good idea dropped)?",
        unit="a proportion (0-1)",
        answer=lambda d: float(des.screening_errors(0.0)["drop_error"].iloc[0]),
        misconceptions=(M("complement", lambda d: 1 - 0.158655, "That is the share of good "
                          "ideas that go ahead; a drop error is a good idea stopped."),),
        hints=("P(score < 0 | good) = Phi((0 - 1) / 1).",),
    ),
    Question(
        "13.6", "If you raise the screening threshold, what happens to go errors?",
        kind="choice", options=("rise", "fall", "unchanged"), answer=lambda d: "fall",
        misconceptions=(M("rise", lambda d: "rise", "A higher bar lets fewer poor ideas "
                          "through (fewer go errors) but stops more good ones (more drop "
                          "errors)."),),
        hints=("A go error is a poor idea that passes the bar.",),
    ),
    Question(
        "13.7", "Only 10 % of ideas would succeed; a good idea is worth 10 and a poor one "
                "costs 4 to develop (scores as in 13.5). What threshold maximises expected value?",
        unit="a threshold on the score scale",
        answer=lambda d: des.optimal_threshold(0.10, 10, 4),
        misconceptions=(M("midpoint", lambda d: 0.0, "The midpoint ignores that good ideas are"
                          " rare: the bar moves up by ln[(1-pi)C / (pi V)] / 2."),),
        hints=("t* = (mu_g + mu_b)/2 + sigma^2 ln[(1 - pi) C / (pi V)] / (mu_g - mu_b)",),
    ),
    Question(
        "13.8", "A firm stresses technical aspects of service quality (S3). Which design does "
                "that call for?",
        kind="choice", options=("more customisation", "more cost efficiency"),
        answer=lambda d: "more cost efficiency",
        misconceptions=(M("custom", lambda d: "more customisation", "Functional emphasis "
                          "calls for customisation; technical emphasis for cost efficiency."),),
        hints=("S3: technical -> greater cost efficiency, less customisation.",),
    ),
    Question(
        "13.9", "In SITOC, what does the T stand for?",
        kind="choice", options=("transformation", "throughput", "training", "time"),
        answer=lambda d: "transformation",
        misconceptions=(M("sipoc", lambda d: "throughput", "The notes spell it SITOC: "
                          "Suppliers, Input, Transformation, Output, Customer."),),
        hints=("What happens between input and output?",),
    ),
)


# --- the service blueprint (Shostack 1984; Bitner, Ostrom & Morgan 2008; not from the textbook)

def _coffee(rng: np.random.Generator) -> dict:
    return {"drink_minutes": float(rng.integers(4, 9)) / 2,     # 2 - 4 minutes
            "pastry_minutes": float(rng.integers(9, 15)) / 2}   # 4.5 - 7: the slower one


def _coffee_blueprint(d: dict):
    from coursekit.datasets import load_dataset

    frame = load_dataset("service_blueprints")
    frame = frame[frame["service"] == "coffee-shop order"].copy()
    frame.loc[frame["step"] == "C09", "minutes"] = d["drink_minutes"]
    frame.loc[frame["step"] == "C10", "minutes"] = d["pastry_minutes"]
    return des.blueprint(frame)


def _hotel_blueprint():
    from coursekit.datasets import load_dataset

    return des.blueprint(load_dataset("service_blueprints"), "hotel stay")


def _pickup_wait(d: dict) -> float:
    waits = des.customer_waits(_coffee_blueprint(d))
    return float(waits.loc["C11", "wait"])


register(
    Question(
        "13.10", "In the coffee-shop blueprint (`load_dataset('service_blueprints')`), the "
                 "barista needs `drink_minutes` for the drink and the back oven "
                 "`pastry_minutes` for the pastry. How many minutes does the customer wait "
                 "at 'collect the drink and the pastry'?",
        unit="minutes",
        answer=_pickup_wait, data=_coffee,
        misconceptions=(
            M("drink-only", lambda d: 0.1 + d["drink_minutes"],
              "The customer waits for the *slower* of the two: the pastry in the back oven "
              "is invisible but still holds up the hand-off."),
            M("sum", lambda d: 0.1 + d["drink_minutes"] + d["pastry_minutes"],
              "Drink and pastry are prepared at the same time (both start when the order "
              "reaches the bar), so their minutes do not add up."),
            M("no-till", lambda d: max(d["drink_minutes"], d["pastry_minutes"]),
              "Add the 0.1 minute the till needs to send the order to the bar."),),
        hints=("Use des.blueprint(frame, 'coffee-shop order') after changing the minutes of "
               "C09 and C10, then des.customer_waits.",
               "wait = start of the pick-up - end of 'order and pay'."),
    ),
    Question(
        "13.11", "How many fail points of the hotel-stay blueprint lie below the line of "
                 "visibility (invisible to the guest)?",
        unit="fail points (a count)",
        answer=lambda d: int((~des.fail_points(_hotel_blueprint())["visible"]).sum()),
        misconceptions=(M("all", lambda d: 6, "That counts every fail point; the clerk at the "
                          "desk (onstage) is visible to the guest."),
                        M("visible", lambda d: 1, "That is the number the guest *can* see.")),
        hints=("des.fail_points(bp) has a column 'visible'.",),
    ),
    Question(
        "13.12", "With the coffee-shop minutes of 13.10, the espresso machine fails and the "
                 "drink takes 2 minutes longer. How many minutes longer does the customer wait "
                 "in all?",
        unit="minutes",
        answer=lambda d: des.delay_impact(_coffee_blueprint(d), "C09", 2.0)["added_wait"],
        data=_coffee,
        misconceptions=(M("full", lambda d: 2.0, "The drink has slack: it was ready before the pastry, "
                          "so only the part of the delay beyond the slack reaches the customer."),),
        hints=("des.delay_impact(bp, 'C09', 2)", "slack = pastry minutes - drink minutes if "
               "positive."),
    ),
)


# --- demand, capacity and waiting lines (Erlang 1917; Maister 1985; not from the textbook) -----

def _counter(rng: np.random.Generator) -> dict:
    return {"arrivals_per_hour": int(rng.integers(8, 17)) * 5,
            "service_minutes": float(rng.integers(10, 21)) / 10, "servers": 0}


def _with_servers(d: dict) -> dict:
    load = d["arrivals_per_hour"] / 60 * d["service_minutes"]
    return {**d, "servers": int(np.floor(load)) + 1}


def _queue(d: dict):
    d = _with_servers(d)
    return des.mmc_queue(d["arrivals_per_hour"] / 60, d["service_minutes"], d["servers"])


def _queue_mm1_pooled(d: dict) -> float:
    """Wrong: treats c servers as one server c times as fast (an M/M/1 queue)."""
    d = _with_servers(d)
    lam, mu = d["arrivals_per_hour"] / 60, d["servers"] / d["service_minutes"]
    return lam / (mu * (mu - lam))


register(
    Question(
        "13.13", "Customers arrive at a counter at random, `arrivals_per_hour` per hour; service "
                 "takes `service_minutes` on average (exponential). The counter has the fewest "
                 "servers that keep the queue stable: floor(load) + 1, with load = arrivals per "
                 "minute x service minutes. What is the probability that a customer has to wait "
                 "(Erlang C)?",
        unit="a probability (0-1)",
        answer=lambda d: _queue(d).p_wait, data=_counter,
        misconceptions=(
            M("utilisation", lambda d: _queue(d).utilisation, "That is the utilisation rho; "
              "with more than one server P(wait) = C(c, a) is not rho."),
            M("erlang-b", lambda d: des.erlang_b(_with_servers(d)["servers"],
                                                 _queue(d).offered_load),
              "That is Erlang B, the share *lost* when nobody can queue; with a queue use "
              "C = c B / (c - a (1 - B))."),),
        hints=("load a = lambda / mu in erlangs; servers c = floor(a) + 1.",
               "des.mmc_queue(arrivals_per_hour / 60, service_minutes, c).p_wait"),
    ),
    Question(
        "13.14", "For the counter of 13.13, what is the mean wait in the queue, in minutes?",
        unit="minutes",
        answer=lambda d: _queue(d).mean_wait, data=_counter,
        misconceptions=(
            M("no-c", lambda d: 1 / (_with_servers(d)["servers"] / d["service_minutes"]
                                     - d["arrivals_per_hour"] / 60),
              "Multiply by P(wait): Wq = C / (c mu - lambda); only the customers who find all "
              "servers busy wait."),
            M("mm1", _queue_mm1_pooled, "c servers are not one server c times as fast: a "
              "customer in service cannot be split between servers."),
            M("in-system", lambda d: _queue(d).mean_time_in_system, "That is the time in the "
              "system (wait + service); the question asks for the wait in the queue."),),
        hints=("Wq = P(wait) / (c mu - lambda), mu = 1 / service_minutes per minute.",),
    ),
    Question(
        "13.15", "Same arrivals and service time as 13.13. How many servers does the counter "
                 "need so that the mean wait in the queue is at most 0.5 minutes?",
        unit="servers (a count)",
        answer=lambda d: des.servers_needed(d["arrivals_per_hour"] / 60, d["service_minutes"],
                                            max_mean_wait=0.5), data=_counter,
        misconceptions=(M("stable-only", lambda d: _with_servers(d)["servers"],
                          "That only keeps the queue from growing without end; add servers "
                          "until Wq <= 0.5 min."),),
        hints=("des.servers_needed(rate, service_minutes, max_mean_wait=0.5)",
               "Try c, c + 1, ... and compute Wq each time."),
    ),
    Question(
        "13.16", "A bank puts a screen with news and the expected wait next to its queue. Which "
                 "of Maister's propositions does the *expected wait* on the screen work on?",
        kind="choice", options=tuple(des.MAISTER_PRINCIPLES),
        answer=lambda d: "uncertain",
        misconceptions=(M("unoccupied", lambda d: "unoccupied", "The news occupies customers; "
                          "the stated wait removes uncertainty: uncertain waits feel longer "
                          "than known, finite waits."),),
        hints=("Which condition does announcing the wait take away?",),
    ),
)


# --- the servicescape (Bitner 1992; seed S2 gap factors) ------------------------------------
register(
    Question(
        "13.17", "A hotel's new marble lobby suggests a level of personal service its thin "
                 "staffing cannot deliver. In which gap of the gaps model does this servicescape "
                 "problem sit (seed S2)?",
        kind="choice", options=tuple(des.SERVICESCAPE_IN_GAPS), answer=lambda d: "gap 4",
        misconceptions=(M("gap2", lambda d: "gap 2", "Gap 2 holds a servicescape that does not "
                          "fit customers' expectations or needs; a lobby that *promises* more "
                          "than the service delivers is overpromising through physical evidence "
                          "cues: gap 4, the communication gap."),
                        M("customer", lambda d: "customer gap", "The customer gap is the result "
                          "(perceptions below expectations); the cause named here is a promise "
                          "made by physical evidence."),),
        hints=("Which gap is about promises made to customers?",
               "des.servicescape_gaps() lists where the servicescape enters each gap."),
    ),
)


# --- co-creation (issue 19 item 13): S-D logic and customer participation -----------------
register(
    Question(
        "13.21", "Two customers get the same kitchen design, better than either expected. One "
                 "designed it herself with the store's planning software; the other had the "
                 "store's designer do it. According to Bendapudi & Leone (2003), how is the "
                 "self-designer's satisfaction with the store compared with the other "
                 "customer's?",
        kind="choice", options=("lower", "the same", "higher"),
        answer=lambda d: "lower",
        misconceptions=(
            M("participation-always-pays", lambda d: "higher",
              "Participation does not simply raise satisfaction. By the self-serving bias, a "
              "customer who helped produce a good outcome takes the credit for it, so the firm "
              "gets less: her satisfaction with the store is lower."),
            M("same-outcome-same-satisfaction", lambda d: "the same",
              "Same outcome, but not the same attribution: customers who took part credit "
              "themselves for a better-than-expected result (self-serving bias)."),
        ),
        hints=("Who does a customer credit for a good result she helped to produce?",),
        explanation="Bendapudi & Leone (2003), study 1: with an identical outcome, satisfaction "
                    "with the firm depends on participation (self-serving bias).",
    ),
    Question(
        "13.22", "Which foundational premise of service-dominant logic (Vargo & Lusch 2004) "
                 "makes every customer a 'partial employee'? Give its number (1-8).",
        unit="a premise number (1-8)",
        answer=lambda d: 6,
        misconceptions=(
            M("value-propositions", lambda d: 7,
              "FP7 says the firm can only make value propositions (value is realised in use). "
              "The premise about the customer's part in production is FP6: the customer is "
              "always a co-producer."),
            M("skills", lambda d: 1,
              "FP1 is about skills and knowledge as the unit of exchange. The customer as "
              "co-producer is FP6."),
        ),
        hints=("des.premises_for_roles() lists the premises about customer roles.",),
    ),
)
