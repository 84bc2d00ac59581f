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
