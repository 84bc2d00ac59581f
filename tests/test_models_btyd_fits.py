"""BTYD fits that say when they failed, and standard errors that do not depend on a step
(issue 18, sections 1-3 and 5).

Oracles: lifetimes 0.11.3 BetaGeoFitter.summary on CDNOW (autograd Hessian): standard errors
r 0.01256, alpha 0.37822, a 0.18573, b 0.70541 (pasted numbers; lifetimes is not a test
dependency); the Pareto/NBD reference Hessian is computed here with a fourth-order stencil at
two steps that must agree. The degenerate data sets are the ones the issue lists.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coursekit.models.btyd import (BGNBD, FitWarning, GammaGamma, ParetoNBD,
                                   ShiftedBetaGeometric)
from coursekit.models.btyd._base import BTYDModel

DATA = Path(__file__).resolve().parents[1] / "datasets"


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return pd.read_csv(DATA / "cdnow_summary.csv")


def _fit_quietly(model, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(*args, **kwargs)
    return model, [str(w.message) for w in caught if issubclass(w.category, FitWarning)]


def _frequent_buyers(n: int = 5000, seed: int = 7) -> tuple[np.ndarray, ...]:
    """Pareto/NBD customers buying ~5 times a week (r = 5, alpha = 1, s = 0.5, beta = 10)."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(5.0, 1.0, n)
    life = rng.exponential(1 / rng.gamma(0.5, 1 / 10.0, n))
    big_t = rng.uniform(20.0, 52.0, n)
    x, t_x = np.zeros(n), np.zeros(n)
    for i in range(n):
        end = min(life[i], big_t[i])
        times = np.cumsum(rng.exponential(1 / lam[i], int(lam[i] * end * 2 + 20)))
        times = times[times < end]
        x[i], t_x[i] = len(times), times[-1] if len(times) else 0.0
    return x, t_x, big_t


# ---------------------------------------------------------------------------------------------
# the Pareto/NBD objective treats overflowing trial points as +inf: these used to raise
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    ([3, 0, 1, 5, 2], [20, 0, 5, 30, 12], [39, 39, 35, 39, 30]),     # classroom example
    ([2], [10.0], [39.0]),                                            # one customer
    ([2, 0], [10.0, 0.0], [39.0, 20.0]),                              # two customers
    ([2] * 20, [10.0] * 20, [39.0] * 20),                             # identical customers
    ([0] * 30, [0.0] * 30, list(np.linspace(5, 39, 30))),            # no repeat buyers
], ids=["classroom", "one", "two", "identical", "no-repeaters"])
def test_pareto_nbd_fit_never_raises_on_small_or_degenerate_data(data):
    model, messages = _fit_quietly(ParetoNBD(), *data)
    assert np.all(np.isfinite(model.params_)) and np.isfinite(model.log_likelihood_)
    assert model.converged_ == (not messages)


def test_pareto_nbd_fits_frequent_buyers():
    x, t_x, big_t = _frequent_buyers()
    model, messages = _fit_quietly(ParetoNBD(), x, t_x, big_t)
    assert messages == [] and model.converged_
    assert model.params_["r"] / model.params_["alpha"] == pytest.approx(5.0, rel=0.1)
    alive = model.prob_alive(x, t_x, big_t)
    assert np.all((alive >= 0) & (alive <= 1))


def test_pareto_nbd_multi_start_on_cdnow(cdnow):
    model, messages = _fit_quietly(ParetoNBD(), cdnow["frequency"], cdnow["recency"],
                                   cdnow["T"], n_starts=4, random_state=3)
    assert model.converged_ and model.log_likelihood_ == pytest.approx(-9595.0, abs=0.05)
    assert not any("not identify" in m for m in messages)


# ---------------------------------------------------------------------------------------------
# degenerate fits are reported, in words
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("model, data, cause", [
    (BGNBD(), ([2] * 50, [10.0] * 50, [39.0] * 50), "same history"),
    (BGNBD(), ([0] * 50, [0.0] * 50, list(np.linspace(5, 39, 50))),
     "no customer made a repeat purchase: a and b cannot be estimated"),
    (ParetoNBD(), ([0] * 50, [0.0] * 50, list(np.linspace(5, 39, 50))),
     "no customer made a repeat purchase"),
    (GammaGamma(), ([3, 0], [12.5, 0.0]), "only 1 distinct customer"),
    (ShiftedBetaGeometric(), ([1000, 631],), "one period"),
], ids=["identical", "bgnbd-no-repeaters", "pareto-no-repeaters", "gg-one-buyer", "sbg-1-period"])
def test_degenerate_fit_is_flagged_with_its_cause(model, data, cause):
    with pytest.warns(FitWarning, match=cause):
        model.fit(*data)
    assert model.converged_ is False
    assert any(cause in p for p in model.fit_problems_)
    with pytest.warns(FitWarning, match="no standard errors"):
        table = model.summary()
    assert table["estimate"].notna().all()
    assert table[["std_error", "lower_95", "upper_95"]].isna().all().all()  # no [0, 3e178]


