"""The house of quality (textbook 4.2): whats x hows, weights and the basement's priorities.

The rooms are listed in :mod:`coursekit.models.qfd`, whose docstring gives the formulas and the
citations. This module holds the :class:`HouseOfQuality` itself, with the basement (technical
importance ``TI_j = sum_i w_i r_ij``); the planning matrix and the roof come from
:mod:`~coursekit.models.qfd.planning` and :mod:`~coursekit.models.qfd.roof`.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_choice, check_number
from coursekit.models.qfd.cells import (
    DEFAULT_SCALE,
    DIRECTIONS,
    _labels,
    _relationship_matrix,
    _vector,
)
from coursekit.models.qfd.planning import _PlanningMatrix
from coursekit.models.qfd.roof import _Roof, _roof_matrix

__all__ = ["HouseOfQuality"]


class HouseOfQuality(_PlanningMatrix, _Roof):
    """A house of quality: whats x hows with weights, roof, competitors and targets.

    Parameters
    ----------
    requirements : list of str
        The customer requirements (*whats*), one per row.
    importance : array of float >= 0
        Customer importance ``w_i`` of each requirement (e.g. 1-5).
    characteristics : list of str
        The engineering / service characteristics (*hows*), one per column.
    relationships : matrix, DataFrame or mapping
        ``r_ij`` as numbers >= 0 or symbols (``"strong"``/``"medium"``/``"weak"``, ``●○△``,
        blank/``None`` = no relationship). A mapping ``{(requirement, characteristic): cell}``
        lists only the non-empty cells.
    roof : mapping or k x k matrix, optional
        Correlation of the hows: ``++``/``+``/``-``/``--`` (or numbers in [-2, 2]). The
        convention here: ``+`` means improving one characteristic in its direction helps the
        other, ``-`` means it hurts (a trade-off).
    current, targets : array of float > 0, optional
        Customers' rating of our service and the goal rating per requirement (same scale,
        e.g. 1-5), used by :meth:`planning_matrix`.
    competitors : mapping name -> ratings or DataFrame (requirements x competitors), optional
        Customers' ratings of competitors (the competitive assessment).
    sales_points : float or array of float > 0, optional
        Sales-point multiplier per requirement (1, 1.2 or 1.5 in Cohen 1995); default 1.
    directions : list of ``"max"``, ``"min"``, ``"target"``, optional
        Direction of improvement of each characteristic.
    scale : mapping symbol -> strength, optional
        The symbol scale (default 9/3/1, :data:`DEFAULT_SCALE`).
    technical_targets : list of str, optional
        The "how much" target value of each characteristic shown in the basement.
    units : list of str, optional
        Unit of each characteristic.

    Not from the textbook: the numeric scales (see :mod:`coursekit.models.qfd` for citations).

    >>> h = HouseOfQuality(["fit"], [4], ["sizes stocked"], [["medium"]], current=[2],
    ...                    targets=[4])
    >>> h
    HouseOfQuality(1 requirements x 1 characteristics; roof: none; competitors: none)
    >>> float(h.planning_matrix().loc["fit", "improvement_ratio"])
    2.0
    """

    def __init__(
        self,
        requirements: Sequence[str],
        importance: Any,
        characteristics: Sequence[str],
        relationships: Any,
        *,
        roof: Any = None,
        current: Any = None,
        competitors: Any = None,
        targets: Any = None,
        sales_points: Any = None,
        directions: Sequence[str] | None = None,
        scale: Mapping[str, float] | None = None,
        technical_targets: Sequence[str] | None = None,
        units: Sequence[str] | None = None,
    ) -> None:
        self.requirements = _labels(requirements, "requirements")
        self.characteristics = _labels(characteristics, "characteristics")
        m, k = len(self.requirements), len(self.characteristics)
        self.importance = _vector(importance, "importance", m, "requirement")
        if scale is None:
            scale = DEFAULT_SCALE
        if not isinstance(scale, Mapping) or not scale:
            raise TypeError("scale must be a non-empty mapping {symbol: strength}")
        for sym, val in scale.items():
            if not isinstance(sym, str):
                raise TypeError(f"scale keys must be symbol strings; got {sym!r}")
            check_number(val, f"scale[{sym!r}]", low=0.0)
        self.scale = {s.strip().lower(): float(v) for s, v in scale.items()}
        rel = _relationship_matrix(relationships, self.requirements, self.characteristics,
                                   self.scale)
        rel.setflags(write=False)
        self.relationships = rel
        self.roof = None if roof is None else _roof_matrix(roof, self.characteristics)
        self.current = None if current is None else _vector(current, "current", m,
                                                             "requirement", positive=True)
        self.targets = None if targets is None else _vector(targets, "targets", m,
                                                            "requirement", positive=True)
        if sales_points is None:
            sales_points = np.ones(m)
        elif np.ndim(sales_points) == 0 and not isinstance(sales_points, str):
            sales_points = np.full(m, check_number(sales_points, "sales_points", low=0.0,
                                                   low_open=True))
        self.sales_points = _vector(sales_points, "sales_points", m, "requirement",
                                    positive=True)
        self.competitors = self._competitors(competitors)
        if directions is not None:
            dirs = tuple(directions) if not isinstance(directions, str) else (directions,)
            if len(dirs) != k:
                raise ValueError(f"directions must have one entry per characteristic ({k}); "
                                 f"got {len(dirs)}")
            for d in dirs:
                check_choice(d, "directions", DIRECTIONS)
            self.directions: tuple[str, ...] | None = dirs
        else:
            self.directions = None
        self.technical_targets = self._texts(technical_targets, "technical_targets")
        self.units = self._texts(units, "units")

    # -- construction helpers -------------------------------------------------------------
    def _competitors(self, value: Any) -> pd.DataFrame | None:
        if value is None:
            return None
        m = len(self.requirements)
        if isinstance(value, pd.DataFrame):
            if list(value.index) != list(self.requirements):
                raise ValueError("competitors as a DataFrame must be indexed by the "
                                 f"requirements {list(self.requirements)}")
            value = {str(c): value[c].to_numpy() for c in value.columns}
        if not isinstance(value, Mapping) or not value:
            raise TypeError("competitors must be a mapping {competitor name: ratings} or a "
                            "DataFrame (requirements x competitors)")
        cols = {str(name): _vector(v, f"competitors[{name!r}]", m, "requirement",
                                   positive=True) for name, v in value.items()}
        frame = pd.DataFrame(cols, index=pd.Index(self.requirements, name="requirement"))
        return frame

    def _texts(self, value: Sequence[str] | None, name: str) -> tuple[str, ...] | None:
        if value is None:
            return None
        k = len(self.characteristics)
        if isinstance(value, str) or len(value) != k:
            raise ValueError(f"{name} must have one entry per characteristic ({k})")
        return tuple(str(v) for v in value)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HouseOfQuality:
        """Build a house from the JSON layout used by the shipped datasets.

        Keys: ``requirements`` (list of ``{"name", "importance", "current", "target",
        "sales_point", "competitors": {name: rating}}``), ``characteristics`` (list of
        ``{"name", "unit", "direction", "target"}``), ``relationships`` and ``roof`` (lists of
        ``[a, b, symbol]`` triples) and optional ``scale``.

        >>> HouseOfQuality.from_dict({
        ...     "requirements": [{"name": "clean", "importance": 4}],
        ...     "characteristics": [{"name": "cleaning rounds", "direction": "max"}],
        ...     "relationships": [["clean", "cleaning rounds", "strong"]]}
        ... ).technical_importance().tolist()
        [36.0]
        """
        if not isinstance(data, Mapping):
            raise TypeError(f"data must be a mapping; got {type(data).__name__}")
        for key in ("requirements", "characteristics", "relationships"):
            if key not in data:
                raise ValueError(f"data is missing the key {key!r}")
        reqs, chars = list(data["requirements"]), list(data["characteristics"])

        def column(rows: list, key: str) -> list | None:
            present = [key in r for r in rows]
            if not any(present):
                return None
            if not all(present):
                raise ValueError(f"data: either every entry or none has {key!r}")
            return [r[key] for r in rows]

        competitors = None
        if any("competitors" in r for r in reqs):
            names = list(reqs[0].get("competitors", {}))
            competitors = {n: [r["competitors"][n] for r in reqs] for n in names}
        rel = {(a, b): s for a, b, s in data["relationships"]}
        roof = {(a, b): s for a, b, s in data["roof"]} if data.get("roof") else None
        return cls(
            [r["name"] for r in reqs], [r["importance"] for r in reqs],
            [c["name"] for c in chars], rel, roof=roof,
            current=column(reqs, "current"), targets=column(reqs, "target"),
            sales_points=column(reqs, "sales_point"), competitors=competitors,
            directions=column(chars, "direction"), scale=data.get("scale"),
            technical_targets=column(chars, "target"), units=column(chars, "unit"))

    def replace(self, *, importance: Any = None, relationships: Any = None) -> HouseOfQuality:
        """A copy with new importance weights and/or relationship strengths (what-if).

        >>> h = HouseOfQuality(["a", "b"], [1, 1], ["x", "y"], [[9, 0], [0, 3]])
        >>> h.replace(importance=[1, 5]).technical_importance().tolist()
        [9.0, 15.0]
        """
        new = object.__new__(HouseOfQuality)
        new.__dict__.update(self.__dict__)
        if importance is not None:
            new.importance = _vector(importance, "importance", len(self.requirements),
                                     "requirement")
        if relationships is not None:
            rel = _relationship_matrix(relationships, self.requirements,
                                       self.characteristics, self.scale)
            rel.setflags(write=False)
            new.relationships = rel
        return new

    def __repr__(self) -> str:
        roof = "none" if self.roof is None else f"{len(self.roof_conflicts())} trade-offs"
        comp = "none" if self.competitors is None else ", ".join(self.competitors.columns)
        return (f"HouseOfQuality({len(self.requirements)} requirements x "
                f"{len(self.characteristics)} characteristics; roof: {roof}; "
                f"competitors: {comp})")

    # -- the basement ---------------------------------------------------------------------
    def _weights(self, weights: Any) -> np.ndarray:
        if isinstance(weights, str):
            check_choice(weights, "weights", ("importance", "planning"))
            if weights == "importance":
                return self.importance
            return self.planning_matrix()["normalised_weight"].to_numpy()
        return _vector(weights, "weights", len(self.requirements), "requirement")

    def matrix(self, *, normalise: bool = False) -> pd.DataFrame:
        """The relationship matrix ``r_ij`` as a DataFrame, optionally row-normalised.

        Row normalisation divides each row by its sum, ``r'_ij = r_ij / sum_k r_ik``, so that
        a requirement with many relationships does not count more than one with few.
        Not from the textbook: Wasserman 1993 (IIE Transactions 25(3)), whose normalisation
        also spreads each cell over correlated hows via the roof; without roof correlations it
        reduces to this row normalisation. Rows without any relationship stay zero.

        >>> HouseOfQuality(["a"], [1], ["x", "y"], [[9, 3]]).matrix(normalise=True).to_numpy()
        array([[0.75, 0.25]])
        """
        rel = np.asarray(self.relationships, dtype=float)
        if normalise:
            sums = rel.sum(axis=1, keepdims=True)
            rel = np.divide(rel, sums, out=np.zeros_like(rel), where=sums > 0)
        return pd.DataFrame(rel, index=pd.Index(self.requirements, name="requirement"),
                            columns=pd.Index(self.characteristics, name="characteristic"))

    def technical_importance(self, *, weights: Any = "importance",
                             normalise: bool = False) -> pd.Series:
        """Absolute technical importance ``TI_j = sum_i w_i r_ij`` (the textbook's basement).

        ``weights`` is ``"importance"`` (the customer weights, default), ``"planning"`` (the
        normalised weights of :meth:`planning_matrix`) or an array with one weight per
        requirement. ``normalise=True`` row-normalises ``r`` first (Wasserman 1993).

        >>> h = HouseOfQuality(["a", "b"], [5, 2], ["x", "y"], [[9, 1], [3, 9]])
        >>> h.technical_importance().tolist()   # [5*9 + 2*3, 5*1 + 2*9]
        [51.0, 23.0]
        """
        w = self._weights(weights)
        ti = w @ self.matrix(normalise=normalise).to_numpy()
        return pd.Series(ti, index=pd.Index(self.characteristics, name="characteristic"),
                         name="technical_importance")

    def relative_importance(self, *, weights: Any = "importance",
                            normalise: bool = False) -> pd.Series:
        """Relative technical importance ``RI_j = TI_j / sum_k TI_k`` (shares summing to 1).

        >>> h = HouseOfQuality(["a", "b"], [5, 2], ["x", "y"], [[9, 1], [3, 9]])
        >>> h.relative_importance().round(4).tolist()   # 51/74, 23/74
        [0.6892, 0.3108]
        """
        ti = self.technical_importance(weights=weights, normalise=normalise)
        total = float(ti.sum())
        if total <= 0:
            raise ValueError("relative importance is undefined: every technical importance is "
                             "0 (check importance and relationships)")
        return (ti / total).rename("relative_importance")

    def priorities(self, *, weights: Any = "importance",
                   normalise: bool = False) -> pd.DataFrame:
        """Absolute and relative technical importance with the rank (1 = top priority).

        >>> h = HouseOfQuality(["a", "b"], [5, 2], ["x", "y"], [[9, 1], [3, 9]])
        >>> h.priorities()["rank"].tolist()
        [1, 2]
        """
        ti = self.technical_importance(weights=weights, normalise=normalise)
        ri = self.relative_importance(weights=weights, normalise=normalise)
        rank = ti.rank(ascending=False, method="min").astype(int).rename("rank")
        return pd.concat([ti, ri, rank], axis=1)

    # -- export ---------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """The house as one table: importance, the relationship matrix and the assessment.

        Rows are requirements; columns are ``importance``, one column per characteristic,
        then ``current``, the competitors, ``target`` and ``sales_point`` when present.

        >>> HouseOfQuality(["a"], [2], ["x"], [["strong"]], current=[3]).to_frame()
                     importance    x  current
        requirement
        a                   2.0  9.0      3.0
        """
        frame = self.matrix()
        frame.columns.name = None
        frame.insert(0, "importance", self.importance)
        if self.current is not None:
            frame["current"] = self.current
        if self.competitors is not None:
            frame = frame.join(self.competitors)
        if self.targets is not None:
            frame["target"] = self.targets
        if self.targets is not None or not np.all(self.sales_points == 1):
            frame["sales_point"] = self.sales_points
        return frame
