"""Figures of module 13 (customer roles and service design)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["screening_tradeoff", "make_or_buy_bars", "mix_dissatisfaction", "service_blueprint",
           "waits_by_servers", "wait_distribution"]


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


def service_blueprint(bp, *, show_waits: bool = True, ax=None):
    """Draw a blueprint as the textbooks do: five lanes, the three lines, arrows between steps,
    fail points marked (F) and the customer's waits (W, minutes) at the wait points.

    ``bp`` comes from :func:`coursekit.models.design.blueprint`.
    """
    import textwrap

    import matplotlib.pyplot as plt

    from coursekit.models.design import LANES, LINES, Blueprint, customer_waits

    if not isinstance(bp, Blueprint):
        raise TypeError(f"bp must be a Blueprint (from design.blueprint); got {type(bp).__name__}")
    steps = bp.steps
    stages = int(steps["stage"].max())
    if ax is None:
        _, ax = plt.subplots(figsize=(max(8.0, 1.45 * stages + 1.5), 6.5), layout="constrained")
    row_y = {lane: len(LANES) - 1 - i for i, lane in enumerate(LANES)}
    # several steps of one lane in one stage share the cell side by side
    slot = steps.groupby(["stage", "lane"], sort=False).cumcount()
    count = steps.groupby(["stage", "lane"], sort=False)["activity"].transform("size")
    width = 0.92 / count
    x = steps["stage"] - 0.46 + width * (slot + 0.5)
    y = steps["lane"].map(row_y).astype(float)
    for step in steps.index:
        fail = bool(steps.at[step, "fail_point"])
        evidence = steps.at[step, "lane"] == "physical evidence"
        ax.add_patch(plt.Rectangle((x[step] - width[step] / 2 + 0.04, y[step] - 0.32),
                                   width[step] - 0.08, 0.64, fill=not evidence,
                                   facecolor="#E8F1F8", lw=1.4 if fail else 0.8,
                                   edgecolor=HIGHLIGHT if fail else PALETTE[0],
                                   ls=":" if evidence else "-"))
        wrap = max(7, int(17 * width[step] / 0.92))
        ax.text(x[step], y[step], textwrap.fill(steps.at[step, "activity"], wrap,
                                                break_long_words=False),
                ha="center", va="center", fontsize=6.3)
        if fail:
            ax.text(x[step] + width[step] / 2 - 0.1, y[step] + 0.3, "F", ha="center",
                    va="center", fontsize=7, color="white", fontweight="bold",
                    bbox={"boxstyle": "circle,pad=0.15", "fc": HIGHLIGHT, "ec": HIGHLIGHT})
        for p in steps.at[step, "after"]:
            ax.annotate("", xy=(x[step], y[step] + (0.32 if y[p] > y[step] else -0.32
                                                    if y[p] < y[step] else 0)),
                        xytext=(x[p], y[p] - (0.32 if y[p] > y[step] else -0.32
                                              if y[p] < y[step] else 0)),
                        arrowprops={"arrowstyle": "->", "color": MUTED, "lw": 0.8,
                                    "shrinkA": 2, "shrinkB": 2})
    styles = {"line of interaction": "-", "line of visibility": "--",
              "line of internal interaction": ":"}
    for name, below in LINES.items():
        level = len(LANES) - 1 - below - 0.5
        ax.axhline(level, color=PALETTE[7], lw=1.1, ls=styles[name])
        ax.text(stages + 0.5, level + 0.04, name, ha="right", va="bottom", fontsize=7,
                style="italic")
    if show_waits:
        for step, row in customer_waits(bp).iterrows():
            if row["wait"] > 0:
                ax.text(x[step] - width[step] / 2 + 0.06, y[step] + 0.3,
                        f"W {row['wait']:g} min", ha="left", va="center", fontsize=6.5,
                        color="black", bbox={"boxstyle": "round,pad=0.15", "fc": PALETTE[6],
                                             "ec": "none"})
    ax.set_ylim(-0.55, len(LANES) - 0.45)
    for lane, level in row_y.items():
        ax.text(-0.1, level, textwrap.fill(lane, 10), ha="left", va="center", fontsize=7,
                fontweight="bold")
    ax.set_xlim(-0.15, stages + 0.55)
    ax.axis("off")
    ax.set_title(f"Service blueprint: {bp.service} (F = fail point, W = customer waits; "
                 "boxes with dotted edges = physical evidence)", fontsize=9)
    return ax


def waits_by_servers(table: pd.DataFrame, servers: int | None = None, ax=None):
    """Mean wait against the number of servers, each bar labelled with the probability of
    waiting (an M/M/c table with columns ``servers``, ``mean_wait``, ``p_wait``)."""
    if not isinstance(table, pd.DataFrame) or not {"servers", "mean_wait", "p_wait"} <= set(table):
        raise TypeError("table must have the columns servers, mean_wait and p_wait")
    ax = new_axes(ax)
    chosen = (table["servers"] == servers).to_numpy()
    ax.bar(table["servers"], table["mean_wait"], width=0.6,
           color=[HIGHLIGHT if c else PALETTE[0] for c in chosen])
    top = float(table["mean_wait"].max()) or 1.0
    for n, wait, p in zip(table["servers"], table["mean_wait"], table["p_wait"]):
        ax.text(n, wait + 0.02 * top, f"P(wait)\n{p:.2f}", ha="center", va="bottom",
                fontsize=7)
    ax.set_ylim(0, top * 1.25)
    ax.set_xticks(table["servers"])
    return finish(ax, title="What each extra server buys (orange: chosen)",
                  xlabel="number of servers", ylabel="mean wait in the queue (minutes)")


def wait_distribution(result, ax=None):
    """P(wait > t) of an M/M/c queue (``result`` from design.mmc_queue) against t."""
    from coursekit.models.design import QueueResult

    if not isinstance(result, QueueResult):
        raise TypeError("result must come from design.mmc_queue")
    ax = new_axes(ax)
    horizon = max(5 * result.mean_wait / max(result.p_wait, 1e-9), 1.0)
    t = np.linspace(0, horizon, 121)
    ax.plot(t, result.p_wait_longer(t), color=PALETTE[0], lw=2, label="P(wait > t)")
    ax.axvline(result.mean_wait, color=HIGHLIGHT, ls="--",
               label=f"mean wait {result.mean_wait:.2f} min")
    ax.set_ylim(0, 1.02)
    ax.legend(frameon=False, fontsize=8)
    return finish(ax, title=f"How long do customers wait? ({result.servers} servers, "
                            f"utilisation {result.utilisation:.0%})",
                  xlabel="wait t (minutes)", ylabel="share of customers waiting longer than t")
