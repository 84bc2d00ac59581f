"""Tests for coursekit.models.laddering.customer_value: the bank case of textbook 6.1 and the
importance x belief comparison."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models.laddering import customer_value as cv


@pytest.fixture(scope="module")
def estimates():
    from coursekit.datasets import load_dataset

    return load_dataset("bank_executive_estimates")


def ratings(frame, group):
    return frame[frame["group"] == group].set_index("attribute")["importance"]


# ---------------------------------------------------------------- textbook facts
def test_bank_case_constants():
    assert len(cv.BANK_MANAGER_ATTRIBUTES) == 10
    assert cv.BANK_MANAGER_TOP4 == ("Timely service response", "High trust of bank and banker",
                                    "Knowledgeable employees", "Straight talk and sound advice")
    assert "Team approach" in cv.BANK_CUSTOMER_VIEW
    assert "Team approach" not in cv.BANK_MANAGER_ATTRIBUTES  # the managers missed it
    assert cv.BANK_INTERVIEWS == {"regional_managers": 9, "customers": 7, "months_as_client": 9}
    assert len(cv.END_VALUES) == 8 and cv.END_VALUES[-2] == "security, peace of mind"
    assert cv.ATT_SATISFACTION["Allegheny"] == 0.98


def test_dataset_matches_the_textbook_lists(estimates):
    ex = ratings(estimates, "executives")
    assert tuple(ex.index) == cv.BANK_MANAGER_ATTRIBUTES
    assert set(ex[ex == "H"].index) == set(cv.BANK_MANAGER_TOP4)
    assert cv.importance_profile(ex).discriminates


def test_bank_case_has_exactly_the_two_textbook_surprises(estimates):
    table = cv.executive_vs_customer(ratings(estimates, "executives"),
                                     ratings(estimates, "customers"))
    surprises = table[table["finding"] != "as estimated"]
    assert surprises.index.tolist() == ["Team approach",
                                        "Commitment to community service and involvement"]
    assert surprises["finding"].tolist() == ["missed by executives", "underestimated"]
    assert table.loc["Commitment to community service and involvement", "gap"] == 2.0
    assert np.isnan(table.loc["Team approach", "gap"])


# ---------------------------------------------------------------- importance
def test_importance_scores_and_profile():
    s = cv.importance_scores({"a": "high", "b": "m", "c": "L"})
    assert s.tolist() == [3, 2, 1]
    p = cv.importance_profile({"a": "H", "b": "H", "c": "M", "d": "L"})
    assert p.counts.tolist() == [1, 1, 2] and p.mean_score == pytest.approx(2.25)
    assert p.shares.sum() == pytest.approx(1.0)
    assert not cv.importance_profile({"a": "H", "b": "H"}).discriminates
    assert not cv.importance_profile({"a": "H", "b": "H", "c": "L"},
                                     max_high_share=0.5).discriminates
    assert "discriminates=True" in repr(p)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["L", "M", "H"]), min_size=1, max_size=15))
def test_profile_properties(levels):
    r = {f"attr{i}": lv for i, lv in enumerate(levels)}
    p = cv.importance_profile(r)
    assert p.counts.sum() == len(levels)
    assert 1 <= p.mean_score <= 3
    assert p.discriminates == (len(set(levels)) > 1)


# ---------------------------------------------------------------- beliefs
def test_belief_vs_expectation():
    assert cv.belief_vs_expectation(5.8, 6.0) == "below"
    assert cv.belief_vs_expectation(6.0, 6.0) == "equal"
    assert cv.belief_vs_expectation([5, 6.1, 7], 6, tolerance=0.2).tolist() == \
        ["below", "equal", "above"]


def test_att_lesson_relative_to_competitor():
    # Illustrative competitor scores (not in the textbook): Allegheny's customers liked the
    # competitors even more; New York had no strong competitor.
    allegheny = cv.belief_vs_competitor(cv.ATT_SATISFACTION["Allegheny"], 0.99)
    new_york = cv.belief_vs_competitor(cv.ATT_SATISFACTION["New York"], 0.60)
    assert allegheny < 0 < new_york


def test_competitive_value_by_hand():
    t = cv.competitive_value({"trust": "H", "price": "M", "place": "L"},
                             {"trust": 1, "price": -1, "place": 0},
                             {"trust": 0, "price": 1, "place": 1})
    # advantage = 3*(1-0) + 2*(-1-1) + 1*(0-1) = 3 - 4 - 1 = -2
    assert t.loc["total", "advantage"] == -2
    assert t.loc["total", "weighted_ours"] == 1 and t.loc["total", "weighted_competitor"] == 3
    numeric = cv.competitive_value(pd.Series({"x": 0.5, "y": 0.5}), {"x": 6, "y": 4},
                                   {"x": 5, "y": 5})
    assert numeric.loc["total", "advantage"] == pytest.approx(0.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["L", "M", "H"]), st.integers(-1, 1),
                          st.integers(-1, 1)), min_size=1, max_size=10))
def test_competitive_value_is_antisymmetric(rows):
    imp = {f"a{i}": r[0] for i, r in enumerate(rows)}
    ours = {f"a{i}": r[1] for i, r in enumerate(rows)}
    comp = {f"a{i}": r[2] for i, r in enumerate(rows)}
    a = cv.competitive_value(imp, ours, comp).loc["total", "advantage"]
    b = cv.competitive_value(imp, comp, ours).loc["total", "advantage"]
    assert a == pytest.approx(-b)


# ---------------------------------------------------------------- bad input
def test_bad_inputs():
    with pytest.raises(ValueError, match="ratings"):
        cv.importance_scores({"a": "very high"})
    with pytest.raises(ValueError, match="ratings"):
        cv.importance_scores({})
    with pytest.raises(TypeError, match="ratings"):
        cv.importance_scores(["H", "L"])
    with pytest.raises(ValueError, match="max_high_share"):
        cv.importance_profile({"a": "H", "b": "L"}, max_high_share=1.5)
    with pytest.raises(ValueError, match="tolerance"):
        cv.belief_vs_expectation(5, 6, tolerance=-1)
    with pytest.raises(ValueError, match="belief"):
        cv.belief_vs_expectation(float("nan"), 6)
    with pytest.raises(ValueError, match="competitor"):
        cv.competitive_value({"a": "H"}, {"a": 1}, {"b": 1})
    with pytest.raises(ValueError, match="importance"):
        cv.competitive_value({"a": -1.0}, {"a": 1}, {"a": 1})
    with pytest.raises(ValueError, match="executive"):
        cv.executive_vs_customer({"a": "X"}, {"a": "H"})
    with pytest.raises(ValueError, match="customer"):
        cv.executive_vs_customer({"a": "H"}, pd.Series(["H", "L"], index=["a", "a"]))
