"""Module 01: the value equation, with the textbook's worked numbers as oracles."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models import value

money = st.floats(min_value=0, max_value=1e6, allow_nan=False)


# --- textbook oracles (TB 1.1) -----------------------------------------------------------------

def test_five_dollar_swap_creates_no_value():
    assert value.exchange_value(given=5, received=5) == 0.0


def test_bus_ticket_bill_is_worth_125():
    assert value.situational_unit_worth(paid=5, units=4) == 1.25


def test_airbnb_is_40_per_person_and_marriott_shared_50():
    assert value.per_person_price(280, 7) == 40.0
    assert value.per_person_price(100, 2) == 50.0


def test_lodging_offers_carry_the_textbook_prices():
    t = value.lodging_offers()
    assert t["price"].tolist() == [95.0, 50.0, 40.0]
    # one of seven sleeps on the couch: the comfort cost is 1/7 of a couch night
    assert t.loc["Airbnb apartment", "comfort"] == pytest.approx(60 / 7)
    assert t.loc["Airbnb apartment", "travel"] == 5 * 4.0


def test_lodging_offers_agree_with_the_dataset():
    from coursekit import load_dataset

    df = load_dataset("vacation_offers")
    per_person = value.per_person_price(df["price_per_night"], df["guests"])
    assert per_person.tolist() == value.lodging_offers()["price"].tolist()


def test_compare_offers_hand_computed():
    offers = pd.DataFrame({"benefit": [150, 150, 160], "price": [95, 50, 40],
                           "travel": [0, 0, 20], "comfort": [0, 0, 60 / 7],
                           "privacy": [0, 0, 15]}, index=["own", "shared", "airbnb"])
    c = value.compare_offers(offers, costs=["travel", "comfort", "privacy"])
    assert c.table["net_value"].round(4).tolist() == [55.0, 100.0, round(160 - 40 - 20 - 60 / 7 - 15, 4)]
    assert c.winner == "shared"
    assert c.table.loc["shared", "value_ratio"] == 3.0
    assert c.table["rank"].tolist() == [3, 1, 2]


def test_cheap_travel_flips_the_winner_to_airbnb():
    offers = value.lodging_offers(travel_cost_per_mile=0, airbnb_total=210)
    assert value.compare_offers(offers, costs=["travel", "comfort", "privacy"]).winner == \
        "Airbnb apartment"


def test_multi_attribute_value_is_weighted_sum():
    beliefs = pd.DataFrame({"a": [1, 7], "b": [7, 1]}, index=["x", "y"])
    v = value.multi_attribute_value(beliefs, {"a": 0.25, "b": 0.75})
    assert v.to_dict() == {"x": 0.25 + 5.25, "y": 1.75 + 0.75}


def test_rubric_totals_and_weakest():
    s = value.score_value_proposition(who=2, what=1, why=2, clear=0, compelling=2,
                                      differentiating=2)
    assert (s.total, s.maximum, s.weakest) == (9, 12, ("clear",))
    assert value.score_value_proposition(**{k: 2 for k in value.PROPOSITION_CRITERIA}).weakest == ()


def test_screening_has_the_six_questions_of_tb_3_1():
    assert len(value.SCREENING_QUESTIONS) == 6
    assert value.screen_proposition([True] * 6).all()


# --- properties --------------------------------------------------------------------------------

@settings(max_examples=50, deadline=None)
@given(b=money, p=money, c=money, extra=st.floats(min_value=0.01, max_value=1e4))
def test_more_cost_never_raises_value(b, p, c, extra):
    assert value.net_value(b, p, c + extra) < value.net_value(b, p, c)


@settings(max_examples=50, deadline=None)
@given(w=st.lists(st.floats(min_value=0, max_value=10), min_size=3, max_size=3),
       k=st.floats(min_value=0.1, max_value=10))
def test_scaling_importance_keeps_the_ranking(w, k):
    beliefs = pd.DataFrame(np.arange(9).reshape(3, 3) % 7 + 1, columns=list("abc"))
    a = value.multi_attribute_value(beliefs, dict(zip("abc", w)))
    b = value.multi_attribute_value(beliefs, dict(zip("abc", np.array(w) * k)))
    assert np.allclose(a * k, b)


@settings(max_examples=30, deadline=None)
@given(prices=st.lists(money, min_size=1, max_size=6))
def test_winner_has_the_highest_net_value(prices):
    offers = pd.DataFrame({"benefit": 100.0, "price": prices})
    c = value.compare_offers(offers)
    assert c.table.loc[c.winner, "net_value"] == c.table["net_value"].max()
    assert not c.table["net_value"].isna().any()


# --- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("call, arg", [
    (lambda: value.net_value(10, -1), "price"),
    (lambda: value.net_value(10, 5, other_costs=-2), "other_costs"),
    (lambda: value.net_value(float("nan"), 5), "benefit"),
    (lambda: value.value_ratio(10, 0), "cost"),
    (lambda: value.situational_unit_worth(5, 0), "units"),
    (lambda: value.per_person_price(280, 0), "people"),
    (lambda: value.per_person_price(280, 2.5), "people"),
    (lambda: value.lodging_offers(group_size=0), "group_size"),
    (lambda: value.lodging_offers(couch_cost=-5), "couch_cost"),
    (lambda: value.score_value_proposition(who=3, what=2, why=2, clear=2, compelling=2,
                                           differentiating=2), "who"),
    (lambda: value.score_value_proposition(who=2), "missing"),
    (lambda: value.screen_proposition([True]), "answers"),
])
def test_bad_values_raise_value_error_naming_the_argument(call, arg):
    with pytest.raises(ValueError, match=arg):
        call()


@pytest.mark.parametrize("call, arg", [
    (lambda: value.net_value("ten", 5), "benefit"),
    (lambda: value.net_value(True, 5), "benefit"),
    (lambda: value.multi_attribute_value([[1, 2]], {"a": 1}), "beliefs"),
    (lambda: value.compare_offers({"benefit": [1]}), "offers"),
])
def test_wrong_types_raise_type_error(call, arg):
    with pytest.raises(TypeError, match=arg):
        call()


def test_compare_offers_names_missing_columns():
    with pytest.raises(ValueError, match="travel"):
        value.compare_offers(pd.DataFrame({"benefit": [1], "price": [1]}), costs=["travel"])


def test_importance_must_match_attributes():
    beliefs = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(ValueError, match="missing \\['b'\\]"):
        value.multi_attribute_value(beliefs, {"a": 1.0})
