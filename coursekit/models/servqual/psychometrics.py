"""Research checks on the SERVQUAL instrument: its five-factor structure and its gap scores.

Two of the classic critiques of SERVQUAL can be checked on any survey:

* **Dimensionality** (Carman 1990; Babakus & Boller 1992): do the 22 items load on the five
  dimensions PZB proposed? An exploratory factor analysis with five varimax-rotated factors
  shows which dimension each factor gathers and the share of items that land with their own
  dimension (the *hit rate*). Replications often found fewer or different factors.
* **Difference scores** (Peter, Churchill & Brown 1993): a gap ``G = P - E`` is less reliable
  than its parts when ``P`` and ``E`` are correlated. With standard deviations ``s``, the
  reliability of a difference (Lord 1963; Johns 1981) is

  .. math:: r_{GG} = \\frac{s_P^2 r_{PP} + s_E^2 r_{EE} - 2 r_{PE} s_P s_E}
                           {s_P^2 + s_E^2 - 2 r_{PE} s_P s_E} ,

  which falls towards 0 as ``r_PE`` approaches the reliabilities. This, and the finding that
  perceptions alone predict overall quality as well (Cronin & Taylor 1992, SERVPERF) and that
  "expectations" mix ideal and predicted levels (Teas 1993), are why many studies use
  perceptions only. For e-services, Parasuraman, Zeithaml & Malhotra (2005) built E-S-QUAL.

Not from the textbook. Carman, J. M. (1990), *Journal of Retailing* 66(1), 33-55; Babakus, E. &
Boller, G. W. (1992), *Journal of Business Research* 24(3), 253-268; Peter, J. P., Churchill,
G. A. & Brown, T. J. (1993), *Journal of Consumer Research* 19(4), 655-662; Teas, R. K. (1993),
*Journal of Marketing* 57(4), 18-34; Parasuraman, A., Zeithaml, V. A. & Malhotra, A. (2005),
*Journal of Service Research* 7(3), 213-233; Lord, F. M. (1963), in Harris (ed.), *Problems in
Measuring Change*; Johns, G. (1981), *Organizational Behavior and Human Performance* 27,
443-463.

>>> round(difference_score_reliability(alpha_e=0.80, alpha_p=0.80, r_ep=0.50), 3)
0.6
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_integer, check_number
from coursekit.models.servqual.instrument import DIMENSIONS, _ITEM_DIM, as_item_frame
from coursekit.models.servqual.reliability import cronbach_alpha

__all__ = ["FactorStructure", "factor_structure", "difference_score_reliability",
           "difference_score_table"]


@dataclass(frozen=True)
class FactorStructure:
    """An exploratory factor analysis of the 22 items."""

    loadings: pd.DataFrame     #: item x factor, varimax-rotated
    item_factor: pd.Series     #: the factor each item loads on most
    factor_dimension: pd.Series  #: the dimension most of a factor's items belong to
    hit_rate: float            #: share of items whose factor is their own dimension's factor
    eigenvalues: np.ndarray    #: of the item correlation matrix, largest first

    @property
    def kaiser_factors(self) -> int:
        """Number of eigenvalues above 1 (the Kaiser rule for how many factors to keep)."""
        return int((self.eigenvalues > 1).sum())


def factor_structure(items: Any, *, n_factors: int = 5, method: str = "pa") -> FactorStructure:
    """Fit ``n_factors`` factors to the 22 item scores and see whether they are the dimensions.

    ``items`` holds the 22 items of one battery (perceptions, expectations or gaps) in any form
    :func:`~coursekit.models.servqual.instrument.as_item_frame` reads. Uses statsmodels'
    ``Factor`` (principal axis by default, ``method="ml"`` for maximum likelihood) and a
    varimax rotation.
    """
    from statsmodels.multivariate.factor import Factor

    n_factors = check_integer(n_factors, "n_factors", low=1, high=10)
    if method not in ("pa", "ml"):
        raise ValueError(f"method must be 'pa' or 'ml'; got {method!r}")
    frame = as_item_frame(items, "items")
    if len(frame) <= frame.shape[1]:
        raise ValueError(f"items needs more respondents than items ({frame.shape[1]}) for a "
                         f"factor analysis; got {len(frame)}")
    values = frame.to_numpy(dtype=float)
    if np.any(values.std(axis=0) == 0):
        raise ValueError("items: an item without variance cannot be factor-analysed")
    result = Factor(values, n_factor=n_factors, method=method).fit()
    if n_factors > 1:
        result.rotate("varimax")
    names = [f"F{k + 1}" for k in range(n_factors)]
    loadings = pd.DataFrame(result.loadings, index=frame.columns, columns=names)
    item_factor = loadings.abs().idxmax(axis=1).rename("factor")
    dims = pd.Series([_ITEM_DIM[i] for i in range(22)], index=frame.columns)
    factor_dimension = (pd.crosstab(item_factor, dims).idxmax(axis=1)
                        .reindex(names).rename("dimension"))
    hit = (item_factor.map(factor_dimension) == dims).mean()
    eig = np.sort(np.linalg.eigvalsh(np.corrcoef(values, rowvar=False)))[::-1]
    return FactorStructure(loadings, item_factor, factor_dimension, float(hit), eig)


def difference_score_reliability(alpha_e: Any, alpha_p: Any, r_ep: Any, *,
                                 sd_e: Any = 1.0, sd_p: Any = 1.0) -> float:
    """Reliability of ``P - E`` from the reliabilities of ``E`` and ``P`` and their correlation.

    ``r_GG = (s_P^2 r_PP + s_E^2 r_EE - 2 r_PE s_P s_E) / (s_P^2 + s_E^2 - 2 r_PE s_P s_E)``.

    >>> difference_score_reliability(0.9, 0.9, 0.0)    # uncorrelated parts: as reliable
    0.9
    >>> round(difference_score_reliability(0.8, 0.8, 0.7), 3)
    0.333
    """
    ree = check_number(alpha_e, "alpha_e", low=-1.0, high=1.0)
    rpp = check_number(alpha_p, "alpha_p", low=-1.0, high=1.0)
    rep = check_number(r_ep, "r_ep", low=-1.0, high=1.0)
    se = check_number(sd_e, "sd_e", low=0.0, low_open=True)
    sp = check_number(sd_p, "sd_p", low=0.0, low_open=True)
    denominator = sp ** 2 + se ** 2 - 2 * rep * sp * se
    if denominator <= 1e-12:
        raise ValueError("the difference P - E has no variance (r_ep = 1 with equal sd): its "
                         "reliability is undefined")
    return float((sp ** 2 * rpp + se ** 2 * ree - 2 * rep * sp * se) / denominator)


def difference_score_table(expectations: Any, perceptions: Any) -> pd.DataFrame:
    """Per dimension: the reliability of E, P and the gap, and the correlation of E with P.

    Columns: ``alpha_E``, ``alpha_P`` (Cronbach's alpha of the dimension's items),
    ``r_EP`` (correlation of the dimension means of E and P), ``sd_E``, ``sd_P``,
    ``reliability_gap`` (the difference-score formula above) and ``alpha_gap_items``
    (Cronbach's alpha of the item gaps ``p_i - e_i``, for comparison).
    """
    e = as_item_frame(expectations, "expectations")
    p = as_item_frame(perceptions, "perceptions")
    if e.shape != p.shape:
        raise ValueError(f"expectations and perceptions must have the same respondents; got "
                         f"{e.shape[0]} and {p.shape[0]} rows")
    ev, pv = e.to_numpy(dtype=float), p.to_numpy(dtype=float)
    rows = {}
    for dim in DIMENSIONS:
        cols = np.flatnonzero(_ITEM_DIM == dim)
        em, pm = ev[:, cols].mean(axis=1), pv[:, cols].mean(axis=1)
        a_e, a_p = cronbach_alpha(ev[:, cols]), cronbach_alpha(pv[:, cols])
        r = float(np.corrcoef(em, pm)[0, 1])
        sd_e, sd_p = float(em.std(ddof=1)), float(pm.std(ddof=1))
        rows[dim] = {
            "alpha_E": a_e, "alpha_P": a_p, "r_EP": r, "sd_E": sd_e, "sd_P": sd_p,
            "reliability_gap": difference_score_reliability(a_e, a_p, r, sd_e=sd_e, sd_p=sd_p),
            "alpha_gap_items": cronbach_alpha(pv[:, cols] - ev[:, cols]),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "dimension"
    return table
