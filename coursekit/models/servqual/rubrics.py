"""Two scoring rubrics of the textbook: customer-service skills (4.1) and the discussion (5.1.18).

**Customer-service skills** (TB 4.1, l.1250-1254, IT support staff in schools): knowledge of the
systems supported; creative and flexible problem solving; patience, empathy and careful
listening; not blaming the user; teaching the user to avoid and solve problems. The workbook
turns them into a self-assessment on a 1-5 scale (*the scale is the workbook's, not the
textbook's*; a Likert scale as in Likert 1932, "A technique for the measurement of attitudes",
*Archives of Psychology* 140).

**Discussion rubric** (TB 5.1.18, l.2303-2313): an initial response scores 0 (no response),
2 (does not fully address the prompt) or 5 (thoughtfully addresses it and invites responses);
responses to peers score 0 (none), 2 (only one peer) or 5 (at least two peers); total 10 points.

>>> discussion_score("exemplary", peer_responses=1)
7
>>> skills_profile({"knowledge": 4, "problem solving": 3, "patience and listening": 5,
...                 "not blaming the user": 5, "teaching the user": 2}).weakest
('teaching the user',)
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from coursekit._validate import check_choice, check_integer

__all__ = ["CUSTOMER_SERVICE_SKILLS", "SkillsProfile", "skills_profile", "DISCUSSION_RUBRIC",
           "discussion_score"]

#: The five customer-service skills of TB 4.1, with the textbook's description.
CUSTOMER_SERVICE_SKILLS = {
    "knowledge": "excellent knowledge of the systems or products they are supporting",
    "problem solving": "resolve problems in creative and flexible manners, especially when the "
                       "standard methods prove ineffective",
    "patience and listening": "patient and empathetic; listen carefully to understand the "
                              "problem and recognise its importance",
    "not blaming the user": "avoid the temptation to blame the user for problems",
    "teaching the user": "use troubleshooting to teach the user how to avoid and resolve "
                         "similar problems independently",
}

SCALE = (1, 5)


@dataclass(frozen=True)
class SkillsProfile:
    """A skills self-assessment: ratings 1-5, their mean and the skills to work on first."""

    ratings: pd.Series
    mean: float
    weakest: tuple[str, ...]

    @property
    def share_of_maximum(self) -> float:
        return float(self.ratings.sum() / (SCALE[1] * len(self.ratings)))

    def __repr__(self) -> str:
        return (f"SkillsProfile(mean {self.mean:.2f} of {SCALE[1]}; work on: "
                f"{', '.join(self.weakest) or 'nothing - all at the top'})")


def skills_profile(ratings: Mapping[str, int]) -> SkillsProfile:
    """Summarise a self-assessment of the five TB 4.1 skills, each rated 1 (weak) to 5 (strong).

    ``mean = (1/5) sum_k r_k``; ``weakest`` lists the lowest-rated skills (empty if every skill
    is rated 5).

    >>> skills_profile(dict.fromkeys(CUSTOMER_SERVICE_SKILLS, 4)).mean
    4.0
    """
    if not isinstance(ratings, Mapping):
        raise TypeError(f"ratings must be a dict {{skill: 1-5}}; got {type(ratings).__name__}")
    unknown = sorted(set(ratings) - set(CUSTOMER_SERVICE_SKILLS))
    missing = [k for k in CUSTOMER_SERVICE_SKILLS if k not in ratings]
    if unknown or missing:
        raise ValueError(f"ratings must rate every skill {list(CUSTOMER_SERVICE_SKILLS)}; "
                         f"missing {missing}, unknown {unknown}")
    clean = {k: check_integer(ratings[k], f"ratings[{k!r}]", low=SCALE[0], high=SCALE[1])
             for k in CUSTOMER_SERVICE_SKILLS}
    s = pd.Series(clean, name="rating")
    low = s.min()
    weakest = tuple(s.index[s == low]) if low < SCALE[1] else ()
    return SkillsProfile(s, float(s.mean()), weakest)


#: The 5.1.18 grading rubric (TB l.2303-2313): points per criterion and level.
DISCUSSION_RUBRIC = pd.DataFrame(
    {"not evident": [0, 0], "developing": [2, 2], "exemplary": [5, 5]},
    index=pd.Index(["submit initial response", "respond to at least two peers"],
                   name="criterion"),
)
LEVELS = tuple(DISCUSSION_RUBRIC.columns)


def discussion_score(initial: str, peer_responses: int) -> int:
    """Points for one student under the 5.1.18 rubric (out of 10).

    ``initial`` is the level of the initial response ("not evident", "developing",
    "exemplary"); ``peer_responses`` is how many different classmates the student answered:
    0 -> 0 points, 1 -> 2 points ("responded to only one peer"), 2 or more -> 5 points.

    >>> discussion_score("developing", 2), discussion_score("not evident", 0)
    (7, 0)
    """
    level = check_choice(initial, "initial", LEVELS)
    n = check_integer(peer_responses, "peer_responses", low=0)
    peer_level = LEVELS[min(n, 2)]
    return int(DISCUSSION_RUBRIC.loc["submit initial response", level]
               + DISCUSSION_RUBRIC.loc["respond to at least two peers", peer_level])
