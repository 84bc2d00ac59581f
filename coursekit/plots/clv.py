"""Figures of module 04 (customer lifetime value)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_columns
from coursekit.models.clv import TIMINGS
from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["clv_by_retention", "segment_values", "cohort_projection", "weekly_purchases",
           "equity_map"]

_TIMING_LABELS = {
    "start": "start: m(1+d)/(1+d-r)",
    "end": "end: m/(1+d-r)",
    "retained": "retained: m r/(1+d-r)",
}


def clv_by_retention(table: pd.DataFrame, *, points: pd.DataFrame | None = None,
                     answer_key: str | None = "start", ax=None):
    """CLV against retention, one line per timing convention in ``table``.

    ``table`` comes from :func:`coursekit.models.clv.retention_sweep` (a fine grid of retention
    rates draws smooth curves); ``points`` (another sweep, e.g. the HBS rates) is drawn as
    markers with their values; the ``answer_key`` convention is drawn bold.
    """
    timings = [t for t in TIMINGS if isinstance(table, pd.DataFrame) and t in table.columns]
    if not timings:
        raise ValueError("table must be a retention_sweep table with at least one of the "
                         f"columns {list(TIMINGS)}")
    ax = new_axes(ax)
    r = table.index.to_numpy(dtype=float)
    for i, t in enumerate(timings):
        key = t == answer_key
        ax.plot(r * 100, table[t], color=PALETTE[i], lw=2.6 if key else 1.4,
                label=_TIMING_LABELS[t] + ("  (answer key)" if key else ""))
        if points is not None and t in points.columns:
            pr = points.index.to_numpy(dtype=float) * 100
            ax.plot(pr, points[t], "o", color=PALETTE[i], ms=5 if key else 3.5)
            if key:
                for x, y in zip(pr, points[t]):
                    ax.annotate(f"${y:,.0f}", (x, y), xytext=(-4, 6), textcoords="offset points",
                                fontsize=8, ha="right", color=PALETTE[i])
    ax.axhline(0, color=MUTED, lw=0.8)
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return finish(ax, title="What retention does to the value of a customer",
                  xlabel="retention rate per period (%)",
                  ylabel="customer lifetime value (US dollars)")


def segment_values(segments: pd.DataFrame, ax=None):
    """Share of customers against share of customer value for each segment.

    ``segments`` is the result of :func:`coursekit.models.clv.segment_clv` with a
    ``customers`` column (so it has ``customer_share`` and ``value_share``).
    """
    check_columns(segments, "segments", ["customer_share", "value_share"])
    ax = new_axes(ax)
    y = np.arange(len(segments))
    h = 0.38
    ax.barh(y - h / 2, segments["customer_share"] * 100, height=h, color=PALETTE[4],
            label="share of customers")
    ax.barh(y + h / 2, segments["value_share"] * 100, height=h, color=PALETTE[0],
            label="share of customer value")
    for yi, v in zip(y, segments["value_share"]):
        ax.annotate(f"{v:.0%}", (max(v * 100, 0), yi + h / 2), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, [str(i) for i in segments.index])
    ax.invert_yaxis()
    ax.axvline(0, color=MUTED, lw=0.8)
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return finish(ax, title="Not all customers are the same: segment CLV",
                  xlabel="share (%)", ylabel="segment")


def cohort_projection(actual: pd.Series, projected: pd.Series, *, calibration_periods: int,
                      label: str = "cohort", color: str | None = None, ax=None):
    """Customers still active per period: observed (markers) and a model's projection (line).

    The shaded area marks the calibration periods the model was fitted on; later points are
    a true out-of-sample check (Fader & Hardie 2007, "How to project customer retention").
    """
    for name, s in (("actual", actual), ("projected", projected)):
        if not isinstance(s, pd.Series):
            raise TypeError(f"{name} must be a pandas Series indexed by period")
    if not isinstance(calibration_periods, (int, np.integer)) or calibration_periods < 1:
        raise ValueError(f"calibration_periods must be a whole number >= 1; got "
                         f"{calibration_periods!r}")
    ax = new_axes(ax)
    n_lines = len(ax.get_lines()) // 2
    c = color or PALETTE[n_lines % len(PALETTE)]
    ax.plot(projected.index, projected.to_numpy(), color=c, lw=1.6, label=f"{label}: sBG")
    ax.plot(actual.index, actual.to_numpy(), "o", color=c, ms=5, label=f"{label}: actual")
    if not any(p.get_label() == "_calibration" for p in ax.patches):
        ax.axvspan(0, calibration_periods, color=MUTED, alpha=0.15, label="_calibration")
        ax.annotate("fitted on", (calibration_periods / 2, 0.02), xycoords=("data", "axes fraction"),
                    ha="center", fontsize=8, color="dimgray")
    ax.legend(frameon=False, fontsize=8)
    return finish(ax, title="Projected versus actual customers still active",
                  xlabel="years since acquisition", ylabel="customers still active")


def weekly_purchases(actual: pd.Series, expected: pd.Series, *, calibration_end: float,
                     cumulative: bool = True, ax=None):
    """Repeat purchases per week (or cumulated): observed against a model's expectation.

    The vertical line marks the end of the calibration period: to its right the model
    forecasts weeks it has never seen (the holdout check of Fader, Hardie & Lee 2005).
    """
    for name, s in (("actual", actual), ("expected", expected)):
        if not isinstance(s, pd.Series):
            raise TypeError(f"{name} must be a pandas Series indexed by week")
    ax = new_axes(ax)
    a = actual.cumsum() if cumulative else actual
    e = expected.cumsum() if cumulative else expected
    ax.plot(a.index, a.to_numpy(), color="black", lw=1.6, label="actual")
    ax.plot(e.index, e.to_numpy(), color=HIGHLIGHT, lw=1.6, ls="--", label="model")
    ax.axvline(calibration_end, color=MUTED, lw=1, ls=":")
    ax.annotate(" end of calibration", (calibration_end, 0.95), xycoords=("data", "axes fraction"),
                fontsize=8, color="dimgray")
    ax.legend(frameon=False, fontsize=8, loc="lower right" if cumulative else "upper right")
    what = "cumulative repeat purchases" if cumulative else "repeat purchases per week"
    return finish(ax, title=f"Forecast versus actual: {what}", xlabel="week",
                  ylabel=f"{what} (count)")


def equity_map(acquisition_spend, retention_spend, equity, best=None, ax=None):
    """Blattberg & Deighton's customer equity per prospect over acquisition x retention spend
    (``equity[i, j]`` for ``acquisition_spend[i]`` and ``retention_spend[j]``), with the
    optimum marked (``best`` from clv.optimal_spend)."""
    a = np.asarray(acquisition_spend, float)
    r = np.asarray(retention_spend, float)
    z = np.asarray(equity, float)
    if z.shape != (a.size, r.size):
        raise ValueError(f"equity must have shape (len(acquisition_spend), len(retention_spend))"
                         f" = {(a.size, r.size)}; got {z.shape}")
    ax = new_axes(ax, figsize=(6.4, 4.4))
    filled = ax.contourf(r, a, z, levels=12, cmap="cividis")
    lines = ax.contour(r, a, z, levels=[0], colors=[PALETTE[7]], linewidths=1.2)
    ax.clabel(lines, fmt={0: "CE = 0"}, fontsize=7)
    ax.figure.colorbar(filled, ax=ax, label="customer equity per prospect ($)")
    if best is not None:
        ax.plot(best.retention_spend, best.acquisition_spend, marker="*", ms=14,
                color=HIGHLIGHT, ls="none", label="best split")
        ax.legend(frameon=False, fontsize=8, loc="upper right")
    return finish(ax, title="Acquisition vs retention spending (Blattberg & Deighton)",
                  xlabel="retention spend per customer per year ($)",
                  ylabel="acquisition spend per prospect ($)")
