"""Why customers switch service providers: Keaveney's (1995) eight categories.

Keaveney asked more than 500 customers of many services to tell the story of a switch (critical
incident technique) and coded more than 800 critical behaviours into eight categories. A story
can name several causes, so the shares of respondents mentioning each category add up to more
than 100 %: the mean number of categories per switching story is their sum over 100 %.

.. math:: \\bar k = \\sum_c s_c , \\qquad s_c = \\text{share of respondents naming category } c

Most causes are under the firm's control: core service failures, failed encounters and poor
responses to failures (the recovery of module 12) together dwarf competitors' pull.

Not from the textbook. Keaveney, S. M. (1995), "Customer switching behavior in service
industries: an exploratory study", *Journal of Marketing* 59(2), 71-82 (categories and shares
of respondents); East, R. et al. (2001), "Switching service providers: reasons, service types,
and sequences", *Journal of Business Research* (a survey replication that found the same
categories at different frequencies: the shares depend on the method and the service).

>>> round(mean_causes_per_switch(), 2)
1.69
"""
from __future__ import annotations

import pandas as pd

__all__ = ["SWITCHING_CAUSES", "switching_causes", "mean_causes_per_switch"]

#: Keaveney's (1995) categories: share of respondents whose switching story names the category,
#: examples, and whether the firm controls it.
SWITCHING_CAUSES: tuple[dict, ...] = (
    {"category": "core service failure", "share": 0.44, "controllable": True,
     "examples": "service mistakes, billing errors, service catastrophe"},
    {"category": "service encounter failure", "share": 0.34, "controllable": True,
     "examples": "uncaring, impolite, unresponsive or unknowledgeable employees"},
    {"category": "pricing", "share": 0.30, "controllable": True,
     "examples": "high, increasing, unfair or deceptive prices"},
    {"category": "inconvenience", "share": 0.21, "controllable": True,
     "examples": "location, hours, waiting for an appointment or for service"},
    {"category": "response to service failure", "share": 0.17, "controllable": True,
     "examples": "reluctant, no or negative response to a complaint"},
    {"category": "competition", "share": 0.10, "controllable": False,
     "examples": "found a better provider"},
    {"category": "ethical problems", "share": 0.07, "controllable": True,
     "examples": "cheating, hard selling, unsafe or unhealthy practices, conflict of interest"},
    {"category": "involuntary switching", "share": 0.06, "controllable": False,
     "examples": "customer moved, provider closed, insurer changed"},
)


def switching_causes() -> pd.DataFrame:
    """The eight categories as a table sorted by share, with their share of all mentions.

    ``share_of_mentions = s_c / sum_c s_c`` (sums to 1), unlike ``share`` (of respondents).

    >>> float(switching_causes().loc["core service failure", "share"])
    0.44
    """
    table = pd.DataFrame(list(SWITCHING_CAUSES)).set_index("category")
    table["share_of_mentions"] = table["share"] / table["share"].sum()
    return table[["share", "share_of_mentions", "controllable", "examples"]].sort_values(
        "share", ascending=False, kind="stable")


def mean_causes_per_switch() -> float:
    """Mean number of categories named per switching story: ``sum_c s_c`` (Keaveney: 1.69)."""
    return float(sum(c["share"] for c in SWITCHING_CAUSES))
