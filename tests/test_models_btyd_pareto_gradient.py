"""The Pareto/NBD analytic gradient (issue 18, section 3) and the hypergeometric derivatives
it is built on, against mpmath at 40 digits (values of the published formula, derivatives by
mpmath's own high-precision differentiation)."""
from __future__ import annotations

from pathlib import Path

import mpmath as mp
import numpy as np
import pandas as pd
import pytest

from coursekit.models.btyd import ParetoNBD
from coursekit.models.btyd._hypergeometric import (SERIES_UP_TO, hyp2f1_one_with_derivatives,
                                                   log_hyp2f1_one_scalar,
                                                   weighted_log_derivatives)
from coursekit.models.btyd._pareto_likelihood import (log_g_terms, pareto_data, pareto_loglik,
                                                      pareto_loglik_grad)

DATA = Path(__file__).resolve().parents[1] / "datasets"


@pytest.fixture(autouse=True)
def _forty_digits():
    with mp.workdps(40):      # local: other modules set their own global precision
        yield

B_C = [(0.55, 1.7), (1.6, 2.8), (5000.5, 5001.9), (0.01, 0.02), (3.2, 30.0), (300.0, 301.01),
       (1e-3, 5.0)]
W = [0.0, 1e-6, 0.01, 0.3, SERIES_UP_TO, 0.61, 0.75, 0.9, 0.99, 0.999]


def _mp_log_h(b, c, w):
    return mp.log(mp.hyp2f1(1, b, c, w))


@pytest.mark.parametrize("series_up_to", [SERIES_UP_TO, 0.5])   # 0.5: the small-table path
@pytest.mark.parametrize("b, c", B_C)
def test_hypergeometric_derivatives_match_mpmath(b, c, series_up_to):
    out = hyp2f1_one_with_derivatives(b, c, np.array(W), series_up_to=series_up_to)
    for i, w in enumerate(W):
        bm, cm, wm = mp.mpf(b), mp.mpf(c), mp.mpf(w)
        exact = [_mp_log_h(bm, cm, wm),
                 mp.diff(lambda v: _mp_log_h(v, cm, wm), bm),
                 mp.diff(lambda v: _mp_log_h(bm, v, wm), cm),
                 mp.diff(lambda v: _mp_log_h(bm, cm, v), wm)]
        # h to 1e-13 relative (the continued fraction near w = 1 sums thousands of factors)
        assert out[0, i] == pytest.approx(float(exact[0]), rel=1e-12, abs=1e-13)
        for row in (1, 2, 3):   # derivatives: 1e-9 relative or 1e-10 absolute
            assert out[row, i] == pytest.approx(float(exact[row]), rel=1e-9, abs=1e-10), (row, w)
    # the scalar path sums up to ~5,700 terms of one polynomial: h to 1e-14
    assert log_hyp2f1_one_scalar(b, c, np.array(W)) == pytest.approx(out[0], rel=1e-13,
                                                                      abs=1e-14)


def test_continued_fraction_stops_at_rounding_level(monkeypatch):
    # these arguments once kept the Lentz product at 1 - 2 ulp for 400,000 steps
    from coursekit.models.btyd import _hypergeometric

    monkeypatch.setattr(_hypergeometric, "_CF_MAX_ITER", 5000)   # raises if not converged
    w = np.array([0.9068742424242424, 0.9112575757575757, 0.9172348484848485, 0.9264, 0.999])
    out = _hypergeometric._continued_fraction(np.full(5, 0.5), np.full(5, 2.0), w)
    exact = [float(mp.log(mp.hyp2f1(1, 0.5, 2, mp.mpf(v)))) for v in w]
    assert out[0] == pytest.approx(exact, rel=1e-13)


@pytest.mark.parametrize("b, c", [(0.6, 2.1), (40.3, 41.9), (1.7, 2.3)])
def test_weighted_derivatives_equal_the_weighted_pointwise_ones(b, c):
    rng = np.random.default_rng(3)
    w = np.sort(rng.uniform(0.0, 0.97, 3000))       # both the series and the fraction
    nu, mu = rng.normal(size=w.size), rng.normal(size=w.size)
    point = hyp2f1_one_with_derivatives(b, c, w)
    sums = weighted_log_derivatives(b, c, w, point[0], nu, mu)
    expected = [nu @ point[1], nu @ point[2], mu @ point[3], (mu * (1 - w)) @ point[3]]
    assert sums == pytest.approx(expected, rel=1e-10, abs=1e-10)


@pytest.mark.parametrize("b, c", [(0.6, 2.1), (40.3, 41.9)])
def test_recentred_blocks_agree_with_the_plain_series(b, c):
    # many cache blocks of sorted arguments, each summed in w - w0 with a few terms
    rng = np.random.default_rng(5)
    w = np.sort(rng.uniform(0.0, SERIES_UP_TO, 50_000))[::-1]
    nu, mu = rng.normal(size=w.size), rng.normal(size=w.size)
    point = hyp2f1_one_with_derivatives(np.full(w.size, b), c, w)   # per point, forward sum
    assert log_hyp2f1_one_scalar(b, c, w) == pytest.approx(point[0], rel=1e-13, abs=1e-15)
    sums = weighted_log_derivatives(b, c, w, point[0], nu, mu)
    expected = [nu @ point[1], nu @ point[2], mu @ point[3], (mu * (1 - w)) @ point[3]]
    assert sums == pytest.approx(expected, rel=1e-10, abs=1e-9)


