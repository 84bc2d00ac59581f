"""Explorers of module 07: the gap explorer and the zone-of-tolerance explorer.

Both read the ``servqual_survey`` dataset; their update steps (:func:`gap_update`,
:func:`zone_update`) are plain functions of the data and the control values.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import pandas as pd

from coursekit.models.servqual import (DIMENSIONS, ZoneOfTolerance, dimension_scores,
                                       item_columns, items_table, servperf_score, servqual_score,
                                       zone_of_tolerance)
from coursekit.plots.servqual import expectation_perception, zone_of_tolerance_chart
from coursekit.widgets._base import Explorer, dropdown, slider, show

__all__ = ["SEGMENTS", "GapView", "gap_update", "GapExplorer", "gap_explorer", "ZoneView",
           "zone_update", "ZoneExplorer", "zone_explorer"]

ALL_BRANCHES = "all branches"
ALL_DIMENSIONS = "all dimensions"
#: Segment label -> (column, value) of the survey; ``None`` keeps everybody.
SEGMENTS: dict[str, tuple[str, str] | None] = {
    "all customers": None,
    "new customers": ("customer_type", "new"),
    "regular customers": ("customer_type", "regular"),
    "business visits": ("purpose", "business"),
    "private visits": ("purpose", "private"),
    "age 18-34": ("age_group", "18-34"),
    "age 35-54": ("age_group", "35-54"),
    "age 55+": ("age_group", "55+"),
}


def _subset(data: pd.DataFrame, branch: str, segment: str) -> pd.DataFrame:
    if segment not in SEGMENTS:
        raise ValueError(f"segment must be one of {list(SEGMENTS)}; got {segment!r}")
    rows = data if branch == ALL_BRANCHES else data[data["branch"] == branch]
    if len(rows) == 0 and branch != ALL_BRANCHES:
        raise ValueError(f"branch {branch!r} is not in the survey")
    rule = SEGMENTS[segment]
    if rule is not None:
        rows = rows[rows[rule[0]] == rule[1]]
    if len(rows) < 2:
        raise ValueError("fewer than 2 respondents in this branch and segment")
    return rows


@dataclass(frozen=True)
class GapView:
    """What the gap explorer shows: mean E and P, scores and the sample size."""

    expectations: pd.Series
    perceptions: pd.Series
    n: int
    servqual: float
    servqual_weighted: float
    servperf: float

    @property
    def gaps(self) -> pd.Series:
        return (self.perceptions - self.expectations).rename("gap P - E")


def gap_update(data: pd.DataFrame, *, branch: str = ALL_BRANCHES,
               dimension: str = ALL_DIMENSIONS, segment: str = "all customers") -> GapView:
    """Control values -> mean E and P per dimension (or per item of one dimension) and scores."""
    if dimension != ALL_DIMENSIONS and dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be {ALL_DIMENSIONS!r} or one of {list(DIMENSIONS)}")
    rows = _subset(data, branch, segment)
    e_items, p_items = rows[item_columns("e")], rows[item_columns("p")]
    e_dim, p_dim = dimension_scores(e_items), dimension_scores(p_items)
    weights = rows[[f"importance_{d}" for d in DIMENSIONS]].set_axis(list(DIMENSIONS), axis=1)
    gaps = p_dim - e_dim
    if dimension == ALL_DIMENSIONS:
        e_mean, p_mean = e_dim.mean(), p_dim.mean()
    else:
        numbers = items_table().index[items_table()["dimension"] == dimension]
        labels = [f"item {i}" for i in numbers]
        e_mean = pd.Series(e_items.iloc[:, numbers - 1].mean().to_numpy(), index=labels)
        p_mean = pd.Series(p_items.iloc[:, numbers - 1].mean().to_numpy(), index=labels)
    return GapView(expectations=e_mean.rename("E"), perceptions=p_mean.rename("P"),
                   n=len(rows), servqual=float(servqual_score(gaps).mean()),
                   servqual_weighted=float(servqual_score(gaps, weights).mean()),
                   servperf=float(servperf_score(p_items).mean()))


def _render_gap(view: GapView, output: w.Output) -> None:
    show(output,
         expectation_perception(view.expectations, view.perceptions,
                                title=f"Expectations vs perceptions (n = {view.n})"),
         pd.Series({"SERVQUAL (unweighted)": view.servqual,
                    "SERVQUAL (importance-weighted)": view.servqual_weighted,
                    "SERVPERF": view.servperf}, name="score").round(3).to_frame())


def _survey_and_branches(data: pd.DataFrame | None) -> tuple[pd.DataFrame, list[str]]:
    """The survey (default: the shipped ``servqual_survey``) and the branch choices."""
    if data is None:
        from coursekit.datasets import load_dataset

        data = load_dataset("servqual_survey")
    return data, [ALL_BRANCHES, *sorted(data["branch"].astype(str).unique())]


class GapExplorer(Explorer):
    """Pick a branch, a dimension (or all) and a segment: E vs P chart and the scores."""

    title = "Gap explorer: where does the service fall short of expectations?"

    def __init__(self, data: pd.DataFrame | None = None, *, draw: bool = True):
        self.data, branches = _survey_and_branches(data)
        controls = {
            "branch": dropdown("Branch", branches),
            "dimension": dropdown("Dimension", [ALL_DIMENSIONS, *DIMENSIONS]),
            "segment": dropdown("Segment", list(SEGMENTS)),
        }
        super().__init__(controls, lambda **v: gap_update(self.data, **v),
                         _render_gap if draw else None)


def gap_explorer(data: pd.DataFrame | None = None) -> GapExplorer:
    """Create the gap explorer (display it as the last expression of a cell)."""
    return GapExplorer(data)


@dataclass(frozen=True)
class ZoneView:
    """Mean adequate, desired and perceived level per dimension and the zone measures."""

    adequate: pd.Series
    desired: pd.Series
    perceived: pd.Series
    zone: ZoneOfTolerance
    n: int


def zone_update(data: pd.DataFrame, *, branch: str = ALL_BRANCHES,
                segment: str = "all customers", dimension: str = "reliability",
                improvement: float = 0.0) -> ZoneView:
    """Control values -> zone of tolerance per dimension, with a what-if improvement of the
    perceived level of one dimension (in scale points)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {list(DIMENSIONS)}; got {dimension!r}")
    rows = _subset(data, branch, segment)
    adequate = rows[[f"adequate_{d}" for d in DIMENSIONS]].mean().set_axis(list(DIMENSIONS))
    desired = rows[[f"desired_{d}" for d in DIMENSIONS]].mean().set_axis(list(DIMENSIONS))
    perceived = dimension_scores(rows[item_columns("p")]).mean()
    perceived = perceived.where(perceived.index != dimension, perceived + improvement).clip(1, 7)
    return ZoneView(adequate.rename("adequate"), desired.rename("desired"),
                    perceived.rename("perceived"),
                    zone_of_tolerance(adequate, desired, perceived), n=len(rows))


