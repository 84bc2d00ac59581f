"""The parameters of the service-recovery model, each with its unit and source.

The model is described in :mod:`coursekit.models.recovery`. Not from the textbook: the values
follow Tversky & Kahneman (1992), "Advances in prospect theory", *Journal of Risk and
Uncertainty* 5, 297-323, or are labelled assumptions whose direction follows Oliver (1980),
Smith, Bolton & Wagner (1999), Magnini et al. (2007), Maxham & Netemeyer (2002) and de Matos,
Henrique & Rossi (2007) (full references in :mod:`coursekit.models.recovery`).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from coursekit._validate import check_nonnegative, check_number, check_probability
from coursekit.models.recovery.complaints import DEFAULT_COMPLAINT_RATE

__all__ = [
    "RecoveryParameters", "DEFAULT_PARAMETERS", "parameter_table",
]

_TK = "Tversky & Kahneman (1992)"
_ASSUME = "assumption (no published value)"

# name -> (unit, source); the single documented place for every parameter of the model.
_PARAMETER_NOTES: dict[str, tuple[str, str]] = {
    "gain_curvature": ("-", f"{_TK}: alpha = 0.88"),
    "loss_curvature": ("-", f"{_TK}: beta = 0.88"),
    "loss_aversion": ("-", f"{_TK}: lambda = 2.25"),
    "expectation_mean": ("scale points", f"{_ASSUME}: mid-high point of a 7-point scale"),
    "expectation_sd": ("scale points", _ASSUME),
    "disconfirmation_sd": ("scale points", f"{_ASSUME}; Oliver (1980) for the structure"),
    "weight_compensation": ("scale points", f"{_ASSUME}; direction: Smith, Bolton & Wagner (1999)"),
    "weight_speed": ("scale points", f"{_ASSUME}; direction: Smith, Bolton & Wagner (1999)"),
    "weight_apology": ("scale points", f"{_ASSUME}; direction: Smith, Bolton & Wagner (1999)"),
    "weight_initiative": ("scale points", f"{_ASSUME}; direction: Smith, Bolton & Wagner (1999)"),
    "stability_effect": ("share", f"{_ASSUME}; direction: Magnini et al. (2007)"),
    "controllability_effect": ("share", f"{_ASSUME}; direction: Magnini et al. (2007)"),
    "prior_failure_retention": ("share", f"{_ASSUME}; direction: Maxham & Netemeyer (2002)"),
    "severity_dispersion": ("log sd", _ASSUME),
    "recovery_dispersion": ("log sd", _ASSUME),
    "complaint_rate": ("share", "assumption: TARP 4 % via Hart, Heskett & Sasser (1990)"),
    "repurchase_intercept": ("log-odds", f"{_ASSUME}: 82 % repurchase without a failure"),
    "satisfaction_slope": ("log-odds per point", _ASSUME),
    "wom_slope": ("per point", _ASSUME),
    "recurrence_base": ("log-odds", f"{_ASSUME}; direction: de Matos et al. (2007)"),
    "recurrence_stability": ("log-odds", f"{_ASSUME}; direction: de Matos et al. (2007)"),
}


@dataclass(frozen=True)
class RecoveryParameters:
    """Every parameter of the recovery model, with defaults; sources in :func:`parameter_table`.

    >>> RecoveryParameters().loss_aversion
    2.25
    >>> RecoveryParameters(loss_aversion=0)
    Traceback (most recent call last):
    ...
    ValueError: loss_aversion must be > 0; got 0
    """

    gain_curvature: float = 0.88
    loss_curvature: float = 0.88
    loss_aversion: float = 2.25
    expectation_mean: float = 5.0
    expectation_sd: float = 0.5
    disconfirmation_sd: float = 0.5
    weight_compensation: float = 0.8
    weight_speed: float = 0.4
    weight_apology: float = 0.4
    weight_initiative: float = 0.3
    stability_effect: float = 0.4
    controllability_effect: float = 0.4
    prior_failure_retention: float = 0.35
    severity_dispersion: float = 0.4
    recovery_dispersion: float = 0.4
    complaint_rate: float = DEFAULT_COMPLAINT_RATE
    repurchase_intercept: float = 1.5
    satisfaction_slope: float = 0.8
    wom_slope: float = 0.6
    recurrence_base: float = 0.6
    recurrence_stability: float = 0.6

    def __post_init__(self) -> None:
        for name in ("gain_curvature", "loss_curvature"):
            check_number(getattr(self, name), name, low=0.0, high=1.0, low_open=True)
        check_number(self.loss_aversion, "loss_aversion", low=0.0, low_open=True)
        check_number(self.expectation_mean, "expectation_mean")
        check_number(self.repurchase_intercept, "repurchase_intercept")
        for name in ("stability_effect", "controllability_effect", "prior_failure_retention",
                     "complaint_rate"):
            check_probability(getattr(self, name), name)
        for name in ("expectation_sd", "disconfirmation_sd", "weight_compensation", "weight_speed",
                     "weight_apology", "weight_initiative", "severity_dispersion",
                     "recovery_dispersion", "satisfaction_slope", "wom_slope",
                     "recurrence_base", "recurrence_stability"):
            check_nonnegative(getattr(self, name), name)
        if self.complaint_rate >= 1:
            raise ValueError(f"complaint_rate must be < 1; got {self.complaint_rate}")


DEFAULT_PARAMETERS = RecoveryParameters()


def parameter_table(params: RecoveryParameters | None = None) -> pd.DataFrame:
    """The parameters as a table: value, unit, source, and whether the value is an assumption.

    >>> t = parameter_table()
    >>> float(t.loc["loss_aversion", "value"]), bool(t.loc["loss_aversion", "assumption"])
    (2.25, False)
    >>> int(t["assumption"].sum())
    18
    """
    params = _check_params(params)
    rows = []
    for f in fields(RecoveryParameters):
        unit, source = _PARAMETER_NOTES[f.name]
        rows.append({"parameter": f.name, "value": float(getattr(params, f.name)), "unit": unit,
                     "source": source, "assumption": source.startswith("assumption")})
    return pd.DataFrame(rows).set_index("parameter")


def _check_params(params: Any) -> RecoveryParameters:
    if params is None:
        return DEFAULT_PARAMETERS
    if not isinstance(params, RecoveryParameters):
        raise TypeError(f"params must be a RecoveryParameters; got {type(params).__name__}")
    return params
