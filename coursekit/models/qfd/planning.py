"""The planning matrix of a house of quality: improvement ratio, sales point and weights.

Not from the textbook: the planning matrix with improvement ratio and sales point (Cohen 1995,
*Quality Function Deployment: How to Make QFD Work for You*, Addison-Wesley) and the Kano
adjustment of the improvement ratio (Tan & Shen 2000, "Integrating Kano's model in the planning
matrix of quality function deployment", *Total Quality Management* 11(8): 1141-1151).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_number

__all__ = ["KANO_EXPONENTS"]

#: Exponent ``k`` in ``IR_adj = IR ** k`` per Kano category (after Tan & Shen 2000).
KANO_EXPONENTS: Mapping[str, float] = {"attractive": 2.0, "one-dimensional": 1.0,
                                       "must-be": 0.5}


class _PlanningMatrix:
    """Planning-matrix methods of :class:`~coursekit.models.qfd.HouseOfQuality`."""

    requirements: tuple[str, ...]
    importance: np.ndarray
    current: np.ndarray | None
    targets: np.ndarray | None
    sales_points: np.ndarray
    competitors: pd.DataFrame | None

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

        >>> from coursekit.models.qfd.house import HouseOfQuality
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
