"""The Kano model: classify service features from functional / dysfunctional answers.

Not from the textbook. The textbook does not discuss the Kano model: it cites Tontini (2003),
"Deployment of customer needs in the QFD using a modified Kano model", only as the source of its
list of QFD benefits (l.1366), never for Kano itself. The method here follows Kano, Seraku, Takahashi & Tsuji 1984, "Attractive quality and
must-be quality", *Journal of the Japanese Society for Quality Control* 14(2): 39-48, and the
evaluation table and coefficients of Berger et al. 1993, "Kano's methods for understanding
customer-defined quality", *Center for Quality Management Journal* 2(4): 3-36.

Every respondent answers two questions per feature: the *functional* one ("how do you feel if
the feature is present?") and the *dysfunctional* one ("... if it is absent?"), each with one of
five answers: ``like``, ``must-be``, ``neutral``, ``live-with``, ``dislike``. The evaluation
table maps the answer pair to a category:

=============  ====  =======  =======  =========  =======
functional      like  must-be  neutral  live-with  dislike
=============  ====  =======  =======  =========  =======
like            Q     A        A        A          O
must-be         R     I        I        I          M
neutral         R     I        I        I          M
live-with       R     I        I        I          M
dislike         R     R        R        R          Q
=============  ====  =======  =======  =========  =======

(rows: functional answer; columns: dysfunctional answer; A attractive, O one-dimensional,
M must-be, I indifferent, R reverse, Q questionable).

>>> kano_category("like", "dislike")
'one-dimensional'
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_columns, check_nonnegative

__all__ = ["ANSWERS", "CATEGORIES", "EVALUATION_TABLE", "kano_category", "kano_classify",
           "kano_coefficients"]

#: The five answer options, in the order of the evaluation table.
ANSWERS = ("like", "must-be", "neutral", "live-with", "dislike")
#: The six Kano categories; also the tie-break order of :func:`kano_classify`
#: Berger et al. (1993) give "M > O > A > I" (pick the category with the largest impact); the
#: place of reverse and questionable after them (R > Q) is this project's choice, not Berger's.
#: (The M > O > A > I order is cited from the Kano literature, not checked against the paper.)
CATEGORIES = ("must-be", "one-dimensional", "attractive", "indifferent", "reverse",
              "questionable")
_CODE = {"A": "attractive", "O": "one-dimensional", "M": "must-be", "I": "indifferent",
         "R": "reverse", "Q": "questionable"}
_TABLE = [
    "QAAAO",
    "RIIIM",
    "RIIIM",
    "RIIIM",
    "RRRRQ",
]
#: The evaluation table as a DataFrame (functional answer x dysfunctional answer).
EVALUATION_TABLE = pd.DataFrame(
    [[_CODE[c] for c in row] for row in _TABLE],
    index=pd.Index(ANSWERS, name="functional"),
    columns=pd.Index(ANSWERS, name="dysfunctional"),
)
_LOOKUP = EVALUATION_TABLE.to_numpy().astype(str)
_ALIASES = {"must be": "must-be", "mustbe": "must-be", "live with": "live-with",
            "livewith": "live-with", "expect": "must-be", "tolerate": "live-with"}


def _codes(answers: Any, name: str) -> np.ndarray:
    """Answer strings -> row/column index 0..4 (vectorised over unique values)."""
    arr = np.asarray(answers, dtype=object)
    flat = arr.ravel()
    if flat.size == 0:
        raise ValueError(f"{name} must contain at least one answer")
    inverse, uniques = pd.factorize(pd.Series(flat, dtype=object), use_na_sentinel=False)
    bad_types = [a for a in uniques if not isinstance(a, str)]
    if bad_types:
        raise TypeError(f"{name} must hold answer strings {list(ANSWERS)}; got "
                        f"{bad_types[0]!r}")
    idx = np.empty(uniques.size, dtype=int)
    for u, text in enumerate(uniques):
        key = " ".join(text.strip().lower().replace("_", " ").split())
        key = _ALIASES.get(key, key.replace(" ", "-"))
        if key not in ANSWERS:
            raise ValueError(f"{name} contains {text!r}, which is not an answer option; "
                             f"allowed: {', '.join(ANSWERS)}")
        idx[u] = ANSWERS.index(key)
    return idx[inverse].reshape(arr.shape)


def kano_category(functional: Any, dysfunctional: Any) -> str | np.ndarray:
    """Kano category of one answer pair (or of arrays of answer pairs).

    Looks the pair up in the evaluation table (Berger et al. 1993). Answers are
    ``like``, ``must-be``, ``neutral``, ``live-with``, ``dislike`` (case and ``-``/space
    insensitive). Returns a string for scalar input, otherwise an array of strings.

    >>> kano_category("like", "neutral")
    'attractive'
    >>> kano_category("neutral", "dislike")
    'must-be'
    >>> kano_category(["like", "dislike"], ["like", "like"]).tolist()
    ['questionable', 'reverse']
    """
    f = _codes(functional, "functional")
    d = _codes(dysfunctional, "dysfunctional")
    if f.shape != d.shape:
        raise ValueError(f"functional and dysfunctional must have the same shape; got "
                         f"{f.shape} and {d.shape}")
    out = _LOOKUP[f, d]
    if out.ndim == 0:
        return str(out)
    return out


def kano_classify(responses: pd.DataFrame, *, feature: str = "feature",
                  functional: str = "functional",
                  dysfunctional: str = "dysfunctional") -> pd.DataFrame:
    """Category counts and the modal (most frequent) category per feature.

    ``responses`` is a long table with one row per respondent x feature. The result has one
    row per feature (in order of first appearance) and the columns ``must-be``,
    ``one-dimensional``, ``attractive``, ``indifferent``, ``reverse``, ``questionable``
    (counts), ``n`` and ``category``. Ties are broken in the order M > O > A > I (Berger et
    al. 1993), then R > Q (this project's choice: Berger et al. do not rank those two).

    >>> df = pd.DataFrame({"feature": ["wifi", "wifi", "wifi"],
    ...                    "functional": ["like", "like", "neutral"],
    ...                    "dysfunctional": ["neutral", "neutral", "neutral"]})
    >>> kano_classify(df)[["attractive", "indifferent", "n", "category"]]
             attractive  indifferent  n    category
    feature
    wifi              2            1  3  attractive
    """
    check_columns(responses, "responses", [feature, functional, dysfunctional])
    if responses.empty:
        raise ValueError("responses must contain at least one row")
    if responses[feature].isna().any():
        raise ValueError(f"responses column {feature!r} has missing feature names")
    cats = kano_category(responses[functional].to_numpy(object),
                         responses[dysfunctional].to_numpy(object))
    names = pd.Index(pd.unique(responses[feature]), name=feature)
    counts = (pd.crosstab(responses[feature].to_numpy(), cats)
              .reindex(index=names, columns=list(CATEGORIES), fill_value=0)
              .astype("int64"))
    counts.index.name = feature
    counts.columns.name = None
    counts["n"] = counts[list(CATEGORIES)].sum(axis=1)
    # idxmax returns the first maximum, and the columns are in tie-break order.
    counts["category"] = counts[list(CATEGORIES)].idxmax(axis=1)
    return counts


def kano_coefficients(counts: Any) -> pd.DataFrame | pd.Series:
    """Better and Worse (customer satisfaction) coefficients (Berger et al. 1993).

    .. math:: \\text{Better} = \\frac{A + O}{A + O + M + I}, \\qquad
              \\text{Worse} = -\\frac{O + M}{A + O + M + I}

    Better (0 to 1) says how much satisfaction rises when the feature is provided; Worse
    (-1 to 0) how much dissatisfaction follows when it is missing. ``counts`` is the
    DataFrame of :func:`kano_classify` (result: one row per feature) or a mapping / Series
    with the four counts (result: a Series).

    >>> kano_coefficients({"attractive": 10, "one-dimensional": 20, "must-be": 5,
    ...                    "indifferent": 15})
    better    0.6
    worse    -0.5
    dtype: float64
    """
    needed = ["attractive", "one-dimensional", "must-be", "indifferent"]
    if isinstance(counts, pd.DataFrame):
        check_columns(counts, "counts", needed)
        a, o, m, i = (check_nonnegative(counts[c].to_numpy(dtype=float), f"counts[{c!r}]")
                      for c in needed)
    elif isinstance(counts, (Mapping, pd.Series)):
        missing = [c for c in needed if c not in counts]
        if missing:
            raise ValueError(f"counts is missing {missing}; it needs {needed}")
        a, o, m, i = (check_nonnegative(counts[c], f"counts[{c!r}]") for c in needed)
    else:
        raise TypeError("counts must be a DataFrame from kano_classify or a mapping of "
                        f"category counts; got {type(counts).__name__}")
    total = np.asarray(a + o + m + i, dtype=float)
    if np.any(total <= 0):
        raise ValueError("counts: A + O + M + I must be > 0 for every feature (Better and "
                         "Worse are undefined when all answers are reverse or questionable)")
    better = (a + o) / total
    worse = -(o + m) / total
    if isinstance(counts, pd.DataFrame):
        return pd.DataFrame({"better": better, "worse": worse}, index=counts.index)
    return pd.Series({"better": float(better), "worse": float(worse)})
