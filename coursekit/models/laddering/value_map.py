"""The hierarchical value map (HVM): cutoffs, the map, abstractness, centrality, chains.

Not from the textbook: the cutoff and the HVM follow Reynolds, T. J. & Gutman, J. (1988),
"Laddering theory, method, analysis, and interpretation", *Journal of Advertising Research*
28(1), 11-31; the abstractness and centrality indices are from Pieters, R., Baumgartner, H. &
Allen, D. (1995), "A means-end chain approach to consumer goal structures", *International
Journal of Research in Marketing* 12(3), 227-244. ``networkx`` is imported inside the functions
that build or walk the map.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from coursekit._validate import check_choice, check_integer
from coursekit.models.laddering.implications import (
    _RELATIONS,
    ImplicationMatrix,
    implication_matrix,
    _check_matrix,
)
from coursekit.models.laddering.ladders import LEVELS, parse_ladders

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "cutoff_table", "hierarchical_value_map", "abstractness", "centrality", "dominant_chains",
]


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
