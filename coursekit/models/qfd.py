"""Quality function deployment: the house of quality (textbook 4.2, "The Voice of the Customer").

The textbook (l.1352-1359) lists the six rooms of a house of quality:

1. customer requirements (the *whats*) with their relative importance ``w_i``;
2. engineering characteristics (the *hows*);
3. the relationship matrix ``r_ij`` ("the degree of the correlation may be represented by
   different symbols");
4. the roof (correlations among the hows: synergies and trade-offs);
5. the competitive assessment (how customers rate us and our competitors);
6. the basement, which ranks the hows "by multiplying the values in each cell by the weight of
   the 'why' and then adding the values together":

   .. math:: \\text{TI}_j = \\sum_i w_i \\, r_{ij}, \\qquad
             \\text{RI}_j = \\text{TI}_j / \\sum_k \\text{TI}_k .

Not from the textbook: the 9/3/1 symbol scale (strong/medium/weak; Akao 1990, *Quality Function
Deployment*, Productivity Press; Hauser & Clausing 1988, "The House of Quality", *Harvard Business
Review* 66(3): 63-73), the roof's ++/+/-/-- convention (Hauser & Clausing 1988), the planning
matrix with improvement ratio and sales point (Cohen 1995, *Quality Function Deployment: How to
Make QFD Work for You*, Addison-Wesley), row normalisation of the relationship matrix
(Wasserman 1993, "On how to prioritize design requirements during the QFD planning process",
*IIE Transactions* 25(3): 59-65) and the Kano adjustment of the improvement ratio (Tan & Shen
2000, "Integrating Kano's model in the planning matrix of quality function deployment", *Total
Quality Management* 11(8): 1141-1151).

>>> house = HouseOfQuality(
...     ["tasty food", "quick service"], [5, 3],
...     ["chef training", "servers per shift"],
...     [["strong", "weak"], [None, "strong"]])
>>> house.technical_importance()
characteristic
chef training        45.0
servers per shift    32.0
Name: technical_importance, dtype: float64
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_choice, check_number

__all__ = [
    "DEFAULT_SCALE",
    "ROOF_SCALE",
    "KANO_EXPONENTS",
    "DIRECTIONS",
    "HouseOfQuality",
]

#: Relationship symbols -> strength (Akao 1990; Hauser & Clausing 1988). Not from the textbook.
DEFAULT_SCALE: Mapping[str, float] = {"strong": 9.0, "medium": 3.0, "weak": 1.0}
#: Pictograms commonly printed in a house, mapped to the names of ``DEFAULT_SCALE``.
_SYMBOL_ALIASES = {"●": "strong", "◉": "strong", "○": "medium", "◯": "medium",
                   "△": "weak", "▽": "weak", "▲": "weak"}
_BLANKS = {"", "none", "0"}
#: Roof symbols -> correlation between two hows (Hauser & Clausing 1988). Not from the textbook.
ROOF_SCALE: Mapping[str, float] = {"++": 2.0, "+": 1.0, "-": -1.0, "--": -2.0, "−": -1.0,
                                   "−−": -2.0}
#: Exponent ``k`` in ``IR_adj = IR ** k`` per Kano category (after Tan & Shen 2000).
KANO_EXPONENTS: Mapping[str, float] = {"attractive": 2.0, "one-dimensional": 1.0,
                                       "must-be": 0.5}
#: Allowed directions of improvement of a characteristic (the arrows above the hows).
DIRECTIONS = ("max", "min", "target")


def _labels(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, pd.Index, np.ndarray)):
        raise TypeError(f"{name} must be a list of names; got {type(value).__name__}")
    labels = tuple(value)
    if not labels:
        raise ValueError(f"{name} must name at least one item; got an empty list")
    bad = [v for v in labels if not isinstance(v, str) or not v.strip()]
    if bad:
        raise TypeError(f"{name} must contain non-empty strings; got {bad[0]!r}")
    dupes = sorted({v for v in labels if labels.count(v) > 1})
    if dupes:
        raise ValueError(f"{name} must not repeat names; {dupes} appear more than once")
    return labels


def _vector(value: Any, name: str, n: int, what: str, *, positive: bool = False) -> np.ndarray:
    arr = np.atleast_1d(as_float_array(value, name))
    if arr.ndim != 1 or arr.size != n:
        raise ValueError(f"{name} must have one value per {what} ({n}); got shape {arr.shape}")
    check_number(arr, name, low=0.0, low_open=positive)
    arr = arr.copy()
    arr.setflags(write=False)
    return arr


def _cell(value: Any, where: str, scale: Mapping[str, float]) -> float:
    """One relationship cell: a number >= 0, a symbol of ``scale``, or blank."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return 0.0
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{where} must be a number or a symbol, not a boolean")
    if isinstance(value, Real):
        return float(check_number(value, where, low=0.0))
    if isinstance(value, str):
        key = value.strip().lower()
        key = _SYMBOL_ALIASES.get(key, key)
        if key in scale:
            return float(scale[key])
        if key in _BLANKS:
            return 0.0
        try:
            return float(check_number(float(key), where, low=0.0))
        except ValueError as err:
            if "must be" in str(err):
                raise
        allowed = ", ".join(repr(s) for s in (*scale, *_SYMBOL_ALIASES))
        raise ValueError(
            f"{where} = {value!r} is not a known symbol; use a number >= 0, a blank, or one "
            f"of {allowed}")
    raise TypeError(f"{where} must be a number or a symbol; got {type(value).__name__}")


