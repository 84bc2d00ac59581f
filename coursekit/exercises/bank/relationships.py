"""Questions of module 11, relationships and loyalty (TB 1.2, 2.1, 7.3-7.4; S0, S2, S3)."""
from __future__ import annotations

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models import relationships as rel
from coursekit.models.relationships import word_of_mouth as wom

M = Misconception


def _bucket(rng: np.random.Generator) -> dict:
    return {"acquired": float(rng.integers(4, 16) * 10), "retention": float(rng.integers(60, 91)) / 100}


def _chain(rng: np.random.Generator) -> dict:
    return {"partner": float(rng.integers(10, 31)) / 100, "lose_friend": float(rng.integers(5, 16)) / 100}


def _friends_time(d: dict) -> float:
    P = rel.stage_chain(partner=d["partner"], lose_friend=d["lose_friend"])
    return float(rel.expected_time_to(P)["friends"])


register(
    Question(
        "11.1", "A customer spends $75 per purchase at a 30 % gross profit and makes five "
                "purchases over five years. What is her simple lifetime value (dollars)?",
        unit="dollars",
        answer=lambda d: rel.simple_lifetime_value(75, 0.30, 5),
        misconceptions=(
            M("one-purchase", lambda d: 22.5, "That is the value of one purchase; multiply by "
              "the number of purchases (TB 7.4)."),
            M("revenue", lambda d: 375.0, "That is revenue (75 x 5). Lifetime value uses the "
              "gross profit: multiply by 30 %."),
        ),
        hints=("Dollar value of purchase x gross profit % x number of purchases.",),
    ),
    Question(
        "11.2", "Three notes a day, every working day: how many contacts by the end of the "
                "year (TB 7.4, 'It's the little things')?",
        unit="contacts (a count)",
        answer=lambda d: rel.little_things_contacts(3)[1],
        misconceptions=(
            M("365-days", lambda d: 3 * 365, "Notes are written on working days: 15 a week, "
              "and the text counts 50 weeks."),
            M("52-weeks", lambda d: 15 * 52, "The textbook's 750 assumes 50 working weeks "
              "(15 x 50)."),
        ),
        hints=("How many contacts a week?", "15 a week x 50 working weeks."),
    ),
    Question(
        "11.3", "A firm wins `acquired` new customers each period and keeps a share "
                "`retention` of its customers from one period to the next. How many customers "
                "does its leaky bucket hold in the long run?",
        unit="customers",
        answer=lambda d: rel.leaky_bucket_steady_state(d["acquired"], d["retention"]),
        data=_bucket,
        misconceptions=(
            M("retention-for-churn", lambda d: d["acquired"] / d["retention"],
              "You divided by the retention rate; the bucket fills until losses "
              "(1 - r) x N equal acquisitions, so N = a / (1 - r)."),
            M("times-retention", lambda d: d["acquired"] * d["retention"],
              "That is how many of one period's recruits stay a period, not the long-run base."),
        ),
        hints=("In the long run, customers in = customers out.", "Out = (1 - r) x N."),
    ),
    Question(
        "11.4", "A firm's defection rate falls from 10 % to 5 % a year (as at MBNA). By what "
                "factor does the expected customer lifetime grow?",
        unit="a factor (times as long)",
        answer=lambda d: float(rel.expected_lifetime(0.95) / rel.expected_lifetime(0.90)),
        misconceptions=(
            M("five-percent", lambda d: 1.05, "Retention rises by only 5 points, but lifetime "
              "is 1 / defection: 1/0.10 = 10 years becomes 1/0.05 = 20 years."),
            M("retention-ratio", lambda d: 0.95 / 0.90, "Lifetime is 1 / (1 - retention), "
              "not proportional to retention."),
        ),
        hints=("Expected lifetime = 1 / defection rate.",),
    ),
    Question(
        "11.5", "Cutting defection from 10 % to 5 % adds 5 % more customers next year. Fixed "
                "costs are 80 % of the firm's contribution. By what share does next year's "
                "profit rise (0.25 = 25 %)?",
        unit="a proportion (0-1)",
        answer=lambda d: rel.retention_profit_uplift(0.10, 0.05, 0.80),
        misconceptions=(
            M("revenue-growth", lambda d: 0.05, "5 % is the growth in contribution. Profit is "
              "what is left after fixed costs, so the same gain is a larger share of it."),
            M("fixed-share", lambda d: 0.80, "Profit is 20 % of contribution; the gain is 5 % "
              "of contribution, so profit rises by 0.05 / 0.20."),
        ),
        hints=("Profit = contribution - fixed costs = 0.20 x contribution.",
               "Gain = 0.05 x contribution."),
        explanation="That is next year's gain, and over one year it depends on fixed costs. Over "
                    "a longer horizon the customer base keeps growing: with no fixed costs the "
                    "same cut gives +24 % over ten years and +100 % once the base has settled. "
                    "The textbook only says 'depending on fixed costs' (TB 2.1); Reichheld & "
                    "Sasser (1990) explain the effect by profit per customer rising with tenure.",
    ),
    Question(
        "11.6", "Which relationship bond level is 'integrated information systems' with a "
                "business customer (S2)?",
        kind="choice", options=("financial", "social", "customization", "structural"),
        answer=lambda d: "structural",
        misconceptions=(M("customization", lambda d: "customization",
                          "Customization bonds tailor the offer (customer intimacy, mass "
                          "customization); shared systems and investments are structural."),),
        hints=("Level 4 bonds tie the firms' processes together.",),
    ),
    Question(
        "11.7", "In the four-stage chain (stage_chain) with friends -> partners probability "
                "`partner` and friends lost `lose_friend` (other values at their defaults), how "
                "many periods does a friend need on average to become a partner?",
        unit="periods",
        answer=_friends_time, data=_chain,
        misconceptions=(M("ignore-loss", lambda d: 1 / d["partner"],
                          "1 / p ignores that friends can be lost and must climb again from "
                          "strangers; use the fundamental matrix (expected_time_to)."),),
        hints=("rel.expected_time_to(rel.stage_chain(partner=..., lose_friend=...))",),
    ),
    Question(
        "11.8", "Which of these is a firm benefit of relationships (S0, S2): 'confidence', "
                "'special treatment' or 'customer voluntary performance'?",
        kind="choice", options=("confidence", "special treatment",
                                "customer voluntary performance"),
        answer=lambda d: "customer voluntary performance",
        misconceptions=(M("customer-side", lambda d: "confidence",
                          "Confidence and special treatment are benefits for the customer."),),
        hints=("Which one describes something the customer does for the firm?",),
    ),
    Question(
        "11.9", "Defection management: which step comes right after 'train employees in "
                "defection management' (S3)?",
        kind="choice", options=rel.DEFECTION_STEPS,
        answer=lambda d: "tie incentives to defection rates",
        misconceptions=(M("barriers", lambda d: "develop switching barriers",
                          "Switching barriers are the last step; first reward employees for "
                          "keeping customers."),),
        hints=("The five steps: culture, communicate, train, incentives, barriers.",),
    ),
)


