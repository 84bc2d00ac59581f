"""Figures of module 06: the whole house of quality, technical priorities, Kano Better/Worse."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Polygon, Rectangle

from coursekit.models.qfd import HouseOfQuality
from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes, new_figure

__all__ = ["house_of_quality", "technical_priorities", "kano_better_worse", "rank_slope_chart",
           "kano_importance_chart"]

_ARROWS = {"max": "\u2191", "min": "\u2193", "target": "\u25CB"}
_ROOF_TEXT = {2.0: "++", 1.0: "+", -1.0: "\u2212", -2.0: "\u2212\u2212"}
# Kano categories in the Okabe-Ito palette
_KANO_COLOURS = {"attractive": PALETTE[2], "one-dimensional": PALETTE[0],
                 "must-be": PALETTE[5], "indifferent": MUTED, "reverse": PALETTE[3],
                 "questionable": PALETTE[7]}


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _check_house(house) -> None:
    if not isinstance(house, HouseOfQuality):
        raise TypeError("house must be a coursekit.models.qfd.HouseOfQuality; got "
                        f"{type(house).__name__}")


def house_of_quality(house: HouseOfQuality, *, weights="importance", normalise: bool = False,
                     title: str | None = None):
    """Draw the whole house of quality in one figure and return the Figure.

    Left: the requirements (whats) and their importance. Centre: the relationship matrix
    (shaded cells with the symbols: filled circle = strong 9, open circle = medium 3,
    triangle = weak 1 on the default scale; otherwise the number). Above: the characteristics
    (hows) with their direction of improvement and the roof as a triangle of correlations
    (green + synergy, vermilion - trade-off). Right: the competitive assessment (customers'
    1-5 ratings of us, the competitors and the target). Basement: absolute and relative
    technical importance, rank, and the target value (how much) of each characteristic.
    """
    _check_house(house)
    m, k = len(house.requirements), len(house.characteristics)
    rel = house.relationships
    pri = house.priorities(weights=weights, normalise=normalise)
    has_comp = house.current is not None or house.competitors is not None
    header = 4.2                        # height of the column-name band
    roof_h = k / 2 + 0.2
    comp_w = 5.0 if has_comp else 0.0
    basement = 3 + (3 if house.technical_targets else 0)
    left = 5.5                           # room for the requirement names + importance

    width = 0.5 * (left + k + comp_w + 1.5) + 1
    height = 0.42 * (m + header + roof_h + basement) + 1
    ax = new_figure((max(width, 7), max(height, 5))).subplots()
    ax.set_aspect("equal")
    ax.axis("off")

    def y_of(i):                          # centre of requirement row i (row 0 at the top)
        return m - i - 0.5

    # --- relationship matrix -----------------------------------------------------------
    vmax = max(float(rel.max()), 1.0)
    default = house.scale == {"strong": 9.0, "medium": 3.0, "weak": 1.0}
    for i in range(m):
        for j in range(k):
            r = rel[i, j]
            ax.add_patch(Rectangle((j, m - i - 1), 1, 1, facecolor=plt.cm.Blues(0.55 * r / vmax)
                                   if r > 0 else "white", edgecolor=MUTED, lw=0.6))
            if r == 0:
                continue
            if default and r in (9.0, 3.0, 1.0):
                marker = {9.0: "o", 3.0: "o", 1.0: "^"}[r]
                face = "black" if r == 9.0 else "white"
                ax.scatter(j + 0.5, y_of(i), s=55, marker=marker, facecolor=face,
                           edgecolor="black", linewidth=1, zorder=3)
            else:
                ax.text(j + 0.5, y_of(i), f"{r:g}", ha="center", va="center", fontsize=8)

    # --- requirements and importance ---------------------------------------------------
    ax.add_patch(Rectangle((-1, 0), 1, m, facecolor="#f2f2f2", edgecolor=MUTED, lw=0.6))
    ax.text(-0.5, m + 0.15, "weight", ha="center", va="bottom", fontsize=7, rotation=90)
    for i, (name, w) in enumerate(zip(house.requirements, house.importance)):
        ax.text(-1.15, y_of(i), _wrap(name, 26), ha="right", va="center", fontsize=8)
        ax.text(-0.5, y_of(i), f"{w:g}", ha="center", va="center", fontsize=8,
                fontweight="bold")
    ax.text(-1.15, m + 0.3, "Customer requirements (whats)", ha="right", va="bottom",
            fontsize=9, fontweight="bold")

    # --- characteristics, directions -----------------------------------------------------
    for j, name in enumerate(house.characteristics):
        ax.add_patch(Rectangle((j, m), 1, header, facecolor="#f7f7f7", edgecolor=MUTED,
                               lw=0.6))
        ax.text(j + 0.5, m + 0.9, _wrap(name, 18), ha="center", va="bottom", rotation=90,
                fontsize=7.5)
        if house.directions:
            ax.text(j + 0.5, m + 0.45, _ARROWS[house.directions[j]], ha="center",
                    va="center", fontsize=10)
    top = m + header

    # --- the roof --------------------------------------------------------------------------
    ax.add_patch(Polygon([(0, top), (k / 2, top + k / 2), (k, top)], closed=True,
                         facecolor="white", edgecolor=MUTED, lw=0.8))
    roof = house.roof_frame().to_numpy()
    for a in range(k):
        for b in range(a + 1, k):
            cx, cy = (a + b + 1) / 2, top + (b - a) / 2
            diamond = [(cx - 0.5, cy), (cx, cy + 0.5), (cx + 0.5, cy), (cx, cy - 0.5)]
            val = roof[a, b]
            colour = "white" if val == 0 else (PALETTE[2] if val > 0 else HIGHLIGHT)
            ax.add_patch(Polygon(diamond, closed=True, facecolor=colour,
                                 alpha=0.35 if val else 1, edgecolor=MUTED, lw=0.4))
            if val:
                ax.text(cx, cy, _ROOF_TEXT.get(float(val), f"{val:g}"), ha="center",
                        va="center", fontsize=8, fontweight="bold")
    ax.text(k / 2, top + k / 2 + 0.3, "Roof: correlations among the hows", ha="center",
            va="bottom", fontsize=8)

    # --- competitive assessment --------------------------------------------------------
    if has_comp:
        x0 = k + 0.8

        def x_of(rating):
            return x0 + (np.asarray(rating, dtype=float) - 1)

        for i in range(m):
            ax.plot([x_of(1), x_of(5)], [y_of(i)] * 2, color="#dddddd", lw=0.8, zorder=1)
        series = []
        if house.current is not None:
            series.append(("us (current)", house.current, PALETTE[0], "o"))
        if house.competitors is not None:
            for c, (name, col) in enumerate(house.competitors.items()):
                series.append((name, col.to_numpy(), PALETTE[(1, 3, 4, 6)[c % 4]],
                               ("s", "D", "v", "P")[c % 4]))
        if house.targets is not None:
            series.append(("target", house.targets, PALETTE[2], "*"))
        for label, vals, colour, marker in series:
            ax.plot(x_of(vals), [y_of(i) for i in range(m)], marker=marker, color=colour,
                    lw=1, ms=6 if marker != "*" else 9, label=label, zorder=3)
        for r in range(1, 6):
            ax.text(x_of(r), -0.1, str(r), ha="center", va="top", fontsize=7)
        ax.text(x_of(3), m + 0.3, "Competitive assessment\n(customer rating 1-5)",
                ha="center", va="bottom", fontsize=8)
        ax.legend(loc="upper center", bbox_to_anchor=(0.82, 0.18), frameon=False, fontsize=7,
                  ncol=1)

    # --- basement ----------------------------------------------------------------------
    rows = [("technical importance", [f"{v:.3g}" for v in pri["technical_importance"]]),
            ("relative importance", [f"{v:.0%}" for v in pri["relative_importance"]]),
            ("rank", [str(v) for v in pri["rank"]])]
    for r, (label, texts) in enumerate(rows):
        y = -r - 0.5
        ax.text(-1.15, y, label, ha="right", va="center", fontsize=8, fontweight="bold")
        for j, text in enumerate(texts):
            best = pri["rank"].iloc[j] == 1
            ax.add_patch(Rectangle((j, -r - 1), 1, 1, facecolor="#fde0c5" if best else
                                   "white", edgecolor=MUTED, lw=0.6))
            ax.text(j + 0.5, y, text, ha="center", va="center", fontsize=7,
                    fontweight="bold" if best else "normal")
    if house.technical_targets:
        ax.text(-1.15, -4.5, "target value\n(how much)", ha="right", va="center", fontsize=8,
                fontweight="bold")
        for j, text in enumerate(house.technical_targets):
            ax.add_patch(Rectangle((j, -6), 1, 3, facecolor="white", edgecolor=MUTED, lw=0.6))
            ax.text(j + 0.5, -4.5, _wrap(text, 12), ha="center", va="center", rotation=90,
                    fontsize=7)
    ax.set_xlim(-left - 1, k + comp_w + 0.8)
    ax.set_ylim(-basement - 0.3, top + roof_h + 0.8)
    label = "customer importance" if isinstance(weights, str) and weights == "importance" \
        else "planning weights" if isinstance(weights, str) else "custom weights"
    ax.set_title(title or f"House of quality (basement weighted by {label})")
    return ax.figure


def technical_priorities(house: HouseOfQuality, *, weights="importance",
                         normalise: bool = False, ax=None):
    """Relative technical importance of the hows as sorted horizontal bars (top = rank 1)."""
    _check_house(house)
    pri = house.priorities(weights=weights, normalise=normalise)
    pri = pri.sort_values(["rank", "technical_importance"], ascending=[True, False])
    ax = new_axes(ax)
    colours = [HIGHLIGHT if r == 1 else PALETTE[0] for r in pri["rank"]]
    y = np.arange(len(pri))
    ax.barh(y, pri["relative_importance"] * 100, color=colours)
    for yi, (ri, ti) in enumerate(zip(pri["relative_importance"],
                                      pri["technical_importance"])):
        ax.annotate(f"{ri:.1%}  (TI {ti:.3g})", (ri * 100, yi), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, pri.index)
    ax.invert_yaxis()
    ax.set_xlim(0, max(pri["relative_importance"].max() * 130, 1))
    return finish(ax, title="Technical priorities (basement of the house)",
                  xlabel="relative technical importance (% of total)",
                  ylabel="characteristic (how)")


def kano_better_worse(coefficients: pd.DataFrame, categories=None, ax=None):
    """Kano Better/Worse scatter: |Worse| on x, Better on y, one labelled point per feature.

    The 0.5 lines split the plane into the usual four regions (attractive top-left,
    one-dimensional top-right, must-be bottom-right, indifferent bottom-left; Berger et al.
    1993). ``categories`` (e.g. the ``category`` column of ``kano_classify``) colours points.
    """
    if not isinstance(coefficients, pd.DataFrame) or not {"better", "worse"} <= set(
            coefficients.columns):
        raise TypeError("coefficients must be the DataFrame of kano_coefficients (columns "
                        "'better' and 'worse')")
    ax = new_axes(ax, figsize=(6.4, 5.2))
    x = -coefficients["worse"].to_numpy(dtype=float)
    y = coefficients["better"].to_numpy(dtype=float)
    for (lx, ly, text) in ((0.25, 0.97, "attractive"), (0.75, 0.97, "one-dimensional"),
                           (0.75, 0.03, "must-be"), (0.25, 0.03, "indifferent")):
        ax.text(lx, ly, text, ha="center", va="top" if ly > 0.5 else "bottom", fontsize=9,
                color=_KANO_COLOURS[text], fontstyle="italic")
    ax.axhline(0.5, color=MUTED, lw=0.8, ls="--")
    ax.axvline(0.5, color=MUTED, lw=0.8, ls="--")
    if categories is not None:
        cats = pd.Series(categories).reindex(coefficients.index)
        colours = [_KANO_COLOURS.get(str(c), "black") for c in cats]
        for cat in dict.fromkeys(cats):
            ax.scatter([], [], color=_KANO_COLOURS.get(str(cat), "black"), label=str(cat))
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8,
                  title="modal category", title_fontsize=8)
    else:
        colours = [PALETTE[0]] * len(x)
    ax.scatter(x, y, c=colours, s=45, zorder=3, edgecolor="black", linewidth=0.5)
    placed: list[tuple[float, float]] = []          # stagger labels of clustered points
    for idx in np.lexsort((-y, x)):
        lx, ly = x[idx] + 0.02, y[idx] + 0.01
        while any(abs(lx - px) < 0.25 and abs(ly - py) < 0.035 for px, py in placed):
            ly -= 0.035
        placed.append((lx, ly))
        ax.annotate(str(coefficients.index[idx]), (x[idx], y[idx]), xytext=(lx, ly),
                    textcoords="data", fontsize=8, va="center",
                    arrowprops={"arrowstyle": "-", "color": MUTED, "lw": 0.5})
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return finish(ax, title="Kano: satisfaction (Better) vs dissatisfaction (|Worse|)",
                  xlabel="|Worse| = (O + M) / (A + O + M + I)",
                  ylabel="Better = (A + O) / (A + O + M + I)")


def rank_slope_chart(sensitivity, ax=None):
    """Slope chart of each how's priority rank under each coding of the relationship symbols.

    ``sensitivity`` is the result of :func:`coursekit.models.qfd.scale_sensitivity`. One line
    per characteristic, rank 1 at the top; hows whose rank changes are coloured, the others
    grey, so a glance shows which priorities depend on the numbers put on the symbols.
    """
    ranks = getattr(sensitivity, "ranks", None)
    if not isinstance(ranks, pd.DataFrame):
        raise TypeError("sensitivity must be the result of scale_sensitivity")
    ax = new_axes(ax, figsize=(7.5, 4.2))
    x = np.arange(ranks.shape[1])
    moving = iter(PALETTE)
    for how, row in ranks.iterrows():
        moves = row.nunique() > 1
        colour = next(moving, HIGHLIGHT) if moves else MUTED
        ax.plot(x, row.to_numpy(dtype=float), "o-", color=colour, lw=2.2 if moves else 1.0,
                ms=5, zorder=3 if moves else 2)
        ax.annotate(str(how), (x[-1], row.iloc[-1]), xytext=(8, 0), textcoords="offset points",
                    va="center", fontsize=8, color=colour if moves else "black")
    ax.set_xticks(x, [f"{name}" for name in ranks.columns])
    ax.set_yticks(range(1, ranks.shape[0] + 1))
    ax.set_ylim(ranks.shape[0] + 0.5, 0.5)
    ax.set_xlim(-0.2, x[-1] + 1.6)
    return finish(ax, title="Do the priorities survive another coding of strong-medium-weak?",
                  xlabel="relationship scale (strong-medium-weak points)",
                  ylabel="priority rank (1 = top)")


def kano_importance_chart(table: pd.DataFrame, ax=None):
    """Mean self-stated importance per feature, bars coloured by the modal Kano category.

    ``table`` is :func:`coursekit.models.qfd.self_stated_importance`; error bars are one
    standard error of the mean. Must-be features rank high on importance although providing
    them adds little satisfaction: importance and category answer different questions.
    """
    if not isinstance(table, pd.DataFrame) or not {"importance", "sd", "n", "category"} <= set(
            table.columns):
        raise TypeError("table must be the DataFrame of self_stated_importance")
    ax = new_axes(ax, figsize=(7.0, 0.42 * len(table) + 1.4))
    y = np.arange(len(table))
    colours = [_KANO_COLOURS.get(str(c), MUTED) for c in table["category"]]
    se = table["sd"].to_numpy(dtype=float) / np.sqrt(table["n"].to_numpy(dtype=float))
    ax.barh(y, table["importance"], color=colours)
    ax.errorbar(table["importance"], y, xerr=se, fmt="none", color="black", capsize=2, lw=1)
    ax.set_yticks(y, table.index)
    ax.invert_yaxis()
    for cat in dict.fromkeys(table["category"]):
        ax.barh([np.nan], [np.nan], color=_KANO_COLOURS.get(str(cat), MUTED), label=str(cat))
    ax.legend(loc="lower right", frameon=False, fontsize=8, title="Kano category",
              title_fontsize=8)
    return finish(ax, title="Self-stated importance within each Kano category",
                  xlabel="mean self-stated importance (rating 1-9)", ylabel="feature")
