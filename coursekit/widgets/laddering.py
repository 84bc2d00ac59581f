"""Explorer of module 08: move the cutoff of a hierarchical value map and watch the map, the
number of links and the share of all relations it represents change."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as w
import pandas as pd

from coursekit.models.laddering import (ImplicationMatrix, cutoff_table, dominant_chains,
                                        hierarchical_value_map, implication_matrix)
from coursekit.plots._style import reused_axes
from coursekit.plots.laddering import value_map
from coursekit.widgets._base import Explorer, dropdown, slider, show

__all__ = ["CutoffView", "cutoff_update", "LadderingExplorer", "laddering_explorer"]


@dataclass(frozen=True)
class CutoffView:
    """What the explorer shows for one cutoff: the map, its size and the strongest chains."""

    graph: Any
    cutoff: int
    relation: str
    count: str
    links: int
    share_of_relations: float
    chains: pd.DataFrame

    def __repr__(self) -> str:
        return (f"CutoffView(cutoff={self.cutoff}, relation={self.relation!r}, "
                f"count={self.count!r}, links={self.links}, "
                f"share_of_relations={self.share_of_relations:.3f})")


def cutoff_update(matrices: dict[str, ImplicationMatrix], *, cutoff: int, relation: str,
                  count: str) -> CutoffView:
    """The explorer's update step (a pure function): control values -> map at that cutoff."""
    if count not in matrices:
        raise ValueError(f"count must be one of {sorted(matrices)}; got {count!r}")
    graph = hierarchical_value_map(matrices[count], cutoff, relation=relation)
    chains = (dominant_chains(graph, top=5) if graph.number_of_edges() else
              pd.DataFrame(columns=["chain", "length", "weakest", "strength"]))
    return CutoffView(graph=graph, cutoff=int(cutoff), relation=relation, count=count,
                      links=graph.number_of_edges(),
                      share_of_relations=graph.graph["share_of_relations"], chains=chains)


def _render(result: CutoffView, output: w.Output, ax=None) -> None:
    # no number on each link (one text per link is most of a redraw); the legend keys the
    # line widths and the table below lists the strongest chains
    ax = value_map(result.graph, ax=ax, show_weights=False)
    show(output, ax,
         w.HTML(f"<b>{result.links} links</b> represent "
                f"<b>{result.share_of_relations:.0%}</b> of all {result.relation} "
                f"relations (counted per {result.count}). Strongest chains:"),
         result.chains)


class LadderingExplorer(Explorer):
    """A cutoff slider plus the counting rules; the map and its share of relations."""

    title = "Hierarchical value map: choose the cutoff"

    def __init__(self, ladders: Any = None, codebook: dict | None = None, *, cutoff: int = 4,
                 draw: bool = True):
        if ladders is None:
            from coursekit.datasets import load_dataset

            ladders = load_dataset("bank_ladders")
        self.matrices = {c: implication_matrix(ladders, codebook, count=c)
                         for c in ("ladder", "respondent")}
        top = int(max(m.total.to_numpy().max() for m in self.matrices.values()))
        controls = {
            "cutoff": slider("Cutoff (minimum count of a link)", min(cutoff, top), 1, top, 1,
                             integer=True),
            "relation": dropdown("Count", ["direct", "total"]),
            "count": dropdown("Counting rule: one per", ["ladder", "respondent"]),
        }
        self._axes: list | None = None
        super().__init__(controls, self._compute, self._render if draw else None)

    def _render(self, result: CutoffView, output: w.Output) -> None:
        self._axes = reused_axes(self._axes, figsize=(8.5, 5.5))  # one figure for every state
        _render(result, output, self._axes[0])

    def _compute(self, **values) -> CutoffView:
        return cutoff_update(self.matrices, **values)

    def table(self) -> pd.DataFrame:
        """The full cutoff table for the current counting rule and relation."""
        v = self.values()
        return cutoff_table(self.matrices[v["count"]], relation=v["relation"])


def laddering_explorer(ladders: Any = None, codebook: dict | None = None, *,
                       cutoff: int = 4) -> LadderingExplorer:
    """Create the module-08 explorer (display it as the last expression of a cell).

    ``ladders`` defaults to the ``bank_ladders`` dataset; anything ``parse_ladders`` accepts
    works (with ``codebook`` when the ladders carry no levels).
    """
    return LadderingExplorer(ladders, codebook, cutoff=cutoff)
