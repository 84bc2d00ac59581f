"""The explorer pattern shared by every module's widgets."""
from __future__ import annotations

import html
import io
import itertools
import os
import threading
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from typing import Any

import ipywidgets as w
from IPython.display import HTML, display

from coursekit.plots._style import offscreen_figures

__all__ = ["Explorer", "show", "RenderedFigure", "figure_png", "text_outside_canvas",
           "slider", "dropdown", "static_widgets", "RENDER_LOCK", "STATIC_ENV"]

#: Environment variable that switches explorers to static display (used by ``export-html``).
STATIC_ENV = "COURSEKIT_STATIC_WIDGETS"


def static_widgets() -> bool:
    """True when explorers should display a static figure instead of live controls.

    Set ``COURSEKIT_STATIC_WIDGETS=1`` in the kernel's environment (``coursekit export-html``
    does) so that a notebook rendered to HTML shows each explorer's default state as plain
    figures and tables, which need no kernel and no widget JavaScript.

    >>> static_widgets() == (os.environ.get(STATIC_ENV) in ("1", "true", "yes"))
    True
    """
    return os.environ.get(STATIC_ENV, "").strip().lower() in ("1", "true", "yes")


#: Width of a control row: the label on its own line above a track of the full width.
CONTROL_MAX_WIDTH = "640px"

#: CSS of an explorer (scoped to its box): each control's label on its own line (wrapped if
#: long) above the slider track or the drop-down, so a long label never squeezes the track
#: (at least 200 px wherever the notebook is 300 px wide) and a drop-down is as wide as its
#: longest option.
EXPLORER_CSS = """<style>
.coursekit-explorer .widget-hslider, .coursekit-explorer .widget-dropdown {
  flex-wrap: wrap; height: auto; }
.coursekit-explorer .widget-hslider > .widget-label,
.coursekit-explorer .widget-dropdown > .widget-label {
  flex: 0 0 100%; max-width: 100%; height: auto; text-align: left; white-space: normal;
  line-height: 1.3; margin: 4px 0 0 0; }
.coursekit-explorer .widget-hslider > .slider-container {
  flex: 1 1 auto; min-width: 200px; }
.coursekit-explorer .widget-dropdown > select {
  flex: 0 1 auto; width: auto; max-width: 100%; }
</style>"""


def slider(description: str, value: float, low: float, high: float, step: float,
           *, fmt: str = ".2f", integer: bool = False) -> w.Widget:
    """A labelled slider (the label stays visible: accessibility), the label above the track.

    Not ``continuous_update``: the explorer redraws once, when the handle is released or a
    key pressed, not for every pixel of a drag.
    """
    cls = w.IntSlider if integer else w.FloatSlider
    kwargs = {} if integer else {"readout_format": fmt}
    return cls(value=value, min=low, max=high, step=step, description=description,
               continuous_update=False, style={"description_width": "initial"},
               layout=w.Layout(width="100%", max_width=CONTROL_MAX_WIDTH, height="auto"),
               **kwargs)


def dropdown(description: str, options, value=None) -> w.Dropdown:
    """A labelled drop-down, the label above a list as wide as its longest option."""
    options = list(options)
    return w.Dropdown(options=options, value=value if value is not None else options[0],
                      description=description, style={"description_width": "initial"},
                      layout=w.Layout(width="100%", max_width=CONTROL_MAX_WIDTH,
                                      height="auto"))


def show(output, *items) -> None:
    """Replace what ``output`` shows by ``items``: the render step of every explorer.

    Figures (or Axes, shown as their figure) are rendered to PNG here, by the explorer's own
    Agg canvas (:class:`RenderedFigure`), and pyplot figures are then closed so pyplot does not
    show them a second time at the end of the cell; other items are displayed as they are
    (tables, HTML, results with a readable repr).
    """
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    rendered = []
    for item in items:
        fig = item.figure if isinstance(item, Axes) else item
        rendered.append(RenderedFigure(fig) if isinstance(fig, Figure) else item)
    with output:
        output.clear_output(wait=True)
        for item in rendered:
            display(item)


