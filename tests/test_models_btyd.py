"""BTYD models: published estimates (oracles), cross-checks, invariants and bad input.

Oracle sources (each test names its own):
- BG/NBD on CDNOW: Fader, Hardie & Lee (2005), "Counting your customers the easy way",
  Marketing Science 24(2), section 4: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426,
  LL = -9582.4; the worked example of customer 1 (x = 2, t_x = 30.43, T = 38.86) expects 1.226
  purchases in the next 39 weeks.
- Pareto/NBD on CDNOW: the same paper (Pareto/NBD benchmark) and Fader & Hardie's note
  "A note on implementing the Pareto/NBD model in MATLAB": r = 0.553, alpha = 10.578, s = 0.606,
  beta = 11.669, LL = -9595.0.
- Gamma-gamma: Fader, Hardie & Lee (2005), "RFM and CLV", JMR 42(4): p = 6.25, q = 3.74,
  gamma = 15.44 (946 CDNOW customers with repeat purchases).
- sBG: Fader & Hardie (2007), "How to project customer retention", JIM 21(1): high end
  alpha = 0.668, beta = 3.806; regular alpha = 0.704, beta = 1.182 (years 0-7).
- BG/BB: Fader, Hardie & Shang (2010), Marketing Science 29(6): alpha = 1.204, beta = 0.750,
  gamma = 0.657, delta = 2.783, LL = -33225.6 (11,104 donors, 6 opportunities).
- Cross-checks marked "lifetimes 0.11.3" were computed with that library (same data, same
  parameters) on 2024-11-25 and pasted here as numbers; lifetimes is not a test dependency.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models.btyd import (
    BGNBD,
    BetaGeoBetaBinomial,
    GammaGamma,
    ParetoNBD,
    ShiftedBetaGeometric,
    discounted_expected_value,
)

DATA = Path(__file__).resolve().parents[1] / "datasets"
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return pd.read_csv(DATA / "cdnow_summary.csv")


@pytest.fixture(scope="module")
def donations() -> pd.DataFrame:
    return pd.read_csv(DATA / "donations_summary.csv")


@pytest.fixture(scope="module")
def bgnbd_cdnow(cdnow) -> BGNBD:
    return BGNBD().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])


@pytest.fixture(scope="module")
def pareto_cdnow(cdnow) -> ParetoNBD:
    return ParetoNBD().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])


BG_PUBLISHED = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
PARETO_PUBLISHED = ParetoNBD.from_params(r=0.553, alpha=10.578, s=0.606, beta=11.669)
BGBB_PUBLISHED = BetaGeoBetaBinomial.from_params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)

# ---------------------------------------------------------------------------------------------
# oracles: published estimates
# ---------------------------------------------------------------------------------------------


def test_bgnbd_reproduces_fader_hardie_lee_2005(bgnbd_cdnow):
    # Fader, Hardie & Lee (2005), Marketing Science 24(2): CDNOW weeks 1-39
    expected = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    for name, value in expected.items():
        assert bgnbd_cdnow.params_[name] == pytest.approx(value, abs=0.0015), name
    assert bgnbd_cdnow.log_likelihood_ == pytest.approx(-9582.4, abs=0.05)
    assert bgnbd_cdnow.converged_


def test_bgnbd_worked_example_customer_1(bgnbd_cdnow):
    # Fader, Hardie & Lee (2005): customer with x = 2, t_x = 30.43, T = 38.86 -> 1.226
    value = bgnbd_cdnow.conditional_expected_purchases(39, 2, 30.43, 38.86)
    assert value[0] == pytest.approx(1.226, abs=0.0005)


def test_bgnbd_matches_lifetimes(bgnbd_cdnow):
    # lifetimes 0.11.3 BetaGeoFitter on the same data (fitted parameters)
    m = bgnbd_cdnow
    assert m.expected_purchases([39.0, 78.0]) == pytest.approx([1.19501623, 1.8579717], rel=1e-5)
    alive = m.prob_alive([0, 2, 2], [0, 30.43, 5], [38.86] * 3)
    assert alive == pytest.approx([1.0, 0.72660914, 0.12374454], rel=1e-5)
    assert m.prob_purchases([0, 1, 2], 39) == pytest.approx(
        [0.5743072834, 0.1991930613, 0.0853224088], rel=1e-5)


def test_bgnbd_standard_errors_match_lifetimes(bgnbd_cdnow):
    # lifetimes 0.11.3 BetaGeoFitter.summary (autograd Hessian) on the same data
    table = bgnbd_cdnow.summary()
    assert table["std_error"].to_numpy() == pytest.approx(
        [0.012557, 0.378221, 0.185719, 0.705345], rel=2e-3)
    assert (table["lower_95"] < table["estimate"]).all()
    assert (table["estimate"] < table["upper_95"]).all()
    with pytest.raises(RuntimeError, match="fit"):
        BG_PUBLISHED.summary()


def test_pareto_nbd_reproduces_published_estimates(pareto_cdnow):
    # Fader, Hardie & Lee (2005) / Fader & Hardie, note on implementing the Pareto/NBD
    expected = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
    for name, value in expected.items():
        assert pareto_cdnow.params_[name] == pytest.approx(value, abs=0.002), name
    assert pareto_cdnow.log_likelihood_ == pytest.approx(-9595.0, abs=0.05)


def test_pareto_nbd_matches_lifetimes(pareto_cdnow):
    # lifetimes 0.11.3 ParetoNBDFitter on the same data
    m = pareto_cdnow
    assert m.expected_purchases([39.0, 78.0]) == pytest.approx([1.21339298, 1.90986098], rel=1e-4)
    alive = m.prob_alive([0, 2, 2], [0, 30.43, 5], [38.86] * 3)
    assert alive == pytest.approx([0.29509794, 0.86912035, 0.1300725], rel=1e-4)
    assert m.conditional_expected_purchases(39, 2, 30.43, 38.86)[0] == pytest.approx(
        1.4551163543, rel=1e-4)


def test_gamma_gamma_reproduces_fader_hardie_lee_2005_rfm(cdnow):
    # Fader, Hardie & Lee (2005), JMR 42(4): p = 6.25, q = 3.74, gamma = 15.44 (n = 946)
    gg = GammaGamma().fit(cdnow["frequency"], cdnow["monetary_value"])
    assert gg.n_obs_ == 946
    assert gg.params_["p"] == pytest.approx(6.25, abs=0.005)
    assert gg.params_["q"] == pytest.approx(3.74, abs=0.006)
    assert gg.params_["gamma"] == pytest.approx(15.44, abs=0.01)
    # lifetimes 0.11.3 GammaGammaFitter: negative log-likelihood 4055.9232 on the same rows
    assert gg.log_likelihood_ == pytest.approx(-4055.9232, abs=1e-3)
    # lifetimes 0.11.3 conditional_expected_average_profit for customers 1 and 2
    assert gg.conditional_expected_spend([2, 1], [22.35, 11.77]) == pytest.approx(
        [24.65861619, 18.91147987], rel=1e-4)


@pytest.mark.parametrize("survivors, alpha, beta", [(HIGH_END, 0.668, 3.806),
                                                      (REGULAR, 0.704, 1.182)])
def test_sbg_reproduces_fader_hardie_2007(survivors, alpha, beta):
    # Fader & Hardie (2007), "How to project customer retention"
    m = ShiftedBetaGeometric().fit(survivors)
    assert m.params_["alpha"] == pytest.approx(alpha, abs=0.0005)
    assert m.params_["beta"] == pytest.approx(beta, abs=0.0005)


def test_bgbb_reproduces_fader_hardie_shang_2010(donations):
    # Fader, Hardie & Shang (2010), Marketing Science 29(6)
    m = BetaGeoBetaBinomial().fit(donations["frequency"], donations["recency"],
                                  donations["n_periods"], weights=donations["weights"])
    expected = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}
    for name, value in expected.items():
        assert m.params_[name] == pytest.approx(value, abs=0.0015), name
    assert m.log_likelihood_ == pytest.approx(-33225.6, abs=0.05)
    assert m.n_obs_ == 11104


def test_bgbb_matches_lifetimes(donations):
    # lifetimes 0.11.3 BetaGeoBetaBinomFitter, fitted parameters, first six patterns
    m = BetaGeoBetaBinomial.from_params(alpha=1.20352239, beta=0.74971636, gamma=0.65671817,
                                        delta=2.78344198)
    rows = donations.iloc[:6]
    alive = m.prob_alive(rows["frequency"], rows["recency"], rows["n_periods"])
    assert alive == pytest.approx([0.10813328, 0.06946181, 0.25470993, 0.48135577, 0.68038383,
                                   0.82814373], rel=1e-6)
    future = m.conditional_expected_purchases(5, rows["frequency"], rows["recency"],
                                              rows["n_periods"])
    assert future == pytest.approx([0.07286334, 0.08569571, 0.31423813, 0.59385331, 0.83939618,
                                    1.02168901], rel=1e-6)


def test_clv_close_to_lifetimes(cdnow):
    # lifetimes 0.11.3 GammaGammaFitter.customer_lifetime_value(bgf, ..., time=12,
    # discount_rate=0.01, freq="W") for customers 1-3: 36.2785, 4.6375, 8.3441. lifetimes uses
    # 4.345 weeks per month, coursekit 365.25/12/7 = 4.348, hence a 0.1% tolerance.
    bg = BGNBD.from_params(r=0.24259293, alpha=4.41353227, a=0.79288597, b=2.42575238)
    gg = GammaGamma.from_params(p=6.2488025, q=3.74458846, gamma=15.44774806)
    rows = cdnow.iloc[:3]
    clv = discounted_expected_value(bg, gg, rows["frequency"], rows["recency"], rows["T"],
                                  rows["monetary_value"], months=12, margin=1.0,
                                    discount_rate=0.01)
    assert isinstance(clv, pd.Series)
    assert clv.to_numpy() == pytest.approx([36.27849576, 4.63746633, 8.34409312], rel=1e-3)


# ---------------------------------------------------------------------------------------------
# invariants
# ---------------------------------------------------------------------------------------------

histories = st.tuples(st.integers(0, 60), st.floats(0.0, 1.0), st.floats(1.0, 100.0))


@settings(max_examples=40, deadline=None)
@given(histories, st.sampled_from([BG_PUBLISHED, PARETO_PUBLISHED]))
def test_prob_alive_is_a_probability_and_falls_with_silence(history, model):
    x, share, big_t = history
    t_x = share * big_t if x > 0 else 0.0
    p_now = model.prob_alive(x, t_x, big_t)[0]
    p_later = model.prob_alive(x, t_x, big_t + 10.0)[0]
    assert 0.0 <= p_now <= 1.0
    assert p_later <= p_now + 1e-12
    if x > 0:  # a more recent last purchase makes the customer more likely alive
        assert model.prob_alive(x, min(t_x + 0.5, big_t), big_t)[0] >= p_now - 1e-12


@settings(max_examples=30, deadline=None)
@given(histories, st.sampled_from([BG_PUBLISHED, PARETO_PUBLISHED]))
def test_conditional_expectation_grows_with_horizon(history, model):
    x, share, big_t = history
    t_x = share * big_t if x > 0 else 0.0
    values = model.conditional_expected_purchases(np.array([[0.0], [10.0], [50.0]]), x, t_x, big_t)
    assert values[0, 0] == pytest.approx(0.0, abs=1e-12)
    assert np.all(np.diff(values[:, 0]) >= 0)
    assert np.all(np.isfinite(values))


def test_no_overflow_for_heavy_buyers():
    # Gamma(r + x) overflows a float near x = 170; log space keeps everything finite
    x = np.array([500.0, 5000.0])
    for model in (BG_PUBLISHED, PARETO_PUBLISHED):
        ll = model.log_likelihood(x, [50.0, 99.0], [100.0, 100.0])
        assert np.all(np.isfinite(ll))
        assert np.all(np.isfinite(model.prob_alive(x, [50.0, 99.0], [100.0, 100.0])))


@pytest.mark.parametrize("t", [5.0, 39.0])
def test_bgnbd_count_distribution_is_consistent(t):
    n = np.arange(400)
    p = BG_PUBLISHED.prob_purchases(n, t)
    assert p.sum() == pytest.approx(1.0, abs=1e-8)
    assert (n * p).sum() == pytest.approx(BG_PUBLISHED.expected_purchases(t), rel=1e-6)


def test_weights_equal_repeated_rows(cdnow):
    rows = cdnow.iloc[:300]
    weights = np.arange(300) % 3 + 1
    repeated = rows.loc[rows.index.repeat(weights)]
    a = BGNBD().fit(rows["frequency"], rows["recency"], rows["T"], weights=weights)
    b = BGNBD().fit(repeated["frequency"], repeated["recency"], repeated["T"])
    assert a.log_likelihood_ == pytest.approx(b.log_likelihood_, rel=1e-9)
    assert a.params_.to_numpy() == pytest.approx(b.params_.to_numpy(), rel=1e-4)


def test_pareto_expected_purchases_is_a_population_average():
    # E[X(t)] of a new customer equals the conditional expectation of a customer observed for an
    # instant with no repeat purchase (x = 0, t_x = 0, T -> 0)
    tiny = 1e-9
    direct = PARETO_PUBLISHED.expected_purchases(20.0)
    via = PARETO_PUBLISHED.conditional_expected_purchases(20.0, 0, 0.0, tiny)[0]
    assert via == pytest.approx(direct, rel=1e-6)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 50), st.floats(0.5, 500.0))
def test_gamma_gamma_shrinks_towards_population_mean(x, observed):
    gg = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    pop = gg.mean_spend()
    spend = gg.conditional_expected_spend(x, observed)[0]
    assert min(pop, observed) - 1e-9 <= spend <= max(pop, observed) + 1e-9


def test_sbg_survival_retention_and_derl():
    m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    t = np.arange(0, 2000)
    surv = m.survival(t)
    assert surv[0] == 1.0 and np.all(np.diff(surv) < 0)
    assert np.all(np.diff(m.retention_rate(np.arange(1, 20))) > 0)  # rises with tenure
    assert surv[1:8] / surv[:7] == pytest.approx(m.retention_rate(np.arange(1, 8)))
    for n in (0, 3):  # DERL equals the brute-force discounted sum of survival
        brute = np.sum(surv[n + 1:] / surv[n] / 1.1 ** np.arange(0, len(surv) - n - 1))
        assert m.expected_residual_lifetime(0.1, n=n) == pytest.approx(brute, rel=1e-9)


def test_bgbb_sequence_probabilities_sum_to_one(donations):
    from scipy.special import comb

    ll = BGBB_PUBLISHED.log_likelihood(donations["frequency"], donations["recency"],
                                       donations["n_periods"])
    x, t_x = donations["frequency"], donations["recency"]
    n_sequences = np.where(x > 0, comb(t_x - 1, x - 1), 1.0)
    assert float(np.sum(np.exp(ll) * n_sequences)) == pytest.approx(1.0, abs=1e-12)


def test_clv_discounting_and_time_unit_pitfall():
    bg, gg = BG_PUBLISHED, GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    args = (bg, gg, [2], [30.43], [38.86], [22.35])
    year = dict(months=12, margin=1.0)
    undiscounted = discounted_expected_value(*args, months=12, margin=1.0, discount_rate=0.0)[0]
    weeks = 12 * 365.25 / 12 / 7
    direct = (gg.conditional_expected_spend(2, 22.35)[0]
              * bg.conditional_expected_purchases(weeks, 2, 30.43, 38.86)[0])
    assert undiscounted == pytest.approx(direct, rel=1e-12)
    assert discounted_expected_value(*args, discount_rate=0.01, **year)[0] < undiscounted
    assert discounted_expected_value(*args, months=12, margin=0.3)[0] == pytest.approx(
        0.3 * discounted_expected_value(*args, **year)[0])
    # the horizon and the margin must be stated: no defaults that pass revenue off as CLV
    with pytest.raises(TypeError, match="months|margin"):
        discounted_expected_value(*args)
    # declaring days for a model fitted in weeks inflates the value several times over
    assert (discounted_expected_value(*args, time_unit="D", **year)[0]
            > 3 * discounted_expected_value(*args, **year)[0])


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("freq, rec, big_t, match", [
    ([-1], [0.0], [10.0], "frequency"),
    ([1.5], [2.0], [10.0], "frequency"),
    ([2], [12.0], [10.0], "recency must be <= T"),
    ([0], [3.0], [10.0], "recency must be 0 when frequency is 0"),
    ([1], [-1.0], [10.0], "recency"),
    ([1], [1.0], [0.0], "T must be > 0"),
    ([1, 2], [1.0], [10.0], "same length"),
    ([np.nan], [1.0], [10.0], "frequency"),
])
def test_rfm_bad_input(freq, rec, big_t, match):
    for model in (BGNBD(), ParetoNBD()):
        with pytest.raises(ValueError, match=match):
            model.fit(freq, rec, big_t)


def test_other_bad_input():
    with pytest.raises(ValueError, match="weights"):
        BGNBD().fit([1, 0], [2.0, 0.0], [5.0, 5.0], weights=[1.0])
    with pytest.raises(ValueError, match="monetary_value must be 0 when frequency is 0"):
        GammaGamma().fit([0, 2], [5.0, 10.0])
    with pytest.raises(ValueError, match="monetary_value must be > 0"):
        GammaGamma().fit([1, 2], [0.0, 10.0])
    with pytest.raises(ValueError, match="survivors must not increase"):
        ShiftedBetaGeometric().fit([1000, 800, 850])
    with pytest.raises(ValueError, match="survivors must start"):
        ShiftedBetaGeometric().fit([0, 0])
    with pytest.raises(ValueError, match="frequency must be <= recency"):
        BetaGeoBetaBinomial().fit([3], [2], [6])
    with pytest.raises(ValueError, match="recency must be <= n_periods"):
        BetaGeoBetaBinomial().fit([3], [7], [6])
    with pytest.raises(RuntimeError, match="fit"):
        BGNBD().prob_alive([1], [1.0], [2.0])
    with pytest.raises(ValueError, match="missing"):
        BGNBD.from_params(r=1.0, alpha=1.0, a=1.0)
    with pytest.raises(ValueError, match="alpha"):
        BGNBD.from_params(r=1.0, alpha=-1.0, a=1.0, b=1.0)
    with pytest.raises(ValueError, match="time_unit"):
        discounted_expected_value(BG_PUBLISHED, GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44),
                                  [1], [1.0], [2.0], [10.0], months=12, margin=1.0,
                                  time_unit="Y")
    with pytest.raises(ValueError, match="discount_rate"):
        discounted_expected_value(BG_PUBLISHED, GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44),
                                  [1], [1.0], [2.0], [10.0], months=12, margin=1.0,
                                  discount_rate=10)
    with pytest.raises(TypeError, match="transaction_model"):
        discounted_expected_value(object(), object(), [1], [1.0], [2.0], [10.0], months=12,
                                  margin=1.0)
    with pytest.raises(ValueError, match="discount_rate"):
        ShiftedBetaGeometric.from_params(alpha=1.0, beta=1.0).expected_residual_lifetime(0.0)
