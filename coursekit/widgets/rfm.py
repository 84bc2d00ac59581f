"""Explorer of module 05: move the cut points of the customer value matrix.

The median cuts of :func:`coursekit.models.rfm.value_matrix` are a convention (Marcus 1998),
not a law: this explorer lets a student move the frequency, average-purchase and recency cuts
and watch the cells and their share of sales change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

import ipywidgets as w
import numpy as np
import pandas as pd

from coursekit.models.rfm import segment_summary, value_matrix
from coursekit.plots._style import reused_axes
from coursekit.plots.rfm import value_matrix_plot
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["CutPointResult", "cut_point_update", "CutPointExplorer", "cut_point_explorer"]


@dataclass(frozen=True, eq=False)
class CutPointResult:
    """Value matrix and segment summary for one set of cut points."""

    cuts: dict
    matrix: pd.DataFrame = field(repr=False)
    summary: pd.DataFrame = field(repr=False)


def cut_point_update(table: pd.DataFrame, *, frequency_cut: float, average_cut: float,
                     recency_cut: float) -> CutPointResult:
    """The explorer's update step (a pure function of the RFM table and the three cuts)."""
    matrix = value_matrix(table, frequency_cut=frequency_cut, average_cut=average_cut,
                          recency_cut=recency_cut)
    summary = segment_summary(matrix, by=["cell", "status"])
    return CutPointResult(cuts=dict(matrix.attrs["cuts"]), matrix=matrix, summary=summary)


def _render(result: CutPointResult, output: w.Output, ax=None) -> None:
    cols = ["customers", "customer_share", "sales_share", "sales_per_customer"]
    show(output, value_matrix_plot(result.matrix, ax=ax), result.summary[cols].round(3))


class CutPointExplorer(Explorer):
    """Sliders for the three cut points over an :func:`~coursekit.models.rfm.rfm_table`."""

    title = "Customer value matrix: where do you cut?"

    def __init__(self, table: pd.DataFrame, *, draw: bool = True):
        f = table["frequency"].to_numpy(dtype=float)
        a = table["average_purchase"].to_numpy(dtype=float)
        r = table["recency"].to_numpy(dtype=float)
        a_hi = float(np.quantile(a, 0.95))
        r_hi = float(r.max())
        controls = {
            "frequency_cut": slider("High frequency = more purchases than", float(np.median(f)),
                                    0, float(max(np.quantile(f, 0.95), 2)), 1, fmt=".0f"),
            "average_cut": slider("High average = average purchase above ($)",
                                  round(float(np.median(a)), 0), 0, round(a_hi, 0), 1,
                                  fmt=".0f"),
            "recency_cut": slider("Active = last purchase at most ... ago (time units)",
                                  round(float(np.median(r)), 0), 0, round(r_hi, 0), 1,
                                  fmt=".0f"),
        }
        self._axes: list | None = None
        super().__init__(controls, partial(cut_point_update, table),
                         self._render if draw else None)

    def _render(self, result: CutPointResult, output: w.Output) -> None:
        self._axes = reused_axes(self._axes, figsize=(6.4, 4.4))  # one figure for every state
        _render(result, output, self._axes[0])


def cut_point_explorer(table: pd.DataFrame) -> CutPointExplorer:
    """Create the module-05 explorer for an RFM table (display it as a cell's last line)."""
    return CutPointExplorer(table)