def _relationship_matrix(value: Any, requirements: tuple[str, ...],
                         characteristics: tuple[str, ...],
                         scale: Mapping[str, float]) -> np.ndarray:
    m, k = len(requirements), len(characteristics)
    out = np.zeros((m, k))
    if isinstance(value, pd.DataFrame):
        missing_r = [r for r in requirements if r not in value.index]
        missing_c = [c for c in characteristics if c not in value.columns]
        if missing_r or missing_c or value.shape != (m, k):
            raise ValueError(
                "relationships as a DataFrame must have the requirements as index and the "
                f"characteristics as columns; missing rows {missing_r}, missing columns "
                f"{missing_c}, shape {value.shape} (expected {(m, k)})")
        value = value.loc[list(requirements), list(characteristics)].to_numpy(dtype=object)
    if isinstance(value, Mapping):
        for key, cell in value.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise TypeError("relationships as a mapping must have (requirement, "
                                f"characteristic) keys; got {key!r}")
            req, char = key
            if req not in requirements:
                raise ValueError(f"relationships names unknown requirement {req!r}; "
                                 f"known: {list(requirements)}")
            if char not in characteristics:
                raise ValueError(f"relationships names unknown characteristic {char!r}; "
                                 f"known: {list(characteristics)}")
            i, j = requirements.index(req), characteristics.index(char)
            out[i, j] = _cell(cell, f"relationships[{req!r}, {char!r}]", scale)
        return out
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError("relationships must be a matrix (list of rows), a DataFrame or a "
                        "mapping {(requirement, characteristic): strength}")
    rows = list(value)
    if len(rows) != m:
        raise ValueError(f"relationships must have one row per requirement ({m}); "
                         f"got {len(rows)} rows")
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not hasattr(row, "__len__"):
            raise TypeError(f"relationships row {i} must be a list of cells; got {row!r}")
        if len(row) != k:
            raise ValueError(f"relationships row {i} ({requirements[i]!r}) must have one cell "
                             f"per characteristic ({k}); got {len(row)}")
        for j, cell in enumerate(row):
            out[i, j] = _cell(cell, f"relationships[{requirements[i]!r}, "
                                    f"{characteristics[j]!r}]", scale)
    return out


def _roof_matrix(value: Any, characteristics: tuple[str, ...]) -> np.ndarray:
    k = len(characteristics)
    out = np.zeros((k, k))

    def parse(cell: Any, where: str) -> float:
        if cell is None:
            return 0.0
        if isinstance(cell, str):
            key = cell.strip()
            if key in ROOF_SCALE:
                return ROOF_SCALE[key]
            if key == "":
                return 0.0
            raise ValueError(f"{where} = {cell!r} is not a roof symbol; use a number in "
                             f"[-2, 2] or one of {sorted(ROOF_SCALE)}")
        return float(check_number(cell, where, low=-2.0, high=2.0))

    if isinstance(value, Mapping):
        for key, cell in value.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise TypeError(f"roof keys must be (characteristic, characteristic) pairs; "
                                f"got {key!r}")
            a, b = key
            for c in (a, b):
                if c not in characteristics:
                    raise ValueError(f"roof names unknown characteristic {c!r}; known: "
                                     f"{list(characteristics)}")
            if a == b:
                raise ValueError(f"roof pairs two different characteristics; got {key!r}")
            i, j = characteristics.index(a), characteristics.index(b)
            out[i, j] = out[j, i] = parse(cell, f"roof[{a!r}, {b!r}]")
    else:
        if isinstance(value, pd.DataFrame):
            value = value.loc[list(characteristics), list(characteristics)].to_numpy(object)
        rows = np.asarray(value, dtype=object)
        if rows.shape != (k, k):
            raise ValueError(f"roof must be a {k} x {k} matrix (one row and column per "
                             f"characteristic) or a mapping of pairs; got shape {rows.shape}")
        for i in range(k):
            for j in range(k):
                out[i, j] = parse(rows[i, j], f"roof[{characteristics[i]!r}, "
                                              f"{characteristics[j]!r}]")
        if not np.allclose(out, out.T):
            raise ValueError("roof must be symmetric (the correlation of a with b equals that "
                             "of b with a)")
        np.fill_diagonal(out, 0.0)
    out.setflags(write=False)
    return out


