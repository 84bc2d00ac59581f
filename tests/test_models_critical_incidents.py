"""Critical incident technique (module 07): shares by outcome and Cohen's kappa."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from coursekit import load_dataset
from coursekit.models import servqual as sq
from coursekit.synth.servqual import CODER_ACCURACY, INCIDENT_GROUP_SHARES


@pytest.fixture(scope="module")
def incidents():
    return load_dataset("critical_incidents")


def test_kappa_of_a_published_style_table():
    # Cohen (1960)-style hand computation: p_o = 0.70, p_e = 0.5*0.6 + 0.5*0.4 = 0.50
    a = ["x"] * 50 + ["y"] * 50
    b = ["x"] * 40 + ["y"] * 10 + ["x"] * 20 + ["y"] * 30
    r = sq.coder_agreement(a, b)
    assert r.observed_agreement == pytest.approx(0.70)
    assert r.chance_agreement == pytest.approx(0.50)
    assert r.kappa == pytest.approx(0.40)
    assert r.ci_low < 0.40 < r.ci_high


def test_perfect_and_chance_agreement():
    codes = ["a", "b", "c"] * 10
    assert sq.coder_agreement(codes, codes).kappa == pytest.approx(1.0)
    # coder B independent of coder A with the same margins: kappa = 0 exactly
    a = ["x"] * 2 + ["y"] * 2
    b = ["x", "y", "x", "y"]
    assert sq.coder_agreement(a, b).kappa == pytest.approx(0.0)


def test_dataset_recovers_its_generating_truth(incidents):
    shares = sq.incident_shares(incidents, group="true_group")
    for o, truth in INCIDENT_GROUP_SHARES.items():
        assert shares[f"share_{o}"].to_numpy() == pytest.approx(truth, abs=0.1)
    # both coders find the true group about as often as the card says
    for coder, accuracy in CODER_ACCURACY.items():
        assert (incidents[coder] == incidents["true_group"]).mean() == pytest.approx(accuracy,
                                                                                   abs=0.05)
    # expected kappa from the truth: p_o = pa pb + (1-pa)(1-pb)/2 (errors split over 2 groups)
    r = sq.coder_agreement(incidents["coder_a"], incidents["coder_b"])
    assert 0.6 < r.kappa < 0.8


def test_shares_sum_to_one_per_outcome(incidents):
    shares = sq.incident_shares(incidents)
    assert shares[["share_satisfying", "share_dissatisfying", "share_all"]].sum().to_numpy() == \
        pytest.approx([1, 1, 1])
    assert shares["n_all"].sum() == 240
    assert shares.loc["1 system failure", "share_dissatisfying"] > \
        shares.loc["1 system failure", "share_satisfying"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=4,
                max_size=60))
def test_kappa_is_at_most_one_and_matches_the_formula(pairs):
    a, b = zip(*pairs)
    if len(set(a)) == 1 or len(set(b)) == 1:
        with pytest.raises(ValueError, match="two categories"):
            sq.coder_agreement(a, b)
        return
    r = sq.coder_agreement(a, b)
    assert r.kappa <= 1 + 1e-12
    assert r.kappa == pytest.approx((r.observed_agreement - r.chance_agreement)
                                    / (1 - r.chance_agreement))
    assert r.table.to_numpy().sum() == len(pairs)


def test_bad_inputs():
    with pytest.raises(ValueError, match="codes_a and codes_b"):
        sq.coder_agreement(["a", "b"], ["a"])
    with pytest.raises(ValueError, match="categories"):
        sq.coder_agreement(["a", "b"], ["a", "c"], categories=["a", "b"])
    with pytest.raises(ValueError, match="two categories"):
        sq.coder_agreement(["a", "a", "a"], ["a", "b", "a"])
    with pytest.raises(ValueError, match="missing"):
        sq.coder_agreement(["a", None], ["a", "b"])
    with pytest.raises(TypeError, match="frame"):
        sq.incident_shares([1, 2])
    with pytest.raises(ValueError, match="coder_c"):
        sq.incident_shares(pd.DataFrame({"outcome": ["satisfying"], "coder_a": ["x"]}),
                           group="coder_c")


def test_share_figure(incidents):
    import matplotlib.pyplot as plt

    from coursekit.plots.servqual import incident_share_bars

    ax = incident_share_bars(sq.incident_shares(incidents))
    assert len(ax.patches) == 6 and ax.get_xlabel()
    plt.close(ax.figure)
