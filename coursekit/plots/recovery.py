"""Figures of module 12 (service failure and recovery)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_columns, check_choice
from coursekit.models.recovery.guarantees import guarantee_economics
from coursekit.models.recovery import ExpectedPath
from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["satisfaction_path", "paradox_heatmap", "recovery_gap_histogram", "cell_means",
           "guarantee_net_value"]


def satisfaction_path(path: ExpectedPath, ax=None, *, label: str | None = None):
    """Mean satisfaction before, after the failure and after the recovery, against the
    no-failure level (dashed). Above the dashed line after recovery = the paradox on average."""
    if not isinstance(path, ExpectedPath):
        raise TypeError("path must be the result of coursekit.models.recovery.expected_path")
    ax = new_axes(ax)
    x = np.arange(3)
    y = [path.no_failure, path.after_failure, path.after_recovery]
    paradox = path.recovery_gap > 0
    colour = HIGHLIGHT if paradox else PALETTE[0]
    ax.plot(x, y, marker="o", color=colour, lw=2, label=label)
    ax.axhline(path.no_failure, color=MUTED, ls="--", lw=1)
    ax.set_xlim(-0.25, 2.25)
    ax.set_xticks(x, ["before (no failure)", "after failure", "after recovery"])
    if label:
        ax.legend(frameon=False, fontsize=8)
    # the numbers in the title: inside the axes the path could run through them
    return finish(ax, title="Satisfaction through a failure and its recovery\n"
                  f"after recovery {path.recovery_gap:+.2f} vs no failure; paradox share "
                  f"{path.paradox_share:.0%}",
                  xlabel="stage of the encounter", ylabel="mean satisfaction (scale points)")


def paradox_heatmap(grid: pd.DataFrame, *, row: str = "severity", col: str = "stability",
                    value: str = "paradox_share", ax=None):
    """Heatmap of ``value`` (``paradox_share`` or ``recovery_gap``) over two conditions of a
    :func:`~coursekit.models.recovery.paradox_grid`; the other conditions must be fixed."""
    conditions = ("severity", "prior_failures", "stability", "controllability")
    check_choice(value, "value", ("paradox_share", "recovery_gap"))
    check_choice(row, "row", conditions)
    check_choice(col, "col", conditions)
    check_columns(grid, "grid", [*conditions, value])
    if row == col:
        raise ValueError("row and col must be different conditions")
    fixed = [c for c in conditions if c not in (row, col) and grid[c].nunique() > 1]
    if fixed:
        raise ValueError(f"grid varies {fixed} too; filter it to one value of each first")
    table = grid.pivot_table(index=row, columns=col, values=value, aggfunc="first")
    ax = new_axes(ax, figsize=(4.8, 3.6))
    if value == "paradox_share":
        im = ax.imshow(table.to_numpy(), cmap="cividis", vmin=0, vmax=1, aspect="auto")
        text = [[f"{v:.0%}" for v in r] for r in table.to_numpy()]
    else:
        lim = max(abs(table.to_numpy()).max(), 1e-9)
        im = ax.imshow(table.to_numpy(), cmap="PuOr", vmin=-lim, vmax=lim, aspect="auto")
        text = [[f"{v:+.2f}" for v in r] for r in table.to_numpy()]
    for i, r in enumerate(text):
        for j, t in enumerate(r):
            shade = im.norm(table.to_numpy()[i, j])
            ax.text(j, i, t, ha="center", va="center", fontsize=9,
                    color="white" if (value == "paradox_share" and shade < 0.5) else "black")
    ax.set_xticks(range(table.shape[1]), [f"{c:g}" for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [f"{r:g}" for r in table.index])
    ax.figure.colorbar(im, ax=ax, shrink=0.85,
                       label="share more satisfied than with no failure"
                       if value == "paradox_share" else "mean satisfaction change (points)")
    name = "Paradox share" if value == "paradox_share" else "Recovery gap"
    return finish(ax, title=f"{name} by {row} and {col}", xlabel=col.replace("_", " "),
                  ylabel=row.replace("_", " "))


def recovery_gap_histogram(encounters: pd.DataFrame, ax=None, *, bins: int = 60):
    """Distribution of ``sat_recovery - sat_no_failure`` over the recovered customers of
    :func:`~coursekit.models.recovery.simulate_encounters`; right of zero = paradox."""
    check_columns(encounters, "encounters", ["sat_recovery", "sat_no_failure", "recovered"])
    gap = (encounters["sat_recovery"] - encounters["sat_no_failure"])[encounters["recovered"]]
    if gap.empty:
        raise ValueError("encounters has no recovered customers (severity 0 or nobody complained)")
    ax = new_axes(ax)
    ax.hist(gap[gap <= 0], bins=bins // 2, color=PALETTE[0], alpha=0.85, label="worse off")
    ax.hist(gap[gap > 0], bins=bins // 2, color=HIGHLIGHT, alpha=0.85, label="paradox")
    ax.axvline(0, color="black", lw=1)
    ax.legend(frameon=False, fontsize=8,
              title=f"paradox share {float((gap > 0).mean()):.1%}", title_fontsize=8)
    return finish(ax, title="After recovery vs no failure, per customer",
                  xlabel="satisfaction after recovery minus no-failure level (points)",
                  ylabel="customers")


def cell_means(experiment: pd.DataFrame, outcome: str = "satisfaction", ax=None):
    """Interaction plot of the recovery experiment: mean ``outcome`` (95 % CI) by recovery, one
    line per severity x attribution."""
    check_columns(experiment, "experiment", ["severity", "recovery", "attribution", outcome])
    ax = new_axes(ax, figsize=(6.4, 4.0))
    order = [r for r in ("none", "apology", "full") if r in set(experiment["recovery"])]
    order += sorted(set(experiment["recovery"]) - set(order))
    groups = experiment.groupby(["severity", "attribution", "recovery"], observed=True)[outcome]
    stats = groups.agg(["mean", "sem"]).reset_index()
    styles = {"unstable_uncontrollable": "-", "stable_controllable": "--"}
    for k, ((sev, att), part) in enumerate(stats.groupby(["severity", "attribution"],
                                                         observed=True)):
        part = part.set_index("recovery").reindex(order)
        x = np.arange(len(order)) + (k - 1.5) * 0.04
        ax.errorbar(x, part["mean"], yerr=1.96 * part["sem"], marker="o", capsize=3,
                    ls=styles.get(att, "-"), color=PALETTE[0 if sev == "minor" else 5],
                    label=f"{sev}, {att.replace('_', ' ')}")
    ax.set_xticks(range(len(order)), order)
    ax.legend(frameon=False, fontsize=8)
    return finish(ax, title=f"Cell means of {outcome.replace('_', ' ')} (95 % CI)",
                  xlabel="recovery condition", ylabel=f"mean {outcome.replace('_', ' ')}")


def guarantee_net_value(payouts, ax=None, **economics):
    """Net value of a service guarantee against its payout per claim; the break-even payout
    marked. ``economics`` are the other arguments of
    :func:`~coursekit.models.recovery.guarantees.guarantee_economics`."""
    payouts = np.asarray(payouts, dtype=float)
    if payouts.ndim != 1 or payouts.size < 2:
        raise ValueError("payouts must be a list of at least two payout values")
    results = [guarantee_economics(payout=p, **economics) for p in payouts]
    ax = new_axes(ax)
    ax.plot(payouts, [r.net_value for r in results], color=PALETTE[0], lw=2)
    ax.axhline(0, color=MUTED, lw=1)
    be = results[0].break_even_payout
    ax.axvline(be, color=HIGHLIGHT, ls="--", lw=1)
    ax.annotate(f"break-even payout {be:,.0f}", (be, 0), xytext=(5, 10),
                textcoords="offset points", color=HIGHLIGHT, fontsize=9)
    return finish(ax, title="Does the service guarantee pay?",
                  xlabel="payout per claim (currency units)",
                  ylabel="net value (currency units)")
