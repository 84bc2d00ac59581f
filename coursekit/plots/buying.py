"""Figures of module 02 (buying behaviour): weighted scores, rank reversal, funnel, 2x2 matrix."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch, Rectangle

from coursekit.models import buying
from coursekit.models.buying import choice
from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["weighted_scores", "reversal_path", "funnel", "behaviour_matrix"]


def weighted_scores(scores: pd.DataFrame, weights, ax=None):
    """Stacked horizontal bars: each criterion's contribution ``w_j s_ij`` to the utility."""
    u = choice.compensatory_scores(scores, weights)          # validates both arguments
    w = choice.normalise_weights(weights, list(scores.columns))
    contrib = scores.mul(w, axis=1)
    order = u.sort_values().index
    ax = new_axes(ax)
    # all segments as one collection (one artist instead of a bar patch per segment)
    widths = contrib.loc[order].to_numpy()                       # models x criteria
    x0 = (np.cumsum(widths, axis=1) - widths).ravel()
    x1 = x0 + widths.ravel()
    yc = np.repeat(np.arange(len(order)), widths.shape[1])
    boxes = np.stack([np.c_[x0, yc - 0.4], np.c_[x1, yc - 0.4], np.c_[x1, yc + 0.4],
                      np.c_[x0, yc + 0.4]], axis=1)              # one rectangle per segment
    colours = [PALETTE[k % len(PALETTE)] for k in range(widths.shape[1])]
    ax.add_collection(PolyCollection(boxes, linewidths=0,
                                     facecolors=colours * len(order)))
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(-0.6, len(order) - 0.4)
    handles = [Patch(color=c, label=col.replace("_", " "))
               for c, col in zip(colours, contrib.columns)]
    for y, name in enumerate(order):
        ax.annotate(f"{u[name]:.2f}", (u[name], y), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=9,
                    color=HIGHLIGHT if name == u.idxmax() else "black")
    ax.set_xlim(0, 1.12)  # utilities are 0-1: a fixed scale keeps models comparable
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=7)
    return finish(ax, title="Compensatory choice: weighted score per model",
                  xlabel="utility sum of w_j x s_ij (0-1)", ylabel="alternative")


def reversal_path(scores: pd.DataFrame, weights, availability, *, marked_weight=None, ax=None):
    """Utility of each alternative as the weight on availability grows from 0 to 1."""
    u = choice.compensatory_scores(scores, weights)
    a = np.atleast_1d(np.asarray(availability, dtype=float))
    if a.shape != (len(u),):
        raise ValueError(f"availability must have one value per alternative ({len(u)})")
    grid = np.linspace(0, 1, 101)
    paths = (1 - grid)[:, None] * u.to_numpy()[None, :] + grid[:, None] * a[None, :]
    ax = new_axes(ax)
    for k, name in enumerate(u.index):
        ax.plot(grid, paths[:, k], color=PALETTE[k % len(PALETTE)], label=str(name))
    # each line named at its right end, in its colour (labels pushed apart where lines meet)
    order = np.argsort(paths[-1], kind="stable")
    for k, y in zip(order, _spread(paths[-1][order], gap=0.09, low=0.0, high=1.05)):
        ax.text(1.02, y, str(u.index[k]), transform=ax.get_yaxis_transform(), va="center",
                fontsize=8, color=PALETTE[k % len(PALETTE)])
    if marked_weight is not None:
        ax.axvline(marked_weight, color=MUTED, ls="--", lw=1)
    top2 = u.sort_values(ascending=False).index[:2]
    w_star = choice.reversal_weight(u[top2[0]], u[top2[1]], a[u.index.get_loc(top2[0])],
                                    a[u.index.get_loc(top2[1])])
    if np.isfinite(w_star):
        ax.axvline(w_star, color=HIGHLIGHT, lw=1)
        ax.annotate(f"reversal at w = {w_star:.2f}", (w_star, 0.02), xytext=(4, 0),
                    textcoords="offset points", color=HIGHLIGHT, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    return finish(ax, title="Rank reversal when availability enters",
                  xlabel="weight on availability (other weights scaled by 1 - w)",
                  ylabel="utility (0-1)")


def _spread(y, *, gap: float, low: float, high: float) -> np.ndarray:
    """Label positions for sorted ``y``: at least ``gap`` apart, inside ``[low, high]``, each
    as near its own value as the others allow.

    >>> _spread(np.array([0.0, 1.0, 1.0]), gap=0.1, low=0.0, high=1.0).round(2).tolist()
    [0.0, 0.9, 1.0]
    """
    out = np.clip(np.asarray(y, dtype=float), low, high)
    for i in range(1, len(out)):            # push up from below ...
        out[i] = max(out[i], out[i - 1] + gap)
    out[-1] = min(out[-1], high)
    for i in range(len(out) - 2, -1, -1):   # ... then down from the top
        out[i] = min(out[i], out[i + 1] - gap)
    return out


def funnel(table: pd.DataFrame, ax=None):
    """Horizontal funnel of buyers entering each of the five stages (from buying_funnel)."""
    if not isinstance(table, pd.DataFrame) or "entering" not in table or "stage" not in table:
        raise TypeError("table must come from buying.buying_funnel or buying.funnel_from_stages")
    ax = new_axes(ax)
    e = table["entering"].to_numpy(dtype=float)
    y = np.arange(len(e))
    ax.barh(y, e, left=(e[0] - e) / 2, color=PALETTE[0])
    for yi, v in zip(y, e):
        ax.annotate(f"{v:,.0f} ({v / e[0]:.0%})", (e[0] / 2, yi), ha="center", va="center",
                    color="white", fontsize=9, fontweight="bold")
    ax.set_yticks(y, [f"{i + 1}. {s}" for i, s in enumerate(table["stage"])])
    ax.invert_yaxis()
    return finish(ax, title="Five-stage buying process: who is still in?",
                  xlabel="buyers entering the stage (count)", ylabel="stage")


def behaviour_matrix(highlight: str | None = None, ax=None):
    """The involvement x brand-differences matrix (TB 5.1.8) with its examples."""
    if highlight is not None and highlight not in set(buying.BUYING_BEHAVIOURS["name"]):
        raise ValueError(f"highlight must be one of {list(buying.BUYING_BEHAVIOURS['name'])}")
    ax = new_axes(ax, figsize=(6.4, 4.2))
    for r in buying.BUYING_BEHAVIOURS.itertuples():
        x = 0 if r.brand_differences == "significant" else 1
        y = 1 if r.involvement == "high" else 0
        face = HIGHLIGHT if r.name == highlight else PALETTE[4]
        ax.add_patch(Rectangle((x, y), 1, 1, facecolor=face, alpha=0.35, edgecolor="white"))
        ax.text(x + 0.5, y + 0.62, r.name, ha="center", va="center", fontweight="bold")
        ax.text(x + 0.5, y + 0.35, "e.g. " + r.examples, ha="center", va="center", fontsize=8,
                wrap=True)
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5], ["significant", "few"])
    ax.set_yticks([0.5, 1.5], ["low", "high"])
    return finish(ax, title="Types of buying behaviour (TB 5.1.8)",
                  xlabel="differences between brands", ylabel="consumer involvement")
