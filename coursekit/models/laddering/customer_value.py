"""Identifying customer value: executive estimates vs customer reports (textbook 6.1).

The 3-Circle growth strategy learns customer value in two passes (TB 6.1): the executive team
first *estimates* what customers value - a list of reasons for choice, the importance of each
(low / medium / high, **with discrimination**: not everything may be "high") and customer beliefs
about our brand and the competitor's - and only then asks customers. Where the two disagree the
team was wrong, and "in these differences exist potentially enormous growth opportunities".

Beliefs are judged against two reference points (TB 6.1): against the customer's
*expectations* (below / equal / above, Oliver 1977, 1980) and against the *competitor*
(AT&T Allegheny scored 98 % satisfaction and was replaced; New York scored in the mid-70s and
thrived, because Allegheny's customers liked the competitors even more; Kordupleski 2003).

Importance x belief is the importance-weighted (adequacy-importance) multi-attribute attitude
(TB 6.1's "instrumentality value" framework, not Fishbein's 1963 model, which weights beliefs by
*evaluations*, l.2440; see Cohen, Fishbein & Ahtola 1972, *Journal of Marketing Research* 9(4),
456-460)

.. math:: A_j = \\sum_i w_i\\, b_{ij},

and the competitive comparison is its difference between our brand and the competitor,
:math:`A_{ours} - A_{comp} = \\sum_i w_i (b_{i,ours} - b_{i,comp})`.

>>> executive_vs_customer({"Timely service response": "H"},
...                       {"Timely service response": "M", "Team approach": "H"})
... # doctest: +NORMALIZE_WHITESPACE
                        executive customer  gap           finding
attribute
Team approach                None        H  NaN  missed by executives
Timely service response         H        M -1.0       overestimated
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_choice, check_number

__all__ = [
    "IMPORTANCE_LEVELS",
    "IMPORTANCE_SCORES",
    "BANK_CONTEXT_STATEMENT",
    "BANK_MANAGER_ATTRIBUTES",
    "BANK_MANAGER_TOP4",
    "BANK_CUSTOMER_VIEW",
    "BANK_INTERVIEWS",
    "END_VALUES",
    "ATT_SATISFACTION",
    "ImportanceProfile",
    "importance_scores",
    "importance_profile",
    "belief_vs_expectation",
    "belief_vs_competitor",
    "competitive_value",
    "executive_vs_customer",
]

#: The three importance categories of the 3-Circle protocol (TB 6.1), lowest first.
IMPORTANCE_LEVELS: tuple[str, str, str] = ("L", "M", "H")
#: Numeric coding of the categories used for weighting (L = 1, M = 2, H = 3).
IMPORTANCE_SCORES: dict[str, int] = {"L": 1, "M": 2, "H": 3}
_LONG_NAMES = {"low": "L", "medium": "M", "high": "H"}

#: The bank president's context statement (TB 6.1), quoted verbatim: CC BY-NC-SA 4.0 like its
#: source (Perry & Benbow 2021, section 6.1), not MIT - see LICENSES.md.
BANK_CONTEXT_STATEMENT = (
    "My goal is to figure out how my bank can grow by creating more value for and attracting "
    "new small business loan and deposit clients relative to their current banks."
)

#: The reasons for choice listed by the bank's nine regional managers (TB 6.1), in their order.
BANK_MANAGER_ATTRIBUTES: tuple[str, ...] = (
    "Timely service response",
    "High trust of bank and banker",
    "Knowledgeable employees",
    "Straight talk and sound advice",
    "Strong, stable, and secure bank",
    "Fair and open pricing",
    "Commitment to community service and involvement",
    "Decisions made locally",
    "Products and services offered",
    "Convenient locations",
)

#: The four attributes the regional managers put at the top of the list (TB 6.1).
BANK_MANAGER_TOP4: tuple[str, ...] = BANK_MANAGER_ATTRIBUTES[:4]

#: What the seven small-business customers said the bank's unique value was tied to (TB 6.1).
#: The team approach was not on the managers' top-10 list at all.
BANK_CUSTOMER_VIEW: tuple[str, ...] = (
    "Knowledge of staff and willingness to advise",
    "Locally owned and cares about its community",
    "Team approach",
)

#: The exploratory interviews in the bank case (TB 6.1): seven small-business customers from
#: different industries who had started with the bank within the previous nine months; the
#: estimates came from nine regional managers.
BANK_INTERVIEWS: dict[str, int] = {"regional_managers": 9, "customers": 7, "months_as_client": 9}

#: Values that often emerge at the top of laddering studies (TB 6.1), in the textbook's order.
END_VALUES: tuple[str, ...] = (
    "accomplishment",
    "belonging",
    "self-fulfillment",
    "self-esteem",
    "family",
    "satisfaction",
    "security, peace of mind",
    "control",
)

#: AT&T's internal satisfaction scores in the late 1980s (TB 6.1, Kordupleski 2003, pp. xvii-
#: xviii): Allegheny "regularly scoring 98%", New York "in a range around the mid-70s" (0.75 is
#: our point reading of "mid-70s").
ATT_SATISFACTION: dict[str, float] = {"Allegheny": 0.98, "New York": 0.75}


def _as_levels(ratings: Any, name: str) -> pd.Series:
    """Ratings (mapping or Series attribute -> 'L'/'M'/'H') as a Series of upper-case codes."""
    if isinstance(ratings, Mapping):
        ratings = pd.Series(dict(ratings), dtype=object)
    if not isinstance(ratings, pd.Series):
        raise TypeError(
            f"{name} must be a mapping or pandas Series from attribute to 'L', 'M' or 'H'; "
            f"got {type(ratings).__name__}"
        )
    if ratings.empty:
        raise ValueError(f"{name} must rate at least one attribute; got an empty {name}")
    if not ratings.index.is_unique:
        dup = ratings.index[ratings.index.duplicated()].unique().tolist()
        raise ValueError(f"{name} rates an attribute more than once: {dup}")
    out = {}
    for attribute, level in ratings.items():
        code = _LONG_NAMES.get(level.lower(), level.upper()) if isinstance(level, str) else level
        check_choice(code, f"{name}[{attribute!r}]", IMPORTANCE_LEVELS)
        out[attribute] = code
    return pd.Series(out, dtype=object, name=ratings.name)


def importance_scores(ratings: Mapping[str, str] | pd.Series) -> pd.Series:
    """Code low / medium / high importance as 1 / 2 / 3 (TB 6.1: "rate attributes as low,
    medium, or high in importance").

    ``ratings`` maps attribute -> ``"L"``, ``"M"`` or ``"H"`` (``"low"``, ``"medium"``,
    ``"high"`` are accepted too).

    >>> importance_scores({"Timely service response": "H", "Convenient locations": "low"})
    Timely service response    3
    Convenient locations       1
    dtype: int64
    """
    levels = _as_levels(ratings, "ratings")
    return levels.map(IMPORTANCE_SCORES).astype("int64")


@dataclass(frozen=True)
class ImportanceProfile:
    """How a set of L/M/H importance ratings is spread over the three categories.

    ``discriminates`` is True when at least two categories are used: the 3-Circle protocol
    (TB 6.1) asks respondents to discriminate - "they may not say that everything is important".
    ``max_high_share`` (if given) tightens the rule: the share rated H may not exceed it.
    """

    counts: pd.Series
    shares: pd.Series
    mean_score: float
    discriminates: bool

    def __repr__(self) -> str:
        c = self.counts
        return (f"ImportanceProfile(L={c['L']}, M={c['M']}, H={c['H']}, "
                f"mean_score={self.mean_score:.3f}, discriminates={self.discriminates})")


def importance_profile(ratings: Mapping[str, str] | pd.Series, *,
                       max_high_share: float | None = None) -> ImportanceProfile:
    """Counts and shares of L / M / H and whether the ratings discriminate (TB 6.1).

    discriminates = (number of categories used >= 2) and (share of H <= ``max_high_share``)

    >>> importance_profile({"a": "H", "b": "H", "c": "M", "d": "L"})
    ImportanceProfile(L=1, M=1, H=2, mean_score=2.250, discriminates=True)
    >>> importance_profile({"a": "H", "b": "H", "c": "H"}).discriminates
    False
    >>> importance_profile({"a": "H", "b": "H", "c": "M"}, max_high_share=0.5).discriminates
    False
    """
    levels = _as_levels(ratings, "ratings")
    if max_high_share is not None:
        max_high_share = float(check_number(max_high_share, "max_high_share", low=0, high=1))
    counts = levels.value_counts().reindex(list(IMPORTANCE_LEVELS), fill_value=0).astype("int64")
    counts.index.name = "importance"
    shares = counts / counts.sum()
    ok = int((counts > 0).sum()) >= 2
    if max_high_share is not None:
        ok = ok and float(shares["H"]) <= max_high_share
    mean = float(levels.map(IMPORTANCE_SCORES).mean())
    return ImportanceProfile(counts=counts, shares=shares, mean_score=mean, discriminates=ok)


def belief_vs_expectation(belief: Any, expectation: Any, *, tolerance: float = 0.0) -> Any:
    """Classify a belief against the customer's expectation as "below", "equal" or "above"
    (TB 6.1, after Oliver 1977, 1980: satisfaction is performance *relative* to expectations).

    "equal" when :math:`|b - e| \\le` ``tolerance``; otherwise the sign of :math:`b - e` decides.
    Works elementwise on arrays (returns an array of labels).

    >>> belief_vs_expectation(5.8, 6.0)
    'below'
    >>> belief_vs_expectation([5.8, 6.0, 6.5], 6.0, tolerance=0.25).tolist()
    ['equal', 'equal', 'above']
    """
    b = as_float_array(belief, "belief")
    e = as_float_array(expectation, "expectation")
    tol = float(check_number(tolerance, "tolerance", low=0))
    try:
        diff = b - e
    except ValueError:
        raise ValueError(
            f"belief and expectation must have matching shapes; got {b.shape} and {e.shape}"
        ) from None
    labels = np.where(np.abs(diff) <= tol, "equal", np.where(diff > 0, "above", "below"))
    return str(labels) if labels.ndim == 0 else labels


def belief_vs_competitor(ours: Any, competitor: Any) -> Any:
    """Our belief score minus the competitor's, :math:`b_{ours} - b_{comp}` (TB 6.1: "competitor
    comparisons are at the core of customer judgment").

    A high score of our own means little if customers like the competitor even more: the
    AT&T Allegheny region scored 98 % satisfaction and still lost (TB 6.1).

    >>> round(belief_vs_competitor(0.75, 0.60), 2)
    0.15
    >>> belief_vs_competitor([6, 5], [5, 6]).tolist()
    [1.0, -1.0]
    """
    a = as_float_array(ours, "ours")
    c = as_float_array(competitor, "competitor")
    try:
        diff = a - c
    except ValueError:
        raise ValueError(
            f"ours and competitor must have matching shapes; got {a.shape} and {c.shape}"
        ) from None
    return float(diff) if diff.ndim == 0 else diff


def competitive_value(importance: Mapping[str, Any] | pd.Series,
                      ours: Mapping[str, float] | pd.Series,
                      competitor: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Importance-weighted beliefs about our brand and the competitor, attribute by attribute.

    .. math:: A_{ours} = \\sum_i w_i b_{i,ours},\\quad A_{comp} = \\sum_i w_i b_{i,comp},
              \\quad \\text{advantage}_i = w_i (b_{i,ours} - b_{i,comp})

    (the importance-weighted multi-attribute form; TB 6.1 distinguishes it from Fishbein's 1963
    beliefs x evaluations). ``importance`` holds L/M/H
    categories (coded 1/2/3) or non-negative numeric weights. The last row, ``"total"``, holds
    the sums. Attributes must be the same in all three inputs.

    >>> competitive_value({"trust": "H", "price": "M"}, {"trust": 1, "price": -1},
    ...                   {"trust": 0, "price": 0})
            weight  ours  competitor  weighted_ours  weighted_competitor  advantage
    trust      3.0   1.0         0.0            3.0                  0.0        3.0
    price      2.0  -1.0         0.0           -2.0                  0.0       -2.0
    total      5.0   NaN         NaN            1.0                  0.0        1.0
    """
    if isinstance(importance, Mapping):
        importance = pd.Series(dict(importance), dtype=object)
    if not isinstance(importance, pd.Series):
        raise TypeError("importance must be a mapping or Series attribute -> weight; got "
                        f"{type(importance).__name__}")
    if importance.empty:
        raise ValueError("importance must weight at least one attribute; got none")
    if any(isinstance(v, str) for v in importance):
        weights = importance_scores(importance).astype(float)
    else:
        weights = pd.Series(check_number(as_float_array(importance.to_numpy(), "importance"),
                                         "importance", low=0), index=importance.index)
    frames = {}
    for name, values in (("ours", ours), ("competitor", competitor)):
        series = pd.Series(dict(values)) if isinstance(values, Mapping) else values
        if not isinstance(series, pd.Series):
            raise TypeError(f"{name} must be a mapping or Series attribute -> belief score")
        if set(series.index) != set(weights.index):
            raise ValueError(
                f"{name} must score exactly the attributes in importance; missing "
                f"{sorted(set(weights.index) - set(series.index))}, extra "
                f"{sorted(set(series.index) - set(weights.index))}"
            )
        frames[name] = pd.Series(as_float_array(series.reindex(weights.index).to_numpy(), name),
                                 index=weights.index)
    table = pd.DataFrame({"weight": weights, "ours": frames["ours"],
                          "competitor": frames["competitor"]})
    table["weighted_ours"] = table["weight"] * table["ours"]
    table["weighted_competitor"] = table["weight"] * table["competitor"]
    table["advantage"] = table["weighted_ours"] - table["weighted_competitor"]
    total = table[["weight", "weighted_ours", "weighted_competitor", "advantage"]].sum()
    table.loc["total"] = total  # ours/competitor have no meaningful sum: NaN by design
    return table


def executive_vs_customer(executive: Mapping[str, str] | pd.Series,
                          customer: Mapping[str, str] | pd.Series) -> pd.DataFrame:
    """Compare the executives' importance estimates with what customers report (TB 6.1).

    gap = score(customer) - score(executive), with L/M/H coded 1/2/3. ``finding`` reads:

    - ``"missed by executives"``: customers rate an attribute the executives never listed
      (the bank's *team approach*);
    - ``"not mentioned by customers"``: listed by executives, absent from customer reports;
    - ``"underestimated"`` (gap > 0), ``"overestimated"`` (gap < 0) or ``"as estimated"``.

    Surprises (every finding except "as estimated") are where the growth opportunities lie.
    Rows are sorted by finding (missed first), then by customer importance, then by name.

    >>> executive_vs_customer({"Community": "L", "Trust": "H"},
    ...                       {"Community": "H", "Trust": "H"})
              executive customer  gap         finding
    attribute
    Community         L        H  2.0  underestimated
    Trust             H        H  0.0    as estimated
    """
    ex = _as_levels(executive, "executive")
    cu = _as_levels(customer, "customer")
    attributes = list(dict.fromkeys([*cu.index, *ex.index]))
    table = pd.DataFrame({"executive": ex.reindex(attributes).astype(object),
                          "customer": cu.reindex(attributes).astype(object)},
                         index=pd.Index(attributes, name="attribute"))
    table = table.where(table.notna(), None)
    gap = (cu.map(IMPORTANCE_SCORES).reindex(attributes)
           - ex.map(IMPORTANCE_SCORES).reindex(attributes)).astype(float)
    table["gap"] = gap.to_numpy()
    finding = np.select(
        [table["executive"].isna(), table["customer"].isna(), gap > 0, gap < 0],
        ["missed by executives", "not mentioned by customers", "underestimated",
         "overestimated"],
        default="as estimated",
    )
    table["finding"] = finding
    order = {"missed by executives": 0, "underestimated": 1, "overestimated": 2,
             "not mentioned by customers": 3, "as estimated": 4}
    key = pd.DataFrame({
        "f": table["finding"].map(order),
        "c": -table["customer"].map(IMPORTANCE_SCORES).fillna(0),
        "n": table.index,
    }, index=table.index)
    return table.loc[key.sort_values(["f", "c", "n"]).index]
