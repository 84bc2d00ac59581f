"""The cells of a house of quality: symbol scales and parsing of the relationship matrix.

The textbook (4.2, l.1352-1359) says only that "the degree of the correlation may be represented
by different symbols". Not from the textbook: the 9/3/1 symbol scale (strong/medium/weak) is
the Japanese practice of Akao (1990, *Quality Function Deployment*, Productivity Press). Hauser &
Clausing (1988, "The House of Quality", *Harvard Business Review* 66(3): 63-73) mark the cells
with signed symbols instead (strong/medium positive, medium/strong negative), so that a how can
*hurt* a what. This house cannot represent such negative what-how relationships: every cell is a
number >= 0 (a negative number raises ValueError); put a conflict between two hows in the roof,
and model a how that hurts a requirement outside the house. (Hauser & Clausing's symbols are
cited from the QFD literature, not checked against the HBR article.)
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_number

__all__ = ["DEFAULT_SCALE", "DIRECTIONS"]

#: Relationship symbols -> strength (the 9/3/1 practice of Akao 1990). Not from the textbook.
DEFAULT_SCALE: Mapping[str, float] = {"strong": 9.0, "medium": 3.0, "weak": 1.0}
#: Pictograms commonly printed in a house, mapped to the names of ``DEFAULT_SCALE``.
_SYMBOL_ALIASES = {"●": "strong", "◉": "strong", "○": "medium", "◯": "medium",
                   "△": "weak", "▽": "weak", "▲": "weak"}
_BLANKS = {"", "none", "0"}
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

