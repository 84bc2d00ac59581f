"""BTYD predictions against an mpmath evaluation of the published formulas (issue 18, section 1).

Oracle: each reference below is the formula as printed in the paper, evaluated by mpmath at 50
significant digits (removable singularities such as BG/NBD ``a = 1`` are approached at a
distance of 1e-35, far below the tolerance). The grid covers heavy buyers (x up to 5,000),
horizons and observation periods up to 1,000 periods, and the neighbourhoods of the singular
points; the references are computed once per test session (``lru_cache``) and the whole module
runs in a few seconds.
"""
from __future__ import annotations

from functools import lru_cache

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models.btyd import (BGNBD, BetaGeoBetaBinomial, GammaGamma, ModifiedBGNBD,
                                   ParetoNBD, ShiftedBetaGeometric, discounted_expected_value)

mp.mp.dps = 50
TINY = mp.mpf("1e-35")
REL = 1e-8


def _near(value, point) -> mp.mpf:
    """Step off a removable singularity by 1e-35 (the published formula is 0/0 there)."""
    value = mp.mpf(value)
    return value + TINY if abs(value - point) < mp.mpf("1e-30") else value


@lru_cache(maxsize=None)
def bgnbd_reference(r, alpha, a, b, x, t_x, big_t, t) -> tuple[float, float]:
    """Fader, Hardie & Lee (2005) eq. 10 and P(alive) (FHL 2008): (E[Y(t) | x, t_x, T], P)."""
    r, alpha, b, x, t_x, big_t, t = map(mp.mpf, (r, alpha, b, x, t_x, big_t, t))
    a = _near(a, 1)
    if x == 0:
        b = _near(b, 1 - a)  # a + b - 1 = 0: the hypergeometric's c parameter vanishes
    z = t / (alpha + big_t + t)
    numer = (a + b + x - 1) / (a - 1) * (1 - ((alpha + big_t) / (alpha + big_t + t)) ** (r + x)
                                         * mp.hyp2f1(r + x, b + x, a + b + x - 1, z))
    odds = a / (b + x - 1) * ((alpha + big_t) / (alpha + t_x)) ** (r + x) if x > 0 else 0
    alive = 1 / (1 + odds)
    return float(numer * alive), float(alive)


@lru_cache(maxsize=None)
def bgnbd_count_reference(r, alpha, a, b, n, t) -> float:
    """FHL (2005) eq. 8, P(X(t) = n), with the finite sum written out."""
    r, alpha, a, b, t = map(mp.mpf, (r, alpha, a, b, t))
    p0, q = alpha / (alpha + t), t / (alpha + t)
    nb = lambda j: mp.gamma(r + j) / (mp.gamma(r) * mp.factorial(j)) * p0**r * q**j  # noqa: E731
    out = mp.beta(a, b + n) / mp.beta(a, b) * nb(n)
    if n > 0:
        out += mp.beta(a + 1, b + n - 1) / mp.beta(a, b) * (1 - mp.fsum(nb(j) for j in range(n)))
    return float(out)


@lru_cache(maxsize=None)
def pareto_alive_reference(r, alpha, s, beta, x, t_x, big_t) -> mp.mpf:
    """Fader & Hardie (2005) note: P(alive | x, t_x, T) with A_0 from 2F1."""
    r, alpha, beta, x, t_x, big_t = map(mp.mpf, (r, alpha, beta, x, t_x, big_t))
    s = _near(s, 1)

    def f(u):
        if alpha >= beta:
            return (mp.hyp2f1(r + s + x, s + 1, r + s + x + 1, (alpha - beta) / (alpha + u))
                    / (alpha + u) ** (r + s + x))
        return (mp.hyp2f1(r + s + x, r + x, r + s + x + 1, (beta - alpha) / (beta + u))
                / (beta + u) ** (r + s + x))

    a0 = f(t_x) - f(big_t) if t_x < big_t else 0
    return 1 / (1 + s / (r + s + x) * (alpha + big_t) ** (r + x) * (beta + big_t) ** s * a0)


@lru_cache(maxsize=None)
def pareto_reference(r, alpha, s, beta, x, t_x, big_t, t) -> tuple[float, float]:
    """(E[Y(t) | x, t_x, T], P(alive)) of the Pareto/NBD (Fader & Hardie 2005 note)."""
    alive = pareto_alive_reference(r, alpha, s, beta, x, t_x, big_t)
    r, alpha, beta, x, big_t, t = map(mp.mpf, (r, alpha, beta, x, big_t, t))
    s = _near(s, 1)
    growth = (1 - ((beta + big_t) / (beta + big_t + t)) ** (s - 1)) / (s - 1)
    return float(alive * (r + x) * (beta + big_t) / (alpha + big_t) * growth), float(alive)


