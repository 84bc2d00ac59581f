"""Shared look of all figures: a colour-blind-safe palette and labelled axes; input checks."""
from __future__ import annotations

import matplotlib

matplotlib.use(matplotlib.get_backend())  # respect the caller's backend (Agg in tests)
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["PALETTE", "HIGHLIGHT", "MUTED", "new_axes", "finish", "check_frame"]

# Okabe & Ito (2008), "Color universal design": distinguishable with every common colour-vision
# deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
HIGHLIGHT = "#D55E00"
MUTED = "#999999"


def new_axes(ax=None, *, figsize=(6.4, 3.6)):
    """Return ``ax`` or a fresh Axes of a new figure whose colour cycle is :data:`PALETTE`.

    >>> ax = new_axes()
    >>> ax.plot([0, 1])[0].get_color() == PALETTE[0]
    True
    >>> plt.close(ax.figure)
    """
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    ax.set_prop_cycle(color=PALETTE)  # default colours stay colour-blind safe
    ax.locator_params(nbins=5)
    return ax


def finish(ax, *, title: str, xlabel: str, ylabel: str):
    """Set title and axis labels (with units) - every figure must have them."""
    if not (title and xlabel and ylabel):
        raise ValueError("every figure needs a title and both axis labels")
    # a fixed title position: coursekit axes have no tick labels on top, and the automatic
    # placement would measure the whole x axis again on every draw
    ax.set_title(title, y=1.0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def check_frame(obj, name: str, columns) -> None:
    """``obj`` is a DataFrame with every column a figure plots (messages name ``name``)."""
    import pandas as pd

    if not isinstance(obj, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(obj).__name__}")
    missing = [c for c in columns if c not in obj.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {missing}")
