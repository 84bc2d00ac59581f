"""Figures of module 05 (RFM and the customer value matrix)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba_array
from matplotlib.ticker import LogLocator, NullLocator, StrMethodFormatter

from coursekit._validate import check_columns
from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["value_matrix_plot", "concentration_plot", "segment_shares", "score_heatmap",
           "response_rate_bars", "rfm_against_forecast"]

_CELL_COLOURS = {"Best": PALETTE[0], "Frequent": PALETTE[2], "Spenders": PALETTE[1],
                 "Uncertain": PALETTE[3]}


def value_matrix_plot(matrix: pd.DataFrame, *, seed: int = 0, ax=None):
    """The customer value matrix: frequency x average purchase, one dot per customer.

    ``matrix`` comes from :func:`coursekit.models.rfm.value_matrix`. Frequencies are whole
    numbers, so they get a small seeded jitter; the dashed lines are the cut points; lapsed
    customers (status "lapsed") are drawn hollow; each cell's name and size sits in its corner,
    in the cell's colour (no legend needed). Cell names: Marcus (1998), not from the
    textbook.
    """
    check_columns(matrix, "matrix", ["frequency", "average_purchase", "cell", "status"])
    ax = new_axes(ax, figsize=(6.4, 4.4))
    rng = np.random.default_rng(seed)
    x = matrix["frequency"].to_numpy(dtype=float) + rng.uniform(-0.25, 0.25, len(matrix))
    y = matrix["average_purchase"].to_numpy(dtype=float)
    # one collection for every customer: edge = cell colour; lapsed customers hollow
    codes = pd.Categorical(matrix["cell"], categories=list(_CELL_COLOURS)).codes
    edge = to_rgba_array([*_CELL_COLOURS.values(), MUTED])[codes]  # code -1: MUTED
    face = edge.copy()
    face[(matrix["status"] == "lapsed").to_numpy(), 3] = 0.0
    ax.scatter(x, y, s=10, facecolors=face, edgecolors=edge, lw=0.6)
    cuts = matrix.attrs.get("cuts", {})
    if "frequency" in cuts:
        ax.axvline(cuts["frequency"], color=MUTED, ls="--", lw=1)
    if "average_purchase" in cuts:
        ax.axhline(cuts["average_purchase"], color=MUTED, ls="--", lw=1)
    counts = matrix["cell"].value_counts()
    for cell, (hx, hy) in {"Best": (0.98, 0.98), "Frequent": (0.98, 0.02),
                           "Spenders": (0.02, 0.98), "Uncertain": (0.02, 0.02)}.items():
        ax.annotate(f"{cell}: {counts.get(cell, 0)}", (hx, hy), xycoords="axes fraction",
                    ha="right" if hx > 0.5 else "left", va="top" if hy > 0.5 else "bottom",
                    fontsize=9, fontweight="bold", color=_CELL_COLOURS[cell])
    ax.set_xscale("log")
    ax.set_yscale("log")
    for axis in (ax.xaxis, ax.yaxis):  # plain 1-2-5 ticks: easier to read than powers of 10
        axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        axis.set_major_formatter(StrMethodFormatter("{x:g}"))
        axis.set_minor_locator(NullLocator())
    return finish(ax, title="Customer value matrix (hollow = lapsed)",
                  xlabel="frequency (purchases, log scale)",
                  ylabel="average purchase (US dollars, log scale)")


def concentration_plot(curve: pd.DataFrame, *, customer_share: float = 0.15,
                       band: tuple[float, float] | None = (0.55, 0.70), ax=None):
    """Concentration curve with the textbook's "15% of customers give 55-70% of sales".

    ``curve`` comes from :func:`coursekit.models.rfm.concentration_curve`. The dotted
    diagonal is equal spending; the shaded band is the textbook's range (TB 4.2, l.1316).
    """
    check_columns(curve, "curve", ["customer_share", "value_share"])
    ax = new_axes(ax, figsize=(4.8, 4.4))
    ax.plot(curve["customer_share"] * 100, curve["value_share"] * 100, color=PALETTE[0], lw=2,
            label="this data")
    ax.plot([0, 100], [0, 100], color=MUTED, ls=":", lw=1, label="equal spending")
    share = float(np.interp(customer_share, curve["customer_share"], curve["value_share"]))
    if band is not None:
        ax.fill_between([customer_share * 100 - 1.5, customer_share * 100 + 1.5],
                        band[0] * 100, band[1] * 100, color=PALETTE[1], alpha=0.5,
                        label=f"textbook: {band[0]:.0%}-{band[1]:.0%}")
    ax.plot([customer_share * 100], [share * 100], "o", color=HIGHLIGHT)
    ax.annotate(f"top {customer_share:.0%} give {share:.1%}", (customer_share * 100, share * 100),
                xytext=(8, -12), textcoords="offset points", fontsize=9, color=HIGHLIGHT)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return finish(ax, title="How concentrated are sales?",
                  xlabel="top customers, by spend (% of customers)",
                  ylabel="their share of sales (%)")


def segment_shares(summary: pd.DataFrame, ax=None):
    """Share of customers against share of sales per segment (a :func:`segment_summary`)."""
    check_columns(summary, "summary", ["customer_share", "sales_share"])
    ax = new_axes(ax)
    labels = [" / ".join(map(str, i)) if isinstance(i, tuple) else str(i) for i in summary.index]
    y = np.arange(len(summary))
    h = 0.38
    ax.barh(y - h / 2, summary["customer_share"] * 100, height=h, color=PALETTE[4],
            label="customers")
    ax.barh(y + h / 2, summary["sales_share"] * 100, height=h, color=PALETTE[0], label="sales")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return finish(ax, title="Each segment's share of customers and of sales",
                  xlabel="share (%)", ylabel="segment")


def score_heatmap(scores: pd.DataFrame, value: str = "monetary", ax=None):
    """Mean ``value`` per recency score (rows) x frequency score (columns) of an RFM table."""
    check_columns(scores, "scores", ["R", "F", value])
    ax = new_axes(ax, figsize=(5.2, 4.2))
    grid = scores.pivot_table(index="R", columns="F", values=value, aggfunc="mean")
    grid = grid.sort_index(ascending=False)
    im = ax.imshow(grid.to_numpy(dtype=float), cmap="cividis", aspect="auto")
    ax.set_xticks(range(grid.shape[1]), grid.columns)
    ax.set_yticks(range(grid.shape[0]), grid.index)
    for (i, j), v in np.ndenumerate(grid.to_numpy(dtype=float)):
        if np.isfinite(v):
            ax.text(j, i, f"{v:,.0f}", ha="center", va="center", fontsize=8,
                    color="white" if v < np.nanmean(grid.to_numpy(dtype=float)) else "black")
    ax.figure.colorbar(im, ax=ax, label=f"mean {value}")
    ax.spines[:].set_visible(False)
    return finish(ax, title=f"Mean {value} by recency and frequency score",
                  xlabel="F score (5 = most purchases)", ylabel="R score (5 = most recent)")


def response_rate_bars(rates: pd.DataFrame, breakeven: float, ax=None, *, cell: str = "R score"):
    """Test-mailing response rate per cell with the break-even rate as a dashed line.

    ``rates`` comes from :func:`coursekit.models.rfm.response_by_cell`; cells above the line
    (worth mailing) are blue, the others grey; each bar is labelled with its rate.
    """
    check_columns(rates, "rates", ["response_rate", "mailed"])
    ax = new_axes(ax, figsize=(6.4, 3.8))
    table = rates.sort_index()
    pct = 100 * table["response_rate"].to_numpy(dtype=float)
    x = np.arange(len(table))
    colours = [PALETTE[0] if r > 100 * breakeven else MUTED for r in pct]
    ax.bar(x, pct, color=colours)
    for xi, r in zip(x, pct):
        ax.text(xi, r, f"{r:.1f}%", ha="center", va="bottom", fontsize=8)
    ax.axhline(100 * breakeven, color=HIGHLIGHT, ls="--", lw=1.5)
    ax.text(len(table) - 0.5, 100 * breakeven, f"break-even {100 * breakeven:.1f}%",
            ha="right", va="bottom", fontsize=8, color=HIGHLIGHT)
    ax.set_xticks(x, [str(i) for i in table.index])
    return finish(ax, title="Test mailing: mail the cells above the break-even rate",
                  xlabel=cell, ylabel="response rate (%)")


def rfm_against_forecast(customers: pd.DataFrame, ax=None):
    """Mean holdout purchases per RFM score next to the mean BG/NBD forecast of the same group.

    ``customers`` is the ``customers`` table of
    :func:`coursekit.models.rfm.compare_rfm_with_bgnbd`. The RFM score orders the groups; only
    the model says how many purchases to expect.
    """
    check_columns(customers, "customers", ["rfm_score", "bgnbd_expected", "holdout_purchases"])
    ax = new_axes(ax, figsize=(6.4, 3.8))
    g = customers.groupby("rfm_score")[["holdout_purchases", "bgnbd_expected"]].mean()
    x = g.index.to_numpy(dtype=float)
    ax.bar(x, g["holdout_purchases"], color=PALETTE[4], label="actual (holdout weeks)")
    ax.plot(x, g["bgnbd_expected"], "o-", color=PALETTE[1], lw=1.5,
            label="BG/NBD forecast from the calibration weeks")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return finish(ax, title="RFM orders customers; the BG/NBD also says how many purchases",
                  xlabel="RFM score R + F + M (3-15)",
                  ylabel="mean purchases per customer (count)")