@lru_cache(maxsize=None)
def bgbb_reference(alpha, beta, gamma, delta, x, t_x, n, n_future) -> tuple[float, float, float]:
    """Fader, Hardie & Shang (2010) eqs. 5, 7, 11 and 13: (E[X(n)], P(alive), E[X(n, n+n*)])."""
    alpha, beta, delta = map(mp.mpf, (alpha, beta, delta))
    gamma = _near(gamma, 1)
    bb = lambda a1, b1, a0, b0: mp.beta(a1, b1) / mp.beta(a0, b0)  # noqa: E731
    lik = (bb(alpha + x, beta + n - x, alpha, beta) * bb(gamma, delta + n, gamma, delta)
           + mp.fsum(bb(alpha + x, beta + t_x - x + i, alpha, beta)
                     * bb(gamma + 1, delta + t_x + i, gamma, delta) for i in range(n - t_x)))
    g = mp.gamma
    unconditional = (alpha / (alpha + beta) * delta / (gamma - 1)
                     * (1 - g(gamma + delta) / g(gamma + delta + n) * g(1 + delta + n)
                        / g(1 + delta)))
    alive = (bb(alpha + x, beta + n - x, alpha, beta) * bb(gamma, delta + n + 1, gamma, delta)
             / lik)
    future = (bb(alpha + x + 1, beta + n - x, alpha, beta) / lik * delta / (gamma - 1)
              * g(gamma + delta) / g(1 + delta)
              * (g(1 + delta + n) / g(gamma + delta + n)
                 - g(1 + delta + n + n_future) / g(gamma + delta + n + n_future)))
    return float(unconditional), float(alive), float(future)



@lru_cache(maxsize=None)
def mbgnbd_reference(r, alpha, a, b, x, t_x, big_t, t) -> tuple[float, float]:
    """Batislam, Denizel & Filiztekin (2007): (E[Y(t) | x, t_x, T], P(alive)) as published,
    numerator (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)]."""
    r, alpha, b, x, t_x, big_t, t = map(mp.mpf, (r, alpha, b, x, t_x, big_t, t))
    a = _near(a, 1)
    z = t / (alpha + big_t + t)
    numer = (a + b + x) / (a - 1) * (1 - ((alpha + big_t) / (alpha + big_t + t)) ** (r + x)
                                     * mp.hyp2f1(r + x, b + x + 1, a + b + x, z))
    alive = 1 / (1 + a / (b + x) * ((alpha + big_t) / (alpha + t_x)) ** (r + x))
    return float(numer * alive), float(alive)


@lru_cache(maxsize=None)
def derl_reference(alpha, beta, d, n) -> float:
    """sBG discounted expected residual lifetime (Fader & Hardie 2010) from its definition,
    sum_{t>n} S(t)/S(n) (1+d)^-(t-n-1) = (1+d) E[(1-theta)/(d+theta)] with theta ~ Beta(alpha,
    beta+n) (the churn probability of a customer who renewed n times), by mpmath quadrature:
    independent of the 2F1 closed form, which mpmath's own hyp2f1 does not finish for
    n = 10^6."""
    with mp.workdps(30):
        alpha, beta, d = map(mp.mpf, (alpha, beta, d))
        b_n = beta + n
        log_norm = -mp.log(mp.beta(alpha, b_n))
        if alpha < 1:   # theta = u^(1/alpha) absorbs the singular theta^(alpha-1) at 0
            def integrand(u):
                theta = u ** (1 / alpha)
                return mp.exp(b_n * mp.log1p(-theta) + log_norm) / (d + theta) / alpha
            points = [mp.mpf(0)] + [mp.mpf(10) ** (-k * alpha) for k in range(30, 0, -1)]
        else:           # smooth: break the interval around the posterior mean and at d
            def integrand(theta):
                return (mp.exp((alpha - 1) * mp.log(theta) + b_n * mp.log1p(-theta) + log_norm)
                        / (d + theta))
            mean = alpha / (alpha + b_n)
            inner = {mean * k for k in (0.1, 0.3, 0.6, 0.8, 1, 1.25, 1.6, 2, 3, 5)}
            points = [mp.mpf(0)] + sorted(p for p in inner | {d / 3, d, 3 * d} if 0 < p < 1)
        return float((1 + d) * mp.quad(integrand, points + [mp.mpf(1)]))