def _render_zone(view: ZoneView, output: w.Output) -> None:
    table = pd.DataFrame({"adequate": view.adequate, "desired": view.desired,
                          "perceived": view.perceived, "MSA (P - A)": view.zone.msa,
                          "MSS (P - D)": view.zone.mss, "position": view.zone.position})
    show(output,
         zone_of_tolerance_chart(view.adequate, view.desired, view.perceived, view.zone,
                                 title=f"Zone of tolerance (n = {view.n})"),
         table.round(2))


class ZoneExplorer(Explorer):
    """Pick a branch and segment, try improving one dimension: where is it in the zone?"""

    title = "Zone-of-tolerance explorer: adequate, desired and perceived service"

    def __init__(self, data: pd.DataFrame | None = None, *, draw: bool = True):
        self.data, branches = _survey_and_branches(data)
        controls = {
            "branch": dropdown("Branch", branches),
            "segment": dropdown("Segment", list(SEGMENTS)),
            "dimension": dropdown("Improve dimension", list(DIMENSIONS), "reliability"),
            "improvement": slider("Improvement of perceived level (scale points)", 0.0, -1.0,
                                  1.5, 0.1, fmt=".1f"),
        }
        super().__init__(controls, lambda **v: zone_update(self.data, **v),
                         _render_zone if draw else None)


def zone_explorer(data: pd.DataFrame | None = None) -> ZoneExplorer:
    """Create the zone-of-tolerance explorer (display it as the last expression of a cell)."""
    return ZoneExplorer(data)
