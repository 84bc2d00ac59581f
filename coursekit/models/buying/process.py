"""The consumer buying process (TB 1.1, Table 2.1.1): need recognition and the five-stage funnel.

Whether we act on a problem "depends upon two factors: (1) the magnitude of the difference
between what we have and what we need, and (2) the importance of the problem" (TB 1.1):
:func:`need_recognition` scores ``urgency = gap x importance``. The five stages (Table 2.1.1,
Joanne's laptop) become a funnel with drop-out at every stage (:func:`buying_funnel`); simple
decisions skip stages 2 and 3.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_choice, check_integer, check_probability

__all__ = [
    "BUYING_STAGES", "SIMPLE_DECISION_SKIPS", "INFLUENCING_FACTORS", "NeedRecognition",
    "need_recognition", "buying_funnel", "funnel_from_stages",
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


#: The four groups of factors influencing consumer behaviour (TB 1.1 and 2.1).
INFLUENCING_FACTORS: dict[str, str] = {
    "personal": "age, gender, occupation, income, life-cycle stage, personality",
    "social": "culture, subculture, social class, family, reference groups",
    "psychological": "motivation, perception, learning, attitudes, self-concept",
    "situational": "reason for purchase, time available, mood, shopping environment",
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
