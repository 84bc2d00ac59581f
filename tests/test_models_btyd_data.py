"""Transaction summaries on real and synthetic logs; parameter recovery on the cafe data.

Oracle: summarising the CDNOW 1/10 sample transactions (calibration to 1997-09-30, weeks)
reproduces Fader and Hardie's published summary (cdnow_summary, from lifetimes 0.11.3)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from coursekit.models.btyd import BGNBD, GammaGamma, summarize_transactions

DATA = Path(__file__).resolve().parents[1] / "datasets"


@pytest.fixture(scope="module")
def cdnow_log() -> pd.DataFrame:
    return pd.read_csv(DATA / "cdnow_transactions.csv", parse_dates=["date"])


@pytest.fixture(scope="module")
def cafe_summary() -> pd.DataFrame:
    log = pd.read_csv(DATA / "cafe_transactions.csv", parse_dates=["date"])
    return summarize_transactions(log, "customer_id", "date", "amount",
                                  observation_end="2024-12-29")


def test_summary_reproduces_published_cdnow_summary(cdnow_log):
    ours = summarize_transactions(cdnow_log, "customer_id", "date", "dollar_value",
                                  observation_end="1998-06-30", calibration_end="1997-09-30")
    ref = pd.read_csv(DATA / "cdnow_summary.csv").set_index("customer_id")
    assert len(ours) == 2357
    assert (ours["frequency"] == ref["frequency"]).all()
    assert ours["recency"].to_numpy() == pytest.approx(ref["recency"].to_numpy(), abs=0.005)
    assert ours["T"].to_numpy() == pytest.approx(ref["T"].to_numpy(), abs=0.005)
    # the published zbar is rounded to cents (half-way cases round either way)
    assert ours["monetary_value"].to_numpy() == pytest.approx(ref["monetary_value"].to_numpy(),
                                                              abs=0.0101)
    assert (ours["duration_holdout"] == 39.0).all()
    assert ours["frequency_holdout"].sum() == 1882  # repeat purchases in weeks 40-78


def test_summary_time_units_and_same_day_merge():
    log = pd.DataFrame({"c": ["a", "a", "a", "b"],
                        "d": ["2024-01-01", "2024-01-01", "2024-01-15", "2024-01-10"],
                        "v": [2.0, 3.0, 4.0, 1.0]})
    days = summarize_transactions(log, "c", "d", "v", observation_end="2024-01-29", time_unit="D")
    weeks = summarize_transactions(log, "c", "d", "v", observation_end="2024-01-29")
    assert days.loc["a"].tolist() == [1, 14.0, 28.0, 4.0]  # same-day purchases merged
    assert weeks.loc["a", "recency"] == 2.0 and weeks.loc["b", "T"] == pytest.approx(19 / 7)
    hold = summarize_transactions(log, "c", "d", observation_end="2024-01-29",
                                  calibration_end="2024-01-12", time_unit="D")
    assert hold.loc["a", ["frequency", "frequency_holdout"]].tolist() == [0, 1]
    assert hold.loc["a", "duration_holdout"] == 17.0


def test_summary_bad_input():
    log = pd.DataFrame({"c": [1, 1], "d": ["2024-01-01", "2024-01-05"], "v": [1.0, 2.0]})
    with pytest.raises(ValueError, match="missing column"):
        summarize_transactions(log, "customer", "d")
    with pytest.raises(ValueError, match="time_unit"):
        summarize_transactions(log, "c", "d", time_unit="Y")
    with pytest.raises(ValueError, match="calibration_end"):
        summarize_transactions(log, "c", "d", observation_end="2024-01-05",
                               calibration_end="2024-02-01")
    with pytest.raises(ValueError, match="observation_end"):
        summarize_transactions(log, "c", "d", observation_end="not a date")
    with pytest.raises(ValueError, match="value column"):
        summarize_transactions(log.assign(v=["x", "y"]), "c", "d", "v")


def test_cafe_generator_reproduces_the_shipped_file():
    from coursekit.synth import to_csv_bytes
    from coursekit.synth.rfm import cafe_transactions

    shipped = (DATA / "cafe_transactions.csv").read_bytes()
    assert hashlib.sha256(to_csv_bytes(cafe_transactions())).hexdigest() == \
        hashlib.sha256(shipped).hexdigest()


def test_cafe_parameter_recovery(cafe_summary):
    """The fitted BG/NBD is close to the truth: a likelihood-ratio test (4 df, 0.1% level)
    does not reject the true parameters, and the mean bill is recovered within 5%."""
    from coursekit.synth.rfm import TRUE_BGNBD, TRUE_GAMMA_GAMMA

    s = cafe_summary
    fitted = BGNBD().fit(s["frequency"], s["recency"], s["T"])
    truth = BGNBD.from_params(**TRUE_BGNBD)
    ll_true = truth.log_likelihood(s["frequency"], s["recency"], s["T"]).sum()
    assert 0 <= 2 * (fitted.log_likelihood_ - ll_true) < stats.chi2.ppf(0.999, df=4)
    gg = GammaGamma().fit(s["frequency"], s["monetary_value"])
    true_mean = GammaGamma.from_params(**TRUE_GAMMA_GAMMA).mean_spend()
    assert gg.mean_spend() == pytest.approx(true_mean, rel=0.05)
    # spend is independent of frequency by construction (the gamma-gamma assumption)
    repeat = s[s["frequency"] > 0]
    assert abs(np.corrcoef(repeat["frequency"], repeat["monetary_value"])[0, 1]) < 0.1
