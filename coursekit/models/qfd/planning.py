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

__all__ = ["KANO_EXPONENTS", "KANO_EXPONENTS_REVERSED", "TAN_SHEN_KANO_PARAMETERS"]

#: Tan & Shen's (2000) Kano parameter ``k`` per category, used as ``IR_adj = IR ** (1 / k)``.
TAN_SHEN_KANO_PARAMETERS: Mapping[str, float] = {"must-be": 0.5, "one-dimensional": 1.0,
                                                 "attractive": 2.0}

#: Exponent ``e = 1 / k`` applied as ``IR_adj = IR ** e`` (the published Tan & Shen form; the
#: default): must-be 2, one-dimensional 1, attractive 1/2.
KANO_EXPONENTS: Mapping[str, float] = {c: 1.0 / k for c, k in TAN_SHEN_KANO_PARAMETERS.items()}

#: The reverse reading ``IR_adj = IR ** k`` (attractive 2, one-dimensional 1, must-be 1/2), which
#: this project used before: a named variant, not Tan & Shen's form.
KANO_EXPONENTS_REVERSED: Mapping[str, float] = dict(TAN_SHEN_KANO_PARAMETERS)


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
        category) the improvement ratio is adjusted as in Tan & Shen (2000):

        .. math:: IR^{adj}_i = IR_i^{1/k_i}, \\qquad k = 1/2 \\text{ (must-be)},\\;
                  1 \\text{ (one-dimensional)},\\; 2 \\text{ (attractive)},

        i.e. the exponent ``e = 1/k`` of ``kano_exponents`` (default :data:`KANO_EXPONENTS`:
        must-be 2, one-dimensional 1, attractive 1/2). What this does depends on the side of 1
        the ratio is on. A requirement that needs improving (``IR > 1``) gains weight if it is a
        must-be (``1.33 ** 2 = 1.78``) and less than proportionally if it is attractive
        (``1.33 ** 0.5 = 1.15``): a must-be below target is the urgent case. A requirement
        that is over-served (``IR < 1``) loses weight faster if it is a must-be
        (``0.8 ** 2 = 0.64``) and keeps more if it is attractive (``0.8 ** 0.5 = 0.894``).
        :data:`KANO_EXPONENTS_REVERSED` (``IR ** k``: attractive 2, must-be 1/2) is the
        opposite reading, kept as a named variant for comparison; note that with it an
        over-served must-be at ``IR = 0.8`` is *raised* to 0.894, not lowered.

        Not from the textbook: Cohen 1995 (planning matrix, sales points); Tan & Shen 2000
        (Kano adjustment of the improvement ratio). What could be checked: the abstract of
        Chaudha et al. (2011, "Integration of Kano's model into quality function deployment
        (QFD)", *Int J Adv Manuf Technol* 53: 689-698) credits Tan & Shen (2000) with adjusting
        the improvement ratio by Kano category. What could not: the formula and the values of
        ``k`` in Tan & Shen's paper itself (not available to the authors); they follow the
        secondary literature (Tontini 2007, *Total Quality Management & Business Excellence*
        18(6): 599-612; Chaudha et al. 2011), which reports ``IR ** (1/k)`` with
        ``k = 1/2, 1, 2``.

        >>> from coursekit.models.qfd.house import HouseOfQuality
        >>> h = HouseOfQuality(["a", "b"], [4, 2], ["x"], [[9], [3]], current=[2, 4],
        ...                    targets=[4, 4], sales_points=[1.5, 1])
        >>> h.planning_matrix()["raw_weight"].tolist()   # 4*2*1.5, 2*1*1
        [12.0, 2.0]
        >>> h.planning_matrix(kano=["attractive", "must-be"])["raw_weight"].round(3).tolist()
        [8.485, 2.0]
        >>> h.planning_matrix(kano=["attractive", "must-be"],
        ...                   kano_exponents=KANO_EXPONENTS_REVERSED)["raw_weight"].tolist()
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