# --- TB 1.3: the three threads ------------------------------------------------------------------

def _wom(rng: np.random.Generator) -> dict:
    return {"customers": float(rng.integers(5, 31) * 10),
            "conversion": float(rng.integers(4, 16)) / 100,
            "purchases": float(rng.integers(4, 31) * 100)}


def _first_generation(d: dict) -> float:
    return float(wom.referral_cascade(d["customers"], tell=5, conversion=d["conversion"],
                                      generations=1)["new_customers"].iloc[0])


register(
    Question(
        "11.10", "`customers` satisfied customers each tell five other people (TB 1.3); a share "
                 "`conversion` of the people told buy. How many new customers does this first "
                 "round of word of mouth bring?",
        unit="customers",
        answer=_first_generation, data=_wom,
        misconceptions=(
            M("told-not-bought", lambda d: d["customers"] * 5,
              "That is how many people hear about the firm; only a share of them buy."),
            M("no-tell-five", lambda d: d["customers"] * d["conversion"],
              "Each satisfied customer tells five people, not one."),
        ),
        hints=("People told = customers x 5.", "New customers = people told x conversion."),
    ),
    Question(
        "11.11", "Of `purchases` purchases, what is the largest number for which word of mouth "
                 "was the primary factor, using the textbook's range (TB 1.3)?",
        unit="purchases (a count)",
        answer=lambda d: float(d["purchases"] * 0.50), data=_wom,
        misconceptions=(
            M("low-end", lambda d: float(d["purchases"] * 0.20),
              "That is the low end of the range (20 %); the question asks for the largest."),
        ),
        hints=("Word of mouth is the primary factor in 20-50 % of purchasing decisions.",),
    ),
)


