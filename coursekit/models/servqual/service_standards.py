"""Customer feedback and service standards (textbook 5.1.9, 5.1.10 and the policy gap, 5.1.13).

* **Digital surveys** (TB 5.1.9, l.1964-1976): five advantages, three disadvantages - among them
  that "the demographic that responds to online questionnaire invitations are generally
  younger people". :func:`respondent_mean` shows what that does to a survey result.
* **Customer feedback** (TB 5.1.10, l.2002-2019): eight questions to ask and five ways to
  collect the answers.
* **Mean time to repair** (TB 5.1.10, l.2035): support automation aims at a lower MTTR,
  ``MTTR = total repair time / number of repairs``.
* **SMART standards** (TB 5.1.13, l.2127-2135): a policy should be Specific, Measurable,
  Actionable, Relevant and Timely. "Respond fast" is not a standard; "answer 90 % of voicemails
  within 24 hours" is, and :func:`standard_compliance` measures it.

*Not from the textbook:* the usual expansion of SMART has "achievable/assignable" and
"realistic" (Doran 1981, "There's a S.M.A.R.T. way to write management's goals and objectives",
*Management Review* 70(11), 35-36); the textbook's spelling is kept here. The non-response
reweighting in :func:`respondent_mean` is the standard weighting-class argument (Groves et al.
2009, *Survey Methodology*, 2nd ed., ch. 10).

>>> mean_time_to_repair([2.0, 4.0, 6.0])
4.0
>>> standard_compliance([0.5, 3, 20, 30], within=24, target=0.9).share_within
0.75
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from coursekit._validate import (as_float_array, check_nonnegative, check_positive,
                                 check_probability, check_same_length)

__all__ = ["SMART", "DIGITAL_SURVEY_ADVANTAGES", "DIGITAL_SURVEY_DISADVANTAGES",
           "FEEDBACK_QUESTIONS", "FEEDBACK_METHODS", "mean_time_to_repair", "Compliance",
           "standard_compliance", "respondent_mean"]

#: SMART as spelled in TB 5.1.13 (l.2131-2135).
SMART = ("Specific", "Measurable", "Actionable", "Relevant", "Timely")

#: TB 5.1.9 (l.1966-1970).
DIGITAL_SURVEY_ADVANTAGES = (
    "flexible display of questions (check boxes, menus, help screens)",
    "responses from more subjects, from anywhere in the world",
    "cheaper: no paper, printing or postage",
    "data collected into a central database, so analysis takes less time",
    "errors are easier to correct, with no reprinting",
)

#: TB 5.1.9 (l.1974-1976).
DIGITAL_SURVEY_DISADVANTAGES = (
    "not everyone has access to the Internet, so the response rate is limited",
    "many people are not receptive to completing questionnaires online",
    "respondents to online invitations are generally younger people",
)

#: The eight feedback questions of TB 5.1.10 (l.2004-2011).
FEEDBACK_QUESTIONS = (
    "What does the customer like?", "What do they dislike?", "How can things be improved?",
    "Are their needs and expectations being met?", "How much will they pay for something?",
    "Is convenience important?", "Should items be packaged together?",
    "Is after-sales service critical?",
)

#: The five collection methods of TB 5.1.10 (l.2015-2019).
FEEDBACK_METHODS = {
    "asking consumers directly": "at the point of purchase, while they shop",
    "questionnaires": "one-page forms, prepaid postcards or e-mail",
    "focus groups": "more detailed than 'tick the box' answers; also one-on-one interviews",
    "telephone": "a more private conversation",
    "online communities and consumer panels": "ongoing access to the target market",
}


def mean_time_to_repair(repair_times: Any) -> float:
    """Mean time to repair: ``MTTR = (sum of repair times) / (number of repairs)``.

    Times in any one unit (hours, minutes); the result is in the same unit.

    >>> mean_time_to_repair([30, 45, 15, 90])
    45.0
    """
    t = as_float_array(repair_times, "repair_times").ravel()
    if t.size == 0:
        raise ValueError("repair_times must hold at least one repair")
    check_nonnegative(t, "repair_times")
    return float(t.mean())


@dataclass(frozen=True)
class Compliance:
    """How often a measurable standard ("within X") was met, against its target share."""

    within: float
    target: float
    share_within: float
    n: int

    @property
    def met(self) -> bool:
        return self.share_within >= self.target

    def __repr__(self) -> str:
        verdict = "met" if self.met else "missed"
        return (f"Compliance({self.share_within:.1%} of {self.n} within {self.within:g}; "
                f"target {self.target:.0%} {verdict})")


def standard_compliance(response_times: Any, *, within: float, target: float) -> Compliance:
    """Share of responses that meet a measurable standard, and whether the target share is met.

    ``share = #{i : t_i <= within} / n``; the standard is met when ``share >= target``.

    >>> standard_compliance([1, 2, 30], within=24, target=0.9)
    Compliance(66.7% of 3 within 24; target 90% missed)
    """
    t = as_float_array(response_times, "response_times").ravel()
    if t.size == 0:
        raise ValueError("response_times must hold at least one response")
    check_nonnegative(t, "response_times")
    w = float(check_positive(within, "within"))
    goal = float(check_probability(target, "target"))
    return Compliance(w, goal, float(np.mean(t <= w)), int(t.size))


def respondent_mean(population_shares: Any, response_rates: Any, group_means: Any) -> float:
    """Mean score among the people who answer, when groups answer at different rates.

    ``mean = sum_g N_g r_g y_g / sum_g N_g r_g`` for population shares ``N_g``, response rates
    ``r_g`` and group means ``y_g``. With equal response rates it equals the population mean
    ``sum_g N_g y_g``; if the young answer online more often, the survey leans to their view.

    >>> respondent_mean([0.5, 0.5], [0.3, 0.1], [8.0, 6.0])
    7.5
    >>> respondent_mean([0.5, 0.5], [0.2, 0.2], [8.0, 6.0])
    7.0
    """
    n = as_float_array(population_shares, "population_shares").ravel()
    r = as_float_array(response_rates, "response_rates").ravel()
    y = as_float_array(group_means, "group_means").ravel()
    check_same_length(population_shares=n, response_rates=r, group_means=y)
    check_probability(n, "population_shares")
    if not np.isclose(n.sum(), 1.0):
        raise ValueError(f"population_shares must sum to 1; got {n.sum():g}")
    check_probability(r, "response_rates")
    weights = n * r
    if weights.sum() <= 0:
        raise ValueError("response_rates must be > 0 for at least one group with members")
    return float(weights @ y / weights.sum())
