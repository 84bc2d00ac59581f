"""Explorer of module 10: the economics of serving a second segment (bottled water)."""
from __future__ import annotations

import ipywidgets as w

from coursekit.models.segments import BottledWater, bottled_water
from coursekit.plots.segments import contribution_bars
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["water_update", "SegmentExplorer", "segment_explorer"]


def water_update(*, health_price: float, vitamin_cost: float,
                 health_segment_share_after: float) -> BottledWater:
    """Update step: price, extra cost and share won in the health segment -> both scenarios."""
    return bottled_water(health_price=health_price, vitamin_cost=vitamin_cost,
                         health_segment_share_after=health_segment_share_after)


def _render(result: BottledWater, output: w.Output) -> None:
    show(output, contribution_bars(result),
         result.differentiated[["segment", "product", "units", "price", "unit_cost",
                                "contribution"]])


class SegmentExplorer(Explorer):
    """When does a vitamin-fortified second product pay?"""

    title = "Bottled water: is a second product for the health segment worth it?"

    def __init__(self, *, draw: bool = True):
        controls = {
            "health_price": slider("Price of the vitamin water ($)", 1.50, 0.80, 2.50, 0.05),
            "vitamin_cost": slider("Extra cost of vitamins per bottle ($)", 0.25, 0.0, 1.0,
                                   0.05),
            "health_segment_share_after": slider("Share won in the health segment", 0.40, 0.0,
                                                 1.0, 0.01),
        }
        super().__init__(controls, water_update, _render if draw else None)

    @property
    def gain(self) -> float:
        before, after = self.result.totals
        return after - before


def segment_explorer() -> SegmentExplorer:
    """Create the module-10 explorer."""
    return SegmentExplorer()
