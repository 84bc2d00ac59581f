"""Figures of module 01 (the value equation)."""
from __future__ import annotations

import numpy as np

from coursekit.models.value import OfferComparison
from coursekit.plots._style import HIGHLIGHT, PALETTE, finish, new_axes

__all__ = ["offer_values"]


def offer_values(comparison: OfferComparison, ax=None):
    """Benefit against the stacked full cost of each offer; the winner's net value highlighted.

    Each offer gets two bars: its benefit, and its cost split into price and non-money costs
    (money equivalents), so the gap between the two bars is the net value.
    """
    if not isinstance(comparison, OfferComparison):
        raise TypeError("comparison must be the result of coursekit.models.value.compare_offers")
    ax = new_axes(ax)
    t = comparison.table
    y = np.arange(len(t))
    h = 0.38
    ax.barh(y - h / 2, t["benefit"], height=h, color=PALETTE[2], label="benefit")
    ax.barh(y + h / 2, t["price"], height=h, color=PALETTE[0], label="price")
    ax.barh(y + h / 2, t["other_costs"], left=t["price"], height=h, color=PALETTE[1],
            label="non-money costs")
    for yi, (name, row) in zip(y, t.iterrows()):
        winner = name == comparison.winner
        ax.annotate(f"value ${row.net_value:,.0f}" + ("  (best)" if winner else ""),
                    (max(row.benefit, row.total_cost), yi), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9,
                    color=HIGHLIGHT if winner else "black",
                    fontweight="bold" if winner else "normal")
    ax.set_yticks(y, t.index)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.35 * max(t["benefit"].max(), t["total_cost"].max(), 1))
    # below the axes: inside, it would cover the value label of the last offer's bars
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, frameon=False,
              fontsize=8)
    return finish(ax, title="Value = benefit - cost, per offer",
                  xlabel="US dollars per person per night", ylabel="offer")
