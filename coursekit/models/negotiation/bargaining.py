"""Negotiation: BATNA, reservation values, the patio-furniture deal and the TKI styles (TB 6.2-6.3).

* **Five phases** (TB 6.2): investigation, determine your BATNA, presentation, bargaining,
  closure.
* **BATNA** (Fisher & Ury 1981, quoted in TB 6.2): accept a deal only if it beats your best
  alternative to a negotiated agreement; "the party with the best BATNA has the best negotiating
  position". A side's BATNA fixes its **reservation value**, the worst terms it will accept.
* **ZOPA** (zone of possible agreement) - **the term is not from the textbook**: it follows
  Raiffa (1982), *The Art and Science of Negotiation*, Harvard University Press. A deal is
  possible when the buyer's reservation price is at least the seller's; every price in between
  splits the surplus ``buyer_reservation - seller_reservation``.
* **The patio-furniture case** (TB 6.2, adapted from Malhotra & Bazerman 2007): a fixed-pie
  (distributive) price cut only moves money between the parties, while the integrative deal -
  the retailer takes over shipping and gets delivery on March 30 for $10.5M instead of $11M -
  recovers the $1M of early-spring sales and so enlarges the pie.
* **TKI styles** (TB 6.3): Forcing, Collaborating, Compromising, Avoiding and Yielding on
  concern for self x concern for the other party (:func:`tki_style`).

>>> z = zopa(buyer_reservation=12.0, seller_reservation=10.0)
>>> z.exists, z.width
(True, 2.0)
>>> tki_style(0.9, 0.1).tolist()
['Forcing']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_float_array,
    check_integer,
    check_nonnegative,
    check_number,
    check_positive,
    check_probability,
)

__all__ = [
    "FIVE_PHASES",
    "TKI_STYLES",
    "NEGOTIATION_FACTS",
    "ADR_OPTIONS",
    "ZOPA",
    "PatioCase",
    "accept_offer",
    "zopa",
    "split_price",
    "surplus",
    "patio_case",
    "budget_shift",
    "salary_ask",
    "career_earnings_gap",
    "tki_style",
]

#: The five phases of negotiation (TB 6.2, key takeaways).
FIVE_PHASES = pd.DataFrame(
    {
        "phase": ["investigation", "determine your BATNA", "presentation", "bargaining",
                  "closure"],
        "what_happens": [
            "gather information, starting with yourself: goals, what you would and would not "
            "concede; then the other party",
            "know your best alternative to a negotiated agreement (and estimate theirs)",
            "assemble the information in a way that supports your position",
            "discuss goals, ask questions, make concessions",
            "agree on terms or walk away; learn from a rejection (follow-up call)",
        ],
    },
    index=pd.RangeIndex(1, 6, name="number"),
)

#: The five styles of TB 6.3 with prototype positions on concern for self / for the other
#: (0 = low, 0.5 = some, 1 = high), the textbook's description and the Thomas-Kilmann name.
#: The textbook uses the Pruitt & Rubin labels (Forcing, Yielding); the column ``tki_name``
#: (Competing, Accommodating, ...) is not from the textbook: Thomas & Kilmann (1974),
#: *Thomas-Kilmann Conflict Mode Instrument*, Xicom.
TKI_STYLES = pd.DataFrame(
    {
        "concern_self": [1.0, 1.0, 0.5, 0.0, 0.0],
        "concern_other": [0.0, 1.0, 0.5, 0.0, 1.0],
        "description": [
            "high concern for itself, low for the other party; most prone to zero-sum "
            "thinking (car dealer giving as little as possible for a trade-in)",
            "high concern for both; seeks to maximize the gain for both",
            "some concern for both; find the points more important to one than the other",
            "low concern for itself and for the other party; avoids negotiation completely",
            "low concern for itself, high for the other party; yields to demands",
        ],
        "tki_name": ["Competing", "Collaborating", "Compromising", "Avoiding", "Accommodating"],
    },
    index=pd.Index(["Forcing", "Collaborating", "Compromising", "Avoiding", "Yielding"],
                   name="style"),
)

#: Numbers the textbook reports in 6.2 and 6.3, with their source as cited in the text.
NEGOTIATION_FACTS = pd.DataFrame(
    [
        ("hiring managers who leave negotiating room in first offers", 0.58, "share",
         "CareerBuilder.com survey"),
        ("negotiation experiments that reached integrative outcomes", 0.20, "share",
         "summary of 32 experiments (Thompson & Hrebec 1996)"),
        ("experiments in that summary", 32, "count", "Thompson & Hrebec 1996"),
        ("women who negotiated their first offer (Carnegie-Mellon master's)", 0.07, "share",
         "Babcock & Laschever 2003"),
        ("men who negotiated their first offer (Carnegie-Mellon master's)", 0.57, "share",
         "Babcock & Laschever 2003"),
        ("extra lifetime earnings of routine salary negotiators", 1_000_000, "USD (over)",
         "Babcock & Laschever 2003"),
        ("gender salary difference traced to starting salaries", 1 / 3, "share (about)",
         "Gerhart 1990"),
        ("salary range offered, low end", 66_000, "USD", "TB 6.2 step 6"),
        ("salary range offered, high end (ask for this)", 78_000, "USD", "TB 6.2 step 6"),
        ("car sticker price", 19_000, "USD", "TB 6.2 step 1"),
        ("price you would not pay just because you like the car", 23_000, "USD",
         "TB 6.2 step 1"),
        ("rival auction bid that makes you raise your offer", 20_000, "USD", "TB 6.2 step 1"),
        ("eBay disputes with mediation requested", 355, "count", "Friedman et al. 2004"),
        ("states that adopted the Uniform Arbitration Act in some form", 35, "count (about)",
         "TB 6.3"),
    ],
    columns=["fact", "value", "unit", "source"],
)

#: Third-party options (TB 6.2) and the outcome figures the text reports.
ADR_OPTIONS = pd.DataFrame(
    [
        ("mediation", "the mediator facilitates, suggests and recommends; does not decide",
         "respondents who would use mediation again", 0.96, "EEOC survey"),
        ("mediation", "the mediator facilitates, suggests and recommends; does not decide",
         "charging parties who would use mediation again", 0.91, "EEOC survey"),
        ("arbitration-mediation", "arbitrator's sealed decision, then mediation; the decision "
         "binds only if no agreement", "voluntary agreements reached", 0.71,
         "Conlon, Moon & Ng 2002"),
        ("mediation-arbitration", "mediation first, then arbitration",
         "voluntary agreements reached", 0.50, "Conlon, Moon & Ng 2002"),
        ("arbitration", "the arbitrator decides; the written award is final and binding",
         "", np.nan, ""),
    ],
    columns=["option", "how_it_works", "measure", "value", "source"],
)


@dataclass(frozen=True)
class ZOPA:
    """Zone of possible agreement between a buyer and a seller (term not from the textbook)."""

    buyer_reservation: float
    seller_reservation: float
    exists: bool
    low: float
    high: float
    width: float

    def __repr__(self) -> str:
        if not self.exists:
            return (f"ZOPA(no deal: buyer pays at most {self.buyer_reservation:g} < seller needs "
                    f"at least {self.seller_reservation:g})")
        return f"ZOPA([{self.low:g}, {self.high:g}], width={self.width:g})"


@dataclass(frozen=True)
class PatioCase:
    """Outcomes of the patio-furniture negotiation ($ million)."""

    table: pd.DataFrame
    buyer_gain: float
    manufacturer_gain: float
    joint_gain: float
    integrative_beats_fixed_pie: bool

    def __repr__(self) -> str:
        return (f"PatioCase(buyer_gain={self.buyer_gain:+.2f}M, "
                f"manufacturer_gain={self.manufacturer_gain:+.2f}M, "
                f"joint_gain={self.joint_gain:+.2f}M, "
                f"integrative_beats_fixed_pie={self.integrative_beats_fixed_pie})")


def accept_offer(offer_value: Any, batna_value: Any) -> np.ndarray | bool:
    """The BATNA rule: accept when the deal is better than your BATNA.

    ``accept = offer_value > batna_value`` (both in the same "more is better" units, e.g. salary
    offered vs the best other job). An offer equal to the BATNA leaves you indifferent and is
    not counted as better.

    >>> accept_offer(72_000, 70_000)
    True
    >>> accept_offer([65_000, 75_000], 70_000).tolist()
    [False, True]
    """
    o = as_float_array(offer_value, "offer_value")
    b = as_float_array(batna_value, "batna_value")
    out = o > b
    return bool(out) if out.ndim == 0 else out


def zopa(buyer_reservation: float, seller_reservation: float) -> ZOPA:
    """The zone of possible agreement (ZOPA; term not from the textbook, Raiffa 1982).

    The buyer's reservation price ``r_b`` is the most it will pay (set by its BATNA), the
    seller's ``r_s`` the least it will take. A deal exists iff ``r_b >= r_s``; the zone is
    ``[r_s, r_b]`` and its width ``r_b - r_s`` is the total surplus to be divided.

    >>> zopa(10.0, 11.0)
    ZOPA(no deal: buyer pays at most 10 < seller needs at least 11)
    >>> zopa(78_000, 66_000)
    ZOPA([66000, 78000], width=12000)
    """
    rb = check_number(buyer_reservation, "buyer_reservation")
    rs = check_number(seller_reservation, "seller_reservation")
    exists = rb >= rs
    return ZOPA(float(rb), float(rs), bool(exists), float(rs), float(rb),
                float(rb - rs) if exists else 0.0)


def split_price(buyer_reservation: float, seller_reservation: float, *,
                seller_share: float = 0.5) -> float:
    """A price inside the ZOPA giving the seller ``seller_share`` of the surplus.

    ``p = r_s + seller_share x (r_b - r_s)``; ``seller_share = 0.5`` is the symmetric Nash
    bargaining split (not from the textbook: Nash 1950, "The Bargaining Problem",
    *Econometrica* 18, 155-162). Improving your BATNA moves your reservation value and hence
    this price towards you - the textbook's "the party with the best BATNA has the best
    negotiating position". Raises ``ValueError`` when there is no ZOPA.

    >>> split_price(12.0, 10.0)
    11.0
    >>> split_price(12.0, 10.5)   # the seller's BATNA improved
    11.25
    """
    z = zopa(buyer_reservation, seller_reservation)
    share = check_probability(seller_share, "seller_share")
    if not z.exists:
        raise ValueError(f"buyer_reservation ({z.buyer_reservation:g}) is below "
                         f"seller_reservation ({z.seller_reservation:g}): there is no ZOPA")
    return float(z.low + share * z.width)


def surplus(price: Any, buyer_reservation: float, seller_reservation: float) -> pd.DataFrame:
    """Each side's surplus at a price: ``buyer = r_b - p``, ``seller = p - r_s``.

    ``deal`` is True where both surpluses are >= 0 (the price lies in the ZOPA). The total
    ``r_b - r_s`` does not depend on the price: price only divides a fixed pie.

    >>> surplus([10.5, 11.0], 12.0, 10.0).to_dict("list")["buyer_surplus"]
    [1.5, 1.0]
    """
    p = np.atleast_1d(as_float_array(price, "price"))
    rb = check_number(buyer_reservation, "buyer_reservation")
    rs = check_number(seller_reservation, "seller_reservation")
    b, s = rb - p, p - rs
    return pd.DataFrame({"price": p, "buyer_surplus": b, "seller_surplus": s,
                         "total": b + s, "deal": (b >= 0) & (s >= 0)})


def patio_case(buyer_shipping_cost: float, manufacturer_shipping_cost: float, *,
               list_price: float = 11.0, agreed_price: float = 10.5,
               early_sales_loss: float = 1.0, price_cut_asked: float = 1.0) -> PatioCase:
    """The patio-furniture negotiation of TB 6.2 in $ million.

    Textbook numbers: the manufacturer offers delivery by April 30 at $11M; missing early
    spring sales "could cost you $1 million"; the retailer asks for $1M off; the deal reached
    is delivery ready to ship on March 30 for $10.5M, with the retailer arranging and paying
    for shipping from Asia. The two shipping costs are *not* in the text (inputs):
    ``S_m`` = what shipping the order costs the manufacturer, ``S_b`` = what it costs the
    retailer under its volume contracts.

    Scenarios (buyer's cost = price + lost sales + own shipping; manufacturer's net = price -
    its shipping):

    1. offer: ``buyer = 11 + 1``, ``manufacturer = 11 - S_m``;
    2. distributive demand ($1M off, refused): ``buyer = 10 + 1``, ``manufacturer = 10 - S_m``
       - the same joint total as 1, only redistributed (fixed pie);
    3. integrative deal: ``buyer = 10.5 + S_b``, ``manufacturer = 10.5``.

    Gains of 3 over 1: buyer ``1.5 - S_b``, manufacturer ``S_m - 0.5``, joint
    ``1 + S_m - S_b``. Both gain iff ``S_b < 1.5`` and ``S_m > 0.5``.

    >>> patio_case(0.3, 0.8)
    PatioCase(buyer_gain=+1.20M, manufacturer_gain=+0.30M, joint_gain=+1.50M, integrative_beats_fixed_pie=True)
    """
    sb = check_nonnegative(buyer_shipping_cost, "buyer_shipping_cost")
    sm = check_nonnegative(manufacturer_shipping_cost, "manufacturer_shipping_cost")
    p0 = check_positive(list_price, "list_price")
    p1 = check_positive(agreed_price, "agreed_price")
    loss = check_nonnegative(early_sales_loss, "early_sales_loss")
    cut = check_number(price_cut_asked, "price_cut_asked", low=0.0, high=p0)
    table = pd.DataFrame(
        {
            "delivery": ["April 30", "April 30", "March 30 (retailer ships)"],
            "price": [p0, p0 - cut, p1],
            "buyer_cost": [p0 + loss, p0 - cut + loss, p1 + sb],
            "manufacturer_net": [p0 - sm, p0 - cut - sm, p1],
        },
        index=pd.Index(["manufacturer's offer", "distributive demand ($1M off)",
                        "integrative deal"], name="scenario"),
    )
    table["joint"] = table["manufacturer_net"] - table["buyer_cost"]
    buyer_gain = float(table["buyer_cost"].iloc[0] - table["buyer_cost"].iloc[2])
    mfr_gain = float(table["manufacturer_net"].iloc[2] - table["manufacturer_net"].iloc[0])
    return PatioCase(table, buyer_gain, mfr_gain, buyer_gain + mfr_gain,
                     bool(buyer_gain > 0 and mfr_gain > 0))


def budget_shift(marketing_budget: float, other_budget: float, increase: float = 0.10
                 ) -> float:
    """Relative change of the other budget when marketing gains ``increase`` of a fixed total.

    The text's fixed-pie example: "If marketing gets a 10 percent increase in its budget ... R&D
    will need to decrease its budget by 10 percent". With a fixed total,
    ``delta_other / B_other = -increase x B_marketing / B_other`` - exactly -10 % only when the
    two budgets are equal.

    >>> budget_shift(1.0, 1.0)
    -0.1
    >>> budget_shift(2.0, 1.0)
    -0.2
    """
    bm = check_positive(marketing_budget, "marketing_budget")
    bo = check_positive(other_budget, "other_budget")
    inc = check_nonnegative(increase, "increase")
    change = -inc * bm / bo
    if change < -1:
        raise ValueError(f"increase of {inc:g} x marketing_budget exceeds other_budget: the "
                         "other department cannot lose more than its whole budget")
    return float(round(change, 12))


def salary_ask(range_low: float, range_high: float, target: float | None = None
               ) -> tuple[float, bool]:
    """What to ask for when the boss names a range (TB 6.2, step 6).

    Returns ``(ask, challenge_range)``: ask for the high end of the range; if your researched
    target is above the range, ask for the target and challenge the range ("explain how you are
    an exception and why you deserve more").

    >>> salary_ask(66_000, 78_000)
    (78000.0, False)
    >>> salary_ask(66_000, 78_000, target=82_000)
    (82000.0, True)
    """
    lo = check_positive(range_low, "range_low")
    hi = check_positive(range_high, "range_high")
    if hi < lo:
        raise ValueError(f"range_high must be >= range_low; got {hi:g} < {lo:g}")
    if target is None:
        return float(hi), False
    t = check_positive(target, "target")
    return (float(t), True) if t > hi else (float(hi), False)


def career_earnings_gap(starting_salary: float, *, years: int = 40,
                        annual_raise: float = 0.03, starting_premium: float = 0.05,
                        extra_raise: float = 0.0) -> pd.DataFrame:
    """Cumulative extra earnings of someone who negotiates versus someone who never does.

    Non-negotiator: ``s_t = s_0 (1 + g)^t``. Negotiator: ``n_t = s_0 (1 + premium)
    (1 + g + e)^t`` for ``t = 0 .. years-1``; the table gives both paths and the cumulative
    difference. The textbook reports only the result ("over $1 million more by retirement",
    Babcock & Laschever 2003); the compounding model and all default values are assumptions,
    not from the textbook.

    >>> t = career_earnings_gap(50_000, years=40, starting_premium=0.05, extra_raise=0.01)
    >>> round(float(t["cumulative_gap"].iloc[-1]), -3)
    1219000.0
    """
    s0 = check_positive(starting_salary, "starting_salary")
    n = check_integer(years, "years", low=1, high=60)
    g = check_number(annual_raise, "annual_raise", low=-0.5, high=0.5)
    prem = check_number(starting_premium, "starting_premium", low=-0.5, high=1.0)
    e = check_number(extra_raise, "extra_raise", low=0.0, high=0.5)
    t = np.arange(n)
    base = s0 * (1.0 + g) ** t
    nego = s0 * (1.0 + prem) * (1.0 + g + e) ** t
    return pd.DataFrame({"year": t + 1, "accepts_first_offer": base, "negotiates": nego,
                         "gap": nego - base, "cumulative_gap": np.cumsum(nego - base)})


def tki_style(concern_self: Any, concern_other: Any) -> np.ndarray:
    """Classify positions on concern for self x concern for the other into the five styles.

    Each point (both coordinates in [0, 1]) takes the style whose prototype in
    :data:`TKI_STYLES` is nearest (Euclidean): Forcing (1, 0), Collaborating (1, 1),
    Compromising (0.5, 0.5), Avoiding (0, 0), Yielding (0, 1). Exact ties go to the style listed
    first. The five labels and their high/low descriptions are the textbook's (TB 6.3); the
    nearest-prototype boundaries are this workbook's choice.

    >>> tki_style([0.9, 0.5, 0.1, 0.2], [0.9, 0.6, 0.1, 0.8]).tolist()
    ['Collaborating', 'Compromising', 'Avoiding', 'Yielding']
    """
    cs = np.atleast_1d(check_probability(as_float_array(concern_self, "concern_self"),
                                         "concern_self"))
    co = np.atleast_1d(check_probability(as_float_array(concern_other, "concern_other"),
                                         "concern_other"))
    cs, co = np.broadcast_arrays(cs, co)
    px = TKI_STYLES["concern_self"].to_numpy()
    py = TKI_STYLES["concern_other"].to_numpy()
    d2 = (cs[..., None] - px) ** 2 + (co[..., None] - py) ** 2
    return TKI_STYLES.index.to_numpy(dtype=object)[np.argmin(d2, axis=-1)]
