"""How much the technical priorities of a house depend on the numbers given to its symbols.

The relationship symbols of a house (strong / medium / weak) are an *ordinal* judgement: strong
is more than medium, which is more than weak. The basement ``TI_j = sum_i w_i r_ij`` treats the
numbers put on them (9-3-1, 5-3-1, 4-2-1, ...) as a ratio scale, so a different but equally
ordinal coding can reorder the hows. Franceschini & Rupil (1999) and Franceschini (2002) make
this critique; the practical answer is to check whether the priorities a team acts on survive
a change of coding.

Not from the textbook: the scales are those in use in QFD practice (9-3-1 after Akao 1990; 5-3-1
and 4-2-1 as alternatives compared by Franceschini & Rupil 1999, "Rating scales and
prioritization in QFD", *International Journal of Quality & Reliability Management* 16(1),
85-97; Franceschini 2002, *Advanced Quality Function Deployment*, St. Lucie Press); Kendall's
tau as the measure of rank agreement (Kendall 1938, "A new measure of rank correlation",
*Biometrika* 30, 81-93).

>>> from coursekit.models.qfd.house import HouseOfQuality
>>> house = HouseOfQuality(["a", "b"], [1, 1.5], ["x", "y"],
...                        [["strong", "medium"], [None, "medium"]])
>>> scale_sensitivity(house).ranks.loc["x"].to_dict()   # x v y: 9 v 7.5, then 5 v 7.5
{'9-3-1': 1, '5-3-1': 2, '4-2-1': 2, '3-2-1': 2}
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_integer

__all__ = ["RELATIONSHIP_SCALES", "ScaleSensitivity", "rescore", "scale_sensitivity"]

#: Codings of the strong / medium / weak symbols found in QFD practice and its critiques.
RELATIONSHIP_SCALES: dict[str, dict[str, float]] = {
    "9-3-1": {"strong": 9.0, "medium": 3.0, "weak": 1.0},
    "5-3-1": {"strong": 5.0, "medium": 3.0, "weak": 1.0},
    "4-2-1": {"strong": 4.0, "medium": 2.0, "weak": 1.0},
    "3-2-1": {"strong": 3.0, "medium": 2.0, "weak": 1.0},
}


def _check_scale(scale: Any, name: str) -> dict[str, float]:
    if not isinstance(scale, Mapping) or set(scale) != {"strong", "medium", "weak"}:
        raise ValueError(f"{name} must map exactly 'strong', 'medium' and 'weak' to numbers; "
                         f"got {scale!r}")
    values = {k: float(v) for k, v in scale.items()}
    if not values["strong"] > values["medium"] > values["weak"] > 0:
        raise ValueError(f"{name} must keep the order strong > medium > weak > 0 (an ordinal "
                         f"recoding); got {values}")
    return values


def rescore(house: Any, scale: Mapping[str, float]) -> Any:
    """The same house with its relationship symbols coded by another ``scale``.

    Each cell's symbol is recovered from the house's own scale (a cell of 9 in a 9-3-1 house is
    "strong") and recoded: ``r'_ij = scale[symbol_ij]``. A cell holding a number that is not on
    the house's scale has no symbol to recode and raises ``ValueError``.

    >>> from coursekit.models.qfd.house import HouseOfQuality
    >>> h = HouseOfQuality(["a"], [1], ["x", "y"], [["strong", "weak"]])
    >>> rescore(h, RELATIONSHIP_SCALES["4-2-1"]).relationships.tolist()
    [[4.0, 1.0]]
    """
    new_scale = _check_scale(scale, "scale")
    old = _check_scale({k: house.scale[k] for k in ("strong", "medium", "weak")
                        if k in house.scale}, "the house's scale")
    rel = np.asarray(house.relationships, dtype=float)
    out = np.zeros_like(rel)
    known = rel == 0  # blank cells need no symbol
    for symbol, value in old.items():
        hit = np.isclose(rel, value)
        out[hit] = new_scale[symbol]
        known |= hit
    if not known.all():
        i, j = np.argwhere(~known)[0]
        raise ValueError(
            f"relationship ({house.requirements[i]!r}, {house.characteristics[j]!r}) = "
            f"{rel[i, j]:g} is not a symbol of the house's scale {old}: it cannot be recoded")
    return house.replace(relationships=out)


@dataclass(frozen=True)
class ScaleSensitivity:
    """Technical priorities of one house under several codings of its symbols."""

    relative_importance: pd.DataFrame  #: characteristic x scale, shares summing to 1
    ranks: pd.DataFrame                #: characteristic x scale, 1 = top priority
    kendall_tau: pd.Series             #: each scale's rank agreement with the first scale
    top_k_agree: bool                  #: the same top-k hows (as a set) under every scale
    k: int

    @property
    def stable(self) -> bool:
        """True when every scale ranks the hows exactly as the first one does."""
        return bool((self.ranks.nunique(axis=1) == 1).all())

    @property
    def rank_range(self) -> pd.Series:
        """For each how, worst rank minus best rank over the scales (0 = never moves)."""
        return (self.ranks.max(axis=1) - self.ranks.min(axis=1)).rename("rank_range")


def scale_sensitivity(house: Any, scales: Mapping[str, Mapping[str, float]] | None = None, *,
                      weights: Any = "importance", k: int | None = None) -> ScaleSensitivity:
    """Recompute ``RI_j = TI_j / sum TI`` under each coding in ``scales`` and compare the ranks.

    ``kendall_tau`` is Kendall's tau-b between each scale's ranking and the first scale's;
    ``top_k_agree`` says whether the top ``k`` hows (default: 3, or fewer in a small house)
    are the same set under every coding.

    >>> from coursekit.models.qfd.house import HouseOfQuality
    >>> h = HouseOfQuality(["a", "b"], [1, 1], ["x", "y"],
    ...                    [["strong", None], ["medium", "strong"]])
    >>> s = scale_sensitivity(h, k=1)
    >>> s.ranks.loc["x"].tolist(), s.ranks.loc["y"].tolist()   # 12 v 9, then 8 v 5 ...
    ([1, 1, 1, 1], [2, 2, 2, 2])
    """
    from scipy.stats import kendalltau

    scales = RELATIONSHIP_SCALES if scales is None else scales
    if not isinstance(scales, Mapping) or len(scales) < 2:
        raise ValueError("scales must map at least two scale names to {strong, medium, weak} "
                         "codings")
    k = min(3, len(house.characteristics)) if k is None else check_integer(k, "k", low=1)
    if k > len(house.characteristics):
        raise ValueError(f"k must be at most the number of characteristics "
                         f"({len(house.characteristics)}); got {k}")
    shares, ranks = {}, {}
    for name, scale in scales.items():
        table = rescore(house, scale).priorities(weights=weights)
        shares[name] = table["relative_importance"]
        ranks[name] = table["rank"]
    share_frame, rank_frame = pd.DataFrame(shares), pd.DataFrame(ranks)
    first = rank_frame.iloc[:, 0]
    tau = pd.Series({name: float(kendalltau(first, col).statistic)
                     for name, col in rank_frame.items()}, name="kendall_tau")
    tops = {frozenset(col.nsmallest(k, keep="all").index) for _, col in rank_frame.items()}
    return ScaleSensitivity(share_frame, rank_frame, tau, len(tops) == 1, k)
