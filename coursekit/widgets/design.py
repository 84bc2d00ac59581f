"""Explorer of module 13: set the screening threshold and watch drop and go errors trade off."""
from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from coursekit.models.design import optimal_threshold, screening_value
from coursekit.plots.design import screening_tradeoff
from coursekit.plots._style import reused_axes
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["screening_update", "ScreeningExplorer", "screening_explorer", "waiting_line_update",
           "WaitingLineExplorer", "waiting_line_explorer"]


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


def waiting_line_update(*, arrivals_per_hour: float, service_minutes: float,
                        servers: int) -> dict:
    """Update step: demand and capacity -> the M/M/c queue (or why it has no steady state) and
    the table of waits for every stable number of servers."""
    from coursekit.models.design import compare_servers, mmc_queue

    rate = arrivals_per_hour / 60
    table = compare_servers(rate, service_minutes, extra=4)
    stable = servers > rate * service_minutes
    queue = mmc_queue(rate, service_minutes, servers) if stable else None
    return {"queue": queue, "stable": stable, "table": table,
            "utilisation": rate * service_minutes / servers,
            "mean_wait": queue.mean_wait if stable else float("inf"),
            "p_wait": queue.p_wait if stable else 1.0,
            "settings": dict(arrivals_per_hour=arrivals_per_hour,
                             service_minutes=service_minutes, servers=servers)}


def _render_queue(result: dict, output: w.Output, axes: list) -> None:
    from coursekit.plots.design import wait_distribution, waits_by_servers

    left, right = axes
    right.set_axis_on()
    waits_by_servers(result["table"], result["settings"]["servers"], ax=left)
    if result["stable"]:
        wait_distribution(result["queue"], ax=right)
        summary = pd.Series({"utilisation": round(result["utilisation"], 3),
                             "P(wait)": round(result["p_wait"], 3),
                             "mean wait (min)": round(result["mean_wait"], 3)})
    else:
        right.text(0.5, 0.5, "demand exceeds capacity:\nthe queue grows without end",
                   ha="center", va="center", transform=right.transAxes)
        right.set_axis_off()
        right.set_title("No steady state (utilisation >= 100 %)")
        summary = pd.Series({"utilisation": round(result["utilisation"], 3)})
    show(output, left.figure, summary)


class WaitingLineExplorer(Explorer):
    """Arrival rate x service time x servers of an M/M/c queue."""

    title = "Demand and capacity: how long do customers wait?"

    def __init__(self, *, draw: bool = True):
        controls = {
            "arrivals_per_hour": slider("Customers arriving per hour", 90, 10, 240, 5,
                                        fmt=".0f"),
            "service_minutes": slider("Mean service time (minutes)", 1.5, 0.5, 6.0, 0.1),
            "servers": slider("Number of servers", 3, 1, 12, 1, integer=True),
        }
        self._axes: list | None = None
        super().__init__(controls, waiting_line_update, self._render if draw else None)

    def _render(self, result: dict, output: w.Output) -> None:
        self._axes = reused_axes(self._axes, 2)  # the same two panels for every state
        _render_queue(result, output, self._axes)


def waiting_line_explorer() -> WaitingLineExplorer:
    """Create the module-13 waiting-line explorer."""
    return WaitingLineExplorer()
