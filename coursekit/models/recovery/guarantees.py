"""Service guarantees and the eight recovery strategies.

Seed S0 (l.27-29) defines a guarantee as "a pledge or assurance that a product offered by a firm
will perform as promised and, if not, then some form of reparation will be undertaken", notes that
services are often not guaranteed (a service cannot be returned; the experience is intangible),
and lists the characteristics of an **effective service guarantee** and the reasons why a good
guarantee works. Seed S2 (l.202-218, "ss" restored) lists eight **service recovery strategies**.
Both lists are reproduced here as data, and :func:`guarantee_economics` computes what a guarantee
costs in payouts and earns in retained customers - the question the seed leaves open: "does
everyone need a service guarantee?"
"""
from __future__ import annotations

from dataclasses import dataclass


from coursekit._validate import check_nonnegative, check_probability

__all__ = [
    "GUARANTEE_CHARACTERISTICS",
    "GUARANTEE_BENEFITS",
    "GuaranteeEconomics",
    "guarantee_economics",
    "RecoveryStrategy",
    "RECOVERY_STRATEGIES",
]

#: Characteristics of an effective service guarantee (seed S0 l.27-29).
GUARANTEE_CHARACTERISTICS: dict[str, str] = {
    "unconditional": "The guarantee makes its promise unconditionally - no strings attached.",
    "meaningful": "It guarantees elements of the service that are important to the customer; "
                  "the payout covers fully the customer's dissatisfaction.",
    "easy to understand and communicate": "Customers understand what to expect and employees "
                                          "understand what to do.",
    "easy to invoke and collect": "No hoops or red tape in the way of invoking or collecting "
                                  "on the guarantee.",
}

#: Why a good guarantee works (seed S0 l.29).
GUARANTEE_BENEFITS: tuple[str, ...] = (
    "forces the company to focus on customers",
    "sets clear standards",
    "generates feedback",
    "forces the company to understand why it failed",
    "builds marketing muscle",
)


@dataclass(frozen=True)
class GuaranteeEconomics:
    """Payouts and retained value of a service guarantee; see :func:`guarantee_economics`."""

    failures: float
    genuine_claims: float
    false_claims: float
    payout_total: float
    customers_saved: float
    value_saved: float
    net_value: float
    break_even_payout: float

    def __repr__(self) -> str:
        return (
            f"GuaranteeEconomics(claims={self.genuine_claims + self.false_claims:,.0f}, "
            f"payout_total={self.payout_total:,.2f}, customers_saved={self.customers_saved:,.1f}, "
            f"value_saved={self.value_saved:,.2f}, net_value={self.net_value:,.2f}, "
            f"break_even_payout={self.break_even_payout:,.2f})"
        )


def guarantee_economics(
    *,
    customers: float,
    failure_rate: float,
    invocation_rate: float,
    payout: float,
    customer_value: float,
    retention_invoked: float,
    retention_silent: float,
    false_claim_rate: float = 0.0,
) -> GuaranteeEconomics:
    """Does a service guarantee pay? Payouts against the value of the customers it keeps.

    ``N`` customers, failure rate ``f``, share ``q`` of failed customers who invoke the guarantee
    (high when it is easy to invoke and collect), payout ``P`` per claim, value ``V`` of a retained
    customer, retention ``r_I`` after a paid claim versus ``r_S`` for a silent failed customer,
    and a share ``phi`` of customers without a failure who claim anyway:

    .. math::

        G = N f q, \\quad X = N (1 - f) \\phi, \\quad \\text{payouts} = (G + X) P,\\quad
        \\text{saved} = G (r_I - r_S)

        \\text{net} = \\text{saved}\\, V - (G + X) P, \\qquad
        P^{*} = \\frac{\\text{saved}\\, V}{G + X}\\ \\text{(break-even payout)}

    Not from the textbook: a standard break-even calculation in the spirit of Hart (1988), "The
    power of unconditional service guarantees", *Harvard Business Review* 66(4), 54-62. It leaves
    out the guarantee's other benefits (feedback, standards, marketing muscle; seed S0 l.29).

    >>> e = guarantee_economics(customers=10_000, failure_rate=0.1, invocation_rate=0.5,
    ...                         payout=30, customer_value=500, retention_invoked=0.8,
    ...                         retention_silent=0.5, false_claim_rate=0.01)
    >>> e.payout_total, e.customers_saved, e.net_value, round(e.break_even_payout, 2)
    (17700.0, 150.0, 57300.0, 127.12)
    """
    n = check_nonnegative(customers, "customers", scalar=True)
    f = check_probability(failure_rate, "failure_rate")
    q = check_probability(invocation_rate, "invocation_rate")
    pay = check_nonnegative(payout, "payout", scalar=True)
    v = check_nonnegative(customer_value, "customer_value", scalar=True)
    r_inv = check_probability(retention_invoked, "retention_invoked")
    r_sil = check_probability(retention_silent, "retention_silent")
    phi = check_probability(false_claim_rate, "false_claim_rate")
    genuine = n * f * q
    false = n * (1 - f) * phi
    claims = genuine + false
    saved = genuine * (r_inv - r_sil)
    value = saved * v
    return GuaranteeEconomics(
        failures=float(n * f),
        genuine_claims=float(genuine),
        false_claims=float(false),
        payout_total=float(claims * pay),
        customers_saved=float(saved),
        value_saved=float(value),
        net_value=float(value - claims * pay),
        break_even_payout=float(value / claims) if claims > 0 else 0.0,
    )