# --- the service-profit chain and switching behaviour (issue 19 items 6 and 12) -------------
def _chain_slopes(rng: np.random.Generator) -> dict:
    """Estimated slopes of a service-profit chain that splits at employee satisfaction."""
    r2 = lambda lo, hi: round(float(rng.uniform(lo, hi)), 2)  # noqa: E731
    return {"isq_to_es": r2(0.4, 0.8), "es_to_retention": r2(3.0, 6.0),
            "es_to_productivity": r2(2.0, 4.0), "retention_to_value": round(
                float(rng.uniform(0.02, 0.04)), 3),
            "productivity_to_value": round(float(rng.uniform(0.03, 0.07)), 3),
            "value_to_cs": r2(0.6, 0.9), "cs_to_loyalty": r2(6.0, 10.0),
            "loyalty_to_growth": r2(0.2, 0.4)}


def _arrows(d: dict) -> dict:
    return {("employee_satisfaction", "internal_service_quality"): d["isq_to_es"],
            ("employee_retention", "employee_satisfaction"): d["es_to_retention"],
            ("employee_productivity", "employee_satisfaction"): d["es_to_productivity"],
            ("service_value", "employee_retention"): d["retention_to_value"],
            ("service_value", "employee_productivity"): d["productivity_to_value"],
            ("customer_satisfaction", "service_value"): d["value_to_cs"],
            ("customer_loyalty", "customer_satisfaction"): d["cs_to_loyalty"],
            ("revenue_growth", "customer_loyalty"): d["loyalty_to_growth"]}


def _isq_effect(d: dict, *, only_retention: bool = False, added: bool = False) -> float:
    arrows = _arrows(d)
    if only_retention:
        arrows.pop(("service_value", "employee_productivity"))
    if added:
        return float(sum(arrows.values()))
    return rel.chain_effect(arrows, "internal_service_quality", "revenue_growth")


register(
    Question(
        "11.21", "A bank estimated its service-profit chain (slopes in `exercise_data('11.21')`, "
                 "each per unit of the cause). Employee satisfaction drives both retention and "
                 "productivity, which both drive service value. By how many points of revenue "
                 "growth does one more point of internal service quality raise growth?",
        data=_chain_slopes, answer=_isq_effect,
        misconceptions=(
            M("one-path", lambda d: _isq_effect(d, only_retention=True),
              "You followed only the retention path. The chain splits at employee "
              "satisfaction: add the productivity path (products along each path, then sum)."),
            M("added-slopes", lambda d: _isq_effect(d, added=True),
              "Effects along a chain multiply, they do not add: one point more of ISQ raises "
              "employee satisfaction by its slope, which raises the next link by that times "
              "the next slope, and so on."),
        ),
        hints=("Multiply the slopes along each path from ISQ to growth.",
               "There are two paths (via retention and via productivity): add their products. "
               "rel.chain_effect does it."),
        explanation="Heskett et al. (1994): effects multiply along the chain (Alwin & Hauser "
                    "1975).",
    ),
    Question(
        "11.22", "In Keaveney's (1995) study of why customers switch service providers, which "
                 "category did the most respondents name?",
        kind="choice", options=tuple(c["category"] for c in rel.SWITCHING_CAUSES),
        answer=lambda d: str(rel.switching_causes().index[0]),
        misconceptions=(
            M("pricing", lambda d: "pricing",
              "Price matters (30% named it), but core service failures - mistakes, billing "
              "errors, catastrophes - were named by 44%."),
            M("competition", lambda d: "competition",
              "Only 10% were pulled away by a competitor: most customers are pushed out by "
              "what the firm does."),
        ),
        hints=("Were customers mostly pulled by competitors or pushed by the firm?",),
    ),
)
