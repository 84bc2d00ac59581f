"""Disconfirmation and justice: what a recovery is worth to the customer who suffered a failure.

A recovery's justice ``J`` (distributive, procedural and interactional; Smith, Bolton & Wagner
1999, "A model of customer satisfaction with service encounters involving failure and recovery",
*Journal of Marketing Research* 36(3), 356-372), the prospect-theory value of gains and losses
(Tversky & Kahneman 1992, "Advances in prospect theory", *Journal of Risk and Uncertainty* 5,
297-323) and the restoration factor ``m`` that attributions and prior failures shrink (Magnini,
Ford, Markowski & Honeycutt 2007, *Journal of Services Marketing* 21(3), 213-225; Maxham &
Netemeyer 2002, *Journal of Marketing* 66(4), 57-71). Not from the textbook; the whole model is
described in :mod:`coursekit.models.recovery`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from coursekit._validate import check_choice, check_integer, check_number, check_probability
from coursekit.models.recovery.parameters import RecoveryParameters, _check_params

__all__ = [
    "Recovery", "RECOVERY_PRESETS", "prospect_value", "restoration_factor",
]


@dataclass(frozen=True)
class Recovery:
    """What the firm does after a failure (Smith, Bolton & Wagner 1999).

    ``compensation`` (distributive justice, 1 = redress that matches the loss, >1 allowed),
    ``speed`` (procedural justice, 0 = slow, 1 = immediate), ``apology`` and ``initiative``
    (interactional justice, 0-1; initiative = the firm, not the customer, starts the recovery).

    .. math:: J = w_c\\,\\text{compensation} + w_s\\,\\text{speed} + w_a\\,\\text{apology}
              + w_i\\,\\text{initiative}

    >>> Recovery(compensation=1, apology=1).justice()
    1.2
    >>> Recovery(speed=2)
    Traceback (most recent call last):
    ...
    ValueError: speed must be <= 1; got 2
    """

    compensation: float = 0.0
    speed: float = 0.0
    apology: float = 0.0
    initiative: float = 0.0

    def __post_init__(self) -> None:
        check_number(self.compensation, "compensation", low=0.0, scalar=True)
        for name in ("speed", "apology", "initiative"):
            check_number(getattr(self, name), name, low=0.0, high=1.0, scalar=True)

    def justice(self, params: RecoveryParameters | None = None) -> float:
        """The weighted justice ``J`` of this recovery (in scale points)."""
        p = _check_params(params)
        return round(float(p.weight_compensation * self.compensation + p.weight_speed * self.speed
                           + p.weight_apology * self.apology
                           + p.weight_initiative * self.initiative), 12)


#: Named recoveries used by the experiment, the notebook and the explorer.
RECOVERY_PRESETS: dict[str, Recovery] = {
    "none": Recovery(),
    "apology": Recovery(apology=1.0),
    "compensation": Recovery(compensation=1.0),
    "apology_compensation": Recovery(compensation=1.0, apology=1.0),
    "full": Recovery(compensation=1.0, speed=1.0, apology=1.0, initiative=1.0),
}


def _as_recovery(recovery: Any) -> Recovery:
    if isinstance(recovery, Recovery):
        return recovery
    if isinstance(recovery, str):
        return RECOVERY_PRESETS[check_choice(recovery, "recovery", RECOVERY_PRESETS)]
    if isinstance(recovery, Mapping):
        unknown = set(recovery) - {f.name for f in fields(Recovery)}
        if unknown:
            raise ValueError(f"recovery has unknown component(s) {sorted(unknown)}; allowed: "
                             "'compensation', 'speed', 'apology', 'initiative'")
        return Recovery(**recovery)
    raise TypeError("recovery must be a Recovery, a preset name "
                    f"({', '.join(map(repr, RECOVERY_PRESETS))}) or a dict; got {recovery!r}")


def prospect_value(x, *, gain_curvature: float = 0.88, loss_curvature: float = 0.88,
                   loss_aversion: float = 2.25):
    """Prospect-theory value of a gain or loss ``x`` (Tversky & Kahneman 1992).

    .. math:: v(x) = x^{\\alpha} \\text{ if } x \\ge 0, \\qquad
              v(x) = -\\lambda(-x)^{\\beta} \\text{ if } x < 0

    Not from the textbook. A loss weighs more than a gain of the same size.

    >>> round(prospect_value(100), 2), round(prospect_value(-100), 2)
    (57.54, -129.47)
    >>> prospect_value(-1.0)
    -2.25
    >>> prospect_value([0.0, 1.0]).tolist()
    [0.0, 1.0]
    """
    a = check_number(gain_curvature, "gain_curvature", low=0.0, high=1.0, low_open=True)
    b = check_number(loss_curvature, "loss_curvature", low=0.0, high=1.0, low_open=True)
    lam = check_number(loss_aversion, "loss_aversion", low=0.0, low_open=True)
    arr = check_number(x, "x")
    out = _value(np.asarray(arr, dtype=float), a, b, lam)
    return float(out) if np.ndim(out) == 0 else out


def _power(x: np.ndarray, k: float) -> np.ndarray:
    # x ** k for x >= 0 via exp(k log x): several times faster than np.power for float k
    with np.errstate(divide="ignore"):
        return np.exp(k * np.log(x))


def _value(x: np.ndarray, a: float, b: float, lam: float) -> np.ndarray:
    ax = np.abs(x)
    if a == b:
        p = _power(ax, a)
        return np.where(x >= 0, p, -lam * p)
    return np.where(x >= 0, _power(ax, a), -lam * _power(ax, b))


def restoration_factor(*, stability: float = 0.0, controllability: float = 0.0,
                       prior_failures: int = 0, params: RecoveryParameters | None = None) -> float:
    """How much of a recovery's justice the customer credits (1 = all of it).

    .. math:: m = (1 - e_S\\,\\text{stability})(1 - e_C\\,\\text{controllability})
              \\,\\rho^{\\text{prior failures}}

    A stable cause (it will happen again), a cause the firm controlled (it should have prevented
    it) and earlier failures all shrink what a recovery can restore (Magnini et al. 2007;
    Maxham & Netemeyer 2002). Not from the textbook; sizes are assumptions.

    >>> restoration_factor()
    1.0
    >>> round(restoration_factor(stability=1, controllability=1), 2)
    0.36
    >>> restoration_factor(prior_failures=1)
    0.35
    """
    p = _check_params(params)
    st = _scalar_probability(stability, "stability")
    co = _scalar_probability(controllability, "controllability")
    k = check_integer(prior_failures, "prior_failures", low=0)
    return float((1 - p.stability_effect * st) * (1 - p.controllability_effect * co)
                 * p.prior_failure_retention ** k)


def _credited_justice(recovery: Any, params: RecoveryParameters, *, stability: Any,
                      controllability: Any, prior_failures: Any) -> float:
    """``m J``: the justice of ``recovery`` times the restoration factor (the median gain)."""
    m = restoration_factor(stability=stability, controllability=controllability,
                           prior_failures=prior_failures, params=params)
    return m * _as_recovery(recovery).justice(params)


def _scalar_probability(value: Any, name: str) -> float:
    return float(check_probability(value, name, scalar=True))
