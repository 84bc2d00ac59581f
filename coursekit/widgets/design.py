"""Explorer of module 13: set the screening threshold and watch drop and go errors trade off."""
from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from coursekit.models.design import optimal_threshold, screening_value
from coursekit.plots.design import screening_tradeoff
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["screening_update", "ScreeningExplorer", "screening_explorer"]


def screening_update(*, threshold: float, prior_good: float, success_value: float,
                     failure_cost: float, noise_sd: float) -> dict:
    """Update step: policy and costs -> error rates, expected value, the best threshold and
    the error and value curves over thresholds -3 ... 3."""
    at = screening_value(threshold, prior_good, success_value, failure_cost,
                         noise_sd=noise_sd).iloc[0]
    curve = screening_value(np.linspace(-3, 3, 121), prior_good, success_value, failure_cost,
                            noise_sd=noise_sd)
    return {"drop_error": float(at["drop_error"]), "go_error": float(at["go_error"]),
            "expected_value": float(at["expected_value"]),
            "best_threshold": optimal_threshold(prior_good, success_value, failure_cost,
                                                noise_sd=noise_sd),
            "settings": dict(threshold=threshold, prior_good=prior_good,
                             success_value=success_value, failure_cost=failure_cost,
                             noise_sd=noise_sd),
            "curve": curve}


def _render(result: dict, output: w.Output) -> None:
    s = result["settings"]
    show(output, screening_tradeoff(result["curve"], s["threshold"]),
         pd.Series({k: round(v, 3) for k, v in result.items()
                    if k not in ("settings", "curve")}))


class ScreeningExplorer(Explorer):
    """Threshold, base rate of good ideas, pay-offs and score noise."""

    title = "Drop or go? Setting the bar for new-service ideas"

    def __init__(self, *, draw: bool = True):
        controls = {
            "threshold": slider("Threshold on the score", 0.0, -3, 3, 0.1),
            "prior_good": slider("Share of ideas that would succeed", 0.30, 0.05, 0.95, 0.05),
            "success_value": slider("Value of a developed good idea", 10, 1, 30, 1, fmt=".0f"),
            "failure_cost": slider("Cost of developing a poor idea", 4, 1, 30, 1, fmt=".0f"),
            "noise_sd": slider("Noise in the screening score (sd)", 1.0, 0.2, 3.0, 0.1),
        }
        super().__init__(controls, screening_update, _render if draw else None)


def screening_explorer() -> ScreeningExplorer:
    """Create the module-13 explorer."""
    return ScreeningExplorer()
