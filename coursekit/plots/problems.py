"""Figures of module 03 (problems and ethics): responsibility matrix, escalation cost, ethics."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.models.problems import ethics
from coursekit.models import problems as pr
from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["responsibility_heatmap", "escalation_curve", "ethics_bars"]


def responsibility_heatmap(highlight_decision: str | None = None, ax=None):
    """Figure 4.5 as a grid of X marks; one decision column can be highlighted."""
    m = pr.responsibility_matrix()
    if highlight_decision is not None:
        pr.who_is_involved(highlight_decision)               # validates the name
    ax = new_axes(ax, figsize=(7.4, 3.8))
    ax.imshow(m.to_numpy(dtype=float), cmap="Blues", vmin=-0.3, vmax=1.6, aspect="auto")
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m.iat[i, j]:
                ax.text(j, i, "X", ha="center", va="center", fontweight="bold")
    if highlight_decision is not None:
        j = list(m.columns).index(highlight_decision)
        ax.add_patch(_column_frame(j, m.shape[0]))
    ax.set_xticks(range(m.shape[1]), [c.replace(" ", "\n", 1) for c in m.columns], fontsize=8)
    ax.set_yticks(range(m.shape[0]), m.index, fontsize=8)
    return finish(ax, title="The responsibility matrix (TB 3.2, Figure 4.5)",
                  xlabel="type of decision", ylabel="title")


def _column_frame(j: int, n_rows: int):
    from matplotlib.patches import Rectangle

    return Rectangle((j - 0.5, -0.5), 1, n_rows, fill=False, edgecolor=HIGHLIGHT, lw=2.5)


def escalation_curve(table: pd.DataFrame, ax=None):
    """Stacked cost of telling the client after each delay (from problems.escalation_cost)."""
    need = {"delay", "problem_cost", "relationship_loss", "inform_cost", "total"}
    if not isinstance(table, pd.DataFrame) or not need <= set(table.columns):
        raise TypeError("table must come from coursekit.models.problems.escalation_cost")
    ax = new_axes(ax)
    d = table["delay"].to_numpy()
    ax.stackplot(d, table["inform_cost"], table["problem_cost"], table["relationship_loss"],
                 colors=[MUTED, PALETTE[0], PALETTE[1]],
                 labels=["briefing the client", "the problem (grows)",
                         "frustration and mistrust (grows)"], alpha=0.8)
    best = int(np.argmin(table["total"].to_numpy()))
    ax.scatter([d[best]], [table["total"].iloc[best]], color=HIGHLIGHT, zorder=3,
               label="cheapest time to tell")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return finish(ax, title="Why tell the client early (assumed parameters)",
                  xlabel="weeks between the event and telling the client",
                  ylabel="cost (US dollars)")


def ethics_bars(ax=None, *, show_unreported: bool = True):
    """Shares of marketers naming each issue the most difficult; the missing 13 % shown."""
    t = ethics.ethics_survey(include_unreported=show_unreported)
    ax = new_axes(ax, figsize=(6.4, 4.0))
    colours = [PALETTE[0]] * 9 + ([MUTED] if show_unreported else [])
    ax.barh(t.index, t["share"], color=colours)
    for y, v in enumerate(t["share"]):
        ax.annotate(f"{v:.0%}", (v, y), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 0.2)
    return finish(ax, title=f"Most difficult ethical issue (the nine shares sum to "
                            f"{ethics.survey_total():.0%})",
                  xlabel="share of marketing professionals", ylabel="issue")
