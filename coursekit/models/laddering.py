"""Laddering: means-end chains, the implication matrix and the hierarchical value map.

Laddering (TB 6.1) is "root-cause analysis with customers": starting from an attribute, the
interviewer keeps asking "why is that important?" until the respondent reaches a personal value.
Each answer sequence is a *ladder* of codes, each code on one of three levels, from concrete to
abstract::

    attribute  ->  consequence  ->  value
    team approach > knowledge of many people > less likely to miss something > peace of mind

The bank's customers laddered the team approach up to *time* and *profitability*; typical end
values are accomplishment, belonging, self-fulfillment, self-esteem, family, satisfaction,
security / peace of mind and control (TB 6.1).

Not from the textbook: the aggregation of many ladders into an implication matrix, the cutoff
and the hierarchical value map (HVM) follow Reynolds, T. J. & Gutman, J. (1988), "Laddering
theory, method, analysis, and interpretation", *Journal of Advertising Research* 28(1), 11-31.
The abstractness and centrality indices are from Pieters, R., Baumgartner, H. & Allen, D. (1995),
"A means-end chain approach to consumer goal structures", *International Journal of Research in
Marketing* 12(3), 227-244.

>>> codebook = {"team": "attribute", "knowledge": "consequence", "time": "consequence",
...             "profit": "value"}
>>> ladders = parse_ladders(["team > knowledge > profit", "team > time > profit"], codebook)
>>> m = implication_matrix(ladders)
>>> int(m.direct.loc["team", "knowledge"]), int(m.indirect.loc["team", "profit"])
(1, 2)
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from coursekit._validate import check_choice, check_columns, check_integer

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "LEVELS",
    "ImplicationMatrix",
    "parse_ladders",
    "implication_matrix",
    "cutoff_table",
    "hierarchical_value_map",
    "abstractness",
    "centrality",
    "dominant_chains",
]

#: The three levels of a means-end chain, from concrete (bottom of the map) to abstract (top).
LEVELS: tuple[str, str, str] = ("attribute", "consequence", "value")
_LEVEL_ALIASES = {"a": "attribute", "c": "consequence", "v": "value",
                  "attributes": "attribute", "consequences": "consequence", "values": "value"}
_RELATIONS = ("direct", "total")
_COUNTS = ("ladder", "respondent")


def _level_of(raw: Any, code: str) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"codebook gives code {code!r} the level {raw!r}; allowed levels are "
                         f"{', '.join(map(repr, LEVELS))}")
    level = _LEVEL_ALIASES.get(raw.strip().lower(), raw.strip().lower())
    if level not in LEVELS:
        raise ValueError(f"codebook gives code {code!r} the level {raw!r}; allowed levels are "
                         f"{', '.join(map(repr, LEVELS))}")
    return level


def _split(text: str, separator: str, where: str) -> list[str]:
    parts = [p.strip() for p in text.split(separator)]
    if not text.strip() or any(p == "" for p in parts):
        raise ValueError(f"ladders: {where} is empty or has an empty step: {text!r}")
    return parts


def parse_ladders(data: pd.DataFrame | Sequence[str] | Mapping[Any, Sequence[str]],
                  codebook: Mapping[str, str] | None = None, *,
                  separator: str = ">", check_order: bool = True) -> pd.DataFrame:
    """Turn ladders into one tidy table: ``respondent, ladder, position, code, level``.

    ``data`` is either

    - a DataFrame with columns ``respondent, ladder, position, code`` (and optionally ``level``),
      one row per step; or
    - a list of strings such as ``"team approach > knowledge > saves time > profitability"``
      (each string is one ladder of its own respondent); or
    - a mapping respondent -> list of such strings.

    ``codebook`` maps every code to its level (``"attribute"``, ``"consequence"``, ``"value"``
    or ``"A"``/``"C"``/``"V"``); it may be omitted only when the table has a ``level`` column.
    Errors (``ValueError`` naming ``ladders`` or ``codebook``): a code with no level, an empty
    ladder, a code repeated inside one ladder (a cycle: "A because B because A"), positions that
    repeat and - with ``check_order`` - a ladder that steps *down* a level (value -> attribute).

    >>> parse_ladders({"r1": ["team > time > control"]}, {"team": "A", "time": "C",
    ...                                                  "control": "V"})
      respondent  ladder  position     code        level
    0         r1       0         0     team    attribute
    1         r1       0         1     time  consequence
    2         r1       0         2  control        value
    """
    if not isinstance(separator, str) or not separator.strip():
        raise ValueError(f"separator must be a non-empty string; got {separator!r}")
    if isinstance(data, pd.DataFrame):
        check_columns(data, "ladders", ["respondent", "ladder", "position", "code"])
        cols = ["respondent", "ladder", "position", "code"]
        if "level" in data.columns:
            cols.append("level")
        table = data[cols].copy()
        if table.empty:
            raise ValueError("ladders is an empty table: there is nothing to analyse")
        if table["code"].isna().any() or (table["code"].astype(str).str.strip() == "").any():
            raise ValueError("ladders has an empty code; every step of a ladder needs a code")
        table["code"] = table["code"].astype(str).str.strip()
    else:
        if isinstance(data, str):
            raise TypeError("ladders must be a list of ladder strings, a mapping respondent -> "
                            "list of strings or a DataFrame; got a single string (wrap it in "
                            "a list)")
        if isinstance(data, Mapping):
            items = list(data.items())
        elif isinstance(data, Iterable):
            items = [(i, [text]) for i, text in enumerate(data)]
        else:
            raise TypeError("ladders must be a DataFrame, a list of strings or a mapping "
                            f"respondent -> list of strings; got {type(data).__name__}")
        if not items:
            raise ValueError("ladders is empty: there is nothing to analyse")
        rows = []
        for respondent, texts in items:
            if isinstance(texts, str):
                texts = [texts]
            if not texts:
                raise ValueError(f"ladders: respondent {respondent!r} has no ladder")
            for k, text in enumerate(texts):
                if not isinstance(text, str):
                    raise TypeError(f"ladders: each ladder must be a string like 'a > b > c'; "
                                    f"got {text!r} for respondent {respondent!r}")
                where = f"ladder {k} of respondent {respondent!r}"
                rows += [(respondent, k, j, code)
                         for j, code in enumerate(_split(text, separator, where))]
        table = pd.DataFrame(rows, columns=["respondent", "ladder", "position", "code"])

    if codebook is not None:
        if not isinstance(codebook, Mapping):
            raise TypeError(f"codebook must be a mapping code -> level; got "
                            f"{type(codebook).__name__}")
        levels = {str(code).strip(): _level_of(level, code) for code, level in codebook.items()}
        unknown = sorted(set(table["code"]) - set(levels))
        if unknown:
            raise ValueError(f"codebook has no level for code(s) {unknown}; give every code one "
                             f"of the levels {', '.join(LEVELS)}")
        table["level"] = table["code"].map(levels)
    elif "level" in table.columns:
        if table["level"].isna().any():
            missing = sorted(table.loc[table["level"].isna(), "code"].unique())
            raise ValueError(f"ladders has no level for code(s) {missing}")
        table["level"] = [_level_of(lv, c) for lv, c in zip(table["level"], table["code"])]
        per_code = table.groupby("code")["level"].nunique()
        if (per_code > 1).any():
            raise ValueError(f"ladders gives code(s) {sorted(per_code[per_code > 1].index)} "
                             "more than one level")
    else:
        raise ValueError("codebook is required (a mapping code -> level) unless ladders has a "
                         "'level' column")

    table = table.sort_values(["respondent", "ladder", "position"], kind="stable")
    table = table.reset_index(drop=True)
    keys = ["respondent", "ladder"]
    if table.duplicated(keys + ["position"]).any():
        raise ValueError("ladders repeats a position inside a ladder; positions must be unique")
    repeated = table[table.duplicated(keys + ["code"], keep=False)]
    if not repeated.empty:
        r = repeated.iloc[0]
        raise ValueError(f"ladders has a cycle: code {r['code']!r} appears twice in ladder "
                         f"{r['ladder']!r} of respondent {r['respondent']!r}")
    if check_order:
        rank = table["level"].map({lv: i for i, lv in enumerate(LEVELS)})
        step_down = (rank.diff() < 0) & table.duplicated(keys, keep="first")
        if step_down.any():
            r = table[step_down].iloc[0]
            raise ValueError(f"ladders: ladder {r['ladder']!r} of respondent "
                             f"{r['respondent']!r} steps down a level at {r['code']!r} "
                             f"(order must be attribute -> consequence -> value; pass "
                             f"check_order=False to allow it)")
    table["position"] = table.groupby(keys).cumcount().astype("int64")
    table["ladder"] = table["ladder"].astype("int64")
    return table[["respondent", "ladder", "position", "code", "level"]]


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


def cutoff_table(matrix: ImplicationMatrix, *, relation: str = "direct") -> pd.DataFrame:
    """For every cutoff, how many links an HVM keeps and what share of relations they carry.

    A cell (link) is kept at cutoff :math:`c` when its count is :math:`\\ge c`. For each
    :math:`c = 1, \\dots, \\max` count:

    - ``links`` = number of kept cells, ``share_of_links`` = links / active cells (count > 0);
    - ``relations`` = sum of the kept counts, ``share_of_relations`` = relations / all
      relations - the share of everything the respondents said that the map represents.

    ``relation`` is ``"direct"`` (default) or ``"total"`` (direct + indirect). Not from the
    textbook: the cutoff idea is from Reynolds & Gutman (1988); a cutoff whose map represents
    a large share of relations with few links is a good compromise.

    >>> ladders = parse_ladders(["a > c > v", "a > c", "a > v"],
    ...                         {"a": "A", "c": "C", "v": "V"})
    >>> cutoff_table(implication_matrix(ladders))
            links  relations  share_of_links  share_of_relations
    cutoff
    1           3          4        1.000000                1.00
    2           1          2        0.333333                0.50
    """
    m = _check_matrix(matrix)
    values = m.relation(relation).to_numpy().ravel()
    values = values[values > 0]
    if values.size == 0:
        raise ValueError("matrix holds no relations (every ladder has a single code)")
    cutoffs = np.arange(1, int(values.max()) + 1)
    kept = values[None, :] >= cutoffs[:, None]
    links = kept.sum(axis=1)
    relations = (kept * values[None, :]).sum(axis=1)
    return pd.DataFrame({
        "links": links.astype("int64"),
        "relations": relations.astype("int64"),
        "share_of_links": links / values.size,
        "share_of_relations": relations / values.sum(),
    }, index=pd.Index(cutoffs, name="cutoff"))


def hierarchical_value_map(matrix: ImplicationMatrix, cutoff: int = 1, *,
                           relation: str = "direct") -> nx.DiGraph:
    """The hierarchical value map: the links whose count reaches ``cutoff``, as a graph.

    Edge :math:`i \\to j` is kept when count(i, j) >= ``cutoff`` (``relation`` chooses direct
    or direct + indirect counts). Edge attributes: ``weight`` (the count used), ``direct``,
    ``indirect``. Node attributes: ``level`` (attribute / consequence / value), ``layer``
    (0, 1, 2: bottom to top) and ``mentions``. The graph's ``graph`` dict records the cutoff,
    relation, counting rule and ``share_of_relations`` represented. Only codes with a kept link
    appear. A map with a cycle (possible between consequences) raises ``ValueError``: raise
    the cutoff or recode. Not from the textbook: Reynolds & Gutman (1988).

    >>> ladders = parse_ladders(["a > c > v", "a > c", "a > v"],
    ...                         {"a": "A", "c": "C", "v": "V"})
    >>> g = hierarchical_value_map(implication_matrix(ladders), cutoff=2)
    >>> list(g.edges(data="weight")), g.graph["share_of_relations"]
    ([('a', 'c', 2)], 0.5)
    """
    import networkx as nx

    m = _check_matrix(matrix)
    check_choice(relation, "relation", _RELATIONS)
    cutoff = check_integer(cutoff, "cutoff", low=1)
    counts = m.relation(relation)
    values = counts.to_numpy()
    if values.sum() == 0:
        raise ValueError("matrix holds no relations (every ladder has a single code)")
    rows, cols = np.nonzero(values >= cutoff)
    codes = counts.index
    graph = nx.DiGraph(cutoff=cutoff, relation=relation, count=m.count,
                       share_of_relations=float(values[rows, cols].sum() / values.sum()))
    layer = {lv: i for i, lv in enumerate(LEVELS)}
    for code in dict.fromkeys([*codes[rows], *codes[cols]]):
        graph.add_node(code, level=m.levels[code], layer=layer[m.levels[code]],
                       mentions=int(m.mentions[code]))
    for i, j in zip(rows, cols):
        graph.add_edge(codes[i], codes[j], weight=int(values[i, j]),
                       direct=int(m.direct.iat[i, j]), indirect=int(m.indirect.iat[i, j]))
    if not nx.is_directed_acyclic_graph(graph):
        cycle = [u for u, _ in nx.find_cycle(graph)]
        raise ValueError(f"the map at cutoff={cutoff} has a cycle {' -> '.join(cycle)}; "
                         "raise the cutoff or recode the ladders")
    return graph


def _degrees(matrix: ImplicationMatrix, relation: str) -> tuple[pd.Series, pd.Series, int]:
    m = _check_matrix(matrix)
    counts = m.relation(relation)
    total = int(counts.to_numpy().sum())
    if total == 0:
        raise ValueError("matrix holds no relations (every ladder has a single code)")
    return counts.sum(axis=0), counts.sum(axis=1), total


def abstractness(matrix: ImplicationMatrix, *, relation: str = "direct") -> pd.Series:
    """Abstractness of each code: the share of its relations that *end* in it.

    .. math:: \\text{abstractness}_j = \\frac{in_j}{in_j + out_j}

    with :math:`in_j` the column sum and :math:`out_j` the row sum of the implication matrix.
    1 = a pure end (value), 0 = a pure means (attribute). Not from the textbook: Pieters,
    Baumgartner & Allen (1995).

    >>> ladders = parse_ladders(["a > c > v", "a > c"], {"a": "A", "c": "C", "v": "V"})
    >>> abstractness(implication_matrix(ladders)).round(3).tolist()
    [0.0, 0.667, 1.0]
    """
    into, out, _ = _degrees(matrix, relation)
    both = into + out
    if (both == 0).any():
        raise ValueError(f"matrix has code(s) with no relation at all: "
                         f"{list(both[both == 0].index)} (single-code ladders); their "
                         "abstractness is undefined")
    return (into / both).rename("abstractness")


def centrality(matrix: ImplicationMatrix, *, relation: str = "direct") -> pd.Series:
    """Centrality of each code: the share of all relations that pass through it.

    .. math:: \\text{centrality}_j = \\frac{in_j + out_j}{\\sum_{i,k} n_{ik}}

    Not from the textbook: Pieters, Baumgartner & Allen (1995).

    >>> ladders = parse_ladders(["a > c > v", "a > c"], {"a": "A", "c": "C", "v": "V"})
    >>> centrality(implication_matrix(ladders)).round(3).tolist()
    [0.667, 1.0, 0.333]
    """
    into, out, total = _degrees(matrix, relation)
    return ((into + out) / total).rename("centrality")


def dominant_chains(graph: nx.DiGraph, *, top: int | None = None) -> pd.DataFrame:
    """All complete chains of a hierarchical value map, strongest first.

    A chain runs from a code with no incoming link (usually an attribute) to a code with no
    outgoing link (usually a value). A chain is only as strong as its weakest link:
    chains are ranked by ``weakest`` (the smallest link weight), then by ``strength`` (the sum of
    link weights), then alphabetically.

    >>> ladders = parse_ladders(["a > c > v", "a > c > v", "a > v"],
    ...                         {"a": "A", "c": "C", "v": "V"})
    >>> dominant_chains(hierarchical_value_map(implication_matrix(ladders)))
           chain  length  weakest  strength
    0  a > c > v       3        2         4
    1      a > v       2        1         1
    """
    import networkx as nx

    if not isinstance(graph, nx.DiGraph):
        raise TypeError(f"graph must be a networkx DiGraph (from hierarchical_value_map); got "
                        f"{type(graph).__name__}")
    if graph.number_of_edges() == 0:
        raise ValueError("graph has no links: lower the cutoff")
    if top is not None:
        top = check_integer(top, "top", low=1)
    sources = [n for n in graph if graph.in_degree(n) == 0]
    sinks = [n for n in graph if graph.out_degree(n) == 0]
    rows = []
    for s in sources:
        for path in nx.all_simple_paths(graph, s, sinks):
            w = [graph.edges[u, v]["weight"] for u, v in zip(path[:-1], path[1:])]
            rows.append((" > ".join(path), len(path), min(w), sum(w)))
    chains = pd.DataFrame(rows, columns=["chain", "length", "weakest", "strength"])
    chains = chains.sort_values(["weakest", "strength", "chain"],
                                ascending=[False, False, True]).reset_index(drop=True)
    return chains if top is None else chains.head(top)
