"""Tests of module 12: recovery-paradox model, complaints, guarantees and the experiment data."""
from __future__ import annotations

import hashlib
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models.recovery import complaints, guarantees
from coursekit.models import recovery as rc

ROOT = Path(__file__).resolve().parents[1]
SMALL = settings(max_examples=30, deadline=None)
severities = st.floats(min_value=0.05, max_value=3.0, allow_nan=False)
shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


# --- prospect-theory value function: Tversky & Kahneman (1992) -------------------------------

def test_value_function_tversky_kahneman_1992():
    assert rc.prospect_value(100) == pytest.approx(100 ** 0.88)
    assert rc.prospect_value(100) == pytest.approx(57.544, abs=1e-3)
    assert rc.prospect_value(-100) == pytest.approx(-2.25 * 100 ** 0.88)
    assert rc.prospect_value(-1) == pytest.approx(-2.25)
    assert rc.prospect_value(0) == 0.0


@SMALL
@given(x=st.floats(min_value=0.01, max_value=50))
def test_losses_loom_larger_than_gains(x):
    assert -rc.prospect_value(-x) > rc.prospect_value(x) > 0


# --- the paradox condition -------------------------------------------------------------------

def test_paradox_threshold_without_dispersion_is_lambda_to_one_over_alpha():
    """With no heterogeneity the paradox holds exactly when g > lambda**(1/alpha) * s."""
    p = rc.RecoveryParameters(severity_dispersion=0, recovery_dispersion=0,
                              weight_compensation=1.0)
    threshold = 2.25 ** (1 / 0.88)
    assert threshold == pytest.approx(2.514, abs=1e-3)
    just_above = rc.Recovery(compensation=threshold * 0.4 * 1.001)
    just_below = rc.Recovery(compensation=threshold * 0.4 * 0.999)
    assert rc.paradox_share(severity=0.4, recovery=just_above, params=p) == 1.0
    assert rc.paradox_share(severity=0.4, recovery=just_below, params=p) == 0.0


def test_framing_oracle_values_issue_17():
    """Segregated vs integrated accounts (Thaler 1985): the issue's oracle shares, recomputed
    by hand from Phi((ln 1.9 - ln s) / (0.4 sqrt 2)) for the integrated case."""
    assert rc.paradox_share(severity=0.5) == pytest.approx(0.768, abs=5e-4)
    assert rc.paradox_share(severity=0.5, framing="integrated") == pytest.approx(0.991, abs=5e-4)
    assert rc.paradox_share(severity=1.5) == pytest.approx(0.113, abs=5e-4)
    assert rc.paradox_share(severity=1.5, framing="integrated") == pytest.approx(0.662, abs=5e-4)
    hand = 0.5 * math.erfc(-math.log(1.9 / 0.5) / (0.4 * math.sqrt(2)) / math.sqrt(2))
    assert rc.paradox_share(severity=0.5, framing="integrated") == pytest.approx(hand, rel=1e-12)


def test_integrated_paradox_threshold_is_the_failure_itself():
    p = rc.RecoveryParameters(severity_dispersion=0, recovery_dispersion=0,
                              weight_compensation=1.0)
    for factor, share in ((1.001, 1.0), (0.999, 0.0)):
        rec = rc.Recovery(compensation=0.4 * factor)
        assert rc.paradox_share(severity=0.4, recovery=rec, params=p,
                                framing="integrated") == share


@SMALL
@given(severity=severities, stability=shares, controllability=shares)
def test_integration_never_lowers_the_paradox_share(severity, stability, controllability):
    kw = dict(severity=severity, stability=stability, controllability=controllability)
    assert (rc.paradox_share(framing="integrated", **kw)
            >= rc.paradox_share(framing="segregated", **kw) - 1e-12)


