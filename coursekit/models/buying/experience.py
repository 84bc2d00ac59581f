"""Customer experience and loyalty (TB 2.1): Forrester's test, loyalty components, the pharmacy.

The customer-experience test "useful, usable, enjoyable" (Forrester, TB 2.1), the three
components of loyalty and Paul Gauvreau's pharmacy quotes (TB 2.1).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_columns

__all__ = [
    "LOYALTY_COMPONENTS", "PHARMACY_QUOTES", "CX_CRITERIA", "score_touchpoints",
]

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
#: The quotes are verbatim from TB 2.1 and are CC BY-NC-SA (the section's licence; original
#: CC BY-NC-SA 3.0), not MIT - see LICENSES.md.
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
    check_columns(ratings, "ratings", cols)
    x = as_float_array(ratings[cols].to_numpy(), "ratings")
    if np.any((x < 1) | (x > 5)):
        raise ValueError("ratings must lie between 1 and 5")
    out = ratings[cols].astype(float).copy()
    out["score"] = x.mean(axis=1)
    out["weakest"] = np.array(cols, dtype=object)[x.argmin(axis=1)]
    return out
