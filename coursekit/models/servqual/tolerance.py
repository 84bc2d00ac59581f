"""The zone of tolerance: perceived service between the adequate and the desired level.

Seed 000 names the adequate and desired service levels; it does not use the term "zone of
tolerance", which is Parasuraman, Zeithaml & Berry's. Not from the textbook: the term and the
measures of service adequacy and superiority, MSA and MSS (Parasuraman, Zeithaml & Berry 1994,
"Alternative scales for measuring service quality: a comparative assessment based on
psychometric and diagnostic criteria", *Journal of Retailing* 70(3), 201-230; the title is
given from the literature - a search of the stored public pages did not return the paper).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array

__all__ = [
    "ZoneOfTolerance", "zone_of_tolerance",
]


@dataclass(frozen=True)
class ZoneOfTolerance:
    """Adequacy ``msa = P - A``, superiority ``mss = P - D`` and ``position`` in the zone."""

    msa: Any
    mss: Any
    position: Any

    def to_frame(self) -> pd.DataFrame:
        """The three measures side by side (one row per value)."""
        cols = {"msa": self.msa, "mss": self.mss, "position": self.position}
        return pd.DataFrame({k: np.ravel(np.asarray(v)) for k, v in cols.items()})


def _like(values: np.ndarray, template: Any) -> Any:
    if isinstance(template, pd.DataFrame):
        return pd.DataFrame(values, index=template.index, columns=template.columns)
    if isinstance(template, pd.Series):
        return pd.Series(values, index=template.index, name=template.name)
    if values.ndim == 0:
        return values.item()
    return values


def zone_of_tolerance(adequate: Any, desired: Any, perceived: Any) -> ZoneOfTolerance:
    """Place perceived service against the zone of tolerance ``[adequate, desired]``.

    ``MSA = P - A`` (measure of service adequacy) and ``MSS = P - D`` (measure of service
    superiority); position is ``"below"`` if ``P < A``, ``"above"`` if ``P > D``, else
    ``"within"``. Seed 000: firms should perform above the adequate level and seize chances to
    exceed the desired level. Not from the textbook: the MSA/MSS names (Parasuraman, Zeithaml &
    Berry 1994).

    >>> z = zone_of_tolerance([5, 5, 5], [6.5, 6.5, 6.5], [4.2, 6.0, 6.8])
    >>> z.position.tolist(), np.round(z.msa, 2).tolist()
    (['below', 'within', 'above'], [-0.8, 1.0, 1.8])
    """
    arrays = {n: as_float_array(v, n) for n, v in
              (("adequate", adequate), ("desired", desired), ("perceived", perceived))}
    for name, value in (("adequate", adequate), ("desired", desired)):
        if isinstance(value, (pd.Series, pd.DataFrame)) and type(value) is type(perceived):
            same = value.index.equals(perceived.index) and (
                not isinstance(value, pd.DataFrame) or value.columns.equals(perceived.columns))
            if not same:
                raise ValueError(f"{name} and perceived must have the same index and columns")
    try:
        a, d, p = np.broadcast_arrays(*arrays.values())
    except ValueError:
        shapes = {k: v.shape for k, v in arrays.items()}
        raise ValueError(f"adequate, desired and perceived must have the same shape; got {shapes}")
    if np.any(d < a):
        raise ValueError("desired must be >= adequate everywhere (the desired level is the top "
                         "of the zone of tolerance)")
    position = np.where(p < a, "below", np.where(p > d, "above", "within"))
    template = perceived if isinstance(perceived, (pd.Series, pd.DataFrame)) else None
    if template is not None and np.shape(template) != p.shape:
        template = None
    return ZoneOfTolerance(msa=_like(p - a, template), mss=_like(p - d, template),
                           position=_like(position.astype(object), template))