def test_integrated_exact_means_match_simulation():
    kw = dict(severity=1.5, recovery="full", stability=0.5, framing="integrated")
    df = rc.simulate_encounters(200_000, seed=11, **kw)
    exact = rc.paradox_share(**kw)
    se = math.sqrt(exact * (1 - exact) / len(df))
    assert df.paradox.mean() == pytest.approx(exact, abs=4 * se)
    path = rc.expected_path(**kw)
    sem = df["sat_recovery"].std() / math.sqrt(len(df))
    assert df["sat_recovery"].mean() == pytest.approx(path.after_recovery, abs=4 * sem)
    assert path.after_failure == pytest.approx(rc.expected_path(severity=1.5).after_failure)
    grid = rc.paradox_grid(severity=[0.5, 1.5], prior_failures=[0], stability=[0.0],
                           controllability=[0.0], framing="integrated")
    assert grid.paradox_share.round(3).tolist() == [0.991, 0.662]


def test_exact_share_and_means_match_simulation():
    kw = dict(severity=0.8, recovery="apology_compensation", stability=0.5, controllability=0.2)
    df = rc.simulate_encounters(200_000, seed=7, **kw)
    exact = rc.paradox_share(**kw)
    se = math.sqrt(exact * (1 - exact) / len(df))
    assert df.paradox.mean() == pytest.approx(exact, abs=4 * se)
    path = rc.expected_path(**kw)
    for col, value in (("sat_no_failure", path.no_failure), ("sat_failure", path.after_failure),
                       ("sat_recovery", path.after_recovery)):
        sem = df[col].std() / math.sqrt(len(df))
        assert df[col].mean() == pytest.approx(value, abs=4 * sem), col


def test_magnini_conditions_make_the_paradox_likely():
    """Paradox more likely: not severe, no prior failure, unstable, uncontrollable."""
    best = rc.paradox_share(severity=0.5)
    assert best > 0.5
    assert rc.paradox_share(severity=1.5) < best
    assert rc.paradox_share(severity=0.5, prior_failures=1) < best
    assert rc.paradox_share(severity=0.5, stability=1) < best
    assert rc.paradox_share(severity=0.5, controllability=1) < best


def test_maxham_netemeyer_no_paradox_after_a_second_failure():
    first = rc.expected_path(severity=0.5, recovery="full")
    second = rc.expected_path(severity=0.5, recovery="full", prior_failures=1)
    assert first.recovery_gap > 0 > second.recovery_gap


def test_de_matos_satisfaction_rises_but_repurchase_and_wom_do_not():
    df = rc.simulate_encounters(100_000, severity=0.5, recovery="full", seed=3)
    assert df.sat_recovery.mean() > df.sat_no_failure.mean()
    assert df.repurchase.mean() < df.repurchase_no_failure.mean()
    assert df.word_of_mouth.mean() < df.wom_no_failure.mean()


def test_only_a_small_percent_complain():
    df = rc.simulate_encounters(50_000, severity=1.0, seed=2)
    assert 0.02 < df.complained.mean() < 0.06


# --- invariants --------------------------------------------------------------------------------

@SMALL
@given(seed=st.integers(0, 10_000), stability=shares, controllability=shares,
       k=st.integers(0, 3))
def test_no_failure_no_change(seed, stability, controllability, k):
    df = rc.simulate_encounters(300, severity=0.0, recovery="full", prior_failures=k,
                                stability=stability, controllability=controllability, seed=seed)
    np.testing.assert_array_equal(df.sat_failure, df.sat_no_failure)
    np.testing.assert_array_equal(df.sat_recovery, df.sat_no_failure)
    np.testing.assert_array_equal(df.repurchase, df.repurchase_no_failure)
    np.testing.assert_array_equal(df.word_of_mouth, df.wom_no_failure)
    assert not df.complained.any() and not df.paradox.any()
    assert rc.paradox_share(severity=0.0) == 0.0


@SMALL
@given(seed=st.integers(0, 10_000), severity=severities,
       low=st.floats(0, 3), extra=st.floats(0, 3), stability=shares)
