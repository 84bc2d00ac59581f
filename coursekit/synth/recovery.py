"""Synthetic service-recovery scenario experiment (module 12), with known true effects.

A 2 x 3 x 2 between-subjects scenario experiment of the kind the recovery-paradox literature runs
(Smith, Bolton & Wagner 1999; Magnini et al. 2007): each subject reads one hotel scenario in which

* the failure is **minor** (felt severity 0.5 scale points on average) or **major** (1.5),
* the hotel's recovery is **none**, an **apology**, or a **full** recovery (compensation, speed,
  apology and initiative; :data:`coursekit.models.recovery.RECOVERY_PRESETS`),
* the cause is presented as **unstable_uncontrollable** (a one-off, outside the hotel's control)
  or **stable_controllable** (a recurring problem the hotel could have prevented).

Subjects rate their satisfaction before the failure is revealed (``satisfaction_before``) and after
the recovery (``satisfaction``), and state a repurchase intention and word of mouth. The responses
are simulated by :func:`coursekit.models.recovery.simulate_encounters` with the default
parameters, so the **true** cell means are known exactly (:func:`true_cell_means`): an analysis of
the data should recover them. All numbers are assumptions of the coursekit authors, not data.

>>> df = recovery_experiment()
>>> df.shape
(2400, 8)
>>> df.groupby(["severity", "recovery", "attribution"], observed=True).size().unique().tolist()
[200]
"""
from __future__ import annotations

from itertools import product

import pandas as pd

from coursekit._validate import check_integer
from coursekit.models.recovery import expected_path, simulate_encounters

__all__ = ["SEVERITY_LEVELS", "RECOVERY_LEVELS", "ATTRIBUTION_LEVELS", "recovery_experiment",
           "true_cell_means"]

_SEED = 20240812

#: Severity condition -> mean felt severity (scale points).
SEVERITY_LEVELS: dict[str, float] = {"minor": 0.5, "major": 1.5}
#: Recovery condition -> preset name in RECOVERY_PRESETS.
RECOVERY_LEVELS: tuple[str, ...] = ("none", "apology", "full")
#: Attribution condition -> (stability, controllability).
ATTRIBUTION_LEVELS: dict[str, tuple[float, float]] = {
    "unstable_uncontrollable": (0.0, 0.0),
    "stable_controllable": (1.0, 1.0),
}


def _cells():
    return list(product(SEVERITY_LEVELS, RECOVERY_LEVELS, ATTRIBUTION_LEVELS))


def recovery_experiment(n_per_cell: int = 200, seed: int = _SEED) -> pd.DataFrame:
    """The scenario experiment: ``n_per_cell`` subjects in each of the 12 cells.

    Columns: ``subject``, ``severity``, ``recovery``, ``attribution`` (categorical, levels in
    design order), ``satisfaction_before``, ``satisfaction`` (latent satisfaction in scale
    points, 3 decimals), ``repurchase_intention`` (probability, 3 decimals), ``word_of_mouth``
    (-1 = warns everyone, +1 = recommends; 3 decimals). Subjects who saw no recovery keep their
    post-failure satisfaction.
    """
    n_per_cell = check_integer(n_per_cell, "n_per_cell", low=2, high=100_000)
    seed = check_integer(seed, "seed", low=0)
    parts = []
    for i, (sev, rec, att) in enumerate(_cells()):
        stability, control = ATTRIBUTION_LEVELS[att]
        sim = simulate_encounters(n_per_cell, severity=SEVERITY_LEVELS[sev], recovery=rec,
                                  stability=stability, controllability=control,
                                  seed=seed * 100 + i)
        parts.append(pd.DataFrame({
            "severity": sev, "recovery": rec, "attribution": att,
            "satisfaction_before": sim["sat_no_failure"].round(3),
            "satisfaction": sim["sat_recovery"].round(3),
            "repurchase_intention": sim["repurchase"].round(3),
            "word_of_mouth": sim["word_of_mouth"].round(3),
        }))
    df = pd.concat(parts, ignore_index=True)
    df.insert(0, "subject", pd.RangeIndex(1, len(df) + 1).astype("int64"))
    for col, levels in (("severity", list(SEVERITY_LEVELS)), ("recovery", list(RECOVERY_LEVELS)),
                        ("attribution", list(ATTRIBUTION_LEVELS))):
        df[col] = pd.Categorical(df[col], categories=levels)
    return df


def true_cell_means() -> pd.DataFrame:
    """The exact expected ``satisfaction_before`` and ``satisfaction`` of every cell.

    ``change`` = satisfaction - satisfaction_before (positive: the paradox holds on average in
    that cell) and ``paradox_share`` = share of subjects above their no-failure level.

    >>> t = true_cell_means()
    >>> t.loc[("minor", "full", "unstable_uncontrollable"), "change"].round(3)
    np.float64(0.532)
    >>> int((t["change"] > 0).sum())
    1
    """
    rows = []
    for sev, rec, att in _cells():
        stability, control = ATTRIBUTION_LEVELS[att]
        path = expected_path(severity=SEVERITY_LEVELS[sev], recovery=rec, stability=stability,
                             controllability=control)
        rows.append({"severity": sev, "recovery": rec, "attribution": att,
                     "satisfaction_before": path.no_failure, "satisfaction": path.after_recovery,
                     "change": path.recovery_gap, "paradox_share": path.paradox_share})
    return pd.DataFrame(rows).set_index(["severity", "recovery", "attribution"])
