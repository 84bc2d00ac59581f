"""Research checks on the instruments: QFD scale sensitivity, Kano evidence, RFM mailing,
SERVQUAL psychometrics (issue 19, items 8-11)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.datasets import load_dataset
from coursekit.models.qfd import HouseOfQuality, kano_classify
from coursekit.models.qfd.kano_evidence import KANO_LIFE_CYCLE, fong_test, self_stated_importance
from coursekit.models.qfd.sensitivity import RELATIONSHIP_SCALES, rescore, scale_sensitivity
from coursekit.models.rfm import rfm_scores, rfm_table
from coursekit.models.rfm.mailing import breakeven_response_rate, mailing_plan, response_by_cell
from coursekit.models.servqual import item_columns
from coursekit.models.servqual.psychometrics import (difference_score_reliability,
                                                     difference_score_table, factor_structure)


# ------------------------------------------------------------------ QFD scale sensitivity
@pytest.fixture(scope="module")
def restaurant():
    return HouseOfQuality.from_dict(load_dataset("qfd_restaurant"))


def test_rescore_recodes_every_symbol_and_keeps_blanks(restaurant):
    recoded = rescore(restaurant, RELATIONSHIP_SCALES["4-2-1"])
    old, new = np.asarray(restaurant.relationships), np.asarray(recoded.relationships)
    for a, b in ((9, 4), (3, 2), (1, 1), (0, 0)):
        assert np.all(new[old == a] == b)


def test_restaurant_priorities_change_with_the_scale(restaurant):
    s = scale_sensitivity(restaurant)
    # by hand from qfd_restaurant.json: the top how under 9-3-1 is kitchen ticket time, and
    # 5-3-1 makes servers per shift tie with it; price and staff training swap ranks 3 and 4
    assert s.ranks["9-3-1"].to_dict() == {
        "Staff training": 4, "Fresh ingredients": 5, "Servers per shift": 2,
        "Kitchen ticket time": 1, "Cleaning rounds": 6, "Average main-course price": 3,
        "Dining-room noise": 7}
    assert s.ranks.loc["Kitchen ticket time", "5-3-1"] == s.ranks.loc["Servers per shift", "5-3-1"] == 1
    assert not s.stable and not s.top_k_agree
    assert s.kendall_tau["9-3-1"] == pytest.approx(1.0)
    assert 0.7 < s.kendall_tau.min() < 1.0
    assert s.rank_range["Dining-room noise"] == 0 and s.rank_range.max() >= 1
    np.testing.assert_allclose(s.relative_importance.sum(), 1.0)


def test_boutique_priorities_do_not_depend_on_the_scale():
    s = scale_sensitivity(HouseOfQuality.from_dict(load_dataset("qfd_boutique")))
    assert s.stable and s.top_k_agree
    np.testing.assert_allclose(s.kendall_tau, 1.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["strong", "medium", "weak", None]), min_size=6, max_size=6),
       st.lists(st.integers(1, 5), min_size=2, max_size=2))
def test_a_single_requirement_house_never_changes_its_order(cells, weights):
    """With one symbol per how and one requirement, any ordinal recoding keeps the order."""
    house = HouseOfQuality(["a"], [weights[0]], [f"h{k}" for k in range(6)], [cells])
    if not any(cells):
        return
    s = scale_sensitivity(house)
    assert s.stable


def test_scale_sensitivity_rejects_bad_scales(restaurant):
    with pytest.raises(ValueError, match="scale"):
        scale_sensitivity(restaurant, {"a": {"strong": 9, "medium": 3, "weak": 1},
                                       "b": {"strong": 1, "medium": 3, "weak": 9}})
    with pytest.raises(ValueError, match="scales"):
        scale_sensitivity(restaurant, {"only": RELATIONSHIP_SCALES["9-3-1"]})
    with pytest.raises(ValueError, match="k must be"):
        scale_sensitivity(restaurant, k=99)
    numeric = HouseOfQuality(["a"], [1], ["x"], [[5]])
    with pytest.raises(ValueError, match="cannot be recoded"):
        rescore(numeric, RELATIONSHIP_SCALES["5-3-1"])


# ------------------------------------------------------------------ Kano evidence
def test_fong_threshold_matches_the_formula():
    r = fong_test({"attractive": 40, "one-dimensional": 35, "must-be": 10, "indifferent": 15})
    assert r["threshold"] == pytest.approx(1.65 * math.sqrt(75 * 125 / 200))
    assert (r["first"], r["second"], r["significant"]) == ("attractive", "one-dimensional", False)
    clear = fong_test({"attractive": 60, "one-dimensional": 20, "indifferent": 20})
    assert clear["significant"] and clear["threshold"] == pytest.approx(
        1.65 * math.sqrt(80 * 120 / 200))


def test_fong_on_the_survey_all_300_is_significant_and_small_samples_are_not():
    survey = load_dataset("kano_survey")
    full = fong_test(kano_classify(survey))
    assert full["significant"].all()
    assert (full["first"] == survey.groupby("feature", sort=False)["true_category"].first()).all()
    small = fong_test(kano_classify(survey[survey["respondent"] <= 20]))
    assert not small["significant"].all()


def test_self_stated_importance_orders_categories_as_generated():
    table = self_stated_importance(load_dataset("kano_survey"))
    means = table.groupby("category")["importance"].mean()
    assert means["must-be"] > means["attractive"] > means["indifferent"]
    assert table.loc["Food served hot", "rank_in_category"] == 1
    assert set(table["rank_in_category"]) <= set(range(1, 11))


def test_kano_life_cycle_runs_from_indifferent_to_must_be():
    assert [stage for stage, _ in KANO_LIFE_CYCLE] == [
        "indifferent", "attractive", "one-dimensional", "must-be"]


def test_kano_evidence_rejects_bad_input():
    with pytest.raises(ValueError, match="unknown categories"):
        fong_test({"delightful": 3})
    with pytest.raises(ValueError, match="n > 0"):
        fong_test({"attractive": 0, "must-be": 0})
    with pytest.raises(TypeError, match="counts"):
        fong_test([1, 2, 3])
    df = pd.DataFrame({"feature": ["a"], "functional": ["like"], "dysfunctional": ["neutral"],
                       "importance": [np.nan]})
    with pytest.raises(ValueError, match="missing ratings"):
        self_stated_importance(df)


# ------------------------------------------------------------------ RFM test mailing
@pytest.fixture(scope="module")
def mailed():
    scores = rfm_scores(rfm_table(load_dataset("cafe_transactions"), as_of="2024-12-29"))
    return scores.join(load_dataset("cafe_mailing").set_index("customer_id"))


def test_breakeven_response_rate():
    assert breakeven_response_rate(0.8, 20.0) == pytest.approx(0.04)
    with pytest.raises(ValueError, match="margin_per_response"):
        breakeven_response_rate(0.8, 0.0)
    with pytest.raises(ValueError, match="cost_per_piece"):
        breakeven_response_rate(-1, 5)


def test_recency_cells_respond_in_order_and_the_plan_mails_the_profitable_ones(mailed):
    rates = response_by_cell(mailed, by="R")
    assert rates["mailed"].sum() == 1000
    assert rates.index.tolist() == [5, 4, 3, 2, 1]  # recency drives response (the truth)
    overall = rates["responders"].sum() / 1000
    assert (rates["index"] == (100 * rates["response_rate"] / overall).round(1)).all()
    plan = mailing_plan(rates, cost_per_piece=0.5, margin_per_response=8.0)
    assert plan["mail"].tolist() == (rates["response_rate"] > 0.5 / 8).tolist()
    profit = (rates["mailed"] * (rates["response_rate"] * 8 - 0.5)).clip(lower=0)
    np.testing.assert_allclose(plan["expected_profit"], profit)
    # the rollout is never worse than mailing everyone or no one
    everyone = (rates["mailed"] * (rates["response_rate"] * 8 - 0.5)).sum()
    assert plan["expected_profit"].sum() >= max(everyone, 0)


def test_response_by_cell_rejects_bad_flags():
    with pytest.raises(ValueError, match="True/False"):
        response_by_cell(pd.DataFrame({"rfm_cell": ["111"], "responded": ["yes"]}))
    with pytest.raises(ValueError, match="customers"):
        response_by_cell(pd.DataFrame({"rfm_cell": [], "responded": []}))
    rates = pd.DataFrame({"mailed": [10], "response_rate": [0.1]}, index=["a"])
    with pytest.raises(ValueError, match="rollout"):
        mailing_plan(rates, cost_per_piece=1, margin_per_response=5,
                     rollout=pd.Series({"b": 10}))


# ------------------------------------------------------------------ SERVQUAL psychometrics
def test_difference_score_reliability_formula():
    # equal variances: (r_EE + r_PP - 2 r_EP) / (2 - 2 r_EP)
    assert difference_score_reliability(0.8, 0.8, 0.5) == pytest.approx(0.6 / 1.0)
    assert difference_score_reliability(0.9, 0.7, 0.3, sd_e=2, sd_p=1) == pytest.approx(
        (1 * 0.7 + 4 * 0.9 - 2 * 0.3 * 2) / (1 + 4 - 2 * 0.3 * 2))
    with pytest.raises(ValueError, match="no variance"):
        difference_score_reliability(0.8, 0.8, 1.0)
    with pytest.raises(ValueError, match="r_ep"):
        difference_score_reliability(0.8, 0.8, 1.5)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.5, 0.95), st.floats(0.0, 0.45))
def test_difference_scores_lose_reliability_as_e_and_p_correlate(alpha, r):
    """With equal reliabilities and variances, r_GG = (alpha - r) / (1 - r) <= alpha."""
    value = difference_score_reliability(alpha, alpha, r)
    assert value == pytest.approx((alpha - r) / (1 - r))
    assert value <= alpha + 1e-12


def test_survey_recovers_the_five_dimensions_by_construction():
    survey = load_dataset("servqual_survey")
    fs = factor_structure(survey[item_columns("p")])
    assert fs.hit_rate == 1.0 and fs.kaiser_factors == 5
    assert sorted(fs.factor_dimension) == sorted(
        ["tangibles", "reliability", "responsiveness", "assurance", "empathy"])
    table = difference_score_table(survey[item_columns("e")], survey[item_columns("p")])
    assert list(table.index) == ["tangibles", "reliability", "responsiveness", "assurance",
                                 "empathy"]
    for dim, row in table.iterrows():  # the table uses the formula on its own columns
        assert row["reliability_gap"] == pytest.approx(difference_score_reliability(
            row["alpha_E"], row["alpha_P"], row["r_EP"], sd_e=row["sd_E"], sd_p=row["sd_P"]))


def test_factor_structure_rejects_too_few_respondents():
    rng = np.random.default_rng(1)
    with pytest.raises(ValueError, match="more respondents"):
        factor_structure(rng.integers(1, 8, size=(10, 22)))
    with pytest.raises(ValueError, match="method"):
        factor_structure(rng.integers(1, 8, size=(100, 22)), method="minres")