class RenderedFigure:
    """A figure rendered to PNG once, by its own Agg canvas, with per-figure settings only.

    Displaying it shows the PNG (its ``_repr_png_``): the shell's figure formatter, ``rcParams``
    and pyplot are neither used nor changed, so a redraw on one thread cannot change how
    another thread renders. Inside an explorer's redraw (:meth:`Explorer.refresh`) the axes
    boxes laid out on the explorer's first draw are reused (:func:`figure_png`).

    >>> from coursekit.plots._style import new_figure, offscreen_figures
    >>> with offscreen_figures():
    ...     fig = new_figure((2, 1))
    >>> png, metadata = RenderedFigure(fig)._repr_png_(); png[1:4], metadata
    (b'PNG', {'alt': 'Figure'})
    """

    def __init__(self, figure):
        import matplotlib.pyplot as plt

        from coursekit.plots._style import figure_alt_text

        self.figure = figure
        self.alt = figure_alt_text(figure)  # now: a reused figure is drawn over later
        context = getattr(_redraw, "context", None)
        if context is None:
            self.png = figure_png(figure)
        else:
            self.png = figure_png(figure, context.layouts, next(context.counter))
        if figure.canvas.manager is not None:  # a pyplot figure: no second inline display
            plt.close(figure)

    def _repr_png_(self) -> tuple[bytes, dict]:
        """The PNG and its alt text (titles and axis labels), as the static export shows it."""
        return self.png, {"alt": self.alt}

    def __repr__(self) -> str:
        return f"<{self.figure!r} rendered to PNG>"  # "<Figure size 640x440 with 1 Axes> ..."


def figure_png(fig, layouts: dict | None = None, number: int = 0) -> bytes:
    """``fig`` as PNG bytes at its own dpi, whole canvas (coursekit figures keep their labels
    inside it: constrained layout).

    Speed for a live redraw, with per-figure settings only: zlib level 1 (a third less time
    than the default for ~3 % more bytes), no tight bounding box (the inline backend renders
    every figure twice to find it), and with ``layouts`` (an explorer's store, figure
    ``number`` within one redraw) the axes boxes of the first draw are reused instead of
    laying the constrained axes out again. If a reused layout leaves a title, axis label,
    tick label or legend outside the canvas (the numbers grew), the figure is laid out and
    drawn again and the new boxes are kept.

    >>> from coursekit.plots._style import new_axes, offscreen_figures
    >>> with offscreen_figures():
    ...     ax = new_axes(figsize=(3, 2))
    >>> _ = ax.set_ylabel("value"); store = {}
    >>> png = figure_png(ax.figure, store); len(store[0]) == 1 and png[1:4] == b"PNG"
    True
    """
    boxes = None if layouts is None else layouts.get(number)
    frozen = False
    if boxes is not None and len(boxes) == len(fig.axes):
        try:
            # None, not "none": a placeholder engine would still make savefig lay the figure
            # out in a pre-draw (a second draw pass without rasterising)
            fig.set_layout_engine(None)
            for ax, box in zip(fig.axes, boxes):
                ax.set_position(box)
                # set_position takes the axes out of any later layout: keep it in, so that a
                # layout done again (below) can move it
                ax.set_in_layout(True)
            frozen = True
        except RuntimeError:  # an engine that cannot be switched off (colorbars)
            pass
    png = _savefig_png(fig)
    if frozen:
        outside = text_outside_canvas(fig)
        # laid out again only for a text the layout that was kept did not already leave out
        # (a text too long for any layout would otherwise cost a second draw every time)
        if set(outside) - layouts.get((number, "outside"), set()):
            fig.set_layout_engine("constrained")
            png = _savefig_png(fig)
            boxes = None
    if layouts is not None and boxes is None:
        layouts[number] = [ax.get_position() for ax in fig.axes]
        layouts[(number, "outside")] = set(text_outside_canvas(fig))
    return png


def _savefig_png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def text_outside_canvas(fig) -> list[str]:
    """Texts of a drawn figure that stick out of its canvas (by more than half a pixel): each
    axes' title, axis labels and legend. An axis label is placed beyond the tick labels, so
    tick labels that grow push it out first; their boxes are cached from the draw (cheap, a
    few milliseconds per redraw: tests/figure_text.py checks every text, more slowly).

    >>> from coursekit.plots._style import new_axes, offscreen_figures
    >>> with offscreen_figures():
    ...     ax = new_axes(figsize=(3, 2))
    >>> _ = ax.set_ylabel("value"); _ = figure_png(ax.figure)
    >>> text_outside_canvas(ax.figure)
    []
    >>> ax.set_position([0.0, 0.2, 0.9, 0.7]); _ = figure_png(ax.figure)
    >>> text_outside_canvas(ax.figure)
    ["'': y label"]
    """
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    found = []
    for ax in fig.axes:
        parts = [("title", ax.title), ("x label", ax.xaxis.label),
                 ("y label", ax.yaxis.label), ("legend", ax.get_legend())]
        for kind, artist in parts:
            if artist is None or not artist.get_visible() or (
                    kind != "legend" and not artist.get_text()):
                continue
            box = artist.get_window_extent(renderer)
            if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5:
                found.append(f"{ax.get_title()!r}: {kind}")
    return found


