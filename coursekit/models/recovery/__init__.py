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
  accounting and consumer choice", *Marketing Science* 4(3), 199-214 - a loss and a gain can be
  kept in separate mental accounts (*segregated*) or netted (*integrated*); his hedonic-editing
  rule integrates a loss with a *larger* gain ("cancellation") and segregates a small gain from
  a larger loss ("silver lining").
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
``m`` (:func:`restoration_factor`) that attributions and prior failures shrink.

How the customer books failure and recovery is an explicit parameter, ``framing`` (one of
:data:`FRAMINGS`), of every function that computes ``S^R``:

* ``"segregated"`` (the default, so the shipped experiment keeps its numbers): two mental
  accounts, ``S^R = S^F + v(g)``. The paradox ``S^R_i > S^0_i`` then holds exactly when
  ``g_i^alpha > lambda s_i^beta``: with the default parameters the recovery must be worth about
  ``2.25^(1/0.88) = 2.5`` times the failure.
* ``"integrated"``: the customer nets the two, ``S^R = S^0 + v(g - s)``; the paradox needs only
  ``g > s``. This is what Thaler's hedonic-editing rule predicts for a recovery larger than the
  failure - exactly the case where the paradox can arise.

The 2.5 factor is therefore a consequence of the segregation *assumption*, not an explanation
of the seed's "service recovery must be SUPERLATIVE": paradox share at severity 0.5 is 0.768
segregated vs 0.991 integrated, at severity 1.5 0.113 vs 0.662 (tested). The published evidence
(de Matos et al. 2007; Magnini et al. 2007) does not say which framing customers use.
Verified for this note: the hedonic-editing rules (integrate a loss with a larger gain, segregate
a small gain from a larger loss) as restated by Thaler (1999, "Mental accounting matters",
*Journal of Behavioral Decision Making* 12: 183-206); not checked against the 1985 paper itself.

Files: :mod:`~coursekit.models.recovery.parameters` (every parameter with its source),
:mod:`~coursekit.models.recovery.justice` (the disconfirmation and justice model: recoveries,
the prospect-theory value and the restoration factor),
:mod:`~coursekit.models.recovery.simulation` (simulated encounters, the exact paradox share and
expected path, and the scenario grid), :mod:`~coursekit.models.recovery.complaints` (who
complains and the economics of complaints) and :mod:`~coursekit.models.recovery.guarantees`
(service guarantees and the recovery strategies) and :mod:`~coursekit.models.recovery.research`
(what complaint-handling research found; the four justice dimensions; not from the textbook).
"""
from __future__ import annotations

from coursekit.models.recovery.parameters import (
    RecoveryParameters,
    DEFAULT_PARAMETERS,
    parameter_table,
)
from coursekit.models.recovery.justice import (
    Recovery,
    RECOVERY_PRESETS,
    prospect_value,
    restoration_factor,
)
from coursekit.models.recovery.simulation import (
    FRAMINGS,
    simulate_encounters,
    paradox_share,
    ExpectedPath,
    expected_path,
    paradox_grid,
)
from coursekit.models.recovery.complaints import (
    COMPLAINT_TYPES,
    DEFAULT_COMPLAINT_RATE,
    ComplaintEconomics,
    complaint_economics,
    complaint_probability,
    complaint_type,
    silent_per_complaint,
)
from coursekit.models.recovery.guarantees import (
    GUARANTEE_CHARACTERISTICS,
    GUARANTEE_BENEFITS,
    GuaranteeEconomics,
    guarantee_economics,
    RecoveryStrategy,
    RECOVERY_STRATEGIES,
)
from coursekit.models.recovery.research import (
    JUSTICE_DIMENSIONS,
    RECOVERY_ACTIONS,
    RECOVERY_STUDIES,
    justice_profile,
)

__all__ = [
    "RecoveryParameters",
    "DEFAULT_PARAMETERS",
    "parameter_table",
    "Recovery",
    "RECOVERY_PRESETS",
    "prospect_value",
    "restoration_factor",
    "FRAMINGS",
    "simulate_encounters",
    "paradox_share",
    "ExpectedPath",
    "expected_path",
    "paradox_grid",
    "COMPLAINT_TYPES",
    "DEFAULT_COMPLAINT_RATE",
    "ComplaintEconomics",
    "complaint_economics",
    "complaint_probability",
    "complaint_type",
    "silent_per_complaint",
    "GUARANTEE_CHARACTERISTICS",
    "GUARANTEE_BENEFITS",
    "GuaranteeEconomics",
    "guarantee_economics",
    "RecoveryStrategy",
    "RECOVERY_STRATEGIES",
    "JUSTICE_DIMENSIONS",
    "RECOVERY_ACTIONS",
    "RECOVERY_STUDIES",
    "justice_profile",
]
