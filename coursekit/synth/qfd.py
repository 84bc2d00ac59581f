"""Synthetic Kano survey of restaurant service features with known true categories.

Not from the textbook: a teaching data set. Each respondent answers the functional and
dysfunctional question (Kano et al. 1984; Berger et al. 1993) for ten features of a
restaurant; seven of them are the customer requirements of the restaurant house of quality
(``datasets/qfd_restaurant.json``). Every feature has a *true* category; a respondent perceives
that category with probability about 0.5-0.65 and otherwise a neighbouring one (customers are
heterogeneous, and a few answer inconsistently), then picks an answer pair at random among the
cells of the evaluation table that belong to the perceived category. With a few hundred
respondents the modal category recovers the true one, which the tests check.

>>> df = kano_survey(n_respondents=20)
>>> df.shape
(200, 6)
>>> list(df.columns)
['respondent', 'feature', 'functional', 'dysfunctional', 'importance', 'true_category']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_integer
from coursekit.models.qfd.kano import ANSWERS, EVALUATION_TABLE

__all__ = ["FEATURES", "PERCEPTION", "IMPORTANCE_MEANS", "kano_survey"]

#: Feature -> true Kano category.
FEATURES: dict[str, str] = {
    "Tasty food": "one-dimensional",
    "Food served hot": "must-be",
    "Quick service": "one-dimensional",
    "Friendly staff": "one-dimensional",
    "Clean restaurant": "must-be",
    "Good value for money": "one-dimensional",
    "Pleasant atmosphere": "attractive",
    "Free birthday dessert": "attractive",
    "Free Wi-Fi": "indifferent",
    "Loud live music": "reverse",
}

_ORDER = ("attractive", "one-dimensional", "must-be", "indifferent", "reverse",
          "questionable")
#: True category -> probabilities of the perceived category, in the order
#: attractive, one-dimensional, must-be, indifferent, reverse, questionable.
PERCEPTION: dict[str, tuple[float, ...]] = {
    "attractive": (0.55, 0.15, 0.03, 0.22, 0.02, 0.03),
    "one-dimensional": (0.15, 0.50, 0.17, 0.13, 0.02, 0.03),
    "must-be": (0.03, 0.17, 0.55, 0.20, 0.02, 0.03),
    "indifferent": (0.15, 0.05, 0.07, 0.65, 0.05, 0.03),
    "reverse": (0.03, 0.02, 0.02, 0.30, 0.60, 0.03),
}


#: True category -> mean self-stated importance (1-9 scale) of the generator. Not from a source:
#: chosen so that must-be and one-dimensional features are rated important and attractive ones
#: less so, as respondents typically do (Berger et al. 1993 on self-stated importance).
IMPORTANCE_MEANS: dict[str, float] = {
    "must-be": 7.6, "one-dimensional": 7.0, "attractive": 5.2, "indifferent": 3.2, "reverse": 2.4,
}


def kano_survey(n_respondents: int = 300, seed: int = 2024) -> pd.DataFrame:
    """A long table: one row per respondent x feature with the two answers and the truth.

    >>> kano_survey(5).groupby("feature", sort=False).size().unique().tolist()
    [5]
    """
    n_respondents = check_integer(n_respondents, "n_respondents", low=1)
    seed = check_integer(seed, "seed", low=0)
    rng = np.random.default_rng(seed)
    names = np.array(list(FEATURES), dtype=object)
    truth = np.array([FEATURES[f] for f in names], dtype=object)
    n_feat = names.size
    feat_idx = np.tile(np.arange(n_feat), n_respondents)
    resp = np.repeat(np.arange(1, n_respondents + 1), n_feat)

    probs = np.array([PERCEPTION[t] for t in truth])             # n_feat x 6
    cum = np.cumsum(probs, axis=1)
    cum[:, -1] = 1.0
    u = rng.random(feat_idx.size)
    perceived = (u[:, None] > cum[feat_idx]).sum(axis=1)          # 0..5

    # cells (flat index f * 5 + d) of the evaluation table per category, padded
    table = EVALUATION_TABLE.to_numpy().ravel()
    cells = [np.flatnonzero(table == c) for c in _ORDER]
    lengths = np.array([c.size for c in cells])
    padded = np.zeros((len(_ORDER), lengths.max()), dtype=int)
    for k, c in enumerate(cells):
        padded[k, : c.size] = c
    pick = np.floor(rng.random(feat_idx.size) * lengths[perceived]).astype(int)
    flat = padded[perceived, pick]
    answers = np.array(ANSWERS, dtype=object)
    # self-stated importance from its own stream, so the answer pairs do not depend on it
    noise = np.random.default_rng([seed, 1]).normal(0.0, 1.4, feat_idx.size)
    means = np.array([IMPORTANCE_MEANS[c] for c in truth])[feat_idx]
    importance = np.clip(np.rint(means + noise), 1, 9).astype("int64")
    return pd.DataFrame({
        "respondent": resp.astype("int64"),
        "feature": pd.array(names[feat_idx], dtype="string"),
        "functional": pd.array(answers[flat // 5], dtype="string"),
        "dysfunctional": pd.array(answers[flat % 5], dtype="string"),
        "importance": importance,
        "true_category": pd.array(truth[feat_idx], dtype="string"),
    })
