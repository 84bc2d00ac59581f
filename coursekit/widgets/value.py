"""Explorer of module 01: value of the Seattle-trip lodging offers under your own assumptions."""
from __future__ import annotations

import ipywidgets as w

from coursekit.models.value import OfferComparison, compare_offers, lodging_offers
from coursekit.plots.value import offer_values
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["lodging_update", "ValueExplorer", "value_explorer"]

NON_MONEY_COSTS = ("travel", "comfort", "privacy")


def lodging_update(**controls) -> OfferComparison:
    """The explorer's update step: control values -> compared offers (a pure function)."""
    return compare_offers(lodging_offers(**controls), costs=NON_MONEY_COSTS)


def _render(result: OfferComparison, output: w.Output) -> None:
    show(output, offer_values(result),
         result.table[["price", "other_costs", "net_value", "value_ratio"]].round(2))


class ValueExplorer(Explorer):
    """Sliders for price, non-money costs and benefits; plot + table of value per offer."""

    title = "Seattle trip: which lodging gives the most value?"

    def __init__(self, *, draw: bool = True):
        controls = {
            "airbnb_total": slider("Airbnb price per night ($, whole flat)", 280, 100, 600, 10,
                                   fmt=".0f"),
            "hotel_shared": slider("Marriott shared room, each ($)", 50, 30, 120, 5, fmt=".0f"),
            "group_size": slider("People in the group", 7, 2, 10, 1, integer=True),
            "stay_benefit": slider("Benefit of a night near the event ($)", 150, 50, 300, 5,
                                   fmt=".0f"),
            "kitchen_benefit": slider("Benefit of a kitchen ($)", 10, 0, 60, 1, fmt=".0f"),
            "travel_cost_per_mile": slider("Time and fares per mile from the venue ($)", 4, 0,
                                           20, 0.5, fmt=".1f"),
            "couch_cost": slider("Cost of a night on the couch ($)", 60, 0, 200, 5, fmt=".0f"),
            "privacy_cost": slider("Cost of staying in someone else's place ($)", 15, 0, 100,
                                   5, fmt=".0f"),
        }
        super().__init__(controls, lodging_update, _render if draw else None)

    @property
    def winner(self) -> str:
        return self.result.winner


def value_explorer() -> ValueExplorer:
    """Create the module-01 explorer (display it as the last expression of a cell)."""
    return ValueExplorer()
