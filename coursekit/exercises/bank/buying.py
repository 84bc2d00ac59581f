"""Questions of module 02, buying behaviour (TB 1.1, 2.1, 5.1.8)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models import buying
from coursekit.models.buying import choice

M = Misconception
BEHAVIOURS = tuple(buying.BUYING_BEHAVIOURS["name"])


def _need(rng: np.random.Generator) -> dict:
    return {"gap": float(rng.integers(2, 10) / 10), "importance": float(rng.integers(2, 10) / 10),
            "threshold": 0.25}


def _funnel(rng: np.random.Generator) -> dict:
    return {"n": int(rng.integers(5, 20) * 100),
            "rates": [float(x) for x in (rng.integers(5, 10, 4) / 10)]}


def _at_decision(d: dict, decision: str = "complex") -> float:
    """How many of the ``n`` buyers enter stage 4 (the purchase decision)."""
    return float(buying.buying_funnel(d["n"], d["rates"], decision=decision)["entering"].iloc[3])


def _options(rng: np.random.Generator) -> dict:
    w = rng.integers(1, 6, 3).astype(float)
    return {"weights": dict(zip(["price", "suction", "warranty"], (w / w.sum()).round(3)
                                .tolist())),
            "scores": [float(x) for x in rng.integers(0, 11, 3) / 10]}


def _utility(d: dict, weighted: bool = True) -> float:
    s = pd.DataFrame([d["scores"]], columns=list(d["weights"]))
    w = d["weights"] if weighted else {k: 1.0 for k in d["weights"]}
    return float(choice.compensatory_scores(s, w).iloc[0])


def _top_two(rng: np.random.Generator) -> dict:
    u1 = float(rng.integers(65, 80)) / 100
    return {"u_first": u1, "u_second": round(u1 - float(rng.integers(3, 15)) / 100, 2)}


_LEX = pd.DataFrame({"price": [0.9, 1.0, 0.4], "suction": [0.9, 0.2, 1.0]},
                    index=["Model A", "Model B", "Model C"])

register(
    Question(
        "02.1", "A shopper's gap between what she has and what she needs is `gap` and the "
                "importance of the problem is `importance` (both 0-1). What is the urgency "
                "gap x importance?",
        unit="a number between 0 and 1",
        answer=lambda d: buying.need_recognition(d["gap"], d["importance"]).urgency,
        data=_need,
        misconceptions=(M("average", lambda d: (d["gap"] + d["importance"]) / 2,
                          "You averaged the two factors. In the workbook's model they multiply: "
                          "a huge gap with no importance gives no urgency at all."),),
        hints=("Urgency = gap x importance.",),
    ),
    Question(
        "02.2", "With the same numbers and an action threshold of 0.25, does she move on to the "
                "information search (True/False)?",
        kind="bool", data=_need,
        answer=lambda d: buying.need_recognition(d["gap"], d["importance"], d["threshold"]).acts,
        misconceptions=(M("gap-only", lambda d: d["gap"] >= 0.5,
                          "You judged by the size of the gap alone. The man who wants a Lexus "
                          "has a large gap but does not act: importance matters too (TB 1.1)."),),
        hints=("Compare gap x importance with 0.25.",),
    ),
    Question(
        "02.3", "`n` buyers recognise a problem; the shares moving on from stage 1->2, 2->3, "
                "3->4 and 4->5 are `rates`. How many reach the purchase decision (stage 4)?",
        unit="buyers",
        answer=_at_decision, data=_funnel,
        misconceptions=(
            M("all-rates", lambda d: d["n"] * float(np.prod(d["rates"])),
              "You used all four rates: that is the number reaching stage 5 (postpurchase). "
              "Stage 4 needs the first three."),
            M("last-only", lambda d: d["n"] * d["rates"][2],
              "Drop-out compounds: multiply the rates of every earlier stage, not just one."),
        ),
        hints=("Start with n at stage 1.", "Multiply by the rate of each step you pass."),
    ),
    Question(
        "02.4", "Same data, but the purchase is a simple (routine) decision. How many reach "
                "stage 4 now?",
        unit="buyers",
        answer=lambda d: _at_decision(d, "simple"), data=_funnel,
        misconceptions=(M("no-skip", _at_decision,
                          "That is the complex path. Simple decision making bypasses the second "
                          "and third stages (TB 1.1), so only the 3->4 drop-out applies."),),
        hints=("Which stages does a routine purchase skip?",),
    ),
    Question(
        "02.5", "A vacuum cleaner scores `scores` (0-1) on price, suction and warranty; the "
                "importance weights are `weights`. What is its compensatory (weighted-additive) "
                "utility?",
        unit="utility between 0 and 1",
        answer=_utility, data=_options,
        misconceptions=(M("unweighted", lambda d: _utility(d, weighted=False),
                          "You averaged the scores without weighting them by importance."),),
        hints=("Multiply each score by its weight and add up.",),
    ),
    Question(
        "02.6", "Your first choice has utility `u_first`, the runner-up `u_second`. The first "
                "choice cannot be had in time (availability 0), the runner-up can "
                "(availability 1). Above which weight on availability does the runner-up win? "
                "(The other weights are scaled by 1 - w.)",
        unit="a weight between 0 and 1",
        answer=lambda d: choice.reversal_weight(d["u_first"], d["u_second"], 0.0, 1.0),
        data=_top_two,
        misconceptions=(M("difference", lambda d: d["u_first"] - d["u_second"],
                          "The utility gap is not the weight: as w grows the other weights "
                          "shrink by (1 - w) too. Solve (1-w)U1 = (1-w)U2 + w."),),
        hints=("Utility with availability: (1 - w) U + w a.",
               "Set the two utilities equal and solve for w."),
    ),
    Question(
        "02.7", "Scores: Model A price 0.9, suction 0.9; Model B price 1.0, suction 0.2; "
                "Model C price 0.4, suction 1.0. Which model does a lexicographic buyer who "
                "ranks price first pick?",
        kind="choice", options=tuple(_LEX.index),
        answer=lambda d: choice.lexicographic_choice(_LEX, ["price", "suction"]),
        misconceptions=(M("compensatory", lambda d: "Model A",
                          "Model A wins when good suction can make up for a slightly higher "
                          "price (compensatory). The lexicographic rule looks at price first and "
                          "only uses suction to break ties."),),
        hints=("Look only at price first.",),
    ),
    Question(
        "02.8", "Buying consumer electronics involves high involvement but few differences "
                "between brands. Which buying behaviour is that?",
        kind="choice", options=BEHAVIOURS,
        answer=lambda d: buying.buying_behaviour("high", "few").name,
        misconceptions=(M("complex", lambda d: "complex",
                          "Complex buying behaviour needs high involvement *and* significant "
                          "brand differences (houses, kitchen renovation)."),
                        M("habitual", lambda d: "habitual",
                          "Habitual buying is low involvement with few brand differences."),),
        hints=("Find the cell high involvement x few brand differences.",),
    ),
    Question(
        "02.9", "Orange juice and snacks: which involvement level does the textbook give them?",
        kind="choice", options=("low", "moderate", "high"), answer=lambda d: "moderate",
        misconceptions=(M("low", lambda d: "low",
                          "Low involvement is for habitual purchases such as dish washing "
                          "liquid; orange juice and snacks are simple decisions that may need "
                          "some evaluation of alternatives."),),
        hints=("Habitual, simple or extensive decision?",),
    ),
    Question(
        "02.10", "In a B2B buying centre, the receptionist who screens salespeople's calls "
                 "plays which role?",
        kind="choice", options=tuple(buying.BUYING_CENTRE_ROLES.index),
        answer=lambda d: "gatekeeper",
        misconceptions=(M("influencer", lambda d: "influencer",
                          "An influencer shapes the decision (specifications, vendor ideas). "
                          "Controlling the flow of information to the buying centre is the "
                          "gatekeeper's role."),),
        hints=("Who controls the flow of information?",),
    ),
    Question(
        "02.11", "\"I'll keep buying this brand or patronizing that business, regardless.\" "
                 "Which component of loyalty is this?",
        kind="choice", options=tuple(buying.LOYALTY_COMPONENTS),
        answer=lambda d: "behavior",
        misconceptions=(M("attitude", lambda d: "attitude",
                          "Attitude is how the customer feels about the brand; continuing to "
                          "buy is the behaviour component."),),
        hints=("Is it a feeling or an action?",),
    ),
    Question(
        "02.12", "Code the pharmacy quote \"The staff makes me feel like part of the family.\" "
                 "as convenience, relationship or emotional loyalty.",
        kind="choice", options=("convenience", "relationship", "emotional"),
        answer=lambda d: buying.PHARMACY_QUOTES.set_index("quote").loc[
            "The staff makes me feel like part of the family.", "ground"],
        misconceptions=(M("relationship", lambda d: "relationship",
                          "The relationship code is for trust in a particular pharmacist. This "
                          "quote is about how the store makes the customer feel."),),
        hints=("Paul Gauvreau concluded the pharmacy differentiated itself by how it made "
               "customers feel.",),
    ),
)
