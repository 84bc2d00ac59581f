"""Explorer of module 03: when should the client hear about a problem? (TB 3.2)"""
from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from coursekit.models import problems as pr
from coursekit.plots.problems import escalation_curve
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["escalation_update", "EscalationExplorer", "escalation_explorer"]


def escalation_update(*, weeks: int, **assumptions: float) -> pd.DataFrame:
    """Update step: the cost of telling the client after 0..weeks weeks."""
    return pr.escalation_cost(np.arange(weeks + 1), **assumptions)


def _render(result: pd.DataFrame, output: w.Output) -> None:
    show(output, escalation_curve(result), result.iloc[[0, len(result) // 2, -1]].round(2))


class EscalationExplorer(Explorer):
    """Sliders for the (assumed) growth of the problem and of the client's mistrust."""

    title = "Tell the client now or later? (all parameters are assumptions)"

    def __init__(self, *, draw: bool = True):
        controls = {
            "problem_cost": slider("Cost of the problem when it happens ($)", 100_000, 0,
                                   500_000, 10_000, fmt=",.0f"),
            "problem_growth": slider("Weekly growth of the problem", 0.10, -0.5, 0.5, 0.01),
            "relationship_value": slider("Value of the client relationship ($)", 500_000, 0,
                                         2_000_000, 50_000, fmt=",.0f"),
            "mistrust_rate": slider("Weekly rate at which mistrust builds", 0.15, 0, 1, 0.01),
            "inform_cost": slider("Cost of briefing the client ($)", 2_000, 0, 50_000, 1_000,
                                  fmt=",.0f"),
            "weeks": slider("Weeks shown", 12, 1, 52, 1, integer=True),
        }
        super().__init__(controls, escalation_update, _render if draw else None)

    @property
    def best_week(self) -> float:
        t = self.result
        return float(t["delay"].iloc[int(np.argmin(t["total"].to_numpy()))])


def escalation_explorer() -> EscalationExplorer:
    """Create the module-03 explorer."""
    return EscalationExplorer()
