"""Channels and pricing (TB 4.3): mark-up chain, producer price ceiling, willingness to pay."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models.segments import pricing

markup = st.floats(min_value=0, max_value=3, allow_nan=False)


def test_textbook_lists_are_complete():
    assert len(pricing.PRICING_FACTORS) == 4 and "sticker shock" in pricing.PRICING_FACTORS
    assert len(pricing.CHANNEL_OPTIONS) == 5
    assert len(pricing.CHAIN_LINKS) == 7


def test_markups_compound_rather_than_add():
    b = pricing.markup_chain(20, {"distributor": 0.25, "retailer": 0.50})
    assert b.shelf_price == pytest.approx(37.5)          # 20 x 1.25 x 1.5, not 20 x 1.75 = 35
    assert b.table.loc["retailer", "buys_at"] == pytest.approx(25.0)
    assert b.producer_share == pytest.approx(20 / 37.5)
    assert b.table["profit_per_unit"].sum() == pytest.approx(37.5 - 20)


def test_margin_on_price_versus_markup_on_cost():
    # a 50 % margin on the selling price is a 100 % mark-up on cost
    assert pricing.markup_chain(10, [0.5], basis="price").shelf_price == pytest.approx(20)
    assert pricing.markup_chain(10, [1.0], basis="cost").shelf_price == pytest.approx(20)


def test_max_producer_price_inverts_the_chain():
    assert pricing.max_producer_price(50, [0.25, 0.5]) == pytest.approx(26.6667, rel=1e-4)
    assert pricing.max_producer_price(40, [0.5], basis="price") == pytest.approx(20)


@settings(max_examples=40, deadline=None)
@given(p=st.floats(min_value=0.01, max_value=1e4), m=st.lists(markup, min_size=1, max_size=4))
def test_round_trip_and_monotone(p, m):
    shelf = pricing.markup_chain(p, m).shelf_price
    assert shelf >= p
    assert pricing.max_producer_price(shelf, m) == pytest.approx(p, rel=1e-9)


def test_purchase_share_is_a_falling_demand_curve():
    wtp = [30, 45, 50, 60, 80]
    assert pricing.purchase_share(50, wtp) == pytest.approx(0.6)
    curve = pricing.purchase_share(np.linspace(0, 100, 21), wtp)
    assert curve[0] == 1.0 and curve[-1] == 0.0 and np.all(np.diff(curve) <= 0)


def test_stated_worth_overstates_willingness_to_pay():
    assert pricing.worth_vs_willingness(50)[0] == pytest.approx(50 / 1.35)
    assert pricing.worth_vs_willingness(50, hypothetical_bias=1.0)[0] == 50


@pytest.mark.parametrize("call, arg", [
    (lambda: pricing.markup_chain(-1, [0.2]), "producer_price"),
    (lambda: pricing.markup_chain(10, [-0.2]), "markups"),
    (lambda: pricing.markup_chain(10, [1.0], basis="price"), "markups"),
    (lambda: pricing.markup_chain(10, []), "markups"),
    (lambda: pricing.markup_chain(10, [0.2], basis="margin"), "basis"),
    (lambda: pricing.max_producer_price(0, [0.2]), "shelf_price"),
    (lambda: pricing.purchase_share(-5, [10]), "price"),
    (lambda: pricing.purchase_share(5, []), "willingness_to_pay"),
    (lambda: pricing.worth_vs_willingness(50, hypothetical_bias=0.5), "hypothetical_bias"),
])
def test_bad_input_names_the_argument(call, arg):
    with pytest.raises(ValueError, match=arg):
        call()


def test_markups_must_be_a_list_or_dict():
    with pytest.raises(TypeError, match="markups"):
        pricing.markup_chain(10, 0.5)
