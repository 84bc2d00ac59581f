"""Identifying customers and dealing with problems (TB 3.1 and 3.2).

* **Value-proposition screening** (TB 3.1): six questions a profit-seeking company asks of its
  proposition, and the **segmentation variables** for individuals and organisations, with the
  digital-storage venture's segmentation as a sequence of narrowing steps.
* **The responsibility matrix** (TB 3.2, "Figure 4.5 The Responsibility Matrix"), reproduced
  cell for cell by :func:`responsibility_matrix`, with queries on it.
* **Dealing with difficult issues early**: "the greater the distance between the time of the
  event and the time the client knows about the events, the greater the client's frustration
  and mistrust" (TB 3.2). :func:`escalation_cost` turns that sentence into a small cost model.
  Its functional forms and every parameter value are **assumptions of this workbook, not from
  the textbook**.
* **Revisiting decisions** (TB 3.2): the "another million dollars -> one month early" example
  as a cost-benefit check that is reopened when new information arrives.

>>> who_is_involved("Budget")
['Client Representative', 'Project Manager', 'Finance Team']
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_float_array,
    check_bool,
    check_choice,
    check_nonnegative,
    check_number,
)

__all__ = [
    "DECISION_TYPES",
    "ROLES",
    "SCREENING_QUESTIONS",
    "SEGMENTATION_VARIABLES",
    "DIGITAL_STORAGE_SEGMENTATION",
    "RED_BUTTON_PROJECTS",
    "RevisitDecision",
    "responsibility_matrix",
    "who_is_involved",
    "decisions_of",
    "involvement_counts",
    "screen_proposition",
    "escalation_cost",
    "best_disclosure_time",
    "needs_client_involvement",
    "revisit_decision",
]

#: The decision types (columns of Figure 4.5), in the textbook's order.
DECISION_TYPES: tuple[str, ...] = (
    "Scope Statement",
    "Work Breakdown Structure",
    "Budget",
    "Quality",
    "Change Management Procedures",
    "Change Approvals",
)

#: The titles (rows of Figure 4.5), in the textbook's order.
ROLES: tuple[str, ...] = (
    "Project Chartering Committee",
    "Client Representative",
    "Project Manager",
    "Technology Team",
    "Finance Team",
    "Schedule Coordination Team",
)

# The X marks of Figure 4.5, row by row (1 = X).
_MARKS = np.array(
    [
        [1, 0, 0, 0, 0, 0],  # Project Chartering Committee
        [1, 1, 1, 1, 1, 1],  # Client Representative
        [1, 1, 1, 0, 1, 1],  # Project Manager
        [0, 1, 0, 1, 0, 0],  # Technology Team
        [0, 0, 1, 0, 1, 0],  # Finance Team
        [0, 1, 0, 1, 1, 0],  # Schedule Coordination Team
    ],
    dtype=bool,
)

#: The six value-proposition screening questions (TB 3.1).
SCREENING_QUESTIONS: dict[str, str] = {
    "reduce_costs": "Will the proposition reduce costs?",
    "improve_efficiency": "Will it improve efficiency?",
    "add_value": "Will it add value to what's already out there?",
    "eliminate_waste": "Will it eliminate waste?",
    "replacement": "Will it serve as a replacement technology, or eliminate the need for "
                   "something?",
    "investor_value": "What is the potential market value of the proposition to investors?",
}

#: Segmentation variables for the two customer categories segmented in TB 3.1 (the third
#: category, channels, is "covered later").
SEGMENTATION_VARIABLES: dict[str, tuple[str, ...]] = {
    "individuals": ("geography", "income", "age", "interests", "gender",
                    "nationality/ethnicity"),
    "organizations": ("industry", "size", "function",
                      "level and type of individuals within the organization"),
}

#: The digital-storage venture's segmentation (TB 3.1) as successive narrowing steps.
DIGITAL_STORAGE_SEGMENTATION = pd.DataFrame(
    {
        "variable": [
            "customer category",
            "size of organization",
            "size of data storage requirements",
            "need for speed of retrieval",
            "level of individuals within the organization",
            "type of individuals within the organization",
        ],
        "target": [
            "organizations, not individuals",
            "large",
            "large",
            "high",
            "C-level executives (CIO, CFO, etc.)",
            "technology enthusiasts",
        ],
        "reason": [
            "the venture decides to sell only to organizations",
            "together these point to large financial institutions and large medical centers",
            "together these point to large financial institutions and large medical centers",
            "together these point to large financial institutions and large medical centers",
            "the importance and cost of the purchase",
            "the technology is very new; enthusiasts look at it in preliminary form",
        ],
    },
    index=pd.RangeIndex(1, 7, name="step"),
)

#: The "red button" emergency card (TB 3.2): one project manager's four projects.
RED_BUTTON_PROJECTS = pd.DataFrame(
    {
        "project": [1, 2, 3, 4],
        "card_use": ["never", "never", "once", "often"],
        "note": ["", "", "to get the project ready for a visit from the client's boss",
                 "the project manager believed it was overused but never regretted it"],
    }
).set_index("project")


@dataclass(frozen=True)
class RevisitDecision:
    """A cost-benefit decision checked again with new information."""

    net_benefit_then: float
    net_benefit_now: float
    new_information: bool
    revisit: bool

    def __repr__(self) -> str:
        return (f"RevisitDecision(net_then={self.net_benefit_then:,.0f}, "
                f"net_now={self.net_benefit_now:,.0f}, new_information={self.new_information}, "
                f"revisit={self.revisit})")


def responsibility_matrix() -> pd.DataFrame:
    """Figure 4.5 "The Responsibility Matrix" (TB 3.2) as a boolean DataFrame (True = X).

    Rows are the six titles and columns the six decision types, both in the textbook's order.

    >>> m = responsibility_matrix()
    >>> m.shape, int(m.to_numpy().sum())
    ((6, 6), 19)
    >>> bool(m.loc["Client Representative"].all())
    True
    """
    return pd.DataFrame(_MARKS.copy(), index=pd.Index(ROLES, name="Title"),
                        columns=pd.Index(DECISION_TYPES, name="decision"))


def who_is_involved(decision: str) -> list[str]:
    """Titles marked X for a decision type ("who must be involved in budget decisions?").

    >>> who_is_involved("Scope Statement")
    ['Project Chartering Committee', 'Client Representative', 'Project Manager']
    """
    check_choice(decision, "decision", DECISION_TYPES)
    col = responsibility_matrix()[decision]
    return list(col.index[col.to_numpy()])


def decisions_of(role: str) -> list[str]:
    """Decision types a title is involved in.

    >>> decisions_of("Finance Team")
    ['Budget', 'Change Management Procedures']
    """
    check_choice(role, "role", ROLES)
    row = responsibility_matrix().loc[role]
    return list(row.index[row.to_numpy()])


def involvement_counts(axis: str = "decision") -> pd.Series:
    """Number of X marks per decision type (``axis="decision"``) or per title (``"role"``).

    >>> involvement_counts().to_dict()["Change Management Procedures"]
    4
    >>> involvement_counts("role").idxmax()
    'Client Representative'
    """
    check_choice(axis, "axis", ("decision", "role"))
    m = responsibility_matrix()
    return m.sum(axis=0 if axis == "decision" else 1).astype(int).rename("n_involved")


def screen_proposition(answers: Mapping[str, bool]) -> pd.DataFrame:
    """Tick the six screening questions for a value proposition (TB 3.1).

    ``answers`` maps question keys (:data:`SCREENING_QUESTIONS`) to True/False; unanswered
    questions are reported as not yet answered (``None``), not as "no".

    >>> t = screen_proposition({"reduce_costs": True, "eliminate_waste": False})
    >>> t["answer"].to_list()[:4]
    [True, None, None, False]
    """
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a dict {{question: bool}}; got {type(answers).__name__}")
    for k, v in answers.items():
        check_choice(k, "answers", tuple(SCREENING_QUESTIONS))
        check_bool(v, f"answers[{k!r}]")
    return pd.DataFrame(
        {"question": list(SCREENING_QUESTIONS.values()),
         "answer": pd.Series([answers.get(k) for k in SCREENING_QUESTIONS], dtype=object).values},
        index=pd.Index(list(SCREENING_QUESTIONS), name="key"),
    )


def escalation_cost(delay: Any, *, problem_cost: float = 100_000.0,
                    problem_growth: float = 0.10, relationship_value: float = 500_000.0,
                    mistrust_rate: float = 0.15, inform_cost: float = 2_000.0) -> pd.DataFrame:
    """Cost of telling the client about a problem ``delay`` weeks after it happens.

    ``problem(d)  = problem_cost x (1 + problem_growth)^d``   (the problem gets worse and the
    client cannot help solve it until told);
    ``mistrust(d) = 1 - exp(-mistrust_rate x d)``              (in [0, 1), grows with the delay,
    TB 3.2: "the greater the distance ... the greater the client's frustration and mistrust");
    ``total(d)    = inform_cost + problem(d) + relationship_value x mistrust(d)``.

    The exponential forms and all default values (a $100k problem growing 10 %/week, a $500k
    relationship, mistrust rate 0.15/week, $2k to prepare the briefing) are **assumptions, not
    from the textbook**; only the direction of the effect is the textbook's. With
    ``problem_growth >= 0`` every component rises with the delay, so informing at ``d = 0``
    is cheapest.

    >>> t = escalation_cost([0, 4])
    >>> t["total"].round(0).to_list()
    [102000.0, 374004.0]
    """
    d = np.atleast_1d(check_nonnegative(as_float_array(delay, "delay"), "delay"))
    p0 = check_nonnegative(problem_cost, "problem_cost")
    g = check_number(problem_growth, "problem_growth", low=-1.0, low_open=True)
    v = check_nonnegative(relationship_value, "relationship_value")
    k = check_nonnegative(mistrust_rate, "mistrust_rate")
    c = check_nonnegative(inform_cost, "inform_cost")
    problem = p0 * (1.0 + g) ** d
    mistrust = 1.0 - np.exp(-k * d)
    return pd.DataFrame({
        "delay": d,
        "problem_cost": problem,
        "mistrust": mistrust,
        "relationship_loss": v * mistrust,
        "inform_cost": np.full_like(d, c),
        "total": c + problem + v * mistrust,
    })


def best_disclosure_time(delays: Any, **assumptions: float) -> float:
    """The delay with the lowest total in :func:`escalation_cost` (ties: the earliest).

    >>> best_disclosure_time([0, 1, 2, 4, 8])
    0.0
    >>> best_disclosure_time([0, 1, 2], problem_growth=-0.5, mistrust_rate=0.0)
    2.0
    """
    t = escalation_cost(delays, **assumptions)
    return float(t["delay"].iloc[int(np.argmin(t["total"].to_numpy()))])


def needs_client_involvement(cost_impact: Any, schedule_impact_days: Any, *,
                             cost_threshold: float, schedule_threshold_days: float
                             ) -> np.ndarray:
    """Does a problem cross the agreed threshold for involving the client?

    ``involve = cost_impact >= cost_threshold OR schedule_impact_days >= schedule_threshold_days``.
    The textbook asks the team to agree the threshold with the client ("decide at what level of
    problem the client should be involved", TB 3.2) and notes that decisions changing the
    completion date or the project cost typically involve the client; the either-or rule is a
    teaching choice.

    >>> needs_client_involvement([5_000, 80_000], [0, 2], cost_threshold=50_000,
    ...                          schedule_threshold_days=5).tolist()
    [False, True]
    """
    cost = np.atleast_1d(check_nonnegative(as_float_array(cost_impact, "cost_impact"),
                                           "cost_impact"))
    days = np.atleast_1d(check_nonnegative(as_float_array(schedule_impact_days,
                                                          "schedule_impact_days"),
                                           "schedule_impact_days"))
    ct = check_nonnegative(cost_threshold, "cost_threshold")
    st = check_nonnegative(schedule_threshold_days, "schedule_threshold_days")
    c, s = np.broadcast_arrays(cost, days)
    return (c >= ct) | (s >= st)


def revisit_decision(extra_cost: float, value_per_month: float, months_saved_planned: float,
                     months_saved_now: float) -> RevisitDecision:
    """Re-run the client's cost-benefit check when new information arrives (TB 3.2).

    The textbook's case: investing "another million dollars" finishes the project a month early;
    later, for reasons outside the project's control, the time saving will not happen.
    ``net = value_per_month x months_saved - extra_cost``. A decision is revisited when there
    is new information (``months_saved_now != months_saved_planned``) that changes the sign
    of the net benefit; new information that does not change the decision, or no new
    information at all (the electrical-design case), does not reopen it. The monthly value of
    finishing early is not in the text (an input).

    >>> revisit_decision(1_000_000, 1_500_000, 1, 0)
    RevisitDecision(net_then=500,000, net_now=-1,000,000, new_information=True, revisit=True)
    """
    cost = check_nonnegative(extra_cost, "extra_cost")
    value = check_nonnegative(value_per_month, "value_per_month")
    planned = check_nonnegative(months_saved_planned, "months_saved_planned")
    now = check_nonnegative(months_saved_now, "months_saved_now")
    then_net = value * planned - cost
    now_net = value * now - cost
    new_info = bool(planned != now)
    revisit = new_info and (then_net >= 0) != (now_net >= 0)
    return RevisitDecision(float(then_net), float(now_net), new_info, bool(revisit))

