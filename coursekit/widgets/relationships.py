"""Explorers of module 11: the relationship-stage chain and retention economics."""
from __future__ import annotations

import ipywidgets as w
import numpy as np

from coursekit.models.relationships import (
    ChainSummary,
    fixed_cost_share_for_uplift,
    leaky_bucket,
    leaky_bucket_steady_state,
    retention_profit_uplift,
    stage_chain,
    stage_distribution,
    summarise_chain,
)
from coursekit.plots._style import reused_axes
from coursekit.plots.relationships import leaky_bucket_flows, stage_mix, uplift_vs_fixed_costs
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["chain_update", "StageExplorer", "stage_explorer", "retention_update",
           "RetentionExplorer", "retention_explorer"]


def chain_update(*, acquire: float, befriend: float, partner: float, lose_acquaintance: float,
                 lose_friend: float, lose_partner: float) -> ChainSummary:
    """Update step: six probabilities -> chain summary (a pure function)."""
    P = stage_chain(acquire, befriend, partner, lose_acquaintance, lose_friend, lose_partner)
    return summarise_chain(P)


def _render_chain(result: ChainSummary, output: w.Output) -> None:
    dist = stage_distribution(result.matrix, [1, 0, 0, 0], 24)
    table = result.steady_state.to_frame("long-run share").assign(
        periods_to_partnership=result.time_to_partnership.reindex(
            result.steady_state.index, fill_value=0.0), value=result.value)
    show(output, stage_mix(dist, result.steady_state), table.round(2))


class StageExplorer(Explorer):
    """Sliders for moving up and being lost at each stage; mix over time, time to partnership."""

    title = "From strangers to partners: how fast, and how many stay?"

    def __init__(self, *, draw: bool = True):
        controls = {
            "acquire": slider("Strangers -> acquaintances", 0.30, 0.01, 1, 0.01),
            "befriend": slider("Acquaintances -> friends", 0.25, 0.0, 0.7, 0.01),
            "partner": slider("Friends -> partners", 0.15, 0.01, 0.7, 0.01),
            "lose_acquaintance": slider("Acquaintances lost", 0.25, 0.0, 0.3, 0.01),
            "lose_friend": slider("Friends lost", 0.10, 0.0, 0.3, 0.01),
            "lose_partner": slider("Partners lost", 0.05, 0.0, 0.3, 0.01),
        }
        super().__init__(controls, chain_update, _render_chain if draw else None)


def stage_explorer() -> StageExplorer:
    """Create the module-11 stage explorer (display it as the last expression of a cell)."""
    return StageExplorer()


def retention_update(*, acquired: float, retention: float, defection_cut: float,
                     fixed_cost_share: float, periods: int = 30) -> dict:
    """Update step: leaky-bucket path and the profit gain of a defection cut."""
    path = leaky_bucket(periods, initial=0, acquired=acquired, retention=retention)
    defection = 1 - retention
    cut = min(defection_cut, defection)
    shares = np.linspace(0, 0.97, 98)
    # the gain is inversely proportional to 1 - fixed-cost share (F = share x contribution)
    curve = retention_profit_uplift(defection, cut, 0.0) / (1 - shares)
    return {
        "path": path,
        "steady_state": leaky_bucket_steady_state(acquired, retention),
        "uplift": retention_profit_uplift(defection, cut, fixed_cost_share),
        "share_for_25": fixed_cost_share_for_uplift(0.25, defection, cut),
        "share_for_100": fixed_cost_share_for_uplift(1.00, defection, cut),
        "defection": defection, "cut": cut, "fixed_cost_share": fixed_cost_share,
        "curve": (shares, curve),
    }


def _render_retention(result: dict, output: w.Output, axes: list) -> None:
    a1, a2 = axes
    leaky_bucket_flows(result["path"], result["steady_state"], ax=a1)
    uplift_vs_fixed_costs(*result["curve"], ax=a2,
                          current=(result["fixed_cost_share"], result["uplift"]))
    show(output, a1.figure, w.HTML(
        f"Profit gain from the cut: <b>{result['uplift']:.0%}</b>; it reaches 25 % when "
        f"fixed costs are {result['share_for_25']:.0%} and 100 % when they are "
        f"{result['share_for_100']:.0%} of contribution."))


class RetentionExplorer(Explorer):
    """Leaky bucket and the '25-100 % more profit' claim under your own numbers."""

    title = "The leaky bucket and the value of keeping customers"

    def __init__(self, *, draw: bool = True):
        controls = {
            "acquired": slider("New customers per period", 100, 0, 500, 10, fmt=".0f"),
            "retention": slider("Retention rate", 0.80, 0.05, 0.98, 0.01),
            "defection_cut": slider("Cut in defection rate", 0.05, 0.0, 0.2, 0.01),
            "fixed_cost_share": slider("Fixed costs / contribution", 0.80, 0.0, 0.97, 0.01),
        }
        self._axes: list | None = None
        super().__init__(controls, retention_update, self._render if draw else None)

    def _render(self, result: dict, output: w.Output) -> None:
        self._axes = reused_axes(self._axes, 2)  # the same two panels for every state
        _render_retention(result, output, self._axes)


def retention_explorer() -> RetentionExplorer:
    """Create the module-11 retention explorer."""
    return RetentionExplorer()
