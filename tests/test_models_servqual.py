"""Tests for module 07: SERVQUAL scoring, zone of tolerance, reliability, gap audit, datasets."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from coursekit.models.servqual import provider_gaps as ga
from coursekit.models import servqual as sq
from coursekit.models.servqual import statistics as ss
from coursekit.synth import servqual as synth

E_COLS, P_COLS = sq.item_columns("e"), sq.item_columns("p")


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    from coursekit.datasets import load_dataset

    return load_dataset("servqual_survey")


@pytest.fixture(scope="module")
def management() -> pd.DataFrame:
    from coursekit.datasets import load_dataset

    return load_dataset("servqual_management")


# --- the instrument ---------------------------------------------------------------------------

def test_items_follow_parasuraman_1988_layout():
    table = sq.items_table()
    assert len(sq.ITEMS) == 22 and list(table.index) == list(range(1, 23))
    spans = {d: (g.index.min(), g.index.max()) for d, g in table.groupby("dimension")}
    assert spans == {"tangibles": (1, 4), "reliability": (5, 9), "responsiveness": (10, 13),
                     "assurance": (14, 17), "empathy": (18, 22)}
    assert all(it.expectation and it.perception and it.expectation != it.perception
               for it in sq.ITEMS)
    assert "modern-looking equipment" in sq.ITEMS[0].perception


# --- scoring on hand-computed cases -----------------------------------------------------------

def _respondents() -> tuple[pd.DataFrame, pd.DataFrame]:
    e = pd.DataFrame([[7] * 22, [6] * 22], columns=E_COLS, index=["ann", "bob"])
    p_ann = [5, 5, 5, 5] + [4] * 5 + [6] * 4 + [7] * 4 + [7] * 5
    p = pd.DataFrame([p_ann, [6] * 22], columns=P_COLS, index=["ann", "bob"])
    return e, p


def test_gap_is_perception_minus_expectation_by_hand():
    e, p = _respondents()
    gaps = sq.gap_scores(e, p)
    assert gaps.loc["ann", 1] == -2 and gaps.loc["ann", 5] == -3 and gaps.loc["ann", 22] == 0
    dims = sq.dimension_scores(gaps)
    assert dims.loc["ann"].tolist() == [-2.0, -3.0, -1.0, 0.0, 0.0]
    assert dims.loc["bob"].tolist() == [0.0] * 5
    # unweighted: mean of the five dimensions, not of the 22 items (reliability has 5 items)
    assert sq.servqual_score(dims).loc["ann"] == pytest.approx(-6 / 5)
    assert gaps.loc["ann"].mean() == pytest.approx((-8 - 15 - 4) / 22)
    weights = {"tangibles": 10, "reliability": 50, "responsiveness": 20, "assurance": 10,
               "empathy": 10}
    assert sq.servqual_score(dims, weights).loc["ann"] == pytest.approx(-0.2 - 1.5 - 0.2)
    assert sq.servperf_score(p).loc["ann"] == pytest.approx((20 + 20 + 24 + 28 + 35) / 22)


def test_wide_long_and_array_inputs_agree():
    e, p = _respondents()
    long_e = e.set_axis(range(1, 23), axis=1).stack().rename("score").rename_axis(
        ["respondent", "item"]).reset_index()
    from_long = sq.gap_scores(long_e, p)
    pd.testing.assert_frame_equal(from_long, sq.gap_scores(e, p), check_names=False)
    from_arrays = sq.gap_scores(e.to_numpy(), p.to_numpy())
    np.testing.assert_array_equal(from_arrays.to_numpy(), sq.gap_scores(e, p).to_numpy())


def test_respondents_are_matched_by_label_not_position():
    e, p = _respondents()
    gaps = sq.gap_scores(e, p.iloc[::-1])
    assert gaps.loc["ann", 5] == -3


def test_per_respondent_weights():
    dims = pd.DataFrame({d: [1.0, -1.0] for d in sq.DIMENSIONS})
    dims["reliability"] = [-2.0, 3.0]
    w = pd.DataFrame({"tangibles": [20, 0], "reliability": [20, 100], "responsiveness": [20, 0],
                      "assurance": [20, 0], "empathy": [20, 0]})
    np.testing.assert_allclose(sq.servqual_score(dims, w), [0.4, 3.0])


def test_zone_of_tolerance_by_hand_and_with_frames():
    z = sq.zone_of_tolerance(5, 6, 6.5)
    assert (z.msa, z.mss, z.position) == (1.5, 0.5, "above")
    adequate = pd.DataFrame({"reliability": [6, 5], "empathy": [4, 4]})
    desired = pd.DataFrame({"reliability": [7, 6], "empathy": [6, 5]})
    perceived = pd.DataFrame({"reliability": [5.0, 6.0], "empathy": [4.0, 5.5]})
    z = sq.zone_of_tolerance(adequate, desired, perceived)
    assert z.position.to_numpy().tolist() == [["below", "within"], ["within", "above"]]
    assert z.msa.loc[0, "reliability"] == -1 and z.mss.loc[1, "empathy"] == 0.5
    assert len(z.to_frame()) == 4


def test_knowledge_gap_sign_and_dimensions():
    e = np.tile(np.r_[[6.0] * 4, [7.0] * 18], (4, 1))
    m = np.tile(np.r_[[7.0] * 4, [5.0] * 18], (2, 1))
    by_item = sq.knowledge_gap(e, m)
    assert by_item.loc[1, "gap1"] == -1 and by_item.loc[5, "gap1"] == 2
    by_dim = sq.knowledge_gap(e, m, level="dimension")
    assert by_dim["gap1"].tolist() == [-1.0, 2.0, 2.0, 2.0, 2.0]


def test_importance_performance_quadrants():
    ipa = sq.importance_performance(pd.Series([30, 10], index=["x", "y"]),
                                    pd.Series([4.0, 4.0], index=["x", "y"]), performance_cut=5)
    assert ipa["quadrant"].tolist() == ["concentrate here", "low priority"]


# --- properties -------------------------------------------------------------------------------

likert = arrays(np.int64, (3, 22), elements=st.integers(2, 5))


@settings(max_examples=40, deadline=None)
@given(e=likert, p=likert, c=st.integers(-1, 2))
def test_gaps_invariant_to_a_common_shift(e, p, c):
    base = sq.gap_scores(e, p)
    shifted = sq.gap_scores(e + c, p + c)
    pd.testing.assert_frame_equal(base, shifted)
    np.testing.assert_allclose(sq.dimension_scores(base), sq.dimension_scores(shifted))


@settings(max_examples=40, deadline=None)
@given(w=arrays(float, 5, elements=st.floats(0, 100)),
       g=arrays(float, 5, elements=st.floats(-6, 6)))
def test_weights_must_sum_to_100_and_give_a_convex_combination(w, g):
    dims = dict(zip(sq.DIMENSIONS, g))
    if abs(w.sum() - 100) > 1e-6:
        with pytest.raises(ValueError, match="weights"):
            sq.servqual_score(dims, dict(zip(sq.DIMENSIONS, w)))
    if w.sum() > 0:
        w100 = w / w.sum() * 100
        score = sq.servqual_score(dims, dict(zip(sq.DIMENSIONS, w100)))
        assert g.min() - 1e-9 <= score <= g.max() + 1e-9
    equal = sq.servqual_score(dims, dict.fromkeys(sq.DIMENSIONS, 20))
    assert equal == pytest.approx(sq.servqual_score(dims))


@settings(max_examples=40, deadline=None)
@given(a=arrays(float, 6, elements=st.floats(1, 7)), width=arrays(float, 6, elements=st.floats(0, 3)),
       p=arrays(float, 6, elements=st.floats(1, 7)))
def test_zone_position_is_consistent_with_msa_and_mss(a, width, p):
    z = sq.zone_of_tolerance(a, a + width, p)
    assert np.all((z.position == "below") == (z.msa < 0))
    assert np.all((z.position == "above") == (z.mss > 0))
    np.testing.assert_allclose(z.msa - z.mss, width, atol=1e-9)


# --- Cronbach's alpha against independent computations ---------------------------------------

def _alpha_hoyt(x: np.ndarray) -> float:
    """Hoyt (1941) ANOVA form: alpha = 1 - MS_residual / MS_persons."""
    n, k = x.shape
    grand = x.mean()
    ss_persons = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ss_items = n * ((x.mean(axis=0) - grand) ** 2).sum()
    ss_resid = ((x - grand) ** 2).sum() - ss_persons - ss_items
    return 1 - (ss_resid / ((n - 1) * (k - 1))) / (ss_persons / (n - 1))


@settings(max_examples=30, deadline=None)
@given(x=arrays(np.int64, (8, 4), elements=st.integers(1, 7)))
def test_alpha_equals_hoyt_anova_form(x):
    if x.sum(axis=1).var() == 0 or np.any(x.var(axis=0) == 0) and x.sum(axis=1).var() == 0:
        return
    assert sq.cronbach_alpha(x) == pytest.approx(_alpha_hoyt(x.astype(float)), abs=1e-10)


def test_alpha_spearman_brown_oracle_and_covariance_form():
    # two standardised items with correlation r: alpha = 2r / (1 + r)
    rng = np.random.default_rng(3)
    z = rng.normal(size=(500, 2))
    z = (z - z.mean(0)) / z.std(0, ddof=1)
    r = np.corrcoef(z, rowvar=False)[0, 1]
    assert sq.cronbach_alpha(z) == pytest.approx(2 * r / (1 + r))
    x = rng.normal(size=(50, 5)) + rng.normal(size=(50, 1))
    c = np.cov(x, rowvar=False)
    assert sq.cronbach_alpha(x) == pytest.approx(5 / 4 * (1 - np.trace(c) / c.sum()))


# --- bad input --------------------------------------------------------------------------------

def test_bad_inputs_raise_clear_errors():
    e, p = _respondents()
    with pytest.raises(ValueError, match=r"perceptions is missing item\(s\) \[22\]"):
        sq.gap_scores(e, p.drop(columns="p22"))
    bad = p.copy()
    bad.loc["bob", "p03"] = 8
    with pytest.raises(ValueError, match="perceptions has responses outside the 1-7 scale"):
        sq.gap_scores(e, bad)
    with pytest.raises(ValueError, match="perceptions and expectations must describe the same"):
        sq.gap_scores(e, p.rename(index={"bob": "carl"}))
    with pytest.raises(ValueError, match="scale"):
        sq.gap_scores(e, p, scale=(7, 1))
    with pytest.raises(ValueError, match="missing"):
        sq.gap_scores(e, p, missing="ignore")
    with pytest.raises(ValueError, match="not a SERVQUAL item"):
        sq.gap_scores(e.rename(columns={"e01": "age"}), p)
    with pytest.raises(ValueError, match=r"numbered 1-22"):
        sq.gap_scores(e.rename(columns={"e01": "e23"}), p)
    with pytest.raises(TypeError, match="expectations must hold numeric"):
        sq.gap_scores(e.astype(object).assign(e01="high"), p)
    with pytest.raises(ValueError, match="dimension_scores is missing dimension"):
        sq.servqual_score(pd.DataFrame({"tangibles": [1.0]}))
    with pytest.raises(ValueError, match="multiply by 100"):
        sq.servqual_score(dict.fromkeys(sq.DIMENSIONS, 0.0), dict.fromkeys(sq.DIMENSIONS, 0.2))
    with pytest.raises(ValueError, match="weights must be >= 0"):
        sq.servqual_score(dict.fromkeys(sq.DIMENSIONS, 0.0),
                          dict(zip(sq.DIMENSIONS, [-10, 50, 20, 20, 20])))
    with pytest.raises(ValueError, match="desired must be >= adequate"):
        sq.zone_of_tolerance([5, 6], [6, 5], [5, 5])
    with pytest.raises(ValueError, match="perceived must be finite"):
        sq.zone_of_tolerance(5, 6, np.nan)
    with pytest.raises(ValueError, match="items needs at least 2"):
        sq.cronbach_alpha([[1], [2]])
    with pytest.raises(ValueError, match="constant total"):
        sq.cronbach_alpha([[1, 2], [2, 1]])
    with pytest.raises(ValueError, match="level"):
        sq.knowledge_gap(e, e, level="branch")
    with pytest.raises(ValueError, match="importance and performance"):
        sq.importance_performance({"a": 1}, {"b": 2})
    long = pd.DataFrame({"respondent": [1, 1], "item": [3, 3], "score": [4, 5]})
    with pytest.raises(ValueError, match="repeats respondent 1, item 3"):
        sq.as_item_frame(long, "expectations")


def test_missing_answers_raise_unless_dropped_explicitly():
    e, p = _respondents()
    e = e.astype(float)
    e.loc["bob", "e07"] = np.nan
    with pytest.raises(ValueError, match=r"expectations has missing responses .*'bob'.*item 7"):
        sq.gap_scores(e, p)
    kept = sq.gap_scores(e, p, missing="drop")
    assert list(kept.index) == ["ann"]
    with pytest.raises(ValueError, match="missing"):
        sq.cronbach_alpha(e)
    items = pd.DataFrame([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5], [np.nan, 1, 1]])
    assert sq.cronbach_alpha(items, missing="drop") == pytest.approx(0.98245614)


# --- gap audit (seed 002) ---------------------------------------------------------------------

def test_gap_factor_list_is_complete_and_repaired():
    assert [g.number for g in ga.GAP_FACTORS] == [1, 2, 3, 4]
    assert [len(g.factors) for g in ga.GAP_FACTORS] == [4, 3, 4, 4]
    assert sum(len(f.items) for g in ga.GAP_FACTORS for f in g.factors) == 45
    texts = [t for g in ga.GAP_FACTORS for f in g.factors for t in (f.title, *f.items)]
    damaged = re.compile(r"\b(proce|succe|busine|acro|cro)\b", re.IGNORECASE)
    assert not [t for t in texts if damaged.search(t)]
    assert "Absence of formal process for setting service quality goals" in texts
    assert "Differences in policies and procedures across branches or units" in texts
    over = ga.GAP_FACTORS[3].factors[2]
    assert over.title == "Overpromising" and len(over.items) == 3
    assert all(g.remedies for g in ga.GAP_FACTORS)
    assert sq.GAP_FACTORS is ga.GAP_FACTORS and sq.gap_audit is ga.gap_audit


def test_gap_audit_scores_ranks_and_averages_raters():
    ids = ga.audit_template().index
    rater1 = pd.Series(1.0, index=ids)
    rater1[["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5"]] = 5
    rater2 = rater1.copy()
    rater2["2.3.1"] = 5
    audit = ga.gap_audit(pd.DataFrame([rater1, rater2]))
    assert audit.items.loc["2.3.1", "rating"] == 3 and audit.items["n_raters"].iloc[0] == 2
    assert audit.factors.index[0] == "3.1" and audit.factors.loc["3.1", "score"] == 5
    assert audit.factors.loc["2.3", "score"] == pytest.approx(5 / 3)
    # gap score = mean of factor scores: gap 3 = (5 + 1 + 1 + 1) / 4
    assert audit.gaps.loc[3, "score"] == 2 and audit.gaps.index[0] == 3
    assert audit.gaps.loc[3, "rank"] == 1 and "onboarding" in audit.gaps.loc[3, "remedies"]
    assert "worst gap=3" in repr(audit)


def test_gap_audit_bad_input():
    ids = list(ga.audit_template().index)
    with pytest.raises(ValueError, match="ratings must be <= 5"):
        ga.gap_audit(dict.fromkeys(ids, 6))
    with pytest.raises(ValueError, match="ratings is missing audit item"):
        ga.gap_audit(dict.fromkeys(ids[:-1], 3))
    with pytest.raises(ValueError, match="unknown audit item"):
        ga.gap_audit(dict.fromkeys(ids, 3) | {"9.9.9": 3})
    with pytest.raises(ValueError, match="ratings must hold 45 values"):
        ga.gap_audit([3] * 44)
    with pytest.raises(ValueError, match="research_types"):
        ga.programme_coverage(["astrology"])


def test_research_programme_covers_the_gaps():
    assert len(ga.RESEARCH_TYPES) == 8
    full = ga.programme_coverage(list(ga.RESEARCH_TYPES.index))
    assert full["covered"].all()


# --- inference --------------------------------------------------------------------------------

def test_paired_tests_match_hand_computation():
    e = pd.DataFrame({"x": [6, 6, 7, 5, 6], "y": [5, 5, 5, 5, 6]})
    p = pd.DataFrame({"x": [5, 4, 6, 5, 4], "y": [6, 5, 6, 5, 6]})
    res = ss.paired_gap_tests(e, p)
    d = np.array([-1, -2, -1, 0, -2])
    t = d.mean() / (d.std(ddof=1) / np.sqrt(5))
    assert res.loc["x", "t"] == pytest.approx(t)
    assert res.loc["x", "cohen_dz"] == pytest.approx(d.mean() / d.std(ddof=1))
    assert res.loc["x", "ci_low"] < -1.2 < res.loc["x", "ci_high"]
    assert res.loc["x", "p_holm"] >= res.loc["x", "p_value"]
    with pytest.raises(ValueError, match="same columns"):
        ss.paired_gap_tests(e, p[["y", "x"]])


def test_quality_drivers_exact_fit_and_validation():
    rng = np.random.default_rng(5)
    x = pd.DataFrame(rng.normal(size=(40, 3)), columns=["a", "b", "c"])
    y = 2 + x @ np.array([0.5, -1.0, 0.25])
    fit = ss.quality_drivers(x, y)
    np.testing.assert_allclose(fit.coefficients["coef"], [2, 0.5, -1.0, 0.25], atol=1e-10)
    assert fit.cov_type == "HC3" and fit.n == 40
    with pytest.raises(ValueError, match="cov_type"):
        ss.quality_drivers(x, y, cov_type="robust")
    with pytest.raises(ValueError, match="overall"):
        ss.quality_drivers(x, y.iloc[:-1])


# --- the synthetic survey ---------------------------------------------------------------------

def test_generator_recovers_its_true_gaps(survey):
    gaps = sq.dimension_scores(sq.gap_scores(survey[E_COLS], survey[P_COLS]))
    grouped = gaps.groupby(survey["branch"], observed=True)
    mean, se = grouped.mean(), grouped.std() / np.sqrt(grouped.size().to_numpy()[:, None])
    truth = synth.true_gaps().loc[mean.index]
    z = (mean - truth) / se
    assert np.abs(z.to_numpy()).max() < 4
    # the gaps differ between branches: the truth is not a constant the test would always meet
    assert truth["responsiveness"].max() - truth["responsiveness"].min() > 0.5


def test_generator_recovers_its_true_knowledge_gap(survey, management):
    for branch, truth in synth.true_knowledge_gaps().iterrows():
        cust = survey.loc[survey["branch"] == branch, E_COLS]
        mgmt = management.loc[management["branch"] == branch, sq.item_columns("m")]
        est = sq.knowledge_gap(cust, mgmt, level="dimension")["gap1"]
        se = np.sqrt(sq.dimension_scores(cust).var() / len(cust)
                     + sq.dimension_scores(mgmt).var() / len(mgmt))
        assert np.abs((est - truth) / se).max() < 4, branch


def test_survey_is_realistic_and_consistent(survey):
    rel = sq.reliability_table(survey[P_COLS])
    assert rel.loc[list(sq.DIMENSIONS), "alpha"].between(0.7, 0.95).all()
    for d in sq.DIMENSIONS:
        assert (survey[f"adequate_{d}"] <= survey[f"desired_{d}"]).all()
    imp = survey[[f"importance_{d}" for d in sq.DIMENSIONS]]
    assert (imp.sum(axis=1) == 100).all() and (imp >= 0).all().all()
    drivers = ss.quality_drivers(sq.dimension_scores(survey[P_COLS]), survey["overall_quality"])
    coef = drivers.coefficients.drop(index="const")
    assert coef["coef"].idxmax() == "reliability" and (coef["p_value"] < 0.001).all()


def test_generator_is_reproducible():
    pd.testing.assert_frame_equal(synth.servqual_survey(), synth.servqual_survey())
    assert not synth.servqual_survey(seed=1).equals(synth.servqual_survey())


def test_survey_generator_can_drive_quality_by_gaps_instead_of_perceptions():
    """Issue 17: the SERVPERF-vs-SERVQUAL comparison on synthetic data follows the generator."""
    from coursekit.synth.servqual import servqual_survey

    perc, gaps = servqual_survey(), servqual_survey(quality_driver="gaps")
    same = [c for c in perc.columns if c not in ("overall_quality", "recommend")]
    assert perc[same].equals(gaps[same])
    assert not perc["overall_quality"].equals(gaps["overall_quality"])
    with pytest.raises(ValueError, match="quality_driver"):
        servqual_survey(quality_driver="expectations")