def test_no_repeaters_does_not_report_the_starting_values_as_estimates():
    model, messages = _fit_quietly(BGNBD(), [0] * 50, [0.0] * 50, list(np.linspace(5, 39, 50)))
    assert not model.converged_ and messages


@pytest.mark.parametrize("unit", [1e-6, 1e6])
def test_time_unit_is_rescaled_internally(cdnow, unit):
    # T in tiny or huge units used to give LL = -inf and "converged"
    base = BGNBD().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    model, messages = _fit_quietly(BGNBD(), cdnow["frequency"], cdnow["recency"] * unit,
                                   cdnow["T"] * unit)
    assert messages == [] and model.converged_
    expected = base.params_.to_numpy() * np.array([1, unit, 1, 1])
    assert model.params_.to_numpy() == pytest.approx(expected, rel=1e-5)
    x = cdnow["frequency"].to_numpy(float)
    # the likelihood of times measured in `unit` carries the Jacobian unit^-x per customer
    assert model.log_likelihood_ == pytest.approx(
        base.log_likelihood_ - x.sum() * np.log(unit), rel=1e-8)


class _DoubleWell(BTYDModel):
    """log L = -(phi^2 - 1)^2 - 0.3 phi per unit weight: maxima at phi ~ -1 (best) and +1."""

    param_names = ("u",)

    def fit(self, n_starts):
        def loglik(params):
            phi = np.log(params[0])
            return np.array([-(phi**2 - 1) ** 2 - 0.3 * phi])

        self._maximise(loglik, np.array([100.0]), x0=np.array([1.0]), n_starts=n_starts,
                       random_state=1)
        return self


def test_multi_start_reports_the_best_optimum_and_warns_when_starts_disagree():
    single = _DoubleWell().fit(1)
    assert np.log(single.params_["u"]) == pytest.approx(-1.0356, abs=1e-3)
    with pytest.warns(FitWarning, match="worse local optimum"):
        multi = _DoubleWell().fit(6)
    assert multi.log_likelihood_ == pytest.approx(single.log_likelihood_, rel=1e-9)
    assert multi.converged_


# ---------------------------------------------------------------------------------------------
# standard errors
# ---------------------------------------------------------------------------------------------

def test_bgnbd_standard_errors_match_lifetimes_at_any_step(cdnow):
    model = BGNBD().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    lifetimes_se = [0.01256, 0.37822, 0.18573, 0.70541]
    tables = [model.summary(step) for step in (None, 1e-5, 1e-7)]
    for table in tables:  # the old value-difference Hessian gave a = 0.147, b = 0.553 at 1e-6
        assert table.std_error.to_numpy() == pytest.approx(lifetimes_se, rel=1e-3)
        assert table.std_error.to_numpy() == pytest.approx(tables[0].std_error, rel=1e-4)


def _reference_hessian(model, data, step):
    """Fourth-order central differences of the total log-likelihood in log-parameters."""
    phi0 = np.log(model.params_.to_numpy(float))
    k = len(phi0)

    def f(phi):
        m = type(model).from_params(**dict(zip(model.param_names, np.exp(phi))))
        return -float(np.sum(m.log_likelihood(*data)))

    def d1(i, phi):  # derivative along i, O(h^4)
        e = np.eye(k)[i] * step
        return (-f(phi + 2 * e) + 8 * f(phi + e) - 8 * f(phi - e) + f(phi - 2 * e)) / (12 * step)

    hess = np.empty((k, k))
    for i in range(k):
        e = np.eye(k)[i] * step
        for j in range(k):
            hess[i, j] = (-d1(j, phi0 + 2 * e) + 8 * d1(j, phi0 + e) - 8 * d1(j, phi0 - e)
                          + d1(j, phi0 - 2 * e)) / (12 * step)
    return (hess + hess.T) / 2


