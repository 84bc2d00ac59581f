"""MBG/NBD, discounted expected transactions and the holdout comparisons of the literature
(issue 18, section 6). Oracles: the individual-level likelihood integrated numerically over
the purchase rate and the dropout probability (scipy), adaptive quadrature of the discounted
expectation, and the moments of the count distributions."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import integrate

from coursekit.models.btyd import (BGNBD, GammaGamma, ModifiedBGNBD, ParetoNBD,
                                   calibration_holdout_summary,
                                   conditional_expectations_by_frequency,
                                   continuous_discount_rate, discounted_expected_transactions,
                                   holdout_comparison, iso_value_grid, period_purchase_histogram,
                                   prob_purchases, residual_lifetime_value, tracking_by_model)
from coursekit.models.clv import repeat_purchase_tracking

MBG = dict(r=0.525, alpha=6.183, a=0.891, b=1.614)        # lifetimes' MBG/NBD fit on CDNOW
PARETO = dict(r=0.553, alpha=10.578, s=0.606, beta=11.669)
HISTORIES = [(0, 0.0, 38.86), (0, 0.0, 5.0), (1, 2.0, 30.0), (2, 30.43, 38.86), (7, 35.0, 39.0)]


R, ALPHA, A, B = MBG.values()


def _gamma_moment(m, u):
    """``E[lambda^m e^{-u lambda}]`` for lambda ~ Gamma(r, alpha): the gamma integral."""
    from scipy.special import gammaln

    return np.exp(gammaln(R + m) - gammaln(R) + R * np.log(ALPHA) - (R + m) * np.log(ALPHA + u))


def _over_p(inner):
    """``E[inner(p)]`` for p ~ Beta(a, b), numerically (QUADPACK with the Beta weight
    ``p^(a-1) (1-p)^(b-1)``, so the endpoint singularity is integrated exactly)."""
    from scipy.special import betaln

    value, _ = integrate.quad(inner, 0.0, 1.0, weight="alg", wvar=(A - 1, B - 1),
                              epsabs=1e-15, epsrel=1e-11, limit=200)
    return value / np.exp(betaln(A, B))


def _future(p, x, T, t):
    """``(1 - p)^(x+1) E[lambda^x e^{-lambda T} (1 - e^{-lambda p t}) / p]`` (alive customers
    buy as BG/NBD customers, E[X(t) | lambda, p] = (1 - exp(-lambda p t)) / p), with its limit
    at p = 0."""
    share = ((R + x) * t / (ALPHA + T) if p == 0
             else -np.expm1(-(R + x) * np.log1p(p * t / (ALPHA + T))) / p)
    return (1 - p) ** (x + 1) * _gamma_moment(x, T) * share


@pytest.mark.parametrize("x, t_x, T", HISTORIES)
def test_mbgnbd_matches_the_integrated_individual_model(x, t_x, T):
    """Given lambda and p (Batislam et al. 2007):
    L = lambda^x (1-p)^x [(1-p) e^{-lambda T} + p e^{-lambda t_x}]."""
    m = ModifiedBGNBD.from_params(**MBG)
    like = _over_p(lambda p: (1 - p) ** x * ((1 - p) * _gamma_moment(x, T)
                                             + p * _gamma_moment(x, t_x)))
    assert np.exp(m.log_likelihood([x], [t_x], [T])[0]) == pytest.approx(like, rel=1e-8)
    alive = _over_p(lambda p: (1 - p) ** (x + 1) * _gamma_moment(x, T))
    assert m.prob_alive([x], [t_x], [T])[0] == pytest.approx(alive / like, rel=1e-8)
    future = _over_p(lambda p: _future(p, x, T, 39.0))
    assert m.conditional_expected_purchases(39.0, [x], [t_x], [T])[0] == pytest.approx(
        future / like, rel=1e-7)


def test_mbgnbd_new_customer_expectation_and_counts():
    m = ModifiedBGNBD.from_params(**MBG)
    assert m.expected_purchases(39.0) == pytest.approx(_over_p(lambda p: _future(p, 0, 0, 39.0)),
                                                       rel=1e-7)
    n = np.arange(2000)
    probs = m.prob_purchases(n, 39.0)
    assert probs.sum() == pytest.approx(1.0, abs=1e-10)
    assert (n * probs).sum() == pytest.approx(m.expected_purchases(39.0), rel=1e-8)
    # P(X = 0) = P(no purchase while alive) + P(dropped out at time 0)
    p0 = _over_p(lambda p: (1 - p) * _gamma_moment(0, 39.0) + p)
    assert probs[0] == pytest.approx(p0, rel=1e-8)
    assert m.prob_purchases([0, 3], 0.0).tolist() == [1.0, 0.0]


def test_mbgnbd_heavy_buyers_do_not_overflow():
    """The direct 2F1(r+x, b+x+1; a+b+x; z) overflows near x = 100; the Euler form does not,
    also where scipy's hyp2f1 has a whole-number failure (2F1(2, 1; 101; 0.9047619) =
    1.01841035589806 by mpmath)."""
    from coursekit.models.btyd._hypergeometric import hyp2f1_excess

    z = 0.9047619   # r = 1, a = 2, b = 1, x = 98: 2F1(a+b-r, a-1; a+b+x; z) = 2F1(2, 1; 101; z)
    assert hyp2f1_excess(2.0, 1.0, np.array([101.0]), np.zeros(1, int),
                         np.log1p(-np.array([z])))[0] == pytest.approx(0.01841035589806, rel=1e-9)
    m = ModifiedBGNBD.from_params(**MBG)
    x = np.array([100.0, 1000.0, 5000.0])
    out = m.conditional_expected_purchases(52.0, x, [39.0] * 3, [39.0] * 3)  # just bought
    assert np.all(np.isfinite(out)) and np.all(np.diff(out) > 0)
    silent = m.conditional_expected_purchases(52.0, x, [38.0] * 3, [39.0] * 3)
    assert np.all(np.isfinite(silent)) and np.all(np.diff(silent) < 0)  # a silent week: dead
    # an alive heavy buyer keeps her rate: E[Y(t)] ~ P(alive) (r+x)/(alpha+T) t for small t
    small = m.conditional_expected_purchases(1e-3, x, [39.0] * 3, [39.0] * 3)
    rate = (MBG["r"] + x) / (MBG["alpha"] + 39.0) * 1e-3 * m.prob_alive(x, [39.0] * 3, [39.0] * 3)
    np.testing.assert_allclose(small, rate, rtol=1e-3)


def test_mbgnbd_removes_the_p_alive_artefact_of_one_time_buyers():
    bg = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    mbg = ModifiedBGNBD.from_params(**MBG)
    T = np.array([1.0, 10.0, 39.0, 100.0])
    assert (bg.prob_alive(np.zeros(4), np.zeros(4), T) == 1.0).all()      # the artefact
    alive = mbg.prob_alive(np.zeros(4), np.zeros(4), T)
    assert ((alive > 0) & (alive < 1)).all() and (np.diff(alive) < 0).all()


def test_mbgnbd_fit_finds_the_maximum_and_its_gradient_is_exact():
    from coursekit.models.btyd import mbgnbd

    rng = np.random.default_rng(11)
    T = rng.uniform(20, 40, 400)
    x = rng.poisson(1.0, 400).astype(float)
    t_x = np.where(x > 0, T * rng.uniform(0.1, 1.0, 400), 0.0)
    m = ModifiedBGNBD().fit(x, t_x, T)
    theta = m.params_.to_numpy()
    best = m.log_likelihood(x, t_x, T).sum()
    assert best == pytest.approx(m.log_likelihood_, rel=1e-10)
    for i in range(4):
        for step in (0.98, 1.02):
            moved = theta.copy()
            moved[i] *= step
            assert mbgnbd._loglik(moved, x, t_x, T).sum() < best
    at = np.array(list(MBG.values()))
    ll, grad = mbgnbd._loglik_grad(at, x, t_x, T)
    for i in range(4):
        h = np.zeros(4)
        h[i] = 1e-6 * at[i]
        numeric = (mbgnbd._loglik(at + h, x, t_x, T) - mbgnbd._loglik(at - h, x, t_x, T)) \
            / (2 * h[i])
        np.testing.assert_allclose(grad[:, i], numeric, rtol=1e-5, atol=1e-7)


def test_mbgnbd_matches_lifetimes_cdnow_fit():
    """lifetimes 0.11.3 ModifiedBetaGeoFitter on the CDNOW summary (run once, in the session of
    the commit that added this model): r 0.52484, alpha 6.18299, a 0.89136, b 1.61400."""
    from coursekit import load_dataset

    s = load_dataset("cdnow_summary")
    m = ModifiedBGNBD().fit(s["frequency"], s["recency"], s["T"])
    assert m.params_.round(4).to_dict() == {"r": 0.5248, "alpha": 6.1830, "a": 0.8914,
                                            "b": 1.6140}


# --- discounted expected transactions ------------------------------------------------------------

@pytest.mark.parametrize("model", [ParetoNBD.from_params(**PARETO),
                                   BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426),
                                   ModifiedBGNBD.from_params(**MBG)])
def test_det_is_the_discounted_integral_of_future_purchases(model):
    delta = continuous_discount_rate(0.15, "W")
    x, t_x, T = (np.array(c, dtype=float) for c in zip(*HISTORIES))
    det = discounted_expected_transactions(model, x, t_x, T)
    for i in range(len(x)):
        oracle, _ = integrate.quad(lambda t: delta * np.exp(-delta * t)
                                   * model.conditional_expected_purchases(t, x[i], t_x[i],
                                                                          T[i])[0],
                                   0, np.inf, limit=400, epsrel=1e-10)
        assert det[i] == pytest.approx(oracle, rel=1e-8)


def test_det_closed_form_and_quadrature_agree_for_the_pareto_nbd():
    m = ParetoNBD.from_params(**PARETO)
    x, t_x, T = [0, 1, 2, 5, 10, 20], [0, 10, 30.43, 35, 38, 38], [38.86] * 6
    closed = discounted_expected_transactions(m, x, t_x, T, method="closed")
    quad = discounted_expected_transactions(m, x, t_x, T, method="quadrature")
    np.testing.assert_allclose(quad, closed, rtol=1e-8)
    assert continuous_discount_rate(0.15, "W") == pytest.approx(np.log(1.15) * 7 / 365.25)


def test_residual_value_is_margin_times_spend_times_det():
    m = ParetoNBD.from_params(**PARETO)
    gg = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    freq = pd.Series([0, 2, 5], index=["a", "b", "c"])
    rlv = residual_lifetime_value(m, gg, freq, [0, 30.0, 38.0], [39.0] * 3, [0, 22.35, 40.0],
                                  margin=0.3)
    det = discounted_expected_transactions(m, freq, [0, 30.0, 38.0], [39.0] * 3)
    spend = gg.conditional_expected_spend(freq, [0, 22.35, 40.0])
    np.testing.assert_allclose(rlv.to_numpy(), 0.3 * spend * det)
    assert list(rlv.index) == ["a", "b", "c"]


def test_iso_value_grid_rises_with_recency_and_marks_impossible_cells():
    g = iso_value_grid(ParetoNBD.from_params(**PARETO), 39.0, max_frequency=6, n_recency=10)
    assert g.shape == (7, 10) and g.iloc[0, 1:].isna().all() and g.iloc[1:].notna().all().all()
    assert (np.diff(g.iloc[1:].to_numpy(), axis=1) > 0).all()     # recent buyers are worth more


def test_det_bad_input():
    m = ParetoNBD.from_params(**PARETO)
    with pytest.raises(ValueError, match="annual_rate"):
        discounted_expected_transactions(m, [1], [1.0], [2.0], annual_discount_rate=15)
    with pytest.raises(ValueError, match="method"):
        discounted_expected_transactions(m, [1], [1.0], [2.0], method="exact")
    with pytest.raises(ValueError, match="only for the Pareto/NBD"):
        discounted_expected_transactions(ModifiedBGNBD.from_params(**MBG), [1], [1.0], [2.0],
                                         method="closed")
    with pytest.raises(TypeError, match="fitted"):
        discounted_expected_transactions(ParetoNBD(), [1], [1.0], [2.0])
    with pytest.raises(TypeError, match="GammaGamma"):
        residual_lifetime_value(m, m, [1], [1.0], [2.0], [3.0])


# --- holdout comparisons --------------------------------------------------------------------------

def test_pareto_count_distribution_has_the_right_mass_and_mean():
    m = ParetoNBD.from_params(**PARETO)
    n = np.arange(800)
    probs = prob_purchases(m, n, 39.0)
    assert probs.sum() == pytest.approx(1.0, abs=1e-8)
    assert (n * probs).sum() == pytest.approx(m.expected_purchases(39.0), rel=1e-7)
    with pytest.raises(ValueError, match="whole numbers"):
        prob_purchases(m, [0.5], 39.0)
    with pytest.raises(TypeError, match="model"):
        prob_purchases(object(), [1], 39.0)


@pytest.fixture(scope="module")
def cdnow():
    from coursekit import load_dataset

    tx = load_dataset("cdnow_transactions")
    s = calibration_holdout_summary(tx, "customer_id", "date", calibration_end="1997-09-30",
                                    observation_end="1998-06-30")
    models = {"BG/NBD": BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426),
              "MBG/NBD": ModifiedBGNBD.from_params(**MBG)}
    return tx, s, models


def test_period_histogram_counts_every_customer(cdnow):
    _, s, models = cdnow
    h = period_purchase_histogram(models, s, max_count=7)
    assert list(h.index) == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert h["actual"].tolist()[:2] == [1411, 439]
    np.testing.assert_allclose(h.sum().to_numpy(), len(s))
    assert h.loc["0", "BG/NBD"] == pytest.approx(
        sum(models["BG/NBD"].prob_purchases([0], t)[0] for t in s["T"]), rel=1e-9)


def test_conditional_expectations_and_comparison_on_cdnow(cdnow):
    _, s, models = cdnow
    ce = conditional_expectations_by_frequency(models, s, max_frequency=7)
    assert ce["customers"].sum() == len(s)
    assert ce.loc["0", "actual"] == pytest.approx(
        s.loc[s["frequency"] == 0, "frequency_holdout"].mean())
    cmp = holdout_comparison(models, s)
    assert (cmp["actual"] == 1882).all()
    forecast = models["BG/NBD"].conditional_expected_purchases(
        s["duration_holdout"], s["frequency"], s["recency"], s["T"])
    assert cmp.loc["BG/NBD", "forecast"] == pytest.approx(forecast.sum())
    assert cmp.loc["BG/NBD", "mae"] == pytest.approx(
        np.abs(forecast - s["frequency_holdout"]).mean())
    assert cmp.loc["BG/NBD", "correlation"] == pytest.approx(
        np.corrcoef(forecast, s["frequency_holdout"])[0, 1])


def test_tracking_by_model_is_one_tracking_per_model(cdnow):
    tx, _, models = cdnow
    both = tracking_by_model(models, tx, "customer_id", "date", start="1997-01-01",
                             end="1998-06-30")
    single = repeat_purchase_tracking(models["MBG/NBD"], tx, "customer_id", "date",
                                      start="1997-01-01", end="1998-06-30")
    assert both["actual"].equals(single["actual"])
    np.testing.assert_allclose(both["MBG/NBD"], single["expected"])


def test_holdout_helpers_reject_bad_input(cdnow):
    _, s, models = cdnow
    with pytest.raises(TypeError, match="dict"):
        holdout_comparison([models["BG/NBD"]], s)
    with pytest.raises(TypeError, match="fitted"):
        holdout_comparison({"x": BGNBD()}, s)
    with pytest.raises(ValueError, match="frequency_holdout"):
        holdout_comparison(models, s.drop(columns="frequency_holdout"))
    with pytest.raises(ValueError, match="max_count"):
        period_purchase_histogram(models, s, max_count=0)
    log = pd.DataFrame({"c": [1, 1], "d": ["2024-01-01", "2024-01-05"]})
    with pytest.raises(ValueError, match="holdout period is empty"):
        calibration_holdout_summary(log, "c", "d", calibration_end="2024-01-05")


def test_figures_have_titles_and_reject_wrong_input(cdnow):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from coursekit.plots import btyd as plots

    tx, s, models = cdnow
    axes = [plots.period_histogram(period_purchase_histogram(models, s)),
            plots.conditional_expectations(conditional_expectations_by_frequency(models, s)),
            plots.iso_value_curves(iso_value_grid(ParetoNBD.from_params(**PARETO), 39.0))]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    fig = plots.tracking_comparison(tracking_by_model(models, tx, "customer_id", "date"),
                                    calibration_end=39)
    assert len(fig.axes) == 2 and all(a.get_title() for a in fig.axes)
    with pytest.raises(TypeError, match="period_purchase_histogram"):
        plots.period_histogram(s)
    with pytest.raises(TypeError, match="iso_value_grid"):
        plots.iso_value_curves(s.to_numpy())
    plt.close("all")


# --- properties over valid parameters -------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

positive = st.floats(0.05, 20.0, allow_nan=False)


@settings(max_examples=80, deadline=None)
@given(r=positive, alpha=positive, a=st.floats(1.05, 20.0), b=positive,
       x=st.integers(0, 200), share=st.floats(0.0, 1.0), T=st.floats(0.5, 200.0),
       t=st.floats(0.0, 100.0))
def test_mbgnbd_predictions_are_finite_and_in_range(r, alpha, a, b, x, share, T, t):
    m = ModifiedBGNBD.from_params(r=r, alpha=alpha, a=a, b=b)
    t_x = share * T if x > 0 else 0.0
    alive = m.prob_alive([x], [t_x], [T])[0]
    assert 0.0 <= alive <= 1.0          # may underflow to 0 (e.g. 93 purchases, then silence)
    expected = m.conditional_expected_purchases(t, [x], [t_x], [T])[0]
    assert np.isfinite(expected) and expected >= -1e-12
    assert np.isfinite(m.log_likelihood([x], [t_x], [T])[0])
    probs = m.prob_purchases(np.arange(5), t)
    assert np.all((probs >= -1e-15) & (probs <= 1 + 1e-12)) and probs.sum() <= 1 + 1e-9