def test_more_compensation_never_lowers_satisfaction(seed, severity, low, extra, stability):
    kw = dict(severity=severity, stability=stability, seed=seed)
    a = rc.simulate_encounters(300, recovery={"compensation": low, "apology": 1}, **kw)
    b = rc.simulate_encounters(300, recovery={"compensation": low + extra, "apology": 1}, **kw)
    assert (b.sat_recovery.to_numpy() >= a.sat_recovery.to_numpy()).all()
    assert (b.repurchase.to_numpy() >= a.repurchase.to_numpy()).all()
    assert (rc.paradox_share(severity=severity, recovery={"compensation": low + extra})
            >= rc.paradox_share(severity=severity, recovery={"compensation": low}))


@SMALL
@given(s1=severities, s2=severities, stability=shares, controllability=shares)
def test_paradox_share_falls_with_severity(s1, s2, stability, controllability):
    lo, hi = sorted((s1, s2))
    kw = dict(stability=stability, controllability=controllability)
    assert rc.paradox_share(severity=hi, **kw) <= rc.paradox_share(severity=lo, **kw)


@SMALL
@given(severity=severities, k=st.integers(0, 4), stability=shares)
def test_paradox_share_falls_with_prior_failures(severity, k, stability):
    kw = dict(severity=severity, stability=stability)
    assert (rc.paradox_share(prior_failures=k + 1, **kw)
            <= rc.paradox_share(prior_failures=k, **kw))


@SMALL
@given(severity=severities, seed=st.integers(0, 1000))
def test_failure_always_hurts_and_no_recovery_restores_nothing(severity, seed):
    df = rc.simulate_encounters(200, severity=severity, recovery="none", seed=seed)
    assert (df.sat_failure < df.sat_no_failure).all()
    np.testing.assert_array_equal(df.sat_recovery, df.sat_failure)


def test_reproducible_with_a_seed():
    a = rc.simulate_encounters(1_000, severity=1.0, seed=42)
    b = rc.simulate_encounters(1_000, severity=1.0, seed=42)
    c = rc.simulate_encounters(1_000, severity=1.0, seed=43)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    assert not a.isna().any().any()


def test_only_complainers_recovered():
    df = rc.simulate_encounters(20_000, severity=1.0, seed=5, recover_only_complainers=True)
    np.testing.assert_array_equal(df.recovered, df.complained)
    silent = ~df.complained
    np.testing.assert_array_equal(df.sat_recovery[silent], df.sat_failure[silent])
    assert (df.sat_recovery[df.complained] > df.sat_failure[df.complained]).all()


def test_grid_has_every_combination_and_matches_paradox_share():
    g = rc.paradox_grid(severity=[0.5, 1.0], prior_failures=[0, 1, 2], stability=[0, 1],
                        controllability=[0.5])
    assert len(g) == 12
    row = g.query("severity == 1.0 and prior_failures == 2 and stability == 1").iloc[0]
    assert row.paradox_share == pytest.approx(
        rc.paradox_share(severity=1.0, prior_failures=2, stability=1, controllability=0.5))


def test_parameter_table_documents_every_parameter():
    t = rc.parameter_table()
    assert list(t.index) == [f.name for f in rc.RecoveryParameters.__dataclass_fields__.values()]
    assert not t.loc[["gain_curvature", "loss_curvature", "loss_aversion"], "assumption"].any()
    assert t.loc["weight_compensation", "assumption"]
    assert (t.source.str.len() > 0).all()


# --- complaints and guarantees -----------------------------------------------------------------

def test_complaint_probability_and_silent_customers():
    assert complaints.complaint_probability(1.0, 0.04) == pytest.approx(0.04)
    assert complaints.complaint_probability(2.0, 0.04) == pytest.approx(1 - 0.96 ** 2)
    p = complaints.complaint_probability(np.array([0, 0.5, 1, 3]))
    assert (np.diff(p) > 0).all() and p[0] == 0
    assert complaints.silent_per_complaint(0.04) == pytest.approx(24.0)


