"""NPS, its interval, gaps by loyalty class and penalty-reward contrast analysis (module 07)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from coursekit import load_dataset
from coursekit.models import servqual as sq


def test_hand_computed_nps_and_standard_error():
    scores = [10] * 50 + [8] * 30 + [3] * 20  # p = 0.5, d = 0.2
    assert sq.nps(scores) == pytest.approx(30.0)
    r = sq.nps_interval(scores, seed=3)
    assert r.standard_error == pytest.approx(100 * np.sqrt((0.7 - 0.09) / 100))
    assert r.bootstrap_se == pytest.approx(r.standard_error, rel=0.05)
    assert r.low < 30 < r.high


def test_bootstrap_interval_is_reproducible_and_covers_the_truth():
    rng = np.random.default_rng(5)
    truth = 100 * (0.35 - 0.25)
    p = [0.25 / 7] * 7 + [0.2] * 2 + [0.35 / 2] * 2
    covered = 0
    for i in range(200):
        sample = rng.choice(11, 300, p=p)
        r = sq.nps_interval(sample, n_boot=1000, seed=i)
        covered += r.low <= truth <= r.high
    assert 0.90 <= covered / 200 <= 0.99
    a = sq.nps_interval(sample, seed=9)
    assert a == sq.nps_interval(sample, seed=9)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=1, max_size=80))
def test_nps_is_bounded_and_matches_the_class_shares(scores):
    value = sq.nps(scores)
    assert -100 <= value <= 100
    classes = pd.Series(sq.nps_classes(scores))
    assert value == pytest.approx(100 * ((classes == "promoter").mean()
                                         - (classes == "detractor").mean()))


def test_nps_by_segment_and_gaps_by_class():
    data = load_dataset("servqual_survey")
    table = sq.nps_by(data, "customer_type")
    assert table["n"].sum() == len(data)
    assert table.loc["regular", "nps"] > table.loc["new", "nps"]  # regulars perceive more (card)
    assert (table[["detractors", "passives", "promoters"]].sum(axis=1)).to_numpy() == \
        pytest.approx([1, 1])
    gaps = sq.dimension_scores(sq.gap_scores(data[sq.item_columns("e")].to_numpy(),
                                             data[sq.item_columns("p")].to_numpy()))
    by_class = sq.gaps_by_nps_class(gaps, data["recommend"])
    assert by_class["n"].sum() == len(data)
    # promoters have smaller (less negative) gaps than detractors on every dimension
    assert (by_class.loc["promoter", sq.DIMENSIONS] > by_class.loc["detractor", sq.DIMENSIONS]).all()


def test_penalty_reward_recovers_an_asymmetric_truth():
    rng = np.random.default_rng(1)
    n = 5000
    x = pd.DataFrame({"core": rng.integers(1, 8, n), "extra": rng.integers(1, 8, n),
                      "both": rng.integers(1, 8, n)})
    y = (6 - 1.5 * (x["core"] <= 3) + 0.2 * (x["core"] >= 6) + 1.2 * (x["extra"] >= 6)
         - 0.8 * (x["both"] <= 3) + 0.8 * (x["both"] >= 6) + rng.normal(0, 1, n))
    prca = sq.penalty_reward(x, y, low=3, high=6)
    assert prca["penalty"].to_numpy() == pytest.approx([-1.5, 0.0, -0.8], abs=0.1)
    assert prca["reward"].to_numpy() == pytest.approx([0.2, 1.2, 0.8], abs=0.1)
    assert prca["type"].tolist() == ["dissatisfier", "satisfier", "hybrid"]
    # the standard errors are honest: about 1 / sqrt(n per group)
    assert (prca["penalty_se"] < 0.06).all()


def test_bad_inputs():
    with pytest.raises(ValueError, match="scores"):
        sq.nps([5, 11])
    with pytest.raises(ValueError, match="whole numbers"):
        sq.nps([5.5])
    with pytest.raises(ValueError, match="missing"):
        sq.nps([5, np.nan])
    with pytest.raises(ValueError, match="n_boot"):
        sq.nps_interval([5, 9], n_boot=10)
    with pytest.raises(ValueError, match="level"):
        sq.nps_interval([5, 9], level=1.5)
    with pytest.raises(ValueError, match="region"):
        sq.nps_by(pd.DataFrame({"recommend": [5]}), "region")
    with pytest.raises(ValueError, match="one answer per row"):
        sq.gaps_by_nps_class(pd.DataFrame({"a": [1.0, 2.0]}), [5])
    x = pd.DataFrame({"a": [1, 2, 3, 4, 5] * 4})
    with pytest.raises(ValueError, match="low must be below high"):
        sq.penalty_reward(x, np.arange(20), low=4, high=2)
    with pytest.raises(ValueError, match="no respondents"):
        sq.penalty_reward(x, np.arange(20), low=0, high=4)
    with pytest.raises(ValueError, match="outcome"):
        sq.penalty_reward(x, np.arange(5))
    with pytest.raises(TypeError, match="performance"):
        sq.penalty_reward([1, 2], [1, 2])


def test_figures():
    import matplotlib.pyplot as plt

    from coursekit.plots.servqual import nps_chart, penalty_reward_chart

    data = load_dataset("servqual_survey")
    ax = nps_chart(sq.nps_by(data, "branch", n_boot=200))
    assert ax.get_xlabel().startswith("NPS")
    plt.close(ax.figure)
    perf = sq.dimension_scores(data[sq.item_columns("p")].to_numpy())
    ax = penalty_reward_chart(sq.penalty_reward(perf, data["recommend"]))
    assert len(ax.patches) == 10
    plt.close(ax.figure)
