"""The three threads (TB 1.3): 20-50 % of decisions, 'tell five', and the referral cascade."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models.relationships import word_of_mouth as wom


def test_textbook_numbers():
    assert wom.WOM_SHARE_OF_DECISIONS == (0.20, 0.50)
    assert wom.TELL_FIVE == 5
    assert wom.VALUE_TO_CASH_FLOW[0] == "superior customer value"
    assert wom.VALUE_TO_CASH_FLOW[-1] == "superior cash flow"
    assert wom.wom_purchases(1000).tolist() == [200.0, 500.0]


def test_cascade_is_geometric():
    c = wom.referral_cascade(100, tell=5, conversion=0.1, satisfied=0.8, generations=4)
    assert c["new_customers"].tolist() == pytest.approx([40, 16, 6.4, 2.56])
    assert c["cumulative"].iloc[-1] == pytest.approx(64.96)


def test_total_is_the_limit_of_the_cascade():
    total = wom.referral_total(100, tell=5, conversion=0.1, satisfied=0.8)
    assert total == pytest.approx(100 * 0.4 / 0.6)
    long = wom.referral_cascade(100, tell=5, conversion=0.1, satisfied=0.8, generations=60)
    assert long["cumulative"].iloc[-1] == pytest.approx(total)


@settings(max_examples=40, deadline=None)
@given(c1=st.floats(0, 0.19), c2=st.floats(0, 0.19))
def test_more_conversion_more_referrals(c1, c2):
    lo, hi = sorted((c1, c2))
    assert wom.referral_total(50, conversion=lo) <= wom.referral_total(50, conversion=hi)


def test_explosive_cascade_has_no_finite_total():
    with pytest.raises(ValueError, match="tell x conversion x satisfied"):
        wom.referral_total(10, tell=5, conversion=0.2)
    assert np.all(np.diff(wom.referral_cascade(10, tell=5, conversion=0.3)["new_customers"]) > 0)


@pytest.mark.parametrize("call, arg", [
    (lambda: wom.referral_cascade(-1), "customers"),
    (lambda: wom.referral_cascade(10, conversion=1.5), "conversion"),
    (lambda: wom.referral_cascade(10, satisfied=-0.1), "satisfied"),
    (lambda: wom.referral_cascade(10, tell=-2), "tell"),
    (lambda: wom.referral_cascade(10, generations=0), "generations"),
    (lambda: wom.wom_purchases(100, share=50), "share"),
])
def test_bad_input_names_the_argument(call, arg):
    with pytest.raises(ValueError, match=arg):
        call()