# (x, t_x, T): new, ordinary, silent for long, heavy buyers of CDNOW length (where the direct
# formula overflowed from x = 1110) and over 1000 periods
CUSTOMERS = [(0, 0.0, 0.5), (0, 0.0, 1000.0), (2, 30.43, 38.86), (1110, 39.0, 39.0),
             (5000, 39.0, 39.0), (5000, 38.0, 39.0), (50, 900.0, 1000.0), (1, 0.1, 1000.0)]
HORIZONS = (0.5, 39.0, 1000.0)

BGNBD_PARAMS = [
    (0.243, 4.414, 0.793, 2.426),          # CDNOW (FHL 2005)
    (0.243, 4.414, 1.0, 2.426),            # a = 1: the published formula is 0/0
    (0.243, 4.414, 1.0 + 1e-7, 2.426),     # next to it (cancellation returned < 0 before)
    (0.243, 4.414, 0.998, 2.426),          # inside the interpolated band
    (0.243, 4.414, 1.005, 2.426),          # just outside it
    (0.01, 0.25, 1.0, 17.0),               # a = 1, r - a whole: scipy 2F1 wrong at z > 0.9
    (0.5, 1.0, 1.5, 2.0),                  # r - a whole away from a = 1
    (0.01, 0.5, 0.6, 0.4),                 # a + b = 1: 2F1(.; c = 0) for x = 0
    (0.5, 0.01, 3.0, 0.05),                # tiny alpha: z within 1e-5 of 1
    (80.0, 4.414, 0.793, 2.426),           # large r: 2F1(a+b-1-r, ...) with A = -78
]
PARETO_PARAMS = [
    (0.553, 10.578, 0.606, 11.669),        # CDNOW (Fader & Hardie note)
    (0.553, 10.578, 1.0, 11.669),          # s = 1: the growth factor is 0/0
    (2.0, 50.0, 0.02, 0.01),               # alpha >> beta: 2F1 argument near 1, scipy NaN
    (0.05, 1e-2, 3.0, 100.0),              # alpha << beta
    (1.0, 1.0, 1.0, 1.0),                  # alpha = beta
]


@pytest.mark.parametrize("params", BGNBD_PARAMS, ids=str)
def test_bgnbd_matches_mpmath(params):
    model = BGNBD.from_params(**dict(zip(BGNBD.param_names, params)))
    for x, t_x, big_t in CUSTOMERS:
        expected_alive = bgnbd_reference(*params, x, t_x, big_t, 1.0)[1]
        assert model.prob_alive(x, t_x, big_t)[0] == pytest.approx(expected_alive, rel=REL, abs=0)
        got = model.conditional_expected_purchases(np.array(HORIZONS)[:, None], x, t_x, big_t)
        want = [bgnbd_reference(*params, x, t_x, big_t, t)[0] for t in HORIZONS]
        assert got[:, 0] == pytest.approx(want, rel=REL, abs=0), (x, t_x, big_t)
    # the unconditional E[X(t)] is the numerator of eq. 10 at x = 0, T = 0
    want = [bgnbd_reference(*params, 0, 0.0, 0.0, t)[0] for t in HORIZONS]
    assert model.expected_purchases(np.array(HORIZONS)) == pytest.approx(want, rel=REL, abs=0)


@pytest.mark.parametrize("params", BGNBD_PARAMS[:3], ids=str)
def test_bgnbd_count_probabilities_match_mpmath(params):
    model = BGNBD.from_params(**dict(zip(BGNBD.param_names, params)))
    for t, counts in [(39.0, [0, 1, 7, 40]), (1000.0, [0, 3, 60, 300])]:
        want = [bgnbd_count_reference(*params, n, t) for n in counts]
        assert model.prob_purchases(counts, t) == pytest.approx(want, rel=REL, abs=0)


@pytest.mark.parametrize("params", PARETO_PARAMS, ids=str)
def test_pareto_nbd_matches_mpmath(params):
    model = ParetoNBD.from_params(**dict(zip(ParetoNBD.param_names, params)))
    for x, t_x, big_t in CUSTOMERS:
        want = [pareto_reference(*params, x, t_x, big_t, t) for t in HORIZONS]
        assert model.prob_alive(x, t_x, big_t)[0] == pytest.approx(want[0][1], rel=REL, abs=0)
        got = model.conditional_expected_purchases(np.array(HORIZONS)[:, None], x, t_x, big_t)
        assert got[:, 0] == pytest.approx([w[0] for w in want], rel=REL, abs=0), (x, t_x, big_t)
    # a new customer: E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]
    r, alpha, s, beta = map(mp.mpf, params)
    s = _near(s, 1)
    want = [float(r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + t)) ** (s - 1)))
            for t in HORIZONS]
    assert model.expected_purchases(np.array(HORIZONS)) == pytest.approx(want, rel=REL, abs=0)


