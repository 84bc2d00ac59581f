"""The roof of a house of quality: correlations among the hows (synergies and trade-offs).

Textbook 4.2 (l.1352-1359) names the roof as the fourth room. Not from the textbook: the
++/+/-/-- convention and its numeric values (Hauser & Clausing 1988, "The House of Quality",
*Harvard Business Review* 66(3): 63-73).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_number

__all__ = ["ROOF_SCALE"]

#: Roof symbols -> correlation between two hows (Hauser & Clausing 1988). Not from the textbook.
ROOF_SCALE: Mapping[str, float] = {"++": 2.0, "+": 1.0, "-": -1.0, "--": -2.0, "−": -1.0,
                                   "−−": -2.0}


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


class _Roof:
    """Roof methods of :class:`~coursekit.models.qfd.HouseOfQuality`."""

    characteristics: tuple[str, ...]
    roof: np.ndarray | None

    def roof_conflicts(self) -> pd.DataFrame:
        """Pairs of characteristics with a negative roof correlation (trade-offs), worst first.

        >>> from coursekit.models.qfd.house import HouseOfQuality
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

        >>> from coursekit.models.qfd.house import HouseOfQuality
        >>> HouseOfQuality(["a"], [1], ["x", "y"], [[1, 1]], roof={("x", "y"): "+"}
        ...                ).roof_frame().to_numpy().tolist()
        [[0.0, 1.0], [1.0, 0.0]]
        """
        k = len(self.characteristics)
        roof = np.zeros((k, k)) if self.roof is None else self.roof
        idx = pd.Index(self.characteristics, name="characteristic")
        return pd.DataFrame(roof, index=idx, columns=idx.rename(None))