def _mp_pareto_loglik(r, alpha, s, beta, x, t_x, big_t):
    """The Fader-Hardie (2005) likelihood with mpmath's hyp2f1."""
    rsx = r + s + x
    if alpha >= beta:
        def f(u):
            return mp.hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + u)) / (alpha + u) ** rsx
    else:
        def f(u):
            return mp.hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + u)) / (beta + u) ** rsx
    a0 = f(t_x) - f(big_t)
    return (mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(alpha) + s * mp.log(beta)
            + mp.log(1 / ((alpha + big_t) ** (r + x) * (beta + big_t) ** s) + s / rsx * a0))


CUSTOMERS = [(0, 0.0, 38.86), (2, 30.43, 38.86), (2, 5.0, 38.86), (7, 39.0, 39.0),
             (40, 12.5, 52.0), (2000, 38.0, 39.0)]


@pytest.mark.parametrize("params", [(0.553, 10.578, 0.606, 11.669),    # CDNOW, alpha < beta
                                    (0.553, 11.669, 0.606, 10.578),    # alpha > beta
                                    (2.0, 1.0, 0.3, 30.0), (0.2, 40.0, 1.5, 0.5)])
def test_pareto_gradient_matches_mpmath(params):
    x, t_x, big_t = (np.array(col, float) for col in zip(*CUSTOMERS))
    weights = np.array([3.0, 1.0, 2.0, 1.0, 0.5, 1.0])
    data = pareto_data(x, t_x, big_t, weights)
    total, grad = pareto_loglik_grad(np.array(params), data)
    mp_params = [mp.mpf(p) for p in params]
    exact_total = mp.mpf(0)
    exact_grad = [mp.mpf(0)] * 4
    for w_i, (xi, ti, ui) in zip(weights, CUSTOMERS):
        def ll(*p, xi=xi, ti=ti, ui=ui):
            return _mp_pareto_loglik(*p, mp.mpf(xi), mp.mpf(ti), mp.mpf(ui))
        exact_total += w_i * ll(*mp_params)
        for k in range(4):
            shifted = list(mp_params)

            def along(v, k=k, shifted=shifted, ll=ll):
                shifted[k] = v
                return ll(*shifted)
            exact_grad[k] += w_i * mp.diff(along, mp_params[k])
    assert total == pytest.approx(float(exact_total), rel=1e-12)
    assert grad == pytest.approx([float(g) for g in exact_grad], rel=1e-9)
    assert pareto_loglik(params, data) @ weights == pytest.approx(total, rel=1e-13)


def test_pareto_weighted_gradient_matches_central_differences_on_cdnow():
    cdnow = pd.read_csv(DATA / "cdnow_summary.csv")
    x, t_x, big_t = (cdnow[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    w = np.arange(len(x)) % 3 + 1.0
    data = pareto_data(x, t_x, big_t, w)
    for params in (np.array([0.55, 10.6, 0.61, 11.7]), np.array([0.9, 3.0, 0.4, 60.0])):
        total, grad = pareto_loglik_grad(params, data)
        steps = params * 1e-5
        numeric = [(w @ pareto_loglik(params + e, data) - w @ pareto_loglik(params - e, data))
                   / (2 * e[i]) for i, e in enumerate(np.diag(steps))]
        assert grad == pytest.approx(numeric, rel=1e-6)


def test_customers_share_their_t_x_points_and_keep_their_row_order():
    x = np.array([3.0, 0.0, 0.0, 0.0, 3.0])
    t_x = np.array([2.0, 0.0, 0.0, 0.0, 2.0])
    big_t = np.array([12.0, 10.0, 10.0, 12.0, 10.0])
    data = pareto_data(x, t_x, big_t)
    assert data.n_tx_points == 2                        # (0, 0) and (3, 2)
    assert len(data.point_u) == 2 + 5                   # then every customer's (x, T)
    assert data.x_levels.tolist() == [0.0, 3.0] and data.x_weight.tolist() == [3.0, 2.0]
    pts = log_g_terms((0.5, 2.0, 0.7, 3.0), data.point_x, data.point_u, data.groups)
    assert np.all(np.isfinite(pts.log_g))
    one_by_one = [pareto_loglik((0.5, 2.0, 0.7, 3.0), pareto_data(x[i:i + 1], t_x[i:i + 1],
                                                                  big_t[i:i + 1]))[0]
                  for i in range(5)]
    assert pareto_loglik((0.5, 2.0, 0.7, 3.0), data) == pytest.approx(one_by_one, rel=1e-14)


def test_fit_uses_the_analytic_gradient(monkeypatch):
    from coursekit.models.btyd import pareto_nbd

    cdnow = pd.read_csv(DATA / "cdnow_summary.csv")
    calls = {"value": 0, "gradient": 0}
    value, gradient = pareto_nbd.pareto_loglik, pareto_nbd.pareto_loglik_grad

    def counted_value(*args):
        calls["value"] += 1
        return value(*args)

    def counted_gradient(*args):
        calls["gradient"] += 1
        return gradient(*args)

    monkeypatch.setattr(pareto_nbd, "pareto_loglik", counted_value)
    monkeypatch.setattr(pareto_nbd, "pareto_loglik_grad", counted_gradient)
    model = ParetoNBD().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert model.converged_
    # BFGS and the information matrix run on gradients; no finite-difference sweeps
    assert calls["gradient"] >= 10 and calls["value"] <= 2