def test_complaint_types_two_dimensions():
    assert set(complaints.COMPLAINT_TYPES) == {"instrumental", "non-instrumental", "ostensive",
                                               "reflexive"}
    labels = complaints.complaint_type([True, True, False, False], [False, True, False, True])
    assert labels.tolist() == ["instrumental, ostensive", "instrumental, reflexive",
                               "non-instrumental, ostensive", "non-instrumental, reflexive"]


def test_complaint_economics_hand_computed():
    e = complaints.complaint_economics(customers=20_000, failure_rate=0.05, complaint_rate=0.1,
                                       recovery_cost=50, customer_value=400,
                                       retention_recovered=0.9, retention_silent=0.6)
    # 1000 failures, 100 complaints, 30 saved, 12 000 saved value, 5 000 cost
    assert (e.failures, e.complaints, e.silent) == (1000, 100, 900)
    assert e.customers_saved == pytest.approx(30)
    assert e.net_value == pytest.approx(7_000)
    assert e.value_per_extra_complaint == pytest.approx(70)


def test_guarantee_break_even_payout_makes_net_zero():
    kw = dict(customers=5_000, failure_rate=0.08, invocation_rate=0.6, customer_value=300,
              retention_invoked=0.75, retention_silent=0.4, false_claim_rate=0.02)
    e = guarantees.guarantee_economics(payout=25, **kw)
    assert e.genuine_claims == pytest.approx(240) and e.false_claims == pytest.approx(92)
    zero = guarantees.guarantee_economics(payout=e.break_even_payout, **kw)
    assert zero.net_value == pytest.approx(0, abs=1e-6)
    assert len(guarantees.GUARANTEE_CHARACTERISTICS) == 4
    assert [s.number for s in rc.RECOVERY_STRATEGIES] == list(range(1, 9))


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(n=0, severity=1), ValueError, "n"),
    (dict(n=10, severity=-1), ValueError, "severity"),
    (dict(n=10, severity=[1, 2]), TypeError, "severity"),
    (dict(n=10, severity=1, stability=1.5), ValueError, "stability"),
    (dict(n=10, severity=1, controllability=50), ValueError, "controllability"),
    (dict(n=10, severity=1, prior_failures=-1), ValueError, "prior_failures"),
    (dict(n=10, severity=1, prior_failures=1.5), TypeError, "prior_failures"),
    (dict(n=10, severity=1, recovery="great"), ValueError, "recovery"),
    (dict(n=10, severity=1, recovery={"refund": 1}), ValueError, "recovery"),
    (dict(n=10, severity=1, recovery=3), TypeError, "recovery"),
    (dict(n=10, severity=float("nan")), ValueError, "severity"),
    (dict(n=10, severity=1, params={"loss_aversion": 2}), TypeError, "params"),
    (dict(n=10, severity=1, recover_only_complainers="yes"), TypeError,
     "recover_only_complainers"),
    (dict(n=10, severity=1, framing="netted"), ValueError, "framing"),
])
def test_simulate_rejects_bad_input(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        rc.simulate_encounters(**kwargs)


@pytest.mark.parametrize("call, exc, match", [
    (lambda: rc.Recovery(speed=2), ValueError, "speed"),
    (lambda: rc.Recovery(compensation=-1), ValueError, "compensation"),
    (lambda: rc.RecoveryParameters(loss_aversion=-1), ValueError, "loss_aversion"),
    (lambda: rc.RecoveryParameters(gain_curvature=1.5), ValueError, "gain_curvature"),
    (lambda: rc.RecoveryParameters(complaint_rate=4), ValueError, "complaint_rate"),
    (lambda: rc.prospect_value("big"), TypeError, "x"),
    (lambda: rc.paradox_share(severity=-0.1), ValueError, "severity"),
    (lambda: rc.paradox_share(severity=0.5, framing="hedonic"), ValueError, "framing"),
    (lambda: rc.expected_path(severity=0.5, framing=1), ValueError, "framing"),
    (lambda: complaints.complaint_probability(1, 1.0), ValueError, "complaint_rate"),
    (lambda: complaints.complaint_type(1, 0), TypeError, "expects_action"),
    (lambda: complaints.complaint_economics(customers=100, failure_rate=10, complaint_rate=0.1,
                                            recovery_cost=1, customer_value=1,
                                            retention_recovered=0.5, retention_silent=0.4),
     ValueError, "failure_rate"),
    (lambda: guarantees.guarantee_economics(customers=100, failure_rate=0.1, invocation_rate=0.5,
                                            payout=-5, customer_value=1, retention_invoked=0.5,
                                            retention_silent=0.4), ValueError, "payout"),
])
def test_other_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_parameters_are_frozen():
    p = rc.RecoveryParameters()
    with pytest.raises(AttributeError):
        p.loss_aversion = 1.0  # type: ignore[misc]
    assert replace(p, loss_aversion=1.0).loss_aversion == 1.0


# --- the synthetic experiment ------------------------------------------------------------------

@pytest.fixture(scope="module")
def experiment() -> pd.DataFrame:
    return pd.read_csv(ROOT / "datasets" / "recovery_experiment.csv")


def test_dataset_file_regenerates_bit_for_bit():
    from coursekit.synth.recovery import recovery_experiment

    data = recovery_experiment().to_csv(index=False, lineterminator="\n").encode()
    assert data == (ROOT / "datasets" / "recovery_experiment.csv").read_bytes()
    card = (ROOT / "datasets" / "recovery_experiment.toml").read_text()
    assert hashlib.sha256(data).hexdigest() in card


def test_ols_recovers_the_true_cell_means(experiment):
    import statsmodels.formula.api as smf

    from coursekit.synth.recovery import true_cell_means

    fit = smf.ols("satisfaction ~ C(severity) * C(recovery) * C(attribution)", experiment).fit()
    truth = true_cell_means().reset_index()
    pred = fit.get_prediction(truth[["severity", "recovery", "attribution"]]).summary_frame()
    z = (pred["mean"].to_numpy() - truth["satisfaction"].to_numpy()) / pred["mean_se"].to_numpy()
    assert np.abs(z).max() < 4


def test_anova_finds_the_generator_effects(experiment):
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    fit = smf.ols("satisfaction ~ C(severity, Sum) * C(recovery, Sum) * C(attribution, Sum)",
                  experiment).fit()
    table = sm.stats.anova_lm(fit, typ=2)
    p = table["PR(>F)"]
    # true effects: severity, recovery, attribution (through recovery) and recovery x attribution
    assert p["C(severity, Sum)"] < 1e-6
    assert p["C(recovery, Sum)"] < 1e-6
    assert p["C(recovery, Sum):C(attribution, Sum)"] < 1e-6
    # in the mean the failure and the recovery are separate accounts: no severity x recovery term
    true_int = true_severity_by_recovery_interaction()
    assert abs(true_int) < 1e-12
    assert p["C(severity, Sum):C(recovery, Sum)"] > 0.001


def true_severity_by_recovery_interaction() -> float:
    from coursekit.synth.recovery import true_cell_means

    t = true_cell_means()["satisfaction"].xs("unstable_uncontrollable", level="attribution")
    return (t["major", "full"] - t["major", "none"]) - (t["minor", "full"] - t["minor", "none"])


def test_paradox_only_in_the_favourable_cell(experiment):
    change = (experiment.satisfaction - experiment.satisfaction_before).groupby(
        [experiment.severity, experiment.recovery, experiment.attribution]).agg(["mean", "sem"])
    best = change.loc[("minor", "full", "unstable_uncontrollable")]
    assert best["mean"] - 3 * best["sem"] > 0
    others = change.drop(index=("minor", "full", "unstable_uncontrollable"))
    assert (others["mean"] + 3 * others["sem"] < 0).all()
