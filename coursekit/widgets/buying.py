"""Explorer of module 02: the vacuum-cleaner choice and the rank reversal (TB 1.1)."""
from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import pandas as pd

from coursekit.datasets import load_dataset
from coursekit.models.buying import choice
from coursekit.plots._style import clear_data, new_axes_row
from coursekit.plots.buying import reversal_path, weighted_scores
from coursekit.widgets._base import Explorer, slider, show

__all__ = ["vacuum_scores", "choice_update", "ChoiceExplorer", "choice_explorer"]


@lru_cache(maxsize=1)
def _vacuum_models() -> pd.DataFrame:
    return load_dataset("vacuum_models")  # read and checksummed once, not on every update


def vacuum_scores() -> tuple[pd.DataFrame, pd.Series]:
    """The shipped vacuum shortlist as 0-1 scores, and each model's days until available."""
    raw = _vacuum_models().set_index("model")
    raw.index = raw.index.astype(str)
    return choice.normalise_attributes(raw, choice.VACUUM_DIRECTIONS), raw["days_until_available"]


def choice_update(*, availability_weight: float, needed_within_days: int,
                  **weights: float) -> choice.RankReversal:
    """The explorer's update step: weights and availability -> first choice with and without."""
    scores, days = vacuum_scores()
    avail = choice.availability_score(days.to_numpy(), needed_within_days)
    return choice.rank_reversal(scores, weights, avail, availability_weight=availability_weight)


def _render(result: choice.RankReversal, output: w.Output, weights: dict, days_needed: int,
            axes: list) -> None:
    scores, days = vacuum_scores()
    weighted_scores(scores, weights, ax=axes[0])
    reversal_path(scores, weights, choice.availability_score(days.to_numpy(), days_needed),
                  marked_weight=result.availability_weight, ax=axes[1])
    show(output, axes[0].figure, result)


class ChoiceExplorer(Explorer):
    """Sliders for the six importance weights, the availability weight and the deadline."""

    title = "Vacuum cleaner: which model do you take home?"

    def __init__(self, *, draw: bool = True):
        controls = {
            name: slider(f"Weight: {name.replace('_', ' ')}", value, 0.0, 1.0, 0.05)
            for name, value in choice.EXAMPLE_WEIGHTS.items()
        }
        controls["availability_weight"] = slider("Weight on availability (convenience)", 0.2,
                                                 0.0, 1.0, 0.01)
        controls["needed_within_days"] = slider("Needed within (days)", 1, 0, 7, 1,
                                                integer=True)
        render = None
        self._axes: list | None = None
        if draw:
            def render(result, output):
                # the same two panels for every state: cleared and drawn again
                if self._axes is None:
                    self._axes = new_axes_row(2)
                else:
                    for ax in self._axes:
                        clear_data(ax)
                v = self.values()
                _render(result, output, {k: v[k] for k in choice.EXAMPLE_WEIGHTS},
                        v["needed_within_days"], self._axes)
        super().__init__(controls, choice_update, render)


def choice_explorer() -> ChoiceExplorer:
    """Create the module-02 explorer (display it as the last expression of a cell)."""
    return ChoiceExplorer()
