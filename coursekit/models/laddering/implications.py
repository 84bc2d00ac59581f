"""The implication matrix: direct and indirect relations between codes, summed over ladders.

Not from the textbook: Reynolds, T. J. & Gutman, J. (1988), "Laddering theory, method, analysis,
and interpretation", *Journal of Advertising Research* 28(1), 11-31.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_choice
from coursekit.models.laddering.ladders import LEVELS, parse_ladders

__all__ = [
    "ImplicationMatrix", "implication_matrix",
]

_RELATIONS = ("direct", "total")
_COUNTS = ("ladder", "respondent")


@dataclass(frozen=True)
class ImplicationMatrix:
    """Direct and indirect relation counts between codes, aggregated over ladders.

    ``direct.loc[i, j]`` counts how often ``j`` immediately follows ``i`` in a ladder;
    ``indirect.loc[i, j]`` how often ``j`` follows ``i`` further up the same ladder. Rows and
    columns are ordered by level (attributes, consequences, values) and then by first
    appearance. ``mentions`` counts the ladders (or respondents) that name each code; ``levels``
    gives each code's level; ``count`` is the counting rule; ``n_ladders`` and
    ``n_respondents`` describe the data.
    """

    direct: pd.DataFrame
    indirect: pd.DataFrame
    levels: pd.Series
    mentions: pd.Series
    count: str
    n_ladders: int
    n_respondents: int

    @property
    def total(self) -> pd.DataFrame:
        """Direct + indirect relations."""
        return self.direct + self.indirect

    def relation(self, relation: str = "direct") -> pd.DataFrame:
        """The counts used by a cutoff: ``"direct"`` or ``"total"`` (direct + indirect)."""
        check_choice(relation, "relation", _RELATIONS)
        return self.direct if relation == "direct" else self.total

    def summary(self) -> pd.DataFrame:
        """The classic "direct.indirect" notation of Reynolds & Gutman (1988), e.g. ``"3.05"``
        for 3 direct and 5 indirect relations (blank where both are zero)."""
        d, i = self.direct.to_numpy(), self.indirect.to_numpy()
        text = np.char.add(np.char.add(d.astype(str), "."),
                           np.char.zfill(i.astype(str), 2))
        text = np.where((d + i) == 0, "", text)
        return pd.DataFrame(text, index=self.direct.index, columns=self.direct.columns)

    def __repr__(self) -> str:
        return (f"ImplicationMatrix(codes={len(self.levels)}, count={self.count!r}, "
                f"ladders={self.n_ladders}, respondents={self.n_respondents}, "
                f"direct={int(self.direct.to_numpy().sum())}, "
                f"indirect={int(self.indirect.to_numpy().sum())})")


def _as_table(ladders: Any, codebook: Mapping[str, str] | None) -> pd.DataFrame:
    if isinstance(ladders, pd.DataFrame) and codebook is None and "level" in ladders.columns:
        return parse_ladders(ladders)
    return parse_ladders(ladders, codebook)


def implication_matrix(ladders: Any, codebook: Mapping[str, str] | None = None, *,
                       count: str = "ladder") -> ImplicationMatrix:
    """Count direct and indirect relations between every pair of codes.

    For codes :math:`i` before :math:`j` in a ladder at positions :math:`p_i < p_j`, the
    relation is *direct* if :math:`p_j - p_i = 1` and *indirect* if :math:`p_j - p_i > 1`.
    A ladder of :math:`n` codes therefore holds :math:`n - 1` direct and
    :math:`(n-1)(n-2)/2` indirect relations.

    ``count="ladder"`` adds one per ladder; ``count="respondent"`` counts each respondent at
    most once per pair (authors differ on this; Reynolds & Gutman 1988 count respondents so that
    talkative respondents do not dominate). A respondent whose ladders hold a pair both directly
    and indirectly is counted as direct.

    ``ladders`` is the output of :func:`parse_ladders` or anything it accepts (with
    ``codebook``). Not from the textbook: Reynolds & Gutman (1988).

    >>> ladders = parse_ladders({"r1": ["a > c > v", "a > v"], "r2": ["a > c"]},
    ...                         {"a": "A", "c": "C", "v": "V"})
    >>> implication_matrix(ladders).direct
         a  c  v
    a    0  2  1
    c    0  0  1
    v    0  0  0
    >>> m = implication_matrix(ladders, count="respondent")
    >>> int(m.direct.loc["a", "v"]), int(m.indirect.loc["a", "v"])
    (1, 0)
    """
    check_choice(count, "count", _COUNTS)
    table = _as_table(ladders, codebook)
    rank = {lv: i for i, lv in enumerate(LEVELS)}
    first = table.drop_duplicates("code")[["code", "level"]]
    first = first.assign(r=first["level"].map(rank)).sort_values("r", kind="stable")
    codes = first["code"].tolist()
    idx = pd.Series(np.arange(len(codes)), index=codes)

    # All ordered pairs (earlier, later) inside each ladder, vectorised with a self-merge.
    t = table.assign(k=table["code"].map(idx).to_numpy())
    t["lid"] = t.groupby(["respondent", "ladder"], sort=False).ngroup()
    pairs = t[["lid", "respondent", "position", "k"]].merge(
        t[["lid", "position", "k"]], on="lid", suffixes=("_i", "_j"))
    pairs = pairs[pairs["position_j"] > pairs["position_i"]]
    pairs = pairs.assign(is_direct=(pairs["position_j"] - pairs["position_i"]) == 1)
    n = len(codes)
    direct = np.zeros((n, n), dtype="int64")
    indirect = np.zeros((n, n), dtype="int64")
    if count == "respondent":
        per = pairs.groupby(["respondent", "k_i", "k_j"], sort=False)["is_direct"].any()
        per = per.reset_index()
        pairs = per
        mentions = table.drop_duplicates(["respondent", "code"])["code"].value_counts()
    else:
        mentions = table["code"].value_counts()
    d = pairs[pairs["is_direct"]]
    ind = pairs[~pairs["is_direct"]]
    np.add.at(direct, (d["k_i"].to_numpy(), d["k_j"].to_numpy()), 1)
    np.add.at(indirect, (ind["k_i"].to_numpy(), ind["k_j"].to_numpy()), 1)
    labels = pd.Index(codes)
    return ImplicationMatrix(
        direct=pd.DataFrame(direct, index=labels, columns=labels),
        indirect=pd.DataFrame(indirect, index=labels, columns=labels),
        levels=first.set_index("code")["level"].rename("level").rename_axis(None),
        mentions=mentions.reindex(codes).astype("int64").rename("mentions"),
        count=count,
        n_ladders=int(t["lid"].nunique()),
        n_respondents=int(table["respondent"].nunique()),
    )


def _check_matrix(matrix: Any) -> ImplicationMatrix:
    if not isinstance(matrix, ImplicationMatrix):
        raise TypeError(f"matrix must be an ImplicationMatrix (from implication_matrix); got "
                        f"{type(matrix).__name__}")
    return matrix