_redraw = threading.local()  # per thread: the layout store of the explorer redrawing now

#: Serialises every explorer's recompute and redraw: matplotlib is not thread-safe, and
#: ipykernel 7 runs widget callbacks (subshell thread) while a cell runs (main thread).
RENDER_LOCK = threading.RLock()


class _RedrawContext:
    def __init__(self, layouts: dict):
        self.layouts = layouts
        self.counter = itertools.count()


class Explorer:
    """Controls + a pure ``update(**values) -> result`` + a ``render(result, output)`` step.

    ``explorer.result`` always holds the result for the current control values, so a test can
    set ``explorer.controls["price"].value = 40`` and assert on ``explorer.result``.
    """

    title = "Explorer"

    def __init__(self, controls: Mapping[str, w.Widget], update: Callable[..., Any],
                 render: Callable[[Any, w.Output], None] | None = None):
        self.controls = dict(controls)
        self._update = update
        self._render = render
        self.output = w.Output()
        self.status = w.HTML()
        self.result = None
        self._layouts: dict[int, list] = {}  # figure number in a redraw -> frozen axes boxes
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    def values(self) -> dict:
        return {name: c.value for name, c in self.controls.items()}

    def refresh(self) -> Any:
        """Recompute from the current control values and redraw.

        The whole step holds :data:`RENDER_LOCK` (a callback on the kernel's subshell thread
        and a cell on the main thread never draw at the same time, nor change one explorer's
        figure together) and draws offscreen (figures pyplot never registers, rendered to PNG
        by their own canvas): no process-wide state is changed.
        """
        with RENDER_LOCK:
            try:
                self.result = self._update(**self.values())
            except (ValueError, TypeError) as exc:  # a control combination the model rejects
                self.status.value = f"<span style='color:#b2182b'>{exc}</span>"
                return self.result
            self.status.value = ""
            if self._render is not None and not static_widgets():  # static: when displayed
                _redraw.context = _RedrawContext(self._layouts)
                try:
                    with offscreen_figures():
                        self._render(self.result, self.output)
                finally:
                    _redraw.context = None
        return self.result

    def _on_change(self, _change) -> None:
        self.refresh()

    @property
    def widget(self) -> w.Widget:
        header = w.HTML(f"{EXPLORER_CSS}<h4>{self.title}</h4>")
        box = w.VBox([header, *self.controls.values(), self.status, self.output])
        box.add_class("coursekit-explorer")
        return box

    def _ipython_display_(self) -> None:
        if static_widgets():
            self.display_static()
        else:
            display(self.widget)

    def display_static(self) -> None:
        """Display the title, the control settings and the rendered result as plain outputs.

        What the render step shows inside the explorer's output area goes straight to the cell
        instead; ``HTML``/``Label`` widgets it displays are shown as their HTML text.
        """
        rows = "".join(f"<li>{html.escape(_label(c))}: <b>{html.escape(_readout(c))}</b></li>"
                       for c in self.controls.values())
        display(HTML(f"<h4>{html.escape(self.title)}</h4>"
                     "<p><em>Static view of the explorer at the settings below; run the "
                     "notebook in JupyterLab to move the controls.</em></p>"
                     f"<ul>{rows}</ul>"))
        if self._render is not None and self.result is not None:
            with RENDER_LOCK, _widgets_as_html(), offscreen_figures():
                self._render(self.result, _Inline())


def _label(control: w.Widget) -> str:
    return str(getattr(control, "description", "") or type(control).__name__)


def _readout(control: w.Widget) -> str:
    value = control.value
    fmt = getattr(control, "readout_format", None)
    if fmt and isinstance(value, float):
        try:
            return format(value, fmt)
        except ValueError:
            pass
    return str(value)


class _Inline:
    """Stands in for an ``Output`` widget: whatever is displayed inside goes to the cell."""

    def __enter__(self) -> "_Inline":
        return self

    def __exit__(self, *exc) -> bool:
        return False

    def clear_output(self, *args, **kwargs) -> None:
        pass


@contextmanager
def _widgets_as_html():
    """While active, ``display(w.HTML(...))`` shows the HTML itself, not a widget view."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        yield
        return
    formatter = shell.display_formatter.mimebundle_formatter
    def as_html(obj, include=None, exclude=None):
        text = obj.value if isinstance(obj, w.HTML) else html.escape(obj.value)
        return {"text/html": text, "text/plain": obj.value}

    old = {cls: formatter.for_type(cls, as_html) for cls in (w.HTML, w.Label)}
    try:
        yield
    finally:
        for cls, previous in old.items():
            formatter.pop(cls, None)
            if previous is not None:
                formatter.for_type(cls, previous)
