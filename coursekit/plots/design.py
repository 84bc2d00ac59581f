"""Figures of module 13 (customer roles and service design)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.plots._style import HIGHLIGHT, PALETTE, finish, new_axes

__all__ = ["screening_tradeoff", "make_or_buy_bars", "mix_dissatisfaction"]


def screening_tradeoff(curve: pd.DataFrame, threshold: float | None = None, ax=None):
    """Drop and go error rates (and expected value, if present) against the threshold."""
    if not isinstance(curve, pd.DataFrame) or "drop_error" not in curve:
        raise TypeError("curve must come from design.screening_errors or screening_value")
    ax = new_axes(ax)
    ax.plot(curve["threshold"], curve["drop_error"], color=PALETTE[0], lw=2,
            label="drop error: good idea dropped")
    ax.plot(curve["threshold"], curve["go_error"], color=PALETTE[1], lw=2,
            label="go error: poor idea developed")
    handles = ax.get_lines()
    if "expected_value" in curve:
        twin = ax.twinx()
        handles += twin.plot(curve["threshold"], curve["expected_value"], color=PALETTE[2],
                             ls="--", label="expected value per idea")
        twin.set_ylabel("expected value per idea (value units)")
    if threshold is not None:
        ax.axvline(threshold, color=HIGHLIGHT, lw=1.2)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2,
              frameon=False, fontsize=8)
    return finish(ax, title="Screening new-service ideas: drop vs go errors",
                  xlabel="threshold on the screening score", ylabel="error rate")


def make_or_buy_bars(contributions: pd.Series, threshold: float = 0.5, ax=None):
    """Each criterion's contribution to the do-it-yourself index, with the decision threshold."""
    ax = new_axes(ax)
    c = contributions.iloc[::-1]
    left = np.r_[0, np.cumsum(c.to_numpy())[:-1]]
    ax.barh(c.index, c.to_numpy(), left=left, color=PALETTE[4])
    ax.axvline(threshold, color=HIGHLIGHT, ls="--", label="threshold")
    ax.set_xlim(0, 1)
    ax.legend(frameon=False, fontsize=8)
    return finish(ax, title="Do it yourself or buy the service? (cumulative index)",
                  xlabel="do-it-yourself index (0 = buy, 1 = do it yourself)",
                  ylabel="criterion")


def mix_dissatisfaction(shares, mixed, isolated, ax=None):
    """Share of dissatisfying encounters against the mix, mixed vs isolated segments."""
    ax = new_axes(ax)
    ax.plot(shares, mixed, color=HIGHLIGHT, lw=2, label="one shared space (mixed)")
    ax.plot(shares, isolated, color=PALETTE[2], lw=2, label="segments isolated")
    ax.legend(frameon=False, fontsize=8)
    return finish(ax, title="Customer mix and customer-to-customer encounters",
                  xlabel="share of segment A in the customer mix",
                  ylabel="share of dissatisfying encounters")
