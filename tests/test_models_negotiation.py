"""Tests for coursekit.models.negotiation (TB 6.2-6.3)."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models import negotiation as ng


def test_five_phases_in_order():
    assert ng.FIVE_PHASES["phase"].tolist() == ["investigation", "determine your BATNA",
                                                "presentation", "bargaining", "closure"]


def test_patio_case_textbook_numbers():
    case = ng.patio_case(buyer_shipping_cost=0.3, manufacturer_shipping_cost=0.8)
    t = case.table
    assert t["price"].tolist() == [11.0, 10.0, 10.5]
    assert t.loc["manufacturer's offer", "buyer_cost"] == 12.0          # $11M + $1M lost sales
    # the $1M price cut only redistributes: same joint value as the offer (fixed pie)
    assert t["joint"].iloc[0] == pytest.approx(t["joint"].iloc[1])
    assert case.buyer_gain == pytest.approx(1.5 - 0.3)
    assert case.manufacturer_gain == pytest.approx(0.8 - 0.5)
    assert case.joint_gain == pytest.approx(1 + 0.8 - 0.3)
    assert case.integrative_beats_fixed_pie


def test_patio_conditions_boundaries():
    assert not ng.patio_case(1.6, 0.8).integrative_beats_fixed_pie     # S_b >= 1.5
    assert not ng.patio_case(0.3, 0.4).integrative_beats_fixed_pie     # S_m <= 0.5


@settings(max_examples=50, deadline=None)
@given(sb=st.floats(0, 3), sm=st.floats(0, 3))
def test_patio_gain_conditions_hold_everywhere(sb, sm):
    case = ng.patio_case(sb, sm)
    assert (case.buyer_gain > 0) == (sb < 1.5)
    assert (case.manufacturer_gain > 0) == (sm > 0.5)
    assert case.joint_gain == pytest.approx(1 + sm - sb)


def test_zopa_surplus_and_batna():
    z = ng.zopa(78_000, 66_000)
    assert z.exists and (z.low, z.high, z.width) == (66_000, 78_000, 12_000)
    assert not ng.zopa(10, 11).exists
    s = ng.surplus([60_000, 70_000, 80_000], 78_000, 66_000)
    assert s["deal"].tolist() == [False, True, False]
    assert ng.accept_offer(72_000, 70_000) and not ng.accept_offer(70_000, 70_000)
    assert ng.split_price(12, 10) == 11 and ng.split_price(12, 10.5) > 11


@settings(max_examples=50, deadline=None)
@given(rb=st.floats(-1e6, 1e6), rs=st.floats(-1e6, 1e6), share=st.floats(0, 1))
def test_price_only_divides_the_pie(rb, rs, share):
    if rb < rs:
        with pytest.raises(ValueError, match="ZOPA"):
            ng.split_price(rb, rs, seller_share=share)
        return
    p = ng.split_price(rb, rs, seller_share=share)
    s = ng.surplus(p, rb, rs)
    assert s["total"].iloc[0] == pytest.approx(rb - rs, abs=1e-6)
    assert bool(s["deal"].iloc[0])


def test_distributive_budget_and_salary():
    assert ng.budget_shift(1.0, 1.0) == -0.10          # the text's +10 % / -10 % (equal budgets)
    assert ng.budget_shift(3.0, 1.0) == pytest.approx(-0.30)
    assert ng.salary_ask(66_000, 78_000) == (78_000, False)
    facts = ng.NEGOTIATION_FACTS.set_index("fact")["value"]
    assert facts["salary range offered, low end"] == 66_000
    assert facts["car sticker price"] == 19_000
    assert facts["negotiation experiments that reached integrative outcomes"] == 0.20
    assert facts["experiments in that summary"] == 32


def test_adr_figures():
    adr = ng.ADR_OPTIONS.dropna(subset=["value"]).set_index(["option", "measure"])["value"]
    assert adr[("mediation", "respondents who would use mediation again")] == 0.96
    assert adr[("mediation", "charging parties who would use mediation again")] == 0.91
    assert adr[("arbitration-mediation", "voluntary agreements reached")] == 0.71
    assert adr[("mediation-arbitration", "voluntary agreements reached")] == 0.50


def test_career_gap_closed_form():
    t = ng.career_earnings_gap(50_000, years=40, starting_premium=0.05, extra_raise=0.01)
    closed = 52_500 * (1.04 ** 40 - 1) / 0.04 - 50_000 * (1.03 ** 40 - 1) / 0.03
    assert t["cumulative_gap"].iloc[-1] == pytest.approx(closed)
    assert t["cumulative_gap"].iloc[-1] > 1_000_000     # "over $1 million more by retirement"


def test_tki_prototypes_are_the_texts_five_styles():
    labels = ng.tki_style(ng.TKI_STYLES["concern_self"], ng.TKI_STYLES["concern_other"])
    assert labels.tolist() == ["Forcing", "Collaborating", "Compromising", "Avoiding", "Yielding"]
    assert ng.tki_style(0.95, 0.05)[0] == "Forcing"            # the car dealership
    assert ng.TKI_STYLES.loc["Yielding", "tki_name"] == "Accommodating"


@settings(max_examples=50, deadline=None)
@given(x=st.floats(0, 1), y=st.floats(0, 1))
def test_tki_mirror_swaps_forcing_and_yielding(x, y):
    # mirroring self <-> other maps Forcing <-> Yielding and keeps the other three styles
    px, py = ng.TKI_STYLES["concern_self"].to_numpy(), ng.TKI_STYLES["concern_other"].to_numpy()
    d = np.sort((x - px) ** 2 + (y - py) ** 2)
    if d[1] - d[0] < 1e-9:          # on a boundary: ties are broken by list order
        return
    swap = {"Forcing": "Yielding", "Yielding": "Forcing"}
    a, b = ng.tki_style(x, y)[0], ng.tki_style(y, x)[0]
    assert swap.get(a, a) == b


def test_bad_inputs():
    with pytest.raises(ValueError, match="buyer_shipping_cost"):
        ng.patio_case(-1, 0.5)
    with pytest.raises(ValueError, match="price_cut_asked"):
        ng.patio_case(0.1, 0.5, price_cut_asked=12)
    with pytest.raises(ValueError, match="concern_self"):
        ng.tki_style(1.5, 0.2)
    with pytest.raises(ValueError, match="concern_other"):
        ng.tki_style(0.5, 20)
    with pytest.raises(ValueError, match="range_high"):
        ng.salary_ask(78_000, 66_000)
    with pytest.raises(ValueError, match="other_budget"):
        ng.budget_shift(5.0, 0.1)
    with pytest.raises(TypeError, match="offer_value"):
        ng.accept_offer("a lot", 5)
    with pytest.raises(ValueError, match="seller_share"):
        ng.split_price(12, 10, seller_share=2)
