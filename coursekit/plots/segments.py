"""Figures of module 10 (segmentation and competition)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Circle

from coursekit.models.segments import BottledWater, encode_importance
from coursekit.plots._style import PALETTE, finish, new_axes

__all__ = ["importance_heatmap", "contribution_bars", "competition_circles"]


def importance_heatmap(table: pd.DataFrame, ax=None):
    """The L/M/H importance table (Figure 7.1.2) as a heat map with the letters printed."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError("table must be a DataFrame of L/M/H letters")
    scores = encode_importance(table)
    ax = new_axes(ax, figsize=(7.5, 4.2))
    ax.imshow(scores.to_numpy(), cmap="Blues", vmin=0, vmax=3.5, aspect="auto")
    for (i, j), letter in np.ndenumerate(table.to_numpy()):
        ax.text(j, i, letter, ha="center", va="center", fontsize=11,
                color="white" if letter == "H" else "black")
    ax.set_xticks(range(table.shape[1]), table.columns)
    ax.set_yticks(range(table.shape[0]), table.index)
    return finish(ax, title="How important is each reason to each segment? (L/M/H)",
                  xlabel="segment", ylabel="reason for choosing a station")


def contribution_bars(result: BottledWater, ax=None):
    """Stacked contribution by segment: undifferentiated vs differentiated (Figure 7.1.1)."""
    if not isinstance(result, BottledWater):
        raise TypeError("result must come from coursekit.models.segments.bottled_water")
    ax = new_axes(ax)
    scenarios = {"undifferentiated\n(one product)": result.undifferentiated,
                 "differentiated\n(two products)": result.differentiated}
    for x, (label, frame) in enumerate(scenarios.items()):
        bottom = 0.0
        for k, row in frame.reset_index(drop=True).iterrows():
            ax.bar(x, row["contribution"], bottom=bottom, color=PALETTE[k], width=0.55,
                   label=row["segment"] if x == 0 else None)
            bottom += row["contribution"]
        ax.annotate(f"${bottom:,.2f}", (x, bottom), xytext=(0, 3), textcoords="offset points",
                    ha="center", fontweight="bold")
    ax.set_xticks(range(2), list(scenarios))
    ax.legend(frameon=False, fontsize=8, title="segment")
    return finish(ax, title="Segmenting the bottled-water market",
                  xlabel="offer", ylabel="total contribution (US dollars)")


def competition_circles(examples: dict[str, str] | None = None, ax=None):
    """Concentric circles of the four levels of competition (Figure 7.1.3) with examples."""
    from coursekit.models.segments import COMPETITION_LEVELS, DIET_COKE_COMPETITORS

    examples = DIET_COKE_COMPETITORS if examples is None else examples
    ax = new_axes(ax, figsize=(6, 6))
    levels = list(COMPETITION_LEVELS)
    for k, level in enumerate(reversed(levels)):
        r = 4 - k
        ax.add_patch(Circle((0, 0), r, color=PALETTE[k], alpha=0.25, lw=1.5))
        names = [n for n, lv in examples.items() if lv == level]
        ax.text(0, r - 0.45, level.upper(), ha="center", fontsize=9, fontweight="bold")
        ax.text(0, r - 0.8, ", ".join(names)[:60], ha="center", fontsize=7.5)
    ax.text(0, -0.1, "Diet Coke", ha="center", fontsize=10, fontweight="bold")
    ax.set_xlim(-4.2, 4.2)
    ax.set_ylim(-4.2, 4.2)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    return finish(ax, title="Levels of competition", xlabel="closer to the centre = more direct",
                  ylabel="competitors of the target brand")
