"""Figures of module 11 (relationships and loyalty)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["transition_heatmap", "stage_mix", "leaky_bucket_flows", "uplift_vs_fixed_costs",
           "profit_chain_diagram"]


def transition_heatmap(matrix: pd.DataFrame, ax=None):
    """The stage transition matrix as an annotated heat map (rows: now, columns: next)."""
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError("matrix must be a DataFrame from coursekit.models.relationships")
    ax = new_axes(ax, figsize=(5.2, 4.2))
    values = matrix.to_numpy()
    im = ax.imshow(values, cmap="Blues", vmin=0, vmax=1)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{v:.2f}", ha="center", va="center",
                color="white" if v > 0.6 else "black", fontsize=9)
    ax.set_xticks(range(len(matrix)), matrix.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(matrix)), matrix.index)
    ax.figure.colorbar(im, ax=ax, label="probability")
    return finish(ax, title="Relationship stage transitions per period",
                  xlabel="stage next period", ylabel="stage this period")


def stage_mix(distribution: pd.DataFrame, steady: pd.Series | None = None, ax=None):
    """Share of customers in each stage over time (stacked areas), optional steady-state ticks."""
    if not isinstance(distribution, pd.DataFrame):
        raise TypeError("distribution must be a DataFrame (periods x stages)")
    ax = new_axes(ax)
    ax.stackplot(distribution.index, distribution.T.to_numpy(), labels=distribution.columns,
                 colors=PALETTE[: distribution.shape[1]], alpha=0.85)
    if steady is not None:
        edges = np.cumsum(steady.to_numpy())
        for e in edges[:-1]:
            ax.axhline(e, color="black", lw=0.8, ls="--")
    ax.set_ylim(0, 1)
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), frameon=False, fontsize=8)
    return finish(ax, title="Customer mix by relationship stage (dashed: steady state)",
                  xlabel="period", ylabel="share of customers")


def leaky_bucket_flows(path: pd.DataFrame, steady: float | None = None, ax=None):
    """Customer base over time with acquisitions in and losses out (the leaky bucket)."""
    if not isinstance(path, pd.DataFrame) or "end" not in path:
        raise TypeError("path must be the DataFrame returned by relationships.leaky_bucket")
    ax = new_axes(ax)
    ax.plot(path["period"], path["end"], color=PALETTE[0], lw=2, label="customers")
    # one step patch per flow (a bar per period, drawn as a single artist)
    edges = np.append(path["period"].to_numpy(dtype=float), path["period"].iloc[-1] + 1) - 0.5
    ax.stairs(path["acquired"].to_numpy(dtype=float), edges, fill=True, color=PALETTE[2],
              alpha=0.6, label="in: acquired")
    ax.stairs(-path["lost"].to_numpy(dtype=float), edges, fill=True, color=HIGHLIGHT,
              alpha=0.6, label="out: lost")
    if steady is not None:
        ax.axhline(steady, color=MUTED, ls="--", label=f"steady state {steady:,.0f}")
    ax.axhline(0, color="black", lw=0.6)
    ax.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    return finish(ax, title="The leaky bucket: in through the front door, out the back",
                  xlabel="period", ylabel="customers")


def uplift_vs_fixed_costs(shares, uplifts, ax=None, *, current: tuple[float, float] | None = None):
    """Profit gain from a 5-point defection cut against the fixed-cost share, with 25-100 %.

    ``current`` = (share, uplift) marks one firm's position on the curve.
    """
    shares, uplifts = np.asarray(shares, float), np.asarray(uplifts, float)
    ax = new_axes(ax)
    ax.plot(shares * 100, uplifts * 100, color=PALETTE[0], lw=2)
    ax.axhspan(25, 100, color=PALETTE[1], alpha=0.2)
    ax.text(1, 97, "textbook: 25-100 %", va="top", fontsize=8)  # labelled in place: no legend
    top = max(120, float(np.nanmax(uplifts)) * 100 * 1.05)
    if current is not None:
        ax.plot(current[0] * 100, current[1] * 100, "o", color=HIGHLIGHT)
        left = current[0] < 0.5  # label on the side with room, above the curve
        high = current[1] * 100 > 0.85 * top  # near the top: below the point, not in the title
        ax.annotate(f"your firm: +{current[1]:.0%}", (current[0] * 100, current[1] * 100),
                    xytext=(6 if left else -6, -6 if high else 6), textcoords="offset points",
                    ha="left" if left else "right", va="top" if high else "bottom",
                    fontsize=8, color=HIGHLIGHT)
    ax.set_ylim(0, top)
    return finish(ax, title="When does 5 % more retention\nadd 25-100 % profit?",
                  xlabel="fixed costs as % of contribution", ylabel="profit gain (%)")


def _chain_layout(links) -> dict[str, tuple[float, float]]:
    """Columns by depth in the chain; variables of the same depth stacked vertically."""
    depth: dict[str, int] = {}
    for outcome, predictors in links:
        for p in predictors:
            depth.setdefault(p, 0)
        depth[outcome] = 1 + max(depth[p] for p in predictors)
    columns: dict[int, list[str]] = {}
    for name, d in depth.items():
        columns.setdefault(d, []).append(name)
    pos = {}
    for d, names in columns.items():
        for k, name in enumerate(names):
            pos[name] = (float(d), 1.0 + 1.2 * ((len(names) - 1) / 2 - k))
    return pos


def profit_chain_diagram(chain, truth: dict | None = None, ax=None):
    """The service-profit chain as boxes and arrows, each arrow labelled with its estimate.

    ``chain`` is :func:`coursekit.models.relationships.profit_chain`; ``truth`` (optional)
    maps ``(outcome, predictor)`` to the generating coefficient. An arrow is blue when its 95 %
    interval covers the truth (or, without a truth, excludes 0), vermilion otherwise.
    """
    paths = getattr(chain, "paths", None)
    if not isinstance(paths, pd.DataFrame):
        raise TypeError("chain must be the result of profit_chain")
    pos = _chain_layout(chain.links)
    ax = new_axes(ax, figsize=(12, 4.2))
    for name, (x, y) in pos.items():
        ax.text(x, y, name.replace("_", "\n"), ha="center", va="center", fontsize=8.5,
                bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": PALETTE[0], "lw": 1.4})
    for (outcome, predictor), row in paths.iterrows():
        (x0, y0), (x1, y1) = pos[predictor], pos[outcome]
        true = None if truth is None else truth.get((outcome, predictor))
        ok = (row["ci_low"] <= true <= row["ci_high"]) if true is not None else \
            (row["ci_low"] > 0 or row["ci_high"] < 0)
        colour = PALETTE[0] if ok else HIGHLIGHT
        ax.annotate("", xy=(x1 - 0.3, y1), xytext=(x0 + 0.3, y0),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.6})
        label = f"{row['coef']:.3g}\n[{row['ci_low']:.3g}, {row['ci_high']:.3g}]"
        if true is not None:
            label += f"\ntrue {true:g}"
        ax.text((x0 + x1) / 2, (y0 + y1) / 2 + (0.12 if y0 == y1 else 0.0), label,
                ha="center", va="bottom" if y0 == y1 else "center", fontsize=7, color=colour,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    xs = [x for x, _ in pos.values()]
    ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    ax.set_ylim(-0.2, 2.4)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[["left", "bottom"]].set_visible(False)
    return finish(ax, title="The service-profit chain: one regression per link "
                            "(slope [95% interval], per unit of the cause)",
                  xlabel="inside the firm (left) to customers and profit (right)",
                  ylabel="links of the chain")
