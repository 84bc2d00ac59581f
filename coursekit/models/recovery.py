"""Service failure and recovery: the recovery paradox as a simulation.

The chapter 8 material of the course (seed S0 l.23-27, S3 l.27-35) defines the **service recovery
paradox**: a customer whose service failed and was then well recovered can end up *more* satisfied
than if nothing had gone wrong. Empirical tests are mixed; the paradox is more likely when the
failure is **not severe**, the customer has **no prior failures** with the firm, the cause is seen
as **unstable** and the firm had **little control** over it - "conditions must be just right".
Recovery must be "superlative", and even when it lifts satisfaction it "has not been found to
increase purchase intentions".

This module turns those qualitative statements into a small, explicit model. Everything below the
definitions is **Not from the textbook**; the sources are:

* Oliver (1980), "A cognitive model of the antecedents and consequences of satisfaction decisions",
  *Journal of Marketing Research* 17(4), 460-469 - satisfaction from expectation and
  disconfirmation.
* Tversky & Kahneman (1992), "Advances in prospect theory", *Journal of Risk and Uncertainty* 5,
  297-323 - value function with curvature 0.88 and loss aversion 2.25; Thaler (1985), "Mental
  accounting and consumer choice", *Marketing Science* 4(3) - the failure (a loss) and the
  recovery (a gain) are kept in separate mental accounts.
* Smith, Bolton & Wagner (1999), "A model of customer satisfaction with service encounters
  involving failure and recovery", *Journal of Marketing Research* 36(3), 356-372 - recovery as
  distributive (compensation), procedural (speed) and interactional (apology, initiative) justice.
* Magnini, Ford, Markowski & Honeycutt (2007), "The service recovery paradox: justifiable theory or
  smoldering myth?", *Journal of Services Marketing* 21(3), 213-225 - severity, stability and
  controllability conditions.
* Maxham & Netemeyer (2002), "A longitudinal study of complaining customers' evaluations of
  multiple service failures and recovery efforts", *Journal of Marketing* 66(4), 57-71 - no
  paradox after a second failure.
* de Matos, Henrique & Rossi (2007), "Service recovery paradox: a meta-analysis", *Journal of
  Service Research* 10(1), 60-77 - the paradox is significant for satisfaction but not for
  repurchase intentions, word of mouth or corporate image.

The model, for customer ``i``:

.. math::

    S^{0}_i &= E_i + v(d_i), \\qquad d_i \\sim N(0, \\sigma_d)   &\\text{(no failure)}\\\\
    S^{F}_i &= S^{0}_i + v(-s_i)                                 &\\text{(after the failure)}\\\\
    S^{R}_i &= S^{F}_i + v(g_i), \\quad g_i = m\\,J\\,\\varepsilon_i  &\\text{(after the recovery)}

with the prospect-theory value ``v`` (:func:`prospect_value`), felt severity ``s_i`` (lognormal
around ``severity``), justice ``J`` of the recovery (:class:`Recovery`), and the restoration factor
``m`` (:func:`restoration_factor`) that attributions and prior failures shrink. Because the
accounts are segregated, the paradox ``S^R_i > S^0_i`` holds exactly when
``g_i^alpha > lambda s_i^beta``: with the default parameters the recovery must be worth about 2.5
times the failure - "superlative" indeed.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from itertools import product
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import (
    check_choice,
    check_integer,
    check_nonnegative,
    check_number,
    check_probability,
)
from coursekit.models.complaints import DEFAULT_COMPLAINT_RATE, complaint_probability
from coursekit.models.guarantees import RECOVERY_STRATEGIES, RecoveryStrategy

__all__ = [
    "RecoveryParameters",
    "DEFAULT_PARAMETERS",
    "parameter_table",
    "Recovery",
    "RECOVERY_PRESETS",
    "prospect_value",
    "restoration_factor",
    "simulate_encounters",
    "paradox_share",
    "ExpectedPath",
    "expected_path",
    "paradox_grid",
    "RecoveryStrategy",
    "RECOVERY_STRATEGIES",
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
        check_number(self.compensation, "compensation", low=0.0)
        for name in ("speed", "apology", "initiative"):
            check_number(getattr(self, name), name, low=0.0, high=1.0)
        for f in fields(self):
            if np.ndim(getattr(self, f.name)):
                raise TypeError(f"{f.name} must be a single number; got an array")

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


def _scalar_probability(value: Any, name: str) -> float:
    if np.ndim(value):
        raise TypeError(f"{name} must be a single number between 0 and 1; got an array")
    return float(check_probability(value, name))


def _expit(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def simulate_encounters(
    n: int,
    *,
    severity: float,
    recovery: Recovery | str | Mapping[str, float] = "full",
    prior_failures: int = 0,
    stability: float = 0.0,
    controllability: float = 0.0,
    seed: int | None = None,
    params: RecoveryParameters | None = None,
    recover_only_complainers: bool = False,
) -> pd.DataFrame:
    """Simulate ``n`` customers through a failure and a recovery; one row per customer.

    For each customer (see the module docstring for the full model):

    .. math::

        s_i = \\text{severity}\\,e^{\\sigma_s z_{1i} - \\sigma_s^2/2}, \\quad
        g_i = m J e^{\\sigma_r z_{2i} - \\sigma_r^2/2}, \\quad
        S^R_i = E_i + v(d_i) + v(-s_i) + v(g_i)

        \\text{repurchase} = \\operatorname{expit}(b_0 + b_S (S - E) - R), \\quad
        \\text{word of mouth} = \\tanh(b_W (S - E) - R)

    with the recurrence fear ``R = (r_0 + r_S\\,\\text{stability})(1 + \\text{prior failures})``
    after a failure (0 otherwise): the failure tells the customer it can happen again, which is
    why satisfaction can rise while repurchase intention does not (de Matos et al. 2007).
    A customer complains with probability :func:`~coursekit.models.complaints.complaint_probability`
    of the felt severity. By default every failed customer gets the recovery (a scenario
    experiment); with ``recover_only_complainers=True`` only complainers do and the silent
    customers keep their post-failure satisfaction. ``severity=0`` means no failure: nothing
    changes.

    Columns: ``expectation``, ``felt_severity``, ``felt_recovery``, ``sat_no_failure``,
    ``sat_failure``, ``sat_recovery``, ``complained``, ``recovered``, ``paradox`` (recovered and
    ``sat_recovery > sat_no_failure``), ``repurchase_no_failure``, ``repurchase``,
    ``wom_no_failure``, ``word_of_mouth``. Not from the textbook (see module docstring).

    >>> df = simulate_encounters(50_000, severity=0.5, recovery="full", seed=1)
    >>> round(float(df.loc[df.recovered, "paradox"].mean()), 2)
    0.77
    >>> bool((df.sat_failure < df.sat_no_failure).all())
    True
    """
    n = check_integer(n, "n", low=1, high=100_000_000)
    sev = check_nonnegative(severity, "severity")
    if np.ndim(sev):
        raise TypeError("severity must be a single number; simulate one cell at a time")
    rec = _as_recovery(recovery)
    p = _check_params(params)
    m = restoration_factor(stability=stability, controllability=controllability,
                           prior_failures=prior_failures, params=p)
    k = check_integer(prior_failures, "prior_failures", low=0)
    if not isinstance(recover_only_complainers, (bool, np.bool_)):
        raise TypeError(f"recover_only_complainers must be True or False; "
                        f"got {recover_only_complainers!r}")
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((4, n))
    a, b, lam = p.gain_curvature, p.loss_curvature, p.loss_aversion

    expectation = p.expectation_mean + p.expectation_sd * z[0]
    sat0 = expectation + _value(p.disconfirmation_sd * z[1], a, b, lam)
    ss, sr = p.severity_dispersion, p.recovery_dispersion
    felt_sev = sev * np.exp(ss * z[2] - 0.5 * ss * ss)
    felt_rec = (m * rec.justice(p)) * np.exp(sr * z[3] - 0.5 * sr * sr)
    failed = felt_sev > 0
    sat_fail = sat0 - lam * _power(felt_sev, b)
    complained = rng.random(n) < complaint_probability(felt_sev, p.complaint_rate)
    recovered = complained if recover_only_complainers else failed
    felt_rec = np.where(recovered, felt_rec, 0.0)
    sat_rec = sat_fail + _power(felt_rec, a)

    fear = np.where(failed, (p.recurrence_base + p.recurrence_stability
                             * float(check_probability(stability, "stability"))) * (1 + k), 0.0)
    gap0 = sat0 - expectation
    gap = sat_rec - expectation
    return pd.DataFrame({
        "expectation": expectation,
        "felt_severity": felt_sev,
        "felt_recovery": felt_rec,
        "sat_no_failure": sat0,
        "sat_failure": sat_fail,
        "sat_recovery": sat_rec,
        "complained": complained,
        "recovered": recovered,
        "paradox": recovered & (sat_rec > sat0),
        "repurchase_no_failure": _expit(p.repurchase_intercept + p.satisfaction_slope * gap0),
        "repurchase": _expit(p.repurchase_intercept + p.satisfaction_slope * gap - fear),
        "wom_no_failure": np.tanh(p.wom_slope * gap0),
        "word_of_mouth": np.tanh(p.wom_slope * gap - fear),
    }, copy=False)


def _normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def paradox_share(
    *,
    severity: float,
    recovery: Recovery | str | Mapping[str, float] = "full",
    prior_failures: int = 0,
    stability: float = 0.0,
    controllability: float = 0.0,
    params: RecoveryParameters | None = None,
) -> float:
    """Share of recovered customers more satisfied than with no failure (exact, no simulation).

    The paradox ``S^R > S^0`` holds when ``alpha ln g - beta ln s > ln lambda``; both logs are
    normal, so

    .. math:: P = \\Phi\\left(\\frac{\\alpha(\\ln mJ - \\sigma_r^2/2)
              - \\beta(\\ln \\text{severity} - \\sigma_s^2/2) - \\ln\\lambda}
              {\\sqrt{\\alpha^2\\sigma_r^2 + \\beta^2\\sigma_s^2}}\\right)

    It equals the long-run share in :func:`simulate_encounters`. Not from the textbook.

    >>> round(paradox_share(severity=0.5), 3)
    0.768
    >>> round(paradox_share(severity=1.5), 3)
    0.113
    >>> paradox_share(severity=0.5, recovery="none")
    0.0
    """
    p = _check_params(params)
    sev = check_nonnegative(severity, "severity")
    if np.ndim(sev):
        raise TypeError("severity must be a single number")
    m = restoration_factor(stability=stability, controllability=controllability,
                           prior_failures=prior_failures, params=p)
    gain = m * _as_recovery(recovery).justice(p)
    if sev == 0 or gain == 0:
        return 0.0
    a, b, ss, sr = p.gain_curvature, p.loss_curvature, p.severity_dispersion, p.recovery_dispersion
    mu = (a * (math.log(gain) - sr * sr / 2) - b * (math.log(sev) - ss * ss / 2)
          - math.log(p.loss_aversion))
    sd = math.hypot(a * sr, b * ss)
    if sd == 0:
        return 1.0 if mu > 0 else 0.0
    return _normal_cdf(mu / sd)


@dataclass(frozen=True)
class ExpectedPath:
    """Mean satisfaction before, after the failure and after the recovery (exact)."""

    no_failure: float
    after_failure: float
    after_recovery: float
    paradox_share: float

    @property
    def recovery_gap(self) -> float:
        """``after_recovery - no_failure``: positive = the paradox holds on average."""
        return self.after_recovery - self.no_failure

    def __repr__(self) -> str:
        return (f"ExpectedPath(no_failure={self.no_failure:.3f}, after_failure="
                f"{self.after_failure:.3f}, after_recovery={self.after_recovery:.3f}, "
                f"paradox_share={self.paradox_share:.3f})")


def _lognormal_power_mean(median_mean: float, sigma: float, power: float) -> float:
    # E[X^k] for X = c exp(sigma Z - sigma^2/2): c^k exp(k (k - 1) sigma^2 / 2)
    return median_mean ** power * math.exp(power * (power - 1) * sigma * sigma / 2)


def _half_normal_power(sigma: float, power: float) -> float:
    # E[|X|^k ; X > 0] for X ~ N(0, sigma)
    return sigma ** power * 2 ** (power / 2) * math.gamma((power + 1) / 2) / (2 * math.sqrt(math.pi))


def expected_path(
    *,
    severity: float,
    recovery: Recovery | str | Mapping[str, float] = "full",
    prior_failures: int = 0,
    stability: float = 0.0,
    controllability: float = 0.0,
    params: RecoveryParameters | None = None,
) -> ExpectedPath:
    """The exact mean of each satisfaction column of :func:`simulate_encounters`.

    .. math::

        \\bar S^0 = \\mu_E + E[v(d)], \\quad
        \\bar S^F = \\bar S^0 - \\lambda\\,\\text{severity}^{\\beta} e^{\\beta(\\beta-1)\\sigma_s^2/2},
        \\quad \\bar S^R = \\bar S^F + (mJ)^{\\alpha} e^{\\alpha(\\alpha-1)\\sigma_r^2/2}

    These are the "true effects" of the synthetic recovery experiment. Not from the textbook.

    >>> expected_path(severity=0.5)
    ExpectedPath(no_failure=4.730, after_failure=3.518, after_recovery=5.262, paradox_share=0.768)
    >>> round(expected_path(severity=0.5, prior_failures=1).recovery_gap, 3)
    -0.52
    """
    p = _check_params(params)
    share = paradox_share(severity=severity, recovery=recovery, prior_failures=prior_failures,
                          stability=stability, controllability=controllability, params=p)
    sev = float(severity)
    m = restoration_factor(stability=stability, controllability=controllability,
                           prior_failures=prior_failures, params=p)
    gain = m * _as_recovery(recovery).justice(p)
    a, b, lam = p.gain_curvature, p.loss_curvature, p.loss_aversion
    sd = p.disconfirmation_sd
    before = p.expectation_mean + _half_normal_power(sd, a) - lam * _half_normal_power(sd, b)
    loss = lam * _lognormal_power_mean(sev, p.severity_dispersion, b) if sev > 0 else 0.0
    restored = _lognormal_power_mean(gain, p.recovery_dispersion, a) if sev > 0 else 0.0
    return ExpectedPath(no_failure=before, after_failure=before - loss,
                        after_recovery=before - loss + restored, paradox_share=share)


def paradox_grid(
    *,
    severity=(0.25, 0.5, 1.0, 1.5),
    prior_failures=(0, 1),
    stability=(0.0, 1.0),
    controllability=(0.0, 1.0),
    recovery: Recovery | str | Mapping[str, float] = "full",
    params: RecoveryParameters | None = None,
) -> pd.DataFrame:
    """Paradox share and mean recovery gap for every combination of the conditions.

    One row per combination with columns ``severity``, ``prior_failures``, ``stability``,
    ``controllability``, ``paradox_share`` and ``recovery_gap`` (mean ``S^R - S^0``); pivot it for
    a heatmap. Not from the textbook.

    >>> g = paradox_grid(severity=[0.5, 1.5], prior_failures=[0], stability=[0.0],
    ...                  controllability=[0.0])
    >>> g.paradox_share.round(3).tolist()
    [0.768, 0.113]
    """
    p = _check_params(params)
    rec = _as_recovery(recovery)
    axes = {}
    for name, values in (("severity", severity), ("prior_failures", prior_failures),
                         ("stability", stability), ("controllability", controllability)):
        vals = np.atleast_1d(np.asarray(values))
        if vals.ndim != 1 or vals.size == 0:
            raise ValueError(f"{name} must be a non-empty list of values; got {values!r}")
        axes[name] = vals.tolist()
    rows = []
    for sev, k, st, co in product(*axes.values()):
        path = expected_path(severity=sev, recovery=rec, prior_failures=k, stability=st,
                             controllability=co, params=p)
        rows.append({"severity": float(sev), "prior_failures": int(k), "stability": float(st),
                     "controllability": float(co), "paradox_share": path.paradox_share,
                     "recovery_gap": path.recovery_gap})
    return pd.DataFrame(rows)
