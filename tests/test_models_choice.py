"""Tests for coursekit.models.buying.choice (vacuum-cleaner example, TB 1.1)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models.buying import choice as ch
from coursekit.synth.buying import vacuum_models


@pytest.fixture()
def vacuum_scores():
    raw = vacuum_models().set_index("model")
    return ch.normalise_attributes(raw, ch.VACUUM_DIRECTIONS), raw


def test_textbook_shape_five_models_six_criteria(vacuum_scores):
    scores, raw = vacuum_scores
    assert scores.shape == (5, 6)
    assert tuple(scores.columns) == ch.VACUUM_CRITERIA
    assert ch.VACUUM_CRITERIA[0] == "price" and ch.VACUUM_CRITERIA[-1] == "ease_of_attachments"


def test_first_choice_out_of_stock_three_days_and_rank_reversal(vacuum_scores):
    scores, raw = vacuum_scores
    res = ch.choose(scores, weights=ch.EXAMPLE_WEIGHTS)
    first, second = res.ranking[:2]
    assert raw.loc[first, "days_until_available"] == 3          # "a new shipment in three days"
    assert raw.loc[second, "days_until_available"] == 0         # "happens to be in stock"
    avail = ch.availability_score(raw["days_until_available"], needed_within_days=1)
    rr = ch.rank_reversal(scores, ch.EXAMPLE_WEIGHTS, avail, availability_weight=0.2)
    assert rr.reversed and rr.choice_without == first and rr.choice_with == second
    # below the critical weight nothing changes, above it the runner-up wins
    lo = ch.rank_reversal(scores, ch.EXAMPLE_WEIGHTS, avail,
                          availability_weight=rr.critical_weight * 0.9)
    hi = ch.rank_reversal(scores, ch.EXAMPLE_WEIGHTS, avail,
                          availability_weight=min(1.0, rr.critical_weight * 1.1))
    assert not lo.reversed and hi.reversed
    # availability as a hard constraint gives the same number-two choice
    assert ch.choose(scores, weights=ch.EXAMPLE_WEIGHTS, available=avail == 1).choice == second


def test_rules_disagree_on_the_vacuum_shortlist(vacuum_scores):
    scores, _ = vacuum_scores
    comp = ch.choose(scores, weights=ch.EXAMPLE_WEIGHTS).choice
    lex = ch.choose(scores, rule="lexicographic", priority=list(ch.VACUUM_CRITERIA)).choice
    assert lex == scores["price"].idxmax()                       # cheapest wins on price first
    assert lex != comp


def test_reversal_weight_formula():
    # U1=0.7, U2=0.62, a=(0,1): w* = 0.08 / 1.08
    assert ch.reversal_weight(0.7, 0.62, 0, 1) == pytest.approx(0.08 / 1.08)
    assert ch.reversal_weight(0.7, 0.62, 1, 1) == float("inf")


def test_conjunctive_needs_every_cutoff():
    s = pd.DataFrame({"p": [0.9, 0.4, 0.2], "q": [0.2, 0.8, 0.9]}, index=list("ABC"))
    assert ch.conjunctive_screen(s, {"p": 0.3, "q": 0.3}).tolist() == [False, True, False]
    assert ch.choose(s, rule="conjunctive", cutoffs={"p": 0.95}).choice is None


score_frames = st.integers(2, 6).flatmap(
    lambda n: st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=n, max_size=n))


@settings(max_examples=40, deadline=None)
@given(rows=score_frames, w=st.lists(st.floats(0.01, 10), min_size=3, max_size=3))
def test_compensatory_is_convex_combination_and_scale_free(rows, w):
    s = pd.DataFrame(rows, columns=list("abc"), index=[f"m{i}" for i in range(len(rows))])
    weights = dict(zip("abc", w))
    u = ch.compensatory_scores(s, weights)
    assert np.all(u >= s.min(axis=1) - 1e-12) and np.all(u <= s.max(axis=1) + 1e-12)
    u2 = ch.compensatory_scores(s, {k: 7 * v for k, v in weights.items()})
    np.testing.assert_allclose(u, u2)


@settings(max_examples=40, deadline=None)
@given(rows=score_frames)
def test_dominating_alternative_wins_every_rule(rows):
    s = pd.DataFrame(rows, columns=list("abc"), index=[f"m{i}" for i in range(len(rows))])
    s.loc["best"] = s.max(axis=0) + 0.5
    assert ch.choose(s, weights={"a": 1, "b": 2, "c": 3}).choice == "best"
    assert ch.lexicographic_choice(s, ["c", "a"]) == "best"


@settings(max_examples=30, deadline=None)
@given(x=st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=8))
def test_normalised_attributes_in_unit_interval(x):
    raw = pd.DataFrame({"v": x, "w": x})
    n = ch.normalise_attributes(raw, {"v": True, "w": False})
    assert n.to_numpy().min() >= 0 and n.to_numpy().max() <= 1
    if max(x) > min(x):
        np.testing.assert_allclose(n["v"] + n["w"], 1.0)


def test_bad_inputs():
    s = pd.DataFrame({"a": [1.0, 0.0], "b": [0.0, 1.0]}, index=["X", "Y"])
    with pytest.raises(ValueError, match="weights"):
        ch.compensatory_scores(s, {"a": 1})
    with pytest.raises(ValueError, match="weights"):
        ch.compensatory_scores(s, {"a": -1, "b": 1})
    with pytest.raises(ValueError, match="weights"):
        ch.compensatory_scores(s, {"a": 0, "b": 0})
    with pytest.raises(TypeError, match="scores"):
        ch.compensatory_scores(s.to_numpy(), {"a": 1, "b": 1})
    with pytest.raises(ValueError, match="scores"):
        ch.compensatory_scores(s.assign(a=[np.nan, 1.0]), {"a": 1, "b": 1})
    with pytest.raises(ValueError, match="rule"):
        ch.choose(s, rule="elimination", weights={"a": 1, "b": 1})
    with pytest.raises(ValueError, match="priority"):
        ch.lexicographic_choice(s, ["z"])
    with pytest.raises(ValueError, match="availability_weight"):
        ch.rank_reversal(s, {"a": 1, "b": 1}, [0, 1], availability_weight=20)
    with pytest.raises(ValueError, match="availability"):
        ch.rank_reversal(s, {"a": 1, "b": 1}, [0, 1, 1], availability_weight=0.2)
    with pytest.raises(ValueError, match="days_until_available"):
        ch.availability_score([-1])
    with pytest.raises(ValueError, match="available"):
        ch.choose(s, weights={"a": 1, "b": 1}, available=[True])


def test_vacuum_dataset_regenerates_bit_for_bit():
    shipped = pd.read_csv("datasets/vacuum_models.csv")
    pd.testing.assert_frame_equal(shipped, vacuum_models())
