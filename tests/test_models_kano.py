"""Tests of coursekit.models.qfd.kano and the synthetic Kano survey (module 06).

The oracle for the 25 answer pairs is the evaluation table of Berger et al. (1993), written out
here independently of the module's own table.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models.qfd.kano import kano_category, kano_classify, kano_coefficients

DATA = Path(__file__).resolve().parents[1] / "datasets"

# Berger et al. (1993), Table: functional answer (row) x dysfunctional answer (column).
ORACLE = {
    ("like", "like"): "questionable", ("like", "must-be"): "attractive",
    ("like", "neutral"): "attractive", ("like", "live-with"): "attractive",
    ("like", "dislike"): "one-dimensional",
    ("must-be", "like"): "reverse", ("must-be", "must-be"): "indifferent",
    ("must-be", "neutral"): "indifferent", ("must-be", "live-with"): "indifferent",
    ("must-be", "dislike"): "must-be",
    ("neutral", "like"): "reverse", ("neutral", "must-be"): "indifferent",
    ("neutral", "neutral"): "indifferent", ("neutral", "live-with"): "indifferent",
    ("neutral", "dislike"): "must-be",
    ("live-with", "like"): "reverse", ("live-with", "must-be"): "indifferent",
    ("live-with", "neutral"): "indifferent", ("live-with", "live-with"): "indifferent",
    ("live-with", "dislike"): "must-be",
    ("dislike", "like"): "reverse", ("dislike", "must-be"): "reverse",
    ("dislike", "neutral"): "reverse", ("dislike", "live-with"): "reverse",
    ("dislike", "dislike"): "questionable",
}
CATS = ["must-be", "one-dimensional", "attractive", "indifferent", "reverse", "questionable"]


@pytest.mark.parametrize(("functional", "dysfunctional"), sorted(ORACLE))
def test_all_25_answer_pairs(functional, dysfunctional):
    assert kano_category(functional, dysfunctional) == ORACLE[(functional, dysfunctional)]


def test_vectorised_lookup_matches_scalar():
    pairs = sorted(ORACLE)
    f, d = zip(*pairs)
    out = kano_category(list(f), list(d))
    assert out.tolist() == [ORACLE[p] for p in pairs]
    grid = kano_category(np.array([["like", "neutral"]]), np.array([["dislike", "dislike"]]))
    assert grid.shape == (1, 2)


def test_answer_spelling_is_forgiving():
    assert kano_category("Must be", "DISLIKE") == "must-be"
    assert kano_category("  like ", "live_with") == "attractive"


def test_classify_counts_and_tie_break():
    rows = [
        ("menu app", "like", "neutral"), ("menu app", "like", "neutral"),
        ("menu app", "neutral", "neutral"),
        ("parking", "neutral", "dislike"), ("parking", "neutral", "dislike"),   # M, M
        ("parking", "like", "dislike"), ("parking", "like", "dislike"),         # O, O (tie)
        ("parking", "dislike", "dislike"),                                      # Q
    ]
    df = pd.DataFrame(rows, columns=["feature", "functional", "dysfunctional"])
    out = kano_classify(df)
    assert list(out.index) == ["menu app", "parking"]
    assert out.loc["menu app", ["attractive", "indifferent", "n"]].tolist() == [2, 1, 3]
    assert out.loc["parking", CATS].tolist() == [2, 2, 0, 0, 0, 1]
    assert out.loc["parking", "category"] == "must-be"      # M > O > A > I
    assert out.loc["menu app", "category"] == "attractive"
    assert (out[CATS].sum(axis=1) == out["n"]).all()


def test_coefficients_oracle():
    # Better = (A+O)/(A+O+M+I) = 30/50; Worse = -(O+M)/(A+O+M+I) = -25/50
    s = kano_coefficients(pd.Series({"attractive": 10, "one-dimensional": 20, "must-be": 5,
                                     "indifferent": 15, "reverse": 7, "questionable": 3}))
    assert s["better"] == pytest.approx(0.6)
    assert s["worse"] == pytest.approx(-0.5)
    frame = pd.DataFrame({"attractive": [0, 4], "one-dimensional": [0, 0],
                          "must-be": [8, 0], "indifferent": [2, 4]}, index=["m", "a"])
    out = kano_coefficients(frame)
    np.testing.assert_allclose(out.loc["m"], [0.0, -0.8])
    np.testing.assert_allclose(out.loc["a"], [0.5, 0.0])


def test_synthetic_survey_recovers_true_categories():
    df = pd.read_csv(DATA / "kano_survey.csv", dtype="string")
    counts = kano_classify(df)
    truth = df.groupby("feature", sort=False)["true_category"].first()
    assert counts["category"].to_dict() == truth.to_dict()
    assert len(df) == 3000 and (counts["n"] == 300).all()
    coef = kano_coefficients(counts)
    # attractive features: high Better, small |Worse|; must-be: the reverse
    assert coef.loc["Pleasant atmosphere", "better"] > 0.5 > -coef.loc["Pleasant atmosphere",
                                                                          "worse"]
    assert -coef.loc["Clean restaurant", "worse"] > 0.5 > coef.loc["Clean restaurant", "better"]


def test_survey_file_matches_generator_and_card():
    from coursekit.synth import to_csv_bytes
    from coursekit.synth.qfd import kano_survey

    assert to_csv_bytes(kano_survey()) == (DATA / "kano_survey.csv").read_bytes()
    from coursekit.datasets import load_dataset

    df = load_dataset("kano_survey")
    assert list(df.columns) == ["respondent", "feature", "functional", "dysfunctional", "importance",
                                "true_category"]


def test_generator_is_seeded():
    from coursekit.synth.qfd import kano_survey

    pd.testing.assert_frame_equal(kano_survey(30, seed=1), kano_survey(30, seed=1))
    assert not kano_survey(30, seed=1).equals(kano_survey(30, seed=2))


# ---------------------------------------------------------------- properties
_counts = st.fixed_dictionaries({c: st.integers(0, 500) for c in CATS}).filter(
    lambda d: d["attractive"] + d["one-dimensional"] + d["must-be"] + d["indifferent"] > 0)


@settings(max_examples=50, deadline=None)
@given(_counts, st.integers(1, 20))
def test_coefficients_are_bounded_and_scale_free(counts, c):
    s = kano_coefficients(counts)
    assert 0 <= s["better"] <= 1
    assert -1 <= s["worse"] <= 0
    assert s["better"] - s["worse"] <= 2
    scaled = kano_coefficients({k: c * v for k, v in counts.items()})
    np.testing.assert_allclose(scaled.to_numpy(), s.to_numpy())


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["f1", "f2", "f3"]),
                          st.sampled_from(["like", "must-be", "neutral", "live-with", "dislike"]),
                          st.sampled_from(["like", "must-be", "neutral", "live-with", "dislike"])),
                min_size=1, max_size=60))
def test_classify_counts_add_up(rows):
    df = pd.DataFrame(rows, columns=["feature", "functional", "dysfunctional"])
    out = kano_classify(df)
    assert out["n"].sum() == len(df)
    assert (out[CATS].sum(axis=1) == out["n"]).all()
    for feat, row in out.iterrows():
        assert row[row["category"]] == row[CATS].max()


# ---------------------------------------------------------------- bad input
def test_bad_answers():
    with pytest.raises(ValueError, match="functional contains 'love'.*allowed: like"):
        kano_category("love", "dislike")
    with pytest.raises(ValueError, match="dysfunctional contains 'hate'"):
        kano_category("like", "hate")
    with pytest.raises(TypeError, match="functional must hold answer strings"):
        kano_category(3, "like")
    with pytest.raises(TypeError, match="dysfunctional"):
        kano_category(["like"], [None])
    with pytest.raises(ValueError, match="same shape"):
        kano_category(["like", "like"], ["dislike"])


def test_bad_responses_and_counts():
    with pytest.raises(ValueError, match="responses is missing column"):
        kano_classify(pd.DataFrame({"feature": ["a"], "functional": ["like"]}))
    with pytest.raises(TypeError, match="responses must be a pandas DataFrame"):
        kano_classify([("a", "like", "like")])
    with pytest.raises(ValueError, match="functional contains 'yes'"):
        kano_classify(pd.DataFrame({"feature": ["a"], "functional": ["yes"],
                                    "dysfunctional": ["like"]}))
    with pytest.raises(ValueError, match="counts: A \\+ O \\+ M \\+ I must be > 0"):
        kano_coefficients({"attractive": 0, "one-dimensional": 0, "must-be": 0,
                           "indifferent": 0, "reverse": 5})
    with pytest.raises(ValueError, match="counts is missing"):
        kano_coefficients({"attractive": 1})
    with pytest.raises(ValueError, match=r"counts\['must-be'\] must be >= 0"):
        kano_coefficients({"attractive": 1, "one-dimensional": 1, "must-be": -1,
                           "indifferent": 0})
    with pytest.raises(TypeError, match="counts must be"):
        kano_coefficients([1, 2, 3, 4])
