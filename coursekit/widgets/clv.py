"""Explorer of module 04: an HBS-style customer lifetime value calculator.

Every input of the HBS exercise (TB 4.2, Exercise 1) is a slider, plus the timing convention,
margin growth, acquisition cost and horizon, which the textbook leaves implicit. The output is
the CLV at the chosen retention, a table over the exercise's retention rates, and the curve of
CLV against retention.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as w
import numpy as np
import pandas as pd

from coursekit.models.clv import (HBS_RETENTIONS, TIMINGS, expected_lifetime, period_margin,
                                  retention_clv, retention_sweep)
from coursekit.plots.clv import clv_by_retention
from coursekit.widgets._base import Explorer, dropdown, slider, show

__all__ = ["CLVCalculation", "clv_calculator_update", "CLVCalculator", "clv_calculator"]


@dataclass(frozen=True, eq=False)
class CLVCalculation:
    """The calculator's result for one set of inputs."""

    margin: float
    retention: float
    timing: str
    clv: float
    expected_lifetime: float
    table: pd.DataFrame = field(repr=False)
    curve: pd.DataFrame = field(repr=False)


def clv_calculator_update(*, spend_per_purchase: float = 250.0,
                          purchases_per_period: float = 4.0, gross_margin: float = 0.20,
                          cost_per_period: float = 30.0, retention: float = 0.80,
                          discount_rate: float = 0.10, timing: str = "start",
                          growth: float = 0.0, acquisition_cost: float = 0.0,
                          periods: int = 0) -> CLVCalculation:
    """The calculator's update step (a pure function); ``periods=0`` means no horizon.

    >>> round(clv_calculator_update().clv, 2)   # HBS exercise, 80% retention, answer key
    623.33
    """
    horizon = None if periods == 0 else periods
    m = float(period_margin(spend_per_purchase, purchases_per_period, gross_margin,
                            cost_per_period))
    kw = {"acquisition_cost": acquisition_cost, "growth": growth, "periods": horizon}
    value = retention_clv(m, retention, discount_rate, timing=timing, **kw)
    rates = sorted(set(HBS_RETENTIONS) | {round(float(retention), 4)})
    top = 0.95 if horizon else min(0.95, (1 + discount_rate) / (1 + growth) - 0.01)
    rates = [r for r in rates if r <= top or r == retention]
    table = retention_sweep(m, discount_rate, rates, **kw)
    curve = retention_sweep(m, discount_rate, np.linspace(0.0, max(top, 0.0), 96), **kw)
    return CLVCalculation(margin=m, retention=float(retention), timing=timing,
                          clv=float(value), expected_lifetime=float(expected_lifetime(retention)),
                          table=table, curve=curve)


def _render(result: CLVCalculation, output: w.Output) -> None:
    summary = w.HTML(
        f"<b>margin per period m = ${result.margin:,.2f}</b>; at retention "
        f"{result.retention:.0%} the CLV ({result.timing!r}) is <b>${result.clv:,.2f}</b>"
        f"; expected lifetime {result.expected_lifetime:.2f} periods")
    ax = clv_by_retention(result.curve, points=result.table, answer_key=result.timing)
    ax.axvline(result.retention * 100, color="gray", lw=0.8, ls=":")
    show(output, summary, ax, result.table.round(2))


class CLVCalculator(Explorer):
    """Sliders for every input of the HBS calculator, the timing convention and the horizon."""

    title = "Customer lifetime value calculator (after the HBS toolkit, TB 4.2)"

    def __init__(self, *, draw: bool = True):
        controls = {
            "spend_per_purchase": slider("Average spent per purchase ($)", 250, 10, 1000, 10,
                                         fmt=".0f"),
            "purchases_per_period": slider("Purchases per period", 4, 0, 20, 0.5, fmt=".1f"),
            "gross_margin": slider("Average gross margin (share)", 0.20, 0, 1, 0.01),
            "cost_per_period": slider("Direct marketing cost per period ($)", 30, 0, 500, 5,
                                      fmt=".0f"),
            "retention": slider("Retention rate (share staying each period)", 0.80, 0, 0.99,
                                0.01),
            "discount_rate": slider("Discount rate per period (share)", 0.10, 0, 0.5, 0.01),
            "timing": dropdown("Timing convention", TIMINGS, "start"),
            "growth": slider("Margin growth per period (share)", 0.0, -0.2, 0.2, 0.01),
            "acquisition_cost": slider("Acquisition cost ($)", 0, 0, 2000, 10, fmt=".0f"),
            "periods": slider("Horizon in periods (0 = no end)", 0, 0, 50, 1, integer=True),
        }
        super().__init__(controls, clv_calculator_update, _render if draw else None)


def clv_calculator() -> CLVCalculator:
    """Create the module-04 calculator (display it as the last expression of a cell)."""
    return CLVCalculator()
