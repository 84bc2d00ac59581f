"""Shared look of all figures: a colour-blind-safe palette and labelled axes; input checks."""
from __future__ import annotations

import threading
from contextlib import contextmanager

import matplotlib

matplotlib.use(matplotlib.get_backend())  # respect the caller's backend (Agg in tests)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from coursekit._validate import check_columns as check_frame  # noqa: E402  (kept name)

__all__ = ["figure_alt_text", "PALETTE", "HIGHLIGHT", "MUTED", "new_figure", "offscreen_figures", "new_axes",
           "new_axes_row", "clear_data", "reused_axes", "finish", "check_frame"]

# Okabe & Ito (2008), "Color universal design": distinguishable with every common colour-vision
# deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
HIGHLIGHT = "#D55E00"
MUTED = "#999999"


_offscreen = threading.local()  # per thread: how many offscreen_figures() blocks are open


@contextmanager
def offscreen_figures():
    """While active (in this thread only), :func:`new_figure` makes figures pyplot never sees.

    pyplot keeps one process-wide registry of open figures, numbered by ``max + 1``, and is not
    thread-safe: two threads creating figures at once can receive the same figure (each then
    draws into the other's), and the inline backend shows every registered figure at the end of
    a cell, half drawn if another thread is still building it. ipykernel 7 runs widget
    callbacks on a subshell thread while cells run on the main thread, so the explorers draw
    their figures offscreen: a plain ``Figure`` with its own Agg canvas, owned by the caller.

    >>> with offscreen_figures():
    ...     fig = new_figure((2, 1))
    >>> fig.canvas.manager is None, fig in [plt.figure(n) for n in plt.get_fignums()]
    (True, False)
    """
    _offscreen.depth = getattr(_offscreen, "depth", 0) + 1
    try:
        yield
    finally:
        _offscreen.depth -= 1


def new_figure(figsize=(6.4, 3.6)) -> Figure:
    """A new figure with constrained layout: a pyplot figure, or inside
    :func:`offscreen_figures` one with its own Agg canvas that pyplot does not register.

    >>> fig = new_figure((3, 2)); fig.get_size_inches().tolist()
    [3.0, 2.0]
    >>> plt.close(fig)
    """
    if getattr(_offscreen, "depth", 0):
        fig = Figure(figsize=figsize, layout="constrained")
        FigureCanvasAgg(fig)
        return fig
    return plt.figure(figsize=figsize, layout="constrained")


def new_axes(ax=None, *, figsize=(6.4, 3.6)):
    """Return ``ax`` or a fresh Axes of a new figure whose colour cycle is :data:`PALETTE`.

    >>> ax = new_axes()
    >>> ax.plot([0, 1])[0].get_color() == PALETTE[0]
    True
    >>> plt.close(ax.figure)
    """
    if ax is not None:
        return ax
    return new_axes_row(1, figsize=figsize)[0]


def new_axes_row(ncols: int, *, figsize=(11, 3.6)):
    """A row of ``ncols`` Axes in one new figure (one layout and one draw for all panels).

    Each Axes cycles through :data:`PALETTE` and has at most about five major ticks per axis
    (fewer tick labels: easier to read, and each one is drawn on every explorer update).

    >>> axes = new_axes_row(2)
    >>> len(axes), axes[1].plot([0, 1])[0].get_color() == PALETTE[0]
    (2, True)
    >>> plt.close(axes[0].figure)
    """
    axes = new_figure(figsize).subplots(1, ncols, squeeze=False)
    for ax in axes[0]:
        ax.set_prop_cycle(color=PALETTE)  # default colours stay colour-blind safe
        ax.locator_params(nbins=5)
    return list(axes[0])


def clear_data(ax):
    """Remove what was plotted on ``ax`` (lines, patches, collections, texts, images, legend)
    and let the next plot set its data limits; keep the Axes, its ticks and its place.

    Drawing the next state of an explorer into the same Axes skips building a figure and its
    ticks again (a third of a redraw). Plot functions that draw into a cleared Axes must set
    their own limits and ticks, as they do on a new one.

    >>> ax = new_axes()
    >>> _ = ax.plot([0, 1], [0, 5]); _ = ax.legend(["x"])
    >>> ax = clear_data(ax); _ = ax.plot([0, 1], [0, 1])
    >>> len(ax.lines), ax.get_legend() is None, float(ax.dataLim.y1)
    (1, True, 1.0)
    >>> plt.close(ax.figure)
    """
    for artist in (*ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images):
        artist.remove()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.ignore_existing_data_limits = True
    ax.set_autoscale_on(True)
    return ax


def reused_axes(axes: list | None, ncols: int = 1, *, figsize=(11, 3.6)) -> list:
    """``axes`` from an earlier call, each cleared with :func:`clear_data`, or (``None``) a new
    row of ``ncols`` Axes: an explorer keeps its figure and draws each state into it.

    >>> axes = reused_axes(None, 2)
    >>> reused_axes(axes, 2) == axes
    True
    >>> plt.close(axes[0].figure)
    """
    if axes is None:
        return new_axes_row(ncols, figsize=figsize)
    return [clear_data(ax) for ax in axes]


def finish(ax, *, title: str, xlabel: str, ylabel: str):
    """Set title and axis labels (with units) - every figure must have them."""
    if not (title and xlabel and ylabel):
        raise ValueError("every figure needs a title and both axis labels")
    # a fixed title position: coursekit axes have no tick labels on top, and the automatic
    # placement would measure the whole x axis again on every draw
    ax.set_title(title, y=1.0, pad=10)  # clear of a top tick label (e.g. "1.0")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def figure_alt_text(fig) -> str:
    """Alt text of a Matplotlib figure: its (sup)title, then per axes the title and axis labels.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(title="Value per offer", xlabel="offer", ylabel="net value ($)")
    >>> figure_alt_text(fig)
    'Figure: Value per offer (x: offer; y: net value ($))'
    >>> plt.close(fig)
    """
    parts = []
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text():
        parts.append(sup.get_text())
    for ax in fig.get_axes():
        title = ax.get_title() or ax.get_title(loc="left")
        labels = "; ".join(f"{k}: {v}" for k, v in (("x", ax.get_xlabel()),
                                                     ("y", ax.get_ylabel())) if v)
        if title or labels:
            parts.append(f"{title} ({labels})" if labels else title)
    return "Figure: " + " | ".join(p for p in parts if p) if parts else "Figure"
