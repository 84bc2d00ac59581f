"""Tests for coursekit.models.design: seed lists, invariants of the models, bad input."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models import design as des

B = [[0.05, 0.40], [0.40, 0.10]]


# --- seed content -----------------------------------------------------------------------------

def test_seed_lists():
    assert list(des.CUSTOMER_ROLES) == ["productive resources",
                                        "contributors to quality and satisfaction", "competitors"]
    assert des.MAKE_OR_BUY_CRITERIA == ("expertise capacity", "resource capacity",
                                        "time capacity", "economic rewards", "psychic rewards",
                                        "trust", "control")
    assert len(des.SST_REASONS) == 5
    assert list(des.PARTICIPATION_STRATEGIES) == [
        "define customer roles", "recruit, educate and reward customers",
        "manage the customer mix"]
    assert len(des.DESIGN_GOALS) == 3 and len(des.GAP_WIDENING_BEHAVIOURS) == 4


# --- make or buy ------------------------------------------------------------------------------

def test_make_or_buy_weighted_index():
    ratings = dict.fromkeys(des.MAKE_OR_BUY_CRITERIA, 1)
    ratings["expertise capacity"] = 5
    res = des.make_or_buy(ratings, weights={"expertise capacity": 3, "control": 1})
    assert res.score == pytest.approx(0.75)
    assert res.decision == "do it yourself"
    assert res.contributions.sum() == pytest.approx(res.score)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(1, 5), min_size=7, max_size=7), st.integers(0, 6))
def test_make_or_buy_monotone_in_each_rating(values, k):
    ratings = dict(zip(des.MAKE_OR_BUY_CRITERIA, values))
    base = des.make_or_buy(ratings).score
    ratings[des.MAKE_OR_BUY_CRITERIA[k]] = 5
    assert 0 <= base <= des.make_or_buy(ratings).score <= 1


# --- customer mix -----------------------------------------------------------------------------

def test_homogeneous_group_has_only_within_segment_encounters():
    assert des.encounter_dissatisfaction([1.0, 0.0], B) == pytest.approx(0.05)
    assert des.encounter_dissatisfaction([0.5, 0.5], B) == pytest.approx(0.2375)
    assert des.encounter_dissatisfaction([0.5, 0.5], B, "isolated") == pytest.approx(0.075)


def test_simulation_matches_expectation():
    sim = des.simulate_customer_mix([0.3, 0.7], B, n_encounters=40_000, seed=2)
    expected = des.encounter_dissatisfaction([0.3, 0.7], B)
    se = np.sqrt(expected * (1 - expected) / 40_000)
    assert abs(sim["dissatisfying"].mean() - expected) < 4 * se
    iso = des.simulate_customer_mix([0.3, 0.7], B, 1000, policy="isolated", seed=2)
    assert (iso["segment_a"] == iso["segment_b"]).all()


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 1), st.floats(0, 0.3), st.floats(0, 0.3), st.floats(0.3, 1))
def test_isolating_incompatible_segments_helps(s, b11, b22, b12):
    # when cross-segment encounters are worse than within-segment ones, isolation never hurts
    M = [[b11, b12], [b12, b22]]
    assert des.encounter_dissatisfaction([s, 1 - s], M, "isolated") <= \
        des.encounter_dissatisfaction([s, 1 - s], M) + 1e-12


# --- drop / go screening ----------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.floats(-3, 3), st.floats(0.01, 2))
def test_error_rates_move_in_opposite_directions(t, step):
    e = des.screening_errors([t, t + step])
    assert e["drop_error"].iloc[1] > e["drop_error"].iloc[0]
    assert e["go_error"].iloc[1] < e["go_error"].iloc[0]


def test_symmetric_case_and_optimum():
    e = des.screening_errors(0.0)
    assert e["drop_error"].item() == pytest.approx(0.158655, abs=1e-6)
    assert e["go_error"].item() == pytest.approx(0.158655, abs=1e-6)
    t_star = des.optimal_threshold(0.3, 10, 4)
    grid = np.linspace(-3, 3, 6001)
    ev = des.screening_value(grid, 0.3, 10, 4)["expected_value"]
    assert grid[ev.argmax()] == pytest.approx(t_star, abs=1e-3)


def test_rarer_good_ideas_raise_the_optimal_bar():
    assert des.optimal_threshold(0.1) > des.optimal_threshold(0.5)


def test_empirical_rates_from_dataset_are_close_to_model():
    ideas = pd.read_csv("datasets/idea_screening.csv")
    good = ideas["would_succeed"]
    go = (ideas["score"] >= 0) & ~good
    drop = (ideas["score"] < 0) & good
    assert drop.sum() / good.sum() == pytest.approx(0.1587, abs=0.08)
    assert go.sum() / (~good).sum() == pytest.approx(0.1587, abs=0.06)


# --- trade-offs, SITOC, FAST --------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 0.5))
def test_unit_cost_rises_with_customisation_and_quality(c, q, step):
    base = des.unit_cost_index(c, q)
    assert des.unit_cost_index(min(c + step, 1), q) >= base
    assert des.unit_cost_index(c, min(q + step, 1)) >= base


def test_positioning_functional_vs_technical():
    p = des.positioning([0.2, 0.8])
    assert p["position"].tolist() == ["technical", "functional"]
    assert (p["customisation"] + p["cost_efficiency"]).tolist() == [1.0, 1.0]


def test_sitoc_and_fast():
    m = des.sitoc_map(["chemical supplier"], ["soiled suit"], ["inspect", "clean", "press"],
                      ["clean suit"], ["commuter"])
    frame = m.to_frame()
    assert frame["part"].unique().tolist() == list(des.SITOC_PARTS)
    assert list(des.SITOC_PARTS) == ["suppliers", "input", "transformation", "output", "customer"]
    chain = des.fast_chain(["keep customer", "fix fault", "diagnose fault"])
    assert chain["how"].tolist() == ["fix fault", "diagnose fault"]


# --- bad input --------------------------------------------------------------------------------

def test_bad_inputs_name_the_argument():
    full = dict.fromkeys(des.MAKE_OR_BUY_CRITERIA, 3)
    with pytest.raises(ValueError, match="ratings is missing"):
        des.make_or_buy({"trust": 3})
    with pytest.raises(ValueError, match="ratings"):
        des.make_or_buy({**full, "price": 3})
    with pytest.raises(ValueError, match="expertise capacity"):
        des.make_or_buy({**full, "expertise capacity": 7})
    with pytest.raises(ValueError, match="weights"):
        des.make_or_buy(full, weights=dict.fromkeys(des.MAKE_OR_BUY_CRITERIA, 0))
    with pytest.raises(ValueError, match="shares"):
        des.encounter_dissatisfaction([0.5, 0.6], B)
    with pytest.raises(ValueError, match="incompatibility"):
        des.encounter_dissatisfaction([0.5, 0.5], [[0.1, 0.2], [0.3, 0.1]])
    with pytest.raises(ValueError, match="policy"):
        des.encounter_dissatisfaction([0.5, 0.5], B, "random")
    with pytest.raises(ValueError, match="good_mean"):
        des.screening_errors(0.0, good_mean=-2)
    with pytest.raises(ValueError, match="noise_sd"):
        des.screening_errors(0.0, noise_sd=0)
    with pytest.raises(ValueError, match="prior_good"):
        des.optimal_threshold(prior_good=0)
    with pytest.raises(ValueError, match="customisation"):
        des.unit_cost_index(1.5, 0.5)
    with pytest.raises(ValueError, match="transformation"):
        des.sitoc_map(["a"], ["b"], [], ["d"], ["e"])
    with pytest.raises(ValueError, match="functions"):
        des.fast_chain(["only one"])
