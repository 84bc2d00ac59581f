"""Figures of the BTYD models (module 04): holdout tracking, P(alive) history, heat maps.

Not from the textbook: the figures of Fader, Hardie and Lee (2005), "Counting your customers the
easy way", *Marketing Science* 24(2), and "RFM and CLV", *Journal of Marketing Research* 42(4).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["tracking", "prob_alive_history", "frequency_recency_heatmap", "period_histogram",
           "conditional_expectations", "tracking_comparison", "iso_value_curves"]

_LABELS = {"prob_alive": "P(alive)", "expected_purchases": "expected repeat purchases"}


def tracking(table: pd.DataFrame, *, calibration_end: float, time_unit: str = "week"):
    """Forecast versus actual repeat purchases: per period (left) and cumulative (right).

    ``table`` is the result of :func:`coursekit.models.clv.repeat_purchase_tracking`
    (columns ``actual`` and ``expected``, indexed by period); ``calibration_end`` is the last
    period the model was fitted on (CDNOW: week 39). Returns the Figure.
    """
    import matplotlib.pyplot as plt

    from coursekit.plots.clv import weekly_purchases

    if not isinstance(table, pd.DataFrame) or not {"actual", "expected"} <= set(table.columns):
        raise TypeError("table must be the DataFrame of repeat_purchase_tracking (columns "
                        "'actual' and 'expected')")
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    weekly_purchases(table["actual"], table["expected"], calibration_end=calibration_end,
                     cumulative=False, ax=left)
    weekly_purchases(table["actual"], table["expected"], calibration_end=calibration_end,
                     cumulative=True, ax=right)
    for ax in (left, right):
        ax.set_xlabel(time_unit)
    fig.suptitle("Holdout check: the model forecasts periods it has never seen")
    return fig


def prob_alive_history(path: pd.DataFrame, *, time_unit: str = "weeks", label: str = "",
                       ax=None):
    """P(alive) of one customer over time, with her purchases marked.

    ``path`` is the result of :func:`coursekit.models.btyd.prob_alive_path`.
    """
    if not isinstance(path, pd.DataFrame) or not {"time", "frequency", "prob_alive"} <= set(
            path.columns):
        raise TypeError("path must be the DataFrame of prob_alive_path (columns 'time', "
                        "'frequency', 'prob_alive')")
    ax = new_axes(ax)
    ax.plot(path["time"], path["prob_alive"], color=PALETTE[0], lw=1.8,
            label=label or "P(alive)")
    buys = path.loc[path["frequency"].diff().fillna(1).ne(0), "time"]
    for i, t in enumerate(buys):
        ax.axvline(t, color=MUTED, lw=0.8, ls=":", label="purchase" if i == 0 else None)
    last = path.iloc[-1]
    ax.annotate(f"{last.prob_alive:.0%}", (last.time, last.prob_alive), xytext=(4, 0),
                textcoords="offset points", va="center", color=HIGHLIGHT, fontweight="bold")
    ax.set_ylim(0, 1.05)
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    return finish(ax, title="Is the customer still alive?",
                  xlabel=f"time since first purchase ({time_unit})",
                  ylabel="P(alive)")


def frequency_recency_heatmap(grid: pd.DataFrame, *, quantity: str = "prob_alive",
                              time_unit: str = "weeks", ax=None):
    """Heat map of a ``frequency_recency_grid``: frequency down, recency across.

    Impossible cells (no repeat purchase but positive recency) are left blank. Read it as
    Fader, Hardie and Lee (2005) do: a frequent buyer who has been silent for long (bottom
    left) is less likely alive than an infrequent one with the same recency. For the BG/NBD
    the top-left cell (no repeat purchase) is always 1: a model artefact (dropout only after a
    repeat purchase), not a finding; the caption under the figure says so.
    """
    if not isinstance(grid, pd.DataFrame):
        raise TypeError("grid must be the DataFrame of frequency_recency_grid")
    if quantity not in _LABELS:
        raise ValueError(f"quantity must be one of {list(_LABELS)}; got {quantity!r}")
    ax = new_axes(ax, figsize=(6.4, 4.4))
    values = np.ma.masked_invalid(grid.to_numpy(dtype=float))
    rec = grid.columns.to_numpy(dtype=float)
    freq = grid.index.to_numpy(dtype=float)
    image = ax.imshow(values, origin="upper", aspect="auto", cmap="cividis",
                      extent=(rec[0], rec[-1], freq[-1] + 0.5, freq[0] - 0.5),
                      vmin=0.0, vmax=1.0 if quantity == "prob_alive" else None)
    ax.figure.colorbar(image, ax=ax, label=_LABELS[quantity])
    if quantity == "prob_alive" and grid.iloc[0, 0] == 1.0:
        ax.annotate("frequency 0: P(alive) = 1 is a BG/NBD artefact (dropout only after a "
                    "repeat purchase)", xy=(0, -0.24), xycoords="axes fraction", fontsize=7,
                    va="top")
    return finish(ax, title=f"{_LABELS[quantity]} by frequency and recency",
                  xlabel=f"recency: time of the last purchase ({time_unit})",
                  ylabel="frequency (repeat purchases)")


def _model_columns(table: pd.DataFrame, what: str, skip: tuple[str, ...]) -> list[str]:
    if not isinstance(table, pd.DataFrame) or "actual" not in table.columns:
        raise TypeError(f"table must be the DataFrame of {what} (an 'actual' column and one "
                        "column per model)")
    models = [c for c in table.columns if c not in ("actual", *skip)]
    if not models:
        raise ValueError(f"table has no model column next to 'actual' ({what})")
    return models


def period_histogram(table: pd.DataFrame, *, period: str = "weeks 1-39", ax=None):
    """Customers by number of repeat purchases in the calibration period: actual bars and one
    bar per model (Fader, Hardie & Lee 2005, figure 2). ``table`` is the result of
    :func:`coursekit.models.btyd.period_purchase_histogram`."""
    models = _model_columns(table, "period_purchase_histogram", ())
    ax = new_axes(ax, figsize=(7.2, 3.8))
    width = 0.8 / (len(models) + 1)
    pos = np.arange(len(table))
    ax.bar(pos - 0.4 + width / 2, table["actual"], width, color="black", label="actual")
    for i, name in enumerate(models, start=1):
        ax.bar(pos - 0.4 + width * (i + 0.5), table[name], width, color=PALETTE[i - 1],
               label=name)
    ax.set_xticks(pos, table.index.astype(str))
    ax.legend(frameon=False, fontsize=8)
    return finish(ax, title=f"Repeat purchases per customer, {period}: actual and expected",
                  xlabel="repeat purchases in the calibration period",
                  ylabel="customers (count)")


def conditional_expectations(table: pd.DataFrame, *, holdout: str = "weeks 40-78", ax=None):
    """Mean holdout purchases by calibration frequency, actual and per model (Fader, Hardie &
    Lee 2005, figure 5). ``table`` is the result of
    :func:`coursekit.models.btyd.conditional_expectations_by_frequency`."""
    models = _model_columns(table, "conditional_expectations_by_frequency", ("customers",))
    ax = new_axes(ax)
    pos = np.arange(len(table))
    ax.plot(pos, table["actual"], color="black", lw=1.8, marker="o", label="actual")
    styles = ("--", "-.", ":", (0, (5, 1)))
    for i, name in enumerate(models):
        ax.plot(pos, table[name], color=PALETTE[i], lw=1.5, ls=styles[i % len(styles)],
                marker=".", label=name)
    ax.set_xticks(pos, table.index.astype(str))
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return finish(ax, title=f"Conditional expectations: purchases in {holdout}",
                  xlabel="repeat purchases in the calibration period",
                  ylabel="mean holdout purchases per customer")


def tracking_comparison(table: pd.DataFrame, *, calibration_end: float,
                        time_unit: str = "week"):
    """Weekly (left) and cumulative (right) repeat purchases, actual and per model.
    ``table`` is the result of :func:`coursekit.models.btyd.tracking_by_model`."""
    import matplotlib.pyplot as plt

    models = _model_columns(table, "tracking_by_model", ())
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained")
    styles = ("--", "-.", ":", (0, (5, 1)))
    for ax, cumulative in zip(axes, (False, True)):
        data = table.cumsum() if cumulative else table
        ax.plot(data.index, data["actual"], color="black", lw=1.6, label="actual")
        for i, name in enumerate(models):
            ax.plot(data.index, data[name], color=PALETTE[i], lw=1.4,
                    ls=styles[i % len(styles)], label=name)
        ax.axvline(calibration_end, color=MUTED, lw=1, ls=":")
        ax.legend(frameon=False, fontsize=8, loc="lower right" if cumulative else "upper right")
        what = "cumulative repeat purchases" if cumulative else f"repeat purchases per {time_unit}"
        finish(ax, title=what.capitalize(), xlabel=time_unit, ylabel=f"{what} (count)")
    fig.suptitle("Tracking: the models forecast the periods after the dotted line")
    return fig


def iso_value_curves(grid: pd.DataFrame, *, levels: Any = None, value: str = "DET",
                     time_unit: str = "weeks", ax=None):
    """Iso-value curves (Fader, Hardie & Lee 2005, JMR): contours of equal value over recency
    (across) and frequency (up). ``grid`` is the result of
    :func:`coursekit.models.btyd.iso_value_grid` (times margin and spend for money values)."""
    if not isinstance(grid, pd.DataFrame):
        raise TypeError("grid must be the DataFrame of iso_value_grid")
    ax = new_axes(ax, figsize=(6.4, 4.4))
    rec = grid.columns.to_numpy(dtype=float)
    freq = grid.index.to_numpy(dtype=float)
    values = np.ma.masked_invalid(grid.to_numpy(dtype=float))
    lines = ax.contour(rec, freq, values, levels=levels if levels is not None else 8,
                       cmap="cividis")
    ax.clabel(lines, fontsize=8, fmt="%.3g")
    return finish(ax, title=f"Iso-value curves: customers of equal {value}",
                  xlabel=f"recency: time of the last purchase ({time_unit})",
                  ylabel="frequency (repeat purchases)")