class HouseOfQuality:
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

    Not from the textbook: the numeric scales (see the module docstring for citations).

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

    # -- the planning matrix (competitive assessment) ------------------------------------
    def planning_matrix(self, *, kano: Any = None,
                        kano_exponents: Mapping[str, float] | None = None) -> pd.DataFrame:
        """The planning matrix: improvement ratio, raw weight and normalised weight.

        .. math:: IR_i = \\text{target}_i / \\text{current}_i, \\quad
                  \\text{raw}_i = w_i \\cdot IR_i \\cdot SP_i, \\quad
                  \\text{normalised}_i = \\text{raw}_i / \\sum_k \\text{raw}_k .

        With ``kano`` (one Kano category per requirement, or a mapping requirement ->
        category) the improvement ratio is adjusted to ``IR_i ** k`` with ``k`` from
        ``kano_exponents`` (default :data:`KANO_EXPONENTS`: attractive 2, one-dimensional 1,
        must-be 1/2), so raising an attractive requirement counts for more and over-serving
        a must-be for less.

        Not from the textbook: Cohen 1995 (planning matrix, sales points); Tan & Shen 2000
        (Kano exponent on the improvement ratio; papers differ on whether ``k`` or ``1/k`` is
        applied, so the exponents are a parameter).

        >>> h = HouseOfQuality(["a", "b"], [4, 2], ["x"], [[9], [3]], current=[2, 4],
        ...                    targets=[4, 4], sales_points=[1.5, 1])
        >>> h.planning_matrix()["raw_weight"].tolist()   # 4*2*1.5, 2*1*1
        [12.0, 2.0]
        >>> h.planning_matrix(kano=["attractive", "must-be"])["raw_weight"].tolist()
        [24.0, 2.0]
        """
        if self.current is None:
            raise ValueError("current is needed for the planning matrix; pass current=[...] "
                             "(customers' rating of our service per requirement)")
        if self.targets is None:
            raise ValueError("targets is needed for the planning matrix; pass targets=[...] "
                             "(the goal rating per requirement)")
        ratio = self.targets / self.current
        table = pd.DataFrame({"importance": self.importance, "current": self.current},
                             index=pd.Index(self.requirements, name="requirement"))
        if self.competitors is not None:
            table = table.join(self.competitors)
        table["target"] = self.targets
        table["improvement_ratio"] = ratio
        if kano is not None:
            exps = KANO_EXPONENTS if kano_exponents is None else kano_exponents
            cats = self._kano_list(kano)
            for c in cats:
                if c not in exps:
                    raise ValueError(
                        f"kano category {c!r} has no exponent; kano_exponents covers "
                        f"{sorted(exps)} (pass kano_exponents to include it)")
            k = np.array([check_number(exps[c], f"kano_exponents[{c!r}]", low=0.0)
                          for c in cats], dtype=float)
            table["kano"] = cats
            table["kano_exponent"] = k
            ratio = ratio ** k
            table["adjusted_ratio"] = ratio
        table["sales_point"] = self.sales_points
        raw = self.importance * ratio * self.sales_points
        if raw.sum() <= 0:
            raise ValueError("importance is 0 for every requirement; the planning weights are "
                             "undefined")
        table["raw_weight"] = raw
        table["normalised_weight"] = raw / raw.sum()
        return table

    def _kano_list(self, kano: Any) -> list[str]:
        m = len(self.requirements)
        if isinstance(kano, pd.Series) or isinstance(kano, Mapping):
            missing = [r for r in self.requirements if r not in kano]
            if missing:
                raise ValueError(f"kano has no category for requirement(s) {missing}")
            return [str(kano[r]) for r in self.requirements]
        if isinstance(kano, str) or len(kano) != m:
            raise ValueError(f"kano must give one category per requirement ({m})")
        return [str(c) for c in kano]

    # -- the roof -------------------------------------------------------------------------
    def roof_conflicts(self) -> pd.DataFrame:
        """Pairs of characteristics with a negative roof correlation (trade-offs), worst first.

        >>> h = HouseOfQuality(["a"], [1], ["staff", "price", "speed"], [[9, 3, 1]],
        ...                    roof={("staff", "price"): "--", ("staff", "speed"): "+"})
        >>> h.roof_conflicts()
          characteristic_a characteristic_b  correlation
        0            staff            price         -2.0
        """
        cols = ["characteristic_a", "characteristic_b", "correlation"]
        if self.roof is None:
            return pd.DataFrame(columns=cols).astype({"correlation": float})
        i, j = np.triu_indices(len(self.characteristics), k=1)
        vals = self.roof[i, j]
        neg = vals < 0
        names = np.array(self.characteristics, dtype=object)
        out = pd.DataFrame({cols[0]: names[i[neg]], cols[1]: names[j[neg]],
                            cols[2]: vals[neg]})
        return out.sort_values("correlation", kind="stable").reset_index(drop=True)

    def roof_frame(self) -> pd.DataFrame:
        """The roof as a symmetric characteristics x characteristics DataFrame (0 = none).

        >>> HouseOfQuality(["a"], [1], ["x", "y"], [[1, 1]], roof={("x", "y"): "+"}
        ...                ).roof_frame().to_numpy().tolist()
        [[0.0, 1.0], [1.0, 0.0]]
        """
        k = len(self.characteristics)
        roof = np.zeros((k, k)) if self.roof is None else self.roof
        idx = pd.Index(self.characteristics, name="characteristic")
        return pd.DataFrame(roof, index=idx, columns=idx.rename(None))

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
