"""The explorer pattern shared by every module's widgets."""
from __future__ import annotations

import gc
import html
import io
import itertools
import os
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from typing import Any

import ipywidgets as w
from IPython.display import HTML, display

__all__ = ["Explorer", "show", "slider", "dropdown", "static_widgets", "fast_figures",
           "STATIC_ENV"]

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


def slider(description: str, value: float, low: float, high: float, step: float,
           *, fmt: str = ".2f", integer: bool = False) -> w.Widget:
    """A labelled slider (the label stays visible: accessibility)."""
    cls = w.IntSlider if integer else w.FloatSlider
    kwargs = {} if integer else {"readout_format": fmt}
    return cls(value=value, min=low, max=high, step=step, description=description,
               continuous_update=False, style={"description_width": "initial"},
               layout=w.Layout(width="420px"), **kwargs)


def dropdown(description: str, options, value=None) -> w.Dropdown:
    options = list(options)
    return w.Dropdown(options=options, value=value if value is not None else options[0],
                      description=description, style={"description_width": "initial"})


def show(output, *items) -> None:
    """Replace what ``output`` shows by ``items``: the render step of every explorer.

    Figures (or Axes, shown as their figure) are displayed and then closed, so pyplot does not
    keep them or show them a second time at the end of the cell; other items are displayed as
    they are (tables, HTML, results with a readable repr).
    """
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    import matplotlib.pyplot as plt

    with output:
        output.clear_output(wait=True)
        for item in items:
            fig = item.figure if isinstance(item, Axes) else item
            display(fig)
            if isinstance(fig, Figure):
                plt.close(fig)


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
        """Recompute from the current control values and redraw."""
        try:
            self.result = self._update(**self.values())
        except (ValueError, TypeError) as exc:  # a control combination the model rejects
            self.status.value = f"<span style='color:#b2182b'>{exc}</span>"
            return self.result
        self.status.value = ""
        if self._render is not None and not static_widgets():  # static: drawn when displayed
            with fast_figures(self._layouts), _young_garbage():
                self._render(self.result, self.output)
        return self.result

    def _on_change(self, _change) -> None:
        self.refresh()

    @property
    def widget(self) -> w.Widget:
        header = w.HTML(f"<h4>{self.title}</h4>")
        return w.VBox([header, *self.controls.values(), self.status, self.output])

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
            with _widgets_as_html():
                self._render(self.result, _Inline())


@contextmanager
def fast_figures(layouts: dict[int, list]):
    """Render the figures an explorer displays to PNG fast enough for a live redraw.

    The inline backend renders every figure twice (``bbox_inches="tight"``) and lays out the
    constrained axes again on every draw: together about half of a redraw. coursekit figures
    keep their labels inside the canvas (constrained layout), so the tight bounding box is
    not needed, and an explorer's figures keep their structure from one redraw to the next,
    so the axes boxes computed on the first draw are reused (``layouts``, kept per explorer)
    while the number of axes stays the same. Outside IPython this does nothing.
    """
    try:
        from IPython import get_ipython
        from matplotlib import rc_context
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - both are dependencies
        yield
        return
    shell = get_ipython()
    formatter = shell.display_formatter.formatters.get("image/png") if shell else None
    if formatter is None:
        yield
        return
    counter = itertools.count()

    def to_png(fig: Figure) -> bytes:
        number = next(counter)
        boxes = layouts.get(number)
        if boxes is not None and len(boxes) == len(fig.axes):
            try:
                # None, not "none": a placeholder engine would still make savefig lay the
                # figure out in a pre-draw (a second draw pass without rasterising)
                fig.set_layout_engine(None)
                for ax, box in zip(fig.axes, boxes):
                    ax.set_position(box)
            except RuntimeError:  # an engine that cannot be switched off (colorbars)
                pass
        buffer = io.BytesIO()
        # zlib level 1: a third less time than the default level for ~3 % more bytes; glyphs
        # unhinted: a third less time per text, and at screen resolution no visible change
        with rc_context({"text.hinting": "no_hinting"}):
            fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        if boxes is None:
            layouts[number] = [ax.get_position() for ax in fig.axes]
        return buffer.getvalue()

    previous = formatter.for_type(Figure, to_png)
    try:
        yield
    finally:
        formatter.pop(Figure, None)
        if previous is not None:
            formatter.for_type(Figure, previous)


@contextmanager
def _young_garbage():
    """Collect a redraw's garbage while it is young instead of letting it age.

    A redraw builds a figure of many thousands of objects (artists, transforms, ticks) that
    refer to each other, and drops it when done. With the collector running during the
    redraw, those objects survive its young collections while still in use and are promoted
    to the oldest generation, whose collection (every few redraws) scans the whole heap of
    the kernel: a pause of 50-100 ms. Pausing the collector for the redraw and collecting
    the youngest generation after it frees the figure at once and keeps the old generation
    from growing. The collector's previous state is restored.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


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