def test_pareto_nbd_standard_errors_match_a_step_independent_reference(cdnow):
    data = (cdnow["frequency"], cdnow["recency"], cdnow["T"])
    model = ParetoNBD().fit(*data)
    coarse, fine = _reference_hessian(model, data, 0.02), _reference_hessian(model, data, 0.01)
    assert fine == pytest.approx(coarse, rel=1e-5)          # the reference does not move
    reference_se = model.params_.to_numpy() * np.sqrt(np.diag(np.linalg.inv(fine)))
    for step in (None, 1e-5, 1e-7):   # forward differences of the analytic gradient
        assert model.summary(step).std_error.to_numpy() == pytest.approx(reference_se, rel=1e-4)


def test_gamma_gamma_gradient_is_analytic_and_vectorised(cdnow):
    from coursekit.models.btyd.gamma_gamma import _loglik, _loglik_grad

    buyers = cdnow[cdnow["frequency"] > 0]
    x, m = buyers["frequency"].to_numpy(float), buyers["monetary_value"].to_numpy(float)
    xs, idx = np.unique(x, return_inverse=True)
    params = np.array([6.25, 3.74, 15.44])
    ll, grad = _loglik_grad(params, xs, idx, x, np.log(m), m * x)
    assert ll == pytest.approx(_loglik(params, x, m), rel=1e-12)
    steps = params * 1e-5
    numeric = [(_loglik(params + e, x, m).sum() - _loglik(params - e, x, m).sum()) / (2 * e[i])
               for i, e in enumerate(np.diag(steps))]
    assert grad.sum(axis=0) == pytest.approx(numeric, rel=1e-5)


def test_bgnbd_weighted_gradient_matches_central_differences(cdnow):
    from coursekit.models.btyd.bgnbd import _gradient_data, _loglik, _weighted_loglik_grad

    x, t_x, big_t = (cdnow[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    w = np.arange(len(x)) % 3 + 1.0
    params = np.array([0.3, 5.0, 0.9, 2.0])
    total, grad = _weighted_loglik_grad(params, _gradient_data(x, t_x, big_t, w))
    assert total == pytest.approx(w @ _loglik(params, x, t_x, big_t), rel=1e-12)
    steps = params * 1e-5
    numeric = [(w @ _loglik(params + e, x, t_x, big_t) - w @ _loglik(params - e, x, t_x, big_t))
               / (2 * e[i]) for i, e in enumerate(np.diag(steps))]
    assert grad == pytest.approx(numeric, rel=1e-6)


@pytest.mark.parametrize("model_class", [BGNBD, ParetoNBD])
def test_subsample_warm_start_reaches_the_full_data_optimum(cdnow, monkeypatch, model_class):
    # large data start from a subsample's optimum; shrink the thresholds to test it on CDNOW
    from coursekit.models.btyd import _base

    data = (cdnow["frequency"], cdnow["recency"], cdnow["T"])
    direct = model_class().fit(*data)
    monkeypatch.setattr(_base, "WARM_ROWS", 500)
    monkeypatch.setattr(_base, "WARM_SAMPLE", 400)
    warm, messages = _fit_quietly(model_class(), *data)
    assert messages == [] and warm.converged_
    assert warm.log_likelihood_ == pytest.approx(direct.log_likelihood_, abs=1e-6)
    assert warm.params_.to_numpy() == pytest.approx(direct.params_.to_numpy(), rel=1e-4)


def test_gamma_gamma_warm_start(cdnow, monkeypatch):
    from coursekit.models.btyd import _base

    direct = GammaGamma().fit(cdnow["frequency"], cdnow["monetary_value"])
    monkeypatch.setattr(_base, "WARM_ROWS", 300)
    monkeypatch.setattr(_base, "WARM_SAMPLE", 300)
    warm = GammaGamma().fit(cdnow["frequency"], cdnow["monetary_value"])
    assert warm.converged_
    assert warm.params_.to_numpy() == pytest.approx(direct.params_.to_numpy(), rel=1e-4)


def test_bgbb_collapses_raw_rows_into_patterns():
    from coursekit.models.btyd import BetaGeoBetaBinomial

    donations = pd.read_csv(DATA / "donations_summary.csv")
    weighted = BetaGeoBetaBinomial().fit(donations["frequency"], donations["recency"],
                                         donations["n_periods"], weights=donations["weights"])
    raw = donations.loc[donations.index.repeat(donations["weights"])]
    collapsed = BetaGeoBetaBinomial().fit(raw["frequency"], raw["recency"], raw["n_periods"])
    assert collapsed.log_likelihood_ == pytest.approx(weighted.log_likelihood_, rel=1e-10)
    assert collapsed.params_.to_numpy() == pytest.approx(weighted.params_.to_numpy(), rel=1e-6)