@pytest.mark.parametrize("params", [(1.204, 0.750, 0.657, 2.783), (1.204, 0.750, 1.0, 2.783),
                                    (1.204, 0.750, 1.0 - 1e-9, 2.783),
                                    (0.3, 2.0, 1.0 + 3e-6, 0.05)], ids=str)
def test_bgbb_matches_mpmath(params):
    model = BetaGeoBetaBinomial.from_params(**dict(zip(BetaGeoBetaBinomial.param_names, params)))
    for x, t_x, n in [(0, 0, 6), (3, 5, 6), (6, 6, 6), (1, 1, 1000), (900, 990, 1000)]:
        unconditional, alive, future = bgbb_reference(*params, x, t_x, n, 5)
        assert model.prob_alive(x, t_x, n)[0] == pytest.approx(alive, rel=REL, abs=0)
        assert model.conditional_expected_purchases(5, x, t_x, n)[0] == pytest.approx(future,
                                                                                     rel=REL, abs=0)
        assert model.expected_purchases(n) == pytest.approx(unconditional, rel=REL, abs=0)



MBGNBD_PARAMS = [
    (0.525, 6.183, 0.891, 1.614),          # CDNOW (Batislam et al. 2007 model, our fit)
    (0.525, 6.183, 1.0, 1.614),            # a = 1: the published formula is 0/0
    (0.525, 6.183, 1.0 - 1e-7, 1.614),     # next to it
    (0.01, 0.25, 1.0, 17.0),               # a = 1 with r - a whole
    (0.5, 1.0, 1.5, 2.0),                  # r - a whole away from a = 1
    (0.5, 0.01, 3.0, 0.05),                # tiny alpha: z within 1e-5 of 1
    (20.0, 3.0, 40.0, 0.5),                # large a and r
]


@pytest.mark.parametrize("params", MBGNBD_PARAMS, ids=str)
def test_mbgnbd_matches_mpmath(params):
    model = ModifiedBGNBD.from_params(**dict(zip(ModifiedBGNBD.param_names, params)))
    for x, t_x, big_t in CUSTOMERS:
        expected_alive = mbgnbd_reference(*params, x, t_x, big_t, 1.0)[1]
        assert model.prob_alive(x, t_x, big_t)[0] == pytest.approx(expected_alive, rel=REL)
        got = model.conditional_expected_purchases(np.array(HORIZONS)[:, None], x, t_x, big_t)
        want = [mbgnbd_reference(*params, x, t_x, big_t, t)[0] for t in HORIZONS]
        assert got[:, 0] == pytest.approx(want, rel=REL), (x, t_x, big_t)
    # a new customer: E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))]
    r, alpha, b = map(mp.mpf, (params[0], params[1], params[3]))
    a = _near(params[2], 1)
    want = [float(b / (a - 1) * (1 - (alpha / (alpha + t)) ** r
                                 * mp.hyp2f1(r, b + 1, a + b, t / (alpha + t))))
            for t in map(mp.mpf, HORIZONS)]
    assert model.expected_purchases(np.array(HORIZONS)) == pytest.approx(want, rel=REL)


# alpha, beta near 0 and large, discount rates from 0.01% to 1000% per period, and customers
# who renewed 0 to a million times (scipy's hyp2f1 returned NaN for many of these)
DERL_GRID = [(alpha, beta, d, n) for alpha in (1e-3, 0.704, 1.0, 1e3)
             for beta in (1e-3, 1.182, 1e3) for d in (1e-4, 0.1, 10.0) for n in (0, 4, 10**6)]


@pytest.mark.parametrize("alpha", (1e-3, 0.704, 1.0, 1e3))
def test_sbg_residual_lifetime_matches_mpmath(alpha):
    for _, beta, d, n in (row for row in DERL_GRID if row[0] == alpha):
        model = ShiftedBetaGeometric.from_params(alpha=alpha, beta=beta)
        assert model.expected_residual_lifetime(d, n) == pytest.approx(
            derl_reference(alpha, beta, d, n), rel=REL), (alpha, beta, d, n)

def test_hypergeometric_cancellation_raises_instead_of_a_wrong_number():
    # r in the hundreds with a + b small makes every series of 2F1(a+b-1-r, a-1; C; z)
    # alternate with terms far above the sum: the prediction refuses rather than guess
    model = BGNBD.from_params(r=150.0, alpha=4.4, a=0.8, b=2.4)
    with pytest.raises(FloatingPointError, match="cancels"):
        model.conditional_expected_purchases(39.0, [0, 3], [0.0, 20.0], [30.0, 30.0])


