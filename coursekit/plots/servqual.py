"""Figures of module 07 (the gaps model and SERVQUAL)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.models.servqual.provider_gaps import GapAudit
from coursekit.models.servqual import ZoneOfTolerance
from coursekit.models.servqual.psychometrics import FactorStructure, difference_score_reliability
from coursekit.models.servqual.statistics import DriverAnalysis
from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["gap_model_diagram", "expectation_perception", "driver_coefficients",
           "zone_of_tolerance_chart", "importance_performance_matrix", "gap_heatmap",
           "gap_audit_chart", "incident_share_bars", "nps_chart", "penalty_reward_chart",
           "factor_loadings_heatmap", "difference_score_curves"]

_POSITION_COLOUR = {"below": HIGHLIGHT, "within": PALETTE[0], "above": PALETTE[2]}


def _box(ax, x, y, text, colour):
    ax.text(x, y, text, ha="center", va="center", fontsize=8.5, wrap=True,
            bbox={"boxstyle": "round,pad=0.5", "fc": "white", "ec": colour, "lw": 1.5})


def _gap(ax, start, end, label):
    ax.annotate("", xy=end, xytext=start,
                arrowprops={"arrowstyle": "<->", "color": HIGHLIGHT, "lw": 1.4})
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    ax.text(mid[0] + 0.15, mid[1], label, color=HIGHLIGHT, fontsize=8.5, va="center",
            fontweight="bold")


def gap_model_diagram(ax=None):
    """The five-gap model (textbook 5.1.11-5.1.16): customer side above, provider side below."""
    ax = new_axes(ax, figsize=(7.5, 6))
    boxes = {
        "expected": (3.0, 9.0, "Expected service\n(customer expectations)"),
        "perceived": (3.0, 7.0, "Perceived service"),
        "delivery": (3.0, 5.0, "Service delivery"),
        "specs": (3.0, 3.0, "Service quality specifications\n(designs and standards)"),
        "management": (3.0, 1.0, "Management perceptions of\ncustomer expectations"),
        "communication": (7.2, 4.3, "External communications\nto customers"),
    }
    for key, (x, y, text) in boxes.items():
        _box(ax, x, y, text, PALETTE[4] if key in ("expected", "perceived") else PALETTE[0])
    ax.axhline(6.0, color=MUTED, ls="--", lw=1)
    ax.text(8.9, 6.1, "CUSTOMER", ha="right", va="bottom", fontsize=7.5, color=MUTED)
    ax.text(8.9, 5.9, "PROVIDER", ha="right", va="top", fontsize=7.5, color=MUTED)
    _gap(ax, (4.4, 8.7), (4.4, 7.3), "Gap 5: customer gap")
    _gap(ax, (4.5, 4.7), (4.5, 3.4), "Gap 3:\nperformance")  # two lines: clear of the box
    _gap(ax, (4.5, 2.6), (4.5, 1.4), "Gap 2: policy")
    _gap(ax, (4.45, 4.9), (5.9, 4.45), "")
    ax.text(5.4, 5.1, "Gap 4:\ncommunication", color=HIGHLIGHT, fontsize=8.5, ha="center",
            va="bottom", fontweight="bold")
    ax.annotate("", xy=(0.55, 1.0), xytext=(0.55, 9.0),
                arrowprops={"arrowstyle": "<->", "color": HIGHLIGHT, "lw": 1.4})
    ax.text(0.7, 5.0, "Gap 1:\nknowledge\n(listening)", color=HIGHLIGHT, fontsize=8.5,
            va="center", fontweight="bold")
    ax.annotate("", xy=(4.6, 9.0), xytext=(7.6, 4.9),
                arrowprops={"arrowstyle": "->", "color": MUTED, "lw": 1, "ls": ":"})
    ax.text(6.4, 7.4, "promises shape\nexpectations", fontsize=7.5, color=MUTED)
    ax.set_xlim(0, 9)
    ax.set_ylim(0, 10)
    ax.set_xticks([])
    ax.set_yticks([])
    return finish(ax, title="The gap model of service quality (5 gaps)",
                  xlabel="gaps 1-4: provider gaps; gap 5 closes only when gaps 1-4 close",
                  ylabel="customer side (top) and provider side (bottom)")


def expectation_perception(expectations: pd.Series, perceptions: pd.Series, ax=None, *,
                           title: str = "Expectations vs perceptions per dimension"):
    """Dumbbell chart: mean E and mean P per dimension (or item), labelled with the gap P - E."""
    e, p = pd.Series(expectations, dtype=float), pd.Series(perceptions, dtype=float)
    if not e.index.equals(p.index):
        raise ValueError("expectations and perceptions must have the same index (dimensions)")
    ax = new_axes(ax)
    y = np.arange(len(e))
    for yi, (ev, pv) in enumerate(zip(e, p)):
        ax.plot([ev, pv], [yi, yi], color=MUTED, lw=2, zorder=1)
        ax.annotate(f"{pv - ev:+.2f}", (max(ev, pv), yi), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8,
                    color=HIGHLIGHT if pv < ev else PALETTE[2])
    ax.scatter(e, y, color=PALETTE[1], label="expectation (E)", zorder=2, s=45)
    ax.scatter(p, y, color=PALETTE[0], label="perception (P)", zorder=2, s=45, marker="D")
    ax.set_yticks(y, [str(i) for i in e.index])
    ax.invert_yaxis()
    low = min(e.min(), p.min())
    ax.set_xlim(max(1, np.floor(low - 0.5)), 7.4)
    ax.legend(loc="lower left", frameon=False, fontsize=8)
    return finish(ax, title=title, xlabel="mean rating (1-7 scale); label = gap P - E",
                  ylabel="dimension")


def driver_coefficients(analysis: DriverAnalysis, ax=None):
    """OLS coefficients of the dimensions with their (robust) 95% confidence intervals."""
    if not isinstance(analysis, DriverAnalysis):
        raise TypeError("analysis must be the result of servqual_stats.quality_drivers")
    ax = new_axes(ax)
    c = analysis.coefficients.drop(index="const").sort_values("coef")
    y = np.arange(len(c))
    top = c["coef"].idxmax()
    colours = [HIGHLIGHT if name == top else PALETTE[0] for name in c.index]
    ax.errorbar(c["coef"], y, xerr=[c["coef"] - c["ci_low"], c["ci_high"] - c["coef"]],
                fmt="none", ecolor=MUTED, capsize=3)
    ax.scatter(c["coef"], y, color=colours, zorder=3, s=45)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, c.index)
    return finish(ax, title=f"Drivers of overall quality (OLS, {analysis.cov_type} errors, "
                            f"R² = {analysis.r_squared:.2f})",
                  xlabel="change in overall quality per scale point (95% CI)",
                  ylabel="dimension")


def zone_of_tolerance_chart(adequate: pd.Series, desired: pd.Series, perceived: pd.Series,
                            zone: ZoneOfTolerance | None = None, ax=None, *,
                            title: str = "Zone of tolerance per dimension"):
    """Band from adequate to desired level per dimension, perceived level marked and coloured
    by its position (below / within / above the zone)."""
    a, d, p = (pd.Series(s, dtype=float) for s in (adequate, desired, perceived))
    if zone is None:
        from coursekit.models.servqual import zone_of_tolerance

        zone = zone_of_tolerance(a, d, p)
    ax = new_axes(ax, figsize=(8.4, 3.6))  # wider: the legend stands right of the bands
    y = np.arange(len(a))
    ax.barh(y, d - a, left=a, height=0.5, color=PALETTE[4], alpha=0.45,
            label="zone of tolerance (adequate to desired)")
    positions = np.asarray(zone.position)
    for pos, colour in _POSITION_COLOUR.items():
        mask = positions == pos
        if mask.any():
            ax.scatter(p[mask], y[mask], color=colour, marker="D", s=50, zorder=3,
                       label=f"perceived: {pos} the zone")
    ax.set_yticks(y, [str(i) for i in a.index])
    ax.invert_yaxis()
    ax.set_xlim(max(1, np.floor(min(a.min(), p.min()) - 0.5)), 7.2)
    # outside the axes: inside, it covered the band of the last dimension (empathy)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=7.5)
    return finish(ax, title=title, xlabel="service level (1-7 scale)", ylabel="dimension")


def importance_performance_matrix(ipa: pd.DataFrame, ax=None, *,
                                  title: str = "Importance-performance matrix"):
    """Scatter of importance against performance, cut lines at the means, quadrant names."""
    for col in ("importance", "performance", "quadrant"):
        if col not in ipa:
            raise ValueError("ipa must be the result of servqual.importance_performance")
    ax = new_axes(ax)
    colours = {"concentrate here": HIGHLIGHT, "keep up the good work": PALETTE[2],
               "low priority": MUTED, "possible overkill": PALETTE[1]}
    ax.scatter(ipa["performance"], ipa["importance"], s=60, zorder=3,
               c=[colours[q] for q in ipa["quadrant"]])
    for name, row in ipa.iterrows():
        ax.annotate(str(name), (row["performance"], row["importance"]), xytext=(5, 4),
                    textcoords="offset points", fontsize=8)
    ax.axvline(ipa["performance"].mean(), color=MUTED, ls="--", lw=1)
    ax.axhline(ipa["importance"].mean(), color=MUTED, ls="--", lw=1)
    ax.margins(0.25)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    for (x, y, ha, va), text in zip(((x0, y1, "left", "top"), (x1, y1, "right", "top"),
                                     (x0, y0, "left", "bottom"), (x1, y0, "right", "bottom")),
                                    ("concentrate here", "keep up the good work",
                                     "low priority", "possible overkill")):
        ax.text(x, y, text, ha=ha, va=va, fontsize=8, color=colours[text], style="italic")
    return finish(ax, title=title, xlabel="performance (mean perception, 1-7)",
                  ylabel="importance (mean points of 100)")


def gap_heatmap(table: pd.DataFrame, ax=None, *, title: str = "Gap P - E by branch and dimension",
                label: str = "mean gap (scale points)"):
    """Heatmap of a rows x dimensions table of gaps (diverging, colour-blind-safe PuOr)."""
    import seaborn as sns

    if not isinstance(table, pd.DataFrame):
        raise TypeError("table must be a DataFrame (rows x dimensions)")
    # wide enough that the dimension names stand level side by side next to long row names
    ax = new_axes(ax, figsize=(9.5, 0.5 * len(table) + 1.6))
    limit = float(np.abs(table.to_numpy(dtype=float)).max()) or 1.0
    sns.heatmap(table.astype(float), ax=ax, cmap="PuOr", center=0, vmin=-limit, vmax=limit,
                annot=True, fmt=".2f", linewidths=0.5, cbar_kws={"label": label})
    ax.tick_params(axis="x", labelrotation=0, labelsize=9)  # level, and clear of each other
    return finish(ax, title=title, xlabel="dimension", ylabel=table.index.name or "row")


def gap_audit_chart(audit: GapAudit, ax=None):
    """Factor scores of a provider-gap audit, most serious first, coloured by gap."""
    if not isinstance(audit, GapAudit):
        raise TypeError("audit must be the result of gap_audit")
    ax = new_axes(ax, figsize=(7.5, 5))
    f = audit.factors
    y = np.arange(len(f))
    colours = [PALETTE[int(g) - 1] for g in f["gap"]]
    ax.barh(y, f["score"], color=colours)
    ax.set_yticks(y, [f"{k} {t}" for k, t in zip(f.index, f["title"])], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(1, 5)
    for g in sorted(f["gap"].unique()):
        ax.barh([np.nan], [np.nan], color=PALETTE[int(g) - 1], label=f"gap {g}")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    return finish(ax, title="Provider-gap audit: which factors to fix first",
                  xlabel="mean severity (1 = not a problem, 5 = serious problem)",
                  ylabel="key factor")


def incident_share_bars(shares: pd.DataFrame, ax=None):
    """Share of each group among satisfying and among dissatisfying incidents (the table of
    ``servqual.incident_shares``)."""
    if not isinstance(shares, pd.DataFrame) or not {"share_satisfying",
                                                    "share_dissatisfying"} <= set(shares):
        raise TypeError("shares must come from servqual.incident_shares (columns "
                        "share_satisfying and share_dissatisfying)")
    ax = new_axes(ax)
    y = np.arange(len(shares))
    ax.barh(y - 0.2, shares["share_satisfying"], height=0.4, color=PALETTE[2],
            label="satisfying incidents")
    ax.barh(y + 0.2, shares["share_dissatisfying"], height=0.4, color=HIGHLIGHT,
            label="dissatisfying incidents")
    ax.set_yticks(y, shares.index)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return finish(ax, title="Critical incidents: what makes encounters good or bad",
                  xlabel="share of the incidents of each outcome (0-1)",
                  ylabel="group of employee behaviour (BBT 1990)")


def nps_chart(table: pd.DataFrame, ax=None):
    """NPS per segment with its bootstrap interval (the table of ``servqual.nps_by``)."""
    if not isinstance(table, pd.DataFrame) or not {"nps", "low", "high"} <= set(table):
        raise TypeError("table must come from servqual.nps_by (columns nps, low, high)")
    ax = new_axes(ax)
    y = np.arange(len(table))
    ax.errorbar(table["nps"], y, xerr=[table["nps"] - table["low"], table["high"] - table["nps"]],
                fmt="o", color=PALETTE[0], ecolor=MUTED, capsize=3, label="NPS, 95 % interval")
    ax.axvline(0, color=PALETTE[7], lw=0.8)
    ax.set_yticks(y, [str(i) for i in table.index])
    ax.invert_yaxis()
    ax.set_xlim(-100, 100)
    ax.legend(frameon=False, fontsize=8)
    return finish(ax, title="Net Promoter Score by segment",
                  xlabel="NPS (% promoters - % detractors, points)", ylabel="segment")


def penalty_reward_chart(prca: pd.DataFrame, ax=None):
    """Penalty (left, when an attribute performs badly) and reward (right, when it performs
    well) of each attribute (the table of ``servqual.penalty_reward``)."""
    if not isinstance(prca, pd.DataFrame) or not {"penalty", "reward"} <= set(prca):
        raise TypeError("prca must come from servqual.penalty_reward")
    ax = new_axes(ax)
    y = np.arange(len(prca))
    ax.barh(y, prca["penalty"], xerr=1.96 * prca.get("penalty_se", 0), color=HIGHLIGHT,
            label="penalty: low performance", ecolor=MUTED)
    ax.barh(y, prca["reward"], xerr=1.96 * prca.get("reward_se", 0), color=PALETTE[2],
            label="reward: high performance", ecolor=MUTED)
    ax.axvline(0, color=PALETTE[7], lw=0.8)
    ax.set_yticks(y, [f"{i} ({t})" for i, t in zip(prca.index, prca.get("type", [""] * len(y)))])
    ax.invert_yaxis()
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18),
              ncols=2)
    return finish(ax, title="Penalty-reward contrast (asymmetric impact)",
                  xlabel="change in the outcome (scale points, 95 % CI)", ylabel="attribute")
def factor_loadings_heatmap(structure: FactorStructure, ax=None):
    """Varimax loadings of the 22 items (rows, grouped by dimension) on the factors (columns).

    ``structure`` is :func:`coursekit.models.servqual.factor_structure`; each factor is named
    after the dimension most of its items belong to. Five clean blocks on the diagonal mean the
    five dimensions came back; loadings spread over several factors mean they did not.
    """
    import seaborn as sns

    from coursekit.models.servqual.instrument import _ITEM_DIM

    if not isinstance(structure, FactorStructure):
        raise TypeError("structure must be the result of factor_structure")
    loadings = structure.loadings
    order = [f for d in dict.fromkeys(_ITEM_DIM) for f in structure.factor_dimension.index
             if structure.factor_dimension[f] == d and f in loadings.columns]
    order += [f for f in loadings.columns if f not in order]
    table = loadings[order].copy()
    table = table * np.where(table.sum() < 0, -1.0, 1.0)  # a factor's sign is arbitrary
    table.columns = [f"{f}\n{structure.factor_dimension.get(f, '')}" for f in order]
    table.index = [f"{item} {dim}" for item, dim in zip(loadings.index, _ITEM_DIM)]
    ax = new_axes(ax, figsize=(7.0, 7.5))
    sns.heatmap(table.astype(float), ax=ax, cmap="PuOr", vmin=-1, vmax=1,
                annot=True, fmt=".2f", annot_kws={"fontsize": 7}, linewidths=0.3,
                cbar_kws={"label": "loading (correlation of item with factor)"})
    ax.tick_params(axis="y", labelsize=7)
    return finish(ax, title=f"Factor loadings (varimax): {structure.hit_rate:.0%} of items "
                            "with their own dimension",
                  xlabel="factor (named after its majority dimension)",
                  ylabel="item and its SERVQUAL dimension")


def difference_score_curves(table: pd.DataFrame, ax=None):
    """Reliability of the gap ``P - E`` as the correlation of E and P grows, per dimension.

    ``table`` is :func:`coursekit.models.servqual.difference_score_table`; each line uses the
    dimension's alphas and standard deviations, the dot marks the survey's own ``r_EP``. The
    dashed lines are the reliabilities of E and P alone.
    """
    needed = {"alpha_E", "alpha_P", "r_EP", "sd_E", "sd_P", "reliability_gap"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        raise TypeError("table must be the DataFrame of difference_score_table")
    ax = new_axes(ax, figsize=(6.8, 4.0))
    grid = np.linspace(0.0, 0.8, 41)
    for colour, (dim, row) in zip(PALETTE, table.iterrows()):
        curve = [difference_score_reliability(row["alpha_E"], row["alpha_P"], r,
                                              sd_e=row["sd_E"], sd_p=row["sd_P"]) for r in grid]
        ax.plot(grid, curve, color=colour, lw=1.5, label=str(dim))
        ax.plot([row["r_EP"]], [row["reliability_gap"]], "o", color=colour, ms=6)
    ax.axhline(float(table["alpha_P"].mean()), color=MUTED, ls="--", lw=1)
    ax.axhline(float(table["alpha_E"].mean()), color=MUTED, ls=":", lw=1)
    ax.text(0.01, float(table["alpha_P"].mean()), "mean alpha of P", fontsize=8, va="bottom",
            color="black")
    ax.set_ylim(0, 1)
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    return finish(ax, title="The more E and P correlate, the less reliable their difference",
                  xlabel="correlation r_EP of expectations with perceptions (scale -1 to 1)",
                  ylabel="reliability of the gap P - E (0-1 scale)")
