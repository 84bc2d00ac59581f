"""coursekit - the helper package of the services-marketing workbook.

Import stays light: the layers (models, datasets, plots, widgets, exercises, course, cli) are
loaded on first use, so ``import coursekit`` does not pull in matplotlib or ipywidgets.

>>> import coursekit
>>> coursekit.__version__
'0.1.0'
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = {"models", "datasets", "synth", "plots", "widgets", "exercises", "course", "cli"}
_SHORTCUTS = {
    "check": ("coursekit.exercises", "check"),
    "hint": ("coursekit.exercises", "hint"),
    "load_dataset": ("coursekit.datasets", "load_dataset"),
    "list_datasets": ("coursekit.datasets", "list_datasets"),
    "dataset_info": ("coursekit.datasets", "dataset_info"),
}

__all__ = sorted(_SUBMODULES | set(_SHORTCUTS) | {"__version__"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"coursekit.{name}")
    if name in _SHORTCUTS:
        module, attr = _SHORTCUTS[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'coursekit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