def test_heavy_buyer_clv_is_finite_and_matches_mpmath():
    # one customer with 5,000 purchases used to make the CLV of the whole table fail
    bg = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    gg = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    freq, rec, big_t, spend = [5000, 2, 0], [39.0, 30.43, 0.0], [39.0, 38.86, 38.86], \
        [20.0, 22.35, 0.0]
    clv = discounted_expected_value(bg, gg, freq, rec, big_t, spend, months=3, margin=1.0,
                                    discount_rate=0.01)
    weeks = 365.25 / 12 / 7
    for i in range(3):
        cumulative = [bgnbd_reference(0.243, 4.414, 0.793, 2.426, freq[i], rec[i], big_t[i],
                                      k * weeks)[0] if k else 0.0 for k in range(4)]
        want = sum((cumulative[k] - cumulative[k - 1]) / 1.01**k for k in range(1, 4))
        want *= gg.conditional_expected_spend(freq[i], spend[i])[0]
        assert clv[i] == pytest.approx(want, rel=REL, abs=0)


# ---------------------------------------------------------------------------------------------
# property test over the whole valid parameter space
# ---------------------------------------------------------------------------------------------

positive = st.floats(1e-2, 50.0)
near_one = st.one_of(positive, st.floats(0.999, 1.001), st.just(1.0))
history = st.tuples(st.integers(0, 5000), st.floats(0.0, 1.0), st.floats(0.01, 1000.0),
                    st.floats(0.0, 1000.0))


@settings(max_examples=150, deadline=None)
@given(positive, positive, near_one, positive, positive, positive, near_one, positive, history)
def test_predictions_are_finite_and_in_range(r, alpha, a, b, pr, palpha, s, pbeta, hist):
    x, share, big_t, t = hist
    t_x = share * big_t if x > 0 else 0.0
    for model in (BGNBD.from_params(r=r, alpha=alpha, a=a, b=b),
                  ModifiedBGNBD.from_params(r=r, alpha=alpha, a=a, b=b),
                  ParetoNBD.from_params(r=pr, alpha=palpha, s=s, beta=pbeta)):
        alive = model.prob_alive(x, t_x, big_t)[0]
        assert 0.0 <= alive <= 1.0
        future = model.conditional_expected_purchases(np.array([[t], [t + 1.0]]), x, t_x, big_t)
        assert np.all(np.isfinite(future)) and np.all(future >= 0)
        assert future[1, 0] >= future[0, 0] * (1 - 1e-9)     # more time, more purchases
        new = model.expected_purchases(t)
        assert np.isfinite(new) and new >= 0


@settings(max_examples=80, deadline=None)
@given(positive, positive, near_one, positive, st.integers(1, 60), st.integers(0, 60),
       st.integers(0, 20))
def test_bgbb_predictions_are_finite_and_in_range(alpha, beta, gamma, delta, n, x, n_future):
    x = min(x, n)
    t_x = n if x > 0 else 0
    model = BetaGeoBetaBinomial.from_params(alpha=alpha, beta=beta, gamma=gamma, delta=delta)
    assert 0.0 <= model.prob_alive(x, t_x, n)[0] <= 1.0
    future = model.conditional_expected_purchases(n_future, x, t_x, n)[0]
    assert np.isfinite(future) and 0.0 <= future <= n_future + 1e-9
    new = model.expected_purchases(n)
    assert np.isfinite(new) and 0.0 <= new <= n + 1e-9


@settings(max_examples=150, deadline=None)
@given(st.one_of(positive, st.floats(1e-3, 1e3)), st.one_of(positive, st.floats(1e-3, 1e3)),
       st.floats(1e-6, 100.0), st.integers(0, 10**7))
def test_sbg_residual_lifetime_is_finite_and_in_range(alpha, beta, d, n):
    model = ShiftedBetaGeometric.from_params(alpha=alpha, beta=beta)
    derl = model.expected_residual_lifetime(d, n)
    # (1 + d) E[(1 - theta)/(d + theta)] lies between 0 and (1 + d)/d (never churning)
    assert np.isfinite(derl) and 0.0 < derl <= (1 + d) / d * (1 + 1e-12)
    # a customer who renewed more often is worth more, a higher discount rate is worth less
    # (up to the accuracy REL: one more renewal after a million changes DERL by ~1e-10)
    assert model.expected_residual_lifetime(d, n + 1) >= derl * (1 - REL)
    assert model.expected_residual_lifetime(2 * d, n) <= derl * (1 + REL)
