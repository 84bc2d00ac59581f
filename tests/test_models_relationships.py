"""Tests for coursekit.models.relationships: textbook oracles, chain invariants, bad input."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models import relationships as rel

prob = st.floats(min_value=0.01, max_value=0.99, allow_nan=False)


@st.composite
def positive_chains(draw, n=3):
    """Random transition matrices with all entries > 0 (irreducible and aperiodic)."""
    rows = [draw(st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n)) for _ in range(n)]
    arr = np.asarray(rows)
    return rel.transition_matrix(arr / arr.sum(axis=1, keepdims=True), ["a", "b", "c"])


# --- textbook oracles -------------------------------------------------------------------------

def test_simple_lifetime_value_textbook_7_4():
    assert rel.simple_lifetime_value(75, 0.30, 1) == pytest.approx(22.50)
    assert rel.simple_lifetime_value(75, 0.30, 5) == pytest.approx(112.50)


def test_little_things_three_notes_a_day():
    assert rel.little_things_contacts(3) == (15, 750)


def test_underpromise_overdeliver_jeans():
    # promised Tuesday (2): Monday delights, Wednesday disappoints (l.3108)
    assert rel.delivery_disconfirmation(2, [1, 3]).tolist() == ["delighted", "disappointed"]


def test_seed_lists_are_complete():
    assert list(rel.EVOLUTION_STAGES) == ["strangers", "acquaintances", "friends", "partners"]
    assert rel.RELATIONSHIP_BONDS["bond"].tolist() == [
        "financial", "social", "customization", "structural"]
    assert all(len(x) == 3 for x in rel.RELATIONSHIP_BONDS["examples"])
    assert len(rel.DEFECTION_STEPS) == 5 and rel.DEFECTION_STEPS[3].startswith("tie incentives")
    assert len(rel.LOYALTY_ELEMENTS) == 6
    assert [len(v) for v in rel.TEXTBOOK_STAGES.values()] == [4, 5, 3]
    assert "wrong segment" in rel.RELATIONSHIP_CHALLENGES


# --- Markov chain -----------------------------------------------------------------------------

def test_example_chain_steady_state_is_exact():
    pi = rel.steady_state(rel.example_chain())
    assert pi.to_numpy() == pytest.approx([0.25, 0.15, 0.15, 0.45])


def test_time_to_partnership_by_hand():
    # t_F = 1 + .75 t_F + .10 t_S ; t_S = 1 + .7 t_S + .3 t_A ; t_A = 1 + .25 t_S + .5 t_A + .25 t_F
    t = rel.expected_time_to(rel.example_chain(), "partners")
    tS, tA, tF = t["strangers"], t["acquaintances"], t["friends"]
    assert tF == pytest.approx(1 + 0.75 * tF + 0.10 * tS)
    assert tS == pytest.approx(1 + 0.70 * tS + 0.30 * tA)
    assert tA == pytest.approx(1 + 0.25 * tS + 0.50 * tA + 0.25 * tF)
    assert t.round(2).tolist() == [24.44, 21.11, 13.78]


def test_mean_return_time_equals_one_over_steady_state():
    # Kac's lemma: 1 + sum_j P[p, j] t_j = 1 / pi_p
    P = rel.example_chain()
    t = rel.expected_time_to(P, "partners")
    ret = 1 + (P.loc["partners", t.index] * t).sum()
    assert ret == pytest.approx(1 / rel.steady_state(P)["partners"])


def test_absorption_probabilities_with_a_lost_state():
    P = rel.transition_matrix([[0.5, 0.3, 0.2], [0, 1, 0], [0, 0, 1]], ["friend", "partner", "lost"])
    res = rel.absorbing_analysis(P, ["partner", "lost"])
    assert res.absorption_probabilities.loc["friend"].tolist() == pytest.approx([0.6, 0.4])
    assert res.expected_periods["friend"] == pytest.approx(2.0)


@settings(max_examples=30, deadline=None)
@given(positive_chains())
def test_steady_state_is_stationary(P):
    pi = rel.steady_state(P)
    assert pi.sum() == pytest.approx(1.0)
    assert (pi.to_numpy() @ P.to_numpy()) == pytest.approx(pi.to_numpy(), abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(positive_chains())
def test_stage_distribution_rows_sum_to_one(P):
    dist = rel.stage_distribution(P, [1, 0, 0], 5)
    assert dist.sum(axis=1).to_numpy() == pytest.approx(np.ones(6))


def test_value_per_stage_infinite_equals_long_finite_horizon():
    P, m = rel.example_chain(), [0, 10, 30, 60]
    inf = rel.value_per_stage(P, m, 0.10)
    fin = rel.value_per_stage(P, m, 0.10, periods=400)
    assert inf.to_numpy() == pytest.approx(fin.to_numpy())
    assert inf.is_monotonic_increasing  # later stages are worth more here


def test_estimated_matrix_recovers_ground_truth():
    panel = pd.read_csv("datasets/relationship_stage_panel.csv")
    est = rel.estimate_transition_matrix(panel, list(rel.EVOLUTION_STAGES))
    assert np.abs(est.to_numpy() - rel.EXAMPLE_MATRIX.to_numpy()).max() < 0.05
    assert (est.to_numpy()[rel.EXAMPLE_MATRIX.to_numpy() == 0] == 0).all()


# --- leaky bucket -----------------------------------------------------------------------------

def test_leaky_bucket_converges_to_steady_state():
    path = rel.leaky_bucket(200, initial=0, acquired=50, retention=0.75)
    assert path["end"].iloc[-1] == pytest.approx(rel.leaky_bucket_steady_state(50, 0.75))
    assert rel.leaky_bucket_steady_state(50, 0.75) == pytest.approx(200.0)


def test_leaky_bucket_stochastic_is_seeded_and_balanced():
    a = rel.leaky_bucket(20, 100, 20, 0.8, seed=5)
    b = rel.leaky_bucket(20, 100, 20, 0.8, seed=5)
    pd.testing.assert_frame_equal(a, b)
    flow = a["start"] + a["acquired"] - a["lost"]
    assert flow.iloc[1:].tolist() == a["end"].iloc[1:].tolist()


# --- bonds and retention economics --------------------------------------------------------------

def test_bond_retention_rises_with_each_bond():
    base = 0.7
    r = [rel.bond_retention(lv, base) for lv in ([], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4])]
    assert r[0] == pytest.approx(base)
    assert np.all(np.diff(r) > 0)
    assert rel.bond_retention([4], base) > rel.bond_retention([1], base)


def test_reichheld_sasser_mbna_lifetime_doubles():
    # MBNA cut its 10 % defection rate in half: expected lifetime 10 -> 20 years.
    assert rel.expected_lifetime([0.90, 0.95]) == pytest.approx([10.0, 20.0])


def test_one_year_uplift_depends_on_fixed_costs():
    # one year, 10 % -> 5 % defection: uplift = 0.05 / (1 - phi)
    assert rel.retention_profit_uplift(0.10, 0.05, 0.80) == pytest.approx(0.25)
    assert rel.retention_profit_uplift(0.10, 0.05, 0.95) == pytest.approx(1.00)
    assert rel.fixed_cost_share_for_uplift(0.25, 0.10) == pytest.approx(0.80)
    assert rel.fixed_cost_share_for_uplift(1.00, 0.10) == pytest.approx(0.95)


def test_25_to_100_percent_without_fixed_costs_over_a_longer_horizon():
    """Issue 17: the 'only with high fixed costs' reading is an artefact of the one-year horizon.
    Hand computation: N_t = 2 - 0.95^t after halving defection from 10 % (base 1, a = 0.1),
    so the ten-year gain is sum_t (1 - 0.95^t) / 10 and the steady base doubles."""
    ten_years = sum(1 - 0.95 ** t for t in range(1, 11)) / 10
    assert ten_years == pytest.approx(0.2376, abs=1e-4)
    assert rel.retention_profit_uplift(0.10, 0.05, 0.0, years=10) == pytest.approx(ten_years)
    assert rel.steady_state_profit_uplift(0.10, 0.05) == pytest.approx(1.0)
    assert rel.steady_state_profit_uplift(0.10, 0.05, 0.8) == pytest.approx(5.0)
    assert rel.retention_profit_uplift(0.10, 0.05, 0.0, years=2000) == pytest.approx(1.0, abs=0.01)
    with pytest.raises(ValueError, match="cut"):
        rel.steady_state_profit_uplift(0.05, 0.05)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.06, 0.5), st.floats(0.0, 0.9), st.integers(1, 10))
def test_uplift_grows_with_fixed_costs_and_roundtrips(d, phi, years):
    u = rel.retention_profit_uplift(d, 0.05, phi, years)
    assert u > 0
    assert rel.retention_profit_uplift(d, 0.05, min(phi + 0.05, 0.99), years) > u
    assert rel.fixed_cost_share_for_uplift(u, d, 0.05, years) == pytest.approx(phi, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.0, 0.9), st.floats(0.0, 0.3))
def test_retention_clv_rises_with_retention(r, d):
    assert rel.retention_clv(100, r + 0.05, d) > rel.retention_clv(100, r, d)


def test_compare_defection_cut_table():
    t = rel.compare_defection_cut(0.20, 0.05, margin=100, discount_rate=0.10).table
    assert t.loc["customer value", "before"] == pytest.approx(100 * 1.1 / 0.3)
    assert t.loc["customer value", "after"] == pytest.approx(100 * 1.1 / 0.25)


# --- bad input --------------------------------------------------------------------------------

def test_rows_must_sum_to_one():
    with pytest.raises(ValueError, match="matrix rows must sum to 1"):
        rel.transition_matrix([[0.5, 0.6], [0.5, 0.5]], ["a", "b"])


def test_negative_entries_rejected():
    with pytest.raises(ValueError, match="matrix entries"):
        rel.transition_matrix([[1.5, -0.5], [0.5, 0.5]], ["a", "b"])


def test_unreachable_target_rejected():
    P = rel.transition_matrix([[1, 0], [0.5, 0.5]], ["lost", "friend"])
    with pytest.raises(ValueError, match="cannot be reached"):
        rel.expected_time_to(P, "friend")
    with pytest.raises(ValueError, match="absorbing"):
        rel.expected_time_to(P, "nobody")


def test_reducible_chain_has_no_unique_steady_state():
    with pytest.raises(ValueError, match="more than one steady state"):
        rel.steady_state(rel.transition_matrix(np.eye(2), ["a", "b"]))


def test_bad_arguments_named():
    with pytest.raises(ValueError, match="retention"):
        rel.leaky_bucket(5, 10, 1, retention=80)
    with pytest.raises(ValueError, match="retention"):
        rel.leaky_bucket_steady_state(10, 1.0)
    with pytest.raises(ValueError, match="cut"):
        rel.retention_profit_uplift(0.05, cut=0.10)
    with pytest.raises(ValueError, match="levels"):
        rel.bond_retention([1, 1])
    with pytest.raises(ValueError, match="levels"):
        rel.bond_retention([5])
    with pytest.raises(ValueError, match="margin"):
        rel.value_per_stage(rel.example_chain(), [1, 2])
    with pytest.raises(ValueError, match="initial"):
        rel.stage_distribution(rel.example_chain(), [0.5, 0.2, 0, 0], 3)
    with pytest.raises(ValueError, match="panel"):
        rel.estimate_transition_matrix(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="margin_growth"):
        rel.retention_clv(100, 0.99, 0.0, margin_growth=0.05)


def test_stage_chain_builder():
    assert rel.stage_chain().equals(rel.example_chain())
    faster = rel.stage_chain(partner=0.30)
    assert rel.expected_time_to(faster)["friends"] < rel.expected_time_to(rel.example_chain())["friends"]
    with pytest.raises(ValueError, match="partner \\+ lose_friend"):
        rel.stage_chain(partner=0.8, lose_friend=0.3)
    with pytest.raises(ValueError, match="acquire"):
        rel.stage_chain(acquire=30)
