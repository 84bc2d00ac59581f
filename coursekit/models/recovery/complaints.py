"""Complaint behaviour: who complains, the four complaint types, and the economics of complaints.

The course sources (chapter 8 material, seed S0 l.25-27) say that a failure is performance below
expectations that leads to dissatisfaction, that complaints should be seen "as a gift", and that
"only a small percent of customers complain". Seed S3 (l.31-35) names four complaint types:

* **instrumental** - the customer complains and expects a resolution;
* **non-instrumental** - complaining without expecting any specific action;
* **ostensive** - blaming someone else for the issue;
* **reflexive** - blaming oneself for the issue.

The two pairs are two separate dimensions (what the customer expects, and whom the customer blames),
so every complaint has one label from each pair. Not from the textbook: the two-dimensional reading
follows Alicke, Braun, Glor, Klotz, Magee, Sederholm & Siegel (1992), "Complaining behavior in
social interaction", *Personality and Social Psychology Bulletin* 18(3), 286-295.

The complaint rate makes explicit what the seeds only say in words. Not from the textbook: the
default 4 % is the widely quoted TARP figure ("a typical business hears from only 4 percent of its
dissatisfied customers") reported by Hart, Heskett & Sasser (1990), "The profitable art of service
recovery", *Harvard Business Review* 68(4), 148-156. It is an assumption, not a law.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coursekit._validate import check_bool, check_nonnegative, check_probability

__all__ = [
    "COMPLAINT_TYPES",
    "DEFAULT_COMPLAINT_RATE",
    "ComplaintEconomics",
    "complaint_economics",
    "complaint_probability",
    "complaint_type",
    "silent_per_complaint",
]

#: Share of customers who complain after a failure of severity 1 (assumption, TARP via
#: Hart, Heskett & Sasser 1990).
DEFAULT_COMPLAINT_RATE = 0.04

#: The four complaint types of seed S3 (l.31-35): dimension, definition and a suggested response.
#: The responses are not from the textbook (they pair each type with the justice dimension of
#: Smith, Bolton & Wagner 1999 that addresses it).
COMPLAINT_TYPES: dict[str, dict[str, str]] = {
    "instrumental": {
        "dimension": "expectation",
        "definition": "The customer complains and expects a resolution.",
        "response": "Fix the problem fast and offer redress (distributive and procedural justice).",
    },
    "non-instrumental": {
        "dimension": "expectation",
        "definition": "Complaining without expecting any specific action.",
        "response": "Listen, acknowledge and apologise (interactional justice).",
    },
    "ostensive": {
        "dimension": "blame",
        "definition": "Blaming someone else for the issue.",
        "response": "Own the problem and explain its cause; do not pass the blame on.",
    },
    "reflexive": {
        "dimension": "blame",
        "definition": "Blaming oneself for the issue.",
        "response": "Reassure and help the customer perform their role (customer education).",
    },
}


def complaint_type(expects_action, blames_self):
    """Label complaints with one type from each dimension of seed S3.

    ``"instrumental"`` if the customer expects action, else ``"non-instrumental"``; then
    ``"reflexive"`` if the customer blames themself, else ``"ostensive"``. Works element-wise on
    arrays of booleans.

    >>> complaint_type(True, False)
    'instrumental, ostensive'
    >>> complaint_type([True, False], [True, True]).tolist()
    ['instrumental, reflexive', 'non-instrumental, reflexive']
    """
    expects = _as_bool_array(expects_action, "expects_action")
    blames = _as_bool_array(blames_self, "blames_self")
    try:
        expects, blames = np.broadcast_arrays(expects, blames)
    except ValueError:
        raise ValueError(
            f"expects_action and blames_self must have the same length; got {expects.shape} "
            f"and {blames.shape}"
        ) from None
    first = np.where(expects, "instrumental", "non-instrumental")
    second = np.where(blames, "reflexive", "ostensive")
    labels = np.asarray(np.char.add(np.char.add(first, ", "), second), dtype=object)
    return str(labels[()]) if labels.ndim == 0 else labels


def _as_bool_array(value, name: str) -> np.ndarray:
    return check_bool(value, name, array=True)


def complaint_probability(severity, complaint_rate: float = DEFAULT_COMPLAINT_RATE):
    """Probability that a customer complains after a failure of the given (felt) severity.

    .. math:: p(s) = 1 - (1 - c)^{s}

    where ``c`` is the complaint rate at severity 1. ``p(0) = 0`` (no failure, nothing to complain
    about), ``p`` rises with severity and stays below 1. Not from the textbook: the functional
    form is an assumption that makes "only a small percent complain" (seed S0 l.27) explicit.

    >>> round(complaint_probability(1.0), 3)
    0.04
    >>> round(complaint_probability(2.0, 0.04), 4)
    0.0784
    >>> complaint_probability(0.0)
    0.0
    """
    s = check_nonnegative(severity, "severity")
    c = check_probability(complaint_rate, "complaint_rate", open_high=True)
    p = -np.expm1(np.multiply(s, np.log1p(-c)))
    return float(p) if np.ndim(p) == 0 else p


def silent_per_complaint(complaint_rate: float = DEFAULT_COMPLAINT_RATE) -> float:
    """Dissatisfied customers who stay silent for every one who complains.

    .. math:: \\text{silent per complaint} = (1 - c) / c

    >>> silent_per_complaint(0.04)
    24.0
    """
    c = check_probability(complaint_rate, "complaint_rate", open_low=True)
    return float((1 - c) / c)


@dataclass(frozen=True)
class ComplaintEconomics:
    """What a complaint-handling (recovery) programme costs and earns; see
    :func:`complaint_economics`."""

    failures: float
    complaints: float
    silent: float
    recovery_cost: float
    customers_saved: float
    value_saved: float
    net_value: float
    value_per_extra_complaint: float

    def __repr__(self) -> str:
        return (
            f"ComplaintEconomics(failures={self.failures:,.0f}, complaints={self.complaints:,.0f}, "
            f"customers_saved={self.customers_saved:,.1f}, recovery_cost={self.recovery_cost:,.2f}, "
            f"value_saved={self.value_saved:,.2f}, net_value={self.net_value:,.2f})"
        )


def complaint_economics(
    *,
    customers: float,
    failure_rate: float,
    complaint_rate: float,
    recovery_cost: float,
    customer_value: float,
    retention_recovered: float,
    retention_silent: float,
) -> ComplaintEconomics:
    """Economics of recovering the customers who complain.

    With ``N`` customers, failure rate ``f``, complaint rate ``c``, cost ``k`` per recovery, value
    ``V`` of a retained customer and retention ``r_R`` after a recovery versus ``r_S`` for a
    silent dissatisfied customer:

    .. math::

        F = N f, \\quad C = F c, \\quad \\text{saved} = C (r_R - r_S), \\quad
        \\text{net} = \\text{saved}\\, V - C k

    Each extra complaint is worth ``(r_R - r_S) V - k``: encouraging complaints (recovery
    strategy 2, seed S2 l.208) pays exactly when this is positive. Not from the textbook: the
    accounting is a standard break-even calculation (Hart, Heskett & Sasser 1990).

    >>> e = complaint_economics(customers=10_000, failure_rate=0.1, complaint_rate=0.04,
    ...                         recovery_cost=20, customer_value=500,
    ...                         retention_recovered=0.8, retention_silent=0.5)
    >>> e.complaints, e.customers_saved, e.net_value, e.value_per_extra_complaint
    (40.0, 12.0, 5200.0, 130.0)
    """
    n = check_nonnegative(customers, "customers", scalar=True)
    f = check_probability(failure_rate, "failure_rate")
    c = check_probability(complaint_rate, "complaint_rate")
    k = check_nonnegative(recovery_cost, "recovery_cost", scalar=True)
    v = check_nonnegative(customer_value, "customer_value", scalar=True)
    r_rec = check_probability(retention_recovered, "retention_recovered")
    r_sil = check_probability(retention_silent, "retention_silent")
    failures = n * f
    complaints = failures * c
    saved = complaints * (r_rec - r_sil)
    cost = complaints * k
    per_complaint = (r_rec - r_sil) * v - k
    return ComplaintEconomics(
        failures=float(failures),
        complaints=float(complaints),
        silent=float(failures - complaints),
        recovery_cost=float(cost),
        customers_saved=float(saved),
        value_saved=float(saved * v),
        net_value=float(saved * v - cost),
        value_per_extra_complaint=float(per_complaint),
    )

