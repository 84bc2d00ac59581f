"""How sure a Kano classification is, what customers say matters, and how categories age.

* **Is the modal category significant?** A feature is put in its most frequent category, but the
  runner-up is often close. Fong (1996) compares the two largest counts ``a >= b`` out of ``n``
  answers: the difference is significant (at about the 10 % level) when

  .. math:: |a - b| \\ge 1.65 \\sqrt{\\frac{(a + b)(2n - a - b)}{2n}} .

  When it is not, report the feature as a mix of the two categories rather than pick one.
* **Self-stated importance** (Berger et al. 1993 recommend asking it next to the functional and
  dysfunctional questions): it ranks features *within* a category and shows that customers
  rate must-be features as very important although providing them raises satisfaction little.
* **The life cycle of a quality attribute** (Kano 2001): successful attributes drift from
  indifferent to attractive, to one-dimensional and finally to must-be, as customers get used
  to them; today's delighter is tomorrow's expectation.

Not from the textbook: Fong, D. (1996), "Using the self-stated importance questionnaire to
interpret Kano questionnaire results", *Center for Quality Management Journal* 5(3), 21-23;
Berger, C. et al. (1993), "Kano's methods for understanding customer-defined quality", *Center
for Quality Management Journal* 2(4), 3-36; Kano, N. (2001), "Life cycle and creation of
attractive quality", 4th International QMOD Conference, Linköping.

>>> fong_test({"attractive": 40, "one-dimensional": 35, "must-be": 10, "indifferent": 15})
first               attractive
second         one-dimensional
a                           40
b                           35
n                          100
threshold            11.296778
significant              False
dtype: object
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_columns, check_nonnegative
from coursekit.models.qfd.kano import CATEGORIES, kano_classify

__all__ = ["KANO_LIFE_CYCLE", "fong_test", "self_stated_importance"]

#: The stages an attribute passes through as customers get used to it (Kano 2001).
KANO_LIFE_CYCLE: tuple[tuple[str, str], ...] = (
    ("indifferent", "new and unknown: its presence or absence leaves customers cold"),
    ("attractive", "a pleasant surprise: present it delights, absent nobody misses it"),
    ("one-dimensional", "compared across providers: the more of it, the more satisfied"),
    ("must-be", "taken for granted: absent it dissatisfies, present it is not noticed"),
)

_Z = 1.65  # Fong's critical value (one-sided 5 % / two-sided 10 % normal quantile)


def _fong_row(counts: np.ndarray, n: float) -> tuple[int, int, float, bool]:
    order = np.argsort(-counts, kind="stable")  # CATEGORIES order breaks ties
    a, b = counts[order[0]], counts[order[1]]
    threshold = _Z * np.sqrt((a + b) * (2 * n - a - b) / (2 * n))
    return int(order[0]), int(order[1]), float(threshold), bool(abs(a - b) >= threshold)


def fong_test(counts: Any) -> pd.DataFrame | pd.Series:
    """Fong's (1996) test of whether the modal Kano category beats the runner-up.

    ``counts`` is the table of :func:`~coursekit.models.qfd.kano.kano_classify` (one row per
    feature) or one feature's counts as a mapping / Series of category -> count; categories
    not given count 0 and ``n`` is the sum over all six categories. Returns ``first``,
    ``second`` (category names), their counts ``a`` and ``b``, ``n``, the ``threshold``
    ``1.65 sqrt((a+b)(2n-a-b)/(2n))`` and ``significant`` (``|a - b| >= threshold``).
    """
    cats = list(CATEGORIES)
    if isinstance(counts, pd.DataFrame):
        present = [c for c in cats if c in counts.columns]
        check_columns(counts, "counts", present or cats)
        matrix = np.column_stack([
            check_nonnegative(counts[c].to_numpy(dtype=float), f"counts[{c!r}]")
            if c in counts.columns else np.zeros(len(counts)) for c in cats])
        index = counts.index
    elif isinstance(counts, (Mapping, pd.Series)):
        unknown = [k for k in counts.keys() if k not in cats and k not in ("n", "category")]
        if unknown:
            raise ValueError(f"counts has unknown categories {unknown}; allowed: {cats}")
        matrix = np.array([[check_nonnegative(counts[c], f"counts[{c!r}]") if c in counts
                            else 0.0 for c in cats]], dtype=float)
        index = None
    else:
        raise TypeError("counts must be a DataFrame from kano_classify or a mapping of "
                        f"category counts; got {type(counts).__name__}")
    totals = matrix.sum(axis=1)
    if np.any(totals <= 0):
        raise ValueError("counts: every feature needs at least one answer (n > 0)")
    rows = []
    for row, n in zip(matrix, totals):
        first, second, threshold, significant = _fong_row(row, n)
        rows.append({"first": cats[first], "second": cats[second], "a": int(row[first]),
                     "b": int(row[second]), "n": int(n), "threshold": threshold,
                     "significant": significant})
    if index is None:
        return pd.Series(rows[0], dtype=object)
    return pd.DataFrame(rows, index=index)


def self_stated_importance(responses: pd.DataFrame, *, feature: str = "feature",
                           importance: str = "importance", functional: str = "functional",
                           dysfunctional: str = "dysfunctional") -> pd.DataFrame:
    """Mean self-stated importance per feature beside its modal Kano category.

    Returns one row per feature with ``importance`` (mean rating), ``sd``, ``n``,
    ``category`` (the modal category, ties in the order of
    :data:`~coursekit.models.qfd.kano.CATEGORIES`) and ``rank_in_category`` (1 = the most
    important feature of its category), sorted by category and rank.

    >>> df = pd.DataFrame({"feature": ["wifi", "wifi", "hot food", "hot food"],
    ...                    "functional": ["like", "like", "neutral", "must-be"],
    ...                    "dysfunctional": ["neutral", "neutral", "dislike", "dislike"],
    ...                    "importance": [3, 5, 9, 8]})
    >>> self_stated_importance(df)[["importance", "category"]]
              importance    category
    feature
    hot food         8.5     must-be
    wifi             4.0  attractive
    """
    check_columns(responses, "responses", [feature, importance, functional, dysfunctional])
    if responses.empty:
        raise ValueError("responses must contain at least one row")
    ratings = responses[importance]
    if ratings.isna().any():
        raise ValueError(f"responses column {importance!r} has missing ratings")
    check_nonnegative(ratings.to_numpy(dtype=float), f"responses[{importance!r}]")
    modal = kano_classify(responses, feature=feature, functional=functional,
                          dysfunctional=dysfunctional)["category"]
    stats = responses.groupby(feature, sort=False)[importance].agg(["mean", "std", "size"])
    table = pd.DataFrame({
        "importance": stats["mean"],
        "sd": stats["std"],
        "n": stats["size"].astype("int64"),
        "category": modal.reindex(stats.index),
    })
    order = {c: k for k, c in enumerate(CATEGORIES)}
    table["rank_in_category"] = (table.groupby("category")["importance"]
                                 .rank(ascending=False, method="min").astype("int64"))
    table = table.sort_values(["category", "rank_in_category"],
                              key=lambda s: s.map(order) if s.name == "category" else s)
    table.index.name = feature
    return table
