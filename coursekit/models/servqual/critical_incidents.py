"""The critical incident technique: what made a service encounter memorably good or bad.

Seed 000 names critical service encounter research; not from the textbook: Flanagan, J. C.
(1954), "The critical incident technique", *Psychological Bulletin* 51(4), 327-358; Bitner, M. J.,
Booms, B. H. & Tetreault, M. S. (1990), "The service encounter: diagnosing favorable and
unfavorable incidents", *Journal of Marketing* 54(1), 71-84 (the three groups of employee
behaviour below, BBT); Cohen, J. (1960), "A coefficient of agreement for nominal scales",
*Educational and Psychological Measurement* 20(1), 37-46.

Customers tell a story of one encounter that was especially satisfying or dissatisfying; two
coders sort each story into a group independently. Before the shares mean anything, the coders
must agree more than chance would make them: Cohen's kappa

    kappa = (p_o - p_e) / (1 - p_e),

with p_o the share of incidents both coders put in the same group and p_e = sum_k a_k b_k the
agreement expected by chance from each coder's own shares a_k and b_k.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from coursekit._validate import check_columns

__all__ = ["BBT_GROUPS", "incident_shares", "CoderAgreement", "coder_agreement"]

#: Bitner, Booms & Tetreault's (1990) three groups of employee behaviour and their categories.
BBT_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "1 system failure": ("Employee response to service delivery system failures",
                         ("unavailable service", "unreasonably slow service",
                          "other core service failures")),
    "2 customer request": ("Employee response to customer needs and requests",
                           ("'special needs' customers", "customer preferences",
                            "admitted customer error", "potentially disruptive others")),
    "3 unprompted action": ("Unprompted and unsolicited employee actions",
                            ("attention paid to customer", "truly out-of-the-ordinary behaviour",
                             "behaviour in the context of cultural norms", "gestalt evaluation",
                             "performance under adverse circumstances")),
}


def incident_shares(frame: pd.DataFrame, *, group: str = "coder_a",
                    outcome: str = "outcome") -> pd.DataFrame:
    """Counts and shares of incidents per group, separately for each outcome (BBT's table 3).

    share(group k | outcome o) = n(k, o) / n(o): each outcome column of shares sums to 1, so a
    group's share of the *dissatisfying* stories can be set against its share of the satisfying
    ones. Columns: ``n_<outcome>`` and ``share_<outcome>`` per outcome, plus ``n_all`` and
    ``share_all``.

    >>> f = pd.DataFrame({"outcome": ["satisfying"] * 2 + ["dissatisfying"] * 2,
    ...                   "coder_a": ["3 unprompted action", "1 system failure",
    ...                               "1 system failure", "1 system failure"]})
    >>> incident_shares(f)[["share_dissatisfying", "share_satisfying"]].to_dict("list")
    {'share_dissatisfying': [1.0, 0.0], 'share_satisfying': [0.5, 0.5]}
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a DataFrame of coded incidents; got {type(frame).__name__}")
    check_columns(frame, "frame", [group, outcome])
    if frame[[group, outcome]].isna().any().any():
        raise ValueError(f"frame has incidents without a {group!r} or {outcome!r}: code every "
                         "incident (or drop it) first")
    counts = pd.crosstab(frame[group].astype(str), frame[outcome].astype(str))
    if counts.empty:
        raise ValueError("frame must hold at least one incident")
    out = pd.DataFrame(index=counts.index)
    for o in counts.columns:
        out[f"n_{o}"] = counts[o]
        out[f"share_{o}"] = counts[o] / counts[o].sum()
    out["n_all"] = counts.sum(axis=1)
    out["share_all"] = out["n_all"] / out["n_all"].sum()
    out.index.name = group
    return out


@dataclass(frozen=True)
class CoderAgreement:
    """Agreement of two coders: the confusion table, p_o, p_e and Cohen's kappa with its 95 % CI."""

    table: pd.DataFrame
    n: int
    observed_agreement: float   # p_o
    chance_agreement: float     # p_e
    kappa: float
    kappa_se: float
    ci_low: float
    ci_high: float

    def __repr__(self) -> str:
        return (f"CoderAgreement(n={self.n}, agreement={self.observed_agreement:.1%}, "
                f"chance={self.chance_agreement:.1%}, kappa={self.kappa:.3f} "
                f"[95% CI {self.ci_low:.3f}, {self.ci_high:.3f}])")


def coder_agreement(codes_a, codes_b, categories=None) -> CoderAgreement:
    """Cohen's kappa of two coders who sorted the same incidents (statsmodels ``cohens_kappa``).

    kappa = (p_o - p_e) / (1 - p_e); 1 is perfect agreement, 0 the agreement of chance. Landis &
    Koch (1977) call 0.61-0.80 "substantial" and above 0.80 "almost perfect" agreement; the
    standard error is the large-sample one of Fleiss, Cohen & Everitt (1969).

    >>> r = coder_agreement(["a", "a", "b", "b", "a"], ["a", "b", "b", "b", "a"])
    >>> round(r.observed_agreement, 2), round(r.chance_agreement, 2), round(r.kappa, 4)
    (0.8, 0.48, 0.6154)
    """
    from statsmodels.stats.inter_rater import cohens_kappa

    a = pd.Series(np.asarray(codes_a, dtype=object).ravel(), name="coder_a")
    b = pd.Series(np.asarray(codes_b, dtype=object).ravel(), name="coder_b")
    if len(a) != len(b):
        raise ValueError(f"codes_a and codes_b must code the same incidents; got {len(a)} and "
                         f"{len(b)} codes")
    if len(a) < 2:
        raise ValueError("codes_a must hold at least two incidents")
    if a.isna().any() or b.isna().any():
        raise ValueError("codes_a and codes_b must code every incident (missing codes found)")
    seen = sorted(set(a.astype(str)) | set(b.astype(str)))
    cats = seen if categories is None else [str(c) for c in categories]
    unknown = sorted(set(seen) - set(cats))
    if unknown:
        raise ValueError(f"categories must include every code used; missing {unknown}")
    table = pd.crosstab(pd.Categorical(a.astype(str), cats), pd.Categorical(b.astype(str), cats),
                        dropna=False).reindex(index=cats, columns=cats, fill_value=0)
    table.index.name, table.columns.name = "coder_a", "coder_b"
    m = table.to_numpy(dtype=float)
    n = m.sum()
    p_o = np.trace(m) / n
    p_e = float(m.sum(axis=1) @ m.sum(axis=0) / n ** 2)
    if min((m.sum(axis=1) > 0).sum(), (m.sum(axis=0) > 0).sum()) < 2:
        raise ValueError("codes_a and codes_b must each use at least two categories: a coder "
                         "who puts every incident in one group agrees only by chance (kappa "
                         "is 0 or undefined and has no standard error)")
    with np.errstate(invalid="ignore", divide="ignore"):  # its z test of kappa = 0, unused
        res = cohens_kappa(m)
    if not np.isfinite([res.kappa, res.std_kappa]).all():
        raise ValueError("codes_a and codes_b give no finite kappa or standard error")
    return CoderAgreement(table, int(n), float(p_o), p_e, float(res.kappa),
                          float(res.std_kappa), float(res.kappa_low), float(res.kappa_upp))
