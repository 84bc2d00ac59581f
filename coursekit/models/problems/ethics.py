"""The most difficult ethical issues marketing professionals face (TB 3.3).

The textbook reports a survey of marketing professionals (Chonko & Hunt 1985, "Ethics and
Marketing Management: An Empirical Examination", *Journal of Business Research* 13, 339-359):
the share naming each issue as the most difficult. The nine shares printed in the text add up
to **87 %**; the other 13 % are not accounted for in the text (other issues, or respondents
naming none). :func:`ethics_survey` keeps that honest with an explicit "not reported" row when
asked for it.

>>> round(survey_total(), 2)
0.87
>>> ethics_survey().index[0]
'bribery'
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_bool

__all__ = ["ETHICS_SHARES", "ETHICS_EXAMPLES", "ethics_survey", "survey_total",
           "unreported_share", "pareto_table"]

#: Share of respondents naming each issue as the most difficult (TB 3.3), in the text's order.
ETHICS_SHARES: dict[str, float] = {
    "bribery": 0.15,
    "fairness": 0.14,
    "honesty": 0.12,
    "price": 0.12,
    "product": 0.11,
    "personnel": 0.10,
    "confidentiality": 0.05,
    "advertising": 0.04,
    "manipulation of data": 0.04,
}

#: The textbook's examples of each issue.
ETHICS_EXAMPLES: dict[str, str] = {
    "bribery": "gifts from outside vendors, payment of questionable commissions, "
               "\"money under the table\"",
    "fairness": "placing company interests over family obligations, taking credit for the work "
                "of others, inducing customers to use services not needed, manipulation of others",
    "honesty": "lying to customers to obtain orders, misrepresenting services and capabilities",
    "price": "differential pricing, charging higher prices than firms with similar products "
             "while claiming superiority",
    "product": "product safety, product and brand infringement, exaggerated performance claims, "
               "products that do not benefit consumers",
    "personnel": "firing, hiring, employee evaluation",
    "confidentiality": "temptations to use or obtain classified, secret, or competitive "
                       "information",
    "advertising": "crossing the line between exaggeration and misrepresentation, misleading "
                   "customers",
    "manipulation of data": "falsifying figures or misusing statistics or information, "
                            "distortion",
}


def ethics_survey(*, include_unreported: bool = False) -> pd.DataFrame:
    """The survey as a table: issue, share, examples (in the textbook's order).

    With ``include_unreported=True`` a final row "not reported in the text" holds
    ``1 - sum(shares) = 0.13`` so the column adds up to 1.

    >>> round(float(ethics_survey(include_unreported=True)["share"].sum()), 10)
    1.0
    """
    check_bool(include_unreported, "include_unreported")
    frame = pd.DataFrame(
        {"share": list(ETHICS_SHARES.values()),
         "examples": [ETHICS_EXAMPLES[k] for k in ETHICS_SHARES]},
        index=pd.Index(list(ETHICS_SHARES), name="issue"),
    )
    if include_unreported:
        frame.loc["not reported in the text"] = [unreported_share(), ""]
    return frame


def survey_total() -> float:
    """Sum of the nine printed shares: ``sum_k share_k = 0.87``.

    >>> round(survey_total(), 10)
    0.87
    """
    return float(np.sum(list(ETHICS_SHARES.values())))


def unreported_share() -> float:
    """The share the text does not account for: ``1 - 0.87 = 0.13``.

    >>> round(unreported_share(), 10)
    0.13
    """
    return round(1.0 - survey_total(), 10)


def pareto_table() -> pd.DataFrame:
    """Issues sorted by share with the cumulative share (of all respondents, so it ends at 0.87).

    ``cumulative_k = sum_{j <= k} share_j``. Ties (honesty/price, advertising/manipulation of
    data) keep the text's order.

    >>> pareto_table()["cumulative"].round(2).to_list()[:3]
    [0.15, 0.29, 0.41]
    """
    t = ethics_survey()[["share"]].sort_values("share", ascending=False, kind="stable")
    t["cumulative"] = t["share"].cumsum()
    t["share_of_reported"] = t["share"] / survey_total()
    return t
