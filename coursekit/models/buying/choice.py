"""Multi-attribute choice rules: compensatory, lexicographic and conjunctive (TB 1.1).

The textbook's vacuum-cleaner example (TB 1.1, "Evaluation of Alternatives"): five models are
short-listed from online reviews and judged on six criteria - 1) price, 2) suction power,
3) warranty, 4) weight, 5) noise level and 6) ease of using attachments. The buyer's first choice
is out of stock (a new shipment in three days), the party is tomorrow, so "although convenience
wasn't on your original list of selection criteria" the buyer takes the number-two model. In the
language of choice models the ranking *reverses* once availability enters as a criterion.

Three decision rules are implemented:

* **compensatory (weighted additive)**: ``U_i = sum_j w_j s_ij`` with weights summing to 1, so a
  weak score on one criterion can be made up by a strong score on another;
* **lexicographic**: pick the best alternative on the most important criterion, break ties on
  the next one, and so on (no trade-offs at all);
* **conjunctive**: keep only the alternatives that reach a minimum score on every criterion.

The weighted-additive rule is the importance-weighted (adequacy-importance) multi-attribute
model; TB 6.1 distinguishes it from Fishbein's (1963) model, which weights beliefs by
*evaluations* of the attributes (Cohen, Fishbein & Ahtola 1972 criticise the substitution). The
names "compensatory", "lexicographic" and "conjunctive" are
**not from the textbook**: they follow Bettman, Luce & Payne (1998), "Constructive consumer choice
processes", *Journal of Consumer Research* 25(3), 187-217.

>>> import pandas as pd
>>> s = pd.DataFrame({"price": [0.2, 1.0], "power": [1.0, 0.3]}, index=["A", "B"])
>>> compensatory_scores(s, {"price": 0.4, "power": 0.6}).round(2).to_dict()
{'A': 0.68, 'B': 0.58}
>>> lexicographic_choice(s, ["price", "power"])
'B'
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
    check_columns,
    check_nonnegative,
    check_number,
    check_probability,
)

__all__ = [
    "VACUUM_CRITERIA",
    "VACUUM_DIRECTIONS",
    "EXAMPLE_WEIGHTS",
    "ChoiceResult",
    "RankReversal",
    "normalise_attributes",
    "normalise_weights",
    "compensatory_scores",
    "lexicographic_choice",
    "conjunctive_screen",
    "choose",
    "availability_score",
    "reversal_weight",
    "rank_reversal",
]

#: The six evaluation criteria of the vacuum-cleaner example, in the textbook's order (TB 1.1).
VACUUM_CRITERIA: tuple[str, ...] = (
    "price",
    "suction_power",
    "warranty",
    "weight",
    "noise_level",
    "ease_of_attachments",
)

#: Whether more is better on each vacuum criterion (price, weight and noise: less is better).
VACUUM_DIRECTIONS: dict[str, bool] = {
    "price": False,
    "suction_power": True,
    "warranty": True,
    "weight": False,
    "noise_level": False,
    "ease_of_attachments": True,
}

#: Illustrative importance weights for the six criteria. Not from the textbook: the text lists
#: the criteria but gives no weights; these are this workbook's assumption (sum to 1).
EXAMPLE_WEIGHTS: dict[str, float] = {
    "price": 0.25,
    "suction_power": 0.25,
    "warranty": 0.15,
    "weight": 0.10,
    "noise_level": 0.10,
    "ease_of_attachments": 0.15,
}

RULES = ("compensatory", "lexicographic", "conjunctive")


@dataclass(frozen=True)
class ChoiceResult:
    """The outcome of one decision rule on one choice set."""

    rule: str
    choice: str | None
    ranking: tuple[str, ...]
    scores: dict[str, float]

    def __repr__(self) -> str:
        top = ", ".join(self.ranking[:3]) + (", ..." if len(self.ranking) > 3 else "")
        return f"ChoiceResult(rule={self.rule!r}, choice={self.choice!r}, ranking=[{top}])"


@dataclass(frozen=True)
class RankReversal:
    """First choice with and without the availability criterion."""

    choice_without: str
    choice_with: str
    reversed: bool
    availability_weight: float
    critical_weight: float
    ranking_without: tuple[str, ...]
    ranking_with: tuple[str, ...]

    def __repr__(self) -> str:
        return (
            f"RankReversal({self.choice_without!r} -> {self.choice_with!r}, "
            f"reversed={self.reversed}, availability_weight={self.availability_weight:.3f}, "
            f"critical_weight={self.critical_weight:.3f})"
        )


def _check_scores(scores: Any, name: str = "scores") -> pd.DataFrame:
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (alternatives x criteria); "
                        f"got {type(scores).__name__}")
    if scores.shape[0] < 1 or scores.shape[1] < 1:
        raise ValueError(f"{name} must have at least one alternative and one criterion")
    if not scores.index.is_unique:
        raise ValueError(f"{name} must have unique alternative names in its index")
    arr = as_float_array(scores.to_numpy(), name)
    return pd.DataFrame(arr, index=scores.index, columns=scores.columns)


def normalise_weights(weights: Mapping[str, float] | pd.Series, criteria: Sequence[str]
                      ) -> pd.Series:
    """Importance weights rescaled to sum to 1, aligned on ``criteria``.

    ``w_j = raw_j / sum_k raw_k``. Every criterion needs a weight; weights must be >= 0 and not
    all zero.

    >>> normalise_weights({"a": 2, "b": 6}, ["a", "b"]).to_dict()
    {'a': 0.25, 'b': 0.75}
    """
    if not isinstance(weights, (Mapping, pd.Series)):
        raise TypeError(f"weights must be a dict or Series keyed by criterion; "
                        f"got {type(weights).__name__}")
    w = pd.Series(dict(weights), dtype=object)
    missing = [c for c in criteria if c not in w.index]
    if missing:
        raise ValueError(f"weights is missing criterion/criteria {missing}")
    extra = [c for c in w.index if c not in criteria]
    if extra:
        raise ValueError(f"weights has unknown criterion/criteria {extra}; "
                         f"allowed: {list(criteria)}")
    raw = check_nonnegative(as_float_array(w.loc[list(criteria)].to_numpy(), "weights"),
                            "weights")
    total = float(np.sum(raw))
    if total <= 0:
        raise ValueError("weights must not all be zero")
    return pd.Series(raw / total, index=list(criteria), name="weight")


def normalise_attributes(values: pd.DataFrame, higher_is_better: Mapping[str, bool]
                         ) -> pd.DataFrame:
    """Min-max rescale raw attribute values to scores in [0, 1] (1 = best in the choice set).

    ``s_ij = (x_ij - min_i x_ij) / (max_i x_ij - min_i x_ij)`` for a criterion where more is
    better and ``1 - s_ij`` where less is better (price, weight, noise). A criterion on which all
    alternatives are equal scores 1 for everyone. Only the columns named in
    ``higher_is_better`` are used.

    >>> raw = pd.DataFrame({"price": [100, 300, 200]}, index=list("xyz"))
    >>> normalise_attributes(raw, {"price": False})["price"].to_list()
    [1.0, 0.0, 0.5]
    """
    if not isinstance(higher_is_better, Mapping) or not higher_is_better:
        raise TypeError("higher_is_better must be a non-empty dict {criterion: bool}")
    cols = list(higher_is_better)
    check_columns(values, "values", cols)
    x = _check_scores(values[cols], "values").to_numpy()
    direction = np.array([bool(higher_is_better[c]) for c in cols])
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = hi - lo
    scaled = np.divide(x - lo, span, out=np.ones_like(x), where=span > 0)
    scaled = np.where(direction | (span == 0), scaled, 1.0 - scaled)
    return pd.DataFrame(scaled, index=values.index, columns=cols)


def compensatory_scores(scores: pd.DataFrame, weights: Mapping[str, float] | pd.Series
                        ) -> pd.Series:
    """Weighted-additive (compensatory) utility of every alternative.

    ``U_i = sum_j w_j s_ij`` with the weights normalised to sum to 1, so ``U_i`` stays on the
    scale of the scores.

    >>> s = pd.DataFrame({"a": [1.0, 0.0], "b": [0.0, 1.0]}, index=["X", "Y"])
    >>> compensatory_scores(s, {"a": 3, "b": 1}).to_dict()
    {'X': 0.75, 'Y': 0.25}
    """
    s = _check_scores(scores)
    w = normalise_weights(weights, list(s.columns))
    return pd.Series(s.to_numpy() @ w.to_numpy(), index=s.index, name="utility")


def lexicographic_choice(scores: pd.DataFrame, priority: Sequence[str], *,
                         tolerance: float = 0.0) -> str:
    """The lexicographic rule: best on the first criterion, ties broken by the next ones.

    Alternatives within ``tolerance`` of the best score on a criterion count as tied (a
    "just-noticeable difference"); the rule moves to the next criterion only among those.
    Remaining ties after the last criterion go to the first alternative in table order.

    >>> s = pd.DataFrame({"p": [0.9, 1.0, 0.2], "q": [1.0, 0.1, 0.5]}, index=list("ABC"))
    >>> lexicographic_choice(s, ["p", "q"])
    'B'
    >>> lexicographic_choice(s, ["p", "q"], tolerance=0.15)
    'A'
    """
    s = _check_scores(scores)
    tol = check_nonnegative(tolerance, "tolerance")
    if isinstance(priority, str) or not isinstance(priority, Sequence) or not priority:
        raise TypeError("priority must be a non-empty list of criterion names")
    for c in priority:
        check_choice(c, "priority", list(s.columns))
    alive = np.ones(len(s), dtype=bool)
    for c in priority:
        col = s[c].to_numpy()
        best = col[alive].max()
        alive &= col >= best - tol
        if alive.sum() == 1:
            break
    return str(s.index[np.argmax(alive)])


def conjunctive_screen(scores: pd.DataFrame, cutoffs: Mapping[str, float]) -> pd.Series:
    """The conjunctive rule: an alternative passes only if it meets every cut-off.

    ``pass_i = AND_j (s_ij >= c_j)`` over the criteria that have a cut-off.

    >>> s = pd.DataFrame({"p": [0.9, 0.4], "q": [0.2, 0.8]}, index=["A", "B"])
    >>> conjunctive_screen(s, {"p": 0.3, "q": 0.3}).to_dict()
    {'A': False, 'B': True}
    """
    s = _check_scores(scores)
    if not isinstance(cutoffs, Mapping) or not cutoffs:
        raise TypeError("cutoffs must be a non-empty dict {criterion: minimum score}")
    for c in cutoffs:
        check_choice(c, "cutoffs", list(s.columns))
    c = as_float_array([cutoffs[k] for k in cutoffs], "cutoffs")
    passed = (s[list(cutoffs)].to_numpy() >= c).all(axis=1)
    return pd.Series(passed, index=s.index, name="passes")


def choose(scores: pd.DataFrame, *, rule: str = "compensatory",
           weights: Mapping[str, float] | None = None,
           priority: Sequence[str] | None = None,
           cutoffs: Mapping[str, float] | None = None,
           available: Sequence[bool] | pd.Series | None = None,
           tolerance: float = 0.0) -> ChoiceResult:
    """Apply one decision rule to a choice set, optionally only among available alternatives.

    ``rule`` is "compensatory" (needs ``weights``), "lexicographic" (needs ``priority``) or
    "conjunctive" (needs ``cutoffs``; among those that pass, the compensatory score decides if
    ``weights`` is given, otherwise the table order). ``available`` removes out-of-stock
    alternatives before the rule is applied (availability as a hard constraint). ``choice`` is
    ``None`` when nothing survives.

    >>> s = pd.DataFrame({"a": [1.0, 0.6], "b": [0.4, 0.5]}, index=["X", "Y"])
    >>> choose(s, weights={"a": 1, "b": 1}).choice
    'X'
    >>> choose(s, weights={"a": 1, "b": 1}, available=[False, True]).choice
    'Y'
    """
    s = _check_scores(scores)
    check_choice(rule, "rule", RULES)
    if available is not None:
        avail = np.asarray(available)
        if avail.dtype != bool or avail.shape != (len(s),):
            raise ValueError(f"available must be {len(s)} booleans, one per alternative")
        s = s.loc[avail]
    if rule == "compensatory" and weights is None:
        raise ValueError("weights are required for rule='compensatory'")
    if rule == "lexicographic" and priority is None:
        raise ValueError("priority is required for rule='lexicographic'")
    if rule == "conjunctive" and cutoffs is None:
        raise ValueError("cutoffs are required for rule='conjunctive'")
    if s.empty:
        return ChoiceResult(rule, None, (), {})
    if rule == "compensatory":
        u = compensatory_scores(s, weights)
        order = u.sort_values(ascending=False, kind="stable")
        return ChoiceResult(rule, str(order.index[0]), tuple(map(str, order.index)),
                            {str(k): float(v) for k, v in order.items()})
    if rule == "lexicographic":
        ranking: list[str] = []
        rest = s
        while len(rest):
            pick = lexicographic_choice(rest, priority, tolerance=tolerance)
            ranking.append(pick)
            rest = rest.drop(index=pick)
        return ChoiceResult(rule, ranking[0], tuple(ranking), {})
    passes = conjunctive_screen(s, cutoffs)
    survivors = s.loc[passes.to_numpy()]
    if survivors.empty:
        return ChoiceResult(rule, None, (), {})
    if weights is not None:
        u = compensatory_scores(survivors, weights).sort_values(ascending=False, kind="stable")
        return ChoiceResult(rule, str(u.index[0]), tuple(map(str, u.index)),
                            {str(k): float(v) for k, v in u.items()})
    return ChoiceResult(rule, str(survivors.index[0]), tuple(map(str, survivors.index)), {})


def availability_score(days_until_available: Any, needed_within_days: float = 1.0
                       ) -> np.ndarray:
    """Score 1 if the product can be had in time, else 0.

    ``a_i = 1 if days_i <= needed_within_days else 0``. In the textbook the first choice arrives
    in three days but the party is the next day, so its availability score is 0.

    >>> availability_score([3, 0], needed_within_days=1).tolist()
    [0.0, 1.0]
    """
    d = check_nonnegative(as_float_array(days_until_available, "days_until_available"),
                          "days_until_available")
    need = check_nonnegative(needed_within_days, "needed_within_days")
    return np.where(np.atleast_1d(d) <= need, 1.0, 0.0)


def reversal_weight(u_first: float, u_second: float, a_first: float, a_second: float) -> float:
    """Smallest availability weight at which the runner-up overtakes the first choice.

    With availability added as a criterion of weight ``w`` (the other weights scaled by
    ``1 - w``), ``U_i(w) = (1 - w) U_i + w a_i``. The two swap when
    ``w* = (U_1 - U_2) / ((U_1 - U_2) + (a_2 - a_1))``; returns ``inf`` when the runner-up is not
    more available (no weight reverses the ranking).

    >>> round(reversal_weight(0.70, 0.62, 0.0, 1.0), 4)
    0.0741
    """
    u1 = check_number(u_first, "u_first")
    u2 = check_number(u_second, "u_second")
    a1 = check_probability(a_first, "a_first")
    a2 = check_probability(a_second, "a_second")
    if u1 < u2:
        raise ValueError(f"u_first must be >= u_second; got {u1} < {u2}")
    if a2 <= a1:
        return float("inf")
    gap = u1 - u2
    return float(gap / (gap + (a2 - a1)))


def rank_reversal(scores: pd.DataFrame, weights: Mapping[str, float],
                  availability: Any, *, availability_weight: float) -> RankReversal:
    """First choice before and after availability enters the compensatory rule.

    Adds a criterion ``availability`` (scores in [0, 1], e.g. from :func:`availability_score`)
    with weight ``availability_weight`` and scales the original weights by
    ``1 - availability_weight``. ``critical_weight`` is :func:`reversal_weight` for the original
    top two alternatives.

    >>> s = pd.DataFrame({"q": [1.0, 0.8]}, index=["A", "B"])
    >>> r = rank_reversal(s, {"q": 1}, [0.0, 1.0], availability_weight=0.3)
    >>> r.choice_without, r.choice_with, round(r.critical_weight, 4)
    ('A', 'B', 0.1667)
    """
    s = _check_scores(scores)
    if len(s) < 2:
        raise ValueError("scores needs at least two alternatives to show a rank reversal")
    wa = check_probability(availability_weight, "availability_weight")
    a = check_probability(as_float_array(availability, "availability"), "availability")
    a = np.atleast_1d(a)
    if a.shape != (len(s),):
        raise ValueError(f"availability must have one value per alternative ({len(s)}); "
                         f"got {a.shape[0]}")
    u = compensatory_scores(s, weights)
    with_av = (1.0 - wa) * u + wa * pd.Series(a, index=s.index)
    before = u.sort_values(ascending=False, kind="stable")
    after = with_av.sort_values(ascending=False, kind="stable")
    first, second = before.index[0], before.index[1]
    crit = reversal_weight(before.iloc[0], before.iloc[1],
                           float(a[s.index.get_loc(first)]), float(a[s.index.get_loc(second)]))
    return RankReversal(
        choice_without=str(first),
        choice_with=str(after.index[0]),
        reversed=bool(after.index[0] != first),
        availability_weight=float(wa),
        critical_weight=crit,
        ranking_without=tuple(map(str, before.index)),
        ranking_with=tuple(map(str, after.index)),
    )
