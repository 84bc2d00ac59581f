"""Channels and pricing: the mark-up chain and willingness to pay (textbook 4.3).

TB 4.3 ("What to charge", l.1481-1493) names four pricing factors: **willingness to pay**
(people who say a product is *worth* \\$50 will not necessarily *buy* it at \\$50), **cost**
plus "all of the mark-ups through the chain before the product gets to your customer",
**competing products**, and the market's **sticker-shock** point. If the cost of making the
product exceeds the price customers will pay, "you must rework it".

A mark-up on cost ``m`` turns a buying price ``p`` into a selling price ``p (1 + m)``; along a
chain of intermediaries (distributor, retailer, ...) the mark-ups multiply:

    shelf price = producer price x (1 + m_1) x (1 + m_2) x ... x (1 + m_k)

*Not from the textbook:* the arithmetic of mark-ups on cost versus on selling price (a
margin ``g`` gives ``p / (1 - g)``) is standard retail mathematics (e.g. Levy, Weitz & Grewal
2019, *Retailing Management*, 10th ed., ch. 14); the textbook gives no mark-up values, so all
mark-ups in the workbook are illustrative.

>>> markup_chain(20, {"distributor": 0.25, "retailer": 0.50}).shelf_price
37.5
>>> round(max_producer_price(50, [0.25, 0.50]), 2)   # below a $50 sticker-shock point
26.67
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_choice, check_number, check_positive

__all__ = ["PRICING_FACTORS", "CHANNEL_OPTIONS", "CHAIN_LINKS", "PriceBuildUp", "markup_chain",
           "max_producer_price", "purchase_share", "worth_vs_willingness"]

BASES = ("cost", "price")

#: The four pricing factors of TB 4.3 (l.1481-1489), in the textbook's words.
PRICING_FACTORS = {
    "willingness to pay": "People who tell you a product is worth $50 will not necessarily "
                          "buy it at that price.",
    "cost": "Charge more than it costs you to make, and count all the mark-ups through the "
            "chain before the product gets to your customer.",
    "competing products": "What alternatives does the customer have, and how will your price "
                          "influence the buying decision?",
    "sticker shock": "'No way I'd buy at that price!' Different markets have different "
                     "sticker-shock points (writing utensils vs. cars).",
}

#: Where to sell (TB 4.3, l.1459-1463).
CHANNEL_OPTIONS = ("on the shelf of a store", "online", "through a distributor", "in a catalog",
                   "directly from a salesperson")

#: Links in the chain (TB 4.3, l.1473): each wants its own profit.
CHAIN_LINKS = ("distributors", "value added resellers (VARs)", "value added distributors (VADs)",
               "systems integrators (SIs)", "manufacturer's representatives",
               "original equipment manufacturers (OEMs)", "strategic partners")


def _markups(markups: Mapping[str, float] | Sequence[float], basis: str
             ) -> tuple[list[str], np.ndarray]:
    if isinstance(markups, Mapping):
        names, values = [str(k) for k in markups], list(markups.values())
    elif isinstance(markups, (str, bytes)) or not isinstance(markups, Sequence):
        raise TypeError("markups must be a dict {link: mark-up} or a list of mark-ups; "
                        f"got {type(markups).__name__}")
    else:
        names, values = [f"link {i + 1}" for i in range(len(markups))], list(markups)
    if not values:
        raise ValueError("markups must name at least one link in the chain")
    m = as_float_array(values, "markups")
    if basis == "cost":
        check_number(m, "markups", low=0)
    else:  # a margin on the selling price must stay below 100 %
        check_number(m, "markups", low=0, high=1, high_open=True)
    return names, m


def _factors(m: np.ndarray, basis: str) -> np.ndarray:
    """Price multiplier of each link: 1 + m on cost, 1 / (1 - m) on selling price."""
    return 1.0 + m if basis == "cost" else 1.0 / (1.0 - m)


@dataclass(frozen=True)
class PriceBuildUp:
    """A price built up through the chain: one row per link, from producer to shelf."""

    table: pd.DataFrame
    producer_price: float
    shelf_price: float
    basis: str

    @property
    def producer_share(self) -> float:
        """Share of the shelf price that reaches the producer."""
        return self.producer_price / self.shelf_price

    def __repr__(self) -> str:
        return (f"PriceBuildUp(producer ${self.producer_price:,.2f} -> shelf "
                f"${self.shelf_price:,.2f}; producer keeps {self.producer_share:.1%}; "
                f"mark-ups on {self.basis})")


def markup_chain(producer_price: float, markups: Mapping[str, float] | Sequence[float], *,
                 basis: str = "cost") -> PriceBuildUp:
    """Build up the shelf price from the producer's price through each link's mark-up.

    On cost (``basis="cost"``): ``p_k = p_{k-1} (1 + m_k)``. On selling price
    (``basis="price"``, a gross margin ``m_k`` of the link's own selling price):
    ``p_k = p_{k-1} / (1 - m_k)``. Mark-ups compound: two 50 % mark-ups multiply the price by
    2.25, not 2.

    >>> b = markup_chain(20, {"distributor": 0.25, "retailer": 0.50})
    >>> b.table[["buys_at", "sells_at", "profit_per_unit"]].round(2).values.tolist()
    [[20.0, 25.0, 5.0], [25.0, 37.5, 12.5]]
    >>> markup_chain(20, [0.5], basis="price").shelf_price   # a 50 % margin doubles the price
    40.0
    """
    p0 = float(check_positive(producer_price, "producer_price"))
    check_choice(basis, "basis", BASES)
    names, m = _markups(markups, basis)
    sells = p0 * np.cumprod(_factors(m, basis))
    buys = np.concatenate([[p0], sells[:-1]])
    table = pd.DataFrame({"buys_at": buys, "markup": m, "sells_at": sells,
                          "profit_per_unit": sells - buys}, index=pd.Index(names, name="link"))
    table["share_of_shelf_price"] = table["profit_per_unit"] / sells[-1]
    return PriceBuildUp(table, p0, float(sells[-1]), basis)


def max_producer_price(shelf_price: Any, markups: Mapping[str, float] | Sequence[float], *,
                       basis: str = "cost") -> float | np.ndarray:
    """The highest producer price that still reaches the shelf at ``shelf_price``.

    ``p_0 = shelf price / prod_k f_k`` with ``f_k = 1 + m_k`` (on cost) or ``1 / (1 - m_k)``
    (on selling price). If making the product costs more than this, TB 4.3 says rework the
    product or cut the features customers value least.

    >>> max_producer_price(37.5, [0.25, 0.5])
    20.0
    >>> max_producer_price([30, 60], [1.0]).tolist()
    [15.0, 30.0]
    """
    shelf = check_positive(shelf_price, "shelf_price")
    check_choice(basis, "basis", BASES)
    _, m = _markups(markups, basis)
    return shelf / float(np.prod(_factors(m, basis)))


def purchase_share(price: Any, willingness_to_pay: Any) -> float | np.ndarray:
    """Share of customers who buy at ``price``: those whose willingness to pay is >= price.

    ``share(p) = #{i : WTP_i >= p} / n``, evaluated for one price or an array of prices (a
    demand curve). The price at which the share collapses is the market's sticker-shock point.

    >>> purchase_share(50, [30, 45, 50, 60, 80])
    0.6
    >>> purchase_share([20, 50, 90], [30, 45, 50, 60, 80]).tolist()
    [1.0, 0.6, 0.0]
    """
    p = as_float_array(price, "price")
    check_number(p, "price", low=0)
    wtp = as_float_array(willingness_to_pay, "willingness_to_pay").ravel()
    if wtp.size == 0:
        raise ValueError("willingness_to_pay must hold at least one customer")
    check_number(wtp, "willingness_to_pay", low=0)
    share = (wtp[None, :] >= p.reshape(-1, 1)).mean(axis=1)
    return float(share[0]) if p.ndim == 0 else share.reshape(p.shape)


def worth_vs_willingness(stated_worth: Any, hypothetical_bias: float = 1.35) -> np.ndarray:
    """Willingness to pay implied by what customers *say* a product is worth.

    ``WTP = stated worth / hypothetical bias``. TB 4.3 warns that "worth" is not willingness to
    pay. *Not from the textbook:* the default ratio 1.35 is the median ratio of hypothetical to
    actual payments in Murphy, Allen, Stevens & Weatherhead (2005), "A meta-analysis of
    hypothetical bias in stated preference valuation", *Environmental and Resource Economics*
    30, 313-325. Use 1.0 to take stated worth at face value.

    >>> worth_vs_willingness([50.0, 67.5]).round(2).tolist()
    [37.04, 50.0]
    """
    worth = as_float_array(stated_worth, "stated_worth")
    check_number(worth, "stated_worth", low=0)
    bias = float(check_number(hypothetical_bias, "hypothetical_bias", low=1.0))
    return np.atleast_1d(worth / bias)
