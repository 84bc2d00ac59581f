"""Explorers of module 09: the patio-furniture deal and the zone of possible agreement."""
from __future__ import annotations

import ipywidgets as w

from coursekit.models import negotiation as ng
from coursekit.plots.negotiation import patio_outcomes, zopa_line
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["patio_update", "zopa_update", "PatioExplorer", "ZopaExplorer", "patio_explorer",
           "zopa_explorer"]


def patio_update(**controls) -> ng.PatioCase:
    """Update step of the patio explorer (a pure function of the slider values)."""
    return ng.patio_case(**controls)


def zopa_update(*, buyer_reservation: float, seller_reservation: float,
                seller_share: float) -> dict:
    """Update step of the ZOPA explorer: the zone and, if it exists, the split price."""
    z = ng.zopa(buyer_reservation, seller_reservation)
    price = ng.split_price(buyer_reservation, seller_reservation,
                           seller_share=seller_share) if z.exists else None
    table = ng.surplus(price, buyer_reservation, seller_reservation) if z.exists else None
    return {"zopa": z, "price": price, "surplus": table}


def _render_patio(result: ng.PatioCase, output: w.Output) -> None:
    show(output, patio_outcomes(result), result.table.round(2), result)


def _render_zopa(result: dict, output: w.Output) -> None:
    z = result["zopa"]
    show(output, zopa_line(z.buyer_reservation, z.seller_reservation, result["price"]),
         z if result["surplus"] is None else result["surplus"].round(2))


class PatioExplorer(Explorer):
    """Who pays what for shipping decides whether the integrative deal beats the fixed pie."""

    title = "Patio furniture: when does the integrative deal pay for both sides? ($ million)"

    def __init__(self, *, draw: bool = True):
        controls = {
            "buyer_shipping_cost": slider("Retailer's cost to ship from Asia ($M)", 0.3, 0, 2,
                                          0.05),
            "manufacturer_shipping_cost": slider("Manufacturer's cost to ship ($M)", 0.8, 0, 2,
                                                 0.05),
            "early_sales_loss": slider("Early-spring sales lost with April 30 delivery ($M)",
                                       1.0, 0, 2, 0.05),
        }
        super().__init__(controls, patio_update, _render_patio if draw else None)


class ZopaExplorer(Explorer):
    """Reservation values (set by each side's BATNA) and the split of the surplus."""

    title = "BATNA, reservation values and the zone of possible agreement"

    def __init__(self, *, draw: bool = True):
        controls = {
            "buyer_reservation": slider("Most the buyer will pay", 78_000, 50_000, 100_000, 1_000,
                                        fmt=",.0f"),
            "seller_reservation": slider("Least the seller will take", 66_000, 50_000, 100_000,
                                         1_000, fmt=",.0f"),
            "seller_share": slider("Seller's share of the surplus", 0.5, 0, 1, 0.05),
        }
        super().__init__(controls, zopa_update, _render_zopa if draw else None)


def patio_explorer() -> PatioExplorer:
    """Create the patio-furniture explorer."""
    return PatioExplorer()


def zopa_explorer() -> ZopaExplorer:
    """Create the ZOPA explorer."""
    return ZopaExplorer()
