"""Questions of module 12, service failure and recovery (chapter 8 material: seeds S0, S2, S3).

Misconceptions with feedback: only one of the two complaint-type dimensions, the paradox
conditions reversed, loss aversion or curvature forgotten, silent customers counted as 1/c,
the recovery cost forgotten, false guarantee claims ignored, and satisfaction confused with
repurchase intentions (de Matos, Henrique & Rossi 2007).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models.recovery import complaints, guarantees
from coursekit.models import recovery as rc
from coursekit.models.recovery import research

M = Misconception
_LAMBDA, _ALPHA = 2.25, 0.88

_CONDITIONS = ("minor failure", "severe failure", "first failure", "repeated failure",
               "stable cause", "unstable cause", "cause controlled by the firm",
               "cause outside the firm's control")
_FAVOURABLE = ["minor failure", "first failure", "unstable cause",
               "cause outside the firm's control"]


def _severity(rng: np.random.Generator) -> dict:
    return {"severity": float(rng.choice([0.3, 0.4, 0.5, 0.6, 0.8, 1.0]))}


def _complaint_rate(rng: np.random.Generator) -> dict:
    return {"complaint_rate": float(rng.choice([0.02, 0.04, 0.05, 0.08, 0.1]))}


def _programme(rng: np.random.Generator) -> dict:
    return {"recovery_cost": float(rng.integers(2, 9) * 10),
            "customer_value": float(rng.integers(3, 9) * 100),
            "retention_recovered": float(rng.choice([0.75, 0.8, 0.85, 0.9])),
            "retention_silent": float(rng.choice([0.4, 0.5, 0.6]))}


def _per_complaint(d: dict) -> float:
    return complaints.complaint_economics(customers=1, failure_rate=1, complaint_rate=1,
                                          **d).value_per_extra_complaint


@lru_cache(maxsize=1)
def _anova_table():
    """Type-II ANOVA of satisfaction in the recovery experiment (full factorial).

    Fitted once: the answer and its misconception read the same table (do not modify it).
    """
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    from coursekit.datasets import load_dataset

    fit = smf.ols("satisfaction ~ C(severity) * C(recovery) * C(attribution)",
                  load_dataset("recovery_experiment")).fit()
    return sm.stats.anova_lm(fit, typ=2)


def _eta(d: dict, partial: bool = True) -> float:
    t = _anova_table()
    ss = t.loc["C(recovery)", "sum_sq"]
    return float(ss / (ss + t.loc["Residual", "sum_sq"]) if partial else ss / t["sum_sq"].sum())


def _guarantee(rng: np.random.Generator) -> dict:
    return {"customers": 10_000.0, "failure_rate": float(rng.choice([0.05, 0.08, 0.1])),
            "invocation_rate": float(rng.choice([0.4, 0.5, 0.6])), "payout": 50.0,
            "customer_value": float(rng.integers(3, 7) * 100), "retention_invoked": 0.8,
            "retention_silent": 0.5, "false_claim_rate": float(rng.choice([0.01, 0.02]))}


def _break_even(d: dict, false_claims: bool = True) -> float:
    kw = dict(d) if false_claims else {**d, "false_claim_rate": 0.0}
    return guarantees.guarantee_economics(**kw).break_even_payout


register(
    Question(
        "12.1", "A hotel guest writes: 'The front desk lost my booking - I expect a refund for "
                "the night.' Which complaint types is this? (a list: one per dimension)",
        kind="choices", options=tuple(complaints.COMPLAINT_TYPES),
        answer=lambda d: ["instrumental", "ostensive"],
        misconceptions=(
            M("one-dimension", lambda d: ["instrumental"],
              "Right on the first dimension (the guest expects action), but a complaint also "
              "says whom the customer blames: here someone else - ostensive."),
            M("blame-only", lambda d: ["ostensive"],
              "Right on whom the guest blames; the guest also expects a resolution "
              "(a refund), which makes it instrumental."),
        ),
        hints=("The four types are two pairs: does the customer expect action, and whom does "
               "the customer blame?",),
        explanation="Instrumental (expects a resolution) and ostensive (blames someone else).",
    ),
    Question(
        "12.2", "Under which conditions is the service recovery paradox more likely? "
                "(a list of options)",
        kind="choices", options=_CONDITIONS, answer=lambda d: _FAVOURABLE,
        misconceptions=(
            M("controllable", lambda d: ["minor failure", "first failure", "unstable cause",
                                         "cause controlled by the firm"],
              "A failure the firm could have prevented makes customers blame it; the paradox "
              "needs a cause the firm had little control over (seed S0)."),
            M("stable", lambda d: ["minor failure", "first failure", "stable cause",
                                   "cause outside the firm's control"],
              "A stable cause will happen again, so a good recovery does not reassure; the "
              "paradox needs an unstable (one-off) cause."),
        ),
        hints=("Four conditions, one from each pair.",
               "Think of what the customer expects for the next visit."),
        explanation="Not severe, no prior failures, unstable cause, little control by the firm: "
                    "'conditions must be just right'.",
    ),
    Question(
        "12.3", "With prospect theory (curvature 0.88, loss aversion 2.25), a failure is a loss "
                "of `severity` scale points. By how many points does it lower satisfaction?",
        unit="scale points",
        answer=lambda d: -rc.prospect_value(-d["severity"]), data=_severity,
        misconceptions=(
            M("no-loss-aversion", lambda d: d["severity"] ** _ALPHA,
              "You used the curvature but not the loss aversion: losses are weighted 2.25 "
              "times."),
            M("linear", lambda d: _LAMBDA * d["severity"],
              "You used loss aversion but forgot the curvature: v(-x) = -2.25 x^0.88."),
            M("face-value", lambda d: d["severity"],
              "That is the size of the loss itself; prospect theory weights it: 2.25 x^0.88."),
        ),
        hints=("v(x) = -lambda (-x)^beta for a loss.", "Answer with a positive number."),
    ),
    Question(
        "12.4", "In the model's default *segregated* framing (failure and recovery in separate "
                "mental accounts) and without any spread between customers, how large (in scale "
                "points) must the recovery's gain g be for the paradox to appear after a failure "
                "of `severity`? Give the threshold g* with g*^0.88 = 2.25 x severity^0.88.",
        unit="scale points",
        answer=lambda d: _LAMBDA ** (1 / _ALPHA) * d["severity"], data=_severity,
        misconceptions=(
            M("undo", lambda d: d["severity"],
              "A gain equal to the loss is the threshold only if the customer nets failure and "
              "recovery (the integrated framing). In the segregated framing asked for here, "
              "losses loom larger than gains: solve g^0.88 = 2.25 x severity^0.88."),
            M("no-root", lambda d: _LAMBDA * d["severity"],
              "Close: you multiplied by 2.25, but g enters as g^0.88, so the factor is "
              "2.25^(1/0.88)."),
        ),
        hints=("Take both sides to the power 1/0.88.",),
        explanation="About 2.5 times the loss - but only because the model keeps the two in "
                    "separate accounts. Under integration (Thaler's hedonic editing for a gain "
                    "larger than the loss) any recovery larger than the failure suffices, so the "
                    "factor follows from the framing assumption; it does not explain why "
                    "recovery 'must be superlative'.",
    ),
    Question(
        "12.5", "If a share `complaint_rate` of dissatisfied customers complain, how many "
                "dissatisfied customers stay silent for every complaint the firm hears?",
        unit="silent customers per complaint",
        answer=lambda d: complaints.silent_per_complaint(d["complaint_rate"]),
        data=_complaint_rate,
        misconceptions=(M("all", lambda d: 1 / d["complaint_rate"],
                          "1/c counts all dissatisfied customers per complaint, the "
                          "complainer included; the silent ones are (1 - c)/c."),),
        hints=("Out of 1/c dissatisfied customers, one complains.",),
    ),
    Question(
        "12.6", "Recovering a complaining customer costs `recovery_cost` and keeps them with "
                "probability `retention_recovered` instead of `retention_silent`; a retained "
                "customer is worth `customer_value`. What is one more complaint worth to the "
                "firm (currency units)?",
        unit="currency units",
        answer=_per_complaint, data=_programme,
        misconceptions=(
            M("no-cost", lambda d: (d["retention_recovered"] - d["retention_silent"])
              * d["customer_value"], "You forgot to subtract the cost of the recovery."),
            M("no-baseline", lambda d: d["retention_recovered"] * d["customer_value"]
              - d["recovery_cost"],
              "Some silent customers stay anyway: only the retention *gain* "
              "(recovered minus silent) is earned by the recovery."),
        ),
        hints=("Value = (retention gain) x customer value - recovery cost.",),
        explanation="When this is positive, encouraging complaints (recovery strategy 2) pays.",
    ),
    Question(
        "12.7", "A guarantee (data in the dict) pays `payout` per claim. Claims come from "
                "failed customers who invoke it and from a share `false_claim_rate` of "
                "customers without a failure. Up to what payout per claim does it still pay "
                "(the break-even payout)?",
        unit="currency units per claim",
        answer=_break_even, data=_guarantee, rtol=1e-3,
        misconceptions=(M("no-false-claims", lambda d: _break_even(d, false_claims=False),
                          "You ignored the false claims: they cost a payout too but keep no "
                          "customer, so the break-even payout is lower."),),
        hints=("Break-even payout = value of the saved customers / number of claims.",
               "Claims = genuine + false."),
    ),
    Question(
        "12.8", "True or False: the meta-analysis of de Matos, Henrique & Rossi (2007) found "
                "that the recovery paradox raises repurchase intentions.",
        kind="bool", answer=lambda d: False,
        misconceptions=(M("satisfaction", lambda d: True,
                          "It found a significant effect on satisfaction, but not on "
                          "repurchase intentions, word of mouth or corporate image - as "
                          "the chapter summary says (seed S0)."),),
        hints=("Satisfaction and intentions are different outcomes.",),
    ),
    Question(
        "12.9", "'Empower employees' is a practice of which of the eight recovery strategies?",
        kind="choice", options=tuple(s.name for s in rc.RECOVERY_STRATEGIES),
        answer=lambda d: "Act quickly",
        misconceptions=(M("fairly", lambda d: "Treat customers fairly",
                          "Fair treatment is strategy 5; empowerment lets the front line "
                          "act at once - strategy 3, act quickly."),),
        hints=("Empowered employees fix a problem without waiting for a manager.",),
    ),
    Question(
        "12.10", "With the course model's defaults and a full recovery, what share of customers "
                 "(a proportion) ends up more satisfied than with no failure after a failure of "
                 "`severity`?",
        unit="a proportion (0-1)",
        answer=lambda d: rc.paradox_share(severity=d["severity"], recovery="full"),
        data=_severity, rtol=0.02, atol=0.005,
        misconceptions=(M("repeat", lambda d: rc.paradox_share(
            severity=d["severity"], recovery="full", prior_failures=1),
            "That is the share after a second failure (prior_failures=1); this is the "
            "first."),),
        hints=("Use rc.paradox_share(severity=..., recovery='full').",),
    ),
    Question(
        "12.11", "In the recovery experiment (dataset `recovery_experiment`), fit the full "
                 "factorial OLS model satisfaction ~ severity x recovery x attribution and its "
                 "type-II ANOVA. What is the partial eta squared of the recovery factor?",
        unit="a partial eta squared (0-1)",
        answer=_eta, rtol=1e-3,
        misconceptions=(M("eta-squared", lambda d: _eta(d, partial=False),
                          "That is eta squared (SS / total SS). Partial eta squared divides by "
                          "SS_recovery + SS_residual only."),),
        hints=("statsmodels: smf.ols(...).fit(), then sm.stats.anova_lm(fit, typ=2).",
               "partial eta^2 = SS_effect / (SS_effect + SS_residual)."),
        explanation="A medium-to-large effect by Cohen's benchmarks (0.01 small, 0.06 medium, "
                    "0.14 large); severity has the largest effect.",
    ),
)


# --- recovery research (issue 19 item 12): the four justice dimensions ---------------------
register(
    Question(
        "12.21", "After a flight is cancelled, the airline texts every passenger why (a "
                 "technical fault found at inspection), when the replacement flight leaves, and "
                 "what it changed in its maintenance checks. Which justice dimension does this "
                 "raise most directly (Colquitt 2001)?",
        kind="choice", options=tuple(research.JUSTICE_DIMENSIONS),
        answer=lambda d: research.RECOVERY_ACTIONS["explanation"],
        misconceptions=(
            M("interpersonal", lambda d: "interpersonal",
              "Interpersonal justice is about respect and courtesy - an apology, a friendly "
              "tone. Telling customers why it happened and what is being done is "
              "informational justice: the route by which explanations work."),
            M("procedural", lambda d: "procedural",
              "Procedural justice is about the process of handling the problem (speed, "
              "flexibility, a say for the customer). An explanation changes what the customer "
              "knows, not how the case is handled: informational justice."),
        ),
        hints=("Colquitt (2001) split interactional justice into two parts: how people are "
               "treated, and what they are told.",),
        explanation="Explanations act through informational justice; they help when adequate, "
                    "candid and timely, and do not replace fair compensation (distributive).",
    ),
)