@dataclass(frozen=True)
class RecoveryStrategy:
    """One of the eight recovery strategies of seed S2 (l.202-218) and its lever in the model.

    >>> len(RECOVERY_STRATEGIES), RECOVERY_STRATEGIES[2].name
    (8, 'Act quickly')
    >>> RECOVERY_STRATEGIES[2].practices[1]
    'Empower employees'
    """

    number: int
    name: str
    practices: tuple[str, ...]
    model_lever: str


#: The eight service recovery strategies (seed S2 l.202-218, "ss" restored), mapped onto the
#: model's parameters. The mapping is the course's reading, not the seed's. Strategies 4 and 5
#: follow the justice framing of Zeithaml, Bitner & Gremler (2018, *Services Marketing*, 7th ed.,
#: chapter "Service recovery"): an explanation works through informational/interactional
#: justice (the customer is told why, honestly and politely), and fair treatment means all three justice dimensions -
#: outcome (distributive), procedural (policies, rules, accessibility, flexibility and timeliness,
#: of which the model has only speed) and interactional.
RECOVERY_STRATEGIES: tuple[RecoveryStrategy, ...] = (
    RecoveryStrategy(1, "Make the service fail-safe", (),
                     "fewer failures: lowers the failure rate (the cheapest recovery is none)"),
    RecoveryStrategy(2, "Encourage and track complaints", (),
                     "raises complaint_rate, so more failed customers can be recovered"),
    RecoveryStrategy(3, "Act quickly",
                     ("Take care of problems on the front line", "Empower employees",
                      "Allow customers to solve their own problems"),
                     "Recovery.speed (procedural justice) and Recovery.initiative"),
    RecoveryStrategy(4, "Provide adequate explanations", (),
                     "informational / interactional justice: an honest, polite explanation of "
                     "why it happened; in the model part of Recovery.apology (interactional "
                     "justice), which has no separate explanation lever"),
    RecoveryStrategy(5, "Treat customers fairly", (),
                     "all three justice dimensions: Recovery.compensation (distributive), "
                     "Recovery.speed (procedural - the model's only procedural lever; fair "
                     "procedures are also accessible, flexible and rule-consistent) and "
                     "Recovery.apology / Recovery.initiative (interactional)"),
    RecoveryStrategy(6, "Cultivate relationships with customers", (),
                     "repurchase_intercept: loyal customers forgive more (textbook l.912)"),
    RecoveryStrategy(7, "Learn from recovery experiences", (),
                     "fixing root causes makes the next failure rarer and less stable "
                     "(stability, prior_failures)"),
    RecoveryStrategy(8, "Learn from lost customers", (),
                     "lost-customer research finds the failures nobody complained about "
                     "(complaint_rate, failure rate)"),
)
