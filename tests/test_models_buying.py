"""Tests for coursekit.models.buying (TB 1.1, 2.1, 5.1.8) and its datasets."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models import buying as b
from coursekit.synth.buying import purchase_journeys


def test_textbook_need_recognition_examples():
    lexus = b.need_recognition(gap=0.8, importance=0.2)       # big gap, relatively unimportant
    woman = b.need_recognition(gap=0.3, importance=0.95)      # small gap, extremely important
    assert not lexus.acts and woman.acts
    assert lexus.urgency == pytest.approx(0.16)


def test_five_stages_and_joanne():
    assert len(b.BUYING_STAGES) == 5
    assert b.BUYING_STAGES.loc[1, "stage"] == "problem recognition"
    assert "small repair shop" in b.BUYING_STAGES.loc[4, "joanne_example"]
    assert b.SIMPLE_DECISION_SKIPS == (2, 3)


def test_funnel_numbers_and_simple_decision():
    f = b.buying_funnel(1000, [0.6, 0.8, 0.5, 0.9, 0.75])
    np.testing.assert_allclose(f["entering"], [1000, 600, 480, 240, 216])
    np.testing.assert_allclose(f["dropped"], [400, 120, 240, 24, 54])
    s = b.buying_funnel(1000, [0.6, 0.8, 0.5, 0.9], decision="simple")
    assert s["entering"].iloc[3] == 500            # stages 2-3 skipped, no drop-out there


def test_matrix_of_buying_behaviour_matches_text():
    cells = {(r.involvement, r.brand_differences): r.name for r in
             b.BUYING_BEHAVIOURS.itertuples()}
    assert cells == {("high", "significant"): "complex", ("low", "significant"): "variety-seeking",
                     ("high", "few"): "dissonance-reducing", ("low", "few"): "habitual"}
    assert "houses" in b.buying_behaviour("high", "significant").examples
    assert b.INVOLVEMENT_LEVELS.loc["moderate", "decision"] == "simple"


def test_buying_centre_seven_roles_and_b2b_steps():
    assert list(b.BUYING_CENTRE_ROLES.index) == ["initiator", "gatekeeper", "user", "purchaser",
                                                 "decider", "approver", "influencer"]
    assert len(b.B2B_STEPS) == 7 and b.B2B_STEPS[-1] == "negotiation of terms"
    m = b.buying_centre_matrix({"owner": ["decider", "approver", "purchaser"],
                                "receptionist": "gatekeeper"})
    assert b.uncovered_roles(m) == ["initiator", "user", "influencer"]


def test_loyalty_components_and_pharmacy_quotes():
    assert list(b.LOYALTY_COMPONENTS) == ["emotional commitment", "attitude", "behavior"]
    assert len(b.PHARMACY_QUOTES) == 6
    assert b.PHARMACY_QUOTES["ground"].iloc[0] == "convenience"
    assert list(b.CX_CRITERIA) == ["useful", "usable", "enjoyable"]


def test_journeys_dataset_regenerates_and_matches_funnel():
    shipped = pd.read_csv("datasets/purchase_journeys.csv")
    pd.testing.assert_frame_equal(shipped, purchase_journeys(), check_dtype=False)
    f = b.funnel_from_stages(shipped["stage_reached"])
    assert f["entering"].iloc[0] == 600 and f["entering"].is_monotonic_decreasing
    simple = shipped[shipped.decision == "simple"]
    assert simple["stage_reached"].min() >= 3      # simple decisions never stop at stages 2-3
    assert set(shipped.loc[shipped.satisfied, "stage_reached"]) == {5}


@settings(max_examples=40, deadline=None)
@given(rates=st.lists(st.floats(0, 1), min_size=4, max_size=4), n=st.integers(1, 10_000))
def test_funnel_never_grows_and_conserves_buyers(rates, n):
    f = b.buying_funnel(n, rates)
    e = f["entering"].to_numpy()
    assert np.all(np.diff(e) <= 1e-9)
    assert f["dropped"].iloc[:4].sum() + e[4] == pytest.approx(n)


@settings(max_examples=40, deadline=None)
@given(inv=st.floats(0, 1), diff=st.floats(0, 1))
def test_classifier_agrees_with_lookup(inv, diff):
    label = b.classify_buying_behaviour(inv, diff)[0]
    cell = b.buying_behaviour("high" if inv >= 0.5 else "low",
                              "significant" if diff >= 0.5 else "few")
    assert label == cell.name


@settings(max_examples=40, deadline=None)
@given(g=st.floats(0, 1), i=st.floats(0, 1), dg=st.floats(0, 0.5))
def test_urgency_rises_with_gap(g, i, dg):
    assert b.need_recognition(min(1, g + dg), i).urgency >= b.need_recognition(g, i).urgency


def test_bad_inputs():
    with pytest.raises(ValueError, match="gap"):
        b.need_recognition(80, 0.5)
    with pytest.raises(ValueError, match="importance"):
        b.need_recognition(0.5, -0.1)
    with pytest.raises(ValueError, match="continue_rates"):
        b.buying_funnel(100, [0.5, 0.5])
    with pytest.raises(ValueError, match="decision"):
        b.buying_funnel(100, [0.5] * 4, decision="habit")
    with pytest.raises(ValueError, match="n_buyers"):
        b.buying_funnel(0, [0.5] * 4)
    with pytest.raises(ValueError, match="involvement"):
        b.buying_behaviour("medium", "few")
    with pytest.raises(ValueError, match="assignments"):
        b.buying_centre_matrix({"owner": ["boss"]})
    with pytest.raises(ValueError, match="stage_reached"):
        b.funnel_from_stages([0, 6])
    with pytest.raises(ValueError, match="ratings"):
        b.score_touchpoints(pd.DataFrame({"useful": [6], "usable": [3], "enjoyable": [3]}))
