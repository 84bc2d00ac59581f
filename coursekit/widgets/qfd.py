"""Explorer of module 06: change requirement weights and a relationship, watch the hows re-rank."""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import pandas as pd

from coursekit.models.qfd import HouseOfQuality
from coursekit.plots.qfd import technical_priorities
from coursekit.widgets._base import Explorer, dropdown, slider, show

__all__ = ["QFDView", "qfd_update", "QFDExplorer", "qfd_explorer", "STRENGTHS"]

#: Strength options of the relationship control (symbol -> shown label).
STRENGTHS = ("none", "weak", "medium", "strong")


@dataclass(frozen=True)
class QFDView:
    """What the explorer shows: the edited house and its technical priorities."""

    house: HouseOfQuality
    priorities: pd.DataFrame
    weights: str = "importance"
    normalise: bool = False

    @property
    def order(self) -> list[str]:
        """Characteristics from the top priority down."""
        p = self.priorities.sort_values(["rank", "technical_importance"],
                                        ascending=[True, False])
        return list(p.index)

    @property
    def top(self) -> str:
        return self.order[0]

    def __repr__(self) -> str:
        return f"QFDView(top priority: {self.top!r}; order: {self.order})"


def _symbol_of(house: HouseOfQuality, value: float) -> str:
    for name, v in house.scale.items():
        if v == value and name in STRENGTHS:
            return name
    return "none" if value == 0 else f"{value:g}"


def qfd_update(house: HouseOfQuality, *, requirement: str, characteristic: str,
               strength: str, weights: str = "importance", normalise: bool = False,
               **importance: float) -> QFDView:
    """The explorer's pure update step.

    ``importance`` holds one weight per requirement as keywords ``w0, w1, ...``; the cell
    (``requirement``, ``characteristic``) is set to ``strength`` (``none``/``weak``/``medium``/
    ``strong``); ``weights`` and ``normalise`` are passed to the basement computation.

    >>> h = HouseOfQuality(["a", "b"], [1, 1], ["x", "y"], [[9, 0], [0, 3]])
    >>> qfd_update(h, requirement="b", characteristic="y", strength="strong",
    ...            w0=1, w1=2).top
    'y'
    """
    m = len(house.requirements)
    missing = [f"w{i}" for i in range(m) if f"w{i}" not in importance]
    if missing:
        raise ValueError(f"importance weights {missing} are missing")
    weights_ = [importance[f"w{i}"] for i in range(m)]
    rel = house.matrix().astype(object)
    if requirement not in rel.index:
        raise ValueError(f"requirement must be one of {list(rel.index)}; got {requirement!r}")
    if characteristic not in rel.columns:
        raise ValueError(f"characteristic must be one of {list(rel.columns)}; "
                         f"got {characteristic!r}")
    rel.loc[requirement, characteristic] = None if strength == "none" else strength
    edited = house.replace(importance=weights_, relationships=rel)
    return QFDView(edited, edited.priorities(weights=weights, normalise=normalise), weights,
                   normalise)


def _render(result: QFDView, output: w.Output) -> None:
    show(output, technical_priorities(result.house, weights=result.weights,
                                      normalise=result.normalise),
         result.priorities.round(3))


class QFDExplorer(Explorer):
    """One slider per requirement weight, a relationship cell to edit, and the basement options.

    Only one cell is edited at a time: choosing another cell shows its stored strength, and the
    earlier cell returns to the house's value (the update stays a pure function of the controls).
    """

    title = "House of quality: what moves the technical priorities?"

    def __init__(self, house: HouseOfQuality, *, draw: bool = True):
        if not isinstance(house, HouseOfQuality):
            raise TypeError("house must be a HouseOfQuality (e.g. HouseOfQuality.from_dict("
                            "load_dataset('qfd_restaurant')))")
        self.house = house
        hi = max(5.0, float(house.importance.max()))
        controls: dict[str, w.Widget] = {
            f"w{i}": slider(f"Importance: {name}", float(house.importance[i]), 0.0, hi, 0.5,
                            fmt=".1f")
            for i, name in enumerate(house.requirements)
        }
        req, char = house.requirements[0], house.characteristics[0]
        controls["requirement"] = dropdown("Relationship of requirement", house.requirements,
                                           req)
        controls["characteristic"] = dropdown("with characteristic", house.characteristics,
                                              char)
        controls["strength"] = dropdown("Relationship strength", STRENGTHS,
                                        self._stored(req, char))
        options = ["importance", "planning"] if house.current is not None and \
            house.targets is not None else ["importance"]
        controls["weights"] = dropdown("Basement weights", options, "importance")
        controls["normalise"] = w.Checkbox(value=False, description="Row-normalise "
                                           "(Wasserman 1993)", indent=False)
        # registered before the Explorer's own observers: show the stored strength of the
        # newly chosen cell before the priorities are recomputed
        for name in ("requirement", "characteristic"):
            controls[name].observe(self._sync_strength, names="value")
        self.controls = controls
        super().__init__(controls, lambda **v: qfd_update(house, **v),
                         _render if draw else None)

    def _stored(self, requirement: str, characteristic: str) -> str:
        i = self.house.requirements.index(requirement)
        j = self.house.characteristics.index(characteristic)
        value = float(self.house.relationships[i, j])
        symbol = _symbol_of(self.house, value)
        return symbol if symbol in STRENGTHS else "none"

    def _sync_strength(self, _change) -> None:
        c = self.controls
        c["strength"].value = self._stored(c["requirement"].value, c["characteristic"].value)

    @property
    def order(self) -> list[str]:
        return self.result.order


def qfd_explorer(house: HouseOfQuality) -> QFDExplorer:
    """Create the module-06 explorer for ``house`` (display it as a cell's last expression)."""
    return QFDExplorer(house)
