"""The explorer pattern shared by every module's widgets."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w
from IPython.display import display

__all__ = ["Explorer", "slider", "dropdown"]


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
        if self._render is not None:
            self._render(self.result, self.output)
        return self.result

    def _on_change(self, _change) -> None:
        self.refresh()

    @property
    def widget(self) -> w.Widget:
        header = w.HTML(f"<h4>{self.title}</h4>")
        return w.VBox([header, *self.controls.values(), self.status, self.output])

    def _ipython_display_(self) -> None:
        display(self.widget)
