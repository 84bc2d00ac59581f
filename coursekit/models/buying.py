"""Consumer and business buying behaviour (TB 1.1, 2.1 and 5.1.8).

* **Need recognition** (TB 1.1): whether we act on a problem "depends upon two factors: (1) the
  magnitude of the difference between what we have and what we need, and (2) the importance of
  the problem" - the man who wants a Lexus but owns a five-year-old Ford Focus (large gap, not
  important) versus the woman whose two-year-old car runs well but who considers a new car
  extremely important. :func:`need_recognition` scores ``urgency = gap x importance``.
* **The five-stage buying process** (Table 2.1.1, Joanne's laptop) as a funnel with drop-out
  at every stage (:func:`buying_funnel`); simple decisions skip stages 2 and 3.
* **Involvement x brand differences** (TB 5.1.8): complex, variety-seeking,
  dissonance-reducing and habitual buying behaviour (:func:`buying_behaviour`), and the three
  involvement levels (low/habitual, moderate/simple, high/extensive).
* **B2B buying**: the buying centre's seven roles and the seven-step B2B process (TB 2.1), the
  customer-experience test "useful, usable, enjoyable" (Forrester, TB 2.1) and the three
  components of loyalty with the pharmacy quotes (TB 2.1).

>>> need_recognition(gap=0.8, importance=0.2).acts      # the Lexus dreamer
False
>>> buying_behaviour("high", "few").name
'dissonance-reducing'
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_float_array,
    check_choice,
    check_integer,
    check_probability,
)

__all__ = [
    "BUYING_STAGES",
    "SIMPLE_DECISION_SKIPS",
    "INVOLVEMENT_LEVELS",
    "BUYING_BEHAVIOURS",
    "BUYING_CENTRE_ROLES",
    "B2B_STEPS",
    "B2C_VS_B2B",
    "INFLUENCING_FACTORS",
    "LOYALTY_COMPONENTS",
    "PHARMACY_QUOTES",
    "CX_CRITERIA",
    "NeedRecognition",
    "BuyingBehaviour",
    "need_recognition",
    "buying_funnel",
    "funnel_from_stages",
    "buying_behaviour",
    "classify_buying_behaviour",
    "involvement_level",
    "buying_centre_matrix",
    "uncovered_roles",
    "score_touchpoints",
]

#: Table 2.1.1, the five stages of the consumer buying process, with the Joanne's-laptop
#: example (abridged) and what marketers can do at the stage (TB 1.1).
BUYING_STAGES = pd.DataFrame(
    {
        "stage": [
            "problem recognition",
            "information search",
            "evaluation of alternatives",
            "purchase decision",
            "postpurchase behavior",
        ],
        "description": [
            "Buyer recognizes a problem or need.",
            "Buyer searches for extensive or limited information (personal, commercial, "
            "public or experiential sources).",
            "Buyer compares different brands, services, and retailers.",
            "Buyer makes a choice.",
            "How the buyer feels about the purchase and what he or she does after it.",
        ],
        "joanne_example": [
            "Joanne's laptop just crashed, but she thinks it can be fixed. She needs it quickly.",
            "She asks friends, checks the yellow pages, does a Google search, draws on her own "
            "experience and asks her husband.",
            "Bad experiences at Circuit Place and Computer City; David was very pleased with a "
            "small repair shop; very positive reviews on its website.",
            "Joanne decides to take her computer to the small repair shop in town.",
            "Fixed quickly at a reasonable cost: a glowing review, recommendations, plans to go "
            "back.",
        ],
        "marketing_action": [
            "show that the gap is important enough to act on",
            "be present in the sources buyers use (friends, search engines, Yelp reviews, "
            "Consumer Reports, salespeople, samples)",
            "perform well on the buyer's evaluation criteria",
            "simplify purchasing (suggest the right size, package decisions, add-on warranties)",
            "reduce cognitive dissonance (deliver quality, reassuring communications, personal "
            "calls for big-ticket items)",
        ],
    },
    index=pd.RangeIndex(1, 6, name="number"),
)

#: Simple (routine) decision making bypasses the second and third stages (TB 1.1).
SIMPLE_DECISION_SKIPS: tuple[int, ...] = (2, 3)

#: The three involvement levels of TB 5.1.8.
INVOLVEMENT_LEVELS = pd.DataFrame(
    {
        "involvement": ["low", "moderate", "high"],
        "decision": ["habitual", "simple", "lengthy or more involved (extensive)"],
        "examples": ["dish washing liquid, toothbrush", "orange juice, snacks", "a car or a house"],
        "information_processing": ["minimal", "some evaluation of alternatives", "extensive"],
    }
).set_index("involvement")

#: The involvement x brand-differences matrix of TB 5.1.8.
BUYING_BEHAVIOURS = pd.DataFrame(
    {
        "involvement": ["high", "low", "high", "low"],
        "brand_differences": ["significant", "significant", "few", "few"],
        "name": ["complex", "variety-seeking", "dissonance-reducing", "habitual"],
        "examples": [
            "houses, kitchen renovation",
            "retail food stuff",
            "consumer electronics, top-line sport equipment",
            "food, personal care products",
        ],
        "marketing": [
            "one-time sale; consumers need evaluation and pre-sale learning; selling "
            "activities are key",
            "consumers have added buying triggers; they want free samples, special deals",
            "decision making is difficult both pre- and post-purchase",
            "brand familiarity and promotion with convenience is key; consumers look for "
            "price/sales promotions",
        ],
    }
)

#: The seven roles of the B2B buying centre (TB 2.1; Kotler & Keller 2009).
BUYING_CENTRE_ROLES = pd.Series(
    {
        "initiator": "requests that something be purchased",
        "gatekeeper": "controls the flow of information to the buying center",
        "user": "uses the product or takes advantage of the service",
        "purchaser": "makes the actual purchase (purchaser or buyer)",
        "decider": "decides on product requirements, suppliers, or both",
        "approver": "authorizes the proposed actions of the decider or the buyer",
        "influencer": "influences the decision but does not necessarily use the product",
    },
    name="role",
)

#: Figure 2.1.2, the B2B buying process (Lascu & Clow 2007, as adapted in TB 2.1).
B2B_STEPS: tuple[str, ...] = (
    "identification of needs",
    "establishment of specifications",
    "identification of solutions",
    "identification of vendors",
    "evaluation of vendors",
    "vendor selection",
    "negotiation of terms",
)

#: How B2B buying differs from B2C buying, as described in TB 2.1.
B2C_VS_B2B = pd.DataFrame(
    {
        "B2C": [
            "people buying for themselves, their households or other non-business purposes",
            "one person, often both customer and consumer",
            "five-stage consumer buying process",
            "emotional connections matter (50 percent of the experience is how the customer "
            "feels)",
        ],
        "B2B": [
            "organizations: corporations, small businesses, government, wholesalers, "
            "retailers, nonprofits; more dollars change hands",
            "a buying center of one to twenty or more people in seven roles",
            "seven-step B2B buying process",
            "structured, quantitative criteria-based decisions; many individual 'customers' "
            "in engineering, purchasing, quality, manufacturing",
        ],
    },
    index=pd.Index(["who buys", "who decides", "process", "experience"], name="aspect"),
)

#: The four groups of factors influencing consumer behaviour (TB 1.1 and 2.1).
INFLUENCING_FACTORS: dict[str, str] = {
    "personal": "age, gender, occupation, income, life-cycle stage, personality",
    "social": "culture, subculture, social class, family, reference groups",
    "psychological": "motivation, perception, learning, attitudes, self-concept",
    "situational": "reason for purchase, time available, mood, shopping environment",
}

#: The three components of customer loyalty and the textbook's example statements (TB 2.1).
LOYALTY_COMPONENTS: dict[str, str] = {
    "emotional commitment": "We love doing business with your company.",
    "attitude": "I feel better about this brand or this business.",
    "behavior": "I'll keep buying this brand or patronizing that business, regardless.",
}

#: Paul Gauvreau's pharmacy quotes (TB 2.1) with a coding key. The textbook names the first
#: ("the convenience shopper") and second (a good relationship with the pharmacist) and
#: concludes that the store differentiated itself "by how they made their customers feel"; the
#: three-way code convenience / relationship / emotional is this workbook's coding scheme.
PHARMACY_QUOTES = pd.DataFrame(
    {
        "quote": [
            "I shop here because it's close to where I live.",
            "I like the pharmacist, I trust him/her.",
            "The staff makes me feel like part of the family.",
            "I feel like they care about my health.",
            "The entire atmosphere in this store reminds me of home, where I felt welcome.",
            "I don't feel like another number here or just another patient. They really care "
            "about me.",
        ],
        "ground": ["convenience", "relationship", "emotional", "emotional", "emotional",
                   "emotional"],
    }
)

#: Forrester's test of a good customer experience (TB 2.1).
CX_CRITERIA: dict[str, str] = {
    "useful": "delivers value",
    "usable": "makes it easy to find and engage with the value",
    "enjoyable": "emotionally engaging so that people want to use them",
}


@dataclass(frozen=True)
class NeedRecognition:
    """Urgency of a need and whether it crosses the action threshold."""

    gap: float
    importance: float
    urgency: float
    threshold: float
    acts: bool

    def __repr__(self) -> str:
        return (f"NeedRecognition(gap={self.gap:.2f}, importance={self.importance:.2f}, "
                f"urgency={self.urgency:.3f}, threshold={self.threshold:.2f}, acts={self.acts})")


@dataclass(frozen=True)
class BuyingBehaviour:
    """One cell of the involvement x brand-differences matrix."""

    name: str
    involvement: str
    brand_differences: str
    examples: str
    marketing: str

    def __repr__(self) -> str:
        return (f"BuyingBehaviour({self.name!r}: {self.involvement} involvement, "
                f"{self.brand_differences} brand differences; e.g. {self.examples})")


def need_recognition(gap: Any, importance: Any, threshold: float = 0.25
                     ) -> NeedRecognition | pd.DataFrame:
    """Need recognition as gap x importance against an action threshold.

    ``urgency = gap x importance`` and the consumer moves on to information search when
    ``urgency >= threshold``. Gap (what we have vs what we need) and importance are on a 0-1
    scale. The textbook names the two factors; the multiplicative form and the default
    threshold 0.25 are not from the textbook (a teaching assumption).

    Scalars give a :class:`NeedRecognition`; arrays give a DataFrame with one row per case.

    >>> need_recognition(0.8, 0.2)          # Lexus vs five-year-old Ford Focus
    NeedRecognition(gap=0.80, importance=0.20, urgency=0.160, threshold=0.25, acts=False)
    >>> need_recognition(0.3, 0.95).acts    # two-year-old car, extremely important
    True
    """
    g = check_probability(gap, "gap")
    imp = check_probability(importance, "importance")
    thr = check_probability(threshold, "threshold")
    g_arr, i_arr = np.broadcast_arrays(np.asarray(g, dtype=float), np.asarray(imp, dtype=float))
    urgency = g_arr * i_arr
    if urgency.ndim == 0:
        return NeedRecognition(float(g_arr), float(i_arr), float(urgency), float(thr),
                               bool(urgency >= thr))
    return pd.DataFrame({"gap": g_arr, "importance": i_arr, "urgency": urgency,
                         "acts": urgency >= thr})


def buying_funnel(n_buyers: int, continue_rates: Sequence[float], *,
                  decision: str = "complex") -> pd.DataFrame:
    """Expected number of buyers reaching each of the five stages.

    Stage 1 (problem recognition) starts with ``n_buyers``; ``continue_rates[k]`` is the share
    that moves on from stage ``k+1`` to stage ``k+2`` (four rates), and a fifth rate, if given,
    is the share satisfied after the purchase. ``entering_{k+1} = entering_k x p_k`` and
    ``dropped_k = entering_k x (1 - p_k)``; without a fifth rate, stage 5's rate and drop-out
    are NaN (not applicable: it is the last stage).
    A "simple" decision skips stages 2 and 3 (TB 1.1): their rates are ignored (set to 1).

    >>> f = buying_funnel(1000, [0.6, 0.8, 0.5, 0.9])
    >>> f["entering"].round(1).to_list()
    [1000.0, 600.0, 480.0, 240.0, 216.0]
    >>> buying_funnel(1000, [0.6, 0.8, 0.5, 0.9], decision="simple")["entering"].to_list()
    [1000.0, 1000.0, 1000.0, 500.0, 450.0]
    """
    n = check_integer(n_buyers, "n_buyers", low=1)
    check_choice(decision, "decision", ("complex", "simple"))
    rates = np.atleast_1d(check_probability(as_float_array(continue_rates, "continue_rates"),
                                            "continue_rates"))
    if rates.ndim != 1 or rates.size not in (4, 5):
        raise ValueError(f"continue_rates must hold 4 rates (stage 1->2 ... 4->5) or 5 "
                         f"(plus the postpurchase satisfaction rate); got {rates.size}")
    rates = rates.copy()
    if decision == "simple":
        rates[[0, 1]] = 1.0
    entering = n * np.concatenate(([1.0], np.cumprod(rates[:4])))
    last = rates[4] if rates.size == 5 else np.nan  # stage 5 has no next stage
    out = BUYING_STAGES[["stage"]].copy()
    out["entering"] = entering
    out["continue_rate"] = np.concatenate((rates[:4], [last]))
    out["dropped"] = entering * (1.0 - out["continue_rate"].to_numpy())
    out["conversion_from_start"] = entering / n
    return out


def funnel_from_stages(stage_reached: Any) -> pd.DataFrame:
    """Observed funnel from each buyer's furthest stage (1-5).

    ``entering_k = #{buyers with stage_reached >= k}``; ``continue_rate_k =
    entering_{k+1} / entering_k``.

    >>> funnel_from_stages([1, 2, 5, 5, 4])["entering"].to_list()
    [5, 4, 3, 3, 2]
    """
    st = as_float_array(stage_reached, "stage_reached")
    if st.ndim != 1 or st.size == 0:
        raise ValueError("stage_reached must be a non-empty 1-D array of stage numbers")
    if np.any((st < 1) | (st > 5)) or np.any(st != np.round(st)):
        raise ValueError("stage_reached must hold whole numbers from 1 to 5")
    counts = (st[:, None] >= np.arange(1, 6)[None, :]).sum(axis=0)
    out = BUYING_STAGES[["stage"]].copy()
    out["entering"] = counts
    nxt = np.concatenate((counts[1:], [0]))
    out["continue_rate"] = np.divide(nxt, counts, out=np.zeros(5), where=counts > 0)
    out.loc[5, "continue_rate"] = np.nan
    out["conversion_from_start"] = counts / counts[0]
    return out


def buying_behaviour(involvement: str, brand_differences: str) -> BuyingBehaviour:
    """Look up the buying behaviour for an involvement level and degree of brand difference.

    ``involvement`` is "high" or "low"; ``brand_differences`` "significant" or "few" (TB 5.1.8).

    >>> buying_behaviour("low", "significant").name
    'variety-seeking'
    >>> buying_behaviour("low", "few").examples
    'food, personal care products'
    """
    check_choice(involvement, "involvement", ("high", "low"))
    check_choice(brand_differences, "brand_differences", ("significant", "few"))
    row = BUYING_BEHAVIOURS[(BUYING_BEHAVIOURS.involvement == involvement)
                            & (BUYING_BEHAVIOURS.brand_differences == brand_differences)].iloc[0]
    return BuyingBehaviour(row["name"], involvement, brand_differences, row["examples"],
                           row["marketing"])


def classify_buying_behaviour(involvement: Any, brand_difference: Any, *,
                              cutoff: float = 0.5) -> np.ndarray:
    """Vectorised 2x2 classifier on 0-1 scores of involvement and perceived brand difference.

    Scores ``>= cutoff`` count as high involvement / significant differences. The cutoff is a
    teaching assumption, not from the textbook.

    >>> classify_buying_behaviour([0.9, 0.2, 0.9, 0.1], [0.8, 0.7, 0.1, 0.2]).tolist()
    ['complex', 'variety-seeking', 'dissonance-reducing', 'habitual']
    """
    inv = np.atleast_1d(check_probability(as_float_array(involvement, "involvement"),
                                          "involvement"))
    diff = np.atleast_1d(check_probability(as_float_array(brand_difference, "brand_difference"),
                                           "brand_difference"))
    c = check_probability(cutoff, "cutoff")
    hi, sig = np.broadcast_arrays(inv >= c, diff >= c)
    return np.select(
        [hi & sig, ~hi & sig, hi & ~sig],
        ["complex", "variety-seeking", "dissonance-reducing"],
        default="habitual",
    ).astype(object)


def involvement_level(score: Any, *, cuts: tuple[float, float] = (1 / 3, 2 / 3)) -> np.ndarray:
    """Low / moderate / high involvement from a 0-1 involvement score (equal thirds by default).

    The three levels are the textbook's (TB 5.1.8); the cut points are an assumption.

    >>> involvement_level([0.1, 0.5, 0.9]).tolist()
    ['low', 'moderate', 'high']
    """
    s = np.atleast_1d(check_probability(as_float_array(score, "score"), "score"))
    lo, hi = (check_probability(c, "cuts") for c in cuts)
    if not lo < hi:
        raise ValueError(f"cuts must be increasing; got {cuts}")
    return np.select([s < lo, s < hi], ["low", "moderate"], default="high").astype(object)


def buying_centre_matrix(assignments: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """People x seven roles boolean matrix of a buying centre (one person may hold several roles).

    >>> m = buying_centre_matrix({"office manager": ["initiator", "user"], "owner": ["decider"]})
    >>> int(m.loc["office manager"].sum()), m["decider"].to_list()
    (2, [False, True])
    """
    if not isinstance(assignments, Mapping) or not assignments:
        raise TypeError("assignments must be a non-empty dict {person: [roles]}")
    roles = list(BUYING_CENTRE_ROLES.index)
    rows = {}
    for person, held in assignments.items():
        if isinstance(held, str):
            held = [held]
        for r in held:
            check_choice(r, "assignments", roles)
        rows[person] = [r in held for r in roles]
    return pd.DataFrame.from_dict(rows, orient="index", columns=roles).rename_axis("person")


def uncovered_roles(matrix: pd.DataFrame) -> list[str]:
    """Roles nobody in the buying centre holds yet.

    >>> uncovered_roles(buying_centre_matrix({"owner": ["decider", "approver", "purchaser"]}))
    ['initiator', 'gatekeeper', 'user', 'influencer']
    """
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"matrix must be a DataFrame from buying_centre_matrix; "
                        f"got {type(matrix).__name__}")
    roles = list(BUYING_CENTRE_ROLES.index)
    missing = [r for r in roles if r not in matrix.columns]
    if missing:
        raise ValueError(f"matrix is missing role column(s) {missing}")
    covered = matrix[roles].astype(bool).any(axis=0)
    return [r for r in roles if not covered[r]]


def score_touchpoints(ratings: pd.DataFrame) -> pd.DataFrame:
    """Score each touch point on Forrester's useful / usable / enjoyable test (ratings 1-5).

    ``score = mean(useful, usable, enjoyable)``; ``weakest`` names the lowest of the three, the
    first place to improve. Rows are touch points (e.g. entry, display, checkout).

    >>> r = pd.DataFrame({"useful": [5, 4], "usable": [2, 4], "enjoyable": [4, 5]},
    ...                  index=["checkout", "greeting"])
    >>> score_touchpoints(r)[["score", "weakest"]].to_dict("list")
    {'score': [3.6666666666666665, 4.333333333333333], 'weakest': ['usable', 'useful']}
    """
    cols = list(CX_CRITERIA)
    if not isinstance(ratings, pd.DataFrame):
        raise TypeError(f"ratings must be a pandas DataFrame; got {type(ratings).__name__}")
    missing = [c for c in cols if c not in ratings.columns]
    if missing:
        raise ValueError(f"ratings is missing column(s) {missing}; it has {list(ratings.columns)}")
    x = as_float_array(ratings[cols].to_numpy(), "ratings")
    if np.any((x < 1) | (x > 5)):
        raise ValueError("ratings must lie between 1 and 5")
    out = ratings[cols].astype(float).copy()
    out["score"] = x.mean(axis=1)
    out["weakest"] = np.array(cols, dtype=object)[x.argmin(axis=1)]
    return out
